//! Type-erased views without the code Quire never runs.
//!
//! A Leptos `AnyView` keeps pointers to its view's `hydrate_async` and `rebuild`, so every
//! erased view tree compiles both, whether they run or not:
//! - `hydrate_async` is hydration that may wait (for a lazily loaded route's code, or under
//!   `hydrate_lazy`). Quire hydrates with `hydrate_body`, synchronously: erased with
//!   [`IntoAnySync::into_any_sync`], a view answers `hydrate_async` by hydrating at once (the
//!   trait's own default), and the async copy is not compiled (48 KB of 399 KB gzip).
//! - `rebuild` patches the DOM of a view with the one of a new view of the same type. Quire's
//!   erased views are pages and load states: when one is rebuilt, its content is another
//!   page, or the same data shown again. Erased with `into_any_sync`, a view is built anew and
//!   put in the old one's place instead, and the patching code is not compiled (10 KB gzip).
//!   Where patching matters (search results, which keep the focus on "More results"), a view
//!   is not erased (`Either`).
//!
//! BENCHMARKS.md has the measurements. Nothing else about rendering changes.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// `V`, hydrated synchronously even when asked to hydrate asynchronously, and replaced
/// rather than patched when rebuilt.
struct Lean<V>(V);

/// `into_any` for Quire's views: see the module's documentation.
pub trait IntoAnySync {
    fn into_any_sync(self) -> AnyView;
}

impl<V: RenderHtml + 'static> IntoAnySync for V {
    // The one place `into_any` is allowed (clippy.toml).
    #[allow(clippy::disallowed_methods)]
    fn into_any_sync(self) -> AnyView {
        Lean(self).into_any()
    }
}

impl<V: Render> Render for Lean<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        // As `AnyView` does with a view of another type.
        let mut new = self.0.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl<V: AddAnyAttr> AddAnyAttr for Lean<V> {
    type Output<SomeNewAttr: Attribute> = Lean<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Lean(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Lean<V> {
    type AsyncOutput = Lean<V::AsyncOutput>;
    type Owned = Lean<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Lean(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Lean(self.0.into_owned())
    }
}
