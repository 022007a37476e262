//! The site's own images as pages show them. Each `<img>` of a file of the site gets its
//! width and height, read from the file, so the browser reserves its box before it loads and
//! nothing below it moves (the theme scales images with `height: auto`, which keeps the ratio
//! of those two attributes). A photo (JPEG, PNG) is also offered as smaller WebP copies
//! ([`variants`]) in a `<picture>`, the original kept as the fallback, with a tiny blurred
//! placeholder drawn in its box until it arrives; a post's thumbnail gets copies cropped to
//! its card's shape. The first large image of a post loads at once and first.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::problem::Problem;
use crate::static_files::HEXO_SOURCE_DIR;
use crate::tag_plugins::asset_folder_url;
use quire_model::files::IMAGES_DIR;
use quire_model::routes::percent_decode;

#[cfg(test)]
mod tests;
pub mod variants;

pub use variants::{Shape, Variants};

/// Where the site's files are, by URL.
pub struct SiteFiles {
    /// Folders served at the site's root: `public/`, a Hexo site's `source/`.
    roots: Vec<PathBuf>,
    /// Each post's asset folder, by the URL it is served at (`/posts/hello/`).
    asset_folders: HashMap<String, PathBuf>,
}

impl SiteFiles {
    /// The files of the site in `root`; `posts` are each post's source file (relative to
    /// `root`) and page path.
    pub fn new<'a>(root: &Path, posts: impl Iterator<Item = (&'a Path, &'a str)>) -> Self {
        Self {
            roots: ["public", HEXO_SOURCE_DIR]
                .iter()
                .map(|dir| root.join(dir))
                .filter(|dir| dir.is_dir())
                .collect(),
            // A stat a post: on both cores.
            asset_folders: posts
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|(source, page)| {
                    (asset_folder_url(page), root.join(source).with_extension(""))
                })
                .filter(|(_, folder)| folder.is_dir())
                .collect(),
        }
    }

    /// The photos `html` (sanitised, so attributes are double-quoted) shows: files of the
    /// site that [`variants`] can make smaller.
    pub fn photos_in(&self, html: &str) -> Vec<PathBuf> {
        if self.roots.is_empty() && self.asset_folders.is_empty() {
            return Vec::new();
        }
        img_tags(html)
            .filter_map(|(_, tag)| attribute(tag, "src"))
            .filter_map(|src| self.file_of(src))
            .filter(|file| is_photo(file))
            .collect()
    }

    /// The photo a post's thumbnail (a URL as the bundle holds it) shows, if any.
    pub fn thumbnail_photo(&self, url: &str) -> Option<PathBuf> {
        self.file_of(url).filter(|file| is_photo(file))
    }

    /// `html` (sanitised) with each `<img>` that shows a file of the site and has no size
    /// given its width and height, and each photo of `photos` offered as its smaller copies
    /// (see the module's comment). `html` itself when nothing changes (most posts: no copy).
    pub fn present<'h>(&self, html: &'h str, photos: &Photos) -> Cow<'h, str> {
        if self.roots.is_empty() && self.asset_folders.is_empty() {
            return Cow::Borrowed(html);
        }
        let mut out = String::new();
        let mut copied = 0;
        for (at, tag) in img_tags(html) {
            let Some(file) = attribute(tag, "src").and_then(|src| self.file_of(src)) else {
                continue;
            };
            let sized = tag.contains(" width=") || tag.contains(" height=");
            let tag_end = at + tag.len() + 1;
            if let Some(photo) = photos.get(&file, Shape::Whole) {
                out.push_str(&html[copied..at]);
                picture(&mut out, tag, sized, photo);
                copied = tag_end.min(html.len());
            } else if let Some((width, height)) = (!sized).then(|| dimensions(&file)).flatten() {
                let name_end = at + "<img".len();
                out.push_str(&html[copied..name_end]);
                let _ = write!(out, " width=\"{width}\" height=\"{height}\"");
                copied = name_end;
            }
        }
        if copied == 0 {
            return Cow::Borrowed(html);
        }
        out.push_str(&html[copied..]);
        Cow::Owned(out)
    }

    /// `html`, a post's body (sanitised and sized), with its first image that is not small
    /// loaded at once and first (`fetchpriority="high"`, no `loading="lazy"`): at the top of a
    /// post it is usually the largest thing on screen (the page's LCP), which a lazy image
    /// delays. Images under 200 px wide (a badge, an icon) are passed over; the rest stay lazy.
    /// Only an image at the top is: in the body's first [`TOP_OF_POST`] bytes. Further down
    /// it is off the first screen, and loading it first would only slow what is on it.
    pub fn first_image_eager(html: &str) -> Cow<'_, str> {
        for (at, tag) in img_tags(html) {
            if at >= TOP_OF_POST {
                break;
            }
            let small = attribute(tag, "width")
                .and_then(|width| width.parse::<u32>().ok())
                .is_some_and(|width| width < 200);
            if small {
                continue;
            }
            let Some(lazy) = tag.find(" loading=\"lazy\"") else {
                return Cow::Borrowed(html);
            };
            let lazy = at + lazy;
            let mut out = String::with_capacity(html.len() + 8);
            out.push_str(&html[..lazy]);
            out.push_str(" fetchpriority=\"high\"");
            out.push_str(&html[lazy + " loading=\"lazy\"".len()..]);
            return Cow::Owned(out);
        }
        Cow::Borrowed(html)
    }

    /// The file that the URL `src` (relative to the site's base, as the sanitiser leaves
    /// every URL of the site, or from its root) shows, if it is one of the site's own.
    fn file_of(&self, src: &str) -> Option<PathBuf> {
        if src.contains("://") || src.starts_with("//") || src.contains(':') {
            return None;
        }
        let path = src.split(['?', '#']).next()?;
        let absolute = format!("/{}", path.trim_start_matches("./").trim_start_matches('/'));
        let decoded = percent_decode(&absolute, false);
        if decoded.split('/').any(|part| part == "..") {
            return None;
        }
        let in_assets = self.asset_folders.iter().find_map(|(url, folder)| {
            decoded
                .strip_prefix(url.as_str())
                .map(|rest| folder.join(rest))
        });
        in_assets
            .into_iter()
            .chain(
                self.roots
                    .iter()
                    .map(|root| root.join(decoded.trim_start_matches('/'))),
            )
            .find(|file| file.is_file())
    }
}

