/* normal.c — the zero-normalised form of a dense TU game: v0(S) = (v(S) - a(S)) / scale
 * with a(S) the sum of the members' own values v({i}) and scale = max |v(S) - a(S)|. The
 * two games are strategically equivalent, and every solution here (least core,
 * nucleolus, Shapley and Banzhaf values) is covariant: x = scale * x0 + a. Solving on v0
 * makes the tolerances independent of the units of v and of any additive game added to
 * it, and keeps the Shapley sums free of the cancellation an additive part would cause. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ent_tu_zero_normal_scale(const ent_tu *g, double *a, double *scale)
{
    int n = g->n;
    double loc[ENT_TU_MAX_N];
    if (!a)
        a = loc;
    for (int i = 0; i < n; i++)
        a[i] = g->v[(uint64_t)1 << i];
    ent_split t;
    double m = 0.0;
    if (ent_split_init(&t, n) == ENT_OK) {
        ent_split_set(&t, n, a);
        uint64_t total = (uint64_t)1 << n;
        for (uint64_t s = 1; s < total; s++) {
            double d = fabs(g->v[s] - ent_split_sum(&t, (uint32_t)s));
            if (d > m)
                m = d;
        }
        ent_split_free(&t);
    } else { /* no memory for the tables: the scale of the values themselves */
        m = coop_vmax(g);
    }
    *scale = m;
}

int coop_norm_new(const ent_tu *g, coop_norm *z)
{
    int n = g->n;
    memset(z, 0, sizeof *z);
    ent_tu_zero_normal_scale(g, z->a, &z->scale);
    /* a power of two at or above the largest |v - a|: dividing by it is exact */
    z->scale = z->scale > 0 && isfinite(z->scale) ? ldexp(1.0, ilogb(z->scale) + 1) : 1.0;
    double inv = 1.0 / z->scale;
    if (ent_tu_new(&z->g, n, 0, NULL) != ENT_OK)
        return ENT_ENOMEM;
    ent_split t;
    if (ent_split_init(&t, n) != ENT_OK) {
        ent_tu_free(&z->g);
        return ENT_ENOMEM;
    }
    ent_split_set(&t, n, z->a);
    uint64_t total = (uint64_t)1 << n;
    double *v0 = z->g->v;
    v0[0] = 0.0;
    for (uint64_t s = 1; s < total; s++)
        v0[s] = (g->v[s] - ent_split_sum(&t, (uint32_t)s)) * inv;
    for (int i = 0; i < n; i++)
        v0[(uint64_t)1 << i] = 0.0;
    ent_split_free(&t);
    return ENT_OK;
}

void coop_norm_back(const coop_norm *z, int n, const double *x0, double *x)
{
    for (int i = 0; i < n; i++)
        x[i] = z->scale * x0[i] + z->a[i];
}

void coop_norm_free(coop_norm *z) { ent_tu_free(&z->g); }
