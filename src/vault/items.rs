//! Changing items: adding one (an allocation of item header, payload and random padding
//! written, then a commit that lists it) and removing items for good (keys out of every
//! index copy, then their allocations overwritten).

use super::blob::{has_item_header, seal_item_header};
use super::error::VaultError;
use super::handle::{AddOptions, Added, VaultWriter};
use super::index::Segment;
use super::pipeline::{copy_range, overwrite_random};
use super::thumbnail_new::{self, wants_thumbnail};
use super::write::{WrittenPayload, write_payload};
use crate::crypto::{self, MasterKey};
use crate::format::v2::{self, Event, ITEM_HEADER_LEN, Stamp, Tombstone};
use crate::format::{Extent, ItemRecord, SegmentBody};
use crate::storage::Storage;
use rand_chacha::ChaCha20Rng;
use std::io::Read;

/// Longest item name accepted, in bytes (a long path is about 4 KiB).
pub const MAX_NAME_LEN: usize = v2::MAX_NAME_LEN;

/// Items removed per commit, so a commit's freed ranges fit in the commit record.
const REMOVE_BATCH: usize = 16;

impl VaultWriter {
    // ----- writing -----

    /// Batches the adds that follow: each writes its item into the file as usual, but none
    /// commits; [`VaultWriter::commit_batch`] commits them all at once (one index segment, one
    /// manifest, a few syncs for any number of items). Until then they are not in the vault: a
    /// crash, or a writer dropped without committing, leaves them as junk past the last commit
    /// (overwritten by later writes), and lookups do not find them.
    pub fn begin_batch(&mut self) {
        if self.vault.batch.is_none() {
            self.vault.batch = Some(Default::default());
        }
    }

    /// Items and plaintext bytes added since [`VaultWriter::begin_batch`], not yet committed.
    pub fn batched(&self) -> (usize, u64) {
        self.vault.batch.as_ref().map_or((0, 0), |b| (b.items.len(), b.bytes))
    }

    /// Commits the batched adds (if any) in one commit; returns their ids, in the order they
    /// were added. Batching goes on: the next adds start a new batch.
    pub fn commit_batch(&mut self) -> Result<Vec<u64>, VaultError> {
        let Some(batch) = self.vault.batch.as_mut().map(std::mem::take) else { return Ok(vec![]) };
        if batch.items.is_empty() {
            return Ok(vec![]);
        }
        let ids = batch.items.iter().map(|i| i.id).collect();
        let result = self.append_items(batch.items, batch.end);
        self.vault.mirror_hole = None;
        result.map(|()| ids)
    }

    /// Adds one item read from `source` and commits it (or, while batching, leaves it for
    /// [`VaultWriter::commit_batch`]). Memory use does not depend on the item's size. Returns
    /// the new item's id.
    pub fn add(&mut self, source: &mut dyn Read, name: &[u8], options: &AddOptions) -> Result<u64, VaultError> {
        self.add_item(source, name, options).map(|added| added.id)
    }

    /// [`Vault::add`], saying also why no thumbnail was stored if one was asked for.
    pub fn add_item(&mut self, source: &mut dyn Read, name: &[u8], options: &AddOptions) -> Result<Added, VaultError> {
        self.ensure_writable()?;
        check_name(name)?;
        let start = self.append_offset()?;
        let result = self.add_item_at(Content::Stream(source), name, options, start);
        // The room reserved for the manifest's mirror belongs to this add alone (or to its
        // batch).
        if self.vault.batch.is_none() {
            self.vault.mirror_hole = None;
        }
        result
    }

    /// Adds an item whose content was encrypted beforehand, outside the vault
    /// ([`StagedItem::encrypt`]), and commits it: the ciphertext is copied in, so this writer
    /// (and whoever waits for it) waits for the copy, not for the source.
    pub fn add_staged(&mut self, staged: StagedItem, name: &[u8], options: &AddOptions) -> Result<Added, VaultError> {
        self.ensure_writable()?;
        check_name(name)?;
        let start = self.append_offset()?;
        let result = self.add_item_at(Content::Staged(staged), name, options, start);
        if self.vault.batch.is_none() {
            self.vault.mirror_hole = None;
        }
        result
    }

