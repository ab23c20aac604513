//! Creating a vault and unlocking one: reading both superblocks (FORMAT.md §3), choosing the
//! newest that a key opens without ever falling back behind an intact newer copy (§8.1),
//! opening the commit record and every index segment. Writes nothing but the new vault of
//! `create`; preparing an opened vault for writing belongs to `commit.rs`.

use super::commit::COMMIT_INFO;
use super::error::{Damage, VaultError, kdf_refusal, lock_error};
use super::handle::{CreateOptions, Key, OpenOptions, Vault, unix_now};
use super::index::{Segment, read_segment};
use crate::crypto::{self, CryptoError, KdfParams, Kek, MasterKey, Passphrase};
use crate::format::{
    self, COMMIT_SEALED_LEN, CommitRecord, DATA_START, FormatError, SLOT_COUNT, SUPERBLOCK_LEN, SlotInfo, SlotKind,
    Superblock,
};
use crate::storage::{FileStorage, Storage, parent_dir};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::io;
use std::path::Path;
use zeroize::Zeroizing;

/// How often a reader retries when a writer changed the vault under it.
const READER_RETRIES: usize = 3;

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
            lost_segments: 0,
            rng,
            clock,
            leftovers_removed: vec![],
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
        Ok(candidates[0].1.kdf)
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
}

/// What unlocking found, before it becomes a [`Vault`].
pub(super) struct Unlocked {
    master: MasterKey,
    slot: usize,
    superblock: Superblock,
    active: usize,
    commit: CommitRecord,
    segments: Vec<Segment>,
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
            lost_segments: self.lost_segments,
            rng: ChaCha20Rng::from_entropy(),
            clock: None,
            leftovers_removed: vec![],
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
    fn get(&mut self, sb: &Superblock, passphrase: &Passphrase) -> Result<&Kek, VaultError> {
        let pos = self.keks.iter().position(|(p, s, _)| *p == sb.kdf && *s == sb.kdf_salt);
        let pos = match pos {
            Some(p) => p,
            None => {
                // Checked before anything is allocated: the parameters come from the file.
                if !self.allow_costly_kdf && !sb.kdf.is_affordable() {
                    return Err(VaultError::CostlyKdf(sb.kdf));
                }
                let kek = sb.kdf.derive(passphrase.as_bytes(), &sb.kdf_salt).map_err(|e| match e {
                    CryptoError::KdfParams(why) => VaultError::Refused(why),
                    CryptoError::DecryptionFailed => VaultError::Integrity(Damage::Header),
                })?;
                self.keks.push((sb.kdf, sb.kdf_salt, kek));
                self.keks.len() - 1
            }
        };
        Ok(&self.keks[pos].2)
    }
}

