//! A video's poster frame and its facts (dimensions, duration), from `ffprobe` and `ffmpeg`
//! when they are on PATH (Linux and Termux both package them); and the loopback server that
//! feeds them, which `view` also gives video players for items too big for memory. The
//! plaintext never touches a disk: it is served over loopback HTTP, from the reader the caller gives (an item's
//! decrypting reader), at a random port and an unguessable path, for one run, honouring
//! `Range`, so that ffmpeg seeks (to an MP4's index at the end, say) instead of reading all of
//! a long video.
//!
//! The path is on ffmpeg's command line, which every local user can read in /proc: so the
//! server answers only connections made by this process's own user (the kernel's socket
//! table, /proc/net/tcp, says who owns the other end), and fails closed where it cannot tell.
//! Every connection has read and write timeouts, and nothing is served once ffmpeg exited.

use super::thumbnail::{LONGEST_SIDE, Thumbnail};
use rand::RngCore;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What ffprobe says of a video.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VideoInfo {
    pub width: u32,
    pub height: u32,
    pub duration_ms: Option<u64>,
}

/// Why a video has no poster frame.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VideoError {
    /// `ffmpeg` or `ffprobe` is not on PATH.
    NoFfmpeg,
    /// They ran but found no video in it; the text says what they said.
    Unreadable(String),
    /// Serving the content to them failed.
    Io(String),
}

impl fmt::Display for VideoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VideoError::NoFfmpeg => f.write_str("ffmpeg is not installed, so videos get no thumbnail"),
            VideoError::Unreadable(why) => write!(f, "ffmpeg could not read the video ({why})"),
            VideoError::Io(why) => write!(f, "could not hand the video to ffmpeg ({why})"),
        }
    }
}

impl std::error::Error for VideoError {}

/// Whether `ffmpeg` and `ffprobe` are on PATH.
pub fn ffmpeg_available() -> bool {
    ["ffmpeg", "ffprobe"].into_iter().all(super::on_path)
}

/// Content a loopback server hands out.
pub trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// The poster frame (longest side [`LONGEST_SIDE`]) and facts of the video that `source`
/// (of `len` bytes) holds. Also returns how many bytes ffmpeg and ffprobe read.
pub fn poster(source: &mut dyn Source, len: u64) -> Result<(Thumbnail, VideoInfo, u64), VideoError> {
    if !ffmpeg_available() {
        return Err(VideoError::NoFfmpeg);
    }
    let (result, served, refused) =
        with_loopback_url(source, len, run_ffmpeg).map_err(|e| VideoError::Io(e.to_string()))?;
    // Where the owner of a connection could not be told at all, ffmpeg itself was refused.
    if result.is_err() && refused && connected_by_this_user_unknowable() {
        return Err(VideoError::Io("cannot tell which user connects over loopback (/proc/net/tcp unreadable)".into()));
    }
    result.map(|(thumbnail, info)| (thumbnail, info, served))
}

/// Serves `source` (of `len` bytes) at a loopback URL, for this process's user only and
/// honouring `Range`, while `run` runs with that URL (a program that reads it: ffmpeg, a
/// video player); then stops serving. Returns what `run` returned, how many bytes were
/// served, and whether a connection was refused (made by another user, or whose owner could
/// not be told). Memory stays bounded whatever `len` is: a 64 KiB buffer per connection.
pub fn with_loopback_url<R>(
    source: &mut dyn Source,
    len: u64,
    run: impl FnOnce(&str) -> R,
) -> io::Result<(R, u64, bool)> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let port = listener.local_addr()?.port();
    let mut token = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut token);
    let path = format!("/{}", hex::encode(token));
    let url = format!("http://127.0.0.1:{port}{path}");
    let (stop, served, refused) = (AtomicBool::new(false), AtomicU64::new(0), AtomicBool::new(false));
    let source = Mutex::new(source);
    let result = std::thread::scope(|scope| {
        scope.spawn(|| {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                // Another user read the URL from ffmpeg's command line: not served.
                if !connected_by_this_user(&stream).unwrap_or(false) {
                    refused.store(true, Ordering::SeqCst);
                    continue;
                }
                let _ = stream.set_read_timeout(Some(CONNECTION_TIMEOUT));
                let _ = stream.set_write_timeout(Some(CONNECTION_TIMEOUT));
                // ffmpeg keeps a connection open while it opens another to seek: each gets
                // its own thread; requests take turns on the source. A connection ends when
                // ffmpeg closes it, at the latest when it exits.
                let (path, source, served, stop) = (&path, &source, &served, &stop);
                scope.spawn(move || {
                    let _ = serve_connection(stream, path, source, len, served, stop);
                });
            }
        });
        let result = run(&url);
        stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", port));
        result
    });
    Ok((result, served.load(Ordering::SeqCst), refused.load(Ordering::SeqCst)))
}

