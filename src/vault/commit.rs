//! The commit protocol of format version 2 (FORMAT-v2.md §4.3, §6): new blobs appended at
//! the end of the file, a new manifest, then the superblock with this compartment's area
//! pointing at it, written first to the copy that does not hold the current state and then
//! to the other; index segments merged as a binary counter; freed ranges overwritten. Every
//! change to the file's committed state goes through here; what a change means (an item, a
//! key) is decided by the callers. A version 1 file is upgraded (`upgrade.rs`) before its
//! first commit.

use super::blob::{has_item_header, seal_item_header, write_blob, write_blob_apart};
use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use super::index::{Place, Segment};
use super::pipeline::overwrite_random;
use crate::crypto;
use crate::format::v2::{self, AreaPlain, BlobKind, MAX_SEGMENTS, Manifest};
use crate::format::{Extent, ItemRecord, SUPERBLOCK_LEN, SegmentBody};
use sha2::{Digest, Sha256};
use std::io;

/// Pending work larger than this (bytes to overwrite) gets a commit of its own once done.
const REDO_LIMIT: u64 = 1 << 20;

/// HKDF label of the area key.
pub(super) const AREA_INFO: &[u8] = b"clipvault/v2/area";

impl VaultWriter {
    /// Brings an opened vault to one clean state before it writes: a version 1 file is
    /// upgraded; both superblock copies are made identical; ranges the last commit freed are
    /// overwritten (again, if a crash came before: overwriting random bytes is harmless); a
    /// compartment whose manifest is older than version 4 is upgraded by one commit
    /// (FORMAT-v2.md §14.3).
    pub(super) fn prepare_for_writing(&mut self) -> Result<(), VaultError> {
        if self.vault.version == 1 {
            return self.upgrade();
        }
        self.heal_and_finish()?;
        if self.vault.manifest.encoding < v2::VERSION || self.vault.superblock.version < v2::VERSION {
            self.upgrade_to_v4()?;
        }
        Ok(())
    }

    /// Copies the newest superblock over a differing other copy, then does the work the last
    /// commit left pending (FORMAT-v2.md §8 step 5).
    fn heal_and_finish(&mut self) -> Result<(), VaultError> {
        let bytes = self.vault.superblock.to_bytes();
        let other = 1 - self.vault.active;
        let mut current = vec![0u8; SUPERBLOCK_LEN];
        let differs = self.vault.storage.read_at((other * SUPERBLOCK_LEN) as u64, &mut current).is_err()
            || current[..] != bytes[..];
        if differs {
            self.vault.storage.write_at((other * SUPERBLOCK_LEN) as u64, &bytes[..])?;
            self.vault.storage.sync()?;
        }
        self.finish_pending_wipes()
    }

    /// Where the next blob or allocation goes: the first unit at or after the end of the
    /// file (bytes past the last commit are junk of an interrupted write, or another
    /// compartment's data; either way they are never overwritten).
    pub(super) fn append_offset(&self) -> Result<u64, VaultError> {
        Ok(v2::align(self.vault.storage.len()?).max(crate::format::DATA_START))
    }

    /// Appends `items` as a new segment at `at`, merges tail segments (FORMAT.md §7: a
    /// segment absorbs the ones before it that are no bigger) and commits, listing the
    /// merged segments for wiping; `freed` is wiped too.
    pub(super) fn append_items(&mut self, items: Vec<ItemRecord>, at: u64) -> Result<(), VaultError> {
        let n = self.vault.segments.len();
        let mut merged_count = items.len();
        let mut k = 0;
        while k < n {
            let prev = self.vault.segments[n - 1 - k].body.items.len();
            if prev <= merged_count || n - k + 1 > MAX_SEGMENTS {
                merged_count += prev;
                k += 1;
            } else {
                break;
            }
        }
        let mut body = SegmentBody { items: Vec::with_capacity(merged_count) };
        for segment in &self.vault.segments[n - k..] {
            body.items.extend(segment.body.items.iter().cloned());
        }
        body.items.extend(items);
        let place = self.write_segment(&body, at)?.0;
        let freed: Vec<Extent> = self.vault.segments[n - k..].iter().flat_map(|s| s.place.extents()).collect();
        self.commit_segments(n - k, vec![Segment { place, body }], freed, vec![])
    }

