//! Version 1, 2 and 3 vaults (the pinned vectors `tests/vectors/v1-small.clipvault`,
//! `v2-small.clipvault` and `v3-small.clipvault`, written by the last writers of those
//! versions) keep opening, are left untouched by readers, and are upgraded to version 4 in
//! place by their first writer, crash-safely at every storage operation; and `passwd` is a cut
//! that an old copy of the file cannot be spliced across.

use clipvault::storage::{Fault, MemStorage};
use clipvault::{AddOptions, Vault, VaultWriter};
use std::path::PathBuf;

use crate::common::*;

fn v1_bytes() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1-small.clipvault");
    std::fs::read(path).expect("tests/vectors/v1-small.clipvault")
}

fn version_of(bytes: &[u8]) -> [u16; 2] {
    [0, 4096].map(|at| u16::from_le_bytes([bytes[at + 8], bytes[at + 9]]))
}

#[test]
fn reading_a_version_1_vault_changes_nothing() {
    let original = v1_bytes();
    let storage = MemStorage::from_bytes(original.clone());
    let mut vault = reopen(&storage).unwrap();
    assert_eq!(vault.format_version(), 1);
    assert_eq!(vault.info().unwrap().version, 1);
    assert_eq!(snapshot(&vault).len(), 2);
    assert!(vault.verify(|_| {}).unwrap().is_empty());
    drop(vault);
    assert!(storage.current() == original, "a reader wrote to the file");
}

#[test]
fn the_first_write_upgrades_in_place_and_keeps_everything() {
    let original = v1_bytes();
    let before = snapshot(&reopen(&MemStorage::from_bytes(original.clone())).unwrap());
    let v1_segments = reopen(&MemStorage::from_bytes(original.clone())).unwrap().index_segments();
    // Junk past the version 1 commit, as a killed version 1 writer leaves it.
    let mut with_junk = original.clone();
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8 ^ 0x5a).collect();
    with_junk.extend_from_slice(&junk);
    let storage = MemStorage::from_bytes(with_junk);

    let mut vault = reopen_writer(&storage).unwrap();
    assert_eq!(vault.format_version(), 4, "opening for writing upgrades");
    vault.add(&mut &b"added after the upgrade"[..], b"new.txt", &AddOptions::default()).unwrap();
    drop(vault);

    let bytes = storage.current();
    assert_eq!(version_of(&bytes), [4, 4]);
    let mut vault = reopen(&storage).unwrap();
    assert_eq!(vault.format_version(), 4);
    let mut after = snapshot(&vault);
    after.retain(|(name, _)| name != b"new.txt");
    assert_eq!(after, before, "every version 1 item, byte for byte");
    assert!(vault.verify(|_| {}).unwrap().is_empty());
    // The version 1 index copies (with every item key) were overwritten, the junk is gone.
    for (copies, _) in &v1_segments {
        for copy in copies {
            let range = copy.offset as usize..(copy.offset + copy.len) as usize;
            assert_ne!(bytes[range.clone()], original[range], "a version 1 index copy survived");
        }
    }
    assert!(!bytes.windows(64).any(|w| w == &junk[1000..1064]), "junk past the version 1 commit survived");
    // Version 2 owns the file now: allocations start on 4096-byte units.
    let new = vault.items().find(|i| i.name == b"new.txt").unwrap();
    assert_eq!(new.allocation.offset % 4096, 0);
    assert_eq!(new.payload.offset, new.allocation.offset + 4096);
}

