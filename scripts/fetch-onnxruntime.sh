#!/usr/bin/env bash
# Puts ONNX Runtime's shared library into .ort/ (git-ignored), taken from the PyPI `onnxruntime` wheel.
# Idempotent: returns at once when the library is already there.
set -euo pipefail

ORT_VERSION=1.32.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.ort"
lib="libonnxruntime.so.$ORT_VERSION"

if [ -f "$dest/$lib" ] && [ -L "$dest/libonnxruntime.so" ]; then
  exit 0
fi

case "$(uname -m)" in
  x86_64) platform=manylinux_2_28_x86_64 ;;
  aarch64) platform=manylinux_2_28_aarch64 ;;
  *) echo "fetch-onnxruntime: no onnxruntime wheel for $(uname -m)" >&2; exit 1 ;;
esac

if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "fetch-onnxruntime: installing pip (python3-pip)" >&2
  apt-get install -y -qq python3-pip >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-onnxruntime: downloading onnxruntime==$ORT_VERSION from PyPI" >&2
# The wheel's C library does not depend on the Python version; pin one so any host python can fetch it.
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --python-version 3.11 --implementation cp --platform "$platform" \
  -d "$tmp" "onnxruntime==$ORT_VERSION"
python3 - "$tmp" "$dest" "$lib" <<'PY'
import glob, sys, zipfile
tmp, dest, lib = sys.argv[1:]
wheel = glob.glob(f"{tmp}/onnxruntime-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read(f"onnxruntime/capi/{lib}")
import os
os.makedirs(dest, exist_ok=True)
with open(os.path.join(dest, lib), "wb") as f:
    f.write(data)
PY
ln -sf "$lib" "$dest/libonnxruntime.so"
echo "fetch-onnxruntime: installed $dest/$lib" >&2
