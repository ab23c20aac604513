#!/usr/bin/env bash
# Adding a folder of small items (voice notes of 20 KB): syncs, growth of the vault against
# the content, and time, for 200 and 2,000 notes; then opening, listing and adding one item
# to the resulting vault. Medians of 3 runs per size. Needs strace.
# Usage: bash benches/small_items.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_setup "${1:-}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for count in 200 2000; do
  rm -rf notes && mkdir notes
  for n in $(seq 1 "$count"); do head -c 20000 /dev/urandom > "notes/PTT-$n.opus"; done
  for round in 1 2 3; do
    rm -f v.clipvault
    "$bin" --vault v.clipvault --passphrase-file pass init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1 -q
    before=$(stat -c %s v.clipvault)
    start=$(date +%s.%N)
    strace -f -qq -e trace=fsync,fdatasync -o trace "$bin" --vault v.clipvault --passphrase-file pass add -q notes
    end=$(date +%s.%N)
    after=$(stat -c %s v.clipvault)
    syncs=$(grep -c sync trace || true)
    echo "$count $syncs $(echo "($after - $before) / ($count * 20000)" | bc -l) $(echo "$end - $start" | bc -l)"
  done | sort -k4 -n | sed -n 2p | awk '{printf "%5d notes: %4d syncs, grew %.2fx the content, %.2f s (median of 3, under strace)\n", $1, $2, $3, $4}'
done
for what in list "add one"; do
  times=()
  for round in 1 2 3; do
    head -c 20000 /dev/urandom > one.opus
    start=$(date +%s.%N)
    if [ "$what" = list ]; then "$bin" --vault v.clipvault --passphrase-file pass list > /dev/null
    else "$bin" --vault v.clipvault --passphrase-file pass add -q --allow-duplicates one.opus; fi
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p | awk -v w="$what" '{printf "2,000-note vault, %s: %.3f s (median of 3)\n", w, $1}'
done
