//! Post URLs from a Hexo-style `permalink` scheme (`:year/:month/:day/:title/`), so that a blog
//! moved from Hexo keeps every URL it had.

use quire_model::routes::{
    is_html_file, is_reserved_name, same_page, RESERVED_FOLDERS, RESERVED_PAGES,
};
use quire_model::slug::term_slug;
use quire_model::Timestamp;
use serde_json::{Map, Value};

/// A checked `permalink` scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Permalink {
    parts: Vec<Part>,
    /// Hexo's `permalink_defaults`: the value of a front-matter token a post does not set.
    defaults: Vec<(String, String)>,
    /// Hexo's `default_category`: the `:category` of a post without categories.
    default_category: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Token(Token),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Year,
    Month,
    MonthUnpadded,
    Day,
    DayUnpadded,
    Hour,
    Minute,
    Second,
    /// The post's slug (Hexo's `:title` is the file name, or the front matter's `slug`).
    Slug,
    /// The file name without its extension.
    FileName,
    /// The slug of the post's title.
    TitleSlug,
    /// The post's first category path, `a/b`, or `uncategorized`.
    Category,
    /// Hexo's `:hash`: 12 hex digits of SHA-1 over the slug and the date in Unix seconds.
    Hash,
    /// Any other name: the post's front-matter field of that name, as Hexo reads it (`:id`,
    /// hexo-abbrlink's `:abbrlink`, `:lang`), else its `permalink_defaults` value.
    Field(String),
}

const TOKENS: [(&str, Token); 14] = [
    ("year", Token::Year),
    ("month", Token::Month),
    ("i_month", Token::MonthUnpadded),
    ("day", Token::Day),
    ("i_day", Token::DayUnpadded),
    ("hour", Token::Hour),
    ("minute", Token::Minute),
    ("second", Token::Second),
    ("title", Token::Slug),
    ("slug", Token::Slug),
    ("name", Token::FileName),
    ("post_title", Token::TitleSlug),
    ("category", Token::Category),
    ("hash", Token::Hash),
];

/// A piece of a Hexo pattern (a `permalink`, a `new_post_name`): text as written, or the name
/// of a `:token` (letters, digits and `_` after the colon).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PatternPiece<'a> {
    Text(&'a str),
    Token(&'a str),
}

/// `pattern` cut into its text and its `:token`s, in order.
pub(crate) fn pattern_pieces(pattern: &str) -> Vec<PatternPiece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        if colon > 0 {
            pieces.push(PatternPiece::Text(&rest[..colon]));
        }
        let after = &rest[colon + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        pieces.push(PatternPiece::Token(&after[..name_len]));
        rest = &after[name_len..];
    }
    if !rest.is_empty() {
        pieces.push(PatternPiece::Text(rest));
    }
    pieces
}

/// What a post contributes to its URL.
pub struct PostFields<'a> {
    pub slug: &'a str,
    pub file_name: &'a str,
    pub title: &'a str,
    pub date: &'a Timestamp,
    pub unix_seconds: i64,
    /// The slugs of the post's first category path, root first.
    pub category: Vec<&'a str>,
    /// The front-matter fields Quire does not read itself, for [`Token::Field`].
    pub fields: &'a Map<String, Value>,
}

impl Default for Permalink {
    fn default() -> Self {
        Self::parse("posts/:title/").expect("the default scheme is valid")
    }
}

impl Permalink {
    /// Reads a scheme: Quire's tokens, and any other name as a front-matter field.
    pub fn parse(scheme: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        for piece in pattern_pieces(scheme.trim()) {
            parts.push(match piece {
                PatternPiece::Text(text) => Part::Text(text.to_owned()),
                PatternPiece::Token("") => {
                    return Err("permalink has a `:` with no token name after it".into())
                }
                PatternPiece::Token(name) => Part::Token(
                    TOKENS
                        .iter()
                        .find(|(known, _)| *known == name)
                        .map_or_else(|| Token::Field(name.to_owned()), |(_, t)| t.clone()),
                ),
            });
        }
        // A front-matter field (`:id`, `:abbrlink`) tells posts apart as well as a slug, if the
        // blog sets it on each: two posts that share a URL are an error later either way.
        let slug_like = |token: &Token| {
            matches!(
                token,
                Token::Slug | Token::FileName | Token::TitleSlug | Token::Hash | Token::Field(_)
            )
        };
        if !parts
            .iter()
            .any(|part| matches!(part, Part::Token(t) if slug_like(t)))
        {
            return Err(
                "permalink needs one of :title, :slug, :name, :post_title or :hash (or a front-matter field such as :id), or two posts would share a URL"
                    .into(),
            );
        }
        Ok(Self {
            parts,
            defaults: Vec::new(),
            default_category: "uncategorized".to_owned(),
        })
    }

    /// The scheme with Hexo's `permalink_defaults`.
    pub fn with_defaults(self, defaults: Vec<(String, String)>) -> Self {
        Self { defaults, ..self }
    }

    /// The scheme with Hexo's `default_category`.
    pub fn with_default_category(self, default_category: String) -> Self {
        Self {
            default_category,
            ..self
        }
    }

