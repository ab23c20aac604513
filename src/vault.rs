//! Vault operations: create, unlock, add, list, read, remove (shred), verify, change the
//! passphrase. Owns the in-memory index and the commit protocol of FORMAT.md §8.
//!
//! Data flows one way: this module turns operations into format structures (`format`),
//! seals them with keys (`crypto`) and writes them through a [`Storage`].

use crate::crypto::{
    self, CryptoError, FileKey, KdfParams, Kek, MasterKey, Passphrase,
    stream::{self, PAYLOAD_NONCE_LEN, PayloadKey, SEALED_CHUNK_LEN},
};
use crate::format::{
    self, COMMIT_SEALED_LEN, CommitRecord, DATA_START, Extent, FormatError, ItemRecord, MAX_SEGMENTS, SLOT_COUNT,
    SUPERBLOCK_LEN, SegmentBody, SlotInfo, SlotKind, Superblock,
};
use crate::reader::{BATCH_CHUNKS, BatchBuf, ItemReader, for_each_plain_batch};
use crate::storage::{FileStorage, LockError, LockWait, Storage, parent_dir};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::{self, IoSliceMut, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};
use zeroize::{Zeroize, Zeroizing};

/// HKDF label of the commit record key.
const COMMIT_INFO: &[u8] = b"clipvault/v1/commit";
/// HKDF label of index segment keys.
const SEGMENT_INFO: &[u8] = b"clipvault/v1/index-segment";
/// Associated data of index segments.
const SEGMENT_AAD: &[u8] = b"clipvault/v1/index-segment";
/// Items removed per commit, so a commit's freed ranges fit in the commit record.
const REMOVE_BATCH: usize = 16;
/// How often a reader retries when a writer changed the vault under it.
const READER_RETRIES: usize = 3;

/// Which part of a vault is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// Neither superblock is usable.
    Header,
    /// The index (both copies of a segment) or the commit record.
    Index,
    /// One item's content; holds its id.
    Item(u64),
    /// The file ends before its committed data does.
    Truncated,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Header => f.write_str("vault header is damaged"),
            Damage::Index => f.write_str("vault index is damaged"),
            Damage::Item(id) => write!(f, "item {id:016x} is damaged"),
            Damage::Truncated => f.write_str("vault file is truncated"),
        }
    }
}

/// Everything that can go wrong at the vault level. Never holds a key, a passphrase or an
/// item name.
#[derive(Debug)]
#[non_exhaustive]
pub enum VaultError {
    /// No key slot opens with this passphrase.
    WrongPassphrase,
    /// The file is not a clipvault vault.
    NotAVault,
    /// The file is a vault of a version this build cannot read.
    UnsupportedVersion(u16),
    /// Authenticated data failed to verify, or the file is damaged.
    Integrity(Damage),
    /// No item matches.
    ItemNotFound,
    /// More than one item matches; their ids.
    Ambiguous(Vec<u64>),
    /// Another process is writing to the vault.
    Busy,
    /// A vault already exists at that path.
    AlreadyExists,
    /// A request the vault cannot carry out; the text says why.
    Refused(&'static str),
    /// Reading or writing failed.
    Io(io::Error),
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::WrongPassphrase => f.write_str("wrong passphrase"),
            VaultError::NotAVault => f.write_str("not a clipvault vault"),
            VaultError::UnsupportedVersion(v) => {
                write!(f, "vault format version {v} is not supported by this clipvault")
            }
            VaultError::Integrity(damage) => write!(f, "integrity check failed: {damage}"),
            VaultError::ItemNotFound => f.write_str("no such item"),
            VaultError::Ambiguous(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| format!("{id:016x}")).collect();
                write!(f, "ambiguous item, candidates: {}", ids.join(", "))
            }
            VaultError::Busy => f.write_str("vault is busy: another clipvault process is writing to it"),
            VaultError::AlreadyExists => f.write_str("a file already exists at the vault path"),
            VaultError::Refused(why) => f.write_str(why),
            VaultError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<io::Error> for VaultError {
    fn from(e: io::Error) -> Self {
        VaultError::Io(e)
    }
}

impl From<FormatError> for VaultError {
    fn from(e: FormatError) -> Self {
        match e {
            FormatError::NotAVault => VaultError::NotAVault,
            FormatError::UnsupportedVersion(v) => VaultError::UnsupportedVersion(v),
            FormatError::BadChecksum | FormatError::Malformed(_) => VaultError::Integrity(Damage::Index),
        }
    }
}

/// What opens a vault: a passphrase, or a recovery identity (an age X25519 secret key).
#[derive(Clone, Copy)]
pub enum Key<'a> {
    /// A passphrase, tried against every slot after one Argon2id run.
    Passphrase(&'a Passphrase),
    /// An `AGE-SECRET-KEY-1...` recovery identity.
    Identity(&'a age::x25519::Identity),
}

/// How to create a vault.
#[derive(Clone, Debug, Default)]
pub struct CreateOptions {
    /// Argon2id cost.
    pub kdf: KdfParams,
    /// Deterministic randomness and clock for test vectors only. Never use for real vaults.
    #[doc(hidden)]
    pub test_seed: Option<([u8; 32], u64)>,
}

/// How to open a vault.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions {
    /// Take the writer lock.
    pub write: bool,
    /// Wait for another writer instead of failing at once.
    pub wait: LockWait,
    /// Open even if parts of the index are unreadable, skipping the items they held (for
    /// `verify` and `salvage`; implies read-only).
    pub salvage: bool,
}

/// What to record with a new item.
#[derive(Clone, Debug, Default)]
pub struct AddOptions {
    /// User tags.
    pub tags: Vec<String>,
    /// The source's modification time, Unix seconds.
    pub modified: Option<u64>,
    /// When the item was first added, Unix seconds (kept by `salvage`); `None` is now.
    pub added: Option<u64>,
}

/// Summary of a vault for `info`.
#[derive(Clone, Debug)]
pub struct VaultInfo {
    /// Format version.
    pub version: u16,
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Number of items.
    pub items: usize,
    /// Sum of plaintext sizes.
    pub content_bytes: u64,
    /// Length of the vault file.
    pub file_bytes: u64,
    /// Bytes `compact` would give back.
    pub reclaimable_bytes: u64,
    /// Key slots in use.
    pub slots_used: usize,
    /// Unix seconds of creation.
    pub created: u64,
}

/// One finding of [`Vault::verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The damaged item, or `None` for the vault structure.
    pub item: Option<u64>,
    /// What is wrong, in plain words.
    pub what: String,
}

struct Segment {
    extent: Extent,
    body: SegmentBody,
}

/// An unlocked vault.
pub struct Vault {
    storage: Box<dyn Storage>,
    path: Option<PathBuf>,
    writable: bool,
    /// Set when a commit failed part-way: this handle's view may be stale.
    poisoned: bool,
    master: MasterKey,
    unlocked_slot: usize,
    superblock: Superblock,
    /// Which superblock copy (0 or 1) holds `superblock`.
    active: usize,
    commit: CommitRecord,
    segments: Vec<Segment>,
    /// Index copies that failed and were read from their mirror.
    repaired_copies: usize,
    /// Index segments with both copies unreadable (salvage mode only); their items are lost.
    lost_segments: usize,
    rng: ChaCha20Rng,
    clock: Option<u64>,
}

