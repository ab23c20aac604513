//! Everything clipvault prints: the only module that writes to stdout, plus status lines
//! and progress bars on stderr.

use clipvault::names::is_unsafe_char;
use clipvault::{ItemRecord, VaultInfo, fl};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, Write};

/// Status lines and progress bars on stderr, silenced by `--quiet`.
#[derive(Clone, Copy)]
pub struct Status {
    pub quiet: bool,
}

impl Status {
    pub fn say(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// A byte progress bar, drawn only on a terminal and never with `--quiet`.
    pub fn bytes_bar(&self, total: u64, what: &str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        // Sizes in powers of 1000, as `list` and phones show them. An unknown total (standard
        // input) gets a count, not a bar that is full from the start.
        let (length, template) = match total {
            0 => (None, "{msg} {spinner} {decimal_bytes} {decimal_bytes_per_sec}"),
            _ => (Some(total), "{msg} [{bar:30}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} {eta}"),
        };
        let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template(template).expect("valid template").progress_chars("=> "));
        bar.set_message(what.to_string());
        bar
    }

    /// A progress bar that counts items, drawn like [`Status::bytes_bar`]; with a `total` of
    /// 0 (not known ahead, as files met in a walk) a spinner and the count so far.
    pub fn count_bar(&self, total: u64, what: &str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let (length, template) = match total {
            0 => (None, "{msg} {spinner} {pos}"),
            _ => (Some(total), "{msg} [{bar:30}] {pos}/{len} {eta}"),
        };
        let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template(template).expect("valid template").progress_chars("=> "));
        bar.set_message(what.to_string());
        bar
    }
}

/// A name made safe for a terminal: lossy UTF-8, control and bidi characters shown as `?`.
pub fn display_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name).chars().map(|c| if is_unsafe_char(c) { '?' } else { c }).collect()
}

/// User text in quotes for a message, made safe as [`display_name`] makes names. Not `{:?}`:
/// Debug escapes every combining mark, so `"मेरी"` came out as `"म\u{947}री"`.
pub fn quoted(text: impl AsRef<[u8]>) -> String {
    format!("\"{}\"", display_name(text.as_ref()))
}

/// `text` as one word for a POSIX shell: in single quotes, a quote inside written `'\''`.
pub fn shell_word(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// A path made safe for a terminal, as [`display_name`] does for names.
pub fn shown(path: impl AsRef<std::path::Path>) -> String {
    use std::os::unix::ffi::OsStrExt;
    display_name(path.as_ref().as_os_str().as_bytes())
}

/// `n` and a noun that takes an `s` for more than one: `1 item`, `3 items`. English only: a
/// message says it with a plural instead (`{ $count -> ... }`); this is for what is never
/// translated (the custody log's lines) and for what is not converted to messages yet.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// The shortest id prefix (at least 8 hex digits) that tells every item apart.
pub fn short_id_len(ids: &[u64]) -> usize {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let common = sorted.windows(2).map(|p| ((p[0] ^ p[1]).leading_zeros() / 4) as usize).max().unwrap_or(0);
    (common + 1).clamp(8, 16)
}

pub use clipvault::listing::rfc3339;

/// A size as phones show it: powers of 1000 (`2.3 MB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// Unix seconds as local date and time (`2026-12-01 14:05`), in the zone the system is set
/// to (TZ, /etc/localtime, or Android's setting); UTC where there is none.
pub fn local_time(secs: u64) -> String {
    match clipvault::sys::local_time(secs) {
        Some(t) => format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute),
        None => rfc3339(secs),
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> io::Result<()> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Widest name shown in the table, in terminal columns; longer names end in `…` (`list
/// --json` has them whole).
const NAME_COLUMNS: usize = 60;

/// Columns a string takes in a terminal (wide CJK characters take two, combining marks none).
fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, with `…` where it was cut.
fn fit(text: String, max: usize) -> String {
    if columns(&text) <= max {
        return text;
    }
    let mut out = cut_to_columns(&text, max - 1).to_string();
    out.push('…');
    out
}

/// The longest start of `text` that takes at most `max` terminal columns (not characters: a
/// Devanagari vowel sign or virama takes none, a CJK character two).
pub(super) fn cut_to_columns(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > max {
            return &text[..at];
        }
    }
    text
}

/// `text` followed by spaces up to `width` columns (format's `{:<w$}` counts characters, not
/// columns, and panics on widths past 65,535).
fn pad(out: &mut String, text: &str, width: usize) {
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(columns(text))));
}

