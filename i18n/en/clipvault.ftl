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
error-malformed = integrity check failed: { $damage }: { $rule } (the data is authentic, so software holding the key wrote it this way, or a bug did; run `clipvault verify`)
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
about-upgrade = Upgrade an older vault (format version 1, 2 or 3) to version 4 now (any command that writes does it)
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
session-left = (unlocked session, { $minutes } min left)
session-wrong-passphrase-again = wrong passphrase; try again
session-upgraded = upgraded the vault to format version 4 (thumbnails, padding, labels, keys bound to the index, copies found by likeness, threat records); clipvault builds older than this one cannot open it any more
session-leftover-removed = removed { $path } (left by an interrupted compact, key rotate or init; its keys overwritten first)
session-busy = vault is busy: another clipvault process is writing to it; to wait for it, run: `{ $command }`
session-stale = the unlock session no longer opens this vault (its passphrase was changed or removed, or the vault was re-keyed); run `clipvault lock` and the command again
session-identity-wrong = this identity does not open the vault
session-kdf-memory-too-large = --kdf-memory is too large
session-unknown-kdf-profile = unknown --kdf-profile { $profile }; choose one of: { $profiles }
session-exists = { $path } already exists; nothing was changed
session-cannot-create-folder = cannot create folder
session-generate-and-file = --generate makes the passphrase; leave out --passphrase-file
session-cannot-create-vault = cannot create vault
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
keys-remove-question = Remove key { $key }? After this, it no longer opens this vault.
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

run-not-built = this clipvault was built without `{ $feature }` (`cargo build --features { $feature }`)
run-no-session = no unlock session was running
run-locked = locked: { $count ->
        [one] { $count } unlock session ended
       *[other] { $count } unlock sessions ended
    }
