//! Sealed structures of format version 2 in the data area (FORMAT-v2.md §6, §7.2): blobs
//! (manifests, index segments) written as two copies a unit apart and read back only if they
//! match the SHA-256 their reference holds, and the item header that starts every item's
//! allocation. Where blobs go and when they are written is the commit protocol's
//! (`commit.rs`).

use super::error::{CopyDamage, Damage, VaultError};
use super::pipeline::overwrite_random;
use crate::crypto::{self, MasterKey};
use crate::format::v2::{self, BlobKind, BlobRef, ITEM_HEADER_LEN};
use crate::format::{Extent, ItemRecord};
use crate::storage::Storage;
use rand_chacha::ChaCha20Rng;
use serde::Serialize;
use zeroize::Zeroizing;

/// HKDF label of blob keys.
const BLOB_INFO: &[u8] = b"clipvault/v2/blob";
/// HKDF label of item header keys, and their AAD.
const ITEM_HEADER_INFO: &[u8] = b"clipvault/v2/item-header";
/// Largest blob copy a reader accepts (1 GiB).
const MAX_BLOB_LEN: u32 = 1 << 30;
/// Bytes of the salt that starts every blob copy and item header.
const SALT_LEN: usize = 32;

fn blob_aad(kind: BlobKind) -> Vec<u8> {
    let mut aad = BLOB_INFO.to_vec();
    aad.push(kind as u8);
    aad
}

/// One sealed copy of a blob body: `salt || AEAD(blob_key, 0^12, aad, body)`, with a salt
/// of its own, so no two copies share a byte pattern (FORMAT-v2.md §6).
fn seal_copy(master: &MasterKey, rng: &mut ChaCha20Rng, kind: BlobKind, body: &[u8]) -> Vec<u8> {
    let mut sealed = Zeroizing::new(body.to_vec());
    let salt: [u8; SALT_LEN] = crypto::random_bytes(rng);
    let key = master.derive(&salt, BLOB_INFO);
    crypto::seal(&key, &[0; 12], &blob_aad(kind), &mut sealed);
    let mut copy = Vec::with_capacity(SALT_LEN + sealed.len());
    copy.extend_from_slice(&salt);
    copy.extend_from_slice(&sealed);
    copy
}

/// Seals `value` and writes both copies at `at` (a multiple of the unit), each followed by
/// random bytes up to the next unit; returns its reference and where the next free unit is.
pub(super) fn write_blob<T: Serialize>(
    storage: &dyn Storage,
    master: &MasterKey,
    rng: &mut ChaCha20Rng,
    kind: BlobKind,
    value: &T,
    at: u64,
) -> Result<(BlobRef, u64), VaultError> {
    write_blob_apart(storage, master, rng, kind, value, at, None)
}

/// [`write_blob`], with the mirror at `mirror` (a hole reserved earlier, of at least the
/// copy's units: FORMAT-v2.md §6) when given and the copy fits it, else right after the
/// first copy.
pub(super) fn write_blob_apart<T: Serialize>(
    storage: &dyn Storage,
    master: &MasterKey,
    rng: &mut ChaCha20Rng,
    kind: BlobKind,
    value: &T,
    at: u64,
    mirror: Option<Extent>,
) -> Result<(BlobRef, u64), VaultError> {
    let body = Zeroizing::new(v2::encode_blob(value)?);
    let copies = [seal_copy(master, rng, kind, &body), seal_copy(master, rng, kind, &body)];
    let len = copies[0].len() as u64;
    let unit = v2::align(len);
    let mirror = match mirror {
        Some(hole) if hole.len >= unit => hole.offset,
        _ => at + unit,
    };
    let blob = BlobRef::of_body(&body, len, at, mirror)?;
    let mut block = vec![0u8; (unit - len) as usize];
    for (offset, copy) in [blob.offset, blob.mirror].into_iter().zip(&copies) {
        storage.write_at(offset, copy)?;
        overwrite_random(storage, rng, &mut block, offset + len, unit - len)?;
    }
    Ok((blob, (blob.offset + unit).max(blob.mirror + unit)))
}

/// The unit-aligned range each copy of a blob takes (what wiping it overwrites; the copies
/// may lie apart, §6).
pub(super) fn blob_extents(blob: &BlobRef) -> [Extent; 2] {
    let len = v2::align(u64::from(blob.len));
    [Extent { offset: blob.offset, len }, Extent { offset: blob.mirror, len }]
}

/// Opens copy 0 (at `offset`) or 1 (at `mirror`) of a blob, or says why it cannot be used:
/// cut off by the end of the file, failing to authenticate, not matching the reference's
/// SHA-256, or not decoding. (The outer error is reading failing.)
pub(super) fn open_blob_copy<T>(
    storage: &dyn Storage,
    master: &MasterKey,
    kind: BlobKind,
    blob: &BlobRef,
    copy: usize,
    decode: impl Fn(&[u8]) -> Result<T, crate::format::FormatError>,
) -> Result<Result<T, CopyDamage>, VaultError> {
    let offset = if copy == 0 { blob.offset } else { blob.mirror };
    let len = u64::from(blob.len);
    if blob.len < (SALT_LEN + v2::MIN_BLOB_PLAIN + 16) as u32
        || blob.len > MAX_BLOB_LEN
        || offset.checked_add(len).is_none_or(|end| end > storage.len().unwrap_or(0))
    {
        return Ok(Err(CopyDamage::Unreadable));
    }
    let mut sealed = Zeroizing::new(vec![0u8; blob.len as usize]);
    storage.read_at(offset, &mut sealed)?;
    // Version 2 references the sealed copy (both copies alike), version 3 the body (each
    // copy sealed apart): either binds the reference to this content.
    let copy_matches = blob.matches(&sealed);
    let key = master.derive(&sealed[..SALT_LEN], BLOB_INFO);
    let mut body = Zeroizing::new(sealed[SALT_LEN..].to_vec());
    if crypto::open(&key, &[0; 12], &blob_aad(kind), &mut body).is_err() {
        return Ok(Err(CopyDamage::Unauthentic));
    }
    if !copy_matches && !blob.matches_body(&body) {
        return Ok(Err(CopyDamage::NotReferenced));
    }
    Ok(decode(&body).map_err(CopyDamage::Format))
}

