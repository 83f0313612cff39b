#!/usr/bin/env bash
# tests/efg-fuzz.sh ENTENTE_BIN [UNIT_BIN]
# Runs `entente convert` over every file of the .efg fuzz corpus (tests/fuzz/corpus/efg/):
# each must either convert (exit 0, and converting the output again gives the same bytes)
# or fail cleanly (exit 1, stderr exactly one line "FILE:LINE: message", nothing on stdout,
# no sanitizer report). Also checks that `convert` replaces an existing OUT atomically and
# leaves no temporary file behind. Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in tests/fuzz/corpus/efg/*; do
  [ -f "$f" ] || continue
  cp "$f" "$tmp/in.efg"
  "$bin" convert "$tmp/in.efg" "$tmp/out.efg" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  ok=1
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$tmp/stderr"; then
    echo "efg-fuzz $f: sanitizer report"; head -n 20 "$tmp/stderr"; ok=0
  elif [ $rc = 0 ]; then
    if ! "$bin" convert "$tmp/out.efg" "$tmp/out2.efg" 2>"$tmp/stderr2" || ! cmp -s "$tmp/out.efg" "$tmp/out2.efg"; then
      echo "efg-fuzz $f: converting the output again differs"; ok=0
    fi
  elif [ $rc = 1 ]; then
    lines=$(wc -l <"$tmp/stderr")
    if [ "$lines" != 1 ] || ! grep -qE "^$tmp/in\.efg:[0-9]+: [^ ]" "$tmp/stderr" || [ -s "$tmp/stdout" ]; then
      echo "efg-fuzz $f: error is not one 'file:line: message' line:"; head -n 3 "$tmp/stderr"; ok=0
    fi
    if [ -e "$tmp/out.efg" ]; then echo "efg-fuzz $f: output written despite the error"; ok=0; fi
  else
    echo "efg-fuzz $f: exit status $rc"; head -n 5 "$tmp/stderr"; ok=0
  fi
  rm -f "$tmp/out.efg" "$tmp/out2.efg"
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

# atomic replacement: an existing OUT survives a failed conversion, is replaced by a good one,
# and no temporary file is left in its directory
echo "old contents" >"$tmp/keep.efg"
"$bin" convert tests/data/efg/bad_truncated.efg "$tmp/keep.efg" 2>/dev/null
if [ $? = 1 ] && [ "$(cat "$tmp/keep.efg")" = "old contents" ]; then pass=$((pass + 1)); else
  echo "efg-fuzz: a failed conversion changed the existing output"; fail=$((fail + 1)); fi
"$bin" convert tests/data/efg/gambit/e04.efg "$tmp/keep.efg" &&
  "$bin" convert "$tmp/keep.efg" - --to efg | cmp -s - "$tmp/keep.efg" &&
  [ "$(ls "$tmp" | grep -c tmp)" = 0 ]
if [ $? = 0 ]; then pass=$((pass + 1)); else
  echo "efg-fuzz: converting into an existing file failed or left a temporary file"; fail=$((fail + 1)); fi
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