run-ended-background = { $count ->
        [one] ended the background process making thumbnails, which held the key
       *[other] ended { $count } background processes making thumbnails, which held the key
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
about-backup = Back the vault up with restic: to a folder, a USB stick, sftp, S3, B2, a rest-server or any rclone remote
about-restore = Get the vault back from a restic backup, into a new file
about-device = One vault on several devices: each writes its own file in a folder a sync tool keeps in step
about-device-add = Start another device's file from this vault: the same items and passphrases, a file of its own
about-merge = Fold other copies of this vault into it, item by item: another device's file, a sync conflict copy, a restored backup
about-leftovers = Find copies of vaulted items left outside the vault: the gallery's trash and thumbnails, chat apps, downloads
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

## src/cli/add.rs

add-stdin-needs-name = reading standard input (`-`) needs --name NAME
add-cannot-add = cannot add
add-cannot-read-folder = cannot read folder { $path }: { $reason }
add-not-a-file = cannot add { $path }: not a regular file
add-name-needs-one-file = --name goes with exactly one file
add-create-vault-question = There is no vault yet. Create one at { $path }?
add-no-vault-created = no vault was created; nothing was added
# What stands for the name of what was read from standard input (`-`) in the other messages.
add-standard-input = standard input
add-progress = adding
add-skipped-summary = { $skipped } of { $total } were in the vault already (same name and content) and were skipped; --allow-duplicates stores them again
add-skipped-summary-tagged = { $skipped } of { $total } were in the vault already (same name and content) and were skipped; { $tagged } of them got the new tags; --allow-duplicates stores them again
add-stopped-stored = stopped: { $name } was stored just before
add-stopped-not-stored = stopped: { $name } was not stored, nothing of it was committed
# "added" is the word that begins each add-added line.
add-stopped-some-stored = stopped: { $stored } of { $total } stored (the "added" lines above, and any in the vault already); { $name } was stored just before
add-stopped-some-not-stored = stopped: { $stored } of { $total } stored (the "added" lines above, and any in the vault already); { $name } was not stored, nothing of it was committed
add-no-thumbnail = note: no thumbnail for { $name }: { $why }
add-no-ffmpeg = note: { $why } (install ffmpeg, then run `clipvault thumbnails --all`)
add-no-heif = note: { $why } (install libheif-examples on Debian, libheif-progs on Termux, then run `clipvault thumbnails --all`)
add-is-the-vault = { $path } is the vault itself
add-wipe-unfinished = note: stored, but overwriting replaced index copies failed ({ $why }); the next write retries
add-added = added { $name } as { $id } ({ $size }, { $media })
add-same-content = note: the same content is also stored as { $id } ({ $name })
add-already-marking = { $path } is in the vault already; marking it
add-skipped = skipped { $path }: already in the vault as { $id } ({ $name }, same name and content); --allow-duplicates stores it again
add-skipped-tagged = skipped { $path }: already in the vault as { $id } ({ $name }, same name and content); tagged { $tags }; --allow-duplicates stores it again
add-marked-evidence = marked { $id } as evidence (custody log entry written)
add-stdin-no-original = standard input has no original to remove
add-symlink-kept = stored { $path }, but it is a symbolic link: the original, { $target }, was left in place (wipe it with `clipvault wipe` if you mean to)
add-symlink-kept-unknown = stored { $path }, but it is a symbolic link: the original, its target, was left in place (wipe it with `clipvault wipe` if you mean to)
add-reads-back-wrong = the stored copy of { $path } does not read back; original kept
add-cannot-reread = stored safely, but the original was kept: cannot re-read
add-changed-meanwhile = { $path } changed while it was added; original kept
add-cannot-wipe = stored safely, but could not wipe the original
wipe-wiped = wiped { $path }
wipe-removed-link = removed the link { $path } (its target was left alone)
wipe-other-links = removed { $path }, but its content was NOT overwritten: { $links } other hard link(s) still point to it
import-prompt-age-passphrase = age passphrase:{" "}
import-needs-identity = import needs --age-identity FILE or --age-passphrase
import-cannot-read-identity = cannot read identity file
import-no-identity = { $path } holds no usable age identity: { $reason }
import-cannot-import = cannot import
import-progress = importing
import-failed = cannot import { $path }: { $reason }
import-costly-kdf = cannot import { $path }: its passphrase needs scrypt work factor { $factor } ({ $mib } MiB), more than this device allows without asking ({ $allowed }); if you trust the file, pass --allow-costly-kdf
import-skipped = skipped { $path }: already in the vault as { $id } (same name and content)
import-imported = imported { $name } as { $id }
add-tag-not-evidence = note: a tag does not make { $names } evidence (no custody log; it shreds without --force); to keep it as evidence run: clipvault evidence mark { $first } --note '...' --source '...'

## src/cli/viewing.rs

cat-refuses-terminal = refusing to write an item to the terminal; redirect it (`clipvault cat ITEM > file`) or use `clipvault view`
thumb-refuses-terminal = refusing to write a JPEG to the terminal; redirect it (`> thumb.jpg`)
thumb-none = no thumbnail for { $name }: { $why }
thumbnails-none-needed = every image and video asked for has a thumbnail already
thumbnails-progress = thumbnails
thumbnails-stored = stored { $stored ->
        [one] { $stored } thumbnail
       *[other] { $stored } thumbnails
    }; { $failed ->
        [one] { $failed } item
       *[other] { $failed } items
    } got none
export-cannot-create-folder = cannot create folder
export-not-a-folder = { $path } is not a folder
export-skipped-exists = skipped { $name } ({ $path } exists)
export-exported = exported { $name } to { $path }
export-not-exported = { $count ->
        [one] { $count } item was not exported (see above)
       *[other] { $count } items were not exported (see above)
    }
export-not-a-folder-inside = { $path } is not a folder; nothing was written there
export-exists = { $path } already exists (--force replaces it, --skip-existing leaves it)
export-cannot-write-into = cannot write into
export-progress = exporting
export-cannot-write = cannot write
export-prompt-age-passphrase = New passphrase for the exported .age files (whoever opens them needs it; not the vault's):{" "}
export-prompt-repeat-age-passphrase = Repeat the passphrase for the .age files:{" "}
export-cannot-read-recipients = cannot read recipients file
export-not-a-recipient = { $line } is not an age recipient (age1...)

## src/cli/view.rs

# { $media } is a media type, such as video/mp4.
view-no-viewer-video = no viewer found for { $media }: install mpv (Debian: `apt install mpv`; Termux: `pkg install mpv`), or choose one with --with CMD
view-no-viewer-image = no viewer found for { $media }: install feh (Debian: `apt install feh`), or view it in a terminal or the browser gallery (`clipvault serve`), or choose one with --with CMD
view-no-viewer-text = no viewer found for { $media }: install less, or choose one with --with CMD
view-no-viewer-other = no viewer found for { $media }: there is no default viewer for this type; choose one with --with CMD
view-play-no-viewer-video = no viewer found for { $media }: install mpv (Debian: `apt install mpv`; Termux: `pkg install mpv`), or try `clipvault view --with CMD`
view-play-no-viewer-image = no viewer found for { $media }: install feh (Debian: `apt install feh`), or view it in a terminal or the browser gallery (`clipvault serve`), or try `clipvault view --with CMD`
view-play-no-viewer-text = no viewer found for { $media }: install less, or try `clipvault view --with CMD`
view-play-no-viewer-other = no viewer found for { $media }: there is no default viewer for this type; try `clipvault view --with CMD`
view-once-confirm = Shred { $name } now?
view-kept = kept { $name }
view-once-shredded = viewed once: { $name } has been shredded
view-image-signal = a signal ended the view; the screen and its scrollback were cleared
view-image-idle = view closed after no key was pressed for a while; the screen and its scrollback were cleared
view-image-closed = view closed; the screen and its scrollback were cleared
view-not-installed = { $program } is not installed (Debian: `apt install { $program }`; Termux: `pkg install { $program }`)
# { $status } is how the viewer ended, as the system says it (exit status: 1).
view-viewer-failed = the viewer exited with { $status }
view-viewer-failed-kept = the viewer exited with { $status }; the item was kept
view-cannot-start = cannot start the viewer: { $reason }
view-no-memory-file = cannot create an in-memory file: { $reason }
view-memory-file-unsupported = in-memory files need Linux or Android; use --with CMD without {"{"}{"}"}

## src/cli/terminal/screen.rs

gallery-cannot-show = this image cannot be shown here; try `clipvault view --with CMD`
gallery-too-large = this image is too large to be shown here; try `clipvault view --with CMD`
gallery-needs-terminal = the gallery needs a terminal; `clipvault list` is for scripts
gallery-terminal-error = cannot use the terminal: { $reason }
# The status line under an image that `clipvault view` shows in the terminal.
view-image-status = { $name } · any key: back (the screen and its scrollback are cleared)

## src/cli/terminal/gallery.rs

# What the key ? shows, one key a line: the keys stay as they are, only what they do is
# translated (the spaces line the descriptions up). The empty line is kept.
gallery-keys =
    arrows, h j k l   move
    Enter             open (an image here; video and audio in a player)
    /                 search names (Enter applies, Esc cancels)
    t                 next filter: all, photos, videos, audio, each tag
    Esc               clear the search and the filter
    r                 rename (Ctrl-U clears, Ctrl-W deletes a word)
    d                 shred (asks first; not evidence)
    ?                 these keys
    q, Ctrl-C         leave (the screen and scrollback are cleared)

    The gallery locks itself after a while without a key.
    Any key: back.
# The filters that t cycles through, as the status line names them (tags are shown as #tag).
gallery-filter-all = all
gallery-filter-photos = photos
gallery-filter-videos = videos
gallery-filter-audio = audio
# What a grid cell says when it has no picture to show.
gallery-kind-image = IMAGE
gallery-kind-video = VIDEO
gallery-kind-audio = AUDIO
gallery-kind-text = TEXT
# The status line at the bottom: { $text } is what is being typed, followed by a cursor (_).
gallery-search = search: { $text }_  (Enter to apply, Esc to cancel)
gallery-rename = new name: { $text }_  (Enter to rename, Esc to cancel)
gallery-confirm-shred = shred it for good? this cannot be undone (y / n)
gallery-any-key = any key: back
# The status line while browsing; the -short ones are for narrow screens (a phone's 45 columns).
gallery-status = { $shown } shown · { $filter } · arrows move · / search · t filter · Enter open · d shred · r rename · ? keys · q quit
gallery-status-search = { $shown } shown · { $filter } · "{ $query }" · arrows move · / search · t filter · Enter open · d shred · r rename · ? keys · q quit
gallery-status-short = { $shown } shown · { $filter } · ? keys · q quit
gallery-status-search-short = { $shown } shown · { $filter } · "{ $query }" · ? keys · q quit
gallery-empty = Nothing to show: the vault is empty, or nothing matches.
gallery-renamed = renamed
gallery-not-renamed = not renamed: { $reason }
gallery-shredded = shredded
gallery-is-evidence = that item is evidence: shred it with `clipvault shred --force`
gallery-not-shredded = not shredded: { $reason }
gallery-nothing-shredded = nothing was shredded
gallery-how-to-leave = q leaves the gallery; ? shows the keys
gallery-no-display = no display for video here: watch it in the browser gallery (`clipvault serve`)
gallery-ended-signal = a signal ended the gallery; the screen and its scrollback were cleared
gallery-ended-idle = gallery locked after no key was pressed for a while; the screen and its scrollback were cleared
gallery-ended-closed = gallery closed; the screen and its scrollback were cleared

## src/cli/maintenance.rs

salvage-needs-passphrase = salvage needs the passphrase (the new vault gets the same one)
salvage-exists = { $path } already exists; choose a new path
salvage-cannot-create = cannot create vault
salvage-progress = salvaging
# One line for each item that could not be salvaged: its id and name.
salvage-lost = lost: { $id } { $name }
salvage-done-headers-only = salvaged { $saved } of the { $items } items found by their item headers alone (both copies of the index's manifest were unreadable; items whose item header is damaged too, how many is not known, are lost); into { $to }; { $vault } was not changed
salvage-done-index-lost = salvaged { $saved } of the { $items } items found ({ $recovered } of them by their item headers alone); { $lost } of { $segments } index segments were unreadable, and items they listed whose item header is damaged too (how many is not known) are lost; into { $to }; { $vault } was not changed
salvage-done = salvaged { $saved } of { $items } items; into { $to }; { $vault } was not changed
salvage-index-unreadable = parts of the index were unreadable: items listed only there, if any, are lost
salvage-items-lost = { $count ->
        [one] { $count } item
       *[other] { $count } items
    } could not be salvaged
salvage-items-and-index-lost = { $count ->
        [one] { $count } item
       *[other] { $count } items
    } could not be salvaged, and parts of the index were unreadable
verify-progress = verifying
# One line for each damaged item (its id, name, and what is wrong), or damage elsewhere.
verify-damaged-item = damaged: { $id } { $name }: { $what }
verify-warning = warning: { $what }
verify-damaged = { $damaged } of { $items } items are damaged
verify-damaged-and-index = { $damaged } of { $items } items are damaged, and parts of the index are unreadable
verify-file-damaged = all { $items ->
        [one] { $items } item
       *[other] { $items } items
    } read back intact, but the vault file is damaged (see above); run `clipvault salvage --to NEW`
verify-intact = verified { $items ->
        [one] { $items } item
       *[other] { $items } items
    } ({ $size }): all intact
# { $memory } is a size with its unit (64 MiB).
info-unlock-cost = unlocking costs Argon2id with { $memory }, { $passes } passes, { $lanes } lanes
info-unlock-cost-too-high = unlocking costs Argon2id with { $memory }, { $passes } passes, { $lanes } lanes; more than this device allows without --allow-costly-kdf
upgrade-nothing-to-do = { $path } is already format version { $version }; nothing to do
# Asked before compact and key rotate.
compact-keeps-one-compartment = This rewrites the vault with only what this passphrase opens: a compartment opened by another passphrase, if the vault has one, would be destroyed.
# { $warning } is compact-keeps-one-compartment.
compact-confirm = { $warning } Compact?
compact-nothing-changed = nothing was changed
compact-done = compacted { $path }: { $size } given back

## src/cli/evidence.rs

evidence-marked = marked { $count ->
        [one] { $count } item
       *[other] { $count } items
    } as evidence; the custody log records it
evidence-log-empty = The custody log is empty: no item has been marked as evidence.
evidence-key-advice = Above: the fingerprint of the key this vault signs evidence bundles with, and the key itself. Send them now to someone you trust (a lawyer, a helpline, an email to yourself). Later, `clipvault evidence check BUNDLE --key FINGERPRINT`, or `ssh-keygen -l -f` on the bundle's key, shows that a bundle was signed by this key and not by one put in its place.
# { $signer } is a key's fingerprint (SHA256:...).
evidence-check-key-given = { $bundle }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    } match SHA256SUMS, signed by { $signer }, the key given: the bundle is as that key signed it
evidence-check-own-key = { $bundle }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    } match SHA256SUMS, signed by { $signer } (the bundle's own key: without --key this shows only that the files match it; give the fingerprint sent earlier to show it is the vault's)
# A line of `clipvault fingerprint`: "pdq" is the hash's name; the spaces line the hashes up.
fingerprint-pdq = pdq     { $hash } (quality { $quality })
fingerprint-advice = To stop an intimate image spreading: submit its PDQ hash (images) or MD5 (videos) at StopNCII.org (adults) or takeitdown.ncmec.org (images taken under 18). Platforms then block matching copies without anyone seeing the image. clipvault uploads nothing; docs/EVIDENCE.md has the whole procedure.
evidence-not-marked = { $name } is not marked as evidence; mark it first with `clipvault evidence mark`
evidence-export-which = say which evidence to export: ITEM..., --all or --tag TAG
evidence-export-none = no item marked as evidence matches
evidence-export-exists = { $path } exists and is not empty; choose a new folder
evidence-cannot-write-bundle = cannot write the bundle into
# { $tag } is the tag's name, intimate, which is not translated.
evidence-exported = wrote an evidence bundle of { $items ->
        [one] { $items } item
       *[other] { $items } items
    } to { $path }; check it with `sha256sum -c SHA256SUMS` and the ssh-keygen line in README.txt
evidence-exported-withheld = wrote an evidence bundle of { $items ->
        [one] { $items } item
       *[other] { $items } items
    } to { $path } ({ $withheld } tagged `{ $tag }` as hashes only: --include-media puts the files in); check it with `sha256sum -c SHA256SUMS` and the ssh-keygen line in README.txt

## src/cli/output.rs

output-empty-vault = The vault is empty. Add files with `clipvault add PATH`.
# The headings of the columns of `clipvault list`.
output-column-id = ID
output-column-name = NAME
output-column-type = TYPE
output-column-size = SIZE
output-column-added = ADDED
output-column-tags = TAGS
# What `clipvault info` prints: the labels are translated, the spaces after them line the
# values up. { $created } is a date and time (2026-12-01T14:05:00Z); the sizes have their unit.
output-info =
    vault:        { $path }
    format:       version { $version }
    kdf:          Argon2id, { $mib } MiB, { $passes } passes, { $lanes } lanes
    created:      { $created }
    keys:         { $keys }
    items:        { $items }
    content:      { $content }
    file size:    { $file }
    other space:  { $other } (freed, padding, random reserve: not these items)
# After `clipvault key add --recovery > FILE`: the key is in that file.
output-recovery-key-file = The recovery key is in { $path }. Print it or copy it off the phone, then remove it: `clipvault wipe { $path }`.
output-recovery-key-file-private = The recovery key is in { $path } (readable by you alone). Print it or copy it off the phone, then remove it: `clipvault wipe { $path }`.
output-recovery-key-press-enter = Press Enter once it is written down; the screen and its scrollback are then cleared.{" "}

## src/cli/resolve.rs

# { $typed } is what was typed, in quotes; { $first }, { $second } and { $third } are stored
# names that look like it, in quotes, most alike first.
resolve-no-match = no item matches { $typed } (`clipvault list` shows them all)
resolve-no-match-one = no item matches { $typed }; did you mean { $first }? (`clipvault list` shows them all)
resolve-no-match-two = no item matches { $typed }; did you mean { $first } or { $second }? (`clipvault list` shows them all)
resolve-no-match-three = no item matches { $typed }; did you mean { $first } or { $second } or { $third }? (`clipvault list` shows them all)
# A name that several items share, with the id of the one meant.
resolve-name-with-id = { $name } (id { $id })
# { $candidates } are the items that match, each as its id and name.
resolve-ambiguous = { $typed } matches several items: { $candidates }; use the id

## src/cli/interrupt.rs

# Why reading stopped (Ctrl-C, SIGTERM or SIGHUP came).
interrupt-stopped = stopped by a signal
interrupt-registry-poisoned = signal registry poisoned

## src/cli/serve.rs

# { $idle } is a duration (5m, 1h 30m). "Lock" is the label of the gallery page's button.
serve-serving = serving a private gallery on 127.0.0.1 only: open the link above in this device's browser (it works once). It locks on its Lock button, after { $idle } without a request, or on Ctrl-C.
serve-locked-idle = locked: no request for { $idle }; the keys are forgotten
serve-locked-button = locked: the Lock button was pressed; the keys are forgotten
# { $signal } is the signal's name (SIGINT, SIGTERM, SIGHUP).
serve-locked-signal = locked: { $signal } was received; the keys are forgotten
serve-locked-link-reused = locked: the one-time link was used a second time, so someone else may have it; run clipvault serve again; the keys are forgotten
serve-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $reason }
serve-cannot-start = cannot start the server: { $reason }
serve-cannot-hand-link = could not hand the link to the browser: open the link above yourself
# { $opener } is the program that was asked to open the browser (xdg-open, termux-open-url).
serve-opener-failed = { $opener } could not open a browser: open the link above yourself
serve-no-opener = neither termux-open-url nor xdg-open is installed: open the link above yourself

