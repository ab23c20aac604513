//! Dispatch only: each command goes to the function of its command group.

use super::args::{Cli, Command};
use super::error::CliError;
use super::output::{self, Status};
use super::session::{Ctx, open, vault_path};
use super::{items, keys, maintenance, panic, view, viewing};

pub fn run(cli: Cli) -> Result<(), CliError> {
    let (vault_path, is_default_path) = vault_path(&cli.global)?;
    let ctx = Ctx { global: &cli.global, vault_path, is_default_path, status: Status { quiet: cli.global.quiet } };
    match cli.command {
        Command::Init(args) => keys::init(&ctx, &args),
        Command::Add(args) => items::add(&ctx, &args),
        Command::List(args) => items::list(&ctx, &args),
        Command::Rename { item, new_name } => items::rename(&ctx, &item, &new_name),
        Command::Tag(args) => items::tag(&ctx, &args),
        Command::Cat { item } => viewing::cat(&ctx, &item),
        Command::Export(args) => viewing::export(&ctx, &args),
        Command::View(args) => view::view(open(&ctx, args.once)?, &args, ctx.status),
        Command::Shred(args) => items::shred(&ctx, &args),
        Command::Passwd(args) => keys::passwd(&ctx, &args),
        Command::Info => maintenance::info(&ctx),
        Command::Verify => maintenance::verify(&ctx),
        Command::Salvage { to } => maintenance::salvage(&ctx, &to),
        Command::Import(args) => items::import(&ctx, &args),
        Command::Key(command) => keys::key(&ctx, command),
        Command::Compact => maintenance::compact(&ctx),
        Command::Wipe(args) => items::wipe(&ctx, &args),
        Command::Panic(args) => panic::panic(&ctx, &args),
        Command::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(Cli::command()).render(&mut output::stdout()) {
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
