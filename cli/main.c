/* main.c — the entente program: git-style subcommands dispatched from a table. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"solve", cmd_solve, "solve a game or scenario (equilibria, stability, ...)"},
    {"check", cmd_check, "validate a scenario and print its compiled game"},
    {"coalition", cmd_coalition, "coalitional games: core, nucleolus, Shapley, power, cartels"},
    {"convert", cmd_convert, "convert a game between file formats (.nfg)"},
    {"report", cmd_report, "write a report folder: HTML, Markdown, tables, charts, manifest"},
    {"verify-run", cmd_verify_run, "re-run a manifest's command and compare every file"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: entente [--help] [--version] <command> [options] [FILE]\n"
               "Without a command, solves the default scenario (configs/ukraine-2025.cfg)\n"
               "and prints the answer first; `entente --detail` (any solve option) shows\n"
               "every section.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'entente <command> --help' or 'entente help <command>' describes a command's options.\n");
}

/* Everything printed must reach standard output: a failed write (a full disk,
 * /dev/full, a closed pipe) turns a successful run into exit status 1 with the reason. */
static int flush_stdout(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    if (rc == CLI_OK) {
        int e = errno;
        fprintf(stderr, "entente: writing to standard output: %s\n",
                e ? strerror(e) : "input/output error");
        return CLI_FAIL;
    }
    return rc;
}

static int run(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "help")) { /* `entente help solve` = `entente solve --help` */
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (!strcmp(argv[2], commands[i].name)) {
                char *help_argv[] = {argv[2], "--help", NULL};
                cli_set_command(commands[i].name);
                return commands[i].fn(2, help_argv);
            }
        fprintf(stderr, "entente: unknown command '%s'\n", argv[2]);
        fprintf(stderr, "Try 'entente --help'.\n");
        return CLI_USAGE;
    }
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("entente %s\n", ENT_VERSION);
        return CLI_OK;
    }
    if (argc < 2) { /* bare `entente`: solve the default scenario */
        char *solve_argv[] = {"solve", NULL};
        cli_set_command("solve");
        return cmd_solve(1, solve_argv);
    }
    if (argv[1][0] == '-' && argv[1][1]) { /* `entente --detail`: options of the default solve */
        cli_set_command("solve");
        argv[0] = "solve";
        return cmd_solve(argc, argv);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            cli_set_command(commands[i].name);
            return commands[i].fn(argc - 1, argv + 1);
        }
    fprintf(stderr, "entente: unknown command '%s'\n", argv[1]);
    fprintf(stderr, "Try 'entente --help'.\n");
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    /* `solve` (also bare `entente`) reports what was found at the first Ctrl-C */
    cli_signals_install(argc < 2 || !strcmp(argv[1], "solve") ||
                        (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--help") &&
                         strcmp(argv[1], "-h") && strcmp(argv[1], "--version") && strcmp(argv[1], "-V")));
    return flush_stdout(run(argc, argv));
}
