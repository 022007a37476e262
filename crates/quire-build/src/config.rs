//! `site.toml`: the site's settings.

use std::collections::HashMap;
use std::path::Path;

use chrono_tz::Tz;
use quire_model::furniture::{self, Link, SocialLink};

use crate::i18n;
use quire_model::integrations::{Ads, Analytics, Comments, Head, Integrations};
use quire_model::words::{Word, Words};
use quire_model::SiteInfo;
use serde::Deserialize;

use crate::abbrlink::Abbrlink;
use crate::file_name::{FilenameCase, PostNames};
use crate::permalink::Permalink;
use crate::problem::{line_of, Problem};

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub info: SiteInfo,
    /// The zone that front-matter dates without an offset are in, and that dates are shown in.
    pub timezone: Tz,
    /// How post URLs are made.
    pub permalink: Permalink,
    /// How post files are named: Quire's way, or a Hexo blog's `new_post_name`.
    pub post_names: PostNames,
    /// Whether a post's relative URLs name files of its asset folder (Hexo's
    /// `post_asset_folder`; always in a Quire site), or of its page's folder.
    pub asset_folders: bool,
    /// Whether posts dated after the build are published (Hexo's `future`, true by default).
    pub future: bool,
    /// Where a Hexo blog had its tag and category pages, to redirect from there.
    pub hexo_terms: Option<HexoTermUrls>,
    /// hexo-abbrlink's settings, for posts that have no `abbrlink:` yet.
    pub abbrlink: Abbrlink,
    /// Feeds also written at a Hexo blog's own feed paths (hexo-generator-feed's `feed.path`):
    /// Quire's path and the blog's.
    pub feed_copies: Vec<(String, String)>,
    /// `[head]`, `[analytics]`, `[ads]`, `[comments]`: what the pages carry besides Quire's own.
    pub integrations: Integrations,
    /// Hexo's `skip_render`: globs of `source/` files copied as they are, Markdown included.
    pub skip_render: Vec<String>,
}

/// How a Hexo blog made its tag, category and archive pages' URLs: `/<tag_dir>/<slug>/`, the slug
/// Hexo's `slugize` of the name (or of its `tag_map` / `category_map` entry), cased by
/// `filename_case`; a category's under its parent's.
#[derive(Clone, Debug, Default)]
pub struct HexoTermUrls {
    pub tag_dir: String,
    pub category_dir: String,
    /// The year and month lists: `/<archive_dir>/2024/05/`.
    pub archive_dir: String,
    pub tag_map: HashMap<String, String>,
    pub category_map: HashMap<String, String>,
    pub case: FilenameCase,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    title: String,
    subtitle: String,
    description: String,
    author: String,
    language: String,
    base_url: String,
    timezone: String,
    posts_per_page: u32,
    permalink: String,
    menu: Option<Vec<Link>>,
    /// Kind → the profile's URL (an address, for `email`).
    social: std::collections::BTreeMap<String, String>,
    logo: Option<String>,
    footer: String,
    /// Name → the site's own word for one of Quire's (`quire_model::words::Word`).
    strings: std::collections::BTreeMap<String, String>,
    head: Head,
    analytics: Analytics,
    ads: Option<Ads>,
    comments: Option<Comments>,
}

impl Default for RawConfig {
    fn default() -> Self {
        Self {
            title: "Quire".into(),
            subtitle: String::new(),
            description: String::new(),
            author: String::new(),
            language: "en".into(),
            base_url: "http://127.0.0.1:8080".into(),
            timezone: "UTC".into(),
            posts_per_page: 10,
            permalink: "posts/:title/".into(),
            menu: None,
            social: Default::default(),
            logo: None,
            footer: String::new(),
            strings: Default::default(),
            head: Head::default(),
            analytics: Analytics::default(),
            ads: None,
            comments: None,
        }
    }
}

/// A Hexo site's settings file, read when there is no `site.toml`.
pub const HEXO_CONFIG: &str = "_config.yml";

/// Hexo's default `permalink`.
const HEXO_PERMALINK: &str = ":year/:month/:day/:title/";

/// The 1-based line where `key` is set in a TOML or YAML settings file.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1)
}

