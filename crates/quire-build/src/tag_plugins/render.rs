//! Each tag's HTML, as Hexo makes it: one function a tag. Block tags go between blank lines so
//! that Markdown keeps them as blocks (and parses the Markdown inside quotes).

use quire_model::escape_html;

use super::post_refs::{post_link, post_path};
use super::scan::split_args;

/// Block tags: their content runs to `{% end<name> %}`.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "blockquote"
            | "quote"
            | "codeblock"
            | "code"
            | "pullquote"
            | "raw"
            | "note"
            | "tabs"
            | "math"
            | "katex"
            | "mathjax"
    )
}

/// A block tag's HTML.
pub(super) fn block(name: &str, args: &[String], content: &str) -> String {
    // A formula, drawn as `$…$` and `$$…$$` are: `{% math %}` a block, hexo-math's
    // `{% katex %}` and `{% mathjax %}` inline unless their options say `displayMode` or
    // `display` is true.
    if matches!(name, "math" | "katex" | "mathjax") {
        let options: String = args
            .join("")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect::<String>()
            .to_lowercase();
        let display = name == "math"
            || options.contains("displaymode:true")
            || options.contains("display:true");
        // A blank line would end the Markdown paragraph the formula is in (and means nothing
        // in a formula).
        let lines: Vec<&str> = content
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        return match display {
            true => format!("\n\n$$\n{}\n$$\n\n", lines.join("\n")),
            false => format!("${}$", lines.join(" ").trim()),
        };
    }
    let html = match name {
        "raw" => content.to_owned(),
        "note" => format!("{}\n\n{content}\n\n</div>", note(args)),
        "pullquote" => pullquote(args, content),
        "codeblock" | "code" => code_block(args, content),
        "tabs" => tabs(args, content),
        _ => blockquote(args, content),
    };
    format!("\n\n{html}\n\n")
}

/// What an inline tag makes.
pub(super) enum Inline {
    Html(String),
    /// A link to another post, resolved once every post is known (see `post_refs`).
    PostRef {
        slug: String,
        html: String,
    },
}

/// An inline tag's HTML; `None` for a tag Quire does not know. `assets` is the URL of the
/// post's asset folder.
pub(super) fn inline(name: &str, args: &[String], assets: &str) -> Option<Inline> {
    let html = match name {
        "youtube" => youtube(args),
        "vimeo" => vimeo(args),
        "gist" => gist(args),
        "jsfiddle" => jsfiddle(args),
        "iframe" => iframe(args),
        "img" | "image" => image(args),
        "asset_img" | "asset_image" => asset_img(args, assets),
        "asset_path" => asset_path(args, assets),
        "asset_link" => asset_link(args, assets),
        "link" => link(args),
        "post_link" => return Some(post_link(args)),
        "post_path" => return Some(post_path(args)),
        _ => return None,
    };
    Some(Inline::Html(html))
}

/// The argument at `i`, or empty.
pub(super) fn arg(args: &[String], i: usize) -> &str {
    args.get(i).map(String::as_str).unwrap_or("")
}

/// The argument at `i`, or `default` when it is missing or empty.
fn arg_or<'a>(args: &'a [String], i: usize, default: &'a str) -> &'a str {
    match arg(args, i) {
        "" => default,
        given => given,
    }
}

/// `{% pullquote [class] %}`.
fn pullquote(args: &[String], content: &str) -> String {
    let classes: Vec<&str> = std::iter::once("pullquote")
        .chain(args.iter().map(String::as_str))
        .collect();
    format!(
        "<blockquote class=\"{}\">\n\n{content}\n\n</blockquote>",
        escape_html(&classes.join(" "))
    )
}

/// `{% blockquote [author[, source]] [link] [source_link_title] %}` (also `quote`).
fn blockquote(args: &[String], content: &str) -> String {
    let footer = quote_footer(&args.join(" "));
    let footer = if footer.is_empty() {
        String::new()
    } else {
        format!("<footer>{footer}</footer>")
    };
    format!("<blockquote>\n\n{content}\n\n{footer}</blockquote>")
}

/// Where the first `http(s)://` URL is among a tag's words: Hexo's quote and code captions
/// split there into text before and a link after.
fn first_url(words: &[&str]) -> Option<usize> {
    words
        .iter()
        .position(|w| w.starts_with("http://") || w.starts_with("https://"))
}

