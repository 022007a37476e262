//! The search index in the browser: its root, fetched on the first sign of search and kept by
//! the bundle; queries add the parts they need (see `results`).

use std::sync::{Arc, Mutex};

use quire_search::Searcher;

use crate::api::LoadError;
use crate::bundle::Bundle;

/// The search index, opened from its root; queries add the parts they need.
pub(super) struct SearchIndex(Mutex<Searcher>);

impl SearchIndex {
    /// The engine, for one step of a query (the parts a query adds stay for the next). A
    /// query that panicked midway left no part half added: the engine is still good to use.
    pub(super) fn engine(&self) -> std::sync::MutexGuard<'_, Searcher> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The search index, fetched on first use: only when the reader shows an intent to search
/// (never on a plain article), as its root is the largest file a search needs.
pub(super) async fn ready(bundle: &Bundle) -> Result<Arc<SearchIndex>, LoadError> {
    let this = bundle.clone();
    bundle
        .keep_ready(move || {
            Box::pin(async move {
                let index = this.index_ready().await?;
                let root = this.deflated_file(&index.search).await?;
                let searcher =
                    Searcher::open(&root).map_err(|e| LoadError::Decode(e.to_string()))?;
                Ok(SearchIndex(Mutex::new(searcher)))
            })
        })
        .await
}
