//! Mermaid diagrams (```` ```mermaid ```` fences) to inline SVG when the site is built, by
//! mermaid-rs-renderer (pure Rust, well under a millisecond a diagram): readers download no
//! mermaid.js (about 1 MB) and see the diagram before any script runs.
//!
//! The renderer writes what a post says into its SVG unescaped (a `click` URL, a `style`
//! value), so its SVG goes through a sanitiser of its own that keeps only drawing elements and
//! attributes, safe URLs and colours. The renderer's palette becomes CSS variables, so a diagram
//! follows the light and dark themes (with the light colours as fallbacks, for feed readers).

use std::borrow::Cow;

use mermaid_rs_renderer::{compute_layout, parse_mermaid, render_svg, LayoutConfig, Theme};
use quire_model::escape_html;

/// Mermaid's own limit on a diagram's source (`maxTextSize`): a larger one is not drawn.
const MAX_SOURCE: usize = 50_000;

/// The most nodes and edges a diagram may have: the renderer's layout grows much faster than
/// the graph (BENCHMARKS.md, "Diagrams": 100 nodes and 200 edges take about 10 s, 400 and 800
/// take 150 s), so a larger graph, which no reader could follow anyway, is not drawn rather
/// than stalling the build.
const MAX_ELEMENTS: usize = 120;

/// `source` as a `<figure>` holding the diagram's SVG, the source kept as its accessible
/// description; or why it cannot be drawn.
pub(crate) fn figure(source: &str) -> Result<String, String> {
    if source.len() > MAX_SOURCE {
        return Err(format!(
            "{} bytes, more than Mermaid's {MAX_SOURCE}",
            source.len()
        ));
    }
    // A renderer's bug on odd input is this diagram's problem, not the build's.
    let svg = std::panic::catch_unwind(|| raw_svg(source))
        .map_err(|_| "the renderer failed on it".to_owned())??;
    // The description goes in before sanitising: the renderer's own `<svg …>` tag holds
    // numbers only, so its first `>` ends it.
    let start_end = svg.find('>').ok_or("the renderer made no SVG")? + 1;
    let described = format!(
        "{}<desc>{}</desc>{}",
        &svg[..start_end],
        escape_html(source.trim()),
        &svg[start_end..]
    );
    let clean = sanitiser(&id_prefix(source)).clean(&described).to_string();
    if !clean.starts_with("<svg") {
        return Err("the renderer made no SVG".to_owned());
    }
    Ok(format!(
        "<figure class=\"diagram\">{}</figure>",
        clean.replacen("<svg", "<svg role=\"img\"", 1)
    ))
}

/// The renderer's SVG for `source`, unsanitised. Its text is measured by estimate (the font
/// named is one no machine has): the same diagram is the same SVG on every machine, and the
/// renderer does not copy a system font into the user's cache folder.
fn raw_svg(source: &str) -> Result<String, String> {
    let theme = Theme {
        font_family: "quire-estimated-metrics".to_owned(),
        ..Theme::modern()
    };
    let config = LayoutConfig::default();
    let parsed = parse_mermaid(source).map_err(|e| first_line(&e.to_string()))?;
    let elements = parsed.graph.nodes.len() + parsed.graph.edges.len();
    if elements > MAX_ELEMENTS {
        return Err(format!(
            "{elements} nodes and edges, more than the {MAX_ELEMENTS} drawn"
        ));
    }
    let layout = compute_layout(&parsed.graph, &theme, &config);
    Ok(render_svg(&layout, &theme, &config))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_owned()
}

/// What every id of the diagram drawn from `source` starts with: the renderer names its
/// arrowheads and edges the same in every diagram (`arrow-0`), and an id may be the page's own
/// (`search`). Diagrams with the same source are the same SVG, so may share ids.
fn id_prefix(source: &str) -> String {
    let hash = sha1_smol::Sha1::from(source).digest().to_string();
    format!("diagram-{}-", &hash[..8])
}

