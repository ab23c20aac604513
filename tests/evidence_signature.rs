//! Evidence bundle signatures, checked with the tool lawyers, police and platforms already
//! have: OpenSSH's `ssh-keygen -Y verify` (`.ci/run` installs openssh-client).

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
