//! `/search/?q=…`: posts ranked by the search engine, each with a marked snippet of its text.
//! The query lives in the URL, so results can be shared and the back button returns to
//! earlier queries. The box itself is in the header (see `components::search_box`, and
//! `as_you_type` for what it does here).

use std::sync::Arc;

use leptos::either::{Either, EitherOf4};
use leptos::ev::{self, KeyboardEvent};
use leptos::prelude::*;
use quire_model::words::Word;
use quire_model::{routes, Term, Timestamp};
use quire_search::snippet::snippet;

use super::as_you_type::{enhance, focus_result, focus_search_box, search_input};
use super::results::{search, Results, Shown, PAGE};
use crate::api::LoadError;
use crate::bundle::Bundle;
use crate::components::load::error_message;
use crate::components::load::Loading;
use crate::components::page_meta::PageMeta;
use crate::components::post_list::TagLinks;
use crate::router::use_location;
use crate::words::{count, fill, word};
use crate::{href, until_unmounted};

// `#[component]` widens what it wraps (its props struct is `pub`).
#[allow(unreachable_pub)]
#[component]
pub(super) fn SearchPage() -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    let location = use_location();
    let text = Memo::new(move |_| {
        let query = location.query_value("q").unwrap_or_default();
        query.trim().to_owned()
    });
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        text.track();
        shown.set(PAGE);
    });
    // The header's box searches as you type here, and shows the query in the URL; it is
    // emptied when the reader leaves for another page.
    Effect::new(move |_| {
        let query = location.query_value("q").unwrap_or_default();
        if let Some(input) = search_input() {
            enhance(&input, location);
            if input.value().trim() != query.trim() {
                input.set_value(&query);
            }
        }
    });
    on_cleanup(|| {
        // Natively (the build renders this page) there is no box to empty.
        if cfg!(target_arch = "wasm32") {
            if let Some(input) = search_input() {
                input.set_value("");
            }
        }
    });
    // The latest query's results; an answer to an older query that arrives late is dropped.
    let results = RwSignal::new(None::<Result<Results, LoadError>>);
    let latest = StoredValue::new(0u64);
    {
        let bundle = bundle.clone();
        Effect::new(move |_| {
            let (text, shown, bundle) = (text.get(), shown.get(), bundle.clone());
            let generation = latest.get_value() + 1;
            latest.set_value(generation);
            leptos::task::spawn_local(async move {
                let found = search(&bundle, &text, shown).await;
                if latest.get_value() == generation {
                    results.set(Some(found));
                }
            });
        });
    }
    let site = move || {
        bundle
            .index()
            .and_then(Result::ok)
            .map(|index| index.site.clone())
    };
    let meta = move || {
        let title = match text.get() {
            t if t.is_empty() => word(Word::Search),
            t => fill(Word::SearchTitle, &[("query", &t)]),
        };
        let site = site().unwrap_or_default();
        let description = fill(Word::SearchDescription, &[("site", &site.title)]);
        view! { <PageMeta title site description path=routes::SEARCH /> }
    };
    view! {
        {meta}
        <h1>{word(Word::Search)}</h1>
        // Not type-erased: a new answer patches the results shown (erased views are replaced,
        // see `crate::page_view`), so focus stays on "More results" when it is pressed.
        {move || {
            // With no query there is nothing to wait for (and the page renders on the server).
            if text.read().is_empty() {
                return EitherOf4::A(view! { <SearchHint /> });
            }
            // Until the next answer arrives, the last one stays on screen.
            match results.get() {
                None => EitherOf4::B(view! { <Loading /> }),
                Some(Ok(found)) => EitherOf4::C(view! { <ResultList found shown /> }),
                Some(Err(error)) => EitherOf4::D(view! { <p class="search-summary" role="status">{error_message(&error)}</p> }),
            }
        }}
    }
}

#[component]
fn SearchHint() -> impl IntoView {
    view! {
        // The site's words, trusted as its settings are: the hint marks keys and examples up.
        <p class="search-hint" inner_html=word(Word::SearchHint)></p>
    }
}

