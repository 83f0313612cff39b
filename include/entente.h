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

/* ------------------------------------------------------- games: Gambit .nfg */

/* Read a Gambit strategic game (.nfg, "NFG 1 R" or "NFG 1 D"; payoff-list or outcome
 * form). Labels, title and comment are kept; when every number is an integer, decimal or
 * fraction that fits a 64-bit fraction (and the table fits opts->mem_limit), the exact
 * table is filled too (0.811 -> 811/1000). Streams the input once, in linear time; sizes
 * are checked before allocating (ENT_ETOOBIG with the numbers). Errors: ENT_EPARSE and
 * friends, err->msg = "file:line: what is wrong". opts may be NULL (defaults).
 * OUT: *out owned by the caller (NULL on error). */
ENT_API int ent_nfg_read_file(const char *path, const ent_game_opts *o, ent_game **out,
                              ent_error *err);
/* Same from a NUL-terminated text; name_for_errors names it in messages ("<string>" if
 * NULL). */
ENT_API int ent_nfg_read_string(const char *text, const char *name_for_errors,
                                const ent_game_opts *o, ent_game **out, ent_error *err);
/* Same from an open stream (read to its end, not closed); name as above. */
ENT_API int ent_nfg_read_stream(FILE *f, const char *name_for_errors, const ent_game_opts *o,
                                ent_game **out, ent_error *err);
/* Write g in the payoff-list form: exact values (integers, terminating decimals, a/b)
 * where g has them, otherwise the shortest decimal that reads back to the same double;
 * labels quoted with '"' and '\' escaped. Reading the output gives back the same labels,
 * payoffs (bit for bit) and exact values; a game without an exact table may read back
 * with one (the decimals written, which round to the same doubles), and writing that
 * gives the same text. Returns ENT_OK, ENT_EINVAL (a payoff is not finite; nothing
 * written) or ENT_EIO. */
ENT_API int ent_nfg_write(const ent_game *g, FILE *f);

/* ------------------------------------------- solver: pure strategies (pure.c) */

/* One pure Nash equilibrium: the profile index (see ent_game_profile_index) and whether
 * it is strict (every player's strategy is the unique best response). */
typedef struct {
    uint64_t profile;
    int strict;
} ent_pure_eq;

typedef struct {
    int threads;        /* OpenMP threads; 0 = the runtime default */
    size_t max_report;  /* keep at most this many equilibria in the output (all are
                           counted); 0 = no limit */
} ent_pure_opts;

ENT_API void ent_pure_opts_init(ent_pure_opts *o);

/* All pure Nash equilibria of g, by one pass over each player's payoffs computing the
 * best-response maximum along that player's axis; payoffs are compared exactly as
 * stored. Deterministic for any thread count. OUT: *eqs (ordered by profile index,
 * min(total, max_report) entries, free() it; NULL when none), *count = entries in *eqs,
 * *total = number of pure equilibria (may exceed *count). opts may be NULL. Uses one
 * byte of scratch per profile. Returns ENT_OK, ENT_ENOMEM. */
ENT_API int ent_pure_nash(const ent_game *g, const ent_pure_opts *opts, ent_pure_eq **eqs,
                          size_t *count, uint64_t *total, ent_error *err);

/* One step of iterated elimination: in `round` (1-based), `player`'s `strategy` was
 * strictly dominated by the pure strategy `dominator` (indices in the original game). */
typedef struct {
    int round, player, strategy, dominator;
} ent_elim_step;

/* Iterated elimination of strategies strictly dominated by pure strategies. Each round
 * removes, for every player at once, every strategy strictly dominated (against all
 * remaining opponent profiles) by another remaining strategy; stops when a round removes
 * nothing. OUT: keep[ent_game_strategy_offset(g,p)+s] = 1 if strategy s of p survives
 * (caller-allocated, ent_game_total_strategies bytes; pass it to ent_game_restrict for
 * the reduced game); *steps (free() it; NULL when nothing is eliminated) and *nsteps in
 * order of elimination. Returns ENT_OK, ENT_ENOMEM. */
ENT_API int ent_pure_iesds(const ent_game *g, unsigned char *keep, ent_elim_step **steps,
                           size_t *nsteps, ent_error *err);

