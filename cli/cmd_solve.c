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
    {"gmcr", "graph model: Nash, GMR, SMR, SEQ, SIM stability, explanations, coalitions", 0,
     cli_concept_gmcr},
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
            "usage: entente solve [options] FILE\n"
            "Solve a game (Gambit .nfg) and report its equilibria.\n\n"
            "options:\n"
            "  -c, --concept LIST     comma-separated concepts (default: those marked *)\n"
            "  -f, --format FMT       text (default), csv, json, md, latex\n"
            "  -o, --output FILE      write the report to FILE (atomically)\n"
            "  -t, --threads N        worker threads (default: all cores)\n"
            "  -m, --method NAME      force an algorithm where a concept has several\n"
            "      --exact            certify results in exact rational arithmetic\n"
            "      --time-limit SECS  stop long enumerations, report what was found\n"
            "      --seed N           random seed (default 1)\n"
            "  -h, --help             this help\n\nconcepts:\n");
    for (int i = 0; i < nconcepts(); i++)
        fprintf(f, "  %-12s %s%s\n", concepts[i].name, concepts[i].summary,
                concepts[i].dflt ? " *" : "");
}

static int run_concept(cli_ctx *ctx, const char *name, ent_report *r, ent_error *err)
{
    for (int i = 0; i < nconcepts(); i++)
        if (!strcmp(concepts[i].name, name))
            return concepts[i].run(ctx, r, err);
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

int cmd_solve(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"concept", required_argument, 0, 'c'},  {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},   {"threads", required_argument, 0, 't'},
        {"method", required_argument, 0, 'm'},   {"exact", no_argument, 0, 'x'},
        {"time-limit", required_argument, 0, 'T'}, {"seed", required_argument, 0, 's'},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.prog = "entente solve";
    ctx.seed = 1;
    int c;
    char *end;
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
            break;
        case 'h':
            solve_usage(stdout);
            return CLI_OK;
        default:
            fprintf(stderr, "Try 'entente solve --help'.\n");
            return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "entente solve: expected one FILE\nTry 'entente solve --help'.\n");
        return CLI_USAGE;
    }
    ctx.input = argv[optind];
#ifdef _OPENMP
    if (ctx.threads > 0)
        omp_set_num_threads(ctx.threads);
#endif
    ent_error err = {0, ""};
    if (cli_load_game(ctx.input, &ctx.game, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    ent_report *r = ent_report_new(ent_game_title(ctx.game)[0] ? ent_game_title(ctx.game) : ctx.input);
    if (!r) {
        ent_game_free(&ctx.game);
        return cli_fail("out of memory");
    }
    game_summary(ctx.game, r);
    int rc = CLI_OK;
    if (ctx.concepts) {
        char *list = strdup(ctx.concepts), *save = NULL;
        for (char *tok = list ? strtok_r(list, ",", &save) : NULL; tok && rc == CLI_OK;
             tok = strtok_r(NULL, ",", &save))
            rc = run_concept(&ctx, tok, r, &err);
        free(list);
    } else {
        for (int i = 0; i < nconcepts() && rc == CLI_OK; i++)
            if (concepts[i].dflt)
                rc = concepts[i].run(&ctx, r, &err);
    }
    if (rc == CLI_USAGE)
        fprintf(stderr, "entente solve: %s\n", err.msg);
    else if (rc != CLI_OK)
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "entente solve: failed");
    else
        rc = cli_write_report(&ctx, r, "equilibria");
    ent_report_free(&r);
    ent_game_free(&ctx.game);
    return rc;
}
