//! Library-level tests of the container: round trips, tampering, truncation, crashes and
//! injected I/O faults at every storage operation.

use clipvault::storage::{Fault, MemStorage};
use clipvault::{AddOptions, Damage, Passphrase, Vault, VaultError, VaultWriter};
use std::io::{self, Read, Seek, SeekFrom};

use crate::common::*;

#[test]
fn round_trip_at_chunk_boundaries() {
    let (storage, mut vault) = new_vault();
    let sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 7, 33 * CHUNK, 70 * CHUNK + 3];
    let mut ids = Vec::new();
    for (n, size) in sizes.iter().enumerate() {
        let data = content(*size, n as u8);
        let id = vault.add(&mut &data[..], format!("item-{size}").as_bytes(), &AddOptions::default()).unwrap();
        ids.push((id, data));
    }
    drop(vault);
    let mut vault = reopen(&storage).unwrap();
    for (id, data) in &ids {
        let item = vault.item(*id).unwrap();
        assert_eq!(item.size, data.len() as u64);
        assert_eq!(read_all(&vault, *id).unwrap(), *data, "batch read of {} bytes", data.len());
        let mut via_reader = Vec::new();
        vault.open_item(*id).unwrap().read_to_end(&mut via_reader).unwrap();
        assert_eq!(via_reader, *data, "Read of {} bytes", data.len());
        let sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(data).into();
        assert_eq!(item.sha256, sha);
    }
    assert!(vault.verify(|_| {}).unwrap().is_empty());
}

#[test]
fn seek_reads_from_the_middle() {
    let (_, mut vault) = new_vault();
    let data = content(10 * CHUNK + 123, 9);
    let id = vault.add(&mut &data[..], b"long.mp4", &AddOptions::default()).unwrap();
    let mut reader = vault.open_item(id).unwrap();
    for start in [0, 1, CHUNK - 1, CHUNK, 5 * CHUNK + 17, data.len() - 5] {
        reader.seek(SeekFrom::Start(start as u64)).unwrap();
        let mut buf = vec![0u8; (CHUNK + 100).min(data.len() - start)];
        reader.read_exact(&mut buf).unwrap();
        assert_eq!(buf, data[start..start + buf.len()]);
    }
    reader.seek(SeekFrom::End(-3)).unwrap();
    let mut tail = Vec::new();
    reader.read_to_end(&mut tail).unwrap();
    assert_eq!(tail, data[data.len() - 3..]);
    assert!(reader.seek(SeekFrom::Current(-(data.len() as i64) - 1)).is_err());
}

#[test]
fn media_type_is_detected_from_content() {
    let (_, mut vault) = new_vault();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let id = vault.add(&mut &png[..], b"no-extension", &AddOptions::default()).unwrap();
    assert_eq!(vault.item(id).unwrap().media_type, "image/png");
    let id = vault.add(&mut &b"just words"[..], b"note", &AddOptions::default()).unwrap();
    assert_eq!(vault.item(id).unwrap().media_type, "text/plain");
}

#[test]
fn wrong_passphrase_and_non_vaults_are_told_apart() {
    let (storage, vault) = new_vault();
    drop(vault);
    let wrong = Vault::open_in(Box::new(storage.clone()), &Passphrase::new("nope"));
    assert!(matches!(wrong, Err(VaultError::WrongPassphrase)));
    let not_vault = Vault::open_in(Box::new(image(vec![7u8; 20_000])), &pass());
    assert!(matches!(not_vault, Err(VaultError::NotAVault)));
    let empty = Vault::open_in(Box::new(image(vec![])), &pass());
    assert!(matches!(empty, Err(VaultError::NotAVault)));
    let mut future = storage.current();
    future[8] = 9;
    future[4096 + 8] = 9;
    assert!(matches!(Vault::open_in(Box::new(image(future)), &pass()), Err(VaultError::UnsupportedVersion(9))));
}

#[test]
fn passphrases_are_nfc_normalised() {
    let storage = MemStorage::new();
    let composed = Passphrase::new("caf\u{e9} na\u{ef}ve");
    drop(Vault::create_in(Box::new(storage.clone()), &composed, &tiny_kdf()).unwrap());
    let decomposed = Passphrase::new("cafe\u{301} nai\u{308}ve");
    assert!(Vault::open_in(Box::new(storage), &decomposed).is_ok());
}

