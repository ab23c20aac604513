//! Several devices, one file each (FORMAT-v2.md §14.5): copies of one vault changed apart
//! (adds, renames, tags, shreds, evidence) converge to the same items in every order of
//! merging; a shred's payload is gone from every file that merged it; evidence leaves only by
//! a forced shred; a crash at every write of a merge loses nothing; a file of another vault or
//! a damaged one adds and removes nothing. And through the binary: `device add`, `merge` of a
//! folder's files, and the note about a sync tool's conflict copies.

use crate::common::*;
use crate::fixture::CliEnv;
use clipvault::storage::{Fault, MemStorage};
use clipvault::{AddOptions, Vault, VaultWriter};
use predicates::str::contains;
use std::collections::BTreeMap;

/// A device: a copy of `from`'s file made a device of its own.
fn new_device(from: &MemStorage) -> MemStorage {
    let storage = MemStorage::from_bytes(from.current());
    reopen_writer(&storage).unwrap().become_new_device().unwrap();
    storage
}

fn add(storage: &MemStorage, name: &str, content: &[u8]) -> u64 {
    let mut vault = reopen_writer(storage).unwrap();
    vault.add(&mut &content[..], name.as_bytes(), &AddOptions::default()).unwrap()
}

fn id_of(vault: &Vault, name: &str) -> u64 {
    vault.items().find(|i| i.name == name.as_bytes()).unwrap_or_else(|| panic!("{name}")).id
}

fn merge(into: &MemStorage, from: &MemStorage) -> clipvault::vault::Merged {
    let other = reopen(from).unwrap();
    reopen_writer(into).unwrap().merge_from(&other).unwrap()
}

/// What a device shows: per uid, the name, tags, content and whether it is evidence.
type View = BTreeMap<[u8; 16], (Vec<u8>, Vec<String>, Vec<u8>, bool)>;

fn view(storage: &MemStorage) -> View {
    let vault = reopen(storage).unwrap();
    vault
        .items()
        .map(|i| {
            let mut content = Vec::new();
            vault.read_item_to(i.id, &mut content).unwrap();
            (i.uid, (i.name.clone(), i.tags.clone(), content, i.evidence.is_some()))
        })
        .collect()
}

/// Three devices, each changed apart from the others.
fn three_devices() -> [MemStorage; 3] {
    let (a, mut vault) = new_vault();
    vault.add(&mut &b"shared photo"[..], b"shared.jpg", &AddOptions::default()).unwrap();
    vault.add(&mut &b"doomed clip"[..], b"doomed.mp4", &AddOptions::default()).unwrap();
    vault.add(&mut &b"the threat"[..], b"threat.png", &AddOptions::default()).unwrap();
    drop(vault);
    let b = new_device(&a);
    let c = new_device(&a);
    add(&a, "from-a.jpg", b"added on A");
    add(&b, "from-b.jpg", b"added on B");
    add(&c, "from-c.jpg", b"added on C");
    {
        let mut vault = reopen_writer(&a).unwrap();
        let shared = id_of(&vault, "shared.jpg");
        vault.rename(shared, b"renamed-on-a.jpg").unwrap();
        let threat = id_of(&vault, "threat.png");
        vault.mark_evidence(&[threat], "asks for money", "DM").unwrap();
    }
    {
        let mut vault = reopen_writer(&b).unwrap();
        let doomed = id_of(&vault, "doomed.mp4");
        vault.remove(&[doomed]).unwrap();
        // B has never seen the mark: its shred of the threat is not a forced one.
        let threat = id_of(&vault, "threat.png");
        vault.remove(&[threat]).unwrap();
    }
    {
        let mut vault = reopen_writer(&c).unwrap();
        let shared = id_of(&vault, "shared.jpg");
        vault.retag(&[shared], &["beach".into()], &[]).unwrap();
    }
    [a, b, c]
}

