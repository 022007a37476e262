//! Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1 of the latest posts, with their full content
//! and every URL absolute from the site's `base_url`.

use std::collections::{HashMap, HashSet};

use chrono::DateTime;
use quire_model::routes::{self, absolute, page_url};
use quire_model::{escape_html, ListedPost, PostFile};
use rayon::prelude::*;
use serde_json::json;

use crate::{BundleDir, PagesError};

/// How many posts a feed carries, newest first.
pub const FEED_POSTS: usize = 20;

/// The post files the feeds carry, each read once.
pub struct FeedPosts(HashMap<String, PostFile>);

impl FeedPosts {
    pub fn read(bundle: &BundleDir) -> Result<Self, PagesError> {
        let mut names: HashSet<&str> = latest(bundle, None).map(|l| l.file.as_str()).collect();
        for tag in &bundle.index.tags {
            names.extend(latest(bundle, Some(&tag.slug)).map(|l| l.file.as_str()));
        }
        names
            .into_par_iter()
            .map(|name| Ok((name.to_owned(), bundle.post(name)?)))
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn of(&self, bundle: &BundleDir, tag: Option<&str>) -> Vec<&PostFile> {
        latest(bundle, tag)
            .map(|listed| &self.0[&listed.file])
            .collect()
    }
}

/// The newest [`FEED_POSTS`] posts, or the newest tagged `tag`.
fn latest<'a>(bundle: &'a BundleDir, tag: Option<&'a str>) -> impl Iterator<Item = &'a ListedPost> {
    bundle
        .posts
        .iter()
        .filter(move |listed| {
            tag.is_none_or(|slug| listed.post.tags.iter().any(|tag| tag.slug == slug))
        })
        .take(FEED_POSTS)
}

/// One feed: the site's, or a tag's.
pub struct Feed<'a> {
    pub title: String,
    /// The page the feed is the feed of.
    pub page: String,
    /// Where the feed itself is.
    pub path: String,
    /// Newest first, at most [`FEED_POSTS`].
    pub posts: Vec<&'a PostFile>,
}

impl<'a> Feed<'a> {
    /// The site's feed, at `path`.
    pub fn site(bundle: &BundleDir, posts: &'a FeedPosts, path: &str) -> Self {
        Self {
            title: bundle.index.site.title.clone(),
            page: "/".into(),
            path: path.into(),
            posts: posts.of(bundle, None),
        }
    }

    /// The Atom feed of the posts tagged `slug`.
    pub fn tag(bundle: &BundleDir, posts: &'a FeedPosts, slug: &str, name: &str) -> Self {
        Self {
            title: format!("{}: {name}", bundle.index.site.title),
            page: routes::tag(slug),
            path: routes::tag_feed(slug),
            posts: posts.of(bundle, Some(slug)),
        }
    }

    /// The newest `updated` of its posts: when the feed last changed.
    fn updated(&self) -> Option<&str> {
        self.posts
            .iter()
            .map(|file| file.post.updated.as_str())
            .max()
    }
}

