//! Pieces shared by the reading (`read.rs`) and writing (`write.rs`) pipelines and the layers
//! above: the batch size, zeroizing batch buffers, the worker count, vectored I/O that
//! finishes, and overwriting a range with random bytes.

use crate::crypto::stream::SEALED_CHUNK_LEN;
use crate::storage::Storage;
use rand::RngCore;
use rand_chacha::ChaCha20Rng;
use std::io::{self, IoSliceMut, Read};

/// Chunks decrypted or encrypted together: 2 MiB of work to share between cores.
pub(crate) const BATCH_CHUNKS: usize = 32;

/// Reads until `bufs` are full or the source ends; returns the bytes read.
pub(super) fn read_vectored_full(source: &mut dyn Read, mut bufs: &mut [IoSliceMut]) -> io::Result<usize> {
    let mut total = 0;
    while !bufs.is_empty() {
        match source.read_vectored(bufs) {
            Ok(0) => break,
            Ok(n) => {
                total += n;
                IoSliceMut::advance_slices(&mut bufs, n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}

/// A batch buffer that, on drop, wipes only the bytes that were used. A fresh allocation is
/// zero pages mapped lazily, so the unused tail of a buffer (a small item) costs nothing.
pub(crate) struct BatchBuf {
    data: Vec<u8>,
    used: usize,
}

impl BatchBuf {
    pub(crate) fn new() -> Self {
        BatchBuf { data: vec![0u8; BATCH_CHUNKS * SEALED_CHUNK_LEN], used: 0 }
    }

    /// The first `len` bytes, to write into.
    pub(crate) fn get(&mut self, len: usize) -> &mut [u8] {
        self.used = self.used.max(len);
        &mut self.data[..len]
    }

    /// The first `len` bytes, to read.
    pub(crate) fn filled(&self, len: usize) -> &[u8] {
        &self.data[..len]
    }
}

impl Drop for BatchBuf {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.data[..self.used]);
    }
}

/// Worker threads for sealing and opening batches: one per core but the one the pipeline's
/// sequential stage (reading and hashing, or writing out) keeps busy, at least one and at
/// most four. On two cores one worker beats two (docs/PERFORMANCE.md): a third thread only
/// takes turns with the other two.
///
/// Computed once: asking the system costs about 30 µs here (it reads cgroup files), and
/// every item read or written asks, thousands of times for a folder of photos.
pub(crate) fn crypto_workers() -> usize {
    static WORKERS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WORKERS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cores - 1).clamp(1, 4)
    })
}

/// Writes every slice to `out`, with as few (vectored) writes as the writer allows.
pub(crate) fn write_all_slices(out: &mut dyn std::io::Write, slices: &[&[u8]]) -> io::Result<()> {
    let mut ios: Vec<io::IoSlice<'_>> = slices.iter().filter(|s| !s.is_empty()).map(|s| io::IoSlice::new(s)).collect();
    let mut left: &mut [io::IoSlice<'_>] = &mut ios;
    while !left.is_empty() {
        match out.write_vectored(left) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut left, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads `len` bytes at `from_offset` of `from` a megabyte at a time, handing each block to
/// `to` with its offset from `from_offset`: ciphertext moved as it is (a payload does not
/// depend on where it lies), or a whole file streamed out.
pub(crate) fn copy_range(
    from: &dyn Storage,
    from_offset: u64,
    len: u64,
    to: &mut dyn FnMut(u64, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut block = vec![0u8; len.min(1 << 20) as usize];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(block.len() as u64) as usize;
        from.read_at(from_offset + done, &mut block[..n])?;
        to(done, &block[..n])?;
        done += n as u64;
    }
    Ok(())
}

/// Overwrites `len` bytes at `offset` with random bytes, a block at a time. The block holds
/// noise, not secrets, so it needs no wiping.
pub(crate) fn overwrite_random(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    block: &mut [u8],
    offset: u64,
    len: u64,
) -> io::Result<()> {
    let mut done = 0;
    while done < len {
        let n = ((len - done) as usize).min(block.len());
        rng.fill_bytes(&mut block[..n]);
        storage.write_at(offset + done, &block[..n])?;
        done += n as u64;
    }
    Ok(())
}
