use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `index.<hash>.json`: the site's settings and the map to every other file. It stays small
/// at any size of blog: posts are listed a page at a time in [`ListPage`] files, and found by
/// path in [`RouteShard`] files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    /// [`crate::SCHEMA_VERSION`] of the build that wrote it.
    pub version: u32,
    pub site: SiteInfo,
    pub post_count: u32,
    /// Every post, newest first, [`SiteInfo::posts_per_page`] a page: the home page.
    pub home: Listing,
    /// Every post, newest first, a longer page at a time: `/archives/`.
    pub archive: Listing,
    /// Sorted by name.
    pub tags: Vec<TermCount>,
    /// Top-level categories, sorted by name; each counts the posts in it and below.
    pub categories: Vec<CategoryNode>,
    /// Newest first.
    pub years: Vec<ArchiveYear>,
    /// The route table's shards: a post's path is in shard `files::route_shard_of(path, len)`.
    pub routes: Vec<String>,
    /// The search index's root file, inside the bundle (`search/<hash>.bin`); see quire-search.
    pub search: String,
    /// Feeds the pages step also writes at a blog's old paths, so subscribers keep them:
    /// Quire's path (`/rss.xml`) and the old one (`/rss2.xml`, a Hexo blog's). The app has no
    /// use for them, and its wasm skips them unread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub feed_copies: Vec<(String, String)>,
    /// The site's pages (`content/pages/`, a Hexo `source/`'s Markdown) as (path, file): the
    /// pages step renders each and lists it in the sitemap. The app finds a page by its route
    /// shard, as it finds a post, and skips this list unread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub pages: Vec<(String, String)>,
    /// The site's own head HTML and third-party scripts, which the pages step writes into
    /// every page: no wasm reads them.
    #[serde(
        default,
        skip_serializing_if = "crate::integrations::Integrations::is_empty"
    )]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub integrations: crate::integrations::Integrations,
}

impl SiteIndex {
    /// The tag whose slug is `slug`.
    pub fn tag(&self, slug: &str) -> Option<&TermCount> {
        self.tags.iter().find(|tag| tag.slug == slug)
    }

    /// The year `year` of the archive.
    pub fn year(&self, year: i32) -> Option<&ArchiveYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The month `month` (1 to 12) of the year `year` of the archive.
    pub fn month(&self, year: i32, month: u32) -> Option<&ArchiveMonth> {
        self.year(year)?.months.iter().find(|m| m.month == month)
    }

    /// Every list of the site with the URL of its first page: the home page, each tag, each
    /// category at every depth, the archive, each year and each month.
    pub fn lists(&self) -> Vec<(String, &Listing)> {
        fn categories<'a>(
            nodes: &'a [CategoryNode],
            trail: &mut Vec<&'a str>,
            lists: &mut Vec<(String, &'a Listing)>,
        ) {
            for node in nodes {
                trail.push(&node.slug);
                lists.push((crate::routes::category(trail), &node.list));
                categories(&node.children, trail, lists);
                trail.pop();
            }
        }
        use crate::routes;
        let mut lists = vec![(routes::home_page(1), &self.home)];
        lists.extend(
            self.tags
                .iter()
                .map(|tag| (routes::tag(&tag.slug), &tag.list)),
        );
        categories(&self.categories, &mut Vec::new(), &mut lists);
        lists.push((routes::ARCHIVES.to_owned(), &self.archive));
        for year in &self.years {
            lists.push((routes::year(year.year), &year.list));
            for month in &year.months {
                lists.push((routes::month(year.year, month.month), &month.list));
            }
        }
        lists
    }

    /// The list and page that `route` shows, if it shows one that exists.
    pub fn list_of(&self, route: &crate::routes::Route) -> Option<(&Listing, u32)> {
        use crate::routes::Route;
        let (listing, page) = match route {
            Route::Home { page } => (&self.home, *page),
            Route::Tag { slug, page } => (&self.tag(slug)?.list, *page),
            Route::Category { path, page } => (&self.category(path)?.last()?.list, *page),
            Route::Archives { page } => (&self.archive, *page),
            Route::Year { year, page } => (&self.year(*year)?.list, *page),
            Route::Month { year, month, page } => (&self.month(*year, *month)?.list, *page),
            _ => return None,
        };
        (1..=listing.pages)
            .contains(&page)
            .then_some((listing, page))
    }

