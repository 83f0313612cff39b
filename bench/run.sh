#!/usr/bin/env bash
# bench/run.sh BENCH_DIR ENTENTE_BIN — runs every benchmark program built in BENCH_DIR
# (one per bench/*.c), in name order. Programs that need arguments have a function
# bench_<name> below; the others run with BENCH_ARGS (e.g. the number of runs). Each
# prints its own table; results and how they were measured: bench/README.md.
set -u
dir=$1
bin=${2:-}
: "$bin"

# --- graph model (bench_gmcr): 2^16 states with 4 DMs and with 2 DMs (SIM), coalitional
#     concepts on 2^10 states; 5 interleaved pairs of 1-thread and all-core runs (the
#     program does both); GMCR_BENCH_LARGE=1 adds 2^20 states and coalitional 2^11.
bench_gmcr() {
  "$dir/bench_gmcr" 5
}

# median of the numbers on stdin (used by bench_bimatrix)
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else print a[int((NR + 1) / 2)]}'; }

# time_cmd REPS CMD... : median wall seconds of REPS runs (stdout of CMD discarded)
time_cmd() {
  local reps=$1; shift
  for ((i = 0; i < reps; i++)); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median
}

# ---------------------------------------------------------------- two-player games
# Random integer games (payoffs uniform in -1000..1000, same generator as
# bench_bimatrix): all extreme equilibria by vertex enumeration (1 and 2 threads) vs
# lrsnash, Lemke-Howson from all labels. BENCH_REPS (default 5) runs per timing,
# BENCH_SIZES (default "8 12 16"; add 20 for the long run), BENCH_SEEDS (default "1 2 3").
bench_bimatrix() {
  local b=$dir/bench_bimatrix reps=${BENCH_REPS:-5}
  [ -x "$b" ] || { echo "bench_bimatrix not built"; return; }
  echo "two-player games: vertex enumeration vs lrsnash (median of $reps runs, wall s)"
  command -v gambit-enummixed >/dev/null || echo "(gambit-enummixed / gambit-lcp not on PATH: Gambit's tools are not packaged in Debian; not compared)"
  printf "%-6s %-5s %4s %10s %10s %10s %8s %8s %10s %s\n" size seed eqs enum_1t enum_2t lrsnash lrs/1t 1t/2t lemke_all same
  local tmp; tmp=$(mktemp)
  for size in ${BENCH_SIZES:-8 12 16}; do
    for seed in ${BENCH_SEEDS:-1 2 3}; do
      "$b" lrs "$size" "$seed" "$tmp"
      local r1 r2 lh t1 t2 tl tlrs n1 n2 nl
      r1=$(OMP_NUM_THREADS=1 "$b" run "$size" "$seed" enum "$reps")
      r2=$(OMP_NUM_THREADS=2 "$b" run "$size" "$seed" enum "$reps")
      lh=$(OMP_NUM_THREADS=1 "$b" run "$size" "$seed" lemke "$reps")
      t1=${r1%% *}; t2=${r2%% *}; tl=${lh%% *}
      n1=$(cut -d' ' -f2 <<<"$r1"); n2=$(cut -d' ' -f2 <<<"$r2")
      nl=$(lrsnash "$tmp" 2>/dev/null | sed -n 's/^\*Number of equilibria found: //p')
      tlrs=$(time_cmd "$reps" lrsnash "$tmp")
      local same=yes
      [ "$n1" = "$nl" ] && [ "$n2" = "$nl" ] && [ "$(cut -d' ' -f3 <<<"$r1")" = "$(cut -d' ' -f3 <<<"$r2")" ] || same=NO
      printf "%-6s %-5s %4s %10.4f %10.4f %10.4f %8.1f %8.2f %10.5f %s\n" "${size}x$size" "$seed" "$n1" \
        "$t1" "$t2" "$tlrs" "$(echo "$tlrs / $t1" | bc -l)" "$(echo "$t1 / $t2" | bc -l)" "$tl" "$same"
    done
  done
  rm -f "$tmp"
}

# --- correlated equilibria and QRE (bench_correlated): welfare-maximising CE of random
#     4x8 (4,096 profiles), 6x6 (46,656) and 10x3 (59,049) games, QRE paths; 5 runs each.
bench_correlated() {
  "$dir/bench_correlated" 5
}

# --- sweeps and Monte Carlo (bench_batch): 20,000 samples of configs/ukraine-2025.cfg
#     with 1 and 2 threads against the draw+fill loop alone; 5 runs.
bench_batch() {
  "$dir/bench_batch" 5 20000
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
