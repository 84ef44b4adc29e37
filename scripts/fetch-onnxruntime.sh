#!/usr/bin/env bash
# Puts ONNX Runtime's shared library into .ort/ (git-ignored), taken from the PyPI `onnxruntime` wheel, with
# the wheel's licence files beside it (LICENSE and ThirdPartyNotices.txt, shipped in the app's packages).
# Idempotent: returns at once when everything is already there; otherwise downloads the wheel once (pip's own
# cache and find-links apply) and adds only the files that are missing.
set -euo pipefail

ORT_VERSION=1.32.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.ort"
lib="libonnxruntime.so.$ORT_VERSION"
# Files taken from the wheel's onnxruntime/ folder; each keeps its name in .ort/.
licences=(LICENSE ThirdPartyNotices.txt)

complete() {
  [ -f "$dest/$lib" ] && [ -L "$dest/libonnxruntime.so" ] || return 1
  local name
  for name in "${licences[@]}"; do [ -s "$dest/$name" ] || return 1; done
}
if complete; then
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
python3 - "$tmp" "$dest" "$lib" "${licences[@]}" <<'PY'
import glob, os, sys, zipfile
tmp, dest, lib, *licences = sys.argv[1:]
wheel = glob.glob(f"{tmp}/onnxruntime-*.whl")[0]
os.makedirs(dest, exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    for name in [lib, *licences]:
        target = os.path.join(dest, name)
        # A library that is already there is left alone: a running process may have it mapped.
        if os.path.isfile(target) and os.path.getsize(target) > 0:
            continue
        member = f"onnxruntime/capi/{name}" if name == lib else f"onnxruntime/{name}"
        data = z.read(member)
        with open(target + ".part", "wb") as f:
            f.write(data)
        os.replace(target + ".part", target)
        print(f"fetch-onnxruntime: installed {target}", file=sys.stderr)
PY
ln -sfn "$lib" "$dest/libonnxruntime.so"
