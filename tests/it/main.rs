//! The integration tests, one binary (the library and the tests are linked once, not once per
//! file): a module per area, as the files under `tests/` were, beside the command-line
//! fixture every module uses (`fixture.rs`: the real binary on a vault in a temporary folder,
//! the outside-tool policy, the locks that keep timed tests away from heavy ones) and the
//! library-level helpers (`common.rs`).
//!
//! The tests run on parallel threads of this one process, so none of them changes what the
//! process shares: no environment variable is set (a child gets its own through `Command`),
//! the working folder is never changed (a child gets `current_dir`), and no signal disposition,
//! umask or terminal setting of this process is touched.
//!
//! `cargo test --test it MODULE::` runs one module's tests: `cargo test --test it process::`.

mod common;
mod fixture;

mod age_stream;
mod backup;
mod batches;
mod browser;
mod checkpoint;
mod cli;
mod compartments;
mod corruption;
mod ctrl_c;
mod decoy_statistics;
mod devices;
mod evidence;
mod evidence_signature;
mod fingerprints;
mod first_hour;
mod gallery;
mod hostile;
mod keys_and_age;
mod languages;
mod layout;
mod leftovers;
mod metadata;
mod panic;
mod process;
mod readme_tour;
mod serve;
mod session;
mod spec_example;
mod stress;
mod terminal;
mod termux;
mod thumbnails;
mod thumbnails_later;
mod upgrade;
mod vault;
mod vectors;
mod view_memory;