/// How long a connection may wait for a request or for its client to read.
const CONNECTION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Whether the client end of `stream` (a loopback TCP connection accepted here) belongs to
/// this process's effective user, by the kernel's socket tables. `Err` where they cannot be
/// read.
fn connected_by_this_user(stream: &TcpStream) -> io::Result<bool> {
    let (ours, theirs) = (stream.local_addr()?.port(), stream.peer_addr()?.port());
    let me = nix::unistd::geteuid().as_raw();
    let mut readable = false;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else { continue };
        readable = true;
        // `sl local rem st tx:rx tr:when retrnsmt uid ...`; addresses are `HEXIP:HEXPORT`.
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let port = |field: Option<&&str>| {
                field.and_then(|f| f.rsplit_once(':')).and_then(|(_, p)| u16::from_str_radix(p, 16).ok())
            };
            if port(fields.get(1)) == Some(theirs) && port(fields.get(2)) == Some(ours) {
                return Ok(fields.get(7).and_then(|uid| uid.parse::<u32>().ok()) == Some(me));
            }
        }
    }
    if readable { Ok(false) } else { Err(io::Error::new(io::ErrorKind::PermissionDenied, "no socket table")) }
}

/// Whether the socket tables cannot be read at all here.
fn connected_by_this_user_unknowable() -> bool {
    ["/proc/net/tcp", "/proc/net/tcp6"].iter().all(|t| std::fs::read_to_string(t).is_err())
}

/// ffprobe, then ffmpeg for one frame, both reading `url`.
fn run_ffmpeg(url: &str) -> Result<(Thumbnail, VideoInfo), VideoError> {
    let info = probe(url)?;
    // A frame a little way in: the very first is often black.
    let at_ms = info.duration_ms.map_or(0, |d| (d / 10).min(1000));
    let out = Command::new("ffmpeg")
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-ss"])
        .arg(format!("{}.{:03}", at_ms / 1000, at_ms % 1000))
        .args(["-i", url, "-frames:v", "1", "-vf"])
        .arg(format!("scale={LONGEST_SIDE}:{LONGEST_SIDE}:force_original_aspect_ratio=decrease"))
        .args(["-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "4", "pipe:1"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| VideoError::Io(e.to_string()))?;
    if !out.status.success() || out.stdout.is_empty() {
        return Err(VideoError::Unreadable(first_line(&out.stderr)));
    }
    let frame = image::load_from_memory_with_format(&out.stdout, image::ImageFormat::Jpeg)
        .map_err(|e| VideoError::Unreadable(e.to_string()))?;
    let thumbnail = Thumbnail {
        jpeg: out.stdout,
        width: frame.width(),
        height: frame.height(),
        source_width: info.width,
        source_height: info.height,
    };
    Ok((thumbnail, info))
}

fn first_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().next().unwrap_or("no output").trim().to_string()
}

/// Dimensions and duration, from ffprobe.
fn probe(url: &str) -> Result<VideoInfo, VideoError> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration"])
        .args(["-of", "json", url])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| VideoError::Io(e.to_string()))?;
    if !out.status.success() {
        return Err(VideoError::Unreadable(first_line(&out.stderr)));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| VideoError::Unreadable(e.to_string()))?;
    let stream = &json["streams"][0];
    let (Some(width), Some(height)) = (stream["width"].as_u64(), stream["height"].as_u64()) else {
        return Err(VideoError::Unreadable("no video stream".into()));
    };
    let duration_ms =
        json["format"]["duration"].as_str().and_then(|d| d.parse::<f64>().ok()).map(|s| (s * 1000.0) as u64);
    Ok(VideoInfo { width: width as u32, height: height as u32, duration_ms })
}

/// Answers the requests of one connection (HTTP/1.1 keep-alive) until the client closes it.
fn serve_connection(
    stream: TcpStream,
    path: &str,
    source: &Mutex<&mut dyn Source>,
    len: u64,
    served: &AtomicU64,
    stop: &AtomicBool,
) -> io::Result<()> {
    // A small send buffer, so that a client which stops reading (to seek elsewhere) stops
    // the decryption here soon, instead of megabytes queued on loopback for nobody.
    let _ = crate::sys::set_send_buffer(&stream, 64 * 1024);
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 || stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let mut range = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("range")
            {
                range = Some(value.trim().to_string());
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if target != path || !(method == "GET" || method == "HEAD") {
            out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
            return Ok(());
        }
        let (start, count, partial) = match crate::range::part(range.as_deref(), len) {
            crate::range::Part::Whole => (0, len, false),
            crate::range::Part::Range(r) => (*r.start(), r.end() - r.start() + 1, true),
            crate::range::Part::Unsatisfiable => {
                let refusal = format!(
                    "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\nContent-Length: 0\r\n\r\n"
                );
                out.write_all(refusal.as_bytes())?;
                continue;
            }
        };
        let status = if partial { "206 Partial Content" } else { "200 OK" };
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nContent-Length: {count}\r\n"
        );
        if partial {
            head.push_str(&format!("Content-Range: bytes {start}-{}/{len}\r\n", start + count - 1));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if method == "HEAD" {
            continue;
        }
        let mut source = source.lock().map_err(|_| io::Error::other("source poisoned"))?;
        source.seek(SeekFrom::Start(start))?;
        let mut buf = vec![0u8; 64 * 1024];
        let mut left = count;
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            let n = source.read(&mut buf[..want])?;
            if n == 0 {
                return Ok(());
            }
            // A client that seeks elsewhere closes the connection mid-body: not an error.
            out.write_all(&buf[..n])?;
            served.fetch_add(n as u64, Ordering::Relaxed);
            left -= n as u64;
        }
    }
}
