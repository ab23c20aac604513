//! Compartments (a decoy passphrase): each passphrase shows only its own items, writes in one
//! never touch another (crash at every write included), and a vault with two compartments is
//! structurally the same as a vault with one.

use clipvault::storage::{Fault, MemStorage};
use clipvault::{AddOptions, Passphrase, Vault, VaultError, VaultWriter};

use crate::common::*;

fn decoy() -> Passphrase {
    Passphrase::new("sunflower teapot marathon velvet")
}

fn open_as(storage: &MemStorage, pass: &Passphrase) -> Result<Vault, VaultError> {
    Vault::open_in(Box::new(storage.clone()), pass)
}

fn open_writer_as(storage: &MemStorage, pass: &Passphrase) -> Result<VaultWriter, VaultError> {
    VaultWriter::open_in(Box::new(storage.clone()), pass)
}

/// A vault with three real items and a decoy compartment holding two.
fn two_compartments() -> MemStorage {
    let storage = vault_with_items(3);
    let mut real = reopen_writer(&storage).unwrap();
    real.add_compartment(&decoy(), &[], "").unwrap();
    drop(real);
    let mut d = open_writer_as(&storage, &decoy()).unwrap();
    for k in 0..2u8 {
        d.add(&mut &content(CHUNK / 2 + k as usize, 100 + k)[..], &[b'd', k], &AddOptions::default()).unwrap();
    }
    storage
}

#[test]
fn each_passphrase_shows_only_its_compartment() {
    let storage = two_compartments();
    let mut real = reopen(&storage).unwrap();
    let mut fake = open_as(&storage, &decoy()).unwrap();
    let names = |v: &Vault| v.items().map(|i| i.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&real), [vec![b'i', 0], vec![b'i', 1], vec![b'i', 2]]);
    assert_eq!(names(&fake), [vec![b'd', 0], vec![b'd', 1]]);
    assert!(real.verify(|_| {}).unwrap().is_empty());
    assert!(fake.verify(|_| {}).unwrap().is_empty());
    // Each compartment's own `info` adds up without the other: its items, and the rest of
    // the file as space it does not use.
    for vault in [&real, &fake] {
        let info = vault.info().unwrap();
        assert_eq!(info.items, vault.items().count());
        assert_eq!(info.content_bytes, vault.items().map(|i| i.size).sum::<u64>());
        assert_eq!(info.file_bytes, storage.current().len() as u64);
        assert!(info.reclaimable_bytes < info.file_bytes);
        assert_eq!(info.slots_used, 1);
    }
    // A wrong passphrase opens neither; a passphrase in use cannot make another compartment.
    assert!(matches!(open_as(&storage, &Passphrase::new("nope")), Err(VaultError::WrongPassphrase)));
    let mut again = reopen_writer(&storage).unwrap();
    assert!(matches!(again.add_compartment(&decoy(), &[], ""), Err(VaultError::Refused(_))));
    assert!(matches!(again.add_compartment(&pass(), &[], ""), Err(VaultError::Refused(_))));
}

#[test]
fn writes_in_one_compartment_never_touch_the_other() {
    let storage = two_compartments();
    let real_before = snapshot(&reopen(&storage).unwrap());
    let decoy_before = snapshot(&open_as(&storage, &decoy()).unwrap());
    {
        let mut d = open_writer_as(&storage, &decoy()).unwrap();
        let first = d.items().next().unwrap().id;
        d.remove(&[first]).unwrap();
        let next = d.items().next().unwrap().id;
        d.rename(next, b"holiday.jpg").unwrap();
        d.add(&mut &content(3 * CHUNK, 9)[..], b"beach.jpg", &AddOptions::default()).unwrap();
        d.add_passphrase(&Passphrase::new("second decoy key words"), "").unwrap();
    }
    let mut real = reopen(&storage).unwrap();
    assert_eq!(snapshot(&real), real_before);
    assert!(real.verify(|_| {}).unwrap().is_empty());
    drop(real);
    {
        let mut r = reopen_writer(&storage).unwrap();
        r.add(&mut &content(CHUNK, 1)[..], b"real-new", &AddOptions::default()).unwrap();
        let first = r.items().next().unwrap().id;
        r.remove(&[first]).unwrap();
    }
    let mut fake = open_as(&storage, &decoy()).unwrap();
    assert_eq!(fake.items().count(), 2);
    assert_ne!(snapshot(&fake), decoy_before);
    assert!(fake.verify(|_| {}).unwrap().is_empty());
    assert!(open_as(&storage, &Passphrase::new("second decoy key words")).unwrap().items().count() == 2);
}

