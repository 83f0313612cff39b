/* cmd_solve.c — `entente solve FILE`: load a game, run the requested solution concepts,
 * write one report (text, CSV, JSON, Markdown or LaTeX). Concepts are listed in one
 * table; each adds its sections and verified rows of the "equilibria" table. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static const cli_concept concepts[] = {
    {"pure", "pure Nash equilibria, strict dominance by pure strategies, security levels", 1,
     cli_concept_pure},
    {"nash", "mixed equilibria of two-player games (--method enum|support|lemke|lemke=K|lp)", 1,
     cli_concept_nash},
    {"zerosum", "value and optimal strategies (constant-sum two-player games)", 1,
     cli_concept_zerosum},
    {"maxmin", "mixed security (maxmin) strategy of every player", 0, cli_concept_maxmin},
    {"correlated", "correlated equilibria: welfare range, actors' bounds, --objective (LP)", 0,
     cli_concept_correlated},
    {"cce", "coarse correlated equilibria (same reports as correlated)", 0, cli_concept_cce},
    {"dominance", "iterated strict (pure and mixed) and weak dominance, in order", 0,
     cli_concept_dominance},
    {"qre", "logit QRE branch traced to its limiting Nash equilibrium (n players)", 0,
     cli_concept_qre},
    {"enumpoly", "all Nash equilibria of small n-player games (support enumeration)", 0,
     cli_concept_enumpoly},
    {"strong", "strong and coalition-proof status and Pareto status of pure equilibria", 0,
     cli_concept_strong},
    {"pareto", "Pareto-optimal outcomes", 0, cli_concept_pareto},
    {"gmcr", "graph model: Nash, GMR, SMR, SEQ, SIM stability, explanations, coalitions", 0,
     cli_concept_gmcr},
    {"spe", "trees (.efg): subgame-perfect equilibria, paths, threats, non-credible Nash", 0,
     cli_concept_spe},
    {"seqform", "trees (.efg): sequence-form LP of two-player zero-sum games", 0,
     cli_concept_seqform},
    {"sweep", "scenario: pure equilibria along each analysis.sweep", 0, cli_concept_sweep},
    {"montecarlo", "scenario: share of samples where each outcome is a pure equilibrium", 0,
     cli_concept_montecarlo},
    {NULL, NULL, 0, NULL},
};

static int nconcepts(void)
{
    int n = 0;
    while (concepts[n].name)
        n++;
    return n;
}

static void solve_usage(FILE *f)
{
    fprintf(f,
            "usage: entente solve [options] [FILE]\n"
            "Solve a game (Gambit .nfg or .efg) or a scenario (.cfg) and report its\n"
            "equilibria. A tree (.efg) is solved as a tree (spe, seqform: run first by\n"
            "default) and through its reduced normal form (every other concept).\n"
            "Without FILE, solves the default scenario (configs/ukraine-2025.cfg).\n\n"
            "options:\n"
            "  -c, --concept LIST     comma-separated concepts (default: those marked *)\n"
            "  -f, --format FMT       text (default), csv, json, md, latex\n"
            "  -o, --output FILE      write the report to FILE (atomically)\n"
            "  -t, --threads N        worker threads (default: all cores)\n"
            "  -m, --method NAME      force an algorithm where a concept has several\n"
            "      --exact            certify results in exact rational arithmetic\n"
            "      --time-limit SECS  stop long enumerations, report what was found\n"
            "      --seed N           random seed (default 1; montecarlo: the scenario's)\n"
            "      --samples N        montecarlo: number of samples (default: the scenario's)\n"
            "      --objective EXPR   correlated/cce: also optimise EXPR, e.g.\n"
            "                         \"2*u(Russia) + u(2)\", \"min: welfare\"\n"
            "      --reduce           solve the game left by iterated strict dominance\n"
            "      --set NAME=VALUE   set a scenario parameter (repeatable)\n"
            "      --status-quo STATE gmcr: the status quo of a scenario (\"actor.option, ...\")\n"
            "      --coalitions       gmcr: add coalitional stability (cnash cgmr csmr cseq)\n"
            "      --max-spe N        spe: list at most N subgame-perfect equilibria (default 100)\n"
            "  -h, --help             this help\n\nconcepts:\n");
    for (int i = 0; i < nconcepts(); i++)
        fprintf(f, "  %-12s %s%s\n", concepts[i].name, concepts[i].summary,
                concepts[i].dflt ? " *" : "");
}

static int run_concept(cli_ctx *ctx, const char *name, ent_report *r, ent_error *err)
{
    for (int i = 0; i < nconcepts(); i++)
        if (!strcmp(concepts[i].name, name)) {
            if (!ctx->game && strcmp(name, "spe") && strcmp(name, "seqform")) {
                ent_error_set(err, ENT_ETOOBIG,
                              "%s: concept '%s' needs the normal form, which was not built "
                              "(too large)", ctx->input, name);
                return CLI_FAIL;
            }
            return concepts[i].run(ctx, r, err);
        }
    ent_error_set(err, ENT_ENOTFOUND, "unknown concept '%s' (see 'entente solve --help')", name);
    return CLI_USAGE;
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

/* --reduce: replace the game by what iterated strict dominance leaves. */
static int reduce_game(cli_ctx *ctx, ent_error *err)
{
    ent_game *red;
    int rc = ent_game_reduce_dominated(ctx->game, &red, err);
    if (rc != ENT_OK)
        return rc;
    ent_game_free(&ctx->game);
    ctx->game = red;
    return ENT_OK;
}