/// Reads the first copy of a blob that is intact (`verify` reports a copy that was not).
pub(super) fn read_blob<T>(
    storage: &dyn Storage,
    master: &MasterKey,
    kind: BlobKind,
    blob: &BlobRef,
    decode: impl Fn(&[u8]) -> Result<T, crate::format::FormatError>,
) -> Result<T, VaultError> {
    let mut why = CopyDamage::Unreadable;
    for copy in 0..2 {
        match open_blob_copy(storage, master, kind, blob, copy, &decode)? {
            Ok(value) => return Ok(value),
            Err(damage) => why = damage,
        }
    }
    Err(index_damage(why))
}

/// An item header (FORMAT-v2.md §7.2): `salt || AEAD(header_key, 0^12, label, plaintext)`,
/// exactly [`ITEM_HEADER_LEN`] bytes.
pub(super) fn seal_item_header(
    master: &MasterKey,
    rng: &mut ChaCha20Rng,
    record: &ItemRecord,
) -> Result<Vec<u8>, VaultError> {
    let mut plain = Zeroizing::new(v2::encode_item_header(record)?);
    let salt: [u8; SALT_LEN] = crypto::random_bytes(rng);
    let key = master.derive(&salt, ITEM_HEADER_INFO);
    crypto::seal(&key, &[0; 12], ITEM_HEADER_INFO, &mut plain);
    let mut header = Vec::with_capacity(ITEM_HEADER_LEN);
    header.extend_from_slice(&salt);
    header.extend_from_slice(&plain);
    debug_assert_eq!(header.len(), ITEM_HEADER_LEN);
    Ok(header)
}

/// Opens the item header at `offset`, if one of this master key's is there.
pub(super) fn open_item_header(
    storage: &dyn Storage,
    master: &MasterKey,
    offset: u64,
) -> Result<Option<ItemRecord>, VaultError> {
    let mut sealed = Zeroizing::new(vec![0u8; ITEM_HEADER_LEN]);
    if offset.saturating_add(ITEM_HEADER_LEN as u64) > storage.len()? {
        return Ok(None);
    }
    storage.read_at(offset, &mut sealed)?;
    let key = master.derive(&sealed[..SALT_LEN], ITEM_HEADER_INFO);
    let mut plain = Zeroizing::new(sealed[SALT_LEN..].to_vec());
    if crypto::open(&key, &[0; 12], ITEM_HEADER_INFO, &mut plain).is_err() {
        return Ok(None);
    }
    Ok(v2::decode_item_header(&plain).ok())
}

/// Whether an item's allocation starts with an item header (items from a version 1 vault
/// have none: their allocation is their payload).
pub(super) fn has_item_header(item: &ItemRecord) -> bool {
    item.payload.offset == item.allocation.offset + ITEM_HEADER_LEN as u64
}

/// Salvage without an index: tries an item header at every unit of the data area outside
/// `skip` (ranges the index accounts for, and freed ranges not yet overwritten) and returns
/// the records of this key's items whose header opens and whose payload lies in the file,
/// other than those in `known`. One HKDF and one AEAD per unit.
pub(super) fn scan_item_headers(
    storage: &dyn Storage,
    master: &MasterKey,
    skip: &[Extent],
    known: &std::collections::HashSet<u64>,
) -> Result<Vec<ItemRecord>, VaultError> {
    let file_len = storage.len()?;
    let mut skip: Vec<(u64, u64)> = skip.iter().filter_map(|e| Some((e.offset, e.end()?))).collect();
    skip.sort_unstable();
    // Merged, so that one lookup finds the range holding a unit.
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(skip.len());
    for (start, end) in skip {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut found: Vec<ItemRecord> = Vec::new();
    let mut at = crate::format::DATA_START;
    while at + ITEM_HEADER_LEN as u64 <= file_len {
        let before = merged.partition_point(|(start, _)| *start <= at);
        if let Some(&(_, end)) = merged[..before].last().filter(|(_, end)| at < *end) {
            at = v2::align(end);
            continue;
        }
        match open_item_header(storage, master, at)? {
            Some(item)
                if item.allocation.offset == at
                    && item.check().is_ok()
                    && item.payload.end().is_some_and(|end| end <= file_len)
                    && !known.contains(&item.id)
                    && !found.iter().any(|f| f.id == item.id) =>
            {
                at = v2::align(item.allocation.end().unwrap_or(at + v2::UNIT)).max(at + v2::UNIT);
                found.push(item);
            }
            _ => at += v2::UNIT,
        }
    }
    Ok(found)
}

/// The error for a structure whose every copy is damaged, the last copy's reason kept where
/// it is a broken format rule (authenticated, so not a torn or changed copy).
pub(super) fn index_damage(why: CopyDamage) -> VaultError {
    match why {
        CopyDamage::Format(source) => VaultError::Malformed { damage: Damage::Index, source },
        _ => VaultError::Integrity(Damage::Index),
    }
}
