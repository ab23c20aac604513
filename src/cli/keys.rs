//! Commands about keys: `init` (the first passphrase and recovery offer), `passwd` and
//! `key list|add|remove|rotate`.

use super::args::{InitArgs, KeyCommand, PasswdArgs};
use super::error::{CliError, output_error};
use super::output::{self, shown};
use super::prompt;
use super::session::*;
use clipvault::{SlotKind, Vault};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) fn init(ctx: &Ctx, args: &InitArgs) -> Result<(), CliError> {
    let kdf = kdf_params(&args.kdf)?;
    let mut vault = create_vault(ctx, kdf, args.allow_weak_passphrase, args.recovery, args.generate)?;
    if let Some(size) = args.reserve {
        ctx.status.say(&format!("writing {} of random reserve...", output::human_size(size)));
        vault.add_random_reserve(size)?;
    }
    Ok(())
}

pub(super) fn passwd(ctx: &Ctx, args: &PasswdArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    if args.new_passphrase_file.is_none() && passphrase_file(ctx.global).is_some() {
        return Err(CliError::Usage("with --passphrase-file, give the new one with --new-passphrase-file".into()));
    }
    // Know which key changes before asking for the new passphrase.
    let key = match &args.key {
        Some(id) => {
            let key = vault.key_by_id(id)?;
            if vault.key_slots()[key].kind != SlotKind::Passphrase {
                return Err(CliError::Usage(format!(
                    "key {} is not a passphrase; `clipvault key list` shows them",
                    described(&vault, key)
                )));
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
    ctx.status.say(&format!(
        "Changed the passphrase of key {old}; the old one no longer opens this vault file. The key's id is now {id}."
    ));
    Ok(())
}

/// Key `key` as a person tells it apart: `3f9a1c02 (recovery, "paper", added 2026-12-05 08:40)`.
fn described(vault: &Vault, key: usize) -> String {
    let slot = vault.key_slots().get(key).copied();
    let kind = match slot.map(|s| s.kind) {
        Some(SlotKind::Passphrase) => "passphrase",
        Some(SlotKind::Recovery) => "recovery key",
        _ => "unused",
    };
    let label = vault.slot_label(key).map(|l| format!(" {},", output::quoted(l))).unwrap_or_default();
    let added = slot.map(|s| output::local_time(s.created)).unwrap_or_default();
    format!("{} ({kind},{label} added {added})", vault.key_id(key).unwrap_or_default())
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
        eprintln!(
            "Does this vault already have another hidden part, besides the one you opened now? If so, type its\n\
             passphrase, so the new part is placed where it cannot overwrite it. If not, just press Enter."
        );
        loop {
            let other = prompt::ask("Passphrase of another hidden part (or just Enter): ")?;
            if other.is_empty() {
                break;
            }
            others.push(other);
        }
    }
    if new_file.is_none() && std::io::stdin().is_terminal() {
        eprintln!(
            "Now the passphrase of the new hidden part: the one you could give if someone forces you to open\n\
             the vault. It will show only what you add with it."
        );
    }
    let pass = new_passphrase(new_file, allow_weak)?;
    vault.add_compartment(&pass, &others, label)?;
    if let Some(size) = reserve {
        ctx.status.say(&format!("writing {} of random reserve...", output::human_size(size)));
        vault.add_random_reserve(size)?;
    }
    ctx.status.say(
        "Created a compartment: the new passphrase opens it, and it holds nothing yet. Each passphrase shows only \
         its own compartment, and nothing in the file tells how many there are. Keep in mind (SECURITY.md): \
         `compact` and `key rotate` keep only the compartment they run in, and a fifth key added to a compartment \
         may overwrite another's.",
    );
    Ok(())
}

/// Several passphrases and none opened the vault (a recovery key did): ask which to replace.
fn choose_passphrase(vault: &Vault) -> Result<usize, CliError> {
    let listed: Vec<String> = vault.passphrase_slots().iter().map(|&n| described(vault, n)).collect();
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "this vault has several passphrases: {}; say which to replace with --key ID",
            listed.join(", ")
        )));
    }
    eprintln!("This vault has several passphrases:\n  {}", listed.join("\n  "));
    let answer = prompt::line("Which one should get the new passphrase (its id)? ")?;
    match vault.key_by_id(&answer) {
        Ok(key) if vault.passphrase_slots().contains(&key) => Ok(key),
        _ => Err(CliError::Usage(format!(
            "{} is not one of these passphrases; nothing was changed",
            output::quoted(answer.trim())
        ))),
    }
}