## src/cli/agent/mod.rs

session-cannot-create = cannot create
session-cannot-use = cannot use
session-folder-not-private = { $path } must be a folder of yours that no one else can enter (mode 0700); unlock sessions are off
session-cannot-open-vault = cannot open vault
session-already-unlocked = already unlocked: { $minutes } min left (`clipvault lock` ends it)
session-cannot-find-self = cannot find clipvault itself: { $reason }
session-cannot-start-agent = cannot start the agent: { $reason }
session-agent-did-not-start = the unlock agent did not start
session-unlocked = unlocked for { $minutes } min (longer while in use): commands on { $path } ask nothing until then; `clipvault lock` ends it now
# { $asked } is the duration asked for (1day 6h); { $longest } is in hours.
session-unlocked-capped = unlocked for { $minutes } min ({ $asked } asked; { $longest } h is the longest a session may last) (longer while in use): commands on { $path } ask nothing until then; `clipvault lock` ends it now

## src/cli/agent/daemon.rs

session-bad-key = bad session key
session-cannot-listen = cannot listen on
session-cannot-secure = cannot secure
page-error-locked = the vault is locked
page-error-evidence = this item is evidence: the gallery does not shred it; use clipvault shred --force
page-error-duplicate = already in the vault
page-error-full = the phone's storage is full

