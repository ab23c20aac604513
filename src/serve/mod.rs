//! `serve`: a private gallery for the phone's own browser, over loopback HTTP, decrypting on
//! the fly so nothing is written to disk. Owns the server's life: binding 127.0.0.1, the
//! one-time unlock link, the state every request shares, and locking (forgetting the keys
//! and closing the listener) on the Lock button, after an idle time, or on a signal.
//!
//! One concept per file: `guard` decides who may ask what (Host, cookie, CSRF) and adds the
//! headers every response carries; `range` reads `Range`; `api` answers; `assets` is the
//! page, its script and style, compiled in. Nothing here logs a name, a token or content.

mod api;
mod assets;
mod guard;

use crate::vault::VaultWriter;
use base64::Engine as _;
use rand::RngCore;
use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use zeroize::Zeroizing;

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Lock after this long without a request.
    pub idle_lock: Duration,
}

/// Why the server locked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockReason {
    /// No request for this long.
    Idle(Duration),
    /// The page's Lock button (`POST /api/lock`).
    Button,
    /// A signal: its name.
    Signal(&'static str),
    /// The one-time link was used again after it was spent: someone else has it.
    LinkReused,
}

impl fmt::Display for LockReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockReason::Idle(after) => {
                write!(f, "no request for {}", humantime::format_duration(*after))
            }
            LockReason::Button => f.write_str("the Lock button was pressed"),
            LockReason::Signal(name) => write!(f, "{name} was received"),
            LockReason::LinkReused => f.write_str(
                "the one-time link was used a second time, so someone else may have it; run clipvault serve again",
            ),
        }
    }
}

/// What can stop the server from starting. Once it runs, every failure is a response.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeError {
    /// The port could not be bound (in use, or not allowed).
    Bind(u16, io::Error),
    /// The runtime or a signal handler could not be set up.
    Setup(io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Bind(port, e) => write!(f, "cannot listen on 127.0.0.1:{port}: {e}"),
            ServeError::Setup(e) => write!(f, "cannot start the server: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// State every request shares.
pub(crate) struct Shared {
    /// The open vault; `None` once locked (dropping it wipes its keys).
    vault: RwLock<Option<VaultWriter>>,
    /// The port, for the Host check.
    port: u16,
    /// `/` and 32 random hex digits: every route is under it, and the session cookie's
    /// `Path` is it, so no page on another port of 127.0.0.1 is ever sent the cookie.
    base: String,
    /// The one-time secret of the unlock link; taken by its first use.
    unlock_token: Mutex<Option<Zeroizing<String>>>,
    /// The link's secret once spent: a second use locks the server (someone else has it).
    spent_token: Mutex<Option<Zeroizing<String>>>,
    /// The session cookie's value.
    session: Zeroizing<String>,
    /// What POST and DELETE must send back in `X-CSRF-Token`.
    csrf: Zeroizing<String>,
    last_request: Mutex<Instant>,
    locked: AtomicBool,
    lock_reason: Mutex<Option<LockReason>>,
    lock_signal: watch::Sender<bool>,
    /// Thumbnails made this run, in memory only.
    thumbnails: Mutex<api::ThumbnailCache>,
    /// At most this many thumbnails are made at once (each decodes an image or runs ffmpeg).
    thumbnail_permits: tokio::sync::Semaphore,
}

impl Shared {
    pub(crate) fn vault(&self) -> RwLockReadGuard<'_, Option<VaultWriter>> {
        self.vault.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn vault_mut(&self) -> RwLockWriteGuard<'_, Option<VaultWriter>> {
        self.vault.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records activity, pushing the idle lock back.
    pub(crate) fn touch(&self) {
        *self.last_request.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
    }

    pub(crate) fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Starts locking: the first reason wins. Requests in flight see `is_locked` and stop.
    pub(crate) fn lock(&self, reason: LockReason) {
        self.lock_reason.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(reason);
        self.locked.store(true, Ordering::SeqCst);
        self.lock_signal.send_replace(true);
    }
}

/// A random 32-byte secret, base64url without padding (43 characters).
fn secret(rng: &mut impl RngCore) -> Zeroizing<String> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(&mut bytes[..]);
    Zeroizing::new(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes[..]))
}

