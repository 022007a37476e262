//! Finding the tags in a post's Markdown: `{% name args %}` outside code fences, with the line
//! each is on, and a block tag's content up to its `{% end<name> %}`.

/// A tag as written.
pub(super) struct Tag<'a> {
    pub(super) name: &'a str,
    pub(super) args: Vec<String>,
    /// 1-based, in the Markdown given to [`Scanner::new`].
    pub(super) line: usize,
    /// `{% … %}` as written, shown as text when the tag is not rendered.
    pub(super) source: &'a str,
}

/// What the Markdown is made of, in order.
pub(super) enum Piece<'a> {
    /// Text to keep as it is: a line, or what comes before or after a tag on one.
    Text(&'a str),
    Tag(Tag<'a>),
}

pub(super) struct Scanner<'a> {
    whole: &'a str,
    rest: &'a str,
    /// The fence (```` ``` ```` or `~~~`) of the code block the scanner is in, if any.
    fence: Option<&'a str>,
    /// Once no `%}` follows, none follows anything later: the search is not repeated (each
    /// unclosed `{%` searched the rest of the post again, quadratic in their number).
    no_close_left: bool,
    /// End tags found missing from some point on: missing from any later point too.
    missing_ends: Vec<String>,
    /// Newlines counted so far: up to which offset of `whole`, and how many.
    counted: (usize, usize),
}

impl<'a> Scanner<'a> {
    pub(super) fn new(markdown: &'a str) -> Self {
        Self {
            whole: markdown,
            rest: markdown,
            fence: None,
            no_close_left: false,
            missing_ends: Vec::new(),
            counted: (0, 0),
        }
    }

    /// The next piece; `None` at the end.
    pub(super) fn next_piece(&mut self) -> Option<Piece<'a>> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let trimmed = line.trim_start();
        let whole_line = |scanner: &mut Self| {
            scanner.rest = &rest[line_end..];
            Some(Piece::Text(line))
        };
        if let Some(open) = self.fence {
            if trimmed.trim_end().starts_with(open) {
                self.fence = None;
            }
            return whole_line(self);
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            self.fence = Some(&trimmed[..3]);
            return whole_line(self);
        }
        let Some(start) = line.find("{%") else {
            return whole_line(self);
        };
        // The close may be on a later line; `{%}` opens but does not close.
        let close = if self.no_close_left {
            None
        } else {
            rest[start + 2..].find("%}").map(|i| start + 2 + i)
        };
        let Some(close) = close else {
            self.no_close_left = true;
            return whole_line(self);
        };
        if start > 0 {
            self.rest = &rest[start..];
            return Some(Piece::Text(&rest[..start]));
        }
        let inner = rest[2..close].trim();
        let (name, args_text) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        self.rest = &rest[close + 2..];
        Some(Piece::Tag(Tag {
            name,
            args: split_args(args_text),
            line: self.line_at(rest),
            source: &rest[..close + 2],
        }))
    }

    /// The 1-based line of `rest`'s start within the Markdown (of which it is a tail, at or
    /// after the last one asked about): counted on from there, so the count is linear.
    fn line_at(&mut self, rest: &str) -> usize {
        let offset = self.whole.len() - rest.len();
        let (from, lines) = self.counted;
        let lines = lines + self.whole[from..offset].matches('\n').count();
        self.counted = (offset, lines);
        lines + 1
    }

    /// The content of the block tag just read, up to `{% end_tag %}` (without the newlines
    /// that open and close it); the scanner goes on after it. `None`, and the scanner stays,
    /// if the block is never closed.
    pub(super) fn block_content(&mut self, end_tag: &str) -> Option<&'a str> {
        if self.missing_ends.iter().any(|missing| missing == end_tag) {
            return None;
        }
        let Some((content, after_end)) = find_end(self.rest, end_tag) else {
            self.missing_ends.push(end_tag.to_owned());
            return None;
        };
        self.rest = after_end;
        let content = content.strip_prefix('\n').unwrap_or(content);
        Some(content.strip_suffix('\n').unwrap_or(content))
    }
}

/// The content before `{% end %}` and the text after it.
fn find_end<'a>(text: &'a str, end: &str) -> Option<(&'a str, &'a str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|i| from + i) {
        let close = text[open..].find("%}").map(|i| open + i)?;
        if text[open + 2..close].trim() == end {
            return Some((&text[..open], &text[close + 2..]));
        }
        from = close + 2;
    }
    None
}

/// Arguments as Hexo splits them: by spaces, with `"…"` and `'…'` keeping spaces.
pub(crate) fn split_args(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    let mut quoted = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') if current.is_empty() => {
                quote = Some(c);
                quoted = true;
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() || quoted {
                    args.push(std::mem::take(&mut current));
                }
                quoted = false;
            }
            (None, c) => current.push(c),
        }
    }
    if !current.is_empty() || quoted {
        args.push(current);
    }
    args
}