    /// Reserves room at `at` for the mirror copy of the manifest the next commit writes (as
    /// many units as the current manifest's copy takes), random bytes until then, and returns
    /// where the operation's own data starts: its data then lies between the manifest's two
    /// copies, so one bad region of the disk does not take both (FORMAT-v2.md §6). A manifest
    /// that outgrew the room gets its mirror right after its first copy; the room stays
    /// random, like any junk past a commit.
    pub(super) fn reserve_manifest_mirror(&mut self, at: u64) -> Result<u64, VaultError> {
        let len = self.vault.manifest_ref.map_or(v2::UNIT, |m| v2::align(u64::from(m.len)));
        let mut block = vec![0u8; len as usize];
        overwrite_random(self.vault.storage.as_ref(), &mut self.vault.rng, &mut block, at, len)?;
        self.vault.mirror_hole = Some(Extent { offset: at, len });
        Ok(at + len)
    }

    /// Seals `body` as a segment blob at `at`; returns where it is and the next free unit.
    pub(super) fn write_segment(&mut self, body: &SegmentBody, at: u64) -> Result<(Place, u64), VaultError> {
        let (blob, end) = write_blob(
            self.vault.storage.as_ref(),
            &self.vault.master,
            &mut self.vault.rng,
            BlobKind::SegmentV4,
            body,
            at,
        )?;
        Ok((Place::V2(blob, BlobKind::SegmentV4), end))
    }

    /// Commits as the index the first `keep` segments followed by `added` (already
    /// written), with `freed` to be overwritten and the item headers of `headers` (ids) to be
    /// rewritten from the index; then does both. On failure the handle's segments are as
    /// before.
    pub(super) fn commit_segments(
        &mut self,
        keep: usize,
        added: Vec<Segment>,
        freed: Vec<Extent>,
        headers: Vec<u64>,
    ) -> Result<(), VaultError> {
        let mut manifest = self.next_manifest();
        manifest.segments = self.vault.segments[..keep].iter().chain(&added).map(|s| v2_blob(&s.place)).collect();
        manifest.pending_wipe.extend(freed);
        manifest.pending_headers.extend(headers);
        self.commit(manifest)?;
        self.vault.segments.truncate(keep);
        self.vault.segments.extend(added);
        // Committed: what is left is overwriting what the commit freed. If that fails the
        // change still stands and the next writer overwrites again (§8 step 5); the caller
        // learns it from `unfinished_wipe`, not from an error that would say nothing changed.
        self.vault.unfinished_wipe = self.finish_pending_wipes().err().map(|e| e.to_string());
        Ok(())
    }

    /// Why overwriting what the last commit freed (a shredded item's content, replaced index
    /// copies) did not finish, if it did not. The commit itself stands; the next command that
    /// writes overwrites those ranges again (and a later commit that finishes clears this).
    pub fn unfinished_wipe(&self) -> Option<&str> {
        self.vault.unfinished_wipe.as_deref()
    }

    /// The manifest a new commit starts from: the current one, without pending work that
    /// is done.
    pub(super) fn next_manifest(&self) -> Manifest {
        let mut manifest = self.vault.manifest.clone();
        if self.vault.wiped {
            manifest.pending_wipe.clear();
            manifest.pending_headers.clear();
        }
        manifest
    }

    /// Does the work the last commit left pending, and syncs: overwrites every range in
    /// `pending_wipe` with random bytes, and rewrites the item header of every item in
    /// `pending_headers` from the index. The lists stay in the manifest until the next
    /// commit, which drops them (doing either twice after a crash costs time, not safety:
    /// nothing reuses a freed range but `compact`, and a header is rewritten whole).
    pub(super) fn finish_pending_wipes(&mut self) -> Result<(), VaultError> {
        if self.vault.wiped
            || (self.vault.manifest.pending_wipe.is_empty() && self.vault.manifest.pending_headers.is_empty())
        {
            self.vault.wiped = true;
            return Ok(());
        }
        for id in self.vault.manifest.pending_headers.clone() {
            let Ok(item) = self.item(id).cloned() else { continue };
            if has_item_header(&item) {
                let header = seal_item_header(&self.vault.master, &mut self.vault.rng, &item)?;
                self.vault.storage.write_at(item.allocation.offset, &header)?;
            }
        }
        let file_len = self.vault.storage.len()?;
        let largest = self.vault.manifest.pending_wipe.iter().map(|e| e.len).max().unwrap_or(0);
        let mut block = vec![0u8; largest.min(1 << 20) as usize];
        let generation = self.vault.manifest.generation;
        for extent in &self.vault.manifest.pending_wipe {
            let end = extent.end().unwrap_or(u64::MAX).min(file_len);
            let len = end.saturating_sub(extent.offset);
            let mut filler = wipe_filler(&self.vault.master, generation, extent.offset);
            overwrite_random(self.vault.storage.as_ref(), &mut filler, &mut block, extent.offset, len)?;
        }
        self.vault.storage.sync()?;
        self.vault.wiped = true;
        // Redoing a large wipe at every later open would cost as much as the wipe (a shredded
        // video: a gigabyte); past a megabyte one more commit records that it is done.
        let wiped: u64 = self.vault.manifest.pending_wipe.iter().map(|e| e.len).sum();
        if wiped > REDO_LIMIT {
            let manifest = self.next_manifest();
            self.commit(manifest)?;
        }
        Ok(())
    }

