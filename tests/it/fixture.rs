//! The fixture the command-line test modules share: a temporary folder with a passphrase file,
//! and the real binary pointed at a vault in it with a clean environment.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

pub const PASS: &str = "tulip seventeen harbor gravel";
/// Argon2id parameters small enough for tests.
pub const TINY_KDF: [&str; 6] = ["--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"];

/// Runs the real `ffmpeg` (quiet, overwriting) with `args`, writing `out`; fails the test if
/// it cannot.
pub fn ffmpeg(args: &[&str], out: &Path) {
    let status = std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .arg(out)
        .status()
        .expect("ffmpeg is installed (.ci/run installs it)");
    assert!(status.success(), "ffmpeg made {}", out.display());
}

/// The real binary without any of clipvault's variables from the caller's environment (a
/// scripting user exports `CLIPVAULT_PASSPHRASE_FILE`, say): a test sees only what it sets.
pub fn clipvault() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_clipvault"));
    without_clipvault_env(&mut c);
    c
}

/// Removes clipvault's variables of the caller's environment from what `command` (clipvault
/// itself, or a shell or tool that starts it) inherits.
pub fn without_clipvault_env(command: &mut std::process::Command) -> &mut std::process::Command {
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(|k| k.starts_with("CLIPVAULT_")) {
            command.env_remove(key);
        }
    }
    command
}

pub struct CliEnv {
    pub dir: tempfile::TempDir,
    pub vault: PathBuf,
    pub pass: PathBuf,
}

impl CliEnv {
    /// A folder with a passphrase file and no vault yet.
    pub fn empty() -> CliEnv {
        let dir = tempfile::tempdir().unwrap();
        let env = CliEnv { vault: dir.path().join("v.clipvault"), pass: dir.path().join("pass"), dir };
        fs::write(&env.pass, format!("{PASS}\n")).unwrap();
        env
    }

    /// A folder with an initialised, empty vault (tiny KDF).
    pub fn new() -> CliEnv {
        let env = CliEnv::empty();
        env.cmd().arg("init").args(TINY_KDF).assert().success();
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (and its folders) in the test folder.
    pub fn write(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path
    }

    /// The binary with a clean environment (home, data and temporary folders in the test
    /// folder, UTC).
    fn clean(&self) -> std::process::Command {
        let mut c = clipvault();
        c.env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("TMPDIR", self.path("tmp"))
            .env("TZ", "UTC");
        fs::create_dir_all(self.path("tmp")).unwrap();
        c
    }

    /// The binary with a clean environment and empty stdin, to assert on.
    pub fn bare(&self) -> Command {
        let mut c = Command::from_std(self.clean());
        c.write_stdin("");
        c
    }

    /// The same as [`cmd`](CliEnv::cmd), as a plain process to spawn, signal or kill; no stdin.
    pub fn process(&self) -> std::process::Command {
        let mut c = self.clean();
        c.arg("--vault").arg(&self.vault).arg("--passphrase-file").arg(&self.pass).stdin(std::process::Stdio::null());
        c
    }

    /// The binary on another vault file, with this folder's passphrase.
    pub fn at(&self, vault: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = self.bare();
        c.arg("--vault").arg(vault).arg("--passphrase-file").arg(&self.pass);
        c
    }

    /// The binary on this folder's vault, with its passphrase.
    pub fn cmd(&self) -> Command {
        self.at(&self.vault)
    }

    /// Adds a file; returns what it said on stderr.
    pub fn add(&self, path: &Path) -> String {
        let out = self.cmd().arg("add").arg(path).assert().success().get_output().stderr.clone();
        String::from_utf8(out).unwrap()
    }

    /// An item's content, through `cat`.
    pub fn cat(&self, item: &str) -> Vec<u8> {
        self.cmd().args(["cat", item]).assert().success().get_output().stdout.clone()
    }

    /// `list --json`.
    pub fn list_json(&self) -> Vec<serde_json::Value> {
        self.json(&[])
    }

    /// `list --json` with extra arguments.
    pub fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let out = self.cmd().arg("list").args(args).arg("--json").assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    /// Item names as `list --json` gives them.
    pub fn names(&self, args: &[&str]) -> Vec<String> {
        self.json(args).iter().map(|i| i["name"].as_str().unwrap().to_string()).collect()
    }

    /// Item names of another vault file, or `None` if it does not open.
    pub fn names_at(&self, vault: &Path) -> Option<Vec<String>> {
        let out = self.at(vault).args(["list", "--json"]).output().unwrap();
        if !out.status.success() {
            return None;
        }
        let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        Some(items.iter().map(|i| i["name"].as_str().unwrap().to_string()).collect())
    }

    /// Standard output of a successful command.
    pub fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd().args(args).assert().success().get_output().stdout.clone()).unwrap()
    }

    /// Names of the `.clipvault-*` files in the folder.
    pub fn leftovers(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".clipvault-"))
            .collect()
    }
}
