//! The evidence bundle: the items marked as evidence, for a lawyer, the police or a platform,
//! as files anyone can check with standard tools (`sha256sum -c SHA256SUMS`, `ssh-keygen -Y
//! verify`; its README.txt says how). Built here, below every front end, so that a library
//! user makes the same bundle the command line does: the threats and actions recorded
//! (`threats.txt`, `threats.json`), `manifest.json`, `hashes.csv` (SHA-256, MD5 and PDQ of
//! every item, the table an evidence certificate asks for), `custody-log.jsonl`, `README.txt`,
//! `allowed_signers`, the media (or, for items tagged `intimate`, only their hashes),
//! `SHA256SUMS` and its signature. Written as plain files into a new private folder,
//! or as one `.tar.age` archive streamed so that no plaintext reaches the disk; either way the
//! export is recorded in the custody log.

use super::{VaultError, VaultWriter};
use crate::evidence::signature::{NAMESPACE, PRINCIPAL};
use crate::format::ItemRecord;
use crate::listing::rfc3339;
use crate::storage::create_private_dir;
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// Items with this tag go into a bundle as hashes only, unless the media is asked for.
pub const INTIMATE_TAG: &str = "intimate";

/// Where a bundle goes.
pub enum BundleTarget<'a> {
    /// Plain files in this folder, created private (it must not exist, or be empty).
    Folder(&'a Path),
    /// One `evidence-bundle.tar.age` in this folder, encrypted to these recipients.
    AgeArchive(&'a Path, &'a [Box<dyn age::Recipient + Send>]),
}

