//! A whole post file: front matter, tag plugins, Markdown, permalink. Problems are fine; a
//! panic or a script in the HTML is not.
#![no_main]

use std::path::Path;

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use quire_build::permalink::Permalink;
use quire_build::post::{load, Loaded};

#[path = "../../crates/quire-build/tests/support/script.rs"]
mod script;

fuzz_target!(|bytes: &[u8]| {
    let permalink = Permalink::parse(":year/:month/:day/:title/").expect("Hexo's default");
    let modified = DateTime::<Utc>::from(std::time::UNIX_EPOCH).with_timezone(&chrono_tz::UTC);
    if let Ok(Loaded::Post(post)) = load(Path::new("fuzz.md"), bytes, modified, &permalink, false) {
        for html in [&post.body_html, &post.summary.excerpt_html] {
            let found = script::script_in(html);
            assert!(found.is_empty(), "{found:?} in {html}");
        }
    }
});
