//! The phone, in a made-up Termux: a HOME with `~/bin`, `~/.shortcuts`, `~/downloads` and
//! `~/storage/shared`, `TERMUX_VERSION` and `PREFIX` set, and fake Termux:API tools on PATH
//! that behave like the real ones (termux-api's scripts): `termux-camera-photo [-c ID] FILE`
//! writes a JPEG to FILE; `termux-microphone-record -f FILE -l N` starts a recording into
//! FILE and returns at once, `-q` stops it. Each records its arguments.

use crate::fixture::require;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "correct horse battery staple";

struct Phone {
    _dir: tempfile::TempDir,
    home: PathBuf,
    vault: PathBuf,
    tools: PathBuf,
}

impl Phone {
    fn new() -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        for sub in ["bin", ".shortcuts", "downloads", "storage/shared/DCIM/Camera"] {
            std::fs::create_dir_all(home.join(sub)).unwrap();
        }
        let tools = dir.path().join("tools");
        std::fs::create_dir_all(&tools).unwrap();
        std::fs::write(dir.path().join("pass"), format!("{PASSPHRASE}\n")).unwrap();
        let vault = home.join("vault.clipvault");
        let phone = Phone { home, vault, tools, _dir: dir };
        phone.media("photo.jpg", &["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1"]);
        phone.media("voice.m4a", &["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]);
        phone.tool("termux-camera-photo", CAMERA);
        phone.tool("termux-microphone-record", MICROPHONE);
        let init = phone.clipvault().arg("init").output().unwrap();
        assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
        phone
    }

    /// A media file made by ffmpeg in the tools folder, where the fake tools copy it from.
    fn media(&self, name: &str, input: &[&str]) {
        let made = Command::new("ffmpeg")
            .args(["-v", "error", "-y"])
            .args(input)
            .arg(self.tools.join(name))
            .output()
            .expect("ffmpeg (.ci/run installs it)");
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }

    fn tool(&self, name: &str, script: &str) {
        let path = self.tools.join(name);
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// clipvault as a Termux session runs it: HOME, PREFIX, TERMUX_VERSION, the tools on PATH.
    fn clipvault(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clipvault"));
        self.termux_env(&mut command);
        command
    }

    fn termux_env(&self, command: &mut Command) {
        let path = format!("{}:{}", self.tools.display(), std::env::var("PATH").unwrap_or_default());
        command
            .env("HOME", &self.home)
            .env("PREFIX", self.home.join("usr"))
            .env("TERMUX_VERSION", "0.118.1")
            .env("PATH", path)
            .env("CLIPVAULT_VAULT", &self.vault)
            .env("CLIPVAULT_PASSPHRASE_FILE", self._dir.path().join("pass"))
            .env("TOOLS", &self.tools)
            .env_remove("CLIPVAULT_LANG")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null());
    }

    fn items(&self) -> Vec<serde_json::Value> {
        let out = self.clipvault().args(["list", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().clone()
    }

    fn capture_folder(&self) -> PathBuf {
        self.home.join(".cache/clipvault/capture")
    }

    fn tool_log(&self) -> String {
        std::fs::read_to_string(self.tools.join("calls.log")).unwrap_or_default()
    }
}

/// termux-camera-photo: `[-c ID] FILE`, writes the photo to FILE.
const CAMERA: &str = r#"#!/bin/sh
echo "termux-camera-photo $*" >> "$TOOLS/calls.log"
while [ $# -gt 1 ]; do shift; done
cp "$TOOLS/photo.jpg" "$1"
[ -n "$SLOW_CAMERA" ] && sleep 30
exit 0
"#;

/// termux-microphone-record: `-f FILE -l N` starts recording into FILE and returns at once;
/// `-q` stops the recording.
const MICROPHONE: &str = r#"#!/bin/sh
echo "termux-microphone-record $*" >> "$TOOLS/calls.log"
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    -f) file="$2"; shift ;;
    -q) echo "Recording finished" ; exit 0 ;;
  esac
  shift
done
cp "$TOOLS/voice.m4a" "$file"
echo "Recording started: $file"
"#;

fn output_text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn setup_writes_runnable_hooks_that_share_into_the_vault_and_remove_takes_them_back() {
    require!("ffmpeg");
    let phone = Phone::new();
    let editor = phone.home.join("bin/termux-file-editor");
    let theirs = "#!/bin/sh\necho \"$1\" >> \"$HOME/their-hook.log\"\n";
    std::fs::write(&editor, theirs).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();

    let setup = phone.clipvault().args(["termux", "setup", "--yes"]).output().unwrap();
    assert!(setup.status.success(), "{}", output_text(&setup));
    let panic_task = phone.home.join(".shortcuts/tasks/clipvault-panic");
    let gallery = phone.home.join(".shortcuts/clipvault-gallery");
    for hook in [&editor, &panic_task, &gallery] {
        let mode = std::fs::metadata(hook).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "{} is not a private executable", hook.display());
        assert!(std::fs::read_to_string(hook).unwrap().contains("clipvault termux setup --remove"));
    }
    assert_eq!(std::fs::read_to_string(phone.home.join("bin/termux-file-editor.before-clipvault")).unwrap(), theirs);

    // A photo shared from another app: Termux copies it to ~/downloads and runs the hook.
    let shared = phone.home.join("downloads/IMG-20261205-WA0003.jpg");
    std::fs::copy(phone.tools.join("photo.jpg"), &shared).unwrap();
    let mut share = Command::new("sh");
    phone.termux_env(&mut share);
    let out = share.arg(&editor).arg(&shared).stdin(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(output_text(&out).contains("IMG-20261205-WA0003.jpg"), "{}", output_text(&out));
    assert!(!shared.exists(), "the shared copy stayed in ~/downloads");
    let items = phone.items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "IMG-20261205-WA0003.jpg");
    // Anything else goes to the person's own hook, untouched.
    let document = phone.home.join("downloads/contract.pdf");
    std::fs::write(&document, b"%PDF-1.4").unwrap();
    let mut share = Command::new("sh");
    phone.termux_env(&mut share);
    assert!(share.arg(&editor).arg(&document).output().unwrap().status.success());
    assert!(std::fs::read_to_string(phone.home.join("their-hook.log")).unwrap().contains("contract.pdf"));
    assert!(document.exists());
    assert_eq!(phone.items().len(), 1);

    // The panic button: no terminal, no question; afterwards nothing opens the vault.
    let mut button = Command::new("sh");
    phone.termux_env(&mut button);
    assert!(button.arg(&panic_task).output().unwrap().status.success());
    assert_eq!(phone.clipvault().arg("list").output().unwrap().status.code(), Some(3));

    let remove = phone.clipvault().args(["termux", "setup", "--remove"]).output().unwrap();
    assert!(remove.status.success(), "{}", output_text(&remove));
    assert!(!panic_task.exists() && !gallery.exists());
    assert_eq!(std::fs::read_to_string(&editor).unwrap(), theirs, "their own hook was not put back");
    assert!(!phone.home.join("bin/termux-file-editor.before-clipvault").exists());
}

#[test]
fn setup_outside_termux_says_so() {
    require!("ffmpeg");
    let phone = Phone::new();
    let out = phone.clipvault().env_remove("TERMUX_VERSION").args(["termux", "setup", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", output_text(&out));
    assert!(output_text(&out).contains("not Termux"));
    assert!(!phone.home.join(".shortcuts/tasks").exists());
}

#[test]
fn captures_go_into_the_vault_and_never_touch_shared_storage() {
    require!("ffmpeg");
    let phone = Phone::new();
    let photo = phone.clipvault().args(["capture", "photo", "--camera", "1"]).output().unwrap();
    assert!(photo.status.success(), "{}", output_text(&photo));
    let voice = phone.clipvault().args(["capture", "voice", "--seconds", "1"]).output().unwrap();
    assert!(voice.status.success(), "{}", output_text(&voice));
    let items = phone.items();
    let types: Vec<&str> = items.iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(types[0].starts_with("image/"), "{types:?}");
    assert!(types[1].starts_with("audio/") || types[1] == "video/mp4", "{types:?}");
    let log = phone.tool_log();
    assert!(log.contains("termux-camera-photo -c 1 "), "{log}");
    assert!(log.contains("termux-microphone-record -q"), "{log}");
    for line in log.lines() {
        assert!(
            !line.contains("storage/shared") && !line.contains("/sdcard"),
            "a tool was given shared storage: {line}"
        );
    }
    assert!(log.contains(".cache/clipvault/capture/"), "{log}");
    let mode = std::fs::metadata(phone.capture_folder()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    assert_eq!(std::fs::read_dir(phone.capture_folder()).unwrap().count(), 0, "a capture was left behind");
    assert_eq!(std::fs::read_dir(phone.home.join("storage/shared/DCIM/Camera")).unwrap().count(), 0);
}

#[test]
fn a_sigterm_during_a_capture_leaves_nothing() {
    require!("ffmpeg");
    let phone = Phone::new();
    for (kind, slow) in [("photo", true), ("voice", false)] {
        let mut capture = phone.clipvault();
        capture.args(["capture", kind]);
        if kind == "voice" {
            capture.args(["--seconds", "60"]);
        }
        if slow {
            capture.env("SLOW_CAMERA", "1");
        }
        let mut child = capture.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        // Until the tool has written into the private folder.
        let start = Instant::now();
        while std::fs::read_dir(phone.capture_folder()).map_or(0, |d| d.count()) == 0 {
            assert!(start.elapsed() < Duration::from_secs(20), "{kind}: the tool never wrote");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        assert!(Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap().success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(143), "{kind}");
        assert_eq!(std::fs::read_dir(phone.capture_folder()).unwrap().count(), 0, "{kind}: a capture stayed");
        if kind == "voice" {
            assert!(phone.tool_log().contains("termux-microphone-record -q"), "the recording was not stopped");
        }
    }
    assert!(phone.items().is_empty());
}

/// What a capture left (a phone that died mid-capture) is wiped by the next one.
#[test]
fn the_next_capture_sweeps_what_a_killed_one_left() {
    require!("ffmpeg");
    let phone = Phone::new();
    std::fs::create_dir_all(phone.capture_folder()).unwrap();
    let left = phone.capture_folder().join("photo-20261205-010203.jpg");
    std::fs::write(&left, b"a photo that never reached the vault").unwrap();
    let out = phone.clipvault().args(["capture", "photo"]).output().unwrap();
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(!left.exists());
    assert_eq!(phone.items().len(), 1);
}
