//! Code blocks highlighted at build time, so the app ships no highlighter: syntect reads each
//! token's TextMate scopes, and a run of tokens of one kind becomes one `<span>` with a class
//! the theme colours for light and dark alike (`hl-keyword`, `hl-string`, …). Tokens of no
//! kind (names, punctuation) are plain text.

use std::sync::LazyLock;

use pulldown_cmark_escape::escape_html_body_text;
use quire_model::escape_html;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Sublime Text's grammars, as syntect bundles them (about 75 languages).
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The kinds of token the theme colours (style/main.css), each with the scopes that make a
/// token of that kind. A token's innermost scope that has a kind decides; within one scope
/// the first kind listed that matches.
const KINDS: &[(&str, &[&str])] = &[
    ("hl-comment", &["comment"]),
    ("hl-string", &["string"]),
    (
        "hl-number",
        &[
            "constant.numeric",
            "constant.language",
            "constant.character",
        ],
    ),
    (
        "hl-function",
        &[
            "entity.name.function",
            "support.function",
            "variable.function",
        ],
    ),
    (
        "hl-type",
        &[
            "entity.name.type",
            "entity.name.class",
            "entity.name.struct",
            "entity.name.enum",
            "entity.name.trait",
            "entity.name.interface",
            "support.type",
            "support.class",
        ],
    ),
    (
        "hl-macro",
        &[
            "support.macro",
            "entity.name.tag",
            "meta.annotation",
            "entity.other.attribute-name",
        ],
    ),
    ("hl-keyword", &["keyword", "storage"]),
];

/// [`KINDS`] as syntect scopes, which compare as numbers.
static KIND_SCOPES: LazyLock<Vec<(Scope, &'static str)>> = LazyLock::new(|| {
    KINDS
        .iter()
        .flat_map(|(class, scopes)| {
            scopes
                .iter()
                .map(move |scope| (Scope::new(scope).expect("a valid scope"), *class))
        })
        .collect()
});

/// What a fence's info string asks of its block, after the language: ` ```rust {3,5-7} `
/// (lines marked, as Docusaurus and VitePress write it; Zola's `hl_lines=3 5-7` too),
/// `title="src/main.rs"` (a file name above the code), `linenos` or `showLineNumbers` (line
/// numbers). Anything else is ignored.
#[derive(Debug, Default, PartialEq)]
pub struct Fence<'a> {
    pub lang: &'a str,
    pub title: Option<String>,
    /// Lines to mark, as `3,5-7`.
    pub marked: String,
    pub line_numbers: bool,
}

impl<'a> Fence<'a> {
    pub fn parse(info: &'a str) -> Self {
        // The first word names the language (`rust,ignore`, `js {1,3}`).
        let end = info
            .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .unwrap_or(info.len());
        let mut fence = Fence {
            lang: &info[..end],
            ..Fence::default()
        };
        let mut rest = &info[end..];
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() || c == ',' || c == '{' || c == '}' {
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let word_end = rest
                .find(|c: char| c.is_whitespace() || c == ',' || c == '}')
                .unwrap_or(rest.len());
            let word = &rest[..word_end];
            if let Some(quoted) = word
                .strip_prefix("title=")
                .or_else(|| word.strip_prefix("filename="))
            {
                // A quoted title runs to its closing quote, spaces and commas included.
                let key = word.len() - quoted.len();
                let value = &rest[key..];
                let (title, after) = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                        Some(close) => (&value[1..1 + close], &value[close + 2..]),
                        None => (&value[1..], ""),
                    },
                    _ => (quoted, &rest[word_end..]),
                };
                fence.title = Some(title.to_owned());
                rest = after;
                continue;
            }
            let range =
                |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '-');
            // Zola's `hl_lines=3 5-7`: the ranges after the first are bare, as in braces.
            if let Some(lines) = word.strip_prefix("hl_lines=") {
                fence.mark(lines);
            } else if range(word) {
                fence.mark(word);
            } else {
                if matches!(
                    word,
                    "linenos" | "linenos=true" | "showLineNumbers" | "lineNumbers" | "line-numbers"
                ) {
                    fence.line_numbers = true;
                }
            }
            rest = &rest[word_end..];
        }
        fence
    }

    fn mark(&mut self, lines: &str) {
        if !self.marked.is_empty() {
            self.marked.push(',');
        }
        self.marked.push_str(lines);
    }
}

/// `1,7-8,10` as whether each of a block's `lines` is marked (the first is line 1). Lines past
/// the block's end mark nothing, as in Hexo, however far a range runs.
pub(crate) fn marked_lines(text: &str, lines: usize) -> Vec<bool> {
    let mut marked = vec![false; lines];
    for part in text.split(',') {
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (from.trim().parse::<usize>(), to.trim().parse::<usize>()) {
            let (first, last) = (a.min(b).max(1), a.max(b).min(lines));
            for line in first..=last {
                marked[line - 1] = true;
            }
        }
    }
    marked
}

