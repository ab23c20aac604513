//! Compartments (FORMAT-v2.md §8): another master key, slot, area and manifest in the same
//! file, opened by its own passphrase, which shows only its own items. Nothing in the file
//! says how many there are: unused slots and areas are random, every compartment's slots and
//! area follow from its own key (`MasterKey::placement`), commits re-seal only their own area
//! and copy the rest verbatim, and all data is appended wherever the file ends.
//!
//! What this cannot see is the other compartments: a key added to one compartment past its
//! fourth may take another's slot, and `compact` and `key rotate` keep only the open one.
//! Creating a compartment takes the passphrases of the others there are, to stay clear of
//! them.

use super::blob::{read_blob, write_blob};
use super::commit::{open_area, seal_area};
use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use super::pipeline::overwrite_random;
use crate::crypto::{self, MasterKey, Passphrase};
use crate::format::v2::{self, AreaPlain, BlobKind, Manifest, SLOT_PASSPHRASE};
use sha2::{Digest, Sha256};

/// Tries at drawing a master key whose placement keeps clear of the known compartments.
const PLACEMENT_TRIES: usize = 100_000;

impl VaultWriter {
    /// Appends `len` random bytes (rounded up to whole 4096-byte units) after everything in
    /// the file: a reserve that no compartment accounts for, so that another compartment's
    /// growth, or its absence, is explained by it (`init --reserve`). Not a commit: bytes past
    /// the last commit are what any compartment sees as other space.
    pub fn add_random_reserve(&mut self, len: u64) -> Result<(), VaultError> {
        self.ensure_writable()?;
        let at = self.append_offset()?;
        let mut block = vec![0u8; (1 << 20).min(v2::align(len)) as usize];
        overwrite_random(self.vault.storage.as_ref(), &mut self.vault.rng, &mut block, at, v2::align(len))?;
        self.vault.storage.sync()?;
        Ok(())
    }

    /// Creates a compartment opened by `passphrase`, with no items. `others` are the
    /// passphrases of the compartments besides the open one that this vault has (none, if the
    /// open one is the only one): their slots and areas are kept clear. Returns the new
    /// compartment's key slot and area.
    ///
    /// Refuses a passphrase that already opens something in this vault.
    pub fn add_compartment(
        &mut self,
        passphrase: &Passphrase,
        others: &[Passphrase],
        label: &str,
    ) -> Result<(usize, usize), VaultError> {
        self.ensure_writable()?;
        super::keys::check_label(label)?;
        let new_kek = self.derive_new_kek(passphrase, None)?;
        // What the known compartments hold now, and the slots they would take next.
        let mut known =
            vec![(self.vault.master.clone(), self.vault.manifest.slots.iter().map(|s| usize::from(s.slot)).collect())];
        for other in others {
            let kek = self.derive_kek(other)?;
            let found = self.vault.superblock.slots.iter().find_map(|slot| crypto::unwrap_with_kek(&kek, slot).ok());
            let master =
                found.ok_or(VaultError::Refused("a passphrase given for another compartment opens nothing"))?;
            let area = (0..v2::AREA_COUNT)
                .find_map(|n| open_area(&master, &self.vault.superblock, n))
                .ok_or(VaultError::Refused("a passphrase given for another compartment opens nothing"))?;
            let manifest = read_blob(
                self.vault.storage.as_ref(),
                &master,
                BlobKind::Manifest,
                &area.manifest,
                v2::decode_manifest,
            )?;
            known.push((master, manifest.slots.iter().map(|s| usize::from(s.slot)).collect::<Vec<_>>()));
        }
        let mut taken_slots = Vec::new();
        let mut taken_areas = Vec::new();
        for (master, used) in &known {
            let (order, area) = master.placement();
            taken_areas.push(area);
            taken_slots.extend(used.iter().copied());
            let room = Vault::SAFE_KEYS.saturating_sub(used.len());
            taken_slots.extend(order.iter().filter(|n| !used.contains(n)).take(room));
        }
        taken_slots.sort_unstable();
        taken_slots.dedup();
        let free = 8 - taken_slots.len();
        if free == 0 || taken_areas.len() >= v2::AREA_COUNT {
            return Err(VaultError::Refused("this vault has no room for another compartment"));
        }
        // Drawn again until its area and first preferred slots are clear: to someone who knows
        // only this compartment's key, its placement is as random as a sole compartment's.
        let want = free.min(Vault::SAFE_KEYS);
        let (master, slot, area) = (0..PLACEMENT_TRIES)
            .find_map(|_| {
                let master = MasterKey::generate(&mut self.vault.rng);
                let (order, area) = master.placement();
                let clear = !taken_areas.contains(&area) && order[..want].iter().all(|n| !taken_slots.contains(n));
                clear.then_some((order[0], area, master))
            })
            .map(|(slot, area, master)| (master, slot, area))
            .ok_or(VaultError::Refused("this vault has no room for another compartment"))?;

        let now = self.now();
        let mut manifest = Manifest::default();
        manifest.generation = 1;
        manifest.encoding = v2::VERSION;
        manifest.device = self.vault.manifest.device;
        manifest.slots =
            vec![v2::KeyEntry { slot: slot as u8, kind: SLOT_PASSPHRASE, created: now, label: label.into() }];
        let mut sb = self.vault.superblock.clone();
        sb.version = v2::VERSION;
        sb.sequence = self.next_sequence();
        sb.slots[slot] = crypto::wrap_with_kek(&new_kek, &master, &mut self.vault.rng);
        manifest.bound_slots = vec![v2::BoundSlot { slot: slot as u8, sha256: Sha256::digest(sb.slots[slot]).into() }];
        let at = self.append_offset()?;
        let (blob, _) =
            write_blob(self.vault.storage.as_ref(), &master, &mut self.vault.rng, BlobKind::Manifest, &manifest, at)?;
        self.vault.storage.sync()?;
        let plain =
            AreaPlain { key_check: master.key_check(&sb.kdf_binding()), generation: 1, created: now, manifest: blob };
        sb.areas[area] = seal_area(&master, &mut self.vault.rng, &sb, area, &plain);
        let result = self.write_superblock(sb, |_| {});
        if result.is_err() {
            self.vault.poisoned = true;
        }
        result.map(|()| (slot, area))
    }
}
