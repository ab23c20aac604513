//! Commands that take plaintext out: `cat` and `export` (plain files or age files). `view`
//! has its own file (`view.rs`).

use super::args::{AgeExportArgs, ExportArgs, ThumbnailsArgs};
use super::error::{CliError, io_error, output_error};
use super::output::{self, display_name, shown};
use super::resolve::resolve;
use super::session::*;
use super::{interrupt, prompt};
use clipvault::media::strip;
use clipvault::names;
use clipvault::vault::MAX_IMAGE_BYTES;
use clipvault::{ItemRecord, Vault, VaultError, fl};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

pub(super) fn cat(ctx: &Ctx, query: &OsStr) -> Result<(), CliError> {
    if std::io::stdout().is_terminal() {
        return Err(CliError::Usage(fl!("cat-refuses-terminal")));
    }
    let vault = open(ctx)?;
    let id = resolve(&vault, query)?.id;
    match vault.read_item_to(id, &mut output::stdout().lock()) {
        Err(VaultError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(VaultError::Io(e)) => Err(output_error(e)),
        other => other.map_err(Into::into),
    }
}

/// `thumb`: the item's thumbnail, made now in memory (images decoded at scale, videos through
/// ffmpeg reading the decrypting reader over loopback), to standard output.
pub(super) fn thumb(ctx: &Ctx, query: &OsStr) -> Result<(), CliError> {
    if std::io::stdout().is_terminal() {
        return Err(CliError::Usage(fl!("thumb-refuses-terminal")));
    }
    let vault = open(ctx)?;
    let item = resolve(&vault, query)?;
    let jpeg = vault
        .thumbnail(item.id)?
        .map_err(|why| CliError::Failed(fl!("thumb-none", name = display_name(&item.name), why = why.to_string())))?;
    use std::io::Write as _;
    output::stdout().lock().write_all(&jpeg).map_err(output_error)
}

/// `thumbnails`: stores the thumbnails that items lack, with a progress bar; each batch of 16
/// is its own commit, so an interrupted run keeps what it did and the next one goes on.
pub(super) fn thumbnails(ctx: &Ctx, args: &ThumbnailsArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let ids: Vec<u64> = if args.all {
        vault.items().map(|i| i.id).collect()
    } else {
        args.items.iter().map(|q| resolve(&vault, q).map(|i| i.id)).collect::<Result<_, _>>()?
    };
    let wanted = ids.iter().filter(|id| vault.lacks_thumbnail(**id)).count();
    if wanted == 0 {
        ctx.status.say(&fl!("thumbnails-none-needed"));
        return Ok(());
    }
    let bar = ctx.status.count_bar(wanted as u64, &fl!("thumbnails-progress"));
    let mut notes = super::add::AddNotes::default();
    let mut failed = Vec::new();
    let report = vault.store_thumbnails(&ids, |_, _| bar.inc(1))?;
    bar.finish_and_clear();
    for (id, why) in &report {
        if let Some(why) = why {
            let name = vault.item(*id).map(|i| i.name.clone()).unwrap_or_default();
            notes.say(ctx, &name, why);
            failed.push(*id);
        }
    }
    ctx.status.say(&fl!("thumbnails-stored", stored = (report.len() - failed.len()), failed = failed.len()));
    Ok(())
}

pub(super) fn export(ctx: &Ctx, args: &ExportArgs) -> Result<(), CliError> {
    let recipients = age_recipients(&args.age)?;
    // An age file carries the stored payload as it is: nothing to strip there.
    if args.strip_metadata && recipients.is_some() {
        return Err(CliError::Usage(fl!("export-strip-and-age")));
    }
    let vault = open(ctx)?;
    let items: Vec<&ItemRecord> = if args.all {
        vault.items().collect()
    } else {
        args.items.iter().map(|q| resolve(&vault, q)).collect::<Result<_, _>>()?
    };
    create_private_dir(&args.to).map_err(|e| io_error(&fl!("export-cannot-create-folder"), &args.to, &e))?;
    if !args.to.is_dir() {
        return Err(CliError::Failed(fl!("export-not-a-folder", path = shown(&args.to))));
    }
    let mut used = HashSet::new();
    let mut failed = 0;
    for item in items {
        // The stored folders, each part made safe: "Camera/IMG_1.jpg" -> TO/Camera/IMG_1.jpg.
        let mut relative = names::safe_relative_path(&item.name);
        if recipients.is_some() {
            let last = relative.pop().expect("a path has a file name");
            relative.push(names::with_suffix(&last, ".age"));
        }
        let base = relative.pop().expect("a path has a file name");
        let mut file_name = base.clone();
        let mut n = 2;
        while !used.insert((relative.clone(), file_name.clone())) {
            file_name = names::numbered(&base, n);
            n += 1;
        }
        let outcome = folder_inside(&args.to, &relative).and_then(|dir| {
            let target = dir.join(&file_name);
            if args.skip_existing && target.symlink_metadata().is_ok() {
                return Ok(fl!("export-skipped-exists", name = display_name(&item.name), path = shown(&target)));
            }
            let how = match (&recipients, args.strip_metadata) {
                (Some(recipients), _) => As::Age(recipients),
                (None, true) => As::Stripped(strip_method(item)?),
                (None, false) => As::Stored,
            };
            export_one(ctx, &vault, item, &target, args.force, how)?;
            Ok(fl!("export-exported", name = display_name(&item.name), path = shown(&target)))
        });
        match outcome {
            Ok(said) => ctx.status.say(&said),
            Err(e) => {
                // Each error once, here; the summary below is what the exit status reports.
                eprintln!("clipvault: {e}");
                failed += 1;
            }
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(CliError::Failed(fl!("export-not-exported", count = n))),
    }
}

/// `to/parts...`, created as private folders, refusing to pass through anything that is not
/// a real folder (a symbolic link planted inside `to` could lead outside it).
fn folder_inside(to: &Path, parts: &[String]) -> Result<PathBuf, CliError> {
    let mut dir = to.to_path_buf();
    for part in parts {
        dir.push(part);
        match dir.symlink_metadata() {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(CliError::Failed(fl!("export-not-a-folder-inside", path = shown(&dir))));
            }
            Err(_) => create_private_dir(&dir).map_err(|e| io_error(&fl!("export-cannot-create-folder"), &dir, &e))?,
        }
    }
    Ok(dir)
}

/// Writes under a temporary name in the folder, then renames into place: a crash or a
/// damaged item never leaves a partial file under the item's name, and Ctrl-C (or SIGTERM,
/// SIGHUP) overwrites and removes the temporary file. The file gets the original's
/// modification time.
fn export_one(
    ctx: &Ctx,
    vault: &Vault,
    item: &ItemRecord,
    target: &Path,
    force: bool,
    how: As<'_>,
) -> Result<(), CliError> {
    let dir = target.parent().expect("target is inside the export folder");
    if !force && target.symlink_metadata().is_ok() {
        return Err(CliError::Failed(fl!("export-exists", path = shown(target))));
    }
    // Plaintext left by an export that was killed where files cannot be unnamed.
    clipvault::storage::sweep_staged(dir, &[EXPORT_PREFIX], clipvault::wipe::overwrite_open);
    let (mut temp, guard) = interrupt::StagedGuard::staged_in(dir, EXPORT_PREFIX)
        .map_err(|e| io_error(&fl!("export-cannot-write-into"), dir, &e))?;
    let bar = ctx.status.bytes_bar(item.size, &fl!("export-progress"));
    let cannot_write = |e: std::io::Error| io_error(&fl!("export-cannot-write"), target, &e);
    let mut out = bar.wrap_write(temp.file_mut());
    let written = match how {
        As::Age(recipients) => clipvault::age_file::export_age(vault, item.id, recipients, &mut out),
        As::Stored => vault.read_item_to(item.id, &mut out),
        As::Stripped(method) => write_stripped(vault, item, method, &mut out),
    };
    drop(out);
    bar.finish_and_clear();
    let finished = match written {
        Err(VaultError::Io(e)) => Err(cannot_write(e)),
        Err(e) => Err(e.into()),
        Ok(()) => {
            if let Some(modified) = item.modified {
                let _ = temp.file().set_modified(UNIX_EPOCH + Duration::from_secs(modified));
            }
            temp.file().sync_all().map_err(cannot_write)
        }
    };
    if let Err(e) = finished {
        // Part of the plaintext is in the temporary file: overwrite it before it goes.
        let _ = clipvault::wipe::overwrite_open(temp.file());
        return Err(e);
    }
    let linked = temp.link(target, force).map(drop);
    drop(guard);
    linked.map_err(cannot_write)?;
    clipvault::storage::sync_parent_dir(target).map_err(cannot_write)
}

/// Name prefix of an export's file while it is written (where it cannot be unnamed).
const EXPORT_PREFIX: &str = ".clipvault-export-";

/// What `export` writes for an item.
enum As<'a> {
    /// The stored content, byte for byte.
    Stored,
    /// An age file to these recipients.
    Age(&'a [Box<dyn age::Recipient + Send>]),
    /// A copy without identifying metadata.
    Stripped(strip::Method),
}

/// How `item` is stripped, or why it cannot be (then it is not exported at all: a copy that
/// kept what it was asked to drop would leak).
fn strip_method(item: &ItemRecord) -> Result<strip::Method, CliError> {
    let name = display_name(&item.name);
    let method = strip::method(&item.media_type).map_err(|_| {
        CliError::Failed(fl!("export-cannot-strip-type", name = name.as_str(), media = item.media_type.as_str()))
    })?;
    if matches!(method, strip::Method::Whole(_)) && item.size > MAX_IMAGE_BYTES {
        return Err(CliError::Failed(fl!("export-too-large-to-strip", name = name)));
    }
    Ok(method)
}

/// The item without its metadata: an image rewritten in memory, a video copied with its
/// metadata boxes overwritten as they go by.
fn write_stripped(
    vault: &Vault,
    item: &ItemRecord,
    method: strip::Method,
    out: &mut dyn Write,
) -> Result<(), VaultError> {
    let damaged = |e: strip::StripError| VaultError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e));
    match method {
        strip::Method::Whole(strip) => {
            let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(item.size as usize));
            vault.read_item_to(item.id, &mut *bytes)?;
            let stripped = zeroize::Zeroizing::new(strip(&bytes).map_err(damaged)?);
            out.write_all(&stripped).map_err(VaultError::Io)
        }
        strip::Method::InPlace(find) => {
            let patches = find(&mut vault.open_item(item.id)?).map_err(damaged)?;
            vault.read_item_to(item.id, &mut strip::Patched::new(out, patches))
        }
    }
}

