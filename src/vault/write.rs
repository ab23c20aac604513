//! The payload pipeline for writing (FORMAT.md §6): reading the source in batches while
//! hashing it and noting its media type, sealing batches on worker threads and writing each
//! at its offset. Knows storage and keys, not the index or the commit protocol.

use super::error::VaultError;
use super::pipeline::{BATCH_CHUNKS, BatchBuf, crypto_workers, read_vectored_full};
use crate::crypto::{
    self, FileKey,
    stream::{self, PAYLOAD_NONCE_LEN, PayloadKey, SEALED_CHUNK_LEN},
};
use crate::format::Extent;
use crate::storage::Storage;
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use std::io::{self, IoSliceMut, Read};
use std::sync::{PoisonError, mpsc};

/// Encrypts `source` as an age payload at `start` (FORMAT.md §6). The stages overlap: this
/// thread reads and hashes the next batch while workers seal earlier ones and write each at
/// its own offset. Buffers are recycled, so memory stays at a few batches whatever the
/// item's size.
pub(super) fn write_payload(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    source: &mut dyn Read,
    start: u64,
) -> Result<WrittenPayload, VaultError> {
    seal_payload(storage, rng, source, start, crypto_workers())
}

/// [`write_payload`] with `workers` sealing threads.
pub(super) fn seal_payload(
    storage: &dyn Storage,
    rng: &mut ChaCha20Rng,
    source: &mut dyn Read,
    start: u64,
    workers: usize,
) -> Result<WrittenPayload, VaultError> {
    let file_key = FileKey::generate(rng);
    let nonce: [u8; PAYLOAD_NONCE_LEN] = crypto::random_bytes(rng);
    let key = PayloadKey::derive(&file_key, &nonce);
    storage.write_at(start, &nonce)?;
    let mut reader = PlainReader::new(start + PAYLOAD_NONCE_LEN as u64);
    let mut first = reader.fill(source, BatchBuf::new())?;
    let finish = |reader: PlainReader| {
        let (size, sha256, media_type, end) = reader.finish();
        let payload = Extent { offset: start, len: end - start };
        debug_assert_eq!(stream::payload_len(size), Some(payload.len));
        WrittenPayload { file_key, size, sha256, media_type, payload }
    };
    if reader.done {
        // Everything fits in one batch (most photos and notes): no threads needed.
        let len = first.sealed_len();
        key.seal_batch(first.first, first.buf.get(len), &first.lens, true);
        storage.write_at(first.offset, first.buf.filled(len))?;
        return Ok(finish(reader));
    }
    let key = &key;
    // Enough buffers that the reader (the one sequential stage, as SHA-256 is) never waits
    // for a sealer that is between batches.
    let buffers = workers + 2;
    // Room for every buffer plus `first`, so sending a batch never blocks.
    let (seal_tx, seal_rx) = mpsc::sync_channel::<SealJob>(buffers + 1);
    let seal_rx = std::sync::Mutex::new(seal_rx);
    let failure = std::sync::Mutex::new(None::<io::Error>);
    // Seals a batch and writes it at its own offset (batches may be written out of order);
    // gives the buffer back, or `None` once any write has failed.
    let seal_and_write = |mut job: SealJob| -> Option<BatchBuf> {
        let len = job.sealed_len();
        key.seal_batch(job.first, job.buf.get(len), &job.lens, job.is_final);
        let written = storage.write_at(job.offset, job.buf.filled(len));
        let mut failure = failure.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(e) = written {
            failure.get_or_insert(e);
        }
        failure.is_none().then_some(job.buf)
    };
    std::thread::scope(|scope| {
        let (free_tx, free_rx) = mpsc::sync_channel::<BatchBuf>(buffers);
        for _ in 0..buffers {
            free_tx.send(BatchBuf::new()).expect("room for every buffer");
        }
        for _ in 0..workers {
            let (seal_rx, seal_and_write, free_tx) = (&seal_rx, &seal_and_write, free_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = seal_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = next else { break };
                    let Some(buf) = seal_and_write(job) else { break };
                    let _ = free_tx.send(buf); // the reader may have stopped already
                }
            });
        }
        // Once every sealer has stopped, no buffer comes back and the reader stops too.
        drop(free_tx);
        // The next buffer to fill. When none is free, the sealers are behind: rather than
        // wait, the reader seals a waiting batch itself, which balances the two cores'
        // work whatever the relative speed of hashing, sealing and writing. (A sealer
        // waiting for work holds the queue's lock, and then there is nothing to take.)
        let next_buffer = || -> Option<BatchBuf> {
            match free_rx.try_recv() {
                Ok(buf) => return Some(buf),
                Err(mpsc::TryRecvError::Disconnected) => return None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
            let waiting = seal_rx.try_lock().ok().and_then(|queue| queue.try_recv().ok());
            match waiting {
                Some(job) => seal_and_write(job),
                None => free_rx.recv().ok(),
            }
        };
        let read = (|| -> Result<(), VaultError> {
            seal_tx.send(first).expect("the queue outlives this loop and has room for every buffer");
            while !reader.done {
                // No buffer means a write failed; its error is reported below.
                let Some(buf) = next_buffer() else { return Ok(()) };
                let job = reader.fill(source, buf)?;
                seal_tx.send(job).expect("the queue outlives this loop and has room for every buffer");
            }
            Ok(())
        })();
        drop(seal_tx);
        read
    })?;
    if let Some(e) = failure.into_inner().expect("no sealer panics") {
        return Err(e.into());
    }
    Ok(finish(reader))
}

