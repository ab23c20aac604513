//! The committed state a key opens: both superblocks read (either version), the newest copy
//! the key opens chosen without ever falling back behind an intact newer one (FORMAT.md
//! §8.1), this key's area (version 2) or commit record (version 1), the manifest and every
//! index segment, and every range they list checked before anything trusts it. Reads only.

use super::blob::{blob_extents, index_damage, read_blob};
use super::commit::open_area;
use super::error::{CopyDamage, Damage, VaultError};
use super::handle::{Key, Vault};
use super::index::{Place, Segment, open_segment_copy};
use crate::crypto::{self, CryptoError, KdfParams, Kek, MasterKey, Passphrase, SlotForm};
use crate::format::v2::{self, BlobKind, BlobRef, Manifest, SLOT_PASSPHRASE, SLOT_RECOVERY};
use crate::format::{self, AnySuperblock, DATA_START, Extent, FormatError, SUPERBLOCK_LEN, SlotKind};
use crate::storage::Storage;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// HKDF label of the version 1 commit record key.
const V1_COMMIT_INFO: &[u8] = b"clipvault/v1/commit";

/// What unlocking found, before it becomes a [`Vault`].
pub(super) struct Unlocked {
    master: MasterKey,
    slot: usize,
    active: usize,
    pub(super) state: State,
}

/// The committed state of one superblock copy, as a key opened it.
pub(super) struct State {
    pub(super) superblock: v2::Superblock,
    pub(super) version: u16,
    pub(super) area: usize,
    pub(super) created: u64,
    pub(super) manifest: Manifest,
    pub(super) manifest_ref: Option<BlobRef>,
    pub(super) segments: Vec<Segment>,
    /// Version 1: where the committed data ends.
    pub(super) v1_data_end: u64,
    /// Segments unreadable in both copies (skipped only when lenient).
    pub(super) lost_segments: usize,
    /// Both copies of the manifest were unreadable (salvage only): no segment is known.
    pub(super) manifest_lost: bool,
    /// Something the state references lies past the end of the file (a damaged tail).
    pub(super) truncated: bool,
}

/// The sequence of the newest valid superblock copy now, if any.
pub(super) fn newest_sequence(storage: &dyn Storage) -> Option<u64> {
    read_superblocks(storage).ok().and_then(|c| c.first().map(|(_, sb)| sb.sequence()))
}

impl State {
    /// Whether this state's manifest lists `bytes` as what its slot `slot` holds (a
    /// manifest lost to damage vouches for nothing it cannot read: a salvage view trusts the
    /// slot).
    fn vouches_for(&self, slot: usize, bytes: &[u8; format::SLOT_LEN]) -> bool {
        let digest: [u8; 32] = Sha256::digest(bytes).into();
        self.manifest_lost
            || self.manifest.bound_slots.iter().any(|b| usize::from(b.slot) == slot && b.sha256 == digest)
    }
}

impl Unlocked {
    pub(super) fn into_vault(self, storage: Box<dyn Storage>, lenient: bool) -> Vault {
        let state = self.state;
        Vault {
            storage,
            path: None,
            lenient,
            poisoned: false,
            unfinished_wipe: None,
            mirror_hole: None,
            master: self.master,
            unlocked_slot: self.slot,
            superblock: state.superblock,
            version: state.version,
            active: self.active,
            area: state.area,
            created: state.created,
            // What a commit listed was overwritten before it (or is overwritten again by
            // the next writer: `prepare_for_writing`).
            wiped: false,
            v1_data_end: state.v1_data_end,
            manifest: state.manifest,
            manifest_ref: state.manifest_ref,
            segments: state.segments,
            lost_segments: state.lost_segments,
            manifest_lost: state.manifest_lost,
            truncated: state.truncated,
            rng: ChaCha20Rng::from_entropy(),
            clock: None,
            leftovers_removed: vec![],
            upgraded: false,
            recovered: 0,
            staged_custody: None,
            staged_tombstones: vec![],
            batch: None,
        }
    }
}

