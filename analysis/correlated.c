/* correlated.c — the correlated concepts: correlated and coarse correlated equilibria
 * (distribution in words, welfare and per-actor bounds, binding incentive constraints,
 * an optional linear objective). Every distribution printed is re-checked by the
 * independent verifier (ent_verify_correlated). */
#include "analysis.h"
#include "../games/util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        ent_table_cols(t, "concept:s,distribution:s,outcome:s,probability:n");
        for (int p = 0; p < n; p++)
            ana_payoff_col(t, g, p, ENT_COL_NUM);
        ana_strategies_table(o->ctx, o->r);
    }
    ent_buf words = {0};
    char on[1024], pb[32], vb[32];
    int shown = 0, count = 0;
    for (uint64_t i = 0; i < np; i++) {
        if (dist[i] <= 1e-12)
            continue;
        count++;
        ana_outcome_name(g, i, on, sizeof on);
        ent_table_str(t, "%s", o->concept);
        ent_table_str(t, "%s", label);
        ent_table_str(t, "%s", on);
        ent_table_num(t, dist[i]);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[i]);
        if (shown < 12) {
            ana_prob_text(dist[i], pb);
            ent_buf_printf(&words, "%s%s with probability %s", shown ? "; " : "", on, pb);
            shown++;
        }
    }
    if (count > shown)
        ent_buf_printf(&words, "; and %d more outcomes (see the table)", count - shown);
    ent_report_text(o->r, "%s (value %s): %s.", label, ent_fmt_num(vb, ana_clean(g, value)),
                    words.data ? words.data : "");
    ent_buf_free(&words);
    if (!binding)
        return ENT_OK;
    ent_table *b = ent_report_find_table(o->r, "ce_binding");
    if (!b) {
        b = ent_report_table(o->r, "ce_binding",
                             "Binding incentive constraints (the recommended strategy is "
                             "played with positive probability; deviating gains nothing)");
        ent_table_cols(b, "concept:s,distribution:s,player:s,recommended:s,deviation:s,gain:n");
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
    if (ana_feasible_mask(ctx, &feas) != ENT_OK || ent_ce_new(g, kind, &ce, err) != ENT_OK ||
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
    double vmax, vmin, mg;
    for (int p = 0; p < n; p++)
        w[p] = 1;
    ent_ce_set_deadline(ce, ana_deadline(ctx));
    int st = ent_ce_optimize(ce, w, 1, best, &vmax, err);
    if (st == ENT_ETIMEOUT) {
        /* the last distribution the LP reached, if it passes the check, is one */
        if (ent_verify_correlated(g, kind, best, NULL, &mg) == ENT_OK &&
            mg <= ent_verify_tolerance(g))
            rc = ce_report_dist(&o, "found before the stop (not proven welfare-maximising)",
                                best, vmax, 1, err) == ENT_OK ? ANA_OK : ANA_FAIL;
        else {
            ent_report_text(r, "No distribution was found before the stop.");
            rc = ANA_OK;
        }
        ana_incomplete(r, concept, "the LPs before the welfare optimum was proven");
        free(ow);
        goto out;
    }
    if (st != ENT_OK) {
        free(ow);
        goto out;
    }
    if (ce_report_dist(&o, "welfare-maximising", best, vmax, 1, err) != ENT_OK) {
        free(ow);
        goto out;
    }
    st = ent_ce_optimize(ce, w, 0, dist, &vmin, err);
    if (st == ENT_ETIMEOUT) {
        ana_incomplete(r, concept, "the LPs before the welfare minimum and the payoff bounds");
        rc = ANA_OK;
        free(ow);
        goto out;
    }
    if (st != ENT_OK) {
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
        ent_table_cols(wt, "concept:s,bound:s,welfare:n");
        for (int p = 0; p < n; p++)
            ana_payoff_col(wt, g, p, ENT_COL_NUM);
        ana_strategies_table(ctx, r);
    }
    if (ent_verify_correlated(g, kind, dist, NULL, &mg) != ENT_OK ||
        mg > ent_verify_tolerance(g)) {
        ent_error_set(err, ENT_EVERIFY, "%s: %s: the welfare-minimising distribution failed "
                                        "verification", ctx->input, concept);
        free(ow);
        goto out;
    }
    ent_table_str(wt, "%s", concept);
    ent_table_str(wt, "max");
    ent_table_num(wt, ana_clean(g, vmax));
    for (int p = 0; p < n; p++)
        ent_table_num(wt, ana_clean(g, wpay[p]));
    ent_table_str(wt, "%s", concept);
    ent_table_str(wt, "min");
    ent_table_num(wt, ana_clean(g, vmin));
    for (int p = 0; p < n; p++) {
        double v = 0;
        for (uint64_t i = 0; i < np; i++)
            v += dist[i] * ent_game_payoffs(g, p)[i];
        ent_table_num(wt, ana_clean(g, v));
    }
    char b1[32], b2[32];
    ent_report_text(r, "Total welfare over the %s polytope ranges from %s to %s.", concept,
                    ent_fmt_num(b1, ana_clean(g, vmin)), ent_fmt_num(b2, ana_clean(g, vmax)));
    ent_table *bt = ent_report_table(r, "ce_bounds", "Each actor's payoff range over the "
                                                     "polytope");
    if (ent_table_ncols(bt) == 0) {
        ent_table_cols(bt, "concept:s,actor:s,min_payoff:n,max_payoff:n");
    }
    for (int p = 0; p < n; p++) {
        double lo, hi;
        for (int q = 0; q < n; q++)
            w[q] = q == p;
        int s1 = ent_ce_optimize(ce, w, 1, dist, &hi, err), s2 = ENT_OK;
        int ok = s1 == ENT_OK && ent_verify_correlated(g, kind, dist, NULL, &mg) == ENT_OK &&
                 mg <= ent_verify_tolerance(g);
        if (ok) {
            s2 = ent_ce_optimize(ce, w, 0, dist, &lo, err);
            ok = s2 == ENT_OK && ent_verify_correlated(g, kind, dist, NULL, &mg) == ENT_OK &&
                 mg <= ent_verify_tolerance(g);
        }
        if (s1 == ENT_ETIMEOUT || s2 == ENT_ETIMEOUT) {
            ana_incomplete(r, concept, "the LPs of the payoff bounds (the rows above are complete)");
            rc = ANA_OK;
            free(ow);
            goto out;
        }
        if (!ok) {
            if (s1 == ENT_OK && s2 == ENT_OK)
                ent_error_set(err, ENT_EVERIFY, "%s: %s: a payoff bound failed verification",
                              ctx->input, concept);
            free(ow);
            goto out;
        }
        ent_table_str(bt, "%s", concept);
        ent_table_str(bt, "%s", ent_game_player_label(g, p));
        ent_table_num(bt, ana_clean(g, lo));
        ent_table_num(bt, ana_clean(g, hi));
    }
    if (ow) {
        double v;
        st = ent_ce_optimize(ce, ow, maximize, dist, &v, err);
        if (st == ENT_ETIMEOUT) {
            ana_incomplete(r, concept, "the LP of the --objective");
            rc = ANA_OK;
            free(ow);
            goto out;
        }
        if (st != ENT_OK) {
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
    if (rc == ANA_FAIL)
        ana_fail_in(ctx, err);
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
