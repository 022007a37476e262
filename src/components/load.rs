//! What a page shows while its data loads, and if loading fails.

use std::sync::Arc;

use leptos::prelude::*;

use quire_model::routes::Route;
use quire_model::words::Word;
use quire_model::{ListPage, SiteIndex};

use crate::api::LoadError;
use crate::bundle::{Bundle, Loaded};
use crate::page_view::{Erase, PageView};
use crate::routes::not_found::NotFoundPage;
use crate::words::{fill, word};

/// `ready(data)` once `state` has loaded; a loading note before; a message and a retry button
/// if it failed. Call it inside a reactive closure so the page follows the state.
pub fn when_loaded<T: Send + Sync + 'static>(
    state: Loaded<T>,
    ready: impl FnOnce(Arc<T>) -> PageView,
) -> PageView {
    match state {
        None => view! { <Loading /> }.erase(),
        Some(Err(error)) => view! { <LoadFailed error /> }.erase(),
        Some(Ok(data)) => ready(data),
    }
}

/// `ready(page)` once the list page that `route` shows has loaded; the 404 page if the site
/// has no such list or page.
pub fn when_list_loaded(
    route: Route,
    ready: impl Fn(Arc<SiteIndex>, Arc<ListPage>) -> PageView + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    move || {
        let (bundle, route, ready) = (bundle.clone(), route.clone(), ready.clone());
        when_loaded(bundle.index(), move |index| {
            let Some(file) = index.list_file(&route) else {
                return view! { <NotFoundPage /> }.erase();
            };
            when_loaded(bundle.list(&file), |page| ready(index, page))
        })
    }
}

/// Shown while a page's data loads: a thin bar across the top of the window and a status line,
/// both only after 200 ms (by CSS), so a quick load shows nothing.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="progress-bar" aria-hidden="true"></div>
        <p class="loading" role="status" aria-live="polite">
            {or_english(word(Word::Loading), "Loading…")}
        </p>
    }
}

#[component]
pub fn LoadFailed(error: LoadError) -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    // Bundle files are named by their contents and a page names the build it came from, so a
    // file that is gone was replaced by a newer build: only a fresh page shows the new one.
    let heading = or_english(word(Word::LoadFailed), "This page could not be loaded");
    if error == LoadError::Http(404) {
        return view! {
            <section class="load-failed" role="alert">
                <h1>{heading}</h1>
                <p>{word(Word::BlogUpdated)}</p>
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>
                    {or_english(word(Word::LoadNewVersion), "Load the new version")}
                </button>
            </section>
        }
        .erase();
    }
    view! {
        <section class="load-failed" role="alert">
            <h1>{heading}</h1>
            <p>{or_english(error_message(&error), &error.to_string())}</p>
            <button type="button" on:click=move |_| bundle.retry_failed()>
                {or_english(word(Word::TryAgain), "Try again")}
            </button>
        </section>
    }
    .erase()
}

/// What went wrong, in the site's words.
pub fn error_message(error: &LoadError) -> String {
    match error {
        LoadError::Http(status) => {
            let status = u32::from(*status).to_string();
            fill(Word::HttpStatus, &[("status", &status)])
        }
        LoadError::Network(_) => word(Word::Offline),
        LoadError::Decode(reason) => fill(Word::Unreadable, &[("reason", reason)]),
        // The site index could not be read, so there are no words: the English says it.
        LoadError::Schema { .. } => String::new(),
    }
}

/// `word`, or else the English: when the site index itself could not be loaded, the page has
/// no words but must still say what happened and offer to try again.
fn or_english(word: String, english: &str) -> String {
    match word.is_empty() {
        true => english.to_owned(),
        false => word,
    }
}
