//! Markdown to safe HTML, with everything a post page and a list page need from it:
//! heading ids and the table of contents, the excerpt, and the plain text.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_href;
use quire_model::escape_html;
use quire_model::words::{Word, Words};
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
    /// The URLs of links, images and frames that [`is_allowed_url`] turns away, as written:
    /// they are left out of the HTML, and the build warns of each.
    pub dropped_urls: Vec<String>,
    /// Formulas and diagrams that could not be drawn: shown as their source, and the build
    /// warns of each.
    pub undrawn: Vec<Undrawn>,
}

/// A formula or a diagram that could not be drawn.
#[derive(Debug, PartialEq)]
pub struct Undrawn {
    /// What it is, as a warning names it: "a formula", "a diagram".
    pub what: &'static str,
    /// Its source, as written.
    pub source: String,
    /// What is wrong with it.
    pub why: String,
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

pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    // GitHub's alerts: `> [!NOTE]` and the four others.
    .union(Options::ENABLE_GFM)
    // `$…$` and `$$…$$`, drawn as MathML (see `math`).
    .union(Options::ENABLE_MATH);

/// The words the build writes into a post's HTML (a code block's copy button, a heading's
/// link, a task's box), in the site's language, escaped for HTML.
#[derive(Clone, Debug)]
pub struct PostWords {
    /// A code block's copy button, which src/js/site.js brings to life.
    copy_button: String,
    link_to_section: String,
    task_done: String,
    task_not_done: String,
    /// A callout's title, by its kind: note, tip, important, warning, caution.
    callouts: [String; 5],
}

impl PostWords {
    pub fn of(words: &Words) -> Self {
        let word = |word| escape_html(words.get(word));
        let (copy, copy_code) = (word(Word::Copy), word(Word::CopyCode));
        let (copied, failed) = (word(Word::Copied), word(Word::CopyFailed));
        Self {
            copy_button: format!(
                "<button type=\"button\" class=\"code-copy\" aria-label=\"{copy_code}\" \
                 data-copied=\"{copied}\" data-failed=\"{failed}\">{copy}</button>"
            ),
            link_to_section: word(Word::LinkToSection),
            task_done: word(Word::TaskDone),
            task_not_done: word(Word::TaskNotDone),
            callouts: [
                Word::CalloutNote,
                Word::CalloutTip,
                Word::CalloutImportant,
                Word::CalloutWarning,
                Word::CalloutCaution,
            ]
            .map(word),
        }
    }
}

static ENGLISH: LazyLock<PostWords> = LazyLock::new(|| {
    PostWords::of(&crate::i18n::words("en", &Default::default()).expect("no overrides"))
});

impl PostWords {
    /// The title of a callout of `kind`, as HTML.
    pub(crate) fn callout_title(&self, kind: pulldown_cmark::BlockQuoteKind) -> String {
        use pulldown_cmark::BlockQuoteKind::*;
        let index = match kind {
            Note => 0,
            Tip => 1,
            Important => 2,
            Warning => 3,
            Caution => 4,
        };
        format!("<p class=\"callout-title\">{}</p>\n", self.callouts[index])
    }

    /// The English words: for [`render`], and for tests and fuzzing.
    pub fn english() -> &'static PostWords {
        &ENGLISH
    }
}

/// `markdown` rendered for a page at the site's root, in English: [`render_in`] `/`.
pub fn render(markdown: &str) -> Rendered {
    render_in(markdown, "/", PostWords::english())
}

/// `markdown` rendered, its relative URLs (`diagram.png`, `../a/`) resolved against `folder`,
/// the URL path of the folder they belong to (a post's own, or its asset folder): every page
/// that shows the HTML (the post, lists, feeds) has a `<base href>` at the site's root.
pub fn render_in(markdown: &str, folder: &str, words: &PostWords) -> Rendered {
    render_sanitising(markdown, folder, words, false)
}

