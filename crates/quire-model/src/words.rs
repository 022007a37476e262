//! The words Quire shows around a blog's posts, in the blog's language: which words there are
//! ([`Word`]), and how one is put together with what it names ([`Words`]): counts with the
//! language's plural forms, dates as the language writes them.
//!
//! The translations are the build's (crates/quire-build/src/i18n/): it writes the site's words
//! into the site index, so that the wasm every page loads carries none of them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// Declares [`Word`] with each word's name in `[strings]` (and in the build's translation
/// files): one list, so that a word, its name and its place in [`Words`] cannot disagree.
macro_rules! words {
    ($($(#[$doc:meta])* $word:ident = $name:literal,)*) => {
        /// One of Quire's words; its place in the list is its index in [`Words`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word {
            $($(#[$doc])* $word,)*
        }

        impl Word {
            /// Every word, in the order of [`Words`].
            pub const ALL: &'static [Word] = &[$(Word::$word,)*];

            /// The word's name in `[strings]` and in the translation files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Word::$word => $name,)*
                }
            }
        }
    };
}

// Placeholders in braces are filled by the app (`{n}` is a count, which picks the plural form
// among those separated by `|`); see each language's file for the English and the others.
words! {
    /// How the language's words follow a count: one of [`Plurals::NAMES`].
    Plurals = "plurals",
    // The site's frame, written by the build (quire_model::furniture).
    Home = "home",
    Archives = "archives",
    Categories = "categories",
    Tags = "tags",
    About = "about",
    /// What a screen reader calls the footer's links to the author's profiles elsewhere.
    Elsewhere = "elsewhere",
    BuiltWithQuire = "built_with_quire",
    // The frame the app draws.
    SkipToContent = "skip_to_content",
    /// The main menu's name for screen readers.
    MainMenu = "main_menu",
    ThemeToggle = "theme_toggle",
    Search = "search",
    /// The search box's label for screen readers.
    SearchPosts = "search_posts",
    Loading = "loading",
    LoadFailed = "load_failed",
    BlogUpdated = "blog_updated",
    LoadNewVersion = "load_new_version",
    TryAgain = "try_again",
    /// `{status}`
    HttpStatus = "http_status",
    Offline = "offline",
    /// `{reason}`, in English: a technical detail.
    Unreadable = "unreadable",
    // Dates.
    /// Moment.js tokens, as Hexo's `date_format`: `YYYY`, `MMMM`, `MM`, `M`, `DD`, `D`, and
    /// `[text]` as written (in the bundle, the tokens are placeholders: `{YYYY}`).
    DateFormat = "date_format",
    /// The twelve months as a date names them (`|` between), for `MMMM`.
    DateMonths = "date_months",
    /// The twelve months on their own, as a heading names them.
    Months = "months",
    /// `{month}` (or `{m}`, its number) and `{year}`: the heading of a month's posts.
    MonthYear = "month_year",
    // Posts.
    Updated = "updated",
    /// `{n}` minutes.
    MinRead = "min_read",
    Contents = "contents",
    /// `{i}` of `{n}`.
    Photo = "photo",
    RelatedPosts = "related_posts",
    Newer = "newer",
    Older = "older",
    /// What a screen reader calls the links to the newer and older post.
    MorePosts = "more_posts",
    Comments = "comments",
    ContinueReading = "continue_reading",
    // Lists.
    NewerPosts = "newer_posts",
    OlderPosts = "older_posts",
    /// `{page}` of `{pages}`.
    PageOf = "page_of",
    /// What a screen reader calls the links between a list's pages.
    Pages = "pages",
    /// `{page}`: the title of the home page's later pages.
    PageNumber = "page_number",
    LatestPosts = "latest_posts",
    /// `{page}` of `{pages}`.
    PostsPageOf = "posts_page_of",
    NothingPublished = "nothing_published",
    NotFound = "not_found",
    NotFoundText = "not_found_text",
    GoHome = "go_home",
    /// `{n}` tags of `{site}`.
    TagsDescription = "tags_description",
    /// `{name}`
    TagTitle = "tag_title",
    TagHeading = "tag_heading",
    /// `{n}`, `{name}`, `{site}`.
    TagDescription = "tag_description",
    /// `{site}`, `{name}`: the tag's feed's title.
    TagFeed = "tag_feed",
    AllTags = "all_tags",
    /// `{site}`
    CategoriesDescription = "categories_description",
    CategoryTitle = "category_title",
    CategoryHeading = "category_heading",
    /// What a screen reader calls a category page's path of parent categories.
    Breadcrumb = "breadcrumb",
    /// What a screen reader calls a category page's list of the categories below it.
    Subcategories = "subcategories",
    /// `{n}`, `{name}`, `{site}`.
    CategoryDescription = "category_description",
    /// `{period}`: a year, or a month and its year.
    ArchivesOf = "archives_of",
    /// `{n}`, `{site}`.
    ArchivesDescription = "archives_description",
    /// `{n}`
    PostCount = "post_count",
    /// What a screen reader calls the archive's links to each year.
    Years = "years",
    // Search.
    /// `{query}`
    SearchTitle = "search_title",
    /// `{site}`
    SearchDescription = "search_description",
    /// HTML (the site owner's, when overridden): how to search.
    SearchHint = "search_hint",
    /// `{query}`, `{words}`.
    SearchTooCommon = "search_too_common",
    SearchNone = "search_none",
    /// `{n}`, `{query}`.
    SearchSome = "search_some",
    SearchFound = "search_found",
    MoreResults = "more_results",
    /// `{ms}`: how long a search took, after its summary.
    SearchTime = "search_time",
    // Redirect pages, written by the build.
    Moved = "moved",
    /// `{link}`: the page's new address.
    MovedTo = "moved_to",
    // In posts, written by the build.
    Copy = "copy",
    CopyCode = "copy_code",
    Copied = "copied",
    CopyFailed = "copy_failed",
    LinkToSection = "link_to_section",
    TaskDone = "task_done",
    TaskNotDone = "task_not_done",
    /// The titles of callouts (GitHub's `> [!NOTE]`, Hexo themes' `{% note %}`).
    CalloutNote = "callout_note",
    CalloutTip = "callout_tip",
    CalloutImportant = "callout_important",
    CalloutWarning = "callout_warning",
    CalloutCaution = "callout_caution",
}

/// How a language's words follow a count: CLDR's plural rules for the languages Quire
/// translates (a word's forms are separated by `|`, in the rule's order). Named by
/// [`Word::Plurals`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Plurals {
    /// One form (Chinese, Japanese, Korean): `invariable`.
    Invariable,
    /// `one` for 1, `other` (English, German, Spanish, …): `one-other`.
    #[default]
    OneOther,
    /// `one` for 0 and 1, `other` (French, Brazilian Portuguese): `zero-one-other`.
    ZeroOneOther,
    /// `one` (1, 21, 31, …), `few` (2–4, 22–24, …), `many` (Russian, Ukrainian): `one-few-many`.
    OneFewMany,
}

