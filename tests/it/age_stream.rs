//! Interoperability of the payload cipher with age: every payload in age's official test
//! vectors (C2SP CCTV, vendored in tests/vectors/age-testkit with their origin and licence) that comes with its file
//! key is decrypted with clipvault's STREAM code, and what it releases must hash to the
//! vector's `payload`, on success and on failure alike.
//!
//! The directory can be moved with `CLIPVAULT_AGE_TESTKIT`.

use clipvault::crypto::FileKey;
use clipvault::crypto::stream::{PAYLOAD_NONCE_LEN, PayloadKey, SEALED_CHUNK_LEN, TAG_LEN};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::PathBuf;

fn testkit_dir() -> PathBuf {
    std::env::var_os("CLIPVAULT_AGE_TESTKIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/age-testkit/testdata"))
}

struct Vector {
    expect: String,
    payload_sha: Option<String>,
    file_key: Option<[u8; 16]>,
    armored: bool,
    body: Vec<u8>,
}

fn parse(bytes: &[u8]) -> Vector {
    let split = bytes.windows(2).position(|w| w == b"\n\n").expect("vector header ends with an empty line");
    let header = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut body = bytes[split + 2..].to_vec();
    let mut v = Vector { expect: String::new(), payload_sha: None, file_key: None, armored: false, body: vec![] };
    for line in header.lines() {
        let (key, value) = line.split_once(": ").unwrap();
        match key {
            "expect" => v.expect = value.into(),
            "payload" => v.payload_sha = Some(value.into()),
            "file key" => v.file_key = hex::decode(value).ok().and_then(|k| k.try_into().ok()),
            "armored" => v.armored = true,
            "compressed" => {
                let mut inflated = Vec::new();
                flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut inflated).unwrap();
                body = inflated;
            }
            _ => {}
        }
    }
    v.body = body;
    v
}

/// The bytes after age's header (after the `---` MAC line).
fn payload_of(file: &[u8]) -> Option<&[u8]> {
    let mac = file.windows(5).position(|w| w == b"\n--- ")?;
    let end = file[mac + 1..].iter().position(|&b| b == b'\n')? + mac + 2;
    Some(&file[end..])
}

/// Decrypts an age payload of unknown length: the last sealed chunk is the final one.
/// Returns what was released and whether the whole payload was valid.
fn decrypt(file_key: [u8; 16], payload: &[u8]) -> (Vec<u8>, bool) {
    let mut released = Vec::new();
    if payload.len() < PAYLOAD_NONCE_LEN {
        return (released, false);
    }
    let nonce: [u8; PAYLOAD_NONCE_LEN] = payload[..PAYLOAD_NONCE_LEN].try_into().unwrap();
    let key = PayloadKey::derive(&FileKey::from_bytes(file_key), &nonce);
    let chunks: Vec<&[u8]> = payload[PAYLOAD_NONCE_LEN..].chunks(SEALED_CHUNK_LEN).collect();
    if chunks.is_empty() {
        return (released, false);
    }
    // As age reads: a full chunk is tried as a middle chunk first, then as the final one;
    // a short chunk must be final; a final chunk must end the payload.
    for (i, chunk) in chunks.iter().enumerate() {
        let more = i + 1 < chunks.len();
        if chunk.len() < TAG_LEN {
            return (released, false);
        }
        if chunk.len() == SEALED_CHUNK_LEN {
            let mut buf = chunk.to_vec();
            if let Ok(len) = key.open_chunk(i as u64, false, &mut buf) {
                released.extend_from_slice(&buf[..len]);
                if !more {
                    return (released, false); // no final chunk
                }
                continue;
            }
        }
        let mut buf = chunk.to_vec();
        let Ok(len) = key.open_chunk(i as u64, true, &mut buf) else {
            return (released, false);
        };
        if len == 0 && i > 0 {
            return (released, false); // only an empty payload may end in an empty chunk
        }
        released.extend_from_slice(&buf[..len]);
        return (released, !more);
    }
    (released, true)
}

#[test]
fn age_testkit_payloads_decrypt_as_age_does() {
    let dir = testkit_dir();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("age test vectors not found at {} ({e}); set CLIPVAULT_AGE_TESTKIT", dir.display()));
    let (mut checked, mut skipped) = (0, Vec::new());
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let v = parse(&std::fs::read(&path).unwrap());
        let Some(file_key) = v.file_key else { continue };
        if v.armored {
            skipped.push(name); // armor is not part of a vault payload
            continue;
        }
        let payload_failure_in_header = name == "stream_no_nonce" || name == "stream_short_nonce";
        match v.expect.as_str() {
            "success" | "payload failure" => {}
            // A payload too short to hold its nonce is a header failure to age and a payload
            // failure to a reader that only sees payloads: the same refusal.
            "header failure" if payload_failure_in_header => {}
            _ => continue,
        }
        let Some(payload) = payload_of(&v.body) else { panic!("{name}: no age header end") };
        let (released, ok) = decrypt(file_key, payload);
        assert_eq!(ok, v.expect == "success", "{name}: expected {}", v.expect);
        if let Some(sha) = &v.payload_sha {
            assert_eq!(&hex::encode(Sha256::digest(&released)), sha, "{name}: released plaintext differs");
        }
        checked += 1;
    }
    assert!(checked >= 39, "only {checked} vectors checked");
    eprintln!("checked {checked} age vectors; skipped (armored): {}", skipped.join(" "));
}
