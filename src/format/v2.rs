//! The byte layouts of format version 2 (docs/FORMAT-v2.md), as plaintext structures and
//! their encodings: the superblock with its eight areas, an area's plaintext, blob
//! references, blob bodies (manifests, index segments, custody pages), version 2 item
//! records, item headers, and the allocation rules. Like the rest of `format`, nothing here
//! holds a key or runs a cipher.
//!
//! Format version 3 is version 2 with bound key slots (FORMAT-v2.md §4.2, §6.1): the same
//! layouts, a manifest that may end with the SHA-256 of its slots, and the version field 3 so
//! that builds that do not know bound slots refuse the file instead of misreading it. This is
//! what clipvault writes; versions 1 (`records.rs`, `superblock.rs`) and 2 are read and
//! upgraded.

use super::superblock::{check_envelope, kdf_at, seal_checksum, write_kdf};
use super::{FormatError, MAGIC, SLOT_COUNT, SLOT_LEN, SUPERBLOCK_LEN, padme};
use crate::crypto::KdfParams;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};

/// The version field clipvault writes (3: version 2's layouts with bound key slots).
pub const VERSION: u16 = 3;
/// The oldest version field this layout reads (version 2, without bound slots).
pub const FIRST_VERSION: u16 = 2;
/// Unit of allocation in the data area; every allocation starts on a multiple of it.
pub const UNIT: u64 = 4096;
/// Areas in a superblock, one per possible compartment.
pub const AREA_COUNT: usize = 8;
/// Bytes of one area: nonce (12), sealed plaintext (128) and tag (16).
pub const AREA_LEN: usize = 12 + AREA_PLAIN_LEN + 16;
/// Bytes of an area's plaintext.
pub const AREA_PLAIN_LEN: usize = 128;
/// Bytes of a [`BlobRef`].
pub const BLOB_REF_LEN: usize = 52;
/// Bytes of an item header: salt (32), sealed plaintext and tag (16).
pub const ITEM_HEADER_LEN: usize = 4096;
/// Bytes of an item header's plaintext.
pub const ITEM_HEADER_PLAIN_LEN: usize = ITEM_HEADER_LEN - 32 - 16;
/// Smallest padded blob body.
pub const MIN_BLOB_PLAIN: usize = 512;

const KDF_ARGON2ID: u8 = 1;
const OFF_SEQUENCE: usize = 16;
const OFF_KDF: usize = 24;
const OFF_SALT: usize = 40;
const OFF_SLOTS: usize = 72;
const OFF_AREAS: usize = OFF_SLOTS + SLOT_COUNT * SLOT_LEN;
const OFF_RESERVED: usize = OFF_AREAS + AREA_COUNT * AREA_LEN;
const OFF_CHECKSUM: usize = 4064;

/// A version 2 superblock, parsed. Areas stay sealed.
#[derive(Clone, PartialEq, Eq)]
pub struct Superblock {
    /// The version field: 2 or 3 as read; commits write [`VERSION`].
    pub version: u16,
    /// Commit sequence number of the file (any compartment's commit raises it).
    pub sequence: u64,
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Argon2id salt.
    pub kdf_salt: [u8; 32],
    /// Key slots; unused ones are random.
    pub slots: [[u8; SLOT_LEN]; SLOT_COUNT],
    /// Sealed areas; unused ones are random.
    pub areas: [[u8; AREA_LEN]; AREA_COUNT],
}

