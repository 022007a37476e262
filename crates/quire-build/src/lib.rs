//! Quire's build step: reads `content/posts/**/*.md` and `site.toml`, renders every post, and
//! writes the bundle (see `quire-model`) that the app loads. Any bad input is reported as
//! `path:line: what is wrong`, all of it at once, and the last good bundle stays in place.

pub mod abbrlink;
pub mod ad_slots;
pub mod assemble;
pub mod cache;
pub mod check;
pub mod config;
pub mod diagram;
pub mod elements;
pub mod file_name;
pub mod front_matter;
pub mod highlight;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod math;
pub mod migration;
pub mod new_file;
pub mod output;
pub mod pages;
pub mod permalink;
pub mod post;
pub mod problem;
pub mod reading;
pub mod redirects;
pub mod session;
pub mod slug;
pub mod static_files;
pub mod tag_plugins;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::post::{Loaded, Post};
use crate::problem::{Problem, Problems};
pub use crate::session::Session;

/// What to build, and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site folder: `site.toml` and `content/posts/` are read from it.
    pub root: PathBuf,
    /// The bundle is written to `out/data`.
    pub out: PathBuf,
    /// Keep drafts, for previewing them locally.
    pub drafts: bool,
    /// Keep rendered posts between builds (see [`cache`]), to render only changed posts.
    pub cache: bool,
    /// The URL the site is deployed at, over the settings' (`base_url`, Hexo's `url`): a deploy
    /// that knows it (GitHub Pages' workflow) sets it, as `QUIRE_BASE_URL`.
    pub base_url: Option<String>,
}

/// What a successful build did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub posts: usize,
    pub drafts_left_out: usize,
    /// Things the author should fix that did not stop the build.
    pub warnings: Vec<Problem>,
    /// The site index's file name inside the bundle folder.
    pub index: String,
    pub bytes: u64,
    /// How many photos were made smaller now: the others' copies were made by an earlier
    /// build (see [`images::variants`]).
    pub photos_encoded: usize,
    /// For a Hexo blog, what moving it in came to.
    pub migration: Option<migration::Migration>,
}

pub const POSTS_DIR: &str = "content/posts";

/// Where a Hexo site keeps its posts; a Hexo `source/` folder copied in works as it is.
pub const HEXO_POSTS_DIR: &str = "source/_posts";

/// Where a Hexo site keeps its drafts: built only with `--drafts`, as `hexo server --drafts`.
pub const HEXO_DRAFTS_DIR: &str = "source/_drafts";

/// Builds the bundle, or reports every problem found and leaves the previous bundle alone.
pub fn build(options: &Options) -> Result<Report, Problems> {
    let cache = options.cache.then(|| cache::Cache::new(&options.out));
    build_with(options, cache.as_ref(), None)
}

/// Where the author's loop keeps a bundle being served, between builds (see [`Session`]).
pub(crate) struct Served<'a> {
    /// The bundle folder as served.
    dir: &'a Path,
    /// What is in it.
    files: &'a mut output::InPlace,
}

