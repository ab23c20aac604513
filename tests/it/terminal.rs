//! Typing passphrases at a real pseudo-terminal: the prompt appears, and nothing typed is
//! echoed back.

use crate::fixture::CliEnv;
use rexpect::session::spawn_command;
use std::process::Command;

const SECRET: &str = "ochre-velvet-tractor-9-mosaic";

/// A folder with no vault yet, its passphrase file holding [`SECRET`].
fn folder() -> CliEnv {
    let env = CliEnv::empty();
    env.write("pass", format!("{SECRET}\n").as_bytes());
    env
}

/// clipvault on the folder's vault, with no passphrase: a plain process for a pseudo-terminal.
fn clipvault(env: &CliEnv, args: &[&str]) -> Command {
    let mut cmd = env.program_on(&env.vault, None);
    cmd.args(args);
    cmd
}

/// A folder with a vault (tiny KDF) and its passphrase in `pass`.
fn vault_with_passphrase_file() -> CliEnv {
    let env = folder();
    env.cmd().arg("init").args(crate::fixture::TINY_KDF).assert().success();
    env
}

/// clipvault on the folder's vault, with its passphrase file.
fn with_pass(env: &CliEnv, args: &[&str]) -> Command {
    let mut c = env.program_on(&env.vault, Some(&env.pass));
    c.args(args);
    c
}

#[test]
fn passphrase_prompts_do_not_echo() {
    let env = folder();
    let init = clipvault(&env, &["init", "--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"]);
    let mut session = spawn_command(init, Some(20_000)).unwrap();
    session.exp_string("New passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    session.exp_string("Repeat the new passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    let shown = session.exp_string("Create a recovery key too").unwrap();
    assert!(shown.contains("Created vault"), "got: {shown}");
    assert!(!shown.contains(SECRET), "the passphrase was echoed");
    session.send_line("n").unwrap();
    session.exp_eof().unwrap();

    let list = clipvault(&env, &["list"]);
    let mut session = spawn_command(list, Some(20_000)).unwrap();
    session.exp_string("Passphrase for ").unwrap();
    session.send_line(SECRET).unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("The vault is empty"), "got: {rest}");
    assert!(!rest.contains(SECRET), "the passphrase was echoed");

    // A typo gets another try, three in all.
    let typo = clipvault(&env, &["list"]);
    let mut session = spawn_command(typo, Some(20_000)).unwrap();
    session.exp_string("Passphrase for ").unwrap();
    session.send_line("not it").unwrap();
    session.exp_string("wrong passphrase; try again").unwrap();
    session.exp_string("Passphrase for ").unwrap();
    session.send_line(SECRET).unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("The vault is empty"), "got: {rest}");

    let wrong = clipvault(&env, &["list"]);
    let mut session = spawn_command(wrong, Some(20_000)).unwrap();
    for _ in 0..2 {
        session.exp_string("Passphrase for ").unwrap();
        session.send_line("not it").unwrap();
        session.exp_string("try again").unwrap();
    }
    session.exp_string("Passphrase for ").unwrap();
    session.send_line("still not it").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("clipvault: wrong passphrase"), "got: {rest}");
}

/// A weak passphrase is refused before the second prompt, and can be typed again.
#[test]
fn a_weak_new_passphrase_is_refused_before_repeating_it() {
    let env = folder();
    let init = clipvault(&env, &["init", "--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"]);
    let mut session = spawn_command(init, Some(20_000)).unwrap();
    for weak in ["Rahul@123", "jaishreeram"] {
        session.exp_string("New passphrase: ").unwrap();
        session.send_line(weak).unwrap();
        let said = session.exp_string("try again").unwrap();
        assert!(said.contains("easy to guess") && !said.contains("Repeat"), "{weak}: {said}");
    }
    session.exp_string("New passphrase: ").unwrap();
    session.send_line("Allah786").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("easy to guess") && rest.contains("nothing was changed"), "got: {rest}");
    assert!(!env.vault.exists());

    let init = clipvault(&env, &["init", "--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"]);
    let mut session = spawn_command(init, Some(20_000)).unwrap();
    session.exp_string("New passphrase: ").unwrap();
    session.send_line("Allah786").unwrap();
    session.exp_string("try again").unwrap();
    session.exp_string("New passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    session.exp_string("Repeat the new passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    session.exp_string("Create a recovery key too").unwrap();
    session.send_line("n").unwrap();
    session.exp_eof().unwrap();
    assert!(env.vault.is_file());
}

