//! Old copies of a vault that must not outlive it: the file a `compact` or `rotate` replaced
//! (its headers and index overwritten before it is let go), and the `.clipvault-*` files a
//! killed `create`, `compact` or `rotate` leaves beside the vault (found by the next writer,
//! scrubbed the same way and removed). A leftover that another process still holds locked
//! is in use and left alone.

use super::blob::blob_span;
use super::handle::Vault;
use super::open::{load_state, read_superblocks};
use super::pipeline::overwrite_random;
use crate::format::{DATA_START, Extent};
use crate::storage::{Storage, open_no_follow, parent_dir, sync_parent_dir};
use rand_chacha::ChaCha20Rng;
use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};

/// Name prefixes of the files a vault writer creates beside the vault.
pub(super) const LEFTOVER_PREFIXES: [&str; 3] = [".clipvault-compact-", ".clipvault-rotate-", ".clipvault-new-"];

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

impl Vault {
    /// Scrubs and removes every unlocked `.clipvault-*` leftover in the vault's folder;
    /// returns the paths removed. Called by a writer that holds the vault's lock.
    pub(super) fn remove_leftovers(&mut self, vault_path: &Path) -> Vec<PathBuf> {
        let Ok(real) = std::fs::canonicalize(vault_path) else { return vec![] };
        let dir = parent_dir(&real);
        let Ok(entries) = std::fs::read_dir(&dir) else { return vec![] };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_leftover = name.to_str().is_some_and(|n| LEFTOVER_PREFIXES.iter().any(|p| n.starts_with(p)));
            if !is_leftover {
                continue;
            }
            let path = entry.path();
            if self.scrub_leftover(&path).is_ok() && std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
        if !removed.is_empty() {
            let _ = sync_parent_dir(&real);
        }
        removed
    }

    /// Overwrites a leftover's headers, and its index segments if this vault's master key
    /// opens them (a compact leftover shares it; a rotate or create leftover's key lives only
    /// in its own headers, so those suffice). Fails if the file is in use or not a plain file.
    fn scrub_leftover(&mut self, path: &Path) -> io::Result<()> {
        let file = open_no_follow(path, OpenOptions::new().read(true).write(true))?;
        if !file.metadata()?.is_file() {
            return Err(io::ErrorKind::InvalidInput.into());
        }
        // A writer still working on it holds its lock.
        file.try_lock().map_err(|_| io::Error::from(io::ErrorKind::WouldBlock))?;
        let storage = crate::storage::FileStorage::from_locked(file);
        let mut segments = Vec::new();
        if let Ok(candidates) = read_superblocks(&storage) {
            for (_, sb) in &candidates {
                if let Ok(state) = load_state(&storage, sb, &self.master, true) {
                    segments.extend(state.segments.iter().map(|s| s.place.span()));
                    segments.extend(state.manifest_ref.iter().map(blob_span));
                }
            }
        }
        scrub(&storage, &mut self.rng, &segments)
    }
}
