//! Custody checkpoints (`evidence checkpoint`, `evidence check --checkpoint`): a statement
//! sent early catches a history rewritten later, even by the owner who holds the key and
//! re-signs the bundle, with clipvault and with `ssh-keygen` alone.

use crate::fixture::{CliEnv, PASS, require};
use clipvault::format::v2::CustodyEntry;
use clipvault::{Passphrase, VaultWriter};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary on the fixture's vault, its output whatever it was.
fn clipvault(env: &CliEnv, args: &[&str]) -> Output {
    env.cmd().args(args).output().unwrap()
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn ssh_keygen_verifies(signers: &Path, namespace: &str, sig: &Path, message: &[u8]) -> bool {
    let mut child = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(signers)
        .args(["-I", "clipvault", "-n", namespace, "-s"])
        .arg(sig)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ssh-keygen (.ci/run installs openssh-client)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), message).unwrap();
    child.wait().unwrap().success()
}

#[test]
fn a_history_rewritten_after_a_checkpoint_fails_the_check_even_re_signed_with_the_same_key() {
    require!("ssh-keygen");
    let env = CliEnv::new();
    let d = env.dir.path();
    for name in ["threat-1.png", "threat-2.png"] {
        std::fs::write(d.join(name), format!("screenshot {name}")).unwrap();
        ok(clipvault(&env, &["add", d.join(name).to_str().unwrap()]));
        ok(clipvault(&env, &["evidence", "mark", name, "--note", "DM threat", "--source", "Instagram"]));
    }
    let checkpoints = d.join("sent");
    std::fs::create_dir(&checkpoints).unwrap();
    let out = ok(clipvault(&env, &["evidence", "checkpoint", "--to", checkpoints.to_str().unwrap()]));
    let statement = String::from_utf8(out.stdout).unwrap();
    assert!(
        statement.starts_with("clipvault custody checkpoint\n") && statement.contains("entries: 2\n"),
        "{statement}"
    );
    let file = std::fs::read_dir(&checkpoints)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let sig = Path::new(&format!("{}.sig", file.display())).to_path_buf();
    // The key, given earlier to someone trusted, as `evidence key` shows it.
    let key = String::from_utf8(ok(clipvault(&env, &["evidence", "key"])).stdout).unwrap();
    let signers = d.join("allowed_signers");
    std::fs::write(&signers, format!("{}\n", key.lines().nth(1).unwrap())).unwrap();
    let written = std::fs::read(&file).unwrap();
    assert_eq!(written, statement.as_bytes(), "the file is the statement shown");
    assert!(ssh_keygen_verifies(&signers, "clipvault-checkpoint", &sig, &written));
    assert!(!ssh_keygen_verifies(&signers, "clipvault-evidence", &sig, &written), "namespaces kept apart");

    // Later: more happens, then a bundle; it agrees with the checkpoint.
    ok(clipvault(&env, &["fingerprint", "threat-1.png"]));
    let bundle = d.join("bundle");
    ok(clipvault(&env, &["evidence", "export", "--all", "--to", bundle.to_str().unwrap()]));
    let check =
        ok(clipvault(&env, &["evidence", "check", bundle.to_str().unwrap(), "--checkpoint", file.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&check.stderr).contains("agrees with the checkpoint"));
    let head = statement.lines().find_map(|l| l.strip_prefix("head: ")).unwrap().to_string();
    let log = std::fs::read_to_string(bundle.join("custody-log.jsonl")).unwrap();
    assert!(log.lines().nth(1).unwrap().contains(&head), "ssh-keygen's way: line 2's hash is the head");

    // The owner, holding the key, drops the first entry, re-chains the rest, recomputes the
    // sums and signs them again with the same key: the bundle alone still checks...
    let entries: Vec<serde_json::Value> = log.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut prev = [0u8; 32];
    let mut rewritten = String::new();
    for (seq, entry) in entries.iter().skip(1).enumerate() {
        let mut entry = entry.clone();
        entry["seq"] = serde_json::json!(seq);
        entry["prev"] = serde_json::json!(hex::encode(prev));
        let typed: CustodyEntry = custody_entry(&entry);
        prev = typed.hash().unwrap();
        entry["hash"] = serde_json::json!(hex::encode(prev));
        rewritten.push_str(&entry.to_string());
        rewritten.push('\n');
    }
    std::fs::write(bundle.join("custody-log.jsonl"), &rewritten).unwrap();
    let sums: String = std::fs::read_to_string(bundle.join("SHA256SUMS"))
        .unwrap()
        .lines()
        .map(|line| {
            let (_, name) = line.split_once("  ").unwrap();
            format!("{}  {name}\n", hex::encode(Sha256::digest(std::fs::read(bundle.join(name)).unwrap())))
        })
        .collect();
    std::fs::write(bundle.join("SHA256SUMS"), &sums).unwrap();
    let mut vault = VaultWriter::open(&env.vault, &Passphrase::new(PASS), Default::default()).unwrap();
    let signature = vault.signing_key().unwrap().sign(clipvault::evidence::signature::NAMESPACE, sums.as_bytes());
    drop(vault);
    std::fs::write(bundle.join("SHA256SUMS.sig"), signature).unwrap();
    let fingerprint = key.lines().next().unwrap();
    ok(clipvault(&env, &["evidence", "check", bundle.to_str().unwrap(), "--key", fingerprint]));
    // ... but not against the checkpoint sent before, with clipvault or with ssh-keygen alone.
    let against =
        clipvault(&env, &["evidence", "check", bundle.to_str().unwrap(), "--checkpoint", file.to_str().unwrap()]);
    assert_eq!(against.status.code(), Some(4), "{}", String::from_utf8_lossy(&against.stderr));
    assert!(String::from_utf8_lossy(&against.stderr).contains("not the ones the checkpoint vouched for"));
    assert!(!rewritten.contains(&head), "ssh-keygen's way: the head is gone from the log");
}

/// A JSON line of a bundle's custody log back into its entry (the test's own reading of the
/// documented format, as a second reader would write it).
fn custody_entry(value: &serde_json::Value) -> CustodyEntry {
    use clipvault::format::v2::Event;
    let hex32 = |v: &serde_json::Value| -> [u8; 32] { hex::decode(v.as_str().unwrap()).unwrap().try_into().unwrap() };
    let id = |v: &serde_json::Value| u64::from_str_radix(v.as_str().unwrap(), 16).unwrap();
    let e = &value["event"];
    let event = match e["kind"].as_str().unwrap() {
        "marked" => Event::Marked {
            item: id(&e["item"]),
            sha256: hex32(&e["sha256"]),
            note: e["note"].as_str().unwrap().into(),
            source: e["source"].as_str().unwrap().into(),
        },
        "fingerprinted" => Event::Fingerprinted {
            item: id(&e["item"]),
            kind: e["hash"].as_str().unwrap().into(),
            value: e["value"].as_str().unwrap().into(),
        },
        "exported" => Event::Exported {
            items: e["items"].as_array().unwrap().iter().map(id).collect(),
            bundle_sha256: hex32(&e["sha256sums_sha256"]),
        },
        other => panic!("an event this test did not make: {other}"),
    };
    let time = humantime::parse_rfc3339(value["time"].as_str().unwrap()).unwrap();
    CustodyEntry {
        seq: value["seq"].as_u64().unwrap(),
        time: time.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(),
        prev: hex32(&value["prev"]),
        event,
    }
}

/// The guide's order (anchor first, before anything is kept): a checkpoint of an empty log,
/// written into a folder that does not exist yet, anchors the key, and a bundle made later,
/// after a threat was kept, checks against it.
#[test]
fn a_checkpoint_taken_before_anything_is_kept_anchors_the_key_for_later_bundles() {
    require!("ssh-keygen");
    let env = CliEnv::new();
    let folder = env.path("to-send");
    ok(env.cmd().args(["evidence", "checkpoint", "--to"]).arg(&folder).output().unwrap());
    let checkpoint = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a checkpoint in the new folder");
    assert!(std::fs::read_to_string(&checkpoint).unwrap().contains("entries: 0"));
    ok(clipvault(&env, &["evidence", "threat", "--platform", "Telegram", "--from", "@x", "--said", "pay"]));
    let bundle = env.path("bundle");
    ok(env.cmd().args(["evidence", "export", "--all", "--to"]).arg(&bundle).output().unwrap());
    ok(env.cmd().args(["evidence", "check"]).arg(&bundle).arg("--checkpoint").arg(&checkpoint).output().unwrap());
}
