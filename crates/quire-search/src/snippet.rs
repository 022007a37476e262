//! What a result shows of its post: a passage of the text around the matched words, marked.
//! The index does not keep the text; it comes from the post's own file, as HTML.

use std::collections::HashSet;

use crate::text::tokens;

/// About how long a snippet is, in bytes of text.
const SNIPPET_BYTES: usize = 200;
/// How far before the first match a snippet may start, for context.
const LEAD_BYTES: usize = 40;

/// The readable text of sanitised HTML: tags dropped (block tags leave a space), character
/// references decoded, whitespace collapsed.
pub fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        push_collapsed(&mut text, &rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if !is_inline(&name) {
                push_collapsed(&mut text, " ");
            }
            rest = &rest[end..];
        } else {
            let (decoded, used) = reference(rest);
            push_collapsed(&mut text, decoded.encode_utf8(&mut [0; 4]));
            rest = &rest[used..];
        }
    }
    push_collapsed(&mut text, rest);
    text.trim().to_owned()
}

fn is_inline(tag: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span",
        "strong", "sub", "sup", "u",
    ];
    INLINE.contains(&tag.to_ascii_lowercase().as_str())
}

fn push_collapsed(text: &mut String, piece: &str) {
    for c in piece.chars() {
        if c.is_whitespace() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            text.push(c);
        }
    }
}

/// The character a reference at the start of `text` stands for, and its length; a lone `&` is
/// itself.
fn reference(text: &str) -> (char, usize) {
    let Some(end) = text.find(';').filter(|&end| end <= 10) else {
        return ('&', 1);
    };
    let name = &text[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match c {
        Some(c) => (c, end + 1),
        None => ('&', 1),
    }
}

/// Whether `phrase` (terms, as [`crate::Query`] keeps them) occurs in `text` word after word.
pub fn contains_phrase(text: &str, phrase: &[String]) -> bool {
    if phrase.is_empty() {
        return true;
    }
    let terms: Vec<String> = tokens(text).into_iter().map(|t| t.term).collect();
    terms.windows(phrase.len()).any(|window| window == phrase)
}

/// An HTML passage of `text` around the words whose terms are in `terms`, each in `<mark>`;
/// the text is escaped. Where nothing matches, the start of the text.
pub fn snippet(text: &str, terms: &[String]) -> String {
    let wanted: HashSet<&str> = terms.iter().map(String::as_str).collect();
    let tokens = tokens(text);
    let matches: Vec<usize> = (0..tokens.len())
        .filter(|&i| wanted.contains(tokens[i].term.as_str()))
        .collect();

    // The window with the most different matched terms; the earliest wins ties.
    let mut best = (0, None);
    for &first in &matches {
        let limit = tokens[first].start + SNIPPET_BYTES - LEAD_BYTES;
        let distinct: HashSet<&str> = matches
            .iter()
            .filter(|&&i| i >= first && tokens[i].end <= limit)
            .map(|&i| tokens[i].term.as_str())
            .collect();
        if distinct.len() > best.0 {
            best = (distinct.len(), Some(first));
        }
    }
    let start = match best.1 {
        Some(first) => {
            let earliest = tokens[first].start.saturating_sub(LEAD_BYTES);
            tokens
                .iter()
                .find(|t| t.start >= earliest)
                .map_or(0, |t| t.start)
        }
        None => 0,
    };
    let fitting = tokens
        .iter()
        .take_while(|t| t.end <= start + SNIPPET_BYTES)
        .count();
    // Up to the last word that fits, or the whole rest when every word does.
    let end = match fitting {
        n if n == tokens.len() => text.len(),
        0 => start,
        n => tokens[n - 1].end.max(start),
    };

    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    // Marked ranges, merged: CJK pairs overlap (`日本` and `本語` in `日本語`).
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for &i in &matches {
        let token = &tokens[i];
        if token.start < start || token.end > end {
            continue;
        }
        match marks.last_mut() {
            Some(last) if token.start <= last.1 => last.1 = last.1.max(token.end),
            _ => marks.push((token.start, token.end)),
        }
    }
    let mut at = start;
    for (mark_start, mark_end) in marks {
        push_escaped(&mut html, &text[at..mark_start]);
        html.push_str("<mark>");
        push_escaped(&mut html, &text[mark_start..mark_end]);
        html.push_str("</mark>");
        at = mark_end;
    }
    push_escaped(&mut html, &text[at..end]);
    if end < text.trim_end().len() {
        html.push('…');
    }
    html
}

fn push_escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            _ => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn html_becomes_readable_text() {
        let html = "<h2 id=\"a\">Fish &amp; chips</h2><p>Caf&#233; <em>is</em> \
                    <a href=\"x\">open</a>&nbsp;now&#x21;</p><ul><li>one</li><li>two</li></ul>";
        assert_eq!(text_of_html(html), "Fish & chips Café is open now! one two");
        assert_eq!(text_of_html("a & b &bogus; <br>c"), "a & b &bogus; c");
    }

    #[test]
    fn phrases_match_word_after_word() {
        let text = "The borrow checker rejects it. Borrowing checkers are strict.";
        assert!(contains_phrase(text, &terms(&["borrow", "checker"])));
        assert!(contains_phrase(text, &terms(&["checker", "reject", "it"])));
        assert!(!contains_phrase(text, &terms(&["checker", "borrow"])));
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_text() {
        let text = format!(
            "{} The <b> tag & the borrow checker meet here. {}",
            "Filler words come first. ".repeat(10),
            "More filler at the end. ".repeat(10)
        );
        let html = snippet(&text, &terms(&["borrow", "checker"]));
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(
            html.contains("&lt;b&gt; tag &amp; the <mark>borrow</mark> <mark>checker</mark> meet"),
            "{html}"
        );
        assert!(html.len() < 300, "{html}");
    }

    #[test]
    fn overlapping_cjk_matches_are_marked_once() {
        let html = snippet("Quire は日本語の記事", &terms(&["日本", "本語"]));
        assert_eq!(html, "Quire は<mark>日本語</mark>の記事");
    }

    #[test]
    fn a_snippet_without_matches_is_the_start_and_short_text_is_whole() {
        assert_eq!(snippet("Short text.", &terms(&["nothing"])), "Short text.");
        let long = "word ".repeat(100);
        let html = snippet(&long, &[]);
        assert!(html.starts_with("word word") && html.ends_with('…'));
        assert_eq!(snippet("", &terms(&["x"])), "");
    }
}
