//! Merging another copy of the vault into this one (FORMAT-v2.md §14.5): a device's own file,
//! a sync tool's conflict copy, a restored backup, an old file from a USB stick. Items are
//! matched by uid; an item only the other copy has is copied in as ciphertext (its file key is
//! in its record, and both files hold the same master key); one both have takes its name,
//! tags and evidence note from the later change (time, then device), the other's set aside in
//! its history; a tombstone wins over every change, but evidence leaves only by a forced,
//! logged shred. Every change lands through the commit protocol, in batches, so a crash
//! leaves a state that a second merge completes. The other copy is only read, opened and
//! checked like any vault: a forged or damaged file adds and removes nothing.

use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use super::items::seal_allocation;
use super::pipeline::{copy_range, overwrite_random};
use crate::format::v2::{self, ITEM_HEADER_LEN, MAX_HISTORY, Revision, Tombstone};
use crate::format::{Extent, ItemRecord};
use std::collections::{HashMap, HashSet};

/// Items copied in per commit.
const COPY_BATCH: usize = 64;
/// Items changed or shredded per commit (as `retag` and `shred` batch them).
const CHANGE_BATCH: usize = 16;

/// What a merge did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Items copied in from the other copy.
    pub added: usize,
    /// Items whose name, tags or evidence mark changed.
    pub changed: usize,
    /// Items shredded here by the other copy's tombstones.
    pub shredded: usize,
    /// Evidence items a tombstone named without a forced shred: kept.
    pub evidence_kept: usize,
}

impl VaultWriter {
    /// Folds `other` (another copy of this vault, opened with the same key) into this one, as
    /// FORMAT-v2.md §14.5 says. Idempotent; merging A into B and B into A gives both the same
    /// items.
    pub fn merge_from(&mut self, other: &Vault) -> Result<Merged, VaultError> {
        self.ensure_writable()?;
        if !self.vault.master.same_key(&other.master) {
            return Err(VaultError::Refused("that file is not a copy of this vault (another key opens it)"));
        }
        let mut merged = Merged::default();
        let ours: HashMap<[u8; 16], u64> = self.items().map(|i| (i.uid, i.id)).collect();
        let buried: HashSet<[u8; 16]> = self.tombstones().iter().map(|t| t.uid).collect();
        let forced: HashSet<[u8; 16]> = self.tombstones().iter().filter(|t| t.forced).map(|t| t.uid).collect();

        // 1. Items only the other copy has, copied in; a tombstone here buries them, but one
        // that is not forced does not bury evidence.
        let incoming: Vec<&ItemRecord> = other
            .items()
            .filter(|i| !ours.contains_key(&i.uid))
            .filter(|i| !buried.contains(&i.uid) || (i.evidence.is_some() && !forced.contains(&i.uid)))
            .collect();
        for batch in incoming.chunks(COPY_BATCH) {
            let mut at = self.append_offset()?;
            let mut records = Vec::with_capacity(batch.len());
            for item in batch {
                let (record, end) = self.copy_item(other, item, at)?;
                records.push(record);
                at = end;
            }
            merged.added += records.len();
            self.append_items(records, at)?;
        }

        // 2. Items both have: the later change wins.
        let theirs: HashMap<[u8; 16], &ItemRecord> = other.items().map(|i| (i.uid, i)).collect();
        let changed: Vec<u64> = self
            .items()
            .filter_map(|mine| theirs.get(&mine.uid).filter(|t| resolve(mine, t) != *mine).map(|_| mine.id))
            .collect();
        for batch in changed.chunks(CHANGE_BATCH) {
            self.rewrite_items(batch, &mut |mine| {
                let resolved = theirs.get(&mine.uid).map(|t| resolve(&mine, t));
                Some(resolved.unwrap_or(mine))
            })?;
        }
        merged.changed = changed.len();

        // 3. The other copy's tombstones: kept here, and what they name shredded here (but
        // evidence, unless its shred was forced).
        let known: HashSet<[u8; 16]> = self.tombstones().iter().map(|t| t.uid).collect();
        let new_tombstones: Vec<Tombstone> =
            other.tombstones().iter().filter(|t| !known.contains(&t.uid)).cloned().collect();
        let here: HashMap<[u8; 16], &ItemRecord> = self.items().map(|i| (i.uid, i)).collect();
        let mut doomed = Vec::new();
        for tombstone in &new_tombstones {
            if let Some(item) = here.get(&tombstone.uid) {
                if item.evidence.is_some() && !tombstone.forced {
                    merged.evidence_kept += 1;
                } else {
                    doomed.push(item.id);
                }
            }
        }
        let mut pending = new_tombstones;
        for batch in doomed.chunks(CHANGE_BATCH) {
            // Each batch's tombstones land with its shred; the rest with the last commit.
            let uids: HashSet<[u8; 16]> =
                batch.iter().filter_map(|id| self.item(*id).ok()).map(|item| item.uid).collect();
            let (with, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|t| uids.contains(&t.uid));
            pending = rest;
            self.vault.staged_tombstones = with;
            let result = self.rewrite_items(batch, &mut |_| None);
            self.vault.staged_tombstones.clear();
            result?;
            merged.shredded += batch.len();
        }
        if !pending.is_empty() {
            self.vault.staged_tombstones = pending;
            let manifest = self.next_manifest();
            let result = self.commit(manifest);
            self.vault.staged_tombstones.clear();
            result?;
        }
        Ok(merged)
    }

