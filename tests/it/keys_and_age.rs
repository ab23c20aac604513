//! Key slots (several passphrases, a recovery key) and interoperability with the real `age`
//! command-line tool (Debian package `age`, installed by `.ci/run`).

use crate::fixture::{CliEnv as Env, TINY_KDF, require};
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::PathBuf;

/// Adds `len` random bytes as item `name`; returns them.
fn add_random(env: &Env, name: &str, len: usize) -> Vec<u8> {
    let data = random_bytes(len);
    fs::write(env.path(name), &data).unwrap();
    env.cmd().arg("add").arg(env.path(name)).assert().success();
    data
}

/// `env` opened with a recovery identity.
fn with_identity(env: &Env, identity: &std::path::Path) -> assert_cmd::Command {
    let mut c = env.no_pass();
    c.arg("--identity").arg(identity);
    c
}

/// A new age identity in the file `name`; its file and its recipient.
fn keygen(env: &Env, name: &str) -> (PathBuf, String) {
    let key = env.path(name);
    let out = std::process::Command::new("age-keygen").arg("-o").arg(&key).output().expect("age-keygen is installed");
    assert!(out.status.success());
    let text = fs::read_to_string(&key).unwrap();
    let recipient = text.lines().find_map(|l| l.strip_prefix("# public key: ")).unwrap().to_string();
    (key, recipient)
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut v);
    v
}

const SIZES: [usize; 5] = [0, 1, 65_536, 65_537, 300_000];

#[test]
fn exported_age_files_decrypt_with_age() {
    require!("age", "age-keygen");
    let env = Env::new();
    let (key, recipient) = keygen(&env, "key.txt");
    let mut originals = Vec::new();
    for size in SIZES {
        let data = random_bytes(size);
        let name = format!("clip-{size}.mp4");
        fs::write(env.path(&name), &data).unwrap();
        env.cmd().arg("add").arg(env.path(&name)).assert().success();
        originals.push((name, data));
    }
    let out = env.path("out");
    env.cmd().args(["export", "--all", "--age-recipient", &recipient, "--to"]).arg(&out).assert().success();
    for (name, data) in &originals {
        let file = out.join(format!("{name}.age"));
        let decrypted = std::process::Command::new("age").arg("-d").arg("-i").arg(&key).arg(&file).output().unwrap();
        assert!(decrypted.status.success(), "age -d {name}: {}", String::from_utf8_lossy(&decrypted.stderr));
        assert_eq!(&decrypted.stdout, data, "{name}");
    }
    // A recipients file and several recipients: each identity decrypts.
    let (key2, recipient2) = keygen(&env, "key2.txt");
    fs::write(env.path("recipients"), format!("# team\n{recipient2}\n")).unwrap();
    let out2 = env.path("out2");
    env.cmd()
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
    env.cmd().args(["export", "--all", "--age-recipient", "age1nonsense", "--to"]).arg(env.path("x")).assert().code(2);
}

#[test]
fn age_encrypted_files_import_byte_identical() {
    require!("age", "age-keygen");
    let env = Env::new();
    let (key, recipient) = keygen(&env, "key.txt");
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
        env.cmd().arg("import").arg(&encrypted).arg("--age-identity").arg(&key).assert().success();
        let got = env.cmd().args(["cat", &format!("voice-{size}.ogg")]).assert().success().get_output().stdout.clone();
        assert_eq!(got, data, "size {size}");
    }
    let (other, _) = keygen(&env, "other.txt");
    let encrypted = env.path("voice-1.ogg.age");
    env.cmd()
        .arg("import")
        .arg(&encrypted)
        .arg("--age-identity")
        .arg(&other)
        .assert()
        .code(1)
        .stderr(contains("cannot import"));
    env.cmd().arg("import").arg(&encrypted).assert().code(2);
}

