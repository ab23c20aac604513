//! Cryptographic building blocks: key types, the passphrase KDF, HKDF derivations, key-slot
//! wrapping, the header MAC and age's STREAM payload cipher.
//!
//! Nothing here touches files; callers hand in bytes. No primitive is implemented here: they
//! come from the RustCrypto crates (`argon2`, `chacha20poly1305`, `hkdf`, `hmac`, `sha2`) and,
//! for the payload chunks where speed matters, `ring`'s ChaCha20-Poly1305 (same output).

mod kdf;
pub(crate) mod keys;
mod slot;
#[allow(unsafe_code)] // the zeroized ring key (`WipedKey`), audited
pub mod stream;

pub use kdf::{KdfParams, KdfProfile, MAX_ITERATIONS, MAX_MEMORY_KIB, MAX_PARALLELISM, affordable_kdf_memory_kib};
pub use keys::{FileKey, Kek, MasterKey, Passphrase, SubKey, open, random_bytes, seal};
pub use slot::{
    PASSPHRASE_SLOT_INFO, RECOVERY_SLOT_INFO, SLOT_LEN, SlotForm, open_with_identity, open_with_kek,
    unwrap_with_identity, unwrap_with_kek, wrap_for_recipient, wrap_with_kek, wrap_with_kek_as,
};

use std::fmt;

/// Every failure of this layer. AEAD failures are deliberately opaque: a wrong key and a
/// tampered ciphertext look the same.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// Authentication failed: wrong key, or the bytes were altered.
    DecryptionFailed,
    /// The KDF parameters are outside what this version accepts.
    KdfParams(&'static str),
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::DecryptionFailed => f.write_str("decryption failed"),
            CryptoError::KdfParams(why) => {
                write!(f, "unacceptable key derivation parameters: {why}")
            }
        }
    }
}

impl std::error::Error for CryptoError {}
