/* cmd_correlated.c — the issue-5 concepts of `entente solve`: correlated and coarse
 * correlated equilibria (distribution in words, welfare and per-actor bounds, binding
 * incentive constraints, --objective), dominance (strict and weak, in order), the logit
 * QRE branch and its limit, n-player support enumeration, strong / coalition-proof Nash
 * and Pareto efficiency. Every distribution and equilibrium printed is re-checked by the
 * independent verifiers (ent_verify_correlated, ana_eq_add). */
#include "analysis.h"
#include "../games/util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Dare / Chicken" for a profile index. */
static void outcome_name(const ent_game *g, uint64_t i, char *buf, size_t cap)
{
    size_t len = 0;
    int n = ent_game_nplayers(g);
    buf[0] = '\0';
    for (int p = 0; p < n && len < cap; p++) {
        uint64_t st = ent_game_stride(g, p);
        int s = (int)((i / st) % (uint64_t)ent_game_nstrategies(g, p));
        int w = snprintf(buf + len, cap - len, "%s%s", p ? " / " : "",
                         ent_game_strategy_label(g, p, s));
        len += w > 0 ? (size_t)w : 0;
    }
}

/* "1/4" when x is a fraction with a small denominator, else the shared number format. */
static void prob_text(double x, char *buf)
{
    for (long d = 1; d <= 64; d++) {
        double nn = x * (double)d, rn = floor(nn + 0.5);
        if (fabs(nn - rn) < 1e-9 * (double)d) {
            if (d == 1)
                snprintf(buf, 32, "%ld", (long)rn);
            else
                snprintf(buf, 32, "%ld/%ld", (long)rn, d);
            return;
        }
    }
    ent_fmt_num(buf, x);
}

static void coalition_name(const ent_game *g, uint32_t C, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int p = 0; p < ent_game_nplayers(g) && len < cap; p++)
        if (C >> p & 1) {
            int w = snprintf(buf + len, cap - len, "%s%s", len ? " + " : "",
                             ent_game_player_label(g, p));
            len += w > 0 ? (size_t)w : 0;
        }
}

/* For a game compiled from a scenario: the jointly feasible profiles (NULL in *out when
 * every profile is feasible or there is no scenario). Returns ENT_OK or ENT_ENOMEM. */
static int feasible_mask(const ana_ctx *ctx, unsigned char **out)
{
    *out = NULL;
    if (!ctx->scenario)
        return ENT_OK;
    const ent_game *g = ctx->game;
    uint64_t np = ent_game_nprofiles(g), bad = 0;
    unsigned char *m = malloc((size_t)np);
    int *prof = malloc(sizeof(int) * (size_t)ent_game_nplayers(g));
    if (!m || !prof) {
        free(m);
        free(prof);
        return ENT_ENOMEM;
    }
    for (uint64_t i = 0; i < np; i++) {
        ent_game_profile_decode(g, i, prof);
        m[i] = (unsigned char)(ent_scenario_profile_feasible(ctx->scenario, prof) != 0);
        bad += !m[i];
    }
    free(prof);
    if (!bad)
        free(m);
    else
        *out = m;
    return ENT_OK;
}

/* Expected payoffs summed from LP output carry rounding noise: print |v| < 1e-12 x the
 * payoff range as 0 so reports are stable. */
static double clean(const ent_game *g, double v)
{
    return fabs(v) < 1e-3 * ent_verify_tolerance(g) ? 0.0 : v;
}

/* ------------------------------------------------------------ --objective parsing */

/* Parse "2*u(Russia) + u(Ukraine) - 0.5*u(3)" or "welfare" terms, optionally prefixed by
 * "max:" or "min:". OUT: weight[n], *maximize. Returns 0 or -1 with a message. */
