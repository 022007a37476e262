//! Rendered posts kept between builds (`OUT/.cache/posts/`, or in memory for a [`crate::Session`]),
//! so that a rebuild (every save while serving) renders only the posts that changed. An entry is
//! named by a hash of
//! everything its rendering read: the file's bytes, path and modification time, the permalink
//! scheme, whether drafts are kept, and the build step's own binary, so a new version of
//! Quire never reads an old entry.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use quire_model::files::content_hash;

use crate::post::Post;

/// The cache folder inside the output folder (the pages step keeps its own beside it).
pub const CACHE_DIR: &str = ".cache/posts";

/// What identifies the running build step: its binary's size and modification time.
static BUILD_IDENTITY: LazyLock<String> = LazyLock::new(|| {
    let exe = std::env::current_exe().and_then(fs::metadata);
    match exe {
        Ok(meta) => format!("{}:{:?}", meta.len(), meta.modified().ok()),
        Err(_) => String::from(env!("CARGO_PKG_VERSION")),
    }
});

/// The rendered posts of earlier builds, and which of them this build used.
pub struct Cache {
    kept: Kept,
    used: Mutex<HashSet<String>>,
}

/// Where the entries are kept.
enum Kept {
    /// A file each in a folder: what a build run by Trunk (a process a build) has.
    Folder(PathBuf),
    /// In memory: a process that builds again and again (the author's loop) clones an entry
    /// rather than reading and parsing it.
    Memory {
        posts: Mutex<HashMap<String, Post>>,
        /// Each file's entry, by what its metadata said when it was read (see
        /// [`Cache::get_unchanged`]).
        files: Mutex<HashMap<PathBuf, (String, String)>>,
    },
}

impl Cache {
    /// Entries kept as files in `out`'s cache folder.
    pub fn new(out: &Path) -> Self {
        Self {
            kept: Kept::Folder(out.join(CACHE_DIR)),
            used: Mutex::default(),
        }
    }

    /// Entries kept in memory, for as long as the cache lives.
    pub fn in_memory() -> Self {
        Self {
            kept: Kept::Memory {
                posts: Mutex::default(),
                files: Mutex::default(),
            },
            used: Mutex::default(),
        }
    }

    /// The name of the entry for one rendering: `inputs` are everything it read.
    pub fn key(inputs: &[&[u8]]) -> String {
        let mut all = BUILD_IDENTITY.as_bytes().to_vec();
        for input in inputs {
            all.extend_from_slice(&(input.len() as u64).to_le_bytes());
            all.extend_from_slice(input);
        }
        content_hash(&all)
    }

    /// The post rendered under `key` by an earlier build, if kept.
    pub fn get(&self, key: &str) -> Option<Post> {
        self.used.lock().expect("cache lock").insert(key.to_owned());
        match &self.kept {
            Kept::Folder(dir) => {
                let bytes = fs::read(entry(dir, key)).ok()?;
                serde_json::from_slice(&bytes).ok()
            }
            Kept::Memory { posts, .. } => posts.lock().expect("cache lock").get(key).cloned(),
        }
    }

    /// The post rendered from `file` by an earlier build, when `stat` (its size, time and
    /// what else names the entry but its bytes) is what it was then: kept in memory only, where
    /// builds are a moment apart and the file need not be read again to be known.
    pub fn get_unchanged(&self, file: &Path, stat: &str) -> Option<Post> {
        let Kept::Memory { files, .. } = &self.kept else {
            return None;
        };
        let key = {
            let files = files.lock().expect("cache lock");
            let (known, key) = files.get(file)?;
            (known == stat).then(|| key.clone())?
        };
        self.get(&key)
    }

    /// Notes that `file`, with `stat`, is the entry `key` (see [`Cache::get_unchanged`]).
    pub fn know(&self, file: &Path, stat: &str, key: &str) {
        if let Kept::Memory { files, .. } = &self.kept {
            let known = (stat.to_owned(), key.to_owned());
            files
                .lock()
                .expect("cache lock")
                .insert(file.to_owned(), known);
        }
    }

    /// Keeps `post`, rendered under `key`, for later builds. A cache that cannot be written
    /// only makes the next build slower.
    pub fn put(&self, key: &str, post: &Post) {
        match &self.kept {
            Kept::Folder(dir) => {
                if let Ok(json) = serde_json::to_vec(post) {
                    let _ = fs::create_dir_all(dir);
                    let _ = fs::write(entry(dir, key), json);
                }
            }
            Kept::Memory { posts, .. } => {
                let post = post.clone();
                posts
                    .lock()
                    .expect("cache lock")
                    .insert(key.to_owned(), post);
            }
        }
    }

    /// Removes the entries this build did not use (posts since changed or deleted), and starts
    /// the next build's count of what it uses.
    pub fn prune(&self) {
        let used = std::mem::take(&mut *self.used.lock().expect("cache lock"));
        match &self.kept {
            Kept::Folder(dir) => {
                let Ok(entries) = fs::read_dir(dir) else {
                    return;
                };
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    let key = name.to_string_lossy();
                    if !used.contains(key.trim_end_matches(".json")) {
                        let _ = fs::remove_file(entry.path());
                    }
                }
            }
            Kept::Memory { posts, files } => {
                posts
                    .lock()
                    .expect("cache lock")
                    .retain(|key, _| used.contains(key));
                files
                    .lock()
                    .expect("cache lock")
                    .retain(|_, (_, key)| used.contains(key));
            }
        }
    }
}

fn entry(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}
