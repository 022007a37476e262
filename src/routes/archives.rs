//! `/archives/` (every post, newest first) and `/archives/<year>/` (one year's posts), a page
//! at a time, under headings for their months.

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::ListedPost;

use crate::components::load::when_list_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{Pagination, PostList};
use crate::href;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[component]
pub fn ArchivesPage(year: Option<i32>, page: u32) -> impl IntoView {
    let route = match year {
        Some(year) => Route::Year { year, page },
        None => Route::Archives { page },
    };
    when_list_loaded(route, move |index, list| {
        let (title, url) = match year {
            Some(year) => (format!("Archives: {year}"), routes::year(year)),
            None => ("Archives".to_owned(), routes::ARCHIVES.to_owned()),
        };
        let description = format!("{} posts of {}, by date.", list.total, index.site.title);
        let years = index.years.iter().map(|y| {
            let current = (Some(y.year) == year).then_some("page");
            view! {
                <li>
                    <a href=href(&routes::year(y.year)) aria-current=current>{y.year}</a>
                    " " <span class="count">{y.count}</span>
                </li>
            }
        });
        view! {
            <PageMeta title=title.clone() site=index.site.clone() description path=routes::paged(&url, page) />
            <h1>{title}</h1>
            <p>{format!("{} posts.", list.total)}</p>
            <nav aria-label="Years">
                <ul class="term-list archive-years">{years.collect_view()}</ul>
            </nav>
            {by_month(&list.posts).into_iter().map(|(heading, posts)| view! {
                <section class="archive-month">
                    <h2>{heading}</h2>
                    <PostList posts />
                </section>
            }).collect_view()}
            <Pagination list=url page pages=list.pages />
        }
        .into_any()
    })
}

/// `posts` (newest first) in runs of the same month, each under its heading (`March 2024`).
fn by_month(posts: &[ListedPost]) -> Vec<(String, Vec<ListedPost>)> {
    let mut months: Vec<(String, Vec<ListedPost>)> = Vec::new();
    for listed in posts {
        let date = &listed.post.date;
        let name = MONTHS
            .get(date.month() as usize - 1)
            .copied()
            .unwrap_or_default();
        let heading = format!("{name} {}", date.year());
        match months.last_mut() {
            Some((last, run)) if *last == heading => run.push(listed.clone()),
            _ => months.push((heading, vec![listed.clone()])),
        }
    }
    months
}
