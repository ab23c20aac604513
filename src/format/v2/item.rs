//! Item records (FORMAT-v2.md §6.2): what an index segment holds for each item, in version
//! 4's form and as versions 2 and 3 wrote them, the rules a record keeps, and the item header
//! that repeats it beside the payload (§7.2).

use super::alloc::allocation_len;
use super::blob::decode_blob;
use crate::format::FormatError;
use crate::format::layout::{DATA_START, Extent};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Bytes of an item header: salt (32), sealed plaintext and tag (16).
pub const ITEM_HEADER_LEN: usize = 4096;
/// Bytes of an item header's plaintext.
pub const ITEM_HEADER_PLAIN_LEN: usize = ITEM_HEADER_LEN - 32 - 16;

/// An index segment's body: its items in order (version 4 records: blob kind 4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentBody {
    pub items: Vec<ItemRecord>,
}

/// An item record (FORMAT-v2.md §6.2), version 4. Its file keys are wiped on drop; `Debug`
/// shows the id only (a name is private, a key secret).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub id: u64,
    pub name: Vec<u8>,
    pub media_type: String,
    pub size: u64,
    pub added: u64,
    pub modified: Option<u64>,
    pub sha256: [u8; 32],
    pub tags: Vec<String>,
    pub(crate) file_key: [u8; 16],
    /// The age payload, exactly (`len = 16 + size + 16 * chunks`).
    pub payload: Extent,
    /// What the item owns: its item header, payload and padding (for items from a version 1
    /// vault, the payload alone).
    pub allocation: Extent,
    pub media: Option<MediaInfo>,
    pub thumbnail: Option<Thumbnail>,
    pub evidence: Option<Evidence>,
    /// The item's identity in every copy of the vault (random at `add`; §6.2 for older
    /// items). `id` numbers items within one file; two devices may give one id to two items.
    pub uid: [u8; 16],
    /// The last change of name, tags or evidence note, and the device that made it.
    pub changed: Stamp,
    /// Names and tags a merge set aside for a later change, oldest first (at most
    /// [`MAX_HISTORY`]).
    pub history: Vec<Revision>,
    /// Digests computed at `add` (or filled in later) so that copies outside the vault can
    /// be found without decrypting the item.
    pub digests: Option<Digests>,
}

/// When a change was made (Unix seconds) and by which device (its manifest's `device`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub time: u64,
    pub device: [u8; 8],
}

impl Stamp {
    /// This stamp (a change made now) for a record last changed at `before`: its time made
    /// later than `before`'s if it is not (two changes within one second, or a clock behind
    /// another device's), so that a change always wins over the state it changed.
    pub fn after(self, before: Stamp) -> Stamp {
        Stamp { time: self.time.max(before.time.saturating_add(1)), device: self.device }
    }
}

/// An item's name and tags as they were before a later change won a merge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub changed: Stamp,
    pub name: Vec<u8>,
    pub tags: Vec<String>,
}

/// Most revisions an item keeps.
pub const MAX_HISTORY: usize = 8;

/// An item's MD5 (once computed for evidence) and, for an image or a video with a thumbnail,
/// the PDQ hash (Meta's perceptual hash, 256 bits) of its thumbnail's picture, with the
/// quality PDQ reports (0-100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digests {
    pub md5: Option<[u8; 16]>,
    pub pdq: Option<Pdq>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pdq {
    pub hash: [u8; 32],
    pub quality: u8,
}

/// An item record as versions 2 and 3 wrote it: version 4's without its last four fields.
#[derive(Deserialize)]
struct ItemRecordV2 {
    id: u64,
    name: Vec<u8>,
    media_type: String,
    size: u64,
    added: u64,
    modified: Option<u64>,
    sha256: [u8; 32],
    tags: Vec<String>,
    file_key: [u8; 16],
    payload: Extent,
    allocation: Extent,
    media: Option<MediaInfo>,
    thumbnail: Option<Thumbnail>,
    evidence: Option<Evidence>,
}

#[derive(Deserialize)]
struct SegmentBodyV2 {
    items: Vec<ItemRecordV2>,
}

impl From<ItemRecordV2> for ItemRecord {
    /// Version 4's record for an item written before it (FORMAT-v2.md §6.2): its uid follows
    /// from what every copy of the vault holds for it, so each device that upgrades its own
    /// copy gives the item the same one; its last change is its `modified` or `added` time,
    /// by no device in particular.
    fn from(old: ItemRecordV2) -> ItemRecord {
        let mut record = ItemRecord {
            id: old.id,
            name: old.name,
            media_type: old.media_type,
            size: old.size,
            added: old.added,
            modified: old.modified,
            sha256: old.sha256,
            tags: old.tags,
            file_key: old.file_key,
            payload: old.payload,
            allocation: old.allocation,
            media: old.media,
            thumbnail: old.thumbnail,
            evidence: old.evidence,
            uid: [0; 16],
            changed: Stamp { time: old.modified.unwrap_or(old.added), device: [0; 8] },
            history: vec![],
            digests: None,
        };
        record.uid = record.inherited_uid();
        record
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    pub width: u32,
    pub height: u32,
    pub duration_ms: Option<u64>,
}

/// A thumbnail's own payload; its file key is wiped with the record that holds it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumbnail {
    pub(crate) file_key: [u8; 16],
    pub payload: Extent,
    pub allocation: Extent,
    pub size: u64,
    pub width: u16,
    pub height: u16,
    pub media_type: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub marked: u64,
    pub note: String,
    pub source: String,
}