    /// Writes `manifest` at the end of the file, then this compartment's area pointing at it
    /// into a new superblock: first to the copy that does not hold the current state, sync,
    /// then to the other, sync. A failure part-way poisons the handle (its view may be
    /// stale); the file holds the old state or the new.
    pub(super) fn commit(&mut self, manifest: Manifest) -> Result<(), VaultError> {
        let result = self.commit_inner(manifest);
        if result.is_err() {
            self.vault.poisoned = true;
        }
        result
    }

    fn commit_inner(&mut self, mut manifest: Manifest) -> Result<(), VaultError> {
        manifest.generation = self.vault.manifest.generation + 1;
        manifest.encoding = v2::VERSION;
        if manifest.device == [0; 8] {
            manifest.device = crypto::random_bytes(&mut self.vault.rng);
        }
        manifest.tombstones.append(&mut self.vault.staged_tombstones);
        if let Some((custody, freed)) = self.vault.staged_custody.take() {
            manifest.custody = Some(custody);
            manifest.pending_wipe.extend(freed);
        }
        // Never write a manifest a reader must reject (FORMAT-v2.md §11): callers batch their
        // work so that this does not happen.
        if manifest.segments.len() > v2::MAX_SEGMENTS
            || manifest.pending_wipe.len() > v2::MAX_PENDING_WIPE
            || manifest.pending_headers.len() > v2::MAX_PENDING_WIPE
            || manifest.tombstones.len() > v2::MAX_TOMBSTONES
        {
            return Err(VaultError::Refused("too many changes for one commit; do them in smaller groups"));
        }
        let mut sb = self.vault.superblock.clone();
        sb.version = v2::VERSION;
        sb.sequence = self.next_sequence();
        // The manifest vouches for this compartment's slots as this superblock holds them.
        manifest.bound_slots = manifest
            .slots
            .iter()
            .map(|s| v2::BoundSlot { slot: s.slot, sha256: Sha256::digest(sb.slots[usize::from(s.slot)]).into() })
            .collect();
        let at = self.append_offset()?;
        // The mirror goes into the room reserved before this commit's data, if there is one
        // and it is still free (it lies between the last commit and this one's first byte).
        let hole = self.vault.mirror_hole.take().filter(|h| h.end().is_some_and(|end| end <= at));
        let (blob, _) = write_blob_apart(
            self.vault.storage.as_ref(),
            &self.vault.master,
            &mut self.vault.rng,
            BlobKind::Manifest,
            &manifest,
            at,
            hole,
        )?;
        self.vault.storage.sync()?;
        let area = AreaPlain {
            key_check: self.vault.master.key_check(&sb.kdf_binding()),
            generation: manifest.generation,
            created: self.vault.created,
            manifest: blob,
        };
        sb.areas[self.vault.area] = seal_area(&self.vault.master, &mut self.vault.rng, &sb, self.vault.area, &area);
        self.write_superblock(sb, move |vault| {
            vault.manifest = manifest;
            vault.manifest_ref = Some(blob);
            vault.version = v2::VERSION;
            vault.wiped = vault.manifest.pending_wipe.is_empty() && vault.manifest.pending_headers.is_empty();
        })
    }