/// KEKs already derived in this unlock, so each distinct (parameters, salt) costs one
/// Argon2id run however many superblocks and slots are tried.
pub(super) struct KekCache {
    /// Run parameters beyond [`KdfParams::is_affordable`] too.
    allow_costly_kdf: bool,
    keks: Vec<(KdfParams, [u8; 32], Kek)>,
}

impl KekCache {
    pub(super) fn new(allow_costly_kdf: bool) -> KekCache {
        KekCache { allow_costly_kdf, keks: vec![] }
    }

    fn get(&mut self, kdf: KdfParams, salt: &[u8; 32], passphrase: &Passphrase) -> Result<&Kek, VaultError> {
        let pos = self.keks.iter().position(|(p, s, _)| *p == kdf && s == salt);
        let pos = match pos {
            Some(p) => p,
            None => {
                // Checked before anything is allocated: the parameters come from the file.
                if !self.allow_costly_kdf && !kdf.is_affordable() {
                    return Err(VaultError::CostlyKdf(kdf));
                }
                let kek = kdf.derive(passphrase.as_bytes(), salt).map_err(|e| match e {
                    CryptoError::KdfParams(why) => VaultError::Refused(why),
                    CryptoError::DecryptionFailed => VaultError::Integrity(Damage::Header),
                })?;
                self.keks.push((kdf, *salt, kek));
                self.keks.len() - 1
            }
        };
        Ok(&self.keks[pos].2)
    }
}

