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
    args.extend(given);
    let cwd = std::env::current_dir().map(|d| d.as_os_str().as_bytes().to_vec()).unwrap_or_default();
    // Ctrl-C, SIGTERM and SIGHUP are held (blocked) from before the request goes out until
    // the run's group is known: one that comes in between is then passed on to the run (it
    // used to end this caller and leave the run going), or, if the run never started, ends
    // this caller as it would have. The terminal's settings are put back after the run,
    // however it ended: a run killed in raw mode (a gallery ended by `panic`) left the
    // terminal without Ctrl-C, and the shell, seeing this caller exit normally, kept it that
    // way for the next command.
    let held = HeldSignals::hold();
    let _terminal = TerminalSettings::save();
    match call(&stream, &Request::Run { args, cwd }, &[0, 1, 2]) {
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

/// The interrupting signals blocked for this process (it has no other thread yet), until
/// dropped: one that comes meanwhile waits, and is then handled as set up by then.
struct HeldSignals(nix::sys::signal::SigSet);

impl HeldSignals {
    fn hold() -> HeldSignals {
        use nix::sys::signal::{SigSet, SigmaskHow, Signal, pthread_sigmask};
        let mut interrupting = SigSet::empty();
        for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
            interrupting.add(signal);
        }
        let mut before = SigSet::empty();
        let _ = pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&interrupting), Some(&mut before));
        HeldSignals(before)
    }
}

impl Drop for HeldSignals {
    fn drop(&mut self) {
        let _ = nix::sys::signal::pthread_sigmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&self.0), None);
    }
}

/// Ctrl-C, SIGTERM and SIGHUP reach the run's process group (the command and a viewer it
/// started), as they would a command run in this terminal.
fn pass_on_signals(group: u32) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            send_to_group(group, signal);
        }
    });
}

fn send_to_group(group: u32, signal: i32) {
    // SAFETY: kill with a process group id the agent reported and a valid signal.
    unsafe { libc::kill(-(group as libc::pid_t), signal) };
}

/// The settings of this process's terminal (each standard descriptor that is one), put back
/// when dropped, if this process is still in the terminal's foreground (otherwise the shell
/// has the terminal back and sets it itself; a write from the background would stop this
/// process with SIGTTOU).
pub(super) struct TerminalSettings(Vec<(RawFd, nix::sys::termios::Termios)>);

impl TerminalSettings {
    fn save() -> TerminalSettings {
        let saved = (0..=2).filter_map(|fd| Some((fd, nix::sys::termios::tcgetattr(standard(fd)).ok()?)));
        TerminalSettings(saved.collect())
    }
}

impl Drop for TerminalSettings {
    fn drop(&mut self) {
        for (fd, settings) in &self.0 {
            let foreground = nix::unistd::tcgetpgrp(standard(*fd)).is_ok_and(|group| group == nix::unistd::getpgrp());
            if foreground {
                let _ = nix::sys::termios::tcsetattr(standard(*fd), nix::sys::termios::SetArg::TCSANOW, settings);
            }
        }
    }
}

/// Standard descriptor `fd` (0, 1 or 2).
pub(super) fn standard(fd: RawFd) -> std::os::fd::BorrowedFd<'static> {
    // SAFETY: the standard descriptors stay open for the whole life of the process.
    unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }
}
