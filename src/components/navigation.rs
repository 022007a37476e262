//! What makes moving between pages feel instant: the data of a link is fetched as soon as the
//! reader points at it or focuses it, and the scroll position of every page visited is kept,
//! so Back and Forward return to where the reader was; a new page starts at the top (or at the
//! fragment its link names).

use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;

use quire_model::routes::Route;

use crate::bundle::Bundle;
use crate::router::{app_link, fragment_target, use_location};
use crate::search;
use crate::until_unmounted;
use crate::BasePath;

/// Installs the prefetching and scroll handling for the app's lifetime. Call it once, in the
/// layout: it listens on the window.
pub fn install() {
    let bundle = expect_context::<Bundle>();
    let base = use_context::<BasePath>().unwrap_or_default();
    let prefetch = move |event: web_sys::Event| {
        if let Some(link) = app_link(&event, &base.0) {
            if Route::parse(link.path()) == Route::Search {
                search::prefetch_code(&bundle);
            } else {
                bundle.prefetch(link.path());
            }
        }
    };
    // `mouseover` rather than `mouseenter`: it bubbles, so one listener serves every link.
    let on_pointer = prefetch.clone();
    until_unmounted(window_event_listener(ev::mouseover, move |e| {
        on_pointer(e.into())
    }));
    let on_touch = prefetch.clone();
    until_unmounted(window_event_listener(ev::touchstart, move |e| {
        on_touch(e.into())
    }));
    until_unmounted(window_event_listener(ev::focusin, move |e| {
        prefetch(e.into())
    }));
    restore_scroll();
}

/// Keeps the scroll position of each page the reader leaves (by URL); after a Back or Forward,
/// scrolls to the position kept for the page shown, and after any other navigation to the top
/// (or to the element the address's `#fragment` names).
fn restore_scroll() {
    if let Ok(history) = window().history() {
        // The browser would restore before the page's new content is there.
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let positions = StoredValue::new_local(HashMap::<String, f64>::new());
    // The reader's own scrolling, not what a page change does to it (a shorter page clamps the
    // position, focusing the new page's content may move it): those happen while `settling`.
    let reader_y = StoredValue::new_local(0.0);
    let settling = StoredValue::new_local(false);
    let back_or_forward = StoredValue::new_local(false);
    until_unmounted(window_event_listener(ev::scroll, move |_| {
        if !settling.get_value() {
            reader_y.set_value(window().scroll_y().unwrap_or_default());
        }
    }));
    until_unmounted(window_event_listener(ev::popstate, move |_| {
        back_or_forward.set_value(true)
    }));
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let url = location.page();
        let Some(previous) = previous.filter(|previous| *previous != url) else {
            return url;
        };
        positions.update_value(|positions| {
            positions.insert(previous, reader_y.get_value());
        });
        settling.set_value(true);
        let here = url.clone();
        // After the new page is in the document (at once when its data is cached), and after
        // every listener of the `popstate` event that may have started this has run.
        // The app may be gone by then (unmounted): then there is nothing to do.
        request_animation_frame(move || {
            let Some(returning) = back_or_forward.try_get_value() else {
                return;
            };
            let kept = positions.with_value(|positions| positions.get(&here).copied());
            back_or_forward.set_value(false);
            let fragment = window().location().hash().unwrap_or_default();
            match fragment_target(&fragment).filter(|_| !returning) {
                Some(target) => target.scroll_into_view(),
                None => {
                    let y = if returning { kept.unwrap_or(0.0) } else { 0.0 };
                    window().scroll_to_with_x_and_y(0.0, y);
                }
            }
            reader_y.set_value(window().scroll_y().unwrap_or_default());
            settling.set_value(false);
        });
        url
    });
}
