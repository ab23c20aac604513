//! Key slots (several passphrases, a recovery key) and interoperability with the real `age`
//! command-line tool (Debian package `age`, installed by `.ci/run`).

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::{Path, PathBuf};

const PASS: &str = "tulip seventeen harbor gravel";
/// Argon2id parameters small enough for tests.
const TINY_KDF: [&str; 6] = ["--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"];

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A folder with a passphrase file `pass` and an initialised vault.
    fn new() -> Env {
        let env = Env::empty();
        env.cv("pass").arg("init").args(TINY_KDF).assert().success();
        env
    }

    /// A folder with a passphrase file `pass` and no vault yet.
    fn empty() -> Env {
        let env = Env { dir: tempfile::tempdir().unwrap() };
        fs::write(env.path("pass"), format!("{PASS}\n")).unwrap();
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// clipvault on this folder's vault, with a clean environment and an empty stdin.
    fn bare(&self) -> Command {
        let mut c = Command::from_std(crate::fixture::clipvault());
        c.env_remove("CLIPVAULT_VAULT").env_remove("CLIPVAULT_PASSPHRASE_FILE").write_stdin("");
        c.arg("--vault").arg(self.path("v.clipvault"));
        c
    }

    /// Opened with the passphrase file `pass`.
    fn cv(&self, pass: &str) -> Command {
        let mut c = self.bare();
        c.arg("--passphrase-file").arg(self.path(pass));
        c
    }

    /// Adds `len` random bytes as item `name`; returns them.
    fn add_random(&self, name: &str, len: usize) -> Vec<u8> {
        let data = random_bytes(len);
        fs::write(self.path(name), &data).unwrap();
        self.cv("pass").arg("add").arg(self.path(name)).assert().success();
        data
    }

    /// Opened with a recovery identity.
    fn with_identity(&self, identity: &Path) -> Command {
        let mut c = self.bare();
        c.arg("--identity").arg(identity);
        c
    }

    fn keygen(&self, name: &str) -> (PathBuf, String) {
        let key = self.path(name);
        let out =
            std::process::Command::new("age-keygen").arg("-o").arg(&key).output().expect("age-keygen is installed");
        assert!(out.status.success());
        let text = fs::read_to_string(&key).unwrap();
        let recipient = text.lines().find_map(|l| l.strip_prefix("# public key: ")).unwrap().to_string();
        (key, recipient)
    }
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut v);
    v
}

const SIZES: [usize; 5] = [0, 1, 65_536, 65_537, 300_000];

#[test]
fn exported_age_files_decrypt_with_age() {
    let env = Env::new();
    let (key, recipient) = env.keygen("key.txt");
    let mut originals = Vec::new();
    for size in SIZES {
        let data = random_bytes(size);
        let name = format!("clip-{size}.mp4");
        fs::write(env.path(&name), &data).unwrap();
        env.cv("pass").arg("add").arg(env.path(&name)).assert().success();
        originals.push((name, data));
    }
    let out = env.path("out");
    env.cv("pass").args(["export", "--all", "--age-recipient", &recipient, "--to"]).arg(&out).assert().success();
    for (name, data) in &originals {
        let file = out.join(format!("{name}.age"));
        let decrypted = std::process::Command::new("age").arg("-d").arg("-i").arg(&key).arg(&file).output().unwrap();
        assert!(decrypted.status.success(), "age -d {name}: {}", String::from_utf8_lossy(&decrypted.stderr));
        assert_eq!(&decrypted.stdout, data, "{name}");
    }
    // A recipients file and several recipients: each identity decrypts.
    let (key2, recipient2) = env.keygen("key2.txt");
    fs::write(env.path("recipients"), format!("# team\n{recipient2}\n")).unwrap();
    let out2 = env.path("out2");
    env.cv("pass")
        .args(["export", "clip-300000.mp4", "--age-recipient", &recipient, "--age-recipients-file"])
        .arg(env.path("recipients"))
        .arg("--to")
        .arg(&out2)
        .assert()
        .success();
    for k in [&key, &key2] {
        let d = std::process::Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(k)
            .arg(out2.join("clip-300000.mp4.age"))
            .output()
            .unwrap();
        assert_eq!(d.stdout, originals[4].1);
    }
    env.cv("pass")
        .args(["export", "--all", "--age-recipient", "age1nonsense", "--to"])
        .arg(env.path("x"))
        .assert()
        .code(2);
}

