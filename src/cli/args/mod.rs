//! Command-line arguments (clap derive): the program, its global options and the command
//! list here, each command's own arguments in `commands.rs`. Only this module knows clap;
//! `run` turns these into calls on the library.

mod commands;

pub use commands::*;

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// clipvault: an encrypted private media vault in one file.
#[derive(Parser, Debug)]
#[command(name = "clipvault", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

pub const EXIT_CODES: &str = "Exit codes: 0 success, 1 other error (including a file that is not a vault), \
2 usage, 3 wrong passphrase, 4 integrity failure, 5 no such item, 6 vault busy.";

#[derive(Args, Debug)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The vault file [default: $CLIPVAULT_VAULT, else ~/.local/share/clipvault/vault.clipvault]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,
    /// Read the passphrase from the first line of this file [env: CLIPVAULT_PASSPHRASE_FILE]
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    /// Read the passphrase from the first line this command prints (e.g. a password manager,
    /// or termux-fingerprint with termux-keystore) [env: CLIPVAULT_PASSPHRASE_COMMAND]
    #[arg(long, global = true, value_name = "CMD", conflicts_with = "passphrase_file")]
    pub passphrase_command: Option<String>,
    /// Open the vault with a recovery identity (an AGE-SECRET-KEY-1... file) instead of a passphrase
    #[arg(long, global = true, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// If another process is writing, wait for it as long as it takes
    #[arg(long, global = true)]
    pub wait: bool,
    /// If another process is writing, wait for it at most SECONDS
    #[arg(long, global = true, value_name = "SECONDS")]
    pub wait_timeout: Option<u64>,
    /// No progress bars or status messages
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Unlock even a vault whose key derivation asks for more memory or work than the strong
    /// profile or a quarter of this device's memory (a file from someone else could)
    #[arg(long, global = true)]
    pub allow_costly_kdf: bool,
    /// The language of messages: en, hi or ar [default: $CLIPVAULT_LANG, else the locale]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new vault
    #[command(
        after_help = "Examples:\n  clipvault init\n  clipvault init --generate --recovery\n  clipvault --vault ~/sd/private.clipvault init --kdf-profile strong"
    )]
    Init(InitArgs),
    /// Add files, or folders recursively; `-` reads standard input
    #[command(
        after_help = "Examples:\n  clipvault add VID_2024.mp4 Camera/ --tag beach\n  clipvault add --move voice-note.ogg\n  some-recorder | clipvault add - --name call.ogg"
    )]
    Add(AddArgs),
    /// List the items
    #[command(visible_alias = "ls")]
    #[command(
        after_help = "Examples:\n  clipvault list\n  clipvault list beach --sort size\n  clipvault list '*.mp4' --type video --tag evidence\n  clipvault list --json"
    )]
    List(ListArgs),
    /// Give an item a new name (only the index changes)
    Rename {
        /// Id, unique id prefix, or name
        item: OsString,
        /// The new name; a `/` in it makes folders when exported
        new_name: OsString,
        /// Rename an item marked as evidence too
        #[arg(long)]
        force: bool,
    },
    /// Add or remove tags of items
    Tag(TagArgs),
    /// Write an item's content to standard output (not to a terminal)
    Cat {
        /// Id, unique id prefix, or exact name
        item: OsString,
    },
    /// Write an item's thumbnail (a JPEG, made now in memory) to standard output, not a terminal
    Thumb {
        /// Id, unique id prefix, or name
        item: OsString,
    },
    /// Make and store the thumbnails that items lack (items added before, or with --no-thumbnails)
    #[command(after_help = "Examples:\n  clipvault thumbnails --all\n  clipvault thumbnails beach.jpg clip.mp4")]
    Thumbnails(ThumbnailsArgs),
    /// The evidence locker: mark items, read the custody log, export a verifiable bundle
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// What a photo or video reveals about where, when and with what it was made (location, camera, serial numbers, time)
    #[command(
        after_help = "The stored item is never changed: evidence needs it byte for byte.\n\nExamples:\n  clipvault inspect IMG_0042.jpg\n  clipvault inspect clip.mp4 --json"
    )]
    Inspect {
        /// Id, unique id prefix, or name
        item: OsString,
        /// As JSON: positions in decimal degrees, times in RFC 3339
        #[arg(long)]
        json: bool,
    },
    /// Hashes for StopNCII.org and Take It Down: PDQ of images, MD5 and SHA-256 of every item
    #[command(
        after_help = "Nothing is uploaded: clipvault only computes the hashes, on this device.\n\nExamples:\n  clipvault fingerprint photo.jpg\n  clipvault fingerprint clip.mp4 --json"
    )]
    Fingerprint {
        /// Items (id, id prefix or name)
        #[arg(required = true, value_name = "ITEM")]
        items: Vec<OsString>,
        /// JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// The vault as a grid of thumbnails in the terminal (cleared on exit)
    #[command(
        after_help = "Keys: arrows or h j k l move, / search, t filter by type or tag, Enter open,\nd shred (asks), r rename, Esc back, ? all keys, q quit. Leaving clears the screen and\nthe scrollback."
    )]
    Gallery(GalleryArgs),
    /// Write items as plain files into a folder
    #[command(
        after_help = "Examples:\n  clipvault export beach.jpg --to ~/out\n  clipvault export --all --to ~/backup --skip-existing\n  clipvault export clip.mp4 --to out --age-recipient age1..."
    )]
    Export(ExportArgs),
    /// Show an item without writing it to disk
    #[command(
        after_help = "Examples:\n  clipvault view beach.jpg\n  clipvault view 3f2a9c1b --with 'feh {}'\n  clipvault view secret.mp4 --once"
    )]
    View(ViewArgs),
    /// A private gallery in this device's browser: 127.0.0.1 only, nothing written to disk
    #[command(
        after_help = "Prints a link that works once; open it in this device's browser. The gallery shows,\nplays, adds and shreds items, and locks on its Lock button, after --idle-lock without a\nrequest, or on Ctrl-C.\n\nExamples:\n  clipvault serve\n  clipvault serve --open --idle-lock 5\n  clipvault serve --port 8765"
    )]
    Serve(ServeArgs),
    /// Make clipvault part of the phone (Termux): the share menu, a panic button, a gallery shortcut
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  clipvault termux setup\n  clipvault termux setup --remove")]
    Termux(TermuxCommand),
    /// Take a photo or record a voice clip straight into the vault, never into the gallery (Termux:API)
    #[command(
        after_help = "Examples:\n  clipvault capture photo\n  clipvault capture photo --camera 1\n  clipvault capture voice --seconds 30"
    )]
    Capture(CaptureArgs),
    /// Back the vault up with restic: to a folder, a USB stick, sftp, S3, B2, a rest-server or any rclone remote
    #[command(
        after_help = "Only what changed since the last backup is stored. The repository is remembered, and made\n(after saying so) if it does not exist. A restore needs only the passphrase and the repository.\n\nExamples:\n  clipvault backup /media/usb/clipvault-backup\n  clipvault backup sftp:me@home.example:/backups/phone\n  clipvault backup"
    )]
    Backup {
        /// The restic repository [default: the last one used, or $RESTIC_REPOSITORY]
        repo: Option<String>,
    },
    /// Get the vault back from a restic backup, into a new file
    #[command(
        after_help = "Examples:\n  clipvault restore /media/usb/clipvault-backup --to ~/vault.clipvault\n  clipvault restore b2:bucket:phone --snapshot 4f2a91c0 --to restored.clipvault"
    )]
    Restore {
        /// The restic repository [default: the last one used, or $RESTIC_REPOSITORY]
        repo: Option<String>,
        /// Which backup (an id or its first digits) [default: the newest]
        #[arg(long, value_name = "ID")]
        snapshot: Option<String>,
        /// The new vault file
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// One vault on several devices: each writes its own file in a folder a sync tool keeps in step
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  clipvault --vault ~/Sync/vault/phone.clipvault device add ~/Sync/vault/laptop.clipvault\n  clipvault --vault ~/Sync/vault/laptop.clipvault merge"
    )]
    Device(DeviceCommand),
    /// Fold other copies of this vault into it, item by item: another device's file, a sync conflict copy, a restored backup
    #[command(
        after_help = "With no FILE: every other vault file in the vault's folder, and sync tools' conflict copies.\nAn item added anywhere arrives; a rename or tag keeps the later change; a shred anywhere\nshreds it here (evidence only if its shred was forced). Merging twice changes nothing.\n\nExamples:\n  clipvault merge\n  clipvault merge /media/usb/old.clipvault"
    )]
    Merge {
        /// Other copies of this vault [default: the other vault files beside it]
        #[arg(value_name = "FILE")]
        others: Vec<PathBuf>,
    },
    /// Find copies of vaulted items left outside the vault: the gallery's trash and thumbnails, chat apps, downloads
    #[command(
        after_help = "Exact copies by SHA-256; re-sent, resized and thumbnail copies of pictures by PDQ. Read-only\nunless --remove.\n\nExamples:\n  clipvault leftovers\n  clipvault leftovers ~/storage/shared/WhatsApp --json\n  clipvault leftovers --remove"
    )]
    Leftovers {
        /// Folders or files to search (default: the usual places on this device)
        paths: Vec<std::path::PathBuf>,
        /// As JSON, one object per copy found
        #[arg(long)]
        json: bool,
        /// Wipe the copies found, after a question
        #[arg(long)]
        remove: bool,
        /// With --remove: do not ask
        #[arg(long, requires = "remove")]
        yes: bool,
    },
    /// Destroy items for good
    #[command(visible_aliases = ["rm", "delete"])]
    #[command(after_help = "Examples:\n  clipvault shred beach.jpg\n  clipvault shred 3f2a9c1b 9d0e11aa --yes")]
    Shred(ShredArgs),
    /// Change the passphrase
    #[command(after_help = "Examples:\n  clipvault passwd\n  clipvault --identity recovery.txt passwd --key 3f9a1c02")]
    Passwd(PasswdArgs),
    /// Show the vault's settings and sizes
    Info,
    /// Upgrade an older vault (format version 1, 2 or 3) to version 4 now (any command that writes does it)
    Upgrade,
    /// Rewrite the vault without the space freed by shredded items
    #[command(
        after_help = "It keeps only what the passphrase given opens: a compartment opened by another\npassphrase (key add --compartment) is not carried over.\n\nExamples:\n  clipvault compact\n  clipvault compact --yes"
    )]
    Compact {
        /// Do not ask first (the question is the same for every vault)
        #[arg(long, short)]
        yes: bool,
    },
    /// Copy every intact item of a damaged vault into a new vault (same passphrase)
    Salvage {
        /// Path of the new vault (must not exist)
        #[arg(long, value_name = "PATH")]
        to: PathBuf,
    },
    /// Check every byte of every item and the index
    Verify,
    /// Decrypt standard .age files into the vault (named without `.age`)
    Import(ImportArgs),
    /// Passphrases and recovery keys: list, add, remove, rotate
    #[command(
        subcommand,
        after_help = "Examples:\n  clipvault key list\n  clipvault key add --recovery > recovery.txt\n  clipvault key remove 3f9a1c02\n  clipvault key rotate"
    )]
    Key(KeyCommand),
    /// Destroy files outside the vault (overwrite, truncate, rename, unlink)
    Wipe(WipeArgs),
    /// Ask the passphrase once: later commands on this vault ask nothing for a while
    #[command(after_help = "Examples:\n  clipvault unlock\n  clipvault unlock --for 30m\n  clipvault lock")]
    Unlock {
        /// How long, extended while in use (minutes, or 90s, 1h; at most 12h)
        #[arg(long = "for", value_name = "DURATION", default_value = "10m", value_parser = parse_minutes)]
        duration: std::time::Duration,
    },
    /// End the unlock session of this vault now (or of every vault)
    Lock {
        /// Every vault's session
        #[arg(long)]
        all: bool,
    },
    /// Whether this vault is unlocked, and for how long
    Status,
    /// The unlock agent itself (started by `unlock`)
    #[command(name = "__agent", hide = true)]
    Agent { seconds: u64, socket: PathBuf },
    /// Make the vault unopenable NOW: destroy every key slot (no passphrase needed)
    #[command(after_help = "A copy of the vault file made before (a backup, a cloud copy) still opens with the old \
