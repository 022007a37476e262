//! The interface in the blog's language: the words Quire writes around a blog's posts, with
//! built-in translations chosen by the site's `language` (Hexo's forms too: `zh-CN`, `zh-Hans`,
//! `zh_cn`), any of them overridden by the site's `[strings]`.
//!
//! Today these are the words the build writes into every page's frame (the default menu, a Hexo
//! theme menu's standard entries, the footer); the app's own words are to join this table, so
//! that it travels in the bundle and not in every page's wasm.

use std::collections::BTreeMap;

/// The words, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    pub home: String,
    pub archives: String,
    pub categories: String,
    pub tags: String,
    pub about: String,
    /// What a screen reader calls the footer's links to the author's profiles elsewhere.
    pub elsewhere: String,
    pub built_with_quire: String,
}

/// Where a word is kept in [`Strings`].
type Field = fn(&mut Strings) -> &mut String;

/// Each word's name in `[strings]`, and where it is kept.
const NAMES: [(&str, Field); 7] = [
    ("home", |s| &mut s.home),
    ("archives", |s| &mut s.archives),
    ("categories", |s| &mut s.categories),
    ("tags", |s| &mut s.tags),
    ("about", |s| &mut s.about),
    ("elsewhere", |s| &mut s.elsewhere),
    ("built_with_quire", |s| &mut s.built_with_quire),
];

/// The built-in translations, in the order of [`NAMES`], by language tag.
const BUILT_IN: [(&str, [&str; 7]); 10] = [
    (
        "en",
        [
            "Home",
            "Archives",
            "Categories",
            "Tags",
            "About",
            "Elsewhere",
            "Built with Quire",
        ],
    ),
    (
        "zh-CN",
        [
            "首页",
            "归档",
            "分类",
            "标签",
            "关于",
            "社交链接",
            "由 Quire 构建",
        ],
    ),
    (
        "zh-TW",
        [
            "首頁",
            "歸檔",
            "分類",
            "標籤",
            "關於",
            "社群連結",
            "由 Quire 建置",
        ],
    ),
    (
        "ja",
        [
            "ホーム",
            "アーカイブ",
            "カテゴリー",
            "タグ",
            "このサイトについて",
            "ほかのサイト",
            "Quire で作成",
        ],
    ),
    (
        "ko",
        [
            "홈",
            "아카이브",
            "카테고리",
            "태그",
            "소개",
            "다른 곳",
            "Quire로 제작",
        ],
    ),
    (
        "de",
        [
            "Startseite",
            "Archiv",
            "Kategorien",
            "Schlagwörter",
            "Über",
            "Anderswo",
            "Erstellt mit Quire",
        ],
    ),
    (
        "fr",
        [
            "Accueil",
            "Archives",
            "Catégories",
            "Étiquettes",
            "À propos",
            "Ailleurs",
            "Créé avec Quire",
        ],
    ),
    (
        "es",
        [
            "Inicio",
            "Archivo",
            "Categorías",
            "Etiquetas",
            "Acerca de",
            "En otros sitios",
            "Hecho con Quire",
        ],
    ),
    (
        "pt-BR",
        [
            "Início",
            "Arquivo",
            "Categorias",
            "Tags",
            "Sobre",
            "Em outros lugares",
            "Feito com Quire",
        ],
    ),
    (
        "ru",
        [
            "Главная",
            "Архив",
            "Категории",
            "Теги",
            "О блоге",
            "В других местах",
            "Сделано на Quire",
        ],
    ),
];

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

impl Strings {
    /// The words for `language` (English where Quire has no translation, which `Err` says in
    /// its first element so the build can warn), with `overrides` (`[strings]`) put over them.
    /// An override with a name the table does not have is an error naming it.
    pub fn of(language: &str, overrides: &BTreeMap<String, String>) -> Result<Self, String> {
        let tag = built_in(language).unwrap_or("en");
        let words = BUILT_IN
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, words)| words)
            .expect("every built-in tag has its words");
        let mut strings = Strings {
            home: String::new(),
            archives: String::new(),
            categories: String::new(),
            tags: String::new(),
            about: String::new(),
            elsewhere: String::new(),
            built_with_quire: String::new(),
        };
        for ((_, field), word) in NAMES.iter().zip(words) {
            *field(&mut strings) = (*word).to_owned();
        }
        for (name, text) in overrides {
            let Some((_, field)) = NAMES.iter().find(|(n, _)| n == name) else {
                let known: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "[strings] has `{name}`, which is not one of Quire's words ({})",
                    known.join(", ")
                ));
            };
            *field(&mut strings) = text.clone();
        }
        Ok(strings)
    }

    /// The word for a standard menu entry of a Hexo theme (NexT's, Butterfly's `home`,
    /// `archives`, …), which the theme would translate.
    pub fn menu_entry(&self, key: &str) -> Option<&str> {
        Some(match key.to_ascii_lowercase().as_str() {
            "home" => &self.home,
            "archives" | "archive" => &self.archives,
            "categories" => &self.categories,
            "tags" => &self.tags,
            "about" => &self.about,
            _ => return None,
        })
    }
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
        let zh = Strings::of("zh-Hans", &none).unwrap();
        assert_eq!((zh.home.as_str(), zh.tags.as_str()), ("首页", "标签"));
        assert_eq!(Strings::of("nl", &none).unwrap().home, "Home");
        let overrides = BTreeMap::from([("home".to_owned(), "起点".to_owned())]);
        let own = Strings::of("zh-CN", &overrides).unwrap();
        assert_eq!((own.home.as_str(), own.archives.as_str()), ("起点", "归档"));
        let unknown = BTreeMap::from([("hom".to_owned(), "x".to_owned())]);
        let error = Strings::of("en", &unknown).unwrap_err();
        assert!(error.contains("`hom`") && error.contains("home"), "{error}");
        assert_eq!(zh.menu_entry("Archives"), Some("归档"));
        assert_eq!(zh.menu_entry("links"), None);
    }

    #[test]
    fn every_built_in_translation_has_every_word() {
        for (tag, words) in BUILT_IN {
            assert!(words.iter().all(|w| !w.trim().is_empty()), "{tag}");
            assert_eq!(built_in(tag), Some(tag), "{tag} is found by its own tag");
        }
    }
}
