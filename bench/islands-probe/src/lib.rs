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
                let file = searcher.slug(hit.doc).unwrap_or_default().to_owned();
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
    view! { <main><h1>"Hello"</h1><Counter />{search}</main> }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
