#!/usr/bin/env bash
# One command to use the app: installs what is missing, builds the UI and launches Digit Recognizer.
# An image path given as an argument is opened at start: `scripts/run.sh photo.jpg`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Paths are relative to where the command was typed, not to the repository.
args=()
for arg in "$@"; do
  if [ -e "$arg" ]; then args+=("$(realpath "$arg")"); else args+=("$arg"); fi
done
set -- "${args[@]+"${args[@]}"}"
cd "$root"
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-ui.sh
scripts/general-digits.sh
exec cargo run --release -p digit-recognizer -- "$@"
