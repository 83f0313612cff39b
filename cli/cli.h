/* cli.h — shared helpers of the entente program: loading a game or scenario by file
 * type, and atomic output. The concepts themselves run in the library (analysis/). */
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include "entente.h"

/* Exit codes: 0 success, 1 bad input or failure, 2 usage error, 3 the report was written
 * but some concept was refused (said in its section), 130 (128 + SIGINT) when Ctrl-C
 * stopped the solvers and the partial report was written. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_PARTIAL = 3, CLI_INTERRUPTED = 130 };

/* Where and how a subcommand writes its report. */
typedef struct {
    const char *output; /* --output FILE, or NULL for stdout */
    ent_format fmt;     /* --format */
    const ent_write_opts *view; /* how much to show (NULL: everything, unwrapped) */
} cli_ctx;

/* The view options every reporting command takes (--detail, --summary, --sections,
 * --explain, --width): parse_view_option handles one getopt result (returns 1 when it
 * was one of them, 0 when not, -1 after a usage message); cli_view_finish fills in the
 * width (the terminal's when stdout is one and no file is written, else 80) and checks
 * that every --sections name is a part of the report (usage message and -1 if not). */
typedef struct {
    ent_write_opts w;
    int width_set;
    int quiet; /* --quiet: no progress line */
} cli_view;
enum { CLI_OPT_DETAIL = 0x1001, CLI_OPT_SUMMARY, CLI_OPT_SECTIONS, CLI_OPT_EXPLAIN, CLI_OPT_WIDTH,
       CLI_OPT_QUIET };
#define CLI_VIEW_LONGOPTS                                                                 \
    {"detail", no_argument, 0, CLI_OPT_DETAIL}, {"summary", no_argument, 0, CLI_OPT_SUMMARY}, \
        {"sections", required_argument, 0, CLI_OPT_SECTIONS},                             \
        {"explain", no_argument, 0, CLI_OPT_EXPLAIN}, {"width", required_argument, 0, CLI_OPT_WIDTH}, \
        {"quiet", no_argument, 0, CLI_OPT_QUIET}
#define CLI_VIEW_HELP                                                                     \
    "      --detail           every section (default: the answer first when the full\n"   \
    "                         report would not fit a screen, else everything)\n"          \
    "      --summary          the answer only\n"                                          \
    "      --sections LIST    only these sections (comma-separated: summary, pure, ...)\n" \
    "      --explain          add the long per-state explanations (implies --detail)\n"    \
    "      --width N          wrap text to N columns (default: the terminal's, else 80;\n" \
    "                         0 = never wrap or cut)\n"                                  \
    "      --quiet            no progress line on standard error (shown for runs over a\n" \
    "                         second when it is a terminal)\n"
void cli_view_init(cli_view *v);
int cli_view_option(cli_view *v, int opt, const char *arg);
int cli_view_finish(cli_view *v, const ent_report *r, const char *output);
/* Progress (progress.c): a line on stderr for runs over a second, when stderr is a
 * terminal and not quiet; cli_progress_end clears it. */
void cli_progress_install(int quiet);
void cli_progress_end(void);
/* The command line as shell words ("entente solve x.cfg --set 'a=1'"), for provenance,
 * without the thread count and the output file (-t, --threads, -o, --output), which do not
 * change the results. OUT: malloc'd string or NULL. */
char *cli_command_line(const char *command, int argc, char **argv);

/* Load a game by file type (.nfg, .efg as its reduced normal form, .cfg). OUT: *out
 * owned. */
int cli_load_game(const char *path, ent_game **out, ent_error *err);
/* 1 if path names a Gambit extensive game (.efg). */
int cli_is_tree(const char *path);
/* Standard input as the input file "-": read it whole (at most 1 GiB) and take its format
 * from `from` (nfg, efg, lrs, cfg; NULL: sniffed from the first bytes: "NFG", "EFG", a
 * number for lrsnash's format, else a scenario). After it, every loader here accepts "-"
 * and names it "-" in messages. A scenario from standard input resolves @include
 * against /proc/self/fd (so it cannot use @include). */
int cli_stdin_prepare(const char *from, ent_error *err);
/* SHA-256 of what standard input held, or NULL when it was not read. */
const char *cli_stdin_sha256(char out[65]);
/* ent_scenario_load and ent_efg_read_file, "-" included. */
int cli_scenario_load(const char *path, ent_scenario **out, ent_error *err);
int cli_read_tree(const char *path, ent_efg **out, ent_error *err);

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

/* Print "entente COMMAND: msg" to stderr (the one prefix of every message that has no
 * file:line) and return CLI_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The command being run ("solve", ...; NULL for none), for cli_fail's prefix, and that
 * prefix ("entente solve"). */
void cli_set_command(const char *command);
const char *cli_prog(void);
/* Parse a --set argument "NAME=NUMBER" (a finite number): 0 and name (cap bytes) and
 * *value set, or -1. */
int cli_parse_set(const char *arg, char *name, size_t cap, double *value);
/* Check a --set argument while options are parsed: CLI_OK, or a usage message on stderr
 * and CLI_USAGE (exit status 2). */
int cli_usage_set(const char *arg);
/* The report format an output file's name asks for (case-insensitive: .csv, .json, .md,
 * .markdown, .tex, .latex, .txt), or -1 when the name says nothing (or is NULL or "-"). */
int cli_format_from_name(const char *path);

/* Signals (signals.c): with stop_solvers, the first SIGINT while solving calls
 * ent_interrupt (solvers stop and report what they found); a second SIGINT (the first
 * without stop_solvers) or a SIGTERM ends the program, removing the temporary output
 * file registered by cli_tmp_create. */
void cli_signals_install(int stop_solvers);
/* mkstemp(tmpl), remembered (signals blocked meanwhile) so that a signal removes it; -1
 * and errno on failure. cli_tmp_done() forgets it once renamed or removed. */
int cli_tmp_create(char *tmpl);
void cli_tmp_done(void);


/* Report files (cmd_report.c). --digits N: ent_fmt_set_digits, or a usage message and
 * CLI_USAGE. */
int cli_parse_digits(const char *arg);
/* Set by `entente report`: cmd_solve parses and checks its options as usual, then hands
 * them to this function (which loads, runs and writes) instead of solving itself. */
extern int (*cli_solve_hook)(const ent_analysis_opts *ctx, char **sets, int nsets);
/* Write the manifest `path` of a run (argv: the command after the program name) that
 * wrote files[0..nfiles): their sizes and SHA-256 read back from disk, the provenance of
 * report r with the thread count, the working directory and SOURCE_DATE_EPOCH. Atomic, as every output. Returns CLI_OK
 * or CLI_FAIL with a message. */
int cli_write_manifest(const char *path, int argc, char **argv, const ent_analysis_opts *ctx,
                       const ent_report *r, const char *const *files, size_t nfiles);

/* Subcommands. */
int cmd_solve(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_coalition(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_verify_run(int argc, char **argv);

#endif