#[test]
fn change_passphrase_locks_out_the_old_one_everywhere() {
    let (storage, mut vault) = new_vault();
    vault.add(&mut &b"secret"[..], b"a", &AddOptions::default()).unwrap();
    let old_slot = vault.session_key().parts().2.to_vec();
    let new = Passphrase::new("a new and different passphrase");
    vault.change_passphrase(&new).unwrap();
    drop(vault);
    let after = storage.current();
    assert!(!after.windows(128).any(|w| w == old_slot), "old key slot bytes remain in the file");
    assert!(matches!(reopen(&storage), Err(VaultError::WrongPassphrase)));
    let vault = Vault::open_in(Box::new(storage), &new).unwrap();
    assert_eq!(snapshot(&vault), vec![(b"a".to_vec(), b"secret".to_vec())]);
}

#[test]
fn find_accepts_names_and_unique_id_prefixes() {
    let (_, mut vault) = new_vault();
    let a = vault.add(&mut &b"1"[..], b"beach.jpg", &AddOptions::default()).unwrap();
    let b = vault.add(&mut &b"2"[..], b"beach.jpg", &AddOptions::default()).unwrap();
    assert!(matches!(vault.find(b"beach.jpg"), Err(VaultError::Ambiguous(ids)) if ids.len() == 2));
    let full = format!("{a:016x}");
    assert_eq!(vault.find(full.as_bytes()).unwrap().id, a);
    let unique = (1..=16).map(|n| &full[..n]).find(|p| !format!("{b:016x}").starts_with(p)).unwrap();
    assert_eq!(vault.find(unique.as_bytes()).unwrap().id, a);
    assert!(matches!(vault.find(b"zz"), Err(VaultError::ItemNotFound)));
}

#[test]
fn many_items_keep_few_segments_and_survive_removal() {
    let (storage, mut vault) = new_vault();
    let mut expected = Vec::new();
    let mut ids = Vec::new();
    for n in 0..40u8 {
        let data = content(n as usize * 100, n);
        ids.push(vault.add(&mut &data[..], &[b'f', n], &AddOptions::default()).unwrap());
        expected.push((vec![b'f', n], data));
    }
    let removed: Vec<u64> = ids.iter().copied().step_by(3).collect();
    vault.remove(&removed).unwrap();
    expected = expected.into_iter().enumerate().filter(|(n, _)| n % 3 != 0).map(|(_, e)| e).collect();
    expected.sort();
    drop(vault);
    let mut vault = reopen(&storage).unwrap();
    assert_eq!(snapshot(&vault), expected);
    assert!(vault.verify(|_| {}).unwrap().is_empty());
    assert!(vault.info().unwrap().reclaimable_bytes > 0);
}

#[test]
fn removed_content_and_keys_are_gone_from_the_file() {
    let (storage, mut vault) = new_vault();
    let keep = vault.add(&mut &content(3 * CHUNK, 1)[..], b"keep", &AddOptions::default()).unwrap();
    let gone = vault.add(&mut &content(3 * CHUNK, 2)[..], b"gone", &AddOptions::default()).unwrap();
    let payload = vault.item(gone).unwrap().payload;
    let before = storage.current();
    let samples: Vec<Vec<u8>> = (0..16)
        .map(|k| {
            let at = (payload.offset + k * payload.len / 16) as usize;
            before[at..at + 32].to_vec()
        })
        .collect();
    vault.remove(&[gone]).unwrap();
    let after = storage.current();
    for sample in &samples {
        assert!(!after.windows(32).any(|w| w == &sample[..]), "ciphertext of a removed item survived");
    }
    drop(vault);
    let vault = reopen(&storage).unwrap();
    assert!(vault.item(gone).is_err());
    assert_eq!(read_all(&vault, keep).unwrap(), content(3 * CHUNK, 1));
}

