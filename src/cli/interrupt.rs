//! Ctrl-C, SIGTERM and SIGHUP while a command has a temporary file: a plaintext file (an
//! export) is overwritten and removed before the process ends, instead of staying behind as
//! a hidden `.clipvault-export-*` full of decrypted media; the new vault file a `compact` or
//! `key rotate` is writing beside the vault loses its headers and is removed. Commands
//! register these here for as long as they exist; a watcher thread does the cleanup and
//! exits with 128 + the signal number, as a shell expects. (A commit in progress is cut as
//! by a kill at that moment, which the commit protocol survives.)

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What to clean up if a signal comes now.
#[derive(Clone, Default)]
struct Registry {
    /// Temporary files holding plaintext.
    plaintext: Vec<PathBuf>,
    /// Folders where a vault rewrite is under way, with the names that were there before.
    rewrites: Vec<(PathBuf, HashSet<OsString>)>,
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
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let registry = registry().lock().map(|r| r.clone()).unwrap_or_default();
            for path in registry.plaintext {
                // Overwrite, then unlink; a file that is already gone is fine.
                let _ = clipvault::wipe::wipe_file(&path);
                let _ = std::fs::remove_file(&path);
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
            std::process::exit(128 + signal);
        }
    });
}

/// A temporary plaintext file, cleaned up by the watcher if a signal comes while it lives.
pub struct Guard(PathBuf);

impl Guard {
    /// A new temporary file in `dir` (named `PREFIX` + random), registered before a signal can
    /// see it unregistered: the registry stays locked from its creation to its registration,
    /// and the watcher takes that lock before it cleans up.
    pub fn temp_file_in(dir: &Path, prefix: &str) -> std::io::Result<(tempfile::NamedTempFile, Guard)> {
        let mut registry = registry().lock().map_err(|_| std::io::Error::other("signal registry poisoned"))?;
        let temp = tempfile::Builder::new().prefix(prefix).tempfile_in(dir)?;
        registry.plaintext.push(temp.path().to_path_buf());
        let guard = Guard(temp.path().to_path_buf());
        Ok((temp, guard))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut registry) = registry().lock() {
            registry.plaintext.retain(|f| f != &self.0);
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
