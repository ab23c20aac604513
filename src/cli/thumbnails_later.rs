//! Thumbnails made after the add, in the background (`add --thumbnails later`; the
//! foreground `thumbnails` command is `viewing.rs`'s). `add` starts a process in a session
//! of its own with the session key handed through a pipe, as the unlock agent hands it to its
//! runs, and returns. The process decodes on a read-only handle, without the writer lock, and
//! takes the lock only to store each batch (a commit), so commands run beside it; it is
//! resumable (what it stored is committed, what it did not the next run makes) and ends
//! when every item has a thumbnail or was tried, or when its key no longer opens the vault
//! (`panic`, `key rotate`, a changed passphrase). `panic` and `lock` find it by its command
//! line (even before it has opened the vault) and end it.

use super::error::CliError;
use super::session::*;
use clipvault::storage::{LockWait, file_id};
use clipvault::{OpenOptions, SessionKey, VaultWriter};
use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

/// The name the background process is started with and found by (`lock`, tests).
pub(super) const BACKGROUND_FLAG: &str = "--background";

/// Starts the background process that makes the thumbnails the vault's items lack, with
/// `session` (the key of the add that stored them). It runs in a session of its own (a
/// closed terminal does not end it), at a lower priority, with no terminal or output.
pub(super) fn start_later(vault_path: &Path, session: &SessionKey) -> std::io::Result<()> {
    let mut command = std::process::Command::new(std::env::current_exe()?);
    command
        .arg("--vault")
        .arg(std::path::absolute(vault_path)?)
        .args(["--quiet", "thumbnails", "--all", BACKGROUND_FLAG])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    clipvault::sys::new_session_in_child(&mut command);
    // Not waited for: it outlives this process, and init reaps it.
    super::agent::spawn_with_session(&mut command, session).map(drop)
}

/// The background process: batches of items decoded on every core without the lock, each
/// batch stored in one commit under it.
pub(super) fn background(ctx: &Ctx) -> Result<(), CliError> {
    clipvault::sys::lower_priority();
    let secret = existing_secret(ctx)?;
    let mut reader = open_with(ctx, &secret, OpenOptions::default())?;
    let threads = clipvault::media::thumbnail::decoding_threads();
    let mut tried = HashSet::new();
    loop {
        // Fails once the key no longer opens the vault: then there is nothing to do.
        reader.refresh()?;
        let batch: Vec<u64> =
            reader.lacking_thumbnails().into_iter().filter(|id| !tried.contains(id)).take(threads * 2).collect();
        if batch.is_empty() {
            return Ok(());
        }
        tried.extend(batch.iter().copied());
        // An item it cannot read (shredded meanwhile, damaged) is for `verify` to report.
        let made: Vec<_> =
            reader.make_thumbnails(&batch).into_iter().filter_map(|(_, outcome)| outcome.ok()?.ok()).collect();
        if made.is_empty() {
            continue;
        }
        // Waits as long as it takes: a foreground command holding the lock comes first.
        let options = OpenOptions { wait: LockWait::For(Duration::MAX), ..OpenOptions::default() };
        let mut writer = VaultWriter::open_with(&ctx.vault_path, secret.key(), options)?;
        writer.store_made_thumbnails(made)?;
    }
}

/// `lock`: ends this user's background thumbnail processes, those of the vault at `vault`
/// or all of them, since each holds a key; returns how many. (A commit it is making is
/// crash-safe; what it had not stored the next run makes.) On Linux and Android, through
/// /proc; elsewhere none are found.
pub(super) fn end_background(vault: Option<&Path>) -> usize {
    use std::os::unix::fs::MetadataExt;
    let target = match vault.map(std::fs::metadata) {
        Some(Ok(meta)) => Some(file_id(&meta)),
        // No such vault file: none of its processes to find (and not every vault's).
        Some(Err(_)) => return 0,
        None => None,
    };
    let uid = clipvault::sys::current_uid();
    let mut ended = 0;
    for (pid, dir) in clipvault::sys::processes_named("clipvault") {
        let ours = std::fs::metadata(&dir).is_ok_and(|m| m.uid() == uid);
        let cmdline = std::fs::read(dir.join("cmdline")).unwrap_or_default();
        if ours && is_background(&cmdline, target) && clipvault::sys::kill(pid, clipvault::sys::Signal::SIGTERM).is_ok()
        {
            ended += 1;
        }
    }
    ended
}

/// Whether the clipvault process with command line `cmdline` (its arguments, each ended by
/// a NUL, as /proc gives them) is a background thumbnail process of the vault file `target`
/// ([`file_id`]), or of any vault if `target` is `None`.
pub(super) fn is_background(cmdline: &[u8], target: Option<(u64, u64)>) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
    if !args.contains(&BACKGROUND_FLAG.as_bytes()) {
        return false;
    }
    // Its vault is named on its command line, by an absolute path (`start_later`).
    let vault = args.iter().position(|a| *a == b"--vault").and_then(|i| args.get(i + 1));
    target.is_none_or(|target| {
        vault.is_some_and(|path| {
            std::fs::metadata(std::ffi::OsStr::from_bytes(path)).is_ok_and(|m| file_id(&m) == target)
        })
    })
}
