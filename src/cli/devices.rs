//! `device add` and `merge`: one vault on several devices, each writing only its own file
//! (in a folder a sync tool keeps in step), folded together item by item
//! (`VaultWriter::merge_from`, FORMAT-v2.md §14.5); and the note any command gives when a sync
//! tool has left conflict copies beside the vault.

use super::error::{CliError, io_error};
use super::output::shown;
use super::session::{Ctx, existing_secret, open_writer_with};
use clipvault::storage::{FileStorage, StagedFile, parent_dir, sync_parent_dir};
use clipvault::{OpenOptions, Vault, VaultError, fl};
use std::path::{Path, PathBuf};

/// `device add FILE`: the vault copied whole, under its writer's lock, into a file of the
/// target's folder that has no name yet (a [`StagedFile`], as `init` and `compact` write);
/// given a device id of its own; and only then named FILE, never over an existing file. A
/// failure on the way leaves no half file there.
pub(super) fn add(ctx: &Ctx, file: &Path) -> Result<(), CliError> {
    let cannot = |e: std::io::Error| io_error(&fl!("device-cannot-write"), file, &e);
    if file.exists() {
        return Err(cannot(std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
    }
    let secret = existing_secret(ctx)?;
    let vault = open_writer_with(ctx, &secret)?;
    let mut copy = StagedFile::new_in(&parent_dir(file), ".clipvault-device-").map_err(cannot)?;
    vault.copy_file_to(copy.file_mut())?;
    copy.file().sync_all().map_err(cannot)?;
    drop(vault);
    let storage = FileStorage::from_locked(copy.file().try_clone().map_err(cannot)?);
    clipvault::VaultWriter::open_in_with(Box::new(storage), secret.key())?.become_new_device()?;
    copy.link(file, false).map_err(cannot)?;
    let _ = sync_parent_dir(file);
    ctx.status.say(&fl!("device-added", path = shown(file)));
    Ok(())
}

/// `merge [FILE...]`: each other copy opened with the same key and folded in.
pub(super) fn merge(ctx: &Ctx, others: &[PathBuf]) -> Result<(), CliError> {
    let named = !others.is_empty();
    let others = if named { others.to_vec() } else { siblings(&ctx.vault_path) };
    if others.is_empty() {
        ctx.status.say(&fl!("merge-nothing"));
        return Ok(());
    }
    let secret = existing_secret(ctx)?;
    let mut vault = open_writer_with(ctx, &secret)?;
    for path in &others {
        let other = match Vault::open_with(path, secret.key(), OpenOptions::default()) {
            Ok(other) => other,
            Err(e) if named => {
                return Err(CliError::Failed(fl!("merge-cannot-open", path = shown(path), reason = e.to_string())));
            }
            Err(e) => {
                ctx.status.say(&fl!("merge-skipped", path = shown(path), reason = e.to_string()));
                continue;
            }
        };
        match vault.merge_from(&other) {
            Ok(done) => ctx.status.say(&fl!(
                "merge-done",
                path = shown(path),
                added = done.added,
                changed = done.changed,
                shredded = done.shredded,
                kept = done.evidence_kept
            )),
            Err(VaultError::Refused(why)) if !named => {
                ctx.status.say(&fl!("merge-skipped", path = shown(path), reason = why.to_string()))
            }
            Err(VaultError::Refused(_)) => return Err(CliError::Failed(fl!("merge-not-a-copy", path = shown(path)))),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The other vault files in the vault's folder: other devices' files and sync tools'
/// conflict copies (`*.clipvault`, and names with `sync-conflict` or `conflicted copy`).
fn siblings(vault: &Path) -> Vec<PathBuf> {
    let dir = vault.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mine = vault.canonicalize().ok();
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.canonicalize().ok() != mine)
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            !name.starts_with('.') && (name.ends_with(".clipvault") || is_conflict_copy(&name))
        })
        .collect();
    found.sort();
    found
}

fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-") || name.contains("conflicted copy")
}

/// Sync tools' conflict copies of this vault beside it (Syncthing's `NAME.sync-conflict-...`,
/// Dropbox's and Nextcloud's `NAME (... conflicted copy ...)`).
pub(super) fn conflict_copies(vault: &Path) -> usize {
    let stem = vault.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    siblings(vault)
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|name| name.starts_with(&stem) && is_conflict_copy(name))
        .count()
}
