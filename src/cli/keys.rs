//! Commands about keys: `init` (the first passphrase and recovery offer), `passwd` and
//! `key list|add|remove|rotate`.

use super::args::{InitArgs, KeyCommand, PasswdArgs};
use super::error::{CliError, output_error};
use super::output::{self, shown};
use super::prompt;
use super::session::*;
use clipvault::{SlotKind, Vault, fl};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) fn init(ctx: &Ctx, args: &InitArgs) -> Result<(), CliError> {
    let kdf = kdf_params(&args.kdf)?;
    let mut vault = create_vault(ctx, kdf, args.allow_weak_passphrase, args.recovery, args.generate)?;
    if let Some(size) = args.reserve {
        ctx.status.say(&fl!("keys-writing-reserve", size = output::human_size(size)));
        vault.add_random_reserve(size)?;
    }
    Ok(())
}

pub(super) fn passwd(ctx: &Ctx, args: &PasswdArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    if args.new_passphrase_file.is_none() && passphrase_file(ctx.global).is_some() {
        return Err(CliError::Usage(fl!("keys-new-file-needed")));
    }
    // Know which key changes before asking for the new passphrase.
    let key = match &args.key {
        Some(id) => {
            let key = vault.key_by_id(id)?;
            if vault.key_slots()[key].kind != SlotKind::Passphrase {
                return Err(CliError::Usage(fl!("keys-not-a-passphrase", key = described(&vault, key))));
            }
            key
        }
        None => match vault.passphrase_slot_to_change() {
            Ok(key) => key,
            Err(clipvault::VaultError::Refused(_)) => choose_passphrase(&vault)?,
            Err(e) => return Err(e.into()),
        },
    };
    let old = described(&vault, key);
    let new = new_passphrase(args.new_passphrase_file.as_deref(), args.allow_weak_passphrase)?;
    vault.replace_passphrase(key, &new)?;
    let id = vault.key_id(key).unwrap_or_default();
    ctx.status.say(&fl!("keys-changed", old = old, id = id));
    Ok(())
}

/// Key `key` as a person tells it apart: `3f9a1c02 (recovery, "paper", added 2026-12-05 08:40)`.
fn described(vault: &Vault, key: usize) -> String {
    let slot = vault.key_slots().get(key).copied();
    let kind = match slot.map(|s| s.kind) {
        Some(SlotKind::Passphrase) => fl!("keys-kind-passphrase"),
        Some(SlotKind::Recovery) => fl!("keys-kind-recovery-key"),
        _ => fl!("keys-kind-unused"),
    };
    let added = slot.map(|s| output::local_time(s.created)).unwrap_or_default();
    let id = vault.key_id(key).unwrap_or_default();
    match vault.slot_label(key) {
        Some(label) => fl!("keys-described-label", id = id, kind = kind, label = output::quoted(label), added = added),
        None => fl!("keys-described", id = id, kind = kind, added = added),
    }
}

/// `key add --compartment`: a new compartment, clear of the ones whose passphrases are given.
fn add_compartment(
    ctx: &Ctx,
    new_file: Option<&Path>,
    allow_weak: bool,
    label: &str,
    other_files: &[PathBuf],
    reserve: Option<u64>,
) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let mut others = Vec::new();
    for path in other_files {
        others.push(prompt::from_file(path)?);
    }
    if other_files.is_empty() && new_file.is_none() && std::io::stdin().is_terminal() {
        eprintln!("{}", fl!("keys-compartment-others-intro"));
        loop {
            let other = prompt::ask(&fl!("prompt-other-compartment"))?;
            if other.is_empty() {
                break;
            }
            others.push(other);
        }
    }
    if new_file.is_none() && std::io::stdin().is_terminal() {
        eprintln!("{}", fl!("keys-compartment-new-intro"));
    }
    let pass = new_passphrase(new_file, allow_weak)?;
    vault.add_compartment(&pass, &others, label)?;
    if let Some(size) = reserve {
        ctx.status.say(&fl!("keys-writing-reserve", size = output::human_size(size)));
        vault.add_random_reserve(size)?;
    }
    ctx.status.say(&fl!("keys-compartment-created"));
    Ok(())
}

/// Several passphrases and none opened the vault (a recovery key did): ask which to replace.
fn choose_passphrase(vault: &Vault) -> Result<usize, CliError> {
    let listed: Vec<String> = vault.passphrase_slots().iter().map(|&n| described(vault, n)).collect();
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(fl!("keys-several-no-terminal", keys = listed.join(", "))));
    }
    eprintln!("{}\n  {}", fl!("keys-several"), listed.join("\n  "));
    let answer = prompt::line(&fl!("prompt-which-passphrase"))?;
    match vault.key_by_id(&answer) {
        Ok(key) if vault.passphrase_slots().contains(&key) => Ok(key),
        _ => Err(CliError::Usage(fl!("keys-not-one-of-these", answer = output::quoted(answer.trim())))),
    }
}

