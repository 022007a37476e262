//! Being told when the site's sources or the app's change (inotify on Linux, FSEvents on macOS),
//! rather than looking at every file again and again: at 10,000 posts a look took tens of
//! milliseconds, which a save waited for, and watching by looking took a third of a core.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

/// What of a site folder is its source (`content/` and `site.toml`; a Hexo site's).
const SITE_SOURCES: [&str; 5] = ["content", "site.toml", "_config.yml", "source", "scaffolds"];
/// What of the repository the app is made from (Trunk's input), styles apart.
const APP_SOURCES: [&str; 5] = ["src", "crates", "index.html", "public", "Cargo.lock"];
const STYLES: &str = "style";
/// How long the sources must stay unchanged before a build starts: an editor (or a script)
/// may truncate a file, then write it, and that is one save.
const SETTLE: Duration = Duration::from_millis(10);
/// How often sources are looked at where the system cannot tell of changes.
const POLL: Duration = Duration::from_millis(200);

/// What changed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// The site's sources only.
    Site,
    /// The app or its styles (and perhaps the site too): Trunk builds them first.
    App { styles_only: bool },
}

/// The site's and the app's sources, watched.
pub(crate) struct Watch {
    changes: Receiver<notify::Result<notify::Event>>,
    /// Kept for as long as the watch: dropping it stops the events.
    _watcher: Box<dyn Watcher + Send>,
    /// Every source: a file, or a folder of them.
    sources: Vec<PathBuf>,
    app: Vec<PathBuf>,
    styles: PathBuf,
}

impl Watch {
    /// Watches the site in `root` and the app in the repository `repo`.
    pub(crate) fn new(root: &Path, repo: &Path) -> Result<Self, String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let repo = repo
            .canonicalize()
            .map_err(|e| format!("{}: {e}", repo.display()))?;
        let app: Vec<PathBuf> = APP_SOURCES.iter().map(|name| repo.join(name)).collect();
        let styles = repo.join(STYLES);
        let site: Vec<PathBuf> = SITE_SOURCES.iter().map(|name| root.join(name)).collect();
        let mut sources: Vec<PathBuf> = site.iter().chain(&app).cloned().collect();
        sources.push(styles.clone());
        // A source made later (a first `site.toml`) is seen from its folder.
        let folders = [root];

        let (send, changes) = channel();
        let native = notify::recommended_watcher(send.clone())
            .map(|watcher| Box::new(watcher) as Box<dyn Watcher + Send>);
        let mut watcher = match native {
            Ok(watcher) => watcher,
            Err(_) => polling(send.clone())?,
        };
        if watch_all(watcher.as_mut(), &sources, &folders).is_err() {
            // Out of inotify watches, say: look instead.
            eprintln!("quire: cannot be told of changes here; looking every {POLL:?} instead");
            watcher = polling(send)?;
            watch_all(watcher.as_mut(), &sources, &folders)?;
        }
        Ok(Self {
            changes,
            _watcher: watcher,
            sources,
            app,
            styles,
        })
    }

    /// Waits for the next change to a source, then for the sources to settle.
    pub(crate) fn next(&self) -> Change {
        loop {
            if let Some(change) = self.wait(Duration::MAX) {
                return change;
            }
        }
    }

    /// [`Self::next`], if a change comes within `first`.
    fn wait(&self, first: Duration) -> Option<Change> {
        let mut changed: Vec<PathBuf> = Vec::new();
        loop {
            let wait = match changed.is_empty() {
                true => first,
                false => SETTLE,
            };
            match self.changes.recv_timeout(wait) {
                Ok(Ok(event)) if is_change(&event.kind) => {
                    changed.extend(event.paths.into_iter().filter(|path| self.is_source(path)))
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) if changed.is_empty() => return None,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => panic!("the watcher stopped"),
            }
        }
        let app: Vec<&PathBuf> = changed
            .iter()
            .filter(|path| {
                path.starts_with(&self.styles) || self.app.iter().any(|app| path.starts_with(app))
            })
            .collect();
        Some(match app.is_empty() {
            true => Change::Site,
            false => Change::App {
                styles_only: app.iter().all(|path| path.starts_with(&self.styles)),
            },
        })
    }
}

