//! Version 2's blobs (FORMAT-v2.md §6): the 52-byte `BlobRef` that finds and checks a blob's
//! two copies, blob kinds, and the padded body every blob's value is encoded in.

use super::alloc::mirror_offset;
use crate::format::FormatError;
use crate::format::layout::padme;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};

/// Bytes of a [`BlobRef`].
pub const BLOB_REF_LEN: usize = 52;
/// Smallest padded blob body.
pub const MIN_BLOB_PLAIN: usize = 512;

/// Where a blob's two copies are and what the first hashes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobRef {
    /// Offset of the first copy (a multiple of [`UNIT`](super::UNIT)).
    pub offset: u64,
    /// Length of one copy.
    pub len: u32,
    /// Offset of the mirror copy: `offset + align(len)`.
    pub mirror: u64,
    /// SHA-256 of the sealed copy.
    pub sha256: [u8; 32],
}

impl BlobRef {
    /// The fixed 52 bytes of a `BlobRef` inside an area.
    pub fn to_bytes(&self) -> [u8; BLOB_REF_LEN] {
        let mut out = [0u8; BLOB_REF_LEN];
        out[..8].copy_from_slice(&self.offset.to_le_bytes());
        out[8..12].copy_from_slice(&self.len.to_le_bytes());
        out[12..20].copy_from_slice(&self.mirror.to_le_bytes());
        out[20..].copy_from_slice(&self.sha256);
        out
    }

    pub fn from_bytes(bytes: &[u8; BLOB_REF_LEN]) -> Self {
        BlobRef {
            offset: u64::from_le_bytes(bytes[..8].try_into().expect("fixed layout")),
            len: u32::from_le_bytes(bytes[8..12].try_into().expect("fixed layout")),
            mirror: u64::from_le_bytes(bytes[12..20].try_into().expect("fixed layout")),
            sha256: bytes[20..].try_into().expect("fixed layout"),
        }
    }

    /// A reference to `copy`, written at `offset` with its mirror where [`mirror_offset`] says.
    pub fn to(copy: &[u8], offset: u64) -> Result<Self, FormatError> {
        let len = u32::try_from(copy.len()).map_err(|_| FormatError::Malformed("blob too long"))?;
        Ok(BlobRef { offset, len, mirror: mirror_offset(offset, len), sha256: Sha256::digest(copy).into() })
    }

    /// A version 3 reference: copies of `len` bytes at `offset` and `mirror`, each sealed
    /// apart, and the SHA-256 of the blob's (padded) `body` they both hold.
    pub fn of_body(body: &[u8], len: u64, offset: u64, mirror: u64) -> Result<Self, FormatError> {
        let len = u32::try_from(len).map_err(|_| FormatError::Malformed("blob too long"))?;
        Ok(BlobRef { offset, len, mirror, sha256: Sha256::digest(body).into() })
    }

    /// Whether `body` (a copy opened, the tag removed) is the blob this refers to (version 3).
    pub fn matches_body(&self, body: &[u8]) -> bool {
        <[u8; 32]>::from(Sha256::digest(body)) == self.sha256
    }

    /// Whether `copy` is the blob this refers to.
    pub fn matches(&self, copy: &[u8]) -> bool {
        copy.len() == self.len as usize && <[u8; 32]>::from(Sha256::digest(copy)) == self.sha256
    }
}

/// What kind of blob a body is; part of its AAD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BlobKind {
    Manifest = 1,
    Segment = 2,
    CustodyPage = 3,
    /// An index segment of version 4 records (versions 2 and 3: [`BlobKind::Segment`]).
    SegmentV4 = 4,
}

/// A blob body: `len (u32) || postcard(value) || zeros`, padded to `max(512, PADME(4 + len))`.
pub fn encode_blob<T: Serialize>(value: &T) -> Result<Vec<u8>, FormatError> {
    let encoded = postcard::to_stdvec(value).map_err(|_| FormatError::Malformed("blob encoding"))?;
    let len = u32::try_from(encoded.len()).map_err(|_| FormatError::Malformed("blob too long"))?;
    let padded = (padme(4 + encoded.len() as u64) as usize).max(MIN_BLOB_PLAIN);
    let mut out = Vec::with_capacity(padded + 16);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&encoded);
    out.resize(padded, 0);
    Ok(out)
}

/// Decodes a blob body: the length must fit, the padding be zero, the postcard exact.
pub fn decode_blob<T: DeserializeOwned>(plain: &[u8]) -> Result<T, FormatError> {
    let bad = FormatError::Malformed;
    let len = u32::from_le_bytes(plain.get(..4).ok_or(bad("blob too short"))?.try_into().expect("4 bytes")) as usize;
    let body = plain.get(4..4usize.saturating_add(len)).ok_or(bad("blob length"))?;
    if plain[4 + len..].iter().any(|&b| b != 0) {
        return Err(bad("blob padding is not zero"));
    }
    match postcard::take_from_bytes::<T>(body) {
        Ok((value, [])) => Ok(value),
        _ => Err(bad("blob encoding")),
    }
}
