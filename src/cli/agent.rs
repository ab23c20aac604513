//! Unlock sessions: `unlock` asks the passphrase once and starts an agent that keeps the
//! vault's session key (master key, in `mlock`ed memory) for a while; later commands on the
//! same vault, from the same user, run without asking. `lock`, `panic`, the deadline, or the
//! vault file being replaced or removed end it.
//!
//! The agent never hands out a key or a passphrase. A command is forwarded to it as its
//! arguments, working folder and standard input, output and error (passed as descriptors
//! over a Unix socket); the agent runs it in a fresh `clipvault` process of its own, which
//! receives the session key through a private pipe, and sends back only the exit status.
//! The socket lives in a folder only the user can enter (mode 0700, checked), has mode 0600,
//! and every connection's peer uid is checked (SO_PEERCRED) before anything is read.

use super::error::{CliError, io_error};
use super::output::shown;
use clipvault::storage::file_id;
use clipvault::{SessionKey, Vault};
use nix::sys::socket::{ControlMessage, ControlMessageOwned, MsgFlags, recvmsg, sendmsg, sockopt};
use serde::{Deserialize, Serialize};
use std::io::{IoSlice, IoSliceMut, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Longest session allowed.
pub const MAX_DURATION: Duration = Duration::from_secs(12 * 60 * 60);
/// Environment variable naming the descriptor a session run reads its key from.
pub const SESSION_FD_VAR: &str = "CLIPVAULT_SESSION_FD";
/// Environment variable with the minutes a session run's session has left, for its notice.
pub const SESSION_LEFT_VAR: &str = "CLIPVAULT_SESSION_LEFT";
/// Bytes of a session key on the pipe: master key, slot number, slot bytes.
const SESSION_WIRE_LEN: usize = 32 + 1 + clipvault::format::SLOT_LEN;
/// Largest request accepted.
const MAX_REQUEST: usize = 1 << 20;

#[derive(Serialize, Deserialize)]
enum Request {
    /// Run a command: its arguments (after the program name) and working folder, raw bytes.
    Run {
        args: Vec<Vec<u8>>,
        cwd: Vec<u8>,
    },
    Status,
    Lock,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    /// The command's process started (its process group id), so the caller can pass on
    /// Ctrl-C and the like: the run is not in the caller's terminal's process group.
    Started(u32),
    Exited(u8),
    Left(u64),
    Locked,
}

/// The private folder of this user's sockets: `$XDG_RUNTIME_DIR/clipvault`, else
/// `$TMPDIR/clipvault-UID` (Termux), else `/tmp/clipvault-UID`. Created 0700 only by
/// `unlock` (`create`): a command that merely looks for a session leaves no trace and gets
/// `None` when there is no folder. Refused if it is a link, someone else's, or open to others.
fn socket_dir(create: bool) -> Result<Option<PathBuf>, CliError> {
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(run) => PathBuf::from(run).join("clipvault"),
        None => {
            let tmp = std::env::var_os("TMPDIR").filter(|d| !d.is_empty()).unwrap_or_else(|| "/tmp".into());
            PathBuf::from(tmp).join(format!("clipvault-{uid}"))
        }
    };
    if dir.symlink_metadata().is_err() {
        if !create {
            return Ok(None);
        }
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(&dir).map_err(|e| io_error("cannot create", &dir, &e))?;
    }
    let meta = dir.symlink_metadata().map_err(|e| io_error("cannot use", &dir, &e))?;
    if !meta.is_dir() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(CliError::Failed(format!(
            "{} must be a folder of yours that no one else can enter (mode 0700); unlock sessions are off",
            shown(&dir)
        )));
    }
    Ok(Some(dir))
}

/// The socket of the agent for the vault at `vault` (one per file, by device and inode);
/// `None` if there is no socket folder and `create` is off.
pub(super) fn socket_path(vault: &Path, create: bool) -> Result<Option<PathBuf>, CliError> {
    let meta = std::fs::metadata(vault).map_err(|e| io_error("cannot open vault", vault, &e))?;
    let (dev, ino) = file_id(&meta);
    Ok(socket_dir(create)?.map(|dir| dir.join(format!("agent-{dev:x}-{ino:x}.sock"))))
}

