//! `add --thumbnails later` (issue #30): the add returns once the items are stored, and a
//! background process makes their thumbnails, beside other writers, resumable after any
//! kill, and ended by `lock`; and the short grace every writer now gives the lock.

use crate::fixture::{CliEnv, ffmpeg, heavy, require};
use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;
use std::time::{Duration, Instant};

/// `count` photos of 12 megapixels (different hues) in `folder`: each takes a visible
/// moment to decode.
fn photos(env: &CliEnv, folder: &str, count: usize) -> std::path::PathBuf {
    let dir = env.path(folder);
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..count {
        let filter = format!("hue=h={}", n * 15);
        let args =
            ["-f", "lavfi", "-i", "testsrc2=size=4000x3000:rate=1", "-vf", &filter, "-frames:v", "1", "-q:v", "3"];
        ffmpeg(&args, &dir.join(format!("IMG_{n}.jpg")));
    }
    dir
}

/// The background thumbnail processes working on `vault`, by pid.
fn workers(vault: &Path) -> Vec<i32> {
    let vault = std::path::absolute(vault).unwrap();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else { continue };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        if args.contains(&&b"--background"[..]) && args.contains(&vault.as_os_str().as_encoded_bytes()) {
            found.push(pid);
        }
    }
    found
}

/// Waits for the background process of `vault` to appear; its pid.
fn worker_started(vault: &Path) -> i32 {
    let started = Instant::now();
    loop {
        if let Some(pid) = workers(vault).first() {
            return *pid;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no background process started");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits for every background process of `vault` to end (killing them after `limit`, so no
/// test leaves one behind); whether they ended by themselves.
fn workers_ended(vault: &Path, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if workers(vault).is_empty() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    for pid in workers(vault) {
        signal(pid, libc::SIGKILL);
    }
    false
}

/// Kills what is left of `vault`'s background processes when a test ends, failed or not (a
/// stopped one would otherwise stay).
struct EndWorkers<'a>(&'a Path);

impl Drop for EndWorkers<'_> {
    fn drop(&mut self) {
        for pid in workers(self.0) {
            signal(pid, libc::SIGKILL);
        }
    }
}

/// Sends `signal` to `pid`; whether it was there to get it.
fn signal(pid: i32, signal: i32) -> bool {
    // SAFETY: kill with a pid and a signal number touches no memory.
    unsafe { libc::kill(pid, signal) == 0 }
}

fn thumbnails(env: &CliEnv) -> (usize, usize) {
    let items = env.list_json();
    (items.iter().filter(|i| i["thumbnail"] == true).count(), items.len())
}

#[test]
fn add_returns_before_the_thumbnails_and_a_background_process_makes_them() {
    require!("ffmpeg");
    let _load = heavy();
    let env = CliEnv::new();
    let _end = EndWorkers(&env.vault);
    let folder = photos(&env, "camera", 8);
    env.cmd()
        .args(["add", "--thumbnails", "later"])
        .arg(&folder)
        .assert()
        .success()
        .stderr(contains("in the background"));
    assert!(workers_ended(&env.vault, Duration::from_secs(120)), "the background process did not end");
    assert_eq!(thumbnails(&env), (8, 8));
    for item in env.list_json() {
        // What the thumbnail learnt of the photo is stored with it, as at add.
        assert_eq!((item["width"].as_u64(), item["height"].as_u64()), (Some(4000), Some(3000)), "{item}");
        let jpeg =
            env.cmd().args(["thumb", item["id"].as_str().unwrap()]).assert().success().get_output().stdout.clone();
        assert_eq!(image::load_from_memory(&jpeg).unwrap().width(), 320);
    }
    env.cmd().arg("verify").assert().success();
    // `--no-thumbnails` and `--thumbnails` say opposite things.
    env.cmd().args(["add", "--no-thumbnails", "--thumbnails", "later"]).arg(&folder).assert().code(2);
}

#[test]
fn writers_beside_the_background_process_go_through() {
    require!("ffmpeg");
    let _load = heavy();
    let env = CliEnv::new();
    let _end = EndWorkers(&env.vault);
    let folder = photos(&env, "camera", 16);
    env.cmd().args(["add", "--thumbnails", "later"]).arg(&folder).assert().success();
    worker_started(&env.vault);
    let (mut beside, mut added) = (0, 0);
    for n in 0..40 {
        let alive = !workers(&env.vault).is_empty();
        let note = env.write(&format!("note-{n}.txt"), format!("note {n}").as_bytes());
        // Each add waits out the background process's commits instead of saying "busy".
        env.cmd().arg("add").arg(&note).assert().success();
        added += 1;
        beside += usize::from(alive && !workers(&env.vault).is_empty());
        if !alive {
            break;
        }
    }
    assert!(beside > 0, "no add ran while the background process did (nothing was tested)");
    assert!(workers_ended(&env.vault, Duration::from_secs(120)));
    let items = env.list_json();
    assert_eq!(items.iter().filter(|i| i["thumbnail"] == true).count(), 16);
    assert_eq!(items.iter().filter(|i| i["name"].as_str().unwrap().starts_with("note-")).count(), added);
    env.cmd().arg("verify").assert().success();
}

#[test]
fn lock_ends_the_background_process_and_a_killed_one_loses_nothing() {
    require!("ffmpeg");
    let _load = heavy();
    let env = CliEnv::new();
    let _end = EndWorkers(&env.vault);
    let folder = photos(&env, "camera", 12);
    env.cmd().args(["add", "--thumbnails", "later"]).arg(&folder).assert().success();
    // Stopped, so it is surely still there when `lock` looks; it ends when continued.
    let pid = worker_started(&env.vault);
    assert!(signal(pid, libc::SIGSTOP));
    // `lock` of another vault, or of one that does not exist, leaves it alone.
    let other = CliEnv::new();
    env.at(&other.vault).arg("lock").assert().success().stderr(contains("background").not());
    env.at(env.path("gone.clipvault")).arg("lock").assert().code(1).stderr(contains("background").not());
    assert_eq!(workers(&env.vault), [pid]);
    env.cmd().arg("lock").assert().success().stderr(contains("ended the background process making thumbnails"));
    assert!(signal(pid, libc::SIGCONT));
    assert!(workers_ended(&env.vault, Duration::from_secs(5)), "lock did not end the background process");
    env.cmd().arg("verify").assert().success();

    // A kill -9 at some moment of its work: what it committed stays, the rest is made by the
    // next run, and the vault verifies.
    for (n, after) in [50u64, 400, 900].into_iter().enumerate() {
        env.cmd().args(["thumbnails", "--all"]).assert().success();
        let extra = photos(&env, &format!("more-{n}"), 4);
        env.cmd().args(["add", "--thumbnails", "later"]).arg(&extra).assert().success();
        let pid = worker_started(&env.vault);
        std::thread::sleep(Duration::from_millis(after));
        // (It may have finished already: then there was nothing to kill.)
        signal(pid, libc::SIGKILL);
        assert!(workers_ended(&env.vault, Duration::from_secs(5)));
        env.cmd().arg("verify").assert().success();
    }
    env.cmd().args(["thumbnails", "--all"]).assert().success();
    assert_eq!(thumbnails(&env), (24, 24));
    env.cmd().arg("verify").assert().success();
}

/// A writer that holds the lock for a moment (a commit) does not make the next one fail:
/// every writer waits up to two seconds before saying "busy".
#[test]
fn a_writer_waits_out_a_short_hold_of_the_lock() {
    let env = CliEnv::new();
    let held = std::fs::OpenOptions::new().read(true).write(true).open(&env.vault).unwrap();
    held.lock().unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        held.unlock().unwrap();
    });
    let file = env.write("a.txt", b"a");
    env.cmd().arg("add").arg(&file).assert().success();
    releaser.join().unwrap();
    // Held longer: "busy", and how to wait only to one who did not ask for a wait already
    // (a --wait-timeout of two seconds is not the default grace).
    let held = std::fs::OpenOptions::new().read(true).write(true).open(&env.vault).unwrap();
    held.lock().unwrap();
    let other = env.write("b.txt", b"b");
    env.cmd().arg("add").arg(&other).assert().code(6).stderr(contains("clipvault --wait"));
    let said = env.cmd().args(["--wait-timeout", "2", "add"]).arg(&other).assert().code(6).get_output().stderr.clone();
    assert!(!String::from_utf8_lossy(&said).contains("clipvault --wait"), "{}", String::from_utf8_lossy(&said));
}

/// `panic` ends the background process too, even one stopped before it opened the vault
/// (it holds the key from the moment it starts).
#[test]
fn panic_ends_the_background_process() {
    require!("ffmpeg");
    let env = CliEnv::new();
    let _end = EndWorkers(&env.vault);
    let folder = photos(&env, "camera", 4);
    env.cmd().args(["add", "--thumbnails", "later"]).arg(&folder).assert().success();
    let pid = worker_started(&env.vault);
    assert!(signal(pid, libc::SIGSTOP));
    env.no_pass().args(["panic", "--yes"]).assert().success().stderr(contains("ended 1 other clipvault process"));
    assert!(workers_ended(&env.vault, Duration::from_secs(2)), "panic left the background process");
}
