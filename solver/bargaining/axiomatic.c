/* axiomatic.c — axiomatic bargaining solutions over a finite set of outcomes or its
 * convex hull: Nash (1950; asymmetric with bargaining powers, Kalai 1977),
 * Kalai-Smorodinsky (1975), egalitarian (Kalai 1977) and utilitarian. The linear ones and
 * the ideal point are LPs over the outcome weights (solver/lp); their dual weights are
 * kept as a certificate. The two-actor Nash solution is exact: the frontier of the hull
 * is made of segments between outcomes, and on each the weighted Nash product has a
 * closed-form maximiser. With more actors Frank-Wolfe with away steps maximises the
 * logarithm of the product, its duality gap as the stopping rule. */
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

/* Nash for any number of actors: Frank-Wolfe with away steps (Guelat and Marcotte 1986;
 * linear convergence for a strongly concave function of a linear image of the simplex,
 * Lacoste-Julien and Jaggi 2015) on f(lambda) = sum_i w_i log(x_i - d_i), x = P lambda,
 * from the egalitarian point (every actor that can gain gains there). Each step moves
 * towards the best outcome for the gradient or away from the worst outcome in use, with
 * an exact line search (f is concave along the line: bisection on the derivative). The
 * Frank-Wolfe gap max_k grad.(p_k - x) bounds f* - f and is the stopping rule. */
int barg_nash_frank_wolfe(const barg_problem *p, barg_solution *s, ent_error *err)
{
    int n = p->n, m = p->m;
    int rc = linear_hull(p, BARG_EGAL, s, 1e-9 * scale_of(p), err);
    if (rc != ENT_OK)
        return rc;
    double *g = malloc(sizeof(double) * (size_t)n), *dir = malloc(sizeof(double) * (size_t)n);
    if (!g || !dir) {
        free(g);
        free(dir);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    double sw = 0;
    for (int i = 0; i < n; i++)
        sw += s->fixed[i] ? 0 : power(p, i);
    for (int i = 0; i < n; i++)
        if (!s->fixed[i] && !(s->x[i] - p->d[i] > 0)) {
            free(g);
            free(dir);
            return ent_error_set(err, ENT_EINFEASIBLE, "no feasible point gives every actor a gain");
        }
    s->gap = HUGE_VAL;
    for (long it = 0; it < 1000000; it++) {
        for (int i = 0; i < n; i++)
            g[i] = s->fixed[i] ? 0 : power(p, i) / (s->x[i] - p->d[i]);
        int fw = -1, aw = -1;
        double best = -HUGE_VAL, worst = HUGE_VAL, gx = 0;
        for (int i = 0; i < n; i++)
            gx += g[i] * s->x[i];
        for (int k = 0; k < m; k++) {
            double v = 0;
            for (int i = 0; i < n; i++)
                v += g[i] * p->pay[(long)k * n + i];
            if (v > best)
                best = v, fw = k;
            if (s->mix[k] > 0 && v < worst)
                worst = v, aw = k;
        }
        double gfw = best - gx, gaw = gx - worst;
        s->gap = gfw;
        if (gfw <= 1e-12 * sw)
            break;
        int toward = gfw >= gaw || aw < 0 || s->mix[aw] >= 1;
        double gmax;
        if (toward) {
            for (int i = 0; i < n; i++)
                dir[i] = p->pay[(long)fw * n + i] - s->x[i];
            gmax = 1;
        } else {
            for (int i = 0; i < n; i++)
                dir[i] = s->x[i] - p->pay[(long)aw * n + i];
            gmax = s->mix[aw] / (1 - s->mix[aw]);
        }
        for (int i = 0; i < n; i++) /* stay where every gain is positive */
            if (!s->fixed[i] && dir[i] < 0)
                gmax = fmin(gmax, 0.999999 * (s->x[i] - p->d[i]) / -dir[i]);
        double lo = 0, hi = gmax, gam;
        double dh = 0;
        for (int i = 0; i < n; i++)
            if (!s->fixed[i])
                dh += power(p, i) * dir[i] / (s->x[i] - p->d[i] + hi * dir[i]);
        if (dh >= 0)
            gam = hi;
        else {
            for (int b = 0; b < 100 && hi - lo > 1e-17; b++) {
                double mid = 0.5 * (lo + hi), dm = 0;
                for (int i = 0; i < n; i++)
                    if (!s->fixed[i])
                        dm += power(p, i) * dir[i] / (s->x[i] - p->d[i] + mid * dir[i]);
                if (dm > 0)
                    lo = mid;
                else
                    hi = mid;
            }
            gam = lo;
        }
        if (gam <= 0)
            break;
        if (toward) {
            for (int k = 0; k < m; k++)
                s->mix[k] *= 1 - gam;
            s->mix[fw] += gam;
        } else {
            for (int k = 0; k < m; k++)
                s->mix[k] *= 1 + gam;
            s->mix[aw] -= gam;
            if (s->mix[aw] < 1e-15)
                s->mix[aw] = 0;
        }
        payoffs_of_mix(p, s);
    }
    free(g);
    free(dir);
    return ENT_OK;
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
    if (nfree == 0) /* nobody can gain: any feasible lottery, the best in total */
        return linear_hull(p, BARG_UTIL, s, eps, err);
    if (kind != BARG_NASH)
        return linear_hull(p, kind, s, eps, err);
    if (nfree == 1) { /* only one actor can gain: every concept gives it its ideal */
        (void)last;
        return linear_hull(p, BARG_EGAL, s, eps, err);
    }
    if (p->n == 2 && (long)p->m * p->m <= 50000000L)
        return nash_two(p, s, err);
    return barg_nash_frank_wolfe(p, s, err);
}
