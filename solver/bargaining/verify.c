/* verify.c — independent checks of the bargaining solvers; no code shared with them.
 * Axiomatic solutions: feasibility of the reported lottery, individual rationality, and
 * the concept's optimality condition. Nash over a hull: the weighted Nash product is
 * log-concave, so x is optimal iff sum_i w_i (y_i - x_i) / (x_i - d_i) <= 0 for every
 * outcome y (first-order condition over the polytope). Linear concepts: weak LP duality —
 * the certificate weights bound the objective at every feasible point by a maximum over
 * the outcomes alone. Rubinstein: the responders' indifference conditions. */
#include "bargaining.h"

#include <math.h>

static double pw(const barg_problem *p, int i) { return p->w ? p->w[i] : 1.0; }

/* Objective of a linear concept at payoff vector y (gains over d); -inf if y < d. */
static double lin_obj(const barg_problem *p, int kind, const barg_solution *s,
                      const double *y)
{
    double f = kind == BARG_UTIL ? 0 : HUGE_VAL;
    for (int i = 0; i < p->n; i++) {
        double g = y[i] - p->d[i];
        if (kind == BARG_UTIL)
            f += g;
        else if (!s->fixed[i])
            f = fmin(f, kind == BARG_EGAL ? g : g / (s->ideal[i] - p->d[i]));
    }
    return f;
}

int barg_verify(const barg_problem *p, int kind, const barg_solution *s, double tol,
                double *viol)
{
    int n = p->n, m = p->m;
    double v = 0, tot = 0, foc = 0;
    for (int k = 0; k < m; k++) {
        if (s->mix[k] < -tol)
            v = fmax(v, -s->mix[k]);
        tot += s->mix[k];
    }
    v = fmax(v, fabs(tot - 1));
    for (int i = 0; i < n; i++) {
        double x = 0;
        for (int k = 0; k < m; k++)
            x += s->mix[k] * p->pay[(long)k * n + i];
        v = fmax(v, fabs(x - s->x[i]));
        v = fmax(v, p->d[i] - s->x[i]);
    }
    if (!p->lotteries) {
        for (int k = 0; k < m; k++)
            if (s->mix[k] != 0 && s->mix[k] != 1)
                v = fmax(v, 1);
        for (int k = 0; k < m; k++) {
            const double *y = p->pay + (long)k * n;
            int ir = 1;
            for (int i = 0; i < n; i++)
                ir &= y[i] >= p->d[i] - tol;
            if (!ir)
                continue;
            if (kind == BARG_NASH) {
                double fy = 0, fx = 0;
                int okx = 1, oky = 1;
                for (int i = 0; i < n; i++) {
                    if (s->fixed[i])
                        continue;
                    double gx = s->x[i] - p->d[i], gy = y[i] - p->d[i];
                    okx &= gx > 0;
                    oky &= gy > 0;
                    fx += pw(p, i) * log(fmax(gx, 1e-300));
                    fy += pw(p, i) * log(fmax(gy, 1e-300));
                }
                if (oky && (!okx || fy > fx + tol))
                    v = fmax(v, okx ? fy - fx : 1);
            } else
                v = fmax(v, lin_obj(p, kind, s, y) - lin_obj(p, kind, s, s->x));
        }
    } else if (kind == BARG_NASH) {
        double sw = 0;
        int any = 0;
        for (int i = 0; i < n; i++)
            if (!s->fixed[i]) {
                sw += pw(p, i);
                any = 1;
                if (!(s->x[i] - p->d[i] > 0))
                    v = fmax(v, 1);
            }
        for (int k = 0; k < m && any; k++) {
            double dd = 0;
            for (int i = 0; i < n; i++)
                if (!s->fixed[i])
                    dd += pw(p, i) * (p->pay[(long)k * n + i] - s->x[i]) / (s->x[i] - p->d[i]);
            /* dimensionless: relative to the total power, held to 1e-6 */
            foc = fmax(foc, dd / sw);
        }
    } else {
        /* weak duality: for feasible y >= d,
         *   utilitarian: sum (y-d) <= sum c_i (y_i-d_i) (c_i >= 1) <= max_k c.(p_k - d);
         *   egalitarian/KS: min_i (y_i-d_i)/s_i <= sum c_i (y_i-d_i) when sum c_i s_i = 1. */
        double cs = 0;
        int nfree = 0;
        for (int i = 0; i < n; i++)
            nfree += !s->fixed[i];
        if (kind != BARG_UTIL && nfree == 0) { /* vacuous: every feasible point is optimal */
            *viol = v;
            return v <= tol;
        }
        for (int i = 0; i < n; i++) {
            if (s->cert[i] < 0 || (kind == BARG_UTIL && s->cert[i] < 1 - 1e-12))
                v = fmax(v, 1);
            if (kind != BARG_UTIL && !s->fixed[i])
                cs += s->cert[i] * (kind == BARG_EGAL ? 1 : s->ideal[i] - p->d[i]);
            if (kind != BARG_UTIL && s->fixed[i] && s->cert[i] != 0)
                v = fmax(v, 1);
        }
        if (kind != BARG_UTIL)
            v = fmax(v, fabs(cs - 1));
        double bound = -HUGE_VAL;
        for (int k = 0; k < m; k++) {
            double b = 0;
            for (int i = 0; i < n; i++)
                b += s->cert[i] * (p->pay[(long)k * n + i] - p->d[i]);
            bound = fmax(bound, b);
        }
        v = fmax(v, bound - lin_obj(p, kind, s, s->x));
    }
    *viol = fmax(v, foc);
    return v <= tol && foc <= 1e-6;
}