/// [`render_in`], sanitising every part when `always` (to check that the parts it leaves
/// alone are what the sanitiser would make of them).
fn render_sanitising(markdown: &str, folder: &str, words: &PostWords, always: bool) -> Rendered {
    let markdown = &*crate::math::dollar_delimiters(markdown);
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, OPTIONS).collect();
    // Code blocks stand as markers until the HTML is sanitised. A marker holds a hash of the
    // Markdown it stands in, which that Markdown cannot contain: no author can type one.
    let marker_key = quire_model::files::content_hash(markdown.as_bytes());
    let dropped_urls = dropped_urls(&events);
    Rendered {
        dropped_urls,
        ..Body::walk(events, marker_key, folder, words).into_rendered(always)
    }
}

/// The URLs in `events` that the URL policy turns away: Markdown's link and image
/// destinations, and the URL attributes of raw HTML (found by a light scan: the sanitiser, not
/// this, is what removes them).
fn dropped_urls(events: &[Event<'_>]) -> Vec<String> {
    let mut dropped = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_allowed_url(dest_url) =>
            {
                dropped.push(dest_url.to_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => dropped.extend(
                url_attributes(html)
                    .filter(|url| !is_allowed_url(&decode_character_references(url)))
                    .map(str::to_owned),
            ),
            _ => {}
        }
    }
    dropped
}

/// The values of the URL attributes in `html` (`href="…"`, `src=…`), as written.
fn url_attributes(html: &str) -> impl Iterator<Item = &str> {
    url_attribute_ranges(html).map(move |range| &html[range])
}

/// Where the values of the URL attributes in `html` are.
fn url_attribute_ranges(html: &str) -> impl Iterator<Item = std::ops::Range<usize>> {
    const NAMES: [&str; 7] = [
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "cite",
    ];
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(eq) = lower[at..].find('=').map(|i| at + i) {
        at = eq + 1;
        let name_end = lower[..eq].trim_end().len();
        let name_start = lower[..name_end]
            .rfind(|c: char| c.is_ascii_whitespace() || c == '<' || c == '"' || c == '\'')
            .map_or(0, |i| i + 1);
        let name = lower[name_start..name_end].trim_start_matches("xlink:");
        if !NAMES.contains(&name) {
            continue;
        }
        let rest = html[at..].trim_start();
        let start = html.len() - rest.len();
        let (value_start, value_end) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = rest[1..].find(quote).map_or(rest.len(), |i| i + 1);
                (start + 1, start + end)
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (start, start + end)
            }
        };
        found.push(value_start..value_end);
        at = value_end.max(at);
    }
    found.into_iter()
}

/// `html` (a post's raw HTML) with the relative paths of its URL attributes resolved against
/// `folder`, root-relative: the sanitiser then makes them relative to the site.
fn html_in_folder<'h>(html: &'h str, folder: &str) -> Cow<'h, str> {
    if folder == "/" {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut done = 0;
    for range in url_attribute_ranges(html) {
        if let Cow::Owned(resolved) = in_folder(&html[range.clone()], folder) {
            out.push_str(&html[done..range.start]);
            out.push_str(&resolved);
            done = range.end;
        }
    }
    if done == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[done..]);
    Cow::Owned(out)
}

/// `text` with its numeric character references (`&#106;`, `&#x3A;`) and `&colon;` decoded, as
/// a browser reads an attribute's value before it looks at the scheme.
fn decode_character_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&end| end < 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let number = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name.strip_prefix('#').and_then(|dec| dec.parse().ok()),
            };
            match name {
                "colon" => Some(':'),
                "Tab" | "NewLine" => Some(' '),
                _ => number.and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The body's events on their way to HTML (headings with ids, code blocks as markers, links
/// and images written by the sanitiser's rules), and what is gathered on the way.
struct Body<'a> {
    /// The post's title is the page's only <h1>, so a body that uses `#` moves down a level.
    demote: bool,
    out: Vec<Event<'a>>,
    /// The plain text, blocks separated by newlines.
    text: String,
    /// Level, id and text of each heading.
    headings: Vec<(u8, String, String)>,
    ids: HeadingIds,
    more_at: Option<Span>,
    first_paragraph: Option<Span>,
    /// How many tags are open.
    depth: usize,
    /// Per link open, whether its `<a>` is ours to close (see `link_open`).
    own_links: Vec<bool>,
    /// Each code block's and formula's HTML, put in after the sanitiser (see [`code_marker`]).
    code_blocks: Vec<String>,
    /// Formulas and diagrams that could not be drawn.
    undrawn: Vec<Undrawn>,
    /// What every code marker of this body holds.
    marker_key: String,
    /// Where in `out` the author's own markup is: only HTML made from those events needs the
    /// sanitiser (see [`Body::html_of`]).
    needs_sanitiser: Vec<usize>,
    /// The URL path relative URLs resolve against (see [`render_in`]).
    folder: String,
    words: &'a PostWords,
}

