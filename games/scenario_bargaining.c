/* scenario_bargaining.c — the `bargaining` block of a scenario: sides, utilities (linear
 * or power), disagreement values and powers, alternating-offers parameters (discount
 * factors, or rates with a period length; breakdown probability; outside options; who
 * proposes first) and commitment-problem cases. Every value is checked here, with the
 * line of the offending setting. */
#include "scenario_bargaining.h"
#include "expr.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    void *L;
    scb_fail_fn fail;
} ctx;

static int failf(ctx *c, const config_setting_t *st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(ctx *c, const config_setting_t *st, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return c->fail(c->L, st, ENT_EPARSE, msg);
}

static int num(ctx *c, const config_setting_t *st, const char *what, double *v)
{
    int t = config_setting_type(st);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
        return failf(c, st, "bargaining: %s must be a number", what);
    *v = config_setting_get_float(st);
    if (!isfinite(*v))
        return failf(c, st, "bargaining: %s must be finite", what);
    return 0;
}

/* A pair [a, b] of numbers. */
static int pair(ctx *c, const config_setting_t *g, const char *key, double v[2], int *given)
{
    const config_setting_t *st = config_setting_get_member(g, key);
    if (given)
        *given = st != NULL;
    if (!st)
        return 0;
    int t = config_setting_type(st);
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(st) != 2)
        return failf(c, st, "bargaining: %s needs two numbers, one per side: [a, b]", key);
    for (int i = 0; i < 2; i++) {
        int rc = num(c, config_setting_get_elem(st, (unsigned)i), key, &v[i]);
        if (rc)
            return rc;
    }
    return 0;
}

static int single(ctx *c, const config_setting_t *g, const char *key, double *v, int *given)
{
    const config_setting_t *st = config_setting_get_member(g, key);
    if (given)
        *given = st != NULL;
    return st ? num(c, st, key, v) : 0;
}

static int keys_ok(ctx *c, const config_setting_t *g, const char *where, const char *const *keys)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        int ok = 0;
        for (int k = 0; keys[k]; k++)
            ok |= !strcmp(config_setting_name(m), keys[k]);
        if (!ok) {
            int nk = 0;
            while (keys[nk])
                nk++;
            const char *nm = config_setting_name(m), *near = ent_expr_nearest(nm, strlen(nm), keys, nk);
            return failf(c, m, "unknown setting '%s' in %s%s%s%s", nm, where, near ? " (did you mean '" : "",
                         near ? near : "", near ? "'?)" : "");
        }
    }
    return 0;
}

static int load_case(ctx *c, const config_setting_t *g, scb_case *k)
{
    static const char *const keys[] = {"name", "p_now", "p_later", "p_guarantee", "cost", "delta", NULL};
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return failf(c, g, "bargaining: each commitment case is a group { name = ...; p_now = ...; }");
    int rc = keys_ok(c, g, "a commitment case", keys);
    if (rc)
        return rc;
    const char *nm = NULL;
    const config_setting_t *ns = config_setting_get_member(g, "name");
    if (!ns || !(nm = config_setting_get_string(ns)))
        return failf(c, ns ? ns : g, "bargaining: a commitment case needs a name (a string)");
    if (!(k->name = ent_strdup(nm)))
        return c->fail(c->L, g, ENT_ENOMEM, "out of memory");
    double cost[2] = {0, 0};
    int g1, g2, g3, g4;
    k->c.p_guar = -1;
    if ((rc = single(c, g, "p_now", &k->c.p_now, &g1)) || (rc = single(c, g, "p_later", &k->c.p_later, &g2)) ||
        (rc = single(c, g, "p_guarantee", &k->c.p_guar, &g3)) || (rc = single(c, g, "delta", &k->c.delta, &g4)) ||
        (rc = pair(c, g, "cost", cost, NULL)))
        return rc;
    if (!g1 || !g2 || !g3 || !g4)
        return failf(c, g, "bargaining: commitment case '%s' needs p_now, p_later, p_guarantee and delta", nm);
    k->c.cost_a = cost[0];
    k->c.cost_b = cost[1];
    const char *bad;
    if (barg_commitment_check(&k->c, &bad)) {
        const char *key = !strcmp(bad, "cost_a") || !strcmp(bad, "cost_b") ? "cost" : bad;
        const config_setting_t *st = config_setting_get_member(g, key);
        return failf(c, st ? st : g, "bargaining: %s of case '%s' is outside %s", bad, nm,
                     !strcmp(bad, "delta") ? "(0, 1)" : "[0, 1]");
    }
    return 0;
}

