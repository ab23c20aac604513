//! One function per command: resolve paths and passphrases, call the library, report.

use super::args::{
    AddArgs, AgeExportArgs, Cli, Command, ExportArgs, Global, ImportArgs, InitArgs, KdfArgs, KeyCommand, PasswdArgs,
    ShredArgs, WipeArgs,
};
use super::error::{CliError, io_error, output_error, plain_io};
use super::output::{self, Status, display_name, human_size};
use super::{names, prompt, view};
use clipvault::wipe::{Wiped, wipe_file};
use clipvault::{
    AddOptions, CreateOptions, ItemRecord, KdfParams, KdfProfile, Key, LockWait, OpenOptions, Passphrase, SlotKind,
    Vault, VaultError,
};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// What every command needs: where the vault is and how to talk.
struct Ctx<'a> {
    global: &'a Global,
    vault_path: PathBuf,
    /// Whether the path came from the default location (no --vault, no $CLIPVAULT_VAULT).
    is_default_path: bool,
    status: Status,
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let (vault_path, is_default_path) = vault_path(&cli.global)?;
    let ctx = Ctx { global: &cli.global, vault_path, is_default_path, status: Status { quiet: cli.global.quiet } };
    match cli.command {
        Command::Init(args) => init(&ctx, &args),
        Command::Add(args) => add(&ctx, &args),
        Command::List(args) => {
            let vault = open(&ctx, false)?;
            let items: Vec<&ItemRecord> = vault.items().collect();
            let printed = if args.json { output::print_json(&items) } else { output::print_table(&items) };
            printed.map_err(output_error)
        }
        Command::Cat { item } => cat(&ctx, &item),
        Command::Export(args) => export(&ctx, &args),
        Command::View(args) => view::view(open(&ctx, args.once)?, &args, ctx.status),
        Command::Shred(args) => shred(&ctx, &args),
        Command::Passwd(args) => passwd(&ctx, &args),
        Command::Info => {
            let vault = open(&ctx, false)?;
            output::print_info(&ctx.vault_path, &vault.info()?).map_err(output_error)
        }
        Command::Verify => verify(&ctx),
        Command::Salvage { to } => salvage(&ctx, &to),
        Command::Import(args) => import(&ctx, &args),
        Command::Key(command) => key(&ctx, command),
        Command::Compact => {
            let mut vault = open(&ctx, true)?;
            let freed = vault.compact()?;
            ctx.status.say(&format!("compacted {}: {} given back", ctx.vault_path.display(), human_size(freed)));
            Ok(())
        }
        Command::Wipe(args) => wipe(&ctx, &args),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "clipvault", &mut output::stdout());
            Ok(())
        }
    }
}

/// `--vault`, else `$CLIPVAULT_VAULT`, else the platform data directory.
fn vault_path(global: &Global) -> Result<(PathBuf, bool), CliError> {
    if let Some(p) = &global.vault {
        return Ok((p.clone(), false));
    }
    if let Some(p) = std::env::var_os("CLIPVAULT_VAULT").filter(|p| !p.is_empty()) {
        return Ok((PathBuf::from(p), false));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| CliError::Usage("cannot find a home folder; pass --vault PATH".into()))?;
    Ok((data.join("clipvault").join("vault.clipvault"), true))
}

fn passphrase_file(global: &Global) -> Option<PathBuf> {
    global
        .passphrase_file
        .clone()
        .or_else(|| std::env::var_os("CLIPVAULT_PASSPHRASE_FILE").filter(|p| !p.is_empty()).map(PathBuf::from))
}

fn existing_passphrase(ctx: &Ctx) -> Result<Passphrase, CliError> {
    match passphrase_file(ctx.global) {
        Some(path) => prompt::from_file(&path),
        None => prompt::ask(&format!("Passphrase for {}: ", ctx.vault_path.display())),
    }
}

fn check_vault_file(path: &Path) -> Result<(), CliError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(CliError::Failed(format!("{} is a folder, not a vault", path.display()))),
        Ok(m) if !m.is_file() => Err(CliError::Failed(format!("{} is not a vault file", path.display()))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CliError::Failed(format!(
            "no vault at {} (create one with `clipvault init`, or pass --vault PATH)",
            path.display()
        ))),
        Err(e) => Err(io_error("cannot open vault", path, &e)),
    }
}

