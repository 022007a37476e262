use super::*;

fn html(markdown: &str) -> String {
    render(markdown).html
}

// What a reader gets of each kind of Markdown, as reviewed snapshots (`snapshots/`).

#[test]
fn gfm_extensions_render() {
    insta::assert_snapshot!(html(concat!(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\n",
        "\"quoted\" -- and...\n\nText[^1].\n\n[^1]: The note.\n\n```rust\nfn main() {}\n```"
    )));
}

#[test]
fn githubs_alerts_are_callouts_titled_in_the_sites_language() {
    let markdown = concat!(
        "> [!NOTE]\n> Read *this*.\n\n> [!TIP]\n> One.\n>\n> Two.\n\n",
        "> [!IMPORTANT]\n> I.\n\n> [!WARNING]\n> W.\n\n> [!CAUTION]\n> C.\n\n",
        "> Plain quote.\n\n> [!UNKNOWN]\n> Stays a quote.\n"
    );
    let english = html(markdown);
    insta::assert_snapshot!(english);
    for kind in ["note", "tip", "important", "warning", "caution"] {
        assert!(english.contains(&format!("<blockquote class=\"markdown-alert-{kind}\">")));
    }
    assert_eq!(english.matches("class=\"callout-title\"").count(), 5);
    assert!(english.contains("[!UNKNOWN]"), "{english}");

    let words = crate::i18n::words("ja", &Default::default()).unwrap();
    let japanese = render_in("> [!WARNING]\n> W.\n", "/", &PostWords::of(&words)).html;
    assert!(
        japanese.contains("<p class=\"callout-title\">警告</p>"),
        "{japanese}"
    );
    // Raw HTML elsewhere sends the whole body through the sanitiser: the callout stays.
    let sanitised = html("> [!TIP]\n> Tip.\n\n<span>raw</span>\n");
    assert!(
        sanitised.contains(
            "<blockquote class=\"markdown-alert-tip\">\n<p class=\"callout-title\">Tip</p>"
        ),
        "{sanitised}"
    );
}

#[test]
fn formulas_are_mathml_and_a_broken_one_is_its_source() {
    let rendered = render(concat!(
        "Euler: $e^{i\\pi} + 1 = 0$, costs $5 and $6.\n\n",
        "$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$\n\n",
        "Broken: $\\frac{1}$ and `$code$`.\n\n<span>raw</span>\n"
    ));
    let html = &rendered.html;
    insta::assert_snapshot!(html);
    assert!(html.contains("<math"), "{html}");
    assert!(html.contains("<math display=\"block\""), "{html}");
    assert!(
        html.contains("costs $5 and $6."),
        "prices stay text: {html}"
    );
    assert!(html.contains("<code>$code$</code>"), "{html}");
    assert!(
        html.contains("<code class=\"math-source\">$\\frac{1}$</code>"),
        "{html}"
    );
    assert_eq!(rendered.undrawn.len(), 1, "{:?}", rendered.undrawn);
    assert_eq!(rendered.undrawn[0].source, "\\frac{1}");
    assert_eq!(rendered.undrawn[0].what, "a formula");
    // Nothing a formula holds is markup.
    let hostile = html_of("$\\text{<script>alert(1)</script>}\"><img src=x onerror=alert(2)>$");
    assert!(
        !hostile.contains("<script") && !hostile.contains("<img"),
        "{hostile}"
    );
}

fn html_of(markdown: &str) -> String {
    html(markdown)
}

#[test]
fn headings_get_unique_ids_and_a_nested_toc() {
    let rendered = render("## Intro\n\n### Details {#custom .wide}\n\n## Intro\n\n## C++ & 日本語");
    insta::assert_snapshot!(rendered.html);
    let ids = |entries: &[TocEntry]| entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&rendered.toc),
        ["intro", "intro-1", "c-plus-plus-and-日本語"]
    );
    assert_eq!(ids(&rendered.toc[0].children), ["custom"]);
}

#[test]
fn body_h1_moves_down_so_the_title_stays_the_only_h1() {
    let rendered = render("# Top\n\n## Sub");
    insta::assert_snapshot!(rendered.html);
    assert_eq!(rendered.toc[0].children[0].level, 3);
}

#[test]
fn raw_html_passes_but_scripts_handlers_and_javascript_urls_do_not() {
    let out = html(concat!(
        "<div class=\"ad-slot\" data-slot=\"top\" style=\"min-height:90px\">ad</div>\n\n",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\" allowfullscreen></iframe>\n\n",
        "<script>alert(1)</script>\n\n",
        "<img src=\"x.png\" onerror=\"alert(2)\" alt=\"x\">\n\n",
        "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">raw</a>\n"
    ));
    insta::assert_snapshot!(out);
    for banned in ["<script", "alert(1)", "onerror", "javascript:"] {
        assert!(!out.contains(banned), "{banned} survived in {out}");
    }
}

#[test]
fn external_links_open_safely_and_images_load_lazily() {
    insta::assert_snapshot!(html(
        "[ext](https://example.org \"T\") [int](/posts/x) ![alt text](/a.png)"
    ));
}

