//! The manifest (FORMAT-v2.md §6.1), one per compartment: its segments, keys, custody head,
//! bound slots, device and tombstones, and the reading of the version 4, 3 and 2 encodings.

use super::blob::{BlobRef, decode_blob};
use super::custody::CustodyHead;
use super::item::Stamp;
use crate::format::FormatError;
use crate::format::layout::{Extent, SLOT_COUNT};
use serde::{Deserialize, Serialize};

/// A compartment's manifest (FORMAT-v2.md §6.1). Its signing key is wiped on drop and never
/// shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generation: u64,
    pub segments: Vec<BlobRef>,
    pub pending_wipe: Vec<Extent>,
    /// Items whose item headers are to be rewritten from the index (after a rename or
    /// retag), by id.
    pub pending_headers: Vec<u64>,
    pub slots: Vec<KeyEntry>,
    pub custody: Option<CustodyHead>,
    pub signing_key: Option<[u8; 32]>,
    /// The SHA-256 of each slot this compartment owns, as this commit wrote the superblock
    /// (version 3; empty in a version 2 manifest). A bound slot opens the compartment only
    /// with a manifest that lists its bytes, so an older manifest cannot be spliced in
    /// under a new passphrase.
    pub bound_slots: Vec<BoundSlot>,
    /// The device whose file this is (version 4: random when the file is made or upgraded,
    /// kept by its commits). Changes carry it in their [`Stamp`].
    pub device: [u8; 8],
    /// Items shredded here or by a merge, so that a merge never brings them back (version 4).
    pub tombstones: Vec<Tombstone>,
    /// The version whose encoding this manifest was read in (2, 3 or 4; written: 4). Its
    /// segments are blobs of kind 4 in version 4, of kind 2 before.
    #[serde(skip)]
    pub encoding: u16,
}

/// A shredded item: its uid, when and where it was shredded, and whether its shred was a
/// forced shred of evidence (logged in the custody log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub uid: [u8; 16],
    pub shredded: Stamp,
    pub forced: bool,
}

/// A slot's bytes as a commit wrote them (FORMAT-v2.md §6.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundSlot {
    pub slot: u8,
    pub sha256: [u8; 32],
}

/// A version 3 manifest as written: a version 4 manifest without `device` and `tombstones`.
#[derive(Deserialize)]
struct ManifestV3 {
    generation: u64,
    segments: Vec<BlobRef>,
    pending_wipe: Vec<Extent>,
    pending_headers: Vec<u64>,
    slots: Vec<KeyEntry>,
    custody: Option<CustodyHead>,
    signing_key: Option<[u8; 32]>,
    bound_slots: Vec<BoundSlot>,
}

impl From<ManifestV3> for Manifest {
    fn from(m: ManifestV3) -> Manifest {
        Manifest {
            generation: m.generation,
            segments: m.segments,
            pending_wipe: m.pending_wipe,
            pending_headers: m.pending_headers,
            slots: m.slots,
            custody: m.custody,
            signing_key: m.signing_key,
            bound_slots: m.bound_slots,
            device: [0; 8],
            tombstones: vec![],
            encoding: 3,
        }
    }
}

/// A version 2 manifest as written: a version 3 manifest without `bound_slots`.
#[derive(Deserialize)]
struct ManifestV2 {
    generation: u64,
    segments: Vec<BlobRef>,
    pending_wipe: Vec<Extent>,
    pending_headers: Vec<u64>,
    slots: Vec<KeyEntry>,
    custody: Option<CustodyHead>,
    signing_key: Option<[u8; 32]>,
}

impl From<ManifestV2> for Manifest {
    fn from(m: ManifestV2) -> Manifest {
        Manifest {
            generation: m.generation,
            segments: m.segments,
            pending_wipe: m.pending_wipe,
            pending_headers: m.pending_headers,
            slots: m.slots,
            custody: m.custody,
            signing_key: m.signing_key,
            bound_slots: vec![],
            device: [0; 8],
            tombstones: vec![],
            encoding: 2,
        }
    }
}

