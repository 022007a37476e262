//! What makes the header's search box search: as you type (on `/search?q=…`), on Enter
//! without leaving the app, and the arrow keys between the box and the results. The box itself
//! (`components::search_box`) is a plain form until this code has arrived.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use quire_model::routes;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::SEARCH_INPUT_ID;
use crate::router::Location;

/// Typing pauses this long before the query runs: a search per word, not per key.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// Makes the search box `input` search as you type (on `/search?q=…`), submit without leaving
/// the app, and move into the results with the down arrow. Part of search's code: called once
/// it is loaded, on the box's first focus or by the search page; a box already enhanced is
/// left as it is.
pub(super) fn enhance(input: &web_sys::HtmlInputElement, location: Location) {
    const ENHANCED: &str = "data-enhanced";
    if input.has_attribute(ENHANCED) {
        return;
    }
    let _ = input.set_attribute(ENHANCED, "");
    let on_search_page = move || routes::same_page(&untrack(|| location.path()), routes::SEARCH);
    // While on the search page, typing replaces the history entry; arriving there adds one.
    let go = move |text: &str| location.navigate(&routes::search(text.trim()), on_search_page());
    let pending = Rc::new(Cell::new(None::<TimeoutHandle>));
    let cancel_pending = {
        let pending = pending.clone();
        move || {
            if let Some(handle) = pending.take() {
                handle.clear();
            }
        }
    };
    listen(input, "input", {
        let (input, cancel_pending) = (input.clone(), cancel_pending.clone());
        move |_| {
            cancel_pending();
            let text = input.value();
            pending.set(set_timeout_with_handle(move || go(&text), DEBOUNCE).ok());
        }
    });
    if let Some(form) = input.closest("form").ok().flatten() {
        let input = input.clone();
        listen(&form, "submit", move |event| {
            event.prevent_default();
            cancel_pending();
            go(&input.value());
        });
    }
    listen(input, "keydown", |event| {
        let down = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|key| key.key() == "ArrowDown");
        if down && focus_result(0) {
            event.prevent_default();
        }
    });
    // What was typed while search's code was on its way.
    let typed = input.value();
    let shown = untrack(|| location.query_value("q"));
    if !typed.trim().is_empty() && typed.trim() != shown.unwrap_or_default().trim() {
        go(&typed);
    }
}

/// Listens to `event` on `target` for as long as the page lives: the box is in every page's
/// header, so it is never removed while the app runs.
fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    handler.forget();
}

/// The header's search box, if the page has one.
pub(super) fn search_input() -> Option<web_sys::HtmlInputElement> {
    document()
        .get_element_by_id(SEARCH_INPUT_ID)
        .and_then(|element| element.dyn_into().ok())
}

/// Moves focus to the result link at `position` (of `.search-results a.result-link`); whether
/// there was one.
pub(super) fn focus_result(position: usize) -> bool {
    let links = document()
        .query_selector_all(".search-results a.result-link")
        .ok();
    let link = links
        .and_then(|links| links.item(position as u32))
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
    link.is_some_and(|link| link.focus().is_ok())
}

/// Moves focus back to the search box.
pub(super) fn focus_search_box() {
    if let Some(input) = search_input() {
        let _ = input.focus();
    }
}
