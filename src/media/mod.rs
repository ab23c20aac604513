//! Media, as bytes in and bytes out: what kind of file some content is (`kind`), a small JPEG
//! that shows an image (`thumbnail`), HEIC and AVIF images through libheif's decoder (`heif`),
//! and a video's poster frame and facts through ffmpeg (`video`). Knows no vault, no key and no file on disk.

pub mod boxes;
pub mod fingerprint;
pub mod heif;
mod kind;
pub mod metadata;
pub mod strip;
pub mod thumbnail;
pub mod video;

pub use kind::{UNKNOWN, detect, with_name_fallback};
