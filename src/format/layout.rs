//! What versions 1 and 2 share: the superblock's envelope (magic, version field, KDF at offset
//! 24, salt, key slots, checksum; FORMAT.md §3.1, FORMAT-v2.md §3), extents, slot kinds, PADME.

use super::FormatError;
use crate::crypto::KdfParams;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// `"CLIPVLT\0"`.
pub const MAGIC: [u8; 8] = *b"CLIPVLT\0";
/// Bytes of one superblock.
pub const SUPERBLOCK_LEN: usize = 4096;
/// Where the data area starts, after the two superblocks.
pub const DATA_START: u64 = 2 * SUPERBLOCK_LEN as u64;
/// Number of key slots.
pub const SLOT_COUNT: usize = 8;
/// Bytes of one key slot.
pub const SLOT_LEN: usize = 128;

// Offsets every version keeps; what lies between the slots and the checksum differs.
pub(super) const KDF_ARGON2ID: u8 = 1;
pub(super) const OFF_SEQUENCE: usize = 16;
pub(super) const OFF_KDF: usize = 24;
pub(super) const OFF_SALT: usize = 40;
pub(super) const OFF_SLOTS: usize = 72;
pub(super) const OFF_CHECKSUM: usize = 4064;

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("fixed layout"))
}

/// The checks every version makes first, in this order: magic ("not a vault"), version
/// ("unsupported"), checksum (a torn or damaged copy).
pub(super) fn check_envelope(bytes: &[u8; SUPERBLOCK_LEN], version: u16) -> Result<(), FormatError> {
    if bytes[..8] != MAGIC {
        return Err(FormatError::NotAVault);
    }
    let found = u16::from_le_bytes([bytes[8], bytes[9]]);
    if found != version {
        return Err(FormatError::UnsupportedVersion(found));
    }
    let checksum: [u8; 32] = Sha256::digest(&bytes[..OFF_CHECKSUM]).into();
    if checksum[..] != bytes[OFF_CHECKSUM..] {
        return Err(FormatError::BadChecksum);
    }
    Ok(())
}

/// The Argon2id parameters at offset 24 (the same in every version), checked against the caps.
pub(super) fn kdf_at(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<KdfParams, FormatError> {
    let kdf = KdfParams {
        memory_kib: u32_at(bytes, OFF_KDF + 4),
        iterations: u32_at(bytes, OFF_KDF + 8),
        parallelism: u32_at(bytes, OFF_KDF + 12),
    };
    kdf.validate().map_err(|_| FormatError::Malformed("key derivation parameters out of range"))?;
    Ok(kdf)
}

/// Writes the KDF algorithm byte and parameters at offset 24.
pub(super) fn write_kdf(out: &mut [u8; SUPERBLOCK_LEN], kdf: &KdfParams) {
    out[OFF_KDF] = KDF_ARGON2ID;
    out[OFF_KDF + 4..OFF_KDF + 8].copy_from_slice(&kdf.memory_kib.to_le_bytes());
    out[OFF_KDF + 8..OFF_KDF + 12].copy_from_slice(&kdf.iterations.to_le_bytes());
    out[OFF_KDF + 12..OFF_KDF + 16].copy_from_slice(&kdf.parallelism.to_le_bytes());
}

/// Writes the checksum over everything before it.
pub(super) fn seal_checksum(out: &mut [u8; SUPERBLOCK_LEN]) {
    let checksum: [u8; 32] = Sha256::digest(&out[..OFF_CHECKSUM]).into();
    out[OFF_CHECKSUM..].copy_from_slice(&checksum);
}

/// A byte range of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extent {
    /// First byte.
    pub offset: u64,
    /// Number of bytes.
    pub len: u64,
}

impl Extent {
    /// One past the last byte, or `None` on overflow.
    pub fn end(&self) -> Option<u64> {
        self.offset.checked_add(self.len)
    }
}

// Shared because version 1's commit record stores these and version 2's manifest
// (`KeyEntry::kind`) is reported through them.
/// What a key slot holds. Stored only inside the encrypted commit record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotKind {
    /// Random bytes.
    Unused,
    /// A passphrase.
    Passphrase,
    /// An age X25519 recovery identity.
    Recovery,
}

/// Kind and creation time of one key slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotInfo {
    /// What the slot holds.
    pub kind: SlotKind,
    /// Unix seconds when it was written.
    pub created: u64,
}

/// PADME (Nikitin et al., 2019): rounds `len` up, leaking only O(log log len) bits.
pub fn padme(len: u64) -> u64 {
    if len < 2 {
        return len;
    }
    let e = 63 - u64::from(len.leading_zeros());
    let s = 64 - u64::from(e.leading_zeros());
    let mask = (1u64 << (e - s)) - 1;
    (len + mask) & !mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padme_matches_paper_examples() {
        assert_eq!(padme(9), 10);
        assert_eq!(padme(1000), 1024);
        assert_eq!(padme(1025), 1088);
        for len in 2..100_000u64 {
            let p = padme(len);
            assert!(p >= len && (p - len) as f64 <= 0.12 * len as f64 + 1.0);
        }
    }
}
