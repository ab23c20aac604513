//! Version 2's 4096-byte superblock (FORMAT-v2.md §3): the shared envelope plus eight
//! sealed areas, and an area's 128-byte plaintext (§4.3).

use super::blob::{BLOB_REF_LEN, BlobRef};
use super::{FIRST_VERSION, VERSION};
use crate::crypto::KdfParams;
use crate::format::FormatError;
use crate::format::layout::{
    KDF_ARGON2ID, MAGIC, OFF_CHECKSUM, OFF_KDF, OFF_SALT, OFF_SEQUENCE, OFF_SLOTS, SLOT_COUNT, SLOT_LEN,
    SUPERBLOCK_LEN, check_envelope, kdf_at, seal_checksum, write_kdf,
};

/// Areas in a superblock, one per possible compartment.
pub const AREA_COUNT: usize = 8;
/// Bytes of one area: nonce (12), sealed plaintext (128) and tag (16).
pub const AREA_LEN: usize = 12 + AREA_PLAIN_LEN + 16;
/// Bytes of an area's plaintext.
pub const AREA_PLAIN_LEN: usize = 128;

const OFF_AREAS: usize = OFF_SLOTS + SLOT_COUNT * SLOT_LEN;
const OFF_RESERVED: usize = OFF_AREAS + AREA_COUNT * AREA_LEN;

/// A version 2 superblock, parsed. Areas stay sealed.
#[derive(Clone, PartialEq, Eq)]
pub struct Superblock {
    /// The version field: 2 or 3 as read; commits write [`VERSION`].
    pub version: u16,
    /// Commit sequence number of the file (any compartment's commit raises it).
    pub sequence: u64,
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Argon2id salt.
    pub kdf_salt: [u8; 32],
    /// Key slots; unused ones are random.
    pub slots: [[u8; SLOT_LEN]; SLOT_COUNT],
    /// Sealed areas; unused ones are random.
    pub areas: [[u8; AREA_LEN]; AREA_COUNT],
}

impl Superblock {
    /// Checks one version 2 copy in the order of FORMAT.md §3.2: magic, version, checksum,
    /// flags and reserved bytes, KDF algorithm, sequence, KDF caps.
    pub fn parse(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<Self, FormatError> {
        let found = u16::from_le_bytes([bytes[8], bytes[9]]);
        let version = if (FIRST_VERSION..=VERSION).contains(&found) { found } else { VERSION };
        check_envelope(bytes, version)?;
        if bytes[10..16]
            .iter()
            .chain(&bytes[OFF_KDF + 1..OFF_KDF + 4])
            .chain(&bytes[OFF_RESERVED..OFF_CHECKSUM])
            .any(|&b| b != 0)
        {
            return Err(FormatError::Malformed("non-zero flags or reserved bytes"));
        }
        if bytes[OFF_KDF] != KDF_ARGON2ID {
            return Err(FormatError::Malformed("unknown key derivation function"));
        }
        let sequence = u64::from_le_bytes(bytes[OFF_SEQUENCE..OFF_SEQUENCE + 8].try_into().expect("fixed layout"));
        if sequence == 0 {
            return Err(FormatError::Malformed("sequence number zero"));
        }
        let kdf = kdf_at(bytes)?;
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for (i, slot) in slots.iter_mut().enumerate() {
            slot.copy_from_slice(&bytes[OFF_SLOTS + i * SLOT_LEN..OFF_SLOTS + (i + 1) * SLOT_LEN]);
        }
        let mut areas = [[0u8; AREA_LEN]; AREA_COUNT];
        for (i, area) in areas.iter_mut().enumerate() {
            area.copy_from_slice(&bytes[OFF_AREAS + i * AREA_LEN..OFF_AREAS + (i + 1) * AREA_LEN]);
        }
        Ok(Superblock {
            version,
            sequence,
            kdf,
            kdf_salt: bytes[OFF_SALT..OFF_SALT + 32].try_into().expect("fixed layout"),
            slots,
            areas,
        })
    }

    /// The 4096 bytes, checksum included.
    pub fn to_bytes(&self) -> Box<[u8; SUPERBLOCK_LEN]> {
        let mut out = Box::new([0u8; SUPERBLOCK_LEN]);
        out[..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&self.version.to_le_bytes());
        out[OFF_SEQUENCE..OFF_SEQUENCE + 8].copy_from_slice(&self.sequence.to_le_bytes());
        write_kdf(&mut out, &self.kdf);
        out[OFF_SALT..OFF_SALT + 32].copy_from_slice(&self.kdf_salt);
        for (i, slot) in self.slots.iter().enumerate() {
            out[OFF_SLOTS + i * SLOT_LEN..OFF_SLOTS + (i + 1) * SLOT_LEN].copy_from_slice(slot);
        }
        for (i, area) in self.areas.iter().enumerate() {
            out[OFF_AREAS + i * AREA_LEN..OFF_AREAS + (i + 1) * AREA_LEN].copy_from_slice(area);
        }
        seal_checksum(&mut out);
        out
    }

    /// The bytes every area's AAD and `key_check` bind: KDF parameters and salt (`[24..72]`).
    pub fn kdf_binding(&self) -> [u8; 48] {
        let bytes = self.to_bytes();
        bytes[OFF_KDF..OFF_SLOTS].try_into().expect("fixed layout")
    }

    /// AAD of area `index`: `"clipvault/v2/area" || index || superblock[24..72]`.
    pub fn area_aad(&self, index: u8) -> Vec<u8> {
        let mut aad = b"clipvault/v2/area".to_vec();
        aad.push(index);
        aad.extend_from_slice(&self.kdf_binding());
        aad
    }
}

/// An area's plaintext: what one compartment's commit says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaPlain {
    /// `HMAC(key_check_key, "clipvault/v2/key-check" || superblock[24..72])`.
    pub key_check: [u8; 32],
    /// This compartment's commit counter.
    pub generation: u64,
    /// Unix seconds when the compartment was created.
    pub created: u64,
    /// The compartment's current manifest.
    pub manifest: BlobRef,
}

