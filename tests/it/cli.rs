//! Drives the real `clipvault` binary through every command, exit code and kind of bad
//! input. Each test gets its own temporary folder, vault and passphrase file.

use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::fixture::{CliEnv as Env, TINY_KDF};

fn random_bytes(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut v);
    v
}

#[test]
fn add_list_cat_round_trip() {
    let env = Env::new();
    let data = random_bytes(200_000);
    let clip = env.write("clip.mp4", &data);
    env.cmd()
        .arg("add")
        .arg(&clip)
        .args(["--tag", "beach", "--tag", "2024"])
        .assert()
        .success()
        .stderr(contains("added clip.mp4"));
    assert_eq!(env.cat("clip.mp4"), data);
    let items = env.list_json();
    assert_eq!(items.len(), 1);
    let item = &items[0];
    for key in ["id", "name", "type", "size", "added", "sha256", "tags"] {
        assert!(item.get(key).is_some(), "list --json lacks {key}");
    }
    assert_eq!(item["size"], 200_000);
    assert_eq!(item["tags"], serde_json::json!(["beach", "2024"]));
    let sha = <sha2::Sha256 as sha2::Digest>::digest(&data);
    assert_eq!(item["sha256"], hex::encode(sha));
    assert!(item["added"].as_str().unwrap().ends_with('Z'));
    let id = item["id"].as_str().unwrap();
    assert_eq!(env.cat(&id[..6]), data, "a unique id prefix is accepted");
    env.cmd().arg("list").assert().success().stdout(contains("clip.mp4").and(contains(&id[..8])));
    let raw = fs::read(&env.vault).unwrap();
    assert!(!raw.windows(8).any(|w| w == b"clip.mp4"), "the name is readable in the vault file");
}

