#!/usr/bin/env bash
# tests/invariance.sh ENTENTE_BIN — answers that do not depend on units: every concept is
# run on a suite of generic and degenerate two- and n-player games and on the same games
# with every payoff scaled by 10^-6 and 10^6 and shifted by +-10^9 (exact text from
# tests/nfg-transform.awk). The first table of each CSV report, without its columns in
# payoff units (payoff:*, max_regret, margin, level, value), must be identical.
# Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the columns of a CSV (quoted fields may hold commas) whose header is not in payoff units
unitless() {
  awk '
  function split_csv(line, f,   n, i, c, q, cur) {
    n = 0; cur = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (c == "\"") q = !q
      else if (c == "," && !q) { f[++n] = cur; cur = ""; continue }
      cur = cur c
    }
    f[++n] = cur
    return n
  }
  NR == 1 { nh = split_csv($0, h)
            for (i = 1; i <= nh; i++) keep[i] = h[i] !~ /^(payoff:|max_regret$|margin$|level$|value$)/ }
  { n = split_csv($0, f); out = ""
    for (i = 1; i <= n; i++) if (keep[i]) out = out f[i] ","
    print out }'
}

games="gambit/2x2x2 gambit/3x3x3 gambit/e07
       gambit/mixdom gambit/zero gambit/cent2"
# generated: a degenerate 0/1 6x6 game, one with duplicate strategies and a constant row
awk 'BEGIN { srand(7); print "NFG 1 R \"zero-one 6x6\" { \"A\" \"B\" } { 6 6 }"; print "";
  for (i = 0; i < 36; i++) print int(rand() * 2), int(rand() * 2) }' >"$tmp/g01.nfg"
awk 'BEGIN { srand(11); print "NFG 1 R \"duplicates\" { \"A\" \"B\" } { 4 4 }"; print "";
  for (j = 0; j < 4; j++) { for (i = 0; i < 3; i++) { a[i, j] = int(rand() * 4); b[i, j] = int(rand() * 4) }
    a[3, j] = a[0, j]; b[3, j] = b[0, j] }
  for (j = 0; j < 4; j++) for (i = 0; i < 4; i++) print (i == 1 ? 2 : a[i, j]), b[i, j] }' >"$tmp/gdup.nfg"
list=""
for g in $games; do
  "$bin" convert --to nfg "tests/data/nfg/$g.nfg" "$tmp/$(basename "$g").nfg" || { fail=$((fail + 1)); continue; }
  list="$list $tmp/$(basename "$g").nfg"
done
list="$list $tmp/g01.nfg $tmp/gdup.nfg"

concepts="pure nash zerosum maxmin correlated cce dominance qre enumpoly strong pareto"
for g in $list; do
  for c in $concepts; do
    base=$(timeout 60 "$bin" solve -c "$c" -f csv "$g" 2>&1 | unitless)
    ok=1
    for t in "-6 0" "6 0" "0 1000000000" "0 -1000000000"; do
      set -- $t
      awk -v e="$1" -v shift="$2" -f "$here/nfg-transform.awk" "$g" >"$tmp/t.nfg"
      got=$(timeout 60 "$bin" solve -c "$c" -f csv "$tmp/t.nfg" 2>&1 | sed "s#$tmp/t.nfg#$g#g" | unitless)
      if [ "$got" != "$base" ]; then
        echo "invariance.sh: $(basename "$g") concept $c: answer changes with payoffs x10^$1 + $2"
        diff <(echo "$base") <(echo "$got") | head -n 6
        ok=0
      fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  done
done
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
