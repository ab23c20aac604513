//! clipvault: an encrypted private media vault in one file.
//!
//! A vault holds any number of items (photos, videos, voice clips), each encrypted with its
//! own key in age's STREAM format, behind an encrypted, padded index and a passphrase
//! (Argon2id). Every change is committed crash-safely: a crash at any moment leaves the old
//! or the new state. The byte format is specified in `docs/FORMAT.md`.
//!
//! ```
//! use clipvault::{CreateOptions, KdfParams, Passphrase, Vault, storage::MemStorage};
//! use std::io::Read;
//!
//! let pass = Passphrase::new("correct horse battery staple");
//! // Tiny KDF parameters keep the example fast; real vaults use the default profile.
//! let options = CreateOptions { kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 }, ..Default::default() };
//! let storage = MemStorage::new();
//! let mut vault = Vault::create_in(Box::new(storage.clone()), &pass, &options)?;
//! let id = vault.add(&mut &b"a private clip"[..], b"clip.mp4", &Default::default())?;
//! drop(vault);
//!
//! let vault = Vault::open_in(Box::new(storage), &pass)?;
//! let mut content = Vec::new();
//! vault.open_item(id)?.read_to_end(&mut content)?;
//! assert_eq!(content, b"a private clip");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Layers, from top to bottom: [`vault`] (operations and the commit protocol), [`format`](mod@format)
//! (bytes on disk), [`crypto`] (keys and ciphers), [`storage`] (positional file I/O and
//! locking), [`sys`] (the operating system: the only `unsafe` code but the audited key
//! wrapper in `crypto::stream`). A [`Vault`] reads; the one [`VaultWriter`] (holding the
//! lock) writes. The `clipvault` binary is a thin command line over them.

#![deny(unsafe_code)]

pub mod age_file;
pub mod crypto;
pub mod evidence;
pub mod format;
pub mod i18n;
pub mod leftovers;
pub mod listing;
pub mod media;
pub mod names;
mod range;
#[cfg(feature = "serve")]
pub mod serve;
pub mod storage;
#[allow(unsafe_code)] // system calls without a safe interface, each with its reason
pub mod sys;
pub mod times;
pub mod vault;
pub mod wipe;

pub use crypto::{KdfParams, KdfProfile, Passphrase};
pub use format::{ItemRecord, SlotInfo, SlotKind};
pub use storage::LockWait;
pub use vault::{
    AddOptions, Added, CreateOptions, Damage, ItemReader, Key, OpenOptions, Problem, SessionKey, Vault, VaultError,
    VaultInfo, VaultWriter,
};
