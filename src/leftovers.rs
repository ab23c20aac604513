//! Finding copies of vaulted items outside the vault (`clipvault leftovers`): where phones and
//! desktops keep them (the gallery's trash and thumbnail caches, chat apps' media folders,
//! downloads), and the scan itself. A file is an **exact** copy when its SHA-256 is an item's
//! (only files of an item's exact size are hashed), and a **near** copy when it is an image
//! whose PDQ hash is within [`NEAR_DISTANCE`] bits of an item's thumbnail picture's (chat apps
//! re-encode and resize what they send, and a thumbnail cache holds small copies). The
//! scan reads files and never changes one; the caller decides what to remove. It knows no
//! vault: the caller says what to look for ([`Wanted`]).

use crate::format::v2::Pdq;
use crate::media::{fingerprint, thumbnail};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Most differing bits of two PDQ hashes for a near copy. Meta's StopNCII matching uses 31;
/// `tests/it/leftovers.rs` checks it against re-encodes, resizes and thumbnails made by
/// ffmpeg, and against unrelated photos.
pub const NEAR_DISTANCE: u32 = 31;
/// Lowest PDQ quality a near match is trusted at, on either side (the reference advises 50:
/// below it a picture is too flat for its hash to mean much).
pub const MIN_QUALITY: u8 = 50;
/// Largest file decoded to look for a near copy (as `add` bounds thumbnails).
pub const MAX_IMAGE_BYTES: u64 = 256 << 20;

/// What to look for: each item's size and SHA-256, and its thumbnail picture's PDQ hash.
#[derive(Default)]
pub struct Wanted {
    by_sha256: HashMap<[u8; 32], u64>,
    sizes: HashSet<u64>,
    pictures: Vec<(u64, Pdq)>,
}

impl Wanted {
    /// Item `id`, of `size` bytes hashing to `sha256`, with its picture's PDQ if known.
    pub fn add(&mut self, id: u64, size: u64, sha256: [u8; 32], pdq: Option<Pdq>) {
        self.by_sha256.insert(sha256, id);
        self.sizes.insert(size);
        if let Some(pdq) = pdq.filter(|p| p.quality >= MIN_QUALITY) {
            self.pictures.push((id, pdq));
        }
    }

    /// The closest item whose picture is within [`NEAR_DISTANCE`] of `pdq`.
    fn nearest(&self, pdq: &Pdq) -> Option<(u64, u32)> {
        self.pictures
            .iter()
            .map(|(id, known)| (*id, distance(&known.hash, &pdq.hash)))
            .filter(|(_, d)| *d <= NEAR_DISTANCE)
            .min_by_key(|(_, d)| *d)
    }
}

/// Bits that differ between two PDQ hashes.
pub fn distance(a: &[u8; 32], b: &[u8; 32]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// How a file matched an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// The same bytes.
    Exact,
    /// A picture within this many PDQ bits of the item's.
    Near(u32),
}

/// A copy found outside the vault.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    pub item: u64,
    pub likeness: Likeness,
    pub size: u64,
}

/// What a scan found and what it could not read.
#[derive(Debug, Default)]
pub struct Scan {
    pub found: Vec<Found>,
    pub unreadable: Vec<(PathBuf, io::Error)>,
    pub files: u64,
}

/// The folders searched when none is given, those of them that exist: on Termux, shared
/// storage (`~/storage/shared`: the camera and screenshots, pictures, downloads, WhatsApp's,
/// WhatsApp Business's and Telegram's media, with their `.trashed-*` files and `.thumbnails`
/// caches) and Termux's own `~/downloads`; elsewhere the user's Pictures, Downloads, Videos and
/// Desktop, the desktop's thumbnail cache and trash.
pub fn usual_places(home: &Path, termux: bool) -> Vec<PathBuf> {
    let places: Vec<PathBuf> = if termux {
        let shared = home.join("storage/shared");
        let mut places: Vec<PathBuf> =
            ["DCIM", "Pictures", "Download", "Movies", "Telegram"].iter().map(|p| shared.join(p)).collect();
        places.extend(
            ["com.whatsapp", "com.whatsapp.w4b", "org.telegram.messenger"]
                .iter()
                .map(|app| shared.join("Android/media").join(app)),
        );
        places.push(home.join("downloads"));
        places
    } else {
        ["Pictures", "Downloads", "Videos", "Desktop", ".cache/thumbnails", ".local/share/Trash/files"]
            .iter()
            .map(|p| home.join(p))
            .collect()
    };
    places.into_iter().filter(|p| p.is_dir()).collect()
}