pub(super) fn key(ctx: &Ctx, command: KeyCommand) -> Result<(), CliError> {
    match command {
        KeyCommand::List => {
            let vault = open(ctx)?;
            let mut lines = vec![format!("{:<9} {:<11} {:<17} {}", "ID", "KIND", "CREATED", "LABEL")];
            for (n, slot) in vault.key_slots().iter().enumerate() {
                let kind = match slot.kind {
                    SlotKind::Unused => continue,
                    SlotKind::Passphrase => "passphrase",
                    SlotKind::Recovery => "recovery",
                };
                let current = if n == vault.unlocked_slot() { "  (used to open now)" } else { "" };
                // Shown as names are: a label cannot reorder the line (no bidi controls raw).
                let label = output::display_name(vault.slot_label(n).unwrap_or("").as_bytes());
                let id = vault.key_id(n).unwrap_or_default();
                lines.push(
                    format!("{id:<9} {kind:<11} {:<17} {label}{current}", output::local_time(slot.created))
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
                ctx.status.say(&format!(
                    "note: this is key {} of this vault; a key past the {}th may take the slot of a hidden \
                     compartment, if this vault has one (SECURITY.md)",
                    vault.key_slots().len() + 1,
                    Vault::SAFE_KEYS
                ));
            }
            if recovery {
                return add_recovery(&mut vault, &label);
            }
            let pass = new_passphrase(new_passphrase_file.as_deref(), allow_weak_passphrase)?;
            let key = vault.add_passphrase(&pass, &label)?;
            ctx.status.say(&format!("Added a passphrase: key {}.", described(&vault, key)));
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
                    _ => format!(
                        " Re-keying keeps only one passphrase; these keys will stop working:\n  {}\n",
                        other_keys.join("\n  ")
                    ),
                };
                let question = format!("{}{keys} Continue?", super::maintenance::keeps_one_compartment());
                if !prompt::confirm(&question)? {
                    return Err(CliError::Failed("nothing was changed".into()));
                }
            }
            let info = vault.info()?;
            let bar = ctx.status.bytes_bar(info.content_bytes, "re-encrypting");
            let _cleanup = super::interrupt::RewriteGuard::new(&ctx.vault_path);
            vault.rotate(&pass, |n| bar.inc(n))?;
            bar.finish_and_clear();
            ctx.status.say(&format!(
                "Re-keyed {}: {} re-encrypted under a new master key.{}",
                shown(&ctx.vault_path),
                output::count(info.items, "item"),
                if others > 0 { " Add other passphrases or recovery keys again with `key add`." } else { "" }
            ));
            Ok(())
        }
        KeyCommand::Remove { key, force, yes } => {
            let mut vault = open_writer(ctx)?;
            let key = vault.key_by_id(&key)?;
            let named = described(&vault, key);
            if !force && key == vault.unlocked_slot() {
                return Err(CliError::Usage(format!(
                    "key {named} is the one you opened the vault with now; remove it with another key, or pass --force"
                )));
            }
            if !force && vault.passphrase_slots() == [key] {
                return Err(CliError::Usage(format!(
                    "key {named} is the last passphrase; only recovery keys would be left. Pass --force to remove it"
                )));
            }
            if !yes && std::io::stdin().is_terminal() {
                let question = format!("Remove key {named}? What it opens will no longer open this vault.");
                if !prompt::confirm(&question)? {
                    return Err(CliError::Failed("nothing was changed".into()));
                }
            }
            vault.remove_slot(key)?;
            ctx.status.say(&format!("Removed key {named}; it no longer opens this vault file."));
            Ok(())
        }
    }
}
