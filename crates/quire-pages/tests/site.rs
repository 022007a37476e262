//! A whole site built as Trunk's hooks build it: quire-build writes the bundle, a shell stands
//! in for Trunk's `index.html`, and the pages step writes the pages, feeds and sitemap.

use std::fs;
use std::path::Path;

use chrono::DateTime;
use quire_pages::BundleDir;
use roxmltree::Document;

/// As Trunk's minifier writes it: no `<html>` tag, unquoted attributes.
const SHELL: &str = "<!doctype html><meta charset=utf-8><base href=/blog/><title>Quire</title><script type=module>init()</script></head><body></body></html>";

/// 25 posts (so feeds must stop at 20) under a Hexo permalink scheme, deployed at /blog/.
fn built_site() -> tempfile::TempDir {
    site_of((1..=25).map(|n| {
        let tags = if n % 2 == 0 {
            "[Rust, 日本語]"
        } else {
            "[Rust]"
        };
        (
            format!("post-{n:02}.md"),
            format!(
                "---\ntitle: Post {n} <&>\ndate: 2024-01-{n:02} 10:00:00\ntags: {tags}\ncategories: [Code, Deep]\nthumbnail: /images/{n}.png\n---\nBody of post {n}. [Jump](#part) ![pic](/images/in-{n}.png)\n\n## Part\n\nEnd.\n"
            ),
        )
    }))
}

/// A site of `posts` (file name, contents), built and its pages written into `site/`.
fn site_of(posts: impl Iterator<Item = (String, String)>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.toml"),
        "title = \"Feeds & Co\"\nauthor = \"Ada\"\ndescription = \"A test blog.\"\nbase_url = \"https://example.org/blog\"\npermalink = \":year/:month/:day/:title/\"\nposts_per_page = 10\n",
    )
    .unwrap();
    let posts_dir = root.join("content/posts");
    fs::create_dir_all(&posts_dir).unwrap();
    for (name, contents) in posts {
        fs::write(posts_dir.join(name), contents).unwrap();
    }
    build_both_steps(root);
    dir
}

