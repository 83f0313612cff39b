/* pure.c — pure-strategy analysis of n-player normal-form games: enumeration of all pure
 * Nash equilibria (best-response maxima along each player's axis, one pass per player,
 * OpenMP over blocks of lines), iterated elimination of strategies strictly dominated by
 * pure strategies, and pure maxmin (security) levels.
 * Definitions: Nash (1951), "Non-cooperative games"; Osborne & Rubinstein, "A Course in
 * Game Theory" (1994), §2.2 (Nash equilibrium), §4.2 (iterated strict dominance), §2.5
 * (maxminimization). */
#include "entente.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* Mark bits, one byte per profile: every player processed so far best-responds there
 * (BR), and does so uniquely (STRICT). */
enum { M_BR = 1, M_STRICT = 2 };

/* Longest run of lines handled together: n rows of `len` doubles each stay in cache. */
enum { CHUNK_MAX = 1024, CHUNK_BYTES = 1 << 17 };

/* Fixed number of slices for collecting results (independent of the thread count). */
enum { COLLECT_SLICES = 64 };

void ent_pure_opts_init(ent_pure_opts *o)
{
    o->threads = 0;
    o->max_report = 0;
}

static int thread_count(int requested, uint64_t work)
{
#ifdef _OPENMP
    int t = requested > 0 ? requested : omp_get_max_threads();
    if (work < 16384)
        t = 1;
    return t < 1 ? 1 : t;
#else
    (void)requested;
    (void)work;
    return 1;
#endif
}

/* Lines of stride 1 (player p has stride 1): line j covers u[j*n .. j*n+n-1]. */
static void lines_contiguous(const double *u, unsigned char *mark, uint64_t first, uint64_t last,
                             int n, int prune)
{
    for (uint64_t j = first; j < last; j++) {
        const double *x = u + j * (uint64_t)n;
        unsigned char *m = mark + j * (uint64_t)n;
        if (prune) {
            unsigned char any = 0;
            for (int k = 0; k < n; k++)
                any |= m[k];
            if (!any)
                continue;
        }
        double mx = x[0];
        int cnt = 1;
        for (int k = 1; k < n; k++) {
            double v = x[k];
            cnt = v > mx ? 1 : cnt + (v == mx);
            mx = v > mx ? v : mx;
        }
        unsigned char hit = cnt == 1 ? (M_BR | M_STRICT) : M_BR;
        for (int k = 0; k < n; k++)
            m[k] &= x[k] == mx ? hit : 0;
    }
}

/* `len` adjacent lines of stride s starting at base: line j has elements
 * u[base + j + k*s], k = 0..n-1. mx/cnt are scratch of at least len entries. */
static void lines_strided(const double *u, unsigned char *mark, uint64_t base, uint64_t s,
                          int n, int len, int prune, double *mx, int *cnt)
{
    if (prune) {
        unsigned char any = 0;
        for (int k = 0; k < n && !any; k++) {
            const unsigned char *m = mark + base + (uint64_t)k * s;
            for (int j = 0; j < len; j++)
                any |= m[j];
        }
        if (!any)
            return;
    }
    const double *x0 = u + base;
    for (int j = 0; j < len; j++) {
        mx[j] = x0[j];
        cnt[j] = 1;
    }
    for (int k = 1; k < n; k++) {
        const double *x = u + base + (uint64_t)k * s;
        for (int j = 0; j < len; j++) {
            double v = x[j], c = mx[j];
            cnt[j] = v > c ? 1 : cnt[j] + (v == c);
            mx[j] = v > c ? v : c;
        }
    }
    for (int k = 0; k < n; k++) {
        const double *x = u + base + (uint64_t)k * s;
        unsigned char *m = mark + base + (uint64_t)k * s;
        for (int j = 0; j < len; j++) {
            unsigned char hit = cnt[j] == 1 ? (M_BR | M_STRICT) : M_BR;
            m[j] &= x[j] == mx[j] ? hit : 0;
        }
    }
}

