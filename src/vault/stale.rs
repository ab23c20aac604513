//! Old copies of a vault that must not outlive it: the file a `compact` or `rotate` replaced
//! (its headers and index overwritten before it is let go), and the `.clipvault-*` files a
//! killed `create`, `compact` or `rotate` leaves beside the vault (found by the next writer,
//! scrubbed the same way and removed). A leftover that another process still holds locked
//! is in use and left alone.

use super::blob::blob_extents;
use super::handle::VaultWriter;
use super::pipeline::overwrite_random;
use super::state::{load_state, read_superblocks};
use crate::format::{DATA_START, Extent};
use crate::storage::{Storage, parent_dir, sweep_staged, sync_parent_dir};
use rand_chacha::ChaCha20Rng;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Name prefixes of the files a vault writer creates beside the vault.
pub(super) const LEFTOVER_PREFIXES: [&str; 4] =
    [".clipvault-compact-", ".clipvault-rotate-", ".clipvault-new-", ".clipvault-upload-"];

/// Overwrites a vault file's superblocks (key slots, KDF salt, areas or commit record) and
/// the given ranges (index and manifest copies) with random bytes and syncs: no key opens
/// what is left.
pub(super) fn scrub(storage: &dyn Storage, rng: &mut ChaCha20Rng, ranges: &[Extent]) -> io::Result<()> {
    let len = storage.len()?;
    let mut block = vec![0u8; 1 << 16];
    overwrite_random(storage, rng, &mut block, 0, DATA_START.min(len))?;
    for extent in ranges {
        let end = extent.offset.saturating_add(extent.len).min(len);
        overwrite_random(storage, rng, &mut block, extent.offset, end.saturating_sub(extent.offset))?;
    }
    storage.sync()
}

impl VaultWriter {
    /// Scrubs and removes every unlocked `.clipvault-*` leftover in the vault's folder;
    /// returns the paths removed. Called by a writer that holds the vault's lock.
    pub(super) fn remove_leftovers(&mut self, vault_path: &Path) -> Vec<PathBuf> {
        let Ok(real) = std::fs::canonicalize(vault_path) else { return vec![] };
        let removed = sweep_staged(&parent_dir(&real), &LEFTOVER_PREFIXES, |file| self.scrub_leftover(file));
        if !removed.is_empty() {
            let _ = sync_parent_dir(&real);
        }
        removed
    }

    /// Overwrites a leftover's headers, and its index segments if this vault's master key
    /// opens them (a compact leftover shares it; a rotate or create leftover's key lives only
    /// in its own headers, so those suffice). `file` is open, locked and a plain file.
    fn scrub_leftover(&mut self, file: &File) -> io::Result<()> {
        let storage = crate::storage::FileStorage::from_locked(file.try_clone()?);
        let mut segments = Vec::new();
        if let Ok(candidates) = read_superblocks(&storage) {
            for (_, sb) in &candidates {
                if let Ok(state) = load_state(&storage, sb, &self.vault.master, true) {
                    segments.extend(state.segments.iter().flat_map(|s| s.place.extents()));
                    segments.extend(state.manifest_ref.iter().flat_map(blob_extents));
                }
            }
        }
        scrub(&storage, &mut self.vault.rng, &segments)
    }
}
