//! `quire-build check`: every link and image in a post or page (Markdown's `[text](url)` and
//! `![alt](url)`) that points inside the site but at nothing there, as `path:line`, like
//! `zola check`. A link points at something when the site has a post or page at its path
//! (and, for `#fragment`, a heading or other element with that id in it), a list (a tag, a
//! category, a year or month of the archive that has posts, the home page, the indexes), a
//! feed, or a file of the site's own (`public/`, a Hexo `source/`, a post's asset folder).
//! Other sites' links are fetched only on request (`--external`, [`external`]): builds may be
//! offline. `{% post_link %}` and its kin are checked by every build already.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};
use quire_model::routes::{self, Route};

use crate::problem::{line_of, Problem, Problems};
use crate::{front_matter, markdown, read_site, Options, Post};

pub mod external;

/// The problems: one for each link that points nowhere (with `external`, other sites' links
/// too). `Err`: the site does not build.
pub fn check(options: &Options, external: bool) -> Result<Vec<Problem>, Problems> {
    let site = read_site(options)?;
    let targets = Targets::of(
        &options.root,
        site.config.asset_folders,
        &site.posts,
        &site.pages,
    );
    let mut problems = Vec::new();
    // Other sites' links: each URL with where it is (file, line).
    let mut elsewhere: Vec<(String, PathBuf, usize)> = Vec::new();
    for post in site.posts.iter().chain(&site.pages) {
        // Posts name their files from the site's folder, as the build's problems do.
        let text = std::fs::read_to_string(options.root.join(&post.source)).map_err(|e| {
            Problems(vec![Problem::new(
                &post.source,
                None,
                format!("cannot read: {e}"),
            )])
        })?;
        for (url, offset) in links(&text) {
            let line = line_of(text.as_bytes(), offset);
            if let Some(why) = targets.missing(&url, &post.summary.path) {
                problems.push(Problem::new(
                    &post.source,
                    Some(line),
                    format!("`{url}`: {why}"),
                ));
            } else if external && is_web(&url) {
                elsewhere.push((url, post.source.clone(), line));
            }
        }
    }
    if !elsewhere.is_empty() {
        let broken = external::broken(elsewhere.iter().map(|(url, ..)| url.clone()));
        for (url, source, line) in &elsewhere {
            if let Some(why) = broken.get(url) {
                problems.push(Problem::new(source, Some(*line), format!("`{url}`: {why}")));
            }
        }
    }
    Ok(problems)
}

/// A link to another site over HTTP(S).
fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Each link's and image's URL in a post file, with its byte offset in `text`.
fn links(text: &str) -> Vec<(String, usize)> {
    let body = front_matter::split(text).body;
    // The body is a part of `text`: where it starts in the file.
    let start = body.as_ptr() as usize - text.as_ptr() as usize;
    Parser::new_ext(body, markdown::OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.into_string(), start + range.start))
            }
            _ => None,
        })
        .collect()
}

/// What the site has at its paths.
struct Targets {
    root: PathBuf,
    /// Each post's and page's path, with the ids in it.
    pages: HashMap<String, HashSet<String>>,
    /// Each post's path and its source file, for its asset folder.
    sources: Vec<(String, PathBuf)>,
    /// Each post's and page's path, with the folder its relative URLs are resolved in.
    folders: HashMap<String, String>,
    tags: HashSet<String>,
    categories: HashSet<Vec<String>>,
    months: HashSet<(i32, u32)>,
}

impl Targets {
    fn of(root: &Path, asset_folders: bool, posts: &[Post], pages: &[Post]) -> Self {
        let mut targets = Targets {
            root: root.to_owned(),
            pages: HashMap::new(),
            sources: Vec::new(),
            folders: HashMap::new(),
            tags: HashSet::new(),
            categories: HashSet::new(),
            months: HashSet::new(),
        };
        for post in posts.iter().chain(pages) {
            // As the build resolves them (`post::relative_folder`).
            let folder =
                crate::post::relative_folder(&post.summary.path, asset_folders && !post.page);
            targets.folders.insert(post.summary.path.clone(), folder);
            let ids = ids(&post.body_html);
            targets.pages.insert(post.summary.path.clone(), ids);
            for (alias, _) in &post.aliases {
                targets.pages.entry(alias.clone()).or_default();
            }
            targets
                .sources
                .push((post.summary.path.clone(), post.source.clone()));
        }
        for post in posts {
            let summary = &post.summary;
            targets
                .tags
                .extend(summary.tags.iter().map(|tag| tag.slug.clone()));
            for trail in &summary.categories {
                for depth in 1..=trail.len() {
                    let path = trail[..depth].iter().map(|c| c.slug.clone()).collect();
                    targets.categories.insert(path);
                }
            }
            targets
                .months
                .insert((summary.date.year(), summary.date.month()));
        }
        targets
    }

