//! Each tag's HTML as a reviewed snapshot (`snapshots/`), after Markdown and the sanitiser, as
//! a reader gets it; the scanner's and the post links' rules as plain assertions.

use super::scan::split_args;
use super::*;
use crate::highlight::marked_lines;

/// `markdown`'s page in a post at `/2024/01/02/hello/`.
fn html(markdown: &str) -> String {
    crate::markdown::render(&expand(markdown, "/2024/01/02/hello/").markdown).html
}

#[test]
fn blockquotes_carry_hexos_footers() {
    insta::assert_snapshot!(html(concat!(
        "{% blockquote David Levithan, Wide Awake %}\nDo *not* seek.\n{% endblockquote %}\n\n",
        "{% blockquote Seth Godin http://x.org/a.html Welcome %}\nQ\n{% endblockquote %}\n\n",
        "{% blockquote @Dev https://t.co/x/ %}\nQ\n{% endblockquote %}\n\n",
        "{% quote %}\nNo footer.\n{% endquote %}\n\n",
        "{% pullquote left %}\nPulled.\n{% endpullquote %}",
    )));
}

#[test]
fn code_blocks_keep_blank_lines_and_mark_lines() {
    insta::assert_snapshot!(html(concat!(
        "{% codeblock app.js lang:js http://x.org/ source mark:1,3-4 %}\na < b\n\nc\nd\n{% endcodeblock %}\n\n",
        "{% code %}\nplain\n{% endcode %}\n\nAfter."
    )));
    let marked = marked_lines("1,7-8,10,x,12-4294967295", 11);
    let lines: Vec<usize> = (1..=11).filter(|&line| marked[line - 1]).collect();
    assert_eq!(lines, [1, 7, 8, 10]);
}

#[test]
fn notes_are_callouts_and_tabs_open_one_at_a_time_without_script() {
    let notes = html(concat!(
        "{% note warning %}\nMind the **gap**.\n{% endnote %}\n\n",
        "{% note red fas fa-bomb simple %}\nDanger.\n{% endnote %}\n\n",
        "{% note %}\nPlain.\n{% endnote %}\n\n",
        "{% note info no-icon %}\nInfo.\n{% endnote %}\n\n",
        // The Hexo documentation's own notes: a class, then a title.
        "{% note warn \"Warning!\" %}\nCareful.\n{% endnote %}\n\n",
        "{% note tip Disabling layout %}\nTip.\n{% endnote %}\n\n",
        "{% note blue 'fas fa-bullhorn' modern <img src=x onerror=alert(1)> %}\nX.\n{% endnote %}",
    ));
    insta::assert_snapshot!(notes);
    for kind in ["warning", "caution", "default", "note", "tip"] {
        assert!(
            notes.contains(&format!("<div class=\"note note-{kind}\">")),
            "{kind}: {notes}"
        );
    }
    // Titles are the words that are not a class, an icon or a style; icons and styles alone
    // make no title.
    let titles: Vec<&str> = notes
        .split("<p class=\"callout-title\">")
        .skip(1)
        .map(|rest| rest.split("</p>").next().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Warning!",
            "Disabling layout",
            "&lt;img src=x onerror=alert(1)&gt;"
        ]
    );

    let tabs = html(concat!(
        "{% tabs Install, 2 %}\n<!-- tab npm @fab fa-npm -->\n`npm i quire`\n<!-- endtab -->\n\n",
        "<!-- tab -->\n**Second**\n<!-- endtab -->\n",
        "<!-- tab <script>alert(1)</script> -->\nThird\n<!-- endtab -->\n{% endtabs %}",
    ));
    insta::assert_snapshot!(tabs);
    assert_eq!(
        tabs.matches("<details class=\"tab\" name=\"tabs-install\"")
            .count(),
        3
    );
    assert!(tabs.contains("<summary>npm</summary>"), "{tabs}");
    assert!(tabs.contains("<summary>Install 2</summary>"), "{tabs}");
    assert_eq!(
        tabs.matches(" open").count(),
        1,
        "the second is open: {tabs}"
    );
    assert!(
        tabs.contains("name=\"tabs-install\" open=\"\">\n<summary>Install 2"),
        "{tabs}"
    );
    assert!(!tabs.contains("<script"), "{tabs}");
}

#[test]
fn hexo_maths_tags_are_formulas() {
    let inline = html("Area: {% katex %}\\pi r^2{% endkatex %}.");
    assert!(
        inline.starts_with("<p>Area: <math display=\"inline\">"),
        "{inline}"
    );
    let block = html(concat!(
        "{% math %}\n\\sum_{i=1}^n i\n{% endmath %}\n\n",
        "{% katex '{ \"displayMode\": true }' %}\nx\n\ny\n{% endkatex %}\n\n",
        "{% mathjax %}\nz\n{% endmathjax %}"
    ));
    assert_eq!(
        block.matches("<math display=\"block\">").count(),
        2,
        "{block}"
    );
    assert_eq!(
        block.matches("<math display=\"inline\">").count(),
        1,
        "{block}"
    );
}

