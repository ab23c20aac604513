//! The two handles: [`Vault`] (a reader: its fields, item lookup by id, exact name or id
//! prefix, and reading) and [`VaultWriter`] (the one writer, holding the lock), with the
//! option and summary types of the public API. Owns no writing itself: commits live in
//! `commit.rs`, item changes in `items.rs`, keys in `keys.rs`, rewrites in
//! `maintenance.rs`, each on `VaultWriter`.

use super::blob::blob_extents;
use super::error::VaultError;
use super::index::Segment;
use super::pipeline::write_all_slices;
use super::read::{ItemReader, OpenedChunks, for_each_plain_batch, open_chunks};
use super::thumbnail_new::NoThumbnail;
use crate::crypto::{KdfParams, MasterKey, Passphrase};
use crate::format::v2::{self, Manifest};
use crate::format::{DATA_START, Extent, ItemRecord};
use crate::storage::{LockWait, Storage};
use rand::RngCore;
use rand_chacha::ChaCha20Rng;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use zeroize::Zeroize;

/// What opens a vault: a passphrase, or a recovery identity (an age X25519 secret key).
#[derive(Clone, Copy)]
pub enum Key<'a> {
    /// A passphrase, tried against every slot after one Argon2id run.
    Passphrase(&'a Passphrase),
    /// An `AGE-SECRET-KEY-1...` recovery identity.
    Identity(&'a age::x25519::Identity),
    /// An unlock session's key (see [`Vault::session_key`]): no KDF runs.
    Session(&'a SessionKey),
}

/// What an unlock session keeps so later commands need no passphrase: the master key, the
/// slot that opened the vault and that slot's bytes then. Opening with it fails as soon as
/// that slot changed (the passphrase was changed or removed) or the master key did
/// (`key rotate`), so a session never outlives the key it was opened with. It leaves the
/// process only through [`parts`](SessionKey::parts): from the unlock agent to the command it
/// runs, over a private pipe.
pub struct SessionKey {
    pub(super) master: MasterKey,
    pub(super) slot: usize,
    pub(super) slot_bytes: [u8; crate::format::SLOT_LEN],
}

impl SessionKey {
    /// The parts of a session, to hand it to another clipvault process through a private pipe
    /// (the unlock agent to the command it runs). Nothing else should need them.
    pub fn parts(&self) -> (&[u8; 32], usize, &[u8; crate::format::SLOT_LEN]) {
        (self.master.expose(), self.slot, &self.slot_bytes)
    }

    /// A session from its [`parts`](SessionKey::parts).
    pub fn from_parts(master: [u8; 32], slot: usize, slot_bytes: [u8; crate::format::SLOT_LEN]) -> SessionKey {
        SessionKey { master: MasterKey::from_bytes(master), slot, slot_bytes }
    }

    /// The 32 key bytes' address and length, for `mlock`.
    pub fn memory(&self) -> (*const u8, usize) {
        let bytes = self.master.expose();
        (bytes.as_ptr(), bytes.len())
    }
}

/// How to create a vault.
#[derive(Clone, Debug, Default)]
pub struct CreateOptions {
    /// Argon2id cost.
    pub kdf: KdfParams,
    /// Deterministic randomness and clock, for the pinned test vectors only: a [`TestSeed`]
    /// can be made only in the crate's own tests and with the `test-vectors` feature, so a
    /// real build has nothing but `None` to give.
    #[doc(hidden)]
    pub test_seed: Option<TestSeed>,
}

/// A seed for a new vault's randomness and a fixed clock, for writing test vectors byte for
/// byte. Never in a real build: it exists only with the `test-vectors` feature.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct TestSeed {
    pub(super) seed: [u8; 32],
    pub(super) now: u64,
}

impl TestSeed {
    /// The seed and the clock (Unix seconds) a test vector is written with.
    #[cfg(any(test, feature = "test-vectors"))]
    pub fn new(seed: [u8; 32], now: u64) -> TestSeed {
        TestSeed { seed, now }
    }
}

/// How to open a vault.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions {
    /// Wait for another writer instead of failing at once.
    pub wait: LockWait,
    /// Open even if parts of the index are unreadable, skipping the items they held (for
    /// `verify` and `salvage`; a reader only).
    pub salvage: bool,
    /// Run Argon2id even with parameters beyond what this device affords without asking
    /// ([`KdfParams::is_affordable`]); otherwise such a vault is refused before any memory is
    /// allocated.
    pub allow_costly_kdf: bool,
}