    /// The file of the list page that `route` shows, if any.
    pub fn list_file(&self, route: &crate::routes::Route) -> Option<String> {
        let (listing, page) = self.list_of(route)?;
        listing.page_file(page)
    }

    /// The categories from the root down to the one at `slugs`, if there is one.
    pub fn category<S: AsRef<str>>(&self, slugs: &[S]) -> Option<Vec<&CategoryNode>> {
        let mut nodes = &self.categories;
        let mut trail = Vec::new();
        for slug in slugs {
            let node = nodes.iter().find(|node| node.slug == slug.as_ref())?;
            trail.push(node);
            nodes = &node.children;
        }
        (!trail.is_empty()).then_some(trail)
    }

    /// The file of the route table shard that lists the post at `path`, if there is a post.
    pub fn route_shard(&self, path: &str) -> Option<&str> {
        let shard = crate::files::route_shard_of(path, self.routes.len())?;
        Some(&self.routes[shard])
    }
}

/// A list of posts, newest first, in pages of [`ListPage`] files named by `id` and the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// A hash of all its pages, so that they change name together.
    pub id: String,
    /// At least 1: an empty list has one empty page.
    pub pages: u32,
}

impl Listing {
    /// The file of page `page` (from 1), if the list has that page.
    pub fn page_file(&self, page: u32) -> Option<String> {
        (1..=self.pages)
            .contains(&page)
            .then(|| crate::files::list_page(&self.id, page))
    }
}

/// One page of a [`Listing`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub version: u32,
    /// From 1.
    pub page: u32,
    pub pages: u32,
    /// Posts in the whole list.
    pub total: u32,
    pub posts: Vec<ListedPost>,
}

/// A post in a list: what list pages show, and the file to fetch to show the post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedPost {
    /// The post's file inside the bundle.
    pub file: String,
    /// Nested, not flattened: serde reads a flattened struct through a buffer of every field,
    /// slower, and 6.5 KB more of the app's gzip wasm.
    pub post: PostSummary,
}

/// `routes/<hash>.json`: where the posts whose paths hash to this shard are, for following a
/// link to a post (in a post's text, or its neighbours') that no list page has named.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RouteShard {
    pub version: u32,
    /// Post path → the post's file.
    pub posts: BTreeMap<String, String>,
}

impl RouteShard {
    /// The file of the post at `path` (a trailing `/` optional).
    pub fn file_of(&self, path: &str) -> Option<&str> {
        let bare = path.trim_end_matches('/');
        [bare.to_owned(), format!("{bare}/")]
            .iter()
            .find_map(|key| self.posts.get(key))
            .map(String::as_str)
    }
}

/// Site settings the app shows (from `site.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    /// The tagline: the header shows it from `brand_html`, so the app skips it unread.
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub subtitle: String,
    pub description: String,
    pub author: String,
    /// A BCP 47 tag for `<html lang>`.
    pub language: String,
    /// The absolute URL the site is deployed at, for canonical links and feeds.
    pub base_url: String,
    pub posts_per_page: u32,
    /// The header's links, in order (pages, list pages, other sites), as the links' HTML:
    /// the build writes it once (`furniture::menu_html`), so the app that every page loads
    /// carries no code to read and draw a menu.
    pub menu_html: String,
    /// The footer's links to the author elsewhere, its own line and the copyright, as HTML
    /// (`furniture::footer_html`).
    pub footer_html: String,
    /// `[ads.between_cards]`'s slot, which the home page puts among its cards
    /// (`Ads::between_cards_html`), or nothing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub list_ad_html: String,
    /// The site's name, logo and tagline as the header shows them, as HTML
    /// (`furniture::brand_html`).
    pub brand_html: String,
    /// Every word the app shows, in the site's language (`[strings]` over the build's
    /// translations).
    pub words: crate::words::Words,
}

