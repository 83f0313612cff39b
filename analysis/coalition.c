/* coalition.c — the coalitional concepts (ent_analyze_coalition): build the
 * coalitional (TU) game of a scenario's `coalition` block (value expression, explicit
 * values table, or weighted voting), or derive one from its normal form (alpha, beta),
 * and report the core / least core, nucleolus, Shapley and Banzhaf values, power
 * indices, pivotal members and cartel stability (self-enforcing coalitions). */
#include "analysis.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

typedef struct {
    const ent_analysis_opts *o;
    const char *input; /* the scenario's name in messages */
    const ent_scenario *s;
    int n;           /* members analysed */
    int *idx;        /* [n] scenario member index of each analysed member */
    int identity;    /* idx[i] == i for every i */
    const char **id, **name;
    int kind;        /* ent_scenario_coalition_kind, or -1 for a derived game */
    int derive;      /* -1 none, else ENT_TU_* */
    int max_dense;
    uint64_t samples;
    uint64_t ninfeasible; /* derived games: profiles the scenario declares infeasible */
    const char *members;
    const char *transfers;
    ent_tu *tu;      /* dense game when n <= max_dense */
    ent_wvg *wvg;    /* weighted voting game */
    ent_tu_oracle orc; /* value expression above the dense limit: branch and bound */
    int have_orc;
    uint64_t max_nodes;
    double scale;    /* of the zero-normalised game (dense), else of the values */
    double vabs;     /* size of the values themselves (their rounding) */
} coal;

typedef struct {
    const coal *k;
} oracle;

/* coalition mask (over analysed members) to scenario member indices */
static int to_list(const coal *k, uint32_t mask, int *list)
{
    int m = 0;
    for (uint32_t a = mask; a; a &= a - 1)
        list[m++] = k->idx[__builtin_ctz(a)];
    return m;
}

static int value_fn(void *ctx, uint32_t mask, double *out)
{
    const coal *k = (const coal *)ctx;
    int list[ENT_TU_MAX_N];
    int m = to_list(k, mask, list);
    return ent_scenario_coalition_value(k->s, list, m, out);
}

static int value_list_fn(void *ctx, const int *members, int m, double *out)
{
    const coal *k = (const coal *)ctx;
    int list[4096];
    if (m > 4096)
        return ENT_ETOOBIG;
    for (int i = 0; i < m; i++)
        list[i] = k->idx[members[i]];
    return ent_scenario_coalition_value(k->s, list, m, out);
}

/* the oracle over the analysed members: masks and allocations mapped to the scenario's
 * member indices */
static uint64_t to_scenario(const coal *k, uint64_t mask)
{
    uint64_t m = 0;
    for (uint64_t a = mask; a; a &= a - 1)
        m |= (uint64_t)1 << k->idx[__builtin_ctzll(a)];
    return m;
}

static int orc_value(void *ctx, uint64_t mask, double *out)
{
    const coal *k = (const coal *)ctx;
    return ent_scenario_coalition_value_mask(k->s, to_scenario(k, mask), out);
}

static int orc_bounds(void *ctx, uint64_t in, uint64_t free, double *lo, double *hi)
{
    const coal *k = (const coal *)ctx;
    return ent_scenario_coalition_value_bounds(k->s, to_scenario(k, in), to_scenario(k, free), lo,
                                               hi);
}

static int corc_payoff(void *ctx, int member, uint64_t mask, double *out)
{
    const coal *k = (const coal *)ctx;
    return ent_scenario_coalition_payoff_mask(k->s, k->idx[member],
                                              k->identity ? mask : to_scenario(k, mask), out);
}

static int corc_bounds(void *ctx, uint64_t members, uint64_t in, uint64_t free, double *lo,
                       double *hi)
{
    const coal *k = (const coal *)ctx;
    if (k->identity)
        return ent_scenario_coalition_payoff_bounds(k->s, members, in, free, lo, hi);
    double l[64], h[64];
    int rc = ent_scenario_coalition_payoff_bounds(k->s, to_scenario(k, members), to_scenario(k, in),
                                                  to_scenario(k, free), l, h);
    for (uint64_t a = members; rc == ENT_OK && a; a &= a - 1) {
        int m = __builtin_ctzll(a);
        lo[m] = l[k->idx[m]];
        hi[m] = h[k->idx[m]];
    }
    return rc;
}

static int payoff_fn(void *ctx, int member, uint32_t mask, double *out)
{
    const coal *k = (const coal *)ctx;
    int list[ENT_TU_MAX_N];
    int m = to_list(k, mask, list);
    return ent_scenario_coalition_payoff(k->s, k->idx[member], list, m, out);
}

