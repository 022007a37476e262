//! Hexo's tag plugins expanded, then rendered and resolved as the build does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_build::tag_plugins::{expand, resolve_post_refs};

#[path = "../../crates/quire-build/tests/support/script.rs"]
mod script;

fuzz_target!(|text: &str| {
    let expanded = expand(text, "/2024/01/02/fuzz/");
    if !expanded.problems.is_empty() {
        return;
    }
    let html = quire_build::markdown::render(&expanded.markdown).html;
    // Every linked post is found, at a path as the build makes them.
    let html = resolve_post_refs(&html, |_| Some(("/posts/linked/", "A <linked> post")));
    let found = script::script_in(&html);
    assert!(found.is_empty(), "{found:?} in {html}");
});
