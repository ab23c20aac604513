//! Bringing media in: `add` (files, folders, stdin; `--move` wipes each original once its
//! item reads back equal) and `import` of age files, with what both say at the end (skipped,
//! stopped, thumbnails); and the helpers `items.rs` shares: wiping reports, the note that a
//! tag is not evidence.

use super::args::{AddArgs, ImportArgs, ThumbnailsWhen};
use super::error::{CliError, io_error, plain_io};
use super::output::{display_name, human_size, shown};
use super::prompt;
use super::session::*;
use clipvault::vault::{MAX_IMAGE_BYTES, ThumbnailAhead};
use clipvault::wipe::{Wiped, wipe_file};
use clipvault::{AddOptions, Added, KdfParams, Passphrase, Vault, VaultError, VaultWriter, fl};
use sha2::{Digest, Sha256};
use std::io::IsTerminal;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// One thing to add: a file, or standard input.
enum Source {
    Stdin,
    File { path: PathBuf, name: Vec<u8> },
}

fn expand_sources(args: &AddArgs) -> Result<Vec<Source>, CliError> {
    let mut sources = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            if args.name.is_none() {
                return Err(CliError::Usage(fl!("add-stdin-needs-name")));
            }
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| io_error(&fl!("add-cannot-add"), path, &e))?;
        if meta.is_dir() {
            let base = path.parent().unwrap_or(Path::new(""));
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(false).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    CliError::Failed(fl!("add-cannot-read-folder", path = shown(path), reason = e.to_string()))
                })?;
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
                    found.push(Source::File {
                        path: entry.path().to_path_buf(),
                        name: rel.as_os_str().as_bytes().to_vec(),
                    });
                }
            }
            sources.extend(found);
        } else if meta.is_file() {
            let name = path.file_name().unwrap_or(path.as_os_str()).as_bytes().to_vec();
            sources.push(Source::File { path: path.clone(), name });
        } else {
            return Err(CliError::Failed(fl!("add-not-a-file", path = shown(path))));
        }
    }
    if args.name.is_some() && sources.len() != 1 {
        return Err(CliError::Usage(fl!("add-name-needs-one-file")));
    }
    Ok(sources)
}

