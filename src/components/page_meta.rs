//! The document's title and description for the page being shown.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Sets `<title>` to "`title` · site name" (just the site name when `title` is empty) and the
/// meta description.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    site: String,
    #[prop(into)] description: String,
) -> impl IntoView {
    let full = if title.is_empty() {
        site
    } else {
        format!("{title} · {site}")
    };
    view! {
        <Title text=full />
        <Meta name="description" content=description />
    }
}
