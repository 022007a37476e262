//! Markdown and the sanitiser, with the oracle: no script element, no `on…` handler, no script
//! URL in what a reader gets.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/quire-build/tests/support/script.rs"]
mod script;

fuzz_target!(|text: &str| {
    let rendered = quire_build::markdown::render(text);
    let parts = [Some(&rendered.html), rendered.before_more.as_ref().map(|e| &e.html)];
    for html in parts.into_iter().flatten() {
        let found = script::script_in(html);
        assert!(found.is_empty(), "{found:?} in {html}");
    }
});
