//! `view`: hand an item to a viewer without writing plaintext to disk, through a pipe or an
//! in-memory file (memfd) that vanishes when the last process holding it exits.

use super::args::ViewArgs;
use super::error::{CliError, plain_io};
use super::output::{Status, display_name};
use super::prompt::confirm;
use super::resolve::resolve;
use clipvault::{Vault, VaultError, VaultWriter, fl};
use std::io::IsTerminal;
use std::process::{Command, ExitStatus, Stdio};

/// Viewers tried for a media type when `--with` is not given; `{}` means a path.
fn default_viewers(media_type: &str) -> &'static [&'static str] {
    match media_type.split('/').next().unwrap_or("") {
        "video" | "audio" => {
            &["mpv --really-quiet {}", "ffplay -autoexit -loglevel quiet {}", "vlc --play-and-exit {}"]
        }
        // In a terminal, images are drawn by clipvault itself (`screen::show_image`), which
        // clears the scrollback afterwards; terminal viewers such as viu would leave them in it.
        "image" => &["feh {}", "eog {}", "display {}"],
        "text" => &["less"],
        _ => &[],
    }
}

/// What to install for a media type that no viewer here can show (the type is known only
/// once the vault is open: it is encrypted with the item). `view` says to choose one with
/// `--with`; the gallery's player (`playing`), to try `view --with`.
fn no_viewer(media: &str, playing: bool) -> CliError {
    CliError::Failed(match (media.split('/').next().unwrap_or(""), playing) {
        ("video" | "audio", false) => fl!("view-no-viewer-video", media = media),
        ("image", false) => fl!("view-no-viewer-image", media = media),
        ("text", false) => fl!("view-no-viewer-text", media = media),
        (_, false) => fl!("view-no-viewer-other", media = media),
        ("video" | "audio", true) => fl!("view-play-no-viewer-video", media = media),
        ("image", true) => fl!("view-play-no-viewer-image", media = media),
        ("text", true) => fl!("view-play-no-viewer-text", media = media),
        (_, true) => fl!("view-play-no-viewer-other", media = media),
    })
}

/// The program a viewer command starts, if it is a plain word that is not on PATH (the shell
/// would say `sh: 1: feh: not found` and exit 127).
fn missing_program(command: &str) -> Option<&str> {
    let program = command.split_whitespace().next()?;
    // Asked of the shell that will run it, so its builtins (`exit`, `cat`...) count too.
    let known = Command::new("sh")
        .args(["-c", "command -v -- \"$1\" >/dev/null", "sh", program])
        .stdin(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (!known).then_some(program)
}

/// How long an image drawn in the terminal stays without a key.
#[cfg(feature = "gallery")]
const IMAGE_IDLE_LOCK: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Shows the item and, with `--once`, shreds it after (asking a person at a terminal first).
pub fn view_once(mut vault: VaultWriter, args: &ViewArgs, status: Status) -> Result<(), CliError> {
    let (id, name) = view(&vault, args, status)?;
    // A viewer that exits normally may still have shown nothing (a missing codec): a person
    // at a terminal says whether the item was seen before it is destroyed.
    if !args.yes && std::io::stdin().is_terminal() && !confirm(&fl!("view-once-confirm", name = name.as_str()))? {
        status.say(&fl!("view-kept", name = name));
        return Ok(());
    }
    vault.remove(&[id])?;
    status.say(&fl!("view-once-shredded", name = name));
    Ok(())
}

/// Shows the item in the terminal or a viewer; returns its id and printable name once the
/// viewer ended well.
#[cfg_attr(not(feature = "gallery"), allow(unused_variables))] // `status` reports the terminal's image
pub fn view(vault: &Vault, args: &ViewArgs, status: Status) -> Result<(u64, String), CliError> {
    let item = resolve(vault, &args.item)?;
    let (id, media_type, name) = (item.id, item.media_type.clone(), display_name(&item.name));
    // Built without the terminal gallery, an image goes to a viewer like anything else.
    #[cfg(feature = "gallery")]
    {
        let in_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        if args.with.is_none() && media_type.starts_with("image/") && in_terminal {
            use super::terminal::screen::{Ended, show_image};
            status.say(&match show_image(vault, id, IMAGE_IDLE_LOCK)? {
                Ended::Signal => fl!("view-image-signal"),
                Ended::Idle => fl!("view-image-idle"),
                Ended::Key => fl!("view-image-closed"),
            });
            return Ok((id, name));
        }
    }
    let command = match &args.with {
        Some(cmd) => {
            if let Some(program) = missing_program(cmd) {
                return Err(CliError::Failed(fl!("view-not-installed", program = program)));
            }
            cmd.clone()
        }
        None => default_viewers(&media_type)
            .iter()
            .find(|cmd| clipvault::media::on_path(cmd.split(' ').next().unwrap_or("")))
            .map(|cmd| cmd.to_string())
            .ok_or_else(|| no_viewer(&media_type, false))?,
    };
    // Default viewers chatter on stderr (codec and window-system noise); a chosen one may not.
    let quiet = args.with.is_none() && !args.verbose;
    let exit = run_viewer(vault, id, &command, quiet)?;
    if !exit.success() {
        let status = exit.to_string();
        return Err(CliError::Failed(match args.once {
            true => fl!("view-viewer-failed-kept", status = status),
            false => fl!("view-viewer-failed", status = status),
        }));
    }
    Ok((id, name))
}

#[cfg(feature = "gallery")]
/// Plays item `id` in the first default viewer found for its type (the gallery's Enter on a
/// video or a voice clip), as `view` does without `--with`.
pub fn play(vault: &Vault, id: u64) -> Result<(), CliError> {
    let media_type = vault.item(id)?.media_type.clone();
    let command = default_viewers(&media_type)
        .iter()
        .find(|cmd| clipvault::media::on_path(cmd.split(' ').next().unwrap_or("")))
        .ok_or_else(|| no_viewer(&media_type, true))?;
    let exit = run_viewer(vault, id, command, true)?;
    if !exit.success() {
        return Err(CliError::Failed(fl!("view-viewer-failed", status = exit.to_string())));
    }
    Ok(())
}

/// Items larger than this are not put in memory for a viewer that wants a path: a phone
/// would kill the process (or worse) for a 1.6 GB video held in RAM.
const MEMORY_FILE_MAX: u64 = 256 << 20;

/// Runs the viewer command on item `id`: through a pipe when it has no `{}`; else `{}` is an
/// in-memory file (memfd) for an item up to [`MEMORY_FILE_MAX`], and a loopback URL served
/// to this user only (as ffmpeg gets videos for thumbnails) for a bigger one: memory stays
/// bounded and the player can still seek. Video players (mpv, ffplay, vlc) take either.
fn run_viewer(vault: &Vault, id: u64, command: &str, quiet: bool) -> Result<ExitStatus, CliError> {
    if !command.contains("{}") {
        run_with_pipe(vault, id, command, quiet)
    } else if vault.item(id)?.size > MEMORY_FILE_MAX {
        run_with_url(vault, id, command, quiet)
    } else {
        run_with_memfd(vault, id, command, quiet)
    }
}

fn run_with_url(vault: &Vault, id: u64, command: &str, quiet: bool) -> Result<ExitStatus, CliError> {
    let size = vault.item(id)?.size;
    let mut reader = vault.open_item(id)?;
    let _guard = clipvault::sys::ignore_interrupts();
    let (exit, _, _) = clipvault::media::video::with_loopback_url(&mut reader, size, |url| {
        shell(&command.replace("{}", url)).stdin(Stdio::null()).stderr(stderr_of(quiet)).status()
    })
    .map_err(spawn_error)?;
    exit.map_err(spawn_error)
}

/// The viewer runs under `sh -c`, and gets Ctrl-C itself: clipvault ignores it meanwhile so
/// that it can clean up (and shred a view-once item) after the viewer exits.
fn shell(command: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command);
    clipvault::sys::default_interrupts_in_child(&mut cmd);
    cmd
}

