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

## src/cli/session.rs

session-no-home = cannot find a home folder; pass --vault PATH
prompt-passphrase = Passphrase for { $path }:{" "}
session-vault-is-folder = { $path } is a folder, not a vault
session-not-vault-file = { $path } is not a vault file
session-no-vault = no vault at { $path } (create one with `clipvault init`, or pass --vault PATH)
session-cannot-open = cannot open vault
prompt-recovery-key = Paste the recovery key (AGE-SECRET-KEY-1...), then Enter:{" "}
session-recovery-unreadable = cannot read the recovery key: { $reason }
session-recovery-stdin-unreadable = cannot read the recovery key from standard input: { $reason }
session-identity-unreadable = cannot read identity file
session-no-identity = { $path } holds no age identity (AGE-SECRET-KEY-1...)
session-unlocked = (unlocked session, { $minutes } min left)
session-wrong-passphrase-again = wrong passphrase; try again
session-upgraded = upgraded the vault to format version 3 (thumbnails, padding, labels, keys bound to the index); clipvault builds older than this one cannot open it any more
session-leftover-removed = removed { $path } (left by an interrupted compact, key rotate or init; its keys overwritten first)
session-busy = vault is busy: another clipvault process is writing to it; to wait for it, run: { $command }
session-stale = the unlock session no longer opens this vault (its passphrase was changed or removed, or the vault was re-keyed); run `clipvault lock` and the command again
session-identity-wrong = this identity does not open the vault
session-unknown-kdf-profile = unknown --kdf-profile { $profile }; choose one of: { $profiles }
session-exists = { $path } already exists; nothing was changed
session-cannot-create-folder = cannot create folder
session-generate-and-file = --generate makes the passphrase; leave out --passphrase-file
session-cannot-create = cannot create vault
session-created = Created vault { $path }. Keep the passphrase safe: without it nothing in the vault can be recovered.
session-ask-recovery = Create a recovery key too, in case you forget the passphrase?
session-recovery-key = Recovery key (key { $id } in `key list`). Write it down or print it and keep it somewhere safe, away from the phone;
    it opens the vault without the passphrase (`clipvault --identity FILE ...`). It is shown only this once:

## src/cli/keys.rs

keys-writing-reserve = writing { $size } of random reserve...
keys-new-file-needed = with --passphrase-file, give the new one with --new-passphrase-file
keys-not-a-passphrase = key { $key } is not a passphrase; `clipvault key list` shows them
keys-changed = Changed the passphrase of key { $old }; the old one no longer opens this vault file. The key's id is now { $id }.
keys-kind-passphrase = passphrase
keys-kind-recovery-key = recovery key
keys-kind-unused = unused
keys-described = { $id } ({ $kind }, added { $added })
keys-described-label = { $id } ({ $kind }, { $label }, added { $added })
keys-compartment-others-intro = Does this vault already have another hidden part, besides the one you opened now? If so, type its
    passphrase, so the new part is placed where it cannot overwrite it. If not, just press Enter.
prompt-other-compartment = Passphrase of another hidden part (or just Enter):{" "}
keys-compartment-new-intro = Now the passphrase of the new hidden part: the one you could give if someone forces you to open
    the vault. It will show only what you add with it.
keys-compartment-created = Created a compartment: the new passphrase opens it, and it holds nothing yet. Each passphrase shows only its own compartment, and nothing in the file tells how many there are. Keep in mind (SECURITY.md): `compact` and `key rotate` keep only the compartment they run in, and a fifth key added to a compartment may overwrite another's.
keys-several-no-terminal = this vault has several passphrases: { $keys }; say which to replace with --key ID
keys-several = This vault has several passphrases:
prompt-which-passphrase = Which one should get the new passphrase (its id)?{" "}
keys-not-one-of-these = { $answer } is not one of these passphrases; nothing was changed
keys-list-header-id = ID
keys-list-header-kind = KIND
keys-list-header-created = CREATED
keys-list-header-label = LABEL
keys-list-kind-recovery = recovery
keys-list-opened-now = (used to open now)
keys-past-safe = note: this is key { $number } of this vault; a key past the { $safe }th may take the slot of a hidden compartment, if this vault has one (SECURITY.md)
keys-added-passphrase = Added a passphrase: key { $key }.
keys-rotate-others = Re-keying keeps only one passphrase; these keys will stop working:
keys-rotate-question = This rewrites the vault with only what this passphrase opens: a compartment opened by another passphrase, if the vault has one, would be destroyed.{ $keys } Continue?
nothing-was-changed = nothing was changed
keys-re-encrypting = re-encrypting
keys-rotated = Re-keyed { $path }: { $count ->
        [one] { $count } item
       *[other] { $count } items
    } re-encrypted under a new master key.
