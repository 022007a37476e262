//! Hexo's tag plugins (`{% name args %}`, and `{% name args %}…{% endname %}` for block tags),
//! expanded in a post's Markdown before it is parsed, into the HTML Hexo makes of them. Links
//! to other posts (`post_link`, `post_path`) become placeholders that the build resolves once
//! every post is known (see [`resolve_post_refs`]).

use quire_model::escape_html;

/// A post's Markdown with its tag plugins expanded.
#[derive(Debug, Default, PartialEq)]
pub struct Expanded {
    pub markdown: String,
    /// Other posts this one links to: slug and 1-based line in the body.
    pub post_refs: Vec<(String, usize)>,
    /// Tags Quire does not know, left as their text: line and message.
    pub warnings: Vec<(usize, String)>,
}

/// Block tags: their content runs to `{% end<name> %}`.
const BLOCK_TAGS: [&str; 6] = [
    "blockquote",
    "quote",
    "codeblock",
    "code",
    "pullquote",
    "raw",
];

/// Expands every tag in `markdown` outside code fences. `page_path` is the post's URL path,
/// where its asset folder's files are (`asset_img` and co.).
pub fn expand(markdown: &str, page_path: &str) -> Expanded {
    let mut out = Expanded {
        markdown: String::with_capacity(markdown.len()),
        ..Expanded::default()
    };
    if !markdown.contains("{%") {
        out.markdown.push_str(markdown);
        return out;
    }
    let mut rest = markdown;
    let mut fence: Option<&str> = None;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            out.markdown.push_str(line);
            if trimmed.trim_end().starts_with(open) {
                fence = None;
            }
            rest = &rest[line_end..];
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.markdown.push_str(line);
            rest = &rest[line_end..];
            continue;
        }
        let Some(start) = line.find("{%") else {
            out.markdown.push_str(line);
            rest = &rest[line_end..];
            continue;
        };
        let line_number = line_at(markdown, rest);
        let Some(close) = rest[start..].find("%}").map(|i| start + i) else {
            out.markdown.push_str(line);
            rest = &rest[line_end..];
            continue;
        };
        out.markdown.push_str(&rest[..start]);
        let inner = rest[start + 2..close].trim();
        let (name, args_text) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let args = split_args(args_text);
        let after = &rest[close + 2..];
        if BLOCK_TAGS.contains(&name) {
            let end_tag = format!("end{name}");
            match find_end(after, &end_tag) {
                Some((content, after_end)) => {
                    let content = content.strip_prefix('\n').unwrap_or(content);
                    let content = content.strip_suffix('\n').unwrap_or(content);
                    out.markdown.push_str(&block(name, &args, content));
                    rest = after_end;
                }
                None => {
                    out.warnings.push((
                        line_number,
                        format!("`{{% {name} %}}` has no `{{% {end_tag} %}}`: shown as text"),
                    ));
                    out.markdown.push_str(&rest[start..close + 2]);
                    rest = after;
                }
            }
            continue;
        }
        match inline(name, &args, &asset_folder_url(page_path)) {
            Some(Inline::Html(html)) => out.markdown.push_str(&html),
            Some(Inline::PostRef { slug, html }) => {
                out.post_refs.push((slug, line_number));
                out.markdown.push_str(&html);
            }
            None => {
                out.warnings.push((
                    line_number,
                    format!("unknown tag plugin `{{% {name} %}}`: shown as text"),
                ));
                out.markdown.push_str(&rest[start..close + 2]);
            }
        }
        rest = after;
    }
    out
}

/// The 1-based line of `rest`'s start within `whole` (of which it is a tail).
fn line_at(whole: &str, rest: &str) -> usize {
    whole[..whole.len() - rest.len()].matches('\n').count() + 1
}

/// The content before `{% end %}` and the text after it.
fn find_end<'a>(text: &'a str, end: &str) -> Option<(&'a str, &'a str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|i| from + i) {
        let close = text[open..].find("%}").map(|i| open + i)?;
        if text[open + 2..close].trim() == end {
            return Some((&text[..open], &text[close + 2..]));
        }
        from = close + 2;
    }
    None
}

/// Arguments as Hexo splits them: by spaces, with `"…"` and `'…'` keeping spaces.
pub fn split_args(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    let mut quoted = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') if current.is_empty() => {
                quote = Some(c);
                quoted = true;
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() || quoted {
                    args.push(std::mem::take(&mut current));
                }
                quoted = false;
            }
            (None, c) => current.push(c),
        }
    }
    if !current.is_empty() || quoted {
        args.push(current);
    }
    args
}

