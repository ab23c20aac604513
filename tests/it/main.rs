//! The integration tests, one binary (the library and the tests are linked once, not once per
//! file): a module per area, as the files under `tests/` were, beside what they share: the
//! command-line fixture (`fixture.rs`) and the library-level helpers (`common.rs`).
//!
//! `cargo test --test it MODULE::` runs one module's tests: `cargo test --test it process::`.

mod common;
mod fixture;

mod age_stream;
mod browser;
mod cli;
mod compartments;
mod corruption;
mod ctrl_c;
mod decoy_statistics;
mod evidence;
mod evidence_signature;
mod fingerprints;
mod first_hour;
mod gallery;
mod hostile;
mod keys_and_age;
mod layout;
mod panic;
mod process;
mod readme_tour;
mod serve;
mod session;
mod spec_example;
mod stress;
mod terminal;
mod thumbnails;
mod upgrade;
mod vault;
mod vectors;