/// One batch on its way from the reader to a sealer.
pub(super) struct SealJob {
    buf: BatchBuf,
    lens: Vec<usize>,
    first: u64,
    is_final: bool,
    offset: u64,
}

impl SealJob {
    fn sealed_len(&self) -> usize {
        stream::sealed_run_len(self.lens.len(), self.lens[self.lens.len() - 1])
    }
}

/// The reading stage: fills batch buffers from the source, hashing the plaintext and noting
/// its media type on the way.
pub(super) struct PlainReader {
    hasher: Sha256,
    carry: Option<u8>,
    index: u64,
    size: u64,
    media_type: Option<String>,
    /// Where the next batch goes in the file.
    at: u64,
    /// Whether the source has ended (the last batch holds the final chunk).
    done: bool,
}

impl PlainReader {
    fn new(at: u64) -> Self {
        PlainReader { hasher: Sha256::new(), carry: None, index: 0, size: 0, media_type: None, at, done: false }
    }

    /// Fills `buf` with up to [`BATCH_CHUNKS`] chunks in one vectored read (a system call
    /// per batch, not per chunk). A full batch is final only if nothing follows it, which
    /// one more byte of look-ahead tells.
    fn fill(&mut self, source: &mut dyn Read, mut buf: BatchBuf) -> Result<SealJob, VaultError> {
        let capacity = BATCH_CHUNKS * stream::CHUNK_LEN;
        let data = buf.get(BATCH_CHUNKS * SEALED_CHUNK_LEN);
        let carried = match self.carry.take() {
            Some(byte) => {
                data[0] = byte;
                1
            }
            None => 0,
        };
        let mut peek = [0u8; 1];
        let read = {
            let mut slots: Vec<IoSliceMut> = data
                .chunks_mut(SEALED_CHUNK_LEN)
                .enumerate()
                .map(|(k, slot)| IoSliceMut::new(&mut slot[usize::from(k == 0) * carried..stream::CHUNK_LEN]))
                .collect();
            slots.push(IoSliceMut::new(&mut peek));
            read_vectored_full(source, &mut slots)?
        };
        let mut total = carried + read;
        if total > capacity {
            self.carry = Some(peek[0]);
            total = capacity;
        } else {
            self.done = true;
        }
        // Only a payload's first batch can be empty: a later one starts with a carried byte.
        let chunks = total.div_ceil(stream::CHUNK_LEN).max(1);
        let lens: Vec<usize> = (0..chunks).map(|k| (total - k * stream::CHUNK_LEN).min(stream::CHUNK_LEN)).collect();
        for (slot, &len) in data.chunks(SEALED_CHUNK_LEN).zip(&lens) {
            self.hasher.update(&slot[..len]);
        }
        if self.media_type.is_none() {
            self.media_type = Some(crate::media::detect(&data[..lens[0]]));
        }
        self.size += total as u64;
        let job = SealJob { buf, lens, first: self.index, is_final: self.done, offset: self.at };
        self.at += job.sealed_len() as u64;
        self.index += job.lens.len() as u64;
        Ok(job)
    }

    /// Size, SHA-256, media type and the payload's end offset.
    fn finish(self) -> (u64, [u8; 32], String, u64) {
        let media_type = self.media_type.unwrap_or_else(|| crate::media::UNKNOWN.into());
        (self.size, self.hasher.finalize().into(), media_type, self.at)
    }
}

/// What writing a payload produced, for the item's index record.
pub(super) struct WrittenPayload {
    pub(super) file_key: FileKey,
    pub(super) size: u64,
    pub(super) sha256: [u8; 32],
    pub(super) media_type: String,
    pub(super) payload: Extent,
}

#[cfg(test)]
mod tests {
    //! The streaming pipelines at every worker count, whatever the machine's core count:
    //! exact round trips, and errors that stop every stage instead of leaving one waiting.
    use super::*;
    use crate::format::ItemRecord;
    use crate::storage::{Fault, MemStorage};
    use crate::vault::error::Damage;
    use crate::vault::read::plain_batches;
    use rand::SeedableRng;
    use std::time::Duration;

    const BATCH: usize = BATCH_CHUNKS * stream::CHUNK_LEN;

