//! Writes the bundle so that readers never see half of it: everything goes to a staging folder
//! first, which then replaces the previous bundle in two renames.

use std::fs;
use std::io;
use std::path::Path;

use quire_model::files;
use rayon::prelude::*;
use serde::Serialize;

use crate::assemble::{search_index, Bundle};

/// Writes `bundle` to `out/data`; returns the bytes written.
pub fn write(out: &Path, bundle: Bundle) -> io::Result<u64> {
    fs::create_dir_all(out)?;
    let final_dir = out.join(files::BUNDLE_DIR);
    let staging = out.join(format!(
        ".{}.staging-{}",
        files::BUNDLE_DIR,
        std::process::id()
    ));
    let retired = out.join(format!(".{}.old-{}", files::BUNDLE_DIR, std::process::id()));
    remove_leftovers(out)?;

    fs::create_dir_all(staging.join("posts"))?;
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
                .map(|post| write_json(&staging.join(files::post(&post.post.slug)), post))
                .sum::<io::Result<u64>>()
        },
        || search_index(search),
    );
    let mut bytes = posts_written?;
    for (name, contents) in &search.files {
        fs::write(staging.join(name), contents)?;
        bytes += contents.len() as u64;
    }
    index.search = search.root;
    bytes += write_json(&staging.join(files::INDEX), &index)?;

    if final_dir.exists() {
        fs::rename(&final_dir, &retired)?;
    }
    fs::rename(&staging, &final_dir)?;
    if retired.exists() {
        fs::remove_dir_all(&retired)?;
    }
    Ok(bytes)
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

fn write_json(path: &Path, value: &impl Serialize) -> io::Result<u64> {
    let json = serde_json::to_vec(value).map_err(io::Error::other)?;
    fs::write(path, &json)?;
    Ok(json.len() as u64)
}
