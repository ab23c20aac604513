#!/usr/bin/env bash
# What a thumbnail adds to the add of a 12-megapixel JPEG (issue #11: at most 25% of that
# item's add time), release build, adds with and without `--no-thumbnails` alternating:
#   bash benches/thumbnail_add.sh [ROUNDS] [DIR]     (default 11 rounds, a folder under ./target)
# Two 12-megapixel photos made by ffmpeg, both harder to decode than most phone photos (3-5
# MB): a blurred cellular pattern with grain (about 5.8 MB) and a sharp test pattern with noise
# (about 4.7 MB). Three settings:
#   item:    Argon2id at 1 MiB, on tmpfs (/dev/shm): the item's own work, nothing else;
#   command: the default Argon2id (standard, 64 MiB), on the disk under DIR, synced: what
#            `clipvault add photo.jpg` costs a person;
#   session: the same vault unlocked (`clipvault unlock`): no Argon2id per command.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-11}
DIR=${2:-target/bench-thumbnail-add}
cargo build --release -q
B="$PWD/target/release/clipvault"
rm -rf "$DIR"; mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
SHM=$(mktemp -d /dev/shm/clipvault-bench.XXXXXX)
trap 'rm -rf "$SHM"; "$B" lock --all >/dev/null 2>&1 || true' EXIT
echo "tulip seventeen harbor gravel" > "$DIR/pass"
ffmpeg -loglevel error -y -f lavfi -i "cellauto=size=4000x3000:rule=110,format=gray,gblur=sigma=2,noise=alls=20:allf=t,format=yuvj420p" \
  -frames:v 1 -q:v 3 "$DIR/grain.jpg"
ffmpeg -loglevel error -y -f lavfi -i "testsrc2=size=4000x3000,noise=alls=12:allf=t,format=yuvj420p" \
  -frames:v 1 -q:v 2 "$DIR/noise.jpg"
ls -l "$DIR"/*.jpg | awk '{print $5, $9}'

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# run SETTING VAULT PHOTO [clipvault options...]: ROUNDS alternating pairs, medians in ms.
run() {
  local setting=$1 vault=$2 photo=$3; shift 3
  local with=() without=()
  for _ in $(seq "$ROUNDS"); do
    for mode in with without; do
      rm -f "$vault"
      "$B" --vault "$vault" --passphrase-file "$DIR/pass" -q init "$@" 2>/dev/null
      [ "$setting" = session ] && "$B" --vault "$vault" --passphrase-file "$DIR/pass" -q unlock
      local extra=(); [ $mode = without ] && extra=(--no-thumbnails)
      local pass=(--passphrase-file "$DIR/pass"); [ "$setting" = session ] && pass=()
      local s e; s=$(date +%s%N)
      "$B" --vault "$vault" "${pass[@]}" -q add "${extra[@]}" "$photo" </dev/null
      e=$(date +%s%N)
      [ "$setting" = session ] && "$B" --vault "$vault" -q lock
      if [ $mode = with ]; then with+=($(( (e - s) / 1000000 ))); else without+=($(( (e - s) / 1000000 ))); fi
    done
  done
  local w o; w=$(printf '%s\n' "${with[@]}" | median); o=$(printf '%s\n' "${without[@]}" | median)
  printf '%-8s %-10s with %4d ms  without %4d ms  thumbnail adds %4d ms = %3d%%   (with: %s; without: %s)\n' \
    "$setting" "$(basename "$photo")" "$w" "$o" $((w - o)) $(( (w - o) * 100 / o )) "${with[*]}" "${without[*]}"
}
TINY=(--kdf-memory 1 --kdf-iterations 1 --kdf-parallelism 1)
for photo in "$DIR/grain.jpg" "$DIR/noise.jpg"; do
  run item "$SHM/v.clipvault" "$photo" "${TINY[@]}"
  run command "$DIR/v.clipvault" "$photo"
  # Commands given no passphrase file use the session.
  run session "$DIR/v.clipvault" "$photo"
done
rm -rf "$DIR"
