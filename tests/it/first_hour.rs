//! A new user's first hour, through the real binary: duplicates skipped, items found the way
//! people type them, listing with filters, renaming and tagging, waiting for a busy vault,
//! media types phones make.

use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::Path;

use crate::fixture::{CliEnv as Env, PASS, TINY_KDF, heavy};

#[test]
fn an_item_already_stored_under_its_name_is_skipped_and_an_interrupted_folder_add_resumes() {
    let env = Env::new();
    let a = env.write("Camera/a.jpg", b"photo a");
    env.write("Camera/b.jpg", b"photo b");
    env.add(&a);
    // The same bytes under another name are stored: an add that exits 0 leaves an item of
    // the name it was given (a later shred of a.jpg must not take copy-of-a.jpg with it).
    let copy = env.write("elsewhere/copy-of-a.jpg", b"photo a");
    let said = env.add(&copy);
    assert!(said.contains("same content is also stored as") && said.contains("a.jpg"), "{said}");
    assert_eq!(env.names(&[]).len(), 2);
    let said = env.add(&copy);
    assert!(said.contains("skipped") && said.contains("copy-of-a.jpg"), "{said}");
    assert_eq!(env.names(&[]).len(), 2);
    // Running the folder add again (as after an interruption) adds only what is missing.
    env.cmd().arg("add").arg(env.path("Camera")).assert().success();
    let names = env.names(&[]).len();
    env.cmd().arg("add").arg(env.path("Camera")).assert().success();
    assert_eq!(env.names(&[]).len(), names);
    env.cmd().args(["add", "--allow-duplicates"]).arg(&copy).assert().success();
    assert_eq!(env.names(&[]).len(), names + 1);
    // --move of a skipped re-add still takes the original out of the gallery: it is stored.
    env.cmd().args(["add", "--move"]).arg(&copy).assert().success().stderr(contains("wiped"));
    assert!(!copy.exists());
    assert_eq!(env.names(&[]).len(), names + 1);
}

#[test]
fn items_are_found_by_last_path_component_ignoring_case_and_misses_suggest() {
    let env = Env::new();
    env.cmd().args(["add", "-", "--name", "Camera/IMG_01.jpg"]).write_stdin("one").assert().success();
    env.cmd().args(["add", "-", "--name", "Screenshots/Threat.png"]).write_stdin("two").assert().success();
    assert_eq!(env.stdout(&["cat", "IMG_01.jpg"]), "one");
    assert_eq!(env.stdout(&["cat", "img_01.JPG"]), "one");
    assert_eq!(env.stdout(&["cat", "camera/img_01.jpg"]), "one");
    assert_eq!(env.stdout(&["cat", "threat.png"]), "two");
    env.cmd()
        .args(["cat", "IMG_1.jpg"])
        .assert()
        .code(5)
        .stderr(contains("did you mean \"Camera/IMG_01.jpg\"?").and(contains("clipvault list")));
    env.cmd().args(["cat", "zzzzzzzzzz"]).assert().code(5).stderr(contains("did you mean").not());
    // Two items with one last component: ambiguous, both named.
    env.cmd().args(["add", "-", "--name", "Backup/IMG_01.jpg"]).write_stdin("three").assert().success();
    env.cmd()
        .args(["cat", "IMG_01.jpg"])
        .assert()
        .code(5)
        .stderr(contains("Camera/IMG_01.jpg").and(contains("Backup/")));
}