pub(super) fn key(ctx: &Ctx, command: KeyCommand) -> Result<(), CliError> {
    match command {
        KeyCommand::List => {
            let vault = open(ctx)?;
            let mut lines = vec![format!(
                "{} {} {} {}",
                output::padded(&fl!("keys-list-header-id"), 9),
                output::padded(&fl!("keys-list-header-kind"), 11),
                output::padded(&fl!("keys-list-header-created"), 17),
                fl!("keys-list-header-label")
            )];
            for (n, slot) in vault.key_slots().iter().enumerate() {
                let kind = match slot.kind {
                    SlotKind::Unused => continue,
                    SlotKind::Passphrase => fl!("keys-kind-passphrase"),
                    SlotKind::Recovery => fl!("keys-list-kind-recovery"),
                };
                let current = if n == vault.unlocked_slot() {
                    format!("  {}", fl!("keys-list-opened-now"))
                } else {
                    String::new()
                };
                // Shown as names are: a label cannot reorder the line (no bidi controls raw).
                let label = output::display_name(vault.slot_label(n).unwrap_or("").as_bytes());
                let id = vault.key_id(n).unwrap_or_default();
                lines.push(
                    format!(
                        "{id:<9} {} {:<17} {label}{current}",
                        output::padded(&kind, 11),
                        output::local_time(slot.created)
                    )
                    .trim_end()
                    .to_string(),
                );
            }
            output::print_line(&lines.join("\n")).map_err(output_error)
        }
        KeyCommand::Add {
            compartment: true,
            new_passphrase_file,
            allow_weak_passphrase,
            label,
            other_compartments,
            reserve,
            ..
        } => add_compartment(
            ctx,
            new_passphrase_file.as_deref(),
            allow_weak_passphrase,
            &label,
            &other_compartments,
            reserve,
        ),
        KeyCommand::Add { recovery, new_passphrase_file, allow_weak_passphrase, label, .. } => {
            let mut vault = open_writer(ctx)?;
            if vault.key_slots().len() >= Vault::SAFE_KEYS {
                // Said to every vault alike: clipvault cannot see whether a hidden part exists.
                ctx.status.say(&fl!("keys-past-safe", number = (vault.key_slots().len() + 1), safe = Vault::SAFE_KEYS));
            }
            if recovery {
                return add_recovery(&mut vault, &label);
            }
            let pass = new_passphrase(new_passphrase_file.as_deref(), allow_weak_passphrase)?;
            let key = vault.add_passphrase(&pass, &label)?;
            ctx.status.say(&fl!("keys-added-passphrase", key = described(&vault, key)));
            Ok(())
        }
        KeyCommand::Rotate { new_passphrase_file, yes } => {
            let secret = existing_secret(ctx)?;
            let mut vault = open_writer_with(ctx, &secret)?;
            let pass = match (new_passphrase_file, &secret) {
                (Some(path), _) => prompt::new_from_file(&path, false)?,
                (None, Secret::Passphrase(p)) => p.clone(),
                (None, Secret::Identity(_) | Secret::Session(_)) => prompt::ask_new(false)?,
            };
            let opened = vault.unlocked_slot();
            let other_keys: Vec<String> = (0..vault.key_slots().len())
                .filter(|&n| n != opened && vault.key_slots()[n].kind != SlotKind::Unused)
                .map(|n| described(&vault, n))
                .collect();
            let others = other_keys.len();
            if !yes {
                let keys = match others {
                    0 => String::new(),
                    _ => format!(" {}\n  {}\n", fl!("keys-rotate-others"), other_keys.join("\n  ")),
                };
                if !prompt::confirm(&fl!("keys-rotate-question", keys = keys))? {
                    return Err(CliError::Failed(fl!("nothing-was-changed")));
                }
            }
            let info = vault.info()?;
            let bar = ctx.status.bytes_bar(info.content_bytes, &fl!("keys-re-encrypting"));
            let _cleanup = super::interrupt::RewriteGuard::new(&ctx.vault_path);
            vault.rotate(&pass, |n| bar.inc(n))?;
            bar.finish_and_clear();
            let path = shown(&ctx.vault_path);
            ctx.status.say(&match others {
                0 => fl!("keys-rotated", path = path, count = info.items),
                _ => fl!("keys-rotated-add-again", path = path, count = info.items),
            });
            Ok(())
        }
        KeyCommand::Remove { key, force, yes } => {
            let mut vault = open_writer(ctx)?;
            let key = vault.key_by_id(&key)?;
            let named = described(&vault, key);
            if !force && key == vault.unlocked_slot() {
                return Err(CliError::Usage(fl!("keys-remove-opened", key = named.as_str())));
            }
            if !force && vault.passphrase_slots() == [key] {
                return Err(CliError::Usage(fl!("keys-remove-last", key = named.as_str())));
            }
            if !yes
                && std::io::stdin().is_terminal()
                && !prompt::confirm(&fl!("keys-remove-question", key = named.as_str()))?
            {
                return Err(CliError::Failed(fl!("nothing-was-changed")));
            }
            vault.remove_slot(key)?;
            ctx.status.say(&fl!("keys-removed", key = named));
            Ok(())
        }
    }
}