/// Items written into the file and not yet committed: one commit for all of them.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) items: Vec<crate::format::ItemRecord>,
    /// Where the last one's allocations end.
    pub(super) end: u64,
    /// Their plaintext, in bytes.
    pub(super) bytes: u64,
}

/// What to record with a new item.
#[derive(Clone, Debug, Default)]
pub struct AddOptions {
    /// User tags.
    pub tags: Vec<String>,
    /// The source's modification time, Unix seconds.
    pub modified: Option<u64>,
    /// When the item was first added, Unix seconds (kept by `salvage`); `None` is now.
    pub added: Option<u64>,
    /// Do not store an item the vault already holds under the same name with the same
    /// content (SHA-256): fail with [`VaultError::Duplicate`] instead, so adding a folder
    /// again stores only what is new. The same content under another name is stored: an add
    /// that succeeds always leaves an item of the name it was given. The ciphertext written is dropped uncommitted, its
    /// key never having left memory, so finding out costs one pass over the content.
    pub skip_duplicate: bool,
    /// Make a thumbnail of an image or video and store it, encrypted, with the item (a video
    /// needs ffmpeg). Failing to make one never fails the add: [`Added`] says why.
    pub thumbnail: bool,
    /// The thumbnail made ahead from the same content, used (with `thumbnail`) instead of
    /// reading the item back if the content's SHA-256 matches.
    pub thumbnail_ahead: Option<super::thumbnail_new::ThumbnailAhead>,
}

/// What [`Vault::add_item`] did.
#[derive(Debug)]
pub struct Added {
    /// The new item's id.
    pub id: u64,
    /// Why no thumbnail was stored, when one was asked for an image or video and none could
    /// be made.
    pub no_thumbnail: Option<NoThumbnail>,
}

/// Summary of a vault for `info`.
#[derive(Clone, Debug)]
pub struct VaultInfo {
    /// Format version.
    pub version: u16,
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Number of items.
    pub items: usize,
    /// Sum of plaintext sizes.
    pub content_bytes: u64,
    /// Length of the vault file.
    pub file_bytes: u64,
    /// Bytes `compact` would give back.
    pub reclaimable_bytes: u64,
    /// Key slots in use.
    pub slots_used: usize,
    /// Unix seconds of creation.
    pub created: u64,
}

/// One finding of [`Vault::verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The damaged item, or `None` for the vault structure.
    pub item: Option<u64>,
    /// What is wrong, in plain words.
    pub what: String,
}

