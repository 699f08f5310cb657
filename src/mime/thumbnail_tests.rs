use super::*;
use image::{ImageEncoder, RgbaImage};

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgba8)
        .expect("encode png");
    out
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img =
        image::RgbImage::from_fn(width, height, |x, _| image::Rgb([(x % 256) as u8, 90, 200]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encode jpeg");
    out
}

/// A PNG claiming `width × height` (8-bit RGBA) whose image data is empty: valid chunks with
/// correct CRCs, but not one pixel to decode.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", b""), (b"IEND", b"")] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn png_is_scaled_down_keeping_the_aspect_ratio() {
    let t = thumbnail(&png(400, 200), 100).expect("thumbnail");
    assert_eq!((t.width, t.height), (100, 50));
    assert_eq!(t.rgba.len(), 100 * 50 * 4);
}

#[test]
fn jpeg_is_scaled_down() {
    let t = thumbnail(&jpeg(300, 600), 64).expect("thumbnail");
    assert_eq!((t.width, t.height), (32, 64));
    assert_eq!(t.rgba.len(), 32 * 64 * 4);
    // Opaque: JPEG has no alpha channel.
    assert!(t.rgba.chunks(4).all(|p| p[3] == 255));
}

#[test]
fn small_images_are_not_enlarged() {
    let t = thumbnail(&png(20, 10), 256).expect("thumbnail");
    assert_eq!((t.width, t.height), (20, 10));
    assert_eq!(&t.rgba[..4], &[0, 0, 128, 255]);
}

#[test]
fn huge_dimensions_are_refused_from_the_header_alone() {
    // Only the header exists: reaching the pixel decoder would give `Decode`, not `TooLarge`.
    let bomb = png_header(100_000, 100_000);
    assert_eq!(
        thumbnail(&bomb, 128),
        Err(ImageError::TooLarge {
            width: 100_000,
            height: 100_000
        })
    );
    let too_many_pixels = png_header(10_000, 10_000);
    assert_eq!(
        thumbnail(&too_many_pixels, 128),
        Err(ImageError::TooLarge {
            width: 10_000,
            height: 10_000
        })
    );
    // Within the limits the same header is let through to the decoder, which finds no pixel data.
    assert!(matches!(
        thumbnail(&png_header(100, 100), 128),
        Err(ImageError::Decode(_))
    ));
}

#[test]
fn other_formats_and_garbage_are_refused() {
    assert_eq!(thumbnail(b"", 64), Err(ImageError::Unsupported));
    assert_eq!(thumbnail(b"%PDF-1.7\n", 64), Err(ImageError::Unsupported));
    assert_eq!(
        thumbnail(b"BM\x00\x00\x00\x00", 64),
        Err(ImageError::Unsupported)
    );
    let mut broken = png(50, 50);
    broken.truncate(60);
    assert!(matches!(thumbnail(&broken, 64), Err(ImageError::Decode(_))));
}
