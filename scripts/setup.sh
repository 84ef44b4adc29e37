#!/usr/bin/env bash
# Installs what building, running and testing Digit Recognizer needs on Debian/Ubuntu, skipping whatever is
# already present (a second run takes a few seconds). Safe to run again at any time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Pinned tool versions. (The UI is built by scripts/build-ui.sh with cargo and wasm-bindgen: trunk, which took
# ten minutes to compile, is no longer needed.)
TAURI_DRIVER_VERSION="2.1.0"

say() { echo "setup: $*" >&2; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages: WebKitGTK and friends for Tauri, the WebDriver for end-to-end tests, Xvfb, pip.
apt_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth python3-pip
)
# dbus-run-session, for the end-to-end tests' own D-Bus session bus (the app's one-instance check uses it): in
# dbus-daemon on Debian 12, in dbus on Ubuntu 22.04 (skipped when it is already there).
if ! command -v dbus-run-session >/dev/null 2>&1; then
  if apt-cache show dbus-daemon >/dev/null 2>&1; then apt_packages+=(dbus-daemon); else apt_packages+=(dbus); fi
fi
# Node and npm, only for the Tauri CLI that bundles the .deb (skipped when some node is already installed).
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
missing=()
for package in "${apt_packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Rust and the wasm target for the UI.
if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi
# wasm for the UI; Android and iOS only to type-check the mobile build (their SDKs are not needed for that).
installed_targets="$(rustup target list --installed 2>/dev/null || true)"
for target in wasm32-unknown-unknown aarch64-linux-android aarch64-apple-ios; do
  if ! grep -qx "$target" <<<"$installed_targets"; then
    say "adding the $target target"
    rustup target add "$target"
  fi
done

# 3. Cargo-installed tools, each at a pinned version. They are build helpers, not hot code: build them without
# LTO and at opt-level 1, which roughly halves a cold install on two cores.
quick_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=64 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true cargo install "$@"
}
installed_version() { # prints the installed version of a cargo-installed crate, or nothing
  cargo install --list 2>/dev/null | sed -n "s/^$1 v\([^:]*\):$/\1/p"
}
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly. Its own lockfile names a crate the
# registry no longer has, so it is installed without --locked.
wasm_bindgen_version="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p}' Cargo.lock)"
if [ "$(installed_version wasm-bindgen-cli)" != "$wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  quick_install wasm-bindgen-cli --version "=$wasm_bindgen_version"
fi
if [ "$(installed_version tauri-driver)" != "$TAURI_DRIVER_VERSION" ]; then
  say "installing tauri-driver $TAURI_DRIVER_VERSION"
  quick_install --locked tauri-driver --version "=$TAURI_DRIVER_VERSION"
fi

# 4. ONNX Runtime's shared library, from the PyPI wheel, into .ort/.
"$root/scripts/fetch-onnxruntime.sh"

# 5. The Tauri CLI (prebuilt, from npm) at the version in package-lock.json, for `tauri build` and `tauri icon`.
if [ ! -x "$root/node_modules/.bin/tauri" ]; then
  say "installing the Tauri CLI from npm"
  (cd "$root" && npm ci --no-audit --no-fund --silent)
fi

# 6. The data sets the tests read, only where neither $MNIST_DIR / $UNIPEN_DIR nor ../shared/datasets names them:
# downloaded into .datasets/ (git-ignored) and checked against scripts/datasets.sha256 (instant once there).
datasets=()
[ -n "${MNIST_DIR:-}" ] || [ -e "$root/../shared/datasets/mnist" ] || datasets+=(mnist)
[ -n "${UNIPEN_DIR:-}" ] || [ -e "$root/../shared/datasets/unipen-1a" ] || datasets+=(unipen-1a)
if [ ${#datasets[@]} -gt 0 ]; then
  "$root/scripts/fetch-datasets.sh" "${datasets[@]}"
fi
