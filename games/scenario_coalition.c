/* scenario_coalition.c — queries on a scenario's coalition block (a transferable-utility
 * game): members and their attributes, the `value` expression of a coalition, the cartel
 * `payoff` of a member, the explicit `values` table and the voting quota. Everything
 * here is reentrant and allocation-free; the block is loaded in scenario.c. */
#include "scenario_int.h"

#include <math.h>

int ent_scenario_has_coalition(const ent_scenario *s) { return s->has_coalition; }
int ent_scenario_coalition_nmembers(const ent_scenario *s) { return s->cm; }
int ent_scenario_coalition_nattrs(const ent_scenario *s) { return s->cnattrs; }
int ent_scenario_coalition_has_payoff(const ent_scenario *s) { return s->cpayoff != NULL; }
int ent_scenario_coalition_nvalues(const ent_scenario *s) { return s->ncvalues; }
const double *ent_scenario_coalition_values_vector(const ent_scenario *s) { return s->cvec; }
double ent_scenario_coalition_quota(const ent_scenario *s) { return s->quota; }
int ent_scenario_coalition_quota_members(const ent_scenario *s) { return s->quota_members; }
int ent_scenario_coalition_blocking_members(const ent_scenario *s) { return s->blocking_members; }

const char *ent_scenario_coalition_member(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->cm ? s->cids[i] : NULL;
}

const char *ent_scenario_coalition_member_name(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->cm ? s->cnames[i] : NULL;
}

const char *ent_scenario_coalition_attr_name(const ent_scenario *s, int k)
{
    return k >= 0 && k < s->cnattrs ? s->cattr_names[k] : NULL;
}

double ent_scenario_coalition_attr(const ent_scenario *s, int i, int k)
{
    if (i < 0 || i >= s->cm || k < 0 || k >= s->cnattrs)
        return NAN;
    return s->cattrs[(size_t)i * (size_t)s->cnattrs + (size_t)k];
}

int ent_scenario_coalition_kind(const ent_scenario *s)
{
    if (!s->has_coalition)
        return 0;
    if (!isnan(s->quota))
        return 3;
    if (s->ncvalues || s->ncvec)
        return 2;
    return s->cvalue ? 1 : 0;
}

static int members_ok(const ent_scenario *s, const int *members, int m)
{
    if (m < 0 || m > s->cm)
        return 0;
    for (int i = 0; i < m; i++)
        if (members[i] < 0 || members[i] >= s->cm)
            return 0;
    return 1;
}

int ent_scenario_coalition_value(const ent_scenario *s, const int *members, int m, double *out)
{
    if (!s->cvalue)
        return ENT_ENOTFOUND;
    if (!members_ok(s, members, m))
        return ENT_EINVAL;
    ent_expr_env env = {.params = s->pv, .attrs = s->cattrs, .nattrs = s->cnattrs, .members = members, .m = m};
    return ent_expr_eval(s->cvalue, &env, out, NULL);
}

int ent_scenario_coalition_payoff(const ent_scenario *s, int member, const int *members, int m, double *out)
{
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if (!members_ok(s, members, m) || member < 0 || member >= s->cm)
        return ENT_EINVAL;
    ent_expr_env env = {.params = s->pv, .attrs = s->cattrs, .nattrs = s->cnattrs, .members = members,
                        .m = m, .member = member};
    for (int i = 0; i < m; i++)
        if (members[i] == member)
            env.inside = 1;
    if (s->cvalue) {
        int rc = ent_expr_eval(s->cvalue, &env, &env.value, NULL);
        if (rc)
            return rc;
    }
    return ent_expr_eval(s->cpayoff, &env, out, NULL);
}

void ent_scenario_coalition_value_entry(const ent_scenario *s, int j, const int **members, int *m, double *v)
{
    const sc_cvalue *c = &s->cvalues[j];
    *members = c->members;
    *m = c->m;
    *v = c->v;
}

int ent_scenario_coalition_value_mask(const ent_scenario *s, uint64_t coalition, double *out)
{
    if (!s->cvalue)
        return ENT_ENOTFOUND;
    if (s->cm > 64 || (s->cm < 64 && (coalition >> s->cm)))
        return ENT_EINVAL;
    int members[64], m = 0;
    for (uint64_t c = coalition; c; c &= c - 1)
        members[m++] = __builtin_ctzll(c);
    return ent_scenario_coalition_value(s, members, m, out);
}

#define BOUNDS_MAX_ATTRS 128

/* aggregate ranges over the T with in <= T <= in | free, T non-empty unless empty_ok */
typedef struct {
    double buf[6 * BOUNDS_MAX_ATTRS];
    double insum[BOUNDS_MAX_ATTRS]; /* sum over `in` */
    ent_expr_range r;
} ranges;

