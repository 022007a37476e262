//! How text is cut into words, shared by the build step (indexing, word counts) and the app
//! (queries), so a query always meets the index on the same terms.

/// Ideographs, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F and supplements
}

/// Lower-cased words: runs of letters and digits; each CJK character is a word of its own.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        rest = &rest[start..];
        let first = rest.chars().next()?;
        let len = if is_cjk(first) {
            first.len_utf8()
        } else {
            rest.find(|c: char| !c.is_alphanumeric() || is_cjk(c))
                .unwrap_or(rest.len())
        };
        let (word, tail) = rest.split_at(len);
        rest = tail;
        Some(word.to_lowercase())
    })
}

/// How much there is to read: words in space-separated scripts, and CJK characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCount {
    pub words: u32,
    pub cjk_chars: u32,
}

impl WordCount {
    /// Counts one token from [`tokens`].
    pub fn add(&mut self, token: &str) {
        if token.chars().next().is_some_and(is_cjk) {
            self.cjk_chars += 1;
        } else {
            self.words += 1;
        }
    }

    /// What readers see as the length: a CJK character counts as a word.
    pub fn total(self) -> u32 {
        self.words + self.cjk_chars
    }

    /// Whole minutes, at least one: 230 words or 500 CJK characters a minute.
    pub fn reading_minutes(self) -> u32 {
        let minutes = f64::from(self.words) / 230.0 + f64::from(self.cjk_chars) / 500.0;
        (minutes.ceil() as u32).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        tokens(text).collect()
    }

    #[test]
    fn words_are_lowercased_runs_of_letters_and_digits() {
        assert_eq!(
            all("Hello, World! Rust-2024 é"),
            ["hello", "world", "rust", "2024", "é"]
        );
        assert_eq!(all("  ...  "), Vec::<String>::new());
        assert_eq!(all("Ünïcode ΣΊΣΥΦΟΣ"), ["ünïcode", "σίσυφος"]);
    }

    #[test]
    fn cjk_characters_are_words_of_their_own() {
        assert_eq!(all("日本語abc한국"), ["日", "本", "語", "abc", "한", "국"]);
    }

    fn count(text: &str) -> WordCount {
        let mut count = WordCount::default();
        tokens(text).for_each(|token| count.add(&token));
        count
    }

    #[test]
    fn reading_time_counts_cjk_characters() {
        let latin = count(&"word ".repeat(460));
        assert_eq!((latin.total(), latin.reading_minutes()), (460, 2));
        let cjk = count(&"字".repeat(1000));
        assert_eq!((cjk.cjk_chars, cjk.reading_minutes()), (1000, 2));
        assert_eq!(count("").reading_minutes(), 1);
    }
}
