//! The `clipvault` command line: arguments, prompts, output and exit codes over the
//! library. Nothing below this module knows about clap or the terminal.

pub mod args;
pub mod error;
mod names;
mod output;
mod prompt;
mod run;
mod view;

pub use run::run;
