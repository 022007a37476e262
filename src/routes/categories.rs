//! `/categories/` (the tree) and `/categories/<a>/<b>/…` (the posts in a category and below,
//! a page at a time).

use leptos::prelude::*;
use quire_model::routes::{self, Route};
use quire_model::words::Word;
use quire_model::{CategoryNode, Term};

use crate::bundle::Bundle;
use crate::components::load::{when_list_loaded, when_loaded};
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{CategoryTrail, Pagination, PostList};
use crate::href;
use crate::page_view::Erase;
use crate::routes::not_found::NotFoundPage;
use crate::words::{count, fill, word};

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    move || {
        when_loaded(bundle.index(), |index| {
            let description = fill(Word::CategoriesDescription, &[("site", &index.site.title)]);
            view! {
                <PageMeta title=word(Word::Categories) site=index.site.clone() description path=routes::CATEGORIES />
                <h1>{word(Word::Categories)}</h1>
                <CategoryTree nodes=index.categories.clone() parent=Vec::new() />
            }
            .erase()
        })
    }
}

#[component]
pub fn CategoryPage(path: Vec<String>, page: u32) -> impl IntoView {
    let route = Route::Category {
        path: path.clone(),
        page,
    };
    when_list_loaded(route, move |index, list| {
        let Some(trail) = index.category(&path) else {
            return view! { <NotFoundPage /> }.erase();
        };
        let node = trail.last().expect("a trail is never empty");
        let name = node.name.clone();
        let terms: Vec<Term> = trail
            .iter()
            .map(|n| Term {
                name: n.name.clone(),
                slug: n.slug.clone(),
            })
            .collect();
        let named = [("name", name.as_str()), ("site", index.site.title.as_str())];
        let description = count(Word::CategoryDescription, node.count as usize, &named);
        let url = routes::category(&path);
        view! {
            <PageMeta title=fill(Word::CategoryTitle, &named) site=index.site.clone() description path=routes::paged(&url, page) />
            <nav class="breadcrumb" aria-label=word(Word::Breadcrumb)>
                <a href=href(routes::CATEGORIES)>{word(Word::Categories)}</a> " › " <CategoryTrail path=terms />
            </nav>
            <h1>{fill(Word::CategoryHeading, &named)}</h1>
            {(!node.children.is_empty() && page == 1).then(|| view! {
                <section class="subcategories" aria-label=word(Word::Subcategories)>
                    <CategoryTree nodes=node.children.clone() parent=path.clone() />
                </section>
            })}
            <PostList posts=list.posts.clone() />
            <Pagination list=url page pages=list.pages />
        }
        .erase()
    })
}

/// Nested lists of categories with their counts; `parent` is the slugs above `nodes`.
#[component]
fn CategoryTree(nodes: Vec<CategoryNode>, parent: Vec<String>) -> impl IntoView {
    view! {
        <ul class="category-tree">
            {nodes
                .into_iter()
                .map(|node| {
                    let mut path = parent.clone();
                    path.push(node.slug.clone());
                    let url = href(&routes::category(&path));
                    let children = (!node.children.is_empty())
                        .then(|| view! { <CategoryTree nodes=node.children parent=path /> }.erase());
                    view! {
                        <li>
                            <a href=url>{node.name}</a> " " <span class="count">{node.count}</span>
                            {children}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