static int parse_objective(const ent_game *g, const char *s, double *w, int *maximize,
                           ent_error *err)
{
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++)
        w[p] = 0;
    *maximize = 1;
    while (isspace((unsigned char)*s))
        s++;
    if (!strncmp(s, "max:", 4))
        s += 4;
    else if (!strncmp(s, "min:", 4)) {
        *maximize = 0;
        s += 4;
    }
    int terms = 0;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        double sign = 1;
        if (*s == '+' || *s == '-') {
            sign = *s == '-' ? -1 : 1;
            s++;
            while (isspace((unsigned char)*s))
                s++;
        } else if (terms) {
            ent_error_set(err, ENT_EPARSE, "--objective: expected '+' or '-' before '%s'", s);
            return -1;
        }
        double coef = 1;
        if (isdigit((unsigned char)*s) || *s == '.') {
            char *end;
            coef = strtod(s, &end);
            s = end;
            while (isspace((unsigned char)*s))
                s++;
            if (*s == '*')
                s++;
            while (isspace((unsigned char)*s))
                s++;
        }
        if (!strncmp(s, "welfare", 7)) {
            for (int p = 0; p < n; p++)
                w[p] += sign * coef;
            s += 7;
        } else if (!strncmp(s, "u(", 2)) {
            const char *a = s + 2, *b = strchr(a, ')');
            if (!b) {
                ent_error_set(err, ENT_EPARSE, "--objective: missing ')' after '%s'", s);
                return -1;
            }
            int found = -1;
            size_t len = (size_t)(b - a);
            for (int p = 0; p < n && found < 0; p++)
                if (strlen(ent_game_player_label(g, p)) == len &&
                    !strncmp(ent_game_player_label(g, p), a, len))
                    found = p;
            if (found < 0) {
                char *end;
                long k = strtol(a, &end, 10);
                if (end == b && k >= 1 && k <= n)
                    found = (int)k - 1;
            }
            if (found < 0) {
                ent_error_set(err, ENT_ENOTFOUND,
                              "--objective: no player '%.*s' (use a player label or 1..%d)",
                              (int)len, a, n);
                return -1;
            }
            w[found] += sign * coef;
            s = b + 1;
        } else {
            ent_error_set(err, ENT_EPARSE,
                          "--objective: expected u(PLAYER) or welfare at '%s' "
                          "(e.g. \"2*u(1) + u(2)\", \"min: welfare\")",
                          s);
            return -1;
        }
        if (!isfinite(coef)) {
            ent_error_set(err, ENT_EPARSE, "--objective: coefficient is not a finite number");
            return -1;
        }
        terms++;
    }
    if (!terms) {
        ent_error_set(err, ENT_EPARSE, "--objective is empty");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ correlated equilibria */

typedef struct {
    const ana_ctx *ctx;
    ent_report *r;
    const char *concept;
    int kind;
    double *gain;
} ce_out;

/* Verify dist independently; add its outcomes to the "correlated" table, prose in words,
 * and the binding constraints. */
static int ce_report_dist(ce_out *o, const char *label, const double *dist, double value,
                          int binding, ent_error *err)
{
    const ent_game *g = o->ctx->game;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    double mg, tol = ent_verify_tolerance(g);
    if (ent_verify_correlated(g, o->kind, dist, o->gain, &mg) != ENT_OK || mg > tol)
        return ent_error_set(err, ENT_EVERIFY,
                             "%s: %s distribution '%s' failed verification: an incentive "
                             "constraint is violated by %.3g (tolerance %.3g)",
                             o->ctx->input, o->concept, label, mg, tol);
    ent_table *t = ent_report_find_table(o->r, "correlated");
    if (!t) {
        t = ent_report_table(o->r, "correlated",
                             "Correlated distributions over outcomes (each re-checked: every "
                             "incentive constraint holds)");
        ent_table_col(t, "concept", ENT_COL_STR);
        ent_table_col(t, "distribution", ENT_COL_STR);
        ent_table_col(t, "outcome", ENT_COL_STR);
        ent_table_col(t, "probability", ENT_COL_NUM);
        char name[512];
        for (int p = 0; p < n; p++) {
            snprintf(name, sizeof name, "payoff:%d", p + 1);
            ent_table_col(t, name, ENT_COL_NUM);
        }
        ana_strategies_table(o->ctx, o->r);
    }
    ent_buf words = {0};
    char on[1024], pb[32], vb[32];
    int shown = 0, count = 0;
    for (uint64_t i = 0; i < np; i++) {
        if (dist[i] <= 1e-12)
            continue;
        count++;
        outcome_name(g, i, on, sizeof on);
        ent_table_str(t, "%s", o->concept);
        ent_table_str(t, "%s", label);
        ent_table_str(t, "%s", on);
        ent_table_num(t, dist[i]);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[i]);
        if (shown < 12) {
            prob_text(dist[i], pb);
            ent_buf_printf(&words, "%s%s with probability %s", shown ? "; " : "", on, pb);
            shown++;
        }
    }
    if (count > shown)
        ent_buf_printf(&words, "; and %d more outcomes (see the table)", count - shown);
    ent_report_text(o->r, "%s (value %s): %s.", label, ent_fmt_num(vb, clean(g, value)),
                    words.data ? words.data : "");
    ent_buf_free(&words);
    if (!binding)
        return ENT_OK;
    ent_table *b = ent_report_find_table(o->r, "ce_binding");
    if (!b) {
        b = ent_report_table(o->r, "ce_binding",
                             "Binding incentive constraints (the recommended strategy is "
                             "played with positive probability; deviating gains nothing)");
        ent_table_col(b, "concept", ENT_COL_STR);
        ent_table_col(b, "distribution", ENT_COL_STR);
        ent_table_col(b, "player", ENT_COL_STR);
        ent_table_col(b, "recommended", ENT_COL_STR);
        ent_table_col(b, "deviation", ENT_COL_STR);
        ent_table_col(b, "gain", ENT_COL_NUM);
    }
    int nc = ent_ce_nconstraints(g, o->kind), nb = 0;
    for (int k = 0; k < nc; k++) {
        int p, s, d;
        ent_ce_constraint(g, o->kind, k, &p, &s, &d);
        if (s == d || o->gain[k] < -tol)
            continue;
        if (s >= 0) { /* only recommendations that are actually made */
            double mass = 0;
            uint64_t st = ent_game_stride(g, p);
            for (uint64_t i = 0; i < np; i++)
                if ((int)((i / st) % (uint64_t)ent_game_nstrategies(g, p)) == s)
                    mass += dist[i];
            if (mass <= 1e-12)
                continue;
        }
        ent_table_str(b, "%s", o->concept);
        ent_table_str(b, "%s", label);
        ent_table_str(b, "%s", ent_game_player_label(g, p));
        ent_table_str(b, "%s", s >= 0 ? ent_game_strategy_label(g, p, s) : "(any)");
        ent_table_str(b, "%s", ent_game_strategy_label(g, p, d));
        ent_table_num(b, fabs(o->gain[k]) < 1e-12 ? 0.0 : o->gain[k]);
        nb++;
    }
    ent_report_text(o->r, "  %d incentive constraint%s bind%s at this distribution.", nb,
                    nb == 1 ? "" : "s", nb == 1 ? "s" : "");
    return ENT_OK;
}

