//! Compares Quire's reading of Hexo blogs with Hexo's own, post by post:
//!   cargo run --example hexo_compare BLOG...
//! Each BLOG folder holds `_config.yml`, `source/` and `expected.jsonl` (made by
//! ../shared/compat/hexo-real/hexo-oracle.js). Prints, for each, how many posts agree on each
//! field, then every difference.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "../tests/support/hexo_oracle.rs"]
mod hexo_oracle;

fn main() {
    for blog in std::env::args().skip(1) {
        let (differences, listed) = hexo_oracle::differences(Path::new(&blog));
        let mut by_field: BTreeMap<&str, usize> = BTreeMap::new();
        for difference in &differences {
            *by_field
                .entry(difference.split(": ").nth(1).unwrap_or("?"))
                .or_default() += 1;
        }
        println!("{blog}: {listed} posts Hexo lists; posts that differ, by field: {by_field:?}");
        for difference in &differences {
            println!("  {difference}");
        }
    }
}
