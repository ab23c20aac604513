//! `gallery`: the vault as a grid of thumbnails in the terminal (ratatui). Thumbnails are the
//! encrypted ones stored in the vault, decrypted only for the cells on screen and drawn with
//! the terminal's graphics (sixel, kitty, iTerm2) where it has them, or Unicode half-blocks,
//! which every terminal shows (`graphics.rs`). Keys move, search, filter, open, shred and
//! rename.
//!
//! It draws on the alternate screen and, however it ends (q, Ctrl-C, SIGTERM, SIGHUP, the
//! idle lock, a panic), makes the terminal forget its pictures and clears the screen and the
//! scrollback (`screen.rs`), so no name or picture stays for the next person holding the phone.

use super::graphics::{Graphics, Shown};
use super::screen::{CANNOT_SHOW, RenderRef, Terminal, decode_image, take_over_terminal, terminal_error};
use crate::cli::args::GalleryArgs;
use crate::cli::error::CliError;
use crate::cli::output::{cut_to_columns, display_name};
use crate::cli::session::*;
use clipvault::{ItemRecord, Vault, VaultWriter};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Rect, Size};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// Width of a grid cell in characters, and its thumbnail's height in rows (two pixels each).
const CELL_WIDTH: u16 = 22;
const THUMB_ROWS: u16 = 9;

/// What the keyboard is doing.
enum Mode {
    Browse,
    Search(String),
    Rename(String),
    ConfirmShred,
    Viewing(Shown),
    /// `?`: every key, until any key.
    Help,
}

/// What `?` shows.
const KEYS: [&str; 12] = [
    "arrows, h j k l   move",
    "Enter             open (an image here; video and audio in a player)",
    "/                 search names (Enter applies, Esc cancels)",
    "t                 next filter: all, photos, videos, audio, each tag",
    "Esc               clear the search and the filter",
    "r                 rename (Ctrl-U clears, Ctrl-W deletes a word)",
    "d                 shred (asks first; not evidence)",
    "?                 these keys",
    "q, Ctrl-C         leave (the screen and scrollback are cleared)",
    "",
    "The gallery locks itself after a while without a key.",
    "Any key: back.",
];

/// `text` after control key `c`, as a shell's line editor: Ctrl-U clears it, Ctrl-W deletes
/// the last word; any other control key changes nothing.
fn edit_line(text: String, c: char) -> String {
    match c {
        'u' => String::new(),
        'w' => text.trim_end().rsplit_once(' ').map(|(kept, _)| format!("{kept} ")).unwrap_or_default(),
        _ => text,
    }
}

/// The gallery's state, apart from the terminal.
struct App {
    /// Whether the whole screen must be drawn again, not only what changed: after the list
    /// changes or a full-screen picture, cells that held combining marks (Hindi names) were
    /// left with fragments by a drawing of differences alone.
    redraw: bool,
    /// Ids of the items shown, newest first, after search and filter.
    shown: Vec<u64>,
    selected: usize,
    query: String,
    /// "all", the media kinds, then every tag: what `t` cycles through (kept from the last
    /// refresh, not gathered from every item at each frame).
    filters: Vec<String>,
    /// Index into `filters`: 0 is everything.
    filter: usize,
    mode: Mode,
    message: String,
    pictures: HashMap<u64, Option<Shown>>,
    graphics: Graphics,
}

impl App {
    fn new(vault: &Vault, graphics: Graphics) -> App {
        let mut app = App {
            shown: vec![],
            selected: 0,
            query: String::new(),
            filters: vec![],
            filter: 0,
            mode: Mode::Browse,
            message: String::new(),
            pictures: HashMap::new(),
            graphics,
            redraw: true,
        };
        app.refresh(vault);
        app
    }

