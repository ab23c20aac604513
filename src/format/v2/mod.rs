//! Format version 2 (docs/FORMAT-v2.md), as plaintext structures and their encodings: the
//! superblock with its eight areas (`superblock`), blob references and blob bodies (`blob`),
//! manifests (`manifest`), custody pages (`custody`), item records, index segments and item
//! headers (`item`), and the allocation rules (`alloc`). Like the rest of `format`, nothing
//! here holds a key or runs a cipher.
//!
//! Format version 3 is version 2 with bound key slots (FORMAT-v2.md §4.2, §6.1): the same
//! layouts, a manifest that may end with the SHA-256 of its slots, and the version field 3 so
//! that builds that do not know bound slots refuse the file instead of misreading it.
//! Version 4 (§14) adds fields at the end of the manifest and of item records, index segments
//! of blob kind 4, and two custody events. Version 4 is what clipvault writes; versions 1
//! (`format::v1`), 2 and 3 are read and upgraded.

mod alloc;
mod blob;
mod custody;
mod item;
mod manifest;
mod superblock;

pub use alloc::{UNIT, align, allocation_len, mirror_offset};
pub use blob::{BLOB_REF_LEN, BlobKind, BlobRef, MIN_BLOB_PLAIN, decode_blob, encode_blob};
pub use custody::{
    Action, CUSTODY_PAGE_ENTRIES, CustodyEntry, CustodyHead, CustodyPage, Event, Threat, check_custody_chain,
};
pub use item::{
    Digests, Evidence, ITEM_HEADER_LEN, ITEM_HEADER_PLAIN_LEN, ItemRecord, MAX_HISTORY, MAX_NAME_LEN, MediaInfo, Pdq,
    Revision, SegmentBody, Stamp, Thumbnail, decode_item_header, decode_segment, decode_segment_v2, encode_item_header,
};
pub use manifest::{
    BoundSlot, KeyEntry, MAX_LABEL_LEN, MAX_PENDING_WIPE, MAX_SEGMENTS, MAX_TOMBSTONES, Manifest, SLOT_PASSPHRASE,
    SLOT_RECOVERY, Tombstone, decode_manifest,
};
pub use superblock::{AREA_COUNT, AREA_LEN, AREA_PLAIN_LEN, AreaPlain, Superblock};

/// The version field clipvault writes (4: version 3 with item identities, digests, devices,
/// tombstones and threat records).
pub const VERSION: u16 = 4;
/// The oldest version field this layout reads (version 2, without bound slots).
pub const FIRST_VERSION: u16 = 2;
