//! The app's public URLs, relative to the site root. The app prefixes its deployment base path;
//! the build step uses the same functions wherever it writes a link.
//!
//! Every page's URL ends in `/`, as Hexo's, Hugo's and Zola's do, so that each page can be a
//! `…/index.html` file that any static host serves. A post's URL is its
//! [`crate::PostSummary::path`], made by the build step from the site's `permalink` scheme.

/// `/` for the first page of the post list, `/page/N/` for the others.
pub fn home_page(page: u32) -> String {
    paged("/", page)
}

/// Page `page` of the list at `list` (a list page's URL such as `/tags/rust/`): `list` itself
/// for the first page, `list` + `page/N/` for the others, as Hexo and Hugo number them.
pub fn paged(list: &str, page: u32) -> String {
    if page <= 1 {
        list.to_owned()
    } else {
        format!("{list}page/{page}/")
    }
}

/// Splits a trailing `page/N` off the segments of a list's URL: `(segments, N)`, or the
/// segments and page 1 if there is none.
pub fn split_page<S: AsRef<str>>(segments: &[S]) -> (&[S], Option<u32>) {
    match segments {
        [rest @ .., word, number] if word.as_ref() == "page" => {
            (rest, number.as_ref().parse().ok())
        }
        _ => (segments, Some(1)),
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

/// The posts of one year: `/archives/2024/`.
pub fn year(year: i32) -> String {
    format!("{ARCHIVES}{year}/")
}

/// The posts of one month (1 to 12), at Hexo's address: `/archives/2024/05/`.
pub fn month(year: i32, month: u32) -> String {
    format!("{ARCHIVES}{year}/{month:02}/")
}

pub const SEARCH: &str = "/search/";

/// The app's own pages, and the files the site writes at its root, that a post's path must
/// not be (its page would overwrite them).
pub const RESERVED_PAGES: [&str; 10] = [
    "/",
    ARCHIVES,
    SEARCH,
    "/index.html",
    "/404.html",
    "/robots.txt",
    ATOM_FEED,
    RSS_FEED,
    JSON_FEED,
    SITEMAP,
];

/// The folders of the app's own pages and of the bundle, which a post's path must not be
/// under. (The app's own folder is `app-<hash>/`, see [`is_reserved_name`].)
pub const RESERVED_FOLDERS: [&str; 4] = ["page", "tags", "categories", crate::files::BUNDLE_DIR];

/// Whether a first path segment is one the site's build writes whatever the posts: the app's
/// folder (`app-<hash>`) or a part of a large sitemap (`sitemap-3.xml`).
pub fn is_reserved_name(segment: &str) -> bool {
    let sitemap_part = segment
        .strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    segment.starts_with("app-") || sitemap_part
}

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

/// `text` with `%XX` escapes decoded, and `+` as a space when `plus_is_space` (as in a
/// query string); escapes that are not UTF-8 become U+FFFD, as in a browser's address bar.
pub fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(byte)) => {
                decoded.push(byte);
                i += 3;
                continue;
            }
            (b'+', None) if plus_is_space => decoded.push(b' '),
            (byte, None) => decoded.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The value of `key` in `query` (what follows a URL's `?`), decoded; the first if repeated.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(name, true) == key).then(|| percent_decode(value, true))
    })
}

/// Whether `path` can be one of the site's pages rather than a file (an image, a feed): its
/// last segment has no extension, or Hexo's `.html` of permalinks such as `:title.html`.
pub fn is_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    // What `is_html_file` says, with no dot at all a page too (written out: this is in every
    // page's wasm, and the shorter form cost it bytes).
    last.rsplit_once('.').is_none_or(|(_, extension)| {
        extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
    })
}

/// Whether a path's last segment names an HTML file (`old.html`, `a.HTM`). A post's path is
/// such a file or a folder (`/notes/v1.2/`): as in Hexo, a dot alone makes no file.
pub fn is_html_file(last: &str) -> bool {
    last.rsplit_once('.').is_some_and(|(_, extension)| {
        extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
    })
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

/// A root-relative URL (`/images/a.png`) made relative to the site (`images/a.png`), which the
/// page's `<base href>` resolves (`/` → `./`) wherever the site is deployed, at a domain's root or under a
/// subpath. Other URLs are returned as they are. A first segment with a colon would read as a
/// scheme once its slash is gone (`/javascript:alert(1)`): it keeps a `./` before it.
pub fn site_relative(url: &str) -> std::borrow::Cow<'_, str> {
    match url.strip_prefix('/') {
        // The site's root itself: `./`, as an empty `href` would read as no link at all.
        Some("") => std::borrow::Cow::Borrowed("./"),
        Some(rest) if !rest.starts_with('/') => {
            let first_segment = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
            if first_segment.contains(':') {
                std::borrow::Cow::Owned(format!("./{rest}"))
            } else {
                std::borrow::Cow::Borrowed(rest)
            }
        }
        _ => std::borrow::Cow::Borrowed(url),
    }
}

