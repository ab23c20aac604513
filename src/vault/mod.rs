//! Vault operations: create, unlock, add, list, read, remove (shred), keys, verify, compact,
//! rotate, salvage. Data flows one way: these files turn operations into format structures
//! (`format`), seal them with keys (`crypto`) and write them through a [`Storage`].
//!
//! One concept per file, lower ones first; a file imports only files above it in this
//! list, never one below (`tests/layout.rs` checks it):
//! - `error`: the layer's error enum and damage kinds;
//! - `pipeline`: what the reading and the writing pipelines share;
//! - `read`: reading an item (a seekable reader and a parallel batch loop);
//! - `write`: writing a payload (reader, sealers, writer);
//! - `index`: index segments, sealed and opened;
//! - `handle`: the [`Vault`] handle, its public option types, item lookup;
//! - `commit`: the commit protocol of FORMAT.md §8;
//! - `open`: create and unlock;
//! - `items`: add and remove;
//! - `keys`: key slots;
//! - `stale`: scrubbing replaced files and leftovers of killed writers;
//! - `maintenance`: verify, compact, rotate, salvage;
//! - `thumbnails`: an item's thumbnail, made in memory;
//! - `panic`: destroying every way in, without a key.
//!
//! [`Storage`]: crate::storage::Storage

mod commit;
mod error;
mod handle;
mod index;
mod items;
mod keys;
mod maintenance;
mod open;
mod panic;
mod pipeline;
pub(crate) mod read;
mod stale;
mod thumbnails;
mod write;

pub use error::{Damage, VaultError};
pub use handle::{AddOptions, CreateOptions, Key, OpenOptions, Problem, SessionKey, Vault, VaultInfo};
pub use panic::destroy_keys;
pub use read::{ItemReader, OpenedChunks};
pub use thumbnails::{MAX_IMAGE_BYTES, NoThumbnail};
