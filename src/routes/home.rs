//! `/` and `/page/N/`: the newest posts, a page at a time.

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::words::Word;

use crate::components::load::when_list_loaded;
use crate::components::page_meta::{PageKind, PageMeta};
use crate::components::post_list::{Pagination, PostCard};
use crate::page_view::Erase;
use crate::words::{fill, word};

#[component]
pub fn HomePage(page: u32) -> impl IntoView {
    when_list_loaded(Route::Home { page }, move |index, list| {
        let (page_text, pages) = (page.to_string(), list.pages.to_string());
        let numbers = [("page", page_text.as_str()), ("pages", pages.as_str())];
        let (title, heading) = if page == 1 {
            (String::new(), word(Word::LatestPosts))
        } else {
            (
                fill(Word::PageNumber, &numbers),
                fill(Word::PostsPageOf, &numbers),
            )
        };
        let posts = list.posts.clone();
        view! {
            <PageMeta title site=index.site.clone() description=index.site.description.clone() path=routes::home_page(page) kind=PageKind::Home />
            <h1 class="visually-hidden-heading">{heading}</h1>
            {posts.is_empty().then(|| view! { <p>{word(Word::NothingPublished)}</p> })}
            <div class="post-cards">
                {posts.into_iter().map(|listed| view! { <PostCard post=listed.post /> }).collect_view()}
                // The site's ad among the cards, if it has one: CSS in the page's head shows it
                // after the N-th card (`Ads::between_cards_html`).
                <div class="list-ad" inner_html=index.site.list_ad_html.clone()></div>
            </div>
            <Pagination list="/" page pages=list.pages />
        }
        .erase()
    })
}
