//! SSH signatures (OpenSSH's SSHSIG format, PROTOCOL.sshsig) made with an Ed25519 key, so that
//! anyone can check an evidence bundle with the tool they already have:
//! `ssh-keygen -Y verify -f allowed_signers -I clipvault -n clipvault-evidence -s SHA256SUMS.sig < SHA256SUMS`.
//! The signature itself comes from `ed25519-dalek`; this module only frames it.

use base64::Engine as _;
use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha512};

/// The namespace evidence bundles are signed in (`ssh-keygen -n`).
pub const NAMESPACE: &str = "clipvault-evidence";
/// The principal the `allowed_signers` file names (`ssh-keygen -I`).
pub const PRINCIPAL: &str = "clipvault";

/// A vault's evidence signing key (its 32-byte seed is kept inside the vault).
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// A new random key.
    pub fn generate() -> SigningKey {
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed[..]);
        SigningKey::from_seed(&seed)
    }

    pub fn from_seed(seed: &[u8; 32]) -> SigningKey {
        SigningKey(ed25519_dalek::SigningKey::from_bytes(seed))
    }

    /// The public key in SSH wire form: `string "ssh-ed25519" || string key`.
    fn public_blob(&self) -> Vec<u8> {
        let mut blob = Vec::new();
        put_string(&mut blob, b"ssh-ed25519");
        put_string(&mut blob, self.0.verifying_key().as_bytes());
        blob
    }

    /// One line of an `allowed_signers` file: `clipvault ssh-ed25519 AAAA...`.
    pub fn allowed_signers_line(&self) -> String {
        format!("{PRINCIPAL} ssh-ed25519 {}", base64::engine::general_purpose::STANDARD.encode(self.public_blob()))
    }

    /// An armored SSH signature of `message` in `namespace`, as `ssh-keygen -Y sign` writes.
    pub fn sign(&self, namespace: &str, message: &[u8]) -> String {
        // What is signed: MAGIC || string namespace || string reserved || string hash || string H(message).
        let mut signed = b"SSHSIG".to_vec();
        put_string(&mut signed, namespace.as_bytes());
        put_string(&mut signed, b"");
        put_string(&mut signed, b"sha512");
        put_string(&mut signed, &Sha512::digest(message));
        let signature = self.0.sign(&signed);
        let mut signature_blob = Vec::new();
        put_string(&mut signature_blob, b"ssh-ed25519");
        put_string(&mut signature_blob, &signature.to_bytes());
        // The file: MAGIC || uint32 version 1 || string publickey || string namespace ||
        // string reserved || string hash || string signature.
        let mut blob = b"SSHSIG".to_vec();
        blob.extend_from_slice(&1u32.to_be_bytes());
        put_string(&mut blob, &self.public_blob());
        put_string(&mut blob, namespace.as_bytes());
        put_string(&mut blob, b"");
        put_string(&mut blob, b"sha512");
        put_string(&mut blob, &signature_blob);
        let encoded = base64::engine::general_purpose::STANDARD.encode(blob);
        let mut armored = String::from("-----BEGIN SSH SIGNATURE-----\n");
        for line in encoded.as_bytes().chunks(70) {
            armored.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            armored.push('\n');
        }
        armored.push_str("-----END SSH SIGNATURE-----\n");
        armored
    }
}

/// SSH's `string`: a big-endian u32 length, then the bytes.
fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}
