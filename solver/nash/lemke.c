/* lemke.c — the Lemke-Howson algorithm (Lemke and Howson, "Equilibrium points of
 * bimatrix games", SIAM J. Appl. Math. 12, 1964) in the tableau form of von Stengel,
 * "Computing equilibria for two-person games", Handbook of Game Theory vol. 3, 2002,
 * section 3 (complementary pivoting on the best-response polytopes P and Q, payoffs
 * shifted positive). The minimum-ratio test is lexicographic (ibid., section 3.5), so
 * the path is well defined on degenerate games. Runs from one missing label or from
 * every label 0..m+n-1; each distinct equilibrium is reported once. Every pivot polls
 * the deadline and ent_interrupt; a path that fails in floating point (no pivot row
 * within the tolerance, or too many pivots) is followed again exactly
 * (lemke_exact.c), and a path that still fails is reported without discarding the
 * equilibria of the others. */
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LH_EPS 1e-11
#define LH_TIE ENT_TOL_TIE

/* One system: k rows, nvar = d + k variables (structural then slacks) + rhs column.
 * lab[v] = label of variable v; basis[r] = variable basic in row r. */
typedef struct {
    int k, d, nv;
    double *T; /* k x (nv + 1) */
    int *basis, *lab, *rowof;
} sys;

static int sys_init(sys *s, const double *M, int k, int d, const int *lab)
{
    s->k = k;
    s->d = d;
    s->nv = d + k;
    s->T = (double *)calloc((size_t)k * (size_t)(s->nv + 1), sizeof(double));
    s->basis = (int *)malloc(sizeof(int) * (size_t)k);
    s->lab = (int *)malloc(sizeof(int) * (size_t)s->nv);
    s->rowof = (int *)malloc(sizeof(int) * (size_t)s->nv);
    if (!s->T || !s->basis || !s->lab || !s->rowof)
        return ENT_ENOMEM;
    int c = s->nv + 1;
    for (int r = 0; r < k; r++) {
        memcpy(s->T + (size_t)r * c, M + (size_t)r * d, sizeof(double) * (size_t)d);
        s->T[(size_t)r * c + d + r] = 1.0;
        s->T[(size_t)r * c + s->nv] = 1.0;
        s->basis[r] = d + r;
    }
    for (int v = 0; v < s->nv; v++) {
        s->lab[v] = lab[v];
        s->rowof[v] = v >= d ? v - d : -1;
    }
    return ENT_OK;
}

static void sys_free(sys *s)
{
    free(s->T);
    free(s->basis);
    free(s->lab);
    free(s->rowof);
}

/* Lexicographic minimum ratio for entering column e: compare (rhs, B^-1 row) / a_re;
 * the slack columns hold B^-1. Returns the row, or -1 if the column has no positive
 * entry. */
static int lexmin(const sys *s, int e)
{
    int c = s->nv + 1, best = -1;
    for (int r = 0; r < s->k; r++) {
        double a = s->T[(size_t)r * c + e];
        if (a <= LH_EPS)
            continue;
        if (best < 0) {
            best = r;
            continue;
        }
        double ab = s->T[(size_t)best * c + e];
        double q1 = s->T[(size_t)r * c + s->nv] / a, q0 = s->T[(size_t)best * c + s->nv] / ab;
        if (q1 < q0 - LH_TIE) {
            best = r;
            continue;
        }
        if (q1 > q0 + LH_TIE)
            continue;
        for (int j = 0; j < s->k; j++) {
            double w1 = s->T[(size_t)r * c + s->d + j] / a;
            double w0 = s->T[(size_t)best * c + s->d + j] / ab;
            if (w1 < w0 - LH_TIE) {
                best = r;
                break;
            }
            if (w1 > w0 + LH_TIE)
                break;
        }
    }
    return best;
}

static void pivot(sys *s, int pr, int e)
{
    bm_tableau_pivot(s->T, s->k, s->nv + 1, pr, e);
    s->rowof[s->basis[pr]] = -1;
    s->basis[pr] = e;
    s->rowof[e] = pr;
}

