//! The arguments of each command and command group, flattened into [`Command`](super::Command).

use super::{parse_minutes, parse_size_arg};
use clap::{Args, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct KdfArgs {
    /// Named key derivation cost: standard (64 MiB, 3 passes) or strong (256 MiB, 4 passes)
    #[arg(long, value_name = "NAME", default_value = "standard", conflicts_with_all = ["kdf_memory", "kdf_iterations", "kdf_parallelism"])]
    pub kdf_profile: String,
    /// Exact Argon2id memory in MiB (with --kdf-iterations and --kdf-parallelism)
    #[arg(long, value_name = "MIB", requires_all = ["kdf_iterations", "kdf_parallelism"])]
    pub kdf_memory: Option<u32>,
    /// Exact Argon2id passes
    #[arg(long, value_name = "N", requires = "kdf_memory")]
    pub kdf_iterations: Option<u32>,
    /// Exact Argon2id lanes
    #[arg(long, value_name = "N", requires = "kdf_memory")]
    pub kdf_parallelism: Option<u32>,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    #[command(flatten)]
    pub kdf: KdfArgs,
    /// Accept a passphrase that is easy to guess
    #[arg(long)]
    pub allow_weak_passphrase: bool,
    /// Also create a recovery key, shown once (asked on a terminal)
    #[arg(long)]
    pub recovery: bool,
    /// Make up a strong passphrase (six random words from EFF's list, about 77 bits) and show
    /// it once, instead of asking for one
    #[arg(long, conflicts_with = "allow_weak_passphrase")]
    pub generate: bool,
    /// Fill this much of the new vault with random bytes (e.g. 2G), space that no passphrase
    /// accounts for: a decoy compartment's size then explains nothing (SECURITY.md)
    #[arg(long, value_name = "SIZE", value_parser = parse_size_arg)]
    pub reserve: Option<u64>,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// Files or folders to add; `-` for standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Name to store (required with `-`; only with one file)
    #[arg(long)]
    pub name: Option<OsString>,
    /// Tag to attach (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Wipe each original once its copy is committed and checked
    #[arg(long = "move")]
    pub move_originals: bool,
    /// Store content even if the vault already holds it (by default it is skipped, so an
    /// interrupted folder add can simply be run again)
    #[arg(long)]
    pub allow_duplicates: bool,
    /// Store no thumbnail (by default images, and videos when ffmpeg is installed, get one,
    /// encrypted in the vault)
    #[arg(long)]
    pub no_thumbnails: bool,
    /// When thumbnails are made: now (the add waits for them) or later (the add returns once
    /// the items are stored, and a background process makes them)
    #[arg(long, value_enum, value_name = "WHEN", default_value = "now", conflicts_with = "no_thumbnails")]
    pub thumbnails: ThumbnailsWhen,
    /// Mark what is added as evidence (see `clipvault evidence`)
    #[arg(long)]
    pub evidence: bool,
    /// With --evidence: what it is ("threat received on 3 May")
    #[arg(long, requires = "evidence", default_value = "")]
    pub note: String,
    /// With --evidence: where it came from ("Instagram DM from @x")
    #[arg(long, requires = "evidence", default_value = "")]
    pub source: String,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only names that contain PATTERN, ignoring case, or match it as a glob (`*.jpg`, `Camera/*`)
    pub pattern: Option<String>,
    /// Only items with this tag (repeatable: all of them)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only items of this kind
    #[arg(long = "type", value_enum, value_name = "KIND")]
    pub kind: Option<MediaKind>,
    /// Order of the rows
    #[arg(long, value_enum, default_value = "added")]
    pub sort: SortKey,
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

/// When `add` makes thumbnails.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThumbnailsWhen {
    /// Before the add returns
    Now,
    /// After it, in a background process; the galleries make any still missing when shown
    Later,
}

/// A kind of media, from its stored type.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Other,
}

