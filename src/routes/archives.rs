//! `/archives/`: every post by year and month.

use leptos::prelude::*;
use quire_model::routes;

use crate::components::load::when_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::PostList;
use crate::store::Store;

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
pub fn ArchivesPage() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        when_loaded(store.index(), |index| {
            let description = format!(
                "All {} posts of {}, by date.",
                index.posts.len(),
                index.site.title
            );
            let years = index.archive.iter().map(|year| {
                let months = year.months.iter().map(|month| {
                    let posts: Vec<_> = month
                        .posts
                        .iter()
                        .filter_map(|&i| index.posts.get(i as usize).cloned())
                        .collect();
                    let name = MONTHS
                        .get(month.month as usize - 1)
                        .copied()
                        .unwrap_or_default();
                    view! {
                        <section class="archive-month">
                            <h3>{format!("{name} {}", year.year)}</h3>
                            <PostList posts />
                        </section>
                    }
                });
                view! {
                    <section class="archive-year">
                        <h2>{year.year}</h2>
                        {months.collect_view()}
                    </section>
                }
            });
            view! {
                <PageMeta title="Archives" site=index.site.clone() description path=routes::ARCHIVES />
                <h1>"Archives"</h1>
                <p>{format!("{} posts in all.", index.posts.len())}</p>
                {years.collect_view()}
            }
            .into_any()
        })
    }
}
