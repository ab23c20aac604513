//! The vault layer's errors: what went wrong ([`VaultError`]) and which part of a file is
//! damaged ([`Damage`]). Imports nothing from the rest of the vault module, so every file
//! of it can use these.

use crate::crypto::{CryptoError, KdfParams};
use crate::format::FormatError;
use crate::storage::LockError;
use std::fmt;
use std::io;

/// Which part of a vault is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// Neither superblock is usable.
    Header,
    /// The index (both copies of a segment) or the commit record.
    Index,
    /// One item's content; holds its id.
    Item(u64),
    /// The file ends before its committed data does.
    Truncated,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Header => f.write_str("vault header is damaged"),
            Damage::Index => f.write_str("vault index is damaged"),
            Damage::Item(id) => write!(f, "item {id:016x} is damaged"),
            Damage::Truncated => f.write_str("vault file is truncated"),
        }
    }
}

/// Everything that can go wrong at the vault level. Never holds a key, a passphrase or an
/// item name.
#[derive(Debug)]
#[non_exhaustive]
pub enum VaultError {
    /// No key slot opens with this passphrase.
    WrongPassphrase,
    /// The file is not a clipvault vault.
    NotAVault,
    /// The file is a vault of a version this build cannot read.
    UnsupportedVersion(u16),
    /// Authenticated data failed to verify, or the file is damaged.
    Integrity(Damage),
    /// No item matches.
    ItemNotFound,
    /// More than one item matches; their ids.
    Ambiguous(Vec<u64>),
    /// Another process is writing to the vault.
    Busy,
    /// A read-only handle met a vault that its key no longer opens: `key rotate` or `panic`
    /// ran while it read. Nothing is damaged; the command can be run again.
    Rekeyed,
    /// These items are evidence: shredding or renaming them needs the forced call
    /// ([`Vault::remove_forced`], [`Vault::rename_forced`]), which the custody log records.
    ///
    /// [`Vault::remove_forced`]: crate::Vault::remove_forced
    /// [`Vault::rename_forced`]: crate::Vault::rename_forced
    Evidence(Vec<u64>),
    /// A vault already exists at that path.
    AlreadyExists,
    /// This item already holds the same name and content (see [`AddOptions::skip_duplicate`]).
    ///
    /// [`AddOptions::skip_duplicate`]: crate::AddOptions::skip_duplicate
    Duplicate(u64),
    /// The vault's Argon2id parameters cost more than this device allows without asking.
    CostlyKdf(KdfParams),
    /// A key label longer than 64 bytes, or holding control characters.
    BadLabel,
    /// A request the vault cannot carry out; the text says why.
    Refused(&'static str),
    /// Reading or writing failed.
    Io(io::Error),
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::WrongPassphrase => f.write_str("wrong passphrase"),
            VaultError::NotAVault => f.write_str("not a clipvault vault"),
            VaultError::UnsupportedVersion(v) => {
                write!(f, "vault format version {v} is not supported by this clipvault")
            }
            VaultError::Integrity(damage) => write!(f, "integrity check failed: {damage}"),
            VaultError::ItemNotFound => f.write_str("no such item"),
            VaultError::Ambiguous(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| format!("{id:016x}")).collect();
                write!(f, "ambiguous item, candidates: {}", ids.join(", "))
            }
            VaultError::Busy => f.write_str("vault is busy: another clipvault process is writing to it"),
            VaultError::Rekeyed => {
                f.write_str("the vault was re-keyed or closed by another command while this one read it; run it again")
            }
            VaultError::Evidence(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| format!("{:08x}", id >> 32)).collect();
                write!(
                    f,
                    "{} {} evidence: shredding or renaming needs force (the custody log records it)",
                    ids.join(", "),
                    if ids.len() == 1 { "is" } else { "are" }
                )
            }
            VaultError::AlreadyExists => f.write_str("a file already exists at the vault path"),
            VaultError::Duplicate(id) => write!(f, "already in the vault under this name as {id:016x}"),
            VaultError::CostlyKdf(kdf) => write!(
                f,
                "this vault asks for Argon2id with {} MiB of memory and {} passes, more than this device allows \
                 without asking (it could exhaust the memory); if you trust the file, pass --allow-costly-kdf",
                kdf.memory_kib / 1024,
                kdf.iterations
            ),
            VaultError::BadLabel => f.write_str("a key label is at most 64 bytes, without control characters"),
            VaultError::Refused(why) => f.write_str(why),
            VaultError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<io::Error> for VaultError {
    fn from(e: io::Error) -> Self {
        VaultError::Io(e)
    }
}

impl From<FormatError> for VaultError {
    fn from(e: FormatError) -> Self {
        match e {
            FormatError::NotAVault => VaultError::NotAVault,
            FormatError::UnsupportedVersion(v) => VaultError::UnsupportedVersion(v),
            FormatError::BadChecksum | FormatError::Malformed(_) => VaultError::Integrity(Damage::Index),
        }
    }
}

pub(super) fn lock_error(e: LockError) -> VaultError {
    match e {
        LockError::Busy => VaultError::Busy,
        LockError::Io(e) => VaultError::Io(e),
    }
}

pub(super) fn kdf_refusal(e: &CryptoError) -> &'static str {
    match e {
        CryptoError::KdfParams(why) => why,
        CryptoError::DecryptionFailed => "key derivation failed",
    }
}
