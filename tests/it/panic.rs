//! `panic`: every way into the vault destroyed at once, without a key, crash-safe in the
//! useful direction (the vault as before, or unopenable; never half-readable), and through
//! the real binary with its confirmation, `--also-delete` and other processes ended first.

use crate::common::*;
use crate::fixture::{CliEnv, quiet};
use clipvault::storage::{Fault, MemStorage};
use clipvault::{Key, Passphrase, Vault, VaultError};
use predicates::prelude::*;
use predicates::str::contains;

fn opens(storage: &MemStorage) -> Result<Vault, VaultError> {
    Vault::open_in(Box::new(storage.clone()), &pass())
}

#[test]
fn after_panic_no_passphrase_of_any_compartment_or_recovery_key_opens_the_file_but_an_earlier_copy_does() {
    let (storage, mut vault) = new_vault();
    vault.add(&mut &content(3 * CHUNK, 1)[..], b"a.mp4", &Default::default()).unwrap();
    let (_, identity) = vault.add_recovery("").unwrap();
    let second = Passphrase::new("lantern orbit pebble cascade");
    vault.add_passphrase(&second, "").unwrap();
    let other_compartment = Passphrase::new("sunflower teapot marathon velvet");
    vault.add_compartment(&other_compartment, &[], "").unwrap();
    drop(vault);
    let copy = image(storage.current());
    clipvault::vault::destroy_keys(&storage).unwrap();
    for passphrase in [pass(), second, other_compartment] {
        let opened = Vault::open_in(Box::new(storage.clone()), &passphrase);
        assert!(matches!(opened, Err(VaultError::WrongPassphrase)), "a passphrase still opens");
        // The copy from before opens with each of them: panic cannot reach copies.
        assert!(Vault::open_in(Box::new(copy.clone()), &passphrase).is_ok());
    }
    let by_recovery = Vault::open_in_with(Box::new(storage.clone()), Key::Identity(&identity));
    assert!(matches!(by_recovery, Err(VaultError::WrongPassphrase)));
    // The copy taken before is untouched and still opens: panic cannot reach copies.
    assert_eq!(opens(&copy).unwrap().items().count(), 1);
    // Nothing of the old superblocks' key material is left in the file.
    let (before, after) = (copy.current(), storage.current());
    for at in (72..1096).step_by(128) {
        assert!(!after.windows(128).any(|w| w == &before[at..at + 128]), "slot at {at} survived");
    }
    assert_ne!(before[40..72], after[40..72], "the KDF salt survived");
}

/// A format-1 vault that was never upgraded (panic itself writes no upgrade).
#[test]
fn panic_closes_a_version_1_vault_too() {
    let vector = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1-small.clipvault");
    let storage = image(std::fs::read(vector).unwrap());
    assert_eq!(opens(&storage).unwrap().format_version(), 1);
    clipvault::vault::destroy_keys(&storage).unwrap();
    assert!(matches!(opens(&storage), Err(VaultError::WrongPassphrase)));
}

#[test]
fn a_crash_at_any_write_of_panic_leaves_the_vault_intact_or_unopenable() {
    let setup = || {
        let storage = vault_with_items(3);
        (storage.clone(), snapshot(&opens(&storage).unwrap()))
    };
    let ops = {
        let (storage, _) = setup();
        let start = storage.ops();
        clipvault::vault::destroy_keys(&storage).unwrap();
        storage.ops() - start
    };
    assert!(ops >= 4, "two writes and two syncs, at least");
    let (mut intact, mut destroyed) = (0, 0);
    for n in 0..=ops {
        let (storage, before) = setup();
        storage.fault_at(n, Fault::Crash);
        let _ = clipvault::vault::destroy_keys(&storage);
        for bytes in [storage.current(), storage.durable()] {
            match opens(&image(bytes)) {
                Ok(vault) => {
                    assert_eq!(snapshot(&vault), before, "crash at op {n}: opened, but not as before");
                    intact += 1;
                }
                Err(VaultError::WrongPassphrase | VaultError::Integrity(_)) => destroyed += 1,
                Err(e) => panic!("crash at op {n}: {e}"),
            }
        }
    }
    assert!(intact > 0 && destroyed > 0, "the crash points cover both outcomes");
}

#[test]
fn panic_on_the_command_line_asks_then_destroys_and_can_delete_the_file() {
    let env = CliEnv::new();
    // panic itself needs no passphrase.
    let clipvault = || env.no_pass();
    env.cmd().args(["add", "-", "--name", "x"]).write_stdin("x").assert().success();
    // Without a terminal to type PANIC on, --yes is needed.
    clipvault().arg("panic").assert().code(2).stderr(contains("--yes"));
    clipvault()
        .args(["panic", "--yes"])
        .assert()
        .success()
        .stderr(contains("no passphrase or recovery key opens").and(contains("copy")));
    env.cmd().arg("list").assert().code(3);
    clipvault().args(["panic", "--yes", "--also-delete"]).assert().success();
    assert!(!env.vault.exists());
}

/// A clipvault process that holds the vault open (here a viewer waiting on its player) is
/// ended before the keys are destroyed, so it cannot commit them back.
#[test]
fn panic_ends_other_clipvault_processes_on_the_vault_first() {
    // The add has 500 ms to open the vault.
    let _quiet = quiet();
    let env = CliEnv::new();
    let mut viewer =
        env.process().args(["add", "-", "--name", "slow"]).stdin(std::process::Stdio::piped()).spawn().unwrap();
    // The add holds the vault open while it waits for its standard input.
    std::thread::sleep(std::time::Duration::from_millis(500));
    env.no_pass().args(["panic", "--yes"]).assert().success().stderr(contains("ended 1 other clipvault process"));
    let status = viewer.wait().unwrap();
    assert!(!status.success());
    env.cmd().arg("list").assert().code(3);
}