#[test]
fn list_filters_sorts_and_shows_tags_local_time_and_phone_sizes() {
    let env = Env::new();
    env.cmd()
        .args(["add", "-", "--name", "beach.jpg", "--tag", "summer"])
        .write_stdin(vec![1u8; 2_500_000])
        .assert()
        .success();
    let voice = env.write("note.ogg", b"OggS\0\x02\0\0\0\0\0\0\0\0voice");
    env.cmd().args(["add", "--tag", "work"]).arg(&voice).assert().success();
    env.cmd().args(["add", "-", "--name", "Album/Beach 2.JPG"]).write_stdin("b2").assert().success();
    assert_eq!(env.names(&["beach"]), ["beach.jpg", "Album/Beach 2.JPG"]);
    assert_eq!(env.names(&["*.jpg"]), ["beach.jpg", "Album/Beach 2.JPG"]);
    assert_eq!(env.names(&["album/*"]), ["Album/Beach 2.JPG"]);
    assert_eq!(env.names(&["--tag", "work"]), ["note.ogg"]);
    assert_eq!(env.names(&["--type", "audio"]), ["note.ogg"]);
    assert_eq!(env.names(&["--sort", "size"])[0], "beach.jpg");
    assert_eq!(env.names(&["--sort", "name"]), ["Album/Beach 2.JPG", "beach.jpg", "note.ogg"]);
    let table = env.stdout(&["list"]);
    let header = table.lines().next().unwrap();
    assert!(header.contains("TAGS") && header.contains("ADDED"), "{table}");
    let beach = table.lines().find(|l| l.contains("beach.jpg")).unwrap();
    assert!(beach.contains("2.5 MB") && beach.contains("summer"), "{beach}");
    // Local time (TZ=UTC here): "YYYY-MM-DD HH:MM", no RFC 3339 "T".
    let added = beach.split_whitespace().find(|w| w.len() == 10 && w.as_bytes()[4] == b'-').unwrap();
    assert!(added.starts_with("20"), "{beach}");
    assert!(table.lines().all(|l| !l.ends_with(' ')));
    assert_eq!(env.stdout(&["list", "nothing-like-this"]).trim(), "No item matches.");
    env.cmd().args(["list", "[unclosed"]).assert().code(2);
}

#[test]
fn rename_and_tag_change_the_index_only() {
    let env = Env::new();
    env.cmd().args(["add", "-", "--name", "IMG_2231.jpg"]).write_stdin("keep me").assert().success();
    env.cmd().args(["rename", "IMG_2231.jpg", "Evidence/threat-1.jpg"]).assert().success();
    assert_eq!(env.names(&[]), ["Evidence/threat-1.jpg"]);
    assert_eq!(env.stdout(&["cat", "threat-1.jpg"]), "keep me");
    env.cmd().args(["tag", "threat-1.jpg", "--add", "evidence", "--add", "2026"]).assert().success();
    env.cmd().args(["tag", "threat-1.jpg", "--remove", "2026"]).assert().success();
    assert_eq!(env.json(&[])[0]["tags"], serde_json::json!(["evidence"]));
    env.cmd().args(["rename", "threat-1.jpg", ""]).assert().code(1);
    env.cmd().args(["tag", "threat-1.jpg"]).assert().code(2);
    env.cmd().args(["ls"]).assert().success();
}