    /// "all", the media kinds, then every tag.
    fn filters(vault: &Vault) -> Vec<String> {
        let mut tags: Vec<String> = vault.items().flat_map(|i| i.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        let mut filters: Vec<String> = ["all", "photos", "videos", "audio"].iter().map(|s| s.to_string()).collect();
        filters.extend(tags.into_iter().map(|t| format!("#{t}")));
        filters
    }

    fn refresh(&mut self, vault: &Vault) {
        self.filters = App::filters(vault);
        let filter = self.filters.get(self.filter).cloned().unwrap_or_else(|| "all".into());
        let query = self.query.to_lowercase();
        let mut items: Vec<&ItemRecord> = vault
            .items()
            .filter(|i| display_name(&i.name).to_lowercase().contains(&query))
            .filter(|i| match filter.as_str() {
                "all" => true,
                "photos" => i.media_type.starts_with("image/"),
                "videos" => i.media_type.starts_with("video/"),
                "audio" => i.media_type.starts_with("audio/"),
                tag => i.tags.iter().any(|t| Some(t.as_str()) == tag.strip_prefix('#')),
            })
            .collect();
        // Newest first as a phone's gallery: by when the file was made (kept from the file
        // added), else when it was added, and one folder's items of one second in the same
        // direction by name (IMG_0003 before IMG_0001). By the add's second alone, a folder
        // came out in either order depending on where the second turned.
        items.sort_by_cached_key(|i| {
            std::cmp::Reverse((i.modified.unwrap_or(i.added), display_name(&i.name).to_lowercase()))
        });
        self.redraw = true;
        self.shown = items.iter().map(|i| i.id).collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    fn columns(area: Rect) -> usize {
        usize::from((area.width / CELL_WIDTH).max(1))
    }

    fn render(&mut self, vault: &Vault, area: Rect, buf: &mut Buffer) {
        let grid = Rect { height: area.height.saturating_sub(1), ..area };
        let status_area = Rect { y: area.y + area.height.saturating_sub(1), height: 1.min(area.height), ..area };
        match &self.mode {
            Mode::Viewing(picture) => picture.draw(grid, buf),
            Mode::Help => Paragraph::new(KEYS.iter().map(|l| Line::from(*l)).collect::<Vec<_>>()).render_ref(grid, buf),
            _ => self.render_grid(vault, grid, buf),
        }
        let filter = self.filters.get(self.filter).cloned().unwrap_or_default();
        let status = match &self.mode {
            Mode::Search(text) => format!("search: {text}_  (Enter to apply, Esc to cancel)"),
            Mode::Rename(text) => format!("new name: {text}_  (Enter to rename, Esc to cancel)"),
            Mode::ConfirmShred => "shred it for good? this cannot be undone (y / n)".to_string(),
            Mode::Viewing(_) | Mode::Help => "any key: back".to_string(),
            Mode::Browse if !self.message.is_empty() => self.message.clone(),
            Mode::Browse => {
                let query = if self.query.is_empty() { String::new() } else { format!(" · \"{}\"", self.query) };
                let full = format!(
                    "{} shown · {filter}{query} · arrows move · / search · t filter · Enter open · d shred · r rename · \
                     ? keys · q quit",
                    self.shown.len()
                );
                // A phone's 45 columns: the keys that matter, and where to find the rest.
                if full.width() <= usize::from(area.width) {
                    full
                } else {
                    format!("{} shown · {filter}{query} · ? keys · q quit", self.shown.len())
                }
            }
        };
        Paragraph::new(Line::from(status))
            .style(Style::default().add_modifier(Modifier::REVERSED))
            .render_ref(status_area, buf);
    }

    fn render_grid(&mut self, vault: &Vault, area: Rect, buf: &mut Buffer) {
        if self.shown.is_empty() {
            Paragraph::new("Nothing to show: the vault is empty, or nothing matches.").render_ref(area, buf);
            return;
        }
        let cols = App::columns(area);
        let cell_height = THUMB_ROWS + 1;
        let rows = usize::from((area.height / cell_height).max(1));
        let first_row = (self.selected / cols).saturating_sub(rows - 1);
        for (slot, index) in (first_row * cols..self.shown.len()).take(rows * cols).enumerate() {
            let id = self.shown[index];
            let Ok(item) = vault.item(id) else { continue };
            // Cut to the screen: a terminal smaller than one cell (a phone in landscape with
            // its keyboard up) gets what fits; drawing past the edge was a panic.
            let cell = Rect {
                x: area.x + (slot % cols) as u16 * CELL_WIDTH,
                y: area.y + (slot / cols) as u16 * cell_height,
                width: CELL_WIDTH - 1,
                height: cell_height,
            }
            .intersection(area);
            if cell.is_empty() {
                continue;
            }
            let picture = self.pictures.entry(id).or_insert_with(|| {
                // Only stored thumbnails: making one would stall the grid.
                item.thumbnail.as_ref()?;
                let jpeg = vault.thumbnail(id).ok()?.ok()?;
                let image = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).ok()?;
                self.graphics.picture(&image, Size { width: cell.width, height: THUMB_ROWS })
            });
            let thumb_area = Rect { height: THUMB_ROWS.min(cell.height), ..cell };
            match picture {
                Some(picture) if thumb_area.height == THUMB_ROWS => picture.draw(thumb_area, buf),
                _ => {
                    let kind = item.media_type.split('/').next().unwrap_or("file").to_uppercase();
                    let middle = Rect { y: cell.y + (thumb_area.height / 2), height: 1, ..cell }.intersection(area);
                    Paragraph::new(kind).render_ref(middle, buf);
                }
            }
            let mut style = Style::default();
            if index == self.selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let name = cut_to_columns(&display_name(&item.name), usize::from(cell.width)).to_string();
            let name_row = Rect { y: cell.y + THUMB_ROWS, height: 1, ..cell }.intersection(area);
            Paragraph::new(name).style(style).render_ref(name_row, buf);
        }
    }

    /// Handles a key; returns false to quit.
    fn key(
        &mut self,
        key: KeyEvent,
        vault: &mut VaultWriter,
        area: Rect,
        term: &mut Terminal,
    ) -> Result<bool, CliError> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Ok(false);
        }
        self.message.clear();
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        match (mode, key.code) {
            (Mode::Viewing(_) | Mode::Help, _) => self.redraw = true,
            // Line editing as in a shell: Ctrl-U clears, Ctrl-W deletes a word; no other
            // control key is text (Ctrl-U inserted a `u`).
            (Mode::Search(text), KeyCode::Char(c)) if control => self.mode = Mode::Search(edit_line(text, c)),
            (Mode::Rename(text), KeyCode::Char(c)) if control => self.mode = Mode::Rename(edit_line(text, c)),
            (Mode::Search(_), KeyCode::Esc) | (Mode::Rename(_), KeyCode::Esc) => {}
            (Mode::Search(text), KeyCode::Enter) => {
                self.query = text;
                self.selected = 0;
                self.refresh(vault);
            }
            (Mode::Search(mut text), KeyCode::Backspace) => {
                text.pop();
                self.mode = Mode::Search(text);
            }
            (Mode::Search(mut text), KeyCode::Char(c)) => {
                text.push(c);
                self.mode = Mode::Search(text);
            }
            (Mode::Rename(text), KeyCode::Enter) => {
                if let Some(&id) = self.shown.get(self.selected) {
                    match vault.rename(id, text.as_bytes()) {
                        Ok(()) => self.message = "renamed".into(),
                        Err(e) => self.message = format!("not renamed: {e}"),
                    }
                    self.refresh(vault);
                }
            }
            (Mode::Rename(mut text), KeyCode::Backspace) => {
                text.pop();
                self.mode = Mode::Rename(text);
            }
            (Mode::Rename(mut text), KeyCode::Char(c)) => {
                text.push(c);
                self.mode = Mode::Rename(text);
            }
            (Mode::ConfirmShred, KeyCode::Char('y')) => {
                if let Some(&id) = self.shown.get(self.selected) {
                    self.message = match vault.remove(&[id]) {
                        Ok(()) => "shredded".into(),
                        Err(clipvault::VaultError::Evidence(_)) => {
                            "that item is evidence: shred it with `clipvault shred --force`".into()
                        }
                        Err(e) => format!("not shredded: {e}"),
                    };
                    self.pictures.remove(&id);
                    self.refresh(vault);
                }
            }
            (Mode::ConfirmShred, _) => self.message = "nothing was shredded".into(),
            (other @ (Mode::Search(_) | Mode::Rename(_)), _) => self.mode = other,
            (Mode::Browse, code) => return self.browse_key(code, vault, area, term),
        }
        Ok(true)
    }

    fn browse_key(
        &mut self,
        code: KeyCode,
        vault: &mut VaultWriter,
        area: Rect,
        term: &mut Terminal,
    ) -> Result<bool, CliError> {
        let cols = App::columns(area);
        let last = self.shown.len().saturating_sub(1);
        match code {
            KeyCode::Char('q') => return Ok(false),
            // Esc backs out of a search or a filter; at the top it only says how to leave
            // (it closed the whole gallery, where everywhere else it cancels).
            KeyCode::Esc if !self.query.is_empty() || self.filter != 0 => {
                self.query.clear();
                self.filter = 0;
                self.selected = 0;
                self.refresh(vault);
            }
            KeyCode::Esc => self.message = "q leaves the gallery; ? shows the keys".into(),
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Right | KeyCode::Char('l') => self.selected = (self.selected + 1).min(last),
            KeyCode::Left | KeyCode::Char('h') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + cols).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(cols),
            KeyCode::Char('/') => self.mode = Mode::Search(self.query.clone()),
            KeyCode::Char('t') => {
                self.filter = (self.filter + 1) % self.filters.len();
                self.selected = 0;
                self.refresh(vault);
            }
            KeyCode::Char('d') if !self.shown.is_empty() => self.mode = Mode::ConfirmShred,
            KeyCode::Char('r') if !self.shown.is_empty() => {
                let name = vault.item(self.shown[self.selected]).map(|i| display_name(&i.name)).unwrap_or_default();
                self.mode = Mode::Rename(name);
            }
            KeyCode::Enter if !self.shown.is_empty() => self.open(self.shown[self.selected], vault, area, term)?,
            _ => {}
        }
        Ok(true)
    }

    /// Enter: an image full-screen in the terminal; video and audio in the player `view`
    /// would use, the gallery suspended meanwhile.
    fn open(&mut self, id: u64, vault: &Vault, area: Rect, term: &mut Terminal) -> Result<(), CliError> {
        let item = vault.item(id)?;
        if item.media_type.starts_with("image/") && item.size <= clipvault::vault::MAX_IMAGE_BYTES {
            let grid = Rect { height: area.height.saturating_sub(1), ..area };
            match decode_image(vault, id)?.and_then(|image| {
                self.graphics.picture(&image, Size { width: grid.width, height: grid.height }).ok_or(CANNOT_SHOW.into())
            }) {
                Ok(picture) => self.mode = Mode::Viewing(picture),
                Err(why) => self.message = why,
            }
            return Ok(());
        }
        // A player needs a window for video: without one the screen went blank for seconds
        // and came back with nothing said.
        let no_display =
            ["DISPLAY", "WAYLAND_DISPLAY"].iter().all(|v| std::env::var_os(v).is_none_or(|d| d.is_empty()));
        if item.media_type.starts_with("video/") && no_display {
            self.message = "no display for video here: watch it in the browser gallery (`clipvault serve`)".into();
            return Ok(());
        }
        term.suspend()?;
        let played = crate::cli::view::play(vault, id);
        term.resume()?;
        // Leaving made the terminal forget the pictures it held: they are sent again.
        self.pictures.clear();
        if let Err(e) = played {
            self.message = e.to_string();
        }
        Ok(())
    }
}

