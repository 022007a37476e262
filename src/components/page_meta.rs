//! The document's head for the page being shown: title, description, canonical URL, Open Graph
//! and Twitter cards, JSON-LD and feed links. Written into each page's HTML file by the
//! build, and kept in step by the app as the reader moves between pages.
//!
//! The tags are made here once, as HTML, for both: the pages step collects them through a
//! [`HeadSink`] in context, the browser puts them after the head's `<!--HEAD-->` marker (an
//! effect, which the server does not run). A head library's views cost the app a tenth of
//! its size for the same tags.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use quire_model::escape_html;
use quire_model::routes::{self, absolute, page_url};
use quire_model::{PostSummary, SiteInfo};
use serde::Serialize;

/// What kind of page this is, for cards and structured data.
#[derive(Clone, Debug, PartialEq)]
pub enum PageKind {
    Home,
    /// A page listing posts: a tag, a category, the archive.
    List,
    Article(Box<PostSummary>),
    /// One of the site's pages (About, …): no date, no list.
    Page,
}

/// A page's head: its title (plain text) and its other tags (HTML).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Head {
    pub title: String,
    pub tags: String,
}

impl Head {
    fn meta(&mut self, key: &str, name: &str, content: &str) {
        self.tags += &format!(
            r#"<meta {key}="{}" content="{}">"#,
            escape_html(name),
            escape_html(content)
        );
    }

    fn link(&mut self, attributes: &[(&str, &str)]) {
        self.tags += "<link";
        for (name, value) in attributes {
            self.tags += &format!(r#" {name}="{}""#, escape_html(value));
        }
        self.tags += ">";
    }

    /// The whole head as the server writes it after the `<!--HEAD-->` marker.
    pub fn to_html(&self) -> String {
        format!("{}<title>{}</title>", self.tags, escape_html(&self.title))
    }
}

/// Where the head and the document's language go while the server renders a page.
#[derive(Clone, Debug, Default)]
pub struct HeadSink(Arc<Mutex<(Option<String>, Option<Head>)>>);

impl HeadSink {
    /// The language and head the page set, if it did.
    pub fn take(&self) -> (Option<String>, Option<Head>) {
        std::mem::take(&mut *self.0.lock().expect("head lock"))
    }
}

/// Makes `head` the document's head: in the pages step's sink, or in the browser's document.
pub fn show_head(head: Head) {
    if let Some(sink) = use_context::<HeadSink>() {
        sink.0.lock().expect("head lock").1 = Some(head.clone());
    }
    Effect::new(move |_| apply_head(&head));
}

/// Makes `language` the document's (`<html lang>`), as [`show_head`] does the head.
pub fn show_language(language: impl Fn() -> String + Send + Sync + 'static) {
    if let Some(sink) = use_context::<HeadSink>() {
        sink.0.lock().expect("head lock").0 = Some(untrack(&language));
    }
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", &language());
        }
    });
}

/// Replaces what follows the head's `<!--HEAD-->` marker (added if missing) with `head`.
fn apply_head(head: &Head) {
    let document = document();
    let Some(element) = document.head() else {
        return;
    };
    let children = element.child_nodes();
    let marker = (0..children.length())
        .filter_map(|i| children.item(i))
        .find(|node| {
            node.node_type() == web_sys::Node::COMMENT_NODE
                && node.node_value().as_deref() == Some("HEAD")
        });
    if let Some(marker) = marker {
        while let Some(next) = marker.next_sibling() {
            let _ = element.remove_child(&next);
        }
    } else {
        let _ = element.insert_adjacent_html("beforeend", "<!--HEAD-->");
    }
    let _ = element.insert_adjacent_html("beforeend", &head.tags);
    document.set_title(&head.title);
}

