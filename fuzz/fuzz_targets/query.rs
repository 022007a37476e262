//! What a reader types into the search box.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let query = quire_search::Query::parse(text);
    let _ = query.is_empty();
});
