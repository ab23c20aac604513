//! Pictures in the terminal, for the gallery: Unicode half-blocks (two pixels per character
//! cell, in 24-bit colour), which every terminal shows, or the terminal's own graphics where
//! it has them: sixel (foot, mlterm, xterm as a VT340, newer Termux), kitty's protocol (kitty,
//! Ghostty) or iTerm2's (iTerm2, WezTerm), encoded by ratatui-image.
//!
//! Which one is asked of the terminal itself, with the queries ratatui-image uses (kitty
//! graphics, device attributes for sixel, the cell size in pixels, then a status report
//! every terminal answers), read here against a deadline, in this thread, so that no reader
//! is left behind to swallow a key. `--images` overrides the answer.
//!
//! The terminal may keep pictures apart from its screen (kitty keeps image data until it is
//! deleted; iTerm2 keeps inline images in its own scrollback): [`forget_all`] says what makes
//! it drop every picture shown, and the gallery writes it on the way out.

use crate::cli::args::ImagesChoice;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::protocol::{Protocol, iterm2::Iterm2, kitty::Kitty, sixel::Sixel};
use ratatui_image::{FontSize, Resize};
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// How long the terminal has to answer what it can show (every terminal answers the status
/// request at the end at once; the wait is for slow links, such as SSH from afar, and is
/// ratatui-image's own).
const QUERY_DEADLINE: Duration = Duration::from_secs(2);

/// What makes the terminal drop every picture shown so far (kitty image ids to delete, or
/// iTerm2's scrollback): kept where the exit path, a panic included, can reach it.
static FORGET: Mutex<String> = Mutex::new(String::new());

/// The escape sequences that make the terminal forget every picture the gallery showed.
pub(super) fn forget_all() -> String {
    FORGET.lock().map(|s| s.clone()).unwrap_or_default()
}

/// Adds `sequence` to what [`forget_all`] sends, once.
fn forget_later(sequence: String) {
    if let Ok(mut forget) = FORGET.lock()
        && !forget.contains(&sequence)
    {
        forget.push_str(&sequence);
    }
}

/// How pictures are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blocks,
    Sixel,
    Kitty,
    Iterm2,
}

/// The terminal's way of showing pictures, and what it needs to know for it.
pub(super) struct Graphics {
    kind: Kind,
    /// A character cell's size in pixels.
    font: FontSize,
    /// Inside tmux, which passes graphics on only when wrapped.
    tmux: bool,
    /// The next kitty image id (random start, so two galleries never share one).
    next_kitty_id: u32,
}

impl Graphics {
    /// Half-blocks, the same everywhere.
    pub(super) fn blocks() -> Graphics {
        Graphics { kind: Kind::Blocks, font: FontSize::new(10, 20), tmux: false, next_kitty_id: 1 }
    }

    /// What `choice` asks for, or (auto) what the terminal says it has. The terminal must be in
    /// raw mode, with nothing else reading its input yet.
    pub(super) fn detect(choice: ImagesChoice) -> Graphics {
        if choice == ImagesChoice::Blocks {
            return Graphics::blocks();
        }
        let tmux = std::env::var_os("TMUX").is_some();
        let answers = query_terminal(tmux);
        let font = answers
            .iter()
            .find_map(|r| match r {
                Response::CellSize(Some((w, h))) => Some(FontSize::new(*w, *h)),
                _ => None,
            })
            .or_else(font_size_from_window);
        let kind = match choice {
            ImagesChoice::Blocks => Kind::Blocks,
            ImagesChoice::Sixel => Kind::Sixel,
            ImagesChoice::Kitty => Kind::Kitty,
            ImagesChoice::Iterm2 => Kind::Iterm2,
            ImagesChoice::Auto if answers.contains(&Response::Kitty) => Kind::Kitty,
            // Sixel pictures are as large as their pixels: without the cell size they would
            // spill over the grid.
            ImagesChoice::Auto if answers.contains(&Response::Sixel) && font.is_some() => Kind::Sixel,
            ImagesChoice::Auto if iterm2_from_env() => Kind::Iterm2,
            ImagesChoice::Auto => Kind::Blocks,
        };
        Graphics {
            kind,
            font: font.unwrap_or(FontSize::new(10, 20)),
            tmux,
            next_kitty_id: rand::random::<u32>() % 0x00ff_0000 + 1,
        }
    }

