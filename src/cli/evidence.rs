//! `evidence mark | threat | action | log | export | key | check | checkpoint` and
//! `fingerprint`: the evidence locker's commands. The bundle itself is built by the vault
//! (`Vault::export_evidence`); this chooses its items and says what was written.

use super::args::{ActionArgs, EvidenceCommand, EvidenceExportArgs, ThreatArgs};
use super::error::{CliError, io_error, output_error};
use super::output::{self, display_name, rfc3339, shown};
use super::resolve::resolve;
use super::session::*;
use clipvault::format::v2::{CustodyEntry, Event};
use clipvault::vault::{BundleTarget, INTIMATE_TAG};
use clipvault::{Vault, VaultError, fl};
use std::ffi::OsString;

pub(super) fn evidence(ctx: &Ctx, command: EvidenceCommand) -> Result<(), CliError> {
    match command {
        EvidenceCommand::Mark { items, note, source } => {
            let mut vault = open_writer(ctx)?;
            let ids: Vec<u64> = items.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?;
            vault.mark_evidence(&ids, &note, &source)?;
            ctx.status.say(&fl!("evidence-marked", count = ids.len()));
            Ok(())
        }
        EvidenceCommand::Log { json } => {
            let vault = open(ctx)?;
            let log = vault.custody_log()?;
            if json && log.is_empty() {
                return Ok(());
            }
            let text = if json {
                log.iter().map(|e| clipvault::listing::custody_entry(e).to_string() + "\n").collect::<String>()
            } else if log.is_empty() {
                fl!("evidence-log-empty") + "\n"
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
            ctx.status.say(&fl!("evidence-key-advice"));
            Ok(())
        }
        EvidenceCommand::Check { bundle, key, checkpoint } => {
            use clipvault::evidence::check::{BundleProblem, check_bundle};
            let checked = check_bundle(&bundle, key.as_deref()).map_err(|e| match e {
                BundleProblem::Missing(_) => CliError::Failed(format!("{}: {e}", shown(&bundle))),
                _ => CliError::Damaged(format!("{}: {e}", shown(&bundle))),
            })?;
            let (shown_bundle, files, signer) = (shown(&bundle), checked.files, checked.signed_by.to_string());
            ctx.status.say(&match checked.key_matches {
                Some(_) => fl!("evidence-check-key-given", bundle = shown_bundle, files = files, signer = signer),
                None => fl!("evidence-check-own-key", bundle = shown_bundle, files = files, signer = signer),
            });
            if let Some(checkpoint) = checkpoint {
                check_checkpoint(ctx, &bundle, &checkpoint)?;
            }
            Ok(())
        }
        EvidenceCommand::Checkpoint { to } => write_checkpoint(ctx, &to),
        EvidenceCommand::Threat(args) => threat(ctx, args),
        EvidenceCommand::Draft { kind, to } => draft(ctx, &kind, to.as_deref()),
        EvidenceCommand::Action(args) => action(ctx, args),
    }
}

/// `evidence threat`: the files to keep with it are stored first (each an item marked as
/// evidence), then the threat goes into the custody log naming them.
fn threat(ctx: &Ctx, args: ThreatArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let mut items: Vec<u64> = args.item.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?;
    for path in &args.attach {
        let mut file = std::fs::File::open(path).map_err(|e| io_error(&fl!("evidence-cannot-read"), path, &e))?;
        let name = path.file_name().map(|n| n.as_encoded_bytes().to_vec()).unwrap_or_default();
        let options = clipvault::AddOptions { thumbnail: true, ..Default::default() };
        items.push(vault.add(&mut file, &name, &options)?);
    }
    let (received, zone_minutes) = args.received;
    let record = clipvault::format::v2::Threat {
        number: 0,
        received,
        zone_minutes,
        platform: args.platform,
        from: args.from,
        said: args.said,
        demand: args.demand,
        posted_at: args.posted_at,
        note: args.note,
        items,
    };
    let kept = record.items.len();
    let number = vault.record_threat(record)?;
    ctx.status.say(&fl!("evidence-threat-recorded", number = number, kept = kept));
    Ok(())
}

/// `evidence draft`: the report, from what the vault holds and the sourced facts.
fn draft(ctx: &Ctx, kind: &str, to: Option<&std::path::Path>) -> Result<(), CliError> {
    use clipvault::evidence::drafts::{DraftItem, draft};
    let vault = open(ctx)?;
    let (threats, actions) = vault.threats()?;
    let items: Vec<DraftItem> = vault
        .items()
        .filter(|i| i.evidence.is_some())
        .map(|i| DraftItem {
            name: String::from_utf8_lossy(&i.name).into_owned(),
            sha256: hex::encode(i.sha256),
            intimate: i.tags.iter().any(|t| t == INTIMATE_TAG),
        })
        .collect();
    let text = draft(kind, &threats, &actions, &items).ok_or_else(|| CliError::Usage(kind.to_string()))?;
    match to {
        None => output::print_line(text.trim_end()).map_err(output_error),
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| io_error(&fl!("export-cannot-write"), path, &e))?;
            ctx.status.say(&fl!("evidence-draft-written", path = shown(path)));
            Ok(())
        }
    }
}

