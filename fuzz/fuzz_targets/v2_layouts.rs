//! Format version 2's parsers (src/format/v2/): superblock copies, area plaintexts, blob
//! bodies (manifests, index segments, custody pages) and item headers. Malformed input fails
//! without panicking or allocating without bound; what parses re-encodes to an equal value.
#![no_main]

use clipvault::format::v2::{
    AREA_PLAIN_LEN, AreaPlain, CustodyPage, ITEM_HEADER_PLAIN_LEN, Manifest, SegmentBody, Superblock, decode_blob,
    decode_item_header, encode_blob,
};
use clipvault::format::SUPERBLOCK_LEN;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut block = [0u8; SUPERBLOCK_LEN];
    let n = data.len().min(SUPERBLOCK_LEN);
    block[..n].copy_from_slice(&data[..n]);
    if let Ok(sb) = Superblock::parse(&block) {
        assert!(Superblock::parse(&sb.to_bytes()).expect("re-parses") == sb);
    }
    if data.len() >= AREA_PLAIN_LEN
        && let Ok(area) = AreaPlain::parse(&data[..AREA_PLAIN_LEN])
    {
        assert_eq!(AreaPlain::parse(&area.to_bytes()).expect("re-parses"), area);
    }
    if let Ok(manifest) = decode_blob::<Manifest>(data) {
        assert_eq!(decode_blob::<Manifest>(&encode_blob(&manifest).unwrap()).unwrap(), manifest);
    }
    let _ = decode_blob::<SegmentBody>(data);
    let _ = decode_blob::<CustodyPage>(data);
    let mut header = vec![0u8; ITEM_HEADER_PLAIN_LEN];
    let n = data.len().min(ITEM_HEADER_PLAIN_LEN);
    header[..n].copy_from_slice(&data[..n]);
    let _ = decode_item_header(&header);
});
