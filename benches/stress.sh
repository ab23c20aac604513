#!/usr/bin/env bash
# The concurrent-use stress run of tests/it/stress.rs, longer: two phases of SECONDS each
# (default 60). Phase 1: three adders that wait for the lock, one that does not, a shredder
# and three readers (list, cat, verify). Phase 2: the same plus `compact` every second and
# `key rotate` every 1.5 s. It prints what ran (adds, shreds, rewrites, reader runs) and
# fails if any item whose add exited 0 is missing or changed, or a reader reported damage.
#
#   bash benches/stress.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIPVAULT_STRESS_SECONDS="${1:-60}" cargo test --release --test it stress:: -- --nocapture
