//! `evidence mark | log | export` and `fingerprint`: the evidence locker's commands. The
//! bundle is plain files a lawyer or the police can check with standard tools: `sha256sum -c
//! SHA256SUMS` and `ssh-keygen -Y verify` (README.txt in the bundle says how).

use super::args::{EvidenceCommand, EvidenceExportArgs};
use super::error::{CliError, io_error, output_error};
use super::output::{self, display_name, rfc3339, shown};
use super::resolve::resolve;
use super::session::*;
use clipvault::evidence::signature::{NAMESPACE, PRINCIPAL};
use clipvault::format::v2::{CustodyEntry, Event};
use clipvault::{ItemRecord, Vault};
use sha2::{Digest, Sha256};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// Items with this tag go into a bundle as hashes only, unless `--include-media`.
const INTIMATE_TAG: &str = "intimate";

const ADVICE: &str = "To stop an intimate image spreading: submit its PDQ hash (images) or MD5 (videos) at \
     StopNCII.org (adults) or takeitdown.ncmec.org (images taken under 18). Platforms then block matching copies \
     without anyone seeing the image. clipvault uploads nothing; docs/EVIDENCE.md has the whole procedure.";

pub(super) fn evidence(ctx: &Ctx, command: EvidenceCommand) -> Result<(), CliError> {
    match command {
        EvidenceCommand::Mark { items, note, source } => {
            let mut vault = open(ctx, true)?;
            let ids: Vec<u64> = items.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?;
            vault.mark_evidence(&ids, &note, &source)?;
            ctx.status
                .say(&format!("marked {} as evidence; the custody log records it", output::count(ids.len(), "item")));
            Ok(())
        }
        EvidenceCommand::Log { json } => {
            let vault = open(ctx, false)?;
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
    let mut vault = open(ctx, true)?;
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

/// One file of a bundle: its path inside the bundle and what it holds.
struct BundleFile {
    rel: String,
    content: Content,
}

enum Content {
    Bytes(Vec<u8>),
    /// An item's plaintext, streamed from the vault when the file is written.
    Item {
        id: u64,
        size: u64,
        sha256: [u8; 32],
        modified: Option<u64>,
    },
}

impl BundleFile {
    fn sha256(&self) -> [u8; 32] {
        match &self.content {
            Content::Bytes(bytes) => Sha256::digest(bytes).into(),
            Content::Item { sha256, .. } => *sha256,
        }
    }
}

fn export(ctx: &Ctx, args: &EvidenceExportArgs) -> Result<(), CliError> {
    let recipients = super::viewing::age_recipients(&args.age)?;
    let mut vault = open(ctx, true)?;
    let items: Vec<ItemRecord> = if !args.items.is_empty() {
        let mut chosen = Vec::new();
        for query in &args.items {
            let item = resolve(&vault, query)?;
            if item.evidence.is_none() {
                return Err(CliError::Usage(format!(
                    "{} is not marked as evidence; mark it first with `clipvault evidence mark`",
                    display_name(&item.name)
                )));
            }
            chosen.push(item.clone());
        }
        chosen
    } else if args.all || args.tag.is_some() {
        vault
            .items()
            .filter(|i| i.evidence.is_some())
            .filter(|i| args.tag.as_ref().is_none_or(|t| i.tags.contains(t)))
            .cloned()
            .collect()
    } else {
        return Err(CliError::Usage("say which evidence to export: ITEM..., --all or --tag TAG".into()));
    };
    if items.is_empty() {
        return Err(CliError::Failed("no item marked as evidence matches".into()));
    }
    let to = &args.to;
    if to.exists() && std::fs::read_dir(to).map_err(|e| io_error("cannot use", to, &e))?.next().is_some() {
        return Err(CliError::Failed(format!("{} exists and is not empty; choose a new folder", shown(to))));
    }
    let key = vault.signing_key()?;
    let mut files: Vec<BundleFile> = Vec::new();
    let mut entries = Vec::new();
    let mut withheld = 0;
    for item in &items {
        let intimate = item.tags.iter().any(|t| t == INTIMATE_TAG);
        let evidence = item.evidence.as_ref().expect("only evidence is exported");
        let mut entry = serde_json::json!({
            "id": format!("{:016x}", item.id),
            "name": String::from_utf8_lossy(&item.name),
            "type": item.media_type,
            "size": item.size,
            "sha256": hex::encode(item.sha256),
            "added": rfc3339(item.added),
            "original_modified": item.modified.map(rfc3339),
            "marked_as_evidence": rfc3339(evidence.marked),
            "note": evidence.note,
            "source": evidence.source,
            "intimate": intimate,
            "file": serde_json::Value::Null,
        });
        if intimate && !args.include_media {
            withheld += 1;
            let found = vault.fingerprint(item.id)?;
            entry["pdq"] = found.pdq.as_ref().map(|p| p.to_hex()).into();
            entry["md5"] = found.md5.into();
        } else {
            // The name as it is (a bundle is read by people of the name's language), in a
            // file name any file system takes, behind the id that keeps it unique.
            let name = super::names::safe_file_name_within(&item.name, 200);
            let rel = format!("media/{}-{name}", &format!("{:016x}", item.id)[..8]);
            entry["file"] = rel.clone().into();
            let content = Content::Item { id: item.id, size: item.size, sha256: item.sha256, modified: item.modified };
            files.push(BundleFile { rel, content });
        }
        entries.push(entry);
    }
    let log = vault.custody_log()?;
    let signer = key.allowed_signers_line();
    let now = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let manifest = serde_json::json!({
        "what": "clipvault evidence bundle",
        "created": rfc3339(now),
        "signed_by": signer,
        "items": entries,
    });
    let text = |rel: &str, bytes: Vec<u8>| BundleFile { rel: rel.into(), content: Content::Bytes(bytes) };
    files.push(text("manifest.json", (serde_json::to_string_pretty(&manifest).expect("JSON") + "\n").into_bytes()));
    files.push(text(
        "custody-log.jsonl",
        log.iter().map(|e| entry_json(e).to_string() + "\n").collect::<String>().into_bytes(),
    ));
    files.push(text("README.txt", readme(items.len(), withheld).into_bytes()));
    files.push(text("allowed_signers", format!("{signer}\n").into_bytes()));
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let sums: String = files.iter().map(|f| format!("{}  {}\n", hex::encode(f.sha256()), f.rel)).collect();
    let signature = key.sign(NAMESPACE, sums.as_bytes());
    files.push(text("SHA256SUMS", sums.clone().into_bytes()));
    files.push(text("SHA256SUMS.sig", signature.into_bytes()));

    let written = match &recipients {
        None => write_folder(&vault, to, &files)?,
        Some(recipients) => write_tar_age(&vault, to, &files, recipients, now)?,
    };
    let ids: Vec<u64> = items.iter().map(|i| i.id).collect();
    vault.record_export(&ids, Sha256::digest(sums.as_bytes()).into())?;
    ctx.status.say(&format!(
        "wrote an evidence bundle of {} item(s) to {}{}; check it with `sha256sum -c SHA256SUMS` and the \
         ssh-keygen line in README.txt",
        items.len(),
        shown(&written),
        if withheld > 0 {
            format!(" ({withheld} tagged `{INTIMATE_TAG}` as hashes only: --include-media puts the files in)")
        } else {
            String::new()
        }
    ));
    Ok(())
}

/// The bundle as plain files in `to` (created private); returns the folder.
fn write_folder(vault: &Vault, to: &Path, files: &[BundleFile]) -> Result<PathBuf, CliError> {
    create_private_dir(&to.join("media")).map_err(|e| io_error("cannot create folder", to, &e))?;
    for file in files {
        let path = to.join(&file.rel);
        let mut out = std::fs::File::create(&path).map_err(|e| io_error("cannot write", &path, &e))?;
        match &file.content {
            Content::Bytes(bytes) => out.write_all(bytes).map_err(|e| io_error("cannot write", &path, &e))?,
            Content::Item { id, modified, .. } => {
                vault.read_item_to(*id, &mut out)?;
                if let Some(secs) = modified {
                    let _ = out.set_modified(UNIX_EPOCH + Duration::from_secs(*secs));
                }
            }
        }
        out.sync_all().map_err(|e| io_error("cannot write", &path, &e))?;
    }
    Ok(to.to_path_buf())
}

/// The bundle as one tar archive encrypted with age, streamed: no plaintext reaches the
/// disk. Returns the archive's path.
fn write_tar_age(
    vault: &Vault,
    to: &Path,
    files: &[BundleFile],
    recipients: &[Box<dyn age::Recipient + Send>],
    now: u64,
) -> Result<PathBuf, CliError> {
    create_private_dir(to).map_err(|e| io_error("cannot create folder", to, &e))?;
    let path = to.join("evidence-bundle.tar.age");
    let failed = |e: std::io::Error| io_error("cannot write", &path, &e);
    let file = std::fs::File::create(&path).map_err(failed)?;
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient))
        .map_err(|e| CliError::Failed(format!("cannot encrypt to those recipients: {e}")))?;
    let mut tar = tar::Builder::new(encryptor.wrap_output(file).map_err(failed)?);
    for bundle_file in files {
        let mut header = tar::Header::new_gnu();
        header.set_mode(0o600);
        match &bundle_file.content {
            Content::Bytes(bytes) => {
                header.set_size(bytes.len() as u64);
                header.set_mtime(now);
                tar.append_data(&mut header, &bundle_file.rel, &bytes[..]).map_err(failed)?;
            }
            Content::Item { id, size, modified, .. } => {
                header.set_size(*size);
                header.set_mtime(modified.unwrap_or(now));
                let reader = vault.open_item(*id)?;
                tar.append_data(&mut header, &bundle_file.rel, reader).map_err(failed)?;
            }
        }
    }
    let sealed = tar.into_inner().map_err(failed)?;
    sealed.finish().and_then(|f| f.sync_all()).map_err(failed)?;
    Ok(path)
}

fn readme(items: usize, withheld: usize) -> String {
    format!(
        "This folder is an evidence bundle made by clipvault, an encrypted media vault, from {items} item(s) its \
owner marked as evidence.

manifest.json      each item: name, type, size, SHA-256, when it was added and marked, the owner's note and
                   source, and the file it is in (media/...), or, for intimate images ({withheld} here),
                   only their hashes: the images themselves are not in this bundle.
custody-log.jsonl  every event recorded for the evidence in the vault, each entry chained to the one
                   before by its SHA-256 (\"prev\"), so a removed or edited entry shows.
SHA256SUMS         the SHA-256 of every file here.
SHA256SUMS.sig     a signature over SHA256SUMS by the vault's own key, in allowed_signers.

To check that nothing was changed since it was made, in this folder:

    sha256sum -c SHA256SUMS
    ssh-keygen -Y verify -f allowed_signers -I {PRINCIPAL} -n {NAMESPACE} -s SHA256SUMS.sig < SHA256SUMS

The first checks every file against SHA256SUMS; the second checks that SHA256SUMS is the one the vault
signed. Both must succeed.
"
    )
}
