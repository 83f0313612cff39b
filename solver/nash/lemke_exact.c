/* lemke_exact.c — one Lemke-Howson path in exact integer arithmetic (GMP), used when the
 * floating-point path of lemke.c fails. The payoff matrices are turned into integer
 * matrices without rounding (every double is an integer times a power of two; each
 * player's matrix is multiplied by one power of two and shifted to entries >= 1, an
 * affine map that keeps the equilibria), and the tableaux are kept as integers by
 * integer pivoting (Edmonds 1967; von Stengel, "Computing equilibria for two-person
 * games", Handbook of Game Theory vol. 3, 2002, section 3.6): after each pivot every
 * entry is the true tableau entry times the current determinant, and the division by
 * the previous determinant is exact. The lexicographic ratio test then has no ties, so
 * the path cannot fail numerically. */
#include "bimatrix.h"

#include <gmp.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
    int k, d, nv, cols;
    mpz_t *T;   /* k x (nv + 1) */
    mpz_t det;  /* the last pivot element (1 at the start) */
    int *basis, *lab, *rowof;
} zsys;

static void zsys_free(zsys *s)
{
    if (s->T) {
        for (size_t i = 0; i < (size_t)s->k * (size_t)s->cols; i++)
            mpz_clear(s->T[i]);
        free(s->T);
        mpz_clear(s->det);
    }
    free(s->basis);
    free(s->lab);
    free(s->rowof);
}

/* M: k x d integer matrix (entries >= 1) as mpz; lab: labels of the nv variables. */
static int zsys_init(zsys *s, mpz_t *M, int k, int d, const int *lab)
{
    s->k = k;
    s->d = d;
    s->nv = d + k;
    s->cols = s->nv + 1;
    s->basis = (int *)malloc(sizeof(int) * (size_t)k);
    s->lab = (int *)malloc(sizeof(int) * (size_t)s->nv);
    s->rowof = (int *)malloc(sizeof(int) * (size_t)s->nv);
    s->T = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)k * (size_t)s->cols);
    if (!s->basis || !s->lab || !s->rowof || !s->T) {
        free(s->T);
        s->T = NULL;
        return ENT_ENOMEM;
    }
    mpz_init_set_ui(s->det, 1);
    for (int r = 0; r < k; r++) {
        mpz_t *row = s->T + (size_t)r * s->cols;
        for (int j = 0; j < s->cols; j++)
            mpz_init(row[j]);
        for (int j = 0; j < d; j++)
            mpz_set(row[j], M[(size_t)r * d + j]);
        mpz_set_ui(row[d + r], 1);
        mpz_set_ui(row[s->nv], 1);
        s->basis[r] = d + r;
    }
    for (int v = 0; v < s->nv; v++) {
        s->lab[v] = lab[v];
        s->rowof[v] = v >= d ? v - d : -1;
    }
    return ENT_OK;
}

/* Lexicographic minimum ratio for column e, exact: all rows share the denominator det,
 * so ratios compare by cross-multiplication with the (positive) column entries. */
static int zlexmin(const zsys *s, int e, mpz_t t1, mpz_t t2)
{
    int best = -1;
    for (int r = 0; r < s->k; r++) {
        const mpz_t *row = s->T + (size_t)r * s->cols;
        if (mpz_sgn(row[e]) <= 0)
            continue;
        if (best < 0) {
            best = r;
            continue;
        }
        const mpz_t *brow = s->T + (size_t)best * s->cols;
        int c = 0;
        for (int j = -1; j < s->k && c == 0; j++) {
            int col = j < 0 ? s->nv : s->d + j;
            mpz_mul(t1, row[col], brow[e]);
            mpz_mul(t2, brow[col], row[e]);
            c = mpz_cmp(t1, t2);
        }
        if (c < 0)
            best = r;
    }
    return best;
}

/* Pivot on (pr, e). Returns -1, leaving the tableau unusable, when a stop is requested
 * midway (a pivot on a large game takes a while). */
static int zpivot(zsys *s, int pr, int e, mpz_t t, double deadline)
{
    mpz_t *prow = s->T + (size_t)pr * s->cols;
    for (int r = 0; r < s->k; r++) {
        if (r == pr)
            continue;
        if ((r & 15) == 15 && ent_should_stop(deadline))
            return -1;
        mpz_t *row = s->T + (size_t)r * s->cols;
        for (int j = 0; j < s->cols; j++) {
            if (j == e)
                continue;
            mpz_mul(row[j], row[j], prow[e]);
            mpz_mul(t, row[e], prow[j]);
            mpz_sub(row[j], row[j], t);
            mpz_divexact(row[j], row[j], s->det);
        }
        mpz_set_ui(row[e], 0);
    }
    mpz_set(s->det, prow[e]);
    s->rowof[s->basis[pr]] = -1;
    s->basis[pr] = e;
    s->rowof[e] = pr;
    return 0;
}

/* X (m x n doubles, finite) as integers: X * 2^s - min + 1, exactly. OUT: Z (m*n mpz,
 * initialised here), transposed (n x m) when transpose != 0. */
