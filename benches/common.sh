# Sourced by the shell benches: `bench_setup [BINARY]` sets `bin` to the binary to measure
# (BINARY, else a release build, made if missing), makes a work folder that is removed on
# exit and moves into it, and writes a passphrase file `pass` there.
bench_setup() {
  bin=${1:-target/release/clipvault}
  [ -x "$bin" ] || cargo build --release --quiet
  bin=$(realpath "$bin")
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cd "$work"
  echo "correct horse battery staple" > pass
}
