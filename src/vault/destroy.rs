//! Destroying every key (the `panic` command): making a vault file unopenable at once, without any key. Every key slot, the KDF
//! salt and, by version, the eight areas (2) or the sealed commit record and header MAC (1)
//! of both superblocks are overwritten with random bytes (the checksum is recomputed, so the file still looks like a vault), the
//! copy that becomes newest first. Eight KiB and two syncs, whatever the vault's size.
//!
//! Crash-safe in the useful direction: after the first copy is on disk it is the newest
//! valid superblock and no key opens it, and a reader never falls back behind an intact newer
//! copy (FORMAT.md §8), so the vault is either as before or unopenable, never half-readable.
//! A copy of the file made before the panic is not touched and still opens.

use super::error::VaultError;
use super::handle::Vault;
use super::state::read_superblocks;
use crate::format::{AnySuperblock, SUPERBLOCK_LEN};
use crate::storage::{FileStorage, Storage};
use rand::RngCore;
use std::path::Path;

impl Vault {
    /// [`destroy_keys`] on the vault file at `path` (what `clipvault panic` does). Takes no lock and waits for
    /// nothing: a writer that is running may still commit afterwards with the keys it holds
    /// in memory, so stop other clipvault processes on the file first.
    pub fn destroy_keys_at(path: &Path) -> Result<(), VaultError> {
        let file = std::fs::OpenOptions::new().read(true).write(true).open(path)?;
        if !file.metadata()?.is_file() {
            return Err(VaultError::NotAVault);
        }
        destroy_keys(&FileStorage::from_locked(file))
    }
}

/// Overwrites every way into the vault in `storage` (see the module documentation).
pub fn destroy_keys(storage: &dyn Storage) -> Result<(), VaultError> {
    let mut rng = rand::rngs::OsRng;
    let candidates = read_superblocks(storage).ok().unwrap_or_default();
    // A copy that does not parse is overwritten from scratch from whichever does; if neither
    // does, there is no way in to destroy.
    let Some((newest_copy, template)) = candidates.first().cloned() else {
        return Ok(());
    };
    let next = template.sequence().saturating_add(1);
    let bytes = match template {
        AnySuperblock::V1(mut sb) => {
            sb.sequence = next;
            rng.fill_bytes(&mut sb.kdf_salt);
            sb.slots.iter_mut().for_each(|slot| rng.fill_bytes(slot));
            rng.fill_bytes(&mut sb.commit_nonce);
            rng.fill_bytes(&mut sb.sealed_commit[..]);
            rng.fill_bytes(&mut sb.mac);
            sb.to_bytes()
        }
        AnySuperblock::V2(mut sb) => {
            sb.sequence = next;
            rng.fill_bytes(&mut sb.kdf_salt);
            sb.slots.iter_mut().for_each(|slot| rng.fill_bytes(slot));
            sb.areas.iter_mut().for_each(|area| rng.fill_bytes(area));
            sb.to_bytes()
        }
    };
    // The copy that does not hold the newest state goes first: once it is on disk, it is the
    // newest, and nothing opens it.
    for copy in [1 - newest_copy, newest_copy] {
        storage.write_at((copy * SUPERBLOCK_LEN) as u64, &bytes[..])?;
        storage.sync()?;
    }
    Ok(())
}
