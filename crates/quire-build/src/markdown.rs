//! Markdown to safe HTML, with everything a post page and a list page need from it:
//! heading ids and the table of contents, the excerpt, and the plain text.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_href;
use quire_model::escape_html;
use quire_model::TocEntry;

use quire_model::slug::term_slug;

use crate::highlight;

/// One post's Markdown, rendered.
#[derive(Debug, Default, PartialEq)]
pub struct Rendered {
    /// Sanitised HTML of the whole body.
    pub html: String,
    /// The part before `<!-- more -->`, when the post has the marker.
    pub before_more: Option<Excerpt>,
    /// The first paragraph, when there is one.
    pub first_paragraph: Option<Excerpt>,
    pub toc: Vec<TocEntry>,
    /// The body's text without markup, blocks separated by newlines.
    pub text: String,
}

/// A part of the body, as sanitised HTML and as plain text.
#[derive(Debug, Default, PartialEq)]
pub struct Excerpt {
    pub html: String,
    pub text: String,
}

/// Where a part of the body lies in the output events and in the plain text.
#[derive(Clone, Debug)]
struct Span {
    events: std::ops::Range<usize>,
    text: std::ops::Range<usize>,
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

pub fn render(markdown: &str) -> Rendered {
    render_sanitising(markdown, false)
}

/// [`render`], sanitising every part when `always` (to check that the parts it leaves alone
/// are what the sanitiser would make of them).
fn render_sanitising(markdown: &str, always: bool) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, OPTIONS).collect();
    // The post's title is the page's only <h1>, so a body that uses `#` moves down a level.
    let demote = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut text = String::new();
    let mut headings: Vec<(u8, String, String)> = Vec::new();
    let mut used_ids = HashSet::new();
    let mut more_at = None;
    let mut first_paragraph = None;
    let mut depth = 0usize;
    // Per link open, whether its `<a>` is ours to close (see `link_open`).
    let mut own_links = Vec::new();
    let mut code_blocks: Vec<String> = Vec::new();
    // Where in `out` the author's own markup is: only HTML made from those events needs the
    // sanitiser (see `to_html`).
    let mut needs_sanitiser: Vec<usize> = Vec::new();

    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner: Vec<Event<'_>> = events
                    .by_ref()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .collect();
                let heading_text = plain_text(&inner);
                let level = (level as u8 + u8::from(demote)).min(6);
                let id = unique_id(
                    id.map(|id| id.to_string())
                        .unwrap_or_else(|| term_slug(&heading_text)),
                    &mut used_ids,
                );
                if !attrs.is_empty() {
                    needs_sanitiser.push(out.len());
                }
                let mut open = format!("<h{level} id=\"{}\"", escape_html(&id));
                if !classes.is_empty() {
                    open += &format!(" class=\"{}\"", escape_html(&classes.join(" ")));
                }
                for (name, value) in attrs {
                    open += &format!(
                        " {}=\"{}\"",
                        escape_html(&name),
                        escape_html(value.as_deref().unwrap_or_default())
                    );
                }
                out.push(Event::Html((open + ">").into()));
                out.extend(inner);
                // A link to the section, for readers to copy; its `#` is drawn by the theme, so
                // the heading's text stays the same for snippets. Its name is short: it follows
                // the heading it belongs to, and every heading of every post carries one.
                out.push(Event::Html(
                    format!(
                        "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Link to this section\"></a></h{level}>\n",
                        escape_html(&id),
                    )
                    .into(),
                ));
                text.push_str(&heading_text);
                text.push('\n');
                headings.push((level, id, heading_text));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for inner in events.by_ref() {
                    match inner {
                        Event::Text(part) => code.push_str(&part),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                // The info string's first word names the language (`rust,ignore`, `js {1,3}`).
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or_default(),
                    CodeBlockKind::Indented => "",
                };
                // The block's HTML is ours, built from escaped text: it goes in after the
                // sanitiser, which would otherwise parse every highlighted token's <span>.
                out.push(Event::Html(code_marker(code_blocks.len()).into()));
                code_blocks.push(highlight::code_block(lang, &code));
                text.push_str(&code);
                text.push('\n');
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) if is_more_marker(html) => {
                more_at.get_or_insert(Span {
                    events: 0..out.len(),
                    text: 0..text.len(),
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                needs_sanitiser.push(out.len());
                out.push(event);
            }
            Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            }) if is_plain_url(dest_url) => {
                own_links.push(true);
                out.push(Event::Html(link_open(dest_url, title).into()));
                depth += 1;
            }
            Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) if is_plain_url(dest_url) => {
                let mut nested = 0usize;
                let alt: Vec<Event<'_>> = events
                    .by_ref()
                    .take_while(|e| match e {
                        Event::Start(Tag::Image { .. }) => {
                            nested += 1;
                            true
                        }
                        Event::End(TagEnd::Image) if nested > 0 => {
                            nested -= 1;
                            true
                        }
                        Event::End(TagEnd::Image) => false,
                        _ => true,
                    })
                    .collect();
                let alt = plain_text(&alt);
                text.push_str(&alt);
                out.push(Event::Html(image_tag(dest_url, title, &alt).into()));
            }
            Event::Start(ref tag) => {
                match tag {
                    Tag::Link { .. } => {
                        own_links.push(false);
                        needs_sanitiser.push(out.len());
                    }
                    Tag::Image { .. } => needs_sanitiser.push(out.len()),
                    _ => {}
                }
                if depth == 0 && matches!(tag, Tag::Paragraph) && first_paragraph.is_none() {
                    first_paragraph = Some(Span {
                        events: out.len()..out.len(),
                        text: text.len()..text.len(),
                    });
                }
                depth += 1;
                out.push(event);
            }
            Event::End(end) => {
                depth -= 1;
                if end == TagEnd::Link && own_links.pop() == Some(true) {
                    out.push(Event::Html("</a>".into()));
                    continue;
                }
                out.push(event);
                if depth == 0 {
                    if let Some(span) = first_paragraph
                        .as_mut()
                        .filter(|span| span.events.is_empty())
                    {
                        span.events.end = out.len();
                        span.text.end = text.len();
                    }
                }
                if is_block(end) {
                    text.push('\n');
                }
            }
            Event::Text(ref s) | Event::Code(ref s) => {
                text.push_str(s);
                out.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                out.push(event);
            }
            // A task's box is read-only, and a form control needs a name for screen readers.
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked=\"\"", "Done")
                } else {
                    ("", "Not done")
                };
                out.push(Event::Html(
                    format!(r#"<input type="checkbox" disabled=""{checked} aria-label="{label}">"#)
                        .into(),
                ));
            }
            other => out.push(other),
        }
    }

    // HTML written from Markdown alone is safe as it is: pulldown-cmark escapes text, and links
    // and images are written here by the sanitiser's rules. Sanitising costs as much as all the
    // rest of rendering, so only parts with the author's own markup pay for it.
    let to_html = |events: std::ops::Range<usize>| {
        let mut html = String::new();
        // A `<!-- more -->` inside a paragraph leaves it open: close what is.
        let mut unclosed = Vec::new();
        for event in &out[events.clone()] {
            match event {
                Event::Start(tag) => unclosed.push(tag.to_end()),
                Event::End(_) => drop(unclosed.pop()),
                _ => {}
            }
        }
        let closing = unclosed.into_iter().rev().map(Event::End);
        pulldown_cmark::html::push_html(
            &mut html,
            out[events.clone()].iter().cloned().chain(closing),
        );
        let mut clean = if always || needs_sanitiser.iter().any(|at| events.contains(at)) {
            SANITIZER.clean(&html).to_string()
        } else {
            html
        };
        for (i, block) in code_blocks.iter().enumerate() {
            let marker = code_marker(i);
            if let Some(at) = clean.find(&marker) {
                clean.replace_range(at..at + marker.len(), block);
            }
        }
        clean
    };
    let excerpt = |span: Span| Excerpt {
        html: to_html(span.events),
        text: text[span.text].trim().to_owned(),
    };
    let before_more = more_at.map(excerpt);
    let first_paragraph = first_paragraph
        .filter(|span| !span.events.is_empty())
        .map(excerpt);
    Rendered {
        html: to_html(0..out.len()),
        before_more,
        first_paragraph,
        toc: nest(headings),
        text,
    }
}

