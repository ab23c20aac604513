//! Every call into the operating system that needs `unsafe` or a raw descriptor, each behind a
//! safe function whose name says what it does. The rest of the crate, and the binary, deny
//! `unsafe` code; the one other exception is the audited key wrapper in `crypto::stream`.
//!
//! `nix`'s safe wrappers where it has them. `unsafe` is left where no safe interface exists,
//! each block with the reason it holds: a child's setup between fork and exec (`in_child`),
//! signal dispositions, `localtime_r`, `mlock`, `prctl` (nix has it for Linux, not Android),
//! and descriptors that arrive over a socket or from the parent process, which become owned
//! here. The lowest layer: it imports nothing from the crate. Linux and Android; elsewhere
//! what needs them says so or does without.

use std::ffi::CStr;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::process::Command;
use std::time::Duration;

pub use nix::sys::signal::Signal;

// ----- This process -----

/// No core dumps (they would hold keys and decrypted media), and on Linux and Android no
/// ptrace attach or /proc memory reads by other processes of the same user. Failure only
/// leaves the defaults.
pub fn harden_process() {
    use nix::sys::resource::{Resource, setrlimit};
    let _ = setrlimit(Resource::RLIMIT_CORE, 0, 0);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: prctl(PR_SET_DUMPABLE, 0) takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Makes this process yield the cores to others (a nice value of 10): for work nobody waits
/// on, such as thumbnails made in the background. Failure leaves the priority as it was.
pub fn lower_priority() {
    // SAFETY: setpriority takes plain integers and changes only this process's scheduling.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// The real user id of this process.
pub fn current_uid() -> u32 {
    nix::unistd::getuid().as_raw()
}

/// Physical memory in bytes, where the system says.
pub fn physical_memory() -> Option<u64> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use nix::unistd::{SysconfVar, sysconf};
        let pages = sysconf(SysconfVar::_PHYS_PAGES).ok()??;
        let page_size = sysconf(SysconfVar::PAGE_SIZE).ok()??;
        if pages > 0 && page_size > 0 {
            return Some(pages as u64 * page_size as u64);
        }
    }
    None
}

/// Keeps the `len` bytes at `at` out of swap (`mlock`). Failure (no permission, limits)
/// leaves them swappable.
pub fn lock_memory(at: *const u8, len: usize) -> io::Result<()> {
    // SAFETY: mlock reads and writes no memory: it only asks the kernel to keep the pages
    // resident, and fails with ENOMEM for a range that is not mapped.
    let done = unsafe { libc::mlock(at.cast(), len) };
    if done != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A moment in the zone the system is set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    /// 1 to 12.
    pub month: i32,
    pub day: i32,
    pub hour: i32,
    pub minute: i32,
    /// The zone's offset from UTC then, in minutes east.
    pub offset_minutes: i32,
}

/// Unix seconds in the zone the system is set to (TZ, /etc/localtime, or Android's setting);
/// `None` where the system cannot say.
pub fn local_time(secs: u64) -> Option<LocalTime> {
    let time = libc::time_t::try_from(secs).unwrap_or(libc::time_t::MAX);
    let mut tm = std::mem::MaybeUninit::<libc::tm>::zeroed();
    // SAFETY: localtime_r reads `time` and writes only the struct it is given, which is all
    // zeroes before (a valid `tm`: its one pointer, tm_zone where there is one, null).
    let tm = unsafe {
        if libc::localtime_r(&time, tm.as_mut_ptr()).is_null() {
            return None;
        }
        tm.assume_init()
    };
    Some(LocalTime {
        year: tm.tm_year + 1900,
        month: tm.tm_mon + 1,
        day: tm.tm_mday,
        hour: tm.tm_hour,
        minute: tm.tm_min,
        offset_minutes: i32::try_from(tm.tm_gmtoff / 60).unwrap_or(0),
    })
}

// ----- Signals and processes -----

