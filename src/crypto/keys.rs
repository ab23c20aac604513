//! Key types. Every key zeroizes on drop and has no `Debug`, so it cannot end up in a log or
//! an error message by accident.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::{CryptoRng, RngCore};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// `N` bytes from `rng`.
pub fn random_bytes<const N: usize>(rng: &mut (impl RngCore + CryptoRng)) -> [u8; N] {
    let mut out = [0u8; N];
    rng.fill_bytes(&mut out);
    out
}

macro_rules! secret_key {
    ($(#[$doc:meta])* $name:ident, $len:expr) => {
        $(#[$doc])*
        #[derive(Clone, Zeroize, ZeroizeOnDrop)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Wraps raw key bytes.
            pub fn from_bytes(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }
            /// The raw key bytes; keep the borrow short.
            pub fn expose(&self) -> &[u8; $len] {
                &self.0
            }
        }
    };
}

secret_key!(
    /// The vault's 256-bit master key; every other key of the vault derives from it or is
    /// stored under it.
    MasterKey, 32
);
secret_key!(
    /// A key-encryption key: Argon2id output for one passphrase.
    Kek, 32
);
secret_key!(
    /// A 256-bit key derived with HKDF for one purpose (a segment, the commit record, a slot).
    SubKey, 32
);
secret_key!(
    /// An item's 16-byte age file key.
    FileKey, 16
);

impl MasterKey {
    /// A fresh random master key.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> Self {
        Self(random_bytes(rng))
    }

    /// `HKDF-SHA-256(ikm = master, salt, info)`.
    pub fn derive(&self, salt: &[u8], info: &[u8]) -> SubKey {
        hkdf(&self.0, salt, info)
    }

    /// Whether `other` is the same key (compared in constant time).
    pub fn same_key(&self, other: &MasterKey) -> bool {
        bool::from(subtle::ConstantTimeEq::ct_eq(&self.0[..], &other.0[..]))
    }

    /// `HMAC-SHA-256(HKDF(master, "", "clipvault/v1/header-mac"), msg)`.
    pub fn header_mac(&self, msg: &[u8]) -> [u8; 32] {
        let key = self.derive(b"", HEADER_MAC_INFO);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose()).expect("HMAC takes any key length");
        mac.update(msg);
        mac.finalize().into_bytes().into()
    }

    /// A version 2 area's key commitment: `HMAC-SHA-256(HKDF(master, "",
    /// "clipvault/v2/key-check"), "clipvault/v2/key-check" || binding)`.
    pub fn key_check(&self, binding: &[u8]) -> [u8; 32] {
        let key = self.derive(b"", KEY_CHECK_INFO);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose()).expect("HMAC takes any key length");
        mac.update(KEY_CHECK_INFO);
        mac.update(binding);
        mac.finalize().into_bytes().into()
    }

    /// Where a compartment with this master key keeps its key slots and its area
    /// (FORMAT-v2.md §8): the slot indices in order of preference, and the area index. Both
    /// come from `HKDF(master, "", "clipvault/v2/placement")`, so they are as random as the key
    /// and say nothing about which compartment came first.
    pub fn placement(&self) -> ([usize; 8], usize) {
        let bytes = self.derive(b"", PLACEMENT_INFO);
        let bytes = bytes.expose();
        let pick = |i: usize, n: usize| usize::from(u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]])) % n;
        // Fisher-Yates, with 16 bits of the key per swap (bias under 8 in 65536).
        let mut order = [0, 1, 2, 3, 4, 5, 6, 7];
        for i in (1..8).rev() {
            order.swap(i, pick(i, i + 1));
        }
        (order, pick(8, 8))
    }

    /// Checks a header MAC in constant time.
    pub fn verify_header_mac(&self, msg: &[u8], tag: &[u8; 32]) -> bool {
        let key = self.derive(b"", HEADER_MAC_INFO);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose()).expect("HMAC takes any key length");
        mac.update(msg);
        mac.verify_slice(tag).is_ok()
    }
}

impl Kek {
    /// `HKDF-SHA-256(ikm = kek, salt, info)`.
    pub fn derive(&self, salt: &[u8], info: &[u8]) -> SubKey {
        hkdf(&self.0, salt, info)
    }
}

impl FileKey {
    /// A fresh random file key.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> Self {
        Self(random_bytes(rng))
    }
}

/// HKDF label of a compartment's placement.
pub const PLACEMENT_INFO: &[u8] = b"clipvault/v2/placement";

/// HKDF label of the key-check key, and the prefix of what it authenticates.
pub const KEY_CHECK_INFO: &[u8] = b"clipvault/v2/key-check";

/// HKDF label of the header MAC key.
pub const HEADER_MAC_INFO: &[u8] = b"clipvault/v1/header-mac";

pub(crate) fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> SubKey {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, &mut out)
        .expect("32 bytes is a valid HKDF-SHA-256 output length");
    SubKey(out)
}

/// A passphrase, normalised to Unicode NFC and held as UTF-8 that is wiped on drop.
#[derive(Clone)]
pub struct Passphrase(zeroize::Zeroizing<Vec<u8>>);

impl Passphrase {
    /// Normalises `text` to NFC, so the same passphrase typed on any keyboard matches.
    pub fn new(text: &str) -> Self {
        use unicode_normalization::UnicodeNormalization;
        let normalized: String = text.nfc().collect();
        Passphrase(zeroize::Zeroizing::new(normalized.into_bytes()))
    }

    /// The UTF-8 bytes fed to the KDF.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether it has no characters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Seals `buf` in place with ChaCha20-Poly1305 and appends the tag.
pub fn seal(key: &SubKey, nonce: &[u8; 12], aad: &[u8], buf: &mut Vec<u8>) {
    use chacha20poly1305::aead::{AeadInPlace, KeyInit};
    chacha20poly1305::ChaCha20Poly1305::new(key.expose().into())
        .encrypt_in_place(nonce.into(), aad, buf)
        .expect("Vec grows to hold the tag");
}

/// Opens `buf` (ciphertext and tag) in place, leaving the plaintext.
pub fn open(key: &SubKey, nonce: &[u8; 12], aad: &[u8], buf: &mut Vec<u8>) -> Result<(), super::CryptoError> {
    use chacha20poly1305::aead::{AeadInPlace, KeyInit};
    chacha20poly1305::ChaCha20Poly1305::new(key.expose().into())
        .decrypt_in_place(nonce.into(), aad, buf)
        .map_err(|_| super::CryptoError::DecryptionFailed)
}
