/* sequential.c — bargaining over time and bargaining failure. Rubinstein (1982)
 * alternating offers, with a breakdown risk after each rejection (Binmore, Rubinstein
 * and Wolinsky 1986) and outside options a responder may take (Binmore, Shaked and Sutton
 * 1989: an option binds only when it beats the continuation). The stationary offers
 * solve a 2x2 linear system for each pattern of binding options; the map is a
 * contraction, so exactly one pattern is consistent. The commitment problem of a power
 * shift (Fearon 1995; Powell 2006) with a third-party guarantee: the bargaining range at
 * each credibility q and the threshold q* (model in bargaining.h). */
#include "bargaining.h"

#include <math.h>

int barg_rubinstein_solve(const barg_rubinstein *m, double share[2], int binding[2],
                          ent_error *err)
{
    for (int i = 0; i < 2; i++) {
        if (!(m->delta[i] > 0 && m->delta[i] < 1))
            return ent_error_set(err, ENT_EINVAL, "discount factor %g is outside (0, 1)",
                                 m->delta[i]);
        if (m->has_out && !(m->out[i] >= 0 && m->out[i] <= 1))
            return ent_error_set(err, ENT_EINVAL, "outside option %g is outside [0, 1]", m->out[i]);
        if (!(m->dv[i] >= 0 && m->dv[i] <= 1))
            return ent_error_set(err, ENT_EINVAL, "disagreement value %g is outside [0, 1]",
                                 m->dv[i]);
    }
    if (!(m->breakdown >= 0 && m->breakdown < 1))
        return ent_error_set(err, ENT_EINVAL, "breakdown probability %g is outside [0, 1)",
                             m->breakdown);
    if (m->has_out && m->out[0] + m->out[1] >= 1)
        return ent_error_set(err, ENT_EINVAL,
                             "the outside options (%g + %g) leave nothing to bargain over",
                             m->out[0], m->out[1]);
    if (m->dv[0] + m->dv[1] > 1)
        return ent_error_set(err, ENT_EINVAL, "the disagreement values exceed the pie");
    double b = m->breakdown, d0 = m->delta[0], d1 = m->delta[1];
    /* v_i: i's share when i proposes; m_j = max(out_j, c_j) with
     * c_j = delta_j ((1-b) v_j + b dv_j), v_0 = 1 - m_1, v_1 = 1 - m_0. */
    for (int pat = 0; pat < 4; pat++) {
        int b0 = pat & 1, b1 = (pat >> 1) & 1;
        if ((b0 || b1) && !m->has_out)
            continue;
        double v0, v1;
        if (b0 && b1) {
            v0 = 1 - m->out[1];
            v1 = 1 - m->out[0];
        } else if (b1) { /* m1 = out1 */
            v0 = 1 - m->out[1];
            v1 = 1 - d0 * ((1 - b) * v0 + b * m->dv[0]);
        } else if (b0) {
            v1 = 1 - m->out[0];
            v0 = 1 - d1 * ((1 - b) * v1 + b * m->dv[1]);
        } else {
            /* v0 = 1 - d1((1-b)(1 - d0((1-b) v0 + b dv0)) + b dv1) */
            double k = (1 - b) * (1 - b) * d0 * d1;
            v0 = (1 - d1 * b * m->dv[1] - d1 * (1 - b) * (1 - d0 * b * m->dv[0])) / (1 - k);
            v1 = 1 - d0 * ((1 - b) * v0 + b * m->dv[0]);
        }
        double c0 = d0 * ((1 - b) * v0 + b * m->dv[0]);
        double c1 = d1 * ((1 - b) * v1 + b * m->dv[1]);
        double e = 1e-15;
        int ok = m->has_out ? ((b0 ? m->out[0] >= c0 - e : m->out[0] <= c0 + e) &&
                               (b1 ? m->out[1] >= c1 - e : m->out[1] <= c1 + e))
                            : 1;
        if (!ok)
            continue;
        if (m->proposer == 0) {
            share[0] = v0;
            share[1] = 1 - v0;
        } else {
            share[1] = v1;
            share[0] = 1 - v1;
        }
        binding[0] = b0;
        binding[1] = b1;
        return ENT_OK;
    }
    return ent_error_set(err, ENT_EINVAL, "no stationary division (parameters out of range)");
}

int barg_commitment_check(const barg_commitment *c, const char **bad)
{
    if (!(c->p_now >= 0 && c->p_now <= 1))
        return *bad = "p_now", -1;
    if (!(c->p_later >= 0 && c->p_later <= 1))
        return *bad = "p_later", -1;
    if (!(c->p_guar >= 0 && c->p_guar <= 1))
        return *bad = "p_guarantee", -1;
    if (!(c->cost_a >= 0 && c->cost_a <= 1))
        return *bad = "cost_a", -1;
    if (!(c->cost_b >= 0 && c->cost_b <= 1))
        return *bad = "cost_b", -1;
    if (!(c->delta > 0 && c->delta < 1))
        return *bad = "delta", -1;
    return 0;
}

int barg_commitment_range(const barg_commitment *c, double q, double *lo, double *hi)
{
    double pa = (1 - q) * c->p_later + q * c->p_guar, dl = c->delta;
    double xlo = (c->p_now - c->cost_a - dl * (pa - c->cost_a)) / (1 - dl);
    double xhi = 1 - (1 - c->p_now - c->cost_b - dl * (1 - pa + c->cost_a)) / (1 - dl);
    *lo = fmax(0, xlo);
    *hi = fmin(1, xhi);
    return *lo <= *hi;
}

int barg_commitment_threshold(const barg_commitment *c, double *qstar, double *qmax,
                              double *qbis)
{
    double preq = c->cost_a + (c->p_now - c->cost_a - 1 + c->delta) / c->delta;
    double pmax = 1 + c->cost_a - (c->delta - c->p_now - c->cost_b) / c->delta;
    double lo, hi, slope = c->p_guar - c->p_later;
    /* closed form: the q with preq <= p_later + q slope <= pmax, within [0,1] */
    double a = 0, b = 1;
    if (slope > 0) {
        a = fmax(a, (preq - c->p_later) / slope);
        b = fmin(b, (pmax - c->p_later) / slope);
    } else if (slope < 0) {
        a = fmax(a, (pmax - c->p_later) / slope);
        b = fmin(b, (preq - c->p_later) / slope);
    } else if (c->p_later < preq || c->p_later > pmax)
        a = 2;
    int exists = a <= b;
    *qstar = exists ? a : NAN;
    *qmax = exists ? b : NAN;
    /* from the range alone: the first grid point with a settlement, then bisection */
    *qbis = NAN;
    for (int k = 0; k <= 1000; k++) {
        double q = k / 1000.0;
        if (!barg_commitment_range(c, q, &lo, &hi))
            continue;
        if (k == 0) {
            *qbis = 0;
            break;
        }
        double l = (k - 1) / 1000.0, h = q;
        for (int it = 0; it < 200 && h - l > 1e-16; it++) {
            double mid = 0.5 * (l + h);
            if (barg_commitment_range(c, mid, &lo, &hi))
                h = mid;
            else
                l = mid;
        }
        *qbis = h;
        break;
    }
    return exists;
}