/// Both superblocks that parse, newest first, with the copy (0 or 1) each came from.
pub(super) fn read_superblocks(storage: &dyn Storage) -> Result<Vec<(usize, Superblock)>, VaultError> {
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
pub(super) fn try_candidates(
    storage: &dyn Storage,
    candidates: &[(usize, Superblock)],
    key: Key<'_>,
    keks: &mut KekCache,
    lenient: bool,
) -> Result<Unlocked, VaultError> {
    let mut first_damage = None;
    for (copy, sb) in candidates {
        let kek = match key {
            Key::Passphrase(p) => Some(keks.get(sb, p)?),
            Key::Identity(_) | Key::Session(_) => None,
        };
        let mut opened_a_slot = false;
        for (slot, bytes) in sb.slots.iter().enumerate() {
            let unwrapped = match (key, kek) {
                (Key::Identity(identity), _) => crypto::unwrap_with_identity(identity, bytes),
                (Key::Passphrase(_), Some(kek)) => crypto::unwrap_with_kek(kek, bytes),
                (Key::Passphrase(_), None) => unreachable!("a passphrase always has a KEK"),
                // A session opens through its own slot only, and only while that slot holds
                // the same bytes as when the session began.
                (Key::Session(session), _) if session.slot == slot && *bytes == session.slot_bytes => {
                    Ok(session.master.clone())
                }
                (Key::Session(_), _) => Err(crate::crypto::CryptoError::DecryptionFailed),
            };
            let Ok(master) = unwrapped else { continue };
            opened_a_slot = true;
            if !master.verify_header_mac(&sb.mac_input(), &sb.mac) {
                first_damage.get_or_insert(VaultError::Integrity(Damage::Header));
                break;
            }
            match load_state(storage, sb, &master, lenient) {
                Ok((commit, segments, lost_segments)) => {
                    return Ok(Unlocked {
                        master,
                        slot,
                        superblock: sb.clone(),
                        active: *copy,
                        commit,
                        segments,
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

/// Opens the commit record and every index segment of `sb`; also returns how many segments
/// were unreadable in both copies (skipped only when `lenient`).
pub(super) fn load_state(
    storage: &dyn Storage,
    sb: &Superblock,
    master: &MasterKey,
    lenient: bool,
) -> Result<(CommitRecord, Vec<Segment>, usize), VaultError> {
    let key = master.derive(b"", COMMIT_INFO);
    let mut plain = Zeroizing::new(sb.sealed_commit.to_vec());
    crypto::open(&key, &sb.commit_nonce, &sb.commit_aad(), &mut plain)
        .map_err(|_| VaultError::Integrity(Damage::Header))?;
    let commit = format::decode_commit(&plain).map_err(|_| VaultError::Integrity(Damage::Header))?;
    let file_len = storage.len()?;
    let mut segments = Vec::with_capacity(commit.segments.len());
    let mut seen = std::collections::HashSet::new();
    let mut lost = 0;
    for extent in &commit.segments {
        let body = match read_segment(storage, master, *extent, file_len) {
            Ok(found) => found,
            Err(VaultError::Integrity(_)) if lenient => {
                lost += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        for item in &body.items {
            if !seen.insert(item.id) {
                return Err(VaultError::Integrity(Damage::Index));
            }
        }
        segments.push(Segment { extent: *extent, body });
    }
    check_extents(&commit, &segments)?;
    Ok((commit, segments, lost))
}

/// FORMAT.md §9: every item payload and index segment (both copies) lies inside the data
/// area, and no two of them overlap. Otherwise a crafted index could list an "item" over a
/// superblock, or two items over one extent, and shredding one would destroy the other.
fn check_extents(commit: &CommitRecord, segments: &[Segment]) -> Result<(), VaultError> {
    let payloads = segments.iter().flat_map(|s| s.body.items.iter()).map(|i| (i.payload.offset, i.payload.len));
    let indexes = commit.segments.iter().map(|e| (e.offset, e.len.saturating_mul(2)));
    let mut ranges: Vec<(u64, u64)> = Vec::with_capacity(segments.len() * 2);
    for (offset, len) in payloads.chain(indexes) {
        let end = offset.checked_add(len).ok_or(VaultError::Integrity(Damage::Index))?;
        if offset < DATA_START || end > commit.data_end || len == 0 {
            return Err(VaultError::Integrity(Damage::Index));
        }
        ranges.push((offset, end));
    }
    ranges.sort_unstable();
    if ranges.windows(2).any(|pair| pair[1].0 < pair[0].1) {
        return Err(VaultError::Integrity(Damage::Index));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! Crafted indexes that authenticate (written with the master key) but list payloads
    //! where none may be: FORMAT.md §9 says a reader MUST reject them.
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
        let end = vault.commit.data_end;
        vault.append_items(items, end).unwrap();
    }

    fn reopened(storage: MemStorage, pass: &Passphrase) -> Result<Vault, VaultError> {
        Vault::open_in(Box::new(storage), pass, false)
    }

    #[test]
    fn an_item_over_a_superblock_is_rejected() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
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
        commit_index(&mut vault, items);
        drop(vault);
        assert!(matches!(reopened(storage, &pass), Err(VaultError::Integrity(Damage::Index))));
    }

    #[test]
    fn an_item_past_the_committed_data_is_rejected() {
        let (storage, pass, mut vault) = vault_with_two_items();
        let mut items: Vec<ItemRecord> = vault.items().cloned().collect();
        items[1].payload.offset = vault.commit.data_end + 4096;
        commit_index(&mut vault, items);
        drop(vault);
        assert!(matches!(reopened(storage, &pass), Err(VaultError::Integrity(Damage::Index))));
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
