//! An item's thumbnail, made now in memory from its plaintext: images through
//! `media::thumbnail`, videos through `media::video` (ffmpeg). Shared by `thumb` and the
//! gallery server; never writes anything. (Format version 2 will store thumbnails at `add`;
//! this stays the way to make one for an item that has none.)

use super::error::VaultError;
use super::handle::Vault;
use crate::media::{thumbnail, video};
use std::fmt;
use zeroize::Zeroizing;

/// Largest image whose plaintext is read into memory for a thumbnail.
pub const MAX_IMAGE_BYTES: u64 = 256 << 20;

/// Why an item has no thumbnail. Holds no name and no content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoThumbnail {
    /// Neither an image nor a video; holds the stored media type.
    NotMedia(String),
    /// An image larger than [`MAX_IMAGE_BYTES`].
    TooLarge,
    /// The image decoder refused it.
    Image(thumbnail::ThumbnailError),
    /// ffmpeg is missing or could not read the video.
    Video(video::VideoError),
}

impl fmt::Display for NoThumbnail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoThumbnail::NotMedia(media_type) => write!(f, "it is {media_type}: no thumbnail"),
            NoThumbnail::TooLarge => f.write_str("it is too large for a thumbnail"),
            NoThumbnail::Image(e) => e.fmt(f),
            NoThumbnail::Video(e) => e.fmt(f),
        }
    }
}

impl Vault {
    /// The JPEG thumbnail of item `id` (longest side 320 pixels), or why there is none. The
    /// outer error is the vault's (no such item, damaged content).
    pub fn make_thumbnail(&self, id: u64) -> Result<Result<Vec<u8>, NoThumbnail>, VaultError> {
        let item = self.item(id)?;
        Ok(match item.media_type.split('/').next() {
            Some("image") if item.size > MAX_IMAGE_BYTES => Err(NoThumbnail::TooLarge),
            Some("image") => {
                let mut bytes = Zeroizing::new(Vec::with_capacity(item.size as usize));
                self.read_item_to(id, &mut *bytes)?;
                thumbnail::of_image(&bytes).map(|t| t.jpeg).map_err(NoThumbnail::Image)
            }
            Some("video") => {
                let mut reader = self.open_item(id)?;
                video::poster(&mut reader, item.size).map(|(t, _, _)| t.jpeg).map_err(NoThumbnail::Video)
            }
            _ => Err(NoThumbnail::NotMedia(item.media_type.clone())),
        })
    }
}
