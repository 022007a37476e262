//! Slugs of tags, categories and headings. Shared because the app must slug a `tag:` typed in
//! a search query exactly as the build step slugged the post's tags. Letters and digits of every
//! script are kept (a `日本語` tag stays readable in the address bar); symbols that carry meaning
//! in names are spelled out so `C++` and `C` differ.

/// The slug of a tag, a category or a heading: lower-case words joined by `-`.
/// Empty when `name` has no letters, digits or meaningful symbols.
pub fn term_slug(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.extend(crate::lowercase::lowercase(c));
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
}
