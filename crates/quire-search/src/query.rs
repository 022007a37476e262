//! What the reader typed, understood: words (the last one maybe half-typed), `"quoted phrases"`,
//! and `tag:` / `category:` filters.

use quire_model::slug::term_slug;

use crate::text::{fold, is_indexed, term_of, tokens, words};

/// At most this many words are searched for; the rest of a very long query is ignored.
pub const MAX_WORDS: usize = 10;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Words every result should have, in the order typed.
    pub words: Vec<QueryWord>,
    /// Phrases as sequences of terms (stop words included): results must contain them as typed.
    pub phrases: Vec<Vec<String>>,
    /// Tag slugs results must carry (`tag:rust`, `tag:"machine learning"`).
    pub tags: Vec<String>,
    /// Category slugs, at any level of the post's category path.
    pub categories: Vec<String>,
    /// Words left out: too common to search for, or past [`MAX_WORDS`].
    pub ignored: Vec<String>,
}

/// One word of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// As folded (lower case, no diacritics), before stemming: what a prefix is matched on.
    pub folded: String,
    /// The term it stands for, as in the index.
    pub term: String,
    /// The word the reader is still typing: it may be the start of a longer word.
    pub prefix: bool,
    /// Only exact matches: phrase words, CJK pairs and words with digits.
    pub exact: bool,
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let mut query = Query::default();
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            if let Some(quoted) = rest.strip_prefix('"') {
                let (phrase, tail) = until_quote(quoted);
                query.add_phrase(phrase);
                rest = tail;
                continue;
            }
            if let Some((kind, after)) = filter(rest) {
                let (value, tail) = match after.strip_prefix('"') {
                    Some(quoted) => until_quote(quoted),
                    None => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
                };
                rest = tail;
                let slug = term_slug(value);
                if !slug.is_empty() {
                    match kind {
                        Filter::Tag => query.tags.push(slug),
                        Filter::Category => query.categories.push(slug),
                    }
                }
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (chunk, tail) = rest.split_at(end);
            rest = tail;
            let typing = tail.is_empty();
            query.add_words(chunk, typing);
        }
        query.drop_common_words();
        query
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.tags.is_empty() && self.categories.is_empty()
    }

    fn add_words(&mut self, chunk: &str, typing: bool) {
        let found: Vec<_> = words(chunk).collect();
        let last = found.len().saturating_sub(1);
        for (i, word) in found.into_iter().enumerate() {
            let is_last = typing && i == last && word.start + word.text.len() == chunk.len();
            if word.cjk {
                for token in tokens(word.text) {
                    let lone = token.term.chars().count() == 1;
                    self.words.push(QueryWord {
                        folded: token.term.clone(),
                        term: token.term,
                        prefix: lone,
                        exact: !lone,
                    });
                }
                continue;
            }
            let folded = fold(word.text);
            self.words.push(QueryWord {
                term: term_of(word.text),
                exact: folded.bytes().any(|b| b.is_ascii_digit()),
                folded,
                prefix: is_last,
            });
        }
    }

    fn add_phrase(&mut self, phrase: &str) {
        let terms: Vec<String> = tokens(phrase).into_iter().map(|t| t.term).collect();
        for term in terms.iter().filter(|term| is_indexed(term)) {
            if !self.words.iter().any(|w| &w.term == term) {
                self.words.push(QueryWord {
                    folded: term.clone(),
                    term: term.clone(),
                    prefix: false,
                    exact: true,
                });
            }
        }
        // A one-word phrase is just that word, found exactly.
        if terms.len() > 1 {
            self.phrases.push(terms);
        }
    }

    /// Stop words and lone letters find nothing on their own; they are dropped unless the
    /// reader is still typing the only word there is (`th` may become `theme`).
    fn drop_common_words(&mut self) {
        let only_one = self.words.len() == 1;
        let mut kept = Vec::new();
        for word in std::mem::take(&mut self.words) {
            let searchable = is_indexed(&word.term) || (only_one && word.prefix);
            if searchable && kept.len() < MAX_WORDS {
                if !kept
                    .iter()
                    .any(|k: &QueryWord| k.term == word.term && k.prefix == word.prefix)
                {
                    kept.push(word);
                }
            } else {
                self.ignored.push(word.folded);
            }
        }
        self.words = kept;
    }
}