/* One Lemke-Howson path from the artificial equilibrium (0, 0) dropping label k0. */
static int lh_path(const double *MP, const double *MQ, int m, int n, int k0,
                   double deadline, double *x, double *y)
{
    int *labP = (int *)malloc(sizeof(int) * (size_t)(m + n));
    int *labQ = (int *)malloc(sizeof(int) * (size_t)(m + n));
    sys P, Q;
    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    int rc = ENT_OK;
    if (!labP || !labQ) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* P: variables x_0..x_{m-1} (labels 0..m-1), slacks of columns (labels m..m+n-1).
     * Q: variables y_0..y_{n-1} (labels m..m+n-1), slacks of rows (labels 0..m-1). */
    for (int v = 0; v < m + n; v++)
        labP[v] = v;
    for (int j = 0; j < n; j++)
        labQ[j] = m + j;
    for (int i = 0; i < m; i++)
        labQ[n + i] = i;
    if (sys_init(&P, MP, n, m, labP) || sys_init(&Q, MQ, m, n, labQ)) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* variable of label l in each system */
    sys *cur;
    int e;
    if (k0 < m) {
        cur = &P;
        e = k0;
    } else {
        cur = &Q;
        e = k0 - m;
    }
    long limit = 100000 + 50L * (m + n);
    for (long it = 0;; it++) {
        if (it > limit) {
            rc = ENT_ENUMERIC;
            goto out;
        }
        if ((it & 7) == 0 && ent_should_stop(deadline)) {
            rc = ENT_ETIMEOUT;
            goto out;
        }
        int pr = lexmin(cur, e);
        if (pr < 0) {
            rc = ENT_ENUMERIC;
            goto out;
        }
        int leave = cur->basis[pr];
        int l = cur->lab[leave];
        pivot(cur, pr, e);
        if (l == k0)
            break;
        /* enter the variable with label l in the other system */
        if (cur == &P) {
            cur = &Q;
            e = l < m ? n + l : l - m;
        } else {
            cur = &P;
            e = l;
        }
    }
    double sx = 0, sy = 0;
    int cP = P.nv + 1, cQ = Q.nv + 1;
    for (int i = 0; i < m; i++) {
        x[i] = P.rowof[i] >= 0 ? P.T[(size_t)P.rowof[i] * cP + P.nv] : 0.0;
        if (x[i] < 0)
            x[i] = 0;
        sx += x[i];
    }
    for (int j = 0; j < n; j++) {
        y[j] = Q.rowof[j] >= 0 ? Q.T[(size_t)Q.rowof[j] * cQ + Q.nv] : 0.0;
        if (y[j] < 0)
            y[j] = 0;
        sy += y[j];
    }
    if (!(sx > 0) || !(sy > 0)) {
        rc = ENT_ENUMERIC;
        goto out;
    }
    for (int i = 0; i < m; i++)
        x[i] /= sx;
    for (int j = 0; j < n; j++)
        y[j] /= sy;
out:
    sys_free(&P);
    sys_free(&Q);
    free(labP);
    free(labQ);
    return rc;
}

/* 1 if (x, y) is completely labelled: every strategy is unplayed or a best reply. */
static int labels_complete(const double *A, const double *B, int m, int n, const double *x,
                           const double *y, double tol)
{
    int W = (m + n + 63) / 64, ok = 1;
    uint64_t *lx = (uint64_t *)calloc((size_t)W, sizeof(uint64_t));
    uint64_t *ly = (uint64_t *)calloc((size_t)W, sizeof(uint64_t));
    if (!lx || !ly)
        ok = 0;
    else {
        bm_labels_x(B, m, n, x, tol, lx);
        bm_labels_y(A, m, n, y, tol, ly);
        for (int l = 0; l < m + n && ok; l++)
            ok = bm_lbl_has(lx, l) || bm_lbl_has(ly, l);
    }
    free(lx);
    free(ly);
    return ok;
}