static int run_ce(ana_ctx *ctx, ent_report *r, ent_error *err, int kind)
{
    const ent_game *g = ctx->game;
    const char *concept = kind == ENT_CE ? "correlated" : "cce";
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    double *w = calloc((size_t)n, sizeof(double));
    double *dist = malloc(sizeof(double) * (size_t)np);
    double *best = malloc(sizeof(double) * (size_t)np);
    double *gain = malloc(sizeof(double) * (size_t)ent_ce_nconstraints(g, kind));
    double *wpay = calloc((size_t)n, sizeof(double));
    ent_ce *ce = NULL;
    int rc = ANA_FAIL, maximize = 1;
    if (!w || !dist || !best || !gain || !wpay) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    double *ow = NULL;
    if (ctx->objective) {
        ow = calloc((size_t)n, sizeof(double));
        if (!ow || parse_objective(g, ctx->objective, ow, &maximize, err) != 0) {
            if (!ow)
                ent_error_set(err, ENT_ENOMEM, "out of memory");
            else
                rc = ANA_BADOPT; /* a bad option value: "entente solve: ..." and status 2 */
            free(ow);
            goto out;
        }
    }
    unsigned char *feas = NULL;
    if (feasible_mask(ctx, &feas) != ENT_OK || ent_ce_new(g, kind, &ce, err) != ENT_OK ||
        (feas && ent_ce_restrict(ce, feas) != ENT_OK)) {
        if (!err || !err->status)
            ent_error_set(err, ENT_ENOMEM, "out of memory");
        free(feas);
        free(ow);
        goto out;
    }
    ent_report_section(r, kind == ENT_CE ? "Correlated equilibria (Aumann 1974)"
                                         : "Coarse correlated equilibria (Moulin-Vial 1978)");
    ent_report_text(r, "LP over the %llu outcomes with %d incentive constraints (%s).",
                    (unsigned long long)np, ent_ce_nconstraints(g, kind) -
                        (kind == ENT_CE ? ent_game_total_strategies(g) : 0),
                    kind == ENT_CE ? "one per player, recommendation and deviation"
                                   : "one per player and deviation, before any recommendation");
    if (feas) {
        uint64_t nf = 0;
        for (uint64_t i = 0; i < np; i++)
            nf += feas[i];
        ent_report_text(r, "Only the %llu jointly feasible outcomes of the scenario carry "
                           "probability; deviations are valued with the compiled payoffs.",
                        (unsigned long long)nf);
        free(feas);
    }
    ce_out o = {ctx, r, concept, kind, gain};
    double vmax, vmin;
    for (int p = 0; p < n; p++)
        w[p] = 1;
    if (ent_ce_optimize(ce, w, 1, best, &vmax, err) != ENT_OK ||
        ent_ce_optimize(ce, w, 0, dist, &vmin, err) != ENT_OK) {
        free(ow);
        goto out;
    }
    if (ce_report_dist(&o, "welfare-maximising", best, vmax, 1, err) != ENT_OK) {
        free(ow);
        goto out;
    }
    for (uint64_t i = 0; i < np; i++)
        for (int p = 0; p < n; p++)
            wpay[p] += best[i] * ent_game_payoffs(g, p)[i];
    ent_table *wt = ent_report_table(r, "welfare",
                                     "Total welfare over the polytope (max: the distribution "
                                     "above)");
    if (ent_table_ncols(wt) == 0) {
        ent_table_col(wt, "concept", ENT_COL_STR);
        ent_table_col(wt, "bound", ENT_COL_STR);
        ent_table_col(wt, "welfare", ENT_COL_NUM);
        char name[512];
        for (int p = 0; p < n; p++) {
            snprintf(name, sizeof name, "payoff:%d", p + 1);
            ent_table_col(wt, name, ENT_COL_NUM);
        }
        ana_strategies_table(ctx, r);
    }
    double mg;
    if (ent_verify_correlated(g, kind, dist, NULL, &mg) != ENT_OK ||
        mg > ent_verify_tolerance(g)) {
        ent_error_set(err, ENT_EVERIFY, "%s: the welfare-minimising distribution failed "
                                        "verification", concept);
        free(ow);
        goto out;
    }
    ent_table_str(wt, "%s", concept);
    ent_table_str(wt, "max");
    ent_table_num(wt, clean(g, vmax));
    for (int p = 0; p < n; p++)
        ent_table_num(wt, clean(g, wpay[p]));
    ent_table_str(wt, "%s", concept);
    ent_table_str(wt, "min");
    ent_table_num(wt, clean(g, vmin));
    for (int p = 0; p < n; p++) {
        double v = 0;
        for (uint64_t i = 0; i < np; i++)
            v += dist[i] * ent_game_payoffs(g, p)[i];
        ent_table_num(wt, clean(g, v));
    }
    char b1[32], b2[32];
    ent_report_text(r, "Total welfare over the %s polytope ranges from %s to %s.", concept,
                    ent_fmt_num(b1, clean(g, vmin)), ent_fmt_num(b2, clean(g, vmax)));
    ent_table *bt = ent_report_table(r, "ce_bounds", "Each actor's payoff range over the "
                                                     "polytope");
    if (ent_table_ncols(bt) == 0) {
        ent_table_col(bt, "concept", ENT_COL_STR);
        ent_table_col(bt, "actor", ENT_COL_STR);
        ent_table_col(bt, "min_payoff", ENT_COL_NUM);
        ent_table_col(bt, "max_payoff", ENT_COL_NUM);
    }
    for (int p = 0; p < n; p++) {
        double lo, hi;
        for (int q = 0; q < n; q++)
            w[q] = q == p;
        if (ent_ce_optimize(ce, w, 1, dist, &hi, err) != ENT_OK ||
            ent_verify_correlated(g, kind, dist, NULL, &mg) != ENT_OK ||
            mg > ent_verify_tolerance(g) || ent_ce_optimize(ce, w, 0, dist, &lo, err) != ENT_OK ||
            ent_verify_correlated(g, kind, dist, NULL, &mg) != ENT_OK ||
            mg > ent_verify_tolerance(g)) {
            if (!err || !err->status)
                ent_error_set(err, ENT_EVERIFY, "%s: a payoff bound failed verification",
                              concept);
            free(ow);
            goto out;
        }
        ent_table_str(bt, "%s", concept);
        ent_table_str(bt, "%s", ent_game_player_label(g, p));
        ent_table_num(bt, clean(g, lo));
        ent_table_num(bt, clean(g, hi));
    }
    if (ow) {
        double v;
        if (ent_ce_optimize(ce, ow, maximize, dist, &v, err) != ENT_OK) {
            free(ow);
            goto out;
        }
        char label[600];
        snprintf(label, sizeof label, "%s %s", maximize ? "maximising" : "minimising",
                 ctx->objective);
        int vr = ce_report_dist(&o, label, dist, v, 1, err);
        free(ow);
        if (vr != ENT_OK)
            goto out;
    }
    rc = ANA_OK;
out:
    ent_ce_free(&ce);
    ent_solver_thread_done();
    free(w);
    free(dist);
    free(best);
    free(gain);
    free(wpay);
    return rc;
}

