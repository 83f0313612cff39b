#!/usr/bin/env bash
# tests/output-files.sh ENTENTE_BIN — how `solve -o FILE` and `convert IN OUT` write
# files: through a symbolic link (the target written, the link kept), into a FIFO (a
# reader receives everything), /dev/null, /dev/full (exit 1, one line, the device node
# untouched), /dev/stdout and process substitution, a missing folder and a directory
# (exit 1, nothing created), and the mode of new files (0666 & ~umask) and of replaced
# ones (kept). Ends with "N passed, N failed".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/sanitizers.bash"  # sanitizer exits 86; reports counted below
root=$(cd "$(dirname "$0")/.." && pwd)
game=$root/tests/known/pd.nfg
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "output-files: $*"; fail=$((fail + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

# the reference outputs, written to stdout
"$bin" solve "$game" >ref.txt || bad "solve to stdout failed"
"$bin" convert --to nfg "$game" - >ref.nfg || bad "convert to stdout failed"
[ -s ref.txt ] && [ -s ref.nfg ] || bad "empty reference output"

# one command writing to $2, for `solve` (s) and `convert` (c)
run() {
    if [ "$1" = s ]; then "$bin" solve "$game" -o "$2"; else "$bin" convert --to nfg "$game" "$2"; fi
}
ref() { if [ "$1" = s ]; then echo ref.txt; else echo ref.nfg; fi; }

for k in s c; do
    r=$(ref $k)
    # a symbolic link to a file that does not exist yet, and then to one that does
    mkdir -p d$k l$k && ln -s "../d$k/out$k" l$k/link
    run $k l$k/link 2>err$k
    check "$k: link to a new file: exit $?" "[ -L l$k/link ] && cmp -s d$k/out$k $r && [ ! -s err$k ]"
    echo old >d$k/out$k && chmod 640 d$k/out$k
    run $k l$k/link
    check "$k: link to an existing file" "[ -L l$k/link ] && cmp -s d$k/out$k $r"
    check "$k: mode kept through the link" "[ \$(stat -c %a d$k/out$k) = 640 ]"
    # a chain of two links; each relative target is taken from its link's folder
    ln -s "l$k/link" chain$k
    rm -f d$k/out$k
    run $k chain$k
    check "$k: chain of links" "[ -L chain$k ] && [ -L l$k/link ] && cmp -s d$k/out$k $r"
    # no temporary file is left behind
    check "$k: no temporary files left" "! ls -a d$k l$k . | grep -q tmp"

    # a FIFO: a reader receives the whole output; the FIFO stays a FIFO
    mkfifo fifo$k
    cat fifo$k >got$k &
    reader=$!
    run $k fifo$k
    st=$?
    wait $reader
    check "$k: FIFO exit $st" "[ $st = 0 ] && [ -p fifo$k ] && cmp -s got$k $r"

    # /dev/null: success, the device stays
    run $k /dev/null 2>err$k
    st=$?
    check "$k: /dev/null exit $st" "[ $st = 0 ] && [ -c /dev/null ] && [ ! -s err$k ]"

    # /dev/full: exit 1, one line naming the device and the error, the device untouched
    before=$(stat -c '%F %t:%T %a' /dev/full)
    run $k /dev/full 2>err$k
    st=$?
    check "$k: /dev/full exit $st" "[ $st = 1 ]"
    check "$k: /dev/full message: $(cat err$k)" \
        "[ \$(wc -l <err$k) = 1 ] && grep -q '^entente [a-z]*: /dev/full: writing failed: No space left on device$' err$k"
    check "$k: /dev/full untouched" "[ \"\$(stat -c '%F %t:%T %a' /dev/full)\" = \"$before\" ]"

    # /dev/stdout and process substitution
    run $k /dev/stdout >got$k
    check "$k: /dev/stdout" "cmp -s got$k $r"
    run $k >(cat >subst$k)
    st=$?
    sleep 0.2
    check "$k: process substitution exit $st" "[ $st = 0 ] && cmp -s subst$k $r"
    run $k /dev/stdout >>appended$k
    run $k /dev/stdout >>appended$k
    check "$k: /dev/stdout appends to a >> redirection" "cat $r $r | cmp -s - appended$k"

    # a missing folder, a directory: exit 1, one line, nothing created
    run $k nodir/out 2>err$k
    st=$?
    check "$k: missing folder exit $st" \
        "[ $st = 1 ] && [ ! -e nodir ] && [ \$(wc -l <err$k) = 1 ] && grep -q 'nodir/out: cannot create: No such file or directory' err$k"
    mkdir dir$k
    run $k dir$k 2>err$k
    st=$?
    check "$k: directory exit $st" \
        "[ $st = 1 ] && [ -d dir$k ] && [ -z \"\$(ls -A dir$k)\" ] && [ \$(wc -l <err$k) = 1 ]"

    # the mode of a new file follows the umask; a replaced file keeps its mode
    (umask 022 && run $k new022$k)
    (umask 077 && run $k new077$k)
    (umask 002 && run $k new002$k)
    check "$k: umask 022 -> 644" "[ \$(stat -c %a new022$k) = 644 ] && cmp -s new022$k $r"
    check "$k: umask 077 -> 600" "[ \$(stat -c %a new077$k) = 600 ]"
    check "$k: umask 002 -> 664" "[ \$(stat -c %a new002$k) = 664 ]"
    echo old >kept$k && chmod 604 kept$k
    (umask 077 && run $k kept$k)
    check "$k: existing mode 604 kept" "[ \$(stat -c %a kept$k) = 604 ] && cmp -s kept$k $r"
done

# a game whose text is larger than stdio's buffer: the write itself fails on /dev/full,
# and the message still names the reason
awk 'BEGIN { printf "NFG 1 R \"big\" { \"1\" \"2\" } { 60 60 }\n\n";
             for (i = 0; i < 3600; i++) printf "%d/7 %d\n", i, 3600 - i }' >big.nfg
"$bin" convert --to nfg big.nfg big-copy.nfg
check "big game converted" "[ \$(wc -c <big-copy.nfg) -gt 20000 ]"
"$bin" convert --to nfg big.nfg /dev/full 2>err
st=$?
check "big game to /dev/full exit $st: $(cat err)" \
    "[ $st = 1 ] && [ \$(wc -l <err) = 1 ] && grep -q '^entente [a-z]*: /dev/full: writing failed: No space left on device$' err"

fail=$((fail + $(sanitizer_failures)))
echo "$pass passed, $fail failed"
[ $fail = 0 ]
