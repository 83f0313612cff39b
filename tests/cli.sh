#!/usr/bin/env bash
# tests/cli.sh ENTENTE_BIN — consistency of the command line: `entente help CMD` prints
# what `entente CMD --help` prints, for every command; a malformed --set is a usage error
# (exit 2) in every command that takes it; messages without a file:line start with
# "entente COMMAND: ". Last line: "N passed, N failed".
set -u
bin=$1
. "$(dirname "$0")/sanitizers.bash"  # sanitizer exits 86; reports counted below
cd "$(dirname "$0")/.."
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "cli: $1"; fail=$((fail + 1)); }

for cmd in solve check coalition convert; do
  "$bin" "$cmd" --help >"$tmp/a" 2>&1; ra=$?
  "$bin" help "$cmd" >"$tmp/b" 2>&1; rb=$?
  [ $ra = 0 ] && [ $rb = 0 ] && [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b" && ok ||
    bad "'entente help $cmd' differs from 'entente $cmd --help' (exit $rb)"
done
"$bin" help nosuch >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 2 ] && grep -q "unknown command 'nosuch'" "$tmp/e" && ok || bad "help of an unknown command: exit $rc"

for cmd in solve check; do
  for arg in q_backstop=abc q_backstop =1 q_backstop=1e999 q_backstop=; do
    "$bin" "$cmd" --set "$arg" configs/ukraine-2025.cfg >"$tmp/o" 2>"$tmp/e"; rc=$?
    [ $rc = 2 ] && [ ! -s "$tmp/o" ] && head -n 1 "$tmp/e" | grep -q "^entente $cmd: --set $arg: expected NAME=NUMBER" && ok ||
      bad "$cmd --set '$arg': exit $rc, stderr '$(head -n 1 "$tmp/e")'"
  done
done
"$bin" solve --concept pure --set q_backstop=0.4 configs/ukraine-2025.cfg >/dev/null 2>&1 && ok || bad "a good --set fails"

