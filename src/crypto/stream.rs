//! age v1's STREAM payload cipher (FORMAT.md §6), with chunk-level random access and
//! in-place, parallel batch processing.
//!
//! A payload is `nonce(16) || chunk_0 || .. || chunk_{n-1}`. Chunk `i` is sealed under
//! `payload_key = HKDF(file_key, nonce, "payload")` with the 12-byte nonce
//! `i as 11-byte big-endian || last flag`. Every chunk but the last holds exactly
//! [`CHUNK_LEN`] plaintext bytes; the last is non-empty unless it is the only one.

use super::keys::hkdf;
use super::{CryptoError, FileKey};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use std::mem::MaybeUninit;
use zeroize::Zeroize;

/// Plaintext bytes per chunk (age's 64 KiB).
pub const CHUNK_LEN: usize = 64 * 1024;
/// Poly1305 tag length.
pub const TAG_LEN: usize = 16;
/// Bytes of one full sealed chunk on disk.
pub const SEALED_CHUNK_LEN: usize = CHUNK_LEN + TAG_LEN;
/// Length of the payload nonce that starts every payload.
pub const PAYLOAD_NONCE_LEN: usize = 16;

/// Number of chunks of a plaintext of `size` bytes: `max(1, ceil(size / CHUNK_LEN))`.
pub fn chunk_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_LEN as u64).max(1)
}

/// Length of the payload of a plaintext of `size` bytes, or `None` if it overflows.
pub fn payload_len(size: u64) -> Option<u64> {
    (PAYLOAD_NONCE_LEN as u64).checked_add(size)?.checked_add(chunk_count(size).checked_mul(TAG_LEN as u64)?)
}

/// Offset of sealed chunk `index` from the start of its payload.
pub fn chunk_offset(index: u64) -> u64 {
    PAYLOAD_NONCE_LEN as u64 + index * SEALED_CHUNK_LEN as u64
}

/// Plaintext length of chunk `index` of a plaintext of `size` bytes.
pub fn chunk_plain_len(size: u64, index: u64) -> usize {
    let start = index * CHUNK_LEN as u64;
    (size.saturating_sub(start)).min(CHUNK_LEN as u64) as usize
}

/// Bytes of the sealed chunks `first .. first + k` of a plaintext of `size` bytes, stored
/// back to back: all full but perhaps the last.
pub fn sealed_batch_len(size: u64, first: u64, k: usize) -> usize {
    sealed_run_len(k, chunk_plain_len(size, first + k as u64 - 1))
}

/// Bytes of `k` sealed chunks stored back to back, all full but the last, which holds
/// `last_plain_len` plaintext bytes.
pub fn sealed_run_len(k: usize, last_plain_len: usize) -> usize {
    (k - 1) * SEALED_CHUNK_LEN + last_plain_len + TAG_LEN
}

/// The key of one payload, wiped when dropped.
///
/// The chunk cipher is `ring`'s ChaCha20-Poly1305: 1.7x the speed of the `chacha20poly1305`
/// crate here (docs/PERFORMANCE.md), with the same output. `ring` does not wipe its keys,
/// so this type keeps the key in an allocation of its own and zeroes it when dropped.
pub struct PayloadKey(WipedKey);

impl PayloadKey {
    /// `HKDF-SHA-256(ikm = file_key, salt = nonce, info = "payload")`, as age derives it.
    pub fn derive(file_key: &FileKey, payload_nonce: &[u8; PAYLOAD_NONCE_LEN]) -> Self {
        let key = hkdf(file_key.expose(), payload_nonce, b"payload");
        PayloadKey(WipedKey::new(key.expose()))
    }

    /// Seals `buf[..len]` in place and writes the tag to `buf[len..len + TAG_LEN]`.
    pub fn seal_chunk(&self, index: u64, last: bool, buf: &mut [u8], len: usize) {
        let tag = self
            .0
            .get()
            .seal_in_place_separate_tag(chunk_nonce(index, last), Aad::empty(), &mut buf[..len])
            .expect("a chunk is within ChaCha20-Poly1305 limits");
        buf[len..len + TAG_LEN].copy_from_slice(tag.as_ref());
    }

    /// Opens a sealed chunk (`ciphertext || tag`) in place; returns the plaintext length.
    pub fn open_chunk(&self, index: u64, last: bool, sealed: &mut [u8]) -> Result<usize, CryptoError> {
        let plain = self
            .0
            .get()
            .open_in_place(chunk_nonce(index, last), Aad::empty(), sealed)
            .map_err(|_| CryptoError::DecryptionFailed)?;
        Ok(plain.len())
    }

    /// Seals a batch laid out as consecutive [`SEALED_CHUNK_LEN`] slots, chunk `first + k` in
    /// slot `k` with `lens[k]` plaintext bytes. `last_is_final` marks whether the batch's last
    /// chunk ends the payload. (Parallelism is across batches, in the callers' pipelines.)
    pub fn seal_batch(&self, first: u64, buf: &mut [u8], lens: &[usize], last_is_final: bool) {
        let n = lens.len();
        for (k, slot) in buf.chunks_mut(SEALED_CHUNK_LEN).take(n).enumerate() {
            self.seal_chunk(first + k as u64, last_is_final && k + 1 == n, slot, lens[k]);
        }
    }

