//! The app's public URLs, relative to the site root. The app prefixes its deployment base path;
//! the build step uses the same functions wherever it writes a link.
//!
//! Every page's URL ends in `/`, as Hexo's, Hugo's and Zola's do, so that each page can be a
//! `…/index.html` file that any static host serves. A post's URL is its
//! [`crate::PostSummary::path`], made by the build step from the site's `permalink` scheme.

/// `/` for the first page of the post list, `/page/N/` for the others.
pub fn home_page(page: u32) -> String {
    if page <= 1 {
        "/".to_owned()
    } else {
        format!("/page/{page}/")
    }
}

pub const TAGS: &str = "/tags/";

pub fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
}

pub const CATEGORIES: &str = "/categories/";

/// A category by the slugs of its path from the root: `/categories/a/b/`.
pub fn category<S: AsRef<str>>(path: &[S]) -> String {
    path.iter()
        .fold(CATEGORIES.to_owned(), |url, slug| url + slug.as_ref() + "/")
}

pub const ARCHIVES: &str = "/archives/";

pub const SEARCH: &str = "/search/";

/// The app's own pages that a post's path must not be.
pub const RESERVED_PAGES: [&str; 3] = ["/", ARCHIVES, SEARCH];

/// The folders of the app's own pages, which a post's path must not be under.
pub const RESERVED_FOLDERS: [&str; 3] = ["page", "tags", "categories"];

/// `/search/?q=…` with the query percent-encoded.
pub fn search(query: &str) -> String {
    if query.is_empty() {
        return SEARCH.to_owned();
    }
    let mut url = format!("{SEARCH}?q=");
    for byte in query.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            b' ' => url.push('+'),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// The site's Atom feed of its latest posts; RSS 2.0 and JSON Feed beside it.
pub const ATOM_FEED: &str = "/atom.xml";
pub const RSS_FEED: &str = "/rss.xml";
pub const JSON_FEED: &str = "/feed.json";
pub const SITEMAP: &str = "/sitemap.xml";

/// The Atom feed of one tag's posts.
pub fn tag_feed(slug: &str) -> String {
    format!("{TAGS}{slug}/atom.xml")
}

/// `path` (a page path, or a site-relative or absolute URL such as a thumbnail's) as an
/// absolute URL under `base_url`, for canonical links, feeds and sitemaps. Characters outside
/// ASCII are percent-encoded, as URLs in XML and HTTP headers must be.
pub fn absolute(base_url: &str, path: &str) -> String {
    if path.contains("://") {
        return path.to_owned();
    }
    let mut url = format!("{}/", base_url.trim_end_matches('/'));
    for byte in path.trim_start_matches('/').bytes() {
        match byte {
            b' ' | b'"' | b'<' | b'>' | b'`' | 0x80.. => url.push_str(&format!("%{byte:02X}")),
            _ => url.push(byte as char),
        }
    }
    url
}

/// Whether two page paths name the same page: the trailing `/` is optional, as static hosts
/// redirect `/a` to `/a/`.
pub fn same_page(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(home_page(1), "/");
        assert_eq!(home_page(3), "/page/3/");
        assert_eq!(tag("rust"), "/tags/rust/");
        assert_eq!(
            category(&["programming", "rust"]),
            "/categories/programming/rust/"
        );
        assert_eq!(search("c++ & rust"), "/search/?q=c%2B%2B+%26+rust");
        assert_eq!(search("日"), "/search/?q=%E6%97%A5");
        assert!(same_page("/posts/a", "/posts/a/"));
        assert_eq!(
            absolute("https://x.org/blog", "/tags/日/"),
            "https://x.org/blog/tags/%E6%97%A5/"
        );
        assert_eq!(
            absolute("https://x.org/", "images/a b.png"),
            "https://x.org/images/a%20b.png"
        );
        assert_eq!(
            absolute("https://x.org", "https://cdn.org/a.png"),
            "https://cdn.org/a.png"
        );
        assert!(!same_page("/posts/a", "/posts/ab/"));
    }
}
