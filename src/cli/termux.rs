//! The phone (Termux): `termux setup` writes the hooks that make clipvault part of Android
//! (the share menu's `~/bin/termux-file-editor`, a Termux:Widget panic task that runs without
//! a terminal, a gallery shortcut) and takes back exactly those; `capture` takes a photo or a
//! voice clip through Termux:API into a private folder and moves it into the vault, so the
//! camera's picture never reaches shared storage, where the gallery and other apps index it.

use super::add;
use super::args::{AddArgs, CaptureArgs, CaptureKind};
use super::error::{CliError, io_error, plain_io};
use super::output::{shell_word, shown};
use super::prompt;
use super::session::{Ctx, create_private_dir, home_dir, in_termux};
use clipvault::fl;
use std::io::IsTerminal;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The first line after the shebang of every file setup writes: `--remove` takes back only
/// files that carry it.
const MARK: &str = "# Written by `clipvault termux setup`; `clipvault termux setup --remove` takes it back.";

/// Where setup moves a share hook of the person's own, which ours hands non-media files to.
const SET_ASIDE: &str = "termux-file-editor.before-clipvault";

/// One file setup writes: where, and what it does (said before asking).
struct Hook {
    path: PathBuf,
    what: String,
    script: String,
}

pub(super) fn setup(ctx: &Ctx, remove: bool, yes: bool) -> Result<(), CliError> {
    let home = termux_home()?;
    let hooks = hooks(ctx, &home)?;
    if remove {
        return take_back(ctx, &home, &hooks);
    }
    let editor = home.join("bin/termux-file-editor");
    let theirs = std::fs::read_to_string(&editor).ok().filter(|text| !text.contains(MARK));
    let mut plan: Vec<String> = hooks.iter().map(|h| format!("  {}\n      {}", shown(&h.path), h.what)).collect();
    if theirs.is_some() {
        plan.push(fl!("termux-keeps-yours", path = shown(home.join("bin").join(SET_ASIDE))));
    }
    eprintln!("{}\n{}", fl!("termux-will-write"), plan.join("\n"));
    if !yes && !prompt::confirm(&fl!("termux-write-question"))? {
        return Err(CliError::Failed(fl!("nothing-was-changed")));
    }
    for dir in ["bin", ".shortcuts", ".shortcuts/tasks"] {
        create_private_dir(&home.join(dir)).map_err(|e| io_error(&fl!("session-cannot-create-folder"), &home, &e))?;
    }
    if theirs.is_some() {
        let aside = home.join("bin").join(SET_ASIDE);
        std::fs::rename(&editor, &aside).map_err(|e| io_error(&fl!("termux-cannot-set-aside"), &editor, &e))?;
    }
    for hook in &hooks {
        write_script(&hook.path, &hook.script)?;
        ctx.status.say(&fl!("termux-wrote", path = shown(&hook.path)));
    }
    ctx.status.say(&fl!("termux-done"));
    Ok(())
}

/// `$HOME` of Termux; anywhere else setup has nothing to hook into.
fn termux_home() -> Result<PathBuf, CliError> {
    if !in_termux() {
        return Err(CliError::Usage(fl!("termux-not-termux")));
    }
    home_dir()
}

