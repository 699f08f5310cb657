//! Bounded thumbnails of image attachments (PNG, JPEG, GIF, WebP), safe against decompression bombs.
//!
//! Decoding is CPU work (tens of milliseconds for a camera photo): callers run [`thumbnail`] off the
//! UI thread (e.g. `tokio::task::spawn_blocking`) and show the result when it arrives.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// Widest or tallest image decoded, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 16_384;
/// Most pixels decoded (50 megapixels: a large camera photo).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// Most memory the decoder may allocate, in bytes.
pub const MAX_DECODE_ALLOC: u64 = 256 << 20;
/// Largest thumbnail side a caller may ask for.
pub const MAX_THUMBNAIL_SIDE: u32 = 4_096;

/// A decoded, scaled image: `width × height` pixels, 8-bit RGBA, row by row.
#[derive(Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Thumbnail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Thumbnail")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("rgba_len", &self.rgba.len())
            .finish()
    }
}

/// Why no thumbnail could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// The bytes are not PNG, JPEG, GIF or WebP.
    #[error("not a PNG, JPEG, GIF or WebP image")]
    Unsupported,
    /// The image is larger than the limits allow (refused before decoding its pixels).
    #[error("image too large to preview ({width} × {height} pixels)")]
    TooLarge { width: u32, height: u32 },
    /// The image data is damaged or uses a feature the decoder does not support.
    #[error("image could not be decoded: {0}")]
    Decode(String),
}

/// Decodes an image attachment and scales it to fit in `max_side × max_side` (aspect ratio kept,
/// never enlarged; `max_side` is clamped to 1..=[`MAX_THUMBNAIL_SIDE`]).
///
/// The header is read first: images wider or taller than [`MAX_IMAGE_SIDE`] or with more than
/// [`MAX_IMAGE_PIXELS`] are refused before any pixel buffer is allocated, and the decoder runs with
/// `image::Limits` (at most [`MAX_DECODE_ALLOC`] bytes). Only the first frame of an animation is
/// used. CPU-bound: call it off the UI thread.
pub fn thumbnail(bytes: &[u8], max_side: u32) -> Result<Thumbnail, ImageError> {
    let format = image::guess_format(bytes).map_err(|_| ImageError::Unsupported)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(ImageError::Unsupported);
    }
    // The header alone: no side limits here, so that a refusal can name the dimensions.
    let (width, height) = reader(bytes, format, false)
        .into_dimensions()
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    if width == 0 || height == 0 {
        return Err(ImageError::Decode("image has no pixels".to_owned()));
    }
    if width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS
    {
        return Err(ImageError::TooLarge { width, height });
    }
    let image = reader(bytes, format, true).decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooLarge { width, height },
        e => ImageError::Decode(e.to_string()),
    })?;
    let max_side = max_side.clamp(1, MAX_THUMBNAIL_SIDE);
    let small = if image.width() > max_side || image.height() > max_side {
        image.thumbnail(max_side, max_side)
    } else {
        image
    };
    Ok(into_thumbnail(small))
}

fn reader(bytes: &[u8], format: ImageFormat, limit_sides: bool) -> ImageReader<Cursor<&[u8]>> {
    let mut limits = Limits::default();
    if limit_sides {
        limits.max_image_width = Some(MAX_IMAGE_SIDE);
        limits.max_image_height = Some(MAX_IMAGE_SIDE);
    }
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader
}

fn into_thumbnail(image: DynamicImage) -> Thumbnail {
    let rgba = image.into_rgba8();
    Thumbnail {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    }
}

#[cfg(test)]
#[path = "thumbnail_tests.rs"]
mod tests;
