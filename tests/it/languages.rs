//! clipvault in Hindi and Arabic, through the binary: the locale chooses the language, what
//! a person reads is translated, and what a script reads is not (exit codes, `--json`).

use rexpect::session::spawn_command;
use std::process::{Command, Output};

const PASSPHRASE: &str = "correct horse battery staple";

/// A vault with one item named in Arabic and one in Latin letters.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env { dir: tempfile::tempdir().unwrap() };
        std::fs::write(env.dir.path().join("pass"), format!("{PASSPHRASE}\n")).unwrap();
        let tiny = ["--kdf-memory", "1", "--kdf-iterations", "1", "--kdf-parallelism", "1"];
        let init = env.cmd("en_US.UTF-8", &["init"]).args(tiny).output().unwrap();
        assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
        for name in ["صورة العائلة.jpg", "beach.txt"] {
            std::fs::write(env.dir.path().join(name), format!("content of {name}")).unwrap();
            let add = env.cmd("en_US.UTF-8", &["add"]).arg(env.dir.path().join(name)).output().unwrap();
            assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
        }
        env
    }

    /// clipvault with the vault, its passphrase file and the locale `lang`.
    fn cmd(&self, lang: &str, args: &[&str]) -> Command {
        self.with_pass(lang, "pass", args)
    }

    /// clipvault with the vault, the passphrase file named `pass` and the locale `lang`.
    fn with_pass(&self, lang: &str, pass: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clipvault"));
        command
            .env_remove("CLIPVAULT_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .arg("--vault")
            .arg(self.dir.path().join("vault.clipvault"))
            .arg("--passphrase-file")
            .arg(self.dir.path().join(pass))
            .args(args);
        command
    }
}

fn devanagari(text: &str) -> bool {
    text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

fn arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_lists_the_same_commands_with_translated_summaries() {
    let env = Env::new();
    for (lang, script) in [("hi_IN.UTF-8", devanagari as fn(&str) -> bool), ("ar_EG.UTF-8", arabic)] {
        let help = env.cmd(lang, &["--help"]).output().unwrap();
        assert!(help.status.success());
        let text = String::from_utf8_lossy(&help.stdout);
        let init = text.lines().find(|l| l.trim_start().starts_with("init ")).expect("init is listed");
        assert!(script(init), "{lang}: {init}");
        for command in ["add ", "list ", "shred ", "panic ", "evidence "] {
            assert!(text.lines().any(|l| l.trim_start().starts_with(command)), "{lang}: {command} missing");
        }
    }
}

#[test]
fn a_wrong_passphrase_is_said_in_the_language_with_the_same_exit_code() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("wrong"), "not the passphrase\n").unwrap();
    for (lang, script) in
        [("hi_IN.UTF-8", devanagari as fn(&str) -> bool), ("ar_EG.UTF-8", arabic), ("en_US.UTF-8", |_: &str| true)]
    {
        let out = env.with_pass(lang, "wrong", &["list"]).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{lang}: {}", stderr(&out));
        assert!(stderr(&out).starts_with("clipvault: ") && script(&stderr(&out)), "{lang}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{lang}: {}", stderr(&out));
    }
    // --lang and CLIPVAULT_LANG win over the locale.
    let out = env.with_pass("en_US.UTF-8", "wrong", &["--lang", "ar", "list"]).output().unwrap();
    assert!(arabic(&stderr(&out)), "{}", stderr(&out));
    let out = env.with_pass("en_US.UTF-8", "wrong", &["list"]).env("CLIPVAULT_LANG", "hi").output().unwrap();
    assert!(devanagari(&stderr(&out)), "{}", stderr(&out));
}

#[test]
fn list_shows_an_arabic_name_whole_and_json_is_the_same_in_every_language() {
    let env = Env::new();
    let list = env.cmd("ar_EG.UTF-8", &["list"]).output().unwrap();
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(String::from_utf8_lossy(&list.stdout).contains("صورة العائلة.jpg"));
    let json: Vec<Vec<u8>> = ["en_US.UTF-8", "hi_IN.UTF-8", "ar_EG.UTF-8"]
        .iter()
        .map(|lang| env.cmd(lang, &["list", "--json"]).output().unwrap().stdout)
        .collect();
    assert!(!json[0].is_empty());
    assert_eq!(json[0], json[1], "--json differs in Hindi");
    assert_eq!(json[0], json[2], "--json differs in Arabic");
}

/// The shred question in Hindi, answered with the Hindi yes.
#[test]
fn the_shred_question_is_asked_in_hindi_and_takes_the_hindi_yes() {
    let env = Env::new();
    let shred = env.cmd("hi_IN.UTF-8", &["shred", "beach.txt"]);
    let mut session = spawn_command(shred, Some(20_000)).unwrap();
    // rexpect hands each byte over as the char of the same number: turn them back into UTF-8.
    let asked = session.exp_string("[y/N]").unwrap();
    let asked = String::from_utf8_lossy(&asked.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()).into_owned();
    assert!(devanagari(&asked) && asked.contains("beach.txt"), "asked: {asked}");
    session.send_line("हाँ").unwrap();
    session.exp_eof().unwrap();
    let list = env.cmd("en_US.UTF-8", &["list", "--json"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&list.stdout).contains("beach.txt"), "the Hindi yes did not shred");
}

/// A command run through an unlock session speaks the caller's language, not the one the
/// session was unlocked in.
#[test]
fn an_unlock_session_answers_in_the_callers_language() {
    let env = Env::new();
    let runtime = env.dir.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let session = |lang: &str, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clipvault"));
        command
            .env_remove("CLIPVAULT_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("CLIPVAULT_PASSPHRASE_FILE")
            .env("LANG", lang)
            .env("HOME", env.dir.path())
            .env("XDG_RUNTIME_DIR", &runtime)
            .arg("--vault")
            .arg(env.dir.path().join("vault.clipvault"))
            .args(args)
            .stdin(std::process::Stdio::null());
        command
    };
    let pass = env.dir.path().join("pass");
    let unlock = session("en_US.UTF-8", &["--passphrase-file", pass.to_str().unwrap(), "unlock", "--for", "1m"]);
    let unlocked = { unlock }.output().unwrap();
    assert!(unlocked.status.success(), "{}", stderr(&unlocked));
    let info = session("hi_IN.UTF-8", &["info"]).output().unwrap();
    let _ = session("en_US.UTF-8", &["lock"]).output();
    assert!(info.status.success(), "{}", stderr(&info));
    let said = format!("{}{}", String::from_utf8_lossy(&info.stdout), stderr(&info));
    assert!(devanagari(&said), "the session answered in its own language: {said}");
}

/// A command typed wrongly is said in the language too (clap's own words are English), with
/// the same exit code.
#[test]
fn usage_errors_are_said_in_the_language() {
    let env = Env::new();
    let out = env.cmd("hi_IN.UTF-8", &["lsit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(devanagari(&stderr(&out)) && stderr(&out).contains("list"), "{}", stderr(&out));
    let out = env.cmd("ar_EG.UTF-8", &["add", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(arabic(&stderr(&out)) && stderr(&out).contains("--bogus"), "{}", stderr(&out));
    let out = env.cmd("en_US.UTF-8", &["lsit"]).output().unwrap();
    assert!(stderr(&out).contains("unrecognized subcommand 'lsit'"), "{}", stderr(&out));
}