impl AreaPlain {
    /// The 128 bytes: `key_check || generation || created || manifest || 0^28`.
    pub fn to_bytes(&self) -> [u8; AREA_PLAIN_LEN] {
        let mut out = [0u8; AREA_PLAIN_LEN];
        out[..32].copy_from_slice(&self.key_check);
        out[32..40].copy_from_slice(&self.generation.to_le_bytes());
        out[40..48].copy_from_slice(&self.created.to_le_bytes());
        out[48..48 + BLOB_REF_LEN].copy_from_slice(&self.manifest.to_bytes());
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, FormatError> {
        if bytes.len() != AREA_PLAIN_LEN {
            return Err(FormatError::Malformed("area length"));
        }
        if bytes[48 + BLOB_REF_LEN..].iter().any(|&b| b != 0) {
            return Err(FormatError::Malformed("area padding is not zero"));
        }
        Ok(AreaPlain {
            key_check: bytes[..32].try_into().expect("checked"),
            generation: u64::from_le_bytes(bytes[32..40].try_into().expect("checked")),
            created: u64::from_le_bytes(bytes[40..48].try_into().expect("checked")),
            manifest: BlobRef::from_bytes(bytes[48..48 + BLOB_REF_LEN].try_into().expect("checked")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn sample_superblock() -> Superblock {
        Superblock {
            version: VERSION,
            sequence: 7,
            kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 },
            kdf_salt: [3; 32],
            slots: [[5; SLOT_LEN]; SLOT_COUNT],
            areas: std::array::from_fn(|i| [i as u8; AREA_LEN]),
        }
    }

    #[test]
    fn the_superblock_layout_adds_up_and_round_trips() {
        assert_eq!(AREA_LEN, 156);
        assert_eq!(OFF_AREAS, 1096);
        assert_eq!(OFF_RESERVED, 2344);
        let sb = sample_superblock();
        let bytes = sb.to_bytes();
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), VERSION);
        assert!(Superblock::parse(&bytes).unwrap() == sb);
        assert_eq!(&bytes[OFF_AREAS + 3 * AREA_LEN..OFF_AREAS + 4 * AREA_LEN], &[3u8; AREA_LEN][..]);
        assert_eq!(sb.area_aad(5).len(), 17 + 1 + 48);
    }

    #[test]
    fn a_bad_copy_is_rejected_for_the_right_reason() {
        let bytes = sample_superblock().to_bytes();
        let mut v1 = bytes.clone();
        v1[8] = 1;
        assert_eq!(Superblock::parse(&v1).err(), Some(FormatError::UnsupportedVersion(1)));
        let mut torn = bytes.clone();
        torn[2000] ^= 1;
        assert_eq!(Superblock::parse(&torn).err(), Some(FormatError::BadChecksum));
        let mut reserved = bytes.clone();
        reserved[3000] = 1;
        let checksum: [u8; 32] = Sha256::digest(&reserved[..OFF_CHECKSUM]).into();
        reserved[OFF_CHECKSUM..].copy_from_slice(&checksum);
        assert!(matches!(Superblock::parse(&reserved), Err(FormatError::Malformed(_))));
    }

    #[test]
    fn an_area_plaintext_is_exactly_128_bytes_and_round_trips() {
        let blob = BlobRef::to(&[9u8; 600], 8192).unwrap();
        assert_eq!(blob.mirror, 8192 + 4096);
        let area = AreaPlain { key_check: [1; 32], generation: 42, created: 1_700_000_000, manifest: blob };
        let bytes = area.to_bytes();
        assert_eq!(AreaPlain::parse(&bytes).unwrap(), area);
        let mut dirty = bytes;
        dirty[127] = 1;
        assert!(AreaPlain::parse(&dirty).is_err());
        assert!(blob.matches(&[9u8; 600]) && !blob.matches(&[8u8; 600]));
    }
}
