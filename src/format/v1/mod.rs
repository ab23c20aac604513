//! Version 1 (docs/FORMAT.md): its superblock, commit record and index segments. A version 1
//! vault is read as it is and upgraded to version 2 by the first command that writes to it;
//! nothing writes version 1 any more except tests that build old files.

mod commit;
mod segment;
mod superblock;

pub use commit::{COMMIT_PLAIN_LEN, CommitRecord, MAX_PENDING_WIPE, MAX_SEGMENTS, decode_commit, encode_commit};
pub use segment::{
    ItemRecord, MAX_SEGMENT_LEN, MIN_SEGMENT_LEN, SEGMENT_SALT_LEN, SegmentBody, decode_segment, encode_segment,
};
pub use superblock::{COMMIT_AAD_LEN, COMMIT_SEALED_LEN, MAC_INPUT_LEN, Superblock, VERSION};

use serde::Deserialize;

/// The postcard value that takes up `bytes` exactly, or `None` (trailing bytes are an error).
fn decode_exact<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    match postcard::take_from_bytes::<T>(bytes) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}
