//! The search box in every page's header. Focusing it is the sign of search intent that fetches
//! the index; typing searches as you type (on `/search?q=…`); `/` focuses it from anywhere;
//! the down arrow walks into the results.

use std::time::Duration;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use quire_model::routes;
use wasm_bindgen::JsCast;

use crate::router::use_location;
use crate::store::Store;

/// Typing pauses this long before the query runs: a search per word, not per key.
const DEBOUNCE: Duration = Duration::from_millis(120);

pub const SEARCH_INPUT_ID: &str = "search-input";

#[component]
pub fn SearchBox() -> impl IntoView {
    let store = expect_context::<Store>();
    let location = use_location();
    let on_search_page = move || routes::same_page(&location.path(), routes::SEARCH);
    let value = move || {
        if on_search_page() {
            location.query_value("q").unwrap_or_default()
        } else {
            String::new()
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    // While on the search page, typing replaces the history entry; arriving there adds one.
    let go = move |text: String| location.navigate(&routes::search(text.trim()), on_search_page());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |event| {
        let text = event_target_value(&event);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || go(text), DEBOUNCE).ok();
        pending.set_value(handle);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if let Some(input) = input.get_untracked() {
            go(input.value());
        }
    };
    let prefetch = move |_| {
        let store = store.clone();
        leptos::task::spawn_local(crate::search_chunk::prepare(store));
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" && focus_result(0) {
            event.prevent_default();
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
        <form class="search-form" role="search" on:submit=on_submit>
            <label for=SEARCH_INPUT_ID class="visually-hidden">"Search posts"</label>
            <input id=SEARCH_INPUT_ID node_ref=input type="search" name="q" placeholder="Search  /"
                autocomplete="off" spellcheck="false" prop:value=value on:input=on_input
                on:focus=prefetch on:keydown=on_keydown
                aria-keyshortcuts="/" />
        </form>
    }
}

/// Moves focus to the result link at `position` (of `.search-results a.result-link`); whether
/// there was one.
pub fn focus_result(position: usize) -> bool {
    let links = document()
        .query_selector_all(".search-results a.result-link")
        .ok();
    let link = links
        .and_then(|links| links.item(position as u32))
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
    link.is_some_and(|link| link.focus().is_ok())
}

/// Moves focus back to the search box.
pub fn focus_search_box() {
    if let Some(input) = document()
        .get_element_by_id(SEARCH_INPUT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.is_content_editable()
}
