//! Quire's search: one tokeniser for the index and the query, a compact binary index written by
//! the build step, and an engine that answers queries in the app from the parts it has fetched.
//!
//! The index is a root file (term dictionary as an `fst`, document frequencies, the list of
//! parts) plus postings shards split by term range and document tables split by document id.
//! Every file is gzip-compressed and named by a hash of its bytes. The engine does no I/O: the
//! caller asks it which parts a query needs ([`Searcher::missing_parts`]), fetches and
//! decompresses them, hands them over ([`Searcher::add_part`]) and then ranks ([`Searcher::rank`]).

mod engine;
mod expand;
mod fast_hash;
mod format;
mod query;
pub mod snippet;
pub mod text;
#[cfg(feature = "write")]
pub mod write;

pub use engine::{Hit, Plan, Ranked, Searcher};
pub use format::FormatError;
pub use query::{Query, QueryWord, MAX_WORDS};