pub(super) fn add(ctx: &Ctx, args: &AddArgs) -> Result<(), CliError> {
    let sources = expand_sources(args)?;
    // Started before the vault is opened: the first thumbnail is made while the passphrase
    // is asked and the key derived. With `--thumbnails later` it only reads each photo for
    // the location note, and the thumbnails are made once the items are stored.
    let later = args.thumbnails == ThumbnailsWhen::Later;
    let ahead = (!args.no_thumbnails).then(|| ThumbnailsAhead::start(&sources, !later));
    let mut vault = if ctx.is_default_path && !ctx.vault_path.exists() && std::io::stdin().is_terminal() {
        let question = fl!("add-create-vault-question", path = shown(&ctx.vault_path));
        if !prompt::confirm(&question)? {
            return Err(CliError::Failed(fl!("add-no-vault-created")));
        }
        create_vault(ctx, KdfParams::default(), false, false, false)?
    } else {
        open_writer(ctx)?
    };
    let mut notes = AddNotes { skipped: (sources.len() > 1).then(Skipped::default), ..Default::default() };
    // Ctrl-C from here on stops between reads and between items, so that what was stored can
    // be said (before, the process just ends: nothing was stored yet).
    let stop = super::interrupt::StopBetweenSteps::new();
    let total = sources.len();
    // Items are committed in batches (one commit, a few syncs, for up to BATCH_ITEMS items);
    // each is reported, marked and its original moved only once its batch is committed.
    vault.begin_batch();
    let mut waiting = Vec::new();
    for (done, source) in sources.into_iter().enumerate() {
        let name = match &source {
            Source::Stdin => fl!("add-standard-input"),
            Source::File { path, .. } => shown(path),
        };
        // A big file is a batch of its own: what came before is committed and said first.
        if let Source::File { path, .. } = &source
            && std::fs::metadata(path).is_ok_and(|m| m.len() >= BIG_FILE)
        {
            finish_batch(ctx, &mut vault, args, &mut waiting, &mut notes, &stop)?;
        }
        let made = ahead.as_ref().map(ThumbnailsAhead::next).unwrap_or_default();
        let added = add_one(ctx, &mut vault, args, source, made.thumbnail, &mut notes, &stop, &mut waiting);
        if added.is_ok() && made.located {
            ctx.status.say(&fl!("add-carries-location", name = name.as_str()));
        }
        if let Some(stopped) = stop.stopped() {
            // What was written is committed and said before stopping.
            finish_batch(ctx, &mut vault, args, &mut waiting, &mut notes, &stop)?;
            let stored = done + usize::from(added.is_ok());
            ctx.status.say(&stopped_note(&name, added.is_ok(), stored, total));
            return Err(stopped);
        }
        if added.is_err() {
            finish_batch(ctx, &mut vault, args, &mut waiting, &mut notes, &stop)?;
        }
        added?;
        let (items, bytes) = vault.batched();
        if items >= BATCH_ITEMS || bytes >= BATCH_BYTES {
            finish_batch(ctx, &mut vault, args, &mut waiting, &mut notes, &stop)?;
        }
    }
    finish_batch(ctx, &mut vault, args, &mut waiting, &mut notes, &stop)?;
    if later && !vault.lacking_thumbnails().is_empty() {
        let session = vault.session_key();
        // The lock goes first: the background process takes it to store each batch.
        drop(vault);
        ctx.status.say(&match super::thumbnails_later::start_later(&ctx.vault_path, &session) {
            Ok(()) => fl!("add-thumbnails-later"),
            Err(e) => fl!("add-thumbnails-later-failed", reason = e.to_string()),
        });
    }
    if args.move_originals {
        remove_emptied_folders(&args.paths);
    }
    if let Some(skipped) = notes.skipped.filter(|s| s.count > 0) {
        ctx.status.say(&match skipped.tagged {
            0 => fl!("add-skipped-summary", skipped = skipped.count, total = total),
            n => fl!("add-skipped-summary-tagged", skipped = skipped.count, total = total, tagged = n),
        });
    }
    Ok(())
}