/* Pure maxmin (security) level of `player`. OUT: worst[s] = the minimum payoff of
 * strategy s over all opponent profiles (caller-allocated, nstrategies entries; may be
 * NULL), *level = max_s worst[s]. The strategies attaining it are those with
 * worst[s] == *level. Returns ENT_OK, ENT_EINVAL (bad player), ENT_ENOMEM. */
ENT_API int ent_pure_security(const ent_game *g, int player, double *worst, double *level,
                              ent_error *err);

/* -------------------------------------------------- games: random (generate.c) */

/* Seeded random games for tests and benchmarks. Every payoff is a function of
 * (seed, player, profile index) only (a counter-based hash), so a game is identical
 * whatever the thread count or generation order. */
typedef struct {
    uint64_t seed;
    int integer;       /* 1: integers uniform in [lo, hi]; 0: doubles uniform in [lo, hi) */
    double lo, hi;     /* default 0, 1 with integer = 0 */
    size_t mem_limit;  /* as ent_game_opts.mem_limit */
} ent_random_opts;

ENT_API void ent_random_opts_init(ent_random_opts *o);

/* New random game with nplayers and nstrat[p] strategies. opts may be NULL.
 * OUT: *out owned by the caller. Returns ENT_OK, ENT_EINVAL, ENT_ETOOBIG, ENT_ENOMEM. */
ENT_API int ent_game_random(ent_game **out, int nplayers, const int *nstrat,
                            const ent_random_opts *opts, ent_error *err);
/* ------------------------------------------- solver: two-player games (bimatrix) */

/* Mixed equilibria of a two-player game (m x n). Extreme equilibria are pairs of
 * vertices of the best-response polytopes P = {x >= 0, B'x <= 1}, Q = {A'y <= 1, y >= 0}
 * (payoffs shifted positive) whose labels cover all m + n strategies (Avis, Rosenberg,
 * Savani, von Stengel 2010). Vertices are numbered x0, x1, ... and y0, y1, ... in a fixed
 * order; an equilibrium is a pair (x vertex, y vertex). */
typedef enum {
    ENT_BM_AUTO = 0, /* enumeration when small enough, else Lemke-Howson (see opts) */
    ENT_BM_ENUM,     /* all extreme equilibria: vertex enumeration of P and Q */
    ENT_BM_SUPPORT,  /* support enumeration (equal-size supports, nonsingular systems) */
    ENT_BM_LEMKE     /* Lemke-Howson from every missing label, or from opts.label */
} ent_bm_method;

typedef struct {
    int method;           /* ent_bm_method */
    int label;            /* Lemke-Howson: missing label 0..m+n-1, or -1 for all labels */
    double time_limit;    /* seconds (0 = none): enumeration stops, result incomplete */
    uint64_t max_bases;   /* enumeration: bases visited per polytope (0 = 20 million) */
    int auto_enum_limit;  /* AUTO: enumerate when m + n <= this (default 40) */
} ent_bimatrix_opts;

typedef struct ent_bimatrix ent_bimatrix;

ENT_API void ent_bimatrix_opts_init(ent_bimatrix_opts *o);
/* Equilibria of a two-player game. opts may be NULL. ENT_EUNSUPPORTED if g does not have
 * two players; ENT_ETOOBIG if enumeration is forced on a game with m + n > 128.
 * Hitting the time limit or max_bases is not an error: the result is marked incomplete
 * and holds what was found. OUT: *out owned by the caller (ent_bimatrix_free). */
ENT_API int ent_bimatrix_solve(const ent_game *g, const ent_bimatrix_opts *opts,
                               ent_bimatrix **out, ent_error *err);
