//! The app's public URLs, relative to the site root. The app prefixes its deployment base path;
//! the build step uses the same functions wherever it writes a link.

/// `/` for the first page of the post list, `/page/N` for the others.
pub fn home_page(page: u32) -> String {
    if page <= 1 {
        "/".to_owned()
    } else {
        format!("/page/{page}")
    }
}

pub fn post(slug: &str) -> String {
    format!("/posts/{slug}")
}

pub const TAGS: &str = "/tags";

pub fn tag(slug: &str) -> String {
    format!("/tags/{slug}")
}

pub const CATEGORIES: &str = "/categories";

/// A category by the slugs of its path from the root: `/categories/a/b`.
pub fn category<S: AsRef<str>>(path: &[S]) -> String {
    path.iter()
        .fold(CATEGORIES.to_owned(), |url, slug| url + "/" + slug.as_ref())
}

pub const ARCHIVES: &str = "/archives";

pub const SEARCH: &str = "/search";

/// `/search?q=…` with the query percent-encoded.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(home_page(1), "/");
        assert_eq!(home_page(3), "/page/3");
        assert_eq!(
            category(&["programming", "rust"]),
            "/categories/programming/rust"
        );
        assert_eq!(search("c++ & rust"), "/search?q=c%2B%2B+%26+rust");
        assert_eq!(search("日"), "/search?q=%E6%97%A5");
    }
}
