//! The evidence locker (issue #13, FORMAT-v2.md §6.2-6.3, §14.4): items marked as evidence
//! with a note and a source, every change to them recorded in the custody log in the same
//! commit; threats as the person received them and what was done about them (reports, case
//! numbers), kept only in the custody log; and the vault's Ed25519 signing key for export
//! bundles, made on first use and kept in the manifest. Building a bundle's files is the
//! caller's; this records that it happened.

use super::error::VaultError;
use super::handle::{Vault, VaultWriter};
use crate::evidence::signature::SigningKey;
use crate::format::v2::{Action, Event, Evidence, Threat};

/// Longest evidence note, in bytes.
pub const MAX_NOTE_LEN: usize = 4096;
/// Longest evidence source, in bytes.
pub const MAX_SOURCE_LEN: usize = 1024;
/// Most places one threat may name where content was posted.
pub const MAX_POSTED_AT: usize = 16;

fn check_text(text: &str, max: usize, what: &'static str) -> Result<(), VaultError> {
    if text.len() > max {
        return Err(VaultError::Refused(what));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(VaultError::Refused("a note or source may not hold control characters"));
    }
    Ok(())
}

impl VaultWriter {
    /// Marks items as evidence with `note` and `source` (an item already marked gets the new
    /// note and source). Each change is a custody log entry, in one commit with the marks.
    pub fn mark_evidence(&mut self, ids: &[u64], note: &str, source: &str) -> Result<(), VaultError> {
        self.ensure_writable()?;
        check_text(note, MAX_NOTE_LEN, "an evidence note is at most 4096 bytes")?;
        check_text(source, MAX_SOURCE_LEN, "an evidence source is at most 1024 bytes")?;
        for id in ids {
            self.item(*id)?;
        }
        let now = self.now();
        let changed = self.stamp();
        // Sixteen items per commit, as for tags: each commit lists them for header rewrites.
        for batch in ids.chunks(16) {
            let mut events = Vec::new();
            for id in batch {
                let item = self.item(*id)?;
                events.push(match &item.evidence {
                    Some(_) => Event::NoteChanged { item: *id, note: note.into(), source: source.into() },
                    None => Event::Marked { item: *id, sha256: item.sha256, note: note.into(), source: source.into() },
                });
            }
            self.with_custody(events, |vault| {
                vault.rewrite_items(batch, &mut |mut item| {
                    let marked = item.evidence.as_ref().map_or(now, |e| e.marked);
                    item.evidence = Some(Evidence { marked, note: note.into(), source: source.into() });
                    item.changed = changed.after(item.changed);
                    Some(item)
                })
            })?;
        }
        Ok(())
    }

    /// Records in the custody log that `ids` were exported in a bundle whose checksums file
    /// hashes to `bundle_sha256`.
    pub fn record_export(&mut self, ids: &[u64], bundle_sha256: [u8; 32]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        self.with_custody(vec![Event::Exported { items: ids.to_vec(), bundle_sha256 }], |vault| {
            let manifest = vault.next_manifest();
            vault.commit(manifest)
        })
    }

    /// Records fingerprints of an evidence item (`(kind, value)` pairs) in the custody log, in
    /// one commit (other items: nothing).
    pub fn record_fingerprints(&mut self, id: u64, fingerprints: &[(&str, &str)]) -> Result<(), VaultError> {
        self.ensure_writable()?;
        if self.item(id)?.evidence.is_none() || fingerprints.is_empty() {
            return Ok(());
        }
        let events = fingerprints
            .iter()
            .map(|(kind, value)| Event::Fingerprinted { item: id, kind: (*kind).into(), value: (*value).into() })
            .collect();
        self.with_custody(events, |vault| {
            let manifest = vault.next_manifest();
            vault.commit(manifest)
        })
    }