int ana_correlated(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    return run_ce(ctx, r, err, ENT_CE);
}

int ana_cce(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    return run_ce(ctx, r, err, ENT_CCE);
}

/* ------------------------------------------------------------ dominance */

static void mixture_text(const ent_game *g, int p, const double *w, char *buf, size_t cap)
{
    size_t len = 0;
    char pb[32];
    buf[0] = '\0';
    for (int t = 0; t < ent_game_nstrategies(g, p) && len < cap; t++) {
        if (w[t] <= 1e-12)
            continue;
        prob_text(w[t], pb);
        int k = snprintf(buf + len, cap - len, "%s%s %s", len ? " + " : "", pb,
                         ent_game_strategy_label(g, p, t));
        len += k > 0 ? (size_t)k : 0;
    }
}

int ana_dominance(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    ent_report_section(r, "Dominance");
    ent_table *t = ent_report_table(r, "dominance",
                                    "Iterated elimination (each step re-checked against all "
                                    "remaining opponent profiles)");
    ent_table_col(t, "kind", ENT_COL_STR);
    ent_table_col(t, "round", ENT_COL_INT);
    ent_table_col(t, "player", ENT_COL_STR);
    ent_table_col(t, "strategy", ENT_COL_STR);
    ent_table_col(t, "dominated_by", ENT_COL_STR);
    ent_table_col(t, "by_mixture", ENT_COL_BOOL);
    ent_table_col(t, "margin", ENT_COL_NUM);
    char mix[1024];
    for (int weak = 0; weak <= 1; weak++) {
        ent_dominance d;
        if (ent_dominance_run(g, weak, &d, err) != ENT_OK) {
            ent_solver_thread_done();
            return ANA_FAIL;
        }
        for (int k = 0; k < d.nsteps; k++) {
            const ent_dom_step *s = &d.steps[k];
            if (s->by_pure >= 0)
                snprintf(mix, sizeof mix, "%s", ent_game_strategy_label(g, s->player, s->by_pure));
            else
                mixture_text(g, s->player, d.weights + s->wofs, mix, sizeof mix);
            ent_table_str(t, "%s", weak ? "weak" : "strict");
            ent_table_int(t, s->round);
            ent_table_str(t, "%s", ent_game_player_label(g, s->player));
            ent_table_str(t, "%s", ent_game_strategy_label(g, s->player, s->strategy));
            ent_table_str(t, "%s", mix);
            ent_table_bool(t, s->by_pure < 0);
            ent_table_num(t, s->margin);
        }
        ent_buf left = {0};
        for (int p = 0; p < ent_game_nplayers(g); p++) {
            int off = ent_game_strategy_offset(g, p), first = 1;
            ent_buf_printf(&left, "%s%s {", p ? "; " : "", ent_game_player_label(g, p));
            for (int s = 0; s < ent_game_nstrategies(g, p); s++)
                if (d.keep[off + s]) {
                    ent_buf_printf(&left, "%s%s", first ? "" : ", ",
                                   ent_game_strategy_label(g, p, s));
                    first = 0;
                }
            ent_buf_puts(&left, "}");
        }
        ent_report_text(r, "%s dominance (%s): %d strateg%s eliminated; survivors: %s.",
                        weak ? "Weak" : "Strict",
                        weak ? "one at a time, first in player/strategy order; the result can "
                               "depend on the order"
                             : "pure and mixed dominators, all at once per round",
                        d.nsteps, d.nsteps == 1 ? "y" : "ies", left.data ? left.data : "");
        ent_buf_free(&left);
        ent_dominance_clear(&d);
    }
    ent_report_text(r, "Use --reduce to solve the game left by strict elimination (it keeps "
                       "every Nash equilibrium).");
    ent_solver_thread_done();
    return ANA_OK;
}

