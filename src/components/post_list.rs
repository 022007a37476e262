//! Posts as list pages show them: cards with excerpts on the home page, compact lines elsewhere.

use leptos::prelude::*;
use quire_model::words::Word;
use quire_model::{routes, ListedPost, PostSummary, Term};

use crate::href;
use crate::words::{count, date, fill, word};

/// A post's title, date, tags, thumbnail and excerpt, linking to the post.
#[component]
pub fn PostCard(post: PostSummary) -> impl IntoView {
    let link = href(&post.path);
    view! {
        <article class="post-card">
            {post.thumbnail.map(|src| view! {
                // The build's smaller WebP copies cropped to the card, where it made them (an
                // empty `srcset` leaves `src`): a `<picture>` here costs the app 800 B.
                <img class="post-card-thumbnail" src=src srcset=post.thumbnail_srcset sizes="(max-width: 44rem) 100vw, 44rem" alt="" loading="lazy" decoding="async" width="800" height="450" />
            })}
            <h2 class="post-card-title"><a href=link.clone()>{post.title}</a></h2>
            <p class="post-meta">
                <time datetime=post.date.as_str().to_owned()>{date(&post.date)}</time>
                " · " {count(Word::MinRead, post.reading_minutes as usize, &[])}
            </p>
            <TagLinks tags=post.tags />
            <div class="post-card-excerpt" inner_html=post.excerpt_html></div>
            <a class="read-more" href=link>{word(Word::ContinueReading)}</a>
        </article>
    }
}

/// One line a post: date and title.
#[component]
pub fn PostList(posts: Vec<ListedPost>) -> impl IntoView {
    view! {
        <ul class="post-list">
            {posts
                .into_iter()
                .map(|ListedPost { post, .. }| view! {
                    <li>
                        <time datetime=post.date.as_str().to_owned()>{date(&post.date)}</time>
                        <a href=href(&post.path)>{post.title}</a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

/// Links to the neighbouring pages of the list at `list` (its first page's URL).
#[component]
pub fn Pagination(#[prop(into)] list: String, page: u32, pages: u32) -> impl IntoView {
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=word(Word::Pages)>
            {(page > 1).then(|| view! { <a rel="prev" href=href(&routes::paged(&list, page - 1))>{word(Word::NewerPosts)}</a> })}
            <span class="pagination-position">{fill(Word::PageOf, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
            {(page < pages).then(|| view! { <a rel="next" href=href(&routes::paged(&list, page + 1))>{word(Word::OlderPosts)}</a> })}
        </nav>
    })
}

#[component]
pub fn TagLinks(tags: Vec<Term>) -> impl IntoView {
    (!tags.is_empty()).then(|| view! {
        <ul class="tag-links" aria-label=word(Word::Tags)>
            {tags
                .into_iter()
                .map(|tag| view! { <li><a href=href(&routes::tag(&tag.slug)) rel="tag">"#" {tag.name}</a></li> })
                .collect_view()}
        </ul>
    })
}

/// A category path as links, root first: `Code › Rust`.
#[component]
pub fn CategoryTrail(path: Vec<Term>) -> impl IntoView {
    let slugs: Vec<String> = path.iter().map(|term| term.slug.clone()).collect();
    path.into_iter()
        .enumerate()
        .map(|(depth, term)| {
            let url = href(&routes::category(&slugs[..=depth]));
            view! {
                {(depth > 0).then_some(" › ")}
                <a href=url>{term.name}</a>
            }
        })
        .collect_view()
}
