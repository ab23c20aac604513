//! A thumbnail made from an item's plaintext, in memory (images through `media::thumbnail`,
//! videos through `media::video`, i.e. ffmpeg), and written as a payload of its own beside
//! the item (FORMAT-v2.md §6.2). Used by `add` (`items.rs`) and by `thumbnail_stored.rs`; knows no
//! commit.

use super::error::VaultError;
use super::pipeline::overwrite_random;
use super::read::{ItemReader, for_each_plain_batch};
use super::write::write_payload;
use crate::format::v2::{self, MediaInfo, Thumbnail};
use crate::format::{Extent, ItemRecord};
use crate::media::{thumbnail, video};
use crate::storage::Storage;
use rand_chacha::ChaCha20Rng;
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

/// The thumbnail of an image made before the image is added (while the passphrase is asked,
/// or while the item before it is encrypted), with the SHA-256 of the bytes it was made from:
/// `add` stores it only if the content it then reads has that same hash.
#[derive(Clone, Debug)]
pub struct ThumbnailAhead {
    sha256: [u8; 32],
    made: Result<thumbnail::Thumbnail, thumbnail::ThumbnailError>,
}

impl ThumbnailAhead {
    /// The thumbnail (or why there is none) of the image in `bytes`.
    pub fn of_image(bytes: &[u8]) -> ThumbnailAhead {
        use sha2::Digest;
        ThumbnailAhead { sha256: sha2::Sha256::digest(bytes).into(), made: thumbnail::of_image(bytes) }
    }

    /// What it says of `item`, if it was made from the same content.
    pub(super) fn for_item(self, item: &ItemRecord) -> Option<Result<Made, NoThumbnail>> {
        (self.sha256 == item.sha256 && item.media_type.starts_with("image/"))
            .then(|| self.made.map(Made::of_image).map_err(NoThumbnail::Image))
    }
}

/// A thumbnail made now, and what it learnt of the original.
pub(super) struct Made {
    pub(super) jpeg: Zeroizing<Vec<u8>>,
    width: u16,
    height: u16,
    media: MediaInfo,
}

impl Made {
    /// What `add` keeps to find copies of the item outside the vault: the PDQ hash of this
    /// thumbnail's picture (FORMAT-v2.md §14.1).
    pub(super) fn digests(&self) -> v2::Digests {
        v2::Digests { md5: None, pdq: crate::media::fingerprint::pdq_of_picture(&self.jpeg) }
    }

    fn of_image(t: thumbnail::Thumbnail) -> Made {
        Made {
            width: t.width as u16,
            height: t.height as u16,
            media: MediaInfo { width: t.source_width, height: t.source_height, duration_ms: None },
            jpeg: Zeroizing::new(t.jpeg),
        }
    }
}

/// Whether `item` is a kind of media that gets a thumbnail.
pub(super) fn wants_thumbnail(item: &ItemRecord) -> bool {
    matches!(item.media_type.split('/').next(), Some("image" | "video"))
}

/// Makes the thumbnail of `item` (whose payload is in `storage`) in memory.
pub(super) fn make(storage: &dyn Storage, item: &ItemRecord) -> Result<Result<Made, NoThumbnail>, VaultError> {
    Ok(match item.media_type.split('/').next() {
        Some("image") if item.size > MAX_IMAGE_BYTES => Err(NoThumbnail::TooLarge),
        Some("image") => {
            let mut bytes = Zeroizing::new(Vec::with_capacity(item.size as usize));
            for_each_plain_batch(storage, item, &mut |chunks| {
                chunks.iter().for_each(|c| bytes.extend_from_slice(c));
                Ok(())
            })?;
            thumbnail::of_image(&bytes).map_err(NoThumbnail::Image).map(Made::of_image)
        }
        Some("video") => {
            let mut reader = ItemReader::new(storage, item)?;
            video::poster(&mut reader, item.size).map_err(NoThumbnail::Video).map(|(t, info, _)| Made {
                width: t.width as u16,
                height: t.height as u16,
                media: MediaInfo { width: info.width, height: info.height, duration_ms: info.duration_ms },
                jpeg: Zeroizing::new(t.jpeg),
            })
        }
        _ => Err(NoThumbnail::NotMedia(item.media_type.clone())),
    })
}

/// Writes `made` as a thumbnail payload at `at` (a unit boundary), padded with random bytes
/// to whole units; returns the record's thumbnail and media facts.
pub(super) fn write(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    made: Made,
    at: u64,
) -> Result<(Thumbnail, MediaInfo), VaultError> {
    let written = write_payload(storage, rng, &mut &made.jpeg[..], at)?;
    let allocation = Extent { offset: at, len: v2::align(written.payload.len) };
    let end = written.payload.end().expect("payload fits the file");
    let pad = allocation.end().expect("allocation fits the file") - end;
    overwrite_random(storage, rng, &mut vec![0u8; pad as usize], end, pad)?;
    let thumbnail = Thumbnail {
        file_key: *written.file_key.expose(),
        payload: written.payload,
        allocation,
        size: written.size,
        width: made.width,
        height: made.height,
        media_type: "image/jpeg".into(),
    };
    Ok((thumbnail, made.media))
}
