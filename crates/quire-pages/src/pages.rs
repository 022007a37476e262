//! Every page the blog has, as the app's router knows them: the build writes one HTML file each.

use quire_model::routes::{self, Route};
use quire_model::SiteIndex;

use crate::BundleDir;

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its path from the site root, as `quire_model::routes` makes it.
    pub route: String,
    /// The list page or post file it shows, inside the bundle; empty if none.
    pub data_file: String,
    /// When its content last changed, for the sitemap (posts only).
    pub updated: Option<String>,
    /// Whether crawlers should be told about it.
    pub in_sitemap: bool,
}

/// The route of the page a host serves for any URL it has no file for.
pub const NOT_FOUND: &str = "/404.html";

impl Page {
    /// A page of the app's own, which crawlers are told about.
    pub fn listed(index: &SiteIndex, route: String) -> Self {
        Self {
            data_file: index.list_file(&Route::parse(&route)).unwrap_or_default(),
            route,
            updated: None,
            in_sitemap: true,
        }
    }

    /// The file that holds it, relative to the site's root folder: `tags/rust/index.html`
    /// for `/tags/rust/`, `archives/old.html` for `/archives/old.html`.
    pub fn file(&self) -> String {
        let path = self.route.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        }
    }
}

/// All pages: every page of every list (`SiteIndex::lists`); each post; the site's pages; the
/// tags and categories; search and the 404 page.
pub fn all(bundle: &BundleDir) -> Vec<Page> {
    let index = &bundle.index;
    let mut pages = Vec::new();
    for (url, listing) in index.lists() {
        for page in 1..=listing.pages {
            pages.push(Page::listed(index, routes::paged(&url, page)));
        }
    }
    pages.extend(bundle.posts.iter().map(|listed| Page {
        route: listed.post.path.clone(),
        data_file: listed.file.clone(),
        updated: Some(listed.post.updated.as_str().to_owned()),
        in_sitemap: true,
    }));
    // The site's own pages (About, …): found by path as posts are, in no list.
    pages.extend(index.pages.iter().map(|(path, file)| Page {
        route: path.clone(),
        data_file: file.clone(),
        updated: None,
        in_sitemap: true,
    }));
    pages.push(Page::listed(index, routes::TAGS.to_owned()));
    pages.push(Page::listed(index, routes::CATEGORIES.to_owned()));
    for route in [routes::SEARCH, NOT_FOUND] {
        pages.push(Page {
            route: route.to_owned(),
            data_file: String::new(),
            updated: None,
            in_sitemap: false,
        });
    }
    pages
}