/// Hexo's `blockquote` footer: `author`, `author, source title`, `author URL [link title]`.
fn quote_footer(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let url_at = first_url(&words).filter(|&i| i > 0);
    let (author, source, title) = match url_at {
        Some(i) => (
            words[..i].join(" "),
            Some(words[i]),
            words[i + 1..].join(" "),
        ),
        None => match text.split_once(',') {
            Some((author, title)) if !title.contains(',') => {
                (author.trim().to_owned(), None, title.trim().to_owned())
            }
            _ => (text.to_owned(), None, String::new()),
        },
    };
    let mut footer = format!("<strong>{}</strong>", escape_html(&author));
    match source {
        Some(url) => {
            let shown = if title.is_empty() {
                url.trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_owned()
            } else {
                title
            };
            footer += &format!(
                "<cite><a href=\"{}\">{}</a></cite>",
                escape_html(url),
                escape_html(&shown)
            );
        }
        None if !title.is_empty() => footer += &format!("<cite>{}</cite>", escape_html(&title)),
        None => {}
    }
    footer
}

/// Hexo's `codeblock`: `[title] [lang:x] [url [link text]] [mark:1,3-4]`. Every line is its
/// own `<span class="line">` (marked lines `line marked`), so no line of the block is blank
/// and Markdown keeps the whole block as HTML.
fn code_block(args: &[String], content: &str) -> String {
    let mut lang = None;
    let mut marked = Vec::new();
    let mut caption_words = Vec::new();
    for arg in args {
        match arg.split_once(':') {
            Some(("lang", value)) => lang = Some(value.to_owned()),
            Some(("mark", value)) => {
                marked = crate::highlight::marked_lines(value, content.lines().count())
            }
            Some(("line_number" | "first_line" | "wrap" | "highlight" | "line_threshold", _)) => {}
            _ => caption_words.push(arg.as_str()),
        }
    }
    // Octopress style, which Hexo keeps: a first word like `.compact` is not a language.
    let url_at = first_url(&caption_words);
    let caption = match url_at {
        Some(i) => {
            let link_text = caption_words[i + 1..].join(" ");
            format!(
                "<span>{}</span><a href=\"{}\">{}</a>",
                escape_html(&caption_words[..i].join(" ")),
                escape_html(caption_words[i]),
                escape_html(if link_text.is_empty() {
                    "link"
                } else {
                    &link_text
                })
            )
        }
        None if caption_words.is_empty() => String::new(),
        None => format!("<span>{}</span>", escape_html(&caption_words.join(" "))),
    };
    let lang_class = lang
        .as_deref()
        .map(|l| format!(" class=\"language-{}\"", escape_html(l)))
        .unwrap_or_default();
    let mut html = format!(
        "<figure class=\"highlight{}\">",
        lang.as_deref()
            .map(|l| format!(" {}", escape_html(l)))
            .unwrap_or_default()
    );
    if !caption.is_empty() {
        html += &format!("<figcaption>{caption}</figcaption>");
    }
    html += &format!("<pre><code{lang_class}>");
    for (i, line) in content.lines().enumerate() {
        let class = if marked.get(i).copied().unwrap_or(false) {
            "line marked"
        } else {
            "line"
        };
        html += &format!("<span class=\"{class}\">{}</span>\n", escape_html(line));
    }
    html + "</code></pre></figure>"
}

/// `{% youtube id %}`: from youtube-nocookie.com.
fn youtube(args: &[String]) -> String {
    let src = format!(
        "https://www.youtube-nocookie.com/embed/{}",
        url_part(arg(args, 0))
    );
    video(&src, "YouTube video")
}

/// `{% vimeo id %}`: with Vimeo's do-not-track.
fn vimeo(args: &[String]) -> String {
    let src = format!(
        "https://player.vimeo.com/video/{}?dnt=1",
        url_part(arg(args, 0))
    );
    video(&src, "Vimeo video")
}

/// `{% gist id [file] %}`: a link, as the embed is a script, which Quire does not run.
fn gist(args: &[String]) -> String {
    let file = (!arg(args, 1).is_empty()).then(|| format!(" ({})", arg(args, 1)));
    format!(
        "<a class=\"gist\" href=\"https://gist.github.com/{}\">Gist {}{}</a>",
        url_part(arg(args, 0)),
        escape_html(arg(args, 0)),
        escape_html(&file.unwrap_or_default())
    )
}

