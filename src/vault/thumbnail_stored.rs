//! Thumbnails of items already in the vault: the stored one read back (or one made now) for
//! `thumb` and the gallery, thumbnails made and stored for items that lack one
//! (`clipvault thumbnails`, and in the background after `add --thumbnails later`, made
//! without the writer lock and stored with it), and the PDQ hash of a stored thumbnail's
//! picture, computed for items that lack it (FORMAT-v2.md §14.1). Making one is `thumbnail_new.rs`'s; storing one at
//! `add` is `items.rs`'s.

use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use super::read::ItemReader;
use super::thumbnail_new::{Made, NoThumbnail, make, wants_thumbnail, write};
use crate::format::v2;
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

    /// The PDQ hash of item `id`'s thumbnail picture: the one its record holds, else computed
    /// from its stored thumbnail (decrypting only the thumbnail); `None` for an item without
    /// a stored thumbnail or whose picture PDQ cannot hash.
    pub fn thumbnail_pdq(&self, id: u64) -> Result<Option<v2::Pdq>, VaultError> {
        let item = self.item(id)?;
        if let Some(pdq) = item.digests.and_then(|d| d.pdq) {
            return Ok(Some(pdq));
        }
        let Some(mut reader) = ItemReader::of_thumbnail(self.storage.as_ref(), item)? else { return Ok(None) };
        let mut jpeg = zeroize::Zeroizing::new(Vec::with_capacity(reader.len() as usize));
        reader.read_to_end(&mut jpeg).map_err(|_| VaultError::Integrity(super::Damage::Item(id)))?;
        Ok(crate::media::fingerprint::pdq_of_picture(&jpeg))
    }
}

/// A thumbnail made from an item on a read-only handle ([`Vault::make_thumbnail`]), to be
/// stored later by a writer ([`VaultWriter::store_made_thumbnails`]): the decoding, which is
/// the slow part, happens without the writer lock.
pub struct MadeThumbnail {
    id: u64,
    sha256: [u8; 32],
    made: Made,
}

/// What [`Vault::make_thumbnails`] says of one item: its thumbnail, why it gets none, or the
/// vault's error reading it (gone, damaged).
pub type ThumbnailOutcome = Result<Result<MadeThumbnail, NoThumbnail>, VaultError>;

impl Vault {
    /// Makes the thumbnail of item `id` in memory, or says why it gets none. Needs no lock.
    pub fn make_thumbnail(&self, id: u64) -> Result<Result<MadeThumbnail, NoThumbnail>, VaultError> {
        let item = self.item(id)?;
        Ok(make(self.storage.as_ref(), item)?.map(|made| MadeThumbnail { id, sha256: item.sha256, made }))
    }

