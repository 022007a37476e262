use super::*;

fn html(markdown: &str) -> String {
    render(markdown).html
}

#[test]
fn gfm_extensions_render() {
    assert!(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>"));
    assert!(html("~~gone~~").contains("<del>gone</del>"));
    let tasks = html("- [x] done\n- [ ] todo");
    assert!(
        tasks.contains(r#"<input type="checkbox" disabled="" checked="" aria-label="Done">"#),
        "{tasks}"
    );
    assert!(
        tasks.contains(r#"<input type="checkbox" disabled="" aria-label="Not done">"#),
        "{tasks}"
    );
    assert!(html("\"quoted\" -- and...").contains("“quoted” – and…"));
    let footnote = html("Text[^1].\n\n[^1]: The note.");
    assert!(
        footnote.contains("footnote-reference") && footnote.contains("The note."),
        "{footnote}"
    );
    assert!(html("```rust\nfn main() {}\n```").contains(r#"<code class="language-rust">"#));
}

#[test]
fn headings_get_unique_ids_and_a_nested_toc() {
    let rendered = render("## Intro\n\n### Details {#custom .wide}\n\n## Intro\n\n## C++ & 日本語");
    assert!(
        rendered.html.contains(r##"<h2 id="intro">Intro<a class="heading-anchor" href="#intro" aria-label="Link to this section""##),
        "{}",
        rendered.html
    );
    assert!(
        rendered.html.contains(
            r##"<h3 id="custom" class="wide">Details<a class="heading-anchor" href="#custom""##
        ),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains(r#"<h2 id="intro-1">"#));
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
    assert!(
        rendered.html.contains(r#"<h2 id="top">"#) && rendered.html.contains(r#"<h3 id="sub">"#),
        "{}",
        rendered.html
    );
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
    assert!(
        out.contains(r#"<div class="ad-slot" data-slot="top" style="min-height:90px">ad</div>"#),
        "{out}"
    );
    assert!(
        out.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/x\""),
        "{out}"
    );
    for banned in ["<script", "alert(1)", "onerror", "javascript:"] {
        assert!(!out.contains(banned), "{banned} survived in {out}");
    }
}

#[test]
fn external_links_open_safely_and_images_load_lazily() {
    let out = html("[ext](https://example.org \"T\") [int](/posts/x) ![alt text](/a.png)");
    assert!(
        out.contains(
            r#"<a href="https://example.org" target="_blank" title="T" rel="noopener">ext</a>"#
        ),
        "{out}"
    );
    assert!(
        out.contains(r#"<a href="posts/x" rel="noopener">int</a>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"alt="alt text""#) && out.contains(r#"loading="lazy""#),
        "{out}"
    );
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
        "<p>Inline </p>"
    );
    let no_marker = render("> quoted\n\nReal first.");
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
