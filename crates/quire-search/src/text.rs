//! How text becomes search terms, the same way for the index and for queries: words are runs of
//! letters and digits, folded to lower case without diacritics and stemmed (English); text in
//! scripts written without spaces (CJK) is cut into overlapping character pairs.

use std::cell::RefCell;
use std::sync::OnceLock;

use quire_model::lowercase::lowercase;
use rust_stemmers::{Algorithm, Stemmer};

use crate::fast_hash::FastMap;

/// Ideographs, kana and hangul: scripts written without spaces between words.
#[inline]
pub fn is_cjk(c: char) -> bool {
    // Most text is below the first CJK block: one comparison for it.
    (c as u32) >= 0x3040
        && matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F and supplements
}

/// A run of letters and digits as written, or a run of CJK characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Byte offset in the text it was cut from.
    pub start: usize,
    pub cjk: bool,
}

/// The words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        let start = offset + find_char(&text[offset..], char::is_alphanumeric)?;
        let rest = &text[start..];
        let cjk = rest.chars().next().is_some_and(is_cjk);
        let len =
            find_char(rest, |c| !c.is_alphanumeric() || is_cjk(c) != cjk).unwrap_or(rest.len());
        offset = start + len;
        Some(Word {
            text: &text[start..offset],
            start,
            cjk,
        })
    })
}

/// `str::find` with a fast path for ASCII, which is most of most posts.
fn find_char(text: &str, wanted: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            if wanted(char::from(byte)) {
                return Some(at);
            }
            at += 1;
        } else {
            let c = text[at..].chars().next()?;
            if wanted(c) {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }
    None
}

/// One search term and where in the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// The terms of `text`, stop words included (see [`is_stop_word`]), in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_form(text, |form, start, end| {
        let term = with_term(form, str::to_owned);
        out.push(Token { term, start, end })
    });
    out
}

/// How much text there is: words of space-separated scripts, and CJK characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCount {
    pub words: u32,
    pub cjk_chars: u32,
}

impl WordCount {
    /// What readers see as the length: a CJK character counts as a word.
    pub fn total(self) -> u32 {
        self.words + self.cjk_chars
    }
}

/// The word forms of `text` before stemming, in order, with their byte ranges: folded words
/// and CJK pairs, without allocating a string per word. [`with_term`] makes each a term, so a
/// caller that counts words (the build step, over every word of every post) can stem each
/// distinct form once. Counts the words on the way (a post's length, for its reading time).
pub fn each_form(text: &str, mut found: impl FnMut(&str, usize, usize)) -> WordCount {
    let mut count = WordCount::default();
    let mut folded = String::new();
    for word in words(text) {
        if word.cjk {
            count.cjk_chars += word.text.chars().count() as u32;
            cjk_pairs(word, &mut found);
        } else {
            count.words += 1;
            folded.clear();
            fold_into(word.text, &mut folded);
            found(&folded, word.start, word.start + word.text.len());
        }
    }
    count
}

/// Calls `use_term` with the term a form from [`each_form`] stands for: stemmed, unless it
/// has digits or is CJK.
pub fn with_term<R>(form: &str, use_term: impl FnOnce(&str) -> R) -> R {
    let stemmed =
        !form.bytes().any(|b| b.is_ascii_digit()) && !form.chars().next().is_some_and(is_cjk);
    if stemmed {
        with_stem(form, use_term)
    } else {
        use_term(form)
    }
}

/// The term a single (non-CJK) word stands for: folded, then stemmed unless it has digits.
pub fn term_of(word: &str) -> String {
    with_term(&fold(word), str::to_owned)
}

/// Calls `use_stem` with the English stem of a folded word. Stems are remembered: words
/// repeat (Zipf), and stemming is most of the cost of indexing.
fn with_stem<R>(folded: &str, use_stem: impl FnOnce(&str) -> R) -> R {
    const REMEMBERED: usize = 100_000;
    thread_local! {
        static STEMS: RefCell<FastMap<String, String>> = RefCell::default();
    }
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if !stems.contains_key(folded) {
            if stems.len() >= REMEMBERED {
                stems.clear();
            }
            let stemmer = ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English));
            let stem = stemmer.stem(folded).into_owned();
            stems.insert(folded.to_owned(), stem);
        }
        use_stem(&stems[folded])
    })
}

/// Each pair of neighbouring characters is a term; a lone character is one.
fn cjk_pairs(word: Word<'_>, found: &mut impl FnMut(&str, usize, usize)) {
    let mut chars = word.text.char_indices().peekable();
    if word.text.chars().nth(1).is_none() {
        found(word.text, word.start, word.start + word.text.len());
        return;
    }
    while let Some((at, _)) = chars.next() {
        let Some(&(next_at, next)) = chars.peek() else {
            break;
        };
        let end = next_at + next.len_utf8();
        found(&word.text[at..end], word.start + at, word.start + end);
    }
}

