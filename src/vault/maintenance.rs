//! Whole-vault work: `verify` (every chunk of every item), `compact` and `rotate` (a new
//! file written beside the vault and renamed over it), and `salvage` (intact items copied
//! into another vault).

use super::blob::{blob_extents, has_item_header, open_blob_copy, open_item_header};
use super::error::{CopyDamage, Damage, VaultError, kdf_refusal};
use super::handle::{AddOptions, Problem, Vault, VaultWriter};
use super::index::{Place, Segment, open_segment_copy};
use super::items::seal_allocation;
use super::read::{ItemReader, for_each_plain_batch};
use super::stale::scrub;
use super::write::write_payload;
use crate::crypto::{self, MasterKey, Passphrase};
use crate::format::v2::{self, BlobKind, ITEM_HEADER_LEN, Manifest, SLOT_PASSPHRASE};
use crate::format::{AnySuperblock, DATA_START, Extent, ItemRecord, SUPERBLOCK_LEN, SegmentBody};
use crate::storage::{FileStorage, StagedFile, Storage, parent_dir};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io;
use std::path::PathBuf;

/// How often `verify` checks what it found again after writers changed the vault beside it.
const RECHECKS: usize = 5;

impl Vault {
    /// Reads every chunk of every item and checks it against its SHA-256, and reports what
    /// is damaged. An empty list means everything verified.
    ///
    /// A read-only handle shares the file with writers: what a commit beside it freed and
    /// overwrote (a shredded item, replaced index copies) reads as damage to it. So what it
    /// finds is checked again against the state committed since ([`Vault::refresh`]); damage
    /// is what stays. ([`VaultError::Rekeyed`] if `key rotate` or `panic` ran meanwhile.)
    pub fn verify(&mut self, mut progress: impl FnMut(u64)) -> Result<Vec<Problem>, VaultError> {
        let mut problems = self.verify_pass(None, &mut progress)?;
        for _ in 0..RECHECKS {
            if problems.is_empty() || !self.refresh()? {
                break;
            }
            let ids: HashSet<u64> = problems.iter().filter_map(|p| p.item).collect();
            problems = self.verify_pass(Some(&ids), &mut |_| {})?;
        }
        Ok(problems)
    }

    /// One verify pass over the structures and the items (all, or those in `only`).
    fn verify_pass(
        &self,
        only: Option<&HashSet<u64>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Vec<Problem>, VaultError> {
        let mut problems = Vec::new();
        problems.extend(self.check_redundancy()?);
        if self.manifest_lost {
            problems.push(Problem {
                item: None,
                what: "both copies of the index's manifest are unreadable; items were found by their item headers \
                       alone (an item whose header is damaged too is lost, and one shredded just before the damage \
                       could come back)"
                    .into(),
            });
        }
        if self.lost_segments > 0 {
            problems.push(Problem {
                item: None,
                what: format!(
                    "{} index segment(s) are unreadable in both copies; the items they listed cannot be recovered",
                    self.lost_segments
                ),
            });
        }
        match self.custody_log() {
            Ok(_) => {}
            Err(VaultError::Integrity(_) | VaultError::Malformed { .. }) => problems.push(Problem {
                item: None,
                what: "the evidence custody log is damaged or was changed (an entry removed, edited or reordered)"
                    .into(),
            }),
            Err(e) => return Err(e),
        }
        if self.truncated {
            problems.push(Problem {
                item: None,
                what: "the end of the vault file is missing (it was cut short); what it held is reported below, \
                       the rest reads"
                    .into(),
            });
        }
        for item in self.items().filter(|i| only.is_none_or(|ids| ids.contains(&i.id))) {
            let mut hasher = Sha256::new();
            let result = for_each_plain_batch(self.storage.as_ref(), item, &mut |chunks| {
                for chunk in chunks {
                    hasher.update(chunk);
                    progress(chunk.len() as u64);
                }
                Ok(())
            });
            let what = match result {
                Ok(()) if <[u8; 32]>::from(hasher.finalize()) == item.sha256 => {
                    // The item header is what salvage finds it by when every index copy is
                    // lost: it must open and name this item.
                    // (A header still to be rewritten, in `pending_headers`, holds an older
                    // name but the same id and payload: it is checked like any other.)
                    let header_ok = !has_item_header(item)
                        || open_item_header(self.storage.as_ref(), &self.master, item.allocation.offset)?
                            .is_some_and(|h| h.id == item.id && h.payload == item.payload);
                    if !header_ok && self.manifest.pending_headers.contains(&item.id) {
                        // Torn by an interrupted rewrite, which the next writer does again.
                        problems.push(Problem {
                            item: None,
                            what: format!(
                                "the item header copy of {:016x} was torn by an interrupted rename or tag; the next \
                                 command that writes rewrites it",
                                item.id
                            ),
                        });
                        continue;
                    } else if !header_ok {
                        "its item header is damaged (the content is intact; only salvage without an index needs it)"
                            .to_string()
                    } else if !self.thumbnail_reads(item)? {
                        "its stored thumbnail is damaged (the item is intact; `clipvault thumbnails` makes it again)"
                            .to_string()
                    } else {
                        continue;
                    }
                }
                Ok(()) => "content does not match its SHA-256".to_string(),
                // (A payload cut short by truncation is reported as an integrity failure too.)
                Err(VaultError::Integrity(_)) => {
                    "content failed authentication (tampered, corrupt or cut short)".to_string()
                }
                Err(e) => return Err(e),
            };
            problems.push(Problem { item: Some(item.id), what });
        }
        Ok(problems)
    }

    /// Whether `item`'s stored thumbnail (if any) reads back whole and authenticated.
    fn thumbnail_reads(&self, item: &ItemRecord) -> Result<bool, VaultError> {
        let mut reader = match ItemReader::of_thumbnail(self.storage.as_ref(), item) {
            Ok(Some(reader)) => reader,
            Ok(None) => return Ok(true),
            Err(VaultError::Integrity(_) | VaultError::Malformed { .. }) => return Ok(false),
            Err(e) => return Err(e),
        };
        match io::copy(&mut reader, &mut io::sink()) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
            Err(e) => Err(VaultError::Io(e)),
        }
    }

