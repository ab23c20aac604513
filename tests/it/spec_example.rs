//! The worked examples of docs/FORMAT.md §12 (version 1) and docs/FORMAT-v2.md §13, recomputed
//! from the pinned vectors with the primitives alone (argon2, hkdf, hmac, sha2,
//! chacha20poly1305), as an independent reader written from the spec would: no clipvault
//! code is used. Every value a spec prints must be what this computes, so the examples cannot
//! drift from the format.
//!
//! `CLIPVAULT_PRINT_EXAMPLE=1 cargo test --test it spec_example:: -- --nocapture` prints the blocks.

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce, Tag};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::path::Path;

const PASSPHRASE: &[u8] = b"correct horse battery staple";

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, &mut out).unwrap();
    out
}

/// ChaCha20-Poly1305 open of `ciphertext || tag`.
fn open(key: &[u8; 32], nonce: &[u8; 12], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    let (body, tag) = sealed.split_at(sealed.len() - 16);
    let mut plain = body.to_vec();
    ChaCha20Poly1305::new(Key::from_slice(key))
        .decrypt_in_place_detached(Nonce::from_slice(nonce), aad, &mut plain, Tag::from_slice(tag))
        .ok()?;
    Some(plain)
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes(b[..4].try_into().unwrap())
}

/// Reads a LEB128 varint at `*at`.
fn varint(b: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = b[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

/// Every value of the example, in the order the spec prints them.
fn example() -> Vec<(&'static str, String)> {
    let file = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1-small.clipvault")).unwrap();
    let sb = &file[..4096];
    let salt = &sb[40..72];
    let kek = argon2id(salt, sb);
    // Slot 0 holds the passphrase: slot_salt (16) || sealed master key (48) || random (64).
    let slot = &sb[72..200];
    let slot_key = hkdf(&kek, &slot[..16], b"clipvault/v1/slot/passphrase");
    let master: [u8; 32] = open(&slot_key, &[0; 12], b"clipvault/v1/slot", &slot[16..64]).unwrap().try_into().unwrap();
    let mac_key = hkdf(&master, b"", b"clipvault/v1/header-mac");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).unwrap();
    mac.update(&sb[..4032]);
    mac.verify_slice(&sb[4032..4064]).expect("header MAC verifies");
    let commit_key = hkdf(&master, b"", b"clipvault/v1/commit");
    let commit_nonce: [u8; 12] = sb[1096..1108].try_into().unwrap();
    let commit = open(&commit_key, &commit_nonce, &sb[..1096], &sb[1108..1108 + 2064]).unwrap();
    let len = u16::from_le_bytes([commit[0], commit[1]]) as usize;
    let record = &commit[2..2 + len];
    // CommitRecord: created, data_end, then segments: Vec<Extent>; the first segment's extent.
    let mut at = 0;
    let _created = varint(record, &mut at);
    let _data_end = varint(record, &mut at);
    let segment_count = varint(record, &mut at);
    assert!(segment_count >= 1);
    let seg_offset = varint(record, &mut at) as usize;
    let seg_len = varint(record, &mut at) as usize;
    let copy = &file[seg_offset..seg_offset + seg_len];
    let segment_key = hkdf(&master, &copy[..32], b"clipvault/v1/index-segment");
    let body = open(&segment_key, &[0; 12], b"clipvault/v1/index-segment", &copy[32..]).unwrap();
    let body_len = le_u32(&body) as usize;
    let items = &body[4..4 + body_len];
    // SegmentBody { items: Vec<ItemRecord> }: the first item, field by field (FORMAT.md §7).
    let mut at = 0;
    let count = varint(items, &mut at);
    assert!(count >= 1);
    let _id = varint(items, &mut at);
    let name_len = varint(items, &mut at) as usize;
    let name = &items[at..at + name_len];
    at += name_len;
    let type_len = varint(items, &mut at) as usize;
    at += type_len;
    let size = varint(items, &mut at);
    let _added = varint(items, &mut at);
    let has_modified = items[at];
    at += 1;
    if has_modified == 1 {
        varint(items, &mut at);
    }
    at += 32; // sha256
    let tag_count = varint(items, &mut at);
    assert_eq!(tag_count, 0);
    let file_key = &items[at..at + 16];
    at += 16;
    let payload_offset = varint(items, &mut at) as usize;
    let payload_nonce = &file[payload_offset..payload_offset + 16];
    let payload_key = hkdf(file_key, payload_nonce, b"payload");
    let mut chunk_nonce = [0u8; 12];
    chunk_nonce[11] = 1; // chunk 0, and the last one: the item is 13 bytes
    let chunk = &file[payload_offset + 16..payload_offset + 16 + size as usize + 16];
    let plain = open(&payload_key, &chunk_nonce, b"", chunk).unwrap();
    assert_eq!(name, b"hello.txt");
    assert_eq!(plain, b"hello, vault\n");
    vec![
        ("kdf_salt", hex::encode(salt)),
        ("kek", hex::encode(kek)),
        ("slot_0_salt", hex::encode(&slot[..16])),
        ("pass_slot_key", hex::encode(slot_key)),
        ("master", hex::encode(master)),
        ("header_mac_key", hex::encode(mac_key)),
        ("commit_key", hex::encode(commit_key)),
        ("commit_nonce", hex::encode(commit_nonce)),
        ("commit_plaintext_head", hex::encode(&commit[..2 + len])),
        ("segment_0_salt", hex::encode(&copy[..32])),
        ("segment_key", hex::encode(segment_key)),
        ("item_0_file_key", hex::encode(file_key)),
        ("item_0_payload_nonce", hex::encode(payload_nonce)),
        ("item_0_payload_key", hex::encode(payload_key)),
        ("item_0_chunk_0_nonce", hex::encode(chunk_nonce)),
    ]
}

/// Every value must be printed, as `name = value` on a line of its own, in `doc` (printed
/// here too with `CLIPVAULT_PRINT_EXAMPLE=1`).
fn check_spec(doc: &str, section: &str, values: &[(&str, String)]) {
    if std::env::var_os("CLIPVAULT_PRINT_EXAMPLE").is_some() {
        for (name, value) in values {
            println!("{name} = {value}");
        }
    }
    let spec = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(doc)).unwrap();
    for (name, value) in values {
        let line = format!("{name} = {value}");
        assert!(spec.lines().any(|l| l.trim() == line), "{doc} {section} lacks or differs on: {line}");
    }
}

