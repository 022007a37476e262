//! Writes the bundle so that readers never see half of it: everything goes to a staging folder
//! first, which then replaces the previous bundle in two renames. The author's loop writes into
//! the served bundle instead ([`write_in_place`]): only the files it does not have yet.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use quire_model::catalog::{self, EntryJson};
use quire_model::{files, ListedPost, PostFile, PostSummary, SiteIndex};
use rayon::prelude::*;

use quire_search::write::ResultCard;

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
    let files = BundleFiles::Staged {
        staging: &staging,
        previous: final_dir.is_dir().then_some(final_dir.as_path()),
    };
    let written = write_files(&staging, &files, bundle)?;
    swap_in(out, files::BUNDLE_DIR, &staging)?;
    Ok(written)
}

/// Writes `bundle` into the bundle folder `dir` as it is served, whose files `present` names
/// (none at first): only the files not there yet are written, new files before the site index
/// that names them, and the files of the bundle before are removed after. `present` is then
/// this bundle's files. A reader loading a page meanwhile gets the bundle before or this one:
/// every name stands for one content.
pub fn write_in_place(dir: &Path, bundle: Bundle, present: &mut InPlace) -> io::Result<Written> {
    let files = BundleFiles::InPlace {
        dir,
        present,
        kept: Default::default(),
    };
    let written = write_files(dir, &files, bundle)?;
    let BundleFiles::InPlace { kept, .. } = files else {
        unreachable!("made in place above")
    };
    let kept = kept.into_inner().expect("bundle files lock");
    for old in present.files.difference(&kept.files) {
        match fs::remove_file(dir.join(old)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    *present = kept;
    Ok(written)
}

/// A bundle folder written in place: the files in it, and the post files among them by the
/// post's path, with what each holds (a post the next build makes the same is not written,
/// or even serialized, again).
#[derive(Default)]
pub struct InPlace {
    files: HashSet<String>,
    posts: HashMap<String, PostFileWritten>,
}

/// A post file written: what it holds, its name and size.
struct PostFileWritten {
    contents: PostFile,
    name: String,
    size: u64,
}

impl InPlace {
    /// The bundle folder `dir` as it is (made by another build, or none): its files (two
    /// levels, the index and then a folder of each kind of file).
    pub fn found(dir: &Path) -> Self {
        Self {
            // A folder that cannot be read has nothing to keep: the first build writes it all.
            files: bundle_files(dir).unwrap_or_default().into_iter().collect(),
            posts: HashMap::new(),
        }
    }
}

/// Writes the files of `bundle` into `dir` through `files`.
fn write_files(dir: &Path, files: &BundleFiles, bundle: Bundle) -> io::Result<Written> {
    for folder in [
        files::POSTS_DIR,
        files::SEARCH_DIR,
        files::LISTS_DIR,
        files::ROUTES_DIR,
    ] {
        fs::create_dir_all(dir.join(folder))?;
    }
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
            let (name, size, post) = files.put_post(post)?;
            let mut listed = ListedPost { file: name, post };
            let entry = EntryJson::of(&mut listed);
            Ok((listed, entry, size))
        })
        .collect::<io::Result<_>>()?;
    // Pages are found by path as posts are, and listed nowhere.
    let written_pages: Vec<(String, String, u64)> = pages
        .into_par_iter()
        .map(|page| {
            let (name, size, page) = files.put_post(page)?;
            Ok((page.path, name, size))
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
    let documents = (listed.iter())
        .map(|post| ResultCard::of_post(&post.post))
        .zip(search);
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
    // A card a post, and the passages of long ones: many small files, on both cores.
    bytes += (search.files.par_iter())
        .map(|(name, contents)| files.put(name, contents).map(|()| contents.len() as u64))
        .sum::<io::Result<u64>>()?;
    index.search = search.root;
    index.feed_copies = feed_copies;
    index.integrations = integrations;
    let json = serde_json::to_vec(&index).map_err(io::Error::other)?;
    let index_name = files.put_index(&json)?;
    bytes += json.len() as u64;
    Ok(Written {
        index: index_name,
        bytes,
    })
}

/// Where bundle files go. Files are named by their contents, so a file of the bundle before of
/// the same name is the same file: it is not written again (on a rebuild most are unchanged).
enum BundleFiles<'a> {
    /// A staging folder, the bundle being replaced's files linked into it.
    Staged {
        staging: &'a Path,
        previous: Option<&'a Path>,
    },
    /// The bundle folder itself, as `present` says it is; `kept` is this bundle's.
    InPlace {
        dir: &'a Path,
        present: &'a InPlace,
        kept: Mutex<InPlace>,
    },
}

impl BundleFiles<'_> {
    /// Puts the site index in place, last: named by its contents, or in place by the one name
    /// [`files::IN_PLACE_INDEX`] (the pages that name it need not change with it), written
    /// whole under another name first, so that it is never read half-written.
    fn put_index(&self, json: &[u8]) -> io::Result<String> {
        match self {
            Self::Staged { .. } => {
                let name = files::index(&files::content_hash(json));
                self.put(&name, json)?;
                Ok(name)
            }
            Self::InPlace { dir, kept, .. } => {
                let name = files::IN_PLACE_INDEX;
                let part = dir.join(format!("{name}.part"));
                fs::write(&part, json)?;
                fs::rename(part, dir.join(name))?;
                kept.lock()
                    .expect("bundle files lock")
                    .files
                    .insert(name.to_owned());
                Ok(name.to_owned())
            }
        }
    }

    /// Puts the file `name` in place.
    fn put(&self, name: &str, contents: &[u8]) -> io::Result<()> {
        match self {
            Self::Staged { staging, previous } => {
                let target = staging.join(name);
                let linked = previous
                    .is_some_and(|previous| fs::hard_link(previous.join(name), &target).is_ok());
                match linked {
                    true => Ok(()),
                    false => fs::write(target, contents),
                }
            }
            Self::InPlace { dir, present, kept } => {
                kept.lock()
                    .expect("bundle files lock")
                    .files
                    .insert(name.to_owned());
                match present.files.contains(name) {
                    true => Ok(()),
                    false => fs::write(dir.join(name), contents),
                }
            }
        }
    }

    /// Puts the file of `post` (a post or a page) in place: its name, size and summary.
    fn put_post(&self, post: PostFile) -> io::Result<(String, u64, PostSummary)> {
        let Self::InPlace { present, kept, .. } = self else {
            let (name, size) = self.write_post(&post)?;
            return Ok((name, size, post.post));
        };
        let before = present
            .posts
            .get(&post.post.path)
            .filter(|before| before.contents == post && present.files.contains(&before.name));
        let (name, size) = match before {
            Some(before) => {
                self.put(&before.name, &[])?;
                (before.name.clone(), before.size)
            }
            None => self.write_post(&post)?,
        };
        let summary = post.post.clone();
        let written = PostFileWritten {
            contents: post,
            name: name.clone(),
            size,
        };
        let path = summary.path.clone();
        kept.lock()
            .expect("bundle files lock")
            .posts
            .insert(path, written);
        Ok((name, size, summary))
    }

    /// Writes the file of `post`, named by its contents: its name and size.
    fn write_post(&self, post: &PostFile) -> io::Result<(String, u64)> {
        let json = serde_json::to_vec(post).map_err(io::Error::other)?;
        let name = files::post(&post.post.slug, &files::content_hash(&json));
        self.put(&name, &json)?;
        Ok((name, json.len() as u64))
    }
}

/// Removes a bundle folder: its files on both cores (a file at a time, this was a tenth of the
/// build at 10,000 posts), then what is left.
fn remove_bundle(dir: &Path) -> io::Result<()> {
    bundle_files(dir)?
        .par_iter()
        .try_for_each(|name| fs::remove_file(dir.join(name)))?;
    fs::remove_dir_all(dir)
}

/// The files of the bundle folder `dir`, by their names inside it: its two levels, the index
/// and then a folder of each kind of file (`posts/a.1f2e.json`).
fn bundle_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                files.push(format!("{name}/{}", inner?.file_name().to_string_lossy()));
            }
        } else {
            files.push(name);
        }
    }
    Ok(files)
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
