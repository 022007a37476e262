//! The site's words in its language, for the pages to show: the site index carries them
//! (`SiteInfo::words`, written by the build from its translations and the site's `[strings]`),
//! so the wasm holds no word of any language. A page is drawn once the index has loaded (in
//! the browser before hydrating, on the server preloaded); before that, and if it fails to
//! load, a word is empty, and the few pages shown then say what they must in English.

use std::sync::Arc;

use leptos::prelude::use_context;
use quire_model::words::Word;
use quire_model::{SiteIndex, Timestamp};

use crate::bundle::Bundle;

fn index() -> Option<Arc<SiteIndex>> {
    use_context::<Bundle>()?.loaded_index()
}

/// The word as the site writes it.
pub fn word(word: Word) -> String {
    index()
        .map(|index| index.site.words.get(word).to_owned())
        .unwrap_or_default()
}

/// The word with each `{name}` of `args` filled in.
pub fn fill(word: Word, args: &[(&str, &str)]) -> String {
    index()
        .map(|index| index.site.words.fill(word, args))
        .unwrap_or_default()
}

/// The word's form for the count `n`, `{n}` and `args` filled in.
pub fn count(word: Word, n: usize, args: &[(&str, &str)]) -> String {
    (index())
        .map(|index| index.site.words.count(word, n as u32, args))
        .unwrap_or_default()
}

/// A date as the site's language writes it.
pub fn date(date: &Timestamp) -> String {
    index()
        .map(|index| index.site.words.date(date))
        .unwrap_or_default()
}

/// The name of `month` (1–12) on its own, as a heading names it.
pub fn month(month: u32) -> String {
    index()
        .map(|index| index.site.words.month(month).to_owned())
        .unwrap_or_default()
}
