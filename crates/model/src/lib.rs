//! The shape of Quire's bundle: the serde types that the build step writes and the app reads,
//! the public URL scheme, and the slug rule that both sides must apply alike. (The search
//! index is binary; its format lives with its engine in quire-search.)
//!
//! This crate is deliberately light (serde only) because it is compiled into the wasm app.

mod bundle;
pub mod routes;
pub mod slug;

pub use bundle::*;

/// Bumped whenever the bundle's shape changes, so an app never misreads a bundle of another build.
pub const SCHEMA_VERSION: u32 = 2;

/// Where each part of the bundle lives, relative to the bundle's root folder.
pub mod files {
    /// The folder the bundle is served from, relative to the site root.
    pub const BUNDLE_DIR: &str = "data";
    /// The site index: settings, post metadata, tags, categories, archive.
    pub const INDEX: &str = "index.json";
    /// The folder of the search index's files.
    pub const SEARCH_DIR: &str = "search";

    /// The file holding one post's body, table of contents and neighbours.
    pub fn post(slug: &str) -> String {
        format!("posts/{slug}.json")
    }
}