    /// Every copy of every structure, beyond the one that was used: both superblocks and
    /// both copies of each index segment, of the manifest and of each custody page. A
    /// damaged copy loses nothing yet, but the next bad block would.
    fn check_redundancy(&self) -> Result<Vec<Problem>, VaultError> {
        let mut problems = Vec::new();
        for copy in 0..2 {
            let mut bytes = vec![0u8; SUPERBLOCK_LEN];
            let parsed = match self.storage.read_at((copy * SUPERBLOCK_LEN) as u64, &mut bytes) {
                Ok(()) => AnySuperblock::parse(bytes.as_slice().try_into().expect("one superblock"))
                    .map(drop)
                    .map_err(CopyDamage::Format),
                Err(_) => Err(CopyDamage::Unreadable),
            };
            if let Err(why) = parsed {
                problems.push(Problem {
                    item: None,
                    what: format!("header copy {} of 2 is damaged: {why} (the other copy is intact)", copy + 1),
                });
            }
        }
        let damaged = |what: &str, copy: usize, at: u64, why: CopyDamage| Problem {
            item: None,
            what: format!("{what} copy {} of 2 at byte {at} is damaged: {why} (its mirror copy is intact)", copy + 1),
        };
        for segment in self.segments.iter().filter(|s| s.place != Place::Recovered) {
            for (copy, extent) in segment.place.copies().iter().enumerate() {
                if let Err(why) = open_segment_copy(self.storage.as_ref(), &self.master, &segment.place, copy)? {
                    problems.push(damaged("index", copy, extent.offset, why));
                }
            }
        }
        let pages = self.manifest.custody.iter().flat_map(|c| c.pages.iter());
        for blob in pages {
            for (copy, at) in [blob.offset, blob.mirror].into_iter().enumerate() {
                let opened =
                    open_blob_copy(self.storage.as_ref(), &self.master, BlobKind::CustodyPage, blob, copy, |plain| {
                        v2::decode_blob::<v2::CustodyPage>(plain).map(|_| ())
                    })?;
                if let Err(why) = opened {
                    problems.push(damaged("custody log page", copy, at, why));
                }
            }
        }
        if let Some(blob) = self.manifest_ref() {
            for (copy, at) in [blob.offset, blob.mirror].into_iter().enumerate() {
                let opened =
                    open_blob_copy(self.storage.as_ref(), &self.master, BlobKind::Manifest, &blob, copy, |plain| {
                        v2::decode_manifest(plain).map(|_| ())
                    })?;
                if let Err(why) = opened {
                    problems.push(damaged("manifest", copy, at, why));
                }
            }
        }
        Ok(problems)
    }

