//! Adding many small items in batches (issue #30): a folder of 200 voice notes of 20 KB is
//! stored with a bounded number of syncs (it took 700, one commit per item) and grows the
//! vault by at most 1.3 times their size (it was 2.06); a crash at any write of a batch leaves
//! all of its items or none, and an item is reported only once its batch is committed.

use crate::common::*;
use crate::fixture::{CliEnv, require};
use clipvault::AddOptions;
use clipvault::storage::{Fault, MemStorage};

fn notes(env: &CliEnv, count: usize) -> std::path::PathBuf {
    use rand::{RngCore, SeedableRng};
    let mut rng = rand::rngs::StdRng::from_seed([9; 32]);
    for n in 0..count {
        let mut bytes = vec![0u8; 20_000];
        rng.fill_bytes(&mut bytes);
        env.write(&format!("notes/PTT-20261205-WA{n:04}.opus"), &bytes);
    }
    env.path("notes")
}

#[test]
fn a_folder_of_small_items_takes_few_syncs_and_little_more_space_than_its_content() {
    require!("strace");
    let env = CliEnv::new();
    let folder = notes(&env, 200);
    let before = std::fs::metadata(&env.vault).unwrap().len();
    let trace = env.path("trace");
    let mut strace = std::process::Command::new("strace");
    strace.args(["-f", "-qq", "-e", "trace=fsync,fdatasync,sync_file_range", "-o"]).arg(&trace);
    let mut command = env.program_on(&env.vault, Some(&env.pass));
    command.arg("add").arg(&folder);
    let out = strace
        .arg(command.get_program())
        .args(command.get_args())
        .envs(command.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("added ").count(), 200, "every item reported once: {said}");
    let syncs = std::fs::read_to_string(&trace).unwrap().lines().filter(|l| l.contains("sync")).count();
    assert!(syncs <= 40, "{syncs} syncs for 200 items in batches of 64");
    let grown = std::fs::metadata(&env.vault).unwrap().len() - before;
    let ratio = grown as f64 / (200.0 * 20_000.0);
    assert!(ratio <= 1.3, "the vault grew {ratio:.2} times the content");
    assert_eq!(env.names(&[]).len(), 200);
}

#[test]
fn a_crash_at_any_write_of_a_batch_leaves_all_of_it_or_none() {
    let (storage, mut vault) = new_vault();
    vault.add(&mut &b"before"[..], b"before.txt", &AddOptions::default()).unwrap();
    drop(vault);
    let batch = |vault: &mut clipvault::VaultWriter| {
        vault.begin_batch();
        for n in 0..20u8 {
            let content = vec![n; 3000 + usize::from(n)];
            vault.add(&mut &content[..], format!("note-{n}.opus").as_bytes(), &AddOptions::default())?;
        }
        assert_eq!(vault.batched().0, 20);
        // Not in the vault until committed.
        assert_eq!(vault.items().count(), 1);
        vault.commit_batch()
    };
    let total = {
        let copy = MemStorage::from_bytes(storage.current());
        let mut vault = reopen_writer(&copy).unwrap();
        let start = copy.ops();
        assert_eq!(batch(&mut vault).unwrap().len(), 20);
        copy.ops() - start
    };
    for n in 0..total {
        let copy = MemStorage::from_bytes(storage.current());
        let mut vault = reopen_writer(&copy).unwrap();
        copy.fault_at(copy.ops() + n, Fault::Crash);
        let committed = batch(&mut vault).is_ok();
        drop(vault);
        for bytes in [copy.current(), copy.durable()] {
            let vault = reopen(&image(bytes)).unwrap();
            let count = vault.items().count();
            assert!(count == 1 || count == 21, "crash at op {n}: {count} items");
            if committed {
                assert_eq!(count, 21, "crash at op {n}: a committed batch was lost");
            }
        }
    }
}