    /// Opens a batch of sealed chunks laid out back to back (all full except perhaps the
    /// last). Returns the index of the first chunk that failed, if any.
    pub fn open_batch(&self, first: u64, sealed: &mut [u8], last_is_final: bool) -> Result<(), u64> {
        let n = sealed.len().div_ceil(SEALED_CHUNK_LEN);
        for (k, chunk) in sealed.chunks_mut(SEALED_CHUNK_LEN).enumerate() {
            let index = first + k as u64;
            self.open_chunk(index, last_is_final && k + 1 == n, chunk).map_err(|_| index)?;
        }
        Ok(())
    }
}

/// `index` as an 11-byte big-endian counter, then the last-chunk flag.
fn chunk_nonce(index: u64, last: bool) -> Nonce {
    let mut nonce = [0u8; 12];
    nonce[3..11].copy_from_slice(&index.to_be_bytes());
    nonce[11] = u8::from(last);
    Nonce::assume_unique_for_key(nonce)
}

/// A `ring` ChaCha20-Poly1305 key in its own allocation, whose bytes are zeroized when it
/// is dropped (`ring` keeps the key inside `LessSafeKey` and leaves it in freed memory).
///
/// Like every key type here, it cannot wipe copies the compiler may leave in stack frames
/// while building it (SECURITY.md).
struct WipedKey(Box<MaybeUninit<LessSafeKey>>);

impl WipedKey {
    fn new(key: &[u8; 32]) -> Self {
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key).expect("a 32-byte key suits ChaCha20-Poly1305");
        let mut slot = Box::new_uninit();
        slot.write(LessSafeKey::new(unbound));
        WipedKey(slot)
    }

    fn get(&self) -> &LessSafeKey {
        // SAFETY: `new` initialised the value, and only `drop` de-initialises it.
        unsafe { self.0.assume_init_ref() }
    }
}

impl Drop for WipedKey {
    fn drop(&mut self) {
        // SAFETY: the value was initialised in `new` and is dropped only here, once. After
        // the drop its bytes are plain memory, which `MaybeUninit<u8>` may overwrite. (A
        // `ring` key owns no heap memory: all of it lies in this allocation.)
        unsafe {
            self.0.assume_init_drop();
            let bytes =
                std::slice::from_raw_parts_mut(self.0.as_mut_ptr().cast::<MaybeUninit<u8>>(), size_of::<LessSafeKey>());
            bytes.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `WipedKey` zeroizes only its own allocation: right only while ring keeps the whole
    /// key inline. A type holding heap memory needs a drop, and the key must fit.
    #[test]
    fn ring_keeps_the_key_inline_where_wiped_key_wipes_it() {
        assert!(!std::mem::needs_drop::<LessSafeKey>());
        assert!(size_of::<LessSafeKey>() >= 32);
    }

    #[test]
    fn layout_math() {
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(1), 1);
        assert_eq!(chunk_count(CHUNK_LEN as u64), 1);
        assert_eq!(chunk_count(CHUNK_LEN as u64 + 1), 2);
        assert_eq!(payload_len(0), Some(32));
        assert_eq!(payload_len(CHUNK_LEN as u64), Some(16 + 65536 + 16));
        assert_eq!(payload_len(u64::MAX), None);
        assert_eq!(chunk_plain_len(70_000, 1), 70_000 - CHUNK_LEN);
        assert_eq!(chunk_plain_len(0, 0), 0);
    }

    #[test]
    fn nonce_layout_is_big_endian_counter_then_flag() {
        let n = chunk_nonce(0x0102, true);
        assert_eq!(n.as_ref(), &[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1]);
    }

    #[test]
    fn chunk_bound_to_position_and_finality() {
        let key = PayloadKey::derive(&FileKey::from_bytes([9; 16]), &[1; 16]);
        let mut buf = vec![0u8; 5 + TAG_LEN];
        buf[..5].copy_from_slice(b"hello");
        key.seal_chunk(3, false, &mut buf, 5);
        let sealed = buf.clone();
        assert!(key.open_chunk(4, false, &mut buf.clone()).is_err());
        assert!(key.open_chunk(3, true, &mut buf.clone()).is_err());
        let mut ok = sealed.clone();
        assert_eq!(key.open_chunk(3, false, &mut ok), Ok(5));
        assert_eq!(&ok[..5], b"hello");
    }

    /// `ring` computes the chunks; the RustCrypto crate (which seals the vault's records)
    /// must agree byte for byte, and each must open what the other sealed.
    #[test]
    fn ring_and_rustcrypto_chunks_are_identical() {
        use chacha20poly1305::aead::{AeadInPlace, KeyInit};
        let file_key = FileKey::from_bytes([3; 16]);
        let payload_nonce = [5; PAYLOAD_NONCE_LEN];
        let key = PayloadKey::derive(&file_key, &payload_nonce);
        let raw = hkdf(file_key.expose(), &payload_nonce, b"payload");
        let reference = chacha20poly1305::ChaCha20Poly1305::new(raw.expose().into());
        for (len, index, last) in [(0, 0, true), (1, 7, true), (1000, 1, false), (CHUNK_LEN, 1 << 40, false)] {
            let plain: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let mut ours = vec![0u8; len + TAG_LEN];
            ours[..len].copy_from_slice(&plain);
            key.seal_chunk(index, last, &mut ours, len);
            let mut theirs = plain.clone();
            let nonce = chunk_nonce(index, last);
            let tag =
                reference.encrypt_in_place_detached(nonce.as_ref().into(), b"", &mut theirs).expect("within limits");
            theirs.extend_from_slice(&tag);
            assert_eq!(ours, theirs, "len {len}");
            let mut opened = theirs.clone();
            assert_eq!(key.open_chunk(index, last, &mut opened), Ok(len));
            assert_eq!(&opened[..len], &plain[..]);
        }
    }
}
