//! Quire's pages step, run by Trunk after it builds the app (`post_build`): every URL of the
//! blog becomes a real HTML file with the route's content and head tags, rendered by the app's
//! own components (Leptos server-side rendering), which the app then hydrates. It also writes
//! the feeds (Atom, RSS, JSON Feed, an Atom feed per tag), `sitemap.xml` and `robots.txt`.
//!
//! It reads only what the build step wrote (the bundle in `data/`) and Trunk's `index.html`.

pub mod feeds;
pub mod html;
pub mod pages;
pub mod sitemap;

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quire::store::Store;
use quire_model::{files, routes, PostFile, SiteIndex};
use rayon::prelude::*;

use crate::feeds::Feed;
use crate::html::Shell;

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

/// The bundle as the build step wrote it.
pub struct Bundle {
    pub index: SiteIndex,
    /// The site index's file name inside `data/`.
    pub index_file: String,
    /// By slug.
    pub posts: HashMap<String, PostFile>,
}

impl Bundle {
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
        let posts = index
            .post_files
            .par_iter()
            .map(|(slug, file)| Ok((slug.clone(), read_json(&data_dir.join(file))?)))
            .collect::<Result<_, PagesError>>()?;
        Ok(Self {
            index,
            index_file,
            posts,
        })
    }

    /// A store holding the whole bundle, as if the app had fetched it: pages render from it
    /// without fetching anything.
    pub fn store(&self) -> Store {
        let store = Store::new(Arc::new(NoFetch), &self.index_file);
        store.preload_index(self.index.clone());
        for post in self.posts.values() {
            store.preload_post(post.clone());
        }
        store
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, PagesError> {
    let bytes = fs::read(path).map_err(|e| PagesError::new(path, format!("cannot read: {e}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| PagesError::new(path, format!("not a bundle file: {e}")))
}

/// Rendering never fetches: the store is preloaded. A page that tried would show its loading
/// state, which the tests would catch.
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

/// What [`write_site`] wrote.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub pages: usize,
    pub feeds: usize,
    pub bytes: u64,
}

/// Writes every page, feed and sitemap into `site_dir`, which holds Trunk's `index.html` and
/// the bundle in `data/`.
pub fn write_site(site_dir: &Path) -> Result<Report, PagesError> {
    let _ = any_spawner::Executor::init_futures_executor();
    let shell_path = site_dir.join("index.html");
    let shell_html = fs::read_to_string(&shell_path)
        .map_err(|e| PagesError::new(&shell_path, format!("cannot read: {e}")))?;
    let shell = Shell::parse(&shell_html)?;
    let bundle = Bundle::read(&site_dir.join(files::BUNDLE_DIR))?;
    let store = bundle.store();
    let pages = pages::all(&bundle.index);

    let written: Vec<u64> = pages
        .par_iter()
        .map(|page| {
            let html = shell.render(&store, &page.route, &bundle.index_file);
            write(site_dir, &page.file(), html.as_bytes())
        })
        .collect::<Result<_, _>>()?;
    let mut bytes: u64 = written.iter().sum();

    let mut other: Vec<(String, String)> = Vec::new();
    type Format = fn(&Bundle, &Feed<'_>) -> String;
    let site_feeds: [(&str, Format); 3] = [
        (routes::ATOM_FEED, feeds::atom),
        (routes::RSS_FEED, feeds::rss),
        (routes::JSON_FEED, feeds::json_feed),
    ];
    for (path, format) in site_feeds {
        other.push((path.into(), format(&bundle, &Feed::site(&bundle, path))));
    }
    for tag in &bundle.index.tags {
        let feed = Feed::tag(&bundle, &tag.slug, &tag.name);
        other.push((feed.path.clone(), feeds::atom(&bundle, &feed)));
    }
    let feeds = other.len();
    other.extend(sitemap::sitemaps(&bundle, &pages));
    // A robots.txt of the author's own (a Hexo site's `source/robots.txt`) is kept.
    if !site_dir.join("robots.txt").exists() {
        other.push(("/robots.txt".into(), sitemap::robots_txt(&bundle)));
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
