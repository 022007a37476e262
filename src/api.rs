//! The only place the app talks HTTP: fetching bundle files, and what can go wrong doing so.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

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
pub type FetchFuture = Pin<Box<dyn Future<Output = Result<String, LoadError>>>>;

/// Gets a bundle file's text by its path inside the bundle (`index.json`, `posts/x.json`).
/// The app uses [`HttpFetcher`]; tests inject fixtures.
pub trait Fetch: Send + Sync {
    fn fetch(&self, path: &str) -> FetchFuture;
}

/// Fetches bundle files from `<root>/data/` on the site's own server.
pub struct HttpFetcher {
    /// The bundle folder's URL path, like `/blog/data`.
    pub root: String,
}

impl Fetch for HttpFetcher {
    fn fetch(&self, path: &str) -> FetchFuture {
        let url = format!("{}/{path}", self.root);
        Box::pin(async move {
            let response = gloo_net::http::Request::get(&url)
                .send()
                .await
                .map_err(|e| LoadError::Network(e.to_string()))?;
            if !response.ok() {
                return Err(LoadError::Http(response.status()));
            }
            response
                .text()
                .await
                .map_err(|e| LoadError::Network(e.to_string()))
        })
    }
}
