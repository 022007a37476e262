//! A build that stays in memory between builds: the author's loop (`quire-serve`) builds the
//! site on every save, and a [`Session`] keeps what a build in a process of its own has to
//! read again (every rendered post, as `--cache` keeps them on disk) and writes into the
//! served bundle only the files it does not have yet.

use std::path::{Path, PathBuf};

use crate::output::InPlace;
use crate::problem::Problems;
use crate::{build_with, cache::Cache, Options, Report, Served};

/// The builds of one site, served from one folder.
pub struct Session {
    options: Options,
    cache: Cache,
    /// The bundle folder as served.
    served: PathBuf,
    /// What is in it.
    files: InPlace,
}

impl Session {
    /// Builds the site `options` name into `served` (the served site's `data/` folder); the
    /// rest of the output (static files, redirect pages) goes to `options.out` as [`crate::build`]
    /// writes it.
    pub fn new(options: Options, served: &Path) -> Self {
        Self {
            options,
            cache: Cache::in_memory(),
            served: served.to_owned(),
            files: InPlace::found(served),
        }
    }

    /// Builds the site again: only posts that changed are rendered, only new bundle files
    /// written. A build that fails leaves the served bundle as it was.
    pub fn build(&mut self) -> Result<Report, Problems> {
        let served = Served {
            dir: &self.served,
            files: &mut self.files,
        };
        build_with(&self.options, Some(&self.cache), Some(served))
    }
}
