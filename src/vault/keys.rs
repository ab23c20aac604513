//! Key slots (FORMAT.md §4; which slots this vault owns, their kinds, dates and labels are
//! in its manifest, FORMAT-v2.md §6.1): changing the passphrase, adding passphrases and
//! recovery identities, labelling and removing slots. A slot change is one commit that
//! rewrites both superblocks; no item is re-encrypted (that is `rotate`, in
//! `maintenance.rs`).

use super::error::{VaultError, kdf_refusal};
use super::handle::Vault;
use crate::crypto::{self, Kek, Passphrase};
use crate::format::v2::{self, MAX_LABEL_LEN, SLOT_PASSPHRASE, SLOT_RECOVERY};
use crate::format::{self, SLOT_COUNT, SlotInfo, SlotKind};
use rand::RngCore;

impl Vault {
    /// Replaces the passphrase that unlocked this vault. One Argon2id run and one key slot
    /// rewritten; no item is re-encrypted. Both superblocks are rewritten, so the old
    /// passphrase opens nothing in this file afterwards. Opened with a recovery identity,
    /// it replaces the vault's only passphrase (or adds one if there is none); with several,
    /// say which with [`Vault::replace_passphrase`].
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<(), VaultError> {
        let slot = self.passphrase_slot_to_change()?;
        self.replace_passphrase(slot, new)
    }

