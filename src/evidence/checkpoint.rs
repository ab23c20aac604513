//! A custody checkpoint: a short signed statement of how long the custody log was and the
//! hash of its last entry at a moment, made to be sent early to someone trusted (an email to
//! a lawyer, a helpline, oneself). A bundle exported later must carry a custody log whose
//! first entries hash to that head again: a history rewritten before the checkpoint, even by
//! the owner holding the key, no longer does. The statement is plain text, signed like a
//! bundle's SHA256SUMS (SSHSIG, `ssh-keygen -Y verify` checks it) under its own namespace.

use super::signature::{self, SignatureError};
use crate::format::v2::{CustodyEntry, Event};
use std::time::{Duration, UNIX_EPOCH};

/// The SSHSIG namespace of checkpoints (a bundle's signature cannot pass for one).
pub const NAMESPACE: &str = "clipvault-checkpoint";

/// What a checkpoint states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The signing key's fingerprint, as `ssh-keygen -l` prints it.
    pub key: String,
    /// How many custody log entries there were.
    pub entries: u64,
    /// The hash of the last of them (the next entry's `prev`).
    pub head: [u8; 32],
    /// When it was made, Unix seconds.
    pub made: u64,
}

const TITLE: &str = "clipvault custody checkpoint";

impl Checkpoint {
    /// The statement as signed: five lines of `name: value`.
    pub fn to_text(&self) -> String {
        let made = humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(self.made));
        format!(
            "{TITLE}\nkey: {}\nentries: {}\nhead: {}\nmade: {made}\n",
            self.key,
            self.entries,
            hex::encode(self.head)
        )
    }

    /// A statement as [`to_text`](Checkpoint::to_text) writes it.
    pub fn parse(text: &str) -> Option<Checkpoint> {
        let mut lines = text.lines();
        if lines.next()? != TITLE {
            return None;
        }
        let mut field = |name: &str| lines.next()?.strip_prefix(name)?.strip_prefix(": ").map(str::to_owned);
        let key = field("key")?;
        let entries = field("entries")?.parse().ok()?;
        let head = hex::decode(field("head")?).ok()?.try_into().ok()?;
        let made = humantime::parse_rfc3339(&field("made")?).ok()?.duration_since(UNIX_EPOCH).ok()?.as_secs();
        Some(Checkpoint { key, entries, head, made })
    }
}

/// Why a bundle does not agree with a checkpoint.
#[derive(Debug)]
pub enum CheckpointProblem {
    /// Not a checkpoint clipvault wrote.
    Unreadable,
    /// Its signature does not check with the bundle's key (another key made one of them).
    Signature(SignatureError),
    /// The custody log in the bundle does not read as a chain of entries.
    Log(String),
    /// The log is shorter than it was at the checkpoint.
    Shorter { entries: u64, checkpoint: u64 },
    /// The first entries no longer hash to the checkpoint's head: history was rewritten.
    Rewritten { entries: u64 },
}

impl std::fmt::Display for CheckpointProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckpointProblem::Unreadable => f.write_str("not a clipvault custody checkpoint"),
            CheckpointProblem::Signature(e) => write!(f, "the checkpoint's signature: {e}"),
            CheckpointProblem::Log(why) => write!(f, "custody-log.jsonl: {why}"),
            CheckpointProblem::Shorter { entries, checkpoint } => {
                write!(f, "the custody log has {entries} entries, fewer than the {checkpoint} of the checkpoint")
            }
            CheckpointProblem::Rewritten { entries } => {
                write!(f, "the custody log's first {entries} entries are not the ones the checkpoint vouched for")
            }
        }
    }
}

/// Checks a checkpoint (`text` and its armored `signature`) against a bundle: signed by the
/// bundle's key (`public_blob`), and the bundle's custody log (`log`, its JSON lines) a chain
/// whose first `entries` hash, recomputed from their contents, to the checkpoint's head.
pub fn check(text: &str, signature: &str, public_blob: &[u8], log: &str) -> Result<Checkpoint, CheckpointProblem> {
    let checkpoint = Checkpoint::parse(text).ok_or(CheckpointProblem::Unreadable)?;
    signature::verify(public_blob, NAMESPACE, text.as_bytes(), signature).map_err(CheckpointProblem::Signature)?;
    let entries: Vec<CustodyEntry> = log
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            entry_from_json(line).ok_or_else(|| CheckpointProblem::Log(format!("line {} unreadable", n + 1)))
        })
        .collect::<Result<_, _>>()?;
    // The chain as it stands: numbered from 0, each `prev` the hash of the one before.
    let mut prev = [0u8; 32];
    let mut hashes = Vec::with_capacity(entries.len());
    for (n, entry) in entries.iter().enumerate() {
        if entry.seq != n as u64 || entry.prev != prev {
            return Err(CheckpointProblem::Log(format!("entry {n} does not follow the one before")));
        }
        prev = entry.hash().map_err(|_| CheckpointProblem::Log(format!("entry {n} cannot be hashed")))?;
        hashes.push(prev);
    }
    let count = entries.len() as u64;
    if count < checkpoint.entries {
        return Err(CheckpointProblem::Shorter { entries: count, checkpoint: checkpoint.entries });
    }
    let head = match checkpoint.entries {
        0 => [0u8; 32],
        n => hashes[n as usize - 1],
    };
    if head != checkpoint.head {
        return Err(CheckpointProblem::Rewritten { entries: checkpoint.entries });
    }
    Ok(checkpoint)
}