impl Superblock {
    /// Checks one version 2 copy in the order of FORMAT.md §3.2: magic, version, checksum,
    /// flags and reserved bytes, KDF algorithm, sequence, KDF caps.
    pub fn parse(bytes: &[u8; SUPERBLOCK_LEN]) -> Result<Self, FormatError> {
        let found = u16::from_le_bytes([bytes[8], bytes[9]]);
        let version = if (FIRST_VERSION..=VERSION).contains(&found) { found } else { VERSION };
        check_envelope(bytes, version)?;
        if bytes[10..16]
            .iter()
            .chain(&bytes[OFF_KDF + 1..OFF_KDF + 4])
            .chain(&bytes[OFF_RESERVED..OFF_CHECKSUM])
            .any(|&b| b != 0)
        {
            return Err(FormatError::Malformed("non-zero flags or reserved bytes"));
        }
        if bytes[OFF_KDF] != KDF_ARGON2ID {
            return Err(FormatError::Malformed("unknown key derivation function"));
        }
        let sequence = u64::from_le_bytes(bytes[OFF_SEQUENCE..OFF_SEQUENCE + 8].try_into().expect("fixed layout"));
        if sequence == 0 {
            return Err(FormatError::Malformed("sequence number zero"));
        }
        let kdf = kdf_at(bytes)?;
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for (i, slot) in slots.iter_mut().enumerate() {
            slot.copy_from_slice(&bytes[OFF_SLOTS + i * SLOT_LEN..OFF_SLOTS + (i + 1) * SLOT_LEN]);
        }
        let mut areas = [[0u8; AREA_LEN]; AREA_COUNT];
        for (i, area) in areas.iter_mut().enumerate() {
            area.copy_from_slice(&bytes[OFF_AREAS + i * AREA_LEN..OFF_AREAS + (i + 1) * AREA_LEN]);
        }
        Ok(Superblock {
            version,
            sequence,
            kdf,
            kdf_salt: bytes[OFF_SALT..OFF_SALT + 32].try_into().expect("fixed layout"),
            slots,
            areas,
        })
    }

    /// The 4096 bytes, checksum included.
    pub fn to_bytes(&self) -> Box<[u8; SUPERBLOCK_LEN]> {
        let mut out = Box::new([0u8; SUPERBLOCK_LEN]);
        out[..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&self.version.to_le_bytes());
        out[OFF_SEQUENCE..OFF_SEQUENCE + 8].copy_from_slice(&self.sequence.to_le_bytes());
        write_kdf(&mut out, &self.kdf);
        out[OFF_SALT..OFF_SALT + 32].copy_from_slice(&self.kdf_salt);
        for (i, slot) in self.slots.iter().enumerate() {
            out[OFF_SLOTS + i * SLOT_LEN..OFF_SLOTS + (i + 1) * SLOT_LEN].copy_from_slice(slot);
        }
        for (i, area) in self.areas.iter().enumerate() {
            out[OFF_AREAS + i * AREA_LEN..OFF_AREAS + (i + 1) * AREA_LEN].copy_from_slice(area);
        }
        seal_checksum(&mut out);
        out
    }

    /// The bytes every area's AAD and `key_check` bind: KDF parameters and salt (`[24..72]`).
    pub fn kdf_binding(&self) -> [u8; 48] {
        let bytes = self.to_bytes();
        bytes[OFF_KDF..OFF_SLOTS].try_into().expect("fixed layout")
    }

    /// AAD of area `index`: `"clipvault/v2/area" || index || superblock[24..72]`.
    pub fn area_aad(&self, index: u8) -> Vec<u8> {
        let mut aad = b"clipvault/v2/area".to_vec();
        aad.push(index);
        aad.extend_from_slice(&self.kdf_binding());
        aad
    }
}

/// Where a blob's two copies are and what the first hashes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobRef {
    /// Offset of the first copy (a multiple of [`UNIT`]).
    pub offset: u64,
    /// Length of one copy.
    pub len: u32,
    /// Offset of the mirror copy: `offset + align(len)`.
    pub mirror: u64,
    /// SHA-256 of the sealed copy.
    pub sha256: [u8; 32],
}

impl BlobRef {
    /// The fixed 52 bytes of a `BlobRef` inside an area.
    pub fn to_bytes(&self) -> [u8; BLOB_REF_LEN] {
        let mut out = [0u8; BLOB_REF_LEN];
        out[..8].copy_from_slice(&self.offset.to_le_bytes());
        out[8..12].copy_from_slice(&self.len.to_le_bytes());
        out[12..20].copy_from_slice(&self.mirror.to_le_bytes());
        out[20..].copy_from_slice(&self.sha256);
        out
    }

