//! Commands that check or repair the whole vault: `verify` and `salvage`.

use super::error::{CliError, io_error, output_error};
use super::output::{self, display_name, human_size, shown};
use super::prompt;
use super::session::*;
use clipvault::{CreateOptions, OpenOptions, Vault, VaultError, fl};
use std::path::Path;

pub(super) fn salvage(ctx: &Ctx, to: &Path) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let Secret::Passphrase(pass) = &secret else {
        return Err(CliError::Usage(fl!("salvage-needs-passphrase")));
    };
    let damaged = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
    if to.symlink_metadata().is_ok() {
        return Err(CliError::Failed(fl!("salvage-exists", path = shown(to))));
    }
    let options = CreateOptions { kdf: damaged.kdf_params(), ..Default::default() };
    let mut target = Vault::create(to, pass, &options).map_err(|e| match e {
        VaultError::Io(io) => io_error(&fl!("salvage-cannot-create"), to, &io),
        other => other.into(),
    })?;
    let info = damaged.info()?;
    let bar = ctx.status.bytes_bar(info.content_bytes, &fl!("salvage-progress"));
    let lost = damaged.salvage_into(&mut target, |n| bar.inc(n))?;
    bar.finish_and_clear();
    for id in &lost {
        let name = damaged.item(*id).map(|i| display_name(&i.name)).unwrap_or_default();
        output::print_line(&fl!("salvage-lost", id = format!("{id:016x}"), name = name)).map_err(output_error)?;
    }
    let unreadable = damaged.index_incomplete();
    ctx.status.say(&salvaged(&damaged, info.items, lost.len(), to, &ctx.vault_path));
    match (lost.len(), unreadable) {
        (0, false) => Ok(()),
        (0, true) => Err(CliError::Damaged(fl!("salvage-index-unreadable"))),
        (n, false) => Err(CliError::Damaged(fl!("salvage-items-lost", count = n))),
        (n, true) => Err(CliError::Damaged(fl!("salvage-items-and-index-lost", count = n))),
    }
}

/// What a salvage saved, of how many items found, and where; "N of N" would hide what an
/// unreadable index segment took with it.
fn salvaged(damaged: &Vault, items: usize, lost: usize, to: &Path, vault_path: &Path) -> String {
    let (saved, to, vault) = (items - lost, shown(to), shown(vault_path));
    if damaged.manifest_unreadable() {
        fl!("salvage-done-headers-only", saved = saved, items = items, to = to, vault = vault)
    } else if damaged.index_incomplete() {
        let (lost_segments, all_segments) = damaged.lost_index_segments();
        fl!(
            "salvage-done-index-lost",
            saved = saved,
            items = items,
            recovered = damaged.recovered_items(),
            lost = lost_segments,
            segments = all_segments,
            to = to,
            vault = vault
        )
    } else {
        fl!("salvage-done", saved = saved, items = items, to = to, vault = vault)
    }
}

pub(super) fn verify(ctx: &Ctx) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let mut tries = 0;
    let (vault, info, problems) = loop {
        tries += 1;
        let mut vault = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
        let info = vault.info()?;
        let bar = ctx.status.bytes_bar(info.content_bytes, &fl!("verify-progress"));
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
        let what = problem.what.to_string();
        let line = match problem.item.and_then(|id| vault.item(id).ok()) {
            Some(item) => {
                fl!(
                    "verify-damaged-item",
                    id = format!("{:016x}", item.id),
                    name = display_name(&item.name),
                    what = what
                )
            }
            None => fl!("verify-warning", what = what),
        };
        output::print_line(&line).map_err(output_error)?;
    }
    if damaged > 0 || index_lost {
        return Err(CliError::Damaged(match index_lost {
            false => fl!("verify-damaged", damaged = damaged, items = info.items),
            true => fl!("verify-damaged-and-index", damaged = damaged, items = info.items),
        }));
    }
    // Lost redundancy or a truncated file is damage too, even when every item still reads.
    if !problems.is_empty() {
        return Err(CliError::Damaged(fl!("verify-file-damaged", items = info.items)));
    }
    ctx.status.say(&fl!("verify-intact", items = info.items, size = human_size(info.content_bytes)));
    Ok(())
}

pub(super) fn info(ctx: &Ctx) -> Result<(), CliError> {
    // The cost of unlocking, shown before it is paid (a vault from someone else could ask a lot).
    if let Ok(kdf) = Vault::peek_kdf(&ctx.vault_path) {
        let memory = match kdf.memory_kib {
            kib if kib % 1024 == 0 => format!("{} MiB", kib / 1024),
            kib => format!("{kib} KiB"),
        };
        let (passes, lanes) = (kdf.iterations, kdf.parallelism);
        ctx.status.say(&match kdf.is_affordable() {
            true => fl!("info-unlock-cost", memory = memory, passes = passes, lanes = lanes),
            false => fl!("info-unlock-cost-too-high", memory = memory, passes = passes, lanes = lanes),
        });
    }
    let vault = open(ctx)?;
    output::print_info(&ctx.vault_path, &vault.info()?).map_err(output_error)
}

/// `upgrade`: opening for writing upgrades a version 1 vault (and says so); this says what
/// it found.
pub(super) fn upgrade(ctx: &Ctx) -> Result<(), CliError> {
    let vault = open_writer(ctx)?;
    if !vault.upgraded_on_open() {
        let version = vault.format_version();
        ctx.status.say(&fl!("upgrade-nothing-to-do", path = shown(&ctx.vault_path), version = version));
    }
    Ok(())
}

/// Asked before `compact` and `key rotate` of every vault alike (clipvault cannot tell whether
/// a vault has another compartment, and must not seem to know).
pub(super) fn keeps_one_compartment() -> String {
    fl!("compact-keeps-one-compartment")
}

pub(super) fn compact(ctx: &Ctx, yes: bool) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    if !yes && !prompt::confirm(&fl!("compact-confirm", warning = keeps_one_compartment()))? {
        return Err(CliError::Failed(fl!("compact-nothing-changed")));
    }
    let _cleanup = super::interrupt::RewriteGuard::new(&ctx.vault_path);
    let freed = vault.compact()?;
    ctx.status.say(&fl!("compact-done", path = shown(&ctx.vault_path), size = human_size(freed)));
    Ok(())
}
