#!/usr/bin/env bash
# Fetches the data sets the tests and the trainer read, for a clone without ../shared/datasets beside it:
# MNIST (the four original *-ubyte.gz files) and UNIPEN train_r01_v07 category 1a (the files its 1a digits
# need, in the repository's layout), into .datasets/<name>/ (git-ignored). That is where
# handwriting::mnist::default_dir and handwriting::synthetic::unipen::default_dir look when $MNIST_DIR and
# $UNIPEN_DIR are unset and ../shared/datasets/<name> does not exist.
#
# Every file is checked against scripts/datasets.sha256 (the SHA-256 of the shared copies) and moved into place
# only when it matches; a download that does not match is deleted, never kept. <name>/SHA256SUMS is written
# last, once every file is there and checked. Idempotent: when it is there and lists the expected sums, the
# script returns at once; otherwise it checks what is already there and downloads only what is missing or wrong.
# Needs only bash, curl and sha256sum. Credit and licences: models/MODEL_CARD.md (MNIST: CC BY-SA 3.0,
# Yann LeCun and Corinna Cortes; UNIPEN: CC BY 4.0, the International Unipen Foundation).
#
# Usage: scripts/fetch-datasets.sh [mnist] [unipen-1a]        (no argument: both)
# Environment:
#   DIGITS_MNIST_URL     base URL(s) of the four MNIST files, space-separated, tried in order
#   DIGITS_UNIPEN_URL    base URL(s) that serve the UNIPEN repository's files by their paths in it
#   DIGITS_DATASETS_DIR  where to put them (default: .datasets in the repository; the code looks only there,
#                        so point MNIST_DIR / UNIPEN_DIR at <dir>/mnist and <dir>/unipen-1a when you change it)
#   DIGITS_DATASET_SUMS  the sums file (default: scripts/datasets.sha256), lines "<sha256>  <name>/<path>"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${DIGITS_DATASETS_DIR:-$root/.datasets}"
sums="${DIGITS_DATASET_SUMS:-$root/scripts/datasets.sha256}"
# The CVDF mirror and PyTorch's serve the original LeCun files byte for byte.
mnist_urls="${DIGITS_MNIST_URL:-https://storage.googleapis.com/cvdf-datasets/mnist/ \
https://ossci-datasets.s3.amazonaws.com/mnist/}"
# GitHub's raw files of GreenCappuccino/train_r01_v07 at the commit the shared copy was taken from (its
# SOURCE.md): the Zenodo archive lacks that repository's header patches, so its files differ.
unipen_commit=552a4d440bc94bb34710650c0826be7deb986f7c
unipen_urls="${DIGITS_UNIPEN_URL:-https://raw.githubusercontent.com/GreenCappuccino/train_r01_v07/$unipen_commit/}"

say() { echo "fetch-datasets: $*" >&2; }
die() { say "$*"; exit 1; }

command -v curl >/dev/null 2>&1 || die "needs curl (apt install curl)"
command -v sha256sum >/dev/null 2>&1 || die "needs sha256sum (coreutils)"
[ -f "$sums" ] || die "no sums file $sums"

# curl fetches many files at once where it can (7.66+), else one after another over one connection.
parallel=()
if curl --parallel --no-progress-meter --version >/dev/null 2>&1; then
  parallel=(--parallel --parallel-max 8 --no-progress-meter)
fi

stage=""
cleanup() { if [ -n "$stage" ]; then rm -rf "$stage"; fi; }
trap cleanup EXIT

# Prints the paths, among the "<sha256>  <path>" lines on stdin, of files under $1 that are there but do not match.
mismatched() {
  (cd "$1" && sha256sum -c --quiet - 2>/dev/null || true) | sed -n 's/: FAILED$//p'
}

