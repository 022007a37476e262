//! Photos for tests: made here, so the repository holds no binary test files.

/// A photo-like JPEG of `width` × `height`: smooth gradients with fine noise, as a camera's
/// are (a flat image compresses to nothing in any format and would prove nothing about
/// making photos smaller).
pub(crate) fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let photo = image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        let r = (x * 200 / width) as u8;
        let g = (y * 180 / height) as u8;
        let b = (((x + y) / 7) % 160) as u8;
        image::Rgb([r + noise, g + noise, b + noise])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&photo)
        .unwrap();
    bytes
}