static void integer_matrix(const double *X, int m, int n, int transpose, mpz_t *Z)
{
    int emin = INT32_MAX;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        if (X[i] == 0)
            continue;
        int e;
        frexp(X[i], &e);
        if (e - 53 < emin)
            emin = e - 53;
    }
    mpz_t lo;
    mpz_init(lo);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            mpz_t *z = &Z[transpose ? (size_t)j * m + i : (size_t)i * n + j];
            double x = X[(size_t)i * n + j];
            mpz_init(*z);
            if (x != 0) {
                int e;
                double f = frexp(x, &e);
                mpz_set_d(*z, ldexp(f, 53)); /* an integer of at most 53 bits */
                mpz_mul_2exp(*z, *z, (mp_bitcnt_t)(e - 53 - emin));
            }
            if ((i == 0 && j == 0) || mpz_cmp(*z, lo) < 0)
                mpz_set(lo, *z);
        }
    mpz_sub_ui(lo, lo, 1);
    for (size_t i = 0; i < (size_t)m * n; i++)
        mpz_sub(Z[i], Z[i], lo);
    mpz_clear(lo);
}

/* The basic variables 0..cnt-1 of s, normalised to sum 1. 0, or -1 if all are zero. */
static int zresult(const zsys *s, int cnt, double *out)
{
    mpz_t sum;
    mpq_t q;
    mpz_init(sum);
    mpq_init(q);
    for (int v = 0; v < cnt; v++)
        if (s->rowof[v] >= 0 && mpz_sgn(s->T[(size_t)s->rowof[v] * s->cols + s->nv]) > 0)
            mpz_add(sum, sum, s->T[(size_t)s->rowof[v] * s->cols + s->nv]);
    int rc = mpz_sgn(sum) > 0 ? 0 : -1;
    for (int v = 0; v < cnt && rc == 0; v++) {
        out[v] = 0;
        if (s->rowof[v] >= 0 && mpz_sgn(s->T[(size_t)s->rowof[v] * s->cols + s->nv]) > 0) {
            mpq_set_num(q, s->T[(size_t)s->rowof[v] * s->cols + s->nv]);
            mpq_set_den(q, sum);
            mpq_canonicalize(q);
            out[v] = mpq_get_d(q);
        }
    }
    mpq_clear(q);
    mpz_clear(sum);
    return rc;
}

int bm_lemke_exact_path(const double *A, const double *B, int m, int n, int k0,
                        double deadline, double *x, double *y)
{
    int rc = ENT_OK;
    for (size_t i = 0; i < (size_t)m * n; i++)
        if (!isfinite(A[i]) || !isfinite(B[i]))
            return ENT_EINVAL; /* no integer to map it to */
    mpz_t *MP = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)m * (size_t)n);
    mpz_t *MQ = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)m * (size_t)n);
    int *labP = (int *)malloc(sizeof(int) * (size_t)(m + n));
    int *labQ = (int *)malloc(sizeof(int) * (size_t)(m + n));
    zsys P = {0}, Q = {0};
    if (!MP || !MQ || !labP || !labQ) {
        free(MP);
        free(MQ);
        free(labP);
        free(labQ);
        return ENT_ENOMEM;
    }
    integer_matrix(B, m, n, 1, MP); /* P = {x >= 0, B'x <= 1}: n rows, m columns */
    integer_matrix(A, m, n, 0, MQ); /* Q = {y >= 0, A y <= 1}: m rows, n columns */
    for (int v = 0; v < m + n; v++)
        labP[v] = v;
    for (int j = 0; j < n; j++)
        labQ[j] = m + j;
    for (int i = 0; i < m; i++)
        labQ[n + i] = i;
    int okP = zsys_init(&P, MP, n, m, labP), okQ = zsys_init(&Q, MQ, m, n, labQ);
    for (size_t i = 0; i < (size_t)m * n; i++) {
        mpz_clear(MP[i]);
        mpz_clear(MQ[i]);
    }
    free(MP);
    free(MQ);
    mpz_t t1, t2;
    mpz_init(t1);
    mpz_init(t2);
    if (okP || okQ) {
        rc = ENT_ENOMEM;
        goto out;
    }
    zsys *cur = k0 < m ? &P : &Q;
    int e = k0 < m ? k0 : k0 - m;
    for (;;) {
        if (ent_should_stop(deadline)) {
            rc = ENT_ETIMEOUT;
            goto out;
        }
        int pr = zlexmin(cur, e, t1, t2);
        if (pr < 0) { /* impossible on the bounded polytopes P and Q */
            rc = ENT_ENUMERIC;
            goto out;
        }
        int leave = cur->basis[pr];
        int l = cur->lab[leave];
        if (zpivot(cur, pr, e, t1, deadline)) {
            rc = ENT_ETIMEOUT;
            goto out;
        }
        if (l == k0)
            break;
        if (cur == &P) {
            cur = &Q;
            e = l < m ? n + l : l - m;
        } else {
            cur = &P;
            e = l;
        }
    }
    if (zresult(&P, m, x) || zresult(&Q, n, y))
        rc = ENT_ENUMERIC;
out:
    mpz_clear(t1);
    mpz_clear(t2);
    zsys_free(&P);
    zsys_free(&Q);
    free(labP);
    free(labQ);
    return rc;
}
