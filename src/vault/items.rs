//! Changing items: adding one (payload written, then a commit that lists it) and removing
//! items for good (keys out of every index copy, then their content overwritten).

use super::error::VaultError;
use super::handle::{AddOptions, Vault};
use super::index::Segment;
use super::write::{WrittenPayload, write_payload};
use crate::format::{CommitRecord, Extent, ItemRecord, SegmentBody};
use std::io::Read;

/// Longest item name accepted, in bytes (a long path is about 4 KiB).
pub const MAX_NAME_LEN: usize = 4096;

/// Items removed per commit, so a commit's freed ranges fit in the commit record.
const REMOVE_BATCH: usize = 16;

impl Vault {
    // ----- writing -----

    /// Adds one item read from `source` and commits it. Memory use does not depend on the
    /// item's size. Returns the new item's id.
    pub fn add(&mut self, source: &mut dyn Read, name: &[u8], options: &AddOptions) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        check_name(name)?;
        let start = self.commit.data_end;
        let written = match self.write_payload(source, start) {
            Ok(w) => w,
            Err(e) => {
                // Nothing was committed; drop the partial ciphertext (its key never left memory).
                let _ = self.storage.set_len(start);
                return Err(e);
            }
        };
        if options.skip_duplicate
            && let Some(existing) = self.items().find(|i| i.sha256 == written.sha256)
        {
            let existing = existing.id;
            let _ = self.storage.set_len(start);
            return Err(VaultError::Duplicate(existing));
        }
        let id = self.fresh_id();
        let item = ItemRecord {
            id,
            name: name.to_vec(),
            media_type: crate::media::with_name_fallback(written.media_type, name),
            size: written.size,
            added: options.added.unwrap_or_else(|| self.now()),
            modified: options.modified,
            sha256: written.sha256,
            tags: options.tags.clone(),
            file_key: *written.file_key.expose(),
            payload: written.payload,
        };
        let end = written.payload.end().expect("payload fits the file");
        if let Err(e) = self.append_items(vec![item], end) {
            // Truncate only if no commit was attempted: a superblock that failed to sync may
            // still have reached the disk and reference these bytes. The next writer
            // truncates whatever its committed state does not reference.
            if !self.poisoned {
                let _ = self.storage.set_len(start);
            }
            return Err(e);
        }
        // The item is committed. Wiping the merged segments is hygiene (they hold keys of
        // live items only); if it fails, the next writer finishes it (FORMAT.md §8 case 5).
        let _ = self.finish_pending_wipes();
        Ok(id)
    }

    /// Removes items for good: their keys leave every index copy in the file at once, and
    /// their content is then overwritten with random bytes. Crash-safe at every step.
    pub fn remove(&mut self, ids: &[u64]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        for id in ids {
            self.item(*id)?;
        }
        for batch in ids.chunks(REMOVE_BATCH) {
            self.rewrite_items(batch, &mut |_| None)?;
        }
        Ok(())
    }

    /// Gives an item a new name. Only the index changes (one commit); the index copies that
    /// held the old name are overwritten after it.
    pub fn rename(&mut self, id: u64, name: &[u8]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        check_name(name)?;
        self.item(id)?;
        self.rewrite_items(&[id], &mut |mut item| {
            item.name = name.to_vec();
            Some(item)
        })
    }

    /// Adds and removes tags of items (a tag already there is not added twice). Only the
    /// index changes, in one commit per 16 items.
    pub fn retag(&mut self, ids: &[u64], add: &[String], remove: &[String]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        for id in ids {
            self.item(*id)?;
        }
        for batch in ids.chunks(REMOVE_BATCH) {
            self.rewrite_items(batch, &mut |mut item| {
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
    fn rewrite_items(
        &mut self,
        ids: &[u64],
        change: &mut dyn FnMut(ItemRecord) -> Option<ItemRecord>,
    ) -> Result<(), VaultError> {
        let mut at = self.commit.data_end;
        let mut pending = Vec::new();
        let mut payloads = Vec::new();
        let mut segments = Vec::with_capacity(self.segments.len());
        for n in 0..self.segments.len() {
            let segment = &self.segments[n];
            if !segment.body.items.iter().any(|i| ids.contains(&i.id)) {
                segments.push(Segment { extent: segment.extent, body: segment.body.clone() });
                continue;
            }
            pending.push(Extent { offset: segment.extent.offset, len: 2 * segment.extent.len });
            let mut kept = Vec::with_capacity(segment.body.items.len());
            for item in segment.body.items.iter().cloned() {
                if !ids.contains(&item.id) {
                    kept.push(item);
                    continue;
                }
                let payload = item.payload;
                match change(item) {
                    Some(changed) => kept.push(changed),
                    None => payloads.push(payload),
                }
            }
            if !kept.is_empty() {
                let body = SegmentBody { items: kept };
                let extent;
                (extent, at) = self.place_segment(&body, at)?;
                segments.push(Segment { extent, body });
            }
        }
        pending.extend(payloads);
        let record = CommitRecord {
            data_end: at,
            segments: segments.iter().map(|s| s.extent).collect(),
            pending_wipe: pending,
            ..self.commit.clone()
        };
        self.write_commit(record)?;
        self.segments = segments;
        self.finish_pending_wipes()
    }

    pub(super) fn write_payload(&mut self, source: &mut dyn Read, start: u64) -> Result<WrittenPayload, VaultError> {
        write_payload(self.storage.as_ref(), &mut self.rng, source, start)
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