/// What an export wrote.
#[derive(Debug)]
pub struct BundleWritten {
    /// The folder of plain files, or the archive.
    pub path: PathBuf,
    /// How many items it covers.
    pub items: usize,
    /// How many of them (tagged `intimate`) are in it as hashes only.
    pub withheld: usize,
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

impl VaultWriter {
    /// Writes an evidence bundle of items `ids` (each must be marked as evidence) to
    /// `target`, signed with the vault's evidence key, and records the export in the custody
    /// log. Items tagged [`INTIMATE_TAG`] go in as their PDQ and MD5 hashes only, unless
    /// `include_media`. A folder that exists and is not empty is refused.
    pub fn export_evidence(
        &mut self,
        ids: &[u64],
        include_media: bool,
        target: BundleTarget<'_>,
    ) -> Result<BundleWritten, VaultError> {
        self.ensure_writable()?;
        let items: Vec<ItemRecord> = ids.iter().map(|&id| self.item(id).cloned()).collect::<Result<_, _>>()?;
        let (threats, actions) = self.threats()?;
        if items.is_empty() && threats.is_empty() && actions.is_empty() {
            return Err(VaultError::Refused("no item to export"));
        }
        if items.iter().any(|i| i.evidence.is_none()) {
            return Err(VaultError::Refused("only items marked as evidence go into a bundle"));
        }
        let folder = match &target {
            BundleTarget::Folder(to) | BundleTarget::AgeArchive(to, _) => *to,
        };
        if folder.exists() && std::fs::read_dir(folder)?.next().is_some() {
            return Err(VaultError::AlreadyExists);
        }
        let key = self.signing_key()?;
        let now = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut files: Vec<BundleFile> = Vec::new();
        let mut entries = Vec::new();
        let mut withheld = 0;
        let mut hashes = String::from("item,name,type,size,sha256,md5,pdq,pdq_quality,file\n");
        for item in &items {
            let intimate = item.tags.iter().any(|t| t == INTIMATE_TAG);
            let evidence = item.evidence.as_ref().expect("checked above");
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
            let found = self.fingerprint(item.id)?;
            let pdq = found.pdq.as_ref().map(|p| (p.to_hex(), p.quality.to_string())).unwrap_or_default();
            if intimate && !include_media {
                withheld += 1;
                entry["pdq"] = found.pdq.as_ref().map(|p| p.to_hex()).into();
                entry["md5"] = found.md5.clone().into();
            } else {
                // The name as it is (a bundle is read by people of the name's language), in a
                // file name any file system takes, behind the id that keeps it unique.
                let name = crate::names::safe_file_name_within(&item.name, 200);
                let rel = format!("media/{}-{name}", &format!("{:016x}", item.id)[..8]);
                entry["file"] = rel.clone().into();
                let content =
                    Content::Item { id: item.id, size: item.size, sha256: item.sha256, modified: item.modified };
                files.push(BundleFile { rel, content });
            }
            let row = [
                format!("{:016x}", item.id),
                String::from_utf8_lossy(&item.name).into_owned(),
                item.media_type.clone(),
                item.size.to_string(),
                hex::encode(item.sha256),
                found.md5,
                pdq.0,
                pdq.1,
                entry["file"].as_str().unwrap_or_default().to_string(),
            ];
            hashes.push_str(&row.iter().map(|field| csv_field(field)).collect::<Vec<_>>().join(","));
            hashes.push('\n');
            entries.push(entry);
        }
        let log = self.custody_log()?;
        let signer = key.allowed_signers_line();
        let manifest = serde_json::json!({
            "what": "clipvault evidence bundle",
            "created": rfc3339(now),
            "signed_by": signer,
            "items": entries,
        });
        let text = |rel: &str, bytes: Vec<u8>| BundleFile { rel: rel.into(), content: Content::Bytes(bytes) };
        files.push(text("manifest.json", (serde_json::to_string_pretty(&manifest).expect("JSON") + "\n").into_bytes()));
        let log_lines: String = log.iter().map(|e| crate::listing::custody_entry(e).to_string() + "\n").collect();
        files.push(text("custody-log.jsonl", log_lines.into_bytes()));
        files.push(text(
            "README.txt",
            readme(items.len(), withheld, !threats.is_empty() || !actions.is_empty()).into_bytes(),
        ));
        files.push(text("hashes.csv", hashes.into_bytes()));
        if !threats.is_empty() || !actions.is_empty() {
            let json = serde_json::json!({
                "threats": threats.iter().map(|t| crate::listing::custody_event(&crate::format::v2::Event::Threat(t.clone()))).collect::<Vec<_>>(),
                "actions": actions.iter().map(|a| crate::listing::custody_event(&crate::format::v2::Event::Action(a.clone()))).collect::<Vec<_>>(),
            });
            files.push(text("threats.json", (serde_json::to_string_pretty(&json).expect("JSON") + "\n").into_bytes()));
            let file_of = |id: u64| {
                entries.iter().find(|e| e["id"] == format!("{id:016x}")).map(|e| {
                    let file = e["file"]
                        .as_str()
                        .map_or_else(|| e["name"].as_str().unwrap_or_default().to_string(), str::to_string);
                    format!("{file} (sha256 {})", e["sha256"].as_str().unwrap_or_default())
                })
            };
            files.push(text("threats.txt", threats_text(&threats, &actions, file_of).into_bytes()));
        }
        files.push(text("allowed_signers", format!("{signer}\n").into_bytes()));
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        let sums: String = files.iter().map(|f| format!("{}  {}\n", hex::encode(f.sha256()), f.rel)).collect();
        let signature = key.sign(NAMESPACE, sums.as_bytes());
        files.push(text("SHA256SUMS", sums.clone().into_bytes()));
        files.push(text("SHA256SUMS.sig", signature.into_bytes()));

        let path = match target {
            BundleTarget::Folder(to) => self.write_folder(to, &files)?,
            BundleTarget::AgeArchive(to, recipients) => self.write_tar_age(to, &files, recipients, now)?,
        };
        self.record_export(ids, Sha256::digest(sums.as_bytes()).into())?;
        Ok(BundleWritten { path, items: items.len(), withheld })
    }

    /// The bundle as plain files in `to` (created private); returns the folder.
    fn write_folder(&self, to: &Path, files: &[BundleFile]) -> Result<PathBuf, VaultError> {
        create_private_dir(&to.join("media"))?;
        for file in files {
            let path = to.join(&file.rel);
            let mut out = std::fs::File::create(&path)?;
            match &file.content {
                Content::Bytes(bytes) => out.write_all(bytes)?,
                Content::Item { id, modified, .. } => {
                    self.read_item_to(*id, &mut out)?;
                    if let Some(secs) = modified {
                        let _ = out.set_modified(UNIX_EPOCH + Duration::from_secs(*secs));
                    }
                }
            }
            out.sync_all()?;
        }
        Ok(to.to_path_buf())
    }

