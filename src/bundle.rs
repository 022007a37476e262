//! The bundle as the app sees it: each file is fetched once, on first use, and kept; pages read
//! its load state reactively, or wait for it. Provided once at the root (see [`provide_bundle`]).
//! Search's code and index are kept here too, by type (see [`Bundle::keep`]): this module does
//! not name them, so nothing of search's is compiled into the wasm every page loads.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::channel::oneshot;
use leptos::prelude::*;
use quire_model::routes::Route;
use quire_model::{ListPage, PostFile, RouteShard, SiteIndex, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::api::{inflate, Fetch, LoadError};

/// `None` while loading.
pub type Loaded<T> = Option<Result<Arc<T>, LoadError>>;

/// A fetch under way.
pub type Pending<T> = Pin<Box<dyn Future<Output = Result<T, LoadError>>>>;

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

/// Files of one kind, by their name inside the bundle.
type Slots<T> = Arc<Mutex<HashMap<String, Slot<T>>>>;

#[derive(Clone)]
pub struct Bundle {
    fetcher: Arc<dyn Fetch>,
    /// The site index's file name, which the page names (see [`crate::RenderedPage`]).
    index_file: Arc<str>,
    index: Slot<SiteIndex>,
    /// What [`Bundle::keep`] keeps: one slot a type.
    kept: Arc<Mutex<Vec<Arc<dyn KeptSlot>>>>,
    posts: Slots<PostFile>,
    lists: Slots<ListPage>,
    route_shards: Slots<RouteShard>,
    /// The file of every post a loaded list or the page has named, by its path without the
    /// trailing `/`: a link to one of them needs no route shard.
    known_posts: Arc<Mutex<HashMap<String, String>>>,
}

/// Makes `bundle` the app's bundle for every component below.
pub fn provide_bundle(bundle: Bundle) {
    provide_context(bundle);
}

impl Bundle {
    pub fn new(fetcher: Arc<dyn Fetch>, index_file: &str) -> Self {
        Self {
            fetcher,
            index_file: index_file.into(),
            index: Slot::default(),
            kept: Arc::default(),
            posts: Arc::default(),
            lists: Arc::default(),
            route_shards: Arc::default(),
            known_posts: Arc::default(),
        }
    }

    /// The bundle of the site deployed under `base`, whose index is `index_file`.
    pub fn for_site(base: &crate::BasePath, index_file: &str) -> Self {
        let root = format!("{}/{}", base.0, quire_model::files::BUNDLE_DIR);
        Self::new(Arc::new(crate::api::HttpFetcher { root }), index_file)
    }

    /// The site index, fetched on first use.
    pub fn index(&self) -> Loaded<SiteIndex> {
        let this = self.clone();
        self.load(&self.index, move || {
            Box::pin(async move { decode(&this.fetcher.fetch(&this.index_file).await?) })
        })
    }

    /// The site index if it has loaded, without waiting or tracking it.
    pub fn loaded_index(&self) -> Option<Arc<SiteIndex>> {
        self.index.state.get_untracked()?.ok()
    }

    /// The site index, once loaded.
    pub async fn index_ready(&self) -> Result<Arc<SiteIndex>, LoadError> {
        self.index();
        self.index.ready().await
    }

    /// The post file `file`, fetched on first use.
    pub fn post(&self, file: &str) -> Loaded<PostFile> {
        self.load_file(&self.posts, file, |this, file, post| {
            this.remember(&post.post.path, file);
            post
        })
    }

    /// The post file `file`, once loaded.
    pub async fn post_ready(&self, file: &str) -> Result<Arc<PostFile>, LoadError> {
        self.post(file);
        slot(&self.posts, file).ready().await
    }

    /// The list page `file`, fetched on first use; the posts it lists become known.
    pub fn list(&self, file: &str) -> Loaded<ListPage> {
        self.load_file(&self.lists, file, |this, _, page| {
            this.learn(&page);
            page
        })
    }

    /// The list page `file`, once loaded.
    pub async fn list_ready(&self, file: &str) -> Result<Arc<ListPage>, LoadError> {
        self.list(file);
        slot(&self.lists, file).ready().await
    }

    /// The file of the post at `path`, if there is one: known at once if a list or the page
    /// named it, else looked up in its route table shard (`None` while that loads).
    pub fn post_file_at(
        &self,
        index: &SiteIndex,
        path: &str,
    ) -> Option<Result<Option<String>, LoadError>> {
        if let Some(file) = self.known_post(path) {
            return Some(Ok(Some(file)));
        }
        let Some(shard) = index.route_shard(path) else {
            return Some(Ok(None));
        };
        let shard = self.load_file(&self.route_shards, shard, |_, _, shard| shard)?;
        Some(shard.map(|shard| shard.file_of(path).map(str::to_owned)))
    }

    /// The file of the post at `path`, once known (see [`Bundle::post_file_at`]).
    pub async fn post_file_at_ready(
        &self,
        index: &SiteIndex,
        path: &str,
    ) -> Result<Option<String>, LoadError> {
        if let Some(found) = self.post_file_at(index, path) {
            return found;
        }
        // Its route shard is loading (the call above started it): wait, then look again.
        if let Some(shard) = index.route_shard(path) {
            slot(&self.route_shards, shard).ready().await?;
        }
        self.post_file_at(index, path).unwrap_or(Ok(None))
    }

    /// Starts fetching what the page at `path` (a route of the site, without the base path)
    /// shows, so that following a link to it is instant. Only the site's own lists and posts
    /// are fetched here (the search page's code is search's to fetch).
    pub fn prefetch(&self, path: &str) {
        let this = self.clone();
        let path = path.to_owned();
        leptos::task::spawn_local(async move {
            let Ok(index) = this.index_ready().await else {
                return;
            };
            let route = Route::parse(&path);
            if let Some(file) = index.list_file(&route) {
                this.list(&file);
            } else if matches!(route, Route::Post(_)) {
                if let Ok(Some(file)) = this.post_file_at_ready(&index, &path).await {
                    this.post(&file);
                }
            }
        });
    }

    /// The one value of type `T` the bundle keeps for code it does not name (search's code
    /// and its index), fetched by `fetch` on first use and kept; after a failure, Try again
    /// ([`Bundle::retry_failed`]) fetches it again.
    pub fn keep<T: Send + Sync + 'static>(&self, fetch: impl FnOnce() -> Pending<T>) -> Loaded<T> {
        self.load(&self.kept_slot(), fetch)
    }

    /// The value [`Bundle::keep`] keeps, once fetched.
    pub async fn keep_ready<T: Send + Sync + 'static>(
        &self,
        fetch: impl FnOnce() -> Pending<T>,
    ) -> Result<Arc<T>, LoadError> {
        let slot = self.kept_slot();
        self.load(&slot, fetch);
        slot.ready().await
    }

    fn kept_slot<T: Send + Sync + 'static>(&self) -> Slot<T> {
        let mut kept = self.kept.lock().expect("bundle lock");
        let found = kept
            .iter()
            .find_map(|slot| slot.as_any().downcast_ref::<Slot<T>>());
        if let Some(slot) = found {
            return slot.clone();
        }
        let slot = Slot::<T>::default();
        kept.push(Arc::new(slot.clone()));
        slot
    }

    /// The bundle file `name`, fetched (not kept) and decompressed: the search index's parts.
    pub async fn deflated_file(&self, name: &str) -> Result<Vec<u8>, LoadError> {
        inflate(&self.fetcher.fetch_bytes(name).await?).await
    }

    /// Makes `index` the loaded site index, as if fetched: for rendering a page from data
    /// already in hand (on the server, or when hydrating the page it rendered).
    pub fn preload_index(&self, index: impl Into<Arc<SiteIndex>>) {
        self.index.fill(Ok(index.into()));
    }

    /// Makes `post` the loaded post file `file`, as if fetched (see [`Bundle::preload_index`]).
    pub fn preload_post(&self, file: &str, post: impl Into<Arc<PostFile>>) {
        let post = post.into();
        self.remember(&post.post.path, file);
        slot(&self.posts, file).fill(Ok(post));
    }

    /// Makes `page` the loaded list page `file`, as if fetched.
    pub fn preload_list(&self, file: &str, page: impl Into<Arc<ListPage>>) {
        let page = page.into();
        self.learn(&page);
        slot(&self.lists, file).fill(Ok(page));
    }

    /// Makes `shard` the loaded route table shard `file`, as if fetched.
    pub fn preload_route_shard(&self, file: &str, shard: impl Into<Arc<RouteShard>>) {
        slot(&self.route_shards, file).fill(Ok(shard.into()));
    }

    /// Forgets every failed load so that the pages showing them fetch again.
    pub fn retry_failed(&self) {
        self.index.reset_if_failed();
        // Resetting notifies the pages showing it: not under the lock, which they may take.
        let kept: Vec<_> = self.kept.lock().expect("bundle lock").clone();
        for slot in kept {
            slot.reset_if_failed();
        }
        reset_failed(&self.posts);
        reset_failed(&self.lists);
        reset_failed(&self.route_shards);
    }

    fn learn(&self, page: &ListPage) {
        for listed in &page.posts {
            self.remember(&listed.post.path, &listed.file);
        }
    }

    fn remember(&self, path: &str, file: &str) {
        let mut known = self.known_posts.lock().expect("bundle lock");
        known.insert(path.trim_end_matches('/').to_owned(), file.to_owned());
    }

    fn known_post(&self, path: &str) -> Option<String> {
        let known = self.known_posts.lock().expect("bundle lock");
        known.get(path.trim_end_matches('/')).cloned()
    }

    /// The state of the JSON file `file` among `slots`, fetching it on first use; `loaded`
    /// sees it (and its name) once decoded.
    fn load_file<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        slots: &Slots<T>,
        file: &str,
        loaded: fn(&Bundle, &str, T) -> T,
    ) -> Loaded<T> {
        let this = self.clone();
        let name = file.to_owned();
        self.load(&slot(slots, file), move || {
            Box::pin(async move {
                let value = decode(&this.fetcher.fetch(&name).await?)?;
                Ok(loaded(&this, &name, value))
            })
        })
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
            leptos::task::spawn_local(async move { slot.fill(pending.await.map(Arc::new)) });
        }
        state
    }
}

