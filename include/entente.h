/* entente.h — the one public header of libentente, a negotiation game-theory solver.
 *
 * Conventions (DESIGN.md §5): every name has the ent_/ENT_ prefix; types are opaque;
 * functions return an ent_status (ENT_OK = 0, negative = error); a function that can
 * fail with a message takes an ent_error * (may be NULL) that it fills with one line,
 * "file:line: what is wrong" where a place is known. `ent_x_new` allocates,
 * `ent_x_free(&x)` frees and sets the pointer to NULL. The library never prints,
 * aborts or exits. Module sections below are grouped by layer: core, games, solver,
 * report.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ENT_API __attribute__((visibility("default")))
#define ENT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ENT_API
#define ENT_PRINTF(a, b)
#endif

#define ENT_VERSION "0.1.0"

/* ---------------------------------------------------------------- core: status */

/* X(name, value, message) */
#define ENT_STATUS_LIST(X)                                             \
    X(ENT_OK, 0, "success")                                            \
    X(ENT_ENOMEM, -1, "out of memory")                                 \
    X(ENT_EINVAL, -2, "invalid argument")                              \
    X(ENT_EIO, -3, "input/output error")                               \
    X(ENT_EPARSE, -4, "malformed input")                               \
    X(ENT_ETOOBIG, -5, "problem exceeds the size limit")               \
    X(ENT_ELP, -6, "linear program could not be solved")               \
    X(ENT_ETIMEOUT, -7, "time limit reached")                          \
    X(ENT_EUNSUPPORTED, -8, "not supported for this kind of game")     \
    X(ENT_ENUMERIC, -9, "numerical failure")                           \
    X(ENT_EVERIFY, -10, "result failed independent verification")      \
    X(ENT_EINFEASIBLE, -11, "problem is infeasible")                   \
    X(ENT_ENOTFOUND, -12, "no such name")

typedef enum {
#define ENT_X_ENUM(name, value, msg) name = value,
    ENT_STATUS_LIST(ENT_X_ENUM)
#undef ENT_X_ENUM
} ent_status;

/* Static message for a status code; never NULL. */
ENT_API const char *ent_strerror(int status);

/* Error detail: one line, filled by the function that failed. */
typedef struct {
    int status;
    char msg[1024];
} ent_error;

/* Set err (if non-NULL) to status and a printf-formatted message; returns status. */
ENT_API int ent_error_set(ent_error *err, int status, const char *fmt, ...) ENT_PRINTF(3, 4);

/* ------------------------------------------------------- games: normal form */

/* An n-player game in strategic (normal) form. Payoffs are doubles stored per player,
 * contiguous, in mixed-radix order with player 0's strategy varying fastest (the order
 * of Gambit's .nfg payoff lists): profile index = sum_p s_p * stride_p, stride_0 = 1,
 * stride_p = stride_{p-1} * n_{p-1}. */
typedef struct ent_game ent_game;

typedef struct {
    size_t mem_limit; /* bytes of payoff storage allowed; default 4 GiB */
} ent_game_opts;

ENT_API void ent_game_opts_init(ent_game_opts *o);

/* Create a game with all payoffs 0 and default labels ("Player 1", "1", ...).
 * nstrat[p] >= 1. Refuses (ENT_ETOOBIG, numbers in err) a game whose payoff storage would
 * exceed opts->mem_limit. opts may be NULL. OUT: *out owned by the caller. */
ENT_API int ent_game_new(ent_game **out, int nplayers, const int *nstrat,
                         const ent_game_opts *opts, ent_error *err);
ENT_API void ent_game_free(ent_game **g);
/* Deep copy. */
ENT_API int ent_game_clone(const ent_game *g, ent_game **out);

ENT_API int ent_game_nplayers(const ent_game *g);
ENT_API int ent_game_nstrategies(const ent_game *g, int player);
ENT_API uint64_t ent_game_nprofiles(const ent_game *g);
ENT_API uint64_t ent_game_stride(const ent_game *g, int player);
/* Sum of all players' strategy counts, and the offset of a player's first strategy in
 * a concatenated mixed profile (the layout every mixed-profile function uses). */
ENT_API int ent_game_total_strategies(const ent_game *g);
ENT_API int ent_game_strategy_offset(const ent_game *g, int player);

/* Borrowed pointer to player's payoff array (ent_game_nprofiles entries). */
ENT_API const double *ent_game_payoffs(const ent_game *g, int player);
ENT_API double *ent_game_payoffs_mut(ent_game *g, int player);
ENT_API uint64_t ent_game_profile_index(const ent_game *g, const int *profile);
ENT_API void ent_game_profile_decode(const ent_game *g, uint64_t index, int *profile);

