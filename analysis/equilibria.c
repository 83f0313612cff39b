/* equilibria.c — the "equilibria" table every normal-form concept writes into: one row
 * per equilibrium or stable state, each verified (regrets recomputed by ent_verify_regrets,
 * or the concept's own re-check) before it is added, with the profile in words. */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ana_describe_profile(const ent_game *g, const double *mixed, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
#define APPEND(...)                                                       \
    do {                                                                  \
        if (len < cap) {                                                  \
            int w_ = snprintf(buf + len, cap - len, __VA_ARGS__);         \
            len += w_ > 0 ? (size_t)w_ : 0;                               \
        }                                                                 \
    } while (0)
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p), k = ent_game_nstrategies(g, p);
        int support = 0, pure = -1;
        for (int s = 0; s < k; s++)
            if (mixed[off + s] > 1e-12) {
                support++;
                pure = s;
            }
        if (p)
            APPEND(" / ");
        if (support == 1) {
            APPEND("%s", ent_game_strategy_label(g, p, pure));
            continue;
        }
        int first = 1;
        for (int s = 0; s < k; s++) {
            double x = mixed[off + s];
            if (x <= 1e-12)
                continue;
            char num[32];
            ana_prob_text(x, num);
            APPEND("%s%s %s", first ? "" : " + ", num, ent_game_strategy_label(g, p, s));
            first = 0;
        }
    }
#undef APPEND
}

int ana_fail_in(const ana_ctx *ctx, ent_error *err)
{
    if (err && err->msg[0]) {
        size_t il = strlen(ctx->input);
        if (strncmp(err->msg, ctx->input, il) != 0 || err->msg[il] != ':') {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ent_error_set(err, err->status ? err->status : ENT_EINVAL, "%s: %s", ctx->input, msg);
        }
    }
    return ANA_FAIL;
}

double ana_deadline(const ana_ctx *ctx)
{
    return ctx->time_limit > 0 ? ent_clock() + ctx->time_limit : 0;
}

void ana_incomplete(ent_report *r, const char *concept, const char *what)
{
    char key[128];
    snprintf(key, sizeof key, "%s complete", concept);
    ent_report_kv_str(r, key, "no (stopped early)");
    ent_report_text(r, "INCOMPLETE: the time limit or an interrupt stopped %s; the results "
                       "above are those found, all verified.", what);
}

/* A player's label for a header: the label, or the 1-based index when it is empty. */
static const char *player_name(const ent_game *g, int p, char *buf, size_t cap)
{
    const char *l = ent_game_player_label(g, p);
    if (l && l[0])
        return l;
    snprintf(buf, cap, "%d", p + 1);
    return buf;
}

void ana_payoff_col(ent_table *t, const ent_game *g, int p, ent_coltype type)
{
    char name[64], label[1024], pb[16];
    snprintf(name, sizeof name, "payoff:%d", p + 1);
    ent_table_col(t, name, type);
    snprintf(label, sizeof label, "payoff %s", player_name(g, p, pb, sizeof pb));
    ent_table_col_label(t, ent_table_ncols(t) - 1, label);
}

void ana_prob_col(ent_table *t, const ent_game *g, int p, int s, ent_coltype type)
{
    char name[64], label[2048], pb[16], sb[16];
    snprintf(name, sizeof name, "prob:%d:%d", p + 1, s + 1);
    ent_table_col(t, name, type);
    const char *sl = ent_game_strategy_label(g, p, s);
    if (!sl || !sl[0]) {
        snprintf(sb, sizeof sb, "%d", s + 1);
        sl = sb;
    }
    snprintf(label, sizeof label, "%s: %s", player_name(g, p, pb, sizeof pb), sl);
    ent_table_col_label(t, ent_table_ncols(t) - 1, label);
}

ent_table *ana_eq_table(const ana_ctx *ctx, ent_report *r)
{
    ent_table *t = ent_report_find_table(r, "equilibria");
    if (t)
        return t;
    const ent_game *g = ctx->game;
    t = ent_report_table(r, "equilibria", "Equilibria (every row verified independently: Nash concepts by their regret, GMCR concepts by the literal re-check of their definition)");
    ent_table_machine_only(t); /* the concepts describe their equilibria in prose */
    ent_table_cols(t, "concept:s,id:i,outcome:s");
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++)
        for (int s = 0; s < ent_game_nstrategies(g, p); s++)
            ana_prob_col(t, g, p, s, ENT_COL_NUM);
    for (int p = 0; p < n; p++)
        ana_payoff_col(t, g, p, ENT_COL_NUM);
    ent_table_cols(t, "max_regret:n,note:s");
    ana_strategies_table(ctx, r);
    return t;
}

