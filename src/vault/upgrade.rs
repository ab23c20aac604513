//! Upgrading a version 1 file in place (FORMAT-v2.md §10), as the first thing a writer does
//! with it: junk past the version 1 commit dropped, every item written into one version 2
//! segment, then one commit that writes a current (version 3) superblock (same KDF, salt and
//! key slots; this key's area where its placement says, the others random) and lists the version 1 index copies
//! for wiping. Until the first superblock copy is written the file is the version 1 vault
//! it was; after, the version 2 copy is the newest: a crash at any point loses nothing.

use super::error::VaultError;
use super::handle::VaultWriter;
use super::index::Place;
use super::index::Segment;
use crate::format::v2::BlobKind;
use crate::format::{Extent, SegmentBody};
use rand::RngCore;

impl VaultWriter {
    /// Upgrades the version 1 file this handle opened (for writing) to version 2.
    pub(super) fn upgrade(&mut self) -> Result<(), VaultError> {
        debug_assert_eq!(self.vault.version, 1);
        // Version 1 writers left junk of interrupted writes past the commit; nothing refers
        // to it. (Version 2 never truncates: it cannot tell junk from another compartment.)
        if self.vault.storage.len()? > self.vault.v1_data_end {
            self.vault.storage.set_len(self.vault.v1_data_end)?;
            self.vault.storage.sync()?;
        }
        let at = self.append_offset()?;
        let items: Vec<_> = self.items().cloned().collect();
        let freed: Vec<Extent> = self.vault.segments.iter().flat_map(|s| s.place.extents()).collect();
        let mut added = Vec::new();
        if !items.is_empty() {
            let body = SegmentBody { items };
            let (place, _) = self.write_segment(&body, at)?;
            added.push(Segment { place, body });
        }
        for area in self.vault.superblock.areas.iter_mut() {
            self.vault.rng.fill_bytes(area);
        }
        // The slots stay where version 1 put them (only their owner could move them); the
        // area is where this key's placement says, as for a vault made as version 2.
        self.vault.area = self.vault.master.placement().1;
        self.commit_segments(0, added, freed, vec![])?;
        self.vault.upgraded = true;
        Ok(())
    }
}

impl VaultWriter {
    /// Upgrades this compartment from version 2 or 3 to version 4 by one commit
    /// (FORMAT-v2.md §14.3): every item, its record now in version 4's form, into one new
    /// segment of kind 4, the old segments listed for wiping, the manifest in version 4's
    /// form (its slots bound, a device drawn). A crash before the commit leaves the old
    /// state; the two hold the same items.
    pub(super) fn upgrade_to_v4(&mut self) -> Result<(), VaultError> {
        let old_kind = self.vault.segments.iter().any(|s| !matches!(s.place, Place::V2(_, BlobKind::SegmentV4)));
        if !old_kind || self.vault.segments.is_empty() {
            let manifest = self.next_manifest();
            self.commit(manifest)?;
        } else {
            let at = self.append_offset()?;
            let items: Vec<_> = self.items().cloned().collect();
            let freed: Vec<Extent> = self.vault.segments.iter().flat_map(|s| s.place.extents()).collect();
            let body = SegmentBody { items };
            let (place, _) = self.write_segment(&body, at)?;
            self.commit_segments(0, vec![Segment { place, body }], freed, vec![])?;
        }
        self.vault.upgraded = true;
        Ok(())
    }
}
