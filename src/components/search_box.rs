//! The search box in every page's header. Focusing it (or `/`, which focuses it from anywhere)
//! is the sign of search intent: it fetches search's code and the index. Until they are there
//! it is a plain form, which the browser submits to `/search/?q=…` (as it does without
//! JavaScript); then search's code (`crate::search`, `as_you_type`) makes it search as you
//! type and lets the down arrow walk into the results.

use leptos::prelude::*;
use quire_model::routes;
use quire_model::words::Word;
use wasm_bindgen::JsCast;

use crate::bundle::Bundle;
use crate::href;
use crate::router::use_location;
use crate::search::{self, SEARCH_INPUT_ID};
use crate::words::word;

#[component]
pub fn SearchBox() -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    let location = use_location();
    let input = NodeRef::<leptos::html::Input>::new();
    let prepare = move |_| {
        if let Some(input) = input.get_untracked() {
            let prepared = search::prepare(bundle.clone(), input, location);
            leptos::task::spawn_local(prepared);
        }
    };
    // In an effect, which only runs in the browser (the page may be rendered on a server).
    Effect::new(move |_| {
        let shortcut = window_event_listener(leptos::ev::keydown, move |event| {
            let plain = !event.ctrl_key() && !event.meta_key() && !event.alt_key();
            if event.key() == "/" && plain && !typing_in_a_field(&event) {
                if let Some(input) = input.get_untracked() {
                    event.prevent_default();
                    let _ = input.focus();
                    input.select();
                }
            }
        });
        on_cleanup(move || shortcut.remove());
    });
    view! {
        <form class="search-form" role="search" action=href(routes::SEARCH)>
            <label for=SEARCH_INPUT_ID class="visually-hidden">{word(Word::SearchPosts)}</label>
            <input id=SEARCH_INPUT_ID node_ref=input type="search" name="q"
                placeholder=word(Word::Search) + "  /"
                autocomplete="off" spellcheck="false" on:focus=prepare aria-keyshortcuts="/" />
        </form>
    }
}

fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.is_content_editable()
}