#[test]
fn the_worked_example_in_format_md_is_what_the_vector_holds() {
    check_spec("FORMAT.md", "§12", &example());
}

fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().unwrap())
}

fn argon2id(salt: &[u8], sb: &[u8]) -> [u8; 32] {
    let (m, t, p) = (le_u32(&sb[28..]), le_u32(&sb[32..]), le_u32(&sb[36..]));
    let mut kek = [0u8; 32];
    let params = argon2::Params::new(m, t, p, Some(32)).unwrap();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(PASSPHRASE, salt, &mut kek)
        .unwrap();
    kek
}

/// A postcard `BlobRef` at `*at`: offset, len, mirror (varints), sha256 (32 raw bytes).
fn blob_ref(b: &[u8], at: &mut usize) -> (usize, usize, usize, [u8; 32]) {
    let offset = varint(b, at) as usize;
    let len = varint(b, at) as usize;
    let mirror = varint(b, at) as usize;
    let sha: [u8; 32] = b[*at..*at + 32].try_into().unwrap();
    *at += 32;
    (offset, len, mirror, sha)
}

/// Opens a blob copy of `kind` at `offset` (`len` bytes) after checking its SHA-256; returns
/// its salt, key and the postcard bytes of its body.
fn open_blob(
    file: &[u8],
    master: &[u8; 32],
    kind: u8,
    (offset, len, mirror, sha): (usize, usize, usize, [u8; 32]),
) -> ([u8; 32], [u8; 32], Vec<u8>) {
    let copy = &file[offset..offset + len];
    assert_eq!(mirror % 4096, 0, "the mirror starts on a unit");
    let key = hkdf(master, &copy[..32], b"clipvault/v2/blob");
    let mut aad = b"clipvault/v2/blob".to_vec();
    aad.push(kind);
    let body = open(&key, &[0; 12], &aad, &copy[32..]).unwrap();
    if <[u8; 32]>::from(Sha256::digest(copy)) == sha {
        // Version 2: both copies are the same bytes, referenced by their SHA-256.
        assert_eq!(&file[mirror..mirror + len], copy, "the mirror holds the same bytes");
    } else {
        // Version 3: each copy sealed with its own salt; the reference is the body's SHA-256.
        assert_eq!(<[u8; 32]>::from(Sha256::digest(&body)), sha, "the body is the one referenced");
        let other = &file[mirror..mirror + len];
        assert_ne!(other, copy, "the copies share no bytes pattern");
        let key = hkdf(master, &other[..32], b"clipvault/v2/blob");
        assert_eq!(open(&key, &[0; 12], &aad, &other[32..]).unwrap(), body, "the mirror holds the same body");
    }
    let body_len = le_u32(&body) as usize;
    assert!(body[4 + body_len..].iter().all(|&b| b == 0), "zero padding");
    (copy[..32].try_into().unwrap(), key, body[4..4 + body_len].to_vec())
}

