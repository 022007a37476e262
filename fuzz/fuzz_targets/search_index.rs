//! The search index reader on any bytes: a root, a part, a query.
#![no_main]
libfuzzer_sys::fuzz_target!(|input: (&[u8], &[u8], &str)| {
    let (root, part, text) = input;
    quire_fuzz::search_index(root, part, text)
});
