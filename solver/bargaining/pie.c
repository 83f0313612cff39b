/* pie.c — the axiomatic solutions for a pie divided between two sides with increasing
 * utilities (Nash 1950; Kalai-Smorodinsky 1975; Kalai 1977). The frontier is the curve
 * (u0(x), u1(1-x)), x in [0,1]: side 0's gain rises and side 1's falls in x, so the
 * egalitarian and KS points are single crossings (bisection), and the Nash and
 * utilitarian objectives are searched on a grid and refined by bisection on the slope. */
#include "bargaining.h"

#include <math.h>

static double gain(const barg_pie *p, int side, double x)
{
    return p->u(p->arg, side, side ? 1 - x : x) - p->d[side];
}

int barg_pie_check(const barg_pie *p, int *side, double *at)
{
    for (int s = 0; s < 2; s++) {
        double prev = p->u(p->arg, s, 0);
        for (int k = 1; k <= 1000; k++) {
            double v = p->u(p->arg, s, k / 1000.0);
            if (!(v > prev) || !isfinite(v)) {
                *side = s;
                *at = k / 1000.0;
                return ENT_EINVAL;
            }
            prev = v;
        }
    }
    /* smallest x with side 0 at its disagreement level, then side 1 there */
    double lo = 0, hi = 1;
    if (gain(p, 0, 1) < 0 || gain(p, 1, 0) < 0) {
        *side = gain(p, 0, 1) < 0 ? 0 : 1;
        *at = *side ? 0 : 1;
        return ENT_EINFEASIBLE;
    }
    if (gain(p, 0, 0) < 0) {
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (gain(p, 0, mid) >= 0)
                hi = mid;
            else
                lo = mid;
        }
    } else
        hi = 0;
    if (gain(p, 1, hi) < -1e-12) {
        *side = 1;
        *at = hi;
        return ENT_EINFEASIBLE;
    }
    return ENT_OK;
}

static double objective(const barg_pie *p, int kind, double x)
{
    double g0 = gain(p, 0, x), g1 = gain(p, 1, x);
    if (kind == BARG_UTIL)
        return g0 + g1;
    if (!(g0 > 0 && g1 > 0))
        return -HUGE_VAL;
    return p->w[0] * log(g0) + p->w[1] * log(g1);
}

int barg_pie_solve(const barg_pie *p, int kind, double *x)
{
    if (kind == BARG_EGAL || kind == BARG_KS) {
        double s0 = kind == BARG_KS ? gain(p, 0, 1) : 1, s1 = kind == BARG_KS ? gain(p, 1, 0) : 1;
        double lo = 0, hi = 1;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (gain(p, 0, mid) / s0 < gain(p, 1, mid) / s1)
                lo = mid;
            else
                hi = mid;
        }
        *x = 0.5 * (lo + hi);
        return ENT_OK;
    }
    int best = 0, N = 2000;
    double bf = -HUGE_VAL;
    for (int k = 0; k <= N; k++) {
        double f = objective(p, kind, (double)k / N);
        if (f > bf) {
            bf = f;
            best = k;
        }
    }
    /* the objective is concave near its maximum: bisection on the sign of its slope */
    double a = fmax(0, (best - 1.0) / N), b = fmin(1, (best + 1.0) / N);
    for (int it = 0; it < 100 && b - a > 1e-15; it++) {
        double mid = 0.5 * (a + b), h = 1e-6;
        if (objective(p, kind, fmin(1, mid + h)) > objective(p, kind, fmax(0, mid - h)))
            a = mid;
        else
            b = mid;
    }
    *x = 0.5 * (a + b);
    if (objective(p, kind, (double)best / N) > objective(p, kind, *x))
        *x = (double)best / N;
    return ENT_OK;
}
