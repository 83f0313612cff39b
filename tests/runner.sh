#!/usr/bin/env bash
# tests/runner.sh ENTENTE_BIN — the test runner itself (tests/run.sh), run on a sandbox
# tree with a stand-in unit binary, two golden cases (one failing) and one shell suite:
# every suite's count is on a line naming it, the run ends with one total line, and the
# golden diff goes to a scratch file of that run (two runs at once do not mix their
# diffs; nothing is left behind). Last line: "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "runner: $1"; fail=$((fail + 1)); }

mk_tree() { # mk_tree DIR WORD: a sandbox whose failing golden case expects WORD
  local d=$1
  mkdir -p "$d/tests/golden" "$d/scratch"
  cp "$here/run.sh" "$d/tests/run.sh"
  printf '#!/bin/sh\necho "[====] Synthesis: Tested: 3 | Passing: 3 | Failing: 0 | Crashing: 0"\n' >"$d/unit"
  printf '#!/bin/sh\necho "$@"\n' >"$d/prog"
  chmod +x "$d/unit" "$d/prog"
  echo same >"$d/tests/golden/good.cmd"; echo same >"$d/tests/golden/good.out"
  echo "got-$2" >"$d/tests/golden/differs.cmd"; echo "want-$2" >"$d/tests/golden/differs.out"
  printf 'echo "some detail"\necho "2 passed, 1 failed"\n' >"$d/tests/extra.sh"
}
mk_tree "$tmp/a" alpha
mk_tree "$tmp/b" beta
# two runs at the same time, each with its own TMPDIR
(TMPDIR=$tmp/a/scratch bash "$tmp/a/tests/run.sh" "$tmp/a/unit" "$tmp/a/prog" >"$tmp/a.log" 2>&1) &
(TMPDIR=$tmp/b/scratch bash "$tmp/b/tests/run.sh" "$tmp/b/unit" "$tmp/b/prog" >"$tmp/b.log" 2>&1) &
wait
for w in a b; do
  log=$tmp/$w.log
  word=$([ $w = a ] && echo alpha || echo beta)
  other=$([ $w = a ] && echo beta || echo alpha)
  grep -qx 'unit tests (Criterion): 3 passed, 0 failed' "$log" && ok || bad "$w: no labelled unit line"
  grep -qx 'golden CLI tests: 1 passed, 1 failed' "$log" && ok || bad "$w: no labelled golden line"
  grep -qx 'tests/extra.sh: 2 passed, 1 failed' "$log" && ok || bad "$w: no labelled shell-suite line"
  [ "$(tail -n 1 "$log")" = "total: 6 passed, 2 failed" ] && ok || bad "$w: last line is not the total"
  [ "$(grep -cE '^[0-9]+ passed, [0-9]+ failed' "$log")" = 0 ] && ok || bad "$w: an unlabelled count line"
  grep -q "^+got-$word" "$log" && grep -q "^-want-$word" "$log" && ok || bad "$w: the diff shown is not its own"
  grep -q "$other" "$log" && bad "$w: shows the other run's diff" || ok
  [ -z "$(ls -A "$tmp/$w/scratch")" ] && ok || bad "$w: scratch files left behind"
done
grep -q '/tmp/golden' "$here/run.sh" && bad "run.sh names a fixed /tmp file" || ok
echo "$pass passed, $fail failed"
