# clipvault's messages in English: the fallback and the reference for every other language.
# Each message id is used in the code through fl!("id", ...); { $name } is a placeable that the
# program fills in. Translations keep the same ids and the same placeables.

## Answers

# Words that mean "yes" to a y/N question, separated by spaces ("y" and "yes" always work).
answer-yes = y yes

## Errors that any command can give

try-again = { $error }; try again
nothing-changed = { $error }; nothing was changed
see-help = { $error } (see `clipvault --help`)
io-failed = { $what } { $path }: { $reason }
output-failed = cannot write output: { $reason }
error-io = I/O error: { $reason }
error-busy = vault is busy: another clipvault process is writing to it (try again, or add --wait)
error-truncated = the vault file is truncated (its end is missing): it still opens for reading (list, cat, export), never for writing; copy what it holds with `clipvault salvage --to NEW`
error-integrity = integrity check failed: { $damage } (the vault was tampered with or is corrupt; run `clipvault verify`)
error-malformed = integrity check failed: { $damage }: { $rule } (it authenticated, so it was written so by software holding the key, or a bug; run `clipvault verify`)
damage-header = the vault header is damaged
damage-index = the vault index is damaged
damage-item = item { $id } is damaged
damage-truncated = the vault file is truncated
error-wrong-passphrase = wrong passphrase
error-not-a-vault = not a clipvault vault
error-unsupported-version = vault format version { $version } is not supported by this clipvault
error-no-such-item = no such item
error-ambiguous = ambiguous item, candidates: { $ids }
error-rekeyed = the vault was re-keyed or closed by another command while this one read it; run it again
error-evidence = { $ids } { $count ->
        [one] is
       *[other] are
    } evidence: shredding or renaming needs force (the custody log records it)
error-exists = a file already exists at the vault path
error-duplicate = already in the vault under this name as { $id }
error-costly-kdf = this vault asks for Argon2id with { $mib } MiB of memory and { $passes } passes, more than this device allows without asking (it could exhaust the memory); if you trust the file, pass --allow-costly-kdf
error-bad-label = a key label is at most 64 bytes, without control characters

## Passphrases

passphrase-file-unreadable = cannot read passphrase file
passphrase-file-too-long = the first line of passphrase file { $path } is longer than 64 KiB; is it the right file?
passphrase-file-not-text = passphrase file { $path } is not UTF-8 text
passphrase-file-empty = passphrase file { $path } is empty
passphrase-command-cannot-run = cannot run the passphrase command: { $reason }
passphrase-command-failed = the passphrase command failed ({ $status })
passphrase-command-not-text = the first line the passphrase command printed is not UTF-8 text
passphrase-command-empty = the first line the passphrase command printed is empty
passphrase-no-terminal = no terminal to ask for the passphrase on; use --passphrase-file
prompt-new-passphrase = New passphrase:{" "}
prompt-repeat-passphrase = Repeat the new passphrase:{" "}
passphrases-differ = the two passphrases differ
passphrase-none = no passphrase
generated-passphrase = Your new passphrase (write it down, keep it away from the phone; it is shown only now):
prompt-confirm-generated = Type it once to confirm you have it:{" "}
passphrase-no-terminal-confirm = no terminal to confirm the passphrase on
generated-mismatch-final = that was not the passphrase shown; nothing was changed
generated-mismatch = that was not it; try again
passphrase-empty = the passphrase is empty
passphrase-weak = this passphrase is easy to guess; choose a longer one (four or more unrelated words), or pass --allow-weak-passphrase
passphrase-could-be-guessed = warning: this passphrase could be guessed; several unrelated words are stronger

## Questions

ask-no-terminal = cannot ask without a terminal
answer-unreadable = cannot read the answer: { $reason }
confirm-no-terminal = cannot ask for confirmation without a terminal; pass --yes
confirm-question = { $question } [y/N]{" "}

## Help: each command's one-line summary (about-COMMAND, about-GROUP-COMMAND), the global options