/// A page's path (as `routes` makes it and pages are written: `/2024/01/01/Wait? No/`) as it
/// goes into a link: `%`, `?` and `#`, which would escape or end a URL's path, are
/// percent-encoded. Spaces and letters of any script stay: browsers encode them in links (and
/// [`absolute`] does, for feeds and sitemaps).
pub fn encode_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains(['%', '?', '#']) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut encoded = String::with_capacity(path.len() + 8);
    push_encoded_path(&mut encoded, path);
    std::borrow::Cow::Owned(encoded)
}

/// [`encode_path`], onto the end of `url`: a plain loop, because it runs in every page's wasm.
pub fn push_encoded_path(url: &mut String, path: &str) {
    for c in path.chars() {
        match c {
            '%' => url.push_str("%25"),
            '?' => url.push_str("%3F"),
            '#' => url.push_str("%23"),
            c => url.push(c),
        }
    }
}

/// The absolute URL of the page at `path` on the site at `base_url` (see [`encode_path`]).
pub fn page_url(base_url: &str, path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    push_encoded_path(&mut encoded, path);
    absolute(base_url, &encoded)
}

/// `path`, a URL as written (a site-relative one such as a thumbnail's, or an absolute one),
/// as an absolute URL under `base_url`, for canonical links, feeds and sitemaps: characters
/// outside ASCII are percent-encoded, as URLs in XML and HTTP headers must be; what is already
/// encoded stays as it is. A page's path goes through [`page_url`].
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

/// A page of the site, as its URL names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`, `/page/N/`.
    Home {
        page: u32,
    },
    Tags,
    /// `/tags/<slug>/`, and its `page/N/`.
    Tag {
        slug: String,
        page: u32,
    },
    Categories,
    /// `/categories/<a>/<b>/`, and its `page/N/`.
    Category {
        path: Vec<String>,
        page: u32,
    },
    /// `/archives/`, and its `page/N/`.
    Archives {
        page: u32,
    },
    /// `/archives/<year>/`, and its `page/N/`.
    Year {
        year: i32,
        page: u32,
    },
    /// `/archives/<year>/<month>/`, and its `page/N/`.
    Month {
        year: i32,
        month: u32,
        page: u32,
    },
    Search,
    /// Anything else: a post's page, if a post has this path.
    Post(String),
}

