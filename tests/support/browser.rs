//! Mounting the app in the browser with a fixture bundle, and reading the page.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use quire::bundle::{provide_bundle, Bundle};
use quire::page_view::Erase;
use quire::{App, BasePath};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub(crate) use crate::fixture::{sample_bundle, Answer, Fixture};

/// The app mounted at `url` with `fixture` as its bundle. Unmounts when dropped.
pub(crate) struct Mounted {
    /// Cleaning it up removes the router's window listeners, which would otherwise handle the
    /// clicks of the apps mounted by later tests.
    owner: Owner,
    handle: Option<leptos::mount::UnmountHandle<quire::page_view::ErasedViewState>>,
    pub(crate) root: Element,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.owner.cleanup();
        self.root.remove();
    }
}

pub(crate) fn mount(url: &str, fixture: &Fixture) -> Mounted {
    // Every page the build writes has a `<base href>` at the site's root, against which the
    // links the build writes (`about/`, `./`: the menu, the site's name) resolve.
    if document().query_selector("base").unwrap().is_none() {
        let base = document().create_element("base").unwrap();
        base.set_attribute("href", "/").unwrap();
        document().head().unwrap().append_child(&base).unwrap();
    }
    let history = window().history().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let bundle = Bundle::new(Arc::new(fixture.clone()), crate::fixture::INDEX);
    // The app starts with the site index in hand (`quire::start` awaits it), unless the test
    // makes the index hang or fail.
    if let Some(index) = fixture.index() {
        bundle.preload_index(index);
    }
    let owner = Owner::new();
    let handle = owner.with(|| {
        leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            provide_context(BasePath::default());
            provide_bundle(bundle);
            view! { <App /> }.erase()
        })
    });
    Mounted {
        owner,
        handle: Some(handle),
        root,
    }
}

impl Mounted {
    pub(crate) fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub(crate) fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    pub(crate) fn texts(&self, selector: &str) -> Vec<String> {
        self.find_all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
            .collect()
    }

    pub(crate) fn text(&self, selector: &str) -> String {
        self.find(selector)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// Clicks the first element matching `selector` whose text contains `text`.
    pub(crate) fn click(&self, selector: &str, text: &str) {
        let element = self
            .find_all(selector)
            .into_iter()
            .find(|e| e.text_content().unwrap_or_default().contains(text))
            .unwrap_or_else(|| {
                panic!(
                    "no {selector} with text {text:?} in {}",
                    self.root.inner_html()
                )
            });
        element.unchecked_into::<HtmlElement>().click();
    }

    /// Waits until `selector` matches an element whose text contains `text`.
    pub(crate) async fn wait_for(&self, selector: &str, text: &str) {
        for _ in 0..300 {
            if self
                .find_all(selector)
                .iter()
                .any(|e| e.text_content().unwrap_or_default().contains(text))
            {
                return;
            }
            sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "timed out waiting for {selector} containing {text:?}; the page is: {}",
            self.root.inner_html()
        );
    }
}

pub(crate) fn path() -> String {
    let location = window().location();
    let path = location.pathname().unwrap();
    js_sys::decode_uri(&path).map(String::from).unwrap_or(path) + &location.search().unwrap()
}

pub(crate) async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
