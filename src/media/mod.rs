//! Media, as bytes in and bytes out: what kind of file some content is (`kind`) and a small
//! JPEG that shows it (`thumbnail`). Knows no vault, no key and no file on disk.

mod kind;
pub mod thumbnail;

pub use kind::{UNKNOWN, detect, with_name_fallback};
