//! How long a post is to read.

use quire_search::text::WordCount;

/// Whole minutes, at least one: 230 words or 500 CJK characters a minute.
pub fn reading_minutes(count: WordCount) -> u32 {
    let minutes = f64::from(count.words) / 230.0 + f64::from(count.cjk_chars) / 500.0;
    (minutes.ceil() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_search::text::each_form;

    fn count(text: &str) -> WordCount {
        each_form(text, |_, _, _| {})
    }

    #[test]
    fn reading_time_counts_cjk_characters() {
        let latin = count(&"word ".repeat(460));
        assert_eq!((latin.total(), reading_minutes(latin)), (460, 2));
        let cjk = count(&"字".repeat(1000));
        assert_eq!((cjk.cjk_chars, reading_minutes(cjk)), (1000, 2));
        let mixed = count("日本語abc, don't");
        assert_eq!((mixed.words, mixed.cjk_chars), (3, 3));
        assert_eq!(reading_minutes(count("")), 1);
    }
}