    fn add_item_at(
        &mut self,
        content: Content<'_>,
        name: &[u8],
        options: &AddOptions,
        start: u64,
    ) -> Result<Added, VaultError> {
        // A batch reserves room for its manifest's mirror once, before its first item.
        let batch_started = self.vault.batch.as_ref().is_some_and(|b| !b.items.is_empty());
        let reserved = if batch_started { Ok(start) } else { self.reserve_manifest_mirror(start) };
        let data_at = match reserved {
            Ok(at) => at,
            Err(e) => {
                let _ = self.vault.storage.set_len(start);
                return Err(e);
            }
        };
        let at = data_at + ITEM_HEADER_LEN as u64;
        let written = match content {
            Content::Stream(source) => self.write_payload(source, at),
            Content::Staged(staged) => staged.copy_into(self.vault.storage.as_ref(), at),
        };
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                // Nothing was committed; drop the partial ciphertext (its key never left memory).
                let _ = self.vault.storage.set_len(start);
                return Err(e);
            }
        };
        let batched = self.vault.batch.iter().flat_map(|b| b.items.iter());
        if options.skip_duplicate
            && let Some(existing) = self.items().chain(batched).find(|i| i.sha256 == written.sha256 && i.name == name)
        {
            let existing = existing.id;
            let _ = self.vault.storage.set_len(start);
            return Err(VaultError::Duplicate(existing));
        }
        let id = self.fresh_id();
        let payload_end = written.payload.end().expect("payload fits the file");
        let allocation =
            Extent { offset: data_at, len: v2::allocation_len(ITEM_HEADER_LEN as u64 + written.payload.len) };
        let added = options.added.unwrap_or_else(|| self.now());
        let mut item = ItemRecord {
            id,
            name: name.to_vec(),
            media_type: crate::media::with_name_fallback(written.media_type, name),
            size: written.size,
            added,
            modified: options.modified,
            sha256: written.sha256,
            tags: options.tags.clone(),
            file_key: *written.file_key.expose(),
            payload: written.payload,
            allocation,
            media: None,
            thumbnail: None,
            evidence: None,
            uid: crypto::random_bytes(&mut self.vault.rng),
            changed: Stamp { time: added, device: self.vault.manifest.device },
            history: vec![],
            digests: None,
        };
        let mut no_thumbnail = None;
        let result = (|| {
            let mut end = allocation.end().expect("allocation fits the file");
            if options.thumbnail && wants_thumbnail(&item) {
                let ahead = options.thumbnail_ahead.clone().and_then(|ahead| ahead.for_item(&item));
                let made = match ahead {
                    Some(made) => made,
                    None => thumbnail_new::make(self.vault.storage.as_ref(), &item)?,
                };
                match made {
                    Ok(made) => {
                        item.digests = Some(made.digests());
                        let (thumbnail, media) =
                            thumbnail_new::write(self.vault.storage.as_ref(), &mut self.vault.rng, made, end)?;
                        end = thumbnail.allocation.end().expect("allocation fits the file");
                        item.thumbnail = Some(thumbnail);
                        item.media = Some(media);
                    }
                    Err(why) => no_thumbnail = Some(why),
                }
            }
            seal_allocation(self.vault.storage.as_ref(), &self.vault.master, &mut self.vault.rng, &item, payload_end)?;
            match self.vault.batch.as_mut() {
                Some(batch) => {
                    batch.bytes += item.size;
                    batch.items.push(item);
                    batch.end = end;
                    Ok(())
                }
                None => self.append_items(vec![item], end),
            }
        })();
        if let Err(e) = result {
            // Truncate only if no commit was attempted: a superblock that failed to sync may
            // still have reached the disk and reference these bytes. Otherwise the bytes stay
            // as junk past the commit, which the next write appends after.
            if !self.vault.poisoned {
                let _ = self.vault.storage.set_len(start);
            }
            return Err(e);
        }
        Ok(Added { id, no_thumbnail })
    }

    /// Removes items for good: their keys leave every index copy in the file at once, and
    /// their content is then overwritten with random bytes. Crash-safe at every step. Refuses
    /// evidence ([`VaultError::Evidence`], nothing removed): that is [`Vault::remove_forced`].
    pub fn remove(&mut self, ids: &[u64]) -> Result<(), VaultError> {
        self.refuse_evidence(ids)?;
        self.remove_forced(ids)
    }

    /// [`Vault::remove`], evidence included: each evidence item's shred is recorded in the
    /// custody log, in the same commit.
    pub fn remove_forced(&mut self, ids: &[u64]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        for id in ids {
            self.item(*id)?;
        }
        let shredded = self.stamp();
        for batch in ids.chunks(REMOVE_BATCH) {
            // Shredding evidence is recorded in the custody log, in the same commit.
            let events: Vec<Event> = batch
                .iter()
                .filter_map(|id| self.item(*id).ok())
                .filter(|item| item.evidence.is_some())
                .map(|item| Event::Shredded { item: item.id, sha256: item.sha256 })
                .collect();
            // Each shred leaves a tombstone in the same commit, so that no merge brings the
            // item back (FORMAT-v2.md §14.2).
            self.vault.staged_tombstones = batch
                .iter()
                .filter_map(|id| self.item(*id).ok())
                .map(|item| Tombstone { uid: item.uid, shredded, forced: item.evidence.is_some() })
                .collect();
            let result = self.with_custody(events, |vault| vault.rewrite_items(batch, &mut |_| None));
            self.vault.staged_tombstones.clear();
            result?;
        }
        Ok(())
    }

    /// Gives an item a new name. Only the index changes (one commit); the index copies that
    /// held the old name are overwritten after it. Refuses evidence ([`VaultError::Evidence`]):
    /// that is [`Vault::rename_forced`].
    pub fn rename(&mut self, id: u64, name: &[u8]) -> Result<(), VaultError> {
        self.refuse_evidence(&[id])?;
        self.rename_forced(id, name)
    }

    /// [`Vault::rename`], evidence included.
    pub fn rename_forced(&mut self, id: u64, name: &[u8]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        check_name(name)?;
        self.item(id)?;
        let now = self.stamp();
        self.rewrite_items(&[id], &mut |mut item| {
            item.name = name.to_vec();
            item.changed = now.after(item.changed);
            Some(item)
        })
    }

    /// The evidence items among `ids`, as an error if there are any (unknown ids are left to
    /// the caller's own lookup).
    fn refuse_evidence(&self, ids: &[u64]) -> Result<(), VaultError> {
        let evidence: Vec<u64> =
            ids.iter().copied().filter(|id| self.item(*id).is_ok_and(|i| i.evidence.is_some())).collect();
        if evidence.is_empty() { Ok(()) } else { Err(VaultError::Evidence(evidence)) }
    }

    /// Adds and removes tags of items (a tag already there is not added twice). Only the
    /// index changes, in one commit per 16 items.
    pub fn retag(&mut self, ids: &[u64], add: &[String], remove: &[String]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        for id in ids {
            self.item(*id)?;
        }
        let now = self.stamp();
        for batch in ids.chunks(REMOVE_BATCH) {
            self.rewrite_items(batch, &mut |mut item| {
                item.changed = now.after(item.changed);
                item.tags.retain(|t| !remove.contains(t));
                for tag in add {
                    if !item.tags.contains(tag) {
                        item.tags.push(tag.clone());
                    }
                }
                Some(item)
            })?;
        }
        Ok(())
    }

    /// Rewrites every segment that holds one of `ids` (at most `REMOVE_BATCH`, so the
    /// commit's wipe list fits): `change` gives each such item's new record, or `None` to
    /// remove it, and then its payload is wiped too. One commit, after which the old copies
    /// of the rewritten segments are overwritten. Crash-safe at every step (FORMAT.md §8).
    pub(super) fn rewrite_items(
        &mut self,
        ids: &[u64],
        change: &mut dyn FnMut(ItemRecord) -> Option<ItemRecord>,
    ) -> Result<(), VaultError> {
        let start = self.append_offset()?;
        let at = self.reserve_manifest_mirror(start)?;
        let result = self.rewrite_items_at(ids, change, at);
        self.vault.mirror_hole = None;
        result
    }

    fn rewrite_items_at(
        &mut self,
        ids: &[u64],
        change: &mut dyn FnMut(ItemRecord) -> Option<ItemRecord>,
        mut at: u64,
    ) -> Result<(), VaultError> {
        let mut freed = Vec::new();
        let mut allocations = Vec::new();
        let mut resealed = Vec::new();
        let mut segments = Vec::with_capacity(self.vault.segments.len());
        for n in 0..self.vault.segments.len() {
            let segment = &self.vault.segments[n];
            if !segment.body.items.iter().any(|i| ids.contains(&i.id)) {
                segments.push(Segment { place: segment.place, body: segment.body.clone() });
                continue;
            }
            freed.extend(segment.place.extents());
            let mut kept = Vec::with_capacity(segment.body.items.len());
            for item in segment.body.items.iter().cloned() {
                if !ids.contains(&item.id) {
                    kept.push(item);
                    continue;
                }
                let owned: Vec<Extent> =
                    std::iter::once(item.allocation).chain(item.thumbnail.as_ref().map(|t| t.allocation)).collect();
                match change(item) {
                    Some(changed) => {
                        if has_item_header(&changed) {
                            resealed.push(changed.id);
                        }
                        kept.push(changed)
                    }
                    None => allocations.extend(owned),
                }
            }
            if !kept.is_empty() {
                let body = SegmentBody { items: kept };
                let place;
                (place, at) = self.write_segment(&body, at)?;
                segments.push(Segment { place, body });
            }
        }
        freed.extend(allocations);
        // The index is authoritative; item headers (for salvage) follow it after the commit,
        // so an old name does not stay in one.
        self.commit_segments(0, segments, freed, resealed)
    }

    pub(super) fn write_payload(&mut self, source: &mut dyn Read, start: u64) -> Result<WrittenPayload, VaultError> {
        write_payload(self.vault.storage.as_ref(), &mut self.vault.rng, source, start)
    }
}

