# nfg-transform.awk — rewrite the payoffs of a Gambit .nfg in the payoff-list form that
# `entente convert --to nfg` writes (payoff lines hold only numbers: integers, decimals
# or fractions a/b) as exact text for payoff * 10^e + shift (variables e, -9..9, and
# shift, an integer). Used by tests/invariance.sh; exact while |values| < 2^53.
function pow10(k,   r) { r = 1; while (k-- > 0) r *= 10; return r }
function num_den(v,   neg, ip, fp, f) {
  if (v ~ /\//) { split(v, f, "/"); N = f[1] + 0; D = f[2] + 0; return }
  neg = v ~ /^-/; sub(/^[-+]/, "", v)
  ip = v; fp = ""
  if (v ~ /\./) { ip = substr(v, 1, index(v, ".") - 1); fp = substr(v, index(v, ".") + 1) }
  D = pow10(length(fp)); N = (ip + 0) * D + (fp == "" ? 0 : fp + 0)
  if (neg) N = -N
}
function emit(v) {
  num_den(v)
  if (e >= 0) N = N * pow10(e); else D = D * pow10(-e)
  N = N + shift * D
  return D == 1 ? sprintf("%.0f", N) : sprintf("%.0f/%.0f", N, D)
}
NR > 1 && /^[-+0-9.\/ \t]+$/ && /[0-9]/ {
  out = ""
  for (i = 1; i <= NF; i++) out = out (i > 1 ? " " : "") emit($i)
  print out
  next
}
{ print }
