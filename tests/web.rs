//! Browser tests: the real app, mounted in headless Chromium with a fixture bundle.
//! Run with `cargo test -p quire --target wasm32-unknown-unknown` (scripts/test does).
#![cfg(target_arch = "wasm32")]

#[path = "support/fixture.rs"]
mod fixture;
#[path = "support/browser.rs"]
mod support;

use leptos::prelude::*;
use quire::api::LoadError;

use support::{mount, path, Answer, Fixture};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn meta_description() -> String {
    document()
        .query_selector("meta[name=description]")
        .unwrap()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn home_lists_the_newest_posts_a_page_at_a_time() {
    let app = mount("/", &Fixture::sample());
    app.wait_for(".post-card-title", "Borrowing explained")
        .await;
    assert_eq!(
        app.texts(".post-card-title"),
        ["Borrowing explained", "Templates in C++"]
    );
    assert_eq!(app.text(".post-card .post-meta time"), "March 2, 2026");
    assert!(app
        .text(".post-card-excerpt")
        .contains("Excerpt of Borrowing explained."));
    assert_eq!(app.text(".site-title"), "Fixture Blog");
    assert_eq!(document().title(), "Fixture Blog");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("ja")
    );

    app.click(".pagination a", "Older posts");
    app.wait_for(".post-card-title", "東京の冬").await;
    assert_eq!(path(), "/page/2/");
    assert_eq!(app.texts(".post-card-title"), ["東京の冬"]);
    assert_eq!(app.text(".pagination-position"), "Page 2 of 2");
    assert_eq!(document().title(), "Page 2 · Fixture Blog");
}

#[wasm_bindgen_test]
async fn a_post_page_shows_the_whole_article() {
    let fixture = Fixture::sample();
    let app = mount("/posts/borrowing/", &fixture);
    app.wait_for("article h1", "Borrowing explained").await;
    assert_eq!(app.find_all("h1").len(), 1, "one <h1> a page");
    assert_eq!(
        app.find("article time")
            .unwrap()
            .get_attribute("datetime")
            .unwrap(),
        "2026-03-02T10:00:00Z"
    );
    assert!(app.text(".post-meta").contains("2 min read"));
    assert_eq!(app.texts(".category-trails a"), ["Code", "Rust"]);
    assert_eq!(
        app.find(".category-trails a:last-child")
            .unwrap()
            .get_attribute("href")
            .unwrap(),
        "/categories/code/rust/"
    );
    assert_eq!(app.texts(".tag-links a"), ["#Rust"]);
    assert_eq!(app.texts(".toc a"), ["Rules", "Details"]);
    assert!(
        app.find(".toc li li a[href='#details']").is_some(),
        "nested table of contents"
    );
    assert_eq!(app.text(".post-body h2#rules"), "Rules");
    assert_eq!(
        app.texts(".post-nav a .post-nav-title"),
        ["Templates in C++"]
    );
    assert_eq!(document().title(), "Borrowing explained · Fixture Blog");
    assert_eq!(meta_description(), "About Borrowing explained.");
}

/// Scrolls the element `id` to the top of the window; the table of contents' marked links.
async fn reading_at(app: &support::Mounted, id: &str) -> Vec<String> {
    document().get_element_by_id(id).unwrap().scroll_into_view();
    support::sleep(std::time::Duration::from_millis(50)).await;
    app.texts(".toc a[aria-current='location']")
}

