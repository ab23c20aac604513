//! The one fixture of the command-line tests: a temporary folder with a passphrase file, and
//! the real binary pointed at a vault in it with a clean environment ([`CliEnv`]); the
//! policy for tests that need an outside tool ([`require!`]); and [`quiet`] and [`heavy`],
//! held by the tests that must not run beside one another in this one process.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

pub const PASS: &str = "tulip seventeen harbor gravel";
/// Argon2id parameters small enough for tests.
pub const TINY_KDF: [&str; 6] = ["--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"];

/// The variable that turns a skip for a missing outside tool into a failure (`.ci/run` sets it).
pub const REQUIRE_TOOLS: &str = "CLIPVAULT_REQUIRE_TOOLS";

/// Whether an outside tool is installed: `NAME` is a program on PATH, `A|B` either of two
/// programs, and `python3:MODULE` a module that `python3` imports.
fn installed(tool: &str) -> bool {
    if let Some(module) = tool.strip_prefix("python3:") {
        return on_path("python3")
            && std::process::Command::new("python3")
                .args(["-c", &format!("import {module}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
    }
    tool.split('|').any(on_path)
}

fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            fs::metadata(dir.join(program)).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// The first of `tools` that is not installed, if one is not.
fn first_missing<'a>(tools: &[&'a str]) -> Option<&'a str> {
    tools.iter().copied().find(|tool| !installed(tool))
}

/// Whether every one of `tools` is installed (see [`installed`] for how they are named).
/// When one is not, the test is skipped with one line on stderr, `skipped: NAME is not
/// installed`; with `CLIPVAULT_REQUIRE_TOOLS=1` in the environment (as in `.ci/run`), it fails
/// with that message instead. Used through [`require!`].
pub fn tools(tools: &[&str]) -> bool {
    let Some(missing) = first_missing(tools) else { return true };
    let message = format!("{missing} is not installed");
    if std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| v == "1") {
        panic!("{message} ({REQUIRE_TOOLS}=1: a missing tool is a failure)");
    }
    eprintln!("skipped: {message}");
    false
}

/// Returns from the test unless every outside tool named is installed: `require!("ffmpeg",
/// "python3:pdqhash")`. See [`tools`].
macro_rules! require {
    ($($tool:expr),+ $(,)?) => {
        if !$crate::fixture::tools(&[$($tool),+]) {
            return;
        }
    };
}
pub(crate) use require;

/// Tests of this one process run two at a time (one per core) in any pairing, where those of a
/// file used to run only beside each other. Two kinds must not meet: a test that bounds how
/// long something takes (a gallery gone within a second of `panic`, an idle lock of one
/// second, a tab blanked within 1.5 s, a process given 500 ms to start) holds [`quiet`] for
/// its whole run, and a test that loads both cores for seconds (the stress run, SIGKILL
/// rounds on 24-48 MB writes, chromium, a 20-second video encoded) holds [`heavy`]. Heavy
/// tests run beside each other, a quiet one beside neither; any other test runs beside
/// either, as before.
static LOAD: RwLock<()> = RwLock::new(());

/// Held by a test that bounds how long something takes: no [`heavy`] test (nor another quiet
/// one) runs meanwhile.
pub fn quiet() -> RwLockWriteGuard<'static, ()> {
    // A test that failed while holding it poisons it; the next one still runs.
    LOAD.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Held by a test that loads both cores for seconds: no [`quiet`] test runs meanwhile.
pub fn heavy() -> RwLockReadGuard<'static, ()> {
    LOAD.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs the real `ffmpeg` (quiet, overwriting) with `args`, writing `out`; fails the test if
/// it cannot (a test that calls it says `require!("ffmpeg")` first).
pub fn ffmpeg(args: &[&str], out: &Path) {
    let status = std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .arg(out)
        .status()
        .expect("ffmpeg is installed (.ci/run installs it)");
    assert!(status.success(), "ffmpeg made {}", out.display());
}

