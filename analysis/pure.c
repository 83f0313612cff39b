/* pure.c — the `pure` concept: pure Nash equilibria in words
 * (labels, payoffs, strict or weak) with verified rows in the shared equilibria table,
 * iterated elimination of strategies strictly dominated by pure strategies, and each
 * player's pure security (maxmin) level. */
#include "analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows are verified one by one (ent_verify_regrets, a full pass over the game each), so
 * the listing is capped by a work budget as well as a row count. */
enum { PURE_MAX_ROWS = 100 };
#define PURE_VERIFY_BUDGET 2.0e8

static void join_payoffs(const ent_game *g, uint64_t idx, char *buf, size_t cap)
{
    size_t len = 0;
    char num[32];
    buf[0] = '\0';
    for (int p = 0; p < ent_game_nplayers(g) && len < cap; p++) {
        int w = snprintf(buf + len, cap - len, "%s%s", p ? ", " : "",
                         ent_fmt_num(num, ent_game_payoffs(g, p)[idx]));
        len += w > 0 ? (size_t)w : 0;
    }
}

static int equilibria_part(ana_ctx *ctx, ent_report *r, double deadline, ent_error *err)
{
    const ent_game *g = ctx->game;
    int np = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    double work = (double)ent_game_nprofiles(g) * np;
    size_t cap = PURE_MAX_ROWS;
    if (work * (double)cap > PURE_VERIFY_BUDGET) {
        double c = PURE_VERIFY_BUDGET / work;
        cap = c < 1 ? 1 : (size_t)c;
    }
    ent_pure_opts o;
    ent_pure_opts_init(&o);
    o.threads = ctx->threads;
    o.max_report = cap;
    ent_pure_eq *eq = NULL;
    size_t n = 0;
    uint64_t total = 0;
    if (ent_pure_nash(g, &o, &eq, &n, &total, err) != ENT_OK)
        return ANA_FAIL;
    /* a scenario's jointly infeasible profiles are not outcomes: they are left out of
     * the numbered list and the table, and listed apart */
    int *prof = malloc(sizeof(int) * (size_t)np);
    unsigned char *feasible = malloc(n ? n : 1);
    double *mixed = malloc(sizeof(double) * (size_t)tot);
    char *desc = malloc(4096), *pays = malloc(4096);
    if (!prof || !feasible || !mixed || !desc || !pays) {
        free(prof);
        free(feasible);
        free(mixed);
        free(desc);
        free(pays);
        free(eq);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    size_t nstrict = 0, ninf = 0;
    for (size_t k = 0; k < n; k++) {
        ent_game_profile_decode(g, eq[k].profile, prof);
        feasible[k] = !ctx->scenario || ent_scenario_profile_feasible(ctx->scenario, prof);
        ninf += !feasible[k];
        nstrict += feasible[k] && eq[k].strict;
    }
    size_t shown = n - ninf;
    ent_report_section(r, "Pure Nash equilibria");
    if (total == 0)
        ent_report_text(r, "No pure-strategy Nash equilibrium.");
    else if (n == total && shown == 0)
        ent_report_text(r, "No pure-strategy Nash equilibrium at a feasible profile.");
    else if (n == total)
        ent_report_text(r, "%zu pure equilibri%s (%zu strict, %zu weak):", shown,
                        shown == 1 ? "um" : "a", nstrict, shown - nstrict);
    else
        ent_report_text(r, "%llu pure equilibria; the first %zu by profile index are listed "
                           "(%zu of them strict):", (unsigned long long)total, shown, nstrict);
    int rc = ANA_OK;
    /* each equilibrium: its prose line, then its verified row (which, for scenarios, adds
     * the outcome in words) */
    for (int pass = 0; pass < 2 && rc == ANA_OK; pass++) {
        if (pass == 1 && ninf)
            ent_report_text(r, "Left out: %zu equilibri%s of the game at jointly infeasible "
                               "profiles of the scenario (matching an `infeasible` pattern):",
                            ninf, ninf == 1 ? "um" : "a");
        size_t id = 0;
        for (size_t k = 0; k < n && rc == ANA_OK; k++) {
            if (feasible[k] != (pass == 0))
                continue;
            if (ent_should_stop(deadline)) { /* each row costs a pass over the game */
                ana_incomplete(r, "pure", "the listing of pure equilibria (each verified by a "
                                          "pass over the game) before every one was listed");
                pass = 2;
                break;
            }
            ent_game_profile_decode(g, eq[k].profile, prof);
            memset(mixed, 0, sizeof(double) * (size_t)tot);
            for (int p = 0; p < np; p++)
                mixed[ent_game_strategy_offset(g, p) + prof[p]] = 1.0;
            const char *kind = eq[k].strict ? "strict" : "weak";
            ana_describe_profile(g, mixed, desc, 4096);
            join_payoffs(g, eq[k].profile, pays, 4096);
            if (pass == 1) { /* an equilibrium of the game, re-checked before it is named */
                double reg = ent_verify_max_regret(g, mixed);
                if (!(reg >= 0 && reg <= ent_verify_tolerance(g))) {
                    ent_error_set(err, ENT_EVERIFY, "%s: pure equilibrium at %s failed verification",
                                  ctx->input, desc);
                    rc = ANA_FAIL;
                    break;
                }
                ent_report_text(r, "  - %s  payoffs (%s)  %s", desc, pays, kind);
                continue;
            }
            ent_report_text(r, "  %zu. %s  payoffs (%s)  %s", ++id, desc, pays, kind);
            if (ana_eq_add(ctx, r, "pure", (int)id, mixed, kind, err) != ENT_OK)
                rc = ANA_FAIL;
        }
    }
    free(prof);
    free(feasible);
    free(mixed);
    free(desc);
    free(pays);
    free(eq);
    return rc;
}

static int dominance_part(ana_ctx *ctx, ent_report *r, double deadline, ent_error *err)
{
    const ent_game *g = ctx->game;
    int np = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    unsigned char *keep = malloc((size_t)tot);
    ent_elim_step *st = NULL;
    size_t ns = 0;
    if (!keep) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    int complete = 1;
    int irc = ent_pure_iesds_until(g, ENT_IESDS_WORK, deadline, keep, &st, &ns, &complete, err);
    if (irc != ENT_OK && irc != ENT_ETIMEOUT) {
        free(keep);
        return ANA_FAIL;
    }
    ent_report_section(r, "Pure strategies: strict dominance and security levels");
    if (irc == ENT_ETIMEOUT) {
        err->status = ENT_OK;
        err->msg[0] = '\0';
        ana_incomplete(r, "pure", "the iterated elimination of strictly dominated strategies "
                                  "(the eliminations below hold, more strategies may be dominated)");
    } else if (!complete)
        ent_report_text(r, "Iterated elimination stopped after %llu payoff comparisons (the "
                           "work limit), in round %d: the eliminations below hold, and more "
                           "strategies may be dominated.",
                        (unsigned long long)ENT_IESDS_WORK, ns ? st[ns - 1].round : 1);
    if (ns == 0) {
        ent_report_text(r, "No strategy is strictly dominated by a pure strategy.");
    } else {
        ent_report_text(r, "Strictly dominated (by pure strategies), in order of elimination:");
        for (size_t k = 0; k < ns; k++)
            ent_report_text(r, "  round %d: %s's %s (dominated by %s)", st[k].round,
                            ent_game_player_label(g, st[k].player),
                            ent_game_strategy_label(g, st[k].player, st[k].strategy),
                            ent_game_strategy_label(g, st[k].player, st[k].dominator));
        for (int p = 0; p < np; p++) {
            char buf[1024];
            size_t len = 0;
            int off = ent_game_strategy_offset(g, p);
            buf[0] = '\0';
            for (int s = 0; s < ent_game_nstrategies(g, p) && len < sizeof buf; s++)
                if (keep[off + s]) {
                    int w = snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "",
                                     ent_game_strategy_label(g, p, s));
                    len += w > 0 ? (size_t)w : 0;
                }
            ent_report_text(r, "  %s keeps: %s", ent_game_player_label(g, p), buf);
        }
    }
    free(st);
    free(keep);

    ent_table *t = ent_report_table(r, "security", "Pure security (maxmin) levels");
    ent_table_cols(t, "player:s,level:n,strategies:s");
    for (int p = 0; p < np; p++) {
        int k = ent_game_nstrategies(g, p);
        double *w = malloc(sizeof(double) * (size_t)k), level;
        char *buf = malloc(4096);
        if (!w || !buf || ent_pure_security(g, p, w, &level, err) != ENT_OK) {
            if (!w || !buf)
                ent_error_set(err, ENT_ENOMEM, "out of memory");
            free(w);
            free(buf);
            return ANA_FAIL;
        }
        size_t len = 0;
        buf[0] = '\0';
        for (int s = 0; s < k && len < 4096; s++)
            if (w[s] == level) {
                int n = snprintf(buf + len, 4096 - len, "%s%s", len ? ", " : "",
                                 ent_game_strategy_label(g, p, s));
                len += n > 0 ? (size_t)n : 0;
            }
        ent_table_str(t, "%s", ent_game_player_label(g, p));
        ent_table_num(t, level);
        ent_table_str(t, "%s", buf);
        free(w);
        free(buf);
    }
    return ANA_OK;
}

int ana_pure(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    double deadline = ana_deadline(ctx);
    int rc = equilibria_part(ctx, r, deadline, err);
    if (rc == ANA_OK)
        rc = dominance_part(ctx, r, deadline, err);
    return rc;
}
