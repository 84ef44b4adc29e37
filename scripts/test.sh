#!/usr/bin/env bash
# One command to check everything: installs what is missing, builds the UI and the app, then runs every test
# of the workspace (unit, model accuracy, trainer smoke run, end-to-end in the real window) under Xvfb.
#
# Everything is built once, in the release profile: the tests, the app the e2e tests drive, and the .deb,
# which bundles that same binary. Each step prints its time; the README lists a cold run's steps.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
step_started=$SECONDS
step() { # prints how long the step just finished took, and the total so far
  echo "test: $1 took $((SECONDS - step_started)) s ($((SECONDS - started)) s in all)" >&2
  step_started=$SECONDS
}
scripts/setup.sh
step "setup"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-ui.sh
step "the UI (wasm)"
# Every target at once, so the app binary and the tests share one feature resolution and one build.
cargo build --release --workspace --all-targets
step "the workspace build"
# The general digits "Learn my handwriting" needs, written by the trainer just built (a few seconds).
scripts/general-digits.sh
step "the general digits"
# The end-to-end tests drive target/release/digit-recognizer through tauri-driver on a virtual display, on a
# D-Bus session bus of their own (the app's one-instance check finds a running copy there; tests/instances.rs).
# The bus starts inside the X server, so the desktop portal GTK starts for the app can open its display.
xvfb-run -a -s "-screen 0 1920x1200x24" dbus-run-session -- cargo test --release --workspace --no-fail-fast "$@"
step "the workspace tests"

# The phone builds: type-check the app for Android and iOS (building them needs their SDKs). On iOS one build
# script (objc2-exception-helper) compiles an Objective-C file with Xcode's clang; DOCS_RS=1 is its documented
# switch to skip that, which a type-check does not need. --release reuses the build scripts and proc macros
# the workspace build compiled for this machine.
cargo check --release -p digit-recognizer --lib --target aarch64-linux-android
DOCS_RS=1 cargo check --release -p digit-recognizer --lib --target aarch64-apple-ios
step "the mobile type-checks"

# The installer: bundle the app built above into a .deb, install it, read an image with it from a clean
# environment, uninstall.
deb="$(DEB_BUNDLE_BUILT_APP=1 scripts/build-deb.sh | tail -1)"
step "the .deb"
DIGITS_DEB="$deb" xvfb-run -a -s "-screen 0 1920x1200x24" \
  cargo test --release --workspace --test install -- --ignored --nocapture
step "the install test"
echo "test: all tests passed in $((SECONDS - started)) s; window screenshots are in target/e2e-screenshots/" >&2