    /// `image` made ready to draw within `cells` (columns x rows), or None if the encoder
    /// failed.
    pub(super) fn picture(&mut self, image: &image::DynamicImage, cells: Size) -> Option<Shown> {
        if self.kind == Kind::Blocks {
            return Some(Shown::Blocks(Blocks::new(image, u32::from(cells.width), 2 * u32::from(cells.height))));
        }
        let resize = Resize::Fit(Some(ratatui_image::FilterType::Triangle));
        let size = resize.size_for(image, self.font, cells);
        let fitted = resize.resize(image, self.font, size, None);
        let protocol = match self.kind {
            Kind::Sixel => Protocol::Sixel(Sixel::new(fitted, size, self.tmux).ok()?),
            Kind::Iterm2 => {
                forget_later(wrapped("\x1b]1337;ClearScrollback\x07", self.tmux));
                Protocol::ITerm2(Iterm2::new(fitted, size, self.tmux).ok()?)
            }
            Kind::Kitty => {
                let id = self.next_kitty_id;
                self.next_kitty_id = self.next_kitty_id.wrapping_add(1).max(1);
                forget_later(wrapped(&format!("\x1b_Ga=d,d=I,i={id},q=2\x1b\\"), self.tmux));
                Protocol::Kitty(Kitty::new(fitted, size, id, self.tmux, false).ok()?)
            }
            Kind::Blocks => unreachable!("drawn with half-blocks above"),
        };
        Some(Shown::Protocol(protocol))
    }
}

/// A picture ready to draw.
pub(super) enum Shown {
    Blocks(Blocks),
    Protocol(Protocol),
}

impl Shown {
    /// Draws the picture centred in `area`.
    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        match self {
            Shown::Blocks(blocks) => blocks.draw(area, buf),
            Shown::Protocol(protocol) => {
                let size = protocol.size();
                let (width, height) = (size.width.min(area.width), size.height.min(area.height));
                let at = Rect {
                    x: area.x + (area.width - width) / 2,
                    y: area.y + (area.height - height) / 2,
                    width,
                    height,
                };
                ratatui_image::Image::new(protocol).render(at, buf);
            }
        }
    }
}

/// A picture for half-blocks: `width` x `height` RGB pixels, wiped on drop.
pub(super) struct Blocks {
    width: u32,
    height: u32,
    rgb: Zeroizing<Vec<u8>>,
}

impl Blocks {
    /// `image` scaled to fit `max_w` x `max_h` pixels.
    fn new(image: &image::DynamicImage, max_w: u32, max_h: u32) -> Blocks {
        let fitted = image.resize(max_w.max(1), max_h.max(1), image::imageops::FilterType::Triangle).to_rgb8();
        Blocks { width: fitted.width(), height: fitted.height(), rgb: Zeroizing::new(fitted.into_raw()) }
    }

    fn pixel(&self, x: u32, y: u32) -> Color {
        let at = ((y * self.width + x) * 3) as usize;
        Color::Rgb(self.rgb[at], self.rgb[at + 1], self.rgb[at + 2])
    }

    /// Draws the picture centred in `area`, two pixels per cell with `▀`.
    fn draw(&self, area: Rect, buf: &mut Buffer) {
        let cols = self.width.min(u32::from(area.width));
        let rows = self.height.div_ceil(2).min(u32::from(area.height));
        let x0 = area.x + ((u32::from(area.width) - cols) / 2) as u16;
        let y0 = area.y + ((u32::from(area.height) - rows) / 2) as u16;
        for row in 0..rows {
            for col in 0..cols {
                let top = self.pixel(col, 2 * row);
                let bottom = if 2 * row + 1 < self.height { self.pixel(col, 2 * row + 1) } else { Color::Reset };
                buf[(x0 + col as u16, y0 + row as u16)].set_char('▀').set_fg(top).set_bg(bottom);
            }
        }
    }
}