int ent_pure_nash(const ent_game *g, const ent_pure_opts *opts, ent_pure_eq **eqs,
                  size_t *count, uint64_t *total, ent_error *err)
{
    ent_pure_opts def;
    if (!opts) {
        ent_pure_opts_init(&def);
        opts = &def;
    }
    *eqs = NULL;
    *count = 0;
    *total = 0;
    int np = ent_game_nplayers(g);
    uint64_t nprof = ent_game_nprofiles(g);
    unsigned char *mark = (unsigned char *)malloc((size_t)nprof);
    if (!mark)
        return ent_error_set(err, ENT_ENOMEM,
                             "out of memory: %llu bytes of scratch for pure equilibria",
                             (unsigned long long)nprof);
    memset(mark, M_BR | M_STRICT, (size_t)nprof);
    int nt = thread_count(opts->threads, nprof);
    uint64_t slice_count[COLLECT_SLICES], slice_start[COLLECT_SLICES];
    uint64_t slice = (nprof + COLLECT_SLICES - 1) / COLLECT_SLICES;
    int done_first = 0;

#pragma omp parallel num_threads(nt)
    {
        double mx[CHUNK_MAX];
        int cnt[CHUNK_MAX];
        for (int p = 0; p < np; p++) {
            int n = ent_game_nstrategies(g, p);
            if (n == 1)
                continue; /* the only strategy is the unique best response */
            const double *u = ent_game_payoffs(g, p);
            uint64_t s = ent_game_stride(g, p), blk = s * (uint64_t)n;
            uint64_t nblocks = nprof / blk;
            int prune = done_first;
            if (s == 1) {
                uint64_t per = 256;
                uint64_t units = (nblocks + per - 1) / per;
#pragma omp for schedule(static)
                for (uint64_t w = 0; w < units; w++) {
                    uint64_t a = w * per, b = a + per < nblocks ? a + per : nblocks;
                    lines_contiguous(u, mark, a, b, n, prune);
                }
            } else {
                uint64_t len = CHUNK_BYTES / (sizeof(double) * (uint64_t)n);
                if (len > CHUNK_MAX)
                    len = CHUNK_MAX;
                if (len < 8)
                    len = 8;
                if (len > s)
                    len = s;
                uint64_t nch = (s + len - 1) / len, units = nblocks * nch;
#pragma omp for schedule(static)
                for (uint64_t w = 0; w < units; w++) {
                    uint64_t h = w / nch, c = w % nch;
                    uint64_t lo = c * len, l = lo + len <= s ? len : s - lo;
                    lines_strided(u, mark, h * blk + lo, s, n, (int)l, prune, mx, cnt);
                }
            }
#pragma omp single
            done_first = 1;
        }
        /* Collect in profile order: count per fixed slice, then fill pre-indexed slots. */
#pragma omp for schedule(static)
        for (int c = 0; c < COLLECT_SLICES; c++) {
            uint64_t a = (uint64_t)c * slice, b = a + slice < nprof ? a + slice : nprof, k = 0;
            for (uint64_t i = a; i < b; i++)
                k += mark[i] & M_BR;
            slice_count[c] = k;
        }
    }
    uint64_t tot = 0;
    for (int c = 0; c < COLLECT_SLICES; c++) {
        slice_start[c] = tot;
        tot += slice_count[c];
    }
    uint64_t keep = tot;
    if (opts->max_report > 0 && keep > opts->max_report)
        keep = opts->max_report;
    *total = tot;
    if (keep == 0) {
        free(mark);
        return ENT_OK;
    }
    ent_pure_eq *out = (ent_pure_eq *)malloc(sizeof(ent_pure_eq) * (size_t)keep);
    if (!out) {
        free(mark);
        return ent_error_set(err, ENT_ENOMEM, "out of memory for %llu pure equilibria",
                             (unsigned long long)keep);
    }
#pragma omp parallel for schedule(static) num_threads(nt)
    for (int c = 0; c < COLLECT_SLICES; c++) {
        uint64_t k = slice_start[c];
        if (k >= keep)
            continue;
        uint64_t a = (uint64_t)c * slice, b = a + slice < nprof ? a + slice : nprof;
        for (uint64_t i = a; i < b && k < keep; i++)
            if (mark[i] & M_BR) {
                out[k].profile = i;
                out[k].strict = (mark[i] & M_STRICT) != 0;
                k++;
            }
    }
    free(mark);
    *eqs = out;
    *count = (size_t)keep;
    return ENT_OK;
}

/* ------------------------------------------------------------------ dominance */

/* Does strategy d of player p strictly dominate t against every profile of the others'
 * remaining strategies (lists alive[q][0..nalive[q]-1])? odo is scratch of np ints. */
