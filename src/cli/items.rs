//! Commands over the items already in the vault: `list`, `rename`, `tag` and `shred`; and
//! `wipe` of files outside the vault.

use super::add::{is_same_file, say_a_tag_is_not_evidence, wipe_report};
use super::args::{ListArgs, MediaKind, ShredArgs, SortKey, TagArgs, WipeArgs};
use super::error::{CliError, io_error, output_error, plain_io};
use super::output::{self, display_name, shown};
use super::prompt;
use super::resolve::resolve;
use super::session::*;
use clipvault::wipe::wipe_file;
use clipvault::{ItemRecord, VaultError, fl};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

pub(super) fn shred(ctx: &Ctx, args: &ShredArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let mut ids = Vec::new();
    let mut shown = Vec::new();
    for query in &args.items {
        let item = resolve(&vault, query)?;
        if !ids.contains(&item.id) {
            ids.push(item.id);
            shown.push(format!("{} ({})", display_name(&item.name), &format!("{:016x}", item.id)[..8]));
        }
    }
    let evidence: Vec<String> = ids
        .iter()
        .filter_map(|id| vault.item(*id).ok())
        .filter(|i| i.evidence.is_some())
        .map(|i| display_name(&i.name))
        .collect();
    // The vault refuses evidence without force; asked first here so nobody is asked to
    // confirm a shred that would be refused.
    if !evidence.is_empty() && !args.force {
        return Err(evidence_refusal(&evidence, Refused::Shred));
    }
    if !args.yes {
        let items = shown.join(", ");
        let question = match evidence.is_empty() {
            true => fl!("items-shred-question", items = items),
            false => fl!("items-shred-question-evidence", items = items, evidence = evidence.join(", ")),
        };
        if !prompt::confirm(&question)? {
            return Err(CliError::Failed(fl!("items-nothing-shredded")));
        }
    }
    if args.force { vault.remove_forced(&ids) } else { vault.remove(&ids) }?;
    if let Some(why) = vault.unfinished_wipe() {
        // The keys are out of the index for good; the ciphertext is not yet overwritten.
        return Err(CliError::Failed(fl!("items-shred-not-overwritten", items = shown.join(", "), reason = why)));
    }
    for line in shown {
        ctx.status.say(&fl!("items-shredded", item = line));
    }
    Ok(())
}