keys-rotated-add-again = Re-keyed { $path }: { $count ->
        [one] { $count } item
       *[other] { $count } items
    } re-encrypted under a new master key. Add other passphrases or recovery keys again with `key add`.
keys-remove-opened = key { $key } is the one you opened the vault with now; remove it with another key, or pass --force
keys-remove-last = key { $key } is the last passphrase; only recovery keys would be left. Pass --force to remove it
keys-remove-question = Remove key { $key }? What it opens will no longer open this vault.
keys-removed = Removed key { $key }; it no longer opens this vault file.

## src/cli/panic.rs

panic-needs-yes = panic needs --yes when there is no terminal to type PANIC on
# What the person types to confirm panic: PANIC always works; a language may add its own word.
panic-word = PANIC
prompt-panic = Type PANIC to destroy every key of { $path } now:{" "}
panic-cannot-overwrite = cannot overwrite the keys of
panic-ended-others = ended { $count ->
        [one] { $count } other clipvault process
       *[other] { $count } other clipvault processes
    } that had the vault open
panic-done = { $path }: every key slot destroyed; no passphrase or recovery key opens this file any more. A copy of the file made before (a backup, a cloud copy) still opens with the old passphrase.
panic-cannot-delete = keys destroyed, but cannot delete
panic-deleted = deleted { $path }

## src/cli/items.rs

items-shred-question = Destroy { $items } for good? This cannot be undone.
items-shred-question-evidence = Destroy { $items } for good? This cannot be undone. { $evidence } is EVIDENCE.
items-nothing-shredded = nothing was shredded
items-shred-not-overwritten = { $items } removed from the vault for good, but overwriting the content failed ({ $reason }); the next command that writes to the vault overwrites it again
items-shredded = shredded { $item }
items-cannot-wipe = cannot wipe
items-wipe-folder = { $path } is a folder; pass --recursive to wipe it
items-cannot-read-folder = cannot read folder { $path }: { $reason }
items-wipe-vault = { $path } is your vault; refusing to wipe it (shred items instead, or delete the file yourself)
items-wipe-question = Destroy { $count ->
        [one] { $count } file
       *[other] { $count } files
    } for good? This cannot be undone.
items-nothing-wiped = nothing was wiped
items-could-not-wipe = could not wipe { $path }: { $reason }
items-could-not-remove-folder = could not remove folder { $path }: { $reason }
items-wipe-failed = { $count ->
        [one] { $count } path
       *[other] { $count } paths
    } could not be wiped (listed above)
items-no-match = No item matches.
items-bad-glob = the pattern { $pattern } is not a valid glob: { $reason }
items-renamed = renamed { $old } to { $new }
items-evidence-refusal-shred = { $names } { $count ->
        [one] is
       *[other] are
    } evidence: shred with --force (the custody log records it)
items-evidence-refusal-rename = { $names } { $count ->
        [one] is
       *[other] are
    } evidence: rename with --force (the custody log records it)
items-no-tags = no tags
items-tags = { $name }: { $tags }

## src/cli/run.rs

run-not-built = this clipvault was built without `{ $feature }` (cargo build --features { $feature })
run-no-session = no unlock session was running
run-locked = locked: { $count ->
        [one] { $count } unlock session ended
       *[other] { $count } unlock sessions ended
    }
run-status-unlocked = unlocked: { $minutes } min left (`clipvault lock` ends it)
run-status-locked = locked
run-no-command = no command { $name }; `clipvault --help` lists them

## src/vault/bundle.rs: the evidence bundle's README.txt (keep the two command lines as they are)

