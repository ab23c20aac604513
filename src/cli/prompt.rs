//! Getting passphrases: from a file (scripts) or typed at the terminal without echo.
//! A passphrase is never taken from an argument or an environment variable's value.

use super::error::{CliError, io_error};
use super::output::shown;
use clipvault::{Passphrase, fl};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use zeroize::Zeroizing;

/// Longest passphrase file read, so a wrong path (a video, a device) is not slurped.
const MAX_PASSPHRASE_FILE: u64 = 64 * 1024;

/// The first line of `path`, without its line ending.
pub fn from_file(path: &Path) -> Result<Passphrase, CliError> {
    let file = std::fs::File::open(path).map_err(|e| io_error(&fl!("passphrase-file-unreadable"), path, &e))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_PASSPHRASE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&fl!("passphrase-file-unreadable"), path, &e))?;
    let line_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    // Never cut a passphrase silently: another one sharing its first 64 KiB would open the vault.
    if line_end as u64 > MAX_PASSPHRASE_FILE {
        return Err(CliError::Failed(fl!("passphrase-file-too-long", path = shown(path))));
    }
    first_line_passphrase(&bytes, Some(path))
}

/// The first line of `bytes` (without `\n` or `\r\n`) as a passphrase, read from the file
/// at `path`, or from the passphrase command's output.
fn first_line_passphrase(bytes: &[u8], path: Option<&Path>) -> Result<Passphrase, CliError> {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Ok(text) = std::str::from_utf8(line) else {
        return Err(CliError::Failed(match path {
            Some(path) => fl!("passphrase-file-not-text", path = shown(path)),
            None => fl!("passphrase-command-not-text"),
        }));
    };
    if text.is_empty() {
        return Err(CliError::Failed(match path {
            Some(path) => fl!("passphrase-file-empty", path = shown(path)),
            None => fl!("passphrase-command-empty"),
        }));
    }
    Ok(Passphrase::new(text))
}

/// The first line a command prints (`sh -c CMD`, its stderr and the terminal left to it, as
/// restic's `--password-command`). Its output never touches a file.
pub fn from_command(command: &str) -> Result<Passphrase, CliError> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| CliError::Failed(fl!("passphrase-command-cannot-run", reason = super::error::plain_io(&e))))?;
    let stdout = Zeroizing::new(out.stdout);
    if !out.status.success() {
        return Err(CliError::Failed(fl!("passphrase-command-failed", status = out.status.to_string())));
    }
    first_line_passphrase(&stdout, None)
}

/// Asks once, without echo, on the controlling terminal.
pub fn ask(prompt: &str) -> Result<Passphrase, CliError> {
    let text =
        Zeroizing::new(rpassword::prompt_password(prompt).map_err(|_| CliError::Usage(fl!("passphrase-no-terminal")))?);
    Ok(Passphrase::new(&text))
}

/// Asks for a new passphrase twice, refusing a weak one before asking again: up to three
/// tries in all.
pub fn ask_new(allow_weak: bool) -> Result<Passphrase, CliError> {
    ask_new_for(&fl!("prompt-new-passphrase"), &fl!("prompt-repeat-passphrase"), allow_weak)
}

/// [`ask_new`] with prompts that say what the passphrase is for.
pub fn ask_new_for(prompt: &str, repeat: &str, allow_weak: bool) -> Result<Passphrase, CliError> {
    let no_terminal = |_| CliError::Usage(fl!("passphrase-no-terminal"));
    let mut last_error: Option<CliError> = None;
    for _ in 0..3 {
        if let Some(e) = last_error.take() {
            eprintln!("clipvault: {}", fl!("try-again", error = e.to_string()));
        }
        let first = Zeroizing::new(rpassword::prompt_password(prompt).map_err(no_terminal)?);
        if let Err(e) = check_strength(&first, allow_weak) {
            last_error = Some(e);
            continue;
        }
        let again = Zeroizing::new(rpassword::prompt_password(repeat).map_err(no_terminal)?);
        if *first != *again {
            last_error = Some(CliError::Failed(fl!("passphrases-differ")));
            continue;
        }
        return Ok(Passphrase::new(&first));
    }
    let e = last_error.unwrap_or_else(|| CliError::Failed(fl!("passphrase-none")));
    let message = fl!("nothing-changed", error = e.to_string());
    Err(e.with_message(&message))
}

/// Words in a generated passphrase: 6 × log2(7776) ≈ 77.5 bits.
const GENERATED_WORDS: usize = 6;

