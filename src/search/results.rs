//! Running a query in the browser: the parts of the index it needs are fetched (in parallel,
//! once each), the engine ranks, and the results' cards are fetched (title, link, date, tags),
//! which is all the list needs to show; each result's snippet then comes from one passage of
//! its post's text (`passage`), never from the whole post. Phrases are checked against the
//! candidates' text, passage by passage.

use std::sync::Arc;

use futures::channel::oneshot;
use quire_search::snippet::contains_phrase;
use quire_search::{Card, Query};
use std::future::Future;

use super::index::{self, SearchIndex};
use crate::api::LoadError;
use crate::bundle::Bundle;

/// Results shown at first, and added by each "more results".
pub(super) const PAGE: usize = 10;
/// More rounds of fetching than a query needs: a guard against a broken index.
const MAX_ROUNDS: usize = 4;
/// How many of the best candidates a phrase query checks in the posts' text.
const PHRASE_CHECKS: usize = 50;

/// What a query found.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Results {
    /// The query as typed (trimmed).
    pub query: String,
    /// The results to show, best first.
    pub shown: Vec<Shown>,
    /// How many posts matched in all.
    pub total: usize,
    /// False when no post has every word, and these have some of them.
    pub all_words: bool,
    /// The terms to mark in snippets.
    pub terms: Arc<Vec<String>>,
    /// Words of the query left out as too common.
    pub ignored: Vec<String>,
    /// False when the query had nothing to search for (only punctuation, say).
    pub searched: bool,
    /// Time the engine took to rank, in milliseconds (network excluded).
    pub millis: f64,
}

/// One result to show.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Shown {
    pub doc: u32,
    /// Its title, link, date and tags.
    pub card: Card,
    /// The passage of its text where the snippet is cut from (see `passage`).
    pub passage: u32,
    /// That passage's text, when it came with the card (a short post's does).
    pub text: Option<String>,
}

/// Runs `text` as a query; `shown` is how many results to name.
pub(super) async fn search(
    bundle: &Bundle,
    text: &str,
    shown: usize,
) -> Result<Results, LoadError> {
    let query = Query::parse(text);
    if query.is_empty() {
        return Ok(Results {
            query: text.trim().to_owned(),
            all_words: true,
            searched: !query.ignored.is_empty(),
            ignored: query.ignored,
            ..Results::default()
        });
    }
    let index = index::ready(bundle).await?;
    // Rounds: the dictionary shards of the words (and of their near misses, for a word that is
    // not there), then the postings of what they matched.
    for round in 0.. {
        let needed = index.engine().needs(&query);
        if needed.is_empty() {
            break;
        }
        if round == MAX_ROUNDS {
            return Err(LoadError::Decode(
                "the search index never has what it needs".into(),
            ));
        }
        add_parts(bundle, &index, needed).await?;
    }

    let started = now();
    let ranked = index.engine().search(&query);
    let millis = now() - started;

    let mut hits = ranked.hits;
    if !ranked.phrases.is_empty() {
        hits.truncate(PHRASE_CHECKS);
        let docs: Vec<u32> = hits.iter().map(|hit| hit.doc).collect();
        let texts = whole_texts(bundle, &index, &docs).await?;
        hits = hits
            .into_iter()
            .zip(texts)
            .filter(|(_, text)| (ranked.phrases.iter()).all(|phrase| contains_phrase(text, phrase)))
            .map(|(hit, _)| hit)
            .collect();
    }
    let total = hits.len();
    hits.truncate(shown);
    let docs: Vec<u32> = hits.iter().map(|hit| hit.doc).collect();
    // Named first: the engine's lock must not be held across the fetch, which takes it.
    let cards = index.engine().missing_cards(&docs);
    add_parts(bundle, &index, cards).await?;
    let engine = index.engine();
    let shown =
        hits.iter()
            .map(|hit| {
                let card = engine.card(hit.doc).cloned().ok_or_else(|| {
                    LoadError::Decode(format!("no card for document {}", hit.doc))
                })?;
                Ok(Shown {
                    doc: hit.doc,
                    card,
                    passage: hit.passage,
                    text: engine.passage(hit.doc, hit.passage).map(str::to_owned),
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
    drop(engine);
    Ok(Results {
        query: text.trim().to_owned(),
        shown,
        total,
        all_words: ranked.all_words,
        terms: Arc::new(ranked.terms),
        ignored: query.ignored,
        searched: true,
        millis,
    })
}

/// Passage `passage` of document `doc`'s text, fetched unless it came with its card.
pub(super) async fn passage(bundle: &Bundle, doc: u32, passage: u32) -> Result<String, LoadError> {
    let index = index::ready(bundle).await?;
    let missing = index.engine().missing_passage(doc, passage);
    add_parts(bundle, &index, missing.into_iter().collect()).await?;
    let text = index.engine().passage(doc, passage).map(str::to_owned);
    Ok(text.unwrap_or_default())
}

/// The title and whole text of each of `docs`, for phrase checks: their cards, then every
/// passage.
async fn whole_texts(
    bundle: &Bundle,
    index: &SearchIndex,
    docs: &[u32],
) -> Result<Vec<String>, LoadError> {
    let cards = index.engine().missing_cards(docs);
    add_parts(bundle, index, cards).await?;
    let passages = |engine: &quire_search::Searcher, doc: u32| {
        let count = engine.card(doc).map_or(0, Card::passage_count);
        (0..count).map(move |passage| (doc, passage))
    };
    let missing: Vec<String> = {
        let engine = index.engine();
        (docs.iter())
            .flat_map(|&doc| passages(&engine, doc))
            .filter_map(|(doc, passage)| engine.missing_passage(doc, passage))
            .collect()
    };
    add_parts(bundle, index, missing).await?;
    let engine = index.engine();
    Ok(docs
        .iter()
        .map(|&doc| {
            let title = engine.card(doc).map_or("", |card| card.title.as_str());
            let text = passages(&engine, doc).filter_map(|(doc, p)| engine.passage(doc, p));
            std::iter::once(title)
                .chain(text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect())
}

/// Runs `tasks` at the same time (each fetch on its own task), in order; the first error wins.
async fn all<T: 'static, F: Future<Output = Result<T, LoadError>> + 'static>(
    tasks: impl Iterator<Item = F>,
) -> Result<Vec<T>, LoadError> {
    let receivers: Vec<_> = tasks
        .map(|task| {
            let (send, receive) = oneshot::channel();
            leptos::task::spawn_local(async move {
                let _ = send.send(task.await);
            });
            receive
        })
        .collect();
    let mut results = Vec::with_capacity(receivers.len());
    for receiver in receivers {
        let result = receiver
            .await
            .map_err(|_| LoadError::Network("a fetch was cancelled".into()))?;
        results.push(result?);
    }
    Ok(results)
}

async fn add_parts(
    bundle: &Bundle,
    index: &SearchIndex,
    names: Vec<String>,
) -> Result<(), LoadError> {
    let parts = all(names.iter().cloned().map(|name| {
        let bundle = bundle.clone();
        async move { bundle.deflated_file(&name).await }
    }))
    .await?;
    let mut index = index.engine();
    for (name, bytes) in names.iter().zip(parts) {
        index
            .add_part(name, &bytes)
            .map_err(|e| LoadError::Decode(e.to_string()))?;
    }
    Ok(())
}

/// Milliseconds from the page's time origin, with the browser's sub-millisecond precision.
fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}
