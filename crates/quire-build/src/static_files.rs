//! A Hexo site's `source/` files that are not posts (images, `CNAME`, `robots.txt`, …), and
//! each post's asset folder, copied to `out/static/`, which Trunk copies to the site's root:
//! each file keeps its URL.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// The folder under the output that holds them.
pub const STATIC_DIR: &str = "static";

/// A Hexo site's folder of files served at the site's root (and its posts, in `_posts/`).
pub const HEXO_SOURCE_DIR: &str = "source";

/// The folder the next `static/` is made in, beside it in `out`: it replaces `static/` only once
/// the whole build has succeeded ([`swap_in`]), so a failed build leaves the old one as it was.
pub fn staging_dir(out: &Path) -> PathBuf {
    out.join(format!(".{STATIC_DIR}.staging-{}", std::process::id()))
}

/// Makes `staged` (from [`staging_dir`]) the new `out/static/`.
pub fn swap_in(out: &Path, staged: &Path) -> io::Result<()> {
    crate::output::swap_in(out, STATIC_DIR, staged)
}

/// Copies `root/source/**` into `target` (an empty folder it makes), leaving out what Hexo
/// leaves out (names starting with `_` or `.`, such as `_posts` and `_drafts`) and its Markdown
/// files, which are pages (see `pages`), except those Hexo's `skip_render` copies as they are.
/// Returns the warnings.
pub fn copy(root: &Path, target: &Path, skip_render: &[String]) -> io::Result<Vec<Problem>> {
    let site = Site::of(root)?;
    let target = target.to_owned();
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
            && crate::pages::is_markdown(entry.path())
            && !entry.path().strip_prefix(&source).is_ok_and(|relative| {
                let relative = relative.to_string_lossy().replace('\\', "/");
                crate::pages::is_skipped(&relative, skip_render)
            });
        if is_page {
            continue;
        }
        if let Some(warning) = copy_entry(&site, &entry, &source, &target)? {
            warnings.push(warning);
        }
    }
    Ok(warnings)
}

/// Copies each post's asset folder (Hexo's `post_asset_folder`: `source/_posts/hello/` beside
/// `hello.md`) to the folder of its page's URL under `target` (see [`copy`]), where
/// `asset_img` and co. point. `posts` are source files (under `root`) with their page paths.
/// Returns the warnings.
pub fn copy_post_assets<'a>(
    root: &Path,
    target_root: &Path,
    posts: impl Iterator<Item = (&'a Path, &'a str)>,
) -> io::Result<Vec<Problem>> {
    let site = Site::of(root)?;
    let mut warnings = Vec::new();
    for (source, page_path) in posts {
        let folder = root.join(source).with_extension("");
        if !folder.is_dir() {
            continue;
        }
        if let Some(warning) = site.link_outside(&folder) {
            warnings.push(warning);
            continue;
        }
        let target = target_root
            .join(crate::tag_plugins::asset_folder_url(page_path).trim_start_matches('/'));
        fs::create_dir_all(&target)?;
        for entry in walkdir::WalkDir::new(&folder).min_depth(1) {
            let entry = entry.map_err(io::Error::other)?;
            if let Some(warning) = copy_entry(&site, &entry, &folder, &target)? {
                warnings.push(warning);
            }
        }
    }
    Ok(warnings)
}

/// The site's folder, as the files it may publish must resolve inside it.
struct Site {
    root: PathBuf,
    real_root: PathBuf,
}

impl Site {
    fn of(root: &Path) -> io::Result<Self> {
        Ok(Self {
            root: root.to_owned(),
            real_root: root.canonicalize()?,
        })
    }

    /// A warning if `path` is, or goes through, a symbolic link to somewhere outside the site:
    /// a post could otherwise publish the build machine's files (`passwd -> /etc/passwd`).
    fn link_outside(&self, path: &Path) -> Option<Problem> {
        let inside = path
            .canonicalize()
            .is_ok_and(|real| real.starts_with(&self.real_root));
        (!inside).then(|| {
            let shown = path.strip_prefix(&self.root).unwrap_or(path);
            Problem::new(
                shown,
                None,
                "a link to a file outside the site's folder: left out, as it would publish it",
            )
        })
    }
}

/// Copies one entry walked from `from` (a folder or a file) to the same place under `to`;
/// a walk lists a folder before what it holds. A link is followed only to a file inside the
/// site (a warning otherwise, and for a link to a folder, which the walk does not enter).
fn copy_entry(
    site: &Site,
    entry: &walkdir::DirEntry,
    from: &Path,
    to: &Path,
) -> io::Result<Option<Problem>> {
    let relative = entry.path().strip_prefix(from).expect("walked from `from`");
    if entry.file_type().is_dir() {
        return fs::create_dir_all(to.join(relative)).map(|()| None);
    }
    if entry.path_is_symlink() {
        if let Some(warning) = site.link_outside(entry.path()) {
            return Ok(Some(warning));
        }
        if entry.path().is_dir() {
            let shown = entry
                .path()
                .strip_prefix(&site.root)
                .unwrap_or(entry.path());
            let message = "a link to a folder: left out (copy the folder, or link its files)";
            return Ok(Some(Problem::new(shown, None, message)));
        }
    }
    fs::copy(entry.path(), to.join(relative)).map(|_| None)
}
