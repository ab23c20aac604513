//! `inspect`: what an item's own bytes reveal (location, camera, serial numbers, time,
//! software, an embedded preview, XMP), in plain words or as JSON. Reads; never changes the
//! stored item, whose exact bytes evidence needs.

use super::error::{CliError, output_error};
use super::output::{self, display_name, human_size};
use super::resolve::resolve;
use super::session::{Ctx, open};
use clipvault::fl;
use clipvault::media::metadata::{Revealed, inspect_reader};
use std::ffi::OsStr;

pub(super) fn inspect(ctx: &Ctx, query: &OsStr, json: bool) -> Result<(), CliError> {
    let vault = open(ctx)?;
    let item = resolve(&vault, query)?;
    let mut reader = vault.open_item(item.id)?;
    let revealed = inspect_reader(&mut reader).map_err(clipvault::VaultError::Io)?;
    let text = if json { as_json(&revealed) } else { in_words(&display_name(&item.name), &revealed) };
    output::print_line(&text).map_err(output_error)
}

fn in_words(name: &str, found: &Revealed) -> String {
    if found.is_empty() {
        return fl!("inspect-nothing", name = name);
    }
    let mut lines = vec![fl!("inspect-reveals", name = name)];
    if let Some(at) = found.location {
        let position = format!("{:.5}, {:.5}", at.latitude, at.longitude);
        lines.push(format!("  {}", fl!("inspect-location", position = position)));
    }
    let camera = [found.make.as_deref(), found.model.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if !camera.is_empty() {
        lines.push(format!("  {}", fl!("inspect-camera", camera = camera)));
    }
    for (kind, serial) in &found.serial_numbers {
        lines.push(format!("  {}", fl!("inspect-serial", kind = kind.as_str(), serial = serial.as_str())));
    }
    if let Some(taken) = &found.taken {
        let zone = found.time_zone.clone().unwrap_or_default();
        lines.push(format!("  {}", fl!("inspect-taken", time = format!("{taken} {zone}").trim_end().to_string())));
    }
    if let Some(software) = &found.software {
        lines.push(format!("  {}", fl!("inspect-software", software = software.as_str())));
    }
    if let Some(owner) = &found.owner {
        lines.push(format!("  {}", fl!("inspect-owner", owner = owner.as_str())));
    }
    if let Some(bytes) = found.embedded_preview {
        lines.push(format!("  {}", fl!("inspect-preview", size = human_size(bytes))));
    }
    if found.xmp {
        lines.push(format!("  {}", fl!("inspect-xmp")));
    }
    lines.push(fl!("inspect-kept"));
    lines.join("\n")
}

/// The same facts for scripts: positions in decimal degrees, the capture time in RFC 3339
/// when the file gives its zone (else as written, with `:` date separators made `-`).
fn as_json(found: &Revealed) -> String {
    let taken = found.taken.as_ref().map(|taken| rfc3339(taken, found.time_zone.as_deref()));
    let value = serde_json::json!({
        "location": found.location.map(|l| serde_json::json!({ "latitude": l.latitude, "longitude": l.longitude })),
        "make": found.make,
        "model": found.model,
        "serial_numbers": found.serial_numbers.iter().map(|(kind, value)| serde_json::json!({ "kind": kind, "value": value })).collect::<Vec<_>>(),
        "taken": taken,
        "software": found.software,
        "owner": found.owner,
        "embedded_preview_bytes": found.embedded_preview,
        "xmp": found.xmp,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// EXIF's `2026:12:05 10:41:00` and `+05:30` as `2026-12-05T10:41:00+05:30`.
fn rfc3339(taken: &str, zone: Option<&str>) -> String {
    let mut parts = taken.trim().splitn(2, ' ');
    let date = parts.next().unwrap_or("").replacen(':', "-", 2);
    match parts.next() {
        Some(time) => format!("{date}T{time}{}", zone.unwrap_or("")),
        None => date,
    }
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn exif_times_as_rfc3339() {
        assert_eq!(rfc3339("2026:12:05 10:41:00", Some("+05:30")), "2026-12-05T10:41:00+05:30");
        assert_eq!(rfc3339("2026:12:05 10:41:00", None), "2026-12-05T10:41:00");
    }
}
