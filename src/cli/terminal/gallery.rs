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
use super::screen::{Ended, RenderRef, Terminal, cannot_show, decode_image, take_over_terminal, terminal_error};
use crate::cli::args::GalleryArgs;
use crate::cli::error::CliError;
use crate::cli::output::{cut_to_columns, display_name};
use crate::cli::session::*;
use clipvault::{ItemRecord, Vault, VaultWriter, fl};
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

/// The name of filter `filter` in the status line: "all", the media kinds, or `#tag`.
fn filter_label(filter: &str) -> String {
    match filter {
        "all" => fl!("gallery-filter-all"),
        "photos" => fl!("gallery-filter-photos"),
        "videos" => fl!("gallery-filter-videos"),
        "audio" => fl!("gallery-filter-audio"),
        tag => tag.to_string(),
    }
}

/// What a cell without a picture says instead: the kind of its media type.
fn kind_label(media_type: &str) -> String {
    match media_type.split('/').next().unwrap_or("file") {
        "image" => fl!("gallery-kind-image"),
        "video" => fl!("gallery-kind-video"),
        "audio" => fl!("gallery-kind-audio"),
        "text" => fl!("gallery-kind-text"),
        other => other.to_uppercase(),
    }
}

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
            // What `?` shows: every key, one a line.
            Mode::Help => Paragraph::new(fl!("gallery-keys")).render_ref(grid, buf),
            _ => self.render_grid(vault, grid, buf),
        }
        let status = match &self.mode {
            Mode::Search(text) => fl!("gallery-search", text = text.as_str()),
            Mode::Rename(text) => fl!("gallery-rename", text = text.as_str()),
            Mode::ConfirmShred => fl!("gallery-confirm-shred"),
            Mode::Viewing(_) | Mode::Help => fl!("gallery-any-key"),
            Mode::Browse if !self.message.is_empty() => self.message.clone(),
            Mode::Browse => self.browse_status(area.width),
        };
        Paragraph::new(Line::from(status))
            .style(Style::default().add_modifier(Modifier::REVERSED))
            .render_ref(status_area, buf);
    }

    /// The status line while browsing: how many are shown, the filter and search, the keys.
    fn browse_status(&self, width: u16) -> String {
        let filter = filter_label(self.filters.get(self.filter).map(String::as_str).unwrap_or_default());
        let (shown, filter, query) = (self.shown.len(), filter.as_str(), self.query.as_str());
        let (full, short) = if query.is_empty() {
            (
                fl!("gallery-status", shown = shown, filter = filter),
                fl!("gallery-status-short", shown = shown, filter = filter),
            )
        } else {
            (
                fl!("gallery-status-search", shown = shown, filter = filter, query = query),
                fl!("gallery-status-search-short", shown = shown, filter = filter, query = query),
            )
        };
        // A phone's 45 columns: the keys that matter, and where to find the rest.
        if full.width() <= usize::from(width) { full } else { short }
    }

    fn render_grid(&mut self, vault: &Vault, area: Rect, buf: &mut Buffer) {
        if self.shown.is_empty() {
            Paragraph::new(fl!("gallery-empty")).render_ref(area, buf);
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
                    let kind = kind_label(&item.media_type);
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
                        Ok(()) => self.message = fl!("gallery-renamed"),
                        Err(e) => self.message = fl!("gallery-not-renamed", reason = e.to_string()),
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
                        Ok(()) => fl!("gallery-shredded"),
                        Err(clipvault::VaultError::Evidence(_)) => fl!("gallery-is-evidence"),
                        Err(e) => fl!("gallery-not-shredded", reason = e.to_string()),
                    };
                    self.pictures.remove(&id);
                    self.refresh(vault);
                }
            }
            (Mode::ConfirmShred, _) => self.message = fl!("gallery-nothing-shredded"),
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
            KeyCode::Esc => self.message = fl!("gallery-how-to-leave"),
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
                self.graphics.picture(&image, Size { width: grid.width, height: grid.height }).ok_or_else(cannot_show)
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
            self.message = fl!("gallery-no-display");
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
            break Ended::Signal;
        }
        if last_key.elapsed() >= args.idle_lock {
            break Ended::Idle;
        }
        if !event::poll(Duration::from_millis(250)).map_err(io)? {
            continue;
        }
        if let Event::Key(key) = event::read().map_err(io)?
            && key.kind == KeyEventKind::Press
        {
            last_key = Instant::now();
            if !app.key(key, &mut vault, area, &mut term)? {
                break Ended::Key;
            }
        }
    };
    drop(term);
    drop(app);
    ctx.status.say(&match reason {
        Ended::Signal => fl!("gallery-ended-signal"),
        Ended::Idle => fl!("gallery-ended-idle"),
        Ended::Key => fl!("gallery-ended-closed"),
    });
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

    #[test]
    fn the_help_shows_every_key_on_a_line_of_its_own() {
        let vault = vault_with(&["beach.jpg"]);
        let mut app = App::new(&vault, Graphics::blocks());
        app.mode = Mode::Help;
        let lines: Vec<String> = screen(&mut app, &vault).lines().map(|l| l.trim_end().to_string()).collect();
        assert_eq!(lines[0], "arrows, h j k l   move");
        assert_eq!(lines[7], "?                 these keys");
        assert_eq!(lines[9], "", "the empty line before the last two is kept");
        assert_eq!(lines[11], "Any key: back.");
    }
}