/// The renderer's palette (`Theme::modern`, upper case as it writes it) and the CSS variable
/// each colour becomes; `style/main.css` gives each its light and dark value.
const PALETTE: &[(&str, &str)] = &[
    ("#FFFFFF", "var(--bg, #FFFFFF)"),
    ("#0F172A", "var(--fg, #0F172A)"),
    ("#F8FAFC", "var(--diagram-fill, #F8FAFC)"),
    ("#E2E8F0", "var(--diagram-fill-2, #E2E8F0)"),
    ("#F1F5F9", "var(--diagram-cluster, #F1F5F9)"),
    ("#CBD5E1", "var(--diagram-cluster-border, #CBD5E1)"),
    ("#94A3B8", "var(--diagram-border, #94A3B8)"),
    ("#64748B", "var(--diagram-line, #64748B)"),
    ("#FFF7ED", "var(--diagram-note, #FFF7ED)"),
    ("#FDBA74", "var(--diagram-note-border, #FDBA74)"),
];

/// The drawing elements a diagram may hold: no script, style, image, `<use>` or
/// `<foreignObject>` (which holds HTML).
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "marker",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "a",
    "linearGradient",
    "stop",
];

/// Their geometry and presentation attributes (no `style`, no event handler, no `class`).
const ATTRIBUTES: &[&str] = &[
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "dx",
    "dy",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "width",
    "height",
    "viewBox",
    "transform",
    "id",
    "fill",
    "fill-opacity",
    "fill-rule",
    "clip-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "marker-start",
    "marker-mid",
    "marker-end",
    "refX",
    "refY",
    "markerUnits",
    "markerWidth",
    "markerHeight",
    "orient",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
];

/// Attributes whose value is a paint or colour.
const COLOURS: &[&str] = &["fill", "stroke", "stop-color"];

/// The sanitiser for one diagram, whose ids start with `prefix`.
fn sanitiser(prefix: &str) -> ammonia::Builder<'static> {
    let prefix = prefix.to_owned();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ELEMENTS.iter().copied().collect())
        .clean_content_tags(["script", "style"].into())
        .generic_attributes(ATTRIBUTES.iter().copied().collect())
        .add_tag_attributes("a", ["href"])
        .attribute_filter(move |_, attribute, value| attribute_value(&prefix, attribute, value));
    crate::markdown::with_url_policy(&mut builder);
    builder
}

/// What `attribute` keeps of `value`: ids and references to them prefixed, the palette's
/// colours as CSS variables, paints only when they are colours or references.
fn attribute_value<'v>(prefix: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attribute {
        "id" => Some(format!("{prefix}{value}").into()),
        _ if COLOURS.contains(&attribute) => paint(prefix, value),
        "marker-start" | "marker-mid" | "marker-end" => reference(prefix, value).map(Cow::Owned),
        _ if value.contains(['(', '<', '>', '\\', '@']) && attribute != "transform" => None,
        _ => Some(value.into()),
    }
}

/// A paint: a colour (the palette's as its variable) or a reference to the diagram's own
/// gradient; anything else (an outside URL, an expression) is left out.
fn paint<'v>(prefix: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let value = value.trim();
    if let Some((_, variable)) = PALETTE
        .iter()
        .find(|(colour, _)| colour.eq_ignore_ascii_case(value))
    {
        return Some(Cow::Borrowed(variable));
    }
    if value.starts_with("url(") {
        return reference(prefix, value).map(Cow::Owned);
    }
    is_colour(value).then_some(Cow::Borrowed(value))
}

/// `url(#id)` with the diagram's prefix; `None` for any other URL.
fn reference(prefix: &str, value: &str) -> Option<String> {
    let id = value.trim().strip_prefix("url(#")?.strip_suffix(')')?;
    id.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .then(|| format!("url(#{prefix}{id})"))
}

/// A CSS colour: `#hex`, a name (`none`, `red`, `currentColor`), or `rgb()`/`hsl()` of numbers.
fn is_colour(value: &str) -> bool {
    if let Some(hex) = value.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if value.chars().all(|c| c.is_ascii_alphabetic()) {
        return !value.is_empty();
    }
    let Some((function, args)) = value.split_once('(') else {
        return false;
    };
    matches!(
        function.to_ascii_lowercase().as_str(),
        "rgb" | "rgba" | "hsl" | "hsla"
    ) && args.strip_suffix(')').is_some_and(|args| {
        args.chars()
            .all(|c| c.is_ascii_digit() || " .,%/-".contains(c))
    })
}

/// A diagram that could not be drawn: its source, as a code block.
pub(crate) fn as_source(source: &str) -> String {
    format!(
        "<pre class=\"diagram-source\"><code class=\"language-mermaid\">{}</code></pre>",
        escape_html(source)
    )
}

#[cfg(test)]
mod tests;
