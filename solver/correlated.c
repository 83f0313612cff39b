/* correlated.c — correlated (Aumann 1974) and coarse correlated (Moulin & Vial 1978)
 * equilibria as linear programs over the distribution on profiles: one column per profile,
 * a sparse incentive row per (player, recommended s, deviation s') or (player, s'), and a
 * row sum = 1 (see Papadimitriou & Roughgarden 2008 for the LP form). The independent
 * check ent_verify_correlated recomputes every incentive constraint from the payoffs. */
#include "entente.h"
#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>

#define CE_MAX_PROFILES 50000000ULL
#define CE_MAX_NNZ 200000000ULL

struct ent_ce {
    const ent_game *g;
    int kind;
    ent_lp *lp;
    int ncols;
    double *obj; /* ncols scratch */
};

int ent_ce_nconstraints(const ent_game *g, int kind)
{
    int n = ent_game_nplayers(g), k = 0;
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        k += kind == ENT_CCE ? m : m * m;
    }
    return k;
}

void ent_ce_constraint(const ent_game *g, int kind, int k, int *player, int *s, int *s_dev)
{
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        int sz = kind == ENT_CCE ? m : m * m;
        if (k < sz) {
            *player = p;
            *s = kind == ENT_CCE ? -1 : k / m;
            *s_dev = k % m;
            return;
        }
        k -= sz;
    }
    *player = *s = *s_dev = -1;
}

int ent_verify_correlated(const ent_game *g, int kind, const double *dist, double *gain,
                          double *max_gain)
{
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    long double sum = 0;
    for (uint64_t i = 0; i < np; i++) {
        if (!isfinite(dist[i]) || dist[i] < -1e-12)
            return ENT_EINVAL;
        sum += dist[i];
    }
    if (fabsl(sum - 1.0L) > 1e-9L)
        return ENT_EINVAL;
    int nc = ent_ce_nconstraints(g, kind);
    long double *acc = (long double *)calloc((size_t)nc, sizeof(long double));
    int *prof = (int *)calloc((size_t)n, sizeof(int));
    if (!acc || !prof) {
        free(acc);
        free(prof);
        return ENT_ENOMEM;
    }
    int base = 0;
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        uint64_t st = ent_game_stride(g, p);
        const double *u = ent_game_payoffs(g, p);
        for (int t = 0; t < n; t++)
            prof[t] = 0;
        for (uint64_t i = 0; i < np; i++) {
            double w = dist[i];
            int s = prof[p];
            if (w != 0) {
                uint64_t i0 = i - (uint64_t)s * st; /* profile with p's strategy 0 */
                long double *row = acc + base + (kind == ENT_CCE ? 0 : s * m);
                for (int d = 0; d < m; d++)
                    row[d] += (long double)w * (u[i0 + (uint64_t)d * st] - u[i]);
            }
            for (int t = 0; t < n; t++) {
                if (++prof[t] < ent_game_nstrategies(g, t))
                    break;
                prof[t] = 0;
            }
        }
        base += kind == ENT_CCE ? m : m * m;
    }
    double mx = -INFINITY;
    for (int k = 0; k < nc; k++) {
        double v = (double)acc[k];
        if (gain)
            gain[k] = v;
        if (v > mx)
            mx = v;
    }
    if (max_gain)
        *max_gain = mx;
    free(acc);
    free(prof);
    return ENT_OK;
}

void ent_ce_free(ent_ce **ce)
{
    if (!ce || !*ce)
        return;
    ent_lp_free(&(*ce)->lp);
    free((*ce)->obj);
    free(*ce);
    *ce = NULL;
}

/* Rows of player p: for each recommended s, the profiles with s_p = s (idx), and for
 * every deviation d the coefficient u_p(d, s_-p) - u_p(s, s_-p). CCE rows sum over s. */
static int add_rows(ent_ce *ce, int p, int *idx, double *val)
{
    const ent_game *g = ce->g;
    int m = ent_game_nstrategies(g, p);
    uint64_t np = ent_game_nprofiles(g), st = ent_game_stride(g, p);
    const double *u = ent_game_payoffs(g, p);
    if (ce->kind == ENT_CCE) {
        for (int d = 0; d < m; d++) {
            int nnz = 0;
            for (uint64_t i = 0; i < np; i++) {
                uint64_t s = (i / st) % (uint64_t)m;
                double c = u[i + ((uint64_t)d - s) * st] - u[i];
                if (c != 0) {
                    idx[nnz] = (int)i;
                    val[nnz++] = c;
                }
            }
            if (nnz && ent_lp_add_row(ce->lp, nnz, idx, val, ENT_LP_UP, 0, 0) < 0)
                return ENT_ENOMEM;
        }
        return ENT_OK;
    }
    for (int s = 0; s < m; s++) {
        /* enumerate profiles with s_p = s: i = lo + s*st + hi*st*m, lo < st */
        uint64_t k = 0;
        for (uint64_t hi = 0; hi < np / (st * (uint64_t)m); hi++)
            for (uint64_t lo = 0; lo < st; lo++)
                idx[k++] = (int)(lo + (uint64_t)s * st + hi * st * (uint64_t)m);
        for (int d = 0; d < m; d++) {
            if (d == s)
                continue;
            int nnz = 0;
            for (uint64_t t = 0; t < k; t++) {
                uint64_t i = (uint64_t)idx[t];
                double c = u[i + ((uint64_t)d - (uint64_t)s) * st] - u[i];
                if (c != 0) {
                    idx[k + (uint64_t)nnz] = (int)i; /* second half of idx as scratch */
                    val[nnz++] = c;
                }
            }
            if (nnz && ent_lp_add_row(ce->lp, nnz, idx + k, val, ENT_LP_UP, 0, 0) < 0)
                return ENT_ENOMEM;
        }
    }
    return ENT_OK;
}

