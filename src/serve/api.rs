//! The routes and what they answer: the page and its files, `GET /api/items`, an item's
//! content (with `Range`, decrypting only the chunks asked for) and thumbnail, upload into
//! the add pipeline, shred, lock. Vault work runs on blocking threads, one block at a time,
//! so a long video never holds the vault while the browser is not reading.

use super::guard::{self, refuse};
use super::{LockReason, Shared, assets};
use crate::crypto::stream::CHUNK_LEN;
use crate::listing::item_json;
use crate::range::{self, Part};
use crate::vault::{AddOptions, StagedItem, VaultError};
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{delete, get, post};
use axum::{Router, middleware};
use futures_util::StreamExt as _;
use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::{Arc, PoisonError};
use zeroize::Zeroizing;

/// Chunks decrypted per step of a stream (1 MiB of plaintext). With one batch queued, one
/// being written and one being decrypted, a client costs about 3 MiB.
const BATCH_CHUNKS: usize = 16;
/// Most thumbnail bytes kept in memory; past it the cache starts over.
const THUMBNAIL_CACHE_BYTES: usize = 16 << 20;
/// Content types served as themselves; anything else (HTML, SVG, scripts) is served as
/// opaque bytes, so an item can never run script in the gallery's origin.
const INLINE_TOP_TYPES: [&str; 3] = ["image", "video", "audio"];

/// Every route lives under the server's random base path (`Shared::base`), so that the
/// browser sends the session cookie (whose `Path` is that base) to nothing else on
/// 127.0.0.1, whatever the port.
pub(super) fn router(shared: Arc<Shared>) -> Router {
    let at = |path: &str| format!("{}{path}", shared.base);
    Router::new()
        .route(&at("/"), get(assets::page))
        .route(&at("/app.js"), get(assets::script))
        .route(&at("/app.css"), get(assets::style))
        // Answered by the guard; routed so that it reaches the guard.
        .route(&at("/unlock"), get(not_found))
        .route(&at("/api/items"), get(list).post(add).layer(DefaultBodyLimit::disable()))
        .route(&at("/api/items/{id}"), delete(shred))
        .route(&at("/api/items/{id}/content"), get(content))
        .route(&at("/api/items/{id}/thumbnail"), get(thumbnail))
        .route(&at("/api/lock"), post(lock))
        .route(&at("/api/alive"), get(alive))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), guard::guard))
        .with_state(shared)
}

/// A thumbnail made this run, or why the item has none (so ffmpeg does not run again).
type CachedThumbnail = Result<Arc<Zeroizing<Vec<u8>>>, String>;

/// Thumbnails made this run.
#[derive(Default)]
pub(super) struct ThumbnailCache {
    entries: HashMap<u64, CachedThumbnail>,
    bytes: usize,
}

impl ThumbnailCache {
    pub(super) fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }

    fn insert(&mut self, id: u64, entry: CachedThumbnail) {
        let len = entry.as_ref().map_or(0, |jpeg| jpeg.len());
        if self.bytes + len > THUMBNAIL_CACHE_BYTES {
            self.clear();
        }
        self.bytes += len;
        self.entries.insert(id, entry);
    }
}

/// The page's heartbeat: 204 while the gallery is open (the guard answers 401 once locked,
/// and nothing answers once the server is gone).
async fn alive(State(shared): State<Arc<Shared>>) -> Response {
    if shared.is_locked() { locked() } else { StatusCode::NO_CONTENT.into_response() }
}

async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "no such page")
}

fn json_error(status: StatusCode, message: String) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// An error the page says in its own language: `code` names its `page-error-CODE` message;
/// `error` is the English text for any other client (the API, like `--json`, is not
/// translated).
fn coded_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message, "code": code }))).into_response()
}

fn locked() -> Response {
    coded_error(StatusCode::SERVICE_UNAVAILABLE, "locked", "the vault is locked")
}

