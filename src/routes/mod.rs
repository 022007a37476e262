//! One module a page, named for what it shows.

pub mod archives;
pub mod categories;
pub mod home;
pub mod not_found;
pub mod post;
pub mod search;
pub mod tags;