/// What the user gave to open the vault.
enum Secret {
    Passphrase(Passphrase),
    Identity(Box<age::x25519::Identity>),
}

impl Secret {
    fn key(&self) -> Key<'_> {
        match self {
            Secret::Passphrase(p) => Key::Passphrase(p),
            Secret::Identity(i) => Key::Identity(i),
        }
    }
}

/// Reads a recovery identity: the first `AGE-SECRET-KEY-1...` line of the file.
fn read_identity(path: &Path) -> Result<age::x25519::Identity, CliError> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| io_error("cannot read identity file", path, &e))?,
    );
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .and_then(|l| l.parse::<age::x25519::Identity>().ok())
        .ok_or_else(|| CliError::Failed(format!("{} holds no age identity (AGE-SECRET-KEY-1...)", path.display())))
}

fn existing_secret(ctx: &Ctx) -> Result<Secret, CliError> {
    check_vault_file(&ctx.vault_path)?;
    match &ctx.global.identity {
        Some(path) => Ok(Secret::Identity(Box::new(read_identity(path)?))),
        None => existing_passphrase(ctx).map(Secret::Passphrase),
    }
}

fn open(ctx: &Ctx, write: bool) -> Result<Vault, CliError> {
    let secret = existing_secret(ctx)?;
    open_with(ctx, &secret, OpenOptions { write, ..Default::default() })
}

fn open_with(ctx: &Ctx, secret: &Secret, options: OpenOptions) -> Result<Vault, CliError> {
    let wait = match ctx.global.wait {
        Some(secs) => LockWait::For(Duration::from_secs(secs)),
        None => LockWait::No,
    };
    Vault::open_with(&ctx.vault_path, secret.key(), OpenOptions { wait, ..options }).map_err(|e| match e {
        VaultError::Io(io) => io_error("cannot open vault", &ctx.vault_path, &io),
        VaultError::WrongPassphrase if matches!(secret, Secret::Identity(_)) => {
            CliError::Vault(VaultError::WrongPassphrase).with_message("this identity does not open the vault")
        }
        other => CliError::Vault(other),
    })
}

fn kdf_params(args: &KdfArgs) -> Result<KdfParams, CliError> {
    if let Some(mib) = args.kdf_memory {
        let params = KdfParams {
            memory_kib: mib.checked_mul(1024).ok_or_else(|| CliError::Usage("--kdf-memory is too large".into()))?,
            iterations: args.kdf_iterations.unwrap_or(1),
            parallelism: args.kdf_parallelism.unwrap_or(1),
        };
        params.validate().map_err(|e| CliError::Usage(format!("{e}")))?;
        return Ok(params);
    }
    KdfProfile::ALL.iter().find(|(name, _)| *name == args.kdf_profile).map(|(_, p)| p.params()).ok_or_else(|| {
        let names: Vec<&str> = KdfProfile::ALL.iter().map(|(n, _)| *n).collect();
        CliError::Usage(format!("unknown --kdf-profile {:?}; choose one of: {}", args.kdf_profile, names.join(", ")))
    })
}