impl SiteConfig {
    /// Reads `site.toml`; a missing file means every default.
    pub fn load(path: &Path) -> Result<Self, Problem> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Problem::new(path, None, format!("cannot read: {e}"))),
        };
        Self::parse(path, &text)
    }

    /// The settings of the site in `root`: its `site.toml`, or else a Hexo site's `_config.yml`
    /// (with warnings for what Quire does differently), or else every default.
    pub fn load_site(root: &Path) -> Result<(Self, Vec<Problem>), Problem> {
        let hexo = root.join(HEXO_CONFIG);
        if !root.join("site.toml").exists() && hexo.exists() {
            let text = std::fs::read_to_string(&hexo)
                .map_err(|e| Problem::new(&hexo, None, format!("cannot read: {e}")))?;
            return Self::parse_hexo(&hexo, &text);
        }
        Ok((Self::load(&root.join("site.toml"))?, Vec::new()))
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| line_of(text.as_bytes(), span.start));
            Problem::new(path, line, e.message().trim_end().to_owned())
        })?;
        Self::from_raw(path, text, raw)
    }

    /// Reads a Hexo `_config.yml`: the settings Quire shares with Hexo. Hexo's other settings
    /// (themes, plugins, deployment) are not Quire's and are passed over.
    pub fn parse_hexo(path: &Path, text: &str) -> Result<(Self, Vec<Problem>), Problem> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct HexoConfig {
            title: Option<String>,
            subtitle: Option<String>,
            description: Option<String>,
            author: Option<String>,
            /// A name, or a list whose first entry is the site's language.
            language: Option<serde_json::Value>,
            timezone: Option<String>,
            url: Option<String>,
            permalink: Option<String>,
            /// How post files are named: `:title.md`, or with the date, `:year-:month-:day-:title.md`.
            new_post_name: Option<String>,
            /// 0 keeps a file name's case in its slug, 1 lowers it, 2 raises it.
            filename_case: Option<u8>,
            /// Posts keep their files in a folder beside them.
            post_asset_folder: Option<bool>,
            /// Publish posts dated after the build.
            future: Option<bool>,
            /// The `:category` of a post without categories.
            default_category: Option<String>,
            /// Values for the permalink's front-matter tokens that a post does not set.
            permalink_defaults: Option<serde_json::Map<String, serde_json::Value>>,
            /// 0 turns pagination off.
            per_page: Option<u32>,
            tag_dir: Option<String>,
            category_dir: Option<String>,
            archive_dir: Option<String>,
            /// hexo-abbrlink's settings: `alg` and `rep`.
            abbrlink: Option<serde_json::Value>,
            /// hexo-generator-feed's settings: `type` and `path`, each one or a list.
            feed: Option<serde_json::Value>,
            tag_map: Option<HashMap<String, serde_json::Value>>,
            category_map: Option<HashMap<String, serde_json::Value>>,
            /// The theme, whose own settings may hold the menu.
            theme: Option<String>,
            /// The header's links, where the site's settings name them: `Name: /path/`.
            menu: Option<serde_norway::Value>,
            /// One glob or a list.
            skip_render: Option<serde_json::Value>,
            /// How the theme writes a date (Moment.js tokens).
            date_format: Option<String>,
        }
        let hexo: HexoConfig = serde_norway::from_str(text).map_err(|e| {
            let line = e.location().map(|l| l.line());
            Problem::new(path, line, format!("not valid YAML: {e}"))
        })?;
        let defaults = RawConfig::default();
        let language = match hexo.language {
            Some(serde_json::Value::String(language)) => language,
            Some(serde_json::Value::Array(list)) => list
                .first()
                .and_then(|l| l.as_str())
                .map_or(defaults.language.clone(), str::to_owned),
            _ => defaults.language.clone(),
        };
        let words = i18n::words(&language, &Default::default()).expect("no overrides to refuse");
        let mut warnings = Vec::new();
        // The date as the blog wrote it (Hexo's scaffold sets `YYYY-MM-DD`), where Quire can.
        let mut strings = std::collections::BTreeMap::new();
        if let Some(format) = hexo.date_format.filter(|f| !f.trim().is_empty()) {
            match i18n::date_template(&format) {
                Ok(_) => {
                    strings.insert(Word::DateFormat.name().to_owned(), format);
                }
                Err(problem) => warnings.push(Problem::new(
                    path,
                    line_of_key(text, "date_format"),
                    format!("{problem}: dates are written as the site's language writes them"),
                )),
            }
        }
        let raw = RawConfig {
            title: hexo.title.unwrap_or(defaults.title),
            subtitle: hexo.subtitle.unwrap_or_default(),
            description: hexo.description.unwrap_or_default(),
            author: hexo.author.unwrap_or_default(),
            language,
            base_url: hexo.url.unwrap_or(defaults.base_url),
            timezone: hexo
                .timezone
                .filter(|zone| !zone.trim().is_empty())
                .unwrap_or(defaults.timezone),
            posts_per_page: match hexo.per_page {
                Some(0) => u32::MAX,
                Some(n) => n,
                None => defaults.posts_per_page,
            },
            // Hexo's own default, which its blogs' URLs follow.
            permalink: hexo.permalink.unwrap_or_else(|| HEXO_PERMALINK.to_owned()),
            menu: hexo_menu(path, hexo.menu.as_ref(), hexo.theme.as_deref(), &words),
            strings,
            ..defaults
        };
        let mut config = Self::from_raw(path, text, raw)?;
        let defaults = hexo.permalink_defaults.unwrap_or_default().into_iter();
        let defaults = defaults.filter_map(|(key, value)| match value {
            serde_json::Value::String(text) => Some((key, text)),
            serde_json::Value::Number(number) => Some((key, number.to_string())),
            _ => None,
        });
        config.permalink = config.permalink.with_defaults(defaults.collect());
        let case = match hexo.filename_case {
            Some(1) => FilenameCase::Lower,
            Some(2) => FilenameCase::Upper,
            _ => FilenameCase::AsWritten,
        };
        let new_post_name = hexo.new_post_name.filter(|name| !name.trim().is_empty());
        config.asset_folders = hexo.post_asset_folder.unwrap_or(false);
        config.future = hexo.future.unwrap_or(true);
        if let Some(category) = hexo.default_category.filter(|c| !c.trim().is_empty()) {
            config.permalink = config.permalink.with_default_category(category);
        }
        config.post_names = PostNames::hexo(new_post_name.as_deref().unwrap_or(":title.md"), case);
        let map = |map: Option<HashMap<String, serde_json::Value>>| -> HashMap<String, String> {
            map.unwrap_or_default()
                .into_iter()
                .filter_map(|(name, slug)| match slug {
                    serde_json::Value::String(slug) => Some((name, slug)),
                    serde_json::Value::Number(number) => Some((name, number.to_string())),
                    _ => None,
                })
                .collect()
        };
        let dir = |dir: &Option<String>, default: &str| {
            dir.as_deref()
                .map(|d| d.trim_matches('/'))
                .filter(|d| !d.is_empty())
                .unwrap_or(default)
                .to_owned()
        };
        config.hexo_terms = Some(HexoTermUrls {
            tag_dir: dir(&hexo.tag_dir, "tags"),
            category_dir: dir(&hexo.category_dir, "categories"),
            archive_dir: dir(&hexo.archive_dir, "archives"),
            tag_map: map(hexo.tag_map),
            category_map: map(hexo.category_map),
            case,
        });
        config.feed_copies = hexo.feed.as_ref().map(feed_copies).unwrap_or_default();
        config.skip_render = match hexo.skip_render {
            Some(serde_json::Value::String(glob)) => vec![glob],
            Some(serde_json::Value::Array(globs)) => globs
                .iter()
                .filter_map(|glob| Some(glob.as_str()?.to_owned()))
                .collect(),
            _ => Vec::new(),
        };
        if let Some(settings) = &hexo.abbrlink {
            let text = |key: &str| settings.get(key).and_then(serde_json::Value::as_str);
            config.abbrlink = Abbrlink::new(text("alg"), text("rep"));
        }
        // Tag, category and archive pages are Quire's own, under /tags/, /categories/ and
        // /archives/: the build redirects the blog's old ones there (`redirects::hexo_terms`).
        Ok((config, warnings))
    }

    fn from_raw(path: &Path, text: &str, raw: RawConfig) -> Result<Self, Problem> {
        let line_of_key = |key: &str| line_of_key(text, key);
        let timezone: Tz = raw.timezone.parse().map_err(|_| {
            Problem::new(
                path,
                line_of_key("timezone"),
                format!(
                    "unknown timezone `{}`: use an IANA name such as `Asia/Tokyo` or `UTC`",
                    raw.timezone
                ),
            )
        })?;
        if raw.posts_per_page == 0 {
            return Err(Problem::new(
                path,
                line_of_key("posts_per_page"),
                "posts_per_page must be at least 1",
            ));
        }
        let permalink = Permalink::parse(&raw.permalink)
            .map_err(|message| Problem::new(path, line_of_key("permalink"), message))?;
        let link_problem = |key: &str, url: &str| {
            Problem::new(
                path,
                line_of_key(key).or_else(|| text.find(url).map(|at| line_of(text.as_bytes(), at))),
                format!("`{url}` is not a link Quire writes: a path of the site (`/about/`) or an http, https or mailto URL"),
            )
        };
        let linkable = |url: &str| {
            crate::markdown::is_allowed_url(url)
                && !url.trim().is_empty()
                && !url.contains(['<', '>', '"'])
        };
        let words = i18n::words(&raw.language, &raw.strings)
            .map_err(|message| Problem::new(path, line_of_key("[strings]"), message))?;
        let menu = raw.menu.unwrap_or_else(|| {
            Link::default_menu([
                words.get(Word::Home),
                words.get(Word::Archives),
                words.get(Word::Categories),
                words.get(Word::Tags),
            ])
        });
        if let Some(link) = menu.iter().find(|link| !linkable(&link.url)) {
            return Err(link_problem("[[menu]]", &link.url));
        }
        let social = social_links(raw.social);
        if let Some(link) = social.iter().find(|link| !linkable(&link.url)) {
            return Err(link_problem("[social]", &link.url));
        }
        if let Some(logo) = raw.logo.as_deref().filter(|logo| !linkable(logo)) {
            return Err(link_problem("logo", logo));
        }
        let integrations = Integrations {
            head: raw.head,
            analytics: raw.analytics,
            ads: raw.ads,
            comments: raw.comments,
        };
        let brand_html = furniture::brand_html(&raw.title, &raw.subtitle, raw.logo.as_deref());
        let footer_html = furniture::footer_html(
            &social,
            &raw.footer,
            &raw.author,
            (words.get(Word::Elsewhere), words.get(Word::BuiltWithQuire)),
        );
        Ok(Self {
            info: SiteInfo {
                title: raw.title,
                subtitle: raw.subtitle,
                description: raw.description,
                author: raw.author,
                language: raw.language,
                base_url: raw.base_url.trim_end_matches('/').to_owned(),
                posts_per_page: raw.posts_per_page,
                brand_html,
                menu_html: furniture::menu_html(&menu),
                footer_html,
                list_ad_html: (integrations.ads.as_ref())
                    .and_then(|ads| ads.between_cards_html())
                    .map(|(slot, _)| slot)
                    .unwrap_or_default(),
                words,
            },
            timezone,
            permalink,
            post_names: PostNames::Quire,
            asset_folders: true,
            future: true,
            hexo_terms: None,
            abbrlink: Abbrlink::default(),
            feed_copies: Vec::new(),
            integrations,
            skip_render: Vec::new(),
        })
    }
}

