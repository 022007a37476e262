//! Whole sites built into a temporary folder, as an author would: through `build` and the CLI.

use std::fs;
use std::path::Path;
use std::process::Command;

use quire_build::{build, Options};
use quire_model::{ListPage, ListedPost, PostFile, SiteIndex};
use quire_search::{Query, Searcher};

#[path = "support/photos.rs"]
mod photos;
use photos::photo_jpeg;

fn site(posts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "title = \"Test\"\ntimezone = \"Europe/Paris\"\nposts_per_page = 2\n",
    )
    .unwrap();
    for (name, text) in posts {
        let path = dir.path().join("content/posts").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn options(dir: &Path) -> Options {
    Options {
        root: dir.to_owned(),
        out: dir.join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    }
}

fn read<T: serde::de::DeserializeOwned>(dir: &Path, file: &str) -> T {
    serde_json::from_slice(&fs::read(dir.join("out/data").join(file)).unwrap()).unwrap()
}

/// Every post as the archive lists it, newest first.
fn listed(dir: &Path, index: &SiteIndex) -> Vec<ListedPost> {
    (1..=index.archive.pages)
        .flat_map(|page| {
            let page: ListPage = read(dir, &index.archive.page_file(page).unwrap());
            page.posts
        })
        .collect()
}

/// The post file of the post `slug`, as the lists name it.
fn post_file(posts: &[ListedPost], slug: &str) -> String {
    let listed = posts.iter().find(|p| p.post.slug == slug);
    listed.expect("the post is listed").file.clone()
}

const GOOD: &[(&str, &str)] = &[
    ("old.md", "---\ntitle: Old\ndate: 2023-12-31 23:30:00\ntags: [Rust]\ncategories: [Code, Rust]\n---\nOld body about lifetimes."),
    ("2024/new.markdown", "---\ntitle: New\ndate: 2024-02-01\ntags: [Rust, 日本語]\ncategories: [[Code, Web], [Life]]\n---\nNew body."),
    ("mid.md", "+++\ntitle = \"Mid\"\ndate = 2024-01-15T10:00:00Z\n+++\n## Part\n\nMiddle."),
    ("draft.md", "---\ntitle: Draft\ndraft: true\n---\nSecret."),
    ("notes.txt", "not a post"),
];

#[test]
fn writes_the_index_post_files_and_search_index() {
    let dir = site(GOOD);
    let report = build(&options(dir.path())).unwrap();
    assert_eq!((report.posts, report.drafts_left_out), (3, 1));

    let index: SiteIndex = read(dir.path(), &report.index);
    let posts = listed(dir.path(), &index);
    assert!(
        quire_model::files::is_index(&report.index),
        "{}",
        report.index
    );
    assert_eq!(index.version, quire_model::SCHEMA_VERSION);
    assert_eq!(index.site.posts_per_page, 2);
    let slugs: Vec<_> = posts.iter().map(|p| p.post.slug.as_str()).collect();
    assert_eq!(slugs, ["new", "mid", "old"]);
    assert_eq!(posts[0].post.date.as_str(), "2024-02-01T00:00:00+01:00");
    assert_eq!(posts[1].post.date.as_str(), "2024-01-15T11:00:00+01:00");

    let tags: Vec<_> = index
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.count))
        .collect();
    assert_eq!(tags, [("rust", 2), ("日本語", 1)]);

    let code = &index.categories[0];
    assert_eq!((code.name.as_str(), code.count), ("Code", 2));
    let children: Vec<_> = code
        .children
        .iter()
        .map(|c| (c.slug.as_str(), c.count))
        .collect();
    assert_eq!(children, [("rust", 1), ("web", 1)]);
    assert_eq!(
        (index.categories[1].slug.as_str(), index.categories[1].count),
        ("life", 1)
    );

    let years: Vec<_> = index
        .years
        .iter()
        .map(|y| {
            let months: Vec<_> = y.months.iter().map(|m| (m.month, m.count)).collect();
            (y.year, y.count, months)
        })
        .collect();
    assert_eq!(
        years,
        [(2024, 2, vec![(2, 1), (1, 1)]), (2023, 1, vec![(12, 1)])]
    );
    let page: ListPage = read(dir.path(), &index.years[1].list.page_file(1).unwrap());
    assert_eq!(page.posts[0].post.slug, "old");

    assert_eq!(posts[1].post.path, "/posts/mid/");
    let mid: PostFile = read(dir.path(), &post_file(&posts, "mid"));
    assert!(post_file(&posts, "mid").starts_with("posts/mid."));
    assert_eq!(mid.newer.unwrap().slug, "new");
    assert_eq!(mid.older.unwrap().slug, "old");
    assert_eq!(mid.toc[0].id, "part");
    assert!(mid.body_html.contains("<p>Middle.</p>"));
    assert!(posts.iter().all(|p| p.post.slug != "draft"));
    assert_eq!(
        fs::read_dir(dir.path().join("out/data/posts"))
            .unwrap()
            .count(),
        3
    );

    // A small blog's search index is one gzip file: the root, named by its content.
    let root = dir.path().join("out/data").join(&index.search);
    assert!(index.search.starts_with("search/") && index.search.ends_with(".bin"));
    let bytes = quire_search::write::inflate(&fs::read(root).unwrap()).unwrap();
    let searcher = Searcher::open(&bytes).unwrap();
    let query = Query::parse("lifetime");
    assert!(searcher.needs(&query).is_empty());
    let hits = searcher.search(&query).hits;
    assert_eq!(hits.len(), 1);
    assert!(searcher.missing_cards(&[hits[0].doc]).is_empty());
    // A result shows the post's card and a snippet of its text, all in the root here.
    let old: PostFile = read(dir.path(), &post_file(&posts, "old"));
    let card = searcher.card(hits[0].doc).unwrap();
    assert_eq!(
        (card.title.as_str(), card.path.as_str(), card.date.as_str()),
        (
            old.post.title.as_str(),
            old.post.path.as_str(),
            old.post.date.as_str()
        )
    );
    assert_eq!(searcher.missing_passage(hits[0].doc, hits[0].passage), None);
    assert!(searcher
        .passage(hits[0].doc, hits[0].passage)
        .is_some_and(|text| text.contains("lifetime")));
    let files = fs::read_dir(dir.path().join("out/data/search"))
        .unwrap()
        .count();
    assert_eq!(files, 1);
}