/* Optional exact payoffs: a rational num/den (den > 0) per payoff, kept by readers that
 * saw integers, decimals or fractions that fit in 64 bits. Setting one enables the exact
 * table (other entries are initialised from the doubles where they are integers). */
ENT_API int ent_game_has_exact(const ent_game *g);
ENT_API int ent_game_set_exact(ent_game *g, int player, uint64_t index, int64_t num, int64_t den);
ENT_API void ent_game_get_exact(const ent_game *g, int player, uint64_t index, int64_t *num,
                                int64_t *den);
/* Drop the exact table (e.g. after payoffs were changed as doubles). */
ENT_API void ent_game_clear_exact(ent_game *g);

/* Labels: borrowed strings, valid until the next set or free. Setters copy. */
ENT_API const char *ent_game_title(const ent_game *g);
ENT_API const char *ent_game_comment(const ent_game *g);
ENT_API const char *ent_game_player_label(const ent_game *g, int player);
ENT_API const char *ent_game_strategy_label(const ent_game *g, int player, int strategy);
ENT_API int ent_game_set_title(ent_game *g, const char *s);
ENT_API int ent_game_set_comment(ent_game *g, const char *s);
ENT_API int ent_game_set_player_label(ent_game *g, int player, const char *s);
ENT_API int ent_game_set_strategy_label(ent_game *g, int player, int strategy, const char *s);

/* New game keeping only the strategies with keep[offset(p)+s] != 0 (at least one per
 * player); labels and exact payoffs carried over. */
ENT_API int ent_game_restrict(const ent_game *g, const unsigned char *keep, ent_game **out,
                              ent_error *err);

/* ------------------------------------------------------------ solver: verify */

/* Independent check of any mixed profile (concatenated layout, see
 * ent_game_strategy_offset). OUT: regret[p] = best pure-response payoff minus the
 * expected payoff of p (>= 0 up to rounding), payoff[p] = expected payoff (either may
 * be NULL). Computed by one direct pass over all profiles, sharing no code with any
 * equilibrium algorithm. Returns ENT_EINVAL if a probability vector is not one. */
ENT_API int ent_verify_regrets(const ent_game *g, const double *mixed, double *regret,
                               double *payoff);
/* Largest regret over players, or a negative status. */
ENT_API double ent_verify_max_regret(const ent_game *g, const double *mixed);
/* Tolerance used to accept an equilibrium: 1e-9 scaled by the payoff range. */
ENT_API double ent_verify_tolerance(const ent_game *g);

/* ------------------------------------------------------------- report layer */

/* A report is a document built by solvers' callers and written in any format by one
 * writer: a title, summary key/values, prose lines and named tables. Builders record the
 * first failure (sticky) and ent_report_write returns it, so building calls need no
 * individual checks. Numbers in every format pass through ent_fmt_num. */
typedef enum {
    ENT_FMT_TEXT = 0,
    ENT_FMT_CSV,
    ENT_FMT_JSON,
    ENT_FMT_MARKDOWN,
    ENT_FMT_LATEX
} ent_format;

/* Parse "text", "csv", "json", "md"/"markdown", "latex"/"tex"; -1 if unknown. */
ENT_API int ent_format_parse(const char *s);

typedef struct ent_report ent_report;
typedef struct ent_table ent_table;

typedef enum { ENT_COL_STR = 0, ENT_COL_NUM, ENT_COL_INT, ENT_COL_BOOL } ent_coltype;

ENT_API ent_report *ent_report_new(const char *title);
ENT_API void ent_report_free(ent_report **r);
/* Summary entries (written in insertion order). */
ENT_API void ent_report_kv_str(ent_report *r, const char *key, const char *fmt, ...)
    ENT_PRINTF(3, 4);
ENT_API void ent_report_kv_num(ent_report *r, const char *key, double v);
ENT_API void ent_report_kv_int(ent_report *r, const char *key, long long v);
/* Start a new section heading (text/markdown/latex); tables and prose that follow are
 * in it. In JSON, sections are not nested: tables are top-level members. */
ENT_API void ent_report_section(ent_report *r, const char *heading);
/* A prose line, in text/markdown/latex and in JSON's "notes" array. */
ENT_API void ent_report_text(ent_report *r, const char *fmt, ...) ENT_PRINTF(2, 3);
/* New table; name is the JSON member and CSV selector (e.g. "equilibria"). Appending to
 * an existing name returns that table (columns must then be identical). Borrowed. */
