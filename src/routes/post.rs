//! A post's page, at the path its permalink gives it (`/posts/<slug>/` by default).

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use quire_model::words::Word;
use quire_model::{PostFile, PostLink, SiteInfo, TocEntry};

use crate::bundle::Bundle;
use crate::components::load::{when_loaded, LoadFailed, Loading};
use crate::components::page_meta::{PageKind, PageMeta};
use crate::components::post_list::{CategoryTrail, TagLinks};
use crate::page_view::Erase;
use crate::routes::not_found::NotFoundPage;
use crate::until_unmounted;
use crate::words::{count, date, fill, word};
use crate::{href, under_base};

#[component]
pub fn PostPage(path: String) -> impl IntoView {
    let bundle = expect_context::<Bundle>();
    move || {
        let bundle = bundle.clone();
        let path = path.clone();
        when_loaded(bundle.index(), move |index| {
            // Only posts the bundle has are fetched: a static host may answer any URL with a page.
            match bundle.post_file_at(&index, &path) {
                None => view! { <Loading /> }.erase(),
                Some(Err(error)) => view! { <LoadFailed error /> }.erase(),
                Some(Ok(None)) => view! { <NotFoundPage /> }.erase(),
                Some(Ok(Some(file))) => {
                    let site = index.site.clone();
                    when_loaded(bundle.post(&file), |file| {
                        view! { <Article file=(*file).clone() site /> }.erase()
                    })
                }
            }
        })
    }
}

#[component]
fn Article(file: PostFile, site: SiteInfo) -> impl IntoView {
    let post = file.post;
    let updated = (post.updated.date() != post.date.date()).then(|| post.updated.clone());
    if !file.toc.is_empty() {
        follow_the_reader(heading_ids(&file.toc));
    }
    // A page (`content/pages/`) is drawn by the same view as a post, without the lines that
    // only a post has: one view keeps the wasm every page loads small.
    let page = file.page;
    let kind = match page {
        true => PageKind::Page,
        false => PageKind::Article(Box::new(post.clone())),
    };
    // Every article has the comments box; only one with comments names its thread, and CSS
    // hides the others (a static element costs the app less than an optional one).
    let thread = file.comments.then(|| post.path.clone());
    view! {
        <PageMeta title=post.title.clone() site description=post.description.clone()
            path=post.path.clone() kind />
        <article class=if page { "post page" } else { "post" }>
            <header class="post-header">
                <h1>{post.title}</h1>
                {(!page).then(|| view! {
                    <p class="post-meta">
                        <time datetime=post.date.as_str().to_owned()>{date(&post.date)}</time>
                        {updated.map(|u| view! {
                            " · " {word(Word::Updated)} " " <time datetime=u.as_str().to_owned()>{date(&u)}</time>
                        })}
                        " · " {count(Word::MinRead, post.reading_minutes as usize, &[])}
                        // Empty for the site's own author; CSS puts the separator before a name.
                        <span class="post-author">{post.author}</span>
                    </p>
                })}
                {(!post.categories.is_empty()).then(|| view! {
                    <ul class="category-trails" aria-label=word(Word::Categories)>
                        {post.categories.into_iter().map(|path| view! { <li><CategoryTrail path /></li> }).collect_view()}
                    </ul>
                })}
                <TagLinks tags=post.tags />
            </header>
            {(!file.toc.is_empty()).then(|| view! {
                <nav class="toc" aria-label=word(Word::Contents)>
                    <h2>{word(Word::Contents)}</h2>
                    <TocList entries=file.toc />
                </nav>
            })}
            <Gallery photos=file.photos />
            <div class="post-body" inner_html=file.body_html></div>
            <RelatedPosts posts=file.related />
            <PostNavigation older=file.older newer=file.newer />
            // The site's comment system is loaded into it by plain JavaScript
            // (src/js/integrations.js) as the reader nears it.
            <section class="comments" aria-label=word(Word::Comments) data-thread=thread></section>
        </article>
    }
}

