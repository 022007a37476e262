//! Every page the blog has, as the app's router knows them: the build writes one HTML file each.

use quire_model::{routes, CategoryNode, SiteIndex};

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its path from the site root, as `quire_model::routes` makes it.
    pub route: String,
    /// When its content last changed, for the sitemap (posts only).
    pub updated: Option<String>,
    /// Whether crawlers should be told about it.
    pub in_sitemap: bool,
}

/// The route of the page a host serves for any URL it has no file for.
pub const NOT_FOUND: &str = "/404.html";

impl Page {
    pub fn listed(route: String) -> Self {
        Self {
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

/// All pages: the home page and its older pages, each post, the tags and each tag, the
/// categories and each category at every depth, the archive, search and the 404 page.
pub fn all(index: &SiteIndex) -> Vec<Page> {
    let per_page = index.site.posts_per_page.max(1) as usize;
    let home_pages = index.posts.len().div_ceil(per_page).max(1) as u32;
    let mut pages: Vec<Page> = (1..=home_pages)
        .map(|n| Page::listed(routes::home_page(n)))
        .collect();
    pages.extend(index.posts.iter().map(|post| Page {
        route: post.path.clone(),
        updated: Some(post.updated.as_str().to_owned()),
        in_sitemap: true,
    }));
    pages.push(Page::listed(routes::TAGS.to_owned()));
    pages.extend(
        index
            .tags
            .iter()
            .map(|tag| Page::listed(routes::tag(&tag.slug))),
    );
    pages.push(Page::listed(routes::CATEGORIES.to_owned()));
    categories(&index.categories, &mut Vec::new(), &mut pages);
    pages.push(Page::listed(routes::ARCHIVES.to_owned()));
    for route in [routes::SEARCH, NOT_FOUND] {
        pages.push(Page {
            route: route.to_owned(),
            updated: None,
            in_sitemap: false,
        });
    }
    pages
}

fn categories<'a>(nodes: &'a [CategoryNode], trail: &mut Vec<&'a str>, pages: &mut Vec<Page>) {
    for node in nodes {
        trail.push(&node.slug);
        pages.push(Page::listed(routes::category(trail)));
        categories(&node.children, trail, pages);
        trail.pop();
    }
}
