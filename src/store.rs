//! The bundle as the app sees it: each file is fetched once, on first use, and kept; pages read
//! its load state reactively. Provided once at the root (see [`provide_store`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use quire_model::{files, PostFile, SearchIndex, SiteIndex, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::api::{Fetch, LoadError};

/// `None` while loading.
pub type Loaded<T> = Option<Result<Arc<T>, LoadError>>;

/// One bundle file: its load state, and whether a fetch was started.
struct Slot<T: Send + Sync + 'static> {
    state: ArcRwSignal<Loaded<T>>,
    started: Arc<AtomicBool>,
}

impl<T: Send + Sync + 'static> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            started: self.started.clone(),
        }
    }
}

impl<T: Send + Sync + 'static> Default for Slot<T> {
    fn default() -> Self {
        Self {
            state: ArcRwSignal::new(None),
            started: Arc::default(),
        }
    }
}

#[derive(Clone)]
pub struct Store {
    fetcher: Arc<dyn Fetch>,
    index: Slot<SiteIndex>,
    search: Slot<SearchIndex>,
    posts: Arc<Mutex<HashMap<String, Slot<PostFile>>>>,
}

/// Makes `store` the app's bundle for every component below.
pub fn provide_store(store: Store) {
    provide_context(store);
}

impl Store {
    pub fn new(fetcher: Arc<dyn Fetch>) -> Self {
        Self {
            fetcher,
            index: Slot::default(),
            search: Slot::default(),
            posts: Arc::default(),
        }
    }

    /// The site index, fetched on first use.
    pub fn index(&self) -> Loaded<SiteIndex> {
        self.load(&self.index, files::INDEX.to_owned())
    }

    /// The search index, fetched on first use (only the search page uses it).
    pub fn search_index(&self) -> Loaded<SearchIndex> {
        self.load(&self.search, files::SEARCH.to_owned())
    }

    /// One post's file, fetched on first use.
    pub fn post(&self, slug: &str) -> Loaded<PostFile> {
        self.load(&self.post_slot(slug), files::post(slug))
    }

    /// Makes `index` the loaded site index, as if fetched: for rendering a page from data
    /// already in hand (on the server, or when hydrating the page it rendered).
    pub fn preload_index(&self, index: SiteIndex) {
        self.index.fill(index);
    }

    /// Makes `file` a loaded post, as if fetched (see [`Store::preload_index`]).
    pub fn preload_post(&self, file: PostFile) {
        self.post_slot(&file.post.slug).fill(file);
    }

    /// Forgets every failed load so that the pages showing them fetch again.
    pub fn retry_failed(&self) {
        let posts: Vec<Slot<PostFile>> = self
            .posts
            .lock()
            .expect("store lock")
            .values()
            .cloned()
            .collect();
        self.index.reset_if_failed();
        self.search.reset_if_failed();
        for slot in posts {
            slot.reset_if_failed();
        }
    }

    fn post_slot(&self, slug: &str) -> Slot<PostFile> {
        let mut posts = self.posts.lock().expect("store lock");
        posts.entry(slug.to_owned()).or_default().clone()
    }

    fn load<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        slot: &Slot<T>,
        path: String,
    ) -> Loaded<T> {
        let state = slot.state.get();
        if !slot.started.swap(true, Ordering::Relaxed) {
            let fetch = self.fetcher.fetch(&path);
            let target = slot.state.clone();
            leptos::task::spawn_local(async move {
                let result = fetch
                    .await
                    .and_then(|text| decode::<T>(&text))
                    .map(Arc::new);
                target.set(Some(result));
            });
        }
        state
    }
}

impl<T: Send + Sync + 'static> Slot<T> {
    fn fill(&self, data: T) {
        self.started.store(true, Ordering::Relaxed);
        self.state.set(Some(Ok(Arc::new(data))));
    }

    fn reset_if_failed(&self) {
        if matches!(self.state.get_untracked(), Some(Err(_))) {
            self.started.store(false, Ordering::Relaxed);
            self.state.set(None);
        }
    }
}

/// Checks the schema version first, so a bundle of another version is named as such
/// rather than as malformed JSON.
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    #[derive(Deserialize)]
    struct Versioned {
        version: u32,
    }
    let Versioned { version } = serde_json::from_str(text)
        .map_err(|e| LoadError::Decode(format!("not a Quire bundle file: {e}")))?;
    if version != SCHEMA_VERSION {
        return Err(LoadError::Schema {
            found: version,
            expected: SCHEMA_VERSION,
        });
    }
    serde_json::from_str(text).map_err(|e| LoadError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_schema_mismatches_and_bad_json() {
        assert_eq!(
            decode::<SearchIndex>(r#"{"version": 99, "whatever": true}"#),
            Err(LoadError::Schema {
                found: 99,
                expected: SCHEMA_VERSION
            })
        );
        assert!(matches!(
            decode::<SearchIndex>("<!DOCTYPE html>"),
            Err(LoadError::Decode(_))
        ));
        let ok = format!(r#"{{"version": {SCHEMA_VERSION}, "docs": []}}"#);
        assert_eq!(
            decode::<SearchIndex>(&ok),
            Ok(SearchIndex {
                version: SCHEMA_VERSION,
                docs: vec![]
            })
        );
    }
}