static void mask_names(const coal *k, uint64_t mask, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    if (!mask) {
        snprintf(buf, cap, "(none)");
        return;
    }
    for (uint64_t a = mask; a && len + 1 < cap; a &= a - 1) {
        int i = __builtin_ctzll(a);
        int w = snprintf(buf + len, cap - len, "%s%s", len ? " " : "", k->id[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    if (len >= cap)
        memcpy(buf + cap - 4, "...", 4);
}

/* ------------------------------------------------------------------ building */

static int build_members(coal *k, ent_error *err)
{
    int total = ent_scenario_coalition_nmembers(k->s);
    k->idx = (int *)malloc(sizeof(int) * (size_t)(total > 0 ? total : 1));
    k->id = (const char **)malloc(sizeof(char *) * (size_t)(total > 0 ? total : 1));
    k->name = (const char **)malloc(sizeof(char *) * (size_t)(total > 0 ? total : 1));
    if (!k->idx || !k->id || !k->name)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    k->n = 0;
    if (!k->members) {
        for (int i = 0; i < total; i++)
            k->idx[k->n++] = i;
    } else {
        char *list = strdup(k->members), *save = NULL;
        if (!list)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            int found = -1;
            for (int i = 0; i < total; i++)
                if (!strcmp(ent_scenario_coalition_member(k->s, i), t))
                    found = i;
            int dup = 0;
            for (int j = 0; j < k->n; j++)
                dup |= k->idx[j] == found;
            if (found < 0 || dup) {
                const char *near = NULL;
                for (int i = 0; found < 0 && i < total; i++)
                    k->id[i] = ent_scenario_coalition_member(k->s, i);
                if (found < 0)
                    near = ent_nearest_name(t, k->id, total);
                ent_error_set(err, ENT_EINVAL, "%s: --members: %s member '%s'%s%s%s",
                              ent_scenario_path(k->s), found < 0 ? "unknown" : "duplicate", t,
                              near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
                free(list);
                return ENT_EINVAL;
            }
            k->idx[k->n++] = found;
        }
        free(list);
    }
    k->identity = 1;
    for (int i = 0; i < k->n; i++) {
        k->id[i] = ent_scenario_coalition_member(k->s, k->idx[i]);
        k->name[i] = ent_scenario_coalition_member_name(k->s, k->idx[i]);
        k->identity &= k->idx[i] == i;
    }
    if (k->n == 0)
        return ent_error_set(err, ENT_EINVAL, "%s: the coalition has no members",
                             ent_scenario_path(k->s));
    return ENT_OK;
}

static int dense_refusal(const coal *k, const char *what, ent_error *err)
{
    return ent_error_set(err, ENT_ETOOBIG,
                         "%s: %s needs the value of all 2^%d coalitions (%.0f values); the "
                         "dense limit is %d members (--max-dense, at most 30); restrict with "
                         "--members",
                         ent_scenario_path(k->s), what, k->n, ldexp(1.0, k->n), k->max_dense);
}

/* prefix err's message with the scenario path (copying first: no overlapping printf) */
static int with_path(const coal *k, int rc, ent_error *err)
{
    if (err) {
        char tmp[sizeof err->msg];
        snprintf(tmp, sizeof tmp, "%s", err->msg);
        ent_error_set(err, rc, "%s: %s", ent_scenario_path(k->s), tmp);
    }
    return rc;
}

/* with_path for a failed branch-and-bound computation, with what to do about a limit */
static int orc_fail(const coal *k, int rc, ent_error *err)
{
    with_path(k, rc, err);
    if (rc == ENT_ETOOBIG && err) {
        size_t len = strlen(err->msg);
        snprintf(err->msg + len, sizeof err->msg - len,
                 "; raise --max-nodes or restrict with --members");
    }
    return rc;
}

static int build_dense(coal *k, ent_error *err)
{
    if (k->n > k->max_dense)
        return dense_refusal(k, "the coalitional game", err);
    int rc;
    if (k->kind == 3)
        rc = ent_wvg_to_tu(k->wvg, 0, &k->tu, err);
    else
        rc = ent_tu_new(&k->tu, k->n, 0, err);
    if (rc != ENT_OK)
        return with_path(k, rc, err);
    for (int i = 0; i < k->n; i++)
        ent_tu_set_label(k->tu, i, k->id[i]);
    if (k->kind == 1) {
        uint32_t failed = 0;
        rc = ent_tu_fill(k->tu, value_fn, k, k->o->threads, &failed, err);
        if (rc != ENT_OK) {
            char names[400];
            mask_names(k, failed, names, sizeof names);
            double v = 0.0;
            int vr = value_fn(k, failed, &v);
            return ent_error_set(err, rc, "%s: `value` of the coalition {%s}: %s",
                                 ent_scenario_path(k->s), names,
                                 vr != ENT_OK ? ent_strerror(vr) : "not a finite number");
        }
        return ENT_OK;
    }
    if (k->kind == 2 && ent_scenario_coalition_values_vector(k->s)) {
        /* the vector by bitmask over the scenario's members: one pass */
        const double *vec = ent_scenario_coalition_values_vector(k->s);
        double *v = ent_tu_values_mut(k->tu);
        for (uint64_t m = 1; m < ((uint64_t)1 << k->n); m++)
            v[m] = vec[k->identity ? m : to_scenario(k, m)];
        return ENT_OK;
    }
    if (k->kind == 2) {
        double *v = ent_tu_values_mut(k->tu);
        int nv = ent_scenario_coalition_nvalues(k->s);
        for (int j = 0; j < nv; j++) {
            const int *mem;
            int m;
            double val;
            ent_scenario_coalition_value_entry(k->s, j, &mem, &m, &val);
            uint32_t mask = 0;
            int inside = 1;
            for (int t = 0; t < m; t++) {
                int pos = -1;
                for (int i = 0; i < k->n; i++)
                    if (k->idx[i] == mem[t])
                        pos = i;
                if (pos < 0)
                    inside = 0;
                else
                    mask |= 1u << pos;
            }
            if (!isfinite(val))
                return ent_error_set(err, ENT_EINVAL, "%s: values entry %d is not finite",
                                     ent_scenario_path(k->s), j + 1);
            if (inside && mask)
                v[mask] = val;
        }
    }
    return ENT_OK;
}

static int build_voting(coal *k, ent_error *err)
{
    int wk = -1, na = ent_scenario_coalition_nattrs(k->s);
    for (int a = 0; a < na; a++)
        if (!strcmp(ent_scenario_coalition_attr_name(k->s, a), "weight"))
            wk = a;
    double q = ent_scenario_coalition_quota(k->s);
    if (wk < 0 || isnan(q))
        return ent_error_set(err, ENT_EINVAL,
                             "%s: weighted voting needs a `quota` and a `weight` per member",
                             ent_scenario_path(k->s));
    int64_t *w = (int64_t *)malloc(sizeof(int64_t) * (size_t)k->n);
    if (!w)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (int i = 0; i < k->n; i++) {
        double x = ent_scenario_coalition_attr(k->s, k->idx[i], wk);
        if (!(x >= 0) || x != floor(x) || x > 1e15) {
            free(w);
            return ent_error_set(err, ENT_EINVAL,
                                 "%s: member %s has weight %g; weighted voting needs "
                                 "non-negative integer weights",
                                 ent_scenario_path(k->s), k->id[i], x);
        }
        w[i] = (int64_t)x;
    }
    int rc = ent_wvg_new(&k->wvg, k->n, w, (int64_t)ceil(q),
                         ent_scenario_coalition_quota_members(k->s), err);
    free(w);
    if (rc == ENT_OK && ent_scenario_coalition_blocking_members(k->s) > 0)
        rc = ent_wvg_set_blocking(k->wvg, ent_scenario_coalition_blocking_members(k->s), err);
    return rc == ENT_OK ? ENT_OK : with_path(k, rc, err);
}

/* ------------------------------------------------------------------ analysis */

typedef struct {
    double *shap, *shap_ci, *banz, *nuc, *lc, *ss, *bz, *marg;
    int have_shap, shap_sampled, have_banz, have_nuc, have_lc, have_power, have_marg;
    double eps, vN;
} results;

/* LP round-off below 1e-12 of the scale of the game is printed as 0 */
static double clean(double x, double scale)
{
    return fabs(x) <= 1e-12 * scale ? 0.0 : x;
}

/* A tolerance relative to the game's scale (that of its zero-normalised form, so the same
 * for v and c * v + any additive game), plus the rounding of values as large as they are. */
static double coal_tol(const coal *k, double rel)
{
    return rel * k->scale + 64.0 * DBL_EPSILON * k->vabs;
}

/* k->scale and k->vabs from the table, or from v(N) and the singletons */
static int set_scale(coal *k, ent_error *err)
{
    int n = k->n;
    double a[ENT_TU_MAX_N], vN = 0, asum = 0, amax = 0;
    if (k->tu) {
        ent_tu_zero_normal_scale(k->tu, a, &k->scale);
        vN = ent_tu_value(k->tu, (uint32_t)(((uint64_t)1 << n) - 1));
        for (int i = 0; i < n; i++)
            asum += fabs(a[i]);
        k->vabs = fmax(fabs(vN), asum);
        if (!(k->scale > 0))
            k->scale = k->vabs;
        return ENT_OK;
    }
    if (k->have_orc) {
        uint64_t full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
        int rc = k->orc.value(k->orc.ctx, full, &vN);
        for (int i = 0; i < n && rc == ENT_OK; i++) {
            double v;
            rc = k->orc.value(k->orc.ctx, (uint64_t)1 << i, &v);
            asum += fabs(v);
            amax = fmax(amax, fabs(v));
        }
        if (rc != ENT_OK)
            return ent_error_set(err, rc, "%s: coalition value: %s", ent_scenario_path(k->s),
                                 ent_strerror(rc));
        k->vabs = fmax(fabs(vN), asum);
        k->scale = fmax(fabs(vN), amax);
        return ENT_OK;
    }
    k->scale = k->vabs = 1.0; /* simple games: values 0 and 1 */
    return ENT_OK;
}

static const char *kind_text(const coal *k)
{
    switch (k->kind) {
    case 1:
        return "value expression";
    case 2:
        return "explicit values";
    case 3:
        return "weighted voting";
    default:
        return "derived from the normal form";
    }
}

static void tu_opts(const coal *k, ent_tu_opts *o)
{
    ent_tu_opts_init(o);
    o->threads = k->o->threads;
    o->exact = k->o->exact;
    o->max_nodes = k->max_nodes;
}

/* largest excess of x over the coalitions other than N: a scan of the table, or branch
 * and bound for an oracle game (a search of its own, not the LP's rows) */
static int max_excess(const coal *k, const double *x, uint64_t *arg, double *mx, ent_error *err)
{
    if (k->tu) {
        uint32_t blk;
        ent_tu_in_core(k->tu, x, INFINITY, &blk, mx);
        *arg = blk;
        /* ent_tu_in_core names a coalition only when it blocks; find the argmax */
        if (!blk) {
            uint32_t full = (uint32_t)(((uint64_t)1 << k->n) - 1);
            ent_tu_in_core(k->tu, x, -INFINITY, &blk, mx);
            *arg = blk != full ? blk : 0;
        }
        return ENT_OK;
    }
    ent_tu_opts o;
    tu_opts(k, &o);
    int rc = ent_tu_oracle_max_excess(&k->orc, x, &o, arg, mx, err);
    return rc == ENT_OK ? ENT_OK : orc_fail(k, rc, err);
}

static int run_core(coal *k, ent_report *r, results *res, ent_error *err)
{
    int n = k->n;
    ent_tu_opts o;
    tu_opts(k, &o);
    o.exact = 0;
    int rc = k->tu ? ent_tu_least_core(k->tu, &o, res->lc, &res->eps, err)
                   : ent_tu_oracle_least_core(&k->orc, &o, res->lc, &res->eps, err);
    if (rc != ENT_OK)
        return k->tu ? rc : orc_fail(k, rc, err);
    double tol = coal_tol(k, 1e-7);
    double mx;
    uint64_t blk;
    if ((rc = max_excess(k, res->lc, &blk, &mx, err)) != ENT_OK)
        return rc;
    if (fabs(mx - res->eps) > tol)
        return ent_error_set(err, ENT_EVERIFY,
                             "least core: the allocation's largest excess %g differs from eps "
                             "%g (independent check)",
                             mx, res->eps);
    res->have_lc = 1;
    ent_report_section(r, "Core and least core");
    if (!k->tu)
        ent_report_text(r, "The %d members exceed the dense limit (%d): the least core is "
                           "found by linear programming with coalitions generated by branch "
                           "and bound over all 2^%d coalitions, and re-checked by a search of "
                           "its own.",
                        n, k->max_dense, n);
    char buf[512], num[32];
    if (res->eps <= tol) {
        ent_report_kv_str(r, "core", "non-empty");
        ent_report_text(r, "The core is non-empty: the grand coalition can be stabilised; the "
                           "least-core allocation leaves every coalition at least %s above "
                           "its own worth.",
                        ent_fmt_num(num, clean(-res->eps, k->scale)));
    } else {
        ent_report_kv_str(r, "core", "empty");
        ent_report_text(r, "The core is empty: every division of v(N) = %s leaves some "
                           "coalition better off on its own; the least core needs eps = %s.",
                        ent_fmt_num(num, res->vN), ent_fmt_num(buf, res->eps));
    }
    ent_report_kv_num(r, "least_core_eps", clean(res->eps, k->scale));
    (void)n;
    return ENT_OK;
}

/* for an allocation, say whether it is in the core and name the blocking coalition */
static int core_test(coal *k, ent_report *r, const char *label, const double *x,
                     double vN, ent_error *err)
{
    double mx, tol = coal_tol(k, 1e-7);
    (void)vN;
    uint64_t blk;
    int rc = max_excess(k, x, &blk, &mx, err);
    if (rc != ENT_OK)
        return rc;
    int in = !(k->n > 1 && mx > tol);
    char names[400], num[32];
    if (in)
        ent_report_text(r, "The %s allocation is in the core.", label);
    else {
        mask_names(k, blk, names, sizeof names);
        ent_report_text(r, "The %s allocation is blocked by {%s}, which could gain %s on its "
                           "own.",
                        label, names, ent_fmt_num(num, mx));
    }
    return ENT_OK;
}

static int run_properties(coal *k, ent_report *r)
{
    if (!k->tu) { /* essential from n + 1 values; the other properties need the table */
        double vN, vi, sum = 0.0;
        uint64_t full = k->n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << k->n) - 1;
        int rc = k->orc.value(k->orc.ctx, full, &vN);
        for (int i = 0; i < k->n && rc == ENT_OK; i++) {
            rc = k->orc.value(k->orc.ctx, (uint64_t)1 << i, &vi);
            sum += vi;
        }
        if (rc == ENT_OK)
            ent_report_kv_str(r, "essential", "%s", vN > sum + coal_tol(k, 1e-9) ? "yes" : "no");
        return ENT_OK;
    }
    double tol = coal_tol(k, 1e-9);
    ent_report_kv_str(r, "essential", "%s", ent_tu_is_essential(k->tu, tol) ? "yes" : "no");
    if (k->n <= 16) { /* 3^n pairs of disjoint coalitions */
        int sa = ent_tu_is_superadditive(k->tu, tol, NULL, NULL);
        if (sa >= 0)
            ent_report_kv_str(r, "superadditive", "%s", sa ? "yes" : "no");
    } else
        ent_report_kv_str(r, "superadditive", "not checked (3^%d pairs; at most 16 members)",
                          k->n);
    ent_report_kv_str(r, "convex", "%s", ent_tu_is_convex(k->tu, tol, NULL) ? "yes" : "no");
    return ENT_OK;
}

static int run_nucleolus(coal *k, ent_report *r, results *res, ent_error *err)
{
    ent_tu_opts o;
    tu_opts(k, &o);
    ent_tu_info info;
    int rc = k->tu ? ent_tu_nucleolus(k->tu, 0, &o, res->nuc, &info, err)
                   : ent_tu_oracle_nucleolus(&k->orc, 0, &o, res->nuc, &info, err);
    if (rc == ENT_EINFEASIBLE) {
        rc = k->tu ? ent_tu_nucleolus(k->tu, 1, &o, res->nuc, &info, err)
                   : ent_tu_oracle_nucleolus(&k->orc, 1, &o, res->nuc, &info, err);
        if (rc == ENT_OK)
            ent_report_text(r, "No imputation exists (v(N) is below the sum of the members' "
                               "own values): the column `nucleolus` holds the prenucleolus.");
    }
    if (rc != ENT_OK)
        return k->tu ? rc : orc_fail(k, rc, err);
    res->have_nuc = 1;
    ent_report_section(r, "Nucleolus");
    if (k->tu)
        ent_report_text(r, "Nucleolus by %d LP stage(s) (%d LP solves%s); Kohlberg's criterion "
                           "%s.",
                        info.stages, info.lps, k->o->exact ? ", re-solved exactly" : "",
                        info.certified ? "holds" : "was not decided (too many tied coalitions)");
    else
        ent_report_text(r, "Nucleolus by %d LP stage(s) (%d LP solves%s), coalitions generated "
                           "by branch and bound over all 2^%d coalitions; Kohlberg's criterion "
                           "%s.",
                        info.stages, info.lps, k->o->exact ? ", re-solved exactly" : "", k->n,
                        info.certified ? "holds"
                                       : "was not decided (a search needed more than "
                                         "--max-nodes nodes)");
    return ENT_OK;
}

static int run_shapley(coal *k, ent_report *r, results *res, ent_error *err)
{
    if (k->tu) {
        int rc = ent_tu_shapley(k->tu, k->o->threads, res->shap, res->banz);
        if (rc != ENT_OK)
            return ent_error_set(err, rc, "Shapley value: %s", ent_strerror(rc));
        double sum = 0;
        for (int i = 0; i < k->n; i++)
            sum += res->shap[i];
        if (fabs(sum - res->vN) > coal_tol(k, 1e-7))
            return ent_error_set(err, ENT_EVERIFY, "Shapley value sums to %g, not v(N) = %g",
                                 sum, res->vN);
        res->have_shap = 1;
        return ENT_OK;
    }
    if (k->kind == 3) {
        res->have_shap = 1; /* the Shapley value of a simple game is its SS index */
        return ent_wvg_power(k->wvg, 0, res->shap, NULL, NULL, NULL, err);
    }
    if (k->kind != 1)
        return dense_refusal(k, "the Shapley value of an explicit game", err);
    int rc = ent_tu_shapley_sample(k->n, value_list_fn, k, k->samples, k->o->seed, k->o->threads,
                                   res->shap, res->shap_ci, err);
    if (rc != ENT_OK)
        return rc;
    res->have_shap = res->shap_sampled = 1;
    ent_report_section(r, "Shapley value (sampled)");
    ent_report_text(r, "%d members exceed the dense limit (%d): the Shapley value is estimated "
                       "by stratified sampling (%llu marginal contributions, seed %lu); column "
                       "`shapley_ci` is the half-width of a 95%% confidence interval.",
                    k->n, k->max_dense, (unsigned long long)k->samples, k->o->seed);
    /* efficiency is not imposed on the estimate: say how far it is from v(N) */
    double sum = 0.0;
    for (int i = 0; i < k->n; i++)
        sum += res->shap[i];
    char a[32], b[32];
    if (res->have_marg)
        ent_report_text(r, "The sampled values sum to %s, against v(N) = %s (the exact Shapley "
                           "value sums to v(N)); they are not renormalised.",
                        ent_fmt_num(a, sum), ent_fmt_num(b, res->vN));
    return ENT_OK;
}

static int run_power(coal *k, ent_report *r, results *res, ent_error *err)
{
    if (!k->wvg)
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "%s: power indices need a weighted voting game (`quota` and a "
                             "`weight` per member)",
                             ent_scenario_path(k->s));
    char **sse = (char **)calloc((size_t)k->n, sizeof(char *));
    char **bze = (char **)calloc((size_t)k->n, sizeof(char *));
    if (!sse || !bze) {
        free(sse);
        free(bze);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    int rc = ent_wvg_power(k->wvg, 0, res->ss, res->bz, sse, bze, err);
    if (rc == ENT_OK) {
        res->have_power = 1;
        ent_report_section(r, "Power indices");
        ent_table *t = ent_report_table(r, "power", "Exact power indices (fractions)");
        ent_table_cols(t, "member:s,shapley_shubik:s,banzhaf:s");
        for (int i = 0; i < k->n; i++) {
            ent_table_str(t, "%s", k->id[i]);
            ent_table_str(t, "%s", sse[i]);
            ent_table_str(t, "%s", bze[i]);
        }
        for (int i = 0; i < k->n; i++)
            if (res->bz[i] == 0.0)
                ent_report_text(r, "%s (%s) is a dummy: never decisive.", k->name[i], k->id[i]);
    }
    for (int i = 0; i < k->n; i++) {
        free(sse[i]);
        free(bze[i]);
    }
    free(sse);
    free(bze);
    return rc;
}

/* v(N) - v(N \ i) for every member: dense table or n + 1 oracle calls */
static int run_pivotal(coal *k, ent_report *r, results *res, ent_error *err)
{
    int n = k->n;
    double vN;
    if (k->tu) {
        uint32_t full = (uint32_t)(((uint64_t)1 << n) - 1);
        vN = ent_tu_value(k->tu, full);
        for (int i = 0; i < n; i++)
            res->marg[i] = vN - ent_tu_value(k->tu, full & ~(1u << i));
    } else if (k->kind == 1) {
        int *list = (int *)malloc(sizeof(int) * (size_t)n);
        if (!list)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        for (int i = 0; i < n; i++)
            list[i] = i;
        int rc = value_list_fn(k, list, n, &vN);
        for (int i = 0; i < n && rc == ENT_OK; i++) {
            int m = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    list[m++] = j;
            double v;
            rc = value_list_fn(k, list, m, &v);
            res->marg[i] = vN - v;
        }
        free(list);
        if (rc != ENT_OK)
            return ent_error_set(err, rc, "%s: coalition value: %s", ent_scenario_path(k->s),
                                 ent_strerror(rc));
        res->vN = vN;
    } else if (k->wvg && n <= 64) {
        /* weighted voting without the dense table: i is pivotal (a veto) iff the others
         * lose without it */
        uint64_t full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
        vN = 1.0;
        for (int i = 0; i < n; i++)
            res->marg[i] = ent_wvg_wins(k->wvg, full & ~((uint64_t)1 << i)) ? 0.0 : 1.0;
        res->vN = vN;
    } else
        return ENT_OK;
    res->have_marg = 1;
    ent_report_section(r, "Pivotal members");
    double tol = coal_tol(k, 1e-9);
    int any = 0;
    char num[32];
    for (int i = 0; i < n; i++)
        if (res->marg[i] > tol) {
            ent_report_text(r, "%s (%s) is pivotal: without it the grand coalition loses %s%s.",
                            k->name[i], k->id[i], ent_fmt_num(num, res->marg[i]),
                            res->marg[i] >= vN - tol && vN > tol ? " (everything: a veto)" : "");
            any = 1;
        }
    if (!any)
        ent_report_text(r, "No single member is pivotal: the grand coalition keeps its worth "
                           "when any one member leaves.");
    return ENT_OK;
}

/* cartel stability examines every coalition up to this many members, then searches */
#define CARTEL_SCAN_MAX 20

static int run_cartel(coal *k, ent_report *r, results *res, ent_error *err)
{
    if (k->kind < 0 || !ent_scenario_coalition_has_payoff(k->s))
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "%s: cartel stability needs a `payoff` expression in the "
                             "coalition block",
                             ent_scenario_path(k->s));
    int scan_max = k->max_dense < CARTEL_SCAN_MAX ? k->max_dense : CARTEL_SCAN_MAX;
    int bb = k->n > scan_max;
    if (bb && k->n > ENT_TU_ORACLE_MAX_N)
        return dense_refusal(k, "cartel stability", err);
    ent_cartel_oracle orc = {k->n, k, corc_payoff, corc_bounds};
    ent_report_section(r, "Cartel stability (self-enforcing coalitions)");
    ent_report_text(r, "Ties (Carraro & Siniscalco 1993): a member indifferent between staying "
                       "and leaving stays, and an outsider indifferent between joining and "
                       "staying out joins; a coalition is externally stable only if every "
                       "outsider strictly loses by joining.");
    if (bb)
        ent_report_text(r, "Searched by branch and bound over the 2^%d coalitions (every "
                           "coalition is examined up to %d members); each coalition listed is "
                           "re-checked from the payoffs.",
                        k->n, scan_max);
    ent_table *t = ent_report_table(r, "cartels", "Stable coalitions");
    ent_table_cols(t, "transfers:s,size:i,coalition:s");
    const char *schemes[4] = {"none", "shapley", "nucleolus", "optimal"};
    int largest_none = -1;
    for (int sc = 0; sc < 4; sc++) {
        if (sc > 0 && k->transfers && !strstr(k->transfers, schemes[sc]))
            continue;
        if (sc > 0 && bb && !k->transfers) {
            if (sc == 1)
                ent_report_text(r, "Transfers (Shapley or nucleolus shares, optimal transfers) "
                                   "are searched above %d members only on request "
                                   "(--transfers): their branch and bound cuts less.",
                                scan_max);
            continue;
        }
        ent_cartel_opts o;
        ent_cartel_opts_init(&o);
        o.threads = k->o->threads;
        /* prose lists the first 20; machine formats (CSV, JSON) every stable coalition up
         * to a million, and say so beyond */
        o.max_list = k->o->fmt == ENT_FMT_CSV || k->o->fmt == ENT_FMT_JSON ? 1000000 : 20;
        if (k->max_nodes)
            o.max_nodes = k->max_nodes;
        o.count_internal = sc == 0;
        const double *w = NULL;
        if (sc == 1 || sc == 2) {
            w = sc == 1 ? (res->have_shap && !res->shap_sampled ? res->shap : NULL)
                        : (res->have_nuc ? res->nuc : NULL);
            if (!w) {
                if (k->transfers)
                    ent_report_text(r, "Transfers by %s shares: not computed (%s).",
                                    schemes[sc],
                                    sc == 1 ? "the exact Shapley value needs the 2^n table: "
                                              "--max-dense"
                                            : "the nucleolus is not available for this game");
                continue;
            }
            int pos = 1;
            for (int i = 0; i < k->n; i++)
                pos &= w[i] > 0;
            if (!pos) {
                ent_report_text(r, "Transfers by %s shares: not applicable (some shares are "
                                   "not positive).",
                                schemes[sc]);
                continue;
            }
            o.transfers = ENT_CARTEL_WEIGHTS;
            o.weights = w;
        } else if (sc == 3)
            o.transfers = ENT_CARTEL_OPTIMAL;
        ent_cartel_result cr;
        int rc = bb ? ent_cartel_oracle_stability(&orc, &o, &cr, err)
                    : ent_cartel_stability(k->n, payoff_fn, k, &o, &cr, err);
        if (rc != ENT_OK && cr.failed) {
            char names[400];
            const char *file = ent_scenario_path(k->s);
            int line = 0;
            ent_scenario_coalition_payoff_place(k->s, &file, &line);
            mask_names(k, cr.failed_at, names, sizeof names);
            /* bad input, not a refusal: the analysis ends with this file:line */
            return ent_error_set(err, ENT_EINVAL,
                                 "%s:%d: the cartel payoff could not be computed while "
                                 "checking the coalition {%s} (transfers: %s): %s",
                                 file, line, names, schemes[sc],
                                 rc == ENT_ENUMERIC ? "division by zero, log or sqrt outside "
                                                      "its domain, or a non-finite value"
                                                    : ent_strerror(rc));
        }
        if (rc != ENT_OK)
            return bb ? orc_fail(k, rc, err) : with_path(k, rc, err);
        /* every coalition printed is re-checked here first */
        for (size_t j = 0; j <= cr.nlisted && rc == ENT_OK; j++) {
            uint64_t s = j < cr.nlisted ? cr.stable[j] : cr.largest;
            int ok = 0;
            if (j == cr.nlisted && !cr.nstable)
                break;
            rc = ent_scenario_cartel_recheck(k->s, k->idx, k->n, s, sc == 3, w, o.tol, &ok);
            if (rc == ENT_OK && !ok) {
                char names[400];
                mask_names(k, s, names, sizeof names);
                rc = ent_error_set(err, ENT_EVERIFY,
                                   "%s: internal error: the coalition {%s} was found stable "
                                   "(%s transfers) but fails the re-check",
                                   ent_scenario_path(k->s), names, schemes[sc]);
            } else if (rc != ENT_OK)
                rc = ent_error_set(err, rc, "%s: cartel payoff: %s", ent_scenario_path(k->s),
                                   ent_strerror(rc));
        }
        if (rc != ENT_OK) {
            ent_cartel_result_free(&cr);
            return rc;
        }
        int big = __builtin_popcountll(cr.largest);
        char names[400], internal[96] = "";
        for (size_t j = 0; j < cr.nlisted; j++) {
            mask_names(k, cr.stable[j], names, sizeof names);
            ent_table_str(t, "%s", schemes[sc]);
            ent_table_int(t, __builtin_popcountll(cr.stable[j]));
            ent_table_str(t, "%s", names);
        }
        mask_names(k, cr.largest, names, sizeof names);
        if (cr.internal_counted)
            snprintf(internal, sizeof internal, " (%llu internally stable)",
                     (unsigned long long)cr.ninternal);
        else
            snprintf(internal, sizeof internal, " (internally stable ones: too many to count)");
        if (sc == 0) {
            largest_none = big;
            ent_report_text(r, "Without transfers: %llu stable coalition(s) of two or more "
                               "members%s; the grand coalition is %s; largest stable: %s.",
                            (unsigned long long)cr.nstable, internal,
                            cr.grand_internal ? "internally stable" : "not internally stable",
                            cr.nstable ? names : "none");
            if (cr.nstable > 1) {
                char every[400], never[400];
                uint64_t full = k->n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << k->n) - 1;
                mask_names(k, cr.in_all, every, sizeof every);
                mask_names(k, full & ~cr.in_any, never, sizeof never);
                if (cr.in_all)
                    ent_report_text(r, "In every stable coalition: %s.", every);
                if (full & ~cr.in_any)
                    ent_report_text(r, "In no stable coalition: %s.", never);
            }
        } else
            ent_report_text(r, "With %s transfers: %llu stable coalition(s); largest: %s "
                               "(%d members) — %s.",
                            schemes[sc], (unsigned long long)cr.nstable,
                            cr.nstable ? names : "none", big,
                            big > largest_none ? "stabilises a larger coalition"
                                               : "no larger coalition than without transfers");
        if (cr.nstable > cr.nlisted)
            ent_report_text(r, "(%s: the table lists the first %zu of %llu.)", schemes[sc],
                            cr.nlisted, (unsigned long long)cr.nstable);
        if (bb)
            ent_report_text(r, "(%s: %llu branch-and-bound nodes.)", schemes[sc],
                            (unsigned long long)cr.nodes);
        ent_cartel_result_free(&cr);
    }
    return ENT_OK;
}

