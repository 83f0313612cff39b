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
# lrsnash, Lemke-Howson from all labels. Knobs: BENCH_SIZES (default "8 12 16 20"),
# BENCH_SEEDS (default "1 2 3"), BENCH_REPS runs per timing below 20x20 (default 5),
# BENCH_REPS_LARGE from 20x20 on (default 3), BENCH_LRS_TIMEOUT seconds per lrsnash run
# (default 120; a run that times out is shown as ">T" and the ratio as a lower bound,
# ">=X", and lrsnash is not repeated). `same`: 1 and 2 threads give the same equilibria
# (count and hash of the exact fractions) and, where lrsnash finished, so does lrsnash.
# Defaults take ~12 minutes (6 of them lrsnash timing out on 20x20, 3 lrsnash on 16x16).

# lrs_time REPS TIMEOUT FILE OUT : median wall seconds of lrsnash on FILE (its first
# output kept in OUT), or ">TIMEOUT" if a run did not finish in time
lrs_time() {
  local reps=$1 to=$2 f=$3 out=$4 i t0 t1
  for ((i = 0; i < reps; i++)); do
    t0=$(date +%s.%N)
    if ! timeout "$to" lrsnash "$f" >"$out.$i" 2>/dev/null; then
      rm -f "$out".*; echo ">$to"; return
    fi
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median_or_timeout
  mv "$out.0" "$out" 2>/dev/null; rm -f "$out".*
}
median_or_timeout() { local all; all=$(cat); if grep -q '>' <<<"$all"; then grep '>' <<<"$all" | head -1; else median <<<"$all"; fi; }

bench_bimatrix() {
  local b=$dir/bench_bimatrix to=${BENCH_LRS_TIMEOUT:-120}
  [ -x "$b" ] || { echo "bench_bimatrix not built"; return; }
  echo "two-player games: all extreme equilibria, ours vs lrsnash (median wall s; reps: ${BENCH_REPS:-5}, from 20x20 ${BENCH_REPS_LARGE:-3}; lrsnash timeout ${to} s)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  command -v gambit-enummixed >/dev/null || echo "(gambit-enummixed / gambit-lcp not on PATH: Gambit's tools are not packaged in Debian; not compared)"
  printf "%-6s %-5s %4s %10s %10s %10s %9s %8s %10s %s\n" size seed eqs enum_1t enum_2t lrsnash lrs/1t 1t/2t lemke_all same
  local tmp; tmp=$(mktemp)
  for size in ${BENCH_SIZES:-8 12 16 20}; do
    local reps=${BENCH_REPS:-5}
    [ "$size" -ge 20 ] && reps=${BENCH_REPS_LARGE:-3}
    for seed in ${BENCH_SEEDS:-1 2 3}; do
      "$b" lrs "$size" "$seed" "$tmp"
      local r1 r2 lh t1 t2 tl tlrs n1 n2 nl ratio same=yes
      r1=$(OMP_NUM_THREADS=1 "$b" run "$size" "$seed" enum "$reps")
      r2=$(OMP_NUM_THREADS=2 "$b" run "$size" "$seed" enum "$reps")
      lh=$(OMP_NUM_THREADS=1 "$b" run "$size" "$seed" lemke "$reps")
      t1=${r1%% *}; t2=${r2%% *}; tl=${lh%% *}
      n1=$(cut -d' ' -f2 <<<"$r1"); n2=$(cut -d' ' -f2 <<<"$r2")
      tlrs=$(lrs_time "$reps" "$to" "$tmp" "$tmp.lrs")
      [ "$(cut -d' ' -f3 <<<"$r1")" = "$(cut -d' ' -f3 <<<"$r2")" ] && [ "$n1" = "$n2" ] || same=NO
      if [[ $tlrs == ">"* ]]; then
        ratio=">=$(printf "%.1f" "$(echo "${tlrs#>} / $t1" | bc -l)")"
        [ "$same" = yes ] && same="yes(1t=2t; lrsnash unfinished)"
      else
        # same count and the same hash of the exact fractions as lrsnash's output
        nl=$("$b" lrshash "$size" "$tmp.lrs")
        [ "$n1 $(cut -d' ' -f3 <<<"$r1")" = "$nl" ] || same=NO
        ratio=$(printf "%.1f" "$(echo "$tlrs / $t1" | bc -l)")
        tlrs=$(printf "%.4f" "$tlrs")
      fi
      printf "%-6s %-5s %4s %10.4f %10.4f %10s %9s %8.2f %10.5f %s\n" "${size}x$size" "$seed" "$n1" \
        "$t1" "$t2" "$tlrs" "$ratio" "$(echo "$t1 / $t2" | bc -l)" "$tl" "$same"
    done
  done
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$tmp" "$tmp.lrs"
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
