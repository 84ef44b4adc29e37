#!/usr/bin/env bash
# Live fuzzing of the recognizer with cargo-fuzz (README, "Fuzzing"). The targets are in fuzz/; the committed,
# minimised corpus in fuzz/corpus/<target>/ seeds every run, and what a run finds goes to fuzz/corpus-new/
# (git-ignored) until `cmin` folds it back in. On the stable toolchain the nightly flags come from
# RUSTC_BOOTSTRAP=1.
#
#   scripts/fuzz.sh setup                      install cargo-fuzz if it is missing
#   scripts/fuzz.sh build                      build the instrumented targets (AddressSanitizer)
#   scripts/fuzz.sh run TARGET [ARGS...]       fuzz TARGET; ARGS go to libFuzzer (-runs=N, -max_total_time=S)
#   scripts/fuzz.sh cmin TARGET                minimise corpus + corpus-new into fuzz/corpus/TARGET, small
#   scripts/fuzz.sh seed                       regenerate the seed files and add them to the corpus
#   scripts/fuzz.sh smoke [SECONDS]            each fast target for SECONDS (default 30)
#
# TARGET: decode_segment, predict_canvas (fast, the CNN stubbed) or onnx_read (the real model through ONNX
# Runtime, which it finds in .ort/ like the tests). Crashes land in fuzz/artifacts/TARGET/; replay one with
# `scripts/fuzz.sh run TARGET fuzz/artifacts/TARGET/crash-…`, and add it to fuzz/corpus/TARGET/ so that
# `cargo test --release -p recognizer --test fuzz_corpus` keeps checking it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"
export PATH="$HOME/.cargo/bin:$PATH"
CARGO_FUZZ_VERSION=0.13.2
case "$(rustc --version)" in
  *nightly*) ;;
  *) export RUSTC_BOOTSTRAP=1 ;;
esac
# FUZZ_FAST=1: no AddressSanitizer and no comparison tracing, built in fuzz/target-fast/: about 4 times the
# executions per second, for long runs of safe Rust. The default build has both.
build=()
if [ "${FUZZ_FAST:-0}" = 1 ]; then
  build=(-s none --no-trace-compares --target-dir target-fast)
fi

# The flags each target runs with: a unit slower than the timeout is a finding; pictures stay small.
target_args() {
  case "$1" in
    # No leak checks: decode_image decodes on a worker thread (so that a slow decode can be abandoned), which
    # may still be exiting when LeakSanitizer looks, and ONNX Runtime keeps caches for the process's life.
    decode_segment|predict_canvas) echo "-max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0" ;;
    onnx_read) echo "-max_len=65536 -timeout=30 -rss_limit_mb=4096 -detect_leaks=0" ;;
    *) echo "unknown target $1 (decode_segment, predict_canvas, onnx_read)" >&2; exit 2 ;;
  esac
}

command="${1:-}"
shift || true
case "$command" in
  setup)
    if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
      cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
    fi
    ;;
  build)
    cargo fuzz build "${build[@]}" "$@"
    ;;
  run)
    target="$1"
    shift
    mkdir -p "corpus-new/$target" "corpus/$target"
    # shellcheck disable=SC2046 # the flags are words
    cargo fuzz run "${build[@]}" "$target" "corpus-new/$target" "corpus/$target" -- $(target_args "$target") "$@"
    ;;
  cmin)
    target="$1"
    # The inputs named by hand (seeds, regressions) stay as they are; libFuzzer's merge renames what it keeps.
    named="$(mktemp -d)"
    for file in "corpus/$target"/*; do
      [[ "$(basename "$file")" =~ ^[0-9a-f]{40}$ ]] || mv "$file" "$named/"
    done
    mkdir -p "corpus-new/$target"
    cp -n "corpus-new/$target"/* "corpus/$target"/ 2>/dev/null || true
    # shellcheck disable=SC2046
    cargo fuzz cmin "${build[@]}" "$target" "corpus/$target" -- $(target_args "$target")
    rm -rf "corpus-new/$target"
    # Then keep it small: on top of the named inputs, those up to ${FUZZ_KEEP_BYTES:-512} bytes that cover
    # edges the others miss, chosen by libFuzzer's set cover.
    dir="target"
    [ "${FUZZ_FAST:-0}" = 1 ] && dir="target-fast"
    binary="$dir/$(rustc -vV | sed -n 's/^host: //p')/release/$target"
    found="$(mktemp -d)"
    find "corpus/$target" -type f -size -"$((${FUZZ_KEEP_BYTES:-512} + 1))"c -exec cp {} "$found/" \;
    # shellcheck disable=SC2046
    "$binary" -set_cover_merge=1 -use_counters=0 $(target_args "$target") "$named" "$found"
    rm -rf "corpus/$target" "$found"
    mv "$named" "corpus/$target"
    echo "corpus/$target: $(find "corpus/$target" -type f | wc -l) files, $(du -sh --apparent-size "corpus/$target" | cut -f1)"
    ;;
  seed)
    seeds="$(mktemp -d)"
    cargo run --release --example seeds -- "$seeds"
    for target in decode_segment predict_canvas onnx_read; do
      mkdir -p "corpus/$target"
      cp -n "$seeds/$target"/* "corpus/$target"/
    done
    rm -rf "$seeds"
    ;;
  smoke)
    seconds="${1:-30}"
    for target in decode_segment predict_canvas; do
      mkdir -p "corpus-new/$target"
      # shellcheck disable=SC2046
      cargo fuzz run "${build[@]}" "$target" "corpus-new/$target" "corpus/$target" -- $(target_args "$target") \
        -max_total_time="$seconds" -print_final_stats=1
    done
    ;;
  *)
    sed -n '2,18p' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
