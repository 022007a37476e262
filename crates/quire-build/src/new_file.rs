//! `quire-build new post|page TITLE`: starts a post or a page, its front matter filled in, as
//! `hexo new` does. In a Quire site: `content/posts/<slug>.md`, `content/pages/<slug>.md`. In
//! a Hexo site: `source/_posts/` named by its `new_post_name` (and `filename_case`), or
//! `source/<slug>/index.md`, from its `scaffolds/post.md` or `scaffolds/page.md` where it has
//! them. An existing file is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};

use crate::config::SiteConfig;
use crate::file_name::{DatePart, Piece, PostNames};
use crate::redirects::hexo_slugize;
use crate::slug::post_slug;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
}

impl Kind {
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "post" => Some(Self::Post),
            "page" => Some(Self::Page),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Page => "page",
        }
    }
}

/// Writes the new file for `title` in the site at `root`, dated `now` in the site's time zone;
/// returns its path. Errors name what is wrong (a title with nothing to name a file by, a file
/// already there, the site's settings).
pub fn new_file(
    root: &Path,
    kind: Kind,
    title: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, String> {
    let title = title.trim();
    let (config, _) = SiteConfig::load_site(root).map_err(|problem| problem.to_string())?;
    let local = now.with_timezone(&config.timezone);
    let date = local.format("%Y-%m-%d %H:%M:%S").to_string();
    let (path, scaffold) = match &config.post_names {
        PostNames::Hexo { pattern, case } => {
            let slug = hexo_slugize(title, *case);
            let name = match kind {
                Kind::Post => {
                    let mut name = String::new();
                    for piece in pattern {
                        match piece {
                            Piece::Text(text) => name += text,
                            Piece::Title => name += &slug,
                            Piece::Date(part, width, _) => {
                                let value = match part {
                                    DatePart::Year => local.year() as u32,
                                    DatePart::Month => local.month(),
                                    DatePart::Day => local.day(),
                                };
                                name += &format!("{value:0width$}");
                            }
                        }
                    }
                    format!("_posts/{name}.md")
                }
                Kind::Page => format!("{slug}/index.md"),
            };
            let scaffold = root.join("scaffolds").join(format!("{}.md", kind.name()));
            let scaffold = std::fs::read_to_string(scaffold).ok();
            (name_checked(root.join("source"), &name, &slug)?, scaffold)
        }
        PostNames::Quire => {
            let slug = post_slug(&title.to_lowercase());
            let folder = match kind {
                Kind::Post => "content/posts",
                Kind::Page => "content/pages",
            };
            (
                name_checked(root.join(folder), &format!("{slug}.md"), &slug)?,
                None,
            )
        }
    };
    let text = match scaffold {
        // Hexo's scaffolds are Nunjucks: their `{{ title }}` and `{{ date }}`.
        Some(scaffold) => scaffold
            .replace("{{ title }}", &yaml_text(title))
            .replace("{{ date }}", &date)
            .replace("{{ layout }}", kind.name()),
        None => match kind {
            Kind::Post => format!(
                "---\ntitle: {}\ndate: {date}\ntags: []\ncategories: []\n---\n\n",
                yaml_text(title)
            ),
            Kind::Page => format!("---\ntitle: {}\ndate: {date}\n---\n\n", yaml_text(title)),
        },
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{}: already exists; it was left as it is", path.display())
            }
            _ => format!("{}: cannot write: {e}", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(path)
}

/// `folder/name`, unless the title gave no slug to name it by.
fn name_checked(folder: PathBuf, name: &str, slug: &str) -> Result<PathBuf, String> {
    match slug.is_empty() {
        true => Err("the title has no letters or digits to name its file by".to_owned()),
        false => Ok(folder.join(name)),
    }
}

/// `title` as a YAML scalar: as written where YAML reads it back the same, else quoted.
fn yaml_text(title: &str) -> String {
    let plain = !title.is_empty()
        && !title.starts_with(|c: char| "!&*-?#|>@`\"'%{}[],:".contains(c))
        && !title.contains(": ")
        && !title.contains(" #")
        && !title.ends_with(':')
        && title.parse::<f64>().is_err()
        && !matches!(
            title.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "~"
        );
    match plain {
        true => title.to_owned(),
        false => serde_json::to_string(title).expect("a string is JSON"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_site::{options, site};
    use chrono::TimeZone;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_quire_post_and_page_start_with_their_front_matter_in_the_sites_time() {
        let dir = site(&[("site.toml", "timezone = \"Asia/Tokyo\"\n")]);
        let post = new_file(dir.path(), Kind::Post, "Hello: World", noon()).unwrap();
        assert_eq!(post, dir.path().join("content/posts/hello-world.md"));
        assert_eq!(
            std::fs::read_to_string(&post).unwrap(),
            "---\ntitle: \"Hello: World\"\ndate: 2026-12-04 21:00:00\ntags: []\ncategories: []\n---\n\n"
        );
        let page = new_file(dir.path(), Kind::Page, "About", noon()).unwrap();
        assert_eq!(page, dir.path().join("content/pages/about.md"));
        // What was written is read back by the build as it was meant.
        let report = crate::build(&options(dir.path())).unwrap();
        assert_eq!(report.posts, 1);
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = site(&[("content/posts/notes.md", "mine")]);
        let error = new_file(dir.path(), Kind::Post, "Notes", noon()).unwrap_err();
        assert!(
            error.ends_with("notes.md: already exists; it was left as it is"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/posts/notes.md")).unwrap(),
            "mine"
        );
        let error = new_file(dir.path(), Kind::Post, " ?! ", noon()).unwrap_err();
        assert!(error.contains("no letters or digits"), "{error}");
    }

    #[test]
    fn a_hexo_site_gets_its_new_post_name_and_its_scaffolds() {
        let dir = site(&[
            (
                "_config.yml",
                "title: Blog\ntimezone: UTC\nnew_post_name: :year-:month-:day-:title.md\nfilename_case: 1\n",
            ),
            ("scaffolds/post.md", "---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\ncomments: true\n---\n"),
        ]);
        let post = new_file(dir.path(), Kind::Post, "Hello World", noon()).unwrap();
        assert_eq!(
            post,
            dir.path().join("source/_posts/2026-12-04-hello-world.md")
        );
        assert_eq!(
            std::fs::read_to_string(&post).unwrap(),
            "---\ntitle: Hello World\ndate: 2026-12-04 12:00:00\ntags:\ncomments: true\n---\n"
        );
        // No page scaffold: Quire's own front matter, where Hexo puts a page.
        let page = new_file(dir.path(), Kind::Page, "About Me", noon()).unwrap();
        assert_eq!(page, dir.path().join("source/about-me/index.md"));
        assert!(std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("---\ntitle: About Me\n"));
    }
}