/// What `list` sorts by.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Name, ignoring case
    Name,
    /// When added, oldest first
    Added,
    /// Size, largest first
    Size,
    /// The original file's modification time, oldest first
    Modified,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Items to export
    #[arg(value_name = "ITEM", required_unless_present = "all", conflicts_with = "all")]
    pub items: Vec<OsString>,
    /// Export every item
    #[arg(long)]
    pub all: bool,
    /// Folder to write into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// Replace files that already exist
    #[arg(long, conflicts_with = "skip_existing")]
    pub force: bool,
    /// Leave files that already exist alone and go on (for an export run again)
    #[arg(long)]
    pub skip_existing: bool,
    /// Write copies without identifying metadata (location, camera, serial numbers, time):
    /// JPEG, PNG, WebP, HEIC, AVIF, MP4 and MOV, pixels and sound untouched; other types are refused, not
    /// copied. The item in the vault is never changed
    #[arg(long)]
    pub strip_metadata: bool,
    #[command(flatten)]
    pub age: AgeExportArgs,
}

#[derive(Args, Debug, Default)]
pub struct AgeExportArgs {
    /// Write standard .age files encrypted to this age recipient (age1...; repeatable)
    #[arg(long = "age-recipient", value_name = "RECIPIENT")]
    pub recipients: Vec<String>,
    /// Read age recipients from this file, one per line (repeatable)
    #[arg(long = "age-recipients-file", value_name = "FILE")]
    pub recipients_files: Vec<PathBuf>,
    /// Write standard .age files encrypted with a passphrase (asked on the terminal)
    #[arg(long, conflicts_with_all = ["recipients", "recipients_files"])]
    pub age_passphrase: bool,
    /// Like --age-passphrase, reading the passphrase from the first line of FILE
    #[arg(long, value_name = "FILE", conflicts_with_all = ["recipients", "recipients_files", "age_passphrase"])]
    pub age_passphrase_file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// .age files to import
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// An age identity file to decrypt with (repeatable)
    #[arg(long = "age-identity", value_name = "FILE")]
    pub identities: Vec<PathBuf>,
    /// The files are encrypted with a passphrase (asked on the terminal)
    #[arg(long, conflicts_with = "identities")]
    pub age_passphrase: bool,
    /// Like --age-passphrase, reading it from the first line of FILE
    #[arg(long, value_name = "FILE", conflicts_with_all = ["identities", "age_passphrase"])]
    pub age_passphrase_file: Option<PathBuf>,
    /// Tag to attach (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Show the keys: id, kind, date and label
    List,
    /// Add a passphrase (or, with --recovery, a recovery key shown once)
    Add {
        /// Create a recovery key instead of a passphrase
        #[arg(long)]
        recovery: bool,
        /// Read the new passphrase from the first line of this file
        #[arg(long, value_name = "PATH")]
        new_passphrase_file: Option<PathBuf>,
        /// Accept a passphrase that is easy to guess
        #[arg(long)]
        allow_weak_passphrase: bool,
        /// A name for the key, shown by `key list` (e.g. "paper in the safe"; at most 64 bytes)
        #[arg(long, value_name = "TEXT", default_value = "")]
        label: String,
        /// Create a separate compartment opened by the new passphrase (a decoy): its own items,
        /// invisible with any other passphrase
        #[arg(long, conflicts_with = "recovery")]
        compartment: bool,
        /// With --compartment: the passphrase of another compartment this vault already has, so
        /// it is kept clear (repeat for each)
        #[arg(long = "other-compartment-passphrase-file", value_name = "PATH", requires = "compartment")]
        other_compartments: Vec<PathBuf>,
        /// With --compartment: also fill this much of the file with random bytes (e.g. 2G), as
        /// `init --reserve` does for a new vault, so the decoy's size explains nothing
        #[arg(long, value_name = "SIZE", value_parser = parse_size_arg, requires = "compartment")]
        reserve: Option<u64>,
    },
    /// Remove a key (never the last one)
    Remove {
        /// The key's id, as `key list` shows it (4 of its 8 digits are enough)
        #[arg(value_name = "ID")]
        key: String,
        /// Also remove the slot that opened the vault now, or the last passphrase
        #[arg(long)]
        force: bool,
        /// Do not ask for confirmation on a terminal
        #[arg(long, short)]
        yes: bool,
    },
    /// Re-key everything (new master key, all items re-encrypted) if a key may have leaked
    Rotate {
        /// Passphrase of the re-keyed vault [default: the one used to open it]
        #[arg(long, value_name = "PATH")]
        new_passphrase_file: Option<PathBuf>,
        /// Do not ask before dropping other passphrases and recovery keys
        #[arg(long, short)]
        yes: bool,
    },
}

