//! A whole post file: problems are fine; a panic or a script in the HTML is not.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| quire_fuzz::post(bytes));
