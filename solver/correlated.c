/* correlated.c — correlated (Aumann 1974) and coarse correlated (Moulin & Vial 1978)
 * equilibria as linear programs over the distribution on profiles: one column per profile,
 * an incentive row per (player, recommended s, deviation s') or (player, s'), and a row
 * sum = 1 (Papadimitriou & Roughgarden 2008 for the LP form). The LP has few rows and very
 * many sparse columns, so it is solved by column generation: columns enter only when
 * their reduced cost, priced for all profiles in one pass, is positive. The independent
 * check ent_verify_correlated recomputes every incentive constraint from the payoffs. */
#include "entente.h"
#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CE_MAX_PROFILES 50000000ULL
#define CE_MAX_ROWS 1000000ULL

struct ent_ce {
    const ent_game *g;  /* the game normalised (ent_game_normalise): LP data unit-free */
    ent_game *gn;       /* owned: g */
    const ent_game *orig; /* the caller's game: objective values in its units */
    int kind;
    ent_lp *lp;
    int R;              /* incentive rows; the sum row is row R */
    int *rowbase;       /* per player: first incentive row */
    int *col_of;        /* per profile: LP column, or -1 while not generated */
    uint64_t *prof_of;  /* per LP column (column 0 is the artificial e) */
    int ncols, capcols;
    int phase1;         /* 1 once feasibility is established and e fixed to 0 */
    unsigned char *allowed; /* NULL, or per profile: may carry probability */
    double *obj;        /* per profile: current objective coefficient */
    int *idx;           /* R + 1 scratch */
    double *val, *pi;   /* R + 1 scratch, row duals */
    double scale;
    double deadline;    /* ent_ce_set_deadline */
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

static int verify_correlated(const ent_game *g, int kind, const double *dist, double *gain,
                             double *max_gain, double unit);

int ent_verify_correlated(const ent_game *g, int kind, const double *dist, double *gain,
                          double *max_gain)
{
    /* an exact game's payoff differences from its exact table (doubles do not hold
     * 10^9 + 1.131), in games small enough to copy */
    if (ent_game_has_exact(g) && ent_game_nprofiles(g) <= ENT_EXACT_WORK) {
        ent_game *gn;
        double unit;
        if (ent_game_normalise(g, &gn, &unit) != ENT_OK)
            return ENT_ENOMEM;
        int rc = verify_correlated(gn, kind, dist, gain, max_gain, unit);
        ent_game_free(&gn);
        return rc;
    }
    return verify_correlated(g, kind, dist, gain, max_gain, 1.0);
}

/* The same; gains are multiplied by unit (the scale g was normalised by). */
static int verify_correlated(const ent_game *g, int kind, const double *dist, double *gain,
                             double *max_gain, double unit)
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
        double v = (double)(acc[k] * unit);
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
    ent_ce *c = *ce;
    ent_game_free(&c->gn);
    ent_lp_free(&c->lp);
    free(c->rowbase);
    free(c->col_of);
    free(c->prof_of);
    free(c->obj);
    free(c->idx);
    free(c->val);
    free(c->pi);
    free(c->allowed);
    free(c);
    *ce = NULL;
}

/* Row of constraint (p, recommended s, deviation d != s) or CCE (p, d). */
static inline int row_of(const ent_ce *c, int p, int m, int s, int d)
{
    if (c->kind == ENT_CCE)
        return c->rowbase[p] + d;
    return c->rowbase[p] + s * (m - 1) + (d < s ? d : d - 1);
}

/* The LP column of profile i: its coefficient u_p(d, s_-p) - u_p(s) in each incentive
 * row it enters, and 1 in the sum row. Returns the entry count. */
static int column_of(const ent_ce *c, uint64_t i)
{
    const ent_game *g = c->g;
    int n = ent_game_nplayers(g), k = 0;
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        uint64_t st = ent_game_stride(g, p);
        int s = (int)((i / st) % (uint64_t)m);
        const double *u = ent_game_payoffs(g, p);
        uint64_t i0 = i - (uint64_t)s * st;
        for (int d = 0; d < m; d++) {
            if (d == s)
                continue;
            double a = u[i0 + (uint64_t)d * st] - u[i];
            if (a != 0) {
                c->idx[k] = row_of(c, p, m, s, d);
                c->val[k++] = a;
            }
        }
    }
    c->idx[k] = c->R;
    c->val[k++] = 1.0;
    return k;
}

