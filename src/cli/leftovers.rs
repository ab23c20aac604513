//! `leftovers`: copies of vaulted items outside the vault, found by `clipvault::leftovers`,
//! listed, and wiped on request. The vault is open only while what to look for is read (and
//! the PDQ hashes older items lack are stored); the scan runs without it, so a share or an add
//! is never kept waiting by a long scan.

use super::error::{CliError, output_error};
use super::output::{self, display_name, shown};
use super::prompt;
use super::session::{Ctx, home_dir, in_termux, open, open_writer};
use clipvault::leftovers::{self, Found, Likeness, Wanted};
use clipvault::{VaultError, fl};
use std::collections::HashMap;
use std::path::PathBuf;

pub(super) fn leftovers(ctx: &Ctx, paths: &[PathBuf], json: bool, remove: bool, yes: bool) -> Result<(), CliError> {
    let (wanted, names, count) = what_to_look_for(ctx)?;
    let roots = if paths.is_empty() { leftovers::usual_places(&home_dir()?, in_termux()) } else { paths.to_vec() };
    if roots.is_empty() {
        return Err(CliError::Failed(fl!("leftovers-no-places")));
    }
    ctx.status.say(&fl!("leftovers-searching", places = roots.len(), items = count));
    let bar = ctx.status.count_bar(0, &fl!("leftovers-progress"));
    let scan = leftovers::scan(&roots, &wanted, std::slice::from_ref(&ctx.vault_path), |_| bar.inc(1));
    bar.finish_and_clear();
    let name = |found: &Found| names.get(&found.item).cloned().unwrap_or_default();
    if json {
        let values: Vec<serde_json::Value> = scan
            .found
            .iter()
            .map(|f| {
                serde_json::json!({
                    "path": f.path.to_string_lossy(),
                    "size": f.size,
                    "item": format!("{:016x}", f.item),
                    "name": name(f),
                    "match": match f.likeness { Likeness::Exact => "exact", Likeness::Near(_) => "near" },
                    "distance": match f.likeness { Likeness::Exact => 0, Likeness::Near(d) => d },
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&values).expect("JSON values serialise");
        output::print_line(&text).map_err(output_error)?;
    } else if !scan.found.is_empty() {
        let lines: Vec<String> = scan
            .found
            .iter()
            .map(|f| {
                let how = match f.likeness {
                    Likeness::Exact => fl!("leftovers-exact"),
                    Likeness::Near(bits) => fl!("leftovers-near", bits = bits),
                };
                format!("{}\n    {}", shown(&f.path), fl!("leftovers-copy-of", how = how, name = name(f)))
            })
            .collect();
        output::print_line(&lines.join("\n")).map_err(output_error)?;
    }
    if let Some((path, e)) = scan.unreadable.first() {
        let (count, path, reason) = (scan.unreadable.len(), shown(path), e.to_string());
        ctx.status.say(&fl!("leftovers-unreadable", count = count, path = path, reason = reason));
    }
    let (found, files) = (scan.found.len(), scan.files);
    if found == 0 {
        ctx.status.say(&fl!("leftovers-none", files = files));
        return Ok(());
    }
    if !remove {
        ctx.status.say(&fl!("leftovers-found", count = found, files = files));
        return Ok(());
    }
    if !yes && !prompt::confirm(&fl!("leftovers-remove-question", count = found))? {
        return Err(CliError::Failed(fl!("leftovers-nothing-wiped")));
    }
    let mut failed = Vec::new();
    for copy in &scan.found {
        if let Err(e) = clipvault::wipe::wipe_file(&copy.path) {
            ctx.status.say(&fl!("leftovers-not-removed", path = shown(&copy.path), reason = e.to_string()));
            failed.push(copy);
        }
    }
    let wiped = found - failed.len();
    ctx.status.say(&fl!("leftovers-removed", count = wiped));
    if !failed.is_empty() {
        return Err(CliError::Failed(fl!("leftovers-some-remain", count = failed.len())));
    }
    Ok(())
}

/// Each item's size, SHA-256 and picture hash, and its name for the report. An item added
/// before version 4 has no picture hash in its record: it is computed from its stored
/// thumbnail and kept (if no other process holds the vault), so the next scan need not.
fn what_to_look_for(ctx: &Ctx) -> Result<(Wanted, HashMap<u64, String>, usize), CliError> {
    let mut writer = match open_writer(ctx) {
        Ok(writer) => Some(writer),
        Err(CliError::Vault(VaultError::Busy)) => None,
        Err(e) => return Err(e),
    };
    if let Some(writer) = writer.as_mut() {
        let ids: Vec<u64> = writer.items().map(|i| i.id).collect();
        writer.fill_in_pdq(&ids)?;
    }
    let reader;
    let vault = match &writer {
        Some(writer) => &**writer,
        None => {
            reader = open(ctx)?;
            &reader
        }
    };
    let mut wanted = Wanted::default();
    let mut names = HashMap::new();
    for item in vault.items() {
        let pdq = if item.thumbnail.is_some() { vault.thumbnail_pdq(item.id)? } else { None };
        wanted.add(item.id, item.size, item.sha256, pdq);
        names.insert(item.id, display_name(&item.name));
    }
    let count = names.len();
    Ok((wanted, names, count))
}
