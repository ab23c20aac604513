//! Wrapping the master key into a 128-byte key slot (FORMAT.md §4.2).

use super::{CryptoError, Kek, MasterKey, SubKey, random_bytes};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce, Tag};
use rand::{CryptoRng, RngCore};

/// Length of one key slot.
pub const SLOT_LEN: usize = 128;
/// HKDF label of a passphrase slot's key.
pub const PASSPHRASE_SLOT_INFO: &[u8] = b"clipvault/v1/slot/passphrase";
/// Associated data of every wrapped master key.
const SLOT_AAD: &[u8] = b"clipvault/v1/slot";
const SALT_LEN: usize = 16;
const WRAPPED_LEN: usize = 32 + 16;

fn seal(key: &SubKey, master: &MasterKey) -> [u8; WRAPPED_LEN] {
    let mut out = [0u8; WRAPPED_LEN];
    out[..32].copy_from_slice(master.expose());
    let tag = ChaCha20Poly1305::new(key.expose().into())
        .encrypt_in_place_detached(&Nonce::default(), SLOT_AAD, &mut out[..32])
        .expect("32 bytes is within ChaCha20-Poly1305 limits");
    out[32..].copy_from_slice(&tag);
    out
}

fn open(key: &SubKey, wrapped: &[u8; WRAPPED_LEN]) -> Result<MasterKey, CryptoError> {
    let mut buf = [0u8; 32];
    buf.copy_from_slice(&wrapped[..32]);
    let tag = Tag::from_slice(&wrapped[32..]);
    let result = ChaCha20Poly1305::new(key.expose().into()).decrypt_in_place_detached(
        &Nonce::default(),
        SLOT_AAD,
        &mut buf,
        tag,
    );
    let master = MasterKey::from_bytes(buf);
    zeroize::Zeroize::zeroize(&mut buf);
    result.map(|()| master).map_err(|_| CryptoError::DecryptionFailed)
}

/// A passphrase slot: `slot_salt(16) || wrapped(48) || random(64)`.
pub fn wrap_with_kek(kek: &Kek, master: &MasterKey, rng: &mut (impl RngCore + CryptoRng)) -> [u8; SLOT_LEN] {
    let mut slot: [u8; SLOT_LEN] = random_bytes(rng);
    let salt: [u8; SALT_LEN] = random_bytes(rng);
    let key = kek.derive(&salt, PASSPHRASE_SLOT_INFO);
    slot[..SALT_LEN].copy_from_slice(&salt);
    slot[SALT_LEN..SALT_LEN + WRAPPED_LEN].copy_from_slice(&seal(&key, master));
    slot
}

/// Tries to unwrap a passphrase slot. Fails for unused slots and for other passphrases alike.
pub fn unwrap_with_kek(kek: &Kek, slot: &[u8; SLOT_LEN]) -> Result<MasterKey, CryptoError> {
    let key = kek.derive(&slot[..SALT_LEN], PASSPHRASE_SLOT_INFO);
    let wrapped: &[u8; WRAPPED_LEN] = slot[SALT_LEN..SALT_LEN + WRAPPED_LEN].try_into().expect("fixed slot layout");
    open(&key, wrapped)
}

/// HKDF label of a recovery slot's key.
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
    let key = super::keys::hkdf(&file_key_bytes, &share, RECOVERY_SLOT_INFO);
    let mut slot: [u8; SLOT_LEN] = random_bytes(rng);
    let top_bit = slot[SHARE_LEN - 1] & 0x80;
    slot[..SHARE_LEN].copy_from_slice(&share);
    // X25519 ignores the top bit of a share (RFC 7748 §5); a random one hides that it is 0.
    slot[SHARE_LEN - 1] = (slot[SHARE_LEN - 1] & 0x7f) | top_bit;
    slot[SHARE_LEN..SHARE_LEN + BODY_LEN].copy_from_slice(&stanza.body);
    slot[SHARE_LEN + BODY_LEN..SHARE_LEN + BODY_LEN + WRAPPED_LEN].copy_from_slice(&seal(&key, master));
    Ok(slot)
}

/// Tries to unwrap a recovery slot with an age X25519 identity.
pub fn unwrap_with_identity(identity: &age::x25519::Identity, slot: &[u8; SLOT_LEN]) -> Result<MasterKey, CryptoError> {
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
    let key = super::keys::hkdf(file_key.expose_secret(), &share, RECOVERY_SLOT_INFO);
    let wrapped: &[u8; WRAPPED_LEN] =
        slot[SHARE_LEN + BODY_LEN..SHARE_LEN + BODY_LEN + WRAPPED_LEN].try_into().expect("fixed slot layout");
    open(&key, wrapped)
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
    fn rewrapping_gives_fresh_bytes() {
        let rng = &mut rand::rngs::OsRng;
        let master = MasterKey::generate(rng);
        let kek = Kek::from_bytes([3; 32]);
        assert_ne!(wrap_with_kek(&kek, &master, rng), wrap_with_kek(&kek, &master, rng));
    }
}