/// `u32 len || postcard(value)`: one request or reply on the socket.
fn frame(value: &impl Serialize) -> std::io::Result<Vec<u8>> {
    let body = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    let mut framed = (body.len() as u32).to_le_bytes().to_vec();
    framed.extend_from_slice(&body);
    Ok(framed)
}

/// How long an agent has to answer a request (a run's end is waited for as long as it takes).
const REPLY_TIMEOUT: Duration = Duration::from_secs(2);

/// Sends `request` (with `fds`) and reads the reply, waiting at most [`REPLY_TIMEOUT`].
fn call(stream: &UnixStream, request: &Request, fds: &[RawFd]) -> std::io::Result<Reply> {
    stream.set_read_timeout(Some(REPLY_TIMEOUT))?;
    stream.set_write_timeout(Some(REPLY_TIMEOUT))?;
    let framed = frame(request)?;
    let cmsgs: Vec<ControlMessage> = if fds.is_empty() { vec![] } else { vec![ControlMessage::ScmRights(fds)] };
    let sent = sendmsg::<()>(stream.as_raw_fd(), &[IoSlice::new(&framed)], &cmsgs, MsgFlags::empty(), None)?;
    if sent < framed.len() {
        (&*stream).write_all(&framed[sent..])?;
    }
    read_reply(stream)
}

/// One reply frame: `u32 len || postcard(Reply)`.
fn read_reply(stream: &UnixStream) -> std::io::Result<Reply> {
    let mut len = [0u8; 4];
    (&*stream).read_exact(&mut len)?;
    let mut body = vec![0u8; u32::from_le_bytes(len).min(1024) as usize];
    (&*stream).read_exact(&mut body)?;
    postcard::from_bytes(&body).map_err(std::io::Error::other)
}

fn write_reply(stream: &UnixStream, reply: &Reply) -> std::io::Result<()> {
    (&*stream).write_all(&frame(reply)?)
}

/// Connects to the agent for `vault`, if one is running. A socket nobody answers on is
/// stale (an agent killed) and removed.
fn connect(vault: &Path) -> Result<Option<UnixStream>, CliError> {
    let Some(path) = socket_path(vault, false)? else { return Ok(None) };
    match UnixStream::connect(&path) {
        Ok(stream) => Ok(Some(stream)),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            let _ = std::fs::remove_file(&path);
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

/// Runs this command through the vault's agent if one is running; `None` if there is none.
pub(super) fn forward(vault: &Path) -> Result<Option<u8>, CliError> {
    let Ok(Some(stream)) = connect(vault) else { return Ok(None) };
    let given: Vec<Vec<u8>> = std::env::args_os().skip(1).map(|a| a.as_bytes().to_vec()).collect();
    // The vault as this process resolved it (from --vault, $CLIPVAULT_VAULT or the default),
    // unless the arguments already name it (relative to `cwd`, which the run gets too).
    let named = given.iter().any(|a| a == b"--vault" || a.starts_with(b"--vault="));
    let mut args: Vec<Vec<u8>> =
        if named { vec![] } else { vec![b"--vault".to_vec(), absolute(vault).as_os_str().as_bytes().to_vec()] };
    args.extend(given);
    let cwd = std::env::current_dir().map(|d| d.as_os_str().as_bytes().to_vec()).unwrap_or_default();
    // Listening before the request goes out: a Ctrl-C between request and reply is held and
    // passed on once the run's group is known (it used to end this caller and leave the run
    // going). The terminal's settings are put back after the run, however it ended: a run
    // killed in raw mode (a gallery ended by `panic`) left the terminal without Ctrl-C, and
    // the shell, seeing this caller exit normally, kept it that way for the next command.
    let signals = SignalRelay::start();
    let _terminal = TerminalSettings::save();
    match call(&stream, &Request::Run { args, cwd }, &[0, 1, 2]) {
        Ok(Reply::Started(group)) => {
            signals.pass_on_to(group);
            let _ = stream.set_read_timeout(None);
            match read_reply(&stream) {
                Ok(Reply::Exited(code)) => Ok(Some(code)),
                _ => Ok(Some(1)),
            }
        }
        // The agent ended between connect and reply: do it here, as without a session.
        _ => match signals.received() {
            Some(signal) => Ok(Some(128 + signal as u8)),
            None => Ok(None),
        },
    }
}

/// Ctrl-C, SIGTERM and SIGHUP reach the run's process group (the command and a viewer it
/// started), as they would a command run in this terminal; one that comes before the group is
/// known is held until it is.
struct SignalRelay {
    group: std::sync::Arc<std::sync::OnceLock<u32>>,
    held: std::sync::Arc<std::sync::atomic::AtomicI32>,
}

impl SignalRelay {
    fn start() -> SignalRelay {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        use std::sync::atomic::Ordering;
        let relay = SignalRelay { group: Default::default(), held: Default::default() };
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            let (group, held) = (relay.group.clone(), relay.held.clone());
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    match group.get() {
                        Some(&group) => send_to_group(group, signal),
                        None => held.store(signal, Ordering::SeqCst),
                    }
                }
            });
        }
        relay
    }

    fn pass_on_to(&self, group: u32) {
        let _ = self.group.set(group);
        let held = self.held.swap(0, std::sync::atomic::Ordering::SeqCst);
        if held != 0 {
            send_to_group(group, held);
        }
    }

    /// A signal that came while no run had started.
    fn received(&self) -> Option<i32> {
        Some(self.held.load(std::sync::atomic::Ordering::SeqCst)).filter(|&s| s != 0)
    }
}