/// Removes clipvault's variables of the caller's environment (a scripting user exports
/// `CLIPVAULT_PASSPHRASE_FILE`, say) from what `command` (clipvault itself, or a shell or tool
/// that starts it) inherits: a test sees only what it sets.
pub fn without_clipvault_env(command: &mut std::process::Command) -> &mut std::process::Command {
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(|k| k.starts_with("CLIPVAULT_")) {
            command.env_remove(key);
        }
    }
    command
}

/// A temporary folder with a passphrase file (`pass`, holding [`PASS`]) and a vault path
/// (`v.clipvault`), and every way the tests run the real binary on them.
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

    /// Gives `command` (clipvault, or a shell or tool that starts it) the clean environment
    /// of this folder: none of the caller's clipvault variables; home, data, runtime (unlock
    /// sessions) and temporary folders in the test folder; UTC; English messages.
    pub fn environment<'c>(&self, command: &'c mut std::process::Command) -> &'c mut std::process::Command {
        fs::create_dir_all(self.path("tmp")).unwrap();
        fs::create_dir_all(self.path("run")).unwrap();
        without_clipvault_env(command)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_RUNTIME_DIR", self.path("run"))
            .env("TMPDIR", self.path("tmp"))
            .env("TZ", "UTC")
            // What the tests read is English, whatever the machine's locale.
            .env("CLIPVAULT_LANG", "en")
    }

    /// The binary in this folder's environment, with no arguments: a plain process (for a
    /// pseudo-terminal, say; its standard streams are inherited).
    pub fn program(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_clipvault"));
        self.environment(&mut c);
        c
    }

    /// The same on `vault`, opened with the passphrase file `pass` if one is given.
    pub fn program_on(&self, vault: impl AsRef<Path>, pass: Option<&Path>) -> std::process::Command {
        let mut c = self.program();
        c.arg("--vault").arg(vault.as_ref());
        if let Some(pass) = pass {
            c.arg("--passphrase-file").arg(pass);
        }
        c
    }

    /// The same as [`cmd`](CliEnv::cmd), as a plain process to spawn, signal or kill; no stdin.
    pub fn process(&self) -> std::process::Command {
        let mut c = self.program_on(&self.vault, Some(&self.pass));
        c.stdin(std::process::Stdio::null());
        c
    }

    /// The binary with a clean environment and empty stdin, to assert on.
    pub fn bare(&self) -> Command {
        let mut c = Command::from_std(self.program());
        c.write_stdin("");
        c
    }

    /// The binary on `vault`, with the passphrase file `pass` if one is given; empty stdin.
    pub fn on(&self, vault: impl AsRef<Path>, pass: Option<&Path>) -> Command {
        let mut c = Command::from_std(self.program_on(vault, pass));
        c.write_stdin("");
        c
    }

    /// The binary on another vault file, with this folder's passphrase.
    pub fn at(&self, vault: impl AsRef<Path>) -> Command {
        self.on(vault, Some(&self.pass))
    }

    /// The binary on this folder's vault, with its passphrase.
    pub fn cmd(&self) -> Command {
        self.at(&self.vault)
    }

    /// The binary on this folder's vault with another passphrase file (`name` in the folder,
    /// or a path).
    pub fn cmd_as(&self, pass: impl AsRef<Path>) -> Command {
        self.on(&self.vault, Some(&self.dir.path().join(pass)))
    }

    /// The binary on this folder's vault with no passphrase: it comes from a session, a
    /// prompt, an identity, or nowhere.
    pub fn no_pass(&self) -> Command {
        self.on(&self.vault, None)
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

#[test]
fn a_tool_is_found_on_path_and_a_missing_one_is_named() {
    assert_eq!(first_missing(&["sh", "no-such-tool-here|sh"]), None);
    assert_eq!(first_missing(&["sh", "no-such-tool-here", "sh"]), Some("no-such-tool-here"));
    assert_eq!(first_missing(&["no-such-tool-here|nor-this-one"]), Some("no-such-tool-here|nor-this-one"));
    // A folder of that name is no program.
    assert!(!installed("."));
}
