//! Real Hexo blogs (../shared/compat/hexo-real: their `_config.yml` and `source/` as their
//! authors keep them) read as Quire reads a Hexo site, post by post against `expected.jsonl`,
//! what Hexo 8.1 made of each: the page's path, title, date (as an instant), tags, category
//! paths, and whether it has an excerpt. A blog moves in only if these agree.

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

fn blogs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat/hexo-real")
}

/// Every difference between Quire's reading of the blog `name` and Hexo's, one line each,
/// and how many posts Hexo lists.
fn differences(name: &str) -> (Vec<String>, usize) {
    let blog = blogs().join(name);
    let text = fs::read_to_string(blog.join("expected.jsonl")).unwrap();
    let expected: Vec<Expected> = text
        .lines()
        .skip(1) // the part of _config.yml Hexo was given
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let out = tempfile::tempdir().unwrap();
    let site = read_site(&Options {
        root: blog.clone(),
        out: out.path().to_owned(),
        drafts: false,
        cache: false,
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

/// The differences README.md names under "Moving from Hexo", with their reasons: `(blog,
/// post, field)`. The test fails on any other, and on any of these that is gone.
const NAMED: &[(&str, &str, &str)] = &[
    // Two posts with one URL: Hexo published only the older one there; the other moves
    // beside it ("What differs": two posts at one URL).
    ("mythsman", "_posts/Beautiful-Soup库的基本介绍.md", "path"),
];

fn report(name: &str) {
    let (differences, listed) = differences(name);
    let named: Vec<String> = NAMED
        .iter()
        .filter(|(blog, _, _)| *blog == name)
        .map(|(_, post, field)| format!("{post}: {field}"))
        .collect();
    let (named_found, differences): (Vec<String>, Vec<String>) = differences
        .into_iter()
        .partition(|difference| named.iter().any(|n| difference.starts_with(n.as_str())));
    assert_eq!(named_found.len(), named.len(), "a named difference is gone: {named_found:?}");
    let mut by_field: HashMap<&str, usize> = HashMap::new();
    for difference in &differences {
        let field = difference.split(": ").nth(1).unwrap_or("?");
        *by_field.entry(field).or_default() += 1;
    }
    eprintln!(
        "{name}: {listed} posts listed by Hexo; {} differences named in the README; others by field: {by_field:?}",
        named.len()
    );
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
#[cfg_attr(
    not(hexo_compat_fixtures),
    ignore = "../shared/compat is not beside the repository: nothing to compare with"
)]
fn the_hexo_project_site_reads_as_hexo_read_it() {
    report("hexojs-site");
}

#[test]
#[cfg_attr(
    not(hexo_compat_fixtures),
    ignore = "../shared/compat is not beside the repository: nothing to compare with"
)]
fn mythsmans_blog_reads_as_hexo_read_it() {
    report("mythsman");
}
