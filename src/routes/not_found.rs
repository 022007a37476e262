//! Any URL the blog has no page for.

use leptos::prelude::*;

use crate::components::page_meta::{not_found_head, show_head};
use crate::href;
use crate::words::word;
use quire_model::words::Word;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    show_head(not_found_head());
    view! {
        <section class="not-found">
            <h1>{word(Word::NotFound)}</h1>
            <p>{word(Word::NotFoundText)}</p>
            <p><a href=href("/")>{word(Word::GoHome)}</a></p>
        </section>
    }
}