/// The kinds of profile link Quire has an icon for (style/main.css), in the order the footer
/// shows them, with the name a screen reader says.
const SOCIAL_KINDS: &[(&str, &str)] = &[
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("x", "X"),
    ("twitter", "Twitter"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("weibo", "Weibo"),
    ("zhihu", "Zhihu"),
    ("bilibili", "Bilibili"),
    ("email", "Email"),
    ("rss", "RSS"),
];

/// `[social]`'s links in the footer's order (known kinds first, others by name); an email
/// address becomes a `mailto:` link, and Mastodon's link says `rel="me"`, which is how
/// Mastodon verifies a profile's links.
fn social_links(social: std::collections::BTreeMap<String, String>) -> Vec<SocialLink> {
    let mut links: Vec<(usize, SocialLink)> = social
        .into_iter()
        .filter(|(_, url)| !url.trim().is_empty())
        .map(|(kind, url)| {
            let kind = kind.to_lowercase();
            let known = SOCIAL_KINDS.iter().position(|(k, _)| *k == kind);
            let name = known.map_or_else(
                || {
                    let mut name = kind.clone();
                    name[..1].make_ascii_uppercase();
                    name
                },
                |i| SOCIAL_KINDS[i].1.to_owned(),
            );
            let url = url.trim().to_owned();
            let url = match kind.as_str() {
                "email" if !url.starts_with("mailto:") => format!("mailto:{url}"),
                _ => url,
            };
            let link = SocialLink {
                me: kind == "mastodon",
                kind,
                name,
                url,
            };
            (known.unwrap_or(usize::MAX), link)
        })
        .collect();
    links.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.kind.cmp(&b.1.kind)));
    links.into_iter().map(|(_, link)| link).collect()
}