/* ------------------------------------------------------------ QRE and support enumeration */

/* The equilibria table is data for CSV/JSON: say each equilibrium in prose too. */
static void eq_prose(const ana_ctx *ctx, ent_report *r, int id, const double *mixed)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    char *desc = malloc(4096);
    double *pay = malloc(sizeof(double) * (size_t)n), *reg = malloc(sizeof(double) * (size_t)n);
    ent_buf b = {0};
    if (desc && pay && reg && ent_verify_regrets(g, mixed, reg, pay) == ENT_OK) {
        double mr = 0;
        char nb[32];
        for (int p = 0; p < n; p++) {
            mr = reg[p] > mr ? reg[p] : mr;
            ent_buf_printf(&b, "%s%s", p ? ", " : "", ent_fmt_num(nb, clean(g, pay[p])));
        }
        if (mr <= ENT_TOL_ROUNDING * ent_game_payoff_scale(g))
            mr = 0; /* rounding noise, in the game's units */
        ana_describe_profile(g, mixed, desc, 4096);
        unsigned char *feas = NULL;
        char dom[1024] = "";
        if (feasible_mask(ctx, &feas) == ENT_OK) {
            uint64_t d = ent_pareto_dominator(g, feas, pay, ent_verify_tolerance(g));
            if (d != UINT64_MAX) {
                char on[900];
                outcome_name(g, d, on, sizeof on);
                snprintf(dom, sizeof dom, "; Pareto-dominated by %s", on);
            } else {
                snprintf(dom, sizeof dom, "; no outcome Pareto-dominates it");
            }
        }
        free(feas);
        ent_report_text(r, "  %d. %s  payoffs (%s)  max regret %.2g%s", id, desc,
                        b.data ? b.data : "", mr, dom);
    }
    ent_buf_free(&b);
    free(desc);
    free(pay);
    free(reg);
}