#[wasm_bindgen_test]
async fn the_table_of_contents_marks_the_section_being_read() {
    let app = mount("/posts/borrowing/", &Fixture::sample());
    app.wait_for("article h1", "Borrowing explained").await;
    // A long header and long sections, so that each heading can reach the top of the window
    // and none is in view at first.
    for tall in app.find_all(".post-header, .post-body p") {
        let tall = tall.dyn_into::<web_sys::HtmlElement>().unwrap();
        tall.style().set_property("min-height", "3000px").unwrap();
    }
    assert!(
        reading_at(&app, "main").await.is_empty(),
        "above the first heading, none"
    );
    assert_eq!(reading_at(&app, "details").await, ["Details"]);
    assert_eq!(reading_at(&app, "rules").await, ["Rules"], "and back up");
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn links_navigate_in_the_app_and_data_is_fetched_once() {
    let fixture = Fixture::sample();
    let app = mount("/", &fixture);
    app.wait_for(".post-card-title", "Templates in C++").await;
    app.click(".post-card-title a", "Templates in C++");
    app.wait_for("article h1", "Templates in C++").await;
    assert_eq!(path(), "/posts/templates/");
    let focused = document().active_element().map(|e| e.id());
    assert_eq!(
        focused.as_deref(),
        Some("main"),
        "focus moves to the new page's content"
    );

    app.click(".post-nav a", "Borrowing explained");
    app.wait_for("article h1", "Borrowing explained").await;
    app.click(".post-body a", "A link");
    app.wait_for("article h1", "東京の冬").await;
    assert_eq!(path(), "/posts/tokyo/");

    window().history().unwrap().back().unwrap();
    app.wait_for("article h1", "Borrowing explained").await;
    app.click(".site-nav a", "Home");
    app.wait_for(".post-card-title", "Borrowing explained")
        .await;
    // The page came with the index (the app starts once it has it), and no page fetches it.
    assert_eq!(fixture.times_fetched(fixture::INDEX), 0);
    assert_eq!(fixture.times_fetched(&fixture::post_file("borrowing")), 1);
}

#[wasm_bindgen_test]
async fn tag_pages_list_tags_and_their_posts() {
    let app = mount("/tags/", &Fixture::sample());
    app.wait_for("h1", "Tags").await;
    assert_eq!(app.texts(".term-list li"), ["C++ 1", "Rust 2", "日本語 1"]);
    app.click(".term-list a", "Rust");
    app.wait_for("h1", "Posts tagged “Rust”").await;
    assert_eq!(path(), "/tags/rust/");
    assert_eq!(
        app.texts(".post-list a"),
        ["Borrowing explained", "東京の冬"]
    );
    assert_eq!(document().title(), "Tag: Rust · Fixture Blog");

    let app = mount("/tags/日本語/", &Fixture::sample());
    app.wait_for("h1", "Posts tagged “日本語”").await;
    assert_eq!(app.texts(".post-list a"), ["東京の冬"]);
}

#[wasm_bindgen_test]
async fn category_pages_show_the_tree_and_posts_below_a_category() {
    let app = mount("/categories/", &Fixture::sample());
    app.wait_for("h1", "Categories").await;
    assert_eq!(
        app.texts("main > .category-tree > li > a"),
        ["Code", "Life"]
    );
    assert_eq!(
        app.texts(".category-tree .category-tree a"),
        ["C++", "Rust"]
    );
    app.click(".category-tree a", "Code");
    app.wait_for("h1", "Posts in “Code”").await;
    assert_eq!(
        app.texts(".post-list a"),
        ["Borrowing explained", "Templates in C++"]
    );
    app.click(".subcategories a", "Rust");
    app.wait_for("h1", "Posts in “Rust”").await;
    assert_eq!(path(), "/categories/code/rust/");
    assert_eq!(app.texts(".post-list a"), ["Borrowing explained"]);
    assert_eq!(app.texts(".breadcrumb a"), ["Categories", "Code", "Rust"]);
}

#[wasm_bindgen_test]
async fn the_archive_groups_posts_by_year_and_month() {
    let app = mount("/archives/", &Fixture::sample());
    app.wait_for("h1", "Archives").await;
    assert_eq!(app.texts(".archive-years li"), ["2026 2", "2025 1"]);
    assert_eq!(
        app.texts(".archive-month h2"),
        ["March 2026", "January 2026", "December 2025"]
    );
    assert_eq!(
        app.texts(".archive-month .post-list a"),
        ["Borrowing explained", "Templates in C++", "東京の冬"]
    );
    app.click(".archive-years a", "2025");
    app.wait_for("h1", "Archives: 2025").await;
    assert_eq!(path(), "/archives/2025/");
    assert_eq!(app.texts(".archive-month .post-list a"), ["東京の冬"]);
    // A month's heading leads to the month's own page, at Hexo's address.
    app.click(".archive-month h2 a", "December 2025");
    app.wait_for("h1", "Archives: December 2025").await;
    assert_eq!(path(), "/archives/2025/12/");
    assert_eq!(app.texts(".archive-month .post-list a"), ["東京の冬"]);
}

fn search_input(app: &support::Mounted) -> web_sys::HtmlInputElement {
    app.find("#search-input").unwrap().unchecked_into()
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn press(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

fn focused_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn search_ranks_posts_marks_snippets_and_keeps_the_query_in_the_url() {
    let fixture = Fixture::sample();
    let app = mount("/search/?q=checker", &fixture);
    app.wait_for(".search-summary", "1 post matches “checker”")
        .await;
    app.wait_for(".search-result h2", "Borrowing explained")
        .await;
    let snippet = app.find(".search-snippet").unwrap().inner_html();
    assert!(snippet.contains("borrow <mark>checker</mark>"), "{snippet}");
    assert_eq!(app.texts(".search-result .tag-links a"), ["#Rust"]);
    assert_eq!(search_input(&app).value(), "checker");

    type_into(&search_input(&app), "rust");
    app.wait_for(".search-summary", "2 posts match “rust”")
        .await;
    assert_eq!(path(), "/search/?q=rust");
    app.wait_for(".search-result h2", "東京の冬").await;
    assert_eq!(
        app.texts(".result-link"),
        ["Borrowing explained", "東京の冬"]
    );

    type_into(&search_input(&app), "borow");
    app.wait_for(".search-summary", "1 post matches “borow”")
        .await;
    app.wait_for(".result-link", "Borrowing explained").await;

    type_into(&search_input(&app), "tag:c++");
    app.wait_for(".result-link", "Templates in C++").await;
    type_into(&search_input(&app), "\"checker the borrow\"");
    app.wait_for(".search-summary", "No posts match").await;
}

#[wasm_bindgen_test]
async fn results_show_at_once_and_snippets_fill_in_from_one_passage() {
    let (fixture, passage) = Fixture::sample_with_a_long_post();
    // The passage with the match does not come: the result is shown from its card anyway.
    fixture.answer(&passage, Answer::Hang);
    let app = mount("/search/?q=sfinae", &fixture);
    app.wait_for(".result-link", "Templates in C++").await;
    assert_eq!(app.texts(".search-result .tag-links a"), ["#C++"]);
    assert_eq!(app.texts(".search-result time"), ["January 15, 2026"]);
    let snippet = app.find(".search-snippet").unwrap().text_content();
    assert_eq!(snippet.as_deref(), Some(""));
    drop(app);

    // When it comes, the snippet is cut from it; the post itself is never downloaded.
    let (fixture, passage) = Fixture::sample_with_a_long_post();
    let app = mount("/search/?q=sfinae", &fixture);
    app.wait_for(".search-snippet", "rules").await;
    let snippet = app.find(".search-snippet").unwrap().inner_html();
    assert!(snippet.contains("<mark>SFINAE</mark> rules"), "{snippet}");
    assert_eq!(fixture.times_fetched(&passage), 1);
    assert_eq!(fixture.times_fetched(&fixture::post_file("templates")), 0);
}

#[wasm_bindgen_test]
async fn snippets_below_the_screen_are_fetched_as_they_scroll_near() {
    let (fixture, passages) = Fixture::sample_with_many_long_posts();
    let app = mount("/search/?q=sfinae", &fixture);
    app.wait_for(".search-snippet", "rules").await;
    support::sleep(std::time::Duration::from_millis(100)).await;
    let results = app.find_all(".search-result");
    assert_eq!(results.len(), 10, "a page of results, every title at once");
    let fetched = |passages: &[String]| -> Vec<usize> {
        passages.iter().map(|p| fixture.times_fetched(p)).collect()
    };
    // The first result's snippet is there; the last result's, a screen or more below, is not.
    let screen = web_sys::window()
        .unwrap()
        .inner_height()
        .unwrap()
        .as_f64()
        .unwrap();
    let last = results.last().unwrap();
    assert!(
        last.get_bounding_client_rect().top() > screen * 1.25,
        "the tenth result is below"
    );
    let before = fetched(&passages);
    assert!(before.iter().sum::<usize>() < 10, "{before:?}");
    let snippet = last.query_selector(".search-snippet").unwrap().unwrap();
    assert_eq!(snippet.text_content().as_deref(), Some(""));

    // Scrolled to, it fills in, each passage fetched once.
    last.scroll_into_view();
    app.wait_for(".search-result:last-child .search-snippet", "rules")
        .await;
    let after = fetched(&passages);
    assert!(after.iter().all(|&n| n <= 1), "{after:?}");
    assert!(after.iter().sum::<usize>() > before.iter().sum::<usize>());
}

#[wasm_bindgen_test]
async fn cjk_hostile_and_common_word_queries_answer_sensibly() {
    let fixture = Fixture::sample();
    let app = mount("/search/?q=%E9%9B%AA", &fixture);
    app.wait_for(".search-summary", "1 post matches “雪”").await;
    app.wait_for(".search-snippet", "雪が降った").await;
    assert!(app.find(".search-snippet mark").is_some());
    drop(app);
    let app = mount("/search/?q=to%20be%20or%20not%20to%20be", &fixture);
    app.wait_for(".search-summary", "only words too common")
        .await;
    drop(app);
    let long = "x".repeat(1000);
    let app = mount(&format!("/search/?q={long}"), &fixture);
    app.wait_for(".search-summary", "No posts match").await;
    drop(app);
    let app = mount("/search/?q=%3F%21%28%29", &fixture);
    app.wait_for(".search-hint", "Type in the search box").await;
}

#[wasm_bindgen_test]
async fn the_index_is_fetched_on_search_intent_only() {
    let fixture = Fixture::sample();
    let app = mount("/posts/borrowing/", &fixture);
    app.wait_for("article h1", "Borrowing explained").await;
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(
        fixture.search_fetches(),
        0,
        "an article never loads the index"
    );

    // `/` anywhere focuses the search box, which is the sign of intent.
    press(&document().body().unwrap(), "/");
    assert_eq!(focused_id(), "search-input");
    for _ in 0..100 {
        if fixture.search_fetches() > 0 {
            break;
        }
        support::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        fixture.search_fetches(),
        1,
        "a small blog's index is one file"
    );

    type_into(&search_input(&app), "templates");
    app.wait_for(".result-link", "Templates in C++").await;
    assert_eq!(path(), "/search/?q=templates");
    assert_eq!(fixture.search_fetches(), 1);
}

#[wasm_bindgen_test]
async fn what_is_typed_before_search_code_arrives_is_searched_when_it_does() {
    let fixture = Fixture::sample();
    let app = mount("/posts/borrowing/", &fixture);
    app.wait_for("article h1", "Borrowing explained").await;
    // Text in the box that no listener saw (the release build's search code attaches them
    // when it arrives, on the box's first focus).
    let input = search_input(&app);
    input.set_value("templates");
    input.focus().unwrap();
    app.wait_for(".result-link", "Templates in C++").await;
    assert_eq!(path(), "/search/?q=templates");
}

#[wasm_bindgen_test]
async fn arrow_keys_walk_the_results_and_enter_opens_one() {
    let fixture = Fixture::sample();
    let app = mount("/search/?q=rust", &fixture);
    app.wait_for(".result-link", "東京の冬").await;
    let input = search_input(&app);
    input.focus().unwrap();
    press(&input, "ArrowDown");
    assert_eq!(
        document().active_element().unwrap().text_content().unwrap(),
        "Borrowing explained"
    );
    press(&document().active_element().unwrap(), "ArrowDown");
    assert_eq!(
        document().active_element().unwrap().text_content().unwrap(),
        "東京の冬"
    );
    press(&document().active_element().unwrap(), "ArrowUp");
    press(&document().active_element().unwrap(), "ArrowUp");
    assert_eq!(focused_id(), "search-input");
    press(&input, "ArrowDown");
    // Enter on a focused link follows it, as the browser does.
    document()
        .active_element()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    app.wait_for("article h1", "Borrowing explained").await;
    assert_eq!(path(), "/posts/borrowing/");
}

#[wasm_bindgen_test]
async fn unknown_urls_posts_and_tags_are_not_found() {
    let fixture = Fixture::sample();
    for url in [
        "/no/such/page",
        "/posts/missing/",
        "/tags/missing/",
        "/categories/code/missing/",
        "/page/9/",
        "/page/x/",
    ] {
        let app = mount(url, &fixture);
        app.wait_for("h1", "Page not found").await;
        assert_eq!(
            app.find(".not-found a")
                .unwrap()
                .get_attribute("href")
                .unwrap(),
            "/",
            "{url}"
        );
        assert_eq!(document().title(), "Page not found", "{url}");
    }
    assert_eq!(fixture.times_fetched(&fixture::post_file("missing")), 0);
}

#[wasm_bindgen_test]
async fn loading_shows_a_status_and_a_progress_bar_then_the_page() {
    let fixture = Fixture::sample();
    fixture.answer(fixture::INDEX, Answer::Hang);
    let app = mount("/", &fixture);
    app.wait_for("[role=status]", "Loading").await;
    assert!(app.find(".progress-bar").is_some());
    assert!(app.find(".post-card").is_none());

    let app = mount("/", &Fixture::sample());
    app.wait_for(".post-card-title", "Borrowing explained")
        .await;
    assert!(app.find(".progress-bar").is_none(), "gone once loaded");
}

/// Fires `mouseover` on the first `selector` whose text contains `text`, as pointing at it does.
fn point_at(app: &support::Mounted, selector: &str, text: &str) {
    let link = app
        .find_all(selector)
        .into_iter()
        .find(|e| e.text_content().unwrap_or_default().contains(text))
        .unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("mouseover", &init).unwrap();
    link.dispatch_event(&event).unwrap();
}

/// Waits (a second at most) until `file` has been fetched, then checks it was fetched once.
async fn fetched_once(fixture: &Fixture, file: &str) {
    for _ in 0..100 {
        if fixture.times_fetched(file) > 0 {
            break;
        }
        support::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(fixture.times_fetched(file), 1, "{file} fetched once");
}

#[wasm_bindgen_test]
async fn pointing_at_a_link_prefetches_its_page_and_opening_it_fetches_nothing_more() {
    let fixture = Fixture::sample();
    let app = mount("/", &fixture);
    app.wait_for(".post-card-title", "Templates in C++").await;
    let templates = fixture::post_file("templates");
    assert_eq!(fixture.times_fetched(&templates), 0);
    let list = app.find(".post-card").unwrap();
    point_at(&app, ".post-card-title a", "Templates in C++");
    fetched_once(&fixture, &templates).await;
    assert_eq!(path(), "/", "pointing does not navigate");
    assert!(list.is_connected(), "nor does it render the page again");

    // A link inside a post's text, to a post no list has named: its route shard, then the post.
    app.click(".post-card-title a", "Borrowing explained");
    app.wait_for("article h1", "Borrowing explained").await;
    let article = app.find("article").unwrap();
    point_at(&app, ".post-body a", "A link");
    fetched_once(&fixture, &fixture::post_file("tokyo")).await;
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert!(article.is_connected(), "the article shown stays as it is");

    let fetched = fixture.fetched.lock().unwrap().len();
    app.click(".post-body a", "A link");
    app.wait_for("article h1", "東京の冬").await;
    app.click(".site-nav a", "Home");
    app.wait_for(".post-card-title", "Templates in C++").await;
    assert_eq!(
        fixture.fetched.lock().unwrap().len(),
        fetched,
        "everything shown was in the cache"
    );
}

#[wasm_bindgen_test]
async fn back_and_forward_restore_the_scroll_position_and_a_new_page_starts_at_the_top() {
    let body = document().body().unwrap();
    body.style().set_property("min-height", "5000px").unwrap();
    let app = mount("/", &Fixture::sample());
    app.wait_for(".post-card-title", "Templates in C++").await;
    window().scroll_to_with_x_and_y(0.0, 1234.0);
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(
        window().scroll_y().unwrap(),
        1234.0,
        "the test page scrolls"
    );

    app.click(".post-card-title a", "Templates in C++");
    app.wait_for("article h1", "Templates in C++").await;
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(
        window().scroll_y().unwrap(),
        0.0,
        "a new page starts at the top"
    );
    window().scroll_to_with_x_and_y(0.0, 321.0);
    support::sleep(std::time::Duration::from_millis(50)).await;

    window().history().unwrap().back().unwrap();
    app.wait_for(".post-card-title", "Templates in C++").await;
    support::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        window().scroll_y().unwrap(),
        1234.0,
        "Back returns to where the reader was"
    );

    window().history().unwrap().forward().unwrap();
    app.wait_for("article h1", "Templates in C++").await;
    support::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(window().scroll_y().unwrap(), 321.0, "and so does Forward");
    body.style().remove_property("min-height").unwrap();
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn failures_show_a_message_and_retry_recovers() {
    let cases = [
        (Answer::Fail(LoadError::Http(503)), "HTTP status 503"),
        (
            Answer::Fail(LoadError::Network("offline".into())),
            "could not be reached",
        ),
        (
            Answer::Text("<!DOCTYPE html><p>not json".into()),
            "could not be read",
        ),
        (
            Answer::Text(r#"{"version": 999}"#.into()),
            "another version of Quire",
        ),
    ];
    for (answer, message) in cases {
        let fixture = Fixture::sample();
        fixture.answer(fixture::INDEX, answer);
        let app = mount("/", &fixture);
        app.wait_for("[role=alert] p", message).await;
        assert_eq!(app.text("[role=alert] h1"), "This page could not be loaded");

        fixture.answer(
            fixture::INDEX,
            Answer::Text(serde_json::to_string(&support::sample_bundle().index).unwrap()),
        );
        app.click("[role=alert] button", "Try again");
        app.wait_for(".post-card-title", "Borrowing explained")
            .await;
        assert_eq!(fixture.times_fetched(fixture::INDEX), 2);
    }
}

#[wasm_bindgen_test]
async fn a_failed_post_shows_the_error_inside_the_page() {
    let fixture = Fixture::sample();
    fixture.answer(
        &fixture::post_file("borrowing"),
        Answer::Fail(LoadError::Http(500)),
    );
    let app = mount("/posts/borrowing/", &fixture);
    app.wait_for("[role=alert] p", "HTTP status 500").await;
    assert_eq!(app.text(".site-title"), "Fixture Blog", "the frame stays");
}

#[wasm_bindgen_test]
async fn a_file_gone_after_a_redeploy_offers_the_new_version() {
    let fixture = Fixture::sample();
    fixture.answer(
        &fixture::post_file("borrowing"),
        Answer::Fail(LoadError::Http(404)),
    );
    let app = mount("/posts/borrowing/", &fixture);
    app.wait_for("[role=alert] p", "updated since this page was opened")
        .await;
    assert_eq!(app.text("[role=alert] button"), "Load the new version");
}

/// Clicks a link made for the test, as the reader would (or with Ctrl held); whether the app
/// took the click over. The browser never follows it: the test page must stay.
fn app_takes_click(
    app: &support::Mounted,
    href: &str,
    attributes: &[(&str, &str)],
    ctrl: bool,
) -> bool {
    let link = document().create_element("a").unwrap();
    link.set_attribute("href", href).unwrap();
    for (name, value) in attributes {
        link.set_attribute(name, value).unwrap();
    }
    link.set_text_content(Some("a link"));
    app.root.append_child(&link).unwrap();
    let taken = std::rc::Rc::new(std::cell::Cell::new(false));
    // Added after the app's, so it runs after the app's handler.
    let seen = taken.clone();
    let after_app = window_event_listener(leptos::ev::click, move |event| {
        seen.set(event.default_prevented());
        event.prevent_default();
    });
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    link.dispatch_event(&click).unwrap();
    after_app.remove();
    link.remove();
    taken.get()
}

#[wasm_bindgen_test]
async fn the_app_opens_its_own_pages_and_leaves_files_other_windows_and_sites_to_the_browser() {
    let app = mount("/", &Fixture::sample());
    app.wait_for(".post-card-title", "Templates in C++").await;
    for (href, attributes) in [
        ("/atom.xml", &[][..]),
        ("/static/photos/tokyo.JPG", &[]),
        ("https://example.com/posts/templates/", &[]),
        ("/posts/templates/", &[("target", "_blank")]),
        ("/posts/templates/", &[("download", "")]),
        ("/posts/templates/", &[("rel", "nofollow external")]),
    ] {
        assert!(
            !app_takes_click(&app, href, attributes, false),
            "{href} {attributes:?}"
        );
    }
    assert!(
        !app_takes_click(&app, "/posts/templates/", &[], true),
        "Ctrl+click: a new tab"
    );
    assert_eq!(path(), "/");

    assert!(app_takes_click(
        &app,
        "/posts/templates/index.html",
        &[("rel", "next")],
        false
    ));
    app.wait_for("article h1", "Templates in C++").await;
    assert!(
        app_takes_click(&app, "/2024/05/hello.html", &[], false),
        "Hexo's .html permalinks are pages"
    );
    app.wait_for("main", "Page not found").await;
    assert_eq!(path(), "/2024/05/hello.html");
}

#[wasm_bindgen_test]
async fn in_page_links_scroll_within_the_page_and_a_link_to_a_fragment_opens_there() {
    let body = document().body().unwrap();
    body.style().set_property("min-height", "5000px").unwrap();
    let app = mount("/", &Fixture::sample());
    app.wait_for(".post-card-title", "Borrowing explained")
        .await;
    let top_of = |id: &str| {
        let element = document().get_element_by_id(id).unwrap();
        element.get_bounding_client_rect().top().round()
    };

    assert!(app_takes_click(
        &app,
        "/posts/borrowing/#details",
        &[],
        false
    ));
    app.wait_for("article h1", "Borrowing explained").await;
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(window().location().hash().unwrap(), "#details");
    assert_eq!(top_of("details"), 0.0, "the page opens at the fragment");

    window().scroll_to_with_x_and_y(0.0, 0.0);
    app.click(".toc a", "Rules");
    assert_eq!(path(), "/posts/borrowing/", "the post stays");
    assert_eq!(window().location().hash().unwrap(), "#rules");
    assert_eq!(top_of("rules"), 0.0);

    window().scroll_to_with_x_and_y(0.0, 200.0);
    for missing in ["#no-such-heading", "#"] {
        assert!(app_takes_click(&app, missing, &[], false), "{missing}");
        assert_eq!(path(), "/posts/borrowing/", "{missing} stays on the post");
    }
    assert_eq!(
        window().scroll_y().unwrap(),
        0.0,
        "`#` is the top of the page"
    );

    app.click(".skip-link", "Skip to content");
    assert_eq!(path(), "/posts/borrowing/");
    assert_eq!(focused_id(), "main", "the skip link moves focus");
    body.style().remove_property("min-height").unwrap();
    window().scroll_to_with_x_and_y(0.0, 0.0);
}
