//! Front matter in the forms Hexo, Hugo and Zola authors write: YAML between `---` lines
//! (or Hexo's form with no opening `---`), or TOML between `+++` lines. Parsing happens in two
//! steps, as in Zola: split the file, then read each field with a message naming its line.

use std::borrow::Cow;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::problem::{line_of, Problem};

/// The fields Quire understands; everything else is kept in `extra`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<DateTime<Tz>>,
    pub updated: Option<DateTime<Tz>>,
    pub tags: Vec<String>,
    /// Each entry is one hierarchy, root first.
    pub categories: Vec<Vec<String>>,
    pub thumbnail: Option<String>,
    /// The list pages' summary (Hexo's `excerpt`, which wins over a `<!-- more -->` marker).
    pub excerpt: Option<String>,
    /// The page's meta description (Hexo's `description`, as themes and `open_graph` use it).
    pub description: Option<String>,
    pub draft: bool,
    pub slug: Option<String>,
    /// The post's whole URL path, overriding the site's scheme (Hexo's per-post `permalink`).
    pub permalink: Option<String>,
    /// Hexo's gallery: one image or a list.
    pub photos: Vec<String>,
    /// Old URLs of the post (`aliases`, as Hugo names them; `redirect_from`, as Jekyll does),
    /// each to redirect to it.
    pub aliases: Vec<String>,
    pub extra: Map<String, Value>,
    /// What Hexo reads by guessing (a date that rolls over), each with its line.
    pub warnings: Vec<Problem>,
}

/// A post file cut into its front matter and its Markdown body.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub format: Format,
    pub front_matter: &'a str,
    /// The 1-based line the front matter starts on.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// Blank lines before the front matter's first fence, which Hexo reads past.
    pub blank_lines_before: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// Cuts `text` at its front-matter fences. A file without front matter is all body.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Hexo reads front matter after blank lines too.
    let blank: usize = text
        .split_inclusive('\n')
        .take_while(|line| line.trim().is_empty() && line.ends_with('\n'))
        .map(str::len)
        .sum();
    if blank > 0 {
        let after = split_at_start(&text[blank..]);
        if !after.front_matter.is_empty() {
            let lines = text[..blank].matches('\n').count();
            return Split {
                front_matter_line: after.front_matter_line + lines,
                blank_lines_before: lines,
                ..after
            };
        }
    }
    split_at_start(text)
}

/// [`split`] for front matter that starts on the first line.
fn split_at_start(text: &str) -> Split<'_> {
    let first_line = text.lines().next().unwrap_or_default().trim_end();
    let fenced = |fence: &str, format| {
        let start = text.find('\n')? + 1;
        let (end, after) = fence_line(text, start, fence)?;
        Some(Split {
            format,
            front_matter: &text[start..end],
            front_matter_line: 2,
            body: &text[after..],
            blank_lines_before: 0,
        })
    };
    let found = match first_line {
        "---" => fenced("---", Format::Yaml),
        "+++" => fenced("+++", Format::Toml),
        // Hexo also reads YAML that simply ends at the first `---` line.
        line if looks_like_yaml_key(line) => fence_line(text, 0, "---").map(|(end, after)| Split {
            format: Format::Yaml,
            front_matter: &text[..end],
            front_matter_line: 1,
            body: &text[after..],
            blank_lines_before: 0,
        }),
        _ => None,
    };
    found.unwrap_or(Split {
        format: Format::Yaml,
        front_matter: "",
        front_matter_line: 1,
        body: text,
        blank_lines_before: 0,
    })
}

/// The first line at or after `from` that is exactly `fence`: where it starts and where the next line does.
fn fence_line(text: &str, from: usize, fence: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while at <= text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..line_end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return Some((at, (line_end + 1).min(text.len())));
        }
        at = line_end + 1;
    }
    None
}

fn looks_like_yaml_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