/// Both superblocks that parse (each by the rules of its own version), newest first, with
/// the copy (0 or 1) each came from.
pub(super) fn read_superblocks(storage: &dyn Storage) -> Result<Vec<(usize, AnySuperblock)>, VaultError> {
    let len = storage.len()?;
    if len < DATA_START {
        let mut head = vec![0u8; (len as usize).min(8)];
        storage.read_at(0, &mut head)?;
        return Err(if head.len() == 8 && head == format::MAGIC {
            VaultError::Integrity(Damage::Truncated)
        } else {
            VaultError::NotAVault
        });
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for copy in 0..2 {
        let mut bytes = Box::new([0u8; SUPERBLOCK_LEN]);
        storage.read_at((copy * SUPERBLOCK_LEN) as u64, &mut bytes[..])?;
        match AnySuperblock::parse(&bytes) {
            Ok(sb) => found.push((copy, sb)),
            Err(e) => errors.push(e),
        }
    }
    if found.is_empty() {
        return Err(if errors.iter().all(|e| *e == FormatError::NotAVault) {
            VaultError::NotAVault
        } else if let Some(FormatError::UnsupportedVersion(v)) =
            errors.iter().find(|e| matches!(e, FormatError::UnsupportedVersion(_)))
        {
            VaultError::UnsupportedVersion(*v)
        } else {
            VaultError::Integrity(Damage::Header)
        });
    }
    found.sort_by_key(|(_, sb)| std::cmp::Reverse(sb.sequence()));
    Ok(found)
}

/// Unlocks the newest superblock that works, falling back to the other on damage.
pub(super) fn try_candidates(
    storage: &dyn Storage,
    candidates: &[(usize, AnySuperblock)],
    key: Key<'_>,
    keks: &mut KekCache,
    lenient: bool,
) -> Result<Unlocked, VaultError> {
    let mut first_damage = None;
    for (copy, sb) in candidates {
        let kek = match key {
            Key::Passphrase(p) => Some(keks.get(sb.kdf(), sb.kdf_salt(), p)?),
            Key::Identity(_) | Key::Session(_) => None,
        };
        let mut opened_a_slot = false;
        for (slot, bytes) in sb.slots().iter().enumerate() {
            let unwrapped = match (key, kek) {
                (Key::Identity(identity), _) => crypto::open_with_identity(identity, bytes),
                (Key::Passphrase(_), Some(kek)) => crypto::open_with_kek(kek, bytes),
                (Key::Passphrase(_), None) => unreachable!("a passphrase always has a KEK"),
                // A session opens through its own slot only, and only while that slot holds
                // the same bytes as when the session began (so it was checked then).
                (Key::Session(session), _) if session.slot == slot && *bytes == session.slot_bytes => {
                    Ok((session.master.clone(), SlotForm::V1))
                }
                (Key::Session(_), _) => Err(crate::crypto::CryptoError::DecryptionFailed),
            };
            let Ok((master, form)) = unwrapped else { continue };
            opened_a_slot = true;
            match load_state(storage, sb, &master, lenient) {
                // A bound slot opens only the state whose manifest lists its bytes: an older
                // area and manifest spliced in beside a new passphrase's slot do not open.
                Ok(state) if form == SlotForm::Bound && !state.vouches_for(slot, bytes) => {
                    first_damage.get_or_insert(VaultError::Integrity(Damage::Header));
                    break;
                }
                Ok(state) => return Ok(Unlocked { master, slot, active: *copy, state }),
                Err(e) => {
                    first_damage.get_or_insert(e);
                    break;
                }
            }
        }
        // An intact (checksum-valid) newest superblock that no slot opens means this key
        // does not open the vault as it is now. Never fall back to an older copy then: it
        // may be a stale copy from before a passphrase change or key removal (FORMAT.md §8.1).
        if !opened_a_slot && first_damage.is_none() {
            return Err(VaultError::WrongPassphrase);
        }
    }
    Err(first_damage.unwrap_or(VaultError::Integrity(Damage::Header)))
}

/// The committed state `sb` holds for `master`: version 1's commit record and segments, or
/// version 2's area, manifest and segments. Segments unreadable in both copies are skipped
/// and counted only when `lenient`.
pub(super) fn load_state(
    storage: &dyn Storage,
    sb: &AnySuperblock,
    master: &MasterKey,
    lenient: bool,
) -> Result<State, VaultError> {
    match sb {
        AnySuperblock::V1(sb) => load_v1(storage, sb, master, lenient),
        AnySuperblock::V2(sb) => load_v2(storage, sb, master, lenient),
    }
}

fn load_v2(storage: &dyn Storage, sb: &v2::Superblock, master: &MasterKey, lenient: bool) -> Result<State, VaultError> {
    // A slot opened, so some area must: the key commitment (`key_check`) ties it to this key.
    let (area, plain) = (0..v2::AREA_COUNT)
        .find_map(|n| open_area(master, sb, n).map(|a| (n, a)))
        .ok_or(VaultError::Integrity(Damage::Header))?;
    let manifest = match read_blob(storage, master, BlobKind::Manifest, &plain.manifest, v2::decode_manifest) {
        Ok(manifest) if manifest.generation != plain.generation => return Err(VaultError::Integrity(Damage::Index)),
        Ok(manifest) => manifest,
        // Both copies of the manifest lost: a salvage view finds the items by their item
        // headers (§7.2), with no index to start from.
        Err(VaultError::Integrity(_) | VaultError::Malformed { .. }) if lenient => {
            return Ok(State {
                superblock: sb.clone(),
                version: sb.version,
                area,
                created: plain.created,
                manifest: Manifest::default(),
                manifest_ref: Some(plain.manifest),
                segments: vec![],
                v1_data_end: 0,
                lost_segments: 0,
                manifest_lost: true,
                truncated: false,
            });
        }
        Err(e) => return Err(e),
    };
    // A version 4 manifest lists segments of version 4 records; earlier ones, of kind 2.
    let kind = if manifest.encoding >= 4 { BlobKind::SegmentV4 } else { BlobKind::Segment };
    let places: Vec<Place> = manifest.segments.iter().map(|b| Place::V2(*b, kind)).collect();
    let (segments, lost) = read_segments(storage, master, &places, lenient)?;
    let mut state = State {
        superblock: sb.clone(),
        version: sb.version,
        area,
        created: plain.created,
        manifest,
        manifest_ref: Some(plain.manifest),
        segments,
        v1_data_end: 0,
        lost_segments: lost,
        manifest_lost: false,
        truncated: false,
    };
    state.truncated = check_v2_extents(&state, storage.len()?)?;
    Ok(state)
}

fn load_v1(
    storage: &dyn Storage,
    sb: &format::v1::Superblock,
    master: &MasterKey,
    lenient: bool,
) -> Result<State, VaultError> {
    if !master.verify_header_mac(&sb.mac_input(), &sb.mac) {
        return Err(VaultError::Integrity(Damage::Header));
    }
    let key = master.derive(b"", V1_COMMIT_INFO);
    let mut plain = Zeroizing::new(sb.sealed_commit.to_vec());
    crypto::open(&key, &sb.commit_nonce, &sb.commit_aad(), &mut plain)
        .map_err(|_| VaultError::Integrity(Damage::Header))?;
    let commit = format::v1::decode_commit(&plain).map_err(|_| VaultError::Integrity(Damage::Header))?;
    let truncated = storage.len()? < commit.data_end;
    let places: Vec<Place> = commit.segments.iter().map(|e| Place::V1(*e)).collect();
    let (segments, lost) = read_segments(storage, master, &places, lenient)?;
    check_v1_extents(&commit, &segments)?;
    let slots = commit
        .slots
        .iter()
        .enumerate()
        .filter_map(|(n, info)| {
            let kind = match info.kind {
                SlotKind::Passphrase => SLOT_PASSPHRASE,
                SlotKind::Recovery => SLOT_RECOVERY,
                SlotKind::Unused => return None,
            };
            Some(v2::KeyEntry { slot: n as u8, kind, created: info.created, label: String::new() })
        })
        .collect();
    Ok(State {
        superblock: v2::Superblock {
            version: 1,
            sequence: sb.sequence,
            kdf: sb.kdf,
            kdf_salt: sb.kdf_salt,
            slots: sb.slots,
            areas: [[0; v2::AREA_LEN]; v2::AREA_COUNT],
        },
        version: 1,
        area: 0,
        created: commit.created,
        manifest: {
            let mut manifest = Manifest::default();
            manifest.pending_wipe = commit.pending_wipe.clone();
            manifest.slots = slots;
            manifest
        },
        manifest_ref: None,
        segments,
        v1_data_end: commit.data_end,
        lost_segments: lost,
        manifest_lost: false,
        truncated,
    })
}

/// Opens every segment (the first intact copy of each); ids must be unique. Segments are
/// decrypted and decoded on up to four threads at once: a large vault's index is most of what
/// opening it costs.
fn read_segments(
    storage: &dyn Storage,
    master: &MasterKey,
    places: &[Place],
    lenient: bool,
) -> Result<(Vec<Segment>, usize), VaultError> {
    let open_one = |place: &Place| -> Result<Result<crate::format::SegmentBody, CopyDamage>, VaultError> {
        let mut body = Err(CopyDamage::Unreadable);
        for copy in 0..2 {
            body = open_segment_copy(storage, master, place, copy)?;
            if body.is_ok() {
                break;
            }
        }
        Ok(body)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4).min(places.len());
    let opened: Vec<Result<Result<crate::format::SegmentBody, CopyDamage>, VaultError>> = if threads > 1 {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<_>>> = places.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(place) = places.get(n) else { return };
                        let result = open_one(place);
                        *slots[n].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|slot| slot.into_inner().unwrap_or_else(|p| p.into_inner()).expect("every segment was opened"))
            .collect()
    } else {
        places.iter().map(open_one).collect()
    };
    let mut segments = Vec::with_capacity(places.len());
    let mut seen = std::collections::HashSet::new();
    let mut lost = 0;
    for (place, body) in places.iter().zip(opened) {
        let body = match body? {
            Ok(body) => body,
            Err(_) if lenient => {
                lost += 1;
                continue;
            }
            Err(why) => return Err(index_damage(why)),
        };
        for item in &body.items {
            if !seen.insert(item.id) {
                return Err(VaultError::Integrity(Damage::Index));
            }
        }
        segments.push(Segment { place: *place, body });
    }
    Ok((segments, lost))
}

