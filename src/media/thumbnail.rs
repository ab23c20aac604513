//! A small JPEG of an image, made in memory: longest side [`LONGEST_SIDE`] pixels, EXIF
//! orientation applied. JPEG, PNG, GIF (first frame), WebP and BMP; HEIC and AVIF when libheif's
//! decoder is installed (see [`super::heif`]). Hostile input (truncated
//! files, a "decompression bomb" that claims 60000 x 60000 pixels, bytes that lie about their
//! type) gives an error, never a panic and never an allocation beyond [`MAX_DECODE_BYTES`].
//!
//! JPEGs, most of what phones make, are decoded at 1/2, 1/4 or 1/8 scale straight from the
//! DCT (`jpeg-decoder`), so a 12-megapixel photo costs a fraction of a full decode.

use image::{DynamicImage, ImageDecoder, ImageFormat, metadata::Orientation};
use std::fmt;
use std::io::Cursor;

/// Longest side of a thumbnail, in pixels.
pub const LONGEST_SIDE: u32 = 320;
/// Largest width or height accepted.
pub const MAX_SIDE: u32 = 30_000;
/// Largest number of pixels accepted (a 100-megapixel camera is the most there is).
pub const MAX_PIXELS: u64 = 120_000_000;
/// Most memory a decoder may allocate.
pub const MAX_DECODE_BYTES: u64 = 512 << 20;
/// Threads that decode thumbnails at once: one per core, up to 8 (a phone's), each holding
/// at most one image within the limits above.
pub fn decoding_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// JPEG quality of thumbnails.
const QUALITY: u8 = 80;

/// A thumbnail and the size of what it shows.
#[derive(Clone, Debug)]
pub struct Thumbnail {
    /// The JPEG bytes.
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// Dimensions of the original as displayed (after its EXIF orientation).
    pub source_width: u32,
    pub source_height: u32,
}

/// Why there is no thumbnail. None of these hold image content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ThumbnailError {
    /// Not an image format this makes thumbnails of.
    NotAnImage,
    /// The image claims more pixels than [`MAX_SIDE`] or [`MAX_PIXELS`] allow.
    TooLarge { width: u32, height: u32 },
    /// The decoder failed: truncated or damaged data. The text says how.
    Damaged(String),
    /// A HEIC or AVIF image, and libheif's decoder is missing or refused it.
    Heif(super::heif::HeifError),
}