fetch() { # NAME "URL..."
  local name="$1" urls="$2" dir="$dest/$1"
  local expected
  expected="$(sed -n "s|^\([0-9a-f]\{64\}\)  $name/|\1  |p" "$sums")"
  [ -n "$expected" ] || die "$sums lists no files for $name"
  local total path sum
  total="$(wc -l <<<"$expected")"

  if [ -f "$dir/SHA256SUMS" ] && [ "$(cat "$dir/SHA256SUMS")" = "$expected" ]; then
    local complete=1
    while read -r sum path; do [ -f "$dir/$path" ] || { complete=0; break; }; done <<<"$expected"
    [ "$complete" = 0 ] || return 0
  fi

  # What is missing or wrong (a partial earlier run keeps the files it had checked).
  mkdir -p "$dir"
  rm -f "$dir/SHA256SUMS"
  local -A bad=()
  while read -r path; do bad["$path"]=1; done < <(mismatched "$dir" <<<"$expected")
  local need=()
  while read -r sum path; do
    if [ ! -f "$dir/$path" ] || [ -n "${bad[$path]:-}" ]; then need+=("$path"); fi
  done <<<"$expected"
  [ ${#need[@]} -eq 0 ] || say "$name: ${#need[@]} of $total files to download into $dir"

  local failures=() base config still got want
  for base in $urls; do
    [ ${#need[@]} -gt 0 ] || break
    base="${base%/}/"
    # Downloads land in a folder beside $dir (the same file system) and only checked files go on into $dir.
    stage="$(mktemp -d "$dest/.fetch.XXXXXX")"
    config="$stage/curl-config"
    for path in "${need[@]}"; do
      printf 'url = "%s%s"\noutput = "%s/files/%s"\n' "$base" "$path" "$stage" "$path"
    done >"$config"
    say "$name: downloading ${#need[@]} files from $base"
    # A failed transfer shows on stderr and as a missing file below; the next base URL gets another try.
    curl --fail --silent --show-error --location --create-dirs --retry 3 --connect-timeout 30 \
      "${parallel[@]}" --config "$config" || true

    mkdir -p "$stage/files"
    bad=()
    while read -r path; do bad["$path"]=1; done < <(mismatched "$stage/files" <<<"$expected")
    still=()
    for path in "${need[@]}"; do
      if [ ! -f "$stage/files/$path" ]; then
        failures+=("$base$path: not downloaded")
        still+=("$path")
      elif [ -n "${bad[$path]:-}" ]; then
        got="$(sha256sum <"$stage/files/$path" | cut -c1-64)"
        want="$(grep -m1 "  $path\$" <<<"$expected" | cut -c1-64)"
        failures+=("$base$path: checksum mismatch, SHA-256 $got, expected $want")
        rm -f "$stage/files/$path"
        still+=("$path")
      fi
    done
    # Only checked files are left: hard-link them into place (each appears whole or not at all).
    cp -lR --remove-destination "$stage/files/." "$dir/"
    rm -rf "$stage"
    stage=""
    need=(${still[@]+"${still[@]}"})
  done

  if [ ${#need[@]} -gt 0 ]; then
    say "$name: ${#need[@]} of $total files could not be fetched and checked:"
    printf '  %s\n' "${failures[@]}" | head -20 >&2
    [ ${#failures[@]} -le 20 ] || say "  ... and $((${#failures[@]} - 20)) more"
    local variable="${name%%-*}"
    die "$name: incomplete; nothing unchecked was kept in $dir" \
      "(run again to retry, or name a mirror in DIGITS_${variable^^}_URL)"
  fi
  printf '%s\n' "$expected" >"$dir/SHA256SUMS.part"
  mv -f "$dir/SHA256SUMS.part" "$dir/SHA256SUMS"
  say "$name: $total files in $dir, every checksum matches"
}

datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=(mnist unipen-1a)
mkdir -p "$dest"
for name in "${datasets[@]}"; do
  case "$name" in
    mnist) fetch mnist "$mnist_urls" ;;
    unipen-1a) fetch unipen-1a "$unipen_urls" ;;
    *) die "unknown data set '$name' (mnist, unipen-1a)" ;;
  esac
done