impl ItemRecord {
    /// A version 1 record as version 2 has it: it owns exactly its payload (no item header,
    /// no padding), and has no media facts, thumbnail or evidence mark.
    pub fn from_v1(v1: &crate::format::v1::ItemRecord) -> ItemRecord {
        let mut record = ItemRecord {
            id: v1.id,
            name: v1.name.clone(),
            media_type: v1.media_type.clone(),
            size: v1.size,
            added: v1.added,
            modified: v1.modified,
            sha256: v1.sha256,
            tags: v1.tags.clone(),
            file_key: v1.file_key,
            payload: v1.payload,
            allocation: v1.payload,
            media: None,
            thumbnail: None,
            evidence: None,
            uid: [0; 16],
            changed: Stamp { time: v1.modified.unwrap_or(v1.added), device: [0; 8] },
            history: vec![],
            digests: None,
        };
        record.uid = record.inherited_uid();
        record
    }

    /// The uid of an item that version 4 did not write (FORMAT-v2.md §6.2): the first 16
    /// bytes of `SHA256("clipvault/v4/uid" || id (u64 LE) || added (u64 LE) || sha256)`.
    /// Every copy of a vault holds these three for the item, and two items that two devices
    /// numbered alike differ in them.
    pub fn inherited_uid(&self) -> [u8; 16] {
        let mut hasher = Sha256::new();
        hasher.update(b"clipvault/v4/uid");
        hasher.update(self.id.to_le_bytes());
        hasher.update(self.added.to_le_bytes());
        hasher.update(self.sha256);
        let digest: [u8; 32] = hasher.finalize().into();
        digest[..16].try_into().expect("16 bytes")
    }

    /// A plausible record for benchmarks and fuzzing: number `n`, a 24-byte name, a
    /// 2 MiB payload. Not for real vaults (its key is not random).
    #[doc(hidden)]
    pub fn synthetic(n: u64) -> ItemRecord {
        let size = 2 << 20;
        let payload_len = crate::crypto::stream::payload_len(size).expect("small");
        let allocation = allocation_len(ITEM_HEADER_LEN as u64 + payload_len);
        let offset = DATA_START + n * allocation;
        ItemRecord {
            id: n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
            name: format!("VID_20240101_{n:08}.mp4").into_bytes(),
            media_type: "video/mp4".into(),
            size,
            added: 1_700_000_000 + n,
            modified: Some(1_700_000_000),
            sha256: [n as u8; 32],
            tags: vec![],
            file_key: [n as u8; 16],
            payload: Extent { offset: offset + ITEM_HEADER_LEN as u64, len: payload_len },
            allocation: Extent { offset, len: allocation },
            media: None,
            thumbnail: None,
            evidence: None,
            uid: (u128::from(n) << 64 | 0x5eed).to_le_bytes(),
            changed: Stamp { time: 1_700_000_000, device: [1; 8] },
            history: vec![],
            digests: None,
        }
    }

    /// The rules a record must keep whatever file it is in: its payload length follows from
    /// its size, and its payload lies within its allocation (its thumbnail's likewise).
    pub fn check(&self) -> Result<(), FormatError> {
        let bad = FormatError::Malformed;
        if crate::crypto::stream::payload_len(self.size) != Some(self.payload.len) {
            return Err(bad("payload length does not match item size"));
        }
        if !within(&self.payload, &self.allocation) {
            return Err(bad("payload outside its allocation"));
        }
        if let Some(thumbnail) = &self.thumbnail
            && (crate::crypto::stream::payload_len(thumbnail.size) != Some(thumbnail.payload.len)
                || !within(&thumbnail.payload, &thumbnail.allocation))
        {
            return Err(bad("thumbnail payload does not match its size or allocation"));
        }
        if self.name.len() > MAX_NAME_LEN || self.history.iter().any(|r| r.name.len() > MAX_NAME_LEN) {
            return Err(bad("item name too long"));
        }
        if self.history.len() > MAX_HISTORY {
            return Err(bad("item history too long"));
        }
        Ok(())
    }
}

/// Longest item name, in bytes.
pub const MAX_NAME_LEN: usize = 4096;

fn within(inner: &Extent, outer: &Extent) -> bool {
    matches!((inner.end(), outer.end()), (Some(i), Some(o)) if inner.offset >= outer.offset && i <= o)
}

