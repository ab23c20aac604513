//! The terminal taken over for pictures: raw mode on the alternate screen, and on the way out,
//! however it comes (a key, SIGTERM, SIGHUP, the idle lock, a panic), the terminal told to
//! forget its pictures and the screen and its scrollback cleared (`ESC[3J`), so nothing stays
//! for the next person holding the phone. Used by the gallery, and by `view` to show one
//! image alone.

use super::graphics::Graphics;
use crate::cli::args::ImagesChoice;
use crate::cli::error::CliError;
use crate::cli::output::display_name;
use clipvault::{Vault, fl};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{execute, terminal};
use ratatui::layout::{Rect, Size};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// What clears the screen and the scrollback, and puts the cursor home.
const CLEAR_ALL: &str = "\x1b[3J\x1b[2J\x1b[H";

/// Why a picture is not drawn when the terminal cannot draw it.
pub(super) fn cannot_show() -> String {
    fl!("gallery-cannot-show")
}

/// How a picture shown full-screen (or the gallery) ended.
pub(in crate::cli) enum Ended {
    /// SIGTERM or SIGHUP.
    Signal,
    /// No key for the idle lock's time.
    Idle,
    /// A key (the gallery: q or Ctrl-C).
    Key,
}

/// Image item `id`, decoded in memory with the thumbnails' bound (a file claiming 60000 x
/// 60000 pixels is refused), HEIC and AVIF through libheif's decoder; or why not, in a line.
pub(super) fn decode_image(vault: &Vault, id: u64) -> Result<Result<image::DynamicImage, String>, CliError> {
    let item = vault.item(id)?;
    if item.size > clipvault::vault::MAX_IMAGE_BYTES {
        return Ok(Err(fl!("gallery-too-large")));
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(item.size as usize));
    vault.read_item_to(id, &mut *bytes)?;
    use clipvault::media::thumbnail::ThumbnailError;
    Ok(clipvault::media::thumbnail::decode_whole(&bytes).map_err(|e| match e {
        ThumbnailError::Heif(why) => why.to_string(),
        _ => cannot_show(),
    }))
}

/// The terminal in raw mode on the alternate screen. Leaving it, however it happens, clears
/// the screen and the scrollback.
pub(super) struct Terminal {
    pub(super) inner: ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>,
}

impl Terminal {
    fn enter() -> Result<Terminal, CliError> {
        let io = terminal_error;
        terminal::enable_raw_mode().map_err(io)?;
        execute!(std::io::stdout(), terminal::EnterAlternateScreen).map_err(io)?;
        let inner = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout())).map_err(io)?;
        Ok(Terminal { inner })
    }

    pub(super) fn suspend(&mut self) -> Result<(), CliError> {
        restore();
        Ok(())
    }

    pub(super) fn resume(&mut self) -> Result<(), CliError> {
        let io = terminal_error;
        terminal::enable_raw_mode().map_err(io)?;
        execute!(std::io::stdout(), terminal::EnterAlternateScreen).map_err(io)?;
        self.inner.clear().map_err(io)
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore();
    }
}

/// Makes the terminal forget its pictures, leaves raw mode and the alternate screen, and
/// clears the screen and scrollback.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = out.write_all(super::graphics::forget_all().as_bytes());
    let _ = execute!(out, terminal::LeaveAlternateScreen);
    let _ = out.write_all(CLEAR_ALL.as_bytes());
    let _ = out.flush();
}

/// The terminal taken over: SIGTERM and SIGHUP set the returned flag (the caller's loop then
/// ends as on q, so the screen is cleared on the way out), and a panic restores and clears the
/// terminal before it is reported.
pub(super) fn take_over_terminal() -> Result<(Terminal, Arc<AtomicBool>), CliError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(fl!("gallery-needs-terminal")));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register(signal, stop.clone());
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    Ok((Terminal::enter()?, stop))
}

pub(super) fn terminal_error(e: std::io::Error) -> CliError {
    CliError::Failed(fl!("gallery-terminal-error", reason = e.to_string()))
}

/// `view` of an image in a terminal: the image alone, full-screen, drawn as the gallery draws
/// (the terminal's graphics, or half-blocks), until a key, a signal or `idle_lock`; then the
/// screen and the scrollback are cleared as the gallery leaves them. Returns how it ended.
pub(in crate::cli) fn show_image(vault: &Vault, id: u64, idle_lock: Duration) -> Result<Ended, CliError> {
    let name = display_name(&vault.item(id)?.name);
    let image = decode_image(vault, id)?.map_err(CliError::Failed)?;
    let (mut term, stop) = take_over_terminal()?;
    let mut graphics = Graphics::detect(ImagesChoice::Auto);
    let area = term.inner.size().map_err(terminal_error)?;
    let screen = Size { width: area.width, height: area.height.saturating_sub(1) };
    let picture = graphics.picture(&image, screen).ok_or_else(|| CliError::Failed(cannot_show()))?;
    drop(image);
    let status = fl!("view-image-status", name = name);
    let started = Instant::now();
    loop {
        term.inner
            .draw(|frame| {
                let area = frame.area();
                picture.draw(Rect { height: area.height.saturating_sub(1), ..area }, frame.buffer_mut());
                let line = Rect { y: area.y + area.height.saturating_sub(1), height: 1.min(area.height), ..area };
                Paragraph::new(Line::from(status.as_str()))
                    .style(Style::default().add_modifier(Modifier::REVERSED))
                    .render_ref(line, frame.buffer_mut());
            })
            .map_err(terminal_error)?;
        if stop.load(Ordering::Relaxed) {
            return Ok(Ended::Signal);
        }
        if started.elapsed() >= idle_lock {
            return Ok(Ended::Idle);
        }
        if event::poll(Duration::from_millis(250)).map_err(terminal_error)?
            && let Event::Key(key) = event::read().map_err(terminal_error)?
            && key.kind == KeyEventKind::Press
        {
            return Ok(Ended::Key);
        }
    }
}

/// `Paragraph` rendering into a buffer by reference (ratatui's `Widget` takes `self`).
pub(super) trait RenderRef {
    fn render_ref(self, area: Rect, buf: &mut Buffer);
}

impl<T: ratatui::widgets::Widget> RenderRef for T {
    fn render_ref(self, area: Rect, buf: &mut Buffer) {
        if area.width > 0 && area.height > 0 {
            self.render(area, buf);
        }
    }
}
