//! Writes the bundle so that readers never see half of it: everything goes to a staging folder
//! first, which then replaces the previous bundle in two renames.

use std::fs;
use std::io;
use std::path::Path;

use quire_model::files;
use rayon::prelude::*;
use serde::Serialize;

use crate::assemble::{search_index, Bundle};

/// What [`write`] wrote.
pub struct Written {
    /// The site index's file name inside the bundle.
    pub index: String,
    pub bytes: u64,
}

/// Writes `bundle` to `out/data`.
pub fn write(out: &Path, bundle: Bundle) -> io::Result<Written> {
    fs::create_dir_all(out)?;
    let final_dir = out.join(files::BUNDLE_DIR);
    let staging = out.join(format!(
        ".{}.staging-{}",
        files::BUNDLE_DIR,
        std::process::id()
    ));
    let retired = out.join(format!(".{}.old-{}", files::BUNDLE_DIR, std::process::id()));
    remove_leftovers(out)?;

    fs::create_dir_all(staging.join(files::POSTS_DIR))?;
    fs::create_dir_all(staging.join(files::SEARCH_DIR))?;
    // The search index is built while the posts are written: it needs one core for a while.
    let Bundle {
        mut index,
        posts,
        search,
    } = bundle;
    let (posts_written, search) = rayon::join(
        || {
            posts
                .par_iter()
                .map(|post| {
                    let (name, bytes) =
                        write_json(&staging, |hash| files::post(&post.post.slug, hash), post)?;
                    Ok((post.post.slug.clone(), name, bytes))
                })
                .collect::<io::Result<Vec<_>>>()
        },
        || search_index(search),
    );
    let mut bytes = 0;
    for (slug, name, size) in posts_written? {
        index.post_files.insert(slug, name);
        bytes += size;
    }
    for (name, contents) in &search.files {
        fs::write(staging.join(name), contents)?;
        bytes += contents.len() as u64;
    }
    index.search = search.root;
    let (index_name, index_bytes) = write_json(&staging, files::index, &index)?;
    bytes += index_bytes;

    if final_dir.exists() {
        fs::rename(&final_dir, &retired)?;
    }
    fs::rename(&staging, &final_dir)?;
    if retired.exists() {
        fs::remove_dir_all(&retired)?;
    }
    Ok(Written {
        index: index_name,
        bytes,
    })
}

/// Staging or retired folders of a build that was killed half-way.
fn remove_leftovers(out: &Path) -> io::Result<()> {
    let prefix = format!(".{}.", files::BUNDLE_DIR);
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Writes `value` as JSON into `dir`, under the name `name` makes of its content hash; returns
/// that name and the bytes written.
fn write_json(
    dir: &Path,
    name: impl FnOnce(&str) -> String,
    value: &impl Serialize,
) -> io::Result<(String, u64)> {
    let json = serde_json::to_vec(value).map_err(io::Error::other)?;
    let name = name(&files::content_hash(&json));
    fs::write(dir.join(&name), &json)?;
    Ok((name, json.len() as u64))
}
