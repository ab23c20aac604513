//! `serve`: opens the vault for writing, hands it to the library's gallery server, prints the
//! one-time link, and says why it locked.

use super::args::ServeArgs;
use super::error::CliError;
use super::output;
use super::session::{Ctx, open_writer};
use clipvault::fl;
use clipvault::serve::{LockReason, ServeError, ServeOptions, serve as run_server};
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::process::{Command, Stdio};

pub(super) fn serve(ctx: &Ctx, args: &ServeArgs) -> Result<(), CliError> {
    let vault = open_writer(ctx)?;
    let options = ServeOptions { port: args.port, idle_lock: args.idle_lock };
    // Where `--open` leaves the link for the browser: a private folder, gone when serve ends.
    let mut handoff = None;
    let reason = run_server(vault, &options, |url| {
        // The link goes to standard output alone, so a script can read it; the rest is status.
        let mut out = output::stdout().lock();
        let _ = writeln!(out, "{url}").and_then(|()| out.flush());
        ctx.status.say(&fl!("serve-serving", idle = humantime::format_duration(args.idle_lock).to_string()));
        if args.open {
            handoff = open_in_browser(ctx, url);
        }
    })
    .map_err(|e| CliError::Failed(serve_error(&e)))?;
    drop(handoff);
    ctx.status.say(&locked(&reason));
    Ok(())
}

/// Why the gallery locked, and that the keys are gone.
fn locked(reason: &LockReason) -> String {
    match reason {
        LockReason::Idle(after) => fl!("serve-locked-idle", idle = humantime::format_duration(*after).to_string()),
        LockReason::Button => fl!("serve-locked-button"),
        LockReason::Signal(name) => fl!("serve-locked-signal", signal = (*name)),
        LockReason::LinkReused => fl!("serve-locked-link-reused"),
    }
}

/// Why the server did not start.
fn serve_error(e: &ServeError) -> String {
    match e {
        ServeError::Bind(port, e) => fl!("serve-cannot-listen", port = port.to_string(), reason = e.to_string()),
        ServeError::Setup(e) => fl!("serve-cannot-start", reason = e.to_string()),
        other => other.to_string(),
    }
}

/// Hands the link to the browser: on Termux to `termux-open-url` (an Android intent; other
/// apps cannot read Termux's processes), elsewhere to `xdg-open` as a private file that
/// redirects to it, because a command line is readable by every local user in /proc and the
/// link is the key to the gallery until it is used. Returns the folder holding that file
/// (removed when dropped). The opener is waited for on a thread of its own: its failure is
/// said, and it never stays behind as a zombie.
fn open_in_browser(ctx: &Ctx, url: &str) -> Option<tempfile::TempDir> {
    let (opener, argument, folder) = if clipvault::media::on_path("termux-open-url") {
        ("termux-open-url", url.to_string(), None)
    } else {
        // A 0700 folder and a 0600 file: only this user reads it.
        let private = <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o700);
        let folder = tempfile::Builder::new().prefix("clipvault-open-").permissions(private).tempdir().ok()?;
        let page = folder.path().join("gallery.html");
        let html = format!(
            "<!doctype html><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
             <meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>Gallery</title>"
        );
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&page)
            .and_then(|mut file| file.write_all(html.as_bytes()));
        if written.is_err() {
            ctx.status.say(&fl!("serve-cannot-hand-link"));
            return None;
        }
        ("xdg-open", format!("file://{}", page.display()), Some(folder))
    };
    match Command::new(opener).arg(&argument).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn() {
        Ok(mut child) => {
            let say_failed = fl!("serve-opener-failed", opener = opener);
            let status = ctx.status;
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|s| s.success()) {
                    status.say(&say_failed);
                }
            });
        }
        Err(_) => ctx.status.say(&fl!("serve-no-opener")),
    }
    folder
}
