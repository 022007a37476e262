//! A Hexo site's `source/` files that are not posts (images, `CNAME`, `robots.txt`, …), and
//! each post's asset folder, copied to `out/static/`, which Trunk copies to the site's root:
//! each file keeps its URL.

use std::fs;
use std::io;
use std::path::Path;

use crate::problem::Problem;

/// The folder under the output that holds them.
pub const STATIC_DIR: &str = "static";

/// A Hexo site's folder of files served at the site's root (and its posts, in `_posts/`).
pub const HEXO_SOURCE_DIR: &str = "source";

/// Copies `root/source/**` into `out/static/`, leaving out what Hexo leaves out (names
/// starting with `_` or `.`, such as `_posts` and `_drafts`). Markdown files there are Hexo
/// pages, which Quire does not build: each is a warning. Returns the warnings.
pub fn copy(root: &Path, out: &Path) -> io::Result<Vec<Problem>> {
    let target = out.join(STATIC_DIR);
    if target.exists() {
        fs::remove_dir_all(&target)?;
    }
    fs::create_dir_all(&target)?;
    let source = root.join(HEXO_SOURCE_DIR);
    let mut warnings = Vec::new();
    if !source.is_dir() {
        return Ok(warnings);
    }
    let walk = walkdir::WalkDir::new(&source)
        .min_depth(1)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !name.starts_with('_') && !name.starts_with('.')
        });
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        let is_page = entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|ext| ext == "md" || ext == "markdown");
        if is_page {
            let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
            warnings.push(Problem::new(
                shown,
                None,
                "a Hexo page: Quire builds posts only, so this page is left out",
            ));
            continue;
        }
        copy_entry(&entry, &source, &target)?;
    }
    Ok(warnings)
}

/// Copies each post's asset folder (Hexo's `post_asset_folder`: `source/_posts/hello/` beside
/// `hello.md`) to the folder of its page's URL, where `asset_img` and co. point. `posts` are
/// source files (under `root`) with their page paths.
pub fn copy_post_assets<'a>(
    root: &Path,
    out: &Path,
    posts: impl Iterator<Item = (&'a Path, &'a str)>,
) -> io::Result<()> {
    for (source, page_path) in posts {
        let folder = root.join(source).with_extension("");
        if !folder.is_dir() {
            continue;
        }
        let target = out
            .join(STATIC_DIR)
            .join(crate::tag_plugins::asset_folder_url(page_path).trim_start_matches('/'));
        fs::create_dir_all(&target)?;
        for entry in walkdir::WalkDir::new(&folder).min_depth(1) {
            copy_entry(&entry.map_err(io::Error::other)?, &folder, &target)?;
        }
    }
    Ok(())
}

/// Copies one entry walked from `from` (a folder or a file) to the same place under `to`;
/// a walk lists a folder before what it holds.
fn copy_entry(entry: &walkdir::DirEntry, from: &Path, to: &Path) -> io::Result<()> {
    let relative = entry.path().strip_prefix(from).expect("walked from `from`");
    if entry.file_type().is_dir() {
        fs::create_dir_all(to.join(relative))
    } else {
        fs::copy(entry.path(), to.join(relative)).map(drop)
    }
}