#[test]
fn the_permalink_scheme_makes_post_urls_and_a_clash_is_named() {
    let dir = site(GOOD);
    fs::write(
        dir.path().join("site.toml"),
        "timezone = \"Europe/Paris\"\npermalink = \":year/:month/:day/:title/\"\n",
    )
    .unwrap();
    let report = build(&options(dir.path())).unwrap();
    let index: SiteIndex = read(dir.path(), &report.index);
    let posts = listed(dir.path(), &index);
    let paths: Vec<_> = posts.iter().map(|p| p.post.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/2024/02/01/new/", "/2024/01/15/mid/", "/2023/12/31/old/"]
    );
    let mid: PostFile = read(dir.path(), &post_file(&posts, "mid"));
    assert_eq!(mid.newer.unwrap().path, "/2024/02/01/new/");

    fs::write(
        dir.path().join("content/posts/moved.md"),
        "---\ntitle: Moved\nslug: moved\npermalink: /2024/01/15/mid\n---\nx",
    )
    .unwrap();
    let problems = build(&options(dir.path())).unwrap_err();
    assert_eq!(
        problems.to_string().trim(),
        "content/posts/moved.md:1: the URL `/2024/01/15/mid/` is also used by content/posts/mid.md: give one of them a `slug` or a `permalink`"
    );
}

#[test]
fn drafts_are_kept_when_asked() {
    let dir = site(GOOD);
    let report = build(&Options {
        drafts: true,
        ..options(dir.path())
    })
    .unwrap();
    assert_eq!((report.posts, report.drafts_left_out), (4, 0));
}

#[test]
fn a_deploys_own_address_wins_over_the_settings() {
    let dir = site(GOOD);
    let report = build(&Options {
        base_url: Some("https://ann.github.io/blog/".into()),
        ..options(dir.path())
    })
    .unwrap();
    let index: SiteIndex = read(dir.path(), &report.index);
    assert_eq!(index.site.base_url, "https://ann.github.io/blog");
}

#[test]
fn every_bad_file_is_reported_and_the_previous_bundle_stays() {
    let dir = site(GOOD);
    let good = build(&options(dir.path())).unwrap();
    let before = fs::read(dir.path().join("out/data").join(&good.index)).unwrap();

    let posts = dir.path().join("content/posts");
    fs::write(posts.join("broken.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    // An empty file is left out with a warning (a post being started), not a problem.
    fs::write(posts.join("empty.md"), "").unwrap();
    fs::write(
        posts.join("dated.md"),
        "---\ntitle: x\ndate: someday\n---\n",
    )
    .unwrap();
    fs::write(posts.join("typed.md"), "---\ntags: {a: 1}\n---\n").unwrap();
    fs::write(posts.join("latin1.md"), b"caf\xe9").unwrap();
    fs::create_dir_all(posts.join("again")).unwrap();
    fs::write(posts.join("again/old.md"), "Same slug as old.md").unwrap();

    let problems = build(&options(dir.path())).unwrap_err();
    let mut lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    lines.sort();
    let expected = [
        "content/posts/broken.md:2: front matter is not valid YAML",
        "content/posts/dated.md:3: `date` is not a date: `someday`",
        "content/posts/latin1.md:1: the file is not UTF-8 text",
        "content/posts/old.md:1: the slug `old` is also used by content/posts/again/old.md: give one of them another file name or a `slug`",
        "content/posts/typed.md:2: `tags` must be a list of names, found a map",
    ];
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (line, start) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(start),
            "{line:?} should start with {start:?}"
        );
    }
    assert_eq!(
        fs::read(dir.path().join("out/data").join(&good.index)).unwrap(),
        before
    );
    let mut leftovers: Vec<_> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    assert_eq!(leftovers, ["data", "static"]);
}

