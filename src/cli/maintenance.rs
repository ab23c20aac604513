//! Commands that check or repair the whole vault: `verify` and `salvage`.

use super::error::{CliError, io_error, output_error};
use super::output::{self, count, display_name, human_size, shown};
use super::prompt;
use super::session::*;
use clipvault::{CreateOptions, OpenOptions, Vault, VaultError};
use std::path::Path;

pub(super) fn salvage(ctx: &Ctx, to: &Path) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let Secret::Passphrase(pass) = &secret else {
        return Err(CliError::Usage("salvage needs the passphrase (the new vault gets the same one)".into()));
    };
    let damaged = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
    if to.symlink_metadata().is_ok() {
        return Err(CliError::Failed(format!("{} already exists; choose a new path", shown(to))));
    }
    let options = CreateOptions { kdf: damaged.kdf_params(), ..Default::default() };
    let mut target = Vault::create(to, pass, &options).map_err(|e| match e {
        VaultError::Io(io) => io_error("cannot create vault", to, &io),
        other => other.into(),
    })?;
    let info = damaged.info()?;
    let bar = ctx.status.bytes_bar(info.content_bytes, "salvaging");
    let lost = damaged.salvage_into(&mut target, |n| bar.inc(n))?;
    bar.finish_and_clear();
    for id in &lost {
        let name = damaged.item(*id).map(|i| display_name(&i.name)).unwrap_or_default();
        output::print_line(&format!("lost: {id:016x} {name}")).map_err(output_error)?;
    }
    let saved = info.items - lost.len();
    let unreadable = damaged.index_incomplete();
    let (lost_segments, all_segments) = damaged.lost_index_segments();
    // "N of N" would hide what an unreadable index segment took with it.
    let recovered = damaged.recovered_items();
    let listed = if damaged.manifest_unreadable() {
        format!(
            "of the {} items found by their item headers alone (both copies of the index's manifest were \
             unreadable; items whose item header is damaged too, how many is not known, are lost)",
            info.items
        )
    } else if unreadable {
        format!(
            "of the {} items found ({recovered} of them by their item headers alone); {lost_segments} of \
             {all_segments} index segments were unreadable, and items they listed whose item header is damaged \
             too (how many is not known) are lost",
            info.items
        )
    } else {
        format!("of {} items", info.items)
    };
    ctx.status.say(&format!(
        "salvaged {saved} {listed}; into {}; {} was not changed",
        shown(to),
        shown(&ctx.vault_path)
    ));
    match (lost.len(), unreadable) {
        (0, false) => Ok(()),
        (0, true) => Err(CliError::Damaged(
            "parts of the index were unreadable: items listed only there, if any, are lost".into(),
        )),
        (n, unreadable) => Err(CliError::Damaged(format!(
            "{} could not be salvaged{}",
            count(n, "item"),
            if unreadable { ", and parts of the index were unreadable" } else { "" }
        ))),
    }
}

pub(super) fn verify(ctx: &Ctx) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let mut tries = 0;
    let (vault, info, problems) = loop {
        tries += 1;
        let mut vault = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
        let info = vault.info()?;
        let bar = ctx.status.bytes_bar(info.content_bytes, "verifying");
        let problems = vault.verify(|n| bar.inc(n));
        bar.finish_and_clear();
        match problems {
            // Re-keyed beside us: what was read is gone with the old key; read the new file.
            Err(VaultError::Rekeyed) if tries < 3 => continue,
            other => break (vault, info, other?),
        }
    };
    let damaged = problems.iter().filter(|p| p.item.is_some()).count();
    let index_lost = vault.index_incomplete();
    for problem in &problems {
        let line = match problem.item.and_then(|id| vault.item(id).ok()) {
            Some(item) => format!("damaged: {:016x} {}: {}", item.id, display_name(&item.name), problem.what),
            None => format!("warning: {}", problem.what),
        };
        output::print_line(&line).map_err(output_error)?;
    }
    if damaged > 0 || index_lost {
        let index = if index_lost { ", and parts of the index are unreadable" } else { "" };
        return Err(CliError::Damaged(format!("{damaged} of {} items are damaged{index}", info.items)));
    }
    // Lost redundancy or a truncated file is damage too, even when every item still reads.
    if !problems.is_empty() {
        return Err(CliError::Damaged(format!(
            "all {} read back intact, but the vault file is damaged (see above); run `clipvault salvage --to NEW`",
            count(info.items, "item")
        )));
    }
    ctx.status.say(&format!("verified {} ({}): all intact", count(info.items, "item"), human_size(info.content_bytes)));
    Ok(())
}

pub(super) fn info(ctx: &Ctx) -> Result<(), CliError> {
    // The cost of unlocking, shown before it is paid (a vault from someone else could ask a lot).
    if let Ok(kdf) = Vault::peek_kdf(&ctx.vault_path) {
        let note = if kdf.is_affordable() { "" } else { "; more than this device allows without --allow-costly-kdf" };
        let memory = match kdf.memory_kib {
            kib if kib % 1024 == 0 => format!("{} MiB", kib / 1024),
            kib => format!("{kib} KiB"),
        };
        ctx.status.say(&format!(
            "unlocking costs Argon2id with {memory}, {} passes, {} lanes{note}",
            kdf.iterations, kdf.parallelism
        ));
    }
    let vault = open(ctx)?;
    output::print_info(&ctx.vault_path, &vault.info()?).map_err(output_error)
}

/// `upgrade`: opening for writing upgrades a version 1 vault (and says so); this says what
/// it found.
pub(super) fn upgrade(ctx: &Ctx) -> Result<(), CliError> {
    let vault = open_writer(ctx)?;
    if !vault.upgraded_on_open() {
        ctx.status.say(&format!(
            "{} is already format version {}; nothing to do",
            shown(&ctx.vault_path),
            vault.format_version()
        ));
    }
    Ok(())
}

/// Asked before `compact` and `key rotate` of every vault alike (clipvault cannot tell whether
/// a vault has another compartment, and must not seem to know).
pub(super) const KEEPS_ONE_COMPARTMENT: &str = "This rewrites the vault with only what this passphrase opens: a compartment opened by another passphrase, if \
     the vault has one, would be destroyed.";

pub(super) fn compact(ctx: &Ctx, yes: bool) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    if !yes && !prompt::confirm(&format!("{KEEPS_ONE_COMPARTMENT} Compact?"))? {
        return Err(CliError::Failed("nothing was changed".into()));
    }
    let _cleanup = super::interrupt::RewriteGuard::new(&ctx.vault_path);
    let freed = vault.compact()?;
    ctx.status.say(&format!("compacted {}: {} given back", shown(&ctx.vault_path), human_size(freed)));
    Ok(())
}
