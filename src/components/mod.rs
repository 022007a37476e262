//! Pieces shared by several pages.

pub mod layout;
pub mod load;
pub mod navigation;
pub mod page_meta;
pub mod post_list;
pub mod search_box;
