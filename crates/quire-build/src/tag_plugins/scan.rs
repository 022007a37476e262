//! Finding the tags in a post's Markdown: `{% name args %}` outside code (fenced blocks,
//! indented blocks and inline code spans are text, as in Hexo), with the line each is on, and
//! a block tag's content up to its `{% end<name> %}`.

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
    /// Whether the last line begun was blank, and whether it was in an indented code block.
    after_blank: bool,
    in_indented_code: bool,
    /// The inline code spans of the current line not yet passed (offsets in `whole`).
    code_spans: std::collections::VecDeque<std::ops::Range<usize>>,
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
            after_blank: true,
            in_indented_code: false,
            code_spans: std::collections::VecDeque::new(),
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
        let offset = self.whole.len() - rest.len();
        let at_line_start = offset == 0 || self.whole.as_bytes()[offset - 1] == b'\n';
        if at_line_start {
            self.code_spans = code_spans(line, offset).into();
            // An indented code block: lines indented four spaces (or a tab) after a blank
            // line, on until a line that is not indented.
            let blank = line.trim().is_empty();
            let indented = line.starts_with("    ") || line.starts_with('\t');
            let code = self.fence.is_none()
                && indented
                && !blank
                && (self.after_blank || self.in_indented_code);
            if !blank {
                self.in_indented_code = code;
            }
            self.after_blank = blank;
            if code {
                return whole_line(self);
            }
        }
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
        // The first `{%` outside inline code, on what is left of the line.
        let mut from = 0;
        let start = loop {
            let Some(start) = line[from..].find("{%").map(|i| from + i) else {
                break None;
            };
            let absolute = offset + start;
            while self
                .code_spans
                .front()
                .is_some_and(|span| span.end <= absolute)
            {
                self.code_spans.pop_front();
            }
            match self
                .code_spans
                .front()
                .filter(|span| span.start <= absolute)
            {
                Some(span) => from = (span.end - offset).min(line.len()),
                None => break Some(start),
            }
        };
        let Some(start) = start else {
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

/// The inline code spans of `line` (a run of backticks up to the next run of as many), as
/// ranges from `offset`, the line's start: found in one pass, pairing each run with the next
/// of its length (a search from every run was quadratic in a line of unmatched ones).
fn code_spans(line: &str, offset: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'`' {
            let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
            runs.push((at, run));
            at += run;
        } else {
            at += 1;
        }
    }
    let mut next_of_length = std::collections::HashMap::new();
    let mut next_same = vec![None; runs.len()];
    for (i, &(_, run)) in runs.iter().enumerate().rev() {
        next_same[i] = next_of_length.insert(run, i);
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        match next_same[i] {
            Some(j) => {
                spans.push(offset + runs[i].0..offset + runs[j].0 + runs[j].1);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    spans
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