    /// Copies every intact item into `target` (another vault), keeping names, dates and
    /// tags. An item is copied only if all of it authenticates and matches its SHA-256.
    /// Returns the ids (in this vault) of the items that could not be copied.
    pub fn salvage_into(
        &self,
        target: &mut VaultWriter,
        mut progress: impl FnMut(u64),
    ) -> Result<Vec<u64>, VaultError> {
        let mut lost = Vec::new();
        for item in self.items() {
            let options = AddOptions {
                tags: item.tags.clone(),
                modified: item.modified,
                added: Some(item.added),
                skip_duplicate: false,
                // Made again (from the copied content) where the item had one.
                thumbnail: item.thumbnail.is_some(),
                thumbnail_ahead: None,
            };
            let mut reader = self.open_item(item.id)?;
            match target.add(&mut reader, &item.name, &options) {
                Ok(new_id) if target.item(new_id)?.sha256 == item.sha256 => progress(item.size),
                Ok(new_id) => {
                    target.remove(&[new_id])?;
                    lost.push(item.id);
                }
                Err(VaultError::Io(e)) if e.kind() == io::ErrorKind::InvalidData => lost.push(item.id),
                Err(VaultError::Integrity(_) | VaultError::Malformed { .. }) => lost.push(item.id),
                Err(e) => return Err(e),
            }
        }
        Ok(lost)
    }
}

impl VaultWriter {
    /// [`Vault::verify`] for the writer: it holds the lock, so nothing changes beside it and
    /// one pass says everything.
    pub fn verify(&self, mut progress: impl FnMut(u64)) -> Result<Vec<Problem>, VaultError> {
        self.vault.verify_pass(None, &mut progress)
    }

