//! The search the app runs over the bundle: every query word must match a title, tag or body
//! word (as a whole word or, as the reader types, a prefix); title matches rank first.

use std::collections::HashMap;

use crate::text::tokens;
use crate::{SearchIndex, SiteIndex};

/// Positions in `index.posts` of the posts matching `query`, best first.
pub fn search(index: &SiteIndex, bodies: &SearchIndex, query: &str) -> Vec<usize> {
    let mut wanted: Vec<String> = tokens(query).collect();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return Vec::new();
    }
    let body_terms: HashMap<&str, Vec<&str>> = bodies
        .docs
        .iter()
        .map(|doc| (doc.slug.as_str(), doc.terms.split(' ').collect()))
        .collect();

    let mut hits: Vec<(u32, usize)> = index
        .posts
        .iter()
        .enumerate()
        .filter_map(|(position, post)| {
            let title: Vec<String> = tokens(&post.title).collect();
            let tags: Vec<String> = post.tags.iter().flat_map(|tag| tokens(&tag.name)).collect();
            let body = body_terms
                .get(post.slug.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let mut score = 0;
            for word in &wanted {
                let word_score = field_score(word, title.iter().map(String::as_str), 8)
                    + field_score(word, tags.iter().map(String::as_str), 4)
                    + field_score(word, body.iter().copied(), 1);
                if word_score == 0 {
                    return None;
                }
                score += word_score;
            }
            Some((score, position))
        })
        .collect();
    // Stable: equal scores keep the index's newest-first order.
    hits.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    hits.into_iter().map(|(_, position)| position).collect()
}

/// `weight` for a whole-word match, half of it for a prefix match, 0 for none.
fn field_score<'a>(word: &str, mut terms: impl Iterator<Item = &'a str>, weight: u32) -> u32 {
    let mut best = 0;
    for term in terms.by_ref() {
        if term == word {
            return weight * 2;
        }
        if term.starts_with(word) {
            best = weight;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PostSummary, SearchDoc, SiteInfo, Term, Timestamp};

    fn post(slug: &str, title: &str, tags: &[&str]) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: title.into(),
            date: Timestamp::new("2024-01-01T00:00:00Z".into()).unwrap(),
            updated: Timestamp::new("2024-01-01T00:00:00Z".into()).unwrap(),
            tags: tags
                .iter()
                .map(|t| Term {
                    name: (*t).into(),
                    slug: (*t).into(),
                })
                .collect(),
            categories: vec![],
            excerpt_html: String::new(),
            description: String::new(),
            thumbnail: None,
            word_count: 0,
            reading_minutes: 1,
        }
    }

    fn fixture() -> (SiteIndex, SearchIndex) {
        let index = SiteIndex {
            version: 1,
            site: SiteInfo::default(),
            posts: vec![
                post("a", "Borrowing in Rust", &["rust"]),
                post("b", "Cooking pasta", &["food"]),
                post("c", "Notes", &["machine learning"]),
                post("d", "日本語の記事", &[]),
            ],
            tags: vec![],
            categories: vec![],
            archive: vec![],
        };
        let doc = |slug: &str, terms: &str| SearchDoc {
            slug: slug.into(),
            terms: terms.into(),
        };
        let bodies = SearchIndex {
            version: 1,
            docs: vec![
                doc("a", "the borrow checker"),
                doc("b", "boil water add rust colored sauce"),
                doc("c", "gradient descent"),
                doc("d", "日 本 語 の 記 事"),
            ],
        };
        (index, bodies)
    }

    #[test]
    fn finds_titles_tags_and_bodies_title_first() {
        let (index, bodies) = fixture();
        assert_eq!(search(&index, &bodies, "Rust"), [0, 1]);
        assert_eq!(search(&index, &bodies, "machine"), [2]);
        assert_eq!(search(&index, &bodies, "descent"), [2]);
    }

    #[test]
    fn every_word_is_required_and_the_last_may_be_a_prefix() {
        let (index, bodies) = fixture();
        assert_eq!(search(&index, &bodies, "boil sauce"), [1]);
        assert_eq!(search(&index, &bodies, "boil checker"), Vec::<usize>::new());
        assert_eq!(search(&index, &bodies, "borr"), [0]);
    }

    #[test]
    fn cjk_and_empty_queries() {
        let (index, bodies) = fixture();
        assert_eq!(search(&index, &bodies, "日本"), [3]);
        assert_eq!(search(&index, &bodies, "  ?!  "), Vec::<usize>::new());
    }
}
