//! Ctrl-C, SIGTERM and SIGHUP while a command holds plaintext in a temporary file: the file
//! is overwritten and removed before the process ends, instead of staying behind as a hidden
//! `.clipvault-export-*` full of decrypted media. Commands register their temporary files
//! here for as long as they exist; a watcher thread does the cleanup and exits with 128 + the
//! signal number, as a shell expects.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Temporary files holding plaintext right now.
fn registry() -> &'static Mutex<Vec<PathBuf>> {
    static FILES: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    FILES.get_or_init(|| {
        start_watcher();
        Mutex::new(Vec::new())
    })
}

fn start_watcher() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let files = registry().lock().map(|f| f.clone()).unwrap_or_default();
            for path in files {
                // Overwrite, then unlink; a file that is already gone is fine.
                let _ = clipvault::wipe::wipe_file(&path);
                let _ = std::fs::remove_file(&path);
            }
            std::process::exit(128 + signal);
        }
    });
}

/// A temporary plaintext file, cleaned up by the watcher if a signal comes while it lives.
pub struct Guard(PathBuf);

impl Guard {
    pub fn new(path: &Path) -> Guard {
        if let Ok(mut files) = registry().lock() {
            files.push(path.to_path_buf());
        }
        Guard(path.to_path_buf())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut files) = registry().lock() {
            files.retain(|f| f != &self.0);
        }
    }
}