fn create_vault(ctx: &Ctx, kdf: KdfParams, allow_weak: bool) -> Result<Vault, CliError> {
    let path = &ctx.vault_path;
    if path.symlink_metadata().is_ok() {
        return Err(CliError::Failed(format!("{} already exists; nothing was changed", path.display())));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        create_private_dir(parent).map_err(|e| io_error("cannot create folder", parent, &e))?;
    }
    let pass = match passphrase_file(ctx.global) {
        Some(file) => prompt::new_from_file(&file, allow_weak)?,
        None => prompt::ask_new(allow_weak)?,
    };
    Vault::create(path, &pass, &CreateOptions { kdf, ..Default::default() }).map_err(|e| match e {
        VaultError::Io(io) => io_error("cannot create vault", path, &io),
        other => other.into(),
    })
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

fn init(ctx: &Ctx, args: &InitArgs) -> Result<(), CliError> {
    let kdf = kdf_params(&args.kdf)?;
    let mut vault = create_vault(ctx, kdf, args.allow_weak_passphrase)?;
    ctx.status.say(&format!(
        "Created vault {}. Keep the passphrase safe: without it nothing in the vault can be recovered.",
        ctx.vault_path.display()
    ));
    let recovery = args.recovery
        || (std::io::stdin().is_terminal()
            && prompt::confirm("Create a recovery key too, in case you forget the passphrase?")?);
    if recovery {
        add_recovery(&mut vault)?;
    }
    Ok(())
}

/// One thing to add: a file, or standard input.
enum Source {
    Stdin,
    File { path: PathBuf, name: Vec<u8> },
}

fn expand_sources(args: &AddArgs) -> Result<Vec<Source>, CliError> {
    let mut sources = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            if args.name.is_none() {
                return Err(CliError::Usage("reading standard input (`-`) needs --name NAME".into()));
            }
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| io_error("cannot add", path, &e))?;
        if meta.is_dir() {
            let base = path.parent().unwrap_or(Path::new(""));
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(false).sort_by_file_name() {
                let entry =
                    entry.map_err(|e| CliError::Failed(format!("cannot read folder {}: {e}", path.display())))?;
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
                    found.push(Source::File {
                        path: entry.path().to_path_buf(),
                        name: rel.as_os_str().as_bytes().to_vec(),
                    });
                }
            }
            sources.extend(found);
        } else if meta.is_file() {
            let name = path.file_name().unwrap_or(path.as_os_str()).as_bytes().to_vec();
            sources.push(Source::File { path: path.clone(), name });
        } else {
            return Err(CliError::Failed(format!("cannot add {}: not a regular file", path.display())));
        }
    }
    if args.name.is_some() && sources.len() != 1 {
        return Err(CliError::Usage("--name goes with exactly one file".into()));
    }
    Ok(sources)
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<(), CliError> {
    let sources = expand_sources(args)?;
    let mut vault = if ctx.is_default_path && !ctx.vault_path.exists() && std::io::stdin().is_terminal() {
        let question = format!("There is no vault yet. Create one at {}?", ctx.vault_path.display());
        if !prompt::confirm(&question)? {
            return Err(CliError::Failed("no vault was created; nothing was added".into()));
        }
        let vault = create_vault(ctx, KdfParams::default(), false)?;
        ctx.status.say(&format!("Created vault {}.", ctx.vault_path.display()));
        vault
    } else {
        open(ctx, true)?
    };
    for source in sources {
        add_one(ctx, &mut vault, args, source)?;
    }
    Ok(())
}

fn add_one(ctx: &Ctx, vault: &mut Vault, args: &AddArgs, source: Source) -> Result<(), CliError> {
    let tags = args.tags.clone();
    let (id, original) = match source {
        Source::Stdin => {
            let name = args.name.as_ref().expect("checked in expand_sources").as_bytes();
            let bar = ctx.status.bytes_bar(0, "adding");
            let id = vault.add(
                &mut bar.wrap_read(std::io::stdin().lock()),
                name,
                &AddOptions { tags, ..Default::default() },
            );
            bar.finish_and_clear();
            (id.map_err(|e| add_error(e, Path::new("standard input")))?, None)
        }
        Source::File { path, name } => {
            let file = std::fs::File::open(&path).map_err(|e| io_error("cannot add", &path, &e))?;
            let meta = file.metadata().map_err(|e| io_error("cannot add", &path, &e))?;
            if is_same_file(&meta, &ctx.vault_path) {
                // Reading the vault while appending to it would never reach the end.
                return Err(CliError::Usage(format!("{} is the vault itself", path.display())));
            }
            let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_secs());
            let name = args.name.as_ref().map(|n| n.as_bytes().to_vec()).unwrap_or(name);
            let bar = ctx.status.bytes_bar(meta.len(), "adding");
            let id = vault.add(&mut bar.wrap_read(file), &name, &AddOptions { tags, modified, added: None });
            bar.finish_and_clear();
            (id.map_err(|e| add_error(e, &path))?, Some(path))
        }
    };
    let item = vault.item(id)?;
    ctx.status.say(&format!(
        "added {} as {} ({}, {})",
        display_name(&item.name),
        &format!("{id:016x}")[..8],
        human_size(item.size),
        item.media_type
    ));
    if args.move_originals {
        match original {
            Some(path) => move_original(ctx, vault, id, &path)?,
            None => ctx.status.say("standard input has no original to remove"),
        }
    }
    Ok(())
}

