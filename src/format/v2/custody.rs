//! Version 2's custody log (FORMAT-v2.md §6.3): its head in the manifest, its pages, its
//! entries and events, and the hash chain that binds them.

use super::blob::BlobRef;
use crate::format::FormatError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The custody log's pages and the hash of its last entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyHead {
    pub pages: Vec<BlobRef>,
    pub entries: u64,
    pub head: [u8; 32],
}

/// A page of the custody log: at most [`CUSTODY_PAGE_ENTRIES`] entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyPage {
    pub entries: Vec<CustodyEntry>,
}

/// Entries in one custody page.
pub const CUSTODY_PAGE_ENTRIES: usize = 64;

/// One entry of the custody log (FORMAT-v2.md §6.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyEntry {
    pub seq: u64,
    pub time: u64,
    pub prev: [u8; 32],
    pub event: Event,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Marked {
        item: u64,
        sha256: [u8; 32],
        note: String,
        source: String,
    },
    NoteChanged {
        item: u64,
        note: String,
        source: String,
    },
    Exported {
        items: Vec<u64>,
        bundle_sha256: [u8; 32],
    },
    Fingerprinted {
        item: u64,
        kind: String,
        value: String,
    },
    Unmarked {
        item: u64,
    },
    Shredded {
        item: u64,
        sha256: [u8; 32],
    },
    /// A threat as the person received it (version 4).
    Threat(Threat),
    /// Something done about it: a report, a case number, a ticket (version 4).
    Action(Action),
}

/// A threat record (FORMAT-v2.md §6.3). Every text is as the person gave it; empty when not
/// given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threat {
    /// Numbers threats 1, 2, 3... in the order they were recorded.
    pub number: u64,
    /// When it was received (Unix seconds), and the local zone's offset from UTC then, in
    /// minutes (so that it can be shown in the local time the person saw).
    pub received: u64,
    pub zone_minutes: i32,
    pub platform: String,
    /// The sender: a handle, a number or a profile address.
    pub from: String,
    /// What the message said.
    pub said: String,
    /// What was demanded: an amount, a UPI id, a wallet.
    pub demand: String,
    /// Where content was posted.
    pub posted_at: Vec<String>,
    pub note: String,
    /// Items kept with it (screenshots, chat exports), by id.
    pub items: Vec<u64>,
}

/// An action record (FORMAT-v2.md §6.3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// When it was done (Unix seconds) and the local zone's offset then, in minutes.
    pub done: u64,
    pub zone_minutes: i32,
    /// What was done: `stopncii`, `cybercrime-portal`, `helpline`, `police`, `platform`,
    /// `take-it-down`, `lawyer` or `other`.
    pub category: String,
    /// The case number, acknowledgement number or ticket.
    pub reference: String,
    pub note: String,
}

impl CustodyEntry {
    /// `SHA256("clipvault/v2/custody" || postcard(entry))`, the next entry's `prev`.
    pub fn hash(&self) -> Result<[u8; 32], FormatError> {
        let encoded = postcard::to_stdvec(self).map_err(|_| FormatError::Malformed("custody entry encoding"))?;
        let mut hasher = Sha256::new();
        hasher.update(b"clipvault/v2/custody");
        hasher.update(&encoded);
        Ok(hasher.finalize().into())
    }
}

/// Checks a custody chain: sequence numbers 0, 1, 2, ..., each `prev` the hash of the entry
/// before (zeros for the first), and `head` the hash of the last.
pub fn check_custody_chain(entries: &[CustodyEntry], head: &[u8; 32]) -> Result<(), FormatError> {
    let mut prev = [0u8; 32];
    for (n, entry) in entries.iter().enumerate() {
        if entry.seq != n as u64 || entry.prev != prev {
            return Err(FormatError::Malformed("custody chain broken"));
        }
        prev = entry.hash()?;
    }
    if &prev != head {
        return Err(FormatError::Malformed("custody chain head differs"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custody_chain_detects_removal_edit_and_reordering() {
        let mut entries = Vec::new();
        let mut prev = [0u8; 32];
        for seq in 0..4 {
            let entry = CustodyEntry { seq, time: 100 + seq, prev, event: Event::Unmarked { item: seq } };
            prev = entry.hash().unwrap();
            entries.push(entry);
        }
        check_custody_chain(&entries, &prev).unwrap();
        let mut removed = entries.clone();
        removed.remove(1);
        assert!(check_custody_chain(&removed, &prev).is_err());
        let mut edited = entries.clone();
        edited[2].time += 1;
        assert!(check_custody_chain(&edited, &prev).is_err());
        let mut cut = entries.clone();
        cut.pop();
        assert!(check_custody_chain(&cut, &prev).is_err(), "a cut-off tail shows against the head");
    }
}