/// One key of this compartment: the slot it is in, its kind, when it was made, its label. (The
/// version 1 header's per-slot `format::SlotInfo` is another thing.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    pub slot: u8,
    /// 1 passphrase, 2 recovery.
    pub kind: u8,
    pub created: u64,
    /// At most [`MAX_LABEL_LEN`] bytes.
    pub label: String,
}

/// Longest slot label, in bytes.
pub const MAX_LABEL_LEN: usize = 64;
/// Most index segments a manifest may list (the binary counter keeps fewer than 32).
pub const MAX_SEGMENTS: usize = 32;
/// Most ranges a manifest may list for wiping.
pub const MAX_PENDING_WIPE: usize = 1024;
/// Most tombstones a manifest may list.
pub const MAX_TOMBSTONES: usize = 1 << 20;
/// `KeyEntry::kind` of a passphrase slot.
pub const SLOT_PASSPHRASE: u8 = 1;
/// `KeyEntry::kind` of a recovery slot.
pub const SLOT_RECOVERY: u8 = 2;

/// Decodes a manifest of version 4, 3 or 2 (the encodings cannot be mistaken for each
/// other: each must consume the body exactly, and each adds fields at the end of the one
/// before) and checks its caps.
pub fn decode_manifest(plain: &[u8]) -> Result<Manifest, FormatError> {
    let manifest: Manifest = match decode_blob::<Manifest>(plain) {
        Ok(mut manifest) => {
            manifest.encoding = 4;
            manifest
        }
        Err(_) => match decode_blob::<ManifestV3>(plain) {
            Ok(manifest) => manifest.into(),
            Err(_) => decode_blob::<ManifestV2>(plain)?.into(),
        },
    };
    if manifest.segments.len() > MAX_SEGMENTS
        || manifest.bound_slots.len() > SLOT_COUNT
        || manifest.bound_slots.iter().any(|b| usize::from(b.slot) >= SLOT_COUNT)
        || manifest.pending_wipe.len() > MAX_PENDING_WIPE
        || manifest.pending_headers.len() > MAX_PENDING_WIPE
        || manifest.tombstones.len() > MAX_TOMBSTONES
        || manifest.slots.len() > SLOT_COUNT
        || manifest.slots.iter().any(|s| usize::from(s.slot) >= SLOT_COUNT || s.label.len() > MAX_LABEL_LEN)
    {
        return Err(FormatError::Malformed("manifest lists too much"));
    }
    Ok(manifest)
}

impl Drop for Manifest {
    fn drop(&mut self) {
        if let Some(key) = self.signing_key.as_mut() {
            zeroize::Zeroize::zeroize(key);
        }
    }
}

impl std::fmt::Debug for Manifest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Manifest(generation {}, {} segments)", self.generation, self.segments.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::v2::{MIN_BLOB_PLAIN, encode_blob};

    #[test]
    fn blobs_round_trip_and_reject_dirty_padding() {
        let manifest = Manifest {
            generation: 3,
            segments: vec![BlobRef::to(&[1; 700], 16384).unwrap()],
            pending_wipe: vec![],
            pending_headers: vec![],
            slots: vec![KeyEntry { slot: 0, kind: 1, created: 5, label: "paper in the safe".into() }],
            custody: None,
            signing_key: None,
            bound_slots: vec![BoundSlot { slot: 0, sha256: [9; 32] }],
            device: [1; 8],
            tombstones: vec![Tombstone { uid: [2; 16], shredded: Stamp { time: 9, device: [1; 8] }, forced: false }],
            encoding: 0,
        };
        let body = encode_blob(&manifest).unwrap();
        assert!(body.len() >= MIN_BLOB_PLAIN);
        assert_eq!(decode_blob::<Manifest>(&body).unwrap(), manifest);
        let mut dirty = body.clone();
        *dirty.last_mut().unwrap() = 1;
        assert!(decode_blob::<Manifest>(&dirty).is_err());
    }
}