/// `evidence action`: one entry in the custody log.
fn action(ctx: &Ctx, args: ActionArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let (done, zone_minutes) = args.done;
    let category = args.category.clone();
    vault.record_action(clipvault::format::v2::Action {
        done,
        zone_minutes,
        category: args.category,
        reference: args.reference,
        note: args.note,
    })?;
    ctx.status.say(&fl!("evidence-action-recorded", category = category));
    Ok(())
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
        Event::Threat(t) => format!(
            "threat {}, received {}, from {} on {}: {}",
            t.number,
            clipvault::listing::rfc3339_local(t.received, t.zone_minutes),
            display_name(t.from.as_bytes()),
            display_name(t.platform.as_bytes()),
            display_name(t.said.as_bytes())
        ),
        Event::Action(a) => format!(
            "action {} {} ({})",
            a.category,
            display_name(a.reference.as_bytes()),
            clipvault::listing::rfc3339_local(a.done, a.zone_minutes)
        ),
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
                lines.push(format!("  {}", fl!("fingerprint-pdq", hash = p.to_hex(), quality = p.quality)));
            }
            lines.push(format!("  md5     {}", f.md5));
            lines.push(format!("  sha256  {}", hex::encode(f.sha256)));
        }
        output::print_line(&lines.join("\n")).map_err(output_error)?;
    }
    ctx.status.say(&fl!("fingerprint-advice"));
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
                return Err(CliError::Usage(fl!("evidence-not-marked", name = display_name(&item.name))));
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
        return Err(CliError::Usage(fl!("evidence-export-which")));
    };
    let (threats, actions) = vault.threats()?;
    if ids.is_empty() && threats.is_empty() && actions.is_empty() {
        return Err(CliError::Failed(fl!("evidence-export-none")));
    }
    let to = &args.to;
    let target = match &recipients {
        None => BundleTarget::Folder(to),
        Some(recipients) => BundleTarget::AgeArchive(to, recipients),
    };
    let written = vault.export_evidence(&ids, args.include_media, target).map_err(|e| match e {
        VaultError::AlreadyExists => CliError::Failed(fl!("evidence-export-exists", path = shown(to))),
        VaultError::Io(io) => io_error(&fl!("evidence-cannot-write-bundle"), to, &io),
        other => other.into(),
    })?;
    let (items, path) = (written.items, shown(&written.path));
    ctx.status.say(&match written.withheld {
        0 => fl!("evidence-exported", items = items, path = path),
        n => fl!("evidence-exported-withheld", items = items, path = path, withheld = n, tag = INTIMATE_TAG),
    });
    Ok(())
}

/// `evidence checkpoint`: the statement and its signature, as two files to send together.
fn write_checkpoint(ctx: &Ctx, to: &std::path::Path) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let (text, signature) = vault.custody_checkpoint()?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let stamp = clipvault::listing::rfc3339(now).replace([':', '-'], "");
    let file = to.join(format!("clipvault-checkpoint-{stamp}.txt"));
    let sig = to.join(format!("clipvault-checkpoint-{stamp}.txt.sig"));
    let cannot =
        |path: &std::path::Path, e: std::io::Error| super::error::io_error(&fl!("export-cannot-write"), path, &e);
    clipvault::storage::create_private_dir(to).map_err(|e| cannot(to, e))?;
    std::fs::write(&file, &text).map_err(|e| cannot(&file, e))?;
    std::fs::write(&sig, &signature).map_err(|e| cannot(&sig, e))?;
    output::print_line(text.trim_end()).map_err(output_error)?;
    ctx.status.say(&fl!("evidence-checkpoint-written", file = shown(&file), sig = shown(&sig)));
    Ok(())
}

/// `evidence check --checkpoint FILE`: signed by the bundle's key, and the bundle's custody
/// log still starts with the entries the checkpoint vouched for.
fn check_checkpoint(ctx: &Ctx, bundle: &std::path::Path, file: &std::path::Path) -> Result<(), CliError> {
    use clipvault::evidence::{checkpoint, signature};
    let read = |path: &std::path::Path| {
        std::fs::read_to_string(path).map_err(|e| super::error::io_error(&fl!("evidence-cannot-read"), path, &e))
    };
    let mut sig_name = file.as_os_str().to_os_string();
    sig_name.push(".sig");
    let (text, sig) = (read(file)?, read(std::path::Path::new(&sig_name))?);
    let signers = read(&bundle.join("allowed_signers"))?;
    let line = signers.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let blob = signature::allowed_signer_blob(line).map_err(|e| CliError::Damaged(e.to_string()))?;
    let log = read(&bundle.join("custody-log.jsonl"))?;
    let checked = checkpoint::check(&text, &sig, &blob, &log).map_err(|e| {
        CliError::Damaged(fl!("evidence-checkpoint-failed", file = shown(file), reason = e.to_string()))
    })?;
    let made = clipvault::listing::rfc3339(checked.made);
    ctx.status.say(&fl!("evidence-checkpoint-holds", file = shown(file), entries = checked.entries, made = made));
    Ok(())
}