/// Flips one bit at many positions of a small vault: every read returns the right bytes or
/// an error; never wrong bytes, never a panic.
#[test]
fn bit_flips_never_yield_wrong_bytes() {
    let (storage, mut vault) = new_vault();
    let a = content(2 * CHUNK + 5, 3);
    let b = content(100, 4);
    vault.add(&mut &a[..], b"a", &AddOptions::default()).unwrap();
    vault.add(&mut &b[..], b"b", &AddOptions::default()).unwrap();
    drop(vault);
    let original = storage.current();
    let expected = [(b"a".to_vec(), a), (b"b".to_vec(), b)];
    let mut opened = 0;
    for pos in (0..original.len()).step_by(97).chain(0..200) {
        let mut bytes = original.clone();
        bytes[pos] ^= 1 << (pos % 8);
        let Ok(vault) = Vault::open_in(Box::new(image(bytes)), &pass()) else {
            continue;
        };
        opened += 1;
        for item in vault.items() {
            let (_, want) = expected.iter().find(|(n, _)| *n == item.name).expect("no invented items");
            match read_all(&vault, item.id) {
                Ok(got) => assert_eq!(&got, want, "wrong bytes after a flip at {pos}"),
                Err(VaultError::Integrity(_)) => {}
                Err(e) => panic!("unexpected error after a flip at {pos}: {e}"),
            }
        }
    }
    assert!(opened > 0);
}

#[test]
fn truncation_is_detected() {
    let (storage, mut vault) = new_vault();
    let data = content(3 * CHUNK, 5);
    let id = vault.add(&mut &data[..], b"x", &AddOptions::default()).unwrap();
    vault.add(&mut &b"later"[..], b"y", &AddOptions::default()).unwrap();
    drop(vault);
    let full = storage.current();
    for len in (0..full.len()).step_by(1009) {
        match Vault::open_in(Box::new(image(full[..len].to_vec())), &pass()) {
            Ok(vault) => {
                if let Ok(got) = read_all(&vault, id) {
                    assert_eq!(got, data);
                }
            }
            Err(VaultError::NotAVault | VaultError::Integrity(_)) => {}
            Err(e) => panic!("truncated to {len}: {e}"),
        }
    }
    let short = &full[..full.len() - 10];
    let vault = Vault::open_in(Box::new(image(short.to_vec())), &pass());
    // The index lives at the end, mirrored: losing a few bytes costs its second copy only.
    if let Ok(mut vault) = vault {
        assert!(!vault.verify(|_| {}).unwrap().is_empty());
    }
}

/// Runs `op` with a crash injected at every storage operation it performs, and checks that
/// both crash images (everything written, or only what was synced) open to the old or the
/// new state, accept a new write, and verify.
fn crash_everywhere(
    setup: impl Fn() -> MemStorage,
    op: impl Fn(&mut VaultWriter) -> Result<(), VaultError>,
    open_pass: &[Passphrase],
) {
    let old_state = {
        let storage = setup();
        snapshot(&reopen(&storage).unwrap())
    };
    let (new_state, total_ops) = {
        let storage = setup();
        let mut vault = reopen_writer(&storage).unwrap();
        let start = storage.ops();
        op(&mut vault).unwrap();
        drop(vault);
        let ops = storage.ops() - start;
        let vault = open_any(&storage, open_pass).unwrap();
        (snapshot(&vault), ops)
    };
    assert!(total_ops > 2);
    for n in 0..total_ops {
        let storage = setup();
        let mut vault = reopen_writer(&storage).unwrap();
        storage.fault_at(n, Fault::Crash);
        // An add whose crash hits only the post-commit wipe still reports success: the
        // item is committed and the next writer finishes the wipe.
        let _ = op(&mut vault);
        drop(vault);
        for bytes in [storage.current(), storage.durable()] {
            let crashed = image(bytes);
            let mut vault = open_any(&crashed, open_pass).unwrap_or_else(|e| panic!("crash at {n}: {e}"));
            let state = snapshot(&vault);
            assert!(state == old_state || state == new_state, "crash at op {n} gave a third state");
            // A torn header copy is lost redundancy that the next writer repairs; nothing
            // else may be damaged.
            let problems = vault.verify(|_| {}).unwrap();
            assert!(
                problems.iter().all(|p| p.item.is_none() && p.what.contains("header copy")),
                "crash at op {n}: {problems:?}"
            );
            drop(vault);
            let mut writer = open_any_write(&crashed, open_pass).unwrap();
            writer.add(&mut &b"after"[..], b"after-crash", &AddOptions::default()).unwrap();
            drop(writer);
            let mut healed = open_any(&crashed, open_pass).unwrap();
            assert_eq!(healed.verify(|_| {}).unwrap(), vec![], "crash at op {n}, after the next write");
        }
    }
}

fn open_any(storage: &MemStorage, passes: &[Passphrase]) -> Result<Vault, VaultError> {
    first_that_opens(passes, |p| Vault::open_in(Box::new(storage.clone()), p))
}

