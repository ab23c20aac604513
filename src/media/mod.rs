//! Media, as bytes in and bytes out: what kind of file some content is (`kind`), a small JPEG
//! that shows an image (`thumbnail`), HEIC and AVIF images through libheif's decoder (`heif`),
//! a video's poster frame and facts through ffmpeg (`video`), PDQ and MD5 fingerprints
//! (`fingerprint`), what a file reveals about itself (`metadata`) and a copy without it
//! (`strip`), over MP4 boxes (`boxes`); and whether an outside program is installed
//! (`on_path`). Knows no vault, no key and no file on disk.

pub mod boxes;
pub mod fingerprint;
pub mod heif;
mod kind;
pub mod metadata;
pub mod strip;
pub mod thumbnail;
pub mod video;

pub use kind::{UNKNOWN, detect, with_name_fallback};

/// Whether `program` is a file in one of PATH's folders: the outside programs media work
/// uses (ffmpeg, libheif's tools) and the command line's viewers and phone tools.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
