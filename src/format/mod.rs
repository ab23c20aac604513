//! The bytes on disk: version 2 (docs/FORMAT-v2.md), which clipvault writes, and version 1
//! (docs/FORMAT.md), which it reads and upgrades: superblocks, blobs, index segments and item
//! records, with every length and cap checked before use.
//!
//! This layer never sees a passphrase or runs a cipher: it turns structures into plaintext
//! byte strings and back. The vault layer seals and opens them with keys from `crypto`.

mod records;
mod superblock;
pub mod v2;

/// Version 1 structures. A version 1 vault is read as it is and upgraded to version 2 by the
/// first command that writes to it; nothing writes version 1 any more except tests that
/// build old files.
pub mod v1 {
    pub use super::records::{
        COMMIT_PLAIN_LEN, CommitRecord, ItemRecord, MAX_PENDING_WIPE, MAX_SEGMENTS, SegmentBody, decode_commit,
        decode_segment, encode_commit, encode_segment,
    };
    pub use super::superblock::{COMMIT_AAD_LEN, COMMIT_SEALED_LEN, MAC_INPUT_LEN, Superblock, VERSION};
}

pub use records::{Extent, SlotInfo, SlotKind, padme};
pub use superblock::{DATA_START, MAGIC, SLOT_COUNT, SLOT_LEN, SUPERBLOCK_LEN};
pub use v2::{ItemRecord, SegmentBody, VERSION};

/// One superblock copy of either version, parsed by the rules of its own version field.
#[derive(Clone)]
pub enum AnySuperblock {
    V1(Box<superblock::Superblock>),
    V2(Box<v2::Superblock>),
}

impl AnySuperblock {
    /// Parses a copy as version 1 or 2, whichever its version field says.
    pub fn parse(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<Self, FormatError> {
        match superblock::Superblock::parse(bytes) {
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

use std::fmt;

/// Smallest stored copy of a segment: salt, 512 padded bytes and a tag.
pub const MIN_SEGMENT_LEN: u64 = 32 + 512 + 16;
/// Largest stored copy of a segment a reader accepts (1 GiB).
pub const MAX_SEGMENT_LEN: u64 = 1 << 30;
/// Length of a segment's salt, which starts every segment copy.
pub const SEGMENT_SALT_LEN: usize = 32;

/// What is wrong with some bytes. Produced before or after decryption; never holds secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatError {
    /// The magic bytes are not clipvault's.
    NotAVault,
    /// A version this reader does not know.
    UnsupportedVersion(u16),
    /// The superblock checksum does not match (torn write or damage).
    BadChecksum,
    /// A field breaks a rule of the format; the text names the rule.
    Malformed(&'static str),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::NotAVault => f.write_str("not a clipvault vault"),
            FormatError::UnsupportedVersion(v) => write!(f, "unsupported vault format version {v}"),
            FormatError::BadChecksum => f.write_str("superblock checksum mismatch"),
            FormatError::Malformed(why) => write!(f, "malformed vault data: {why}"),
        }
    }
}

impl std::error::Error for FormatError {}