    pub fn from_bytes(bytes: &[u8; BLOB_REF_LEN]) -> Self {
        BlobRef {
            offset: u64::from_le_bytes(bytes[..8].try_into().expect("fixed layout")),
            len: u32::from_le_bytes(bytes[8..12].try_into().expect("fixed layout")),
            mirror: u64::from_le_bytes(bytes[12..20].try_into().expect("fixed layout")),
            sha256: bytes[20..].try_into().expect("fixed layout"),
        }
    }

    /// A reference to `copy`, written at `offset` with its mirror where [`mirror_offset`] says.
    pub fn to(copy: &[u8], offset: u64) -> Result<Self, FormatError> {
        let len = u32::try_from(copy.len()).map_err(|_| FormatError::Malformed("blob too long"))?;
        Ok(BlobRef { offset, len, mirror: mirror_offset(offset, len), sha256: Sha256::digest(copy).into() })
    }

    /// A version 3 reference: copies of `len` bytes at `offset` and `mirror`, each sealed
    /// apart, and the SHA-256 of the blob's (padded) `body` they both hold.
    pub fn of_body(body: &[u8], len: u64, offset: u64, mirror: u64) -> Result<Self, FormatError> {
        let len = u32::try_from(len).map_err(|_| FormatError::Malformed("blob too long"))?;
        Ok(BlobRef { offset, len, mirror, sha256: Sha256::digest(body).into() })
    }

    /// Whether `body` (a copy opened, the tag removed) is the blob this refers to (version 3).
    pub fn matches_body(&self, body: &[u8]) -> bool {
        <[u8; 32]>::from(Sha256::digest(body)) == self.sha256
    }

    /// Whether `copy` is the blob this refers to.
    pub fn matches(&self, copy: &[u8]) -> bool {
        copy.len() == self.len as usize && <[u8; 32]>::from(Sha256::digest(copy)) == self.sha256
    }
}

/// An area's plaintext: what one compartment's commit says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaPlain {
    /// `HMAC(key_check_key, "clipvault/v2/key-check" || superblock[24..72])`.
    pub key_check: [u8; 32],
    /// This compartment's commit counter.
    pub generation: u64,
    /// Unix seconds when the compartment was created.
    pub created: u64,
    /// The compartment's current manifest.
    pub manifest: BlobRef,
}

impl AreaPlain {
    /// The 128 bytes: `key_check || generation || created || manifest || 0^28`.
    pub fn to_bytes(&self) -> [u8; AREA_PLAIN_LEN] {
        let mut out = [0u8; AREA_PLAIN_LEN];
        out[..32].copy_from_slice(&self.key_check);
        out[32..40].copy_from_slice(&self.generation.to_le_bytes());
        out[40..48].copy_from_slice(&self.created.to_le_bytes());
        out[48..48 + BLOB_REF_LEN].copy_from_slice(&self.manifest.to_bytes());
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, FormatError> {
        if bytes.len() != AREA_PLAIN_LEN {
            return Err(FormatError::Malformed("area length"));
        }
        if bytes[48 + BLOB_REF_LEN..].iter().any(|&b| b != 0) {
            return Err(FormatError::Malformed("area padding is not zero"));
        }
        Ok(AreaPlain {
            key_check: bytes[..32].try_into().expect("checked"),
            generation: u64::from_le_bytes(bytes[32..40].try_into().expect("checked")),
            created: u64::from_le_bytes(bytes[40..48].try_into().expect("checked")),
            manifest: BlobRef::from_bytes(bytes[48..48 + BLOB_REF_LEN].try_into().expect("checked")),
        })
    }
}

/// What kind of blob a body is; part of its AAD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BlobKind {
    Manifest = 1,
    Segment = 2,
    CustodyPage = 3,
}