# the prefix of messages without a place: the command's name
"$bin" solve -o /nonexistent-dir/r.txt tests/known/pd.nfg >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q '^entente solve: /nonexistent-dir/r.txt: ' "$tmp/e" && ok || bad "solve -o bad dir: '$(cat "$tmp/e")'"
"$bin" convert tests/known/pd.nfg /nonexistent-dir/x.nfg >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q '^entente convert: /nonexistent-dir/x.nfg: ' "$tmp/e" && ok || bad "convert to a bad dir: '$(cat "$tmp/e")'"
# equilibrium ids number the rows shown (1, 2, ... per concept), whatever is left out;
# the default scenario has a pure equilibrium at a jointly infeasible profile
for f in configs/*.cfg configs/classic/*.cfg tests/data/scenario/tripwire.cfg; do
  "$bin" solve --concept pure -f csv "$f" >"$tmp/o" 2>/dev/null || continue
  awk -F, 'NR > 1 { if ($2 != ++n[$1]) bad = 1 } END { exit bad }' "$tmp/o" && ok || bad "$f: ids are not 1, 2, ...: $(cut -d, -f1,2 "$tmp/o" | tr '\n' ' ')"
done
"$bin" solve --detail --width 0 --concept pure configs/ukraine-2025.cfg >"$tmp/o" 2>&1
grep -q '^4 pure equilibria (0 strict, 4 weak):' "$tmp/o" &&
  grep -A1 '^Left out: 1 equilibrium of the game at jointly infeasible' "$tmp/o" | grep -q '^  - the coalition deploys / the US does not backstop / Russia fights on / Ukraine fights on  payoffs (0, 0, 2.5, 0)  weak' &&
  ok || bad "ukraine-2025: the left-out equilibrium is not listed apart"
# convert of a scenario with infeasible profiles: said on stderr and in the file's comment;
# kept, the .nfg has the scenario's pure equilibria plus the one left out; with
# --penalize-infeasible exactly the scenario's (same outcomes, same order)
"$bin" solve --concept pure -f csv configs/ukraine-2025.cfg 2>/dev/null | cut -d, -f3 | tail -n +2 >"$tmp/scen"
"$bin" convert configs/ukraine-2025.cfg "$tmp/keep.nfg" 2>"$tmp/e"; rc=$?
[ $rc = 0 ] && grep -q '^entente convert: warning: configs/ukraine-2025.cfg: 8 of 24 profiles are jointly infeasible' "$tmp/e" &&
  grep -q '"8 of 24 profiles are jointly infeasible in the scenario' "$tmp/keep.nfg" && ok || bad "convert: infeasible profiles not announced"
[ "$("$bin" solve --concept pure -f csv "$tmp/keep.nfg" | tail -n +2 | wc -l)" = 5 ] && ok || bad "convert: kept game should have 5 pure equilibria"
"$bin" convert --penalize-infeasible configs/ukraine-2025.cfg "$tmp/pen.nfg" 2>"$tmp/e"; rc=$?
"$bin" solve --concept pure -f csv "$tmp/pen.nfg" | cut -d, -f3 | tail -n +2 >"$tmp/pen"
[ $rc = 0 ] && [ -s "$tmp/scen" ] && cmp -s "$tmp/scen" "$tmp/pen" && [ "$(wc -l <"$tmp/e")" = 1 ] && ok ||
  bad "convert --penalize-infeasible: equilibria differ from the scenario's ($(wc -l <"$tmp/pen") vs $(wc -l <"$tmp/scen"))"
# a game without infeasible profiles converts silently
"$bin" convert configs/classic/chicken.cfg "$tmp/c.nfg" 2>"$tmp/e" && [ ! -s "$tmp/e" ] && ok || bad "convert chicken: '$(cat "$tmp/e")'"
# -o NAME without -f: the format NAME's extension names (any case); -f wins
"$bin" solve --concept pure -o "$tmp/r.csv" tests/known/pd.nfg && head -n 1 "$tmp/r.csv" | grep -q '^concept,id,outcome,' && ok || bad "-o x.csv is not CSV"
"$bin" solve --concept pure -o "$tmp/r.JSON" tests/known/pd.nfg && head -n 1 "$tmp/r.JSON" | grep -qx '{' && ok || bad "-o x.JSON is not JSON"
"$bin" solve --concept pure -o "$tmp/r.md" tests/known/pd.nfg && grep -q '^# ' "$tmp/r.md" && ok || bad "-o x.md is not Markdown"
"$bin" solve --concept pure -o "$tmp/r.tex" tests/known/pd.nfg && grep -q 'begin' "$tmp/r.tex" && ok || bad "-o x.tex is not LaTeX"
"$bin" solve --concept pure -f text -o "$tmp/t.csv" tests/known/pd.nfg && ! head -n 1 "$tmp/t.csv" | grep -q '^concept,' && ok || bad "-f text -o x.csv is not text"
"$bin" coalition -o "$tmp/c.csv" tests/data/coop/eec1958.cfg && head -n 1 "$tmp/c.csv" | grep -q '^member,' && ok || bad "coalition -o x.csv is not CSV"
# upper-case extensions are read
cp tests/known/pd.nfg "$tmp/PD.NFG"; cp configs/classic/chicken.cfg "$tmp/CHICKEN.CFG"
"$bin" solve --concept pure -f csv "$tmp/PD.NFG" | cmp -s - <("$bin" solve --concept pure -f csv tests/known/pd.nfg) && ok || bad "PD.NFG not read as .nfg"
"$bin" check "$tmp/CHICKEN.CFG" >/dev/null && "$bin" convert "$tmp/PD.NFG" "$tmp/OUT.NFG" && [ -s "$tmp/OUT.NFG" ] && ok || bad ".CFG/.NFG not accepted"

# Answer first: the default scenario and its variants fit a screen (at most 60 lines, no
# line over 100 columns) whatever the width asked for; --detail shows every section;
# text never runs past --width; the report is byte-identical with 1 and 2 threads and
# carries its provenance (the scenario's SHA-256 equals that of its text)
for cfg in "" configs/ukraine-2025.cfg configs/ukraine-no-us-backstop.cfg configs/ukraine-coalition-acts-alone.cfg \
           configs/ukraine-2025-gmcr.cfg configs/classic/elmira.cfg; do
  for w in "" "--width 100"; do
    # shellcheck disable=SC2086
    "$bin" $w $cfg >"$tmp/s" 2>"$tmp/e" || "$bin" solve $w $cfg >"$tmp/s" 2>"$tmp/e"
    l=$(wc -l <"$tmp/s"); c=$(LC_ALL=C.UTF-8 wc -L <"$tmp/s")
    [ "$l" -le 60 ] && [ "$c" -le 100 ] && grep -q '^Answer$' "$tmp/s" && ok ||
      bad "summary of '${cfg:-default}' $w: $l lines, $c columns"
  done
done
"$bin" --detail >"$tmp/d" 2>/dev/null && [ "$(wc -l <"$tmp/d")" -gt 200 ] && grep -q '^Graph model (GMCR) stability$' "$tmp/d" &&
  [ "$(LC_ALL=C.UTF-8 wc -L <"$tmp/d")" -le 80 ] && ok || bad "--detail: not every section, or wider than 80 columns"
# (a SHA-256 of 64 digits is one word: the only line allowed past 60)
"$bin" --detail --width 60 >"$tmp/d" 2>/dev/null && [ "$(grep -vE '^ *[0-9a-f]{64}$' "$tmp/d" | LC_ALL=C.UTF-8 wc -L)" -le 60 ] && ok || bad "--width 60: lines wider than 60"
"$bin" --detail --width 0 >"$tmp/d" 2>/dev/null && [ "$(wc -L <"$tmp/d")" -gt 200 ] && ok || bad "--width 0 still wraps"
"$bin" --detail >"$tmp/d" 2>/dev/null
"$bin" --explain --width 0 >"$tmp/x" 2>/dev/null && grep -q 'has no unilateral improvement' "$tmp/x" &&
  ! grep -q 'has no unilateral improvement' "$tmp/d" && grep -q "^(256 explanations in table 'explanations': --explain shows them)" "$tmp/d" &&
  ok || bad "--explain does not add the explanations (or they show without it)"
"$bin" -t 1 >"$tmp/t1"; "$bin" -t 2 >"$tmp/t2"; cmp -s "$tmp/t1" "$tmp/t2" && ok || bad "summary differs between 1 and 2 threads"
"$bin" -f json -t 1 >"$tmp/j1"; "$bin" -f json -t 2 >"$tmp/j2"; cmp -s "$tmp/j1" "$tmp/j2" && ok || bad "JSON differs between 1 and 2 threads"
want=$(python3 - <<'PY'
import hashlib
print(hashlib.sha256(open("configs/ukraine-2025.cfg", "rb").read()).hexdigest())
PY
)
grep -q "\"sha256\": \"$want\"" "$tmp/j1" && grep -q '"program": "entente ' "$tmp/j1" &&
  grep -q '"seed": "20250904"' "$tmp/j1" && grep -q '"samples": "10000"' "$tmp/j1" && ok || bad "JSON provenance lacks the scenario's SHA-256, version, seed or samples"
SOURCE_DATE_EPOCH=0 "$bin" -f json | grep -q '"date": "1970-01-01 (SOURCE_DATE_EPOCH)"' && ok || bad "SOURCE_DATE_EPOCH not honoured"
SOURCE_DATE_EPOCH=yesterday "$bin" >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 2 ] && grep -q 'SOURCE_DATE_EPOCH must be' "$tmp/e" && ok || bad "a bad SOURCE_DATE_EPOCH is not refused (exit $rc)"
"$bin" --set q_backstop=0.3 -f json | grep -q 'q_backstop=0.3 (--set; file: 0.775)' && ok || bad "--set not recorded in the provenance"
"$bin" -f latex | head -3 | grep -q '^% program: entente ' && ok || bad "LaTeX lacks its provenance comments"
"$bin" --detail -f md | tail -12 | grep -q '^- sha256: ' && ok || bad "Markdown lacks its provenance footer"

# Progress: a line on stderr for runs over a second when it is a terminal (script(1) gives
# one), none with --quiet or when stderr is not a terminal; stdout is the same either way
if command -v script >/dev/null; then
  run_mc="$bin solve -c montecarlo --samples 100000000 --time-limit 2.5 configs/ukraine-2025.cfg"
  script -qec "$run_mc >$tmp/p.out 2>&1" "$tmp/tty1" >/dev/null 2>&1
  script -qec "$run_mc --quiet >$tmp/q.out 2>$tmp/q.err" "$tmp/tty2" >/dev/null 2>&1
  # the first run wrote stdout and stderr to a file: no progress there
  grep -q 'montecarlo samples \[' "$tmp/p.out" && bad "progress written to a file" || ok
  script -qec "$run_mc >/dev/null" "$tmp/tty3" >/dev/null 2>&1
  tr '\r' '\n' <"$tmp/tty3" | grep -Eq '^.*montecarlo samples \[[#.]{20}\] +[0-9]+%.*/s, [0-9.]+ (s|min|h) left' &&
    ok || bad "no progress line on a terminal: $(tr '\r' '\n' <"$tmp/tty3" | head -c 300)"
  script -qec "$run_mc --quiet >/dev/null" "$tmp/tty4" >/dev/null 2>&1
  ! grep -q 'montecarlo samples \[' "$tmp/tty4" && ok || bad "--quiet still shows progress"
