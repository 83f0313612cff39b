/* verify.c — independent equilibrium check. Given any mixed profile, computes every
 * player's expected payoff against the others' mixture for each pure strategy by one
 * direct pass over all profiles (prefix/suffix products of the others' probabilities,
 * long double accumulation), and returns the regret: best pure response minus actual.
 * Payoffs are taken relative to each player's smallest payoff, so an offset (payoffs
 * near 10^12) costs no precision, and every tolerance is relative to the payoff range
 * (the one place they are defined: ENT_TOL_* in entente.h). When the game is exact, a
 * profile can also be re-checked in rational arithmetic (GMP) after recovering the
 * fractions its probabilities round. It shares no code with the algorithms whose output
 * it checks. */
#include "entente.h"

#include <gmp.h>
#include <math.h>
#include <stdlib.h>

void ent_game_payoff_bounds(const ent_game *g, int player, double *lo, double *hi)
{
    double l = INFINITY, h = -INFINITY;
    const double *u = ent_game_payoffs(g, player);
    uint64_t np = ent_game_nprofiles(g);
    for (uint64_t i = 0; i < np; i++) {
        if (u[i] < l)
            l = u[i];
        if (u[i] > h)
            h = u[i];
    }
    *lo = l;
    *hi = h;
}

double ent_game_payoff_scale(const ent_game *g)
{
    double range = 0;
    for (int p = 0; p < ent_game_nplayers(g); p++) {
        double lo, hi;
        ent_game_payoff_bounds(g, p, &lo, &hi);
        if (hi - lo > range)
            range = hi - lo;
    }
    return range > 0 && isfinite(range) ? range : 1.0;
}

static void q_exact(const ent_game *g, int p, uint64_t i, mpq_t out)
{
    int64_t num, den;
    ent_game_get_exact(g, p, i, &num, &den);
    mpz_set_si(mpq_numref(out), (long)num);
    mpz_set_si(mpq_denref(out), (long)den);
    mpq_canonicalize(out);
}

/* 1 if every payoff of every player has an exact value. */
static int exact_complete(const ent_game *g)
{
    if (!ent_game_has_exact(g))
        return 0;
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < ent_game_nplayers(g); p++)
        for (uint64_t i = 0; i < np; i++) {
            int64_t num, den;
            ent_game_get_exact(g, p, i, &num, &den);
            if (den <= 0)
                return 0;
        }
    return 1;
}

/* Player p's exact smallest and largest payoff. */
static void exact_bounds(const ent_game *g, int p, mpq_t lo, mpq_t hi)
{
    mpq_t t;
    mpq_init(t);
    q_exact(g, p, 0, lo);
    mpq_set(hi, lo);
    for (uint64_t i = 1; i < ent_game_nprofiles(g); i++) {
        q_exact(g, p, i, t);
        if (mpq_cmp(t, lo) < 0)
            mpq_set(lo, t);
        if (mpq_cmp(t, hi) > 0)
            mpq_set(hi, t);
    }
    mpq_clear(t);
}

/* Player p's payoffs minus his smallest, divided by scale (> 0), from the exact table
 * (so an offset such as 10^9 + 1.131, which doubles do not hold, costs nothing). The
 * table must be complete (exact_complete). */
static void exact_normalise(const ent_game *g, int p, double *v, const mpq_t scale)
{
    mpq_t lo, hi, t;
    mpq_inits(lo, hi, t, NULL);
    exact_bounds(g, p, lo, hi);
    for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
        q_exact(g, p, i, t);
        mpq_sub(t, t, lo);
        mpq_div(t, t, scale);
        v[i] = mpq_get_d(t);
    }
    mpq_clears(lo, hi, t, NULL);
}

/* 1 if some exact payoff of player p is not exactly its double (den not a power of two
 * or |num| > 2^53). */
static int exact_inexact(const ent_game *g, int p)
{
    if (!ent_game_has_exact(g))
        return 0;
    uint64_t np = ent_game_nprofiles(g);
    for (uint64_t i = 0; i < np; i++) {
        int64_t num, den;
        ent_game_get_exact(g, p, i, &num, &den);
        if (den > 0 && ((den & (den - 1)) != 0 || num > ((int64_t)1 << 53) ||
                        num < -((int64_t)1 << 53)))
            return 1;
    }
    return 0;
}

