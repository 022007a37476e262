//! Hexo's tag plugins (`{% name args %}`, and `{% name args %}…{% endname %}` for block tags),
//! expanded in a post's Markdown before it is parsed, into the HTML Hexo makes of them:
//! `scan` finds the tags, `render` makes each one's HTML, and links to other posts
//! (`post_link`, `post_path`) become placeholders that the build resolves once every post is
//! known (`post_refs`, [`resolve_post_refs`]).

mod post_refs;
mod render;
mod scan;

pub use post_refs::resolve_post_refs;

use render::Inline;
use scan::{Piece, Scanner};

/// A `post_link` or `post_path` to another post.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PostRef {
    /// The slug (or the title: Hexo looks for either) it names.
    pub slug: String,
    /// 1-based, in the body; in the file, once the post has placed it.
    pub line: usize,
    /// `post_path`, which Hexo leaves empty when no post has the slug (a `post_link` fails).
    pub path_only: bool,
}

/// A post's Markdown with its tag plugins expanded.
#[derive(Debug, Default, PartialEq)]
pub struct Expanded {
    pub markdown: String,
    /// Other posts this one links to.
    pub post_refs: Vec<PostRef>,
    /// Tags Quire does not know, left as their text: line and message.
    pub warnings: Vec<(usize, String)>,
    /// The names of those tags (a theme's or a plugin's), for the migration report.
    pub unknown_tags: Vec<String>,
    /// What the post may not contain: line and message.
    pub problems: Vec<(usize, String)>,
}

/// Expands every tag in `markdown` outside code fences. `page_path` is the post's URL path,
/// where its asset folder's files are (`asset_img` and co.).
pub fn expand(markdown: &str, page_path: &str) -> Expanded {
    let mut out = Expanded {
        markdown: String::with_capacity(markdown.len()),
        ..Expanded::default()
    };
    // Text that would be read as a placeholder could change what other links say once they
    // are resolved, after the sanitiser: an author cannot write it.
    for marker in post_refs::MARKERS {
        for (at, _) in markdown.match_indices(marker) {
            let line = markdown[..at].matches('\n').count() + 1;
            out.problems.push((
                line,
                format!("`{marker}` is reserved for links between posts: write it another way"),
            ));
        }
    }
    if !markdown.contains("{%") || !out.problems.is_empty() {
        out.markdown.push_str(markdown);
        return out;
    }
    // The folder's URL as links carry it: a Hexo slug may hold `?` or `#`.
    let assets = quire_model::routes::encode_path(&asset_folder_url(page_path)).into_owned();
    let mut scanner = Scanner::new(markdown);
    while let Some(piece) = scanner.next_piece() {
        let tag = match piece {
            Piece::Text(text) => {
                out.markdown.push_str(text);
                continue;
            }
            Piece::Tag(tag) => tag,
        };
        if render::is_block(tag.name) {
            let end_tag = format!("end{}", tag.name);
            match scanner.block_content(&end_tag) {
                Some(content) => out
                    .markdown
                    .push_str(&render::block(tag.name, &tag.args, content)),
                None => {
                    let name = tag.name;
                    out.warnings.push((
                        tag.line,
                        format!("`{{% {name} %}}` has no `{{% {end_tag} %}}`: shown as text"),
                    ));
                    out.markdown.push_str(tag.source);
                }
            }
            continue;
        }
        match render::inline(tag.name, &tag.args, &assets) {
            Some(Inline::Html(html)) => out.markdown.push_str(&html),
            Some(Inline::PostRef { slug, html }) => {
                out.post_refs.push(PostRef {
                    slug,
                    line: tag.line,
                    path_only: tag.name == "post_path",
                });
                out.markdown.push_str(&html);
            }
            None => {
                out.unknown_tags.push(tag.name.to_owned());
                out.warnings.push((
                    tag.line,
                    format!("unknown tag plugin `{{% {} %}}`: shown as text", tag.name),
                ));
                out.markdown.push_str(tag.source);
            }
        }
    }
    out
}

/// The URL of a post's asset folder: its page's folder (`/2024/01/02/hello/`), or for a page
/// written as a file (`/archives/old.html`) a folder of that name (`/archives/old/`).
pub fn asset_folder_url(page_path: &str) -> String {
    match page_path.strip_suffix(".html") {
        Some(stem) => format!("{stem}/"),
        None => page_path.to_owned(),
    }
}

#[cfg(test)]
mod tests;
