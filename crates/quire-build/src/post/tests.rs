use chrono::TimeZone;

use super::*;

fn at_noon() -> DateTime<Tz> {
    chrono_tz::UTC
        .with_ymd_and_hms(2024, 5, 6, 12, 0, 0)
        .unwrap()
}

/// `load` as a Quire site reads the file `name` (Quire's naming), modified at noon.
fn load_as(
    name: &str,
    bytes: &[u8],
    permalink: &Permalink,
    drafts: bool,
) -> Result<Loaded, Vec<Problem>> {
    let reading = Reading {
        permalink,
        names: &PostNames::Quire,
        abbrlink: Default::default(),
        asset_folders: true,
        drafts,
        words: crate::markdown::PostWords::english(),
        page: None,
    };
    load(Path::new(name), Path::new(name), bytes, at_noon(), &reading)
}

fn load_post(name: &str, text: &str) -> Result<Post, Vec<String>> {
    match load_as(name, text.as_bytes(), &Permalink::default(), false) {
        Ok(Loaded::Post(post)) => Ok(*post),
        Ok(Loaded::Draft) => Err(vec!["draft".into()]),
        Ok(Loaded::Empty(warning)) => Err(vec![format!("empty: {warning}")]),
        Err(problems) => Err(problems.iter().map(ToString::to_string).collect()),
    }
}

#[test]
fn title_date_and_slug_fall_back_to_the_file() {
    let post = load_post("posts/my first post.md", "Just a body.").unwrap();
    assert_eq!(post.summary.title, "my first post");
    assert_eq!(post.summary.slug, "my-first-post");
    assert_eq!(post.summary.date.as_str(), "2024-05-06T12:00:00Z");
    assert_eq!(post.summary.updated, post.summary.date);
}

#[test]
fn slug_and_permalink_override_the_file_name() {
    assert_eq!(
        load_post("a.md", "---\nslug: Custom Slug\n---\n")
            .unwrap()
            .summary
            .slug,
        "Custom-Slug"
    );
    let moved = load_post("a.md", "---\npermalink: 2020/old-url\n---\n").unwrap();
    assert_eq!(
        (moved.summary.slug.as_str(), moved.summary.path.as_str()),
        ("old-url", "/2020/old-url/")
    );
    let plain = load_post("a b.md", "x").unwrap();
    assert_eq!(plain.summary.path, "/posts/a-b/");
    let scheme = Permalink::parse(":year/:month/:title.html").unwrap();
    let Ok(Loaded::Post(dated)) = load_as("a.md", b"x", &scheme, false) else {
        panic!("not loaded")
    };
    assert_eq!(dated.summary.path, "/2024/05/a.html");
}

#[test]
fn a_permalink_over_the_blogs_own_pages_is_refused() {
    assert_eq!(
        load_post("a.md", "---\ntitle: A\npermalink: /tags/a/\n---\n").unwrap_err(),
        ["a.md:3: the permalink makes `/tags/a/`, under `/tags/`, where the blog's own pages are"]
    );
}

#[test]
fn excerpt_prefers_front_matter_then_the_marker_then_the_first_paragraph_as_hexo() {
    let given = load_post(
        "a.md",
        "---\nexcerpt: A <short> one\n---\nIntro.\n\n<!-- more -->\n\nRest.",
    )
    .unwrap();
    assert_eq!(given.summary.excerpt_html, "<p>A &lt;short&gt; one</p>");
    assert_eq!(given.summary.description, "A <short> one");
    let marked = load_post(
        "a.md",
        "---\ndescription: For search engines\n---\nIntro.\n\n<!-- more -->\n\nRest.",
    )
    .unwrap();
    assert_eq!(marked.summary.excerpt_html, "<p>Intro.</p>\n");
    assert_eq!(marked.summary.description, "For search engines");
    let first = load_post(
        "a.md",
        "## Heading\n\nThe *first* paragraph & more.\n\nSecond.",
    )
    .unwrap();
    assert_eq!(
        first.summary.excerpt_html,
        "<p>The <em>first</em> paragraph &amp; more.</p>\n"
    );
    assert_eq!(first.summary.description, "The first paragraph & more.");
}

#[test]
fn long_descriptions_are_cut_at_a_word() {
    let post = load_post("a.md", &"word ".repeat(100)).unwrap();
    assert!(post.summary.description.ends_with("word…"));
    assert!(post.summary.description.chars().count() <= 160);
}

#[test]
fn word_count_and_reading_time() {
    let post = load_post(
        "a.md",
        &format!("{}\n\n{}", "word ".repeat(300), "字".repeat(300)),
    )
    .unwrap();
    assert_eq!(
        (post.summary.word_count, post.summary.reading_minutes),
        (600, 2)
    );
}

#[test]
fn tags_get_slugs_merge_duplicates_and_are_listed_by_name_as_in_hexo() {
    let post = load_post(
        "a.md",
        "---\ntags: [C++, c++, 日本語, machine learning]\ncategories: [[A, B], C]\n---\n",
    )
    .unwrap();
    let slugs: Vec<_> = post.summary.tags.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["c-plus-plus", "machine-learning", "日本語"]);
    assert_eq!(
        post.summary.categories[0][1],
        Term {
            name: "B".into(),
            slug: "b".into()
        }
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    assert_eq!(
        load_post("a.md", "---\ndraft: true\n---\nx").unwrap_err(),
        ["draft"]
    );
    let kept = load_as(
        "a.md",
        b"---\npublished: false\n---\nx",
        &Permalink::default(),
        true,
    );
    assert!(matches!(kept, Ok(Loaded::Post(_))));
}

#[test]
fn bad_files_are_named_with_their_line() {
    assert_eq!(
        load_post("e.md", " \n\n").unwrap_err(),
        ["empty: e.md: the file is empty: left out, as Hexo leaves it"]
    );
    let latin1 = load_as(
        "l.md",
        b"title: x\n---\nline two\ncaf\xe9\n",
        &Permalink::default(),
        false,
    );
    let Err(problems) = latin1 else {
        panic!("non-UTF-8 accepted")
    };
    assert_eq!(
        problems[0].to_string(),
        "l.md:4: the file is not UTF-8 text: save it as UTF-8"
    );
    assert_eq!(
        load_post("t.md", "---\ntitle: x\ntags: [ok, \"?!\"]\n---\n").unwrap_err(),
        ["t.md:3: `tags` has `?!`, which has no letters or digits to make a URL from"]
    );
}

#[test]
fn hexo_fields_for_themes_are_kept_in_extra() {
    let post = load_post(
        "a.md",
        "title: A\ncomments: false\nlayout: photo\nlang: fr\nphotos:\n- /a.jpg\n---\nBody.",
    )
    .unwrap();
    assert_eq!(post.photos, ["/a.jpg"]);
    let extra = serde_json::Value::Object(post.extra);
    assert_eq!(
        extra,
        serde_json::json!({"comments": false, "layout": "photo", "lang": "fr"})
    );
}

#[test]
fn relative_urls_resolve_in_a_posts_asset_folder_and_in_a_pages_own_folder() {
    // A Hexo post with `post_asset_folder`: its files are beside it, under its name.
    assert_eq!(
        relative_folder("/2024/01/02/hello.html", true),
        "/2024/01/02/hello/"
    );
    assert_eq!(
        relative_folder("/2024/01/02/hello/", true),
        "/2024/01/02/hello/"
    );
    // A page (`source/api/filter.md`): `posts.html` is `/api/posts.html`, as a browser reads it.
    assert_eq!(relative_folder("/api/filter.html", false), "/api/");
}