fn send_to_group(group: u32, signal: i32) {
    // SAFETY: kill with a process group id the agent reported and a valid signal.
    unsafe { libc::kill(-(group as libc::pid_t), signal) };
}

/// The settings of this process's terminal (each standard descriptor that is one), put back
/// when dropped, if this process is still in the terminal's foreground (otherwise the shell
/// has the terminal back and sets it itself; a write from the background would stop this
/// process with SIGTTOU).
struct TerminalSettings(Vec<(RawFd, nix::sys::termios::Termios)>);

impl TerminalSettings {
    fn save() -> TerminalSettings {
        let saved = (0..=2).filter_map(|fd| Some((fd, nix::sys::termios::tcgetattr(standard(fd)).ok()?)));
        TerminalSettings(saved.collect())
    }
}

impl Drop for TerminalSettings {
    fn drop(&mut self) {
        for (fd, settings) in &self.0 {
            let foreground = nix::unistd::tcgetpgrp(standard(*fd)).is_ok_and(|group| group == nix::unistd::getpgrp());
            if foreground {
                let _ = nix::sys::termios::tcsetattr(standard(*fd), nix::sys::termios::SetArg::TCSANOW, settings);
            }
        }
    }
}

/// Standard descriptor `fd` (0, 1 or 2).
fn standard(fd: RawFd) -> std::os::fd::BorrowedFd<'static> {
    // SAFETY: the standard descriptors stay open for the whole life of the process.
    unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What `unlock` says when the vault has a session already (asked before the passphrase).
pub(super) fn already_unlocked(vault_path: &Path) -> Result<Option<String>, CliError> {
    Ok(status(vault_path)?
        .map(|secs| format!("already unlocked: {} min left (`clipvault lock` ends it)", secs.div_ceil(60))))
}