#[test]
fn excerpt_marker_and_first_paragraph() {
    let rendered = render("First *para*.\n\nSecond.\n\n<!-- more -->\n\nAfter.");
    let before_more = rendered.before_more.unwrap();
    assert_eq!(
        before_more.html,
        "<p>First <em>para</em>.</p>\n<p>Second.</p>\n"
    );
    assert_eq!(before_more.text, "First para.\nSecond.");
    let first = rendered.first_paragraph.unwrap();
    assert_eq!(
        (first.html.as_str(), first.text.as_str()),
        ("<p>First <em>para</em>.</p>\n", "First para.")
    );
    assert!(!rendered.html.contains("more"));
    assert_eq!(
        render("Inline <!--more--> marker")
            .before_more
            .unwrap()
            .html,
        "<p>Inline </p>\n"
    );
    // Wherever Hexo finds it: text after it on its line, in a heading, in any case.
    let after = render("Intro.\n\n<!-- more -->Then the rest.\n");
    assert_eq!(after.before_more.unwrap().html, "<p>Intro.</p>\n");
    assert!(after.html.contains("Then the rest."), "{}", after.html);
    let heading = render("Intro.\n\n# pacman -S x<!-- More -->\n\nBody.\n");
    assert_eq!(heading.before_more.unwrap().text, "Intro.\npacman -S x");
    let no_marker = render("> quoted\n\nReal first.\n\n`<!-- more -->` in code");
    assert_eq!(no_marker.before_more, None);
    assert_eq!(no_marker.first_paragraph.unwrap().text, "Real first.");
}

#[test]
fn plain_text_leaves_markup_out() {
    let text =
        render("# Title\n\nSome `code` and <b>html</b> [link](x).\n\n```\nfn x() {}\n```").text;
    assert_eq!(text, "Title\nSome code and html link.\nfn x() {}\n\n");
}

#[test]
fn root_relative_urls_become_relative_to_the_base_href() {
    let out = html("![a](/images/a.png) [b](/posts/b) [c](//cdn.example/c) [d](#d) <img src=\"/x.svg\" alt=\"x\">");
    for expected in [
        r#"src="images/a.png""#,
        r#"href="posts/b""#,
        r#"href="//cdn.example/c""#,
        r##"href="#d""##,
        r#"src="x.svg""#,
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
}

#[test]
fn markdown_without_html_skips_the_sanitiser_and_comes_out_as_it_would_make_it() {
    let documents = [
        "# Title {#top .wide}\n\nText with *emphasis*, `code`, ~~struck~~ and \"quotes\" & <angles>.",
        "[int](/posts/x \"T\") [ext](https://example.org) [rel](a/b:c) [mail](mailto:a@b.c) <https://auto.example>",
        "![alt *text*](/images/a.png \"Title\") ![remote](https://cdn.example/b.jpg) ![x](<a b.png>)",
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] not\n\nNote[^1].\n\n[^1]: The note.",
        "> quote\n\n1. one\n2. two\n\n---\n\nLine  \nbreak",
        "First paragraph.\n\n<!-- more -->\n\nAfter the marker.",
    ];
    // Parses and writes HTML back as the sanitiser does, changing nothing else: what is left
    // to compare is what the sanitiser would remove, add or rewrite.
    let mut normaliser = ammonia::Builder::default();
    normaliser
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .add_tags(["input"])
        .add_generic_attributes([
            "id",
            "class",
            "style",
            "href",
            "src",
            "alt",
            "title",
            "rel",
            "target",
            "loading",
            "decoding",
            "type",
            "checked",
            "disabled",
            "aria-label",
        ]);
    for markdown in documents {
        let fast = render(markdown);
        let sanitised = render_sanitising(markdown, "/", &ENGLISH, true);
        let clean = |html: &str| normaliser.clean(html).to_string();
        // The sanitiser also gives links within the page (footnotes) a `rel`, which means
        // nothing there.
        let unrel = without_rel_on_links_within_the_page;
        assert_eq!(clean(&fast.html), unrel(&sanitised.html), "{markdown}");
        let first = |r: &Rendered| r.first_paragraph.as_ref().unwrap().html.clone();
        assert_eq!(
            clean(&first(&fast)),
            unrel(&first(&sanitised)),
            "{markdown}"
        );
        assert_eq!(fast.text, sanitised.text, "{markdown}");
    }
}

#[test]
fn markdown_alone_cannot_carry_scripts_or_handlers_either() {
    let out = html(concat!(
        "# Heading {onclick=alert(1)}\n\n",
        "[a](javascript:alert(2)) [b](JavaScript:alert(3)) [c](<java\tscript:alert(4)>) ",
        "[d](javascript&#58;alert(5)) ![e](javascript:alert(6)) [f](vbscript:alert(7)) ",
        "[g](data:text/html;base64,PHNjcmlwdD4=)\n"
    ));
    // What a browser would run: a handler, or a URL whose scheme runs code. (The tab, written
    // `%09`, makes `java%09script:` a harmless relative URL.)
    let lowered = out.to_lowercase();
    for banned in ["onclick", "\"javascript:", "\"vbscript:", "\"data:"] {
        assert!(!lowered.contains(banned), "{banned} survived in {out}");
    }
}

fn without_rel_on_links_within_the_page(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"#") {
        let end = at + rest[at..].find('>').unwrap();
        out += &rest[..at];
        out += &rest[at..end].replace(" rel=\"noopener\"", "");
        rest = &rest[end..];
    }
    out + rest
}
