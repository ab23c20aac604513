#!/usr/bin/env bash
# `add` of 512 MiB against its floor: the work no writer can avoid, split over the cores.
# The floor is one core's SHA-256 of the plaintext (a single sequential stream) plus the AEAD
# plus the kernel's copies (a `dd` of the same bytes into the same tmpfs), at the speeds this
# machine's own OpenSSL reaches, over 2 cores, but never less than the SHA-256 alone:
#   floor = max(sha, (sha + aead + dd) / 2)
# Also measured in the same rounds: `age -r` of the same file, when age is installed.
# Usage: bash benches/add_floor.sh [BINARY] [ROUNDS]   (needs about 2 GiB free in /dev/shm)
set -euo pipefail
bin=$(realpath "${1:-target/release/clipvault}")
rounds=${2:-7}
work=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "correct horse battery staple" > pass
head -c $((512 << 20)) /dev/urandom > in.bin
bytes=$(stat -c %s in.bin)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(openssl version | cut -d' ' -f1-2)"
# openssl speed prints thousands of bytes per second for 64 KiB blocks (clipvault's chunk).
speed() { openssl speed -seconds 2 -bytes 65536 -evp "$1" 2>/dev/null | tail -1 | awk '{sub(/k$/, "", $NF); print $NF * 1000}'; }
sha=$(speed sha256)
aead=$(speed chacha20-poly1305)
"$bin" --vault v.clipvault --passphrase-file pass -q init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
cp v.clipvault empty.clipvault
age_key=""
if command -v age-keygen >/dev/null; then age-keygen -o key.txt 2>/dev/null; age_key=$(grep -o 'age1[0-9a-z]*' key.txt); fi
secs() { /usr/bin/time -f %e -o t.txt "$@" >/dev/null; cat t.txt; }
for round in $(seq 1 "$rounds"); do
  rm -f out.bin; echo "dd $(secs dd if=in.bin of=out.bin bs=4M status=none)"; rm -f out.bin
  cp empty.clipvault v.clipvault
  echo "add $(secs "$bin" --vault v.clipvault --passphrase-file pass -q add --no-thumbnails in.bin)"
  if [ -n "$age_key" ]; then echo "age $(secs age -r "$age_key" -o out.age in.bin)"; rm -f out.age; fi
done > runs.txt
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
dd=$(grep '^dd ' runs.txt | cut -d' ' -f2 | median)
add=$(grep '^add ' runs.txt | cut -d' ' -f2 | median)
age=$(grep '^age ' runs.txt | cut -d' ' -f2 | median || true)
awk -v n="$bytes" -v sha="$sha" -v aead="$aead" -v dd="$dd" -v add="$add" -v age="$age" -v r="$rounds" 'BEGIN {
  s = n / sha; a = n / aead
  floor = (s + a + dd) / 2; if (floor < s) floor = s
  printf "openssl: SHA-256 %.2f GB/s, ChaCha20-Poly1305 %.2f GB/s (64 KiB blocks)\n", sha / 1e9, aead / 1e9
  printf "512 MiB, medians of %d: sha %.3f s + aead %.3f s + dd %.3f s -> floor %.3f s\n", r, s, a, dd, floor
  printf "add %.3f s: %.2fx the floor\n", add, add / floor
  if (age != "") printf "age -r %.3f s: add is %.2fx faster\n", age, age / add
}'
