//! `_headers`, the file in which Netlify and Cloudflare Pages read the headers to send: the
//! caching policy of the README's "Deploying". Files named by a hash of their contents never
//! change, so a reader's browser keeps them a year without asking again; everything else (the
//! pages, feeds, sitemap) is left to the hosts' default, which revalidates on every visit. A
//! page names the site index it was built with, which names every other file, so a redeploy
//! never mixes old and new files.

use quire_model::files::{BUNDLE_DIR, IMAGES_DIR};

pub const HEADERS_FILE: &str = "_headers";

/// How the file Quire writes begins: a file there without it is the author's, and is kept.
const WRITTEN_BY_QUIRE: &str = "# Written by Quire";

const FOREVER: &str = "  Cache-Control: public, max-age=31536000, immutable\n";

/// The `_headers` file of a site deployed at `base` (`""` or `/blog`) whose root holds the
/// entries `names`: the bundle's folder, the photos' copies' (each named by a hash), and of the
/// others those named by a hash (Trunk's `app-<hash>/` and `main-<hash>.css`).
pub fn headers_file(base: &str, names: &[String]) -> String {
    let mut file = format!(
        "{WRITTEN_BY_QUIRE} (README, Deploying): files named by a hash of their contents are\n\
         # cached for a year; pages, feeds and the sitemap get the host's default, revalidated.\n"
    );
    file += &format!("{base}/{BUNDLE_DIR}/*\n{FOREVER}");
    if names.iter().any(|name| name == IMAGES_DIR) {
        file += &format!("{base}/{IMAGES_DIR}/*\n{FOREVER}");
    }
    let mut hashed: Vec<&String> = names.iter().filter(|name| is_hashed(name)).collect();
    hashed.sort();
    for name in hashed {
        let path = match name.contains('.') {
            true => format!("{base}/{name}"),
            false => format!("{base}/{name}/*"),
        };
        file += &format!("{path}\n{FOREVER}");
    }
    file
}

/// Whether `path` is a `_headers` file of the author's own, not one Quire wrote.
pub fn is_authors_own(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| !text.starts_with(WRITTEN_BY_QUIRE))
}

/// `app-30763554c3be5d71` or `main-b51b398d7a60a07d.css`: a name whose last `-` part (before
/// its extension) is a hash of 16 hexadecimal digits.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_kept_a_year_under_the_sites_path() {
        let names = [
            "index.html",
            "main-b51b398d7a60a07d.css",
            "app-30763554c3be5d71",
            "posts",
            "data",
            "favicon.svg",
            "my-travel-notes",
            "_images",
        ]
        .map(String::from);
        let file = headers_file("/blog", &names);
        let rules: Vec<&str> = file.lines().filter(|l| l.starts_with('/')).collect();
        assert_eq!(
            rules,
            [
                "/blog/data/*",
                "/blog/_images/*",
                "/blog/app-30763554c3be5d71/*",
                "/blog/main-b51b398d7a60a07d.css"
            ]
        );
        assert_eq!(file.matches("immutable").count(), 4);
        assert!(headers_file("", &names).contains("\n/data/*\n"));
    }
}