/// `unlock`: the vault is already open with the passphrase; start its agent for `duration`.
pub(super) fn unlock(vault_path: &Path, vault: &Vault, asked: Duration) -> Result<String, CliError> {
    let duration = asked.min(MAX_DURATION);
    let capped = if asked > MAX_DURATION {
        format!(
            " ({} asked; {} h is the longest a session may last)",
            humantime::format_duration(asked),
            MAX_DURATION.as_secs() / 3600
        )
    } else {
        String::new()
    };
    if let Some(said) = already_unlocked(vault_path)? {
        return Ok(said);
    }
    let socket = socket_path(vault_path, true)?.expect("socket_dir creates the folder");
    let _ = std::fs::remove_file(&socket);
    let exe = std::env::current_exe().map_err(|e| CliError::Failed(format!("cannot find clipvault itself: {e}")))?;
    let mut agent = std::process::Command::new(exe);
    agent
        .arg("--vault")
        .arg(absolute(vault_path))
        .arg("__agent")
        .arg(duration.as_secs().to_string())
        .arg(&socket)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: setsid is async-signal-safe; the agent leaves the terminal's session so a
    // closed terminal (SIGHUP) does not end it early.
    unsafe {
        use std::os::unix::process::CommandExt;
        agent.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = agent.spawn().map_err(|e| CliError::Failed(format!("cannot start the agent: {e}")))?;
    let mut pipe = child.stdin.take().expect("stdin was piped");
    let mut wire = zeroize::Zeroizing::new(session_to_wire(&vault.session_key()));
    pipe.write_all(&wire[..]).map_err(|e| CliError::Failed(format!("cannot start the agent: {e}")))?;
    zeroize::Zeroize::zeroize(&mut wire[..]);
    drop(pipe);
    // Ready when it answers.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Ok(stream) = UnixStream::connect(&socket)
            && matches!(call(&stream, &Request::Status, &[]), Ok(Reply::Left(_)))
        {
            return Ok(format!(
                "unlocked for {} min{capped} (longer while in use): commands on {} ask nothing until then; \
                 `clipvault lock` ends it now",
                duration.as_secs().div_ceil(60),
                shown(vault_path)
            ));
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err(CliError::Failed("the unlock agent did not start".into()))
}

fn session_to_wire(session: &SessionKey) -> Vec<u8> {
    let (master, slot, slot_bytes) = session.parts();
    let mut wire = Vec::with_capacity(SESSION_WIRE_LEN);
    wire.extend_from_slice(master);
    wire.push(slot as u8);
    wire.extend_from_slice(slot_bytes);
    wire
}

fn session_from_wire(wire: &[u8]) -> Option<SessionKey> {
    if wire.len() != SESSION_WIRE_LEN {
        return None;
    }
    let master: [u8; 32] = wire[..32].try_into().ok()?;
    let slot_bytes = wire[33..].try_into().ok()?;
    Some(SessionKey::from_parts(master, usize::from(wire[32]), slot_bytes))
}

/// The session key of a run started by the agent, read once from its pipe.
pub(super) fn session_of_this_run() -> Option<SessionKey> {
    let fd: RawFd = std::env::var(SESSION_FD_VAR).ok()?.parse().ok()?;
    // SAFETY: the agent opened this descriptor for this process; nothing else owns it.
    let mut pipe = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) });
    let mut wire = zeroize::Zeroizing::new(Vec::with_capacity(SESSION_WIRE_LEN));
    pipe.read_to_end(&mut wire).ok()?;
    session_from_wire(&wire)
}

/// `lock`: ends this vault's agent, or every agent of this user. Returns how many.
pub(super) fn lock(vault: Option<&Path>) -> Result<usize, CliError> {
    let sockets: Vec<PathBuf> = match vault {
        Some(vault) => socket_path(vault, false)?.into_iter().collect(),
        None => socket_dir(false)?
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "sock")).collect())
            .unwrap_or_default(),
    };
    let mut ended = 0;
    for socket in sockets {
        if let Ok(stream) = UnixStream::connect(&socket)
            && matches!(call(&stream, &Request::Lock, &[]), Ok(Reply::Locked))
        {
            ended += 1;
        }
        let _ = std::fs::remove_file(&socket);
    }
    Ok(ended)
}

/// `status`: seconds left of this vault's session, if there is one.
pub(super) fn status(vault: &Path) -> Result<Option<u64>, CliError> {
    Ok(connect(vault)?.and_then(|stream| match call(&stream, &Request::Status, &[]) {
        Ok(Reply::Left(secs)) => Some(secs),
        _ => None,
    }))
}

