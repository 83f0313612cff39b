/* tu.c — coalitional (TU) games: the dense characteristic function of up to 30 members
 * indexed by bitmask, filled in parallel from a value oracle; weighted voting games
 * (integer weights, quota, optional member-count quota for double majorities); the
 * split-table helper for fast sums over a bitmask. */
#include "tu.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int ent_tu_new(ent_tu **out, int n, size_t mem_limit, ent_error *err)
{
    *out = NULL;
    if (n < 1 || n > ENT_TU_MAX_N)
        return ent_error_set(err, ENT_ETOOBIG,
                             "coalitional game with %d members: a dense game needs 1 to %d", n,
                             ENT_TU_MAX_N);
    if (mem_limit == 0)
        mem_limit = (size_t)4 << 30;
    uint64_t bytes = ((uint64_t)1 << n) * sizeof(double);
    if (bytes > mem_limit)
        return ent_error_set(err, ENT_ETOOBIG,
                             "coalitional game with %d members needs %llu coalition values "
                             "(%llu bytes), above the limit of %llu bytes",
                             n, (unsigned long long)((uint64_t)1 << n),
                             (unsigned long long)bytes, (unsigned long long)mem_limit);
    ent_tu *g = (ent_tu *)calloc(1, sizeof *g);
    if (!g)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    g->n = n;
    g->v = (double *)calloc((size_t)1 << n, sizeof(double));
    g->label = (char **)calloc((size_t)n, sizeof(char *));
    if (!g->v || !g->label) {
        ent_tu_free(&g);
        return ent_error_set(err, ENT_ENOMEM, "out of memory for %d-member game", n);
    }
    for (int i = 0; i < n; i++) {
        char b[16];
        snprintf(b, sizeof b, "%d", i + 1);
        if (!(g->label[i] = ent_strdup(b))) {
            ent_tu_free(&g);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
    }
    *out = g;
    return ENT_OK;
}

void ent_tu_free(ent_tu **g)
{
    if (!g || !*g)
        return;
    if ((*g)->label)
        for (int i = 0; i < (*g)->n; i++)
            free((*g)->label[i]);
    free((*g)->label);
    free((*g)->v);
    free(*g);
    *g = NULL;
}

int ent_tu_n(const ent_tu *g) { return g->n; }
double ent_tu_value(const ent_tu *g, uint32_t s) { return g->v[s]; }
const double *ent_tu_values(const ent_tu *g) { return g->v; }
double *ent_tu_values_mut(ent_tu *g) { return g->v; }
const char *ent_tu_label(const ent_tu *g, int i) { return g->label[i]; }

int ent_tu_set_label(ent_tu *g, int i, const char *s)
{
    if (i < 0 || i >= g->n || !s)
        return ENT_EINVAL;
    char *d = ent_strdup(s);
    if (!d)
        return ENT_ENOMEM;
    free(g->label[i]);
    g->label[i] = d;
    return ENT_OK;
}

int ent_tu_fill(ent_tu *g, ent_tu_mask_fn fn, void *ctx, int threads, uint32_t *failed,
                ent_error *err)
{
    int64_t total = (int64_t)1 << g->n;
    int64_t bad = total; /* lowest failing mask */
    int badrc = ENT_OK;
    g->v[0] = 0.0;
#ifdef _OPENMP
    int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(static, 4096) num_threads(nt) reduction(min : bad) if (total > 65536)
#else
    (void)threads;
#endif
    for (int64_t s = 1; s < total; s++) {
        double v = 0.0;
        int rc = fn(ctx, (uint32_t)s, &v);
        if (rc != ENT_OK || !isfinite(v)) {
            if (s < bad)
                bad = s;
            v = 0.0;
        }
        g->v[s] = v;
    }
    if (bad < total) {
        double v = 0.0;
        if (failed)
            *failed = (uint32_t)bad;
        badrc = fn(ctx, (uint32_t)bad, &v);
        if (badrc == ENT_OK)
            badrc = ENT_ENUMERIC;
        return ent_error_set(err, badrc, "value of coalition 0x%llx: %s",
                             (unsigned long long)bad,
                             badrc == ENT_ENUMERIC ? "not a finite number"
                                                   : ent_strerror(badrc));
    }
    return ENT_OK;
}

int ent_wvg_new(ent_wvg **out, int n, const int64_t *weights, int64_t quota, int count_quota,
                ent_error *err)
{
    *out = NULL;
    if (n < 1)
        return ent_error_set(err, ENT_EINVAL, "weighted voting game needs at least 1 member");
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        if (weights[i] < 0)
            return ent_error_set(err, ENT_EINVAL, "member %d has negative weight %lld", i + 1,
                                 (long long)weights[i]);
        if (weights[i] > INT64_MAX / 4 - total)
            return ent_error_set(err, ENT_ETOOBIG, "total weight overflows");
        total += weights[i];
    }
    if (quota < 1 || quota > total)
        return ent_error_set(err, ENT_EINVAL, "quota %lld outside 1..%lld (the total weight)",
                             (long long)quota, (long long)total);
    if (count_quota < 0 || count_quota > n)
        return ent_error_set(err, ENT_EINVAL, "member-count quota %d outside 0..%d",
                             count_quota, n);
    ent_wvg *w = (ent_wvg *)calloc(1, sizeof *w);
    if (!w || !(w->w = (int64_t *)malloc(sizeof(int64_t) * (size_t)n))) {
        free(w);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    memcpy(w->w, weights, sizeof(int64_t) * (size_t)n);
    w->n = n;
    w->quota = quota;
    w->total = total;
    w->count_quota = count_quota;
    *out = w;
    return ENT_OK;
}

void ent_wvg_free(ent_wvg **w)
{
    if (!w || !*w)
        return;
    free((*w)->w);
    free(*w);
    *w = NULL;
}

int ent_wvg_n(const ent_wvg *w) { return w->n; }

int ent_wvg_set_blocking(ent_wvg *w, int block_min, ent_error *err)
{
    if (block_min < 0 || block_min > w->n)
        return ent_error_set(err, ENT_EINVAL, "blocking minority of %d members outside 0..%d",
                             block_min, w->n);
    w->block_min = block_min;
    return ENT_OK;
}

int ent_wvg_wins(const ent_wvg *w, uint64_t coalition)
{
    int64_t sw = 0;
    int m = 0;
    for (int i = 0; i < w->n && i < 64; i++)
        if ((coalition >> i) & 1u) {
            sw += w->w[i];
            m++;
        }
    if (w->block_min > 0 && w->n - m < w->block_min)
        return 1;
    return sw >= w->quota && m >= w->count_quota;
}

int ent_wvg_to_tu(const ent_wvg *w, size_t mem_limit, ent_tu **out, ent_error *err)
{
    int rc = ent_tu_new(out, w->n, mem_limit, err);
    if (rc != ENT_OK)
        return rc;
    double *v = (*out)->v;
    int64_t *sw = (int64_t *)malloc(sizeof(int64_t) << w->n);
    if (!sw) {
        ent_tu_free(out);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    sw[0] = 0;
    v[0] = 0.0;
    for (uint64_t s = 1; s < ((uint64_t)1 << w->n); s++) {
        int low = __builtin_ctzll(s);
        sw[s] = sw[s & (s - 1)] + w->w[low];
        int m = __builtin_popcountll(s);
        v[s] = ((sw[s] >= w->quota && m >= w->count_quota) ||
                (w->block_min > 0 && w->n - m < w->block_min))
                   ? 1.0
                   : 0.0;
    }
    free(sw);
    return ENT_OK;
}

int ent_split_init(ent_split *t, int n)
{
    t->h = n / 2;
    t->lomask = (uint32_t)((1u << t->h) - 1);
    t->lo = (double *)calloc((size_t)1 << t->h, sizeof(double));
    t->hi = (double *)calloc((size_t)1 << (n - t->h), sizeof(double));
    if (!t->lo || !t->hi) {
        ent_split_free(t);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

void ent_split_set(ent_split *t, int n, const double *a)
{
    t->lo[0] = 0.0;
    for (uint32_t s = 1; s < (1u << t->h); s++)
        t->lo[s] = t->lo[s & (s - 1)] + a[__builtin_ctz(s)];
    t->hi[0] = 0.0;
    for (uint32_t s = 1; s < (1u << (n - t->h)); s++)
        t->hi[s] = t->hi[s & (s - 1)] + a[t->h + __builtin_ctz(s)];
}

void ent_split_free(ent_split *t)
{
    free(t->lo);
    free(t->hi);
    t->lo = t->hi = NULL;
}
