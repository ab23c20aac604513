//! ISO base media (MP4, MOV, 3GP, HEIF) boxes: walking a file's top-level boxes through a
//! seekable reader without reading their bodies, and the boxes inside one held in memory,
//! every length checked before use.

use std::io::{self, Read, Seek, SeekFrom};

/// A top-level box: where it starts, its type, its header's length and its whole size.
#[derive(Clone, Copy, Debug)]
pub struct TopBox {
    pub at: u64,
    pub kind: [u8; 4],
    pub header: u64,
    pub size: u64,
}

/// The top-level boxes of a `len`-byte file, stepped over by their lengths. Stops with an
/// error at a box that does not fit in the file.
pub fn top_level<R: Read + Seek + ?Sized>(source: &mut R, len: u64) -> io::Result<Vec<TopBox>> {
    let mut found = Vec::new();
    let mut at = 0u64;
    while at + 8 <= len {
        source.seek(SeekFrom::Start(at))?;
        let mut header = [0u8; 16];
        source.read_exact(&mut header[..8])?;
        let kind: [u8; 4] = header[4..8].try_into().expect("4 bytes");
        let (header_len, size) = match u32::from_be_bytes(header[..4].try_into().expect("4 bytes")) {
            0 => (8, len - at),
            1 => {
                source.read_exact(&mut header[8..])?;
                (16, u64::from_be_bytes(header[8..].try_into().expect("8 bytes")))
            }
            n => (8, u64::from(n)),
        };
        if size < header_len || at.checked_add(size).is_none_or(|end| end > len) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "a box runs past the end of the file"));
        }
        found.push(TopBox { at, kind, header: header_len, size });
        at += size;
    }
    Ok(found)
}

/// The boxes directly inside `bytes`: `(type, body)`, stopping at the first that does not fit.
pub fn boxes(bytes: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut found = Vec::new();
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size32 = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as u64;
        let kind: [u8; 4] = bytes[at + 4..at + 8].try_into().expect("4 bytes");
        let (header, size) = match size32 {
            0 => (8, (bytes.len() - at) as u64),
            1 if at + 16 <= bytes.len() => (16, u64::from_be_bytes(bytes[at + 8..at + 16].try_into().expect("8"))),
            1 => break,
            n => (8, n),
        };
        let Some(end) = usize::try_from(size).ok().and_then(|s| at.checked_add(s)).filter(|&e| e <= bytes.len()) else {
            break;
        };
        if size < header {
            break;
        }
        found.push((kind, &bytes[at + header as usize..end]));
        at = end;
    }
    found
}

/// The body of the first box of type `kind` directly inside `bytes`.
pub fn child<'a>(bytes: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    boxes(bytes).into_iter().find(|(k, _)| k == kind).map(|(_, body)| body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_that_do_not_fit_end_the_walk() {
        let mut bytes = vec![0, 0, 0, 12];
        bytes.extend_from_slice(b"free");
        bytes.extend_from_slice(&[1, 2, 3, 4]);
        bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff]);
        bytes.extend_from_slice(b"moov");
        let found = boxes(&bytes);
        assert_eq!(found.len(), 1);
        assert_eq!(&found[0].0, b"free");
        let len = bytes.len() as u64;
        assert!(top_level(&mut std::io::Cursor::new(bytes), len).is_err());
    }
}