    /// Records a threat in the custody log (one commit) and returns its number (1, 2, 3...).
    /// The items it names must exist; any not yet marked as evidence are marked first, with
    /// the note `threat N` and the sender as source.
    pub fn record_threat(&mut self, mut threat: Threat) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        let texts = [&threat.platform, &threat.from, &threat.said, &threat.demand, &threat.note];
        for text in texts.into_iter().chain(&threat.posted_at) {
            check_text(text, MAX_NOTE_LEN, "a threat's texts are at most 4096 bytes each")?;
        }
        if threat.posted_at.len() > MAX_POSTED_AT {
            return Err(VaultError::Refused("a threat names at most 16 places it was posted"));
        }
        for id in &threat.items {
            self.item(*id)?;
        }
        threat.number = self.threats()?.0.len() as u64 + 1;
        let unmarked: Vec<u64> =
            threat.items.iter().copied().filter(|id| self.item(*id).is_ok_and(|i| i.evidence.is_none())).collect();
        if !unmarked.is_empty() {
            self.mark_evidence(&unmarked, &format!("threat {}", threat.number), &threat.from)?;
        }
        let number = threat.number;
        self.with_custody(vec![Event::Threat(threat)], |vault| {
            let manifest = vault.next_manifest();
            vault.commit(manifest)
        })?;
        Ok(number)
    }

    /// Records an action (a report, a case or ticket number) in the custody log, one commit.
    pub fn record_action(&mut self, action: Action) -> Result<(), VaultError> {
        self.ensure_writable()?;
        for text in [&action.category, &action.reference, &action.note] {
            check_text(text, MAX_NOTE_LEN, "an action's texts are at most 4096 bytes each")?;
        }
        self.with_custody(vec![Event::Action(action)], |vault| {
            let manifest = vault.next_manifest();
            vault.commit(manifest)
        })
    }

    /// The vault's signing key for evidence bundles, made (and committed) on first use.
    pub fn signing_key(&mut self) -> Result<SigningKey, VaultError> {
        if let Some(seed) = &self.vault.manifest.signing_key {
            return Ok(SigningKey::from_seed(seed));
        }
        self.ensure_writable()?;
        let mut manifest = self.next_manifest();
        let seed: [u8; 32] = crate::crypto::random_bytes(&mut self.vault.rng);
        manifest.signing_key = Some(seed);
        self.commit(manifest)?;
        Ok(SigningKey::from_seed(&seed))
    }

    /// A custody checkpoint of the log as it is now (its length and the hash of its last
    /// entry, zeros for an empty log), signed by the bundle key: the statement's text and its
    /// armored signature. One of an empty log anchors the key alone, before anything is kept.
    pub fn custody_checkpoint(&mut self) -> Result<(String, String), VaultError> {
        let log = self.custody_log()?;
        let head = match log.last() {
            Some(last) => last.hash()?,
            None => [0u8; 32],
        };
        let key = self.signing_key()?;
        let checkpoint = crate::evidence::checkpoint::Checkpoint {
            key: key.fingerprint(),
            entries: log.len() as u64,
            head,
            made: self.now(),
        };
        let text = checkpoint.to_text();
        let signature = key.sign(crate::evidence::checkpoint::NAMESPACE, text.as_bytes());
        Ok((text, signature))
    }
}

/// What `fingerprint` finds of an item: for images the PDQ perceptual hash (what StopNCII
/// uses for images), for every item its MD5 (what StopNCII uses for videos) and SHA-256.
#[derive(Clone, Debug)]
pub struct Fingerprint {
    pub pdq: Option<crate::media::fingerprint::Pdq>,
    pub md5: String,
    pub sha256: [u8; 32],
}

impl Vault {
    /// The threats and actions recorded in the custody log, in the order they were recorded.
    pub fn threats(&self) -> Result<(Vec<Threat>, Vec<Action>), VaultError> {
        let (mut threats, mut actions) = (Vec::new(), Vec::new());
        for entry in self.custody_log()? {
            match entry.event {
                Event::Threat(threat) => threats.push(threat),
                Event::Action(action) => actions.push(action),
                _ => {}
            }
        }
        Ok((threats, actions))
    }

    /// Fingerprints item `id` from its plaintext, in memory (an image of up to
    /// [`super::MAX_IMAGE_BYTES`] is decoded whole; anything else streams).
    pub fn fingerprint(&self, id: u64) -> Result<Fingerprint, VaultError> {
        let item = self.item(id)?;
        let md5 = crate::media::fingerprint::md5_hex(&mut self.open_item(id)?).map_err(VaultError::Io)?;
        let pdq = if item.media_type.starts_with("image/") && item.size <= super::MAX_IMAGE_BYTES {
            let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(item.size as usize));
            self.read_item_to(id, &mut *bytes)?;
            crate::media::thumbnail::decode_whole(&bytes).ok().and_then(|image| crate::media::fingerprint::pdq(&image))
        } else {
            None
        };
        Ok(Fingerprint { pdq, md5, sha256: item.sha256 })
    }
}
