//! Ctrl-C, SIGTERM and SIGHUP while a command has a temporary file: a plaintext file (an
//! export, written unnamed where the file system allows) is overwritten before the process
//! ends; the new vault file a `compact` or `key rotate` is writing beside the vault loses its
//! headers and is removed. Commands register these here for as long as they exist; a
//! watcher thread does the cleanup and exits with 128 + the signal number, as a shell
//! expects. (A commit in progress is cut as by a kill at that moment, which the commit
//! protocol survives.) A `kill -9` runs no cleanup: there, only an unnamed file leaves nothing.
//!
//! A command that can stop between steps (an `add`, between its reads and between its
//! items) holds a [`StopBetweenSteps`]: the watcher then only asks it to stop, so that it can
//! say what was stored and what was not, and ends the process itself only if the command has
//! not stopped within [`STOP_GRACE`] (a read that blocks, say).

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// How long a command that stops between steps has to stop on its own after a signal.
pub const STOP_GRACE: Duration = Duration::from_secs(2);

/// The signal that asked to stop (0: none yet), set in the signal handler itself: a read
/// that sees the end of a pipe whose writer died of the same Ctrl-C sees it set too.
fn stop_signal() -> &'static Arc<AtomicUsize> {
    static STOP_SIGNAL: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    STOP_SIGNAL.get_or_init(Default::default)
}
/// How many [`StopBetweenSteps`] are held.
static STOPPING_BETWEEN_STEPS: AtomicUsize = AtomicUsize::new(0);

/// What to clean up if a signal comes now.
#[derive(Clone, Default)]
struct Registry {
    /// Unnamed files (`O_TMPFILE`) holding plaintext, by descriptor: they vanish with the
    /// process, but their blocks are overwritten first.
    plaintext_fds: Vec<i32>,
    /// Folders where a vault rewrite is under way, with the names that were there before.
    rewrites: Vec<(PathBuf, HashSet<OsString>)>,
    /// Named plaintext files not yet in the vault (a capture), each with the recorder to
    /// stop (`TOOL -q`) before it is wiped.
    captures: Vec<(PathBuf, Option<&'static str>)>,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        start_watcher();
        Mutex::new(Registry::default())
    })
}

/// Name prefixes of the vault files `compact` and `key rotate` write beside the vault.
const REWRITE_PREFIXES: [&str; 2] = [".clipvault-compact-", ".clipvault-rotate-"];

/// Overwrites the headers (key slots, commit record) of a half-written replacement vault and
/// removes it. Its payloads are ciphertext under keys that the real vault still holds, as
/// live items, or that never left memory.
fn remove_rewrite(path: &Path) {
    use rand::RngCore;
    use std::io::Write;
    if let Ok(mut file) = clipvault::storage::open_no_follow(path, std::fs::OpenOptions::new().write(true)) {
        let mut noise = vec![0u8; clipvault::format::DATA_START as usize];
        rand::rngs::OsRng.fill_bytes(&mut noise);
        let _ = file.write_all(&noise).and_then(|()| file.sync_all());
    }
    let _ = std::fs::remove_file(path);
}

fn start_watcher() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register_usize(signal, stop_signal().clone(), signal as usize);
    }
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let registry = registry().lock().map(|r| r.clone()).unwrap_or_default();
            for fd in registry.plaintext_fds {
                overwrite_descriptor(fd);
            }
            for (path, recorder) in registry.captures {
                if let Some(recorder) = recorder {
                    let _ = std::process::Command::new(recorder).arg("-q").status();
                }
                let _ = clipvault::wipe::wipe_file(&path);
            }
            for (dir, before) in registry.rewrites {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let name = entry.file_name();
                    let ours = name.to_str().is_some_and(|n| REWRITE_PREFIXES.iter().any(|p| n.starts_with(p)));
                    if ours && !before.contains(&name) {
                        remove_rewrite(&entry.path());
                    }
                }
            }
            if STOPPING_BETWEEN_STEPS.load(Ordering::SeqCst) > 0 {
                std::thread::sleep(STOP_GRACE);
            }
            std::process::exit(128 + signal);
        }
    });
}

/// While held, a signal asks the command to stop (see [`StopBetweenSteps::stopped`]) instead of ending
/// the process at once; the command checks between its steps.
pub struct StopBetweenSteps(());

impl StopBetweenSteps {
    pub fn new() -> StopBetweenSteps {
        // The registry starts the watcher.
        drop(registry().lock());
        STOPPING_BETWEEN_STEPS.fetch_add(1, Ordering::SeqCst);
        StopBetweenSteps(())
    }

    /// The error a command returns when it stopped for a signal: exit 128 + the signal's
    /// number, as a shell expects.
    pub fn stopped(&self) -> Option<super::error::CliError> {
        let signal = stop_signal().load(Ordering::SeqCst);
        (signal != 0).then(|| super::error::CliError::Exit(128 + signal as u8))
    }