fi

# lrsnash's format: written exactly (integers, fractions), read back to the same game; the
# equilibria entente finds on the .lrs file are those lrsnash finds on the same file
"$bin" convert tests/known/bos.nfg "$tmp/bos.lrs" && [ "$(head -n 1 "$tmp/bos.lrs")" = "2 2" ] && ok || bad "convert to .lrs"
"$bin" solve -c nash -f csv tests/known/bos.nfg | cut -d, -f4- >"$tmp/n1"
"$bin" solve -c nash -f csv "$tmp/bos.lrs" | cut -d, -f4- >"$tmp/n2"
cmp -s "$tmp/n1" "$tmp/n2" && ok || bad ".lrs solves differently from the .nfg it came from"
if command -v lrsnash >/dev/null; then
  l=$(lrsnash "$tmp/bos.lrs" 2>/dev/null | grep -c '^2 ')
  e=$(tail -n +2 "$tmp/n2" | wc -l)
  [ "$l" = "$e" ] && [ "$l" = 3 ] && ok || bad "lrsnash finds $l equilibria on the written .lrs, entente $e"
fi
printf '2 2\n1/3 0.5\n2 3\n\n1 1\n1 1\n' | "$bin" convert --from lrs - - --to lrs >"$tmp/l.out" 2>"$tmp/e" &&
  [ "$(sed -n 3p "$tmp/l.out")" = "1/3 1/2" ] && ok || bad "an .lrs fraction or decimal not kept exactly: $(cat "$tmp/l.out" "$tmp/e")"
