//! Format test vectors (docs/FORMAT.md §11): a small vault written with a seeded random
//! generator and a fixed clock. The current code must write exactly these bytes and read
//! them back, so an accidental format change fails here.
//!
//! After an intended format change: `CLIPVAULT_REGEN_VECTORS=1 cargo test --test vectors`,
//! then bump the format version and say so in FORMAT.md.

use clipvault::storage::MemStorage;
use clipvault::{AddOptions, CreateOptions, KdfParams, Passphrase, Vault};
use std::io::Read;
use std::path::PathBuf;

const PASSPHRASE: &str = "correct horse battery staple";
const HELLO: &[u8] = b"hello, vault\n";

fn vector_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1-small.clipvault")
}

fn zeros() -> Vec<u8> {
    vec![0u8; 70_000]
}

fn write_vector() -> Vec<u8> {
    let storage = MemStorage::new();
    let options = CreateOptions {
        kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 },
        test_seed: Some(([7; 32], 1_700_000_000)),
    };
    let mut vault = Vault::create_in(Box::new(storage.clone()), &Passphrase::new(PASSPHRASE), &options).unwrap();
    vault.add(&mut &HELLO[..], b"hello.txt", &AddOptions::default()).unwrap();
    vault.add(&mut &zeros()[..], b"zeros.bin", &AddOptions::default()).unwrap();
    drop(vault);
    storage.current()
}

#[test]
fn writer_produces_the_pinned_bytes() {
    let written = write_vector();
    if std::env::var_os("CLIPVAULT_REGEN_VECTORS").is_some() {
        std::fs::write(vector_path(), &written).unwrap();
    }
    let pinned = std::fs::read(vector_path()).expect("tests/vectors/v1-small.clipvault");
    assert_eq!(written.len(), pinned.len(), "vault length changed");
    let first_diff = written.iter().zip(&pinned).position(|(a, b)| a != b);
    assert_eq!(first_diff, None, "the format changed: first differing byte");
}

#[test]
fn reader_opens_the_pinned_vault() {
    let pinned = std::fs::read(vector_path()).unwrap();
    assert_eq!(&pinned[..8], b"CLIPVLT\0");
    assert_eq!(u16::from_le_bytes([pinned[8], pinned[9]]), 1);
    let vault = Vault::open_in(Box::new(MemStorage::from_bytes(pinned)), &Passphrase::new(PASSPHRASE), false).unwrap();
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
