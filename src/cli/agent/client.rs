//! The caller's side of a session: a command forwarded to the agent, with Ctrl-C and the like
//! passed on to the run, and the terminal's settings put back however the run ended.

use super::*;

/// Runs this command through the vault's agent if one is running; `None` if there is none.
pub(in crate::cli) fn forward(vault: &Path) -> Result<Option<u8>, CliError> {
    let Ok(Some(stream)) = connect(vault) else { return Ok(None) };
    let given: Vec<Vec<u8>> = std::env::args_os().skip(1).map(|a| a.as_bytes().to_vec()).collect();
    // The vault as this process resolved it (from --vault, $CLIPVAULT_VAULT or the default),
    // unless the arguments already name it (relative to `cwd`, which the run gets too).
    let named = given.iter().any(|a| a == b"--vault" || a.starts_with(b"--vault="));
    let mut args: Vec<Vec<u8>> =
        if named { vec![] } else { vec![b"--vault".to_vec(), absolute(vault).as_os_str().as_bytes().to_vec()] };
    // The language this caller chose (its locale, CLIPVAULT_LANG), not the agent's: the
    // run speaks to the person who typed this command.
    if !given.iter().any(|a| a == b"--lang" || a.starts_with(b"--lang=")) {
        args.push(format!("--lang={}", clipvault::i18n::current()).into_bytes());
    }
    args.extend(given);
    let cwd = std::env::current_dir().map(|d| d.as_os_str().as_bytes().to_vec()).unwrap_or_default();
    // Ctrl-C, SIGTERM and SIGHUP are held (blocked) from before the request goes out until
    // the run's group is known: one that comes in between is then passed on to the run (it
    // used to end this caller and leave the run going), or, if the run never started, ends
    // this caller as it would have. The terminal's settings are put back after the run,
    // however it ended: a run killed in raw mode (a gallery ended by `panic`) left the
    // terminal without Ctrl-C, and the shell, seeing this caller exit normally, kept it that
    // way for the next command.
    let held = sys::hold_signals(&[Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP]);
    let _terminal = sys::TerminalSettings::save();
    let (stdin, stdout, stderr) = (std::io::stdin(), std::io::stdout(), std::io::stderr());
    match call(&stream, &Request::Run { args, cwd }, &[stdin.as_fd(), stdout.as_fd(), stderr.as_fd()]) {
        Ok(Reply::Started(group)) => {
            pass_on_signals(group);
            drop(held);
            let _ = stream.set_read_timeout(None);
            match read_reply(&stream) {
                Ok(Reply::Exited(code)) => Ok(Some(code)),
                _ => Ok(Some(1)),
            }
        }
        // The agent ended between connect and reply: do it here, as without a session.
        _ => Ok(None),
    }
}

/// Ctrl-C, SIGTERM and SIGHUP reach the run's process group (the command and a viewer it
/// started), as they would a command run in this terminal.
fn pass_on_signals(group: u32) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if let Ok(signal) = Signal::try_from(signal) {
                let _ = sys::kill_group(group, signal);
            }
        }
    });
}
