use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `index.json`: everything a list page needs, without post bodies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    /// [`crate::SCHEMA_VERSION`] of the build that wrote it.
    pub version: u32,
    pub site: SiteInfo,
    /// Newest first.
    pub posts: Vec<PostSummary>,
    /// Sorted by name.
    pub tags: Vec<TermCount>,
    /// Top-level categories, sorted by name; each counts the posts in it and below.
    pub categories: Vec<CategoryNode>,
    /// Newest year first, newest month first.
    pub archive: Vec<ArchiveYear>,
    /// The search index's root file, inside the bundle (`search/<hash>.bin`); see quire-search.
    pub search: String,
    /// Each post's file inside the bundle, by slug (see [`crate::files::post`]).
    pub post_files: BTreeMap<String, String>,
}

impl SiteIndex {
    /// The post whose page is at `path` (a trailing `/` optional).
    pub fn post_at(&self, path: &str) -> Option<&PostSummary> {
        self.posts
            .iter()
            .find(|post| crate::routes::same_page(&post.path, path))
    }
}

/// Site settings the app shows (from `site.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub author: String,
    /// A BCP 47 tag for `<html lang>`.
    pub language: String,
    /// The absolute URL the site is deployed at, for canonical links and feeds.
    pub base_url: String,
    pub posts_per_page: u32,
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
    /// Sanitised HTML.
    pub excerpt_html: String,
    /// Plain text for `<meta name="description">`.
    pub description: String,
    pub thumbnail: Option<String>,
    pub word_count: u32,
    pub reading_minutes: u32,
}

/// `posts/<slug>.json`: one post, whole.
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
    /// Front-matter fields Quire does not interpret, kept for themes.
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub name: String,
    pub slug: String,
    /// Posts in this category or any below it, each counted once.
    pub count: u32,
    pub children: Vec<CategoryNode>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveYear {
    pub year: i32,
    pub months: Vec<ArchiveMonth>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveMonth {
    /// 1 to 12.
    pub month: u32,
    /// Positions in [`SiteIndex::posts`], newest first.
    pub posts: Vec<u32>,
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
