#!/usr/bin/env bash
# Builds the Linux .deb with the Tauri CLI (`tauri build --bundles deb`), with ONNX Runtime and the model
# inside. Prints the path of the .deb on its last line.
#
# The Tauri CLI expects tauri.conf.json beside the app's Cargo.toml, while this project keeps it at the top
# level (the app crate reads it from there). So the CLI is run in src-tauri/ through a temporary link to the
# top-level file, and the paths in it are handed over as absolute paths, which mean the same to the CLI
# (relative to src-tauri/) and to the app's build script (relative to the top level).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh
[ -x node_modules/.bin/tauri ] || npm install --no-audit --no-fund --silent
(cd ui && trunk build --release --offline)

link="src-tauri/tauri.conf.json"
ln -sfn ../tauri.conf.json "$link"
trap 'rm -f "$root/$link"' EXIT

overrides="$(cat <<JSON
{
  "build": { "frontendDist": "$root/ui/dist" },
  "bundle": {
    "icon": ["$root/icons/32x32.png", "$root/icons/128x128.png", "$root/icons/128x128@2x.png", "$root/icons/icon.png"],
    "resources": {
      "$root/models/digits-cnn.onnx": "models/digits-cnn.onnx",
      "$root/.ort/libonnxruntime.so.1.32.0": "libonnxruntime.so.1.32.0"
    },
    "linux": { "deb": { "desktopTemplate": "$root/src-tauri/linux/digit-recognizer.desktop" } }
  }
}
JSON
)"
(cd src-tauri && "$root/node_modules/.bin/tauri" build --bundles deb --ci --config "$overrides" >&2)
ls -t "$root"/target/release/bundle/deb/*.deb | head -1
