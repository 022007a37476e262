//! The bundle as the app sees it: each file is fetched once, on first use, and kept; pages read
//! its load state reactively, or wait for it. Provided once at the root (see [`provide_store`]).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::channel::oneshot;
use leptos::prelude::*;
use quire_model::{PostFile, SiteIndex, SCHEMA_VERSION};
use quire_search::Searcher;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::api::{gunzip, Fetch, LoadError};

/// `None` while loading.
pub type Loaded<T> = Option<Result<Arc<T>, LoadError>>;

type Pending<T> = Pin<Box<dyn Future<Output = Result<T, LoadError>>>>;

/// The search index, opened from its root; queries add the parts they need.
pub type SearchIndex = Mutex<Searcher>;

/// One bundle file: its load state, whether a fetch was started, and who awaits it.
struct Slot<T: Send + Sync + 'static> {
    state: ArcRwSignal<Loaded<T>>,
    started: Arc<AtomicBool>,
    waiting: Arc<Mutex<Vec<oneshot::Sender<()>>>>,
}

impl<T: Send + Sync + 'static> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            started: self.started.clone(),
            waiting: self.waiting.clone(),
        }
    }
}

impl<T: Send + Sync + 'static> Default for Slot<T> {
    fn default() -> Self {
        Self {
            state: ArcRwSignal::new(None),
            started: Arc::default(),
            waiting: Arc::default(),
        }
    }
}

#[derive(Clone)]
pub struct Store {
    fetcher: Arc<dyn Fetch>,
    /// The site index's file name, which the page names (see [`crate::RenderedPage`]).
    index_file: Arc<str>,
    index: Slot<SiteIndex>,
    search: Slot<SearchIndex>,
    posts: Arc<Mutex<HashMap<String, Slot<PostFile>>>>,
}

/// Makes `store` the app's bundle for every component below.
pub fn provide_store(store: Store) {
    provide_context(store);
}

impl Store {
    pub fn new(fetcher: Arc<dyn Fetch>, index_file: &str) -> Self {
        Self {
            fetcher,
            index_file: index_file.into(),
            index: Slot::default(),
            search: Slot::default(),
            posts: Arc::default(),
        }
    }

    /// The store of the site deployed under `base`, whose index is `index_file`.
    pub fn for_site(base: &crate::BasePath, index_file: &str) -> Self {
        let root = format!("{}/{}", base.0, quire_model::files::BUNDLE_DIR);
        Self::new(Arc::new(crate::api::HttpFetcher { root }), index_file)
    }

    /// The site index, fetched on first use.
    pub fn index(&self) -> Loaded<SiteIndex> {
        let fetcher = self.fetcher.clone();
        let file = self.index_file.clone();
        self.load(&self.index, move || {
            Box::pin(async move { decode(&fetcher.fetch(&file).await?) })
        })
    }

    /// One post's file, fetched on first use (after the site index, which names it).
    pub fn post(&self, slug: &str) -> Loaded<PostFile> {
        let this = self.clone();
        let slug = slug.to_owned();
        self.load(&self.post_slot(&slug), move || {
            Box::pin(async move {
                let index = this.index_ready().await?;
                let file = index.post_files.get(&slug).ok_or(LoadError::Http(404))?;
                decode(&this.fetcher.fetch(file).await?)
            })
        })
    }

    /// The site index, once loaded.
    pub async fn index_ready(&self) -> Result<Arc<SiteIndex>, LoadError> {
        self.index();
        self.index.ready().await
    }

    /// One post's file, once loaded.
    pub async fn post_ready(&self, slug: &str) -> Result<Arc<PostFile>, LoadError> {
        self.post(slug);
        self.post_slot(slug).ready().await
    }

    /// The search index, fetched on first use: only when the reader shows an intent to search
    /// (never on a plain article), as its root is the largest file a search needs.
    pub async fn search_ready(&self) -> Result<Arc<SearchIndex>, LoadError> {
        let this = self.clone();
        self.load(&self.search, move || {
            Box::pin(async move {
                let index = this.index_ready().await?;
                let root = gunzip(&this.fetcher.fetch_bytes(&index.search).await?).await?;
                let searcher =
                    Searcher::open(&root).map_err(|e| LoadError::Decode(e.to_string()))?;
                Ok(Mutex::new(searcher))
            })
        });
        self.search.ready().await
    }

    /// A part of the search index (see [`Searcher::missing_parts`]), decompressed.
    pub async fn search_part(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        gunzip(&self.fetcher.fetch_bytes(path).await?).await
    }

    /// Makes `index` the loaded site index, as if fetched: for rendering a page from data
    /// already in hand (on the server, or when hydrating the page it rendered).
    pub fn preload_index(&self, index: SiteIndex) {
        self.index.fill(Ok(index));
    }

    /// Makes `file` a loaded post, as if fetched (see [`Store::preload_index`]).
    pub fn preload_post(&self, file: PostFile) {
        self.post_slot(&file.post.slug).fill(Ok(file));
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

    /// The state of `slot`, starting `fetch` if nothing has been fetched yet.
    fn load<T: Send + Sync + 'static>(
        &self,
        slot: &Slot<T>,
        fetch: impl FnOnce() -> Pending<T>,
    ) -> Loaded<T> {
        let state = slot.state.get();
        if !slot.started.swap(true, Ordering::Relaxed) {
            let pending = fetch();
            let slot = slot.clone();
            leptos::task::spawn_local(async move { slot.fill(pending.await) });
        }
        state
    }
}

impl<T: Send + Sync + 'static> Slot<T> {
    fn fill(&self, result: Result<T, LoadError>) {
        self.started.store(true, Ordering::Relaxed);
        self.state.set(Some(result.map(Arc::new)));
        for waiter in self.waiting.lock().expect("store lock").drain(..) {
            let _ = waiter.send(());
        }
    }

    /// Waits for the load under way (or done) to finish.
    async fn ready(&self) -> Result<Arc<T>, LoadError> {
        loop {
            let done = {
                let mut waiting = self.waiting.lock().expect("store lock");
                match self.state.get_untracked() {
                    Some(result) => return result,
                    None => {
                        let (tell, done) = oneshot::channel();
                        waiting.push(tell);
                        done
                    }
                }
            };
            // A dropped sender means the slot was reset to load again: look again.
            let _ = done.await;
        }
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

    #[derive(Debug, PartialEq, Deserialize)]
    struct Tiny {
        version: u32,
        docs: Vec<u32>,
    }

    #[test]
    fn decode_names_schema_mismatches_and_bad_json() {
        assert_eq!(
            decode::<Tiny>(r#"{"version": 99, "whatever": true}"#),
            Err(LoadError::Schema {
                found: 99,
                expected: SCHEMA_VERSION
            })
        );
        assert!(matches!(
            decode::<Tiny>("<!DOCTYPE html>"),
            Err(LoadError::Decode(_))
        ));
        let ok = format!(r#"{{"version": {SCHEMA_VERSION}, "docs": []}}"#);
        assert_eq!(
            decode::<Tiny>(&ok),
            Ok(Tiny {
                version: SCHEMA_VERSION,
                docs: vec![]
            })
        );
    }
}
