//! One module a page, named for what it shows; [`RoutePage`] picks the page for a URL.

pub mod archives;
pub mod categories;
pub mod home;
pub mod not_found;
pub mod post;
pub mod tags;

use leptos::prelude::*;
use quire_model::routes::Route;

use crate::page_view::Erase;
use crate::router::use_location;

/// The page at the app's location, as [`Route::parse`] reads it: the same reading the build
/// uses to write each page's data. Every URL is one of these pages (posts are wherever the
/// permalink scheme put them).
#[component]
pub fn RoutePage() -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(&location.path()));
    move || match route.get() {
        Route::Home { page } => view! { <home::HomePage page /> }.erase(),
        Route::Tags => view! { <tags::TagsPage /> }.erase(),
        Route::Tag { slug, page } => view! { <tags::TagPage slug page /> }.erase(),
        Route::Categories => view! { <categories::CategoriesPage /> }.erase(),
        Route::Category { path, page } => view! { <categories::CategoryPage path page /> }.erase(),
        Route::Archives { page } => {
            view! { <archives::ArchivesPage year=None month=None page /> }.erase()
        }
        Route::Year { year, page } => {
            view! { <archives::ArchivesPage year=Some(year) month=None page /> }.erase()
        }
        Route::Month { year, month, page } => {
            view! { <archives::ArchivesPage year=Some(year) month=Some(month) page /> }.erase()
        }
        Route::Search => view! { <crate::search::SearchRoute /> }.erase(),
        Route::Post(path) => view! { <post::PostPage path /> }.erase(),
    }
}
