//! Index segments (FORMAT.md §7): a segment in memory, and sealing and opening one copy of it.
//! Where segments go and when they merge is the commit protocol's (`commit.rs`).

use super::error::{Damage, VaultError};
use crate::crypto::{self, MasterKey};
use crate::format::{self, Extent, SegmentBody};
use crate::storage::Storage;
use rand_chacha::ChaCha20Rng;
use zeroize::Zeroizing;

/// HKDF label of index segment keys.
const SEGMENT_INFO: &[u8] = b"clipvault/v1/index-segment";
/// Associated data of index segments.
const SEGMENT_AAD: &[u8] = b"clipvault/v1/index-segment";

/// One index segment as committed: where its first copy is (the mirror follows it) and what
/// it lists.
pub(super) struct Segment {
    pub(super) extent: Extent,
    pub(super) body: SegmentBody,
}

/// One sealed copy of a segment: a fresh salt, then the encoded body sealed under the key
/// derived from the master key and that salt.
pub(super) fn seal_segment(
    master: &MasterKey,
    rng: &mut ChaCha20Rng,
    body: &SegmentBody,
) -> Result<Vec<u8>, VaultError> {
    let mut buf = Zeroizing::new(format::encode_segment(body)?);
    let salt: [u8; format::SEGMENT_SALT_LEN] = crypto::random_bytes(rng);
    let key = master.derive(&salt, SEGMENT_INFO);
    crypto::seal(&key, &[0; 12], SEGMENT_AAD, &mut buf);
    let mut copy = Vec::with_capacity(salt.len() + buf.len());
    copy.extend_from_slice(&salt);
    copy.extend_from_slice(&buf);
    Ok(copy)
}

/// Reads the first copy of a segment that authenticates and decodes (`verify` reports a
/// damaged copy the other one stood in for).
pub(super) fn read_segment(
    storage: &dyn Storage,
    master: &MasterKey,
    extent: Extent,
    file_len: u64,
) -> Result<SegmentBody, VaultError> {
    for copy in 0..2 {
        if let Some(body) = open_copy(storage, master, extent, copy, file_len)? {
            return Ok(body);
        }
    }
    Err(VaultError::Integrity(Damage::Index))
}

/// Opens copy 0 or 1 of a segment: `None` if it is cut off by the end of the file, fails to
/// authenticate or does not decode.
pub(super) fn open_copy(
    storage: &dyn Storage,
    master: &MasterKey,
    extent: Extent,
    copy: u64,
    file_len: u64,
) -> Result<Option<SegmentBody>, VaultError> {
    let offset = extent.offset + copy * extent.len;
    if offset.saturating_add(extent.len) > file_len {
        return Ok(None);
    }
    let mut sealed = Zeroizing::new(vec![0u8; extent.len as usize]);
    storage.read_at(offset, &mut sealed)?;
    let salt = &sealed[..format::SEGMENT_SALT_LEN];
    let key = master.derive(salt, SEGMENT_INFO);
    let mut buf = Zeroizing::new(sealed[format::SEGMENT_SALT_LEN..].to_vec());
    if crypto::open(&key, &[0; 12], SEGMENT_AAD, &mut buf).is_err() {
        return Ok(None);
    }
    Ok(format::decode_segment(&buf).ok())
}
