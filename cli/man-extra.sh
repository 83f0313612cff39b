#!/usr/bin/env bash
# man-extra.sh BIN — the help2man include file of entente.1: one section per command
# holding that command's --help text (the top-level --help is help2man's own input),
# and where the data files and the library's documentation are.
set -eu
bin=$1
for cmd in solve check coalition convert report verify-run; do
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$cmd")
  printf '[>DESCRIPTION]\n.SH "%s"\n.nf\n' "ENTENTE $upper"
  # roff: a leading dot or quote would start a request; backslashes are escapes
  "$bin" "$cmd" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n\n'
done
cat <<'TXT'
[FILES]
.TP
.I PREFIX/share/entente/configs/
scenario files; configs/README.md there is the scenario reference.
`entente` without a file solves configs/ukraine-2025.cfg from the working
folder, else from the data folder beside the installed program.
.TP
.I PREFIX/include/entente.h, PREFIX/lib/libentente.so
the C library (pkg-config name: entente); every concept of the program runs
through its analysis API (ent_analyze).
TXT
