//! The decoders of decrypted plaintexts: the commit record and index segments (and the
//! item records in them, with their chunk layout). Malformed input fails without panicking
//! or allocating without bound; what decodes re-encodes to an equal value.
#![no_main]

use clipvault::format::v1::{COMMIT_PLAIN_LEN, decode_commit, decode_segment, encode_commit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut commit = vec![0u8; COMMIT_PLAIN_LEN];
    let n = data.len().min(COMMIT_PLAIN_LEN);
    commit[..n].copy_from_slice(&data[..n]);
    if let Ok(record) = decode_commit(&commit) {
        let again = encode_commit(&record).expect("a decoded record encodes");
        assert_eq!(decode_commit(&again).expect("and decodes again"), record);
    }
    let _ = decode_segment(data);
});
