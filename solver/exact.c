/* exact.c — exact certification of two-player equilibria in GMP rational arithmetic.
 * Each vertex is re-derived from its label set alone: the tight constraints (zero
 * probabilities, best responses at a common payoff v, probabilities summing to 1) are
 * solved by exact Gaussian elimination, which must have a unique solution; then the
 * pair is checked exactly (probabilities >= 0, every strategy in a support earns the
 * maximum payoff against the other). Payoffs come from the game's exact table, else
 * the doubles taken exactly (mpq_set_d). */
#include "../solver/nash/bimatrix.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

/* Exact payoff of player p at (i, j). */
static void payoff_q(const ent_game *g, int p, int i, int j, mpq_t out)
{
    int m = ent_game_nstrategies(g, 0);
    uint64_t idx = (uint64_t)i + (uint64_t)j * (uint64_t)m;
    int64_t num, den;
    ent_game_get_exact(g, p, idx, &num, &den);
    if (den > 0) {
        mpz_set_si(mpq_numref(out), (long)num);
        mpz_set_si(mpq_denref(out), (long)den);
        mpq_canonicalize(out);
    } else {
        mpq_set_d(out, ent_game_payoffs(g, p)[idx]);
    }
}

/* Solve for a vertex: d probabilities p and value v, given the label set. X[a][b] is
 * the payoff to the *opponent* when we play a and he plays b (d x e, row-major mpq).
 * zero_lab(a) / br_lab(b) map our strategies / his strategies to labels. OUT: p, v.
 * Returns 1 when the system has a unique solution. */
static int solve_vertex(const mpq_t *X, int d, int e, const uint64_t *lab, int zoff, int boff,
                        mpq_t *p, mpq_t v)
{
    int nc = d + 2; /* d probs, v, rhs */
    int maxr = d + e + 1, nr = 0;
    mpq_t *M = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)maxr * (size_t)nc);
    if (!M)
        return -1;
    for (int i = 0; i < maxr * nc; i++)
        mpq_init(M[i]);
    for (int a = 0; a < d; a++)
        if (bm_lbl_has(lab, zoff + a)) {
            mpq_set_ui(M[nr * nc + a], 1, 1);
            nr++;
        }
    for (int b = 0; b < e; b++)
        if (bm_lbl_has(lab, boff + b)) {
            for (int a = 0; a < d; a++)
                mpq_set(M[nr * nc + a], X[(size_t)a * e + b]);
            mpq_set_si(M[nr * nc + d], -1, 1);
            nr++;
        }
    for (int a = 0; a < d; a++)
        mpq_set_ui(M[nr * nc + a], 1, 1);
    mpq_set_ui(M[nr * nc + d + 1], 1, 1);
    nr++;
    mpq_t f, t;
    mpq_init(f);
    mpq_init(t);
    int rank = 0, ok = 1;
    for (int col = 0; col < d + 1 && ok; col++) {
        int pr = -1;
        for (int r = rank; r < nr; r++)
            if (mpq_sgn(M[r * nc + col]) != 0) {
                pr = r;
                break;
            }
        if (pr < 0) {
            ok = 0; /* not unique */
            break;
        }
        if (pr != rank)
            for (int j = 0; j < nc; j++)
                mpq_swap(M[pr * nc + j], M[rank * nc + j]);
        for (int r = 0; r < nr; r++) {
            if (r == rank || mpq_sgn(M[r * nc + col]) == 0)
                continue;
            mpq_div(f, M[r * nc + col], M[rank * nc + col]);
            for (int j = col; j < nc; j++) {
                mpq_mul(t, f, M[rank * nc + j]);
                mpq_sub(M[r * nc + j], M[r * nc + j], t);
            }
        }
        rank++;
    }
    /* remaining rows must read 0 = 0 */
    for (int r = rank; r < nr && ok; r++)
        if (mpq_sgn(M[r * nc + d + 1]) != 0)
            ok = 0;
    if (ok) {
        for (int a = 0; a < d; a++)
            mpq_div(p[a], M[a * nc + d + 1], M[a * nc + a]);
        mpq_div(v, M[d * nc + d + 1], M[d * nc + d]);
    }
    mpq_clear(f);
    mpq_clear(t);
    for (int i = 0; i < maxr * nc; i++)
        mpq_clear(M[i]);
    free(M);
    return ok;
}