fn open_any_write(storage: &MemStorage, passes: &[Passphrase]) -> Result<VaultWriter, VaultError> {
    first_that_opens(passes, |p| VaultWriter::open_in(Box::new(storage.clone()), p))
}

/// Opens with the first passphrase that works.
fn first_that_opens<T>(
    passes: &[Passphrase],
    open: impl Fn(&Passphrase) -> Result<T, VaultError>,
) -> Result<T, VaultError> {
    let mut last = None;
    for p in passes {
        match open(p) {
            Ok(v) => return Ok(v),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap())
}

#[test]
fn crash_during_add_leaves_old_or_new_state() {
    let data = content(3 * CHUNK + 1, 77);
    crash_everywhere(
        || vault_with_items(3),
        |v| v.add(&mut &data[..], b"new", &AddOptions::default()).map(|_| ()),
        &[pass()],
    );
}

#[test]
fn crash_during_remove_leaves_old_or_new_state() {
    crash_everywhere(
        || vault_with_items(4),
        |v| {
            let id = v.items().nth(1).unwrap().id;
            v.remove(&[id])
        },
        &[pass()],
    );
}

#[test]
fn crash_during_rename_and_retag_leaves_old_or_new_state() {
    crash_everywhere(
        || vault_with_items(4),
        |v| {
            let id = v.items().nth(2).unwrap().id;
            v.rename(id, "Renamed/clip.mp4".as_bytes())
        },
        &[pass()],
    );
    crash_everywhere(
        || vault_with_items(4),
        |v| {
            let ids: Vec<u64> = v.items().map(|i| i.id).take(3).collect();
            v.retag(&ids, &["beach".to_string()], &[])
        },
        &[pass()],
    );
}

#[test]
fn rename_and_retag_change_only_what_they_say_and_overwrite_the_old_index() {
    let storage = vault_with_items(3);
    let mut v = reopen_writer(&storage).unwrap();
    let ids: Vec<u64> = v.items().map(|i| i.id).collect();
    let before: Vec<(Vec<u8>, [u8; 32])> = v.items().map(|i| (i.name.clone(), i.sha256)).collect();
    let old_segments = v.index_segments();
    let bytes_before = storage.current();
    v.rename(ids[1], b"new name.jpg").unwrap();
    v.retag(&ids, &["a".into(), "b".into()], &[]).unwrap();
    v.retag(&ids[..1], &[], &["a".into()]).unwrap();
    assert!(matches!(v.rename(ids[0], b""), Err(VaultError::Refused(_))));
    drop(v);
    let v = reopen(&storage).unwrap();
    let after: Vec<&clipvault::ItemRecord> = v.items().collect();
    assert_eq!(after.len(), 3);
    for item in after {
        let n = ids.iter().position(|id| *id == item.id).unwrap();
        let expected_name = if n == 1 { b"new name.jpg".to_vec() } else { before[n].0.clone() };
        assert_eq!(item.name, expected_name, "item {n}");
        assert_eq!(item.sha256, before[n].1);
        let expected_tags: &[&str] = if n == 0 { &["b"] } else { &["a", "b"] };
        assert_eq!(item.tags, expected_tags, "item {n}");
    }
    // The index copies that held the old name were overwritten after the commit.
    let bytes_after = storage.current();
    let rewritten = old_segments.iter().find(|(_, in_it)| in_it.contains(&ids[1])).unwrap().0;
    for copy in rewritten {
        let range = copy.offset as usize..(copy.offset + copy.len) as usize;
        assert_ne!(bytes_before[range.clone()], bytes_after[range]);
    }
}

#[test]
fn crash_during_passphrase_change_leaves_old_or_new_state() {
    let new = Passphrase::new("the next passphrase");
    crash_everywhere(
        || vault_with_items(2),
        |v| v.change_passphrase(&new),
        &[pass(), Passphrase::new("the next passphrase")],
    );
}

#[test]
fn crash_during_create_leaves_no_half_vault_that_opens_wrongly() {
    let probe = MemStorage::new();
    drop(Vault::create_in(Box::new(probe.clone()), &pass(), &tiny_kdf()).unwrap());
    for n in 0..probe.ops() {
        let storage = MemStorage::new();
        storage.fault_at(n, Fault::Crash);
        // A crash once the first header copy is durable leaves a created vault: then create
        // says so, and that vault opens (empty) from what reached the disk.
        if Vault::create_in(Box::new(storage.clone()), &pass(), &tiny_kdf()).is_ok() {
            let opened = Vault::open_in(Box::new(image(storage.durable())), &pass());
            assert_eq!(opened.unwrap().items().count(), 0, "crash at {n}: create said it was done");
        }
        for bytes in [storage.current(), storage.durable()] {
            match Vault::open_in(Box::new(image(bytes)), &pass()) {
                Ok(v) => assert_eq!(v.items().count(), 0),
                Err(VaultError::NotAVault | VaultError::Integrity(_)) => {}
                Err(e) => panic!("crash at {n} during create: {e}"),
            }
        }
    }
}

/// A full disk or an I/O error at any operation: a clear error, the previous state intact,
/// and the next writer works.
#[test]
fn io_errors_leave_the_previous_state() {
    let data = content(2 * CHUNK, 8);
    let probe = vault_with_items(2);
    let before = snapshot(&reopen(&probe).unwrap());
    let ops = {
        let mut v = reopen_writer(&probe).unwrap();
        let start = probe.ops();
        v.add(&mut &data[..], b"new", &AddOptions::default()).unwrap();
        probe.ops() - start
    };
    for kind in [io::ErrorKind::StorageFull, io::ErrorKind::Other] {
        for n in 0..ops {
            let storage = vault_with_items(2);
            let mut vault = reopen_writer(&storage).unwrap();
            storage.fault_at(n, Fault::Fail(kind));
            match vault.add(&mut &data[..], b"new", &AddOptions::default()) {
                Err(VaultError::Io(e)) => assert_eq!(e.kind(), kind),
                Err(e) => panic!("fault at {n}: unexpected {e}"),
                Ok(_) => {} // the fault hit the post-commit wipe bookkeeping, which is retried
            }
            drop(vault);
            let state = snapshot(&reopen(&storage).unwrap());
            let mut with_new = before.clone();
            with_new.push((b"new".to_vec(), data.clone()));
            with_new.sort();
            assert!(state == before || state == with_new, "fault at {n} lost data");
            let mut vault = reopen_writer(&storage).unwrap();
            vault.add(&mut &b"next"[..], b"next", &AddOptions::default()).unwrap();
            assert!(vault.verify(|_| {}).unwrap().is_empty());
        }
    }
}

#[test]
fn readers_are_refused_writes_and_damage_is_reported_per_item() {
    let (storage, mut vault) = new_vault();
    let a = vault.add(&mut &content(CHUNK * 2, 1)[..], b"a", &AddOptions::default()).unwrap();
    let b = vault.add(&mut &content(CHUNK * 2, 2)[..], b"b", &AddOptions::default()).unwrap();
    let payload = vault.item(a).unwrap().payload;
    drop(vault);
    // A reader cannot write at all: `Vault` has no `add` (VaultWriter's compile_fail doc test).
    let mut bytes = storage.current();
    bytes[(payload.offset + 100) as usize] ^= 0xff;
    let mut damaged = Vault::open_in(Box::new(image(bytes)), &pass()).unwrap();
    let problems = damaged.verify(|_| {}).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].item, Some(a));
    assert!(matches!(read_all(&damaged, a), Err(VaultError::Integrity(Damage::Item(id))) if id == a));
    assert_eq!(read_all(&damaged, b).unwrap(), content(CHUNK * 2, 2));
}