/// Lower case without diacritics: `Ünïcode` → `unicode`, `Straße` → `strasse`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars().flat_map(lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{300}'..='\u{36F}').contains(&c) {
            // A combining accent, as in decomposed text: dropped with the others.
        } else if let Some(plain) = unaccented(c) {
            out.push_str(plain);
        } else {
            out.push(c);
        }
    }
}

/// The letters that lose their marks when folded, as (plain, accented forms).
const FOLDS: &[(&str, &str)] = &[
    ("a", "àáâãäåāăąǎǻạảấầẩẫậắằẳẵặ"),
    ("ae", "æǽ"),
    ("c", "çćĉċč"),
    ("d", "ďđð"),
    ("e", "èéêëēĕėęěẹẻẽếềểễệ"),
    ("g", "ĝğġģ"),
    ("h", "ĥħ"),
    ("i", "ìíîïĩīĭįıǐỉị"),
    ("j", "ĵ"),
    ("k", "ķ"),
    ("l", "ĺļľŀł"),
    ("n", "ñńņňŉ"),
    ("o", "òóôõöøōŏőǒǿọỏốồổỗộớờởỡợơ"),
    ("oe", "œ"),
    ("r", "ŕŗř"),
    ("s", "śŝşšș"),
    ("ss", "ß"),
    ("t", "ţťŧț"),
    ("th", "þ"),
    ("u", "ùúûüũūŭůűųưǔǖǘǚǜụủứừửữự"),
    ("w", "ŵẁẃẅ"),
    ("y", "ýÿŷỳỵỷỹ"),
    ("z", "źżž"),
    ("α", "ά"),
    ("ε", "έ"),
    ("η", "ή"),
    ("ι", "ίϊΐ"),
    ("ο", "ό"),
    ("υ", "ύϋΰ"),
    ("ω", "ώ"),
    ("σ", "ς"),
    ("е", "ё"),
    ("и", "й"),
];

fn unaccented(c: char) -> Option<&'static str> {
    FOLDS
        .iter()
        .find(|(_, accented)| accented.contains(c))
        .map(|(plain, _)| *plain)
}

/// Words too common to find anything by (Lucene's English list). They are left out of the index;
/// a phrase still matches them in the text.
pub fn is_stop_word(term: &str) -> bool {
    matches!(
        term,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "for"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "no"
            | "not"
            | "of"
            | "on"
            | "or"
            | "such"
            | "that"
            | "the"
            | "their"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "to"
            | "was"
            | "will"
            | "with"
    )
}

/// Whether a term goes into the index: not a stop word, and not a lone Latin letter.
pub fn is_indexed(term: &str) -> bool {
    let single_letter = term.len() == 1 && term.as_bytes()[0].is_ascii_alphabetic();
    !single_letter && !is_stop_word(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_with_their_offsets() {
        let found: Vec<(&str, usize)> = words("Hello, World! Rust-2024 é")
            .map(|w| (w.text, w.start))
            .collect();
        assert_eq!(
            found,
            [
                ("Hello", 0),
                ("World", 7),
                ("Rust", 14),
                ("2024", 19),
                ("é", 24)
            ]
        );
        assert_eq!(words("  ...  ").count(), 0);
    }

    #[test]
    fn case_and_diacritics_fold_away() {
        assert_eq!(fold("Ünïcode"), "unicode");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ΣΊΣΥΦΟΣ"), "σισυφοσ");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(terms("Crème Brûlée"), terms("creme brulee"));
    }

    #[test]
    fn english_words_are_stemmed_and_numbers_kept() {
        assert_eq!(terms("Running runs run"), ["run", "run", "run"]);
        assert_eq!(terms("programming programs"), ["program", "program"]);
        assert_eq!(terms("2024 v8"), ["2024", "v8"]);
    }

    #[test]
    fn cjk_text_becomes_overlapping_pairs_with_byte_ranges() {
        let found = tokens("日本語abc한");
        let pairs: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|t| (t.term.as_str(), t.start, t.end))
            .collect();
        assert_eq!(
            pairs,
            [
                ("日本", 0, 6),
                ("本語", 3, 9),
                ("abc", 9, 12),
                ("한", 12, 15)
            ]
        );
    }

    #[test]
    fn stop_words_and_single_letters_stay_out_of_the_index() {
        assert!(!is_indexed("the"));
        assert!(!is_indexed("s"));
        assert!(is_indexed("7"));
        assert!(is_indexed("日"));
        assert!(is_indexed("rust"));
    }
}