/// After `add --move FOLDER`: the sub-folders its files left empty are removed too (their
/// names can say as much as the files did). FOLDER itself stays: it may be the camera's.
fn remove_emptied_folders(paths: &[PathBuf]) {
    for path in paths.iter().filter(|p| p.is_dir()) {
        let walk = walkdir::WalkDir::new(path).min_depth(1).follow_links(false).contents_first(true);
        for entry in walk.into_iter().flatten().filter(|e| e.file_type().is_dir()) {
            // Fails, as it should, for a folder that still holds anything.
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

/// What an add stopped by a signal leaves: `name` was the item in progress.
fn stopped_note(name: &str, name_stored: bool, stored: usize, total: usize) -> String {
    match (total, name_stored) {
        (1, true) => fl!("add-stopped-stored", name = name),
        (1, false) => fl!("add-stopped-not-stored", name = name),
        (_, true) => fl!("add-stopped-some-stored", name = name, stored = stored, total = total),
        (_, false) => fl!("add-stopped-some-not-stored", name = name, stored = stored, total = total),
    }
}

/// What was read ahead of one source: its thumbnail, and whether the file says where it was
/// taken (a photo's GPS position).
#[derive(Default)]
struct MadeAhead {
    thumbnail: Option<ThumbnailAhead>,
    located: bool,
}

/// The thumbnails of the image files to add, made on every core at once (a pool of one
/// thread per core, up to 8), in the order of the files: the first while the passphrase is
/// asked and the key derived, the next ones while the files before them are encrypted, so a
/// folder of photos waits for its decoding divided among the cores, not for one image after
/// another. Each image is decoded within the thumbnailer's own limits (memory, size), so at
/// most one image per thread is in memory, and the pool runs at most [`AHEAD_PER_THREAD`]
/// items per thread ahead of the add. The add stores a thumbnail only if the content it reads
/// has the hash it was made from.
struct ThumbnailsAhead {
    made: std::sync::mpsc::Receiver<(usize, MadeAhead)>,
    /// What arrived before its turn, by position.
    early: std::cell::RefCell<std::collections::BTreeMap<usize, MadeAhead>>,
    /// The next position the add asks for, shared with the pool so that it does not run too
    /// far ahead.
    turn: std::sync::Arc<(std::sync::Mutex<usize>, std::sync::Condvar)>,
}

/// How many items each pool thread may work ahead of the add.
const AHEAD_PER_THREAD: usize = 2;

impl ThumbnailsAhead {
    /// With `decode` false, each image is only read for the location note.
    fn start(sources: &[Source], decode: bool) -> ThumbnailsAhead {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, Condvar, Mutex};
        let paths: Arc<Vec<Option<PathBuf>>> = Arc::new(
            sources
                .iter()
                .map(|s| match s {
                    Source::File { path, .. } => Some(path.clone()),
                    Source::Stdin => None,
                })
                .collect(),
        );
        let threads = clipvault::media::thumbnail::decoding_threads().min(paths.len().max(1));
        let (send, made) = std::sync::mpsc::channel();
        let next = Arc::new(AtomicUsize::new(0));
        let turn = Arc::new((Mutex::new(0usize), Condvar::new()));
        for _ in 0..threads {
            let (paths, next, turn, send) = (paths.clone(), next.clone(), turn.clone(), send.clone());
            std::thread::spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = paths.get(index) else { return };
                    // Not too far ahead of the add: wait for it to come closer.
                    let (lock, moved) = &*turn;
                    let mut at = lock.lock().unwrap_or_else(|p| p.into_inner());
                    while index >= *at + threads * AHEAD_PER_THREAD {
                        at = moved.wait(at).unwrap_or_else(|p| p.into_inner());
                    }
                    drop(at);
                    let made = path.as_deref().and_then(|p| ThumbnailsAhead::of_file(p, decode)).unwrap_or_default();
                    if send.send((index, made)).is_err() {
                        return;
                    }
                }
            });
        }
        ThumbnailsAhead { made, early: Default::default(), turn }
    }

    /// What was made for the next source, in order (nothing for standard input, files that
    /// are no image, or larger than thumbnails are made of).
    fn next(&self) -> MadeAhead {
        let (lock, moved) = &*self.turn;
        let index = {
            let mut at = lock.lock().unwrap_or_else(|p| p.into_inner());
            let index = *at;
            *at += 1;
            index
        };
        moved.notify_all();
        let mut early = self.early.borrow_mut();
        if let Some(made) = early.remove(&index) {
            return made;
        }
        while let Ok((position, made)) = self.made.recv() {
            if position == index {
                return made;
            }
            early.insert(position, made);
        }
        MadeAhead::default()
    }

    fn of_file(path: &Path, decode: bool) -> Option<MadeAhead> {
        use std::io::Read;
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: a file swapped for a FIFO meanwhile must not hold the add up.
        let mut file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_IMAGE_BYTES {
            return None;
        }
        // The first bytes say whether it is an image at all: a video is not read ahead.
        let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(8192));
        (&mut file).take(8192).read_to_end(&mut bytes).ok()?;
        if !clipvault::media::detect(&bytes).starts_with("image/") {
            return None;
        }
        // Reserved whole, so the image is never copied into a larger buffer and left behind.
        let rest = meta.len().saturating_sub(bytes.len() as u64) as usize;
        bytes.reserve_exact(rest);
        file.take(MAX_IMAGE_BYTES).read_to_end(&mut bytes).ok()?;
        let located = clipvault::media::metadata::inspect(&bytes).location.is_some();
        Some(MadeAhead { thumbnail: decode.then(|| ThumbnailAhead::of_image(&bytes)), located })
    }
}

