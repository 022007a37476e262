//! `/archives/` (every post, newest first), `/archives/<year>/` (one year's posts) and
//! `/archives/<year>/<month>/` (one month's, at Hexo's address), a page at a time, under
//! headings for their months, which link to the month's own page.

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::ListedPost;

use crate::components::load::when_list_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{Pagination, PostList};
use crate::href;
use crate::page_view::Erase;

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
pub fn ArchivesPage(year: Option<i32>, month: Option<u32>, page: u32) -> impl IntoView {
    let route = match (year, month) {
        (Some(year), Some(month)) => Route::Month { year, month, page },
        (Some(year), None) => Route::Year { year, page },
        _ => Route::Archives { page },
    };
    when_list_loaded(route, move |index, list| {
        let (title, url) = match (year, month) {
            (Some(year), Some(month)) => (
                format!("Archives: {} {year}", month_name(month)),
                routes::month(year, month),
            ),
            (Some(year), None) => (format!("Archives: {year}"), routes::year(year)),
            _ => ("Archives".to_owned(), routes::ARCHIVES.to_owned()),
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
            {by_month(&list.posts).into_iter().map(|((year, month), posts)| view! {
                <section class="archive-month">
                    <h2><a href=href(&routes::month(year, month))>{format!("{} {year}", month_name(month))}</a></h2>
                    <PostList posts />
                </section>
            }).collect_view()}
            <Pagination list=url page pages=list.pages />
        }
        .erase()
    })
}

/// `posts` (newest first) in runs of the same month, each with its year and month.
fn by_month(posts: &[ListedPost]) -> Vec<((i32, u32), Vec<ListedPost>)> {
    let mut months: Vec<((i32, u32), Vec<ListedPost>)> = Vec::new();
    for listed in posts {
        let month = (listed.post.date.year(), listed.post.date.month());
        match months.last_mut() {
            Some((last, run)) if *last == month => run.push(listed.clone()),
            _ => months.push((month, vec![listed.clone()])),
        }
    }
    months
}

/// `May` for 5.
fn month_name(month: u32) -> &'static str {
    (month as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or_default()
}
