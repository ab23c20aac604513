//! Version 1's 4096-byte superblock (FORMAT.md §3.1): the shared envelope plus the sealed
//! commit record and the header MAC. Two copies start the file.

use crate::crypto::KdfParams;
use crate::format::FormatError;
use crate::format::layout::{
    KDF_ARGON2ID, MAGIC, OFF_CHECKSUM, OFF_KDF, OFF_SALT, OFF_SEQUENCE, OFF_SLOTS, SLOT_COUNT, SLOT_LEN,
    SUPERBLOCK_LEN, check_envelope, kdf_at, seal_checksum, write_kdf,
};

/// The only version this code reads and writes.
pub const VERSION: u16 = 1;
/// The commit record is authenticated together with `bytes[..COMMIT_AAD_LEN]`.
pub const COMMIT_AAD_LEN: usize = 1096;
/// Sealed commit record: 2048 bytes of plaintext plus the tag.
pub const COMMIT_SEALED_LEN: usize = 2048 + 16;
/// The header MAC covers `bytes[..MAC_INPUT_LEN]`.
pub const MAC_INPUT_LEN: usize = 4032;

const OFF_COMMIT_NONCE: usize = 1096;
const OFF_COMMIT: usize = 1108;
const OFF_RESERVED: usize = OFF_COMMIT + COMMIT_SEALED_LEN;
const OFF_MAC: usize = MAC_INPUT_LEN;

/// One superblock, parsed. The commit record inside stays sealed.
#[derive(Clone, PartialEq, Eq)]
pub struct Superblock {
    /// Commit sequence number; the higher valid copy wins.
    pub sequence: u64,
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Argon2id salt.
    pub kdf_salt: [u8; 32],
    /// Key slots; unused ones are random.
    pub slots: [[u8; SLOT_LEN]; SLOT_COUNT],
    /// Nonce of the sealed commit record.
    pub commit_nonce: [u8; 12],
    /// The sealed commit record.
    pub sealed_commit: Box<[u8; COMMIT_SEALED_LEN]>,
    /// HMAC-SHA-256 of `bytes[..MAC_INPUT_LEN]`.
    pub mac: [u8; 32],
}

impl Superblock {
    /// Parses and checks one superblock: magic, version, checksum, then every fixed rule,
    /// including the KDF caps, so nothing is allocated for a hostile file.
    pub fn parse(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<Self, FormatError> {
        check_envelope(bytes, VERSION)?;
        if bytes[10..16].iter().any(|&b| b != 0) {
            return Err(FormatError::Malformed("non-zero flags"));
        }
        if bytes[OFF_KDF] != KDF_ARGON2ID {
            return Err(FormatError::Malformed("unknown key derivation function"));
        }
        if bytes[OFF_KDF + 1..OFF_KDF + 4].iter().chain(&bytes[OFF_RESERVED..OFF_MAC]).any(|&b| b != 0) {
            return Err(FormatError::Malformed("non-zero reserved bytes"));
        }
        let sequence = u64_at(bytes, OFF_SEQUENCE);
        if sequence == 0 {
            return Err(FormatError::Malformed("sequence number zero"));
        }
        let kdf = kdf_at(bytes)?;
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for (i, slot) in slots.iter_mut().enumerate() {
            let at = OFF_SLOTS + i * SLOT_LEN;
            slot.copy_from_slice(&bytes[at..at + SLOT_LEN]);
        }
        Ok(Superblock {
            sequence,
            kdf,
            kdf_salt: bytes[OFF_SALT..OFF_SALT + 32].try_into().expect("fixed layout"),
            slots,
            commit_nonce: bytes[OFF_COMMIT_NONCE..OFF_COMMIT].try_into().expect("fixed layout"),
            sealed_commit: Box::new(bytes[OFF_COMMIT..OFF_RESERVED].try_into().expect("fixed layout")),
            mac: bytes[OFF_MAC..OFF_CHECKSUM].try_into().expect("fixed layout"),
        })
    }

    /// The full 4096 bytes, with the checksum computed over everything before it.
    pub fn to_bytes(&self) -> Box<[u8; SUPERBLOCK_LEN]> {
        let mut out = Box::new([0u8; SUPERBLOCK_LEN]);
        out[..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&VERSION.to_le_bytes());
        out[OFF_SEQUENCE..OFF_SEQUENCE + 8].copy_from_slice(&self.sequence.to_le_bytes());
        write_kdf(&mut out, &self.kdf);
        out[OFF_SALT..OFF_SALT + 32].copy_from_slice(&self.kdf_salt);
        for (i, slot) in self.slots.iter().enumerate() {
            let at = OFF_SLOTS + i * SLOT_LEN;
            out[at..at + SLOT_LEN].copy_from_slice(slot);
        }
        out[OFF_COMMIT_NONCE..OFF_COMMIT].copy_from_slice(&self.commit_nonce);
        out[OFF_COMMIT..OFF_RESERVED].copy_from_slice(&self.sealed_commit[..]);
        out[OFF_MAC..OFF_CHECKSUM].copy_from_slice(&self.mac);
        seal_checksum(&mut out);
        out
    }

    /// The bytes the commit record is bound to (header fields and key slots).
    pub fn commit_aad(&self) -> [u8; COMMIT_AAD_LEN] {
        self.to_bytes()[..COMMIT_AAD_LEN].try_into().expect("fixed layout")
    }

    /// The bytes the header MAC covers.
    pub fn mac_input(&self) -> Vec<u8> {
        self.to_bytes()[..MAC_INPUT_LEN].to_vec()
    }
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("fixed layout"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Superblock {
        Superblock {
            sequence: 7,
            kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 },
            kdf_salt: [5; 32],
            slots: [[9; SLOT_LEN]; SLOT_COUNT],
            commit_nonce: [1; 12],
            sealed_commit: Box::new([2; COMMIT_SEALED_LEN]),
            mac: [3; 32],
        }
    }

    #[test]
    fn round_trip() {
        let sb = sample();
        let parsed = Superblock::parse(&sb.to_bytes()).unwrap();
        assert!(parsed == sb);
    }

    #[test]
    fn rejects_bad_magic_version_checksum_and_caps() {
        let good = sample().to_bytes();
        let mut b = good.clone();
        b[0] ^= 1;
        assert_eq!(Superblock::parse(&b).err(), Some(FormatError::NotAVault));
        let mut b = good.clone();
        b[8] = 2;
        assert_eq!(Superblock::parse(&b).err(), Some(FormatError::UnsupportedVersion(2)));
        let mut b = good.clone();
        b[2000] ^= 0x40;
        assert_eq!(Superblock::parse(&b).err(), Some(FormatError::BadChecksum));
        let mut s = sample();
        s.kdf.memory_kib = u32::MAX;
        assert!(matches!(Superblock::parse(&s.to_bytes()), Err(FormatError::Malformed(_))));
    }
}