impl FrontMatter {
    /// Parses the front matter of `split` read from `path`; naive dates are in `timezone`.
    /// `as_hexo`: a date that is no date is a warning, and the post is dated as one without a
    /// date, as Hexo dates it (by its file), not an error.
    pub fn parse(
        path: &Path,
        split: &Split<'_>,
        timezone: Tz,
        as_hexo: bool,
    ) -> Result<Self, Vec<Problem>> {
        let fields = parse_map(path, split)?;
        let mut reader = FieldReader {
            path,
            split,
            timezone,
            as_hexo,
            problems: Vec::new(),
            warnings: Vec::new(),
        };
        let mut front = FrontMatter::default();
        // Hexo reads the singular `tag:` and `category:` where the plural is not set.
        let has = |key: &str| fields.iter().any(|(k, _)| k == key);
        let (tag_key, category_key) = (
            if has("tags") { "tags" } else { "tag" },
            if has("categories") {
                "categories"
            } else {
                "category"
            },
        );
        for (key, value) in fields {
            match key.as_str() {
                key if key == tag_key => front.tags = reader.tags(key, value),
                key if key == category_key => front.categories = reader.categories(key, value),
                "title" => front.title = reader.text(&key, value),
                "date" => front.date = reader.date(&key, value),
                "updated" => front.updated = reader.date(&key, value),
                "thumbnail" | "cover" => {
                    front.thumbnail = front.thumbnail.or(reader.text(&key, value))
                }
                "excerpt" => front.excerpt = reader.text(&key, value),
                "description" => front.description = reader.text(&key, value),
                "published" => front.draft |= reader.flag(&key, value) == Some(false),
                "draft" => front.draft |= reader.flag(&key, value) == Some(true),
                "slug" => front.slug = reader.text(&key, value),
                "permalink" => front.permalink = reader.text(&key, value),
                "photos" => front.photos = reader.list(&key, value, "a list of image URLs"),
                "aliases" | "redirect_from" => {
                    let paths = reader.list(&key, value, "a list of URL paths");
                    front.aliases.extend(paths);
                }
                _ => {
                    front.extra.insert(key, value);
                }
            }
        }
        if reader.problems.is_empty() {
            front.warnings = reader.warnings;
            Ok(front)
        } else {
            reader.problems.sort_by_key(|problem| problem.line);
            Err(reader.problems)
        }
    }
}

/// YAML with the tabs that start its lines as two spaces each, as Hexo reads front matter
/// (YAML itself takes no tabs in indentation).
fn tabs_as_spaces(yaml: &str) -> Cow<'_, str> {
    if !yaml.contains("\n\t") {
        return Cow::Borrowed(yaml);
    }
    let mut out = String::with_capacity(yaml.len() + 16);
    for (i, line) in yaml.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            let tabs = line.bytes().take_while(|&b| b == b'\t').count();
            out.extend(std::iter::repeat_n("  ", tabs));
            out.push_str(&line[tabs..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

fn parse_map(path: &Path, split: &Split<'_>) -> Result<Map<String, Value>, Vec<Problem>> {
    if split.front_matter.trim().is_empty() {
        return Ok(Map::new());
    }
    // A parser that runs off the end reports the line after the front matter; the fault is above.
    let last_line = split.front_matter.lines().count().max(1);
    let at = |line: usize| Some(split.front_matter_line + line.clamp(1, last_line) - 1);
    let value = match split.format {
        Format::Yaml => serde_norway::from_str::<Value>(&tabs_as_spaces(split.front_matter))
            .map_err(|e| {
                let line = e
                    .location()
                    .map_or(Some(split.front_matter_line), |l| at(l.line()));
                Problem::new(
                    path,
                    line,
                    format!("front matter is not valid YAML: {}", yaml_reason(&e)),
                )
            }),
        Format::Toml => toml::from_str::<toml::Table>(split.front_matter)
            .map(|table| toml_to_json(toml::Value::Table(table)))
            .map_err(|e| {
                let line = e.span().map_or(Some(split.front_matter_line), |s| {
                    at(line_of(split.front_matter.as_bytes(), s.start))
                });
                Problem::new(
                    path,
                    line,
                    format!("front matter is not valid TOML: {}", e.message().trim_end()),
                )
            }),
    }
    .map_err(|problem| vec![problem])?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(vec![Problem::new(
            path,
            Some(split.front_matter_line),
            format!(
                "front matter must be a map of `key: value` lines, found {}",
                kind(&other)
            ),
        )]),
    }
}

/// serde_norway's message without its trailing " at line L column C" (the line is reported already).
fn yaml_reason(e: &serde_norway::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

/// Reads typed fields out of the parsed map, collecting a problem per bad field.
struct FieldReader<'a> {
    path: &'a Path,
    split: &'a Split<'a>,
    timezone: Tz,
    as_hexo: bool,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Split<'_> {
    /// The line top-level `key` is written on, else the first front-matter line.
    pub fn line_of_key(&self, key: &str) -> usize {
        let offset = self.front_matter.lines().position(|line| {
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(':') || rest.starts_with('=')
            })
        });
        self.front_matter_line + offset.unwrap_or(0)
    }
}

