//! `/categories/` (the tree) and `/categories/<a>/<b>/…` (the posts in a category and below).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::{routes, CategoryNode, Term};

use crate::components::load::when_loaded;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::{CategoryTrail, PostList};
use crate::href;
use crate::routes::not_found::NotFoundPage;
use crate::store::Store;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        when_loaded(store.index(), |index| {
            let description = format!("The categories of {}.", index.site.title);
            view! {
                <PageMeta title="Categories" site=index.site.clone() description path=routes::CATEGORIES />
                <h1>"Categories"</h1>
                <CategoryTree nodes=index.categories.clone() parent=Vec::new() />
            }
            .into_any()
        })
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let params = use_params_map();
    move || {
        let path = params.read().get("path").unwrap_or_default();
        let slugs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        when_loaded(store.index(), |index| {
            let Some(trail) = find(&index.categories, &slugs) else {
                return view! { <NotFoundPage /> }.into_any();
            };
            let node = trail.last().expect("find returns a non-empty trail");
            let posts: Vec<_> = index
                .posts
                .iter()
                .filter(|post| {
                    post.categories.iter().any(|hierarchy| {
                        hierarchy.len() >= slugs.len()
                            && hierarchy
                                .iter()
                                .zip(&slugs)
                                .all(|(term, slug)| &term.slug == slug)
                    })
                })
                .cloned()
                .collect();
            let name = node.name.clone();
            let terms: Vec<Term> = trail
                .iter()
                .map(|n| Term {
                    name: n.name.clone(),
                    slug: n.slug.clone(),
                })
                .collect();
            let description = format!(
                "{} posts in the category “{name}” on {}.",
                posts.len(),
                index.site.title
            );
            view! {
                <PageMeta title=format!("Category: {name}") site=index.site.clone() description path=routes::category(&slugs) />
                <nav class="breadcrumb" aria-label="Breadcrumb">
                    <a href=href(routes::CATEGORIES)>"Categories"</a> " › " <CategoryTrail path=terms />
                </nav>
                <h1>{format!("Posts in “{name}”")}</h1>
                {(!node.children.is_empty()).then(|| view! {
                    <section class="subcategories" aria-label="Subcategories">
                        <CategoryTree nodes=node.children.clone() parent=slugs.clone() />
                    </section>
                })}
                <PostList posts />
            }
            .into_any()
        })
    }
}

/// The nodes from the root down to the category at `slugs`, if there is one.
fn find<'a>(mut nodes: &'a [CategoryNode], slugs: &[String]) -> Option<Vec<&'a CategoryNode>> {
    let mut trail = Vec::new();
    for slug in slugs {
        let node = nodes.iter().find(|node| &node.slug == slug)?;
        trail.push(node);
        nodes = &node.children;
    }
    (!trail.is_empty()).then_some(trail)
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
                        .then(|| view! { <CategoryTree nodes=node.children parent=path /> }.into_any());
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
