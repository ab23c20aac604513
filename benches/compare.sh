#!/usr/bin/env bash
# Side-by-side benchmark of clipvault against age, rage, dd and the reference Argon2.
#
#   bash benches/compare.sh [ROUNDS]      (default 5 rounds; needs about 6 GiB free in /dev/shm)
#
# Peers run alternately, round by round, so machine noise hits all of them alike; the script
# prints medians, ratios and peak RSS. Set SIZE_MIB (default 1024), WORK (default
# /dev/shm/clipvault-bench) and DISK_DIR (an ext4 folder for the durable test, default
# the repository's target/ folder).
set -euo pipefail
ROUNDS=${1:-5}
SIZE_MIB=${SIZE_MIB:-1024}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/dev/shm/clipvault-bench}
DISK_DIR=${DISK_DIR:-$HERE/target/bench-disk}

need() {
  command -v "$1" >/dev/null || { echo "missing $1: $2" >&2; exit 1; }
}
need age "apt-get install age"
need age-keygen "apt-get install age"
need rage "cargo install rage --version 0.12.1"
need rage-keygen "cargo install rage --version 0.12.1"
need argon2 "apt-get install argon2"
need strace "apt-get install strace"
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install time" >&2; exit 1; }

(cd "$HERE" && cargo build --release --quiet)
CV="$HERE/target/release/clipvault"
rm -rf "$WORK" && mkdir -p "$WORK" "$DISK_DIR"
cd "$WORK"
echo "tulip seventeen harbor gravel" > pass
head -c $((SIZE_MIB << 20)) /dev/urandom > input.bin
age-keygen -o age.key 2>/dev/null
rage-keygen -o rage.key 2>/dev/null
AGE_R=$(grep -o 'age1[0-9a-z]*' age.key | head -1)
RAGE_R=$(grep -o 'age1[0-9a-z]*' rage.key | head -1)
# Small KDF so the KDF does not dominate the streaming figures (the KDF is measured apart).
cv() { "$CV" --vault "$WORK/v.clipvault" --passphrase-file "$WORK/pass" --quiet "$@"; }
cv init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1

# measure NAME CMD...: appends "seconds peak_kib user_s system_s" for NAME to results.
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/t" "$@"
  echo "$name $(cat "$WORK/t")" >> "$WORK/results"
}

: > results
for round in $(seq "$ROUNDS"); do
  measure "clipvault_add" "$CV" --vault v.clipvault --passphrase-file pass --quiet add input.bin --name "r$round"
  measure "age_encrypt" age -r "$AGE_R" -o out.age input.bin
  measure "rage_encrypt" rage -r "$RAGE_R" -o out.rage input.bin
  measure "clipvault_cat" sh -c "'$CV' --vault v.clipvault --passphrase-file pass cat r$round > out.bin"
  measure "age_decrypt" age -d -i age.key -o out.bin out.age
  measure "rage_decrypt" rage -d -i rage.key -o out.bin out.rage
  measure "clipvault_export" "$CV" --vault v.clipvault --passphrase-file pass --quiet export "r$round" --force --to exported
  measure "clipvault_verify" "$CV" --vault v.clipvault --passphrase-file pass --quiet verify
  cmp -s out.bin input.bin || { echo "decrypted output differs" >&2; exit 1; }
  cmp -s "exported/r$round" input.bin || { echo "exported file differs" >&2; exit 1; }
  # Keep the tmpfs from filling round by round: memory pressure slows every writer.
  rm -rf exported
  cv shred --yes "r$round"
  cv compact
done

# Durable write to a real disk: add (synced) against dd conv=fsync of the same bytes.
DISK_VAULT="$DISK_DIR/v.clipvault"
rm -f "$DISK_VAULT" "$DISK_DIR/dd.out"
"$CV" --vault "$DISK_VAULT" --passphrase-file pass --quiet init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
for round in $(seq "$ROUNDS"); do
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  measure "clipvault_add_disk" "$CV" --vault "$DISK_VAULT" --passphrase-file pass --quiet add input.bin --name "d$round"
  measure "dd_fsync_disk" dd if=input.bin of="$DISK_DIR/dd.out" bs=4M conv=fsync status=none
  "$CV" --vault "$DISK_VAULT" --passphrase-file pass --quiet shred --yes "d$round"
  "$CV" --vault "$DISK_VAULT" --passphrase-file pass --quiet compact