impl FieldReader<'_> {
    fn line(&self, key: &str) -> usize {
        self.split.line_of_key(key)
    }

    fn wrong(&mut self, key: &str, expected: &str, found: &Value) {
        let line = self.line(key);
        let message = format!("`{key}` must be {expected}, found {}", kind(found));
        self.problems
            .push(Problem::new(self.path, Some(line), message));
    }

    /// Strings, and numbers or booleans written where a string was meant (`title: 2024`).
    fn text(&mut self, key: &str, value: Value) -> Option<String> {
        match scalar_text(&value) {
            Ok(text) => text.filter(|t| !t.trim().is_empty()),
            Err(()) => {
                self.wrong(key, "a string", &value);
                None
            }
        }
    }

    fn flag(&mut self, key: &str, value: Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(b),
            Value::Null => None,
            other => {
                self.wrong(key, "true or false", &other);
                None
            }
        }
    }

    fn date(&mut self, key: &str, value: Value) -> Option<DateTime<Tz>> {
        let text = match value {
            Value::String(s) => s,
            Value::Null => return None,
            other => {
                self.wrong(key, "a date such as 2024-09-19 12:14:58", &other);
                return None;
            }
        };
        let mut parsed = parse_date(text.trim(), self.timezone);
        if let (true, Some(instant)) = (self.as_hexo, parsed.filter(|_| has_offset(text.trim()))) {
            // Hexo reads a date's time in UTC as a time in the blog's zone, even where the
            // date says its own offset: `21:17:27+08:00` in an Asia/Shanghai blog is 05:17:27
            // UTC. Its URLs and dates follow that, so Quire's do too, saying so.
            let as_hexo = self
                .timezone
                .from_local_datetime(&instant.naive_utc())
                .earliest();
            if let Some(moved) = as_hexo.filter(|moved| *moved != instant).filter(writable) {
                let line = self.line(key);
                let message = format!(
                    "`{key}`: `{}` is read as Hexo reads it with `timezone: {}`, its UTC time taken as the blog's: {}",
                    text.trim(),
                    self.timezone.name(),
                    moved.to_rfc3339()
                );
                self.warnings
                    .push(Problem::new(self.path, Some(line), message));
                parsed = Some(moved);
            }
        }
        if parsed.is_none() && self.as_hexo {
            // Hexo reads `2018-02-31` as JavaScript does: 3 March. So does Quire, saying so.
            parsed = rolled_over(text.trim(), self.timezone).filter(writable);
            if let Some(date) = parsed {
                let line = self.line(key);
                let message = format!(
                    "`{key}`: `{}` is not a day of the calendar: read as {}, as Hexo reads it",
                    text.trim(),
                    date.format("%Y-%m-%d %H:%M:%S")
                );
                self.warnings
                    .push(Problem::new(self.path, Some(line), message));
            }
        }
        if parsed.is_none() {
            let line = self.line(key);
            let mut message = format!(
                "`{key}` is not a date: `{text}` (write 2024-09-19, 2024-09-19 12:14:58 or 2024-09-19T12:14:58+08:00, in years 0000 to 9999)"
            );
            if self.as_hexo {
                message += ": the post is dated by its file, as Hexo dates it";
                self.warnings
                    .push(Problem::new(self.path, Some(line), message));
            } else {
                self.problems
                    .push(Problem::new(self.path, Some(line), message));
            }
        }
        parsed
    }

    /// A list of names, or one name on its own (`tags: rust`).
    fn tags(&mut self, key: &str, value: Value) -> Vec<String> {
        self.list(key, value, "a list of names")
    }

    /// One text or a list of them, each trimmed; empty ones are left out.
    fn list(&mut self, key: &str, value: Value, what: &str) -> Vec<String> {
        let items = match value {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            single => vec![single],
        };
        let mut names = Vec::new();
        for item in items {
            match scalar_text(&item) {
                Ok(Some(name)) if !name.trim().is_empty() => names.push(name.trim().to_owned()),
                Ok(_) => {}
                Err(()) => self.wrong(key, what, &item),
            }
        }
        names
    }

    /// As Hexo reads them: a string is one category; a list is one hierarchy; a list that
    /// holds lists is several hierarchies (its plain strings being one-level hierarchies).
    fn categories(&mut self, key: &str, value: Value) -> Vec<Vec<String>> {
        match value {
            Value::Array(items) if items.iter().any(Value::is_array) => items
                .into_iter()
                .map(|item| match item {
                    Value::Array(path) => self.tags(key, Value::Array(path)),
                    single => self.tags(key, single),
                })
                .filter(|path| !path.is_empty())
                .collect(),
            other => Some(self.tags(key, other))
                .filter(|path| !path.is_empty())
                .into_iter()
                .collect(),
        }
    }
}