/// Writes the item header at the start of `item`'s allocation and random bytes from the
/// end of its payload to the end of the allocation, so its exact size does not show.
pub(super) fn seal_allocation(
    storage: &dyn Storage,
    master: &MasterKey,
    rng: &mut ChaCha20Rng,
    item: &ItemRecord,
    payload_end: u64,
) -> Result<(), VaultError> {
    let header = seal_item_header(master, rng, item)?;
    storage.write_at(item.allocation.offset, &header)?;
    let end = item.allocation.end().expect("allocation fits the file");
    let mut block = vec![0u8; (end - payload_end).min(1 << 20) as usize];
    overwrite_random(storage, rng, &mut block, payload_end, end - payload_end)?;
    Ok(())
}

/// Where an add's content comes from.
enum Content<'a> {
    /// Read, encrypted and written into the vault as it comes.
    Stream(&'a mut dyn Read),
    /// Encrypted already, beside the vault: copied in.
    Staged(StagedItem),
}

/// An item's content encrypted (a payload with a fresh file key, FORMAT.md §6) into an
/// unnamed file in the vault's folder (in memory for a vault that is not a file), before the
/// vault's writer lock is taken: nothing of it is plaintext, nothing of it has a name, and a
/// killed process leaves nothing. [`Vault::add_staged`] copies it in and commits.
pub struct StagedItem {
    storage: Box<dyn Storage>,
    written: WrittenPayload,
}