#[test]
fn a_bad_site_toml_is_named() {
    let dir = site(GOOD);
    fs::write(
        dir.path().join("site.toml"),
        "title = \"x\"\nposts_per_page = 0\n",
    )
    .unwrap();
    let problems = build(&options(dir.path())).unwrap_err();
    assert_eq!(
        problems.0[0].to_string(),
        format!(
            "{}:2: posts_per_page must be at least 1",
            dir.path().join("site.toml").display()
        )
    );
}

#[test]
fn the_cli_prints_problems_and_fails() {
    let dir = site(&[
        ("ok.md", "Fine."),
        ("bad.md", "---\ndate: 2024-99-99\n---\n"),
    ]);
    let run = Command::new(env!("CARGO_BIN_EXE_quire-build"))
        .args(["--root"])
        .arg(dir.path())
        .args(["--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("content/posts/bad.md:2: `date` is not a date: `2024-99-99`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 problem found; the previous bundle in"),
        "{stderr}"
    );

    fs::remove_file(dir.path().join("content/posts/bad.md")).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_quire-build"))
        .arg("--root")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8(run.stderr)
        .unwrap()
        .starts_with("quire-build: 1 post →"));
}

#[test]
fn a_formula_or_diagram_that_cannot_be_drawn_is_a_warning_at_its_line_and_shown_as_written() {
    let dir = site(&[(
        "maths.md",
        concat!(
            "---\ntitle: Maths\n---\nFine: $x^2$.\n\nBroken: $\\frac{1}$.\n\n",
            "```mermaid\nflowchart LR\n  A --> B\n```\n\n",
            "```mermaid\nflowchart LR\n  A --> \n```\n",
        ),
    )]);
    let report = build(&options(dir.path())).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("content/posts/maths.md:6: a formula that cannot be drawn ("),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("content/posts/maths.md:14: a diagram that cannot be drawn ("),
        "{warnings:?}"
    );
    let index: SiteIndex = read(dir.path(), &report.index);
    let posts = listed(dir.path(), &index);
    let post: PostFile = read(dir.path(), &post_file(&posts, "maths"));
    assert!(
        post.body_html.contains("<msup><mi>x</mi><mn>2</mn></msup>"),
        "{}",
        post.body_html
    );
    assert!(
        post.body_html
            .contains("<code class=\"math-source\">$\\frac{1}$</code>"),
        "{}",
        post.body_html
    );
    assert_eq!(
        post.body_html
            .matches("<figure class=\"diagram\"><svg")
            .count(),
        1
    );
    assert!(
        post.body_html.contains(
            "<pre class=\"diagram-source\"><code class=\"language-mermaid\">flowchart LR\n  A --&gt; \n</code></pre>"
        ),
        "{}",
        post.body_html
    );
}

#[test]
fn tag_plugins_link_posts_and_a_missing_target_or_unknown_tag_is_named() {
    let dir = site(&[
        (
            "a.md",
            "---\ntitle: A\n---\nSee {% post_link b %}.\n\n{% fancybox x.png %}\n",
        ),
        ("b.md", "---\ntitle: Bee & co\n---\nB."),
    ]);
    let report = build(&options(dir.path())).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["content/posts/a.md:6: unknown tag plugin `{% fancybox %}`: shown as text"]
    );
    let index: SiteIndex = read(dir.path(), &report.index);
    let posts = listed(dir.path(), &index);
    let a: PostFile = read(dir.path(), &post_file(&posts, "a"));
    assert!(
        a.body_html
            .contains(r#"<a href="posts/b/" rel="noopener">Bee &amp; co</a>"#),
        "{}",
        a.body_html
    );

    fs::write(
        dir.path().join("content/posts/c.md"),
        "---\ntitle: C\n---\nOne.\n\nTwo {% post_path nowhere %}.\n",
    )
    .unwrap();
    let problems = build(&options(dir.path())).unwrap_err();
    assert_eq!(
        problems.to_string().trim(),
        "content/posts/c.md:6: `post_link`/`post_path` names `nowhere`, but no post has that slug"
    );
}