static int fill_ranges(const ent_scenario *s, uint64_t in, uint64_t free, int empty_ok, ranges *g)
{
    int n = s->cm, k = s->cnattrs;
    if (n > 64 || k > BOUNDS_MAX_ATTRS || (in & free) || (!empty_ok && !(in | free)) ||
        (n < 64 && ((in | free) >> n)))
        return ENT_EINVAL;
    double *sl = g->buf, *sh = sl + k, *xl = sh + k, *xh = xl + k, *nl = xh + k, *nh = nl + k;
    for (int a = 0; a < k; a++) {
        if (!s->cattr_read[a]) {
            sl[a] = sh[a] = xl[a] = xh[a] = nl[a] = nh[a] = g->insum[a] = 0.0;
            continue;
        }
        /* members of `in` fix part of each aggregate; `free` members may be added */
        double sum = 0.0, pos = 0.0, neg = 0.0;
        double imax = -INFINITY, imin = INFINITY, fmax = -INFINITY, fmin = INFINITY;
        for (uint64_t c = in; c; c &= c - 1) {
            double v = s->cattrs[(size_t)__builtin_ctzll(c) * (size_t)k + (size_t)a];
            sum += v;
            imax = v > imax ? v : imax;
            imin = v < imin ? v : imin;
        }
        for (uint64_t c = free; c; c &= c - 1) {
            double v = s->cattrs[(size_t)__builtin_ctzll(c) * (size_t)k + (size_t)a];
            if (v > 0)
                pos += v;
            else
                neg += v;
            fmax = v > fmax ? v : fmax;
            fmin = v < fmin ? v : fmin;
        }
        g->insum[a] = sum;
        sl[a] = sum + neg;
        sh[a] = sum + pos;
        if (in) {
            xl[a] = imax;
            xh[a] = fmax > imax ? fmax : imax;
            nl[a] = fmin < imin ? fmin : imin;
            nh[a] = imin;
        } else if (!free) { /* T is empty: its aggregates are 0 */
            xl[a] = xh[a] = nl[a] = nh[a] = 0.0;
        } else { /* T is a subset of `free`, the empty one (aggregates 0) if empty_ok */
            xl[a] = nl[a] = empty_ok && fmin > 0.0 ? 0.0 : fmin;
            xh[a] = nh[a] = empty_ok && fmax < 0.0 ? 0.0 : fmax;
        }
    }
    int ci = __builtin_popcountll(in), cf = __builtin_popcountll(free);
    g->r = (ent_expr_range){.params = s->pv, .sum_lo = sl, .sum_hi = sh, .max_lo = xl,
                            .max_hi = xh, .min_lo = nl, .min_hi = nh,
                            .count_lo = ci ? ci : !empty_ok, .count_hi = ci + cf};
    return ENT_OK;
}

int ent_scenario_coalition_value_bounds(const ent_scenario *s, uint64_t in, uint64_t free,
                                        double *lo, double *hi)
{
    if (!s->cvalue)
        return ENT_ENOTFOUND;
    ranges g;
    int rc = fill_ranges(s, in, free, 0, &g);
    if (rc == ENT_OK)
        ent_expr_eval_range(s->cvalue, &g.r, lo, hi);
    return rc;
}

int ent_scenario_coalition_payoff_place(const ent_scenario *s, const char **file, int *line)
{
    if (!s->cpayoff)
        return 0;
    *file = ent_expr_file(s->cpayoff);
    *line = ent_expr_line(s->cpayoff);
    return 1;
}

int ent_scenario_coalition_payoff_mask(const ent_scenario *s, int member, uint64_t coalition,
                                       double *out)
{
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if (s->cm > 64 || (s->cm < 64 && (coalition >> s->cm)))
        return ENT_EINVAL;
    int members[64], m = 0;
    for (uint64_t c = coalition; c; c &= c - 1)
        members[m++] = __builtin_ctzll(c);
    return ent_scenario_coalition_payoff(s, member, members, m, out);
}

int ent_scenario_coalition_payoff_bounds(const ent_scenario *s, uint64_t members, uint64_t in,
                                         uint64_t free, double *lo, double *hi)
{
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if ((members & free) || (s->cm < 64 && (members >> s->cm)))
        return ENT_EINVAL;
    ranges g;
    int rc = fill_ranges(s, in, free, 1, &g);
    if (rc != ENT_OK)
        return rc;
    g.r.member = 1;
    g.r.value_lo = -INFINITY;
    g.r.value_hi = INFINITY;
    if (s->cvalue)
        ent_expr_eval_range(s->cvalue, &g.r, &g.r.value_lo, &g.r.value_hi);
    for (uint64_t a = members; a; a &= a - 1) {
        int k = __builtin_ctzll(a);
        g.r.member_attrs = s->cattrs + (size_t)k * (size_t)s->cnattrs;
        g.r.inside = (int)((in >> k) & 1u);
        ent_expr_eval_range(s->cpayoff, &g.r, &lo[k], &hi[k]);
    }
    return ENT_OK;
}

