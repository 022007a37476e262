//! Post slugs. Letters and digits of every script are kept (a `日本語` file name stays readable
//! in the address bar). Tag, category and heading slugs are [`quire_model::slug::term_slug`].

/// A post's slug from its file stem or front matter, as written but safe in a URL path
/// segment: whitespace becomes `-`, characters with a meaning in URLs are dropped.
pub fn post_slug(stem: &str) -> String {
    let mut slug = String::with_capacity(stem.len());
    for c in stem.trim().chars() {
        if c.is_whitespace() {
            if !slug.ends_with('-') {
                slug.push('-');
            }
        } else if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~') {
            slug.push(c);
        }
    }
    slug.trim_matches(|c| c == '-' || c == '.').to_owned()
}

/// The slug a `permalink` front-matter value asks for: its last path segment, without `.html`.
pub fn from_permalink(permalink: &str) -> String {
    let last = permalink
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    post_slug(last.strip_suffix(".html").unwrap_or(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_slugs_keep_the_file_name() {
        assert_eq!(post_slug("hello-world"), "hello-world");
        assert_eq!(post_slug("Hello World?"), "Hello-World");
        assert_eq!(post_slug("日本語テスト"), "日本語テスト");
        assert_eq!(post_slug("a/b#c%d"), "abcd");
        assert_eq!(from_permalink("/2020/01/my-post/"), "my-post");
        assert_eq!(from_permalink("archives/old.html"), "old");
    }
}