    /// Why the link `url` in the post at `from` points nowhere; `None` if it points somewhere
    /// or elsewhere than this site.
    fn missing(&self, url: &str, from: &str) -> Option<String> {
        if markdown::has_scheme(url) || url.starts_with("//") {
            return None;
        }
        let folder = self.folders.get(from).map_or(from, String::as_str);
        let resolved = markdown::in_folder(url, folder);
        let (before, fragment) = match resolved.split_once('#') {
            Some((before, fragment)) => (before, Some(routes::percent_decode(fragment, false))),
            None => (&*resolved, None),
        };
        let path = before.split('?').next().unwrap_or_default();
        let path = match path.is_empty() {
            true => from.to_owned(),
            false => routes::percent_decode(path, false),
        };
        let page = path.strip_suffix("index.html").unwrap_or(&path);
        // Static hosts serve `/docs/setup.html` at `/docs/setup` too (GitHub Pages, Netlify).
        let ids = self
            .pages
            .get(page)
            .or_else(|| self.pages.get(&format!("{page}/")))
            .or_else(|| self.pages.get(&format!("{page}.html")));
        if let Some(ids) = ids {
            return match fragment {
                Some(id) if !id.is_empty() && !ids.contains(&id) => Some(format!(
                    "the page has no heading or element with the id `{id}`"
                )),
                _ => None,
            };
        }
        let route = Route::parse(page);
        let listed = match &route {
            Route::Home { .. } | Route::Tags | Route::Categories | Route::Archives { .. } => true,
            Route::Search => true,
            Route::Tag { slug, .. } => self.tags.contains(slug),
            Route::Category { path, .. } => self.categories.contains(path),
            Route::Year { year, .. } => self.months.iter().any(|(y, _)| y == year),
            Route::Month { year, month, .. } => self.months.contains(&(*year, *month)),
            _ => false,
        };
        let feed = [
            routes::ATOM_FEED,
            routes::RSS_FEED,
            routes::JSON_FEED,
            routes::SITEMAP,
            "/robots.txt",
        ]
        .contains(&page);
        if listed || feed || self.is_file(&path) {
            return None;
        }
        Some(match route {
            Route::Tag { .. } => "no post has this tag".to_owned(),
            Route::Category { .. } => "no post is in this category".to_owned(),
            Route::Year { .. } | Route::Month { .. } => "no post is from then".to_owned(),
            _ => format!("nothing on the site is at `{path}` (no post, page, list or file)"),
        })
    }

    /// Whether a file of the site's own is served at `path` (a folder: with its `index.html`).
    fn is_file(&self, path: &str) -> bool {
        let relative = path.trim_start_matches('/');
        if relative.split('/').any(|segment| segment == "..") {
            return false;
        }
        let exists = |folder: &Path| {
            let file = folder.join(relative);
            file.is_file() || file.join("index.html").is_file()
        };
        if exists(&self.root.join("public")) || exists(&self.root.join("source")) {
            return true;
        }
        // A post's asset folder: the folder beside its file, named as the file is.
        self.sources.iter().any(|(post_path, source)| {
            path.strip_prefix(post_path.as_str()).is_some_and(|rest| {
                let folder = self.root.join(source).with_extension("");
                !rest.is_empty() && folder.join(rest).is_file()
            })
        })
    }
}