impl Watch {
    /// Whether `path` is a source, not a file beside the sources in the site's folder, nor an
    /// editor's own file beside a source (`.post.md.swp`, `post.md~`, `4913`, which Vim writes
    /// to test a folder).
    fn is_source(&self, path: &Path) -> bool {
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            return false;
        };
        let editors = name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name == "4913";
        !editors && self.sources.iter().any(|source| path.starts_with(source))
    }
}

/// A watcher that looks at the sources every [`POLL`].
fn polling(
    send: std::sync::mpsc::Sender<notify::Result<notify::Event>>,
) -> Result<Box<dyn Watcher + Send>, String> {
    let config = notify::Config::default().with_poll_interval(POLL);
    notify::PollWatcher::new(send, config)
        .map(|watcher| Box::new(watcher) as Box<dyn Watcher + Send>)
        .map_err(|e| format!("cannot watch the sources: {e}"))
}

/// Watches every path of `sources` that exists (folders with what is in them), and `folders`
/// themselves, for sources made later.
fn watch_all(
    watcher: &mut (dyn Watcher + Send),
    sources: &[PathBuf],
    folders: &[PathBuf],
) -> Result<(), String> {
    for source in sources.iter().filter(|source| source.exists()) {
        watcher
            .watch(source, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", source.display()))?;
    }
    for folder in folders {
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
    }
    Ok(())
}

/// Whether `kind` changes a file: a file read (by the build itself, say) is no change.
fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const QUIET: Duration = Duration::from_millis(300);

    #[test]
    fn a_save_is_one_change_and_the_apps_are_told_apart_from_the_sites() {
        let (site, repo) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (site, repo) = (site.path(), repo.path());
        fs::create_dir_all(site.join("content/posts")).unwrap();
        for folder in ["src", "style"] {
            fs::create_dir_all(repo.join(folder)).unwrap();
        }
        let post = site.join("content/posts/day.md");
        fs::write(&post, "First.").unwrap();
        let watch = Watch::new(site, repo).unwrap();
        assert_eq!(watch.wait(QUIET), None, "nothing changed yet");

        // An editor's save: truncated, then written.
        fs::write(&post, "").unwrap();
        fs::write(&post, "Second.").unwrap();
        assert_eq!(watch.wait(QUIET), Some(Change::Site));
        assert_eq!(watch.wait(QUIET), None, "one save, one change");

        // A new post in a new folder, and a first site.toml.
        fs::create_dir_all(site.join("content/posts/2024")).unwrap();
        fs::write(site.join("content/posts/2024/new.md"), "New.").unwrap();
        assert_eq!(watch.wait(QUIET), Some(Change::Site));
        fs::write(site.join("site.toml"), "title = \"A\"\n").unwrap();
        assert_eq!(watch.wait(QUIET), Some(Change::Site));

        // Not sources: an editor's files, a file beside the sources, a file read.
        fs::write(site.join("content/posts/.day.md.swp"), "swap").unwrap();
        fs::write(site.join("content/posts/day.md~"), "backup").unwrap();
        fs::write(site.join("notes.txt"), "mine").unwrap();
        fs::read(&post).unwrap();
        assert_eq!(watch.wait(QUIET), None);

        fs::write(repo.join("style/main.css"), "a{}").unwrap();
        assert_eq!(watch.wait(QUIET), Some(Change::App { styles_only: true }));
        fs::write(repo.join("style/main.css"), "b{}").unwrap();
        fs::write(repo.join("src/lib.rs"), "").unwrap();
        assert_eq!(watch.wait(QUIET), Some(Change::App { styles_only: false }));
    }
}