/// [`build`], its rendered posts kept in `cache`, its bundle written to `served` if given (else
/// to `options.out` as `build` does).
fn build_with(
    options: &Options,
    cache: Option<&cache::Cache>,
    served: Option<Served>,
) -> Result<Report, Problems> {
    // A build killed half-way is cleaned up first, its previous output put back if it was
    // between the two renames of a swap: whatever this build does, that output is there.
    if options.out.is_dir() {
        output::remove_leftovers(&options.out).map_err(|e| {
            Problems(vec![Problem::new(
                &options.out,
                None,
                format!("cannot clean up a build killed half-way: {e}"),
            )])
        })?;
    }
    let Site {
        config,
        posts,
        pages,
        drafts_left_out,
        empty_files,
        mut warnings,
    } = read(options, cache)?;
    let hexo = config.post_names.is_hexo();
    let mut unknown_tags = std::collections::BTreeMap::new();
    for name in posts.iter().flat_map(|post| &post.unknown_tags) {
        *unknown_tags.entry(name.clone()).or_insert(0) += 1;
    }
    let count = posts.len();
    // Posts move into the bundle; their asset folders are copied after it is written.
    let asset_sources: Vec<(PathBuf, String)> = posts
        .iter()
        .map(|post| (post.source.clone(), post.summary.path.clone()))
        .collect();
    let mut redirects: Vec<(String, String)> = posts
        .iter()
        .flat_map(|post| {
            let new = &post.summary.path;
            post.aliases
                .iter()
                .map(move |(old, _)| (old.clone(), new.clone()))
        })
        .collect();
    if let Some(urls) = &config.hexo_terms {
        let taken: std::collections::HashSet<String> = posts
            .iter()
            .map(|post| post.summary.path.to_lowercase())
            .chain(redirects.iter().map(|(old, _)| old.to_lowercase()))
            .collect();
        redirects.extend(redirects::hexo_terms(&posts, urls, &taken));
    }
    let base_url = config.info.base_url.clone();
    let mut posts = posts;
    if let Some(ads) = &config.integrations.ads {
        if let (Some(slot), Some(settings)) = (ads.in_article_html(), &ads.in_article) {
            posts.par_iter_mut().for_each(|post| {
                if let Some(placed) =
                    ad_slots::place(&post.body_html, &slot, settings.after_paragraph as usize)
                {
                    post.body_html = placed;
                }
            });
        }
    }
    // Hexo's `layout: false` pages are written as they are, among the static files.
    let (bare_pages, mut pages): (Vec<Post>, Vec<Post>) =
        pages.into_iter().partition(pages::is_bare);
    // The site's images as pages show them: sized, photos offered as smaller copies.
    let site_files = images::SiteFiles::new(
        &options.root,
        posts
            .iter()
            .chain(&pages)
            .map(|post| (post.source.as_path(), post.summary.path.as_str())),
    );
    let image_cache = options.out.join(IMAGE_CACHE_DIR);
    let photos = present_images(
        &options.root,
        &site_files,
        &mut posts,
        &mut pages,
        &image_cache,
    );
    warnings.extend(photos.warnings.iter().cloned());
    let comments = config.integrations.comments.is_some();
    let mut bundle = assemble::assemble(config.info, posts, pages, comments);
    bundle.feed_copies = config.feed_copies;
    bundle.integrations = config.integrations;
    // A failure to write names the folder being written and what was being done.
    let cannot = |folder: &str, what: &'static str| {
        let target = options.out.join(folder);
        move |e: std::io::Error| Problems(vec![Problem::new(&target, None, format!("{what}: {e}"))])
    };
    // Everything is made in staging folders first and swapped in last: a build that fails
    // leaves the previous output as it was, `static/` included.
    let static_dir = static_files::STATIC_DIR;
    // (A killed build's leftovers were cleaned up first thing.)
    std::fs::create_dir_all(&options.out).map_err(cannot(
        quire_model::files::BUNDLE_DIR,
        "cannot prepare the output",
    ))?;
    let staged_static = static_files::staging_dir(&options.out);
    let assets = asset_sources
        .iter()
        .map(|(source, path)| (source.as_path(), path.as_str()));
    let staged = static_files::copy(&options.root, &staged_static, &config.skip_render)
        .map_err(cannot(static_dir, "cannot copy source/ files"))
        .and_then(|copied| {
            for page in &bare_pages {
                let file = staged_static.join(pages::bare_file(&page.summary.path));
                if let Some(folder) = file.parent() {
                    std::fs::create_dir_all(folder)
                        .map_err(cannot(static_dir, "cannot write a `layout: false` page"))?;
                }
                std::fs::write(&file, &page.body_html)
                    .map_err(cannot(static_dir, "cannot write a `layout: false` page"))?;
            }
            let assets = static_files::copy_post_assets(&options.root, &staged_static, assets)
                .map_err(cannot(static_dir, "cannot copy a post's assets"))?;
            redirects::write(&staged_static, &bundle.site, &base_url, &redirects).map_err(
                cannot(static_dir, "cannot write the redirects of posts' aliases"),
            )?;
            photos
                .link_into(&image_cache, &staged_static)
                .map_err(cannot(static_dir, "cannot put the photos' copies in place"))?;
            Ok(copied.into_iter().chain(assets))
        });
    let written = staged.and_then(|staged| {
        warnings.extend(staged);
        match served {
            Some(Served { dir, files }) => output::write_in_place(dir, bundle, files),
            None => output::write(&options.out, bundle),
        }
        .map_err(cannot(
            quire_model::files::BUNDLE_DIR,
            "cannot write the bundle",
        ))
    });
    let written = match written {
        Ok(written) => written,
        Err(problems) => {
            let _ = std::fs::remove_dir_all(&staged_static);
            return Err(problems);
        }
    };
    static_files::swap_in(&options.out, &staged_static).map_err(cannot(
        static_dir,
        "cannot put the new static files in place",
    ))?;
    if let Some(cache) = cache {
        cache.prune();
    }
    photos.prune(&image_cache);
    let migration = hexo.then(|| migration::Migration {
        posts: count,
        drafts_left_out,
        empty_files,
        warnings: warnings.len(),
        unknown_tags,
        plugins_not_replaced: migration::plugins_not_replaced(&options.root),
    });
    Ok(Report {
        posts: count,
        drafts_left_out,
        warnings,
        index: written.index,
        bytes: written.bytes,
        photos_encoded: photos.encoded,
        migration,
    })
}

