//! Many clipvault processes on one vault at once: adders (some waiting for the lock, one
//! not), a shredder, `compact` and `key rotate`, and readers (`list`, `cat`, `verify`). The
//! promise checked: every command that exits 0 has its change in the vault, with its exact
//! bytes, whatever runs beside it; and a reader never reports damage that is not there.
//!
//! Bounded for CI (two phases of `CLIPVAULT_STRESS_SECONDS`, 4 s by default); the same run
//! for longer is `benches/stress.sh`.

use crate::fixture::{CliEnv, quiet};
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn seconds() -> f64 {
    std::env::var("CLIPVAULT_STRESS_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(4.0)
}

/// The command-line fixture's vault, run from many threads at once.
struct Run {
    env: CliEnv,
}

impl Run {
    fn cv(&self, args: &[&str], stdin: Option<&[u8]>, wait: bool) -> std::process::Output {
        let mut cmd = self.env.program_on(&self.env.vault, Some(&self.env.pass));
        if wait {
            cmd.arg("--wait-timeout=60");
        }
        cmd.args(args).stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(bytes) = stdin {
            // A reader that exits early (busy) closes the pipe: that is its answer, not ours.
            let _ = child.stdin.take().unwrap().write_all(bytes);
        }
        child.wait_with_output().unwrap()
    }

    /// Name -> SHA-256 (hex) of every item.
    fn listing(&self) -> BTreeMap<String, String> {
        let out = self.cv(&["list", "--json"], None, false);
        assert!(out.status.success(), "list: {}", String::from_utf8_lossy(&out.stderr));
        let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        items.iter().map(|i| (i["name"].as_str().unwrap().into(), i["sha256"].as_str().unwrap().into())).collect()
    }
}

#[derive(Default)]
struct Tally {
    added: BTreeMap<String, String>,
    shredded: BTreeSet<String>,
    counts: BTreeMap<String, usize>,
    reader_errors: Vec<String>,
}

impl Tally {
    fn count(&mut self, what: String) {
        *self.counts.entry(what).or_default() += 1;
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One phase: returns (lost adds, reader errors) after printing what ran.
fn phase(run: &Arc<Run>, label: &str, rewrites: bool, expected: &mut BTreeMap<String, String>, stable: &Arc<Vec<u8>>) {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    // The same seeds in both phases: phase 2 adds, under new names, the very bytes phase 1
    // added. Each such add must store its item as asked.
    for (tag, wait, seed) in [("w0", true, 10), ("w1", true, 11), ("w2", true, 12), ("nowait", false, 20)] {
        let (run, tally, stop, tag) = (run.clone(), tally.clone(), stop.clone(), format!("{label}{tag}"));
        threads.push(std::thread::spawn(move || {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let mut k = 0;
            while !stop.load(Ordering::Relaxed) {
                let mut data = vec![0u8; rng.gen_range(10_000..200_000)];
                rng.fill(&mut data[..]);
                let name = format!("{tag}-{k}");
                k += 1;
                let out = run.cv(&["add", "-", "--name", &name], Some(&data), wait);
                let mut t = tally.lock().unwrap();
                match out.status.code() {
                    Some(0) => {
                        t.added.insert(name, hex_sha256(&data));
                        t.count("add ok".into());
                    }
                    Some(6) if !wait => t.count("add busy".into()),
                    code => {
                        t.count(format!("add failed {code:?}"));
                        t.reader_errors.push(format!("add {name}: {}", String::from_utf8_lossy(&out.stderr)));
                    }
                }
            }
        }));
    }
    {
        let (run, tally, stop) = (run.clone(), tally.clone(), stop.clone());
        threads.push(std::thread::spawn(move || {
            let mut rng = rand::rngs::StdRng::seed_from_u64(30);
            while !stop.load(Ordering::Relaxed) {
                let left: Vec<String> = {
                    let t = tally.lock().unwrap();
                    t.added.keys().filter(|n| !t.shredded.contains(*n)).cloned().collect()
                };
                if left.is_empty() {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                let name = &left[rng.gen_range(0..left.len())];
                let out = run.cv(&["shred", "--yes", name], None, true);
                let mut t = tally.lock().unwrap();
                if out.status.success() {
                    t.shredded.insert(name.clone());
                    t.count("shred ok".into());
                } else {
                    t.count("shred failed".into());
                    t.reader_errors.push(format!("shred {name}: {}", String::from_utf8_lossy(&out.stderr)));
                }
            }
        }));
    }
    for seed in 0..3u64 {
        let (run, tally, stop, stable) = (run.clone(), tally.clone(), stop.clone(), stable.clone());
        threads.push(std::thread::spawn(move || {
            let mut rng = rand::rngs::StdRng::seed_from_u64(40 + seed);
            while !stop.load(Ordering::Relaxed) {
                let what = ["list", "cat", "verify"][rng.gen_range(0..3)];
                let out = if what == "cat" {
                    run.cv(&["cat", "stable.bin"], None, false)
                } else {
                    run.cv(&[what], None, false)
                };
                let ok = out.status.success() && (what != "cat" || out.stdout == **stable);
                let mut t = tally.lock().unwrap();
                t.count(format!("{what} {}", if ok { "ok" } else { "ERROR" }));
                if !ok {
                    t.reader_errors.push(format!("{what}: {}", String::from_utf8_lossy(&out.stderr).trim()));
                }
            }
        }));
    }
    if rewrites {
        for (args, every) in [(&["compact", "--yes"][..], 1.0), (&["key", "rotate", "--yes"][..], 1.5)] {
            let (run, tally, stop) = (run.clone(), tally.clone(), stop.clone());
            threads.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_secs_f64(every));
                    let out = run.cv(args, None, true);
                    let mut t = tally.lock().unwrap();
                    t.count(format!("{} {}", args[0], if out.status.success() { "ok" } else { "failed" }));
                    if !out.status.success() {
                        t.reader_errors.push(format!("{}: {}", args[0], String::from_utf8_lossy(&out.stderr)));
                    }
                }
            }));
        }
    }
    std::thread::sleep(Duration::from_secs_f64(seconds()));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let t = tally.lock().unwrap();
    expected.extend(t.added.clone());
    for name in &t.shredded {
        expected.remove(name);
    }
    let present = run.listing();
    let lost: Vec<&String> = expected.keys().filter(|n| present.get(*n) != expected.get(*n)).collect();
    eprintln!("{label}: {:?}", t.counts);
    assert!(t.counts.get("add ok").copied().unwrap_or(0) > 3, "{label}: the adders made progress");
    assert!(
        lost.is_empty(),
        "{label}: {} of {} items whose add exited 0 are missing or changed: {lost:?}",
        lost.len(),
        t.added.len()
    );
    assert!(t.reader_errors.is_empty(), "{label}: commands failed beside the writers: {:#?}", t.reader_errors);
    let verify = run.cv(&["verify"], None, false);
    assert!(verify.status.success(), "{label}: verify afterwards: {}", String::from_utf8_lossy(&verify.stderr));
}

