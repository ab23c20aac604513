//! What the agent and its callers say to each other over the socket (postcard frames, a
//! length first, standard descriptors passed alongside with SCM_RIGHTS), and the session key
//! on the pipe a run reads it from.

use super::*;

/// Bytes of a session key on the pipe: master key, slot number, slot bytes.
pub(super) const SESSION_WIRE_LEN: usize = 32 + 1 + clipvault::format::SLOT_LEN;

/// Largest request accepted.
pub(super) const MAX_REQUEST: usize = 1 << 20;

#[derive(Serialize, Deserialize)]
pub(super) enum Request {
    /// Run a command: its arguments (after the program name) and working folder, raw bytes.
    Run {
        args: Vec<Vec<u8>>,
        cwd: Vec<u8>,
    },
    Status,
    Lock,
}

#[derive(Serialize, Deserialize)]
pub(super) enum Reply {
    /// The command's process started (its process group id), so the caller can pass on
    /// Ctrl-C and the like: the run is not in the caller's terminal's process group.
    Started(u32),
    Exited(u8),
    Left(u64),
    Locked,
}

/// `u32 len || postcard(value)`: one request or reply on the socket.
pub(super) fn frame(value: &impl Serialize) -> std::io::Result<Vec<u8>> {
    let body = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    let mut framed = (body.len() as u32).to_le_bytes().to_vec();
    framed.extend_from_slice(&body);
    Ok(framed)
}

/// How long an agent has to answer a request (a run's end is waited for as long as it takes).
pub(super) const REPLY_TIMEOUT: Duration = Duration::from_secs(2);

/// Sends `request` (with `fds`) and reads the reply, waiting at most [`REPLY_TIMEOUT`].
pub(super) fn call(stream: &UnixStream, request: &Request, fds: &[BorrowedFd<'_>]) -> std::io::Result<Reply> {
    stream.set_read_timeout(Some(REPLY_TIMEOUT))?;
    stream.set_write_timeout(Some(REPLY_TIMEOUT))?;
    let framed = frame(request)?;
    let sent = sys::send_with_descriptors(stream, &framed, fds)?;
    if sent < framed.len() {
        (&*stream).write_all(&framed[sent..])?;
    }
    read_reply(stream)
}

/// One reply frame: `u32 len || postcard(Reply)`.
pub(super) fn read_reply(stream: &UnixStream) -> std::io::Result<Reply> {
    let mut len = [0u8; 4];
    (&*stream).read_exact(&mut len)?;
    let mut body = vec![0u8; u32::from_le_bytes(len).min(1024) as usize];
    (&*stream).read_exact(&mut body)?;
    postcard::from_bytes(&body).map_err(std::io::Error::other)
}

pub(super) fn write_reply(stream: &UnixStream, reply: &Reply) -> std::io::Result<()> {
    (&*stream).write_all(&frame(reply)?)
}

pub(super) fn session_to_wire(session: &SessionKey) -> Vec<u8> {
    let (master, slot, slot_bytes) = session.parts();
    let mut wire = Vec::with_capacity(SESSION_WIRE_LEN);
    wire.extend_from_slice(master);
    wire.push(slot as u8);
    wire.extend_from_slice(slot_bytes);
    wire
}

pub(super) fn session_from_wire(wire: &[u8]) -> Option<SessionKey> {
    if wire.len() != SESSION_WIRE_LEN {
        return None;
    }
    let master: [u8; 32] = wire[..32].try_into().ok()?;
    let slot_bytes = wire[33..].try_into().ok()?;
    Some(SessionKey::from_parts(master, usize::from(wire[32]), slot_bytes))
}

/// The session key of a run started by the agent, read once from its pipe.
pub(in crate::cli) fn session_of_this_run() -> Option<SessionKey> {
    let fd: RawFd = std::env::var(SESSION_FD_VAR).ok()?.parse().ok()?;
    let mut pipe = sys::take_inherited_descriptor(fd)?;
    let mut wire = zeroize::Zeroizing::new(Vec::with_capacity(SESSION_WIRE_LEN));
    pipe.read_to_end(&mut wire).ok()?;
    session_from_wire(&wire)
}

/// Reads one request and the descriptors passed with it.
pub(super) fn receive(stream: &UnixStream) -> Option<(Request, Vec<OwnedFd>)> {
    let mut buf = vec![0u8; MAX_REQUEST];
    let (got, fds) = sys::receive_with_descriptors(stream, &mut buf).ok()?;
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