/// An unlocked vault, open for reading: it lists, reads, verifies and exports, and takes no
/// lock, so it may sit beside a writer (it sees the state committed when it opened, or when
/// it last [refreshed](Vault::refresh)). Writing needs a [`VaultWriter`].
pub struct Vault {
    pub(super) storage: Box<dyn Storage>,
    pub(super) path: Option<PathBuf>,
    /// Opened for salvage: index segments unreadable in both copies are skipped, not errors.
    pub(super) lenient: bool,
    /// Set when a commit failed part-way: this handle's view may be stale.
    pub(super) poisoned: bool,
    /// Why the overwrite after the last commit failed, if it did (see `unfinished_wipe`).
    pub(super) unfinished_wipe: Option<String>,
    /// Room the operation under way reserved before its own data for the mirror copy of the
    /// manifest its commit writes (`commit.rs`), so the two copies lie apart.
    pub(super) mirror_hole: Option<Extent>,
    pub(super) master: MasterKey,
    pub(super) unlocked_slot: usize,
    /// The superblock last read or committed, in version 2's shape (a version 1 file's
    /// sequence, KDF, salt and slots until its first write upgrades it).
    pub(super) superblock: v2::Superblock,
    /// The file's format version as read: 1 until the first write upgrades it.
    pub(super) version: u16,
    /// Which superblock copy (0 or 1) holds `superblock`.
    pub(super) active: usize,
    /// The area (0-7) that holds this compartment's state (version 2).
    pub(super) area: usize,
    /// Unix seconds when the vault (this compartment) was created.
    pub(super) created: u64,
    /// The committed manifest (for a version 1 file: its pending wipes and slots, no
    /// segment references; `segments` says where its segments are).
    pub(super) manifest: Manifest,
    /// Where a version 1 file's committed data ends (its upgrade drops what follows).
    pub(super) v1_data_end: u64,
    /// `manifest.pending_wipe` has been overwritten and synced since it was committed, so
    /// the next commit leaves it out.
    pub(super) wiped: bool,
    pub(super) segments: Vec<Segment>,
    /// Where `manifest` is (version 2).
    pub(super) manifest_ref: Option<v2::BlobRef>,
    /// Index segments with both copies unreadable (salvage mode only); their items are lost.
    pub(super) lost_segments: usize,
    /// Both copies of the manifest were unreadable (salvage mode only): every item is known
    /// only by its item header.
    pub(super) manifest_lost: bool,
    /// Something the committed state references lies past the end of the file: the file's
    /// tail is missing. Such a vault opens for reading only.
    pub(super) truncated: bool,
    pub(super) rng: ChaCha20Rng,
    pub(super) clock: Option<u64>,
    /// Leftovers of killed writers removed when this vault was opened for writing.
    pub(super) leftovers_removed: Vec<PathBuf>,
    /// This handle upgraded a version 1 file to version 2 when it opened it for writing.
    pub(super) upgraded: bool,
    /// Items a salvage view found by their item headers (their index copies lost).
    pub(super) recovered: usize,
    /// Custody log entries written but not yet committed: the new head, and the page it
    /// replaced (to wipe). The next commit takes them.
    pub(super) staged_custody: Option<(v2::CustodyHead, Vec<Extent>)>,
    /// Tombstones of the items the next commit shreds.
    pub(super) staged_tombstones: Vec<v2::Tombstone>,
    /// Items added but not yet committed, while adds are batched
    /// ([`VaultWriter::begin_batch`]).
    pub(super) batch: Option<Batch>,
}

/// The one writer of a vault: it holds the file's exclusive lock for as long as it lives,
/// and only it adds, removes, re-keys, marks evidence and rewrites. It reads as a [`Vault`]
/// does (it dereferences to one), so a function that only reads takes `&Vault` and accepts
/// either; one that writes takes `&mut VaultWriter`, and a read-only handle cannot be passed:
///
/// ```compile_fail
/// fn add_through_a_reader(vault: &mut clipvault::Vault) {
///     let _ = vault.add(&mut &b"photo"[..], b"photo.jpg", &clipvault::AddOptions::default());
/// }
/// ```
pub struct VaultWriter {
    pub(super) vault: Vault,
}

impl std::ops::Deref for VaultWriter {
    type Target = Vault;

    fn deref(&self) -> &Vault {
        &self.vault
    }
}

impl Vault {
    // ----- reading -----

    /// Every item, in the order added.
    pub fn items(&self) -> impl Iterator<Item = &ItemRecord> {
        self.segments.iter().flat_map(|s| s.body.items.iter())
    }

    /// The item with this exact id.
    pub fn item(&self, id: u64) -> Result<&ItemRecord, VaultError> {
        // Newest first: the item just added (by `add`, `salvage`) is found at once.
        self.segments
            .iter()
            .rev()
            .flat_map(|s| s.body.items.iter().rev())
            .find(|i| i.id == id)
            .ok_or(VaultError::ItemNotFound)
    }

