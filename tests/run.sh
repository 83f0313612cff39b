#!/usr/bin/env bash
# tests/run.sh UNIT_BIN ENTENTE_BIN [--update]
# Runs the Criterion unit and known-answer tests, the golden CLI tests and the shell suites
# tests/*.sh; prints one line "SUITE: N passed, N failed" per suite and ends with one
# total line "total: N passed, N failed" (each Criterion test, each golden case and each
# check of a shell suite counts one).
set -u
unit=$1 bin=$2 update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
pass=0 fail=0
# reports carry their date (provenance): fixed so that outputs are comparable
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
# per-run scratch directory (golden diffs, sanitizer logs), removed on exit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Sanitizer builds: every report also goes to a file under $sandir (log_path), checked
# after each stage, so a report counts as a failure whatever a check does with stderr;
# and a sanitizer exits with 86, a status no check accepts (ASan's default is 1, which is
# also entente's status for bad input).
sandir=$scratch/sanitizer
mkdir -p "$sandir"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:exitcode=86:log_path=$sandir/asan"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}:exitcode=86:log_path=$sandir/ubsan"
# sanitizer_logs WHAT: print each sanitizer log written since the last call and remove
# it; san_n = their number
sanitizer_logs() {
  local f
  san_n=0
  for f in "$sandir"/*; do
    [ -e "$f" ] || continue
    echo "$1: sanitizer report ($(basename "$f")):"; head -n 30 "$f"
    san_n=$((san_n + 1))
    rm -f "$f"
  done
}
# suite NAME PASSED FAILED: one labelled line, added to the total
suite() {
  echo "$1: $2 passed, $3 failed"
  pass=$((pass + $2)); fail=$((fail + $3))
}

# 1. Criterion (unit + known answers)
out=$scratch/unit.log
u_pass=0 u_fail=0
"$unit" --jobs 2 --short-filename 2>&1 | tee "$out" | grep -vE '^\[RUN |^\[PASS\]' | tail -n 40
syn=$(grep -E 'Synthesis: Tested' "$out" | tail -n 1)
if [ -n "$syn" ]; then
  t=$(sed -E 's/.*Tested: ([0-9]+).*/\1/' <<<"$syn")
  p=$(sed -E 's/.*Passing: ([0-9]+).*/\1/' <<<"$syn")
  u_pass=$p; u_fail=$((t - p))
else
  echo "unit tests: no Criterion summary (the test binary crashed?)"; u_fail=$((u_fail + 1))
fi
# a sanitizer report in a test worker (e.g. a leak found at its exit) fails the run even
# when Criterion counted the test as passed
san=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$out")
if [ "$san" -gt 0 ]; then
  echo "unit tests: $san sanitizer report(s) above"; u_fail=$((u_fail + san))
fi
sanitizer_logs "unit tests"; u_fail=$((u_fail + san_n))
suite "unit tests (Criterion)" $u_pass $u_fail

# 2. Golden CLI tests: tests/golden/NAME.cmd holds the arguments (one line, shell words,
#    run from the repository root); NAME.out the expected stdout; NAME.exit the expected
#    exit status (default 0); NAME.err, if present, the expected stderr.
g_pass=0 g_fail=0
diff=$scratch/golden.diff
for cmdf in tests/golden/*.cmd; do
  [ -e "$cmdf" ] || continue
  name=${cmdf%.cmd}
  args=$(cat "$cmdf")
  want_exit=0; [ -f "$name.exit" ] && want_exit=$(cat "$name.exit")
  got_out=$scratch/got.out got_err=$scratch/got.err
  eval "\"$bin\" $args" >"$got_out" 2>"$got_err" </dev/null
  got_exit=$?
  if [ "$update" = "--update" ]; then
    cp "$got_out" "$name.out"
    [ "$got_exit" != 0 ] && echo "$got_exit" >"$name.exit" || rm -f "$name.exit"
    [ -f "$name.err" ] && cp "$got_err" "$name.err"
  fi
  ok=1
  [ "$got_exit" = "$want_exit" ] || { echo "golden $(basename "$name"): exit $got_exit, expected $want_exit"; ok=0; }
  if ! diff -u "$name.out" "$got_out" >"$diff" 2>&1; then
    echo "golden $(basename "$name"): stdout differs"; head -n 30 "$diff"; ok=0
  fi
  if [ -f "$name.err" ] && ! diff -u "$name.err" "$got_err" >"$diff" 2>&1; then
    echo "golden $(basename "$name"): stderr differs"; head -n 30 "$diff"; ok=0
  fi
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$got_err"; then
    echo "golden $(basename "$name"): sanitizer report"; head -n 30 "$got_err"; ok=0
  fi
  sanitizer_logs "golden $(basename "$name")"; [ $san_n = 0 ] || ok=0
  if [ $ok = 1 ]; then g_pass=$((g_pass + 1)); else g_fail=$((g_fail + 1)); fi
done
suite "golden CLI tests" $g_pass $g_fail

# 3. Extra shell suites: tests/*.sh other than this runner; each prints
#    "N passed, N failed" as its last line.
for s in tests/*.sh; do
  [ "$(basename "$s")" = run.sh ] && continue
  [ -e "$s" ] || continue
  log=$scratch/suite.log
  bash "$s" "$bin" "$unit" >"$log" 2>&1
  last=$(tail -n 1 "$log")
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    head -n -1 "$log"
    sanitizer_logs "$s"
    suite "$s" "${BASH_REMATCH[1]}" "$((BASH_REMATCH[2] + san_n))"
  else
    cat "$log"
    echo "$s: no summary line"; fail=$((fail + 1))
    sanitizer_logs "$s"; fail=$((fail + san_n))
  fi
done

echo "total: $pass passed, $fail failed"
[ $fail = 0 ]