/// A block tag's HTML, between blank lines so that Markdown keeps it as a block (and parses the
/// Markdown inside quotes).
fn block(name: &str, args: &[String], content: &str) -> String {
    match name {
        "raw" => format!("\n\n{content}\n\n"),
        "pullquote" => format!(
            "\n\n<blockquote class=\"{}\">\n\n{content}\n\n</blockquote>\n\n",
            escape_html(
                &std::iter::once("pullquote".to_owned())
                    .chain(args.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        ),
        "codeblock" | "code" => format!("\n\n{}\n\n", code_block(args, content)),
        _ => {
            let footer = quote_footer(&args.join(" "));
            let footer = if footer.is_empty() {
                String::new()
            } else {
                format!("<footer>{footer}</footer>")
            };
            format!("\n\n<blockquote>\n\n{content}\n\n{footer}</blockquote>\n\n")
        }
    }
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
            Some(("mark", value)) => marked = line_ranges(value),
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
        let class = if marked.contains(&(i + 1)) {
            "line marked"
        } else {
            "line"
        };
        html += &format!("<span class=\"{class}\">{}</span>\n", escape_html(line));
    }
    html + "</code></pre></figure>"
}

/// `1,7-8,10` as line numbers.
fn line_ranges(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                    lines.extend(a.min(b)..=a.max(b));
                }
            }
            None => lines.extend(part.trim().parse::<usize>().ok()),
        }
    }
    lines
}

enum Inline {
    Html(String),
    /// A link to another post, resolved later.
    PostRef {
        slug: String,
        html: String,
    },
}

/// Placeholders for a linked post's URL (in an `href`) and title (as text); see
/// [`resolve_post_refs`]. Both survive Markdown and the sanitiser unchanged.
const POST_PATH: &str = "#quire-post-path=";
const POST_TITLE: &str = "{{quire-post-title:";

/// The URL of a post's asset folder: its page's folder (`/2024/01/02/hello/`), or for a page
/// written as a file (`/archives/old.html`) a folder of that name (`/archives/old/`).
pub fn asset_folder_url(page_path: &str) -> String {
    match page_path.strip_suffix(".html") {
        Some(stem) => format!("{stem}/"),
        None => page_path.to_owned(),
    }
}

fn inline(name: &str, args: &[String], assets: &str) -> Option<Inline> {
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    let html = match name {
        "youtube" => video(
            &format!("https://www.youtube-nocookie.com/embed/{}", url_part(arg(0))),
            "YouTube video",
        ),
        "vimeo" => video(
            &format!("https://player.vimeo.com/video/{}?dnt=1", url_part(arg(0))),
            "Vimeo video",
        ),
        "gist" => {
            let file = (!arg(1).is_empty()).then(|| format!(" ({})", arg(1)));
            format!(
                "<a class=\"gist\" href=\"https://gist.github.com/{}\">Gist {}{}</a>",
                url_part(arg(0)),
                escape_html(arg(0)),
                escape_html(&file.unwrap_or_default())
            )
        }
        "jsfiddle" => {
            let tabs = if arg(1).is_empty() { "js,resources,html,css,result" } else { arg(1) };
            let skin = if arg(2).is_empty() { "light" } else { arg(2) };
            let height = if arg(3).is_empty() { "300" } else { arg(3) };
            format!(
                "<iframe class=\"jsfiddle\" src=\"https://jsfiddle.net/{}/embedded/{}/{}/\" title=\"JSFiddle {}\" width=\"100%\" height=\"{}\" loading=\"lazy\" allowfullscreen></iframe>",
                url_part(arg(0)),
                url_part(tabs),
                url_part(skin),
                escape_html(arg(0)),
                escape_html(height)
            )
        }
        "iframe" => format!(
            "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"Embedded page\" loading=\"lazy\" allowfullscreen></iframe>",
            escape_html(arg(0)),
            escape_html(if arg(1).is_empty() { "100%" } else { arg(1) }),
            escape_html(if arg(2).is_empty() { "300" } else { arg(2) })
        ),
        "img" | "image" => image(args),
        // Hexo's `post_asset_folder`: files in a folder beside the post, served from its URL.
        "asset_img" | "asset_image" => {
            let file_at = args
                .iter()
                .position(|a| a.contains('.'))
                .unwrap_or(0);
            let mut args = args.to_vec();
            if let Some(file) = args.get_mut(file_at) {
                *file = format!("{assets}{file}");
            }
            image(&args)
        }
        "asset_path" => escape_html(&format!("{assets}{}", arg(0))),
        "asset_link" => {
            let text = if args.len() > 1 { args[1..].join(" ") } else { arg(0).to_owned() };
            format!(
                "<a href=\"{}\">{}</a>",
                escape_html(&format!("{assets}{}", arg(0))),
                escape_html(&text)
            )
        }
        "link" => link(args),
        "post_link" => {
            let slug = arg(0).to_owned();
            // Without its own text, the link shows the post's title.
            let text = match args.get(1) {
                Some(text) => escape_html(text),
                None => format!("{POST_TITLE}{slug}}}}}"),
            };
            let html = format!("<a href=\"{POST_PATH}{}\">{text}</a>", escape_html(&slug));
            return Some(Inline::PostRef { slug, html });
        }
        "post_path" => {
            let slug = arg(0).to_owned();
            let html = format!("{POST_PATH}{slug}");
            return Some(Inline::PostRef { slug, html });
        }
        _ => return None,
    };
    Some(Inline::Html(html))
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

/// Puts each linked post's URL and title where [`expand`] left placeholders in `html`.
/// `find` gives a slug's site-relative path and its title.
pub fn resolve_post_refs<'a>(
    html: &str,
    find: impl Fn(&str) -> Option<(&'a str, &'a str)>,
) -> String {
    if !html.contains(POST_PATH) && !html.contains(POST_TITLE) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let path_at = rest.find(POST_PATH).map(|i| (i, POST_PATH, "\""));
        let title_at = rest.find(POST_TITLE).map(|i| (i, POST_TITLE, "}}"));
        let Some((at, marker, end_mark)) = [path_at, title_at].into_iter().flatten().min() else {
            break;
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let end = after.find(end_mark).unwrap_or(after.len());
        let slug = percent_decode(&after[..end]);
        let (path, title) = find(&slug).unwrap_or(("", ""));
        if marker == POST_PATH {
            out.push_str(&escape_html(crate::markdown::site_relative(path)));
            rest = &after[end..];
        } else {
            out.push_str(&escape_html(title));
            rest = &after[(end + end_mark.len()).min(after.len())..];
        }
    }
    out.push_str(rest);
    out
}

