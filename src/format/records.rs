//! The plaintexts inside the sealed commit record and index segments (FORMAT.md §5, §7):
//! serde structures, postcard encoding, padding and the caps a reader enforces.

use super::{DATA_START, FormatError, SLOT_COUNT};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// Plaintext length of the commit record.
pub const COMMIT_PLAIN_LEN: usize = 2048;
/// Most live index segments a commit record may list.
pub const MAX_SEGMENTS: usize = 32;
/// Most freed ranges a commit record may list.
pub const MAX_PENDING_WIPE: usize = 48;
const MIN_SEGMENT_PLAIN: usize = 512;

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

/// The state a superblock points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitRecord {
    /// Unix seconds when the vault was created.
    pub created: u64,
    /// End of committed data.
    pub data_end: u64,
    /// Live index segments, in order; `len` is one copy's length.
    pub segments: Vec<Extent>,
    /// Freed ranges that still have to be overwritten.
    pub pending_wipe: Vec<Extent>,
    /// Kind of each key slot.
    pub slots: [SlotInfo; SLOT_COUNT],
}

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

/// `u16 len || postcard || zeros`, exactly [`COMMIT_PLAIN_LEN`] bytes.
pub fn encode_commit(record: &CommitRecord) -> Result<Vec<u8>, FormatError> {
    if record.segments.len() > MAX_SEGMENTS || record.pending_wipe.len() > MAX_PENDING_WIPE {
        return Err(FormatError::Malformed("commit record lists too many extents"));
    }
    let body = postcard::to_stdvec(record).map_err(|_| FormatError::Malformed("commit record encoding"))?;
    if body.len() > COMMIT_PLAIN_LEN - 2 {
        return Err(FormatError::Malformed("commit record too long"));
    }
    let mut out = vec![0u8; COMMIT_PLAIN_LEN];
    out[..2].copy_from_slice(&(body.len() as u16).to_le_bytes());
    out[2..2 + body.len()].copy_from_slice(&body);
    Ok(out)
}

/// Decodes and checks a commit record plaintext (FORMAT.md §5).
pub fn decode_commit(plain: &[u8]) -> Result<CommitRecord, FormatError> {
    let bad = FormatError::Malformed;
    if plain.len() != COMMIT_PLAIN_LEN {
        return Err(bad("commit record length"));
    }
    let len = u16::from_le_bytes([plain[0], plain[1]]) as usize;
    let body = plain.get(2..2 + len).ok_or(bad("commit record length"))?;
    let record = decode_exact::<CommitRecord>(body).ok_or(bad("commit record encoding"))?;
    if record.segments.len() > MAX_SEGMENTS || record.pending_wipe.len() > MAX_PENDING_WIPE {
        return Err(bad("commit record lists too many extents"));
    }
    if record.data_end < DATA_START {
        return Err(bad("data end before the data area"));
    }
    for extent in &record.pending_wipe {
        check_extent(extent, record.data_end)?;
    }
    for extent in &record.segments {
        let doubled = Extent { offset: extent.offset, len: extent.len.checked_mul(2).ok_or(bad("extent overflows"))? };
        check_extent(&doubled, record.data_end)?;
        if extent.len < super::MIN_SEGMENT_LEN || extent.len > super::MAX_SEGMENT_LEN {
            return Err(bad("segment length out of range"));
        }
    }
    Ok(record)
}

/// Checks that `extent` lies within the data area `[DATA_START, data_end)`.
pub(crate) fn check_extent(extent: &Extent, data_end: u64) -> Result<(), FormatError> {
    match extent.end() {
        Some(end) if extent.offset >= DATA_START && end <= data_end => Ok(()),
        _ => Err(FormatError::Malformed("extent outside the data area")),
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

fn decode_exact<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    match postcard::take_from_bytes::<T>(bytes) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
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

    fn commit() -> CommitRecord {
        CommitRecord {
            created: 1,
            data_end: u64::MAX,
            segments: vec![Extent { offset: 8192, len: 600 }; MAX_SEGMENTS],
            pending_wipe: vec![Extent { offset: u64::MAX >> 8, len: u64::MAX >> 9 }; MAX_PENDING_WIPE],
            slots: [SlotInfo { kind: SlotKind::Passphrase, created: u64::MAX }; SLOT_COUNT],
        }
    }

    #[test]
    fn largest_commit_record_fits() {
        let record = commit();
        let plain = encode_commit(&record).unwrap();
        assert_eq!(plain.len(), COMMIT_PLAIN_LEN);
        assert_eq!(decode_commit(&plain).unwrap(), record);
    }

    #[test]
    fn commit_record_rejects_extents_outside_data_area() {
        let mut record = commit();
        record.data_end = 9000;
        assert!(decode_commit(&encode_commit(&record).unwrap()).is_err());
    }

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