#[test]
fn cat_refuses_a_terminal() {
    let env = folder();
    let mut init = clipvault(&env, &["init", "--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"]);
    init.arg("--passphrase-file").arg(&env.pass);
    assert!(init.status().unwrap().success());
    let mut cat = clipvault(&env, &["cat", "anything"]);
    cat.arg("--passphrase-file").arg(&env.pass);
    let mut session = spawn_command(cat, Some(20_000)).unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("refusing to write an item to the terminal"), "got: {rest}");
}

#[test]
fn add_offers_to_create_the_default_vault() {
    let env = folder();
    let photo = env.path("photo.jpg");
    std::fs::write(&photo, b"first photo").unwrap();
    // The default vault, under HOME.
    let mut add = env.program();
    add.env_remove("XDG_DATA_HOME").arg("add").arg(&photo);
    let mut session = spawn_command(add, Some(30_000)).unwrap();
    let question = session.exp_string("Create one at").unwrap();
    assert!(question.contains("There is no vault yet"), "got: {question}");
    session.send_line("y").unwrap();
    session.exp_string("New passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    session.exp_string("Repeat the new passphrase: ").unwrap();
    session.send_line(SECRET).unwrap();
    // The same warning and recovery offer as `init`.
    let said = session.exp_string("Create a recovery key too").unwrap();
    assert!(said.contains("Keep the passphrase safe"), "got: {said}");
    session.send_line("n").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("added photo.jpg"), "got: {rest}");
    assert!(env.path(".local/share/clipvault/vault.clipvault").is_file());
}

/// `view --once` at a terminal asks before shredding: a viewer that showed nothing must not
/// destroy an item nobody saw.
#[test]
fn view_once_asks_before_shredding_at_a_terminal() {
    let env = folder();
    let with_pass = |args: &[&str]| with_pass(&env, args);
    assert!(
        with_pass(&["init", "--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"])
            .status()
            .unwrap()
            .success()
    );
    let clip = env.path("clip.txt");
    std::fs::write(&clip, b"once only").unwrap();
    assert!(with_pass(&["add", clip.to_str().unwrap()]).status().unwrap().success());
    for (answer, kept) in [("n", true), ("y", false)] {
        let view = with_pass(&["view", "clip.txt", "--once", "--with", "cat > /dev/null"]);
        let mut session = spawn_command(view, Some(20_000)).unwrap();
        session.exp_string("Shred clip.txt now? [y/N]").unwrap();
        session.send_line(answer).unwrap();
        session.exp_eof().unwrap();
        let listed = with_pass(&["list", "--json"]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&listed.stdout).contains("clip.txt"), kept, "answer {answer}");
    }
}

