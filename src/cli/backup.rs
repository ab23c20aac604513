//! `backup` and `restore`, through the `restic` program: any repository it supports (a
//! folder, a USB stick, sftp, S3, B2, a rest-server, every rclone remote through `rclone:`).
//! The vault is append-only, so restic's content-defined chunking stores only what changed.
//!
//! A backup streams the vault file whole under the writer's lock (never a torn copy) into
//! `restic backup --stdin`, and only once restic has saved the snapshot tags it
//! `clipvault-complete`: a backup killed half-way (restic dies with this process) leaves at
//! most an untagged snapshot that restore never picks. The repository password is made from
//! the vault's passphrase (so a restore needs nothing else) and a second one from its master
//! key (so a backup through an unlock session needs no passphrase); both are keys of the
//! repository, handed to restic through a pipe, never a file or the command line. restic's
//! own `RESTIC_PASSWORD`, `RESTIC_PASSWORD_FILE` and `RESTIC_PASSWORD_COMMAND` win over
//! both. The repository is remembered per vault once given.

use super::error::{CliError, io_error};
use super::output::{human_size, shown};
use super::session::{Ctx, Secret, existing_passphrase, existing_secret, open_writer_with, xdg_dir};
use clipvault::storage::{FileStorage, StagedFile, parent_dir, sync_parent_dir};
use clipvault::vault::repository_password_from_passphrase;
use clipvault::{Key, Vault, fl};
use std::io::{BufRead, BufReader};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use zeroize::Zeroizing;

/// The tag of every clipvault snapshot, and the one added once a snapshot is whole.
const TAG: &str = "clipvault";
const COMPLETE: &str = "clipvault-complete";

/// One repository, and the password clipvault hands restic for it (`None`: restic's own
/// environment says).
struct Restic {
    repo: String,
    password: Option<Zeroizing<String>>,
    quiet: bool,
}

/// What opening a repository with a password found.
enum Probe {
    Opens,
    WrongPassword,
    Missing,
    Failed(String),
}

impl Restic {
    /// Starts `restic --repo REPO ARGS`, the password on descriptor 3 (and `new_password`, for
    /// `key add`, on 4); restic dies with this process.
    fn start(&self, args: &[&str], new_password: Option<&str>, stdin: Stdio, stdout: Stdio) -> Result<Child, CliError> {
        let mut command = Command::new("restic");
        command.arg("--repo").arg(&self.repo).args(args);
        if self.quiet {
            command.arg("--quiet");
        }
        let mut pipes = Vec::new();
        if let Some(password) = &self.password {
            let pipe = password_pipe(password)?;
            clipvault::sys::pass_descriptor(&mut command, pipe.as_raw_fd(), 3);
            command
                .env("RESTIC_PASSWORD_FILE", "/dev/fd/3")
                .env_remove("RESTIC_PASSWORD")
                .env_remove("RESTIC_PASSWORD_COMMAND");
            pipes.push(pipe);
        }
        if let Some(new) = new_password {
            let pipe = password_pipe(new)?;
            clipvault::sys::pass_descriptor(&mut command, pipe.as_raw_fd(), 4);
            command.args(["--new-password-file", "/dev/fd/4"]);
            pipes.push(pipe);
        }
        clipvault::sys::die_with_parent_in_child(&mut command);
        command.stdin(stdin).stdout(stdout).stderr(Stdio::piped());
        command.spawn().map_err(|e| CliError::Failed(fl!("backup-cannot-run", reason = e.to_string())))
    }

    /// Runs restic to the end; its standard output, or what it said on standard error.
    fn run(&self, args: &[&str], new_password: Option<&str>) -> Result<Result<Vec<u8>, String>, CliError> {
        let child = self.start(args, new_password, Stdio::null(), Stdio::piped())?;
        let out =
            child.wait_with_output().map_err(|e| CliError::Failed(fl!("backup-cannot-run", reason = e.to_string())))?;
        if out.status.success() {
            return Ok(Ok(out.stdout));
        }
        Ok(Err(String::from_utf8_lossy(&out.stderr).into_owned()))
    }

