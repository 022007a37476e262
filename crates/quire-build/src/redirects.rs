//! Old URLs that keep working: a post's `aliases` (or `redirect_from`) each get a page at the
//! old path that sends readers and search engines on to the post (a `<meta http-equiv=refresh>`
//! and a canonical link, kept out of search indexes), and a `_redirects` file that Netlify and
//! Cloudflare Pages read to answer with a real 301 instead.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use quire_model::words::{self, Word};
use quire_model::{escape_html, routes, SiteInfo};

use crate::config::HexoTermUrls;
use crate::file_name::FilenameCase;
use crate::post::Post;
use crate::problem::Problem;

/// The file Netlify and Cloudflare Pages read their redirects from.
pub const REDIRECTS_FILE: &str = "_redirects";

/// A problem for every alias that is a post's own URL or another post's alias (told apart
/// without case, as macOS and Windows tell files apart).
pub fn clashes(posts: &[Post]) -> Vec<Problem> {
    let mut taken: HashMap<String, &Path> = posts
        .iter()
        .map(|post| (post.summary.path.to_lowercase(), post.source.as_path()))
        .collect();
    let mut problems = Vec::new();
    for post in posts {
        for (alias, line) in &post.aliases {
            match taken.get(&alias.to_lowercase()) {
                Some(other) => problems.push(Problem::new(
                    &post.source,
                    Some(*line),
                    format!(
                        "the alias `{alias}` is already {}'s URL or alias",
                        other.display()
                    ),
                )),
                None => {
                    taken.insert(alias.to_lowercase(), &post.source);
                }
            }
        }
    }
    problems
}

/// Writes a redirect page for every `(old path, new path)` into `static_dir` (whose files the
/// site serves from its root), in the site's language and words, and the `_redirects` file.
/// `base_url` is the site's, with its subpath: redirects name absolute URLs, which every host
/// and reader follows the same way.
pub fn write(
    static_dir: &Path,
    site: &SiteInfo,
    base_url: &str,
    redirects: &[(String, String)],
) -> io::Result<()> {
    if redirects.is_empty() {
        return Ok(());
    }
    let base_path = base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("")
        .trim_end_matches('/');
    let language = escape_html(&site.language);
    let title = escape_html(site.words.get(Word::Moved));
    let moved_to = escape_html(site.words.get(Word::MovedTo));
    let mut lines = String::new();
    for (old, new) in redirects {
        let href = escape_html(&routes::page_url(base_url, new));
        // The word is escaped, the link it is filled in with is HTML.
        let link = format!("<a href=\"{href}\">{href}</a>");
        let text = words::fill(&moved_to, &[("link", &link)]);
        let page = format!(
            "<!doctype html>\n<html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <meta name=\"robots\" content=\"noindex\">\
             <link rel=\"canonical\" href=\"{href}\">\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\"></head>\
             <body><p>{text}</p></body></html>\n"
        );
        let file = static_dir.join(page_file(old));
        // A file of the site's own `source/` stands there: it wins.
        if file.exists() {
            continue;
        }
        fs::create_dir_all(file.parent().unwrap_or(static_dir))?;
        fs::write(file, page)?;
        // A host that matches paths without case would send such a redirect to itself.
        if old.to_lowercase() != new.to_lowercase() {
            let (old_url, new_url) = (routes::encode_path(old), routes::encode_path(new));
            lines += &format!("{base_path}{old_url} {base_path}{new_url} 301\n");
        }
    }
    fs::write(static_dir.join(REDIRECTS_FILE), lines)
}