printf 'NFG 1 R "" { "A" "B" } { 1 1 }\n\n0.1 0.2\n' | "$bin" convert - - --to lrs >"$tmp/l.out" &&
  grep -qx '1/10' "$tmp/l.out" && ok || bad "an exact decimal payoff not written as a fraction"
printf '2 2\n1 2 3 4\n5 6\n' | "$bin" solve - >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -qx -- "-:4: the file ends before the column player's payoff at row 2, column 1" "$tmp/e" && ok ||
  bad "short .lrs: exit $rc, '$(cat "$tmp/e")'"
printf '2 0\n' | "$bin" solve --from lrs - >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q -- '^-:1: a strategy count must be a whole number from 1 to 1000000' "$tmp/e" && ok || bad "bad .lrs count: exit $rc"
"$bin" convert configs/classic/elmira.cfg "$tmp/x.lrs" 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q 'two-player games; this game has 3 players' "$tmp/e" && [ ! -e "$tmp/x.lrs" ] && ok || bad "3 players to .lrs: exit $rc"

# standard input: '-' with the format told from the first bytes or by --from; the same
# answers as from the file, the provenance names it '-' with the SHA-256 of its bytes
for f in tests/known/pd.nfg tests/data/efg/entry.efg configs/classic/chicken.cfg "$tmp/bos.lrs"; do
  "$bin" solve -f csv "$f" >"$tmp/a" 2>/dev/null
  "$bin" solve -f csv - <"$f" >"$tmp/b" 2>/dev/null
  cmp -s "$tmp/a" "$tmp/b" && ok || bad "solve - < $f differs from solve $f"