/// Checks that ranges start at or after `DATA_START`, are not empty and do not overlap.
/// Otherwise a crafted index could list an "item" over a superblock, or two items over one
/// range, and shredding one would destroy the other (FORMAT.md §9). Returns whether any
/// range ends past `end` (the file, or version 1's committed data, is cut short there).
fn check_ranges(ranges: impl Iterator<Item = Extent>, end: u64) -> Result<bool, VaultError> {
    let mut sorted: Vec<(u64, u64)> = Vec::new();
    let mut past_end = false;
    for extent in ranges {
        let stop = extent.end().ok_or(VaultError::Integrity(Damage::Index))?;
        if extent.offset < DATA_START || extent.len == 0 {
            return Err(VaultError::Integrity(Damage::Index));
        }
        past_end |= stop > end;
        sorted.push((extent.offset, stop));
    }
    sorted.sort_unstable();
    if sorted.windows(2).any(|pair| pair[1].0 < pair[0].1) {
        return Err(VaultError::Integrity(Damage::Index));
    }
    Ok(past_end)
}

fn check_v1_extents(commit: &format::v1::CommitRecord, segments: &[Segment]) -> Result<(), VaultError> {
    let payloads = segments.iter().flat_map(|s| s.body.items.iter()).map(|i| i.payload);
    let indexes = commit.segments.iter().map(|e| Extent { offset: e.offset, len: e.len.saturating_mul(2) });
    match check_ranges(payloads.chain(indexes), commit.data_end)? {
        true => Err(VaultError::Integrity(Damage::Index)),
        false => Ok(()),
    }
}

