//! Hexo's own theme test posts (hexojs/hexo-theme-unit-test, in ../shared/compat) read as Hexo
//! 8.1 read them: `hexo-expected.json` holds Hexo's title, date, tags, categories, excerpt
//! marker and default permalink for each post.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use quire_build::{read_site, Options};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    file: String,
    title: String,
    date_utc: String,
    tags: Vec<String>,
    category_hierarchies: Vec<Vec<String>>,
    has_more_marker: bool,
    hexo_permalink: String,
}

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat/hexo-theme-unit-test")
}

// The suite lives beside the repository, as CI has it (build.rs looks for it).
#[test]
#[cfg_attr(
    not(hexo_compat_fixtures),
    ignore = "../shared/compat is not beside the repository: nothing to compare with"
)]
fn every_post_of_hexos_theme_test_suite_reads_as_hexo_read_it() {
    let suite = suite();
    let expected: Vec<Expected> =
        serde_json::from_slice(&fs::read(suite.join("hexo-expected.json")).unwrap()).unwrap();
    assert_eq!(expected.len(), 15);
    // Laid out as a Hexo site with Hexo's defaults (`permalink: :year/:month/:day/:title/`),
    // `timezone: UTC` as the suite was made, and read as the build reads it.
    let site = tempfile::tempdir().unwrap();
    let posts = site.path().join("source/_posts");
    fs::create_dir_all(&posts).unwrap();
    for want in &expected {
        fs::copy(suite.join("posts").join(&want.file), posts.join(&want.file)).unwrap();
    }
    fs::write(
        site.path().join("_config.yml"),
        "title: Suite\ntimezone: UTC\n",
    )
    .unwrap();
    let read = read_site(&Options {
        root: site.path().to_owned(),
        out: site.path().join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    })
    .unwrap_or_else(|problems| panic!("{problems}"));
    let mut differences = Vec::new();
    for want in &expected {
        let path = suite.join("posts").join(&want.file);
        let source = Path::new("source/_posts").join(&want.file);
        let post = read
            .posts
            .iter()
            .find(|post| post.source == source)
            .unwrap_or_else(|| panic!("{}: not read", want.file));
        let got = &post.summary;
        let file = &want.file;
        let mut differ = |field: &str, got: String, hexo: String| {
            if got != hexo {
                differences.push(format!("{file}: {field}: Quire {got:?}, Hexo {hexo:?}"));
            }
        };
        // A post without a title is named by its file, which the README says.
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let title = if want.title.is_empty() {
            stem
        } else {
            want.title.clone()
        };
        differ("title", got.title.clone(), title);
        let date = DateTime::parse_from_rfc3339(got.date.as_str())
            .unwrap()
            .with_timezone(&Utc);
        let want_date = DateTime::parse_from_rfc3339(&want.date_utc)
            .unwrap()
            .with_timezone(&Utc);
        differ("date", date.to_rfc3339(), want_date.to_rfc3339());
        // This suite's file lists each post's tags by name; the order Hexo itself gives them
        // (the order the site first uses each) is checked on real blogs (tests/hexo_real.rs).
        let mut tags: Vec<String> = got.tags.iter().map(|t| t.name.clone()).collect();
        tags.sort();
        differ("tags", format!("{tags:?}"), format!("{:?}", want.tags));
        let categories: Vec<Vec<String>> = got
            .categories
            .iter()
            .map(|path| path.iter().map(|t| t.name.clone()).collect())
            .collect();
        differ(
            "categories",
            format!("{categories:?}"),
            format!("{:?}", want.category_hierarchies),
        );
        differ(
            "excerpt marker",
            post.more_marker.to_string(),
            want.has_more_marker.to_string(),
        );
        differ("permalink", got.path.clone(), want.hexo_permalink.clone());
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
