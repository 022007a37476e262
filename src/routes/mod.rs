//! One module a page, named for what it shows; [`RoutePage`] picks the page for a URL.

pub mod archives;
pub mod categories;
pub mod home;
pub mod not_found;
pub mod post;
pub mod search;
pub mod tags;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::routes::Route;

use crate::any_view::{IntoAnySync, SyncHydrate};

/// The page at the router's `path` parameter (the whole path under the site's base), as
/// [`Route::parse`] reads it: the same reading the build uses to write each page's data.
#[component]
pub fn RoutePage() -> impl IntoView {
    let params = use_params_map();
    let route = Memo::new(move |_| {
        Route::parse(&format!(
            "/{}",
            params.read().get("path").unwrap_or_default()
        ))
    });
    // The router erases a route's view with plain `into_any` (see `crate::any_view`).
    SyncHydrate(move || match route.get() {
        Route::Home { page } => view! { <home::HomePage page /> }.into_any_sync(),
        Route::Tags => view! { <tags::TagsPage /> }.into_any_sync(),
        Route::Tag { slug, page } => view! { <tags::TagPage slug page /> }.into_any_sync(),
        Route::Categories => view! { <categories::CategoriesPage /> }.into_any_sync(),
        Route::Category { path, page } => {
            view! { <categories::CategoryPage path page /> }.into_any_sync()
        }
        Route::Archives { page } => {
            view! { <archives::ArchivesPage year=None month=None page /> }.into_any_sync()
        }
        Route::Year { year, page } => {
            view! { <archives::ArchivesPage year=Some(year) month=None page /> }.into_any_sync()
        }
        Route::Month { year, month, page } => {
            view! { <archives::ArchivesPage year=Some(year) month=Some(month) page /> }
                .into_any_sync()
        }
        Route::Search => view! { <search::SearchPage /> }.into_any_sync(),
        Route::Post(path) => view! { <post::PostPage path /> }.into_any_sync(),
    })
}
