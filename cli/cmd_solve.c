/* cmd_solve.c — `entente solve FILE`: load a game, run the requested solution concepts,
 * write one report (text, CSV, JSON, Markdown or LaTeX). The concepts run in the library
 * (ent_analyze); this file parses the arguments, loads the input and writes the report. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void solve_usage(FILE *f)
{
    fprintf(f,
            "usage: entente solve [options] [FILE]\n"
            "Solve a game (Gambit .nfg or .efg, lrsnash .lrs) or a scenario (.cfg) and report its\n"
            "equilibria. A tree (.efg) is solved as a tree (spe, seqform) and through its\n"
            "reduced normal form (every other concept).\n"
            "Without FILE, solves the default scenario (configs/ukraine-2025.cfg).\n\n"
            "options:\n"
            "  -c, --concept LIST     comma-separated concepts (default: those marked *)\n"
            "  -f, --format FMT       text (default), csv, json, md, latex\n"
            "  -o, --output FILE      write the report to FILE (atomically; without -f in the\n"
            "                         format of its extension: .csv .json .md .tex .txt)\n"
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
            "      --disagreement D   bargaining: maxmin (default), nash, or an outcome\n"
            "                         (\"Dare / Chicken\")\n"
            "      --powers LIST      bargaining: Nash bargaining powers, e.g. \"2,1\"\n"
            "      --no-lotteries     bargaining: the outcomes only, not their lotteries\n"
            "      --max-spe N        spe: list at most N subgame-perfect equilibria (default 100)\n"
            "      --digits N         significant digits of every number written (1-17, default 12)\n"
            "      --manifest FILE    with -o: also write FILE, a manifest of the run (command,\n"
            "                         provenance, the output's SHA-256) for 'entente verify-run'\n"
            "      --from FMT         FILE '-' (standard input) is in FMT: nfg, efg, lrs or cfg\n"
            "                         (default: told from its first bytes)\n"
            CLI_VIEW_HELP
            "  -h, --help             this help\n\n"
            "Every report ends with its provenance (program, input and its SHA-256, parameters,\n"
            "concepts, seed, date: SOURCE_DATE_EPOCH when set) so that it can be reproduced.\n\n"
            "concepts:\n");
    ent_concept_info c;
    for (int i = 0; ent_concept_info_get(i, &c) == ENT_OK; i++)
        if (!(c.kinds & ENT_KIND_COALITION))
            fprintf(f, "  %-12s %s%s\n", c.name, c.summary, c.dflt ? " *" : "");
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
        {"disagreement", required_argument, 0, 'D'},
        {"powers", required_argument, 0, 'P'},
        {"no-lotteries", no_argument, 0, 'L'},
        {"max-spe", required_argument, 0, 'E'},
        {"digits", required_argument, 0, 'G'},
        {"manifest", required_argument, 0, 'M'},
        {"from", required_argument, 0, 'F'},
        CLI_VIEW_LONGOPTS,
        {0, 0, 0, 0}};
    cli_view view;
    cli_view_init(&view);
    ent_analysis_opts ctx;
    ent_analysis_opts_init(&ctx);
    ent_game *game = NULL;
    const char *output = NULL, *manifest = NULL;
    int c;
    char *end;
    char **sets = NULL;
    int nsets = 0;
    ent_scenario *scen = NULL;
    optind = 1;
    int fmt_given = 0;
    const char *from = NULL;
    while ((c = getopt_long(argc, argv, "c:f:o:t:m:h", lopts, NULL)) != -1) {
        int vo = cli_view_option(&view, c, optarg);
        if (vo < 0) {
            free(sets);
            fprintf(stderr, "Try 'entente solve --help'.\n");
            return CLI_USAGE;
        }
        if (vo > 0)
            continue;
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
            fmt_given = 1;
            break;
        }
        case 'o':
            output = optarg;
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
            if (cli_usage_set(optarg) != CLI_OK) {
                free(sets);
                return CLI_USAGE;
            }
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
        case 'D':
            ctx.disagreement = optarg;
            break;
        case 'P':
            ctx.powers = optarg;
            break;
        case 'L':
            ctx.no_lotteries = 1;
            break;
        case 'E':
            ctx.max_spe = (int)strtol(optarg, &end, 10);
            if (*end || ctx.max_spe < 1 || ctx.max_spe > 1000000) {
                free(sets);
                fprintf(stderr, "entente solve: --max-spe needs a number from 1 to 1000000\n");
                return CLI_USAGE;
            }
            break;
        case 'G':
            if (cli_parse_digits(optarg) != CLI_OK) {
                free(sets);
                return CLI_USAGE;
            }
            break;
        case 'M':
            manifest = optarg;
            break;
        case 'F':
            from = optarg;
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
    if (!fmt_given && cli_format_from_name(output) >= 0) /* -o x.csv: CSV */
        ctx.fmt = (ent_format)cli_format_from_name(output);
    ctx.input = optind == argc ? cli_default_scenario() : argv[optind];
    if (from && strcmp(ctx.input, "-")) {
        free(sets);
        fprintf(stderr, "entente solve: --from applies to standard input (FILE '-')\n");
        return CLI_USAGE;
    }
    if (!strcmp(ctx.input, "-")) {
        ent_error e0 = {0, ""};
        int src = cli_stdin_prepare(from, &e0);
        if (src != ENT_OK) {
            free(sets);
            fprintf(stderr, "entente solve: %s\n", e0.msg);
            return src == ENT_EOPTION ? CLI_USAGE : CLI_FAIL;
        }
    }
    if (ctx.reduce && cli_is_scenario(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --reduce is not available for scenarios (strategy indices must stay those of the scenario)\n");
        return CLI_USAGE;
    }
    if (nsets && !cli_is_scenario(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --set applies to scenario files (.cfg)\n");
        return CLI_USAGE;
    }
    if (ctx.reduce && cli_is_tree(ctx.input)) {
        free(sets);
        fprintf(stderr, "entente solve: --reduce is not available for trees (.efg)\n");
        return CLI_USAGE;
    }
    const char *why;
    if (!ent_source_date_check(&why)) {
        free(sets);
        fprintf(stderr, "entente solve: %s\n", why);
        return CLI_USAGE;
    }
    if (manifest && (!output || !strcmp(output, "-") || cli_solve_hook)) {
        free(sets);
        fprintf(stderr, "entente solve: --manifest needs -o FILE (the output it records)\n");
        return CLI_USAGE;
    }
    if (cli_solve_hook && (output || fmt_given)) {
        free(sets);
        fprintf(stderr, "entente report: -o and -f are options of solve; report writes every "
                        "format into --out DIR\n");
        return CLI_USAGE;
    }
    if (cli_solve_hook) { /* `entente report`: the same options, its own run and files */
        int hrc = cli_solve_hook(&ctx, sets, nsets);
        free(sets);
        return hrc;
    }
    ent_error err = {0, ""};
    ent_efg *tree = NULL;
    /* the input's SHA-256 for the provenance (a scenario's own covers its includes) */
    char sha[65];
    if (!cli_is_scenario(ctx.input) && strcmp(ctx.input, "-") &&
        ent_sha256_file(ctx.input, sha, NULL) == ENT_OK)
        ctx.input_sha256 = sha;
    else if (!cli_is_scenario(ctx.input) && !strcmp(ctx.input, "-"))
        ctx.input_sha256 = cli_stdin_sha256(sha);
    int lrc = cli_is_scenario(ctx.input)
                  ? cli_load_scenario(ctx.input, sets, nsets, &scen, &game, &err)
              : cli_is_tree(ctx.input) ? cli_read_tree(ctx.input, &tree, &err)
                                       : cli_load_game(ctx.input, &game, &err);
    free(sets);
    if (lrc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    ent_report *r = NULL;
    cli_progress_install(view.quiet);
    int rc = tree ? ent_analyze_tree(tree, &ctx, &r, &err) : ent_analyze(game, scen, &ctx, &r, &err);
    cli_progress_end();
    if (rc == ENT_EOPTION) {
        int unknown = !strncmp(err.msg, "unknown concept", 15);
        fprintf(stderr, "entente solve: %s%s\n", err.msg,
                unknown ? " (see 'entente solve --help')" : "");
        rc = CLI_USAGE;
    } else if (rc != ENT_OK) {
        /* one line naming the file, whichever concept failed */
        size_t il = strlen(ctx.input);
        if (strncmp(err.msg, ctx.input, il) != 0 || err.msg[il] != ':')
            fprintf(stderr, "%s: ", ctx.input);
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "failed");
        rc = CLI_FAIL;
    } else if (cli_view_finish(&view, r, output) != 0) {
        fprintf(stderr, "Try 'entente solve --help'.\n");
        rc = CLI_USAGE;
    } else {
        char *cmd = cli_command_line("solve", argc, argv);
        if (cmd)
            ent_report_provenance(r, "command", "%s", cmd);
        free(cmd);
        cli_ctx out = {.output = output, .fmt = ctx.fmt, .view = &view.w};
        rc = cli_write_report(&out, r, NULL);
        if (rc == CLI_OK && manifest)
            rc = cli_write_manifest(manifest, argc, argv, &ctx, r, &output, 1);
        if (rc == CLI_OK && ent_interrupted()) {
            fprintf(stderr, "entente solve: interrupted: the report holds the results found "
                            "before Ctrl-C\n");
            rc = CLI_INTERRUPTED;
        }
    }
    ent_report_free(&r);
    ent_game_free(&game);
    ent_efg_free(&tree);
    ent_scenario_free(&scen);
    return rc;
}
