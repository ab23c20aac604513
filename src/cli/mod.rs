//! The `clipvault` command line: arguments, prompts, output and exit codes over the
//! library. Nothing below this module knows about clap or the terminal.

mod add;
mod agent;
pub mod args;
mod backup;
mod devices;
pub mod error;
mod evidence;
pub mod help;
mod inspect;
mod interrupt;
mod items;
mod keys;
mod leftovers;
mod maintenance;

mod output;
mod panic;
mod prompt;
mod resolve;
mod run;
#[cfg(feature = "serve")]
mod serve;
mod session;
#[cfg(feature = "gallery")]
mod terminal;
mod termux;
mod thumbnails_later;
mod view;
mod viewing;

pub use run::run;
