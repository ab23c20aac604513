//! The README's tour, run as written: every shell command of its "A short tour" section, in
//! order, in one fresh home folder, must succeed, so a tour that cannot work fails the build
//! (the walkthrough found one that tagged `evidence`, listed by a tag it could not find, and
//! used a recovery key after `key rotate` had retired it).
//!
//! What a person brings, the harness brings: the media files the tour names (made by ffmpeg),
//! the typing at a prompt (through a real pseudo-terminal, `script`: each answer once the
//! command waits for it), and stand-ins for what is outside clipvault (a viewer, a browser
//! opener, `termux-keystore`, `some-recorder`). Placeholders become the real thing: an id from
//! `list` or `key list`, an age recipient. A command that runs until stopped (`serve`) gets
//! Ctrl-C once it serves.

use crate::fixture::{self, CliEnv, PASS, require};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const NEW: &str = "lantern orbit quietly seventy marble";
const NEWER: &str = "velvet harbor sixty quiet lantern";
const DECOY: &str = "meadow copper ninety umbrella wolf";
const SAFE: &str = "copper wolf umbrella ninety meadow";

/// The shell commands of the tour, in order (a heredoc kept with its command).
fn tour_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## A short tour").expect("the README has a tour");
    let end = readme[start + 3..].find("\n## ").map_or(readme.len(), |e| start + 3 + e);
    let mut commands = Vec::new();
    let (mut in_sh, mut heredoc): (bool, Option<(String, String)>) = (false, None);
    for line in readme[start..end].lines() {
        if let Some((text, end_word)) = &mut heredoc {
            text.push('\n');
            text.push_str(line);
            if line.trim() == end_word {
                commands.push(heredoc.take().unwrap().0);
            }
            continue;
        }
        match line.trim_start() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if !in_sh || l.is_empty() || l.starts_with('#') => {}
            l => match l.split_once("<<'") {
                Some((_, rest)) => heredoc = Some((l.to_string(), rest.split('\'').next().unwrap().to_string())),
                None => commands.push(l.to_string()),
            },
        }
    }
    commands
}

/// The person's home: the fixture's folder, its passphrase file `pass`.
struct Tour {
    env: CliEnv,
}

impl Tour {
    fn path(&self, name: &str) -> PathBuf {
        self.env.path(name)
    }

    /// `bash -c line` in the home folder, with clipvault and the stand-ins first on PATH.
    fn bash(&self, line: &str, with_pass: bool) -> Command {
        let mut bash = Command::new("bash");
        let path = format!("{}:{}", self.path("bin").display(), std::env::var("PATH").unwrap_or_default());
        // The data folder is the default one, under HOME, as the tour's person has it.
        self.env
            .environment(&mut bash)
            .arg("-c")
            .arg(line)
            .current_dir(self.env.dir.path())
            .env("PATH", path)
            .env_remove("XDG_DATA_HOME")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("TERM", "xterm-256color");
        if with_pass {
            bash.env("CLIPVAULT_PASSPHRASE_FILE", &self.env.pass);
        }
        bash
    }