fn is_same_file(meta: &std::fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(other).is_ok_and(|o| o.dev() == meta.dev() && o.ino() == meta.ino())
}

fn add_error(e: VaultError, path: &Path) -> CliError {
    match e {
        VaultError::Io(io) => io_error("cannot add", path, &io),
        other => other.into(),
    }
}

/// Wipes an original only after its copy is committed, read back, and matches its hash.
fn move_original(ctx: &Ctx, vault: &Vault, id: u64, path: &Path) -> Result<(), CliError> {
    let item = vault.item(id)?;
    let mut hasher = Sha256::new();
    vault.read_item_to(id, &mut HashWriter(&mut hasher))?;
    if <[u8; 32]>::from(hasher.finalize()) != item.sha256 {
        return Err(CliError::Damaged(format!(
            "the stored copy of {} does not read back; original kept",
            path.display()
        )));
    }
    // The original must still be what was stored: a file changed since would lose the change.
    let mut original = std::fs::File::open(path).map_err(|e| io_error("cannot re-read", path, &e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut original, &mut HashWriter(&mut hasher)).map_err(|e| io_error("cannot re-read", path, &e))?;
    if <[u8; 32]>::from(hasher.finalize()) != item.sha256 {
        return Err(CliError::Failed(format!("{} changed while it was added; original kept", path.display())));
    }
    match wipe_file(path) {
        Ok(outcome) => {
            ctx.status.say(&wipe_report(path, &outcome));
            Ok(())
        }
        Err(e) => Err(io_error("stored safely, but could not wipe the original", path, &e)),
    }
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn wipe_report(path: &Path, outcome: &Wiped) -> String {
    match outcome {
        Wiped::File => format!("wiped {}", path.display()),
        Wiped::Link => format!("removed the link {} (its target was left alone)", path.display()),
        Wiped::OtherLinksRemain(n) => format!(
            "removed {}, but its content was NOT overwritten: {n} other hard link(s) still point to it",
            path.display()
        ),
    }
}

pub(super) fn resolve<'v>(vault: &'v Vault, query: &OsStr) -> Result<&'v ItemRecord, CliError> {
    vault.find(query.as_bytes()).map_err(|e| match e {
        VaultError::ItemNotFound => CliError::NotFound(format!("no item matches {:?}", display_name(query.as_bytes()))),
        VaultError::Ambiguous(ids) => {
            let candidates: Vec<String> = ids
                .iter()
                .filter_map(|id| vault.item(*id).ok())
                .map(|i| format!("{} ({})", &format!("{:016x}", i.id)[..12], display_name(&i.name)))
                .collect();
            CliError::NotFound(format!(
                "{:?} matches several items: {}; use a longer id",
                display_name(query.as_bytes()),
                candidates.join(", ")
            ))
        }
        other => other.into(),
    })
}

fn cat(ctx: &Ctx, query: &OsStr) -> Result<(), CliError> {
    if std::io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "refusing to write an item to the terminal; redirect it (`clipvault cat ITEM > file`) or use `clipvault view`"
                .into(),
        ));
    }
    let vault = open(ctx, false)?;
    let id = resolve(&vault, query)?.id;
    match vault.read_item_to(id, &mut output::stdout().lock()) {
        Err(VaultError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(VaultError::Io(e)) => Err(output_error(e)),
        other => other.map_err(Into::into),
    }
}

