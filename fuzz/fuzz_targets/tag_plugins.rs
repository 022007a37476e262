//! Hexo's tag plugins expanded, then rendered and resolved as the build does.
#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| quire_fuzz::tag_plugins(text));
