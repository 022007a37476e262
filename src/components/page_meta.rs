//! The document's head for the page being shown: title, description, canonical URL, Open Graph
//! and Twitter cards, JSON-LD and feed links. Rendered into each page's HTML file by the
//! build, and kept in step by the app as the reader moves between pages.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use quire_model::routes::{self, absolute};
use quire_model::{PostSummary, SiteInfo};
use serde_json::json;

/// What kind of page this is, for cards and structured data.
#[derive(Clone, Debug, PartialEq)]
pub enum PageKind {
    Home,
    /// A page listing posts: a tag, a category, the archive.
    List,
    Article(Box<PostSummary>),
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
    let url = absolute(&site.base_url, &path);
    let full_title = if title.is_empty() {
        site.title.clone()
    } else {
        format!("{title} · {}", site.title)
    };
    let card_title = if title.is_empty() {
        site.title.clone()
    } else {
        title
    };
    let article = match &kind {
        PageKind::Article(post) => Some(post.clone()),
        _ => None,
    };
    let image = article
        .as_ref()
        .and_then(|post| post.thumbnail.as_deref())
        .map(|thumbnail| absolute(&site.base_url, thumbnail));
    let structured = structured_data(&site, &kind, &url, &card_title, &description, &image);
    let feed_link = |href: &str, kind: &'static str, title: String| {
        view! { <Link rel="alternate" type_=kind title=title href=absolute(&site.base_url, href) /> }
    };
    // leptos_meta writes the server's <title> as it is given; a title with `<` or `&` would
    // break the page. (In the browser it sets `document.title`, which takes plain text.)
    #[cfg(feature = "ssr")]
    let full_title = quire_model::escape_html(&full_title);
    view! {
        <Title text=full_title />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content=if article.is_some() { "article" } else { "website" } />
        <Meta property="og:site_name" content=site.title.clone() />
        <Meta property="og:title" content=card_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=url />
        <Meta property="og:locale" content=site.language.replace('-', "_") />
        {image.clone().map(|image| view! { <Meta property="og:image" content=image /> })}
        {article.map(|post| view! {
            <Meta property="article:published_time" content=post.date.as_str().to_owned() />
            <Meta property="article:modified_time" content=post.updated.as_str().to_owned() />
            {post.tags.into_iter().map(|tag| view! { <Meta property="article:tag" content=tag.name /> }).collect_view()}
        })}
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        <Meta name="twitter:title" content=card_title />
        <Meta name="twitter:description" content=description />
        {image.map(|image| view! { <Meta name="twitter:image" content=image /> })}
        {feed_link(routes::ATOM_FEED, "application/atom+xml", format!("{} (Atom)", site.title))}
        {feed_link(routes::RSS_FEED, "application/rss+xml", format!("{} (RSS)", site.title))}
        {feed_link(routes::JSON_FEED, "application/feed+json", format!("{} (JSON Feed)", site.title))}
        {feed.map(|(title, href)| feed_link(&href, "application/atom+xml", title))}
        <Script type_="application/ld+json">{structured}</Script>
    }
}

/// Schema.org JSON-LD: `BlogPosting` for a post, `Blog` for the home page, `CollectionPage`
/// for lists. Escaped so that no `</script>` can end its element early.
fn structured_data(
    site: &SiteInfo,
    kind: &PageKind,
    url: &str,
    title: &str,
    description: &str,
    image: &Option<String>,
) -> String {
    let author =
        (!site.author.is_empty()).then(|| json!({ "@type": "Person", "name": site.author }));
    let value = match kind {
        PageKind::Article(post) => json!({
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": title,
            "description": description,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": post.date.as_str(),
            "dateModified": post.updated.as_str(),
            "author": author,
            "image": image,
            "keywords": post.tags.iter().map(|tag| tag.name.as_str()).collect::<Vec<_>>(),
            "wordCount": post.word_count,
            "inLanguage": site.language,
            "isPartOf": { "@type": "Blog", "name": site.title, "url": absolute(&site.base_url, "/") },
        }),
        PageKind::Home => json!({
            "@context": "https://schema.org",
            "@type": "Blog",
            "name": site.title,
            "description": description,
            "url": url,
            "author": author,
            "inLanguage": site.language,
        }),
        PageKind::List => json!({
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": title,
            "description": description,
            "url": url,
            "inLanguage": site.language,
        }),
    };
    let mut value = value;
    if let Some(object) = value.as_object_mut() {
        object.retain(|_, field| !field.is_null());
    }
    value.to_string().replace("</", "<\\/")
}
