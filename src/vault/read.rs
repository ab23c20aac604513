//! Reading an item's plaintext: a `Read + Seek` view that decrypts one chunk at a time
//! (random access for seeking in long videos), and a batch loop that decrypts many chunks
//! in parallel for `cat`, `export` and `verify`.
//!
//! Both release a byte only after the chunk holding it authenticated.

use super::error::{Damage, VaultError};
use super::pipeline::{BATCH_CHUNKS, BatchBuf, crypto_workers};
use crate::crypto::FileKey;
use crate::crypto::stream::{
    self, CHUNK_LEN, PAYLOAD_NONCE_LEN, PayloadKey, SEALED_CHUNK_LEN, TAG_LEN, chunk_count, chunk_offset,
    chunk_plain_len, sealed_batch_len,
};
use crate::format::ItemRecord;
use crate::storage::Storage;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::{PoisonError, mpsc};
use zeroize::Zeroizing;

/// A seekable reader over one item's plaintext.
pub struct ItemReader<'a> {
    storage: &'a dyn Storage,
    id: u64,
    offset: u64,
    size: u64,
    chunks: u64,
    key: PayloadKey,
    buf: Zeroizing<Vec<u8>>,
    cached: Option<(u64, usize)>,
    pos: u64,
}

/// Reads an item's payload nonce and derives its payload key.
fn payload_key(storage: &dyn Storage, item: &ItemRecord) -> Result<([u8; PAYLOAD_NONCE_LEN], PayloadKey), VaultError> {
    let mut nonce = [0u8; PAYLOAD_NONCE_LEN];
    storage.read_at(item.payload.offset, &mut nonce).map_err(|e| item_io_error(e, item.id))?;
    Ok((nonce, PayloadKey::derive(&FileKey::from_bytes(item.file_key), &nonce)))
}

/// A missing byte of item data means the file was truncated: that item is damaged.
fn item_io_error(e: io::Error, id: u64) -> VaultError {
    if e.kind() == io::ErrorKind::UnexpectedEof { VaultError::Integrity(Damage::Item(id)) } else { VaultError::Io(e) }
}

impl<'a> ItemReader<'a> {
    pub(crate) fn new(storage: &'a dyn Storage, item: &ItemRecord) -> Result<Self, VaultError> {
        Self::over(storage, item.id, item.payload.offset, item.size, item.file_key)
    }

    /// A reader over `item`'s stored thumbnail (a payload of its own), if it has one.
    pub(crate) fn of_thumbnail(storage: &'a dyn Storage, item: &ItemRecord) -> Result<Option<Self>, VaultError> {
        let Some(thumbnail) = &item.thumbnail else { return Ok(None) };
        Self::over(storage, item.id, thumbnail.payload.offset, thumbnail.size, thumbnail.file_key).map(Some)
    }

    /// A reader over the payload at `offset` holding `size` bytes under `file_key` (errors
    /// name item `id`).
    fn over(storage: &'a dyn Storage, id: u64, offset: u64, size: u64, file_key: [u8; 16]) -> Result<Self, VaultError> {
        let mut nonce = [0u8; PAYLOAD_NONCE_LEN];
        storage.read_at(offset, &mut nonce).map_err(|e| item_io_error(e, id))?;
        Ok(ItemReader {
            storage,
            id,
            offset,
            size,
            chunks: chunk_count(size),
            key: PayloadKey::derive(&FileKey::from_bytes(file_key), &nonce),
            buf: Zeroizing::new(vec![0u8; SEALED_CHUNK_LEN]),
            cached: None,
            pos: 0,
        })
    }

    /// Plaintext length of the item.
    pub fn len(&self) -> u64 {
        self.size
    }

    /// Whether the item is empty.
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    fn load(&mut self, index: u64) -> Result<usize, VaultError> {
        if let Some((cached, len)) = self.cached
            && cached == index
        {
            return Ok(len);
        }
        self.cached = None;
        let len = chunk_plain_len(self.size, index);
        let sealed = &mut self.buf[..len + TAG_LEN];
        self.storage.read_at(self.offset + chunk_offset(index), sealed).map_err(|e| item_io_error(e, self.id))?;
        self.key
            .open_chunk(index, index + 1 == self.chunks, sealed)
            .map_err(|_| VaultError::Integrity(Damage::Item(self.id)))?;
        self.cached = Some((index, len));
        Ok(len)
    }
}