static char *qstr(const mpq_t q)
{
    return mpq_get_str(NULL, 10, q);
}

/* Best-response condition in exact arithmetic for one player: strategy r is worth
 * sum_k M[r*rs + k*ks] * other[k]; OUT best = the largest worth. Returns 1 when every
 * strategy in the support of own is worth exactly best (one pass over the strategies). */
static int support_is_best(const mpq_t *M, int nr, int nk, int rs, int ks, const mpq_t *other,
                           const mpq_t *own, mpq_t best, mpq_t s, mpq_t t)
{
    mpq_t low; /* the least worth on the support */
    mpq_init(low);
    int have_low = 0;
    for (int r = 0; r < nr; r++) {
        mpq_set_ui(s, 0, 1);
        for (int k = 0; k < nk; k++) {
            mpq_mul(t, M[r * rs + k * ks], other[k]);
            mpq_add(s, s, t);
        }
        if (r == 0 || mpq_cmp(s, best) > 0)
            mpq_set(best, s);
        if (mpq_sgn(own[r]) != 0 && (!have_low || mpq_cmp(s, low) < 0)) {
            mpq_set(low, s);
            have_low = 1;
        }
    }
    int ok = have_low && mpq_equal(low, best);
    mpq_clear(low);
    return ok;
}

int ent_bimatrix_certify(const ent_game *g, ent_bimatrix *r, ent_error *err)
{
    int m = r->m, n = r->n, rc = ENT_OK;
    size_t per = (size_t)(m + n + 2);
    mpq_t *A = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)m * n);  /* A[i][j] */
    mpq_t *BT = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)m * n); /* B[i][j], as x->col */
    mpq_t *AT = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)m * n); /* A[i][j] at [j][i] */
    mpq_t *xs = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)(r->nx > 0 ? r->nx : 1) * m);
    mpq_t *ys = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)(r->ny > 0 ? r->ny : 1) * n);
    mpq_t *xv = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)(r->nx > 0 ? r->nx : 1));
    mpq_t *yv = (mpq_t *)malloc(sizeof(mpq_t) * (size_t)(r->ny > 0 ? r->ny : 1));
    char **ex = (char **)calloc((size_t)(r->neq > 0 ? r->neq : 1) * per, sizeof(char *));
    if (!A || !BT || !AT || !xs || !ys || !xv || !yv || !ex) {
        free(A);
        free(BT);
        free(AT);
        free(xs);
        free(ys);
        free(xv);
        free(yv);
        free(ex);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            mpq_init(A[i * n + j]);
            mpq_init(BT[i * n + j]);
            mpq_init(AT[j * m + i]);
            payoff_q(g, 0, i, j, A[i * n + j]);
            payoff_q(g, 1, i, j, BT[i * n + j]);
            mpq_set(AT[j * m + i], A[i * n + j]);
        }
    for (int v = 0; v < r->nx * m; v++)
        mpq_init(xs[v]);
    for (int v = 0; v < r->ny * n; v++)
        mpq_init(ys[v]);
    for (int v = 0; v < r->nx; v++)
        mpq_init(xv[v]);
    for (int v = 0; v < r->ny; v++)
        mpq_init(yv[v]);
    mpq_t s, t;
    mpq_init(s);
    mpq_init(t);
    /* vertices: x from labels 0..m-1 (x_i = 0) and m+j (column j a best response) */
    for (int v = 0; v < r->nx && rc == ENT_OK; v++) {
        int ok = solve_vertex(BT, m, n, r->xl + (size_t)v * r->W, 0, m, xs + (size_t)v * m,
                              xv[v]);
        if (ok < 0)
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        else if (!ok)
            rc = ent_error_set(err, ENT_EVERIFY,
                               "exact check: vertex x%d is not determined by its labels", v + 1);
    }
    for (int v = 0; v < r->ny && rc == ENT_OK; v++) {
        /* y: labels m+j (y_j = 0) and i (row i a best response); payoff to player 0 */
        uint64_t l2[4] = {0, 0, 0, 0}, *lab = l2;
        uint64_t *big = NULL;
        if (r->W > 2) {
            big = (uint64_t *)calloc((size_t)2 * r->W, sizeof(uint64_t));
            if (!big) {
                rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
                break;
            }
            lab = big;
        }
        /* relabel so that our strategies come first: y_j zero -> j, row i -> n + i */
        const uint64_t *ly = r->yl + (size_t)v * r->W;
        for (int j = 0; j < n; j++)
            if (bm_lbl_has(ly, m + j))
                bm_lbl_set(lab, j);
        for (int i = 0; i < m; i++)
            if (bm_lbl_has(ly, i))
                bm_lbl_set(lab, n + i);
        int ok = solve_vertex(AT, n, m, lab, 0, n, ys + (size_t)v * n, yv[v]);
        free(big);
        if (ok < 0)
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        else if (!ok)
            rc = ent_error_set(err, ENT_EVERIFY,
                               "exact check: vertex y%d is not determined by its labels", v + 1);
    }
    /* equilibria: exact best-response conditions */
    for (int k = 0; k < r->neq && rc == ENT_OK; k++) {
        const mpq_t *x = xs + (size_t)r->eqx[k] * m, *y = ys + (size_t)r->eqy[k] * n;
        int ok = 1;
        for (int i = 0; i < m && ok; i++)
            ok = mpq_sgn(x[i]) >= 0;
        for (int j = 0; j < n && ok; j++)
            ok = mpq_sgn(y[j]) >= 0;
        /* player 0: (Ay)_i <= u for all i, equality on supp x; player 1 likewise with B */
        mpq_t u, w;
        mpq_init(u);
        mpq_init(w);
        if (ok)
            ok = support_is_best(A, m, n, n, 1, y, x, u, s, t);
        if (ok)
            ok = support_is_best(BT, n, m, 1, n, x, y, w, s, t);
        if (!ok) {
            rc = ent_error_set(err, ENT_EVERIFY,
                               "exact check: equilibrium %d (x%d, y%d) is not a Nash equilibrium "
                               "in rational arithmetic", k + 1, r->eqx[k] + 1, r->eqy[k] + 1);
        } else {
            char **row = ex + (size_t)k * per;
            for (int i = 0; i < m; i++)
                row[i] = qstr(x[i]);
            for (int j = 0; j < n; j++)
                row[m + j] = qstr(y[j]);
            row[m + n] = qstr(u);
            row[m + n + 1] = qstr(w);
            for (size_t c = 0; c < per; c++)
                if (!row[c])
                    rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        mpq_clear(u);
        mpq_clear(w);
    }
    mpq_clear(s);
    mpq_clear(t);
    for (int i = 0; i < m * n; i++) {
        mpq_clear(A[i]);
        mpq_clear(BT[i]);
        mpq_clear(AT[i]);
    }
    for (int v = 0; v < r->nx * m; v++)
        mpq_clear(xs[v]);
    for (int v = 0; v < r->ny * n; v++)
        mpq_clear(ys[v]);
    for (int v = 0; v < r->nx; v++)
        mpq_clear(xv[v]);
    for (int v = 0; v < r->ny; v++)
        mpq_clear(yv[v]);
    free(A);
    free(BT);
    free(AT);
    free(xs);
    free(ys);
    free(xv);
    free(yv);
    if (rc != ENT_OK) {
        for (size_t c = 0; c < (size_t)r->neq * per; c++)
            free(ex[c]);
        free(ex);
        return rc;
    }
    if (r->exact) {
        for (size_t c = 0; c < (size_t)r->neq * per; c++)
            free(r->exact[c]);
        free(r->exact);
    }
    r->exact = ex;
    return ENT_OK;
}
