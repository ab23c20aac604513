//! Standard age files (age-encryption.org/v1): exporting an item as one, and the header that
//! wraps the item's own file key to age recipients. An item's payload already is an age
//! payload (FORMAT.md §6), so export writes a header and copies the payload verbatim.
//!
//! Importing uses the `age` crate's decryptor directly (see the CLI's `import`), with the
//! scrypt policy below for passphrase-protected files, both ways.

use crate::crypto::keys::hkdf;
use crate::vault::read::for_each_sealed_batch;
use crate::vault::{Vault, VaultError};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::io::Write;

const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";

/// The most scrypt work any `.age` file may ask for: age's own cap, 2^22 (4 GiB).
pub const MAX_SCRYPT_WORK_FACTOR: u8 = 22;
/// scrypt work factor of `.age` files exported with a passphrase: age's reference default,
/// 2^18 (256 MiB). Not the age crate's factor calibrated to this machine (19-20 on a fast
/// one, up to 1 GiB to open), so that a phone can open the files and importing them needs no
/// `--allow-costly-kdf`.
pub const EXPORT_SCRYPT_WORK_FACTOR: u8 = 18;

/// A recipient that seals `.age` files with `passphrase`, at [`EXPORT_SCRYPT_WORK_FACTOR`].
pub fn passphrase_recipient(passphrase: &crate::Passphrase) -> age::scrypt::Recipient {
    let text = String::from_utf8(passphrase.as_bytes().to_vec()).expect("a Passphrase holds UTF-8");
    let mut recipient = age::scrypt::Recipient::new(age::secrecy::SecretString::from(text));
    recipient.set_work_factor(EXPORT_SCRYPT_WORK_FACTOR);
    recipient
}

/// An identity that opens `.age` files sealed with `passphrase`, refusing any whose work
/// factor is beyond what this device affords (scrypt with r = 8 needs 1 KiB per unit of 2^N:
/// a hostile file at N = 22 would allocate 4 GiB, an abort on a phone), unless
/// `allow_costly`, which lifts the cap to [`MAX_SCRYPT_WORK_FACTOR`].
pub fn passphrase_identity(passphrase: &crate::Passphrase, allow_costly: bool) -> age::scrypt::Identity {
    let text = String::from_utf8(passphrase.as_bytes().to_vec()).expect("a Passphrase holds UTF-8");
    let mut identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(text));
    identity.set_max_work_factor(if allow_costly { MAX_SCRYPT_WORK_FACTOR } else { affordable_scrypt_work_factor() });
    identity
}

/// The largest scrypt work factor N (memory 2^N KiB with r = 8) within
/// [`crate::crypto::affordable_kdf_memory_kib`], at most [`MAX_SCRYPT_WORK_FACTOR`].
pub fn affordable_scrypt_work_factor() -> u8 {
    (crate::crypto::affordable_kdf_memory_kib().max(1).ilog2() as u8).min(MAX_SCRYPT_WORK_FACTOR)
}
const COLUMNS: usize = 64;

/// Writes `item` as a complete age file to `out`, readable by `age -d` with any identity
/// matching one of `recipients`. Every chunk is authenticated before it is copied.
pub fn export_age(
    vault: &Vault,
    id: u64,
    recipients: &[Box<dyn age::Recipient + Send>],
    out: &mut dyn Write,
) -> Result<(), VaultError> {
    let item = vault.item(id)?;
    let header = header(&item.file_key, recipients)?;
    out.write_all(&header)?;
    for_each_sealed_batch(vault.storage(), item, &mut |bytes| out.write_all(bytes).map_err(VaultError::Io))
}

/// The age header that wraps `file_key` to every recipient, with its MAC.
fn header(file_key: &[u8; 16], recipients: &[Box<dyn age::Recipient + Send>]) -> Result<Vec<u8>, VaultError> {
    if recipients.is_empty() {
        return Err(VaultError::Refused("an age file needs at least one recipient"));
    }
    let key = age_core::format::FileKey::new(Box::new(*file_key));
    let mut out = VERSION_LINE.to_vec();
    let mut first_labels = None;
    for recipient in recipients {
        let (stanzas, labels) =
            recipient.wrap_file_key(&key).map_err(|_| VaultError::Refused("an age recipient could not be used"))?;
        // As age's Encryptor: recipients must carry the same labels, so one that must be
        // alone (a passphrase's scrypt stanza has a label of its own) is never mixed in.
        match &first_labels {
            None => first_labels = Some(labels),
            Some(first) if *first != labels => {
                return Err(VaultError::Refused(
                    "these age recipients cannot share one file (a passphrase must be its only recipient)",
                ));
            }
            Some(_) => {}
        }
        for stanza in stanzas {
            out.extend_from_slice(b"-> ");
            out.extend_from_slice(stanza.tag.as_bytes());
            for arg in &stanza.args {
                out.push(b' ');
                out.extend_from_slice(arg.as_bytes());
            }
            out.push(b'\n');
            // The body is base64 in full 64-column lines, ended by a shorter (maybe empty) one.
            let body = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&stanza.body);
            for line in body.as_bytes().chunks(COLUMNS) {
                out.extend_from_slice(line);
                out.push(b'\n');
            }
            if body.len() % COLUMNS == 0 {
                out.push(b'\n');
            }
        }
    }
    out.extend_from_slice(b"---");
    let mac_key = hkdf(file_key, b"", b"header");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.expose()).expect("HMAC takes any key length");
    mac.update(&out);
    out.push(b' ');
    out.extend_from_slice(
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(mac.finalize().into_bytes()).as_bytes(),
    );
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x25519() -> Box<dyn age::Recipient + Send> {
        Box::new(age::x25519::Identity::generate().to_public())
    }

    #[test]
    fn a_passphrase_recipient_is_never_mixed_with_another() {
        let mut scrypt = age::scrypt::Recipient::new(age::secrecy::SecretString::from("a passphrase".to_owned()));
        scrypt.set_work_factor(2);
        let scrypt: Box<dyn age::Recipient + Send> = Box::new(scrypt);
        assert!(matches!(header(&[1; 16], &[x25519(), scrypt]), Err(VaultError::Refused(_))));
        assert!(header(&[1; 16], &[x25519(), x25519()]).is_ok());
    }
}