/// A vault error as a response. `VaultError` never holds a name or a key, so its text may go
/// to the page.
fn vault_error(e: VaultError) -> Response {
    let status = match &e {
        VaultError::ItemNotFound => StatusCode::NOT_FOUND,
        VaultError::Evidence(_) => {
            return coded_error(
                StatusCode::CONFLICT,
                "evidence",
                "this item is evidence: the gallery does not shred it; use clipvault shred --force",
            );
        }
        VaultError::Duplicate(existing) => {
            return (
                StatusCode::CONFLICT,
                Json(serde_json::json!({
                    "error": "already in the vault", "code": "duplicate", "id": format!("{existing:016x}")
                })),
            )
                .into_response();
        }
        VaultError::Io(io) if io.kind() == io::ErrorKind::StorageFull => {
            return coded_error(StatusCode::INSUFFICIENT_STORAGE, "full", &e.to_string());
        }
        VaultError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        VaultError::Refused(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    json_error(status, e.to_string())
}

/// Runs vault work on a blocking thread.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "the request failed".into()))
}

fn parse_id(text: &str) -> Option<u64> {
    (text.len() == 16).then(|| u64::from_str_radix(text, 16).ok()).flatten()
}

async fn list(State(shared): State<Arc<Shared>>) -> Response {
    blocking(move || {
        let guard = shared.vault();
        let Some(vault) = guard.as_ref() else { return locked() };
        Json(vault.items().map(item_json).collect::<Vec<_>>()).into_response()
    })
    .await
}

/// The type an item is served as: its own for images (not SVG), video and audio.
fn served_type(media_type: &str) -> HeaderValue {
    let top = media_type.split('/').next().unwrap_or("");
    let inline = INLINE_TOP_TYPES.contains(&top) && !media_type.contains("svg");
    inline
        .then(|| HeaderValue::from_str(media_type).ok())
        .flatten()
        .unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

async fn content(State(shared): State<Arc<Shared>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let Some(id) = parse_id(&id) else { return not_found().await };
    let facts = {
        let guard = shared.vault();
        match guard.as_ref().map(|v| v.item(id).map(|i| (i.size, i.media_type.clone()))) {
            None => return locked(),
            Some(Err(e)) => return vault_error(e),
            Some(Ok(facts)) => facts,
        }
    };
    let (size, media_type) = facts;
    if matches!(media_type.as_str(), "image/heic" | "image/heif") {
        return heif_as_jpeg(shared, id, size).await;
    }
    let asked = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, start, len) = match range::part(asked, size) {
        Part::Whole => (StatusCode::OK, 0, size),
        Part::Range(r) => (StatusCode::PARTIAL_CONTENT, *r.start(), r.end() - r.start() + 1),
        Part::Unsatisfiable => {
            return Response::builder()
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header(header::CONTENT_RANGE, format!("bytes */{size}"))
                .header(header::ACCEPT_RANGES, "bytes")
                .body(Body::empty())
                .expect("valid parts");
        }
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, served_type(&media_type))
        .header(header::CONTENT_LENGTH, len)
        .header(header::ACCEPT_RANGES, "bytes")
        // Opened on its own, the content may not run anything (an `x.html` stays inert).
        .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    if status == StatusCode::PARTIAL_CONTENT {
        response = response.header(header::CONTENT_RANGE, format!("bytes {start}-{}/{size}", start + len - 1));
    }
    response.body(stream(shared, id, start, len)).expect("valid parts")
}

/// A HEIC photo (what iPhones and many Android cameras save), which browsers do not decode (it
/// showed as a black page): a JPEG made from it in memory through libheif's decoder, never
/// written to disk. AVIF the browser shows itself.
async fn heif_as_jpeg(shared: Arc<Shared>, id: u64, size: u64) -> Response {
    if size > crate::vault::MAX_IMAGE_BYTES {
        return json_error(StatusCode::UNPROCESSABLE_ENTITY, "this photo is too large to show here".into());
    }
    blocking(move || {
        let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(size as usize));
        let read = match shared.vault().as_ref() {
            None => return locked(),
            Some(vault) => vault.read_item_to(id, &mut *bytes),
        };
        if let Err(e) = read {
            return vault_error(e);
        }
        match crate::media::heif::to_jpeg(&bytes) {
            Ok(jpeg) => Response::builder()
                .header(header::CONTENT_TYPE, "image/jpeg")
                .header(header::CONTENT_LENGTH, jpeg.len())
                .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src 'self'; sandbox")
                .body(Body::from(jpeg.to_vec()))
                .expect("valid parts"),
            Err(e) => json_error(StatusCode::UNPROCESSABLE_ENTITY, format!("this photo cannot be shown here: {e}")),
        }
    })
    .await
}