/// Recipients for `export --age-*`, or `None` for plain files.
pub(super) fn age_recipients(args: &AgeExportArgs) -> Result<Option<Vec<Box<dyn age::Recipient + Send>>>, CliError> {
    let passphrase = match (&args.age_passphrase_file, args.age_passphrase) {
        (Some(path), _) => Some(prompt::from_file(path)?),
        // Asked before the vault's own passphrase: the prompt says which this is.
        (None, true) => Some(prompt::ask_new_for(
            &fl!("export-prompt-age-passphrase"),
            &fl!("export-prompt-repeat-age-passphrase"),
            true,
        )?),
        (None, false) => None,
    };
    if let Some(pass) = passphrase {
        return Ok(Some(vec![Box::new(clipvault::age_file::passphrase_recipient(&pass))]));
    }
    let mut lines: Vec<String> = args.recipients.clone();
    for file in &args.recipients_files {
        let text =
            std::fs::read_to_string(file).map_err(|e| io_error(&fl!("export-cannot-read-recipients"), file, &e))?;
        lines.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from));
    }
    if lines.is_empty() {
        return Ok(None);
    }
    let recipients = lines
        .iter()
        .map(|line| {
            line.parse::<age::x25519::Recipient>()
                .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
                .map_err(|_| CliError::Usage(fl!("export-not-a-recipient", line = format!("{line:?}"))))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(recipients))
}
