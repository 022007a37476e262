use super::*;

/// One diagram of each kind the issue names, as their documentation writes them.
const KINDS: &[(&str, &str)] = &[
    (
        "flowchart",
        "flowchart LR\n  A[Write] --> B{Builds?}\n  B -->|yes| C[Publish]\n  B -->|no| A",
    ),
    (
        "sequence",
        "sequenceDiagram\n  Alice->>Bob: Hello\n  Note right of Bob: thinks\n  Bob-->>Alice: Hi",
    ),
    (
        "class",
        "classDiagram\n  Animal <|-- Duck\n  Animal : +int age\n  Duck : +swim()",
    ),
    (
        "state",
        "stateDiagram-v2\n  [*] --> Still\n  Still --> Moving\n  Moving --> [*]",
    ),
    (
        "gantt",
        "gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  section Build\n  Parse :a1, 2024-01-01, 30d\n  Render :after a1, 20d",
    ),
];

#[test]
fn each_kind_is_an_svg_figure_described_by_its_source() {
    for (kind, source) in KINDS {
        let html = figure(source).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(
            html.starts_with("<figure class=\"diagram\"><svg role=\"img\""),
            "{kind}: {html}"
        );
        assert!(html.ends_with("</svg></figure>"), "{kind}: {html}");
        let first_line = source.lines().next().unwrap();
        assert!(
            html.contains(&format!("<desc>{first_line}")),
            "{kind}: {html}"
        );
        assert!(html.contains("<text"), "{kind}: {html}");
        // The palette follows the theme; no colour of it is left as written.
        assert!(html.contains("var(--"), "{kind}: {html}");
        for (colour, _) in PALETTE {
            assert!(
                !html.contains(&format!("=\"{colour}\"")),
                "{kind}: {colour} in {html}"
            );
        }
    }
}

#[test]
fn a_diagrams_ids_and_references_are_its_own() {
    let source = KINDS[1].1;
    let html = figure(source).unwrap();
    let prefix = id_prefix(source);
    assert!(!html.contains("id=\"arrow"), "{html}");
    let ids: Vec<&str> = html.split(" id=\"").skip(1).collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| id.starts_with(&prefix)), "{html}");
    assert!(
        html.contains(&format!("marker-end=\"url(#{prefix}arrow-seq-0)\"")),
        "{html}"
    );
    assert_ne!(prefix, id_prefix(KINDS[0].1));
}

#[test]
fn nothing_a_diagram_says_runs_script_or_leaves_the_page() {
    let html = figure(concat!(
        "flowchart LR\n",
        "  A[\"<img src=x onerror=alert(1)>\"] --> B[<script>alert(2)</script>]\n",
        "  B --> C\n",
        "  click A \"javascript:alert(3)\"\n",
        "  click B \"https://example.com/ok\"\n",
        "  click C \"/about/\"\n",
        "  style C fill:#f00\"onload=\"alert(4)\n",
        "  style A fill:url(https://tracker.example/x)\n",
    ))
    .unwrap();
    // Text is escaped, so every `<` opens one of the sanitiser's tags: no tag is a script or
    // an image, none has an event handler, a `javascript:` link or an outside paint.
    for tag in html
        .split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap())
    {
        let name = tag.split_whitespace().next().unwrap_or_default();
        assert!(!matches!(name, "script" | "img" | "/script"), "<{tag}>");
        for bad in [" on", "javascript:", "url(http"] {
            assert!(!tag.contains(bad), "{bad} in <{tag}>");
        }
    }
    assert!(html.contains(" fill=\"#f00\" "), "{html}");
    assert!(
        html.contains("<a href=\"https://example.com/ok\""),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;"), "{html}");
    // A path from the site's root, as the post's own links: relative to the page's base.
    assert!(html.contains("<a href=\"about/\""), "{html}");
}

#[test]
fn a_diagram_that_cannot_be_drawn_says_why() {
    let broken = figure("flowchart LR\n  A --> ").unwrap_err();
    assert!(broken.contains("edge"), "{broken}");
    let unknown = figure("not a diagram").unwrap_err();
    assert!(unknown.contains("diagram"), "{unknown}");
    let huge = format!("flowchart LR\n{}", "  A --> B\n".repeat(6000));
    assert!(figure(&huge).unwrap_err().contains("50000"));
    // A graph too large to lay out in good time is not laid out.
    let crowded: String = (0..70)
        .map(|i| format!("  N{i} --> N{}\n", i + 1))
        .collect();
    let crowded = figure(&format!("flowchart TD\n{crowded}")).unwrap_err();
    assert!(crowded.contains("141 nodes and edges"), "{crowded}");
    assert_eq!(
        as_source("a <b> & c"),
        "<pre class=\"diagram-source\"><code class=\"language-mermaid\">a &lt;b&gt; &amp; c</code></pre>"
    );
}

#[test]
fn colours_are_colours() {
    for good in [
        "#fff",
        "#A1b2C3",
        "red",
        "rgb(1, 2, 3)",
        "hsl(215.0, 24.8%, 82.7%)",
    ] {
        assert!(is_colour(good), "{good}");
    }
    for bad in [
        "#ggg",
        "url(x)",
        "expression(alert(1))",
        "rgb(var(--x))",
        "",
        "red;x",
    ] {
        assert!(!is_colour(bad), "{bad}");
    }
}
