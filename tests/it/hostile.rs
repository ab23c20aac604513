//! Findings of a hostile-file and crash run, each reproduced through the real binary: old
//! copies that compact and rotate left readable, leftovers of killed writers, a vault behind
//! a symbolic link, names that break the table or fool the eye, passphrase files cut short,
//! a symlink given to `add --move`, damage `verify` did not report, and readers that failed
//! while another process replaced the vault.

use clipvault::{OpenOptions, Passphrase, Vault};
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::os::unix::fs::MetadataExt;

use crate::fixture::{CliEnv, PASS};

/// A vault with two items, `one.jpg` and `two.jpg`.
struct Env;

impl Env {
    #[allow(clippy::new_ret_no_self)]
    fn new() -> CliEnv {
        let env = CliEnv::new();
        for name in ["one.jpg", "two.jpg"] {
            let path = env.path(name);
            fs::write(&path, name.repeat(5000)).unwrap();
            env.cmd().arg("add").arg(&path).assert().success();
        }
        env
    }
}

/// `compact` replaced the vault but left the old file, with every index copy and the keys of
/// items shredded since, readable to anyone who still had it (here: a hard link, on a raw
/// disk: its freed blocks).
#[test]
fn compact_and_rotate_leave_no_readable_old_file() {
    for command in [&["compact", "--yes"][..], &["key", "rotate", "--yes"][..]] {
        let env = Env::new();
        env.cmd().args(["shred", "--yes", "one.jpg"]).assert().success();
        let old = env.path("old-inode");
        fs::hard_link(&env.vault, &old).unwrap();
        assert_eq!(env.names_at(&old).unwrap(), ["two.jpg"]);
        env.cmd().args(command).assert().success();
        assert_eq!(env.names_at(&env.vault).unwrap(), ["two.jpg"], "{command:?}");
        assert_eq!(env.names_at(&old), None, "{command:?}: the replaced file still opens");
        let damaged = Vault::open(&old, &Passphrase::new(PASS), OpenOptions::default());
        assert!(damaged.is_err(), "{command:?}");
    }
}

/// A kill at the end of compact or rotate left a complete vault under a hidden name; the
/// next writer scrubs it (its keys first) and removes it, and says so.
#[test]
fn leftovers_of_killed_writers_are_scrubbed_and_removed_by_the_next_writer() {
    let env = Env::new();
    let leftover = env.path(".clipvault-compact-KILLED");
    fs::copy(&env.vault, &leftover).unwrap();
    let keep = env.path("same-inode-as-leftover");
    fs::hard_link(&leftover, &keep).unwrap();
    assert!(env.names_at(&keep).is_some(), "the leftover is a complete vault");
    // A reader changes nothing.
    env.cmd().arg("list").assert().success();
    assert_eq!(env.leftovers().len(), 1);
    let extra = env.path("extra.txt");
    fs::write(&extra, b"extra").unwrap();
    env.cmd()
        .arg("add")
        .arg(&extra)
        .assert()
        .success()
        .stderr(contains("removed").and(contains(".clipvault-compact-KILLED")));
    assert!(env.leftovers().is_empty());
    assert_eq!(env.names_at(&keep), None, "the leftover was removed without scrubbing it");
    assert_eq!(env.names_at(&env.vault).unwrap().len(), 3);
}

/// A leftover that another process holds locked is in use (a compact in progress) and is
/// left alone.
#[test]
fn a_locked_leftover_is_left_alone() {
    let env = Env::new();
    let busy = env.path(".clipvault-rotate-BUSY");
    fs::copy(&env.vault, &busy).unwrap();
    let file = fs::File::open(&busy).unwrap();
    file.lock().unwrap();
    let extra = env.path("extra.txt");
    fs::write(&extra, b"extra").unwrap();
    env.cmd().arg("add").arg(&extra).assert().success();
    assert_eq!(env.leftovers(), [".clipvault-rotate-BUSY"]);
    drop(file);
    assert!(env.names_at(&busy).is_some());
}

/// compact and rotate through a symbolic link renamed over the LINK, leaving the link's old
/// target as a complete stale vault. Now the target is replaced and the link kept.
#[test]
fn a_vault_behind_a_symlink_is_replaced_where_the_link_points() {
    for command in [&["compact", "--yes"][..], &["key", "rotate", "--yes"][..]] {
        let env = Env::new();
        let link = env.path("link.clipvault");
        std::os::unix::fs::symlink(&env.vault, &link).unwrap();
        let old = env.path("old-inode");
        fs::hard_link(&env.vault, &old).unwrap();
        let before = fs::metadata(&env.vault).unwrap().ino();
        env.at(&link).args(command).assert().success();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "{command:?}: the link is gone");
        assert_ne!(fs::metadata(&env.vault).unwrap().ino(), before, "{command:?}: the target was not replaced");
        assert_eq!(env.names_at(&link).unwrap().len(), 2);
        assert_eq!(env.names_at(&old), None, "{command:?}: the old target still opens");
        assert!(env.leftovers().is_empty());
    }
}