ENT_API ent_table *ent_report_table(ent_report *r, const char *name, const char *caption);
ENT_API void ent_table_col(ent_table *t, const char *name, ent_coltype type);
ENT_API int ent_table_ncols(const ent_table *t);
ENT_API size_t ent_table_nrows(const ent_table *t);
/* Cells are appended left to right; a row ends when all columns are filled. */
ENT_API void ent_table_str(ent_table *t, const char *fmt, ...) ENT_PRINTF(2, 3);
ENT_API void ent_table_num(ent_table *t, double v);
ENT_API void ent_table_int(ent_table *t, long long v);
ENT_API void ent_table_bool(ent_table *t, int v);
ENT_API void ent_table_null(ent_table *t);
/* Find a table by name (NULL if none). */
ENT_API ent_table *ent_report_find_table(const ent_report *r, const char *name);
/* Write in a format. CSV writes one table: `csv_table` if given, else the first table
 * (one header line, one row per entry). Returns the first builder failure, or ENT_EIO. */
ENT_API int ent_report_write(const ent_report *r, FILE *f, ent_format fmt,
                             const char *csv_table);

/* The one number formatter: shortest "%.*g" (up to 12 significant digits) that is
 * stable across formats; -0 printed as 0; non-finite as "inf"/"-inf"/"nan".
 * buf must hold at least 32 bytes. Returns buf. */
ENT_API char *ent_fmt_num(char *buf, double v);

/* ------------------------------------------ solver: correlated equilibria, dominance,
 * n-player mixed equilibria (QRE, support enumeration), coalitions, Pareto (issue 5) */

/* Kinds of correlated equilibrium: ENT_CE conditions on the recommendation (a row per
 * player p and pair s != s'), ENT_CCE only on joining (a row per player p and s'). */
enum { ENT_CE = 0, ENT_CCE = 1 };

/* Incentive constraints of a distribution over profiles (dist: ent_game_nprofiles
 * entries, nonnegative, summing to 1), recomputed directly from the payoffs, sharing no
 * code with the LP. Constraint layout: CE, player p, s, s' at base_p + s*n_p + s'
 * (base_p = sum_{q<p} n_q^2; the s == s' entries are 0); CCE, player p, s' at
 * ent_game_strategy_offset(g, p) + s'. OUT: gain[k] (may be NULL; ent_ce_nconstraints
 * entries) = expected gain of the deviation (<= 0 in an equilibrium); *max_gain (may be
 * NULL) = the largest gain. Returns ENT_EINVAL if dist is not a distribution. */
ENT_API int ent_verify_correlated(const ent_game *g, int kind, const double *dist,
                                  double *gain, double *max_gain);
/* Number of constraint slots of the layout above. */
ENT_API int ent_ce_nconstraints(const ent_game *g, int kind);
/* Decode a constraint slot: player, recommended strategy s (-1 for CCE), deviation s'. */
ENT_API void ent_ce_constraint(const ent_game *g, int kind, int k, int *player, int *s,
                               int *s_dev);

/* The (coarse) correlated-equilibrium polytope as a sparse LP: one variable per profile,
 * one incentive row per (player, s, s') (CE) or (player, s') (CCE), one row sum = 1,
 * solved by column generation (profiles enter when their reduced cost is positive).
 * Refuses (ENT_ETOOBIG) games with more than 50,000,000 profiles or 1,000,000 incentive
 * rows. Built once, re-optimised for many objectives (warm start). Belongs to the
 * creating thread (GLPK rule). */
typedef struct ent_ce ent_ce;
ENT_API int ent_ce_new(const ent_game *g, int kind, ent_ce **out, ent_error *err);
ENT_API void ent_ce_free(ent_ce **ce);
/* Optimise sum_p weight[p] * E_dist[u_p] (weight: one entry per player; NULL = find any
 * feasible point) upward (maximize != 0) or downward. OUT: dist (caller array of
 * ent_game_nprofiles entries, cleaned: no negatives, sums to 1), *value (objective at
 * the cleaned dist, may be NULL). The result is not verified here; callers check it with
 * ent_verify_correlated. */
ENT_API int ent_ce_optimize(ent_ce *ce, const double *weight, int maximize, double *dist,
                            double *value, ent_error *err);

/* Iterated elimination of dominated strategies (n players). Strict: each round removes
 * every strategy strictly dominated by a pure strategy or, by LP, by a mixture of the
 * player's remaining strategies (order-independent). Weak (weak != 0): one strategy per
 * step, the first weakly dominated (by pure or mixture) in player/strategy order, so the
 * reported order is the one used. Every elimination is re-checked directly against all
 * remaining opponent profiles. */
typedef struct {
    int player, strategy; /* in the original game */
    int round;            /* 1-based round (strict) or step (weak) */
    int by_pure;          /* a dominating pure strategy, or -1 if only a mixture dominates */
    size_t wofs;          /* mixture weights of the dominator: weights + wofs, n_player */
    double margin;        /* smallest payoff advantage (strict) / total advantage (weak) */
} ent_elim_step;
typedef struct {
    int nsteps;
    ent_elim_step *steps;
    double *weights;
    unsigned char *keep; /* ent_game_total_strategies entries: 1 = survives */
} ent_dominance;
ENT_API int ent_dominance_run(const ent_game *g, int weak, ent_dominance *out,
                              ent_error *err);
