//! What a reader downloads of the app, gzipped file by file as it is served, and the budget it
//! must stay within: every page loads the JS glue, what it imports, the main module and the
//! pages' plain JavaScript; search's module waits for the first sign of search.

use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::build_app::{read, walk, APP_DIR_PREFIX};
use crate::repo_root;

/// What every page may load of the app, gzip bytes: the budget the app's own router, its
/// type-erased views and the import renamer exist for (README, BENCHMARKS.md).
pub(crate) const EVERY_PAGE_BUDGET: u64 = 200_000;

/// `app-size [--check] [DIST]`.
pub(crate) fn command(args: &[&str]) -> Result<(), String> {
    let check = args.contains(&"--check");
    let dist = match args.iter().find(|arg| !arg.starts_with("--")) {
        Some(dist) => PathBuf::from(dist),
        None => repo_root().join("dist"),
    };
    let size = AppSize::of(&dist)?;
    print!("{}", size.table());
    if check {
        size.within_budget()?;
        println!(
            "within the budget: {} of {EVERY_PAGE_BUDGET} B gzip",
            size.every_page.gzip
        );
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Bytes {
    raw: u64,
    gzip: u64,
}

impl std::ops::AddAssign for Bytes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
    }
}

#[derive(Debug)]
struct AppSize {
    /// Each file under the app's folder, loaded up front or later.
    files: Vec<(String, Bytes, bool)>,
    every_page: Bytes,
    search: Bytes,
}

impl AppSize {
    fn of(dist: &Path) -> Result<Self, String> {
        let folder = app_folder(dist)?;
        let mut paths = Vec::new();
        walk(&folder, &mut paths)?;
        let mut size = Self {
            files: Vec::new(),
            every_page: Bytes::default(),
            search: Bytes::default(),
        };
        for path in paths {
            let name = path.strip_prefix(&folder).expect("walked from folder");
            let name = name.to_string_lossy().replace('\\', "/");
            let bytes = measure(&name, &read(&path)?);
            let up_front = loaded_by_every_page(&name);
            if up_front {
                size.every_page += bytes;
            } else if name.ends_with(".wasm") || name.ends_with(".bin") {
                size.search += bytes;
            } else {
                continue;
            }
            size.files.push((name, bytes, up_front));
        }
        Ok(size)
    }

    fn within_budget(&self) -> Result<(), String> {
        if self.search.raw == 0 {
            return Err(
                "the app has no split-off module: search's code is in every page \
                 (was it built with the `split` feature, through `cargo xtask build-app`?)"
                    .into(),
            );
        }
        if self.every_page.gzip > EVERY_PAGE_BUDGET {
            return Err(format!(
                "what every page loads of the app is {} B gzip, {} B over the budget of \
                 {EVERY_PAGE_BUDGET} B (see the table above; bench/app-size, BENCHMARKS.md)",
                self.every_page.gzip,
                self.every_page.gzip - EVERY_PAGE_BUDGET
            ));
        }
        Ok(())
    }

    fn table(&self) -> String {
        let row =
            |name: &str, bytes: Bytes| format!("{name:<34} {:>10} {:>10}\n", bytes.raw, bytes.gzip);
        let mut table = format!("{:<34} {:>10} {:>10}\n", "file", "raw_bytes", "gzip_bytes");
        for up_front in [true, false] {
            for (name, bytes, _) in self.files.iter().filter(|file| file.2 == up_front) {
                table += &row(name, *bytes);
            }
        }
        table += &row("app: every page", self.every_page);
        let mut with_search = self.every_page;
        with_search += self.search;
        table += &row("app: with search", with_search);
        table
    }
}

/// The glue, the split loader, the main module, the glue's snippets and the pages' plain
/// JavaScript (`site.js`); the other modules are fetched later, and `integrations.js` only
/// by a site that configures third-party scripts.
fn loaded_by_every_page(name: &str) -> bool {
    matches!(
        name,
        "quire.js" | "__wasm_split.js" | "quire_bg.wasm" | "site.js"
    ) || (name.starts_with("snippets/") && name.ends_with(".js"))
}

fn app_folder(dist: &Path) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e} (build it: trunk build --release)", dist.display()))?;
    entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .find(|path| {
            path.is_dir()
                && path
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with(APP_DIR_PREFIX))
        })
        .ok_or_else(|| {
            format!(
                "{} has no {APP_DIR_PREFIX}<hash>/: build it with trunk build --release",
                dist.display()
            )
        })
}

/// Raw and `gzip -9` sizes.
/// A split-off module (`.bin`) is stored gzip-compressed: served as it is, whatever the host.
fn measure(name: &str, bytes: &[u8]) -> Bytes {
    use std::io::Write;
    if name.ends_with(".bin") {
        let len = bytes.len() as u64;
        return Bytes {
            raw: len,
            gzip: len,
        };
    }
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    gzip.write_all(bytes).expect("writing to memory");
    let gzip = gzip.finish().expect("writing to memory");
    Bytes {
        raw: bytes.len() as u64,
        gzip: gzip.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(every_page: u64, search: u64) -> AppSize {
        let bytes = |n| Bytes {
            raw: n * 3,
            gzip: n,
        };
        AppSize {
            files: Vec::new(),
            every_page: bytes(every_page),
            search: bytes(search),
        }
    }

    #[test]
    fn the_budget_fails_above_it_and_without_search_module() {
        assert_eq!(app(EVERY_PAGE_BUDGET, 70_000).within_budget(), Ok(()));
        let over = app(EVERY_PAGE_BUDGET + 1, 70_000)
            .within_budget()
            .unwrap_err();
        assert!(over.contains("1 B over the budget"), "{over}");
        let unsplit = app(150_000, 0).within_budget().unwrap_err();
        assert!(unsplit.contains("no split-off module"), "{unsplit}");
    }

    #[test]
    fn every_page_loads_the_glue_its_snippets_and_the_main_module() {
        for name in [
            "quire.js",
            "__wasm_split.js",
            "quire_bg.wasm",
            "snippets/x-1/inline0.js",
            "site.js",
        ] {
            assert!(loaded_by_every_page(name), "{name}");
        }
        assert!(!loaded_by_every_page("split_search.wasm"));
        assert!(!loaded_by_every_page("integrations.js"));
    }

    #[test]
    fn gzip_is_measured_as_served() {
        let text = "the same words again and again ".repeat(100);
        let bytes = measure("page.html", text.as_bytes());
        assert_eq!(bytes.raw, text.len() as u64);
        assert!(bytes.gzip < bytes.raw / 10, "{bytes:?}");
    }
}
