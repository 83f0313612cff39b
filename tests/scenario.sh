#!/usr/bin/env bash
# tests/scenario.sh ENTENTE_BIN — malformed scenarios: every tests/data/scenario/bad_*.cfg
# must make `entente check` exit 1 with nothing on stdout and exactly the one-line message
# of bad_*.err on stderr (file:line and the text), with no sanitizer report. Also: an
# oversized file is refused by size before it is read, --set errors, and every scenario
# in configs/ passes `entente check`.
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"  # sanitizer exits 86; reports counted below
cd "$(dirname "$0")/.."
pass=0 fail=0
check() { # name expected-exit expected-stderr-file-or-text cmd...
  local name=$1 want=$2 experr=$3; shift 3
  local out err rc
  out=$(mktemp) err=$(mktemp)
  "$@" >"$out" 2>"$err" </dev/null
  rc=$?
  local ok=1
  [ "$rc" = "$want" ] || { echo "scenario $name: exit $rc, expected $want"; ok=0; }
  [ -s "$out" ] && { echo "scenario $name: unexpected stdout"; head -n 5 "$out"; ok=0; }
  if [ -f "$experr" ]; then
    diff -u "$experr" "$err" >/dev/null || { echo "scenario $name: stderr differs"; diff -u "$experr" "$err" | head -n 8; ok=0; }
  else
    [ "$(cat "$err")" = "$experr" ] || { echo "scenario $name: stderr '$(cat "$err")', expected '$experr'"; ok=0; }
  fi
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$err"; then
    echo "scenario $name: sanitizer report"; ok=0
  fi
  rm -f "$out" "$err"
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
for f in tests/data/scenario/bad_*.cfg; do
  check "$(basename "$f" .cfg)" 1 "${f%.cfg}.err" "$bin" check "$f"
done
big=$(mktemp --suffix=.cfg)
head -c 17000000 /dev/zero | tr '\0' '#' >"$big"
check oversized 1 "$big: file of 17000000 bytes; scenario files are limited to 16777216 bytes" "$bin" check "$big"
rm -f "$big"
check set_unknown 1 "configs/ukraine-2025.cfg: no parameter 'q_backstp' (did you mean 'q_backstop'?)" \
  "$bin" check --set q_backstp=1 configs/ukraine-2025.cfg
check set_syntax 2 "entente check: --set q_backstop: expected NAME=NUMBER (e.g. --set q_backstop=0.4)
Try 'entente check --help'." "$bin" check --set q_backstop configs/ukraine-2025.cfg
check set_number 2 "entente solve: --set q_backstop=high: expected NAME=NUMBER (e.g. --set q_backstop=0.4)
Try 'entente solve --help'." "$bin" solve --set q_backstop=high configs/ukraine-2025.cfg
check missing_file 1 "tests/data/scenario/no-such.cfg: cannot open the file" "$bin" check tests/data/scenario/no-such.cfg
check set_on_nfg 2 "entente solve: --set applies to scenario files (.cfg)" "$bin" solve --set x=1 game.nfg
# every shipped scenario is valid
cerr=$(mktemp)
for f in configs/*.cfg configs/*/*.cfg; do
  [ -e "$f" ] || continue
  if "$bin" check "$f" >/dev/null 2>"$cerr"; then pass=$((pass + 1)); else
    echo "scenario: $f does not pass entente check: $(cat "$cerr")"; fail=$((fail + 1)); fi
done
rm -f "$cerr"
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