#[test]
fn age_encrypted_files_import_byte_identical() {
    let env = Env::new();
    let (key, recipient) = env.keygen("key.txt");
    for size in SIZES {
        let data = random_bytes(size);
        let plain = env.path(&format!("p{size}"));
        fs::write(&plain, &data).unwrap();
        let encrypted = env.path(&format!("voice-{size}.ogg.age"));
        let status = std::process::Command::new("age")
            .arg("-r")
            .arg(&recipient)
            .arg("-o")
            .arg(&encrypted)
            .arg(&plain)
            .status()
            .unwrap();
        assert!(status.success());
        env.cv("pass").arg("import").arg(&encrypted).arg("--age-identity").arg(&key).assert().success();
        let got =
            env.cv("pass").args(["cat", &format!("voice-{size}.ogg")]).assert().success().get_output().stdout.clone();
        assert_eq!(got, data, "size {size}");
    }
    let (other, _) = env.keygen("other.txt");
    let encrypted = env.path("voice-1.ogg.age");
    env.cv("pass")
        .arg("import")
        .arg(&encrypted)
        .arg("--age-identity")
        .arg(&other)
        .assert()
        .code(1)
        .stderr(contains("cannot import"));
    env.cv("pass").arg("import").arg(&encrypted).assert().code(2);
}

#[test]
fn age_passphrase_export_round_trips() {
    let env = Env::new();
    let data = env.add_random("a.jpg", 100_000);
    fs::write(env.path("agepass"), "another long export passphrase\n").unwrap();
    env.cv("pass")
        .args(["export", "a.jpg", "--age-passphrase-file"])
        .arg(env.path("agepass"))
        .arg("--to")
        .arg(env.path("out"))
        .assert()
        .success();
    let head = fs::read(env.path("out/a.jpg.age")).unwrap();
    assert!(head.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    env.cv("pass").arg("shred").arg("--yes").arg("a.jpg").assert().success();
    env.cv("pass")
        .arg("import")
        .arg(env.path("out/a.jpg.age"))
        .arg("--age-passphrase-file")
        .arg(env.path("agepass"))
        .assert()
        .success();
    assert_eq!(env.cv("pass").args(["cat", "a.jpg"]).assert().success().get_output().stdout, data);
}

#[test]
fn recovery_key_opens_the_vault_and_resets_the_passphrase() {
    let env = Env::new();
    fs::write(env.path("a.jpg"), b"precious").unwrap();
    env.cv("pass").arg("add").arg(env.path("a.jpg")).assert().success();
    let out = env.cv("pass").args(["key", "add", "--recovery"]).assert().success().get_output().stdout.clone();
    let identity = String::from_utf8(out).unwrap();
    assert!(identity.trim().starts_with("AGE-SECRET-KEY-1"));
    let id_file = env.path("recovery.txt");
    fs::write(&id_file, &identity).unwrap();
    env.with_identity(&id_file).args(["cat", "a.jpg"]).assert().success();
    let (wrong, _) = env.keygen("wrong.txt");
    env.with_identity(&wrong).arg("list").assert().code(3);
    env.cv("pass").args(["key", "list"]).assert().success().stdout(contains("passphrase").and(contains("recovery")));
    // Forgotten passphrase: the recovery key sets a new one.
    fs::write(env.path("new"), "marble quietly orbit seventy lantern\n").unwrap();
    env.with_identity(&id_file).arg("passwd").arg("--new-passphrase-file").arg(env.path("new")).assert().success();
    env.cv("pass").arg("list").assert().code(3);
    env.cv("new").args(["cat", "a.jpg"]).assert().success();
    let raw = fs::read(env.path("v.clipvault")).unwrap();
    assert!(!raw.windows(16).any(|w| w == b"AGE-SECRET-KEY-1"));
}

/// The ids `key list` shows, in its order, with each line.
fn key_list(env: &Env, pass: &str) -> Vec<(String, String)> {
    let listing = env.cv(pass).args(["key", "list"]).assert().success().get_output().stdout.clone();
    let listing = String::from_utf8(listing).unwrap();
    listing.lines().skip(1).map(|l| (l.split_whitespace().next().unwrap().to_string(), l.to_string())).collect()
}

#[test]
fn several_passphrases_and_removal() {
    let env = Env::new();
    fs::write(env.path("safe"), "copper wolf umbrella ninety meadow\n").unwrap();
    env.cv("pass")
        .args(["key", "add", "--new-passphrase-file"])
        .arg(env.path("safe"))
        .assert()
        .success()
        .stderr(contains("Added a passphrase: key "));
    env.cv("safe").arg("list").assert().success();
    env.cv("pass").arg("list").assert().success();
    let keys = key_list(&env, "pass");
    assert_eq!(keys.iter().filter(|(_, line)| line.contains("passphrase")).count(), 2);
    let (first, second) = (keys[0].0.clone(), keys[1].0.clone());
    assert!(first.len() == 8 && first.bytes().all(|b| b.is_ascii_hexdigit()), "{keys:?}");
    // A leaked passphrase is made useless at once; the question names it (kind and date).
    env.cv("safe")
        .args(["key", "remove", &first])
        .assert()
        .success()
        .stderr(contains(format!("Removed key {first} (passphrase,")));
    env.cv("pass").arg("list").assert().code(3);
    // The other key keeps its id.
    assert_eq!(key_list(&env, "safe")[0].0, second);
    // The key that opened this session, and the last passphrase, need --force ...
    env.cv("safe").args(["key", "remove", &second]).assert().code(2).stderr(contains("opened the vault with now"));
    // ... and the very last key is never removed.
    env.cv("safe").args(["key", "remove", &second, "--force"]).assert().code(1).stderr(contains("last key"));
    env.cv("safe")
        .args(["key", "remove", &first])
        .assert()
        .code(1)
        .stderr(contains("no key of this vault has this id"));
    env.cv("safe").arg("list").assert().success();
}

/// Key numbers used to shift when a key was removed: after `key remove 1`, the key that was 3
/// became 2, and a user working from the earlier `key list` removed the NEW recovery key and
/// kept the exposed one. Ids never shift, an old id reaches nothing, and a number is refused.
#[test]
fn a_key_named_from_an_earlier_key_list_is_that_key_or_none() {
    let env = Env::new();
    fs::write(env.path("exposed"), "copper wolf umbrella ninety meadow\n").unwrap();
    fs::write(env.path("other"), "velvet harbor sixty quiet lantern\n").unwrap();
    for pass in ["exposed", "other"] {
        env.cv("pass").args(["key", "add", "--new-passphrase-file"]).arg(env.path(pass)).assert().success();
    }
    env.cv("pass").args(["key", "add", "--recovery", "--label", "new paper"]).assert().success();
    let before = key_list(&env, "pass");
    assert_eq!(before.len(), 4, "{before:?}");
    // From that listing: remove the exposed passphrase (the second key), then, later, the
    // other one (the third).
    env.cv("pass").args(["key", "remove", &before[1].0]).assert().success();
    env.cv("pass").args(["key", "remove", &before[2].0]).assert().success();
    let after = key_list(&env, "pass");
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[0].0, before[0].0);
    assert_eq!(after[1].0, before[3].0, "the new recovery key is still there: {after:?}");
    assert!(after[1].1.ends_with("new paper"));
    env.cv("exposed").arg("list").assert().code(3);
    env.cv("other").arg("list").assert().code(3);
    // A key number, as earlier versions took, is refused with what to give instead.
    env.cv("pass").args(["key", "remove", "1"]).assert().code(1).stderr(contains("named by its id"));
    // Four digits are enough.
    env.cv("pass").args(["key", "remove", &after[1].0[..4], "--yes"]).assert().success();
}