    /// `reader`, failing its next read once a stop was asked for: an item being read is then
    /// never committed.
    pub fn reading<R: std::io::Read>(&self, reader: R) -> StopsReading<R> {
        StopsReading { reader, settle: Duration::ZERO }
    }

    /// As [`reading`](Self::reading), for a pipe whose writer may die of the same Ctrl-C that
    /// reaches this process late: in a run through an unlock session the caller passes the
    /// signal on, and the end of the pipe could come first (the item was then committed cut
    /// short). At the end of the input it waits `settle` for a stop before taking it as the end.
    pub fn reading_pipe<R: std::io::Read>(&self, reader: R, settle: Duration) -> StopsReading<R> {
        StopsReading { reader, settle }
    }
}

impl Drop for StopBetweenSteps {
    fn drop(&mut self) {
        STOPPING_BETWEEN_STEPS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// See [`StopBetweenSteps::reading`].
pub struct StopsReading<R> {
    reader: R,
    settle: Duration,
}

impl<R: std::io::Read> std::io::Read for StopsReading<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let stopped = || stop_signal().load(Ordering::SeqCst) != 0;
        if stopped() {
            return Err(std::io::Error::other(clipvault::fl!("interrupt-stopped")));
        }
        let n = self.reader.read(buf)?;
        if n == 0 && !buf.is_empty() && !self.settle.is_zero() {
            std::thread::sleep(self.settle);
        }
        // Checked after the read too: the end of a pipe whose writer died of the same Ctrl-C
        // must not look like the end of the input.
        if stopped() {
            return Err(std::io::Error::other(clipvault::fl!("interrupt-stopped")));
        }
        Ok(n)
    }
}

/// Overwrites the whole of the open file `fd` with random bytes and syncs it (through
/// /proc, so the file needs no name).
fn overwrite_descriptor(fd: i32) {
    use rand::RngCore;
    use std::io::Write;
    let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(format!("/proc/self/fd/{fd}")) else { return };
    let mut left = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut noise = vec![0u8; 1 << 20];
    while left > 0 {
        let n = left.min(noise.len() as u64) as usize;
        rand::rngs::OsRng.fill_bytes(&mut noise[..n]);
        if file.write_all(&noise[..n]).is_err() {
            break;
        }
        left -= n as u64;
    }
    let _ = file.sync_all();
}

/// A staged plaintext file (see [`clipvault::storage::StagedFile`]): if a signal comes
/// while it lives, the watcher overwrites it through its descriptor (an unnamed file then
/// vanishes with the process; a named one is swept by the next export to that folder).
pub struct StagedGuard {
    fd: i32,
}

impl StagedGuard {
    /// A new staged file in `dir`, registered before a signal can see it unregistered.
    pub fn staged_in(dir: &Path, prefix: &str) -> std::io::Result<(clipvault::storage::StagedFile, StagedGuard)> {
        use std::os::fd::AsRawFd;
        let mut registry =
            registry().lock().map_err(|_| std::io::Error::other(clipvault::fl!("interrupt-registry-poisoned")))?;
        let staged = clipvault::storage::StagedFile::new_in(dir, prefix)?;
        let fd = staged.file().as_raw_fd();
        registry.plaintext_fds.push(fd);
        Ok((staged, StagedGuard { fd }))
    }
}

impl Drop for StagedGuard {
    fn drop(&mut self) {
        if let Ok(mut registry) = registry().lock() {
            registry.plaintext_fds.retain(|fd| *fd != self.fd);
        }
    }
}

/// A `compact` or `key rotate` of the vault at a path, under way: a signal removes the new
/// file it is writing beside the vault (any `.clipvault-compact-*` or `-rotate-*` that was
/// not there when the guard was made).
pub struct RewriteGuard(PathBuf);

impl RewriteGuard {
    pub fn new(vault: &Path) -> RewriteGuard {
        let real = std::fs::canonicalize(vault).unwrap_or_else(|_| vault.to_path_buf());
        let dir = clipvault::storage::parent_dir(&real);
        let before = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.file_name()).collect();
        if let Ok(mut registry) = registry().lock() {
            registry.rewrites.push((dir.clone(), before));
        }
        RewriteGuard(dir)
    }
}

impl Drop for RewriteGuard {
    fn drop(&mut self) {
        if let Ok(mut registry) = registry().lock() {
            registry.rewrites.retain(|(dir, _)| dir != &self.0);
        }
    }
}

/// A capture's file, until it is in the vault: a signal stops the recorder (if one is
/// named) and overwrites and removes the file before the process ends.
pub struct WipeOnSignal(PathBuf);

impl WipeOnSignal {
    pub fn new(path: PathBuf, recorder: Option<&'static str>) -> WipeOnSignal {
        if let Ok(mut registry) = registry().lock() {
            registry.captures.push((path.clone(), recorder));
        }
        WipeOnSignal(path)
    }
}

impl Drop for WipeOnSignal {
    fn drop(&mut self) {
        if let Ok(mut registry) = registry().lock() {
            registry.captures.retain(|(path, _)| path != &self.0);
        }
    }
}
