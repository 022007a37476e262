//! Type-erased views that compile only the code Quire runs.
//!
//! A Leptos `AnyView` keeps a pointer to each way of showing its view, and so compiles all of
//! them for every erased view type, used or not: hydration that may wait (for a lazily loaded
//! route's code, or under `hydrate_lazy`), patching the view in place when a new one of the same
//! type replaces it, and the async rendering paths. Quire hydrates with `hydrate_body`,
//! synchronously, and erases pages and load states: when one is rebuilt, it shows another page
//! or the same data again, so it is built anew in the old one's place. [`PageView`] keeps
//! only that: building, hydrating (in the browser), and rendering to HTML (natively).
//! 48 + 10 + 8 KB of the release wasm's gzip size (BENCHMARKS.md). Where patching matters
//! (search results, which keep the focus on "More results"), a view is not erased (`Either`).

use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node, Placeholder};
use leptos::tachys::renderer::Rndr;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// A view of any type. Made with [`Erase::erase`].
pub struct PageView {
    view: Box<dyn Erasable>,
    /// Rendered to HTML before a page holds its erased parts, to size its buffer.
    #[cfg(not(target_arch = "wasm32"))]
    html_len: usize,
}

/// `into_any` for Quire's views (clippy.toml forbids Leptos's own).
pub trait Erase {
    fn erase(self) -> PageView;
}

impl<V: RenderHtml + Send + 'static> Erase for V {
    fn erase(self) -> PageView {
        PageView {
            #[cfg(not(target_arch = "wasm32"))]
            html_len: self.html_len(),
            view: Box::new(self),
        }
    }
}

/// What an erased view can do: its vtable is all that is compiled for each type.
trait Erasable: Send {
    fn build(self: Box<Self>) -> ErasedViewState;

    #[cfg(target_arch = "wasm32")]
    fn hydrate(self: Box<Self>, cursor: &Cursor, position: &PositionState) -> ErasedViewState;

    #[cfg(not(target_arch = "wasm32"))]
    fn to_html(
        self: Box<Self>,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    );
}

impl<V: RenderHtml + Send + 'static> Erasable for V {
    fn build(self: Box<Self>) -> ErasedViewState {
        ErasedViewState {
            view: Box::new((*self).build()),
            // As `AnyView` does: a view that renders nothing is marked by a comment.
            placeholder: (!V::EXISTS).then(Rndr::create_placeholder),
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn hydrate(self: Box<Self>, cursor: &Cursor, position: &PositionState) -> ErasedViewState {
        ErasedViewState {
            view: Box::new((*self).hydrate::<true>(cursor, position)),
            placeholder: (!V::EXISTS).then(|| cursor.next_placeholder(position)),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn to_html(
        self: Box<Self>,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        (*self).to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
        if !V::EXISTS {
            buf.push_str("<!--<() />-->");
        }
    }
}

pub struct ErasedViewState {
    view: Box<dyn Mountable>,
    placeholder: Option<Placeholder>,
}

impl Mountable for ErasedViewState {
    fn unmount(&mut self) {
        self.view.unmount();
        if let Some(placeholder) = &mut self.placeholder {
            placeholder.unmount();
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.view.mount(parent, marker);
        if let Some(placeholder) = &mut self.placeholder {
            placeholder.mount(parent, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.view.insert_before_this(child)
            || self
                .placeholder
                .as_ref()
                .is_some_and(|placeholder| placeholder.insert_before_this(child))
    }

    fn elements(&self) -> Vec<Element> {
        self.view.elements()
    }
}

impl Render for PageView {
    type State = ErasedViewState;

    fn build(self) -> Self::State {
        self.view.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl AddAnyAttr for PageView {
    type Output<SomeNewAttr: Attribute> = Self;

    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        panic!("attributes cannot be added to an erased view: add them before `erase`")
    }
}

impl RenderHtml for PageView {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    // Quire renders pages synchronously from a preloaded bundle: there is nothing to wait for
    // (no `Suspense`), so nothing to resolve.
    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn html_len(&self) -> usize {
        #[cfg(not(target_arch = "wasm32"))]
        return self.html_len;
        #[cfg(target_arch = "wasm32")]
        0
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.view
            .to_html(buf, position, escape, mark_branches, extra_attrs);
    }

    #[cfg(target_arch = "wasm32")]
    fn to_html_with_buf(
        self,
        _: &mut String,
        _: &mut Position,
        _: bool,
        _: bool,
        _: Vec<AnyAttribute>,
    ) {
        panic!("pages are rendered to HTML natively, by the build");
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        let mut html = String::new();
        self.to_html_with_buf(&mut html, position, escape, mark_branches, extra_attrs);
        buf.push_sync(&html);
    }

    #[cfg(target_arch = "wasm32")]
    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        assert!(FROM_SERVER, "erased views hydrate from server HTML only");
        let state = self.view.hydrate(cursor, position);
        leptos::tachys::view::close_branch_marker(position);
        state
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> Self::State {
        panic!("pages are hydrated in the browser")
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}
