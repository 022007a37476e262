//! A Hexo blog read as Quire reads it, post by post against `expected.jsonl`, what Hexo made of
//! each (../shared/compat/hexo-real/hexo-oracle.js writes it): shared by tests/hexo_real.rs
//! and `cargo run --example hexo_compare BLOG...`, for blogs that are not in the repository.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use quire_build::{read_site, Options};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    source: String,
    listed: bool,
    title: String,
    date: String,
    tags: Vec<String>,
    categories: Vec<Vec<String>>,
    path: String,
    fm_excerpt: bool,
    /// None where Hexo could not render the body (a plugin it did not have).
    excerpt: Option<bool>,
}

/// Every difference between Quire's reading of the blog in `blog` (its `_config.yml`,
/// `source/` and `expected.jsonl`) and Hexo's, one line each, and how many posts Hexo lists.
pub(crate) fn differences(blog: &Path) -> (Vec<String>, usize) {
    let name = blog.display();
    let text = fs::read_to_string(blog.join("expected.jsonl")).unwrap();
    let expected: Vec<Expected> = text
        .lines()
        .skip(1) // the part of _config.yml Hexo was given
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let out = tempfile::tempdir().unwrap();
    let site = read_site(&Options {
        root: blog.to_owned(),
        out: out.path().to_owned(),
        drafts: false,
        cache: false,
        base_url: None,
    });
    let site = match site {
        Ok(site) => site,
        Err(problems) => return (vec![format!("{name} does not build: {problems}")], 0),
    };
    let posts: HashMap<PathBuf, &quire_build::post::Post> = site
        .posts
        .iter()
        .map(|post| (post.source.clone(), post))
        .collect();
    let mut differences = Vec::new();
    let mut listed = 0;
    for want in &expected {
        let source = Path::new("source").join(&want.source);
        let Some(post) = posts.get(&source) else {
            if want.listed {
                listed += 1;
                differences.push(format!("{}: missing", want.source));
            }
            continue;
        };
        if !want.listed {
            differences.push(format!("{}: listed, Hexo does not list it", want.source));
            continue;
        }
        listed += 1;
        let got = &post.summary;
        let mut differ = |field: &str, got: String, hexo: String| {
            if got != hexo {
                differences.push(format!(
                    "{}: {field}: Quire {got:?}, Hexo {hexo:?}",
                    want.source
                ));
            }
        };
        differ("path", got.path.clone(), format!("/{}", want.path));
        differ("title", got.title.clone(), want.title.clone());
        let instant = |date: &str| {
            DateTime::parse_from_rfc3339(date)
                .map(|date| date.with_timezone(&Utc).to_rfc3339())
                .unwrap_or_else(|_| date.to_owned())
        };
        differ("date", instant(got.date.as_str()), instant(&want.date));
        let tags: Vec<&str> = got.tags.iter().map(|t| t.name.as_str()).collect();
        differ("tags", format!("{tags:?}"), format!("{:?}", want.tags));
        let categories: Vec<Vec<&str>> = got
            .categories
            .iter()
            .map(|path| path.iter().map(|t| t.name.as_str()).collect())
            .collect();
        differ(
            "categories",
            format!("{categories:?}"),
            format!("{:?}", want.categories),
        );
        if let Some(excerpt) = want.excerpt {
            differ(
                "excerpt",
                post.more_marker.to_string(),
                (excerpt && !want.fm_excerpt).to_string(),
            );
        }
    }
    (differences, listed)
}