/// The area of superblock `sb` that `area_key` opens (trying all eight, with AAD
/// `"clipvault/v2/area" || i || sb[24..72]`): its index, nonce and plaintext.
fn open_area(sb: &[u8], area_key: &[u8; 32]) -> (u8, Vec<u8>, Vec<u8>) {
    (0..8u8)
        .find_map(|i| {
            let area = &sb[1096 + 156 * i as usize..1096 + 156 * (i as usize + 1)];
            let mut aad = b"clipvault/v2/area".to_vec();
            aad.push(i);
            aad.extend_from_slice(&sb[24..72]);
            let plain = open(area_key, area[..12].try_into().unwrap(), &aad, &area[12..])?;
            Some((i, area[..12].to_vec(), plain))
        })
        .expect("an area opens")
}

/// The values of FORMAT-v2.md §13, in order.
fn example_v2() -> Vec<(&'static str, String)> {
    let file = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v2-small.clipvault")).unwrap();
    let sb = &file[..4096];
    assert_eq!(&sb[..8], b"CLIPVLT\0");
    assert_eq!(u16::from_le_bytes([sb[8], sb[9]]), 2);
    assert_eq!(<[u8; 32]>::from(Sha256::digest(&sb[..4064]))[..], sb[4064..]);
    let salt = &sb[40..72];
    let kek = argon2id(salt, sb);
    // Every slot is tried with the KEK; the one that opens holds the master key.
    let (slot_index, master) = (0..8)
        .find_map(|i| {
            let slot = &sb[72 + 128 * i..72 + 128 * (i + 1)];
            let slot_key = hkdf(&kek, &slot[..16], b"clipvault/v1/slot/passphrase");
            let master = open(&slot_key, &[0; 12], b"clipvault/v1/slot", &slot[16..64])?;
            Some((i, <[u8; 32]>::try_from(master).unwrap()))
        })
        .expect("a slot opens");
    // The area: try all eight; the one whose key check matches is this key's.
    let area_key = hkdf(&master, b"", b"clipvault/v2/area");
    let check_key = hkdf(&master, b"", b"clipvault/v2/key-check");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&check_key).unwrap();
    mac.update(b"clipvault/v2/key-check");
    mac.update(&sb[24..72]);
    let key_check: [u8; 32] = mac.finalize().into_bytes().into();
    let (index, area_nonce, plain) = open_area(sb, &area_key);
    assert_eq!(plain[..32], key_check, "the area's key check is this key's");
    assert!(plain[100..].iter().all(|&b| b == 0));
    let generation = le_u64(&plain[32..]);
    let manifest_ref = (
        le_u64(&plain[48..]) as usize,
        le_u32(&plain[56..]) as usize,
        le_u64(&plain[60..]) as usize,
        plain[68..100].try_into().unwrap(),
    );
    assert_eq!(manifest_ref.2, manifest_ref.0 + manifest_ref.1.div_ceil(4096) * 4096, "version 2: mirror next");
    let (manifest_salt, manifest_key, manifest) = open_blob(&file, &master, 1, manifest_ref);
    // Manifest: generation, segments (Vec<BlobRef>), ...
    let mut at = 0;
    assert_eq!(varint(&manifest, &mut at), generation, "the manifest's generation is the area's");
    let segment_count = varint(&manifest, &mut at);
    assert_eq!(segment_count, 1);
    let segment_ref = blob_ref(&manifest, &mut at);
    let (segment_salt, segment_key, items) = open_blob(&file, &master, 2, segment_ref);
    // SegmentBody { items }: the first ItemRecord, field by field (FORMAT-v2.md §6.2).
    let mut at = 0;
    assert_eq!(varint(&items, &mut at), 2);
    let id = varint(&items, &mut at);
    let name_len = varint(&items, &mut at) as usize;
    let name = items[at..at + name_len].to_vec();
    at += name_len;
    let type_len = varint(&items, &mut at) as usize;
    at += type_len;
    let size = varint(&items, &mut at) as usize;
    let _added = varint(&items, &mut at);
    if items[at] == 1 {
        at += 1;
        varint(&items, &mut at);
    } else {
        at += 1;
    }
    at += 32; // sha256
    assert_eq!(varint(&items, &mut at), 0, "no tags");
    let file_key = items[at..at + 16].to_vec();
    at += 16;
    let payload_offset = varint(&items, &mut at) as usize;
    let _payload_len = varint(&items, &mut at);
    let allocation_offset = varint(&items, &mut at) as usize;
    let allocation_len = varint(&items, &mut at) as usize;
    assert_eq!((allocation_offset % 4096, allocation_len % 4096), (0, 0));
    assert_eq!(payload_offset, allocation_offset + 4096, "the item header comes first");
    // The item header names the same item.
    let header = &file[allocation_offset..allocation_offset + 4096];
    let header_key = hkdf(&master, &header[..32], b"clipvault/v2/item-header");
    let header_plain = open(&header_key, &[0; 12], b"clipvault/v2/item-header", &header[32..]).unwrap();
    assert_eq!(header_plain.len(), 4048);
    let mut hat = 4;
    assert_eq!(varint(&header_plain, &mut hat), id);
    // The payload, as in version 1.
    let payload_nonce = &file[payload_offset..payload_offset + 16];
    let payload_key = hkdf(&file_key, payload_nonce, b"payload");
    let mut chunk_nonce = [0u8; 12];
    chunk_nonce[11] = 1;
    let chunk = &file[payload_offset + 16..payload_offset + 16 + size + 16];
    assert_eq!(name, b"hello.txt");
    assert_eq!(open(&payload_key, &chunk_nonce, b"", chunk).unwrap(), b"hello, vault\n");
    vec![
        ("v2_kdf_salt", hex::encode(salt)),
        ("v2_kek", hex::encode(kek)),
        ("v2_slot_index", slot_index.to_string()),
        ("v2_master", hex::encode(master)),
        ("v2_area_index", index.to_string()),
        ("v2_area_key", hex::encode(area_key)),
        ("v2_area_nonce", hex::encode(area_nonce)),
        ("v2_key_check", hex::encode(key_check)),
        ("v2_generation", generation.to_string()),
        ("v2_manifest_offset", manifest_ref.0.to_string()),
        ("v2_manifest_len", manifest_ref.1.to_string()),
        ("v2_manifest_sha256", hex::encode(manifest_ref.3)),
        ("v2_manifest_salt", hex::encode(manifest_salt)),
        ("v2_manifest_key", hex::encode(manifest_key)),
        ("v2_manifest_postcard", hex::encode(&manifest)),
        ("v2_segment_offset", segment_ref.0.to_string()),
        ("v2_segment_salt", hex::encode(segment_salt)),
        ("v2_segment_key", hex::encode(segment_key)),
        ("v2_item_0_allocation", format!("{allocation_offset} {allocation_len}")),
        ("v2_item_0_header_salt", hex::encode(&header[..32])),
        ("v2_item_0_header_key", hex::encode(header_key)),
        ("v2_item_0_file_key", hex::encode(&file_key)),
        ("v2_item_0_payload_key", hex::encode(payload_key)),
    ]
}