static void add_solutions(const coal *k, ent_report *r, const results *res)
{
    double sc = k->scale;
    ent_table *t = ent_report_table(r, "solutions", "Solutions by member");
    ent_table_col(t, "member", ENT_COL_STR);
    if (res->have_shap)
        ent_table_col(t, "shapley", ENT_COL_NUM);
    if (res->shap_sampled)
        ent_table_col(t, "shapley_ci", ENT_COL_NUM);
    if (res->have_banz)
        ent_table_col(t, "banzhaf", ENT_COL_NUM);
    if (res->have_nuc)
        ent_table_col(t, "nucleolus", ENT_COL_NUM);
    if (res->have_lc)
        ent_table_col(t, "least_core", ENT_COL_NUM);
    if (res->have_power) {
        ent_table_cols(t, "ss_power:n,bz_power:n");
    }
    if (res->have_marg)
        ent_table_col(t, "marginal", ENT_COL_NUM);
    for (int i = 0; i < k->n; i++) {
        ent_table_str(t, "%s", k->id[i]);
        if (res->have_shap)
            ent_table_num(t, clean(res->shap[i], sc));
        if (res->shap_sampled)
            ent_table_num(t, res->shap_ci[i]);
        if (res->have_banz)
            ent_table_num(t, clean(res->banz[i], sc));
        if (res->have_nuc)
            ent_table_num(t, clean(res->nuc[i], sc));
        if (res->have_lc)
            ent_table_num(t, clean(res->lc[i], sc));
        if (res->have_power) {
            ent_table_num(t, res->ss[i]);
            ent_table_num(t, res->bz[i]);
        }
        if (res->have_marg)
            ent_table_num(t, clean(res->marg[i], sc));
    }
}