/// Decodes an index segment's body (blob kind 4: version 4 records) and checks every record.
pub fn decode_segment(plain: &[u8]) -> Result<SegmentBody, FormatError> {
    checked(decode_blob(plain)?)
}

/// Decodes an index segment of versions 2 and 3 (blob kind 2) into version 4 records.
pub fn decode_segment_v2(plain: &[u8]) -> Result<SegmentBody, FormatError> {
    let old: SegmentBodyV2 = decode_blob(plain)?;
    checked(SegmentBody { items: old.items.into_iter().map(ItemRecord::from).collect() })
}

fn checked(body: SegmentBody) -> Result<SegmentBody, FormatError> {
    for item in &body.items {
        item.check()?;
    }
    Ok(body)
}

impl Drop for ItemRecord {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.file_key);
        if let Some(thumbnail) = self.thumbnail.as_mut() {
            zeroize::Zeroize::zeroize(&mut thumbnail.file_key);
        }
    }
}

impl std::fmt::Debug for ItemRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ItemRecord({:016x})", self.id)
    }
}

/// An item header's plaintext: `len (u32) || postcard(record) || zeros`, exactly
/// [`ITEM_HEADER_PLAIN_LEN`] bytes. A record too big for it loses the end of its name, then
/// its history, then the end of its evidence note, then its tags, until it fits (the index
/// stays authoritative).
pub fn encode_item_header(record: &ItemRecord) -> Result<Vec<u8>, FormatError> {
    let mut record = record.clone();
    loop {
        let encoded = postcard::to_stdvec(&record).map_err(|_| FormatError::Malformed("item header encoding"))?;
        if 4 + encoded.len() <= ITEM_HEADER_PLAIN_LEN {
            let mut out = Vec::with_capacity(ITEM_HEADER_PLAIN_LEN + 16);
            out.extend_from_slice(&(encoded.len() as u32).to_le_bytes());
            out.extend_from_slice(&encoded);
            out.resize(ITEM_HEADER_PLAIN_LEN, 0);
            return Ok(out);
        }
        let over = 4 + encoded.len() - ITEM_HEADER_PLAIN_LEN;
        if record.name.len() > 16 {
            let keep = record.name.len().saturating_sub(over).max(16);
            record.name.truncate(keep);
        } else if record.history.pop().is_some() {
        } else if let Some(evidence) = record.evidence.as_mut().filter(|e| !e.note.is_empty()) {
            let keep = evidence.note.len().saturating_sub(over);
            let cut = (0..=keep).rev().find(|&i| evidence.note.is_char_boundary(i)).unwrap_or(0);
            evidence.note.truncate(cut);
        } else if record.tags.pop().is_none() {
            return Err(FormatError::Malformed("item record cannot fit an item header"));
        }
    }
}

/// Decodes an item header's plaintext: a version 4 record, or one that versions 2 and 3
/// wrote (the two cannot be mistaken: each must consume the record's bytes exactly, and
/// version 4's only adds fields at the end).
pub fn decode_item_header(plain: &[u8]) -> Result<ItemRecord, FormatError> {
    if plain.len() != ITEM_HEADER_PLAIN_LEN {
        return Err(FormatError::Malformed("item header length"));
    }
    match decode_blob(plain) {
        Ok(record) => Ok(record),
        Err(_) => decode_blob::<ItemRecordV2>(plain).map(ItemRecord::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name_len: usize) -> ItemRecord {
        ItemRecord {
            id: 1,
            name: vec![b'n'; name_len],
            media_type: "video/mp4".into(),
            size: 10,
            added: 1,
            modified: None,
            sha256: [0; 32],
            tags: vec!["a".into(); 3],
            file_key: [7; 16],
            payload: Extent { offset: 8192 + 4096, len: 42 },
            allocation: Extent { offset: 8192, len: 8192 },
            media: Some(MediaInfo { width: 4000, height: 3000, duration_ms: None }),
            thumbnail: None,
            evidence: Some(Evidence { marked: 2, note: "x".repeat(3000), source: "@someone".into() }),
            uid: [3; 16],
            changed: Stamp { time: 2, device: [4; 8] },
            history: vec![],
            digests: Some(Digests { md5: Some([5; 16]), pdq: Some(Pdq { hash: [6; 32], quality: 100 }) }),
        }
    }

    #[test]
    fn item_headers_hold_the_record_cutting_name_then_note_to_fit() {
        let small = record(12);
        assert_eq!(decode_item_header(&encode_item_header(&small).unwrap()).unwrap(), small);
        let big = record(4096);
        let header = encode_item_header(&big).unwrap();
        assert_eq!(header.len(), ITEM_HEADER_PLAIN_LEN);
        let back = decode_item_header(&header).unwrap();
        assert!(back.name.len() < 4096 && back.name.len() >= 16);
        assert_eq!((back.id, back.file_key, back.payload), (big.id, big.file_key, big.payload));
    }
}
