/* analyze.c — the public entry points of the analysis layer: list the registered
 * concepts, and run a list of them on a game (and the scenario it was compiled from)
 * into one report: the game summary, then one section per concept. */
#include "analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int ent_concept_count(void)
{
    int n = 0;
    while (ana_registry[n].name)
        n++;
    return n;
}

int ent_concept_info_get(int i, ent_concept_info *info)
{
    if (i < 0 || i >= ent_concept_count() || !info)
        return ENT_EINVAL;
    const ana_concept *c = &ana_registry[i];
    info->name = c->name;
    info->summary = c->summary;
    info->kinds = c->kinds;
    info->dflt = c->dflt;
    info->options = c->options;
    return ENT_OK;
}

int ent_concept_find(const char *name)
{
    for (int i = 0; name && ana_registry[i].name; i++)
        if (!strcmp(ana_registry[i].name, name))
            return i;
    return ENT_ENOTFOUND;
}

void ent_analysis_opts_init(ent_analysis_opts *o)
{
    memset(o, 0, sizeof *o);
    o->fmt = ENT_FMT_TEXT;
    o->seed = 1;
    o->max_dense = 20;
}

static void game_summary(const ent_game *g, ent_report *r)
{
    char buf[256];
    size_t len = 0;
    int n = ent_game_nplayers(g);
    buf[0] = '\0';
    for (int p = 0; p < n && len < sizeof buf; p++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", p ? " x " : "",
                                ent_game_nstrategies(g, p));
    if (ent_game_title(g)[0])
        ent_report_kv_str(r, "game", "%s", ent_game_title(g));
    ent_report_kv_int(r, "players", n);
    ent_report_kv_str(r, "strategies", "%s", buf);
    ent_report_kv_int(r, "profiles", (long long)ent_game_nprofiles(g));
}

/* The run's status from a concept's ANA_* result. */
static int run_status(int rc, ent_error *err)
{
    if (rc == ANA_OK)
        return ENT_OK;
    if (rc == ANA_BADOPT) {
        err->status = ENT_EOPTION;
        return ENT_EOPTION;
    }
    if (err->status >= 0)
        ent_error_set(err, ENT_EINVAL, "%s", err->msg[0] ? err->msg : "analysis failed");
    return err->status;
}

/* The scenario's analysis.concepts, the ones this build has; others get a line. */
static int run_scenario_list(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_scenario *s = ctx->scenario;
    int rc = ANA_OK;
    for (int i = 0; i < ent_scenario_analysis_nconcepts(s) && rc == ANA_OK; i++) {
        const char *want = ent_scenario_analysis_concept(s, i);
        const ana_concept *c = ana_find(want);
        if (c) {
            rc = c->run(ctx, r, err);
            continue;
        }
        char have[512];
        size_t len = 0;
        have[0] = '\0';
        for (int j = 0; ana_registry[j].name && len < sizeof have; j++)
            len += (size_t)snprintf(have + len, sizeof have - len, "%s%s", j ? ", " : "",
                                    ana_registry[j].name);
        ent_report_text(r, "concept '%s' requested by the scenario is not available in this build (available: %s)",
                        want, have[0] ? have : "none");
    }
    return rc;
}

static int run_named(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    char *list = strdup(ctx->concepts), *save = NULL;
    if (!list) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    int rc = ANA_OK;
    for (char *tok = strtok_r(list, ",", &save); tok && rc == ANA_OK;
         tok = strtok_r(NULL, ",", &save)) {
        const ana_concept *c = ana_find(tok);
        if (!c) {
            ent_error_set(err, ENT_EOPTION, "unknown concept '%s'", tok);
            rc = ANA_BADOPT;
        } else
            rc = c->run(ctx, r, err);
    }
    free(list);
    return rc;
}

/* CSV's table: that of the first concept named, else "equilibria". */
static const char *primary_table(const char *concepts)
{
    if (!concepts)
        return "equilibria";
    size_t len = strcspn(concepts, ",");
    for (const ana_concept *c = ana_registry; c->name; c++)
        if (strlen(c->name) == len && !strncmp(concepts, c->name, len))
            return c->table;
    return "equilibria";
}

int ent_analyze(const ent_game *g, const ent_scenario *s, const ent_analysis_opts *opts,
                ent_report **out, ent_error *err_out)
{
    ent_analysis_opts dflt;
    ent_error err = {0, ""};
    ent_game *reduced = NULL;
    *out = NULL;
    if (!opts) {
        ent_analysis_opts_init(&dflt);
        opts = &dflt;
    }
    if (!g)
        return ent_error_set(err_out, ENT_EINVAL, "ent_analyze: no game");
    if (opts->reduce && s)
        return ent_error_set(err_out, ENT_EOPTION,
                             "--reduce is not available for scenarios (strategy indices must stay those of the scenario)");
    ana_ctx ctx = {
        .input = opts->input ? opts->input : "game",
        .fmt = opts->fmt,
        .threads = opts->threads,
        .exact = opts->exact,
        .time_limit = opts->time_limit,
        .method = opts->method,
        .concepts = opts->concepts,
        .seed = opts->seed,
        .seed_set = opts->seed_set,
        .samples = opts->samples,
        .objective = opts->objective,
        .status_quo = opts->status_quo,
        .coalitions = opts->coalitions,
        .game = g,
        .scenario = s,
    };
#ifdef _OPENMP
    if (opts->threads > 0)
        omp_set_num_threads(opts->threads);
#endif
    if (opts->reduce) {
        int rrc = ent_game_reduce_dominated(g, &reduced, &err);
        if (rrc != ENT_OK) {
            if (err_out)
                *err_out = err;
            return rrc;
        }
        ctx.game = reduced;
    }
    ent_report *r = ent_report_new(ent_game_title(ctx.game)[0] ? ent_game_title(ctx.game) : ctx.input);
    if (!r) {
        ent_game_free(&reduced);
        return ent_error_set(err_out, ENT_ENOMEM, "out of memory");
    }
    game_summary(ctx.game, r);
    if (opts->reduce)
        ent_report_kv_str(r, "reduced", "by iterated strict dominance (pure and mixed)");
    if (s)
        ana_scenario_summary(s, r);
    int rc;
    if (!ctx.concepts && s && ent_scenario_analysis_nconcepts(s) > 0)
        rc = run_scenario_list(&ctx, r, &err);
    else if (ctx.concepts)
        rc = run_named(&ctx, r, &err);
    else {
        rc = ANA_OK;
        for (const ana_concept *c = ana_registry; c->name && rc == ANA_OK; c++)
            if (c->dflt)
                rc = c->run(&ctx, r, &err);
    }
    ent_solver_thread_done();
    int st = run_status(rc, &err);
    if (st == ENT_OK) {
        ana_eq_table(&ctx, r); /* JSON always carries an `equilibria` array, even empty */
        ent_report_set_primary_table(r, primary_table(ctx.concepts));
        *out = r;
    } else {
        ent_report_free(&r);
        if (err_out)
            *err_out = err;
    }
    ent_game_free(&reduced);
    return st;
}