/// One convention for sizes: `list` says `2.5 MB`, so the progress bars do too (export's said
/// `2.38 MiB`); counts agree with their nouns (`verified 1 items`); standard input, whose size
/// is unknown, gets a running count instead of a bar full from the start (`120 MiB/0 B`).
#[test]
fn sizes_are_in_powers_of_1000_everywhere_and_counts_agree() {
    let env = vault_with_passphrase_file();
    let with_pass = |args: &[&str]| with_pass(&env, args);
    let big = env.path("clip.bin");
    std::fs::write(&big, vec![7u8; 2_500_000]).unwrap();
    let mut session = spawn_command(with_pass(&["add", big.to_str().unwrap()]), Some(30_000)).unwrap();
    let added = session.exp_eof().unwrap();
    assert!(added.contains("2.5 MB") && !added.contains("MiB"), "got: {added}");
    let out = env.path("out");
    let mut session =
        spawn_command(with_pass(&["export", "clip.bin", "--to", out.to_str().unwrap()]), Some(30_000)).unwrap();
    let exported = session.exp_eof().unwrap();
    assert!(exported.contains("/2.50 MB") && !exported.contains("MiB"), "got: {exported}");
    let piped = format!(
        "head -c 3000000 /dev/zero | '{}' --vault '{}' --passphrase-file '{}' add - --name piped",
        env!("CARGO_BIN_EXE_clipvault"),
        env.vault.display(),
        env.pass.display()
    );
    let mut sh = Command::new("sh");
    env.environment(&mut sh).args(["-c", &piped]);
    let mut session = spawn_command(sh, Some(30_000)).unwrap();
    let piped = session.exp_eof().unwrap();
    assert!(!piped.contains("/0 B") && piped.contains("added piped"), "got: {piped}");
    let mut session = spawn_command(with_pass(&["verify"]), Some(30_000)).unwrap();
    let verified = session.exp_eof().unwrap();
    assert!(verified.contains("verified 2 items (5.5 MB)"), "got: {verified}");
    with_pass(&["shred", "--yes", "piped"]).output().unwrap();
    let mut session = spawn_command(with_pass(&["verify"]), Some(30_000)).unwrap();
    let verified = session.exp_eof().unwrap();
    assert!(verified.contains("verified 1 item (2.5 MB)"), "got: {verified}");
}

/// The recovery key is the vault's second way in. At a terminal it is shown, and once the
/// person has it written down the screen and the scrollback are cleared (it stayed there);
/// sent into a file (`> recovery.txt`) the file is made private (it was 0644) with a reminder
/// to wipe it; and `--identity -` takes it pasted at a prompt, not echoed.
#[test]
fn a_recovery_key_leaves_no_copy_on_screen_or_in_a_readable_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = vault_with_passphrase_file();
    let with_pass = |args: &[&str]| with_pass(&env, args);

    let mut session = spawn_command(with_pass(&["key", "add", "--recovery"]), Some(30_000)).unwrap();
    let shown = session.exp_string("Press Enter once it is written down").unwrap();
    let key =
        shown.lines().map(str::trim).find(|l| l.starts_with("AGE-SECRET-KEY-1")).expect("the key is shown").to_string();
    session.send_line("").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("\x1b[3J"), "the scrollback was not cleared: {rest:?}");

    // Pasted at a prompt: it opens the vault, and is not echoed.
    let mut paste = clipvault(&env, &["list"]);
    paste.args(["--identity", "-"]);
    let mut session = spawn_command(paste, Some(30_000)).unwrap();
    session.exp_string("Paste the recovery key").unwrap();
    session.send_line(&key).unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("The vault is empty") && !rest.contains(&key), "got: {rest}");

    // Into a file, as the README's `key add --recovery > recovery.txt`.
    let file = env.path("recovery.txt");
    let shell = format!(
        "umask 022; '{}' --vault '{}' --passphrase-file '{}' key add --recovery > '{}'",
        env!("CARGO_BIN_EXE_clipvault"),
        env.vault.display(),
        env.pass.display(),
        file.display()
    );
    let mut sh = Command::new("sh");
    let out = env.environment(&mut sh).args(["-c", &shell]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(said.contains("clipvault wipe") && said.contains("recovery.txt"), "{said}");
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("AGE-SECRET-KEY-1"));
}