/// Serves `vault` on 127.0.0.1 until it locks; calls `ready` with the one-time unlock link
/// once the port listens. Returns why it locked; the vault (and its keys) is gone by then.
pub fn serve(vault: VaultWriter, options: &ServeOptions, ready: impl FnOnce(&str)) -> Result<LockReason, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Setup)?;
    let reason = runtime.block_on(run(vault, options, ready));
    // Blocking tasks still reading stop at their next block (they check `is_locked`).
    runtime.shutdown_timeout(Duration::from_secs(2));
    reason
}

async fn run(vault: VaultWriter, options: &ServeOptions, ready: impl FnOnce(&str)) -> Result<LockReason, ServeError> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|e| ServeError::Bind(options.port, e))?;
    let port = listener.local_addr().map_err(ServeError::Setup)?.port();
    let mut rng = rand::rngs::OsRng;
    let token = secret(&mut rng);
    let mut base = [0u8; 16];
    rng.fill_bytes(&mut base);
    let (lock_signal, mut locked) = watch::channel(false);
    let shared = Arc::new(Shared {
        vault: RwLock::new(Some(vault)),
        port,
        base: format!("/{}", hex::encode(base)),
        unlock_token: Mutex::new(Some(token.clone())),
        spent_token: Mutex::new(None),
        session: secret(&mut rng),
        csrf: secret(&mut rng),
        last_request: Mutex::new(Instant::now()),
        locked: AtomicBool::new(false),
        lock_reason: Mutex::new(None),
        lock_signal,
        thumbnails: Mutex::new(api::ThumbnailCache::default()),
        thumbnail_permits: tokio::sync::Semaphore::new(2),
    });
    watch_signals(&shared)?;
    watch_idle(&shared, options.idle_lock);
    let app = api::router(shared.clone());
    ready(&format!("http://127.0.0.1:{port}{}/unlock?token={}", shared.base, token.as_str()));
    drop(token);
    let mut until_locked = locked.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = until_locked.wait_for(|locked| *locked).await;
    });
    let server = tokio::spawn(server.into_future());
    let _ = locked.wait_for(|locked| *locked).await;
    // Forget the keys: a stream still running fails its next block, an upload its next
    // frame. Nothing waits on a client: connections still open are cut after a moment (and
    // an upload stalled by its client ends when the runtime drops its connection).
    let forget = shared.clone();
    let forgetting = tokio::task::spawn_blocking(move || {
        forget.vault_mut().take();
        forget.thumbnails.lock().unwrap_or_else(PoisonError::into_inner).clear();
    });
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    let _ = tokio::time::timeout(Duration::from_secs(2), forgetting).await;
    let reason = shared.lock_reason.lock().unwrap_or_else(PoisonError::into_inner).clone();
    Ok(reason.unwrap_or(LockReason::Button))
}

fn watch_signals(shared: &Arc<Shared>) -> Result<(), ServeError> {
    use tokio::signal::unix::{SignalKind, signal};
    for (kind, name) in [
        (SignalKind::interrupt(), "Ctrl-C (SIGINT)"),
        (SignalKind::terminate(), "SIGTERM"),
        (SignalKind::hangup(), "SIGHUP"),
    ] {
        let mut stream = signal(kind).map_err(ServeError::Setup)?;
        let shared = shared.clone();
        tokio::spawn(async move {
            if stream.recv().await.is_some() {
                shared.lock(LockReason::Signal(name));
            }
        });
    }
    Ok(())
}

fn watch_idle(shared: &Arc<Shared>, idle: Duration) {
    let shared = shared.clone();
    tokio::spawn(async move {
        let tick = (idle / 4).clamp(Duration::from_millis(100), Duration::from_secs(5));
        loop {
            tokio::time::sleep(tick).await;
            let since = shared.last_request.lock().unwrap_or_else(PoisonError::into_inner).elapsed();
            if since >= idle {
                shared.lock(LockReason::Idle(idle));
                return;
            }
        }
    });
}