/// Byte samples of `extent` in `bytes`, to look for later.
fn samples(bytes: &[u8], offset: u64, len: u64) -> Vec<Vec<u8>> {
    (0..8)
        .map(|k| {
            let at = (offset + k * (len - 32) / 8) as usize;
            bytes[at..at + 32].to_vec()
        })
        .collect()
}

fn contains_any(haystack: &[u8], needles: &[Vec<u8>]) -> bool {
    needles.iter().any(|n| haystack.windows(n.len()).any(|w| w == &n[..]))
}

/// At every crash point of a shred: where the item is gone, neither its ciphertext nor any
/// index copy that held its key remains once the next writer has opened the vault.
#[test]
fn shred_leaves_no_key_or_content_at_any_crash_point() {
    // Each vault_with_items() has fresh random keys and ids; find the victim by name.
    let prepare = || {
        let storage = vault_with_items(3);
        let v = reopen(&storage).unwrap();
        let item = v.items().find(|i| i.name == [b'i', 1]).unwrap();
        let original = storage.current();
        let mut secret = samples(&original, item.allocation.offset, item.allocation.len);
        for (copies, ids) in v.index_segments() {
            if ids.contains(&item.id) {
                for copy in copies {
                    secret.extend(samples(&original, copy.offset, copy.len));
                }
            }
        }
        (storage, item.id, secret)
    };
    let ops = {
        let (storage, victim, _) = prepare();
        let mut v = reopen_writer(&storage).unwrap();
        let start = storage.ops();
        v.remove(&[victim]).unwrap();
        storage.ops() - start
    };
    let mut gone_states = 0;
    for n in 0..=ops {
        let (storage, victim, secret) = prepare();
        let mut vault = reopen_writer(&storage).unwrap();
        if n < ops {
            storage.fault_at(n, Fault::Crash);
        }
        let _ = vault.remove(&[victim]);
        drop(vault);
        for bytes in [storage.current(), storage.durable()] {
            let crashed = image(bytes);
            let writer = reopen_writer(&crashed).unwrap_or_else(|e| panic!("crash at {n}: {e:?}"));
            if writer.item(victim).is_ok() {
                continue; // the old state: the shred never happened
            }
            drop(writer);
            gone_states += 1;
            assert!(!contains_any(&crashed.current(), &secret), "crash at {n}: shredded bytes remain");
        }
    }
    assert!(gone_states > 0);
}

