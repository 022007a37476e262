//! Posts written by someone who wants to run script in readers' browsers or break the build:
//! each builds into a site where nothing they wrote can run, or fails with `path:line`.

use std::fs;
use std::path::Path;

use quire_build::{build, Options};
use quire_model::{ListPage, PostFile, SiteIndex};

#[path = "support/script.rs"]
mod script;
use script::script_in;

/// The site built from `posts` (file name, contents): its folder, and the build's warnings or
/// its error.
fn build_site(posts: &[(&str, &str)]) -> (tempfile::TempDir, Result<Vec<String>, String>) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), "title = \"Hostile\"\n").unwrap();
    for (name, text) in posts {
        let path = dir.path().join("content/posts").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let result = build(&Options {
        root: dir.path().to_owned(),
        out: dir.path().join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    });
    let result = result
        .map(|report| report.warnings.iter().map(ToString::to_string).collect())
        .map_err(|e| e.to_string());
    (dir, result)
}

/// The JSON file `file` in `data` (or at `data` itself, for an empty `file`).
fn read<T: serde::de::DeserializeOwned>(data: &Path, file: &str) -> T {
    let path = if file.is_empty() {
        data.to_owned()
    } else {
        data.join(file)
    };
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// Every piece of HTML the bundle carries for a reader: each post's body and excerpt, as the
/// post files and the list pages (home, archive, tags) hold them.
fn all_html(dir: &Path) -> Vec<String> {
    let data = dir.join("out/data");
    let mut html = Vec::new();
    for entry in fs::read_dir(data.join("posts")).unwrap() {
        let post: PostFile =
            serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        html.push(post.body_html.clone());
        html.push(post.post.excerpt_html.clone());
    }
    for entry in fs::read_dir(data.join("lists")).unwrap() {
        let list: ListPage =
            serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        html.extend(
            list.posts
                .into_iter()
                .map(|listed| listed.post.excerpt_html),
        );
    }
    let index_name = fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with("index."))
        .unwrap();
    let _: SiteIndex = read(&data, &index_name);
    html
}

fn assert_no_script(posts: &[(&str, &str)]) {
    let (dir, result) = build_site(posts);
    result.unwrap();
    for html in all_html(dir.path()) {
        assert!(
            script_in(&html).is_empty(),
            "{:?} in {html}",
            script_in(&html)
        );
    }
}