#[component]
fn ResultList(found: Results, shown: RwSignal<usize>) -> impl IntoView {
    let text = found.query.clone();
    if !found.searched {
        return Either::Left(view! { <SearchHint /> });
    }
    let query = [("query", text.as_str())];
    let summary = match (found.total, found.all_words) {
        (0, _) if !found.ignored.is_empty() => {
            let words = found.ignored.join(", ");
            fill(
                Word::SearchTooCommon,
                &[("query", &text), ("words", &words)],
            )
        }
        (0, _) => fill(Word::SearchNone, &query),
        (n, false) => count(Word::SearchSome, n, &query),
        (n, true) => count(Word::SearchFound, n, &query),
    };
    let millis = format!("{:.1}", found.millis);
    let timing =
        (found.total > 0).then(|| format!(" {}", fill(Word::SearchTime, &[("ms", &millis)])));
    let more = found.total > found.shown.len();
    let terms = found.terms.clone();
    // Results below the screen get their snippets as they scroll near it (see `SearchResult`):
    // each scroll or resize ticks this.
    let moved = RwSignal::new(0u32);
    let tick = move || moved.update(|n| *n = n.wrapping_add(1));
    until_unmounted(window_event_listener(ev::scroll, move |_| tick()));
    until_unmounted(window_event_listener(ev::resize, move |_| tick()));
    Either::Right(view! {
        <p class="search-summary" role="status">{summary}<span class="search-time">{timing}</span></p>
        <ol class="search-results">
            {found.shown.into_iter().enumerate().map(|(position, result)| view! {
                <SearchResult result terms=terms.clone() position moved />
            }).collect_view()}
        </ol>
        {more.then(|| view! {
            <button type="button" class="more-results" on:click=move |_| shown.update(|n| *n += PAGE)>
                {word(Word::MoreResults)}
            </button>
        })}
    })
}

/// How far below the screen a result's snippet is fetched, in screen heights: far enough that
/// a reader scrolling at reading speed does not see it fill in.
const SNIPPET_AHEAD: f64 = 0.25;

/// One result: the post's title, date and tags from its card at once, and the passage of its
/// text that matched as soon as that passage is there. The passage is fetched once the result
/// is on screen or about to be (`moved` ticks as the reader scrolls): a reader downloads the
/// snippets they can see, not every result's.
#[component]
fn SearchResult(
    result: Shown,
    terms: Arc<Vec<String>>,
    position: usize,
    moved: RwSignal<u32>,
) -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    let on_keydown = move |event: KeyboardEvent| {
        let moved = match event.key().as_str() {
            "ArrowDown" => focus_result(position + 1),
            "ArrowUp" if position == 0 => {
                focus_search_box();
                true
            }
            "ArrowUp" => focus_result(position - 1),
            _ => false,
        };
        if moved {
            event.prevent_default();
        }
    };
    let Shown {
        doc,
        card,
        passage: at,
        text,
    } = result;
    let marked = move |text: &str| snippet(text, &terms);
    let title = marked(&card.title);
    let passage = RwSignal::new(text.as_deref().map(&marked).unwrap_or_default());
    let item = NodeRef::<leptos::html::Li>::new();
    if text.is_none() {
        let requested = StoredValue::new(false);
        // Effects run in the browser only: the build never renders results.
        Effect::new(move |_| {
            moved.track();
            let Some(item) = item.get() else {
                return;
            };
            let screen = window().inner_height().ok().and_then(|h| h.as_f64());
            let top = item.get_bounding_client_rect().top();
            let near = screen.is_none_or(|screen| top < screen * (1.0 + SNIPPET_AHEAD));
            if requested.get_value() || !near {
                return;
            }
            requested.set_value(true);
            let (bundle, marked) = (bundle.clone(), marked.clone());
            leptos::task::spawn_local(async move {
                if let Ok(text) = super::results::passage(&bundle, doc, at).await {
                    passage.set(marked(&text));
                }
            });
        });
    }
    let tags: Vec<Term> = (card.tags.into_iter())
        .map(|(name, slug)| Term { name, slug })
        .collect();
    let date = Timestamp::new(card.date).map(|date| {
        view! { <time datetime=date.as_str().to_owned()>{crate::words::date(&date)}</time> }
    });
    view! {
        <li class="search-result" node_ref=item>
            <h2><a class="result-link" href=href(&card.path) inner_html=title on:keydown=on_keydown></a></h2>
            <p class="post-meta">{date}</p>
            <TagLinks tags />
            <p class="search-snippet" inner_html=move || passage.get()></p>
        </li>
    }
}