#[test]
fn three_devices_converge_in_every_order_of_merging() {
    let orders: [[(usize, usize); 6]; 3] = [
        [(0, 1), (0, 2), (1, 0), (2, 0), (1, 2), (2, 1)],
        [(2, 1), (1, 0), (0, 2), (2, 0), (1, 2), (0, 1)],
        [(1, 2), (2, 0), (0, 1), (1, 0), (2, 1), (0, 2)],
    ];
    let mut results = Vec::new();
    // The same three files, changed apart, merged in each order.
    let start = three_devices();
    for order in orders {
        let devices = start.clone().map(|s| MemStorage::from_bytes(s.current()));
        // Two rounds of the order: every change has reached every device.
        for _ in 0..2 {
            for (into, from) in order {
                merge(&devices[into], &devices[from]);
            }
        }
        let views: Vec<View> = devices.iter().map(view).collect();
        // The version of the shared photo that lost is in its history, on every device.
        for device in &devices {
            let vault = reopen(device).unwrap();
            let shared = vault.items().find(|i| i.name == b"shared.jpg" || i.name == b"renamed-on-a.jpg").unwrap();
            let other: (&[u8], Vec<String>) = if shared.name == b"shared.jpg" {
                (b"renamed-on-a.jpg", vec![])
            } else {
                (b"shared.jpg", vec!["beach".into()])
            };
            assert!(
                shared.history.iter().any(|r| (&r.name[..], &r.tags) == (other.0, &other.1)),
                "{:?}",
                shared.history
            );
        }
        assert_eq!(views[0], views[1]);
        assert_eq!(views[1], views[2]);
        results.push(views[0].clone());
    }
    assert_eq!(results[0], results[1], "the order of merging changes nothing");
    assert_eq!(results[1], results[2]);
    let names: Vec<String> = results[0].values().map(|(n, ..)| String::from_utf8(n.clone()).unwrap()).collect();
    // Every add arrived; the shred of doomed.mp4 won; the later change of the shared photo
    // (C's tag, made after A's rename) holds, with A's rename in its history; the threat,
    // marked on A, survived B's shred, which was not a forced one.
    let mut sorted = names.clone();
    sorted.sort();
    sorted.retain(|n| n != "shared.jpg" && n != "renamed-on-a.jpg");
    assert_eq!(sorted, ["from-a.jpg", "from-b.jpg", "from-c.jpg", "threat.png"]);
    let shared = results[0].values().find(|(_, _, content, _)| content == b"shared photo").unwrap();
    let versions = [(b"renamed-on-a.jpg".to_vec(), vec![]), (b"shared.jpg".to_vec(), vec!["beach".to_string()])];
    assert!(versions.contains(&(shared.0.clone(), shared.1.clone())), "{shared:?}");
    // A's rename and C's tag were made apart, in the same second: the device decides which
    // is later, the same on every device, and the other is kept in the item's history.
    let _ = &names;
    assert!(results[0].values().any(|(n, _, _, evidence)| n == b"threat.png" && *evidence));
    // Merging again changes nothing.
    let devices = three_devices();
    merge(&devices[0], &devices[1]);
    let once = view(&devices[0]);
    assert_eq!(merge(&devices[0], &devices[1]), Default::default());
    assert_eq!(view(&devices[0]), once);
}

#[test]
fn a_shred_on_one_device_destroys_the_payload_in_every_file_that_merges_it() {
    let (a, mut vault) = new_vault();
    let secret = b"the photo he threatens with, as a stand-in".repeat(200);
    vault.add(&mut &secret[..], b"photo.jpg", &AddOptions::default()).unwrap();
    drop(vault);
    let b = new_device(&a);
    let item = reopen(&a).unwrap().items().next().unwrap().clone();
    let ciphertext = a.current()[item.payload.offset as usize..][..item.payload.len as usize].to_vec();
    let mut vault = reopen_writer(&b).unwrap();
    let id = id_of(&vault, "photo.jpg");
    vault.remove(&[id]).unwrap();
    drop(vault);
    assert!(a.current().windows(64).any(|w| w == &ciphertext[..64]));
    let merged = merge(&a, &b);
    assert_eq!(merged.shredded, 1);
    assert!(reopen(&a).unwrap().items().next().is_none());
    for storage in [&a, &b] {
        let bytes = storage.current();
        assert!(!bytes.windows(64).any(|w| w == &ciphertext[..64]), "the payload's ciphertext is left");
    }
    // And the shredded item never comes back from a copy that still has it.
    let old = MemStorage::from_bytes(a.current());
    let stale = new_device(&old);
    merge(&b, &stale);
    assert!(reopen(&b).unwrap().items().next().is_none());
}