#[test]
fn a_crash_at_every_write_of_the_decoy_leaves_the_real_compartment_whole() {
    let real_before = snapshot(&reopen(&two_compartments()).unwrap());
    let op = |v: &mut VaultWriter| {
        v.add(&mut &content(2 * CHUNK, 7)[..], b"new", &AddOptions::default())?;
        let id = v.items().next().unwrap().id;
        v.remove(&[id])
    };
    let total = {
        let storage = two_compartments();
        let mut d = open_writer_as(&storage, &decoy()).unwrap();
        let start = storage.ops();
        op(&mut d).unwrap();
        storage.ops() - start
    };
    for n in 0..total {
        let storage = two_compartments();
        let mut d = open_writer_as(&storage, &decoy()).unwrap();
        storage.fault_at(n, Fault::Crash);
        let _ = op(&mut d);
        drop(d);
        for bytes in [storage.current(), storage.durable()] {
            let crashed = image(bytes);
            let real = reopen(&crashed).unwrap_or_else(|e| panic!("crash at {n}: {e}"));
            assert_eq!(snapshot(&real), real_before, "crash at {n}");
            let fake = open_as(&crashed, &decoy()).unwrap_or_else(|e| panic!("crash at {n}: {e}"));
            assert!(fake.items().count() >= 1, "crash at {n}");
        }
    }
}

/// The structure of a vault with one compartment and of one with two, side by side: the
/// same superblock layout, all eight slots and areas random-looking in both, whole 4 KiB
/// units and no run of zeros, the same reads for a wrong passphrase; and where a sole
/// compartment lives varies from vault to vault as a decoy's does.
#[test]
fn one_compartment_and_two_look_alike() {
    let one = vault_with_items(3).current();
    let two = two_compartments().current();
    for bytes in [&one, &two] {
        assert_eq!(bytes.len() % 4096, 0);
        assert_eq!(&bytes[8..10], &clipvault::format::VERSION.to_le_bytes());
        assert!(bytes[10..16].iter().all(|&b| b == 0) && bytes[2344..4064].iter().all(|&b| b == 0));
        // Each slot and each area is high-entropy (no field, no zero run, no shared bytes).
        for (start, len, count) in [(72, 128, 8), (1096, 156, 8)] {
            for k in 0..count {
                let field = &bytes[start + k * len..start + (k + 1) * len];
                let distinct: std::collections::HashSet<u8> = field.iter().copied().collect();
                assert!(distinct.len() > len / 2, "field at {} looks structured", start + k * len);
            }
        }
        assert!(!bytes[8192..].chunks(4096).any(|unit| unit.iter().all(|&b| b == 0)), "a zero unit");
    }
    let reads = |bytes: &[u8]| {
        let storage = MemStorage::from_bytes(bytes.to_vec());
        let start = storage.ops();
        assert!(matches!(open_as(&storage, &Passphrase::new("wrong guess")), Err(VaultError::WrongPassphrase)));
        storage.ops() - start
    };
    assert_eq!(reads(&one), reads(&two), "a wrong passphrase costs the same");
    // A sole compartment's area and slot are not fixed: they follow from its key.
    let mut areas = std::collections::HashSet::new();
    for _ in 0..24 {
        let storage = vault_with_items(0);
        let v = reopen(&storage).unwrap();
        areas.insert(v.session_key().parts().1);
    }
    assert!(areas.len() >= 4, "the first compartment's slot is always one of {areas:?}");
}