#[test]
fn a_crash_at_every_step_of_the_upgrade_loses_nothing() {
    let before = snapshot(&reopen(&MemStorage::from_bytes(v1_bytes())).unwrap());
    let total_ops = {
        let storage = MemStorage::from_bytes(v1_bytes());
        let start = storage.ops();
        drop(reopen_writer(&storage).unwrap());
        storage.ops() - start
    };
    assert!(total_ops > 4);
    let mut versions_seen = std::collections::BTreeSet::new();
    for n in 0..total_ops {
        let storage = MemStorage::from_bytes(v1_bytes());
        storage.fault_at(n, Fault::Crash);
        let _ = reopen_writer(&storage);
        for bytes in [storage.current(), storage.durable()] {
            let crashed = image(bytes);
            let mut vault = reopen(&crashed).unwrap_or_else(|e| panic!("crash at op {n}: {e}"));
            versions_seen.insert(vault.format_version());
            assert_eq!(snapshot(&vault), before, "crash at op {n}");
            let problems = vault.verify(|_| {}).unwrap();
            assert!(
                problems.iter().all(|p| p.item.is_none() && p.what.contains("header copy")),
                "crash at op {n}: {problems:?}"
            );
            drop(vault);
            // The next writer finishes the upgrade.
            let mut writer = reopen_writer(&crashed).unwrap();
            writer.add(&mut &b"after"[..], b"after-crash", &AddOptions::default()).unwrap();
            drop(writer);
            let mut healed = reopen(&crashed).unwrap();
            assert_eq!(healed.format_version(), 4);
            assert_eq!(healed.verify(|_| {}).unwrap(), vec![], "crash at op {n}, after the next write");
            assert_eq!(healed.items().count(), 3);
        }
    }
    assert_eq!(versions_seen.into_iter().collect::<Vec<_>>(), [1, 4], "crashes land on both sides");
}

#[test]
fn the_upgrade_keeps_every_key_slot_and_the_kdf() {
    // The upgrade keeps the key slots byte for byte, so every passphrase and recovery key
    // of the version 1 file still opens it, though only one was typed.
    let storage = MemStorage::from_bytes(v1_bytes());
    let slots_before = reopen(&storage).unwrap().session_key().parts().2.to_vec();
    let vault = VaultWriter::open_in(Box::new(storage.clone()), &pass()).unwrap();
    assert_eq!(vault.session_key().parts().2.to_vec(), slots_before);
    drop(vault);
    let bytes = storage.current();
    let original = v1_bytes();
    assert_eq!(bytes[72..72 + 8 * 128], original[72..72 + 8 * 128], "slots unchanged by the upgrade");
    assert_eq!(bytes[24..72], original[24..72], "KDF parameters and salt unchanged");
}

#[test]
fn the_binary_says_when_it_upgrades_and_upgrade_is_idempotent() {
    let env = crate::fixture::CliEnv::empty();
    let vault = env.write("old.clipvault", &v1_bytes());
    let pass = env.write("v1-pass", b"correct horse battery staple\n");
    let run = |args: &[&str]| {
        let mut cmd = env.bare();
        cmd.arg("--vault").arg(&vault).arg("--passphrase-file").arg(&pass).args(args);
        cmd.assert()
    };
    // Reading commands leave it as it is.
    run(&["list"]).success().stdout(predicates::str::contains("hello.txt"));
    run(&["info"]).success().stdout(predicates::str::contains("version 1"));
    assert_eq!(std::fs::read(&vault).unwrap(), v1_bytes());
    run(&["upgrade"]).success().stderr(predicates::str::contains("upgraded the vault to format version 4"));
    run(&["info"]).success().stdout(predicates::str::contains("version 4"));
    run(&["upgrade"]).success().stderr(predicates::str::contains("already format version 4"));
    assert_eq!(run(&["cat", "zeros.bin"]).success().get_output().stdout, vec![0u8; 70_000]);
}

fn vector_bytes(version: u16) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/vectors/v{version}-small.clipvault"));
    std::fs::read(&path).unwrap_or_else(|_| panic!("{}", path.display()))
}

/// The second passphrase of the version 2 and 3 vectors (key 1, labelled `safe`).
fn v2_second() -> clipvault::Passphrase {
    clipvault::Passphrase::new("paper in the safe, second key")
}

/// The items' uids, in order.
fn uids(vault: &Vault) -> Vec<[u8; 16]> {
    vault.items().map(|i| i.uid).collect()
}