#[test]
fn a_hexo_site_builds_as_it_is_config_posts_and_source_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("_config.yml"),
        "title: Hexo Blog\nsubtitle: ''\nauthor: Ann\nlanguage:\n  - zh-TW\n  - en\ntimezone: ''\nurl: https://example.org/blog\nroot: /blog/\nper_page: 0\ntag_dir: labels\narchive_dir: news\nskip_render: README.md\ntheme: landscape\ndeploy:\n  type: git\n",
    )
    .unwrap();
    let posts = root.join("source/_posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(
        posts.join("hello-world.md"),
        "title: Hello\ndate: 2024-03-04 05:06:07\ntags: Big Data\n---\nHi. {% asset_img pic.png A picture %}",
    )
    .unwrap();
    fs::create_dir_all(posts.join("hello-world")).unwrap();
    // A real PNG: a file named .png that is not one would be a warning (no photo to make
    // smaller), which this test does not expect.
    let mut pic = Vec::new();
    image::RgbImage::new(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut pic), image::ImageFormat::Png)
        .unwrap();
    fs::write(posts.join("hello-world/pic.png"), &pic).unwrap();
    fs::create_dir_all(root.join("source/images")).unwrap();
    fs::write(root.join("source/images/a.png"), b"png").unwrap();
    fs::write(root.join("source/CNAME"), "example.org").unwrap();
    fs::create_dir_all(root.join("source/_drafts")).unwrap();
    fs::write(root.join("source/_drafts/wip.md"), "draft").unwrap();
    fs::create_dir_all(root.join("source/about")).unwrap();
    fs::write(
        root.join("source/about/index.md"),
        "title: About me\n---\nAbout",
    )
    .unwrap();
    fs::write(root.join("source/links.md"), "Links").unwrap();
    fs::write(root.join("source/README.md"), "# Read me").unwrap();
    fs::write(root.join("source/plain.md"), "layout: false\n---\n*bare*").unwrap();
    fs::create_dir_all(root.join("source/tags")).unwrap();
    fs::write(root.join("source/tags/index.md"), "type: tags\n---\n").unwrap();

    let report = build(&options(root)).unwrap();
    let index: SiteIndex = read(root, &report.index);
    let posts = listed(root, &index);
    assert_eq!(index.site.title, "Hexo Blog");
    assert_eq!(index.site.language, "zh-TW");
    assert_eq!(index.site.base_url, "https://example.org/blog");
    assert_eq!(
        posts[0].post.path, "/2024/03/04/hello-world/",
        "Hexo's default permalink"
    );
    assert_eq!(
        posts[0].post.date.as_str(),
        "2024-03-04T05:06:07Z",
        "no timezone: UTC"
    );
    let out = root.join("out/static");
    assert_eq!(fs::read(out.join("images/a.png")).unwrap(), b"png");
    assert!(out.join("CNAME").is_file());
    assert_eq!(
        fs::read(out.join("2024/03/04/hello-world/pic.png")).unwrap(),
        pic
    );
    let hello: PostFile = read(root, &post_file(&posts, "hello-world"));
    assert!(
        hello.body_html.contains(
            r#"<img width="4" height="4" src="2024/03/04/hello-world/pic.png" title="A picture""#
        ),
        "{}",
        hello.body_html
    );
    assert!(!out.join("_drafts").exists() && !out.join("about").join("index.md").exists());
    // Hexo's pages are at Hexo's URLs, in no list; `skip_render` files are copied as they are,
    // and `layout: false` pages are written without the site's layout.
    let paths: Vec<&str> = index.pages.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths, ["/about/", "/links.html"]);
    let about: PostFile = read(root, &index.pages[0].1);
    assert!(about.page && about.post.title == "About me" && about.body_html.contains("About"));
    assert!(posts.iter().all(|post| !post.post.path.contains("about")));
    assert_eq!(
        fs::read_to_string(out.join("README.md")).unwrap(),
        "# Read me"
    );
    assert_eq!(
        fs::read_to_string(out.join("plain.md")).ok(),
        None,
        "a page's source is not served"
    );
    assert!(fs::read_to_string(out.join("plain.html"))
        .unwrap()
        .contains("<em>bare</em>"));
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("source/tags/index.md: /tags/ is where Quire's own pages are"),
        "{warnings:#?}"
    );
    // The tag's page was at /labels/Big-Data/ (tag_dir, Hexo's slug): it redirects to Quire's.
    let old_tag = fs::read_to_string(out.join("labels/Big-Data/index.html")).unwrap();
    assert!(
        old_tag.contains("url=https://example.org/blog/tags/big-data/"),
        "{old_tag}"
    );
    // So do the archive's lists, which were at /news/ (archive_dir).
    let redirects = fs::read_to_string(out.join("_redirects")).unwrap();
    assert_eq!(
        redirects,
        "/blog/labels/Big-Data/ /blog/tags/big-data/ 301\n/blog/news/ /blog/archives/ 301\n/blog/news/2024/ /blog/archives/2024/ 301\n/blog/news/2024/03/ /blog/archives/2024/03/ 301\n"
    );
    assert!(out.join("news/2024/03/index.html").is_file());
}