/// Version 2: allocations, thumbnails, segment blobs and the manifest apart; ranges to wipe
/// inside the data area (they may run past the end: a wipe stops there). Returns whether any
/// of them runs past the end of the file (a damaged tail: FORMAT-v2.md §11).
fn check_v2_extents(state: &State, file_len: u64) -> Result<bool, VaultError> {
    let items = state.segments.iter().flat_map(|s| s.body.items.iter());
    let allocations =
        items.flat_map(|i| std::iter::once(i.allocation).chain(i.thumbnail.as_ref().map(|t| t.allocation)));
    let custody = state.manifest.custody.iter().flat_map(|c| c.pages.iter().flat_map(blob_extents));
    let blobs = state
        .segments
        .iter()
        .flat_map(|s| s.place.extents())
        .chain(state.manifest_ref.iter().flat_map(blob_extents))
        .chain(custody);
    let past_end = check_ranges(allocations.chain(blobs), file_len)?;
    if state.manifest.pending_wipe.iter().any(|e| e.offset < DATA_START) {
        return Err(VaultError::Integrity(Damage::Index));
    }
    Ok(past_end)
}

#[cfg(test)]
mod tests {
    //! Crafted indexes that authenticate (written with the master key) but list allocations
    //! where none may be: FORMAT.md §9 and FORMAT-v2.md §11 say a reader MUST reject them.
    use super::*;
    use crate::format::ItemRecord;
    use crate::storage::MemStorage;
    use crate::vault::{AddOptions, CreateOptions, Damage, VaultWriter};

