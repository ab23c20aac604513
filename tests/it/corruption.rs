//! Damage to each region of a vault: the header copies, key slots, index segments and item
//! data. Undamaged items stay readable, damaged ones are named, one damaged copy falls back
//! to the other, and salvage copies every intact item. Property tests feed random and
//! mutated files to open, list, verify and read: no panic, no wrong bytes.

use clipvault::storage::MemStorage;
use clipvault::{AddOptions, Damage, Vault, VaultError};
use proptest::prelude::*;

use crate::common::*;

const SB: usize = 4096;

/// Per item: its id, the offset of its payload, and its content.
type Expected = Vec<(u64, u64, Vec<u8>)>;

/// A vault with three items; returns its bytes and, per item, (id, payload offset, content).
fn sample_vault() -> (Vec<u8>, Expected) {
    let (storage, mut vault) = new_vault();
    let mut items = Vec::new();
    for k in 0..3u8 {
        let data = content(2 * CHUNK + 100 * k as usize, k);
        let id = vault.add(&mut &data[..], &[b'f', k], &AddOptions::default()).unwrap();
        items.push((id, vault.item(id).unwrap().payload.offset, data));
    }
    drop(vault);
    (storage.current(), items)
}

fn open(bytes: Vec<u8>) -> Result<Vault, VaultError> {
    Vault::open_in(Box::new(MemStorage::from_bytes(bytes)), &pass())
}

#[test]
fn a_damaged_superblock_falls_back_to_the_other() {
    let (bytes, items) = sample_vault();
    for copy in 0..2 {
        for damage in [(100, 1), (72, 128), (1200, 64), (4032, 32), (0, SB)] {
            let mut b = bytes.clone();
            let start = copy * SB + damage.0;
            // Flip every bit: zeroing could leave a byte that was already zero (1 in 256 for
            // random salt and nonce bytes) and the copy would not be damaged at all.
            b[start..start + damage.1].iter_mut().for_each(|byte| *byte ^= 0xff);
            let mut vault = open(b).unwrap_or_else(|e| panic!("copy {copy} damaged at {damage:?}: {e}"));
            for (id, _, data) in &items {
                assert_eq!(&read_all(&vault, *id).unwrap(), data);
            }
            // Every item reads, and verify reports the copy that is gone.
            let problems = vault.verify(|_| {}).unwrap();
            assert_eq!(problems.len(), 1, "copy {copy} damaged at {damage:?}: {problems:?}");
            assert_eq!(problems[0].item, None);
            assert!(problems[0].what.contains(&format!("header copy {} of 2", copy + 1)), "{problems:?}");
        }
    }
    let mut both = bytes.clone();
    both[..2 * SB].fill(0);
    assert!(matches!(open(both), Err(VaultError::NotAVault)));
    let mut both = bytes;
    both[1500] ^= 1;
    both[SB + 1500] ^= 1;
    assert!(matches!(open(both), Err(VaultError::Integrity(Damage::Header))));
}

/// One bad 4 KiB block, anywhere: the index and every item it does not hold stay readable
/// (in format version 1 a block across the two adjacent copies of a segment lost both).
#[test]
fn any_one_bad_block_leaves_the_index_and_the_other_items_whole() {
    let (bytes, items) = sample_vault();
    let blocks = bytes.len() / 4096;
    assert!(blocks > 20);
    for block in 0..blocks {
        let mut b = bytes.clone();
        b[block * 4096..(block + 1) * 4096].iter_mut().for_each(|byte| *byte ^= 0xa5);
        let vault = open(b).unwrap_or_else(|e| panic!("block {block}: {e}"));
        assert_eq!(vault.items().count(), items.len(), "block {block}");
        let in_block = |offset: u64, len: u64| offset < (block as u64 + 1) * 4096 && offset + len > block as u64 * 4096;
        for (id, _, data) in &items {
            let item = vault.item(*id).unwrap();
            if !in_block(item.payload.offset, item.payload.len) {
                assert_eq!(&read_all(&vault, *id).unwrap(), data, "block {block}");
            }
        }
    }
}