int barg_rubinstein_verify(const barg_rubinstein *m, const double share[2], double tol)
{
    /* share[] is the first proposer's split. The other side's stationary offer v_other
     * follows from the first proposer's indifference when responding: a responder j
     * accepts exactly max(out_j, delta_j ((1-b) v_j + b dv_j)). */
    int a = m->proposer, b = 1 - a;
    double br = m->breakdown;
    double va = share[a];          /* a's share when a proposes */
    double mb = 1 - va;            /* what b is offered when a proposes */
    /* b's own proposal gives a exactly ma, so vb = 1 - ma */
    double cont_a_b, ma, vb;
    /* solve a's response threshold given vb: ma = max(out_a, delta_a((1-br) va + br dv_a)) */
    cont_a_b = m->delta[a] * ((1 - br) * va + br * m->dv[a]);
    ma = m->has_out ? fmax(m->out[a], cont_a_b) : cont_a_b;
    vb = 1 - ma;
    double want_b = m->delta[b] * ((1 - br) * vb + br * m->dv[b]);
    if (m->has_out)
        want_b = fmax(m->out[b], want_b);
    if (fabs(share[a] + share[b] - 1) > tol)
        return 0;
    return fabs(mb - want_b) <= tol && va >= -tol && vb >= -tol;
}

static double pie_gain(const barg_pie *p, int side, double x)
{
    return p->u(p->arg, side, side ? 1 - x : x) - p->d[side];
}

int barg_pie_verify(const barg_pie *p, int kind, double x, double tol)
{
    if (!(x >= 0 && x <= 1))
        return 0;
    double g0 = pie_gain(p, 0, x), g1 = pie_gain(p, 1, x);
    if (g0 < -tol || g1 < -tol)
        return 0;
    if (kind == BARG_EGAL)
        return fabs(g0 - g1) <= tol;
    if (kind == BARG_KS) {
        double s0 = pie_gain(p, 0, 1), s1 = pie_gain(p, 1, 0);
        return fabs(g0 / s0 - g1 / s1) <= tol;
    }
    if (kind == BARG_UTIL) {
        for (int k = 0; k <= 100000; k++) {
            double y = k / 100000.0;
            if (pie_gain(p, 0, y) + pie_gain(p, 1, y) > g0 + g1 + tol)
                return 0;
        }
        return 1;
    }
    /* Nash: central difference of w0 log g0 + w1 log g1, relative to the powers */
    double h = 1e-6;
    double lo = fmax(0, x - h), hi = fmin(1, x + h);
    double fl = p->w[0] * log(pie_gain(p, 0, lo)) + p->w[1] * log(pie_gain(p, 1, lo));
    double fh = p->w[0] * log(pie_gain(p, 0, hi)) + p->w[1] * log(pie_gain(p, 1, hi));
    double der = (fh - fl) / (hi - lo) / (p->w[0] + p->w[1]);
    if (x <= h)
        return der <= 1e-4;
    if (x >= 1 - h)
        return der >= -1e-4;
    return fabs(der) <= 1e-4;
}
