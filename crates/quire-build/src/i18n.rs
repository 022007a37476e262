//! The interface in the blog's language: every word Quire shows around a blog's posts (the
//! frame the build writes, the app's pages, the buttons in posts), with built-in translations
//! chosen by the site's `language` (Hexo's forms too: `zh-CN`, `zh-Hans`, `zh_cn`), any of them
//! overridden by the site's `[strings]`. The words travel in the site index
//! (`SiteInfo::words`), so the wasm every page loads carries none of them.
//!
//! Each language is a file in `i18n/`, word for word as `en.toml`; which words there are is
//! `quire_model::words::Word`.

use std::collections::BTreeMap;

use quire_model::words::{Plurals, Word, Words, DATE_TOKENS};

/// The built-in translations, by language tag.
const BUILT_IN: [(&str, &str); 10] = [
    ("en", include_str!("i18n/en.toml")),
    ("zh-CN", include_str!("i18n/zh-CN.toml")),
    ("zh-TW", include_str!("i18n/zh-TW.toml")),
    ("ja", include_str!("i18n/ja.toml")),
    ("ko", include_str!("i18n/ko.toml")),
    ("de", include_str!("i18n/de.toml")),
    ("fr", include_str!("i18n/fr.toml")),
    ("es", include_str!("i18n/es.toml")),
    ("pt-BR", include_str!("i18n/pt-BR.toml")),
    ("ru", include_str!("i18n/ru.toml")),
];

/// One language's file: each word by its name.
type Translation = BTreeMap<String, String>;

fn translation(tag: &str) -> Translation {
    let (_, text) = BUILT_IN
        .iter()
        .find(|(t, _)| *t == tag)
        .expect("every built-in tag has its file");
    toml::from_str(text).expect("the built-in translations are valid (tested)")
}

/// The built-in translation a language tag names: its primary language, with Chinese told
/// apart by script or region (`zh-Hans`, `zh-CN`, `zh-SG`: simplified; `zh-Hant`, `zh-TW`,
/// `zh-HK`, `zh-MO`: traditional) and any Portuguese written as Brazil's. `None`: no
/// translation (the caller falls back to English).
pub fn built_in(language: &str) -> Option<&'static str> {
    let tag = language.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let found = match primary {
        "zh" => match parts.any(|part| matches!(part, "hant" | "tw" | "hk" | "mo")) {
            true => "zh-TW",
            false => "zh-CN",
        },
        "pt" => "pt-BR",
        "en" | "ja" | "ko" | "de" | "fr" | "es" | "ru" => primary,
        _ => return None,
    };
    BUILT_IN
        .iter()
        .map(|(tag, _)| *tag)
        .find(|tag| tag.eq_ignore_ascii_case(found))
}

/// The words for `language` (English where Quire has no translation), with `overrides`
/// (`[strings]`) put over them. An override with a name the table does not have, or a
/// `date_format` with a token Quire does not write, is an error saying so.
pub fn words(language: &str, overrides: &BTreeMap<String, String>) -> Result<Words, String> {
    let own = translation(built_in(language).unwrap_or("en"));
    // A word a translation lacks (which a test forbids) would be English rather than missing.
    let english = translation("en");
    for (name, text) in overrides {
        if Word::ALL.iter().all(|word| word.name() != name) {
            let known: Vec<&str> = Word::ALL.iter().map(|word| word.name()).collect();
            return Err(format!(
                "[strings] has `{name}`, which is not one of Quire's words ({})",
                known.join(", ")
            ));
        }
        if name == Word::DateFormat.name() {
            date_template(text)?;
        }
        if name == Word::Plurals.name() && Plurals::named(text).is_none() {
            let known: Vec<&str> = Plurals::NAMES.iter().map(|(name, _)| *name).collect();
            return Err(format!(
                "[strings] has plurals = \"{text}\", which is not one of {}",
                known.join(", ")
            ));
        }
    }
    let list = Word::ALL
        .iter()
        .map(|word| {
            let name = word.name();
            let text = [overrides, &own, &english]
                .iter()
                .find_map(|words| words.get(name))
                .cloned()
                .unwrap_or_default();
            match word {
                Word::DateFormat => date_template(&text),
                _ => Ok(text),
            }
        })
        .collect::<Result<Vec<String>, _>>()?;
    Ok(Words(list.into()))
}