/// Redirects from where a Hexo blog had its tag, category and archive pages to Quire's, where
/// they differ (`/tags/Computer-Vision/` to `/tags/computer-vision/`, `/labels/rust/` to
/// `/tags/rust/`, `/news/2024/` to `/archives/2024/`), except onto a post's URL or an alias
/// (`taken`, lowercased).
pub fn hexo_terms(
    posts: &[Post],
    urls: &HexoTermUrls,
    taken: &std::collections::HashSet<String>,
) -> Vec<(String, String)> {
    let slug = |map: &HashMap<String, String>, name: &str| {
        hexo_slugize(map.get(name).map_or(name, String::as_str), urls.case)
    };
    let mut redirects = std::collections::BTreeMap::new();
    for post in posts {
        for tag in &post.summary.tags {
            let old = format!("/{}/{}/", urls.tag_dir, slug(&urls.tag_map, &tag.name));
            redirects.insert(old, routes::tag(&tag.slug));
        }
        // The archive: `/<archive_dir>/`, a year's and a month's lists.
        if urls.archive_dir != "archives" {
            let dir = &urls.archive_dir;
            redirects.insert(format!("/{dir}/"), routes::ARCHIVES.to_owned());
            let date = post.summary.date.as_str();
            if let (Some(year), Some(month)) = (
                date.get(0..4).and_then(|y| y.parse::<i32>().ok()),
                date.get(5..7).and_then(|m| m.parse::<u32>().ok()),
            ) {
                redirects.insert(format!("/{dir}/{year}/"), routes::year(year));
                redirects.insert(
                    format!("/{dir}/{year}/{month:02}/"),
                    routes::month(year, month),
                );
            }
        }
        for path in &post.summary.categories {
            let mut old = format!("/{}/", urls.category_dir);
            for (depth, term) in path.iter().enumerate() {
                old += &slug(&urls.category_map, &term.name);
                old.push('/');
                let slugs: Vec<&str> = path[..=depth].iter().map(|t| t.slug.as_str()).collect();
                redirects.insert(old.clone(), routes::category(&slugs));
            }
        }
    }
    redirects
        .into_iter()
        .filter(|(old, new)| old != new && !taken.contains(&old.to_lowercase()))
        .filter(|(old, _)| !old.contains("//") && crate::permalink::check_folder(old))
        .collect()
}

/// Hexo's `slugize`: each run of whitespace and punctuation one `-`, none at either end,
/// control characters dropped, then cased by `filename_case`. (Hexo also drops diacritics.)
pub fn hexo_slugize(name: &str, case: FilenameCase) -> String {
    const SPECIAL: &str = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";
    let mut slug = String::new();
    for c in name.chars().filter(|c| !c.is_control()) {
        if c.is_whitespace() || SPECIAL.contains(c) {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push(c);
        }
    }
    let slug = slug.trim_end_matches('-');
    match case {
        FilenameCase::AsWritten => slug.to_owned(),
        FilenameCase::Lower => slug.to_lowercase(),
        FilenameCase::Upper => slug.to_uppercase(),
    }
}

/// The file of the page at `path`: `a/b/index.html` for `/a/b/`, `a/b.html` for `/a/b.html`.
fn page_file(path: &str) -> PathBuf {
    let relative = path.trim_start_matches('/');
    match relative.is_empty() || relative.ends_with('/') {
        true => Path::new(relative).join("index.html"),
        false => PathBuf::from(relative),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexo_slugs_keep_case_and_join_words() {
        let slug = |name| hexo_slugize(name, FilenameCase::AsWritten);
        assert_eq!(slug("Computer Vision"), "Computer-Vision");
        assert_eq!(slug("C++ & Rust!"), "C-Rust");
        assert_eq!(slug("日本語 テスト"), "日本語-テスト");
        assert_eq!(hexo_slugize("Node.js", FilenameCase::Lower), "node-js");
    }

    #[test]
    fn pages_and_the_redirects_file() {
        let dir = tempfile::tempdir().unwrap();
        let redirects = [
            ("/old/post/".to_owned(), "/2024/01/02/post/".to_owned()),
            (
                "/archives/7.html".to_owned(),
                "/2024/01/02/post/".to_owned(),
            ),
        ];
        let site = SiteInfo {
            language: "ja".into(),
            words: crate::i18n::words("ja", &Default::default()).unwrap(),
            ..SiteInfo::default()
        };
        write(dir.path(), &site, "https://example.org/blog", &redirects).unwrap();
        let page = fs::read_to_string(dir.path().join("old/post/index.html")).unwrap();
        // In the site's language.
        assert!(page.contains(r#"<html lang="ja">"#), "{page}");
        assert!(page.contains(r#"<p>このページは <a href="https://example.org/blog/2024/01/02/post/">https://example.org/blog/2024/01/02/post/</a> に移動しました。</p>"#), "{page}");
        assert!(page.contains(r#"<meta http-equiv="refresh" content="0; url=https://example.org/blog/2024/01/02/post/">"#), "{page}");
        assert!(page.contains(
            r#"<link rel="canonical" href="https://example.org/blog/2024/01/02/post/">"#
        ));
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(dir.path().join("archives/7.html").is_file());
        assert_eq!(
            fs::read_to_string(dir.path().join(REDIRECTS_FILE)).unwrap(),
            "/blog/old/post/ /blog/2024/01/02/post/ 301\n/blog/archives/7.html /blog/2024/01/02/post/ 301\n"
        );
    }
}