#[test]
fn every_command_that_exits_0_has_its_change_in_the_vault_whatever_runs_beside_it() {
    // Heavy, and bounded in time: the adders must make progress in 4 s.
    let _quiet = quiet();
    let run = Arc::new(Run { env: CliEnv::empty() });
    let init = run.cv(&["init", "--kdf-memory", "8", "--kdf-iterations", "1", "--kdf-parallelism", "1"], None, false);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let mut stable = vec![0u8; 700_000];
    rand::rngs::StdRng::seed_from_u64(5).fill(&mut stable[..]);
    assert!(run.cv(&["add", "-", "--name", "stable.bin"], Some(&stable), false).status.success());
    let mut expected = BTreeMap::from([("stable.bin".to_string(), hex_sha256(&stable))]);
    let stable = Arc::new(stable);
    phase(&run, "p1", false, &mut expected, &stable);
    phase(&run, "p2", true, &mut expected, &stable);
    assert_no_leftovers(run.env.dir.path());
}

/// Nothing but the vault and the passphrase file (and the fixture's own `tmp` and `run`
/// folders) stays in the folder once every command ended.
fn assert_no_leftovers(dir: &Path) {
    let names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let extra: Vec<&String> =
        names.iter().filter(|n| !["v.clipvault", "pass", "tmp", "run"].contains(&n.as_str())).collect();
    assert!(extra.is_empty(), "left beside the vault: {extra:?}");
}
