//! Unlock sessions: `unlock` asks the passphrase once and starts an agent that keeps the
//! vault's session key (master key, in `mlock`ed memory) for a while; later commands on the
//! same vault, from the same user, run without asking. `lock`, `panic`, the deadline, or the
//! vault file being replaced or removed end it.
//!
//! The agent never hands out a key or a passphrase. A command is forwarded to it as its
//! arguments, working folder and standard input, output and error (passed as descriptors
//! over a Unix socket); the agent runs it in a fresh `clipvault` process of its own, which
//! receives the session key through a private pipe, and sends back only the exit status.
//! The socket lives in a folder only the user can enter (mode 0700, checked), has mode 0600,
//! and every connection's peer uid is checked (SO_PEERCRED) before anything is read.
//!
//! Here: starting, asking and ending an agent (`unlock`, `status`, `lock`) and where its
//! socket lives; `wire.rs` what is said on the socket, `client.rs` a command forwarded to it,
//! `daemon.rs` the agent itself.

use crate::cli::error::{CliError, io_error};
use crate::cli::output::shown;
use clipvault::storage::file_id;
use clipvault::sys::{self, Signal};
use clipvault::{SessionKey, Vault, fl};
use nix::sys::socket::sockopt;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod client;
mod daemon;
mod wire;

pub(super) use client::forward;
pub(super) use daemon::serve;
pub(super) use wire::session_of_this_run;
use wire::*;

/// Longest session allowed.
pub const MAX_DURATION: Duration = Duration::from_secs(12 * 60 * 60);

/// Environment variable naming the descriptor a session run reads its key from.
pub const SESSION_FD_VAR: &str = "CLIPVAULT_SESSION_FD";

/// Environment variable with the minutes a session run's session has left, for its notice.
pub const SESSION_LEFT_VAR: &str = "CLIPVAULT_SESSION_LEFT";

/// Spawns `command` with `session` handed to it as the agent hands it to its runs: through
/// a pipe on descriptor 3, which [`SESSION_FD_VAR`] names, written and closed at once, so the
/// key is never on a command line, in the environment or in a file.
pub(super) fn spawn_with_session(
    command: &mut std::process::Command,
    session: &SessionKey,
) -> std::io::Result<std::process::Child> {
    // Close-on-exec, so the command does not inherit the write end and wait for itself.
    let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    command.env(SESSION_FD_VAR, "3");
    sys::pass_descriptor(command, read_end.as_raw_fd(), 3);
    let child = command.spawn()?;
    drop(read_end);
    let mut pipe = std::fs::File::from(write_end);
    let wire = zeroize::Zeroizing::new(session_to_wire(session));
    // A failed write leaves the run without a key: it ends, asking for none (no terminal).
    let _ = pipe.write_all(&wire[..]);
    Ok(child)
}

/// The private folder of this user's sockets: `$XDG_RUNTIME_DIR/clipvault`, else
/// `$TMPDIR/clipvault-UID` (Termux), else `/tmp/clipvault-UID`. Created 0700 only by
/// `unlock` (`create`): a command that merely looks for a session leaves no trace and gets
/// `None` when there is no folder. Refused if it is a link, someone else's, or open to others.
fn socket_dir(create: bool) -> Result<Option<PathBuf>, CliError> {
    let uid = sys::current_uid();
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(run) => PathBuf::from(run).join("clipvault"),
        None => {
            let tmp = std::env::var_os("TMPDIR").filter(|d| !d.is_empty()).unwrap_or_else(|| "/tmp".into());
            PathBuf::from(tmp).join(format!("clipvault-{uid}"))
        }
    };
    if dir.symlink_metadata().is_err() {
        if !create {
            return Ok(None);
        }
        use std::os::unix::fs::DirBuilderExt;
        let created = std::fs::DirBuilder::new().mode(0o700).create(&dir);
        created.map_err(|e| io_error(&fl!("session-cannot-create"), &dir, &e))?;
    }
    let meta = dir.symlink_metadata().map_err(|e| io_error(&fl!("session-cannot-use"), &dir, &e))?;
    if !meta.is_dir() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(CliError::Failed(fl!("session-folder-not-private", path = shown(&dir))));
    }
    Ok(Some(dir))
}

/// The socket of the agent for the vault at `vault` (one per file, by device and inode);
/// `None` if there is no socket folder and `create` is off.
pub(super) fn socket_path(vault: &Path, create: bool) -> Result<Option<PathBuf>, CliError> {
    let meta = std::fs::metadata(vault).map_err(|e| io_error(&fl!("session-cannot-open-vault"), vault, &e))?;
    let (dev, ino) = file_id(&meta);
    Ok(socket_dir(create)?.map(|dir| dir.join(format!("agent-{dev:x}-{ino:x}.sock"))))
}