impl<'a> Body<'a> {
    fn walk(
        events: Vec<Event<'a>>,
        marker_key: String,
        folder: &str,
        words: &'a PostWords,
    ) -> Self {
        let demote = events.iter().any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        });
        let mut body = Self {
            demote,
            out: Vec::with_capacity(events.len()),
            text: String::new(),
            headings: Vec::new(),
            ids: HeadingIds::default(),
            more_at: None,
            first_paragraph: None,
            depth: 0,
            own_links: Vec::new(),
            code_blocks: Vec::new(),
            undrawn: Vec::new(),
            marker_key,
            needs_sanitiser: Vec::new(),
            folder: folder.to_owned(),
            words,
        };
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let inner: Vec<Event<'a>> = events
                        .by_ref()
                        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                        .collect();
                    body.heading(level, id, classes, attrs, inner);
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
                    body.code_block(&kind, &code);
                }
                // Hexo finds `<!-- more -->` anywhere in the HTML, text around it or not.
                Event::Html(ref html) | Event::InlineHtml(ref html)
                    if more_marker_in(html).is_some() =>
                {
                    let marker = more_marker_in(html).expect("just found");
                    let inline = matches!(event, Event::InlineHtml(_));
                    let part = |text: &str| -> Option<Event<'a>> {
                        let text = CowStr::from(text.to_owned());
                        let event = match inline {
                            true => Event::InlineHtml(text),
                            false => Event::Html(text),
                        };
                        (!html_is_blank(&event)).then_some(event)
                    };
                    if let Some(before) = part(&html[..marker.start]) {
                        body.needs_sanitiser.push(body.out.len());
                        body.out.push(before);
                    }
                    body.mark_more();
                    if let Some(after) = part(&html[marker.end..]) {
                        body.needs_sanitiser.push(body.out.len());
                        body.out.push(after);
                    }
                }
                Event::Html(ref html) | Event::InlineHtml(ref html) => {
                    let event = match html_in_folder(html, &body.folder) {
                        Cow::Borrowed(_) => event,
                        Cow::Owned(resolved) if matches!(event, Event::Html(_)) => {
                            Event::Html(resolved.into())
                        }
                        Cow::Owned(resolved) => Event::InlineHtml(resolved.into()),
                    };
                    body.needs_sanitiser.push(body.out.len());
                    body.out.push(event);
                }
                Event::Start(Tag::Link {
                    ref dest_url,
                    ref title,
                    ..
                }) if is_plain_url(dest_url) => {
                    body.own_links.push(true);
                    body.out.push(Event::Html(
                        link_open(&in_folder(dest_url, &body.folder), title).into(),
                    ));
                    body.depth += 1;
                }
                Event::Start(Tag::Image {
                    ref dest_url,
                    ref title,
                    ..
                }) if is_plain_url(dest_url) => {
                    let alt = plain_text(&image_alt(&mut events));
                    body.text.push_str(&alt);
                    body.out.push(Event::Html(
                        image_tag(&in_folder(dest_url, &body.folder), title, &alt).into(),
                    ));
                }
                // A callout: pulldown-cmark's `<blockquote class="markdown-alert-note">`, titled.
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let title = body.words.callout_title(kind);
                    body.start(&Tag::BlockQuote(Some(kind)));
                    body.out.push(event);
                    body.out.push(Event::Html(title.into()));
                }
                Event::Start(ref tag) => {
                    body.start(tag);
                    body.out.push(event);
                }
                Event::End(end) => body.end(end),
                Event::Text(ref s) | Event::Code(ref s) => {
                    body.text.push_str(s);
                    body.out.push(event);
                }
                Event::SoftBreak | Event::HardBreak => {
                    body.text.push(' ');
                    body.out.push(event);
                }
                Event::TaskListMarker(done) => body.out.push(body.task_box(done)),
                Event::InlineMath(ref tex) => body.math(tex, false),
                Event::DisplayMath(ref tex) => body.math(tex, true),
                other => body.out.push(other),
            }
        }
        body
    }

    /// A heading with a unique id (its own `{#id}`, or its text's slug), its classes and
    /// attributes, and a link to itself.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) {
        let heading_text = plain_text(&inner);
        let more_in_heading = inner.iter().any(
            |event| matches!(event, Event::InlineHtml(html) if more_marker_in(html).is_some()),
        );
        let level = (level as u8 + u8::from(self.demote)).min(6);
        let id = unique_id(
            id.map(|id| id.to_string())
                .unwrap_or_else(|| term_slug(&heading_text)),
            &mut self.ids,
        );
        // Raw HTML, links and images in a heading are the author's markup, as its attributes
        // are: the sanitiser reads them (and the excerpts and lists that show the heading).
        if !attrs.is_empty() || inner.iter().any(is_authored_markup) {
            self.needs_sanitiser.push(self.out.len());
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
        self.out.push(Event::Html((open + ">").into()));
        self.out.extend(inner);
        // A link to the section, for readers to copy; its `#` is drawn by the theme, so the
        // heading's text stays the same for snippets. Its name is short: it follows the
        // heading it belongs to, and every heading of every post carries one.
        self.out.push(Event::Html(
            format!(
                "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{}\"></a></h{level}>\n",
                escape_html(&id),
                self.words.link_to_section,
            )
            .into(),
        ));
        self.text.push_str(&heading_text);
        self.text.push('\n');
        self.headings.push((level, id, heading_text));
        // A `<!-- more -->` inside the heading: the excerpt ends after it.
        if more_in_heading {
            self.mark_more();
        }
    }

    /// The excerpt ends here: everything so far is the part before `<!-- more -->`.
    fn mark_more(&mut self) {
        self.more_at.get_or_insert(Span {
            events: 0..self.out.len(),
            text: 0..self.text.len(),
        });
    }

    /// A code block, highlighted; a marker stands for it until the HTML is sanitised.
    fn code_block(&mut self, kind: &CodeBlockKind<'_>, code: &str) {
        // The info string names the language and how to show the code (see `highlight::Fence`).
        let info = match kind {
            CodeBlockKind::Fenced(info) => info,
            CodeBlockKind::Indented => "",
        };
        // The block's HTML is ours, built from escaped text: it goes in after the sanitiser,
        // which would otherwise parse every highlighted token's <span>.
        self.out.push(Event::Html(
            code_marker(&self.marker_key, self.code_blocks.len()).into(),
        ));
        // A Mermaid fence is a diagram, drawn now (see `diagram`).
        let html = match highlight::Fence::parse(info).lang {
            "mermaid" => crate::diagram::figure(code).unwrap_or_else(|why| {
                self.undrawn.push(Undrawn {
                    what: "a diagram",
                    source: code.to_owned(),
                    why,
                });
                crate::diagram::as_source(code)
            }),
            _ => highlight::code_block(info, code, &self.words.copy_button),
        };
        self.code_blocks.push(html);
        self.text.push_str(code);
        self.text.push('\n');
    }

    /// A formula, as MathML: put in after the sanitiser (which knows no MathML), as code is.
    fn math(&mut self, tex: &str, display: bool) {
        let tex = tex.trim();
        let html = crate::math::mathml(tex, display).unwrap_or_else(|why| {
            self.undrawn.push(Undrawn {
                what: "a formula",
                source: tex.to_owned(),
                why,
            });
            crate::math::as_source(tex, display)
        });
        // Display math too is inside a paragraph, as pulldown-cmark reads it.
        let marker = code_marker(&self.marker_key, self.code_blocks.len());
        self.out.push(Event::InlineHtml(marker.into()));
        self.code_blocks.push(html);
        self.text.push_str(tex);
    }

    /// Any other tag opens: the author's links and images need the sanitiser; the first
    /// top-level paragraph is remembered.
    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Link { .. } => {
                self.own_links.push(false);
                self.needs_sanitiser.push(self.out.len());
            }
            Tag::Image { .. } => self.needs_sanitiser.push(self.out.len()),
            _ => {}
        }
        if self.depth == 0 && matches!(tag, Tag::Paragraph) && self.first_paragraph.is_none() {
            self.first_paragraph = Some(Span {
                events: self.out.len()..self.out.len(),
                text: self.text.len()..self.text.len(),
            });
        }
        self.depth += 1;
    }

    fn end(&mut self, end: TagEnd) {
        self.depth -= 1;
        if end == TagEnd::Link && self.own_links.pop() == Some(true) {
            self.out.push(Event::Html("</a>".into()));
            return;
        }
        self.out.push(Event::End(end));
        if self.depth == 0 {
            if let Some(span) = self
                .first_paragraph
                .as_mut()
                .filter(|span| span.events.is_empty())
            {
                span.events.end = self.out.len();
                span.text.end = self.text.len();
            }
        }
        if is_block(end) {
            self.text.push('\n');
        }
    }

    /// The HTML of `out[events]`, sanitised where the author's own markup is in it, with the
    /// code blocks put in.
    fn html_of(&self, events: std::ops::Range<usize>, always: bool) -> String {
        let mut html = String::new();
        // A `<!-- more -->` inside a paragraph leaves it open: close what is.
        let mut unclosed = Vec::new();
        for event in &self.out[events.clone()] {
            match event {
                Event::Start(tag) => unclosed.push(tag.to_end()),
                Event::End(_) => drop(unclosed.pop()),
                _ => {}
            }
        }
        let closing = unclosed.into_iter().rev().map(Event::End);
        pulldown_cmark::html::push_html(
            &mut html,
            self.out[events.clone()].iter().cloned().chain(closing),
        );
        // HTML written from Markdown alone is safe as it is: pulldown-cmark escapes text, and
        // links and images are written here by the sanitiser's rules. Sanitising costs as much
        // as all the rest of rendering, so only parts with the author's own markup pay for it.
        let clean = if always || self.needs_sanitiser.iter().any(|at| events.contains(at)) {
            sanitise(&html)
        } else {
            html
        };
        if self.code_blocks.is_empty() {
            return clean;
        }
        put_code_blocks(&clean, &self.marker_key, &self.code_blocks)
    }

    fn into_rendered(self, always: bool) -> Rendered {
        let excerpt = |span: Span| Excerpt {
            html: self.html_of(span.events, always),
            text: self.text[span.text].trim().to_owned(),
        };
        let before_more = self.more_at.clone().map(excerpt);
        let first_paragraph = self
            .first_paragraph
            .clone()
            .filter(|span| !span.events.is_empty())
            .map(excerpt);
        Rendered {
            html: self.html_of(0..self.out.len(), always),
            before_more,
            first_paragraph,
            toc: nest(self.headings),
            text: self.text,
            dropped_urls: Vec::new(),
            undrawn: self.undrawn,
        }
    }
}

