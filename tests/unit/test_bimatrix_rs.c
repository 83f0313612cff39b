/* test_bimatrix_rs.c — the reverse search over a best-response polytope
 * (solver/nash/bimatrix_rs.c): it visits every vertex exactly once (count checked
 * against brute force over all d-subsets of constraints), enumerating P or Q gives the
 * same equilibria (also on degenerate games), splitting the tree into jobs over 1, 2 or
 * 3 threads changes nothing, deadlines and the node cap stop it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "../../solver/nash/bimatrix.h"

static unsigned long long rs_state;
static int rnd_int(void)
{
    rs_state = rs_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((rs_state >> 33) % 2001ULL) - 1000;
}

/* M (k x d) = X or its transpose, scaled into [1, 2] as the enumeration does */
static double *scaled(const double *X, int m, int n, int transpose)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < m * n; i++) {
        lo = X[i] < lo ? X[i] : lo;
        hi = X[i] > hi ? X[i] : hi;
    }
    double *M = malloc(sizeof(double) * (size_t)(m * n));
    cr_assert_not_null(M);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double v = 1.0 + (X[i * n + j] - lo) / (hi - lo);
            if (transpose)
                M[j * m + i] = v;
            else
                M[i * n + j] = v;
        }
    return M;
}

/* Vertices of {z >= 0, M z <= 1} (M k x d) by brute force: every d-subset of the d + k
 * constraints made tight, solved, kept if feasible. Nondegenerate: one subset each;
 * -1 if some vertex has more than d tight constraints (degenerate polytope). */
static int brute_vertices(const double *M, int k, int d)
{
    int nc = d + k, count = 0;
    double S[16 * 17], z[16];
    for (unsigned mask = 0; mask < (1u << nc); mask++) {
        if (__builtin_popcount(mask) != d)
            continue;
        int r = 0;
        for (int c = 0; c < nc; c++) {
            if (!(mask & (1u << c)))
                continue;
            double *row = S + r * (d + 1);
            memset(row, 0, sizeof(double) * (size_t)(d + 1));
            if (c < d)
                row[c] = 1.0;
            else {
                memcpy(row, M + (c - d) * d, sizeof(double) * (size_t)d);
                row[d] = 1.0;
            }
            r++;
        }
        int ok = 1;
        for (int col = 0; col < d && ok; col++) {
            int p = col;
            for (int i = col + 1; i < d; i++)
                if (fabs(S[i * (d + 1) + col]) > fabs(S[p * (d + 1) + col]))
                    p = i;
            if (fabs(S[p * (d + 1) + col]) < 1e-12) {
                ok = 0;
                break;
            }
            for (int j = 0; j <= d; j++) {
                double t = S[p * (d + 1) + j];
                S[p * (d + 1) + j] = S[col * (d + 1) + j];
                S[col * (d + 1) + j] = t;
            }
            for (int i = 0; i < d; i++)
                if (i != col) {
                    double f = S[i * (d + 1) + col] / S[col * (d + 1) + col];
                    for (int j = col; j <= d; j++)
                        S[i * (d + 1) + j] -= f * S[col * (d + 1) + j];
                }
        }
        if (!ok)
            continue;
        for (int i = 0; i < d; i++) {
            z[i] = S[i * (d + 1) + d] / S[i * (d + 1) + i];
            if (z[i] < -1e-12)
                ok = 0;
        }
        int tight = 0;
        for (int j = 0; j < d; j++)
            tight += fabs(z[j]) < 1e-12;
        for (int i = 0; i < k && ok; i++) {
            double s = 0;
            for (int j = 0; j < d; j++)
                s += M[i * d + j] * z[j];
            if (s > 1 + 1e-12)
                ok = 0;
            tight += fabs(s - 1) < 1e-12;
        }
        if (ok && tight > d)
            return -1;
        count += ok;
    }
    return count;
}

