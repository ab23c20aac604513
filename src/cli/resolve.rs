//! Turning what a person typed (an id, an id prefix, a name) into one item, with errors that
//! say what to do. Used by every command that takes an ITEM.

use super::error::CliError;
use super::output::{display_name, quoted};
use clipvault::{ItemRecord, Vault, VaultError, fl};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

pub(super) fn resolve<'v>(vault: &'v Vault, query: &OsStr) -> Result<&'v ItemRecord, CliError> {
    vault.find(query.as_bytes()).map_err(|e| match e {
        VaultError::ItemNotFound => {
            let typed = display_name(query.as_bytes());
            CliError::NotFound(not_found(&quoted(&typed), &closest_names(vault, &typed)))
        }
        VaultError::Ambiguous(ids) => {
            let candidates: Vec<String> = ids
                .iter()
                .filter_map(|id| vault.item(*id).ok())
                .map(|i| format!("{} ({})", &format!("{:016x}", i.id)[..12], display_name(&i.name)))
                .collect();
            CliError::NotFound(fl!(
                "resolve-ambiguous",
                typed = quoted(query.as_bytes()),
                candidates = candidates.join(", ")
            ))
        }
        other => other.into(),
    })
}

/// No item matches `typed` (quoted): with up to three names that look like it.
fn not_found(typed: &str, like: &[String]) -> String {
    match like {
        [] => fl!("resolve-no-match", typed = typed),
        [a] => fl!("resolve-no-match-one", typed = typed, first = a.as_str()),
        [a, b] => fl!("resolve-no-match-two", typed = typed, first = a.as_str(), second = b.as_str()),
        [a, b, c, ..] => {
            fl!("resolve-no-match-three", typed = typed, first = a.as_str(), second = b.as_str(), third = c.as_str())
        }
    }
}

/// Up to three stored names that look like `typed` (by edit distance, ignoring case, on the
/// whole name or its last path component), most alike first, quoted; a name that several
/// items share comes with its item's id, which is what to type then.
fn closest_names(vault: &Vault, typed: &str) -> Vec<String> {
    let typed = typed.to_lowercase();
    let mut scored: Vec<(f64, &ItemRecord)> = vault
        .items()
        .map(|item| {
            let lower = display_name(&item.name).to_lowercase();
            let last = lower.rsplit('/').next().unwrap_or(&lower).to_string();
            let score =
                strsim::normalized_levenshtein(&typed, &lower).max(strsim::normalized_levenshtein(&typed, &last));
            (score, item)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, item)| match vault.items().filter(|other| other.name == item.name).count() {
            1 => quoted(&item.name),
            _ => fl!("resolve-name-with-id", name = quoted(&item.name), id = format!("{:08x}", item.id >> 32)),
        })
        .collect()
}
