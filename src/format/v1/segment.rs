//! Version 1's index segments (FORMAT.md §7): the segment body, its item records, the
//! padded plaintext and the bounds on a stored copy.

use super::decode_exact;
use crate::format::FormatError;
use crate::format::layout::{Extent, padme};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// Smallest stored copy of a segment: salt, 512 padded bytes and a tag.
pub const MIN_SEGMENT_LEN: u64 = 32 + 512 + 16;
/// Largest stored copy of a segment a reader accepts (1 GiB).
pub const MAX_SEGMENT_LEN: u64 = 1 << 30;
/// Length of a segment's salt, which starts every segment copy.
pub const SEGMENT_SALT_LEN: usize = 32;
const MIN_SEGMENT_PLAIN: usize = 512;

/// The plaintext of one index segment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentBody {
    /// The items, in the order they were added.
    pub items: Vec<ItemRecord>,
}

/// Everything the vault knows about one item. Its file key is wiped on drop.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// Random, stable id.
    pub id: u64,
    /// Name as given; need not be UTF-8.
    pub name: Vec<u8>,
    /// MIME type detected from the content.
    pub media_type: String,
    /// Plaintext bytes.
    pub size: u64,
    /// Unix seconds when added.
    pub added: u64,
    /// The source file's modification time, Unix seconds.
    pub modified: Option<u64>,
    /// SHA-256 of the plaintext.
    pub sha256: [u8; 32],
    /// User tags.
    pub tags: Vec<String>,
    /// The item's age file key.
    pub(crate) file_key: [u8; 16],
    /// Where the payload is.
    pub payload: Extent,
}

impl Drop for ItemRecord {
    fn drop(&mut self) {
        self.file_key.zeroize();
    }
}

impl std::fmt::Debug for ItemRecord {
    /// Shows the id only: a name is private and the key is secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ItemRecord({:016x})", self.id)
    }
}

/// `u32 len || postcard || zeros`, padded to `max(512, PADME(4 + len))`.
pub fn encode_segment(body: &SegmentBody) -> Result<Vec<u8>, FormatError> {
    let mut encoded = postcard::to_stdvec(body).map_err(|_| FormatError::Malformed("segment encoding"))?;
    let len = u32::try_from(encoded.len()).map_err(|_| FormatError::Malformed("segment too long"))?;
    let padded = (padme(4 + encoded.len() as u64) as usize).max(MIN_SEGMENT_PLAIN);
    let mut out = Vec::with_capacity(padded + crate::crypto::stream::TAG_LEN);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&encoded);
    out.resize(padded, 0);
    encoded.zeroize();
    Ok(out)
}

/// Decodes a segment plaintext, checking its length, padding and ids (FORMAT.md §7).
pub fn decode_segment(plain: &[u8]) -> Result<SegmentBody, FormatError> {
    let bad = FormatError::Malformed;
    if plain.len() < 4 {
        return Err(bad("segment too short"));
    }
    let len = u32::from_le_bytes(plain[..4].try_into().expect("checked")) as usize;
    let body = plain.get(4..4 + len).ok_or(bad("segment length"))?;
    if plain[4 + len..].iter().any(|&b| b != 0) {
        return Err(bad("segment padding is not zero"));
    }
    let segment = decode_exact::<SegmentBody>(body).ok_or(bad("segment encoding"))?;
    for item in &segment.items {
        if crate::crypto::stream::payload_len(item.size) != Some(item.payload.len) {
            return Err(bad("payload length does not match item size"));
        }
    }
    Ok(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_round_trip_and_padding_checked() {
        let item = ItemRecord {
            id: 42,
            name: b"a.jpg".to_vec(),
            media_type: "image/jpeg".into(),
            size: 5,
            added: 1,
            modified: None,
            sha256: [0; 32],
            tags: vec!["x".into()],
            file_key: [7; 16],
            payload: Extent { offset: 8192, len: 37 },
        };
        let body = SegmentBody { items: vec![item] };
        let mut plain = encode_segment(&body).unwrap();
        assert_eq!(plain.len(), 512);
        assert_eq!(decode_segment(&plain).unwrap(), body);
        let last = plain.len() - 1;
        plain[last] = 1;
        assert!(decode_segment(&plain).is_err());
    }
}
