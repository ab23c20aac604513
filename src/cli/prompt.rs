//! Getting passphrases: from a file (scripts) or typed at the terminal without echo.
//! A passphrase is never taken from an argument or an environment variable's value.

use super::error::{CliError, io_error};
use super::output::shown;
use clipvault::Passphrase;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use zeroize::Zeroizing;

/// Longest passphrase file read, so a wrong path (a video, a device) is not slurped.
const MAX_PASSPHRASE_FILE: u64 = 64 * 1024;

/// The first line of `path`, without its line ending.
pub fn from_file(path: &Path) -> Result<Passphrase, CliError> {
    let file = std::fs::File::open(path).map_err(|e| io_error("cannot read passphrase file", path, &e))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_PASSPHRASE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error("cannot read passphrase file", path, &e))?;
    let line_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    // Never cut a passphrase silently: another one sharing its first 64 KiB would open the vault.
    if line_end as u64 > MAX_PASSPHRASE_FILE {
        return Err(CliError::Failed(format!(
            "the first line of passphrase file {} is longer than 64 KiB; is it the right file?",
            shown(path)
        )));
    }
    let mut line = &bytes[..line_end];
    if line.last() == Some(&b'\r') {
        line = &line[..line.len() - 1];
    }
    let text = std::str::from_utf8(line)
        .map_err(|_| CliError::Failed(format!("passphrase file {} is not UTF-8 text", shown(path))))?;
    if text.is_empty() {
        return Err(CliError::Failed(format!("passphrase file {} is empty", shown(path))));
    }
    Ok(Passphrase::new(text))
}

/// Asks once, without echo, on the controlling terminal.
pub fn ask(prompt: &str) -> Result<Passphrase, CliError> {
    let text = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .map_err(|_| CliError::Usage("no terminal to ask for the passphrase on; use --passphrase-file".into()))?,
    );
    Ok(Passphrase::new(&text))
}

/// Asks for a new passphrase twice and checks its strength.
pub fn ask_new(allow_weak: bool) -> Result<Passphrase, CliError> {
    let first = Zeroizing::new(
        rpassword::prompt_password("New passphrase: ")
            .map_err(|_| CliError::Usage("no terminal to ask for the passphrase on; use --passphrase-file".into()))?,
    );
    let again = Zeroizing::new(
        rpassword::prompt_password("Repeat the new passphrase: ")
            .map_err(|_| CliError::Usage("no terminal to ask for the passphrase on".into()))?,
    );
    if *first != *again {
        return Err(CliError::Failed("the two passphrases differ; nothing was changed".into()));
    }
    check_strength(&first, allow_weak)?;
    Ok(Passphrase::new(&first))
}

/// A new passphrase from a file, strength-checked.
pub fn new_from_file(path: &Path, allow_weak: bool) -> Result<Passphrase, CliError> {
    let pass = from_file(path)?;
    let text = std::str::from_utf8(pass.as_bytes()).expect("a Passphrase holds UTF-8");
    check_strength(text, allow_weak)?;
    Ok(pass)
}

/// Refuses a very weak passphrase (zxcvbn score 0-1) unless allowed; warns about a weak one.
fn check_strength(text: &str, allow_weak: bool) -> Result<(), CliError> {
    if text.is_empty() {
        return Err(CliError::Failed("the passphrase is empty".into()));
    }
    let score = u8::from(zxcvbn::zxcvbn(text, &[]).score());
    if score <= 1 && !allow_weak {
        return Err(CliError::Failed(
            "this passphrase is very easy to guess; choose a longer one (several unrelated words), \
             or pass --allow-weak-passphrase"
                .into(),
        ));
    }
    if score == 2 {
        eprintln!("clipvault: warning: this passphrase could be guessed; several unrelated words are stronger");
    }
    Ok(())
}

/// Asks a yes/no question on the terminal; anything but "y" or "yes" is no.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage("cannot ask for confirmation without a terminal; pass --yes".into()));
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| CliError::Failed(e.to_string()))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