/// A passphrase of random words from EFF's long list, shown once on stderr (never written to
/// stdout, which may be a file). On a terminal the person types it back once, so it is not
/// lost to a glance away.
pub fn generate() -> Result<Passphrase, CliError> {
    use rand::seq::SliceRandom;
    let list = diceware_wordlists::Wordlist::EffLong.get_list();
    let mut rng = rand::rngs::OsRng;
    let words: Vec<&str> = (0..GENERATED_WORDS).map(|_| *list.choose(&mut rng).expect("a non-empty list")).collect();
    let text = Zeroizing::new(words.join(" "));
    eprintln!("{}\n\n    {}\n", fl!("generated-passphrase"), *text);
    if std::io::stdin().is_terminal() {
        for tries in 1..=3 {
            let typed = Zeroizing::new(
                rpassword::prompt_password(fl!("prompt-confirm-generated"))
                    .map_err(|_| CliError::Usage(fl!("passphrase-no-terminal-confirm")))?,
            );
            if Passphrase::new(&typed).as_bytes() == Passphrase::new(&text).as_bytes() {
                break;
            }
            if tries == 3 {
                return Err(CliError::Failed(fl!("generated-mismatch-final")));
            }
            eprintln!("clipvault: {}", fl!("generated-mismatch"));
        }
    }
    Ok(Passphrase::new(&text))
}

/// A new passphrase from a file, strength-checked.
pub fn new_from_file(path: &Path, allow_weak: bool) -> Result<Passphrase, CliError> {
    let pass = from_file(path)?;
    let text = std::str::from_utf8(pass.as_bytes()).expect("a Passphrase holds UTF-8");
    check_strength(text, allow_weak)?;
    Ok(pass)
}

/// Words and numbers that common passwords are made of in South Asia and the Arab world,
/// in Latin letters, Devanagari and Arabic script, which zxcvbn's English dictionaries miss
/// (`Rahul@123`, `jaishreeram`, `Allah786` score 2-3 without them). Given to zxcvbn as user
/// inputs, so a passphrase built from them scores low; one made only of them is refused.
const COMMON_WORDS: &[&str] = &[
    "786",
    "allah",
    "allahu",
    "akbar",
    "bismillah",
    "mashallah",
    "inshallah",
    "subhanallah",
    "alhamdulillah",
    "muhammad",
    "mohammed",
    "mohammad",
    "ali",
    "fatima",
    "hussain",
    "hassan",
    "khan",
    "ahmed",
    "yaallah",
    "habibi",
    "jaan",
    "janu",
    "jaanu",
    "babu",
    "sona",
    "shona",
    "pyar",
    "pyaar",
    "ishq",
    "mohabbat",
    "dil",
    "jaishreeram",
    "jai",
    "shree",
    "shri",
    "ram",
    "sitaram",
    "radhe",
    "krishna",
    "radha",
    "hanuman",
    "ganesh",
    "ganesha",
    "shiva",
    "mahadev",
    "bholenath",
    "omnamahshivaya",
    "sairam",
    "waheguru",
    "satnam",
    "jaimatadi",
    "mata",
    "durga",
    "rahul",
    "priya",
    "pooja",
    "sachin",
    "dhoni",
    "virat",
    "india",
    "bharat",
    "pakistan",
    "bangladesh",
    "cricket",
    // Romanized Hindi and Urdu: what "I love you", "my darling", "wedding" are typed as.
    "main",
    "mai",
    "tum",
    "tumse",
    "tujhse",
    "pyaar",
    "karta",
    "karti",
    "hoon",
    "hu",
    "meri",
    "mera",
    "tera",
    "teri",
    "ki",
    "ka",
    "ke",
    "shaadi",
    "shadi",
    "sunita",
    "anita",
    "neha",
    "ammi",
    "abbu",
    "maa",
    "papa",
    "beta",
    "beti",
    "bhai",
    "behen",
    "dost",
    "zindagi",
    "jaanu",
    "sweetu",
    // Devanagari: the same words and prayers as people type them in Hindi.
    "मैं",
    "मै",
    "तुमसे",
    "तुझसे",
    "प्यार",
    "प्रेम",
    "करता",
    "करती",
    "हूँ",
    "हूं",
    "हु",
    "मेरी",
    "मेरा",
    "जान",
    "जानू",
    "दिल",
    "माँ",
    "मां",
    "पापा",
    "जय",
    "श्री",
    "राम",
    "सीता",
    "राधे",
    "कृष्ण",
    "कृष्णा",
    "ओम",
    "ॐ",
    "नमः",
    "शिवाय",
    "शिव",
    "हर",
    "महादेव",
    "गणेश",
    "हनुमान",
    "माता",
    "दी",
    "भारत",
    "सुनीता",
    "अनीता",
    "प्रिया",
    "पूजा",
    "राहुल",
    "की",
    "शादी",
    // Arabic: "I love you" in its spoken forms, the prayers and names people use.
    "احبك",
    "أحبك",
    "بحبك",
    "انا",
    "أنا",
    "حبيبي",
    "حبيبتي",
    "عمري",
    "روحي",
    "بسم",
    "الله",
    "الرحمن",
    "الرحيم",
    "اكبر",
    "أكبر",
    "الحمد",
    "لله",
    "سبحان",
    "ان",
    "إن",
    "شاء",
    "ما",
    "لا",
    "اله",
    "إله",
    "الا",
    "إلا",
    "محمد",
    "رسول",
    "احمد",
    "أحمد",
    "علي",
    "فاطمة",
    "مريم",
    "حسن",
    "حسين",
    "مصر",
    "امي",
    "أمي",
    "ابي",
    "أبي",
];

