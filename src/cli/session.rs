//! How a command reaches its vault: the vault path, the passphrase or recovery identity
//! (from a prompt or a file), opening with the right lock, and creating a vault with its
//! first-run questions. Shared by every command file; imports none of them.

use super::args::{Global, KdfArgs};
use super::error::{CliError, io_error, output_error, plain_io};
use super::output::{self, Status, display_name, shown};
use super::prompt;
use clipvault::{
    CreateOptions, KdfParams, KdfProfile, Key, LockWait, OpenOptions, Passphrase, SessionKey, Vault, VaultError,
    VaultWriter, fl,
};
use std::io::IsTerminal;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What every command needs: where the vault is and how to talk.
pub(super) struct Ctx<'a> {
    pub(super) global: &'a Global,
    pub(super) vault_path: PathBuf,
    /// Whether the path came from the default location (no --vault, no $CLIPVAULT_VAULT).
    pub(super) is_default_path: bool,
    pub(super) status: Status,
}

/// `--vault`, else `$CLIPVAULT_VAULT`, else the platform data directory.
pub(super) fn vault_path(global: &Global) -> Result<(PathBuf, bool), CliError> {
    if let Some(p) = &global.vault {
        return Ok((p.clone(), false));
    }
    if let Some(p) = std::env::var_os("CLIPVAULT_VAULT").filter(|p| !p.is_empty()) {
        return Ok((PathBuf::from(p), false));
    }
    let data = xdg_dir("XDG_DATA_HOME", ".local/share").ok_or_else(|| CliError::Usage(fl!("session-no-home")))?;
    Ok((data.join("clipvault").join("vault.clipvault"), true))
}

/// The XDG base folder `variable` names, else `$HOME/fallback` (`None` with neither).
pub(super) fn xdg_dir(variable: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(variable)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
}

/// `$HOME`, or a usage error saying it is not set.
pub(super) fn home_dir() -> Result<PathBuf, CliError> {
    std::env::var_os("HOME").map(PathBuf::from).ok_or_else(|| CliError::Usage(fl!("session-no-home")))
}

/// Whether this runs in Termux (its app sets `TERMUX_VERSION` in every session).
pub(super) fn in_termux() -> bool {
    std::env::var_os("TERMUX_VERSION").is_some()
}

pub(super) fn passphrase_file(global: &Global) -> Option<PathBuf> {
    global
        .passphrase_file
        .clone()
        .or_else(|| std::env::var_os("CLIPVAULT_PASSPHRASE_FILE").filter(|p| !p.is_empty()).map(PathBuf::from))
}

/// `--passphrase-command`, else `$CLIPVAULT_PASSPHRASE_COMMAND`.
pub(super) fn passphrase_command(global: &Global) -> Option<String> {
    global
        .passphrase_command
        .clone()
        .or_else(|| std::env::var("CLIPVAULT_PASSPHRASE_COMMAND").ok().filter(|c| !c.is_empty()))
}

/// Whether the key comes from a prompt: no recovery identity, passphrase file or command.
pub(super) fn passphrase_is_typed(global: &Global) -> bool {
    global.identity.is_none() && passphrase_file(global).is_none() && passphrase_command(global).is_none()
}

pub(super) fn existing_passphrase(ctx: &Ctx) -> Result<Passphrase, CliError> {
    if let Some(command) = passphrase_command(ctx.global) {
        return prompt::from_command(&command);
    }
    match passphrase_file(ctx.global) {
        Some(path) => prompt::from_file(&path),
        None => prompt::ask(&fl!("prompt-passphrase", path = shown(&ctx.vault_path))),
    }
}

fn check_vault_file(path: &Path) -> Result<(), CliError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(CliError::Failed(fl!("session-vault-is-folder", path = shown(path)))),
        Ok(m) if !m.is_file() => Err(CliError::Failed(fl!("session-not-vault-file", path = shown(path)))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(CliError::Failed(fl!("session-no-vault", path = shown(path))))
        }
        Err(e) => Err(io_error(&fl!("session-cannot-open"), path, &e)),
    }
}

/// What the user gave to open the vault.
pub(super) enum Secret {
    Passphrase(Passphrase),
    Identity(Box<age::x25519::Identity>),
    /// This process is a command the unlock agent runs: its session opens the vault.
    Session(&'static SessionKey),
}

impl Secret {
    pub(super) fn key(&self) -> Key<'_> {
        match self {
            Secret::Passphrase(p) => Key::Passphrase(p),
            Secret::Identity(i) => Key::Identity(i),
            Secret::Session(s) => Key::Session(s),
        }
    }
}

/// The unlock session this process was started with by the agent, if any (read once).
fn session() -> Option<&'static SessionKey> {
    static SESSION: std::sync::OnceLock<Option<SessionKey>> = std::sync::OnceLock::new();
    SESSION.get_or_init(super::agent::session_of_this_run).as_ref()
}