#[test]
fn the_script_finder_finds_what_runs() {
    assert_eq!(
        script_in(r#"<img src=x onerror=alert(1)>"#),
        ["handler onerror"]
    );
    assert_eq!(
        script_in(r#"<a href="&#106;avascript:x">"#),
        [r#"href="&#106;avascript:x"#]
    );
    assert_eq!(script_in(r#"<a href=" java	script:x">"#).len(), 1);
    assert!(script_in(r#"<a href="posts/javascript/">on the subject</a>"#).is_empty());
    // Text is not markup, whatever it says; a quoted `>` does not end a tag.
    assert!(
        script_in(r#"<p>&lt;iframe src="javascript:x" onclick="y"&gt; onload=z</p>"#).is_empty()
    );
    assert_eq!(
        script_in(r#"<a title="a>b" onclick="x">"#),
        ["handler onclick"]
    );
    assert_eq!(script_in("<!-- <script> --><SCRIPT>"), ["<script"]);
    // What a browser reads as text in an iframe (up to its end tag) runs nothing.
    assert!(script_in(r#"<iframe src="a"></iframes <b onclick="x"></iframe>"#).is_empty());
    assert_eq!(
        script_in(r#"<iframe></iframe><b onclick="x">"#),
        ["handler onclick"]
    );
    // Cut anywhere, it still reads (the fuzzer cuts pages short).
    let page = r#"<a title="a>b" onclick="x">é<img src=x onerror=y/><!-- c"#;
    for (end, _) in page.char_indices() {
        script_in(&page[..end]);
    }
}

#[test]
fn raw_html_and_links_in_headings_run_nothing_on_any_page() {
    assert_no_script(&[(
        "heading.md",
        "---\ntitle: Headings\ndate: 2024-01-01\n---\n## Setup <img src=x onerror=alert(1)>\n\n## See [docs](javascript:alert(2))\n\n### ![i](javascript:alert(3)) <b onclick=alert(4)>b</b>\n\n<!-- more -->\n\nBody.\n",
    )]);
}

#[test]
fn root_relative_script_urls_stay_paths() {
    assert_no_script(&[(
        "relative.md",
        concat!(
            "---\ntitle: Relative\ndate: 2024-01-01\n---\n",
            "[a](/javascript:alert(1)) [ref][r] <a href=\"/javascript:alert(3)\">raw</a>\n",
            "<a href=\"/&#106;avascript:alert(4)\">encoded</a> <a href=\"/JavaScript&colon;alert(5)\">colon</a>\n\n",
            "<iframe src=\"/javascript:alert(6)\"></iframe>\n\n",
            "{% iframe /javascript:alert(7) %}\n\n{% link x /javascript:alert(8) %}\n\n",
            "![img](/javascript:alert(9))\n\n",
            "[r]: /javascript:alert(2)\n",
        ),
    )]);
}

#[test]
fn a_placeholder_typed_in_a_post_is_an_error_with_its_line() {
    let (_dir, result) = build_site(&[(
        "forged.md",
        "---\ntitle: Forged\n---\nText.\n\n<a href=\"#quire-post-path=x\" title=\"{{quire-post-title:x}}\">x</a>\n",
    )]);
    let error = result.unwrap_err();
    assert!(
        error.contains("forged.md:6: `#quire-post-path=` is reserved"),
        "{error}"
    );
    assert!(
        error.contains("forged.md:6: `{{quire-post-title:` is reserved"),
        "{error}"
    );
}

#[test]
fn private_use_text_is_text_and_code_blocks_stay_where_they_are() {
    let (dir, result) = build_site(&[(
        "marker.md",
        "---\ntitle: Marker\ndate: 2024-01-01\n---\n<a title=\"\u{E000}0\u{E001}\">x</a> \u{E000}0\u{E001}\n\n```\ncode\n```\n",
    )]);
    result.unwrap();
    let body = all_html(dir.path()).remove(0);
    assert!(
        body.contains("<a title=\"\u{E000}0\u{E001}\" rel=\"noopener\">x</a> \u{E000}0\u{E001}"),
        "{body}"
    );
    assert_eq!(body.matches("class=\"code-block\"").count(), 1, "{body}");
    assert!(
        body.find("code-block").unwrap() > body.find("</p>").unwrap(),
        "{body}"
    );
}

#[test]
fn an_opening_brace_percent_without_a_close_is_text() {
    let (dir, result) = build_site(&[(
        "braces.md",
        "---\ntitle: Braces\ndate: 2024-01-01\n---\n{%} and `{%}` and {% and\n\n    {%}\n",
    )]);
    result.unwrap();
    assert!(all_html(dir.path())[0].contains("{%} and <code>{%}</code>"));
}

#[test]
fn many_identical_headings_get_ids_in_one_pass() {
    let body = "## Same\n\n".repeat(20_000);
    let (dir, result) = build_site(&[(
        "same.md",
        &format!("---\ntitle: Same\ndate: 2024-01-01\n---\n{body}"),
    )]);
    result.unwrap();
    let html = &all_html(dir.path())[0];
    assert!(html.contains(r#"<h2 id="same">"#) && html.contains(r#"<h2 id="same-19999">"#));
}

#[test]
fn a_mark_range_of_billions_of_lines_marks_the_blocks_lines() {
    let (dir, result) = build_site(&[(
        "mark.md",
        "---\ntitle: Mark\ndate: 2024-01-01\n---\n{% codeblock mark:2-4294967295 %}\na\nb\n{% endcodeblock %}\n",
    )]);
    result.unwrap();
    let html = &all_html(dir.path())[0];
    assert!(
        html.contains(r#"<span class="line">a</span>"#)
            && html.contains(r#"<span class="line marked">b</span>"#),
        "{html}"
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_left_out_with_a_warning() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.txt"),
        "the build machine's secret",
    )
    .unwrap();
    fs::create_dir(outside.path().join("keys")).unwrap();
    fs::write(outside.path().join("keys/private.pem"), "a private key").unwrap();
    fs::write(root.join("_config.yml"), "title: Linked\n").unwrap();
    fs::create_dir_all(root.join("source/_posts")).unwrap();
    fs::create_dir_all(root.join("source/images")).unwrap();
    fs::write(root.join("source/images/a.png"), "png").unwrap();
    fs::write(
        root.join("source/_posts/hello.md"),
        "---\ntitle: Hello\ndate: 2024-01-01\n---\nHi.\n",
    )
    .unwrap();
    symlink(
        outside.path().join("secret.txt"),
        root.join("source/passwd.txt"),
    )
    .unwrap();
    symlink(
        root.join("source/images/a.png"),
        root.join("source/alias.png"),
    )
    .unwrap();
    symlink(outside.path().join("keys"), root.join("source/keys")).unwrap();
    // A post's asset folder that is a link out, and one with a link out inside.
    symlink(
        outside.path().join("keys"),
        root.join("source/_posts/hello"),
    )
    .unwrap();
    let report = build(&Options {
        root: root.to_owned(),
        out: root.join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    })
    .unwrap();
    let published: Vec<String> = walk(&root.join("out/static"));
    assert_eq!(
        published,
        ["alias.png", "images", "images/a.png"],
        "{published:?}"
    );
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    for name in ["source/passwd.txt", "source/keys", "source/_posts/hello"] {
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(name) && w.contains("outside the site")),
            "{name} in {warnings:?}"
        );
    }
}

/// Every path under `dir`, relative to it, sorted.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            found.push(
                path.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The build's problems for one post `text`, which must fail.
fn problems_of(text: &str) -> String {
    let (_dir, result) = build_site(&[("p.md", text)]);
    result.expect_err("the build fails")
}

#[test]
fn limits_no_real_blog_reaches_are_errors_with_their_line() {
    let chain = |n: usize| {
        (0..n)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tags = (0..101)
        .map(|i| format!("t{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cases = [
        (
            "title: A\ndate: 10000-01-01".to_owned(),
            "p.md:3: `date` is not a date",
        ),
        (
            "title: A\ndate: -0001-01-01".to_owned(),
            "p.md:3: `date` is not a date",
        ),
        (
            format!("title: A\ncategories: [{}]", chain(3000)),
            "p.md:3: a category 3000 levels deep: 16 at most",
        ),
        (
            format!("title: A\ncategories: [{}]", chain(17)),
            "p.md:3: a category 17 levels deep",
        ),
        (
            format!("title: A\ntags: [{tags}]"),
            "p.md:3: 101 tags: a post may have 100 at most",
        ),
        (
            format!("title: A\nslug: {}", "s".repeat(300)),
            "p.md:3: the slug is 300 bytes long",
        ),
        (
            format!("title: A\ntags: [{}]", "t".repeat(300)),
            "p.md:3: `ttt",
        ),
    ];
    for (front, expected) in cases {
        let problems = problems_of(&format!("---\n{front}\n---\nBody.\n"));
        assert!(problems.contains(expected), "{expected} not in {problems}");
    }
    let post = |body: &str| format!("---\ntitle: A\n---\nfirst\n\n{body}\n");
    let bodies = [
        (
            post(&"x".repeat(10 * 1024 * 1024)),
            "p.md: the file is 10485785 bytes: a post is 10485760 bytes (10 MiB) at most",
        ),
        (
            post(&format!("{} deep", ">".repeat(513))),
            "p.md:6: blockquotes, lists and HTML elements nest deeper than 512",
        ),
        (
            post(&format!("<div>\n\n{}", "<span>".repeat(512))),
            "p.md:8: blockquotes, lists and HTML elements nest deeper than 512",
        ),
        (
            post(&format!("{}\n\n{}", "- a\n".repeat(1000), "> > x\n".repeat(500_000))),
            "p.md:500008: the post opens more than 1000000 blockquotes, lists and HTML elements by here",
        ),
    ];
    for (text, expected) in bodies {
        let problems = problems_of(&text);
        assert!(problems.contains(expected), "{expected} not in {problems}");
    }
}

#[test]
fn sixteen_levels_of_categories_build_and_read_back() {
    let chain = (0..16)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (dir, result) = build_site(&[(
        "deep.md",
        &format!("---\ntitle: Deep\ndate: 2024-01-01\ncategories: [{chain}]\n---\nx\n"),
    )]);
    result.unwrap();
    assert_eq!(all_html(dir.path()).len(), 4);
}

#[test]
fn a_permalink_cannot_land_on_a_file_the_site_writes() {
    for permalink in [
        "/index.html",
        "/robots.txt",
        "/atom.xml",
        "/404.html",
        "/data/x/",
        "/app-0123abcd/quire.js",
        "/sitemap-2.xml",
    ] {
        let problems = problems_of(&format!(
            "---\ntitle: A\ndate: 2024-01-01\npermalink: {permalink}\n---\nx\n"
        ));
        assert!(
            problems.contains("p.md:4: the permalink makes"),
            "{permalink}: {problems}"
        );
    }
}

#[test]
fn a_permalink_is_a_file_name_on_every_system() {
    let long = "x".repeat(256);
    for (permalink, why) in [
        ("\"/a\\u0000b/\"", "control character U+0000"),
        ("\"/a\\tb/\"", "control character U+0009"),
        ("/a\\b/", "a folder separator on Windows"),
        (&format!("/{long}/x/"), "256 bytes long"),
        // Case does not tell files apart on macOS and Windows.
        ("/Index.html", "one of the blog's own pages"),
        ("/DATA/x/", "where the blog's own pages are"),
    ] {
        let problems = problems_of(&format!(
            "---\ntitle: A\ndate: 2024-01-01\npermalink: {permalink}\n---\nx\n"
        ));
        assert!(
            problems.contains("p.md:4: the permalink makes") && problems.contains(why),
            "{permalink}: {problems}"
        );
    }
    // A name of 255 bytes is one every system takes.
    let (_dir, result) = build_site(&[(
        "p.md",
        &format!(
            "---\ntitle: A\ndate: 2024-01-01\npermalink: /{}/x/\n---\nx\n",
            "x".repeat(255)
        ),
    )]);
    result.expect("a 255-byte name builds");
}

#[test]
fn two_urls_that_differ_only_in_case_are_an_error() {
    let (_dir, result) = build_site(&[
        (
            "a.md",
            "---\ntitle: A\ndate: 2024-01-01\npermalink: /Hello/\n---\nx\n",
        ),
        (
            "b.md",
            "---\ntitle: B\ndate: 2024-01-02\npermalink: /hello/\n---\ny\n",
        ),
    ]);
    let problems = result.expect_err("the build fails");
    assert!(
        problems.contains("b.md:1: the URL `/hello/` differs from `/Hello/` of")
            && problems.contains("a.md only in case"),
        "{problems}"
    );
}

#[test]
fn many_of_one_thing_build_in_one_pass() {
    // Each of these once searched the whole post again for every one of them.
    let blocks = "```\nx\n```\n\n".repeat(5_000);
    let unclosed = "{% tag\n{% blockquote\n".repeat(10_000);
    let links = "{% post_link target %} ".repeat(5_000);
    let (dir, result) = build_site(&[
        (
            "blocks.md",
            &format!("---\ntitle: Blocks\ndate: 2024-01-01\n---\n{blocks}"),
        ),
        (
            "unclosed.md",
            &format!("---\ntitle: Unclosed\ndate: 2024-01-02\n---\n{unclosed}"),
        ),
        (
            "links.md",
            &format!("---\ntitle: Links\ndate: 2024-01-03\n---\n{links}"),
        ),
        (
            "target.md",
            "---\ntitle: Target\ndate: 2024-01-04\n---\nHere.\n",
        ),
    ]);
    result.unwrap();
    let bodies: Vec<String> = fs::read_dir(dir.path().join("out/data/posts"))
        .unwrap()
        .map(|entry| read::<PostFile>(&entry.unwrap().path(), "").body_html)
        .collect();
    let count = |needle: &str| {
        bodies
            .iter()
            .map(|body| body.matches(needle).count())
            .sum::<usize>()
    };
    assert_eq!(count("class=\"code-block\""), 5_000);
    assert_eq!(count(">Target</a>"), 5_000);
    assert_eq!(count("{% tag"), 10_000);
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .filter(|name| dir.join(name).is_file())
        .map(|name| {
            let bytes = fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn a_build_that_fails_late_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("_config.yml"), "title: Late\n").unwrap();
    fs::create_dir_all(root.join("source/_posts/hello")).unwrap();
    fs::create_dir_all(root.join("source/images")).unwrap();
    fs::write(root.join("source/images/a.png"), "png").unwrap();
    fs::write(root.join("source/_posts/hello/x.png"), "asset").unwrap();
    let post = root.join("source/_posts/hello.md");
    fs::write(&post, "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst.\n").unwrap();
    let options = Options {
        root: root.to_owned(),
        out: root.join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    };
    build(&options).unwrap();
    let before = snapshot(&root.join("out"));
    assert!(before
        .iter()
        .any(|(name, _)| name == "static/2024/01/01/hello/x.png"));
    // The post changes, and a file of source/ stands where its asset folder goes: the build
    // fails copying the assets, after the bundle and source/ were made.
    fs::write(&post, "---\ntitle: Hello\ndate: 2024-01-01\n---\nSecond.\n").unwrap();
    fs::create_dir_all(root.join("source/2024/01/01")).unwrap();
    fs::write(root.join("source/2024/01/01/hello"), "in the way").unwrap();
    let error = build(&options).unwrap_err().to_string();
    assert!(error.contains("cannot copy a post's assets"), "{error}");
    assert_eq!(snapshot(&root.join("out")), before);
    // Killed between the two renames of a swap: the next build puts the old folder back
    // first, even one that then fails.
    fs::rename(root.join("out/data"), root.join("out/.data.old-1")).unwrap();
    fs::write(
        &post,
        "---\ntitle: Hello\ndate: 2024-01-01\n---\n{% post_link nowhere %}\n",
    )
    .unwrap();
    assert!(build(&options).is_err());
    assert_eq!(snapshot(&root.join("out")), before);
}

#[test]
fn front_matter_urls_follow_the_url_policy() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), "title = \"Hostile\"\n").unwrap();
    fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    fs::write(
        dir.path().join("content/posts/gallery.md"),
        "---\ntitle: Gallery\ndate: 2024-01-01\nthumbnail: ' JavaScript:alert(1)'\nphotos:\n  - /images/a.jpg\n  - javascript:alert(2)\n  - https://cdn.example.org/b.jpg\n---\nx\n",
    )
    .unwrap();
    let report = build(&Options {
        root: dir.path().to_owned(),
        out: dir.path().join("out"),
        drafts: false,
        cache: false,
        base_url: None,
    })
    .unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "content/posts/gallery.md:4: `thumbnail`: ` JavaScript:alert(1)` is not a URL Quire links to (only http, https, mailto and relative ones): left out",
            "content/posts/gallery.md:5: `photos`: `javascript:alert(2)` is not a URL Quire links to (only http, https, mailto and relative ones): left out",
        ]
    );
    let posts = dir.path().join("out/data/posts");
    let file = fs::read_dir(&posts)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let post: PostFile = read(&file, "");
    assert_eq!(post.post.thumbnail, None);
    assert_eq!(
        post.photos,
        ["/images/a.jpg", "https://cdn.example.org/b.jpg"]
    );
}

#[test]
fn links_the_url_policy_turns_away_are_warnings_with_their_line() {
    let (_dir, result) = build_site(&[(
        "p.md",
        "---\ntitle: A\ndate: 2024-01-01\n---\n[ok](https://example.org) [x](javascript:a)\n\n\
         [ref][r] <a href=\"tel:123\">call</a>\n\n\
         <iframe src='java&#x09;script:b'></iframe> <img src=&#x6A;avascript:c>\n\n\
         [r]: vbscript:d\n",
    )]);
    let warnings = result.expect("a post with bad links builds");
    let not_allowed = |line: usize, url: &str| {
        format!("content/posts/p.md:{line}: `{url}` is not a URL Quire links to (only http, https, mailto and relative ones): left out")
    };
    assert_eq!(
        warnings,
        [
            not_allowed(5, "javascript:a"),
            not_allowed(7, "tel:123"),
            not_allowed(9, "java&#x09;script:b"),
            not_allowed(9, "&#x6A;avascript:c"),
            not_allowed(11, "vbscript:d"),
        ]
    );
}

#[test]
fn a_post_cannot_style_itself_over_the_page() {
    let (dir, result) = build_site(&[(
        "cover.md",
        concat!(
            "---\ntitle: Cover\ndate: 2024-01-01\n---\n",
            "<div style=\"position:fixed;inset:0;z-index:9\">a</div>\n\n",
            "<div style=\"p\\osition: fixed\">b</div>\n\n",
            "<div style=\"margin-top:-400px\">c</div>\n\n",
            "<div style=\"TRANSFORM: translateY(-100%)\">d</div>\n\n",
            "<div style=\"min-height:90px; margin: 0 auto\">kept</div>\n",
        ),
    )]);
    result.unwrap();
    let body = all_html(dir.path()).remove(0);
    assert_eq!(body.matches("style=").count(), 1, "{body}");
    assert!(
        body.contains(r#"<div style="min-height:90px; margin: 0 auto">kept</div>"#),
        "{body}"
    );
}
