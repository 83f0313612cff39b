/* cmd_check.c — `entente check FILE`: load and validate a scenario, print its parameters,
 * actors, strategies, profile count and, when small, the compiled payoff table. */
#include "cli.h"

#include <errno.h>

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_TABLE_MAX 256 /* profiles printed by check */

static const char *const pref_kinds[] = {"additive payoff rules (cardinal)",
                                         "prioritised statements (ordinal: lexicographic scores)",
                                         "explicit outcome table"};

static void print_check(const ent_scenario *s, const ent_game *g, const char *name)
{
    char num[32], buf[512];
    int n = ent_scenario_nactors(s);
    printf("scenario: %s\n", ent_scenario_title(s)[0] ? ent_scenario_title(s) : "(untitled)");
    printf("file: %s\n", name);
    if (ent_scenario_source(s)[0])
        printf("source: %s\n", ent_scenario_source(s));
    printf("parameters: %d\n", ent_scenario_nparams(s));
    for (int i = 0; i < ent_scenario_nparams(s); i++) {
        double v = ent_scenario_param_value(s, i);
        printf("  %s = %s", ent_scenario_param_name(s, i), ent_fmt_num(num, v));
        if (v != ent_scenario_param_point(s, i))
            printf("  (set; loaded %s)", ent_fmt_num(num, ent_scenario_param_point(s, i)));
        if (ent_scenario_param_is_random(s, i)) {
            ent_scenario_param_dist(s, i, buf, sizeof buf);
            printf("  ~ %s%s", buf, ent_scenario_param_is_fixed(s, i) ? " (not drawn: fixed by --set)" : "");
        }
        printf("\n");
    }
    if (n > 0) {
        printf("actors: %d\n", n);
        for (int a = 0; a < n; a++) {
            printf("  %s (%s): %d %s:", ent_scenario_actor_id(s, a), ent_scenario_actor_name(s, a),
                   ent_scenario_nstrategies(s, a), ent_scenario_nstrategies(s, a) == 1 ? "strategy" : "strategies");
            for (int j = 0; j < ent_scenario_nstrategies(s, a); j++)
                printf("%s %s", j ? "," : "", ent_game_strategy_label(g, a, j));
            printf("\n");
        }
        uint64_t np = ent_scenario_nprofiles(s), feas = ent_scenario_count_feasible(s);
        printf("profiles: %llu (%llu feasible)\n", (unsigned long long)np, (unsigned long long)feas);
        printf("preferences: %s\n", pref_kinds[ent_scenario_pref_kind(s)]);
        if (ent_scenario_nstages(s)) {
            printf("sequence:");
            for (int st = 0; st < ent_scenario_nstages(s); st++) {
                printf("%s", st ? " ->" : "");
                for (int j = 0; j < ent_scenario_stage_nactors(s, st); j++)
                    printf("%s %s", j ? "," : "", ent_scenario_actor_id(s, ent_scenario_stage_actor(s, st, j)));
            }
            printf("\n");
        }
    }
    if (ent_scenario_has_coalition(s)) {
        static const char *const kinds[] = {"attributes only", "value expression", "values table",
                                            "weighted voting"};
        printf("coalition: %d members, %s\n", ent_scenario_coalition_nmembers(s),
               kinds[ent_scenario_coalition_kind(s)]);
        for (int i = 0; i < ent_scenario_coalition_nmembers(s); i++) {
            printf("  %s (%s):", ent_scenario_coalition_member(s, i), ent_scenario_coalition_member_name(s, i));
            for (int k = 0; k < ent_scenario_coalition_nattrs(s); k++)
                printf(" %s=%s", ent_scenario_coalition_attr_name(s, k),
                       ent_fmt_num(num, ent_scenario_coalition_attr(s, i, k)));
            printf("\n");
        }
        if (!isnan(ent_scenario_coalition_quota(s)))
            printf("  quota: %s\n", ent_fmt_num(num, ent_scenario_coalition_quota(s)));
        int all[64], m = ent_scenario_coalition_nmembers(s);
        double v;
        for (int i = 0; i < m && i < 64; i++)
            all[i] = i;
        if (ent_scenario_coalition_value(s, all, m, &v) == ENT_OK)
            printf("  value of the grand coalition: %s\n", ent_fmt_num(num, v));
        for (int j = 0; j < ent_scenario_coalition_nvalues(s); j++) {
            const int *mem;
            int k;
            ent_scenario_coalition_value_entry(s, j, &mem, &k, &v);
            printf("  v({");
            for (int q = 0; q < k; q++)
                printf("%s%s", q ? ", " : "", ent_scenario_coalition_member(s, mem[q]));
            printf("}) = %s\n", ent_fmt_num(num, v));
        }
    }
    if (ent_scenario_analysis_nconcepts(s)) {
        printf("analysis:");
        for (int i = 0; i < ent_scenario_analysis_nconcepts(s); i++)
            printf(" %s", ent_scenario_analysis_concept(s, i));
        printf("\n");
    }
    if (ent_scenario_status_quo(s))
        printf("status quo: \"%s\"%s\n", ent_scenario_status_quo(s), ent_scenario_status_quo(s)[0] ? "" : " (every option off)");
    if (!g)
        return;
    uint64_t np = ent_game_nprofiles(g);
    if (np > CHECK_TABLE_MAX) {
        printf("payoff table: not printed (%llu profiles; at most %d are shown)\n", (unsigned long long)np,
               CHECK_TABLE_MAX);
        return;
    }
    /* payoff table: one row per profile, actor 0 fastest as in the game */
    int width[64], pw = 8;
    for (int a = 0; a < n; a++) {
        width[a] = (int)strlen(ent_scenario_actor_id(s, a));
        for (int j = 0; j < ent_game_nstrategies(g, a); j++) {
            int w = (int)strlen(ent_game_strategy_label(g, a, j));
            if (w > width[a])
                width[a] = w;
        }
    }
    for (int a = 0; a < n; a++) {
        int w = (int)strlen(ent_scenario_actor_id(s, a));
        if (w > pw)
            pw = w;
    }
    printf("payoff table:\n ");
    for (int a = 0; a < n; a++)
        printf(" %-*s", width[a], ent_scenario_actor_id(s, a));
    printf(" |");
    for (int a = 0; a < n; a++)
        printf(" %*s", pw, ent_scenario_actor_id(s, a));
    printf("\n");
    int prof[64];
    for (uint64_t i = 0; i < np; i++) {
        ent_game_profile_decode(g, i, prof);
        printf(" ");
        for (int a = 0; a < n; a++)
            printf(" %-*s", width[a], ent_game_strategy_label(g, a, prof[a]));
        printf(" |");
        for (int a = 0; a < n; a++)
            printf(" %*s", pw, ent_fmt_num(num, ent_game_payoffs(g, a)[i]));
        printf("%s\n", ent_scenario_profile_feasible(s, prof) ? "" : "  (infeasible)");
    }
}

