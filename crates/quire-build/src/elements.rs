//! How many elements a post's source opens and how deep they nest, read line by line:
//! blockquote and list markers, and HTML tags. The sanitiser's HTML parser takes time in the
//! square of the depth (8,000 `>` characters took 0.2 s, a 10 MB post of them would take
//! hours; browsers stop nesting at 512 anyway), and time and memory in the number of elements
//! (some 5 µs and 800 bytes each: a 10 MB post of `>` opens 10 million). A post that goes
//! past either limit is an error at the line where it does.

/// The deepest a post's elements may nest: where Chromium's HTML parser stops nesting them.
pub const MAX_NESTING: usize = 512;

/// The most elements a post may open. A 10 MB post of prose has some 50,000 paragraphs; a
/// table of 50,000 rows of ten cells has 550,000 elements.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Where a post's source goes past a limit: the byte offset of the line, and which limit.
#[derive(Debug, PartialEq)]
pub enum TooMany {
    Nesting(usize),
    Elements(usize),
}

/// Elements that never nest: void ones, and ones whose end tag may be left out (a run of
/// `<p>` or `<li>` without their end tags is siblings, not a staircase).
const FLAT: [&str; 29] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "rb", "rt", "rtc", "rp",
];

/// The first line of `markdown` at which its elements nest deeper than [`MAX_NESTING`] or
/// number more than [`MAX_ELEMENTS`], if any. Read in one pass: a line's leading blockquote
/// and list markers (a list item opens two elements), plus the HTML elements open so far.
pub fn too_many(markdown: &str) -> Option<TooMany> {
    let mut open = 0usize;
    let mut elements = 0usize;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let markers = line_markers(line);
        elements += markers;
        let mut deepest = open;
        let mut rest = line;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let name: String = rest[usize::from(closing)..]
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect();
            // A tag name starts with a letter: `1<2` is text.
            let is_tag = name.starts_with(|c: char| c.is_ascii_alphabetic());
            if !is_tag || FLAT.contains(&name.as_str()) {
                continue;
            }
            if closing {
                open = open.saturating_sub(1);
            } else if !self_closing(rest) {
                open += 1;
                elements += 1;
                deepest = deepest.max(open);
            }
        }
        if markers + deepest > MAX_NESTING {
            return Some(TooMany::Nesting(offset));
        }
        if elements > MAX_ELEMENTS {
            return Some(TooMany::Elements(offset));
        }
        offset += line.len();
    }
    None
}

/// The elements a line's leading markers open: one a `>`, two a list item's `-`, `*` or `+`.
fn line_markers(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut count = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'>' => count += 1,
            b'-' | b'*' | b'+' if bytes.get(i + 1).is_some_and(|b| *b == b' ' || *b == b'\t') => {
                count += 2;
            }
            b' ' | b'\t' => {}
            _ => break,
        }
    }
    count
}

/// Whether the tag that `rest` continues ends with `/>` (in SVG and MathML, an element with
/// no content).
fn self_closing(rest: &str) -> bool {
    let end = rest.find(['>', '<']).unwrap_or(rest.len());
    rest[..end].ends_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_quotes_and_tags_are_found_at_their_line() {
        let deep = MAX_NESTING + 1;
        let at = |offset| Some(TooMany::Nesting(offset));
        assert_eq!(too_many(&format!("a\n{} x\n", ">".repeat(deep))), at(2));
        assert_eq!(
            too_many(&format!("a\n{} x\n", "- ".repeat(deep / 2 + 1))),
            at(2)
        );
        assert_eq!(too_many(&format!("a\n\n{}\n", "<div>".repeat(deep))), at(3));
        let staircase: String = (0..deep).map(|_| "<section>\n").collect();
        assert_eq!(too_many(&staircase), at(MAX_NESTING * "<section>\n".len()));
        // Quotes and tags add up: a quote inside deep HTML.
        let mixed = format!("{}\n{} x\n", "<div>".repeat(MAX_NESTING - 1), ">>");
        assert_eq!(too_many(&mixed), at((MAX_NESTING - 1) * 5 + 1));
    }

    #[test]
    fn too_many_elements_are_found_at_their_line() {
        let line = format!("{} x\n", ">".repeat(100));
        let post = line.repeat(MAX_ELEMENTS / 100 + 1);
        let offset = MAX_ELEMENTS / 100 * line.len();
        assert_eq!(too_many(&post), Some(TooMany::Elements(offset)));
        assert_eq!(too_many(&line.repeat(MAX_ELEMENTS / 100)), None);
    }

    #[test]
    fn what_real_posts_have_is_not_deep() {
        let closed = "<div><span>a</span></div>\n".repeat(10_000);
        let flat = "<p>a<li>b<br><img src=x><td>c\n".repeat(10_000);
        let svg = "<svg><path d=\"M0\"/><circle r=\"1\" /></svg>\n".repeat(10_000);
        let quotes = "> > > a\n".repeat(10_000);
        let lists = "- a\n  - b\n    * c\n1. d\n".repeat(10_000);
        for post in [
            closed,
            flat,
            svg,
            quotes,
            lists,
            "a < b and 1<2\n".repeat(10_000),
        ] {
            assert_eq!(too_many(&post), None, "{}", &post[..40]);
        }
    }
}