int ana_qre(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int T = ent_game_total_strategies(g);
    ent_qre_opts o;
    ent_qre_opts_init(&o);
    if (ctx->time_limit > 0)
        o.max_time = ctx->time_limit;
    ent_qre_branch b;
    ent_error e2 = {0, ""};
    int rc = ent_qre_trace(g, &o, &b, &e2);
    if (rc != ENT_OK && (rc == ENT_ENOMEM || rc == ENT_ETOOBIG || b.npoints == 0)) {
        *err = e2;
        return ANA_FAIL;
    }
    ent_report_section(r, "Logit quantal response equilibrium (principal branch)");
    ent_report_text(r, "Traced by predictor-corrector continuation (Turocy 2005) from lambda = 0 "
                       "in %d steps to lambda = %.6g.",
                    b.npoints - 1, b.lambda[b.npoints - 1]);
    if (rc != ENT_OK)
        ent_report_text(r, "The path stopped early: %s.", e2.msg);
    ent_table *t = ent_report_table(r, "qre_branch",
                                    "Points of the branch (lambda in the game's payoff units)");
    ent_table_col(t, "lambda", ENT_COL_NUM);
    ent_table_col(t, "profile", ENT_COL_STR);
    char name[512];
    for (int p = 0; p < ent_game_nplayers(g); p++)
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            snprintf(name, sizeof name, "prob:%d:%d", p + 1, s + 1);
            ent_table_col(t, name, ENT_COL_NUM);
        }
    ana_strategies_table(ctx, r);
    char *desc = malloc(4096);
    if (!desc) {
        ent_qre_branch_clear(&b);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    double next = 0;
    for (int k = 0; k < b.npoints; k++) {
        if (b.lambda[k] < next && k != b.npoints - 1)
            continue;
        next = b.lambda[k] <= 0 ? 0.01 : next * 10;
        while (next <= b.lambda[k])
            next *= 10;
        const double *x = b.profile + (size_t)k * T;
        ent_table_num(t, b.lambda[k]);
        /* the description rounds, so show plain numbers */
        size_t len = 0;
        desc[0] = '\0';
        for (int p = 0; p < ent_game_nplayers(g) && len < 4096; p++) {
            int off = ent_game_strategy_offset(g, p);
            for (int s = 0; s < ent_game_nstrategies(g, p) && len < 4096; s++) {
                char nb[32];
                int w = snprintf(desc + len, 4096 - len, "%s%s", s ? " " : (p ? " / " : ""),
                                 ent_fmt_num(nb, x[off + s]));
                len += w > 0 ? (size_t)w : 0;
            }
        }
        ent_table_str(t, "%s", desc);
        for (int i = 0; i < T; i++)
            ent_table_num(t, x[i]);
    }
    free(desc);
    int out = ANA_OK;
    if (b.limit_ok) {
        char note[128];
        snprintf(note, sizeof note, "limit of the logit QRE branch (lambda -> inf), Newton-refined");
        out = ana_eq_add(ctx, r, "qre", 1, b.limit, note, err) == ENT_OK ? ANA_OK : ANA_FAIL;
        ent_report_text(r, "The branch converges to this Nash equilibrium (Newton-refined, "
                           "verified):");
        eq_prose(ctx, r, 1, b.limit);
    } else {
        ent_report_text(r, "The end of the branch could not be refined to a verified Nash "
                           "equilibrium (regret %.3g); nothing is listed.",
                        b.limit_regret);
    }
    ent_qre_branch_clear(&b);
    return out;
}