## src/cli/inspect.rs

about-inspect = What a photo or video reveals about where, when and with what it was made (location, camera, serial numbers, time)
inspect-nothing = { $name } carries no location, camera, serial number, time or software in its metadata (the picture itself can still show faces, places and things)
inspect-reveals = { $name } reveals:
inspect-location = where it was taken: { $position } (latitude, longitude: a map shows the place)
inspect-camera = the camera or phone: { $camera }
inspect-serial = a serial number ({ $kind }): { $serial }
inspect-taken = when it was taken: { $time }
inspect-software = the software that made or edited it: { $software }
inspect-owner = an owner's name: { $owner }
inspect-preview = an embedded preview image ({ $size }): it can show what an edit cropped out
inspect-xmp = XMP metadata (edit history, and often more of the above)
inspect-kept = The item in the vault stays exactly as it is: evidence needs its original bytes. Anyone you send the file to can read all of this.

## export --strip-metadata

export-strip-and-age = --strip-metadata writes plain files: an age file carries the stored content as it is
export-cannot-strip-type = { $name } was not exported: clipvault cannot remove the metadata of { $media } (it strips JPEG, PNG, WebP, HEIC, AVIF, MP4 and MOV); export it without --strip-metadata if it may go as it is
export-too-large-to-strip = { $name } was not exported: the picture is too large to strip in memory
add-carries-location = note: { $name } carries the place where it was taken (GPS); the vault keeps the file exactly as it is. Before sending a copy to anyone: clipvault export --strip-metadata
add-thumbnails-later = the thumbnails are being made in the background; until one is stored, the galleries make it when they show the item
add-thumbnails-later-failed = could not start making the thumbnails in the background ({ $reason }); to make them now, run: clipvault thumbnails --all