/// A compartment's manifest (FORMAT-v2.md §6.1). Its signing key is wiped on drop and never
/// shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generation: u64,
    pub segments: Vec<BlobRef>,
    pub pending_wipe: Vec<super::Extent>,
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
}

/// A slot's bytes as a commit wrote them (FORMAT-v2.md §6.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundSlot {
    pub slot: u8,
    pub sha256: [u8; 32],
}

/// A version 2 manifest as written: a version 3 manifest without `bound_slots`.
#[derive(Deserialize)]
struct ManifestV2 {
    generation: u64,
    segments: Vec<BlobRef>,
    pending_wipe: Vec<super::Extent>,
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
/// `KeyEntry::kind` of a passphrase slot.
pub const SLOT_PASSPHRASE: u8 = 1;
/// `KeyEntry::kind` of a recovery slot.
pub const SLOT_RECOVERY: u8 = 2;

/// The custody log's pages and the hash of its last entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyHead {
    pub pages: Vec<BlobRef>,
    pub entries: u64,
    pub head: [u8; 32],
}

/// An index segment's body in version 2: its items in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentBody {
    pub items: Vec<ItemRecord>,
}

/// A page of the custody log: at most [`CUSTODY_PAGE_ENTRIES`] entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyPage {
    pub entries: Vec<CustodyEntry>,
}