impl Vault {
    /// Creates a new vault file at `path`, which must not exist. The file appears whole or
    /// not at all: it is written under a temporary name, synced and then linked into place.
    pub fn create(path: &Path, passphrase: &Passphrase, options: &CreateOptions) -> Result<Vault, VaultError> {
        if path.symlink_metadata().is_ok() {
            return Err(VaultError::AlreadyExists);
        }
        let temp = tempfile::Builder::new().prefix(".clipvault-new-").tempfile_in(parent_dir(path))?;
        // flock belongs to the inode, so the lock taken here still holds once it is linked.
        temp.as_file().try_lock().map_err(|_| VaultError::Busy)?;
        let mut vault =
            Self::create_in(Box::new(FileStorage::from_locked(temp.as_file().try_clone()?)), passphrase, options)?;
        let file = temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
            _ => VaultError::Io(e.error),
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
        slots[0] = crypto::wrap_with_kek(&kek, &master, &mut rng);
        let now = clock.unwrap_or_else(unix_now);
        let unused = SlotInfo { kind: SlotKind::Unused, created: 0 };
        let mut slot_info = [unused; SLOT_COUNT];
        slot_info[0] = SlotInfo { kind: SlotKind::Passphrase, created: now };
        let commit = CommitRecord {
            created: now,
            data_end: DATA_START,
            segments: vec![],
            pending_wipe: vec![],
            slots: slot_info,
        };
        let superblock = Superblock {
            sequence: 0,
            kdf: options.kdf,
            kdf_salt,
            slots,
            commit_nonce: [0; 12],
            sealed_commit: Box::new([0; COMMIT_SEALED_LEN]),
            mac: [0; 32],
        };
        let mut vault = Vault {
            storage,
            path: None,
            writable: true,
            poisoned: false,
            master,
            unlocked_slot: 0,
            superblock,
            active: 1,
            commit: commit.clone(),
            segments: vec![],
            repaired_copies: 0,
            lost_segments: 0,
            rng,
            clock,
        };
        vault.write_commit(commit)?;
        Ok(vault)
    }

    /// Opens the vault at `path` with a passphrase.
    pub fn open(path: &Path, passphrase: &Passphrase, options: OpenOptions) -> Result<Vault, VaultError> {
        Self::open_with(path, Key::Passphrase(passphrase), options)
    }

    /// Opens the vault at `path` with a passphrase or a recovery identity.
    pub fn open_with(path: &Path, key: Key<'_>, options: OpenOptions) -> Result<Vault, VaultError> {
        let storage: Box<dyn Storage> = if options.write && !options.salvage {
            Box::new(FileStorage::open_write(path, options.wait).map_err(lock_error)?)
        } else {
            Box::new(FileStorage::open_read(path)?)
        };
        let write = options.write && !options.salvage;
        let mut vault = Self::unlock(storage, key, write, options.salvage)?;
        vault.path = Some(path.to_path_buf());
        Ok(vault)
    }