fn spawn_error(e: std::io::Error) -> CliError {
    CliError::Failed(fl!("view-cannot-start", reason = plain_io(&e)))
}

fn stderr_of(quiet: bool) -> Stdio {
    if quiet { Stdio::null() } else { Stdio::inherit() }
}

fn run_with_pipe(vault: &Vault, id: u64, command: &str, quiet: bool) -> Result<ExitStatus, CliError> {
    let _guard = clipvault::sys::ignore_interrupts();
    let mut child = shell(command).stdin(Stdio::piped()).stderr(stderr_of(quiet)).spawn().map_err(spawn_error)?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let fed = std::thread::scope(|scope| {
        let feeder = scope.spawn(move || vault.read_item_to(id, &mut stdin));
        feeder.join().expect("the feeding thread does not panic")
    });
    let exit = child.wait().map_err(spawn_error)?;
    match fed {
        // The viewer may stop reading early (a player that is closed): not an error.
        Err(VaultError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
        Ok(()) => {}
    }
    Ok(exit)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn run_with_memfd(vault: &Vault, id: u64, command: &str, quiet: bool) -> Result<ExitStatus, CliError> {
    use std::os::fd::AsRawFd;
    // Inherited: the viewer opens it as /proc/self/fd/N.
    let mut memfd = clipvault::sys::memory_file(c"clipvault-view", true)
        .map_err(|e| CliError::Failed(fl!("view-no-memory-file", reason = plain_io(&e))))?;
    vault.read_item_to(id, &mut memfd)?;
    let path = format!("/proc/self/fd/{}", memfd.as_raw_fd());
    let _guard = clipvault::sys::ignore_interrupts();
    let mut child = shell(&command.replace("{}", &path))
        .stdin(Stdio::null())
        .stderr(stderr_of(quiet))
        .spawn()
        .map_err(spawn_error)?;
    let exit = child.wait().map_err(spawn_error)?;
    // Dropping the File closes our descriptor; the memory is freed when the viewer's goes too.
    drop(memfd);
    Ok(exit)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn run_with_memfd(_vault: &Vault, _id: u64, _command: &str, _quiet: bool) -> Result<ExitStatus, CliError> {
    Err(CliError::Failed(fl!("view-memory-file-unsupported")))
}