int ent_game_normalise(const ent_game *g, ent_game **out, double *scale)
{
    ent_game *c;
    int rc = ent_game_clone(g, &c);
    if (rc != ENT_OK)
        return rc;
    double s = ent_game_payoff_scale(g);
    uint64_t np = ent_game_nprofiles(g);
    int n = ent_game_nplayers(g);
    if (exact_complete(g)) { /* the scale and every difference exact */
        mpq_t lo, hi, r, S;
        mpq_inits(lo, hi, r, S, NULL);
        for (int p = 0; p < n; p++) {
            exact_bounds(g, p, lo, hi);
            mpq_sub(r, hi, lo);
            if (mpq_cmp(r, S) > 0)
                mpq_set(S, r);
        }
        if (mpq_sgn(S) == 0)
            mpq_set_ui(S, 1, 1);
        s = mpq_get_d(S);
        for (int p = 0; p < n; p++)
            exact_normalise(g, p, ent_game_payoffs_mut(c, p), S);
        mpq_clears(lo, hi, r, S, NULL);
    } else {
        /* halves, so that a range beyond the largest double (payoffs of +-1e308) still
         * maps into [0, 1] */
        double half = 0;
        for (int p = 0; p < n; p++) {
            double lo, hi;
            ent_game_payoff_bounds(g, p, &lo, &hi);
            if (hi / 2 - lo / 2 > half)
                half = hi / 2 - lo / 2;
        }
        if (!(half > 0) || !isfinite(half))
            half = 0.5;
        s = 2 * half;
        for (int p = 0; p < n; p++) {
            double lo, hi;
            ent_game_payoff_bounds(g, p, &lo, &hi);
            const double *u = ent_game_payoffs(g, p);
            double *v = ent_game_payoffs_mut(c, p);
            for (uint64_t i = 0; i < np; i++)
                v[i] = (u[i] / 2 - lo / 2) / half;
        }
    }
    ent_game_clear_exact(c);
    *out = c;
    if (scale)
        *scale = s;
    return ENT_OK;
}

double ent_verify_tolerance(const ent_game *g)
{
    return ENT_TOL_REGRET * ent_game_payoff_scale(g);
}

int ent_verify_regrets(const ent_game *g, const double *mixed, double *regret, double *payoff)
{
    int n = ent_game_nplayers(g);
    int tot = ent_game_total_strategies(g);
    for (int p = 0; p < n; p++) {
        long double sum = 0;
        int off = ent_game_strategy_offset(g, p);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            double x = mixed[off + s];
            if (!(x >= -ENT_TOL_PROB) || !isfinite(x))
                return ENT_EINVAL;
            sum += x;
        }
        if (fabsl(sum - 1.0L) > 1e-9L)
            return ENT_EINVAL;
    }
    long double *val = (long double *)calloc((size_t)tot, sizeof(long double));
    long double *pre = (long double *)malloc(sizeof(long double) * (size_t)(n + 1));
    long double *suf = (long double *)malloc(sizeof(long double) * (size_t)(n + 1));
    double *ref = (double *)malloc(sizeof(double) * (size_t)n);
    int *prof = (int *)calloc((size_t)n, sizeof(int));
    if (!val || !pre || !suf || !prof || !ref) {
        free(val);
        free(pre);
        free(suf);
        free(prof);
        free(ref);
        return ENT_ENOMEM;
    }
    double **sh = (double **)calloc((size_t)n, sizeof(double *));
    if (!sh) {
        free(val);
        free(pre);
        free(suf);
        free(prof);
        free(ref);
        return ENT_ENOMEM;
    }
    for (int p = 0; p < n; p++) { /* each player's payoffs relative to the smallest */
        double hi;
        ent_game_payoff_bounds(g, p, &ref[p], &hi);
        /* exact payoffs the doubles do not hold (10^9 + 1.131): differences from the
         * exact table, in small games */
        if (exact_inexact(g, p) && ent_game_nprofiles(g) * (uint64_t)n <= ENT_EXACT_WORK &&
            exact_complete(g) &&
            (sh[p] = (double *)malloc(sizeof(double) * ent_game_nprofiles(g)))) {
            mpq_t one;
            mpq_init(one);
            mpq_set_ui(one, 1, 1);
            exact_normalise(g, p, sh[p], one);
            mpq_clear(one);
        }
    }
    uint64_t np = ent_game_nprofiles(g);
    for (uint64_t i = 0; i < np; i++) {
        pre[0] = 1;
        for (int p = 0; p < n; p++)
            pre[p + 1] = pre[p] * mixed[ent_game_strategy_offset(g, p) + prof[p]];
        suf[n] = 1;
        for (int p = n - 1; p >= 0; p--)
            suf[p] = suf[p + 1] * mixed[ent_game_strategy_offset(g, p) + prof[p]];
        for (int p = 0; p < n; p++) {
            long double w = pre[p] * suf[p + 1];
            if (w != 0)
                val[ent_game_strategy_offset(g, p) + prof[p]] +=
                    w * (sh[p] ? (long double)sh[p][i]
                               : (long double)ent_game_payoffs(g, p)[i] - (long double)ref[p]);
        }
        for (int p = 0; p < n; p++) { /* odometer, player 0 fastest */
            if (++prof[p] < ent_game_nstrategies(g, p))
                break;
            prof[p] = 0;
        }
    }
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p);
        long double best = -INFINITY, act = 0, mass = 0;
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            if (val[off + s] > best)
                best = val[off + s];
            act += mixed[off + s] * val[off + s];
            mass += mixed[off + s];
        }
        if (regret) {
            double r = (double)(best - act);
            regret[p] = r < 0 ? 0 : r;
        }
        if (payoff)
            payoff[p] = (double)(act + mass * (long double)ref[p]);
    }
    free(val);
    free(pre);
    free(suf);
    free(prof);
    free(ref);
    for (int p = 0; p < n; p++)
        free(sh[p]);
    free(sh);
    return ENT_OK;
}