/// The other processes named `name` (their `comm`), each as its pid and its folder under
/// /proc (where its `cmdline` and `fd` are read). On Linux and Android; elsewhere none.
pub fn processes_named(name: &str) -> Vec<(u32, std::path::PathBuf)> {
    let own = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| Some((entry.file_name().to_str()?.parse::<u32>().ok()?, entry.path())))
        .filter(|(pid, dir)| *pid != own && std::fs::read_to_string(dir.join("comm")).is_ok_and(|c| c.trim() == name))
        .collect()
}

/// Sends `signal` to process `pid`. Refused for 0, which would be this process's group.
pub fn kill(pid: u32, signal: Signal) -> io::Result<()> {
    let pid = i32::try_from(pid).ok().filter(|&p| p > 0).ok_or(io::ErrorKind::InvalidInput)?;
    Ok(nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal)?)
}

/// Sends `signal` to every process in process group `group`. Refused for 0 (this process's
/// own group) and 1 (`kill(-1)` is every process the user may signal).
pub fn kill_group(group: u32, signal: Signal) -> io::Result<()> {
    let group = i32::try_from(group).ok().filter(|&g| g > 1).ok_or(io::ErrorKind::InvalidInput)?;
    Ok(nix::sys::signal::killpg(nix::unistd::Pid::from_raw(group), signal)?)
}

/// Ctrl-C and SIGQUIT ignored by this process until dropped, when they are back at their
/// defaults: a program it waits for gets them, and this process stays to clean up.
pub struct InterruptsIgnored(());

/// See [`InterruptsIgnored`].
pub fn ignore_interrupts() -> InterruptsIgnored {
    set_interrupt_disposition(nix::sys::signal::SigHandler::SigIgn);
    InterruptsIgnored(())
}

impl Drop for InterruptsIgnored {
    fn drop(&mut self) {
        set_interrupt_disposition(nix::sys::signal::SigHandler::SigDfl);
    }
}

fn set_interrupt_disposition(handler: nix::sys::signal::SigHandler) {
    // SAFETY: only SIG_IGN and SIG_DFL are set here, never a handler function, so no code of
    // ours can run at an arbitrary moment.
    unsafe {
        let _ = nix::sys::signal::signal(Signal::SIGINT, handler);
        let _ = nix::sys::signal::signal(Signal::SIGQUIT, handler);
    }
}

/// `signals` blocked for this thread until dropped: one that comes meanwhile waits, and is
/// then handled as set up by then. (Blocked for the process if it has no other thread yet;
/// threads started meanwhile inherit the mask.)
pub struct SignalsHeld(nix::sys::signal::SigSet);

/// See [`SignalsHeld`].
pub fn hold_signals(signals: &[Signal]) -> SignalsHeld {
    use nix::sys::signal::{SigSet, SigmaskHow, pthread_sigmask};
    let mut held = SigSet::empty();
    for &signal in signals {
        held.add(signal);
    }
    let mut before = SigSet::empty();
    let _ = pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&held), Some(&mut before));
    SignalsHeld(before)
}

impl Drop for SignalsHeld {
    fn drop(&mut self) {
        use nix::sys::signal::{SigmaskHow, pthread_sigmask};
        let _ = pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&self.0), None);
    }
}

/// What a child does between fork and exec: only async-signal-safe system calls.
#[derive(Clone, Copy)]
enum ChildStep {
    /// Ctrl-C and SIGQUIT back at their defaults (this process may ignore them).
    DefaultInterrupts,
    /// A session of its own (`setsid`): no controlling terminal, so no SIGHUP when it closes.
    NewSession,
    /// Descriptor `fd` as `number`, open across exec.
    Descriptor { fd: RawFd, number: RawFd },
    /// Address space and CPU time capped, no core dumps.
    Limits { memory: u64, cpu_seconds: u64 },
    /// Killed when this process dies (`parent` is this process's id).
    DieWithParent { parent: libc::pid_t },
}

