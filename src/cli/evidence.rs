//! `evidence mark | log | export` and `fingerprint`: the evidence locker's commands. The
//! bundle itself is built by the vault (`Vault::export_evidence`); this chooses its items and
//! says what was written.

use super::args::{EvidenceCommand, EvidenceExportArgs};
use super::error::{CliError, io_error, output_error};
use super::output::{self, display_name, rfc3339, shown};
use super::resolve::resolve;
use super::session::*;
use clipvault::format::v2::{CustodyEntry, Event};
use clipvault::vault::{BundleTarget, INTIMATE_TAG};
use clipvault::{Vault, VaultError};
use std::ffi::OsString;

const ADVICE: &str = "To stop an intimate image spreading: submit its PDQ hash (images) or MD5 (videos) at \
     StopNCII.org (adults) or takeitdown.ncmec.org (images taken under 18). Platforms then block matching copies \
     without anyone seeing the image. clipvault uploads nothing; docs/EVIDENCE.md has the whole procedure.";

pub(super) fn evidence(ctx: &Ctx, command: EvidenceCommand) -> Result<(), CliError> {
    match command {
        EvidenceCommand::Mark { items, note, source } => {
            let mut vault = open_writer(ctx)?;
            let ids: Vec<u64> = items.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?;
            vault.mark_evidence(&ids, &note, &source)?;
            ctx.status
                .say(&format!("marked {} as evidence; the custody log records it", output::count(ids.len(), "item")));
            Ok(())
        }
        EvidenceCommand::Log { json } => {
            let vault = open(ctx)?;
            let log = vault.custody_log()?;
            if json && log.is_empty() {
                return Ok(());
            }
            let text = if json {
                log.iter().map(|e| entry_json(e).to_string() + "\n").collect::<String>()
            } else if log.is_empty() {
                "The custody log is empty: no item has been marked as evidence.\n".into()
            } else {
                log.iter().map(|e| entry_line(&vault, e) + "\n").collect()
            };
            output::print_line(text.trim_end()).map_err(output_error)
        }
        EvidenceCommand::Export(args) => export(ctx, &args),
        EvidenceCommand::Key => {
            let mut vault = open_writer(ctx)?;
            let key = vault.signing_key()?;
            output::print_line(&format!("{}\n{}", key.fingerprint(), key.allowed_signers_line()))
                .map_err(output_error)?;
            ctx.status.say(
                "Above: the fingerprint of the key this vault signs evidence bundles with, and the key itself. Send \
                 them now to someone you trust (a lawyer, a helpline, an email to yourself). Later, `clipvault \
                 evidence check BUNDLE --key FINGERPRINT`, or `ssh-keygen -l -f` on the bundle's key, shows that a \
                 bundle was signed by this key and not by one put in its place.",
            );
            Ok(())
        }
        EvidenceCommand::Check { bundle, key } => {
            use clipvault::evidence::check::{BundleProblem, check_bundle};
            let checked = check_bundle(&bundle, key.as_deref()).map_err(|e| match e {
                BundleProblem::Missing(_) => CliError::Failed(format!("{}: {e}", shown(&bundle))),
                _ => CliError::Damaged(format!("{}: {e}", shown(&bundle))),
            })?;
            ctx.status.say(&format!(
                "{}: {} match SHA256SUMS, signed by {}{}",
                shown(&bundle),
                output::count(checked.files, "file"),
                checked.signed_by,
                match checked.key_matches {
                    Some(_) => ", the key given: the bundle is as that key signed it",
                    None => {
                        " (the bundle's own key: without --key this shows only that the files match it; \
                         give the fingerprint sent earlier to show it is the vault's)"
                    }
                }
            ));
            Ok(())
        }
    }
}

/// A custody entry as one JSON object, hashes in hex.
fn entry_json(entry: &CustodyEntry) -> serde_json::Value {
    let id = |id: &u64| format!("{id:016x}");
    let event = match &entry.event {
        Event::Marked { item, sha256, note, source } => {
            serde_json::json!({"kind": "marked", "item": id(item), "sha256": hex::encode(sha256), "note": note, "source": source})
        }
        Event::NoteChanged { item, note, source } => {
            serde_json::json!({"kind": "note changed", "item": id(item), "note": note, "source": source})
        }
        Event::Exported { items, bundle_sha256 } => serde_json::json!({
            "kind": "exported", "items": items.iter().map(id).collect::<Vec<_>>(), "sha256sums_sha256": hex::encode(bundle_sha256)
        }),
        Event::Fingerprinted { item, kind, value } => {
            serde_json::json!({"kind": "fingerprinted", "item": id(item), "hash": kind, "value": value})
        }
        Event::Unmarked { item } => serde_json::json!({"kind": "unmarked", "item": id(item)}),
        Event::Shredded { item, sha256 } => {
            serde_json::json!({"kind": "shredded", "item": id(item), "sha256": hex::encode(sha256)})
        }
    };
    serde_json::json!({
        "seq": entry.seq,
        "time": rfc3339(entry.time),
        "prev": hex::encode(entry.prev),
        "hash": entry.hash().map(hex::encode).unwrap_or_default(),
        "event": event,
    })
}

