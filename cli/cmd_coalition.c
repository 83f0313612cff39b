/* cmd_coalition.c — `entente coalition FILE`: parse the options, load the scenario, run
 * its coalitional concepts (ent_analyze_coalition: core, nucleolus, Shapley, Banzhaf,
 * power, cartels) and write the report in the chosen format. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: entente coalition [options] FILE\n"
            "Analyse the coalitional game of a scenario's `coalition` block (or derived from\n"
            "its normal form with --derive): core, nucleolus, Shapley, power, cartels.\n\n"
            "options:\n"
            "  -c, --concept LIST     comma-separated concepts (default: those that apply)\n"
            "  -f, --format FMT       text (default), csv, json, md, latex\n"
            "  -o, --output FILE      write the report to FILE (atomically; without -f in the\n"
            "                         format of its extension: .csv .json .md .tex .txt)\n"
            "  -t, --threads N        worker threads (default: all cores)\n"
            "      --exact            re-solve the nucleolus LPs with GLPK's exact simplex\n"
            "      --samples N        marginal contributions for sampled Shapley (100000)\n"
            "      --seed N           random seed for sampling (default 1)\n"
            "      --derive MODE      alpha or beta characteristic function of the\n"
            "                         scenario's normal form (pure-alpha, pure-beta too)\n"
            "      --members LIST     analyse only these member ids (comma-separated)\n"
            "      --max-dense N      largest member count for the 2^n table (default 25)\n"
            "      --max-nodes N      branch-and-bound nodes per search: core and nucleolus\n"
            "                         above --max-dense, cartels above 20 members\n"
            "                         (default 67108864 = 2^26)\n"
            "      --transfers LIST   cartel transfer schemes to compare: shapley,\n"
            "                         nucleolus, optimal (default: all that apply up to 20\n"
            "                         members, none above)\n"
            "      --values-out FILE  also write every coalition value v(S), 2^n - 1 numbers in\n"
            "                         CoopGame's order (by size, then lexicographic), on one\n"
            "                         line (at most 20 members; what `values = [ ... ]` reads)\n"
            CLI_VIEW_HELP
            "  -h, --help             this help\n\nconcepts:\n");
    ent_concept_info c;
    for (int i = 0; ent_concept_info_get(i, &c) == ENT_OK; i++)
        if (c.kinds & ENT_KIND_COALITION)
            fprintf(f, "  %-10s %s\n", c.name, c.summary);
}

/* The concept names are checked before the file is read: a usage error comes first. */
static int check_concepts(const char *list)
{
    char *d = strdup(list), *save = NULL;
    if (!d)
        return cli_fail("out of memory");
    int rc = CLI_OK;
    for (char *t = strtok_r(d, ",", &save); t && rc == CLI_OK; t = strtok_r(NULL, ",", &save)) {
        ent_concept_info c;
        int i = ent_concept_find(t);
        if (i < 0 || ent_concept_info_get(i, &c) != ENT_OK || !(c.kinds & ENT_KIND_COALITION)) {
            fprintf(stderr, "entente coalition: unknown concept '%s' (see 'entente coalition --help')\n", t);
            rc = CLI_USAGE;
        }
    }
    free(d);
    return rc;
}

/* The shortest decimal that reads back to the same double. */
static void put_double(FILE *f, double v)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}

static int emit_values(FILE *f, void *arg)
{
    const ent_table *t = arg;
    int cv = ent_table_find_col(t, "value");
    for (size_t i = 0; i < ent_table_nrows(t); i++) {
        if (i)
            fputc(' ', f);
        put_double(f, ent_table_cell_num(t, i, cv));
    }
    fputc('\n', f);
    return ferror(f) ? ENT_EIO : ENT_OK;
}

/* --values-out: the coalition_values table as one line of numbers. */
static int write_values(const char *path, const ent_report *r)
{
    const ent_table *t = ent_report_find_table(r, "coalition_values");
    if (!t)
        return cli_fail("--values-out: the coalition values are not available: the vector "
                        "is written for at most 20 members, from a game stored whole");
    return cli_write_file(path, emit_values, (void *)t);
}

