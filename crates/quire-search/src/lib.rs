//! Quire's search: one tokeniser for the index and the query, a compact binary index written by
//! the build step, and an engine that answers queries in the app from the parts it has fetched.
//!
//! The index is a root file (the list of parts) plus dictionary shards (an `fst` of terms and
//! their document frequencies), postings shards and typo shards, split by term range, and
//! result cards and passages of text by document. A small index is all in the root; a larger
//! one keeps a small dictionary there. Every file is raw deflate (see `format.rs`). The engine
//! does no I/O: the caller asks it which parts a query needs ([`Searcher::needs`]), fetches and
//! decompresses them, hands them over ([`Searcher::add_part`]) until none are missing, and then
//! ranks ([`Searcher::search`]).

mod engine;
mod expand;
mod fast_hash;
mod format;
mod query;
pub mod snippet;
pub mod text;
#[cfg(feature = "write")]
pub mod write;

pub use engine::{Hit, Ranked, Searcher};
pub use format::{Card, FormatError};
pub use query::{Query, QueryWord, MAX_WORDS};