pub(super) fn wipe(ctx: &Ctx, args: &WipeArgs) -> Result<(), CliError> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for path in &args.paths {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io_error(&fl!("items-cannot-wipe"), path, &e))?;
        if meta.is_dir() {
            if !args.recursive {
                return Err(CliError::Usage(fl!("items-wipe-folder", path = shown(path))));
            }
            for entry in walkdir::WalkDir::new(path).follow_links(false).contents_first(true) {
                let entry = entry.map_err(|e| {
                    CliError::Failed(fl!("items-cannot-read-folder", path = shown(path), reason = e.to_string()))
                })?;
                if entry.file_type().is_dir() {
                    dirs.push(entry.path().to_path_buf());
                } else {
                    files.push(entry.path().to_path_buf());
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    // The vault itself is never a file to wipe by accident (a link to it is only unlinked).
    let vault = files.iter().find(|f| {
        std::fs::symlink_metadata(f).is_ok_and(|m| m.file_type().is_file() && is_same_file(&m, &ctx.vault_path))
    });
    if let Some(vault) = vault {
        return Err(CliError::Usage(fl!("items-wipe-vault", path = shown(vault))));
    }
    if !args.yes && !prompt::confirm(&fl!("items-wipe-question", count = files.len()))? {
        return Err(CliError::Failed(fl!("items-nothing-wiped")));
    }
    let mut failed = 0;
    for file in &files {
        match wipe_file(file) {
            Ok(outcome) => ctx.status.say(&wipe_report(file, &outcome)),
            Err(e) => {
                failed += 1;
                eprintln!("clipvault: {}", fl!("items-could-not-wipe", path = shown(file), reason = plain_io(&e)));
            }
        }
    }
    for dir in &dirs {
        if let Err(e) = std::fs::remove_dir(dir) {
            failed += 1;
            eprintln!("clipvault: {}", fl!("items-could-not-remove-folder", path = shown(dir), reason = plain_io(&e)));
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(CliError::Failed(fl!("items-wipe-failed", count = n))),
    }
}

pub(super) fn list(ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let vault = open(ctx)?;
    let matches_name = name_filter(args.pattern.as_deref())?;
    let mut items: Vec<&ItemRecord> = vault
        .items()
        // A plain word finds tags too: `list beach` finds what was added with `--tag beach`.
        .filter(|i| matches_name(&display_name(&i.name)) || i.tags.iter().any(|t| matches_name(t)))
        .filter(|i| args.tag.iter().all(|t| i.tags.contains(t)))
        .filter(|i| args.kind.is_none_or(|kind| media_kind(&i.media_type) == kind))
        .collect();
    match args.sort {
        SortKey::Added => items.sort_by_key(|i| i.added),
        SortKey::Name => items.sort_by_cached_key(|i| display_name(&i.name).to_lowercase()),
        SortKey::Size => items.sort_by_key(|i| std::cmp::Reverse(i.size)),
        SortKey::Modified => items.sort_by_key(|i| i.modified.unwrap_or(i.added)),
    }
    let filtered = args.pattern.is_some() || !args.tag.is_empty() || args.kind.is_some();
    let printed = match (args.json, items.is_empty() && filtered) {
        (true, _) => output::print_json(&items),
        (false, true) => output::print_line(&fl!("items-no-match")),
        (false, false) => output::print_table(&items),
    };
    printed.map_err(output_error)
}

/// `list`'s name (and tag) test: a glob when PATTERN has `*`, `?` or `[`, else a substring;
/// both ignore case.
type NameTest = Box<dyn Fn(&str) -> bool>;

fn name_filter(pattern: Option<&str>) -> Result<NameTest, CliError> {
    let Some(pattern) = pattern else { return Ok(Box::new(|_| true)) };
    if pattern.contains(['*', '?', '[']) {
        let glob = glob::Pattern::new(pattern).map_err(|e| {
            CliError::Usage(fl!("items-bad-glob", pattern = super::output::quoted(pattern), reason = e.msg))
        })?;
        let options = glob::MatchOptions { case_sensitive: false, ..Default::default() };
        Ok(Box::new(move |name| glob.matches_with(name, options)))
    } else {
        let needle = pattern.to_lowercase();
        Ok(Box::new(move |name| name.to_lowercase().contains(&needle)))
    }
}

fn media_kind(media_type: &str) -> MediaKind {
    match media_type.split('/').next() {
        Some("image") => MediaKind::Image,
        Some("video") => MediaKind::Video,
        Some("audio") => MediaKind::Audio,
        _ => MediaKind::Other,
    }
}

pub(super) fn rename(ctx: &Ctx, query: &OsStr, new_name: &OsStr, force: bool) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let item = resolve(&vault, query)?;
    let (id, old) = (item.id, display_name(&item.name));
    let renamed =
        if force { vault.rename_forced(id, new_name.as_bytes()) } else { vault.rename(id, new_name.as_bytes()) };
    if let Err(VaultError::Evidence(_)) = renamed {
        return Err(evidence_refusal(std::slice::from_ref(&old), Refused::Rename));
    }
    renamed?;
    ctx.status.say(&fl!("items-renamed", old = old, new = display_name(new_name.as_bytes())));
    Ok(())
}

/// What the vault refused to do to evidence without `--force`.
enum Refused {
    Shred,
    Rename,
}

/// What the command line says when the vault refuses evidence without `--force`.
fn evidence_refusal(names: &[String], refused: Refused) -> CliError {
    let (names, count) = (names.join(", "), names.len());
    CliError::Usage(match refused {
        Refused::Shred => fl!("items-evidence-refusal-shred", names = names, count = count),
        Refused::Rename => fl!("items-evidence-refusal-rename", names = names, count = count),
    })
}

pub(super) fn tag(ctx: &Ctx, args: &TagArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let mut ids = Vec::new();
    for query in &args.items {
        ids.push(resolve(&vault, query)?.id);
    }
    ids.sort_unstable();
    ids.dedup();
    vault.retag(&ids, &args.add, &args.remove)?;
    for id in &ids {
        let item = vault.item(*id)?;
        let tags = if item.tags.is_empty() { fl!("items-no-tags") } else { item.tags.join(", ") };
        ctx.status.say(&fl!("items-tags", name = display_name(&item.name), tags = tags));
    }
    let unmarked: Vec<String> = ids
        .iter()
        .filter_map(|id| vault.item(*id).ok())
        .filter(|item| item.evidence.is_none())
        .map(|item| display_name(&item.name))
        .collect();
    say_a_tag_is_not_evidence(ctx, &args.add, &unmarked);
    Ok(())
}
