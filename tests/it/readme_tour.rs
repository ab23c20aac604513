//! The README's tour, run as written: every shell command of its "A short tour" section, in
//! order, in one fresh home folder, must succeed, so a tour that cannot work fails the build
//! (the walkthrough found one that tagged `evidence`, listed by a tag it could not find, and
//! used a recovery key after `key rotate` had retired it).
//!
//! What a person brings, the harness brings: the media files the tour names (made by ffmpeg),
//! the typing at a prompt (through a real pseudo-terminal, `script`), and stand-ins for what
//! is outside clipvault (a viewer, a browser opener, `termux-keystore`, `some-recorder`).
//! Placeholders become the real thing: an id from `list` or `key list`, an age recipient.
//! A command that runs until stopped (`serve`) gets Ctrl-C after a few seconds.

use std::path::{Path, PathBuf};
use std::process::Command;

const PASS: &str = "tulip seventeen harbor gravel";
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

struct Tour {
    home: tempfile::TempDir,
    pass: PathBuf,
}

impl Tour {
    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    /// `bash -c line` in the home folder, with clipvault and the stand-ins first on PATH.
    fn bash(&self, line: &str, with_pass: bool) -> Command {
        let mut bash = Command::new("bash");
        crate::fixture::without_clipvault_env(&mut bash);
        let path = format!("{}:{}", self.path("bin").display(), std::env::var("PATH").unwrap_or_default());
        bash.arg("-c")
            .arg(line)
            .current_dir(self.home.path())
            .env("HOME", self.home.path())
            .env("PATH", path)
            .env("XDG_RUNTIME_DIR", self.path("run"))
            .env_remove("XDG_DATA_HOME")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("TERM", "xterm-256color");
        if with_pass {
            bash.env("CLIPVAULT_PASSPHRASE_FILE", &self.pass);
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
    /// Typed at a terminal: each answer after a pause, through a pseudo-terminal.
    typed: Option<Vec<&'static str>>,
    /// Whether the passphrase comes from the file (else it is typed, or not needed).
    no_pass_file: bool,
    /// Ctrl-C after this many seconds (a command that runs until stopped).
    stopped_after: Option<u32>,
    /// Seconds before the first answer, if not 2 (the gallery first asks the terminal what
    /// it can show, and waits 2 s for an answer that this terminal never gives).
    first_pause: Option<u32>,
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
        l if l.starts_with("clipvault gallery") => Way { typed: typed(&["q"]), first_pause: Some(5), ..Way::default() },
        l if l.starts_with("clipvault serve") => Way { stopped_after: Some(4), ..Way::default() },
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
    let media = |name: &str, args: &[&str]| crate::fixture::ffmpeg(args, &tour.path(name));
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
    tool("termux-keystore", "cat \"$HOME/.pass\"");
    tool("some-recorder", "head -c 20000 /dev/urandom");
    if Command::new("sh").args(["-c", "command -v man"]).output().is_ok_and(|o| !o.status.success()) {
        tool("man", "cat > /dev/null");
    }
}

#[test]
fn every_command_of_the_readme_tour_works_in_order() {
    let home = tempfile::tempdir().unwrap();
    let pass = home.path().join(".pass");
    std::fs::write(&pass, format!("{PASS}\n")).unwrap();
    let tour = Tour { home, pass };
    std::fs::create_dir_all(tour.path("run")).unwrap();
    bring_tools(&tour);
    bring_media(&tour);
    let commands = tour_commands();
    assert!(commands.len() > 40, "{commands:?}");
    for mut command in commands {
        let started = std::time::Instant::now();
        let way = way(&tour, &mut command);
        let mut line = command.clone();
        if let Some(seconds) = way.stopped_after {
            line = format!("timeout --preserve-status -s INT {seconds} {line}");
        }
        let out = match &way.typed {
            None => tour.bash(&line, !way.no_pass_file).stdin(std::process::Stdio::null()).output().unwrap(),
            Some(answers) => {
                // Each answer after a pause, as typed; the terminal stays open until the
                // command ends.
                let pause = |i: usize| if i == 0 { way.first_pause.unwrap_or(2) } else { 2 };
                let typing: String = answers
                    .iter()
                    .enumerate()
                    .map(|(i, a)| format!("sleep {}; printf '%s\\r' '{a}'; ", pause(i)))
                    .collect();
                let quoted = line.replace('\'', r"'\''");
                let script = format!("{{ {typing} }} | script -qefc '{quoted}' /dev/null");
                tour.bash(&script, !way.no_pass_file).stdin(std::process::Stdio::null()).output().unwrap()
            }
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
            std::fs::write(&tour.pass, format!("{NEW}\n")).unwrap();
        }
        if command.starts_with("clipvault --identity recovery.txt passwd") {
            std::fs::write(&tour.pass, format!("{NEWER}\n")).unwrap();
        }
    }
    // The end of the tour: panic, and the file gone.
    assert!(!tour.path(".local/share/clipvault/vault.clipvault").exists());
}
