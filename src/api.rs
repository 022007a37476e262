//! The only place the app talks HTTP: fetching bundle files, and what can go wrong doing so.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Response;

/// Why a bundle file could not be had. Kept typed so the reader is told what actually happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The server answered with this status.
    Http(u16),
    /// No answer at all: offline, DNS, CORS.
    Network(String),
    /// An answer that is not the JSON we expect.
    Decode(String),
    /// A bundle written by a build of another schema version.
    Schema { found: u32, expected: u32 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http(status) => write!(f, "The server answered with HTTP status {status}."),
            Self::Network(_) => write!(f, "The server could not be reached. Are you offline?"),
            Self::Decode(reason) => write!(f, "The blog's data could not be read ({reason})."),
            Self::Schema { found, expected } => write!(
                f,
                "The blog's data is from another version of Quire (schema {found}, this page reads {expected}). \
                 Reloading the page usually fixes this."
            ),
        }
    }
}

/// A fetch that need not be `Send`: browser futures never are.
pub type FetchFuture<T = String> = Pin<Box<dyn Future<Output = Result<T, LoadError>>>>;

/// Gets bundle files by their path inside the bundle (`index.json`, `posts/x.json`).
/// The app uses [`HttpFetcher`]; tests inject fixtures.
pub trait Fetch: Send + Sync {
    /// A text file.
    fn fetch(&self, path: &str) -> FetchFuture;
    /// A binary file (the search index's parts), as served.
    fn fetch_bytes(&self, path: &str) -> FetchFuture<Vec<u8>>;
}

/// Fetches bundle files from `<root>/data/` on the site's own server.
#[derive(Clone)]
pub struct HttpFetcher {
    /// The bundle folder's URL path, like `/blog/data`.
    pub root: String,
}

impl HttpFetcher {
    async fn get(&self, path: &str) -> Result<Response, LoadError> {
        let url = format!("{}/{path}", self.root);
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|e| LoadError::Network(e.to_string()))?;
        if !response.ok() {
            return Err(LoadError::Http(response.status()));
        }
        Ok(response)
    }

    /// Fetches `path` and reads its body with `read`.
    fn fetch_with<T, F>(
        &self,
        path: &str,
        read: impl FnOnce(Response) -> F + 'static,
    ) -> FetchFuture<T>
    where
        F: Future<Output = Result<T, gloo_net::Error>>,
    {
        let this = self.clone();
        let path = path.to_owned();
        Box::pin(async move {
            let response = this.get(&path).await?;
            read(response)
                .await
                .map_err(|e| LoadError::Network(e.to_string()))
        })
    }
}

impl Fetch for HttpFetcher {
    fn fetch(&self, path: &str) -> FetchFuture {
        self.fetch_with(path, |response| async move { response.text().await })
    }

    fn fetch_bytes(&self, path: &str) -> FetchFuture<Vec<u8>> {
        self.fetch_with(path, |response| async move { response.binary().await })
    }
}

/// Inflates a raw deflate file with the browser's own `DecompressionStream`, so the app ships
/// no inflate code. The search index is compressed inside its files because static hosts often
/// serve unknown types as they are.
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, LoadError> {
    let inflated = browser::inflate(bytes)
        .await
        .map_err(|e| LoadError::Decode(format!("cannot decompress: {e:?}")))?;
    Ok(js_sys::Uint8Array::new(&inflated).to_vec())
}

mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
        export async function inflate(bytes) {
            const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
            return new Uint8Array(await new Response(stream).arrayBuffer());
        }"#)]
    extern "C" {
        #[wasm_bindgen(catch)]
        pub(super) async fn inflate(bytes: &[u8]) -> Result<JsValue, JsValue>;
    }
}
