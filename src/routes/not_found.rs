//! Any URL the blog has no page for.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::href;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href=href("/")>"Go to the home page"</a></p>
        </section>
    }
}
