#!/usr/bin/env bash
# tests/python.sh ENTENTE_BIN UNIT_BIN — the Python module's pytest suite (python/tests)
# against the shared library of the same build; ends with "N passed, N failed".
# A sanitizer build's library cannot be loaded into an uninstrumented Python: those
# builds leave this suite to the plain build (and say so).
set -u
bin=$1 unit=$2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$(dirname "$(dirname "$unit")")
case $(basename "$build") in
  san-*) echo "python: skipped in the sanitizer build ($(basename "$build")); run by the plain make test"
         echo "0 passed, 0 failed"; exit 0 ;;
esac
log=$(mktemp)
ENTENTE_LIB="$build/libentente.so.0" ENTENTE_BIN="$bin" PYTHONPATH="$root/python" \
  PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests >"$log" 2>&1
rc=$?
tail -n 25 "$log"
p=$(grep -oE '[0-9]+ passed' "$log" | tail -n 1 | cut -d' ' -f1)
f=$(grep -oE '[0-9]+ (failed|error)' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"
p=${p:-0}
[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
echo "python: $p passed, $f failed"
echo "$p passed, $f failed"
