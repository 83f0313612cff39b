/* npoly.c — all Nash equilibria of small n-player games by support enumeration (the
 * approach of McKelvey & McLennan 1996, Handbook of Computational Economics, §6, and of
 * Gambit's enumpoly). Each support profile gives a polynomial system (indifference on the
 * support, probabilities summing to one); we solve it by Levenberg-Marquardt from several
 * seeded starting points instead of a complete polynomial method, so the enumeration is
 * NOT guaranteed complete: callers must say so. Every solution is checked by
 * ent_verify_regrets (best responses over all strategies, nonnegativity). */
#define _GNU_SOURCE
#include "entente.h"
#include "nplayer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ent_npoly_opts_init(ent_npoly_opts *o)
{
    o->starts = 24;
    o->seed = 1;
    o->max_supports = 1000000;
    o->max_time = 0;
}

void ent_npoly_result_clear(ent_npoly_result *r)
{
    free(r->eq);
    memset(r, 0, sizeof *r);
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double unif(uint64_t *s) { return (double)(splitmix(s) >> 11) * 0x1.0p-53; }

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Lexicographic descending order of profiles (for a deterministic listing). */
static int cmp_desc(const void *a, const void *b, void *arg)
{
    const double *x = (const double *)a, *y = (const double *)b;
    int T = *(const int *)arg;
    for (int i = 0; i < T; i++) {
        if (x[i] > y[i] + 1e-9)
            return -1;
        if (x[i] < y[i] - 1e-9)
            return 1;
    }
    return 0;
}

static int npoly_unit(const ent_game *g, const ent_npoly_opts *o, ent_npoly_result *out,
                      ent_error *err);

int ent_nash_npoly(const ent_game *g, const ent_npoly_opts *o, ent_npoly_result *out,
                   ent_error *err)
{
    ent_game *gn;
    memset(out, 0, sizeof *out);
    if (ent_game_normalise(g, &gn, NULL) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "support enumeration: out of memory");
    int rc = npoly_unit(gn, o, out, err);
    ent_game_free(&gn);
    return rc;
}

/* The same on a normalised game (payoff range 1): every step and tolerance unit-free. */
static int npoly_unit(const ent_game *g, const ent_npoly_opts *o, ent_npoly_result *out,
                      ent_error *err)
{
    ent_npoly_opts def;
    if (!o) {
        ent_npoly_opts_init(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    int n = ent_game_nplayers(g), T = ent_game_total_strategies(g);
    if (n > 64)
        return ent_error_set(err, ENT_ETOOBIG, "support enumeration: %d players exceed 64", n);
    double nsup = 1;
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        if (m > 30)
            return ent_error_set(err, ENT_ETOOBIG,
                                 "support enumeration: player %d has %d strategies (limit 30)",
                                 p + 1, m);
        nsup *= (double)((1ULL << m) - 1);
    }
    if (nsup > (double)o->max_supports)
        return ent_error_set(err, ENT_ETOOBIG,
                             "support enumeration: %.0f support profiles exceed the limit of %lu",
                             nsup, o->max_supports);
    double tol = ent_verify_tolerance(g), scale = tol / 1e-9;
    unsigned char *sup = (unsigned char *)calloc((size_t)T, 1);
    int *mask = (int *)calloc((size_t)n, sizeof(int));
    double *x = (double *)malloc(sizeof(double) * (size_t)T);
    ent_np_ws ws = {NULL, NULL};
    size_t cap = 16;
    out->eq = (double *)malloc(sizeof(double) * (size_t)T * cap);
    int rc = ENT_OK;
    if (!sup || !mask || !x || !out->eq || ent_np_ws_init(&ws, g) != ENT_OK) {
        rc = ent_error_set(err, ENT_ENOMEM, "support enumeration: out of memory");
        goto done;
    }
    for (int p = 0; p < n; p++)
        mask[p] = 1;
    double t0 = now_s();
    unsigned long si = 0;
    for (;;) {
        for (int p = 0; p < n; p++) {
            int off = ent_game_strategy_offset(g, p);
            for (int t = 0; t < ent_game_nstrategies(g, p); t++)
                sup[off + t] = (unsigned char)((mask[p] >> t) & 1);
        }
        uint64_t rs = (uint64_t)o->seed * 0x100000001b3ULL + si;
        /* with two players the support system is linear: one Newton solve is exact */
        int starts = n == 2 ? 1 : o->starts;
        for (int st = 0; st < starts; st++) {
            /* start 0: uniform on the support; others: random points of the simplex */
            for (int p = 0; p < n; p++) {
                int off = ent_game_strategy_offset(g, p);
                double sum = 0;
                for (int t = 0; t < ent_game_nstrategies(g, p); t++) {
                    double r = st == 0 ? 1.0 : -log(1e-300 + unif(&rs));
                    x[off + t] = sup[off + t] ? r : 0;
                    sum += x[off + t];
                }
                for (int t = 0; t < ent_game_nstrategies(g, p); t++)
                    x[off + t] /= sum;
            }
            int ok = ent_np_support_newton(g, sup, x, scale, &ws);
            if (ok < 0) {
                rc = ent_error_set(err, ok, "support enumeration: out of memory");
                goto done;
            }
            if (!ok)
                continue;
            int bad = 0;
            for (int i = 0; i < T; i++) {
                if (x[i] < -1e-10)
                    bad = 1;
                if (x[i] < 0)
                    x[i] = 0;
            }
            if (bad)
                continue;
            for (int p = 0; p < n; p++) { /* renormalise after clipping */
                int off = ent_game_strategy_offset(g, p);
                double sum = 0;
                for (int t = 0; t < ent_game_nstrategies(g, p); t++)
                    sum += x[off + t];
                for (int t = 0; t < ent_game_nstrategies(g, p); t++)
                    x[off + t] /= sum;
            }
            double r = ent_verify_max_regret(g, x);
            if (r < 0 || r > tol)
                continue;
            int dup = 0;
            for (int e = 0; e < out->neq && !dup; e++) {
                double d = 0;
                for (int i = 0; i < T; i++)
                    d = fmax(d, fabs(out->eq[(size_t)e * T + i] - x[i]));
                dup = d < 1e-7;
            }
            if (dup)
                continue;
            if ((size_t)out->neq == cap) {
                double *ne = (double *)realloc(out->eq, sizeof(double) * (size_t)T * cap * 2);
                if (!ne) {
                    rc = ent_error_set(err, ENT_ENOMEM, "support enumeration: out of memory");
                    goto done;
                }
                out->eq = ne;
                cap *= 2;
            }
            memcpy(out->eq + (size_t)out->neq * T, x, sizeof(double) * (size_t)T);
            out->neq++;
        }
        si++;
        out->supports = si;
        if (ent_interrupted() || (o->max_time > 0 && now_s() - t0 > o->max_time)) {
            rc = ent_error_set(err, ENT_ETIMEOUT,
                               "support enumeration: time limit reached after %lu supports", si);
            break;
        }
        int p = 0;
        for (; p < n; p++) {
            if (++mask[p] < (1 << ent_game_nstrategies(g, p)))
                break;
            mask[p] = 1;
        }
        if (p == n)
            break;
    }
    if (out->neq > 1)
        qsort_r(out->eq, (size_t)out->neq, sizeof(double) * (size_t)T, cmp_desc, &T);
done:
    ent_np_ws_free(&ws);
    free(sup);
    free(mask);
    free(x);
    if (rc != ENT_OK && rc != ENT_ETIMEOUT)
        ent_npoly_result_clear(out);
    return rc;
}