#[derive(Args, Debug)]
pub struct PanicArgs {
    /// Do not ask to type PANIC (for a one-tap shortcut)
    #[arg(long, short)]
    pub yes: bool,
    /// Also delete the vault file afterwards
    #[arg(long)]
    pub also_delete: bool,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    /// Items to tag
    #[arg(required = true, value_name = "ITEM")]
    pub items: Vec<OsString>,
    /// Tag to add (repeatable)
    #[arg(long, value_name = "TAG", required_unless_present = "remove")]
    pub add: Vec<String>,
    /// Tag to remove (repeatable)
    #[arg(long, value_name = "TAG")]
    pub remove: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ViewArgs {
    /// Id, unique id prefix, or exact name
    pub item: OsString,
    /// Viewer command; the content goes to its standard input, or where it contains `{}`,
    /// `{}` becomes the path of an in-memory file
    #[arg(long, value_name = "CMD")]
    pub with: Option<String>,
    /// Shred the item once the viewer exits normally (asked first on a terminal)
    #[arg(long)]
    pub once: bool,
    /// With --once: shred without asking
    #[arg(long, short, requires = "once")]
    pub yes: bool,
    /// Let a default viewer's messages through (they are hidden otherwise)
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum EvidenceCommand {
    /// Mark items as evidence, or change their note and source (each is a custody log entry)
    #[command(
        after_help = "Examples:\n  clipvault evidence mark threat-1.png --source 'Instagram DM from @x' --note 'demand for money'"
    )]
    Mark {
        #[arg(required = true, value_name = "ITEM")]
        items: Vec<OsString>,
        /// What it is
        #[arg(long, default_value = "")]
        note: String,
        /// Where it came from
        #[arg(long, default_value = "")]
        source: String,
    },
    /// Print the custody log, checked entry by entry
    Log {
        /// JSON lines, as in an export bundle
        #[arg(long)]
        json: bool,
    },
    /// Write a bundle for a lawyer, the police or a platform: checksums signed with the vault's key
    #[command(
        after_help = "Items tagged `intimate` are given as hashes and fingerprints only, unless --include-media.\n\nExamples:\n  clipvault evidence export --to ~/report --all\n  clipvault evidence export --to ~/report --tag threats"
    )]
    Export(EvidenceExportArgs),
    /// Show the key this vault signs bundles with, to give to someone trusted now
    #[command(
        after_help = "Send the fingerprint now, before anything happens, to someone you trust (a lawyer, a helpline,\nan email to yourself): later it shows that a bundle was signed by this vault's key and not\nby one put in its place.\n\nExamples:\n  clipvault evidence key"
    )]
    Key,
    /// Check a bundle: its files, its signature, and (with --key) the key that signed it
    #[command(
        after_help = "Examples:\n  clipvault evidence check ~/report --key SHA256:3kX...\n  clipvault evidence check ~/report"
    )]
    Check {
        /// The bundle's folder
        #[arg(value_name = "DIR")]
        bundle: PathBuf,
        /// The fingerprint `clipvault evidence key` showed (and you gave someone) earlier
        #[arg(long, value_name = "FINGERPRINT")]
        key: Option<String>,
        /// A checkpoint `clipvault evidence checkpoint` wrote earlier (its .sig beside it)
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Keep a threat as you received it: who, where, what they said and demanded (the custody log keeps it)
    #[command(
        after_help = "You never need to keep the intimate picture itself to report a threat: keep the threat.\nScreenshots and chat exports go in with --attach (stored and marked as evidence).\n\nExamples:\n  clipvault evidence threat --platform Instagram --from @someone --said 'pay or I post them' \\\n      --demand '20000 to someone@upi' --received '2026-12-01 21:30' --attach screenshot.png\n  clipvault evidence threat --platform WhatsApp --from '+91 98xxxxxx10' --posted-at https://example.com/p/1"
    )]
    Threat(ThreatArgs),
    /// Keep what you did about it: a report, a case or ticket number (the custody log keeps it)
    #[command(
        after_help = "Examples:\n  clipvault evidence action cybercrime-portal --reference 31512250012345 --note 'acknowledgement'\n  clipvault evidence action stopncii --reference 'case 1234'"
    )]
    Action(ActionArgs),
    /// A report ready to fill in: the threats, evidence and hashes you kept, blanks for the rest
    #[command(
        after_help = "Kinds: cybercrime-portal (India, cybercrime.gov.in and 1930), platform (a platform's report\nform), take-it-down (a removal request under the US TAKE IT DOWN Act). Every rule quoted names\nits official source and date.\n\nExamples:\n  clipvault evidence draft cybercrime-portal\n  clipvault evidence draft take-it-down --to request.txt"
    )]
    Draft {
        /// Which report
        #[arg(value_parser = ["cybercrime-portal", "platform", "take-it-down"])]
        kind: String,
        /// Write it to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Write a signed statement of the custody log as it is now, to send to someone trusted
    Checkpoint {
        /// The folder to write it into [default: the current folder]
        #[arg(long, value_name = "DIR", default_value = ".")]
        to: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct EvidenceExportArgs {
    /// A new (or empty) folder for the bundle
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// Evidence items (id, id prefix or name)
    #[arg(value_name = "ITEM", conflicts_with_all = ["all", "tag"])]
    pub items: Vec<OsString>,
    /// Every item marked as evidence
    #[arg(long)]
    pub all: bool,
    /// Evidence items with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Also put items tagged `intimate` into the bundle as files (by default only their hashes)
    #[arg(long)]
    pub include_media: bool,
    /// Instead of plain files, write one `evidence-bundle.tar.age` encrypted to a lawyer's age
    /// key (or a passphrase), so no plaintext reaches the disk
    #[command(flatten)]
    pub age: AgeExportArgs,
}

#[derive(Args, Debug)]
pub struct GalleryArgs {
    /// Close (clearing the screen) after this long without a key: minutes, or e.g. 90s
    #[arg(long, value_name = "MINUTES", default_value = "5", value_parser = parse_minutes)]
    pub idle_lock: std::time::Duration,
    /// How to draw pictures: what the terminal says it can show (auto), half-blocks (any
    /// terminal), sixel, kitty or iterm2
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto")]
    pub images: ImagesChoice,
}

/// `gallery --images`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImagesChoice {
    Auto,
    Blocks,
    Sixel,
    Kitty,
    Iterm2,
}

#[derive(Args, Debug)]
pub struct ThumbnailsArgs {
    /// Items (id, id prefix or name)
    #[arg(value_name = "ITEM", required_unless_present = "all", conflicts_with = "all")]
    pub items: Vec<OsString>,
    /// Every image and video without a thumbnail
    #[arg(long)]
    pub all: bool,
    /// Run as the background process `add --thumbnails later` starts (the key comes through
    /// a pipe, as in a run of the unlock agent)
    #[arg(long, hide = true, requires = "all")]
    pub background: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 [default: a free one]
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub port: u16,
    /// Lock after this long without a request: minutes, or a duration such as 90s or 1h
    #[arg(long, value_name = "MINUTES", default_value = "10", value_parser = parse_minutes)]
    pub idle_lock: std::time::Duration,
    /// Open the link in the browser (termux-open-url on Termux, else xdg-open)
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug)]
pub struct ShredArgs {
    /// Items to destroy
    #[arg(required = true, value_name = "ITEM")]
    pub items: Vec<OsString>,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// Shred items marked as evidence too (the custody log records it)
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct PasswdArgs {
    /// The passphrase to replace, by its id (`key list` shows them) [default: the one that
    /// opened the vault]
    #[arg(long, value_name = "ID")]
    pub key: Option<String>,
    /// Read the new passphrase from the first line of this file
    #[arg(long, value_name = "PATH")]
    pub new_passphrase_file: Option<PathBuf>,
    /// Accept a passphrase that is easy to guess
    #[arg(long)]
    pub allow_weak_passphrase: bool,
}

#[derive(Args, Debug)]
pub struct WipeArgs {
    /// Files to destroy
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also wipe folders and everything in them
    #[arg(long, short)]
    pub recursive: bool,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Subcommand, Debug)]