    /// Opens a vault held by any [`Storage`].
    pub fn open_in(storage: Box<dyn Storage>, passphrase: &Passphrase, write: bool) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), write, false)
    }

    /// Opens a vault held by any [`Storage`] with a passphrase or a recovery identity.
    pub fn open_in_with(storage: Box<dyn Storage>, key: Key<'_>, write: bool) -> Result<Vault, VaultError> {
        Self::unlock(storage, key, write, false)
    }

    /// Opens read-only even if parts of the index are unreadable (see [`OpenOptions::salvage`]).
    pub fn open_salvage_in(storage: Box<dyn Storage>, passphrase: &Passphrase) -> Result<Vault, VaultError> {
        Self::unlock(storage, Key::Passphrase(passphrase), false, true)
    }

    fn unlock(storage: Box<dyn Storage>, key: Key<'_>, write: bool, lenient: bool) -> Result<Vault, VaultError> {
        let mut keks = KekCache::default();
        let mut last_sequence = None;
        let mut attempt = 0;
        let mut vault = loop {
            let candidates = read_superblocks(storage.as_ref())?;
            let newest = candidates.first().map(|(_, sb)| sb.sequence);
            match try_candidates(storage.as_ref(), &candidates, key, &mut keks, lenient) {
                Ok(state) => break state.into_vault(storage, write),
                // A writer may have moved on while we read: retry while the newest sequence
                // keeps changing (readers take no lock).
                Err(VaultError::Integrity(_)) if !write && attempt < READER_RETRIES && newest != last_sequence => {
                    last_sequence = newest;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        };
        if write {
            vault.prepare_for_writing()?;
        }
        Ok(vault)
    }

    /// Makes both superblocks identical, drops junk after the committed data and finishes
    /// any interrupted wipe, so every write starts from one clean state.
    fn prepare_for_writing(&mut self) -> Result<(), VaultError> {
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

    // ----- reading -----

    /// Every item, in the order added.
    pub fn items(&self) -> impl Iterator<Item = &ItemRecord> {
        self.segments.iter().flat_map(|s| s.body.items.iter())
    }

    /// The item with this exact id.
    pub fn item(&self, id: u64) -> Result<&ItemRecord, VaultError> {
        // Newest first: the item just added (by `add`, `salvage`) is found at once.
        self.segments
            .iter()
            .rev()
            .flat_map(|s| s.body.items.iter().rev())
            .find(|i| i.id == id)
            .ok_or(VaultError::ItemNotFound)
    }

    /// Resolves what a person typed: an exact name, or a unique prefix of an id in hex.
    pub fn find(&self, query: &[u8]) -> Result<&ItemRecord, VaultError> {
        let by_name: Vec<&ItemRecord> = self.items().filter(|i| i.name == query).collect();
        match by_name.len() {
            1 => return Ok(by_name[0]),
            n if n > 1 => {
                return Err(VaultError::Ambiguous(by_name.iter().map(|i| i.id).collect()));
            }
            _ => {}
        }
        let Ok(text) = std::str::from_utf8(query) else {
            return Err(VaultError::ItemNotFound);
        };
        let prefix = text.to_ascii_lowercase();
        if prefix.is_empty() || prefix.len() > 16 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(VaultError::ItemNotFound);
        }
        let by_id: Vec<&ItemRecord> = self.items().filter(|i| format!("{:016x}", i.id).starts_with(&prefix)).collect();
        match by_id.len() {
            0 => Err(VaultError::ItemNotFound),
            1 => Ok(by_id[0]),
            _ => Err(VaultError::Ambiguous(by_id.iter().map(|i| i.id).collect())),
        }
    }

    /// A `Read + Seek` view of an item's plaintext. Each chunk is authenticated before any
    /// of its bytes are returned.
    pub fn open_item(&self, id: u64) -> Result<ItemReader<'_>, VaultError> {
        let item = self.item(id)?;
        ItemReader::new(self.storage.as_ref(), item)
    }

    /// Streams an item's plaintext into `out`, decrypting batches of chunks in parallel.
    /// Bytes are released only after their chunk authenticated.
    pub fn read_item_to(&self, id: u64, out: &mut dyn io::Write) -> Result<(), VaultError> {
        let item = self.item(id)?;
        for_each_plain_batch(self.storage.as_ref(), item, &mut |plain| {
            crate::reader::write_all_slices(out, plain).map_err(VaultError::Io)
        })
    }

    /// Reads every chunk of every item and checks it against its SHA-256, and reports what
    /// is damaged. An empty list means everything verified.
    pub fn verify(&self, mut progress: impl FnMut(u64)) -> Result<Vec<Problem>, VaultError> {
        let mut problems = Vec::new();
        if self.repaired_copies > 0 {
            problems.push(Problem {
                item: None,
                what: format!("{} index copies are damaged (their mirror copies are intact)", self.repaired_copies),
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
        if self.storage.len()? < self.commit.data_end {
            problems.push(Problem { item: None, what: "the vault file is truncated".into() });
        }
        for item in self.items() {
            let mut hasher = Sha256::new();
            let result = for_each_plain_batch(self.storage.as_ref(), item, &mut |chunks| {
                for chunk in chunks {
                    hasher.update(chunk);
                    progress(chunk.len() as u64);
                }
                Ok(())
            });
            let what = match result {
                Ok(()) if <[u8; 32]>::from(hasher.finalize()) == item.sha256 => continue,
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

    /// Sizes and settings, for `info`.
    pub fn info(&self) -> Result<VaultInfo, VaultError> {
        let live: u64 = DATA_START
            + self.items().map(|i| i.payload.len).sum::<u64>()
            + self.segments.iter().map(|s| 2 * s.extent.len).sum::<u64>();
        Ok(VaultInfo {
            version: format::VERSION,
            kdf: self.superblock.kdf,
            items: self.items().count(),
            content_bytes: self.items().map(|i| i.size).sum(),
            file_bytes: self.storage.len()?,
            reclaimable_bytes: self.commit.data_end.saturating_sub(live),
            slots_used: self.commit.slots.iter().filter(|s| s.kind != SlotKind::Unused).count(),
            created: self.commit.created,
        })
    }

    pub(crate) fn storage(&self) -> &dyn Storage {
        self.storage.as_ref()
    }

    /// The path this vault was opened from, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    // ----- writing -----

    /// Adds one item read from `source` and commits it. Memory use does not depend on the
    /// item's size. Returns the new item's id.
    pub fn add(&mut self, source: &mut dyn Read, name: &[u8], options: &AddOptions) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        if name.is_empty() {
            return Err(VaultError::Refused("an item needs a name"));
        }
        let start = self.commit.data_end;
        let written = match self.write_payload(source, start) {
            Ok(w) => w,
            Err(e) => {
                // Nothing was committed; drop the partial ciphertext (its key never left memory).
                let _ = self.storage.set_len(start);
                return Err(e);
            }
        };
        let id = self.fresh_id();
        let item = ItemRecord {
            id,
            name: name.to_vec(),
            media_type: written.media_type,
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
            let mut at = self.commit.data_end;
            let mut pending = Vec::new();
            let mut payloads = Vec::new();
            let mut segments = Vec::with_capacity(self.segments.len());
            for n in 0..self.segments.len() {
                let segment = &self.segments[n];
                if !segment.body.items.iter().any(|i| batch.contains(&i.id)) {
                    segments.push(Segment { extent: segment.extent, body: segment.body.clone() });
                    continue;
                }
                pending.push(Extent { offset: segment.extent.offset, len: 2 * segment.extent.len });
                let (gone, kept): (Vec<ItemRecord>, Vec<ItemRecord>) =
                    segment.body.items.iter().cloned().partition(|i| batch.contains(&i.id));
                payloads.extend(gone.iter().map(|i| i.payload));
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
            self.finish_pending_wipes()?;
        }
        Ok(())
    }

    /// Replaces the passphrase that unlocked this vault. One Argon2id run and one key slot
    /// rewritten; no item is re-encrypted. Both superblocks are rewritten, so the old
    /// passphrase opens nothing in this file afterwards. Opened with a recovery identity,
    /// it replaces the vault's only passphrase (or adds one if there is none).
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let slot = if self.commit.slots[self.unlocked_slot].kind == SlotKind::Passphrase {
            self.unlocked_slot
        } else {
            let passphrases: Vec<usize> =
                (0..SLOT_COUNT).filter(|&n| self.commit.slots[n].kind == SlotKind::Passphrase).collect();
            match passphrases.as_slice() {
                [only] => *only,
                [] => self.free_slot()?,
                _ => {
                    return Err(VaultError::Refused(
                        "this vault has several passphrases; use `key add` and `key remove`",
                    ));
                }
            }
        };
        let kek = self.derive_kek(new)?;
        let bytes = crypto::wrap_with_kek(&kek, &self.master, &mut self.rng);
        self.write_slot(slot, bytes, SlotKind::Passphrase)
    }

    /// Kind and creation time of every key slot, by slot number.
    pub fn key_slots(&self) -> [SlotInfo; SLOT_COUNT] {
        self.commit.slots
    }

    /// The slot that opened this vault.
    pub fn unlocked_slot(&self) -> usize {
        self.unlocked_slot
    }

    /// Adds another passphrase in a free slot; returns the slot number.
    pub fn add_passphrase(&mut self, new: &Passphrase) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        let slot = self.free_slot()?;
        let kek = self.derive_kek(new)?;
        let bytes = crypto::wrap_with_kek(&kek, &self.master, &mut self.rng);
        self.write_slot(slot, bytes, SlotKind::Passphrase)?;
        Ok(slot)
    }

    /// Creates a recovery identity (an age X25519 key) and wraps the master key to it in a
    /// free slot. The identity is returned once and stored nowhere.
    pub fn add_recovery(&mut self) -> Result<(usize, age::x25519::Identity), VaultError> {
        self.ensure_writable()?;
        let slot = self.free_slot()?;
        let identity = age::x25519::Identity::generate();
        let bytes = crypto::wrap_for_recipient(&identity.to_public(), &self.master, &mut self.rng)
            .map_err(|_| VaultError::Refused("could not wrap the key for the recovery identity"))?;
        self.write_slot(slot, bytes, SlotKind::Recovery)?;
        Ok((slot, identity))
    }

    /// Empties a key slot (fills it with random bytes). Refuses to remove the last way in.
    pub fn remove_slot(&mut self, slot: usize) -> Result<(), VaultError> {
        self.ensure_writable()?;
        if slot >= SLOT_COUNT || self.commit.slots[slot].kind == SlotKind::Unused {
            return Err(VaultError::Refused("no such key slot"));
        }
        if self.commit.slots.iter().filter(|s| s.kind != SlotKind::Unused).count() == 1 {
            return Err(VaultError::Refused("refusing to remove the last key: the vault could never be opened again"));
        }
        let mut bytes = [0u8; format::SLOT_LEN];
        self.rng.fill_bytes(&mut bytes);
        self.write_slot(slot, bytes, SlotKind::Unused)
    }

    fn free_slot(&self) -> Result<usize, VaultError> {
        (0..SLOT_COUNT)
            .find(|&n| self.commit.slots[n].kind == SlotKind::Unused)
            .ok_or(VaultError::Refused("all 8 key slots are in use; remove one first"))
    }

    /// Replaces one slot and commits; both superblocks get the new bytes.
    fn write_slot(&mut self, slot: usize, bytes: [u8; format::SLOT_LEN], kind: SlotKind) -> Result<(), VaultError> {
        let mut record = self.commit.clone();
        let created = if kind == SlotKind::Unused { 0 } else { self.now() };
        record.slots[slot] = SlotInfo { kind, created };
        let previous = std::mem::replace(&mut self.superblock.slots[slot], bytes);
        let result = self.write_commit(record);
        if result.is_err() {
            self.superblock.slots[slot] = previous;
        }
        result
    }

    /// Rewrites the vault without free space: live payloads are copied verbatim into a new
    /// file next to the vault, which is synced and then renamed over it. A crash at any
    /// moment leaves either the old file or the new one, both complete. Returns the number
    /// of bytes given back.
    pub fn compact(&mut self) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        let before = self.storage.len()?;
        let new = self.start_replacement(".clipvault-compact-")?;
        let mut at = DATA_START;
        let mut items = Vec::new();
        let mut block = vec![0u8; 1 << 20];
        for item in self.items() {
            let mut copied = 0;
            while copied < item.payload.len {
                let n = ((item.payload.len - copied) as usize).min(block.len());
                self.storage.read_at(item.payload.offset + copied, &mut block[..n])?;
                new.storage.write_at(at + copied, &block[..n])?;
                copied += n as u64;
            }
            let mut moved = item.clone();
            moved.payload.offset = at;
            at += item.payload.len;
            items.push(moved);
        }
        let keys = Keys {
            master: self.master.clone(),
            superblock: self.superblock.clone(),
            slots: self.commit.slots,
            unlocked_slot: self.unlocked_slot,
        };
        self.finish_replacement(new, items, at, keys)?;
        Ok(before.saturating_sub(self.storage.len()?))
    }

    /// Re-keys the whole vault for when the master key may have leaked: a new master key,
    /// KDF salt and file key for every item, all content re-encrypted into a new file next to
    /// the vault, which is synced and renamed over it (crash-safe like [`Vault::compact`]).
    /// The new vault opens with `passphrase` only: other passphrases and recovery keys are
    /// dropped and must be added again. The old file's index and headers are overwritten.
    pub fn rotate(&mut self, passphrase: &Passphrase, mut progress: impl FnMut(u64)) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let new = self.start_replacement(".clipvault-rotate-")?;
        let mut at = DATA_START;
        let mut items = Vec::new();
        // (Iterating the field, not `items()`, keeps the borrow apart from `self.rng`.)
        for item in self.segments.iter().flat_map(|s| s.body.items.iter()) {
            let mut reader = ItemReader::new(self.storage.as_ref(), item)?;
            let written = write_payload(new.storage.as_ref(), &mut self.rng, &mut reader, at).map_err(|e| match e {
                VaultError::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
                    VaultError::Integrity(Damage::Item(item.id))
                }
                other => other,
            })?;
            if written.sha256 != item.sha256 {
                return Err(VaultError::Integrity(Damage::Item(item.id)));
            }
            let mut moved = item.clone();
            moved.file_key = *written.file_key.expose();
            moved.payload = written.payload;
            at = written.payload.end().expect("payload fits the file");
            items.push(moved);
            progress(item.size);
        }

        let master = MasterKey::generate(&mut self.rng);
        let mut superblock = self.superblock.clone();
        superblock.kdf_salt = crypto::random_bytes(&mut self.rng);
        let kek = superblock
            .kdf
            .derive(passphrase.as_bytes(), &superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))?;
        for slot in superblock.slots.iter_mut() {
            self.rng.fill_bytes(slot);
        }
        superblock.slots[0] = crypto::wrap_with_kek(&kek, &master, &mut self.rng);
        let mut slots = [SlotInfo { kind: SlotKind::Unused, created: 0 }; SLOT_COUNT];
        slots[0] = SlotInfo { kind: SlotKind::Passphrase, created: self.now() };
        let (old_storage, old_segments) =
            self.finish_replacement(new, items, at, Keys { master, superblock, slots, unlocked_slot: 0 })?;

        // The old file is unlinked; overwrite its headers and index so the old keys open
        // nothing even from its leftover blocks. Best effort: the new vault is in place.
        let mut block = vec![0u8; 1 << 16];
        let mut cleanup = overwrite_random(old_storage.as_ref(), &mut self.rng, &mut block, 0, DATA_START);
        for segment in &old_segments {
            let (offset, len) = (segment.extent.offset, 2 * segment.extent.len);
            cleanup = cleanup.and(overwrite_random(old_storage.as_ref(), &mut self.rng, &mut block, offset, len));
        }
        let _ = cleanup.and(old_storage.sync());
        Ok(())
    }

    /// A locked temporary file next to the vault, to become the vault by rename.
    fn start_replacement(&self, prefix: &str) -> Result<Replacement, VaultError> {
        let path = self.path.clone().ok_or(VaultError::Refused("only a vault file can be rewritten"))?;
        let temp = tempfile::Builder::new().prefix(prefix).tempfile_in(parent_dir(&path))?;
        temp.as_file().try_lock().map_err(|_| VaultError::Busy)?;
        let storage = Box::new(FileStorage::from_locked(temp.as_file().try_clone()?));
        Ok(Replacement { path, temp, storage })
    }

    /// Commits `items` (their payloads already written into the replacement, up to `at`) as
    /// one index segment under `keys`, syncs, and renames the replacement over the vault.
    /// On failure the vault file and this handle are as they were; on success returns the
    /// old file's storage and index segments.
    fn finish_replacement(
        &mut self,
        new: Replacement,
        items: Vec<ItemRecord>,
        at: u64,
        keys: Keys,
    ) -> Result<(Box<dyn Storage>, Vec<Segment>), VaultError> {
        let Replacement { path, temp, storage } = new;
        let old_storage = std::mem::replace(&mut self.storage, storage);
        let old_master = std::mem::replace(&mut self.master, keys.master);
        let old_superblock = std::mem::replace(&mut self.superblock, keys.superblock);
        let old_segments = std::mem::take(&mut self.segments);
        let (old_commit, old_active, old_slot) = (self.commit.clone(), self.active, self.unlocked_slot);
        self.active = 1;
        self.unlocked_slot = keys.unlocked_slot;
        let result = (|| {
            let mut extents = Vec::new();
            let mut end = at;
            let body = SegmentBody { items };
            if !body.items.is_empty() {
                let extent = self.write_segment(&body, at)?;
                end = extent.offset + 2 * extent.len;
                extents.push(extent);
                self.segments.push(Segment { extent, body });
            }
            let record = CommitRecord {
                data_end: end,
                segments: extents,
                pending_wipe: vec![],
                slots: keys.slots,
                ..old_commit.clone()
            };
            self.write_commit(record)?;
            let file = temp.persist(&path).map_err(|e| VaultError::Io(e.error))?;
            crate::storage::sync_parent_dir(&path)?;
            Ok::<_, VaultError>(file)
        })();
        // The vault file itself is complete either way: this handle stays usable.
        self.poisoned = false;
        match result {
            Ok(file) => {
                self.storage = Box::new(FileStorage::from_locked(file));
                Ok((old_storage, old_segments))
            }
            Err(e) => {
                self.storage = old_storage;
                self.master = old_master;
                self.superblock = old_superblock;
                self.segments = old_segments;
                (self.commit, self.active, self.unlocked_slot) = (old_commit, old_active, old_slot);
                Err(e)
            }
        }
    }

    /// Copies every intact item into `target` (another vault), keeping names, dates and
    /// tags. An item is copied only if all of it authenticates and matches its SHA-256.
    /// Returns the ids (in this vault) of the items that could not be copied.
    pub fn salvage_into(&self, target: &mut Vault, mut progress: impl FnMut(u64)) -> Result<Vec<u64>, VaultError> {
        let mut lost = Vec::new();
        for item in self.items() {
            let options = AddOptions { tags: item.tags.clone(), modified: item.modified, added: Some(item.added) };
            let mut reader = self.open_item(item.id)?;
            match target.add(&mut reader, &item.name, &options) {
                Ok(new_id) if target.item(new_id)?.sha256 == item.sha256 => progress(item.size),
                Ok(new_id) => {
                    target.remove(&[new_id])?;
                    lost.push(item.id);
                }
                Err(VaultError::Io(e)) if e.kind() == io::ErrorKind::InvalidData => lost.push(item.id),
                Err(VaultError::Integrity(_)) => lost.push(item.id),
                Err(e) => return Err(e),
            }
        }
        Ok(lost)
    }

    /// Whether parts of the index were unreadable when this vault was opened for salvage.
    pub fn index_incomplete(&self) -> bool {
        self.lost_segments > 0
    }

    /// Argon2id parameters of this vault.
    pub fn kdf_params(&self) -> KdfParams {
        self.superblock.kdf
    }

    /// The live index segments: the extent of one copy and the ids inside. For tests of
    /// shredding.
    #[doc(hidden)]
    pub fn index_segments(&self) -> Vec<(Extent, Vec<u64>)> {
        self.segments.iter().map(|s| (s.extent, s.body.items.iter().map(|i| i.id).collect())).collect()
    }

    // ----- internals -----

    fn ensure_writable(&self) -> Result<(), VaultError> {
        if !self.writable {
            return Err(VaultError::Refused("the vault was opened read-only"));
        }
        if self.poisoned {
            return Err(VaultError::Refused("an earlier write failed; open the vault again"));
        }
        Ok(())
    }

    fn derive_kek(&self, passphrase: &Passphrase) -> Result<Kek, VaultError> {
        self.superblock
            .kdf
            .derive(passphrase.as_bytes(), &self.superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))
    }

    fn now(&self) -> u64 {
        self.clock.unwrap_or_else(unix_now)
    }

    fn fresh_id(&mut self) -> u64 {
        loop {
            let id = self.rng.next_u64();
            if id != 0 && self.item(id).is_err() {
                return id;
            }
        }
    }

    fn write_payload(&mut self, source: &mut dyn Read, start: u64) -> Result<WrittenPayload, VaultError> {
        write_payload(self.storage.as_ref(), &mut self.rng, source, start)
    }

    /// Appends `items` as a new segment at `at`, merges tail segments (FORMAT.md §7) and
    /// commits, listing the merged segments for wiping.
    fn append_items(&mut self, items: Vec<ItemRecord>, at: u64) -> Result<(), VaultError> {
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
    fn place_segment(&mut self, body: &SegmentBody, end: u64) -> Result<(Extent, u64), VaultError> {
        let extent = self.write_segment(body, end)?;
        Ok((extent, end + 2 * extent.len))
    }

    /// Seals `body` and writes its two copies at `at`; returns the extent of one copy.
    fn write_segment(&mut self, body: &SegmentBody, at: u64) -> Result<Extent, VaultError> {
        let mut buf = Zeroizing::new(format::encode_segment(body)?);
        let salt: [u8; format::SEGMENT_SALT_LEN] = crypto::random_bytes(&mut self.rng);
        let key = self.master.derive(&salt, SEGMENT_INFO);
        crypto::seal(&key, &[0; 12], SEGMENT_AAD, &mut buf);
        let mut copy = Vec::with_capacity(salt.len() + buf.len());
        copy.extend_from_slice(&salt);
        copy.extend_from_slice(&buf);
        let len = copy.len() as u64;
        self.storage.write_at(at, &copy)?;
        self.storage.write_at(at + len, &copy)?;
        Ok(Extent { offset: at, len })
    }

    /// Overwrites every range in `pending_wipe` with random bytes, syncs, and commits the
    /// list empty (FORMAT.md §8, step 5).
    fn finish_pending_wipes(&mut self) -> Result<(), VaultError> {
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
    fn write_commit(&mut self, record: CommitRecord) -> Result<(), VaultError> {
        let result = self.write_commit_inner(record);
        if result.is_err() {
            self.poisoned = true;
        }
        result
    }

    fn write_commit_inner(&mut self, record: CommitRecord) -> Result<(), VaultError> {
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

/// Encrypts `source` as an age payload at `start` (FORMAT.md §6). The stages overlap: this
/// thread reads and hashes the next batch while workers seal earlier ones and write each at
/// its own offset. Buffers are recycled, so memory stays at a few batches whatever the
/// item's size.
fn write_payload(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    source: &mut dyn Read,
    start: u64,
) -> Result<WrittenPayload, VaultError> {
    seal_payload(storage, rng, source, start, crate::reader::crypto_workers())
}

/// [`write_payload`] with `workers` sealing threads.
fn seal_payload(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    source: &mut dyn Read,
    start: u64,
    workers: usize,
) -> Result<WrittenPayload, VaultError> {
    let file_key = FileKey::generate(rng);
    let nonce: [u8; PAYLOAD_NONCE_LEN] = crypto::random_bytes(rng);
    let key = PayloadKey::derive(&file_key, &nonce);
    storage.write_at(start, &nonce)?;
    let mut reader = PlainReader::new(start + PAYLOAD_NONCE_LEN as u64);
    let mut first = reader.fill(source, BatchBuf::new())?;
    let finish = |reader: PlainReader| {
        let (size, sha256, media_type, end) = reader.finish();
        let payload = Extent { offset: start, len: end - start };
        debug_assert_eq!(stream::payload_len(size), Some(payload.len));
        WrittenPayload { file_key, size, sha256, media_type, payload }
    };
    if reader.done {
        // Everything fits in one batch (most photos and notes): no threads needed.
        let len = first.sealed_len();
        key.seal_batch(first.first, first.buf.get(len), &first.lens, true);
        storage.write_at(first.offset, first.buf.filled(len))?;
        return Ok(finish(reader));
    }
    let key = &key;
    // Enough buffers that the reader (the one sequential stage, as SHA-256 is) never waits
    // for a sealer that is between batches.
    let buffers = workers + 2;
    // Room for every buffer plus `first`, so sending a batch never blocks.
    let (seal_tx, seal_rx) = mpsc::sync_channel::<SealJob>(buffers + 1);
    let seal_rx = std::sync::Mutex::new(seal_rx);
    let failure = std::sync::Mutex::new(None::<io::Error>);
    // Seals a batch and writes it at its own offset (batches may be written out of order);
    // gives the buffer back, or `None` once any write has failed.
    let seal_and_write = |mut job: SealJob| -> Option<BatchBuf> {
        let len = job.sealed_len();
        key.seal_batch(job.first, job.buf.get(len), &job.lens, job.is_final);
        let written = storage.write_at(job.offset, job.buf.filled(len));
        let mut failure = failure.lock().expect("no sealer panics");
        if let Err(e) = written {
            failure.get_or_insert(e);
        }
        failure.is_none().then_some(job.buf)
    };
    std::thread::scope(|scope| {
        let (free_tx, free_rx) = mpsc::sync_channel::<BatchBuf>(buffers);
        for _ in 0..buffers {
            free_tx.send(BatchBuf::new()).expect("room for every buffer");
        }
        for _ in 0..workers {
            let (seal_rx, seal_and_write, free_tx) = (&seal_rx, &seal_and_write, free_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = seal_rx.lock().expect("no sealer panics").recv();
                    let Ok(job) = next else { break };
                    let Some(buf) = seal_and_write(job) else { break };
                    let _ = free_tx.send(buf); // the reader may have stopped already
                }
            });
        }
        // Once every sealer has stopped, no buffer comes back and the reader stops too.
        drop(free_tx);
        // The next buffer to fill. When none is free, the sealers are behind: rather than
        // wait, the reader seals a waiting batch itself, which balances the two cores'
        // work whatever the relative speed of hashing, sealing and writing. (A sealer
        // waiting for work holds the queue's lock, and then there is nothing to take.)
        let next_buffer = || -> Option<BatchBuf> {
            match free_rx.try_recv() {
                Ok(buf) => return Some(buf),
                Err(mpsc::TryRecvError::Disconnected) => return None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
            let waiting = seal_rx.try_lock().ok().and_then(|queue| queue.try_recv().ok());
            match waiting {
                Some(job) => seal_and_write(job),
                None => free_rx.recv().ok(),
            }
        };
        let read = (|| -> Result<(), VaultError> {
            seal_tx.send(first).expect("the queue outlives this loop and has room for every buffer");
            while !reader.done {
                // No buffer means a write failed; its error is reported below.
                let Some(buf) = next_buffer() else { return Ok(()) };
                let job = reader.fill(source, buf)?;
                seal_tx.send(job).expect("the queue outlives this loop and has room for every buffer");
            }
            Ok(())
        })();
        drop(seal_tx);
        read
    })?;
    if let Some(e) = failure.into_inner().expect("no sealer panics") {
        return Err(e.into());
    }
    Ok(finish(reader))
}

/// One batch on its way from the reader to a sealer.
struct SealJob {
    buf: BatchBuf,
    lens: Vec<usize>,
    first: u64,
    is_final: bool,
    offset: u64,
}

impl SealJob {
    fn sealed_len(&self) -> usize {
        stream::sealed_run_len(self.lens.len(), self.lens[self.lens.len() - 1])
    }
}

/// The reading stage: fills batch buffers from the source, hashing the plaintext and noting
/// its media type on the way.
struct PlainReader {
    hasher: Sha256,
    carry: Option<u8>,
    index: u64,
    size: u64,
    media_type: Option<String>,
    /// Where the next batch goes in the file.
    at: u64,
    /// Whether the source has ended (the last batch holds the final chunk).
    done: bool,
}

impl PlainReader {
    fn new(at: u64) -> Self {
        PlainReader { hasher: Sha256::new(), carry: None, index: 0, size: 0, media_type: None, at, done: false }
    }

    /// Fills `buf` with up to [`BATCH_CHUNKS`] chunks in one vectored read (a system call
    /// per batch, not per chunk). A full batch is final only if nothing follows it, which
    /// one more byte of look-ahead tells.
    fn fill(&mut self, source: &mut dyn Read, mut buf: BatchBuf) -> Result<SealJob, VaultError> {
        let capacity = BATCH_CHUNKS * stream::CHUNK_LEN;
        let data = buf.get(BATCH_CHUNKS * SEALED_CHUNK_LEN);
        let carried = match self.carry.take() {
            Some(byte) => {
                data[0] = byte;
                1
            }
            None => 0,
        };
        let mut peek = [0u8; 1];
        let read = {
            let mut slots: Vec<IoSliceMut> = data
                .chunks_mut(SEALED_CHUNK_LEN)
                .enumerate()
                .map(|(k, slot)| IoSliceMut::new(&mut slot[usize::from(k == 0) * carried..stream::CHUNK_LEN]))
                .collect();
            slots.push(IoSliceMut::new(&mut peek));
            read_vectored_full(source, &mut slots)?
        };
        let mut total = carried + read;
        if total > capacity {
            self.carry = Some(peek[0]);
            total = capacity;
        } else {
            self.done = true;
        }
        // Only a payload's first batch can be empty: a later one starts with a carried byte.
        let chunks = total.div_ceil(stream::CHUNK_LEN).max(1);
        let lens: Vec<usize> = (0..chunks).map(|k| (total - k * stream::CHUNK_LEN).min(stream::CHUNK_LEN)).collect();
        for (slot, &len) in data.chunks(SEALED_CHUNK_LEN).zip(&lens) {
            self.hasher.update(&slot[..len]);
        }
        if self.media_type.is_none() {
            self.media_type = Some(detect_media_type(&data[..lens[0]]));
        }
        self.size += total as u64;
        let job = SealJob { buf, lens, first: self.index, is_final: self.done, offset: self.at };
        self.at += job.sealed_len() as u64;
        self.index += job.lens.len() as u64;
        Ok(job)
    }

    /// Size, SHA-256, media type and the payload's end offset.
    fn finish(self) -> (u64, [u8; 32], String, u64) {
        let media_type = self.media_type.unwrap_or_else(|| "application/octet-stream".into());
        (self.size, self.hasher.finalize().into(), media_type, self.at)
    }
}

/// Overwrites `len` bytes at `offset` with random bytes, a block at a time. The block holds
/// noise, not secrets, so it needs no wiping.
fn overwrite_random(
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

/// A new vault file being written next to the vault by `compact` or `rotate`.
struct Replacement {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
    storage: Box<dyn Storage>,
}

/// The keys and header a replacement file is committed under.
struct Keys {
    master: MasterKey,
    superblock: Superblock,
    slots: [SlotInfo; SLOT_COUNT],
    unlocked_slot: usize,
}

struct WrittenPayload {
    file_key: FileKey,
    size: u64,
    sha256: [u8; 32],
    media_type: String,
    payload: Extent,
}

/// What unlocking found, before it becomes a [`Vault`].
struct Unlocked {
    master: MasterKey,
    slot: usize,
    superblock: Superblock,
    active: usize,
    commit: CommitRecord,
    segments: Vec<Segment>,
    repaired_copies: usize,
    lost_segments: usize,
}

impl Unlocked {
    fn into_vault(self, storage: Box<dyn Storage>, writable: bool) -> Vault {
        Vault {
            storage,
            path: None,
            writable,
            poisoned: false,
            master: self.master,
            unlocked_slot: self.slot,
            superblock: self.superblock,
            active: self.active,
            commit: self.commit,
            segments: self.segments,
            repaired_copies: self.repaired_copies,
            lost_segments: self.lost_segments,
            rng: ChaCha20Rng::from_entropy(),
            clock: None,
        }
    }
}

/// KEKs already derived in this unlock, so each distinct (parameters, salt) costs one
/// Argon2id run however many superblocks and slots are tried.
#[derive(Default)]
struct KekCache(Vec<(KdfParams, [u8; 32], Kek)>);

impl KekCache {
    fn get(&mut self, sb: &Superblock, passphrase: &Passphrase) -> Result<&Kek, CryptoError> {
        let pos = self.0.iter().position(|(p, s, _)| *p == sb.kdf && *s == sb.kdf_salt);
        let pos = match pos {
            Some(p) => p,
            None => {
                let kek = sb.kdf.derive(passphrase.as_bytes(), &sb.kdf_salt)?;
                self.0.push((sb.kdf, sb.kdf_salt, kek));
                self.0.len() - 1
            }
        };
        Ok(&self.0[pos].2)
    }
}

/// Both superblocks that parse, newest first, with the copy (0 or 1) each came from.
fn read_superblocks(storage: &dyn Storage) -> Result<Vec<(usize, Superblock)>, VaultError> {
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
        match Superblock::parse(&bytes) {
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
    found.sort_by_key(|(_, sb)| std::cmp::Reverse(sb.sequence));
    Ok(found)
}

/// Unlocks the newest superblock that works, falling back to the other on damage.
fn try_candidates(
    storage: &dyn Storage,
    candidates: &[(usize, Superblock)],
    key: Key<'_>,
    keks: &mut KekCache,
    lenient: bool,
) -> Result<Unlocked, VaultError> {
    let mut first_damage = None;
    for (copy, sb) in candidates {
        let kek = match key {
            Key::Passphrase(p) => Some(keks.get(sb, p).map_err(|_| VaultError::Integrity(Damage::Header))?),
            Key::Identity(_) => None,
        };
        let mut opened_a_slot = false;
        for (slot, bytes) in sb.slots.iter().enumerate() {
            let unwrapped = match (key, kek) {
                (Key::Identity(identity), _) => crypto::unwrap_with_identity(identity, bytes),
                (Key::Passphrase(_), Some(kek)) => crypto::unwrap_with_kek(kek, bytes),
                (Key::Passphrase(_), None) => unreachable!("a passphrase always has a KEK"),
            };
            let Ok(master) = unwrapped else { continue };
            opened_a_slot = true;
            if !master.verify_header_mac(&sb.mac_input(), &sb.mac) {
                first_damage.get_or_insert(VaultError::Integrity(Damage::Header));
                break;
            }
            match load_state(storage, sb, &master, lenient) {
                Ok((commit, segments, repaired_copies, lost_segments)) => {
                    return Ok(Unlocked {
                        master,
                        slot,
                        superblock: sb.clone(),
                        active: *copy,
                        commit,
                        segments,
                        repaired_copies,
                        lost_segments,
                    });
                }
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

/// Opens the commit record and every index segment of `sb`.
fn load_state(
    storage: &dyn Storage,
    sb: &Superblock,
    master: &MasterKey,
    lenient: bool,
) -> Result<(CommitRecord, Vec<Segment>, usize, usize), VaultError> {
    let key = master.derive(b"", COMMIT_INFO);
    let mut plain = Zeroizing::new(sb.sealed_commit.to_vec());
    crypto::open(&key, &sb.commit_nonce, &sb.commit_aad(), &mut plain)
        .map_err(|_| VaultError::Integrity(Damage::Header))?;
    let commit = format::decode_commit(&plain).map_err(|_| VaultError::Integrity(Damage::Header))?;
    let file_len = storage.len()?;
    let mut segments = Vec::with_capacity(commit.segments.len());
    let mut repaired = 0;
    let mut seen = std::collections::HashSet::new();
    let mut lost = 0;
    for extent in &commit.segments {
        let (body, used_mirror) = match read_segment(storage, master, *extent, file_len) {
            Ok(found) => found,
            Err(VaultError::Integrity(_)) if lenient => {
                lost += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        repaired += usize::from(used_mirror);
        for item in &body.items {
            if !seen.insert(item.id) {
                return Err(VaultError::Integrity(Damage::Index));
            }
        }
        segments.push(Segment { extent: *extent, body });
    }
    Ok((commit, segments, repaired, lost))
}

/// Reads the first copy of a segment that authenticates and decodes; says whether it
/// needed the second.
fn read_segment(
    storage: &dyn Storage,
    master: &MasterKey,
    extent: Extent,
    file_len: u64,
) -> Result<(SegmentBody, bool), VaultError> {
    for (n, offset) in [extent.offset, extent.offset + extent.len].into_iter().enumerate() {
        if offset.saturating_add(extent.len) > file_len {
            continue;
        }
        let mut copy = Zeroizing::new(vec![0u8; extent.len as usize]);
        storage.read_at(offset, &mut copy)?;
        let salt = &copy[..format::SEGMENT_SALT_LEN];
        let key = master.derive(salt, SEGMENT_INFO);
        let mut buf = Zeroizing::new(copy[format::SEGMENT_SALT_LEN..].to_vec());
        if crypto::open(&key, &[0; 12], SEGMENT_AAD, &mut buf).is_err() {
            continue;
        }
        if let Ok(body) = format::decode_segment(&buf) {
            return Ok((body, n == 1));
        }
    }
    Err(VaultError::Integrity(Damage::Index))
}

/// Reads until `bufs` are full or the source ends; returns the bytes read.
fn read_vectored_full(source: &mut dyn Read, mut bufs: &mut [IoSliceMut]) -> io::Result<usize> {
    let mut total = 0;
    while !bufs.is_empty() {
        match source.read_vectored(bufs) {
            Ok(0) => break,
            Ok(n) => {
                total += n;
                IoSliceMut::advance_slices(&mut bufs, n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}

/// The MIME type of content, from its first bytes.
fn detect_media_type(head: &[u8]) -> String {
    match infer::get(head) {
        Some(kind) => kind.mime_type().to_string(),
        None if !head.is_empty() && std::str::from_utf8(head).is_ok() => "text/plain".to_string(),
        None => "application/octet-stream".to_string(),
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn lock_error(e: LockError) -> VaultError {
    match e {
        LockError::Busy => VaultError::Busy,
        LockError::Io(e) => VaultError::Io(e),
    }
}

fn kdf_refusal(e: &CryptoError) -> &'static str {
    match e {
        CryptoError::KdfParams(why) => why,
        CryptoError::DecryptionFailed => "key derivation failed",
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        self.superblock.slots.zeroize();
    }
}

#[cfg(test)]
mod tests {
    //! The streaming pipelines at every worker count, whatever the machine's core count:
    //! exact round trips, and errors that stop every stage instead of leaving one waiting.
    use super::*;
    use crate::reader::plain_batches;
    use crate::storage::{Fault, MemStorage};
    use std::time::Duration;

    const BATCH: usize = BATCH_CHUNKS * stream::CHUNK_LEN;

    /// Runs `f` on its own thread and fails the test if it does not finish within a minute
    /// (a deadlocked pipeline would otherwise hang the test run).
    fn finishes<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(Duration::from_secs(60)).expect("the pipeline hung")
    }

    /// A source that hands out at most 1,000 bytes per read.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(1000);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn content(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
    }

    fn record(written: &WrittenPayload) -> ItemRecord {
        ItemRecord {
            id: 7,
            name: b"x".to_vec(),
            media_type: written.media_type.clone(),
            size: written.size,
            added: 0,
            modified: None,
            sha256: written.sha256,
            tags: vec![],
            file_key: *written.file_key.expose(),
            payload: written.payload,
        }
    }

    fn read_back(storage: &MemStorage, item: &ItemRecord, workers: usize) -> Result<Vec<u8>, VaultError> {
        let mut out = Vec::new();
        let mut sink = |chunks: &[&[u8]]| {
            chunks.iter().for_each(|c| out.extend_from_slice(c));
            Ok(())
        };
        plain_batches(storage, item, &mut sink, workers)?;
        Ok(out)
    }

    #[test]
    fn both_pipelines_round_trip_at_every_worker_count() {
        finishes(|| {
            let mut rng = ChaCha20Rng::seed_from_u64(1);
            for len in [0, 1, stream::CHUNK_LEN, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 7] {
                let data = content(len);
                for workers in 1..=4 {
                    for trickle in [false, true] {
                        let storage = MemStorage::new();
                        let written = if trickle {
                            seal_payload(&storage, &mut rng, &mut Trickle(&data), 100, workers)
                        } else {
                            seal_payload(&storage, &mut rng, &mut &data[..], 100, workers)
                        }
                        .unwrap();
                        assert_eq!(written.size, len as u64);
                        assert_eq!(written.sha256, <[u8; 32]>::from(Sha256::digest(&data)), "len {len}");
                        assert_eq!(Some(written.payload.len), stream::payload_len(len as u64));
                        let item = record(&written);
                        assert!(read_back(&storage, &item, workers).unwrap() == data, "len {len}, {workers} workers");
                    }
                }
            }
        });
    }

    /// Storage whose writes are slow and remember which thread made them.
    struct SlowWrites {
        inner: MemStorage,
        writers: std::sync::Mutex<Vec<std::thread::ThreadId>>,
    }

    impl Storage for SlowWrites {
        fn len(&self) -> io::Result<u64> {
            self.inner.len()
        }
        fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
            self.inner.read_at(offset, buf)
        }
        fn write_at(&self, offset: u64, buf: &[u8]) -> io::Result<()> {
            std::thread::sleep(Duration::from_millis(20));
            self.writers.lock().unwrap().push(std::thread::current().id());
            self.inner.write_at(offset, buf)
        }
        fn set_len(&self, len: u64) -> io::Result<()> {
            self.inner.set_len(len)
        }
        fn sync(&self) -> io::Result<()> {
            self.inner.sync()
        }
    }

    /// When the sealers fall behind, the reading thread seals and writes waiting batches
    /// itself instead of idling, and the payload is still exact.
    #[test]
    fn the_reader_seals_waiting_batches_when_the_sealers_fall_behind() {
        finishes(|| {
            let storage = SlowWrites { inner: MemStorage::new(), writers: Default::default() };
            let data = content(12 * BATCH + 3);
            let mut rng = ChaCha20Rng::seed_from_u64(4);
            let written = seal_payload(&storage, &mut rng, &mut &data[..], 0, 1).unwrap();
            let writers = storage.writers.lock().unwrap().clone();
            let reader = std::thread::current().id();
            // The first write is the payload nonce, always from this thread.
            assert!(writers[1..].contains(&reader), "the reader never sealed a batch");
            assert!(writers[1..].iter().any(|w| *w != reader), "the sealer never sealed a batch");
            assert!(read_back(&storage.inner, &record(&written), 2).unwrap() == data);
        });
    }

    #[test]
    fn a_damaged_batch_ends_every_reading_pipeline_with_an_integrity_error() {
        finishes(|| {
            let storage = MemStorage::new();
            let data = content(6 * BATCH + 5);
            let mut rng = ChaCha20Rng::seed_from_u64(2);
            let written = seal_payload(&storage, &mut rng, &mut &data[..], 0, 2).unwrap();
            let item = record(&written);
            let mut bytes = storage.current();
            bytes[(stream::chunk_offset(BATCH_CHUNKS as u64 + 3) + 9) as usize] ^= 1;
            let damaged = MemStorage::from_bytes(bytes);
            for workers in 1..=4 {
                let result = read_back(&damaged, &item, workers);
                assert!(matches!(result, Err(VaultError::Integrity(Damage::Item(7)))), "{workers} workers");
            }
        });
    }

    #[test]
    fn a_failed_write_stops_every_sealing_pipeline() {
        finishes(|| {
            let data = content(8 * BATCH);
            for workers in 1..=4 {
                for op in [1, 2, 5, 8] {
                    let storage = MemStorage::new();
                    storage.fault_at(op, Fault::Fail(io::ErrorKind::StorageFull));
                    let mut rng = ChaCha20Rng::seed_from_u64(3);
                    let result = seal_payload(&storage, &mut rng, &mut &data[..], 0, workers);
                    assert!(
                        matches!(&result, Err(VaultError::Io(e)) if e.kind() == io::ErrorKind::StorageFull),
                        "{workers} workers, failing op {op}"
                    );
                }
            }
        });
    }
}
