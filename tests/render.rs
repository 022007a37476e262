//! The routes rendered to HTML natively, with Leptos's `ssr` renderer and a preloaded bundle:
//! the same components the browser runs, with no fetch and no browser API during render.
//! This is how per-route HTML files will be made, so it must keep working.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fixture.rs"]
mod fixture;

use std::sync::Arc;

use leptos::prelude::*;
use quire::bundle::{provide_bundle, Bundle};
use quire::router::RequestUrl;
use quire::{App, BasePath};

/// The HTML of the page at `url` under `base`, rendered from the fixture bundle.
fn render(url: &str, base: &str) -> String {
    render_bundle(fixture::sample_bundle(), url, base)
}

fn render_bundle(sample: fixture::SampleBundle, url: &str, base: &str) -> String {
    let bundle = Bundle::new(Arc::new(fixture::Fixture::default()), fixture::INDEX);
    sample.preload(&bundle);
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl(url.to_owned()));
        provide_context(BasePath(base.to_owned()));
        provide_bundle(bundle);
        view! { <App /> }.to_html()
    })
}

#[test]
fn a_post_renders_its_article_without_a_browser() {
    let html = render("/posts/borrowing/", "");
    assert!(html.contains("<h1>Borrowing explained</h1>"), "{html}");
    assert!(html.contains(r#"<h2 id="rules">Rules</h2>"#), "{html}");
    assert!(
        html.contains(r#"<a rel="prev" href="/posts/templates/">"#),
        "{html}"
    );
    assert!(!html.contains("Loading…"), "preloaded data renders at once");
    assert!(
        html.contains(r#"class="related-posts"><h2>Related posts</h2><ul><li><a href="/posts/tokyo/">東京の冬</a></li>"#),
        "{html}"
    );
}

#[test]
fn list_pages_render_with_links_under_the_base_path() {
    let html = render("/blog/tags/rust/", "/blog");
    assert!(html.contains("<h1>Posts tagged “Rust”</h1>"), "{html}");
    assert!(html.contains(r#"href="/blog/posts/borrowing/""#), "{html}");
    let home = render("/", "");
    assert!(
        home.contains("Borrowing explained") && home.contains("Templates in C++"),
        "{home}"
    );
    assert!(
        !home.contains("東京の冬"),
        "page 1 holds posts_per_page posts"
    );
}

#[test]
fn unknown_urls_render_the_404_page() {
    for url in ["/nowhere", "/posts/missing/", "/categories/code/missing/"] {
        assert!(render(url, "").contains("Page not found"), "{url}");
    }
}

#[test]
fn the_archive_a_year_and_a_month_list_posts_under_their_months() {
    let html = render("/archives/", "");
    assert!(html.contains("<h1>Archives</h1>"), "{html}");
    assert!(
        html.contains(r#"<h2><a href="/archives/2025/12/">December 2025</a></h2>"#)
            && html.contains("東京の冬"),
        "{html}"
    );
    let year = render("/archives/2025/", "");
    assert!(year.contains("<h1>Archives: 2025</h1>"), "{year}");
    assert!(
        year.contains("東京の冬") && !year.contains("Borrowing explained"),
        "{year}"
    );
    assert!(render("/archives/1999/", "").contains("Page not found"));
    // Hexo's month pages, at Hexo's addresses.
    let month = render("/archives/2026/01/", "");
    assert!(month.contains("<h1>Archives: January 2026</h1>"), "{month}");
    assert!(
        month.contains("Templates in C++") && !month.contains("Borrowing explained"),
        "{month}"
    );
    assert!(render("/archives/2026/02/", "").contains("Page not found"));
}

#[test]
fn the_search_page_without_a_query_renders_its_hint_not_a_loading_state() {
    let html = render("/search/", "");
    assert!(html.contains(r#"<p class="search-hint">"#), "{html}");
    assert!(!html.contains("Loading…"), "{html}");
}

#[test]
fn a_gallery_post_shows_its_photos_under_the_base_path() {
    let mut bundle = fixture::sample_bundle();
    bundle.posts[1].photos = vec![
        "/assets/a.jpg".into(),
        "https://cdn.example.org/b.jpg".into(),
    ];
    let html = render_bundle(bundle, "/blog/posts/templates/", "/blog");
    assert!(html.contains(r#"<div class="post-gallery">"#), "{html}");
    assert!(
        html.contains(r#"<img src="/blog/assets/a.jpg" alt="Photo 1 of 2""#),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="https://cdn.example.org/b.jpg" alt="Photo 2 of 2""#),
        "{html}"
    );
}
