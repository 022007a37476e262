//! The site's pages: an About page, a Links page, … Markdown files that are not posts, read as
//! posts are but found by their path only, in no list, feed or search. They come from
//! `content/pages/` (`about.md` and `about/index.md` are `/about/`), and in a Hexo site from
//! every Markdown file of `source/` outside `_posts/`, `_drafts/` and Hexo's `skip_render`,
//! at the URL Hexo gives it (`about/index.md` is `/about/`, `links.md` is `/links.html`).

use std::path::{Path, PathBuf};

use quire_model::routes::Route;

use crate::post::Post;
use crate::problem::Problem;
use crate::static_files::HEXO_SOURCE_DIR;

/// Where a Quire site keeps its pages.
pub const PAGES_DIR: &str = "content/pages";

/// A page's file and the path it is served at.
#[derive(Debug)]
pub struct PageSource {
    pub file: PathBuf,
    /// The page's URL path, from the site root.
    pub path: String,
}

/// Every page of the site in `root`, in a stable order. `skip_render` is Hexo's list of
/// `source/` files copied as they are (globs relative to `source/`).
pub fn find(root: &Path, skip_render: &[String]) -> Result<Vec<PageSource>, Problem> {
    let mut found = Vec::new();
    let pages = root.join(PAGES_DIR);
    if pages.is_dir() {
        for file in crate::markdown_files(&pages)? {
            let relative = relative_name(&file, &pages);
            found.push(PageSource {
                path: quire_path(&relative),
                file,
            });
        }
    }
    let source = root.join(HEXO_SOURCE_DIR);
    if source.is_dir() {
        for file in hexo_page_files(&source)? {
            let relative = relative_name(&file, &source);
            if !is_skipped(&relative, skip_render) {
                found.push(PageSource {
                    path: hexo_path(&relative),
                    file,
                });
            }
        }
    }
    Ok(found)
}

/// Whether Hexo would copy `relative` (a file under `source/`) as it is.
pub fn is_skipped(relative: &str, skip_render: &[String]) -> bool {
    skip_render
        .iter()
        .any(|pattern| glob_matches(pattern.trim_start_matches('/'), relative))
}

/// A file's path under `dir`, `/`-separated.
fn relative_name(file: &Path, dir: &Path) -> String {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn without_extension(relative: &str) -> &str {
    relative
        .strip_suffix(".markdown")
        .or_else(|| relative.strip_suffix(".md"))
        .unwrap_or(relative)
}

/// `about.md` and `about/index.md` → `/about/`; `index.md` → `/` (which is taken).
fn quire_path(relative: &str) -> String {
    let stem = without_extension(relative);
    let stem = stem.strip_suffix("index").unwrap_or(stem);
    let stem = stem.trim_end_matches('/');
    match stem {
        "" => "/".to_owned(),
        stem => format!("/{stem}/"),
    }
}

/// As Hexo: `about/index.md` → `/about/`, `links.md` → `/links.html`.
fn hexo_path(relative: &str) -> String {
    let stem = without_extension(relative);
    match stem.strip_suffix("index") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => format!("/{folder}"),
        _ => format!("/{stem}.html"),
    }
}

/// Markdown files under a Hexo `source/`, leaving out names Hexo leaves out (`_posts`,
/// `_drafts`, anything starting with `_` or `.`).
fn hexo_page_files(source: &Path) -> Result<Vec<PathBuf>, Problem> {
    let walk = walkdir::WalkDir::new(source)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !name.starts_with('_') && !name.starts_with('.')
        });
    let mut found = Vec::new();
    for entry in walk {
        let entry =
            entry.map_err(|e| Problem::new(source, None, format!("cannot list pages: {e}")))?;
        if entry.file_type().is_file() && is_markdown(entry.path()) {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "md" || ext == "markdown")
}

