//! `/search?q=…`: posts whose title, tags or text match. The query lives in the URL, so results
//! can be shared and the back button returns to earlier queries.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use quire_model::{routes, search};

use crate::components::load::when_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::PostList;
use crate::store::Store;

#[component]
pub fn SearchPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let query = use_query_map();
    let current = move || query.read().get("q").unwrap_or_default();
    let navigate = use_navigate();
    // Typing replaces the history entry; submitting the form adds one.
    let go = move |text: String, replace: bool| {
        navigate(
            &routes::search(text.trim()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let on_input = {
        let go = go.clone();
        move |event| go(event_target_value(&event), true)
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go(current(), false);
    };
    let results = move || {
        let text = current().trim().to_owned();
        let store = store.clone();
        when_loaded(store.index(), move |index| {
            let site = index.site.title.clone();
            let meta_title = if text.is_empty() {
                "Search".to_owned()
            } else {
                format!("Search: {text}")
            };
            let meta = view! { <PageMeta title=meta_title site description=format!("Search the posts of {}.", index.site.title) /> };
            if text.is_empty() {
                return view! { {meta} <p class="search-hint">"Type to search titles, tags and text."</p> }.into_any();
            }
            when_loaded(store.search_index(), move |bodies| {
                let found: Vec<_> = search::search(&index, &bodies, &text)
                    .into_iter()
                    .map(|i| index.posts[i].clone())
                    .collect();
                let summary = match found.len() {
                    0 => format!("No posts match “{text}”."),
                    1 => format!("1 post matches “{text}”."),
                    n => format!("{n} posts match “{text}”."),
                };
                view! {
                    {meta}
                    <p class="search-summary" role="status">{summary}</p>
                    <PostList posts=found />
                }
                .into_any()
            })
        })
    };
    view! {
        <h1>"Search"</h1>
        <form class="search-form" role="search" on:submit=on_submit>
            <label for="search-input" class="visually-hidden">"Search posts"</label>
            <input id="search-input" type="search" name="q" placeholder="Search posts" autocomplete="off"
                prop:value=current on:input=on_input />
            <button type="submit">"Search"</button>
        </form>
        {results}
    }
}
