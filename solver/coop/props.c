/* props.c — properties of a dense TU game: superadditivity (every disjoint pair, by
 * enumerating submasks, O(3^n)), convexity (supermodularity by the equivalent local
 * condition on pairs i, j outside S; Shapley 1971, "Cores of convex games"), and
 * essentialness. */
#include "coop.h"

#include <stdlib.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int ent_tu_is_superadditive(const ent_tu *g, double tol, uint32_t witness[2], ent_error *err)
{
    int n = g->n;
    if (n > 20)
        return ent_error_set(err, ENT_ETOOBIG,
                             "superadditivity check visits 3^%d pairs of coalitions; at most "
                             "20 members",
                             n);
    uint32_t full = (uint32_t)((1u << n) - 1);
    int64_t bad = (int64_t)full + 1; /* lowest union violating */
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 256) reduction(min : bad)
#endif
    for (int64_t u = 1; u <= (int64_t)full; u++) {
        double vu = g->v[u];
        /* S a proper non-empty submask with its lowest bit (each pair once) */
        uint32_t low = (uint32_t)u & (uint32_t)(-u);
        for (uint32_t s = ((uint32_t)u - 1) & (uint32_t)u; s; s = (s - 1) & (uint32_t)u) {
            if (!(s & low))
                continue;
            if (g->v[s] + g->v[(uint32_t)u ^ s] > vu + tol) {
                if (u < bad)
                    bad = u;
                break;
            }
        }
    }
    if (bad > (int64_t)full)
        return 1;
    if (witness) {
        uint32_t u = (uint32_t)bad, low = u & (uint32_t)(-u);
        for (uint32_t s = (u - 1) & u; s; s = (s - 1) & u)
            if ((s & low) && g->v[s] + g->v[u ^ s] > g->v[u] + tol) {
                witness[0] = s;
                witness[1] = u ^ s;
                break;
            }
    }
    return 0;
}

int ent_tu_is_convex(const ent_tu *g, double tol, uint32_t witness[2])
{
    int n = g->n;
    uint32_t full = (uint32_t)(((uint64_t)1 << n) - 1);
    int64_t bad = (int64_t)full + 1;
#ifdef _OPENMP
#pragma omp parallel for schedule(static, 4096) reduction(min : bad)
#endif
    for (int64_t s = 0; s <= (int64_t)full; s++) {
        uint32_t out = full & ~(uint32_t)s;
        int found = 0;
        for (uint32_t a = out; a && !found; a &= a - 1) {
            uint32_t i = a & (uint32_t)(-a);
            double mi = g->v[(uint32_t)s | i] - g->v[s];
            for (uint32_t b = a & (a - 1); b; b &= b - 1) {
                uint32_t j = b & (uint32_t)(-b);
                if (mi > g->v[(uint32_t)s | i | j] - g->v[(uint32_t)s | j] + tol) {
                    found = 1;
                    break;
                }
            }
        }
        if (found && s < bad)
            bad = s;
    }
    if (bad > (int64_t)full)
        return 1;
    if (witness) {
        uint32_t s = (uint32_t)bad, out = full & ~s;
        for (uint32_t a = out; a; a &= a - 1) {
            uint32_t i = a & (uint32_t)(-a);
            for (uint32_t b = a & (a - 1); b; b &= b - 1) {
                uint32_t j = b & (uint32_t)(-b);
                if (g->v[s | i] - g->v[s] > g->v[s | i | j] - g->v[s | j] + tol) {
                    witness[0] = s | i;
                    witness[1] = s | j;
                    return 0;
                }
            }
        }
    }
    return 0;
}

int ent_tu_is_essential(const ent_tu *g, double tol)
{
    double sum = 0.0;
    for (int i = 0; i < g->n; i++)
        sum += g->v[1u << i];
    return g->v[((uint64_t)1 << g->n) - 1] > sum + tol;
}
