//! Destroying files outside the vault as well as software can: overwrite in place with
//! random bytes, sync, truncate, rename to a random name, unlink, sync the directory.
//!
//! What this cannot promise on flash storage, copy-on-write or journaling filesystems and
//! backups is written down in SECURITY.md.

use crate::storage::{file_id, open_no_follow};
use rand::RngCore;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What wiping one path did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wiped {
    /// Overwritten, truncated, renamed and unlinked.
    File,
    /// A symbolic link: the link was removed, its target left alone.
    Link,
    /// The file has other hard links: this name was removed, but the content is still
    /// reachable through the others, so it was not overwritten.
    OtherLinksRemain(u64),
}

/// Wipes one file (or removes one symlink). Directories and special files are refused.
///
/// The file is opened once without following links and every check is made on what was
/// opened, so swapping the path for a link between the check and the open (to make clipvault
/// overwrite another file) fails instead.
pub fn wipe_file(path: &Path) -> io::Result<Wiped> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::remove_file(path)?;
        sync_dir_of(path)?;
        return Ok(Wiped::Link);
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    let opened = open_no_follow(path, OpenOptions::new().read(true))?;
    let meta = opened.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory"));
    }
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let links = hard_links(&meta);
    if links > 1 {
        fs::remove_file(path)?;
        sync_dir_of(path)?;
        return Ok(Wiped::OtherLinksRemain(links - 1));
    }
    if meta.permissions().readonly() {
        // We own it (we could unlink it anyway); make it writable to overwrite it.
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        opened.set_permissions(perms)?;
    }
    let file = open_no_follow(path, OpenOptions::new().write(true))?;
    if file_id(&file.metadata()?) != file_id(&meta) {
        return Err(io::Error::other("the file was replaced while it was being wiped; nothing was overwritten"));
    }
    drop(opened);
    overwrite_open(&file)?;
    drop(file);
    let renamed = random_sibling(path);
    fs::rename(path, &renamed)?;
    fs::remove_file(&renamed)?;
    sync_dir_of(path)?;
    Ok(Wiped::File)
}

/// Overwrites an open file (opened for writing) from its start to its end with random
/// bytes, syncs, then truncates it to nothing and syncs again.
pub fn overwrite_open(mut file: &fs::File) -> io::Result<()> {
    use std::io::Seek;
    file.seek(io::SeekFrom::Start(0))?;
    let mut block = vec![0u8; 1 << 20];
    let mut rng = rand::rngs::OsRng;
    let mut left = file.metadata()?.len();
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        rng.fill_bytes(&mut block[..n]);
        file.write_all(&block[..n])?;
        left -= n as u64;
    }
    file.sync_all()?;
    file.set_len(0)?;
    file.sync_all()
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_meta: &fs::Metadata) -> u64 {
    1
}

fn random_sibling(path: &Path) -> PathBuf {
    let mut name = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut name);
    path.with_file_name(format!(".{}", hex::encode(name)))
}

fn sync_dir_of(path: &Path) -> io::Result<()> {
    crate::storage::sync_parent_dir(path)
}