#[test]
fn a_busy_vault_says_how_to_wait_and_wait_timeout_bounds_the_wait() {
    let env = Env::new();
    let held = fs::OpenOptions::new().read(true).write(true).open(&env.vault).unwrap();
    held.lock().unwrap();
    let file = env.write("a.jpg", b"a");
    env.cmd().arg("add").arg(&file).assert().code(6).stderr(contains("clipvault --wait").and(contains(" add ")));
    let started = std::time::Instant::now();
    env.cmd().args(["--wait-timeout", "1", "add"]).arg(&file).assert().code(6);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    // --wait waits as long as it takes: release the lock after a while and it goes through.
    let mut child = env.process().args(["--wait", "add", "-", "--name", "waited.txt"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "--wait gave up");
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn phone_media_types_are_recognised() {
    let env = Env::new();
    let mut three_gp = vec![0, 0, 0, 24];
    three_gp.extend_from_slice(b"ftyp3gp4\0\0\0\0isom3gp4");
    three_gp.extend_from_slice(&[0u8; 64]);
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("clip.3gp", three_gp, "video/3gpp"),
        ("voice.amr", b"#!AMR\n\x3c\x91\x17\x16".to_vec(), "audio/amr"),
        ("VID.MOV", vec![0xff, 0xfe, 0, 1, 2, 3], "video/quicktime"),
    ];
    for (name, content, _) in &cases {
        let path = env.write(name, content);
        env.add(&path);
    }
    let items = env.json(&[]);
    for (name, _, expected) in &cases {
        let item = items.iter().find(|i| i["name"] == *name).unwrap();
        assert_eq!(item["type"], *expected, "{name}");
    }
}

#[test]
fn a_recovery_key_resets_one_of_several_passphrases_chosen_by_slot() {
    let env = Env::new();
    let second = env.write("second", b"copper wolf umbrella ninety meadow\n");
    env.cmd()
        .args(["key", "add", "--label", "partner's phone", "--new-passphrase-file"])
        .arg(&second)
        .assert()
        .success();
    let out = env
        .cmd()
        .args(["key", "add", "--recovery", "--label", "paper in the safe"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let recovery = env.write("recovery.txt", &out);
    // Labels tell the keys apart in `key list` (so the right one can be removed later).
    let list = env.stdout(&["key", "list"]);
    let line = |label: &str| list.lines().find(|l| l.ends_with(label)).unwrap_or_default().to_string();
    assert!(line("partner's phone").contains("passphrase"), "{list}");
    assert!(line("paper in the safe").contains("recovery"), "{list}");
    let id = |label: &str| line(label).split_whitespace().next().unwrap_or_default().to_string();
    env.cmd().args(["key", "add", "--recovery", "--label"]).arg("x".repeat(65)).assert().code(2);
    let new = env.write("new", b"lantern orbit quietly seventy marble\n");
    let rescue = |args: &[&str]| {
        let mut c = env.no_pass();
        c.arg("--identity").arg(&recovery).args(args);
        c
    };
    // Without a terminal to ask on, it names the passphrases and asks for --key, before any
    // new passphrase is read.
    rescue(&["passwd", "--new-passphrase-file"]).arg(&new).assert().code(2).stderr(
        contains("--key ID")
            .and(contains(format!("{} (passphrase, \"partner's phone\", added", id("partner's phone")))),
    );
    rescue(&["passwd", "--key", &id("paper in the safe"), "--new-passphrase-file"])
        .arg(&new)
        .assert()
        .code(2)
        .stderr(contains("is not a passphrase"));
    rescue(&["passwd", "--key", &id("partner's phone"), "--new-passphrase-file"]).arg(&new).assert().success();
    let opens = |pass: &Path| env.cmd_as(pass).arg("list").output().unwrap().status.code();
    assert_eq!(opens(&new), Some(0));
    assert_eq!(opens(&second), Some(3), "the replaced passphrase still opens");
    assert_eq!(opens(&env.pass), Some(0), "the other passphrase was touched");
}

#[test]
fn common_south_asian_and_arabic_passwords_are_refused() {
    for weak in ["Rahul@123", "jaishreeram", "Allah786", "bismillah786", "Radhe Krishna", "Jai Shree Ram 123"] {
        let env = Env::empty();
        fs::write(&env.pass, format!("{weak}\n")).unwrap();
        env.cmd().args(["init"]).args(TINY_KDF).assert().code(1).stderr(contains("easy to guess"));
    }
}

#[test]
fn init_generate_makes_a_six_word_passphrase_shown_once_on_stderr() {
    let env = Env::empty();
    let out = env.no_pass().args(["init", "--generate"]).args(TINY_KDF).assert().success().get_output().clone();
    assert!(out.stdout.is_empty(), "the passphrase must not go to stdout");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line = stderr.lines().map(str::trim).find(|l| l.split(' ').count() == 6).expect("six words");
    assert!(line.split(' ').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')), "{line}");
    fs::write(&env.pass, format!("{line}\n")).unwrap();
    env.cmd().arg("list").assert().success();
}

#[test]
fn export_keeps_folders_and_dates_skips_existing_and_reports_each_error_once() {
    let env = Env::new();
    let photo = env.write("Camera/IMG_01.jpg", b"one");
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    fs::File::options().write(true).open(&photo).unwrap().set_modified(old).unwrap();
    env.cmd().args(["add", "-", "--name", "Camera/IMG_01.jpg"]).write_stdin("one").assert().success();
    env.cmd().arg("add").arg(&photo).args(["--name", "Trips/Goa/beach.jpg", "--allow-duplicates"]).assert().success();
    env.cmd().args(["add", "-", "--name", "Screens/s.png"]).write_stdin("two").assert().success();
    let out = env.path("out");
    env.cmd().args(["export", "--all", "--to"]).arg(&out).assert().success();
    assert_eq!(fs::read(out.join("Camera/IMG_01.jpg")).unwrap(), b"one");
    let beach = out.join("Trips/Goa/beach.jpg");
    assert_eq!(fs::metadata(&beach).unwrap().modified().unwrap(), old, "the original's date is kept");
    // Again: existing files make errors, each said once, and a one-line summary.
    let out_again = env.cmd().args(["export", "--all", "--to"]).arg(&out).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(out_again.stderr).unwrap();
    assert_eq!(stderr.matches("already exists").count(), 3, "{stderr}");
    assert!(stderr.lines().last().unwrap().contains("3 items were not exported"), "{stderr}");
    env.cmd()
        .args(["export", "--all", "--skip-existing", "--to"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("skipped"));
    // A symbolic link planted inside the folder is not followed out of it.
    let outside = env.path("outside");
    fs::create_dir(&outside).unwrap();
    let out2 = env.path("out2");
    fs::create_dir(&out2).unwrap();
    std::os::unix::fs::symlink(&outside, out2.join("Screens")).unwrap();
    env.cmd().args(["export", "s.png", "--to"]).arg(&out2).assert().code(1).stderr(contains("not a folder"));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

/// Ctrl-C, SIGTERM or SIGHUP during an export left a hidden `.clipvault-export-*` holding the
/// decrypted item. The temporary file is now overwritten and removed before exit.
#[test]
fn a_signal_during_export_leaves_no_plaintext_behind() {
    let _heavy = heavy();
    use rand::Rng;
    let env = Env::new();
    let big = env.write("big.mp4", &vec![7u8; 96 << 20]);
    env.add(&big);
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let out = env.path(&format!("out-{signal}"));
        let mut child = env
            .process()
            .args(["export", "big.mp4", "--to"])
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then signal at a random moment of the write.
        let started = std::time::Instant::now();
        while fs::read_dir(&out).map_or(true, |d| d.count() == 0) && started.elapsed().as_secs() < 20 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_millis(rand::thread_rng().gen_range(0..40)));
        // SAFETY: kill with a valid pid and signal number.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        let left: Vec<String> =
            fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        if status.success() {
            // The export finished before the signal: the file is whole and named.
            assert_eq!(left, ["big.mp4"]);
        } else {
            assert_eq!(status.code(), Some(128 + signal), "signal {signal}");
            assert!(left.iter().all(|n| !n.starts_with(".clipvault-export-")), "signal {signal} left {left:?}");
        }
    }
}

#[test]
fn help_has_global_options_examples_aliases_and_a_man_page_and_errors_are_one_line() {
    let env = Env::new();
    let help = env.stdout(&["--help"]);
    assert!(help.contains("Global options:") && help.contains("--wait-timeout"), "{help}");
    let add = env.stdout(&["add", "--help"]);
    assert!(add.contains("Examples:") && add.contains("clipvault add --move"), "{add}");
    assert!(env.stdout(&["key", "--help"]).contains("rotate"));
    let man = env.stdout(&["man"]);
    assert!(man.contains(".TH clipvault 1"), "{man}");
    // clap's own errors: one line, exit 2, with its suggestion.
    let out = env.cmd().arg("lst").assert().code(2).get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("clipvault: ") && stderr.contains("'list'"), "{stderr}");
    // The aliases people type: rm and delete shred, and ask first.
    env.cmd().args(["add", "-", "--name", "a.txt"]).write_stdin("a").assert().success();
    env.cmd().args(["rm", "a.txt"]).assert().code(2).stderr(contains("--yes"));
    env.cmd().args(["delete", "a.txt", "--yes"]).assert().success();
    assert!(env.names(&[]).is_empty());
    // A missing file: one line, no "os error".
    let out = env.cmd().args(["add", "/nonexistent/x.jpg"]).assert().code(1).get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("os error") && stderr.contains("/nonexistent/x.jpg"), "{stderr}");
}

#[test]
fn salvage_says_how_much_of_the_index_was_lost() {
    let env = Env::new();
    for n in 0..3 {
        env.cmd()
            .args(["add", "-", "--name", &format!("item{n}.txt")])
            .write_stdin(format!("content {n}"))
            .assert()
            .success();
    }
    let vault = clipvault::Vault::open(&env.vault, &clipvault::Passphrase::new(PASS), Default::default()).unwrap();
    let segments = vault.index_segments();
    drop(vault);
    assert!(segments.len() >= 2, "three items make two segments");
    let (copies, _) = segments[1].clone();
    let mut bytes = fs::read(&env.vault).unwrap();
    for copy in copies {
        bytes[copy.offset as usize + 50] ^= 1;
    }
    fs::write(&env.vault, &bytes).unwrap();
    let rescued = env.path("rescued.clipvault");
    let out = env.cmd().args(["salvage", "--to"]).arg(&rescued).assert().code(4).get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(stderr.contains(&format!("1 of {} index segments were unreadable", segments.len())), "{stderr}");
    // Every item of the lost segment is found again by its item header.
    let found = segments[1].1.len();
    assert!(
        stderr.contains(&format!("salvaged 3 of the 3 items found ({found} of them by their item headers alone)")),
        "{stderr}"
    );
    assert_eq!(env.names_at(&rescued).unwrap().len(), 3);
}

/// An `.age` file whose passphrase asks for scrypt beyond what the device affords (here work
/// factor 19, 512 MiB) is refused with one line before scrypt runs; `--allow-costly-kdf`
/// imports it.
#[test]
fn a_costly_scrypt_age_file_is_refused_unless_allowed() {
    use std::io::Write;
    let env = Env::new();
    let age_pass = env.write("age-pass", b"river quartz seldom oval\n");
    let mut encryptor =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from("river quartz seldom oval".to_string()));
    encryptor.set_work_factor(19);
    let mut file = Vec::new();
    let mut writer = age::Encryptor::with_recipients(std::iter::once(&encryptor as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut file)
        .unwrap();
    writer.write_all(b"costly").unwrap();
    writer.finish().unwrap();
    let path = env.write("costly.txt.age", &file);
    let out = env
        .cmd()
        .args(["import", "--age-passphrase-file"])
        .arg(&age_pass)
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("work factor 19") && stderr.contains("--allow-costly-kdf"), "{stderr}");
    env.cmd()
        .args(["--allow-costly-kdf", "import", "--age-passphrase-file"])
        .arg(&age_pass)
        .arg(&path)
        .assert()
        .success();
    assert_eq!(env.stdout(&["cat", "costly.txt"]), "costly");
}

/// An interrupted `compact` or `key rotate` left a complete hidden copy of the vault beside
/// it. A signal now removes the half-written file at once (the next writer would too), and
/// the vault opens as before or after.
#[test]
fn a_signal_during_compact_or_rotate_leaves_no_copy_beside_the_vault() {
    let _heavy = heavy();
    use rand::Rng;
    let env = Env::new();
    let big = env.write("big.mp4", &vec![3u8; 48 << 20]);
    env.add(&big);
    for (command, signal) in
        [(&["compact", "--yes"][..], libc::SIGINT), (&["key", "rotate", "--yes"][..], libc::SIGTERM)]
    {
        for _ in 0..3 {
            let mut child = env.process().args(command).stderr(std::process::Stdio::null()).spawn().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(rand::thread_rng().gen_range(20..400)));
            // SAFETY: kill with a valid pid and signal number.
            unsafe { libc::kill(child.id() as libc::pid_t, signal) };
            child.wait().unwrap();
            let left: Vec<String> = fs::read_dir(env.dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".clipvault-"))
                .collect();
            assert!(left.is_empty(), "{command:?} left {left:?}");
            assert_eq!(env.names(&[]), ["big.mp4"]);
        }
    }
}

