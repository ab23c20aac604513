//! What a photo or video reveals about where, when and with what it was made: a location,
//! the camera's make, model and serial numbers, the capture time and zone, the software, an
//! embedded EXIF preview (which can show what an edit cropped out), XMP. Images through
//! kamadak-exif (JPEG, PNG, WebP, HEIF/HEIC, TIFF); MP4 and MOV videos through their `udta`
//! `©xyz` location and `meta` keys (Apple's `com.apple.quicktime.*`, Android's location), read
//! by walking boxes with every length checked. Reads bytes only; writes nothing.

use super::boxes::{boxes, child, top_level};
use std::io::{self, Cursor, Read, Seek, SeekFrom};

/// How much of a file that is not an ISO media one is read for its metadata: EXIF and XMP
/// sit near the start of every image format read here.
const HEAD_LEN: u64 = 64 << 20;

/// Longest `moov` box read into memory (a long 4K video's is a few MiB).
const MAX_MOOV_LEN: u64 = 64 << 20;

/// A position in decimal degrees (north and east positive).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
}

/// What the file says about itself. Empty when it says nothing.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Revealed {
    /// Where it was taken.
    pub location: Option<Location>,
    /// The camera's or phone's maker and model.
    pub make: Option<String>,
    pub model: Option<String>,
    /// Serial numbers: the camera body's, the lens's (`(kind, value)`).
    pub serial_numbers: Vec<(String, String)>,
    /// When it was taken, as the file writes it (`2026:12:05 10:41:00`), and the zone.
    pub taken: Option<String>,
    pub time_zone: Option<String>,
    /// The software that made or last edited it.
    pub software: Option<String>,
    /// The owner's or artist's name, if the camera was told one.
    pub owner: Option<String>,
    /// Bytes of an embedded preview image (EXIF's thumbnail).
    pub embedded_preview: Option<u64>,
    /// Whether it carries an XMP packet (edit history, more of the above).
    pub xmp: bool,
}

impl Revealed {
    /// Whether anything at all was found.
    pub fn is_empty(&self) -> bool {
        *self == Revealed::default()
    }
}

/// What `bytes` (a whole file) reveal. Never fails: what cannot be read reveals nothing.
pub fn inspect(bytes: &[u8]) -> Revealed {
    let mut found = Revealed { xmp: has_xmp(bytes), ..Default::default() };
    if let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
        read_exif(&exif, &mut found);
    }
    if is_iso_media(bytes) {
        read_movie(bytes, &mut found);
    }
    found
}

/// What a file of any size reveals, read from `source` without holding all of it: an MP4 or
/// MOV's top-level boxes are stepped over by their lengths and only `moov` is read; any other
/// file's first 64 MiB.
pub fn inspect_reader<R: Read + Seek>(source: &mut R) -> io::Result<Revealed> {
    let len = source.seek(SeekFrom::End(0))?;
    source.seek(SeekFrom::Start(0))?;
    let mut head = vec![0u8; len.min(HEAD_LEN) as usize];
    source.read_exact(&mut head)?;
    if !is_iso_media(&head) || len <= HEAD_LEN {
        return Ok(inspect(&head));
    }
    let mut found = Revealed { xmp: has_xmp(&head), ..Default::default() };
    let Ok(top) = top_level(source, len) else { return Ok(found) };
    if let Some(moov) = top.iter().find(|b| &b.kind == b"moov" && b.size <= MAX_MOOV_LEN) {
        let mut bytes = vec![0u8; moov.size as usize];
        source.seek(SeekFrom::Start(moov.at))?;
        source.read_exact(&mut bytes)?;
        read_movie(&bytes, &mut found);
    }
    Ok(found)
}

fn read_exif(exif: &exif::Exif, found: &mut Revealed) {
    use exif::{In, Tag};
    let text = |tag: Tag| {
        exif.get_field(tag, In::PRIMARY)
            .map(|f| f.display_value().to_string().trim_matches('"').trim().to_string())
            .filter(|t| !t.is_empty())
    };
    found.make = text(Tag::Make);
    found.model = text(Tag::Model);
    found.software = text(Tag::Software);
    found.owner = text(Tag::Artist).or_else(|| text(Tag::CameraOwnerName));
    found.taken = text(Tag::DateTimeOriginal).or_else(|| text(Tag::DateTime));
    found.time_zone = text(Tag::OffsetTimeOriginal).or_else(|| text(Tag::OffsetTime));
    for (tag, kind) in [(Tag::BodySerialNumber, "body"), (Tag::LensSerialNumber, "lens")] {
        if let Some(serial) = text(tag) {
            found.serial_numbers.push((kind.to_string(), serial));
        }
    }
    found.location = gps(exif);
    found.embedded_preview = exif
        .get_field(Tag::JPEGInterchangeFormatLength, In::THUMBNAIL)
        .and_then(|f| f.value.get_uint(0))
        .filter(|&len| len > 0)
        .map(u64::from);
}

