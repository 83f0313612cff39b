#!/usr/bin/env bash
# tests/pure.sh ENTENTE_BIN — the `pure` concept on generated games large enough to run
# in parallel: the report must be byte-identical with --threads 1 and --threads 2 in
# every format, and the equilibria count must match an independent awk brute force.
# Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen NPLAYERS NSTRAT RANGE SEED > file.nfg : integer payoffs in [0, RANGE) from the
# Park-Miller generator (exact in awk's doubles), player 1's strategy varying fastest.
gen() {
  awk -v np="$1" -v ns="$2" -v range="$3" -v seed="$4" 'BEGIN {
    printf "NFG 1 R \"generated %d x %d\" {", np, ns
    for (p = 1; p <= np; p++) printf " \"P%d\"", p
    printf " } {"
    for (p = 1; p <= np; p++) printf " %d", ns
    printf " }\n"
    total = ns ^ np; x = seed
    for (i = 0; i < total; i++) {
      line = ""
      for (p = 1; p <= np; p++) { x = (16807 * x) % 2147483647; line = line " " int(x / 1024) % range }
      print substr(line, 2)
    }
  }'
}

# brute NPLAYERS NSTRAT < file.nfg : number of pure equilibria by checking every
# unilateral deviation of every profile.
brute() {
  awk -v np="$1" -v ns="$2" 'NR > 1 { for (f = 1; f <= NF; f++) v[k++] = $f }
  END {
    total = ns ^ np; cnt = 0
    for (i = 0; i < total; i++) {
      ok = 1; r = i; st = 1
      for (p = 0; p < np && ok; p++) {
        s = int(i / st) % ns; base = i - s * st
        for (t = 0; t < ns; t++) if (v[(base + t * st) * np + p] > v[i * np + p]) { ok = 0; break }
        st *= ns
      }
      cnt += ok
    }
    print cnt
  }'
}

check() {
  if [ "$2" = ok ]; then pass=$((pass + 1)); else echo "pure.sh: $1"; fail=$((fail + 1)); fi
}

gen 4 12 5 7 >"$tmp/g4.nfg"     # 20736 profiles, payoffs in {0..4}: ties, weak equilibria
gen 5 7 4 3 >"$tmp/g5.nfg"      # 16807 profiles, payoffs in {0..3}
for g in g4 g5; do
  for f in text csv json md latex; do
    "$bin" solve --detail --width 0 --concept pure --format $f --threads 1 "$tmp/$g.nfg" >"$tmp/$g.1.$f" 2>&1
    s1=$?
    "$bin" solve --detail --width 0 --concept pure --format $f --threads 2 "$tmp/$g.nfg" >"$tmp/$g.2.$f" 2>&1
    s2=$?
    if [ $s1 = 0 ] && [ $s2 = 0 ] && cmp -s "$tmp/$g.1.$f" "$tmp/$g.2.$f"; then r=ok; else r=bad; fi
    check "$g $f: --threads 1 and 2 differ (exit $s1/$s2)" $r
  done
done
want4=$(brute 4 12 <"$tmp/g4.nfg") want5=$(brute 5 7 <"$tmp/g5.nfg")
got4=$(sed -nE 's/^([0-9]+) pure equilibri.*/\1/p' "$tmp/g4.1.text")
got5=$(sed -nE 's/^([0-9]+) pure equilibri.*/\1/p' "$tmp/g5.1.text")
[ -n "$want4" ] && [ "$want4" -gt 0 ] && [ "$got4" = "$want4" ] && r=ok || r=bad
check "g4: $got4 pure equilibria, brute force says $want4" $r
[ -n "$want5" ] && [ "$want5" -gt 0 ] && [ "$got5" = "$want5" ] && r=ok || r=bad
check "g5: $got5 pure equilibria, brute force says $want5" $r
rows=$(grep -c '^pure,' "$tmp/g4.1.csv")
[ "$rows" = "$want4" ] && r=ok || r=bad
check "g4: $rows CSV rows, expected $want4" $r

# A game where every profile is a weak equilibrium: the listing stops at 100 rows and
# says how many there are.
gen 5 7 1 1 >"$tmp/z.nfg"
"$bin" solve --concept pure --threads 2 -f csv "$tmp/z.nfg" >"$tmp/z.csv" 2>&1
rows=$(grep -c '^pure,.*,weak$' "$tmp/z.csv")
[ "$rows" = 100 ] && r=ok || r=bad
check "all-ties game: $rows CSV rows, expected 100" $r
"$bin" solve --detail --width 0 --concept pure "$tmp/z.nfg" >"$tmp/z.txt" 2>&1
grep -q '^16807 pure equilibria; the first 100 by profile index are listed (0 of them strict):$' "$tmp/z.txt" && r=ok || r=bad
check "all-ties game: count line" $r
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