fn entry_line(vault: &Vault, entry: &CustodyEntry) -> String {
    let name = |id: &u64| match vault.item(*id) {
        Ok(item) => format!("{} ({})", display_name(&item.name), &format!("{id:016x}")[..8]),
        Err(_) => format!("{id:016x}"),
    };
    let what = match &entry.event {
        Event::Marked { item, sha256, .. } => format!("marked {} sha256 {}", name(item), hex::encode(sha256)),
        Event::NoteChanged { item, .. } => format!("note changed on {}", name(item)),
        Event::Exported { items, .. } => format!("exported {}", output::count(items.len(), "item")),
        Event::Fingerprinted { item, kind, value } => format!("{kind} of {}: {value}", name(item)),
        Event::Unmarked { item } => format!("unmarked {}", name(item)),
        Event::Shredded { item, sha256 } => format!("SHREDDED {} (sha256 {})", name(item), hex::encode(sha256)),
    };
    format!("{:>4}  {}  {what}", entry.seq, rfc3339(entry.time))
}

pub(super) fn fingerprint(ctx: &Ctx, items: &[OsString], json: bool) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let ids: Vec<u64> = items.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        let found = vault.fingerprint(id)?;
        let pdq = found.pdq.as_ref().map(|p| p.to_hex());
        let mut recorded = vec![("md5", found.md5.as_str())];
        if let Some(pdq) = &pdq {
            recorded.insert(0, ("pdq", pdq.as_str()));
        }
        vault.record_fingerprints(id, &recorded)?;
        out.push((vault.item(id)?.clone(), found));
    }
    if json {
        let values: Vec<serde_json::Value> = out
            .iter()
            .map(|(item, f)| {
                serde_json::json!({
                    "id": format!("{:016x}", item.id),
                    "name": String::from_utf8_lossy(&item.name),
                    "type": item.media_type,
                    "pdq": f.pdq.as_ref().map(|p| p.to_hex()),
                    "pdq_quality": f.pdq.as_ref().map(|p| p.quality),
                    "md5": f.md5,
                    "sha256": hex::encode(f.sha256),
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&values).expect("JSON values serialise");
        text.push('\n');
        output::print_line(text.trim_end()).map_err(output_error)?;
    } else {
        let mut lines = Vec::new();
        for (item, f) in &out {
            lines.push(display_name(&item.name));
            if let Some(p) = &f.pdq {
                lines.push(format!("  pdq     {} (quality {})", p.to_hex(), p.quality));
            }
            lines.push(format!("  md5     {}", f.md5));
            lines.push(format!("  sha256  {}", hex::encode(f.sha256)));
        }
        output::print_line(&lines.join("\n")).map_err(output_error)?;
    }
    ctx.status.say(ADVICE);
    Ok(())
}

fn export(ctx: &Ctx, args: &EvidenceExportArgs) -> Result<(), CliError> {
    let recipients = super::viewing::age_recipients(&args.age)?;
    let mut vault = open_writer(ctx)?;
    let ids: Vec<u64> = if !args.items.is_empty() {
        let mut chosen = Vec::new();
        for query in &args.items {
            let item = resolve(&vault, query)?;
            if item.evidence.is_none() {
                return Err(CliError::Usage(format!(
                    "{} is not marked as evidence; mark it first with `clipvault evidence mark`",
                    display_name(&item.name)
                )));
            }
            chosen.push(item.id);
        }
        chosen
    } else if args.all || args.tag.is_some() {
        vault
            .items()
            .filter(|i| i.evidence.is_some())
            .filter(|i| args.tag.as_ref().is_none_or(|t| i.tags.contains(t)))
            .map(|i| i.id)
            .collect()
    } else {
        return Err(CliError::Usage("say which evidence to export: ITEM..., --all or --tag TAG".into()));
    };
    if ids.is_empty() {
        return Err(CliError::Failed("no item marked as evidence matches".into()));
    }
    let to = &args.to;
    let target = match &recipients {
        None => BundleTarget::Folder(to),
        Some(recipients) => BundleTarget::AgeArchive(to, recipients),
    };
    let written = vault.export_evidence(&ids, args.include_media, target).map_err(|e| match e {
        VaultError::AlreadyExists => {
            CliError::Failed(format!("{} exists and is not empty; choose a new folder", shown(to)))
        }
        VaultError::Io(io) => io_error("cannot write the bundle into", to, &io),
        other => other.into(),
    })?;
    ctx.status.say(&format!(
        "wrote an evidence bundle of {} to {}{}; check it with `sha256sum -c SHA256SUMS` and the ssh-keygen line in \
         README.txt",
        output::count(written.items, "item"),
        shown(&written.path),
        match written.withheld {
            0 => String::new(),
            n => format!(" ({n} tagged `{INTIMATE_TAG}` as hashes only: --include-media puts the files in)"),
        }
    ));
    Ok(())
}
