/* axiomatic.c — axiomatic bargaining solutions over a finite set of outcomes or its
 * convex hull: Nash (1950; asymmetric with bargaining powers, Kalai 1977),
 * Kalai-Smorodinsky (1975), egalitarian (Kalai 1977) and utilitarian. The linear ones and
 * the ideal point are LPs over the outcome weights (solver/lp); their dual weights are
 * kept as a certificate. The two-actor Nash solution is exact: the frontier of the hull
 * is made of segments between outcomes, and on each the weighted Nash product has a
 * closed-form maximiser. With more actors Kelley's cutting-plane method maximises the
 * logarithm of the product (each iteration one LP, tangent cuts), with the gap between
 * the LP bound and the best point as its stopping rule. */
#include "bargaining.h"
#include "../lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const barg_kind_name[BARG_NKINDS] = {"nash", "kalai-smorodinsky", "egalitarian",
                                                 "utilitarian"};

int barg_solution_alloc(barg_solution *s, int n, int m)
{
    memset(s, 0, sizeof *s);
    s->x = calloc((size_t)n, sizeof(double));
    s->ideal = calloc((size_t)n, sizeof(double));
    s->cert = calloc((size_t)n, sizeof(double));
    s->fixed = calloc((size_t)n, sizeof(int));
    s->mix = calloc((size_t)m, sizeof(double));
    if (!s->x || !s->ideal || !s->cert || !s->fixed || !s->mix) {
        barg_solution_free(s);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

void barg_solution_free(barg_solution *s)
{
    free(s->x);
    free(s->mix);
    free(s->ideal);
    free(s->cert);
    free(s->fixed);
    memset(s, 0, sizeof *s);
}

static double scale_of(const barg_problem *p)
{
    double sc = 1;
    for (long k = 0; k < (long)p->m * p->n; k++)
        sc = fmax(sc, fabs(p->pay[k]));
    for (int i = 0; i < p->n; i++)
        sc = fmax(sc, fabs(p->d[i]));
    return sc;
}

static double power(const barg_problem *p, int i) { return p->w ? p->w[i] : 1.0; }

/* An outcome is individually rational when every payoff is at least d (within eps). */
static int rational(const barg_problem *p, int k, double eps)
{
    for (int i = 0; i < p->n; i++)
        if (p->pay[(long)k * p->n + i] < p->d[i] - eps)
            return 0;
    return 1;
}

/* ------------------------------------------------------------ LP over the hull */

/* The LP: columns lambda[0..m-1] and t (column m); rows i < n:
 * sum_k lambda_k pay_ki - coef_i t >= d_i, row n: sum lambda = 1. */
static ent_lp *hull_lp(const barg_problem *p, const double *coef)
{
    int n = p->n, m = p->m;
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    if (!lp || ent_lp_add_cols(lp, m + 1) < 0)
        goto fail;
    ent_lp_set_col_bounds(lp, m, ENT_LP_FREE, 0, 0);
    int *idx = malloc(sizeof(int) * (size_t)(m + 1));
    double *val = malloc(sizeof(double) * (size_t)(m + 1));
    if (!idx || !val) {
        free(idx);
        free(val);
        goto fail;
    }
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        int nz = 0;
        for (int k = 0; k < m; k++) {
            idx[nz] = k;
            val[nz++] = p->pay[(long)k * n + i];
        }
        if (coef && coef[i] != 0) {
            idx[nz] = m;
            val[nz++] = -coef[i];
        }
        ok = ent_lp_add_row(lp, nz, idx, val, ENT_LP_LO, p->d[i], 0) >= 0;
    }
    for (int k = 0; k < m; k++) {
        idx[k] = k;
        val[k] = 1;
    }
    ok = ok && ent_lp_add_row(lp, m, idx, val, ENT_LP_FX, 1, 1) >= 0;
    free(idx);
    free(val);
    if (ok)
        return lp;
fail:
    ent_lp_free(&lp);
    return NULL;
}

static int lp_status(int rc, ent_error *err, const char *what)
{
    if (rc == ENT_EINFEASIBLE)
        return ent_error_set(err, ENT_EINFEASIBLE,
                             "the disagreement point lies outside the feasible set: no "
                             "outcome%s gives every actor at least its disagreement payoff",
                             what);
    return ent_error_set(err, rc == ENT_ENOMEM ? ENT_ENOMEM : ENT_ELP,
                         "bargaining: the LP solver failed");
}

/* Ideal point and fixed actors (no feasible point lifts them above d). */
static int ideal_point(const barg_problem *p, barg_solution *s, double eps, ent_error *err)
{
    int n = p->n, m = p->m;
    if (!p->lotteries) {
        int any = 0;
        for (int i = 0; i < n; i++)
            s->ideal[i] = -HUGE_VAL;
        for (int k = 0; k < m; k++)
            if (rational(p, k, eps)) {
                any = 1;
                for (int i = 0; i < n; i++)
                    s->ideal[i] = fmax(s->ideal[i], p->pay[(long)k * n + i]);
            }
        if (!any)
            return lp_status(ENT_EINFEASIBLE, err, "");
    } else {
        ent_lp *lp = hull_lp(p, NULL);
        if (!lp)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++)
                ent_lp_set_obj(lp, k, p->pay[(long)k * n + i]);
            int rc = ent_lp_solve(lp, 0);
            if (rc != ENT_OK) {
                ent_lp_free(&lp);
                return lp_status(rc, err, " or lottery over outcomes");
            }
            s->ideal[i] = ent_lp_obj(lp);
            for (int k = 0; k < m; k++)
                ent_lp_set_obj(lp, k, 0);
        }
        ent_lp_free(&lp);
    }
    for (int i = 0; i < n; i++)
        s->fixed[i] = s->ideal[i] - p->d[i] <= eps;
    return ENT_OK;
}

