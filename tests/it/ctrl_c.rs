//! Ctrl-C typed at a real terminal, with an interactive `bash` in between as a person has it
//! (the shell puts each command in the terminal's foreground and keeps or restores the
//! terminal's settings after it): on every path an add can take, Ctrl-C stops it, commits
//! nothing of the item in progress and exits 130.

use crate::fixture::{self, CliEnv, PASS, heavy, require};
use rexpect::session::{PtySession, spawn_command};
use std::path::Path;
use std::time::Duration;

/// An interactive bash in a pseudo-terminal of 100 x 30.
struct Shell {
    session: PtySession,
}

/// A standard input that gives 1 MiB, then nothing for a minute: an add of it is under way
/// until it is stopped.
/// What the shell shows when it waits for a command.
const PROMPT: &str = "READY> ";

const SLOW_INPUT: &str = "(head -c 1048576 /dev/urandom; sleep 60)";

impl Shell {
    fn new(env: &CliEnv) -> Shell {
        let mut bash = std::process::Command::new("bash");
        env.environment(&mut bash)
            .args(["--norc", "--noprofile", "-i"])
            .env("PS1", PROMPT)
            .env("TERM", "xterm-256color")
            .env("CLIPVAULT_BIN", env!("CARGO_BIN_EXE_clipvault"));
        let mut shell = Shell { session: spawn_command(bash, Some(30_000)).unwrap() };
        shell.line("stty cols 100 rows 30");
        shell
    }

    fn line(&mut self, line: &str) {
        self.session.send_line(line).unwrap();
    }

    fn expect(&mut self, text: &str) -> String {
        self.session.exp_string(text).unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"))
    }

    fn ctrl_c(&mut self) {
        self.session.send_control('c').unwrap();
    }

    /// The exit status of the last command, as the shell has it.
    fn status(&mut self) -> u32 {
        // The echoed command line cannot match: its digits are not there yet.
        self.line("echo \"STATUS=$((1000 + $?))\"");
        let (_, found) = self.session.exp_regex("STATUS=1[0-9]{3}").unwrap();
        found["STATUS=".len()..].parse::<u32>().unwrap() - 1000
    }

    /// Ctrl-C once `progress` is on screen and a moment has passed; the command's status.
    fn ctrl_c_after(&mut self, progress: &str) -> (String, u32) {
        let before = self.expect(progress);
        std::thread::sleep(Duration::from_millis(400));
        self.ctrl_c();
        let after = self.expect(PROMPT);
        (before + &after, self.status())
    }
}

impl Drop for Shell {
    /// An interactive bash ignores the SIGTERM a dropped session sends: it is asked to leave.
    fn drop(&mut self) {
        let _ = self.session.send_line("exit");
        let _ = self.session.exp_eof();
    }
}

/// `clipvault` as the shell should run it, on `vault`.
fn clipvault(vault: &Path) -> String {
    format!("\"$CLIPVAULT_BIN\" --vault '{}'", vault.display())
}

/// A file of 2 GiB, long enough to be under way when Ctrl-C comes (and bounded if it does not
/// stop it); sparse, so it costs no disk to hold.
fn sparse_file(path: &Path) {
    std::fs::File::create(path).unwrap().set_len(2 << 30).unwrap();
}

fn item_names(env: &CliEnv, vault: &Path) -> Vec<String> {
    env.names_at(vault).expect("the vault opens after the interrupted add")
}

#[test]
fn ctrl_c_stops_an_add_at_a_typed_passphrase() {
    let env = CliEnv::new();
    let mut shell = Shell::new(&env);
    shell.line(&format!("{SLOW_INPUT} | {} add - --name slow.bin", clipvault(&env.vault)));
    shell.expect("Passphrase for ");
    shell.line(PASS);
    let (said, status) = shell.ctrl_c_after("adding");
    assert_eq!(status, 130, "{said}");
    assert!(said.contains("standard input was not stored"), "{said}");
    assert!(item_names(&env, &env.vault).is_empty());
}

/// The first add offers to create the vault (passphrase twice, the recovery-key question);
/// Ctrl-C in the add that follows leaves the new vault empty.
#[test]
fn ctrl_c_stops_the_first_add_that_creates_the_vault() {
    let env = CliEnv::empty();
    let big = env.path("big.bin");
    sparse_file(&big);
    let mut shell = Shell::new(&env);
    shell.line(&format!("\"$CLIPVAULT_BIN\" add '{}'", big.display()));
    shell.expect("There is no vault yet");
    shell.line("y");
    shell.expect("New passphrase: ");
    shell.line(PASS);
    shell.expect("Repeat the new passphrase: ");
    shell.line(PASS);
    shell.expect("Create a recovery key too");
    shell.line("n");
    let (said, status) = shell.ctrl_c_after("adding");
    assert_eq!(status, 130, "{said}");
    let vault = env.path("data/clipvault/vault.clipvault");
    assert!(item_names(&env, &vault).is_empty());
}

