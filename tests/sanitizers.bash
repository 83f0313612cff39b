# tests/sanitizers.bash — sourced by the shell suites (tests/*.sh). Under a sanitizer
# build, a sanitizer report ends the program with status 86, a status no check accepts
# (ASan's default, 1, is also entente's status for bad input), and
# no_sanitizer_report FILE... fails when one of the files holds a sanitizer report.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}exitcode=86"
no_sanitizer_report() {
  ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|ThreadSanitizer)|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$@"
}