/// Whether `event` is markup only the sanitiser may let through: raw HTML, a link, an image.
fn is_authored_markup(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Link { .. } | Tag::Image { .. })
    )
}

/// An image's alt text events, up to its end (images may nest in alt text).
fn image_alt<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut nested = 0usize;
    events
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
        .collect()
}

impl Body<'_> {
    /// A task's box: read-only, and named for screen readers, as a form control must be.
    fn task_box(&self, done: bool) -> Event<'static> {
        let (checked, label) = if done {
            (" checked=\"\"", &self.words.task_done)
        } else {
            ("", &self.words.task_not_done)
        };
        Event::Html(
            format!(r#"<input type="checkbox" disabled=""{checked} aria-label="{label}">"#).into(),
        )
    }
}

/// `html` through the sanitiser. ammonia adds the attributes it sets (an image's `loading`
/// and `decoding`) in a hash map's order, which changes from run to run: they are put in one
/// order here, so that a post's HTML, and so the name of its file, is the same in every build.
fn sanitise(html: &str) -> String {
    let clean = SANITIZER.clean(html).to_string();
    if clean.contains(UNORDERED_IMG_ATTRIBUTES) {
        clean.replace(
            UNORDERED_IMG_ATTRIBUTES,
            r#" loading="lazy" decoding="async""#,
        )
    } else {
        clean
    }
}