done
sha=$(sha256sum tests/known/pd.nfg | cut -d' ' -f1)
"$bin" solve -f json - <tests/known/pd.nfg | grep -q "\"sha256\": \"$sha\"" && ok || bad "stdin's SHA-256 not in the provenance"
"$bin" solve --from efg - <tests/known/pd.nfg >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q '^-:1: ' "$tmp/e" && ok || bad "--from efg on an .nfg text: exit $rc, '$(cat "$tmp/e")'"
"$bin" solve --from xml - </dev/null >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 2 ] && ok || bad "--from xml: exit $rc"
"$bin" solve --from nfg tests/known/pd.nfg >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok || bad "--from with a named file: exit $rc"
"$bin" check - <configs/classic/chicken.cfg | grep -qx 'file: -' && ok || bad "check - does not name standard input '-'"
printf 'title = "x";\nactors = 3;\n' | "$bin" check - >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q '^-:2: ' "$tmp/e" && ! grep -q '/proc/self' "$tmp/e" && ok || bad "a scenario error from stdin: exit $rc, '$(cat "$tmp/e")'"

# The plain vector of 2^n - 1 coalition values (CoopGame's order): written by
# --values-out, read back by a scenario's `values = [ ... ]`, the same Shapley values
"$bin" coalition tests/data/coop/glove.cfg -c shapley --values-out "$tmp/v.txt" >/dev/null &&
  [ "$(cat "$tmp/v.txt")" = "0 0 0 1 1 0 1" ] && ok || bad "glove values vector: '$(cat "$tmp/v.txt")'"
M4=FR,UK,DE,PL,IT
"$bin" coalition configs/coalition-of-the-willing.cfg --members $M4 -c shapley -f csv --values-out "$tmp/v5.txt" >"$tmp/sh1.csv" &&
  [ "$(wc -w <"$tmp/v5.txt")" = 31 ] && ok || bad "5-member vector does not hold 31 values"
{ echo 'title = "from the vector";'
  echo 'coalition = { members = ( { id = "FR"; }, { id = "UK"; }, { id = "DE"; }, { id = "PL"; }, { id = "IT"; } );'
  echo "  values = [ $(sed 's/ /, /g' "$tmp/v5.txt") ]; };"; } >"$tmp/vec.cfg"
"$bin" coalition "$tmp/vec.cfg" -c shapley -f csv >"$tmp/sh2.csv" 2>"$tmp/e" && cmp -s "$tmp/sh1.csv" "$tmp/sh2.csv" && ok ||
  bad "Shapley from the exported vector differs: $(diff "$tmp/sh1.csv" "$tmp/sh2.csv" | head -4) $(cat "$tmp/e")"
"$bin" coalition configs/coalition-of-the-willing.cfg -c shapley --values-out "$tmp/v31.txt" >/dev/null 2>"$tmp/e"; rc=$?
[ $rc = 1 ] && grep -q 'at most 20 members' "$tmp/e" && [ ! -e "$tmp/v31.txt" ] && ok || bad "31 members: exit $rc"
fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
