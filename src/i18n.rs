//! Languages: every sentence a person reads comes from `i18n/<language>/clipvault.ftl`
//! (Project Fluent, through `i18n-embed` as rage does), compiled into the binary. English is
//! the fallback and the reference: the `fl!` macro checks at compile time that a message
//! exists in it with the arguments given, and the tests below check that every other
//! language has exactly its messages and placeables. Adding a language is adding a folder.
//!
//! Which language: `--lang`, else `CLIPVAULT_LANG`, else the locale (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`), else English. What scripts read (`--json`, exit codes, file
//! formats, the custody log) is never translated.

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::unic_langid::LanguageIdentifier;
use rust_embed::RustEmbed;
use std::sync::LazyLock;

#[derive(RustEmbed)]
#[folder = "i18n"]
struct Localizations;

/// The messages of the chosen language (English until [`choose`] is called).
pub static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    loader.load_fallback_language(&Localizations).expect("the English messages are compiled in");
    // English output stays plain text for scripts that read it; see `choose`.
    loader.set_use_isolating(false);
    loader
});

/// A message of the chosen language: `fl!("id")` or `fl!("id", name = value, ...)`. The id
/// and the argument names are checked against the English file when this compiles.
#[macro_export]
macro_rules! fl {
    ($id:literal) => {
        $crate::i18n::copyable(i18n_embed_fl::fl!($crate::i18n::LOADER, $id))
    };
    ($id:literal, $($args:tt)*) => {
        $crate::i18n::copyable(i18n_embed_fl::fl!($crate::i18n::LOADER, $id, $($args)*))
    };
}

/// First Strong Isolate and Pop Directional Isolate: what Fluent puts around each argument
/// in a language other than English.
const ISOLATES: [char; 2] = ['\u{2068}', '\u{2069}'];

/// `text` with the isolation marks taken out of what a person copies and runs: command lines
/// (indented lines, as in a bundle's README.txt) and `code spans`. Pasted into a shell, an
/// invisible mark would make the command fail; elsewhere the marks stay, so that a name in
/// the other direction cannot reorder the sentence around it.
pub fn copyable(text: String) -> String {
    if !text.contains(ISOLATES) {
        return text;
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            if line.starts_with("    ") {
                return line.replace(ISOLATES, "");
            }
            // Odd pieces between backticks are code spans.
            line.split('`')
                .enumerate()
                .map(|(n, piece)| if n % 2 == 1 { piece.replace(ISOLATES, "") } else { piece.to_string() })
                .collect::<Vec<_>>()
                .join("`")
        })
        .collect();
    lines.join("\n")
}

/// The languages compiled in, by their folder names.
pub fn available() -> Vec<String> {
    let mut found: Vec<String> =
        Localizations::iter().filter_map(|path| path.split('/').next().map(str::to_owned)).collect();
    found.sort();
    found.dedup();
    found
}

/// A locale as the environment writes it (`hi_IN.UTF-8`, `ar_EG@latin`, `en-US`) as a
/// language tag; `None` for the C locale, POSIX, or nothing usable.
pub fn parse_locale(text: &str) -> Option<LanguageIdentifier> {
    let base = text.split(['.', '@']).next().unwrap_or("").replace('_', "-");
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    base.parse().ok()
}

