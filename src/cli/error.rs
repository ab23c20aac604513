//! The command line's error type and the one table of exit codes.

use super::output::shown;
use clipvault::{Damage, VaultError, fl};
use std::fmt;
use std::process::ExitCode;

/// Exit codes, as documented in the README and `--help`.
pub mod code {
    pub const OK: u8 = 0;
    pub const OTHER: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const WRONG_PASSPHRASE: u8 = 3;
    pub const INTEGRITY: u8 = 4;
    pub const NO_SUCH_ITEM: u8 = 5;
    pub const BUSY: u8 = 6;
}

/// A failure to report as one line on stderr, with its exit code.
#[derive(Debug)]
pub enum CliError {
    /// From the library; the exit code follows its kind.
    Vault(VaultError),
    /// The command was used wrongly (exit 2).
    Usage(String),
    /// Anything else (exit 1).
    Failed(String),
    /// `verify` found damage, or some items could not be read (exit 4).
    Damaged(String),
    /// Some items were not found (exit 5), with the message.
    NotFound(String),
    /// Another error's exit code with a different message.
    Custom(Box<CliError>, String),
    /// The command ran elsewhere (through an unlock session) and said everything itself:
    /// exit with its code, print nothing.
    Exit(u8),
}

impl CliError {
    /// Keeps this error's exit code but says `message` instead.
    pub fn with_message(self, message: &str) -> CliError {
        CliError::Custom(Box::new(self), message.to_string())
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            CliError::Vault(e) => match e {
                VaultError::WrongPassphrase => code::WRONG_PASSPHRASE,
                VaultError::Integrity(_) | VaultError::Malformed { .. } => code::INTEGRITY,
                VaultError::ItemNotFound | VaultError::Ambiguous(_) => code::NO_SUCH_ITEM,
                VaultError::Busy | VaultError::Rekeyed => code::BUSY,
                VaultError::BadLabel => code::USAGE,
                _ => code::OTHER,
            },
            CliError::Usage(_) => code::USAGE,
            CliError::Failed(_) => code::OTHER,
            CliError::Damaged(_) => code::INTEGRITY,
            CliError::NotFound(_) => code::NO_SUCH_ITEM,
            CliError::Custom(inner, _) => return inner.exit_code(),
            CliError::Exit(code) => *code,
        })
    }
}

impl CliError {
    fn raw(&self) -> String {
        match self {
            CliError::Vault(e) => vault_message(e),
            CliError::Custom(_, m) => m.clone(),
            CliError::Exit(_) => String::new(),
            CliError::Usage(m) | CliError::Failed(m) | CliError::Damaged(m) | CliError::NotFound(m) => m.clone(),
        }
    }
}

/// What a library error means, in the chosen language. (The library's own `Display` is
/// English, for programs that use it.) A refusal's reason is the library's English text.
pub fn vault_message(e: &VaultError) -> String {
    match e {
        VaultError::Busy => fl!("error-busy"),
        VaultError::Integrity(Damage::Truncated) => fl!("error-truncated"),
        VaultError::Integrity(damage) => fl!("error-integrity", damage = damage_message(damage)),
        VaultError::Malformed { damage, source } => {
            fl!("error-malformed", damage = damage_message(damage), rule = source.to_string())
        }
        VaultError::Io(e) => fl!("error-io", reason = plain_io(e)),
        VaultError::WrongPassphrase => fl!("error-wrong-passphrase"),
        VaultError::NotAVault => fl!("error-not-a-vault"),
        VaultError::UnsupportedVersion(version) => fl!("error-unsupported-version", version = version.to_string()),
        VaultError::ItemNotFound => fl!("error-no-such-item"),
        VaultError::Ambiguous(ids) => {
            let ids: Vec<String> = ids.iter().map(|id| format!("{id:016x}")).collect();
            fl!("error-ambiguous", ids = ids.join(", "))
        }
        VaultError::Rekeyed => fl!("error-rekeyed"),
        VaultError::Evidence(ids) => {
            let shown: Vec<String> = ids.iter().map(|id| format!("{:08x}", id >> 32)).collect();
            fl!("error-evidence", ids = shown.join(", "), count = ids.len())
        }
        VaultError::AlreadyExists => fl!("error-exists"),
        VaultError::Duplicate(id) => fl!("error-duplicate", id = format!("{id:016x}")),
        VaultError::CostlyKdf(kdf) => {
            fl!("error-costly-kdf", mib = (kdf.memory_kib / 1024), passes = kdf.iterations)
        }
        VaultError::BadLabel => fl!("error-bad-label"),
        other => other.to_string(),
    }
}

/// Which part is damaged, in the chosen language.
pub fn damage_message(damage: &Damage) -> String {
    match damage {
        Damage::Header => fl!("damage-header"),
        Damage::Index => fl!("damage-index"),
        Damage::Item(id) => fl!("damage-item", id = format!("{id:016x}")),
        Damage::Truncated => fl!("damage-truncated"),
        other => other.to_string(),
    }
}

/// Every error is one line, and never shows the raw "(os error N)" of the system.
impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line(&self.raw()))
    }
}

/// `text` on one line (line breaks become "; ") without " (os error N)" parts.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (os error ") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find(')').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        CliError::Vault(e)
    }
}

/// An I/O error on a path the user named, as one line.
pub fn io_error(what: &str, path: &std::path::Path, e: &std::io::Error) -> CliError {
    CliError::Failed(fl!("io-failed", what = what, path = shown(path), reason = plain_io(e)))
}

/// Writing to stdout failed (a full disk behind a redirect, say).
pub fn output_error(e: std::io::Error) -> CliError {
    CliError::Failed(fl!("output-failed", reason = plain_io(&e)))
}

/// `io::Error` text without the "(os error N)" suffix.
pub fn plain_io(e: &std::io::Error) -> String {
    one_line(&e.to_string())
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn errors_lose_os_error_numbers_and_line_breaks() {
        assert_eq!(one_line("No space left on device (os error 28)"), "No space left on device");
        assert_eq!(
            one_line("IO error for operation on /x: Permission denied (os error 13)\nmore"),
            "IO error for operation on /x: Permission denied; more"
        );
        assert_eq!(one_line("plain"), "plain");
    }
}
