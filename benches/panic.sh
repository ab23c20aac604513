#!/usr/bin/env bash
# Times `clipvault panic` on a large vault on disk (issue #14: median under 1 s for any size).
#   bash benches/panic.sh [DIR] [GIB]     (default: a folder under ./target, 4 GiB; needs GIB + 1 GiB free)
# Builds the release binary, makes a vault of GIB GiB of random content, then panics it
# 5 times (each panic writes the two headers again) and prints every time and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-target/bench-panic}
GIB=${2:-4}
cargo build --release -q
B="$PWD/target/release/clipvault"
mkdir -p "$DIR"; cd "$DIR"; rm -f v.clipvault
echo "tulip seventeen harbor gravel" > pass
"$B" --vault v.clipvault --passphrase-file pass -q init
head -c $((GIB << 30)) /dev/urandom | "$B" --vault v.clipvault --passphrase-file pass -q add - --name big.bin
ls -l v.clipvault
times=()
for _ in 1 2 3 4 5; do
  s=$(date +%s%N); "$B" --vault v.clipvault -q panic --yes; e=$(date +%s%N)
  times+=($(( (e - s) / 1000 )))
done
printf 'panic: %s us\n' "${times[@]}"
printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | xargs printf 'median: %s us\n'
"$B" --vault v.clipvault --passphrase-file pass list >/dev/null 2>&1 && echo "ERROR: the vault still opens" && exit 1
echo "the vault no longer opens with its passphrase"
rm -f v.clipvault pass
