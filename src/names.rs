//! Names made safe: a stored name turned into one safe file name inside an export folder or
//! an evidence bundle, whatever it holds (path separators, `..`, absolute paths, NUL and
//! control characters, reserved device names, hundreds of bytes), and the characters never
//! shown raw in a terminal.

/// Longest file name most filesystems accept, in bytes.
const MAX_NAME_BYTES: usize = 255;
/// Names Windows reserves (also refused on FAT/exFAT SD cards that phones use).
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters never shown or written raw: control characters, and the invisible ones that
/// reorder or break text (bidi overrides, embeddings, isolates and marks, line and paragraph
/// separators), which could make `photo_<U+202E>gpj.exe` look like `photo_exe.jpg`. Joiners
/// (U+200C, U+200D) stay: Indic, Persian and emoji text needs them.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One path component, never empty, never `.` or `..`, no separators or control bytes.
pub fn safe_file_name(stored: &[u8]) -> String {
    safe_file_name_within(stored, MAX_NAME_BYTES)
}

/// [`safe_file_name`] in at most `max` bytes (room left for a prefix), keeping the
/// extension. Letters of every script stay as they are, with their vowel signs and viramas:
/// only what a file system cannot hold, or a terminal would take badly, is replaced.
pub fn safe_file_name_within(stored: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(stored);
    // Keep only the last component of a stored path: "Camera/IMG_1.jpg" -> "IMG_1.jpg".
    let last = text.rsplit(['/', '\\']).find(|c| !c.is_empty()).unwrap_or("");
    let mut name: String = last
        .chars()
        .map(|c| if is_unsafe_char(c) || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    name = name.trim_matches(|c: char| c == ' ').to_string();
    while name.starts_with('.') {
        name.remove(0);
    }
    if name.is_empty() {
        name = "item".into();
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        name.insert(0, '_');
    }
    truncate_keeping_extension(&name, max)
}

/// A stored name as a safe relative path: each `/`-separated part made safe like
/// [`safe_file_name`], and `.`, `..` and empty parts dropped, so the result always stays
/// inside the folder it is joined to. Never empty; the last part is the file name.
pub fn safe_relative_path(stored: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(stored);
    let parts: Vec<&str> = text.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").collect();
    match parts.split_last() {
        None => vec![safe_file_name(stored)],
        Some((last, folders)) => {
            let mut out: Vec<String> = folders.iter().map(|f| safe_file_name(f.as_bytes())).collect();
            out.push(safe_file_name(last.as_bytes()));
            out
        }
    }
}

/// `name` with `suffix` appended, shortened to fit the file name limit.
pub fn with_suffix(name: &str, suffix: &str) -> String {
    format!("{}{suffix}", truncate_at_char(name, MAX_NAME_BYTES - suffix.len()))
}

/// `name` made unique against `taken` by adding " (2)", " (3)", ... before the extension.
pub fn numbered(name: &str, n: usize) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(at) if at > 0 => (&name[..at], &name[at..]),
        _ => (name, ""),
    };
    let suffix = format!(" ({n}){ext}");
    let room = MAX_NAME_BYTES.saturating_sub(suffix.len());
    format!("{}{suffix}", truncate_at_char(stem, room))
}

fn truncate_keeping_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let ext = match name.rfind('.') {
        Some(at) if name.len() - at <= 16 => &name[at..],
        _ => "",
    };
    format!("{}{ext}", truncate_at_char(&name[..name.len() - ext.len()], max - ext.len()))
}

fn truncate_at_char(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_inside_one_component() {
        for (stored, want) in [
            (&b"../../etc/passwd"[..], "passwd"),
            (b"/abs/path.jpg", "path.jpg"),
            (b"..", "item"),
            (b".", "item"),
            (b"", "item"),
            (b"a\0b\nc.mp4", "a_b_c.mp4"),
            (b"CON.txt", "_CON.txt"),
            (b".hidden", "hidden"),
            (b"dir\\win.png", "win.png"),
            (b"\xff\xfe.jpg", "\u{fffd}\u{fffd}.jpg"),
        ] {
            assert_eq!(safe_file_name(stored), want, "{:?}", String::from_utf8_lossy(stored));
        }
    }

    #[test]
    fn long_names_keep_their_extension_and_fit() {
        let long = format!("{}.mp4", "é".repeat(3000));
        let safe = safe_file_name(long.as_bytes());
        assert!(safe.len() <= MAX_NAME_BYTES && safe.ends_with(".mp4"));
        assert!(numbered(&safe, 12).len() <= MAX_NAME_BYTES);
        assert_eq!(numbered("a.jpg", 2), "a (2).jpg");
    }
}