void ana_strategies_table(const ana_ctx *ctx, ent_report *r)
{
    if (ent_report_find_table(r, "strategy_labels"))
        return;
    const ent_game *g = ctx->game;
    ent_table *t = ent_report_table(r, "strategy_labels",
                                    "Players and strategies: the labels of the indices in the "
                                    "column names prob:PLAYER:STRATEGY and payoff:PLAYER");
    ent_table_machine_only(t);
    ent_table_col(t, "player", ENT_COL_INT);
    ent_table_col(t, "player_label", ENT_COL_STR);
    ent_table_col(t, "strategy", ENT_COL_INT);
    ent_table_col(t, "strategy_label", ENT_COL_STR);
    for (int p = 0; p < ent_game_nplayers(g); p++)
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            ent_table_int(t, p + 1);
            ent_table_str(t, "%s", ent_game_player_label(g, p));
            ent_table_int(t, s + 1);
            ent_table_str(t, "%s", ent_game_strategy_label(g, p, s));
        }
}

/* One row of the equilibria table; desc: a 4096-byte scratch buffer. Probabilities below
 * 1e-15 are written as 0; maxr is already cleaned (rounding noise relative to the payoff
 * range is 0). */
static void eq_row(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
                   const double *mixed, const double *pay, double maxr, const char *note,
                   char *desc)
{
    const ent_game *g = ctx->game;
    ent_table *t = ana_eq_table(ctx, r);
    ana_describe_profile(g, mixed, desc, 4096);
    ent_table_str(t, "%s", concept);
    ent_table_int(t, id);
    ent_table_str(t, "%s", desc);
    for (int i = 0; i < ent_game_total_strategies(g); i++)
        ent_table_num(t, fabs(mixed[i]) < 1e-15 ? 0.0 : mixed[i]);
    for (int p = 0; p < ent_game_nplayers(g); p++)
        ent_table_num(t, ana_clean(g, pay[p]));
    ent_table_num(t, maxr);
    ent_table_str(t, "%s", note ? note : "");
}

int ana_eq_add(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
               const double *mixed, const char *note, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    double *reg = malloc(sizeof(double) * (size_t)n);
    double *pay = malloc(sizeof(double) * (size_t)n);
    char *desc = malloc(4096), *words = NULL;
    int rc = ENT_OK;
    if (!reg || !pay || !desc) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    rc = ent_verify_regrets(g, mixed, reg, pay);
    if (rc) {
        rc = ent_error_set(err, rc, "%s equilibrium %d is not a valid mixed profile", concept, id);
        goto out;
    }
    double maxr = 0, tol = ent_verify_tolerance(g);
    for (int p = 0; p < n; p++)
        if (reg[p] > maxr)
            maxr = reg[p];
    if (!ent_verify_decide(g, mixed, reg)) {
        double xr;
        if (ent_verify_exact(g, mixed, &xr) == 0)
            rc = ent_error_set(err, ENT_EVERIFY,
                               "%s: %s equilibrium %d failed verification: not an equilibrium "
                               "in exact arithmetic (regret %.3g)",
                               ctx->input, concept, id, xr);
        else
            rc = ent_error_set(err, ENT_EVERIFY,
                               "%s: %s equilibrium %d failed verification: regret %.3g exceeds %.3g",
                               ctx->input, concept, id, maxr, tol);
        goto out;
    }
    if (maxr <= ENT_TOL_ROUNDING * ent_game_payoff_scale(g))
        maxr = 0; /* rounding noise, in the game's units */
    if (ctx->scenario) { /* scenario games: infeasible profiles left out, outcomes in words */
        if (!(words = malloc(4096))) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto out;
        }
        if (ana_scenario_eq_note(ctx, r, concept, id, mixed, words, 4096, note))
            goto out;
        note = words;
    }
    eq_row(ctx, r, concept, id, mixed, pay, maxr, note, desc);
out:
    free(words);
    free(reg);
    free(pay);
    free(desc);
    return rc;
}

int ana_state_add(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
                  const int *profile, int (*verify)(void *arg, const int *profile), void *arg,
                  const char *note, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    double *mixed = calloc((size_t)tot, sizeof *mixed);
    double *reg = malloc(sizeof(double) * (size_t)n);
    double *pay = malloc(sizeof(double) * (size_t)n);
    char *desc = malloc(4096);
    int rc = ENT_OK;
    if (!mixed || !reg || !pay || !desc) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    for (int p = 0; p < n; p++)
        mixed[ent_game_strategy_offset(g, p) + profile[p]] = 1.0;
    if (verify(arg, profile) != 1) {
        rc = ent_error_set(err, ENT_EVERIFY, "%s: %s state %d failed its independent re-check",
                           ctx->input, concept, id);
        goto out;
    }
    rc = ent_verify_regrets(g, mixed, reg, pay);
    if (rc) {
        rc = ent_error_set(err, rc, "%s: %s state %d is not a valid profile", ctx->input, concept,
                           id);
        goto out;
    }
    double maxr = 0;
    for (int p = 0; p < n; p++)
        if (reg[p] > maxr)
            maxr = reg[p];
    if (maxr <= ENT_TOL_ROUNDING * ent_game_payoff_scale(g))
        maxr = 0; /* rounding noise, in the game's units */
    eq_row(ctx, r, concept, id, mixed, pay, maxr, note, desc);
out:
    free(mixed);
    free(reg);
    free(pay);
    free(desc);
    return rc;
}
