//! The smallest islands-mode Leptos page with one interactive island, and optionally Quire's
//! search engine in a second island: the floor of an app whose pages are all rendered by the
//! build and whose wasm holds only the interactive parts.

use leptos::prelude::*;

#[island]
pub fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! { <button on:click=move |_| count.update(|n| *n += 1)>{count}</button> }
}

/// The search page's work in the browser: parse, open the index, add the parts a query needs,
/// rank, check phrases and cut snippets. Index files and post HTML are read from `window`
/// properties: the probe measures code size, so where the bytes come from does not matter, only
/// that the engine cannot be optimised away.
#[cfg(feature = "search")]
#[island]
pub fn SearchProbe() -> impl IntoView {
    use quire_search::snippet::{contains_phrase, snippet, text_of_html};
    use quire_search::{Query, Searcher};

    fn bytes_of(name: &str) -> Vec<u8> {
        let value = js_sys::Reflect::get(&window(), &name.into()).unwrap_or_default();
        js_sys::Uint8Array::new(&value).to_vec()
    }
    let text = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<(String, String)>::new());
    let run = move || {
        let query = Query::parse(&text.get());
        let Ok(mut searcher) = Searcher::open(&bytes_of("root")) else {
            return;
        };
        for part in searcher.needs(&query) {
            let _ = searcher.add_part(&part, &bytes_of(&part));
        }
        let ranked = searcher.search(&query);
        let found = ranked
            .hits
            .iter()
            .map(|hit| {
                let file = searcher.post_file(hit.doc).unwrap_or_default().to_owned();
                let html = String::from_utf8(bytes_of(&file)).unwrap_or_default();
                let text = text_of_html(&html);
                let matches = ranked.phrases.iter().all(|p| contains_phrase(&text, p));
                let passage = if matches {
                    snippet(&text, &ranked.terms)
                } else {
                    String::new()
                };
                (file, passage)
            })
            .collect();
        results.set(found);
    };
    view! {
        <input type="search" prop:value=text on:input=move |e| { text.set(event_target_value(&e)); run(); } />
        <ol>
            <For each=move || results.get() key=|r| r.0.clone() let:r>
                <li><a href=r.0.clone()>{r.0.clone()}</a><p inner_html=r.1></p></li>
            </For>
        </ol>
    }
}

