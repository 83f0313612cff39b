#!/usr/bin/env bash
# tests/gmcr.sh ENTENTE_BIN — graph-model checks over the Gambit sample games: without move
# restrictions, the graph model's Nash-stable states are exactly the pure Nash equilibria
# found by the independent `pure` concept; the JSON report is byte-identical with 1 and 2
# threads. Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
pass=0 fail=0
for g in tests/data/nfg/gambit/*.nfg tests/data/gmcr/*.nfg; do
  csv=$("$bin" solve -c gmcr,pure -f csv "$g" 2>&1) || { echo "gmcr.sh: $g: solve failed"; fail=$((fail + 1)); continue; }
  a=$(awk -F, '$1 == "gmcr-nash" { print $3 }' <<<"$csv" | sort)
  b=$(awk -F, '$1 == "pure" { print $3 }' <<<"$csv" | sort)
  if [ "$a" = "$b" ]; then pass=$((pass + 1)); else
    echo "gmcr.sh: $g: gmcr-nash {$a} differs from pure {$b}"; fail=$((fail + 1)); fi
  j1=$("$bin" solve -c gmcr -f json --threads 1 "$g" | md5sum)
  j2=$("$bin" solve -c gmcr -f json --threads 2 "$g" | md5sum)
  if [ "$j1" = "$j2" ]; then pass=$((pass + 1)); else
    echo "gmcr.sh: $g: output differs between 1 and 2 threads"; fail=$((fail + 1)); fi
done
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