enum Filter {
    Tag,
    Category,
}

/// `tag:…` or `category:…` at the start of `text`: which, and what follows the colon.
fn filter(text: &str) -> Option<(Filter, &str)> {
    let (kind, after) = text.split_once(':')?;
    if kind.contains(char::is_whitespace) {
        return None;
    }
    match kind.to_ascii_lowercase().as_str() {
        "tag" | "tags" => Some((Filter::Tag, after)),
        "category" | "categories" => Some((Filter::Category, after)),
        _ => None,
    }
}

/// The text up to the next `"` (or the end) and what follows it.
fn until_quote(text: &str) -> (&str, &str) {
    match text.find('"') {
        Some(end) => (&text[..end], &text[end + 1..]),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(query: &Query) -> Vec<(&str, bool)> {
        query
            .words
            .iter()
            .map(|w| (w.term.as_str(), w.prefix))
            .collect()
    }

    #[test]
    fn words_are_stemmed_and_the_last_one_is_a_prefix_while_typing() {
        let query = Query::parse("Borrowing checkers pro");
        assert_eq!(
            terms(&query),
            [("borrow", false), ("checker", false), ("pro", true)]
        );
        assert_eq!(query.words[2].folded, "pro");
        let done = Query::parse("borrowing checkers ");
        assert_eq!(terms(&done), [("borrow", false), ("checker", false)]);
    }

    #[test]
    fn phrases_filters_and_stop_words() {
        let query =
            Query::parse(r#"the "borrow checker" tag:"Machine Learning" category:Tech ownership"#);
        assert_eq!(
            terms(&query),
            [("borrow", false), ("checker", false), ("ownership", true)]
        );
        assert_eq!(query.phrases, [vec!["borrow", "checker"]]);
        assert_eq!(query.tags, ["machine-learning"]);
        assert_eq!(query.categories, ["tech"]);
        assert_eq!(query.ignored, ["the"]);
        // Filter names in any case, plural or not; another word before a colon is a word.
        let shouted = Query::parse("TAGS:Rust Category:Tech note:borrow");
        assert_eq!(shouted.tags, ["rust"]);
        assert_eq!(shouted.categories, ["tech"]);
        assert_eq!(terms(&shouted), [("note", false), ("borrow", true)]);
    }

    #[test]
    fn hostile_queries_parse_to_something_small() {
        assert!(Query::parse("?!.,;:—()[]{}").is_empty());
        assert!(Query::parse("").is_empty());
        let stop = Query::parse("to be or not to be");
        assert!(stop.is_empty());
        assert_eq!(stop.ignored.len(), 6);
        let long = Query::parse(&"lorem ipsum dolor ".repeat(60));
        assert!(long.words.len() <= MAX_WORDS);
        let unclosed = Query::parse(r#""never closed tag:"#);
        assert_eq!(unclosed.phrases, [vec!["never", "close", "tag"]]);
        assert_eq!(Query::parse("tag:").tags, Vec::<String>::new());
    }

    #[test]
    fn cjk_queries_are_pairs_and_a_lone_character_is_a_prefix() {
        assert_eq!(
            terms(&Query::parse("日本語")),
            [("日本", false), ("本語", false)]
        );
        assert_eq!(terms(&Query::parse("日")), [("日", true)]);
    }

    #[test]
    fn words_that_stem_alike_are_one_word() {
        // Asked for twice they would count twice for every post that has the stem.
        let query = Query::parse("intrinsic intrinsics ");
        assert_eq!(terms(&query), [("intrins", false)]);
        assert!(query.ignored.is_empty());
    }

    #[test]
    fn numbers_and_typed_only_stop_word() {
        let query = Query::parse("release 2024");
        assert!(query.words[1].exact);
        assert_eq!(terms(&Query::parse("th")), [("th", true)]);
    }
}
