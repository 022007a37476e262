//! One post file read, checked and rendered.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat};
use chrono_tz::Tz;
use quire_model::{PostSummary, Term, Timestamp, TocEntry};
use quire_search::write::DocumentTerms;
use serde_json::{Map, Value};

use crate::abbrlink::Abbrlink;
use crate::elements::{self, TooMany, MAX_ELEMENTS, MAX_NESTING};
use crate::file_name::PostNames;
use crate::front_matter::{self, FrontMatter, Split};
use crate::markdown::{self, Excerpt};
use crate::permalink::{self, Permalink, PostFields};
use crate::problem::{line_of, Problem};
use crate::reading::reading_minutes;
use crate::slug::{from_permalink, post_slug};
use crate::tag_plugins::{self, PostRef};
use quire_model::escape_html;
use quire_model::slug::term_slug;

/// A post ready to be written into the bundle.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Post {
    pub source: PathBuf,
    pub summary: PostSummary,
    pub body_html: String,
    /// Whether the body has a `<!-- more -->` marker (its excerpt is what comes before).
    pub more_marker: bool,
    /// Posts its `post_link` / `post_path` tags name, resolved by the build.
    pub post_refs: Vec<PostRef>,
    /// What the author should know but does not stop the build (an unknown tag plugin).
    pub warnings: Vec<Problem>,
    pub toc: Vec<TocEntry>,
    /// Its words by field, for the search index (counted here, where posts load in parallel).
    pub search_terms: DocumentTerms,
    pub photos: Vec<String>,
    /// Old paths of the post, each with its line: a page there redirects to it.
    pub aliases: Vec<(String, usize)>,
    /// The tag plugins it uses that Quire does not know (left as text).
    pub unknown_tags: Vec<String>,
    /// A page (see [`Reading::page`]).
    pub page: bool,
    /// Its front matter's `comments:` (Hexo's), if it has one.
    pub comments: Option<bool>,
    pub extra: Map<String, Value>,
}

/// What reading one file gave.
pub enum Loaded {
    Post(Box<Post>),
    /// A draft (`draft: true` or `published: false`), left out of the output.
    Draft,
    /// An empty file, left out with a warning.
    Empty(Problem),
}

/// The most tags a post may have.
pub const MAX_TAGS: usize = 100;
/// The deepest a category path may go (`[a, b, c]` is 3).
pub const MAX_CATEGORY_DEPTH: usize = 16;
/// The longest slug, in bytes, with room for the hash a post file's name adds.
pub const MAX_SLUG_BYTES: usize = 200;
/// The largest post file (a book-length post is about 1 MB).
pub const MAX_POST_BYTES: usize = 10 * 1024 * 1024;

/// How a site reads its posts: the settings that decide a post's slug, date and URL.
#[derive(Debug)]
pub struct Reading<'a> {
    pub permalink: &'a Permalink,
    pub names: &'a PostNames,
    /// hexo-abbrlink's settings, for a post without `abbrlink:` whose URL needs one.
    pub abbrlink: Abbrlink,
    /// Whether posts keep their files in asset folders beside them (Hexo's
    /// `post_asset_folder`; always in a Quire site).
    pub asset_folders: bool,
    /// Keep drafts.
    pub drafts: bool,
    /// The words the build writes into a post's HTML, in the site's language.
    pub words: &'a markdown::PostWords,
    /// The file is a page (`content/pages/`, a Hexo `source/`'s Markdown) at this path, not a
    /// post: its own `permalink` aside, its URL is its file's, and it has no tags or categories.
    pub page: Option<&'a str>,
}

/// Parses and renders the post in `bytes`, read from `path` (as shown in messages), which is
/// The folder a post's relative URLs are resolved in: its asset folder's where posts have them
/// (Hexo's `post_asset_folder`, as Hexo's renderer reads `![](diagram.png)`), else the folder
/// of its page, as a browser resolves them (a page's always: asset folders are posts').
pub fn relative_folder(page_path: &str, asset_folder: bool) -> String {
    match asset_folder {
        true => tag_plugins::asset_folder_url(page_path),
        false => page_path[..=page_path.rfind('/').unwrap_or(0)].to_owned(),
    }
}