impl Route {
    /// The route of `path` (from the site root, percent-decoded, without the query: a `?` or
    /// `#` left in it is the path's own, as a Hexo slug can have them).
    pub fn parse(path: &str) -> Self {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let post = || Self::Post(path.to_owned());
        let (list, page) = split_page(&segments);
        let Some(page) = page.filter(|&page| page >= 1) else {
            return post();
        };
        match list {
            [] => Self::Home { page },
            ["tags"] if page == 1 => Self::Tags,
            ["tags", slug] => Self::Tag {
                slug: (*slug).to_owned(),
                page,
            },
            ["categories"] if page == 1 => Self::Categories,
            ["categories", path @ ..] => Self::Category {
                path: path.iter().map(|s| (*s).to_owned()).collect(),
                page,
            },
            ["archives"] => Self::Archives { page },
            ["archives", year] if year.len() == 4 && year.parse::<i32>().is_ok() => Self::Year {
                year: year.parse().unwrap_or_default(),
                page,
            },
            ["archives", year, month]
                if year.len() == 4
                    && month.len() == 2
                    && year.parse::<i32>().is_ok()
                    && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)) =>
            {
                Self::Month {
                    year: year.parse().unwrap_or_default(),
                    month: month.parse().unwrap_or_default(),
                    page,
                }
            }
            ["search"] if page == 1 => Self::Search,
            _ => post(),
        }
    }
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
        assert_eq!(paged(&tag("rust"), 2), "/tags/rust/page/2/");
        assert_eq!(paged(&year(2024), 1), "/archives/2024/");
        assert_eq!(month(2024, 5), "/archives/2024/05/");
        assert_eq!(
            split_page(&["a", "b", "page", "3"]),
            (&["a", "b"][..], Some(3))
        );
        assert_eq!(split_page(&["a", "page", "x"]), (&["a"][..], None));
        assert_eq!(split_page(&["a", "b"]), (&["a", "b"][..], Some(1)));
        assert_eq!(tag("rust"), "/tags/rust/");
        assert_eq!(
            category(&["programming", "rust"]),
            "/categories/programming/rust/"
        );
        assert_eq!(search("c++ & rust"), "/search/?q=c%2B%2B+%26+rust");
        assert_eq!(search("日"), "/search/?q=%E6%97%A5");
        for text in ["c++ & rust", "日本 語", "100% = a+b", "?q=x#y"] {
            let url = search(text);
            let query = url.split_once('?').map(|(_, query)| query);
            assert_eq!(query_value(query.unwrap(), "q").as_deref(), Some(text));
        }
        assert_eq!(
            query_value("a=1&q=first&q=second", "q").as_deref(),
            Some("first")
        );
        assert_eq!(query_value("a=1", "q"), None);
        assert_eq!(query_value("q", "q").as_deref(), Some(""));
        assert_eq!(
            percent_decode("/posts/%E6%9D%B1%E4%BA%AC/", false),
            "/posts/東京/"
        );
        assert_eq!(
            percent_decode("a+b%2", false),
            "a+b%2",
            "a lone `%` is kept"
        );
        assert_eq!(percent_decode("%FF%41", true), "\u{FFFD}A");
        for page in [
            "/",
            "/posts/hello/",
            "/2024/05/hello.html",
            "/v1.2/notes/",
            "/search/",
        ] {
            assert!(is_page(page), "{page}");
        }
        for file in [
            "/atom.xml",
            "/tags/rust/atom.xml",
            "/static/a/photo.JPG",
            "/feed.json",
        ] {
            assert!(!is_page(file), "{file}");
        }
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
        // A page whose path has a URL's delimiters in it (a Hexo slug kept as written).
        assert_eq!(
            encode_path("/2024/Wait? 100%#1/"),
            "/2024/Wait%3F 100%25%231/"
        );
        assert_eq!(encode_path("/posts/日本/"), "/posts/日本/");
        assert_eq!(
            page_url("https://x.org", "/a b?/日/"),
            "https://x.org/a%20b%3F/%E6%97%A5/"
        );
    }

    #[test]
    fn every_url_made_here_parses_back_to_its_route() {
        let cases = [
            (home_page(1), Route::Home { page: 1 }),
            (home_page(7), Route::Home { page: 7 }),
            (TAGS.to_owned(), Route::Tags),
            (
                paged(&tag("日本語"), 2),
                Route::Tag {
                    slug: "日本語".into(),
                    page: 2,
                },
            ),
            (CATEGORIES.to_owned(), Route::Categories),
            (
                paged(&category(&["a", "b"]), 3),
                Route::Category {
                    path: vec!["a".into(), "b".into()],
                    page: 3,
                },
            ),
            (ARCHIVES.to_owned(), Route::Archives { page: 1 }),
            (paged(ARCHIVES, 4), Route::Archives { page: 4 }),
            (
                paged(&year(2024), 2),
                Route::Year {
                    year: 2024,
                    page: 2,
                },
            ),
            (
                paged(&month(2024, 5), 2),
                Route::Month {
                    year: 2024,
                    month: 5,
                    page: 2,
                },
            ),
            (
                "/archives/2024/13/".into(),
                Route::Post("/archives/2024/13/".into()),
            ),
            // A URL's path, as the app and the pages step parse it: the query is apart.
            (
                search("rust")
                    .split('?')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                Route::Search,
            ),
            ("/posts/hello/".into(), Route::Post("/posts/hello/".into())),
            // A `?` or `#` left in a decoded path is the post's own (a Hexo slug).
            (
                "/2014/01/02/Wait? #1/".into(),
                Route::Post("/2014/01/02/Wait? #1/".into()),
            ),
            (
                "/2024/01/02/hello/".into(),
                Route::Post("/2024/01/02/hello/".into()),
            ),
        ];
        for (url, route) in cases {
            assert_eq!(Route::parse(&url), route, "{url}");
        }
        // Without the trailing slash too, as typed.
        assert_eq!(
            Route::parse("/tags/rust"),
            Route::Tag {
                slug: "rust".into(),
                page: 1
            }
        );
        // Not a page number: a post could be there.
        assert_eq!(Route::parse("/page/x/"), Route::Post("/page/x/".into()));
        assert_eq!(Route::parse("/page/0/"), Route::Post("/page/0/".into()));
        assert_eq!(
            Route::parse("/archives/hello.html"),
            Route::Post("/archives/hello.html".into())
        );
    }
}