    /// The names of the scheme's tokens that are front-matter fields, not Quire's own.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Token(Token::Field(name)) => Some(name.as_str()),
            _ => None,
        })
    }

    /// Whether `name` has a `permalink_defaults` value.
    pub fn has_default(&self, name: &str) -> bool {
        self.defaults.iter().any(|(key, _)| key == name)
    }

    /// The names of the front-matter fields the scheme needs that `post` does not set and that
    /// have no default: its slug stands in for each (Hexo would use an internal id or write
    /// `undefined`).
    pub fn missing_fields<'p>(&'p self, post: &PostFields<'_>) -> Vec<&'p str> {
        self.field_names()
            .filter(|name| field_value(post.fields, name).is_none() && !self.has_default(name))
            .collect()
    }

    /// The page path of a post: `/` first, and `/` last unless it ends in a file name such as
    /// `.html`.
    pub fn path_of(&self, post: &PostFields<'_>) -> String {
        let date = post.date.as_str();
        let number = |range: std::ops::Range<usize>| date.get(range).unwrap_or("00").to_owned();
        let unpadded = |range| number(range).trim_start_matches('0').to_owned();
        let mut path = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => path.push_str(text),
                Part::Token(token) => path.push_str(&match token {
                    Token::Year => number(0..4),
                    Token::Month => number(5..7),
                    Token::MonthUnpadded => unpadded(5..7),
                    Token::Day => number(8..10),
                    Token::DayUnpadded => unpadded(8..10),
                    Token::Hour => number(11..13),
                    Token::Minute => number(14..16),
                    Token::Second => number(17..19),
                    Token::Slug => post.slug.to_owned(),
                    Token::FileName => post.file_name.to_owned(),
                    Token::TitleSlug => term_slug(post.title),
                    Token::Category if post.category.is_empty() => self.default_category.clone(),
                    Token::Category => post.category.join("/"),
                    Token::Field(name) => field_value(post.fields, name)
                        .or_else(|| {
                            self.defaults
                                .iter()
                                .find(|(key, _)| key == name)
                                .map(|(_, value)| value.clone())
                        })
                        .unwrap_or_else(|| post.slug.to_owned()),
                    Token::Hash => {
                        let mut sha = sha1_smol::Sha1::new();
                        sha.update(post.slug.as_bytes());
                        sha.update(post.unix_seconds.to_string().as_bytes());
                        sha.digest().to_string()[..12].to_owned()
                    }
                }),
            }
        }
        normalise(&path)
    }
}