/// The three scripts, for this binary and (when one was named) this vault.
fn hooks(ctx: &Ctx, home: &Path) -> Result<Vec<Hook>, CliError> {
    let exe = std::env::current_exe().map_err(|e| CliError::Failed(plain_io(&e)))?;
    let shell = std::env::var_os("PREFIX")
        .map(|prefix| PathBuf::from(prefix).join("bin/sh"))
        .filter(|sh| sh.exists())
        .unwrap_or_else(|| PathBuf::from("/bin/sh"));
    let mut clipvault = shell_word(&exe.to_string_lossy());
    if !ctx.is_default_path {
        clipvault = format!("{clipvault} --vault {}", shell_word(&ctx.vault_path.to_string_lossy()));
    }
    let head = format!("#!{}\n{MARK}\n", shell.display());
    let aside = shell_word(&home.join("bin").join(SET_ASIDE).to_string_lossy());
    let press_enter = shell_word(&fl!("termux-press-enter"));
    // Media into the vault; anything else to the person's own hook, if setup set one aside.
    let editor = format!(
        "{head}case \"$(printf '%s' \"$1\" | tr 'A-Z' 'a-z')\" in\n\
         \x20 *.jpg|*.jpeg|*.png|*.gif|*.webp|*.heic|*.heif|*.avif|*.mp4|*.mov|*.3gp|*.mkv|*.webm|*.m4a|*.aac|*.mp3|*.ogg|*.opus|*.amr|*.wav) ;;\n\
         \x20 *) [ -x {aside} ] && exec {aside} \"$@\" ;;\n\
         esac\n\
         {clipvault} add --move -- \"$1\"\n\
         status=$?\n\
         printf '%s' {press_enter}\n\
         read -r _\n\
         exit $status\n"
    );
    Ok(vec![
        Hook { path: home.join("bin/termux-file-editor"), what: fl!("termux-hook-share"), script: editor },
        Hook {
            path: home.join(".shortcuts/tasks/clipvault-panic"),
            what: fl!("termux-hook-panic"),
            script: format!("{head}exec {clipvault} panic --yes >/dev/null 2>&1\n"),
        },
        Hook {
            path: home.join(".shortcuts/clipvault-gallery"),
            what: fl!("termux-hook-gallery"),
            script: format!("{head}exec {clipvault} serve --open\n"),
        },
    ])
}

/// `--remove`: each file that carries the mark, and the person's own share hook put back.
fn take_back(ctx: &Ctx, home: &Path, hooks: &[Hook]) -> Result<(), CliError> {
    let mut removed = 0;
    for hook in hooks {
        let ours = std::fs::read_to_string(&hook.path).is_ok_and(|text| text.contains(MARK));
        if ours {
            std::fs::remove_file(&hook.path).map_err(|e| io_error(&fl!("termux-cannot-remove"), &hook.path, &e))?;
            ctx.status.say(&fl!("termux-removed", path = shown(&hook.path)));
            removed += 1;
        }
    }
    let aside = home.join("bin").join(SET_ASIDE);
    let editor = home.join("bin/termux-file-editor");
    if aside.exists() && !editor.exists() {
        std::fs::rename(&aside, &editor).map_err(|e| io_error(&fl!("termux-cannot-set-aside"), &aside, &e))?;
        ctx.status.say(&fl!("termux-put-back", path = shown(&editor)));
    }
    if removed == 0 {
        ctx.status.say(&fl!("termux-nothing-to-remove"));
    }
    Ok(())
}

fn write_script(path: &Path, script: &str) -> Result<(), CliError> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o700)
        .open(path)
        .map_err(|e| io_error(&fl!("termux-cannot-write"), path, &e))?;
    file.write_all(script.as_bytes()).map_err(|e| io_error(&fl!("termux-cannot-write"), path, &e))?;
    // The mode asked for is cut by the umask; a hook must run.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| io_error(&fl!("termux-cannot-write"), path, &e))
}

// ----- capture -----