/// `sequence` as tmux passes it on to the terminal outside (its escapes doubled).
fn wrapped(sequence: &str, tmux: bool) -> String {
    if tmux { format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")) } else { sequence.to_string() }
}

/// Asks the terminal what it can show and reads its answers until its status report, or
/// until [`QUERY_DEADLINE`]. What arrives later is read by the gallery as keys it ignores.
fn query_terminal(tmux: bool) -> Vec<Response> {
    let mut out = std::io::stdout();
    if out.write_all(Parser::query(tmux, QueryStdioOptions::default()).as_bytes()).and_then(|()| out.flush()).is_err() {
        return vec![];
    }
    let deadline = Instant::now() + QUERY_DEADLINE;
    let mut parser = Parser::new();
    let mut answers = vec![];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if !clipvault::sys::poll_readable(std::io::stdin(), left) {
            return answers;
        }
        // Straight from the descriptor: standard input's buffer would keep what it read past
        // our buffer where neither poll nor the gallery's key reader sees it.
        let mut bytes = [0u8; 256];
        let read = match clipvault::sys::read_unbuffered(std::io::stdin(), &mut bytes) {
            Ok(0) | Err(_) => return answers,
            Ok(read) => read,
        };
        for &byte in &bytes[..read] {
            for answer in parser.push(char::from(byte)) {
                if answer == Response::Status {
                    return answers;
                }
                answers.push(answer);
            }
        }
    }
}

/// The cell size from the window's size in pixels, where the terminal reports it.
fn font_size_from_window() -> Option<FontSize> {
    let size = ratatui::crossterm::terminal::window_size().ok()?;
    if size.width == 0 || size.height == 0 || size.columns == 0 || size.rows == 0 {
        return None;
    }
    Some(FontSize::new(size.width / size.columns, size.height / size.rows))
}

/// Terminals that show iTerm2's inline images and answer no query for them.
fn iterm2_from_env() -> bool {
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    ["iTerm", "WezTerm", "mintty", "vscode", "Tabby", "rio"].iter().any(|p| program.contains(p))
        || std::env::var("LC_TERMINAL").is_ok_and(|t| t.contains("iTerm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmux_wrapping_doubles_escapes() {
        assert_eq!(wrapped("\x1b_Ga=d\x1b\\", false), "\x1b_Ga=d\x1b\\");
        assert_eq!(wrapped("\x1b_Ga=d\x1b\\", true), "\x1bPtmux;\x1b\x1b_Ga=d\x1b\x1b\\\x1b\\");
    }

    #[test]
    fn every_kind_draws_a_picture_within_its_cells() {
        let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(400, 300, image::Rgb([200, 10, 10])));
        let cells = Size { width: 21, height: 9 };
        for kind in [Kind::Blocks, Kind::Sixel, Kind::Kitty, Kind::Iterm2] {
            let mut graphics = Graphics { kind, ..Graphics::blocks() };
            let shown = graphics.picture(&image, cells).unwrap_or_else(|| panic!("{kind:?}"));
            let area = Rect::new(0, 0, 21, 9);
            let mut buf = Buffer::empty(area);
            shown.draw(area, &mut buf);
            let drawn: String = (0..9).flat_map(|y| (0..21).map(move |x| (x, y))).map(|p| buf[p].symbol()).collect();
            match kind {
                Kind::Blocks => assert!(drawn.contains('▀')),
                Kind::Sixel => assert!(drawn.contains("\x1bP") && drawn.contains('#'), "a sixel sequence"),
                Kind::Kitty => assert!(drawn.contains("\x1b_G") && drawn.contains('\u{10EEEE}'), "kitty"),
                Kind::Iterm2 => assert!(drawn.contains("\x1b]1337;File="), "iTerm2"),
            }
        }
        assert!(forget_all().contains("a=d,d=I"), "the kitty picture is deleted on the way out");
    }
}