static void payoffs_of_mix(const barg_problem *p, barg_solution *s)
{
    for (int i = 0; i < p->n; i++) {
        double v = 0;
        for (int k = 0; k < p->m; k++)
            v += s->mix[k] * p->pay[(long)k * p->n + i];
        s->x[i] = v;
    }
}

/* Linear concepts over the hull. Egalitarian and KS: max t with gains >= coef t, then
 * (same t) the largest total gain, so the answer is Pareto optimal. */
static int linear_hull(const barg_problem *p, int kind, barg_solution *s, double eps,
                       ent_error *err)
{
    int n = p->n, m = p->m;
    double *coef = calloc((size_t)n, sizeof(double));
    if (!coef)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    if (kind != BARG_UTIL)
        for (int i = 0; i < n; i++)
            coef[i] = s->fixed[i] ? 0 : kind == BARG_EGAL ? 1 : s->ideal[i] - p->d[i];
    ent_lp *lp = hull_lp(p, kind == BARG_UTIL ? NULL : coef);
    free(coef);
    if (!lp)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    int rc;
    if (kind == BARG_UTIL) {
        for (int k = 0; k < m; k++) {
            double v = 0;
            for (int i = 0; i < n; i++)
                v += p->pay[(long)k * n + i];
            ent_lp_set_obj(lp, k, v);
        }
        ent_lp_set_col_bounds(lp, m, ENT_LP_FX, 0, 0);
        if ((rc = ent_lp_solve(lp, 0)) != ENT_OK)
            goto fail;
        for (int i = 0; i < n; i++)
            s->cert[i] = 1 + fabs(ent_lp_row_dual(lp, i));
    } else {
        ent_lp_set_obj(lp, m, 1);
        if ((rc = ent_lp_solve(lp, 0)) != ENT_OK)
            goto fail;
        double t = ent_lp_obj(lp), tot = 0;
        for (int i = 0; i < n; i++) {
            s->cert[i] = s->fixed[i] ? 0 : fabs(ent_lp_row_dual(lp, i));
            tot += s->cert[i] * (kind == BARG_EGAL ? 1 : s->ideal[i] - p->d[i]);
        }
        for (int i = 0; i < n && tot > 0; i++)
            s->cert[i] /= tot;
        /* second stage: keep t, maximise the total payoff */
        ent_lp_set_col_bounds(lp, m, ENT_LP_LO, t - eps * 1e-3, 0);
        ent_lp_set_obj(lp, m, 0);
        for (int k = 0; k < m; k++) {
            double v = 0;
            for (int i = 0; i < n; i++)
                v += p->pay[(long)k * n + i];
            ent_lp_set_obj(lp, k, v);
        }
        if ((rc = ent_lp_solve(lp, 0)) != ENT_OK)
            goto fail;
    }
    for (int k = 0; k < m; k++)
        s->mix[k] = fmax(0, ent_lp_col(lp, k));
    ent_lp_free(&lp);
    payoffs_of_mix(p, s);
    return ENT_OK;
fail:
    ent_lp_free(&lp);
    return lp_status(rc, err, " or lottery over outcomes");
}

