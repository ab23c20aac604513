//! `clipvault gallery` in a real pseudo-terminal, watched through a terminal emulator
//! (`vt100`) fed with every byte the program writes: the grid shows the names, search narrows
//! it, Enter shows an image, q quits; and afterwards neither the screen nor the scrollback
//! holds an item name.

use crate::fixture::{self, CliEnv, quiet, require};
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

    /// The gallery on `env`'s vault, in a terminal of a known size (the pty starts at 0 x 0).
    fn gallery(env: &CliEnv, args: &[&str]) -> Screen {
        Screen::run(env, &[&["gallery"], args].concat())
    }

    /// clipvault with `args` on `env`'s vault, in a terminal of a known size.
    fn run(env: &CliEnv, args: &[&str]) -> Screen {
        Screen::run_sized(env, args, 100, 30)
    }

    /// The same in a terminal of `cols` x `rows`.
    fn run_sized(env: &CliEnv, args: &[&str], cols: u16, rows: u16) -> Screen {
        let mut cmd = Command::new("sh");
        env.environment(&mut cmd);
        let size = format!("stty cols {cols} rows {rows}; exec \"$0\" \"$@\"");
        cmd.args(["-c", &size]).arg(env!("CARGO_BIN_EXE_clipvault"));
        cmd.arg("--vault").arg(&env.vault).arg("--passphrase-file").arg(&env.pass).args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
        cmd.env_remove("TERM_PROGRAM").env_remove("LC_TERMINAL").env_remove("TMUX");
        let session = spawn_command(cmd, Some(30_000)).unwrap();
        let size = |n: u16| std::num::NonZero::new(n.max(1)).unwrap();
        Screen { session, term: vt100::Parser::new(size(rows), size(cols), 10_000), raw: vec![] }
    }

    /// Waits for the gallery's question of what the terminal can show (it ends with a status
    /// request, `ESC[5n`), and answers `reply` as a terminal would.
    fn answer_query(&mut self, reply: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.raw.windows(4).any(|w| w == b"\x1b[5n") {
            while let Some(c) = self.session.try_read() {
                self.feed([c as u32 as u8]);
            }
            assert!(Instant::now() < deadline, "the gallery asked nothing of the terminal");
            std::thread::sleep(Duration::from_millis(10));
        }
        self.keys(reply);
    }

    /// Presses q; returns everything the program wrote until it ended.
    fn quit(&mut self) -> String {
        self.keys("q");
        let rest = self.session.exp_eof().unwrap();
        self.feed(rest.chars().map(|c| c as u32 as u8));
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Keys as a person types them: written out at once.
    fn keys(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A vault holding one picture made by ffmpeg, named `name`.
fn vault_with_picture(name: &str) -> CliEnv {
    let env = CliEnv::new();
    let image = env.path(name);
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1"], &image);
    env.add(&image);
    env
}

#[test]
fn the_gallery_shows_searches_opens_and_leaves_nothing_behind() {
    require!("ffmpeg");
    let env = vault_with_picture("beach-secret.png");
    env.add(&env.write("diary-private.txt", b"dear diary"));
    let mut screen = Screen::gallery(&env, &[]);
    // The terminal answers what it can show like xterm: no graphics, so half-blocks.
    screen.answer_query("\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n");
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
    let said = screen.quit();
    assert!(said.contains("gallery closed"), "{said}");
    screen.assert_nothing_left(&said, &["beach-secret", "diary-private"]);
}

impl Screen {
    /// Neither the screen nor the scrollback holds any of `names` now, and the clearing
    /// sequence came after the last time one was drawn.
    fn assert_nothing_left(&mut self, said: &str, names: &[&str]) {
        let shown = self.term.screen().contents();
        self.term.screen_mut().set_scrollback(10_000);
        let scrollback = self.term.screen().contents();
        for name in names {
            assert!(!shown.contains(name), "{name} is still on the screen:\n{shown}");
            assert!(!scrollback.contains(name), "{name} is in the scrollback:\n{scrollback}");
            let last = said.rfind(name).unwrap();
            assert!(said[last..].contains("\x1b[3J"), "the scrollback is cleared after the last {name}");
        }
    }
}

/// A terminal that answers it has sixel (Termux, foot) gets the thumbnails as sixel pictures;
/// one that answers kitty's graphics query gets kitty pictures, and on the way out the
/// gallery deletes every one it sent (kitty keeps image data apart from the screen).
#[test]
fn terminals_with_graphics_get_sixel_or_kitty_pictures_and_forget_them() {
    require!("ffmpeg");
    let env = vault_with_picture("holiday-private.png");

    let mut screen = Screen::gallery(&env, &[]);
    // A long VT525-like answer (4: sixel) and the cell size, 10 x 20 pixels: more bytes than
    // one small read takes, as real terminals send.
    screen.answer_query("\x1b[?65;1;2;3;4;6;7;8;9;15;16;17;18;21;22;23;24;28;29;42;44;45;46c\x1b[6;20;10t\x1b[0n");
    screen.wait_for("1 shown");
    let said = screen.quit();
    let sixel = said.find("\x1bP").expect("a sixel picture was sent");
    assert!(said[sixel..].contains('q') && said[sixel..].contains("\x1b\\"), "a whole sixel sequence");
    assert!(!said.contains('▀'), "no half-blocks where sixel works");
    screen.assert_nothing_left(&said, &["holiday-private"]);

    let mut screen = Screen::gallery(&env, &[]);
    screen.answer_query("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[6;20;10t\x1b[0n");
    screen.wait_for("1 shown");
    let said = screen.quit();
    // A transmission (a=T) with its id, not the one-pixel query (a=q).
    let id = said
        .split("\x1b_G")
        .filter(|command| command.contains("a=T"))
        .find_map(|command| command.split(',').find_map(|field| field.strip_prefix("i=")))
        .expect("a kitty picture was sent with an id");
    let sent = said.find(&format!("i={id}")).unwrap();
    let deleted = said.rfind(&format!("a=d,d=I,i={id}")).expect("the kitty picture is deleted on the way out");
    assert!(sent < deleted && said[deleted..].contains("\x1b[3J"));
    screen.assert_nothing_left(&said, &["holiday-private"]);

    // `--images blocks` asks the terminal nothing.
    let mut screen = Screen::gallery(&env, &["--images", "blocks"]);
    screen.wait_for("1 shown");
    let said = screen.quit();
    assert!(!said.contains("\x1b[5n") && said.contains('▀'));
}

#[test]
fn the_gallery_needs_a_terminal() {
    let env = CliEnv::new();
    env.cmd().arg("gallery").assert().code(2).stderr(predicates::str::contains("needs a terminal"));
}

/// `view` of an image in a terminal draws it itself, full-screen, like the gallery, and on a
/// key clears the screen and the scrollback (a terminal viewer such as viu would leave it in
/// the scrollback).
#[test]
fn view_of_an_image_in_a_terminal_draws_it_and_leaves_nothing_behind() {
    require!("ffmpeg");
    let env = vault_with_picture("selfie-private.png");
    let mut screen = Screen::run(&env, &["view", "selfie-private.png"]);
    screen.answer_query("\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n");
    screen.wait_for("selfie-private.png · any key: back");
    assert!(screen.raw.windows(3).any(|w| w == "▀".as_bytes()), "the image is drawn with half-blocks");
    let said = screen.quit();
    assert!(said.contains("view closed; the screen and its scrollback were cleared"), "{said}");
    screen.assert_nothing_left(&said, &["selfie-private"]);
}

/// `panic` while the gallery runs SIGKILLed it: the grid with names stayed on the screen. Now
/// the gallery is asked to end first (SIGTERM: it clears the screen and the scrollback), and
/// only what is still there after a moment is killed; panic still ends well under a second.
#[test]
fn panic_leaves_no_item_on_the_gallery_screen() {
    require!("ffmpeg");
    // panic within a second.
    let _quiet = quiet();
    let env = vault_with_picture("beach-secret.png");
    let mut screen = Screen::gallery(&env, &[]);
    screen.answer_query("\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n");
    screen.wait_for("beach-secret.png");
    let started = Instant::now();
    let panic = env.no_pass().args(["panic", "--yes"]).output().unwrap();
    let took = started.elapsed();
    assert!(panic.status.success(), "{}", String::from_utf8_lossy(&panic.stderr));
    assert!(took < Duration::from_secs(1), "panic took {took:?}");
    let rest = screen.session.exp_eof().unwrap();
    screen.feed(rest.chars().map(|c| c as u32 as u8));
    let said = String::from_utf8_lossy(&screen.raw).into_owned();
    screen.assert_nothing_left(&said, &["beach-secret"]);
}

/// A terminal smaller than one cell of the grid (a phone in landscape with the keyboard up;
/// a pty nobody sized, 0 x 0): the gallery drew past the edge and ended with an internal error.
#[test]
fn the_gallery_fits_a_terminal_smaller_than_one_picture() {
    require!("ffmpeg");
    let env = vault_with_picture("tiny-screen.png");
    for (cols, rows) in [(0, 0), (10, 3), (45, 8)] {
        let mut screen = Screen::run_sized(&env, &["gallery"], cols, rows);
        screen.answer_query("\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n");
        std::thread::sleep(Duration::from_millis(300));
        let said = screen.quit();
        assert!(!said.contains("internal error"), "{cols} x {rows}: {said}");
        let status = screen.session.process().wait().unwrap();
        assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, 0)), "{cols} x {rows}: {status:?}");
    }
}