pub enum TermuxCommand {
    /// Write the share hook (~/bin/termux-file-editor), a panic button and a gallery shortcut
    /// for Termux:Widget, after showing them; or with --remove take back exactly those
    Setup {
        /// Take back what setup wrote (and put back a share hook of yours it had set aside)
        #[arg(long)]
        remove: bool,
        /// Do not ask first
        #[arg(long, short)]
        yes: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum DeviceCommand {
    /// Start another device's file from this vault: the same items and passphrases, a file of its own
    Add {
        /// The new device's vault file (in the folder a sync tool keeps in step)
        file: PathBuf,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureKind {
    /// A photo from the camera (termux-camera-photo)
    Photo,
    /// A voice clip from the microphone (termux-microphone-record)
    Voice,
}

#[derive(Args, Debug)]
pub struct CaptureArgs {
    /// What to capture
    #[arg(value_enum)]
    pub kind: CaptureKind,
    /// A voice clip: stop after this many seconds [default: when Enter is pressed]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub seconds: Option<u32>,
    /// A photo: which camera (termux-camera-info lists them; 0 is usually the back one)
    #[arg(long, value_name = "ID")]
    pub camera: Option<u32>,
    /// Tag to attach (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ThreatArgs {
    /// Where it came: Instagram, WhatsApp, Telegram, email, SMS...
    #[arg(long, default_value = "")]
    pub platform: String,
    /// The sender: a handle, a phone number or a profile address
    #[arg(long, default_value = "")]
    pub from: String,
    /// What the message said (copy it as it is)
    #[arg(long, default_value = "")]
    pub said: String,
    /// What was demanded: an amount, a UPI id, a wallet
    #[arg(long, default_value = "")]
    pub demand: String,
    /// Where content was posted (repeat for several)
    #[arg(long, value_name = "URL")]
    pub posted_at: Vec<String>,
    /// When it was received: `2026-12-01 21:30` (this device's time), or with a zone [default: now]
    #[arg(long, value_name = "TIME", default_value = "now", value_parser = super::parse_moment)]
    pub received: (u64, i32),
    /// Anything else to remember
    #[arg(long, default_value = "")]
    pub note: String,
    /// A screenshot or chat export to keep with it: stored in the vault and marked as evidence (repeat for several)
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// An item already in the vault to keep with it (repeat for several)
    #[arg(long, value_name = "ITEM")]
    pub item: Vec<OsString>,
}

#[derive(Args, Debug)]
pub struct ActionArgs {
    /// What was done
    #[arg(value_parser = ["stopncii", "cybercrime-portal", "helpline", "police", "platform", "take-it-down", "lawyer", "other"])]
    pub category: String,
    /// The case, acknowledgement or ticket number
    #[arg(long, default_value = "")]
    pub reference: String,
    /// Anything else to remember
    #[arg(long, default_value = "")]
    pub note: String,
    /// When it was done: `2026-12-02 10:00` (this device's time), or with a zone [default: now]
    #[arg(long, value_name = "TIME", default_value = "now", value_parser = super::parse_moment)]
    pub done: (u64, i32),
}
