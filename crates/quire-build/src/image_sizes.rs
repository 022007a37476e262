//! Width and height on every image of the site's own, read from the file at build time, so
//! the browser reserves its box before it loads and nothing below it moves (the theme scales
//! images with `height: auto`, which keeps the ratio of those two attributes).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::static_files::HEXO_SOURCE_DIR;
use crate::tag_plugins::asset_folder_url;
use quire_model::routes::percent_decode;

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

    /// `html` (sanitised, so attributes are double-quoted) with `width` and `height` on each
    /// `<img>` that has neither and shows a file of the site; `page` is the page's path, for
    /// relative URLs. `html` itself when no image gets a size (most posts: no copy).
    pub fn size_images<'h>(&self, html: &'h str, page: &str) -> Cow<'h, str> {
        if self.roots.is_empty() && self.asset_folders.is_empty() {
            return Cow::Borrowed(html);
        }
        // Where each sized `<img` tag's name ends, and its size.
        let mut sizes = Vec::new();
        let mut from = 0;
        while let Some(at) = html[from..].find("<img ").map(|i| from + i) {
            let tag_end = html[at..].find('>').map_or(html.len(), |end| at + end);
            let tag = &html[at..tag_end];
            let size = (!tag.contains(" width=") && !tag.contains(" height="))
                .then(|| attribute(tag, "src"))
                .flatten()
                .and_then(|src| self.file_of(src, page))
                .and_then(|file| dimensions(&file));
            from = at + "<img".len();
            sizes.extend(size.map(|size| (from, size)));
        }
        if sizes.is_empty() {
            return Cow::Borrowed(html);
        }
        let mut out = String::with_capacity(html.len() + 32 * sizes.len());
        let mut copied = 0;
        for (at, (width, height)) in sizes {
            out.push_str(&html[copied..at]);
            let _ = write!(out, " width=\"{width}\" height=\"{height}\"");
            copied = at;
        }
        out.push_str(&html[copied..]);
        Cow::Owned(out)
    }

    /// `html`, a post's body (sanitised and sized), with its first image that is not small
    /// loaded at once and first (`fetchpriority="high"`, no `loading="lazy"`): at the top of a
    /// post it is usually the largest thing on screen (the page's LCP), which a lazy image
    /// delays. Images under 200 px wide (a badge, an icon) are passed over; the rest stay lazy.
    pub fn first_image_eager(html: &str) -> Cow<'_, str> {
        let mut from = 0;
        while let Some(at) = html[from..].find("<img ").map(|i| from + i) {
            let tag_end = html[at..].find('>').map_or(html.len(), |end| at + end);
            let tag = &html[at..tag_end];
            from = tag_end;
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

    /// The file that the URL `src` on page `page` shows, if it is one of the site's own.
    fn file_of(&self, src: &str, page: &str) -> Option<PathBuf> {
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
            return None;
        }
        let path = src.split(['?', '#']).next()?;
        let absolute = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("{}{path}", asset_folder_url(page))
        };
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
    Some((size.width as u64, size.height as u64))
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

#[cfg(test)]
mod tests {

    #[test]
    fn the_first_image_not_small_loads_at_once_and_first() {
        let html = concat!(
            r#"<p><img src="badge.svg" alt="" loading="lazy" width="80" height="20"></p>"#,
            r#"<p><img src="hero.png" alt="Hero" loading="lazy" decoding="async" width="1200" height="600"></p>"#,
            r#"<p><img src="next.png" alt="Next" loading="lazy"></p>"#,
        );
        let eager = SiteFiles::first_image_eager(html);
        assert_eq!(eager.matches("loading=\"lazy\"").count(), 2, "{eager}");
        assert!(
            eager.contains(
                r#"<img src="hero.png" alt="Hero" fetchpriority="high" decoding="async""#
            ),
            "{eager}"
        );
        assert!(
            eager.contains(r#"<img src="next.png" alt="Next" loading="lazy">"#),
            "{eager}"
        );
        let none = "<p>No images.</p>";
        assert!(matches!(
            SiteFiles::first_image_eager(none),
            Cow::Borrowed(_)
        ));
    }

    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        // The 24 bytes a PNG's size is read from: signature, IHDR length and type, size.
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 6, 0, 0, 0]);
        bytes
    }

    #[test]
    fn images_of_the_site_get_their_size_others_stay_as_they_are() {
        let root = tempfile::tempdir().unwrap();
        let public = root.path().join("public/images");
        fs::create_dir_all(&public).unwrap();
        fs::write(public.join("wide.png"), png(1600, 900)).unwrap();
        fs::write(
            public.join("logo.svg"),
            r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><path/></svg>"#,
        )
        .unwrap();
        let assets = root.path().join("content/posts/hello");
        fs::create_dir_all(&assets).unwrap();
        fs::write(assets.join("photo one.png"), png(30, 20)).unwrap();
        let source = Path::new("content/posts/hello.md");
        let files = SiteFiles::new(root.path(), [(source, "/posts/hello/")].into_iter());

        let html = r#"<p><img src="/images/wide.png" alt="a"> <img src="/images/logo.svg" alt="b"> <img src="photo%20one.png" alt="c"> <img src="https://x.org/a.png" alt="d"> <img src="/images/missing.png" alt="e"> <img src="/images/wide.png" width="10" alt="f"></p>"#;
        let sized = files.size_images(html, "/posts/hello/");
        assert_eq!(
            sized,
            r#"<p><img width="1600" height="900" src="/images/wide.png" alt="a"> <img width="120" height="40" src="/images/logo.svg" alt="b"> <img width="30" height="20" src="photo%20one.png" alt="c"> <img src="https://x.org/a.png" alt="d"> <img src="/images/missing.png" alt="e"> <img src="/images/wide.png" width="10" alt="f"></p>"#
        );
        assert_eq!(
            files.size_images(r#"<img src="/../secret.png">"#, "/"),
            r#"<img src="/../secret.png">"#
        );
    }

    #[test]
    fn svg_sizes_come_from_width_and_height_or_the_view_box() {
        assert_eq!(
            svg_dimensions(r#"<svg width="64px" height='32'>"#),
            Some((64, 32))
        );
        assert_eq!(
            svg_dimensions(r#"<svg viewBox="0,0,800,450">"#),
            Some((800, 450))
        );
        assert_eq!(svg_dimensions(r#"<svg width="100%">"#), None);
    }
}
