//! A copy without identifying metadata, made losslessly: a JPEG loses its APP1 (EXIF, XMP),
//! APP3-APP13 and APP15 segments and comments (an image turned by EXIF keeps only that turn,
//! in a new minimal EXIF); a PNG its text, time and EXIF chunks; a WebP its EXIF and XMP
//! chunks; an MP4 or MOV its `udta` and `meta` boxes, which become `free` boxes of the same
//! size so that no offset moves; a HEIC, HEIF or AVIF its EXIF and XMP items, overwritten in
//! place with an empty EXIF and an empty XMP of the same length (the items and every offset
//! stay). Pixels and audio and video streams are untouched. What no
//! stripping reaches: anything in the picture or sound itself.

use super::boxes::top_level;
use std::io::{self, Read, Seek, SeekFrom};

/// Longest `moov` box read into memory to find its metadata.
const MAX_MOOV_LEN: u64 = 256 << 20;

/// Why a copy cannot be stripped.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum StripError {
    /// A type this does not know how to strip: exporting it stripped would leak.
    #[error("cannot remove the metadata of {0}")]
    Unsupported(String),
    /// The file does not follow its own format far enough to be stripped safely.
    #[error("the file is damaged: {0}")]
    Damaged(&'static str),
}

/// Byte ranges to overwrite as a copy goes by: `(offset, replacement)`.
pub type Patches = Vec<(u64, Vec<u8>)>;

/// Content a stripper reads where it needs to.
pub trait Source: Read + Seek {}
impl<T: Read + Seek> Source for T {}

/// How a type is stripped.
pub enum Method {
    /// The whole file is rewritten in memory (images).
    Whole(fn(&[u8]) -> Result<Vec<u8>, StripError>),
    /// The file is copied with the byte ranges this finds overwritten.
    InPlace(fn(&mut dyn Source) -> Result<Patches, StripError>),
}

/// How to strip a file of `media_type`, if it can be.
pub fn method(media_type: &str) -> Result<Method, StripError> {
    Ok(match media_type {
        "image/jpeg" => Method::Whole(jpeg),
        "image/png" => Method::Whole(png),
        "image/webp" => Method::Whole(webp),
        "video/mp4" | "video/quicktime" | "video/3gpp" | "audio/mp4" | "audio/x-m4a" | "audio/m4a" => {
            Method::InPlace(movie_patches)
        }
        "image/heic" | "image/heif" | "image/avif" => Method::InPlace(heif_patches),
        other => return Err(StripError::Unsupported(other.to_string())),
    })
}

// ----- JPEG -----

/// The JPEG without its metadata segments.
pub fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, StripError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(StripError::Damaged("no JPEG start marker"));
    }
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    let orientation = exif_orientation(bytes);
    let mut turn_written = false;
    loop {
        if at + 4 > bytes.len() || bytes[at] != 0xFF {
            return Err(StripError::Damaged("a JPEG segment runs past the end"));
        }
        let marker = bytes[at + 1];
        if marker == 0xDA {
            // Start of scan: the entropy-coded picture and everything after it, as it is.
            out.extend_from_slice(&bytes[at..]);
            return Ok(out);
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let end = at + 2 + len;
        if len < 2 || end > bytes.len() {
            return Err(StripError::Damaged("a JPEG segment runs past the end"));
        }
        let body = &bytes[at + 4..end];
        let keep = match marker {
            // APP0 (JFIF), APP2 only for an ICC colour profile, APP14 (Adobe: how to read colours).
            0xE0 => true,
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xEE => body.starts_with(b"Adobe"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if !turn_written && marker != 0xE0 {
            // The picture's turn (EXIF orientation), alone, right after JFIF: not identifying,
            // and without it a phone photo shows on its side.
            if let Some(turn) = orientation.filter(|&o| o != 1) {
                out.extend_from_slice(&orientation_segment(turn));
            }
            turn_written = true;
        }
        if keep {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
}

/// The EXIF orientation (1-8) of an image, if it has one.
fn exif_orientation(bytes: &[u8]) -> Option<u16> {
    let exif = exif::Reader::new().read_from_container(&mut io::Cursor::new(bytes)).ok()?;
    let value = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?.value.get_uint(0)?;
    u16::try_from(value).ok().filter(|v| (1..=8).contains(v))
}

/// An APP1 segment holding an EXIF block with one field: Orientation.
fn orientation_segment(turn: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF, first IFD at 8
    exif.extend_from_slice(&1u16.to_be_bytes()); // one entry
    exif.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]); // Orientation, SHORT, count 1
    exif.extend_from_slice(&turn.to_be_bytes());
    exif.extend_from_slice(&[0, 0]);
    exif.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&exif);
    segment
}

// ----- PNG -----

/// The PNG without text, time and EXIF chunks (and any other ancillary chunk not about how
/// the picture looks).
pub fn png(bytes: &[u8]) -> Result<Vec<u8>, StripError> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    const LOOKS: [&[u8; 4]; 12] =
        [b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP"];
    if !bytes.starts_with(SIGNATURE) {
        return Err(StripError::Damaged("no PNG signature"));
    }
    let mut out = SIGNATURE.to_vec();
    let mut at = SIGNATURE.len();
    while at < bytes.len() {
        if at + 12 > bytes.len() {
            return Err(StripError::Damaged("a PNG chunk runs past the end"));
        }
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        let kind: &[u8; 4] = bytes[at + 4..at + 8].try_into().expect("4 bytes");
        let end = at.checked_add(12 + len).filter(|&e| e <= bytes.len());
        let end = end.ok_or(StripError::Damaged("a PNG chunk runs past the end"))?;
        // Critical chunks (an upper-case first letter) always; ancillary ones only if they
        // are about how the picture looks.
        if kind[0].is_ascii_uppercase() || LOOKS.contains(&kind) {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
    Err(StripError::Damaged("a PNG without an end chunk"))
}

// ----- WebP -----

/// The WebP without its EXIF and XMP chunks (the VP8X flags and the RIFF size follow).
pub fn webp(bytes: &[u8]) -> Result<Vec<u8>, StripError> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(StripError::Damaged("no WebP header"));
    }
    let mut body = b"WEBP".to_vec();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let kind: [u8; 4] = bytes[at..at + 4].try_into().expect("4 bytes");
        let len = u32::from_be_bytes([bytes[at + 7], bytes[at + 6], bytes[at + 5], bytes[at + 4]]) as usize;
        let end = (at + 8).checked_add(len + len % 2).filter(|&e| e <= bytes.len());
        let end = end.ok_or(StripError::Damaged("a WebP chunk runs past the end"))?;
        match &kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" if len >= 4 => {
                let mut chunk = bytes[at..end].to_vec();
                chunk[8] &= !(0x08 | 0x04); // the EXIF and XMP flags
                body.extend_from_slice(&chunk);
            }
            _ => body.extend_from_slice(&bytes[at..end]),
        }
        at = end;
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