/// `{% jsfiddle id [tabs] [skin] [height] %}`.
fn jsfiddle(args: &[String]) -> String {
    format!(
        "<iframe class=\"jsfiddle\" src=\"https://jsfiddle.net/{}/embedded/{}/{}/\" title=\"JSFiddle {}\" width=\"100%\" height=\"{}\" loading=\"lazy\" allowfullscreen></iframe>",
        url_part(arg(args, 0)),
        url_part(arg_or(args, 1, "js,resources,html,css,result")),
        url_part(arg_or(args, 2, "light")),
        escape_html(arg(args, 0)),
        escape_html(arg_or(args, 3, "300"))
    )
}

/// `{% iframe url [width] [height] %}`.
fn iframe(args: &[String]) -> String {
    format!(
        "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"Embedded page\" loading=\"lazy\" allowfullscreen></iframe>",
        escape_html(arg(args, 0)),
        escape_html(arg_or(args, 1, "100%")),
        escape_html(arg_or(args, 2, "300"))
    )
}

/// `{% asset_img [class] file [width] [height] [title [alt]] %}`: Hexo's `post_asset_folder`,
/// files in a folder beside the post, served from its URL.
fn asset_img(args: &[String], assets: &str) -> String {
    let file_at = args.iter().position(|a| a.contains('.')).unwrap_or(0);
    let mut args = args.to_vec();
    if let Some(file) = args.get_mut(file_at) {
        *file = format!("{assets}{file}");
    }
    image(&args)
}

/// `{% asset_path file %}`.
fn asset_path(args: &[String], assets: &str) -> String {
    escape_html(&format!("{assets}{}", arg(args, 0)))
}

/// `{% asset_link file [text] %}`.
fn asset_link(args: &[String], assets: &str) -> String {
    let text = if args.len() > 1 {
        args[1..].join(" ")
    } else {
        arg(args, 0).to_owned()
    };
    format!(
        "<a href=\"{}\">{}</a>",
        escape_html(&format!("{assets}{}", arg(args, 0))),
        escape_html(&text)
    )
}

fn video(src: &str, title: &str) -> String {
    format!(
        "<div class=\"video-container\"><iframe src=\"{src}\" title=\"{title}\" loading=\"lazy\" allow=\"encrypted-media; picture-in-picture\" allowfullscreen></iframe></div>"
    )
}

/// `text` kept to what may stand in a URL path segment.
fn url_part(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | '/'))
        .collect()
}

/// `{% img [class names] /path/to/image [width] [height] [title text [alt text]] %}`.
fn image(args: &[String]) -> String {
    let is_src = |a: &str| a.starts_with('/') || a.contains("://") || a.contains('.');
    let Some(src_at) = args.iter().position(|a| is_src(a)) else {
        return String::new();
    };
    let classes = args[..src_at].join(" ");
    let mut rest = args[src_at + 1..].iter().peekable();
    let mut size = Vec::new();
    while let Some(n) = rest.peek().filter(|a| a.parse::<u32>().is_ok()) {
        size.push(n.to_string());
        rest.next();
    }
    // Hexo's last arguments: a title and an alt text, or both quoted as one
    // (`'"title text" "alt text"'`).
    let meta_text = rest.cloned().collect::<Vec<_>>().join(" ");
    let meta = if meta_text.contains(['"', '\'']) {
        split_args(&meta_text)
    } else {
        vec![meta_text]
    };
    let title = meta.first().cloned().unwrap_or_default();
    let alt = meta.get(1).cloned().unwrap_or_else(|| title.clone());
    let mut html = format!("<img src=\"{}\"", escape_html(&args[src_at]));
    if !classes.is_empty() {
        html += &format!(" class=\"{}\"", escape_html(&classes));
    }
    if let Some(width) = size.first() {
        html += &format!(" width=\"{width}\"");
    }
    if let Some(height) = size.get(1) {
        html += &format!(" height=\"{height}\"");
    }
    if !title.is_empty() {
        html += &format!(" title=\"{}\"", escape_html(&title));
    }
    html + &format!(" alt=\"{}\">", escape_html(&alt))
}

/// `{% link text url [external] [title] %}`.
fn link(args: &[String]) -> String {
    let Some(url_at) = args
        .iter()
        .rposition(|a| a.contains("://") || a.starts_with('/') || a.starts_with('#'))
    else {
        return escape_html(&args.join(" "));
    };
    let text = args[..url_at].join(" ");
    let mut after = &args[url_at + 1..];
    let mut external = args[url_at].contains("://");
    if let Some(flag @ ("true" | "false")) = after.first().map(String::as_str) {
        external = flag == "true";
        after = &after[1..];
    }
    let title = after.join(" ");
    let mut html = format!("<a href=\"{}\"", escape_html(&args[url_at]));
    if !title.is_empty() {
        html += &format!(" title=\"{}\"", escape_html(&title));
    }
    if external {
        html += " target=\"_blank\"";
    }
    let shown = if text.is_empty() {
        &args[url_at]
    } else {
        &text
    };
    html + &format!(">{}</a>", escape_html(shown))
}

