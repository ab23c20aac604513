//! Creating a vault and unlocking one: reading both superblocks (either version), choosing
//! the newest that a key opens without ever falling back behind an intact newer copy
//! (FORMAT.md §8.1), finding this key's area (version 2) or commit record (version 1), and
//! opening the manifest and every index segment. Writes nothing but the new vault of
//! `create`; preparing an opened vault for writing belongs to `commit.rs`.

use super::blob::{blob_extents, read_blob, scan_item_headers};
use super::commit::open_area;
use super::error::{Damage, VaultError, kdf_refusal, lock_error};
use super::handle::{CreateOptions, Key, OpenOptions, Vault, unix_now};
use super::index::{Place, Segment, open_segment_copy};
use crate::crypto::{self, CryptoError, KdfParams, Kek, MasterKey, Passphrase, SlotForm};
use crate::format::v2::{self, BlobKind, BlobRef, Manifest, SLOT_PASSPHRASE, SLOT_RECOVERY};
use crate::format::{self, AnySuperblock, DATA_START, Extent, FormatError, SLOT_COUNT, SUPERBLOCK_LEN, SlotKind};
use crate::storage::{FileStorage, StagedFile, Storage, parent_dir};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use std::io;
use std::path::Path;
use zeroize::Zeroizing;

/// HKDF label of the version 1 commit record key.
const V1_COMMIT_INFO: &[u8] = b"clipvault/v1/commit";

/// A new vault's first manifest starts at one of this many units (FORMAT-v2.md §2).
const FIRST_OFFSET_UNITS: u32 = 32;

/// How often a reader retries when a writer changed the vault under it (each retry needs
/// the writer to have committed again meanwhile, so this bounds a busy vault, not damage).
const READER_RETRIES: usize = 10;