/// Stands for the `i`th code block until the HTML is sanitised: private-use characters, which
/// the sanitiser keeps as text and no author writes.
fn code_marker(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(s) | Event::Code(s) => Some(s.as_ref()),
            _ => None,
        })
        .collect()
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "section".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Hexo's excerpt marker: `<!-- more -->`, spaces optional.
fn is_more_marker(html: &CowStr<'_>) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
        .is_some_and(|s| s.trim() == "more")
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// A URL that is written as it is, without the sanitiser: a relative one, or one of the
/// schemes posts link to every day. Others (`javascript:`, and any the sanitiser might keep)
/// are left to it, as is anything with whitespace or control characters, which browsers
/// strip from a scheme.
fn is_plain_url(url: &str) -> bool {
    if url
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if url[at..].starts_with(':') => {
            let scheme = &url[..at];
            ["http", "https", "mailto"]
                .iter()
                .any(|plain| scheme.eq_ignore_ascii_case(plain))
        }
        _ => true,
    }
}

/// A Markdown link's `<a>`, as the sanitiser would leave it: relative to the base, external
/// ones in a new tab, all with `rel="noopener"`.
fn link_open(url: &str, title: &str) -> String {
    let mut open = String::from("<a href=\"");
    escape_href(&mut open, site_relative(url)).expect("writing to a String");
    open.push('"');
    if is_external(url) {
        open.push_str(" target=\"_blank\"");
    }
    if !title.is_empty() {
        open += &format!(" title=\"{}\"", escape_html(title));
    }
    open + " rel=\"noopener\">"
}

