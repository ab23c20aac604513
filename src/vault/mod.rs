//! Vault operations: create, unlock, add, list, read, remove (shred), keys, verify, compact,
//! rotate, salvage. Data flows one way: these files turn operations into format structures
//! (`format`), seal them with keys (`crypto`) and write them through a [`Storage`].
//!
//! One concept per file, lower ones first; a file imports only files above it in this
//! list, never one below (`tests/it/layout.rs` checks it):
//! - `error`: the layer's error enums (what went wrong, which part, why a copy is unusable);
//! - `pipeline`: what the reading and the writing pipelines share;
//! - `read`: reading an item (a seekable reader and a parallel batch loop);
//! - `write`: writing a payload (reader, sealers, writer);
//! - `thumbnail_new`: a thumbnail made from an item's plaintext and written as its own payload;
//! - `blob`: version 2 blobs (two copies, checked against their SHA-256) and item headers;
//! - `index`: index segments and where they are (a version 2 blob, or version 1's copies);
//! - `handle`: the [`Vault`] (reader) and [`VaultWriter`] handles, the public option types,
//!   item lookup;
//! - `commit`: the commit protocol of FORMAT-v2.md (manifest, area, two superblock copies);
//! - `state`: the committed state a key opens, every range checked;
//! - `open`: create, and open as a reader or the writer (either version);
//! - `custody`: the evidence custody log, staged to land with a commit;
//! - `upgrade`: a version 1 file made version 2 in place, by its first writer;
//! - `items`: add and remove;
//! - `keys`: key slots;
//! - `evidence`: evidence marks, custody entries for them, the bundle signing key;
//! - `bundle`: the evidence bundle (files, sums, signature; a folder or a `.tar.age`);
//! - `backup`: the file whole under the writer's lock, and backup repository passwords;
//! - `compartments`: another compartment in the same file, opened by its own passphrase;
//! - `merge`: another copy of the vault folded into this one, item by item;
//! - `stale`: scrubbing replaced files and leftovers of killed writers;
//! - `maintenance`: verify, compact, rotate, salvage;
//! - `thumbnail_stored`: stored thumbnails read back, and stored for items that lack one;
//! - `destroy`: destroying every way in, without a key (the `panic` command).
//!
//! [`Storage`]: crate::storage::Storage

mod backup;
mod blob;
mod bundle;
mod commit;
mod compartments;
mod custody;
mod destroy;
mod error;
mod evidence;
mod handle;
mod index;
mod items;
mod keys;
mod maintenance;
mod merge;
mod open;
mod pipeline;
pub(crate) mod read;
mod stale;
mod state;
mod thumbnail_new;
mod thumbnail_stored;
mod upgrade;
mod write;

pub use backup::repository_password_from_passphrase;
pub use bundle::{BundleTarget, BundleWritten, INTIMATE_TAG};
pub use destroy::destroy_keys;
pub use error::{CopyDamage, Damage, VaultError};
pub use evidence::{Fingerprint, MAX_NOTE_LEN, MAX_SOURCE_LEN};
pub use handle::{
    AddOptions, Added, CreateOptions, Key, OpenOptions, Problem, SessionKey, TestSeed, Vault, VaultInfo, VaultWriter,
};
pub use items::StagedItem;
pub use merge::Merged;
pub use read::{ItemReader, OpenedChunks};
pub use thumbnail_new::{MAX_IMAGE_BYTES, NoThumbnail, ThumbnailAhead};
pub use thumbnail_stored::{MadeThumbnail, ThumbnailOutcome};