#[component]
pub fn App() -> impl IntoView {
    #[cfg(feature = "search")]
    let search = view! { <SearchProbe /> };
    #[cfg(not(feature = "search"))]
    let search = ();
    #[cfg(feature = "app")]
    let header = view! { <header><SearchBox /><ThemeToggle /><Navigation /></header> };
    #[cfg(not(feature = "app"))]
    let header = ();
    view! { {header}<main><h1>"Hello"</h1><Counter />{search}</main> }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

#[cfg(feature = "app")]
mod app {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    #[island]
    pub fn ThemeToggle() -> impl IntoView {
        let toggle = |_| {
            let Some(root) = document().document_element() else {
                return;
            };
            let dark = match root.get_attribute("data-theme").as_deref() {
                Some("dark") => true,
                Some("light") => false,
                _ => window()
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
                    .is_some_and(|query| query.matches()),
            };
            let next = if dark { "light" } else { "dark" };
            let _ = root.set_attribute("data-theme", next);
            if let Ok(Some(storage)) = window().local_storage() {
                let _ = storage.set_item("quire-theme", next);
            }
        };
        view! { <button class="theme-toggle" aria-label="Switch theme" on:click=toggle></button> }
    }

    #[island]
    pub fn SearchBox() -> impl IntoView {
        let value = RwSignal::new(String::new());
        let submit = move |_| {
            let query = js_sys::encode_uri_component(&value.get())
                .as_string()
                .unwrap_or_default();
            leptos::task::spawn_local(super::app::navigate(format!("/search/?q={query}"), true));
        };
        view! {
            <input id="search-input" type="search" prop:value=value
                on:input=move |e| value.set(event_target_value(&e)) on:change=submit />
        }
    }

    thread_local! {
        static PAGES: RefCell<HashMap<String, String>> = RefCell::default();
        static SCROLL: RefCell<HashMap<String, f64>> = RefCell::default();
    }

    async fn page_html(path: &str) -> Option<String> {
        if let Some(html) = PAGES.with(|pages| pages.borrow().get(path).cloned()) {
            return Some(html);
        }
        let response: web_sys::Response = JsFuture::from(window().fetch_with_str(path))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        PAGES.with(|pages| pages.borrow_mut().insert(path.to_owned(), text.clone()));
        Some(text)
    }

    pub(super) async fn navigate(path: String, push: bool) {
        let here = window().location().pathname().unwrap_or_default();
        SCROLL.with(|s| {
            s.borrow_mut()
                .insert(here, window().scroll_y().unwrap_or_default())
        });
        let slow = set_timeout_with_handle(
            || {
                let _ = document()
                    .body()
                    .map(|b| b.set_attribute("data-loading", ""));
            },
            std::time::Duration::from_millis(200),
        );
        let Some(html) = page_html(&path).await else {
            let _ = window().location().set_href(&path);
            return;
        };
        if let Ok(handle) = slow {
            handle.clear();
        }
        let _ = document()
            .body()
            .map(|b| b.remove_attribute("data-loading"));
        let parser = web_sys::DomParser::new().unwrap();
        let Ok(next) = parser.parse_from_string(&html, web_sys::SupportedType::TextHtml) else {
            return;
        };
        if let (Some(new_main), Some(main)) = (
            next.query_selector("main").ok().flatten(),
            document().query_selector("main").ok().flatten(),
        ) {
            main.set_inner_html(&new_main.inner_html());
        }
        document().set_title(&next.title());
        if push {
            let _ = window()
                .history()
                .map(|h| h.push_state_with_url(&Default::default(), "", Some(&path)));
        }
        let y = SCROLL
            .with(|s| s.borrow().get(&path).copied())
            .filter(|_| !push)
            .unwrap_or(0.0);
        window().scroll_to_with_x_and_y(0.0, y);
        leptos::mount::hydrate_islands();
    }

    fn same_site_link(event: &web_sys::Event) -> Option<(web_sys::HtmlAnchorElement, String)> {
        let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        let link: web_sys::HtmlAnchorElement = element.closest("a[href]").ok()??.dyn_into().ok()?;
        (link.origin() == window().location().origin().ok()? && link.target().is_empty()).then(
            || {
                let path = link.pathname();
                (link, path)
            },
        )
    }

    #[island]
    pub fn Navigation() -> impl IntoView {
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let prefetch = |event: web_sys::Event| {
            if let Some((_, path)) = same_site_link(&event) {
                leptos::task::spawn_local(async move {
                    let _ = page_html(&path).await;
                });
            }
        };
        window_event_listener(leptos::ev::mouseover, move |e| prefetch(e.into()));
        window_event_listener(leptos::ev::focusin, move |e| prefetch(e.into()));
        window_event_listener(leptos::ev::click, |event| {
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let Some(button) = target
                .as_ref()
                .and_then(|t| t.closest(".code-copy").ok().flatten())
            {
                let code = button
                    .parent_element()
                    .and_then(|block| block.query_selector("pre code").ok().flatten())
                    .and_then(|code| code.text_content())
                    .unwrap_or_default();
                let _ = window().navigator().clipboard().write_text(&code);
                return;
            }
            if event.default_prevented()
                || event.ctrl_key()
                || event.meta_key()
                || event.shift_key()
            {
                return;
            }
            if let Some((_, path)) = same_site_link(&event) {
                event.prevent_default();
                leptos::task::spawn_local(navigate(path, true));
            }
        });
        window_event_listener(leptos::ev::popstate, |_| {
            let path = window().location().pathname().unwrap_or_default();
            leptos::task::spawn_local(navigate(path, false));
        });
    }
}

#[cfg(feature = "app")]
pub use app::{Navigation, SearchBox, ThemeToggle};
