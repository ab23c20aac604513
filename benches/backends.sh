#!/usr/bin/env bash
# SHA-256 and ChaCha20-Poly1305 on 64 KiB chunks (clipvault's), 256 MiB, medians of 9: the
# `sha2` crate and `ring` that clipvault uses against `aws-lc-rs` (AWS-LC's assembly behind
# ring's API), with this machine's OpenSSL beside them.
# Usage: bash benches/backends.sh   (builds benches/backends/ into a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/backends"
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
CARGO_TARGET_DIR=$target cargo run --quiet --release
for alg in sha256 chacha20-poly1305; do
  openssl speed -seconds 2 -bytes 65536 -evp "$alg" 2>/dev/null | tail -1 |
    awk -v a="$alg" -v v="$(openssl version | cut -d' ' -f1-2)" '{sub(/k$/, "", $NF); printf "%-40s %6.2f GB/s\n", v " " a, $NF / 1e6}'
done