int ana_enumpoly(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int T = ent_game_total_strategies(g);
    ent_npoly_opts o;
    ent_npoly_opts_init(&o);
    o.seed = ctx->seed;
    if (ctx->time_limit > 0)
        o.max_time = ctx->time_limit;
    ent_npoly_result res;
    ent_error e2 = {0, ""};
    int rc = ent_nash_npoly(g, &o, &res, &e2);
    if (rc != ENT_OK && rc != ENT_ETIMEOUT) {
        *err = e2;
        return ANA_FAIL;
    }
    ent_report_section(r, "Nash equilibria by support enumeration (n players)");
    ent_report_kv_str(r, "enumpoly_complete", "%s", "not guaranteed");
    ent_report_text(r, "%d equilibri%s found over %lu support profiles; each support system was "
                       "solved by Levenberg-Marquardt from %d seeded starts.",
                    res.neq, res.neq == 1 ? "um" : "a", res.supports, o.starts);
    ent_report_text(r, "Completeness is NOT guaranteed: an equilibrium no start converges to is "
                       "missed, and a continuum shows only the points reached.");
    if (rc == ENT_ETIMEOUT)
        ent_report_text(r, "Stopped early: %s.", e2.msg);
    int out = ANA_OK;
    for (int e = 0; e < res.neq && out == ANA_OK; e++) {
        if (ana_eq_add(ctx, r, "enumpoly", e + 1, res.eq + (size_t)e * T, "support enumeration",
                       err) != ENT_OK)
            out = ANA_FAIL;
        else
            eq_prose(ctx, r, e + 1, res.eq + (size_t)e * T);
    }
    ent_npoly_result_clear(&res);
    return out;
}

/* ------------------------------------------------------------ coalitions and Pareto */

