//! Wrapping the master key into a 128-byte key slot (FORMAT.md §4.2), in either form: the
//! version 1 labels, which slots written before format version 3 keep, or version 3's, which
//! tell a reader that the compartment's manifest must vouch for the slot's bytes
//! (FORMAT-v2.md §4.2). Writers write version 3's; readers open both.

use super::{CryptoError, Kek, MasterKey, SubKey, random_bytes};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce, Tag};
use rand::{CryptoRng, RngCore};

/// Length of one key slot.
pub const SLOT_LEN: usize = 128;
/// Which labels a slot was sealed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotForm {
    /// Version 1's labels: slots written before format version 3.
    V1,
    /// Version 3's labels: the compartment's manifest lists this slot's SHA-256.
    Bound,
}

impl SlotForm {
    /// (HKDF label of a passphrase slot's key, of a recovery slot's key, AEAD associated data).
    fn labels(self) -> (&'static [u8], &'static [u8], &'static [u8]) {
        match self {
            SlotForm::V1 => (PASSPHRASE_SLOT_INFO, RECOVERY_SLOT_INFO, b"clipvault/v1/slot"),
            SlotForm::Bound => (b"clipvault/v3/slot/passphrase", b"clipvault/v3/slot/recovery", b"clipvault/v3/slot"),
        }
    }
}

/// HKDF label of a version 1 passphrase slot's key.
pub const PASSPHRASE_SLOT_INFO: &[u8] = b"clipvault/v1/slot/passphrase";
const SALT_LEN: usize = 16;
const WRAPPED_LEN: usize = 32 + 16;

fn seal(key: &SubKey, aad: &[u8], master: &MasterKey) -> [u8; WRAPPED_LEN] {
    let mut out = [0u8; WRAPPED_LEN];
    out[..32].copy_from_slice(master.expose());
    let tag = ChaCha20Poly1305::new(key.expose().into())
        .encrypt_in_place_detached(&Nonce::default(), aad, &mut out[..32])
        .expect("32 bytes is within ChaCha20-Poly1305 limits");
    out[32..].copy_from_slice(&tag);
    out
}

fn open(key: &SubKey, aad: &[u8], wrapped: &[u8; WRAPPED_LEN]) -> Result<MasterKey, CryptoError> {
    let mut buf = [0u8; 32];
    buf.copy_from_slice(&wrapped[..32]);
    let tag = Tag::from_slice(&wrapped[32..]);
    let result =
        ChaCha20Poly1305::new(key.expose().into()).decrypt_in_place_detached(&Nonce::default(), aad, &mut buf, tag);
    let master = MasterKey::from_bytes(buf);
    zeroize::Zeroize::zeroize(&mut buf);
    result.map(|()| master).map_err(|_| CryptoError::DecryptionFailed)
}

/// A passphrase slot in the bound form: `slot_salt(16) || wrapped(48) || random(64)`.
pub fn wrap_with_kek(kek: &Kek, master: &MasterKey, rng: &mut (impl RngCore + CryptoRng)) -> [u8; SLOT_LEN] {
    wrap_with_kek_as(SlotForm::Bound, kek, master, rng)
}

/// A passphrase slot in the given form (version 1's only for test vectors of old files).
pub fn wrap_with_kek_as(
    form: SlotForm,
    kek: &Kek,
    master: &MasterKey,
    rng: &mut (impl RngCore + CryptoRng),
) -> [u8; SLOT_LEN] {
    let (info, _, aad) = form.labels();
    let mut slot: [u8; SLOT_LEN] = random_bytes(rng);
    let salt: [u8; SALT_LEN] = random_bytes(rng);
    let key = kek.derive(&salt, info);
    slot[..SALT_LEN].copy_from_slice(&salt);
    slot[SALT_LEN..SALT_LEN + WRAPPED_LEN].copy_from_slice(&seal(&key, aad, master));
    slot
}