/* CSV writes one table: "equilibria", unless the first concept has its own table. */
static const char *csv_choice(const cli_ctx *ctx)
{
    static const char *own[][2] = {{"correlated", "correlated"}, {"cce", "correlated"},
                                   {"dominance", "dominance"},   {"strong", "strong"},
                                   {"pareto", "pareto"},
                                   {"sweep", "sweep"},           {"montecarlo", "montecarlo"}};
    if (!ctx->concepts)
        return "equilibria";
    size_t len = strcspn(ctx->concepts, ",");
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strlen(own[i][0]) == len && !strncmp(ctx->concepts, own[i][0], len))
            return own[i][1];
    return "equilibria";
}

int cmd_solve(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"concept", required_argument, 0, 'c'},  {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},   {"threads", required_argument, 0, 't'},
        {"method", required_argument, 0, 'm'},   {"exact", no_argument, 0, 'x'},
        {"time-limit", required_argument, 0, 'T'}, {"seed", required_argument, 0, 's'},
        {"objective", required_argument, 0, 'O'}, {"reduce", no_argument, 0, 'R'},
        {"set", required_argument, 0, 'S'},       {"help", no_argument, 0, 'h'},
        {"status-quo", required_argument, 0, 'Q'},
        {"samples", required_argument, 0, 'N'},
        {"coalitions", no_argument, 0, 'K'},
        {"max-spe", required_argument, 0, 'P'},
        {0, 0, 0, 0}};
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.prog = "entente solve";
    ctx.seed = 1;
    int c;
    char *end;
    char **sets = NULL;
    int nsets = 0;
    ent_scenario *scen = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:f:o:t:m:h", lopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            ctx.concepts = optarg;
            break;
        case 'f': {
            int f = ent_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "entente solve: unknown format '%s' (text, csv, json, md, latex)\n", optarg);
                return CLI_USAGE;
            }
            ctx.fmt = (ent_format)f;
            break;
        }
        case 'o':
            ctx.output = optarg;
            break;
        case 't':
            ctx.threads = (int)strtol(optarg, &end, 10);
            if (*end || ctx.threads < 1 || ctx.threads > 1024) {
                fprintf(stderr, "entente solve: --threads needs a number from 1 to 1024\n");
                return CLI_USAGE;
            }
            break;
        case 'm':
            ctx.method = optarg;
            break;
        case 'x':
            ctx.exact = 1;
            break;
        case 'T':
            ctx.time_limit = strtod(optarg, &end);
            if (*end || !(ctx.time_limit > 0)) {
                fprintf(stderr, "entente solve: --time-limit needs a positive number of seconds\n");
                return CLI_USAGE;
            }
            break;
        case 's':
            ctx.seed = strtoul(optarg, &end, 10);
            if (*end) {
                fprintf(stderr, "entente solve: --seed needs a non-negative integer\n");
                return CLI_USAGE;
            }
            ctx.seed_set = 1;
            break;
        case 'N':
            ctx.samples = strtoull(optarg, &end, 10);
            if (*end || optarg[0] == '-' || ctx.samples < 1 || ctx.samples > 1000000000ULL) {
                free(sets);
                fprintf(stderr, "entente solve: --samples needs a number from 1 to 1000000000\n");
                return CLI_USAGE;
            }
            break;
        case 'O':
            ctx.objective = optarg;
            break;
        case 'R':
            ctx.reduce = 1;
            break;
        case 'S': {
            char **ns = realloc(sets, sizeof(char *) * (size_t)(nsets + 1));
            if (!ns) {
                free(sets);
                return cli_fail("out of memory");
            }
            sets = ns;
            sets[nsets++] = optarg;
            break;
        }
        case 'Q':
            ctx.status_quo = optarg;
            break;
        case 'K':
            ctx.coalitions = 1;
            break;
        case 'P':
            ctx.max_spe = (int)strtol(optarg, &end, 10);
            if (*end || ctx.max_spe < 1 || ctx.max_spe > 1000000) {
                free(sets);
                fprintf(stderr, "entente solve: --max-spe needs a number from 1 to 1000000\n");
                return CLI_USAGE;
            }
            break;
        case 'h':
            free(sets);
            solve_usage(stdout);
            return CLI_OK;
        default:
            free(sets);
            fprintf(stderr, "Try 'entente solve --help'.\n");
            return CLI_USAGE;
        }
    }
    if (optind < argc - 1) {
        free(sets);
        fprintf(stderr, "entente solve: expected one FILE\nTry 'entente solve --help'.\n");
        return CLI_USAGE;
    }
    ctx.input = optind == argc ? cli_default_scenario() : argv[optind];
    if (ctx.reduce && cli_is_scenario(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --reduce is not available for scenarios (strategy indices must stay those of the scenario)\n");
        return CLI_USAGE;
    }
    if (ctx.reduce && cli_is_tree(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --reduce is not available for trees (.efg)\n");
        return CLI_USAGE;
    }
    if (nsets && !cli_is_scenario(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --set applies to scenario files (.cfg)\n");
        return CLI_USAGE;
    }
#ifdef _OPENMP
    if (ctx.threads > 0)
        omp_set_num_threads(ctx.threads);
#endif
    ent_error err = {0, ""};
    char nf_note[sizeof err.msg];
    nf_note[0] = '\0';
    int lrc = cli_is_scenario(ctx.input)
                  ? cli_load_scenario(ctx.input, sets, nsets, &scen, &ctx.game, &err)
              : cli_is_tree(ctx.input)
                  ? cli_load_tree(ctx.input, &ctx.tree, &ctx.game, &ctx.plans, nf_note,
                                  sizeof nf_note, &err)
                  : cli_load_game(ctx.input, &ctx.game, &err);
    free(sets);
    if (lrc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    if (ctx.reduce && reduce_game(&ctx, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        ent_game_free(&ctx.game);
        ent_scenario_free(&scen);
        return CLI_FAIL;
    }
    ctx.scenario = scen; /* never with --reduce: refused above for scenarios */
    const char *title = ctx.game ? ent_game_title(ctx.game) : ent_efg_title(ctx.tree);
    ent_report *r = ent_report_new(title[0] ? title : ctx.input);
    if (!r) {
        ent_game_free(&ctx.game);
        ent_scenario_free(&scen);
        return cli_fail("out of memory");
    }
    if (ctx.game)
        game_summary(ctx.game, r);
    if (ctx.tree)
        tree_summary(ctx.tree, r, ctx.game != NULL);
    if (!ctx.game) /* a tree whose normal form is too large: its own concepts only */
        ent_report_text(r, "Normal form not built (%s); only the tree's concepts (spe, seqform) are run.",
                        nf_note);
    if (ctx.reduce)
        ent_report_kv_str(r, "reduced", "by iterated strict dominance (pure and mixed)");
    if (scen)
        cli_scenario_summary(scen, r);
    int rc = CLI_OK;
    if (!ctx.concepts && scen && ent_scenario_analysis_nconcepts(scen) > 0) {
        /* the scenario's analysis block names the concepts */
        for (int i = 0; i < ent_scenario_analysis_nconcepts(scen) && rc == CLI_OK; i++) {
            const char *want = ent_scenario_analysis_concept(scen, i);
            int k = -1;
            for (int j = 0; j < nconcepts(); j++)
                if (!strcmp(concepts[j].name, want))
                    k = j;
            if (k >= 0) {
                rc = concepts[k].run(&ctx, r, &err);
                continue;
            }
            char have[512];
            size_t len = 0;
            have[0] = '\0';
            for (int j = 0; j < nconcepts() && len < sizeof have; j++)
                len += (size_t)snprintf(have + len, sizeof have - len, "%s%s", j ? ", " : "", concepts[j].name);
            ent_report_text(r, "concept '%s' requested by the scenario is not available in this build (available: %s)",
                            want, nconcepts() ? have : "none");
        }
    } else if (ctx.concepts) {
        char *list = strdup(ctx.concepts), *save = NULL;
        for (char *tok = list ? strtok_r(list, ",", &save) : NULL; tok && rc == CLI_OK;
             tok = strtok_r(NULL, ",", &save))
            rc = run_concept(&ctx, tok, r, &err);
        free(list);
    } else {
        if (ctx.tree) { /* a tree: its own concepts first */
            rc = cli_concept_spe(&ctx, r, &err);
            if (rc == CLI_OK)
                rc = cli_concept_seqform(&ctx, r, &err);
        }
        for (int i = 0; i < nconcepts() && rc == CLI_OK && ctx.game; i++)
            if (concepts[i].dflt)
                rc = concepts[i].run(&ctx, r, &err);
    }
    if (rc == CLI_USAGE)
        fprintf(stderr, "entente solve: %s\n", err.msg);
    else if (rc != CLI_OK)
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "entente solve: failed");
    else {
        if (ctx.game)
            cli_eq_table(&ctx, r); /* JSON always carries an `equilibria` array, even empty */
        rc = cli_write_report(&ctx, r, csv_choice(&ctx));
    }
    ent_report_free(&r);
    ent_game_free(&ctx.game);
    ent_efg_free(&ctx.tree);
    ent_efg_plans_free(&ctx.plans);
    ent_scenario_free(&scen);
    return rc;
}