static int add_profile(ent_ce *c, uint64_t i, double obj)
{
    if (c->ncols == c->capcols) {
        int nc = c->capcols * 2;
        uint64_t *np = (uint64_t *)realloc(c->prof_of, sizeof(uint64_t) * (size_t)nc);
        if (!np)
            return ENT_ENOMEM;
        c->prof_of = np;
        c->capcols = nc;
    }
    int k = column_of(c, i);
    int j = ent_lp_add_col(c->lp, k, c->idx, c->val, obj);
    if (j < 0)
        return j;
    c->col_of[i] = j;
    c->prof_of[j] = i;
    c->ncols = j + 1;
    return ENT_OK;
}

typedef struct {
    double rc;
    uint64_t i;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = (const cand *)a, *y = (const cand *)b;
    if (x->rc != y->rc)
        return x->rc > y->rc ? -1 : 1;
    return x->i < y->i ? -1 : (x->i > y->i);
}

/* Column generation (Dantzig-Wolfe pricing; e.g. Chvatal 1983, Linear Programming,
 * ch. 26): solve the LP on the generated columns, price every other profile with the row
 * duals in one pass, add the most improving ones, repeat until none improves. `sgn`
 * multiplies the objective (phase 1: zero objective on profiles). */
static int generate(ent_ce *c, double sgn, int phase1)
{
    const ent_game *g = c->g;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    int K = 2 * (c->R + 1) > 256 ? 2 * (c->R + 1) : 256;
    cand *cs = (cand *)malloc(sizeof(cand) * (size_t)K * 2);
    if (!cs)
        return ENT_ENOMEM;
    double maxobj = 1;
    for (uint64_t i = 0; i < np && !phase1; i++)
        if (fabs(c->obj[i]) > maxobj)
            maxobj = fabs(c->obj[i]);
    double tol = 1e-9 * (phase1 ? c->scale : maxobj);
    int rc;
    for (;;) {
        rc = ent_lp_solve(c->lp, 0);
        if (rc != ENT_OK)
            break;
        for (int r = 0; r <= c->R; r++)
            c->pi[r] = ent_lp_row_dual(c->lp, r);
        int nc = 0;
        for (uint64_t i = 0; i < np; i++) {
            if ((i & 65535) == 65535 && ent_should_stop(c->deadline)) {
                rc = ENT_ETIMEOUT;
                goto out;
            }
            if (c->col_of[i] >= 0 || (c->allowed && !c->allowed[i]))
                continue;
            double red = (phase1 ? 0 : sgn * c->obj[i]) - c->pi[c->R];
            for (int p = 0; p < n; p++) {
                int m = ent_game_nstrategies(g, p);
                uint64_t st = ent_game_stride(g, p);
                int s = (int)((i / st) % (uint64_t)m);
                const double *u = ent_game_payoffs(g, p);
                uint64_t i0 = i - (uint64_t)s * st;
                for (int d = 0; d < m; d++) {
                    if (d == s)
                        continue;
                    int row = row_of(c, p, m, s, d);
                    if (c->pi[row] != 0)
                        red -= c->pi[row] * (u[i0 + (uint64_t)d * st] - u[i]);
                }
            }
            if (red > tol) {
                cs[nc].rc = red;
                cs[nc++].i = i;
                if (nc == 2 * K) { /* keep the best K so far */
                    qsort(cs, (size_t)nc, sizeof(cand), cmp_cand);
                    nc = K;
                }
            }
        }
        if (nc == 0)
            break;
        qsort(cs, (size_t)nc, sizeof(cand), cmp_cand);
        if (nc > K)
            nc = K;
        for (int k = 0; k < nc; k++)
            if ((rc = add_profile(c, cs[k].i, phase1 ? 0 : sgn * c->obj[cs[k].i])) != ENT_OK)
                goto out;
    }
out:
    free(cs);
    return rc;
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
    uint64_t R = 0;
    for (int p = 0; p < n; p++) {
        uint64_t m = (uint64_t)ent_game_nstrategies(g, p);
        R += kind == ENT_CCE ? m : m * (m - 1);
    }
    if (R > CE_MAX_ROWS)
        return ent_error_set(err, ENT_ETOOBIG,
                             "correlated equilibrium: %llu incentive constraints exceed the "
                             "limit of %llu",
                             (unsigned long long)R, (unsigned long long)CE_MAX_ROWS);
    /* size the LP before building it: column generation may add every profile, each
     * with up to sum_p (m_p - 1) + 1 nonzeros */
    double per_col = 1;
    for (int p = 0; p < n; p++)
        per_col += ent_game_nstrategies(g, p) - 1;
    double nnz = (double)np * per_col + (double)R;
    double bytes = ent_lp_bytes((double)R + 1, (double)np + 1, nnz) + 24.0 * (double)np;
    double budget = ent_lp_memory_budget();
    if (bytes > budget)
        return ent_error_set(err, ENT_ETOOBIG,
                             "correlated equilibrium: the LP may grow to %llu columns, %llu "
                             "rows and %.0f nonzeros, about %.2f GiB, more than the %.2f GiB "
                             "of memory available (physical memory or ulimit -v)",
                             (unsigned long long)np + 1, (unsigned long long)R + 1, nnz,
                             bytes / 1073741824.0, budget / 1073741824.0);
    ent_ce *c = (ent_ce *)calloc(1, sizeof *c);
    if (!c)
        return ent_error_set(err, ENT_ENOMEM, "correlated equilibrium: out of memory");
    /* Scale-free: the LP sees the normalised game (ent_game_normalise: exact differences
     * when the game is exact; correlated equilibria and every weighted objective's
     * optimisers unchanged); values are reported in the original units. */
    if (ent_game_normalise(g, &c->gn, NULL) != ENT_OK) {
        free(c);
        return ent_error_set(err, ENT_ENOMEM, "correlated equilibrium: out of memory");
    }
    c->orig = g;
    c->g = g = c->gn;
    c->kind = kind;
    c->R = (int)R;
    c->scale = 1.0; /* payoffs normalised to range 1 */
    c->capcols = 1024;
    c->rowbase = (int *)malloc(sizeof(int) * (size_t)n);
    c->col_of = (int *)malloc(sizeof(int) * (size_t)np);
    c->prof_of = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)c->capcols);
    c->obj = (double *)calloc((size_t)np, sizeof(double));
    c->idx = (int *)malloc(sizeof(int) * (size_t)(R + 1));
    c->val = (double *)malloc(sizeof(double) * (size_t)(R + 1));
    c->pi = (double *)malloc(sizeof(double) * (size_t)(R + 1));
    c->lp = ent_lp_new(ENT_LP_MAX);
    int rc = ENT_ENOMEM;
    if (!c->rowbase || !c->col_of || !c->prof_of || !c->obj || !c->idx || !c->val || !c->pi ||
        !c->lp)
        goto fail;
    ent_lp_set_simplex(c->lp, 0, 1e-10);
    for (uint64_t i = 0; i < np; i++)
        c->col_of[i] = -1;
    int base = 0;
    for (int p = 0; p < n; p++) {
        int m = ent_game_nstrategies(g, p);
        c->rowbase[p] = base;
        base += kind == ENT_CCE ? m : m * (m - 1);
    }
    /* rows: incentive rows <= 0, then sum = 1; column 0: the artificial e >= 0 that relaxes
     * every incentive row (row - e <= 0) until phase 1 drives it to zero */
    for (int r = 0; r < c->R; r++)
        if (ent_lp_add_row(c->lp, 0, NULL, NULL, ENT_LP_UP, 0, 0) < 0)
            goto fail;
    if (ent_lp_add_row(c->lp, 0, NULL, NULL, ENT_LP_FX, 1, 1) < 0)
        goto fail;
    for (int r = 0; r < c->R; r++) {
        c->idx[r] = r;
        c->val[r] = -1.0;
    }
    if (ent_lp_add_col(c->lp, c->R, c->idx, c->val, -1.0) != 0)
        goto fail;
    c->prof_of[0] = UINT64_MAX;
    c->ncols = 1;
    *out = c;
    return ENT_OK;
