/* cmd_convert.c — `entente convert IN OUT`: read a game (any type cli_load_game knows) and
 * write it in the format named by OUT's extension or --to (Gambit .nfg) by cli_write_file
 * (atomic for a regular file; links followed; FIFOs and devices written in place), or to
 * stdout for OUT = "-". */
#include "cli.h"

#include <errno.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void convert_usage(FILE *f)
{
    fprintf(f, "usage: entente convert [--to FORMAT] [--full] IN OUT\n"
               "Read the game in IN and write it to OUT in the format given by OUT's\n"
               "extension or by --to. OUT '-' writes to standard output (needs --to).\n"
               "A file OUT is replaced atomically (never left half-written, its mode kept);\n"
               "a symbolic link's target is written; a FIFO or device is written in place.\n\n"
               "input types:  .nfg (Gambit strategic game), .efg (Gambit extensive game),\n"
               "              .cfg (scenario, compiled at its parameters' values)\n"
               "output types: nfg  (Gambit strategic game, payoff-list form; exact\n"
               "                    fractions kept; a tree becomes its reduced normal form)\n"
               "              efg  (Gambit extensive game; a strategic game becomes a tree\n"
               "                    where the players move in turn without seeing earlier moves)\n\n"
               "options:\n"
               "  -t, --to FORMAT   output format (nfg or efg), whatever OUT's extension\n"
               "      --full        tree to nfg: the full normal form (a plan for every\n"
               "                    information set) instead of the reduced one\n"
               "  -h, --help        this help\n");
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

static int emit_nfg(FILE *f, void *arg)
{
    return ent_nfg_write(arg, f);
}

static int emit_efg(FILE *f, void *arg)
{
    return ent_efg_write(arg, f);
}

int cmd_convert(int argc, char **argv)
{
    static const struct option lopts[] = {{"to", required_argument, 0, 't'},
                                          {"full", no_argument, 0, 'F'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    const char *to = NULL;
    int c, full = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:h", lopts, NULL)) != -1) {
        switch (c) {
        case 't':
            to = optarg;
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
    if (to && strcmp(to, "nfg") != 0 && strcmp(to, "efg") != 0) {
        fprintf(stderr, "entente convert: unknown output format '%s' (known: nfg, efg)\n", to);
        return CLI_USAGE;
    }
    int to_stdout = !strcmp(out, "-");
    if (to_stdout && !to) {
        fprintf(stderr, "entente convert: OUT '-' (standard output) needs --to FORMAT\n"
                        "Try 'entente convert --help'.\n");
        return CLI_USAGE;
    }
    if (!to && !has_ext(out, ".nfg") && !has_ext(out, ".efg")) {
        fprintf(stderr, "entente convert: cannot tell the output format from '%s' "
                        "(use a .nfg or .efg name, or --to nfg|efg)\n", out);
        return CLI_USAGE;
    }
    int want_tree = to ? !strcmp(to, "efg") : has_ext(out, ".efg");
    ent_error err = {0, ""};
    ent_game *g = NULL;
    ent_efg *t = NULL;
    int lrc;
    if (cli_is_tree(in)) {
        lrc = ent_efg_read_file(in, NULL, &t, &err);
        if (lrc == ENT_OK && !want_tree && (lrc = ent_efg_to_nfg(t, !full, NULL, &g, NULL, &err))) {
            char msg[sizeof err.msg];
            snprintf(msg, sizeof msg, "%s", err.msg);
            ent_error_set(&err, lrc, "%s: %s", in, msg);
        }
    } else {
        lrc = cli_load_game(in, &g, &err);
        if (lrc == ENT_OK && want_tree)
            lrc = ent_efg_from_nfg(g, &t, &err);
    }
    if (lrc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        ent_game_free(&g);
        ent_efg_free(&t);
        return CLI_FAIL;
    }
    int rc;
    if (to_stdout) {
        errno = 0;
        int st = want_tree ? ent_efg_write(t, stdout) : ent_nfg_write(g, stdout);
        if (st == ENT_OK && fflush(stdout) != 0)
            st = ENT_EIO;
        int e = errno;
        clearerr(stdout);
        rc = st ? cli_fail("writing to standard output: %s",
                           st == ENT_EIO && e ? strerror(e) : ent_strerror(st))
                : CLI_OK;
    } else {
        rc = want_tree ? cli_write_file(out, emit_efg, t) : cli_write_file(out, emit_nfg, g);
    }
    ent_game_free(&g);
    ent_efg_free(&t);
    return rc;
}
