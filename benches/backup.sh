#!/usr/bin/env bash
# Backups of a 1 GiB vault through restic: the first backup, then a backup after 0 bytes,
# 1 MB and 100 MB of change (an item added), three rounds each: time and repository growth,
# medians. Needs restic.
# Usage: bash benches/backup.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_setup "${1:-}"
export HOME=$work XDG_CONFIG_HOME=$work/config
V=(--vault v.clipvault --passphrase-file pass -q)
"$bin" "${V[@]}" init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
for n in 1 2 3 4 5 6 7 8; do head -c $((128 << 20)) /dev/urandom > big.bin; "$bin" "${V[@]}" add --allow-duplicates --name "video-$n.mp4" big.bin; done
rm big.bin
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); vault $(du -h v.clipvault | cut -f1)"
repo_size() { du -sb repo | cut -f1; }
start=$(date +%s.%N); "$bin" "${V[@]}" backup repo; end=$(date +%s.%N)
printf 'first backup: %.1f s, repository %.0f MiB\n' "$(echo "$end - $start" | bc -l)" "$(echo "$(repo_size) / 1048576" | bc -l)"
for change in 0 1000000 100000000; do
  for round in 1 2 3; do
    if [ "$change" -gt 0 ]; then head -c "$change" /dev/urandom > item.bin; "$bin" "${V[@]}" add --allow-duplicates --name "item-$change-$round" item.bin; fi
    before=$(repo_size)
    start=$(date +%s.%N); "$bin" "${V[@]}" backup; end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc -l) $(( $(repo_size) - before ))"
  done | sort -n | sed -n 2p | awk -v c="$change" '{printf "after %9d bytes of change: %.2f s, repository +%.2f MB (median of 3)\n", c, $1, $2 / 1000000}'
done
