//! Turns the loaded posts into the bundle: the site index, one file per post, the search index.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use quire_model::{
    files, ArchiveMonth, ArchiveYear, CategoryNode, PostFile, PostLink, PostSummary, SiteIndex,
    SiteInfo, Term, TermCount, SCHEMA_VERSION,
};
use quire_search::write::{DocumentTerms, IndexFiles, IndexWriter};

use crate::post::Post;

/// Everything the build step writes. The search index is written from `search` (see
/// [`search_index`]) while the posts are; `index.search` is then set to its root, and
/// `index.post_files` to the posts' file names.
#[derive(Debug)]
pub struct Bundle {
    pub index: SiteIndex,
    pub posts: Vec<PostFile>,
    /// Each post's slug and terms, newest first.
    pub search: Vec<(String, DocumentTerms)>,
}

/// Assembles the bundle; `posts` may come in any order.
pub fn assemble(site: SiteInfo, mut posts: Vec<Post>) -> Bundle {
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
    let summaries: Vec<PostSummary> = posts.iter().map(|post| post.summary.clone()).collect();
    let related = related_posts(&summaries);
    let mut search = Vec::with_capacity(posts.len());
    let files = posts
        .into_iter()
        .enumerate()
        .map(|(i, post)| {
            search.push((post.summary.slug.clone(), post.search_terms));
            PostFile {
                version: SCHEMA_VERSION,
                post: post.summary,
                body_html: post.body_html,
                toc: post.toc,
                newer: i.checked_sub(1).map(|j| links[j].clone()),
                older: links.get(i + 1).cloned(),
                related: related[i].iter().map(|&j| links[j].clone()).collect(),
                extra: post.extra,
            }
        })
        .collect();
    let index = SiteIndex {
        version: SCHEMA_VERSION,
        site,
        tags: tag_counts(summaries.iter().map(|post| post.tags.as_slice())),
        categories: category_tree(summaries.iter().map(|post| post.categories.as_slice())),
        archive: archive(
            summaries
                .iter()
                .map(|post| (post.date.year(), post.date.month())),
        ),
        posts: summaries,
        search: String::new(),
        post_files: BTreeMap::new(),
    };
    Bundle {
        index,
        posts: files,
        search,
    }
}

/// The search index of `documents` (newest first). Document ids are positions in that list,
/// the site index's order, so ties in ranking go to newer posts.
pub fn search_index(documents: Vec<(String, DocumentTerms)>) -> IndexFiles {
    let mut writer = IndexWriter::new();
    for (slug, terms) in documents {
        writer.add(&slug, terms);
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
fn related_posts(posts: &[PostSummary]) -> Vec<Vec<usize>> {
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
    let post_terms: Vec<Vec<(bool, &str)>> = posts.iter().map(terms_of).collect();
    for (i, terms) in post_terms.iter().enumerate() {
        for term in terms {
            by_term.entry(*term).or_default().push(i);
        }
    }
    post_terms
        .par_iter()
        .enumerate()
        .map(|(i, terms)| {
            // Every (candidate, points) pair, then summed per candidate: cheaper than a map.
            let mut votes: Vec<(usize, u32)> = Vec::new();
            for term in terms {
                let list = &by_term[term];
                let at = list.binary_search(&i).unwrap_or_else(|at| at);
                let from = at.saturating_sub(RELATED_WINDOW / 2);
                let to = (at + RELATED_WINDOW / 2 + 1).min(list.len());
                let points = if term.0 { 2 } else { 1 };
                votes.extend(
                    list[from..to]
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| (j, points)),
                );
            }
            votes.sort_unstable_by_key(|&(j, _)| j);
            let mut scores: Vec<(usize, u32)> = Vec::with_capacity(votes.len());
            for (j, points) in votes {
                match scores.last_mut() {
                    Some(last) if last.0 == j => last.1 += points,
                    _ => scores.push((j, points)),
                }
            }
            let rank = |&(j, score): &(usize, u32)| (std::cmp::Reverse(score), j.abs_diff(i), j);
            if scores.len() > RELATED {
                scores.select_nth_unstable_by_key(RELATED, rank);
                scores.truncate(RELATED);
            }
            scores.sort_unstable_by_key(rank);
            scores.into_iter().map(|(j, _)| j).collect()
        })
        .collect()
}

/// Each tag once, by name (ignoring case); a tag spelled two ways keeps its first spelling.
fn tag_counts<'a>(posts: impl Iterator<Item = &'a [Term]>) -> Vec<TermCount> {
    let mut by_slug: BTreeMap<&str, TermCount> = BTreeMap::new();
    for tags in posts {
        for tag in tags {
            by_slug
                .entry(&tag.slug)
                .or_insert_with(|| TermCount {
                    name: tag.name.clone(),
                    slug: tag.slug.clone(),
                    count: 0,
                })
                .count += 1;
        }
    }
    let mut tags: Vec<TermCount> = by_slug.into_values().collect();
    tags.sort_by_cached_key(|tag| (tag.name.to_lowercase(), tag.slug.clone()));
    tags
}

/// The category tree; a post counts once in every category on its paths.
fn category_tree<'a>(posts: impl Iterator<Item = &'a [Vec<Term>]>) -> Vec<CategoryNode> {
    #[derive(Default)]
    struct Node<'a> {
        name: &'a str,
        posts: HashSet<usize>,
        children: BTreeMap<&'a str, Node<'a>>,
    }
    fn into_nodes(children: BTreeMap<&str, Node<'_>>) -> Vec<CategoryNode> {
        let mut nodes: Vec<CategoryNode> = children
            .into_iter()
            .map(|(slug, node)| CategoryNode {
                name: node.name.to_owned(),
                slug: slug.to_owned(),
                count: node.posts.len() as u32,
                children: into_nodes(node.children),
            })
            .collect();
        nodes.sort_by_cached_key(|node| node.name.to_lowercase());
        nodes
    }
    let mut root = Node::default();
    for (post, hierarchies) in posts.enumerate() {
        for hierarchy in hierarchies {
            let mut node = &mut root;
            for term in hierarchy {
                node = node.children.entry(&term.slug).or_insert_with(|| Node {
                    name: &term.name,
                    ..Node::default()
                });
                node.posts.insert(post);
            }
        }
    }
    into_nodes(root.children)
}

/// Years and months, newest first, from `(year, month)` of each post in newest-first order.
fn archive(dates: impl Iterator<Item = (i32, u32)>) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for (position, (year, month)) in dates.enumerate() {
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear {
                year,
                months: Vec::new(),
            });
        }
        let months = &mut years.last_mut().expect("pushed above").months;
        if months.last().is_none_or(|m| m.month != month) {
            months.push(ArchiveMonth {
                month,
                posts: Vec::new(),
            });
        }
        months
            .last_mut()
            .expect("pushed above")
            .posts
            .push(position as u32);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Timestamp;

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
            word_count: 0,
            reading_minutes: 0,
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
        let related = related_posts(&posts);
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