#[test]
fn version_2_and_3_vaults_become_version_4_crash_safely_and_both_keys_still_open_them() {
    for version in [2, 3] {
        let bytes = || vector_bytes(version);
        let reader = reopen(&MemStorage::from_bytes(bytes())).unwrap();
        let (before, uids_before) = (snapshot(&reader), uids(&reader));
        assert_eq!(reader.format_version(), version);
        let total_ops = {
            let storage = MemStorage::from_bytes(bytes());
            let start = storage.ops();
            let vault = reopen_writer(&storage).unwrap();
            assert!(vault.upgraded_on_open());
            // Two devices that upgrade their own copies give each item the same identity
            // (FORMAT-v2.md §6.2), the one a reader of the old file already sees.
            assert_eq!(uids(&vault), uids_before);
            drop(vault);
            assert_eq!(version_of(&storage.current()), [4, 4]);
            storage.ops() - start
        };
        let mut versions_seen = std::collections::BTreeSet::new();
        for n in 0..total_ops {
            let storage = MemStorage::from_bytes(bytes());
            storage.fault_at(n, Fault::Crash);
            let _ = reopen_writer(&storage);
            for bytes in [storage.current(), storage.durable()] {
                for key in [pass(), v2_second()] {
                    let vault = Vault::open_in(Box::new(image(bytes.clone())), &key)
                        .unwrap_or_else(|e| panic!("v{version}, crash at op {n}: {e}"));
                    versions_seen.insert(vault.format_version());
                    assert_eq!(snapshot(&vault), before, "v{version}, crash at op {n}");
                    assert_eq!(uids(&vault), uids_before, "v{version}, crash at op {n}");
                }
            }
        }
        assert_eq!(versions_seen.into_iter().collect::<Vec<_>>(), [version, 4], "crashes land on both sides");
    }
}

/// An old copy of the file plus the current one, without any passphrase: the old superblock
/// (its areas, pointing at the old manifest and index) with the current key slots spliced
/// in, and the old data bytes, brought a shredded item back under the CURRENT passphrase.
/// After `passwd` the new passphrase's slot is bound to the manifests written since.
#[test]
fn after_passwd_an_old_copy_spliced_under_the_new_slots_does_not_open() {
    let (storage, mut vault) = new_vault();
    vault.add(&mut &b"the photo they threaten with"[..], b"shredded.jpg", &AddOptions::default()).unwrap();
    vault.add(&mut &b"a harmless one"[..], b"kept.jpg", &AddOptions::default()).unwrap();
    drop(vault);
    let old = storage.current();
    let mut vault = reopen_writer(&storage).unwrap();
    let id = vault.find(b"shredded.jpg").unwrap().id;
    vault.remove(&[id]).unwrap();
    let new_pass = clipvault::Passphrase::new("a brand new passphrase, after the threat");
    vault.change_passphrase(&new_pass).unwrap();
    drop(vault);
    let current = storage.current();
    // The forgery: the old file with the current slots in both superblock copies.
    let mut forged = old.clone();
    for at in [0usize, 4096] {
        forged[at + 72..at + 72 + 8 * 128].copy_from_slice(&current[at + 72..at + 72 + 8 * 128]);
        let checksum = <sha2::Sha256 as sha2::Digest>::digest(&forged[at..at + 4064]);
        forged[at + 4064..at + 4096].copy_from_slice(&checksum);
    }
    match Vault::open_in(Box::new(image(forged)), &new_pass) {
        Ok(vault) => panic!("the spliced old state opened with the new passphrase: {:?}", snapshot(&vault).len()),
        Err(e) => assert!(matches!(e, clipvault::VaultError::Integrity(_)), "{e}"),
    }
    // The honest file opens with the new passphrase, without the shredded item.
    let vault = Vault::open_in(Box::new(image(current)), &new_pass).unwrap();
    assert_eq!(vault.items().map(|i| i.name.clone()).collect::<Vec<_>>(), vec![b"kept.jpg".to_vec()]);
}