static int parse_concepts(const char *list, int *mask, ent_error *err)
{
    *mask = 0;
    char *d = strdup(list), *save = NULL;
    if (!d)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (char *t = strtok_r(d, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        const ana_concept *c = ana_find(t);
        if (!c || !(c->kinds & ENT_KIND_COALITION)) {
            ent_error_set(err, ENT_EOPTION, "unknown concept '%s'", t);
            free(d);
            return ENT_EOPTION;
        }
        *mask |= c->family_bit;
    }
    free(d);
    return ENT_OK;
}

static int parse_derive(const char *s, int *out)
{
    static const struct {
        const char *name;
        int kind;
    } modes[] = {{"alpha", ENT_TU_ALPHA},
                 {"beta", ENT_TU_BETA},
                 {"pure-alpha", ENT_TU_ALPHA_PURE},
                 {"pure-beta", ENT_TU_BETA_PURE}};
    *out = -1;
    if (!s)
        return ENT_OK;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (!strcmp(s, modes[i].name)) {
            *out = modes[i].kind;
            return ENT_OK;
        }
    return ENT_EOPTION;
}

/* The least core is a set; the LP gives one of its vertices, which depends on the
 * solver (two symmetric members can get different shares). The column `least_core`
 * shows a canonical point instead: the nucleolus when it lies in the least core (its
 * largest excess is eps), else (dense games) the prenucleolus, the least core's
 * lexicographic centre, which always lies in it; the report names which. */
static int refusable(int rc);

static int canonical_least_core(coal *k, ent_report *r, results *res, ent_error *err)
{
    double tol = coal_tol(k, 1e-7), mx;
    uint64_t arg;
    int rc;
    if (res->have_nuc) {
        if ((rc = max_excess(k, res->nuc, &arg, &mx, err)) != ENT_OK)
            return rc;
        if (fabs(mx - res->eps) <= tol) {
            memcpy(res->lc, res->nuc, sizeof(double) * (size_t)k->n);
            ent_report_text(r, "Column `least_core`: the nucleolus, which lies in the least core "
                               "(the least core is a set; this is its canonical point).");
            return ENT_OK;
        }
    }
    if (k->tu) {
        ent_tu_opts o;
        tu_opts(k, &o);
        double *pre = (double *)malloc(sizeof(double) * (size_t)k->n);
        if (!pre)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ent_tu_nucleolus(k->tu, 1, &o, pre, NULL, err);
        if (rc == ENT_OK && (rc = max_excess(k, pre, &arg, &mx, err)) == ENT_OK &&
            fabs(mx - res->eps) <= tol) {
            memcpy(res->lc, pre, sizeof(double) * (size_t)k->n);
            ent_report_text(r, "Column `least_core`: the prenucleolus, the least core's "
                               "lexicographic centre (the least core is a set; this is its "
                               "canonical point).");
            free(pre);
            return ENT_OK;
        }
        free(pre);
        if (rc != ENT_OK && !refusable(rc))
            return rc;
        if (err) {
            err->status = 0;
            err->msg[0] = '\0';
        }
    }
    ent_report_text(r, "Column `least_core`: one vertex of the least core found by the LP; "
                       "the least core is a set and this point is not canonical (other "
                       "vertices, e.g. with symmetric members swapped, are as good).");
    return ENT_OK;
}

/* A concept that could not answer (too large, numerical trouble, a failed check) is
 * refused in its own section and the others go on; bad input (a value or payoff that
 * cannot be computed, named at file:line) still ends the analysis. */
static int refusable(int rc)
{
    return rc == ENT_ETOOBIG || rc == ENT_EUNSUPPORTED || rc == ENT_ELP ||
           rc == ENT_ETIMEOUT || rc == ENT_ENUMERIC || rc == ENT_EVERIFY || rc == ENT_ENOMEM ||
           rc == ENT_EINFEASIBLE;
}

typedef struct {
    int count;
    int first;           /* status of the first refusal */
    char names[160];     /* the refused concepts, comma-separated */
} refusals;

/* rc of a concept: refusable ones become a section "NAME: not computed" with the reason,
 * recorded in *rf, and ENT_OK is returned so that the analysis goes on */
static int refuse(ent_report *r, refusals *rf, const char *concept, int rc, ent_error *err)
{
    if (rc == ENT_OK || !refusable(rc))
        return rc;
    char title[96];
    snprintf(title, sizeof title, "%s: not computed", concept);
    ent_report_section(r, title);
    ent_report_text(r, "%s", err && err->msg[0] ? err->msg : ent_strerror(rc));
    if (!rf->count)
        rf->first = rc;
    size_t len = strlen(rf->names);
    snprintf(rf->names + len, sizeof rf->names - len, "%s%s", len ? ", " : "", concept);
    rf->count++;
    if (err) {
        err->status = 0;
        err->msg[0] = '\0';
    }
    return ENT_OK;
}

/* Every v(S) in CoopGame's order (by size, then lexicographic in the members' order):
 * the plain vector of 2^n - 1 values other tools read. */
static void values_table(coal *k, ent_report *r)
{
    enum { MAX_MEMBERS = 20 };
    if (!k->tu || k->n > MAX_MEMBERS) {
        ent_report_text(r, "Coalition values not listed: %s.",
                        k->tu ? "the vector of 2^n - 1 values is written for at most 20 members"
                              : "they exist only for a game stored whole (--max-dense)");
        return;
    }
    int n = k->n;
    ent_table *t = ent_report_table(r, "coalition_values",
                                    "Coalition values v(S), in CoopGame's order (by size, then "
                                    "lexicographic)");
    ent_table_machine_only(t);
    ent_table_cols(t, "position:i,coalition:s,value:n");
    int idx[MAX_MEMBERS];
    long long pos = 0;
    char names[2048];
    for (int size = 1; size <= n; size++) {
        for (int i = 0; i < size; i++)
            idx[i] = i;
        for (;;) {
            uint32_t mask = 0;
            for (int i = 0; i < size; i++)
                mask |= (uint32_t)1 << idx[i];
            size_t len = 0;
            names[0] = '\0';
            for (int i = 0; i < size && len < sizeof names; i++)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? "+" : "",
                                        k->id[idx[i]]);
            ent_table_int(t, ++pos);
            ent_table_str(t, "%s", names);
            ent_table_num(t, ent_tu_value(k->tu, mask));
            int i = size - 1; /* next combination */
            while (i >= 0 && idx[i] == n - size + i)
                i--;
            if (i < 0)
                break;
            idx[i]++;
            for (int j = i + 1; j < size; j++)
                idx[j] = idx[j - 1] + 1;
        }
    }
}

