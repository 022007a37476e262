//! Search in the browser, all of it: the search page, running a query, opening the index, and
//! what makes the header's search box search as you type.
//!
//! Most readers never search, so the release build keeps search out of the wasm every page
//! loads. The app is compiled with the `split` feature (`quire-xtask build-app`), and
//! wasm-split moves everything reached only through the two `wasm_split` functions below into
//! a second module, fetched on the first sign of search (focus on the search box, `/`, pointing
//! at a link to `/search/`, or opening it) as the index is. Without `split` (the browser tests,
//! the pages step) they are plain calls.
//!
//! The boundary: outside this folder the app reaches search only through this file's public
//! items ([`SearchRoute`], [`prepare`], [`code_ready`], [`prefetch_code`], [`SEARCH_INPUT_ID`]),
//! and nothing outside it names `quire_search`, or the engine is back in every page's wasm.
//! `tests/boundaries.rs` checks both, and that no module of `src/` imports another in a circle;
//! `quire-xtask app-size --check` (in `scripts/test`) checks what every page loads.

mod as_you_type;
mod index;
mod page;
mod results;

use std::sync::Arc;

#[cfg(feature = "split")]
use futures::FutureExt;
use leptos::prelude::*;

use crate::api::LoadError;
use crate::bundle::{Bundle, Loaded, Pending};
use crate::components::load::{when_loaded, LoadFailed, Loading};
use crate::page_view::{Erase, PageView};
use crate::router::Location;

/// The `id` of the header's search box.
pub const SEARCH_INPUT_ID: &str = "search-input";

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        search,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_code)
    )
)]
fn search_page() -> Result<PageView, LoadError> {
    Ok(view! { <page::SearchPage /> }.erase())
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn start_searching(
    bundle: Bundle,
    input: web_sys::HtmlInputElement,
    location: Location,
) -> Result<(), LoadError> {
    as_you_type::enhance(&input, location);
    leptos::task::spawn_local(async move {
        let _ = index::ready(&bundle).await;
    });
    Ok(())
}

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for LoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self::Network("the search code could not be fetched".into())
    }
}

/// Search's code, kept by the bundle once fetched (a file of its own in the release build).
struct SearchCode;

fn fetch_search_code() -> Pending<SearchCode> {
    Box::pin(async {
        #[cfg(feature = "split")]
        fetch_code().await?;
        Ok(SearchCode)
    })
}

/// The state of search's code, fetching it on first use. Without `split` it is part of the
/// main module: there from the start.
fn code(bundle: &Bundle) -> Loaded<SearchCode> {
    if cfg!(feature = "split") {
        bundle.keep(fetch_search_code)
    } else {
        Some(Ok(Arc::new(SearchCode)))
    }
}

/// Search's code, once loaded: the entry point waits for it before it takes over a rendered
/// search page.
pub async fn code_ready(bundle: &Bundle) -> Result<(), LoadError> {
    if cfg!(feature = "split") {
        bundle.keep_ready(fetch_search_code).await?;
    }
    Ok(())
}

/// Starts fetching search's code: a link to `/search/` was pointed at.
pub fn prefetch_code(bundle: &Bundle) {
    code(bundle);
}

/// The search box's sign of intent: search's code, then the box's behaviour and the search
/// index's root.
pub async fn prepare(bundle: Bundle, input: web_sys::HtmlInputElement, location: Location) {
    if code_ready(&bundle).await.is_ok() {
        #[cfg(feature = "split")]
        let _ = start_searching(bundle, input, location).await;
        #[cfg(not(feature = "split"))]
        let _ = start_searching(bundle, input, location);
    }
}

/// `/search/`: the search page once its code is there (the entry point fetches it before it
/// takes over a rendered search page), `Loading` until then.
#[component]
pub fn SearchRoute() -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    move || {
        when_loaded(code(&bundle), |_| {
            #[cfg(feature = "split")]
            let page = search_page().now_or_never();
            #[cfg(not(feature = "split"))]
            let page = Some(search_page());
            // Its code is loaded, so the call returns at once.
            match page {
                Some(Ok(page)) => page,
                Some(Err(error)) => view! { <LoadFailed error /> }.erase(),
                None => view! { <Loading /> }.erase(),
            }
        })
    }
}