int ana_strong(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g), k;
    ent_coalition_status *st;
    unsigned char *feas = NULL;
    if (feasible_mask(ctx, &feas) != ENT_OK) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    int arc = ent_coalition_analyse(g, feas, &st, &k, err);
    free(feas);
    if (arc != ENT_OK)
        return ANA_FAIL;
    ent_report_section(r, "Coalitional stability of pure equilibria");
    ent_report_text(r, "Strong Nash: no coalition can jointly deviate so that every member "
                       "gains. Coalition-proof (Bernheim, Peleg & Whinston 1987): only "
                       "deviations that are themselves immune to further sub-coalition "
                       "deviations count.");
    ent_table *t = ent_report_table(r, "strong", "Pure Nash equilibria: strong, coalition-proof, "
                                                 "Pareto");
    ent_table_col(t, "outcome", ENT_COL_STR);
    char name[1024], a[1024], b[1024];
    for (int p = 0; p < n; p++) {
        snprintf(name, sizeof name, "payoff:%d", p + 1);
        ent_table_col(t, name, ENT_COL_NUM);
    }
    ana_strategies_table(ctx, r);
    ent_table_col(t, "strong", ENT_COL_BOOL);
    ent_table_col(t, "strong_blocked_by", ENT_COL_STR);
    ent_table_col(t, "strong_deviation", ENT_COL_STR);
    ent_table_col(t, "coalition_proof", ENT_COL_BOOL);
    ent_table_col(t, "cp_blocked_by", ENT_COL_STR);
    ent_table_col(t, "cp_deviation", ENT_COL_STR);
    ent_table_col(t, "pareto_optimal", ENT_COL_BOOL);
    ent_table_col(t, "pareto_dominated_by", ENT_COL_STR);
    if (k == 0)
        ent_report_text(r, "The game has no pure Nash equilibrium.");
    int T = ent_game_total_strategies(g);
    double *mixed = calloc((size_t)T, sizeof(double));
    int *prof = malloc(sizeof(int) * (size_t)n);
    if (!mixed || !prof) {
        free(mixed);
        free(prof);
        free(st);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    for (int e = 0; e < k; e++) {
        ent_coalition_status *s = &st[e];
        /* independent check that the profile is a Nash equilibrium */
        ent_game_profile_decode(g, s->profile, prof);
        memset(mixed, 0, sizeof(double) * (size_t)T);
        for (int p = 0; p < n; p++)
            mixed[ent_game_strategy_offset(g, p) + prof[p]] = 1;
        double mr = ent_verify_max_regret(g, mixed);
        if (mr < 0 || mr > ent_verify_tolerance(g)) {
            outcome_name(g, s->profile, a, sizeof a);
            ent_error_set(err, ENT_EVERIFY, "%s: strong: %s failed verification (regret %.3g)",
                          ctx->input, a, mr);
            free(mixed);
            free(prof);
            free(st);
            return ANA_FAIL;
        }
        outcome_name(g, s->profile, a, sizeof a);
        ent_table_str(t, "%s", a);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[s->profile]);
        ent_table_bool(t, s->strong);
        coalition_name(g, s->strong_block, b, sizeof b);
        ent_table_str(t, "%s", s->strong ? "" : b);
        outcome_name(g, s->strong_dev, b, sizeof b);
        ent_table_str(t, "%s", s->strong ? "" : b);
        ent_table_bool(t, s->cpne);
        coalition_name(g, s->cpne_block, b, sizeof b);
        ent_table_str(t, "%s", s->cpne ? "" : b);
        outcome_name(g, s->cpne_dev, b, sizeof b);
        ent_table_str(t, "%s", s->cpne ? "" : b);
        ent_table_bool(t, s->pareto);
        if (!s->pareto)
            outcome_name(g, s->pareto_dom, b, sizeof b);
        ent_table_str(t, "%s", s->pareto ? "" : b);
        if (s->strong) {
            ent_report_text(r, "%s: strong Nash (hence coalition-proof).", a);
        } else {
            char c1[1024], d1[1024];
            coalition_name(g, s->strong_block, c1, sizeof c1);
            outcome_name(g, s->strong_dev, d1, sizeof d1);
            if (s->cpne)
                ent_report_text(r, "%s: not strong (%s gain by moving to %s), but coalition-"
                                   "proof: no such deviation is self-enforcing.",
                                a, c1, d1);
            else {
                char c2[1024], d2[1024];
                coalition_name(g, s->cpne_block, c2, sizeof c2);
                outcome_name(g, s->cpne_dev, d2, sizeof d2);
                ent_report_text(r, "%s: not strong (%s gain by moving to %s) and not coalition-"
                                   "proof (%s have the self-enforcing deviation to %s).",
                                a, c1, d1, c2, d2);
            }
        }
    }
    free(mixed);
    free(prof);
    free(st);
    return ANA_OK;
}

int ana_pareto(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    unsigned char *m = malloc((size_t)np), *feas = NULL;
    int frc = feasible_mask(ctx, &feas);
    if (!m || frc != ENT_OK || ent_pareto_optimal(g, feas, m) != ENT_OK) {
        free(m);
        free(feas);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    ent_report_section(r, "Pareto efficiency");
    ent_table *t = ent_report_table(r, "pareto", "Pareto-optimal outcomes");
    ent_table_col(t, "outcome", ENT_COL_STR);
    char name[1024];
    for (int p = 0; p < n; p++) {
        snprintf(name, sizeof name, "payoff:%d", p + 1);
        ent_table_col(t, name, ENT_COL_NUM);
    }
    ana_strategies_table(ctx, r);
    uint64_t cnt = 0;
    for (uint64_t i = 0; i < np; i++) {
        if (!m[i])
            continue;
        cnt++;
        outcome_name(g, i, name, sizeof name);
        ent_table_str(t, "%s", name);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[i]);
    }
    ent_report_text(r, "%llu of %llu outcomes are Pareto-optimal (no other outcome is at least "
                       "as good for every actor and better for one).",
                    (unsigned long long)cnt, (unsigned long long)np);
    free(feas);
    free(m);
    return ANA_OK;
}