/// The README's tour tagged a threat screenshot `evidence`; that item then shredded without
/// `--force` and without a custody entry. A tag in any of the users' words for evidence now
/// says how to mark the item as evidence, at `tag` and at `add --tag`.
#[test]
fn a_tag_that_says_evidence_says_how_to_mark_it() {
    let env = Env::new();
    env.cmd().args(["add", "-", "--name", "threat.png"]).write_stdin("a threat").assert().success();
    for word in ["evidence", "सबूत", "دليل"] {
        let said = env.cmd().args(["tag", "threat.png", "--add", word]).assert().success().get_output().stderr.clone();
        let said = String::from_utf8(said).unwrap();
        assert!(said.contains("clipvault evidence mark threat.png"), "{word}: {said}");
    }
    let said =
        env.cmd().args(["add", "-", "--name", "dm.png", "--tag", "Evidence"]).write_stdin("dm").assert().success();
    assert!(String::from_utf8_lossy(&said.get_output().stderr).contains("evidence mark dm.png"));
    // A plain tag says nothing of the kind; a marked item needs no such note.
    let said = env.cmd().args(["tag", "threat.png", "--add", "beach"]).assert().success().get_output().stderr.clone();
    assert!(!String::from_utf8(said).unwrap().contains("evidence mark"));
    env.cmd().args(["evidence", "mark", "threat.png"]).assert().success();
    let said = env.cmd().args(["tag", "threat.png", "--add", "proof"]).assert().success().get_output().stderr.clone();
    assert!(!String::from_utf8(said).unwrap().contains("evidence mark"));
}