    /// [`make_thumbnail`](Vault::make_thumbnail) of each of `ids`, on one thread per core (up
    /// to 8), each item decoded within the thumbnailer's limits; in the order of `ids`.
    pub fn make_thumbnails(&self, ids: &[u64]) -> Vec<(u64, ThumbnailOutcome)> {
        let threads = crate::media::thumbnail::decoding_threads();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut made: Vec<(usize, ThumbnailOutcome)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(ids.len()))
                .map(|_| {
                    scope.spawn(|| {
                        let mut made = Vec::new();
                        loop {
                            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(id) = ids.get(at) else { return made };
                            made.push((at, self.make_thumbnail(*id)));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        made.sort_unstable_by_key(|(at, _)| *at);
        made.into_iter().map(|(at, outcome)| (ids[at], outcome)).collect()
    }

    /// Whether item `id` should have a thumbnail (an image or a video) and has none.
    pub fn lacks_thumbnail(&self, id: u64) -> bool {
        self.item(id).is_ok_and(|i| i.thumbnail.is_none() && wants_thumbnail(i))
    }

    /// The items that [lack a thumbnail](Vault::lacks_thumbnail), in id order.
    pub fn lacking_thumbnails(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self.items().map(|i| i.id).filter(|id| self.lacks_thumbnail(*id)).collect();
        ids.sort_unstable();
        ids
    }
}

impl VaultWriter {
    /// Makes and stores the thumbnails that items `ids` lack (images and videos), 16 items per
    /// commit, made on every core; returns, per item tried, why it got none (`None`: stored).
    /// Crash-safe and resumable: a thumbnail written but not committed is junk the next run
    /// writes past.
    pub fn store_thumbnails(
        &mut self,
        ids: &[u64],
        mut progress: impl FnMut(u64, &Option<NoThumbnail>),
    ) -> Result<Vec<(u64, Option<NoThumbnail>)>, VaultError> {
        self.ensure_writable()?;
        let wanted: Vec<u64> = ids.iter().copied().filter(|id| self.lacks_thumbnail(*id)).collect();
        let mut report = Vec::new();
        for batch in wanted.chunks(THUMBNAIL_BATCH) {
            let mut made = Vec::new();
            for (id, outcome) in self.make_thumbnails(batch) {
                let outcome = match outcome? {
                    Ok(m) => {
                        made.push(m);
                        None
                    }
                    Err(why) => Some(why),
                };
                progress(id, &outcome);
                report.push((id, outcome));
            }
            self.store_made_thumbnails(made)?;
        }
        Ok(report)
    }

    /// Stores thumbnails made beside this writer, in one commit; returns how many were
    /// stored. One whose item is gone, has a thumbnail by now, or holds other content is
    /// dropped.
    pub fn store_made_thumbnails(&mut self, made: Vec<MadeThumbnail>) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        let mut at = self.append_offset()?;
        let mut written = Vec::new();
        for MadeThumbnail { id, sha256, made } in made {
            if !self.item(id).is_ok_and(|i| i.thumbnail.is_none() && i.sha256 == sha256) {
                continue;
            }
            let pdq = made.digests().pdq;
            let (thumbnail, media) = write(self.vault.storage.as_ref(), &mut self.vault.rng, made, at)?;
            at = thumbnail.allocation.end().expect("allocation fits the file");
            written.push((id, thumbnail, media, pdq));
        }
        if written.is_empty() {
            return Ok(0);
        }
        let ids: Vec<u64> = written.iter().map(|(id, ..)| *id).collect();
        self.rewrite_items(&ids, &mut |mut item| {
            if let Some((_, thumbnail, media, pdq)) = written.iter().find(|(id, ..)| *id == item.id) {
                item.thumbnail = Some(thumbnail.clone());
                item.media = Some(media.clone());
                item.digests = Some(v2::Digests { md5: item.digests.and_then(|d| d.md5), pdq: *pdq });
            }
            Some(item)
        })?;
        Ok(ids.len())
    }

    /// Stores the PDQ hash of the stored thumbnail's picture for items `ids` that have a
    /// thumbnail but no hash (items added before version 4), 16 items per commit; returns
    /// how many got one.
    pub fn fill_in_pdq(&mut self, ids: &[u64]) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        let lacking: Vec<u64> = ids
            .iter()
            .filter(|id| {
                self.item(**id).is_ok_and(|i| i.thumbnail.is_some() && i.digests.is_none_or(|d| d.pdq.is_none()))
            })
            .copied()
            .collect();
        let mut filled = 0;
        for batch in lacking.chunks(THUMBNAIL_BATCH) {
            let mut found = Vec::new();
            for id in batch {
                if let Some(pdq) = self.thumbnail_pdq(*id)? {
                    found.push((*id, pdq));
                }
            }
            if found.is_empty() {
                continue;
            }
            let ids: Vec<u64> = found.iter().map(|(id, _)| *id).collect();
            self.rewrite_items(&ids, &mut |mut item| {
                let pdq = found.iter().find(|(id, _)| *id == item.id).map(|(_, pdq)| *pdq);
                item.digests = Some(v2::Digests { md5: item.digests.and_then(|d| d.md5), pdq });
                Some(item)
            })?;
            filled += found.len();
        }
        Ok(filled)
    }
}
