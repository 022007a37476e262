//! URL slugs. Letters and digits of every script are kept (a `日本語` tag stays readable in the
//! address bar); symbols that carry meaning in names are spelled out so `C++` and `C` differ.

/// The slug of a tag, a category or a heading: lower-case words joined by `-`.
/// Empty when `name` has no letters, digits or meaningful symbols.
pub fn term_slug(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        let spelled = match c {
            '+' => "plus",
            '#' => "sharp",
            '&' => "and",
            '@' => "at",
            _ => continue,
        };
        words.push(spelled.to_owned());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join("-")
}

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
    fn term_slugs_stay_readable_and_distinct() {
        let cases = [
            ("Rust", "rust"),
            ("machine learning", "machine-learning"),
            ("Machine  Learning!", "machine-learning"),
            ("C++", "c-plus-plus"),
            ("C", "c"),
            ("C#", "c-sharp"),
            ("R&D", "r-and-d"),
            ("日本語", "日本語"),
            ("中文 測試", "中文-測試"),
            ("Ünïcode", "ünïcode"),
            ("node.js", "node-js"),
            ("?!", ""),
        ];
        for (name, slug) in cases {
            assert_eq!(term_slug(name), slug, "{name}");
        }
    }

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
