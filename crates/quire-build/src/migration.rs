//! The line a Hexo blog's build ends with: what moved in, what was left out and why, and what
//! of the blog's Hexo set-up Quire does not do (theme tag plugins left as text, plugins in
//! `package.json` nothing here replaces).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// What moving a Hexo blog in came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Migration {
    pub posts: usize,
    pub drafts_left_out: usize,
    pub empty_files: usize,
    pub warnings: usize,
    /// Tag plugins Quire does not know, with how often posts use each.
    pub unknown_tags: BTreeMap<String, usize>,
    /// The blog's Hexo plugins (`package.json`) whose work Quire does not do.
    pub plugins_not_replaced: Vec<String>,
}

/// Hexo plugins whose work Quire does itself (generators, renderers, the server), or that
/// only deploy or theme a Hexo site.
const REPLACED: [&str; 16] = [
    "hexo-generator-index",
    "hexo-generator-archive",
    "hexo-generator-category",
    "hexo-generator-tag",
    "hexo-generator-feed",
    "hexo-generator-sitemap",
    "hexo-generator-search",
    "hexo-generator-searchdb",
    "hexo-generator-json-content",
    "hexo-renderer-marked",
    "hexo-renderer-markdown-it",
    "hexo-renderer-kramed",
    "hexo-server",
    "hexo-abbrlink",
    "hexo-cli",
    "hexo-util",
];

/// Whether Quire has no need of the Hexo plugin `name`.
fn replaced(name: &str) -> bool {
    REPLACED.contains(&name)
        || [
            "hexo-deployer-",
            "hexo-theme-",
            "hexo-renderer-ejs",
            "hexo-renderer-stylus",
            "hexo-renderer-pug",
            "hexo-renderer-less",
            "hexo-renderer-sass",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// The Hexo plugins in the blog's `package.json` that Quire does not replace, by name.
pub fn plugins_not_replaced(root: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(root.join("package.json")) else {
        return Vec::new();
    };
    let Ok(package) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let mut plugins: Vec<String> = ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|key| package.get(key)?.as_object())
        .flat_map(|dependencies| dependencies.keys())
        .filter(|name| name.starts_with("hexo-") && !replaced(name))
        .cloned()
        .collect();
    plugins.sort();
    plugins.dedup();
    plugins
}

impl fmt::Display for Migration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "moved in from Hexo: {} posts; left out: {} drafts or future posts, {} empty files; {} warnings",
            self.posts, self.drafts_left_out, self.empty_files, self.warnings
        )?;
        if !self.unknown_tags.is_empty() {
            let tags: Vec<String> = self
                .unknown_tags
                .iter()
                .map(|(name, uses)| format!("{name} ×{uses}"))
                .collect();
            write!(f, "; tag plugins left as text: {}", tags.join(", "))?;
        }
        if !self.plugins_not_replaced.is_empty() {
            write!(
                f,
                "; Hexo plugins Quire does not replace: {}",
                self.plugins_not_replaced.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_what_did_not_move_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"dependencies": {"hexo": "^7", "hexo-generator-feed": "*", "hexo-math": "*", "hexo-deployer-git": "*"}, "devDependencies": {"hexo-pdf": "*"}}"#,
        )
        .unwrap();
        let migration = Migration {
            posts: 3,
            drafts_left_out: 1,
            empty_files: 0,
            warnings: 2,
            unknown_tags: [("note".to_owned(), 2)].into(),
            plugins_not_replaced: plugins_not_replaced(dir.path()),
        };
        assert_eq!(
            migration.to_string(),
            "moved in from Hexo: 3 posts; left out: 1 drafts or future posts, 0 empty files; 2 warnings; tag plugins left as text: note ×2; Hexo plugins Quire does not replace: hexo-math, hexo-pdf"
        );
    }
}
