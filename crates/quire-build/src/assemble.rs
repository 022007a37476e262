//! Turns the loaded posts into the bundle's post files, ordered and linked to their
//! neighbours and related posts, with what the search index needs of each. (The lists of posts
//! are laid out from the written files by `quire_model::catalog`.)

use std::collections::HashMap;

use rayon::prelude::*;

use quire_model::integrations::Integrations;
use quire_model::{files, PostFile, PostLink, PostSummary, SiteInfo, SCHEMA_VERSION};
use quire_search::write::{DocumentTerms, IndexFiles, IndexWriter, ResultCard};

use crate::post::Post;

/// Everything the build step writes, before it is named and written (see `output`).
#[derive(Debug)]
pub struct Bundle {
    pub site: SiteInfo,
    /// Newest first.
    pub posts: Vec<PostFile>,
    /// Each post's terms, in the order of `posts`.
    pub search: Vec<DocumentTerms>,
    /// The site's pages, in no list, feed or search.
    pub pages: Vec<PostFile>,
    /// See [`quire_model::SiteIndex::feed_copies`].
    pub feed_copies: Vec<(String, String)>,
    /// See [`quire_model::SiteIndex::integrations`].
    pub integrations: Integrations,
}

/// Assembles the bundle; `posts` and `pages` may come in any order. With `comments` (the site
/// has them), posts show them unless their front matter says `comments: false`, and pages
/// where it says `comments: true`.
pub fn assemble(site: SiteInfo, mut posts: Vec<Post>, pages: Vec<Post>, comments: bool) -> Bundle {
    posts.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then_with(|| a.summary.slug.cmp(&b.summary.slug))
    });
    let links: Vec<PostLink> = posts
        .iter()
        .map(|post| PostLink {
            slug: post.summary.slug.clone(),
            path: post.summary.path.clone(),
            title: post.summary.title.clone(),
        })
        .collect();
    let summaries: Vec<&PostSummary> = posts.iter().map(|post| &post.summary).collect();
    let related = related_posts(&summaries);
    drop(summaries);
    let mut search = Vec::with_capacity(posts.len());
    let files = posts
        .into_iter()
        .enumerate()
        .map(|(i, post)| {
            search.push(post.search_terms);
            PostFile {
                version: SCHEMA_VERSION,
                post: post.summary,
                body_html: post.body_html,
                toc: post.toc,
                newer: i.checked_sub(1).map(|j| links[j].clone()),
                older: links.get(i + 1).cloned(),
                related: related[i].iter().map(|&j| links[j].clone()).collect(),
                photos: post.photos,
                page: false,
                comments: comments && post.comments != Some(false),
                extra: post.extra,
            }
        })
        .collect();
    let pages = pages
        .into_iter()
        .map(|page| PostFile {
            version: SCHEMA_VERSION,
            post: page.summary,
            body_html: page.body_html,
            toc: page.toc,
            newer: None,
            older: None,
            related: Vec::new(),
            photos: page.photos,
            page: true,
            comments: comments && page.comments == Some(true),
            extra: page.extra,
        })
        .collect();
    Bundle {
        site,
        posts: files,
        search,
        pages,
        feed_copies: Vec::new(),
        integrations: Integrations::default(),
    }
}

/// The search index of `documents`: each post's result card and terms, newest first. Document
/// ids are positions in that list, so ties in ranking go to newer posts.
pub fn search_index(documents: impl Iterator<Item = (ResultCard, DocumentTerms)>) -> IndexFiles {
    let mut writer = IndexWriter::new();
    for (card, terms) in documents {
        writer.add(card, terms);
    }
    writer.finish(files::SEARCH_DIR)
}

/// How many related posts a post lists.
const RELATED: usize = 5;

/// Of a tag or category with many posts, only this many nearest in date are compared: a
/// neighbour in time is the better guess, and it keeps the work linear in the blog's size.
const RELATED_WINDOW: usize = 200;