    fn probe(&self) -> Result<Probe, CliError> {
        Ok(match self.run(&["cat", "config"], None)? {
            Ok(_) => Probe::Opens,
            Err(why) if why.contains("wrong password") || why.contains("no key found") => Probe::WrongPassword,
            Err(why)
                if why.contains("Is there a repository")
                    || why.contains("does not exist")
                    || why.contains("unable to open config file") =>
            {
                Probe::Missing
            }
            Err(why) => Probe::Failed(gist(&why)),
        })
    }

    fn with_password(&self, password: &Zeroizing<String>) -> Restic {
        Restic { repo: self.repo.clone(), password: Some(password.clone()), quiet: self.quiet }
    }
}

/// A pipe holding `password` and a line break, its writing end closed: restic reads it as a
/// password file, and it never touches a disk.
fn password_pipe(password: &str) -> Result<OwnedFd, CliError> {
    let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| CliError::Failed(fl!("backup-cannot-run", reason = e.to_string())))?;
    let mut writer = std::fs::File::from(write);
    std::io::Write::write_all(&mut writer, format!("{password}\n").as_bytes())
        .map_err(|e| CliError::Failed(fl!("backup-cannot-run", reason = e.to_string())))?;
    Ok(read)
}

/// Whether restic's own environment gives the password.
fn restic_env_password() -> bool {
    ["RESTIC_PASSWORD", "RESTIC_PASSWORD_FILE", "RESTIC_PASSWORD_COMMAND"].iter().any(|v| std::env::var_os(v).is_some())
}

fn require_restic() -> Result<(), CliError> {
    if clipvault::media::on_path("restic") { Ok(()) } else { Err(CliError::Failed(fl!("backup-no-restic"))) }
}

/// Where the repository each vault was last backed up to is remembered.
fn remembered_file() -> Option<PathBuf> {
    Some(xdg_dir("XDG_CONFIG_HOME", ".config")?.join("clipvault").join("backup-repositories.json"))
}

fn remembered() -> serde_json::Map<String, serde_json::Value> {
    remembered_file()
        .and_then(|f| std::fs::read(f).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn remember(vault: &Path, repo: &str) {
    let Some(file) = remembered_file() else { return };
    let mut all = remembered();
    all.insert(vault.to_string_lossy().into_owned(), repo.into());
    if let Some(dir) = file.parent() {
        let _ = clipvault::storage::create_private_dir(dir);
    }
    // Readable by this user only: it says where backups are.
    use std::os::unix::fs::OpenOptionsExt;
    let written = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&file);
    if let Ok(mut out) = written {
        let _ = std::io::Write::write_all(&mut out, &serde_json::to_vec_pretty(&all).unwrap_or_default());
    }
}

/// The repository: given, else `RESTIC_REPOSITORY`, else the one this vault was backed up to.
fn repository(ctx: &Ctx, given: Option<&str>) -> Result<String, CliError> {
    given
        .map(str::to_owned)
        .or_else(|| std::env::var("RESTIC_REPOSITORY").ok().filter(|r| !r.is_empty()))
        .or_else(|| remembered().get(&*ctx.vault_path.to_string_lossy()).and_then(|r| r.as_str()).map(str::to_owned))
        .ok_or_else(|| CliError::Usage(fl!("backup-which-repository")))
}

pub(super) fn backup(ctx: &Ctx, given: Option<&str>) -> Result<(), CliError> {
    require_restic()?;
    let repo = repository(ctx, given)?;
    let secret = existing_secret(ctx)?;
    let vault = open_writer_with(ctx, &secret)?;
    let base = Restic { repo: repo.clone(), password: None, quiet: ctx.status.quiet };
    let restic = if restic_env_password() {
        match base.probe()? {
            Probe::Missing => init(ctx, &base)?,
            Probe::Opens => {}
            Probe::WrongPassword => return Err(CliError::Failed(fl!("backup-wrong-keys", repo = repo))),
            Probe::Failed(why) => return Err(CliError::Failed(fl!("backup-failed", reason = why))),
        }
        base
    } else {
        let by_key = vault.repository_password();
        let by_passphrase = match &secret {
            Secret::Passphrase(p) => Some(repository_password_from_passphrase(p)?),
            _ => None,
        };
        open_or_create(ctx, &base, &by_key, by_passphrase.as_ref())?
    };
    let name =
        ctx.vault_path.file_name().map_or_else(|| "vault.clipvault".into(), |n| n.to_string_lossy().into_owned());
    let mut child = restic.start(
        &["backup", "--stdin", "--stdin-filename", &name, "--tag", TAG, "--json"],
        None,
        Stdio::piped(),
        Stdio::piped(),
    )?;
    let total = std::fs::metadata(&ctx.vault_path).map_or(0, |m| m.len());
    let bar = ctx.status.bytes_bar(total, &fl!("backup-progress"));
    let stdout = child.stdout.take().expect("piped");
    let progress = bar.clone();
    // restic's JSON lines: progress while it reads, then a summary with the snapshot's id.
    let summary = std::thread::spawn(move || {
        let mut summary = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            match value["message_type"].as_str() {
                Some("status") => progress.set_position(value["bytes_done"].as_u64().unwrap_or(0)),
                Some("summary") => summary = Some(value),
                _ => {}
            }
        }
        summary
    });
    let mut stdin = child.stdin.take().expect("piped");
    let copied = vault.copy_file_to(&mut stdin);
    drop(stdin);
    let status = child.wait();
    let summary = summary.join().ok().flatten();
    bar.finish_and_clear();
    let stderr = child.stderr.take().map(|s| BufReader::new(s).lines().map_while(Result::ok).collect::<Vec<_>>());
    copied?;
    let snapshot = match (status, summary) {
        (Ok(status), Some(summary)) if status.success() => summary,
        _ => {
            let why = stderr.map(|l| l.join("\n")).unwrap_or_default();
            return Err(CliError::Failed(fl!("backup-failed", reason = gist(&why))));
        }
    };
    let id = snapshot["snapshot_id"].as_str().unwrap_or_default().to_string();
    // Whole: only now does restore consider it.
    if let Err(why) = restic.run(&["tag", "--add", COMPLETE, &id], None)? {
        return Err(CliError::Failed(fl!("backup-failed", reason = gist(&why))));
    }
    drop(vault);
    remember(&ctx.vault_path, &repo);
    let added = human_size(snapshot["data_added"].as_u64().unwrap_or(0));
    ctx.status.say(&fl!("backup-done", repo = repo, size = human_size(total), added = added, snapshot = short(&id)));
    Ok(())
}