/// Reads a recovery identity: the first `AGE-SECRET-KEY-1...` line of the file.
/// The recovery identity in file `path`, or with `-` from standard input: pasted at a
/// terminal (not echoed), or piped.
fn read_identity(path: &Path) -> Result<age::x25519::Identity, CliError> {
    let text = zeroize::Zeroizing::new(if path.as_os_str() == "-" {
        if std::io::stdin().is_terminal() {
            rpassword::prompt_password(fl!("prompt-recovery-key"))
                .map_err(|e| CliError::Failed(fl!("session-recovery-unreadable", reason = plain_io(&e))))?
        } else {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| CliError::Failed(fl!("session-recovery-stdin-unreadable", reason = plain_io(&e))))?;
            text
        }
    } else {
        std::fs::read_to_string(path).map_err(|e| io_error(&fl!("session-identity-unreadable"), path, &e))?
    });
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .and_then(|l| l.parse::<age::x25519::Identity>().ok())
        .ok_or_else(|| CliError::Failed(fl!("session-no-identity", path = shown(path))))
}

pub(super) fn existing_secret(ctx: &Ctx) -> Result<Secret, CliError> {
    check_vault_file(&ctx.vault_path)?;
    if let Some(session) = session() {
        if !ctx.status.quiet {
            let left = std::env::var(super::agent::SESSION_LEFT_VAR).unwrap_or_default();
            eprintln!("{}", fl!("session-left", minutes = left));
        }
        return Ok(Secret::Session(session));
    }
    match &ctx.global.identity {
        Some(path) => Ok(Secret::Identity(Box::new(read_identity(path)?))),
        None => existing_passphrase(ctx).map(Secret::Passphrase),
    }
}

/// Opens the vault for reading with the passphrase or identity the user gives; a passphrase
/// typed at the terminal may be typed again after a mistake, three tries in all.
pub(super) fn open(ctx: &Ctx) -> Result<Vault, CliError> {
    with_tries(ctx, |secret| open_with(ctx, secret, OpenOptions::default()))
}

/// [`open`] for writing: takes the writer lock (waiting if `--wait` says so).
pub(super) fn open_writer(ctx: &Ctx) -> Result<VaultWriter, CliError> {
    with_tries(ctx, |secret| open_writer_with(ctx, secret))
}

fn with_tries<T>(ctx: &Ctx, mut open: impl FnMut(&Secret) -> Result<T, CliError>) -> Result<T, CliError> {
    let typed = session().is_none() && passphrase_is_typed(ctx.global);
    let mut tries = 0;
    loop {
        tries += 1;
        let secret = existing_secret(ctx)?;
        match open(&secret) {
            Err(CliError::Vault(VaultError::WrongPassphrase)) if typed && tries < 3 => {
                eprintln!("clipvault: {}", fl!("session-wrong-passphrase-again"));
            }
            other => return other,
        }
    }
}

/// Opens the vault for reading with this secret.
pub(super) fn open_with(ctx: &Ctx, secret: &Secret, options: OpenOptions) -> Result<Vault, CliError> {
    let options = OpenOptions { wait: lock_wait(ctx), allow_costly_kdf: ctx.global.allow_costly_kdf, ..options };
    Vault::open_with(&ctx.vault_path, secret.key(), options).map_err(|e| opening_error(ctx, secret, e))
}

/// Opens the vault for writing with this secret, and says what opening it changed.
pub(super) fn open_writer_with(ctx: &Ctx, secret: &Secret) -> Result<VaultWriter, CliError> {
    let options =
        OpenOptions { wait: lock_wait(ctx), allow_costly_kdf: ctx.global.allow_costly_kdf, ..Default::default() };
    let vault =
        VaultWriter::open_with(&ctx.vault_path, secret.key(), options).map_err(|e| opening_error(ctx, secret, e))?;
    if vault.upgraded_on_open() {
        ctx.status.say(&fl!("session-upgraded"));
    }
    for path in vault.leftovers_removed() {
        ctx.status.say(&fl!("session-leftover-removed", path = display_name(path.as_os_str().as_bytes())));
    }
    Ok(vault)
}

/// How long a writer waits for another by default: long enough for a commit of the
/// background thumbnail process (`add --thumbnails later`: milliseconds), short enough that
/// a person beside a long add hears "busy" at once.
const BUSY_GRACE: Duration = Duration::from_secs(2);

fn lock_wait(ctx: &Ctx) -> LockWait {
    match (ctx.global.wait_timeout, ctx.global.wait) {
        (Some(secs), _) => LockWait::For(Duration::from_secs(secs)),
        (None, true) => LockWait::For(Duration::MAX),
        (None, false) => LockWait::For(BUSY_GRACE),
    }
}

