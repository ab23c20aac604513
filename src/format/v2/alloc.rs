//! Version 2's allocation rules (FORMAT-v2.md §5): the 4096-byte unit, padded allocations,
//! and where a blob's mirror copy goes.

use crate::format::layout::padme;

/// Unit of allocation in the data area; every allocation starts on a multiple of it.
pub const UNIT: u64 = 4096;

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

    #[test]
    fn allocations_are_whole_units_and_padded() {
        assert_eq!(allocation_len(1), UNIT);
        assert_eq!(allocation_len(4096), 4096);
        let len = 10_000_123;
        let alloc = allocation_len(len);
        assert!(alloc >= len && alloc.is_multiple_of(UNIT) && alloc <= len + len / 8 + UNIT);
    }
}