/// The agent process (hidden command `__agent SECONDS SOCKET`): reads the session key from
/// standard input, serves until the deadline, a lock, or the vault file changing.
pub(super) fn serve(vault: &Path, seconds: u64, socket: &Path) -> Result<(), CliError> {
    let mut wire = zeroize::Zeroizing::new(Vec::with_capacity(SESSION_WIRE_LEN));
    std::io::stdin().read_to_end(&mut wire).map_err(|e| CliError::Failed(e.to_string()))?;
    let session = session_from_wire(&wire).ok_or_else(|| CliError::Failed("bad session key".into()))?;
    zeroize::Zeroize::zeroize(&mut wire[..]);
    let (at, len) = session.memory();
    // SAFETY: mlock of the key's own bytes, which live as long as `session`; failure (no
    // permission, limits) only leaves them swappable, as SECURITY.md says.
    unsafe { libc::mlock(at.cast(), len) };
    let identity =
        std::fs::metadata(vault).map(|m| file_id(&m)).map_err(|e| io_error("cannot open vault", vault, &e))?;
    let listener = UnixListener::bind(socket).map_err(|e| io_error("cannot listen on", socket, &e))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| io_error("cannot secure", socket, &e))?;
    listener.set_nonblocking(true).map_err(|e| io_error("cannot listen on", socket, &e))?;
    let length = Duration::from_secs(seconds).min(MAX_DURATION);
    let started = Instant::now();
    let mut deadline = started + length;
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    // Commands run through the session, by process group, and when the last one ended (the
    // session slides with use, never past 12 hours from the unlock).
    let running = Mutex::new(Vec::<u32>::new());
    let last_ended = Mutex::new(None::<Instant>);
    // Each run is waited for on a thread of its own, so that status, lock and other runs are
    // answered meanwhile; the scope ends when every run has.
    std::thread::scope(|scope| {
        let locked = loop {
            let now = Instant::now();
            if let Some(ended) = last_ended.lock().map_or(None, |mut at| at.take()) {
                deadline = deadline.max(ended + length).min(started + MAX_DURATION);
            }
            let same_vault = std::fs::metadata(vault).is_ok_and(|m| file_id(&m) == identity);
            if now >= deadline || !same_vault || !socket.exists() {
                break false;
            }
            let mut poll = [libc::pollfd { fd: listener.as_raw_fd(), events: libc::POLLIN, revents: 0 }];
            let wait = (deadline - now).clamp(Duration::from_millis(1), Duration::from_millis(500));
            // SAFETY: one valid pollfd for the duration of the call.
            if unsafe { libc::poll(poll.as_mut_ptr(), 1, wait.as_millis() as libc::c_int) } <= 0 {
                continue;
            }
            let Ok((stream, _)) = listener.accept() else { continue };
            let _ = stream.set_nonblocking(false);
            // Only this user: checked before a byte is read.
            let peer = nix::sys::socket::getsockopt(&stream, sockopt::PeerCredentials);
            if !peer.is_ok_and(|cred| cred.uid() == uid) {
                continue;
            }
            let Some((request, fds)) = receive(&stream) else { continue };
            match request {
                Request::Lock => {
                    let _ = write_reply(&stream, &Reply::Locked);
                    break true;
                }
                Request::Status => {
                    let _ = write_reply(&stream, &Reply::Left(deadline.saturating_duration_since(now).as_secs()));
                }
                Request::Run { args, cwd } => {
                    deadline = deadline.max(now + length).min(started + MAX_DURATION);
                    let left = deadline.saturating_duration_since(now);
                    let (session, running, last_ended) = (&session, &running, &last_ended);
                    scope.spawn(move || {
                        let code = run_for_client(&stream, session, args, cwd, fds, left, running);
                        if let Ok(mut at) = last_ended.lock() {
                            *at = Some(Instant::now());
                        }
                        let _ = write_reply(&stream, &Reply::Exited(code));
                    });
                }
            }
        };
        // New callers find no socket and run without the session. Runs still going (a gallery,
        // a player) finish first, unless the session was locked, which ends them too.
        drop(listener);
        let _ = std::fs::remove_file(socket);
        if locked {
            end_runs(&running);
        }
    });
    drop(session); // zeroized
    Ok(())
}

/// Ends the commands run through the session: SIGTERM to their process groups (a gallery
/// then clears the screen), SIGKILL to what is left after a second.
fn end_runs(running: &Mutex<Vec<u32>>) {
    let groups = || running.lock().map(|r| r.clone()).unwrap_or_default();
    let signal_all = |signal| {
        for group in groups() {
            // SAFETY: kill with a process group this agent started and a valid signal.
            unsafe { libc::kill(-(group as libc::pid_t), signal) };
        }
    };
    signal_all(libc::SIGTERM);
    let asked = Instant::now();
    while !groups().is_empty() && asked.elapsed() < Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(10));
    }
    signal_all(libc::SIGKILL);
}