/// Entries in one custody page.
pub const CUSTODY_PAGE_ENTRIES: usize = 64;

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
    pub payload: super::Extent,
    /// What the item owns: its item header, payload and padding (for items from a version 1
    /// vault, the payload alone).
    pub allocation: super::Extent,
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
    pub payload: super::Extent,
    pub allocation: super::Extent,
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
    pub fn from_v1(v1: &super::records::ItemRecord) -> ItemRecord {
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
        let offset = super::DATA_START + n * allocation;
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
            payload: super::Extent { offset: offset + ITEM_HEADER_LEN as u64, len: payload_len },
            allocation: super::Extent { offset, len: allocation },
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

fn within(inner: &super::Extent, outer: &super::Extent) -> bool {
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

/// Decodes a manifest of version 3 or 2 (the two encodings cannot be mistaken for each
/// other: each must consume the body exactly) and checks its caps.
pub fn decode_manifest(plain: &[u8]) -> Result<Manifest, FormatError> {
    let manifest: Manifest = match decode_blob::<Manifest>(plain) {
        Ok(manifest) => manifest,
        Err(_) => decode_blob::<ManifestV2>(plain)?.into(),
    };
    if manifest.segments.len() > MAX_SEGMENTS
        || manifest.bound_slots.len() > SLOT_COUNT
        || manifest.bound_slots.iter().any(|b| usize::from(b.slot) >= SLOT_COUNT)
        || manifest.pending_wipe.len() > MAX_PENDING_WIPE
        || manifest.pending_headers.len() > MAX_PENDING_WIPE
        || manifest.slots.len() > SLOT_COUNT
        || manifest.slots.iter().any(|s| usize::from(s.slot) >= SLOT_COUNT || s.label.len() > MAX_LABEL_LEN)
    {
        return Err(FormatError::Malformed("manifest lists too much"));
    }
    Ok(manifest)
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

/// One entry of the custody log (FORMAT-v2.md §6.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyEntry {
    pub seq: u64,
    pub time: u64,
    pub prev: [u8; 32],
    pub event: Event,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Marked { item: u64, sha256: [u8; 32], note: String, source: String },
    NoteChanged { item: u64, note: String, source: String },
    Exported { items: Vec<u64>, bundle_sha256: [u8; 32] },
    Fingerprinted { item: u64, kind: String, value: String },
    Unmarked { item: u64 },
    Shredded { item: u64, sha256: [u8; 32] },
}

impl CustodyEntry {
    /// `SHA256("clipvault/v2/custody" || postcard(entry))`, the next entry's `prev`.
    pub fn hash(&self) -> Result<[u8; 32], FormatError> {
        let encoded = postcard::to_stdvec(self).map_err(|_| FormatError::Malformed("custody entry encoding"))?;
        let mut hasher = Sha256::new();
        hasher.update(b"clipvault/v2/custody");
        hasher.update(&encoded);
        Ok(hasher.finalize().into())
    }
}

/// Checks a custody chain: sequence numbers 0, 1, 2, ..., each `prev` the hash of the entry
/// before (zeros for the first), and `head` the hash of the last.
pub fn check_custody_chain(entries: &[CustodyEntry], head: &[u8; 32]) -> Result<(), FormatError> {
    let mut prev = [0u8; 32];
    for (n, entry) in entries.iter().enumerate() {
        if entry.seq != n as u64 || entry.prev != prev {
            return Err(FormatError::Malformed("custody chain broken"));
        }
        prev = entry.hash()?;
    }
    if &prev != head {
        return Err(FormatError::Malformed("custody chain head differs"));
    }
    Ok(())
}

/// A blob body: `len (u32) || postcard(value) || zeros`, padded to `max(512, PADME(4 + len))`.
pub fn encode_blob<T: Serialize>(value: &T) -> Result<Vec<u8>, FormatError> {
    let encoded = postcard::to_stdvec(value).map_err(|_| FormatError::Malformed("blob encoding"))?;
    let len = u32::try_from(encoded.len()).map_err(|_| FormatError::Malformed("blob too long"))?;
    let padded = (padme(4 + encoded.len() as u64) as usize).max(MIN_BLOB_PLAIN);
    let mut out = Vec::with_capacity(padded + 16);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&encoded);
    out.resize(padded, 0);
    Ok(out)
}

/// Decodes a blob body: the length must fit, the padding be zero, the postcard exact.
pub fn decode_blob<T: DeserializeOwned>(plain: &[u8]) -> Result<T, FormatError> {
    let bad = FormatError::Malformed;
    let len = u32::from_le_bytes(plain.get(..4).ok_or(bad("blob too short"))?.try_into().expect("4 bytes")) as usize;
    let body = plain.get(4..4usize.saturating_add(len)).ok_or(bad("blob length"))?;
    if plain[4 + len..].iter().any(|&b| b != 0) {
        return Err(bad("blob padding is not zero"));
    }
    match postcard::take_from_bytes::<T>(body) {
        Ok((value, [])) => Ok(value),
        _ => Err(bad("blob encoding")),
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

/// `len` rounded up to the allocation unit.
pub fn align(len: u64) -> u64 {
    len.div_ceil(UNIT) * UNIT
}

/// Bytes an allocation of `len` takes: `align(PADME(len))`, so the file's growth shows an
/// item's size only to O(log log len) bits.
pub fn allocation_len(len: u64) -> u64 {
    align(padme(len))
}

/// Where a blob's mirror copy goes: the first unit after the first copy, so no 4096-byte
/// block holds bytes of both.
pub fn mirror_offset(offset: u64, len: u32) -> u64 {
    offset + align(u64::from(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_superblock() -> Superblock {
        Superblock {
            version: VERSION,
            sequence: 7,
            kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 },
            kdf_salt: [3; 32],
            slots: [[5; SLOT_LEN]; SLOT_COUNT],
            areas: std::array::from_fn(|i| [i as u8; AREA_LEN]),
        }
    }

    #[test]
    fn the_superblock_layout_adds_up_and_round_trips() {
        assert_eq!(AREA_LEN, 156);
        assert_eq!(OFF_AREAS, 1096);
        assert_eq!(OFF_RESERVED, 2344);
        let sb = sample_superblock();
        let bytes = sb.to_bytes();
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), VERSION);
        assert!(Superblock::parse(&bytes).unwrap() == sb);
        assert_eq!(&bytes[OFF_AREAS + 3 * AREA_LEN..OFF_AREAS + 4 * AREA_LEN], &[3u8; AREA_LEN][..]);
        assert_eq!(sb.area_aad(5).len(), 17 + 1 + 48);
    }

    #[test]
    fn a_bad_copy_is_rejected_for_the_right_reason() {
        let bytes = sample_superblock().to_bytes();
        let mut v1 = bytes.clone();
        v1[8] = 1;
        assert_eq!(Superblock::parse(&v1).err(), Some(FormatError::UnsupportedVersion(1)));
        let mut torn = bytes.clone();
        torn[2000] ^= 1;
        assert_eq!(Superblock::parse(&torn).err(), Some(FormatError::BadChecksum));
        let mut reserved = bytes.clone();
        reserved[3000] = 1;
        let checksum: [u8; 32] = Sha256::digest(&reserved[..OFF_CHECKSUM]).into();
        reserved[OFF_CHECKSUM..].copy_from_slice(&checksum);
        assert!(matches!(Superblock::parse(&reserved), Err(FormatError::Malformed(_))));
    }

    #[test]
    fn an_area_plaintext_is_exactly_128_bytes_and_round_trips() {
        let blob = BlobRef::to(&[9u8; 600], 8192).unwrap();
        assert_eq!(blob.mirror, 8192 + 4096);
        let area = AreaPlain { key_check: [1; 32], generation: 42, created: 1_700_000_000, manifest: blob };
        let bytes = area.to_bytes();
        assert_eq!(AreaPlain::parse(&bytes).unwrap(), area);
        let mut dirty = bytes;
        dirty[127] = 1;
        assert!(AreaPlain::parse(&dirty).is_err());
        assert!(blob.matches(&[9u8; 600]) && !blob.matches(&[8u8; 600]));
    }

    #[test]
    fn mirror_copies_never_share_a_4096_byte_block() {
        for len in [560u32, 4095, 4096, 4097, 70_000] {
            let offset = 3 * UNIT;
            let mirror = mirror_offset(offset, len);
            let last_block_of_first = (offset + u64::from(len) - 1) / UNIT;
            assert!(mirror / UNIT > last_block_of_first, "len {len}");
            assert!(mirror.is_multiple_of(UNIT));
        }
    }

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
            payload: super::super::Extent { offset: 8192 + 4096, len: 42 },
            allocation: super::super::Extent { offset: 8192, len: 8192 },
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
        };
        let body = encode_blob(&manifest).unwrap();
        assert!(body.len() >= MIN_BLOB_PLAIN);
        assert_eq!(decode_blob::<Manifest>(&body).unwrap(), manifest);
        let mut dirty = body.clone();
        *dirty.last_mut().unwrap() = 1;
        assert!(decode_blob::<Manifest>(&dirty).is_err());
    }

    #[test]
    fn a_custody_chain_detects_removal_edit_and_reordering() {
        let mut entries = Vec::new();
        let mut prev = [0u8; 32];
        for seq in 0..4 {
            let entry = CustodyEntry { seq, time: 100 + seq, prev, event: Event::Unmarked { item: seq } };
            prev = entry.hash().unwrap();
            entries.push(entry);
        }
        check_custody_chain(&entries, &prev).unwrap();
        let mut removed = entries.clone();
        removed.remove(1);
        assert!(check_custody_chain(&removed, &prev).is_err());
        let mut edited = entries.clone();
        edited[2].time += 1;
        assert!(check_custody_chain(&edited, &prev).is_err());
        let mut cut = entries.clone();
        cut.pop();
        assert!(check_custody_chain(&cut, &prev).is_err(), "a cut-off tail shows against the head");
    }

    #[test]
    fn allocations_are_whole_units_and_padded() {
        assert_eq!(allocation_len(1), UNIT);
        assert_eq!(allocation_len(4096), 4096);
        let len = 10_000_123;
        let alloc = allocation_len(len);
        assert!(alloc >= len && alloc.is_multiple_of(UNIT) && alloc <= len + len / 8 + UNIT);
    }
}