/// `text` with its `%XX` escapes decoded (as UTF-8, lossily).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let (b'%', Some(byte)) = (bytes[i], hex) {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        crate::markdown::render(&expand(markdown, "/2024/01/02/hello/").markdown).html
    }

    #[test]
    fn blockquotes_carry_hexos_footers() {
        let book = html(
            "{% blockquote David Levithan, Wide Awake %}\nDo *not* seek.\n{% endblockquote %}",
        );
        assert!(
            book.contains("<blockquote>\n<p>Do <em>not</em> seek.</p>"),
            "{book}"
        );
        assert!(book.contains("<footer><strong>David Levithan</strong><cite>Wide Awake</cite></footer></blockquote>"), "{book}");
        let web =
            html("{% blockquote Seth Godin http://x.org/a.html Welcome %}\nQ\n{% endblockquote %}");
        assert!(web.contains(r#"<strong>Seth Godin</strong><cite><a href="http://x.org/a.html" rel="noopener">Welcome</a></cite>"#), "{web}");
        let bare = html("{% blockquote @Dev https://t.co/x/ %}\nQ\n{% endblockquote %}");
        assert!(bare.contains(">t.co/x</a>"), "{bare}");
    }

    #[test]
    fn code_blocks_keep_blank_lines_and_mark_lines() {
        let code = html("{% codeblock app.js lang:js http://x.org/ source mark:1,3-4 %}\na < b\n\nc\nd\n{% endcodeblock %}\n\nAfter.");
        assert!(code.contains(r#"<figure class="highlight js"><figcaption><span>app.js</span><a href="http://x.org/" rel="noopener">source</a></figcaption><pre><code class="language-js">"#), "{code}");
        assert!(code.contains("<span class=\"line marked\">a &lt; b</span>\n<span class=\"line\"></span>\n<span class=\"line marked\">c</span>\n<span class=\"line marked\">d</span>\n</code></pre></figure>"), "{code}");
        assert!(code.contains("<p>After.</p>"));
        assert_eq!(line_ranges("1,7-8,10,x"), [1, 7, 8, 10]);
    }

    #[test]
    fn embeds_are_lazy_titled_and_private() {
        let video = html("{% youtube TIbZDRXM-Tg %}\n\n{% vimeo 82090131 %}");
        assert!(video.contains(r#"<iframe src="https://www.youtube-nocookie.com/embed/TIbZDRXM-Tg" title="YouTube video" loading="lazy""#), "{video}");
        assert!(
            video.contains(
                r#"src="https://player.vimeo.com/video/82090131?dnt=1" title="Vimeo video""#
            ),
            "{video}"
        );
        let gist = html("{% gist 996818 %}");
        assert!(
            gist.contains(r#"<a class="gist" href="https://gist.github.com/996818""#),
            "{gist}"
        );
        let fiddle = html("{% jsfiddle ccWP7 %}");
        assert!(
            fiddle.contains(
                r#"src="https://jsfiddle.net/ccWP7/embedded/js,resources,html,css,result/light/""#
            ),
            "{fiddle}"
        );
    }

    #[test]
    fn images_links_iframes_and_raw() {
        let img = html(r#"{% img left /a.png 200 100 '"A title" "An alt"' %}"#);
        assert!(img.contains(r#"<img src="a.png" class="left" width="200" height="100" title="A title" alt="An alt""#) || img.contains(r#"<img src="/a.png" class="left" width="200" height="100" title="A title" alt="An alt""#), "{img}");
        let link = html("{% link Hexo docs https://hexo.io/docs/ true The docs %}");
        assert!(link.contains(r#"<a href="https://hexo.io/docs/" title="The docs" target="_blank" rel="noopener">Hexo docs</a>"#), "{link}");
        let frame = html("{% iframe https://example.org/ 400 200 %}");
        assert!(
            frame.contains(r#"<iframe src="https://example.org/" width="400" height="200""#),
            "{frame}"
        );
        let raw = html("{% raw %}\n<div class=\"x\">*kept*</div>\n{% endraw %}");
        assert!(raw.contains(r#"<div class="x">*kept*</div>"#), "{raw}");
    }

    #[test]
    fn asset_tags_point_into_the_posts_folder() {
        let img = html(r#"{% asset_img diagram.png "The flow" %}"#);
        assert!(
            img.contains(
                r#"<img src="2024/01/02/hello/diagram.png" title="The flow" alt="The flow""#
            ),
            "{img}"
        );
        let link = html("{% asset_link data.csv The data %} and [x]({% asset_path notes.pdf %})");
        assert!(
            link.contains(r#"<a href="2024/01/02/hello/data.csv" rel="noopener">The data</a>"#),
            "{link}"
        );
        assert!(
            link.contains(r#"<a href="2024/01/02/hello/notes.pdf" rel="noopener">x</a>"#),
            "{link}"
        );
        assert_eq!(asset_folder_url("/archives/old.html"), "/archives/old/");
    }

    #[test]
    fn code_fences_are_left_alone_and_unknown_tags_warn() {
        let fenced = expand("```\n{% youtube x %}\n```\n", "/");
        assert_eq!(fenced.markdown, "```\n{% youtube x %}\n```\n");
        let unknown = expand("Intro\n\n{% fancybox a.png %}\n", "/");
        assert_eq!(unknown.markdown, "Intro\n\n{% fancybox a.png %}\n");
        assert_eq!(
            unknown.warnings,
            [(
                3,
                "unknown tag plugin `{% fancybox %}`: shown as text".to_owned()
            )]
        );
        let open = expand("{% blockquote %}\nnever closed", "/");
        assert_eq!(open.warnings[0].0, 1);
    }

    #[test]
    fn post_links_are_resolved_by_slug() {
        let expanded = expand(
            "See {% post_link hello %} and [this]({% post_path 日本 %}).\n\n{% post_link hello 'Say hi' %}",
            "/",
        );
        assert_eq!(
            expanded.post_refs,
            [
                ("hello".to_owned(), 1),
                ("日本".to_owned(), 1),
                ("hello".to_owned(), 3)
            ]
        );
        let html = crate::markdown::render(&expanded.markdown).html;
        let resolved = resolve_post_refs(&html, |slug| match slug {
            "hello" => Some(("/2024/01/02/hello/", "Hello <World>")),
            "日本" => Some(("/posts/日本/", "Japan")),
            _ => None,
        });
        assert!(
            resolved
                .contains(r#"<a href="2024/01/02/hello/" rel="noopener">Hello &lt;World&gt;</a>"#),
            "{resolved}"
        );
        assert!(
            resolved.contains(r#"<a href="posts/日本/" rel="noopener">this</a>"#),
            "{resolved}"
        );
        assert!(
            resolved.contains(r#"<a href="2024/01/02/hello/" rel="noopener">Say hi</a>"#),
            "{resolved}"
        );
        assert_eq!(split_args(r#"a "b c" 'd' """#), ["a", "b c", "d", ""]);
    }
}
