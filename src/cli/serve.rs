//! `serve`: opens the vault for writing, hands it to the library's gallery server, prints the
//! one-time link, and says why it locked.

use super::args::ServeArgs;
use super::error::CliError;
use super::output;
use super::session::{Ctx, open};
use clipvault::serve::{ServeOptions, serve as run_server};
use std::io::Write as _;
use std::process::{Command, Stdio};

pub(super) fn serve(ctx: &Ctx, args: &ServeArgs) -> Result<(), CliError> {
    let vault = open(ctx, true)?;
    let options = ServeOptions { port: args.port, idle_lock: args.idle_lock };
    let reason = run_server(vault, &options, |url| {
        // The link goes to standard output alone, so a script can read it; the rest is status.
        let mut out = output::stdout().lock();
        let _ = writeln!(out, "{url}").and_then(|()| out.flush());
        ctx.status.say(&format!(
            "serving a private gallery on 127.0.0.1 only: open the link above in this device's browser (it works \
             once). It locks on its Lock button, after {} without a request, or on Ctrl-C.",
            humantime::format_duration(args.idle_lock)
        ));
        if args.open {
            open_in_browser(ctx, url);
        }
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    ctx.status.say(&format!("locked: {reason}; the keys are forgotten"));
    Ok(())
}

/// Runs `termux-open-url` (Termux) or `xdg-open` on the link.
fn open_in_browser(ctx: &Ctx, url: &str) {
    for opener in ["termux-open-url", "xdg-open"] {
        let started =
            Command::new(opener).arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
        if started.is_ok() {
            return;
        }
    }
    ctx.status.say("neither termux-open-url nor xdg-open is installed: open the link yourself");
}
