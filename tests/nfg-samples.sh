#!/usr/bin/env bash
# tests/nfg-samples.sh ENTENTE_BIN [UNIT_BIN]
# Every Gambit sample in tests/data/nfg/gambit/ (copied from ../shared/games/gambit/):
# `entente solve` succeeds, and solving the file `entente convert` wrote gives the same
# report byte for byte (so the written game is the same game to every solver).
# Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in tests/data/nfg/gambit/*.nfg; do
  ok=1
  if ! "$bin" solve --detail --width 0 "$f" >"$tmp/a" 2>"$tmp/err"; then
    echo "nfg-samples $f: solve failed: $(head -n 1 "$tmp/err")"; ok=0
  elif ! "$bin" convert "$f" "$tmp/c.nfg" 2>"$tmp/err"; then
    echo "nfg-samples $f: convert failed: $(head -n 1 "$tmp/err")"; ok=0
  elif ! "$bin" solve --detail --width 0 "$tmp/c.nfg" >"$tmp/b" 2>"$tmp/err" || ! cmp -s <(sed '/^--$/,$d' "$tmp/a") <(sed '/^--$/,$d' "$tmp/b"); then
    echo "nfg-samples $f: the converted file solves differently"; diff "$tmp/a" "$tmp/b" | head -n 10; ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