/// A glob as Hexo's `skip_render` takes it: `*` within a name, `**` across folders, `?` one
/// character.
fn glob_matches(pattern: &str, path: &str) -> bool {
    fn matches(pattern: &[u8], path: &[u8]) -> bool {
        match pattern {
            [] => path.is_empty(),
            [b'*', b'*', rest @ ..] => {
                let rest = rest.strip_prefix(b"/").unwrap_or(rest);
                (0..=path.len()).any(|i| matches(rest, &path[i..]))
            }
            [b'*', rest @ ..] => (0..=path.len())
                .take_while(|&i| i == 0 || path[i - 1] != b'/')
                .any(|i| matches(rest, &path[i..])),
            [b'?', rest @ ..] => matches!(path, [c, ..] if *c != b'/') && matches(rest, &path[1..]),
            [c, rest @ ..] => path.first() == Some(c) && matches(rest, &path[1..]),
        }
    }
    matches(pattern.as_bytes(), path.as_bytes())
}

/// Hexo's `layout: false`: the page is written as its body alone, without the site's layout.
pub fn is_bare(page: &Post) -> bool {
    page.extra.get("layout") == Some(&serde_json::Value::Bool(false))
}

/// The file a bare page is written to under the site's root.
pub fn bare_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    match path.ends_with('/') || path.is_empty() {
        true => format!("{path}index.html"),
        false => path.to_owned(),
    }
}

/// Checks pages against Quire's own routes and the posts' URLs. A page where Quire has a list
/// (a Hexo theme's `tags/index.md`, which shows the tags) gives way to it with a warning; one
/// at a post's URL, or at another page's, is a problem.
pub fn check(pages: &mut Vec<Post>, posts: &[Post]) -> (Vec<Problem>, Vec<Problem>) {
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    pages.retain(|page| {
        let path = &page.summary.path;
        let own = !matches!(Route::parse(path), Route::Post(_)) || crate::permalink::is_own(path);
        if own && !is_bare(page) {
            warnings.push(Problem::new(
                &page.source,
                None,
                format!("{path} is where Quire's own pages are, so this page is left out"),
            ));
        }
        !own
    });
    let by_path: std::collections::HashMap<String, &Path> = posts
        .iter()
        .map(|post| (key(&post.summary.path), post.source.as_path()))
        .collect();
    let mut seen: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    for page in pages.iter() {
        let path = &page.summary.path;
        let clash = by_path
            .get(&key(path))
            .map(|post| format!("a post has this URL too ({path}: {})", post.display()))
            .or_else(|| {
                seen.insert(key(path), &page.source)
                    .map(|other| format!("another page has this URL ({path}: {})", other.display()))
            });
        if let Some(message) = clash {
            problems.push(Problem::new(
                &page.source,
                None,
                format!("{message}: give it a `permalink` or move the file"),
            ));
        }
    }
    (problems, warnings)
}

fn key(path: &str) -> String {
    path.trim_end_matches('/').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_as_quire_and_hexo_make_them() {
        assert_eq!(quire_path("about.md"), "/about/");
        assert_eq!(quire_path("about/index.md"), "/about/");
        assert_eq!(quire_path("docs/setup.markdown"), "/docs/setup/");
        assert_eq!(hexo_path("about/index.md"), "/about/");
        assert_eq!(hexo_path("links.md"), "/links.html");
        assert_eq!(hexo_path("docs/setup.md"), "/docs/setup.html");
        assert_eq!(hexo_path("reindex.md"), "/reindex.html");
        assert_eq!(bare_file("/about/"), "about/index.html");
        assert_eq!(bare_file("/links.html"), "links.html");
    }

    #[test]
    fn skip_render_globs() {
        let skip = [
            "README.md".to_owned(),
            "demo/**".to_owned(),
            "*.txt".to_owned(),
        ];
        assert!(is_skipped("README.md", &skip));
        assert!(is_skipped("demo/a/b.md", &skip));
        assert!(is_skipped("x.txt", &skip));
        assert!(!is_skipped("docs/x.txt", &skip));
        assert!(!is_skipped("about/README.md", &skip));
        assert!(!is_skipped("about/index.md", &skip));
    }
}
