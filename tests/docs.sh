#!/usr/bin/env bash
# tests/docs.sh ENTENTE_BIN — every document the project cites exists in the repository:
# each "NAME.md" path named in the sources, headers, scenarios, Makefile and documents
# must be a file, relative to the repository root (or, for a bare name, next to the
# citing file). Last line: "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
pass=0 fail=0
while IFS=: read -r file cited; do
  if [ -f "$cited" ] || { [[ $cited != */* ]] && [ -f "$(dirname "$file")/$cited" ]; }; then
    pass=$((pass + 1))
  else
    echo "docs: $file cites $cited, which is not in the repository"; fail=$((fail + 1))
  fi
done < <(grep -roE '[A-Za-z0-9_./-]*[A-Za-z0-9_]\.md\b' configs include games solver report cli \
           bench docs README.md Makefile 2>/dev/null | sort -u |
         grep -v ':report\.md$') # report.md: a file `entente report` writes, no document
# README opens with the default answer: it must be what `entente` prints today
bin=${1:-}
if [ -n "$bin" ] && [ -x "$bin" ]; then
  want=$(SOURCE_DATE_EPOCH=1767225600 "$bin" --width 80 2>/dev/null | sed -n '/^Answer$/,/^More: /p' | sed '$d')
  got=$(sed -n '/^<!-- default-answer:begin/,/^<!-- default-answer:end/p' README.md | sed '1,2d;$d' | sed '$d')
  if [ -n "$want" ] && [ "$want" = "$got" ]; then pass=$((pass + 1)); else
    echo "docs: README.md's default answer differs from what entente prints (replace the block between the default-answer markers with: entente | sed -n '/^Answer\$/,/^More: /p')"
    diff <(echo "$got") <(echo "$want") | head -20
    fail=$((fail + 1))
  fi
fi
echo "$pass passed, $fail failed"