## evidence checkpoint

about-evidence-checkpoint = Write a signed statement of the custody log as it is now, to send to someone trusted
evidence-checkpoint-written = wrote { $file } and { $sig }: send both now to someone you trust (email them to a lawyer, a helpline or yourself). A bundle you export later is checked against them with: clipvault evidence check BUNDLE --checkpoint FILE; a history changed before today would not pass
evidence-cannot-read = cannot read
evidence-checkpoint-failed = the bundle does not agree with the checkpoint { $file }: { $reason }
evidence-checkpoint-holds = and agrees with the checkpoint { $file }: its custody log starts with the { $entries } entries it had at { $made }, unchanged
bundle-readme-checkpoint =
    If you were given a custody checkpoint (clipvault-checkpoint-DATE.txt and its .sig) before this
    bundle was made, check it too, with the same allowed_signers:

        ssh-keygen -Y verify -f allowed_signers -I { $principal } -n { $namespace } -s CHECKPOINT.txt.sig < CHECKPOINT.txt
        grep HEAD custody-log.jsonl

    where HEAD is the value of the checkpoint's "head:" line: the entry whose "seq" is one less than
    the checkpoint's "entries:" must have it as its "hash". A history changed after the checkpoint was
    sent does not. `clipvault evidence check . --checkpoint CHECKPOINT.txt` also recomputes every hash.

