//! Search's code as a file of its own: the search page, the engine, what opens the index and
//! what makes the search box search as you type.
//!
//! Most readers never search, so the release build keeps search out of the wasm every page
//! loads. `scripts/build-app` compiles the app with the `split` feature, and wasm-split moves
//! everything reached only through the two functions below into a second module, which the
//! store fetches on the first sign of search (focus on the search box, `/`, pointing at a link
//! to `/search/`, or opening it) as it fetches the index. Without `split` (the browser tests,
//! the pages step) they are plain calls. Nothing else may call into search's code, or it is
//! back in the main module: the engine is reached through [`SearchRoute`] and [`prepare`]
//! (which also gives the header's search box its behaviour, see `components::search_box`).

#[cfg(feature = "split")]
use futures::FutureExt;
use leptos::prelude::*;

use crate::any_view::{Erase, ErasedView};
use crate::api::LoadError;
use crate::components::load::{when_loaded, LoadFailed, Loading};
use crate::router::Location;
use crate::store::Store;

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        search,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_code)
    )
)]
fn search_page() -> Result<ErasedView, LoadError> {
    Ok(view! { <crate::routes::search::SearchPage /> }.erase())
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn start_searching(
    store: Store,
    input: web_sys::HtmlInputElement,
    location: Location,
) -> Result<(), LoadError> {
    crate::components::search_box::enhance(&input, location);
    leptos::task::spawn_local(async move {
        let _ = store.search_ready().await;
    });
    Ok(())
}

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for LoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self::Network("the search code could not be fetched".into())
    }
}

/// Fetches search's code; at once when it is part of the main module. Use
/// [`Store::search_code`], which fetches it once and keeps the outcome.
pub async fn load() -> Result<(), LoadError> {
    #[cfg(feature = "split")]
    fetch_code().await?;
    Ok(())
}

/// The search box's sign of intent: search's code, then the box's behaviour and the search
/// index's root.
pub async fn prepare(store: Store, input: web_sys::HtmlInputElement, location: Location) {
    if store.search_code_ready().await.is_ok() {
        #[cfg(feature = "split")]
        let _ = start_searching(store, input, location).await;
        #[cfg(not(feature = "split"))]
        let _ = start_searching(store, input, location);
    }
}

/// `/search/`: the search page once its code is there (the entry point fetches it before it
/// takes over a rendered search page), `Loading` until then.
#[component]
pub fn SearchRoute() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        when_loaded(store.search_code(), |_| {
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
