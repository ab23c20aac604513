//! Key slots (FORMAT.md §4; which slots this vault owns, their kinds, dates and labels are
//! in its manifest, FORMAT-v2.md §6.1): changing the passphrase, adding passphrases and
//! recovery identities, labelling and removing slots. A slot change is one commit that
//! rewrites both superblocks; no item is re-encrypted (that is `rotate`, in
//! `maintenance.rs`).

use super::error::{VaultError, kdf_refusal};
use super::handle::{Vault, VaultWriter};
use crate::crypto::{self, Kek, Passphrase};
use crate::format::v2::{self, MAX_LABEL_LEN, SLOT_PASSPHRASE, SLOT_RECOVERY};
use crate::format::{self, SlotInfo, SlotKind};
use rand::RngCore;

impl Vault {
    /// Keys this compartment may add without another compartment's: four (FORMAT-v2.md §8).
    pub const SAFE_KEYS: usize = 4;

    /// Keys that are passphrases, by key number.
    pub fn passphrase_slots(&self) -> Vec<usize> {
        (0..self.manifest.slots.len()).filter(|&n| self.key_kind(n) == SlotKind::Passphrase).collect()
    }

    /// Kind and creation time of every key of this compartment, by key number.
    pub fn key_slots(&self) -> Vec<SlotInfo> {
        (0..self.manifest.slots.len())
            .map(|n| SlotInfo { kind: self.key_kind(n), created: self.manifest.slots[n].created })
            .collect()
    }

    /// Key `key`'s id: the first 8 hex digits of its slot's SHA-256. It stays the same while
    /// the key exists (removing another key renumbers the keys, never their ids), and a new
    /// or changed key gets another, so a command naming a key by an id from an earlier
    /// `key list` reaches that key or none.
    pub fn key_id(&self, key: usize) -> Option<String> {
        use sha2::Digest;
        let slot = usize::from(self.manifest.slots.get(key)?.slot);
        let digest = sha2::Sha256::digest(self.superblock.slots.get(slot)?);
        Some(hex::encode(&digest[..4]))
    }

    /// The key whose id is `id`, or begins with it (at least 4 hex digits, any case).
    pub fn key_by_id(&self, id: &str) -> Result<usize, VaultError> {
        let id = id.trim().to_ascii_lowercase();
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(VaultError::Refused(
                "a key is named by its id (8 hex digits, `clipvault key list` shows them; 4 are enough)",
            ));
        }
        let mut matching = (0..self.manifest.slots.len())
            .filter(|&n| self.key_kind(n) != SlotKind::Unused)
            .filter(|&n| self.key_id(n).is_some_and(|full| full.starts_with(&id)));
        match (matching.next(), matching.next()) {
            (Some(key), None) => Ok(key),
            (Some(_), Some(_)) => Err(VaultError::Refused("several keys begin with this id; give all 8 digits")),
            (None, _) => Err(VaultError::Refused(
                "no key of this vault has this id (removed, or changed by passwd); `clipvault key list` shows them",
            )),
        }
    }

    /// The label key `key` was given (`key add --label`), if any.
    pub fn slot_label(&self, key: usize) -> Option<&str> {
        self.manifest.slots.get(key).map(|s| s.label.as_str()).filter(|l| !l.is_empty())
    }

    fn key_kind(&self, key: usize) -> SlotKind {
        match self.manifest.slots.get(key).map(|s| s.kind) {
            Some(SLOT_PASSPHRASE) => SlotKind::Passphrase,
            Some(SLOT_RECOVERY) => SlotKind::Recovery,
            _ => SlotKind::Unused,
        }
    }

    /// The number of the key that opened this vault.
    pub fn unlocked_slot(&self) -> usize {
        self.manifest.slots.iter().position(|s| usize::from(s.slot) == self.unlocked_slot).unwrap_or(0)
    }

    pub(super) fn derive_kek(&self, passphrase: &Passphrase) -> Result<Kek, VaultError> {
        self.superblock
            .kdf
            .derive(passphrase.as_bytes(), &self.superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))
    }
}

impl VaultWriter {
    /// Replaces the passphrase that unlocked this vault. One Argon2id run and one key slot
    /// rewritten; no item is re-encrypted. Both superblocks are rewritten, so the old
    /// passphrase opens nothing in this file afterwards. Opened with a recovery identity,
    /// it replaces the vault's only passphrase (or adds one if there is none); with several,
    /// say which with [`Vault::replace_passphrase`].
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<(), VaultError> {
        let key = self.passphrase_slot_to_change()?;
        self.replace_passphrase(key, new)
    }

