// The photos the tests make, shared with the integration tests.
#[path = "../../tests/support/photos.rs"]
mod photos;
use photos::photo_jpeg;

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
        eager.contains(r#"<img src="hero.png" alt="Hero" fetchpriority="high" decoding="async""#),
        "{eager}"
    );
    assert!(
        eager.contains(r#"<img src="next.png" alt="Next" loading="lazy">"#),
        "{eager}"
    );
    // Under a first heading it is still at the top; far into the text, off the first screen.
    let under_heading = format!("<h2 id=\"a\">A</h2>{html}");
    assert!(SiteFiles::first_image_eager(&under_heading).contains("fetchpriority"));
    let far = format!("<p>{}</p>{html}", "words ".repeat(300));
    assert!(matches!(
        SiteFiles::first_image_eager(&far),
        Cow::Borrowed(_)
    ));
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

    // As the sanitiser leaves them: relative to the site's base (the asset folder's too).
    let html = r#"<p><img src="images/wide.png" alt="a"> <img src="/images/logo.svg" alt="b"> <img src="posts/hello/photo%20one.png" alt="c"> <img src="https://x.org/a.png" alt="d"> <img src="images/missing.png" alt="e"> <img src="images/wide.png" width="10" alt="f"></p>"#;
    let none = Photos::default();
    let sized = files.present(html, &none);
    assert_eq!(
        sized,
        r#"<p><img width="1600" height="900" src="images/wide.png" alt="a"> <img width="120" height="40" src="/images/logo.svg" alt="b"> <img width="30" height="20" src="posts/hello/photo%20one.png" alt="c"> <img src="https://x.org/a.png" alt="d"> <img src="images/missing.png" alt="e"> <img src="images/wide.png" width="10" alt="f"></p>"#
    );
    for outside in [
        "../secret.png",
        "/../secret.png",
        "images/%2e%2e/%2e%2e/secret.png",
    ] {
        let html = format!(r#"<img src="{outside}">"#);
        assert_eq!(files.present(&html, &none), html);
    }
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

#[test]
fn a_photo_gets_smaller_webp_copies_at_a_few_widths_made_once() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("photo.jpg");
    let original = photo_jpeg(2000, 1500);
    fs::write(&photo, &original).unwrap();
    let cache = dir.path().join("cache");

    let (key, made) = variants::variants(&photo, Shape::Whole, &cache);
    let (whole, encoded) = made.unwrap();
    assert!(encoded);
    assert_eq!((whole.width, whole.height), (2000, 1500));
    assert!(whole.opaque);
    let widths: Vec<u32> = whole.files.iter().map(|(w, _)| *w).collect();
    assert_eq!(widths, [400, 800, 1200, 1600]);
    for (width, name) in &whole.files {
        assert!(name.starts_with(&key) && name.ends_with(&format!("-{width}.webp")));
        let copy = fs::read(cache.join(name)).unwrap();
        assert!(copy.len() < original.len(), "{name}: {} B", copy.len());
        // The copy is a WebP of that width and of the photo's ratio.
        let size = imagesize::blob_size(&copy).unwrap();
        assert_eq!(
            (size.width as u32, size.height as u32),
            (*width, width * 3 / 4)
        );
        assert_eq!(
            imagesize::image_type(&copy).unwrap(),
            imagesize::ImageType::Webp
        );
    }
    assert!(whole.placeholder.starts_with("data:image/webp;base64,"));
    assert!(whole.placeholder.len() < 400, "{}", whole.placeholder);

    // Made once: the same bytes again (under any name) come from the cache.
    let again = dir.path().join("renamed.jpg");
    fs::write(&again, &original).unwrap();
    let (again_key, made) = variants::variants(&again, Shape::Whole, &cache);
    assert_eq!(again_key, key);
    assert_eq!(made.unwrap(), (whole.clone(), false));

    // A card's copies are the middle of the photo at 16:9, under another key.
    let (card_key, card) = variants::variants(&photo, Shape::Card, &cache);
    let (card, _) = card.unwrap();
    assert_ne!(card_key, key);
    assert_eq!((card.width, card.height), (2000, 1125));
    let (_, name) = &card.files[1];
    let size = imagesize::size(cache.join(name)).unwrap();
    assert_eq!((size.width, size.height), (800, 450));

    // Pruning keeps what a build used, and only that.
    variants::prune(&cache, &[key.as_str()].into_iter().collect());
    assert!(cache.join(&whole.files[0].1).is_file());
    assert!(!cache.join(&card.files[0].1).exists());
}

#[test]
fn a_narrow_photo_gets_a_copy_at_its_own_width_and_a_transparent_one_no_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let narrow = dir.path().join("narrow.jpg");
    fs::write(&narrow, photo_jpeg(1000, 500)).unwrap();
    let (_, made) = variants::variants(&narrow, Shape::Whole, &cache);
    let widths: Vec<u32> = made.unwrap().0.files.iter().map(|(w, _)| *w).collect();
    assert_eq!(widths, [400, 800, 1000]);

    let logo = dir.path().join("logo.png");
    let mut pixels = image::RgbaImage::new(600, 300);
    for (x, _, pixel) in pixels.enumerate_pixels_mut() {
        *pixel = image::Rgba([200, 40, 40, if x < 300 { 0 } else { 255 }]);
    }
    pixels.save(&logo).unwrap();
    let (_, made) = variants::variants(&logo, Shape::Whole, &cache);
    let logo = made.unwrap().0;
    assert!(!logo.opaque);
    let html = picture_of(&logo);
    assert!(!html.contains("style="), "{html}");
}

