//! The in-article ad slot of `[ads.in_article]`, put into each post's HTML after its N-th
//! paragraph, as the blog's settings place it once for every post.

/// Elements that have no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// `body` with `slot` after its `after`-th paragraph at the top level (not one inside a list,
/// a quote or a table), or as it is when it has fewer: a short post gets no ad.
pub fn place(body: &str, slot: &str, after: usize) -> Option<String> {
    if after == 0 {
        return None;
    }
    let mut depth: usize = 0;
    let mut paragraphs = 0;
    let mut at = 0;
    while let Some(start) = body[at..].find('<').map(|i| at + i) {
        let rest = &body[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(body.len(), |end| start + end + 3);
            continue;
        }
        let end = match rest.find('>') {
            Some(end) => start + end + 1,
            None => break,
        };
        let tag = &body[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if closing {
            depth = depth.saturating_sub(1);
            if depth == 0 && name == "p" {
                paragraphs += 1;
                if paragraphs == after {
                    return Some(format!("{}{slot}{}", &body[..end], &body[end..]));
                }
            }
        } else if !name.is_empty() && !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            depth += 1;
        }
        // Raw text: a `<` in a script or code block's text is not a tag (the sanitiser leaves
        // none in `<script>`, and `<pre>` text is escaped), so scanning on is safe.
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn the_slot_goes_after_the_nth_top_level_paragraph() {
        let body = "<p>a</p><blockquote><p>q</p></blockquote><ul><li><p>l</p></li></ul><p>b<br>c<img src=\"x\"></p><!-- <p> --><p>d</p>";
        assert_eq!(
            place(body, "<ins></ins>", 2).unwrap(),
            "<p>a</p><blockquote><p>q</p></blockquote><ul><li><p>l</p></li></ul><p>b<br>c<img src=\"x\"></p><ins></ins><!-- <p> --><p>d</p>"
        );
        assert!(place(body, "<ins></ins>", 3)
            .unwrap()
            .ends_with("<p>d</p><ins></ins>"));
        assert_eq!(
            place(body, "<ins></ins>", 4),
            None,
            "a short post gets none"
        );
    }
}