/// Tries to unwrap a passphrase slot of either form. Fails for unused slots and for other
/// passphrases alike.
pub fn unwrap_with_kek(kek: &Kek, slot: &[u8; SLOT_LEN]) -> Result<MasterKey, CryptoError> {
    open_with_kek(kek, slot).map(|(master, _)| master)
}

/// [`unwrap_with_kek`], saying which form the slot has.
pub fn open_with_kek(kek: &Kek, slot: &[u8; SLOT_LEN]) -> Result<(MasterKey, SlotForm), CryptoError> {
    let wrapped: &[u8; WRAPPED_LEN] = slot[SALT_LEN..SALT_LEN + WRAPPED_LEN].try_into().expect("fixed slot layout");
    for form in [SlotForm::Bound, SlotForm::V1] {
        let (info, _, aad) = form.labels();
        if let Ok(master) = open(&kek.derive(&slot[..SALT_LEN], info), aad, wrapped) {
            return Ok((master, form));
        }
    }
    Err(CryptoError::DecryptionFailed)
}

/// HKDF label of a version 1 recovery slot's key.
pub const RECOVERY_SLOT_INFO: &[u8] = b"clipvault/v1/slot/recovery";
const SHARE_LEN: usize = 32;
const BODY_LEN: usize = 32;

