#!/usr/bin/env bash
# leftovers over 2,000 files, 100 of them copies of vaulted photos (50 exact, 50 re-encoded
# at 80% and JPEG quality 60), the rest unrelated: 100 other photos and 1,800 files of other
# kinds and sizes. Reports files per second and peak RSS (GNU time), median of 3 runs.
# Usage: bash benches/leftovers.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_setup "${1:-}"
V=(--vault v.clipvault --passphrase-file pass)
"$bin" "${V[@]}" init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1 -q
mkdir -p photos shared/DCIM shared/WhatsApp shared/Other
f() { ffmpeg -hide_banner -loglevel error -y "$@"; }
for n in $(seq 1 50); do
  f -f lavfi -i "testsrc2=size=1600x1200:rate=1" -vf "hue=h=$((n * 7)),rotate=$n*PI/180" -frames:v 1 "photos/p$n.jpg"
done
"$bin" "${V[@]}" add -q photos
for n in $(seq 1 50); do
  cp "photos/p$n.jpg" "shared/DCIM/.trashed-1767600000-p$n.jpg"
  f -i "photos/p$n.jpg" -vf scale=iw*0.8:ih*0.8 -q:v 12 "shared/WhatsApp/IMG-WA$n.jpg"
done
for n in $(seq 1 100); do
  f -f lavfi -i "cellauto=size=1280x960:rate=1:rule=$((n + 20)):random_fill_ratio=0.5:seed=$n" -frames:v 1 "shared/Other/c$n.jpg"
done
for n in $(seq 1 1800); do head -c $((RANDOM * 4 + 1)) /dev/urandom > "shared/Other/file$n.bin"; done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(find shared -type f | wc -l) files"
for round in 1 2 3; do
  /usr/bin/time -f "%e %M" -o time.txt "$bin" "${V[@]}" leftovers --json shared > found.json 2>/dev/null
  read -r secs rss < time.txt
  echo "$secs $rss $(grep -c '"path"' found.json)"
done | sort -n | sed -n 2p | awk '{printf "2000 files: %.2f s (%.0f files/s), peak RSS %.1f MiB, %d copies found (median of 3)\n", $1, 2000 / $1, $2 / 1024, $3}'
