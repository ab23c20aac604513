//! HEIC and AVIF images (what iPhones, and many Android cameras set to "high efficiency",
//! save) turned into a JPEG through libheif's own command-line decoder, `heif-dec` (called
//! `heif-convert` before libheif 1.17), when it is on PATH: no maintained pure-Rust HEVC
//! decoder exists. The plaintext never touches a disk: the image goes to the decoder in an
//! anonymous in-memory file (memfd) and the JPEG comes back in another, reached through two
//! symbolic links (holding no content) in a private temporary folder, because the decoder
//! wants names and picks its output format by the name's ending. The decoder runs with an
//! address-space and CPU-time limit, so a hostile file cannot take the device down with it.

use crate::sys;
use std::fmt;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use zeroize::Zeroizing;

/// The decoder's names, newest first.
const DECODERS: [&str; 2] = ["heif-dec", "heif-convert"];
/// Address space the decoder may use (a 48-megapixel HEIC decodes in well under 1 GiB).
const DECODER_MEMORY: u64 = 2 << 30;
/// CPU seconds the decoder may use.
const DECODER_SECONDS: u64 = 60;
/// Largest JPEG read back.
const MAX_OUTPUT: u64 = 256 << 20;

/// Why a HEIC or AVIF image could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeifError {
    /// Neither `heif-dec` nor `heif-convert` is on PATH.
    NoDecoder,
    /// The decoder ran and refused the file; the text is the first line it printed.
    Unreadable(String),
    /// Handing the image over failed (no memfd on this system, say).
    Io(String),
}

impl fmt::Display for HeifError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeifError::NoDecoder => {
                f.write_str("HEIC and AVIF images need libheif's heif-dec (or heif-convert) for a thumbnail")
            }
            HeifError::Unreadable(why) => write!(f, "libheif could not read the image ({why})"),
            HeifError::Io(why) => write!(f, "could not hand the image to libheif ({why})"),
        }
    }
}

impl std::error::Error for HeifError {}

/// Whether `bytes` start like a HEIF file (HEIC, AVIF and their image sequences), as
/// [`super::detect`] tells from the `ftyp` box's brand.
pub fn is_heif(bytes: &[u8]) -> bool {
    matches!(super::detect(&bytes[..bytes.len().min(64)]).as_str(), "image/heic" | "image/heif" | "image/avif")
}

/// The decoder on PATH, if any.
pub fn decoder() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    DECODERS.iter().find_map(|name| std::env::split_paths(&paths).map(|dir| dir.join(name)).find(|p| p.is_file()))
}

/// The HEIF image in `bytes` as a JPEG of the same size, with its rotation and mirroring
/// (HEIF's `irot` and `imir`) already applied.
pub fn to_jpeg(bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, HeifError> {
    let decoder = decoder().ok_or(HeifError::NoDecoder)?;
    let io = |e: std::io::Error| HeifError::Io(e.to_string());
    let mut input = sys::memory_file(c"clipvault-in", false).map_err(io)?;
    input.write_all(bytes).map_err(io)?;
    let mut output = sys::memory_file(c"clipvault-out", false).map_err(io)?;
    let folder = tempfile::Builder::new().prefix("clipvault-").tempdir().map_err(io)?;
    let (in_fd, out_fd) = (input.as_raw_fd(), output.as_raw_fd());
    let (in_link, out_link) = (folder.path().join("i"), folder.path().join("o.jpg"));
    std::os::unix::fs::symlink(format!("/proc/self/fd/{in_fd}"), &in_link).map_err(io)?;
    std::os::unix::fs::symlink(format!("/proc/self/fd/{out_fd}"), &out_link).map_err(io)?;
    let mut command = Command::new(decoder);
    command.args(["--quiet", "-q", "90"]).arg(&in_link).arg(&out_link);
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    // The two memfds stay open across exec for the decoder alone (they are close-on-exec
    // everywhere else), and it gets its limits.
    for fd in [in_fd, out_fd] {
        sys::pass_descriptor(&mut command, fd, fd);
    }
    sys::limit_child(&mut command, DECODER_MEMORY, DECODER_SECONDS);
    let out = command.output().map_err(io)?;
    drop(folder);
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let first = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("it stopped").trim();
        return Err(HeifError::Unreadable(first.chars().take(200).collect()));
    }
    let len = output.seek(SeekFrom::End(0)).map_err(io)?;
    if len == 0 || len > MAX_OUTPUT {
        return Err(HeifError::Unreadable(format!("it wrote {len} bytes")));
    }
    output.seek(SeekFrom::Start(0)).map_err(io)?;
    let mut jpeg = Zeroizing::new(Vec::with_capacity(len as usize));
    output.read_to_end(&mut jpeg).map_err(io)?;
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heif_brands_are_recognised_and_others_not() {
        let head = |brand: &[u8; 4]| [&[0, 0, 0, 24][..], b"ftyp", brand, &[0; 4]].concat();
        assert!(is_heif(&head(b"heic")));
        assert!(is_heif(&head(b"mif1")));
        assert!(is_heif(&head(b"avif")));
        assert!(!is_heif(&head(b"isom")));
        assert!(!is_heif(&head(b"qt  ")));
        assert!(!is_heif(b"\xff\xd8\xff\xe0"));
    }
}
