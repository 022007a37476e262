//! `/archives/` (every post, newest first), `/archives/<year>/` (one year's posts) and
//! `/archives/<year>/<month>/` (one month's, at Hexo's address), a page at a time, under
//! headings for their months, which link to the month's own page.

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::words::Word;
use quire_model::ListedPost;

use crate::components::load::when_list_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{Pagination, PostList};
use crate::href;
use crate::page_view::Erase;
use crate::words::{count, fill, word};

#[component]
pub fn ArchivesPage(year: Option<i32>, month: Option<u32>, page: u32) -> impl IntoView {
    let route = match (year, month) {
        (Some(year), Some(month)) => Route::Month { year, month, page },
        (Some(year), None) => Route::Year { year, page },
        _ => Route::Archives { page },
    };
    when_list_loaded(route, move |index, list| {
        let archives_of = |period: String| fill(Word::ArchivesOf, &[("period", &period)]);
        let (title, url) = match (year, month) {
            (Some(year), Some(month)) => (
                archives_of(month_heading(year, month)),
                routes::month(year, month),
            ),
            (Some(year), None) => (archives_of(year.to_string()), routes::year(year)),
            _ => (word(Word::Archives), routes::ARCHIVES.to_owned()),
        };
        let total = list.total as usize;
        let description = count(
            Word::ArchivesDescription,
            total,
            &[("site", &index.site.title)],
        );
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
            <p>{count(Word::PostCount, total, &[])}</p>
            <nav aria-label=word(Word::Years)>
                <ul class="term-list archive-years">{years.collect_view()}</ul>
            </nav>
            {by_month(&list.posts).into_iter().map(|((year, month), posts)| view! {
                <section class="archive-month">
                    <h2><a href=href(&routes::month(year, month))>{month_heading(year, month)}</a></h2>
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

/// `May 2024`, `2024年5月`: a month as a heading names it.
fn month_heading(year: i32, month: u32) -> String {
    let month_name = crate::words::month(month);
    let (year, month) = (year.to_string(), month.to_string());
    fill(
        Word::MonthYear,
        &[("month", &month_name), ("m", &month), ("year", &year)],
    )
}