impl Read for ItemReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size || out.is_empty() {
            return Ok(0);
        }
        let index = self.pos / CHUNK_LEN as u64;
        let within = (self.pos % CHUNK_LEN as u64) as usize;
        let len = self.load(index).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let n = (len - within).min(out.len());
        out[..n].copy_from_slice(&self.buf[within..within + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for ItemReader<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match target {
            Some(n) => {
                self.pos = n;
                Ok(n)
            }
            None => Err(io::Error::new(io::ErrorKind::InvalidInput, "seek before the start of the item")),
        }
    }
}

/// Chunks of an item opened in place by [`open_chunks`]: the buffer and where each chunk's
/// plaintext is in it (the tags between them are skipped), so a server can hand out slices
/// of one allocation without copying. The caller owns the plaintext and its wiping.
pub struct OpenedChunks {
    /// Sealed chunks back to back, opened in place (and, past them, whatever the buffer
    /// given held).
    pub buf: Vec<u8>,
    /// Each chunk's plaintext within `buf`, in order; the first is chunk `first`.
    pub plain: Vec<std::ops::Range<usize>>,
}

/// Reads `count` chunks of `item` from chunk `first` (cut at the item's end) in one read into
/// `buf` (grown if it is shorter) and opens them; every chunk authenticates before any is
/// returned.
pub(crate) fn open_chunks(
    storage: &dyn Storage,
    item: &ItemRecord,
    first: u64,
    count: usize,
    mut buf: Vec<u8>,
) -> Result<OpenedChunks, VaultError> {
    let chunks = chunk_count(item.size);
    if first >= chunks {
        return Ok(OpenedChunks { buf, plain: vec![] });
    }
    let k = (chunks - first).min(count as u64) as usize;
    let (_, key) = payload_key(storage, item)?;
    let len = sealed_batch_len(item.size, first, k);
    if buf.len() < len {
        buf.resize(len, 0);
    }
    storage
        .read_at(item.payload.offset + stream::chunk_offset(first), &mut buf[..len])
        .map_err(|e| item_io_error(e, item.id))?;
    if key.open_batch(first, &mut buf[..len], first + k as u64 == chunks).is_err() {
        zeroize::Zeroize::zeroize(&mut buf[..]);
        return Err(VaultError::Integrity(Damage::Item(item.id)));
    }
    let plain = (0..k)
        .map(|j| j * SEALED_CHUNK_LEN..j * SEALED_CHUNK_LEN + chunk_plain_len(item.size, first + j as u64))
        .collect();
    Ok(OpenedChunks { buf, plain })
}

/// Receives one batch of authenticated plaintext: the chunks in order.
pub(crate) type PlainSink<'a> = dyn FnMut(&[&[u8]]) -> Result<(), VaultError> + 'a;

/// Decrypts `item` and hands the authenticated plaintext to `sink`, in order, a batch of
/// chunks at a time. The stages overlap: a thread reads batches from storage, workers open
/// them, and this thread hands them to `sink` in order. A batch that fails to authenticate
/// ends the stream before any of its bytes are released. A small item is done in one batch
/// here, without threads.
pub(crate) fn for_each_plain_batch(
    storage: &dyn Storage,
    item: &ItemRecord,
    sink: &mut PlainSink<'_>,
) -> Result<(), VaultError> {
    plain_batches(storage, item, sink, crypto_workers())
}

