/* batch.c — the `sweep` and `montecarlo` concepts: run the
 * scenario's analysis.sweep list and a Monte Carlo over its distributed parameters
 * (solver/batch.c), and report the pure equilibria at each point and how often each
 * outcome is an equilibrium across samples (share with a 95% Wilson interval). */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int need_scenario(const ana_ctx *ctx, const char *concept, ent_error *err)
{
    if (ctx->scenario)
        return ANA_OK;
    ent_error_set(err, ENT_EUNSUPPORTED,
                  "%s: the %s concept needs a scenario file (.cfg) with parameters; this input is a game",
                  ctx->input, concept);
    return ANA_FAIL;
}

int ana_sweep(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    if (need_scenario(ctx, "sweep", err) != ANA_OK)
        return ANA_FAIL;
    const ent_scenario *s = ctx->scenario;
    int nsw = ent_scenario_analysis_nsweeps(s);
    if (nsw == 0) {
        ent_error_set(err, ENT_EINVAL, "%s: the sweep concept needs analysis.sweep in the scenario",
                      ctx->input);
        return ANA_FAIL;
    }
    ent_batch_opts o;
    ent_batch_opts_init(&o);
    o.threads = ctx->threads;
    size_t cap = 1 << 16;
    char *words = malloc(cap), *one = malloc(4096);
    int *prof = malloc(sizeof(int) * (size_t)ent_game_nplayers(ctx->game));
    if (!words || !one || !prof) {
        free(words);
        free(one);
        free(prof);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    ent_report_section(r, "Parameter sweeps (pure equilibria at each point)");
    for (int i = 0; i < nsw; i++) {
        int param, steps;
        double from, to;
        char a[32], b[32];
        ent_scenario_analysis_sweep(s, i, &param, &from, &to, &steps);
        ent_report_text(r, "%s from %s to %s in %d points (other parameters at their point values)",
                        ent_scenario_param_name(s, param), ent_fmt_num(a, from), ent_fmt_num(b, to),
                        steps);
    }
    ent_table *t = ent_report_table(r, "sweep", "pure Nash equilibria along each sweep");
    ent_table_cols(t, "param:s,value:n,n_equilibria:i,equilibria:s");
    /* the same points in long form for charts: one row per equilibrium with its payoffs
     * (the game re-filled at the point's parameter values) */
    int np = ent_game_nplayers(ctx->game), npar = ent_scenario_nparams(s);
    ent_table *tp = ent_report_table(r, "sweep_payoffs", "each equilibrium along each sweep with its payoffs");
    ent_table_cols(tp, "param:s,value:n,outcome:s");
    for (int p = 0; p < np; p++) {
        char col[300];
        snprintf(col, sizeof col, "payoff:%s", ent_game_player_label(ctx->game, p));
        ent_table_col(tp, col, ENT_COL_NUM);
    }
    ent_table_machine_only(tp);
    double *vals = malloc(sizeof(double) * (size_t)(npar > 0 ? npar : 1));
    ent_game *pg = NULL;
    if (!vals || ent_scenario_compile(s, &pg, err) != ENT_OK) {
        free(vals);
        free(words);
        free(one);
        free(prof);
        if (!vals)
            ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    int rc = ANA_OK, stopped = 0;
    double deadline = ana_deadline(ctx);
    char what[512];
    for (int i = 0; i < nsw && rc == ANA_OK && !stopped; i++) {
        int param, steps;
        double from, to;
        ent_scenario_analysis_sweep(s, i, &param, &from, &to, &steps);
        const char *name = ent_scenario_param_name(s, param);
        if (deadline > 0) /* the concept's time left */
            o.time_limit = deadline - ent_clock() > 1e-6 ? deadline - ent_clock() : 1e-6;
        ent_sweep_result res;
        if (ent_batch_sweep(s, param, from, to, steps, &o, &res, err) != ENT_OK) {
            rc = ana_fail_in(ctx, err);
            break;
        }
        if (res.steps < res.requested) {
            stopped = 1;
            snprintf(what, sizeof what, "sweep %d of %d (%s) after its first %d of %d points; "
                                        "the points listed are complete",
                     i + 1, nsw, name, res.steps, res.requested);
        }
        steps = res.steps;
        for (int k = 0; k < steps; k++) {
            size_t len = 0;
            words[0] = '\0';
            for (size_t e = res.offset[k]; e < res.offset[k + 1]; e++) {
                ent_game_profile_decode(ctx->game, res.eq[e], prof);
                ent_scenario_describe(s, prof, one, 4096);
                if (len < cap) {
                    int w = snprintf(words + len, cap - len, "%s%s", e > res.offset[k] ? " | " : "", one);
                    len += w > 0 ? (size_t)w : 0;
                }
            }
            ent_table_str(t, "%s", name);
            ent_table_num(t, res.value[k]);
            ent_table_int(t, (long long)(res.offset[k + 1] - res.offset[k]));
            ent_table_str(t, "%s", res.offset[k + 1] > res.offset[k] ? words : "(none)");
            for (int q = 0; q < npar; q++)
                vals[q] = ent_scenario_param_value(s, q);
            vals[param] = res.value[k];
            if (res.offset[k + 1] > res.offset[k] && ent_scenario_fill(s, vals, pg, err) != ENT_OK) {
                rc = ANA_FAIL;
                break;
            }
            for (size_t e = res.offset[k]; e < res.offset[k + 1]; e++) {
                ana_outcome_name(ctx->game, res.eq[e], one, 4096);
                ent_table_str(tp, "%s", name);
                ent_table_num(tp, res.value[k]);
                ent_table_str(tp, "%s", one);
                for (int p = 0; p < np; p++)
                    ent_table_num(tp, ent_game_payoffs(pg, p)[res.eq[e]]);
            }
        }
        ent_sweep_result_free(&res);
    }
    if (stopped)
        ana_incomplete(r, "sweep", what);
    ent_game_free(&pg);
    free(vals);
    free(words);
    free(one);
    free(prof);
    return rc;
}

/* Rows by decreasing count, ties by profile index. */
static const ent_montecarlo_result *sort_res;
static int by_count(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    if (sort_res->count[i] != sort_res->count[j])
        return sort_res->count[i] > sort_res->count[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

static void mc_row(ent_table *t, const char *outcome, const char *words, uint64_t k, uint64_t n)
{
    double lo, hi;
    ent_wilson_interval(k, n, &lo, &hi);
    ent_table_str(t, "%s", outcome);
    ent_table_str(t, "%s", words);
    ent_table_int(t, (long long)k);
    ent_table_num(t, (double)k / (double)n);
    ent_table_num(t, round(lo * 1e4) / 1e4); /* 4 decimals: an interval, not a value */
    ent_table_num(t, round(hi * 1e4) / 1e4);
}

int ana_montecarlo(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    if (need_scenario(ctx, "montecarlo", err) != ANA_OK)
        return ANA_FAIL;
    const ent_scenario *s = ctx->scenario;
    unsigned long long seed = 1;
    if (ctx->seed_set)
        seed = ctx->seed;
    else if (!ent_scenario_analysis_seed(s, &seed))
        seed = 1;
    uint64_t samples = ctx->samples ? ctx->samples : (uint64_t)ent_scenario_analysis_samples(s);
    if (samples == 0) {
        ent_error_set(err, ENT_EINVAL,
                      "%s: the montecarlo concept needs analysis.samples in the scenario or --samples N",
                      ctx->input);
        return ANA_FAIL;
    }
    ent_batch_opts o;
    ent_batch_opts_init(&o);
    o.threads = ctx->threads;
    o.time_limit = ctx->time_limit;
    ent_montecarlo_result res;
    if (ent_batch_montecarlo(s, seed, samples, &o, &res, err) != ENT_OK)
        return ana_fail_in(ctx, err);
    char *lab = malloc(4096), *words = malloc(4096), *dist = malloc(256);
    int *prof = malloc(sizeof(int) * (size_t)ent_game_nplayers(ctx->game));
    size_t *order = malloc(sizeof(size_t) * (res.n > 0 ? res.n : 1));
    int rc = ANA_OK;
    if (!lab || !words || !dist || !prof || !order) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
    }
    if (rc == ANA_OK) {
        ent_report_section(r, "Monte Carlo over the scenario's distributions");
        int nrand = 0;
        for (int i = 0; i < ent_scenario_nparams(s); i++)
            if (ent_scenario_param_is_random(s, i) && !ent_scenario_param_is_fixed(s, i)) {
                ent_scenario_param_dist(s, i, dist, 256);
                if (!nrand++)
                    ent_report_text(r, "Parameters drawn:");
                ent_report_text(r, "  %s ~ %s", ent_scenario_param_name(s, i), dist);
            }
        for (int i = 0; i < ent_scenario_nparams(s); i++)
            if (ent_scenario_param_is_random(s, i) && ent_scenario_param_is_fixed(s, i)) {
                char num[32];
                ent_scenario_param_dist(s, i, dist, 256);
                ent_report_text(r, "  %s = %s in every sample, fixed by --set (its distribution "
                                   "%s is not drawn)", ent_scenario_param_name(s, i),
                                ent_fmt_num(num, ent_scenario_param_value(s, i)), dist);
            }
        if (!nrand)
            ent_report_text(r, "No parameter has a distribution: every sample is the point value.");
        if (res.samples < res.requested) {
            ent_report_kv_str(r, "montecarlo complete", "no: %llu of %llu samples",
                              (unsigned long long)res.samples, (unsigned long long)res.requested);
            ent_report_text(r, "INCOMPLETE: the time limit or an interrupt stopped the run after "
                               "the first %llu of %llu samples; the shares below are over those.",
                            (unsigned long long)res.samples, (unsigned long long)res.requested);
        }
        ent_report_text(r, "%llu samples, seed %llu; other parameters at their point values.",
                        (unsigned long long)res.samples, seed);
        ent_report_text(r, "Samples with no pure equilibrium: %llu. An outcome's share is the "
                           "fraction of samples in which it is a pure equilibrium (95%% Wilson "
                           "interval); a sample with several equilibria counts for each.",
                        (unsigned long long)res.none);
        for (size_t k = 0; k < res.n; k++)
            order[k] = k;
        sort_res = &res;
        qsort(order, res.n, sizeof *order, by_count);
        ent_table *t = ent_report_table(r, "montecarlo", "how often each outcome is a pure equilibrium");
        ent_table_cols(t, "outcome:s,in_words:s,samples:i,share:n,wilson_low:n,wilson_high:n");
        for (size_t k = 0; k < res.n; k++) {
            uint64_t idx = res.profile[order[k]];
            ent_game_profile_decode(ctx->game, idx, prof);
            ana_outcome_name(ctx->game, idx, lab, 4096);
            ent_scenario_describe(s, prof, words, 4096);
            mc_row(t, lab, words, res.count[order[k]], res.samples);
        }
        mc_row(t, "(none)", "no pure equilibrium", res.none, res.samples);
    }
    ent_montecarlo_result_free(&res);
    free(lab);
    free(words);
    free(dist);
    free(prof);
    free(order);
    return rc;
}