/// The site in `root` built as Trunk's hooks build it, into `root/site`.
fn build_both_steps(root: &Path) {
    let site = root.join("site");
    quire_build::build(&quire_build::Options {
        root: root.to_owned(),
        out: site.clone(),
        drafts: false,
        cache: false,
        base_url: None,
    })
    .unwrap();
    fs::write(site.join("index.html"), SHELL).unwrap();
    quire_pages::write_site(&site, None).unwrap();
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join("site").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn bundle(dir: &Path) -> BundleDir {
    BundleDir::read(&dir.join("site/data")).unwrap()
}

/// The `content` of `<meta {key}="{name}">` in `html`.
fn meta(html: &str, key: &str, name: &str) -> Option<String> {
    let at = html.find(&format!(r#"<meta {key}="{name}" content=""#))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + 9;
    Some(rest[start..start + rest[start..].find('"')?].to_owned())
}

#[test]
fn every_route_is_a_file_with_its_content_and_head_tags() {
    let dir = built_site();
    let site = dir.path();
    let bundle = bundle(site);
    for file in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "2024/01/25/post-25/index.html",
        "tags/index.html",
        "tags/rust/index.html",
        "tags/日本語/index.html",
        "categories/index.html",
        "categories/code/index.html",
        "categories/code/deep/index.html",
        "archives/index.html",
        "search/index.html",
        "404.html",
    ] {
        assert!(site.join("site").join(file).is_file(), "{file}");
    }

    let post = read(site, "2024/01/07/post-07/index.html");
    assert!(
        post.contains("<h1>Post 7 &lt;&amp;&gt;</h1>"),
        "content rendered"
    );
    assert!(post.contains(r##"<h2 id="part">Part<a class="heading-anchor" href="#part""##));
    let title = post
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next());
    assert_eq!(title, Some("Post 7 &lt;&amp;&gt; · Feeds &amp; Co"));
    assert_eq!(
        meta(&post, "name", "quire-route").unwrap(),
        "/2024/01/07/post-07/"
    );
    assert!(quire_model::files::is_index(
        &meta(&post, "name", "quire-index").unwrap()
    ));
    let url = "https://example.org/blog/2024/01/07/post-07/";
    assert!(post.contains(&format!(r#"<link href="{url}" rel="canonical">"#)));
    assert_eq!(meta(&post, "property", "og:url").unwrap(), url);
    assert_eq!(meta(&post, "property", "og:type").unwrap(), "article");
    assert_eq!(
        meta(&post, "property", "og:title").unwrap(),
        "Post 7 &lt;&amp;&gt;"
    );
    assert_eq!(
        meta(&post, "property", "og:image").unwrap(),
        "https://example.org/blog/images/7.png"
    );
    assert_eq!(
        meta(&post, "name", "twitter:card").unwrap(),
        "summary_large_image"
    );
    assert_eq!(
        meta(&post, "name", "description").unwrap(),
        "Body of post 7. Jump pic"
    );
    assert!(post.contains(r#"<link href="https://example.org/blog/atom.xml" rel="alternate""#));
    assert!(
        post.contains(r#"type="application/rss+xml""#)
            && post.contains(r#"type="application/feed+json""#)
    );
    let json_ld = post
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let json_ld: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(json_ld["@type"], "BlogPosting");
    assert_eq!(json_ld["headline"], "Post 7 <&>");
    let post_7 = &bundle.posts[18];
    assert_eq!(json_ld["datePublished"], post_7.post.date.as_str());
    // The page names its own post file, so the app fetches it with the index, not after.
    assert_eq!(meta(&post, "name", "quire-data").unwrap(), post_7.file);
    assert_eq!(json_ld["author"]["name"], "Ada");
    assert!(
        !post.contains("<title>Quire</title>"),
        "the shell's title is replaced"
    );
    assert_eq!(post.matches("<title>").count(), 1);

    let tag = read(site, "tags/日本語/index.html");
    assert!(tag.contains("Posts tagged “日本語”"));
    assert!(
        tag.contains(
            r#"href="https://example.org/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/atom.xml""#
        ),
        "the tag's own feed"
    );
    assert!(
        tag.contains(r#"href="/blog/2024/01/24/post-24/""#),
        "links under the base path"
    );
    let home = read(site, "index.html");
    assert!(home.contains("Post 25 &lt;&amp;&gt;") && !home.contains("Post 15 &lt;"));
    assert!(home.contains(r#""@type":"Blog""#));
    let missing = read(site, "404.html");
    assert!(missing.contains("Page not found"));
    assert_eq!(meta(&missing, "name", "robots").unwrap(), "noindex");
}

fn text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    node.children()
        .find(|c| c.tag_name().name() == name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

#[test]
fn atom_feeds_follow_rfc_4287() {
    let dir = built_site();
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    for (file, entries) in [("atom.xml", 20), ("tags/日本語/atom.xml", 12)] {
        let xml = read(dir.path(), file);
        let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        let feed = doc.root_element();
        assert_eq!(
            (feed.tag_name().namespace(), feed.tag_name().name()),
            (Some(ATOM), "feed")
        );
        // atomFeed: exactly one id, title, updated; an author (here at feed level); a self link.
        for required in ["id", "title", "updated"] {
            let count = feed
                .children()
                .filter(|c| c.tag_name().name() == required)
                .count();
            assert_eq!(count, 1, "{file}: feed/{required}");
        }
        DateTime::parse_from_rfc3339(text(feed, "updated")).unwrap();
        assert!(feed.children().any(|c| c.tag_name().name() == "author"));
        let self_link = feed
            .children()
            .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"))
            .unwrap();
        assert!(self_link
            .attribute("href")
            .unwrap()
            .starts_with("https://example.org/blog/"));
        let all: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert_eq!(all.len(), entries, "{file}: latest 20 at most");
        let mut ids = std::collections::HashSet::new();
        for entry in &all {
            assert!(ids.insert(text(*entry, "id")), "ids are unique");
            assert!(text(*entry, "id").starts_with("https://example.org/blog/2024/01/"));
            DateTime::parse_from_rfc3339(text(*entry, "updated")).unwrap();
            DateTime::parse_from_rfc3339(text(*entry, "published")).unwrap();
            let content = entry
                .children()
                .find(|c| c.tag_name().name() == "content")
                .unwrap();
            assert_eq!(content.attribute("type"), Some("html"));
        }
        // Full content, with links made absolute for readers away from the site.
        let first = all[0];
        let newest = if file == "atom.xml" { 25 } else { 24 };
        assert_eq!(text(first, "title"), format!("Post {newest} <&>"));
        let body = text(first, "content");
        assert!(
            body.contains(r#"<h2 id="part">Part<a class="heading-anchor""#)
                && body.contains("End."),
            "{body}"
        );
        let anchor =
            format!(r##"href="https://example.org/blog/2024/01/{newest}/post-{newest}/#part""##);
        assert!(body.contains(&anchor), "{body}");
        let image = format!(r#"src="https://example.org/blog/images/in-{newest}.png""#);
        assert!(body.contains(&image), "{body}");
    }
}

#[test]
fn rss_and_json_feeds_follow_their_specs() {
    let dir = built_site();
    let xml = read(dir.path(), "rss.xml");
    let doc = Document::parse(&xml).unwrap();
    let rss = doc.root_element();
    assert_eq!(
        (rss.tag_name().name(), rss.attribute("version")),
        ("rss", Some("2.0"))
    );
    let channel = rss
        .children()
        .find(|c| c.tag_name().name() == "channel")
        .unwrap();
    assert_eq!(text(channel, "title"), "Feeds & Co");
    assert_eq!(text(channel, "link"), "https://example.org/blog/");
    assert_eq!(text(channel, "description"), "A test blog.");
    DateTime::parse_from_rfc2822(text(channel, "lastBuildDate")).unwrap();
    let items: Vec<_> = channel
        .children()
        .filter(|c| c.tag_name().name() == "item")
        .collect();
    assert_eq!(items.len(), 20);
    for item in &items {
        let date = DateTime::parse_from_rfc2822(text(*item, "pubDate")).unwrap();
        assert_eq!(date.format("%Y-%m").to_string(), "2024-01");
        assert_eq!(text(*item, "guid"), text(*item, "link"));
        assert!(text(*item, "description").contains("<h2 id=\"part\">"));
    }

    let json: serde_json::Value = serde_json::from_str(&read(dir.path(), "feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["title"], "Feeds & Co");
    assert_eq!(json["feed_url"], "https://example.org/blog/feed.json");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    for item in items {
        // JSON Feed 1.1: every item has an id and content_html or content_text.
        assert!(item["id"]
            .as_str()
            .unwrap()
            .starts_with("https://example.org/blog/"));
        assert!(item["content_html"].as_str().unwrap().contains("End."));
        DateTime::parse_from_rfc3339(item["date_published"].as_str().unwrap()).unwrap();
    }
    assert_eq!(items[0]["image"], "https://example.org/blog/images/25.png");
}

#[test]
fn the_sitemap_lists_every_public_page_and_robots_txt_points_to_it() {
    let dir = built_site();
    let xml = read(dir.path(), "sitemap.xml");
    let doc = Document::parse(&xml).unwrap();
    let urlset = doc.root_element();
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = urlset
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    // 3 home pages, 25 posts, tags + 2 tags, categories + 2 categories, the archive, 2024 and
    // its one month.
    assert_eq!(locs.len(), 3 + 25 + 3 + 3 + 3, "{locs:#?}");
    assert!(locs.contains(&"https://example.org/blog/archives/2024/"));
    assert!(locs.contains(&"https://example.org/blog/archives/2024/01/"));
    assert!(locs.contains(&"https://example.org/blog/2024/01/03/post-03/"));
    assert!(locs.contains(&"https://example.org/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"));
    assert!(!locs
        .iter()
        .any(|l| l.contains("search") || l.contains("404")));
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://example.org/blog/")));
    let robots = read(dir.path(), "robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/blog/sitemap.xml\n"),
        "{robots}"
    );
}

#[test]
fn post_pages_are_kept_between_runs_and_name_the_current_index() {
    let dir = built_site();
    let site = dir.path().join("site");
    let cache = dir.path().join("cache");
    let first = quire_pages::write_site(&site, Some(&cache)).unwrap();
    assert_eq!(
        fs::read_dir(&cache).unwrap().count(),
        25,
        "one entry a post page"
    );

    // Mark every kept page: a page not rendered again shows the mark.
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let html = fs::read_to_string(&path).unwrap();
        fs::write(&path, html.replace("End.", "End (kept).")).unwrap();
    }
    // A new build of the bundle names a new index; the posts are the same.
    let data = site.join("data");
    let index = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| quire_model::files::is_index(n))
        .unwrap();
    let renamed = index.replace("index.", "index.0");
    fs::rename(data.join(&index), data.join(&renamed)).unwrap();

    let again = quire_pages::write_site(&site, Some(&cache)).unwrap();
    assert_eq!(again.pages, first.pages);
    let post = read(dir.path(), "2024/01/07/post-07/index.html");
    assert!(post.contains("End (kept)."), "the kept page is used");
    assert_eq!(meta(&post, "name", "quire-index").unwrap(), renamed);
    assert!(!post.contains(&format!("\"{index}\"")));
    let home = read(dir.path(), "index.html");
    assert!(
        !home.contains("(kept)"),
        "list pages are rendered every time"
    );
}

#[test]
fn every_page_is_rendered_with_its_data_not_a_loading_state() {
    fn pages(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages(&path, found);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    // Posts in two months and two categories, so that no two lists are the same file.
    let post = |n: u32, date: &str, category: &str| {
        (
            format!("p{n}.md"),
            format!("---\ntitle: P{n}\ndate: {date}\ntags: [T{n}]\ncategories: [{category}]\n---\nText {n}.\n"),
        )
    };
    let dir = site_of(
        [
            post(1, "2024-01-05", "A"),
            post(2, "2024-01-09", "B"),
            post(3, "2024-02-01", "A"),
        ]
        .into_iter(),
    );
    let mut found = Vec::new();
    pages(&dir.path().join("site"), &mut found);
    let index = bundle(dir.path()).index;
    let lists: u32 = index.lists().iter().map(|(_, list)| list.pages).sum();
    // Every list page, each post, the tags, the categories, search and 404.
    assert_eq!(found.len() as u32, lists + 3 + 4, "{found:#?}");
    for page in &found {
        let html = fs::read_to_string(page).unwrap();
        assert!(!html.contains(r#"class="loading""#), "{}", page.display());
    }
    let january = read(dir.path(), "archives/2024/01/index.html");
    assert!(
        january.contains("<h1>Archives: January 2024</h1>"),
        "{january}"
    );
    assert!(
        january.contains(">P2<") && !january.contains(">P3<"),
        "{january}"
    );
}

#[test]
fn a_title_cannot_end_or_hide_the_structured_data_script() {
    let title = "</script><script>alert(1)</script><!--<script>";
    let dir = site_of(std::iter::once((
        "hostile.md".to_owned(),
        format!("---\ntitle: '{title}'\ndate: 2024-01-02\n---\nBody.\n"),
    )));
    let post = read(dir.path(), "2024/01/02/hostile/index.html");
    let json_ld = post
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    assert!(!json_ld.contains('<'), "{json_ld}");
    let json_ld: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(json_ld["headline"], title);
    // No script element but the page's own: the loader, and the structured data.
    assert_eq!(post.matches("<script").count(), 2, "{post}");
    assert!(post.contains("Body."), "{post}");
}

#[test]
fn a_hexo_blogs_feed_paths_are_kept() {
    // hexo-generator-feed wrote this blog's feeds at /feed.xml (Atom) and /rss2.xml.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("_config.yml"),
        "title: Old\nurl: https://example.org\nfeed:\n  type: [atom, rss2]\n  path: [feed.xml, rss2.xml]\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("source/_posts")).unwrap();
    fs::write(
        root.join("source/_posts/a.md"),
        "---\ntitle: A\ndate: 2024-01-01\n---\nx\n",
    )
    .unwrap();
    build_both_steps(root);
    assert_eq!(read(root, "feed.xml"), read(root, "atom.xml"));
    assert_eq!(read(root, "rss2.xml"), read(root, "rss.xml"));
}

#[test]
fn a_session_writes_only_the_pages_that_changed() {
    let dir = built_site();
    let root = dir.path();
    let site = root.join("site");
    let mut build = quire_build::Session::new(
        quire_build::Options {
            root: root.to_owned(),
            out: root.join("work"),
            drafts: false,
            cache: true,
            base_url: None,
        },
        &site.join("data"),
    );
    let pages = quire_pages::Session::new(&site);
    build.build().unwrap();
    pages.write_site().unwrap();
    let post = read(root, "2024/01/07/post-07/index.html");
    assert_eq!(meta(&post, "name", "quire-index").unwrap(), "index.json");

    // Mark pages on disk: a page written again loses its mark.
    let mark = |file: &str| {
        let path = site.join(file);
        let html = fs::read_to_string(&path).unwrap();
        fs::write(&path, html.replace("</body>", "<!--marked--></body>")).unwrap();
    };
    let marked = |file: &str| read(root, file).contains("<!--marked-->");
    let (changed, unchanged, its_tag, other_tag) = (
        "2024/01/03/post-03/index.html",
        "2024/01/07/post-07/index.html",
        "tags/rust/index.html",
        "tags/日本語/index.html",
    );
    for file in [changed, unchanged, its_tag, other_tag] {
        mark(file);
    }
    let source = root.join("content/posts/post-03.md");
    let text = fs::read_to_string(&source).unwrap();
    fs::write(&source, text.replace("End.", "The new end.")).unwrap();
    build.build().unwrap();
    pages.write_site().unwrap();

    assert!(read(root, changed).contains("The new end."));
    assert!(!marked(changed));
    assert!(
        marked(unchanged),
        "a post page showing the same post is not written again"
    );
    assert!(
        !marked(its_tag),
        "a list of the changed post is written again"
    );
    assert!(
        marked(other_tag),
        "a list page that comes out the same is not written again"
    );

    // Every page is what a run of its own writes from the same bundle.
    let fresh = root.join("fresh");
    fs::create_dir_all(&fresh).unwrap();
    copy_folder(&site.join("data"), &fresh.join("data"));
    fs::write(fresh.join("index.html"), SHELL).unwrap();
    quire_pages::write_site(&fresh, None).unwrap();
    let mut compared = 0;
    for file in html_files(&fresh) {
        let relative = file.strip_prefix(&fresh).unwrap();
        let ours = fs::read_to_string(site.join(relative)).unwrap();
        let expected = fs::read_to_string(&file).unwrap();
        assert_eq!(
            ours.replace("<!--marked-->", ""),
            expected,
            "{}",
            relative.display()
        );
        compared += 1;
    }
    assert!(compared > 25, "{compared} pages");
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        match path.is_dir() {
            true => copy_folder(&path, &target),
            false => {
                fs::copy(&path, &target).unwrap();
            }
        }
    }
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(html_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "html") {
            found.push(path);
        }
    }
    found
}
