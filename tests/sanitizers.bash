# tests/sanitizers.bash — sourced by the shell suites (tests/*.sh). Under a sanitizer
# build, a sanitizer report ends the program with status 86, a status no check accepts
# (ASan's default, 1, is also entente's status for bad input), and the report is also
# written to a file under $san_dir: sanitizer_failures (called once, before the suite's
# summary line) prints each report and gives their number, counted as failures.
# no_sanitizer_report FILE... fails when one of the files holds a report on stderr.
san_dir=$(mktemp -d)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:log_path=$san_dir/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86:log_path=$san_dir/ubsan"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}exitcode=86"
no_sanitizer_report() {
  ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|ThreadSanitizer)|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$@"
}
sanitizer_failures() {
  local n=0 f
  for f in "$san_dir"/*; do
    [ -e "$f" ] || continue
    echo "sanitizer report ($(basename "$f")):" >&2
    head -n 30 "$f" >&2
    n=$((n + 1))
  done
  rm -rf "$san_dir"
  echo $n
}