/// `text` and spaces up to `width` terminal columns (a translated heading may be wider or
/// narrower in characters than on screen).
pub fn padded(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(width);
    pad(&mut out, text, width);
    out
}

pub fn print_table(items: &[&ItemRecord]) -> io::Result<()> {
    if items.is_empty() {
        return emit(&(fl!("output-empty-vault") + "\n"));
    }
    let ids: Vec<u64> = items.iter().map(|i| i.id).collect();
    let id_len = short_id_len(&ids);
    let rows: Vec<[String; 6]> = items
        .iter()
        .map(|i| {
            let id = format!("{:016x}", i.id)[..id_len].to_string();
            let tags = fit(display_name(i.tags.join(",").as_bytes()), 40);
            [
                id,
                fit(display_name(&i.name), NAME_COLUMNS),
                fit(display_name(i.media_type.as_bytes()), 40),
                human_size(i.size),
                local_time(i.added),
                tags,
            ]
        })
        .collect();
    let header = [
        fl!("output-column-id"),
        fl!("output-column-name"),
        fl!("output-column-type"),
        fl!("output-column-size"),
        fl!("output-column-added"),
        fl!("output-column-tags"),
    ];
    let mut widths = header.clone().map(|h| columns(&h));
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns(cell));
        }
    }
    let mut out = String::with_capacity((rows.len() + 1) * (widths.iter().sum::<usize>() + 8));
    for row in std::iter::once(&header).chain(&rows) {
        for (k, cell) in row.iter().enumerate() {
            if k + 1 == row.len() {
                out.push_str(cell);
            } else {
                pad(&mut out, cell, widths[k]);
                out.push_str("  ");
            }
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    emit(&out)
}

pub fn print_json(items: &[&ItemRecord]) -> io::Result<()> {
    let values: Vec<serde_json::Value> = items.iter().map(|i| clipvault::listing::item_json(i)).collect();
    let mut text = serde_json::to_string_pretty(&values).expect("JSON values serialise");
    text.push('\n');
    emit(&text)
}

pub fn print_info(path: &std::path::Path, info: &VaultInfo) -> io::Result<()> {
    let text = fl!(
        "output-info",
        path = shown(path),
        version = info.version,
        mib = (info.kdf.memory_kib / 1024),
        passes = info.kdf.iterations,
        lanes = info.kdf.parallelism,
        created = rfc3339(info.created),
        keys = info.slots_used,
        items = info.items,
        content = human_size(info.content_bytes),
        file = human_size(info.file_bytes),
        other = human_size(info.reclaimable_bytes)
    );
    emit(&(text + "\n"))
}

pub fn print_line(line: &str) -> io::Result<()> {
    emit(&format!("{line}\n"))
}

/// After a recovery key went to standard output: a file it went into (`key add --recovery >
/// recovery.txt`) is made private (0600, it was the shell's 0644) with a reminder to wipe it
/// once printed; a terminal is cleared with its scrollback once the person has it written
/// down, so the key does not stay on the screen for the next person holding the phone.
pub fn keep_recovery_key_private() {
    use nix::sys::stat::{Mode, SFlag, fchmod, fstat};
    use std::io::IsTerminal;
    let _ = io::stdout().flush();
    // Asked of the descriptor itself: no path to race, nothing opened (a pipe stays a pipe).
    let stdout = io::stdout();
    let regular =
        fstat(&stdout).is_ok_and(|st| SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFREG);
    if let Some(path) = std::fs::read_link("/proc/self/fd/1").ok().filter(|_| regular) {
        let private = fchmod(&stdout, Mode::S_IRUSR | Mode::S_IWUSR).is_ok();
        eprintln!(
            "{}",
            match private {
                true => fl!("output-recovery-key-file-private", path = shown(&path)),
                false => fl!("output-recovery-key-file", path = shown(&path)),
            }
        );
    } else if io::stdout().is_terminal() && io::stdin().is_terminal() {
        eprint!("{}", fl!("output-recovery-key-press-enter"));
        let _ = io::stdin().read_line(&mut String::new());
        let _ = io::stderr().write_all(b"\x1b[3J\x1b[2J\x1b[H");
        let _ = io::stdout().write_all(b"\x1b[3J\x1b[2J\x1b[H");
        let _ = io::stdout().flush();
    }
}

/// The raw stdout, for `cat`.
pub fn stdout() -> io::Stdout {
    io::stdout()
}
