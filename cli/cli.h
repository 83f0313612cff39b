/* cli.h — shared state and helpers of the entente program: the options every subcommand
 * understands, loading a game or scenario by file type, the equilibria table every
 * concept writes into (each row verified before it is added), and atomic output. */
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include "entente.h"

/* Exit codes: 0 success, 1 bad input or failure, 2 usage error. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct {
    const char *prog;     /* argv[0] for messages */
    const char *input;    /* file being solved */
    const char *output;   /* --output FILE, or NULL for stdout */
    ent_format fmt;       /* --format */
    int threads;          /* --threads, 0 = default */
    int exact;            /* --exact */
    double time_limit;    /* --time-limit seconds, 0 = none */
    const char *method;   /* --method */
    const char *concepts; /* --concept list (comma-separated), NULL = default */
    unsigned long seed;   /* --seed */
    ent_game *game;       /* the normal-form game being analysed (owned) */
    const char *objective; /* --objective for correlated/cce, NULL = none */
    int reduce;           /* --reduce: solve the game left by iterated strict dominance */
    const ent_scenario *scenario; /* the scenario the game was compiled from, or NULL */
    const char *status_quo; /* --status-quo TEXT for gmcr, NULL = the scenario's own */
    int seed_set;           /* --seed was given (montecarlo: else the scenario's seed) */
    unsigned long long samples; /* --samples N for montecarlo, 0 = the scenario's */
    int coalitions;         /* --coalitions: gmcr adds the coalitional stability concepts */
    ent_efg *tree;          /* the extensive form (a .efg file), or NULL; owned */
    ent_efg_plans *plans;   /* its reduced normal form's plans (ctx->game), or NULL; owned */
    int max_spe;            /* --max-spe: pure subgame-perfect equilibria listed (0 = 100) */
} cli_ctx;

/* A solution concept of `entente solve`: adds its sections, prose and rows of the
 * "equilibria" table to the report. Returns CLI_OK or CLI_FAIL (message in err). */
typedef struct {
    const char *name;
    const char *summary;
    int dflt; /* run when no --concept is given (cheap and applicable to the game) */
    int (*run)(cli_ctx *ctx, ent_report *r, ent_error *err);
} cli_concept;

/* Load a game by file type (.nfg, .efg as its reduced normal form, .cfg). OUT: *out
 * owned. */
int cli_load_game(const char *path, ent_game **out, ent_error *err);
/* 1 if path names a Gambit extensive game (.efg). */
int cli_is_tree(const char *path);
/* Load a .efg tree and its reduced normal form. OUT: *t, *g, *pl owned. A normal form
 * above CLI_TREE_NF_BYTES of payoffs is not built (*g = *pl = NULL, the reason in note):
 * the tree's own concepts still apply. */
#define CLI_TREE_NF_BYTES ((size_t)256 << 20)
int cli_load_tree(const char *path, ent_efg **t, ent_game **g, ent_efg_plans **pl,
                  char *note, size_t cap, ent_error *err);

/* scenarios: load `path` (a .cfg scenario), apply `sets` ("name=value" overrides, nsets
 * of them) and compile it at that point. OUT: *sc and *g owned by the caller. */
int cli_load_scenario(const char *path, char *const *sets, int nsets, ent_scenario **sc, ent_game **g,
                      ent_error *err);
/* 1 if path names a scenario file (.cfg) */
int cli_is_scenario(const char *path);
/* The scenario solved when `entente` runs without a file: configs/ukraine-2025.cfg in the
 * working directory, else under the data directory chosen at build time. */
const char *cli_default_scenario(void);

/* For a game compiled from ctx->scenario: if `mixed` is a pure profile matching a
 * cross-actor `infeasible` pattern, add a line saying it is excluded and return 1 (no row
 * is added); otherwise write into buf (cap bytes) the note for its row — `note` followed
 * by the profile in words, or a warning when a mixed profile puts weight on infeasible
 * profiles — and return 0. */
int cli_scenario_eq_note(const cli_ctx *ctx, ent_report *r, const char *concept, int id,
                         const double *mixed, char *buf, size_t cap, const char *note);
/* Summary lines of a scenario (file, parameters set, feasible profiles) for a report. */
void cli_scenario_summary(const ent_scenario *s, ent_report *r);

/* The "equilibria" table shared by all concepts (created on first use, columns fixed by
 * the game): concept, id, outcome, prob:<player>:<strategy>..., payoff:<player>...,
 * max_regret, note. cli_eq_add verifies `mixed` with ent_verify_regrets and refuses
 * (ENT_EVERIFY) a profile whose regret exceeds the tolerance: nothing unverified is
 * printed. */
ent_table *cli_eq_table(const cli_ctx *ctx, ent_report *r);
int cli_eq_add(const cli_ctx *ctx, ent_report *r, const char *concept, int id,
               const double *mixed, const char *note, ent_error *err);
/* Sibling of cli_eq_add for pure states of concepts that are not Nash equilibria of the
 * normal form (e.g. graph-model GMR/SMR/SEQ stability): the row's max_regret is shown but
 * not required to be 0; instead verify(arg, profile) — the concept's own independent
 * re-check — must return 1, else ENT_EVERIFY and nothing is added. */
int cli_state_add(const cli_ctx *ctx, ent_report *r, const char *concept, int id,
                  const int *profile, int (*verify)(void *arg, const int *profile), void *arg,
                  const char *note, ent_error *err);
/* Human description of a mixed profile: "U / L" for pure, "Player 1: 1/3 U + ..." */
void cli_describe_profile(const ent_game *g, const double *mixed, char *buf, size_t cap);

/* Write the report to ctx->output (atomically: a temporary file renamed into place) or
 * to stdout. Returns CLI_OK or CLI_FAIL with a message on stderr. */
int cli_write_report(const cli_ctx *ctx, const ent_report *r, const char *csv_table);

/* Print "entente: msg" to stderr and return CLI_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Two-player concepts (cmd_nash.c): nash, zerosum, maxmin. */
int cli_concept_nash(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_zerosum(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_maxmin(cli_ctx *ctx, ent_report *r, ent_error *err);
/* Concepts of issue 5 (cmd_correlated.c). */
int cli_concept_correlated(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_cce(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_dominance(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_qre(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_enumpoly(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_strong(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_pareto(cli_ctx *ctx, ent_report *r, ent_error *err);
/* The graph-model concept (cli/cmd_gmcr.c). */
int cli_concept_gmcr(cli_ctx *ctx, ent_report *r, ent_error *err);

/* Subcommands. */
int cmd_solve(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_coalition(int argc, char **argv);

/* Concept `pure` (cli/concept_pure.c): pure equilibria, pure IESDS, security levels. */
int cli_concept_pure(cli_ctx *ctx, ent_report *r, ent_error *err);

/* Extensive-form concepts (cli/concept_spe.c): spe, seqform. */
int cli_concept_spe(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_seqform(cli_ctx *ctx, ent_report *r, ent_error *err);

/* Sweeps and Monte Carlo over a scenario's parameters (cli/concept_batch.c). */
int cli_concept_sweep(cli_ctx *ctx, ent_report *r, ent_error *err);
int cli_concept_montecarlo(cli_ctx *ctx, ent_report *r, ent_error *err);

#endif