/// Scans `roots` (folders, or single files) for copies of `wanted`, skipping `skip` (the vault
/// and its own files). Links are not followed; a file that cannot be read is reported, not
/// fatal. `progress` hears of every file looked at.
pub fn scan(roots: &[PathBuf], wanted: &Wanted, skip: &[PathBuf], mut progress: impl FnMut(&Path)) -> Scan {
    let mut scan = Scan::default();
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut seen = HashSet::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root).follow_links(false) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    scan.unreadable.push((path, e.into()));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            // One file under two roots is looked at once.
            let Ok(canonical) = path.canonicalize() else { continue };
            if skip.contains(&canonical) || !seen.insert(canonical) {
                continue;
            }
            scan.files += 1;
            progress(path);
            match look_at(path, wanted) {
                Ok(Some((item, likeness, size))) => {
                    scan.found.push(Found { path: path.to_path_buf(), item, likeness, size })
                }
                Ok(None) => {}
                Err(e) => scan.unreadable.push((path.to_path_buf(), e)),
            }
        }
    }
    scan
}

/// Whether the file at `path` is a copy of a wanted item: exact first, then near. The file is
/// opened once and each byte read once: a picture that may be a near copy is read whole into
/// memory (within the thumbnailer's bound) and hashed from there; any other file of a wanted
/// size is hashed as it streams.
fn look_at(path: &Path, wanted: &Wanted) -> io::Result<Option<(u64, Likeness, u64)>> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let exact_possible = wanted.sizes.contains(&size);
    let near_possible = !wanted.pictures.is_empty() && size <= MAX_IMAGE_BYTES;
    if !exact_possible && !near_possible {
        return Ok(None);
    }
    // The first bytes say whether it is a picture, whatever its name (Android's trash renames,
    // thumbnail caches drop extensions), as `add` types what it stores.
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(HEAD_LEN));
    (&mut file).take(HEAD_LEN as u64).read_to_end(&mut bytes)?;
    let picture = near_possible && crate::media::detect(&bytes).starts_with("image/");
    if picture {
        let rest = (size as usize).saturating_sub(bytes.len());
        bytes.reserve_exact(rest);
        (&mut file).take(MAX_IMAGE_BYTES).read_to_end(&mut bytes)?;
    }
    if exact_possible {
        let mut hasher = Sha256::new();
        hasher.update(&bytes[..]);
        if !picture {
            io::copy(&mut file, &mut hasher)?;
        }
        let digest: [u8; 32] = hasher.finalize().into();
        if let Some(id) = wanted.by_sha256.get(&digest) {
            return Ok(Some((*id, Likeness::Exact, size)));
        }
    }
    if !picture {
        return Ok(None);
    }
    // The same picture the vault hashed for its items: the upright, small thumbnail.
    let Ok(thumbnail) = thumbnail::of_image(&bytes) else { return Ok(None) };
    let Some(pdq) = fingerprint::pdq_of_picture(&thumbnail.jpeg) else { return Ok(None) };
    if pdq.quality < MIN_QUALITY {
        return Ok(None);
    }
    Ok(wanted.nearest(&pdq).map(|(id, d)| (id, Likeness::Near(d), size)))
}

/// Bytes read to tell a file's type.
const HEAD_LEN: usize = 8192;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_copy_needs_the_same_size_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let mut wanted = Wanted::default();
        wanted.add(7, 5, Sha256::digest(b"hello").into(), None);
        std::fs::write(dir.path().join(".trashed-1700000000-a.txt"), b"hello").unwrap();
        std::fs::write(dir.path().join("b.txt"), b"hellO").unwrap();
        std::fs::write(dir.path().join("c.txt"), b"hello!").unwrap();
        let scan = scan(&[dir.path().to_path_buf()], &wanted, &[], |_| {});
        assert_eq!(scan.files, 3);
        assert_eq!(scan.found.len(), 1);
        assert!(scan.found[0].path.ends_with(".trashed-1700000000-a.txt"));
        assert_eq!((scan.found[0].item, scan.found[0].likeness), (7, Likeness::Exact));
    }
}