static int analyse(coal *k, int want, ent_report *r, refusals *rf, ent_error *err)
{
    int n = k->n;
    results res;
    memset(&res, 0, sizeof res);
    double *buf = (double *)calloc((size_t)n * 8, sizeof(double));
    if (!buf)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    res.shap = buf;
    res.shap_ci = buf + n;
    res.banz = buf + 2 * n;
    res.nuc = buf + 3 * n;
    res.lc = buf + 4 * n;
    res.ss = buf + 5 * n;
    res.bz = buf + 6 * n;
    res.marg = buf + 7 * n;
    int rc = set_scale(k, err);
    if (rc == ENT_OK && k->o->values_table)
        values_table(k, r);
    if (k->tu)
        res.vN = ent_tu_value(k->tu, (uint32_t)(((uint64_t)1 << n) - 1));
    if (rc == ENT_OK && k->tu)
        ent_report_kv_num(r, "v(N)", res.vN);
    ent_report_part(r, "pivotal");
    if (rc == ENT_OK)
        rc = run_pivotal(k, r, &res, err);
    if (rc == ENT_OK && k->have_orc)
        ent_report_kv_num(r, "v(N)", res.vN);
    if (rc == ENT_OK && k->have_orc) /* say what the defaults leave out */
        ent_report_text(r, "Not computed: the exact Shapley and Banzhaf values need the values "
                           "of all 2^%d coalitions (%.0f), above the dense limit of %d members "
                           "(--max-dense, at most 30). Analyse a sub-coalition with --members "
                           "ID,ID,... to answer them.",
                        n, ldexp(1.0, n), k->max_dense);
    /* the concepts that need the 2^n table of a game not stored densely */
    if (rc == ENT_OK && (want & ANA_C_CORE) && !k->tu && !k->have_orc) {
        rc = refuse(r, rf, "core", dense_refusal(k, "the core", err), err);
        want &= ~ANA_C_CORE;
    }
    if (rc == ENT_OK && (want & ANA_C_NUC) && !k->tu && !k->have_orc) {
        rc = refuse(r, rf, "nucleolus", dense_refusal(k, "the nucleolus", err), err);
        want &= ~ANA_C_NUC;
    }
    if (rc == ENT_OK && (want & ANA_C_BANZ) && !k->tu) {
        rc = refuse(r, rf, "banzhaf", dense_refusal(k, "the Banzhaf value", err), err);
        want &= ~ANA_C_BANZ;
    }
    int core_ok = 0;
    ent_report_part(r, "core");
    if (rc == ENT_OK && (want & ANA_C_CORE)) {
        rc = run_core(k, r, &res, err);
        core_ok = rc == ENT_OK;
        if (rc == ENT_OK)
            run_properties(k, r);
        rc = refuse(r, rf, "core", rc, err);
    }
    ent_report_part(r, "shapley");
    if (rc == ENT_OK && (want & (ANA_C_SHAP | ANA_C_BANZ | ANA_C_CARTEL)))
        if (want & (ANA_C_SHAP | ANA_C_BANZ) || k->tu) {
            rc = run_shapley(k, r, &res, err);
            if (rc != ENT_OK)
                res.have_shap = res.shap_sampled = 0;
            rc = (want & (ANA_C_SHAP | ANA_C_BANZ)) ? refuse(r, rf, "shapley", rc, err)
                                                    : (refusable(rc) ? ENT_OK : rc);
            if (err && refusable(err->status)) {
                err->status = 0;
                err->msg[0] = '\0';
            }
        }
    if (rc == ENT_OK && (want & ANA_C_BANZ) && k->tu && res.have_shap)
        res.have_banz = 1;
    int nuc_shares = (want & ANA_C_CARTEL) && k->transfers && strstr(k->transfers, "nucleolus");
    ent_report_part(r, "nucleolus");
    if (rc == ENT_OK && (((want & (ANA_C_NUC | ANA_C_CARTEL)) && k->tu) ||
                         (((want & ANA_C_NUC) || nuc_shares) && k->have_orc))) {
        rc = run_nucleolus(k, r, &res, err);
        if (rc != ENT_OK)
            res.have_nuc = 0;
        rc = (want & ANA_C_NUC) ? refuse(r, rf, "nucleolus", rc, err)
                                : (refusable(rc) ? ENT_OK : rc);
        if (err && refusable(err->status)) {
            err->status = 0;
            err->msg[0] = '\0';
        }
    }
    ent_report_part(r, "core");
    if (rc == ENT_OK && core_ok)
        rc = canonical_least_core(k, r, &res, err);
    if (rc == ENT_OK && (want & ANA_C_CORE) && core_ok) {
        if (res.have_shap && !res.shap_sampled && (want & ANA_C_SHAP))
            rc = refuse(r, rf, "core", core_test(k, r, "Shapley", res.shap, res.vN, err), err);
        if (rc == ENT_OK && res.have_nuc && (want & ANA_C_NUC))
            rc = refuse(r, rf, "core", core_test(k, r, "nucleolus", res.nuc, res.vN, err), err);
    }
    ent_report_part(r, "power");
    if (rc == ENT_OK && (want & ANA_C_POWER))
        rc = refuse(r, rf, "power", run_power(k, r, &res, err), err);
    ent_report_part(r, "cartel");
    if (rc == ENT_OK && (want & ANA_C_CARTEL))
        rc = refuse(r, rf, "cartel", run_cartel(k, r, &res, err), err);
    ent_report_part(r, "solutions");
    if (rc == ENT_OK) {
        if (!(want & ANA_C_NUC))
            res.have_nuc = 0;
        if (!(want & ANA_C_SHAP))
            res.have_shap = 0;
        add_solutions(k, r, &res);
    }
    ent_report_part(r, NULL);
    free(buf);
    return rc;
}

