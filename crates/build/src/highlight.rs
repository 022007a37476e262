//! Code blocks highlighted at build time, so the app ships no highlighter: each token becomes a
//! `<span>` whose classes are its TextMate scopes prefixed `hl-` (`hl-keyword hl-control`), and
//! the theme colours those for light and dark alike.

use std::sync::LazyLock;

use quire_model::escape_html;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Sublime Text's grammars, as syntect bundles them (about 75 languages).
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const CLASSES: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A fenced block's HTML: its language named above it, a copy button the app brings to life,
/// and the code, highlighted when `lang` is a language syntect knows (by name or extension:
/// `rust`, `rs`, `Python`, `sh`).
pub fn code_block(lang: &str, code: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| {
            SYNTAXES
                .find_syntax_by_token(lang)
                .or_else(|| SYNTAXES.find_syntax_by_token(&lang.to_lowercase()))
        })
        .flatten();
    let body = match syntax {
        Some(syntax) => {
            let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASSES);
            let highlighted = LinesWithEndings::from(code)
                .try_for_each(|line| html.parse_html_for_line_which_includes_newline(line));
            match highlighted {
                Ok(()) => html.finalize(),
                // A grammar that fails on this input: the code as it is, rather than nothing.
                Err(_) => escape_html(code),
            }
        }
        None => escape_html(code),
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
        "<div class=\"code-block\"{lang_attr}>{label}\
         <button type=\"button\" class=\"code-copy\" aria-label=\"Copy the code\">Copy</button>\
         <pre><code{code_class}>{body}</code></pre></div>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_are_highlighted_and_named() {
        let html = code_block("rust", "fn main() {\n    let x = \"hi\"; // greet\n}\n");
        assert!(
            html.starts_with(
                r#"<div class="code-block" data-lang="rust"><span class="code-lang">rust</span>"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
        assert!(
            html.contains(r#"<span class="hl-storage hl-type hl-function hl-rust">fn</span>"#),
            "{html}"
        );
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        // The text itself is unchanged, escaped.
        let text: String = html
            .split('<')
            .filter_map(|part| part.split_once('>').map(|(_, text)| text))
            .collect();
        assert!(text.contains("let x = &quot;hi&quot;; // greet"), "{text}");
    }

    #[test]
    fn extensions_and_capitals_name_languages_too() {
        assert!(code_block("rs", "fn a() {}").contains("hl-rust"));
        assert!(code_block("Python", "def a(): pass").contains("hl-python"));
        assert!(code_block("sh", "echo hi").contains("hl-shell"));
    }

    #[test]
    fn unknown_or_missing_languages_are_plain_escaped_text() {
        let html = code_block("no-such-lang", "<b>&</b>");
        assert!(
            html.contains("<code class=\"language-no-such-lang\">&lt;b&gt;&amp;&lt;/b&gt;</code>"),
            "{html}"
        );
        assert!(!html.contains("hl-"));
        let plain = code_block("", "x < y");
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