/// Connects to the agent for `vault`, if one is running. A socket nobody answers on is
/// stale (an agent killed) and removed.
fn connect(vault: &Path) -> Result<Option<UnixStream>, CliError> {
    let Some(path) = socket_path(vault, false)? else { return Ok(None) };
    match UnixStream::connect(&path) {
        Ok(stream) => Ok(Some(stream)),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            let _ = std::fs::remove_file(&path);
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What `unlock` says when the vault has a session already (asked before the passphrase).
pub(super) fn already_unlocked(vault_path: &Path) -> Result<Option<String>, CliError> {
    Ok(status(vault_path)?.map(|secs| fl!("session-already-unlocked", minutes = secs.div_ceil(60))))
}

/// `unlock`: the vault is already open with the passphrase; start its agent for `duration`.
pub(super) fn unlock(vault_path: &Path, vault: &Vault, asked: Duration) -> Result<String, CliError> {
    let duration = asked.min(MAX_DURATION);
    if let Some(said) = already_unlocked(vault_path)? {
        return Ok(said);
    }
    let socket = socket_path(vault_path, true)?.expect("socket_dir creates the folder");
    let _ = std::fs::remove_file(&socket);
    let exe = std::env::current_exe()
        .map_err(|e| CliError::Failed(fl!("session-cannot-find-self", reason = e.to_string())))?;
    let mut agent = std::process::Command::new(exe);
    agent
        .arg("--vault")
        .arg(absolute(vault_path))
        .arg("__agent")
        .arg(duration.as_secs().to_string())
        .arg(&socket)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // The agent leaves the terminal's session so a closed terminal (SIGHUP) does not end it
    // early.
    sys::new_session_in_child(&mut agent);
    let cannot_start = |e: std::io::Error| CliError::Failed(fl!("session-cannot-start-agent", reason = e.to_string()));
    let mut child = agent.spawn().map_err(cannot_start)?;
    let mut pipe = child.stdin.take().expect("stdin was piped");
    let mut wire = zeroize::Zeroizing::new(session_to_wire(&vault.session_key()));
    pipe.write_all(&wire[..]).map_err(cannot_start)?;
    zeroize::Zeroize::zeroize(&mut wire[..]);
    drop(pipe);
    // Ready when it answers.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Ok(stream) = UnixStream::connect(&socket)
            && matches!(call(&stream, &Request::Status, &[]), Ok(Reply::Left(_)))
        {
            return Ok(unlocked(vault_path, asked, duration));
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err(CliError::Failed(fl!("session-agent-did-not-start")))
}

/// What `unlock` says once the agent answers: for how long (and if the time asked was cut
/// to [`MAX_DURATION`], that it was).
fn unlocked(vault_path: &Path, asked: Duration, duration: Duration) -> String {
    let (minutes, path) = (duration.as_secs().div_ceil(60), shown(vault_path));
    if asked > MAX_DURATION {
        let longest = MAX_DURATION.as_secs() / 3600;
        let asked = humantime::format_duration(asked).to_string();
        fl!("session-unlocked-capped", minutes = minutes, asked = asked, longest = longest, path = path)
    } else {
        fl!("session-unlocked", minutes = minutes, path = path)
    }
}

/// `lock`: ends this vault's agent, or every agent of this user. Returns how many.
pub(super) fn lock(vault: Option<&Path>) -> Result<usize, CliError> {
    let sockets: Vec<PathBuf> = match vault {
        Some(vault) => socket_path(vault, false)?.into_iter().collect(),
        None => socket_dir(false)?
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "sock")).collect())
            .unwrap_or_default(),
    };
    let mut ended = 0;
    for socket in sockets {
        if let Ok(stream) = UnixStream::connect(&socket)
            && matches!(call(&stream, &Request::Lock, &[]), Ok(Reply::Locked))
        {
            ended += 1;
        }
        let _ = std::fs::remove_file(&socket);
    }
    Ok(ended)
}

/// `status`: seconds left of this vault's session, if there is one.
pub(super) fn status(vault: &Path) -> Result<Option<u64>, CliError> {
    Ok(connect(vault)?.and_then(|stream| match call(&stream, &Request::Status, &[]) {
        Ok(Reply::Left(secs)) => Some(secs),
        _ => None,
    }))
}