/// How far into a post's HTML an image still counts as at its top (see
/// [`SiteFiles::first_image_eager`]): a title's worth and a paragraph or two.
const TOP_OF_POST: usize = 1_500;

/// Each `<img` tag of `html`: where it begins, and its text up to (not with) its `>`.
fn img_tags(html: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + html[from..].find("<img ")?;
        let end = html[at..].find('>').map_or(html.len(), |end| at + end);
        from = end;
        Some((at, &html[at..end]))
    })
}

/// Smaller than this, a file is left as it is: its copies could save a few KB at most, less
/// than the `srcset` and placeholder they add to the page (icons, badges, a blog's stubs).
const MIN_PHOTO_BYTES: u64 = 16 * 1024;

/// Whether `file` is a photo [`variants`] makes smaller: JPEG and PNG, from 16 KiB. (GIF may
/// move, SVG is drawn at any size, WebP and AVIF are small already.)
fn is_photo(file: &Path) -> bool {
    let photo_format = file
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            ["jpg", "jpeg", "png"]
                .iter()
                .any(|photo| ext.eq_ignore_ascii_case(photo))
        });
    photo_format && fs::metadata(file).is_ok_and(|meta| meta.len() >= MIN_PHOTO_BYTES)
}

/// How wide an image of the text column is drawn, for `sizes`: the column (the theme's
/// `--measure`, 44rem), or the whole screen when that is narrower; a photo narrower than
/// the column is drawn at its own width.
fn sizes(width: u32) -> String {
    const COLUMN_PX: u32 = 704;
    match width < COLUMN_PX {
        true => format!("min(100vw, {width}px)"),
        false => "(max-width: 44rem) 100vw, 44rem".to_owned(),
    }
}