ENT_API void ent_bimatrix_free(ent_bimatrix **r);
/* Method actually used (ent_bm_method, never AUTO). */
ENT_API int ent_bimatrix_method(const ent_bimatrix *r);
ENT_API int ent_bimatrix_incomplete(const ent_bimatrix *r);
/* Number of equilibria found (extreme equilibria for ENUM). */
ENT_API int ent_bimatrix_count(const ent_bimatrix *r);
/* Equilibrium k as a concatenated mixed profile (m + n doubles written to mixed). */
ENT_API void ent_bimatrix_profile(const ent_bimatrix *r, int k, double *mixed);
/* Vertex numbers of equilibrium k; component it belongs to (0-based). */
ENT_API void ent_bimatrix_vertices(const ent_bimatrix *r, int k, int *xv, int *yv);
ENT_API int ent_bimatrix_component(const ent_bimatrix *r, int k);
ENT_API int ent_bimatrix_ncomponents(const ent_bimatrix *r);
/* Maximal Nash subsets (maximal convex sets of equilibria: every pair of an x vertex in
 * xs and a y vertex in ys is an equilibrium; enumerated for ENUM results only). Borrowed
 * arrays of vertex numbers. Returns the number of subsets. */
ENT_API int ent_bimatrix_nsubsets(const ent_bimatrix *r);
ENT_API void ent_bimatrix_subset(const ent_bimatrix *r, int s, int *component, int *nx,
                                 const int **xs, int *ny, const int **ys);
/* Exact certification (GMP): re-derive every equilibrium from its label sets in rational
 * arithmetic from the exact payoff table (ent_game_get_exact, else the doubles taken
 * exactly), and check exactly that it is an equilibrium. ENT_EVERIFY (message names the
 * equilibrium) if one fails. Afterwards ent_bimatrix_exact gives fraction strings. */
ENT_API int ent_bimatrix_certify(const ent_game *g, ent_bimatrix *r, ent_error *err);
/* Fraction string of equilibrium k: i < m + n a probability (concatenated layout),
 * i = m + n and m + n + 1 the payoffs of players 0 and 1. NULL before certification.
 * Borrowed. */
ENT_API const char *ent_bimatrix_exact(const ent_bimatrix *r, int k, int i);

/* Zero-sum and security strategies by LP (von Neumann; Dantzig's LP formulation). */
/* 1 if g has two players and u0 + u1 is the same constant c for every profile (within
 * 1e-12 of the payoff range); OUT: *c (may be NULL). */
ENT_API int ent_game_is_constant_sum(const ent_game *g, double *c);
/* Value (to player 0) and optimal mixed strategies of a two-player constant-sum game.
 * OUT: x (m), y (n), may be NULL. exact != 0 re-solves with GLPK's exact simplex.
 * ENT_EUNSUPPORTED if g is not constant-sum. */
ENT_API int ent_zerosum_solve(const ent_game *g, int exact, double *value, double *x,
                              double *y, ent_error *err);
/* Mixed maxmin (security) strategy of `player` in an n-player game against every pure
 * profile of the others: max_x min_{s_-p} u_p(x, s_-p). OUT: *level, strategy
 * (nstrategies(player) doubles). ENT_ETOOBIG if the LP would exceed 10 million nonzeros. */
ENT_API int ent_maxmin(const ent_game *g, int player, double *level, double *strategy,
                       ent_error *err);

/* ------------------------------------------------ games + solver: graph model */

/* Graph Model for Conflict Resolution (Fang, Hipel & Kilgour 1993; Kilgour & Hipel 2005).
 * A model has `ndm` decision makers (DMs) and `nstates` states numbered 0..nstates-1
 * (printed 1-based, as in the literature). Each DM has its own directed graph of
 * unilateral moves between states and an ordinal preference: an integer rank per state,
 * larger = more preferred, equal = indifferent. A state may also carry a joint profile
 * (one component per DM, e.g. the DM's strategy), which simultaneous stability needs.
 * Build: ent_gmcr_new, then moves/ranks/names/components, then ent_gmcr_seal; sealed
 * models are read-only and may be shared by threads. */
typedef struct ent_gmcr ent_gmcr;

#define ENT_GMCR_MAX_DM 16
#define ENT_GMCR_MAX_STATES (1u << 26)

/* OUT: *out owned. ndm in 1..ENT_GMCR_MAX_DM, nstates in 1..ENT_GMCR_MAX_STATES (larger
 * refused with ENT_ETOOBIG naming the size). Ranks start at 0 (all indifferent). */