// ----- MP4 and MOV -----

/// Where an MP4 or MOV holds its metadata: each `udta` and `meta` box in `moov` and in its
/// tracks, and top-level `meta` and `uuid` (XMP) boxes, as `(offset, replacement)`: the same
/// length, typed `free` and zeroed, so no offset in the file moves.
pub fn movie_patches(source: &mut dyn Source) -> Result<Patches, StripError> {
    let damaged = |_| StripError::Damaged("the video cannot be read");
    let len = source.seek(SeekFrom::End(0)).map_err(damaged)?;
    let mut patches = Vec::new();
    for top in top_level(source, len).map_err(damaged)? {
        match &top.kind {
            b"meta" | b"uuid" => patches.push(freed(top.at, top.size)),
            b"moov" if top.size > MAX_MOOV_LEN => return Err(StripError::Damaged("a moov box too large")),
            b"moov" => {
                let mut moov = vec![0u8; top.size as usize];
                source.seek(SeekFrom::Start(top.at)).map_err(damaged)?;
                source.read_exact(&mut moov).map_err(damaged)?;
                inner_patches(&moov, top.header as usize, top.at, &mut patches);
            }
            _ => {}
        }
    }
    Ok(patches)
}

/// `udta` and `meta` boxes inside a container (`moov`, `trak`), found at `base` in the file.
fn inner_patches(container: &[u8], header: usize, base: u64, patches: &mut Vec<(u64, Vec<u8>)>) {
    let mut at = header;
    while at + 8 <= container.len() {
        let size = u32::from_be_bytes(container[at..at + 4].try_into().expect("4 bytes")) as usize;
        let kind: [u8; 4] = container[at + 4..at + 8].try_into().expect("4 bytes");
        if size < 8 || at + size > container.len() {
            return;
        }
        match &kind {
            b"udta" | b"meta" => patches.push(freed(base + at as u64, size as u64)),
            b"trak" => inner_patches(&container[at..at + size], 8, base + at as u64, patches),
            _ => {}
        }
        at += size;
    }
}

/// A `free` box of `size` bytes at `at` (a 64-bit header kept as it was sized).
fn freed(at: u64, size: u64) -> (u64, Vec<u8>) {
    let mut bytes = vec![0u8; size as usize];
    if let Ok(small) = u32::try_from(size) {
        bytes[..4].copy_from_slice(&small.to_be_bytes());
    }
    bytes[4..8].copy_from_slice(b"free");
    (at, bytes)
}

// ----- HEIF (HEIC, AVIF) -----