#[test]
fn the_worked_example_in_format_v2_md_is_what_the_vector_holds() {
    check_spec("FORMAT-v2.md", "§13", &example_v2());
}

/// A vector of version 3 or later, opened with bare primitives: its file, the passphrase's
/// slot, that slot's key, the master key, the manifest's plaintext, where its `bound_slots`
/// begin and end, and the slots it owns.
struct Opened {
    file: Vec<u8>,
    slot_index: usize,
    slot_key: [u8; 32],
    master: [u8; 32],
    manifest: Vec<u8>,
    bound_at: usize,
    bound_end: usize,
    owned: Vec<usize>,
}

fn open_v3_or_later(version: u16) -> Opened {
    let path = format!("tests/vectors/v{version}-small.clipvault");
    let file = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let sb = &file[..4096];
    assert_eq!(u16::from_le_bytes([sb[8], sb[9]]), version);
    let kek = argon2id(&sb[40..72], sb);
    let (slot_index, slot_key, master) = (0..8)
        .find_map(|i| {
            let slot = &sb[72 + 128 * i..72 + 128 * (i + 1)];
            let slot_key = hkdf(&kek, &slot[..16], b"clipvault/v3/slot/passphrase");
            let master = open(&slot_key, &[0; 12], b"clipvault/v3/slot", &slot[16..64])?;
            Some((i, slot_key, <[u8; 32]>::try_from(master).unwrap()))
        })
        .expect("a slot opens with version 3's labels");
    let (_, _, plain) = open_area(sb, &hkdf(&master, b"", b"clipvault/v2/area"));
    let manifest_ref = (
        le_u64(&plain[48..]) as usize,
        le_u32(&plain[56..]) as usize,
        le_u64(&plain[60..]) as usize,
        plain[68..100].try_into().unwrap(),
    );
    let (_, _, manifest) = open_blob(&file, &master, 1, manifest_ref);
    // Walk the version 2 fields to where version 3's `bound_slots` begins.
    let mut at = 0;
    varint(&manifest, &mut at); // generation
    for _ in 0..varint(&manifest, &mut at) {
        blob_ref(&manifest, &mut at);
    }
    assert_eq!(varint(&manifest, &mut at), 0, "no pending wipe");
    assert_eq!(varint(&manifest, &mut at), 0, "no pending headers");
    let mut owned = Vec::new();
    for _ in 0..varint(&manifest, &mut at) {
        owned.push(manifest[at] as usize);
        at += 2; // slot, kind
        varint(&manifest, &mut at); // created
        at += varint(&manifest, &mut at) as usize; // label
    }
    assert_eq!((manifest[at], manifest[at + 1]), (0, 0), "no custody log, no signing key");
    at += 2;
    let bound_at = at;
    assert_eq!(varint(&manifest, &mut at) as usize, owned.len());
    for slot in &owned {
        assert_eq!(manifest[at] as usize, *slot);
        let digest: [u8; 32] = Sha256::digest(&sb[72 + 128 * slot..72 + 128 * (slot + 1)]).into();
        assert_eq!(manifest[at + 1..at + 33], digest, "the manifest vouches for slot {slot} as it is");
        at += 33;
    }
    Opened { slot_index, slot_key, master, manifest, bound_at, bound_end: at, owned, file: file.clone() }
}

