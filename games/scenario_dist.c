/* scenario_dist.c — scenario parameters: point values, --set overrides, and draws from
 * their distributions. Draws come from a counter-based generator: every uniform number is
 * SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014) applied to a key built from (seed, sample index, parameter, draw number),
 * so a sample depends on nothing else (not on threads or on the order of samples).
 * Normals by Box-Muller; the triangular by inverting its CDF; truncated normals by
 * rejection. */
#include "scenario_int.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform in (0, 1) for draw j of parameter i in sample `index` */
static double u01(uint64_t seed, uint64_t index, int i, uint64_t j)
{
    uint64_t k = mix64(mix64(mix64(seed) ^ index) ^ (((uint64_t)(unsigned)i << 40) ^ j));
    return ((double)(k >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double std_normal(uint64_t seed, uint64_t index, int i, uint64_t j)
{
    double u1 = u01(seed, index, i, 2 * j), u2 = u01(seed, index, i, 2 * j + 1);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

double sc_param_draw(const sc_param *p, uint64_t seed, uint64_t index, int i)
{
    switch (p->dist) {
    case SC_DIST_UNIFORM:
        return p->a + (p->b - p->a) * u01(seed, index, i, 0);
    case SC_DIST_TRIANGULAR: {
        double u = u01(seed, index, i, 0), w = p->b - p->a, f = (p->c - p->a) / w;
        if (u < f)
            return p->a + sqrt(u * w * (p->c - p->a));
        return p->b - sqrt((1.0 - u) * w * (p->b - p->c));
    }
    case SC_DIST_NORMAL:
        if (!p->trunc)
            return p->a + p->b * std_normal(seed, index, i, 0);
        /* a narrow window: uniform proposals accepted with the normal density relative to
         * its peak (the mean lies in the window); a wide one: normal proposals */
        for (uint64_t j = 0; j < 100000; j++) {
            double x;
            if (p->hi - p->lo < 4.0 * p->b) {
                x = p->lo + (p->hi - p->lo) * u01(seed, index, i, 2 * j);
                double z = (x - p->a) / p->b;
                if (u01(seed, index, i, 2 * j + 1) <= exp(-0.5 * z * z))
                    return x;
            } else {
                x = p->a + p->b * std_normal(seed, index, i, j);
                if (x >= p->lo && x <= p->hi)
                    return x;
            }
        }
        return p->a;
    case SC_DIST_DISCRETE: {
        double u = u01(seed, index, i, 0);
        int lo = 0, hi = p->nd - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (u <= p->dw[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return p->dv[lo];
    }
    default:
        return p->point;
    }
}

/* 1 if v is in the support of p's distribution (a value of a discrete one), 0 if not,
 * -1 when p has no bounded distribution. */
int sc_param_in_support(const sc_param *p, double v)
{
    switch (p->dist) {
    case SC_DIST_UNIFORM:
    case SC_DIST_TRIANGULAR:
        return v >= p->a && v <= p->b;
    case SC_DIST_NORMAL:
        return p->trunc ? v >= p->lo && v <= p->hi : -1;
    case SC_DIST_DISCRETE:
        for (int k = 0; k < p->nd; k++)
            if (p->dv[k] == v)
                return 1;
        return 0;
    default:
        return -1;
    }
}

/* point value: uniform -> mean, triangular -> mode, normal -> mean, discrete -> the value
 * of largest weight (the first on ties) */
void sc_param_point(sc_param *p)
{
    switch (p->dist) {
    case SC_DIST_UNIFORM:
        p->point = 0.5 * (p->a + p->b);
        break;
    case SC_DIST_TRIANGULAR:
        p->point = p->c;
        break;
    case SC_DIST_NORMAL:
        p->point = p->a;
        break;
    case SC_DIST_DISCRETE: {
        double best = -1, prev = 0;
        for (int i = 0; i < p->nd; i++) {
            double w = p->dw[i] - prev;
            prev = p->dw[i];
            if (w > best) {
                best = w;
                p->point = p->dv[i];
            }
        }
        break;
    }
    default:
        break;
    }
}

int ent_scenario_nparams(const ent_scenario *s) { return s->nparams; }

const char *ent_scenario_param_name(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->nparams ? s->params[i].name : NULL;
}

int ent_scenario_param_index(const ent_scenario *s, const char *name)
{
    for (int i = 0; i < s->nparams; i++)
        if (!strcmp(s->params[i].name, name))
            return i;
    return -1;
}

double ent_scenario_param_value(const ent_scenario *s, int i) { return s->pv[i]; }
double ent_scenario_param_point(const ent_scenario *s, int i) { return s->params[i].point; }
const char *ent_scenario_sha256(const ent_scenario *s) { return s->sha256; }
int ent_scenario_param_is_random(const ent_scenario *s, int i) { return s->params[i].dist != SC_DIST_NONE; }

int ent_scenario_param_dist(const ent_scenario *s, int i, char *buf, size_t cap)
{
    const sc_param *p = &s->params[i];
    char a[32], b[32], c[32];
    switch (p->dist) {
    case SC_DIST_UNIFORM:
        return snprintf(buf, cap, "uniform(%s, %s)", ent_fmt_num(a, p->a), ent_fmt_num(b, p->b));
    case SC_DIST_TRIANGULAR:
        return snprintf(buf, cap, "triangular(%s, %s, %s)", ent_fmt_num(a, p->a), ent_fmt_num(b, p->c),
                        ent_fmt_num(c, p->b));
    case SC_DIST_NORMAL:
        if (p->trunc) {
            char d[32];
            return snprintf(buf, cap, "normal(%s, %s) in [%s, %s]", ent_fmt_num(a, p->a), ent_fmt_num(b, p->b),
                            ent_fmt_num(c, p->lo), ent_fmt_num(d, p->hi));
        }
        return snprintf(buf, cap, "normal(%s, %s)", ent_fmt_num(a, p->a), ent_fmt_num(b, p->b));
    case SC_DIST_DISCRETE:
        return snprintf(buf, cap, "discrete(%d values)", p->nd);
    default:
        if (cap)
            buf[0] = '\0';
        return 0;
    }
}

int ent_scenario_set_param(ent_scenario *s, const char *name, double value, ent_error *err)
{
    int i = ent_scenario_param_index(s, name);
    if (i < 0) {
        const char *near = ent_expr_nearest(name, strlen(name), s->pnames, s->nparams);
        char sg[128] = "";
        if (near)
            snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
        return ent_error_set(err, ENT_ENOTFOUND, "%s: no parameter '%s'%s", s->path, name, sg);
    }
    if (!isfinite(value))
        return ent_error_set(err, ENT_EINVAL, "%s: parameter '%s' must be finite", s->path, name);
    s->pv[i] = value;
    s->params[i].fixed = 1;
    if (sc_param_in_support(&s->params[i], value) == 0) {
        char d[256], v[32];
        ent_scenario_param_dist(s, i, d, sizeof d);
        if (sc_warn(s, "%s:%d: warning: parameter '%s' set to %s, outside the support of its "
                       "distribution %s", s->params[i].file ? s->params[i].file : s->path,
                    s->params[i].line, name, ent_fmt_num(v, value), d))
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    return ENT_OK;
}

int ent_scenario_param_is_fixed(const ent_scenario *s, int i) { return s->params[i].fixed; }

void ent_scenario_sample_into(const ent_scenario *s, uint64_t seed, uint64_t index, double *values)
{
    for (int i = 0; i < s->nparams; i++)
        values[i] = s->params[i].dist && !s->params[i].fixed ? sc_param_draw(&s->params[i], seed, index, i) : s->pv[i];
}

int ent_scenario_sample_params(ent_scenario *s, uint64_t seed, uint64_t index, ent_error *err)
{
    (void)err;
    ent_scenario_sample_into(s, seed, index, s->pv);
    return ENT_OK;
}
