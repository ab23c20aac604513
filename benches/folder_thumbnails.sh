#!/usr/bin/env bash
# A folder of 40 photos of 12 megapixels (4000 x 3000 JPEG made by ffmpeg, 44 MB) added with
# and without thumbnails, by two builds side by side (interleaved rounds, medians of 5): what
# the thumbnails add to the wall time, against the decoding work divided by the cores (the
# CPU time the thumbnails add, from the same runs, over the number of cores).
# Then, for NEW_BINARY, `add --thumbnails later`: when the add returns and when the
# background process has stored every thumbnail.
# Usage: bash benches/folder_thumbnails.sh NEW_BINARY [OLD_BINARY]
set -euo pipefail
new=$(realpath "${1:-target/release/clipvault}")
old=${2:+$(realpath "$2")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "correct horse battery staple" > pass
mkdir photos
for n in $(seq 1 40); do
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=4000x3000:rate=1" -vf "hue=h=$((n * 9))" -frames:v 1 -q:v 3 "photos/IMG_$n.jpg"
done
cores=$(nproc)
echo "machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(du -sh photos | cut -f1) of photos"
run() { # binary, extra args -> "wall user+sys"
  rm -f v.clipvault
  "$1" --vault v.clipvault --passphrase-file pass -q init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
  /usr/bin/time -f "%e %U %S" -o t.txt "$1" --vault v.clipvault --passphrase-file pass -q add "${@:2}" photos
  awk '{print $1, $2 + $3}' t.txt
}
for build in new ${old:+old}; do
  bin=${!build}
  for round in 1 2 3 4 5; do
    echo "$build with $(run "$bin")"
    echo "$build without $(run "$bin" --no-thumbnails)"
  done
done > runs.txt
median() { sort -n | sed -n 3p; }
for build in new ${old:+old}; do
  with=$(grep "^$build with " runs.txt | cut -d' ' -f3 | median)
  without=$(grep "^$build without " runs.txt | cut -d' ' -f3 | median)
  cpu_with=$(grep "^$build with " runs.txt | cut -d' ' -f4 | median)
  cpu_without=$(grep "^$build without " runs.txt | cut -d' ' -f4 | median)
  awk -v b="$build" -v w="$with" -v o="$without" -v cw="$cpu_with" -v co="$cpu_without" -v c="$cores" 'BEGIN {
    floor = (cw - co) / c
    printf "%s: %.2f s with thumbnails, %.2f s without; thumbnails add %.2f s against a floor of %.2f s (decoding %.2f s of CPU over %d cores): %.2fx\n", b, w, o, w - o, floor, cw - co, c, (w - o) / floor
  }'
done

# `add --thumbnails later` (NEW_BINARY only): when the add returns, and when the background
# process it starts has stored every thumbnail (polled every 10 ms in /proc).
later_round() {
  rm -f v.clipvault
  "$new" --vault v.clipvault --passphrase-file pass -q init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
  local start returned
  start=$(date +%s%N)
  "$new" --vault v.clipvault --passphrase-file pass -q add --thumbnails later photos
  returned=$(date +%s%N)
  # Its background process names this vault (the bracket keeps grep from finding itself).
  while grep -qsz -- "$work/v[.]clipvault" /proc/[0-9]*/cmdline; do sleep 0.01; done
  echo "$(( (returned - start) / 1000000 )) $(( ($(date +%s%N) - start) / 1000000 ))"
}
for round in 1 2 3 4 5; do later_round; done > later.txt
returned=$(cut -d' ' -f1 later.txt | median)
stored=$(cut -d' ' -f2 later.txt | median)
awk -v r="$returned" -v d="$stored" 'BEGIN {
  printf "new --thumbnails later: the add returns after %.2f s; every thumbnail is stored after %.2f s (medians of 5)\n", r / 1000, d / 1000
}'