/// The line of restic's error output that says what went wrong: its `Fatal:` line, else its
/// last.
fn gist(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let line = lines.iter().find(|l| l.starts_with("Fatal:")).or(lines.last()).copied().unwrap_or("restic failed");
    line.trim_start_matches("Fatal:").trim().to_string()
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// Opens the repository with one of the vault's two passwords, making it (after saying so)
/// if there is none, and adds as a key whichever of them does not open it yet.
fn open_or_create(
    ctx: &Ctx,
    base: &Restic,
    by_key: &Zeroizing<String>,
    by_passphrase: Option<&Zeroizing<String>>,
) -> Result<Restic, CliError> {
    let with_key = base.with_password(by_key);
    let failed = |why: String| CliError::Failed(fl!("backup-failed", reason = gist(&why)));
    match with_key.probe()? {
        Probe::Opens => {
            if let Some(by_passphrase) = by_passphrase
                && !matches!(base.with_password(by_passphrase).probe()?, Probe::Opens)
            {
                with_key.run(&["key", "add"], Some(by_passphrase))?.map_err(failed)?;
                ctx.status.say(&fl!("backup-key-added"));
            }
            Ok(with_key)
        }
        Probe::WrongPassword => {
            let Some(by_passphrase) = by_passphrase else {
                return Err(CliError::Failed(fl!("backup-wrong-keys", repo = base.repo.clone())));
            };
            let with_passphrase = base.with_password(by_passphrase);
            if !matches!(with_passphrase.probe()?, Probe::Opens) {
                return Err(CliError::Failed(fl!("backup-wrong-keys", repo = base.repo.clone())));
            }
            with_passphrase.run(&["key", "add"], Some(by_key))?.map_err(failed)?;
            Ok(with_key)
        }
        Probe::Missing => {
            // Made with the passphrase's password where there is one, so that a restore
            // needs only the passphrase; the master key's is added as a second key.
            let first = base.with_password(by_passphrase.unwrap_or(by_key));
            init(ctx, &first)?;
            if by_passphrase.is_some() {
                first.run(&["key", "add"], Some(by_key))?.map_err(failed)?;
            } else {
                ctx.status.say(&fl!("backup-session-only"));
            }
            Ok(with_key)
        }
        Probe::Failed(why) => Err(failed(why)),
    }
}

fn init(ctx: &Ctx, restic: &Restic) -> Result<(), CliError> {
    ctx.status.say(&fl!("backup-creating", repo = restic.repo.clone()));
    restic.run(&["init"], None)?.map_err(|why| CliError::Failed(fl!("backup-failed", reason = gist(&why))))?;
    Ok(())
}

pub(super) fn restore(ctx: &Ctx, given: Option<&str>, snapshot: Option<&str>, to: &Path) -> Result<(), CliError> {
    require_restic()?;
    let repo = repository(ctx, given)?;
    if to.exists() {
        return Err(CliError::Failed(fl!("restore-exists", path = shown(to))));
    }
    // The passphrase, typed or from a file or command: there is no vault yet for an unlock
    // session or a recovery key to open.
    let passphrase = existing_passphrase(ctx)?;
    let passphrase = &passphrase;
    let password = if restic_env_password() { None } else { Some(repository_password_from_passphrase(passphrase)?) };
    let restic = Restic { repo: repo.clone(), password, quiet: ctx.status.quiet };
    let failed = |why: String| CliError::Failed(fl!("backup-failed", reason = gist(&why)));
    let listed = restic.run(&["snapshots", "--json", "--tag", &format!("{TAG},{COMPLETE}")], None)?.map_err(failed)?;
    let snapshots: Vec<serde_json::Value> = serde_json::from_slice(&listed).unwrap_or_default();
    let chosen = match snapshot {
        Some(prefix) => snapshots.iter().find(|s| s["id"].as_str().is_some_and(|id| id.starts_with(prefix))),
        None => snapshots.iter().max_by_key(|s| s["time"].as_str().unwrap_or_default().to_string()),
    }
    .ok_or_else(|| CliError::NotFound(fl!("restore-no-snapshot", repo = repo.clone())))?;
    let id = chosen["id"].as_str().unwrap_or_default().to_string();
    let path_inside = chosen["paths"][0].as_str().unwrap_or_default().to_string();
    // Written without a name (a killed restore leaves nothing), named only once it is whole.
    let cannot = |e: std::io::Error| io_error(&fl!("restore-cannot-write"), to, &e);
    let staged = StagedFile::new_in(&parent_dir(to), ".clipvault-restore-").map_err(cannot)?;
    let out = staged.file().try_clone().map_err(cannot)?;
    let child = restic.start(&["dump", &id, &path_inside], None, Stdio::null(), Stdio::from(out))?;
    let done =
        child.wait_with_output().map_err(|e| CliError::Failed(fl!("backup-cannot-run", reason = e.to_string())))?;
    if !done.status.success() {
        return Err(failed(String::from_utf8_lossy(&done.stderr).into_owned()));
    }
    staged.file().sync_all().map_err(cannot)?;
    // Only a vault that opens with this passphrase and reads whole takes the name.
    let storage = FileStorage::from_locked(staged.file().try_clone().map_err(cannot)?);
    let mut vault = Vault::open_in_with(Box::new(storage), Key::Passphrase(passphrase))
        .map_err(|e| CliError::Damaged(fl!("restore-not-a-vault", reason = e.to_string())))?;
    let items = vault.items().count();
    let problems =
        vault.verify(|_| {}).map_err(|e| CliError::Damaged(fl!("restore-not-a-vault", reason = e.to_string())))?;
    if !problems.is_empty() {
        return Err(CliError::Damaged(fl!("restore-not-a-vault", reason = problems[0].what.clone())));
    }
    drop(vault);
    staged.link(to, false).map_err(cannot)?;
    let _ = sync_parent_dir(to);
    let when = chosen["time"].as_str().unwrap_or_default().chars().take(19).collect::<String>().replace('T', " ");
    ctx.status.say(&fl!("restore-done", path = shown(to), items = items, snapshot = short(&id), time = when));
    Ok(())
}
