#!/usr/bin/env bash
# Time to the gallery's first screen on a vault of N items (issue #11: 10,000 items within
# 300 ms after unlocking), in a real pseudo-terminal (python3's pty), release build, Argon2id
# at 1 MiB so the time is the gallery's own:
#   bash benches/gallery.sh [N] [DIR]     (default 10000 items, a folder under ./target)
# The items are small text files (the first screen decodes only the thumbnails it shows);
# twelve of them are photos with stored thumbnails, so the first screen has pictures to draw.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
DIR=${2:-target/bench-gallery}
cargo build --release -q
B="$PWD/target/release/clipvault"
rm -rf "$DIR"; mkdir -p "$DIR/items"; cd "$DIR"
echo "tulip seventeen harbor gravel" > pass
V=(--vault v.clipvault --passphrase-file pass -q)
"$B" "${V[@]}" init --kdf-memory 1 --kdf-iterations 1 --kdf-parallelism 1
for i in $(seq 1 "$N"); do echo "note $i" > "items/note-$i.txt"; done
"$B" "${V[@]}" add items
for i in $(seq 1 12); do
  ffmpeg -loglevel error -y -f lavfi -i "testsrc2=size=1600x1200" -frames:v 1 "photo-$i.jpg"
done
"$B" "${V[@]}" add photo-*.jpg
python3 - "$B" <<'PY'
import os, pty, select, sys, time
binary = sys.argv[1]
# The terminal answers the gallery's question of what it can show: like xterm (no graphics:
# half-blocks), then like a sixel terminal with 10 x 20 pixel cells.
answers = [("half-blocks", b"\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n"), ("sixel", b"\x1b[?62;4;22c\x1b[6;20;10t\x1b[0n")]
for label, answer in answers:
    times = []
    for run in range(7):
        start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp("sh", ["sh", "-c", f"stty cols 120 rows 40; exec {binary} --vault v.clipvault --passphrase-file pass gallery"])
        out, answered = b"", False
        while b"shown" not in out:
            r, _, _ = select.select([fd], [], [], 5)
            if not r:
                sys.exit("no first screen within 5 s")
            out += os.read(fd, 1 << 16)
            if not answered and b"\x1b[5n" in out:
                os.write(fd, answer)
                answered = True
        times.append((time.monotonic() - start) * 1000)
        os.write(fd, b"q")
        try:
            while os.read(fd, 1 << 16):
                pass
        except OSError:
            pass
        os.waitpid(pid, 0)
    times.sort()
    print(f"{label}: first screen (ms, process start to status line):", " ".join(f"{t:.0f}" for t in times))
    print(f"{label}: median {times[len(times) // 2]:.0f} ms")
PY
cd - >/dev/null; rm -rf "$DIR"