#[test]
fn age_passphrase_export_round_trips() {
    let env = Env::new();
    let data = add_random(&env, "a.jpg", 100_000);
    fs::write(env.path("agepass"), "another long export passphrase\n").unwrap();
    env.cmd()
        .args(["export", "a.jpg", "--age-passphrase-file"])
        .arg(env.path("agepass"))
        .arg("--to")
        .arg(env.path("out"))
        .assert()
        .success();
    let head = fs::read(env.path("out/a.jpg.age")).unwrap();
    assert!(head.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    env.cmd().arg("shred").arg("--yes").arg("a.jpg").assert().success();
    env.cmd()
        .arg("import")
        .arg(env.path("out/a.jpg.age"))
        .arg("--age-passphrase-file")
        .arg(env.path("agepass"))
        .assert()
        .success();
    assert_eq!(env.cmd().args(["cat", "a.jpg"]).assert().success().get_output().stdout, data);
}

#[test]
fn recovery_key_opens_the_vault_and_resets_the_passphrase() {
    require!("age-keygen");
    let env = Env::new();
    fs::write(env.path("a.jpg"), b"precious").unwrap();
    env.cmd().arg("add").arg(env.path("a.jpg")).assert().success();
    let out = env.cmd().args(["key", "add", "--recovery"]).assert().success().get_output().stdout.clone();
    let identity = String::from_utf8(out).unwrap();
    assert!(identity.trim().starts_with("AGE-SECRET-KEY-1"));
    let id_file = env.path("recovery.txt");
    fs::write(&id_file, &identity).unwrap();
    with_identity(&env, &id_file).args(["cat", "a.jpg"]).assert().success();
    let (wrong, _) = keygen(&env, "wrong.txt");
    with_identity(&env, &wrong).arg("list").assert().code(3);
    env.cmd().args(["key", "list"]).assert().success().stdout(contains("passphrase").and(contains("recovery")));
    // Forgotten passphrase: the recovery key sets a new one.
    fs::write(env.path("new"), "marble quietly orbit seventy lantern\n").unwrap();
    with_identity(&env, &id_file).arg("passwd").arg("--new-passphrase-file").arg(env.path("new")).assert().success();
    env.cmd().arg("list").assert().code(3);
    env.cmd_as("new").args(["cat", "a.jpg"]).assert().success();
    let raw = fs::read(&env.vault).unwrap();
    assert!(!raw.windows(16).any(|w| w == b"AGE-SECRET-KEY-1"));
}

/// The ids `key list` shows, in its order, with each line.
fn key_list(env: &Env, pass: &str) -> Vec<(String, String)> {
    let listing = env.cmd_as(pass).args(["key", "list"]).assert().success().get_output().stdout.clone();
    let listing = String::from_utf8(listing).unwrap();
    listing.lines().skip(1).map(|l| (l.split_whitespace().next().unwrap().to_string(), l.to_string())).collect()
}

#[test]
fn several_passphrases_and_removal() {
    let env = Env::new();
    fs::write(env.path("safe"), "copper wolf umbrella ninety meadow\n").unwrap();
    env.cmd()
        .args(["key", "add", "--new-passphrase-file"])
        .arg(env.path("safe"))
        .assert()
        .success()
        .stderr(contains("Added a passphrase: key "));
    env.cmd_as("safe").arg("list").assert().success();
    env.cmd().arg("list").assert().success();
    let keys = key_list(&env, "pass");
    assert_eq!(keys.iter().filter(|(_, line)| line.contains("passphrase")).count(), 2);
    let (first, second) = (keys[0].0.clone(), keys[1].0.clone());
    assert!(first.len() == 8 && first.bytes().all(|b| b.is_ascii_hexdigit()), "{keys:?}");
    // A leaked passphrase is made useless at once; the question names it (kind and date).
    env.cmd_as("safe")
        .args(["key", "remove", &first])
        .assert()
        .success()
        .stderr(contains(format!("Removed key {first} (passphrase,")));
    env.cmd().arg("list").assert().code(3);
    // The other key keeps its id.
    assert_eq!(key_list(&env, "safe")[0].0, second);
    // The key that opened this session, and the last passphrase, need --force ...
    env.cmd_as("safe").args(["key", "remove", &second]).assert().code(2).stderr(contains("opened the vault with now"));
    // ... and the very last key is never removed.
    env.cmd_as("safe").args(["key", "remove", &second, "--force"]).assert().code(1).stderr(contains("last key"));
    env.cmd_as("safe")
        .args(["key", "remove", &first])
        .assert()
        .code(1)
        .stderr(contains("no key of this vault has this id"));
    env.cmd_as("safe").arg("list").assert().success();
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
        env.cmd().args(["key", "add", "--new-passphrase-file"]).arg(env.path(pass)).assert().success();
    }
    env.cmd().args(["key", "add", "--recovery", "--label", "new paper"]).assert().success();
    let before = key_list(&env, "pass");
    assert_eq!(before.len(), 4, "{before:?}");
    // From that listing: remove the exposed passphrase (the second key), then, later, the
    // other one (the third).
    env.cmd().args(["key", "remove", &before[1].0]).assert().success();
    env.cmd().args(["key", "remove", &before[2].0]).assert().success();
    let after = key_list(&env, "pass");
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[0].0, before[0].0);
    assert_eq!(after[1].0, before[3].0, "the new recovery key is still there: {after:?}");
    assert!(after[1].1.ends_with("new paper"));
    env.cmd_as("exposed").arg("list").assert().code(3);
    env.cmd_as("other").arg("list").assert().code(3);
    // A key number, as earlier versions took, is refused with what to give instead.
    env.cmd().args(["key", "remove", "1"]).assert().code(1).stderr(contains("named by its id"));
    // Four digits are enough.
    env.cmd().args(["key", "remove", &after[1].0[..4], "--yes"]).assert().success();
}

