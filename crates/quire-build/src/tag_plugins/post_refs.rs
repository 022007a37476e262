//! Links to other posts (`post_link`, `post_path`): placeholders when a post is expanded, the
//! target's URL and title once every post is known ([`resolve_post_refs`]).

use quire_model::escape_html;
use quire_model::routes::percent_decode;

use super::render::{arg, Inline};

/// Placeholders for a linked post's URL (in an `href`) and title (as text). Both survive
/// Markdown and the sanitiser unchanged.
const POST_PATH: &str = "#quire-post-path=";
const POST_TITLE: &str = "{{quire-post-title:";
/// Both, which a post may not contain as it is written.
pub(super) const MARKERS: [&str; 2] = [POST_PATH, POST_TITLE];

/// The first placeholder in `text`: where it starts, and which it is.
fn next_marker(text: &str) -> Option<(usize, &'static str)> {
    // What both markers hold, found once: then which one it is.
    const SHARED: &str = "quire-post-";
    let mut from = 0;
    while let Some(found) = text[from..].find(SHARED).map(|i| from + i) {
        for marker in MARKERS {
            let shared_at = marker.find(SHARED).expect("both markers hold it");
            let start = found.checked_sub(shared_at);
            if let Some(start) = start.filter(|&start| text[start..].starts_with(marker)) {
                return Some((start, marker));
            }
        }
        from = found + SHARED.len();
    }
    None
}

/// `{% post_link slug [text] %}`: without its own text, the link shows the post's title.
pub(super) fn post_link(args: &[String]) -> Inline {
    let slug = arg(args, 0).to_owned();
    let text = match args.get(1) {
        Some(text) => escape_html(text),
        None => format!("{POST_TITLE}{slug}}}}}"),
    };
    let html = format!("<a href=\"{POST_PATH}{}\">{text}</a>", escape_html(&slug));
    Inline::PostRef { slug, html }
}

/// `{% post_path slug %}`.
pub(super) fn post_path(args: &[String]) -> Inline {
    let slug = arg(args, 0).to_owned();
    let html = format!("{POST_PATH}{slug}");
    Inline::PostRef { slug, html }
}

/// Puts each linked post's URL and title where `expand` left placeholders in `html`.
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
    // One pass: each marker is found from where the last one ended (a search for either
    // from the start of what is left made many links to one post quadratic).
    while let Some((at, marker)) = next_marker(rest) {
        out.push_str(&rest[..at]);
        let end_mark = if marker == POST_PATH { "\"" } else { "}}" };
        let after = &rest[at + marker.len()..];
        let end = after.find(end_mark).unwrap_or(after.len());
        let slug = percent_decode(&after[..end], false);
        let (path, title) = find(&slug).unwrap_or(("", ""));
        if marker == POST_PATH {
            let url = quire_model::routes::encode_path(path);
            out.push_str(&escape_html(&crate::markdown::site_relative(&url)));
            rest = &after[end..];
        } else {
            out.push_str(&escape_html(title));
            rest = &after[(end + end_mark.len()).min(after.len())..];
        }
    }
    out.push_str(rest);
    out
}