/// Bytes of an older copy of the file spliced into the current one (a shredded item's index
/// segment and payload, or an old manifest, at the places the current state references)
/// never bring the shredded item back: each blob is referenced by its SHA-256.
#[test]
fn splicing_old_index_bytes_into_the_current_file_fails() {
    let (storage, mut vault) = new_vault();
    let mut ids = Vec::new();
    for k in 0..3u8 {
        ids.push(vault.add(&mut &content(CHUNK + 7, k)[..], &[b's', k], &AddOptions::default()).unwrap());
    }
    let old = storage.current();
    let old_segments = vault.index_segments();
    let victim = vault.item(ids[1]).unwrap().clone();
    vault.remove(&[ids[1]]).unwrap();
    let new_segments = vault.index_segments();
    drop(vault);
    let current = storage.current();
    let (old_copies, _) = old_segments.iter().find(|(_, in_it)| in_it.contains(&ids[1])).unwrap();
    for (new_copies, _) in &new_segments {
        let mut b = current.clone();
        let alloc = victim.allocation.offset as usize..victim.allocation.end().unwrap() as usize;
        b[alloc.clone()].copy_from_slice(&old[alloc]);
        for (new, old_copy) in new_copies.iter().zip(old_copies.iter()) {
            let len = old_copy.len.min(new.len) as usize;
            let from = &old[old_copy.offset as usize..old_copy.offset as usize + len];
            b[new.offset as usize..new.offset as usize + len].copy_from_slice(from);
        }
        match open(b) {
            Err(VaultError::Integrity(Damage::Index)) => {}
            Ok(v) => assert!(v.item(ids[1]).is_err(), "a spliced segment brought back the shredded item"),
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn a_damaged_index_copy_uses_its_mirror_and_says_so() {
    let (bytes, items) = sample_vault();
    let (copies, _) = {
        let v = open(bytes.clone()).unwrap();
        v.index_segments()[0].clone()
    };
    let mut b = bytes.clone();
    b[copies[0].offset as usize + 40] ^= 0x10;
    let mut vault = open(b).unwrap();
    for (id, _, data) in &items {
        assert_eq!(&read_all(&vault, *id).unwrap(), data);
    }
    let problems = vault.verify(|_| {}).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].item, None);
    assert!(problems[0].what.contains("mirror"));
}

#[test]
fn a_lost_index_segment_fails_open_but_salvage_finds_its_items_by_their_headers() {
    let (bytes, items) = sample_vault();
    let segments = open(bytes.clone()).unwrap().index_segments();
    assert!(segments.len() >= 2, "three items make two segments");
    let (copies, lost_ids) = segments[1].clone();
    let mut b = bytes;
    for copy in copies {
        b[copy.offset as usize + 50] ^= 1;
    }
    assert!(matches!(open(b.clone()), Err(VaultError::Integrity(Damage::Index))));
    let salvage = |bytes: Vec<u8>| {
        let damaged = Vault::open_salvage_in(Box::new(MemStorage::from_bytes(bytes)), &pass()).unwrap();
        assert!(damaged.index_incomplete());
        let (target_storage, mut target) = new_vault();
        let lost = damaged.salvage_into(&mut target, |_| {}).unwrap();
        assert!(lost.is_empty());
        drop(target);
        (damaged.recovered_items(), reopen(&target_storage).unwrap())
    };
    // Every index copy of the segment is gone, but each item's header names it.
    let (recovered, saved) = salvage(b.clone());
    assert_eq!(recovered, lost_ids.len());
    assert_eq!(snapshot(&saved).len(), items.len());
    for (id, _, data) in &items {
        let item = saved.items().find(|i| read_all(&saved, i.id).unwrap() == *data);
        assert!(item.is_some(), "item {id:016x} was not salvaged");
    }
    // With the headers damaged too, the rest is still saved and those items are lost.
    let reader = Vault::open_salvage_in(Box::new(MemStorage::from_bytes(b.clone())), &pass()).unwrap();
    for item in reader.items().filter(|i| lost_ids.contains(&i.id)) {
        b[item.allocation.offset as usize + 100] ^= 1;
    }
    drop(reader);
    let (recovered, saved) = salvage(b);
    assert_eq!(recovered, 0);
    let survivors: Vec<_> = items.iter().filter(|(id, _, _)| !lost_ids.contains(id)).collect();
    assert_eq!(saved.items().count(), survivors.len());
}

#[test]
fn damaged_items_are_named_and_the_rest_salvaged() {
    let (bytes, items) = sample_vault();
    let mut b = bytes.clone();
    let (bad_id, bad_offset, _) = &items[1];
    b[*bad_offset as usize + 70_000..*bad_offset as usize + 74_096].fill(0);
    let mut vault = open(b).unwrap();
    let problems = vault.verify(|_| {}).unwrap();
    assert_eq!(problems.iter().map(|p| p.item).collect::<Vec<_>>(), vec![Some(*bad_id)]);
    assert_eq!(read_all(&vault, items[0].0).unwrap(), items[0].2);
    assert_eq!(read_all(&vault, items[2].0).unwrap(), items[2].2);
    let (target_storage, mut target) = new_vault();
    let lost = vault.salvage_into(&mut target, |_| {}).unwrap();
    assert_eq!(lost, vec![*bad_id]);
    drop(target);
    let mut saved = reopen(&target_storage).unwrap();
    assert_eq!(saved.items().count(), 2);
    assert!(saved.verify(|_| {}).unwrap().is_empty());
    let original = vault.item(items[0].0).unwrap();
    let copy = saved.items().find(|i| i.name == original.name).unwrap();
    assert_eq!((copy.added, copy.sha256), (original.added, original.sha256));
}

/// Reads everything a possibly damaged vault offers; every byte returned must be right.
fn exercise(bytes: Vec<u8>, expected: &[(u64, u64, Vec<u8>)]) {
    for salvage in [false, true] {
        let storage = Box::new(MemStorage::from_bytes(bytes.clone()));
        let opened = if salvage { Vault::open_salvage_in(storage, &pass()) } else { Vault::open_in(storage, &pass()) };
        let Ok(mut vault) = opened else { continue };
        let _ = vault.info();
        let _ = vault.verify(|_| {});
        for item in vault.items() {
            let (_, _, want) = expected.iter().find(|(id, _, _)| *id == item.id).expect("no invented items");
            if let Ok(got) = read_all(&vault, item.id) {
                assert_eq!(&got, want);
            }
        }
    }
}

proptest! {
    // 48 cases by default; PROPTEST_CASES=5000 for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_files_are_rejected_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..20_000)) {
        exercise(bytes, &[]);
    }

    #[test]
    fn random_files_with_a_valid_magic_are_rejected(mut bytes in proptest::collection::vec(any::<u8>(), 8192..12_000)) {
        bytes[..8].copy_from_slice(b"CLIPVLT\0");
        bytes[8..10].copy_from_slice(&1u16.to_le_bytes());
        exercise(bytes, &[]);
    }

    #[test]
    fn mutated_vaults_never_yield_wrong_bytes(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (mut bytes, items) = SAMPLE.with(|s| s.clone());
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        exercise(bytes, &items);
    }
}