int ent_analyze_coalition(const ent_scenario *s, const ent_analysis_opts *opts,
                          ent_report **out, ent_error *err_out)
{
    ent_analysis_opts dflt;
    ent_error err = {0, ""};
    *out = NULL;
    if (!opts) {
        ent_analysis_opts_init(&dflt);
        opts = &dflt;
    }
    coal k;
    memset(&k, 0, sizeof k);
    k.o = opts;
    k.s = s;
    k.input = opts->input ? opts->input : ent_scenario_path(s);
    k.members = opts->members;
    k.transfers = opts->transfers;
    k.max_nodes = opts->max_nodes;
    k.max_dense = opts->max_dense;
    k.samples = opts->samples ? opts->samples : 100000;
    int want = 0;
    if (opts->concepts && parse_concepts(opts->concepts, &want, &err) != ENT_OK) {
        if (err_out)
            *err_out = err;
        return ENT_EOPTION;
    }
    if (parse_derive(opts->derive, &k.derive) != ENT_OK)
        return ent_error_set(err_out, ENT_EOPTION,
                             "--derive takes alpha, beta, pure-alpha or pure-beta");
    if (k.max_dense < 1 || k.max_dense > ENT_TU_MAX_N)
        return ent_error_set(err_out, ENT_EOPTION, "--max-dense needs a number from 1 to 30");
    if (k.max_nodes && k.max_nodes < 1000)
        return ent_error_set(err_out, ENT_EOPTION, "--max-nodes needs a number of at least 1000");
    if (k.samples > 1000000000000ull)
        return ent_error_set(err_out, ENT_EOPTION, "--samples needs a number from 1 to 10^12");
#ifdef _OPENMP
    if (opts->threads > 0)
        omp_set_num_threads(opts->threads);
#endif
    int rc = ENT_OK;
    ent_report *r = NULL;
    refusals rf;
    memset(&rf, 0, sizeof rf);
    if (k.derive >= 0) {
        if (k.members) {
            rc = ent_error_set(&err, ENT_EINVAL, "--members applies to a coalition block, not "
                                                 "to --derive");
            goto done;
        }
        ent_game *g = NULL;
        if ((rc = ent_scenario_compile(k.s, &g, &err)) != ENT_OK)
            goto done;
        k.n = ent_game_nplayers(g);
        k.kind = -1;
        k.id = (const char **)malloc(sizeof(char *) * (size_t)k.n);
        k.name = (const char **)malloc(sizeof(char *) * (size_t)k.n);
        if (!k.id || !k.name) {
            ent_game_free(&g);
            rc = ent_error_set(&err, ENT_ENOMEM, "out of memory");
            goto done;
        }
        for (int a = 0; a < k.n; a++) {
            k.id[a] = ent_scenario_actor_id(k.s, a);
            k.name[a] = ent_scenario_actor_name(k.s, a);
        }
        rc = ent_tu_from_game(g, k.derive, opts->threads, &k.tu, &err);
        /* joint infeasibility couples S and N \ S: count such profiles for a note */
        int *prof = (int *)malloc(sizeof(int) * (size_t)k.n);
        uint64_t np = ent_game_nprofiles(g);
        for (uint64_t p = 0; prof && rc == ENT_OK && p < np; p++) {
            ent_game_profile_decode(g, p, prof);
            k.ninfeasible += !ent_scenario_profile_feasible(k.s, prof);
        }
        free(prof);
        ent_game_free(&g);
        if (rc != ENT_OK) {
            with_path(&k, rc, &err);
            goto done;
        }
    } else {
        if (!ent_scenario_has_coalition(k.s)) {
            rc = ent_error_set(&err, ENT_EINVAL,
                               "%s: no `coalition` block (or use --derive alpha|beta)",
                               k.input);
            goto done;
        }
        k.kind = ent_scenario_coalition_kind(k.s);
        if ((rc = build_members(&k, &err)) != ENT_OK)
            goto done;
        if (k.kind == 0) {
            if ((want && !(want & ANA_C_CARTEL)) || !ent_scenario_coalition_has_payoff(k.s)) {
                rc = ent_error_set(&err, ENT_EINVAL,
                                   "%s: the coalition block has no `value`, `values` or "
                                   "`quota`: no game to analyse",
                                   k.input);
                goto done;
            }
        }
        if (k.kind == 3 && (rc = build_voting(&k, &err)) != ENT_OK)
            goto done;
        if (k.kind >= 1 && k.n <= k.max_dense && (rc = build_dense(&k, &err)) != ENT_OK)
            goto done;
        if (k.kind == 1 && !k.tu && k.n <= ENT_TU_ORACLE_MAX_N) {
            k.orc = (ent_tu_oracle){.n = k.n, .ctx = &k, .value = orc_value,
                                    .bounds = orc_bounds};
            k.have_orc = 1;
        }
    }
    if (!want) {
        if (k.tu)
            want = ANA_C_CORE | ANA_C_NUC | ANA_C_SHAP | ANA_C_BANZ;
        else if (k.have_orc)
            want = ANA_C_CORE | ANA_C_NUC | ANA_C_SHAP;
        else if (k.kind == 1)
            want = ANA_C_SHAP;
        else if (k.kind == 2) /* above the dense limit: each says why not */
            want = ANA_C_CORE | ANA_C_NUC | ANA_C_SHAP | ANA_C_BANZ;
        if (k.kind == 3)
            want |= ANA_C_POWER;
        if (k.kind >= 0 && ent_scenario_coalition_has_payoff(k.s) && k.n <= ENT_TU_ORACLE_MAX_N)
            want |= ANA_C_CARTEL;
    }
    r = ent_report_new(ent_scenario_title(k.s)[0] ? ent_scenario_title(k.s) : k.input);
    if (!r) {
        rc = ent_error_set(&err, ENT_ENOMEM, "out of memory");
        goto done;
    }
    ent_report_kv_int(r, "members", k.n);
    ent_report_kv_str(r, "game", "%s", kind_text(&k));
    if (k.kind == 3) {
        ent_report_kv_num(r, "quota", ent_scenario_coalition_quota(k.s));
        if (ent_scenario_coalition_quota_members(k.s) > 0)
            ent_report_kv_int(r, "quota_members", ent_scenario_coalition_quota_members(k.s));
        if (ent_scenario_coalition_blocking_members(k.s) > 0)
            ent_report_kv_int(r, "blocking_members",
                              ent_scenario_coalition_blocking_members(k.s));
    }
    if (k.ninfeasible)
        ent_report_text(r, "Note: %llu joint profiles are infeasible in the scenario; the "
                           "derived zero-sum games still let either side choose them (their "
                           "compiled payoffs are used).",
                        (unsigned long long)k.ninfeasible);
    rc = analyse(&k, want, r, &rf, &err);
    if (rc == ENT_OK && rf.count)
        ent_report_text(r, "Refused: %s (each in its own section above); the other concepts "
                           "answered.",
                        rf.names);
done:
    ent_solver_thread_done();
    if (rc == ENT_OK) {
        ana_coalition_summary(r);
        ana_ctx pc = {.input = k.input, .scenario = k.s, .seed = opts->seed,
                      .seed_set = opts->seed_set, .samples = opts->samples};
        ana_provenance(&pc, opts, r);
        static const struct {
            int bit;
            const char *name;
        } names[] = {{ANA_C_CORE, "core"},       {ANA_C_NUC, "nucleolus"}, {ANA_C_SHAP, "shapley"},
                     {ANA_C_BANZ, "banzhaf"},    {ANA_C_POWER, "power"},   {ANA_C_CARTEL, "cartel"}};
        char list[128];
        size_t len = 0;
        list[0] = '\0';
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (want & names[i].bit)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
                                        names[i].name);
        ent_report_provenance(r, "concepts", "%s", list);
        if (opts->derive)
            ent_report_provenance(r, "options", "derive=%s", opts->derive);
        ent_report_set_primary_table(r, "solutions");
        *out = r;
        if (rf.count && err_out) /* the report stands; err says what it lacks */
            ent_error_set(err_out, rf.first, "%s: not computed: %s (see the report)", k.input,
                          rf.names);
    } else {
        ent_report_free(&r);
        if (err_out)
            *err_out = err;
    }
    ent_tu_free(&k.tu);
    ent_wvg_free(&k.wvg);
    free(k.idx);
    free(k.id);
    free(k.name);
    return rc;
}