    /// Resolves what a person typed, trying in turn: the exact name, a unique prefix of an id
    /// in hex, the name's last path component (`IMG_01.jpg` for `Camera/IMG_01.jpg`), then
    /// both again ignoring case. The first rule that matches anything decides: one match is
    /// the item, several are [`VaultError::Ambiguous`].
    pub fn find(&self, query: &[u8]) -> Result<&ItemRecord, VaultError> {
        fn last_component(name: &[u8]) -> &[u8] {
            name.rsplit(|&b| b == b'/').next().unwrap_or(name)
        }
        let lower = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_lowercase();
        let query_lower = lower(query);
        let id_prefix = std::str::from_utf8(query)
            .ok()
            .map(str::to_ascii_lowercase)
            .filter(|p| !p.is_empty() && p.len() <= 16 && p.bytes().all(|b| b.is_ascii_hexdigit()));
        let rules: [&dyn Fn(&ItemRecord) -> bool; 5] = [
            &|i| i.name == query,
            &|i| id_prefix.as_ref().is_some_and(|p| format!("{:016x}", i.id).starts_with(p.as_str())),
            &|i| last_component(&i.name) == query,
            &|i| lower(&i.name) == query_lower,
            &|i| lower(last_component(&i.name)) == query_lower,
        ];
        for rule in rules {
            let hits: Vec<&ItemRecord> = self.items().filter(|i| rule(i)).collect();
            match hits.as_slice() {
                [] => continue,
                [one] => return Ok(one),
                many => return Err(VaultError::Ambiguous(many.iter().map(|i| i.id).collect())),
            }
        }
        Err(VaultError::ItemNotFound)
    }

