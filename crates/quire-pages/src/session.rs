//! The pages step run again and again in one process (the author's loop, `quire-serve`): a page
//! is written only when it changed, and not even rendered when what it shows did not change.
//! The bundle is written in place (`quire_build::Session`), its site index by one name, so a
//! page does not change because the index did.
//!
//! What a page shows: a post page, its post file (named by its contents), under the same shell
//! and site settings. A list page, its list page file's contents and the site index without
//! the names of files: a saved post renames every page of the lists it is in (a list's pages
//! are named by a hash of them all), while most of them show what they showed; those are
//! written again from their last HTML, under the list's new name, not rendered.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use quire_model::{files, CategoryNode, SiteIndex};

use crate::pages::Page;
use crate::{write, BundleDir, PageCache, PagesError, Report};

/// The pages of one site, written again on every build.
pub struct Session {
    pub(crate) site_dir: PathBuf,
    written: Mutex<HashMap<String, Written>>,
}

/// A page as last written.
struct Written {
    /// A hash of what it showed, for a post or list page.
    shows: Option<String>,
    html_hash: String,
    /// A list page's list file and HTML, to be written again under the list's next name.
    list: Option<(String, Arc<str>)>,
}

/// What every page of one run shows.
pub(crate) struct Common {
    /// The shell and the site's settings.
    pub(crate) all: String,
    /// The site index without the names of files (lists', route shards', search's).
    index: String,
}

impl Common {
    pub(crate) fn of(all: String, index: &SiteIndex) -> Self {
        Self {
            all,
            index: files::content_hash(
                &serde_json::to_vec(&without_names(index)).unwrap_or_default(),
            ),
        }
    }
}

impl Session {
    /// The pages of the site in `site_dir`, none of them written yet.
    pub fn new(site_dir: &Path) -> Self {
        Self {
            site_dir: site_dir.to_owned(),
            written: Mutex::default(),
        }
    }

    /// Writes the pages that changed since the last call, the feeds and the sitemap.
    pub fn write_site(&self) -> Result<Report, PagesError> {
        crate::write_site_with(&self.site_dir, crate::Reuse::Session(self))
    }

    /// Writes `page` if it changed, rendered by `render` if what it shows changed: the bytes
    /// written.
    pub(crate) fn page(
        &self,
        common: &Common,
        bundle: &BundleDir,
        page: &Page,
        render: impl FnOnce() -> Result<String, PagesError>,
    ) -> Result<u64, PagesError> {
        let file = page.file();
        let is_list = page.data_file.starts_with(files::LISTS_DIR);
        let shows = match is_list {
            true => {
                let list = bundle.data_dir.join(&page.data_file);
                let contents = fs::read(&list)
                    .map_err(|e| PagesError::new(&list, format!("cannot read: {e}")))?;
                let what = format!("{}\n{}\n{}\n", common.all, common.index, page.route);
                Some(files::content_hash_of([what.as_bytes(), &contents]))
            }
            false => PageCache::shows(&common.all, page),
        };
        let kept = {
            let written = self.written.lock().expect("pages lock");
            match written.get(&file) {
                Some(before) if shows.is_some() && before.shows == shows => match &before.list {
                    None => return Ok(0),
                    Some((data_file, _)) if *data_file == page.data_file => return Ok(0),
                    Some((data_file, html)) => Some(html.replace(data_file, &page.data_file)),
                },
                _ => None,
            }
        };
        let html = match kept {
            Some(html) => html,
            None => render()?,
        };
        let html_hash = files::content_hash(html.as_bytes());
        let html: Arc<str> = html.into();
        let before = self.written.lock().expect("pages lock").insert(
            file.clone(),
            Written {
                shows,
                html_hash: html_hash.clone(),
                list: is_list.then(|| (page.data_file.clone(), Arc::clone(&html))),
            },
        );
        match before.is_some_and(|before| before.html_hash == html_hash) {
            true => Ok(0),
            false => write(&self.site_dir, &file, html.as_bytes()),
        }
    }
}

/// `index` without the names of files, which change with what they hold: what a list page
/// shows of the index.
fn without_names(index: &SiteIndex) -> SiteIndex {
    fn categories(nodes: &mut [CategoryNode]) {
        for node in nodes {
            node.list.id.clear();
            categories(&mut node.children);
        }
    }
    let mut index = index.clone();
    index.search.clear();
    index.routes.clear();
    index.pages.clear();
    index.home.id.clear();
    index.archive.id.clear();
    for tag in &mut index.tags {
        tag.list.id.clear();
    }
    categories(&mut index.categories);
    for year in &mut index.years {
        year.list.id.clear();
        for month in &mut year.months {
            month.list.id.clear();
        }
    }
    index
}