/// The opening of `{% note [class] [icon] [style] [title] %}`: a callout. NexT and Butterfly
/// give a class (NexT's `info`, `success`, `warning`, `danger`, Butterfly's colours), an icon
/// (`fas fa-bomb`, `no-icon`) and a style (`simple`, `flat`, …), which are the themes' own and
/// left out; the Hexo documentation's theme gives a class (`info`, `tip`, `warn`) and a title
/// (`{% note warn For Mac users %}`), shown as the callout's title, escaped. The kind comes
/// from the first class Quire knows.
fn note(args: &[String]) -> String {
    let kind = args
        .iter()
        .find_map(|word| note_kind(word))
        .unwrap_or("default");
    // Every word after the first that is not a class, an icon or a style is the title's.
    let title: Vec<&str> = args
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|word| note_kind(word).is_none() && !is_note_decoration(word))
        .collect();
    let mut html = format!("<div class=\"note note-{kind}\">");
    if !title.is_empty() {
        html += &format!(
            "\n<p class=\"callout-title\">{}</p>",
            escape_html(&title.join(" "))
        );
    }
    html
}

/// The callout kind (GitHub's alert names) of a note's class.
fn note_kind(class: &str) -> Option<&'static str> {
    match class {
        "info" | "primary" | "blue" | "note" => Some("note"),
        "success" | "green" | "tip" => Some("tip"),
        "purple" | "pink" | "important" => Some("important"),
        "warning" | "warn" | "orange" | "yellow" => Some("warning"),
        "danger" | "red" | "caution" => Some("caution"),
        "default" => Some("default"),
        _ => None,
    }
}

/// A word of a note's arguments that only the themes' own look uses: an icon (Font Awesome's
/// `fas`, `fa-bomb`, …, or `no-icon`) or a style.
fn is_note_decoration(word: &str) -> bool {
    word.split_whitespace().all(|part| {
        matches!(
            part,
            "no-icon" | "simple" | "modern" | "flat" | "disabled" | "fa" | "fas" | "far" | "fab"
        ) || part.starts_with("fa-")
    })
}

/// `{% tabs name[, active] %}` with `<!-- tab [caption] [@icon] -->…<!-- endtab -->` inside
/// (NexT's and Butterfly's): each tab a `<details>` of one group (`name`), which browsers open
/// one at a time, keyboard and screen readers included, with no script. `active` counts from 1
/// (the default); `-1` opens none. A tab without a caption is called `name N`, as the themes
/// call it.
fn tabs(args: &[String], content: &str) -> String {
    let joined = args.join(" ");
    let (name, active) = match joined.rsplit_once(',') {
        Some((name, active)) => (name.trim(), active.trim().parse::<i64>().unwrap_or(1)),
        None => (joined.trim(), 1),
    };
    let group = format!("tabs-{}", quire_model::slug::term_slug(name));
    let mut html = String::from("<div class=\"tabs\">\n");
    for (i, (caption, body)) in tab_parts(content).into_iter().enumerate() {
        // What follows `@` is the theme's icon.
        let caption = caption.split('@').next().unwrap_or_default().trim();
        let caption = match caption.is_empty() {
            true => format!("{name} {}", i + 1),
            false => caption.to_owned(),
        };
        let open = match i as i64 + 1 == active {
            true => " open",
            false => "",
        };
        html += &format!(
            "<details class=\"tab\" name=\"{}\"{open}>\n<summary>{}</summary>\n\n{body}\n\n</details>\n",
            escape_html(&group),
            escape_html(&caption)
        );
    }
    html + "</div>"
}

/// The tabs in a `{% tabs %}`: each one's caption and content.
fn tab_parts(content: &str) -> Vec<(&str, &str)> {
    const OPEN: &str = "<!-- tab";
    const END: &str = "<!-- endtab -->";
    let mut parts = Vec::new();
    let mut rest = content;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(close) = after.find("-->") else {
            break;
        };
        let caption = &after[..close];
        let body = &after[close + 3..];
        let (body, next) = match body.find(END) {
            Some(end) => (&body[..end], &body[end + END.len()..]),
            None => (body, ""),
        };
        parts.push((caption.trim(), body.trim_matches('\n')));
        rest = next;
    }
    parts
}
