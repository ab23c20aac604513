//! The commit protocol of FORMAT.md §8: syncing data, writing the new superblock to the copy
//! that does not hold the current state and then to the other, appending index segments
//! (with the binary-counter merge of §7), finishing pending wipes, and bringing an opened
//! vault to one clean state before it writes. Every change to the file's committed state
//! goes through here; what a change means (an item, a key) is decided by the callers.

use super::error::{Damage, VaultError};
use super::handle::Vault;
use super::index::{Segment, seal_segment};
use crate::crypto;
use crate::format::{self, CommitRecord, Extent, ItemRecord, MAX_SEGMENTS, SUPERBLOCK_LEN, SegmentBody};
use crate::storage::Storage;
use rand::RngCore;
use rand_chacha::ChaCha20Rng;
use std::io;

/// HKDF label of the commit record key.
pub(super) const COMMIT_INFO: &[u8] = b"clipvault/v1/commit";

impl Vault {
    /// Makes both superblocks identical, drops junk after the committed data and finishes
    /// any interrupted wipe, so every write starts from one clean state.
    pub(super) fn prepare_for_writing(&mut self) -> Result<(), VaultError> {
        let file_len = self.storage.len()?;
        if file_len < self.commit.data_end {
            return Err(VaultError::Integrity(Damage::Truncated));
        }
        let bytes = self.superblock.to_bytes();
        let other = 1 - self.active;
        let mut current = vec![0u8; SUPERBLOCK_LEN];
        let differs =
            self.storage.read_at((other * SUPERBLOCK_LEN) as u64, &mut current).is_err() || current[..] != bytes[..];
        if differs {
            self.storage.write_at((other * SUPERBLOCK_LEN) as u64, &bytes[..])?;
            self.storage.sync()?;
        }
        if file_len > self.commit.data_end {
            self.storage.set_len(self.commit.data_end)?;
            self.storage.sync()?;
        }
        self.finish_pending_wipes()
    }

    /// Appends `items` as a new segment at `at`, merges tail segments (FORMAT.md §7) and
    /// commits, listing the merged segments for wiping.
    pub(super) fn append_items(&mut self, items: Vec<ItemRecord>, at: u64) -> Result<(), VaultError> {
        let n = self.segments.len();
        let mut merged_count = items.len();
        let mut k = 0;
        while k < n {
            let prev = self.segments[n - 1 - k].body.items.len();
            if prev <= merged_count || n - k + 1 > MAX_SEGMENTS {
                merged_count += prev;
                k += 1;
            } else {
                break;
            }
        }
        let mut body = SegmentBody { items: Vec::with_capacity(merged_count) };
        for segment in &self.segments[n - k..] {
            body.items.extend(segment.body.items.iter().cloned());
        }
        body.items.extend(items);
        let (extent, end) = self.place_segment(&body, at)?;
        let pending: Vec<Extent> =
            self.segments[n - k..].iter().map(|s| Extent { offset: s.extent.offset, len: 2 * s.extent.len }).collect();
        let mut extents: Vec<Extent> = self.segments[..n - k].iter().map(|s| s.extent).collect();
        extents.push(extent);
        let record = CommitRecord { data_end: end, segments: extents, pending_wipe: pending, ..self.commit.clone() };
        self.write_commit(record)?;
        self.segments.truncate(n - k);
        self.segments.push(Segment { extent, body });
        Ok(())
    }

    /// Appends `body` at `end`; returns the segment's extent and the new end of data.
    ///
    /// Segments are never written into free space inside the data area: a crash between
    /// writing one there and committing would leave an index copy that no pending wipe
    /// covers. Appended bytes past `data_end` are truncated by the next writer instead.
    pub(super) fn place_segment(&mut self, body: &SegmentBody, end: u64) -> Result<(Extent, u64), VaultError> {
        let extent = self.write_segment(body, end)?;
        Ok((extent, end + 2 * extent.len))
    }

    /// Seals `body` and writes its two copies at `at`; returns the extent of one copy.
    pub(super) fn write_segment(&mut self, body: &SegmentBody, at: u64) -> Result<Extent, VaultError> {
        let copy = seal_segment(&self.master, &mut self.rng, body)?;
        let len = copy.len() as u64;
        self.storage.write_at(at, &copy)?;
        self.storage.write_at(at + len, &copy)?;
        Ok(Extent { offset: at, len })
    }

    /// Overwrites every range in `pending_wipe` with random bytes, syncs, and commits the
    /// list empty (FORMAT.md §8, step 5).
    pub(super) fn finish_pending_wipes(&mut self) -> Result<(), VaultError> {
        if self.commit.pending_wipe.is_empty() {
            return Ok(());
        }
        let file_len = self.storage.len()?;
        let largest = self.commit.pending_wipe.iter().map(|e| e.len).max().unwrap_or(0);
        let mut block = vec![0u8; largest.min(1 << 20) as usize];
        for extent in &self.commit.pending_wipe {
            let end = extent.end().unwrap_or(u64::MAX).min(file_len);
            let len = end.saturating_sub(extent.offset);
            overwrite_random(self.storage.as_ref(), &mut self.rng, &mut block, extent.offset, len)?;
        }
        self.storage.sync()?;
        let record = CommitRecord { pending_wipe: vec![], ..self.commit.clone() };
        self.write_commit(record)
    }

    /// Steps 2-4 of the commit protocol: sync data, then write the new superblock first to
    /// the copy that does not hold the current state, sync, then to the other, sync.
    pub(super) fn write_commit(&mut self, record: CommitRecord) -> Result<(), VaultError> {
        let result = self.write_commit_inner(record);
        if result.is_err() {
            self.poisoned = true;
        }
        result
    }

    pub(super) fn write_commit_inner(&mut self, record: CommitRecord) -> Result<(), VaultError> {
        self.storage.sync()?;
        let mut sb = self.superblock.clone();
        sb.sequence += 1;
        sb.commit_nonce = crypto::random_bytes(&mut self.rng);
        let mut sealed = format::encode_commit(&record)?;
        let key = self.master.derive(b"", COMMIT_INFO);
        crypto::seal(&key, &sb.commit_nonce, &sb.commit_aad(), &mut sealed);
        sb.sealed_commit = Box::new(sealed.as_slice().try_into().expect("fixed commit record length"));
        sb.mac = self.master.header_mac(&sb.mac_input());
        let bytes = sb.to_bytes();
        let first = 1 - self.active;
        self.storage.write_at((first * SUPERBLOCK_LEN) as u64, &bytes[..])?;
        self.storage.sync()?;
        self.active = first;
        self.superblock = sb;
        self.commit = record;
        self.storage.write_at(((1 - first) * SUPERBLOCK_LEN) as u64, &bytes[..])?;
        self.storage.sync()?;
        Ok(())
    }
}

/// Overwrites `len` bytes at `offset` with random bytes, a block at a time. The block holds
/// noise, not secrets, so it needs no wiping.
pub(super) fn overwrite_random(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    block: &mut [u8],
    offset: u64,
    len: u64,
) -> io::Result<()> {
    let mut done = 0;
    while done < len {
        let n = ((len - done) as usize).min(block.len());
        rng.fill_bytes(&mut block[..n]);
        storage.write_at(offset + done, &block[..n])?;
        done += n as u64;
    }
    Ok(())
}