/// The head of a page at `path` (a route from `quire_model::routes`). `title` empty means the
/// site's own name; `feed` is a page's own Atom feed (a tag's), linked besides the site's.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    site: SiteInfo,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    #[prop(default = PageKind::List)] kind: PageKind,
    #[prop(optional)] feed: Option<(String, String)>,
) -> impl IntoView {
    let url = page_url(&site.base_url, &path);
    let card_title = if title.is_empty() {
        site.title.clone()
    } else {
        title.clone()
    };
    let article = match &kind {
        PageKind::Article(post) => Some(post),
        _ => None,
    };
    let image = article
        .and_then(|post| post.thumbnail.as_deref())
        .map(|thumbnail| absolute(&site.base_url, thumbnail));
    let mut head = Head {
        title: if title.is_empty() {
            site.title.clone()
        } else {
            format!("{title} · {}", site.title)
        },
        tags: String::new(),
    };
    head.meta("name", "description", &description);
    head.link(&[("href", &url), ("rel", "canonical")]);
    let og_type = if article.is_some() {
        "article"
    } else {
        "website"
    };
    head.meta("property", "og:type", og_type);
    head.meta("property", "og:site_name", &site.title);
    head.meta("property", "og:title", &card_title);
    head.meta("property", "og:description", &description);
    head.meta("property", "og:url", &url);
    head.meta("property", "og:locale", &site.language.replace('-', "_"));
    if let Some(image) = &image {
        head.meta("property", "og:image", image);
    }
    if let Some(post) = article {
        head.meta("property", "article:published_time", post.date.as_str());
        head.meta("property", "article:modified_time", post.updated.as_str());
        for tag in &post.tags {
            head.meta("property", "article:tag", &tag.name);
        }
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    head.meta("name", "twitter:card", card);
    head.meta("name", "twitter:title", &card_title);
    head.meta("name", "twitter:description", &description);
    if let Some(image) = &image {
        head.meta("name", "twitter:image", image);
    }
    let feeds = [
        (routes::ATOM_FEED, "application/atom+xml", "Atom"),
        (routes::RSS_FEED, "application/rss+xml", "RSS"),
        (routes::JSON_FEED, "application/feed+json", "JSON Feed"),
    ]
    .map(|(href, kind, name)| (href.to_owned(), kind, format!("{} ({name})", site.title)));
    let own_feed = feed.map(|(title, href)| (href, "application/atom+xml", title));
    for (href, kind, title) in feeds.into_iter().chain(own_feed) {
        let href = absolute(&site.base_url, &href);
        head.link(&[
            ("href", &href),
            ("rel", "alternate"),
            ("title", &title),
            ("type", kind),
        ]);
    }
    let structured = structured_data(&site, &kind, &url, &card_title, &description, &image);
    head.tags += &format!(r#"<script type="application/ld+json">{structured}</script>"#);
    show_head(head);
}

/// The head of a page that is not there: its title, and no indexing.
pub fn not_found_head() -> Head {
    let mut head = Head {
        title: crate::words::word(quire_model::words::Word::NotFound),
        tags: String::new(),
    };
    head.meta("name", "robots", "noindex");
    head
}

/// Schema.org JSON-LD: `BlogPosting` for a post, `Blog` for the home page, `CollectionPage`
/// for lists. Escaped so that no `</script>` can end its element early. A struct rather than
/// `serde_json::json!`, whose `Value`s cost the wasm 5 KB gzip; its fields are in the order
/// the keys are written, sorted as `json!` sorted them.
fn structured_data(
    site: &SiteInfo,
    kind: &PageKind,
    url: &str,
    title: &str,
    description: &str,
    image: &Option<String>,
) -> String {
    let author = (!site.author.is_empty()).then(|| Thing {
        kind: "Person",
        name: &site.author,
        url: None,
    });
    let home = absolute(&site.base_url, "/");
    let page = |kind| StructuredData {
        context: "https://schema.org",
        kind,
        author: None,
        date_modified: None,
        date_published: None,
        description,
        headline: None,
        image: None,
        in_language: &site.language,
        is_part_of: None,
        keywords: None,
        main_entity_of_page: None,
        name: None,
        url,
        word_count: None,
    };
    let data = match kind {
        PageKind::Article(post) => StructuredData {
            // The post's own author (`author:` in its front matter), else the site's.
            author: match post.author.is_empty() {
                true => author,
                false => Some(Thing {
                    kind: "Person",
                    name: &post.author,
                    url: None,
                }),
            },
            date_modified: Some(post.updated.as_str()),
            date_published: Some(post.date.as_str()),
            headline: Some(title),
            image: image.as_deref(),
            is_part_of: Some(Thing {
                kind: "Blog",
                name: &site.title,
                url: Some(&home),
            }),
            keywords: Some(post.tags.iter().map(|tag| tag.name.as_str()).collect()),
            main_entity_of_page: Some(url),
            word_count: Some(post.word_count),
            ..page("BlogPosting")
        },
        PageKind::Home => StructuredData {
            author,
            name: Some(&site.title),
            ..page("Blog")
        },
        PageKind::List => StructuredData {
            name: Some(title),
            ..page("CollectionPage")
        },
        PageKind::Page => StructuredData {
            name: Some(title),
            ..page("WebPage")
        },
    };
    // Inside <script>, `</script` ends the element and `<!--` starts an escaped-text state that
    // swallows the rest of the page: no `<` is left in the JSON (`\u003c` is the same string).
    serde_json::to_string(&data)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StructuredData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_part_of: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    word_count: Option<u32>,
}

/// A nested schema.org thing: the author, the blog a post is part of.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}
