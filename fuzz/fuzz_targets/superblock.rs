//! The superblock parser: any 4096 bytes parse or fail without panicking, and whatever
//! parses encodes back to the same bytes.
#![no_main]

use clipvault::format::SUPERBLOCK_LEN;
use clipvault::format::v1::Superblock;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = [0u8; SUPERBLOCK_LEN];
    let n = data.len().min(SUPERBLOCK_LEN);
    bytes[..n].copy_from_slice(&data[..n]);
    if let Ok(sb) = Superblock::parse(&bytes) {
        assert_eq!(&sb.to_bytes()[..], &bytes[..]);
    }
});