/// Longest top-level `meta` box read into memory.
const MAX_META_LEN: u64 = 16 << 20;
/// Longest metadata item overwritten (an EXIF block with a large preview).
const MAX_ITEM_LEN: u64 = 64 << 20;

/// Where a HEIF file holds its EXIF and XMP: the items of type `Exif`, and of type `mime`
/// with content type `application/rdf+xml`, found through the `meta` box's `iinf` and `iloc`
/// (ISO/IEC 23008-12, ISO/IEC 14496-12 §8.11.3). Each extent is overwritten with an empty EXIF
/// (a TIFF header with no entry) or an empty XMP packet, padded to its length. Items whose
/// data is built from other items (construction method 2) are refused: their bytes could not
/// be overwritten without knowing more.
pub fn heif_patches(source: &mut dyn Source) -> Result<Patches, StripError> {
    let damaged = |_| StripError::Damaged("the HEIF file cannot be read");
    let len = source.seek(SeekFrom::End(0)).map_err(damaged)?;
    let top = top_level(source, len).map_err(damaged)?;
    let meta = top.iter().find(|b| &b.kind == b"meta").ok_or(StripError::Damaged("no meta box"))?;
    if meta.size > MAX_META_LEN {
        return Err(StripError::Damaged("a meta box too large"));
    }
    let mut bytes = vec![0u8; meta.size as usize];
    source.seek(SeekFrom::Start(meta.at)).map_err(damaged)?;
    source.read_exact(&mut bytes).map_err(damaged)?;
    // `meta` is a full box: 4 bytes of version and flags before its children.
    let body = bytes.get(meta.header as usize + 4..).ok_or(StripError::Damaged("a meta box too short"))?;
    let body_at = meta.at + meta.header + 4;
    let infos = super::boxes::child(body, b"iinf").map(item_infos).transpose()?.unwrap_or_default();
    let locations = super::boxes::child(body, b"iloc").map(item_locations).transpose()?.unwrap_or_default();
    // Where `idat` data starts in the file (construction method 1).
    let idat_at = super::boxes::boxes(body)
        .into_iter()
        .find(|(kind, _)| kind == b"idat")
        .map(|(_, data)| body_at + (data.as_ptr() as usize - body.as_ptr() as usize) as u64);
    let mut patches = Vec::new();
    for (id, kind) in infos {
        let Some(location) = locations.iter().find(|l| l.item == id) else { continue };
        let base = match location.method {
            0 => location.base_offset,
            1 => idat_at.ok_or(StripError::Damaged("an item in a missing idat box"))? + location.base_offset,
            _ => return Err(StripError::Unsupported("a HEIF metadata item built from other items".into())),
        };
        let mut first = true;
        for &(offset, length) in &location.extents {
            let at = base.checked_add(offset).ok_or(StripError::Damaged("an item offset overflows"))?;
            if length > MAX_ITEM_LEN || at.checked_add(length).is_none_or(|end| end > len) {
                return Err(StripError::Damaged("a metadata item runs past the end of the file"));
            }
            let mut replacement = vec![0u8; length as usize];
            let empty: &[u8] = match (kind, first) {
                (MetaItem::Exif, true) => &EMPTY_EXIF,
                (MetaItem::Xmp, true) => EMPTY_XMP,
                (MetaItem::Xmp, false) => b"",
                (MetaItem::Exif, false) => b"",
            };
            let n = empty.len().min(replacement.len());
            replacement[..n].copy_from_slice(&empty[..n]);
            if kind == MetaItem::Xmp {
                // The rest of an XMP packet is padding, which XMP allows as white space.
                replacement[n..].fill(b' ');
            }
            patches.push((at, replacement));
            first = false;
        }
    }
    Ok(patches)
}

/// An EXIF item's data: no offset to skip, then a big-endian TIFF header whose first IFD has
/// no entry and no next IFD.
const EMPTY_EXIF: [u8; 18] = [0, 0, 0, 0, b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0];
/// An XMP packet that says nothing.
const EMPTY_XMP: &[u8] = b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MetaItem {
    Exif,
    Xmp,
}

