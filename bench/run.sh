#!/usr/bin/env bash
# bench/run.sh BENCH_DIR ENTENTE_BIN — runs every benchmark program built in BENCH_DIR
# (one per bench/*.c), in name order. Each prints its own table; see bench/README.md.
# Set BENCH_ARGS to pass arguments (e.g. the number of runs) to every program.
set -u
dir=$1
status=0
for b in "$dir"/*; do
  [ -x "$b" ] && [ -f "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" ${BENCH_ARGS:-} || { echo "$(basename "$b"): failed"; status=1; }
  echo
done
command -v gambit-enumpure >/dev/null 2>&1 ||
  echo "note: gambit-enumpure is not on PATH (Gambit is not packaged in Debian 12): no comparison run"
exit $status
