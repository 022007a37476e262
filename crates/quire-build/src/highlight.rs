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

/// A fenced block's HTML: its language named above it, its copy button (`copy_button`, in the
/// site's words), and the code, highlighted when `lang` is a language syntect knows (by name
/// or extension: `rust`, `rs`, `Python`, `sh`).
pub fn code_block(lang: &str, code: &str, copy_button: &str) -> String {
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
        "<div class=\"code-block\"{lang_attr}>{label}\
         {copy_button}\
         <pre><code{code_class}>{body}</code></pre></div>\n"
    )
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
        escape_html_body_text(&mut self.html, text).expect("writing to a String");
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