    /// The key `change_passphrase` would replace, so a caller can ask for the new
    /// passphrase only once it knows the change can be made: the key that opened the vault
    /// if it is a passphrase, else the only passphrase, else a new key.
    ///
    /// Keys are numbered per compartment, 0 for the first, in the order they were added
    /// (the key slots they occupy in the file are not shown: FORMAT-v2.md §8).
    pub fn passphrase_slot_to_change(&self) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        let opened = self.unlocked_slot();
        if self.key_kind(opened) == SlotKind::Passphrase {
            return Ok(opened);
        }
        match self.passphrase_slots().as_slice() {
            [only] => Ok(*only),
            [] => {
                self.free_slot()?;
                Ok(self.vault.manifest.slots.len())
            }
            _ => Err(VaultError::Refused("this vault has several passphrases; say which key to replace")),
        }
    }

    /// Puts a new passphrase into key `key`, which must be a passphrase, or the next key
    /// number (a new key).
    pub fn replace_passphrase(&mut self, key: usize, new: &Passphrase) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let slot = match self.vault.manifest.slots.get(key) {
            Some(info) if info.kind == SLOT_PASSPHRASE => usize::from(info.slot),
            None if key == self.vault.manifest.slots.len() => self.free_slot()?,
            _ => return Err(VaultError::Refused("that key is not a passphrase")),
        };
        let kek = self.derive_new_kek(new, Some(slot))?;
        let bytes = crypto::wrap_with_kek(&kek, &self.vault.master, &mut self.vault.rng);
        let label = self.slot_label(key).unwrap_or("").to_string();
        self.write_slot(slot, bytes, SlotKind::Passphrase, &label)
    }

    /// Adds another passphrase, with a label to tell it apart later (at most 64 bytes; may be
    /// empty); returns its key number.
    pub fn add_passphrase(&mut self, new: &Passphrase, label: &str) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        check_label(label)?;
        let slot = self.free_slot()?;
        let kek = self.derive_new_kek(new, None)?;
        let bytes = crypto::wrap_with_kek(&kek, &self.vault.master, &mut self.vault.rng);
        self.write_slot(slot, bytes, SlotKind::Passphrase, label)?;
        Ok(self.vault.manifest.slots.len() - 1)
    }

    /// Creates a recovery identity (an age X25519 key) and wraps the master key to it in a
    /// free slot; returns its key number and the identity, which is returned once and stored
    /// nowhere.
    pub fn add_recovery(&mut self, label: &str) -> Result<(usize, age::x25519::Identity), VaultError> {
        self.ensure_writable()?;
        check_label(label)?;
        let slot = self.free_slot()?;
        let identity = age::x25519::Identity::generate();
        let bytes = crypto::wrap_for_recipient(&identity.to_public(), &self.vault.master, &mut self.vault.rng)
            .map_err(|_| VaultError::Refused("could not wrap the key for the recovery identity"))?;
        self.write_slot(slot, bytes, SlotKind::Recovery, label)?;
        Ok((self.vault.manifest.slots.len() - 1, identity))
    }

    /// Removes key `key` (its slot filled with random bytes). Refuses to remove the last way
    /// in.
    pub fn remove_slot(&mut self, key: usize) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let Some(slot) = self.vault.manifest.slots.get(key).map(|s| usize::from(s.slot)) else {
            return Err(VaultError::Refused("no such key"));
        };
        if self.vault.manifest.slots.len() == 1 {
            return Err(VaultError::Refused("refusing to remove the last key: the vault could never be opened again"));
        }
        let mut bytes = [0u8; format::SLOT_LEN];
        self.vault.rng.fill_bytes(&mut bytes);
        self.write_slot(slot, bytes, SlotKind::Unused, "")
    }

    /// The slot a new key of this compartment goes to: the next in its placement order that
    /// it does not use. Slots past the first [`Vault::SAFE_KEYS`] may be another
    /// compartment's; callers say so.
    pub(super) fn free_slot(&self) -> Result<usize, VaultError> {
        let used: Vec<usize> = self.vault.manifest.slots.iter().map(|s| usize::from(s.slot)).collect();
        self.vault
            .master
            .placement()
            .0
            .into_iter()
            .find(|n| !used.contains(n))
            .ok_or(VaultError::Refused("all 8 key slots are in use; remove a key first"))
    }

    /// Replaces one raw slot and commits; both superblocks get the new bytes. The key list
    /// keeps its order: a replaced key keeps its number, a new one comes last.
    pub(super) fn write_slot(
        &mut self,
        slot: usize,
        bytes: [u8; format::SLOT_LEN],
        kind: SlotKind,
        label: &str,
    ) -> Result<(), VaultError> {
        let mut manifest = self.next_manifest();
        let kind = match kind {
            SlotKind::Passphrase => Some(SLOT_PASSPHRASE),
            SlotKind::Recovery => Some(SLOT_RECOVERY),
            SlotKind::Unused => None,
        };
        let position = manifest.slots.iter().position(|s| usize::from(s.slot) == slot);
        match (kind, position) {
            (Some(kind), Some(n)) => {
                manifest.slots[n] = v2::KeyEntry { slot: slot as u8, kind, created: self.now(), label: label.into() }
            }
            (Some(kind), None) => {
                manifest.slots.push(v2::KeyEntry { slot: slot as u8, kind, created: self.now(), label: label.into() })
            }
            (None, Some(n)) => {
                manifest.slots.remove(n);
            }
            (None, None) => {}
        }
        let previous = std::mem::replace(&mut self.vault.superblock.slots[slot], bytes);
        let result = self.commit(manifest);
        if result.is_err() {
            self.vault.superblock.slots[slot] = previous;
        }
        result
    }

    /// The KEK of a passphrase about to become a key, refused if it opens any slot but
    /// `replacing` (of this compartment or another): one passphrase opening two slots would
    /// open only one of them, and the other compartment would be lost (FORMAT-v2.md §8.1).
    pub(super) fn derive_new_kek(&self, passphrase: &Passphrase, replacing: Option<usize>) -> Result<Kek, VaultError> {
        let kek = self.derive_kek(passphrase)?;
        let opens = self
            .superblock
            .slots
            .iter()
            .enumerate()
            .any(|(n, slot)| Some(n) != replacing && crypto::unwrap_with_kek(&kek, slot).is_ok());
        if opens {
            return Err(VaultError::Refused("that passphrase already opens this vault; choose another"));
        }
        Ok(kek)
    }
}

/// A key label's rule, for every front end: at most [`MAX_LABEL_LEN`] bytes, no control
/// characters (a label is printed by `key list`).
pub(super) fn check_label(label: &str) -> Result<(), VaultError> {
    if label.len() > MAX_LABEL_LEN || label.chars().any(char::is_control) {
        return Err(VaultError::BadLabel);
    }
    Ok(())
}