    /// Runs `f` on its own thread and fails the test if it does not finish within a minute
    /// (a deadlocked pipeline would otherwise hang the test run).
    fn finishes<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(Duration::from_secs(60)).expect("the pipeline hung")
    }

    /// A source that hands out at most 1,000 bytes per read.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(1000);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn content(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
    }

    fn record(written: &WrittenPayload) -> ItemRecord {
        ItemRecord {
            id: 7,
            name: b"x".to_vec(),
            media_type: written.media_type.clone(),
            size: written.size,
            added: 0,
            modified: None,
            sha256: written.sha256,
            tags: vec![],
            file_key: *written.file_key.expose(),
            payload: written.payload,
            allocation: written.payload,
            media: None,
            thumbnail: None,
            evidence: None,
            uid: [7; 16],
            changed: Default::default(),
            history: vec![],
            digests: None,
        }
    }

    fn read_back(storage: &MemStorage, item: &ItemRecord, workers: usize) -> Result<Vec<u8>, VaultError> {
        let mut out = Vec::new();
        let mut sink = |chunks: &[&[u8]]| {
            chunks.iter().for_each(|c| out.extend_from_slice(c));
            Ok(())
        };
        plain_batches(storage, item, &mut sink, workers)?;
        Ok(out)
    }

    #[test]
    fn both_pipelines_round_trip_at_every_worker_count() {
        finishes(|| {
            let mut rng = ChaCha20Rng::seed_from_u64(1);
            for len in [0, 1, stream::CHUNK_LEN, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 7] {
                let data = content(len);
                for workers in 1..=4 {
                    for trickle in [false, true] {
                        let storage = MemStorage::new();
                        let written = if trickle {
                            seal_payload(&storage, &mut rng, &mut Trickle(&data), 100, workers)
                        } else {
                            seal_payload(&storage, &mut rng, &mut &data[..], 100, workers)
                        }
                        .unwrap();
                        assert_eq!(written.size, len as u64);
                        assert_eq!(written.sha256, <[u8; 32]>::from(Sha256::digest(&data)), "len {len}");
                        assert_eq!(Some(written.payload.len), stream::payload_len(len as u64));
                        let item = record(&written);
                        assert!(read_back(&storage, &item, workers).unwrap() == data, "len {len}, {workers} workers");
                    }
                }
            }
        });
    }

    /// Storage whose writes are slow and remember which thread made them.
    struct SlowWrites {
        inner: MemStorage,
        writers: std::sync::Mutex<Vec<std::thread::ThreadId>>,
    }

    impl Storage for SlowWrites {
        fn len(&self) -> io::Result<u64> {
            self.inner.len()
        }
        fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
            self.inner.read_at(offset, buf)
        }
        fn write_at(&self, offset: u64, buf: &[u8]) -> io::Result<()> {
            std::thread::sleep(Duration::from_millis(20));
            self.writers.lock().unwrap().push(std::thread::current().id());
            self.inner.write_at(offset, buf)
        }
        fn set_len(&self, len: u64) -> io::Result<()> {
            self.inner.set_len(len)
        }
        fn sync(&self) -> io::Result<()> {
            self.inner.sync()
        }
    }

    /// When the sealers fall behind, the reading thread seals and writes waiting batches
    /// itself instead of idling, and the payload is still exact.
    #[test]
    fn the_reader_seals_waiting_batches_when_the_sealers_fall_behind() {
        finishes(|| {
            let storage = SlowWrites { inner: MemStorage::new(), writers: Default::default() };
            let data = content(12 * BATCH + 3);
            let mut rng = ChaCha20Rng::seed_from_u64(4);
            let written = seal_payload(&storage, &mut rng, &mut &data[..], 0, 1).unwrap();
            let writers = storage.writers.lock().unwrap().clone();
            let reader = std::thread::current().id();
            // The first write is the payload nonce, always from this thread.
            assert!(writers[1..].contains(&reader), "the reader never sealed a batch");
            assert!(writers[1..].iter().any(|w| *w != reader), "the sealer never sealed a batch");
            assert!(read_back(&storage.inner, &record(&written), 2).unwrap() == data);
        });
    }

    #[test]
    fn a_damaged_batch_ends_every_reading_pipeline_with_an_integrity_error() {
        finishes(|| {
            let storage = MemStorage::new();
            let data = content(6 * BATCH + 5);
            let mut rng = ChaCha20Rng::seed_from_u64(2);
            let written = seal_payload(&storage, &mut rng, &mut &data[..], 0, 2).unwrap();
            let item = record(&written);
            let mut bytes = storage.current();
            bytes[(stream::chunk_offset(BATCH_CHUNKS as u64 + 3) + 9) as usize] ^= 1;
            let damaged = MemStorage::from_bytes(bytes);
            for workers in 1..=4 {
                let result = read_back(&damaged, &item, workers);
                assert!(matches!(result, Err(VaultError::Integrity(Damage::Item(7)))), "{workers} workers");
            }
        });
    }

    #[test]
    fn a_failed_write_stops_every_sealing_pipeline() {
        finishes(|| {
            let data = content(8 * BATCH);
            for workers in 1..=4 {
                for op in [1, 2, 5, 8] {
                    let storage = MemStorage::new();
                    storage.fault_at(op, Fault::Fail(io::ErrorKind::StorageFull));
                    let mut rng = ChaCha20Rng::seed_from_u64(3);
                    let result = seal_payload(&storage, &mut rng, &mut &data[..], 0, workers);
                    assert!(
                        matches!(&result, Err(VaultError::Io(e)) if e.kind() == io::ErrorKind::StorageFull),
                        "{workers} workers, failing op {op}"
                    );
                }
            }
        });
    }
}