fn slot<T: Send + Sync + 'static>(slots: &Slots<T>, file: &str) -> Slot<T> {
    let mut slots = slots.lock().expect("bundle lock");
    slots.entry(file.to_owned()).or_default().clone()
}

fn reset_failed<T: Send + Sync + 'static>(slots: &Slots<T>) {
    let slots: Vec<Slot<T>> = slots
        .lock()
        .expect("bundle lock")
        .values()
        .cloned()
        .collect();
    for slot in slots {
        slot.reset_if_failed();
    }
}

impl<T: Send + Sync + 'static> Slot<T> {
    fn fill(&self, result: Result<Arc<T>, LoadError>) {
        self.started.store(true, Ordering::Relaxed);
        self.state.set(Some(result));
        for waiter in self.waiting.lock().expect("bundle lock").drain(..) {
            let _ = waiter.send(());
        }
    }

    /// Waits for the load under way (or done) to finish.
    async fn ready(&self) -> Result<Arc<T>, LoadError> {
        loop {
            let done = {
                let mut waiting = self.waiting.lock().expect("bundle lock");
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

/// A slot of [`Bundle::keep`], its type hidden.
trait KeptSlot: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn reset_if_failed(&self);
}

impl<T: Send + Sync + 'static> KeptSlot for Slot<T> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn reset_if_failed(&self) {
        Slot::reset_if_failed(self);
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