double ent_verify_max_regret(const ent_game *g, const double *mixed)
{
    int n = ent_game_nplayers(g);
    double *r = (double *)malloc(sizeof(double) * (size_t)n);
    if (!r)
        return ENT_ENOMEM;
    int rc = ent_verify_regrets(g, mixed, r, NULL);
    double m = 0;
    for (int p = 0; p < n && rc == ENT_OK; p++)
        if (r[p] > m)
            m = r[p];
    free(r);
    return rc ? (double)rc : m;
}

/* The fraction h/k (k <= 2^31) with the smallest denominator within ENT_TOL_FRACTION of
 * x and within 10^-3 / k^2 (closer than chance: a generic number's convergents are only
 * within about 1 / k^2), by continued fractions; 0 if there is none. Only x within
 * 10^-15 of 0 is 0: a small probability such as 3e-12 is not rounded away. */
static int nearest_fraction(double x, int64_t *h, int64_t *k)
{
    if (fabs(x) <= 1e-15) { /* a 0 the algorithm wrote as rounding noise */
        *h = 0;
        *k = 1;
        return 1;
    }
    if (!(x > 0) || x > 1 + ENT_TOL_FRACTION)
        return 0;
    int64_t h1 = 1, h2 = 0, k1 = 0, k2 = 1;
    long double y = x;
    for (int it = 0; it < 64; it++) {
        long double a = floorl(y);
        if (a > 2147483648.0L)
            return 0;
        int64_t ai = (int64_t)a;
        int64_t hn = ai * h1 + h2, kn = ai * k1 + k2;
        if (kn > ((int64_t)1 << 31) || hn > ((int64_t)1 << 31))
            return 0;
        h2 = h1;
        h1 = hn;
        k2 = k1;
        k1 = kn;
        long double e = fabsl((long double)x - (long double)hn / (long double)kn);
        if (hn != 0 && e <= ENT_TOL_FRACTION && e * (long double)kn * (long double)kn <= 1e-3L) {
            *h = hn;
            *k = kn;
            return 1;
        }
        long double f = y - a;
        if (f <= 0)
            return 0;
        y = 1 / f;
    }
    return 0;
}