    /// The slot `change_passphrase` would replace, so a caller can ask for the new
    /// passphrase only once it knows the change can be made: the slot that opened the vault
    /// if it holds a passphrase, else the only passphrase slot, else a free slot.
    pub fn passphrase_slot_to_change(&self) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        if self.slot_kind(self.unlocked_slot) == SlotKind::Passphrase {
            return Ok(self.unlocked_slot);
        }
        match self.passphrase_slots().as_slice() {
            [only] => Ok(*only),
            [] => self.free_slot(),
            _ => Err(VaultError::Refused("this vault has several passphrases; say which slot to replace")),
        }
    }

    /// Slots that hold a passphrase.
    pub fn passphrase_slots(&self) -> Vec<usize> {
        (0..SLOT_COUNT).filter(|&n| self.slot_kind(n) == SlotKind::Passphrase).collect()
    }

    /// Puts a new passphrase into `slot`, which must hold a passphrase or be free.
    pub fn replace_passphrase(&mut self, slot: usize, new: &Passphrase) -> Result<(), VaultError> {
        self.ensure_writable()?;
        if slot >= SLOT_COUNT || self.slot_kind(slot) == SlotKind::Recovery {
            return Err(VaultError::Refused("that slot does not hold a passphrase"));
        }
        let kek = self.derive_kek(new)?;
        let bytes = crypto::wrap_with_kek(&kek, &self.master, &mut self.rng);
        let label = self.slot_label(slot).unwrap_or("").to_string();
        self.write_slot(slot, bytes, SlotKind::Passphrase, &label)
    }

    /// Kind and creation time of every key slot, by slot number.
    pub fn key_slots(&self) -> [SlotInfo; SLOT_COUNT] {
        std::array::from_fn(|n| {
            let info = self.manifest.slots.iter().find(|s| usize::from(s.slot) == n);
            SlotInfo { kind: self.slot_kind(n), created: info.map_or(0, |s| s.created) }
        })
    }

    /// The label a slot was given (`key add --label`), if any.
    pub fn slot_label(&self, slot: usize) -> Option<&str> {
        self.manifest
            .slots
            .iter()
            .find(|s| usize::from(s.slot) == slot)
            .map(|s| s.label.as_str())
            .filter(|l| !l.is_empty())
    }

    fn slot_kind(&self, slot: usize) -> SlotKind {
        match self.manifest.slots.iter().find(|s| usize::from(s.slot) == slot).map(|s| s.kind) {
            Some(SLOT_PASSPHRASE) => SlotKind::Passphrase,
            Some(SLOT_RECOVERY) => SlotKind::Recovery,
            _ => SlotKind::Unused,
        }
    }

    /// The slot that opened this vault.
    pub fn unlocked_slot(&self) -> usize {
        self.unlocked_slot
    }

    /// Adds another passphrase in a free slot, with a label to tell it apart later (at most
    /// 64 bytes; may be empty); returns the slot number.
    pub fn add_passphrase(&mut self, new: &Passphrase, label: &str) -> Result<usize, VaultError> {
        self.ensure_writable()?;
        check_label(label)?;
        let slot = self.free_slot()?;
        let kek = self.derive_kek(new)?;
        let bytes = crypto::wrap_with_kek(&kek, &self.master, &mut self.rng);
        self.write_slot(slot, bytes, SlotKind::Passphrase, label)?;
        Ok(slot)
    }

    /// Creates a recovery identity (an age X25519 key) and wraps the master key to it in a
    /// free slot. The identity is returned once and stored nowhere.
    pub fn add_recovery(&mut self, label: &str) -> Result<(usize, age::x25519::Identity), VaultError> {
        self.ensure_writable()?;
        check_label(label)?;
        let slot = self.free_slot()?;
        let identity = age::x25519::Identity::generate();
        let bytes = crypto::wrap_for_recipient(&identity.to_public(), &self.master, &mut self.rng)
            .map_err(|_| VaultError::Refused("could not wrap the key for the recovery identity"))?;
        self.write_slot(slot, bytes, SlotKind::Recovery, label)?;
        Ok((slot, identity))
    }

    /// Empties a key slot (fills it with random bytes). Refuses to remove the last way in.
    pub fn remove_slot(&mut self, slot: usize) -> Result<(), VaultError> {
        self.ensure_writable()?;
        if slot >= SLOT_COUNT || self.slot_kind(slot) == SlotKind::Unused {
            return Err(VaultError::Refused("no such key slot"));
        }
        if self.manifest.slots.len() == 1 {
            return Err(VaultError::Refused("refusing to remove the last key: the vault could never be opened again"));
        }
        let mut bytes = [0u8; format::SLOT_LEN];
        self.rng.fill_bytes(&mut bytes);
        self.write_slot(slot, bytes, SlotKind::Unused, "")
    }

    pub(super) fn free_slot(&self) -> Result<usize, VaultError> {
        (0..SLOT_COUNT)
            .find(|&n| self.slot_kind(n) == SlotKind::Unused)
            .ok_or(VaultError::Refused("all 8 key slots are in use; remove one first"))
    }

    /// Replaces one slot and commits; both superblocks get the new bytes.
    pub(super) fn write_slot(
        &mut self,
        slot: usize,
        bytes: [u8; format::SLOT_LEN],
        kind: SlotKind,
        label: &str,
    ) -> Result<(), VaultError> {
        let mut manifest = self.next_manifest();
        manifest.slots.retain(|s| usize::from(s.slot) != slot);
        let kind = match kind {
            SlotKind::Passphrase => Some(SLOT_PASSPHRASE),
            SlotKind::Recovery => Some(SLOT_RECOVERY),
            SlotKind::Unused => None,
        };
        if let Some(kind) = kind {
            let created = self.now();
            manifest.slots.push(v2::SlotInfo { slot: slot as u8, kind, created, label: label.to_string() });
            manifest.slots.sort_by_key(|s| s.slot);
        }
        let previous = std::mem::replace(&mut self.superblock.slots[slot], bytes);
        let result = self.commit(manifest);
        if result.is_err() {
            self.superblock.slots[slot] = previous;
        }
        result
    }

    pub(super) fn derive_kek(&self, passphrase: &Passphrase) -> Result<Kek, VaultError> {
        self.superblock
            .kdf
            .derive(passphrase.as_bytes(), &self.superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))
    }
}

fn check_label(label: &str) -> Result<(), VaultError> {
    if label.len() > MAX_LABEL_LEN {
        return Err(VaultError::Refused("a key label is at most 64 bytes"));
    }
    Ok(())
}
