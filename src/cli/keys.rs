//! Commands about keys: `init` (the first passphrase and recovery offer), `passwd` and
//! `key list|add|remove|rotate`.

use super::args::{InitArgs, KeyCommand, PasswdArgs};
use super::error::{CliError, output_error};
use super::output::{self, shown};
use super::prompt;
use super::session::*;
use clipvault::{OpenOptions, SlotKind};
use std::io::IsTerminal;

pub(super) fn init(ctx: &Ctx, args: &InitArgs) -> Result<(), CliError> {
    let kdf = kdf_params(&args.kdf)?;
    let mut vault = create_vault(ctx, kdf, args.allow_weak_passphrase)?;
    ctx.status.say(&format!(
        "Created vault {}. Keep the passphrase safe: without it nothing in the vault can be recovered.",
        shown(&ctx.vault_path)
    ));
    let recovery = args.recovery
        || (std::io::stdin().is_terminal()
            && prompt::confirm("Create a recovery key too, in case you forget the passphrase?")?);
    if recovery {
        add_recovery(&mut vault)?;
    }
    Ok(())
}

pub(super) fn passwd(ctx: &Ctx, args: &PasswdArgs) -> Result<(), CliError> {
    let mut vault = open(ctx, true)?;
    let new = match &args.new_passphrase_file {
        Some(file) => prompt::new_from_file(file, args.allow_weak_passphrase)?,
        None if passphrase_file(ctx.global).is_some() => {
            return Err(CliError::Usage("with --passphrase-file, give the new one with --new-passphrase-file".into()));
        }
        None => prompt::ask_new(args.allow_weak_passphrase)?,
    };
    vault.change_passphrase(&new)?;
    ctx.status.say("Passphrase changed. The old passphrase no longer opens this vault file.");
    Ok(())
}

pub(super) fn key(ctx: &Ctx, command: KeyCommand) -> Result<(), CliError> {
    match command {
        KeyCommand::List => {
            let vault = open(ctx, false)?;
            let mut lines = vec![format!("{:<5} {:<11} {}", "SLOT", "KIND", "CREATED")];
            for (n, slot) in vault.key_slots().iter().enumerate() {
                let kind = match slot.kind {
                    SlotKind::Unused => continue,
                    SlotKind::Passphrase => "passphrase",
                    SlotKind::Recovery => "recovery",
                };
                let current = if n == vault.unlocked_slot() { "  (used to open now)" } else { "" };
                lines.push(format!("{n:<5} {kind:<11} {}{current}", output::rfc3339(slot.created)));
            }
            output::print_line(&lines.join("\n")).map_err(output_error)
        }
        KeyCommand::Add { recovery, new_passphrase_file, allow_weak_passphrase } => {
            let mut vault = open(ctx, true)?;
            if recovery {
                return add_recovery(&mut vault);
            }
            let pass = new_passphrase(new_passphrase_file.as_deref(), allow_weak_passphrase)?;
            let slot = vault.add_passphrase(&pass)?;
            ctx.status.say(&format!("Added a passphrase in slot {slot}."));
            Ok(())
        }
        KeyCommand::Rotate { new_passphrase_file, yes } => {
            let secret = existing_secret(ctx)?;
            let mut vault = open_with(ctx, &secret, OpenOptions { write: true, ..Default::default() })?;
            let pass = match (new_passphrase_file, &secret) {
                (Some(path), _) => prompt::new_from_file(&path, false)?,
                (None, Secret::Passphrase(p)) => p.clone(),
                (None, Secret::Identity(_)) => prompt::ask_new(false)?,
            };
            let others = vault.key_slots().iter().filter(|s| s.kind != SlotKind::Unused).count() - 1;
            if others > 0 && !yes {
                let question =
                    format!("Re-keying keeps only one passphrase; {others} other key(s) will stop working. Continue?");
                if !prompt::confirm(&question)? {
                    return Err(CliError::Failed("nothing was changed".into()));
                }
            }
            let info = vault.info()?;
            let bar = ctx.status.bytes_bar(info.content_bytes, "re-encrypting");
            vault.rotate(&pass, |n| bar.inc(n))?;
            bar.finish_and_clear();
            ctx.status.say(&format!(
                "Re-keyed {}: {} items re-encrypted under a new master key.{}",
                shown(&ctx.vault_path),
                info.items,
                if others > 0 { " Add other passphrases or recovery keys again with `key add`." } else { "" }
            ));
            Ok(())
        }
        KeyCommand::Remove { slot } => {
            let mut vault = open(ctx, true)?;
            vault.remove_slot(slot)?;
            ctx.status.say(&format!("Removed key slot {slot}; it no longer opens this vault file."));
            Ok(())
        }
    }
}