impl Vault {
    /// Creates a new vault file at `path`, which must not exist. The file appears whole or
    /// not at all: it is written under a temporary name, synced and then linked into place.
    pub fn create(path: &Path, passphrase: &Passphrase, options: &CreateOptions) -> Result<Vault, VaultError> {
        if path.symlink_metadata().is_ok() {
            return Err(VaultError::AlreadyExists);
        }
        // Unnamed until complete where the file system allows; locked from the start (flock
        // belongs to the open file, so the lock still holds once it is linked).
        let temp = StagedFile::new_in(&parent_dir(path), ".clipvault-new-")?;
        let mut vault =
            Self::create_in(Box::new(FileStorage::from_locked(temp.file().try_clone()?)), passphrase, options)?;
        let file = temp.link(path, false).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
            _ => VaultError::Io(e),
        })?;
        crate::storage::sync_parent_dir(path)?;
        vault.storage = Box::new(FileStorage::from_locked(file));
        vault.path = Some(path.to_path_buf());
        Ok(vault)
    }

    /// Writes a new, empty vault into `storage` (which must be empty) and returns it open
    /// for writing.
    pub fn create_in(
        storage: Box<dyn Storage>,
        passphrase: &Passphrase,
        options: &CreateOptions,
    ) -> Result<Vault, VaultError> {
        if storage.len()? != 0 {
            return Err(VaultError::AlreadyExists);
        }
        options.kdf.validate().map_err(|e| VaultError::Refused(kdf_refusal(&e)))?;
        let (mut rng, clock) = match options.test_seed {
            Some((seed, now)) => (ChaCha20Rng::from_seed(seed), Some(now)),
            None => (ChaCha20Rng::from_entropy(), None),
        };
        let master = MasterKey::generate(&mut rng);
        let kdf_salt: [u8; 32] = crypto::random_bytes(&mut rng);
        let kek =
            options.kdf.derive(passphrase.as_bytes(), &kdf_salt).map_err(|e| VaultError::Refused(kdf_refusal(&e)))?;
        let mut slots = [[0u8; format::SLOT_LEN]; SLOT_COUNT];
        for slot in slots.iter_mut() {
            rng.fill_bytes(slot);
        }
        // Where this compartment lives follows from its key, as for any compartment.
        let (slot_order, area) = master.placement();
        let slot = slot_order[0];
        slots[slot] = crypto::wrap_with_kek(&kek, &master, &mut rng);
        let mut areas = [[0u8; v2::AREA_LEN]; v2::AREA_COUNT];
        for area in areas.iter_mut() {
            rng.fill_bytes(area);
        }
        let now = clock.unwrap_or_else(unix_now);
        let mut manifest = Manifest::default();
        manifest.slots =
            vec![v2::KeyEntry { slot: slot as u8, kind: SLOT_PASSPHRASE, created: now, label: String::new() }];
        let superblock = v2::Superblock { version: v2::VERSION, sequence: 0, kdf: options.kdf, kdf_salt, slots, areas };
        let mut vault = Vault {
            storage,
            path: None,
            writable: true,
            lenient: false,
            poisoned: false,
            unfinished_wipe: None,
            mirror_hole: None,
            master,
            unlocked_slot: slot,
            superblock,
            version: v2::VERSION,
            active: 1,
            area,
            created: now,
            manifest: manifest.clone(),
            wiped: true,
            v1_data_end: 0,
            segments: vec![],
            manifest_ref: None,
            lost_segments: 0,
            manifest_lost: false,
            truncated: false,
            rng,
            clock,
            leftovers_removed: vec![],
            upgraded: false,
            recovered: 0,
            staged_custody: None,
        };
        // The first manifest at no fixed offset: a random run of 0 to 31 random units comes
        // first, as a later compartment's first manifest comes after whatever was there.
        let units = u64::from(vault.rng.next_u32() % FIRST_OFFSET_UNITS);
        if units > 0 {
            vault.add_random_reserve(units * v2::UNIT)?;
        }
        vault.commit(manifest)?;
        Ok(vault)
    }

    /// Opens the vault at `path` with a passphrase.
    pub fn open(path: &Path, passphrase: &Passphrase, options: OpenOptions) -> Result<Vault, VaultError> {
        Self::open_with(path, Key::Passphrase(passphrase), options)
    }

    /// Opens the vault at `path` with a passphrase or a recovery identity.
    pub fn open_with(path: &Path, key: Key<'_>, options: OpenOptions) -> Result<Vault, VaultError> {
        let write = options.write && !options.salvage;
        let mut replaced = 0;
        let mut vault = loop {
            let file = if write {
                FileStorage::open_write(path, options.wait).map_err(lock_error)?
            } else {
                FileStorage::open_read(path)?
            };
            let opened = file.id()?;
            match Self::unlock(Box::new(file), key, write, options.salvage, options.allow_costly_kdf) {
                Ok(vault) => break vault,
                // A reader that met a file being replaced by `compact` or `rotate` (renamed
                // over, then scrubbed) opens the new file: it sees the old or the new state,
                // never an error. (A writer holds the lock, so it cannot meet one.)
                Err(e) if !write && replaced < READER_RETRIES && !matches!(e, VaultError::Io(_)) => {
                    let now = FileStorage::open_read(path).and_then(|f| f.id());
                    if now.is_err() || now.ok() == Some(opened) {
                        return Err(e);
                    }
                    replaced += 1;
                }
                Err(e) => return Err(e),
            }
        };
        vault.path = Some(path.to_path_buf());
        if write {
            vault.leftovers_removed = vault.remove_leftovers(path);
        }
        Ok(vault)
    }

    /// The Argon2id parameters of the vault at `path`, read without any key (they are in the
    /// clear in the superblock), so a person can see what unlocking will cost before it runs.
    pub fn peek_kdf(path: &Path) -> Result<KdfParams, VaultError> {
        let storage = FileStorage::open_read(path)?;
        let candidates = read_superblocks(&storage)?;
        Ok(candidates[0].1.kdf())
    }

    /// The format version of the vault at `path` (the newer of its two superblock copies),
    /// read without any key.
    pub fn peek_version(path: &Path) -> Result<u16, VaultError> {
        let storage = FileStorage::open_read(path)?;
        Ok(read_superblocks(&storage)?[0].1.version())
    }

    /// Opens a vault held by any [`Storage`].
    pub fn open_in(storage: Box<dyn Storage>, passphrase: &Passphrase, write: bool) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), write, false, false)
    }

    /// Opens a vault held by any [`Storage`] with a passphrase or a recovery identity.
    pub fn open_in_with(storage: Box<dyn Storage>, key: Key<'_>, write: bool) -> Result<Vault, VaultError> {
        Self::unlock(storage, key, write, false, false)
    }

    /// Opens read-only even if parts of the index are unreadable (see [`OpenOptions::salvage`]).
    pub fn open_salvage_in(storage: Box<dyn Storage>, passphrase: &Passphrase) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), false, true, false)
    }

    pub(super) fn unlock(
        storage: Box<dyn Storage>,
        key: Key<'_>,
        write: bool,
        lenient: bool,
        allow_costly_kdf: bool,
    ) -> Result<Vault, VaultError> {
        let mut keks = KekCache { allow_costly_kdf, keks: vec![] };
        let mut last_sequence = None;
        let mut attempt = 0;
        let mut vault = loop {
            let candidates = read_superblocks(storage.as_ref())?;
            let newest = candidates.first().map(|(_, sb)| sb.sequence());
            match try_candidates(storage.as_ref(), &candidates, key, &mut keks, lenient) {
                // Segments a lenient reader could not read may have been wiped by a commit
                // made while it read them (their replacement is in the newer state): read
                // again while the state moves; only what stays unreadable is lost.
                Ok(state)
                    if !write
                        && (state.state.lost_segments > 0 || state.state.manifest_lost)
                        && attempt < READER_RETRIES
                        && newest_sequence(storage.as_ref()) != newest =>
                {
                    last_sequence = newest;
                    attempt += 1;
                }
                Ok(state) => break state.into_vault(storage, write, lenient),
                // A writer may have moved on while we read: retry while the newest sequence
                // keeps changing (readers take no lock).
                Err(VaultError::Integrity(_)) if !write && attempt < READER_RETRIES && newest != last_sequence => {
                    last_sequence = newest;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        };
        // A damaged tail is read (list, cat, export, salvage) but never written: an append
        // would land on ranges the index still lists.
        if write && vault.truncated {
            return Err(VaultError::Integrity(Damage::Truncated));
        }
        if write {
            vault.prepare_for_writing()?;
        }
        vault.recover_lost_items()?;
        Ok(vault)
    }

    /// Reloads the committed state a read-only handle sees, with the master key it holds (no
    /// KDF), after writers committed beside it; a file replaced by `compact` is opened again
    /// at its path. Returns whether the state changed. A writable handle holds the lock, so
    /// nothing changes beside it. Fails if this key no longer opens the vault (`key rotate`
    /// or `panic` ran meanwhile).
    pub fn refresh(&mut self) -> Result<bool, VaultError> {
        if self.writable {
            return Ok(false);
        }
        let replaced_at = self.path.clone().filter(|path| !self.storage.is_at(path).unwrap_or(false));
        if let Some(path) = replaced_at {
            self.storage = Box::new(FileStorage::open_read(&path)?);
        } else if newest_sequence(self.storage.as_ref()) == Some(self.superblock.sequence) {
            return Ok(false);
        }
        let mut last = None;
        for _ in 0..READER_RETRIES {
            let candidates = read_superblocks(self.storage.as_ref())?;
            let newest = candidates.first().map(|(_, sb)| sb.sequence());
            if newest == last {
                break;
            }
            last = newest;
            for (copy, sb) in &candidates {
                if let Ok(state) = load_state(self.storage.as_ref(), sb, &self.master, self.lenient) {
                    self.superblock = state.superblock;
                    self.version = state.version;
                    self.area = state.area;
                    self.created = state.created;
                    self.manifest = state.manifest;
                    self.manifest_ref = state.manifest_ref;
                    self.segments = state.segments;
                    self.v1_data_end = state.v1_data_end;
                    self.lost_segments = state.lost_segments;
                    self.manifest_lost = state.manifest_lost;
                    self.truncated = state.truncated;
                    self.active = *copy;
                    self.recovered = 0;
                    self.recover_lost_items()?;
                    return Ok(true);
                }
            }
        }
        Err(VaultError::Rekeyed)
    }

    /// Salvage view of a vault whose index lost segments: items found by their item headers
    /// (FORMAT-v2.md §7.2) join the index as read-only entries. Nothing to do for a view
    /// that is not lenient, lost nothing, or is version 1 (which has no item headers).
    fn recover_lost_items(&mut self) -> Result<(), VaultError> {
        if !self.lenient || !self.index_incomplete() || self.version < 2 {
            return Ok(());
        }
        let known: std::collections::HashSet<u64> = self.items().map(|i| i.id).collect();
        let mut skip: Vec<Extent> = self.manifest.pending_wipe.clone();
        skip.extend(self.items().map(|i| i.allocation));
        skip.extend(self.items().filter_map(|i| i.thumbnail.as_ref().map(|t| t.allocation)));
        skip.extend(self.segments.iter().flat_map(|s| s.place.extents()));
        skip.extend(self.manifest_ref.iter().flat_map(blob_extents));
        let found = scan_item_headers(self.storage.as_ref(), &self.master, &skip, &known)?;
        self.recovered = found.len();
        if !found.is_empty() {
            self.segments.push(Segment { place: Place::Recovered, body: format::SegmentBody { items: found } });
        }
        Ok(())
    }
}

/// What unlocking found, before it becomes a [`Vault`].
pub(super) struct Unlocked {
    master: MasterKey,
    slot: usize,
    active: usize,
    state: State,
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
fn newest_sequence(storage: &dyn Storage) -> Option<u64> {
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
    fn into_vault(self, storage: Box<dyn Storage>, writable: bool, lenient: bool) -> Vault {
        let state = self.state;
        Vault {
            storage,
            path: None,
            writable,
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
        Err(VaultError::Integrity(_)) if lenient => {
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
    let places: Vec<Place> = manifest.segments.iter().map(|b| Place::V2(*b)).collect();
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

/// Opens every segment (the first intact copy of each); ids must be unique.
fn read_segments(
    storage: &dyn Storage,
    master: &MasterKey,
    places: &[Place],
    lenient: bool,
) -> Result<(Vec<Segment>, usize), VaultError> {
    let mut segments = Vec::with_capacity(places.len());
    let mut seen = std::collections::HashSet::new();
    let mut lost = 0;
    for place in places {
        let mut body = None;
        for copy in 0..2 {
            if let Some(found) = open_segment_copy(storage, master, place, copy)? {
                body = Some(found);
                break;
            }
        }
        let Some(body) = body else {
            if lenient {
                lost += 1;
                continue;
            }
            return Err(VaultError::Integrity(Damage::Index));
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
    use crate::vault::{AddOptions, Damage};

    fn vault_with_two_items() -> (MemStorage, Passphrase, Vault) {
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
    fn commit_index(vault: &mut Vault, items: Vec<ItemRecord>) {
        vault.segments.clear();
        let at = vault.append_offset().unwrap();
        vault.append_items(items, at).unwrap();
    }

    fn reopened(storage: MemStorage, pass: &Passphrase) -> Result<Vault, VaultError> {
        Vault::open_in(Box::new(storage), pass, false)
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
        let writer = Vault::open_in(Box::new(storage), &pass, true);
        assert!(matches!(writer, Err(VaultError::Integrity(Damage::Truncated))));
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
