//! What a reader types into the search box.
#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| quire_fuzz::query(text));