#[test]
fn init_can_create_a_recovery_key() {
    let env = Env::empty();
    let out = env.cv("pass").args(["init", "--recovery"]).args(TINY_KDF).assert().success().get_output().stdout.clone();
    fs::write(env.path("id"), out).unwrap();
    env.with_identity(&env.path("id")).arg("list").assert().success();
}

#[test]
fn rotate_rekeys_everything_and_drops_old_keys() {
    let env = Env::new();
    let data = env.add_random("a.mp4", 200_000);
    let identity = env.cv("pass").args(["key", "add", "--recovery"]).assert().success().get_output().stdout.clone();
    fs::write(env.path("recovery.txt"), identity).unwrap();
    let before = fs::read(env.path("v.clipvault")).unwrap();
    env.cv("pass").args(["key", "rotate"]).assert().code(2).stderr(contains("--yes"));
    env.cv("pass").args(["key", "rotate", "--yes"]).assert().success().stderr(contains("Re-keyed"));
    env.with_identity(&env.path("recovery.txt")).arg("list").assert().code(3);
    assert_eq!(env.cv("pass").args(["cat", "a.mp4"]).assert().success().get_output().stdout, data);
    env.cv("pass").arg("verify").assert().success();
    let after = fs::read(env.path("v.clipvault")).unwrap();
    // Every item was re-encrypted: no 64-byte run of old ciphertext survives.
    let old_payload = &before[8192 + 1000..8192 + 1064];
    assert!(!after.windows(64).any(|w| w == old_payload));
}

/// A key label is shown as names are: a bidi override in it cannot reorder `key list`'s line.
#[test]
fn a_key_label_cannot_reorder_the_listing() {
    let env = Env::new();
    env.cv("pass").args(["key", "add", "--recovery", "--label", "safe\u{202E}txt.exe"]).assert().success();
    let listing =
        String::from_utf8(env.cv("pass").args(["key", "list"]).assert().success().get_output().stdout.clone()).unwrap();
    assert!(listing.contains("safe?txt.exe") && !listing.contains('\u{202E}'), "{listing}");
}