const UNORDERED_IMG_ATTRIBUTES: &str = r#" decoding="async" loading="lazy""#;

/// `html` with each code marker replaced by its block, in one pass (a search from the start
/// for each block made many blocks quadratic).
fn put_code_blocks(html: &str, key: &str, blocks: &[String]) -> String {
    let prefix = code_marker_start(key);
    let size = html.len() + blocks.iter().map(String::len).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut rest = html;
    while let Some(at) = rest.find(&prefix) {
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let end = after.find(CODE_MARKER_END);
        let block = end.and_then(|end| blocks.get(after[..end].parse::<usize>().ok()?));
        match (end, block) {
            (Some(end), Some(block)) => {
                out.push_str(block);
                rest = &after[end + CODE_MARKER_END.len_utf8()..];
            }
            _ => {
                out.push_str(&prefix);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Stands for the `i`th code block until the HTML is sanitised: private-use characters, which
/// the sanitiser keeps as text, around `key` (a hash of the Markdown, see `render_sanitising`).
fn code_marker(key: &str, i: usize) -> String {
    format!("{}{i}{CODE_MARKER_END}", code_marker_start(key))
}

/// What every code marker of the body whose key is `key` starts with.
fn code_marker_start(key: &str) -> String {
    format!("\u{E000}{key}-")
}

const CODE_MARKER_END: char = '\u{E001}';

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(s) | Event::Code(s) => Some(s.as_ref()),
            _ => None,
        })
        .collect()
}

fn unique_id(base: String, ids: &mut HeadingIds) -> String {
    let base = if base.is_empty() {
        "section".to_owned()
    } else {
        base
    };
    if ids.used.insert(base.clone()) {
        return base;
    }
    // The next suffix to try for this base, so that many headings of one text cost one try
    // each, not one for every heading before (20,000 of them took minutes).
    let n = ids.next_suffix.entry(base.clone()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if ids.used.insert(id.clone()) {
            return id;
        }
    }
}

/// The ids the body's headings have, and the next `-N` to try for each heading text.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

/// Hexo's excerpt marker: `<!-- more -->`, spaces optional.
/// Whether an HTML event holds only whitespace.
fn html_is_blank(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(text) | Event::InlineHtml(text) if text.trim().is_empty())
}