ENT_API void ent_dominance_clear(ent_dominance *d);
/* The game reduced by iterated strict dominance (pure and mixed): preserves every Nash
 * equilibrium. OUT: *out owned by the caller. */
ENT_API int ent_game_reduce_dominated(const ent_game *g, ent_game **out, ent_error *err);

/* Logit quantal response equilibrium branch from lambda = 0 (centroid) to lambda_max,
 * traced by predictor-corrector continuation (Turocy 2005) in log-probabilities; the
 * limit is refined by Newton on its support and verified with ent_verify_regrets. */
typedef struct {
    double lambda_max; /* default 1e6 (payoffs scaled to range 1 internally) */
    int max_steps;     /* default 20000 */
    double max_time;   /* seconds, 0 = none */
} ent_qre_opts;
ENT_API void ent_qre_opts_init(ent_qre_opts *o);
typedef struct {
    int npoints;
    double *lambda;  /* npoints, in the game's payoff units (lambda / payoff range) */
    double *profile; /* npoints x ent_game_total_strategies */
    double *limit;   /* total strategies: the Nash equilibrium at the end of the branch */
    double limit_regret;
    int limit_ok;    /* 1 if the limit passed ent_verify_regrets' tolerance */
} ent_qre_branch;
ENT_API int ent_qre_trace(const ent_game *g, const ent_qre_opts *o, ent_qre_branch *out,
                          ent_error *err);
ENT_API void ent_qre_branch_clear(ent_qre_branch *b);

/* All Nash equilibria of a small n-player game by support enumeration: every support
 * profile's polynomial indifference system is solved by damped Newton (Levenberg-
 * Marquardt) from `starts` deterministic starting points (seeded); every solution is
 * verified with ent_verify_regrets and duplicates are merged. NOT guaranteed complete:
 * an isolated equilibrium can be missed if no start converges to it, and continua are
 * represented by the points found. Refuses games with more than max_supports support
 * profiles (ENT_ETOOBIG). */
typedef struct {
    int starts;              /* default 24 */
    unsigned long seed;      /* default 1 */
    unsigned long max_supports; /* default 1,000,000 */
    double max_time;         /* seconds, 0 = none; ENT_ETIMEOUT with what was found */
} ent_npoly_opts;
ENT_API void ent_npoly_opts_init(ent_npoly_opts *o);
typedef struct {
    int neq;
    double *eq; /* neq x ent_game_total_strategies, sorted lexicographically (descending) */
    unsigned long supports; /* support profiles examined */
} ent_npoly_result;
ENT_API int ent_nash_npoly(const ent_game *g, const ent_npoly_opts *o, ent_npoly_result *out,
                           ent_error *err);
ENT_API void ent_npoly_result_clear(ent_npoly_result *r);

/* Coalitional stability of pure Nash equilibria: strong Nash (no coalition has a joint
 * pure deviation making every member strictly better off) and coalition-proof Nash
 * (Bernheim, Peleg & Whinston 1987: self-enforcing, recursively over sub-coalitions, and
 * not dominated for all members by another self-enforcing profile). Up to 16 players;
 * refuses games with more than 1,000,000 profiles. Pure equilibria are found by a direct
 * check of every profile. */
typedef struct {
    uint64_t profile;
    int strong;              /* 1 strong Nash */
    uint32_t strong_block;   /* else: blocking coalition (bit p = player p) ... */
    uint64_t strong_dev;     /* ... and the profile after its deviation */
    int cpne;                /* 1 coalition-proof */
    uint32_t cpne_block;     /* else: coalition whose self-enforcing deviation blocks */
    uint64_t cpne_dev;
    int pareto;              /* 1 if no outcome Pareto-dominates it */
    uint64_t pareto_dom;     /* else: an outcome that does */
} ent_coalition_status;
/* OUT: *out (one entry per pure Nash equilibrium, in profile-index order; release with
 * free()), *n its length. */
ENT_API int ent_coalition_analyse(const ent_game *g, ent_coalition_status **out, int *n,
                                  ent_error *err);

/* Pareto efficiency over pure outcomes. ent_pareto_optimal: OUT mask[i] = 1 if profile i
 * is Pareto-optimal (mask: nprofiles bytes). ent_pareto_dominator: among the profiles whose
 * payoffs weakly exceed payoff[] for all players and strictly for one (tolerance tol),
 * the one with the largest payoff sum (lowest index on ties; it is Pareto-optimal), or
 * UINT64_MAX if none. */
ENT_API int ent_pareto_optimal(const ent_game *g, unsigned char *mask);
ENT_API uint64_t ent_pareto_dominator(const ent_game *g, const double *payoff, double tol);

#ifdef __cplusplus
}
#endif
#endif
