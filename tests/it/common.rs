//! Helpers shared by the library-level test modules.
#![allow(dead_code)]

use clipvault::storage::MemStorage;
use clipvault::{AddOptions, CreateOptions, KdfParams, Passphrase, Vault, VaultError, VaultWriter};

pub const CHUNK: usize = 64 * 1024;

/// Tiny Argon2id parameters, so tests are quick.
pub fn tiny_kdf() -> CreateOptions {
    CreateOptions { kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 }, ..Default::default() }
}

pub fn pass() -> Passphrase {
    Passphrase::new("correct horse battery staple")
}

/// Deterministic, non-repeating test content.
pub fn content(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 9) as u8).collect()
}

pub fn new_vault() -> (MemStorage, VaultWriter) {
    let storage = MemStorage::new();
    let vault = Vault::create_in(Box::new(storage.clone()), &pass(), &tiny_kdf()).unwrap();
    (storage, vault)
}

pub fn reopen(storage: &MemStorage) -> Result<Vault, VaultError> {
    Vault::open_in(Box::new(storage.clone()), &pass())
}

pub fn reopen_writer(storage: &MemStorage) -> Result<VaultWriter, VaultError> {
    VaultWriter::open_in(Box::new(storage.clone()), &pass())
}

pub fn image(bytes: Vec<u8>) -> MemStorage {
    MemStorage::from_bytes(bytes)
}

pub fn read_all(vault: &Vault, id: u64) -> Result<Vec<u8>, VaultError> {
    let mut out = Vec::new();
    vault.read_item_to(id, &mut out)?;
    Ok(out)
}

/// (name, content) of every item, sorted: what a state of the vault means to its user.
pub fn snapshot(vault: &Vault) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut items: Vec<_> = vault.items().map(|i| (i.name.clone(), read_all(vault, i.id).unwrap())).collect();
    items.sort();
    items
}

/// A vault with `n` items named `i\0`, `i\x01`, ... of a little over one chunk each.
pub fn vault_with_items(n: u8) -> MemStorage {
    let (storage, mut vault) = new_vault();
    for k in 0..n {
        vault.add(&mut &content(CHUNK + k as usize, k)[..], &[b'i', k], &AddOptions::default()).unwrap();
    }
    storage
}
