//! Checking an evidence bundle folder, as its README.txt tells a reader to with `sha256sum -c`
//! and `ssh-keygen -Y verify`, and one thing more: that it was signed by a key known before,
//! by the fingerprint the owner gave someone trusted early (`clipvault evidence key`). Without
//! that anchor, a bundle proves only that its files match the key inside it, which anyone who
//! changed the files could have replaced.

use super::signature::{self, NAMESPACE};
use sha2::{Digest, Sha256};
use std::path::Path;

/// What a bundle check found.
#[derive(Debug)]
pub struct Checked {
    /// Files listed in SHA256SUMS, all matching.
    pub files: usize,
    /// The fingerprint of the key that signed it.
    pub signed_by: String,
    /// Whether that key is the one given (`None`: none was given).
    pub key_matches: Option<bool>,
}

/// Why a bundle does not check.
#[derive(Debug)]
pub enum BundleProblem {
    /// A file of the bundle is missing or unreadable.
    Missing(String),
    /// Files whose content is not what SHA256SUMS says.
    Changed(Vec<String>),
    /// The signature over SHA256SUMS does not check with the bundle's key.
    Signature(signature::SignatureError),
    /// Signed, but by another key than the one given: `(found, expected)`.
    OtherKey(String, String),
}

impl std::fmt::Display for BundleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleProblem::Missing(what) => write!(f, "{what} is missing or unreadable"),
            BundleProblem::Changed(files) => write!(f, "changed since the bundle was made: {}", files.join(", ")),
            BundleProblem::Signature(e) => write!(f, "SHA256SUMS.sig: {e}"),
            BundleProblem::OtherKey(found, expected) => write!(
                f,
                "signed by key {found}, not by {expected}: the bundle's key was replaced, so its files may have been too"
            ),
        }
    }
}

/// Checks the bundle in folder `dir`: every file against SHA256SUMS, SHA256SUMS against its
/// signature by the key in `allowed_signers`, and, if `expected` is given (a fingerprint as
/// `ssh-keygen -l` prints it), that key against it.
pub fn check_bundle(dir: &Path, expected: Option<&str>) -> Result<Checked, BundleProblem> {
    let read = |name: &str| std::fs::read(dir.join(name)).map_err(|_| BundleProblem::Missing(name.to_string()));
    let signers =
        String::from_utf8(read("allowed_signers")?).map_err(|_| BundleProblem::Missing("allowed_signers".into()))?;
    let line = signers.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let blob = signature::allowed_signer_blob(line).map_err(BundleProblem::Signature)?;
    let signed_by = signature::allowed_signer_fingerprint(line).map_err(BundleProblem::Signature)?;
    if let Some(expected) = expected
        && expected.trim() != signed_by
    {
        return Err(BundleProblem::OtherKey(signed_by, expected.trim().to_string()));
    }
    let sums = read("SHA256SUMS")?;
    let armored =
        String::from_utf8(read("SHA256SUMS.sig")?).map_err(|_| BundleProblem::Missing("SHA256SUMS.sig".into()))?;
    signature::verify(&blob, NAMESPACE, &sums, &armored).map_err(BundleProblem::Signature)?;
    let mut changed = Vec::new();
    let mut files = 0;
    for entry in String::from_utf8_lossy(&sums).lines() {
        let Some((hash, rel)) = entry.split_once("  ") else { continue };
        files += 1;
        // Only names inside the bundle: a SHA256SUMS line cannot send the check elsewhere.
        let inside = !rel.starts_with('/') && !rel.split('/').any(|part| part == "..");
        let actual =
            inside.then(|| std::fs::read(dir.join(rel)).ok()).flatten().map(|b| hex::encode(Sha256::digest(b)));
        if actual.as_deref() != Some(hash) {
            changed.push(rel.to_string());
        }
    }
    if !changed.is_empty() {
        return Err(BundleProblem::Changed(changed));
    }
    Ok(Checked { files, signed_by, key_matches: expected.map(|_| true) })
}
