//! Creating a vault, and opening one as a reader or the writer: the lock, retries while a
//! writer moves the state under a reader, `refresh`, and a salvage view's items found by
//! their headers. What a key opens is read by `state.rs`. Writes nothing but the new vault
//! of `create`; preparing an opened vault for writing belongs to `commit.rs`.

use super::blob::{blob_extents, scan_item_headers};
use super::error::{Damage, VaultError, kdf_refusal, lock_error};
use super::handle::{CreateOptions, Key, OpenOptions, Vault, VaultWriter, unix_now};
use super::index::{Place, Segment};
use super::state::{KekCache, load_state, newest_sequence, read_superblocks, try_candidates};
use crate::crypto::{self, KdfParams, MasterKey, Passphrase};
use crate::format::v2::{self, Manifest, SLOT_PASSPHRASE};
use crate::format::{self, Extent, SLOT_COUNT};
use crate::storage::{FileStorage, StagedFile, Storage, parent_dir};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::io;
use std::path::Path;

/// A new vault's first manifest starts at one of this many units (FORMAT-v2.md §2).
const FIRST_OFFSET_UNITS: u32 = 32;

/// How often a reader retries when a writer changed the vault under it (each retry needs
/// the writer to have committed again meanwhile, so this bounds a busy vault, not damage).
const READER_RETRIES: usize = 10;

impl Vault {
    /// Creates a new vault file at `path`, which must not exist. The file appears whole or
    /// not at all: it is written under a temporary name, synced and then linked into place.
    pub fn create(path: &Path, passphrase: &Passphrase, options: &CreateOptions) -> Result<VaultWriter, VaultError> {
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
        vault.vault.storage = Box::new(FileStorage::from_locked(file));
        vault.vault.path = Some(path.to_path_buf());
        Ok(vault)
    }

    /// Writes a new, empty vault into `storage` (which must be empty) and returns it open
    /// for writing.
    pub fn create_in(
        storage: Box<dyn Storage>,
        passphrase: &Passphrase,
        options: &CreateOptions,
    ) -> Result<VaultWriter, VaultError> {
        if storage.len()? != 0 {
            return Err(VaultError::AlreadyExists);
        }
        options.kdf.validate().map_err(|e| VaultError::Refused(kdf_refusal(&e)))?;
        let (mut rng, clock) = randomness(options);
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
        manifest.encoding = v2::VERSION;
        manifest.device = crypto::random_bytes(&mut rng);
        manifest.slots =
            vec![v2::KeyEntry { slot: slot as u8, kind: SLOT_PASSPHRASE, created: now, label: String::new() }];
        let superblock = v2::Superblock { version: v2::VERSION, sequence: 0, kdf: options.kdf, kdf_salt, slots, areas };
        let vault = Vault {
            storage,
            path: None,
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
            staged_tombstones: vec![],
            batch: None,
        };
        let mut vault = VaultWriter { vault };
        // The first manifest at no fixed offset: a random run of 0 to 31 random units comes
        // first, as a later compartment's first manifest comes after whatever was there.
        let units = u64::from(vault.vault.rng.next_u32() % FIRST_OFFSET_UNITS);
        if units > 0 {
            vault.add_random_reserve(units * v2::UNIT)?;
        }
        vault.commit(manifest)?;
        Ok(vault)
    }

    /// Opens the vault at `path` with a passphrase, for reading.
    pub fn open(path: &Path, passphrase: &Passphrase, options: OpenOptions) -> Result<Vault, VaultError> {
        Self::open_with(path, Key::Passphrase(passphrase), options)
    }

    /// Opens the vault at `path` with a passphrase, a recovery identity or a session, for
    /// reading.
    pub fn open_with(path: &Path, key: Key<'_>, options: OpenOptions) -> Result<Vault, VaultError> {
        Self::open_at(path, key, options, false)
    }

