//! One photo of the site's own → smaller copies of it in WebP at a few widths, and a tiny
//! blurred placeholder, kept in a cache folder under a hash of the file's bytes and of how
//! they are made: a build with no new photo decodes and encodes nothing.
//!
//! The cache folder holds, for each key, `<key>.txt` (the photo's size, whether it is opaque,
//! its placeholder, the copies' widths) and the copies, `<key>-<width>.webp`; the site serves
//! the copies under the same names (in [`IMAGES_DIR`](quire_model::files::IMAGES_DIR)), so a
//! copy's name changes whenever its bytes can.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use fast_image_resize as resize;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The widths copies are made at, narrowest first: a phone's screen, the text column at 1×
/// and at 2×, and a large one for the photo opened large. A photo narrower than one of them
/// gets a copy at its own width instead of the wider ones.
pub const WIDTHS: [u32; 4] = [400, 800, 1200, 1600];

/// Lossy WebP's quality: where photos stop showing a difference at a glance, and screenshots'
/// text stays sharp.
const QUALITY: f32 = 80.0;

/// The placeholder's width in pixels: a few hundred bytes in the page, blurred when drawn.
const PLACEHOLDER_WIDTH: u32 = 16;

/// Part of every key: a change to how copies are made (widths, quality, crop, encoder) makes
/// new keys, so no copy made the old way is taken for a new one.
const RECIPE: &str = "webp q80 lanczos3 400,800,1200,1600 placeholder16 libwebp v1";

/// Larger than this is not decoded (a decompression bomb is a few KB of PNG that asks for
/// gigabytes): 100 megapixels, the size of a medium-format camera's photo.
const MAX_PIXELS: u64 = 100_000_000;

/// What a copy is cut to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Shape {
    /// The whole photo, as the post shows it.
    Whole,
    /// The middle of it at 16:9, a list's card (the theme's `.post-card-thumbnail`).
    Card,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Whole => "whole",
            Shape::Card => "card 16:9",
        }
    }
}

/// The copies of one photo in one shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Variants {
    /// The photo's size as shown (its EXIF orientation applied; the crop's for a card).
    pub width: u32,
    pub height: u32,
    /// No pixel is transparent: a placeholder behind it never shows through.
    pub opaque: bool,
    /// The tiny WebP, as a `data:` URL.
    pub placeholder: String,
    /// Each copy's width and file name (in the cache folder and in the site's `_images/`),
    /// narrowest first; only copies smaller in bytes than the file itself.
    pub files: Vec<(u32, String)>,
}

/// The file's copies in `shape` and its cache key, from `cache` if made before, else made now and put there;
/// and whether they were made now. An error says why the file cannot be made smaller (it
/// does not decode, is too large, …).
pub fn variants(
    file: &Path,
    shape: Shape,
    cache: &Path,
) -> (String, Result<(Variants, bool), String>) {
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return (String::new(), Err(format!("cannot read it: {e}"))),
    };
    let key = key(&bytes, shape);
    if let Some(known) = read_entry(cache, &key) {
        return (key, Ok((known, false)));
    }
    // A decoder that panics on a hostile file must not take the build down with it.
    let made = std::panic::catch_unwind(|| make(&bytes, shape, cache, &key))
        .map_err(|_| "its decoder failed".to_owned())
        .and_then(|made| made)
        .map(|made| (made, true));
    (key, made)
}

/// The cache key of `bytes` made into `shape`: 16 hexadecimal digits of a SHA-1.
fn key(bytes: &[u8], shape: Shape) -> String {
    let mut hash = sha1_smol::Sha1::new();
    hash.update(RECIPE.as_bytes());
    hash.update(shape.name().as_bytes());
    hash.update(bytes);
    hash.digest().to_string()[..16].to_owned()
}