passphrase: panic cannot reach it.\n\nExamples:\n  clipvault panic\n  clipvault panic --yes --also-delete")]
    Panic(PanicArgs),
    /// Print the manual page, or one command's (roff; `clipvault man add | man -l -`)
    Man {
        /// A command, for its own page (the main page lists them as clipvault-COMMAND(1))
        command: Option<String>,
    },
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

fn parse_size_arg(text: &str) -> Result<u64, String> {
    parse_size::Config::new().with_binary().parse_size(text).map_err(|e| format!("{e} (give a size like 500M or 2G)"))
}

/// A moment as a person gives it, as Unix seconds and the zone's offset in minutes: `now`, a
/// local time `2026-12-01 21:30` (seconds optional, `T` or a space between), or RFC 3339 with
/// `Z` or an offset (`2026-12-01T21:30:00+05:30`).
pub fn parse_moment(text: &str) -> Result<(u64, i32), String> {
    let text = text.trim();
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let zone_at = |secs: u64| clipvault::sys::local_time(secs).map_or(0, |t| t.offset_minutes);
    if text.eq_ignore_ascii_case("now") {
        let now = now();
        return Ok((now, zone_at(now)));
    }
    let wrong = || format!("'{text}' is not a time: give `now`, `2026-12-01 21:30` or `2026-12-01T21:30:00+05:30`");
    let (naive, zone) = if let Some(naive) = text.strip_suffix(['Z', 'z']) {
        (naive, Some(0))
    } else if text.len() > 6
        && matches!(text.as_bytes()[text.len() - 6], b'+' | b'-')
        && text.as_bytes()[text.len() - 3] == b':'
    {
        let (naive, offset) = text.split_at(text.len() - 6);
        let hours: i32 = offset[1..3].parse().map_err(|_| wrong())?;
        let minutes: i32 = offset[4..6].parse().map_err(|_| wrong())?;
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        (naive, Some(sign * (hours * 60 + minutes)))
    } else {
        (text, None)
    };
    let naive = naive.replacen(' ', "T", 1);
    let naive = if naive.len() == 16 { format!("{naive}:00") } else { naive };
    let as_utc = humantime::parse_rfc3339_weak(&naive)
        .map_err(|_| wrong())?
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| wrong())?
        .as_secs();
    let shift = |secs: u64, minutes: i32| secs.saturating_add_signed(-i64::from(minutes) * 60);
    let (secs, zone) = match zone {
        Some(zone) => (shift(as_utc, zone), zone),
        // A local time: the zone's offset at that moment (found again once, for a moment
        // across a change of summer time).
        None => {
            let guess = shift(as_utc, zone_at(as_utc));
            let zone = zone_at(guess);
            (shift(as_utc, zone), zone)
        }
    };
    if secs > now() + 86_400 {
        return Err(format!("'{text}' is in the future"));
    }
    Ok((secs, zone))
}

/// A plain number is minutes; anything else is a humantime duration (`90s`, `1h`).
fn parse_minutes(text: &str) -> Result<std::time::Duration, String> {
    let duration = match text.parse::<u64>() {
        Ok(minutes) => std::time::Duration::from_secs(minutes.saturating_mul(60)),
        Err(_) => humantime::parse_duration(text).map_err(|e| format!("{e} (give minutes, or a duration like 90s)"))?,
    };
    if duration.is_zero() {
        return Err("must be more than zero".into());
    }
    Ok(duration)
}