/// What an add says about its items beyond "added": one line per item that got no
/// thumbnail, but a missing tool (ffmpeg, libheif's decoder) only once; and for a folder or
/// several files, the items skipped as already stored are counted for one line at the end
/// instead of a line each (a re-added folder of 500 photos said "skipped" 500 times).
#[derive(Default)]
pub(super) struct AddNotes {
    said_no_ffmpeg: bool,
    said_no_heif: bool,
    skipped: Option<Skipped>,
}

#[derive(Default)]
struct Skipped {
    count: usize,
    tagged: usize,
}

impl AddNotes {
    pub(super) fn say(&mut self, ctx: &Ctx, name: &[u8], why: &clipvault::vault::NoThumbnail) {
        use clipvault::media::{heif::HeifError, thumbnail::ThumbnailError, video::VideoError};
        use clipvault::vault::NoThumbnail;
        let (said, no_ffmpeg) = match why {
            NoThumbnail::Video(VideoError::NoFfmpeg) => (&mut self.said_no_ffmpeg, true),
            NoThumbnail::Image(ThumbnailError::Heif(HeifError::NoDecoder)) => (&mut self.said_no_heif, false),
            _ => {
                let note = fl!("add-no-thumbnail", name = display_name(name), why = why.to_string());
                return ctx.status.say(&note);
            }
        };
        if !std::mem::replace(said, true) {
            let why = why.to_string();
            ctx.status.say(&if no_ffmpeg { fl!("add-no-ffmpeg", why = why) } else { fl!("add-no-heif", why = why) });
        }
    }
}

/// Items per commit when adding many: a phone's flash pays milliseconds for each sync, and
/// every commit writes a manifest and an index segment, twice each.
const BATCH_ITEMS: usize = 64;
/// Plaintext bytes per commit: a big video is committed (and reported) on its own.
const BATCH_BYTES: u64 = 64 << 20;
/// A file this big takes long enough to add that the items before it are committed (and
/// said) first.
const BIG_FILE: u64 = 16 << 20;

/// An item written in the current batch, to report and finish once the batch is committed.
struct Waiting {
    id: u64,
    no_thumbnail: Option<clipvault::vault::NoThumbnail>,
    original: Option<PathBuf>,
}

/// Commits the batch, then says what each of its items became and finishes it (evidence mark,
/// the original wiped with --move).
fn finish_batch(
    ctx: &Ctx,
    vault: &mut VaultWriter,
    args: &AddArgs,
    waiting: &mut Vec<Waiting>,
    notes: &mut AddNotes,
    stop: &super::interrupt::StopBetweenSteps,
) -> Result<(), CliError> {
    vault.commit_batch()?;
    if let Some(why) = vault.unfinished_wipe() {
        ctx.status.say(&fl!("add-wipe-unfinished", why = why.to_string()));
    }
    for Waiting { id, no_thumbnail, original } in waiting.drain(..) {
        let item = vault.item(id)?;
        ctx.status.say(&fl!(
            "add-added",
            name = display_name(&item.name),
            id = short_id(id),
            size = human_size(item.size),
            media = item.media_type.as_str()
        ));
        if let Some(why) = no_thumbnail {
            notes.say(ctx, &item.name, &why);
        }
        if !args.evidence {
            say_a_tag_is_not_evidence(ctx, &args.tags, &[display_name(&item.name)]);
        }
        if let Some(twin) = vault.items().find(|other| other.id != id && other.sha256 == item.sha256) {
            ctx.status.say(&fl!("add-same-content", id = short_id(twin.id), name = display_name(&twin.name)));
        }
        finish_one(ctx, vault, args, id, original, stop)?;
    }
    Ok(())
}