/// A fenced block's HTML: its language (and title) named above it, its copy button
/// (`copy_button`, in the site's words), and the code, highlighted when its language is one
/// syntect knows (by name or extension: `rust`, `rs`, `Python`, `sh`). Marked lines, a diff's
/// added and removed lines and line numbers put each line in a `<span class="line">`.
pub fn code_block(info: &str, code: &str, copy_button: &str) -> String {
    let fence = Fence::parse(info);
    let lang = fence.lang;
    let syntax = (!lang.is_empty())
        .then(|| {
            SYNTAXES
                .find_syntax_by_token(lang)
                .or_else(|| SYNTAXES.find_syntax_by_token(&lang.to_lowercase()))
        })
        .flatten();
    // A grammar that fails on this input: the code as it is, rather than nothing.
    let body = syntax
        .and_then(|syntax| highlight(syntax, code))
        .unwrap_or_else(|| escape_html(code));
    let diff = lang.eq_ignore_ascii_case("diff");
    let by_line = diff || fence.line_numbers || !fence.marked.is_empty();
    let body = match by_line {
        true => lines(&body, code, &fence, diff),
        false => body,
    };
    let title = fence
        .title
        .as_deref()
        .map(|title| format!("<span class=\"code-title\">{}</span>", escape_html(title)))
        .unwrap_or_default();
    let numbered = match fence.line_numbers {
        true => " line-numbers",
        false => "",
    };
    let (lang_attr, label, code_class) = if lang.is_empty() {
        (String::new(), String::new(), String::new())
    } else {
        let lang = escape_html(lang);
        (
            format!(" data-lang=\"{lang}\""),
            format!("<span class=\"code-lang\">{lang}</span>"),
            format!(" class=\"language-{lang}\""),
        )
    };
    format!(
        "<div class=\"code-block{numbered}\"{lang_attr}>{title}{label}\
         {copy_button}\
         <pre><code{code_class}>{body}</code></pre></div>\n"
    )
}

/// `html`, the block's code highlighted (spans closed at each line's end, see [`Highlighted`]),
/// a `<span class="line">` a line: `marked` as the fence asks, `added` and `removed` in a diff.
fn lines(html: &str, code: &str, fence: &Fence, diff: bool) -> String {
    let count = code.lines().count();
    let marked = marked_lines(&fence.marked, count);
    let mut out = String::with_capacity(html.len() + count * 32);
    for (i, (line, source)) in html.split('\n').zip(code.split('\n')).enumerate() {
        if i == count {
            break;
        }
        let mut class = String::from("line");
        if marked[i] {
            class += " marked";
        }
        if diff {
            match source.as_bytes().first() {
                Some(b'+') if !source.starts_with("+++") => class += " added",
                Some(b'-') if !source.starts_with("---") => class += " removed",
                _ => {}
            }
        }
        out += &format!("<span class=\"{class}\">{line}</span>\n");
    }
    out
}

/// `code` as escaped text in spans of [`KINDS`], or `None` if the grammar fails on it.
fn highlight(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = Highlighted::default();
    for line in LinesWithEndings::from(code) {
        let mut at = 0;
        for (next, op) in state.parse_line(line, &SYNTAXES).ok()? {
            html.push(&line[at..next]);
            at = next;
            stack.apply(&op).ok()?;
            html.kind = kind_of(&stack);
        }
        html.push(&line[at..]);
    }
    Some(html.finish())
}

fn kind_of(stack: &ScopeStack) -> Option<&'static str> {
    stack.as_slice().iter().rev().find_map(|&scope| {
        KIND_SCOPES
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(scope))
            .map(|&(_, class)| class)
    })
}

/// HTML being written: the kind of the text that comes next, and the span that is open.
#[derive(Default)]
struct Highlighted {
    html: String,
    kind: Option<&'static str>,
    open: Option<&'static str>,
}

