#!/usr/bin/env bash
# tests/cli.sh ENTENTE_BIN — consistency of the command line: `entente help CMD` prints
# what `entente CMD --help` prints, for every command; a malformed --set is a usage error
# (exit 2) in every command that takes it; messages without a file:line start with
# "entente COMMAND: ". Last line: "N passed, N failed".
set -u
bin=$1
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
echo "$pass passed, $fail failed"