pub fn atom(bundle: &BundleDir, feed: &Feed<'_>) -> String {
    let site = &bundle.index.site;
    let url = |path: &str| xml(&page_url(&site.base_url, path));
    let author = if site.author.is_empty() {
        &site.title
    } else {
        &site.author
    };
    let mut out = String::from(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    out += &format!(
        r#"
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">
<title>{title}</title>
<subtitle>{subtitle}</subtitle>
<link rel="self" type="application/atom+xml" href="{self_url}"/>
<link rel="alternate" type="text/html" href="{page_url}"/>
<id>{page_url}</id>
<updated>{updated}</updated>
<author><name>{author}</name></author>
<generator>Quire</generator>
"#,
        lang = xml(&site.language),
        title = xml(&feed.title),
        subtitle = xml(&site.description),
        self_url = url(&feed.path),
        page_url = url(&feed.page),
        updated = feed.updated().unwrap_or("1970-01-01T00:00:00Z"),
        author = xml(author),
    );
    for file in &feed.posts {
        let post = &file.post;
        let link = url(&post.path);
        out += &format!(
            r#"<entry>
<title type="text">{title}</title>
<link rel="alternate" type="text/html" href="{link}"/>
<id>{link}</id>
<published>{published}</published>
<updated>{updated}</updated>
<summary type="text">{summary}</summary>
"#,
            title = xml(&post.title),
            published = post.date.as_str(),
            updated = post.updated.as_str(),
            summary = xml(&post.description),
        );
        for tag in &post.tags {
            out += &format!(r#"<category term="{}"/>"#, xml(&tag.name));
            out.push('\n');
        }
        out += &format!(
            "<content type=\"html\">{}</content>\n</entry>\n",
            xml(&content(bundle, file))
        );
    }
    out + "</feed>\n"
}

pub fn rss(bundle: &BundleDir, feed: &Feed<'_>) -> String {
    let site = &bundle.index.site;
    let url = |path: &str| xml(&page_url(&site.base_url, path));
    let mut out = String::from(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    out += &format!(
        r#"
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{title}</title>
<link>{page_url}</link>
<description>{description}</description>
<language>{lang}</language>
<generator>Quire</generator>
<atom:link rel="self" type="application/rss+xml" href="{self_url}"/>
"#,
        title = xml(&feed.title),
        page_url = url(&feed.page),
        // RSS requires a description; a site without one is described by its name.
        description = xml(if site.description.is_empty() {
            &site.title
        } else {
            &site.description
        }),
        lang = xml(&site.language),
        self_url = url(&feed.path),
    );
    if let Some(updated) = feed.updated() {
        out += &format!("<lastBuildDate>{}</lastBuildDate>\n", rfc_2822(updated));
    }
    for file in &feed.posts {
        let post = &file.post;
        let link = url(&post.path);
        out += &format!(
            "<item>\n<title>{title}</title>\n<link>{link}</link>\n<guid isPermaLink=\"true\">{link}</guid>\n<pubDate>{date}</pubDate>\n",
            title = xml(&post.title),
            date = rfc_2822(post.date.as_str()),
        );
        for tag in &post.tags {
            out += &format!("<category>{}</category>\n", xml(&tag.name));
        }
        out += &format!(
            "<description>{}</description>\n</item>\n",
            xml(&content(bundle, file))
        );
    }
    out + "</channel>\n</rss>\n"
}

pub fn json_feed(bundle: &BundleDir, feed: &Feed<'_>) -> String {
    let site = &bundle.index.site;
    let url = |path: &str| page_url(&site.base_url, path);
    let authors: Vec<_> = (!site.author.is_empty())
        .then(|| json!({ "name": site.author }))
        .into_iter()
        .collect();
    let items: Vec<_> = feed
        .posts
        .iter()
        .map(|file| {
            let post = &file.post;
            let mut item = json!({
                "id": url(&post.path),
                "url": url(&post.path),
                "title": post.title,
                "content_html": content(bundle, file),
                "summary": post.description,
                "date_published": post.date.as_str(),
                "date_modified": post.updated.as_str(),
                "tags": post.tags.iter().map(|tag| tag.name.as_str()).collect::<Vec<_>>(),
            });
            if let Some(thumbnail) = &post.thumbnail {
                item["image"] = json!(url(thumbnail));
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": url(&feed.page),
        "feed_url": url(&feed.path),
        "description": site.description,
        "language": site.language,
        "authors": authors,
        "items": items,
    });
    serde_json::to_string_pretty(&feed).expect("JSON values serialise")
}

/// A post's whole body, its links made absolute: feed readers show it away from the site.
fn content(bundle: &BundleDir, file: &PostFile) -> String {
    // The blog's own in-article ad slot is for its pages: a feed reader loads no AdSense.
    let ads = bundle.index.integrations.ads.as_ref();
    let body = match ads.and_then(|ads| ads.in_article_html()) {
        Some(slot) => std::borrow::Cow::Owned(file.body_html.replacen(&slot, "", 1)),
        None => std::borrow::Cow::Borrowed(file.body_html.as_str()),
    };
    absolute_links(&body, &bundle.index.site.base_url, &file.post.path)
}

/// `html` with every `href`, `src` and `srcset` made absolute: site-relative ones from
/// `base_url`, `#fragments` from the page at `page_path`. The HTML is the sanitiser's, so
/// attributes are always double-quoted.
pub fn absolute_links(html: &str, base_url: &str, page_path: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut attributes = UrlAttributes::new(html);
    let mut done = 0;
    while let Some((at, is_srcset)) = attributes.next_value(done) {
        out.push_str(&html[done..at]);
        let after = &html[at..];
        let end = after.find('"').unwrap_or(after.len());
        let value = &after[..end];
        if is_srcset {
            // `url 400w, url 800w`: the build writes copies' names without spaces or commas.
            let candidates: Vec<String> = value
                .split(", ")
                .map(|candidate| match candidate.split_once(' ') {
                    Some((url, width)) => format!("{} {width}", absolute(base_url, url)),
                    None => absolute(base_url, candidate),
                })
                .collect();
            out.push_str(&candidates.join(", "));
            done = at + end;
            continue;
        }
        let has_scheme = value
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'));
        if value.starts_with('#') {
            out.push_str(&page_url(base_url, page_path));
            out.push_str(value);
        } else if has_scheme || value.starts_with("//") {
            out.push_str(value);
        } else {
            out.push_str(&absolute(base_url, value));
        }
        done = at + end;
    }
    out.push_str(&html[done..]);
    out
}

/// The values of ` href="`, ` src="` and ` srcset="` in order. Where the next of each is, is kept between
/// calls: searching again from every link for the other attribute made a post with many links
/// and no image quadratic.
struct UrlAttributes<'a> {
    html: &'a str,
    /// Where the value of the next of each of [`Self::NAMES`] begins (`None`: no more).
    next: [Option<usize>; 3],
}

impl<'a> UrlAttributes<'a> {
    const NAMES: [&'static str; 3] = [" href=\"", " src=\"", " srcset=\""];

    fn new(html: &'a str) -> Self {
        let mut attributes = Self {
            html,
            next: [Some(0); 3],
        };
        for which in 0..3 {
            attributes.find(which, 0);
        }
        attributes
    }

    fn find(&mut self, which: usize, from: usize) {
        let name = Self::NAMES[which];
        self.next[which] = self.html[from..].find(name).map(|i| from + i + name.len());
    }

    /// Where the next value after `from` (the end of the last one read) begins, and whether
    /// it is a `srcset`'s. An empty value (`href=""`) begins where it ends: it is passed too.
    fn next_value(&mut self, from: usize) -> Option<(usize, bool)> {
        for which in 0..3 {
            if self.next[which].is_some_and(|at| at <= from) {
                self.find(which, from);
            }
        }
        let (which, at) = (0..3)
            .filter_map(|which| Some((which, self.next[which]?)))
            .min_by_key(|&(_, at)| at)?;
        Some((at, which == 2))
    }
}

/// `text` escaped for XML text and double-quoted attributes, without the characters XML 1.0
/// cannot hold.
pub fn xml(text: &str) -> String {
    let allowed = |c: &char| match c {
        '\t' | '\n' | '\r' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => *c >= ' ',
    };
    escape_html(&text.chars().filter(allowed).collect::<String>())
}

/// An RFC 3339 timestamp as RFC 2822 (`Thu, 19 Sep 2024 12:14:58 +0800`), as RSS wants.
fn rfc_2822(rfc_3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc_3339)
        .map(|date| date.to_rfc2822())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        let html = r##"<p><a href="#intro">in</a> <img src="images/a.png"> <a href="https://x.org/">x</a> <a href="mailto:a@b.c">m</a> <a href="other/">o</a> <source srcset="_images/k-400.webp 400w, _images/k-800.webp 800w"></p>"##;
        assert_eq!(
            absolute_links(html, "https://blog.org/sub", "/posts/a/"),
            r##"<p><a href="https://blog.org/sub/posts/a/#intro">in</a> <img src="https://blog.org/sub/images/a.png"> <a href="https://x.org/">x</a> <a href="mailto:a@b.c">m</a> <a href="https://blog.org/sub/other/">o</a> <source srcset="https://blog.org/sub/_images/k-400.webp 400w, https://blog.org/sub/_images/k-800.webp 800w"></p>"##
        );
    }

    #[test]
    fn links_and_images_in_any_order_and_number() {
        // Runs of one attribute between the other's: the search for each resumes where it was.
        let html = (0..3)
            .map(|i| format!(r#"<img src="i{i}.png"><a href="a{i}/">a</a><a href="b{i}/">b</a>"#))
            .collect::<String>()
            + r#"<img src="/last.png" alt=" src=&quot;x&quot;"><a href="">empty</a>"#;
        let expected = (0..3)
            .map(|i| format!(r#"<img src="https://b.org/i{i}.png"><a href="https://b.org/a{i}/">a</a><a href="https://b.org/b{i}/">b</a>"#))
            .collect::<String>()
            + r#"<img src="https://b.org/last.png" alt=" src=&quot;x&quot;"><a href="https://b.org/">empty</a>"#;
        assert_eq!(absolute_links(&html, "https://b.org", "/p/"), expected);
    }

    #[test]
    fn xml_text_is_escaped_and_cleaned() {
        assert_eq!(xml("a < b & \"c\"\u{1}"), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(
            rfc_2822("2024-09-19T12:14:58+08:00"),
            "Thu, 19 Sep 2024 12:14:58 +0800"
        );
    }
}