int scb_load(void *loader, scb_fail_fn fail, const config_setting_t *b, sc_bargaining **out)
{
    static const char *const keys[] = {"sides", "utility", "disagreement", "powers", "delta", "rates",
                                       "period", "breakdown", "outside", "proposer", "commitment",
                                       "disagreement_state", NULL};
    ctx cx = {loader, fail}, *c = &cx;
    *out = NULL;
    if (config_setting_type(b) != CONFIG_TYPE_GROUP)
        return failf(c, b, "bargaining must be a group: bargaining = { sides = ( \"a\", \"b\" ); ... };");
    int rc = keys_ok(c, b, "the bargaining block", keys);
    if (rc)
        return rc;
    sc_bargaining *s = calloc(1, sizeof *s);
    if (!s)
        return fail(loader, b, ENT_ENOMEM, "out of memory");
    *out = s;
    const config_setting_t *st = config_setting_get_member(b, "disagreement_state");
    if (st) {
        const char *t = config_setting_get_string(st);
        if (!t)
            return failf(c, st, "bargaining: disagreement_state is a state as in analysis.status_quo (a string)");
        if (!(s->state = ent_strdup(t)))
            return fail(loader, b, ENT_ENOMEM, "out of memory");
    }
    st = config_setting_get_member(b, "sides");
    if (!st || config_setting_length(st) != 2 || config_setting_type(st) == CONFIG_TYPE_GROUP)
        return failf(c, st ? st : b, "bargaining needs sides = ( \"a\", \"b\" ): the two sides");
    for (int i = 0; i < 2; i++) {
        const char *t = config_setting_get_string(config_setting_get_elem(st, (unsigned)i));
        if (!t || !*t)
            return failf(c, st, "bargaining: each side is a non-empty string");
        if (!(s->side[i] = ent_strdup(t)))
            return fail(loader, b, ENT_ENOMEM, "out of memory");
    }
    s->w[0] = s->w[1] = 1;
    s->exponent[0] = s->exponent[1] = 1;
    if ((st = config_setting_get_member(b, "utility"))) {
        if (config_setting_length(st) != 2 || config_setting_type(st) == CONFIG_TYPE_GROUP)
            return failf(c, st, "bargaining: utility needs one entry per side: ( \"linear\", \"power 0.5\" )");
        for (int i = 0; i < 2; i++) {
            const char *t = config_setting_get_string(config_setting_get_elem(st, (unsigned)i));
            double e;
            char tail;
            if (t && !strcmp(t, "linear"))
                s->utility[i] = SCB_LINEAR;
            else if (t && sscanf(t, "power %lf %c", &e, &tail) == 1) {
                if (!(e > 0) || !isfinite(e))
                    return failf(c, st, "bargaining: the utility of %s is not increasing (power %g; "
                                        "the exponent must be positive)", s->side[i], e);
                s->utility[i] = SCB_POWER;
                s->exponent[i] = e;
            } else if (t) { /* an expression in `share` */
                static const char *const names[] = {"share"};
                ent_expr_syms sy = {0};
                sy.allow = ENT_EXPR_PARAMS;
                sy.nparams = 1;
                sy.params = names;
                ent_error e2 = {0, ""};
                if (ent_expr_compile(t, &sy, "utility", 0, &s->expr[i], &e2) != ENT_OK)
                    return failf(c, st, "bargaining: utility of %s: %s", s->side[i],
                                 strncmp(e2.msg, "utility:0: ", 11) ? e2.msg : e2.msg + 11);
                s->utility[i] = SCB_EXPR;
            } else
                return failf(c, st, "bargaining: the utility of %s must be a string: \"linear\", \"power E\" "
                                    "or an expression in share", s->side[i]);
        }
    }
    if ((rc = pair(c, b, "disagreement", s->d, NULL)) || (rc = pair(c, b, "powers", s->w, NULL)))
        return rc;
    for (int i = 0; i < 2; i++)
        if (!(s->w[i] > 0))
            return failf(c, config_setting_get_member(b, "powers"), "bargaining: powers must be positive");
    barg_pie pie = {scb_utility, s, {s->d[0], s->d[1]}, {s->w[0], s->w[1]}};
    int side;
    double at;
    int pc = barg_pie_check(&pie, &side, &at);
    if (pc == ENT_EINVAL)
        return failf(c, config_setting_get_member(b, "utility"),
                     "bargaining: the utility of %s is not increasing in its share (at %g)", s->side[side], at);
    if (pc == ENT_EINFEASIBLE)
        return failf(c, config_setting_get_member(b, "disagreement"),
                     "bargaining: the disagreement point lies outside the feasible set (no division "
                     "gives both sides their disagreement values)");
    int gd, gr;
    double delta[2] = {0.95, 0.95};
    if ((rc = pair(c, b, "delta", delta, &gd)) || (rc = pair(c, b, "rates", s->rate, &gr)))
        return rc;
    if (gd && gr)
        return failf(c, config_setting_get_member(b, "rates"), "bargaining: give delta or rates, not both");
    s->period = 1;
    int gp;
    if ((rc = single(c, b, "period", &s->period, &gp)))
        return rc;
    if (gp && !(s->period > 0))
        return failf(c, config_setting_get_member(b, "period"), "bargaining: period must be positive");
    if (gr) {
        s->has_rate = 1;
        for (int i = 0; i < 2; i++) {
            if (!(s->rate[i] > 0))
                return failf(c, config_setting_get_member(b, "rates"),
                             "bargaining: discount rates must be positive (delta = exp(-rate * period) in (0, 1))");
            delta[i] = exp(-s->rate[i] * s->period);
        }
    }
    for (int i = 0; i < 2; i++)
        if (!(delta[i] > 0 && delta[i] < 1))
            return failf(c, config_setting_get_member(b, "delta"),
                         "bargaining: discount factor %g of %s is outside (0, 1)", delta[i], s->side[i]);
    s->rub.delta[0] = delta[0];
    s->rub.delta[1] = delta[1];
    if ((rc = single(c, b, "breakdown", &s->rub.breakdown, NULL)))
        return rc;
    if (!(s->rub.breakdown >= 0 && s->rub.breakdown < 1))
        return failf(c, config_setting_get_member(b, "breakdown"), "bargaining: breakdown is a probability in [0, 1)");
    if ((rc = pair(c, b, "outside", s->rub.out, &s->rub.has_out)))
        return rc;
    if (s->rub.has_out && (s->rub.out[0] < 0 || s->rub.out[1] < 0 || s->rub.out[0] + s->rub.out[1] >= 1))
        return failf(c, config_setting_get_member(b, "outside"),
                     "bargaining: outside options are shares of the pie, each >= 0, summing to less than 1");
    if ((st = config_setting_get_member(b, "proposer"))) {
        const char *t = config_setting_get_string(st);
        if (!t || (strcmp(t, s->side[0]) && strcmp(t, s->side[1])))
            return failf(c, st, "bargaining: proposer must be one of the sides (\"%s\" or \"%s\")", s->side[0], s->side[1]);
        s->rub.proposer = !strcmp(t, s->side[1]);
    }
    if ((st = config_setting_get_member(b, "commitment"))) {
        int n = config_setting_length(st);
        if (config_setting_type(st) != CONFIG_TYPE_LIST || n < 1 || n > 100)
            return failf(c, st, "bargaining: commitment is a list of 1 to 100 cases ( { name = ...; ... }, ... )");
        if (!(s->cases = calloc((size_t)n, sizeof *s->cases)))
            return fail(loader, b, ENT_ENOMEM, "out of memory");
        for (int i = 0; i < n; i++, s->ncases++)
            if ((rc = load_case(c, config_setting_get_elem(st, (unsigned)i), &s->cases[i]))) {
                s->ncases++;
                return rc;
            }
    }
    return 0;
}

void scb_free(sc_bargaining **b)
{
    if (!b || !*b)
        return;
    free((*b)->state);
    ent_expr_free(&(*b)->expr[0]);
    ent_expr_free(&(*b)->expr[1]);
    free((*b)->side[0]);
    free((*b)->side[1]);
    for (int i = 0; i < (*b)->ncases; i++)
        free((*b)->cases[i].name);
    free((*b)->cases);
    free(*b);
    *b = NULL;
}

double scb_utility(void *arg, int side, double x)
{
    const sc_bargaining *b = arg;
    if (b->utility[side] == SCB_EXPR) {
        ent_expr_env env = {0};
        env.params = &x;
        double v;
        return ent_expr_eval(b->expr[side], &env, &v, NULL) == ENT_OK ? v : NAN;
    }
    return b->utility[side] == SCB_POWER ? pow(fmax(x, 0), b->exponent[side]) : x;
}

#include "scenario_int.h"

const sc_bargaining *ent_scenario_bargaining_block(const ent_scenario *s)
{
    return s ? s->barg : NULL;
}