    /// Rewrites the vault without free space: live payloads are copied verbatim into a new
    /// file next to the vault, which is synced and then renamed over it. A crash at any
    /// moment leaves either the old file or the new one, both complete. Returns the number
    /// of bytes given back.
    pub fn compact(&mut self) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        let before = self.vault.storage.len()?;
        let new = self.start_replacement(".clipvault-compact-")?;
        let mut at = DATA_START;
        let mut items = Vec::new();
        let mut block = vec![0u8; 1 << 20];
        for item in self.items() {
            // Every item leaves in version 2's form (header, payload, padding), including
            // items that came from a version 1 vault without a header.
            let mut moved = item.clone();
            moved.allocation =
                Extent { offset: at, len: v2::allocation_len(ITEM_HEADER_LEN as u64 + item.payload.len) };
            moved.payload.offset = at + ITEM_HEADER_LEN as u64;
            copy_range(
                self.vault.storage.as_ref(),
                new.storage.as_ref(),
                item.payload,
                moved.payload.offset,
                &mut block,
            )?;
            at = moved.allocation.end().expect("allocation fits the file");
            if let Some(thumbnail) = moved.thumbnail.as_mut() {
                let from = thumbnail.allocation;
                thumbnail.allocation.offset = at;
                thumbnail.payload.offset = at + (thumbnail.payload.offset - from.offset);
                copy_range(self.vault.storage.as_ref(), new.storage.as_ref(), from, at, &mut block)?;
                at = v2::align(at + from.len);
            }
            items.push(moved);
        }
        for item in &items {
            let payload_end = item.payload.end().expect("payload fits the file");
            seal_allocation(new.storage.as_ref(), &self.vault.master, &mut self.vault.rng, item, payload_end)?;
        }
        // Only this compartment comes along: every other slot becomes random, so another
        // compartment's passphrase opens nothing and gets the answer a wrong one gets.
        let mut superblock = self.vault.superblock.clone();
        for (n, slot) in superblock.slots.iter_mut().enumerate() {
            if !self.vault.manifest.slots.iter().any(|s| usize::from(s.slot) == n) {
                self.vault.rng.fill_bytes(slot);
            }
        }
        let keys = Keys {
            master: self.vault.master.clone(),
            superblock,
            slots: self.vault.manifest.slots.clone(),
            unlocked_slot: self.vault.unlocked_slot,
            area: self.vault.area,
            custody: self.custody_log()?,
            signing_key: self.vault.manifest.signing_key,
        };
        self.finish_replacement(new, items, keys)?;
        Ok(before.saturating_sub(self.vault.storage.len()?))
    }

    /// Re-keys the whole vault for when the master key may have leaked: a new master key,
    /// KDF salt and file key for every item, all content re-encrypted into a new file next to
    /// the vault, which is synced and renamed over it (crash-safe like [`Vault::compact`]).
    /// The new vault opens with `passphrase` only: other passphrases and recovery keys are
    /// dropped and must be added again. The old file's index and headers are overwritten.
    pub fn rotate(&mut self, passphrase: &Passphrase, mut progress: impl FnMut(u64)) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let new = self.start_replacement(".clipvault-rotate-")?;
        let master = MasterKey::generate(&mut self.vault.rng);
        let mut at = DATA_START;
        let mut items = Vec::new();
        // (Iterating the field, not `items()`, keeps the borrow apart from `self.vault.rng`.)
        for item in self.vault.segments.iter().flat_map(|s| s.body.items.iter()) {
            let mut reader = ItemReader::new(self.vault.storage.as_ref(), item)?;
            let payload_at = at + ITEM_HEADER_LEN as u64;
            let written = write_payload(new.storage.as_ref(), &mut self.vault.rng, &mut reader, payload_at).map_err(
                |e| match e {
                    VaultError::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
                        VaultError::Integrity(Damage::Item(item.id))
                    }
                    other => other,
                },
            )?;
            if written.sha256 != item.sha256 {
                return Err(VaultError::Integrity(Damage::Item(item.id)));
            }
            let mut moved = item.clone();
            moved.file_key = *written.file_key.expose();
            moved.payload = written.payload;
            moved.allocation =
                Extent { offset: at, len: v2::allocation_len(ITEM_HEADER_LEN as u64 + written.payload.len) };
            // A thumbnail is made again from the item; it is not carried under the old key.
            moved.thumbnail = None;
            let payload_end = written.payload.end().expect("payload fits the file");
            seal_allocation(new.storage.as_ref(), &master, &mut self.vault.rng, &moved, payload_end)?;
            at = moved.allocation.end().expect("allocation fits the file");
            items.push(moved);
            progress(item.size);
        }

        let mut superblock = self.vault.superblock.clone();
        superblock.kdf_salt = crypto::random_bytes(&mut self.vault.rng);
        let kek = superblock
            .kdf
            .derive(passphrase.as_bytes(), &superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))?;
        for slot in superblock.slots.iter_mut() {
            self.vault.rng.fill_bytes(slot);
        }
        let (slot_order, area) = master.placement();
        let slot = slot_order[0];
        superblock.slots[slot] = crypto::wrap_with_kek(&kek, &master, &mut self.vault.rng);
        let slots =
            vec![v2::KeyEntry { slot: slot as u8, kind: SLOT_PASSPHRASE, created: self.now(), label: String::new() }];
        let (custody, signing_key) = (self.custody_log()?, self.vault.manifest.signing_key);
        self.finish_replacement(
            new,
            items,
            Keys { master, superblock, slots, unlocked_slot: slot, area, custody, signing_key },
        )
    }

    /// A locked temporary file next to the vault, to become the vault by rename.
    ///
    /// A vault reached through a symbolic link is replaced where the link points, so the
    /// link keeps working and no complete old copy stays behind at its target.
    pub(super) fn start_replacement(&self, prefix: &str) -> Result<Replacement, VaultError> {
        let named = self.vault.path.as_ref().ok_or(VaultError::Refused("only a vault file can be rewritten"))?;
        let path = std::fs::canonicalize(named)?;
        if !self.vault.storage.is_at(&path)? {
            return Err(VaultError::Refused("the vault file was moved or replaced while open; run the command again"));
        }
        // Unnamed until it is complete: a kill leaves no copy of the vault beside it.
        let temp = StagedFile::new_in(&parent_dir(&path), prefix)?;
        let storage = Box::new(FileStorage::from_locked(temp.file().try_clone()?));
        Ok(Replacement { path, temp, storage })
    }

    /// Commits `items` (their allocations already written into the replacement) as one
    /// index segment under `keys`, syncs, and renames the replacement over the vault. On
    /// failure the vault file and this handle are as they were. On success the old file, now
    /// unlinked, has its headers, manifest and index overwritten before it is let go: it
    /// still holds every index copy of before (with the keys of items shredded since, and for
    /// `rotate` the old master key), which no key must open even from freed blocks. That
    /// overwrite is best effort: the new vault is already in place.
    pub(super) fn finish_replacement(
        &mut self,
        new: Replacement,
        items: Vec<ItemRecord>,
        keys: Keys,
    ) -> Result<(), VaultError> {
        let Replacement { path, temp, storage } = new;
        let mut areas = [[0u8; v2::AREA_LEN]; v2::AREA_COUNT];
        areas.iter_mut().for_each(|area| self.vault.rng.fill_bytes(area));
        let old = Saved {
            storage: std::mem::replace(&mut self.vault.storage, storage),
            master: std::mem::replace(&mut self.vault.master, keys.master),
            superblock: std::mem::replace(&mut self.vault.superblock, v2::Superblock { areas, ..keys.superblock }),
            segments: std::mem::take(&mut self.vault.segments),
            manifest: std::mem::replace(&mut self.vault.manifest, {
                let mut manifest = Manifest::default();
                manifest.slots = keys.slots;
                manifest.signing_key = keys.signing_key;
                manifest
            }),
            manifest_ref: self.vault.manifest_ref.take(),
            state: (self.vault.active, self.vault.unlocked_slot, self.vault.area, self.vault.version, self.vault.wiped),
        };
        (self.vault.active, self.vault.unlocked_slot, self.vault.area, self.vault.wiped) =
            (1, keys.unlocked_slot, keys.area, true);
        let result = (|| {
            let mut added = Vec::new();
            if !items.is_empty() {
                let body = SegmentBody { items };
                let at = self.append_offset()?;
                let (place, _) = self.write_segment(&body, at)?;
                added.push(Segment { place, body });
            }
            self.stage_custody_copy(&keys.custody)?;
            self.commit_segments(0, added, vec![], vec![])?;
            let file = temp.link(&path, true)?;
            crate::storage::sync_parent_dir(&path)?;
            Ok::<_, VaultError>(file)
        })();
        // The vault file itself is complete either way: this handle stays usable.
        self.vault.poisoned = false;
        match result {
            Ok(file) => {
                self.vault.storage = Box::new(FileStorage::from_locked(file));
                let mut extents: Vec<Extent> = old.segments.iter().flat_map(|s| s.place.extents()).collect();
                extents.extend(old.manifest_ref.iter().flat_map(blob_extents));
                let _ = scrub(old.storage.as_ref(), &mut self.vault.rng, &extents);
                Ok(())
            }
            Err(e) => {
                self.vault.staged_custody = None;
                self.vault.storage = old.storage;
                self.vault.master = old.master;
                self.vault.superblock = old.superblock;
                self.vault.segments = old.segments;
                self.vault.manifest = old.manifest;
                self.vault.manifest_ref = old.manifest_ref;
                (self.vault.active, self.vault.unlocked_slot, self.vault.area, self.vault.version, self.vault.wiped) =
                    old.state;
                Err(e)
            }
        }
    }
}