/// The folder under the output that keeps the photos' copies between builds (see
/// [`images::variants`]).
pub const IMAGE_CACHE_DIR: &str = "image-cache";

/// Every post's and page's images as pages show them ([`images::SiteFiles::present`]): the
/// photos they show, and their thumbnails, made smaller first (through `cache`, on every
/// core). The first large image of a post loads at once.
fn present_images(
    root: &Path,
    files: &images::SiteFiles,
    posts: &mut [Post],
    pages: &mut [Post],
    cache: &Path,
) -> images::Photos {
    use images::Shape;
    let wanted: std::collections::HashSet<(PathBuf, Shape)> = posts
        .par_iter()
        .chain(pages.par_iter())
        .flat_map_iter(|post| {
            let shown = [&post.body_html, &post.summary.excerpt_html]
                .into_iter()
                .flat_map(|html| files.photos_in(html))
                .map(|file| (file, Shape::Whole));
            let thumbnail = post
                .summary
                .thumbnail
                .as_deref()
                .and_then(|url| files.thumbnail_photo(url))
                .map(|file| (file, Shape::Card));
            shown.chain(thumbnail).collect::<Vec<_>>()
        })
        .collect();
    let photos = images::Photos::make(root, wanted, cache);
    posts
        .par_iter_mut()
        .chain(pages.par_iter_mut())
        .for_each(|post| {
            if let Cow::Owned(shown) = files.present(&post.body_html, &photos) {
                post.body_html = shown;
            }
            if let Cow::Owned(eager) = images::SiteFiles::first_image_eager(&post.body_html) {
                post.body_html = eager;
            }
            if let Cow::Owned(shown) = files.present(&post.summary.excerpt_html, &photos) {
                post.summary.excerpt_html = shown;
            }
            let card = post
                .summary
                .thumbnail
                .as_deref()
                .and_then(|url| files.thumbnail_photo(url))
                .and_then(|file| photos.get(&file, Shape::Card));
            if let Some(card) = card {
                post.summary.thumbnail_srcset = images::srcset(card);
            }
        });
    photos
}

/// A site's posts, read, rendered and checked against each other: what a build writes out.
pub struct Site {
    pub config: SiteConfig,
    /// In path order.
    pub posts: Vec<Post>,
    /// The site's pages (see [`pages`]).
    pub pages: Vec<Post>,
    pub drafts_left_out: usize,
    /// Empty post files, left out with a warning each.
    pub empty_files: usize,
    /// Warnings from the configuration and every post.
    pub warnings: Vec<Problem>,
}

/// Reads the site at `options.root` as [`build`] does, writing nothing: every problem found, or
/// the posts ready to write.
pub fn read_site(options: &Options) -> Result<Site, Problems> {
    read(options, None)
}