    fn vault_with_two_items() -> (MemStorage, Passphrase, VaultWriter) {
        let pass = Passphrase::new("crafted index test");
        let storage = MemStorage::new();
        let options =
            CreateOptions { kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 }, ..Default::default() };
        let mut vault = Vault::create_in(Box::new(storage.clone()), &pass, &options).unwrap();
        vault.add(&mut &[1u8; 5000][..], b"one", &AddOptions::default()).unwrap();
        vault.add(&mut &[2u8; 5000][..], b"two", &AddOptions::default()).unwrap();
        (storage, pass, vault)
    }

    /// Commits `items` as the whole index, as a hostile writer with the key could.
    fn commit_index(vault: &mut VaultWriter, items: Vec<ItemRecord>) {
        vault.vault.segments.clear();
        let at = vault.append_offset().unwrap();
        vault.append_items(items, at).unwrap();
    }

    fn reopened(storage: MemStorage, pass: &Passphrase) -> Result<Vault, VaultError> {
        Vault::open_in(Box::new(storage), pass)
    }

    #[test]
    fn an_item_over_a_superblock_is_rejected() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
        items[0].allocation.offset = 0;
        items[0].payload.offset = 0;
        commit_index(&mut vault, items);
        drop(vault);
        assert!(matches!(reopened(storage, &pass), Err(VaultError::Integrity(Damage::Index))));
    }

    #[test]
    fn two_items_sharing_one_extent_are_rejected() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
        items[1].payload = items[0].payload;
        items[1].allocation = items[0].allocation;
        commit_index(&mut vault, items);
        drop(vault);
        assert!(matches!(reopened(storage, &pass), Err(VaultError::Integrity(Damage::Index))));
    }

    #[test]
    fn an_item_past_the_end_of_the_file_reads_as_a_damaged_tail_and_refuses_writers() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
        let beyond = vault.storage.len().unwrap() + (1 << 20);
        items[1].payload.offset += beyond - items[1].allocation.offset;
        items[1].allocation.offset = beyond;
        let (inside, outside) = (items[0].id, items[1].id);
        commit_index(&mut vault, items);
        drop(vault);
        let reader = reopened(storage.clone(), &pass).unwrap();
        assert!(reader.is_truncated());
        assert!(reader.read_item_to(inside, &mut std::io::sink()).is_ok());
        assert!(matches!(
            reader.read_item_to(outside, &mut std::io::sink()),
            Err(VaultError::Integrity(Damage::Item(id))) if id == outside
        ));
        let writer = VaultWriter::open_in(Box::new(storage), &pass);
        assert!(matches!(writer, Err(VaultError::Integrity(Damage::Truncated))));
    }

    #[test]
    fn a_broken_format_rule_is_named_in_the_error() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
        items[0].size += 1; // the payload no longer fits the size it claims
        commit_index(&mut vault, items);
        drop(vault);
        let error = reopened(storage, &pass).err().expect("refused");
        assert!(
            matches!(&error, VaultError::Malformed { damage: Damage::Index, source: FormatError::Malformed(rule) }
                if rule.contains("payload length")),
            "{error:?}"
        );
        assert!(error.to_string().contains("payload length does not match item size"), "{error}");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn verify_says_why_a_copy_is_damaged() {
        let (storage, pass, vault) = vault_with_two_items();
        let [first, _] = vault.index_segments()[0].0;
        drop(vault);
        let mut bytes = storage.current();
        bytes[(first.offset + 40) as usize] ^= 1;
        let mut reader = reopened(MemStorage::from_bytes(bytes), &pass).unwrap();
        let problems = reader.verify(|_| {}).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].what.contains("index copy 1 of 2") && problems[0].what.contains("fails to authenticate"),
            "{problems:?}"
        );
    }

    #[test]
    fn an_honest_index_still_opens() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let items: Vec<ItemRecord> = vault.items().cloned().collect();
        commit_index(&mut vault, items);
        drop(vault);
        assert_eq!(reopened(storage, &pass).unwrap().items().count(), 2);
    }
}