/// A new vault file being written next to the vault by `compact` or `rotate`.
pub(super) struct Replacement {
    path: PathBuf,
    temp: StagedFile,
    storage: Box<dyn Storage>,
}

/// The keys and header a replacement file is committed under.
pub(super) struct Keys {
    master: MasterKey,
    superblock: v2::Superblock,
    slots: Vec<v2::KeyEntry>,
    unlocked_slot: usize,
    area: usize,
    /// The custody log, carried over entry for entry (its chain unchanged).
    custody: Vec<v2::CustodyEntry>,
    /// The evidence signing key, kept: bundles signed before still verify against it.
    signing_key: Option<[u8; 32]>,
}

/// What `finish_replacement` puts back if the replacement fails.
struct Saved {
    storage: Box<dyn Storage>,
    master: MasterKey,
    superblock: v2::Superblock,
    segments: Vec<Segment>,
    manifest: Manifest,
    manifest_ref: Option<v2::BlobRef>,
    state: (usize, usize, usize, u16, bool),
}

/// Copies `from` of `source` to `to` in `target`, a block at a time.
fn copy_range(
    source: &dyn Storage,
    target: &dyn Storage,
    from: Extent,
    to: u64,
    block: &mut [u8],
) -> Result<(), VaultError> {
    let mut copied = 0;
    while copied < from.len {
        let n = ((from.len - copied) as usize).min(block.len());
        source.read_at(from.offset + copied, &mut block[..n])?;
        target.write_at(to + copied, &block[..n])?;
        copied += n as u64;
    }
    Ok(())
}
