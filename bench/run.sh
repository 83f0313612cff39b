#!/usr/bin/env bash
# bench/run.sh BENCH_DIR ENTENTE_BIN — runs every benchmark program built in BENCH_DIR
# (one per bench/*.c), in name order. Programs that need arguments have a function
# bench_<name> below; the others run with BENCH_ARGS (e.g. the number of runs). Each
# prints its own table; results and how they were measured: bench/README.md.
set -u
dir=$1
bin=${2:-}
: "$bin"

# --- graph model (bench_gmcr): 4 DMs, 2^16 states with 1 and 2 threads (5 runs each);
#     2^20 states only with GMCR_BENCH_LARGE=1 (about 2 minutes, 0.5 GB).
bench_gmcr() {
  for t in 1 2; do OMP_NUM_THREADS=$t "$dir/bench_gmcr" 16 5 || return 1; done
  if [ "${GMCR_BENCH_LARGE:-0}" = 1 ]; then
    OMP_NUM_THREADS=2 "$dir/bench_gmcr" 20 5 || return 1
  fi
}

# --- correlated equilibria and QRE (bench_correlated): welfare-maximising CE of random
#     4x8 (4,096 profiles), 6x6 (46,656) and 10x3 (59,049) games, QRE paths; 5 runs each.
bench_correlated() {
  "$dir/bench_correlated" 5
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
command -v gambit-enumpure >/dev/null 2>&1 ||
  echo "note: gambit-enumpure is not on PATH (Gambit is not packaged in Debian 12): no comparison run"
exit $status