/// What follows an item's storing: the evidence mark, and with --move the original wiped.
fn finish_one(
    ctx: &Ctx,
    vault: &mut VaultWriter,
    args: &AddArgs,
    id: u64,
    original: Option<PathBuf>,
    stop: &super::interrupt::StopBetweenSteps,
) -> Result<(), CliError> {
    if args.evidence {
        vault.mark_evidence(&[id], &args.note, &args.source)?;
        ctx.status.say(&fl!("add-marked-evidence", id = short_id(id)));
    }
    // Stopped by a signal: the original is kept (it is stored, and can be wiped later).
    if args.move_originals && stop.stopped().is_none() {
        // A duplicate's content is in the vault too: the original can go all the same.
        match original {
            Some(path) => move_original(ctx, vault, id, &path)?,
            None => ctx.status.say(&fl!("add-stdin-no-original")),
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add_one(
    ctx: &Ctx,
    vault: &mut VaultWriter,
    args: &AddArgs,
    source: Source,
    thumbnail_ahead: Option<ThumbnailAhead>,
    notes: &mut AddNotes,
    stop: &super::interrupt::StopBetweenSteps,
    waiting: &mut Vec<Waiting>,
) -> Result<(), CliError> {
    let options = AddOptions {
        tags: args.tags.clone(),
        skip_duplicate: !args.allow_duplicates,
        thumbnail: !args.no_thumbnails && args.thumbnails == ThumbnailsWhen::Now,
        thumbnail_ahead,
        ..Default::default()
    };
    let (added, original) = match source {
        Source::Stdin => {
            let name = args.name.as_ref().expect("checked in expand_sources").as_bytes();
            let bar = ctx.status.bytes_bar(0, &fl!("add-progress"));
            // Through an unlock session a Ctrl-C is passed on by the caller, so it can come
            // after the end of a pipe its writer closed by dying of it.
            let settle = match std::env::var_os(super::agent::SESSION_FD_VAR) {
                Some(_) => std::time::Duration::from_millis(300),
                None => std::time::Duration::ZERO,
            };
            let stdin = bar.wrap_read(std::io::stdin().lock());
            let added = vault.add_item(&mut stop.reading_pipe(stdin, settle), name, &options);
            bar.finish_and_clear();
            (added.map_err(|e| (e, PathBuf::from(fl!("add-standard-input")))), None)
        }
        Source::File { path, name } => {
            let file = std::fs::File::open(&path).map_err(|e| io_error(&fl!("add-cannot-add"), &path, &e))?;
            let meta = file.metadata().map_err(|e| io_error(&fl!("add-cannot-add"), &path, &e))?;
            if is_same_file(&meta, &ctx.vault_path) {
                // Reading the vault while appending to it would never reach the end.
                return Err(CliError::Usage(fl!("add-is-the-vault", path = shown(&path))));
            }
            let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_secs());
            let name = args.name.as_ref().map(|n| n.as_bytes().to_vec()).unwrap_or(name);
            let bar = ctx.status.bytes_bar(meta.len(), &fl!("add-progress"));
            let added =
                vault.add_item(&mut stop.reading(bar.wrap_read(file)), &name, &AddOptions { modified, ..options });
            bar.finish_and_clear();
            (added.map_err(|e| (e, path.clone())), Some(path))
        }
    };
    let (error, path) = match added {
        Ok(Added { id, no_thumbnail }) => {
            // Said and finished once its batch is committed.
            waiting.push(Waiting { id, no_thumbnail, original });
            return Ok(());
        }
        Err(failed) => failed,
    };
    if let VaultError::Duplicate(existing) = error
        && vault.item(existing).is_err()
    {
        // A twin in this very batch: committed first, so that it can be looked up.
        finish_batch(ctx, vault, args, waiting, notes, stop)?;
    }
    let id = match (error, path) {
        (VaultError::Duplicate(existing), path) if args.evidence => {
            // Already in the vault: marking the stored copy is what was asked.
            ctx.status.say(&fl!("add-already-marking", path = shown(&path)));
            existing
        }
        (VaultError::Duplicate(existing), path) => {
            // The tags asked for still apply to the copy already stored.
            let item = vault.item(existing)?;
            let new_tags: Vec<String> = args.tags.iter().filter(|t| !item.tags.contains(t)).cloned().collect();
            if !new_tags.is_empty() {
                vault.retag(&[existing], &new_tags, &[])?;
            }
            if notes.skipped.is_none() {
                let item = vault.item(existing)?;
                let (path, id, name) = (shown(&path), short_id(existing), display_name(&item.name));
                ctx.status.say(&match new_tags.len() {
                    0 => fl!("add-skipped", path = path, id = id, name = name),
                    _ => fl!("add-skipped-tagged", path = path, id = id, name = name, tags = new_tags.join(", ")),
                });
            }
            if let Some(skipped) = &mut notes.skipped {
                skipped.count += 1;
                skipped.tagged += usize::from(!new_tags.is_empty());
            }
            existing
        }
        (e, path) => return Err(add_error(e, &path)),
    };
    finish_one(ctx, vault, args, id, original, stop)
}

pub(super) fn is_same_file(meta: &std::fs::Metadata, other: &Path) -> bool {
    use clipvault::storage::file_id;
    std::fs::metadata(other).is_ok_and(|o| file_id(&o) == file_id(meta))
}

/// The first 8 hex digits of an item's id, as the add's lines show it.
fn short_id(id: u64) -> String {
    format!("{:08x}", id >> 32)
}

fn add_error(e: VaultError, path: &Path) -> CliError {
    match e {
        VaultError::Io(io) => io_error(&fl!("add-cannot-add"), path, &io),
        other => other.into(),
    }
}

/// Wipes an original only after its copy is committed, read back, and matches its hash.
fn move_original(ctx: &Ctx, vault: &Vault, id: u64, path: &Path) -> Result<(), CliError> {
    let item = vault.item(id)?;
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(CliError::Failed(match std::fs::canonicalize(path) {
            Ok(target) => fl!("add-symlink-kept", path = shown(path), target = shown(target)),
            Err(_) => fl!("add-symlink-kept-unknown", path = shown(path)),
        }));
    }
    let mut hasher = Sha256::new();
    vault.read_item_to(id, &mut HashWriter(&mut hasher))?;
    if <[u8; 32]>::from(hasher.finalize()) != item.sha256 {
        return Err(CliError::Damaged(fl!("add-reads-back-wrong", path = shown(path))));
    }
    // The original must still be what was stored: a file changed since would lose the change.
    let reread = fl!("add-cannot-reread");
    let mut original = std::fs::File::open(path).map_err(|e| io_error(&reread, path, &e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut original, &mut HashWriter(&mut hasher)).map_err(|e| io_error(&reread, path, &e))?;
    if <[u8; 32]>::from(hasher.finalize()) != item.sha256 {
        return Err(CliError::Failed(fl!("add-changed-meanwhile", path = shown(path))));
    }
    match wipe_file(path) {
        Ok(outcome) => {
            ctx.status.say(&wipe_report(path, &outcome));
            Ok(())
        }
        Err(e) => Err(io_error(&fl!("add-cannot-wipe"), path, &e)),
    }
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(super) fn wipe_report(path: &Path, outcome: &Wiped) -> String {
    match outcome {
        Wiped::File => fl!("wipe-wiped", path = shown(path)),
        Wiped::Link => fl!("wipe-removed-link", path = shown(path)),
        Wiped::OtherLinksRemain(n) => fl!("wipe-other-links", path = shown(path), links = (*n)),
    }
}

pub(super) fn import(ctx: &Ctx, args: &ImportArgs) -> Result<(), CliError> {
    let mut notes = AddNotes::default();
    let identities: Vec<Box<dyn age::Identity>> = match (&args.age_passphrase_file, args.age_passphrase) {
        (Some(path), _) => vec![scrypt_identity(prompt::from_file(path)?, ctx.global.allow_costly_kdf)],
        (None, true) => {
            vec![scrypt_identity(prompt::ask(&fl!("import-prompt-age-passphrase"))?, ctx.global.allow_costly_kdf)]
        }
        (None, false) if args.identities.is_empty() => {
            return Err(CliError::Usage(fl!("import-needs-identity")));
        }
        (None, false) => {
            let mut all = Vec::new();
            for path in &args.identities {
                let file = age::IdentityFile::from_file(path.to_string_lossy().into_owned())
                    .map_err(|e| io_error(&fl!("import-cannot-read-identity"), path, &e))?;
                all.extend(file.into_identities().map_err(|e| {
                    CliError::Failed(fl!("import-no-identity", path = shown(path), reason = e.to_string()))
                })?);
            }
            all
        }
    };
    let mut vault = open_writer(ctx)?;
    for path in &args.files {
        let file = std::fs::File::open(path).map_err(|e| io_error(&fl!("import-cannot-import"), path, &e))?;
        let bar = ctx.status.bytes_bar(file.metadata().map(|m| m.len()).unwrap_or(0), &fl!("import-progress"));
        let decryptor = age::Decryptor::new(std::io::BufReader::new(bar.wrap_read(file)))
            .map_err(|e| import_failed(path, e.to_string()))?;
        let mut reader = decryptor
            .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
            .map_err(|e| decrypt_error(path, e))?;
        let file_name = path.file_name().unwrap_or(path.as_os_str()).as_bytes();
        let name = file_name.strip_suffix(b".age").filter(|n| !n.is_empty()).unwrap_or(file_name).to_vec();
        let options =
            AddOptions { tags: args.tags.clone(), skip_duplicate: true, thumbnail: true, ..Default::default() };
        let id = match vault.add_item(&mut reader, &name, &options) {
            Ok(Added { id, no_thumbnail }) => {
                if let Some(why) = no_thumbnail {
                    notes.say(ctx, &name, &why);
                }
                id
            }
            Err(VaultError::Duplicate(existing)) => {
                bar.finish_and_clear();
                ctx.status.say(&fl!("import-skipped", path = shown(path), id = short_id(existing)));
                continue;
            }
            Err(VaultError::Io(io)) => return Err(import_failed(path, plain_io(&io))),
            Err(other) => return Err(other.into()),
        };
        bar.finish_and_clear();
        ctx.status.say(&fl!("import-imported", name = display_name(&name), id = short_id(id)));
    }
    Ok(())
}

fn import_failed(path: &Path, reason: String) -> CliError {
    CliError::Failed(fl!("import-failed", path = shown(path), reason = reason))
}

/// Why an age file does not decrypt: a passphrase too costly to try is said with what to do.
fn decrypt_error(path: &Path, e: age::DecryptError) -> CliError {
    match e {
        age::DecryptError::ExcessiveWork { required, .. } => CliError::Failed(fl!(
            "import-costly-kdf",
            path = shown(path),
            factor = required,
            mib = (1u64 << required.saturating_sub(10).min(40)),
            allowed = clipvault::age_file::affordable_scrypt_work_factor()
        )),
        e => import_failed(path, e.to_string()),
    }
}

fn scrypt_identity(pass: Passphrase, allow_costly: bool) -> Box<dyn age::Identity> {
    Box::new(clipvault::age_file::passphrase_identity(&pass, allow_costly))
}

/// Words people tag evidence with, in the languages of this vault's users: such a tag is only
/// a word, and the item is no evidence (no custody log, shredded without `--force`).
const EVIDENCE_WORDS: [&str; 10] =
    ["evidence", "proof", "proofs", "सबूत", "साक्ष्य", "प्रमाण", "saboot", "subut", "دليل", "أدلة"];

/// When `tags` holds a word for evidence and `names` are not marked, says how to mark them.
pub(super) fn say_a_tag_is_not_evidence(ctx: &Ctx, tags: &[String], names: &[String]) {
    let evidence_word = tags.iter().any(|tag| EVIDENCE_WORDS.iter().any(|word| tag.to_lowercase() == *word));
    if evidence_word && !names.is_empty() {
        let first = names.first().map(String::as_str).unwrap_or("ITEM");
        ctx.status.say(&fl!("add-tag-not-evidence", names = names.join(", "), first = first));
    }
}