fn make(bytes: &[u8], shape: Shape, cache: &Path, key: &str) -> Result<Variants, String> {
    let photo = decode(bytes)?;
    let opaque =
        !photo.color().has_alpha() || photo.to_rgba8().pixels().all(|pixel| pixel.0[3] == u8::MAX);
    let (pixels, pixel_type) = match opaque {
        true => (photo.to_rgb8().into_raw(), resize::PixelType::U8x3),
        false => (photo.to_rgba8().into_raw(), resize::PixelType::U8x4),
    };
    let source =
        resize::images::Image::from_vec_u8(photo.width(), photo.height(), pixels, pixel_type)
            .map_err(|e| e.to_string())?;
    let (width, height) = match shape {
        Shape::Whole => (photo.width(), photo.height()),
        Shape::Card => {
            let height = (u64::from(photo.width()) * 9 / 16).min(u64::from(photo.height()));
            let width = (height * 16 / 9).min(u64::from(photo.width()));
            (width.max(1) as u32, height.max(1) as u32)
        }
    };
    drop(photo);
    let mut resizer = resize::Resizer::new();
    let mut scaled = |to_width: u32| -> Result<(u32, u32, Vec<u8>), String> {
        let to_height = scaled_height(width, height, to_width);
        let mut target = resize::images::Image::new(to_width, to_height, pixel_type);
        // A card's crop is the middle of the photo at the target's ratio.
        let options = resize::ResizeOptions::new()
            .resize_alg(resize::ResizeAlg::Convolution(resize::FilterType::Lanczos3))
            .fit_into_destination(Some((0.5, 0.5)));
        resizer
            .resize(&source, &mut target, &options)
            .map_err(|e| e.to_string())?;
        Ok((to_width, to_height, target.into_vec()))
    };
    let encode = |(w, h, pixels): (u32, u32, Vec<u8>), quality: f32| -> Vec<u8> {
        let encoder = match opaque {
            true => webp::Encoder::from_rgb(&pixels, w, h),
            false => webp::Encoder::from_rgba(&pixels, w, h),
        };
        encoder.encode(quality).to_vec()
    };

    let widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < width)
        .chain((width <= WIDTHS[WIDTHS.len() - 1]).then_some(width))
        .collect();
    fs::create_dir_all(cache).map_err(|e| format!("cannot make {}: {e}", cache.display()))?;
    let mut files = Vec::new();
    for to_width in widths {
        let copy = encode(scaled(to_width)?, QUALITY);
        // A copy no smaller than the file itself (a small, flat PNG) is no gain.
        if copy.len() >= bytes.len() {
            continue;
        }
        let name = format!("{key}-{to_width}.webp");
        write_atomically(&cache.join(&name), &copy)?;
        files.push((to_width, name));
    }
    let tiny = encode(scaled(placeholder_size(width, height).0)?, 30.0);
    let variants = Variants {
        width,
        height,
        opaque,
        placeholder: format!(
            "data:image/webp;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(tiny)
        ),
        files,
    };
    write_atomically(&entry_path(cache, key), write_entry(&variants).as_bytes())?;
    Ok(variants)
}

/// The placeholder's size in pixels for a photo of `width` × `height`.
pub fn placeholder_size(width: u32, height: u32) -> (u32, u32) {
    let tiny = PLACEHOLDER_WIDTH.min(width);
    (tiny, scaled_height(width, height, tiny))
}

/// The height of a copy `to_width` wide, the photo's ratio kept.
fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    ((u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width)).max(1)
        as u32
}

/// The photo in `bytes`, its EXIF orientation applied (a phone's portrait photo is stored
/// sideways; browsers turn the original upright, so the copies must be too).
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    // The size its header claims, before any decoder is given it.
    if let Ok(size) = imagesize::blob_size(bytes) {
        too_large(size.width as u64, size.height as u64)?;
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    too_large(width.into(), height.into())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    photo.apply_orientation(orientation);
    Ok(photo)
}

fn too_large(width: u64, height: u64) -> Result<(), String> {
    match width * height > MAX_PIXELS {
        true => Err(format!(
            "{width}×{height} is more than {} megapixels",
            MAX_PIXELS / 1_000_000
        )),
        false => Ok(()),
    }
}

fn entry_path(cache: &Path, key: &str) -> PathBuf {
    cache.join(format!("{key}.txt"))
}

/// `width height opaque`, the placeholder, then `width name` a copy, a line each.
fn write_entry(variants: &Variants) -> String {
    let mut text = format!(
        "{} {} {}\n{}\n",
        variants.width, variants.height, variants.opaque, variants.placeholder
    );
    for (width, name) in &variants.files {
        text += &format!("{width} {name}\n");
    }
    text
}

/// The entry under `key`, if it is there whole (its copies too).
fn read_entry(cache: &Path, key: &str) -> Option<Variants> {
    let text = fs::read_to_string(entry_path(cache, key)).ok()?;
    let mut lines = text.lines();
    let mut size = lines.next()?.split(' ');
    let width = size.next()?.parse().ok()?;
    let height = size.next()?.parse().ok()?;
    let opaque = size.next()?.parse().ok()?;
    let placeholder = lines.next()?.to_owned();
    let files = lines
        .map(|line| {
            let (width, name) = line.split_once(' ')?;
            cache
                .join(name)
                .is_file()
                .then(|| Some((width.parse().ok()?, name.to_owned())))?
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Variants {
        width,
        height,
        opaque,
        placeholder,
        files,
    })
}

/// Removes from `cache` every entry and copy whose key is not in `keep`: the photos a site no
/// longer shows (or shows made another way) do not pile up.
pub fn prune(cache: &Path, keep: &std::collections::HashSet<&str>) {
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.get(..16).is_some_and(|key| keep.contains(key)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Written whole or not at all: two builds of one site at once (or a build killed half-way)
/// never leave half a file under a name that says it is complete.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    // Two photos with the same bytes are made at once by two threads: each its own file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temporary = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    fs::write(&temporary, bytes)
        .and_then(|()| fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
