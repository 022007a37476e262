//! The frame around every page: skip link, header with the site's name and navigation, footer.

use leptos::prelude::*;

use crate::bundle::Bundle;
use crate::components::page_meta::show_language;
use crate::components::search_box::SearchBox;
use crate::router::use_location;
use crate::search::SEARCH_INPUT_ID;
use crate::words::word;
use quire_model::words::Word;
use quire_model::SiteInfo;

/// Its children are typed: `Children` would erase them with Leptos's `into_any` (see
/// `crate::page_view`).
#[component]
pub fn Layout<C: IntoView + 'static>(children: TypedChildren<C>) -> impl IntoView {
    let children = children.into_inner();
    // The app starts once the site index is loaded (`crate::start`), so the frame is drawn
    // from it as it is: nothing in it changes while the app runs, and no code follows it.
    let index = expect_context::<Bundle>().loaded_index();
    let site =
        |part: fn(&SiteInfo) -> &String| (index.as_ref()).map(|index| part(&index.site).clone());
    let language = site(|s| &s.language)
        .filter(|language| !language.is_empty())
        .unwrap_or_else(|| "en".to_owned());
    let language = move || language.clone();
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
        <a class="skip-link" href="#main">{word(Word::SkipToContent)}</a>
        <header class="site-header">
            // The site's name, menu and footer are the build's HTML (quire_model::furniture);
            // which link is the current page's, plain JavaScript marks (src/js/site.js).
            <div class="site-brand" inner_html=site(|s| &s.brand_html)></div>
            <nav class="site-nav" aria-label=word(Word::MainMenu) inner_html=site(|s| &s.menu_html)></nav>
            // Plain JavaScript switches the theme (src/js/site.js), before the app has loaded too.
            <button type="button" class="theme-toggle" aria-label=word(Word::ThemeToggle)></button>
            <SearchBox />
        </header>
        <main id="main" tabindex="-1" node_ref=main>{children()}</main>
        <footer class="site-footer" inner_html=site(|s| &s.footer_html)></footer>
    }
}
