//! The search index reader on any bytes: the first half as the root, the rest as every part it
//! asks for. Errors are fine; a panic would abort the app.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_search::{Query, Searcher};

fuzz_target!(|input: (&[u8], &[u8], &str)| {
    let (root, part, text) = input;
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
    for name in searcher.missing_post_files(&docs) {
        let _ = searcher.add_part(&name, part);
    }
    for doc in docs {
        let _ = searcher.post_file(doc);
    }
});