    /// The bundle as one tar archive encrypted with age, streamed: no plaintext reaches the
    /// disk. Returns the archive's path.
    fn write_tar_age(
        &self,
        to: &Path,
        files: &[BundleFile],
        recipients: &[Box<dyn age::Recipient + Send>],
        now: u64,
    ) -> Result<PathBuf, VaultError> {
        create_private_dir(to)?;
        let path = to.join("evidence-bundle.tar.age");
        let file = std::fs::File::create(&path)?;
        let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient))
            .map_err(|_| VaultError::Refused("cannot encrypt to those recipients"))?;
        let mut tar = tar::Builder::new(encryptor.wrap_output(file)?);
        for bundle_file in files {
            let mut header = tar::Header::new_gnu();
            header.set_mode(0o600);
            match &bundle_file.content {
                Content::Bytes(bytes) => {
                    header.set_size(bytes.len() as u64);
                    header.set_mtime(now);
                    tar.append_data(&mut header, &bundle_file.rel, &bytes[..])?;
                }
                Content::Item { id, size, modified, .. } => {
                    header.set_size(*size);
                    header.set_mtime(modified.unwrap_or(now));
                    let reader = self.open_item(*id)?;
                    tar.append_data(&mut header, &bundle_file.rel, reader)?;
                }
            }
        }
        let sealed = tar.into_inner()?;
        sealed.finish().and_then(|f| f.sync_all())?;
        Ok(path)
    }
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// `threats.txt`: every threat as the person received it, then every action, in the chosen
/// language, times in the local time the person saw and in UTC. `file_of` names the bundle
/// file (or, for an item not in it, the name) of an item kept with a threat.
fn threats_text(
    threats: &[crate::format::v2::Threat],
    actions: &[crate::format::v2::Action],
    file_of: impl Fn(u64) -> Option<String>,
) -> String {
    use crate::listing::{rfc3339, rfc3339_local};
    let mut out = String::new();
    for threat in threats {
        let heading = crate::fl!("bundle-threat-heading", number = threat.number);
        let received =
            format!("{} ({} UTC)", rfc3339_local(threat.received, threat.zone_minutes), rfc3339(threat.received));
        let mut lines = vec![(crate::fl!("bundle-threat-received"), received)];
        for (label, value) in [
            (crate::fl!("bundle-threat-platform"), &threat.platform),
            (crate::fl!("bundle-threat-from"), &threat.from),
            (crate::fl!("bundle-threat-said"), &threat.said),
            (crate::fl!("bundle-threat-demand"), &threat.demand),
        ] {
            lines.push((label, value.clone()));
        }
        for place in &threat.posted_at {
            lines.push((crate::fl!("bundle-threat-posted-at"), place.clone()));
        }
        lines.push((crate::fl!("bundle-threat-note"), threat.note.clone()));
        for id in &threat.items {
            lines.push((crate::fl!("bundle-threat-kept"), file_of(*id).unwrap_or_else(|| format!("{id:016x}"))));
        }
        out.push_str(&heading);
        out.push('\n');
        for (label, value) in lines {
            if !value.is_empty() {
                out.push_str(&format!("  {label}: {value}\n"));
            }
        }
        out.push('\n');
    }
    if !actions.is_empty() {
        out.push_str(&crate::fl!("bundle-actions-heading"));
        out.push('\n');
        for action in actions {
            let done = format!("{} ({} UTC)", rfc3339_local(action.done, action.zone_minutes), rfc3339(action.done));
            let fields = [done, action.category.clone(), action.reference.clone(), action.note.clone()];
            out.push_str(&format!(
                "  {}\n",
                fields.iter().filter(|f| !f.is_empty()).cloned().collect::<Vec<_>>().join("  ")
            ));
        }
    }
    out
}

/// The bundle's README.txt: what each file is, and how to check it, in the chosen language
/// (`crate::i18n`).
fn readme(items: usize, withheld: usize, threats: bool) -> String {
    let text =
        crate::fl!("bundle-readme", items = items, withheld = withheld, principal = PRINCIPAL, namespace = NAMESPACE);
    let checkpoint = crate::fl!(
        "bundle-readme-checkpoint",
        principal = PRINCIPAL,
        namespace = crate::evidence::checkpoint::NAMESPACE
    );
    let hashes = crate::fl!("bundle-readme-hashes");
    let threats = if threats { crate::fl!("bundle-readme-threats") + "\n\n" } else { String::new() };
    // Fluent drops the final line break of a message; a text file ends with one.
    format!("{text}\n\n{threats}{hashes}\n\n{checkpoint}\n")
}
