//! The bytes on disk: version 2 (docs/FORMAT-v2.md), which clipvault writes, and version 1
//! (docs/FORMAT.md), which it reads and upgrades: superblocks, blobs, index segments and item
//! records, with every length and cap checked before use.
//!
//! This layer never sees a passphrase or runs a cipher: it turns structures into plaintext
//! byte strings and back. The vault layer seals and opens them with keys from `crypto`.
//!
//! `v1/` and `v2/` hold what only that version uses, `layout.rs` what both share; this file
//! owns the error type and `AnySuperblock`, and re-exports the paths the rest of the crate uses.

mod layout;
pub mod v1;
pub mod v2;

pub use layout::{DATA_START, Extent, MAGIC, SLOT_COUNT, SLOT_LEN, SUPERBLOCK_LEN, SlotInfo, SlotKind, padme};
// Version 1's segment copy bounds, at the paths they had before `v1/` existed.
pub use v1::{MAX_SEGMENT_LEN, MIN_SEGMENT_LEN, SEGMENT_SALT_LEN};
pub use v2::{ItemRecord, SegmentBody, VERSION};

/// One superblock copy of either version, parsed by the rules of its own version field.
#[derive(Clone)]
pub enum AnySuperblock {
    V1(Box<v1::Superblock>),
    V2(Box<v2::Superblock>),
}

impl AnySuperblock {
    /// Parses a copy as version 1 or 2, whichever its version field says.
    pub fn parse(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<Self, FormatError> {
        match v1::Superblock::parse(bytes) {
            Err(FormatError::UnsupportedVersion(v2::FIRST_VERSION..=v2::VERSION)) => {
                v2::Superblock::parse(bytes).map(|sb| AnySuperblock::V2(Box::new(sb)))
            }
            other => other.map(|sb| AnySuperblock::V1(Box::new(sb))),
        }
    }

    pub fn sequence(&self) -> u64 {
        match self {
            AnySuperblock::V1(sb) => sb.sequence,
            AnySuperblock::V2(sb) => sb.sequence,
        }
    }

    pub fn version(&self) -> u16 {
        match self {
            AnySuperblock::V1(_) => 1,
            AnySuperblock::V2(sb) => sb.version,
        }
    }

    pub fn kdf(&self) -> crate::crypto::KdfParams {
        match self {
            AnySuperblock::V1(sb) => sb.kdf,
            AnySuperblock::V2(sb) => sb.kdf,
        }
    }

    pub fn kdf_salt(&self) -> &[u8; 32] {
        match self {
            AnySuperblock::V1(sb) => &sb.kdf_salt,
            AnySuperblock::V2(sb) => &sb.kdf_salt,
        }
    }

    pub fn slots(&self) -> &[[u8; SLOT_LEN]; SLOT_COUNT] {
        match self {
            AnySuperblock::V1(sb) => &sb.slots,
            AnySuperblock::V2(sb) => &sb.slots,
        }
    }
}

/// What is wrong with some bytes. Produced before or after decryption; never holds secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The magic bytes are not clipvault's.
    #[error("not a clipvault vault")]
    NotAVault,
    /// A version this reader does not know.
    #[error("unsupported vault format version {0}")]
    UnsupportedVersion(u16),
    /// The superblock checksum does not match (torn write or damage).
    #[error("superblock checksum mismatch")]
    BadChecksum,
    /// A field breaks a rule of the format; the text names the rule.
    #[error("malformed vault data: {0}")]
    Malformed(&'static str),
}