/// `list` panicked (exit 101) on a name of 65,536+ characters; names are capped at add and
/// the table never formats with an unbounded width.
#[test]
fn long_names_are_refused_at_add_and_cut_in_the_table() {
    let env = Env::new();
    let too_long = "a".repeat(70_000);
    env.cmd().args(["add", "-", "--name", &too_long]).write_stdin("x").assert().code(1).stderr(contains("4096 bytes"));
    let longest = "é".repeat(2048); // 4096 bytes
    env.cmd().args(["add", "-", "--name", &longest]).write_stdin("x").assert().success();
    let out = env.cmd().arg("list").assert().success().get_output().stdout.clone();
    let table = String::from_utf8(out).unwrap();
    let row = table.lines().find(|l| l.contains('é')).unwrap();
    assert!(row.contains('…') && row.chars().count() < 200, "{row}");
    assert!(env.names_at(&env.vault).unwrap().contains(&longest), "--json keeps the whole name");
}

/// `photo_<RLO>gpj.exe` showed as `photo_exe.jpg`: bidi controls are escaped in every
/// output and in exported file names.
#[test]
fn bidi_controls_are_escaped_in_output_and_file_names() {
    let env = Env::new();
    let name = "photo_\u{202E}gpj.exe";
    env.cmd().args(["add", "-", "--name", name]).write_stdin("MZ").assert().success();
    let table = env.cmd().arg("list").assert().success().get_output().stdout.clone();
    assert!(!String::from_utf8(table).unwrap().contains('\u{202E}'));
    let out = env.path("out");
    env.cmd().args(["export", name, "--to"]).arg(&out).assert().success();
    let exported: Vec<String> =
        fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(exported.len(), 1);
    assert!(!exported[0].contains('\u{202E}'), "{exported:?}");
    // Paths printed by add --move are escaped too.
    let odd = env.path("clip\u{202E}4pm.txt");
    fs::write(&odd, b"odd").unwrap();
    let stderr = env.cmd().args(["add", "--move"]).arg(&odd).assert().success().get_output().stderr.clone();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(stderr.contains("wiped") && !stderr.contains('\u{202E}'), "{stderr}");
}

/// Passphrase files were cut at 64 KiB without a word, so another passphrase sharing the
/// first 64 KiB opened the vault.
#[test]
fn a_passphrase_line_longer_than_64_kib_is_refused() {
    let env = Env::new();
    let long = env.path("long-pass");
    fs::write(&long, "x".repeat(64 * 1024 + 1)).unwrap();
    env.cmd_as(&long).arg("list").assert().code(1).stderr(contains("longer than 64 KiB"));
}

/// `add --move` of a symlink exited 0 and left the plaintext target in place.
#[test]
fn add_move_of_a_symlink_fails_and_names_the_target_left_in_place() {
    let env = Env::new();
    let target = env.path("real.jpg");
    fs::write(&target, b"private").unwrap();
    let link = env.path("link.jpg");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    env.cmd().args(["add", "--move"]).arg(&link).assert().code(1).stderr(contains("symbolic link"));
    assert_eq!(fs::read(&target).unwrap(), b"private");
}

/// `wipe` checked a path and then opened it: swapping in a link between the two could make
/// it overwrite another file. It opens once, without following links.
#[test]
fn wipe_never_follows_a_link_to_overwrite_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious");
    fs::write(&target, b"precious").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert_eq!(clipvault::wipe::wipe_file(&link).unwrap(), clipvault::wipe::Wiped::Link);
    assert_eq!(fs::read(&target).unwrap(), b"precious");
}

/// `verify` said "all intact" (exit 0) on a truncated vault and never read mirror copies.
#[test]
fn verify_reports_truncation_and_damaged_copies_with_exit_4() {
    let env = Env::new();
    let segments = Vault::open(&env.vault, &Passphrase::new(PASS), OpenOptions::default()).unwrap().index_segments();
    let (copies, _) = segments.last().unwrap();
    let mut bytes = fs::read(&env.vault).unwrap();
    // Damage the second (mirror) copy of the newest segment: everything still reads.
    bytes[(copies[1].offset + 40) as usize] ^= 1;
    fs::write(&env.vault, &bytes).unwrap();
    assert_eq!(env.names_at(&env.vault).unwrap().len(), 2);
    env.cmd().arg("verify").assert().code(4).stdout(contains("index copy 2 of 2"));

    let env = Env::new();
    let len = fs::metadata(&env.vault).unwrap().len();
    fs::OpenOptions::new().write(true).open(&env.vault).unwrap().set_len(len - 10).unwrap();
    env.cmd().arg("verify").assert().code(4);

    let env = Env::new();
    let mut bytes = fs::read(&env.vault).unwrap();
    bytes[100] ^= 1; // the first header copy
    fs::write(&env.vault, &bytes).unwrap();
    env.cmd().arg("verify").assert().code(4).stdout(contains("header copy 1 of 2"));
    env.cmd().arg("verify").assert().code(4);
    // A writer heals it.
    let extra = env.path("extra.txt");
    fs::write(&extra, b"extra").unwrap();
    env.cmd().arg("add").arg(&extra).assert().success();
    env.cmd().arg("verify").assert().success();
}