/// Has `command`'s child take `step` before it runs the program.
fn in_child(command: &mut Command, step: ChildStep) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec only async-signal-safe calls may run; each step makes
    // only such calls (signal, setsid, fcntl, dup2, setrlimit, prctl, getppid, _exit) with values copied into the
    // closure, allocates nothing and takes no lock. What they change is the child's alone.
    unsafe {
        command.pre_exec(move || {
            match step {
                ChildStep::DefaultInterrupts => {
                    libc::signal(libc::SIGINT, libc::SIG_DFL);
                    libc::signal(libc::SIGQUIT, libc::SIG_DFL);
                }
                ChildStep::NewSession => {
                    libc::setsid();
                }
                ChildStep::Descriptor { fd, number } => {
                    // dup2 clears close-on-exec on the copy; a descriptor that already has
                    // its number needs it cleared by hand.
                    let done = if fd == number { libc::fcntl(fd, libc::F_SETFD, 0) } else { libc::dup2(fd, number) };
                    if done == -1 {
                        return Err(io::Error::last_os_error());
                    }
                }
                ChildStep::Limits { memory, cpu_seconds } => {
                    let limit = |resource, value: u64| {
                        let value = value as libc::rlim_t;
                        libc::setrlimit(resource, &libc::rlimit { rlim_cur: value, rlim_max: value })
                    };
                    limit(libc::RLIMIT_AS, memory);
                    limit(libc::RLIMIT_CPU, cpu_seconds);
                    limit(libc::RLIMIT_CORE, 0);
                }
                ChildStep::DieWithParent { parent } => {
                    #[cfg(any(target_os = "linux", target_os = "android"))]
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                    // The parent may have died before the request was made.
                    if libc::getppid() != parent {
                        libc::_exit(1);
                    }
                }
            }
            Ok(())
        });
    }
}

/// `command`'s program starts with Ctrl-C and SIGQUIT at their defaults, whatever this
/// process does with them meanwhile ([`ignore_interrupts`]).
pub fn default_interrupts_in_child(command: &mut Command) {
    in_child(command, ChildStep::DefaultInterrupts);
}

/// `command`'s program runs in a session of its own, away from this process's terminal.
pub fn new_session_in_child(command: &mut Command) {
    in_child(command, ChildStep::NewSession);
}

/// `command`'s program gets descriptor `fd` (close-on-exec here, as every descriptor should
/// be) as its descriptor `number`. `fd` must stay open until the child is spawned.
pub fn pass_descriptor(command: &mut Command, fd: RawFd, number: RawFd) {
    in_child(command, ChildStep::Descriptor { fd, number });
}

/// `command`'s program is killed (SIGKILL) when this process dies, however it dies (on Linux
/// and Android; elsewhere nothing is arranged): a backup program reading this process's
/// output must not take an end of file from a killed process for the end of the data.
pub fn die_with_parent_in_child(command: &mut Command) {
    in_child(command, ChildStep::DieWithParent { parent: std::process::id() as libc::pid_t });
}

/// `command`'s program may map at most `memory` bytes and use `cpu_seconds` of CPU time, and
/// dumps no core.
pub fn limit_child(command: &mut Command, memory: u64, cpu_seconds: u64) {
    in_child(command, ChildStep::Limits { memory, cpu_seconds });
}

// ----- Descriptors -----

/// An anonymous file in memory (memfd): nothing of it reaches a disk (but swap), and it is
/// gone when its last descriptor closes. With `inherited`, programs this process starts get
/// the descriptor (and open it as /proc/self/fd/N); without, it is close-on-exec. nix makes
/// the raw system call on Android, not libc's wrapper: Android's libc has memfd_create only
/// from API 30, and Termux builds for API 24; the kernel has had it since Linux 3.17.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn memory_file(name: &CStr, inherited: bool) -> io::Result<File> {
    use nix::sys::memfd::{MFdFlags, memfd_create};
    let flags = if inherited { MFdFlags::empty() } else { MFdFlags::MFD_CLOEXEC };
    Ok(File::from(memfd_create(name, flags)?))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn memory_file(_name: &CStr, _inherited: bool) -> io::Result<File> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "in-memory files need Linux or Android"))
}

