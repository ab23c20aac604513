//! Evidence bundle signatures, checked with the tool lawyers, police and platforms already
//! have: OpenSSH's `ssh-keygen -Y verify` (`.ci/run` installs openssh-client).

use crate::fixture::require;
use clipvault::evidence::signature::{NAMESPACE, PRINCIPAL, SigningKey};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

fn verify(dir: &Path, namespace: &str, message: &[u8]) -> bool {
    let mut child = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(dir.join("allowed_signers"))
        .args(["-I", PRINCIPAL, "-n", namespace, "-s"])
        .arg(dir.join("SHA256SUMS.sig"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ssh-keygen is installed");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), message).unwrap();
    child.wait().unwrap().success()
}

#[test]
fn ssh_keygen_verifies_what_clipvault_signs_and_nothing_else() {
    require!("ssh-keygen");
    let dir = tempfile::tempdir().unwrap();
    let sums = b"3b1f0c...  screenshot-of-threat.png\n9a2e44...  chat-export.txt\n";
    let key = SigningKey::generate();
    fs::write(dir.path().join("allowed_signers"), format!("{}\n", key.allowed_signers_line())).unwrap();
    fs::write(dir.path().join("SHA256SUMS.sig"), key.sign(NAMESPACE, sums)).unwrap();
    assert!(verify(dir.path(), NAMESPACE, sums), "ssh-keygen -Y verify accepts the signature");
    // A changed file list, another namespace, or another key: all refused.
    let mut edited = sums.to_vec();
    edited[0] ^= 1;
    assert!(!verify(dir.path(), NAMESPACE, &edited));
    assert!(!verify(dir.path(), "file", sums));
    let other = SigningKey::generate();
    fs::write(dir.path().join("allowed_signers"), format!("{}\n", other.allowed_signers_line())).unwrap();
    assert!(!verify(dir.path(), NAMESPACE, sums));
}

#[test]
fn the_same_seed_signs_the_same_way() {
    let seed = [7u8; 32];
    let (a, b) = (SigningKey::from_seed(&seed), SigningKey::from_seed(&seed));
    assert_eq!(a.allowed_signers_line(), b.allowed_signers_line());
    // Ed25519 is deterministic: the same message gives the same signature.
    assert_eq!(a.sign(NAMESPACE, b"x"), b.sign(NAMESPACE, b"x"));
    assert!(a.sign(NAMESPACE, b"x").lines().all(|l| l.len() <= 70));
}

/// The other way round, against OpenSSH itself: a signature `ssh-keygen -Y sign` makes with an
/// Ed25519 key checks with clipvault's `verify` (and fails for another message, namespace or
/// key), and clipvault's fingerprint of an `allowed_signers` line is what `ssh-keygen -l`
/// prints for that key.
#[test]
fn clipvault_checks_what_ssh_keygen_signs_and_fingerprints_as_it_does() {
    require!("ssh-keygen");
    use clipvault::evidence::signature::{SignatureError, allowed_signer_blob, allowed_signer_fingerprint, verify};
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("id");
    let made =
        Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"]).arg(&key).status();
    assert!(made.unwrap().success());
    let message = dir.path().join("SHA256SUMS");
    fs::write(&message, b"3b1f0c  threat.png\n").unwrap();
    let signed =
        Command::new("ssh-keygen").args(["-Y", "sign", "-n", NAMESPACE, "-f"]).arg(&key).arg(&message).status();
    assert!(signed.unwrap().success());
    let armored = fs::read_to_string(dir.path().join("SHA256SUMS.sig")).unwrap();
    let public = fs::read_to_string(dir.path().join("id.pub")).unwrap();
    let line = format!("{PRINCIPAL} {}", public.trim());
    let blob = allowed_signer_blob(&line).unwrap();
    assert_eq!(verify(&blob, NAMESPACE, b"3b1f0c  threat.png\n", &armored), Ok(()));
    assert_eq!(verify(&blob, NAMESPACE, b"3b1f0c  threat.jpg\n", &armored), Err(SignatureError::Invalid));
    assert_eq!(verify(&blob, "file", b"3b1f0c  threat.png\n", &armored), Err(SignatureError::Invalid));
    let other = allowed_signer_blob(&SigningKey::generate().allowed_signers_line()).unwrap();
    assert_eq!(verify(&other, NAMESPACE, b"3b1f0c  threat.png\n", &armored), Err(SignatureError::OtherKey));

    let listed = Command::new("ssh-keygen").args(["-l", "-f"]).arg(dir.path().join("id.pub")).output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let theirs = listed.split_whitespace().nth(1).unwrap();
    assert_eq!(allowed_signer_fingerprint(&line).unwrap(), theirs);
    let ours = SigningKey::generate();
    fs::write(dir.path().join("ours.pub"), ours.allowed_signers_line().trim_start_matches(PRINCIPAL).trim()).unwrap();
    let listed = Command::new("ssh-keygen").args(["-l", "-f"]).arg(dir.path().join("ours.pub")).output().unwrap();
    assert_eq!(String::from_utf8(listed.stdout).unwrap().split_whitespace().nth(1).unwrap(), ours.fingerprint());
}
