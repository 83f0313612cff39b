#!/usr/bin/env bash
# tests/report.sh ENTENTE_BIN — `entente report`, `entente verify-run` and
# `solve --manifest`: the default scenario's report folder opened in headless Chromium
# (no console error, every chart on the page, a screenshot that is not blank; a page
# with a script error is the control that the console check can fail); every SVG
# well-formed (xmllint) and rendered (rsvg-convert, not blank); every LaTeX table
# compiled with pdflatex (booktabs), labels full of special characters included; every
# table's JSON and the manifest validated against the schemas in report/; Markdown
# tables with one column count; manifest hashes re-checked with sha256sum; verify-run
# identical on a re-run and different after an edit; 1 and 2 threads byte-identical;
# --force, a refused folder, no temporary file left and no half-written file after
# SIGTERM at several moments; --digits. Ends with "N passed, N failed".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/sanitizers.bash"
root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
checks=$root/tests/report_checks.py
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "report: $*"; fail=$((fail + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1764806400 # fixed date: the files are reproducible
cd "$root" || exit 1

# 1. the default scenario's report
"$bin" report --out "$work/r" -t 2 2>"$work/r.err"
check "report exits 0 ($(head -c 300 "$work/r.err"))" "[ $? = 0 ]"
check "stderr names the folder" "grep -q 'files written to $work/r' '$work/r.err'"
for f in report.html report.md manifest.json montecarlo.svg sweep-bands-1.svg \
         sweep-payoffs-1.svg state-graph.svg montecarlo.csv montecarlo.json montecarlo.tex \
         gmcr_stability.csv gmcr_stability.json gmcr_stability.tex sweep.tex; do
    check "default report has $f" "[ -s '$work/r/$f' ]"
done
check "no temporary file left" "! ls -a '$work/r' | grep -q tmp"
charts=$(cd "$work/r" && ls *.svg | sed 's/\.svg$//' | tr '\n' ' ')

check "README's charts are the current ones (docs/charts)" "cmp -s docs/charts/sweep-bands-1.svg '$work/r/sweep-bands-1.svg' && cmp -s docs/charts/montecarlo.svg '$work/r/montecarlo.svg'"

# 2. SVG: well-formed, rendered, not blank
for c in $charts; do
    check "$c.svg is well-formed XML" "xmllint --noout '$work/r/$c.svg' 2>'$work/xl.err'"
    check "$c.svg renders" "rsvg-convert '$work/r/$c.svg' -o '$work/$c.png' 2>'$work/rs.err'"
    check "$c.svg is not blank" "$py '$checks' png '$work/$c.png' 8 0.01"
done
# the PNG check fails on a blank image (control)
printf '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50" fill="#fff"/></svg>' >"$work/blank.svg"
rsvg-convert "$work/blank.svg" -o "$work/blank.png"
check "a blank PNG is recognised" "! $py '$checks' png '$work/blank.png' 8 0.01 >/dev/null"

# 3. the page in headless Chromium: console, DOM, screenshot
chrome=$(command -v chromium || command -v chromium-browser || true)
run_chrome() { # FILE OUT_DOM SCREENSHOT LOG
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$work/chrome-profile" --enable-logging=stderr --v=0 \
        --virtual-time-budget=2000 "$@"
}
if [ -z "$chrome" ]; then
    bad "chromium is not installed (make deps installs it)"
elif ! run_chrome --dump-dom "file://$work/blank.svg" >/dev/null 2>"$work/probe.err"; then
    case $bin in
    */build/san-*)
        echo "report: SKIPPED the browser checks: chromium does not start in this sanitizer environment"
        ok ;;
    *) bad "chromium does not start: $(tail -n 3 "$work/probe.err")" ;;
    esac