    /// Opens the file at `path` and unlocks it: with the writer lock taken first if `write`.
    fn open_at(path: &Path, key: Key<'_>, options: OpenOptions, write: bool) -> Result<Vault, VaultError> {
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

    /// Opens a vault held by any [`Storage`], for reading.
    pub fn open_in(storage: Box<dyn Storage>, passphrase: &Passphrase) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), false, false, false)
    }

    /// Opens a vault held by any [`Storage`] with a passphrase or a recovery identity, for
    /// reading.
    pub fn open_in_with(storage: Box<dyn Storage>, key: Key<'_>) -> Result<Vault, VaultError> {
        Self::unlock(storage, key, false, false, false)
    }

    /// Opens read-only even if parts of the index are unreadable (see [`OpenOptions::salvage`]).
    pub fn open_salvage_in(storage: Box<dyn Storage>, passphrase: &Passphrase) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), false, true, false)
    }

    /// Unlocks the vault in `storage`. A writer's (`write`) tail must be whole, and it is
    /// prepared for writing by [`VaultWriter::unlock`]; a reader gets items a lenient
    /// (salvage) view found by their headers.
    pub(super) fn unlock(
        storage: Box<dyn Storage>,
        key: Key<'_>,
        write: bool,
        lenient: bool,
        allow_costly_kdf: bool,
    ) -> Result<Vault, VaultError> {
        let mut keks = KekCache::new(allow_costly_kdf);
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
                Ok(state) => break state.into_vault(storage, lenient),
                // A writer may have moved on while we read: retry while the newest sequence
                // keeps changing (readers take no lock).
                Err(VaultError::Integrity(_) | VaultError::Malformed { .. })
                    if !write && attempt < READER_RETRIES && newest != last_sequence =>
                {
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
        vault.recover_lost_items()?;
        Ok(vault)
    }

    /// Reloads the committed state a read-only handle sees, with the master key it holds (no
    /// KDF), after writers committed beside it; a file replaced by `compact` is opened again
    /// at its path. Returns whether the state changed. Fails if this key no longer opens the
    /// vault (`key rotate` or `panic` ran meanwhile). (A [`VaultWriter`] holds the lock:
    /// nothing changes beside it.)
    pub fn refresh(&mut self) -> Result<bool, VaultError> {
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

/// Where a new vault's randomness and clock come from: the system, or for the pinned test
/// vectors a seed (compiled in only for tests and the `test-vectors` feature).
fn randomness(options: &CreateOptions) -> (ChaCha20Rng, Option<u64>) {
    match options.test_seed {
        Some(test) => (ChaCha20Rng::from_seed(test.seed), Some(test.now)),
        None => (ChaCha20Rng::from_entropy(), None),
    }
}

impl VaultWriter {
    /// Opens the vault at `path` with a passphrase for writing: takes the writer lock
    /// (waiting as `options.wait` says), upgrades a version 1 file, finishes what a killed
    /// writer left and removes its leftovers.
    pub fn open(path: &Path, passphrase: &Passphrase, options: OpenOptions) -> Result<VaultWriter, VaultError> {
        Self::open_with(path, Key::Passphrase(passphrase), options)
    }

    /// [`VaultWriter::open`] with a passphrase, a recovery identity or a session.
    pub fn open_with(path: &Path, key: Key<'_>, options: OpenOptions) -> Result<VaultWriter, VaultError> {
        if options.salvage {
            return Err(VaultError::Refused("a damaged vault opens for salvage read-only"));
        }
        let mut writer = Self::prepared(Vault::open_at(path, key, options, true)?)?;
        writer.vault.leftovers_removed = writer.remove_leftovers(path);
        Ok(writer)
    }

    /// Opens a vault held by any [`Storage`] for writing.
    pub fn open_in(storage: Box<dyn Storage>, passphrase: &Passphrase) -> Result<VaultWriter, VaultError> {
        Self::open_in_with(storage, Key::Passphrase(passphrase))
    }

    /// [`VaultWriter::open_in`] with a passphrase, a recovery identity or a session.
    pub fn open_in_with(storage: Box<dyn Storage>, key: Key<'_>) -> Result<VaultWriter, VaultError> {
        Self::prepared(Vault::unlock(storage, key, true, false, false)?)
    }

    fn prepared(vault: Vault) -> Result<VaultWriter, VaultError> {
        let mut writer = VaultWriter { vault };
        writer.prepare_for_writing()?;
        Ok(writer)
    }
}