/// `relative` under the posts folder. A post whose front matter has no `date` is dated by its
/// file name where the site's naming has a date in it, else by `modified`, as Hexo does.
pub fn load(
    path: &Path,
    relative: &Path,
    bytes: &[u8],
    modified: DateTime<Tz>,
    reading: &Reading<'_>,
) -> Result<Loaded, Vec<Problem>> {
    let Reading {
        permalink,
        names,
        abbrlink,
        asset_folders,
        drafts,
        words,
        page,
    } = *reading;
    let problem = |line, message: &str| vec![Problem::new(path, line, message)];
    if bytes.len() > MAX_POST_BYTES {
        let message = format!(
            "the file is {} bytes: a post is {MAX_POST_BYTES} bytes (10 MiB) at most",
            bytes.len()
        );
        return Err(problem(None, &message));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of(bytes, e.valid_up_to());
        problem(Some(line), "the file is not UTF-8 text: save it as UTF-8")
    })?;
    if text.trim().is_empty() {
        // Hexo skips an empty file: a post being started, most often.
        let warning = Problem::new(path, None, "the file is empty: left out, as Hexo leaves it");
        return Ok(Loaded::Empty(warning));
    }
    let split = front_matter::split(text);
    let mut front = FrontMatter::parse(path, &split, modified.timezone(), names.is_hexo())?;
    if let Some(too_many) = elements::too_many(split.body) {
        let (at, message) = match too_many {
            TooMany::Nesting(at) => (at, format!("blockquotes, lists and HTML elements nest deeper than {MAX_NESTING} here: browsers do not nest them further")),
            TooMany::Elements(at) => (at, format!("the post opens more than {MAX_ELEMENTS} blockquotes, lists and HTML elements by here: split it")),
        };
        let line = line_of(bytes, text.len() - split.body.len() + at);
        return Err(problem(Some(line), &message));
    }
    if front.draft && !drafts {
        return Ok(Loaded::Draft);
    }
    let mut problems = Vec::new();
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let named = names.read(relative);
    if page.is_some() {
        // A page is in no list: tags and categories would name it nowhere.
        front.tags.clear();
        front.categories.clear();
    }
    // Hexo 8 takes a post's slug from its file, whatever its front matter says.
    let slug = match (&front.slug, &front.permalink, names) {
        _ if page.is_some() => page_slug(page.unwrap_or_default()),
        (Some(given), _, PostNames::Quire) => post_slug(given),
        (None, Some(permalink), PostNames::Quire) => from_permalink(permalink),
        (_, _, _) => named.slug,
    };
    if slug.is_empty() {
        let line = (front.slug.is_some() || front.permalink.is_some()).then(|| {
            split
                .line_of_key("slug")
                .max(split.line_of_key("permalink"))
        });
        problems.push(Problem::new(
            path,
            line,
            "cannot make a URL slug from this name: give the post a `slug`",
        ));
    }
    // Limits no real blog reaches, which keep a post from making the build's work or its
    // output huge (4,000 tags wrote 425 MB of pages) or the site index too deep to read back
    // (serde_json stops at 128 levels; 3,000 overflowed the stack).
    if front.tags.len() > MAX_TAGS {
        let message = format!(
            "{} tags: a post may have {MAX_TAGS} at most",
            front.tags.len()
        );
        problems.push(Problem::new(path, Some(split.line_of_key("tags")), message));
    }
    if let Some(deepest) = front
        .categories
        .iter()
        .map(Vec::len)
        .max()
        .filter(|&d| d > MAX_CATEGORY_DEPTH)
    {
        let message = format!("a category {deepest} levels deep: {MAX_CATEGORY_DEPTH} at most");
        problems.push(Problem::new(
            path,
            Some(split.line_of_key("categories")),
            message,
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tags = terms(path, &split, "tags", &front.tags, &mut problems);
    // Listed by name; a Hexo blog's in the order the site first uses each (`order_tags_as_hexo`).
    if *names == PostNames::Quire {
        tags.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let categories: Vec<Vec<Term>> = front
        .categories
        .iter()
        .map(|hierarchy| terms(path, &split, "categories", hierarchy, &mut problems))
        .collect();
    // Each slug is a file or folder name of the site (a post's file is `<slug>.<hash>.json`):
    // file systems take 255 bytes at most.
    let long = |slug: &str| slug.len() > MAX_SLUG_BYTES;
    if long(&slug) {
        let given = front.slug.is_some() || front.permalink.is_some();
        let line = split
            .line_of_key("slug")
            .max(split.line_of_key("permalink"));
        let message = format!(
            "the slug is {} bytes long: {MAX_SLUG_BYTES} at most (give a shorter `slug`)",
            slug.len()
        );
        problems.push(Problem::new(path, given.then_some(line), message));
    }
    for (key, term) in tags
        .iter()
        .map(|t| ("tags", t))
        .chain(categories.iter().flatten().map(|t| ("categories", t)))
    {
        if long(&term.slug) {
            let message = format!(
                "`{}` makes a slug of {} bytes: {MAX_SLUG_BYTES} at most",
                term.name,
                term.slug.len()
            );
            problems.push(Problem::new(path, Some(split.line_of_key(key)), message));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let from_name = named.date.and_then(|day| {
        day.and_hms_opt(0, 0, 0)?
            .and_local_timezone(modified.timezone())
            .earliest()
    });
    let date = front.date.or(from_name).unwrap_or(modified);
    let timestamp = |date: DateTime<Tz>| {
        Timestamp::new(date.to_rfc3339_opts(SecondsFormat::Secs, true))
            .expect("chrono writes RFC 3339")
    };
    // URLs a reader's browser follows from the page: by the one URL policy, or left out.
    let mut warnings = std::mem::take(&mut front.warnings);
    if split.blank_lines_before > 0 {
        let message = format!(
            "the front matter starts after {} blank line(s): Hexo reads it, other tools may not (remove them)",
            split.blank_lines_before
        );
        warnings.push(Problem::new(path, Some(1), message));
    }
    let mut allowed = |key: &str, url: &str| {
        let ok = markdown::is_allowed_url(url);
        if !ok {
            let line = Some(split.line_of_key(key));
            let message = format!("`{key}`: {}", not_allowed(url));
            warnings.push(Problem::new(path, line, message));
        }
        ok
    };
    let thumbnail_key = if split.line_of_key("cover") > split.line_of_key("thumbnail") {
        "cover"
    } else {
        "thumbnail"
    };
    let thumbnail = front
        .thumbnail
        .as_deref()
        .filter(|url| allowed(thumbnail_key, url));
    let photos: Vec<String> = front
        .photos
        .into_iter()
        .filter(|url| allowed("photos", url))
        .collect();
    let title = front.title.unwrap_or_else(|| stem.to_owned());
    let date_stamp = timestamp(date);
    let page_path = match (&front.permalink, page) {
        (Some(given), _) => permalink::normalise(given),
        (None, Some(page)) => page.to_owned(),
        (None, None) => {
            // Hexo writes a URL's date in the time zone of the machine that builds the site
            // (`TZ`), not the blog's: so does Quire, for a Hexo blog, so every URL stays.
            let url_date = match names {
                PostNames::Quire => date_stamp.clone(),
                PostNames::Hexo { .. } => {
                    let local = date.with_timezone(&chrono::Local);
                    Timestamp::new(local.to_rfc3339_opts(SecondsFormat::Secs, true))
                        .expect("chrono writes RFC 3339")
                }
            };
            let fields = PostFields {
                slug: &slug,
                file_name: stem,
                title: &title,
                date: &url_date,
                unix_seconds: date.timestamp(),
                category: categories
                    .first()
                    .map(|path| path.iter().map(|term| term.slug.as_str()).collect())
                    .unwrap_or_default(),
                fields: &front.extra,
            };
            // hexo-abbrlink computes a link for a post that has none (and writes it in).
            let computed;
            let fields = match permalink.missing_fields(&fields).contains(&"abbrlink") {
                true => {
                    let link = abbrlink.of(&title);
                    let message = format!("no `abbrlink`: `{link}`, as hexo-abbrlink computes it from the title (add `abbrlink: {link}` to keep it if the title changes)");
                    warnings.push(Problem::new(path, None, message));
                    let mut with_link = front.extra.clone();
                    with_link.insert("abbrlink".to_owned(), link.into());
                    computed = with_link;
                    PostFields {
                        fields: &computed,
                        ..fields
                    }
                }
                false => fields,
            };
            for name in permalink.missing_fields(&fields) {
                let message = format!("the permalink has `:{name}`, but the post sets no `{name}`: its slug `{slug}` stands in (Hexo would use an id of its own database)");
                warnings.push(Problem::new(path, None, message));
            }
            permalink.path_of(&fields)
        }
    };
    // A page where the blog's own pages are gives way to them (`pages::check`).
    let checked = match page {
        Some(_) => permalink::check_portable(&page_path),
        None => permalink::check(&page_path),
    };
    if let Err(message) = checked {
        let line = front
            .permalink
            .as_ref()
            .map(|_| split.line_of_key("permalink"));
        return Err(vec![Problem::new(path, line, message)]);
    }

    let alias_line = split
        .line_of_key("aliases")
        .max(split.line_of_key("redirect_from"));
    let mut aliases = Vec::new();
    for alias in &front.aliases {
        let old = permalink::normalise(alias);
        match permalink::check(&old) {
            Ok(()) => aliases.push((old, alias_line)),
            Err(message) => problems.push(Problem::new(
                path,
                Some(alias_line),
                message.replacen("the permalink", "the alias", 1),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let body_line = line_of(text.as_bytes(), text.len() - split.body.len());
    let mut expanded = tag_plugins::expand(split.body, &page_path);
    let unknown_tags = std::mem::take(&mut expanded.unknown_tags);
    let in_file = |line: usize| body_line + line - 1;
    if !expanded.problems.is_empty() {
        let problems = expanded.problems.into_iter();
        return Err(problems
            .map(|(line, message)| Problem::new(path, Some(in_file(line)), message))
            .collect());
    }
    let folder = relative_folder(&page_path, asset_folders && page.is_none());
    let rendered = markdown::render_in(&expanded.markdown, &folder, words);
    // Each at the first line that has it (a tag plugin's URL may be on none: the body's first).
    for url in &rendered.dropped_urls {
        let line = split
            .body
            .find(url.as_str())
            .map_or(body_line, |at| in_file(line_of(split.body.as_bytes(), at)));
        warnings.push(Problem::new(path, Some(line), not_allowed(url)));
    }
    for undrawn in &rendered.undrawn {
        let line = split
            .body
            .find(undrawn.source.as_str())
            .map_or(body_line, |at| in_file(line_of(split.body.as_bytes(), at)));
        warnings.push(Problem::new(
            path,
            Some(line),
            format!(
                "{} that cannot be drawn ({}): shown as its source",
                undrawn.what, undrawn.why
            ),
        ));
    }
    warnings.sort_by_key(|warning| warning.line);
    let more_marker = rendered.before_more.is_some();
    // As Hexo: the front matter's excerpt, else the part before `<!-- more -->`; then, where
    // Hexo shows the whole post, the first paragraph.
    let given = front.excerpt.as_ref().map(|text| Excerpt {
        html: format!("<p>{}</p>", escape_html(text)),
        text: text.clone(),
    });
    let excerpt = given
        .or(rendered.before_more)
        .or(rendered.first_paragraph)
        .unwrap_or_default();
    let description = summarise(front.description.as_deref().unwrap_or(&excerpt.text));
    let mut summary = PostSummary {
        slug,
        path: page_path,
        title,
        date: date_stamp,
        updated: timestamp(front.updated.unwrap_or(date)),
        tags,
        categories,
        excerpt_html: excerpt.html,
        description,
        thumbnail: thumbnail.map(|url| markdown::site_relative(url).into_owned()),
        thumbnail_srcset: String::new(),
        // Counted with the search terms below, in one pass over the text.
        word_count: 0,
        reading_minutes: 0,
        author: match front.extra.get("author") {
            Some(Value::String(author)) => author.trim().to_owned(),
            _ => String::new(),
        },
        sticky: sticky(&front.extra),
    };
    let search_terms = DocumentTerms::of_post(&summary, &rendered.toc, &rendered.text);
    let words = search_terms.body_words();
    summary.word_count = words.total();
    summary.reading_minutes = reading_minutes(words);
    Ok(Loaded::Post(Box::new(Post {
        source: path.to_owned(),
        summary,
        body_html: rendered.html,
        more_marker,
        post_refs: expanded
            .post_refs
            .into_iter()
            .map(|post_ref| PostRef {
                line: in_file(post_ref.line),
                ..post_ref
            })
            .collect(),
        warnings: expanded
            .warnings
            .into_iter()
            .map(|(line, message)| Problem::new(path, Some(in_file(line)), message))
            .chain(warnings)
            .collect(),
        toc: rendered.toc,
        search_terms,
        photos,
        aliases,
        unknown_tags,
        page: page.is_some(),
        comments: match front.extra.get("comments") {
            Some(Value::Bool(on)) => Some(*on),
            _ => None,
        },
        extra: front.extra,
    })))
}

/// A page's slug, for its file's name in the bundle: its path's last name.
fn page_slug(path: &str) -> String {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let name = name.trim_end_matches(".html").trim_end_matches(".htm");
    match post_slug(name) {
        slug if slug.is_empty() => "index".to_owned(),
        slug => slug,
    }
}

/// Hexo's `sticky:` (hexo-generator-index; `top:` of its pin-top fork): a post with a higher
/// number comes first on the home page, `true` counting 1.
fn sticky(extra: &Map<String, Value>) -> u32 {
    ["sticky", "top"]
        .iter()
        .filter_map(|key| match extra.get(*key)? {
            Value::Bool(true) => Some(1),
            Value::Number(n) => n.as_u64().map(|n| n.min(u64::from(u32::MAX)) as u32),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Names with their slugs, each slug once; a name that makes no slug is a problem.
fn terms(
    path: &Path,
    split: &Split<'_>,
    key: &str,
    names: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(names.len());
    for name in names {
        let slug = term_slug(name);
        if slug.is_empty() {
            let message =
                format!("`{key}` has `{name}`, which has no letters or digits to make a URL from");
            problems.push(Problem::new(path, Some(split.line_of_key(key)), message));
        } else if !terms.iter().any(|t| t.slug == slug) {
            terms.push(Term {
                name: name.clone(),
                slug,
            });
        }
    }
    terms
}

/// One line of at most 160 characters, cut at a word, for `<meta name="description">`.
fn summarise(text: &str) -> String {
    const LIMIT: usize = 160;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= LIMIT {
        return line;
    }
    let cut: String = line.chars().take(LIMIT - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > LIMIT / 2 => &cut[..space],
        _ => &cut,
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_ascii_punctuation())
    )
}

#[cfg(test)]
mod tests;

/// Why a URL a post links to is left out: the one URL policy ([`markdown::is_allowed_url`]).
fn not_allowed(url: &str) -> String {
    // Control characters (a tab inside `java\tscript:`) shown, not printed.
    let shown: String = url
        .chars()
        .map(|c| match c.is_control() {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect();
    format!("`{shown}` is not a URL Quire links to (only http, https, mailto and relative ones): left out")
}