ENT_API int ent_gmcr_new(ent_gmcr **out, int ndm, uint32_t nstates, ent_error *err);
ENT_API void ent_gmcr_free(ent_gmcr **m);
/* Option form (Fang, Hipel & Kilgour 1993, ch. 2): option k belongs to DM owner[k]; state
 * t is the bit pattern states[t] (bit k = option k taken; patterns distinct, noptions <=
 * 64). DM d moves from s to t iff the patterns differ only in options d owns, and each
 * changed option k respects dir[k] (0 both ways, 1 only off->on, -1 only on->off; dir may
 * be NULL). The DM's component of a state is its own options' bits. Returns a sealed-ready
 * model (ranks still to set, then ent_gmcr_seal). OUT: *out owned. */
ENT_API int ent_gmcr_new_options(ent_gmcr **out, int ndm, int noptions, const int *owner,
                                 const signed char *dir, uint32_t nstates,
                                 const uint64_t *states, ent_error *err);
ENT_API int ent_gmcr_ndm(const ent_gmcr *m);
ENT_API uint32_t ent_gmcr_nstates(const ent_gmcr *m);
/* Unilateral move of dm from `from` to `to` (from != to; duplicates are merged). */
ENT_API int ent_gmcr_add_move(ent_gmcr *m, int dm, uint32_t from, uint32_t to);
ENT_API int ent_gmcr_set_rank(ent_gmcr *m, int dm, uint32_t s, int64_t rank);
ENT_API int ent_gmcr_set_component(ent_gmcr *m, uint32_t s, int dm, int value);
/* Names (copied); defaults "DM 1".., "1"... Borrowed results valid until the next set. */
ENT_API int ent_gmcr_set_dm_name(ent_gmcr *m, int dm, const char *name);
ENT_API int ent_gmcr_set_state_name(ent_gmcr *m, uint32_t s, const char *name);
ENT_API const char *ent_gmcr_dm_name(const ent_gmcr *m, int dm);
/* The state's name, or its 1-based number when it has none, written to buf (cap >= 16);
 * returns buf. */
ENT_API const char *ent_gmcr_state_label(const ent_gmcr *m, uint32_t s, char *buf, size_t cap);
/* Freeze the model: moves sorted and deduplicated, ranks compressed (order kept),
 * components indexed (two states with the same full profile: ENT_EINVAL). */
ENT_API int ent_gmcr_seal(ent_gmcr *m, ent_error *err);
ENT_API int ent_gmcr_sealed(const ent_gmcr *m);
/* Sealed model: dm's moves from s (borrowed, ascending), rank, profile lookup. */
ENT_API const uint32_t *ent_gmcr_moves(const ent_gmcr *m, int dm, uint32_t s, uint32_t *n);
ENT_API int64_t ent_gmcr_rank(const ent_gmcr *m, int dm, uint32_t s);
ENT_API int ent_gmcr_has_components(const ent_gmcr *m);
ENT_API int ent_gmcr_component(const ent_gmcr *m, uint32_t s, int dm);
/* State whose profile is comp[0..ndm-1]; ENT_ENOTFOUND if none. */
ENT_API int ent_gmcr_find_state(const ent_gmcr *m, const int *comp, uint32_t *s);

/* Graph model of a normal-form game (games/gmcr_game.c): states = the profiles for which
 * feasible(arg, profile) != 0 (all if NULL), in profile-index order; player p moves between
 * two states that differ only in p's strategy, from strategy a to b, when move_ok(arg, p, a,
 * b) != 0 (always if NULL); p's rank of a state = its payoff's position among p's distinct
 * payoffs (equal payoffs tie). Components = strategy indices. Refuses (ENT_ETOOBIG, count
 * named) more than ENT_GMCR_MAX_STATES profiles before allocating. OUT: *out sealed, owned;
 * *index (optional, owned, free()) maps state -> profile index. */
ENT_API int ent_gmcr_from_game(const ent_game *g, int (*feasible)(void *arg, const int *profile),
                               int (*move_ok)(void *arg, int player, int from, int to),
                               void *arg, ent_gmcr **out, uint64_t **index, ent_error *err);

/* Stability concepts. SIM (simultaneous) is defined for two DMs with components;
 * SEQSIM = SEQ and SIM. */