#[test]
fn hexo_drafts_future_posts_and_the_default_category() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("_config.yml"),
        "title: A\nfuture: false\ndefault_category: misc\npermalink: :category/:title/\n",
    )
    .unwrap();
    let posts = root.join("source/_posts");
    fs::create_dir_all(&posts).unwrap();
    fs::create_dir_all(root.join("source/_drafts")).unwrap();
    fs::write(
        posts.join("old.md"),
        "---\ntitle: Old\ndate: 2020-01-01\n---\nx\n",
    )
    .unwrap();
    fs::write(
        posts.join("later.md"),
        "---\ntitle: Later\ndate: 9000-01-01\n---\nx\n",
    )
    .unwrap();
    fs::write(
        root.join("source/_drafts/wip.md"),
        "---\ntitle: WIP\n---\nx\n",
    )
    .unwrap();
    let slugs = |drafts: bool| {
        let report = build(&Options {
            drafts,
            ..options(root)
        })
        .unwrap();
        let index: SiteIndex = read(root, &report.index);
        let mut posts: Vec<(String, String)> = listed(root, &index)
            .into_iter()
            .map(|p| (p.post.slug, p.post.path))
            .collect();
        posts.sort();
        (posts, report.drafts_left_out)
    };
    assert_eq!(
        slugs(false),
        (vec![("old".into(), "/misc/old/".into())], 2),
        "a future post and source/_drafts are left out"
    );
    assert_eq!(slugs(true).0.len(), 3, "--drafts keeps both");
}

#[test]
fn aliases_keep_old_urls_working() {
    let dir = site(&[
        (
            "new.md",
            "---\ntitle: New\ndate: 2024-01-01\naliases: [/old/url/, /2019/01/01/new.html]\n---\nx\n",
        ),
        ("other.md", "---\ntitle: Other\ndate: 2024-01-02\nredirect_from: /older/\n---\ny\n"),
    ]);
    build(&options(dir.path())).unwrap();
    let out = dir.path().join("out/static");
    let page = fs::read_to_string(out.join("old/url/index.html")).unwrap();
    assert!(
        page.contains("url=http://127.0.0.1:8080/posts/new/"),
        "{page}"
    );
    assert!(out.join("2019/01/01/new.html").is_file());
    assert!(out.join("older/index.html").is_file());
    let redirects = fs::read_to_string(out.join("_redirects")).unwrap();
    assert!(
        redirects.contains("/old/url/ /posts/new/ 301\n"),
        "{redirects}"
    );
    // An alias that is a post's own URL, or a page of the site's, is an error at its line.
    fs::write(
        dir.path().join("content/posts/other.md"),
        "---\ntitle: Other\ndate: 2024-01-02\naliases:\n  - /posts/new/\n---\ny\n",
    )
    .unwrap();
    let problems = build(&options(dir.path())).unwrap_err().to_string();
    assert!(
        problems.contains("content/posts/other.md:4: the alias `/posts/new/` is already content/posts/new.md's URL"),
        "{problems}"
    );
    fs::write(
        dir.path().join("content/posts/other.md"),
        "---\ntitle: Other\naliases: /tags/\n---\ny\n",
    )
    .unwrap();
    let problems = build(&options(dir.path())).unwrap_err().to_string();
    assert!(
        problems.contains("content/posts/other.md:3: the alias makes `/tags/`"),
        "{problems}"
    );
}

#[test]
fn abbrlink_permalinks_as_hexo_abbrlink_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("_config.yml"),
        "title: A\npermalink: posts/:abbrlink/\nabbrlink:\n  alg: crc32\n  rep: hex\n",
    )
    .unwrap();
    let posts = root.join("source/_posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(
        posts.join("kept.md"),
        "---\ntitle: Kept\nabbrlink: 5a3fb175\ndate: 2024-01-01\n---\nx\n",
    )
    .unwrap();
    fs::write(
        posts.join("new.md"),
        "---\ntitle: 123456789\ndate: 2024-01-02\n---\nx\n",
    )
    .unwrap();
    let report = build(&options(root)).unwrap();
    let index: SiteIndex = read(root, &report.index);
    let mut paths: Vec<String> = listed(root, &index)
        .into_iter()
        .map(|p| p.post.path)
        .collect();
    paths.sort();
    // The link the plugin would have written into `new.md`: CRC-32 of its title, in hex.
    assert_eq!(paths, ["/posts/5a3fb175/", "/posts/cbf43926/"]);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("source/_posts/new.md: no `abbrlink`: `cbf43926`")),
        "{warnings:?}"
    );
}