/// Where `<!-- more -->` is in `html` (any case, any spaces inside the comment), as Hexo's
/// `/<!--\s*more\s*-->/i` finds it.
fn more_marker_in(html: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--").map(|i| from + i) {
        let inside = &html[open + 4..];
        let word = inside.trim_start();
        let after_word = word
            .get(..4)
            .filter(|w| w.eq_ignore_ascii_case("more"))
            .map(|_| &word[4..]);
        if let Some(close) = after_word
            .map(str::trim_start)
            .filter(|rest| rest.starts_with("-->"))
        {
            let end = html.len() - close.len() + 3;
            return Some(open..end);
        }
        from = open + 4;
    }
    None
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// A URL that is written as it is, without the sanitiser: a relative one, or one of the
/// schemes posts link to every day. Others (`javascript:`, and any the sanitiser might keep)
/// are left to it, as is anything with whitespace or control characters, which browsers
/// strip from a scheme.
fn is_plain_url(url: &str) -> bool {
    let clean = !url
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control());
    clean && is_allowed_url(url)
}

/// The one URL policy for what a post links to or shows (its Markdown's links, front matter's
/// `thumbnail`, `cover` and `photos`): a relative URL, or an `http`, `https` or `mailto` one.
/// What browsers leave out of a scheme (whitespace, control characters) is left out here too.
pub fn is_allowed_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    match url.find([':', '/', '?', '#']) {
        Some(at) if url[at..].starts_with(':') => {
            let scheme = &url[..at];
            URL_SCHEMES
                .iter()
                .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
        }
        _ => true,
    }
}

