/* cmd_convert.c — `entente convert IN OUT`: read a game (any type cli_load_game knows) and
 * write it in the format named by OUT's extension or --to (Gambit .nfg) by cli_write_file
 * (atomic for a regular file; links followed; FIFOs and devices written in place), or to
 * stdout for OUT = "-". */
#include "cli.h"

#include <errno.h>
#include <math.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void convert_usage(FILE *f)
{
    fprintf(f, "usage: entente convert [--to FORMAT] [--from FORMAT] [--full] IN OUT\n"
               "Read the game in IN and write it to OUT in the format given by OUT's\n"
               "extension or by --to. OUT '-' writes to standard output (needs --to);\n"
               "IN '-' reads standard input (its format from --from, else its first bytes).\n"
               "A file OUT is replaced atomically (never left half-written, its mode kept);\n"
               "a symbolic link's target is written; a FIFO or device is written in place.\n\n"
               "input types:  .nfg (Gambit strategic game), .efg (Gambit extensive game),\n"
               "              .cfg (scenario, compiled at its parameters' values),\n"
               "              .lrs (lrsnash's two-player format: m n, then both matrices)\n"
               "output types: nfg  (Gambit strategic game, payoff-list form; exact\n"
               "                    fractions kept; a tree becomes its reduced normal form)\n"
               "              efg  (Gambit extensive game; a strategic game becomes a tree\n"
               "                    where the players move in turn without seeing earlier moves)\n"
               "              lrs  (lrsnash's input: two-player games, every payoff exact as\n"
               "                    an integer or a fraction)\n\n"
               "options:\n"
               "  -t, --to FORMAT   output format (nfg, efg or lrs), whatever OUT's extension\n"
               "      --from FORMAT IN '-': nfg, efg, lrs or cfg\n"
               "      --full        tree to nfg: the full normal form (a plan for every\n"
               "                    information set) instead of the reduced one\n"
               "      --penalize-infeasible\n"
               "                    scenario: set every payoff at a jointly infeasible\n"
               "                    profile below all others (none is then an equilibrium)\n"
               "  -h, --help        this help\n");
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0; /* .NFG too */
}

typedef struct {
    char *data;
    size_t len, cap;
} text_buf;

/* Append s to b; 0, or 1 when out of memory. */
static int text_append(text_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return 1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
    return 0;
}

/* A scenario's jointly infeasible profiles in a converted game: counted and named in the
 * game's comment and on stderr; with penalize, every player's payoff there is set below
 * every payoff of the game (an integer, exact), so none of them is an equilibrium. The
 * pure equilibria of the written game are then compared with the scenario's (those of the
 * compiled game at feasible profiles) and any difference is reported. */