/// The plaintext of `len` bytes at `start`, decrypted [`BATCH_CHUNKS`] chunks at a time on a
/// blocking thread, at most one batch ahead of the client, handed out as slices of the
/// decrypted buffer (no copy). Stops when the client goes or the server locks.
fn stream(shared: Arc<Shared>, id: u64, start: u64, len: u64) -> Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Vec<Bytes>>>(1);
    tokio::task::spawn_blocking(move || {
        let end = start + len;
        let pool = BatchPool::default();
        let mut chunk = start / CHUNK_LEN as u64;
        while chunk * (CHUNK_LEN as u64) < end {
            let batch = read_batch(&shared, &pool, id, chunk, start, end);
            let failed = batch.is_err();
            if tx.blocking_send(batch).is_err() || failed {
                return;
            }
            shared.touch();
            chunk += BATCH_CHUNKS as u64;
        }
    });
    let batches = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|b| (b, rx)) });
    Body::from_stream(batches.flat_map(|batch| {
        let frames: Vec<io::Result<Bytes>> = match batch {
            Ok(slices) => slices.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        futures_util::stream::iter(frames)
    }))
}

/// The buffers of one stream's batches that the client is done with: each is wiped when its
/// last slice is sent (its plaintext was freed unwiped before) and then read into again, so
/// a long stream reuses a few buffers (one queued, one being sent, one being decrypted) and
/// the wipe costs what zeroing a fresh allocation did (benches/serve.sh: no change in speed).
#[derive(Clone, Default)]
struct BatchPool(Arc<std::sync::Mutex<Vec<Vec<u8>>>>);

impl BatchPool {
    /// Buffers kept for reuse; more are simply freed.
    const KEPT: usize = 4;

    fn take(&self) -> Vec<u8> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).pop().unwrap_or_default()
    }
}

/// A decrypted batch lent to the response as [`Bytes`]: when the last slice of it is
/// dropped, its plaintext is wiped and the buffer goes back to its pool.
struct PooledBatch {
    buf: Vec<u8>,
    pool: BatchPool,
}

impl AsRef<[u8]> for PooledBatch {
    fn as_ref(&self) -> &[u8] {
        &self.buf
    }
}

impl Drop for PooledBatch {
    fn drop(&mut self) {
        let mut buf = std::mem::take(&mut self.buf);
        zeroize::Zeroize::zeroize(&mut buf[..]);
        let mut kept = self.pool.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() < BatchPool::KEPT {
            kept.push(buf);
        }
    }
}

/// Chunks `first..first + BATCH_CHUNKS`, as slices of one buffer cut to `start..end` (item
/// offsets).
fn read_batch(shared: &Shared, pool: &BatchPool, id: u64, first: u64, start: u64, end: u64) -> io::Result<Vec<Bytes>> {
    if shared.is_locked() {
        return Err(io::Error::other("the vault locked"));
    }
    let opened = {
        let guard = shared.vault();
        let vault = guard.as_ref().ok_or_else(|| io::Error::other("the vault locked"))?;
        vault.read_chunks(id, first, BATCH_CHUNKS, pool.take()).map_err(io::Error::other)?
    };
    let buf = Bytes::from_owner(PooledBatch { buf: opened.buf, pool: pool.clone() });
    let mut slices = Vec::with_capacity(opened.plain.len());
    for (j, plain) in opened.plain.into_iter().enumerate() {
        let at = (first + j as u64) * CHUNK_LEN as u64;
        let from = start.saturating_sub(at).min(plain.len() as u64) as usize;
        let to = (end.saturating_sub(at)).min(plain.len() as u64) as usize;
        if from < to {
            slices.push(buf.slice(plain.start + from..plain.start + to));
        }
    }
    Ok(slices)
}

async fn thumbnail(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(id) = parse_id(&id) else { return not_found().await };
    let permits = shared.clone();
    let Ok(_permit) = permits.thumbnail_permits.acquire().await else { return locked() };
    blocking(move || {
        let cached = shared.thumbnails.lock().unwrap_or_else(PoisonError::into_inner).entries.get(&id).cloned();
        let entry = match cached {
            Some(entry) => entry,
            None => {
                let guard = shared.vault();
                let Some(vault) = guard.as_ref() else { return locked() };
                let entry = match vault.thumbnail(id) {
                    Ok(Ok(jpeg)) => Ok(Arc::new(Zeroizing::new(jpeg))),
                    Ok(Err(why)) => Err(why.to_string()),
                    Err(e) => return vault_error(e),
                };
                shared.thumbnails.lock().unwrap_or_else(PoisonError::into_inner).insert(id, entry.clone());
                entry
            }
        };
        match entry {
            Ok(jpeg) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg.to_vec()).into_response(),
            Err(why) => json_error(StatusCode::NOT_FOUND, why),
        }
    })
    .await
}

