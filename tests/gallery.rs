//! `clipvault gallery` in a real pseudo-terminal, watched through a terminal emulator
//! (`vt100`) fed with every byte the program writes: the grid shows the names, search narrows
//! it, Enter shows an image, q quits; and afterwards neither the screen nor the scrollback
//! holds an item name.

mod cli_support;

use cli_support::CliEnv;
use rexpect::session::{PtySession, spawn_command};
use std::process::Command;
use std::time::{Duration, Instant};

/// The program's terminal as a person would see it.
struct Screen {
    session: PtySession,
    term: vt100::Parser,
    raw: Vec<u8>,
}

impl Screen {
    fn feed(&mut self, bytes: impl IntoIterator<Item = u8>) {
        for byte in bytes {
            self.raw.push(byte);
            self.term.process(&[byte]);
        }
    }

    /// Reads what the program wrote until `text` is on the emulated screen.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // rexpect hands each byte over as the char of the same number.
            while let Some(c) = self.session.try_read() {
                self.feed([c as u32 as u8]);
            }
            if self.term.screen().contents().contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared; the screen:\n{}",
                self.term.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Keys as a person types them: written out at once.
    fn keys(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_gallery_shows_searches_opens_and_leaves_nothing_behind() {
    let env = CliEnv::new();
    let image = env.path("beach-secret.png");
    cli_support::ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1"], &image);
    env.add(&image);
    env.add(&env.write("diary-private.txt", b"dear diary"));
    // A terminal of a known size (the pty starts at 0 x 0), then the gallery.
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "stty cols 100 rows 30; exec \"$0\" \"$@\""]).arg(env!("CARGO_BIN_EXE_clipvault"));
    cmd.arg("--vault").arg(&env.vault).arg("--passphrase-file").arg(&env.pass).arg("gallery");
    cmd.env("HOME", env.dir.path()).env("TERM", "xterm-256color").env_remove("CLIPVAULT_VAULT");
    let session = spawn_command(cmd, Some(30_000)).unwrap();
    let size = |n: u16| std::num::NonZero::new(n).unwrap();
    let mut screen = Screen { session, term: vt100::Parser::new(size(30), size(100), 10_000), raw: vec![] };

    screen.wait_for("beach-secret.png");
    screen.wait_for("diary-private.txt");
    screen.wait_for("2 shown");
    assert!(screen.raw.windows(3).any(|w| w == "▀".as_bytes()), "the thumbnail is drawn with half-blocks");
    screen.keys("/");
    screen.keys("diary");
    screen.wait_for("search: diary_");
    screen.keys("\r");
    screen.wait_for("1 shown");
    assert!(!screen.term.screen().contents().contains("beach-secret.png"));
    // The image alone, opened: it fills the screen until a key.
    screen.keys("/");
    screen.keys("\x7f\x7f\x7f\x7f\x7fbeach\r");
    screen.wait_for("\"beach\"");
    screen.keys("\r");
    screen.wait_for("any key: back");
    assert!(!screen.term.screen().contents().contains("beach-secret.png"), "the image fills the screen");
    screen.keys("x");
    screen.wait_for("beach-secret.png");
    screen.keys("q");
    let rest = screen.session.exp_eof().unwrap();
    screen.feed(rest.chars().map(|c| c as u32 as u8));
    let said = String::from_utf8_lossy(&screen.raw).into_owned();
    assert!(said.contains("gallery closed"), "{said}");

    // What the terminal shows afterwards, and what it keeps in its scrollback.
    let shown = screen.term.screen().contents();
    screen.term.screen_mut().set_scrollback(10_000);
    let scrollback = screen.term.screen().contents();
    for name in ["beach-secret", "diary-private"] {
        assert!(!shown.contains(name), "{name} is still on the screen:\n{shown}");
        assert!(!scrollback.contains(name), "{name} is in the scrollback:\n{scrollback}");
    }
    // The clearing sequence comes after the last time a name was drawn.
    let last_name = said.rfind("beach-secret").unwrap();
    assert!(said[last_name..].contains("\x1b[3J"), "the scrollback is cleared after the last name");
}

#[test]
fn the_gallery_needs_a_terminal() {
    let env = CliEnv::new();
    env.cmd().arg("gallery").assert().code(2).stderr(predicates::str::contains("needs a terminal"));
}
