//! Unlock sessions through the real binary: one passphrase, then commands that ask nothing
//! and give the same results as without the session; `lock`, `panic`, the deadline, a
//! replaced vault and a changed passphrase end it; only the same user is served; the agent
//! can never dump core.

use crate::fixture::{CliEnv, PASS, quiet, require};
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The command-line fixture with a vault of one item (`a.txt`), which locks whatever
/// session it unlocked when it ends. `no_pass()` is the binary with no passphrase: it can
/// only use a session.
struct Env {
    cli: CliEnv,
}

impl std::ops::Deref for Env {
    type Target = CliEnv;

    fn deref(&self) -> &CliEnv {
        &self.cli
    }
}

impl Env {
    fn new() -> Env {
        let env = Env { cli: CliEnv::new() };
        let a = env.write("a.txt", b"first item");
        env.cmd().arg("add").arg(&a).assert().success();
        env
    }

    /// The folder of the unlock sessions' sockets (`XDG_RUNTIME_DIR`).
    fn runtime(&self) -> PathBuf {
        self.path("run")
    }

    fn unlock(&self, duration: &str) {
        self.cmd().args(["unlock", "--for", duration]).assert().success().stderr(contains("unlocked for"));
    }

    fn status(&self) -> String {
        let out = self.no_pass().arg("status").timeout(Duration::from_secs(10)).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn socket_dir(&self) -> PathBuf {
        self.runtime().join("clipvault")
    }

    /// The process id of this vault's agent, found through /proc.
    fn agent_pid(&self) -> u32 {
        let socket_dir = self.socket_dir();
        fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse().ok()).map(|pid: u32| (pid, e.path())))
            .find(|(_, path)| {
                let cmdline = fs::read(path.join("cmdline")).unwrap_or_default();
                cmdline.split(|&b| b == 0).any(|a| a == b"__agent")
                    && cmdline
                        .windows(socket_dir.as_os_str().len())
                        .any(|w| w == socket_dir.as_os_str().as_encoded_bytes())
            })
            .expect("the agent process")
            .0
    }

    fn agent_running(&self) -> bool {
        fs::read_dir(self.socket_dir()).is_ok_and(|d| d.count() > 0) && self.status().starts_with("unlocked")
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = self.no_pass().args(["lock"]).output();
    }
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(10), "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn after_unlock_commands_ask_nothing_and_give_what_they_give_without_a_session() {
    let env = Env::new();
    let without = env.cmd().args(["list", "--json"]).assert().success().get_output().stdout.clone();
    env.unlock("1m");
    assert!(env.status().starts_with("unlocked: 1 min left"), "{}", env.status());
    let through = env
        .no_pass()
        .args(["list", "--json"])
        .assert()
        .success()
        .stderr(contains("(unlocked session, 1 min left)"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(through, without);
    assert_eq!(env.no_pass().args(["cat", "a.txt"]).assert().success().get_output().stdout, b"first item");
    // Standard input and the working folder reach the command that runs in the session.
    env.no_pass().args(["add", "-", "--name", "piped.txt"]).write_stdin("from a pipe").assert().success();
    env.no_pass().current_dir(env.dir.path()).args(["export", "piped.txt", "--to", "out"]).assert().success();
    assert_eq!(fs::read(env.dir.path().join("out/piped.txt")).unwrap(), b"from a pipe");
    // Exit codes come back as they were.
    env.no_pass().args(["cat", "no-such-item"]).assert().code(5).stderr(contains("no item matches"));
    env.no_pass().args(["--quiet", "list"]).assert().success().stderr(contains("unlocked session").not());
}

#[test]
fn lock_ends_the_session_and_commands_ask_again() {
    let env = Env::new();
    env.unlock("1m");
    env.no_pass().arg("list").assert().success();
    env.no_pass().arg("lock").assert().success().stderr(contains("1 unlock session ended"));
    assert_eq!(env.status().trim(), "locked");
    // No terminal to ask on, and no session: a usage error, nothing read.
    env.no_pass().arg("list").assert().code(2).stderr(contains("no terminal"));
    assert_eq!(fs::read_dir(env.socket_dir()).unwrap().count(), 0, "the socket is gone");
}

#[test]
fn the_session_ends_at_its_deadline() {
    let env = Env::new();
    env.unlock("2s");
    assert!(env.agent_running());
    wait_until("the agent ends at its deadline", || !env.agent_running());
    env.no_pass().arg("list").assert().code(2);
}

#[test]
fn panic_ends_the_session_first() {
    let env = Env::new();
    env.unlock("1m");
    env.no_pass().args(["panic", "--yes"]).assert().success().stderr(contains("ended"));
    assert_eq!(env.status().trim(), "locked");
    env.cmd().arg("list").assert().code(3);
}

#[test]
fn a_replaced_vault_ends_the_session() {
    let env = Env::new();
    env.unlock("1m");
    // Compact with the passphrase, outside the session: the file is replaced.
    env.cmd().args(["compact", "--yes"]).assert().success();
    wait_until("the agent notices the vault was replaced", || !env.agent_running());
}

#[test]
fn a_changed_passphrase_ends_what_the_session_can_open() {
    let env = Env::new();
    env.unlock("1m");
    let new = env.dir.path().join("new");
    fs::write(&new, "lantern orbit quietly seventy marble\n").unwrap();
    env.cmd().args(["passwd", "--new-passphrase-file"]).arg(&new).assert().success();
    env.no_pass().arg("list").assert().code(3).stderr(contains("no longer opens"));
}

/// Only the user who unlocked is served: another uid that reaches the socket (here because
/// its folder was opened up on purpose) gets no answer. Needs root to run as another uid.
#[test]
fn another_user_gets_nothing_from_the_agent() {
    require!("python3");
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        eprintln!("skipped: needs root to connect as another user");
        return;
    }
    let env = Env::new();
    env.unlock("1m");
    let socket = fs::read_dir(env.socket_dir()).unwrap().next().unwrap().unwrap().path();
    use std::os::unix::fs::PermissionsExt;
    for dir in [env.dir.path(), &env.runtime(), &env.socket_dir()] {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(&socket, fs::Permissions::from_mode(0o666)).unwrap();
    // A status request, framed as the agent expects: u32 length, then postcard of variant 1.
    // (An agent that refuses closes without reading: depending on timing the peer sees a
    // broken pipe while sending or a reset while reading; that is no answer too.)
    let probe = format!(
        "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect({:?})\ntry:\n\
         \x20   s.sendall(bytes([1,0,0,0,1]))\n    s.shutdown(socket.SHUT_WR)\n    n=len(s.recv(100))\n\
         except (ConnectionResetError, BrokenPipeError):\n    n=0\nsys.stdout.write(str(n))",
        socket.to_str().unwrap()
    );
    let as_root = std::process::Command::new("python3").args(["-c", &probe]).output().unwrap();
    let answered: usize = String::from_utf8_lossy(&as_root.stdout).parse().unwrap();
    assert!(answered > 0, "the owner gets an answer: {as_root:?}");
    let mut as_nobody = std::process::Command::new("python3");
    std::os::unix::process::CommandExt::uid(&mut as_nobody, 65534);
    let out = as_nobody.args(["-c", &probe]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0", "another uid was answered");
}

/// The agent holds the key in memory for minutes: it must never write a core dump. Tried for
/// real: the agent is started with core dumps allowed (as a careless shell profile would),
/// then killed with SIGABRT, whose default action dumps core. A plain process started the same
/// way shows that this system does write core files into the working folder; where it does
/// not (core_pattern sends them elsewhere), the attempt proves nothing and is skipped.
#[test]
fn the_agent_cannot_dump_core() {
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    let with_cores_allowed = |program: &str, folder: &std::path::Path| {
        fs::create_dir_all(folder).unwrap();
        let mut command = std::process::Command::new(program);
        command.current_dir(folder);
        // SAFETY: setrlimit is async-signal-safe.
        unsafe {
            command.pre_exec(|| {
                let unlimited = libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY };
                libc::setrlimit(libc::RLIMIT_CORE, &unlimited);
                Ok(())
            });
        }
        command
    };
    let cores = |folder: &std::path::Path| {
        fs::read_dir(folder).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with("core")).count()
    };
    let killed_by_abort = |pid: u32| {
        // SAFETY: kill with a pid of a child of this test and a valid signal.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGABRT) };
    };

    let control = env.dir.path().join("control");
    let mut sleeper = with_cores_allowed("sleep", &control).arg("30").spawn().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    killed_by_abort(sleeper.id());
    sleeper.wait().unwrap();
    if cores(&control) == 0 {
        eprintln!("skipped: this system writes no core files into the working folder");
        return;
    }

    let folder = env.dir.path().join("agent");
    let mut agent = with_cores_allowed(env!("CARGO_BIN_EXE_clipvault"), &folder);
    let out = env
        .environment(&mut agent)
        .arg("--vault")
        .arg(&env.vault)
        .arg("--passphrase-file")
        .arg(&env.pass)
        .args(["unlock", "--for", "1m"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let agent = env.agent_pid();
    let cwd = fs::read_link(format!("/proc/{agent}/cwd")).unwrap();
    killed_by_abort(agent);
    wait_until("the agent is gone", || {
        !std::path::Path::new(&format!("/proc/{agent}/cmdline")).exists()
            || fs::read(format!("/proc/{agent}/cmdline")).is_ok_and(|c| c.is_empty())
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(cores(&cwd), 0, "the agent wrote a core file into {}", cwd.display());
    assert_eq!(cores(&folder), 0, "the agent wrote a core file");
}

/// `--passphrase-command`: the passphrase from what a command prints (a password manager,
/// termux-fingerprint with termux-keystore), never from an argument or a file of ours.
#[test]
fn the_passphrase_can_come_from_a_command() {
    let env = Env::new();
    let command = format!("printf '%s\\n' '{PASS}'");
    env.no_pass().args(["--passphrase-command", &command, "list"]).assert().success().stdout(contains("a.txt"));
    env.no_pass().env("CLIPVAULT_PASSPHRASE_COMMAND", &command).args(["unlock", "--for", "1m"]).assert().success();
    env.no_pass().arg("list").assert().success().stderr(contains("unlocked session"));
    env.no_pass().arg("lock").assert().success();
    env.no_pass()
        .args(["--passphrase-command", "false", "list"])
        .assert()
        .code(1)
        .stderr(contains("passphrase command failed"));
    env.no_pass().args(["--passphrase-command", "echo wrong words here", "list"]).assert().code(3);
}

/// A command run through the session is not in the caller's terminal's process group; Ctrl-C
/// (here SIGINT to the caller) still reaches it and the viewer it started.
#[test]
fn ctrl_c_reaches_a_command_run_through_the_session() {
    let env = Env::new();
    env.unlock("1m");
    let marker = env.dir.path().join("viewer-ran");
    let viewer = format!("touch {} && sleep 30", marker.display());
    let mut caller = env
        .program_on(&env.vault, None)
        .args(["view", "a.txt", "--with", &viewer])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the viewer starts", || marker.exists());
    let started = Instant::now();
    // SAFETY: kill with the caller's pid and a valid signal number.
    unsafe { libc::kill(caller.id() as libc::pid_t, libc::SIGINT) };
    let status = caller.wait().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "the viewer kept running");
    assert!(!status.success());
    // The session is still there for the next command.
    env.no_pass().arg("list").assert().success();
}

/// The agent answers while a command it runs is still running (a gallery open for minutes,
/// say): `status` answers, and `panic` and `lock` end the session at once, ending that command
/// too, instead of waiting for it.
#[test]
fn status_lock_and_panic_answer_while_a_command_runs_through_the_session() {
    // The add has 500 ms to start; lock and panic answer within 5 s.
    let _quiet = quiet();
    for ender in ["lock", "panic"] {
        let env = Env::new();
        env.unlock("1m");
        // An add through the session that waits for its standard input.
        let mut slow = env.program_on(&env.vault, None);
        slow.args(["add", "-", "--name", "slow"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut slow = slow.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(500));
        let started = Instant::now();
        assert!(env.status().starts_with("unlocked"), "status answers during the run");
        let mut end = env.no_pass();
        if ender == "panic" {
            end.args(["panic", "--yes"]);
        } else {
            end.arg("lock");
        }
        end.timeout(Duration::from_secs(20)).assert().success();
        assert!(started.elapsed() < Duration::from_secs(5), "{ender} took {:?}", started.elapsed());
        let status = slow.wait().unwrap();
        assert!(!status.success(), "{ender}: the command run through the session was ended");
        assert!(!env.agent_running(), "{ender}: the session is over");
    }
}

/// An agent that does not answer (stopped here with SIGSTOP) holds neither `panic` up nor its
/// key past it: panic waits two seconds for an answer, then kills it.
#[test]
fn panic_ends_an_agent_that_does_not_answer() {
    // panic within 8 s, of which it waits 2.
    let _quiet = quiet();
    let env = Env::new();
    env.unlock("1m");
    let agent = env.agent_pid();
    // SAFETY: kill with the pid of the agent this test started.
    unsafe { libc::kill(agent as libc::pid_t, libc::SIGSTOP) };
    let started = Instant::now();
    env.no_pass().args(["panic", "--yes"]).timeout(Duration::from_secs(20)).assert().success();
    assert!(started.elapsed() < Duration::from_secs(8), "panic took {:?}", started.elapsed());
    let state = fs::read_to_string(format!("/proc/{agent}/stat")).unwrap_or_default();
    // Gone, or a zombie waiting for its parent.
    assert!(state.is_empty() || state.split(") ").nth(1).is_some_and(|s| s.starts_with('Z')), "{state}");
}

/// `unlock` words: a plain number is minutes (it was refused with a hint of `2sec`), a
/// duration past 12 h says it was capped (it silently became 720 min), and `unlock` while
/// unlocked says so without asking for the passphrase first.
#[test]
fn unlock_takes_minutes_says_a_cap_and_asks_nothing_when_unlocked() {
    let env = Env::new();
    let said = env.cmd().args(["unlock", "--for", "13h"]).assert().success().get_output().stderr.clone();
    let said = String::from_utf8(said).unwrap();
    assert!(said.contains("unlocked for 720 min (13h asked; 12 h is the longest"), "{said}");
    // No passphrase given, no terminal: it answers from the session alone.
    env.no_pass().arg("unlock").assert().success().stderr(contains("already unlocked"));
    env.no_pass().arg("lock").assert().success();
    env.cmd().args(["unlock", "--for", "2"]).assert().success().stderr(contains("unlocked for 2 min"));
    env.no_pass().arg("lock").assert().success();
}