/// The language asked for: `option` (`--lang`), else `CLIPVAULT_LANG`, else the first of
/// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty (as POSIX orders them).
pub fn requested(option: Option<&str>) -> Option<LanguageIdentifier> {
    if let Some(asked) = option {
        return parse_locale(asked);
    }
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(asked) = from_env("CLIPVAULT_LANG") {
        return parse_locale(&asked);
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(from_env).and_then(|locale| parse_locale(&locale))
}

/// Loads the best available match for `wanted` (English when nothing matches) and returns
/// its tag. A language other than English wraps each argument in Unicode isolates (FSI ...
/// PDI), so a right-to-left name cannot reorder the sentence around it, nor the other way.
pub fn choose(wanted: Option<&LanguageIdentifier>) -> LanguageIdentifier {
    let english: LanguageIdentifier = "en".parse().expect("a valid tag");
    let requested: Vec<LanguageIdentifier> = wanted.into_iter().cloned().collect();
    let chosen = i18n_embed::select(&*LOADER, &Localizations, &requested)
        .ok()
        .and_then(|languages| languages.into_iter().next())
        .unwrap_or_else(|| english.clone());
    LOADER.set_use_isolating(chosen.language != english.language);
    chosen
}

/// The browser gallery's messages (`page-*`) in the best of `wanted` (an `Accept-Language`
/// header's languages, most wanted first; else the chosen language): its tag, whether it is
/// written right to left, and each message with its arguments left as `{name}` for the page
/// to fill in.
pub fn page_messages(wanted: &[LanguageIdentifier]) -> (String, bool, Vec<(String, String)>) {
    static ALL: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
        let loader = fluent_language_loader!();
        let languages: Vec<LanguageIdentifier> = available().iter().filter_map(|l| l.parse().ok()).collect();
        loader.load_languages(&Localizations, &languages).expect("the messages are compiled in");
        // The page isolates what it fills in itself (names, not numbers).
        loader.set_use_isolating(false);
        loader
    });
    let mut wanted = wanted.to_vec();
    wanted.extend(LOADER.current_languages());
    let loader = ALL.select_languages_negotiate(&wanted, i18n_embed::fluent::NegotiationStrategy::Filtering);
    let language = loader.current_languages().first().map(|l| l.language.to_string()).unwrap_or("en".into());
    let english: LanguageIdentifier = "en".parse().expect("a valid tag");
    let ids: Vec<String> = ALL.with_message_iter(&english, |messages| {
        messages.map(|m| m.id.name.to_string()).filter(|id| id.starts_with("page-")).collect()
    });
    let arguments: std::collections::HashMap<&str, String> =
        ["name", "done", "total", "type", "error"].into_iter().map(|a| (a, format!("{{{a}}}"))).collect();
    let messages = ids
        .into_iter()
        .map(|id| {
            let text = loader.get_args(&id, arguments.clone());
            (id, text)
        })
        .collect();
    (language.clone(), written_right_to_left(&language), messages)
}

/// The chosen language's tag (`en`, `hi`, `ar`).
pub fn current() -> String {
    LOADER.current_languages().first().map(|l| l.language.to_string()).unwrap_or_else(|| "en".into())
}

/// Whether `language` is written right to left.
fn written_right_to_left(language: &str) -> bool {
    matches!(language, "ar" | "fa" | "he" | "ur")
}