static int note_infeasible(const ent_scenario *s, ent_game *g, int penalize, const char *in)
{
    uint64_t np = ent_game_nprofiles(g), nf = ent_scenario_count_feasible(s);
    int n = ent_game_nplayers(g);
    if (nf == np || n > 64)
        return CLI_OK;
    double lo = 0;
    for (int p = 0; p < n; p++)
        for (uint64_t i = 0; i < np; i++)
            if ((p == 0 && i == 0) || ent_game_payoffs(g, p)[i] < lo)
                lo = ent_game_payoffs(g, p)[i];
    double mark = floor(lo) - 1;
    text_buf text = {0};
    char line[2048], num[32];
    int prof[64], shown = 0;
    if (penalize)
        snprintf(line, sizeof line,
                 "%llu of %llu profiles are jointly infeasible in the scenario (an `infeasible` "
                 "pattern); every payoff there is set to %s, below every other payoff, so none "
                 "of them is an equilibrium:", (unsigned long long)(np - nf),
                 (unsigned long long)np, ent_fmt_num(num, mark));
    else
        snprintf(line, sizeof line,
                 "%llu of %llu profiles are jointly infeasible in the scenario (an `infeasible` "
                 "pattern); they keep their rule payoffs, so an equilibrium at one of them is "
                 "no outcome of the scenario:", (unsigned long long)(np - nf),
                 (unsigned long long)np);
    int rc = text_append(&text, ent_game_comment(g));
    rc = rc || text_append(&text, ent_game_comment(g)[0] ? "\n" : "");
    rc = rc || text_append(&text, line);
    /* pure equilibria of the compiled game at feasible profiles: the scenario's */
    ent_pure_eq *eq0 = NULL, *eq1 = NULL;
    size_t n0 = 0, n1 = 0;
    uint64_t t0 = 0, t1 = 0;
    ent_error err = {0, ""};
    if (!rc && penalize && ent_pure_nash(g, NULL, &eq0, &n0, &t0, &err) != ENT_OK)
        rc = 1;
    for (uint64_t i = 0; !rc && i < np; i++) {
        ent_game_profile_decode(g, i, prof);
        if (ent_scenario_profile_feasible(s, prof))
            continue;
        if (shown++ < 20) {
            rc = text_append(&text, shown == 1 ? " " : "; ");
            for (int p = 0; !rc && p < n; p++) {
                rc = text_append(&text, p ? " / " : "");
                rc = rc || text_append(&text, ent_game_strategy_label(g, p, prof[p]));
            }
        } else if (shown == 21) {
            rc = text_append(&text, "; ...");
        }
        for (int p = 0; penalize && p < n; p++) {
            ent_game_payoffs_mut(g, p)[i] = mark;
            if (ent_game_has_exact(g))
                ent_game_set_exact(g, p, i, (int64_t)mark, 1);
        }
    }
    if (!rc)
        rc = ent_game_set_comment(g, text.data) != ENT_OK;
    free(text.data);
    if (!rc && penalize && ent_pure_nash(g, NULL, &eq1, &n1, &t1, &err) != ENT_OK)
        rc = 1;
    if (rc) {
        free(eq0);
        free(eq1);
        return cli_fail("out of memory");
    }
    fprintf(stderr, "%s: warning: %s: %llu of %llu profiles are jointly infeasible; %s\n",
            cli_prog(), in, (unsigned long long)(np - nf), (unsigned long long)np,
            penalize ? "their payoffs are set below every other payoff (see the file's comment)"
                     : "the file keeps them with their rule payoffs and names them in its comment (--penalize-infeasible: none of them an equilibrium)");
    if (penalize) { /* the written game's pure equilibria against the scenario's */
        size_t k0 = 0, extra = 0;
        for (size_t k = 0; k < n1; k++) {
            ent_game_profile_decode(g, eq1[k].profile, prof);
            while (k0 < n0 && eq0[k0].profile < eq1[k].profile)
                k0++;
            extra += !(k0 < n0 && eq0[k0].profile == eq1[k].profile);
        }
        size_t scen = 0;
        for (size_t k = 0; k < n0; k++) {
            ent_game_profile_decode(g, eq0[k].profile, prof);
            scen += (size_t)ent_scenario_profile_feasible(s, prof);
        }
        if (extra || n1 != scen + extra || t0 != n0 || t1 != n1)
            fprintf(stderr, "%s: warning: %s: the written game has %llu pure equilibri%s, the "
                            "scenario %zu (%zu more: profiles whose only better reply was "
                            "infeasible)\n", cli_prog(), in, (unsigned long long)t1,
                    t1 == 1 ? "um" : "a", scen, extra);
    }
    free(eq0);
    free(eq1);
    return CLI_OK;
}

static int emit_nfg(FILE *f, void *arg)
{
    return ent_nfg_write(arg, f);
}

static int emit_efg(FILE *f, void *arg)
{
    return ent_efg_write(arg, f);
}

static int emit_lrs(FILE *f, void *arg)
{
    return ent_lrs_write(arg, f, NULL);
}