/// `export --age-passphrase` asks for the files' new passphrase before the vault's own; the
/// prompt said only "New passphrase:", which reads as changing the vault's.
#[test]
fn the_age_passphrase_prompt_says_what_it_is_for() {
    let env = vault_with_passphrase_file();
    let with_pass = |args: &[&str]| with_pass(&env, args);
    let note = env.path("note.txt");
    std::fs::write(&note, b"for the lawyer").unwrap();
    assert!(with_pass(&["add", note.to_str().unwrap()]).output().unwrap().status.success());
    let out = env.path("out");
    let export = with_pass(&["export", "note.txt", "--age-passphrase", "--to", out.to_str().unwrap()]);
    let mut session = spawn_command(export, Some(30_000)).unwrap();
    session.exp_string("New passphrase for the exported .age files").unwrap();
    session.send_line("orchid seventy lantern quietly marble").unwrap();
    session.exp_string("Repeat the passphrase for the .age files").unwrap();
    session.send_line("orchid seventy lantern quietly marble").unwrap();
    session.exp_eof().unwrap();
    assert!(out.join("note.txt.age").is_file());
}

/// The decoy recipe on an existing vault, typed at a terminal as the README now has it: the
/// questions in plain words, the decoy passphrase typed (the recipe left it in `decoy.txt` on
/// the phone), and the reserve added to the existing vault (`--reserve` was for new ones).
#[test]
fn a_decoy_is_added_to_an_existing_vault_with_a_reserve_and_no_passphrase_file() {
    const DECOY: &str = "meadow copper ninety umbrella wolf";
    let env = vault_with_passphrase_file();
    let with_pass = |args: &[&str]| with_pass(&env, args);
    let vault = env.vault.clone();
    let before = std::fs::metadata(&vault).unwrap().len();

    let mut session =
        spawn_command(with_pass(&["key", "add", "--compartment", "--reserve", "1M"]), Some(30_000)).unwrap();
    session.exp_string("another hidden part").unwrap();
    session.exp_string("(or just Enter): ").unwrap();
    session.send_line("").unwrap();
    session.exp_string("the one you could give if someone forces you").unwrap();
    session.exp_string("New passphrase: ").unwrap();
    session.send_line(DECOY).unwrap();
    session.exp_string("Repeat the new passphrase: ").unwrap();
    session.send_line(DECOY).unwrap();
    let said = session.exp_eof().unwrap();
    assert!(said.contains("Created a compartment"), "got: {said}");
    assert!(std::fs::metadata(&vault).unwrap().len() >= before + (1 << 20), "no reserve was written");

    let cat = env.path("cat.txt");
    std::fs::write(&cat, b"a cat").unwrap();
    let mut session = spawn_command(clipvault(&env, &["add", cat.to_str().unwrap()]), Some(30_000)).unwrap();
    session.exp_string("Passphrase for ").unwrap();
    session.send_line(DECOY).unwrap();
    assert!(session.exp_eof().unwrap().contains("added cat.txt"));
    let real = with_pass(&["list", "--json"]).output().unwrap();
    assert_eq!(String::from_utf8(real.stdout).unwrap().trim(), "[]", "the decoy's item shows with the real passphrase");
}

/// `key rotate` said "1 other key(s) will stop working" without saying which: it names them.
#[test]
fn key_rotate_names_the_keys_that_stop_working() {
    let env = vault_with_passphrase_file();
    let with_pass = |args: &[&str]| with_pass(&env, args);
    let added = with_pass(&["key", "add", "--recovery", "--label", "paper in the safe"]).output().unwrap();
    assert!(added.status.success());
    let list = String::from_utf8(with_pass(&["key", "list"]).output().unwrap().stdout).unwrap();
    let id = list.lines().find(|l| l.ends_with("paper in the safe")).unwrap().split_whitespace().next().unwrap();
    let mut session = spawn_command(with_pass(&["key", "rotate"]), Some(30_000)).unwrap();
    let asked = session.exp_string("Continue? [y/N]").unwrap();
    assert!(asked.contains(&format!("{id} (recovery key, \"paper in the safe\", added")), "got: {asked}");
    session.send_line("n").unwrap();
    session.exp_eof().unwrap();
}