/// [`for_each_plain_batch`] with `workers` opening threads.
pub(crate) fn plain_batches(
    storage: &dyn Storage,
    item: &ItemRecord,
    sink: &mut PlainSink<'_>,
    workers: usize,
) -> Result<(), VaultError> {
    let (_, key) = payload_key(storage, item)?;
    let chunks = chunk_count(item.size);
    let (size, offset, id) = (item.size, item.payload.offset, item.id);
    let sealed_len = |first: u64, k: usize| sealed_batch_len(size, first, k);
    // A batch goes to `sink` as one list of chunk plaintexts (tags skipped, nothing copied),
    // so a writer can hand it to the kernel in one vectored write.
    let release = |first: u64, k: usize, buf: &[u8], sink: &mut PlainSink<'_>| {
        let plain: Vec<&[u8]> = (0..k)
            .map(|j| &buf[j * SEALED_CHUNK_LEN..j * SEALED_CHUNK_LEN + chunk_plain_len(size, first + j as u64)])
            .collect();
        sink(&plain)
    };
    if chunks <= BATCH_CHUNKS as u64 {
        let k = chunks as usize;
        let mut buf = Zeroizing::new(vec![0u8; sealed_len(0, k)]);
        storage.read_at(offset + stream::chunk_offset(0), &mut buf).map_err(|e| item_io_error(e, id))?;
        key.open_batch(0, &mut buf, true).map_err(|_| VaultError::Integrity(Damage::Item(id)))?;
        return release(0, k, &buf, sink);
    }
    let key = &key;
    type Job = (u64, usize, BatchBuf);
    let buffers = workers + 2;
    // Room for every buffer, so the reader never blocks on a send: once the openers have
    // stopped, it waits for a free buffer instead, and that wait ends when this thread does.
    let (open_tx, open_rx) = mpsc::sync_channel::<Result<Job, VaultError>>(buffers);
    let open_rx = std::sync::Mutex::new(open_rx);
    std::thread::scope(|scope| {
        let (plain_tx, plain_rx) = mpsc::sync_channel::<Result<Job, VaultError>>(workers);
        let (free_tx, free_rx) = mpsc::sync_channel::<BatchBuf>(buffers);
        for _ in 0..buffers {
            free_tx.send(BatchBuf::new()).expect("room for every buffer");
        }
        scope.spawn(move || {
            let mut first = 0u64;
            while first < chunks {
                let Ok(mut buf) = free_rx.recv() else { return };
                let k = (chunks - first).min(BATCH_CHUNKS as u64) as usize;
                let read = storage
                    .read_at(offset + stream::chunk_offset(first), buf.get(sealed_len(first, k)))
                    .map(|()| (first, k, buf))
                    .map_err(|e| item_io_error(e, id));
                let failed = read.is_err();
                if open_tx.send(read).is_err() || failed {
                    return;
                }
                first += k as u64;
            }
        });
        for _ in 0..workers {
            let (open_rx, plain_tx) = (&open_rx, plain_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = open_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = next else { return };
                    let opened = job.and_then(|(first, k, mut buf)| {
                        key.open_batch(first, buf.get(sealed_len(first, k)), first + k as u64 == chunks)
                            .map(|()| (first, k, buf))
                            .map_err(|_| VaultError::Integrity(Damage::Item(id)))
                    });
                    let failed = opened.is_err();
                    if plain_tx.send(opened).is_err() || failed {
                        return;
                    }
                }
            });
        }
        drop(plain_tx);
        // Workers finish out of order: hold batches until it is their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0u64;
        for job in plain_rx {
            let (first, k, buf) = job?;
            waiting.insert(first, (k, buf));
            while let Some((k, buf)) = waiting.remove(&next) {
                release(next, k, buf.filled(sealed_len(next, k)), sink)?;
                next += k as u64;
                let _ = free_tx.send(buf);
            }
        }
        if next < chunks {
            return Err(VaultError::Integrity(Damage::Item(id)));
        }
        Ok(())
    })
}

/// Hands `item`'s payload to `sink` exactly as stored (nonce, then sealed chunks), batch by
/// batch, after checking that every chunk of the batch authenticates. Used to export an item
/// as a standard age file without re-encrypting it.
pub(crate) fn for_each_sealed_batch(
    storage: &dyn Storage,
    item: &ItemRecord,
    sink: &mut dyn FnMut(&[u8]) -> Result<(), VaultError>,
) -> Result<(), VaultError> {
    let (nonce, key) = payload_key(storage, item)?;
    sink(&nonce)?;
    let chunks = chunk_count(item.size);
    let mut sealed = vec![0u8; BATCH_CHUNKS * SEALED_CHUNK_LEN];
    let mut scratch = Zeroizing::new(vec![0u8; BATCH_CHUNKS * SEALED_CHUNK_LEN]);
    let mut first = 0u64;
    while first < chunks {
        let k = (chunks - first).min(BATCH_CHUNKS as u64) as usize;
        let len = sealed_batch_len(item.size, first, k);
        storage
            .read_at(item.payload.offset + stream::chunk_offset(first), &mut sealed[..len])
            .map_err(|e| item_io_error(e, item.id))?;
        scratch[..len].copy_from_slice(&sealed[..len]);
        key.open_batch(first, &mut scratch[..len], first + k as u64 == chunks)
            .map_err(|_| VaultError::Integrity(Damage::Item(item.id)))?;
        sink(&sealed[..len])?;
        first += k as u64;
    }
    Ok(())
}
