//! Dispatch only: each command goes to the function of its command group.

use super::args::{Cli, Command, DeviceCommand, KeyCommand, TermuxCommand};
use super::error::CliError;
use super::output::{self, Status};
#[cfg(feature = "serve")]
use super::serve;
use super::session::{self, Ctx, open, vault_path};
#[cfg(feature = "gallery")]
use super::terminal::gallery;
use super::{
    add, agent, backup, devices, evidence, inspect, items, keys, leftovers, maintenance, panic, termux,
    thumbnails_later, view, viewing,
};

/// A command of an optional part this build was made without.
#[cfg(not(all(feature = "serve", feature = "gallery")))]
fn not_built(feature: &str) -> CliError {
    CliError::Usage(clipvault::fl!("run-not-built", feature = feature))
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let (vault_path, is_default_path) = vault_path(&cli.global)?;
    let ctx = Ctx { global: &cli.global, vault_path, is_default_path, status: Status { quiet: cli.global.quiet } };
    if uses_session(&cli)
        && ctx.vault_path.is_file()
        && let Some(code) = agent::forward(&ctx.vault_path)?
    {
        return Err(CliError::Exit(code));
    }
    // A sync tool's conflict copies beside the vault are named by any command that opens it.
    if opens_vault(&cli.command) && !ctx.status.quiet {
        let conflicts = devices::conflict_copies(&ctx.vault_path);
        if conflicts > 0 {
            ctx.status.say(&clipvault::fl!("merge-conflict-copies", count = conflicts));
        }
    }
    match cli.command {
        Command::Init(args) => keys::init(&ctx, &args),
        Command::Add(args) => add::add(&ctx, &args),
        Command::List(args) => items::list(&ctx, &args),
        Command::Rename { item, new_name, force } => items::rename(&ctx, &item, &new_name, force),
        Command::Evidence(command) => evidence::evidence(&ctx, command),
        Command::Fingerprint { items, json } => evidence::fingerprint(&ctx, &items, json),
        Command::Tag(args) => items::tag(&ctx, &args),
        Command::Cat { item } => viewing::cat(&ctx, &item),
        Command::Export(args) => viewing::export(&ctx, &args),
        Command::Thumb { item } => viewing::thumb(&ctx, &item),
        Command::Thumbnails(args) if args.background => thumbnails_later::background(&ctx),
        Command::Thumbnails(args) => viewing::thumbnails(&ctx, &args),
        #[cfg(feature = "gallery")]
        Command::Gallery(args) => gallery::gallery(&ctx, &args),
        #[cfg(not(feature = "gallery"))]
        Command::Gallery(_) => Err(not_built("gallery")),
        Command::View(args) if args.once => view::view_once(session::open_writer(&ctx)?, &args, ctx.status),
        Command::View(args) => view::view(&open(&ctx)?, &args, ctx.status).map(drop),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::serve(&ctx, &args),
        Command::Termux(TermuxCommand::Setup { remove, yes }) => termux::setup(&ctx, remove, yes),
        Command::Capture(args) => termux::capture(&ctx, &args),
        Command::Inspect { item, json } => inspect::inspect(&ctx, &item, json),
        Command::Device(DeviceCommand::Add { file }) => devices::add(&ctx, &file),
        Command::Merge { others } => devices::merge(&ctx, &others),
        Command::Backup { repo } => backup::backup(&ctx, repo.as_deref()),
        Command::Restore { repo, snapshot, to } => backup::restore(&ctx, repo.as_deref(), snapshot.as_deref(), &to),
        Command::Leftovers { paths, json, remove, yes } => leftovers::leftovers(&ctx, &paths, json, remove, yes),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => Err(not_built("serve")),
        Command::Shred(args) => items::shred(&ctx, &args),
        Command::Passwd(args) => keys::passwd(&ctx, &args),
        Command::Info => maintenance::info(&ctx),
        Command::Upgrade => maintenance::upgrade(&ctx),
        Command::Verify => maintenance::verify(&ctx),
        Command::Salvage { to } => maintenance::salvage(&ctx, &to),
        Command::Import(args) => add::import(&ctx, &args),
        Command::Key(command) => keys::key(&ctx, command),
        Command::Compact { yes } => maintenance::compact(&ctx, yes),
        Command::Wipe(args) => items::wipe(&ctx, &args),
        Command::Panic(args) => panic::panic(&ctx, &args),
        Command::Unlock { duration } => {
            // Said before the passphrase is asked: there is nothing to type.
            if let Some(said) = agent::already_unlocked(&ctx.vault_path)? {
                ctx.status.say(&said);
                return Ok(());
            }
            let vault = session::open(&ctx)?;
            let said = agent::unlock(&ctx.vault_path, &vault, duration)?;
            ctx.status.say(&said);
            Ok(())
        }
        Command::Lock { all } => {
            let vault = if all { None } else { Some(ctx.vault_path.as_path()) };
            let ended = agent::lock(vault)?;
            ctx.status.say(&match ended {
                0 => clipvault::fl!("run-no-session"),
                n => clipvault::fl!("run-locked", count = n),
            });
            // The background thumbnail processes hold a key too.
            let background = thumbnails_later::end_background(vault);
            if background > 0 {
                ctx.status.say(&clipvault::fl!("run-ended-background", count = background));
            }
            Ok(())
        }
        Command::Status => {
            let line = match agent::status(&ctx.vault_path)? {
                Some(secs) => clipvault::fl!("run-status-unlocked", minutes = secs.div_ceil(60)),
                None => clipvault::fl!("run-status-locked"),
            };
            output::print_line(&line).map_err(super::error::output_error)
        }
        Command::Agent { seconds, socket } => agent::serve(&ctx.vault_path, seconds, &socket),
        Command::Man { command } => {
            use clap::CommandFactory;
            let mut main = super::help::localized(Cli::command());
            // Built, so that the `help` command the main page lists is there too.
            main.build();
            let page = match command {
                None => main,
                Some(name) => {
                    let Some(sub) = main.find_subcommand(&name).filter(|s| !s.is_hide_set()) else {
                        return Err(CliError::Usage(clipvault::fl!("run-no-command", name = output::quoted(&name))));
                    };
                    sub.clone().name(format!("clipvault-{}", sub.get_name())).version(env!("CARGO_PKG_VERSION"))
                }
            };
            match clap_mangen::Man::new(page).render(&mut output::stdout()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(super::error::output_error),
            }
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "clipvault", &mut output::stdout());
            Ok(())
        }
    }
}

