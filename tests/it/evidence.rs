//! The evidence locker through the real binary: marks and the custody log, shredding
//! evidence only with --force (and logged), a bundle that the real `sha256sum -c` and
//! `ssh-keygen -Y verify` accept and reject when tampered with, intimate media left out
//! unless asked, fingerprints (MD5 against `md5sum`), hostile notes, a log that shows damage.

use crate::fixture::{self, CliEnv, require};
use predicates::str::contains;
use std::path::Path;
use std::process::Command;

fn ffmpeg_image(path: &Path) {
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1"], path);
}

fn log(env: &CliEnv) -> Vec<serde_json::Value> {
    let out = env.cmd().args(["evidence", "log", "--json"]).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A vault with a screenshot of a threat (evidence) and an intimate photo (evidence, tagged).
fn locker() -> CliEnv {
    let env = CliEnv::new();
    let threat = env.path("threat.png");
    ffmpeg_image(&threat);
    env.cmd()
        .args(["add", "--evidence", "--note", "asks for 500 euros", "--source", "Instagram DM from @x"])
        .arg(&threat)
        .assert()
        .success();
    let photo = env.write("photo.jpg", b"stand-in for an intimate photo");
    env.cmd().args(["add", "--tag", "intimate"]).arg(&photo).assert().success();
    env.cmd().args(["evidence", "mark", "photo.jpg", "--note", "the photo he threatens to post"]).assert().success();
    env
}

/// `ssh-keygen -Y verify` of SHA256SUMS, as the bundle's README.txt tells a reader to run it.
const SSH_VERIFY: [&str; 10] =
    ["-Y", "verify", "-f", "allowed_signers", "-I", "clipvault", "-n", "clipvault-evidence", "-s", "SHA256SUMS.sig"];

fn run_in(dir: &Path, program: &str, args: &[&str], stdin_file: Option<&str>) -> std::process::Output {
    let mut c = Command::new(program);
    c.current_dir(dir).args(args);
    if let Some(file) = stdin_file {
        c.stdin(std::fs::File::open(dir.join(file)).unwrap());
    }
    c.output().unwrap_or_else(|e| panic!("{program}: {e}"))
}

#[test]
fn the_bundle_verifies_with_standard_tools_and_tampering_shows() {
    require!("ffmpeg", "ssh-keygen");
    let env = locker();
    let bundle = env.path("bundle");
    env.cmd()
        .args(["evidence", "export", "--all", "--to"])
        .arg(&bundle)
        .assert()
        .success()
        .stderr(contains("hashes only"));
    let sums = run_in(&bundle, "sha256sum", &["-c", "SHA256SUMS"], None);
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
    let signed = run_in(&bundle, "ssh-keygen", &SSH_VERIFY, Some("SHA256SUMS"));
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    // The intimate photo is there as hashes only; the screenshot as a file.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("manifest.json")).unwrap()).unwrap();
    let items = manifest["items"].as_array().unwrap();
    let photo = items.iter().find(|i| i["name"] == "photo.jpg").unwrap();
    assert_eq!(photo["file"], serde_json::Value::Null);
    assert_eq!(photo["md5"].as_str().unwrap().len(), 32);
    let media: Vec<_> = std::fs::read_dir(bundle.join("media")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(media.len(), 1, "{media:?}");
    assert!(!walk_contains(&bundle, b"stand-in for an intimate photo"), "the intimate photo was written");
    let threat = items.iter().find(|i| i["name"] == "threat.png").unwrap();
    assert_eq!(threat["source"], "Instagram DM from @x");
    // The custody log in the bundle holds the marks; the vault's log also the export.
    let bundled = std::fs::read_to_string(bundle.join("custody-log.jsonl")).unwrap();
    assert_eq!(bundled.lines().count(), 2);
    assert_eq!(log(&env).last().unwrap()["event"]["kind"], "exported");

    // A changed media file fails sha256sum; a changed SHA256SUMS fails the signature.
    let file = bundle.join("media").join(&media[0]);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert!(!run_in(&bundle, "sha256sum", &["-c", "--quiet", "SHA256SUMS"], None).status.success());
    let mut sums = std::fs::read_to_string(bundle.join("SHA256SUMS")).unwrap();
    sums = sums.replacen('0', "1", 1);
    std::fs::write(bundle.join("SHA256SUMS"), sums).unwrap();
    assert!(!run_in(&bundle, "ssh-keygen", &SSH_VERIFY, Some("SHA256SUMS")).status.success());

    // --include-media puts the photo in; a folder that is not empty is refused.
    let full = env.path("full");
    env.cmd().args(["evidence", "export", "--all", "--include-media", "--to"]).arg(&full).assert().success();
    assert!(walk_contains(&full, b"stand-in for an intimate photo"));
    env.cmd().args(["evidence", "export", "--all", "--to"]).arg(&full).assert().code(1).stderr(contains("not empty"));
}

fn walk_contains(dir: &Path, needle: &[u8]) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .any(|e| std::fs::read(e.path()).unwrap().windows(needle.len()).any(|w| w == needle))
}

#[test]
fn evidence_is_shredded_only_with_force_and_the_log_keeps_it() {
    require!("ffmpeg");
    let env = locker();
    env.cmd().args(["shred", "--yes", "threat.png"]).assert().code(2).stderr(contains("evidence"));
    env.cmd().args(["rename", "threat.png", "x.png"]).assert().code(2).stderr(contains("evidence"));
    env.cmd().args(["shred", "--yes", "--force", "threat.png"]).assert().success();
    let entries = log(&env);
    let kinds: Vec<&str> = entries.iter().map(|e| e["event"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["marked", "marked", "shredded"]);
    // Each entry is chained to the one before.
    for pair in entries.windows(2) {
        assert_eq!(pair[1]["prev"], pair[0]["hash"]);
    }
    // compact carries the log and the signing key over.
    let before = std::fs::read_to_string({
        env.cmd().args(["evidence", "export", "--all", "--to"]).arg(env.path("b1")).assert().success();
        env.path("b1/allowed_signers")
    })
    .unwrap();
    env.cmd().args(["compact", "--yes"]).assert().success();
    assert_eq!(log(&env).len(), 4);
    env.cmd().args(["evidence", "export", "--all", "--to"]).arg(env.path("b2")).assert().success();
    assert_eq!(std::fs::read_to_string(env.path("b2/allowed_signers")).unwrap(), before);
    env.cmd().arg("verify").assert().success();
}

#[test]
fn a_damaged_custody_log_is_reported_by_verify() {
    require!("ffmpeg");
    let env = locker();
    let pages = clipvault::Vault::open(&env.vault, &clipvault::Passphrase::new(fixture::PASS), Default::default())
        .unwrap()
        .custody_pages();
    assert_eq!(pages.len(), 1);
    let mut bytes = std::fs::read(&env.vault).unwrap();
    for copy in pages[0] {
        bytes[copy.offset as usize + 60] ^= 1;
    }
    std::fs::write(&env.vault, &bytes).unwrap();
    env.cmd().arg("verify").assert().code(4).stdout(contains("custody log"));
    env.cmd().args(["evidence", "log"]).assert().code(4);
}

#[test]
fn fingerprints_match_md5sum_and_hostile_notes_are_refused() {
    require!("ffmpeg");
    let env = CliEnv::new();
    let video = env.path("clip.mp4");
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1"], &video);
    ffmpeg_image(&env.path("pic.png"));
    env.cmd().arg("add").arg(&video).arg(env.path("pic.png")).assert().success();
    let out = env.cmd().args(["fingerprint", "clip.mp4", "pic.png", "--json"]).assert().success().get_output().clone();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let md5sum = Command::new("md5sum").arg(&video).output().unwrap();
    let expected = String::from_utf8(md5sum.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    assert_eq!(found[0]["md5"], expected.as_str());
    assert_eq!(found[0]["pdq"], serde_json::Value::Null);
    assert_eq!(found[1]["pdq"].as_str().unwrap().len(), 64);
    assert!(String::from_utf8_lossy(&out.stderr).contains("StopNCII.org"));
    // Notes and sources: no control characters, bounded length.
    env.cmd()
        .args(["evidence", "mark", "pic.png", "--note", "a\u{1b}[2Jb"])
        .assert()
        .code(1)
        .stderr(contains("control"));
    let huge = "x".repeat(100_000); // (a 1 MiB argument is over the kernel's limit for one argument)
    env.cmd().args(["evidence", "mark", "pic.png", "--source"]).arg(&huge).assert().code(1).stderr(contains("1024"));
    assert!(log(&env).is_empty());
}

#[test]
fn a_bundle_encrypted_to_a_lawyers_age_key_opens_with_age_and_verifies() {
    require!("ffmpeg", "age", "age-keygen", "ssh-keygen");
    let env = locker();
    let key = env.path("lawyer.txt");
    let made = Command::new("age-keygen").arg("-o").arg(&key).output().expect("age-keygen (apt-get install age)");
    assert!(made.status.success());
    let recipient = String::from_utf8(made.stderr).unwrap().trim().trim_start_matches("Public key: ").to_string();
    let out = env.path("sealed");
    env.cmd()
        .args(["evidence", "export", "--all", "--include-media", "--age-recipient", &recipient, "--to"])
        .arg(&out)
        .assert()
        .success();
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["evidence-bundle.tar.age"]);
    assert!(!walk_contains(&out, b"stand-in for an intimate photo"), "plaintext on disk");
    let opened = env.path("opened");
    std::fs::create_dir(&opened).unwrap();
    let shell = format!(
        "age -d -i '{}' '{}' | tar -x -C '{}'",
        key.display(),
        out.join("evidence-bundle.tar.age").display(),
        opened.display()
    );
    assert!(Command::new("sh").args(["-c", &shell]).status().unwrap().success());
    assert!(run_in(&opened, "sha256sum", &["-c", "SHA256SUMS"], None).status.success());
    assert!(run_in(&opened, "ssh-keygen", &SSH_VERIFY, Some("SHA256SUMS")).status.success());
    assert!(walk_contains(&opened, b"stand-in for an intimate photo"));
}

/// A vault made before evidence existed (format version 1) gets its signing key on first use,
/// and notes are bounded in the library too (1 MiB refused without allocating the vault for it).
#[test]
fn an_older_vault_gets_a_signing_key_and_notes_are_bounded() {
    use clipvault::{Passphrase, VaultWriter};
    let v1 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1-small.clipvault")).unwrap();
    let storage = clipvault::storage::MemStorage::from_bytes(v1);
    let pass = Passphrase::new("correct horse battery staple");
    let mut vault = VaultWriter::open_in(Box::new(storage.clone()), &pass).unwrap();
    let id = vault.items().next().unwrap().id;
    let huge = "n".repeat(1 << 20);
    assert!(matches!(vault.mark_evidence(&[id], &huge, ""), Err(clipvault::VaultError::Refused(_))));
    vault.mark_evidence(&[id], "a note", "a source").unwrap();
    let key = vault.signing_key().unwrap().allowed_signers_line();
    drop(vault);
    let mut again = VaultWriter::open_in(Box::new(storage), &pass).unwrap();
    assert_eq!(again.signing_key().unwrap().allowed_signers_line(), key, "made once, then kept");
    assert_eq!(again.custody_log().unwrap().len(), 1);
}

/// The attack an independent look made: replace the bundle's key with one's own, edit a note,
/// recompute SHA256SUMS and sign again. Both of README.txt's checks pass; nothing outside the
/// bundle showed the vault's key. Now `evidence key` shows its fingerprint (as `ssh-keygen -l`
/// prints it) to give someone trusted early, and `evidence check --key` refuses the re-signed
/// bundle while the untouched one passes.
#[test]
fn a_bundle_re_signed_with_another_key_fails_against_the_fingerprint_given_early() {
    require!("ffmpeg", "ssh-keygen");
    let env = locker();
    let said = env.cmd().args(["evidence", "key"]).assert().success().get_output().clone();
    let printed = String::from_utf8(said.stdout).unwrap();
    let fingerprint = printed.lines().next().unwrap().to_string();
    assert!(fingerprint.starts_with("SHA256:"), "{printed}");
    assert!(String::from_utf8_lossy(&said.stderr).contains("someone you trust"));
    let bundle = env.path("bundle");
    env.cmd().args(["evidence", "export", "--all", "--to"]).arg(&bundle).assert().success();
    assert_eq!(
        printed.lines().nth(1).unwrap(),
        std::fs::read_to_string(bundle.join("allowed_signers")).unwrap().trim()
    );
    env.cmd()
        .args(["evidence", "check"])
        .arg(&bundle)
        .args(["--key", &fingerprint])
        .assert()
        .success()
        .stderr(contains("the key given"));

    // The forger: a note edited, SHA256SUMS recomputed, signed with a key of their own.
    let manifest = std::fs::read_to_string(bundle.join("manifest.json")).unwrap();
    std::fs::write(bundle.join("manifest.json"), manifest.replace("asks for 500 euros", "a joke between friends"))
        .unwrap();
    let forged = run_in(&bundle, "ssh-keygen", &["-q", "-t", "ed25519", "-N", "", "-f", "../forger"], None);
    assert!(forged.status.success());
    let public = std::fs::read_to_string(env.path("forger.pub")).unwrap();
    std::fs::write(bundle.join("allowed_signers"), format!("clipvault {public}")).unwrap();
    let sums = run_in(&bundle, "sh", &["-c", "cut -c67- SHA256SUMS | xargs sha256sum"], None);
    assert!(sums.status.success());
    std::fs::write(bundle.join("SHA256SUMS"), &sums.stdout).unwrap();
    std::fs::remove_file(bundle.join("SHA256SUMS.sig")).unwrap();
    let signed = run_in(
        &bundle,
        "ssh-keygen",
        &["-Y", "sign", "-n", "clipvault-evidence", "-f", "../forger", "SHA256SUMS"],
        None,
    );
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    // Both of README.txt's checks pass on the forgery...
    assert!(run_in(&bundle, "sha256sum", &["-c", "SHA256SUMS"], None).status.success());
    assert!(run_in(&bundle, "ssh-keygen", &SSH_VERIFY, Some("SHA256SUMS")).status.success());
    // ... and so does a check without the fingerprint, which says what it does not show;
    env.cmd().args(["evidence", "check"]).arg(&bundle).assert().success().stderr(contains("without --key"));
    // with the fingerprint given early, the forgery is refused.
    env.cmd()
        .args(["evidence", "check"])
        .arg(&bundle)
        .args(["--key", &fingerprint])
        .assert()
        .code(4)
        .stderr(contains("the bundle's key was replaced"));
    // A file changed without signing again fails either way.
    std::fs::write(bundle.join("README.txt"), "edited").unwrap();
    env.cmd().args(["evidence", "check"]).arg(&bundle).assert().code(4).stderr(contains("README.txt"));
}

/// Threat records (issue #27): a threat with a screenshot attached and an action go into the
/// custody log, with the time kept as the person saw it (India's zone, as a POSIX TZ needing no tzdata) and in UTC; the
/// bundle lists them in threats.txt and threats.json, its hashes.csv holds each item's
/// SHA-256 and MD5 as `sha256sum` and `md5sum` compute them, and the whole bundle still checks
/// with the standard tools and against a checkpoint taken after the threat.
#[test]
fn threats_and_actions_go_into_the_log_and_the_bundle_with_a_hash_table() {
    require!("ffmpeg", "ssh-keygen", "md5sum");
    let env = CliEnv::new();
    let screenshot = env.path("chat-screenshot.png");
    ffmpeg_image(&screenshot);
    env.cmd()
        .env("TZ", "IST-5:30")
        .args(["evidence", "threat", "--platform", "Instagram", "--from", "@someone_else"])
        .args(["--said", "pay or I post them, तुम्हारी फ़ोटो", "--demand", "20000 INR to someone@upi"])
        .args(["--posted-at", "https://example.com/p/1", "--received", "2026-12-01 21:30"])
        .arg("--attach")
        .arg(&screenshot)
        .assert()
        .success()
        .stderr(contains("Kept threat 1"));
    env.cmd()
        .args(["evidence", "action", "cybercrime-portal", "--reference", "31512250012345"])
        .args(["--done", "2026-12-02T10:00:00+05:30"])
        .assert()
        .success();
    // A time that does not parse, or an action of no known kind, is a usage error.
    env.cmd().args(["evidence", "threat", "--received", "yesterday-ish"]).assert().code(2);
    env.cmd().args(["evidence", "action", "bribe"]).assert().code(2);

    let entries = log(&env);
    let threat = entries.iter().find(|e| e["event"]["kind"] == "threat").expect("a threat entry")["event"].clone();
    assert_eq!(threat["number"], 1);
    assert_eq!(threat["received_utc"], "2026-12-01T16:00:00Z");
    assert_eq!(threat["received_local"], "2026-12-01T21:30:00+05:30");
    assert_eq!(threat["said"], "pay or I post them, तुम्हारी फ़ोटो");
    let action = entries.iter().find(|e| e["event"]["kind"] == "action").expect("an action entry")["event"].clone();
    assert_eq!(
        (action["category"].as_str(), action["done_utc"].as_str()),
        (Some("cybercrime-portal"), Some("2026-12-02T04:30:00Z"))
    );
    // The attached screenshot is an item, marked as evidence for threat 1.
    let marked = entries.iter().find(|e| e["event"]["kind"] == "marked").unwrap();
    assert_eq!(marked["event"]["note"], "threat 1");
    assert_eq!(threat["items"][0], marked["event"]["item"]);

    let checkpoint_dir = env.path("checkpoint");
    std::fs::create_dir(&checkpoint_dir).unwrap();
    env.cmd().args(["evidence", "checkpoint", "--to"]).arg(&checkpoint_dir).assert().success();
    let bundle = env.path("bundle");
    env.cmd().args(["evidence", "export", "--all", "--to"]).arg(&bundle).assert().success();
    assert!(run_in(&bundle, "sha256sum", &["-c", "SHA256SUMS"], None).status.success());
    assert!(run_in(&bundle, "ssh-keygen", &SSH_VERIFY, Some("SHA256SUMS")).status.success());
    let checkpoint = std::fs::read_dir(&checkpoint_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    env.cmd().args(["evidence", "check"]).arg(&bundle).arg("--checkpoint").arg(&checkpoint).assert().success();

    let text = std::fs::read_to_string(bundle.join("threats.txt")).unwrap();
    assert!(text.starts_with("Threat 1\n"), "{text}");
    assert!(text.contains("Received: 2026-12-01T21:30:00+05:30 (2026-12-01T16:00:00Z UTC)"), "{text}");
    assert!(text.contains("Demand: 20000 INR to someone@upi") && text.contains("Posted at: https://example.com/p/1"));
    assert!(text.contains("chat-screenshot.png"), "the screenshot is named: {text}");
    assert!(text.contains("cybercrime-portal  31512250012345"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(bundle.join("threats.json")).unwrap()).unwrap();
    assert_eq!(json["threats"][0]["from"], "@someone_else");
    assert!(std::fs::read_to_string(bundle.join("README.txt")).unwrap().contains("hashes.csv"));

    // hashes.csv: the screenshot's row holds what sha256sum and md5sum say of its file.
    let csv = std::fs::read_to_string(bundle.join("hashes.csv")).unwrap();
    let row = csv.lines().find(|l| l.contains("chat-screenshot.png")).unwrap();
    let fields: Vec<&str> = row.split(',').collect();
    let file = fields[8];
    let sha = String::from_utf8(run_in(&bundle, "sha256sum", &[file], None).stdout).unwrap();
    let md5 = String::from_utf8(run_in(&bundle, "md5sum", &[file], None).stdout).unwrap();
    assert_eq!(fields[4], sha.split_whitespace().next().unwrap());
    assert_eq!(fields[5], md5.split_whitespace().next().unwrap());
    assert_eq!(fields[6].len(), 64, "a picture has its PDQ hash: {row}");
}

/// Report drafts (issue #27): the facts of every kind name an official source, its address and
/// its date (data/reporting.json, checked here so a correction cannot drop one), and a draft
/// fills in the threat as received, the action taken and each evidence item's SHA-256, with an
/// intimate item named by its hash only.
#[test]
fn report_drafts_quote_sourced_facts_and_fill_in_what_the_vault_holds() {
    let data = clipvault::evidence::drafts::data();
    assert!(data.checked.len() == 10 && data.checked.starts_with("20"));
    assert_eq!(data.drafts.keys().collect::<Vec<_>>(), ["cybercrime-portal", "platform", "take-it-down"]);
    for (kind, draft) in &data.drafts {
        assert!(!draft.facts.is_empty() && !draft.blanks.is_empty(), "{kind}");
        for fact in &draft.facts {
            assert!(!fact.text.is_empty() && !fact.source.is_empty(), "{kind}: {fact:?}");
            assert!(fact.url.starts_with("https://"), "{kind}: {fact:?}");
            let date = fact.date.as_bytes();
            assert!(date.len() == 10 && date[4] == b'-' && date[7] == b'-', "{kind}: {fact:?}");
        }
    }
    let env = CliEnv::new();
    let screenshot = env.write("dm.png", b"stand-in for a screenshot of the threat");
    let photo = env.write("photo.jpg", b"stand-in for an intimate photo");
    env.cmd().args(["add", "--tag", "intimate"]).arg(&photo).assert().success();
    env.cmd().args(["evidence", "mark", "photo.jpg"]).assert().success();
    env.cmd()
        .env("TZ", "IST-5:30")
        .args(["evidence", "threat", "--platform", "Instagram", "--from", "@someone_else", "--said", "pay or I post"])
        .args(["--received", "2026-12-01 21:30", "--posted-at", "https://example.com/p/1", "--attach"])
        .arg(&screenshot)
        .assert()
        .success();
    env.cmd().args(["evidence", "action", "helpline", "--reference", "call 4411"]).assert().success();
    let draft = String::from_utf8(
        env.cmd().args(["evidence", "draft", "cybercrime-portal"]).assert().success().get_output().stdout.clone(),
    )
    .unwrap();
    for expected in [
        "COMPLAINT TO INDIA'S NATIONAL CYBER CRIME REPORTING PORTAL",
        "Received: 2026-12-01T21:30:00+05:30 (2026-12-01T16:00:00Z UTC)",
        "From: @someone_else",
        "What it said: pay or I post",
        "Posted at: https://example.com/p/1",
        "helpline  call 4411",
        "dm.png  sha256 ",
        "(intimate image, not attached)  sha256 ",
        "Source: Information Technology (Intermediary Guidelines and Digital Media Ethics Code) Rules, 2021",
        "What was demanded: [ ... ]",
    ] {
        assert!(draft.contains(expected), "missing {expected:?} in:\n{draft}");
    }
    assert!(!draft.contains("photo.jpg"), "an intimate item is named by its hash only");
    let file = env.path("request.txt");
    env.cmd().args(["evidence", "draft", "take-it-down", "--to"]).arg(&file).assert().success();
    assert!(std::fs::read_to_string(&file).unwrap().contains("48 hours"));
    env.cmd().args(["evidence", "draft", "a-lawyer-letter"]).assert().code(2);
}