/// A Hexo blog's menu: the theme's settings' `menu` (`_config.<theme>.yml`, else
/// `themes/<theme>/_config.yml`), else the site's. Its standard shape is a map of names to
/// paths, with NexT's and Butterfly's icon after `||` (`about: /about/ || fa fa-user`);
/// submenus (maps) are passed over. The theme's standard entries (`home`, `archives`, …) are
/// named in the site's language, as the theme would; others as written, capitalised. `None`
/// when there is none: the default menu.
fn hexo_menu(
    config: &Path,
    site_menu: Option<&serde_norway::Value>,
    theme: Option<&str>,
    words: &Words,
) -> Option<Vec<Link>> {
    let folder = config.parent().unwrap_or(Path::new(""));
    let theme_menu = theme
        .filter(|t| !t.is_empty() && !t.contains(['/', '\\']))
        .and_then(|theme| {
            [
                folder.join(format!("_config.{theme}.yml")),
                folder.join("themes").join(theme).join("_config.yml"),
            ]
            .iter()
            .find_map(|file| {
                let text = std::fs::read_to_string(file).ok()?;
                let settings: serde_norway::Value = serde_norway::from_str(&text).ok()?;
                settings
                    .get("menu")
                    .filter(|menu| menu.is_mapping())
                    .cloned()
            })
        });
    // YAML's mapping keeps the order the menu is written in (JSON's map would sort it).
    let menu = theme_menu.as_ref().or(site_menu)?.as_mapping()?;
    let links: Vec<Link> = menu
        .iter()
        .filter_map(|(name, value)| {
            let url = value.as_str()?.split("||").next()?.trim();
            let key = name.as_str()?.trim();
            let mut name = i18n::menu_entry(words, key).unwrap_or(key).to_owned();
            if let Some(first) = name.get(..1) {
                let upper = first.to_uppercase();
                name.replace_range(..1, &upper);
            }
            (!url.is_empty() && !name.is_empty()).then(|| Link {
                name,
                url: url.to_owned(),
            })
        })
        .collect();
    (!links.is_empty()).then_some(links)
}