    /// The sequence number of the next superblock: above the current one, and otherwise the
    /// time in microseconds, so that it orders the two copies without counting commits (a
    /// count would show how many commits were not the open compartment's).
    pub(super) fn next_sequence(&self) -> u64 {
        let micros = match self.vault.clock {
            Some(now) => now.saturating_mul(1_000_000),
            None => {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as u64)
            }
        };
        (self.vault.superblock.sequence + 1).max(micros)
    }

    /// Writes `sb` to the copy that does not hold the current state, syncs, then to the
    /// other, syncs. `on_durable` updates the handle once the new state is on disk (after the
    /// first copy), whatever happens to the second.
    ///
    /// The first copy decides. If writing or syncing it fails, the old superblock is written
    /// back over it, so that an error means nothing changed (a failed sync may still have
    /// left the new bytes in the page cache, where readers and the next writer would see
    /// them). Once it is durable the commit is done: a failure on the second copy changes
    /// nothing that was committed (the next writer heals that copy, §8 step 5), so it is no
    /// error.
    pub(super) fn write_superblock(
        &mut self,
        sb: v2::Superblock,
        on_durable: impl FnOnce(&mut Vault),
    ) -> Result<(), VaultError> {
        let bytes = sb.to_bytes();
        let first = 1 - self.vault.active;
        let at = (first * SUPERBLOCK_LEN) as u64;
        let written = self.vault.storage.write_at(at, &bytes[..]).and_then(|()| self.vault.storage.sync());
        if let Err(e) = written {
            let old = self.vault.superblock.to_bytes();
            if self.vault.storage.write_at(at, &old[..]).and_then(|()| self.vault.storage.sync()).is_err() {
                return Err(VaultError::Io(io::Error::new(
                    e.kind(),
                    format!("{e}; the change may or may not have been stored (run `clipvault verify`)"),
                )));
            }
            return Err(VaultError::Io(e));
        }
        self.vault.active = first;
        self.vault.superblock = sb;
        on_durable(&mut self.vault);
        let _ = self
            .vault
            .storage
            .write_at(((1 - first) * SUPERBLOCK_LEN) as u64, &bytes[..])
            .and_then(|()| self.vault.storage.sync());
        Ok(())
    }
}

/// The bytes that overwrite a freed range (FORMAT-v2.md §8 step 5): a ChaCha20 stream keyed
/// from the master key, the generation of the commit that freed the range and its offset. As
/// random-looking as fresh random bytes to anyone without the key, and the same when the
/// work is done again after a crash, or at the next writer's start: a backup tool that
/// chunks the file by content sees no change where nothing changed.
fn wipe_filler(master: &crypto::MasterKey, generation: u64, offset: u64) -> rand_chacha::ChaCha20Rng {
    let mut salt = [0u8; 16];
    salt[..8].copy_from_slice(&generation.to_le_bytes());
    salt[8..].copy_from_slice(&offset.to_le_bytes());
    let key = master.derive(&salt, WIPE_FILLER_INFO);
    <rand_chacha::ChaCha20Rng as rand::SeedableRng>::from_seed(*key.expose())
}

/// HKDF label of the wipe filler.
const WIPE_FILLER_INFO: &[u8] = b"clipvault/v4/wipe-filler";

/// An area: `nonce || AEAD(area_key, nonce, aad, plaintext)`.
pub(super) fn seal_area(
    master: &crypto::MasterKey,
    rng: &mut rand_chacha::ChaCha20Rng,
    sb: &v2::Superblock,
    index: usize,
    area: &AreaPlain,
) -> [u8; v2::AREA_LEN] {
    let nonce: [u8; 12] = crypto::random_bytes(rng);
    let key = master.derive(b"", AREA_INFO);
    let mut sealed = area.to_bytes().to_vec();
    crypto::seal(&key, &nonce, &sb.area_aad(index as u8), &mut sealed);
    let mut out = [0u8; v2::AREA_LEN];
    out[..12].copy_from_slice(&nonce);
    out[12..].copy_from_slice(&sealed);
    out
}

/// Opens area `index` of `sb` with `master`: its plaintext if it authenticates and its key
/// check matches (the key commitment), else `None`.
pub(super) fn open_area(master: &crypto::MasterKey, sb: &v2::Superblock, index: usize) -> Option<AreaPlain> {
    let area = &sb.areas[index];
    let key = master.derive(b"", AREA_INFO);
    let nonce: [u8; 12] = area[..12].try_into().expect("fixed layout");
    let mut plain = area[12..].to_vec();
    crypto::open(&key, &nonce, &sb.area_aad(index as u8), &mut plain).ok()?;
    let area = AreaPlain::parse(&plain).ok()?;
    let expected = master.key_check(&sb.kdf_binding());
    bool::from(subtle::ConstantTimeEq::ct_eq(&area.key_check[..], &expected[..])).then_some(area)
}

/// A segment's blob reference (a file is upgraded to version 4, all its segments rewritten,
/// before anything else is committed).
fn v2_blob(place: &Place) -> v2::BlobRef {
    match place {
        Place::V2(blob, kind) => {
            debug_assert_eq!(*kind, BlobKind::SegmentV4, "an older segment in a version 4 manifest");
            *blob
        }
        Place::V1(_) => unreachable!("a version 1 file is upgraded before it is written"),
        Place::Recovered => unreachable!("a salvage view is read-only"),
    }
}
