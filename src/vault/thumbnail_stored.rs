//! Thumbnails of items already in the vault: the stored one read back (or one made now) for
//! `thumb` and the gallery, and thumbnails made and stored for items that lack one
//! (`clipvault thumbnails`). Making one is `thumbnail_new.rs`'s; storing one at `add` is `items.rs`'s.

use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use super::read::ItemReader;
use super::thumbnail_new::{NoThumbnail, make, wants_thumbnail, write};
use std::io::Read;

/// Items given thumbnails per commit by [`Vault::store_thumbnails`].
const THUMBNAIL_BATCH: usize = 16;

impl Vault {
    /// The JPEG thumbnail of item `id` (longest side 320 pixels): the one stored in the vault,
    /// else one made now in memory; or why there is none. The outer error is the vault's (no
    /// such item, damaged content).
    pub fn thumbnail(&self, id: u64) -> Result<Result<Vec<u8>, NoThumbnail>, VaultError> {
        let item = self.item(id)?;
        if let Some(mut reader) = ItemReader::of_thumbnail(self.storage.as_ref(), item)? {
            let mut jpeg = Vec::with_capacity(reader.len() as usize);
            reader.read_to_end(&mut jpeg).map_err(|_| VaultError::Integrity(super::Damage::Item(id)))?;
            return Ok(Ok(jpeg));
        }
        Ok(make(self.storage.as_ref(), item)?.map(|made| made.jpeg.to_vec()))
    }
}

impl VaultWriter {
    /// Makes and stores the thumbnails that items `ids` lack (images and videos), 16 items per
    /// commit; returns, per item tried, why it got none (`None`: stored). Crash-safe and
    /// resumable: a thumbnail written but not committed is junk the next run writes past.
    pub fn store_thumbnails(
        &mut self,
        ids: &[u64],
        mut progress: impl FnMut(u64, &Option<NoThumbnail>),
    ) -> Result<Vec<(u64, Option<NoThumbnail>)>, VaultError> {
        self.ensure_writable()?;
        let wanted: Vec<u64> = ids
            .iter()
            .filter(|id| self.item(**id).is_ok_and(|i| i.thumbnail.is_none() && wants_thumbnail(i)))
            .copied()
            .collect();
        let mut report = Vec::new();
        for batch in wanted.chunks(THUMBNAIL_BATCH) {
            let mut at = self.append_offset()?;
            let mut made = Vec::new();
            for id in batch {
                let item = self.item(*id)?.clone();
                let outcome = match make(self.vault.storage.as_ref(), &item)? {
                    Ok(m) => {
                        let (thumbnail, media) = write(self.vault.storage.as_ref(), &mut self.vault.rng, m, at)?;
                        at = thumbnail.allocation.end().expect("allocation fits the file");
                        made.push((*id, thumbnail, media));
                        None
                    }
                    Err(why) => Some(why),
                };
                progress(*id, &outcome);
                report.push((*id, outcome));
            }
            if made.is_empty() {
                continue;
            }
            let ids: Vec<u64> = made.iter().map(|(id, ..)| *id).collect();
            self.rewrite_items(&ids, &mut |mut item| {
                if let Some((_, thumbnail, media)) = made.iter().find(|(id, ..)| *id == item.id) {
                    item.thumbnail = Some(thumbnail.clone());
                    item.media = Some(media.clone());
                }
                Some(item)
            })?;
        }
        Ok(report)
    }
}