/// The ids of the elements in `html` (headings, footnotes, anchors of the author's own).
fn ids(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|id| {
            id.replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_site::{options, site};

    fn problems(dir: &Path) -> Vec<String> {
        problems_with(dir, false)
    }

    fn problems_with(dir: &Path, external: bool) -> Vec<String> {
        check(&options(dir), external)
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{}:{}: {}",
                    p.path.display(),
                    p.line.unwrap_or(0),
                    p.message
                )
            })
            .collect()
    }

    #[test]
    fn links_that_point_nowhere_are_named_with_their_line() {
        let dir = site(&[
            (
                "content/posts/one.md",
                "---\ntitle: One\ndate: 2024-05-01\ntags: [Rust]\ncategories: [Code]\n---\n\
                 ## Setup\n\n\
                 [two](/posts/two/) [its part](/posts/two/#details) [here](#setup)\n\
                 [tag](/tags/rust/) [category](/categories/code/) [month](/archives/2024/05/)\n\
                 ![logo](/images/logo.png) [about](/about/) [feed](/atom.xml) [far](https://example.org/x)\n\
                 [gone](/posts/three/)\n\
                 [no part](/posts/two/#nowhere) [no tag](/tags/go/) [no month](/archives/2023/01/)\n\
                 ![no image](missing.png) [no anchor](#install)\n",
            ),
            (
                "content/posts/two.md",
                "---\ntitle: Two\ndate: 2024-05-02\n---\n## Details\n\n[back](../one/)\n",
            ),
            ("content/pages/about.md", "---\ntitle: About\n---\n[home](/)\n"),
            ("public/images/logo.png", "png"),
        ]);
        assert_eq!(
            problems(dir.path()),
            [
                "content/posts/one.md:12: `/posts/three/`: nothing on the site is at `/posts/three/` (no post, page, list or file)",
                "content/posts/one.md:13: `/posts/two/#nowhere`: the page has no heading or element with the id `nowhere`",
                "content/posts/one.md:13: `/tags/go/`: no post has this tag",
                "content/posts/one.md:13: `/archives/2023/01/`: no post is from then",
                "content/posts/one.md:14: `missing.png`: nothing on the site is at `/posts/one/missing.png` (no post, page, list or file)",
                "content/posts/one.md:14: `#install`: the page has no heading or element with the id `install`",
            ]
        );
    }

    /// A web server on 127.0.0.1 that answers `/ok` (200), `/no-head` (405 to HEAD, 200 to
    /// GET), `/moved` (301 to `/ok`) and anything else with 404; its address.
    fn other_site() -> String {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut request = String::new();
                let mut reader = BufReader::new(&stream);
                let _ = reader.read_line(&mut request);
                // The rest of the request's head.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let mut parts = request.split(' ');
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let status = match (method, path) {
                    (_, "/ok") => "200 OK\r\nContent-Length: 2",
                    ("HEAD", "/no-head") => "405 Method Not Allowed\r\nContent-Length: 0",
                    (_, "/no-head") => "200 OK\r\nContent-Length: 2",
                    (_, "/moved") => "301 Moved Permanently\r\nLocation: /ok\r\nContent-Length: 0",
                    _ => "404 Not Found\r\nContent-Length: 0",
                };
                let body = if method == "GET" && status.starts_with("200") {
                    "ok"
                } else {
                    ""
                };
                let _ = write!(
                    &stream,
                    "HTTP/1.1 {status}\r\nConnection: close\r\n\r\n{body}"
                );
            }
        });
        address
    }

    #[test]
    fn other_sites_links_are_fetched_only_on_request_and_named_when_broken() {
        let site_url = other_site();
        // A port nothing listens on.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let nobody = format!("http://{}/", closed.local_addr().unwrap());
        drop(closed);
        let post = format!(
            "---\ntitle: One\ndate: 2024-05-01\n---\n\
             [fine]({site_url}/ok) [picky]({site_url}/no-head) [moved]({site_url}/moved)\n\
             [gone]({site_url}/gone) ![gone too]({site_url}/gone)\n\
             [nobody]({nobody}) [mail](mailto:a@example.org)\n"
        );
        let dir = site(&[("content/posts/one.md", post.as_str())]);
        assert!(problems(dir.path()).is_empty(), "no request, no check");
        let found = problems_with(dir.path(), true);
        assert_eq!(found.len(), 3, "{found:#?}");
        let gone = format!("content/posts/one.md:6: `{site_url}/gone`: the site answers HTTP 404");
        assert_eq!(found[..2], [gone.clone(), gone]);
        assert!(
            found[2].starts_with(&format!("content/posts/one.md:7: `{nobody}`: no answer (")),
            "{}",
            found[2]
        );
    }
}