/* ------------------------------------------------------------ Nash */

/* Log of the weighted Nash product over the actors that can gain; -inf at a zero gain. */
static double nash_log(const barg_problem *p, const int *fixed, const double *x)
{
    double f = 0;
    for (int i = 0; i < p->n; i++) {
        if (fixed[i])
            continue;
        double g = x[i] - p->d[i];
        if (!(g > 0))
            return -HUGE_VAL;
        f += power(p, i) * log(g);
    }
    return f;
}

/* Two actors that can both gain: every outcome and, on every segment between two
 * outcomes, the stationary point of w0 log g0 + w1 log g1 (a linear equation in t). */
static int nash_two(const barg_problem *p, barg_solution *s, ent_error *err)
{
    int m = p->m;
    const double *P = p->pay, *d = p->d;
    double w0 = power(p, 0), w1 = power(p, 1), best = -HUGE_VAL;
    int bk = -1, bl = -1;
    double bt = 0;
    for (int k = 0; k < m; k++) {
        double g0 = P[2 * k] - d[0], g1 = P[2 * k + 1] - d[1];
        if (g0 > 0 && g1 > 0) {
            double f = w0 * log(g0) + w1 * log(g1);
            if (f > best) {
                best = f;
                bk = bl = k;
                bt = 0;
            }
        }
    }
    for (int k = 0; k < m; k++)
        for (int l = k + 1; l < m; l++) {
            double a0 = P[2 * k] - d[0], a1 = P[2 * k + 1] - d[1];
            double e0 = P[2 * l] - P[2 * k], e1 = P[2 * l + 1] - P[2 * k + 1];
            /* w0 e0 / (a0 + t e0) + w1 e1 / (a1 + t e1) = 0 */
            double den = (w0 + w1) * e0 * e1;
            if (den == 0 || !(e0 * e1 < 0))
                continue; /* no interior maximum unless the segment trades one for the other */
            double t = -(w0 * e0 * a1 + w1 * e1 * a0) / den;
            if (!(t > 0 && t < 1))
                continue;
            double g0 = a0 + t * e0, g1 = a1 + t * e1;
            if (!(g0 > 0 && g1 > 0))
                continue;
            double f = w0 * log(g0) + w1 * log(g1);
            if (f > best) {
                best = f;
                bk = k;
                bl = l;
                bt = t;
            }
        }
    if (bk < 0)
        return ent_error_set(err, ENT_EINFEASIBLE, "no feasible point gives both actors a gain");
    memset(s->mix, 0, sizeof(double) * (size_t)m);
    s->mix[bk] += 1 - bt;
    s->mix[bl] += bt;
    s->x[0] = P[2 * bk] + bt * (P[2 * bl] - P[2 * bk]);
    s->x[1] = P[2 * bk + 1] + bt * (P[2 * bl + 1] - P[2 * bk + 1]);
    s->gap = 0;
    return ENT_OK;
}