fail:
    ent_ce_free(&c);
    return ent_error_set(err, rc, "correlated equilibrium: building the LP failed: %s",
                         ent_strerror(rc));
}

void ent_ce_set_deadline(ent_ce *ce, double deadline)
{
    ce->deadline = deadline > 0 ? deadline : 0;
    ent_lp_set_deadline(ce->lp, ce->deadline);
}

int ent_ce_restrict(ent_ce *ce, const unsigned char *allowed)
{
    uint64_t np = ent_game_nprofiles(ce->g);
    if (ce->phase1 || ce->ncols > 1)
        return ENT_EINVAL;
    free(ce->allowed);
    ce->allowed = (unsigned char *)malloc((size_t)np);
    if (!ce->allowed)
        return ENT_ENOMEM;
    memcpy(ce->allowed, allowed, (size_t)np);
    return ENT_OK;
}

int ent_ce_optimize(ent_ce *ce, const double *weight, int maximize, double *dist,
                    double *value, ent_error *err)
{
    const ent_game *g = ce->g;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    double sgn = maximize ? 1.0 : -1.0;
    int rc;
    if (!ce->phase1) {
        uint64_t first = 0; /* the sum row needs one column: the first allowed profile */
        while (first < np && ce->allowed && !ce->allowed[first])
            first++;
        if (first == np)
            return ent_error_set(err, ENT_EINFEASIBLE, "correlated equilibrium: no outcome "
                                                       "is allowed");
        if ((rc = add_profile(ce, first, 0)) != ENT_OK)
            return ent_error_set(err, rc, "correlated equilibrium: %s", ent_strerror(rc));
        rc = generate(ce, 1.0, 1);
        if (rc == ENT_ETIMEOUT) {
            for (uint64_t i = 0; i < np; i++)
                dist[i] = 0;
            return ent_error_set(err, rc, "correlated equilibrium: stopped by the time limit "
                                          "or an interrupt before a distribution was found");
        }
        if (rc != ENT_OK)
            return ent_error_set(err, rc, "correlated equilibrium LP (phase 1) failed: %s",
                                 ent_strerror(rc));
        double e = ent_lp_col(ce->lp, 0);
        if (e > 1e-7 * ce->scale && ce->allowed)
            return ent_error_set(err, ENT_EINFEASIBLE,
                                 "correlated equilibrium: no distribution over the allowed "
                                 "outcomes satisfies the incentive constraints (smallest "
                                 "violation %.3g)",
                                 e);
        if (e > 1e-7 * ce->scale)
            return ent_error_set(err, ENT_ENUMERIC,
                                 "correlated equilibrium: phase 1 ended with violation %.3g "
                                 "(numerical trouble: a Nash equilibrium always exists)",
                                 e);
        ent_lp_set_col_bounds(ce->lp, 0, ENT_LP_FX, 0, 0);
        ent_lp_set_obj(ce->lp, 0, 0);
        ce->phase1 = 1;
    }
    for (uint64_t i = 0; i < np; i++) {
        double c = 0;
        if (weight)
            for (int p = 0; p < n; p++)
                if (weight[p] != 0)
                    c += weight[p] * ent_game_payoffs(g, p)[i];
        ce->obj[i] = c;
    }
    for (int j = 1; j < ce->ncols; j++)
        ent_lp_set_obj(ce->lp, j, sgn * ce->obj[ce->prof_of[j]]);
    rc = generate(ce, sgn, 0);
    int stopped = rc == ENT_ETIMEOUT;
    if (stopped) /* the last basic solution: checked by the caller, as every result */
        rc = ENT_OK;
    if (rc == ENT_EINFEASIBLE)
        return ent_error_set(err, rc, "correlated equilibrium LP reported infeasible "
                                      "(numerical trouble: a Nash equilibrium always exists)");
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "correlated equilibrium LP failed: %s", ent_strerror(rc));
    long double sum = 0;
    for (uint64_t i = 0; i < np; i++)
        dist[i] = 0;
    for (int j = 1; j < ce->ncols; j++) {
        double x = ent_lp_col(ce->lp, j);
        if (x < 1e-13)
            x = 0;
        dist[ce->prof_of[j]] = x;
        sum += x;
    }
    if (!(sum > 0))
        return ent_error_set(err, stopped ? ENT_ETIMEOUT : ENT_ENUMERIC,
                             "correlated equilibrium LP returned no mass");
    long double v = 0;
    for (uint64_t i = 0; i < np; i++) {
        if (dist[i] == 0)
            continue;
        dist[i] = (double)((long double)dist[i] / sum);
        long double c = 0; /* the objective in the original units */
        if (weight)
            for (int p = 0; p < n; p++)
                if (weight[p] != 0)
                    c += (long double)weight[p] * ent_game_payoffs(ce->orig, p)[i];
        v += (long double)dist[i] * c;
    }
    if (value)
        *value = (double)v;
    if (stopped)
        return ent_error_set(err, ENT_ETIMEOUT, "correlated equilibrium: stopped by the time "
                                                "limit or an interrupt before the optimum");
    return ENT_OK;
}
