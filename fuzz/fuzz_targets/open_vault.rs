//! A whole vault file from arbitrary bytes: open, list, verify and read every item. Starts
//! best from the format test vector: pass `../tests/vectors` as a second corpus folder.
#![no_main]

use clipvault::storage::MemStorage;
use clipvault::{Passphrase, Vault};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pass = Passphrase::new("correct horse battery staple");
    let Ok(mut vault) = Vault::open_in(Box::new(MemStorage::from_bytes(data.to_vec())), &pass) else {
        return;
    };
    let _ = vault.info();
    let _ = vault.verify(|_| {});
    let ids: Vec<u64> = vault.items().map(|i| i.id).collect();
    for id in ids {
        let _ = vault.read_item_to(id, &mut std::io::sink());
    }
});
