/* analysis.h — what the concept units of the analysis layer share (inside the library,
 * not installed): the run context built from ent_analysis_opts, the registry entry type,
 * the verified "equilibria" table every normal-form concept writes into, and the
 * scenario notes of its rows. Front ends reach all of it through include/entente.h. */
#ifndef ENT_ANALYSIS_H
#define ENT_ANALYSIS_H

#include "entente.h"

/* What a concept's run returns: done, failed (message in err), or an option value it
 * cannot use (the CLI's usage error). ent_analyze turns these into ent_status codes. */
enum { ANA_OK = 0, ANA_FAIL = 1, ANA_BADOPT = 2 };

/* One analysis run: the options, the game and the scenario it was compiled from. */
typedef struct {
    const char *input;    /* the name of the input in messages (file name) */
    ent_format fmt;       /* the format the report will be written in */
    int threads;          /* 0 = default */
    int exact;
    double time_limit;    /* seconds, 0 = none */
    const char *method;
    const char *concepts; /* the list asked for, NULL = the defaults */
    unsigned long seed;
    int seed_set;
    unsigned long long samples;
    const char *objective;
    const char *status_quo;
    int coalitions;
    const char *disagreement; /* bargaining */
    const char *powers;
    int no_lotteries;
    const ent_game *game;         /* NULL for a tree whose normal form was not built */
    const ent_scenario *scenario; /* or NULL */
    const ent_efg *tree;          /* the extensive form, or NULL */
    const ent_efg_plans *plans;   /* strategies of `game` when it is the tree's reduced
                                     normal form, or NULL */
    int max_spe;                  /* subgame-perfect equilibria listed (0 = 100) */
} ana_ctx;

/* A registry entry: one solution concept. `run` computes, verifies and describes (adds
 * its sections and verified rows to the report). */
typedef struct {
    const char *name;
    const char *summary;
    unsigned kinds;        /* ENT_KIND_* it applies to */
    int dflt;              /* run when no concept is named */
    const char *options;   /* the ent_analysis_opts fields it reads, comma-separated */
    const char *table;     /* the table CSV output writes when it is named first */
    int (*run)(ana_ctx *ctx, ent_report *r, ent_error *err); /* NULL: run by its family */
    int family_bit;        /* coalitional concepts: which part of the joint run */
} ana_concept;

/* The coalitional concepts share one run (coalition.c): each names its part. */
enum {
    ANA_C_CORE = 1,
    ANA_C_NUC = 2,
    ANA_C_SHAP = 4,
    ANA_C_BANZ = 8,
    ANA_C_POWER = 16,
    ANA_C_CARTEL = 32
};

/* The registry (analysis/registry.c), ending with a NULL name. */
extern const ana_concept ana_registry[];
const ana_concept *ana_find(const char *name);

/* Equilibria table (analysis/equilibria.c): created on first use, columns fixed by the
 * game: concept, id, outcome, prob:<player>:<strategy>..., payoff:<player>...,
 * max_regret, note. ana_eq_add verifies `mixed` with ent_verify_regrets and refuses
 * (ENT_EVERIFY) a profile whose regret exceeds the tolerance: nothing unverified is
 * added. */
ent_table *ana_eq_table(const ana_ctx *ctx, ent_report *r);
/* Columns are named by 1-based indices (prob:PLAYER:STRATEGY, payoff:PLAYER), unique
 * whatever the labels; this machine-only table "strategy_labels" (player, player_label,
 * strategy, strategy_label) gives the labels. Created once per report, after the table
 * that needs it. */
void ana_strategies_table(const ana_ctx *ctx, ent_report *r);
int ana_eq_add(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
               const double *mixed, const char *note, ent_error *err);
/* Sibling of ana_eq_add for pure states of concepts that are not Nash equilibria of the
 * normal form (graph-model stability): max_regret is shown but not required to be 0;
 * instead verify(arg, profile) — the concept's own independent re-check — must return
 * 1, else ENT_EVERIFY and nothing is added. */
