//! What kind of media some bytes are: the MIME type from the first bytes of the content (the
//! `infer` crate, plus the ISO-BMFF brands phones write that it does not tell apart: 3GP,
//! 3G2, HEIC, AVIF), and from the file name's extension when the content says nothing. Bytes in,
//! a type out: this module knows no vault.

/// The MIME type of content, from its first bytes (a few KiB are plenty).
pub fn detect(head: &[u8]) -> String {
    if let Some(kind) = iso_bmff_brand(head) {
        return kind.to_string();
    }
    // AMR voice notes start with "#!AMR", which `infer` takes for a shell script.
    if head.starts_with(b"#!AMR") {
        return "audio/amr".to_string();
    }
    match infer::get(head) {
        Some(kind) => kind.mime_type().to_string(),
        None if !head.is_empty() && std::str::from_utf8(head).is_ok() => "text/plain".to_string(),
        None => UNKNOWN.to_string(),
    }
}

/// What [`detect`] says when it cannot tell.
pub const UNKNOWN: &str = "application/octet-stream";

/// `detected`, or, when the content told nothing, the type the name's extension suggests.
pub fn with_name_fallback(detected: String, name: &[u8]) -> String {
    if detected != UNKNOWN {
        return detected;
    }
    let name = String::from_utf8_lossy(name);
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    BY_EXTENSION.iter().find(|(e, _)| *e == extension).map_or(detected, |(_, mime)| mime.to_string())
}

/// Extensions of the media phones and cameras make, for content no signature matched.
const BY_EXTENSION: [(&str, &str); 21] = [
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("heic", "image/heic"),
    ("heif", "image/heif"),
    ("avif", "image/avif"),
    ("mp4", "video/mp4"),
    ("mov", "video/quicktime"),
    ("mkv", "video/x-matroska"),
    ("webm", "video/webm"),
    ("avi", "video/x-msvideo"),
    ("3gp", "video/3gpp"),
    ("3g2", "video/3gpp2"),
    ("m4a", "audio/mp4"),
    ("amr", "audio/amr"),
    ("opus", "audio/opus"),
    ("ogg", "audio/ogg"),
    ("mp3", "audio/mpeg"),
    ("wav", "audio/x-wav"),
];

/// The type an ISO-BMFF file's major brand names, for brands `infer` lumps together.
fn iso_bmff_brand(head: &[u8]) -> Option<&'static str> {
    if head.len() < 12 || &head[4..8] != b"ftyp" {
        return None;
    }
    let brand = &head[8..12];
    Some(match brand {
        b"3gp4" | b"3gp5" | b"3gp6" | b"3gp7" | b"3gs7" | b"3ge6" | b"3ge7" | b"3gg6" => "video/3gpp",
        b"3g2a" | b"3g2b" | b"3g2c" => "video/3gpp2",
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" => "image/heic",
        b"mif1" | b"msf1" => "image/heif",
        b"avif" | b"avis" => "image/avif",
        b"M4A " => "audio/mp4",
        b"qt  " => "video/quicktime",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
        let mut head = vec![0, 0, 0, 24];
        head.extend_from_slice(b"ftyp");
        head.extend_from_slice(brand);
        head.extend_from_slice(&[0, 0, 0, 0]);
        head.extend_from_slice(b"isommp42");
        head
    }

    #[test]
    fn phone_brands_are_told_apart() {
        assert_eq!(detect(&ftyp(b"3gp4")), "video/3gpp");
        assert_eq!(detect(&ftyp(b"3g2a")), "video/3gpp2");
        assert_eq!(detect(&ftyp(b"heic")), "image/heic");
        assert_eq!(detect(&ftyp(b"mif1")), "image/heif");
        assert_eq!(detect(&ftyp(b"avif")), "image/avif");
        assert_eq!(detect(&ftyp(b"M4A ")), "audio/mp4");
        assert_eq!(detect(&ftyp(b"qt  ")), "video/quicktime");
        assert_eq!(detect(b"#!AMR\n\x3c\x91"), "audio/amr");
    }

    #[test]
    fn the_extension_speaks_only_when_the_content_does_not() {
        assert_eq!(with_name_fallback(detect(&[0xff, 0xfe, 0x00, 0x01]), b"Camera/VID.MOV"), "video/quicktime");
        assert_eq!(with_name_fallback(detect(&[0xff, 0xfe]), b"noext"), UNKNOWN);
        assert_eq!(with_name_fallback("image/png".into(), b"lying.mp4"), "image/png");
    }
}