/// Reads one request and the descriptors passed with it.
fn receive(stream: &UnixStream) -> Option<(Request, Vec<OwnedFd>)> {
    let mut buf = vec![0u8; MAX_REQUEST];
    let mut space = nix::cmsg_space!([RawFd; 3]);
    let (got, fds) = {
        let mut iov = [IoSliceMut::new(&mut buf)];
        let msg = recvmsg::<()>(stream.as_raw_fd(), &mut iov, Some(&mut space), MsgFlags::MSG_CMSG_CLOEXEC).ok()?;
        let mut fds = Vec::new();
        for cmsg in msg.cmsgs().ok()? {
            if let ControlMessageOwned::ScmRights(raw) = cmsg {
                // SAFETY: descriptors just received are ours alone.
                fds.extend(raw.into_iter().map(|fd| unsafe { OwnedFd::from_raw_fd(fd) }));
            }
        }
        (msg.bytes, fds)
    };
    let mut data = buf[..got].to_vec();
    let len = u32::from_le_bytes(data.get(..4)?.try_into().ok()?) as usize;
    if len > MAX_REQUEST - 4 {
        return None;
    }
    while data.len() < 4 + len {
        let mut more = vec![0u8; 4 + len - data.len()];
        let n = (&*stream).read(&mut more).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&more[..n]);
    }
    let request = postcard::from_bytes(&data[4..4 + len]).ok()?;
    Some((request, fds))
}

/// Runs one command for a client in a new `clipvault` process with the client's standard
/// descriptors and folder; the session key goes to it through a pipe on descriptor 3.
fn run_for_client(
    client: &UnixStream,
    session: &SessionKey,
    args: Vec<Vec<u8>>,
    cwd: Vec<u8>,
    fds: Vec<OwnedFd>,
    left: Duration,
    running: &Mutex<Vec<u32>>,
) -> u8 {
    use std::os::unix::process::CommandExt;
    let [stdin, stdout, stderr]: [OwnedFd; 3] = match fds.try_into() {
        Ok(fds) => fds,
        Err(_) => return 1,
    };
    let Ok(exe) = std::env::current_exe() else { return 1 };
    // Close-on-exec, so the command does not inherit the write end and wait for itself.
    let (read_end, write_end) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(pair) => pair,
        Err(_) => return 1,
    };
    let key_fd = read_end.as_raw_fd();
    let mut command = std::process::Command::new(exe);
    command
        .args(args.iter().map(|a| std::ffi::OsStr::from_bytes(a)))
        .current_dir(std::ffi::OsStr::from_bytes(&cwd))
        .env(SESSION_FD_VAR, "3")
        .env(SESSION_LEFT_VAR, left.as_secs().div_ceil(60).to_string())
        .stdin(std::process::Stdio::from(stdin))
        .stdout(std::process::Stdio::from(stdout))
        .stderr(std::process::Stdio::from(stderr));
    // SAFETY: dup2 and close are async-signal-safe; descriptor 3 becomes the key pipe.
    unsafe {
        command.pre_exec(move || {
            // dup2 clears close-on-exec on the copy; a pipe that already is descriptor 3
            // needs it cleared by hand.
            let done = if key_fd == 3 { libc::fcntl(3, libc::F_SETFD, 0) } else { libc::dup2(key_fd, 3) };
            // Its own process group, which the caller's signals are passed on to.
            if done < 0 || libc::setpgid(0, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let Ok(mut child) = command.spawn() else { return 1 };
    let group = child.id();
    if let Ok(mut running) = running.lock() {
        running.push(group);
    }
    drop(read_end);
    let _ = write_reply(client, &Reply::Started(child.id()));
    let mut pipe = std::fs::File::from(write_end);
    let mut wire = zeroize::Zeroizing::new(session_to_wire(session));
    let _ = pipe.write_all(&wire[..]);
    zeroize::Zeroize::zeroize(&mut wire[..]);
    drop(pipe);
    // A run ended by a signal reports 128 + its number, as a shell does.
    let code = child.wait().map_or(1, |status| {
        use std::os::unix::process::ExitStatusExt;
        status.code().map(|c| c as u8).or(status.signal().map(|s| 128 + s as u8)).unwrap_or(1)
    });
    if let Ok(mut running) = running.lock() {
        running.retain(|&g| g != group);
    }
    code
}