/// The gallery at a phone's size (45 x 38) as the walkthrough used it: the help line ends
/// with where to find the keys (it was cut before Enter, d, r, q), `?` shows them (it did
/// nothing), Esc backs out of a search and never closes the gallery (it did), Ctrl-U clears
/// the rename field (it inserted a `u`), one folder's photos come newest name first (they came in
/// either order), Hindi names leave no fragments after a search, and Enter on a video with no
/// display says so (the screen went blank for seconds).
#[test]
fn the_gallery_at_phone_size_shows_its_keys_and_keeps_its_promises() {
    require!("ffmpeg");
    let env = vault_with_picture("beach.png");
    // Written in one second (their times set alike), added in name order.
    for n in [3, 1, 2] {
        let file = env.write(&format!("trip/{n}-photo.txt"), format!("photo {n}").as_bytes());
        let when = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_760_000_000);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(when).unwrap();
    }
    env.add(&env.path("trip"));
    env.add(&env.write("मेरी तस्वीर.txt", b"hindi"));
    let clip = env.path("clip.mp4");
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "1", "-pix_fmt", "yuv420p"], &clip);
    env.add(&clip);
    let mut screen = Screen::run_sized(&env, &["gallery"], 45, 38);
    screen.answer_query("\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n");
    screen.wait_for("? keys · q quit");
    let grid = screen.term.screen().contents();
    let order: Vec<usize> = ["3-photo", "2-photo", "1-photo"].iter().map(|n| grid.find(n).expect(n)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "one folder's items, newest name first:\n{grid}");
    screen.keys("?");
    screen.wait_for("Ctrl-U clears");
    screen.keys("x");
    screen.wait_for("? keys");
    // A search, then Esc: the search is gone, the gallery is still there.
    screen.keys("/मेरी\r");
    screen.wait_for("1 shown");
    screen.keys("\x1b");
    screen.wait_for("6 shown");
    screen.keys("\x1b");
    screen.wait_for("q leaves the gallery");
    let grid = screen.term.screen().contents();
    assert!(!grid.contains("र्") || grid.contains("मेरी तस्वीर"), "fragments of the Hindi name:\n{grid}");
    // Rename: Ctrl-U clears the field.
    screen.keys("r");
    screen.wait_for("new name:");
    screen.keys("\x15");
    screen.wait_for("new name: _");
    screen.keys("\x1b");
    // The video: no display here.
    screen.keys("/clip\r");
    screen.wait_for("1 shown");
    screen.keys("\r");
    screen.wait_for("no display for video");
    let said = screen.quit();
    assert!(said.contains("gallery closed"), "{said}");
}
