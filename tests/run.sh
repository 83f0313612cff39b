#!/usr/bin/env bash
# tests/run.sh UNIT_BIN ENTENTE_BIN [--update]
# Runs the Criterion unit and known-answer tests, then the golden CLI tests, and ends with
# one closing line "N passed, N failed" (suites counted: each Criterion test and each
# golden case is one).
set -u
unit=$1 bin=$2 update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
# Sanitizer builds: every report also goes to a file under $sandir (log_path), checked
# after each stage, so a report counts as a failure whatever a check does with stderr;
# and a sanitizer exits with 86, a status no check accepts (ASan's default is 1, which is
# also entente's status for bad input).
sandir=$(mktemp -d)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:exitcode=86:log_path=$sandir/asan"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}:exitcode=86:log_path=$sandir/ubsan"
pass=0 fail=0
# sanitizer_logs WHAT: fail once for each sanitizer log written since the last call
sanitizer_logs() {
  local f
  for f in "$sandir"/*; do
    [ -e "$f" ] || continue
    echo "$1: sanitizer report ($(basename "$f")):"; head -n 30 "$f"
    fail=$((fail + 1))
    rm -f "$f"
  done
}

# 1. Criterion (unit + known answers)
out=$(mktemp)
"$unit" --jobs 2 --short-filename 2>&1 | tee "$out" | grep -vE '^\[RUN |^\[PASS\]' | tail -n 40
syn=$(grep -E 'Synthesis: Tested' "$out" | tail -n 1)
if [ -n "$syn" ]; then
  t=$(sed -E 's/.*Tested: ([0-9]+).*/\1/' <<<"$syn")
  p=$(sed -E 's/.*Passing: ([0-9]+).*/\1/' <<<"$syn")
  pass=$((pass + p)); fail=$((fail + t - p))
else
  echo "unit tests: no Criterion summary (the test binary crashed?)"; fail=$((fail + 1))
fi
# a sanitizer report in a test worker (e.g. a leak found at its exit) fails the run even
# when Criterion counted the test as passed
san=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$out")
if [ "$san" -gt 0 ]; then
  echo "unit tests: $san sanitizer report(s) above"; fail=$((fail + san))
fi
rm -f "$out"
sanitizer_logs "unit tests"

# 2. Golden CLI tests: tests/golden/NAME.cmd holds the arguments (one line, shell words,
#    run from the repository root); NAME.out the expected stdout; NAME.exit the expected
#    exit status (default 0); NAME.err, if present, the expected stderr.
for cmdf in tests/golden/*.cmd; do
  [ -e "$cmdf" ] || continue
  name=${cmdf%.cmd}
  args=$(cat "$cmdf")
  want_exit=0; [ -f "$name.exit" ] && want_exit=$(cat "$name.exit")
  got_out=$(mktemp) got_err=$(mktemp)
  eval "\"$bin\" $args" >"$got_out" 2>"$got_err" </dev/null
  got_exit=$?
  if [ "$update" = "--update" ]; then
    cp "$got_out" "$name.out"
    [ "$got_exit" != 0 ] && echo "$got_exit" >"$name.exit" || rm -f "$name.exit"
    [ -f "$name.err" ] && cp "$got_err" "$name.err"
  fi
  ok=1
  [ "$got_exit" = "$want_exit" ] || { echo "golden $(basename "$name"): exit $got_exit, expected $want_exit"; ok=0; }
  if ! diff -u "$name.out" "$got_out" >/tmp/golden.diff 2>&1; then
    echo "golden $(basename "$name"): stdout differs"; head -n 30 /tmp/golden.diff; ok=0
  fi
  if [ -f "$name.err" ] && ! diff -u "$name.err" "$got_err" >/tmp/golden.diff 2>&1; then
    echo "golden $(basename "$name"): stderr differs"; head -n 30 /tmp/golden.diff; ok=0
  fi
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$got_err"; then
    echo "golden $(basename "$name"): sanitizer report"; head -n 30 "$got_err"; ok=0
  fi
  rm -f "$got_out" "$got_err"
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  sanitizer_logs "golden $(basename "$name")"
done

# 3. Extra shell suites: tests/*.sh other than this runner; each prints
#    "N passed, N failed" as its last line.
for s in tests/*.sh; do
  [ "$(basename "$s")" = run.sh ] && continue
  [ -e "$s" ] || continue
  log=$(mktemp)
  bash "$s" "$bin" "$unit" >"$log" 2>&1
  cat "$log"
  last=$(tail -n 1 "$log")
  rm -f "$log"
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
  else
    echo "$s: no summary line"; fail=$((fail + 1))
  fi
  sanitizer_logs "$s"
done

rm -rf "$sandir"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
