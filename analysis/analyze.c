/* analyze.c — the public entry points of the analysis layer: list the registered
 * concepts, and run a list of them on a game (and the scenario it was compiled from)
 * into one report: the game summary, then one section per concept. */
#include "analysis.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
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
    o->max_dense = 25;
}

size_t ent_analysis_opts_size(void) { return sizeof(ent_analysis_opts); }

/* A whole number in [lo, hi] from text; 0 if it is not one. */
static int whole(const char *v, unsigned long long lo, unsigned long long hi,
                 unsigned long long *out)
{
    char *end;
    if (!v || !*v || *v == '-' || *v == '+')
        return 0;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (*end || errno || x < lo || x > hi)
        return 0;
    *out = x;
    return 1;
}

int ent_analysis_opts_set(ent_analysis_opts *o, const char *name, const char *value,
                          ent_error *err)
{
    static const struct {
        const char *name;
        size_t off;
    } strs[] = {{"concepts", offsetof(ent_analysis_opts, concepts)},
                {"input", offsetof(ent_analysis_opts, input)},
                {"method", offsetof(ent_analysis_opts, method)},
                {"objective", offsetof(ent_analysis_opts, objective)},
                {"status_quo", offsetof(ent_analysis_opts, status_quo)},
                {"members", offsetof(ent_analysis_opts, members)},
                {"derive", offsetof(ent_analysis_opts, derive)},
                {"transfers", offsetof(ent_analysis_opts, transfers)},
                {"disagreement", offsetof(ent_analysis_opts, disagreement)},
                {"powers", offsetof(ent_analysis_opts, powers)},
                {"input_sha256", offsetof(ent_analysis_opts, input_sha256)}};
    unsigned long long x;
    if (!o || !name || !value)
        return ent_error_set(err, ENT_EINVAL, "ent_analysis_opts_set: NULL argument");
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (!strcmp(name, strs[i].name)) {
            *(const char **)(void *)((char *)o + strs[i].off) = value;
            return ENT_OK;
        }
    if (!strcmp(name, "format")) {
        int f = ent_format_parse(value);
        if (f < 0)
            return ent_error_set(err, ENT_EOPTION, "format: '%s' is not text, csv, json, md or latex", value);
        o->fmt = (ent_format)f;
    } else if (!strcmp(name, "time_limit")) {
        char *end;
        double t = strtod(value, &end);
        if (*end || !(t > 0) || t > 1e9)
            return ent_error_set(err, ENT_EOPTION, "time_limit needs a positive number of seconds");
        o->time_limit = t;
    } else if (!strcmp(name, "threads")) {
        if (!whole(value, 1, 1024, &x))
            return ent_error_set(err, ENT_EOPTION, "threads needs a number from 1 to 1024");
        o->threads = (int)x;
    } else if (!strcmp(name, "seed")) {
        if (!whole(value, 0, ULONG_MAX, &x))
            return ent_error_set(err, ENT_EOPTION, "seed needs a non-negative integer");
        o->seed = (unsigned long)x;
        o->seed_set = 1;
    } else if (!strcmp(name, "samples")) {
        if (!whole(value, 1, 1000000000000ull, &x))
            return ent_error_set(err, ENT_EOPTION, "samples needs a number from 1 to 10^12");
        o->samples = x;
    } else if (!strcmp(name, "max_dense")) {
        if (!whole(value, 1, 30, &x))
            return ent_error_set(err, ENT_EOPTION, "max_dense needs a number from 1 to 30");
        o->max_dense = (int)x;
    } else if (!strcmp(name, "max_spe")) {
        if (!whole(value, 1, 1000000, &x))
            return ent_error_set(err, ENT_EOPTION, "max_spe needs a number from 1 to 1000000");
        o->max_spe = (int)x;
    } else if (!strcmp(name, "max_nodes")) {
        if (!whole(value, 1000, ULLONG_MAX, &x))
            return ent_error_set(err, ENT_EOPTION, "max_nodes needs a number of at least 1000");
        o->max_nodes = x;
    } else if (!strcmp(name, "exact") || !strcmp(name, "coalitions") || !strcmp(name, "reduce") ||
               !strcmp(name, "no_lotteries") || !strcmp(name, "values_table")) {
        if (strcmp(value, "0") && strcmp(value, "1"))
            return ent_error_set(err, ENT_EOPTION, "%s takes 0 or 1", name);
        int *flag = !strcmp(name, "exact")          ? &o->exact
                    : !strcmp(name, "coalitions")   ? &o->coalitions
                    : !strcmp(name, "no_lotteries") ? &o->no_lotteries
                    : !strcmp(name, "values_table") ? &o->values_table
                                                    : &o->reduce;
        *flag = value[0] == '1';
    } else
        return ent_error_set(err, ENT_EOPTION, "unknown option '%s'", name);
    return ENT_OK;
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
    for (int i = 0; i < ent_scenario_analysis_nconcepts(s) && rc == ANA_OK && !ent_interrupted(); i++) {
        const char *want = ent_scenario_analysis_concept(s, i);
        const ana_concept *c = ana_find(want);
        if (c && c->run) {
            ent_report_part(r, c->name);
            rc = c->run(ctx, r, err);
            continue;
        }
        char have[512];
        size_t len = 0;
        have[0] = '\0';
        for (int j = 0; ana_registry[j].name && len < sizeof have; j++)
            if (ana_registry[j].run)
                len += (size_t)snprintf(have + len, sizeof have - len, "%s%s",
                                        len ? ", " : "", ana_registry[j].name);
        ent_report_part(r, NULL);
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
    for (char *tok = strtok_r(list, ",", &save); tok && rc == ANA_OK && !ent_interrupted();
         tok = strtok_r(NULL, ",", &save)) {
        const ana_concept *c = ana_find(tok);
        if (!c) {
            ent_error_set(err, ENT_EOPTION, "unknown concept '%s'", tok);
            rc = ANA_BADOPT;
        } else if (!ctx->game && c->run && !(c->kinds & ENT_KIND_EXTENSIVE)) {
            ent_error_set(err, ENT_EOPTION,
                          "concept '%s' needs the normal form, which was not built (too large)", tok);
            rc = ANA_BADOPT;
        } else if (!c->run) {
            ent_error_set(err, ENT_EOPTION,
                          "'%s' is a coalitional concept: it runs on the coalition block (entente coalition)",
                          tok);
            rc = ANA_BADOPT;
        } else {
            ent_report_part(r, c->name);
            rc = c->run(ctx, r, err);
        }
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

static void tree_summary(const ent_efg *t, ent_report *r, int have_nf)
{
    char why[512];
    int recall = ent_efg_perfect_recall(t, why, sizeof why);
    ent_report_kv_str(r, "tree", "%d nodes, %d information sets, %s information, %s",
                      ent_efg_nnodes(t), ent_efg_ninfosets(t),
                      ent_efg_perfect_information(t) ? "perfect" : "imperfect",
                      recall ? "perfect recall" : "no perfect recall");
    ent_report_kv_str(r, "normal form", "%s",
                      !have_nf ? "not built (too large)"
                      : recall ? "reduced" : "full (no perfect recall)");
}

/* The common run: g (may be NULL for a tree without a normal form), s, tree. */
static int analyze_run(const ent_game *g, const ent_scenario *s, const ent_efg *tree,
                       const ent_efg_plans *plans, const char *nf_note,
                       const ent_analysis_opts *opts, ent_report **out, ent_error *err_out)
{
    ent_error err = {0, ""};
    ent_game *reduced = NULL;
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
        .disagreement = opts->disagreement,
        .powers = opts->powers,
        .no_lotteries = opts->no_lotteries,
        .game = g,
        .scenario = s,
        .tree = tree,
        .plans = plans,
        .max_spe = opts->max_spe,
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
    const char *title = ctx.game ? ent_game_title(ctx.game) : ent_efg_title(tree);
    ent_report *r = ent_report_new(title[0] ? title : ctx.input);
    if (!r) {
        ent_game_free(&reduced);
        return ent_error_set(err_out, ENT_ENOMEM, "out of memory");
    }
    if (ctx.game)
        game_summary(ctx.game, r);
    else
        ent_report_kv_str(r, "game", "%s", ent_efg_title(tree));
    if (tree)
        tree_summary(tree, r, ctx.game != NULL);
    if (!ctx.game)
        ent_report_text(r, "Normal form not built (%s); only the tree's concepts (spe, seqform) run.",
                        nf_note);
    if (opts->reduce)
        ent_report_kv_str(r, "reduced", "by iterated strict dominance (pure and mixed)");
    if (s)
        ana_scenario_summary(s, opts->input, r);
    unsigned have = (ctx.game ? ENT_KIND_NORMAL : 0) | (tree ? ENT_KIND_EXTENSIVE : 0);
    int rc;
    if (!ctx.concepts && s && ent_scenario_analysis_nconcepts(s) > 0)
        rc = run_scenario_list(&ctx, r, &err);
    else if (ctx.concepts)
        rc = run_named(&ctx, r, &err);
    else {
        rc = ANA_OK;
        for (const ana_concept *c = ana_registry; c->name && rc == ANA_OK && !ent_interrupted(); c++)
            if (c->dflt && c->run && (c->kinds & have)) {
                ent_report_part(r, c->name);
                rc = c->run(&ctx, r, &err);
            }
    }
    ent_report_part(r, NULL);
    ent_solver_thread_done();
    if (rc == ANA_OK && ent_interrupted()) {
        ent_report_kv_str(r, "interrupted", "yes (Ctrl-C): the results are incomplete");
        ent_report_text(r, "INTERRUPTED: solving was stopped by Ctrl-C; the results above are "
                           "those found before it, all verified, and concepts not yet started "
                           "were not run.");
    }
    int st = run_status(rc, &err);
    if (st == ENT_OK) {
        if (ctx.game) {
            ent_report_part(r, NULL);
            ana_eq_table(&ctx, r); /* JSON always carries an `equilibria` array, even empty */
        }
        ana_summary(&ctx, r);
        ana_provenance(&ctx, opts, r);
        ent_report_set_primary_table(r, primary_table(ctx.concepts ? ctx.concepts
                                                      : tree ? "spe" : NULL));
        *out = r;
    } else {
        ent_report_free(&r);
        if (err_out)
            *err_out = err;
    }
    ent_game_free(&reduced);
    return st;
}

int ent_analyze(const ent_game *g, const ent_scenario *s, const ent_analysis_opts *opts,
                ent_report **out, ent_error *err_out)
{
    ent_analysis_opts dflt;
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
    return analyze_run(g, s, NULL, NULL, "", opts, out, err_out);
}

int ent_analyze_tree(const ent_efg *t, const ent_analysis_opts *opts, ent_report **out,
                     ent_error *err_out)
{
    ent_analysis_opts dflt;
    *out = NULL;
    if (!opts) {
        ent_analysis_opts_init(&dflt);
        opts = &dflt;
    }
    if (!t)
        return ent_error_set(err_out, ENT_EINVAL, "ent_analyze_tree: no tree");
    if (opts->reduce)
        return ent_error_set(err_out, ENT_EOPTION,
                             "--reduce is not available for trees (.efg): the strategies must stay the tree's plans");
    ent_game_opts go;
    ent_game_opts_init(&go);
    go.mem_limit = (size_t)256 << 20;
    ent_game *g = NULL;
    ent_efg_plans *pl = NULL;
    ent_error e2 = {0, ""};
    char note[sizeof e2.msg];
    note[0] = '\0';
    int rc = ent_efg_to_nfg(t, 1, &go, &g, &pl, &e2);
    if (rc == ENT_ETOOBIG)
        snprintf(note, sizeof note, "%s", e2.msg);
    else if (rc != ENT_OK) {
        const char *in = opts->input ? opts->input : "tree";
        return ent_error_set(err_out, rc, "%s: %s", in, e2.msg);
    }
    rc = analyze_run(g, NULL, t, pl, note, opts, out, err_out);
    ent_game_free(&g);
    ent_efg_plans_free(&pl);
    return rc;
}