done
rm -f "$DISK_VAULT" "$DISK_DIR/dd.out"

# Unlock: the default profile (64 MiB, t=3, p=4) against the reference C Argon2.
rm -f kdf.clipvault
"$CV" --vault kdf.clipvault --passphrase-file pass --quiet init
for round in $(seq "$ROUNDS"); do
  measure "clipvault_unlock_default" sh -c "'$CV' --vault kdf.clipvault --passphrase-file pass info > /dev/null"
  measure "argon2_reference" sh -c "echo -n 'tulip seventeen harbor gravel' | argon2 saltsaltsaltsalt -id -t 3 -m 16 -p 4 -l 32 -r > /dev/null"
done

# 100,000 items: open and list, against opening alone; bytes written by one more add.
mkdir -p many && (cd many && seq 1 100000 | xargs -n 1000 touch)
rm -f many.clipvault
"$CV" --vault many.clipvault --passphrase-file pass --quiet init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
/usr/bin/time -f "built a 100000-item vault in %e s" "$CV" --vault many.clipvault --passphrase-file pass --quiet add many
for round in $(seq "$ROUNDS"); do
  measure "list_100k_items" sh -c "'$CV' --vault many.clipvault --passphrase-file pass list > /dev/null"
  measure "open_100k_items" sh -c "'$CV' --vault many.clipvault --passphrase-file pass info > /dev/null"
  measure "open_empty_vault" sh -c "'$CV' --vault v.clipvault --passphrase-file pass info > /dev/null"
done
echo "hello" > one-more.txt
before=$(stat -c %s many.clipvault)
strace -f -qq -e trace=pwrite64,write -o strace.out "$CV" --vault many.clipvault --passphrase-file pass --quiet add one-more.txt
written=$(awk -F'= ' '/pwrite64/ {s += $NF} END {print s + 0}' strace.out)
after=$(stat -c %s many.clipvault)

# Crypto-shredding a 1 GiB item: key gone and committed vs the whole shred with overwrite.
cv add input.bin --name shred-me
measure "shred_1GiB_with_overwrite" "$CV" --vault v.clipvault --passphrase-file pass --quiet shred --yes shred-me

python3 - "$WORK/results" "$written" "$before" "$after" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, secs, kib, user, system = line.split()
    rows.setdefault(name, []).append((float(secs), int(kib), float(user), float(system)))
def med(name, field=0): return statistics.median(r[field] for r in rows[name])
def rss(name): return max(r[1] for r in rows[name]) / 1024
# User and system CPU time show what noise is: on a shared machine a slow round is usually one
# whose kernel time jumped (page allocation), with the same user time.
print(f"{'what':28} {'median s':>9} {'min':>6} {'max':>6} {'user s':>7} {'sys s':>6} {'peak RSS MiB':>13}  runs")
for name in rows:
    secs = [r[0] for r in rows[name]]
    print(f"{name:28} {med(name):9.3f} {min(secs):6.2f} {max(secs):6.2f} {med(name, 2):7.2f} {med(name, 3):6.2f} "
          f"{rss(name):13.1f}  {len(secs)}")
def ratio(a, b, label):
    print(f"{label:58} {med(b) / med(a):5.2f}x")
print()
ratio("clipvault_add", "age_encrypt", "add vs age -r (>1 means clipvault is faster)")
ratio("clipvault_add", "rage_encrypt", "add vs rage -r")
ratio("clipvault_cat", "age_decrypt", "cat vs age -d")
ratio("clipvault_cat", "rage_decrypt", "cat vs rage -d")
ratio("clipvault_add_disk", "dd_fsync_disk", "durable add vs dd conv=fsync (disk)")
ratio("clipvault_unlock_default", "argon2_reference", "unlock (KDF) vs reference argon2 (C)")
print(f"{'list 100k items beyond opening the same vault':58} {1000 * (med('list_100k_items') - med('open_empty_vault')):5.0f} ms")
print(f"{'open 100k-item vault beyond opening an empty one':58} {1000 * (med('open_100k_items') - med('open_empty_vault')):5.0f} ms")
print(f"bytes written to add a 6-byte item to the 100k-item vault: {sys.argv[2]} (file grew {int(sys.argv[4]) - int(sys.argv[3])} bytes)")
EOF