/// EXIF's GPS position: degrees, minutes and seconds as three rationals, and a reference
/// letter for the hemisphere.
fn gps(exif: &exif::Exif) -> Option<Location> {
    use exif::{In, Tag, Value};
    let degrees = |tag: Tag, negative_ref: &[u8], ref_tag: Tag| -> Option<f64> {
        let Value::Rational(parts) = &exif.get_field(tag, In::PRIMARY)?.value else { return None };
        let [d, m, s] = [parts.first()?, parts.get(1)?, parts.get(2)?].map(|r| r.to_f64());
        let value = d + m / 60.0 + s / 3600.0;
        let reference = match &exif.get_field(ref_tag, In::PRIMARY)?.value {
            Value::Ascii(texts) => texts.first().cloned().unwrap_or_default(),
            _ => vec![],
        };
        value.is_finite().then_some(if reference.first().is_some_and(|c| negative_ref.contains(c)) {
            -value
        } else {
            value
        })
    };
    Some(Location {
        latitude: degrees(Tag::GPSLatitude, b"Ss", Tag::GPSLatitudeRef)?,
        longitude: degrees(Tag::GPSLongitude, b"Ww", Tag::GPSLongitudeRef)?,
    })
}

/// An XMP packet anywhere in the first 4 MiB (JPEG's APP1, PNG's iTXt, a video's `uuid` or
/// `XMP_` box all hold the same envelope).
fn has_xmp(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4 << 20)];
    head.windows(10).any(|w| w == b"<x:xmpmeta")
}

// ----- MP4 and MOV -----

/// ISO base media (MP4, MOV, 3GP): an `ftyp` box first, or a `moov`/`mdat`/`wide` one.
fn is_iso_media(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && matches!(&bytes[4..8], b"ftyp" | b"moov" | b"mdat" | b"wide" | b"free")
}

fn read_movie(bytes: &[u8], found: &mut Revealed) {
    let Some(moov) = child(bytes, b"moov") else { return };
    if let Some(udta) = child(moov, b"udta") {
        // `©xyz`: a 2-byte length, a 2-byte language, then ISO 6709 text ("+37.7749-122.4194/").
        if let Some(xyz) = child(udta, b"\xa9xyz").filter(|b| b.len() > 4) {
            found.location = found.location.or_else(|| iso6709(&String::from_utf8_lossy(&xyz[4..])));
        }
        for (kind, slot) in
            [(b"\xa9mak", &mut found.make), (b"\xa9mod", &mut found.model), (b"\xa9swr", &mut found.software)]
        {
            if let Some(text) = child(udta, kind).filter(|b| b.len() > 4) {
                *slot = slot.take().or_else(|| Some(String::from_utf8_lossy(&text[4..]).trim().to_string()));
            }
        }
    }
    if let Some(meta) = child(moov, b"meta") {
        for (key, value) in quicktime_keys(meta) {
            let slot = match key.as_str() {
                "com.apple.quicktime.location.ISO6709" | "location" => {
                    found.location = found.location.or_else(|| iso6709(&value));
                    continue;
                }
                "com.apple.quicktime.make" => &mut found.make,
                "com.apple.quicktime.model" => &mut found.model,
                "com.apple.quicktime.software" => &mut found.software,
                "com.apple.quicktime.creationdate" => &mut found.taken,
                _ => continue,
            };
            *slot = slot.take().or(Some(value));
        }
    }
}

/// QuickTime metadata (`meta` with `hdlr` `mdta`): the `keys` box names each key, `ilst`
/// holds item N's `data` for key N. Text values only.
fn quicktime_keys(meta: &[u8]) -> Vec<(String, String)> {
    let (Some(keys), Some(items)) = (child(meta, b"keys"), child(meta, b"ilst")) else { return vec![] };
    // keys: version and flags (4), a count (4), then boxes whose type is the namespace.
    let names: Vec<String> = keys
        .get(8..)
        .map(boxes)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, name)| String::from_utf8_lossy(name).into_owned())
        .collect();
    boxes(items)
        .into_iter()
        .filter_map(|(index, item)| {
            let name = names.get((u32::from_be_bytes(index) as usize).checked_sub(1)?)?;
            // data: type (4), locale (4), then the value; type 1 is UTF-8.
            let data = child(item, b"data").filter(|d| d.len() >= 8 && d[..4] == [0, 0, 0, 1])?;
            Some((name.clone(), String::from_utf8_lossy(&data[8..]).trim_end_matches('\0').to_string()))
        })
        .collect()
}

/// An ISO 6709 position string: `+DD.DDDD+DDD.DDDD` (then altitude and `/`, ignored).
fn iso6709(text: &str) -> Option<Location> {
    let text = text.trim();
    let second = text.char_indices().skip(1).find(|(_, c)| matches!(c, '+' | '-'))?.0;
    let latitude: f64 = text[..second].parse().ok()?;
    let rest = &text[second..];
    let end = rest.char_indices().skip(1).find(|(_, c)| matches!(c, '+' | '-' | '/')).map_or(rest.len(), |(i, _)| i);
    let longitude: f64 = rest[..end].parse().ok()?;
    ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude))
        .then_some(Location { latitude, longitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso6709_positions() {
        assert_eq!(iso6709("+37.7749-122.4194/"), Some(Location { latitude: 37.7749, longitude: -122.4194 }));
        assert_eq!(iso6709("+28.6139+077.2090+216.000/"), Some(Location { latitude: 28.6139, longitude: 77.209 }));
        assert_eq!(iso6709("nonsense"), None);
        assert_eq!(iso6709("+99.0+10.0/"), None);
    }
}