#[test]
fn the_binary_makes_a_decoy_and_asks_before_compact() {
    let env = crate::fixture::CliEnv::new();
    env.add(&env.write("real.jpg", b"the real thing"));
    let decoy_pass = env.write("decoy-pass", b"sunflower teapot marathon velvet\n");
    env.cmd()
        .args(["key", "add", "--compartment", "--new-passphrase-file"])
        .arg(&decoy_pass)
        .assert()
        .success()
        .stderr(predicates::str::contains("Created a compartment"));
    let as_decoy = || {
        let mut c = env.bare();
        c.arg("--vault").arg(&env.vault).arg("--passphrase-file").arg(&decoy_pass);
        c
    };
    as_decoy().args(["add", "-", "--name", "cat.jpg"]).write_stdin("a cat").assert().success();
    let list = |mut c: assert_cmd::Command| {
        String::from_utf8(c.args(["list", "--json"]).assert().success().get_output().stdout.clone()).unwrap()
    };
    let decoy_list = list(as_decoy());
    assert!(decoy_list.contains("cat.jpg") && !decoy_list.contains("real.jpg"), "{decoy_list}");
    let real_list = list(env.cmd());
    assert!(real_list.contains("real.jpg") && !real_list.contains("cat.jpg"), "{real_list}");
    // `compact` asks everyone, with the same words; without a terminal it needs --yes.
    let out = as_decoy().arg("compact").assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8(out).unwrap().contains("--yes"));
    env.cmd().arg("compact").assert().code(2);
    assert!(list(env.cmd()).contains("real.jpg"));
    // After a compact (or key rotate) in one compartment, the other's passphrase gets exactly
    // what a wrong passphrase gets, not "damaged" (its slot would open, its area not).
    let wrong = env.write("wrong-pass", b"not any passphrase of this vault\n");
    let answer = |pass: &std::path::Path| {
        let mut c = env.bare();
        c.arg("--vault").arg(&env.vault).arg("--passphrase-file").arg(pass).arg("list");
        let out = c.assert().get_output().clone();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let wrong_answer = answer(&wrong);
    assert_eq!(wrong_answer.0, Some(3));
    for command in [&["compact", "--yes"][..], &["key", "rotate", "--yes"]] {
        as_decoy().args(command).assert().success();
        assert_eq!(answer(&env.pass), wrong_answer, "the real passphrase after {command:?} in the decoy");
        assert!(list(as_decoy()).contains("cat.jpg"));
    }
}

#[test]
fn init_reserve_fills_random_space_that_info_shows_as_other_space() {
    let env = crate::fixture::CliEnv::empty();
    env.cmd().args(["init", "--reserve", "1M"]).args(crate::fixture::TINY_KDF).assert().success();
    let bytes = std::fs::read(&env.vault).unwrap();
    assert!(bytes.len() >= (1 << 20) + 8192 + 8192, "{}", bytes.len());
    assert!(!bytes[8192..].chunks(4096).any(|unit| unit.iter().all(|&b| b == 0)));
    let info = String::from_utf8(env.cmd().arg("info").assert().success().get_output().stdout.clone()).unwrap();
    let other = info.lines().find(|l| l.starts_with("other space:")).unwrap();
    // The reserve, plus the random run of up to 31 units a new vault starts with.
    assert!(["1.0 MB", "1.1 MB", "1.2 MB"].iter().any(|size| other.contains(size)), "{info}");
    env.cmd().args(["init", "--reserve", "lots"]).assert().code(2);
}

/// `key add` (or `passwd`) inside one compartment accepted another compartment's passphrase:
/// it then opened this one, and the other became unreachable (a coercer could lock it out for
/// good). A passphrase that opens any slot is refused, whoever holds it.
#[test]
fn a_passphrase_that_opens_any_slot_is_refused_as_a_new_key() {
    let storage = two_compartments();
    let mut real = reopen_writer(&storage).unwrap();
    assert!(matches!(real.add_passphrase(&decoy(), ""), Err(VaultError::Refused(_))));
    assert!(matches!(real.change_passphrase(&decoy()), Err(VaultError::Refused(_))));
    assert!(matches!(real.add_passphrase(&pass(), ""), Err(VaultError::Refused(_))), "its own passphrase again");
    // Changing a passphrase to itself stays allowed: the slot replaced is not "another".
    real.change_passphrase(&pass()).unwrap();
    drop(real);
    let decoy_view = open_as(&storage, &decoy()).unwrap();
    assert_eq!(decoy_view.items().count(), 2, "the decoy is still reached by its passphrase");
}