/// A Moment.js date format (`MMMM D, YYYY`, `YYYY年M月D日`, `D [de] MMMM`) as the app fills
/// it in: its tokens as placeholders (`{MMMM} {D}, {YYYY}`), `[text]` as the text. An error
/// names a letter Quire does not write (`ddd`, `Do`).
pub fn date_template(format: &str) -> Result<String, String> {
    let mut template = String::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let (text, after) = rest[1..].split_once(']').unwrap_or((&rest[1..], ""));
            template += text;
            rest = after;
        } else if c.is_ascii_alphabetic() {
            // A word of letters is runs of one letter (`YYYYMMDD`), each a token Quire writes.
            let word_len = rest
                .find(|d: char| !d.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(word_len);
            let mut letters = word;
            while let Some(first) = letters.chars().next() {
                let run = letters.find(|d| d != first).unwrap_or(letters.len());
                if !DATE_TOKENS.contains(&&letters[..run]) {
                    return Err(format!(
                        "date format `{format}` has `{word}`, which Quire does not write (it writes {}, and [text] as is)",
                        DATE_TOKENS.join(", ")
                    ));
                }
                template += &format!("{{{}}}", &letters[..run]);
                letters = &letters[run..];
            }
            rest = after;
        } else {
            template.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(template)
}

/// The word for a standard menu entry of a Hexo theme (NexT's, Butterfly's `home`,
/// `archives`, …), which the theme would translate.
pub fn menu_entry<'a>(words: &'a Words, key: &str) -> Option<&'a str> {
    let word = match key.to_ascii_lowercase().as_str() {
        "home" => Word::Home,
        "archives" | "archive" => Word::Archives,
        "categories" => Word::Categories,
        "tags" => Word::Tags,
        "about" => Word::About,
        _ => return None,
    };
    Some(words.get(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexo_and_bcp47_forms_find_their_translation() {
        for (tag, found) in [
            ("zh-CN", Some("zh-CN")),
            ("zh-cn", Some("zh-CN")),
            ("zh_CN", Some("zh-CN")),
            ("zh-Hans", Some("zh-CN")),
            ("zh", Some("zh-CN")),
            ("zh-Hant-TW", Some("zh-TW")),
            ("zh-HK", Some("zh-TW")),
            ("ja-JP", Some("ja")),
            ("pt", Some("pt-BR")),
            ("pt-BR", Some("pt-BR")),
            ("en-GB", Some("en")),
            ("ru", Some("ru")),
            ("nl", None),
            ("", None),
        ] {
            assert_eq!(built_in(tag), found, "{tag}");
        }
    }

    #[test]
    fn words_come_in_the_language_with_overrides_over_them() {
        let none = BTreeMap::new();
        let zh = words("zh-Hans", &none).unwrap();
        assert_eq!((zh.get(Word::Home), zh.get(Word::Tags)), ("首页", "标签"));
        assert_eq!(zh.get(Word::Plurals), "invariable");
        assert_eq!(zh.get(Word::DateFormat), "{YYYY}年{M}月{D}日");
        assert_eq!(words("nl", &none).unwrap().get(Word::Home), "Home");
        let overrides = BTreeMap::from([("home".to_owned(), "起点".to_owned())]);
        let own = words("zh-CN", &overrides).unwrap();
        assert_eq!(
            (own.get(Word::Home), own.get(Word::Archives)),
            ("起点", "归档")
        );
        let unknown = BTreeMap::from([("hom".to_owned(), "x".to_owned())]);
        let error = words("en", &unknown).unwrap_err();
        assert!(error.contains("`hom`") && error.contains("home"), "{error}");
        assert_eq!(menu_entry(&zh, "Archives"), Some("归档"));
        assert_eq!(menu_entry(&zh, "links"), None);
    }

    #[test]
    fn date_formats_become_templates_and_what_quire_cannot_write_is_named() {
        for (format, template) in [
            ("YYYY-MM-DD", "{YYYY}-{MM}-{DD}"),
            ("MMMM D, YYYY", "{MMMM} {D}, {YYYY}"),
            ("D [de] MMMM [de] YYYY", "{D} de {MMMM} de {YYYY}"),
            ("YYYY年M月D日", "{YYYY}年{M}月{D}日"),
            ("DD.MM.YYYY [unclosed", "{DD}.{MM}.{YYYY} unclosed"),
            ("YYYYMMDD", "{YYYY}{MM}{DD}"),
        ] {
            assert_eq!(date_template(format).as_deref(), Ok(template), "{format}");
        }
        for (format, named) in [
            ("ddd, D", "`ddd`"),
            ("MMM D", "`MMM`"),
            ("Do MMMM", "`Do`"),
            ("YY", "`YY`"),
        ] {
            let problem = date_template(format).unwrap_err();
            assert!(problem.contains(named), "{problem}");
        }
        let overrides = BTreeMap::from([("date_format".to_owned(), "YY/MM/DD".to_owned())]);
        assert!(words("en", &overrides).unwrap_err().contains("`YY`"));
        let overrides = BTreeMap::from([("plurals".to_owned(), "dual".to_owned())]);
        assert!(words("en", &overrides).unwrap_err().contains("one-other"));
    }

    /// Every language has every word, no word Quire does not know, no placeholder Quire does not
    /// fill in and as many plural forms as its rule has; and its date format is one Quire
    /// writes, with twelve months.
    #[test]
    fn every_built_in_translation_has_every_word() {
        let english = translation("en");
        let placeholders = |text: &str| -> Vec<String> {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|part| Some(part.split_once('}')?.0.to_owned()))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        for (tag, _) in BUILT_IN {
            assert_eq!(built_in(tag), Some(tag), "{tag} is found by its own tag");
            let own = translation(tag);
            for word in Word::ALL {
                let name = word.name();
                let text = own
                    .get(name)
                    .unwrap_or_else(|| panic!("{tag} lacks {name}"));
                assert!(!text.trim().is_empty(), "{tag}: {name} is empty");
                // A translation fills in what the English does (a month's heading may name the
                // month by its number, `{m}`), nothing Quire does not fill in.
                let mut known = placeholders(&english[name]);
                if *word == Word::MonthYear {
                    known.push("m".into());
                }
                let unknown: Vec<_> = placeholders(text)
                    .into_iter()
                    .filter(|p| !known.contains(p))
                    .collect();
                assert!(unknown.is_empty(), "{tag}: {name} has {unknown:?}");
                let forms = text.split('|').count();
                let counted = english[name].contains("{n}") && english[name].contains('|');
                let expected = match (counted, Plurals::named(&own["plurals"]).expect("a rule")) {
                    (false, _) => forms,
                    (true, Plurals::Invariable) => 1,
                    (true, Plurals::OneFewMany) => 3,
                    (true, _) => 2,
                };
                assert_eq!(forms, expected, "{tag}: {name} has {forms} forms");
            }
            let unknown: Vec<_> = own
                .keys()
                .filter(|name| Word::ALL.iter().all(|w| w.name() != *name))
                .collect();
            assert!(
                unknown.is_empty(),
                "{tag} has words Quire does not know: {unknown:?}"
            );
            assert_eq!(date_template(&own["date_format"]).err(), None, "{tag}");
            for months in ["months", "date_months"] {
                assert_eq!(own[months].split('|').count(), 12, "{tag}: {months}");
            }
        }
    }
}