static int dominates(const ent_game *g, int p, int d, int t, int *const *alive,
                     const int *nalive, int *odo)
{
    int np = ent_game_nplayers(g);
    const double *u = ent_game_payoffs(g, p);
    uint64_t sp = ent_game_stride(g, p);
    uint64_t od = (uint64_t)d * sp, ot = (uint64_t)t * sp;
    for (int q = 0; q < np; q++)
        odo[q] = 0;
    for (;;) {
        uint64_t base = 0;
        for (int q = 0; q < np; q++)
            if (q != p)
                base += (uint64_t)alive[q][odo[q]] * ent_game_stride(g, q);
        if (!(u[base + od] > u[base + ot]))
            return 0;
        int q = 0;
        for (; q < np; q++) {
            if (q == p)
                continue;
            if (++odo[q] < nalive[q])
                break;
            odo[q] = 0;
        }
        if (q == np)
            return 1;
    }
}

int ent_pure_iesds(const ent_game *g, unsigned char *keep, ent_elim_step **steps,
                   size_t *nsteps, ent_error *err)
{
    int np = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    *steps = NULL;
    *nsteps = 0;
    int **alive = (int **)calloc((size_t)np, sizeof(int *));
    int *nalive = (int *)malloc(sizeof(int) * (size_t)np);
    int *odo = (int *)malloc(sizeof(int) * (size_t)np);
    int *dom = (int *)malloc(sizeof(int) * (size_t)tot);
    ent_elim_step *st = (ent_elim_step *)malloc(sizeof(ent_elim_step) * (size_t)tot);
    int rc = ENT_OK;
    if (!alive || !nalive || !odo || !dom || !st)
        goto oom;
    for (int p = 0; p < np; p++) {
        alive[p] = (int *)malloc(sizeof(int) * (size_t)ent_game_nstrategies(g, p));
        if (!alive[p])
            goto oom;
        nalive[p] = ent_game_nstrategies(g, p);
        for (int s = 0; s < nalive[p]; s++)
            alive[p][s] = s;
    }
    memset(keep, 1, (size_t)tot);
    size_t ns = 0;
    for (int round = 1;; round++) {
        size_t before = ns;
        for (int p = 0; p < np; p++) {
            int off = ent_game_strategy_offset(g, p);
            for (int i = 0; i < nalive[p]; i++) {
                int t = alive[p][i];
                dom[off + t] = -1;
                for (int j = 0; j < nalive[p] && dom[off + t] < 0; j++)
                    if (j != i && dominates(g, p, alive[p][j], t, alive, nalive, odo))
                        dom[off + t] = alive[p][j];
                if (dom[off + t] >= 0)
                    st[ns++] = (ent_elim_step){round, p, t, dom[off + t]};
            }
        }
        if (ns == before)
            break;
        for (size_t k = before; k < ns; k++)
            keep[ent_game_strategy_offset(g, st[k].player) + st[k].strategy] = 0;
        for (int p = 0; p < np; p++) {
            int off = ent_game_strategy_offset(g, p), m = 0;
            for (int i = 0; i < nalive[p]; i++)
                if (keep[off + alive[p][i]])
                    alive[p][m++] = alive[p][i];
            nalive[p] = m;
        }
    }
    if (ns > 0) {
        *steps = st;
        st = NULL;
    }
    *nsteps = ns;
    goto done;
oom:
    rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
done:
    if (alive)
        for (int p = 0; p < np; p++)
            free(alive[p]);
    free(alive);
    free(nalive);
    free(odo);
    free(dom);
    free(st);
    return rc;
}

/* ------------------------------------------------------------------- security */

int ent_pure_security(const ent_game *g, int player, double *worst, double *level,
                      ent_error *err)
{
    if (player < 0 || player >= ent_game_nplayers(g))
        return ent_error_set(err, ENT_EINVAL, "no player %d", player + 1);
    int n = ent_game_nstrategies(g, player);
    uint64_t s = ent_game_stride(g, player), blk = s * (uint64_t)n;
    uint64_t nblocks = ent_game_nprofiles(g) / blk;
    const double *u = ent_game_payoffs(g, player);
    double *w = (double *)malloc(sizeof(double) * (size_t)n);
    if (!w)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (int k = 0; k < n; k++) {
        double m = INFINITY;
        for (uint64_t h = 0; h < nblocks; h++) {
            const double *x = u + h * blk + (uint64_t)k * s;
            for (uint64_t j = 0; j < s; j++)
                m = x[j] < m ? x[j] : m;
        }
        w[k] = m;
    }
    double best = -INFINITY;
    for (int k = 0; k < n; k++)
        if (w[k] > best)
            best = w[k];
    if (worst)
        memcpy(worst, w, sizeof(double) * (size_t)n);
    *level = best;
    free(w);
    return ENT_OK;
}