/// At every crash point of a passphrase change, exactly one of the old and the new
/// passphrase opens the vault: never both (a stale header copy must not let the old one in).
#[test]
fn old_passphrase_never_opens_alongside_the_new_one() {
    let new = Passphrase::new("the next passphrase");
    let ops = {
        let storage = vault_with_items(1);
        let mut v = reopen_writer(&storage).unwrap();
        let start = storage.ops();
        v.change_passphrase(&new).unwrap();
        storage.ops() - start
    };
    for n in 0..ops {
        let storage = vault_with_items(1);
        let mut vault = reopen_writer(&storage).unwrap();
        storage.fault_at(n, Fault::Crash);
        let _ = vault.change_passphrase(&new);
        drop(vault);
        for bytes in [storage.current(), storage.durable()] {
            let old_opens = Vault::open_in(Box::new(image(bytes.clone())), &pass()).is_ok();
            let new_opens = Vault::open_in(Box::new(image(bytes)), &new).is_ok();
            assert!(old_opens != new_opens, "crash at {n}: old opens {old_opens}, new opens {new_opens}");
        }
    }
}

/// At every crash point of removing a key slot, the kept passphrase opens the vault, and the
/// removed one opens it only in the old state (never behind an intact newer header).
#[test]
fn removing_a_key_is_crash_safe() {
    let extra = Passphrase::new("a second way in");
    let setup = || {
        let storage = vault_with_items(1);
        let mut v = reopen_writer(&storage).unwrap();
        v.add_passphrase(&extra, "").unwrap();
        storage
    };
    let ops = {
        let storage = setup();
        let mut v = reopen_writer(&storage).unwrap();
        let start = storage.ops();
        v.remove_slot(1).unwrap();
        storage.ops() - start
    };
    let mut removed_states = 0;
    for n in 0..ops {
        let storage = setup();
        let mut vault = reopen_writer(&storage).unwrap();
        storage.fault_at(n, Fault::Crash);
        let _ = vault.remove_slot(1);
        drop(vault);
        for bytes in [storage.current(), storage.durable()] {
            let kept = Vault::open_in(Box::new(image(bytes.clone())), &pass()).unwrap();
            let slot_still_there = kept.key_slots().len() == 2;
            let removed_opens = Vault::open_in(Box::new(image(bytes)), &extra).is_ok();
            assert_eq!(removed_opens, slot_still_there, "crash at {n}");
            removed_states += usize::from(!slot_still_there);
        }
    }
    assert!(removed_states > 0);
}