impl Plurals {
    pub const NAMES: [(&'static str, Plurals); 4] = [
        ("invariable", Plurals::Invariable),
        ("one-other", Plurals::OneOther),
        ("zero-one-other", Plurals::ZeroOneOther),
        ("one-few-many", Plurals::OneFewMany),
    ];

    /// The rule called `name`, if there is one.
    pub fn named(name: &str) -> Option<Plurals> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, rule)| *rule)
    }

    /// Which of a word's forms `n` takes.
    pub fn form(self, n: u32) -> usize {
        match self {
            Plurals::Invariable => 0,
            Plurals::OneOther => usize::from(n != 1),
            Plurals::ZeroOneOther => usize::from(n > 1),
            Plurals::OneFewMany => match (n % 10, n % 100) {
                (1, r) if r != 11 => 0,
                (2..=4, r) if !(12..=14).contains(&r) => 1,
                _ => 2,
            },
        }
    }
}

/// The site's words, one for each [`Word`] in its order. A plain list in the bundle: the app
/// reads it with the code that reads every other list of strings. Shared, not copied, by
/// every page that is handed the site's settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Words(pub Arc<[String]>);

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(|list| Words(list.into()))
    }
}

impl Words {
    /// The word as written (empty if the table has none: a bundle older than the word).
    pub fn get(&self, word: Word) -> &str {
        self.0.get(word as usize).map_or("", String::as_str)
    }

    /// The word with each `{name}` of `args` filled in.
    pub fn fill(&self, word: Word, args: &[(&str, &str)]) -> String {
        fill(self.get(word), args)
    }

    /// The word's form for the count `n`, with `{n}` and each of `args` filled in.
    pub fn count(&self, word: Word, n: u32, args: &[(&str, &str)]) -> String {
        let rule = Plurals::named(self.get(Word::Plurals)).unwrap_or_default();
        // A form the word lacks (a language with fewer forms, an override with one): its last.
        let form = nth(self.get(word), rule.form(n));
        // One pass over the word: text filled in (a query with `{n}` in it) is not read again.
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(form, &all)
    }

    /// The name of `month` (1–12) on its own.
    pub fn month(&self, month: u32) -> &str {
        nth(self.get(Word::Months), (month as usize).wrapping_sub(1))
    }

    /// The day `date` falls on, as the language writes a date ([`Word::DateFormat`]: the build
    /// has made the Moment.js tokens placeholders, `{YYYY}`).
    pub fn date(&self, date: &Timestamp) -> String {
        let day = date.date();
        let (year, month, day) = (&day[..4], &day[5..7], &day[8..10]);
        let name = nth(
            self.get(Word::DateMonths),
            (date.month() as usize).wrapping_sub(1),
        );
        let args = [
            ("YYYY", year),
            ("MMMM", name),
            ("MM", month),
            ("M", month.strip_prefix('0').unwrap_or(month)),
            ("DD", day),
            ("D", day.strip_prefix('0').unwrap_or(day)),
        ];
        fill(self.get(Word::DateFormat), &args)
    }
}

