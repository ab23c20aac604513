//! The vault layer's errors: what went wrong ([`VaultError`]) and which part of a file is
//! damaged ([`Damage`]). Imports nothing from the rest of the vault module, so every file
//! of it can use these.

use crate::crypto::{CryptoError, KdfParams};
use crate::format::FormatError;
use crate::storage::LockError;
use std::io;

/// Which part of a vault is damaged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Damage {
    /// Neither superblock is usable.
    #[error("vault header is damaged")]
    Header,
    /// The index (both copies of a segment) or the commit record.
    #[error("vault index is damaged")]
    Index,
    /// One item's content; holds its id.
    #[error("item {0:016x} is damaged")]
    Item(u64),
    /// The file ends before its committed data does.
    #[error("vault file is truncated")]
    Truncated,
}

/// Why one copy of a structure kept twice (a superblock, an index segment, the manifest, a
/// custody page) cannot be used: what `verify` reports beside "its other copy is intact".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CopyDamage {
    /// The copy runs past the end of the file, or cannot be read.
    #[error("cut off or unreadable")]
    Unreadable,
    /// Its authentication tag does not match: changed, overwritten or torn.
    #[error("fails to authenticate")]
    Unauthentic,
    /// It authenticates but is not the content the reference names (its SHA-256 differs).
    #[error("not the copy the index refers to")]
    NotReferenced,
    /// It authenticates but breaks a rule of the format.
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// Everything that can go wrong at the vault level. Never holds a key, a passphrase or an
/// item name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// No key slot opens with this passphrase.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The file is not a clipvault vault.
    #[error("not a clipvault vault")]
    NotAVault,
    /// The file is a vault of a version this build cannot read.
    #[error("vault format version {0} is not supported by this clipvault")]
    UnsupportedVersion(u16),
    /// Authenticated data failed to verify, or the file is damaged.
    #[error("integrity check failed: {0}")]
    Integrity(Damage),
    /// A structure decrypted and authenticated but breaks a rule of the format: the damage,
    /// and the rule ([`std::error::Error::source`]).
    #[error("integrity check failed: {damage} ({source})")]
    Malformed {
        /// Where.
        damage: Damage,
        /// Which rule.
        source: FormatError,
    },
    /// No item matches.
    #[error("no such item")]
    ItemNotFound,
    /// More than one item matches; their ids.
    #[error("ambiguous item, candidates: {}", ids_long(.0))]
    Ambiguous(Vec<u64>),
    /// Another process is writing to the vault.
    #[error("vault is busy: another clipvault process is writing to it")]
    Busy,
    /// A read-only handle met a vault that its key no longer opens: `key rotate` or `panic`
    /// ran while it read. Nothing is damaged; the command can be run again.
    #[error("the vault was re-keyed or closed by another command while this one read it; run it again")]
    Rekeyed,
    /// These items are evidence: shredding or renaming them needs the forced call
    /// ([`VaultWriter::remove_forced`], [`VaultWriter::rename_forced`]), which the custody log
    /// records.
    ///
    /// [`VaultWriter::remove_forced`]: crate::VaultWriter::remove_forced
    /// [`VaultWriter::rename_forced`]: crate::VaultWriter::rename_forced
    #[error(
        "{} {} evidence: shredding or renaming needs force (the custody log records it)",
        ids_short(.0),
        if .0.len() == 1 { "is" } else { "are" }
    )]
    Evidence(Vec<u64>),
    /// A vault already exists at that path.
    #[error("a file already exists at the vault path")]
    AlreadyExists,
    /// This item already holds the same name and content (see [`AddOptions::skip_duplicate`]).
    ///
    /// [`AddOptions::skip_duplicate`]: crate::AddOptions::skip_duplicate
    #[error("already in the vault under this name as {0:016x}")]
    Duplicate(u64),
    /// The vault's Argon2id parameters cost more than this device allows without asking.
    #[error(
        "this vault asks for Argon2id with {} MiB of memory and {} passes, more than this device allows \
         without asking (it could exhaust the memory); if you trust the file, pass --allow-costly-kdf",
        .0.memory_kib / 1024,
        .0.iterations
    )]
    CostlyKdf(KdfParams),
    /// A key label longer than 64 bytes, or holding control characters.
    #[error("a key label is at most 64 bytes, without control characters")]
    BadLabel,
    /// A request the vault cannot carry out; the text says why.
    #[error("{0}")]
    Refused(&'static str),
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
}

fn ids_long(ids: &[u64]) -> String {
    ids.iter().map(|id| format!("{id:016x}")).collect::<Vec<_>>().join(", ")
}

fn ids_short(ids: &[u64]) -> String {
    ids.iter().map(|id| format!("{:08x}", id >> 32)).collect::<Vec<_>>().join(", ")
}

impl From<FormatError> for VaultError {
    fn from(e: FormatError) -> Self {
        match e {
            FormatError::NotAVault => VaultError::NotAVault,
            FormatError::UnsupportedVersion(v) => VaultError::UnsupportedVersion(v),
            FormatError::BadChecksum => VaultError::Integrity(Damage::Index),
            malformed => VaultError::Malformed { damage: Damage::Index, source: malformed },
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