#[test]
fn a_crash_at_every_write_of_a_merge_loses_nothing_and_the_next_merge_completes_it() {
    let [a, b, _] = three_devices();
    let before = view(&a);
    let expected = {
        let a = MemStorage::from_bytes(a.current());
        merge(&a, &b);
        view(&a)
    };
    let total = {
        let a = MemStorage::from_bytes(a.current());
        let other = reopen(&b).unwrap();
        let start = a.ops();
        reopen_writer(&a).unwrap().merge_from(&other).unwrap();
        a.ops() - start
    };
    assert!(total > 10);
    let other = reopen(&b).unwrap();
    for n in 0..total {
        let target = MemStorage::from_bytes(a.current());
        let mut writer = reopen_writer(&target).unwrap();
        target.fault_at(target.ops() + n, Fault::Crash);
        let _ = writer.merge_from(&other);
        drop(writer);
        for bytes in [target.current(), target.durable()] {
            let crashed = image(bytes);
            let now = view(&crashed);
            // Nothing that was there is lost but what the other copy's tombstones name.
            for (uid, item) in &before {
                if !expected.contains_key(uid) {
                    continue;
                }
                assert!(now.contains_key(uid), "crash at op {n}: {} lost", String::from_utf8_lossy(&item.0));
            }
            merge(&crashed, &b);
            assert_eq!(view(&crashed), expected, "crash at op {n}, then a merge");
        }
    }
}

#[test]
fn a_file_of_another_vault_or_a_damaged_copy_adds_and_removes_nothing() {
    let [a, b, _] = three_devices();
    let before = view(&a);
    // Another vault, with the same passphrase: another master key.
    let (stranger, mut vault) = new_vault();
    vault.add(&mut &b"not yours"[..], b"planted.jpg", &AddOptions::default()).unwrap();
    drop(vault);
    let other = reopen(&stranger).unwrap();
    assert!(reopen_writer(&a).unwrap().merge_from(&other).is_err());
    assert!(view(&a) == before, "a refused merge changed nothing");
    // A copy with one byte of its index changed: it does not open, so nothing is merged.
    let mut damaged = b.current();
    let segment = reopen(&b).unwrap().index_segments()[0].0;
    for copy in segment {
        damaged[copy.offset as usize + 100] ^= 1;
    }
    assert!(Vault::open_in(Box::new(MemStorage::from_bytes(damaged)), &pass()).is_err());
    let _: Option<VaultWriter> = None;
}

#[test]
fn device_add_and_merge_through_the_binary_and_conflict_copies_are_named() {
    let env = CliEnv::new();
    let folder = env.path("Sync");
    std::fs::create_dir(&folder).unwrap();
    let phone = folder.join("phone.clipvault");
    std::fs::rename(&env.vault, &phone).unwrap();
    env.at(&phone).arg("add").arg(env.write("one.jpg", b"first photo")).assert().success();
    let laptop = folder.join("laptop.clipvault");
    env.at(&phone).args(["device", "add"]).arg(&laptop).assert().success().stderr(contains("laptop.clipvault"));
    // Never over an existing file, and nothing is left beside it.
    let before = std::fs::read(&laptop).unwrap();
    env.at(&phone).args(["device", "add"]).arg(&laptop).assert().failure();
    assert!(std::fs::read(&laptop).unwrap() == before);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2, "no temporary file left");
    env.at(&laptop).arg("add").arg(env.write("two.jpg", b"second photo")).assert().success();
    env.at(&phone).arg("add").arg(env.write("three.jpg", b"third photo")).assert().success();
    // A sync tool's conflict copy beside the vault is named once by any command.
    std::fs::copy(&phone, folder.join("phone.sync-conflict-20261205-101500-ABCDEFG.clipvault")).unwrap();
    env.at(&phone).arg("list").assert().success().stderr(contains("clipvault merge"));
    // `merge` with no file folds in every other file of the folder.
    env.at(&phone).arg("merge").assert().success();
    env.at(&laptop).arg("merge").assert().success();
    for file in [&phone, &laptop] {
        let mut names = env.names_at(file).unwrap();
        names.sort();
        assert_eq!(names, ["one.jpg", "three.jpg", "two.jpg"]);
    }
    // A file of another vault is refused by name.
    let other = CliEnv::new();
    env.at(&phone).arg("merge").arg(&other.vault).assert().failure().stderr(contains("not a copy of this vault"));
}
