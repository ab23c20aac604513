//! `panic`: the moment the phone is about to change hands. Ends the vault's unlock session
//! and every other clipvault process that has the vault open (so none can commit the keys
//! back or keep them in memory), destroys every key
//! slot in the file without asking for a passphrase, and can delete the file too.

use super::args::PanicArgs;
use super::error::{CliError, io_error};
use super::output::shown;
use super::prompt;
use super::session::Ctx;
use clipvault::storage::file_id;
use clipvault::sys::{self, Signal};
use clipvault::{Vault, VaultError, fl};
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

pub(super) fn panic(ctx: &Ctx, args: &PanicArgs) -> Result<(), CliError> {
    let path = &ctx.vault_path;
    match path.metadata() {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(CliError::Failed(fl!("session-not-vault-file", path = shown(path)))),
        Err(e) => return Err(io_error(&fl!("session-cannot-open"), path, &e)),
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Usage(fl!("panic-needs-yes")));
        }
        let typed = prompt::line(&fl!("prompt-panic", path = shown(path)))?;
        if typed.trim() != "PANIC" && typed.trim() != fl!("panic-word") {
            return Err(CliError::Failed(fl!("nothing-was-changed")));
        }
    }
    // An unlock session first (it would otherwise keep the keys in memory for its time),
    // then any clipvault still running on the vault.
    let sessions = super::agent::lock(Some(path)).unwrap_or(0);
    let ended = sessions + end_other_processes(path);
    Vault::destroy_keys_at(path).map_err(|e| match e {
        VaultError::Io(io) => io_error(&fl!("panic-cannot-overwrite"), path, &io),
        other => other.into(),
    })?;
    if ended > 0 {
        ctx.status.say(&fl!("panic-ended-others", count = ended));
    }
    ctx.status.say(&fl!("panic-done", path = shown(path)));
    if args.also_delete {
        std::fs::remove_file(path).map_err(|e| io_error(&fl!("panic-cannot-delete"), path, &e))?;
        let _ = clipvault::storage::sync_parent_dir(path);
        ctx.status.say(&fl!("panic-deleted", path = shown(path)));
    }
    Ok(())
}

/// How long the other processes have to end by themselves (a gallery clears its screen and
/// the scrollback on SIGTERM) before they are killed.
const GRACE: Duration = Duration::from_millis(200);

/// Ends every other process named `clipvault` with the vault file open, or that is the
/// vault's unlock agent (should it not have answered `lock`): SIGTERM first, so that a
/// gallery or a viewer takes its pictures and names off the screen, then SIGKILL for what
/// is left after [`GRACE`]; waits up to half a second more for them to be gone. Returns how
/// many there were. On Linux and Android, through /proc; elsewhere none are found.
fn end_other_processes(path: &Path) -> usize {
    let Ok(target) = std::fs::metadata(path).map(|m| file_id(&m)) else { return 0 };
    let agent_socket = super::agent::socket_path(path, false).ok().flatten();
    let is_agent = |cmdline: &[u8]| {
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        args.contains(&&b"__agent"[..])
            && agent_socket.as_ref().is_some_and(|socket| args.contains(&socket.as_os_str().as_encoded_bytes()))
    };
    let mut killed = Vec::new();
    for (pid, dir) in sys::processes_named("clipvault") {
        // The agent, and a background thumbnail process that may not have opened the vault
        // yet, hold its key without holding the file.
        let cmdline = std::fs::read(dir.join("cmdline")).unwrap_or_default();
        let agent = is_agent(&cmdline) || super::thumbnails_later::is_background(&cmdline, Some(target));
        let Ok(fds) = std::fs::read_dir(dir.join("fd")) else { continue };
        let holds_vault = fds.flatten().any(|fd| std::fs::metadata(fd.path()).is_ok_and(|m| file_id(&m) == target));
        if (holds_vault || agent) && sys::kill(pid, Signal::SIGTERM).is_ok() {
            killed.push(pid);
        }
    }
    let alive = |pid: &u32| Path::new(&format!("/proc/{pid}/fd")).exists();
    let wait_until = |limit: Duration| {
        let started = Instant::now();
        while killed.iter().any(alive) && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    wait_until(GRACE);
    for pid in killed.iter().filter(|pid| alive(pid)) {
        // A pid that ended meanwhile (and was reused) is the one risk, the same as with any
        // kill by pid, within these few milliseconds.
        let _ = sys::kill(*pid, Signal::SIGKILL);
    }
    wait_until(Duration::from_millis(500));
    killed.len()
}
