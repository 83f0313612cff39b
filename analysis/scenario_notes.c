/* scenario_notes.c — what a report says about a game compiled from a scenario: the
 * summary lines (file, parameters set, feasible profiles) and the note of each
 * equilibrium row (the outcome in words; jointly infeasible profiles left out). */
#include "analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int mixed_profile(const ent_game *g, const double *mixed, int *prof)
{
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p), k = ent_game_nstrategies(g, p), sup = 0;
        for (int s = 0; s < k; s++)
            if (mixed[off + s] > 1e-12) {
                sup++;
                prof[p] = s;
            }
        if (sup != 1)
            return 0;
    }
    return 1;
}

/* 1 if some profile in the support of `mixed` is jointly infeasible (checks at most 1e6) */
static int support_touches_infeasible(const ana_ctx *ctx, const double *mixed)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g), prof[64], cnt = 0;
    for (int p = 0; p < n; p++)
        prof[p] = 0;
    for (;;) {
        int in = 1;
        for (int p = 0; p < n && in; p++)
            in = mixed[ent_game_strategy_offset(g, p) + prof[p]] > 1e-12;
        if (in && !ent_scenario_profile_feasible(ctx->scenario, prof))
            return 1;
        if (++cnt > 1000000)
            return 0;
        int p = 0;
        for (; p < n; p++) {
            if (++prof[p] < ent_game_nstrategies(g, p))
                break;
            prof[p] = 0;
        }
        if (p == n)
            return 0;
    }
}

int ana_scenario_eq_note(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
                         const double *mixed, char *buf, size_t cap, const char *note)
{
    int prof[64];
    const char *pre = note && note[0] ? note : "";
    const char *sep = pre[0] ? "; " : "";
    if (ent_game_nplayers(ctx->game) > 64) {
        snprintf(buf, cap, "%s", pre);
        return 0;
    }
    if (mixed_profile(ctx->game, mixed, prof)) {
        if (!ent_scenario_profile_feasible(ctx->scenario, prof)) {
            char lab[1024];
            ana_describe_profile(ctx->game, mixed, lab, sizeof lab);
            ent_report_text(r, "     left out: %s equilibrium %d (%s) matches an `infeasible` pattern of the scenario",
                            concept, id, lab);
            return 1;
        }
        size_t len = (size_t)snprintf(buf, cap, "%s%s", pre, sep);
        if (len < cap) {
            ent_scenario_describe(ctx->scenario, prof, buf + len, cap - len);
            /* in the prose of text reports too (JSON has it in the row's note) */
            if (ctx->fmt != ENT_FMT_JSON)
                ent_report_text(r, "     in words: %s", buf + len);
        }
        return 0;
    }
    if (support_touches_infeasible(ctx, mixed))
        snprintf(buf, cap, "%s%sputs weight on jointly infeasible profiles", pre, sep);
    else
        snprintf(buf, cap, "%s", pre);
    return 0;
}

uint64_t ent_scenario_count_feasible(const ent_scenario *s)
{
    int n = ent_scenario_nactors(s), prof[64];
    uint64_t np = ent_scenario_nprofiles(s), feas = 0;
    if (n > 64)
        return np;
    for (int a = 0; a < n; a++)
        prof[a] = 0;
    for (uint64_t i = 0; i < np; i++) {
        feas += (uint64_t)ent_scenario_profile_feasible(s, prof);
        for (int a = 0; a < n; a++) { /* next profile, actor 0 fastest */
            if (++prof[a] < ent_scenario_nstrategies(s, a))
                break;
            prof[a] = 0;
        }
    }
    return feas;
}

void ana_scenario_summary(const ent_scenario *s, const char *name, ent_report *r)
{
    ent_report_kv_str(r, "scenario", "%s", name ? name : ent_scenario_path(s));
    uint64_t np = ent_scenario_nprofiles(s), feas = ent_scenario_count_feasible(s);
    if (feas != np)
        ent_report_kv_int(r, "feasible profiles", (long long)feas);
    /* parameters moved by --set: a table of their own, never summary keys (a parameter
     * named like a summary field must not replace it) */
    ent_table *t = NULL;
    for (int i = 0; i < ent_scenario_nparams(s); i++) {
        if (ent_scenario_param_value(s, i) == ent_scenario_param_point(s, i))
            continue;
        if (!t) {
            t = ent_report_table(r, "parameters", "Parameters set on the command line");
            ent_table_cols(t, "parameter:s,value:n,loaded:n");
        }
        ent_table_str(t, "%s", ent_scenario_param_name(s, i));
        ent_table_num(t, ent_scenario_param_value(s, i));
        ent_table_num(t, ent_scenario_param_point(s, i));
    }
}

