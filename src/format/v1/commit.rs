//! Version 1's commit record (FORMAT.md §5): the 2048-byte plaintext sealed in the
//! superblock, its caps, and the extent checks against `data_end`.

use super::decode_exact;
use super::segment::{MAX_SEGMENT_LEN, MIN_SEGMENT_LEN};
use crate::format::FormatError;
use crate::format::layout::{DATA_START, Extent, SLOT_COUNT, SlotInfo};
use serde::{Deserialize, Serialize};

/// Plaintext length of the commit record.
pub const COMMIT_PLAIN_LEN: usize = 2048;
/// Most live index segments a commit record may list.
pub const MAX_SEGMENTS: usize = 32;
/// Most freed ranges a commit record may list.
pub const MAX_PENDING_WIPE: usize = 48;

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
        if extent.len < MIN_SEGMENT_LEN || extent.len > MAX_SEGMENT_LEN {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::layout::SlotKind;

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
}
