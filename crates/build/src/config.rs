//! `site.toml`: the site's settings.

use std::path::Path;

use chrono_tz::Tz;
use quire_model::SiteInfo;
use serde::Deserialize;

use crate::permalink::Permalink;
use crate::problem::{line_of, Problem};

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub info: SiteInfo,
    /// The zone that front-matter dates without an offset are in, and that dates are shown in.
    pub timezone: Tz,
    /// How post URLs are made.
    pub permalink: Permalink,
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
        }
    }
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

    pub fn parse(path: &Path, text: &str) -> Result<Self, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| line_of(text.as_bytes(), span.start));
            Problem::new(path, line, e.message().trim_end().to_owned())
        })?;
        let line_of_key = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i + 1)
        };
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
        Ok(Self {
            info: SiteInfo {
                title: raw.title,
                subtitle: raw.subtitle,
                description: raw.description,
                author: raw.author,
                language: raw.language,
                base_url: raw.base_url.trim_end_matches('/').to_owned(),
                posts_per_page: raw.posts_per_page,
            },
            timezone,
            permalink,
        })
    }
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
    fn errors_name_the_line() {
        let e = parse("title = \"x\"\ntimezone = \"Mars/Base\"").unwrap_err();
        assert_eq!(e.to_string(), "site.toml:2: unknown timezone `Mars/Base`: use an IANA name such as `Asia/Tokyo` or `UTC`");
        let e = parse("title = \"x\"\nposts_per_page = \"ten\"").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse("title = \"x\"\npermalink = \":year/:titel/\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("site.toml:2: permalink has the unknown token `:titel`"),
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