    /// A `Read + Seek` view of an item's plaintext. Each chunk is authenticated before any
    /// of its bytes are returned.
    pub fn open_item(&self, id: u64) -> Result<ItemReader<'_>, VaultError> {
        let item = self.item(id)?;
        ItemReader::new(self.storage.as_ref(), item)
    }

    /// Chunks `first..first + count` of an item (64 KiB of plaintext each; fewer at the end),
    /// read at once into `buf` and authenticated, for serving ranges without a copy per
    /// chunk. `buf` is grown if it is too short; a stream that passes the buffer of an
    /// earlier batch back needs no fresh memory per batch.
    pub fn read_chunks(&self, id: u64, first: u64, count: usize, buf: Vec<u8>) -> Result<OpenedChunks, VaultError> {
        open_chunks(self.storage.as_ref(), self.item(id)?, first, count, buf)
    }

    /// Streams an item's plaintext into `out`, decrypting batches of chunks in parallel.
    /// Bytes are released only after their chunk authenticated.
    pub fn read_item_to(&self, id: u64, out: &mut dyn io::Write) -> Result<(), VaultError> {
        let item = self.item(id)?;
        for_each_plain_batch(self.storage.as_ref(), item, &mut |plain| {
            write_all_slices(out, plain).map_err(VaultError::Io)
        })
    }

    /// Sizes and settings, for `info`.
    pub fn info(&self) -> Result<VaultInfo, VaultError> {
        let file_bytes = self.storage.len()?;
        let manifest = self.manifest_ref().map_or(0, |m| blob_extents(&m).iter().map(|e| e.len).sum());
        let live: u64 = DATA_START
            + manifest
            + self
                .items()
                .map(|i| i.allocation.len + i.thumbnail.as_ref().map_or(0, |t| t.allocation.len))
                .sum::<u64>()
            + self.segments.iter().flat_map(|s| s.place.extents()).map(|e| e.len).sum::<u64>();
        Ok(VaultInfo {
            version: self.version,
            kdf: self.superblock.kdf,
            items: self.items().count(),
            content_bytes: self.items().map(|i| i.size).sum(),
            file_bytes,
            reclaimable_bytes: file_bytes.saturating_sub(live),
            slots_used: self.manifest.slots.len(),
            created: self.created,
        })
    }

    /// Where the committed manifest is (version 2 only).
    pub(super) fn manifest_ref(&self) -> Option<v2::BlobRef> {
        self.manifest_ref
    }

    pub(crate) fn storage(&self) -> &dyn Storage {
        self.storage.as_ref()
    }

    /// The key of an unlock session for this vault, as it is open now.
    pub fn session_key(&self) -> SessionKey {
        SessionKey {
            master: self.master.clone(),
            slot: self.unlocked_slot,
            slot_bytes: self.superblock.slots[self.unlocked_slot],
        }
    }

    /// The `.clipvault-*` files left by a killed `compact`, `rotate` or `create` that were
    /// scrubbed and removed when this vault was opened for writing.
    pub fn leftovers_removed(&self) -> &[PathBuf] {
        &self.leftovers_removed
    }

    /// Whether opening this vault for writing upgraded it from format version 1 to 2 (older
    /// clipvault builds cannot open it any more).
    pub fn upgraded_on_open(&self) -> bool {
        self.upgraded
    }

    /// The path this vault was opened from, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the file's tail is missing (something the index references lies past its
    /// end). Items inside the file still read; the vault cannot be written.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Whether both copies of the manifest (the list of index segments) were unreadable when
    /// this vault was opened for salvage: every item was then found by its item header.
    pub fn manifest_unreadable(&self) -> bool {
        self.manifest_lost
    }

    /// Whether parts of the index were unreadable when this vault was opened for salvage.
    pub fn index_incomplete(&self) -> bool {
        self.lost_segments > 0 || self.manifest_lost
    }

    /// How many index segments were unreadable in both copies (salvage mode), of how many
    /// the manifest lists. Their items are known only as far as their item headers are
    /// found ([`Vault::recovered_items`]).
    pub fn lost_index_segments(&self) -> (usize, usize) {
        let listed = self.segments.iter().filter(|s| s.place != super::index::Place::Recovered).count();
        (self.lost_segments, self.lost_segments + listed)
    }

    /// How many items a salvage open found by their item headers alone, their index copies
    /// being unreadable (format version 2; a version 1 vault has no item headers).
    pub fn recovered_items(&self) -> usize {
        self.recovered
    }

    /// The format version of the file as read: 1 until the first write upgrades it to 2.
    pub fn format_version(&self) -> u16 {
        self.version
    }

    /// Argon2id parameters of this vault.
    pub fn kdf_params(&self) -> KdfParams {
        self.superblock.kdf
    }

    /// Where both copies of the manifest are (version 2). For tests of damage.
    #[doc(hidden)]
    pub fn manifest_copies(&self) -> Option<[Extent; 2]> {
        self.manifest_ref.map(|b| {
            let len = u64::from(b.len);
            [Extent { offset: b.offset, len }, Extent { offset: b.mirror, len }]
        })
    }

    /// Where both copies of each custody log page are. For tests of tampering.
    #[doc(hidden)]
    pub fn custody_pages(&self) -> Vec<[Extent; 2]> {
        let pages = self.manifest.custody.iter().flat_map(|c| c.pages.iter());
        pages
            .map(|b| {
                let len = u64::from(b.len);
                [Extent { offset: b.offset, len }, Extent { offset: b.mirror, len }]
            })
            .collect()
    }

    /// The live index segments: where both copies are and the ids inside. For tests of
    /// shredding.
    #[doc(hidden)]
    pub fn index_segments(&self) -> Vec<([Extent; 2], Vec<u64>)> {
        self.segments.iter().map(|s| (s.place.copies(), s.body.items.iter().map(|i| i.id).collect())).collect()
    }

    pub(super) fn now(&self) -> u64 {
        self.clock.unwrap_or_else(unix_now)
    }

    /// The items shredded in this compartment (by uid), so that no merge brings them back.
    pub fn tombstones(&self) -> &[crate::format::v2::Tombstone] {
        &self.manifest.tombstones
    }

    /// This file's device id (FORMAT-v2.md §14.2).
    pub fn device(&self) -> [u8; 8] {
        self.manifest.device
    }

    /// A change made now, on this device (FORMAT-v2.md §14.2).
    pub(super) fn stamp(&self) -> crate::format::v2::Stamp {
        crate::format::v2::Stamp { time: self.now(), device: self.manifest.device }
    }
}

impl VaultWriter {
    // ----- internals -----

    pub(super) fn ensure_writable(&self) -> Result<(), VaultError> {
        if self.vault.poisoned {
            return Err(VaultError::Refused("an earlier write failed; open the vault again"));
        }
        Ok(())
    }

    pub(super) fn fresh_id(&mut self) -> u64 {
        loop {
            let id = self.vault.rng.next_u64();
            let batched = self.vault.batch.iter().flat_map(|b| b.items.iter()).any(|i| i.id == id);
            if id != 0 && self.item(id).is_err() && !batched {
                return id;
            }
        }
    }
}

pub(super) fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Drop for Vault {
    fn drop(&mut self) {
        self.superblock.slots.zeroize();
    }
}
