//! `--help` in the chosen language: each command's one-line summary (`about-COMMAND`,
//! `about-GROUP-COMMAND`), the global options (`arg-NAME`) and the headings come from the
//! message files; what a message file lacks stays as clap's derive wrote it (English).
//! Command and option names are never translated.

use clipvault::fl;
use clipvault::i18n::LOADER;

/// `command` (the whole program) with its words replaced from the message files.
pub fn localized(command: clap::Command) -> clap::Command {
    let global: Vec<String> =
        command.get_arguments().filter(|a| a.is_global_set()).map(|a| a.get_id().to_string()).collect();
    let mut command = about(command, "about").after_help(fl!("help-exit-codes"));
    for id in global {
        let help = message(&format!("arg-{id}"));
        command = command.mut_arg(id, |arg| {
            let arg = arg.help_heading(fl!("help-global-options"));
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    command
}

/// Sets the summary of `command` and, below it, of every subcommand from `prefix`-NAME.
fn about(command: clap::Command, id: &str) -> clap::Command {
    let command = match message(id) {
        Some(text) => command.about(text),
        None => command,
    };
    let command = match command.get_after_help().map(|h| h.to_string()) {
        Some(after) if after.starts_with("Examples:") => {
            command.after_help(after.replacen("Examples:", &fl!("help-examples"), 1))
        }
        _ => command,
    };
    let prefix = if id == "about" { "about-".to_string() } else { format!("{id}-") };
    command.mut_subcommands(|sub| {
        let id = format!("{prefix}{}", sub.get_name());
        about(sub, &id)
    })
}

fn message(id: &str) -> Option<String> {
    LOADER.has(id).then(|| LOADER.get(id))
}
