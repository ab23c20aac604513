//! The `clipvault` binary: parse, dispatch, map errors to one line and an exit code.

#![deny(unsafe_code)]

mod cli;

use cli::error::code;
use std::process::ExitCode;

fn main() -> ExitCode {
    clipvault::sys::harden_process();
    // Before anything is said, parse errors and --help included.
    let asked = lang_option(std::env::args_os().skip(1));
    clipvault::i18n::choose(clipvault::i18n::requested(asked.as_deref()).as_ref());
    std::panic::set_hook(Box::new(|info| {
        // Where, not the message: a formatted message could hold data (a name, bytes).
        let what = info.payload().downcast_ref::<&str>().copied().unwrap_or("unexpected state");
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("clipvault: internal error ({what}{at}); please report it");
    }));
    let cli = match parse() {
        Ok(cli) => cli,
        // `clipvault evidence` alone: its subcommands, which is what the person wanted to see.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(code::USAGE);
        }
        Err(e) if e.use_stderr() => {
            eprintln!("clipvault: {}", clipvault::fl!("see-help", error = clap_error_line(&e)));
            return ExitCode::from(code::USAGE);
        }
        Err(e) => {
            // --help and --version: not errors, printed as clap formats them.
            let _ = e.print();
            return ExitCode::from(code::OK);
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::from(code::OK),
        Err(e @ cli::error::CliError::Exit(_)) => e.exit_code(),
        Err(e) => {
            eprintln!("clipvault: {e}");
            e.exit_code()
        }
    }
}

/// The value of `--lang VALUE` or `--lang=VALUE`, read before clap so that clap's own
/// messages come after the language is chosen (the last one given wins, as clap's would).
fn lang_option(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    let mut found = None;
    let mut args = args.map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        } else if arg == "--lang" {
            found = args.next();
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            found = Some(value.to_owned());
        }
    }
    found
}

/// The command line, with every subcommand's help showing its examples before its options
/// (the eight global options pushed them off a phone's screen), in the chosen language.
fn parse() -> Result<cli::args::Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    fn examples_first(command: clap::Command) -> clap::Command {
        let template = match command.get_after_help() {
            // clap puts a blank line before the after-help itself.
            Some(_) => "{about-with-newline}\n{usage-heading} {usage}{after-help}\n\n{all-args}",
            None => "{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}",
        };
        command.help_template(template).mut_subcommands(examples_first)
    }
    let command = cli::help::localized(cli::args::Cli::command()).mut_subcommands(examples_first);
    cli::args::Cli::from_arg_matches(&command.try_get_matches()?)
}

/// A clap error as one line: its first paragraph (the error and any names it lists), without
/// the "error:" prefix, the usage block or the tips.
fn clap_error_line(e: &clap::Error) -> String {
    // clap words its own errors in English; the common ones are said in the chosen language.
    if clipvault::i18n::current() != "en"
        && let Some(line) = translated_clap_error(e)
    {
        return line;
    }
    let text = e.render().to_string();
    let first = text.split("\n\n").next().unwrap_or("");
    let joined: Vec<&str> = first.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut line = joined.join(" ").trim_start_matches("error: ").to_string();
    // clap's suggestion ("tip: a similar subcommand exists: 'list'") is worth keeping.
    if let Some(tip) = text.lines().map(str::trim).find(|l| l.starts_with("tip: ")) {
        line = format!("{line}; {tip}");
    }
    line
}

/// A usage error of the common kinds in the chosen language, from what clap knows of it (the
/// argument, the value, clap's suggestion); `None` for any other kind, which stays clap's.
fn translated_clap_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    use clipvault::fl;
    let context = |kind| e.get(kind).map(|value| value.to_string());
    let line = match e.kind() {
        ErrorKind::InvalidSubcommand => fl!("clap-unknown-command", name = context(ContextKind::InvalidSubcommand)?),
        ErrorKind::UnknownArgument => fl!("clap-unknown-argument", argument = context(ContextKind::InvalidArg)?),
        ErrorKind::MissingRequiredArgument => fl!("clap-missing", arguments = context(ContextKind::InvalidArg)?),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => fl!(
            "clap-invalid-value",
            value = context(ContextKind::InvalidValue)?,
            argument = context(ContextKind::InvalidArg)?
        ),
        ErrorKind::ArgumentConflict => {
            fl!("clap-conflict", argument = context(ContextKind::InvalidArg)?, other = context(ContextKind::PriorArg)?)
        }
        _ => return None,
    };
    // clap suggests a command with its aliases ("ls, list"): the last is its name.
    let suggested = context(ContextKind::SuggestedSubcommand)
        .or_else(|| context(ContextKind::SuggestedArg))
        .map(|all| all.rsplit(", ").next().unwrap_or_default().to_string());
    Some(match suggested {
        Some(suggestion) => fl!("clap-did-you-mean", error = line, suggestion = suggestion),
        None => line,
    })
}