/// The metadata items an `iinf` box lists: `(item id, kind)`.
fn item_infos(iinf: &[u8]) -> Result<Vec<(u32, MetaItem)>, StripError> {
    let bad = || StripError::Damaged("an iinf box cannot be read");
    let version = *iinf.first().ok_or_else(bad)?;
    let entries_at = if version == 0 { 6 } else { 8 };
    let entries = iinf.get(entries_at..).ok_or_else(bad)?;
    let mut found = Vec::new();
    for (kind, infe) in super::boxes::boxes(entries) {
        if &kind != b"infe" {
            continue;
        }
        let version = *infe.first().ok_or_else(bad)?;
        if version < 2 {
            continue; // Versions 0 and 1 have no item type: no EXIF or XMP item.
        }
        let (id, rest) = if version == 2 {
            (u32::from(u16::from_be_bytes(infe.get(4..6).ok_or_else(bad)?.try_into().expect("2"))), infe.get(6..))
        } else {
            (u32::from_be_bytes(infe.get(4..8).ok_or_else(bad)?.try_into().expect("4")), infe.get(8..))
        };
        let rest = rest.ok_or_else(bad)?;
        // item_protection_index (2 bytes), then the item type.
        let item_type = rest.get(2..6).ok_or_else(bad)?;
        let after_type = rest.get(6..).ok_or_else(bad)?;
        if item_type == b"Exif" {
            found.push((id, MetaItem::Exif));
        } else if item_type == b"mime" {
            // item_name, then content_type: null-terminated strings.
            let mut strings = after_type.split(|&b| b == 0);
            let _name = strings.next();
            if strings.next().is_some_and(|t| t.eq_ignore_ascii_case(b"application/rdf+xml")) {
                found.push((id, MetaItem::Xmp));
            }
        }
    }
    Ok(found)
}

/// Where an item's data is (an `iloc` entry).
struct ItemLocation {
    item: u32,
    method: u8,
    base_offset: u64,
    /// `(offset, length)` from the base.
    extents: Vec<(u64, u64)>,
}

/// The entries of an `iloc` box.
fn item_locations(iloc: &[u8]) -> Result<Vec<ItemLocation>, StripError> {
    let bad = || StripError::Damaged("an iloc box cannot be read");
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<u64, StripError> {
        if n == 0 {
            return Ok(0);
        }
        let bytes = iloc.get(at..at + n).ok_or_else(bad)?;
        at += n;
        Ok(bytes.iter().fold(0u64, |v, &b| v << 8 | u64::from(b)))
    };
    let version = take(1)? as u8;
    take(3)?; // flags
    let sizes = take(2)?;
    let (offset_size, length_size, base_size) =
        ((sizes >> 12) as usize, (sizes >> 8 & 15) as usize, (sizes >> 4 & 15) as usize);
    let index_size = if version >= 1 { (sizes & 15) as usize } else { 0 };
    if [offset_size, length_size, base_size, index_size].iter().any(|s| ![0, 4, 8].contains(s)) {
        return Err(bad());
    }
    let count = if version < 2 { take(2)? } else { take(4)? };
    let mut found = Vec::new();
    for _ in 0..count {
        let item = if version < 2 { take(2)? } else { take(4)? } as u32;
        let method = if version >= 1 { (take(2)? & 15) as u8 } else { 0 };
        take(2)?; // data_reference_index
        let base_offset = take(base_size)?;
        let extent_count = take(2)?;
        let mut extents = Vec::new();
        for _ in 0..extent_count {
            take(index_size)?;
            let offset = take(offset_size)?;
            let length = take(length_size)?;
            extents.push((offset, length));
        }
        found.push(ItemLocation { item, method, base_offset, extents });
    }
    Ok(found)
}

/// A writer that passes bytes on, overwriting the ranges of `patches` as they go by.
pub struct Patched<W> {
    inner: W,
    at: u64,
    patches: Vec<(u64, Vec<u8>)>,
}

impl<W: io::Write> Patched<W> {
    pub fn new(inner: W, patches: Vec<(u64, Vec<u8>)>) -> Patched<W> {
        Patched { inner, at: 0, patches }
    }
}

impl<W: io::Write> io::Write for Patched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut chunk = buf.to_vec();
        let (start, end) = (self.at, self.at + buf.len() as u64);
        for (offset, bytes) in &self.patches {
            let (p_start, p_end) = (*offset, offset + bytes.len() as u64);
            let (from, to) = (start.max(p_start), end.min(p_end));
            if from < to {
                chunk[(from - start) as usize..(to - start) as usize]
                    .copy_from_slice(&bytes[(from - p_start) as usize..(to - p_start) as usize]);
            }
        }
        self.inner.write_all(&chunk)?;
        self.at = end;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_patched_writer_overwrites_across_write_boundaries() {
        let mut out = Vec::new();
        let mut patched = Patched::new(&mut out, vec![(3, b"XYZ".to_vec())]);
        patched.write_all(b"0123").unwrap();
        patched.write_all(b"456789").unwrap();
        drop(patched);
        assert_eq!(out, b"012XYZ6789");
    }

    #[test]
    fn unknown_types_are_refused_not_copied() {
        assert!(matches!(method("image/gif"), Err(StripError::Unsupported(_))));
        assert!(matches!(method("application/pdf"), Err(StripError::Unsupported(_))));
    }

    #[test]
    fn damaged_images_are_refused() {
        assert!(jpeg(b"\xFF\xD8\xFF\xE1\xFF\xFF").is_err());
        assert!(png(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR").is_err());
    }
}
