/* support.c — support enumeration for bimatrix games (e.g. Nisan, Roughgarden, Tardos,
 * Vazirani (eds.), "Algorithmic Game Theory", 2007, ch. 3.3): for every pair of supports
 * of equal size k, solve the two square indifference systems; a pair with unique,
 * positive solutions where no outside strategy pays more is an equilibrium. Finds all
 * equilibria of nondegenerate games; on degenerate games it finds those extreme
 * equilibria whose supports have equal size and determine them uniquely. Independent
 * of the vertex enumeration (used to cross-check it in tests). */
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUP_EPS 1e-10

/* Solve the (k+1)x(k+1) system for probabilities p over support S (size k) making the
 * opponent indifferent on his support T: sum_{s in S} p_s X[t][s] - v = 0 for t in T,
 * sum p = 1. X is given through a stride so both players share the code. Returns 1 with
 * p (k values) and v, 0 if singular. */
static int indifference(const double *X, size_t rs, size_t cs, const int *S, const int *T,
                        int k, double *Mw, double *p, double *v)
{
    int c = k + 2; /* columns: k probs, v, rhs */
    for (int r = 0; r < k; r++) {
        for (int a = 0; a < k; a++)
            Mw[r * c + a] = X[(size_t)T[r] * rs + (size_t)S[a] * cs];
        Mw[r * c + k] = -1.0;
        Mw[r * c + k + 1] = 0.0;
    }
    for (int a = 0; a < k; a++)
        Mw[k * c + a] = 1.0;
    Mw[k * c + k] = 0.0;
    Mw[k * c + k + 1] = 1.0;
    int nr = k + 1;
    for (int col = 0; col < nr; col++) {
        int pr = -1;
        double best = 0;
        for (int r = col; r < nr; r++)
            if (fabs(Mw[r * c + col]) > best) {
                best = fabs(Mw[r * c + col]);
                pr = r;
            }
        if (pr < 0 || best < 1e-11)
            return 0;
        if (pr != col)
            for (int j = 0; j < c; j++) {
                double t = Mw[pr * c + j];
                Mw[pr * c + j] = Mw[col * c + j];
                Mw[col * c + j] = t;
            }
        for (int r = 0; r < nr; r++) {
            if (r == col)
                continue;
            double f = Mw[r * c + col] / Mw[col * c + col];
            if (f != 0.0)
                for (int j = col; j < c; j++)
                    Mw[r * c + j] -= f * Mw[col * c + j];
        }
    }
    for (int a = 0; a < k; a++)
        p[a] = Mw[a * c + k + 1] / Mw[a * c + a];
    *v = Mw[k * c + k + 1] / Mw[k * c + k];
    return 1;
}

/* Next k-subset of {0..N-1} in lexicographic order; 0 when done. */
static int next_subset(int *S, int k, int N)
{
    int i = k - 1;
    while (i >= 0 && S[i] == N - k + i)
        i--;
    if (i < 0)
        return 0;
    S[i]++;
    for (int j = i + 1; j < k; j++)
        S[j] = S[j - 1] + 1;
    return 1;
}

int bm_support(const double *A, const double *B, int m, int n, double deadline,
               ent_bimatrix *r, ent_error *err)
{
    int kmax = m < n ? m : n, W = (m + n + 63) / 64, rc = ENT_OK;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        lo = fmin(lo, fmin(A[i], B[i]));
        hi = fmax(hi, fmax(A[i], B[i]));
    }
    double tol = ENT_TOL_TIE * (hi > lo ? hi - lo : 1.0);
    int *S = (int *)malloc(sizeof(int) * (size_t)kmax);
    int *T = (int *)malloc(sizeof(int) * (size_t)kmax);
    double *Mw = (double *)malloc(sizeof(double) * (size_t)(kmax + 1) * (size_t)(kmax + 2));
    double *px = (double *)malloc(sizeof(double) * (size_t)kmax);
    double *py = (double *)malloc(sizeof(double) * (size_t)kmax);
    double *x = (double *)malloc(sizeof(double) * (size_t)m);
    double *y = (double *)malloc(sizeof(double) * (size_t)n);
    uint64_t *lx = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)W);
    uint64_t *ly = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)W);
    if (!S || !T || !Mw || !px || !py || !x || !y || !lx || !ly) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    long iter = 0;
    for (int k = 1; k <= kmax && rc == ENT_OK && !r->incomplete; k++) {
        for (int i = 0; i < k; i++)
            S[i] = i;
        do {
            for (int i = 0; i < k; i++)
                T[i] = i;
            do {
                if ((++iter & 1023) == 0 && ent_should_stop(deadline)) {
                    r->incomplete = 1;
                    goto out;
                }
                double u, v;
                /* y over T makes player 0 indifferent on S: A[s][t] */
                if (!indifference(A, (size_t)n, 1, T, S, k, Mw, py, &u))
                    continue;
                int ok = 1;
                for (int a = 0; a < k && ok; a++)
                    ok = py[a] > SUP_EPS;
                if (!ok)
                    continue;
                if (!indifference(B, 1, (size_t)n, S, T, k, Mw, px, &v))
                    continue;
                for (int a = 0; a < k && ok; a++)
                    ok = px[a] > SUP_EPS;
                if (!ok)
                    continue;
                memset(x, 0, sizeof(double) * (size_t)m);
                memset(y, 0, sizeof(double) * (size_t)n);
                for (int a = 0; a < k; a++) {
                    x[S[a]] = px[a];
                    y[T[a]] = py[a];
                }
                for (int i = 0; i < m && ok; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++)
                        s += A[(size_t)i * n + j] * y[j];
                    ok = s <= u + tol;
                }
                for (int j = 0; j < n && ok; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++)
                        s += x[i] * B[(size_t)i * n + j];
                    ok = s <= v + tol;
                }
                if (!ok)
                    continue;
                bm_labels_x(B, m, n, x, tol, lx);
                bm_labels_y(A, m, n, y, tol, ly);
                int xi = bm_add_x(r, x, lx, 1), yi = bm_add_y(r, y, ly, 1);
                if (xi < 0 || yi < 0 || bm_add_eq(r, xi, yi, 1)) {
                    rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
                    goto out;
                }
            } while (next_subset(T, k, n));
        } while (next_subset(S, k, m));
    }
out:
    free(S);
    free(T);
    free(Mw);
    free(px);
    free(py);
    free(x);
    free(y);
    free(lx);
    free(ly);
    return rc;
}