about = clipvault: an encrypted private media vault in one file.
about-init = Create a new vault
about-add = Add files, or folders recursively; `-` reads standard input
about-list = List the items
about-rename = Give an item a new name (only the index changes)
about-tag = Add or remove tags of items
about-cat = Write an item's content to standard output (not to a terminal)
about-thumb = Write an item's thumbnail (a JPEG, made now in memory) to standard output, not a terminal
about-thumbnails = Make and store the thumbnails that items lack (items added before, or with --no-thumbnails)
about-evidence = The evidence locker: mark items, read the custody log, export a verifiable bundle
about-fingerprint = Hashes for StopNCII.org and Take It Down: PDQ of images, MD5 and SHA-256 of every item
about-gallery = The vault as a grid of thumbnails in the terminal (cleared on exit)
about-export = Write items as plain files into a folder
about-view = Show an item without writing it to disk
about-serve = A private gallery in this device's browser: 127.0.0.1 only, nothing written to disk
about-shred = Destroy items for good
about-passwd = Change the passphrase
about-info = Show the vault's settings and sizes
about-upgrade = Upgrade a format version 1 vault to version 2 now (any command that writes does it)
about-compact = Rewrite the vault without the space freed by shredded items
about-salvage = Copy every intact item of a damaged vault into a new vault (same passphrase)
about-verify = Check every byte of every item and the index
about-import = Decrypt standard .age files into the vault (named without `.age`)
about-key = Passphrases and recovery keys: list, add, remove, rotate
about-wipe = Destroy files outside the vault (overwrite, truncate, rename, unlink)
about-unlock = Ask the passphrase once: later commands on this vault ask nothing for a while
about-lock = End the unlock session of this vault now (or of every vault)
about-status = Whether this vault is unlocked, and for how long
about-panic = Make the vault unopenable NOW: destroy every key slot (no passphrase needed)
about-man = Print the manual page, or one command's (roff; `clipvault man add | man -l -`)
about-completions = Print shell completions
about-key-list = Show the keys: id, kind, date and label
about-key-add = Add a passphrase (or, with --recovery, a recovery key shown once)
about-key-remove = Remove a key (never the last one)
about-key-rotate = Re-key everything (new master key, all items re-encrypted) if a key may have leaked
about-evidence-mark = Mark items as evidence, or change their note and source (each is a custody log entry)
about-evidence-log = Print the custody log, checked entry by entry
about-evidence-export = Write a bundle for a lawyer, the police or a platform: checksums signed with the vault's key
about-evidence-key = Show the key this vault signs bundles with, to give to someone trusted now
about-evidence-check = Check a bundle: its files, its signature, and (with --key) the key that signed it

arg-vault = The vault file [default: $CLIPVAULT_VAULT, else ~/.local/share/clipvault/vault.clipvault]
arg-passphrase_file = Read the passphrase from the first line of this file [env: CLIPVAULT_PASSPHRASE_FILE]
arg-passphrase_command = Read the passphrase from the first line this command prints (e.g. a password manager, or termux-fingerprint with termux-keystore) [env: CLIPVAULT_PASSPHRASE_COMMAND]
arg-identity = Open the vault with a recovery identity (an AGE-SECRET-KEY-1... file) instead of a passphrase
arg-wait = If another process is writing, wait for it as long as it takes
arg-wait_timeout = If another process is writing, wait for it at most SECONDS
arg-quiet = No progress bars or status messages
arg-allow_costly_kdf = Unlock even a vault whose key derivation asks for more memory or work than the strong profile or a quarter of this device's memory (a file from someone else could)
arg-lang = The language of messages: en, hi or ar [default: $CLIPVAULT_LANG, else the locale: LC_ALL, LC_MESSAGES, LANG]
help-global-options = Global options
help-examples = Examples:
help-exit-codes = Exit codes: 0 success, 1 other error (including a file that is not a vault), 2 usage, 3 wrong passphrase, 4 integrity failure, 5 no such item, 6 vault busy.
