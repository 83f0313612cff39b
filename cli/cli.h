/* cli.h — shared helpers of the entente program: loading a game or scenario by file
 * type, and atomic output. The concepts themselves run in the library (analysis/). */
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include "entente.h"

/* Exit codes: 0 success, 1 bad input or failure, 2 usage error. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Options the subcommands share. */
typedef struct {
    const char *prog;     /* argv[0] for messages */
    const char *input;    /* file being solved */
    const char *output;   /* --output FILE, or NULL for stdout */
    ent_format fmt;       /* --format */
    int threads;          /* --threads, 0 = default */
    int exact;            /* --exact */
    const char *concepts; /* --concept list (comma-separated), NULL = default */
    unsigned long seed;   /* --seed */
} cli_ctx;

/* Load a game by file type (.nfg; more types registered in load.c). OUT: *out owned. */
int cli_load_game(const char *path, ent_game **out, ent_error *err);

/* scenarios: load `path` (a .cfg scenario), apply `sets` ("name=value" overrides, nsets
 * of them) and compile it at that point. OUT: *sc and *g owned by the caller. */
int cli_load_scenario(const char *path, char *const *sets, int nsets, ent_scenario **sc, ent_game **g,
                      ent_error *err);
/* 1 if path names a scenario file (.cfg) */
int cli_is_scenario(const char *path);
/* The scenario solved when `entente` runs without a file: configs/ukraine-2025.cfg in the
 * working directory, else under the data directory chosen at build time. */
const char *cli_default_scenario(void);

/* Write a file named on the command line, the same way for every command: emit(f, arg)
 * writes the contents and returns an ENT_ status. A symbolic link is followed (the link
 * stays); a regular or new file is replaced atomically (never left half-written) keeping
 * an existing file's mode (a new file: 0666 & ~umask); a FIFO, device or descriptor name
 * (/dev/stdout, /dev/fd/N) is written in place. Returns CLI_OK, or CLI_FAIL after one
 * line "entente: PATH: ..." on stderr (write errors included, e.g. a full device). */
typedef int (*cli_write_fn)(FILE *f, void *arg);
int cli_write_file(const char *path, cli_write_fn emit, void *arg);

/* Write the report to ctx->output (by cli_write_file) or to stdout. Returns CLI_OK or
 * CLI_FAIL with a message on stderr. */
int cli_write_report(const cli_ctx *ctx, const ent_report *r, const char *csv_table);

/* Print "entente: msg" to stderr and return CLI_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Subcommands. */
int cmd_solve(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_coalition(int argc, char **argv);

#endif
