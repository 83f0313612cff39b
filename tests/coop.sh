#!/usr/bin/env bash
# tests/coop.sh ENTENTE_BIN — `entente coalition` properties that golden files cannot
# show: byte-identical output with 1 and 2 threads, --output equal to stdout, and the
# exact re-solve agreeing with the floating-point nucleolus. Last line: N passed, N failed.
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
pass=0 fail=0
check() { if [ "$1" = ok ]; then pass=$((pass + 1)); else echo "coop.sh: $2"; fail=$((fail + 1)); fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
M=FR,UK,DE,PL,IT,ES,NL,SE,FI,NO,TR,CA,AU,US
for args in "configs/coalition-of-the-willing.cfg -c shapley --samples 20000" \
            "configs/coalition-of-the-willing.cfg --members $M" \
            "configs/coalition-of-the-willing.cfg --members $M,BE,DK,LT,PT,CZ,RO --max-dense 8 -c core,nucleolus" \
            "tests/data/coop/eec1958.cfg --format json"; do
  "$bin" coalition --detail --width 0 $args --threads 1 >"$tmp/t1" 2>&1
  "$bin" coalition --detail --width 0 $args --threads 2 >"$tmp/t2" 2>&1
  cmp -s "$tmp/t1" "$tmp/t2" && check ok || check no "threads 1 vs 2 differ: $args"
done
"$bin" coalition --detail --width 0 tests/data/coop/eec1958.cfg --format csv --output "$tmp/o.csv" >"$tmp/stdout"
"$bin" coalition --detail --width 0 tests/data/coop/eec1958.cfg --format csv >"$tmp/direct"
[ ! -s "$tmp/stdout" ] && cmp -s "$tmp/o.csv" "$tmp/direct" && check ok || check no "--output differs from stdout"
"$bin" coalition --detail --width 0 tests/data/coop/talmud200.cfg -c nucleolus -f csv >"$tmp/a"
"$bin" coalition --detail --width 0 tests/data/coop/talmud200.cfg -c nucleolus -f csv --exact >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && check ok || check no "--exact nucleolus differs"
# above the dense limit, branch and bound gives the same core and nucleolus as the table
# (the nucleolus is unique; the least core is a set, so only its eps is compared)
"$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $M,BE,DK -c core,nucleolus -f csv >"$tmp/dense"
"$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $M,BE,DK -c core,nucleolus -f csv --max-dense 6 >"$tmp/bb"
same=$(paste -d, "$tmp/dense" "$tmp/bb" | awk -F, 'NR > 1 { d = $2 - $6; if (d < 0) d = -d; if (d > 1e-9 || $1 != $5) bad++ } END { print (NR == 17 && !bad) ? "ok" : "no" }')
check "$same" "branch-and-bound nucleolus differs from the dense table's"
e1=$("$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $M,BE,DK -c core | grep least_core_eps)
e2=$("$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $M,BE,DK -c core --max-dense 6 | grep least_core_eps)
[ -n "$e1" ] && [ "$e1" = "$e2" ] && check ok || check no "branch-and-bound least core differs: $e1 / $e2"
# cartels: branch and bound (forced by --max-dense) lists and counts the same stable
# coalitions as the scan of all 2^n, with each transfer scheme (the nucleolus shares from
# the table and from branch and bound); 1 and 2 threads agree
C=$M,BE,DK,LT,PT
for t in none optimal nucleolus; do
  "$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $C -c cartel --transfers $t --width 0 >"$tmp/scan" 2>&1
  "$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $C -c cartel --transfers $t --width 0 --max-dense 8 --threads 1 >"$tmp/bb1" 2>&1
  "$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg --members $C -c cartel --transfers $t --width 0 --max-dense 8 --threads 2 >"$tmp/bb2" 2>&1
  # (up to the provenance under its rule, which names the differing command)
  sed -n '/^Cartel/,/^Solutions/p' "$tmp/scan" | sed '/^--$/,$d' | grep -v 'branch' >"$tmp/scan.c"
  sed -n '/^Cartel/,/^Solutions/p' "$tmp/bb1" | sed '/^--$/,$d' | grep -v 'branch' >"$tmp/bb1.c"
  grep -qE "^(  $t |With $t transfers: [0-9])" "$tmp/scan.c" && cmp -s "$tmp/scan.c" "$tmp/bb1.c" && check ok ||
    check no "cartel ($t): branch and bound differs from the scan"
  cmp -s "$tmp/bb1" "$tmp/bb2" && check ok || check no "cartel ($t): branch and bound differs with 2 threads"
done
# a refused concept: the report is still written, the refusal in its own section, exit 3
# and one line on stderr
"$bin" coalition --detail --width 0 configs/coalition-of-the-willing.cfg -c core --max-nodes 1000 --output "$tmp/part" 2>"$tmp/part.err"
[ $? = 3 ] && grep -q '^core: not computed' "$tmp/part" && grep -q 'raise --max-nodes' "$tmp/part" &&
  [ "$(wc -l <"$tmp/part.err")" = 1 ] && no_sanitizer_report "$tmp/part.err" &&
  check ok || check no "refused concept: expected exit 3, a report with its own refusal section, one line on stderr"
# a failing run (bad input) writes nothing to --output
"$bin" coalition --detail --width 0 tests/data/scenario/bad_actor_id_chars.cfg --output "$tmp/none" 2>"$tmp/none.err"
[ $? = 1 ] && [ ! -e "$tmp/none" ] && [ "$(wc -l <"$tmp/none.err")" = 1 ] && no_sanitizer_report "$tmp/none.err" &&
  check ok || check no "failed run left an output file (or more than one line on stderr)"
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
