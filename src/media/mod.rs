//! Media, as bytes in and bytes out: what kind of file some content is (`kind`), a small JPEG
//! that shows an image (`thumbnail`), and a video's poster frame and facts through ffmpeg
//! (`video`). Knows no vault, no key and no file on disk.

pub mod fingerprint;
mod kind;
pub mod thumbnail;
pub mod video;

pub use kind::{UNKNOWN, detect, with_name_fallback};