int bm_lemke(const double *A, const double *B, const double *A0, const double *B0, int m,
             int n, int label, double deadline, ent_bimatrix *r, ent_error *err)
{
    int W = (m + n + 63) / 64, rc = ENT_OK;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        lo = fmin(lo, fmin(A[i], B[i]));
        hi = fmax(hi, fmax(A[i], B[i]));
    }
    double tol = ENT_TOL_TIE * (hi > lo ? hi - lo : 1.0);
    double check_tol = ENT_TOL_ROUNDING * (hi > lo ? hi - lo : 1.0);
    /* per path: two tableaux of (m+n)(m+n+1) doubles in all; results (m+n)^2 doubles */
    double need = 8.0 * (double)(m + n) * (double)(m + n + 1) * 3.0;
    if (need > 1024.0 * 1024 * 1024)
        return ent_error_set(err, ENT_ETOOBIG,
                             "Lemke-Howson on a %d x %d game needs about %.0f MiB (limit 1024)",
                             m, n, need / (1024.0 * 1024));
    double *MP = bm_scaled(B, m, n, 1), *MQ = bm_scaled(A, m, n, 0);
    double *x = (double *)malloc(sizeof(double) * (size_t)(m + n) * (size_t)m);
    double *y = (double *)malloc(sizeof(double) * (size_t)(m + n) * (size_t)n);
    int *st = (int *)malloc(sizeof(int) * (size_t)(m + n));
    unsigned char *ex = (unsigned char *)calloc((size_t)(m + n), 1);
    uint64_t *lx = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)W);
    uint64_t *ly = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)W);
    if (!MP || !MQ || !x || !y || !st || !ex || !lx || !ly) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    int first = label >= 0 ? label : 0, last = label >= 0 ? label : m + n - 1;
    for (int k = 0; k < m + n; k++)
        st[k] = 1; /* not run */
    /* paths are independent: run them in parallel into pre-indexed slots */
    int paths_done = 0;
#pragma omp parallel for schedule(dynamic, 1) if ((long)m * n * (last - first + 1) > 20000)
    for (int k = first; k <= last; k++) {
        double *xk = x + (size_t)k * m, *yk = y + (size_t)k * n;
        if (ent_should_stop(deadline)) {
            st[k] = ENT_ETIMEOUT;
            continue;
        }
        st[k] = lh_path(MP, MQ, m, n, k, deadline, xk, yk);
        int pd;
#pragma omp atomic capture
        pd = ++paths_done;
        ent_progress("Lemke-Howson paths", pd, last - first + 1);
        /* the end is checked more finely than the ties the path broke (ENT_TOL_ROUNDING,
         * not ENT_TOL_TIE): a best reply lost by a tie within the tie tolerance sends the
         * path to exact arithmetic rather than to a profile that is not an equilibrium */
        if (st[k] == ENT_OK && !labels_complete(A, B, m, n, xk, yk, check_tol))
            st[k] = ENT_ENUMERIC; /* rounding led the path astray */
        if (st[k] == ENT_ENUMERIC) {
            st[k] = bm_lemke_exact_path(A0, B0, m, n, k, deadline, xk, yk);
            ex[k] = 1;
        }
    }
    int found = 0, stopped = 0, failed = -1;
    for (int k = first; k <= last; k++) {
        if (st[k] == ENT_ETIMEOUT)
            stopped = 1;
        if (st[k] != ENT_OK) {
            if (st[k] != ENT_ETIMEOUT && failed < 0)
                failed = k;
            continue;
        }
        bm_labels_x(B, m, n, x + (size_t)k * m, tol, lx);
        bm_labels_y(A, m, n, y + (size_t)k * n, tol, ly);
        int xi = bm_add_x(r, x + (size_t)k * m, lx, 1);
        int yi = bm_add_y(r, y + (size_t)k * n, ly, 1);
        if (xi < 0 || yi < 0 || bm_add_eq(r, xi, yi, 1)) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto out;
        }
        found = 1;
    }
    r->incomplete = stopped;
    if (!found && !stopped && failed >= 0) {
        rc = ent_error_set(err, st[failed], "Lemke-Howson from label %d failed: %s",
                           failed + 1, ent_strerror(st[failed]));
        goto out;
    }
    r->path_status = st;
    r->path_exact = ex;
    st = NULL;
    ex = NULL;
out:
    free(MP);
    free(MQ);
    free(x);
    free(y);
    free(st);
    free(ex);
    free(lx);
    free(ly);
    return rc;
}