int cmd_convert(int argc, char **argv)
{
    static const struct option lopts[] = {{"to", required_argument, 0, 't'},
                                          {"full", no_argument, 0, 'F'},
                                          {"help", no_argument, 0, 'h'},
                                          {"penalize-infeasible", no_argument, 0, 'P'},
                                          {"from", required_argument, 0, 'R'},
                                          {0, 0, 0, 0}};
    const char *to = NULL, *from = NULL;
    int c, full = 0, penalize = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:h", lopts, NULL)) != -1) {
        switch (c) {
        case 't':
            to = optarg;
            break;
        case 'P':
            penalize = 1;
            break;
        case 'R':
            from = optarg;
            break;
        case 'F':
            full = 1;
            break;
        case 'h':
            convert_usage(stdout);
            return CLI_OK;
        default:
            fprintf(stderr, "Try 'entente convert --help'.\n");
            return CLI_USAGE;
        }
    }
    if (optind != argc - 2) {
        fprintf(stderr, "entente convert: expected IN and OUT\nTry 'entente convert --help'.\n");
        return CLI_USAGE;
    }
    const char *in = argv[optind], *out = argv[optind + 1];
    if (to && strcmp(to, "nfg") != 0 && strcmp(to, "efg") != 0 && strcmp(to, "lrs") != 0) {
        fprintf(stderr, "entente convert: unknown output format '%s' (known: nfg, efg, lrs)\n", to);
        return CLI_USAGE;
    }
    if (from && strcmp(in, "-")) {
        fprintf(stderr, "entente convert: --from applies to standard input (IN '-')\n");
        return CLI_USAGE;
    }
    if (!strcmp(in, "-")) {
        ent_error e0 = {0, ""};
        int src = cli_stdin_prepare(from, &e0);
        if (src != ENT_OK) {
            fprintf(stderr, "entente convert: %s\n", e0.msg);
            return src == ENT_EOPTION ? CLI_USAGE : CLI_FAIL;
        }
    }
    int to_stdout = !strcmp(out, "-");
    if (to_stdout && !to) {
        fprintf(stderr, "entente convert: OUT '-' (standard output) needs --to FORMAT\n"
                        "Try 'entente convert --help'.\n");
        return CLI_USAGE;
    }
    if (!to && !has_ext(out, ".nfg") && !has_ext(out, ".efg") && !has_ext(out, ".lrs")) {
        fprintf(stderr, "entente convert: cannot tell the output format from '%s' "
                        "(use a .nfg, .efg or .lrs name, or --to nfg|efg|lrs)\n", out);
        return CLI_USAGE;
    }
    int want_tree = to ? !strcmp(to, "efg") : has_ext(out, ".efg");
    int want_lrs = to ? !strcmp(to, "lrs") : has_ext(out, ".lrs");
    ent_error err = {0, ""};
    ent_game *g = NULL;
    ent_efg *t = NULL;
    ent_scenario *scen = NULL;
    int lrc;
    if (cli_is_tree(in)) {
        lrc = cli_read_tree(in, &t, &err);
        if (lrc == ENT_OK && !want_tree && (lrc = ent_efg_to_nfg(t, !full, NULL, &g, NULL, &err))) {
            char msg[sizeof err.msg];
            snprintf(msg, sizeof msg, "%s", err.msg);
            ent_error_set(&err, lrc, "%s: %s", in, msg);
        }
    } else {
        lrc = cli_is_scenario(in) ? cli_load_scenario(in, NULL, 0, &scen, &g, &err)
                                  : cli_load_game(in, &g, &err);
        if (lrc == ENT_OK && want_tree)
            lrc = ent_efg_from_nfg(g, &t, &err);
    }
    if (lrc != ENT_OK) {
        ent_scenario_free(&scen);
        fprintf(stderr, "%s\n", err.msg);
        ent_game_free(&g);
        ent_efg_free(&t);
        return CLI_FAIL;
    }
    int rc = scen ? note_infeasible(scen, g, penalize, in) : CLI_OK;
    ent_scenario_free(&scen);
    if (rc != CLI_OK) {
        ent_game_free(&g);
        ent_efg_free(&t);
        return rc;
    }
    if (want_lrs && ent_game_nplayers(g) != 2) {
        fprintf(stderr, "%s: lrsnash's format holds two-player games; this game has %d players\n", in,
                ent_game_nplayers(g));
        ent_game_free(&g);
        ent_efg_free(&t);
        return CLI_FAIL;
    }
    if (to_stdout) {
        errno = 0;
        int st = want_tree  ? ent_efg_write(t, stdout)
                 : want_lrs ? ent_lrs_write(g, stdout, NULL)
                            : ent_nfg_write(g, stdout);
        if (st == ENT_OK && fflush(stdout) != 0)
            st = ENT_EIO;
        int e = errno;
        clearerr(stdout);
        rc = st ? cli_fail("writing to standard output: %s",
                           st == ENT_EIO && e ? strerror(e) : ent_strerror(st))
                : CLI_OK;
    } else {
        rc = want_tree  ? cli_write_file(out, emit_efg, t)
             : want_lrs ? cli_write_file(out, emit_lrs, g)
                        : cli_write_file(out, emit_nfg, g);
    }
    ent_game_free(&g);
    ent_efg_free(&t);
    return rc;
}
