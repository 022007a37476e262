//! Permalink schemes and a post's own permalink: a path inside the site, or an error.
#![no_main]
libfuzzer_sys::fuzz_target!(|input: (&str, &str, &str)| {
    let (scheme, slug, own) = input;
    quire_fuzz::permalink(scheme, slug, own)
});