int ana_state_add(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
                  const int *profile, int (*verify)(void *arg, const int *profile), void *arg,
                  const char *note, ent_error *err);
/* Human description of a mixed profile: "U / L" for pure, "Player 1: 1/3 U + ..." */
void ana_describe_profile(const ent_game *g, const double *mixed, char *buf, size_t cap);

/* Scenario notes (analysis/scenario_notes.c). For a game compiled from ctx->scenario:
 * if `mixed` is a pure profile matching a cross-actor `infeasible` pattern, add a line
 * saying it is left out and return 1; otherwise write into buf (cap bytes) the note for
 * its row — `note` followed by the profile in words, or a warning when a mixed profile
 * puts weight on infeasible profiles — and return 0. */
int ana_scenario_eq_note(const ana_ctx *ctx, ent_report *r, const char *concept, int id,
                         const double *mixed, char *buf, size_t cap, const char *note);
/* Summary lines of a scenario (its name — NULL: its path —, parameters set, feasible
 * profiles). */
void ana_scenario_summary(const ent_scenario *s, const char *name, ent_report *r);

/* Words (analysis/words.c). "Dare / Chicken": the profile at `index` by strategy
 * labels. */
void ana_outcome_name(const ent_game *g, uint64_t index, char *buf, size_t cap);
/* "1/4" when x is a fraction with a denominator up to 64, else ent_fmt_num; buf holds
 * at least 32 bytes. */
void ana_prob_text(double x, char *buf);
/* "Row + Column": the players in a coalition bit mask. */
void ana_coalition_name(const ent_game *g, uint32_t coalition, char *buf, size_t cap);
/* For a game compiled from a scenario: the jointly feasible profiles (NULL in *out when
 * every profile is feasible or there is no scenario). Returns ENT_OK or ENT_ENOMEM. */
int ana_feasible_mask(const ana_ctx *ctx, unsigned char **out);
/* Sums of LP output carry rounding noise: |v| below 1e-3 x the verification tolerance
 * is shown as 0 so reports are stable. */
double ana_clean(const ent_game *g, double v);

/* The answer first (analysis/summary.c): built from the report's typed tables once every
 * concept ran, as part "summary" moved to the front of the report. */
void ana_summary(const ana_ctx *ctx, ent_report *r);
/* The same for a coalitional game (analysis/coalition.c's report): the core and least
 * core, the members who matter most by each value computed, the largest self-enforcing
 * coalitions. */
void ana_coalition_summary(ent_report *r);
/* Provenance of the run (analysis/provenance.c): program, input and its SHA-256 (a
 * scenario's, with includes), parameters, concepts, seed, samples, options, date. */
void ana_provenance(const ana_ctx *ctx, const ent_analysis_opts *opts, ent_report *r);

/* Concept runs, one unit per family. */
int ana_pure(ana_ctx *ctx, ent_report *r, ent_error *err);           /* pure.c */
int ana_nash(ana_ctx *ctx, ent_report *r, ent_error *err);           /* twoplayer.c */
int ana_zerosum(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_maxmin(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_correlated(ana_ctx *ctx, ent_report *r, ent_error *err);     /* correlated.c */
int ana_cce(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_dominance(ana_ctx *ctx, ent_report *r, ent_error *err);      /* nplayer.c */
int ana_qre(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_enumpoly(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_strong(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_pareto(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_gmcr(ana_ctx *ctx, ent_report *r, ent_error *err);           /* graph_model.c */
int ana_sweep(ana_ctx *ctx, ent_report *r, ent_error *err);          /* batch.c */
int ana_spe(ana_ctx *ctx, ent_report *r, ent_error *err);            /* extensive.c */
int ana_seqform(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_montecarlo(ana_ctx *ctx, ent_report *r, ent_error *err);
int ana_bargaining(ana_ctx *ctx, ent_report *r, ent_error *err);     /* bargaining.c */

#endif