    fn out(&self, line: &str) -> String {
        let out = self.bash(line, true).stdin(std::process::Stdio::null()).output().unwrap();
        assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// The id (first 8 digits) of the key on the `nth` line of `key list` matching `kind`.
    fn key_id(&self, kind: &str, nth: usize) -> String {
        let list = self.out("clipvault key list");
        let line = list.lines().skip(1).filter(|l| l.contains(kind)).nth(nth).unwrap_or_else(|| panic!("{list}"));
        line.split_whitespace().next().unwrap().to_string()
    }
}

/// How the tour's person runs one command.
#[derive(Default)]
struct Way {
    /// Typed at a terminal, through a pseudo-terminal: each answer once the command asks
    /// (see [`Running::wait_until_asked`]).
    typed: Option<Vec<&'static str>>,
    /// Whether the passphrase comes from the file (else it is typed, or not needed).
    no_pass_file: bool,
    /// Ctrl-C once it serves, its link printed (a command that runs until stopped).
    stopped: bool,
    /// A full-screen program (the gallery), which redraws its screen and so is never still:
    /// the first answer once it has drawn a screen (`ESC[?25l` ends a frame). Before that it
    /// may ask the terminal what it can show and wait 2 s for an answer this terminal never
    /// gives; that question is no prompt, and a key typed while it waits is taken for the
    /// answer.
    full_screen: bool,
}

/// A command of the tour running, its output gathered as it comes.
struct Running {
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Running {
    fn start(mut command: Command) -> Running {
        let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let (stdout, stderr) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Mutex::new(Vec::new())));
        let gather = |mut from: Box<dyn Read + Send>, into: Arc<Mutex<Vec<u8>>>| {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = from.read(&mut buf) {
                    into.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            })
        };
        let readers = vec![
            gather(Box::new(child.stdout.take().unwrap()), stdout.clone()),
            gather(Box::new(child.stderr.take().unwrap()), stderr.clone()),
        ];
        Running { child, stdout, readers, stderr }
    }

    fn shown(&self) -> Vec<u8> {
        self.stdout.lock().unwrap().clone()
    }

    /// Whether it has ended (then there is nothing to wait for: its status says the rest).
    fn ended(&mut self) -> bool {
        self.child.try_wait().unwrap().is_some()
    }

    /// Waits until what was shown since the first `since` bytes is a question waiting for
    /// its answer: it ends within a line (a prompt, not a finished line) and nothing more
    /// came for 300 ms.
    fn wait_until_asked(&mut self, since: usize, what: &str) {
        let started = Instant::now();
        let (mut len, mut still_since) = (0, Instant::now());
        while !self.ended() {
            std::thread::sleep(Duration::from_millis(25));
            let shown = self.shown();
            if shown.len() != len {
                (len, still_since) = (shown.len(), Instant::now());
            } else if len > since && shown.last() != Some(&b'\n') && still_since.elapsed() >= Duration::from_millis(300)
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "`{what}` asked nothing within a minute; it showed:\n{}",
                String::from_utf8_lossy(&shown)
            );
        }
    }

    /// Waits until a full-screen program has drawn its screen (a frame ends with `ESC[?25l`)
    /// after any question it asked the terminal (a status request, `ESC[5n`, ends one).
    fn wait_until_drawn(&mut self, what: &str) {
        let started = Instant::now();
        while !self.ended() {
            let shown = String::from_utf8_lossy(&self.shown()).into_owned();
            let asked = shown.rfind("\x1b[5n").map_or(0, |at| at + 4);
            if shown[asked..].contains("\x1b[?25l") {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "`{what}` never drew a screen");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `text` was shown.
    fn wait_for(&mut self, text: &str, what: &str) {
        let started = Instant::now();
        while !self.ended() && !String::from_utf8_lossy(&self.shown()).contains(text) {
            assert!(started.elapsed() < Duration::from_secs(60), "`{what}` never showed {text:?}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types `text` and Enter, as a terminal sends them (into nothing if it has ended).
    fn type_line(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        let _ = stdin.write_all(format!("{text}\r").as_bytes()).and_then(|()| stdin.flush());
    }

    /// Closes its standard input and waits for it to end.
    fn finish(mut self) -> Output {
        drop(self.child.stdin.take());
        let status = self.child.wait().unwrap();
        for reader in self.readers {
            reader.join().unwrap();
        }
        let stdout = std::mem::take(&mut *self.stdout.lock().unwrap());
        let stderr = std::mem::take(&mut *self.stderr.lock().unwrap());
        Output { status, stdout, stderr }
    }
}

fn way(tour: &Tour, command: &mut String) -> Way {
    let typed = |answers: &[&'static str]| Some(answers.to_vec());
    let replace = |command: &mut String, from: &str, to: &str| *command = command.replace(from, to);
    let recipient = std::fs::read_to_string(tour.path("key.txt"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_string))
        .unwrap();
    replace(command, "age1...", &recipient);
    let c = command.clone();
    match c.split('#').next().unwrap().trim_end() {
        "clipvault init --generate" => {
            // The alternative to the line before: for another vault.
            replace(command, "clipvault init", "CLIPVAULT_VAULT=~/second.clipvault clipvault init");
            Way { no_pass_file: true, ..Way::default() }
        }
        l if l.starts_with("clipvault view 3f2a9c1b") => {
            let list = tour.out("clipvault list --json");
            let items: serde_json::Value = serde_json::from_str(&list).unwrap();
            let id = items.as_array().unwrap().iter().find(|i| i["name"] == "VID_2024.mp4").unwrap()["id"].clone();
            replace(command, "3f2a9c1b", &id.as_str().unwrap()[..8]);
            Way::default()
        }
        "clipvault shred beach.jpg" | "clipvault compact" | "clipvault wipe old-copy.mp4" | "clipvault key rotate" => {
            Way { typed: typed(&["y"]), ..Way::default() }
        }
        "clipvault passwd" => Way { typed: typed(&[PASS, NEW, NEW]), no_pass_file: true, ..Way::default() },
        l if l.starts_with("clipvault gallery") => Way { typed: typed(&["q"]), full_screen: true, ..Way::default() },
        l if l.starts_with("clipvault serve") => Way { stopped: true, ..Way::default() },
        l if l.starts_with("clipvault key add --compartment") => {
            // 2M for the test's 2G: the same command, a smaller reserve.
            replace(command, "--reserve 2G", "--reserve 2M");
            Way { typed: typed(&["", DECOY, DECOY]), ..Way::default() }
        }
        "clipvault add cat.jpg" => Way { typed: typed(&[DECOY]), no_pass_file: true, ..Way::default() },
        "clipvault key add --label 'in the safe'" => Way { typed: typed(&[SAFE, SAFE]), ..Way::default() },
        "clipvault key remove 3f9a1c02" => {
            replace(command, "3f9a1c02", &tour.key_id("in the safe", 0));
            Way { typed: typed(&["y"]), ..Way::default() }
        }
        "clipvault --identity recovery.txt passwd" => {
            Way { typed: typed(&[NEWER, NEWER]), no_pass_file: true, ..Way::default() }
        }
        "clipvault key remove 9c04e7b1" => {
            // The old recovery key: the first of the two.
            replace(command, "9c04e7b1", &tour.key_id("recovery", 0));
            Way { typed: typed(&["y"]), ..Way::default() }
        }
        "clipvault panic" => Way { typed: typed(&["PANIC"]), ..Way::default() },
        l if l.starts_with("clipvault evidence check") => {
            let fingerprint = tour.out("clipvault evidence key").lines().next().unwrap_or_default().to_string();
            replace(command, "SHA256:...", &fingerprint);
            Way::default()
        }
        _ => Way::default(),
    }
}

/// The files the tour's commands name, as a person would have them.
fn bring_media(tour: &Tour) {
    let media = |name: &str, args: &[&str]| fixture::ffmpeg(args, &tour.path(name));
    std::fs::create_dir_all(tour.path("Camera")).unwrap();
    let video = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-t", "1", "-pix_fmt", "yuv420p"];
    let photo = ["-f", "lavfi", "-i", "testsrc2=size=160x120", "-frames:v", "1"];
    for name in ["VID_2024.mp4", "Camera/secret.mp4", "Camera/clip.mp4", "Camera/video.mp4", "old-copy.mp4"] {
        media(name, &video);
    }
    for name in ["Camera/IMG_2231.jpg", "Camera/beach.jpg", "Camera/photo.jpg", "threat.png", "cat.jpg"] {
        media(name, &photo);
    }
    media("voice-note.ogg", &["-f", "lavfi", "-i", "sine=frequency=300", "-t", "1", "-c:a", "libopus"]);
    let keygen = Command::new("age-keygen").arg("-o").arg(tour.path("key.txt")).output().expect("age-keygen");
    assert!(keygen.status.success());
    std::fs::write(tour.path("voice.ogg"), b"a voice note").unwrap();
    let sealed = Command::new("age")
        .args(["-e", "-i"])
        .arg(tour.path("key.txt"))
        .arg("-o")
        .arg(tour.path("voice.ogg.age"))
        .arg(tour.path("voice.ogg"))
        .output()
        .expect("age");
    assert!(sealed.status.success(), "{}", String::from_utf8_lossy(&sealed.stderr));
}

/// Stand-ins for what is outside clipvault, first on PATH.
fn bring_tools(tour: &Tour) {
    use std::os::unix::fs::PermissionsExt;
    let bin = tour.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_clipvault"), bin.join("clipvault")).unwrap();
    let tool = |name: &str, body: &str| {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    // A viewer that reads what it is given and shows nothing.
    for viewer in ["mpv", "feh"] {
        tool(viewer, "for f; do case \"$f\" in -*) ;; *) cat \"$f\" > /dev/null ;; esac; done");
    }
    tool("xdg-open", "exit 0");
    // Hands out the passphrase as it is now (the tour changes it).
    tool("termux-keystore", "cat \"$HOME/pass\"");
    tool("some-recorder", "head -c 20000 /dev/urandom");
    if Command::new("sh").args(["-c", "command -v man"]).output().is_ok_and(|o| !o.status.success()) {
        tool("man", "cat > /dev/null");
    }
}

#[test]
fn every_command_of_the_readme_tour_works_in_order() {
    require!("ffmpeg", "age", "age-keygen", "script");
    let tour = Tour { env: CliEnv::empty() };
    bring_tools(&tour);
    bring_media(&tour);
    let commands = tour_commands();
    assert!(commands.len() > 40, "{commands:?}");
    for mut command in commands {
        let started = Instant::now();
        let way = way(&tour, &mut command);
        let with_pass = !way.no_pass_file;
        let out = if way.stopped {
            // It runs until stopped: Ctrl-C (SIGINT) once its link is out.
            let mut running = Running::start(tour.bash(&format!("exec {command}"), with_pass));
            running.wait_for("http://127.0.0.1:", &command);
            // SAFETY: kill with the pid of the child just started (bash, become clipvault
            // by exec) and a valid signal number.
            unsafe { libc::kill(running.child.id() as libc::pid_t, libc::SIGINT) };
            running.finish()
        } else if let Some(answers) = &way.typed {
            // Each answer once it is asked for; the terminal stays open until the command
            // ends.
            let quoted = command.replace('\'', r"'\''");
            let mut running = Running::start(tour.bash(&format!("script -qefc '{quoted}' /dev/null"), with_pass));
            let mut answered = 0;
            for (i, answer) in answers.iter().enumerate() {
                if way.full_screen && i == 0 {
                    running.wait_until_drawn(&command);
                } else {
                    running.wait_until_asked(answered, &command);
                }
                answered = running.shown().len();
                running.type_line(answer);
            }
            running.finish()
        } else {
            tour.bash(&command, with_pass).stdin(Stdio::null()).output().unwrap()
        };
        assert!(
            out.status.success(),
            "the tour's `{command}` failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("{:>6.1} s  {}", started.elapsed().as_secs_f64(), command.split("  #").next().unwrap_or(""));
        if command.starts_with("clipvault passwd") {
            std::fs::write(&tour.env.pass, format!("{NEW}\n")).unwrap();
        }
        if command.starts_with("clipvault --identity recovery.txt passwd") {
            std::fs::write(&tour.env.pass, format!("{NEWER}\n")).unwrap();
        }
    }
    // The end of the tour: panic, and the file gone.
    assert!(!tour.path(".local/share/clipvault/vault.clipvault").exists());
}
