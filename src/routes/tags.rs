//! `/tags/` (every tag with its count) and `/tags/<tag>/` (the posts with one tag, a page at
//! a time).

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::words::Word;

use crate::bundle::Bundle;
use crate::components::load::{when_list_loaded, when_loaded};
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{Pagination, PostList};
use crate::href;
use crate::page_view::Erase;
use crate::routes::not_found::NotFoundPage;
use crate::words::{count, fill, word};

#[component]
pub fn TagsPage() -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    move || {
        when_loaded(bundle.index(), |index| {
            let description = count(
                Word::TagsDescription,
                index.tags.len(),
                &[("site", &index.site.title)],
            );
            view! {
                <PageMeta title=word(Word::Tags) site=index.site.clone() description path=routes::TAGS />
                <h1>{word(Word::Tags)}</h1>
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
            .erase()
        })
    }
}

#[component]
pub fn TagPage(slug: String, page: u32) -> impl IntoView {
    let route = Route::Tag {
        slug: slug.clone(),
        page,
    };
    when_list_loaded(route, move |index, list| {
        let Some(tag) = index.tag(&slug) else {
            return view! { <NotFoundPage /> }.erase();
        };
        let named = [
            ("name", tag.name.as_str()),
            ("site", index.site.title.as_str()),
        ];
        let description = count(Word::TagDescription, tag.count as usize, &named);
        let feed = format!("{} (Atom)", fill(Word::TagFeed, &named));
        let url = routes::tag(&slug);
        view! {
            <PageMeta title=fill(Word::TagTitle, &named) site=index.site.clone() description path=routes::paged(&url, page)
                feed=(feed, routes::tag_feed(&slug)) />
            <h1>{fill(Word::TagHeading, &named)}</h1>
            <PostList posts=list.posts.clone() />
            <Pagination list=url page pages=list.pages />
            <p><a href=href(routes::TAGS)>{word(Word::AllTags)}</a></p>
        }
        .erase()
    })
}