/// What the uploading request sends to the add pipeline.
enum Upload {
    Data(Bytes),
    /// The body ended as it should: only now is end of file true.
    End,
    Failed(io::Error),
}

/// The add pipeline's source: the request body, frame by frame, through a channel. A body
/// that stops without [`Upload::End`] (the client went, the server locked) is an error, so a
/// cut-off upload is never stored as if it were whole.
struct UploadReader<'a> {
    frames: tokio::sync::mpsc::Receiver<Upload>,
    pending: Bytes,
    ended: bool,
    shared: &'a Shared,
}

impl Read for UploadReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() {
            if self.ended {
                return Ok(0);
            }
            if self.shared.is_locked() {
                return Err(io::Error::other("the vault locked during the upload"));
            }
            match self.frames.blocking_recv() {
                Some(Upload::Data(bytes)) => self.pending = bytes,
                Some(Upload::End) => self.ended = true,
                Some(Upload::Failed(e)) => return Err(e),
                None => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the upload was cut off")),
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending.split_to(n));
        Ok(n)
    }
}

/// `X-File-Name`, percent-encoded UTF-8 (as `encodeURIComponent` makes it); `None` if it is
/// missing, empty or not that.
fn upload_name(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get("x-file-name")?.to_str().ok()?;
    let name = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?.into_owned();
    (!name.is_empty() && !name.contains('\0')).then_some(name)
}

async fn add(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let Some(name) = upload_name(&headers) else {
        return json_error(StatusCode::BAD_REQUEST, "X-File-Name must be a percent-encoded UTF-8 name".into());
    };
    let modified = headers
        .get("x-file-modified")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .map(|millis| millis / 1000);
    let (frames_tx, frames) = tokio::sync::mpsc::channel::<Upload>(4);
    let worker_shared = shared.clone();
    let worker = tokio::task::spawn_blocking(move || {
        let shared = worker_shared;
        // The body is encrypted beside the vault first, holding nothing of the vault: a slow
        // or stalled upload keeps nobody from listing, viewing or shredding meanwhile.
        let path = match shared.vault().as_ref() {
            Some(vault) => vault.path().map(std::path::Path::to_path_buf),
            None => return locked(),
        };
        let mut source = UploadReader { frames, pending: Bytes::new(), ended: false, shared: &shared };
        let staged = match StagedItem::encrypt(path.as_deref(), &mut source) {
            Ok(staged) => staged,
            Err(e) => return vault_error(e),
        };
        let mut guard = shared.vault_mut();
        let Some(vault) = guard.as_mut() else { return locked() };
        let options = AddOptions { modified, skip_duplicate: true, thumbnail: true, ..Default::default() };
        match vault.add_staged(staged, name.as_bytes(), &options).and_then(|added| vault.item(added.id).map(item_json))
        {
            Ok(item) => (StatusCode::CREATED, Json(item)).into_response(),
            Err(e) => vault_error(e),
        }
    });
    let mut body = body.into_data_stream();
    loop {
        let frame = match body.next().await {
            Some(Ok(bytes)) => Upload::Data(bytes),
            Some(Err(e)) => Upload::Failed(io::Error::other(e.to_string())),
            None => Upload::End,
        };
        let last = !matches!(frame, Upload::Data(_));
        // A closed channel means the add ended early (an error it will report).
        if frames_tx.send(frame).await.is_err() || last {
            break;
        }
        shared.touch();
    }
    drop(frames_tx);
    worker.await.unwrap_or_else(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "the upload failed".into()))
}

async fn shred(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(id) = parse_id(&id) else { return not_found().await };
    blocking(move || {
        let mut guard = shared.vault_mut();
        let Some(vault) = guard.as_mut() else { return locked() };
        match vault.remove(&[id]) {
            Ok(()) => {
                shared.thumbnails.lock().unwrap_or_else(PoisonError::into_inner).entries.remove(&id);
                Json(serde_json::json!({ "shredded": format!("{id:016x}") })).into_response()
            }
            Err(e) => vault_error(e),
        }
    })
    .await
}

async fn lock(State(shared): State<Arc<Shared>>) -> Response {
    shared.lock(LockReason::Button);
    Json(serde_json::json!({ "locked": true })).into_response()
}