/// The values of FORMAT-v2.md §13's version 3 part: the v3 vector's passphrase slot opens
/// with version 3's labels, and its manifest ends with the SHA-256 of every slot it owns.
fn example_v3() -> Vec<(&'static str, String)> {
    let v3 = open_v3_or_later(3);
    assert_eq!(v3.bound_end, v3.manifest.len(), "bound_slots ends the manifest");
    vec![
        ("v3_slot_index", v3.slot_index.to_string()),
        ("v3_slot_key", hex::encode(v3.slot_key)),
        ("v3_owned_slots", format!("{:?}", v3.owned)),
        ("v3_bound_slots_postcard", hex::encode(&v3.manifest[v3.bound_at..])),
    ]
}

/// Skips a postcard byte string (or UTF-8 string): its length, then its bytes.
fn bytes_field<'a>(b: &'a [u8], at: &mut usize) -> &'a [u8] {
    let len = varint(b, at) as usize;
    *at += len;
    &b[*at - len..*at]
}

/// The values of FORMAT-v2.md §14.4: the version 4 vector's manifest ends, after
/// `bound_slots`, with its device and an empty tombstone list; its index segment is a blob of
/// kind 4 whose first record ends with version 4's fields.
fn example_v4() -> Vec<(&'static str, String)> {
    let v4 = open_v3_or_later(4);
    let tail = &v4.manifest[v4.bound_end..];
    assert_eq!(tail.len(), 8 + 1, "device, then the tombstone count");
    assert_eq!(tail[8], 0, "no tombstones");
    // The one segment: the manifest's first `BlobRef`, opened as kind 4.
    let mut at = 0;
    varint(&v4.manifest, &mut at); // generation
    assert_eq!(varint(&v4.manifest, &mut at), 1, "one segment");
    let segment_ref = blob_ref(&v4.manifest, &mut at);
    let (_, _, segment) = open_blob(&v4.file, &v4.master, 4, segment_ref);
    let mut at = 0;
    assert_eq!(varint(&segment, &mut at), 2, "two items");
    varint(&segment, &mut at); // id
    assert_eq!(bytes_field(&segment, &mut at), b"hello.txt");
    bytes_field(&segment, &mut at); // media_type
    varint(&segment, &mut at); // size
    varint(&segment, &mut at); // added
    assert_eq!(segment[at], 0, "no modified time");
    at += 1 + 32; // sha256
    assert_eq!(varint(&segment, &mut at), 0, "no tags");
    at += 16; // file_key
    for _ in 0..4 {
        varint(&segment, &mut at); // payload, allocation
    }
    assert_eq!(segment[at..at + 3], [0, 0, 0], "no media facts, thumbnail or evidence mark");
    at += 3;
    let v4_fields = at;
    let uid = &segment[at..at + 16];
    at += 16;
    let changed_time = varint(&segment, &mut at);
    assert_eq!(changed_time, 1_700_000_000);
    assert_eq!(segment[at..at + 8], tail[..8], "changed by this file's device");
    at += 8;
    assert_eq!(segment[at..at + 2], [0, 0], "no history, no digests (a text file)");
    vec![
        ("v4_device", hex::encode(&tail[..8])),
        ("v4_manifest_tail", hex::encode(tail)),
        ("v4_segment_offset", segment_ref.0.to_string()),
        ("v4_item_0_uid", hex::encode(uid)),
        ("v4_item_0_v4_fields", hex::encode(&segment[v4_fields..at + 2])),
    ]
}

#[test]
fn the_version_4_example_in_format_v2_md_is_what_the_v4_vector_holds() {
    check_spec("FORMAT-v2.md", "§14.4", &example_v4());
}

#[test]
fn the_version_3_example_in_format_v2_md_is_what_the_v3_vector_holds() {
    check_spec("FORMAT-v2.md", "§13", &example_v3());
}
