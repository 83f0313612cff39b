#!/usr/bin/env bash
# bench/run.sh BENCH_DIR ENTENTE_BIN — runs the benchmark programs; each area keeps its part
# in its own function. Results and how they were measured: bench/README.md.
set -u
dir=$1
bin=${2:-}
: "$bin"

# --- graph model (bench_gmcr): 4 DMs, 2^16 states with 1 and 2 threads (5 runs each);
#     2^20 states only with GMCR_BENCH_LARGE=1 (about 2 minutes, 0.5 GB).
bench_gmcr() {
  [ -x "$dir/bench_gmcr" ] || return 0
  for t in 1 2; do OMP_NUM_THREADS=$t "$dir/bench_gmcr" 16 5 || return 1; done
  if [ "${GMCR_BENCH_LARGE:-0}" = 1 ]; then
    OMP_NUM_THREADS=2 "$dir/bench_gmcr" 20 5 || return 1
  fi
}

rc=0
bench_gmcr || rc=1
exit $rc
