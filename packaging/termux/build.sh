# A termux-packages recipe for clipvault (https://github.com/termux/termux-packages), so that
# a phone installs a built package instead of compiling for eight minutes.
#
# Use: copy this folder to packages/clipvault/ of a termux-packages checkout, point
# CLIPVAULT_SRC at a clipvault checkout (the source is copied from there, as it is), and run
#     CLIPVAULT_SRC=/path/to/clipvault ./build-package.sh -a aarch64 clipvault
# then install the .deb from output/ on the phone with `apt install ./clipvault_*.deb`.
# The project's address once it is published; termux-packages requires one.
TERMUX_PKG_HOMEPAGE=https://github.com/clipvault/clipvault
TERMUX_PKG_DESCRIPTION="An encrypted private media vault in one file"
TERMUX_PKG_LICENSE="MIT, Apache-2.0"
TERMUX_PKG_LICENSE_FILE="LICENSE-MIT, LICENSE-APACHE"
TERMUX_PKG_MAINTAINER="@clipvault"
TERMUX_PKG_VERSION=0.1.0
TERMUX_PKG_SKIP_SRC_EXTRACT=true
TERMUX_PKG_BUILD_IN_SRC=true
# What clipvault runs when it is there, and does without otherwise: ffmpeg for video
# thumbnails and poster frames, libheif's tools for HEIC and AVIF, restic for `backup`,
# Termux:API's commands for `capture` and `serve --open`; rclone as restic's way to cloud drives.
TERMUX_PKG_RECOMMENDS="ffmpeg, libheif-progs, restic, termux-api"
TERMUX_PKG_SUGGESTS="rclone"

termux_step_get_source() {
	local src="${CLIPVAULT_SRC:-}"
	if [ -z "$src" ] || [ ! -f "$src/Cargo.toml" ]; then
		termux_error_exit "set CLIPVAULT_SRC to a clipvault checkout"
	fi
	mkdir -p "$TERMUX_PKG_SRCDIR"
	(cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$TERMUX_PKG_SRCDIR")
}

termux_step_pre_configure() {
	termux_setup_rust
}

termux_step_make() {
	# The project's own features: the browser gallery and the terminal gallery (the defaults).
	cargo build --jobs "$TERMUX_PKG_MAKE_PROCESSES" --target "$CARGO_TARGET_NAME" --release --locked
}

termux_step_make_install() {
	install -Dm755 -t "$TERMUX_PREFIX/bin" "target/$CARGO_TARGET_NAME/release/clipvault"
	# The manual and the completions are written by the binary itself, which runs on the
	# phone only: `clipvault man` and `clipvault completions bash` there.
}
