//! Everything clipvault prints: the only module that writes to stdout, plus status lines
//! and progress bars on stderr.

use clipvault::{ItemRecord, VaultInfo};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, Write};
use std::time::{Duration, UNIX_EPOCH};

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
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        bar
    }
}

/// A name made safe for a terminal: lossy UTF-8, control characters shown as `?`.
pub fn display_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name).chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// The shortest id prefix (at least 8 hex digits) that tells every item apart.
pub fn short_id_len(ids: &[u64]) -> usize {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let common = sorted.windows(2).map(|p| ((p[0] ^ p[1]).leading_zeros() / 4) as usize).max().unwrap_or(0);
    (common + 1).clamp(8, 16)
}

pub fn rfc3339(secs: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(secs)).to_string()
}

pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> io::Result<()> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

pub fn print_table(items: &[&ItemRecord]) -> io::Result<()> {
    use std::fmt::Write as _;
    if items.is_empty() {
        return emit("The vault is empty. Add files with `clipvault add PATH`.\n");
    }
    let ids: Vec<u64> = items.iter().map(|i| i.id).collect();
    let id_len = short_id_len(&ids);
    let rows: Vec<(String, String, String)> =
        items.iter().map(|i| (display_name(&i.name), human_size(i.size), rfc3339(i.added))).collect();
    let width = |header: &str, cells: &mut dyn Iterator<Item = usize>| cells.fold(header.len(), usize::max);
    let name_w = width("NAME", &mut rows.iter().map(|r| r.0.chars().count()));
    let type_w = width("TYPE", &mut items.iter().map(|i| i.media_type.chars().count()));
    let size_w = width("SIZE", &mut rows.iter().map(|r| r.1.len()));
    let mut out = String::with_capacity(items.len() * (id_len + name_w + type_w + size_w + 32));
    let _ = writeln!(out, "{:<id_len$}  {:<name_w$}  {:<type_w$}  {:<size_w$}  ADDED", "ID", "NAME", "TYPE", "SIZE");
    for (item, (name, size, added)) in items.iter().zip(&rows) {
        let id = format!("{:016x}", item.id);
        let _ = writeln!(
            out,
            "{:<id_len$}  {name:<name_w$}  {:<type_w$}  {size:<size_w$}  {added}",
            &id[..id_len],
            item.media_type
        );
    }
    emit(&out)
}

pub fn print_json(items: &[&ItemRecord]) -> io::Result<()> {
    let values: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            serde_json::json!({
                "id": format!("{:016x}", i.id),
                "name": String::from_utf8_lossy(&i.name),
                "type": i.media_type,
                "size": i.size,
                "added": rfc3339(i.added),
                "modified": i.modified.map(rfc3339),
                "sha256": hex::encode(i.sha256),
                "tags": i.tags,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&values).expect("JSON values serialise");
    text.push('\n');
    emit(&text)
}

pub fn print_info(path: &std::path::Path, info: &VaultInfo) -> io::Result<()> {
    let text = format!(
        "vault:        {}\nformat:       version {}\nkdf:          Argon2id, {} MiB, {} passes, {} lanes\n\
         created:      {}\nkey slots:    {} of 8 in use\nitems:        {}\ncontent:      {}\n\
         file size:    {}\nreclaimable:  {}\n",
        path.display(),
        info.version,
        info.kdf.memory_kib / 1024,
        info.kdf.iterations,
        info.kdf.parallelism,
        rfc3339(info.created),
        info.slots_used,
        info.items,
        human_size(info.content_bytes),
        human_size(info.file_bytes),
        human_size(info.reclaimable_bytes),
    );
    emit(&text)
}

pub fn print_line(line: &str) -> io::Result<()> {
    emit(&format!("{line}\n"))
}

/// The raw stdout, for `cat`.
pub fn stdout() -> io::Stdout {
    io::stdout()
}
