//! Quire's pages step, run by Trunk after it builds the app (`post_build`): every URL of the
//! blog becomes a real HTML file with the route's content and head tags, rendered by the app's
//! own components (Leptos server-side rendering), which the app then hydrates. It also writes
//! the feeds (Atom, RSS, JSON Feed, an Atom feed per tag), `sitemap.xml` and `robots.txt`.
//!
//! It reads only what the build step wrote (the bundle in `data/`) and Trunk's `index.html`.

pub mod feeds;
pub mod headers;
pub mod html;
pub mod pages;
pub mod session;
pub mod sitemap;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quire::bundle::Bundle;
use quire::RenderedPage;
use quire_model::routes::{self, Route};
use quire_model::{files, ListPage, ListedPost, PostFile, RouteShard, SiteIndex};
use rayon::prelude::*;

use crate::feeds::{Feed, FeedPosts};
use crate::html::Shell;
pub use crate::session::Session;

/// A file the pages step could not read or write, and why.
#[derive(Debug)]
pub struct PagesError {
    pub path: PathBuf,
    pub message: String,
}

impl PagesError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for PagesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for PagesError {}

/// The bundle as the build step wrote it: its index and the list of its posts. Each page
/// reads the file it shows when it is rendered, so memory holds a page at a time (and a
/// summary a post), not the whole bundle.
pub struct BundleDir {
    pub index: Arc<SiteIndex>,
    /// The site index's file name inside `data/`.
    pub index_file: String,
    /// Every post, newest first, with its file name: the archive's entries.
    pub posts: Vec<ListedPost>,
    data_dir: PathBuf,
}

impl BundleDir {
    /// Reads the bundle in `data_dir`.
    pub fn read(data_dir: &Path) -> Result<Self, PagesError> {
        let listing = fs::read_dir(data_dir)
            .map_err(|e| PagesError::new(data_dir, format!("cannot list the bundle: {e}")))?;
        let index_file = listing
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .find(|name| files::is_index(name))
            .ok_or_else(|| {
                PagesError::new(data_dir, "no site index here: run quire-build first")
            })?;
        let index: SiteIndex = read_json(&data_dir.join(&index_file))?;
        // The archive lists every post once, newest first.
        let archive: Vec<ListPage> = (1..=index.archive.pages)
            .filter_map(|page| index.archive.page_file(page))
            .collect::<Vec<_>>()
            .par_iter()
            .map(|name| read_json(&data_dir.join(name)))
            .collect::<Result<_, _>>()?;
        let posts = archive.into_iter().flat_map(|page| page.posts).collect();
        Ok(Self {
            index: Arc::new(index),
            index_file,
            posts,
            data_dir: data_dir.to_owned(),
        })
    }

    /// The post file `name`.
    pub fn post(&self, name: &str) -> Result<PostFile, PagesError> {
        self.file(name)
    }

    /// The bundle file `name`.
    fn file<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, PagesError> {
        read_json(&self.data_dir.join(name))
    }