fn read(options: &Options, cache: Option<&cache::Cache>) -> Result<Site, Problems> {
    let (mut config, mut warnings) =
        SiteConfig::load_site(&options.root).map_err(|p| Problems(vec![p]))?;
    if let Some(base_url) = &options.base_url {
        config.info.base_url = base_url.trim_end_matches('/').to_owned();
    }
    let mut sources = find_posts(&options.root).map_err(|p| Problems(vec![p]))?;
    let drafts_dir = options.root.join(HEXO_DRAFTS_DIR);
    let mut drafts_left_out = 0;
    if options.drafts {
        if drafts_dir.is_dir() {
            sources.extend(markdown_files(&drafts_dir).map_err(|p| Problems(vec![p]))?);
        }
    } else if drafts_dir.is_dir() {
        drafts_left_out += markdown_files(&drafts_dir).map_or(0, |drafts| drafts.len());
    }

    let post_words = markdown::PostWords::of(&config.info.words);
    let reading = post::Reading {
        permalink: &config.permalink,
        names: &config.post_names,
        abbrlink: config.abbrlink,
        asset_folders: config.asset_folders,
        drafts: options.drafts,
        words: &post_words,
        page: None,
    };
    // Everything that shapes a rendered post (its words included) names its cache entry.
    let settings = format!("{reading:?}");
    let settings_hash = quire_model::files::content_hash(settings.as_bytes());
    let page_sources =
        pages::find(&options.root, &config.skip_render).map_err(|p| Problems(vec![p]))?;
    // Posts, then pages: each with the path it is a page at.
    let sources: Vec<(PathBuf, Option<String>)> = sources
        .into_iter()
        .map(|source| (source, None))
        .chain(
            page_sources
                .into_iter()
                .map(|page| (page.file, Some(page.path))),
        )
        .collect();
    let loaded: Vec<Result<Loaded, Vec<Problem>>> = sources
        .par_iter()
        .map(|(source, page)| {
            let reading = post::Reading {
                page: page.as_deref(),
                ..reading
            };
            let shown = source.strip_prefix(&options.root).unwrap_or(source);
            let metadata = std::fs::metadata(source);
            let modified = metadata
                .as_ref()
                .map_err(|e| e.kind())
                .and_then(|m| m.modified().map_err(|e| e.kind()))
                .map(DateTime::<Utc>::from);
            let modified = modified
                .unwrap_or_else(|_| Utc::now())
                .with_timezone(&config.timezone);
            // A file of the same size and time as at the last build is that file: a cache in
            // memory knows its entry without reading it.
            let stat = cache.map(|_| {
                let size = metadata.as_ref().map_or(0, |m| m.len());
                let page = page.as_deref().unwrap_or_default();
                format!("{size}\n{}\n{settings_hash}\n{page}", modified.to_rfc3339())
            });
            if let (Some(cache), Some(stat)) = (cache, &stat) {
                if let Some(post) = cache.get_unchanged(source, stat) {
                    return Ok(Loaded::Post(Box::new(post)));
                }
            }
            let bytes = std::fs::read(source)
                .map_err(|e| vec![Problem::new(shown, None, format!("cannot read: {e}"))])?;
            let key = cache.map(|_| {
                cache::Cache::key(&[
                    &bytes,
                    shown.as_os_str().as_encoded_bytes(),
                    modified.to_rfc3339().as_bytes(),
                    settings.as_bytes(),
                    page.as_deref().unwrap_or_default().as_bytes(),
                ])
            });
            if let (Some(cache), Some(key), Some(stat)) = (cache, &key, &stat) {
                cache.know(source, stat, key);
                if let Some(post) = cache.get(key) {
                    return Ok(Loaded::Post(Box::new(post)));
                }
            }
            let relative = [POSTS_DIR, HEXO_POSTS_DIR, HEXO_DRAFTS_DIR, pages::PAGES_DIR]
                .iter()
                .find_map(|dir| shown.strip_prefix(dir).ok())
                .unwrap_or(shown);
            let loaded = post::load(shown, relative, &bytes, modified, &reading);
            if let (Some(cache), Some(key), Ok(Loaded::Post(post))) = (cache, &key, &loaded) {
                cache.put(key, post);
            }
            loaded
        })
        .collect();

    let mut problems = Vec::new();
    let mut posts = Vec::new();
    let mut pages = Vec::new();
    let mut empty_files = 0;
    for result in loaded {
        match result {
            Ok(Loaded::Post(post)) if post.page => pages.push(*post),
            Ok(Loaded::Post(post)) => posts.push(*post),
            Ok(Loaded::Draft) => drafts_left_out += 1,
            Ok(Loaded::Empty(warning)) => {
                empty_files += 1;
                warnings.push(warning);
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    // Hexo's `future: false`: a post dated after the build is left out, as a draft is.
    if !config.future && !options.drafts {
        let now = Utc::now();
        let before = posts.len();
        posts.retain(|post| {
            DateTime::parse_from_rfc3339(post.summary.date.as_str()).is_ok_and(|date| date <= now)
        });
        drafts_left_out += before - posts.len();
    }
    let hexo = config.post_names.is_hexo();
    if hexo {
        order_tags_as_hexo(&mut posts);
        warnings.extend(move_hexos_hidden_posts(&mut posts));
    }
    // Hexo lets posts share a slug (`2011-02-28-diary.md` and `2011-04-16-diary.md`); their
    // URLs must still differ.
    let same_slugs = match hexo {
        true => Vec::new(),
        false => duplicates(
            &posts,
            "slug",
            |post| &post.summary.slug,
            false,
            "give one of them another file name or a `slug`",
        ),
    };
    // Posts with the same slug mostly share a URL too: one message for one clash.
    if same_slugs.is_empty() {
        problems.extend(duplicates(
            &posts,
            "URL",
            |post| &post.summary.path,
            true,
            "give one of them a `slug` or a `permalink`",
        ));
    }
    problems.extend(same_slugs);
    problems.extend(redirects::clashes(&posts));
    let (clashes, given_way) = pages::check(&mut pages, &posts);
    problems.extend(clashes);
    warnings.extend(given_way);
    let (missing, unresolved) = resolve_post_refs(&mut posts, &mut pages, hexo);
    problems.extend(missing);
    warnings.extend(unresolved);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    warnings.extend(
        posts
            .iter_mut()
            .chain(pages.iter_mut())
            .flat_map(|post| post.warnings.drain(..)),
    );
    Ok(Site {
        config,
        posts,
        pages,
        drafts_left_out,
        empty_files,
        warnings,
    })
}

/// Every `.md` and `.markdown` file under `content/posts` and a Hexo `source/_posts`, in a
/// stable order.
fn find_posts(root: &Path) -> Result<Vec<PathBuf>, Problem> {
    let dirs: Vec<PathBuf> = [POSTS_DIR, HEXO_POSTS_DIR]
        .iter()
        .map(|dir| root.join(dir))
        .filter(|dir| dir.is_dir())
        .collect();
    if dirs.is_empty() {
        return Err(Problem::new(
            &root.join(POSTS_DIR),
            None,
            format!(
                "no such folder: posts are read from here (or from a Hexo site's {HEXO_POSTS_DIR})"
            ),
        ));
    }
    let mut found = Vec::new();
    for dir in dirs {
        found.extend(markdown_files(&dir)?);
    }
    Ok(found)
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry =
            entry.map_err(|e| Problem::new(dir, None, format!("cannot list posts: {e}")))?;
        let is_post = entry
            .path()
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "markdown");
        if entry.file_type().is_file() && is_post {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

/// Puts the URL and title of the posts that `post_link` and `post_path` tags name into each
/// post's HTML; a tag naming no post is a problem at its line.
fn resolve_post_refs(
    posts: &mut [Post],
    pages: &mut [Post],
    hexo: bool,
) -> (Vec<Problem>, Vec<Problem>) {
    if posts
        .iter()
        .chain(pages.iter())
        .all(|post| post.post_refs.is_empty())
    {
        return (Vec::new(), Vec::new());
    }
    // As Hexo looks: the first post (in path order) with the slug, else with the title.
    let mut targets: HashMap<&str, (String, String)> = HashMap::new();
    let mut by_title: HashMap<&str, (String, String)> = HashMap::new();
    for post in posts.iter() {
        let summary = &post.summary;
        let target = (summary.path.clone(), summary.title.clone());
        targets
            .entry(summary.slug.as_str())
            .or_insert_with(|| target.clone());
        by_title.entry(summary.title.as_str()).or_insert(target);
    }
    let targets: HashMap<String, (String, String)> = targets
        .into_iter()
        .map(|(slug, target)| (slug.to_owned(), target))
        .collect();
    let by_title: HashMap<String, (String, String)> = by_title
        .into_iter()
        .map(|(title, target)| (title.to_owned(), target))
        .collect();
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    let referring = posts.iter_mut().chain(pages.iter_mut());
    for post in referring.filter(|post| !post.post_refs.is_empty()) {
        for post_ref in &post.post_refs {
            let slug = &post_ref.slug;
            if targets.contains_key(slug) || by_title.contains_key(slug) {
                continue;
            }
            // Hexo writes an empty path for a `post_path` to no post, and fails on a `post_link`.
            let (found, message) = if hexo && post_ref.path_only {
                (&mut warnings, format!("`post_path` names `{slug}`, but no post has that slug or title: its path is left empty, as Hexo leaves it"))
            } else {
                (
                    &mut problems,
                    format!("`post_link`/`post_path` names `{slug}`, but no post has that slug"),
                )
            };
            found.push(Problem::new(&post.source, Some(post_ref.line), message));
        }
        let find = |slug: &str| {
            targets
                .get(slug)
                .or_else(|| by_title.get(slug))
                .map(|(path, title)| (path.as_str(), title.as_str()))
        };
        post.body_html = tag_plugins::resolve_post_refs(&post.body_html, find);
        post.summary.excerpt_html =
            tag_plugins::resolve_post_refs(&post.summary.excerpt_html, find);
    }
    (problems, warnings)
}

/// Hexo lists a post's tags in the order the site first used each: the order its tags were
/// created in, as it read the posts in path order. (Measured on a real blog: 246 posts of 246
/// agree, where the front matter's order gives 50.)
fn order_tags_as_hexo(posts: &mut [Post]) {
    let mut first_use: HashMap<String, usize> = HashMap::new();
    for post in posts.iter() {
        for tag in &post.summary.tags {
            let next = first_use.len();
            first_use.entry(tag.name.clone()).or_insert(next);
        }
    }
    for post in posts {
        post.summary.tags.sort_by_key(|tag| first_use[&tag.name]);
    }
}

/// Hexo writes two posts with one URL one over the other, and only the oldest stays there
/// (its generator writes posts newest first). A moved blog keeps that post at the URL, and
/// each other one moves beside it, named by its slug (`/2015/11/23/1/` and
/// `/2015/11/23/Beautiful-Soup/`), with a warning: nothing is lost, and no URL that worked
/// changes.
fn move_hexos_hidden_posts(posts: &mut [Post]) -> Vec<Problem> {
    let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        by_path
            .entry(post.summary.path.to_lowercase())
            .or_default()
            .push(i);
    }
    let mut taken: std::collections::HashSet<String> = by_path.keys().cloned().collect();
    let mut clashes: Vec<Vec<usize>> = by_path.into_values().filter(|at| at.len() > 1).collect();
    clashes.sort();
    let mut warnings = Vec::new();
    for mut clash in clashes {
        let instant = |i: usize| DateTime::parse_from_rfc3339(posts[i].summary.date.as_str()).ok();
        clash.sort_by_key(|&i| instant(i));
        let kept = posts[clash[0]].source.clone();
        for &i in &clash[1..] {
            let post = &mut posts[i];
            let old = post.summary.path.clone();
            let folder = old
                .trim_end_matches('/')
                .rsplit_once('/')
                .map_or("", |(folder, _)| folder);
            let slug = post.summary.slug.replace('/', "-");
            let mut path = format!("{folder}/{slug}/");
            let mut n = 2;
            while taken.contains(&path.to_lowercase()) || permalink::check(&path).is_err() {
                path = format!("{folder}/{slug}-{n}/");
                n += 1;
            }
            taken.insert(path.to_lowercase());
            warnings.push(Problem::new(
                &post.source,
                None,
                format!(
                    "the URL `{old}` is also {}'s, which Hexo published there (the older post): this post is at `{path}` instead",
                    kept.display()
                ),
            ));
            post.summary.path = path;
        }
    }
    warnings
}

/// A problem for every post whose `key` (its slug or its URL) an earlier post (in path order)
/// already has. With `case_blind`, keys are told apart as macOS and Windows tell file names
/// apart: not by case.
fn duplicates<'a>(
    posts: &'a [Post],
    what: &str,
    key: impl Fn(&'a Post) -> &'a str,
    case_blind: bool,
    advice: &str,
) -> Vec<Problem> {
    let fold = |value: &str| match case_blind {
        true => value.to_lowercase(),
        false => value.to_owned(),
    };
    let mut first_with: HashMap<String, (&str, &Path)> = HashMap::new();
    let mut problems = Vec::new();
    for post in posts {
        let value = key(post);
        match first_with.get(&fold(value)) {
            Some((first_value, first)) => {
                let first = first.display();
                let clash = if first_value == &value {
                    format!("the {what} `{value}` is also used by {first}")
                } else {
                    format!("the {what} `{value}` differs from `{first_value}` of {first} only in case, and is the same file on macOS and Windows")
                };
                problems.push(Problem::new(
                    &post.source,
                    Some(1),
                    format!("{clash}: {advice}"),
                ));
            }
            None => {
                first_with.insert(fold(value), (value, &post.source));
            }
        }
    }
    problems
}

/// A site folder made of files, and the options that build it, for the modules' tests.
#[cfg(test)]
pub(crate) mod test_site {
    use std::path::Path;

    use crate::Options;

    /// A temporary site folder holding `files` (path under it, text).
    pub(crate) fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    /// The options that build the site at `root` into `root/out`, nothing else asked for.
    pub(crate) fn options(root: &Path) -> Options {
        Options {
            root: root.to_owned(),
            out: root.join("out"),
            drafts: false,
            cache: false,
            base_url: None,
        }
    }
}