int ent_ce_new(const ent_game *g, int kind, ent_ce **out, ent_error *err)
{
    *out = NULL;
    if (kind != ENT_CE && kind != ENT_CCE)
        return ent_error_set(err, ENT_EINVAL, "unknown correlated-equilibrium kind %d", kind);
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    if (np > CE_MAX_PROFILES)
        return ent_error_set(err, ENT_ETOOBIG,
                             "correlated equilibrium: %llu profiles exceed the limit of %llu",
                             (unsigned long long)np, (unsigned long long)CE_MAX_PROFILES);
    uint64_t nnz = np;
    for (int p = 0; p < n; p++) {
        uint64_t m = (uint64_t)ent_game_nstrategies(g, p);
        nnz += kind == ENT_CCE ? np * m : np * (m - 1);
    }
    if (nnz > CE_MAX_NNZ)
        return ent_error_set(err, ENT_ETOOBIG,
                             "correlated equilibrium: the LP would have %llu nonzeros, over the "
                             "limit of %llu",
                             (unsigned long long)nnz, (unsigned long long)CE_MAX_NNZ);
    ent_ce *ce = (ent_ce *)calloc(1, sizeof *ce);
    int *idx = (int *)malloc(sizeof(int) * (size_t)np * 2);
    double *val = (double *)malloc(sizeof(double) * (size_t)np);
    int rc = ENT_ENOMEM;
    if (!ce || !idx || !val)
        goto fail;
    ce->g = g;
    ce->kind = kind;
    ce->ncols = (int)np;
    ce->obj = (double *)calloc((size_t)np, sizeof(double));
    ce->lp = ent_lp_new(ENT_LP_MAX);
    if (!ce->obj || !ce->lp || ent_lp_add_cols(ce->lp, (int)np) < 0)
        goto fail;
    for (int p = 0; p < n; p++)
        if ((rc = add_rows(ce, p, idx, val)) != ENT_OK)
            goto fail;
    for (uint64_t i = 0; i < np; i++) {
        idx[i] = (int)i;
        val[i] = 1.0;
    }
    if (ent_lp_add_row(ce->lp, (int)np, idx, val, ENT_LP_FX, 1, 1) < 0) {
        rc = ENT_ENOMEM;
        goto fail;
    }
    free(idx);
    free(val);
    *out = ce;
    return ENT_OK;
fail:
    free(idx);
    free(val);
    ent_ce_free(&ce);
    return ent_error_set(err, rc, "correlated equilibrium: building the LP failed: %s",
                         ent_strerror(rc));
}

int ent_ce_optimize(ent_ce *ce, const double *weight, int maximize, double *dist,
                    double *value, ent_error *err)
{
    const ent_game *g = ce->g;
    int n = ent_game_nplayers(g);
    uint64_t np = (uint64_t)ce->ncols;
    double sgn = maximize ? 1.0 : -1.0;
    for (uint64_t i = 0; i < np; i++) {
        double c = 0;
        if (weight)
            for (int p = 0; p < n; p++)
                if (weight[p] != 0)
                    c += weight[p] * ent_game_payoffs(g, p)[i];
        ce->obj[i] = c;
        ent_lp_set_obj(ce->lp, (int)i, sgn * c);
    }
    int rc = ent_lp_solve(ce->lp, 0);
    if (rc == ENT_EINFEASIBLE)
        return ent_error_set(err, rc, "correlated equilibrium LP reported infeasible "
                                      "(numerical trouble: a Nash equilibrium always exists)");
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "correlated equilibrium LP failed: %s", ent_strerror(rc));
    long double sum = 0;
    for (uint64_t i = 0; i < np; i++) {
        double x = ent_lp_col(ce->lp, (int)i);
        if (x < 1e-13)
            x = 0;
        dist[i] = x;
        sum += x;
    }
    if (!(sum > 0))
        return ent_error_set(err, ENT_ENUMERIC, "correlated equilibrium LP returned no mass");
    long double v = 0;
    for (uint64_t i = 0; i < np; i++) {
        dist[i] = (double)((long double)dist[i] / sum);
        v += (long double)dist[i] * ce->obj[i];
    }
    if (value)
        *value = (double)v;
    return ENT_OK;
}