#[test]
fn relative_urls_in_a_post_are_its_own_files() {
    // As Hexo's renderer reads `![](diagram.png)` in a post with an asset folder, whatever
    // `<base href>` the pages have; without asset folders, from the page's own folder.
    for (asset_folder, permalink, image) in [
        ("true", ":year/:title.html", "2024/hello/diagram.png"),
        ("false", ":year/:title.html", "2024/diagram.png"),
        ("true", ":year/:title/", "2024/hello/diagram.png"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("_config.yml"),
            format!("title: A\npermalink: {permalink}\npost_asset_folder: {asset_folder}\n"),
        )
        .unwrap();
        let posts = root.join("source/_posts");
        fs::create_dir_all(posts.join("hello")).unwrap();
        fs::write(
            posts.join("hello.md"),
            "---\ntitle: Hello\ndate: 2024-03-04\n---\n![](diagram.png) <img src=\"./diagram.png\"> [up](../) [top](/about/)\n",
        )
        .unwrap();
        let report = build(&options(root)).unwrap();
        let index: SiteIndex = read(root, &report.index);
        let posts = listed(root, &index);
        let hello: PostFile = read(root, &post_file(&posts, "hello"));
        let html = &hello.body_html;
        assert_eq!(
            html.matches(&format!("src=\"{image}\"")).count(),
            2,
            "{permalink} {asset_folder}: {html}"
        );
        assert!(html.contains(r#"href="about/""#), "{html}");
    }
}

#[test]
fn photos_are_offered_as_smaller_copies_made_once() {
    let dir = site(&[
        (
            "trip.md",
            "---\ntitle: Trip\ndate: 2024-05-01\nthumbnail: /images/coast.jpg\n---\n![The coast](/images/coast.jpg)\n\n![Hills](hills.jpg)\n\n![Remote](https://example.org/x.jpg)\n",
        ),
        ("other.md", "---\ntitle: Other\ndate: 2024-04-01\n---\nText.\n"),
    ]);
    let root = dir.path();
    fs::create_dir_all(root.join("public/images")).unwrap();
    fs::write(root.join("public/images/coast.jpg"), photo_jpeg(1800, 1200)).unwrap();
    fs::create_dir_all(root.join("content/posts/trip")).unwrap();
    fs::write(
        root.join("content/posts/trip/hills.jpg"),
        photo_jpeg(1000, 1000),
    )
    .unwrap();

    let report = build(&options(root)).unwrap();
    assert_eq!(
        report.photos_encoded, 3,
        "two photos, and the thumbnail's card"
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let index: SiteIndex = read(root, &report.index);
    let posts = listed(root, &index);
    let trip: PostFile = read(root, &post_file(&posts, "trip"));
    let html = &trip.body_html;
    assert_eq!(
        html.matches("<picture><source type=\"image/webp\" srcset=\"")
            .count(),
        2,
        "{html}"
    );
    assert!(html.contains(r#"<img src="images/coast.jpg" alt="The coast" fetchpriority="high" decoding="async" width="1800" height="1200" style="background:"#), "{html}");
    assert!(
        html.contains(
            r#"<img src="https://example.org/x.jpg" alt="Remote" loading="lazy" decoding="async">"#
        ),
        "{html}"
    );
    // Every copy named in a page is in the site's static files, smaller than its photo.
    let static_images = root.join("out/static/_images");
    let pictures: Vec<&str> = html.split("<picture>").skip(1).collect();
    let mut widths = Vec::new();
    for (picture, photo) in pictures
        .iter()
        .zip(["public/images/coast.jpg", "content/posts/trip/hills.jpg"])
    {
        let photo_bytes = fs::metadata(root.join(photo)).unwrap().len();
        let srcset = picture.split("srcset=\"").nth(1).unwrap();
        let srcset = &srcset[..srcset.find('"').unwrap()];
        for candidate in srcset.split(", ") {
            let (url, width) = candidate.split_once(' ').unwrap();
            let name = url.strip_prefix("_images/").unwrap();
            let bytes = fs::metadata(static_images.join(name)).unwrap().len();
            assert!(
                bytes < photo_bytes,
                "{name}: {bytes} B, its photo {photo_bytes} B"
            );
            widths.push(width);
        }
    }
    assert_eq!(
        widths,
        ["400w", "800w", "1200w", "1600w", "400w", "800w", "1000w"]
    );
    let card = &posts.iter().find(|p| p.post.slug == "trip").unwrap().post;
    assert_eq!(card.thumbnail.as_deref(), Some("images/coast.jpg"));
    assert!(card.thumbnail_srcset.starts_with("_images/"), "{card:?}");
    assert!(card.thumbnail_srcset.ends_with(" 1600w"), "{card:?}");

    // A rebuild with no new photo decodes and encodes nothing, and serves the same copies.
    let again = build(&options(root)).unwrap();
    assert_eq!(again.photos_encoded, 0);
    let trip_again: PostFile = read(root, &post_file(&listed(root, &index), "trip"));
    assert_eq!(trip_again.body_html, trip.body_html);

    // A photo no post shows any more leaves the cache; a changed one is made again.
    fs::write(
        root.join("content/posts/trip.md"),
        "---\ntitle: Trip\ndate: 2024-05-01\n---\n![Hills](hills.jpg)\n",
    )
    .unwrap();
    fs::write(
        root.join("content/posts/trip/hills.jpg"),
        photo_jpeg(1000, 900),
    )
    .unwrap();
    let changed = build(&options(root)).unwrap();
    assert_eq!(changed.photos_encoded, 1);
    let cached = fs::read_dir(root.join("out").join(quire_build::IMAGE_CACHE_DIR))
        .unwrap()
        .count();
    assert_eq!(cached, 1 + 3, "one entry and its three copies");
    assert_eq!(fs::read_dir(&static_images).unwrap().count(), 3);
}

#[test]
fn a_photo_that_cannot_be_made_smaller_is_a_warning_and_served_as_it_is() {
    let dir = site(&[(
        "a.md",
        "---\ntitle: A\ndate: 2024-05-01\n---\n![Broken](/images/broken.png)\n",
    )]);
    let root = dir.path();
    fs::create_dir_all(root.join("public/images")).unwrap();
    // Large enough to be worth copies (a small file is left as it is without a look).
    let broken = [&b"\x89PNG\r\n\x1a\nnot really"[..], &[7; 20_000]].concat();
    fs::write(root.join("public/images/broken.png"), broken).unwrap();
    let report = build(&options(root)).unwrap();
    let warning = report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        warning.starts_with("public/images/broken.png: a photo that cannot be made smaller ("),
        "{warning}"
    );
    let index: SiteIndex = read(root, &report.index);
    let a: PostFile = read(root, &post_file(&listed(root, &index), "a"));
    assert!(
        a.body_html
            .contains(r#"src="images/broken.png" alt="Broken""#),
        "{}",
        a.body_html
    );
    assert!(!a.body_html.contains("<picture>"));
}

#[test]
fn a_rebuild_renders_only_the_posts_that_changed() {
    let dir = site(GOOD);
    let options = Options {
        cache: true,
        ..options(dir.path())
    };
    let report = build(&options).unwrap();
    let cache = dir.path().join("out/.cache/posts");
    assert_eq!(
        fs::read_dir(&cache).unwrap().count(),
        3,
        "one entry a post, none for the draft"
    );

    // Mark every kept rendering: a post that is not rendered again shows the mark.
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("<p>Middle.</p>", "<p>Middle (kept).</p>")
                .replace("Old body", "Kept body"),
        )
        .unwrap();
    }
    // One post changes.
    let old = dir.path().join("content/posts/old.md");
    let text = fs::read_to_string(&old).unwrap();
    fs::write(&old, text.replace("Old body", "Changed body")).unwrap();

    let again = build(&options).unwrap();
    assert_ne!(again.index, report.index);
    let index: SiteIndex = read(dir.path(), &again.index);
    let posts = listed(dir.path(), &index);
    let mid: PostFile = read(dir.path(), &post_file(&posts, "mid"));
    assert!(
        mid.body_html.contains("Middle (kept)."),
        "an unchanged post comes from the cache"
    );
    let old: PostFile = read(dir.path(), &post_file(&posts, "old"));
    assert!(
        old.body_html.contains("Changed body"),
        "the changed post is rendered again"
    );
    assert_eq!(
        fs::read_dir(&cache).unwrap().count(),
        3,
        "the changed post's old entry is removed"
    );
}

/// Every file of the bundle in `out`, by its path inside `data/`: its inode and its bytes.
fn bundle_files(out: &Path) -> std::collections::BTreeMap<String, (u64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let data = out.join("data");
    let mut files = std::collections::BTreeMap::new();
    let mut dirs = vec![data.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path
                    .strip_prefix(&data)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let inode = fs::metadata(&path).unwrap().ino();
                files.insert(name, (inode, fs::read(&path).unwrap()));
            }
        }
    }
    files
}

#[test]
fn a_rebuild_keeps_unchanged_bundle_files_and_writes_what_changed() {
    let dir = site(GOOD);
    build(&options(dir.path())).unwrap();
    let before = bundle_files(&dir.path().join("out"));
    let old = dir.path().join("content/posts/old.md");
    let text = fs::read_to_string(&old).unwrap();
    fs::write(&old, text.replace("Old body", "Changed body")).unwrap();

    build(&options(dir.path())).unwrap();
    let after = bundle_files(&dir.path().join("out"));
    // The same build into an empty folder: what the rebuild must have written.
    let fresh = Options {
        out: dir.path().join("fresh"),
        ..options(dir.path())
    };
    build(&fresh).unwrap();
    let expected = bundle_files(&fresh.out);
    let contents = |files: &std::collections::BTreeMap<String, (u64, Vec<u8>)>| {
        files
            .iter()
            .map(|(name, (_, bytes))| (name.clone(), bytes.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(contents(&after), contents(&expected));

    let kept: Vec<&String> = after
        .iter()
        .filter(|(name, (inode, _))| before.get(*name).is_some_and(|(was, _)| was == inode))
        .map(|(name, _)| name)
        .collect();
    let changed: Vec<&String> = after
        .keys()
        .filter(|name| !before.contains_key(*name))
        .collect();
    assert!(
        changed.iter().any(|name| name.starts_with("posts/old.")),
        "the changed post has a new file: {changed:?}"
    );
    assert!(
        kept.iter().any(|name| name.starts_with("posts/mid.")),
        "an unchanged post's file is the same file: {kept:?}"
    );
    assert_eq!(
        kept.len() + changed.len(),
        after.len(),
        "every file is either kept or new"
    );
    assert!(!after
        .keys()
        .any(|name| before.contains_key(name) && !kept.contains(&name)));
}

#[test]
fn a_session_writes_into_the_served_bundle_only_what_changed_and_keeps_it_when_a_build_fails() {
    let dir = site(GOOD);
    let served = dir.path().join("served");
    // The bundle another build left where the site is served (Trunk's, before serving).
    build(&Options {
        out: served.clone(),
        ..options(dir.path())
    })
    .unwrap();
    let trunks = bundle_files(&served);
    let mut session = quire_build::Session::new(options(dir.path()), &served.join("data"));
    let first = session.build().unwrap();
    assert_eq!(first.index, quire_model::files::IN_PLACE_INDEX);
    let before = bundle_files(&served);
    assert!(
        before
            .keys()
            .all(|name| !quire_model::files::is_index(name) || name == "index.json"),
        "the other build's index is gone: {:?}",
        before.keys()
    );
    assert!(
        before
            .iter()
            .filter(|(name, _)| name.starts_with("posts/"))
            .all(|(name, (inode, _))| trunks[name].0 == *inode),
        "files already there by their name are not written again"
    );

    let old = dir.path().join("content/posts/old.md");
    let text = fs::read_to_string(&old).unwrap();
    fs::write(&old, text.replace("Old body", "Changed body")).unwrap();
    session.build().unwrap();
    let after = bundle_files(&served);
    // What a build of its own writes, but the index's name.
    let fresh = Options {
        out: dir.path().join("fresh"),
        ..options(dir.path())
    };
    build(&fresh).unwrap();
    let contents = |files: &std::collections::BTreeMap<String, (u64, Vec<u8>)>| {
        files
            .iter()
            .map(|(name, (_, bytes))| {
                let name = match quire_model::files::is_index(name) {
                    true => "the site index".to_owned(),
                    false => name.clone(),
                };
                (name, bytes.clone())
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    assert_eq!(contents(&after), contents(&bundle_files(&fresh.out)));
    let new: Vec<&String> = after
        .keys()
        .filter(|name| !before.contains_key(*name))
        .collect();
    assert!(
        new.iter().any(|name| name.starts_with("posts/old.")),
        "the changed post has a new file: {new:?}"
    );
    assert!(
        before
            .keys()
            .any(|name| name.starts_with("posts/old.") && !after.contains_key(name)),
        "its old file is removed"
    );
    let (mid, (inode, _)) = after
        .iter()
        .find(|(name, _)| name.starts_with("posts/mid."))
        .unwrap();
    assert_eq!(
        before[mid].0, *inode,
        "an unchanged post's file is not written again"
    );

    // A post that does not build: the served bundle stays as it was, and the next good build
    // goes on from it.
    fs::write(
        &old,
        "---\ntitle: Old\ndate: the first of May\n---\nBody.\n",
    )
    .unwrap();
    let problems = session.build().unwrap_err().to_string();
    assert!(problems.contains("content/posts/old.md:3:"), "{problems}");
    assert_eq!(bundle_files(&served), after);
    fs::write(&old, text).unwrap();
    session.build().unwrap();
    assert_eq!(contents(&bundle_files(&served)), contents(&before));
}

#[test]
fn a_posts_own_words_are_the_sites_and_a_new_language_renders_it_again() {
    let dir = site(&[(
        "code.md",
        "---\ntitle: Code\ndate: 2024-01-02\n---\n## Start\n\n- [x] one\n\n```\nx\n```\n",
    )]);
    let options = Options {
        cache: true,
        ..options(dir.path())
    };
    let body = |report: &quire_build::Report| {
        let index: SiteIndex = read(dir.path(), &report.index);
        let posts = listed(dir.path(), &index);
        let post: PostFile = read(dir.path(), &post_file(&posts, "code"));
        post.body_html
    };
    let english = body(&build(&options).unwrap());
    assert!(english.contains(r#"aria-label="Copy the code" data-copied="Copied" data-failed="Copy failed">Copy</button>"#), "{english}");
    assert!(
        english.contains(r#"aria-label="Link to this section""#),
        "{english}"
    );
    assert!(english.contains(r#"aria-label="Done""#), "{english}");
    // The cached rendering is English: a site now in Chinese renders the post again.
    fs::write(
        dir.path().join("site.toml"),
        "title = \"Test\"\nlanguage = \"zh-CN\"\n[strings]\ncopy = \"拷贝\"\n",
    )
    .unwrap();
    let report = build(&options).unwrap();
    let chinese = body(&report);
    assert!(
        chinese.contains(
            r#"aria-label="复制代码" data-copied="已复制" data-failed="复制失败">拷贝</button>"#
        ),
        "{chinese}"
    );
    assert!(
        chinese.contains(r#"aria-label="链接到本节""#)
            && chinese.contains(r#"aria-label="已完成""#),
        "{chinese}"
    );
    let index: SiteIndex = read(dir.path(), &report.index);
    assert_eq!(
        index.site.words.get(quire_model::words::Word::Contents),
        "目录"
    );
}