/// Whether `fd` has something to read (or its end) within `timeout`; false on an error or
/// an interrupting signal too.
pub fn poll_readable(fd: impl AsFd, timeout: Duration) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
    poll(&mut fds, PollTimeout::try_from(timeout).unwrap_or(PollTimeout::MAX)).is_ok_and(|ready| ready > 0)
}

/// One `read` straight from the descriptor, past any buffer of std's (which would keep what
/// it read where neither [`poll_readable`] nor another reader sees it).
pub fn read_unbuffered(fd: impl AsFd, buf: &mut [u8]) -> io::Result<usize> {
    Ok(nix::unistd::read(fd, buf)?)
}

/// Asks the kernel for a send buffer of about `bytes` on `socket`.
pub fn set_send_buffer(socket: &impl AsFd, bytes: usize) -> io::Result<()> {
    Ok(nix::sys::socket::setsockopt(socket, nix::sys::socket::sockopt::SndBuf, &bytes)?)
}

/// Sends `bytes` with the descriptors `fds` alongside (SCM_RIGHTS). Returns how many of the
/// bytes went; the descriptors go with the first.
pub fn send_with_descriptors(stream: &UnixStream, bytes: &[u8], fds: &[BorrowedFd<'_>]) -> io::Result<usize> {
    use nix::sys::socket::{ControlMessage, MsgFlags, sendmsg};
    use std::os::fd::AsRawFd;
    let raw: Vec<RawFd> = fds.iter().map(AsRawFd::as_raw_fd).collect();
    let cmsgs: Vec<ControlMessage> = if raw.is_empty() { vec![] } else { vec![ControlMessage::ScmRights(&raw)] };
    Ok(sendmsg::<()>(stream.as_raw_fd(), &[io::IoSlice::new(bytes)], &cmsgs, MsgFlags::empty(), None)?)
}

/// Most descriptors taken from one message by [`receive_with_descriptors`]; the kernel
/// closes any beyond.
pub const MAX_RECEIVED_DESCRIPTORS: usize = 3;

/// Reads one message into `buf` and takes the descriptors passed with it (close-on-exec).
/// Returns how many bytes came.
pub fn receive_with_descriptors(stream: &UnixStream, buf: &mut [u8]) -> io::Result<(usize, Vec<OwnedFd>)> {
    use nix::sys::socket::{ControlMessageOwned, MsgFlags, recvmsg};
    use std::os::fd::{AsRawFd, FromRawFd};
    let mut space = nix::cmsg_space!([RawFd; MAX_RECEIVED_DESCRIPTORS]);
    let mut iov = [io::IoSliceMut::new(buf)];
    let msg = recvmsg::<()>(stream.as_raw_fd(), &mut iov, Some(&mut space), MsgFlags::MSG_CMSG_CLOEXEC)?;
    let mut fds = Vec::new();
    for cmsg in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(raw) = cmsg {
            // SAFETY: the kernel just installed these descriptors in this process for this
            // message; nothing else knows their numbers, so each gets exactly one owner.
            fds.extend(raw.into_iter().map(|fd| unsafe { OwnedFd::from_raw_fd(fd) }));
        }
    }
    Ok((msg.bytes, fds))
}

/// Descriptor `fd`, which the parent process opened for this one (its number named in an
/// environment variable), as a file. Only the first call takes it, and only a descriptor
/// that is open and not a standard one; later calls get `None`.
pub fn take_inherited_descriptor(fd: RawFd) -> Option<File> {
    use std::os::fd::FromRawFd;
    use std::sync::atomic::{AtomicBool, Ordering};
    static TAKEN: AtomicBool = AtomicBool::new(false);
    if fd <= 2 || TAKEN.swap(true, Ordering::SeqCst) {
        return None;
    }
    // SAFETY: fcntl(F_GETFD) only asks whether the number is open. An inherited descriptor
    // above the standard three is known to nothing in this process but the variable naming
    // it, and the flag above lets it be taken once, so it gets exactly one owner.
    unsafe {
        if libc::fcntl(fd, libc::F_GETFD) == -1 {
            return None;
        }
        Some(File::from_raw_fd(fd))
    }
}

