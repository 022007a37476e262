//! The frame around every page: skip link, header with the site's name and navigation, footer.

use leptos::prelude::*;
use quire_model::routes;

use crate::bundle::Bundle;
use crate::components::page_meta::show_language;
use crate::components::search_box::SearchBox;
use crate::href;
use crate::router::use_location;
use crate::search::SEARCH_INPUT_ID;

/// Its children are typed: `Children` would erase them with Leptos's `into_any` (see
/// `crate::page_view`).
#[component]
pub fn Layout<C: IntoView + 'static>(children: TypedChildren<C>) -> impl IntoView {
    let children = children.into_inner();
    let bundle = expect_context::<Bundle>();
    let site = Memo::new(move |_| {
        bundle
            .index()
            .and_then(Result::ok)
            .map(|index| index.site.clone())
    });
    let title = move || site.get().map(|s| s.title).unwrap_or_default();
    let subtitle = move || site.get().map(|s| s.subtitle).filter(|s| !s.is_empty());
    let author = move || site.get().map(|s| s.author).filter(|a| !a.is_empty());
    let language = move || {
        site.get()
            .map(|s| s.language)
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en".into())
    };
    // After a client-side navigation, focus goes to the new page's content, so keyboard and
    // screen-reader users start there, as they would after a full page load; but not away
    // from the search box, whose typing is what navigates to the results.
    // Only a browser has links to point at and a window to scroll; the build renders pages
    // natively.
    if cfg!(target_arch = "wasm32") {
        crate::components::navigation::install();
    }
    show_language(language);
    let main = NodeRef::<leptos::html::Main>::new();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.path();
        let searching = document()
            .active_element()
            .is_some_and(|element| element.id() == SEARCH_INPUT_ID);
        if previous.is_some_and(|previous| previous != path) && !searching {
            if let Some(main) = main.get_untracked() {
                let _ = main.focus();
            }
        }
        path
    });
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <div class="site-brand">
                <a class="site-title" href=href("/")>{title}</a>
                {move || subtitle().map(|s| view! { <p class="site-subtitle">{s}</p> })}
            </div>
            <nav class="site-nav" aria-label="Main">
                <a href=href("/")>"Home"</a>
                <a href=href(routes::ARCHIVES)>"Archives"</a>
                <a href=href(routes::CATEGORIES)>"Categories"</a>
                <a href=href(routes::TAGS)>"Tags"</a>
            </nav>
            // Plain JavaScript switches the theme (src/js/site.js), before the app has loaded too.
            <button type="button" class="theme-toggle" aria-label="Switch between light and dark theme"
                title="Light or dark"></button>
            <SearchBox />
        </header>
        <main id="main" tabindex="-1" node_ref=main>{children()}</main>
        <footer class="site-footer">
            <p>
                {move || author().map(|a| format!("© {a} · "))}
                "Built with Quire"
            </p>
        </footer>
    }
}