/// `srcset`'s value for copies: `_images/<name> <width>w, …` (relative to the base, as every
/// URL of the site in a page is).
pub fn srcset(photo: &Variants) -> String {
    photo
        .files
        .iter()
        .map(|(width, name)| format!("{IMAGES_DIR}/{name} {width}w"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `<picture>`: the copies as a WebP `<source>`, then the `<img>` tag (`tag`, without its
/// `>`) with the photo's size if it had none, and its placeholder behind it if it is opaque
/// (through a transparent photo it would show). A photo with no copy smaller than itself
/// only gets its size.
fn picture(out: &mut String, tag: &str, sized: bool, photo: &Variants) {
    let copies = !photo.files.is_empty();
    if copies {
        let _ = write!(
            out,
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
            srcset(photo),
            sizes(photo.width)
        );
    }
    out.push_str(tag);
    if !sized {
        let _ = write!(
            out,
            " width=\"{}\" height=\"{}\"",
            photo.width, photo.height
        );
    }
    if copies && photo.opaque {
        out.push_str(" style=\"background:center/cover no-repeat url(&quot;");
        out.push_str(&blurred(photo));
        out.push_str("&quot;)\"");
    }
    out.push('>');
    if copies {
        out.push_str("</picture>");
    }
}

/// The placeholder drawn blurred, as a `data:` URL of an SVG: scaled up as it is, a 16-pixel
/// image shows its pixels; a Gaussian blur (its edges kept opaque) makes it a soft preview.
fn blurred(photo: &Variants) -> String {
    let (width, height) = variants::placeholder_size(photo.width, photo.height);
    format!(
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' preserveAspectRatio='none'%3E\
         %3Cfilter id='b' color-interpolation-filters='sRGB'%3E%3CfeGaussianBlur stdDeviation='.8'/%3E\
         %3CfeComponentTransfer%3E%3CfeFuncA type='discrete' tableValues='1 1'/%3E%3C/feComponentTransfer%3E%3C/filter%3E\
         %3Cimage href='{}' width='{width}' height='{height}' preserveAspectRatio='none' filter='url(%23b)'/%3E%3C/svg%3E",
        photo.placeholder
    )
}

/// The site's photos made smaller for one build: each file's copies by shape.
#[derive(Default)]
pub struct Photos {
    made: HashMap<(PathBuf, Shape), Variants>,
    /// The cache key of each, to keep when pruning.
    keys: HashSet<String>,
    /// How many were made now (the rest were in the cache).
    pub encoded: usize,
    /// A photo that cannot be made smaller: it is shown as it is.
    pub warnings: Vec<Problem>,
}

impl Photos {
    /// `wanted` made smaller, on every core, through the cache folder `cache`; `root` is the
    /// site's, to name files in warnings.
    pub fn make(root: &Path, wanted: HashSet<(PathBuf, Shape)>, cache: &Path) -> Self {
        let results: Vec<_> = wanted
            .into_par_iter()
            .map(|(file, shape)| {
                let (key, made) = variants::variants(&file, shape, cache);
                (file, shape, key, made)
            })
            .collect();
        let mut photos = Photos::default();
        for (file, shape, key, made) in results {
            match made {
                Ok((variants, encoded)) => {
                    photos.encoded += usize::from(encoded);
                    photos.keys.insert(key);
                    photos.made.insert((file, shape), variants);
                }
                Err(why) => photos.warnings.push(Problem::new(
                    file.strip_prefix(root).unwrap_or(&file),
                    None,
                    format!("a photo that cannot be made smaller ({why}): served as it is"),
                )),
            }
        }
        photos
    }

    pub fn get(&self, file: &Path, shape: Shape) -> Option<&Variants> {
        self.made.get(&(file.to_path_buf(), shape))
    }

    /// Puts every copy this build uses into `static_dir`'s `_images/` (hard links to the
    /// cache's files where the file system allows, else copies).
    pub fn link_into(&self, cache: &Path, static_dir: &Path) -> io::Result<()> {
        let names: HashSet<&str> = self
            .made
            .values()
            .flat_map(|photo| photo.files.iter().map(|(_, name)| name.as_str()))
            .collect();
        if names.is_empty() {
            return Ok(());
        }
        let target = static_dir.join(IMAGES_DIR);
        fs::create_dir_all(&target)?;
        for name in names {
            let (from, to) = (cache.join(name), target.join(name));
            if fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to)?;
            }
        }
        Ok(())
    }

    /// Removes from `cache` what this build did not use.
    pub fn prune(&self, cache: &Path) {
        variants::prune(cache, &self.keys.iter().map(String::as_str).collect());
    }
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// An image file's width and height in pixels (an SVG's from its `width`/`height` or its
/// `viewBox`), read from its header.
fn dimensions(file: &Path) -> Option<(u64, u64)> {
    if file
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("svg"))
    {
        return svg_dimensions(&fs::read_to_string(file).ok()?);
    }
    let size = imagesize::size(file).ok()?;
    // A header that claims more is not an image's (no format a browser draws goes there).
    let plausible = |side: usize| (1..=100_000).contains(&side);
    (plausible(size.width) && plausible(size.height))
        .then_some((size.width as u64, size.height as u64))
}

fn svg_dimensions(svg: &str) -> Option<(u64, u64)> {
    let open = &svg[svg.find("<svg")?..];
    let tag = &open[..open.find('>')?];
    let number = |name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let value = &tag[at + 1..];
        let value = &value[..value.find(quote)?];
        value.trim_end_matches("px").parse().ok()
    };
    let (width, height) = match (number("width"), number("height")) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let at = tag.find("viewBox=")? + 9;
            let value = &tag[at..];
            let value = &value[..value.find(['"', '\''])?];
            let parts: Vec<f64> = value
                .split([' ', ','])
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            (*parts.get(2)?, *parts.get(3)?)
        }
    };
    (width > 0.0 && height > 0.0).then(|| (width.round() as u64, height.round() as u64))
}