/// Where hexo-generator-feed wrote a blog's feeds (`feed: {type: [atom, rss2], path:
/// [atom.xml, rss2.xml]}`, each a name or a list; by default `atom.xml` for Atom and
/// `rss2.xml` for RSS), paired with Quire's feed of that kind where the paths differ.
fn feed_copies(feed: &serde_json::Value) -> Vec<(String, String)> {
    let list = |value: Option<&serde_json::Value>| -> Vec<String> {
        match value {
            Some(serde_json::Value::String(one)) => vec![one.clone()],
            Some(serde_json::Value::Array(many)) => many
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut types = list(feed.get("type"));
    if types.is_empty() {
        types.push("atom".to_owned());
    }
    let paths = list(feed.get("path"));
    types
        .iter()
        .enumerate()
        .filter_map(|(i, kind)| {
            let (quire, default) = match kind.as_str() {
                "atom" => (quire_model::routes::ATOM_FEED, "atom.xml"),
                "rss2" => (quire_model::routes::RSS_FEED, "rss2.xml"),
                _ => return None,
            };
            let old = paths.get(i).map_or(default, String::as_str);
            let old = format!("/{}", old.trim_start_matches('/'));
            // The site's own files stay its own; a path stays inside the site.
            let allowed = old != quire && crate::permalink::check_folder(&old);
            allowed.then(|| (quire.to_owned(), old))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Problem> {
        SiteConfig::parse(Path::new("site.toml"), text)
    }

    #[test]
    fn defaults_and_values() {
        let config =
            parse("title = \"My blog\"\ntimezone = \"Asia/Tokyo\"\nbase_url = \"https://x.org/\"")
                .unwrap();
        assert_eq!(config.info.title, "My blog");
        assert_eq!(config.info.base_url, "https://x.org");
        assert_eq!(config.info.posts_per_page, 10);
        assert_eq!(config.timezone, chrono_tz::Asia::Tokyo);
    }

    #[test]
    fn the_frame_speaks_the_sites_language_with_its_own_words_over_quires() {
        let config =
            parse("language = \"de\"\nauthor = \"Ada\"\n[strings]\nhome = \"Anfang\"\n").unwrap();
        assert!(
            config
                .info
                .menu_html
                .starts_with(r#"<a href="./">Anfang</a><a href="archives/">Archiv</a>"#),
            "{}",
            config.info.menu_html
        );
        assert_eq!(config.info.footer_html, "<p>© Ada · Erstellt mit Quire</p>");
        let e = parse("title = \"x\"\n\n[strings]\nhom = \"x\"\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("`hom`"), "{e}");
    }

    #[test]
    fn every_word_of_the_site_is_in_its_language_and_a_hexo_date_format_is_kept() {
        let config = parse("language = \"ru\"\n[strings]\nmore_results = \"Дальше\"\n").unwrap();
        let words = &config.info.words;
        assert_eq!(words.get(Word::MoreResults), "Дальше");
        assert_eq!(words.get(Word::Contents), "Содержание");
        assert_eq!(words.count(Word::PostCount, 3, &[]), "3 записи.");
        let date = quire_model::Timestamp::new("2024-09-19T08:00:00+03:00".into()).unwrap();
        assert_eq!(words.date(&date), "19 сентября 2024 г.");

        let hexo = |yaml: &str| SiteConfig::parse_hexo(Path::new("_config.yml"), yaml).unwrap();
        // Hexo's scaffold writes `date_format: YYYY-MM-DD`: its blogs keep their dates.
        let (kept, warnings) = hexo("language: zh-CN\ndate_format: YYYY-MM-DD\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(kept.info.words.date(&date), "2024-09-19");
        assert_eq!(kept.info.words.get(Word::Contents), "目录");
        // A token Quire does not write: the language's own format, and a warning at its line.
        let (own, warnings) = hexo("title: x\nlanguage: zh-CN\ndate_format: MMM Do YYYY\n");
        assert_eq!(own.info.words.date(&date), "2024年9月19日");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("`MMM`"), "{}", warnings[0]);
        let e = parse("[strings]\ndate_format = \"ddd D\"\n").unwrap_err();
        assert!(e.message.contains("`ddd`"), "{e}");
    }

    #[test]
    fn a_hexo_themes_menu_keeps_its_order_and_its_standard_entries_are_translated() {
        let yaml = "title: 博客\nlanguage: zh-Hans\nmenu:\n  home: / || fa fa-home\n  links: /links/\n  archives: /archives/ || fa fa-archive\n";
        let (config, _) = SiteConfig::parse_hexo(Path::new("_config.yml"), yaml).unwrap();
        assert_eq!(
            config.info.menu_html,
            r#"<a href="./">首页</a><a href="links/">Links</a><a href="archives/">归档</a>"#
        );
        assert!(config.info.footer_html.ends_with("由 Quire 构建</p>"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("title = \"x\"\ntimezone = \"Mars/Base\"").unwrap_err();
        assert_eq!(e.to_string(), "site.toml:2: unknown timezone `Mars/Base`: use an IANA name such as `Asia/Tokyo` or `UTC`");
        let e = parse("title = \"x\"\nposts_per_page = \"ten\"").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse("title = \"x\"\npermalink = \":year/:month/\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("site.toml:2: permalink needs one of :title"),
            "{e}"
        );
        let e = parse("\ntitel = \"x\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("site.toml:2: unknown field `titel`"),
            "{e}"
        );
    }
}