typedef enum {
    ENT_GMCR_NASH = 0,
    ENT_GMCR_GMR,
    ENT_GMCR_SMR,
    ENT_GMCR_SEQ,
    ENT_GMCR_SIM,
    ENT_GMCR_SEQSIM,
    ENT_GMCR_NCONCEPTS
} ent_gmcr_concept;
/* "nash", "gmr", "smr", "seq", "sim", "seqsim"; NULL if out of range. */
ENT_API const char *ent_gmcr_concept_name(int c);
/* 1 if concept c applies to the model (SIM, SEQSIM: two DMs with components). */
ENT_API int ent_gmcr_concept_applies(const ent_gmcr *m, int c);

/* Stability of every state for every DM under every applicable concept, with one witness
 * per (concept, DM, state) for the explanations. Sanctioning coalitions move in legal
 * sequences (any member, never the same DM twice in a row: Fang, Hipel & Kilgour 1993;
 * Xu, Hipel & Kilgour 2009). Parallel over states (OpenMP); identical for any thread
 * count. */
typedef struct ent_gmcr_result ent_gmcr_result;
/* m must be sealed. OUT: *out owned. */
ENT_API int ent_gmcr_analyze(const ent_gmcr *m, ent_gmcr_result **out, ent_error *err);
ENT_API void ent_gmcr_result_free(ent_gmcr_result **r);
/* 1 stable, 0 unstable, -1 concept not applicable. */
ENT_API int ent_gmcr_stable(const ent_gmcr_result *r, int c, int dm, uint32_t s);
/* 1 if s is stable for every DM under c. */
ENT_API int ent_gmcr_equilibrium(const ent_gmcr_result *r, int c, uint32_t s);
/* Witness: the improvement (UINT32_MAX if none) and its sanction (UINT32_MAX if none). For
 * an unstable state, *improve is an unsanctioned improvement; for a stable state with
 * improvements, *improve is the first one and *sanction the sanctioning state. */
ENT_API void ent_gmcr_witness(const ent_gmcr_result *r, int c, int dm, uint32_t s,
                              uint32_t *improve, uint32_t *sanction);
/* One sentence: why s is (un)stable for dm under c. Returns the length needed (like
 * snprintf); buf may be NULL when cap is 0. */
ENT_API int ent_gmcr_explain(const ent_gmcr *m, const ent_gmcr_result *r, int c, int dm,
                             uint32_t s, char *buf, size_t cap);

/* Independent re-check (solver/gmcr_verify.c): the definition applied directly, by
 * explicit breadth-first search of the sanctioning sequences from each improvement.
 * Slow (for verifying printed results). OUT: *stable 1/0. */
ENT_API int ent_gmcr_verify_stable(const ent_gmcr *m, int c, int dm, uint32_t s, int *stable);

/* Coalition analysis (Kilgour, Hipel, Fang & Peng 2001): a coalitional improvement for a
 * coalition H (two or more DMs) from s is a state reachable by a legal sequence of moves
 * of H's members that every member of H strictly prefers to s. Finds the first coalition
 * (in order of the bit mask, bit d = DM d) with an improvement from s. OUT: *mask (0 if
 * none, s is then coalitionally stable), *to; either may be NULL. ndm <= 16. */
ENT_API int ent_gmcr_coalition_improvement(const ent_gmcr *m, uint32_t s, unsigned *mask,
                                           uint32_t *to);

/* Status-quo analysis: can `target` be reached from `from` by a sequence of unilateral
 * improvements (each move an improvement for its mover, never the same DM twice in a
 * row), or, with coalitional != 0, of coalitional improvements (each step a coalitional
 * improvement of some coalition, including single DMs)? Breadth-first, so the path is a
 * shortest one. OUT: path[0..*len-1] from `from` to `target` (states) and movers[k] = bit
 * mask of the DMs making step k (path[k] -> path[k+1]); both arrays hold at least
 * ndm * nstates + 1 entries; *len = 0 if unreachable. Coalitional analysis is refused
 * (ENT_ETOOBIG) when 2^ndm * nstates^2 exceeds 2^34. */
ENT_API int ent_gmcr_status_quo(const ent_gmcr *m, uint32_t from, uint32_t target,
                                int coalitional, uint32_t *path, unsigned *movers,
                                uint32_t *len, ent_error *err);

#ifdef __cplusplus
}
#endif
#endif