/// A damaged chunk deep inside a long item (read by the parallel pipeline): what was
/// released before the error is a true prefix of the content, and the error names the item.
#[test]
fn damage_in_a_long_item_releases_only_authentic_bytes() {
    let (storage, mut vault) = new_vault();
    let data = content(100 * CHUNK + 5, 3);
    let id = vault.add(&mut &data[..], b"long", &AddOptions::default()).unwrap();
    let payload = vault.item(id).unwrap().payload;
    drop(vault);
    for chunk in [0u64, 31, 32, 70, 100] {
        let mut bytes = storage.current();
        let at = payload.offset + 16 + chunk * (CHUNK as u64 + 16) + 5;
        bytes[at as usize] ^= 0x80;
        let damaged = Vault::open_in(Box::new(image(bytes)), &pass()).unwrap();
        let mut released = Vec::new();
        let result = damaged.read_item_to(id, &mut released);
        assert!(matches!(result, Err(VaultError::Integrity(Damage::Item(x))) if x == id), "chunk {chunk}");
        assert!(released.len() <= chunk as usize * CHUNK, "chunk {chunk}: released bytes past the damage");
        assert_eq!(released, data[..released.len()], "chunk {chunk}: wrong bytes released");
    }
}

/// Seeking touches only the chunks it needs: 1 MiB from the middle of a long item reads
/// about 1 MiB of the file, not everything before it.
#[test]
fn seeking_reads_only_the_chunks_needed() {
    let (storage, mut vault) = new_vault();
    let data = content(300 * CHUNK, 1);
    let id = vault.add(&mut &data[..], b"long.mp4", &AddOptions::default()).unwrap();
    let mut reader = vault.open_item(id).unwrap();
    let start = 150 * CHUNK as u64 + 1000;
    reader.seek(SeekFrom::Start(start)).unwrap();
    let before = storage.bytes_read();
    let mut buf = vec![0u8; 1 << 20];
    reader.read_exact(&mut buf).unwrap();
    let read = storage.bytes_read() - before;
    assert_eq!(buf, data[start as usize..start as usize + buf.len()]);
    assert!(read <= 17 * (CHUNK as u64 + 16), "read {read} bytes for 1 MiB");
}

/// A storage fault at any write or sync of an `add`: an error means the item is not in the
/// vault, success means it is (FORMAT-v2.md §8: the first superblock copy decides).
#[test]
fn an_add_that_fails_at_any_storage_operation_changed_nothing() {
    let content = crate::common::content(150_000, 9);
    let ops = {
        let (storage, mut vault) = new_vault();
        let before = storage.ops();
        vault.add(&mut &content[..], b"probe", &AddOptions::default()).unwrap();
        storage.ops() - before
    };
    for at in 0..ops + 2 {
        for kind in [std::io::ErrorKind::Other, std::io::ErrorKind::StorageFull] {
            let (storage, mut vault) = new_vault();
            storage.fault_at(at, clipvault::storage::Fault::Fail(kind));
            let result = vault.add(&mut &content[..], b"item", &AddOptions::default());
            drop(vault);
            let reopened = reopen(&storage).unwrap();
            let present = reopened.items().any(|i| i.name == b"item");
            assert_eq!(present, result.is_ok(), "fault at operation {at} ({kind:?}): add said {result:?}");
        }
    }
}

/// The evidence rule lives in the vault, below every front end: `remove` and `rename` refuse
/// an evidence item (and change nothing); the forced calls do it, the shred logged.
#[test]
fn evidence_is_shredded_or_renamed_only_when_forced() {
    let (_storage, mut vault) = new_vault();
    let kept = vault.add(&mut &b"a harmless one"[..], b"kept.jpg", &AddOptions::default()).unwrap();
    let id = vault.add(&mut &b"the threat"[..], b"threat.png", &AddOptions::default()).unwrap();
    vault.mark_evidence(&[id], "sent on 3 May", "chat").unwrap();
    assert!(matches!(vault.remove(&[kept, id]), Err(VaultError::Evidence(ids)) if ids == vec![id]));
    assert!(matches!(vault.rename(id, b"other.png"), Err(VaultError::Evidence(_))));
    assert_eq!(vault.items().count(), 2, "a refused shred removes nothing, not even the other item");
    vault.rename_forced(id, b"renamed.png").unwrap();
    vault.remove_forced(&[id]).unwrap();
    assert_eq!(vault.items().count(), 1);
    let log = vault.custody_log().unwrap();
    assert!(matches!(log.last().unwrap().event, clipvault::format::v2::Event::Shredded { item, .. } if item == id));
}