pub(super) fn capture(ctx: &Ctx, args: &CaptureArgs) -> Result<(), CliError> {
    let folder = capture_folder()?;
    // What a killed capture left (kill -9, a phone that died): overwritten and removed first.
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let _ = clipvault::wipe::wipe_file(&entry.path());
    }
    let (tool, name) = match args.kind {
        CaptureKind::Photo => ("termux-camera-photo", format!("photo-{}.jpg", stamp())),
        CaptureKind::Voice => ("termux-microphone-record", format!("voice-{}.m4a", stamp())),
    };
    if !clipvault::media::on_path(tool) {
        return Err(CliError::Failed(fl!("capture-no-tool", tool = tool)));
    }
    let file = folder.join(&name);
    // Until it is in the vault, a signal wipes the file (and stops a recording first).
    let stop_recording = args.kind == CaptureKind::Voice;
    let _guard = super::interrupt::WipeOnSignal::new(file.clone(), stop_recording.then_some(tool));
    match args.kind {
        CaptureKind::Photo => take_photo(&file, args.camera)?,
        CaptureKind::Voice => record_voice(ctx, &file, args.seconds)?,
    }
    if std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) == 0 {
        let _ = clipvault::wipe::wipe_file(&file);
        return Err(CliError::Failed(fl!("capture-nothing", tool = tool)));
    }
    let adding = AddArgs {
        paths: vec![file],
        name: None,
        tags: args.tags.clone(),
        move_originals: true,
        allow_duplicates: true,
        no_thumbnails: false,
        thumbnails: super::args::ThumbnailsWhen::Now,
        evidence: false,
        note: String::new(),
        source: String::new(),
    };
    add::add(ctx, &adding)
}

/// A 0700 folder in the app's own storage (`~/.cache/clipvault/capture`), never shared
/// storage: nothing else on the phone can see a capture before it is encrypted.
fn capture_folder() -> Result<PathBuf, CliError> {
    let folder = home_dir()?.join(".cache/clipvault/capture");
    create_private_dir(&folder).map_err(|e| io_error(&fl!("session-cannot-create-folder"), &folder, &e))?;
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| io_error(&fl!("session-cannot-create-folder"), &folder, &e))?;
    Ok(folder)
}

fn take_photo(file: &Path, camera: Option<u32>) -> Result<(), CliError> {
    let mut command = Command::new("termux-camera-photo");
    if let Some(camera) = camera {
        command.arg("-c").arg(camera.to_string());
    }
    run(command.arg(file), "termux-camera-photo")
}

/// Starts a recording into `file`, then stops it after `seconds`, or when Enter is pressed.
fn record_voice(ctx: &Ctx, file: &Path, seconds: Option<u32>) -> Result<(), CliError> {
    if seconds.is_none() && !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(fl!("capture-voice-needs-seconds")));
    }
    let mut start = Command::new("termux-microphone-record");
    start.arg("-f").arg(file).arg("-l").arg(seconds.map_or(0, |s| s + 1).to_string());
    run(&mut start, "termux-microphone-record")?;
    match seconds {
        Some(seconds) => {
            ctx.status.say(&fl!("capture-recording-for", seconds = seconds));
            std::thread::sleep(Duration::from_secs(u64::from(seconds)));
        }
        None => {
            prompt::line(&fl!("capture-recording-until-enter"))?;
        }
    }
    run(Command::new("termux-microphone-record").arg("-q"), "termux-microphone-record")?;
    settle(file);
    Ok(())
}

/// Waits (at most 5 s) until the recorder has stopped writing `file`: Termux:API's service
/// finishes the file after `-q` returns.
fn settle(file: &Path) {
    let mut last = None;
    for _ in 0..25 {
        let size = std::fs::metadata(file).map(|m| m.len()).ok();
        if size.is_some_and(|s| s > 0) && size == last {
            return;
        }
        last = size;
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn run(command: &mut Command, tool: &str) -> Result<(), CliError> {
    let status = command
        .status()
        .map_err(|e| CliError::Failed(fl!("capture-tool-failed", tool = tool, reason = plain_io(&e))))?;
    if !status.success() {
        return Err(CliError::Failed(fl!("capture-tool-failed", tool = tool, reason = status.to_string())));
    }
    Ok(())
}

/// The local time as `20261205-114512`, for a capture's name.
fn stamp() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    match clipvault::sys::local_time(now) {
        Some(t) => format!("{:04}{:02}{:02}-{:02}{:02}{:02}", t.year, t.month, t.day, t.hour, t.minute, now % 60),
        None => now.to_string(),
    }
}
