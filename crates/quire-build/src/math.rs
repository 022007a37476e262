//! Formulas to MathML when the site is built: `$…$` and `$$…$$` in Markdown (and Hexo's
//! `{% math %}`, `{% katex %}`, `{% mathjax %}` tags, made `$$…$$` first). Browsers draw MathML
//! themselves, so a reader downloads no script and no font for it.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};
use quire_model::escape_html;

/// `tex` as a `<math>` element (a block when `display`), its source kept as its annotation (read
/// by assistive technology and copied with it); or why it cannot be.
///
/// A formula that does not parse as written is tried once more with Markdown's backslash
/// escapes undone (`\\{` → `\{`, `\_` → `_`): blogs written for hexo-renderer-marked and
/// MathJax escape them so, because that renderer reads the formula as Markdown before MathJax
/// sees it. Only a formula that fails both ways is an error (the first way's).
pub(crate) fn mathml(tex: &str, display: bool) -> Result<String, String> {
    mathml_as_written(tex, display).or_else(|why| {
        let unescaped = markdown_unescaped(tex).ok_or_else(|| why.clone())?;
        mathml_as_written(&unescaped, display).map_err(|_| why)
    })
}

/// `tex` with CommonMark's backslash escapes undone (a backslash before ASCII punctuation is
/// that punctuation), or `None` if it has none.
fn markdown_unescaped(tex: &str) -> Option<String> {
    let mut out = String::with_capacity(tex.len());
    let mut chars = tex.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

fn mathml_as_written(tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(tex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|event| event.is_err()) {
        // Its first line says what is wrong; the rest quotes the formula.
        let message = error.to_string();
        let message = message.lines().next().unwrap_or_default();
        return Err(message.trim_start_matches("parsing error: ").to_owned());
    }
    let config = RenderConfig {
        display_mode: match display {
            true => DisplayMode::Block,
            false => DisplayMode::Inline,
        },
        annotation: Some(tex),
        ..RenderConfig::default()
    };
    let mut html = String::new();
    push_mathml(&mut html, events.into_iter(), config).map_err(|e| e.to_string())?;
    text_escaped(&html).ok_or_else(|| "it holds markup of its own".to_owned())
}

/// `markdown` with LaTeX's own delimiters, `\\(…\\)` inline and `\\[…\\]` for a display (as
/// MathJax reads them on Hexo blogs), written as dollars, which Markdown reads as formulas;
/// outside code (fenced or indented blocks, backtick spans), and a pair at a time: an opening
/// with no closing (on its line, or a display's on a later line) stays as written.
pub(crate) fn dollar_delimiters(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains("\\(") && !markdown.contains("\\[") {
        return markdown.into();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<String> = None;
    let mut lines = markdown.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        match &fence {
            Some(open) => {
                if marker.len() >= open.len() && marker.starts_with(&open[..1]) {
                    fence = None;
                }
                out.push_str(line);
                continue;
            }
            None if marker.len() >= 3
                && (marker.starts_with("```") || marker.starts_with("~~~")) =>
            {
                fence = Some(marker);
                out.push_str(line);
                continue;
            }
            // An indented code block's line (four spaces or a tab, after a blank line: near
            // enough, since a formula is rarely indented so).
            None if line.starts_with("    ") || line.starts_with('\t') => {
                out.push_str(line);
                continue;
            }
            None => {}
        }
        // A display over several lines: `\[` alone on its line, up to the line with `\]`.
        if trimmed.trim_end() == "\\[" {
            let mut body = Vec::new();
            let mut closed = false;
            while let Some(next) = lines.peek() {
                if next.trim() == "\\]" {
                    lines.next();
                    closed = true;
                    break;
                }
                body.push(lines.next().expect("peeked"));
            }
            match closed {
                true => {
                    out.push_str("$$\n");
                    body.iter().for_each(|line| out.push_str(line));
                    out.push_str("$$\n");
                }
                false => {
                    out.push_str(line);
                    body.iter().for_each(|line| out.push_str(line));
                }
            }
            continue;
        }
        out.push_str(&inline_delimiters(line));
    }
    out.into()
}

/// One line's `\\(…\\)` and `\\[…\\]` pairs as `$…$` and `$$…$$`, backtick spans left alone.
fn inline_delimiters(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let Some(at) = rest.find(['`', '\\']) else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('`') {
            // A code span runs to the next run of as many backticks.
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let run = &rest[..ticks];
            let end = rest[ticks..].find(run).map(|end| ticks + end + ticks);
            let span = end.unwrap_or(ticks);
            out.push_str(&rest[..span]);
            rest = &rest[span..];
            continue;
        }
        let pair = [("\\(", "\\)", "$"), ("\\[", "\\]", "$$")]
            .into_iter()
            .find_map(|(open, close, dollars)| {
                let inner = rest.strip_prefix(open)?;
                let end = inner.find(close)?;
                // Another opening before the closing: this one is alone.
                (!inner[..end].contains(open))
                    .then(|| (dollars, inner[..end].trim(), open.len() + end + close.len()))
            });
        match pair {
            Some((dollars, tex, len)) if !tex.is_empty() => {
                out.push_str(dollars);
                out.push_str(tex);
                out.push_str(dollars);
                rest = &rest[len..];
            }
            _ => {
                // An escaped character: both kept, so `\\\\(` is not an opening.
                let escaped = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
                out.push_str(&rest[..escaped]);
                rest = &rest[escaped..];
            }
        }
    }
    out
}

