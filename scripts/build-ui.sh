#!/usr/bin/env bash
# Builds the UI into ui/dist, which the app embeds: the `ui` crate for wasm32 in release, wasm-bindgen's
# JavaScript glue beside it, and the page's static files. This is all trunk did for this app (no dev server,
# no hashing: Tauri serves the files itself), so the project no longer installs trunk (~10 minutes to compile).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --target wasm32-unknown-unknown -p ui
staging="$(mktemp -d "$root/ui/.dist.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
chmod 755 "$staging"
wasm-bindgen --target web --no-typescript --out-dir "$staging" --out-name ui \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/ui.wasm"
cp ui/index.html ui/main.js ui/styles.css icons/icon.svg "$staging/"
# Swap in the new build whole, so the app never embeds half of one.
rm -rf ui/dist
mv "$staging" ui/dist
trap - EXIT
