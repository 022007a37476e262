//! Any URL the blog has no page for.

use leptos::prelude::*;

use crate::components::page_meta::{not_found_head, show_head};
use crate::href;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    show_head(not_found_head());
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href=href("/")>"Go to the home page"</a></p>
        </section>
    }
}
