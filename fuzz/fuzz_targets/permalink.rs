//! Permalink schemes and a post's own permalink: a path inside the site, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_build::permalink::{check, normalise, Permalink, PostFields};
use quire_model::Timestamp;

fuzz_target!(|input: (&str, &str, &str)| {
    let (scheme, slug, own) = input;
    let date = Timestamp::new("2024-09-05T08:04:03+08:00".into()).expect("a timestamp");
    let post = PostFields {
        slug,
        file_name: slug,
        title: slug,
        date: &date,
        unix_seconds: 1_700_000_000,
        category: vec![slug],
    };
    for path in [Permalink::parse(scheme).ok().map(|p| p.path_of(&post)), Some(normalise(own))] {
        if let Some(path) = path.filter(|path| check(path).is_ok()) {
            assert!(path.starts_with('/'), "{path}");
            assert!(!path.split('/').any(|segment| segment == ".."), "{path}");
        }
    }
});
