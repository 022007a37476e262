//! `/tags/` (every tag with its count) and `/tags/<tag>/` (the posts with one tag).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::routes;

use crate::components::load::when_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::PostList;
use crate::href;
use crate::routes::not_found::NotFoundPage;
use crate::store::Store;

#[component]
pub fn TagsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        when_loaded(store.index(), |index| {
            let description = format!("All {} tags of {}.", index.tags.len(), index.site.title);
            view! {
                <PageMeta title="Tags" site=index.site.clone() description path=routes::TAGS />
                <h1>"Tags"</h1>
                <ul class="term-list">
                    {index
                        .tags
                        .iter()
                        .map(|tag| view! {
                            <li>
                                <a href=href(&routes::tag(&tag.slug)) rel="tag">{tag.name.clone()}</a>
                                " " <span class="count">{tag.count}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let params = use_params_map();
    move || {
        let slug = params.read().get("tag").unwrap_or_default();
        when_loaded(store.index(), |index| {
            let Some(tag) = index.tags.iter().find(|tag| tag.slug == slug) else {
                return view! { <NotFoundPage /> }.into_any();
            };
            let posts: Vec<_> = index
                .posts
                .iter()
                .filter(|post| post.tags.iter().any(|t| t.slug == slug))
                .cloned()
                .collect();
            let description = format!(
                "{} posts tagged “{}” on {}.",
                posts.len(),
                tag.name,
                index.site.title
            );
            view! {
                <PageMeta title=format!("Tag: {}", tag.name) site=index.site.clone() description path=routes::tag(&slug)
                    feed=(format!("{}: posts tagged “{}” (Atom)", index.site.title, tag.name), routes::tag_feed(&slug)) />
                <h1>{format!("Posts tagged “{}”", tag.name)}</h1>
                <PostList posts />
                <p><a href=href(routes::TAGS)>"All tags"</a></p>
            }
            .into_any()
        })
    }
}
