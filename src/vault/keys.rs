//! Key slots (FORMAT.md §4): changing the passphrase, adding passphrases and recovery
//! identities, removing slots. A slot change is one commit that rewrites both superblocks;
//! no item is re-encrypted (that is `rotate`, in `maintenance.rs`).

use super::error::{VaultError, kdf_refusal};
use super::handle::Vault;
use crate::crypto::{self, Kek, Passphrase};
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
        if self.commit.slots[self.unlocked_slot].kind == SlotKind::Passphrase {
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
        (0..SLOT_COUNT).filter(|&n| self.commit.slots[n].kind == SlotKind::Passphrase).collect()
    }

    /// Puts a new passphrase into `slot`, which must hold a passphrase or be free.
    pub fn replace_passphrase(&mut self, slot: usize, new: &Passphrase) -> Result<(), VaultError> {
        self.ensure_writable()?;
        if slot >= SLOT_COUNT || self.commit.slots[slot].kind == SlotKind::Recovery {
            return Err(VaultError::Refused("that slot does not hold a passphrase"));
        }
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

    pub(super) fn free_slot(&self) -> Result<usize, VaultError> {
        (0..SLOT_COUNT)
            .find(|&n| self.commit.slots[n].kind == SlotKind::Unused)
            .ok_or(VaultError::Refused("all 8 key slots are in use; remove one first"))
    }

    /// Replaces one slot and commits; both superblocks get the new bytes.
    pub(super) fn write_slot(
        &mut self,
        slot: usize,
        bytes: [u8; format::SLOT_LEN],
        kind: SlotKind,
    ) -> Result<(), VaultError> {
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

    pub(super) fn derive_kek(&self, passphrase: &Passphrase) -> Result<Kek, VaultError> {
        self.superblock
            .kdf
            .derive(passphrase.as_bytes(), &self.superblock.kdf_salt)
            .map_err(|e| VaultError::Refused(kdf_refusal(&e)))
    }
}