thread_local! {
    static SAMPLE: (Vec<u8>, Expected) = sample_vault();
}

/// `verify` checks every copy of everything it can: the second copy of a custody log page
/// and a stored thumbnail are damage too, though every item still reads back.
#[test]
fn verify_reports_a_damaged_custody_page_copy_and_a_damaged_thumbnail() {
    let (storage, mut vault) = new_vault();
    let mut png = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let options = AddOptions { thumbnail: true, ..Default::default() };
    let id = vault.add(&mut &png[..], b"photo.png", &options).unwrap();
    vault.mark_evidence(&[id], "the threat", "chat").unwrap();
    let thumbnail = vault.item(id).unwrap().thumbnail.clone().expect("a PNG gets a thumbnail");
    let page = vault.custody_pages()[0];
    drop(vault);
    let mut bytes = storage.current();
    assert!(reopen(&image(bytes.clone())).unwrap().verify(|_| {}).unwrap().is_empty());
    bytes[(page[1].offset + 100) as usize] ^= 0x40;
    let problems = reopen(&image(bytes.clone())).unwrap().verify(|_| {}).unwrap();
    assert!(problems.iter().any(|p| p.item.is_none() && p.what.contains("custody")), "{problems:?}");
    bytes[(thumbnail.payload.offset + 40) as usize] ^= 0x40;
    let problems = reopen(&image(bytes)).unwrap().verify(|_| {}).unwrap();
    assert!(problems.iter().any(|p| p.item == Some(id) && p.what.contains("thumbnail")), "{problems:?}");
}

/// One 8 KiB bad region over both copies of the manifest lost every item to `salvage`,
/// though every item and its header were intact. Salvage now finds them by their headers.
#[test]
fn salvage_finds_every_item_by_its_header_when_both_manifest_copies_are_lost() {
    let (bytes, items) = sample_vault();
    let copies = open(bytes.clone()).unwrap().manifest_copies().expect("version 2");
    let mut b = bytes;
    for copy in copies {
        b[copy.offset as usize + 50] ^= 1;
    }
    assert!(open(b.clone()).is_err(), "no index: a normal open fails");
    let damaged = Vault::open_salvage_in(Box::new(MemStorage::from_bytes(b)), &pass()).unwrap();
    assert!(damaged.manifest_unreadable() && damaged.index_incomplete());
    assert_eq!(damaged.recovered_items(), items.len());
    let (target_storage, mut target) = new_vault();
    assert!(damaged.salvage_into(&mut target, |_| {}).unwrap().is_empty());
    drop(target);
    let saved = reopen(&target_storage).unwrap();
    for (id, _, data) in &items {
        assert!(saved.items().any(|i| read_all(&saved, i.id).unwrap() == *data), "item {id:016x} was not salvaged");
    }
}

/// The two copies of the manifest sat in adjacent 4 KiB units: one 8 KiB bad region lost both.
/// An add now writes the item between them, so such a region over either copy leaves the
/// other, and the vault opens as usual (verify names the damaged copy).
#[test]
fn an_8_kib_bad_region_over_either_manifest_copy_leaves_the_other() {
    let (bytes, items) = sample_vault();
    let copies = open(bytes.clone()).unwrap().manifest_copies().expect("version 2 or later");
    let (first, mirror) = (copies[0].offset, copies[1].offset);
    assert!(first.abs_diff(mirror) >= 3 * 4096, "the copies lie apart: {first} and {mirror}");
    for start in [first, mirror] {
        for shift in [0u64, 2048, 4095] {
            let mut b = bytes.clone();
            let from = (start + shift).saturating_sub(4096) as usize;
            let to = (from + 8192).min(b.len());
            b[from..to].iter_mut().for_each(|x| *x = 0);
            // The bad region may hit an item too; the index itself must open whole.
            let Ok(mut vault) = open(b) else { panic!("an 8 KiB region from {from} took the whole index") };
            assert_eq!(vault.items().count(), items.len());
            assert!(!vault.verify(|_| {}).unwrap().is_empty());
        }
    }
}