// ----- The terminal -----

/// The settings of this process's terminal (each standard descriptor that is one), put back
/// when dropped, if this process is still in the terminal's foreground (otherwise the shell
/// has the terminal back and sets it itself; a write from the background would stop this
/// process with SIGTTOU).
pub struct TerminalSettings(Vec<(u8, nix::sys::termios::Termios)>);

impl TerminalSettings {
    /// The settings as they are now.
    pub fn save() -> TerminalSettings {
        let saved = (0..=2).filter_map(|n| Some((n, with_standard(n, |fd| nix::sys::termios::tcgetattr(fd)).ok()?)));
        TerminalSettings(saved.collect())
    }
}

impl Drop for TerminalSettings {
    fn drop(&mut self) {
        use nix::sys::termios::{SetArg, tcsetattr};
        for (n, settings) in &self.0 {
            let foreground =
                with_standard(*n, |fd| nix::unistd::tcgetpgrp(fd)).is_ok_and(|g| g == nix::unistd::getpgrp());
            if foreground {
                let _ = with_standard(*n, |fd| tcsetattr(fd, SetArg::TCSANOW, settings));
            }
        }
    }
}

/// Runs `f` with standard descriptor `n` (0, 1, else 2), borrowed from std's handle.
fn with_standard<R>(n: u8, f: impl FnOnce(BorrowedFd<'_>) -> R) -> R {
    match n {
        0 => f(io::stdin().as_fd()),
        1 => f(io::stdout().as_fd()),
        _ => f(io::stderr().as_fd()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_that_mean_more_than_one_group_are_refused() {
        for group in [0, 1, u32::MAX] {
            assert_eq!(kill_group(group, Signal::SIGTERM).unwrap_err().kind(), io::ErrorKind::InvalidInput);
        }
        assert_eq!(kill(0, Signal::SIGTERM).unwrap_err().kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn a_memory_file_holds_what_is_written() {
        use std::io::{Read, Seek, Write};
        let mut file = memory_file(c"clipvault-test", false).unwrap();
        file.write_all(b"bytes").unwrap();
        file.rewind().unwrap();
        let mut back = String::new();
        file.read_to_string(&mut back).unwrap();
        assert_eq!(back, "bytes");
    }

    #[test]
    fn descriptors_sent_arrive_owned() {
        use std::io::{Read, Write};
        let (a, b) = UnixStream::pair().unwrap();
        let (mut reader, writer) = UnixStream::pair().unwrap();
        assert_eq!(send_with_descriptors(&a, b"hi", &[writer.as_fd()]).unwrap(), 2);
        drop(writer);
        let mut buf = [0u8; 8];
        let (got, fds) = receive_with_descriptors(&b, &mut buf).unwrap();
        assert_eq!((&buf[..got], fds.len()), (&b"hi"[..], 1));
        let mut passed = UnixStream::from(fds.into_iter().next().unwrap());
        passed.write_all(b"through").unwrap();
        drop(passed);
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "through");
    }

    #[test]
    fn poll_sees_bytes_waiting_and_read_takes_them() {
        use std::io::Write;
        let (mut a, b) = UnixStream::pair().unwrap();
        assert!(!poll_readable(&b, Duration::ZERO));
        a.write_all(b"x").unwrap();
        assert!(poll_readable(&b, Duration::from_secs(1)));
        let mut buf = [0u8; 4];
        assert_eq!(read_unbuffered(&b, &mut buf).unwrap(), 1);
    }

    #[test]
    fn standard_descriptors_are_never_taken_as_inherited() {
        assert!(take_inherited_descriptor(1).is_none());
    }

    #[test]
    fn the_epoch_is_1969_or_1970_in_any_zone() {
        let time = local_time(0).unwrap();
        assert!(matches!((time.year, time.month), (1969, 12) | (1970, 1)), "{time:?}");
    }

    #[test]
    fn physical_memory_is_known_here() {
        assert!(physical_memory().is_some_and(|bytes| bytes > 1 << 20));
    }
}