/// The tokens of a date format (Moment.js's, as Hexo's `date_format`), longest first (so
/// `MMMM` is not read as `MM` twice). [`Words::date`] fills them in as `{YYYY}`.
pub const DATE_TOKENS: [&str; 6] = ["YYYY", "MMMM", "MM", "M", "DD", "D"];

/// The `i`-th (from 0) of `|`-separated parts, or the last if there are fewer.
fn nth(parts: &str, i: usize) -> &str {
    let mut rest = parts;
    for _ in 0..i {
        match rest.find('|') {
            Some(end) => rest = &rest[end + 1..],
            None => break,
        }
    }
    rest.find('|').map_or(rest, |end| &rest[..end])
}

/// `text` with each `{name}` of `args` replaced by its value, in one pass; other braces as
/// they are.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.find('}').and_then(|close| {
            let (_, value) = args.iter().find(|(name, _)| *name == &rest[1..close])?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &rest[close + 1..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(plurals: &str, set: &[(Word, &str)]) -> Words {
        let mut list = vec![String::new(); Word::ALL.len()];
        list[Word::Plurals as usize] = plurals.to_owned();
        for (word, text) in set {
            list[*word as usize] = (*text).to_owned();
        }
        Words(list.into())
    }

    #[test]
    fn words_are_found_by_their_place_and_named_once() {
        for (i, word) in Word::ALL.iter().enumerate() {
            assert_eq!(*word as usize, i);
            let named = Word::ALL.iter().filter(|w| w.name() == word.name());
            assert_eq!(named.count(), 1, "{}", word.name());
        }
        assert_eq!(Words::default().get(Word::Home), "");
        // In the bundle, a plain list.
        let json = serde_json::to_string(&words("one-other", &[(Word::Home, "Home")])).unwrap();
        assert!(json.starts_with(r#"["one-other","Home","#), "{json}");
    }

    #[test]
    fn placeholders_are_filled_once() {
        let w = words(
            "one-other",
            &[(Word::SearchFound, "{n} post: {query} {unknown} { }")],
        );
        let filled = w.count(Word::SearchFound, 1, &[("query", "{n} {query}")]);
        assert_eq!(filled, "1 post: {n} {query} {unknown} { }");
    }

    #[test]
    fn counts_take_the_languages_plural_form() {
        let en = words(
            "one-other",
            &[(
                Word::SearchFound,
                "{n} post matches “{query}”.|{n} posts match “{query}”.",
            )],
        );
        let found = |w: &Words, n| w.count(Word::SearchFound, n, &[("query", "rust")]);
        assert_eq!(found(&en, 1), "1 post matches “rust”.");
        assert_eq!(found(&en, 0), "0 posts match “rust”.");
        assert_eq!(found(&en, 21), "21 posts match “rust”.");
        let ru = words(
            "one-few-many",
            &[(Word::PostCount, "{n} запись.|{n} записи.|{n} записей.")],
        );
        let posts = |n| ru.count(Word::PostCount, n, &[]);
        assert_eq!(
            [1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map(posts),
            [
                "1 запись.",
                "2 записи.",
                "5 записей.",
                "11 записей.",
                "12 записей.",
                "21 запись.",
                "22 записи.",
                "25 записей.",
                "111 записей.",
                "104 записи."
            ]
        );
        let fr = words(
            "zero-one-other",
            &[(Word::PostCount, "{n} article.|{n} articles.")],
        );
        assert_eq!(fr.count(Word::PostCount, 0, &[]), "0 article.");
        assert_eq!(fr.count(Word::PostCount, 2, &[]), "2 articles.");
        // One form serves every count; a language with more forms than a word has uses its last.
        let zh = words("invariable", &[(Word::PostCount, "{n} 篇文章。")]);
        assert_eq!(zh.count(Word::PostCount, 2, &[]), "2 篇文章。");
        let short = words("one-few-many", &[(Word::PostCount, "{n} post|{n} posts")]);
        assert_eq!(short.count(Word::PostCount, 5, &[]), "5 posts");
        // An unknown rule is English's.
        let odd = words("dual", &[(Word::PostCount, "{n} post|{n} posts")]);
        assert_eq!(odd.count(Word::PostCount, 2, &[]), "2 posts");
    }

    #[test]
    fn dates_are_written_as_the_language_writes_them() {
        let date = Timestamp::new("2024-09-05T12:14:58+08:00".into()).unwrap();
        let months =
            "January|February|March|April|May|June|July|August|September|October|November|December";
        let with = |format: &str| {
            words(
                "one-other",
                &[(Word::DateFormat, format), (Word::DateMonths, months)],
            )
            .date(&date)
        };
        assert_eq!(with("{YYYY}年{M}月{D}日"), "2024年9月5日");
        assert_eq!(with("{MMMM} {D}, {YYYY}"), "September 5, 2024");
        assert_eq!(with("{YYYY}-{MM}-{DD}"), "2024-09-05");
        assert_eq!(with("{DD}.{MM}.{YYYY}"), "05.09.2024");
        let ru = words(
            "one-few-many",
            &[(
                Word::Months,
                "Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь",
            )],
        );
        assert_eq!((ru.month(9), ru.month(1)), ("Сентябрь", "Январь"));
    }
}