/// A post's metadata: what list pages show and what a post page shows above its body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    pub slug: String,
    /// The post page's URL path from the site root, as the `permalink` scheme makes it
    /// (`/posts/hello/`, `/2024/09/19/hello/`, `/archives/hello.html`).
    pub path: String,
    pub title: String,
    pub date: Timestamp,
    pub updated: Timestamp,
    pub tags: Vec<Term>,
    /// Each entry is one hierarchy, root first (`[[a, b], [c]]` is `a > b` and `c`).
    pub categories: Vec<Vec<Term>>,
    /// Sanitised HTML. Only the home page's list shows excerpts: other lists leave it empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub excerpt_html: String,
    /// Plain text for `<meta name="description">`.
    pub description: String,
    pub thumbnail: Option<String>,
    /// Smaller copies of the thumbnail, cropped to its card's shape: a `srcset` of WebP files
    /// (empty when it is not one of the site's photos).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub thumbnail_srcset: String,
    pub word_count: u32,
    pub reading_minutes: u32,
    /// The post's own author, where it is not the site's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Hexo's `sticky`: posts with a higher number come first on the home page (0: none).
    /// The lists are ordered by the build: the app skips it unread.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub sticky: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `posts/<slug>.<hash>.json`: one post, whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostFile {
    pub version: u32,
    pub post: PostSummary,
    /// Sanitised HTML.
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// The next older post.
    pub older: Option<PostLink>,
    /// The next newer post.
    pub newer: Option<PostLink>,
    /// Up to five posts sharing the most tags and categories with this one, best first.
    pub related: Vec<PostLink>,
    /// Hexo's gallery: the post's `photos`, shown above its text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// A page (`content/pages/`), not a post: shown without date, tags or other posts, and in
    /// no list or feed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub page: bool,
    /// Whether the site's comments are shown under it (a site with comments; not where its
    /// front matter says `comments: false`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub comments: bool,
    /// Front-matter fields Quire does not interpret, kept for themes. The app has no use for
    /// them, and its wasm skips them unread: decoding any JSON value would put serde_json's
    /// `Value` into the wasm every page loads (3.3 KB gzip).
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub extra: Map<String, Value>,
}

/// A tag or one level of a category: its name as written and its URL slug.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Term {
    pub name: String,
    pub slug: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermCount {
    pub name: String,
    pub slug: String,
    pub count: u32,
    /// The posts with this tag.
    pub list: Listing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub name: String,
    pub slug: String,
    /// Posts in this category or any below it, each counted once.
    pub count: u32,
    /// The posts in this category or below.
    pub list: Listing,
    pub children: Vec<CategoryNode>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveYear {
    pub year: i32,
    pub count: u32,
    /// The months with posts, newest first.
    pub months: Vec<ArchiveMonth>,
    /// The year's posts.
    pub list: Listing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveMonth {
    /// 1 to 12.
    pub month: u32,
    pub count: u32,
    /// The month's posts.
    pub list: Listing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The heading's `id`, the anchor to link to.
    pub id: String,
    pub text: String,
    pub level: u8,
    pub children: Vec<TocEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostLink {
    pub slug: String,
    pub path: String,
    pub title: String,
}

/// A moment in the site's time zone, as RFC 3339 with its offset (`2024-09-19T12:14:58+08:00`).
///
/// Kept as text so the wasm app needs no date library: the parts it shows are fixed positions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Timestamp(String);

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        Self::new(s.clone()).ok_or_else(|| format!("`{s}` is not an RFC 3339 date"))
    }
}

impl Timestamp {
    /// Wraps an RFC 3339 string; returns `None` unless it starts with `YYYY-MM-DD`.
    pub fn new(rfc3339: String) -> Option<Self> {
        let b = rfc3339.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let well_formed = digits(0..4)
            && b.get(4) == Some(&b'-')
            && digits(5..7)
            && b.get(7) == Some(&b'-')
            && digits(8..10);
        well_formed.then_some(Self(rfc3339))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `YYYY-MM-DD`, the date as the site's readers see it.
    pub fn date(&self) -> &str {
        &self.0[..10]
    }

    pub fn year(&self) -> i32 {
        self.0[..4].parse().unwrap_or_default()
    }

    pub fn month(&self) -> u32 {
        self.0[5..7].parse().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_parts() {
        let t = Timestamp::new("2024-09-19T12:14:58+08:00".into()).unwrap();
        assert_eq!((t.date(), t.year(), t.month()), ("2024-09-19", 2024, 9));
        assert!(Timestamp::new("19/09/2024".into()).is_none());
        assert!(Timestamp::new("2024-9-19".into()).is_none());
    }

    #[test]
    fn timestamp_rejects_bad_json() {
        assert!(serde_json::from_str::<Timestamp>("\"2024-01-02\"").is_ok());
        assert!(serde_json::from_str::<Timestamp>("\"soon\"").is_err());
    }
}
