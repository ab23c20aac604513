//! The evidence custody log (FORMAT-v2.md §6.3): an append-only, hash-chained list of events
//! in custody pages (blobs of 64 entries), its head in the manifest. Events are staged here
//! (their pages written) and land with the next commit, in the same manifest as the change
//! they record, so the log and the items never disagree after a crash.

use super::blob::{blob_extents, read_blob, write_blob};
use super::error::{Damage, VaultError};
use super::handle::{Vault, VaultWriter};
use crate::format::v2::{
    self, BlobKind, CUSTODY_PAGE_ENTRIES, CustodyEntry, CustodyHead, CustodyPage, Event, check_custody_chain,
};

impl Vault {
    /// Every entry of the custody log, in order, checked: sequence numbers, each entry's
    /// link to the one before, and the head the manifest holds. A log that was cut, edited
    /// or reordered is an integrity error.
    pub fn custody_log(&self) -> Result<Vec<CustodyEntry>, VaultError> {
        let Some(head) = &self.manifest.custody else { return Ok(vec![]) };
        let mut entries = Vec::new();
        for page in &head.pages {
            let page: CustodyPage =
                read_blob(self.storage.as_ref(), &self.master, BlobKind::CustodyPage, page, v2::decode_blob)?;
            entries.extend(page.entries);
        }
        if entries.len() as u64 != head.entries || check_custody_chain(&entries, &head.head).is_err() {
            return Err(VaultError::Integrity(Damage::Index));
        }
        Ok(entries)
    }
}

impl VaultWriter {
    /// Runs `change` (which must end in one commit) with `events` appended to the custody
    /// log in that commit; if it fails before committing, the events are dropped with it.
    pub(super) fn with_custody(
        &mut self,
        events: Vec<Event>,
        change: impl FnOnce(&mut Self) -> Result<(), VaultError>,
    ) -> Result<(), VaultError> {
        self.stage_custody(events)?;
        let result = change(self);
        self.vault.staged_custody = None;
        result
    }

    /// Appends `events` to the log: writes the pages they change at the end of the file and
    /// stages the new head for the next commit (the replaced last page is freed with it).
    fn stage_custody(&mut self, events: Vec<Event>) -> Result<(), VaultError> {
        if events.is_empty() {
            return Ok(());
        }
        let entries = self.custody_log()?;
        let mut head =
            self.vault.manifest.custody.clone().unwrap_or(CustodyHead { pages: vec![], entries: 0, head: [0; 32] });
        // The last page, if not full, is written again with the new entries after its own.
        let mut page = CustodyPage::default();
        let mut freed = Vec::new();
        let last_len = entries.len() % CUSTODY_PAGE_ENTRIES;
        if last_len > 0 {
            page.entries = entries[entries.len() - last_len..].to_vec();
            if let Some(old) = head.pages.pop() {
                freed.extend(blob_extents(&old));
            }
        }
        let now = self.now();
        let mut at = self.append_offset()?;
        for event in events {
            let entry = CustodyEntry { seq: head.entries, time: now, prev: head.head, event };
            head.head = entry.hash()?;
            head.entries += 1;
            page.entries.push(entry);
            if page.entries.len() == CUSTODY_PAGE_ENTRIES {
                let (blob, end) = write_blob(
                    self.vault.storage.as_ref(),
                    &self.vault.master,
                    &mut self.vault.rng,
                    BlobKind::CustodyPage,
                    &page,
                    at,
                )?;
                head.pages.push(blob);
                at = end;
                page = CustodyPage::default();
            }
        }
        if !page.entries.is_empty() {
            let (blob, _) = write_blob(
                self.vault.storage.as_ref(),
                &self.vault.master,
                &mut self.vault.rng,
                BlobKind::CustodyPage,
                &page,
                at,
            )?;
            head.pages.push(blob);
        }
        self.vault.staged_custody = Some((head, freed));
        Ok(())
    }

    /// Writes `entries` (a whole log read from another file of this vault, by `compact` or
    /// `key rotate`) as this file's custody pages and stages its head for the next commit.
    pub(super) fn stage_custody_copy(&mut self, entries: &[CustodyEntry]) -> Result<(), VaultError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut head =
            CustodyHead { pages: vec![], entries: entries.len() as u64, head: entries[entries.len() - 1].hash()? };
        let mut at = self.append_offset()?;
        for chunk in entries.chunks(CUSTODY_PAGE_ENTRIES) {
            let page = CustodyPage { entries: chunk.to_vec() };
            let (blob, end) = write_blob(
                self.vault.storage.as_ref(),
                &self.vault.master,
                &mut self.vault.rng,
                BlobKind::CustodyPage,
                &page,
                at,
            )?;
            head.pages.push(blob);
            at = end;
        }
        self.vault.staged_custody = Some((head, vec![]));
        Ok(())
    }
}
