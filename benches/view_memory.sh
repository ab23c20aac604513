#!/usr/bin/env bash
# Peak memory of `view` (RSS, which counts an in-memory file's pages too) for items of 10 MB,
# 1 GiB and 4 GiB, handed to a viewer that reads the whole item by path or URL (python3),
# median of 3. Needs about 4.5 GiB of free disk.
# Usage: bash benches/view_memory.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_setup "${1:-}"
cat > viewer.py <<'PY'
import sys, urllib.request
target = sys.argv[1]
src = urllib.request.urlopen(target) if target.startswith("http://") else open(target, "rb")
while src.read(1 << 20):
    pass
PY
V=(--vault v.clipvault --passphrase-file pass -q)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for size in 10000000 1073741824 4294967296; do
  rm -f v.clipvault
  "$bin" "${V[@]}" init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
  head -c "$size" /dev/urandom | "$bin" "${V[@]}" add --no-thumbnails - --name item.mp4
  for round in 1 2 3; do
    /usr/bin/time -f "%M %e" -o t.txt "$bin" "${V[@]}" view item.mp4 --with "python3 viewer.py {}"
    cat t.txt
  done | sort -n | sed -n 2p | awk -v s="$size" '{printf "%11s bytes: peak RSS %.1f MiB, %.1f s (median of 3)\n", s, $1 / 1024, $2}'
done
