#!/usr/bin/env bash
# tests/install.sh ENTENTE_BIN UNIT_BIN — `make install` into a temporary prefix, then use
# what was installed as a user would: compile and run a C program with
# `pkg-config --cflags --libs entente`, read the man page with `man -l`, import the Python
# module, solve the default scenario from another folder; then `make uninstall` and a
# DESTDIR staging install. Ends with "N passed, N failed".
set -u
bin=$1 unit=$2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$(basename "$(dirname "$(dirname "$unit")")")
case $build in
  san-*) echo "install: skipped in the sanitizer build ($build); run by the plain make test"
         echo "0 passed, 0 failed"; exit 0 ;;
esac
knobs=()
[[ $build == *-noomp* ]] && knobs+=(OPENMP=0)
[[ $build == *-dbg* ]] && knobs+=(DEBUG=1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
pydir=$prefix/lib/python$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')/dist-packages
pass=0 fail=0
ok() { echo "install: ok   $1"; pass=$((pass + 1)); }
bad() { echo "install: FAIL $1"; [ -n "${2:-}" ] && sed -n 1,15p "$2"; fail=$((fail + 1)); }
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s "${knobs[@]}" "$@"; }

if mk install PREFIX="$prefix" >"$tmp/log" 2>&1; then ok "make install PREFIX=tmp"; else bad "make install" "$tmp/log"; fi
for f in bin/entente lib/libentente.a lib/libentente.so lib/libentente.so.0 include/entente.h \
         lib/pkgconfig/entente.pc share/man/man1/entente.1 share/entente/configs/ukraine-2025.cfg \
         share/entente/configs/classic/chicken.cfg ${pydir#$prefix/}/entente/__init__.py; do
  [ -e "$prefix/$f" ] || { bad "installed $f"; continue; }
done
soname=$(readelf -d "$prefix/lib/libentente.so" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libentente.so.0 ] && ok "soname libentente.so.0" || bad "soname is '$soname'"

# a C program built with pkg-config against the installed library
cat >"$tmp/prog.c" <<'C'
#include <entente.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    int ns[2] = {2, 2};
    ent_game *g;
    ent_report *r;
    ent_error err = {0, ""};
    char *csv;
    double u0[4] = {3, 5, 0, 1}, u1[4] = {3, 0, 5, 1}; /* prisoner's dilemma */
    if (ent_game_new(&g, 2, ns, NULL, &err))
        return 1;
    memcpy(ent_game_payoffs_mut(g, 0), u0, sizeof u0);
    memcpy(ent_game_payoffs_mut(g, 1), u1, sizeof u1);
    ent_game_set_strategy_label(g, 0, 1, "D");
    ent_game_set_strategy_label(g, 1, 1, "D");
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = "pure";
    if (ent_analyze(g, NULL, &o, &r, &err) || ent_report_write_string(r, ENT_FMT_CSV, NULL, &csv)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    printf("%d concepts\n%s", ent_concept_count(), csv);
    ent_free(csv);
    ent_report_free(&r);
    ent_game_free(&g);
    return 0;
}
C
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
flags=$(pkg-config --cflags --libs entente 2>"$tmp/log") || bad "pkg-config entente" "$tmp/log"
if cc "$tmp/prog.c" -o "$tmp/prog" $flags 2>"$tmp/log"; then ok "cc prog.c \$(pkg-config --cflags --libs entente)"; else bad "compile with pkg-config" "$tmp/log"; fi
if LD_LIBRARY_PATH=$prefix/lib "$tmp/prog" >"$tmp/out" 2>&1 &&
   grep -qx 'pure,1,D / D,0,1,0,1,1,1,0,strict' "$tmp/out" && grep -qE '^[0-9]+ concepts$' "$tmp/out"; then
  ok "C program runs on libentente.so (D / D found)"
else bad "C program output" "$tmp/out"; fi
LD_LIBRARY_PATH=$prefix/lib ldd "$tmp/prog" | grep -q "libentente.so.0 => $prefix/lib/" &&
  ok "linked to the installed shared library" || bad "not linked to $prefix/lib/libentente.so.0"
nm "$prefix/lib/libentente.a" 2>/dev/null | grep -q ' T ent_analyze$' && ok "static library has ent_analyze" || bad "static library"

# the man page
if man -l "$prefix/share/man/man1/entente.1" 2>"$tmp/log" | grep -q 'ENTENTE SOLVE'; then ok "man -l entente.1"; else bad "man -l" "$tmp/log"; fi
MANPATH=$prefix/share/man man -w entente 2>/dev/null | grep -q "^$prefix/share/man/man1/entente.1" &&
  ok "man entente finds the page" || bad "man entente"

# the Python module, from another folder: it must find the installed library
if (cd / && PYTHONPATH=$pydir PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c "
import entente, entente._lib as L
assert L.lib._name.startswith('$prefix/lib/'), L.lib._name
g = entente.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
rows = entente.solve(g, 'pure').table('equilibria', frame=False)
assert [r['outcome'] for r in rows] == ['2 / 2'], rows
print(len(entente.concepts()))
") >"$tmp/out" 2>&1; then ok "python3: import entente from the prefix"; else bad "python import" "$tmp/out"; fi

# the installed program finds its data beside itself, from any folder
if (cd "$tmp" && "$prefix/bin/entente" solve -f csv) >"$tmp/out" 2>&1 && (cd "$root" && "$bin" solve -f csv) | cmp -s - "$tmp/out"; then
  ok "installed entente solves the default scenario from its data folder"
else bad "default scenario from the installed program" "$tmp/out"; fi

# uninstall leaves nothing behind
mk uninstall PREFIX="$prefix" >"$tmp/log" 2>&1 || bad "make uninstall" "$tmp/log"
left=$(find "$prefix" -type f -o -type l | head -n 5)
[ -z "$left" ] && ok "make uninstall removes every file" || bad "left after uninstall: $left"

# DESTDIR stages under a folder without touching PREFIX
if mk install PREFIX=/opt/entente-test DESTDIR="$tmp/stage" >"$tmp/log" 2>&1 &&
   [ -x "$tmp/stage/opt/entente-test/bin/entente" ] && [ ! -e /opt/entente-test ] &&
   grep -qx 'prefix=/opt/entente-test' "$tmp/stage/opt/entente-test/lib/pkgconfig/entente.pc"; then
  ok "DESTDIR staging"
else bad "DESTDIR staging" "$tmp/log"; fi
echo "$pass passed, $fail failed"