/// Why the vault did not open, in words that say what to do.
fn opening_error(ctx: &Ctx, secret: &Secret, error: VaultError) -> CliError {
    match error {
        VaultError::Io(io) => io_error(&fl!("session-cannot-open"), &ctx.vault_path, &io),
        // Only when the user asked for no waiting of their own: else it would say what they did.
        VaultError::Busy if ctx.global.wait_timeout.is_none() && !ctx.global.wait => {
            CliError::Vault(VaultError::Busy).with_message(&fl!("session-busy", command = retry_command()))
        }
        VaultError::WrongPassphrase if matches!(secret, Secret::Session(_)) => {
            CliError::Vault(VaultError::WrongPassphrase).with_message(&fl!("session-stale"))
        }
        VaultError::WrongPassphrase if matches!(secret, Secret::Identity(_)) => {
            CliError::Vault(VaultError::WrongPassphrase).with_message(&fl!("session-identity-wrong"))
        }
        other => CliError::Vault(other),
    }
}

pub(super) fn kdf_params(args: &KdfArgs) -> Result<KdfParams, CliError> {
    if let Some(mib) = args.kdf_memory {
        let params = KdfParams {
            memory_kib: mib.checked_mul(1024).ok_or_else(|| CliError::Usage(fl!("session-kdf-memory-too-large")))?,
            iterations: args.kdf_iterations.unwrap_or(1),
            parallelism: args.kdf_parallelism.unwrap_or(1),
        };
        params.validate().map_err(|e| CliError::Usage(format!("{e}")))?;
        return Ok(params);
    }
    KdfProfile::ALL.iter().find(|(name, _)| *name == args.kdf_profile).map(|(_, p)| p.params()).ok_or_else(|| {
        let names: Vec<&str> = KdfProfile::ALL.iter().map(|(n, _)| *n).collect();
        CliError::Usage(fl!(
            "session-unknown-kdf-profile",
            profile = super::output::quoted(&args.kdf_profile),
            profiles = names.join(", ")
        ))
    })
}

/// Creates the vault with a new passphrase, says what the passphrase means, and offers a
/// recovery key (made without asking when `recovery`). `init` and the first `add` share it.
pub(super) fn create_vault(
    ctx: &Ctx,
    kdf: KdfParams,
    allow_weak: bool,
    recovery: bool,
    generate: bool,
) -> Result<VaultWriter, CliError> {
    let path = &ctx.vault_path;
    if path.symlink_metadata().is_ok() {
        return Err(CliError::Failed(fl!("session-exists", path = shown(path))));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        create_private_dir(parent).map_err(|e| io_error(&fl!("session-cannot-create-folder"), parent, &e))?;
    }
    let pass = match passphrase_file(ctx.global) {
        Some(_) if generate => {
            return Err(CliError::Usage(fl!("session-generate-and-file")));
        }
        Some(file) => prompt::new_from_file(&file, allow_weak)?,
        None if generate => prompt::generate()?,
        None => prompt::ask_new(allow_weak)?,
    };
    let mut vault = Vault::create(path, &pass, &CreateOptions { kdf, ..Default::default() }).map_err(|e| match e {
        VaultError::Io(io) => io_error(&fl!("session-cannot-create-vault"), path, &io),
        other => other.into(),
    })?;
    ctx.status.say(&fl!("session-created", path = shown(path)));
    let recovery = recovery || (std::io::stdin().is_terminal() && prompt::confirm(&fl!("session-ask-recovery"))?);
    if recovery {
        add_recovery(&mut vault, "")?;
    }
    Ok(vault)
}

pub(super) use clipvault::storage::create_private_dir;

pub(super) fn add_recovery(vault: &mut VaultWriter, label: &str) -> Result<(), CliError> {
    use age::secrecy::ExposeSecret;
    let (key, identity) = vault.add_recovery(label)?;
    let id = vault.key_id(key).unwrap_or_default();
    eprintln!("{}", fl!("session-recovery-key", id = id));
    output::print_line(identity.to_string().expose_secret()).map_err(output_error)?;
    output::keep_recovery_key_private();
    Ok(())
}

pub(super) fn new_passphrase(file: Option<&Path>, allow_weak: bool) -> Result<Passphrase, CliError> {
    match file {
        Some(path) => prompt::new_from_file(path, allow_weak),
        None => prompt::ask_new(allow_weak),
    }
}

/// This very command line with `--wait` added, quoted for a POSIX shell and escaped for the
/// terminal, for a person to copy. It never holds a passphrase: none is accepted as an argument.
fn retry_command() -> String {
    let mut words = vec!["clipvault".to_string(), "--wait".to_string()];
    for arg in std::env::args_os().skip(1) {
        let text = display_name(arg.as_bytes());
        let plain = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || "-_./=:@,+".contains(c));
        words.push(if plain { text } else { output::shell_word(&text) });
    }
    words.join(" ")
}