/// A recovery slot: `share(32) || stanza_body(32) || wrapped(48) || random(16)`. A random
/// 16-byte file key is wrapped to `recipient` exactly as age's X25519 recipient does, and
/// the master key is sealed under `HKDF(file_key, share, RECOVERY_SLOT_INFO)`.
pub fn wrap_for_recipient(
    recipient: &age::x25519::Recipient,
    master: &MasterKey,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<[u8; SLOT_LEN], CryptoError> {
    use age::Recipient as _;
    use base64::Engine as _;
    let file_key_bytes: [u8; 16] = random_bytes(rng);
    let file_key = age_core::format::FileKey::new(Box::new(file_key_bytes));
    let (stanzas, _) = recipient.wrap_file_key(&file_key).map_err(|_| CryptoError::DecryptionFailed)?;
    let stanza = stanzas.first().ok_or(CryptoError::DecryptionFailed)?;
    let share = stanza
        .args
        .first()
        .and_then(|a| base64::engine::general_purpose::STANDARD_NO_PAD.decode(a).ok())
        .filter(|s| s.len() == SHARE_LEN)
        .ok_or(CryptoError::DecryptionFailed)?;
    if stanza.body.len() != BODY_LEN {
        return Err(CryptoError::DecryptionFailed);
    }
    let (_, info, aad) = SlotForm::Bound.labels();
    let key = super::keys::hkdf(&file_key_bytes, &share, info);
    let mut slot: [u8; SLOT_LEN] = random_bytes(rng);
    let top_bit = slot[SHARE_LEN - 1] & 0x80;
    slot[..SHARE_LEN].copy_from_slice(&share);
    // X25519 ignores the top bit of a share (RFC 7748 §5); a random one hides that it is 0.
    slot[SHARE_LEN - 1] = (slot[SHARE_LEN - 1] & 0x7f) | top_bit;
    slot[SHARE_LEN..SHARE_LEN + BODY_LEN].copy_from_slice(&stanza.body);
    slot[SHARE_LEN + BODY_LEN..SHARE_LEN + BODY_LEN + WRAPPED_LEN].copy_from_slice(&seal(&key, aad, master));
    Ok(slot)
}

/// Tries to unwrap a recovery slot of either form with an age X25519 identity.
pub fn unwrap_with_identity(identity: &age::x25519::Identity, slot: &[u8; SLOT_LEN]) -> Result<MasterKey, CryptoError> {
    open_with_identity(identity, slot).map(|(master, _)| master)
}

/// [`unwrap_with_identity`], saying which form the slot has.
pub fn open_with_identity(
    identity: &age::x25519::Identity,
    slot: &[u8; SLOT_LEN],
) -> Result<(MasterKey, SlotForm), CryptoError> {
    use age::Identity as _;
    use age_core::secrecy::ExposeSecret;
    use base64::Engine as _;
    let mut share = [0u8; SHARE_LEN];
    share.copy_from_slice(&slot[..SHARE_LEN]);
    share[SHARE_LEN - 1] &= 0x7f;
    let stanza = age_core::format::Stanza {
        tag: "X25519".into(),
        args: vec![base64::engine::general_purpose::STANDARD_NO_PAD.encode(share)],
        body: slot[SHARE_LEN..SHARE_LEN + BODY_LEN].to_vec(),
    };
    let file_key = match identity.unwrap_stanza(&stanza) {
        Some(Ok(key)) => key,
        _ => return Err(CryptoError::DecryptionFailed),
    };
    let wrapped: &[u8; WRAPPED_LEN] =
        slot[SHARE_LEN + BODY_LEN..SHARE_LEN + BODY_LEN + WRAPPED_LEN].try_into().expect("fixed slot layout");
    for form in [SlotForm::Bound, SlotForm::V1] {
        let (_, info, aad) = form.labels();
        let key = super::keys::hkdf(file_key.expose_secret(), &share, info);
        if let Ok(master) = open(&key, aad, wrapped) {
            return Ok((master, form));
        }
    }
    Err(CryptoError::DecryptionFailed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_round_trip_and_wrong_kek() {
        let rng = &mut rand::rngs::OsRng;
        let master = MasterKey::generate(rng);
        let kek = Kek::from_bytes([3; 32]);
        let slot = wrap_with_kek(&kek, &master, rng);
        assert_eq!(unwrap_with_kek(&kek, &slot).unwrap().expose(), master.expose());
        let other = Kek::from_bytes([4; 32]);
        assert_eq!(unwrap_with_kek(&other, &slot).err(), Some(CryptoError::DecryptionFailed));
        let random: [u8; SLOT_LEN] = random_bytes(rng);
        assert!(unwrap_with_kek(&kek, &random).is_err());
    }

    #[test]
    fn recovery_slot_round_trip() {
        let rng = &mut rand::rngs::OsRng;
        let master = MasterKey::generate(rng);
        let identity = age::x25519::Identity::generate();
        let slot = wrap_for_recipient(&identity.to_public(), &master, rng).unwrap();
        assert_eq!(unwrap_with_identity(&identity, &slot).unwrap().expose(), master.expose());
        let other = age::x25519::Identity::generate();
        assert!(unwrap_with_identity(&other, &slot).is_err());
        let kek = Kek::from_bytes([1; 32]);
        assert!(unwrap_with_kek(&kek, &slot).is_err());
        assert!(unwrap_with_identity(&identity, &wrap_with_kek(&kek, &master, rng)).is_err());
    }

    #[test]
    fn both_forms_open_and_say_which_they_are() {
        let rng = &mut rand::rngs::OsRng;
        let master = MasterKey::generate(rng);
        let kek = Kek::from_bytes([3; 32]);
        let bound = wrap_with_kek(&kek, &master, rng);
        let old = wrap_with_kek_as(SlotForm::V1, &kek, &master, rng);
        assert_eq!(open_with_kek(&kek, &bound).unwrap().1, SlotForm::Bound);
        assert_eq!(open_with_kek(&kek, &old).unwrap().1, SlotForm::V1);
        assert_eq!(open_with_kek(&kek, &old).unwrap().0.expose(), master.expose());
        let identity = age::x25519::Identity::generate();
        let recovery = wrap_for_recipient(&identity.to_public(), &master, rng).unwrap();
        assert_eq!(open_with_identity(&identity, &recovery).unwrap().1, SlotForm::Bound);
    }

    #[test]
    fn rewrapping_gives_fresh_bytes() {
        let rng = &mut rand::rngs::OsRng;
        let master = MasterKey::generate(rng);
        let kek = Kek::from_bytes([3; 32]);
        assert_ne!(wrap_with_kek(&kek, &master, rng), wrap_with_kek(&kek, &master, rng));
    }
}