/// A key label's rule lives in the library, for every front end (the CLI checked control
/// characters itself and the library did not; a compartment's label had a check of its own).
#[test]
fn key_labels_are_checked_by_the_vault_itself() {
    let (_storage, mut vault) = new_vault();
    let other = Passphrase::new("another passphrase entirely");
    for bad in ["\x1b[2Jwiped".to_string(), "x".repeat(65)] {
        assert!(matches!(vault.add_passphrase(&other, &bad), Err(VaultError::BadLabel)), "{bad:?}");
        assert!(matches!(vault.add_recovery(&bad), Err(VaultError::BadLabel)), "{bad:?}");
        assert!(matches!(vault.add_compartment(&other, &[], &bad), Err(VaultError::BadLabel)), "{bad:?}");
    }
    assert!(vault.add_passphrase(&other, "in the safe").is_ok());
}

/// The evidence bundle is the library's (it was built in the command line, so a library user
/// could not make one): written from a vault in memory, every file is in SHA256SUMS with its
/// real hash, an unmarked item is refused, and the export is in the custody log.
#[test]
fn a_library_user_writes_an_evidence_bundle() {
    use sha2::{Digest, Sha256};
    let (_storage, mut vault) = new_vault();
    let threat =
        vault.add_item(&mut &b"the threat, a screenshot"[..], b"threat.png", &AddOptions::default()).unwrap().id;
    let other = vault.add_item(&mut &b"not evidence"[..], b"cat.jpg", &AddOptions::default()).unwrap().id;
    vault.mark_evidence(&[threat], "asks for money", "Instagram DM").unwrap();
    let out = tempfile::tempdir().unwrap();
    let refused = vault.export_evidence(&[other], false, clipvault::vault::BundleTarget::Folder(&out.path().join("x")));
    assert!(matches!(refused, Err(VaultError::Refused(_))), "{refused:?}");
    let to = out.path().join("bundle");
    let written = vault.export_evidence(&[threat], false, clipvault::vault::BundleTarget::Folder(&to)).unwrap();
    assert_eq!((written.items, written.withheld), (1, 0));
    let sums = std::fs::read_to_string(to.join("SHA256SUMS")).unwrap();
    let mut listed = 0;
    for line in sums.lines() {
        let (hash, rel) = line.split_once("  ").unwrap();
        assert_eq!(hex::encode(Sha256::digest(std::fs::read(to.join(rel)).unwrap())), hash, "{rel}");
        listed += 1;
    }
    assert_eq!(listed, 6, "{sums}");
    assert!(sums.contains("hashes.csv"), "{sums}");
    assert!(sums.contains("media/") && to.join("SHA256SUMS.sig").is_file());
    let log = vault.custody_log().unwrap();
    assert!(matches!(log.last().unwrap().event, clipvault::format::v2::Event::Exported { .. }));
}

/// Version 4's identities (FORMAT-v2.md §14): every item gets a uid of its own, a rename or
/// retag stamps the change with the time and this file's device, and a shred leaves a
/// tombstone with the uid in the same commit, kept across reopening.
#[test]
fn items_carry_an_identity_changes_are_stamped_and_a_shred_leaves_a_tombstone() {
    let (storage, mut vault) = new_vault();
    let a = vault.add(&mut &b"first"[..], b"a.txt", &AddOptions::default()).unwrap();
    let b = vault.add(&mut &b"second"[..], b"b.txt", &AddOptions::default()).unwrap();
    let device = vault.device();
    assert_ne!(device, [0; 8]);
    let (uid_a, uid_b) = (vault.item(a).unwrap().uid, vault.item(b).unwrap().uid);
    assert_ne!(uid_a, uid_b);
    assert_eq!(vault.item(a).unwrap().changed.device, device);
    vault.rename(a, b"renamed.txt").unwrap();
    vault.retag(&[a], &["x".into()], &[]).unwrap();
    assert_eq!(vault.item(a).unwrap().changed.device, device);
    assert!(vault.tombstones().is_empty());
    vault.remove(&[b]).unwrap();
    drop(vault);
    let vault = reopen(&storage).unwrap();
    assert_eq!(vault.device(), device, "a device keeps its id");
    assert_eq!(vault.item(a).unwrap().uid, uid_a, "a uid survives a rename and a reopen");
    let tombstones = vault.tombstones();
    assert_eq!(tombstones.len(), 1);
    assert_eq!((tombstones[0].uid, tombstones[0].shredded.device, tombstones[0].forced), (uid_b, device, false));
}