/// A `list` that started while another process ran compact or rotate failed with "not a
/// clipvault vault" or false damage. Readers now see the old or the new state.
#[test]
fn readers_see_the_old_or_new_state_while_the_vault_is_replaced() {
    let env = Env::new();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        let mut list = env.process();
        list.args(["list", "--json"]);
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            let mut runs = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let out = list.output().unwrap();
                runs += 1;
                if !out.status.success() {
                    failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
            (runs, failures)
        })
    };
    for round in 0..12 {
        let command: &[&str] = if round % 2 == 0 { &["compact", "--yes"] } else { &["key", "rotate", "--yes"] };
        env.cmd().args(command).assert().success();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (runs, failures) = reader.join().unwrap();
    assert!(runs > 0);
    assert!(failures.is_empty(), "{} of {runs} lists failed: {:?}", failures.len(), failures.first());
}

/// A vault file whose superblocks ask for Argon2id at the format's caps (4 GiB, 64 passes;
/// checksum fixed up, nothing else needed) made `list` allocate 4 GiB and run for minutes.
/// It is refused before the KDF runs, in bounded time and memory, with a one-line error.
#[test]
fn a_vault_asking_for_a_ruinous_kdf_is_refused_before_it_runs() {
    use clipvault::format::{SUPERBLOCK_LEN, v2::Superblock};
    let env = Env::new();
    let mut bytes = fs::read(&env.vault).unwrap();
    for copy in 0..2 {
        let at = copy * SUPERBLOCK_LEN;
        let mut sb = Superblock::parse(bytes[at..at + SUPERBLOCK_LEN].try_into().unwrap()).unwrap();
        sb.kdf = clipvault::KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 64, parallelism: 4 };
        bytes[at..at + SUPERBLOCK_LEN].copy_from_slice(&sb.to_bytes()[..]);
    }
    fs::write(&env.vault, &bytes).unwrap();
    // No child comes near the 4 GiB the file asks for: each runs unable to hold more than
    // 512 MiB, so one that tried would fail to allocate, not exit 1 with its one line.
    let started = std::time::Instant::now();
    let out = within_512_mib(env.process().arg("list")).output().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("4096 MiB") && stderr.contains("--allow-costly-kdf"), "{stderr}");
    // `info` shows the cost before trying to pay it.
    let mut info = env.process();
    within_512_mib(info.arg("info"));
    assert_cmd::Command::from_std(info)
        .assert()
        .code(1)
        .stderr(contains("unlocking costs Argon2id with 4096 MiB, 64 passes").and(contains("--allow-costly-kdf")));
}

/// `command` unable to map more than 512 MiB. (This test read the largest child's peak from
/// `getrusage(RUSAGE_CHILDREN)`, which now covers every child of the one test process: ffmpeg,
/// chromium, another test's `strong` key derivation. A child's own peak, from `wait4`, starts
/// at this process's, which it was spawned from.)
fn within_512_mib(command: &mut std::process::Command) -> &mut std::process::Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs between fork and exec, and calls only setrlimit, which is
    // async-signal-safe, on a struct it owns.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 512 << 20, rlim_max: 512 << 20 };
            match libc::setrlimit(libc::RLIMIT_AS, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        })
    }
}

/// Cutting even one byte of padding off the end made every command, `salvage` included,
/// refuse with "vault file is truncated", though every structure had an intact copy. A vault
/// with a damaged tail opens for reading (list, cat, export, salvage); `verify` exits 4; a
/// writer refuses with a clear message and changes nothing.
#[test]
fn a_vault_with_a_damaged_tail_opens_for_reading_and_refuses_writers() {
    let env = Env::new();
    for cut in [1u64, 100, 4096] {
        let copy = env.path(&format!("cut-{cut}.clipvault"));
        let bytes = fs::read(&env.vault).unwrap();
        fs::write(&copy, &bytes[..bytes.len() - cut as usize]).unwrap();
        assert_eq!(env.names_at(&copy).unwrap().len(), 2, "list after cutting {cut} bytes");
        env.at(&copy).args(["cat", "one.jpg"]).assert().success().stdout("one.jpg".repeat(5000));
        let out = env.path(&format!("out-{cut}"));
        env.at(&copy).args(["export", "--all", "--to"]).arg(&out).assert().success();
        assert_eq!(fs::read_dir(&out).unwrap().count(), 2);
        env.at(&copy).arg("verify").assert().code(4).stdout(contains("end of the vault file is missing"));
        let before = fs::read(&copy).unwrap();
        env.at(&copy)
            .args(["add", "-", "--name", "new"])
            .write_stdin("x")
            .assert()
            .code(4)
            .stderr(contains("truncated"));
        assert_eq!(fs::read(&copy).unwrap(), before, "a refused writer changed nothing");
        let saved = env.path(&format!("saved-{cut}.clipvault"));
        env.at(&copy).arg("salvage").arg("--to").arg(&saved).assert().success();
        assert_eq!(env.names_at(&saved).unwrap().len(), 2);
    }
}