/// MathML's elements, as pulldown-latex writes them.
const ELEMENTS: &[&str] = &[
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mlabeledtr",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
    "mmultiscripts",
    "mprescripts",
    "none",
];

/// The attributes pulldown-latex writes: none runs script.
const ATTRIBUTES: &[&str] = &[
    "display",
    "class",
    "style",
    "mathvariant",
    "encoding",
    "xmlns",
    "width",
    "height",
    "depth",
    "lspace",
    "rspace",
    "stretchy",
    "symmetric",
    "movablelimits",
    "largeop",
    "minsize",
    "maxsize",
    "linethickness",
    "displaystyle",
    "scriptlevel",
    "form",
    "fence",
    "separator",
    "accent",
    "accentunder",
    "columnalign",
    "rowalign",
    "columnspacing",
    "rowspacing",
    "columnlines",
    "rowlines",
    "frame",
    "framespacing",
    "notation",
];

/// `mathml` with every `<` and `>` that is not one of its own tags escaped, or `None` when
/// tags written in the formula leave its elements unbalanced. pulldown-latex
/// writes a formula's own characters into its elements as they are (`\operatorname{<script>}`
/// is `<mi><script></mi>`), and its source into the annotation: a post may not write markup
/// through a formula.
fn text_escaped(mathml: &str) -> Option<String> {
    let mut out = String::with_capacity(mathml.len());
    let mut rest = mathml;
    // The elements open: a closing tag must close the innermost, or it is text.
    let mut open: Vec<&str> = Vec::new();
    while let Some(at) = rest.find(['<', '>']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let tag = tag_len(rest).filter(|&len| {
            let tag = &rest[..len];
            let name = tag
                .trim_start_matches(['<', '/'])
                .split([' ', '/', '>'])
                .next()
                .unwrap_or_default();
            match (tag.starts_with("</"), tag.ends_with("/>")) {
                (true, _) if open.last() == Some(&name) => {
                    open.pop();
                    true
                }
                (true, _) => false,
                (false, true) => true,
                (false, false) => {
                    open.push(name);
                    true
                }
            }
        });
        match tag {
            Some(len) => {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
            }
            None => {
                out.push_str(if rest.starts_with('<') {
                    "&lt;"
                } else {
                    "&gt;"
                });
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    // A formula that opened an element of its own and left it open: not drawn.
    open.is_empty().then_some(out)
}

/// The length of the tag `html` starts with, if it is one of MathML's elements with only
/// [`ATTRIBUTES`], each `name="value"` with no quote or angle bracket in the value.
fn tag_len(html: &str) -> Option<usize> {
    let inner = html.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner.find(|c: char| !c.is_ascii_lowercase())?;
    if !ELEMENTS.contains(&&inner[..name_len]) {
        return None;
    }
    let mut rest = &inner[name_len..];
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if let Some(after) = trimmed
            .strip_prefix("/>")
            .or_else(|| trimmed.strip_prefix('>'))
        {
            return Some(html.len() - after.len());
        }
        if trimmed.len() == rest.len() {
            return None;
        }
        let (name, value) = trimmed.split_once("=\"")?;
        if !ATTRIBUTES.contains(&name) {
            return None;
        }
        let end = value.find(['"', '<', '>'])?;
        if !value[end..].starts_with('"') {
            return None;
        }
        rest = &value[end + 1..];
    }
}

/// A formula that could not be drawn: its source, as written, escaped.
pub(crate) fn as_source(tex: &str, display: bool) -> String {
    let (open, close) = match display {
        true => ("$$", "$$"),
        false => ("$", "$"),
    };
    format!(
        "<code class=\"math-source\">{}</code>",
        escape_html(&format!("{open}{tex}{close}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latexs_delimiters_are_dollars_outside_code() {
        let markdown = concat!(
            "Inline \\(a^2\\) and \\[b\\], `\\(code\\)`, a lone \\( and \\\\(x\\).\n",
            "\\[\n\\sum_i i\n\\]\n",
            "```\n\\(fenced\\)\n```\n",
            "    \\(indented\\)\n",
            "\\[\nnever closed\n",
        );
        assert_eq!(
            dollar_delimiters(markdown),
            concat!(
                "Inline $a^2$ and $$b$$, `\\(code\\)`, a lone \\( and \\\\(x\\).\n",
                "$$\n\\sum_i i\n$$\n",
                "```\n\\(fenced\\)\n```\n",
                "    \\(indented\\)\n",
                "\\[\nnever closed\n",
            )
        );
        assert!(matches!(
            dollar_delimiters("no formulas"),
            std::borrow::Cow::Borrowed(_)
        ));
        let html = crate::markdown::render("Area \\(\\pi r^2\\).\n").html;
        assert!(html.contains("<math display=\"inline\">"), "{html}");
    }

    #[test]
    fn a_formula_escaped_for_markdown_is_read_as_mathjax_would_after_marked() {
        // As written on a Hexo blog for hexo-renderer-marked: `\\{` is `\{`, `\_` is `_`.
        let escaped = mathml(r"H =\\{h\_0\ h\_1\ ... h\_{k-1}\\}", false).unwrap();
        let plain = mathml(r"H =\{h_0\ h_1\ ... h_{k-1}\}", false).unwrap();
        // Its annotation too is the TeX that MathJax would have read.
        assert_eq!(escaped, plain);
        assert!(mathml(r"\frac{2\*a}{b}", false).is_ok());
        // A formula that fails both ways is the error as written.
        assert!(mathml(r"\frac{a}{", false).is_err());
        // One that parses as written is read as written (`\\` is a new line in `aligned`).
        let aligned = mathml(r"\begin{aligned}a\\b\end{aligned}", true).unwrap();
        assert!(aligned.contains("<mtable"), "{aligned}");
    }

    #[test]
    fn nothing_in_a_formula_becomes_markup() {
        for tex in [
            r#"\operatorname{<script>alert(1)</script>}"#,
            r#"\operatorname{<mi onclick="alert(1)">x</mi>}"#,
            r#"\mathrm{<img src=x onerror=alert(1)>}"#,
            r#"\text{<script>alert(1)</script>}"#,
            r#"a<b>c"#,
        ] {
            let html = mathml(tex, false).unwrap();
            for banned in ["<script", "<img", "<mi onclick", "<b>", "</mi></mi>"] {
                assert!(!html.contains(banned), "{tex}: {html}");
            }
            assert!(
                html.starts_with("<math display=\"inline\"><semantics>"),
                "{html}"
            );
            assert!(html.ends_with("</annotation></semantics></math>"), "{html}");
        }
        assert_eq!(
            mathml("a<b", false).unwrap(),
            "<math display=\"inline\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow><annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>"
        );
        assert!(mathml(r#"\color{red" onclick="x}a"#, false).is_err());
        assert!(
            mathml(r#"\operatorname{<mrow>}"#, false).is_err(),
            "left open"
        );
    }
}