impl StagedItem {
    /// Reads `source` to its end and encrypts it beside the vault at `vault_path` (or in
    /// memory when `None`). Takes no lock and no key of the vault.
    pub fn encrypt(vault_path: Option<&std::path::Path>, source: &mut dyn Read) -> Result<StagedItem, VaultError> {
        let storage: Box<dyn Storage> = match vault_path {
            Some(path) => {
                let dir = crate::storage::parent_dir(&std::fs::canonicalize(path)?);
                let staged = crate::storage::StagedFile::new_in(&dir, ".clipvault-upload-")?;
                Box::new(crate::storage::FileStorage::from_locked(staged.file().try_clone()?))
            }
            None => Box::new(crate::storage::MemStorage::new()),
        };
        let mut rng = <ChaCha20Rng as rand::SeedableRng>::from_entropy();
        let written = write_payload(storage.as_ref(), &mut rng, source, 0)?;
        Ok(StagedItem { storage, written })
    }

    /// The plaintext's size.
    pub fn size(&self) -> u64 {
        self.written.size
    }

    /// Copies the payload into `target` at `at`: the same bytes, valid wherever they lie
    /// (a payload's nonce and chunks do not depend on its offset).
    fn copy_into(self, target: &dyn Storage, at: u64) -> Result<WrittenPayload, VaultError> {
        let from = self.written.payload;
        copy_range(self.storage.as_ref(), from.offset, from.len, &mut |done, bytes| target.write_at(at + done, bytes))?;
        Ok(WrittenPayload { payload: Extent { offset: at, len: from.len }, ..self.written })
    }
}

fn check_name(name: &[u8]) -> Result<(), VaultError> {
    if name.is_empty() {
        return Err(VaultError::Refused("an item needs a name"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(VaultError::Refused("an item name is at most 4096 bytes"));
    }
    Ok(())
}
