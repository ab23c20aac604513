//! What a backup takes from the vault (FORMAT-v2.md says nothing of backups: a backup holds
//! the file as it is): the file as its last commit left it, read whole under the writer's
//! lock, so that no commit, wipe or compact changes it meanwhile and a backup is never a
//! torn copy; and the passwords a backup repository opens with. One follows from the
//! passphrase alone (Argon2id with a fixed salt), so that a restore needs nothing but the
//! passphrase and the repository when the phone and its vault are gone; one follows from
//! the compartment's master key, so that a backup run through an unlock session, without the
//! passphrase, still opens the repository.

use super::error::VaultError;
use super::handle::VaultWriter;
use super::pipeline::copy_range;
use crate::crypto::{KdfParams, KdfProfile, Passphrase};
use std::io::Write;
use zeroize::Zeroizing;

/// Argon2id's salt for a repository password made from a passphrase. Fixed, so that it is
/// known when nothing but the passphrase is: what the repository guards is the vault file,
/// itself encrypted under its own random salt.
const REPOSITORY_SALT: &[u8; 32] = b"clipvault/v4/backup-repository!!";
/// HKDF label of the repository password made from a master key.
const REPOSITORY_INFO: &[u8] = b"clipvault/v4/backup-repository";

/// The repository password made from `passphrase`: 64 hex digits of Argon2id over it (the
/// standard profile: 64 MiB, 3 passes), the same for every vault with that passphrase.
pub fn repository_password_from_passphrase(passphrase: &Passphrase) -> Result<Zeroizing<String>, VaultError> {
    let params: KdfParams = KdfProfile::Standard.params();
    let kek = params
        .derive(passphrase.as_bytes(), REPOSITORY_SALT)
        .map_err(|_| VaultError::Refused("not enough memory to derive the backup password"))?;
    Ok(Zeroizing::new(hex::encode(kek.expose())))
}

impl VaultWriter {
    /// The repository password made from this compartment's master key (64 hex digits).
    pub fn repository_password(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.vault.master.derive(b"", REPOSITORY_INFO).expose()))
    }

    /// Writes the whole vault file, as committed, to `out`; returns how many bytes. The
    /// writer's lock is held throughout, so nothing changes it meanwhile.
    pub fn copy_file_to(&self, out: &mut dyn Write) -> Result<u64, VaultError> {
        self.ensure_writable()?;
        let len = self.vault.storage.len()?;
        copy_range(self.vault.storage.as_ref(), 0, len, &mut |_, bytes| out.write_all(bytes))?;
        out.flush()?;
        Ok(len)
    }
}