/// One line of a bundle's `custody-log.jsonl` (as `listing::custody_entry` writes it) back
/// into the entry it was made from, so its hash can be recomputed, not taken on trust.
fn entry_from_json(line: &str) -> Option<CustodyEntry> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let text = |v: &serde_json::Value, name: &str| v.get(name)?.as_str().map(str::to_owned);
    let id = |v: &serde_json::Value, name: &str| u64::from_str_radix(v.get(name)?.as_str()?, 16).ok();
    let sha = |v: &serde_json::Value, name: &str| -> Option<[u8; 32]> {
        hex::decode(v.get(name)?.as_str()?).ok()?.try_into().ok()
    };
    let event = value.get("event")?;
    let event = match event.get("kind")?.as_str()? {
        "marked" => Event::Marked {
            item: id(event, "item")?,
            sha256: sha(event, "sha256")?,
            note: text(event, "note")?,
            source: text(event, "source")?,
        },
        "note changed" => {
            Event::NoteChanged { item: id(event, "item")?, note: text(event, "note")?, source: text(event, "source")? }
        }
        "exported" => Event::Exported {
            items: event
                .get("items")?
                .as_array()?
                .iter()
                .map(|v| u64::from_str_radix(v.as_str()?, 16).ok())
                .collect::<Option<_>>()?,
            bundle_sha256: sha(event, "sha256sums_sha256")?,
        },
        "fingerprinted" => {
            Event::Fingerprinted { item: id(event, "item")?, kind: text(event, "hash")?, value: text(event, "value")? }
        }
        "unmarked" => Event::Unmarked { item: id(event, "item")? },
        "shredded" => Event::Shredded { item: id(event, "item")?, sha256: sha(event, "sha256")? },
        "threat" => {
            let mut fields = event.clone();
            fields["items"] = event
                .get("items")?
                .as_array()?
                .iter()
                .map(|v| u64::from_str_radix(v.as_str()?, 16).ok().map(serde_json::Value::from))
                .collect::<Option<Vec<_>>>()?
                .into();
            Event::Threat(serde_json::from_value(fields).ok()?)
        }
        "action" => Event::Action(serde_json::from_value(event.clone()).ok()?),
        _ => return None,
    };
    let time = humantime::parse_rfc3339(value.get("time")?.as_str()?).ok()?.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(CustodyEntry { seq: value.get("seq")?.as_u64()?, time, prev: sha(&value, "prev")?, event })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_reads_back_as_written() {
        let checkpoint = Checkpoint { key: "SHA256:abc".into(), entries: 3, head: [7; 32], made: 1_764_930_000 };
        assert_eq!(Checkpoint::parse(&checkpoint.to_text()), Some(checkpoint));
        assert_eq!(Checkpoint::parse("something else"), None);
    }

    #[test]
    fn every_event_reads_back_from_its_json_line_with_the_same_hash() {
        let events = [
            Event::Marked { item: 1, sha256: [1; 32], note: "threat, 3 May".into(), source: "DM".into() },
            Event::NoteChanged { item: 1, note: "n".into(), source: "s".into() },
            Event::Exported { items: vec![1, 2], bundle_sha256: [2; 32] },
            Event::Fingerprinted { item: 2, kind: "pdq".into(), value: "ab".into() },
            Event::Unmarked { item: 2 },
            Event::Shredded { item: 1, sha256: [3; 32] },
            Event::Threat(crate::format::v2::Threat {
                number: 1,
                received: 1_764_930_000,
                zone_minutes: 330,
                platform: "Instagram".into(),
                from: "@someone".into(),
                said: "pay or I post".into(),
                demand: "₹20,000 to someone@upi".into(),
                posted_at: vec!["https://example.com/p/1".into()],
                note: String::new(),
                items: vec![2],
            }),
            Event::Action(crate::format::v2::Action {
                done: 1_764_940_000,
                zone_minutes: -300,
                category: "stopncii".into(),
                reference: "CASE-1".into(),
                note: "hash submitted".into(),
            }),
        ];
        let mut prev = [0u8; 32];
        for (seq, event) in events.into_iter().enumerate() {
            let entry = CustodyEntry { seq: seq as u64, time: 1_764_930_000 + seq as u64, prev, event };
            let line = crate::listing::custody_entry(&entry).to_string();
            let back = entry_from_json(&line).expect("reads back");
            assert_eq!(back, entry);
            prev = entry.hash().unwrap();
        }
    }
}