## src/main.rs: usage errors clap finds (said in English by clap itself when English is chosen)

clap-unknown-command = unrecognized subcommand '{ $name }'
clap-unknown-argument = unexpected argument '{ $argument }' found
clap-missing = the following required arguments were not provided: { $arguments }
clap-invalid-value = invalid value '{ $value }' for '{ $argument }'
clap-conflict = the argument '{ $argument }' cannot be used with '{ $other }'
clap-did-you-mean = { $error }; tip: did you mean '{ $suggestion }'?

## leftovers
leftovers-no-places = there is no usual place to search on this device; name a folder: clipvault leftovers FOLDER
leftovers-searching = Looking in { $places ->
    [one] one place
   *[other] { $places } places
} for copies of { $items ->
    [one] the vault's one item
   *[other] the vault's { $items } items
}…
leftovers-progress = files looked at
leftovers-exact = exact copy
leftovers-near = similar picture ({ $bits } bits apart)
leftovers-copy-of = { $how } of { $name }
leftovers-unreadable = { $count ->
    [one] one file or folder
   *[other] { $count } files or folders
} could not be read (first: { $path }: { $reason })
leftovers-none = No copies found in { $files ->
    [one] the one file
   *[other] { $files } files
} looked at.
leftovers-found = { $count ->
    [one] One copy
   *[other] { $count } copies
} found in { $files } files; nothing was changed. `clipvault leftovers --remove` wipes { $count ->
    [one] it
   *[other] them
} (the vault keeps its own). Cloud backups, other people's phones and the gallery app's own database are out of reach: check them yourself.
leftovers-remove-question = Wipe { $count ->
    [one] this copy
   *[other] these { $count } copies
}? The vault keeps its own.
leftovers-not-removed = could not wipe { $path }: { $reason }
leftovers-removed = Wiped { $count ->
    [one] one copy
   *[other] { $count } copies
}.
leftovers-some-remain = { $count ->
    [one] one copy
   *[other] { $count } copies
} could not be wiped (see above)
leftovers-nothing-wiped = nothing was wiped

