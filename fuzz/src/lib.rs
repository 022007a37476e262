//! What each fuzz target checks, one function a target: `fuzz_targets/` hands them what
//! libFuzzer makes (`scripts/fuzz`, nightly), and `tests/seeds_and_mutations.rs` hands them the
//! seed posts and a few thousand mutations of them on stable, so `scripts/test` runs every
//! target briefly. Each returns quietly on input the build rejects (problems are fine) and
//! panics on what must never happen: a crash, a script in what readers get, a path outside the
//! site.

use std::path::Path;

use chrono::{DateTime, Utc};
use quire_build::file_name::PostNames;
use quire_build::permalink::{check, normalise, Permalink, PostFields};
use quire_build::post::{load, Loaded, Reading};
use quire_build::tag_plugins::{expand, resolve_post_refs};
use quire_model::Timestamp;
use quire_search::{Query, Searcher};

#[path = "../../crates/quire-build/tests/support/script.rs"]
mod script;

fn assert_no_script(html: &str) {
    let found = script::script_in(html);
    assert!(found.is_empty(), "{found:?} in {html}");
}

/// A whole post file: front matter, tag plugins, Markdown, permalink.
pub fn post(bytes: &[u8]) {
    let permalink = Permalink::parse(":year/:month/:day/:title/").expect("Hexo's default");
    let modified = DateTime::<Utc>::from(std::time::UNIX_EPOCH).with_timezone(&chrono_tz::UTC);
    let reading = Reading {
        permalink: &permalink,
        names: &PostNames::Quire,
        abbrlink: Default::default(),
        asset_folders: true,
        drafts: false,
        words: quire_build::markdown::PostWords::english(),
        page: None,
    };
    let file = Path::new("fuzz.md");
    if let Ok(Loaded::Post(post)) = load(file, file, bytes, modified, &reading) {
        assert_no_script(&post.body_html);
        assert_no_script(&post.summary.excerpt_html);
        assert!(check(&post.summary.path).is_ok(), "{}", post.summary.path);
    }
}

/// Markdown and the sanitiser: the body and the excerpt.
pub fn markdown(text: &str) {
    let rendered = quire_build::markdown::render(text);
    assert_no_script(&rendered.html);
    if let Some(excerpt) = &rendered.before_more {
        assert_no_script(&excerpt.html);
    }
}

/// Hexo's tag plugins expanded, then rendered and resolved as the build does.
pub fn tag_plugins(text: &str) {
    let expanded = expand(text, "/2024/01/02/fuzz/");
    if !expanded.problems.is_empty() {
        return;
    }
    let html = quire_build::markdown::render(&expanded.markdown).html;
    // Every linked post is found, at a path as the build makes them.
    let html = resolve_post_refs(&html, |_| Some(("/posts/linked/", "A <linked> post")));
    assert_no_script(&html);
}

/// A permalink scheme applied to a post, and a post's own `permalink:`: a path inside the
/// site, or an error.
pub fn permalink(scheme: &str, slug: &str, own: &str) {
    let date = Timestamp::new("2024-09-05T08:04:03+08:00".into()).expect("a timestamp");
    // The slug as a front-matter field too, for schemes with `:id` and the like.
    let mut fields = serde_json::Map::new();
    fields.insert("id".to_owned(), slug.into());
    let post = PostFields {
        slug,
        file_name: slug,
        title: slug,
        date: &date,
        unix_seconds: 1_700_000_000,
        category: vec![slug],
        fields: &fields,
    };
    for path in [
        Permalink::parse(scheme).ok().map(|p| p.path_of(&post)),
        Some(normalise(own)),
    ] {
        if let Some(path) = path.filter(|path| check(path).is_ok()) {
            assert!(path.starts_with('/'), "{path}");
            assert!(!path.split('/').any(|segment| segment == ".."), "{path}");
        }
    }
}

/// The search index reader on any bytes: `root` as the root, `part` as every part it asks
/// for. Errors are fine; a panic would abort the app.
pub fn search_index(root: &[u8], part: &[u8], text: &str) {
    let Ok(mut searcher) = Searcher::open(root) else {
        return;
    };
    let query = Query::parse(text);
    for _ in 0..4 {
        for name in searcher.needs(&query) {
            let _ = searcher.add_part(&name, part);
        }
    }
    let ranked = searcher.search(&query);
    let docs: Vec<u32> = ranked.hits.iter().map(|hit| hit.doc).collect();
    for name in searcher.missing_cards(&docs) {
        let _ = searcher.add_part(&name, part);
    }
    for hit in &ranked.hits {
        if let Some(name) = searcher.missing_passage(hit.doc, hit.passage) {
            let _ = searcher.add_part(&name, part);
        }
        let _ = searcher.passage(hit.doc, hit.passage);
    }
}

/// What a reader types into the search box.
pub fn query(text: &str) {
    let query = Query::parse(text);
    let _ = query.is_empty();
}
