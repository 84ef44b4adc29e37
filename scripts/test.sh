#!/usr/bin/env bash
# One command to check everything: installs what is missing, builds the UI and the app, then runs every test
# of the workspace (unit, model accuracy, trainer smoke run, end-to-end in the real window) under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
scripts/setup.sh
echo "test: setup took $((SECONDS - started)) s" >&2
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && trunk build --release --offline)
# Build every target at once so the app binary and the tests share one feature resolution (and one build).
cargo build --workspace --all-targets
# The end-to-end tests drive target/debug/digit-recognizer through tauri-driver on a virtual display.
xvfb-run -a -s "-screen 0 1920x1200x24" cargo test --workspace --no-fail-fast "$@"
echo "test: workspace tests passed after $((SECONDS - started)) s" >&2

# The phone builds: type-check the app for Android and iOS (building them needs their SDKs). On iOS one build
# script (objc2-exception-helper) compiles an Objective-C file with Xcode's clang; DOCS_RS=1 is its documented
# switch to skip that, which a type-check does not need.
cargo check -p digit-recognizer --lib --target aarch64-linux-android
DOCS_RS=1 cargo check -p digit-recognizer --lib --target aarch64-apple-ios
echo "test: the mobile type-checks passed after $((SECONDS - started)) s" >&2

# The installer: build the .deb, install it, read an image with it from a clean environment, uninstall.
deb="$(scripts/build-deb.sh | tail -1)"
DIGITS_DEB="$deb" xvfb-run -a -s "-screen 0 1920x1200x24" \
  cargo test -p e2e --test install -- --ignored --nocapture
echo "test: all tests passed in $((SECONDS - started)) s; window screenshots are in target/e2e-screenshots/" >&2
