//! A decoy must not be told apart by the bytes of the file. An independent look separated
//! vaults with a second compartment from vaults without one in 60 of 60 cases: every commit
//! left its manifest as two byte-identical units, so a pair the decoy's key could not open
//! belonged to someone else; and the first compartment's first manifest always sat at offset
//! 8192. Measured here over many vaults of each kind, as that classifier would: no unit of
//! any file repeats, and the first manifest's offset varies. What still separates them (the
//! file's size against what the decoy shows) is measured and printed for SECURITY.md.

use clipvault::storage::MemStorage;
use clipvault::{AddOptions, Passphrase, Vault, VaultWriter};
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet};

use crate::common::*;

const VAULTS: usize = 24;

fn decoy() -> Passphrase {
    Passphrase::new("sunflower teapot marathon velvet")
}

fn add_some(vault: &mut VaultWriter, rng: &mut impl Rng, tag: u8, count: usize) {
    for k in 0..count {
        let mut content = vec![0u8; rng.gen_range(1_000..60_000)];
        rng.fill(&mut content[..]);
        vault.add(&mut &content[..], &[tag, k as u8], &AddOptions::default()).unwrap();
    }
}

/// A vault the coercer is given the passphrase of: alone, or beside a hidden compartment
/// (made before or after it). Returns the file and what the given passphrase shows.
fn vault(hidden: bool, seed: u64) -> (Vec<u8>, u64) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let storage = MemStorage::new();
    let shown = if hidden { pass() } else { decoy() };
    let mut first = Vault::create_in(Box::new(storage.clone()), &shown, &tiny_kdf()).unwrap();
    let count = rng.gen_range(2..6);
    add_some(&mut first, &mut rng, b's', count);
    if hidden {
        first.add_compartment(&decoy(), &[], "").unwrap();
        drop(first);
        let mut given = VaultWriter::open_in(Box::new(storage.clone()), &decoy()).unwrap();
        let count = rng.gen_range(2..6);
        add_some(&mut given, &mut rng, b'd', count);
    } else {
        drop(first);
    }
    let given = Vault::open_in(Box::new(storage.clone()), &decoy()).unwrap();
    let visible = given.items().map(|i| i.size).sum();
    (storage.current(), visible)
}

/// How many 4096-byte units of the data area occur more than once.
fn repeated_units(bytes: &[u8]) -> usize {
    let mut seen: HashMap<&[u8], usize> = HashMap::new();
    for unit in bytes[8192..].chunks(4096) {
        *seen.entry(unit).or_default() += 1;
    }
    seen.values().filter(|&&n| n > 1).count()
}

#[test]
fn no_byte_pattern_tells_a_vault_with_a_hidden_compartment_from_one_without() {
    let mut first_offsets = HashSet::new();
    let mut ratios = Vec::new();
    for n in 0..VAULTS {
        for hidden in [false, true] {
            let (bytes, visible) = vault(hidden, n as u64 * 2 + u64::from(hidden));
            assert_eq!(repeated_units(&bytes), 0, "vault {n} (hidden: {hidden}) repeats a unit");
            if !hidden {
                // The only compartment's first manifest: right after the random run it
                // starts with, the first thing written past the superblocks that is not random.
                let fresh = MemStorage::new();
                let v = Vault::create_in(Box::new(fresh.clone()), &decoy(), &tiny_kdf()).unwrap();
                first_offsets.insert(v.manifest_copies().unwrap()[0].offset);
            }
            ratios.push((bytes.len() as f64 / visible.max(1) as f64, hidden));
        }
    }
    assert!(first_offsets.len() >= 10, "a new vault's first manifest is at {first_offsets:?}");
    assert!(!first_offsets.contains(&8192) || first_offsets.len() > 1);
    // The size of the file against what the given passphrase shows: the best threshold.
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let best = (0..=ratios.len())
        .map(|cut| {
            let right = ratios[..cut].iter().filter(|(_, hidden)| !hidden).count()
                + ratios[cut..].iter().filter(|(_, hidden)| *hidden).count();
            right as f64 / ratios.len() as f64
        })
        .fold(0.0, f64::max);
    eprintln!(
        "size against visible content: the best threshold classifies {:.0}% of {} vaults",
        best * 100.0,
        ratios.len()
    );
}