#[test]
fn add_folder_recursively_and_from_stdin() {
    let env = Env::new();
    fs::create_dir_all(env.path("Camera/sub")).unwrap();
    env.write("Camera/a.jpg", b"a");
    env.write("Camera/sub/b.jpg", b"bb");
    env.add(&env.path("Camera"));
    env.cmd().args(["add", "-", "--name", "voice.ogg"]).write_stdin("spoken words").assert().success();
    env.cmd().args(["add", "-", "--name", "empty-stdin"]).write_stdin("").assert().success();
    let names: Vec<String> = env.list_json().iter().map(|i| i["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["Camera/a.jpg", "Camera/sub/b.jpg", "voice.ogg", "empty-stdin"]);
    assert_eq!(env.cat("voice.ogg"), b"spoken words");
    assert_eq!(env.cat("empty-stdin"), b"");
    env.cmd().args(["add", "-"]).assert().code(2).stderr(contains("--name"));
    let a = env.write("x", b"x");
    let b = env.write("y", b"y");
    env.cmd().arg("add").arg(&a).arg(&b).args(["--name", "n"]).assert().code(2);
}

#[test]
fn bad_inputs_to_add_fail_cleanly() {
    let env = Env::new();
    env.cmd().args(["add", "/no/such/file"]).assert().code(1).stderr(contains("cannot add /no/such/file"));
    env.cmd().args(["add", "/dev/null"]).assert().code(1).stderr(contains("not a regular file"));
    let fifo = env.path("fifo");
    let fifo_path = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path it is given.
    assert_eq!(unsafe { libc::mkfifo(fifo_path.as_ptr(), 0o600) }, 0, "mkfifo");
    env.cmd().arg("add").arg(&fifo).assert().code(1).stderr(contains("not a regular file"));
    let a = env.path("loop-a");
    let b = env.path("loop-b");
    std::os::unix::fs::symlink(&a, &b).unwrap();
    std::os::unix::fs::symlink(&b, &a).unwrap();
    env.cmd().arg("add").arg(&a).assert().code(1).stderr(contains("cannot add"));
    let unreadable = env.write("secret", b"x");
    fs::set_permissions(&unreadable, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if fs::read(&unreadable).is_err() {
        // (root can read anything; the check is only meaningful for a normal user)
        env.cmd().arg("add").arg(&unreadable).assert().code(1);
    }
    env.cmd().arg("add").arg(&env.vault).assert().code(2).stderr(contains("the vault itself"));
    let empty = env.write("empty.jpg", b"");
    env.add(&empty);
    assert_eq!(env.list_json()[0]["size"], 0);
    for line in std::str::from_utf8(&env.cmd().arg("list").assert().get_output().stderr).unwrap().lines() {
        assert!(line.is_empty(), "unexpected stderr: {line}");
    }
}

#[test]
fn odd_names_are_kept_and_exported_safely() {
    let env = Env::new();
    let raw_name = std::ffi::OsStr::from_bytes(b"caf\xe9.jpg");
    let odd = env.dir.path().join(raw_name);
    fs::write(&odd, b"latin1 name").unwrap();
    env.add(&odd);
    let long = "n".repeat(4096);
    env.cmd().args(["add", "-", "--name", &long]).write_stdin("long").assert().success();
    env.cmd().args(["add", "-", "--name", "../../escape.txt"]).write_stdin("evil").assert().success();
    env.cmd().args(["add", "-", "--name", "/etc/passwd"]).write_stdin("evil2").assert().success();
    env.cmd().args(["add", "-", "--name", "CON"]).write_stdin("dos").assert().success();
    let out = env.path("out");
    env.cmd().arg("export").arg("--all").arg("--to").arg(&out).assert().success();
    // Every file, by its path under `out` (stored folders are kept, safely inside it).
    let mut exported: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned())
        .collect();
    exported.sort();
    assert_eq!(exported.len(), 5);
    assert!(exported.contains(&"escape.txt".to_string()), "{exported:?}");
    assert!(exported.contains(&"etc/passwd".to_string()), "{exported:?}");
    assert!(exported.contains(&"_CON".to_string()));
    assert!(exported.iter().all(|n| n.len() <= 255));
    assert!(!env.dir.path().join("escape.txt").exists() && !env.path("../escape.txt").exists());
    assert_eq!(fs::read(out.join("escape.txt")).unwrap(), b"evil");
}

#[test]
fn export_never_overwrites_without_force() {
    let env = Env::new();
    env.add(&env.write("a.jpg", b"new"));
    let out = env.path("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("a.jpg"), b"old").unwrap();
    env.cmd().args(["export", "a.jpg", "--to"]).arg(&out).assert().code(1).stderr(contains("already exists"));
    assert_eq!(fs::read(out.join("a.jpg")).unwrap(), b"old");
    env.cmd().args(["export", "a.jpg", "--force", "--to"]).arg(&out).assert().success();
    assert_eq!(fs::read(out.join("a.jpg")).unwrap(), b"new");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "no temporary file left behind");
}

#[test]
fn view_delivers_exact_bytes_and_leaves_no_file() {
    let env = Env::new();
    let data = random_bytes(300_000);
    env.add(&env.write("v.mp4", &data));
    let tmp_before: Vec<_> = fs::read_dir(env.path("tmp")).unwrap().collect();
    let copy = env.path("copy-via-path");
    env.cmd().args(["view", "v.mp4", "--with"]).arg(format!("cat {{}} > {}", copy.display())).assert().success();
    assert_eq!(fs::read(&copy).unwrap(), data);
    let piped = env.path("copy-via-stdin");
    env.cmd().args(["view", "v.mp4", "--with"]).arg(format!("cat > {}", piped.display())).assert().success();
    assert_eq!(fs::read(&piped).unwrap(), data);
    assert_eq!(fs::read_dir(env.path("tmp")).unwrap().count(), tmp_before.len());
    // A viewer that stops reading early is fine; a failing one is reported.
    env.cmd().args(["view", "v.mp4", "--with", "head -c 10 > /dev/null"]).assert().success();
    env.cmd().args(["view", "v.mp4", "--with", "exit 3"]).assert().code(1).stderr(contains("viewer exited"));
}

#[test]
fn view_once_shreds_after_viewing() {
    let env = Env::new();
    env.add(&env.write("once.jpg", b"look once"));
    env.cmd().args(["view", "once.jpg", "--once", "--with", "cat > /dev/null"]).assert().success();
    env.cmd().args(["cat", "once.jpg"]).assert().code(5);
    env.add(&env.write("kept.jpg", b"kept"));
    env.cmd().args(["view", "kept.jpg", "--once", "--with", "false"]).assert().code(1).stderr(contains("kept"));
    assert_eq!(env.cat("kept.jpg"), b"kept");
}

#[test]
fn shred_needs_confirmation_and_destroys() {
    let env = Env::new();
    env.add(&env.write("a.jpg", b"a"));
    env.add(&env.write("b.jpg", b"b"));
    env.cmd().args(["shred", "a.jpg"]).assert().code(2).stderr(contains("--yes"));
    env.cmd().args(["shred", "a.jpg", "--yes"]).assert().success().stderr(contains("shredded a.jpg"));
    env.cmd().args(["cat", "a.jpg"]).assert().code(5);
    assert_eq!(env.cat("b.jpg"), b"b");
}

#[test]
fn passwd_changes_the_passphrase() {
    let env = Env::new();
    env.add(&env.write("a.jpg", b"a"));
    let new = env.write("new-pass", b"marble quietly orbit seventy lantern\n");
    env.cmd().arg("passwd").arg("--new-passphrase-file").arg(&new).assert().success();
    env.cmd().arg("list").assert().code(3).stderr(contains("wrong passphrase"));
    env.cmd_as(&new).args(["cat", "a.jpg"]).assert().success();
    env.cmd().arg("passwd").assert().code(3);
}

#[test]
fn init_refuses_weak_existing_and_empty() {
    let env = Env::new();
    env.cmd().arg("init").args(TINY_KDF).assert().code(1).stderr(contains("already exists"));
    let other = Env::empty();
    fs::write(&other.pass, "password\n").unwrap();
    other.cmd().arg("init").assert().code(1).stderr(contains("easy to guess"));
    assert!(!other.vault.exists());
    other.cmd().args(["init", "--allow-weak-passphrase"]).args(TINY_KDF).assert().success();
    let third = Env::empty();
    fs::write(&third.pass, "\n").unwrap();
    third.cmd().arg("init").assert().code(1).stderr(contains("empty"));
    third.cmd().args(["init", "--kdf-profile", "huge"]).assert().code(2).stderr(contains("standard"));
    third
        .cmd()
        .args(["init", "--kdf-memory", "9999999", "--kdf-iterations", "1", "--kdf-parallelism", "1"])
        .assert()
        .code(2);
}

#[test]
fn exit_codes_for_broken_vaults() {
    let env = Env::new();
    env.add(&env.write("a.jpg", &random_bytes(100_000)));
    let not_vault = env.write("photo.jpg", &random_bytes(20_000));
    env.at(&not_vault).arg("list").assert().code(1).stderr(contains("not a clipvault vault"));
    env.at(env.dir.path()).arg("list").assert().code(1).stderr(contains("folder"));
    env.at(env.path("missing")).arg("list").assert().code(1).stderr(contains("no vault"));
    let raw = fs::read(&env.vault).unwrap();
    let truncated = env.write("truncated", &raw[..100]);
    env.at(&truncated).arg("list").assert().code(4);
    let payload = {
        let vault =
            clipvault::Vault::open(&env.vault, &clipvault::Passphrase::new(crate::fixture::PASS), Default::default())
                .unwrap();
        vault.items().next().unwrap().payload
    };
    let mut flipped = raw.clone();
    flipped[(payload.offset + 900) as usize] ^= 0x20;
    fs::write(&env.vault, &flipped).unwrap();
    env.cmd().arg("verify").assert().code(4).stdout(contains("damaged:").and(contains("a.jpg")));
    env.cmd().args(["cat", "a.jpg"]).assert().code(4).stderr(contains("integrity"));
    let empty_pass = env.write("empty-pass", b"");
    env.cmd_as(&empty_pass).arg("list").assert().code(1).stderr(contains("empty"));
    env.cmd().arg("frobnicate").assert().code(2);
}

#[test]
fn errors_are_one_line_with_prefix() {
    let env = Env::new();
    let out = env.cmd().args(["cat", "nothing"]).assert().code(5).get_output().stderr.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("clipvault: "));
}

#[test]
fn ambiguous_names_list_candidates() {
    let env = Env::new();
    env.cmd().args(["add", "-", "--name", "same"]).write_stdin("1").assert().success();
    env.cmd().args(["add", "-", "--name", "same"]).write_stdin("2").assert().success();
    env.cmd().args(["cat", "same"]).assert().code(5).stderr(contains("several items"));
}

#[test]
fn a_second_writer_is_told_the_vault_is_busy() {
    let env = Env::new();
    let held = fs::OpenOptions::new().read(true).write(true).open(&env.vault).unwrap();
    held.lock().unwrap();
    let file = env.write("a.jpg", b"a");
    env.cmd().arg("add").arg(&file).assert().code(6).stderr(contains("busy"));
    env.cmd().args(["--wait-timeout", "1", "add"]).arg(&file).assert().code(6);
    env.cmd().arg("list").assert().success();
    held.unlock().unwrap();
    env.cmd().arg("add").arg(&file).assert().success();
}

#[test]
fn add_move_wipes_originals_only_after_storing() {
    let env = Env::new();
    let a = env.write("a.jpg", b"first");
    let missing = env.path("missing.jpg");
    env.cmd().arg("add").arg("--move").arg(&a).assert().success().stderr(contains("wiped"));
    assert!(!a.exists());
    assert_eq!(env.cat("a.jpg"), b"first");
    let b = env.write("b.jpg", b"second");
    env.cmd().arg("add").arg("--move").arg(&b).arg(&missing).assert().code(1);
    assert!(b.exists(), "nothing is removed when the command fails before storing");
    // A folder: its sub-folders go with their files (their names tell as much); the folder
    // named stays, and so does a sub-folder that still holds something.
    env.write("Camera/With Sam/1.jpg", b"one");
    env.write("Camera/With Sam/night/2.jpg", b"two");
    let kept = env.write("Camera/kept/.nomedia", b"");
    env.cmd().arg("add").arg("--move").arg(env.path("Camera/With Sam")).arg(env.path("Camera/kept")).assert().success();
    assert!(!env.path("Camera/With Sam/night").exists() && env.path("Camera/With Sam").is_dir());
    assert!(!kept.exists() && env.path("Camera/kept").is_dir());
    env.write("Camera/again/sub/3.jpg", b"three");
    env.write("Camera/again/sub/notes/keep.txt", b"x");
    env.cmd().arg("add").arg("--move").arg(env.path("Camera/again/sub/3.jpg")).assert().success();
    assert!(env.path("Camera/again/sub/notes/keep.txt").exists());
}

#[test]
fn wipe_files_links_and_folders() {
    let env = Env::new();
    let target = env.write("target.txt", b"keep me");
    let link = env.path("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    env.cmd().args(["wipe", "--yes"]).arg(&link).assert().success().stderr(contains("link"));
    assert!(!link.exists() && fs::read(&target).unwrap() == b"keep me");
    let hard = env.path("hard");
    fs::hard_link(&target, &hard).unwrap();
    env.cmd().args(["wipe", "--yes"]).arg(&hard).assert().success().stderr(contains("NOT overwritten"));
    assert_eq!(fs::read(&target).unwrap(), b"keep me");
    let ro = env.write("ro.txt", b"read only");
    fs::set_permissions(&ro, std::os::unix::fs::PermissionsExt::from_mode(0o400)).unwrap();
    env.cmd().args(["wipe", "--yes"]).arg(&ro).assert().success();
    assert!(!ro.exists());
    fs::create_dir_all(env.path("d/e")).unwrap();
    env.write("d/e/f", b"f");
    env.cmd().args(["wipe", "--yes"]).arg(env.path("d")).assert().code(2).stderr(contains("--recursive"));
    env.cmd().args(["wipe", "--yes", "--recursive"]).arg(env.path("d")).assert().success();
    assert!(!env.path("d").exists());
    env.cmd().arg("wipe").arg(&target).assert().code(2);
    env.cmd().args(["wipe", "--yes"]).arg(&env.vault).assert().code(2).stderr(contains("your vault"));
    assert!(env.vault.exists());
}

#[test]
fn info_and_completions() {
    let env = Env::new();
    env.add(&env.write("a.jpg", b"abc"));
    env.cmd()
        .arg("info")
        .assert()
        .success()
        .stdout(contains("items:        1").and(contains("Argon2id")).and(contains("other space")));
    env.bare().args(["completions", "bash"]).assert().success().stdout(contains("clipvault"));
}

#[test]
fn default_vault_location_is_used() {
    let env = Env::empty();
    let mut init = env.bare();
    init.arg("--passphrase-file").arg(&env.pass).arg("init").args(TINY_KDF);
    init.assert().success();
    assert!(env.path("data/clipvault/vault.clipvault").is_file());
    let file = env.write("a.jpg", b"a");
    env.bare().env("CLIPVAULT_PASSPHRASE_FILE", &env.pass).arg("add").arg(&file).assert().success();
    let other = env.path("elsewhere.clipvault");
    env.bare()
        .env("CLIPVAULT_VAULT", &other)
        .env("CLIPVAULT_PASSPHRASE_FILE", &env.pass)
        .arg("list")
        .assert()
        .code(1)
        .stderr(contains("no vault"));
}

#[test]
fn compact_gives_back_shredded_space() {
    let env = Env::new();
    let keep = random_bytes(150_000);
    env.add(&env.write("keep.mp4", &keep));
    env.add(&env.write("drop.mp4", &random_bytes(400_000)));
    env.cmd().args(["shred", "--yes", "drop.mp4"]).assert().success();
    let before = fs::metadata(&env.vault).unwrap().len();
    env.cmd().arg("info").assert().success().stdout(contains("other space:  0 B").not());
    env.cmd().args(["compact", "--yes"]).assert().success().stderr(contains("given back"));
    let after = fs::metadata(&env.vault).unwrap().len();
    assert!(after + 400_000 <= before, "{before} -> {after}");
    assert_eq!(env.cat("keep.mp4"), keep);
    env.cmd().arg("verify").assert().success();
    env.cmd().arg("info").assert().success().stdout(contains("other space:  0 B"));
    let leftovers: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".clipvault"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn view_leaves_nothing_when_the_viewer_or_clipvault_is_killed() {
    let env = Env::new();
    env.add(&env.write("v.mp4", &random_bytes(100_000)));
    let listing = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> =
            walkdir::WalkDir::new(dir).into_iter().map(|e| e.unwrap().path().to_path_buf()).collect();
        v.sort();
        v
    };
    let before = listing(env.dir.path());
    env.cmd().args(["view", "v.mp4", "--with", "kill -9 $$ {}"]).assert().code(1);
    assert_eq!(listing(env.dir.path()), before);
    let mut child = env.process().args(["view", "v.mp4", "--with", "sleep 30 # {}"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(listing(env.dir.path()), before);
}

#[test]
fn salvage_copies_intact_items_and_leaves_the_damaged_vault_alone() {
    let env = Env::new();
    env.add(&env.write("good.jpg", b"good photo"));
    let bad = random_bytes(200_000);
    env.add(&env.write("bad.mp4", &bad));
    let items = env.list_json();
    let bad_id = items.iter().find(|i| i["name"] == "bad.mp4").unwrap()["id"].as_str().unwrap().to_string();
    let mut raw = fs::read(&env.vault).unwrap();
    // The 200 KB item's payload fills most of the file: its middle is inside that payload.
    let middle = raw.len() / 2;
    raw[middle] ^= 0x01;
    fs::write(&env.vault, &raw).unwrap();
    let verify = env.cmd().arg("verify").assert().code(4).get_output().stdout.clone();
    let verify = String::from_utf8(verify).unwrap();
    assert!(verify.contains(&bad_id) && verify.contains("bad.mp4"), "{verify}");
    let rescued = env.path("rescued.clipvault");
    env.cmd()
        .arg("salvage")
        .arg("--to")
        .arg(&rescued)
        .assert()
        .code(4)
        .stdout(contains("lost:").and(contains("bad.mp4")));
    assert_eq!(fs::read(&env.vault).unwrap(), raw, "the damaged vault was changed");
    let saved = env.at(&rescued).args(["list", "--json"]).assert().success().get_output().stdout.clone();
    let saved: Vec<serde_json::Value> = serde_json::from_slice(&saved).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["name"], "good.jpg");
    assert_eq!(env.at(&rescued).args(["cat", "good.jpg"]).assert().success().get_output().stdout, b"good photo");
    env.cmd().arg("salvage").arg("--to").arg(&rescued).assert().code(1).stderr(contains("already exists"));
}

/// Help that works on a phone's screen: `clipvault evidence` alone shows its subcommands (it
/// printed an error), a command's examples come before its options (eight global options
/// pushed them off the screen), and every page the manual lists as `clipvault-NAME(1)` exists
/// (`clipvault man init` was refused).
#[test]
fn help_shows_subcommands_examples_first_and_every_listed_man_page() {
    let env = Env::new();
    for group in ["evidence", "key"] {
        let out = env.bare().arg(group).assert().code(2).get_output().clone();
        let said = String::from_utf8(out.stdout.iter().chain(&out.stderr).copied().collect()).unwrap();
        assert!(said.contains("Commands:") && (said.contains("export") || said.contains("remove")), "{said}");
    }
    let help =
        String::from_utf8(env.bare().args(["add", "--help"]).assert().success().get_output().stdout.clone()).unwrap();
    let examples = help.find("Examples:").expect("examples");
    assert!(examples < help.find("Global options:").unwrap() && examples < help.find("Options:").unwrap(), "{help}");
    assert!(help.lines().take(12).any(|l| l.contains("clipvault add --move")), "{help}");
    let main = String::from_utf8(env.bare().arg("man").assert().success().get_output().stdout.clone()).unwrap();
    let listed: Vec<String> =
        main.lines().filter_map(|l| l.strip_prefix("clipvault\\-")?.strip_suffix("(1)").map(str::to_string)).collect();
    assert!(listed.len() > 10, "{listed:?}");
    for name in &listed {
        let page = env.bare().args(["man", name]).assert().success().get_output().stdout.clone();
        assert!(String::from_utf8(page).unwrap().contains(&format!(".TH clipvault-{name} 1")), "{name}");
    }
    env.bare().args(["man", "nope"]).assert().code(2).stderr(predicates::str::contains("no command \"nope\""));
}

/// A viewer that is not there: one line that says what to install (a missing `feh` printed
/// the shell's `sh: 1: feh: not found` and a second line; no viewer for audio gave no hint).
#[test]
fn a_missing_viewer_says_what_to_install() {
    let env = Env::new();
    env.cmd().args(["add", "-", "--name", "voice.ogg"]).write_stdin("OggS\0\x02 not really audio").assert().success();
    let out =
        env.cmd().args(["view", "voice.ogg", "--with", "no-such-viewer-here {}"]).assert().code(1).get_output().clone();
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("no-such-viewer-here is not installed") && !said.contains("not found"), "{said}");
    let empty = env.path("empty-path");
    fs::create_dir_all(&empty).unwrap();
    let out = env.cmd().env("PATH", &empty).args(["view", "voice.ogg"]).assert().code(1).get_output().clone();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("no viewer found for audio/ogg: install mpv"), "{said}");
}