/// Whether this command may run through an unlock session: it opens an existing vault with
/// the key the user would type, and asks for no new passphrase (the agent's runs have no
/// terminal to ask one on). Never inside a run the agent started, which has the session.
fn uses_session(cli: &Cli) -> bool {
    let typed_key = session::passphrase_is_typed(&cli.global);
    let inside_a_run = std::env::var_os(agent::SESSION_FD_VAR).is_some();
    typed_key && !inside_a_run && opens_vault(&cli.command)
}

/// Whether `command` opens the vault (and so may run through an unlock session).
fn opens_vault(command: &Command) -> bool {
    matches!(
        command,
        Command::Add(_)
            | Command::List(_)
            | Command::Rename { .. }
            | Command::Evidence(_)
            | Command::Fingerprint { .. }
            | Command::Inspect { .. }
            | Command::Leftovers { .. }
            | Command::Merge { .. }
            | Command::Device(_)
            | Command::Tag(_)
            | Command::Cat { .. }
            | Command::Thumb { .. }
            | Command::Thumbnails(_)
            | Command::Gallery(_)
            | Command::Export(_)
            | Command::View(_)
            | Command::Serve(_)
            | Command::Capture(_)
            | Command::Shred(_)
            | Command::Info
            | Command::Upgrade
            | Command::Compact { .. }
            | Command::Verify
            | Command::Import(_)
            | Command::Key(KeyCommand::List | KeyCommand::Remove { .. })
            | Command::Backup { .. }
    )
}
