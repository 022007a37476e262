//! Client-side navigation: the URL shown, as a signal, and what changes it (a click on a
//! same-site link, Back and Forward, the search box). Quire has one route table,
//! [`Route::parse`](quire_model::routes::Route::parse), which the build uses too, so it needs
//! none of a general router's matching: this is 51 KB gzip less wasm than `leptos_router`
//! (BENCHMARKS.md, "What a reader downloads").

use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use quire_model::routes;

use crate::BasePath;

/// The URL a page is rendered for where there is no browser (the build): its path as the
/// address bar would show it (with the site's base path), and its query if it has one.
#[derive(Clone, Debug)]
pub struct RequestUrl(pub String);

/// A URL as the app reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Url {
    /// Percent-decoded, under the site's base path: what `Route::parse` reads.
    pub(crate) path: String,
    /// What follows the `?`, still encoded.
    pub(crate) query: String,
}

impl Url {
    /// `url` as an address bar shows it (the base path, the path, maybe a query and a fragment).
    fn parse(url: &str, base: &str) -> Self {
        let url = url.split('#').next().unwrap_or_default();
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = routes::percent_decode(path, false);
        // `/posts/a/index.html` is the file of `/posts/a/`, as a static host serves it.
        let path = path.strip_suffix("index.html").unwrap_or(&path).to_owned();
        let path = match path.strip_prefix(base) {
            Some("") => "/".to_owned(),
            Some(under_base) if under_base.starts_with('/') => under_base.to_owned(),
            _ => path,
        };
        Self {
            path,
            query: query.to_owned(),
        }
    }

    pub(crate) fn of_window(base: &str) -> Self {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        Self::parse(&(path + &location.search().unwrap_or_default()), base)
    }
}

/// Where the app is, and the way to go elsewhere. In context for the whole app (see [`provide`]).
#[derive(Clone, Copy)]
pub struct Location {
    url: RwSignal<Url>,
    base: StoredValue<String>,
}

impl Location {
    /// The page's path under the site's base path, percent-decoded (tracked).
    pub fn path(&self) -> String {
        self.url.with(|url| url.path.clone())
    }

    /// The decoded value of `key` in the URL's query (tracked).
    pub fn query_value(&self, key: &str) -> Option<String> {
        self.url.with(|url| routes::query_value(&url.query, key))
    }

    /// The path and the query, which together name what a page shows (tracked).
    pub fn page(&self) -> String {
        self.url.with(|url| format!("{}?{}", url.path, url.query))
    }

    /// Shows `to` (a path from `quire_model::routes`, maybe with a query), adding a history
    /// entry or, with `replace`, replacing the current one.
    pub fn navigate(&self, to: &str, replace: bool) {
        let address = format!("{}{to}", self.base.read_value());
        record(&address, replace);
        self.url.set(Url::parse(&address, &self.base.read_value()));
    }
}

pub fn use_location() -> Location {
    expect_context()
}

/// Puts the [`Location`] in context: the [`RequestUrl`]'s if there is one, the window's
/// otherwise; in a browser, it then follows link clicks and the history.
pub fn provide(base: &BasePath) {
    let url = match use_context::<RequestUrl>() {
        Some(RequestUrl(url)) => Url::parse(&url, &base.0),
        None if cfg!(target_arch = "wasm32") => Url::of_window(&base.0),
        None => Url::default(),
    };
    let location = Location {
        url: RwSignal::new(url),
        base: StoredValue::new(base.0.clone()),
    };
    provide_context(location);
    if cfg!(target_arch = "wasm32") {
        follow_clicks_and_history(location);
    }
}

fn follow_clicks_and_history(location: Location) {
    let clicks = window_event_listener(ev::click, move |event| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if !plain || event.default_prevented() {
            return;
        }
        if let Some(fragment) = in_page_fragment(&event) {
            event.prevent_default();
            match fragment_target(&fragment) {
                Some(target) => scroll_to_fragment(&target),
                // `#` and `#top` mean the top of the page (HTML's rule); another id the page
                // does not have means nothing to do, not a trip to the home page.
                None if matches!(fragment.to_ascii_lowercase().as_str(), "#" | "#top") => {
                    window().scroll_to_with_x_and_y(0.0, 0.0)
                }
                None => {}
            }
            return;
        }
        let Some(link) = app_link(&event, &location.base.read_value()) else {
            return;
        };
        let here = location.url.get_untracked();
        if link.url == here && !link.fragment.is_empty() {
            // The browser scrolls to a fragment of the page shown by itself.
            return;
        }
        event.prevent_default();
        record(&format!("{}{}", link.address, link.fragment), false);
        location.url.set(link.url);
    });
    let history = window_event_listener(ev::popstate, move |_| {
        location
            .url
            .set(Url::of_window(&location.base.read_value()));
    });
    on_cleanup(move || {
        clicks.remove();
        history.remove();
    });
}

/// A link to one of the app's pages, as an event on (or in) it names it.
pub(crate) struct AppLink {
    url: Url,
    /// The path and query as the link has them (with the base path, encoded).
    address: String,
    /// `#…` or empty.
    fragment: String,
}

impl AppLink {
    /// Its path under the base path, decoded.
    pub(crate) fn path(&self) -> &str {
        &self.url.path
    }
}

/// The link `event` happened on, if it leads to a page of this site that the app shows: not
/// to another site, a new window, a download or a file (an image, a feed).
pub(crate) fn app_link(event: &web_sys::Event, base: &str) -> Option<AppLink> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = element
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let elsewhere = anchor.origin() != window().location().origin().ok()?
        || !matches!(anchor.target().as_str(), "" | "_self")
        || anchor.has_attribute("download")
        || anchor.rel().split_whitespace().any(|rel| rel == "external");
    if elsewhere {
        return None;
    }
    let address = anchor.pathname() + &anchor.search();
    let url = Url::parse(&address, base);
    let under_base = address.starts_with(base);
    (under_base && routes::is_page(&url.path)).then(|| AppLink {
        url,
        address,
        fragment: anchor.hash(),
    })
}

/// The `#id` of the in-page link (a table of contents, a footnote, the skip link) `event`
/// happened on. Left to the browser or to [`app_link`], such a link would resolve against
/// `<base href>` and leave the page.
fn in_page_fragment(event: &web_sys::MouseEvent) -> Option<String> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    element.closest("a[href^='#']").ok()??.get_attribute("href")
}

/// The element `fragment` (`#id`, percent-encoded or not) names, if the page has it.
pub(crate) fn fragment_target(fragment: &str) -> Option<web_sys::Element> {
    let id = routes::percent_decode(fragment.strip_prefix('#')?, false);
    document().get_element_by_id(&id)
}

/// Scrolls `target` into view and puts its id in the address, keeping the history entry.
fn scroll_to_fragment(target: &web_sys::Element) {
    target.scroll_into_view();
    if target.get_attribute("tabindex").is_some() {
        if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    }
    let location = window().location();
    let here = format!(
        "{}{}#{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        target.id()
    );
    record(&here, true);
}

/// Puts `address` in the browser's history: as a new entry, or with `replace` in place of the
/// current one.
fn record(address: &str, replace: bool) {
    if let Ok(history) = window().history() {
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(address))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(address))
        };
    }
}