/// For each post (newest first), the positions of up to [`RELATED`] others: a shared tag
/// counts 2, a shared category 1; ties go to the nearer in date.
fn related_posts(posts: &[&PostSummary]) -> Vec<Vec<usize>> {
    fn terms_of(post: &PostSummary) -> Vec<(bool, &str)> {
        let tags = post.tags.iter().map(|tag| (true, tag.slug.as_str()));
        let categories = post
            .categories
            .iter()
            .flatten()
            .map(|term| (false, term.slug.as_str()));
        let mut terms: Vec<(bool, &str)> = tags.chain(categories).collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }
    let mut by_term: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    let post_terms: Vec<Vec<(bool, &str)>> = posts.iter().map(|post| terms_of(post)).collect();
    for (i, terms) in post_terms.iter().enumerate() {
        for term in terms {
            by_term.entry(*term).or_default().push(i);
        }
    }
    // Each thread adds points in a score per post (and notes which it touched): no sorting of
    // votes, and no memory beyond one score a post per thread.
    let fresh_scores = || (vec![0u32; posts.len()], Vec::new());
    post_terms
        .par_iter()
        .enumerate()
        .map_init(fresh_scores, |(scores, touched), (i, terms)| {
            for term in terms {
                let list = &by_term[term];
                let at = list.binary_search(&i).unwrap_or_else(|at| at);
                let from = at.saturating_sub(RELATED_WINDOW / 2);
                let to = (at + RELATED_WINDOW / 2 + 1).min(list.len());
                let points = if term.0 { 2 } else { 1 };
                for &j in list[from..to].iter().filter(|&&j| j != i) {
                    if scores[j] == 0 {
                        touched.push(j);
                    }
                    scores[j] += points;
                }
            }
            let rank = |&j: &usize| (std::cmp::Reverse(scores[j]), j.abs_diff(i), j);
            if touched.len() > RELATED {
                touched.select_nth_unstable_by_key(RELATED, rank);
            }
            let best = touched.len().min(RELATED);
            touched[..best].sort_unstable_by_key(rank);
            let related = touched[..best].to_vec();
            for &j in touched.iter() {
                scores[j] = 0;
            }
            touched.clear();
            related
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::{Term, Timestamp};

    fn post(slug: &str, tags: &[&str], categories: &[&str]) -> PostSummary {
        let term = |name: &&str| Term {
            name: name.to_string(),
            slug: name.to_lowercase(),
        };
        PostSummary {
            slug: slug.into(),
            path: format!("/posts/{slug}/"),
            title: slug.into(),
            date: Timestamp::new("2024-01-01".into()).unwrap(),
            updated: Timestamp::new("2024-01-01".into()).unwrap(),
            tags: tags.iter().map(term).collect(),
            categories: vec![categories.iter().map(term).collect()],
            excerpt_html: String::new(),
            description: String::new(),
            thumbnail: None,
            thumbnail_srcset: String::new(),
            word_count: 0,
            reading_minutes: 0,
            author: String::new(),
            sticky: 0,
        }
    }

    #[test]
    fn related_posts_share_tags_first_then_categories_then_nearness() {
        let posts = [
            post("a", &["Rust", "Web"], &["Code"]),
            post("b", &["Rust"], &["Life"]),
            post("c", &["Rust", "Web"], &["Life"]),
            post("d", &[], &["Code"]),
            post("e", &["Go"], &["Life"]),
            post("f", &["Rust"], &[]),
        ];
        let related = related_posts(&posts.iter().collect::<Vec<_>>());
        // a: c shares two tags (4); b and f one tag (2, b nearer); d one category (1).
        assert_eq!(related[0], [2, 1, 5, 3]);
        // e shares only the category Life with b and c.
        assert_eq!(related[4], [2, 1]);
        assert!(related
            .iter()
            .enumerate()
            .all(|(i, list)| !list.contains(&i)));
    }
}