fn scalar_text(value: &Value) -> Result<Option<String>, ()> {
    match value {
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Null => Ok(None),
        _ => Err(()),
    }
}

/// RFC 3339 with an offset, or a date and time without one, read in `timezone`.
pub fn parse_date(text: &str, timezone: Tz) -> Option<DateTime<Tz>> {
    parse_any_date(text, timezone).filter(writable)
}

fn parse_any_date(text: &str, timezone: Tz) -> Option<DateTime<Tz>> {
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.with_timezone(&timezone));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M%:z",
    ] {
        if let Ok(with_offset) = DateTime::parse_from_str(text, format) {
            return Some(with_offset.with_timezone(&timezone));
        }
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        ["%Y-%m-%d", "%Y/%m/%d"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
            .and_then(|date| date.and_hms_opt(0, 0, 0))
    })?;
    // In a daylight-saving gap the local time does not exist; read it as UTC rather than fail.
    timezone
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| Some(timezone.from_utc_datetime(&naive)))
}

/// Whether a date says its own offset from UTC (`…+08:00`, `…Z`, `… +0800`).
fn has_offset(text: &str) -> bool {
    let Some(time) = text.get(10..) else {
        return false;
    };
    time.ends_with(['Z', 'z'])
        || time
            .rfind(['+', '-'])
            .is_some_and(|at| time[at + 1..].bytes().filter(u8::is_ascii_digit).count() >= 2)
}

/// A date whose day, month or time is past its end (`2018-02-31`, `2019-13-01`, `24:00`),
/// rolled over into the next as JavaScript's `Date` does: `YYYY-M-D` or `YYYY/M/D`, then maybe
/// `H:M` or `H:M:S`.
fn rolled_over(text: &str, timezone: Tz) -> Option<DateTime<Tz>> {
    let (day, time) = text.split_once([' ', 'T']).unwrap_or((text, ""));
    let numbers = |text: &str, separators: &[char]| -> Option<Vec<i64>> {
        text.split(separators)
            .map(|n| {
                (!n.is_empty() && n.len() <= 4)
                    .then(|| n.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let [year, month, day] = numbers(day, &['-', '/'])?[..] else {
        return None;
    };
    let clock = if time.is_empty() {
        Vec::new()
    } else {
        numbers(time, &[':'])?
    };
    let (hour, minute, second) = match clock[..] {
        [] => (0, 0, 0),
        [h, m] => (h, m, 0),
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    let months = u32::try_from(month.checked_sub(1)?).ok()?;
    let start = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, 1, 1)?
        .checked_add_months(chrono::Months::new(months))?
        .and_hms_opt(0, 0, 0)?;
    let naive = start
        + chrono::Duration::days(day.checked_sub(1)?)
        + chrono::Duration::hours(hour)
        + chrono::Duration::minutes(minute)
        + chrono::Duration::seconds(second);
    timezone.from_local_datetime(&naive).earliest()
}

/// Whether `date` can be written as RFC 3339, which has four-digit years, in its own zone and
/// in UTC.
fn writable(date: &DateTime<Tz>) -> bool {
    let years = 0..=9999;
    years.contains(&date.year()) && years.contains(&date.naive_utc().year())
}

#[cfg(test)]
mod tests;