/// A folder (with a photo, so the thumbnail thread is busy too): the items before the one in
/// progress are stored, and the add says so.
#[test]
fn ctrl_c_stops_a_folder_add_and_says_what_was_stored() {
    require!("ffmpeg");
    let env = CliEnv::new();
    for name in ["a.txt", "b.txt"] {
        env.write(&format!("folder/{name}"), name.as_bytes());
    }
    // A photo, so the thumbnail thread is at work too.
    let photo = env.path("folder/c-photo.png");
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1"], &photo);
    sparse_file(&env.path("folder/z-big.bin"));
    let mut shell = Shell::new(&env);
    shell.line(&format!(
        "{} --passphrase-file '{}' add '{}'",
        clipvault(&env.vault),
        env.pass.display(),
        env.path("folder").display()
    ));
    shell.expect("added folder/c-photo.png");
    let (said, status) = shell.ctrl_c_after("adding");
    assert_eq!(status, 130, "{said}");
    assert!(said.contains("3 of 4 stored"), "{said}");
    assert!(said.contains("z-big.bin was not stored"), "{said}");
    let mut names = item_names(&env, &env.vault);
    names.sort();
    assert_eq!(names, ["folder/a.txt", "folder/b.txt", "folder/c-photo.png"]);
}

/// Through an unlock session the add runs in the agent's process, not in the terminal's
/// foreground: Ctrl-C reached it, but the status was 1.
#[test]
fn ctrl_c_stops_an_add_run_through_the_session() {
    let env = CliEnv::new();
    let mut shell = Shell::new(&env);
    shell.line(&format!("{} --passphrase-file '{}' unlock --for 5m", clipvault(&env.vault), env.pass.display()));
    shell.expect("unlocked for");
    shell.line(&format!("{SLOW_INPUT} | {} add - --name slow.bin", clipvault(&env.vault)));
    let (said, status) = shell.ctrl_c_after("adding");
    assert_eq!(status, 130, "{said}");
    assert!(said.contains("was not stored"), "{said}");
    assert!(item_names(&env, &env.vault).is_empty());
    shell.line(&format!("{} lock", clipvault(&env.vault)));
    shell.expect("locked");
}

/// The walkthrough's case: a gallery run through the session was killed while it had the
/// terminal in raw mode (no Ctrl-C); the caller exited normally, so the shell kept those
/// settings, and in the next add Ctrl-C was a plain character: the item was committed and the
/// status was 0. The caller now puts the terminal's settings back after every run.
#[test]
fn a_session_run_killed_in_raw_mode_leaves_ctrl_c_working() {
    require!("ffmpeg");
    let env = CliEnv::new();
    let picture = env.path("pic.png");
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1"], &picture);
    env.add(&picture);
    let mut shell = Shell::new(&env);
    shell.line(&format!("{} --passphrase-file '{}' unlock --for 5m", clipvault(&env.vault), env.pass.display()));
    shell.expect("unlocked for");
    shell.line(&format!("{} gallery", clipvault(&env.vault)));
    shell.expect("pic.png");
    let run = run_of_the_agent("gallery").expect("the gallery runs in the agent");
    // SAFETY: kill with a pid just read and a valid signal.
    unsafe { libc::kill(run, libc::SIGKILL) };
    shell.expect(PROMPT);
    shell.line("stty -a | grep -o -- '-*isig' | sed 's/^/SETTING:/'");
    let (_, setting) = shell.session.exp_regex("SETTING:-*isig").unwrap();
    assert_eq!(setting, "SETTING:isig", "the terminal was left without Ctrl-C");
    shell.line(&format!("{SLOW_INPUT} | {} add - --name slow.bin", clipvault(&env.vault)));
    let (said, status) = shell.ctrl_c_after("adding");
    assert_eq!(status, 130, "{said}");
    assert_eq!(item_names(&env, &env.vault), ["pic.png"]);
    shell.line(&format!("{} lock", clipvault(&env.vault)));
    shell.expect("locked");
}

/// The process the agent started to run a command whose arguments include `word`.
fn run_of_the_agent(word: &str) -> Option<libc::pid_t> {
    let args = |pid: &str| std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let parent = |pid: &str| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let after_name = stat.rsplit_once(')').map(|(_, rest)| rest.to_string()).unwrap_or_default();
        after_name.split_whitespace().nth(1).unwrap_or("0").to_string()
    };
    for _ in 0..100 {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let pid = entry.file_name().to_string_lossy().into_owned();
            let mine = args(&pid).split(|b| *b == 0).any(|a| a == word.as_bytes());
            let from_agent = args(&parent(&pid)).split(|b| *b == 0).any(|a| a == b"__agent");
            if mine && from_agent {
                return pid.parse().ok();
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Ctrl-C while the key is derived before an export: nothing is exported.
#[test]
fn ctrl_c_during_key_derivation_stops_an_export() {
    // Two `strong` key derivations (256 MiB, 4 passes, both cores).
    let _heavy = heavy();
    let env = CliEnv::empty();
    env.cmd().args(["init", "--kdf-profile", "strong"]).assert().success();
    env.add(&env.write("secret.txt", b"private words"));
    let out = env.path("out");
    std::fs::create_dir(&out).unwrap();
    let mut shell = Shell::new(&env);
    shell.line(&format!("{} export secret.txt --to '{}'", clipvault(&env.vault), out.display()));
    shell.expect("Passphrase for ");
    shell.line(PASS);
    std::thread::sleep(Duration::from_millis(150));
    shell.ctrl_c();
    shell.expect(PROMPT);
    assert_eq!(shell.status(), 130);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "something was exported");
}
