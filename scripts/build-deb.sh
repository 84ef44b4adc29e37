#!/usr/bin/env bash
# Builds the Linux .deb with the Tauri CLI, with ONNX Runtime and the model inside. Prints the path of the .deb
# on its last line. The app is built with cargo in the release profile, then bundled (`tauri bundle`); with
# DEB_BUNDLE_BUILT_APP=1 the binary already in target/release is bundled as it is (scripts/test.sh built it
# for the tests a moment before, with the whole workspace's features).
#
# The Tauri CLI expects tauri.conf.json (and tauri.linux.conf.json) beside the app's Cargo.toml, while this
# project keeps them at the top level (the app crate reads them from there). So the CLI is run in src-tauri/
# through temporary links to the top-level files. Resource paths already mean the same to both tools
# (relative to src-tauri/); the paths the app's build script reads relative to the top level (the UI, the
# icons, the .desktop template) are handed to the CLI as absolute paths.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh
[ -x node_modules/.bin/tauri ] || npm install --no-audit --no-fund --silent
scripts/build-ui.sh

links=(src-tauri/tauri.conf.json src-tauri/tauri.linux.conf.json)
for link in "${links[@]}"; do ln -sfn "../$(basename "$link")" "$link"; done
trap 'for link in "${links[@]}"; do rm -f "$root/$link"; done' EXIT

# "Learn my handwriting" needs the general digits beside the model; they are generated, never committed, so
# they are added here rather than in tauri.conf.json (whose resources must exist whenever the app compiles).
scripts/general-digits.sh
general_digits=""
[ -f target/general-digits/SOURCE.md ] && general_digits='"resources": { "../target/general-digits/": "general-digits/" },'

overrides="$(cat <<JSON
{
  "build": { "frontendDist": "$root/ui/dist" },
  "bundle": {
    $general_digits
    "icon": ["$root/icons/32x32.png", "$root/icons/128x128.png", "$root/icons/128x128@2x.png", "$root/icons/icon.png"],
    "linux": { "deb": { "desktopTemplate": "$root/src-tauri/linux/digit-recognizer.desktop" } }
  }
}
JSON
)"
[ "${DEB_BUNDLE_BUILT_APP:-}" = 1 ] || cargo build --release -p digit-recognizer --bins >&2
(cd src-tauri && "$root/node_modules/.bin/tauri" bundle --bundles deb --ci --config "$overrides" >&2)
ls -t "$root"/target/release/bundle/deb/*.deb | head -1
