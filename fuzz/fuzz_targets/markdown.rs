//! Markdown and the sanitiser, with the oracle: no script element, no `on…` handler, no script
//! URL in what a reader gets.
#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| quire_fuzz::markdown(text));