fn export(ctx: &Ctx, args: &ExportArgs) -> Result<(), CliError> {
    let recipients = age_recipients(&args.age)?;
    let vault = open(ctx, false)?;
    let items: Vec<&ItemRecord> = if args.all {
        vault.items().collect()
    } else {
        args.items.iter().map(|q| resolve(&vault, q)).collect::<Result<_, _>>()?
    };
    create_private_dir(&args.to).map_err(|e| io_error("cannot create folder", &args.to, &e))?;
    if !args.to.is_dir() {
        return Err(CliError::Failed(format!("{} is not a folder", args.to.display())));
    }
    let mut used = HashSet::new();
    let mut first_error = None;
    for item in items {
        let mut base = names::safe_file_name(&item.name);
        if recipients.is_some() {
            base = names::with_suffix(&base, ".age");
        }
        let mut file_name = base.clone();
        let mut n = 2;
        while !used.insert(file_name.clone()) {
            file_name = names::numbered(&base, n);
            n += 1;
        }
        let target = args.to.join(&file_name);
        match export_one(ctx, &vault, item, &target, args.force, recipients.as_deref()) {
            Ok(()) => ctx.status.say(&format!("exported {} to {}", display_name(&item.name), target.display())),
            Err(e) => {
                eprintln!("clipvault: {e}");
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Writes under a temporary name in the folder, then renames into place: a crash or a
/// damaged item never leaves a partial file under the item's name.
fn export_one(
    ctx: &Ctx,
    vault: &Vault,
    item: &ItemRecord,
    target: &Path,
    force: bool,
    age_recipients: Option<&[Box<dyn age::Recipient + Send>]>,
) -> Result<(), CliError> {
    let dir = target.parent().expect("target is inside the export folder");
    if !force && target.symlink_metadata().is_ok() {
        return Err(CliError::Failed(format!("{} already exists (use --force to replace it)", target.display())));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".clipvault-export-")
        .tempfile_in(dir)
        .map_err(|e| io_error("cannot write into", dir, &e))?;
    let bar = ctx.status.bytes_bar(item.size, "exporting");
    let mut out = bar.wrap_write(temp.as_file_mut());
    let written = match age_recipients {
        Some(recipients) => clipvault::age_file::export_age(vault, item.id, recipients, &mut out),
        None => vault.read_item_to(item.id, &mut out),
    };
    drop(out);
    bar.finish_and_clear();
    match written {
        Err(VaultError::Io(e)) => return Err(io_error("cannot write", target, &e)),
        other => other?,
    }
    temp.as_file().sync_all().map_err(|e| io_error("cannot write", target, &e))?;
    let persisted = if force { temp.persist(target).map(drop) } else { temp.persist_noclobber(target).map(drop) };
    persisted.map_err(|e| io_error("cannot write", target, &e.error))
}

fn shred(ctx: &Ctx, args: &ShredArgs) -> Result<(), CliError> {
    let mut vault = open(ctx, true)?;
    let mut ids = Vec::new();
    let mut shown = Vec::new();
    for query in &args.items {
        let item = resolve(&vault, query)?;
        if !ids.contains(&item.id) {
            ids.push(item.id);
            shown.push(format!("{} ({})", display_name(&item.name), &format!("{:016x}", item.id)[..8]));
        }
    }
    if !args.yes {
        let question = format!("Destroy {} for good? This cannot be undone.", shown.join(", "));
        if !prompt::confirm(&question)? {
            return Err(CliError::Failed("nothing was shredded".into()));
        }
    }
    vault.remove(&ids)?;
    for line in shown {
        ctx.status.say(&format!("shredded {line}"));
    }
    Ok(())
}

fn passwd(ctx: &Ctx, args: &PasswdArgs) -> Result<(), CliError> {
    let mut vault = open(ctx, true)?;
    let new = match &args.new_passphrase_file {
        Some(file) => prompt::new_from_file(file, args.allow_weak_passphrase)?,
        None if passphrase_file(ctx.global).is_some() => {
            return Err(CliError::Usage("with --passphrase-file, give the new one with --new-passphrase-file".into()));
        }
        None => prompt::ask_new(args.allow_weak_passphrase)?,
    };
    vault.change_passphrase(&new)?;
    ctx.status.say("Passphrase changed. The old passphrase no longer opens this vault file.");
    Ok(())
}

fn salvage(ctx: &Ctx, to: &Path) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let Secret::Passphrase(pass) = &secret else {
        return Err(CliError::Usage("salvage needs the passphrase (the new vault gets the same one)".into()));
    };
    let damaged = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
    if to.symlink_metadata().is_ok() {
        return Err(CliError::Failed(format!("{} already exists; choose a new path", to.display())));
    }
    let options = CreateOptions { kdf: damaged.kdf_params(), ..Default::default() };
    let mut target = Vault::create(to, pass, &options).map_err(|e| match e {
        VaultError::Io(io) => io_error("cannot create vault", to, &io),
        other => other.into(),
    })?;
    let info = damaged.info()?;
    let bar = ctx.status.bytes_bar(info.content_bytes, "salvaging");
    let lost = damaged.salvage_into(&mut target, |n| bar.inc(n))?;
    bar.finish_and_clear();
    for id in &lost {
        let name = damaged.item(*id).map(|i| display_name(&i.name)).unwrap_or_default();
        output::print_line(&format!("lost: {id:016x} {name}")).map_err(output_error)?;
    }
    let saved = info.items - lost.len();
    let unreadable = damaged.index_incomplete();
    ctx.status.say(&format!(
        "salvaged {saved} of {} items into {}; {} was not changed",
        info.items,
        to.display(),
        ctx.vault_path.display()
    ));
    if !lost.is_empty() || unreadable {
        return Err(CliError::Damaged(format!(
            "{} item(s) could not be salvaged{}",
            lost.len(),
            if unreadable { ", and parts of the index were unreadable" } else { "" }
        )));
    }
    Ok(())
}

fn verify(ctx: &Ctx) -> Result<(), CliError> {
    let secret = existing_secret(ctx)?;
    let vault = open_with(ctx, &secret, OpenOptions { salvage: true, ..Default::default() })?;
    let info = vault.info()?;
    let bar = ctx.status.bytes_bar(info.content_bytes, "verifying");
    let problems = vault.verify(|n| bar.inc(n))?;
    bar.finish_and_clear();
    let damaged = problems.iter().filter(|p| p.item.is_some()).count();
    let index_lost = vault.index_incomplete();
    for problem in &problems {
        let line = match problem.item.and_then(|id| vault.item(id).ok()) {
            Some(item) => format!("damaged: {:016x} {}: {}", item.id, display_name(&item.name), problem.what),
            None => format!("warning: {}", problem.what),
        };
        output::print_line(&line).map_err(output_error)?;
    }
    if damaged > 0 || index_lost {
        let index = if index_lost { ", and parts of the index are unreadable" } else { "" };
        return Err(CliError::Damaged(format!("{damaged} of {} items are damaged{index}", info.items)));
    }
    ctx.status.say(&format!("verified {} items ({}): all intact", info.items, human_size(info.content_bytes)));
    Ok(())
}

fn wipe(ctx: &Ctx, args: &WipeArgs) -> Result<(), CliError> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for path in &args.paths {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io_error("cannot wipe", path, &e))?;
        if meta.is_dir() {
            if !args.recursive {
                return Err(CliError::Usage(format!("{} is a folder; pass --recursive to wipe it", path.display())));
            }
            for entry in walkdir::WalkDir::new(path).follow_links(false).contents_first(true) {
                let entry =
                    entry.map_err(|e| CliError::Failed(format!("cannot read folder {}: {e}", path.display())))?;
                if entry.file_type().is_dir() {
                    dirs.push(entry.path().to_path_buf());
                } else {
                    files.push(entry.path().to_path_buf());
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    // The vault itself is never a file to wipe by accident (a link to it is only unlinked).
    let vault = files.iter().find(|f| {
        std::fs::symlink_metadata(f).is_ok_and(|m| m.file_type().is_file() && is_same_file(&m, &ctx.vault_path))
    });
    if let Some(vault) = vault {
        return Err(CliError::Usage(format!(
            "{} is your vault; refusing to wipe it (shred items instead, or delete the file yourself)",
            vault.display()
        )));
    }
    if !args.yes {
        let question = format!("Destroy {} file(s) for good? This cannot be undone.", files.len());
        if !prompt::confirm(&question)? {
            return Err(CliError::Failed("nothing was wiped".into()));
        }
    }
    let mut failed = 0;
    for file in &files {
        match wipe_file(file) {
            Ok(outcome) => ctx.status.say(&wipe_report(file, &outcome)),
            Err(e) => {
                failed += 1;
                eprintln!("clipvault: could not wipe {}: {}", file.display(), plain_io(&e));
            }
        }
    }
    for dir in &dirs {
        if let Err(e) = std::fs::remove_dir(dir) {
            failed += 1;
            eprintln!("clipvault: could not remove folder {}: {}", dir.display(), plain_io(&e));
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(CliError::Failed(format!("{n} path(s) could not be wiped (listed above)"))),
    }
}

fn add_recovery(vault: &mut Vault) -> Result<(), CliError> {
    use age::secrecy::ExposeSecret;
    let (slot, identity) = vault.add_recovery()?;
    eprintln!(
        "Recovery key (slot {slot}). Write it down or print it and keep it somewhere safe, away from the phone;\n\
         it opens the vault without the passphrase (`clipvault --identity FILE ...`). It is shown only this once:"
    );
    output::print_line(identity.to_string().expose_secret()).map_err(output_error)?;
    Ok(())
}

fn new_passphrase(file: Option<&Path>, allow_weak: bool) -> Result<Passphrase, CliError> {
    match file {
        Some(path) => prompt::new_from_file(path, allow_weak),
        None => prompt::ask_new(allow_weak),
    }
}

fn key(ctx: &Ctx, command: KeyCommand) -> Result<(), CliError> {
    match command {
        KeyCommand::List => {
            let vault = open(ctx, false)?;
            let mut lines = vec![format!("{:<5} {:<11} {}", "SLOT", "KIND", "CREATED")];
            for (n, slot) in vault.key_slots().iter().enumerate() {
                let kind = match slot.kind {
                    SlotKind::Unused => continue,
                    SlotKind::Passphrase => "passphrase",
                    SlotKind::Recovery => "recovery",
                };
                let current = if n == vault.unlocked_slot() { "  (used to open now)" } else { "" };
                lines.push(format!("{n:<5} {kind:<11} {}{current}", output::rfc3339(slot.created)));
            }
            output::print_line(&lines.join("\n")).map_err(output_error)
        }
        KeyCommand::Add { recovery, new_passphrase_file, allow_weak_passphrase } => {
            let mut vault = open(ctx, true)?;
            if recovery {
                return add_recovery(&mut vault);
            }
            let pass = new_passphrase(new_passphrase_file.as_deref(), allow_weak_passphrase)?;
            let slot = vault.add_passphrase(&pass)?;
            ctx.status.say(&format!("Added a passphrase in slot {slot}."));
            Ok(())
        }
        KeyCommand::Rotate { new_passphrase_file, yes } => {
            let secret = existing_secret(ctx)?;
            let mut vault = open_with(ctx, &secret, OpenOptions { write: true, ..Default::default() })?;
            let pass = match (new_passphrase_file, &secret) {
                (Some(path), _) => prompt::new_from_file(&path, false)?,
                (None, Secret::Passphrase(p)) => p.clone(),
                (None, Secret::Identity(_)) => prompt::ask_new(false)?,
            };
            let others = vault.key_slots().iter().filter(|s| s.kind != SlotKind::Unused).count() - 1;
            if others > 0 && !yes {
                let question =
                    format!("Re-keying keeps only one passphrase; {others} other key(s) will stop working. Continue?");
                if !prompt::confirm(&question)? {
                    return Err(CliError::Failed("nothing was changed".into()));
                }
            }
            let info = vault.info()?;
            let bar = ctx.status.bytes_bar(info.content_bytes, "re-encrypting");
            vault.rotate(&pass, |n| bar.inc(n))?;
            bar.finish_and_clear();
            ctx.status.say(&format!(
                "Re-keyed {}: {} items re-encrypted under a new master key.{}",
                ctx.vault_path.display(),
                info.items,
                if others > 0 { " Add other passphrases or recovery keys again with `key add`." } else { "" }
            ));
            Ok(())
        }
        KeyCommand::Remove { slot } => {
            let mut vault = open(ctx, true)?;
            vault.remove_slot(slot)?;
            ctx.status.say(&format!("Removed key slot {slot}; it no longer opens this vault file."));
            Ok(())
        }
    }
}

/// Recipients for `export --age-*`, or `None` for plain files.
fn age_recipients(args: &AgeExportArgs) -> Result<Option<Vec<Box<dyn age::Recipient + Send>>>, CliError> {
    let passphrase = match (&args.age_passphrase_file, args.age_passphrase) {
        (Some(path), _) => Some(prompt::from_file(path)?),
        (None, true) => Some(prompt::ask_new(true)?),
        (None, false) => None,
    };
    if let Some(pass) = passphrase {
        let text = String::from_utf8(pass.as_bytes().to_vec()).expect("a Passphrase holds UTF-8");
        return Ok(Some(vec![Box::new(age::scrypt::Recipient::new(age::secrecy::SecretString::from(text)))]));
    }
    let mut lines: Vec<String> = args.recipients.clone();
    for file in &args.recipients_files {
        let text = std::fs::read_to_string(file).map_err(|e| io_error("cannot read recipients file", file, &e))?;
        lines.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from));
    }
    if lines.is_empty() {
        return Ok(None);
    }
    let recipients = lines
        .iter()
        .map(|line| {
            line.parse::<age::x25519::Recipient>()
                .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
                .map_err(|_| CliError::Usage(format!("{line:?} is not an age recipient (age1...)")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(recipients))
}

fn import(ctx: &Ctx, args: &ImportArgs) -> Result<(), CliError> {
    let identities: Vec<Box<dyn age::Identity>> =
        match (&args.age_passphrase_file, args.age_passphrase) {
            (Some(path), _) => vec![scrypt_identity(prompt::from_file(path)?)],
            (None, true) => vec![scrypt_identity(prompt::ask("age passphrase: ")?)],
            (None, false) if args.identities.is_empty() => {
                return Err(CliError::Usage("import needs --age-identity FILE or --age-passphrase".into()));
            }
            (None, false) => {
                let mut all = Vec::new();
                for path in &args.identities {
                    let file = age::IdentityFile::from_file(path.to_string_lossy().into_owned())
                        .map_err(|e| io_error("cannot read identity file", path, &e))?;
                    all.extend(file.into_identities().map_err(|e| {
                        CliError::Failed(format!("{} holds no usable age identity: {e}", path.display()))
                    })?);
                }
                all
            }
        };
    let mut vault = open(ctx, true)?;
    for path in &args.files {
        let file = std::fs::File::open(path).map_err(|e| io_error("cannot import", path, &e))?;
        let bar = ctx.status.bytes_bar(file.metadata().map(|m| m.len()).unwrap_or(0), "importing");
        let decryptor = age::Decryptor::new(std::io::BufReader::new(bar.wrap_read(file)))
            .map_err(|e| CliError::Failed(format!("cannot import {}: {e}", path.display())))?;
        let mut reader = decryptor
            .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
            .map_err(|e| CliError::Failed(format!("cannot import {}: {e}", path.display())))?;
        let file_name = path.file_name().unwrap_or(path.as_os_str()).as_bytes();
        let name = file_name.strip_suffix(b".age").filter(|n| !n.is_empty()).unwrap_or(file_name).to_vec();
        let id = vault.add(&mut reader, &name, &AddOptions { tags: args.tags.clone(), ..Default::default() }).map_err(
            |e| match e {
                VaultError::Io(io) => CliError::Failed(format!("cannot import {}: {}", path.display(), plain_io(&io))),
                other => other.into(),
            },
        )?;
        bar.finish_and_clear();
        ctx.status.say(&format!("imported {} as {}", display_name(&name), &format!("{id:016x}")[..8]));
    }
    Ok(())
}

fn scrypt_identity(pass: Passphrase) -> Box<dyn age::Identity> {
    let text = String::from_utf8(pass.as_bytes().to_vec()).expect("a Passphrase holds UTF-8");
    let mut identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(text));
    identity.set_max_work_factor(22);
    Box::new(identity)
}
