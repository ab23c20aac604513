#!/usr/bin/env bash
# A/B of two builds of clipvault, alternating rounds, 1 GiB on tmpfs, tiny KDF (to time the
# streaming alone): wall, user and system seconds of add and cat per round.
#   BASE=/path/to/old/clipvault HEAD=/path/to/new/clipvault bash benches/ab_commits.sh > out
# Build the old one with: git worktree add /tmp/base REV && CARGO_TARGET_DIR=/tmp/base-target \
#   cargo build --release --manifest-path /tmp/base/Cargo.toml
set -eu
: "${BASE:?set BASE to the old binary}" "${HEAD:?set HEAD to the new binary}"
D=/dev/shm/ab; rm -rf $D; mkdir -p $D; cd $D
echo "tulip seventeen harbor gravel" > pass
head -c 1073741824 /dev/urandom > big
declare -A BIN=([base]=$BASE [head]=$HEAD)
for who in base head; do
  ${BIN[$who]} --vault $who.clipvault --passphrase-file pass -q init --kdf-memory 1 --kdf-iterations 1 --kdf-parallelism 1
done
for round in 1 2 3 4 5 6 7; do
  for who in base head; do
    # A different first line each round, so a build that skips duplicates stores it too.
    { echo "$round"; cat big; } > round
    /usr/bin/time -f "add $who %e %U %S" ${BIN[$who]} --vault $who.clipvault --passphrase-file pass -q add round --name r$round
  done
  for who in base head; do
    /usr/bin/time -f "cat $who %e %U %S" ${BIN[$who]} --vault $who.clipvault --passphrase-file pass cat r$round > /dev/null
  done
  for who in base head; do ${BIN[$who]} --vault $who.clipvault --passphrase-file pass -q shred --yes r$round; done
done
rm -rf $D
# Summary: bash benches/ab_commits.sh | awk '{print $1, $2, $3}' | sort, or see docs/PERFORMANCE.md.
