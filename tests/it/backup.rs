//! `backup` and `restore` with the real `restic` (and `rclone` as its backend): a backup
//! after an add stores little more than the item; a restore on another device, with nothing
//! but the passphrase and the repository, gives every item back byte for byte; a backup
//! killed half-way leaves a repository `restic check` accepts and that restores to the last
//! whole backup; without restic, one line says how to install it.

use crate::fixture::{CliEnv, require};
use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bytes under `dir`.
fn size_of(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn random(len: usize, seed: u8) -> Vec<u8> {
    use rand::{RngCore, SeedableRng};
    let mut bytes = vec![0u8; len];
    rand::rngs::StdRng::from_seed([seed; 32]).fill_bytes(&mut bytes);
    bytes
}

/// The repository's password as clipvault makes it from the fixture's passphrase, for
/// running `restic` itself on it.
fn restic_password() -> String {
    let passphrase = clipvault::Passphrase::new(crate::fixture::PASS);
    clipvault::vault::repository_password_from_passphrase(&passphrase).unwrap().to_string()
}

fn restic(repo: &str, args: &[&str]) -> std::process::Output {
    Command::new("restic")
        .args(["--repo", repo])
        .args(args)
        .env("RESTIC_PASSWORD", restic_password())
        .output()
        .expect("restic (.ci/run installs it)")
}

#[test]
fn an_incremental_backup_stores_about_what_changed_and_restores_on_another_device() {
    require!("restic");
    let env = CliEnv::new();
    let first = env.write("first.bin", &random(48 << 20, 1));
    env.add(&first);
    let repo = env.path("usb/clipvault-backup");
    env.cmd()
        .arg("backup")
        .arg(&repo)
        .assert()
        .success()
        .stderr(contains("making a new restic repository"))
        .stderr(contains("Backed up"));
    let before = size_of(&repo);
    let second = env.write("second.bin", &random(1 << 20, 2));
    env.add(&second);
    // The repository is remembered: no argument this time.
    env.cmd().arg("backup").assert().success();
    let grown = size_of(&repo) - before;
    // restic stores a changed chunk whole (1 MiB on average, 512 KiB to 8 MiB, its boundaries
    // drawn per repository): the chunk holding the superblocks, the one the file ended in and
    // the one holding the index copies the add freed, besides the new bytes; never the 48 MiB
    // that did not change.
    assert!(grown < (1 << 20) + 3 * (8 << 20), "a 1 MiB item grew the repository by {grown} bytes");
    assert!(grown > 1 << 20, "the new item is in it: {grown}");

    // Another device: an empty home, nothing but the passphrase file and the repository.
    let other = CliEnv::empty();
    let restored = other.path("restored.clipvault");
    other
        .cmd()
        .args(["restore", repo.to_str().unwrap(), "--to"])
        .arg(&restored)
        .assert()
        .success()
        .stderr(contains("2 items"));
    for (name, content) in [("first.bin", random(48 << 20, 1)), ("second.bin", random(1 << 20, 2))] {
        let got = other.at(&restored).args(["cat", name]).assert().success().get_output().stdout.clone();
        assert!(got == content, "{name} restored byte for byte");
    }
    // The snapshot before the add restores to the vault as it was then.
    let out = restic(repo.to_str().unwrap(), &["snapshots", "--json", "--tag", "clipvault,clipvault-complete"]);
    let snapshots: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(snapshots.len(), 2);
    let oldest = snapshots.iter().min_by_key(|s| s["time"].as_str().unwrap().to_string()).unwrap();
    let earlier = other.path("earlier.clipvault");
    other
        .cmd()
        .args(["restore", repo.to_str().unwrap(), "--snapshot", &oldest["short_id"].as_str().unwrap()[..6], "--to"])
        .arg(&earlier)
        .assert()
        .success();
    assert_eq!(other.names_at(&earlier).unwrap(), ["first.bin"]);
    // A wrong passphrase opens nothing and writes nothing; an existing file is not replaced.
    let wrong = other.write("wrong", b"not the passphrase\n");
    let elsewhere = other.path("never.clipvault");
    other.cmd_as(&wrong).args(["restore", repo.to_str().unwrap(), "--to"]).arg(&elsewhere).assert().failure();
    assert!(!elsewhere.exists());
    other
        .cmd()
        .args(["restore", repo.to_str().unwrap(), "--to"])
        .arg(&restored)
        .assert()
        .failure()
        .stderr(contains("exists"));
}

#[test]
fn a_backup_through_rclone_restores_too() {
    require!("restic", "rclone");
    let env = CliEnv::new();
    env.add(&env.write("clip.bin", &random(300_000, 3)));
    // A local rclone remote named `local`, configured through the environment only.
    let repo = format!("rclone:local:{}", env.path("remote/backup").display());
    env.cmd().env("RCLONE_CONFIG_LOCAL_TYPE", "local").args(["backup", &repo]).assert().success();
    assert!(env.path("remote/backup/config").exists(), "restic wrote through rclone");
    let restored = env.path("restored.clipvault");
    env.cmd()
        .env("RCLONE_CONFIG_LOCAL_TYPE", "local")
        .args(["restore", &repo, "--to"])
        .arg(&restored)
        .assert()
        .success();
    assert!(env.at(&restored).args(["cat", "clip.bin"]).assert().success().get_output().stdout == random(300_000, 3));
}

#[test]
fn a_killed_backup_leaves_a_checked_repository_that_restores_the_last_whole_backup() {
    require!("restic");
    let _heavy = crate::fixture::heavy();
    let env = CliEnv::new();
    env.add(&env.write("small.bin", &random(100_000, 4)));
    let repo = env.path("repo");
    env.cmd().arg("backup").arg(&repo).assert().success();
    env.add(&env.write("big.bin", &random(96 << 20, 5)));
    let repo_text = repo.to_str().unwrap().to_string();
    let mut killed = 0;
    for delay in [150u64, 400, 900] {
        let mut child = env.process().arg("backup").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        // restic dies with it: no restic process is left on this repository.
        let deadline = Instant::now() + Duration::from_secs(5);
        while restic_running(&repo_text) {
            assert!(Instant::now() < deadline, "restic outlived the killed backup");
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = restic(&repo_text, &["unlock"]);
        let check = restic(&repo_text, &["check"]);
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    }
    assert!(killed > 0, "no backup was killed while it ran");
    let restored = env.path("restored.clipvault");
    env.cmd().args(["restore", &repo_text, "--to"]).arg(&restored).assert().success();
    assert_eq!(env.names_at(&restored).unwrap(), ["small.bin"], "the last whole backup, not a torn one");
}

/// Whether a `restic` process has `repo` on its command line.
fn restic_running(repo: &str) -> bool {
    std::fs::read_dir("/proc").unwrap().filter_map(Result::ok).any(|entry| {
        std::fs::read(entry.path().join("cmdline")).is_ok_and(|cmdline| {
            let text = String::from_utf8_lossy(&cmdline);
            text.starts_with("restic\0") && text.contains(repo)
        })
    })
}

#[test]
fn without_restic_one_line_says_how_to_install_it() {
    let env = CliEnv::new();
    env.cmd()
        .env("PATH", env.path("empty-path"))
        .args(["backup", "somewhere"])
        .assert()
        .code(1)
        .stderr(contains("pkg install restic").and(contains("apt install restic")));
}