## src/vault/bundle.rs: threats.txt, and README.txt's paragraphs on threats and hashes.csv

bundle-threat-heading = Threat { $number }
bundle-threat-received = Received
bundle-threat-platform = Platform
bundle-threat-from = From
bundle-threat-said = What it said
bundle-threat-demand = Demand
bundle-threat-posted-at = Posted at
bundle-threat-note = Note
bundle-threat-kept = Kept with it
bundle-actions-heading = What was done
bundle-readme-threats =
    threats.txt        every threat as it was received (the time as the owner saw it and in UTC, the
                       platform, the sender, what was said and demanded, where content was posted) and
                       every action taken (reports, case and ticket numbers), from the custody log.
    threats.json       the same, as JSON.
bundle-readme-hashes =
    hashes.csv         one row per item: its SHA-256, MD5 and, for pictures, PDQ hash, with its size
                       and file: the hash values an evidence certificate asks for (for example Part A
                       of the certificate under section 63 of the Bharatiya Sakshya Adhiniyam, 2023).

## src/cli/evidence.rs: threats and actions

evidence-threat-recorded = Kept threat { $number } in the custody log{ $kept ->
    [0] {""}
    [one] {""}, with one file or item
   *[other] {""}, with { $kept } files or items
}. It goes into every evidence bundle (threats.txt); you never need to keep the intimate picture itself to report it.
evidence-action-recorded = Kept in the custody log: { $category }. It goes into every evidence bundle (threats.txt).