int barg_nash_cutting(const barg_problem *p, barg_solution *s, ent_error *err)
{
    int n = p->n, m = p->m;
    /* columns: lambda (m), s_i (n); rows: gains g_i = sum lambda pay - d >= 0 (n), sum
     * lambda = 1, then cuts s_i - g_i / g0 <= log g0 - 1 - d_i / g0 ... written on
     * lambda directly: s_i - sum_k lambda_k pay_ki / g0 <= log g0 - 1 - d_i / g0. */
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    int *idx = malloc(sizeof(int) * (size_t)(m + 1));
    double *val = malloc(sizeof(double) * (size_t)(m + 1));
    double *x = malloc(sizeof(double) * (size_t)n);
    double *lam = malloc(sizeof(double) * (size_t)m);
    int rc = ENT_OK;
    if (!lp || !idx || !val || !x || !lam || ent_lp_add_cols(lp, m + n) < 0) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++) {
        ent_lp_set_col_bounds(lp, m + i, ENT_LP_FREE, 0, 0);
        if (s->fixed[i])
            ent_lp_set_col_bounds(lp, m + i, ENT_LP_FX, 0, 0);
        ent_lp_set_obj(lp, m + i, s->fixed[i] ? 0 : power(p, i));
    }
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < m; k++) {
            idx[k] = k;
            val[k] = p->pay[(long)k * n + i];
        }
        if (ent_lp_add_row(lp, m, idx, val, ENT_LP_LO, p->d[i], 0) < 0) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto out;
        }
    }
    for (int k = 0; k < m; k++) {
        idx[k] = k;
        val[k] = 1;
    }
    ent_lp_add_row(lp, m, idx, val, ENT_LP_FX, 1, 1);
#define ADD_CUT(i, g0)                                                                      \
    do {                                                                                    \
        for (int k_ = 0; k_ < m; k_++) {                                                    \
            idx[k_] = k_;                                                                   \
            val[k_] = -p->pay[(long)k_ * n + (i)] / (g0);                                   \
        }                                                                                   \
        idx[m] = m + (i);                                                                   \
        val[m] = 1;                                                                         \
        if (ent_lp_add_row(lp, m + 1, idx, val, ENT_LP_UP, 0,                               \
                           log(g0) - 1 - p->d[i] / (g0)) < 0) {                              \
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");                           \
            goto out;                                                                       \
        }                                                                                   \
    } while (0)
    for (int i = 0; i < n; i++)
        if (!s->fixed[i])
            for (double f = 1; f > 1e-4; f /= 4)
                ADD_CUT(i, f * (s->ideal[i] - p->d[i]));
    double lb = -HUGE_VAL, sumw = 0;
    for (int i = 0; i < n; i++)
        sumw += s->fixed[i] ? 0 : power(p, i);
    s->gap = HUGE_VAL;
    for (int it = 0; it < 5000; it++) {
        int lrc = ent_lp_solve(lp, 0);
        if (lrc != ENT_OK) {
            rc = lp_status(lrc, err, " or lottery over outcomes");
            goto out;
        }
        double ub = ent_lp_obj(lp);
        for (int k = 0; k < m; k++)
            lam[k] = fmax(0, ent_lp_col(lp, k));
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int k = 0; k < m; k++)
                v += lam[k] * p->pay[(long)k * n + i];
            x[i] = v;
        }
        double f = nash_log(p, s->fixed, x);
        if (f > lb) {
            lb = f;
            memcpy(s->mix, lam, sizeof(double) * (size_t)m);
            memcpy(s->x, x, sizeof(double) * (size_t)n);
        }
        s->gap = ub - lb;
        if (s->gap <= 1e-13 * fmax(1, sumw))
            break;
        for (int i = 0; i < n; i++) {
            double g = x[i] - p->d[i];
            if (!s->fixed[i] && g > 0)
                ADD_CUT(i, g);
        }
    }
