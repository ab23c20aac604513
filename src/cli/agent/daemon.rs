//! The agent itself: one process per unlocked vault, holding its session key until the
//! deadline, `lock`, `panic`, or the vault file being replaced; each request checked for
//! this user before a byte is read, each command run in a fresh process of its own.

use super::*;

/// The agent process (hidden command `__agent SECONDS SOCKET`): reads the session key from
/// standard input, serves until the deadline, a lock, or the vault file changing.
pub(in crate::cli) fn serve(vault: &Path, seconds: u64, socket: &Path) -> Result<(), CliError> {
    let mut wire = zeroize::Zeroizing::new(Vec::with_capacity(SESSION_WIRE_LEN));
    std::io::stdin().read_to_end(&mut wire).map_err(|e| CliError::Failed(e.to_string()))?;
    let session = session_from_wire(&wire).ok_or_else(|| CliError::Failed(fl!("session-bad-key")))?;
    zeroize::Zeroize::zeroize(&mut wire[..]);
    let (at, len) = session.memory();
    // Failure (no permission, limits) only leaves the key swappable, as SECURITY.md says.
    let _ = sys::lock_memory(at, len);
    let identity = std::fs::metadata(vault)
        .map(|m| file_id(&m))
        .map_err(|e| io_error(&fl!("session-cannot-open-vault"), vault, &e))?;
    let cannot_listen = |e: std::io::Error| io_error(&fl!("session-cannot-listen"), socket, &e);
    let listener = UnixListener::bind(socket).map_err(cannot_listen)?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| io_error(&fl!("session-cannot-secure"), socket, &e))?;
    listener.set_nonblocking(true).map_err(cannot_listen)?;
    let length = Duration::from_secs(seconds).min(MAX_DURATION);
    let started = Instant::now();
    let mut deadline = started + length;
    let uid = sys::current_uid();
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
            let wait = (deadline - now).clamp(Duration::from_millis(1), Duration::from_millis(500));
            if !sys::poll_readable(&listener, wait) {
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
pub(super) fn end_runs(running: &Mutex<Vec<u32>>) {
    let groups = || running.lock().map(|r| r.clone()).unwrap_or_default();
    let signal_all = |signal| {
        for group in groups() {
            let _ = sys::kill_group(group, signal);
        }
    };
    signal_all(Signal::SIGTERM);
    let asked = Instant::now();
    while !groups().is_empty() && asked.elapsed() < Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(10));
    }
    signal_all(Signal::SIGKILL);
}

/// Runs one command for a client in a new `clipvault` process with the client's standard
/// descriptors and folder; the session key goes to it through a pipe on descriptor 3.
pub(super) fn run_for_client(
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
    let mut command = std::process::Command::new(exe);
    command
        .args(args.iter().map(|a| std::ffi::OsStr::from_bytes(a)))
        .current_dir(std::ffi::OsStr::from_bytes(&cwd))
        .env(SESSION_LEFT_VAR, left.as_secs().div_ceil(60).to_string())
        .stdin(std::process::Stdio::from(stdin))
        .stdout(std::process::Stdio::from(stdout))
        .stderr(std::process::Stdio::from(stderr));
    // Its own process group, which the caller's signals are passed on to.
    command.process_group(0);
    let Ok(mut child) = spawn_with_session(&mut command, session) else { return 1 };
    let group = child.id();
    if let Ok(mut running) = running.lock() {
        running.push(group);
    }
    let _ = write_reply(client, &Reply::Started(child.id()));
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