    /// Makes this file a device of its own (FORMAT-v2.md §14.5): a fresh device id, one
    /// commit. For a copy of another device's file, before it is first written.
    pub fn become_new_device(&mut self) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let mut manifest = self.next_manifest();
        manifest.device = crate::crypto::random_bytes(&mut self.vault.rng);
        self.commit(manifest)
    }

    /// Copies `item` of `other` into this file at `at` as ciphertext: a new allocation (item
    /// header, the payload byte for byte, random padding), and its thumbnail's; returns the
    /// record as this file holds it and where the next free unit is.
    fn copy_item(&mut self, other: &Vault, item: &ItemRecord, at: u64) -> Result<(ItemRecord, u64), VaultError> {
        let mut record = item.clone();
        if self.item(record.id).is_ok() {
            record.id = self.fresh_id();
        }
        let payload_len = item.payload.len;
        record.allocation = Extent { offset: at, len: v2::allocation_len(ITEM_HEADER_LEN as u64 + payload_len) };
        record.payload = Extent { offset: at + ITEM_HEADER_LEN as u64, len: payload_len };
        copy_bytes(other, item.payload, self, record.payload.offset)?;
        let mut end = record.allocation.end().ok_or(VaultError::Refused("item too large"))?;
        if let (Some(theirs), Some(mine)) = (&item.thumbnail, record.thumbnail.as_mut()) {
            mine.allocation = Extent { offset: end, len: v2::align(theirs.payload.len) };
            mine.payload = Extent { offset: end, len: theirs.payload.len };
            copy_bytes(other, theirs.payload, self, end)?;
            let pad_from = end + theirs.payload.len;
            end = mine.allocation.end().ok_or(VaultError::Refused("item too large"))?;
            let mut block = vec![0u8; (end - pad_from) as usize];
            overwrite_random(self.vault.storage.as_ref(), &mut self.vault.rng, &mut block, pad_from, end - pad_from)?;
        }
        seal_allocation(
            self.vault.storage.as_ref(),
            &self.vault.master,
            &mut self.vault.rng,
            &record,
            record.payload.offset + payload_len,
        )?;
        Ok((record, end))
    }
}

/// Copies `extent` of `from`'s file to `to`'s file at `at`.
fn copy_bytes(from: &Vault, extent: Extent, to: &VaultWriter, at: u64) -> Result<(), VaultError> {
    let target = to.vault.storage.as_ref();
    copy_range(from.storage.as_ref(), extent.offset, extent.len, &mut |done, bytes| target.write_at(at + done, bytes))?;
    Ok(())
}

/// One item as both copies hold it, resolved (FORMAT-v2.md §14.5): name, tags and evidence
/// note from the later change (by time, then device); the earlier name and tags into the
/// history if they differ; an evidence mark kept if either has one; digests from either.
/// Symmetric: `resolve(a, b)` and `resolve(b, a)` agree in everything but where the item is.
fn resolve(mine: &ItemRecord, theirs: &ItemRecord) -> ItemRecord {
    // Equal stamps mean one change (a device stamps each change later than the state it
    // changed); should two differ all the same, the content decides, the same on both sides.
    let theirs_later = (theirs.changed, &theirs.name, &theirs.tags) > (mine.changed, &mine.name, &mine.tags);
    let (winner, loser) = if theirs_later { (theirs, mine) } else { (mine, theirs) };
    let mut out = mine.clone();
    out.name = winner.name.clone();
    out.tags = winner.tags.clone();
    out.changed = winner.changed;
    out.modified = winner.modified;
    out.evidence = winner.evidence.clone().or_else(|| loser.evidence.clone());
    out.digests = match (mine.digests, theirs.digests) {
        (Some(a), Some(b)) => Some(v2::Digests { md5: a.md5.or(b.md5), pdq: a.pdq.or(b.pdq) }),
        (a, b) => a.or(b),
    };
    let mut history: Vec<Revision> = mine.history.iter().chain(&theirs.history).cloned().collect();
    if loser.name != winner.name || loser.tags != winner.tags {
        history.push(Revision { changed: loser.changed, name: loser.name.clone(), tags: loser.tags.clone() });
    }
    history.sort_by(|a, b| (a.changed, &a.name, &a.tags).cmp(&(b.changed, &b.name, &b.tags)));
    history.dedup();
    history.retain(|r| !(r.changed == out.changed && r.name == out.name && r.tags == out.tags));
    let excess = history.len().saturating_sub(MAX_HISTORY);
    history.drain(..excess);
    out.history = history;
    out
}
