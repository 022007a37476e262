//! How long a post is to read.

use quire_search::text::words;

/// How much there is to read: words in space-separated scripts, and CJK characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCount {
    pub words: u32,
    pub cjk_chars: u32,
}

impl WordCount {
    /// Counts the words of `text`, splitting them as search does.
    pub fn of(text: &str) -> Self {
        let mut count = Self::default();
        for word in words(text) {
            if word.cjk {
                count.cjk_chars += word.text.chars().count() as u32;
            } else {
                count.words += 1;
            }
        }
        count
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

    #[test]
    fn reading_time_counts_cjk_characters() {
        let latin = WordCount::of(&"word ".repeat(460));
        assert_eq!((latin.total(), latin.reading_minutes()), (460, 2));
        let cjk = WordCount::of(&"字".repeat(1000));
        assert_eq!((cjk.cjk_chars, cjk.reading_minutes()), (1000, 2));
        let mixed = WordCount::of("日本語abc, don't");
        assert_eq!((mixed.words, mixed.cjk_chars), (3, 3));
        assert_eq!(WordCount::of("").reading_minutes(), 1);
    }
}