#[test]
fn init_can_create_a_recovery_key() {
    let env = Env::empty();
    let out = env.cmd().args(["init", "--recovery"]).args(TINY_KDF).assert().success().get_output().stdout.clone();
    fs::write(env.path("id"), out).unwrap();
    with_identity(&env, &env.path("id")).arg("list").assert().success();
}

#[test]
fn rotate_rekeys_everything_and_drops_old_keys() {
    let env = Env::new();
    let data = add_random(&env, "a.mp4", 200_000);
    let identity = env.cmd().args(["key", "add", "--recovery"]).assert().success().get_output().stdout.clone();
    fs::write(env.path("recovery.txt"), identity).unwrap();
    let before = fs::read(&env.vault).unwrap();
    env.cmd().args(["key", "rotate"]).assert().code(2).stderr(contains("--yes"));
    env.cmd().args(["key", "rotate", "--yes"]).assert().success().stderr(contains("Re-keyed"));
    with_identity(&env, &env.path("recovery.txt")).arg("list").assert().code(3);
    assert_eq!(env.cmd().args(["cat", "a.mp4"]).assert().success().get_output().stdout, data);
    env.cmd().arg("verify").assert().success();
    let after = fs::read(&env.vault).unwrap();
    // Every item was re-encrypted: no 64-byte run of old ciphertext survives.
    let old_payload = &before[8192 + 1000..8192 + 1064];
    assert!(!after.windows(64).any(|w| w == old_payload));
}

/// A key label is shown as names are: a bidi override in it cannot reorder `key list`'s line.
#[test]
fn a_key_label_cannot_reorder_the_listing() {
    let env = Env::new();
    env.cmd().args(["key", "add", "--recovery", "--label", "safe\u{202E}txt.exe"]).assert().success();
    let listing =
        String::from_utf8(env.cmd().args(["key", "list"]).assert().success().get_output().stdout.clone()).unwrap();
    assert!(listing.contains("safe?txt.exe") && !listing.contains('\u{202E}'), "{listing}");
}
