#!/usr/bin/env bash
# bench/run.sh BENCH_DIR ENTENTE_BIN — runs every benchmark program built in BENCH_DIR
# (one per bench/*.c), in name order. Programs that need arguments have a function
# bench_<name> below; the others run with BENCH_ARGS (e.g. the number of runs). Each
# prints its own table; results and how they were measured: bench/README.md.
set -u
dir=$1
bin=${2:-}
: "$bin"

# --- graph model (bench_gmcr): 4 DMs, 2^16 states, 5 runs with 1 thread and with all
#     cores (the program does both); GMCR_BENCH_LARGE=1 adds 2^20 states (0.5 GB, minutes).
bench_gmcr() {
  "$dir/bench_gmcr" 5
}

status=0
for b in "$dir"/*; do
  [ -x "$b" ] && [ -f "$b" ] || continue
  name=$(basename "$b")
  echo "== $name"
  if declare -F "$name" >/dev/null; then
    "$name" || { echo "$name: failed"; status=1; }
  else
    "$b" ${BENCH_ARGS:-} || { echo "$name: failed"; status=1; }
  fi
  echo
done
echo "note: bench_pure does not run Gambit's gambit-enumpure (Gambit is not packaged in Debian 12)"
exit $status