#[test]
fn embeds_are_lazy_titled_and_private() {
    insta::assert_snapshot!(html(concat!(
        "{% youtube TIbZDRXM-Tg %}\n\n{% vimeo 82090131 %}\n\n",
        "{% gist 996818 %}\n\n{% gist 996818 a.rb %}\n\n{% jsfiddle ccWP7 %}\n\n",
        "{% iframe https://example.org/ 400 200 %}"
    )));
}

#[test]
fn images_links_and_raw() {
    insta::assert_snapshot!(html(concat!(
        "{% img left /a.png 200 100 '\"A title\" \"An alt\"' %}\n\n",
        "{% link Hexo docs https://hexo.io/docs/ true The docs %}\n\n",
        "{% link Local /about/ %}\n\n",
        "{% raw %}\n<div class=\"x\">*kept*</div>\n{% endraw %}"
    )));
}

#[test]
fn asset_tags_point_into_the_posts_folder() {
    insta::assert_snapshot!(html(concat!(
        "{% asset_img diagram.png \"The flow\" %}\n\n",
        "{% asset_link data.csv The data %} and [x]({% asset_path notes.pdf %})"
    )));
    assert_eq!(asset_folder_url("/archives/old.html"), "/archives/old/");
}

#[test]
fn code_fences_are_left_alone_and_unknown_tags_warn() {
    let fenced = expand("```\n{% youtube x %}\n```\n", "/");
    assert_eq!(fenced.markdown, "```\n{% youtube x %}\n```\n");
    let unknown = expand("Intro\n\n{% fancybox a.png %}\n", "/");
    assert_eq!(unknown.markdown, "Intro\n\n{% fancybox a.png %}\n");
    assert_eq!(
        unknown.warnings,
        [(
            3,
            "unknown tag plugin `{% fancybox %}`: shown as text".to_owned()
        )]
    );
    let open = expand("{% blockquote %}\nnever closed", "/");
    assert_eq!(open.warnings[0].0, 1);
    assert_eq!(open.markdown, "{% blockquote %}\nnever closed");
}

#[test]
fn an_opening_without_a_close_is_text() {
    for text in ["{%}", "a {%} b", "`{%}`", "{% youtube"] {
        let expanded = expand(text, "/");
        assert_eq!(expanded.markdown, text);
        assert!(expanded.warnings.is_empty(), "{text}");
    }
}

#[test]
fn post_links_are_resolved_by_slug() {
    let expanded = expand(
        "See {% post_link hello %} and [this]({% post_path 日本 %}).\n\n{% post_link hello 'Say hi' %}",
        "/",
    );
    let refs: Vec<(&str, usize, bool)> = expanded
        .post_refs
        .iter()
        .map(|r| (r.slug.as_str(), r.line, r.path_only))
        .collect();
    assert_eq!(
        refs,
        [("hello", 1, false), ("日本", 1, true), ("hello", 3, false)]
    );
    let html = crate::markdown::render(&expanded.markdown).html;
    let resolved = resolve_post_refs(&html, |slug| match slug {
        "hello" => Some(("/2024/01/02/hello/", "Hello <World>")),
        "日本" => Some(("/posts/日本/", "Japan")),
        _ => None,
    });
    insta::assert_snapshot!(resolved);
    assert_eq!(split_args(r#"a "b c" 'd' """#), ["a", "b c", "d", ""]);
}

#[test]
fn tags_in_inline_code_and_indented_code_are_text() {
    let markdown = "Use `{% raw %}` and ``{% post_link x %}`` inline.\n\n    {% post_link nowhere %}\n    more code\n\nThen {% post_link real %}.\n";
    let expanded = expand(markdown, "/");
    let refs: Vec<(&str, usize)> = expanded
        .post_refs
        .iter()
        .map(|r| (r.slug.as_str(), r.line))
        .collect();
    assert_eq!(refs, [("real", 6)]);
    assert!(expanded.markdown.starts_with(
        "Use `{% raw %}` and ``{% post_link x %}`` inline.\n\n    {% post_link nowhere %}\n"
    ));
    // A run of backticks no other run closes opens no code span: the tag is read.
    let unclosed = expand("a `` ` {% post_link a %}\n", "/");
    assert_eq!(unclosed.post_refs.len(), 1);
}