/// A gallery post's photos, above its text; each opens whole (src/js/photos.js: large, over
/// the page).
#[component]
fn Gallery(photos: Vec<String>) -> impl IntoView {
    let total = photos.len();
    (total > 0).then(|| view! {
        <div class="post-gallery">
            {photos
                .into_iter()
                .enumerate()
                .map(|(i, photo)| {
                    // Root-relative images live under the site's base path, like its pages.
                    let src = if photo.starts_with('/') && !photo.starts_with("//") { under_base(&photo) } else { photo };
                    let link = src.clone();
                    view! {
                        <a href=link class="photo">
                            <img src=src alt=fill(Word::Photo, &[("i", &(i + 1).to_string()), ("n", &total.to_string())]) loading="lazy" decoding="async" />
                        </a>
                    }
                })
                .collect_view()}
        </div>
    })
}

/// The ids of the headings the table of contents links to, in the order of the text.
fn heading_ids(entries: &[TocEntry]) -> Vec<String> {
    entries
        .iter()
        .flat_map(|entry| std::iter::once(entry.id.clone()).chain(heading_ids(&entry.children)))
        .collect()
}

/// Marks the table of contents' link to the section being read (`aria-current="location"`)
/// as the reader scrolls: the last heading in the top third of the window, or at the end of
/// the page the last one in view (a short last section never reaches the top).
fn follow_the_reader(ids: Vec<String>) {
    // Only a browser has a window to scroll (the build renders pages natively).
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let marked = std::cell::RefCell::new(None::<String>);
    let mark = move || {
        let reading = section_being_read(&ids);
        if *marked.borrow() == reading {
            return;
        }
        let target = reading.as_ref().map(|id| format!("#{id}"));
        if let Ok(links) = document().query_selector_all(".toc a") {
            for link in (0..links.length()).filter_map(|i| links.item(i)) {
                let link: web_sys::Element = link.unchecked_into();
                let _ = if link.get_attribute("href") == target {
                    link.set_attribute("aria-current", "location")
                } else {
                    link.remove_attribute("aria-current")
                };
            }
        }
        *marked.borrow_mut() = reading;
    };
    let mark = std::rc::Rc::new(mark);
    let on_scroll = mark.clone();
    until_unmounted(window_event_listener(leptos::ev::scroll, move |_| {
        on_scroll()
    }));
    // Once the article is in the page.
    request_animation_frame(move || mark());
}

fn section_being_read(ids: &[String]) -> Option<String> {
    let window = window();
    let height = window.inner_height().ok()?.as_f64()?;
    let scrolled = window.scroll_y().unwrap_or_default() + height;
    let page = document().document_element()?.scroll_height() as f64;
    let at_the_end = scrolled >= page - 2.0;
    let mut reading = None;
    for id in ids {
        let Some(heading) = document().get_element_by_id(id) else {
            continue;
        };
        let top = heading.get_bounding_client_rect().top();
        if top <= height / 3.0 || (at_the_end && top < height) {
            reading = Some(id);
        } else {
            break;
        }
    }
    reading.cloned()
}

#[component]
fn TocList(entries: Vec<TocEntry>) -> impl IntoView {
    view! {
        <ol>
            {entries
                .into_iter()
                .map(|entry| {
                    let children = (!entry.children.is_empty()).then(|| view! { <TocList entries=entry.children /> }.erase());
                    view! { <li><a href=format!("#{}", entry.id)>{entry.text}</a>{children}</li> }
                })
                .collect_view()}
        </ol>
    }
}

/// Posts on the same subjects, chosen by the build from shared tags and categories.
#[component]
fn RelatedPosts(posts: Vec<PostLink>) -> impl IntoView {
    (!posts.is_empty()).then(|| {
        view! {
            <nav class="related-posts" aria-label=word(Word::RelatedPosts)>
                <h2>{word(Word::RelatedPosts)}</h2>
                <ul>
                    {posts
                        .into_iter()
                        .map(|post| view! { <li><a href=href(&post.path)>{post.title}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
fn PostNavigation(older: Option<PostLink>, newer: Option<PostLink>) -> impl IntoView {
    let link = |post: PostLink, rel: &'static str, label: Word| {
        view! {
            <a rel=rel href=href(&post.path)>
                <span class="post-nav-label">{word(label)}</span>
                <span class="post-nav-title">{post.title}</span>
            </a>
        }
    };
    view! {
        <nav class="post-nav" aria-label=word(Word::MorePosts)>
            {newer.map(|post| link(post, "next", Word::Newer))}
            {older.map(|post| link(post, "prev", Word::Older))}
        </nav>
    }
}