int cmd_coalition(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"concept", required_argument, 0, 'c'}, {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},  {"threads", required_argument, 0, 't'},
        {"exact", no_argument, 0, 'x'},         {"samples", required_argument, 0, 'S'},
        {"seed", required_argument, 0, 's'},    {"derive", required_argument, 0, 'd'},
        {"members", required_argument, 0, 'M'}, {"max-dense", required_argument, 0, 'D'},
        {"max-nodes", required_argument, 0, 'B'},
        {"transfers", required_argument, 0, 'T'}, {"help", no_argument, 0, 'h'},
        {"values-out", required_argument, 0, 'V'},
        CLI_VIEW_LONGOPTS,
        {0, 0, 0, 0}};
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    const char *output = NULL;
    int c;
    char *end;
    optind = 1;
    int fmt_given = 0;
    cli_view view;
    cli_view_init(&view);
    const char *values_out = NULL;
    while ((c = getopt_long(argc, argv, "c:f:o:t:h", lopts, NULL)) != -1) {
        int vo = cli_view_option(&view, c, optarg);
        if (vo < 0) {
            fprintf(stderr, "Try 'entente coalition --help'.\n");
            return CLI_USAGE;
        }
        if (vo > 0)
            continue;
        switch (c) {
        case 'c':
            o.concepts = optarg;
            break;
        case 'f': {
            int f = ent_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "entente coalition: unknown format '%s' (text, csv, json, md, "
                                "latex)\n",
                        optarg);
                return CLI_USAGE;
            }
            o.fmt = (ent_format)f;
            fmt_given = 1;
            break;
        }
        case 'o':
            output = optarg;
            break;
        case 't':
            o.threads = (int)strtol(optarg, &end, 10);
            if (*end || o.threads < 1 || o.threads > 1024) {
                fprintf(stderr, "entente coalition: --threads needs a number from 1 to 1024\n");
                return CLI_USAGE;
            }
            break;
        case 'x':
            o.exact = 1;
            break;
        case 'S': {
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || v < 1 || v > 1000000000000ull) {
                fprintf(stderr, "entente coalition: --samples needs a number from 1 to 10^12\n");
                return CLI_USAGE;
            }
            o.samples = v;
            break;
        }
        case 's':
            o.seed = strtoul(optarg, &end, 10);
            if (*end) {
                fprintf(stderr, "entente coalition: --seed needs a non-negative integer\n");
                return CLI_USAGE;
            }
            o.seed_set = 1;
            break;
        case 'd':
            if (strcmp(optarg, "alpha") && strcmp(optarg, "beta") &&
                strcmp(optarg, "pure-alpha") && strcmp(optarg, "pure-beta")) {
                fprintf(stderr, "entente coalition: --derive takes alpha, beta, pure-alpha or "
                                "pure-beta\n");
                return CLI_USAGE;
            }
            o.derive = optarg;
            break;
        case 'M':
            o.members = optarg;
            break;
        case 'B': {
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || errno || v < 1000 || optarg[0] == '-') {
                fprintf(stderr, "entente coalition: --max-nodes needs a number of at least 1000\n");
                return CLI_USAGE;
            }
            o.max_nodes = v;
            break;
        }
        case 'D':
            o.max_dense = (int)strtol(optarg, &end, 10);
            if (*end || o.max_dense < 1 || o.max_dense > 30) {
                fprintf(stderr, "entente coalition: --max-dense needs a number from 1 to 30\n");
                return CLI_USAGE;
            }
            break;
        case 'T':
            o.transfers = optarg;
            break;
        case 'V':
            values_out = optarg;
            o.values_table = 1;
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            fprintf(stderr, "Try 'entente coalition --help'.\n");
            return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "entente coalition: expected one FILE\nTry 'entente coalition --help'.\n");
        return CLI_USAGE;
    }
    if (!fmt_given && cli_format_from_name(output) >= 0) /* -o x.csv: CSV */
        o.fmt = (ent_format)cli_format_from_name(output);
    o.input = argv[optind];
    if (o.concepts && check_concepts(o.concepts) != CLI_OK)
        return CLI_USAGE;
    ent_error err = {0, ""};
    ent_scenario *s = NULL;
    ent_report *r = NULL;
    if (!strcmp(o.input, "-") && cli_stdin_prepare("cfg", &err) != ENT_OK) {
        fprintf(stderr, "entente coalition: %s\n", err.msg);
        return CLI_FAIL;
    }
    if (cli_scenario_load(o.input, &s, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    cli_progress_install(view.quiet);
    int rc = ent_analyze_coalition(s, &o, &r, &err);
    cli_progress_end();
    if (rc == ENT_EOPTION) {
        fprintf(stderr, "entente coalition: %s\n", err.msg);
        rc = CLI_USAGE;
    } else if (rc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        rc = CLI_FAIL;
    } else if (cli_view_finish(&view, r, output) != 0) {
        fprintf(stderr, "Try 'entente coalition --help'.\n");
        rc = CLI_USAGE;
    } else {
        char *cmd = cli_command_line("coalition", argc, argv);
        if (cmd)
            ent_report_provenance(r, "command", "%s", cmd);
        free(cmd);
        cli_ctx out = {.output = output, .fmt = o.fmt, .view = &view.w};
        rc = values_out ? write_values(values_out, r) : CLI_OK;
        if (rc == CLI_OK)
            rc = cli_write_report(&out, r, NULL);
        if (rc == CLI_OK && err.status != 0) { /* written, but some concept was refused */
            fprintf(stderr, "%s\n", err.msg);
            rc = CLI_PARTIAL;
        }
    }
    ent_report_free(&r);
    ent_scenario_free(&s);
    return rc;
}
