//! Real Hexo blogs (../shared/compat/hexo-real: their `_config.yml` and `source/` as their
//! authors keep them) read as Quire reads a Hexo site, post by post against `expected.jsonl`,
//! what Hexo 8.1 made of each: the page's path, title, date (as an instant), tags, category
//! paths, and whether it has an excerpt. A blog moves in only if these agree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[path = "support/hexo_oracle.rs"]
mod hexo_oracle;

fn blogs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat/hexo-real")
}

/// The differences README.md names under "Moving from Hexo", with their reasons: `(blog,
/// post, field)`. The test fails on any other, and on any of these that is gone.
const NAMED: &[(&str, &str, &str)] = &[
    // Two posts with one URL: Hexo published only the older one there; the other moves
    // beside it ("What differs": two posts at one URL).
    ("mythsman", "_posts/Beautiful-Soup库的基本介绍.md", "path"),
];

fn report(name: &str) {
    let (differences, listed) = hexo_oracle::differences(&blogs().join(name));
    let named: Vec<String> = NAMED
        .iter()
        .filter(|(blog, _, _)| *blog == name)
        .map(|(_, post, field)| format!("{post}: {field}"))
        .collect();
    let (named_found, differences): (Vec<String>, Vec<String>) = differences
        .into_iter()
        .partition(|difference| named.iter().any(|n| difference.starts_with(n.as_str())));
    assert_eq!(
        named_found.len(),
        named.len(),
        "a named difference is gone: {named_found:?}"
    );
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
