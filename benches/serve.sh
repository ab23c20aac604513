#!/usr/bin/env bash
# Measures `clipvault serve` (issue #12) on a vault holding one large item, with curl:
#   bash benches/serve.sh [DIR] [GIB] [BINARY]
#   (default: a folder under ./target, 2 GiB, a release build made here; needs GIB free)
# 1. seeking: 25 requests for 1 MiB at random offsets; every time and the median
#    (goal: under 20 ms);
# 2. a full GET to curl against `clipvault cat` to /dev/null, 5 runs each, medians and their
#    ratio (goal: serve at least 90% of cat's speed, issue #30), and the CPU both sides spend;
# 3. 8 clients reading the whole item at once: the server's peak RSS (VmHWM) against its RSS
#    after unlocking (goal: less than 64 MiB more). The vault uses Argon2id at 8 MiB so the
#    KDF does not hide what the server itself uses.
# Needs curl and GNU time (apt-get install curl time).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "needs curl: apt-get install curl" >&2; exit 2; }
DIR=${1:-target/bench-serve}
GIB=${2:-2}
if [ -n "${3:-}" ]; then B=$(realpath "$3"); else cargo build --release -q; B="$PWD/target/release/clipvault"; fi
mkdir -p "$DIR"; cd "$DIR"; rm -f v.clipvault
echo "tulip seventeen harbor gravel" > pass
V=(--vault v.clipvault --passphrase-file pass -q)
"$B" "${V[@]}" init --kdf-memory 8 --kdf-iterations 1 --kdf-parallelism 1
head -c $((GIB << 30)) /dev/urandom | "$B" "${V[@]}" add - --name video.mp4
SIZE=$((GIB << 30))

"$B" "${V[@]}" serve > link.txt &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
while [ ! -s link.txt ]; do sleep 0.1; done
LINK=$(head -1 link.txt)
BASE=${LINK%%/unlock*}
COOKIE=$(curl -s -o /dev/null -D - "$LINK" | sed -n 's/^set-cookie: \([^;]*\);.*/\1/p')
ID=$(curl -s -H "Cookie: $COOKIE" "$BASE/api/items" | sed 's/.*"id":"\([0-9a-f]*\)".*/\1/')
URL="$BASE/api/items/$ID/content"
BASELINE=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "1. seeking: 1 MiB at a random offset of $GIB GiB (ms)"
times=()
for _ in $(seq 25); do
  off=$(( (RANDOM * 32768 + RANDOM) % (SIZE - (1 << 20)) ))
  t=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" -H "Range: bytes=$off-$((off + (1 << 20) - 1))" "$URL")
  times+=("$(awk -v t="$t" 'BEGIN {printf "%.1f", t * 1000}')")
done
echo "   ${times[*]}"
printf '%s\n' "${times[@]}" | median | xargs printf '   median: %s ms\n'

echo "2. whole item: serve to curl vs clipvault cat to /dev/null, 5 rounds in turn (s)"
# Also the CPU each side spends: the server's (from /proc), curl's and cat's (GNU time). On
# loopback the client shares the cores, so (server + curl CPU) / cores bounds the GET.
ticks=$(getconf CLK_TCK)
server_cpu() { awk -v t="$ticks" '{print ($14 + $15) / t}' /proc/$SERVER/stat; }
: > rounds.txt
for _ in 1 2 3 4 5; do
  c0=$(server_cpu)
  /usr/bin/time -f "%e %U %S" -o t.txt curl -s -o /dev/null -H "Cookie: $COOKIE" "$URL"
  c1=$(server_cpu)
  read -r wall user sys < t.txt
  echo "serve $wall $(awk -v a="$c0" -v b="$c1" -v u="$user" -v s="$sys" 'BEGIN {print b - a, u + s}')" >> rounds.txt
  /usr/bin/time -f "%e %U %S" -o t.txt "$B" "${V[@]}" cat video.mp4 > /dev/null
  read -r wall user sys < t.txt
  echo "cat $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') 0" >> rounds.txt
done
col() { grep "^$1 " rounds.txt | cut -d' ' -f"$2" | median; }
S=$(col serve 2); SC=$(col serve 3); CC=$(col serve 4); C=$(col cat 2); KC=$(col cat 3)
echo "   serve: $(grep '^serve ' rounds.txt | cut -d' ' -f2 | xargs)  (median $S s, $(awk -v g=$GIB -v t=$S 'BEGIN {printf "%.0f", g * 1024 / t}') MiB/s; CPU: server $SC s, curl $CC s)"
echo "   cat:   $(grep '^cat ' rounds.txt | cut -d' ' -f2 | xargs)  (median $C s, $(awk -v g=$GIB -v t=$C 'BEGIN {printf "%.0f", g * 1024 / t}') MiB/s; CPU $KC s)"
awk -v s=$S -v c=$C -v sc=$SC -v cc=$CC -v n="$(nproc)" 'BEGIN {
  f = (sc + cc) / n
  printf "   serve runs at %.0f%% of cat'"'"'s speed; its CPU over %d cores is %.3f s, so at best %.0f%%\n", 100 * c / s, n, f, 100 * c / f
}'

echo "3. 8 clients reading the whole item at once"
for _ in $(seq 8); do curl -s -o /dev/null -H "Cookie: $COOKIE" "$URL" & done
wait $(jobs -p | grep -v "^$SERVER$") 2>/dev/null || true
PEAK=$(awk '/VmHWM/ {print $2}' /proc/$SERVER/status)
echo "   RSS after unlocking: $((BASELINE / 1024)) MiB; peak: $((PEAK / 1024)) MiB; the server's own: $(((PEAK - BASELINE) / 1024)) MiB"
rm -f v.clipvault pass link.txt rounds.txt t.txt
