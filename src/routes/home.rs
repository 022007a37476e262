//! `/` and `/page/N/`: the newest posts, a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::routes;

use crate::components::load::when_loaded;
use crate::components::page_meta::{PageKind, PageMeta};
use crate::components::post_list::PostCard;
use crate::href;
use crate::routes::not_found::NotFoundPage;
use crate::store::Store;

#[component]
pub fn HomePage() -> impl IntoView {
    let store = expect_context::<Store>();
    let params = use_params_map();
    move || {
        let requested = params.read().get("page");
        when_loaded(store.index(), |index| {
            let page = match requested {
                None => Some(1),
                Some(text) => text.parse::<u32>().ok(),
            };
            let per_page = index.site.posts_per_page.max(1) as usize;
            let pages = index.posts.len().div_ceil(per_page).max(1) as u32;
            let Some(page) = page.filter(|page| (1..=pages).contains(page)) else {
                return view! { <NotFoundPage /> }.into_any();
            };
            let posts: Vec<_> = index
                .posts
                .iter()
                .skip((page as usize - 1) * per_page)
                .take(per_page)
                .cloned()
                .collect();
            let title = if page == 1 {
                String::new()
            } else {
                format!("Page {page}")
            };
            let heading = if page == 1 {
                "Latest posts".to_owned()
            } else {
                format!("Posts, page {page} of {pages}")
            };
            view! {
                <PageMeta title site=index.site.clone() description=index.site.description.clone() path=routes::home_page(page) kind=PageKind::Home />
                <h1 class="visually-hidden-heading">{heading}</h1>
                {posts.is_empty().then(|| view! { <p>"Nothing has been published yet."</p> })}
                <div class="post-cards">
                    {posts.into_iter().map(|post| view! { <PostCard post /> }).collect_view()}
                </div>
                <Pagination page pages />
            }
            .into_any()
        })
    }
}

#[component]
fn Pagination(page: u32, pages: u32) -> impl IntoView {
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label="Pages">
            {(page > 1).then(|| view! { <a rel="prev" href=href(&routes::home_page(page - 1))>"← Newer posts"</a> })}
            <span class="pagination-position">{format!("Page {page} of {pages}")}</span>
            {(page < pages).then(|| view! { <a rel="next" href=href(&routes::home_page(page + 1))>"Older posts →"</a> })}
        </nav>
    })
}
