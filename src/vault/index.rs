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

/// Reads the first copy of a segment that authenticates and decodes; says whether it
/// needed the second.
pub(super) fn read_segment(
    storage: &dyn Storage,
    master: &MasterKey,
    extent: Extent,
    file_len: u64,
) -> Result<(SegmentBody, bool), VaultError> {
    for (n, offset) in [extent.offset, extent.offset + extent.len].into_iter().enumerate() {
        if offset.saturating_add(extent.len) > file_len {
            continue;
        }
        let mut copy = Zeroizing::new(vec![0u8; extent.len as usize]);
        storage.read_at(offset, &mut copy)?;
        let salt = &copy[..format::SEGMENT_SALT_LEN];
        let key = master.derive(salt, SEGMENT_INFO);
        let mut buf = Zeroizing::new(copy[format::SEGMENT_SALT_LEN..].to_vec());
        if crypto::open(&key, &[0; 12], SEGMENT_AAD, &mut buf).is_err() {
            continue;
        }
        if let Ok(body) = format::decode_segment(&buf) {
            return Ok((body, n == 1));
        }
    }
    Err(VaultError::Integrity(Damage::Index))
}