/// A Markdown image, as the sanitiser would leave it: relative to the base, loading lazily.
fn image_tag(url: &str, title: &str, alt: &str) -> String {
    let mut tag = String::from("<img src=\"");
    escape_href(&mut tag, site_relative(url)).expect("writing to a String");
    tag += &format!("\" alt=\"{}\"", escape_html(alt));
    if !title.is_empty() {
        tag += &format!(" title=\"{}\"", escape_html(title));
    }
    tag + " loading=\"lazy\" decoding=\"async\">"
}

fn is_block(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
    )
}

/// Headings in document order, nested under the nearest preceding heading of a higher level.
fn nest(headings: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(entries: &mut Vec<TocEntry>, entry: TocEntry) {
        match entries.last_mut() {
            Some(parent) if parent.level < entry.level => insert(&mut parent.children, entry),
            _ => entries.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, text) in headings {
        insert(
            &mut toc,
            TocEntry {
                id,
                text,
                level,
                children: Vec::new(),
            },
        );
    }
    toc
}

/// A root-relative URL (`/images/a.png`) made relative to the site (`images/a.png`), which the
/// page's `<base href>` resolves wherever the site is deployed, at a domain's root or under a
/// subpath. Other URLs are returned as they are.
pub fn site_relative(url: &str) -> &str {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => rest,
        _ => url,
    }
}

fn relative_to_base(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    Some(site_relative(url).into())
}

/// What raw HTML in a post may keep: the markup of embeds, figures and ad slots, never
/// scripts, event handlers or `javascript:` URLs. Links get `rel="noopener"`; images and
/// frames load lazily.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "input",
            "iframe",
            "video",
            "audio",
            "source",
            "track",
            "picture",
            "figure",
            "figcaption",
        ])
        .add_generic_attributes(["id", "class", "style", "title", "lang", "dir", "role"])
        .add_generic_attribute_prefixes(["data-", "aria-"])
        .add_tag_attributes("a", ["target"])
        .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "width",
                "height",
                "allow",
                "allowfullscreen",
                "frameborder",
                "loading",
                "referrerpolicy",
                "sandbox",
            ],
        )
        .add_tag_attributes(
            "video",
            [
                "src",
                "poster",
                "controls",
                "width",
                "height",
                "muted",
                "loop",
                "playsinline",
                "preload",
            ],
        )
        .add_tag_attributes("audio", ["src", "controls", "muted", "loop", "preload"])
        .add_tag_attributes("source", ["src", "srcset", "type", "media", "sizes"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        .link_rel(Some("noopener"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(relative_to_base)))
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async")
        .set_tag_attribute_value("iframe", "loading", "lazy");
    builder
});

#[cfg(test)]
mod tests;
