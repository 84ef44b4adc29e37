#!/usr/bin/env bash
# Writes the general digits that "Learn my handwriting" replays and checks against (`trainer general-digits`:
# 3 000 MNIST and UNIPEN digits to replay, 1 000 to check, about 1 MB) into target/general-digits/, from the
# data sets in ../shared/datasets. The app finds them there when run from the workspace; the .deb carries them.
# They are never committed. Skipped when present; without the data sets the app still builds and runs, and
# its Learning section says that this copy cannot learn.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
out="$root/target/general-digits"
[ -f "$out/SOURCE.md" ] && exit 0
datasets="$root/../shared/datasets"
if [ ! -d "$datasets/mnist" ] || [ ! -d "$datasets/unipen-1a" ]; then
  echo "general-digits: $datasets has no mnist/ and unipen-1a/: this build of the app will not learn handwriting" >&2
  exit 0
fi
trainer="$root/target/release/trainer"
[ -x "$trainer" ] || cargo build --release -p trainer --bin trainer >&2
rm -rf "$out.partial"
"$trainer" general-digits --out "$out.partial" >&2
mv "$out.partial" "$out"