/// A Markdown link's `<a>`, as the sanitiser would leave it: relative to the base, external
/// ones in a new tab, all with `rel="noopener"`.
fn link_open(url: &str, title: &str) -> String {
    let mut open = String::from("<a href=\"");
    escape_href(&mut open, &site_relative(url)).expect("writing to a String");
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
    escape_href(&mut tag, &site_relative(url)).expect("writing to a String");
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

pub use quire_model::routes::site_relative;

fn relative_to_base(url: &str) -> Option<Cow<'_, str>> {
    Some(site_relative(url))
}

/// The schemes [`is_allowed_url`] lets through.
const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The one URL policy (`is_allowed_url`) for HTML the sanitisers let through (a post's raw
/// HTML, a diagram's links): ammonia's own list of schemes is longer; links open with
/// `rel="noopener"`; a path from the site's root is made relative to the page's base, so the
/// site works under a subpath.
pub(crate) fn with_url_policy<'b, 'a>(
    builder: &'b mut ammonia::Builder<'a>,
) -> &'b mut ammonia::Builder<'a> {
    builder
        .url_schemes(URL_SCHEMES.into())
        .link_rel(Some("noopener"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(relative_to_base)))
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`): a colon before any `/`, `?` or
/// `#`, as a browser reads it.
pub fn has_scheme(url: &str) -> bool {
    url.find([':', '/', '?', '#'])
        .is_some_and(|at| url[at..].starts_with(':'))
}

/// `url` resolved against the URL path `folder` (`/2024/01/02/hello/`) if it is a relative
/// path (`diagram.png`, `./a.png`, `../b/`), as a browser would from a page in that folder;
/// any other URL (with a scheme, from the root, a `#fragment` or a `?query`) as it is.
pub fn in_folder<'u>(url: &'u str, folder: &str) -> Cow<'u, str> {
    if url.is_empty() || has_scheme(url) || url.starts_with(['/', '#', '?']) {
        return Cow::Borrowed(url);
    }
    let (path, rest) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    // The folder is a page's path, as written: as a URL's, its `?` and `#` are encoded.
    let folder = quire_model::routes::encode_path(folder);
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        match part {
            "." | "" if parts.peek().is_some() => {}
            ".." => drop(segments.pop()),
            "." => segments.push(""),
            part => segments.push(part),
        }
    }
    Cow::Owned(format!("/{}{rest}", segments.join("/")))
}

/// A `style` attribute as a post may keep it: not when it takes an element out of the page's
/// flow to cover it (`position`, `z-index`, `transform`, an inset, a negative margin), which a
/// post could use to dress up as the site's own header or cover its links. CSS escapes and
/// comments could spell those in other ways: a style with either is dropped too.
fn keeps_style(style: &str) -> bool {
    const COVERING: [&str; 11] = [
        "position",
        "z-index",
        "transform",
        "translate",
        "rotate",
        "scale",
        "inset",
        "top",
        "left",
        "right",
        "bottom",
    ];
    if style.contains(['\\', '/']) {
        return false;
    }
    style.split(';').all(|declaration| {
        let (property, value) = declaration.split_once(':').unwrap_or((declaration, ""));
        let property = property.trim().to_ascii_lowercase();
        let negative_margin = property.starts_with("margin") && value.contains('-');
        !COVERING.contains(&property.as_str()) && !negative_margin
    })
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
        // `{% tabs %}`: tabs of one group, opened one at a time.
        .add_tag_attributes("details", ["open", "name"])
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
        .attribute_filter(|_, attribute, value| {
            (attribute != "style" || keeps_style(value)).then_some(Cow::Borrowed(value))
        })
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async")
        .set_tag_attribute_value("iframe", "loading", "lazy");
    with_url_policy(&mut builder);
    builder
});

#[cfg(test)]
mod tests;
