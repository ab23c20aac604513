//! The bytes on disk (docs/FORMAT.md): the superblock layout, the commit record, index
//! segments and item records, with every length and cap checked before use.
//!
//! This layer never sees a passphrase or runs a cipher: it turns structures into plaintext
//! byte strings and back. `vault.rs` seals and opens them with keys from `crypto`.

mod records;
mod superblock;
pub mod v2;

pub use records::{
    COMMIT_PLAIN_LEN, CommitRecord, Extent, ItemRecord, MAX_PENDING_WIPE, MAX_SEGMENTS, SegmentBody, SlotInfo,
    SlotKind, decode_commit, decode_segment, encode_commit, encode_segment, padme,
};
pub use superblock::{
    COMMIT_AAD_LEN, COMMIT_SEALED_LEN, DATA_START, MAC_INPUT_LEN, MAGIC, SLOT_COUNT, SLOT_LEN, SUPERBLOCK_LEN,
    Superblock, VERSION,
};

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