    /// The app's bundle holding the index and what `page` shows (its post or list page; for a URL
    /// that could be a post's but is not, the route table shard that says so), as if the app
    /// had fetched them: the page renders from it without fetching anything.
    pub fn bundle_for(&self, page: &pages::Page) -> Result<Bundle, PagesError> {
        let bundle = Bundle::new(Arc::new(NoFetch), &self.index_file);
        bundle.preload_index(Arc::clone(&self.index));
        let file = page.data_file.as_str();
        if file.starts_with(files::POSTS_DIR) {
            bundle.preload_post(file, self.post(file)?);
        } else if !file.is_empty() {
            bundle.preload_list(file, self.file::<ListPage>(file)?);
        } else if let Route::Post(path) = Route::parse(&page.route) {
            if let Some(shard) = self.index.route_shard(&path) {
                bundle.preload_route_shard(shard, self.file::<RouteShard>(shard)?);
            }
        }
        Ok(bundle)
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, PagesError> {
    // Read as text: UTF-8 is checked once for the file, not again for each string in it.
    let text =
        fs::read_to_string(path).map_err(|e| PagesError::new(path, format!("cannot read: {e}")))?;
    serde_json::from_str(&text)
        .map_err(|e| PagesError::new(path, format!("not a bundle file: {e}")))
}

/// Rendering never fetches: the bundle holds what the page shows. A page that tried would show
/// its loading state, which the tests would catch.
pub(crate) struct NoFetch;

impl quire::api::Fetch for NoFetch {
    fn fetch(&self, path: &str) -> quire::api::FetchFuture {
        refused(path)
    }

    fn fetch_bytes(&self, path: &str) -> quire::api::FetchFuture<Vec<u8>> {
        refused(path)
    }
}

fn refused<T>(path: &str) -> quire::api::FetchFuture<T> {
    let error = quire::api::LoadError::Network(format!("{path} while rendering"));
    Box::pin(async move { Err(error) })
}

/// Post pages kept between runs under `trunk serve`, where every save rebuilds the site but
/// changes a post or two. A post page shows its post file (named by its contents), the site's
/// settings and Trunk's shell; it names the site index too, which changes on every build, so
/// the index's name is kept out of the entry and put back in.
pub struct PageCache {
    dir: PathBuf,
    /// A hash of what every page depends on: the shell and the site's settings.
    common: String,
    used: std::sync::Mutex<HashSet<String>>,
}

impl PageCache {
    const INDEX_MARK: &'static str = "\u{E000}index\u{E000}";

    fn new(dir: &Path, shell: &Shell, bundle: &BundleDir) -> Self {
        Self {
            dir: dir.to_owned(),
            common: Self::common(shell, bundle),
            used: Default::default(),
        }
    }

    /// A hash of what every page shows: the shell and the site's settings.
    fn common(shell: &Shell, bundle: &BundleDir) -> String {
        let site = serde_json::to_string(&bundle.index.site).unwrap_or_default();
        files::content_hash(format!("{}{site}", shell.fingerprint()).as_bytes())
    }

    /// The entry's name for `page`, if it is a post page (list pages show parts of the index).
    fn key(&self, page: &pages::Page) -> Option<String> {
        Self::shows(&self.common, page)
    }

    /// A hash of what the post page `page` shows, with `common` (`None` for other pages).
    fn shows(common: &str, page: &pages::Page) -> Option<String> {
        page.data_file.starts_with(files::POSTS_DIR).then(|| {
            let what = format!("{common}\n{}\n{}", page.route, page.data_file);
            files::content_hash(what.as_bytes())
        })
    }

    fn get(&self, key: &str, index_file: &str) -> Option<String> {
        self.used.lock().expect("cache lock").insert(key.to_owned());
        let kept = fs::read_to_string(self.dir.join(key)).ok()?;
        Some(kept.replace(Self::INDEX_MARK, index_file))
    }

    /// Keeps `html`; a cache that cannot be written only makes the next run slower.
    fn put(&self, key: &str, html: &str, index_file: &str) {
        let _ = fs::create_dir_all(&self.dir);
        let _ = fs::write(
            self.dir.join(key),
            html.replace(index_file, Self::INDEX_MARK),
        );
    }

    /// Removes the entries this run did not use.
    fn prune(&self) {
        let used = self.used.lock().expect("cache lock");
        for entry in fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            if !used.contains(entry.file_name().to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// What [`write_site`] wrote.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub pages: usize,
    pub feeds: usize,
    pub bytes: u64,
}

/// Writes every page, feed and sitemap into `site_dir`, which holds Trunk's `index.html` and
/// the bundle in `data/`. With a `cache` folder, post pages rendered by an earlier run from
/// the same post file, site settings and shell are copied from there instead (see
/// [`PageCache`]).
pub fn write_site(site_dir: &Path, cache: Option<&Path>) -> Result<Report, PagesError> {
    match cache {
        Some(dir) => write_site_with(site_dir, Reuse::Folder(dir)),
        None => write_site_with(site_dir, Reuse::Nothing),
    }
}

/// What a run of the pages step reuses of earlier runs.
enum Reuse<'a> {
    Nothing,
    /// Post pages kept in a folder ([`PageCache`]).
    Folder(&'a Path),
    /// Everything the session remembers.
    Session(&'a Session),
}

fn write_site_with(site_dir: &Path, reuse: Reuse) -> Result<Report, PagesError> {
    html::init_executor();
    let shell_path = site_dir.join("index.html");
    let shell_html = fs::read_to_string(&shell_path)
        .map_err(|e| PagesError::new(&shell_path, format!("cannot read: {e}")))?;
    let bundle = BundleDir::read(&site_dir.join(files::BUNDLE_DIR))?;
    let shell = Shell::parse(&shell_html)?.with_site_head(bundle.index.integrations.head_html());
    let pages = pages::all(&bundle);
    let cache = match reuse {
        Reuse::Folder(dir) => Some(PageCache::new(dir, &shell, &bundle)),
        _ => None,
    };
    let session = match reuse {
        Reuse::Session(session) => Some((
            session,
            session::Common::of(PageCache::common(&shell, &bundle), &bundle.index),
        )),
        _ => None,
    };
    let render = |page: &pages::Page| -> Result<String, PagesError> {
        let rendered = RenderedPage {
            route: page.route.clone(),
            index_file: bundle.index_file.clone(),
            data_file: page.data_file.clone(),
        };
        Ok(shell.render(&bundle.bundle_for(page)?, &rendered))
    };

    let written: Vec<u64> = pages
        .par_iter()
        .map(|page| {
            if let Some((session, common)) = &session {
                return session.page(common, &bundle, page, || render(page));
            }
            let key = cache.as_ref().and_then(|cache| cache.key(page));
            let kept = key
                .as_ref()
                .and_then(|key| cache.as_ref()?.get(key, &bundle.index_file));
            let html = match kept {
                Some(kept) => kept,
                None => {
                    let html = render(page)?;
                    if let (Some(cache), Some(key)) = (&cache, &key) {
                        cache.put(key, &html, &bundle.index_file);
                    }
                    html
                }
            };
            write(site_dir, &page.file(), html.as_bytes())
        })
        .collect::<Result<_, _>>()?;
    if let Some(cache) = &cache {
        cache.prune();
    }
    let mut bytes: u64 = written.iter().sum();

    let feed_posts = FeedPosts::read(&bundle)?;
    type Format = fn(&BundleDir, &Feed<'_>) -> String;
    let mut all_feeds: Vec<(Feed, Format)> = [
        (routes::ATOM_FEED, feeds::atom as Format),
        (routes::RSS_FEED, feeds::rss),
        (routes::JSON_FEED, feeds::json_feed),
    ]
    .into_iter()
    .map(|(path, format)| (Feed::site(&bundle, &feed_posts, path), format))
    .collect();
    all_feeds.extend(bundle.index.tags.iter().map(|tag| {
        let feed = Feed::tag(&bundle, &feed_posts, &tag.slug, &tag.name);
        (feed, feeds::atom as Format)
    }));
    let mut other: Vec<(String, String)> = all_feeds
        .par_iter()
        .map(|(feed, format)| (feed.path.clone(), format(&bundle, feed)))
        .collect();
    // A moved blog's feeds stay where its subscribers have them too (`/rss2.xml`).
    let copies: Vec<(String, String)> = bundle
        .index
        .feed_copies
        .iter()
        .filter_map(|(quire, old)| {
            let (_, feed) = other.iter().find(|(path, _)| path == quire)?;
            Some((old.clone(), feed.clone()))
        })
        .collect();
    other.extend(copies);
    let feeds = other.len();
    other.extend(sitemap::sitemaps(&bundle.index.site.base_url, &pages));
    // A robots.txt of the author's own (a Hexo site's `source/robots.txt`) is kept.
    if !site_dir.join("robots.txt").exists() {
        other.push(("/robots.txt".into(), sitemap::robots_txt(&bundle)));
    }
    // So is a `_headers` of the author's own (a Hexo site's `source/_headers`).
    if !headers::is_authors_own(&site_dir.join(headers::HEADERS_FILE)) {
        let names: Vec<String> = fs::read_dir(site_dir)
            .map_err(|e| PagesError::new(site_dir, format!("cannot list: {e}")))?
            .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
            .collect();
        let file = headers::headers_file(&shell.base.0, &names);
        other.push((format!("/{}", headers::HEADERS_FILE), file));
    }
    for (path, contents) in &other {
        bytes += write(site_dir, path.trim_start_matches('/'), contents.as_bytes())?;
    }
    Ok(Report {
        pages: pages.len(),
        feeds,
        bytes,
    })
}

fn write(site_dir: &Path, file: &str, contents: &[u8]) -> Result<u64, PagesError> {
    let path = site_dir.join(file);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| PagesError::new(parent, format!("cannot create: {e}")))?;
    }
    fs::write(&path, contents).map_err(|e| PagesError::new(&path, format!("cannot write: {e}")))?;
    Ok(contents.len() as u64)
}
