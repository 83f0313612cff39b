/* kohlberg.c — Kohlberg's criterion (E. Kohlberg 1971, "On the nucleolus of a
 * characteristic function game", SIAM J. Appl. Math. 20): x is the prenucleolus iff for
 * every k the coalitions of the k largest excess levels form a balanced collection; for
 * the nucleolus, weakly balanced together with the singletons whose imputation bound
 * binds. Balancedness of each union is an LP (max t: sum lambda_S 1_S = 1_N,
 * lambda_S >= t). Once the union spans R^n every larger union is balanced too, so the
 * check stops there. */
#include "coop.h"
#include "../lp/lp.h"

#include <math.h>
#include <stdlib.h>

/* 1 if coalitions c[0..nc-1] (positive weights) with b0[0..nb-1] (weights >= 0) are
 * balanced, 0 if not, <0 on LP failure. With lambda_S = t + mu_S (S in c), mu >= 0:
 * max t  s.t.  t |{S in c: i in S}| + sum_{S in c, i in S} mu_S + sum_{T in b0, i in T}
 * lambda_T = 1 for every i — n rows whatever the number of coalitions. */
static int balanced(int n, const uint64_t *c, size_t nc, const uint64_t *b0, int nb)
{
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    if (!lp)
        return ENT_ENOMEM;
    int ncol = (int)nc + nb + 1, t = (int)nc + nb;
    int rc = ent_lp_add_cols(lp, ncol);
    if (rc < 0)
        goto out;
    ent_lp_set_col_bounds(lp, t, ENT_LP_UP, 0.0, 1.0);
    ent_lp_set_obj(lp, t, 1.0);
    int *idx = (int *)malloc(sizeof(int) * (size_t)ncol);
    double *val = (double *)malloc(sizeof(double) * (size_t)ncol);
    if (!idx || !val) {
        free(idx);
        free(val);
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int i = 0; i < n && rc >= 0; i++) {
        int k = 0;
        double cnt = 0.0;
        for (size_t j = 0; j < nc; j++)
            if ((c[j] >> i) & 1u) {
                idx[k] = (int)j;
                val[k++] = 1.0;
                cnt += 1.0;
            }
        for (int j = 0; j < nb; j++)
            if ((b0[j] >> i) & 1u) {
                idx[k] = (int)nc + j;
                val[k++] = 1.0;
            }
        if (cnt > 0.0) {
            idx[k] = t;
            val[k++] = cnt;
        }
        rc = ent_lp_add_row(lp, k, idx, val, ENT_LP_FX, 1.0, 1.0);
    }
    free(idx);
    free(val);
    if (rc < 0)
        goto out;
    rc = ent_lp_solve(lp, 0);
    if (rc == ENT_EINFEASIBLE)
        rc = 0;
    else if (rc == ENT_OK)
        rc = ent_lp_obj(lp) > 1e-9;
out:
    ent_lp_free(&lp);
    return rc;
}

/* after a level joined the union c[0..nc-1]: 0 not balanced (or < 0 on LP failure), 1
 * balanced and spanning R^n (every later union is balanced too), 3 go on */
static int level_verdict(int n, const uint64_t *c, size_t nc, const coop_basis *basis,
                         const uint64_t *b0, int nb)
{
    int b = balanced(n, c, nc, b0, nb);
    if (b <= 0)
        return b;
    return basis->rank == n ? 1 : 3;
}