## src/cli/backup.rs: backup and restore through restic

backup-no-restic = restic is not installed: `pkg install restic` on Termux, `sudo apt install restic` on Debian or Ubuntu
backup-cannot-run = cannot run restic: { $reason }
backup-which-repository = say where to back up, once: clipvault backup FOLDER (or any restic repository: sftp:..., s3:..., rclone:...)
backup-creating = There is no backup in { $repo } yet: making a new restic repository there.
backup-progress = backing up
backup-failed = restic failed: { $reason }
backup-wrong-keys = { $repo } does not open with this vault's passphrase or key (made by another vault, or with a passphrase changed since and not given now)
backup-key-added = The repository now also opens with this passphrase: a restore needs nothing else.
backup-session-only = Made through an unlock session, this backup opens only with the key inside this vault for now: if the phone were lost, it could not be restored. Run `clipvault backup` once with the passphrase (typed or --passphrase-file) and a restore will need nothing but the passphrase.
backup-done = Backed up { $size } to { $repo } (snapshot { $snapshot }, { $added } new). A restore needs only your passphrase and this repository.
restore-exists = { $path } exists; restore writes a new file: choose another name
restore-no-snapshot = no complete clipvault backup in { $repo } (or none with that id)
restore-cannot-write = cannot write the restored vault into
restore-not-a-vault = the backup does not open as a whole vault with this passphrase: { $reason }
restore-done = Restored { $path }: { $items ->
    [one] one item
   *[other] { $items } items
}, from the backup { $snapshot } of { $time } UTC, checked whole.

## src/cli/devices.rs: several devices, merge

device-cannot-write = cannot write the new device's file
device-added = { $path } is another device's file of this vault now: the same items and passphrases. Use it on that device only (each device writes only its own file), and run `clipvault merge` on each to bring the others' changes in.
merge-nothing = there is no other copy of this vault beside it to merge
merge-cannot-open = cannot open { $path } with this key: { $reason }
merge-skipped = skipped { $path }: { $reason }
merge-not-a-copy = { $path } is not a copy of this vault (another key opens it): nothing was merged
merge-done = merged { $path }: { $added } added, { $changed } changed, { $shredded } shredded{ $kept ->
    [0] {""}
   *[other] {""}, { $kept } evidence kept (shredded there without --force)
}
merge-conflict-copies = { $count ->
    [one] A sync tool left a conflict copy
   *[other] A sync tool left { $count } conflict copies
} of this vault beside it: `clipvault merge` folds { $count ->
    [one] it
   *[other] them
} in, and then { $count ->
    [one] it
   *[other] they
} can be deleted.
evidence-draft-written = Wrote the draft to { $path }: fill in every [ ... ] and read it through before you send it.