pub(in crate::cli) fn gallery(ctx: &Ctx, args: &GalleryArgs) -> Result<(), CliError> {
    let mut vault = open_writer(ctx)?;
    let (mut term, stop) = take_over_terminal()?;
    let graphics = Graphics::detect(args.images);
    let mut app = App::new(&vault, graphics);
    let mut last_key = Instant::now();
    let reason = loop {
        let io = terminal_error;
        let area = term.inner.size().map_err(io)?;
        let area = Rect::new(0, 0, area.width, area.height);
        if std::mem::take(&mut app.redraw) {
            // The screen cleared and both buffers emptied, so the next draw writes every
            // cell. (ratatui's clear() asks the terminal where its cursor is, and a terminal
            // that does not answer ended the gallery.)
            use std::io::Write;
            let mut out = std::io::stdout();
            out.write_all(b"\x1b[2J").and_then(|()| out.flush()).map_err(io)?;
            term.inner.swap_buffers();
        }
        term.inner.draw(|frame| app.render(&vault, frame.area(), frame.buffer_mut())).map_err(io)?;
        if stop.load(Ordering::Relaxed) {
            break "a signal ended it";
        }
        if last_key.elapsed() >= args.idle_lock {
            break "locked after no key was pressed for a while";
        }
        if !event::poll(Duration::from_millis(250)).map_err(io)? {
            continue;
        }
        if let Event::Key(key) = event::read().map_err(io)?
            && key.kind == KeyEventKind::Press
        {
            last_key = Instant::now();
            if !app.key(key, &mut vault, area, &mut term)? {
                break "closed";
            }
        }
    };
    drop(term);
    drop(app);
    ctx.status.say(&format!("gallery {reason}; the screen and its scrollback were cleared"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clipvault::storage::MemStorage;
    use clipvault::{AddOptions, CreateOptions, KdfParams, Passphrase};

    fn vault_with(names: &[&str]) -> VaultWriter {
        let options =
            CreateOptions { kdf: KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 }, ..Default::default() };
        let mut vault =
            Vault::create_in(Box::new(MemStorage::new()), &Passphrase::new("gallery test"), &options).unwrap();
        for (n, name) in names.iter().enumerate() {
            let options = AddOptions { added: Some(1_700_000_000 + n as u64), ..Default::default() };
            vault.add(&mut name.as_bytes(), name.as_bytes(), &options).unwrap();
        }
        vault
    }

    fn screen(app: &mut App, vault: &Vault) -> String {
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        app.render(vault, area, &mut buf);
        (0..24).map(|y| (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
    }

    #[test]
    fn the_grid_shows_names_newest_first_and_search_narrows_it() {
        let vault = vault_with(&["beach.jpg", "party.mp4", "notes.txt"]);
        let mut app = App::new(&vault, Graphics::blocks());
        let shown = screen(&mut app, &vault);
        for name in ["beach.jpg", "party.mp4", "notes.txt"] {
            assert!(shown.contains(name), "{name} not on screen:\n{shown}");
        }
        assert!(shown.find("notes.txt").unwrap() < shown.find("beach.jpg").unwrap(), "newest first");
        assert!(shown.contains("3 shown"));
        app.query = "BEACH".into();
        app.refresh(&vault);
        let narrowed = screen(&mut app, &vault);
        assert!(narrowed.contains("beach.jpg") && !narrowed.contains("party.mp4"), "{narrowed}");
        assert!(narrowed.contains("1 shown"));
    }
}
