//! Turning what a person typed (an id, an id prefix, a name) into one item, with errors that
//! say what to do. Used by every command that takes an ITEM.

use super::error::CliError;
use super::output::display_name;
use clipvault::{ItemRecord, Vault, VaultError};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

pub(super) fn resolve<'v>(vault: &'v Vault, query: &OsStr) -> Result<&'v ItemRecord, CliError> {
    vault.find(query.as_bytes()).map_err(|e| match e {
        VaultError::ItemNotFound => CliError::NotFound(format!("no item matches {:?}", display_name(query.as_bytes()))),
        VaultError::Ambiguous(ids) => {
            let candidates: Vec<String> = ids
                .iter()
                .filter_map(|id| vault.item(*id).ok())
                .map(|i| format!("{} ({})", &format!("{:016x}", i.id)[..12], display_name(&i.name)))
                .collect();
            CliError::NotFound(format!(
                "{:?} matches several items: {}; use a longer id",
                display_name(query.as_bytes()),
                candidates.join(", ")
            ))
        }
        other => other.into(),
    })
}
