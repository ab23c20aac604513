//! The terminal taken over for pictures: the gallery (`gallery.rs`), what a terminal can draw
//! and how (`graphics.rs`: sixel, kitty, iTerm2, half-blocks), and the screen itself
//! (`screen.rs`: raw mode, the alternate screen, and clearing everything on the way out).
//! The rest of the CLI prints lines; only this room draws.

pub(super) mod gallery;
mod graphics;
pub(super) mod screen;