/// Whether `answer` to a yes/no question means yes: `y` or `yes` in any language, and the
/// chosen language's own words (the message `answer-yes`, words separated by spaces).
pub fn is_yes(answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    let words = crate::fl!("answer-yes");
    ["y", "yes"].contains(&answer.as_str()) || words.split_whitespace().any(|w| w.to_lowercase() == answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Each message of a language's file and the variables (`$name`) it uses.
    fn messages(language: &str) -> BTreeMap<String, BTreeSet<String>> {
        let file = Localizations::get(&format!("{language}/clipvault.ftl")).expect("the language's file");
        let text = std::str::from_utf8(&file.data).expect("UTF-8").to_owned();
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errors)| {
            panic!("{language}/clipvault.ftl does not parse: {errors:?}");
        });
        let mut found = BTreeMap::new();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_variables(pattern, &mut variables);
                    }
                    assert!(message.attributes.is_empty(), "{language}: attributes are not used");
                    assert!(found.insert(message.id.name.clone(), variables).is_none(), "{language}: twice");
                }
                ast::Entry::Junk { content } => panic!("{language}/clipvault.ftl: cannot read {content:?}"),
                _ => {}
            }
        }
        found
    }

    fn pattern_variables(pattern: &ast::Pattern<String>, into: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, into);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<String>, into: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, into);
                for variant in variants {
                    pattern_variables(&variant.value, into);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, into),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<String>, into: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                into.insert(id.name.clone());
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, into);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_placeables() {
        let english = messages("en");
        assert!(english.len() > 100, "the English file is the reference");
        let languages = available();
        assert!(languages.contains(&"hi".to_string()) && languages.contains(&"ar".to_string()));
        for language in languages.iter().filter(|l| *l != "en") {
            let translated = messages(language);
            let missing: Vec<&String> = english.keys().filter(|id| !translated.contains_key(*id)).collect();
            let extra: Vec<&String> = translated.keys().filter(|id| !english.contains_key(*id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{language}: missing {missing:?}, not in English {extra:?}"
            );
            for (id, variables) in &english {
                assert_eq!(&translated[id], variables, "{language}: {id} must use exactly the placeables of English");
            }
        }
    }

    #[test]
    fn commands_in_messages_stay_copyable() {
        let marked = "चलाएँ: `clipvault wipe \u{2068}/x\u{2069}` \u{2068}name\u{2069}\n    ssh-keygen -I \u{2068}clipvault\u{2069}";
        assert_eq!(
            copyable(marked.to_string()),
            "चलाएँ: `clipvault wipe /x` \u{2068}name\u{2069}\n    ssh-keygen -I clipvault"
        );
        assert_eq!(copyable("plain".to_string()), "plain");
    }

    #[test]
    fn locales_as_the_environment_writes_them() {
        let tag = |s: &str| parse_locale(s).map(|l| l.to_string());
        assert_eq!(tag("hi_IN.UTF-8").as_deref(), Some("hi-IN"));
        assert_eq!(tag("ar_EG.UTF-8@latin").as_deref(), Some("ar-EG"));
        assert_eq!(tag("en-US").as_deref(), Some("en-US"));
        assert_eq!(tag("C.UTF-8"), None);
        assert_eq!(tag("POSIX"), None);
        assert_eq!(tag(""), None);
    }

    /// Sentences written in the command line's code instead of the message files. What may
    /// stay: the custody log's records (a file format, never translated), the header that
    /// marks the files `termux setup` writes, and `unreachable!` texts.
    #[test]
    fn no_sentence_a_person_reads_is_written_outside_the_message_files() {
        const ALLOWED: [(&str, &str); 12] = [
            // restic's own words, matched in what it says, never shown.
            ("cli/backup.rs", "no key found"),
            ("cli/backup.rs", "does not exist"),
            ("cli/backup.rs", "unable to open config file"),
            ("cli/evidence.rs", "marked {} sha256"),
            ("cli/evidence.rs", "note changed on"),
            ("cli/evidence.rs", "of {}: {value}"),
            ("cli/evidence.rs", "exported {}"),
            ("cli/evidence.rs", "unmarked {}"),
            ("cli/evidence.rs", "SHREDDED"),
            ("cli/evidence.rs", "renamed {} from"),
            ("cli/termux.rs", "# Written by `clipvault termux setup`"),
            ("cli/terminal/graphics.rs", "drawn with half-blocks above"),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let literal = regex_lite_free_literals;
        let mut found = Vec::new();
        let mut files = vec![];
        let mut folders = vec![root.join("cli")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() && !path.ends_with("args") {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        for path in files {
            let name = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("#[cfg(test)]") {
                    break;
                }
                if code.starts_with("//") || code.starts_with("#[") || code.contains(".expect(\"") {
                    continue;
                }
                for value in literal(line) {
                    let allowed = ALLOWED.iter().any(|(file, part)| name == *file && value.contains(part));
                    if is_sentence(&value) && !allowed {
                        found.push(format!("src/{name}:{}: {value}", n + 1));
                    }
                }
            }
        }
        assert!(found.is_empty(), "write these as messages in i18n/en/clipvault.ftl:\n{}", found.join("\n"));
    }

    /// The string literals on one line of Rust (no raw strings are used for messages).
    fn regex_lite_free_literals(line: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut chars = line.chars().peekable();
        let mut previous = ' ';
        while let Some(c) = chars.next() {
            if c == '"' && previous != '\'' {
                let mut value = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => value.push(c),
                    }
                }
                found.push(value);
            }
            previous = c;
        }
        found
    }

    /// Three words in a row: a sentence, not an id, a key, a command or a format.
    fn is_sentence(text: &str) -> bool {
        let words: Vec<&str> = text.split([' ', ',', ';', ':']).filter(|w| !w.is_empty()).collect();
        words
            .windows(3)
            .any(|three| three.iter().all(|w| w.len() >= 2 && w.chars().all(|c| c.is_alphabetic() || c == '\'')))
    }
}