int ent_verify_exact(const ent_game *g, const double *mixed, double *regret)
{
    if (!ent_game_has_exact(g))
        return -1;
    int n = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    /* work: every player's strategies against the others' support profiles */
    int *supn = (int *)calloc((size_t)n, sizeof(int));
    int *sup = (int *)malloc(sizeof(int) * (size_t)tot);
    int *idx = (int *)calloc((size_t)n, sizeof(int));
    mpq_t *q = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)tot);
    mpq_t *val = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)tot);
    int rc = -1, nq = 0;
    mpq_t w, t, u, best, act, worst;
    mpq_inits(w, t, u, best, act, worst, NULL);
    if (!supn || !sup || !idx || !q || !val)
        goto out;
    for (; nq < tot; nq++) {
        mpq_init(q[nq]);
        mpq_init(val[nq]);
    }
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p);
        mpq_set_ui(t, 0, 1);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            int64_t h, k;
            if (!nearest_fraction(mixed[off + s], &h, &k))
                goto out;
            mpz_set_si(mpq_numref(q[off + s]), (long)h);
            mpz_set_si(mpq_denref(q[off + s]), (long)k);
            mpq_canonicalize(q[off + s]);
            mpq_add(t, t, q[off + s]);
            if (h != 0)
                sup[off + supn[p]++] = s;
        }
        if (mpq_cmp_ui(t, 1, 1) != 0)
            goto out; /* the fractions are not a probability vector */
    }
    double work = 0;
    for (int p = 0; p < n; p++) {
        double c = ent_game_nstrategies(g, p);
        for (int o = 0; o < n; o++)
            if (o != p)
                c *= supn[o];
        work += c;
    }
    if (work > (double)ENT_EXACT_WORK)
        goto out;
    mpq_set_ui(worst, 0, 1);
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p);
        uint64_t sp = ent_game_stride(g, p);
        for (int o = 0; o < n; o++)
            idx[o] = 0;
        for (;;) { /* odometer over the others' support profiles */
            uint64_t base = 0;
            mpq_set_ui(w, 1, 1);
            for (int o = 0; o < n; o++) {
                if (o == p)
                    continue;
                int s = sup[ent_game_strategy_offset(g, o) + idx[o]];
                base += (uint64_t)s * ent_game_stride(g, o);
                mpq_mul(w, w, q[ent_game_strategy_offset(g, o) + s]);
            }
            for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
                int64_t num, den;
                ent_game_get_exact(g, p, base + (uint64_t)s * sp, &num, &den);
                if (den <= 0)
                    goto out; /* a payoff without an exact value */
                mpz_set_si(mpq_numref(u), (long)num);
                mpz_set_si(mpq_denref(u), (long)den);
                mpq_canonicalize(u);
                mpq_mul(t, w, u);
                mpq_add(val[off + s], val[off + s], t);
            }
            int o = 0;
            for (; o < n; o++) {
                if (o == p)
                    continue;
                if (++idx[o] < supn[o])
                    break;
                idx[o] = 0;
            }
            if (o == n)
                break;
        }
        mpq_set(best, val[off]);
        mpq_set_ui(act, 0, 1);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            if (mpq_cmp(val[off + s], best) > 0)
                mpq_set(best, val[off + s]);
            mpq_mul(t, q[off + s], val[off + s]);
            mpq_add(act, act, t);
        }
        mpq_sub(t, best, act);
        if (mpq_cmp(t, worst) > 0)
            mpq_set(worst, t);
    }
    rc = mpq_sgn(worst) == 0;
    if (regret)
        *regret = mpq_get_d(worst);
out:
    for (int i = 0; i < nq; i++) {
        mpq_clear(q[i]);
        mpq_clear(val[i]);
    }
    mpq_clears(w, t, u, best, act, worst, NULL);
    free(supn);
    free(sup);
    free(idx);
    free(q);
    free(val);
    return rc;
}

int ent_verify_decide(const ent_game *g, const double *mixed, const double *regret)
{
    int n = ent_game_nplayers(g), fl = 1, tiny = 1;
    for (int p = 0; p < n; p++) {
        double lo, hi;
        ent_game_payoff_bounds(g, p, &lo, &hi);
        double range = hi - lo;
        if (regret[p] > ENT_TOL_REGRET * range)
            fl = 0;
        if (regret[p] > ENT_TOL_ROUNDING * range)
            tiny = 0;
    }
    int ex = ent_verify_exact(g, mixed, NULL);
    if (ex == 1)
        return 1;
    if (ex == 0 && !tiny)
        return 0; /* exact arithmetic confirms a regret floating point measured */
    return fl;
}
