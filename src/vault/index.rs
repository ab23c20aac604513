//! Index segments in memory, and where each one is on disk: a version 2 blob (its reference
//! says where both copies are and what they hash to), or, in a version 1 file not yet
//! upgraded, a pair of adjacent copies (FORMAT.md §7), opened here. Version 2 blobs are
//! opened in `blob.rs`; where segments go and when they merge is the commit protocol's.

use super::blob::{blob_extents, open_blob_copy};
use super::error::{CopyDamage, VaultError};
use crate::crypto::{self, MasterKey};
use crate::format::v2::{self, BlobKind, BlobRef};
use crate::format::{self, Extent, ItemRecord, SegmentBody};
use crate::storage::Storage;
use zeroize::Zeroizing;

/// HKDF label and AAD of version 1 index segments.
const V1_SEGMENT_LABEL: &[u8] = b"clipvault/v1/index-segment";
/// Bytes of the salt that starts a version 1 segment copy.
const V1_SALT_LEN: usize = 32;

/// Where a segment is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// Version 1: the first copy; the second follows it at once.
    V1(Extent),
    /// Version 2 and later: a blob, of kind [`BlobKind::Segment`] (version 2 and 3 records)
    /// or [`BlobKind::SegmentV4`].
    V2(BlobRef, BlobKind),
    /// Nowhere: items salvage found by their item headers, every index copy that listed
    /// them being lost (a read-only salvage view, never committed).
    Recovered,
}

impl Place {
    /// Where copy 0 and copy 1 are.
    pub(super) fn copies(&self) -> [Extent; 2] {
        match self {
            Place::V1(e) => [*e, Extent { offset: e.offset + e.len, len: e.len }],
            Place::V2(b, _) => {
                let len = u64::from(b.len);
                [Extent { offset: b.offset, len }, Extent { offset: b.mirror, len }]
            }
            Place::Recovered => [Extent { offset: 0, len: 0 }; 2],
        }
    }

    /// Everything its copies take, to overwrite when it is replaced.
    pub(super) fn extents(&self) -> Vec<Extent> {
        match self {
            Place::V1(e) => vec![Extent { offset: e.offset, len: 2 * e.len }],
            Place::V2(b, _) => blob_extents(b).to_vec(),
            Place::Recovered => vec![],
        }
    }
}

/// One index segment as committed.
pub(super) struct Segment {
    pub(super) place: Place,
    pub(super) body: SegmentBody,
}

/// Opens copy 0 or 1 of a segment, or says why it cannot be used: cut off, damaged, or
/// (version 2) not the copy its reference hashes.
pub(super) fn open_segment_copy(
    storage: &dyn Storage,
    master: &MasterKey,
    place: &Place,
    copy: usize,
) -> Result<Result<SegmentBody, CopyDamage>, VaultError> {
    match place {
        Place::V2(blob, BlobKind::SegmentV4) => {
            open_blob_copy(storage, master, BlobKind::SegmentV4, blob, copy, v2::decode_segment)
        }
        Place::V2(blob, kind) => open_blob_copy(storage, master, *kind, blob, copy, v2::decode_segment_v2),
        Place::V1(extent) => open_v1_copy(storage, master, *extent, copy),
        Place::Recovered => Ok(Err(CopyDamage::Unreadable)),
    }
}

fn open_v1_copy(
    storage: &dyn Storage,
    master: &MasterKey,
    extent: Extent,
    copy: usize,
) -> Result<Result<SegmentBody, CopyDamage>, VaultError> {
    let offset = extent.offset + copy as u64 * extent.len;
    if offset.saturating_add(extent.len) > storage.len()? {
        return Ok(Err(CopyDamage::Unreadable));
    }
    let mut sealed = Zeroizing::new(vec![0u8; extent.len as usize]);
    storage.read_at(offset, &mut sealed)?;
    let key = master.derive(&sealed[..V1_SALT_LEN], V1_SEGMENT_LABEL);
    let mut buf = Zeroizing::new(sealed[V1_SALT_LEN..].to_vec());
    if crypto::open(&key, &[0; 12], V1_SEGMENT_LABEL, &mut buf).is_err() {
        return Ok(Err(CopyDamage::Unauthentic));
    }
    let decoded = format::v1::decode_segment(&buf).and_then(|body| {
        let items: Vec<ItemRecord> = body.items.iter().map(ItemRecord::from_v1).collect();
        // The same rules as a version 2 record read from disk: a converted record is trusted
        // no more than one decoded.
        items.iter().try_for_each(ItemRecord::check)?;
        Ok(SegmentBody { items })
    });
    Ok(decoded.map_err(CopyDamage::Format))
}