fn picture_of(photo: &Variants) -> String {
    let mut out = String::new();
    picture(
        &mut out,
        r#"<img src="a.jpg" alt="A" loading="lazy""#,
        false,
        photo,
    );
    out
}

#[test]
fn a_photo_is_offered_as_its_copies_in_a_picture_with_a_placeholder() {
    let photo = Variants {
        width: 2000,
        height: 1500,
        opaque: true,
        placeholder: "data:image/webp;base64,AAAA".into(),
        files: vec![(400, "k-400.webp".into()), (800, "k-800.webp".into())],
    };
    let html = picture_of(&photo);
    assert!(
        html.starts_with(concat!(
            r#"<picture><source type="image/webp" srcset="_images/k-400.webp 400w, _images/k-800.webp 800w" sizes="(max-width: 44rem) 100vw, 44rem">"#,
            r#"<img src="a.jpg" alt="A" loading="lazy" width="2000" height="1500" style="background:center/cover no-repeat url(&quot;data:image/svg+xml,"#
        )),
        "{html}"
    );
    assert!(
        html.contains("href='data:image/webp;base64,AAAA'"),
        "{html}"
    );
    assert!(html.ends_with("&quot;)\"></picture>"), "{html}");
    // No character in the placeholder ends the attribute or the CSS string early.
    let style = &html[html.find("style=\"").unwrap() + 7..html.rfind('"').unwrap()];
    assert!(
        !style.contains('"') && !style.contains('<') && !style.contains('#'),
        "{style}"
    );

    let small = Variants {
        width: 500,
        ..photo
    };
    assert!(picture_of(&small).contains(r#"sizes="min(100vw, 500px)""#));
}

#[test]
fn a_photo_that_does_not_decode_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cut = dir.path().join("cut.jpg");
    fs::write(&cut, &photo_jpeg(800, 600)[..900]).unwrap();
    let not = dir.path().join("not.png");
    fs::write(&not, b"<html>not a png</html>").unwrap();
    // A PNG whose header asks for 50,000 × 50,000 pixels (10 GB) in a few bytes.
    let bomb = dir.path().join("bomb.png");
    let mut header = png(50_000, 50_000);
    let mut crc = flate2::Crc::new();
    crc.update(&header[12..]);
    header.extend_from_slice(&crc.sum().to_be_bytes());
    fs::write(&bomb, header).unwrap();
    for file in [&not, &bomb] {
        let (_, made) = variants::variants(file, Shape::Whole, &cache);
        assert!(made.is_err(), "{}", file.display());
    }
    // A photo cut short is shown as far as it goes, as browsers show it.
    let (_, cut) = variants::variants(&cut, Shape::Whole, &cache);
    assert_eq!(cut.unwrap().0.width, 800);
    let (_, bomb) = variants::variants(&bomb, Shape::Whole, &cache);
    let why = bomb.unwrap_err();
    assert!(why.contains("megapixels"), "{why}");
}
