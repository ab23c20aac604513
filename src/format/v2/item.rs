//! Version 2's item records (FORMAT-v2.md §6.2): what an index segment holds for each item,
//! the rules a record keeps, and the item header that repeats it beside the payload (§7.2).

use super::alloc::allocation_len;
use super::blob::decode_blob;
use crate::format::FormatError;
use crate::format::layout::{DATA_START, Extent};
use serde::{Deserialize, Serialize};

/// Bytes of an item header: salt (32), sealed plaintext and tag (16).
pub const ITEM_HEADER_LEN: usize = 4096;
/// Bytes of an item header's plaintext.
pub const ITEM_HEADER_PLAIN_LEN: usize = ITEM_HEADER_LEN - 32 - 16;

/// An index segment's body in version 2: its items in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentBody {
    pub items: Vec<ItemRecord>,
}

/// A version 2 item record (FORMAT-v2.md §6.2). Its file keys are wiped on drop; `Debug`
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
        ItemRecord {
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
        }
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
        if self.name.len() > MAX_NAME_LEN {
            return Err(bad("item name too long"));
        }
        Ok(())
    }
}

/// Longest item name, in bytes.
pub const MAX_NAME_LEN: usize = 4096;

fn within(inner: &Extent, outer: &Extent) -> bool {
    matches!((inner.end(), outer.end()), (Some(i), Some(o)) if inner.offset >= outer.offset && i <= o)
}

/// Decodes an index segment's body and checks every record.
pub fn decode_segment(plain: &[u8]) -> Result<SegmentBody, FormatError> {
    let body: SegmentBody = decode_blob(plain)?;
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
/// of its evidence note, then its tags, until it fits (the index stays authoritative).
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
        } else if let Some(evidence) = record.evidence.as_mut().filter(|e| !e.note.is_empty()) {
            let keep = evidence.note.len().saturating_sub(over);
            let cut = (0..=keep).rev().find(|&i| evidence.note.is_char_boundary(i)).unwrap_or(0);
            evidence.note.truncate(cut);
        } else if record.tags.pop().is_none() {
            return Err(FormatError::Malformed("item record cannot fit an item header"));
        }
    }
}

/// Decodes an item header's plaintext.
pub fn decode_item_header(plain: &[u8]) -> Result<ItemRecord, FormatError> {
    if plain.len() != ITEM_HEADER_PLAIN_LEN {
        return Err(FormatError::Malformed("item header length"));
    }
    decode_blob(plain)
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
