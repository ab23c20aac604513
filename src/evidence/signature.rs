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

    /// The key's fingerprint as `ssh-keygen -l` prints it: `SHA256:` and the unpadded
    /// base64 of the public key blob's SHA-256. Given to someone trusted early (a lawyer, a
    /// helpline, an email to oneself), it tells later whether a bundle was signed by this key.
    pub fn fingerprint(&self) -> String {
        fingerprint_of_blob(&self.public_blob())
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

fn fingerprint_of_blob(blob: &[u8]) -> String {
    format!("SHA256:{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(sha2::Sha256::digest(blob)))
}

/// Why a signature does not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureError {
    /// The `allowed_signers` line or the signature file is not what `ssh-keygen` writes.
    Malformed(&'static str),
    /// Signed by another key than the one given.
    OtherKey,
    /// The key matches, but the signature is not over this message in this namespace.
    Invalid,
}

impl std::fmt::Display for SignatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignatureError::Malformed(what) => write!(f, "not an SSH signature as ssh-keygen writes it ({what})"),
            SignatureError::OtherKey => f.write_str("signed by another key"),
            SignatureError::Invalid => f.write_str("the signature does not match what it signs"),
        }
    }
}

/// The Ed25519 public key blob of one `allowed_signers` line (`principal ssh-ed25519 AAAA...`).
pub fn allowed_signer_blob(line: &str) -> Result<Vec<u8>, SignatureError> {
    let mut words = line.split_whitespace();
    let (_principal, kind, key) = (words.next(), words.next(), words.next());
    if kind != Some("ssh-ed25519") {
        return Err(SignatureError::Malformed("only ssh-ed25519 keys"));
    }
    base64::engine::general_purpose::STANDARD
        .decode(key.unwrap_or_default())
        .map_err(|_| SignatureError::Malformed("the key is not base64"))
}

/// The fingerprint (as `ssh-keygen -l` prints it) of one `allowed_signers` line's key.
pub fn allowed_signer_fingerprint(line: &str) -> Result<String, SignatureError> {
    Ok(fingerprint_of_blob(&allowed_signer_blob(line)?))
}

/// Checks an armored SSH signature (as [`SigningKey::sign`] and `ssh-keygen -Y sign` write)
/// of `message` in `namespace` by the key `public_blob`: what `ssh-keygen -Y verify` checks.
pub fn verify(public_blob: &[u8], namespace: &str, message: &[u8], armored: &str) -> Result<(), SignatureError> {
    let body: String = armored
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != "-----BEGIN SSH SIGNATURE-----")
        .skip(1)
        .take_while(|l| *l != "-----END SSH SIGNATURE-----")
        .collect();
    let blob = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| SignatureError::Malformed("not base64 between the armor lines"))?;
    let mut rest = blob.strip_prefix(b"SSHSIG").ok_or(SignatureError::Malformed("no SSHSIG magic"))?;
    let version = take(&mut rest, 4)?;
    if version != 1u32.to_be_bytes() {
        return Err(SignatureError::Malformed("not version 1"));
    }
    let key = take_string(&mut rest)?;
    let signed_namespace = take_string(&mut rest)?;
    let _reserved = take_string(&mut rest)?;
    let hash = take_string(&mut rest)?;
    let mut signature_blob = take_string(&mut rest)?;
    if key != public_blob {
        return Err(SignatureError::OtherKey);
    }
    if signed_namespace != namespace.as_bytes() || hash != b"sha512" {
        return Err(SignatureError::Invalid);
    }
    if take_string(&mut signature_blob)? != b"ssh-ed25519" {
        return Err(SignatureError::Malformed("only ssh-ed25519 signatures"));
    }
    let signature = ed25519_dalek::Signature::from_slice(take_string(&mut signature_blob)?)
        .map_err(|_| SignatureError::Malformed("an Ed25519 signature is 64 bytes"))?;
    let mut key_fields = public_blob;
    let (_kind, key_bytes) = (take_string(&mut key_fields)?, take_string(&mut key_fields)?);
    let key_bytes: [u8; 32] =
        key_bytes.try_into().map_err(|_| SignatureError::Malformed("an Ed25519 key is 32 bytes"))?;
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes).map_err(|_| SignatureError::Invalid)?;
    let mut signed = b"SSHSIG".to_vec();
    put_string(&mut signed, namespace.as_bytes());
    put_string(&mut signed, b"");
    put_string(&mut signed, b"sha512");
    put_string(&mut signed, &Sha512::digest(message));
    verifying.verify_strict(&signed, &signature).map_err(|_| SignatureError::Invalid)
}

fn take<'a>(rest: &mut &'a [u8], n: usize) -> Result<&'a [u8], SignatureError> {
    if rest.len() < n {
        return Err(SignatureError::Malformed("cut short"));
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Ok(head)
}

/// SSH's `string` read back.
fn take_string<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], SignatureError> {
    let len = u32::from_be_bytes(take(rest, 4)?.try_into().expect("4 bytes")) as usize;
    take(rest, len)
}

/// SSH's `string`: a big-endian u32 length, then the bytes.
fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}