impl fmt::Display for ThumbnailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThumbnailError::NotAnImage => f.write_str("not an image format with thumbnails"),
            ThumbnailError::TooLarge { width, height } => {
                write!(f, "the image claims {width} x {height} pixels, more than a thumbnail is made of")
            }
            ThumbnailError::Damaged(why) => write!(f, "the image is damaged ({why})"),
            ThumbnailError::Heif(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ThumbnailError {}

/// The thumbnail of an image held in memory.
pub fn of_image(bytes: &[u8]) -> Result<Thumbnail, ThumbnailError> {
    // A decoder bug must not take the add down with it: the item is stored without one.
    std::panic::catch_unwind(|| match image::guess_format(bytes) {
        _ if super::heif::is_heif(bytes) => of_heif(bytes),
        Ok(ImageFormat::Jpeg) => of_jpeg(bytes, jpeg_orientation(bytes)),
        Ok(format @ (ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP | ImageFormat::Bmp)) => {
            of_other(bytes, format)
        }
        _ => Err(ThumbnailError::NotAnImage),
    })
    .unwrap_or_else(|_| Err(ThumbnailError::Damaged("the decoder failed".into())))
}

/// An image held in memory, decoded whole (to show it, or to fingerprint it): HEIC and AVIF
/// through libheif's decoder, every other format with the same allocation bound as the
/// thumbnails. One place for it: the fingerprint gave no PDQ for HEIC while the terminal and
/// the browser decoded it.
pub fn decode_whole(bytes: &[u8]) -> Result<DynamicImage, ThumbnailError> {
    let converted;
    let bytes = if super::heif::is_heif(bytes) {
        converted = super::heif::to_jpeg(bytes).map_err(ThumbnailError::Heif)?;
        &converted[..]
    } else {
        bytes
    };
    std::panic::catch_unwind(|| {
        let mut reader = image::ImageReader::new(Cursor::new(bytes));
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        reader.with_guessed_format().map_err(damaged)?.decode().map_err(damaged)
    })
    .unwrap_or_else(|_| Err(ThumbnailError::Damaged("the decoder failed".into())))
}

fn check_size(width: u32, height: u32) -> Result<(), ThumbnailError> {
    if width == 0 || height == 0 {
        return Err(ThumbnailError::Damaged("zero size".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ThumbnailError::TooLarge { width, height });
    }
    Ok(())
}

fn damaged(e: impl fmt::Display) -> ThumbnailError {
    ThumbnailError::Damaged(e.to_string())
}

/// HEIF through libheif's decoder, which hands back a full-size JPEG already turned upright.
fn of_heif(bytes: &[u8]) -> Result<Thumbnail, ThumbnailError> {
    let jpeg = super::heif::to_jpeg(bytes).map_err(ThumbnailError::Heif)?;
    of_jpeg(&jpeg, Orientation::NoTransforms)
}

fn of_jpeg(bytes: &[u8], orientation: Orientation) -> Result<Thumbnail, ThumbnailError> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(MAX_DECODE_BYTES as usize);
    decoder.read_info().map_err(damaged)?;
    let info = decoder.info().ok_or_else(|| damaged("no frame header"))?;
    check_size(u32::from(info.width), u32::from(info.height))?;
    // The smallest DCT scale (1/8, 1/4, 1/2, 1) that still covers the thumbnail.
    decoder.scale(LONGEST_SIDE as u16, LONGEST_SIDE as u16).map_err(damaged)?;
    let pixels = decoder.decode().map_err(damaged)?;
    let scaled = decoder.info().ok_or_else(|| damaged("no frame header"))?;
    let (w, h) = (u32::from(scaled.width), u32::from(scaled.height));
    let image = match scaled.pixel_format {
        jpeg_decoder::PixelFormat::L8 => image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8),
        jpeg_decoder::PixelFormat::RGB24 => image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8),
        jpeg_decoder::PixelFormat::L16 => {
            let wide = pixels.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
            image::ImageBuffer::from_raw(w, h, wide).map(DynamicImage::ImageLuma16)
        }
        jpeg_decoder::PixelFormat::CMYK32 => {
            // Adobe CMYK JPEGs store inverted values: white is (255, 255, 255, 255).
            let rgb = pixels
                .chunks_exact(4)
                .flat_map(|p| {
                    let k = u16::from(p[3]);
                    [p[0], p[1], p[2]].map(|c| (u16::from(c) * k / 255) as u8)
                })
                .collect();
            image::RgbImage::from_raw(w, h, rgb).map(DynamicImage::ImageRgb8)
        }
    }
    .ok_or_else(|| damaged("pixel data shorter than the image"))?;
    finish(image, orientation, u32::from(info.width), u32::from(info.height))
}

/// The EXIF orientation of a JPEG, or none.
fn jpeg_orientation(bytes: &[u8]) -> Orientation {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes));
    exif.ok()
        .and_then(|exif| exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY).and_then(|f| f.value.get_uint(0)))
        .and_then(|value| u8::try_from(value).ok())
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms)
}

fn of_other(bytes: &[u8], format: ImageFormat) -> Result<Thumbnail, ThumbnailError> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => ThumbnailError::TooLarge { width: 0, height: 0 },
        e => damaged(e),
    })?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => ThumbnailError::TooLarge { width, height },
        e => damaged(e),
    })?;
    finish(image, orientation, width, height)
}

/// Shrinks to fit [`LONGEST_SIDE`], turns as the orientation says, encodes as JPEG.
fn finish(image: DynamicImage, orientation: Orientation, width: u32, height: u32) -> Result<Thumbnail, ThumbnailError> {
    let mut small = if image.width().max(image.height()) > LONGEST_SIDE {
        image.thumbnail(LONGEST_SIDE, LONGEST_SIDE)
    } else {
        image
    };
    small.apply_orientation(orientation);
    let turned = matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    let (source_width, source_height) = if turned { (height, width) } else { (width, height) };
    let rgb = small.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY).encode_image(&rgb).map_err(damaged)?;
    Ok(Thumbnail { jpeg, width: rgb.width(), height: rgb.height(), source_width, source_height })
}