int ent_tu_kohlberg(const ent_tu *g, const double *x, int prenucleolus, double tol,
                    size_t max_sets, ent_error *err)
{
    int n = g->n;
    if (n == 1)
        return fabs(x[0] - g->v[1]) <= tol;
    uint32_t full = (uint32_t)(((uint64_t)1 << n) - 1);
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    if (fabs(sum - g->v[full]) > tol)
        return 0;
    uint64_t b0[ENT_TU_MAX_N];
    int nb = 0;
    if (!prenucleolus)
        for (int i = 0; i < n; i++) {
            if (x[i] < g->v[1u << i] - tol)
                return 0;
            if (x[i] <= g->v[1u << i] + tol)
                b0[nb++] = 1u << i;
        }
    ent_split xt;
    coop_basis basis;
    if (ent_split_init(&xt, n) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    if (coop_basis_init(&basis, n) != ENT_OK) {
        ent_split_free(&xt);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    ent_split_set(&xt, n, x);
    size_t cap = 64, nc = 0;
    uint64_t *c = (uint64_t *)malloc(sizeof(uint64_t) * cap);
    int result = ENT_ENOMEM;
    double upper = INFINITY;
    if (!c)
        goto done;
    for (;;) {
        double m = -INFINITY;
        for (uint32_t s = 1; s < full; s++) {
            double e = g->v[s] - ent_split_sum(&xt, s);
            if (e < upper - tol && e > m)
                m = e;
        }
        if (m == -INFINITY) {
            result = 1; /* every level examined */
            break;
        }
        for (uint32_t s = 1; s < full; s++) {
            double e = g->v[s] - ent_split_sum(&xt, s);
            if (e < upper - tol && e >= m - tol) {
                if (nc == max_sets) {
                    result = 2;
                    goto done;
                }
                if (nc == cap) {
                    uint64_t *d = (uint64_t *)realloc(c, sizeof(uint64_t) * cap * 2);
                    if (!d) {
                        result = ENT_ENOMEM;
                        goto done;
                    }
                    c = d;
                    cap *= 2;
                }
                c[nc++] = s;
                coop_basis_add_mask(&basis, s);
            }
        }
        upper = m;
        if ((result = level_verdict(n, c, nc, &basis, b0, nb)) != 3)
            break;
    }
done:
    if (result < 0)
        ent_error_set(err, result, "Kohlberg check: %s", ent_strerror(result));
    free(c);
    coop_basis_free(&basis);
    ent_split_free(&xt);
    return result;
}

/* ------------------------------------------------------------ oracle games */

static int add_set_row(ent_lp *lp, int n, uint64_t s, int kind)
{
    int idx[64];
    double val[64];
    int k = 0;
    for (int i = 0; i < n; i++)
        if ((s >> i) & 1u) {
            idx[k] = i;
            val[k++] = 1.0;
        }
    return ent_lp_add_row(lp, k, idx, val, kind, 0.0, 0.0);
}

typedef struct {
    int n, nz;
    double z[64 * 64]; /* complement of the span, as rows */
} nullsp;

static int skip_in_span(void *ctx, uint64_t s)
{
    const nullsp *ns = (const nullsp *)ctx;
    return coop_null_spans(ns->z, ns->nz, ns->n, s);
}

/* D = {S : e(S) > thr} (with the singletons b0 at weight >= 0) is balanced iff Kohlberg's
 * property I holds: every y with y(S) >= 0 on D and b0 and y(N) = 0 has y(S) = 0 on D;
 * equivalently max sum_{S in D} y(S) = sum_i c_i y_i (c_i = |{S in D : i in S}|) over
 * those y in [-1, 1]^n is 0. The rows y(S) >= 0 are generated: a search for S in D with
 * y(S) < 0 (cut on the excess and on y) until none is left. 1 balanced, 0 not, < 0 error. */
static int balanced_implicit(const ent_tu_oracle *g, const double *x, double thr,
                             const uint64_t *b0, int nb, coop_search_req q, ent_error *err)
{
    int n = g->n;
    uint64_t counts[64];
    q.thr = thr;
    q.K = 0;
    q.counts = counts;
    q.skip = NULL;
    q.y = NULL;
    coop_hit *h = NULL;
    size_t nh = 0;
    int rc = coop_search(&q, &h, &nh, NULL, err);
    free(h);
    if (rc != ENT_OK)
        return rc;
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    if (!lp)
        return ENT_ENOMEM;
    rc = ent_lp_add_cols(lp, n);
    double scale = 0.0;
    for (int i = 0; i < n && rc >= 0; i++) {
        ent_lp_set_col_bounds(lp, i, ENT_LP_DB, -1.0, 1.0);
        ent_lp_set_obj(lp, i, (double)counts[i]);
        scale += (double)counts[i];
    }
    uint64_t full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    if (rc >= 0)
        rc = add_set_row(lp, n, full, ENT_LP_FX);
    for (int k = 0; k < nb && rc >= 0; k++)
        rc = add_set_row(lp, n, b0[k], ENT_LP_LO);
    double y[64];
    q.counts = NULL;
    q.K = 4 * n + 16;
    q.y = y;
    q.ytol = 1e-9;
    int result = rc < 0 ? rc : 1;
    for (int round = 0; result == 1; round++) {
        if ((rc = ent_lp_solve(lp, 0)) != ENT_OK) {
            result = rc;
            break;
        }
        for (int i = 0; i < n; i++)
            y[i] = ent_lp_col(lp, i);
        h = NULL;
        rc = coop_search(&q, &h, &nh, NULL, err);
        for (size_t k = 0; rc == ENT_OK && k < nh; k++)
            rc = add_set_row(lp, n, h[k].mask, ENT_LP_LO) < 0 ? ENT_ENOMEM : ENT_OK;
        free(h);
        if (rc != ENT_OK) {
            result = rc;
            break;
        }
        if (!nh) { /* y is optimal over all of D */
            result = ent_lp_obj(lp) <= 1e-7 * (1.0 + scale) ? 1 : 0;
            break;
        }
    }
    ent_lp_free(&lp);
    (void)x;
    return result;
}

int coop_kohlberg_oracle(const ent_tu_oracle *g, const double *x, const uint64_t *b0, int nb,
                         double tol, uint64_t max_nodes, int threads, ent_error *err)
{
    int n = g->n;
    coop_basis basis;
    nullsp *ns = (nullsp *)malloc(sizeof *ns);
    if (!ns || coop_basis_init(&basis, n) != ENT_OK) {
        free(ns);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    ns->n = n;
    ns->nz = coop_basis_null(&basis, ns->z);
    coop_search_req q = {.o = g, .x = x, .node_limit = max_nodes, .threads = threads,
                         .skip = skip_in_span, .skip_ctx = ns};
    int result = 1;
    while (result == 1 && basis.rank < n) {
        /* the next level that matters: the largest excess outside the span so far (the
         * levels in between lie in that span, so their unions are balanced with it) */
        coop_hit *h = NULL;
        size_t nh = 0;
        q.thr = -INFINITY;
        q.K = 1;
        int rc = coop_search(&q, &h, &nh, NULL, err);
        double level = nh ? h[0].excess : 0.0;
        free(h);
        if (rc != ENT_OK || !nh) {
            result = rc != ENT_OK ? rc : ENT_EVERIFY;
            break;
        }
        double thr = level - tol;
        int b = balanced_implicit(g, x, thr, b0, nb, q, err);
        if (b != 1) {
            result = b;
            break;
        }
        /* the span of this level's union: add coalitions of it outside the span */
        q.thr = thr;
        q.K = 4 * n + 16;
        for (;;) {
            h = NULL;
            rc = coop_search(&q, &h, &nh, NULL, err);
            for (size_t k = 0; rc == ENT_OK && k < nh; k++)
                coop_basis_add_mask(&basis, h[k].mask);
            ns->nz = coop_basis_null(&basis, ns->z);
            free(h);
            if (rc != ENT_OK) {
                result = rc;
                break;
            }
            if (!nh)
                break;
        }
    }
    coop_basis_free(&basis);
    free(ns);
    if (result == ENT_ETOOBIG)
        return 2;
    if (result < 0 && result != ENT_EVERIFY)
        ent_error_set(err, result, "Kohlberg check: %s", ent_strerror(result));
    return result;
}