bundle-readme =
    This folder is an evidence bundle made by clipvault, an encrypted media vault, from { $items ->
        [one] { $items } item
       *[other] { $items } items
    } its owner marked as evidence.

    manifest.json      each item: name, type, size, SHA-256, when it was added and marked, the owner's note and
                       source, and the file it is in (media/...), or, for intimate images ({ $withheld } here),
                       only their hashes: the images themselves are not in this bundle.
    custody-log.jsonl  every event recorded for the evidence in the vault, each entry chained to the one
                       before by its SHA-256 ("prev"), so a removed or edited entry shows.
    SHA256SUMS         the SHA-256 of every file here.
    SHA256SUMS.sig     a signature over SHA256SUMS by the vault's own key, in allowed_signers.

    To check that nothing was changed since it was made, in this folder:

        sha256sum -c SHA256SUMS
        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s SHA256SUMS.sig < SHA256SUMS

    The first checks every file against SHA256SUMS; the second checks that SHA256SUMS is the one the vault
    signed. Both must succeed.

## src/serve/assets: the browser gallery. { $name }, { $done }, { $total }, { $type } and
## { $error } are filled in by the page; keep them as they are.

page-title = Gallery
page-search = Search names
page-kind = Kind
page-kind-all = All
page-kind-image = Photos
page-kind-video = Videos
page-kind-audio = Audio
page-kind-other = Other
page-tag = Tag
page-any-tag = Any tag
page-add = Add
page-lock = Lock
page-items = Items
page-shred = Shred
page-close = Close
page-locked = Locked. The keys are forgotten; you can close this tab.
page-list-failed = Could not list the items.
page-count-all = { $total } items
page-count-some = { $done } of { $total } items
page-icon-image = IMAGE
page-icon-video = VIDEO
page-icon-audio = AUDIO
page-icon-other = OTHER
page-evidence = Evidence
page-cannot-play = This browser cannot show this video's picture (its format, such as 3GP from an older phone). Play it on the phone: clipvault view NAME.
page-evidence-note = Evidence: kept. To shred it, use clipvault shred --force.
page-cannot-show = { $type } cannot be shown here; use clipvault view or export.
page-shred-question = Destroy { $name } for good? This cannot be undone.
page-shredded = Shredded { $name }.
page-shred-failed = Could not shred: { $error }
page-adding = Adding { $done } of { $total }: { $name }
page-added = Added { $done } of { $total }.

## src/cli/termux.rs

about-termux = Make clipvault part of the phone (Termux): the share menu, a panic button, a gallery shortcut
about-termux-setup = Write the share hook, a panic button and a gallery shortcut for Termux:Widget, or take them back
about-capture = Take a photo or record a voice clip straight into the vault, never into the gallery (Termux:API)
termux-not-termux = this is not Termux (TERMUX_VERSION is not set): there is no share menu or widget to hook into
termux-will-write = clipvault termux setup will write:
termux-hook-share = a file you share to Termux goes into the vault (add --move: encrypted, checked, the copy in ~/downloads wiped); other files go to your own hook, if you had one
termux-hook-panic = a panic button for Termux:Widget (home screen, or the power menu on Android 11+): destroys every key of the vault at once, no question, no terminal
termux-hook-gallery = a Termux:Widget shortcut that opens the gallery in the browser (clipvault serve --open)
termux-keeps-yours = your own share hook is kept as { $path }; files that are not photos, videos or voice go to it
termux-write-question = Write these?
termux-cannot-set-aside = cannot move your share hook aside:
termux-wrote = wrote { $path }
termux-done = Done. Share a photo to Termux to put it in the vault; add the Termux:Widget widget to your home screen for the panic button and the gallery. Take it all back with: clipvault termux setup --remove
termux-press-enter = Press Enter to close.{" "}
termux-cannot-remove = cannot remove
termux-removed = removed { $path }
termux-put-back = put back your own share hook at { $path }
termux-nothing-to-remove = nothing to remove: no file written by clipvault termux setup was found
termux-cannot-write = cannot write
capture-no-tool = { $tool } is not installed: run `pkg install termux-api`, and install the Termux:API app (F-Droid)
capture-nothing = { $tool } wrote nothing (was the camera or microphone allowed for Termux:API?); nothing was added
capture-voice-needs-seconds = without a terminal to press Enter on, say how long to record with --seconds N
capture-recording-for = recording for { $seconds } s...
capture-recording-until-enter = Recording... press Enter to stop.{" "}
capture-tool-failed = { $tool } failed: { $reason }