else
    run_chrome --dump-dom "file://$work/r/report.html" >"$work/dom.html" 2>"$work/dom.err"
    check "chromium loads the page" "[ -s '$work/dom.html' ]"
    check "no console message on the page ($(grep -m1 CONSOLE "$work/dom.err"))" "! grep -q 'CONSOLE' '$work/dom.err'"
    # shellcheck disable=SC2086
    check "every chart is on the page" "$py '$checks' dom '$work/dom.html' $charts"
    run_chrome --screenshot="$work/shot.png" --window-size=1000,2000 "file://$work/r/report.html" \
        >/dev/null 2>"$work/shot.err"
    check "screenshot taken" "[ -s '$work/shot.png' ]"
    check "screenshot not blank" "$py '$checks' png '$work/shot.png' 32 0.02"
    # control: a script error is seen on the console
    printf '<!DOCTYPE html><html><body><p>x</p><script>no_such_function();</script></body></html>' >"$work/err.html"
    run_chrome --dump-dom "file://$work/err.html" >/dev/null 2>"$work/err.err"
    check "a console error is detected (control)" "grep -q 'CONSOLE' '$work/err.err'"
fi

# 4. LaTeX: every table compiles in a minimal document with booktabs
tex_doc() { # OUT FILE...
    local out=$1
    shift
    {
        printf '\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n'
        printf '\\begin{document}\n'
        for t in "$@"; do printf '\\input{%s}\n\\clearpage\n' "$t"; done
        printf '\\end{document}\n'
    } >"$out"
}
compile() { # DIR DOC
    (cd "$1" && timeout 120 pdflatex -interaction=nonstopmode -halt-on-error "$2" >/dev/null 2>&1)
}
"$bin" report tests/data/report/labels.nfg --out "$work/lab" 2>/dev/null
check "report of a game with special characters" "[ -s '$work/lab/security.tex' ]"
"$bin" solve tests/data/report/labels.nfg -f latex -o "$work/lab/whole.tex"
mkdir -p "$work/tex"
tex_doc "$work/tex/all.tex" "$work"/r/*.tex "$work"/lab/*.tex
if compile "$work/tex" all.tex; then
    ok
else
    for t in "$work"/r/*.tex "$work"/lab/*.tex; do
        tex_doc "$work/tex/one.tex" "$t"
        compile "$work/tex" one.tex || bad "pdflatex fails on $t: $(grep -m1 -A2 '^!' "$work/tex/one.log")"
    done
fi
check "the PDF of all tables is written" "[ -s '$work/tex/all.pdf' ]"
# control: an unescaped label does not compile
printf '\\begin{tabular}{l}\\toprule a_b & c%% \\\\\n\\bottomrule\\end{tabular}\n' >"$work/tex/raw.tex"
tex_doc "$work/tex/ctl.tex" "$work/tex/raw.tex"
check "an unescaped label fails to compile (control)" "! compile '$work/tex' ctl.tex"

# 5. JSON against the schemas; Markdown tables
tables=$(ls "$work"/r/*.json "$work"/lab/*.json | grep -v '/manifest\.json$' | tr '\n' ' ')
check "every table's JSON validates" "$py '$checks' tables report/table.schema.json $tables"
check "manifest.json validates" "$py '$checks' manifest report/manifest.schema.json '$work/r/manifest.json'"
echo '{"name": "t", "caption": "", "columns": [{"name": "a", "type": "integer"}], "rows": [{"a": "x"}]}' >"$work/badtable.json"
check "a wrong table JSON fails (control)" "! $py '$checks' tables report/table.schema.json '$work/badtable.json' >/dev/null"
check "Markdown tables keep their column count" "$py '$checks' markdown '$work/r/report.md' && $py '$checks' markdown '$work/lab/report.md'"
check "escaped pipe in Markdown" "grep -q 'up ~ ^ \\\\|pipe\\\\|' '$work/lab/report.md'"

# 6. manifest hashes with sha256sum; every file listed, the manifest itself not
$py -c '
import json, sys
m = json.load(open(sys.argv[1]))
for f in m["files"]:
    print(f["sha256"] + "  " + f["path"])
' "$work/r/manifest.json" >"$work/sums"
check "manifest hashes match sha256sum" "(cd '$work/r' && sha256sum --quiet -c '$work/sums')"
check "manifest lists every file" "[ \$(wc -l <'$work/sums') = \$(( \$(ls '$work/r' | wc -l) - 1 )) ]"
check "manifest records the command" "grep -q '\"--out\"' '$work/r/manifest.json'"

# 7. verify-run: identical, then different after an edit
"$bin" verify-run "$work/r/manifest.json" >"$work/vr.out" 2>&1
check "verify-run: identical (exit $?)" "[ $? = 0 ] && grep -q '^all [0-9]* files identical' '$work/vr.out'"
cp "$work/r/montecarlo.csv" "$work/mc.keep"
printf 'x' >>"$work/r/montecarlo.csv"
"$bin" verify-run "$work/r/manifest.json" >"$work/vr2.out" 2>&1
check "verify-run: an edited file differs (exit $?)" "[ $? = 1 ] && grep -q '^DIFFERENT  montecarlo.csv' '$work/vr2.out' && grep -q '^1 of ' '$work/vr2.out'"
cp "$work/mc.keep" "$work/r/montecarlo.csv"
mv "$work/r/sweep.tex" "$work/sweep.keep"
"$bin" verify-run "$work/r/manifest.json" >"$work/vr3.out" 2>&1
check "verify-run: a missing file differs" "[ $? = 1 ] && grep -q '^DIFFERENT  sweep.tex: missing' '$work/vr3.out'"
mv "$work/sweep.keep" "$work/r/sweep.tex"
"$bin" verify-run "$work/nothing.json" >/dev/null 2>"$work/vr4.err"
check "verify-run: a missing manifest is one line, exit 1" "[ $? = 1 ] && [ \$(wc -l <'$work/vr4.err') = 1 ]"
echo '{"program": "entente", "command": [], "files": []}' >"$work/badm.json"
"$bin" verify-run "$work/badm.json" >/dev/null 2>"$work/vr5.err"
check "verify-run: a malformed manifest says why" "[ $? = 1 ] && grep -q 'command' '$work/vr5.err'"

# 8. byte-identical for 1 and 2 threads (all but the manifest, which records -t)
"$bin" report --out "$work/r1" -t 1 2>/dev/null
check "1 and 2 threads: identical files" "diff -r -x manifest.json '$work/r1' '$work/r' >/dev/null"
check "1 and 2 threads: the manifests list the same files and hashes" "$py -c 'import json, sys; a, b = (json.load(open(f))[\"files\"] for f in sys.argv[1:]); sys.exit(a != b)' '$work/r1/manifest.json' '$work/r/manifest.json'"

# 9. a folder that is not empty, --force, not a folder
sum_before=$(cat "$work/r1"/* | sha256sum)
"$bin" report --out "$work/r1" 2>"$work/f.err"
check "a non-empty folder is refused (exit $?)" "[ $? = 1 ] && grep -q 'not empty' '$work/f.err' && [ \$(wc -l <'$work/f.err') = 1 ]"
check "the refused folder is untouched" "[ \"\$(cat '$work/r1'/* | sha256sum)\" = '$sum_before' ]"
touch "$work/r1/sweep-bands-9.svg"
"$bin" report --out "$work/r1" --force -c pure 2>/dev/null
check "--force replaces the report" "[ $? = 0 ] && [ ! -e '$work/r1/montecarlo.csv' ] && [ -e '$work/r1/security.csv' ]"
check "--force keeps files that are no report's" "[ -e '$work/r1/sweep-bands-9.svg' ]"
: >"$work/afile"
"$bin" report --out "$work/afile" 2>"$work/nf.err"
check "a file as the folder is refused" "[ $? = 1 ] && grep -q 'not a folder' '$work/nf.err'"
"$bin" report 2>/dev/null
check "--out is required (exit 2)" "[ $? = 2 ]"
"$bin" report tests/data/report/no-such.cfg --out "$work/none" 2>"$work/none.err"
check "bad input: one line, exit 1, no folder made" "[ $? = 1 ] && [ \$(wc -l <'$work/none.err') = 1 ] && [ ! -e '$work/none' ]"

# 10. SIGTERM at several moments: no temporary file, and every file there is complete
for d in 0.05 0.1 0.2 0.3 0.4 0.6; do
    rm -rf "$work/int"
    "$bin" report --out "$work/int" -t 1 2>/dev/null &
    pid=$!
    sleep "$d"
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    leftover=$(ls -a "$work/int" 2>/dev/null | grep tmp)
    check "SIGTERM after ${d}s: no temporary file ($leftover)" "[ -z '$leftover' ]"
    complete=1
    for f in "$work"/int/*; do
        [ -e "$f" ] || continue
        [ "$(basename "$f")" = manifest.json ] && continue
        cmp -s "$f" "$work/r1/$(basename "$f")" || cmp -s "$f" "$work/r/$(basename "$f")" || complete=0
    done
    check "SIGTERM after ${d}s: every file complete" "[ $complete = 1 ]"
done

# 11. a tree and a coalitional game: their charts
"$bin" report tests/data/efg/entry.efg --out "$work/efg" 2>/dev/null
check "report of a tree has the subgame-perfect path chart" "xmllint --noout '$work/efg/spe-tree.svg' && rsvg-convert '$work/efg/spe-tree.svg' -o '$work/spe.png' && $py '$checks' png '$work/spe.png' 8 0.005"
"$bin" report tests/data/coop/airport-vector.cfg --out "$work/coop" 2>/dev/null
check "report of a coalitional game has the allocations chart" "xmllint --noout '$work/coop/allocations.svg' && rsvg-convert '$work/coop/allocations.svg' -o '$work/alloc.png' && $py '$checks' png '$work/alloc.png' 8 0.01"
check "coalitional report: solutions table files" "[ -s '$work/coop/solutions.csv' ] && [ -s '$work/coop/solutions.tex' ]"
tex_doc "$work/tex/more.tex" "$work"/efg/*.tex "$work"/coop/*.tex
check "tree and coalition tables compile" "compile '$work/tex' more.tex"

# 12. solve --manifest and verify-run
mkdir -p "$work/s"
"$bin" solve tests/known/pd.nfg -f json -o "$work/s/pd.json" --manifest "$work/s/run.json"
check "solve --manifest (exit $?)" "[ $? = 0 ] && [ -s '$work/s/run.json' ]"
check "solve's manifest validates" "$py '$checks' manifest report/manifest.schema.json '$work/s/run.json'"
check "solve's manifest lists the output" "grep -q '\"path\": \"pd.json\"' '$work/s/run.json'"
"$bin" verify-run "$work/s/run.json" >"$work/s/v.out" 2>&1
check "verify-run of solve: identical" "[ $? = 0 ] && grep -q '^identical  pd.json' '$work/s/v.out'"
sed -i 's/Defect/Betray/' "$work/s/pd.json"
"$bin" verify-run "$work/s/run.json" >/dev/null 2>&1
check "verify-run of solve: an edited output differs" "[ $? = 1 ]"
"$bin" solve tests/known/pd.nfg --manifest "$work/s/x.json" >/dev/null 2>&1
check "--manifest without -o is a usage error" "[ $? = 2 ] && [ ! -e '$work/s/x.json' ]"

# 13. --digits: significant digits in every format
"$bin" solve --digits 3 -c montecarlo -f csv >"$work/d3.csv" 2>/dev/null
digits_ok() { # CSV: the number columns share, wilson_low, wilson_high have at most 3 digits
    $py -c '
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sig = lambda v: len(re.sub(r"^0*\.?0*", "", v.split("e")[0].replace("-", "").replace(".", "")).rstrip("0") or "0")
bad = [r[c] for r in rows for c in ("share", "wilson_low", "wilson_high") if sig(r[c]) > 3]
sys.exit(1 if bad or not rows or "0.424" not in [r["wilson_low"] for r in rows] else 0)' "$1"
}
check "--digits 3: at most 3 significant digits" "digits_ok '$work/d3.csv'"
"$bin" solve -c montecarlo -f csv >"$work/d12.csv" 2>/dev/null
check "without --digits: more digits (control)" "! digits_ok '$work/d12.csv'"
"$bin" solve --digits 0 >/dev/null 2>&1
check "--digits 0 is a usage error" "[ $? = 2 ]"

n=$(sanitizer_failures)
fail=$((fail + n))
echo "$pass passed, $fail failed"