static int cmp_pair2(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    for (int i = 0; i < 2; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* sorted, deduplicated pairs (W = 1) */
static int canon(uint64_t *p, int n)
{
    qsort(p, (size_t)n, 2 * sizeof(uint64_t), cmp_pair2);
    int u = 0;
    for (int i = 0; i < n; i++)
        if (u == 0 || cmp_pair2(p + 2 * i, p + 2 * (u - 1))) {
            p[2 * u] = p[2 * i];
            p[2 * u + 1] = p[2 * i + 1];
            u++;
        }
    return u;
}

static void random_game(int m, int n, double *A, double *B)
{
    for (int i = 0; i < m * n; i++) {
        A[i] = rnd_int();
        B[i] = rnd_int();
    }
}

Test(bimatrix_rs, visits_every_vertex_once)
{
    rs_state = 4242;
    int tested = 0;
    for (int rep = 0; rep < 24; rep++) {
        int m = 3 + rep % 5, n = 3 + (rep / 5) % 4;
        double A[64], B[64];
        random_game(m, n, A, B);
        double *MP = scaled(B, m, n, 1), *MQ = scaled(A, m, n, 0);
        uint64_t *pl, nodes;
        int np, inc;
        int rc = bm_revsearch(MP, MQ, m, n, 0, m, 1, 0, UINT64_MAX, 1, &pl, &np, &inc, &nodes);
        cr_assert(rc == 0 || rc == 1, "status %d", rc);
        int bv = brute_vertices(MP, n, m);
        if (rc == 0 && bv >= 0) {
            cr_assert_eq(inc, 0);
            cr_assert_eq(nodes, (uint64_t)bv, "%dx%d: %llu nodes", m, n, (unsigned long long)nodes);
            tested++;
        }
        free(pl);
        free(MP);
        free(MQ);
    }
    cr_assert_geq(tested, 18, "only %d nondegenerate polytopes", tested);
}

Test(bimatrix_rs, p_and_q_give_the_same_equilibria)
{
    rs_state = 99;
    int tested = 0;
    for (int rep = 0; rep < 30; rep++) {
        int m = 4 + rep % 8, n = 4 + (rep * 7) % 9;
        double *A = malloc(sizeof(double) * (size_t)(m * n)), *B = malloc(sizeof(double) * (size_t)(m * n));
        random_game(m, n, A, B);
        double *MP = scaled(B, m, n, 1), *MQ = scaled(A, m, n, 0);
        uint64_t *p1, *p2;
        int n1, n2, inc;
        int r1 = bm_revsearch(MP, MQ, m, n, 0, m, 1, 0, UINT64_MAX, 1, &p1, &n1, &inc, NULL);
        int r2 = bm_revsearch(MQ, MP, n, m, m, 0, 0, 0, UINT64_MAX, 1, &p2, &n2, &inc, NULL);
        if (r1 == 0 && r2 == 0) {
            n1 = canon(p1, n1);
            n2 = canon(p2, n2);
            cr_assert_eq(n1, n2, "%dx%d: %d vs %d equilibria", m, n, n1, n2);
            cr_assert_gt(n1, 0);
            cr_assert(!memcmp(p1, p2, sizeof(uint64_t) * 2 * (size_t)n1));
            for (int i = 0; i < n1; i++) /* completely labelled */
                cr_assert_eq(p1[2 * i] | p1[2 * i + 1], (1ULL << (m + n)) - 1);
            tested++;
        }
        free(p1);
        free(p2);
        free(MP);
        free(MQ);
        free(A);
        free(B);
    }
    cr_assert_geq(tested, 15, "only %d games with both polytopes nondegenerate", tested);
}

Test(bimatrix_rs, jobs_over_threads_change_nothing, .timeout = 60)
{
    /* 15x15: tens of thousands of vertices, so the tree is split into many jobs */
    rs_state = 7;
    int m = 15, n = 15, done = 0;
    double A[225], B[225];
    for (int tries = 0; tries < 10 && !done; tries++) {
        random_game(m, n, A, B);
        double *MP = scaled(B, m, n, 1), *MQ = scaled(A, m, n, 0);
        uint64_t *p[3], nodes[3];
        int np[3], inc, rc[3];
        for (int t = 0; t < 3; t++)
            rc[t] = bm_revsearch(MP, MQ, m, n, 0, m, 1, 0, UINT64_MAX, t + 1, &p[t], &np[t], &inc,
                                 &nodes[t]);
        if (rc[0] == 0) {
            cr_assert_gt(nodes[0], 8192, "%llu nodes", (unsigned long long)nodes[0]);
            for (int t = 0; t < 3; t++) {
                cr_assert_eq(rc[t], 0);
                cr_assert_eq(nodes[t], nodes[0]);
                np[t] = canon(p[t], np[t]);
                cr_assert_eq(np[t], np[0]);
                cr_assert(!memcmp(p[t], p[0], sizeof(uint64_t) * 2 * (size_t)np[0]));
            }
            done = 1;
        }
        for (int t = 0; t < 3; t++)
            free(p[t]);
        free(MP);
        free(MQ);
    }
    cr_assert(done, "no nondegenerate 15x15 polytope in 10 tries");
}

Test(bimatrix_rs, degenerate_polytopes_p_and_q_agree)
{
    /* payoffs in 0..9: many ties, so many degenerate vertices (lexicographic pivoting,
     * partners on faces); P's and Q's enumerations must give the same equilibria */
    rs_state = 31;
    int tested = 0, degenerate = 0;
    for (int rep = 0; rep < 60; rep++) {
        int m = 3 + rep % 5, n = 2 + (rep / 5) % 6;
        double A[64], B[64];
        for (int i = 0; i < m * n; i++) {
            A[i] = (rnd_int() + 1000) % 10;
            B[i] = (rnd_int() + 1000) % 10;
        }
        double *MP = scaled(B, m, n, 1), *MQ = scaled(A, m, n, 0);
        uint64_t *p1, *p2;
        int n1, n2, inc;
        int r1 = bm_revsearch(MP, MQ, m, n, 0, m, 1, 0, UINT64_MAX, 1, &p1, &n1, &inc, NULL);
        int r2 = bm_revsearch(MQ, MP, n, m, m, 0, 0, 0, UINT64_MAX, 1, &p2, &n2, &inc, NULL);
        cr_assert(r1 == 0 || r1 == 1);
        cr_assert(r2 == 0 || r2 == 1);
        if (r1 == 0 && r2 == 0) {
            n1 = canon(p1, n1);
            n2 = canon(p2, n2);
            cr_assert_eq(n1, n2, "%dx%d game %d: %d vs %d equilibria", m, n, rep, n1, n2);
            cr_assert(!memcmp(p1, p2, sizeof(uint64_t) * 2 * (size_t)n1));
            for (int i = 0; i < n1; i++)
                cr_assert_eq(p1[2 * i] | p1[2 * i + 1], (1ULL << (m + n)) - 1);
            tested++;
            degenerate += brute_vertices(MP, n, m) < 0 || brute_vertices(MQ, m, n) < 0;
        }
        free(p1);
        free(p2);
        free(MP);
        free(MQ);
    }
    cr_assert_geq(tested, 25, "only %d games enumerated from both sides", tested);
    cr_assert_geq(degenerate, 20, "only %d of them degenerate (of %d)", degenerate, tested);
}

Test(bimatrix_rs, deadline_stops_and_marks_incomplete)
{
    rs_state = 5;
    int m = 16, n = 16;
    double A[256], B[256];
    for (int tries = 0; tries < 10; tries++) {
        random_game(m, n, A, B);
        double *MP = scaled(B, m, n, 1), *MQ = scaled(A, m, n, 0);
        uint64_t *pl, nodes;
        int np, inc;
        int rc = bm_revsearch(MP, MQ, m, n, 0, m, 1, bm_now() - 1.0, UINT64_MAX, 1, &pl, &np, &inc,
                              &nodes);
        free(pl);
        if (rc == 0) {
            cr_assert_eq(inc, 1);
            cr_assert_lt(nodes, 10000);
            rc = bm_revsearch(MP, MQ, m, n, 0, m, 1, 0, 1000, 1, &pl, &np, &inc, &nodes);
            cr_assert_eq(rc, 0);
            cr_assert_eq(inc, 1, "node cap must mark the result incomplete");
            free(pl);
            free(MP);
            free(MQ);
            return;
        }
        free(MP);
        free(MQ);
    }
    cr_assert_fail("no nondegenerate 16x16 polytope in 10 tries");
}
