/* basis.c — incremental orthonormal basis (modified Gram-Schmidt with one
 * re-orthogonalisation pass) used by the nucleolus and Kohlberg's criterion to decide
 * whether a coalition's indicator vector lies in the span of settled coalitions. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>

int coop_basis_init(coop_basis *b, int n)
{
    b->n = n;
    b->rank = 0;
    b->q = (double *)calloc((size_t)n * (size_t)n, sizeof(double));
    b->tmp = (double *)calloc((size_t)n, sizeof(double));
    if (!b->q || !b->tmp) {
        coop_basis_free(b);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

void coop_basis_free(coop_basis *b)
{
    free(b->q);
    free(b->tmp);
    b->q = b->tmp = NULL;
}

/* r -= its projection on the orthonormal rows q[0..rows-1] (n doubles each) */
static void project_out(const double *q, int rows, int n, double *r)
{
    for (int k = 0; k < rows; k++) {
        const double *qk = q + (size_t)k * (size_t)n;
        double d = 0.0;
        for (int i = 0; i < n; i++)
            d += qk[i] * r[i];
        for (int i = 0; i < n; i++)
            r[i] -= d * qk[i];
    }
}

/* residual of the indicator of s against the basis, in r[n]; returns its relative norm */
static double residual(const coop_basis *b, uint64_t s, double *r)
{
    int n = b->n;
    for (int i = 0; i < n; i++)
        r[i] = (s >> i) & 1u ? 1.0 : 0.0;
    double norm0 = sqrt((double)__builtin_popcountll(s));
    for (int pass = 0; pass < 2; pass++) /* twice: re-orthogonalisation */
        project_out(b->q, b->rank, n, r);
    double nr = 0.0;
    for (int i = 0; i < n; i++)
        nr += r[i] * r[i];
    return norm0 > 0 ? sqrt(nr) / norm0 : 0.0;
}

int coop_basis_spans_mask(const coop_basis *b, uint64_t s)
{
    double r[64]; /* masks hold at most 64 members */
    return residual(b, s, r) <= 1e-9;
}

int coop_basis_add_mask(coop_basis *b, uint64_t s)
{
    if (b->rank >= b->n)
        return 0;
    double rel = residual(b, s, b->tmp);
    if (rel <= 1e-9)
        return 0;
    int n = b->n;
    double nr = 0.0;
    for (int i = 0; i < n; i++)
        nr += b->tmp[i] * b->tmp[i];
    nr = sqrt(nr);
    double *q = b->q + (size_t)b->rank * (size_t)n;
    for (int i = 0; i < n; i++)
        q[i] = b->tmp[i] / nr;
    b->rank++;
    return 1;
}

int coop_basis_null(const coop_basis *b, double *z)
{
    int n = b->n, nz = 0;
    double r[64];
    for (int k = 0; k < n && nz < n - b->rank; k++) {
        for (int i = 0; i < n; i++)
            r[i] = i == k ? 1.0 : 0.0;
        for (int pass = 0; pass < 2; pass++) {
            project_out(b->q, b->rank, n, r);
            project_out(z, nz, n, r);
        }
        double nr = 0.0;
        for (int i = 0; i < n; i++)
            nr += r[i] * r[i];
        nr = sqrt(nr);
        if (nr < 1e-6)
            continue;
        for (int i = 0; i < n; i++)
            z[(size_t)nz * (size_t)n + (size_t)i] = r[i] / nr;
        nz++;
    }
    return nz;
}

int coop_null_spans(const double *z, int nz, int n, uint64_t s)
{
    for (int j = 0; j < nz; j++) {
        const double *zj = z + (size_t)j * (size_t)n;
        double d = 0.0;
        for (uint64_t c = s; c; c &= c - 1)
            d += zj[__builtin_ctzll(c)];
        if (fabs(d) > 1e-9)
            return 0;
    }
    return 1;
}

double coop_vmax(const ent_tu *g)
{
    double m = 0.0;
    uint64_t total = (uint64_t)1 << g->n;
    for (uint64_t s = 0; s < total; s++) {
        double a = fabs(g->v[s]);
        if (a > m)
            m = a;
    }
    return m;
}