impl Highlighted {
    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.kind != self.open {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(class) = self.kind {
                self.html.push_str("<span class=\"");
                self.html.push_str(class);
                self.html.push_str("\">");
            }
            self.open = self.kind;
        }
        // A line's spans close at its end and open again on the next, so that each line of
        // the HTML stands alone (see [`lines`]).
        let mut parts = text.split('\n');
        let first = parts.next().unwrap_or_default();
        escape_html_body_text(&mut self.html, first).expect("writing to a String");
        for part in parts {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            self.html.push('\n');
            if let (Some(class), false) = (self.open, part.is_empty()) {
                self.html.push_str("<span class=\"");
                self.html.push_str(class);
                self.html.push_str("\">");
            } else {
                self.open = None;
            }
            escape_html_body_text(&mut self.html, part).expect("writing to a String");
        }
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_are_highlighted_and_named() {
        let html = code_block(
            "rust",
            "fn main() {\n    let x = \"hi\"; // greet\n}\n",
            "<button>",
        );
        assert!(
            html.starts_with(
                r#"<div class="code-block" data-lang="rust"><span class="code-lang">rust</span>"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
        for token in [
            r#"<span class="hl-keyword">fn</span> <span class="hl-function">main</span>"#,
            r#"<span class="hl-keyword">let</span> x <span class="hl-keyword">=</span> "#,
            r#"<span class="hl-string">"hi"</span>;"#,
            r#"<span class="hl-comment">// greet"#,
        ] {
            assert!(html.contains(token), "{token} not in {html}");
        }
        // The text itself is unchanged, escaped.
        let text: String = html
            .split('<')
            .filter_map(|part| part.split_once('>').map(|(_, text)| text))
            .collect();
        assert!(text.contains("let x = \"hi\"; // greet"), "{text}");
        let escaped = code_block("html", "<p class=\"a\">&amp;</p>", "<button>");
        assert!(escaped.contains("&lt;"), "{escaped}");
        assert!(!escaped.contains("<p class"), "{escaped}");
    }

    #[test]
    fn fences_mark_lines_number_them_name_their_file_and_show_a_diffs_changes() {
        let fence = Fence::parse(r#"rust title="src/main.rs" {1,3-4} linenos"#);
        assert_eq!(
            fence,
            Fence {
                lang: "rust",
                title: Some("src/main.rs".into()),
                marked: "1,3-4".into(),
                line_numbers: true,
            }
        );
        assert_eq!(Fence::parse("rust,linenos,hl_lines=2 4-5").marked, "2,4-5");
        assert_eq!(Fence::parse("js {2}").marked, "2");
        assert_eq!(
            Fence::parse("py title='a b, c.py'").title.as_deref(),
            Some("a b, c.py")
        );
        assert_eq!(
            Fence::parse("rust,ignore"),
            Fence {
                lang: "rust",
                ..Fence::default()
            }
        );

        // A string across lines is closed and opened again: every line stands alone.
        let code = "fn main() {\n    let s = \"a\n b\";\n    x();\n}\n";
        let html = code_block(
            r#"rust title="src/main.rs" {2-3} showLineNumbers"#,
            code,
            "<button>",
        );
        assert!(html.starts_with(r#"<div class="code-block line-numbers" data-lang="rust"><span class="code-title">src/main.rs</span><span class="code-lang">rust</span>"#), "{html}");
        let lines: Vec<&str> = html.split("<span class=\"line").skip(1).collect();
        assert_eq!(lines.len(), 5, "{html}");
        assert!(lines[0].starts_with("\">"), "{html}");
        assert!(lines[1].starts_with(" marked\">"), "{html}");
        assert!(lines[2].starts_with(" marked\">"), "{html}");
        assert!(
            lines[1].contains(r#"<span class="hl-string">"a</span></span>"#),
            "{html}"
        );
        assert!(
            lines[2].contains(r#"<span class="hl-string"> b"</span>"#),
            "{html}"
        );

        let diff = code_block("diff", "--- a\n+++ b\n-old\n+new\n same\n", "<button>");
        for (class, text) in [
            ("line", "--- a"),
            ("line", "+++ b"),
            ("line removed", "-old"),
            ("line added", "+new"),
            ("line", " same"),
        ] {
            assert!(
                diff.contains(&format!("<span class=\"{class}\">")),
                "{class}: {diff}"
            );
            assert!(diff.contains(text), "{text}: {diff}");
        }
        // A plain fence is as it was: no line spans.
        assert!(!code_block("rust", code, "<button>").contains("class=\"line"));
        // A hostile title is text.
        let hostile = code_block(r#"js title="<script>x</script>""#, "1", "<button>");
        assert!(
            hostile.contains("&lt;script&gt;") && !hostile.contains("<script>"),
            "{hostile}"
        );
    }

    #[test]
    fn extensions_and_capitals_name_languages_too() {
        assert!(code_block("rs", "fn a() {}", "<button>").contains("hl-keyword"));
        assert!(code_block("Python", "def a(): pass", "<button>").contains("hl-keyword"));
        assert!(code_block("sh", "echo 'hi'", "<button>").contains("hl-string"));
    }

    #[test]
    fn unknown_or_missing_languages_are_plain_escaped_text() {
        let html = code_block("no-such-lang", "<b>&</b>", "<button>");
        assert!(
            html.contains("<code class=\"language-no-such-lang\">&lt;b&gt;&amp;&lt;/b&gt;</code>"),
            "{html}"
        );
        assert!(!html.contains("hl-"));
        let plain = code_block("", "x < y", "<button>");
        assert!(
            plain.starts_with("<div class=\"code-block\"><button"),
            "{plain}"
        );
        assert!(
            plain.contains("<pre><code>x &lt; y</code></pre>"),
            "{plain}"
        );
    }
}
