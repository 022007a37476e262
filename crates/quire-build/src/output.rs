//! Writes the bundle so that readers never see half of it: everything goes to a staging folder
//! first, which then replaces the previous bundle in two renames.

use std::fs;
use std::io;
use std::path::Path;

use quire_model::catalog::{self, EntryJson};
use quire_model::{files, ListedPost, SiteIndex};
use rayon::prelude::*;

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
    for dir in [
        files::POSTS_DIR,
        files::SEARCH_DIR,
        files::LISTS_DIR,
        files::ROUTES_DIR,
    ] {
        fs::create_dir_all(staging.join(dir))?;
    }

    let files = BundleFiles {
        staging: &staging,
        previous: final_dir.is_dir().then_some(final_dir.as_path()),
    };
    let Bundle {
        site,
        posts,
        search,
        pages,
        feed_copies,
        integrations,
    } = bundle;
    // Post files are named by their contents and written first: the lists and the search
    // index name them. Each post's JSON and body are dropped once written, so memory is
    // reused; its entry in the lists is written here too, on both cores.
    let written_posts: Vec<(ListedPost, EntryJson, u64)> = posts
        .into_par_iter()
        .map(|post| {
            let json = serde_json::to_vec(&post).map_err(io::Error::other)?;
            let name = files::post(&post.post.slug, &files::content_hash(&json));
            files.put(&name, &json)?;
            let mut listed = ListedPost {
                file: name,
                post: post.post,
            };
            let entry = EntryJson::of(&mut listed);
            Ok((listed, entry, json.len() as u64))
        })
        .collect::<io::Result<_>>()?;
    // Pages are found by path as posts are, and listed nowhere.
    let written_pages: Vec<(String, String, u64)> = pages
        .into_par_iter()
        .map(|page| {
            let json = serde_json::to_vec(&page).map_err(io::Error::other)?;
            let name = files::post(&page.post.slug, &files::content_hash(&json));
            files.put(&name, &json)?;
            Ok((page.post.path, name, json.len() as u64))
        })
        .collect::<io::Result<_>>()?;
    let post_bytes: u64 = written_posts.iter().map(|(_, _, size)| size).sum::<u64>()
        + written_pages.iter().map(|(_, _, size)| size).sum::<u64>();
    let pages: Vec<(String, String)> = written_pages
        .into_iter()
        .map(|(path, file, _)| (path, file))
        .collect();
    let (listed, entries): (Vec<ListedPost>, Vec<EntryJson>) = written_posts
        .into_iter()
        .map(|(listed, entry, _)| (listed, entry))
        .unzip();
    // The search index is built while the lists are: it needs one core a while.
    let documents = listed.iter().map(|post| post.file.as_str()).zip(search);
    let (written, search) = rayon::join(
        || -> io::Result<(SiteIndex, u64)> {
            let catalog = catalog::catalog_of_entries(
                site,
                &listed,
                &entries,
                pages,
                catalog::LIST_PAGE_SIZE,
            );
            let bytes = catalog
                .files
                .par_iter()
                .map(|(name, json)| files.put(name, json).map(|()| json.len() as u64))
                .sum::<io::Result<u64>>()?;
            Ok((catalog.index, post_bytes + bytes))
        },
        || search_index(documents),
    );
    let (mut index, mut bytes) = written?;
    for (name, contents) in &search.files {
        files.put(name, contents)?;
        bytes += contents.len() as u64;
    }
    index.search = search.root;
    index.feed_copies = feed_copies;
    index.integrations = integrations;
    let json = serde_json::to_vec(&index).map_err(io::Error::other)?;
    let index_name = files::index(&files::content_hash(&json));
    files.put(&index_name, &json)?;
    bytes += json.len() as u64;

    swap_in(out, files::BUNDLE_DIR, &staging)?;
    Ok(Written {
        index: index_name,
        bytes,
    })
}

/// Where bundle files go: the staging folder, from the bundle being replaced where it can.
struct BundleFiles<'a> {
    staging: &'a Path,
    previous: Option<&'a Path>,
}

impl BundleFiles<'_> {
    /// Puts the file `name` into the staging folder. Files are named by their contents, so the
    /// previous bundle's file of that name is this one: it is linked instead of written again
    /// (on a rebuild most files are unchanged).
    fn put(&self, name: &str, contents: &[u8]) -> io::Result<()> {
        let target = self.staging.join(name);
        let linked = self
            .previous
            .is_some_and(|previous| fs::hard_link(previous.join(name), &target).is_ok());
        if linked {
            Ok(())
        } else {
            fs::write(target, contents)
        }
    }
}

/// Removes a bundle folder: its files on both cores (a file at a time, this was a tenth of the
/// build at 10,000 posts), then what is left.
fn remove_bundle(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                files.push(inner?.path());
            }
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    fs::remove_dir_all(dir)
}

/// Makes `staged` the folder `out/<name>`, the previous one renamed away first and removed
/// after. A build killed between the two renames leaves the previous one as `.<name>.old-<pid>`,
/// which the next build puts back before anything else ([`remove_leftovers`]).
pub(crate) fn swap_in(out: &Path, name: &str, staged: &Path) -> io::Result<()> {
    let current = out.join(name);
    let retired = out.join(format!(".{name}.old-{}", std::process::id()));
    if current.exists() {
        fs::rename(&current, &retired)?;
    }
    fs::rename(staged, &current)?;
    match retired.exists() {
        // The bundle's two levels of files are removed on both cores.
        true if name == files::BUNDLE_DIR => remove_bundle(&retired),
        true => fs::remove_dir_all(&retired),
        false => Ok(()),
    }
}

/// Staging or retired folders of a build that was killed half-way: a retired folder with no
/// current one beside it (killed between the two renames of [`swap_in`]) is put back; every
/// other is removed.
pub(crate) fn remove_leftovers(out: &Path) -> io::Result<()> {
    for name in [files::BUNDLE_DIR, crate::static_files::STATIC_DIR] {
        let prefix = format!(".{name}.");
        let current = out.join(name);
        for entry in fs::read_dir(out)? {
            let entry = entry?;
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if !file_name.starts_with(&prefix) {
                continue;
            }
            if file_name.starts_with(&format!("{prefix}old-")) && !current.exists() {
                fs::rename(entry.path(), &current)?;
            } else {
                fs::remove_dir_all(entry.path())?;
            }
        }
    }
    Ok(())
}