static void check_usage(FILE *f)
{
    fprintf(f, "usage: entente check [--set NAME=VALUE]... FILE\n"
               "Validate a scenario (.cfg) and print its parameters, actors, strategies, number of\n"
               "profiles and, when it has at most %d profiles, the compiled payoff table.\n\n"
               "options:\n"
               "      --set NAME=VALUE   set a parameter (repeatable)\n"
               "  -h, --help             this help\n",
               CHECK_TABLE_MAX);
}

int cmd_check(int argc, char **argv)
{
    static const struct option lopts[] = {
        {"set", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    char **sets = NULL;
    int nsets = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
        if (c == 'S') {
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
        } else if (c == 'h') {
            free(sets);
            check_usage(stdout);
            return CLI_OK;
        } else {
            free(sets);
            fprintf(stderr, "Try 'entente check --help'.\n");
            return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        free(sets);
        fprintf(stderr, "entente check: expected one FILE\nTry 'entente check --help'.\n");
        return CLI_USAGE;
    }
    const char *path = argv[optind];
    if (!strcmp(path, "-")) { /* standard input holds a scenario */
        ent_error e0 = {0, ""};
        if (cli_stdin_prepare("cfg", &e0) != ENT_OK) {
            free(sets);
            fprintf(stderr, "entente check: %s\n", e0.msg);
            return CLI_FAIL;
        }
    }
    if (!cli_is_scenario(path)) {
        free(sets);
        fprintf(stderr, "entente check: %s: not a scenario file (.cfg)\n", path);
        return CLI_USAGE;
    }
    ent_error err = {0, ""};
    ent_scenario *s = NULL;
    ent_game *g = NULL;
    int rc = cli_load_scenario(path, sets, nsets, &s, &g, &err);
    free(sets);
    if (rc == ENT_EUNSUPPORTED && !g) {
        /* a coalition-only scenario: no normal form to print */
        rc = cli_scenario_load(path, &s, &err);
    }
    if (rc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    errno = 0;
    print_check(s, g, path);
    int out = fflush(stdout) || ferror(stdout)
                  ? cli_fail("writing to standard output: %s",
                             strerror(errno ? errno : EIO))
                  : CLI_OK;
    clearerr(stdout);
    ent_game_free(&g);
    ent_scenario_free(&s);
    return out;
}