static int oracle_value(void *ctx, uint64_t coalition, double *out)
{
    return ent_scenario_coalition_value_mask((const ent_scenario *)ctx, coalition, out);
}

static int oracle_bounds(void *ctx, uint64_t in, uint64_t free, double *lo, double *hi)
{
    return ent_scenario_coalition_value_bounds((const ent_scenario *)ctx, in, free, lo, hi);
}

static int cartel_payoff(void *ctx, int member, uint64_t coalition, double *out)
{
    return ent_scenario_coalition_payoff_mask((const ent_scenario *)ctx, member, coalition, out);
}

static int cartel_bounds(void *ctx, uint64_t members, uint64_t in, uint64_t free, double *lo,
                         double *hi)
{
    return ent_scenario_coalition_payoff_bounds((const ent_scenario *)ctx, members, in, free, lo,
                                                hi);
}

int ent_scenario_coalition_cartel_oracle(const ent_scenario *s, ent_cartel_oracle *out)
{
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if (s->cm > ENT_TU_ORACLE_MAX_N)
        return ENT_ETOOBIG;
    out->n = s->cm;
    out->ctx = (void *)s;
    out->payoff = cartel_payoff;
    out->bounds = cartel_bounds;
    return ENT_OK;
}

int ent_scenario_coalition_oracle(const ent_scenario *s, ent_tu_oracle *out)
{
    if (!s->cvalue)
        return ENT_ENOTFOUND;
    if (s->cm > ENT_TU_ORACLE_MAX_N)
        return ENT_ETOOBIG;
    out->n = s->cm;
    out->ctx = (void *)s;
    out->value = oracle_value;
    out->bounds = oracle_bounds;
    return ENT_OK;
}

/* ---- the re-check of a coalition found stable, from the definitions and apart from the
 * solvers: payoffs evaluated from member lists, transfers applied here */

typedef struct {
    const ent_scenario *s;
    const int *idx;
    int n;
} recheck;

/* pi_i(t), t a mask over the n analysed members */
static int pay_at(const recheck *k, int i, uint64_t t, double *out)
{
    int tl[64], tm = 0;
    for (int b = 0; b < k->n; b++)
        if ((t >> b) & 1u)
            tl[tm++] = k->idx[b];
    return ent_scenario_coalition_payoff(k->s, k->idx[i], tl, tm, out);
}

/* i's payoff when t forms, a member's after sharing t's total by the weights w */
static int share_at(const recheck *k, int i, uint64_t t, const double *w, double *out)
{
    if (!w || !((t >> i) & 1u))
        return pay_at(k, i, t, out);
    double tot = 0.0, wt = 0.0, p;
    for (int b = 0; b < k->n; b++)
        if ((t >> b) & 1u) {
            int rc = pay_at(k, b, t, &p);
            if (rc != ENT_OK)
                return rc;
            tot += p;
            wt += w[b];
        }
    *out = tot * w[i] / wt;
    return ENT_OK;
}

/* sum over the members of t of what each gets in t minus what it would get leaving */
static int surplus_at(const recheck *k, uint64_t t, double *g)
{
    double p, q;
    *g = 0.0;
    for (int a = 0; a < k->n; a++)
        if ((t >> a) & 1u) {
            int rc = pay_at(k, a, t, &p);
            if (rc == ENT_OK)
                rc = pay_at(k, a, t & ~((uint64_t)1 << a), &q);
            if (rc != ENT_OK)
                return rc;
            *g += p - q;
        }
    return ENT_OK;
}

int ent_scenario_cartel_recheck(const ent_scenario *s, const int *idx, int n, uint64_t coalition,
                                int optimal, const double *w, double tol, int *stable)
{
    recheck k = {s, idx, n};
    int rc;
    double here, there;
    *stable = 0;
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if (n < 1 || n > 64 || (n < 64 && (coalition >> n)))
        return ENT_EINVAL;
    for (int i = 0; i < n; i++) {
        uint64_t t = coalition ^ ((uint64_t)1 << i);
        int inside = (int)((coalition >> i) & 1u);
        if (optimal) {
            if (inside)
                continue;
            if ((rc = surplus_at(&k, t, &there)) != ENT_OK)
                return rc;
            if (there >= -tol)
                return ENT_OK; /* i would join a coalition that can hold */
            continue;
        }
        if ((rc = share_at(&k, i, coalition, w, &here)) != ENT_OK ||
            (rc = share_at(&k, i, t, w, &there)) != ENT_OK)
            return rc;
        if (inside ? there > here + tol : there >= here - tol)
            return ENT_OK; /* i leaves, or joins */
    }
    if (optimal) {
        if ((rc = surplus_at(&k, coalition, &here)) != ENT_OK)
            return rc;
        if (here < -tol)
            return ENT_OK;
    }
    *stable = 1;
    return ENT_OK;
}