/// A front-matter field as a permalink writes it: text as it is, a number or a boolean as
/// written; a list, a map or null is no value.
fn field_value(fields: &Map<String, Value>, name: &str) -> Option<String> {
    match fields.get(name)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A path as written in front matter or made by a scheme, in the form every page path has:
/// `/` first, no empty segments, and `/` last unless the last segment is an `.html` or `.htm`
/// file.
pub fn normalise(path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let mut normal = format!("/{}", segments.join("/"));
    let is_file = segments.last().is_some_and(|last| is_html_file(last));
    if !is_file && normal.len() > 1 {
        normal.push('/');
    }
    normal
}

/// Why a post cannot have `path`, if it cannot: it would hide one of the app's own pages, leave
/// the site, or not be a file name on every system a blog is built on.
pub fn check(path: &str) -> Result<(), String> {
    // On macOS and Windows `/Index.html` is the home page's file: compare as they do.
    let folded = path.to_lowercase();
    let first = folded
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    if RESERVED_PAGES.iter().any(|page| same_page(page, &folded)) {
        return Err(format!(
            "the permalink makes `{path}`, the URL of one of the blog's own pages"
        ));
    }
    if is_reserved_name(first) {
        return Err(format!(
            "the permalink makes `{path}`, where the site's build writes its own files"
        ));
    }
    if RESERVED_FOLDERS.contains(&first) {
        return Err(format!(
            "the permalink makes `{path}`, under `/{first}/`, where the blog's own pages are"
        ));
    }
    check_portable(path)
}

/// Whether `path` is one of the blog's own pages or under their folders, where no post or page
/// may be (see [`check`]).
pub fn is_own(path: &str) -> bool {
    let folded = path.to_lowercase();
    let first = folded
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    RESERVED_PAGES.iter().any(|page| same_page(page, &folded))
        || is_reserved_name(first)
        || RESERVED_FOLDERS.contains(&first)
}

/// Why no page can be at `path` on every system a blog is built on, if none can: the part of
/// [`check`] that is not about the blog's own pages.
pub fn check_portable(path: &str) -> Result<(), String> {
    if path.split('/').any(|segment| segment == "..") {
        return Err(format!("the permalink `{path}` leaves the site with `..`"));
    }
    for segment in path.split('/') {
        if let Some(why) = unportable(segment) {
            return Err(format!(
                "the permalink makes `{}`: {why}",
                path.escape_debug()
            ));
        }
    }
    Ok(())
}

/// Whether a redirect may have a page at `path`: every segment a name every system takes, and
/// not a file of the site's own (a tag's old folder may be under `/tags/`, Quire's own).
pub fn check_folder(path: &str) -> bool {
    let folded = path.to_lowercase();
    !RESERVED_PAGES.iter().any(|page| same_page(page, &folded))
        && !path
            .split('/')
            .any(|segment| segment == ".." || unportable(segment).is_some())
}

/// Why `name` cannot be a file or folder name on Linux, macOS and Windows alike, if it cannot.
/// (Windows forbids more, `<>:"|?*` among them, but Hexo blogs built on Linux have them in
/// their URLs, and static hosts serve them.)
fn unportable(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(char::is_ascii_control) {
        return Some(format!(
            "a name holds the control character U+{:04X}",
            c as u32
        ));
    }
    if name.contains('\\') {
        return Some("a name holds `\\`, a folder separator on Windows".to_owned());
    }
    (name.len() > MAX_NAME_BYTES).then(|| {
        format!(
            "a name is {} bytes long, and file systems take {MAX_NAME_BYTES} at most",
            name.len()
        )
    })
}

/// The longest file or folder name Linux, macOS and Windows all take.
const MAX_NAME_BYTES: usize = 255;

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(date: &'a Timestamp) -> PostFields<'a> {
        static NONE: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
        PostFields {
            slug: "hello-world",
            file_name: "hello-world",
            title: "Hello, World!",
            date,
            unix_seconds: 1_700_000_000,
            category: vec!["code", "rust"],
            fields: &NONE,
        }
    }

    #[test]
    fn any_other_token_is_a_front_matter_field() {
        let date = Timestamp::new("2024-09-05T08:04:03+08:00".into()).unwrap();
        let mut front = Map::new();
        front.insert("id".into(), Value::from(42));
        front.insert("abbrlink".into(), Value::from("9a3e"));
        let post = PostFields {
            fields: &front,
            ..fields(&date)
        };
        let scheme = |scheme: &str| {
            Permalink::parse(scheme)
                .unwrap()
                .with_defaults(vec![("lang".into(), "en".into())])
        };
        assert_eq!(
            scheme(":year/:month/:day/:id/").path_of(&post),
            "/2024/09/05/42/"
        );
        assert_eq!(
            scheme("posts/:abbrlink.html").path_of(&post),
            "/posts/9a3e.html"
        );
        // A default where the post sets nothing; the slug where there is neither.
        assert_eq!(scheme(":lang/:title/").path_of(&post), "/en/hello-world/");
        let no_id = scheme(":id/");
        assert_eq!(no_id.path_of(&fields(&date)), "/hello-world/");
        assert_eq!(no_id.missing_fields(&fields(&date)), ["id"]);
        assert!(no_id.missing_fields(&post).is_empty());
        assert!(scheme(":lang/:title/")
            .missing_fields(&fields(&date))
            .is_empty());
    }

    #[test]
    fn hexo_tokens() {
        let date = Timestamp::new("2024-09-05T08:04:03+08:00".into()).unwrap();
        let post = fields(&date);
        let path = |scheme: &str| Permalink::parse(scheme).unwrap().path_of(&post);
        assert_eq!(
            path(":year/:month/:day/:title/"),
            "/2024/09/05/hello-world/"
        );
        assert_eq!(
            path(":year/:i_month/:i_day/:name.html"),
            "/2024/9/5/hello-world.html"
        );
        assert_eq!(path(":category/:post_title"), "/code/rust/hello-world/");
        assert_eq!(
            path("p/:hour-:minute-:second/:slug/"),
            "/p/08-04-03/hello-world/"
        );
        assert_eq!(Permalink::default().path_of(&post), "/posts/hello-world/");
        let hash = path(":hash/");
        assert_eq!(hash.len(), "/0123456789ab/".len(), "{hash}");
        let mut uncategorised = fields(&date);
        uncategorised.category.clear();
        assert_eq!(
            Permalink::parse(":category/:title/")
                .unwrap()
                .path_of(&uncategorised),
            "/uncategorized/hello-world/"
        );
    }

    #[test]
    fn bad_schemes_are_named() {
        let e = Permalink::parse(":year/:/").unwrap_err();
        assert!(e.contains("no token name"), "{e}");
        assert!(Permalink::parse(":year/:month/")
            .unwrap_err()
            .contains("share a URL"));
        assert!(check("/tags/x/").unwrap_err().contains("/tags/"));
        assert!(check("/").is_err());
        assert!(check("/archives").is_err());
        assert!(check("/archives/old.html").is_ok());
        assert!(check("/2024/x/").is_ok());
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise("2020/01/my-post"), "/2020/01/my-post/");
        assert_eq!(normalise("/archives//old.html"), "/archives/old.html");
        assert_eq!(normalise("./a/"), "/a/");
        // Only `.html` and `.htm` make a file, as in Hexo: a version number in a slug does not.
        assert_eq!(normalise("notes/v1.2"), "/notes/v1.2/");
        assert_eq!(normalise("a/b.HTM"), "/a/b.HTM");
    }
}