#undef ADD_CUT
    if (!(lb > -HUGE_VAL))
        rc = ent_error_set(err, ENT_EINFEASIBLE, "no feasible point gives every actor a gain");
out:
    ent_lp_free(&lp);
    free(idx);
    free(val);
    free(x);
    free(lam);
    return rc;
}

/* ------------------------------------------------------------ outcomes only */

static double discrete_score(const barg_problem *p, int kind, const barg_solution *s,
                             const double *x, double *second)
{
    double f = kind == BARG_UTIL ? 0 : HUGE_VAL, tot = 0;
    int positive = 0;
    for (int i = 0; i < p->n; i++) {
        double g = x[i] - p->d[i];
        tot += g;
        if (s->fixed[i])
            continue;
        if (kind == BARG_EGAL)
            f = fmin(f, g);
        else if (kind == BARG_KS)
            f = fmin(f, g / (s->ideal[i] - p->d[i]));
        else if (kind == BARG_UTIL)
            f += g;
        else if (g > 0) {
            f = (f == HUGE_VAL ? 0 : f) + power(p, i) * log(g);
            positive++;
        }
    }
    if (kind == BARG_NASH) /* more actors with a gain first, then the product */
        f = positive * 1e6 + (f == HUGE_VAL ? 0 : f / 1e3);
    *second = tot;
    return f;
}

static int discrete(const barg_problem *p, int kind, barg_solution *s, double eps)
{
    int bk = -1;
    double bf = -HUGE_VAL, bs = -HUGE_VAL;
    for (int k = 0; k < p->m; k++) {
        if (!rational(p, k, eps))
            continue;
        double sec, f = discrete_score(p, kind, s, p->pay + (long)k * p->n, &sec);
        if (bk < 0 || f > bf + eps * 1e-3 || (f >= bf - eps * 1e-3 && sec > bs + eps * 1e-3)) {
            bk = k;
            bf = f;
            bs = sec;
        }
    }
    memset(s->mix, 0, sizeof(double) * (size_t)p->m);
    s->mix[bk] = 1;
    memcpy(s->x, p->pay + (long)bk * p->n, sizeof(double) * (size_t)p->n);
    return ENT_OK;
}

int barg_solve(const barg_problem *p, int kind, barg_solution *s, ent_error *err)
{
    if (p->n < 2 || p->m < 1 || kind < 0 || kind >= BARG_NKINDS)
        return ent_error_set(err, ENT_EINVAL, "bargaining needs two or more actors and an outcome");
    for (int i = 0; i < p->n; i++)
        if (p->w && !(p->w[i] > 0 && isfinite(p->w[i])))
            return ent_error_set(err, ENT_EINVAL, "bargaining powers must be positive");
    double eps = 1e-9 * scale_of(p);
    int rc = ideal_point(p, s, eps, err);
    if (rc != ENT_OK)
        return rc;
    s->gap = 0;
    for (int i = 0; i < p->n; i++)
        s->cert[i] = 0;
    if (!p->lotteries)
        return discrete(p, kind, s, eps);
    int nfree = 0, last = -1;
    for (int i = 0; i < p->n; i++)
        if (!s->fixed[i]) {
            nfree++;
            last = i;
        }
    if (kind != BARG_NASH || nfree == 0)
        return linear_hull(p, kind == BARG_NASH ? BARG_EGAL : kind, s, eps, err);
    if (nfree == 1) { /* only one actor can gain: every concept gives it its ideal */
        (void)last;
        return linear_hull(p, BARG_EGAL, s, eps, err);
    }
    if (p->n == 2 && (long)p->m * p->m <= 50000000L)
        return nash_two(p, s, err);
    return barg_nash_cutting(p, s, err);
}
