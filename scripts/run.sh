#!/usr/bin/env bash
# One command to use the app: installs what is missing, builds the UI and launches Digit Recognizer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && trunk build --release --offline)
exec cargo run --release -p digit-recognizer -- "$@"
