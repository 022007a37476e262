//! Running a query in the browser: the parts of the index it needs are fetched (in parallel,
//! once each), the engine ranks, and the results' post files are looked up. Phrases are checked
//! against the posts' own text, which the result cards load anyway for their snippets.

use std::sync::Arc;

use futures::channel::oneshot;
use quire_search::snippet::{contains_phrase, text_of_html};
use quire_search::Query;
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
    /// The post files of the results to show, best first: the search index names each post
    /// by its file.
    pub files: Vec<String>,
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

    let mut docs: Vec<u32> = ranked.hits.iter().map(|hit| hit.doc).collect();
    if !ranked.phrases.is_empty() {
        docs.truncate(PHRASE_CHECKS);
        let files = post_files(bundle, &index, &docs).await?;
        let posts = all(files.into_iter().map(|file| {
            let bundle = bundle.clone();
            async move { bundle.post_ready(&file).await }
        }))
        .await?;
        docs = docs
            .into_iter()
            .zip(posts)
            .filter(|(_, post)| {
                let text = format!("{} {}", post.post.title, text_of_html(&post.body_html));
                ranked
                    .phrases
                    .iter()
                    .all(|phrase| contains_phrase(&text, phrase))
            })
            .map(|(doc, _)| doc)
            .collect();
    }
    let total = docs.len();
    docs.truncate(shown);
    Ok(Results {
        query: text.trim().to_owned(),
        files: post_files(bundle, &index, &docs).await?,
        total,
        all_words: ranked.all_words,
        terms: Arc::new(ranked.terms),
        ignored: query.ignored,
        searched: true,
        millis,
    })
}

/// The post files of `docs`, fetching the tables that name them.
async fn post_files(
    bundle: &Bundle,
    index: &SearchIndex,
    docs: &[u32],
) -> Result<Vec<String>, LoadError> {
    let missing = index.engine().missing_post_files(docs);
    add_parts(bundle, index, missing).await?;
    let index = index.engine();
    docs.iter()
        .map(|&doc| {
            index
                .post_file(doc)
                .map(str::to_owned)
                .ok_or_else(|| LoadError::Decode(format!("no post file for document {doc}")))
        })
        .collect()
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
        async move { bundle.gzipped_file(&name).await }
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