/// Shortest passphrase accepted at zxcvbn score 2: a guessable pattern needs length to help.
const MIN_LEN_AT_SCORE_2: usize = 12;

/// Refuses a very weak passphrase (zxcvbn score 0-1, or 2 and short) unless allowed; warns
/// about a weak one.
fn check_strength(text: &str, allow_weak: bool) -> Result<(), CliError> {
    if text.is_empty() {
        return Err(CliError::Failed(fl!("passphrase-empty")));
    }
    // zxcvbn scores "Radhe Krishna" 3 but "radhekrishna" 1: the space hides the words from
    // it. Score the passphrase with and without separators and keep the lower.
    let joined: String = text.chars().filter(|c| !c.is_whitespace() && !"-_.".contains(*c)).collect();
    let score_of = |t: &str| u8::from(zxcvbn::zxcvbn(t, COMMON_WORDS).score());
    let score = if joined.is_empty() { score_of(text) } else { score_of(text).min(score_of(&joined)) };
    // zxcvbn weighs a word in another script by its length in characters, as if random: a
    // phrase made only of common words (and a number, such as a year) is weak whatever it
    // scores.
    let all_common = text.split_whitespace().all(|word| {
        let word = word.trim_matches(|c: char| c.is_ascii_punctuation()).to_lowercase();
        word.chars().all(|c| c.is_ascii_digit()) || COMMON_WORDS.contains(&word.as_str())
    });
    let score = if all_common { 0 } else { score };
    let short = joined.chars().count() < MIN_LEN_AT_SCORE_2;
    if (score <= 1 || (score == 2 && short)) && !allow_weak {
        return Err(CliError::Failed(fl!("passphrase-weak")));
    }
    if score == 2 {
        eprintln!("clipvault: {}", fl!("passphrase-could-be-guessed"));
    }
    Ok(())
}

/// Asks for one line of text on the terminal (echoed).
pub fn line(question: &str) -> Result<String, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(fl!("ask-no-terminal")));
    }
    eprint!("{question}");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| CliError::Failed(fl!("answer-unreadable", reason = super::error::plain_io(&e))))?;
    Ok(answer)
}

/// Asks a yes/no question on the terminal; anything but "y", "yes" or the language's own yes
/// is no.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(fl!("confirm-no-terminal")));
    }
    let answer = line(&fl!("confirm-question", question = question))?;
    Ok(clipvault::i18n::is_yes(&answer))
}

#[cfg(test)]
mod tests {
    use super::check_strength;

    /// Phrases people choose, in the scripts they type: as guessable as their Latin spellings.
    #[test]
    fn common_phrases_in_devanagari_arabic_and_romanized_hindi_are_refused() {
        for weak in [
            "मैं तुमसे प्यार करता हूँ",
            "जय श्री राम",
            "ओम नमः शिवाय",
            "सुनीता 1998",
            "أحبك",
            "انا بحبك",
            "بسم الله الرحمن الرحيم",
            "الله اكبر",
            "محمد 1990",
            "sunita ki shaadi",
            "main tumse pyaar karta hoon",
            "meri jaan 2005",
        ] {
            assert!(check_strength(weak, false).is_err(), "{weak} was accepted");
        }
        for strong in
            ["नीला कछुआ पहाड़ पर चाय पीता है", "سلحفاة زرقاء تشرب الشاي فوق الجبل", "correct horse battery staple"]
        {
            assert!(check_strength(strong, false).is_ok(), "{strong} was refused");
        }
    }
}