/// Hindi names as people type them: an error quotes the name with its vowel signs and viramas
/// (Debug formatting escaped them: `"म\u{947}री"`), a did-you-mean offers the ids of items that
/// share a name, and an evidence bundle keeps the name (its virama was replaced by `_`).
#[test]
fn hindi_names_stay_whole_in_errors_suggestions_and_bundles() {
    let env = Env::new();
    let name = "मेरी तस्वीर.txt";
    env.add(&env.write(name, b"the first"));
    let typed = "मेरी तस्वीरें.txt";
    let said = env.cmd().args(["cat", typed]).assert().code(5).get_output().stderr.clone();
    let said = String::from_utf8(said).unwrap();
    assert!(said.contains(&format!("no item matches \"{typed}\"")), "{said}");
    assert!(said.contains(&format!("did you mean \"{name}\"")), "{said}");
    assert!(!said.contains("\\u{"), "{said}");

    // Two items of one name (different content): the suggestion says which is which.
    let other = env.write("again/मेरी तस्वीर.txt", b"the second");
    env.cmd().args(["add", "--name", name]).arg(&other).assert().success();
    let said = env.cmd().args(["cat", typed]).assert().code(5).get_output().stderr.clone();
    let said = String::from_utf8(said).unwrap();
    let ids: Vec<String> = env.list_json().iter().map(|i| i["id"].as_str().unwrap()[..8].to_string()).collect();
    for id in &ids {
        assert!(said.contains(&format!("\"{name}\" (id {id})")), "{said}");
    }

    env.cmd().args(["evidence", "mark", &ids[0]]).assert().success();
    let bundle = env.path("bundle");
    env.cmd().args(["evidence", "export", "--all", "--include-media", "--to"]).arg(&bundle).assert().success();
    let files: Vec<String> = std::fs::read_dir(bundle.join("media"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, [format!("{}-{name}", ids[0])]);
}

/// Re-adding a folder: one line for what was skipped, not one per file; `--tag` applies to
/// the items already stored too (it was silently dropped for them); and `list WORD` finds a
/// tag as well as a name (the tour's `list beach --type video` found nothing).
#[test]
fn a_re_added_folder_says_one_line_tags_what_it_skipped_and_list_finds_tags() {
    let env = Env::new();
    for n in 0..6 {
        env.write(&format!("trip/clip-{n}.bin"), format!("clip {n}").as_bytes());
    }
    env.cmd().arg("add").arg(env.path("trip")).assert().success();
    env.write("trip/clip-new.bin", b"one more");
    let out =
        env.cmd().arg("add").arg(env.path("trip")).args(["--tag", "beach"]).assert().success().get_output().clone();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(!said.contains("skipped trip"), "{said}");
    assert!(said.contains("6 of 7 were in the vault already") && said.contains("6 of them got the new tags"), "{said}");
    let tagged = env.names(&["--tag", "beach"]);
    assert_eq!(tagged.len(), 7, "{tagged:?}");
    assert_eq!(env.names(&["beach"]).len(), 7);
    // One file alone still says what happened to it.
    let one = env.cmd().args(["add", "--name", "trip/clip-0.bin"]).arg(env.path("trip/clip-0.bin")).assert().success();
    one.stderr(contains("skipped"));
}
