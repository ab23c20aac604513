//! Format test vectors: small vaults written with a seeded random generator and a fixed
//! clock. `v4-small.clipvault` (FORMAT-v2.md §12) is what the current code writes, byte for
//! byte, so an accidental format change fails here; `v3-small.clipvault` and
//! `v2-small.clipvault` (the same content, written by the last version 3 and version 2
//! writers) and `v1-small.clipvault` (FORMAT.md §11) are only read (their upgrades:
//! tests/it/upgrade.rs).
//!
//! After an intended change of version 4: `CLIPVAULT_REGEN_VECTORS=1 cargo test --features
//! test-vectors --test it vectors::`, and say so in FORMAT-v2.md.

use clipvault::storage::MemStorage;
#[cfg(feature = "test-vectors")]
use clipvault::{AddOptions, CreateOptions, KdfParams};
use clipvault::{Passphrase, Vault};
use std::io::Read;
use std::path::PathBuf;

const PASSPHRASE: &str = "correct horse battery staple";
const HELLO: &[u8] = b"hello, vault\n";

fn vector_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(name)
}

/// The second passphrase of the vectors of version 2 and later, in a labelled slot.
const SECOND: &str = "paper in the safe, second key";

fn zeros() -> Vec<u8> {
    vec![0u8; 70_000]
}

/// Needs the `test-vectors` feature (deterministic randomness): `.ci/run` runs it with
/// `cargo test --features test-vectors`.
#[cfg(feature = "test-vectors")]
fn write_vector() -> Vec<u8> {
    let storage = MemStorage::new();
    let options = CreateOptions {
        kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 },
        test_seed: Some(clipvault::vault::TestSeed::new([7; 32], 1_700_000_000)),
    };
    let mut vault = Vault::create_in(Box::new(storage.clone()), &Passphrase::new(PASSPHRASE), &options).unwrap();
    vault.add(&mut &HELLO[..], b"hello.txt", &AddOptions::default()).unwrap();
    vault.add(&mut &zeros()[..], b"zeros.bin", &AddOptions::default()).unwrap();
    vault.add_passphrase(&Passphrase::new(SECOND), "safe").unwrap();
    drop(vault);
    storage.current()
}

#[cfg(feature = "test-vectors")]
#[test]
fn writer_produces_the_pinned_bytes() {
    let written = write_vector();
    if std::env::var_os("CLIPVAULT_REGEN_VECTORS").is_some() {
        std::fs::write(vector_path("v4-small.clipvault"), &written).unwrap();
    }
    let pinned = std::fs::read(vector_path("v4-small.clipvault")).expect("tests/vectors/v4-small.clipvault");
    assert_eq!(written.len(), pinned.len(), "vault length changed");
    let first_diff = written.iter().zip(&pinned).position(|(a, b)| a != b);
    assert_eq!(first_diff, None, "the format changed: first differing byte");
}

#[test]
fn reader_opens_the_pinned_vaults_of_every_version() {
    for (name, version) in
        [("v1-small.clipvault", 1), ("v2-small.clipvault", 2), ("v3-small.clipvault", 3), ("v4-small.clipvault", 4)]
    {
        let pinned = std::fs::read(vector_path(name)).unwrap();
        assert_eq!(&pinned[..8], b"CLIPVLT\0");
        assert_eq!(u16::from_le_bytes([pinned[8], pinned[9]]), version);
        check_vector(
            &mut Vault::open_in(Box::new(MemStorage::from_bytes(pinned.clone())), &Passphrase::new(PASSPHRASE))
                .unwrap(),
        );
        if version >= 2 {
            let mut vault = Vault::open_in(Box::new(MemStorage::from_bytes(pinned)), &Passphrase::new(SECOND)).unwrap();
            check_vector(&mut vault);
            assert_eq!(vault.slot_label(1), Some("safe"));
            assert_eq!(vault.unlocked_slot(), 1);
        }
    }
}

fn check_vector(vault: &mut Vault) {
    let items: Vec<_> = vault.items().collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].name, b"hello.txt");
    assert_eq!(items[0].media_type, "text/plain");
    assert_eq!(items[0].added, 1_700_000_000);
    let hello_sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(HELLO).into();
    assert_eq!(items[0].sha256, hello_sha);
    assert_eq!(items[1].name, b"zeros.bin");
    assert_eq!(items[1].size, 70_000);
    let mut hello = Vec::new();
    vault.open_item(items[0].id).unwrap().read_to_end(&mut hello).unwrap();
    assert_eq!(hello, HELLO);
    let mut z = Vec::new();
    vault.read_item_to(items[1].id, &mut z).unwrap();
    assert_eq!(z, zeros());
    assert!(vault.verify(|_| {}).unwrap().is_empty());
}
