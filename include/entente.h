/* entente.h — the one public header of libentente, a negotiation game-theory solver.
 *
 * Conventions (docs/DESIGN.md §5): every name has the ent_/ENT_ prefix; types are opaque;
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
    X(ENT_ENOTFOUND, -12, "no such name")                              \
    X(ENT_EOPTION, -13, "invalid option value")

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

/* The name of names[0..n-1] nearest to s (edit distance, or a unique name s begins), for
 * "did you mean" suggestions; NULL when none is close enough. Borrowed from names. */
ENT_API const char *ent_nearest_name(const char *s, const char *const *names, int n);

/* ----------------------------------------------------------- core: stopping early */

/* Ask every running solver to stop at its next check, exactly as if its time limit had
 * passed: it returns what it has found so far, marked incomplete. Async-signal-safe (a
 * SIGINT handler may call it); ent_interrupt_clear() withdraws the request. */
ENT_API void ent_interrupt(void);
ENT_API void ent_interrupt_clear(void);
ENT_API int ent_interrupted(void);
/* Seconds on a monotonic clock. */
ENT_API double ent_clock(void);
/* 1 if ent_interrupt() was called or the deadline (an ent_clock() time; 0 = none) has
 * passed. Every long-running loop of the library polls it. */
ENT_API int ent_should_stop(double deadline);

/* Progress of long runs: ent_progress_set installs a sink (NULL removes it) that long
 * loops (Monte Carlo samples, sweep points, Lemke-Howson paths, vertex enumeration)
 * call with a task name and done/total units, from any thread, at most every few
 * milliseconds of work. The sink must be thread-safe and cheap; it never changes results.
 * Set it before solving, not while solvers run. */
typedef void (*ent_progress_fn)(void *arg, const char *task, double done, double total);
ENT_API void ent_progress_set(ent_progress_fn fn, void *arg);
ENT_API void ent_progress(const char *task, double done, double total);

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

/* Tolerances: the one place they are defined. Every floating-point decision about
 * payoffs is relative to the payoff range (ent_game_payoff_scale, or one player's
 * hi - lo), never absolute, so answers do not depend on units: scaling every payoff by
 * 10^-6 or 10^6, or adding 10^9, changes no decision. Probabilities are unitless.
 *   ENT_TOL_REGRET    a regret up to this times the range passes verification
 *   ENT_TOL_ROUNDING  below this times the range, a difference is floating-point noise
 *                     (too small for an exact re-check's verdict to overrule a pass)
 *   ENT_TOL_TIE       floating-point algorithms working on payoffs mapped to a range of
 *                     1 (two-player methods) treat values closer than this as equal;
 *                     for an exact game a closer call is left to the exact re-check
 *   ENT_TOL_PROB      a probability this small is 0 (and may be this far below 0)
 *   ENT_TOL_FRACTION  the exact re-check recovers fractions within this of each
 *                     probability (and within 10^-3 / den^2, denominators up to 2^31;
 *                     an irrational probability has none)
 *   ENT_EXACT_WORK    the exact re-check is skipped (undecided) above this many
 *                     rational payoff terms */
#define ENT_TOL_REGRET 1e-9
#define ENT_TOL_ROUNDING 1e-12
#define ENT_TOL_TIE 1e-10
#define ENT_TOL_PROB 1e-12
#define ENT_TOL_FRACTION 1e-14
#define ENT_EXACT_WORK 4000000

/* Smallest and largest payoff of a player. OUT: *lo, *hi. */
ENT_API void ent_game_payoff_bounds(const ent_game *g, int player, double *lo, double *hi);
/* The game's payoff unit for tolerances: the largest of the players' payoff ranges
 * (hi - lo); 1 when every player's payoffs are constant. */
ENT_API double ent_game_payoff_scale(const ent_game *g);

/* The game in unit-free form: each player's payoffs shifted so the smallest is 0, all
 * divided by ent_game_payoff_scale (so the largest range is 1; the exact table is
 * dropped). Same Nash equilibria and the same logit QRE branch (lambda times the
 * scale). Algorithms that iterate in floating point run on it, so that their steps and
 * tolerances do not depend on units. OUT: *out owned by the caller, *scale (may be NULL). */
ENT_API int ent_game_normalise(const ent_game *g, ent_game **out, double *scale);

/* Independent check of any mixed profile (concatenated layout, see
 * ent_game_strategy_offset). OUT: regret[p] = best pure-response payoff minus the
 * expected payoff of p (>= 0 up to rounding), payoff[p] = expected payoff (either may
 * be NULL). Computed by one direct pass over all profiles with each player's payoffs
 * taken relative to that player's smallest payoff (no precision lost to an offset),
 * sharing no code with any equilibrium algorithm. Returns ENT_EINVAL if a probability
 * vector is not one. */
ENT_API int ent_verify_regrets(const ent_game *g, const double *mixed, double *regret,
                               double *payoff);
/* Largest regret over players, or a negative status. */
ENT_API double ent_verify_max_regret(const ent_game *g, const double *mixed);
/* Tolerance used to accept an equilibrium: ENT_TOL_REGRET times ent_game_payoff_scale. */
ENT_API double ent_verify_tolerance(const ent_game *g);
/* Exact re-check (GMP) for a game with an exact payoff table: every probability is
 * replaced by the fraction with the smallest denominator within ENT_TOL_FRACTION, and
 * the resulting profile is checked in rational arithmetic over the others' supports.
 * Returns 1 if it is an exact equilibrium, 0 if not (OUT: *regret, may be NULL: the
 * largest exact regret), -1 if undecided (no exact table, a payoff without an exact
 * value, no such fractions, or more than ENT_EXACT_WORK terms). */
ENT_API int ent_verify_exact(const ent_game *g, const double *mixed, double *regret);
/* The verdict on a profile whose regrets (from ent_verify_regrets) are given: the exact
 * re-check when it decides (an exact equilibrium passes whatever floating point says; a
 * profile that is not one fails unless its measured regret is below rounding,
 * ENT_TOL_ROUNDING of the range, where the recovered fractions may be the wrong ones),
 * else each player's regret against ENT_TOL_REGRET times that player's payoff range.
 * Returns 1 (verified) or 0. */
ENT_API int ent_verify_decide(const ent_game *g, const double *mixed, const double *regret);

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
/* Several columns at once: spec is "name:type,name:type,..." with type s (string),
 * n (number), i (integer) or b (boolean); names hold no ',' or ':'. A malformed spec
 * fails the report (ENT_EINVAL from ent_report_write). */
ENT_API void ent_table_cols(ent_table *t, const char *spec);
/* A column's display label (0-based col) for the human formats: text, Markdown and
 * LaTeX show it as the header instead of the name; CSV and JSON keep the unique name.
 * Labels need not be unique (e.g. "payoff Russia"). Copied. */
ENT_API void ent_table_col_label(ent_table *t, int col, const char *label);
/* Mark a table as data for machines: written in CSV and JSON only, left out of text,
 * Markdown and LaTeX (where the concepts' own prose and tables present the results). */
ENT_API void ent_table_machine_only(ent_table *t);
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
/* Parts: every section, prose line and table added after ent_report_part(r, NAME) belongs
 * to part NAME (the analysis layer names them after the concepts: "pure", "gmcr", ...;
 * "summary" holds the answer first). NULL ends the current part. Human formats can show
 * a chosen set of parts (ent_write_opts.sections). The name is copied. */
ENT_API void ent_report_part(ent_report *r, const char *name);
ENT_API size_t ent_report_nparts(const ent_report *r);
/* The i-th part name in order of first use, or NULL. Borrowed. */
ENT_API const char *ent_report_part_name(const ent_report *r, size_t i);
/* Move the items of part `name` before all others (order kept within each group). */
ENT_API void ent_report_part_first(ent_report *r, const char *name);
/* Mark a table as long per-item explanations (e.g. why each state is stable): shown in
 * the human formats only when asked for (ent_write_opts.explain); always in CSV/JSON. */
ENT_API void ent_table_explanation(ent_table *t);

/* Provenance: key/value strings every writer carries (text footer, JSON "provenance"
 * object, Markdown footer, LaTeX comments): program version, input and its SHA-256,
 * parameters, concepts, seed, samples, date. Setting a key again replaces its value and
 * keeps its place. Values are formatted with printf. */
ENT_API void ent_report_provenance(ent_report *r, const char *key, const char *fmt, ...)
    ENT_PRINTF(3, 4);
ENT_API size_t ent_report_provenance_count(const ent_report *r);
/* OUT: the i-th key and value (borrowed), NULL when i is out of range. */
ENT_API void ent_report_provenance_get(const ent_report *r, size_t i, const char **key,
                                       const char **value);
/* The value of `key`, or NULL. Borrowed. */
ENT_API const char *ent_report_provenance_find(const ent_report *r, const char *key);

/* 1 when SOURCE_DATE_EPOCH is unset or a valid date (seconds since 1970, up to year
 * 9999); else 0 and *why says what is wrong. Reports take their date from it. */
ENT_API int ent_source_date_check(const char **why);

/* Reading a report back (typed, never parsed from text): the title, the tables in order,
 * and each table's columns and cells. Strings are borrowed from the report. */
ENT_API const char *ent_report_title(const ent_report *r);
/* A summary key/value: its ent_coltype (-2 when absent); OUT (each may be NULL): the
 * string (NULL unless a string) and the number (NaN unless a number, integer or
 * boolean), borrowed. */
ENT_API int ent_report_kv_find(const ent_report *r, const char *key, const char **str,
                               double *num);
ENT_API size_t ent_report_ntables(const ent_report *r);
/* The k-th table (0-based, in document order), or NULL. */
ENT_API ent_table *ent_report_table_at(const ent_report *r, size_t k);
ENT_API const char *ent_table_name(const ent_table *t);
ENT_API const char *ent_table_caption(const ent_table *t);
/* The part the table was created in, or NULL. Borrowed. */
ENT_API const char *ent_table_part(const ent_table *t);
ENT_API int ent_table_is_machine_only(const ent_table *t);
ENT_API int ent_table_is_explanation(const ent_table *t);
/* Column name / ent_coltype, NULL / -1 when col is out of range; the index of a column
 * by name, -1 when absent. */
ENT_API const char *ent_table_col_name(const ent_table *t, int col);
/* The header the human formats show: the display label (ent_table_col_label), else the
 * name; NULL when col is out of range. */
ENT_API const char *ent_table_col_display(const ent_table *t, int col);
ENT_API int ent_table_col_type(const ent_table *t, int col);
ENT_API int ent_table_find_col(const ent_table *t, const char *name);
/* A cell's type: its ent_coltype, -1 for a null cell, -2 when row or col is out of range. */
ENT_API int ent_table_cell_type(const ent_table *t, size_t row, int col);
/* The string of a string cell, else NULL. */
ENT_API const char *ent_table_cell_str(const ent_table *t, size_t row, int col);
/* A number, integer or boolean cell as a double; NaN for strings, nulls, out of range. */
ENT_API double ent_table_cell_num(const ent_table *t, size_t row, int col);
/* An integer or boolean cell (a number cell truncated); 0 otherwise. */
ENT_API long long ent_table_cell_int(const ent_table *t, size_t row, int col);

/* Write in a format. CSV writes one table: `csv_table` if given, else the first table
 * (one header line, one row per entry). Returns the first builder failure, or ENT_EIO. */
ENT_API int ent_report_write(const ent_report *r, FILE *f, ent_format fmt,
                             const char *csv_table);
/* How a report is shown. The human formats (text, Markdown, LaTeX) can show the answer
 * first: ENT_VIEW_SUMMARY writes the title, the "summary" part and the provenance;
 * ENT_VIEW_DETAIL every part (explanation tables only with `explain`); ENT_VIEW_AUTO the
 * detail when its text fits `max_lines` lines and `width` columns, else the summary
 * (and the whole detail when the report has no summary). `sections` (comma-separated
 * part names, "summary" included) overrides the view. `width` > 0 wraps prose and fits
 * text tables to that many columns (cells cut with a marker "…" when they must be); 0
 * writes lines whole. CSV and JSON always carry every table. */
typedef enum { ENT_VIEW_DETAIL = 0, ENT_VIEW_SUMMARY, ENT_VIEW_AUTO } ent_view;
typedef struct {
    ent_view view;
    const char *sections; /* NULL: by view */
    int explain;          /* explanation tables in the human formats */
    int width;            /* text columns, 0 = no wrapping */
    int max_lines;        /* ENT_VIEW_AUTO's screenful, 0 = 60 */
} ent_write_opts;
/* The defaults of ent_report_write: every part, explanations included, no wrapping. */
ENT_API void ent_write_opts_init(ent_write_opts *o);
/* ent_report_write with options (o NULL: the defaults). Also ENT_ENOTFOUND when
 * `sections` names a part the report does not have (every name is checked). */
ENT_API int ent_report_write_opts(const ent_report *r, FILE *f, ent_format fmt,
                                  const char *csv_table, const ent_write_opts *o);
/* Name the table CSV writes when ent_report_write gets no csv_table (default: the
 * first table). The name is copied. */
ENT_API void ent_report_set_primary_table(ent_report *r, const char *name);
/* The table CSV writes by default: the one set above, else the first; NULL if none.
 * Borrowed. */
ENT_API const char *ent_report_primary_table(const ent_report *r);
/* Write into a new NUL-terminated string. OUT: *out owned by the caller (ent_free),
 * NULL on error. Returns as ent_report_write, or ENT_ENOMEM. */
ENT_API int ent_report_write_string(const ent_report *r, ent_format fmt,
                                    const char *csv_table, char **out);
/* Free memory the library handed to the caller (strings from *_string functions). */
ENT_API void ent_free(void *p);

/* The one number formatter: shortest "%.*g" (up to 12 significant digits, or those set
 * by ent_fmt_set_digits) that is stable across formats; with 12 or more digits an
 * integer from 10^12 to 2^53 in full (1000000000003); -0 printed as 0; non-finite as
 * "inf"/"-inf"/"nan". buf must hold at least 32 bytes. Returns buf. */
ENT_API char *ent_fmt_num(char *buf, double v);
/* Significant digits of ent_fmt_num, for the whole process (the entente program's
 * --digits): 1..17; any other value restores the default 12. Set it before building and
 * writing reports (it is read, never written, while solvers run). */
ENT_API void ent_fmt_set_digits(int digits);
ENT_API int ent_fmt_digits(void);

/* More read access (beside the table readers above), for writers outside report.c (HTML
 * pages, SVG charts, per-table files). Strings are borrowed from the report. */
ENT_API size_t ent_report_nkv(const ent_report *r);
/* Summary entry i: its text (numbers through ent_fmt_num into buf, 32 bytes), *key its
 * name (key may be NULL); NULL when i is out of range. */
ENT_API const char *ent_report_kv_get(const ent_report *r, size_t i, const char **key,
                                      char buf[32]);
enum { ENT_ITEM_SECTION = 0, ENT_ITEM_TEXT = 1, ENT_ITEM_TABLE = 2 };
ENT_API size_t ent_report_nitems(const ent_report *r);
/* Item i in document order: returns ENT_ITEM_SECTION or ENT_ITEM_TEXT (OUT: *text, the
 * heading or prose line) or ENT_ITEM_TABLE (OUT: *table); -1 when i is out of range.
 * text and table may be NULL. */
ENT_API int ent_report_item(const ent_report *r, size_t i, const char **text,
                            ent_table **table);
/* A cell's text as in CSV (numbers through ent_fmt_num into buf, 32 bytes; "" for a null
 * cell or out of range). */
ENT_API const char *ent_table_cell_text(const ent_table *t, size_t row, int col, char buf[32]);
/* Write one table alone: text, CSV (as ent_report_write), JSON (an object with name,
 * caption, columns [{name, type}] and rows; schema in report/table.schema.json),
 * Markdown (a pipe table, '|' escaped, the same column count in every row) or LaTeX (a
 * booktabs table with caption and label tab:NAME, every label escaped). Returns the
 * report's builder failure, ENT_EINVAL for a half-filled row, or ENT_EIO. */
ENT_API int ent_table_write(const ent_table *t, FILE *f, ent_format fmt);

/* Charts (report/svg_charts.c): SVG drawings of a report's typed tables, in a fixed
 * order: for each swept parameter the equilibrium bands ("sweep-bands-K") and the payoffs
 * of each actor at each equilibrium ("sweep-payoffs-K") from tables sweep and
 * sweep_payoffs; Monte Carlo shares with Wilson whiskers ("montecarlo"); coalition
 * allocations per member ("allocations", table solutions); the state graph of a graph
 * model of at most 32 states with its equilibria ("state-graph", gmcr_stability and
 * gmcr_moves); the subgame-perfect path on a tree of at most 64 nodes ("spe-tree",
 * efg_tree). Colour-blind-safe colours plus patterns, markers and dashes (readable in
 * grey); titles from the report's; the bytes depend on the tables only.
 * OUT: *out (ent_charts_free), *n charts (0 when no table has a chart). Returns ENT_OK or
 * ENT_ENOMEM. */
typedef struct {
    char *name;  /* file stem and element id prefix, e.g. "montecarlo" */
    char *title; /* one line */
    char *svg;   /* a complete <svg> element (UTF-8) */
} ent_chart;
ENT_API int ent_report_charts(const ent_report *r, ent_chart **out, size_t *n);
ENT_API void ent_charts_free(ent_chart **charts, size_t n);

/* The report page (report/html_page.c): reports parts[0..nparts) (the first gives the
 * page title; each shows its summary entries, sections, prose and visible tables in
 * order), the charts, and the provenance (key/value lines) as one self-contained HTML
 * page (inline CSS and SVG, no script, no network) or as Markdown with the same content
 * (charts as links to NAME.svg). Tables link to their files STEM.csv, STEM.json and
 * STEM.tex. Returns ENT_OK, ENT_EINVAL (no part) or ENT_EIO. */
typedef struct {
    const char *key, *value;
} ent_page_kv;
ENT_API int ent_page_write_html(const ent_report *const *parts, size_t nparts,
                                const ent_chart *charts, size_t ncharts,
                                const ent_page_kv *prov, size_t nprov, FILE *f);
ENT_API int ent_page_write_markdown(const ent_report *const *parts, size_t nparts,
                                    const ent_chart *charts, size_t ncharts,
                                    const ent_page_kv *prov, size_t nprov, FILE *f);
/* The file stem of table t of parts[pi] on the page: its name with characters other than
 * letters, digits, '_' and '-' as '-', and "-K" added when K-1 earlier parts have a table
 * of that name. */
ENT_API void ent_page_table_stem(const ent_report *const *parts, size_t pi, const ent_table *t,
                                 char *buf, size_t cap);

/* Manifests (report/manifest.c): manifest.json records a run — program, version, the
 * command line after the program name, the working directory, SOURCE_DATE_EPOCH (null
 * when unset), the provenance lines and every file written with its size and SHA-256
 * (schema: report/manifest.schema.json). */
typedef struct {
    const char *path;   /* relative to the manifest's folder when inside it */
    uint64_t bytes;
    const char *sha256; /* 64 lowercase hex digits */
} ent_manifest_file_info;
typedef struct {
    int argc;
    const char *const *argv;       /* the command after the program name */
    const char *cwd;               /* working directory of the run */
    const char *source_date_epoch; /* NULL when unset */
    const ent_page_kv *prov;
    size_t nprov;
    const ent_manifest_file_info *files;
    size_t nfiles;
} ent_manifest_info;
/* Write manifest.json. Returns ENT_OK, ENT_EINVAL (a string that is not UTF-8) or
 * ENT_EIO. */
ENT_API int ent_manifest_write(FILE *f, const ent_manifest_info *m);
typedef struct ent_manifest ent_manifest;
/* Read and check a manifest: ENT_OK, or ENT_EIO / ENT_EPARSE with "PATH[:LINE]: what is
 * wrong" in err. OUT: *out (ent_manifest_free). Strings below are borrowed from it. */
ENT_API int ent_manifest_read(const char *path, ent_manifest **out, ent_error *err);
ENT_API void ent_manifest_free(ent_manifest **m);
ENT_API size_t ent_manifest_argc(const ent_manifest *m);
ENT_API const char *ent_manifest_arg(const ent_manifest *m, size_t i);
ENT_API const char *ent_manifest_cwd(const ent_manifest *m);               /* NULL if none */
ENT_API const char *ent_manifest_source_date_epoch(const ent_manifest *m); /* NULL if unset */
ENT_API size_t ent_manifest_nfiles(const ent_manifest *m);
/* File i's path (NULL out of range); OUT: *sha256 (may be NULL). */
ENT_API const char *ent_manifest_file(const ent_manifest *m, size_t i, const char **sha256);

/* Provenance (report/provenance.c): the SHA-256 of a buffer or of a file's bytes, as 64
 * lowercase hex digits and a NUL in out. ent_sha256_hex returns out; ent_sha256_file
 * returns ENT_OK or ENT_EIO ("PATH: reason" in err). */
ENT_API char *ent_sha256_hex(const void *data, size_t len, char out[65]);
ENT_API int ent_sha256_file(const char *path, char out[65], ent_error *err);

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
/* ------------------------------------------------------- games: lrsnash format */

/* Two-player games as lrsnash (lrslib) reads them: "m n", then the row player's m x n
 * payoff matrix and the column player's, row by row; integers, fractions p/q or decimals.
 * Exact values are kept as by the .nfg reader. Errors: "NAME:LINE: what is wrong"
 * (ENT_EPARSE), sizes checked before allocating (ENT_ETOOBIG). OUT: *out owned. */
ENT_API int ent_lrs_read_file(const char *path, const ent_game_opts *o, ent_game **out,
                              ent_error *err);
ENT_API int ent_lrs_read_string(const char *text, const char *name_for_errors,
                                const ent_game_opts *o, ent_game **out, ent_error *err);
/* Write a two-player game in that format, every payoff exact (integer or p/q; a double
 * without an exact value as the fraction it equals). ENT_EUNSUPPORTED for other player
 * counts, ENT_EINVAL for a non-finite payoff, ENT_EIO. */
ENT_API int ent_lrs_write(const ent_game *g, FILE *f, ent_error *err);

/* ------------------------------------------------------------ games: scenarios */

/* A scenario (configs/README.md): actors with options or choices, parameters (numbers or
 * distributions), preferences, and optional sequence, coalition and analysis blocks,
 * read from a libconfig file. Loaded and validated once; compiled to a normal-form game
 * at any parameter point. All const queries are reentrant. */
typedef struct ent_scenario ent_scenario;
typedef struct {
    size_t mem_limit; /* as ent_game_opts: payoff storage allowed for a compiled game */
} ent_scenario_opts;
ENT_API void ent_scenario_opts_init(ent_scenario_opts *o);
/* Load, validate (file:line messages) and compile expressions. o may be NULL.
 * OUT: *out owned (ent_scenario_free). */
ENT_API int ent_scenario_load(const char *path, const ent_scenario_opts *o, ent_scenario **out,
                              ent_error *err);
ENT_API void ent_scenario_free(ent_scenario **s);
ENT_API const char *ent_scenario_title(const ent_scenario *s);
ENT_API const char *ent_scenario_path(const ent_scenario *s);
/* parameters: count, name, point value; --set overrides */
ENT_API int ent_scenario_nparams(const ent_scenario *s);
ENT_API const char *ent_scenario_param_name(const ent_scenario *s, int i);
/* Set a parameter's current value (ENT_ENOTFOUND with "did you mean" for a bad name,
 * ENT_EINVAL for a non-finite value). */
ENT_API int ent_scenario_set_param(ent_scenario *s, const char *name, double value, ent_error *err);
/* Normal form at the current parameter point (labels: actor names, strategy names built
 * from option/choice ids). Actor a is player a; strategy indices are stable. */
ENT_API int ent_scenario_compile(const ent_scenario *s, ent_game **out, ent_error *err);
ENT_API int ent_scenario_nactors(const ent_scenario *s);
ENT_API const char *ent_scenario_actor_id(const ent_scenario *s, int a);
ENT_API const char *ent_scenario_actor_name(const ent_scenario *s, int a);
/* option view (GMCR): binary options of actor a (0 for an actor with `choices`) */
ENT_API int ent_scenario_noptions(const ent_scenario *s, int a);
ENT_API const char *ent_scenario_option_id(const ent_scenario *s, int a, int k);
ENT_API int ent_scenario_strategy_has_option(const ent_scenario *s, int a, int strategy, int k);
/* 1 if the joint profile (one strategy index per actor) is feasible, i.e. matches no
 * cross-actor `infeasible` pattern (single-actor patterns already removed strategies) */
ENT_API int ent_scenario_profile_feasible(const ent_scenario *s, const int *profile);
/* Number of profiles no cross-actor `infeasible` pattern excludes (every profile when
 * the scenario has more than 64 actors). */
ENT_API uint64_t ent_scenario_count_feasible(const ent_scenario *s);
/* 1 if actor a may move from its strategy `from` to `to` (options declared irreversible
 * can only be switched in the declared direction) */
ENT_API int ent_scenario_move_allowed(const ent_scenario *s, int a, int from, int to);
/* preferences given as: 0 additive payoff rules (cardinal), 1 prioritised statements
 * (ordinal: payoffs are lexicographic scores), 2 explicit outcome table */
ENT_API int ent_scenario_pref_kind(const ent_scenario *s);
/* the profile in words; returns the needed length like snprintf */
ENT_API int ent_scenario_describe(const ent_scenario *s, const int *profile, char *buf, size_t cap);
/* parse a state written as comma-separated `actor.option` (options set; unlisted options
 * are off) and `actor.choice` items into a profile; error names the bad item */
ENT_API int ent_scenario_parse_state(const ent_scenario *s, const char *text, int *profile,
                                     ent_error *err);
/* analysis block: requested concepts (may be 0), status quo text or NULL */
ENT_API int ent_scenario_analysis_nconcepts(const ent_scenario *s);
ENT_API const char *ent_scenario_analysis_concept(const ent_scenario *s, int i);
/* Where analysis.concepts entry i is written. OUT: *file (borrowed), *line. */
ENT_API int ent_scenario_analysis_concept_place(const ent_scenario *s, int i, const char **file,
                                                int *line);
/* Warnings about a valid scenario, each one line "file:line: warning: ...": an actor no
 * payoff rule pays, a parameter no expression reads (found by ent_scenario_load), and a
 * value given by ent_scenario_set_param outside the parameter's distribution (added by
 * that call). Borrowed strings, valid until the scenario is freed. */
ENT_API int ent_scenario_nwarnings(const ent_scenario *s);
ENT_API const char *ent_scenario_warning(const ent_scenario *s, int i);
ENT_API const char *ent_scenario_status_quo(const ent_scenario *s);
/* coalition block (TU games); all reentrant and allocation-free after load */
ENT_API int ent_scenario_has_coalition(const ent_scenario *s);
ENT_API int ent_scenario_coalition_nmembers(const ent_scenario *s);
ENT_API const char *ent_scenario_coalition_member(const ent_scenario *s, int i);      /* id */
ENT_API const char *ent_scenario_coalition_member_name(const ent_scenario *s, int i); /* name or id */
ENT_API int ent_scenario_coalition_nattrs(const ent_scenario *s);
ENT_API const char *ent_scenario_coalition_attr_name(const ent_scenario *s, int k);
ENT_API double ent_scenario_coalition_attr(const ent_scenario *s, int i, int k);
/* 0 none/attributes only, 1 `value` expression, 2 explicit `values` table, 3 weighted
 * voting (`quota` + `weight` attribute) */
ENT_API int ent_scenario_coalition_kind(const ent_scenario *s);
/* `value` expression for the coalition members[0..m-1] (m = 0 allowed); ENT_ENOTFOUND
 * if the block has no `value` expression, ENT_ENUMERIC if the value is not finite */
ENT_API int ent_scenario_coalition_value(const ent_scenario *s, const int *members, int m, double *out);
/* The same for the coalition given as a bitmask (bit i = member i; at most 64 members,
 * else ENT_EINVAL). */
ENT_API int ent_scenario_coalition_value_mask(const ent_scenario *s, uint64_t coalition, double *out);
/* Bounds [*lo, *hi] on the `value` of every non-empty coalition T with in <= T <= in | free
 * (bitmasks, at most 64 members and 128 attributes, else ENT_EINVAL), by interval
 * evaluation of the expression over the ranges its aggregates can take (up to rounding).
 * Used by branch and bound over coalitions; the range may be infinite. */
ENT_API int ent_scenario_coalition_value_bounds(const ent_scenario *s, uint64_t in, uint64_t free,
                                                double *lo, double *hi);
/* cartel payoff of `member` (see configs/README.md); ENT_ENOTFOUND if absent */
ENT_API int ent_scenario_coalition_has_payoff(const ent_scenario *s);
ENT_API int ent_scenario_coalition_payoff(const ent_scenario *s, int member, const int *members, int m,
                                          double *out);
/* where the `payoff` expression is written: *file (borrowed) and *line; 0 if none */
ENT_API int ent_scenario_coalition_payoff_place(const ent_scenario *s, const char **file,
                                               int *line);
/* The same for the coalition given as a bitmask (at most 64 members). */
ENT_API int ent_scenario_coalition_payoff_mask(const ent_scenario *s, int member,
                                               uint64_t coalition, double *out);
/* Bounds [lo[k], hi[k]] on the payoff of each member k in `members` over every coalition T
 * (the empty one included) with in <= T <= in | free; no such member may be in `free`
 * (its `inside` is fixed). By interval evaluation of the `value` expression, once, and of
 * the `payoff` expression per member (up to rounding); a range may be infinite.
 * ENT_EINVAL for bad masks. */
ENT_API int ent_scenario_coalition_payoff_bounds(const ent_scenario *s, uint64_t members,
                                                 uint64_t in, uint64_t free, double *lo,
                                                 double *hi);
/* explicit values given as a vector (`values = [ ... ]`, CoopGame's order in the file):
 * the 2^n values by bitmask (v[0] = 0), borrowed; NULL when the table is a list */
ENT_API const double *ent_scenario_coalition_values_vector(const ent_scenario *s);
/* explicit `values` table entries (members borrowed) */
ENT_API int ent_scenario_coalition_nvalues(const ent_scenario *s);
ENT_API void ent_scenario_coalition_value_entry(const ent_scenario *s, int j, const int **members,
                                                int *m, double *v);
ENT_API double ent_scenario_coalition_quota(const ent_scenario *s); /* NAN if none */
/* double-majority rule: a winning coalition also needs this many members (0 = none) */
ENT_API int ent_scenario_coalition_quota_members(const ent_scenario *s);
/* weighted voting: a blocking minority needs at least this many members (0 = no clause) */
ENT_API int ent_scenario_coalition_blocking_members(const ent_scenario *s);

/* --- scenario extras (beyond the shared contract) --- */
ENT_API const char *ent_scenario_source(const ent_scenario *s); /* "" if none */
/* SHA-256 (64 hex digits) of the scenario's text with every @include inlined (a
 * byte-order mark dropped): what its results depend on, whatever the file layout. */
ENT_API const char *ent_scenario_sha256(const ent_scenario *s);
ENT_API int ent_scenario_param_index(const ent_scenario *s, const char *name); /* -1 if none */
ENT_API double ent_scenario_param_value(const ent_scenario *s, int i);  /* current value */
ENT_API double ent_scenario_param_point(const ent_scenario *s, int i);  /* as loaded */
/* The parameter's distribution in words ("triangular(1, 2, 4)"), "" for a plain number;
 * returns the needed length like snprintf. */
ENT_API int ent_scenario_param_dist(const ent_scenario *s, int i, char *buf, size_t cap);
ENT_API int ent_scenario_param_is_random(const ent_scenario *s, int i);
/* 1 once ent_scenario_set_param (--set) gave the parameter a value: sampling then keeps
 * that value even if the parameter has a distribution. */
ENT_API int ent_scenario_param_is_fixed(const ent_scenario *s, int i);
/* Draw every distributed parameter from a counter-based stream keyed by (seed, index)
 * only, into values[0..nparams-1] (plain numbers and fixed parameters keep their current
 * value). Reentrant. */
ENT_API void ent_scenario_sample_into(const ent_scenario *s, uint64_t seed, uint64_t index,
                                      double *values);
/* The same, stored as the scenario's current values. */
ENT_API int ent_scenario_sample_params(ent_scenario *s, uint64_t seed, uint64_t index, ent_error *err);
/* Compile at an explicit parameter vector (nparams values). */
ENT_API int ent_scenario_compile_at(const ent_scenario *s, const double *values, ent_game **out,
                                    ent_error *err);
/* Recompute the payoffs of g (a game returned by ent_scenario_compile of this scenario)
 * at `values`, allocating nothing. Reentrant on distinct games. */
ENT_API int ent_scenario_fill(const ent_scenario *s, const double *values, ent_game *g, ent_error *err);
ENT_API uint64_t ent_scenario_nprofiles(const ent_scenario *s);
/* strategies of actor a (the compiled game's strategies, same order and labels) */
ENT_API int ent_scenario_nstrategies(const ent_scenario *s, int a);
ENT_API const char *ent_scenario_strategy_label(const ent_scenario *s, int a, int strategy);
/* sequence block: stages of simultaneous movers and chance moves, in order (0 stages if
 * absent); a chance move has no actors */
ENT_API int ent_scenario_nstages(const ent_scenario *s);
ENT_API int ent_scenario_stage_nactors(const ent_scenario *s, int stage);
ENT_API int ent_scenario_stage_actor(const ent_scenario *s, int stage, int j);
/* The options (bit k = option k) the j-th actor of the stage decides there when the
 * sequence splits its options over stages ("coalition.engage"), or 0 when it decides its
 * whole strategy there. */
ENT_API uint32_t ent_scenario_stage_options(const ent_scenario *s, int stage, int j);
/* the stage's name or chance id (NULL if none), 1 if it is a chance move, 1 if later
 * stages do not see its moves */
ENT_API const char *ent_scenario_stage_name(const ent_scenario *s, int stage);
ENT_API int ent_scenario_stage_is_chance(const ent_scenario *s, int stage);
ENT_API int ent_scenario_stage_hidden(const ent_scenario *s, int stage);
/* a chance move's outcomes: count, id, words (the id when no text was given) */
ENT_API int ent_scenario_chance_noutcomes(const ent_scenario *s, int stage);
ENT_API const char *ent_scenario_chance_outcome(const ent_scenario *s, int stage, int k);
ENT_API const char *ent_scenario_chance_text(const ent_scenario *s, int stage, int k);
/* One actor's strategy in words ("the coalition deploys; the coalition commits to
 * respond if attacked"), as in ent_scenario_describe; returns the needed length. */
ENT_API int ent_scenario_describe_actor(const ent_scenario *s, int a, int strategy, char *buf,
                                        size_t cap);
/* The options in `mask` of actor a, on where `bits` has them, in words; returns the
 * needed length. */
ENT_API int ent_scenario_describe_options(const ent_scenario *s, int a, uint32_t mask, uint32_t bits,
                                          char *buf, size_t cap);

/* The staged game of a scenario with a sequence (games/scenario_tree.c): an extensive form
 * whose players are the actors (player a = actor a). Stages move in order; the actors of
 * one stage move at the same time (one information set per actor and per history of the
 * stages it sees); later stages see earlier moves unless a stage is hidden; a chance move
 * branches with its outcomes' probabilities (evaluated at the history) and its outcomes'
 * `set` values hold for the rest of the game. An actor's options at a node are those the
 * cross-actor `infeasible` patterns leave, given the moves before. A leaf's payoffs are
 * those of the compiled normal form at its profile, with the parameters the chance moves
 * on its path set. values: nparams parameter values (NULL: the current ones). Sizes are
 * checked before allocating (ENT_ETOOBIG with the numbers, limit o->mem_limit; o may be
 * NULL). OUT: *out owned; *map (may be NULL) owned, ties the tree to the scenario. */
typedef struct ent_scenario_treemap ent_scenario_treemap;
typedef struct ent_efg ent_efg; /* see "games: extensive form" below */
ENT_API int ent_scenario_to_efg(const ent_scenario *s, const double *values, const ent_game_opts *o,
                                ent_efg **out, ent_scenario_treemap **map, ent_error *err);
ENT_API void ent_scenario_treemap_free(ent_scenario_treemap **m);
/* The stage of information set iset, and the actor moving there (-1: chance). */
ENT_API int ent_scenario_treemap_stage(const ent_scenario_treemap *m, int iset);
ENT_API int ent_scenario_treemap_actor(const ent_scenario_treemap *m, int iset);
/* The options the actor decides at iset when its options are split over stages (0: it
 * decides its whole strategy there, or iset is a chance move). */
ENT_API uint32_t ent_scenario_treemap_options(const ent_scenario_treemap *m, int iset);
/* What action `action` of iset stands for: the actor's strategy, the chance outcome, or
 * (when ent_scenario_treemap_options is not 0) the bits of the options decided that are on. */
ENT_API int ent_scenario_treemap_choice(const ent_scenario_treemap *m, int iset, int action);
/* The normal-form profile index (ent_game_profile_index of the compiled game) that the
 * terminal node `node` ends in, or -1 if node is not terminal. */
ENT_API int64_t ent_scenario_treemap_profile(const ent_scenario_treemap *m, int node);
/* analysis block extras: seed (returns 0 if not given), samples (0 if not given), sweeps */
ENT_API int ent_scenario_analysis_seed(const ent_scenario *s, unsigned long long *seed);
ENT_API long long ent_scenario_analysis_samples(const ent_scenario *s);
ENT_API int ent_scenario_analysis_nsweeps(const ent_scenario *s);
ENT_API void ent_scenario_analysis_sweep(const ent_scenario *s, int i, int *param, double *from,
                                         double *to, int *steps);

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
/* The same with caller-owned scratch, for loops over many games (sweeps, Monte Carlo):
 * buffers grow when needed and are reused, so a steady loop allocates nothing. OUT: *eqs
 * points into ws (valid, and writable, until the next call with ws or ent_pure_ws_free).
 * Start from ent_pure_ws ws = {0}. */
typedef struct {
    unsigned char *mark;
    uint64_t mark_cap;
    ent_pure_eq *out;
    uint64_t out_cap;
} ent_pure_ws;
ENT_API int ent_pure_nash_ws(const ent_game *g, const ent_pure_opts *opts, ent_pure_ws *ws,
                             ent_pure_eq **eqs, size_t *count, uint64_t *total, ent_error *err);
ENT_API void ent_pure_ws_free(ent_pure_ws *ws);

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
/* The same, stopping once more than max_work payoff comparisons have been made (crafted
 * games can need about 4 m^4 for m strategies a player); ent_pure_iesds uses
 * ENT_IESDS_WORK and does not say whether it stopped early. OUT: *complete = 0 if it
 * stopped early: the eliminations listed hold, and more may follow. */
#define ENT_IESDS_WORK ((uint64_t)1 << 32)
ENT_API int ent_pure_iesds_limited(const ent_game *g, uint64_t max_work, unsigned char *keep,
                                   ent_elim_step **steps, size_t *nsteps, int *complete,
                                   ent_error *err);

/* The same, also stopping at `deadline` (an ent_clock() time; 0 = none) or on
 * ent_interrupt(): then ENT_ETIMEOUT, *complete = 0, and the eliminations found (they
 * hold) in *steps as above. */
ENT_API int ent_pure_iesds_until(const ent_game *g, uint64_t max_work, double deadline,
                                 unsigned char *keep, ent_elim_step **steps, size_t *nsteps,
                                 int *complete, ent_error *err);
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
/* Lemke-Howson: how the path from missing label `label` (0-based) ended: ENT_OK (it
 * reached an equilibrium; *exact = 1 when the floating-point path failed and the path
 * was followed again in exact integer arithmetic), ENT_ETIMEOUT (stopped by the time
 * limit or ent_interrupt), ENT_ENUMERIC or ENT_ENOMEM (the path failed; the other
 * paths' equilibria are still reported); ENT_EINVAL if no such path was run. exact may
 * be NULL. */
ENT_API int ent_bimatrix_path(const ent_bimatrix *r, int label, int *exact);
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
/* Allow only profiles with allowed[i] != 0 to carry probability (e.g. a scenario's jointly
 * feasible outcomes; deviations still use every profile's payoffs). Call before the first
 * ent_ce_optimize; the array is copied. Optimising then fails with ENT_EINFEASIBLE if no
 * such distribution exists. */
ENT_API int ent_ce_restrict(ent_ce *ce, const unsigned char *allowed);
ENT_API void ent_ce_free(ent_ce **ce);
/* Stop later optimisations at `deadline` (an ent_clock() time; 0 = none) or on
 * ent_interrupt(): the LP solves get the remaining time (GLPK's tm_lim) and the pricing
 * passes poll. ent_ce_optimize then returns ENT_ETIMEOUT; once a first distribution
 * was found (phase 1 done), dist holds the last one reached, a candidate not proven
 * optimal that the caller must verify like any other (otherwise dist is all 0). */
ENT_API void ent_ce_set_deadline(ent_ce *ce, double deadline);
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
} ent_dom_step;
typedef struct {
    int nsteps;
    ent_dom_step *steps;
    double *weights;
    unsigned char *keep; /* ent_game_total_strategies entries: 1 = survives */
} ent_dominance;
ENT_API int ent_dominance_run(const ent_game *g, int weak, ent_dominance *out,
                              ent_error *err);
/* The same, stopping at `deadline` (an ent_clock() time; 0 = none) or on ent_interrupt():
 * then ENT_ETIMEOUT with *out holding the eliminations made so far (they hold; more may
 * follow). */
ENT_API int ent_dominance_run_until(const ent_game *g, int weak, double deadline,
                                    ent_dominance *out, ent_error *err);
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
/* feasible: NULL, or nprofiles bytes (0 = the outcome cannot occur, e.g. a scenario's
 * jointly infeasible profile): equilibria there are left out, coalitions of two or more
 * only deviate to feasible outcomes, Pareto comparisons use feasible outcomes only.
 * OUT: *out (one entry per pure Nash equilibrium, in profile-index order; release with
 * free()), *n its length. */
ENT_API int ent_coalition_analyse(const ent_game *g, const unsigned char *feasible,
                                  ent_coalition_status **out, int *n, ent_error *err);
/* The same, stopping at `deadline` (an ent_clock() time; 0 = none) or on ent_interrupt():
 * then ENT_ETIMEOUT with *out holding the equilibria among the first *examined profiles
 * (in index order), each fully analysed. examined may be NULL. */
ENT_API int ent_coalition_analyse_until(const ent_game *g, const unsigned char *feasible,
                                        double deadline, ent_coalition_status **out, int *n,
                                        uint64_t *examined, ent_error *err);

/* Pareto efficiency over pure outcomes (feasible: NULL or nprofiles bytes, only outcomes
 * with feasible[i] != 0 take part). ent_pareto_optimal: OUT mask[i] = 1 if profile i is
 * feasible and Pareto-optimal (mask: nprofiles bytes). ent_pareto_dominator: among the profiles whose
 * payoffs weakly exceed payoff[] for all players and strictly for one (tolerance tol),
 * the one with the largest payoff sum (lowest index on ties; it is Pareto-optimal), or
 * UINT64_MAX if none. */
ENT_API int ent_pareto_optimal(const ent_game *g, const unsigned char *feasible,
                               unsigned char *mask);
/* The same, stopping at `deadline` (an ent_clock() time; 0 = none) or on ent_interrupt():
 * outcomes are examined by decreasing payoff sum (an outcome can only be dominated by
 * one examined before it), so on ENT_ETIMEOUT mask marks exactly the Pareto-optimal
 * outcomes among the first *examined of that order (examined may be NULL). Returns
 * ENT_OK, ENT_ETIMEOUT or ENT_ENOMEM. */
ENT_API int ent_pareto_optimal_until(const ent_game *g, const unsigned char *feasible,
                                     double deadline, unsigned char *mask, uint64_t *examined);
ENT_API uint64_t ent_pareto_dominator(const ent_game *g, const unsigned char *feasible,
                                      const double *payoff, double tol);

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

/* Graph model of a normal-form game (solver/gmcr/from_game.c): states = the profiles for which
 * feasible(arg, profile) != 0 (all if NULL), in profile-index order; player p moves between
 * two states that differ only in p's strategy, from strategy a to b, when move_ok(arg, p, a,
 * b) != 0 (always if NULL); p's rank of a state = its payoff's position among p's distinct
 * payoffs (equal payoffs tie). Components = strategy indices. Refuses (ENT_ETOOBIG, count
 * named) more than ENT_GMCR_MAX_STATES profiles before allocating. OUT: *out sealed, owned;
 * *index (optional, owned, free()) maps state -> profile index. */
ENT_API int ent_gmcr_from_game(const ent_game *g, int (*feasible)(void *arg, const int *profile),
                               int (*move_ok)(void *arg, int player, int from, int to),
                               void *arg, ent_gmcr **out, uint64_t **index, ent_error *err);
/* The state whose profile index is pi, given the state -> profile index map of
 * ent_gmcr_from_game (sorted, n states); UINT32_MAX when pi is not a state. */
ENT_API uint32_t ent_gmcr_state_of_profile(const uint64_t *index, uint32_t n, uint64_t pi);

/* Graph model of a scenario (solver/gmcr/from_scenario.c): ent_gmcr_from_game over g (compiled
 * from s at the current parameters) with the scenario's infeasible patterns and
 * irreversible options; DMs are the actors (named), states are named by
 * ent_scenario_describe. OUT as ent_gmcr_from_game. */
ENT_API int ent_gmcr_from_scenario(const ent_scenario *s, const ent_game *g, ent_gmcr **out,
                                   uint64_t **index, ent_error *err);

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
 * Xu, Hipel & Kilgour 2009). Parallel over DMs (OpenMP: one task per DM, above 4096
 * states); identical for any thread count. */
typedef struct ent_gmcr_result ent_gmcr_result;
/* m must be sealed. OUT: *out owned. */
ENT_API int ent_gmcr_analyze(const ent_gmcr *m, ent_gmcr_result **out, ent_error *err);
/* The same, stopping at `deadline` (an ent_clock() time; 0 = none) or on ent_interrupt():
 * then ENT_ETIMEOUT and no result (a verdict needs every DM's sanction tables). */
ENT_API int ent_gmcr_analyze_until(const ent_gmcr *m, double deadline, ent_gmcr_result **out,
                                   ent_error *err);
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

/* Independent re-check (solver/gmcr/verify.c): the definition applied directly, by
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
/* ------------------------------------------- coalitional games (issue 7, coop) */

/* A transferable-utility (TU) game with n <= ENT_TU_MAX_N members, stored densely: the
 * value of coalition S is v[S], S a bitmask (bit i = member i), v[0] = 0. */
typedef struct ent_tu ent_tu;
#define ENT_TU_MAX_N 30

/* Value oracle for a coalition given as a bitmask (n <= 30). Must be reentrant (it is
 * called from several threads at once). Returns ENT_OK or a negative status. */
typedef int (*ent_tu_mask_fn)(void *ctx, uint32_t coalition, double *out);
/* Value oracle for a coalition given as a member list (any n). Reentrant. */
typedef int (*ent_tu_list_fn)(void *ctx, const int *members, int m, double *out);

/* A game given by an oracle instead of a table, for n <= 64 members (bitmask = uint64_t):
 * value() gives v(S) (S != 0); bounds() gives lo <= v(T) <= hi for every non-empty T with
 * in <= T <= in | free, as tight as it can (infinite when unknown). Both reentrant. The
 * least core, core membership and nucleolus of such a game are found by branch and bound
 * over the coalitions (ent_tu_oracle_*), never storing 2^n values. */
typedef struct {
    int n;
    void *ctx;
    int (*value)(void *ctx, uint64_t coalition, double *out);
    int (*bounds)(void *ctx, uint64_t in, uint64_t free, double *lo, double *hi);
} ent_tu_oracle;
#define ENT_TU_ORACLE_MAX_N 64

/* New dense game with all values 0 and labels "1".."n". Refuses n outside 1..30 and a
 * table larger than mem_limit bytes (0 = 4 GiB) with the numbers in err (ENT_ETOOBIG),
 * before allocating. OUT: *out owned. */
ENT_API int ent_tu_new(ent_tu **out, int n, size_t mem_limit, ent_error *err);
ENT_API void ent_tu_free(ent_tu **g);
ENT_API int ent_tu_n(const ent_tu *g);
ENT_API double ent_tu_value(const ent_tu *g, uint32_t coalition);
/* Borrowed: the 2^n values, coalition-indexed. */
ENT_API const double *ent_tu_values(const ent_tu *g);
ENT_API double *ent_tu_values_mut(ent_tu *g);
/* Fill v[S] = fn(S) for every S != 0 in parallel (threads <= 0: all cores). Deterministic.
 * The first failing coalition (lowest mask; a non-finite value fails) is reported in err
 * and, if failed is non-NULL, in *failed. */
ENT_API int ent_tu_fill(ent_tu *g, ent_tu_mask_fn fn, void *ctx, int threads,
                        uint32_t *failed, ent_error *err);
ENT_API const char *ent_tu_label(const ent_tu *g, int i);
ENT_API int ent_tu_set_label(ent_tu *g, int i, const char *s);

/* A weighted voting game: S wins iff sum of weights >= quota and (if count_quota > 0)
 * |S| >= count_quota (a double-majority rule by members). Weights are integers >= 0;
 * 1 <= quota <= total weight. Any n >= 1. OUT: *out owned. */
typedef struct ent_wvg ent_wvg;
ENT_API int ent_wvg_new(ent_wvg **out, int n, const int64_t *weights, int64_t quota,
                        int count_quota, ent_error *err);
ENT_API void ent_wvg_free(ent_wvg **w);
ENT_API int ent_wvg_n(const ent_wvg *w);
/* The EU Council's blocking-minority clause: a coalition wins also when fewer than
 * block_min members are outside it (a blocking minority needs at least block_min
 * members; 0 = no such clause). ENT_EINVAL outside 0..n. */
ENT_API int ent_wvg_set_blocking(ent_wvg *w, int block_min, ent_error *err);
/* 1 if the coalition (bitmask, n <= 64) wins, else 0: a direct test of the rule. */
ENT_API int ent_wvg_wins(const ent_wvg *w, uint64_t coalition);
/* Simple game as a dense TU game (v = 1 for winning coalitions); n <= 30. */
ENT_API int ent_wvg_to_tu(const ent_wvg *w, size_t mem_limit, ent_tu **out, ent_error *err);
/* Shapley-Shubik index ss[i] and normalised Banzhaf index bz[i] (swings of i over all
 * swings), exact (GMP counts). The weights and quota are first divided by the weights'
 * gcd; then whichever is cheaper: dynamic programming over the weight sums (a table of
 * (n+1)(quota+1) counts, at most mem_limit bytes, 0 = 1 GiB) or, up to 40 members, a
 * meet-in-the-middle count over the coalitions' weights (two sorted lists of 2^(n/2)
 * sums per member), so the work does not depend on the size of the weights. Any array
 * may be NULL; ss_exact/bz_exact receive malloc'ed "p/q" strings (caller frees each).
 * Refuses (ENT_ETOOBIG, numbers in err) when neither fits. */
ENT_API int ent_wvg_power(const ent_wvg *w, size_t mem_limit, double *ss, double *bz,
                          char **ss_exact, char **bz_exact, ent_error *err);

/* The zero-normalised game of g, strategically equivalent to it: v0(S) = (v(S) - a(S)) /
 * scale with a[i] = v({i}) and scale = max |v(S) - a(S)| (0 for an additive game). The
 * least core, nucleolus, Shapley and Banzhaf values are computed on v0 and mapped back
 * (x = scale * x0 + a), so they are covariant under v -> c * v + additive game (c > 0)
 * and their tolerances are relative to scale, not to the size of the values. OUT: a[n]
 * (may be NULL), *scale. */
ENT_API void ent_tu_zero_normal_scale(const ent_tu *g, double *a, double *scale);

/* Options of the LP-based solutions. */
typedef struct {
    int exact;    /* solve every LP again in exact rational arithmetic (glp_exact) */
    int threads;  /* <= 0: all cores */
    double tol;   /* absolute tolerance on excesses; default 1e-9 times the scale of the
                     zero-normalised game (ent_tu_zero_normal_scale), dense games, or
                     1e-9 * max |v| for an oracle game */
    uint64_t max_nodes; /* oracle games: branch-and-bound nodes per search (default 2^26) */
} ent_tu_opts;
ENT_API void ent_tu_opts_init(ent_tu_opts *o);

/* Least core (Maschler, Peleg & Shapley 1979): the smallest eps such that some x with
 * x(N) = v(N) has v(S) - x(S) <= eps for every S != 0, N. OUT: x[n], *eps. The core is
 * non-empty iff eps <= tol. */
ENT_API int ent_tu_least_core(const ent_tu *g, const ent_tu_opts *o, double *x, double *eps,
                              ent_error *err);
/* 1 if x is in the core (efficient within tol, no coalition with v(S) - x(S) > tol),
 * else 0. OUT (may be NULL): *blocking = a coalition of largest excess (0 if none
 * besides efficiency), *max_excess. */
ENT_API int ent_tu_in_core(const ent_tu *g, const double *x, double tol, uint32_t *blocking,
                           double *max_excess);

typedef struct {
    int stages;      /* LPs solved to optimality (one per settling round) */
    int lps;         /* LP solves including row-generation rounds */
    int rows;        /* largest LP row count used */
    double eps1;     /* first (largest) excess level */
    int certified;   /* 1: Kohlberg's criterion holds; 0: not decided (too many
                        coalitions at the top levels); the call fails if it is violated */
    uint64_t nodes;  /* oracle games: branch-and-bound nodes of all searches */
} ent_tu_info;

/* Nucleolus (Schmeidler 1969) over the imputations (x_i >= v({i})), or with
 * prenucleolus != 0 the prenucleolus over efficient vectors, by a sequence of LPs
 * (Maschler, Peleg & Shapley 1979) with row generation. A coalition is settled at a stage
 * when its row has a positive dual in an optimal LP solution (then it is tight in every
 * optimal solution) or its vector lies in the span of the settled ones (Derks & Kuipers
 * 1997; Fromen 1997). The result is checked by Kohlberg's criterion (ent_tu_kohlberg);
 * a violation returns ENT_EVERIFY. OUT: x[n]; info may be NULL. ENT_EINFEASIBLE when
 * the imputation set is empty. */
ENT_API int ent_tu_nucleolus(const ent_tu *g, int prenucleolus, const ent_tu_opts *o,
                             double *x, ent_tu_info *info, ent_error *err);
/* Kohlberg (1971): x is the prenucleolus iff every union of the top excess levels is
 * balanced (nucleolus: weakly balanced together with the singletons at x_i = v({i})).
 * Checked level by level with an LP until the union spans R^n. Returns 1 if it holds, 0
 * if it fails, 2 if undecided (more than max_sets coalitions in the levels examined),
 * or a negative status. */
ENT_API int ent_tu_kohlberg(const ent_tu *g, const double *x, int prenucleolus, double tol,
                            size_t max_sets, ent_error *err);

/* The same for a game given by an oracle (n <= 64). Each LP round adds the coalitions
 * of largest excess found by branch and bound over all 2^n coalitions; the last search of
 * each stage proves that no coalition exceeds the stage's level. A search that needs
 * more than o->max_nodes nodes fails with ENT_ETOOBIG and the numbers in err. Kohlberg's
 * criterion is checked on all coalitions down to the last level (info->certified = 0
 * when more than 20,000 of them). */
ENT_API int ent_tu_oracle_least_core(const ent_tu_oracle *g, const ent_tu_opts *o, double *x,
                                     double *eps, ent_error *err);
ENT_API int ent_tu_oracle_nucleolus(const ent_tu_oracle *g, int prenucleolus,
                                    const ent_tu_opts *o, double *x, ent_tu_info *info,
                                    ent_error *err);
/* Largest excess v(S) - x(S) over S != 0, N by branch and bound. OUT: *arg (0 if n = 1),
 * *max_excess (-inf if n = 1). */
ENT_API int ent_tu_oracle_max_excess(const ent_tu_oracle *g, const double *x,
                                     const ent_tu_opts *o, uint64_t *arg, double *max_excess,
                                     ent_error *err);
/* The scenario's `value` expression as an oracle game (ctx = the scenario, borrowed):
 * value from ent_scenario_coalition_value_mask, bounds from
 * ent_scenario_coalition_value_bounds. ENT_ENOTFOUND without a `value` expression,
 * ENT_ETOOBIG above 64 members. */
ENT_API int ent_scenario_coalition_oracle(const ent_scenario *s, ent_tu_oracle *out);

/* Exact Shapley value phi[n] and (non-normalised) Banzhaf value bz[n] (either may be
 * NULL) in one pass over the 2^n values, parallel, with O(n 2^10) memory per block;
 * deterministic for any thread count. */
ENT_API int ent_tu_shapley(const ent_tu *g, int threads, double *phi, double *bz);

/* Shapley value by stratified permutation sampling (stratum = position of the member,
 * Maleki et al. 2013): `samples` marginal contributions in total, split equally over the
 * n*n (member, position) strata (at least 2 each). OUT: phi[n], half-width of a 95%
 * confidence interval ci[n] (may be NULL). Random streams come from (seed, member,
 * position, k), so the result does not depend on the thread count. */
ENT_API int ent_tu_shapley_sample(int n, ent_tu_list_fn fn, void *ctx, uint64_t samples,
                                  uint64_t seed, int threads, double *phi, double *ci,
                                  ent_error *err);

/* Properties. superadditive: v(S u T) >= v(S) + v(T) - tol for disjoint S, T (O(3^n),
 * n <= 20 else ENT_ETOOBIG); convex: v(S u i) - v(S) <= v(S u i u j) - v(S u j) + tol
 * (O(n^2 2^n)); essential: v(N) > sum v({i}) + tol. Return 1/0 or a negative status;
 * witness (may be NULL) receives a violating pair of coalitions. */
ENT_API int ent_tu_is_superadditive(const ent_tu *g, double tol, uint32_t witness[2],
                                    ent_error *err);
ENT_API int ent_tu_is_convex(const ent_tu *g, double tol, uint32_t witness[2]);
ENT_API int ent_tu_is_essential(const ent_tu *g, double tol);

/* Characteristic function derived from a normal-form game (von Neumann & Morgenstern
 * 1944; Aumann & Peleg 1960): v(S) is the value to S (sum of its members' payoffs) of the
 * zero-sum game between S and N \ S, each side choosing a joint strategy.
 * ENT_TU_ALPHA: S commits first to a (correlated) mixed strategy, max-min, by LP;
 * ENT_TU_BETA: N \ S commits first, min-max, by the dual LP. By the minimax theorem the
 * two agree when mixing is allowed; the _PURE variants restrict both sides to pure joint
 * strategies, where alpha <= beta can differ. n <= 30 players; the work is 2^n times the
 * profile count, refused above 2^34 (ENT_ETOOBIG, numbers in err). Parallel over
 * coalitions; deterministic. OUT: *out owned, labels = player labels. */
enum { ENT_TU_ALPHA = 0, ENT_TU_BETA, ENT_TU_ALPHA_PURE, ENT_TU_BETA_PURE };
ENT_API int ent_tu_from_game(const ent_game *g, int mode, int threads, ent_tu **out,
                             ent_error *err);

/* Cartel stability (d'Aspremont, Jacquemin, Gabszewicz & Weymark 1983; Barrett 1994;
 * the STACO model, Finus et al.): member i's payoff pi_i(S) when coalition S forms.
 * S is internally stable if no member gains by leaving (pi_i(S) >= pi_i(S \ i)) and
 * externally stable if no outsider gains by joining (pi_j(S) > pi_j(S u j)). Ties follow
 * Carraro & Siniscalco (1993): an indifferent member stays, an indifferent outsider joins. */
typedef int (*ent_cartel_fn)(void *ctx, int member, uint32_t coalition, double *out);

enum {
    ENT_CARTEL_NONE = 0,    /* no transfers */
    ENT_CARTEL_WEIGHTS,     /* members share the coalition's total payoff in proportion
                               to fixed weights (e.g. Shapley or nucleolus shares) */
    ENT_CARTEL_OPTIMAL      /* optimal transfers: S is internally stable iff its total
                               payoff covers every member's free-riding payoff (Carraro,
                               Eyckmans & Finus 2006) */
};

typedef struct {
    int threads;
    double tol;              /* default 1e-9 */
    int transfers;           /* ENT_CARTEL_* */
    const double *weights;   /* [n] > 0 for ENT_CARTEL_WEIGHTS */
    size_t max_list;         /* stable coalitions kept (default 1000; all are counted) */
    int min_size;            /* smallest coalition size listed (default 2) */
    uint64_t max_nodes;      /* branch and bound (oracle): node limit (default 2^26) */
    int count_internal;      /* branch and bound: also count the internally stable ones
                                (default 1) */
} ent_cartel_opts;
ENT_API void ent_cartel_opts_init(ent_cartel_opts *o);

typedef struct {
    uint64_t nstable;             /* stable coalitions of size >= min_size */
    uint64_t ninternal;           /* internally stable ones (size >= min_size); with an
                                     oracle only if internal_counted */
    int internal_counted;
    uint64_t *stable;             /* the first max_list stable ones, by increasing mask */
    size_t nlisted;
    uint64_t largest;             /* a largest stable coalition (lowest mask), 0 if none */
    uint64_t in_all, in_any;      /* members of every / of some stable coalition */
    int grand_internal;           /* grand coalition internally stable */
    uint64_t nodes;               /* branch and bound (oracle): nodes visited */
    int failed;                   /* on a payoff error: 1, and failed_at = the lowest */
    uint64_t failed_at;           /* coalition whose check needed the failing payoff */
} ent_cartel_result;
ENT_API void ent_cartel_result_free(ent_cartel_result *r);

/* Examine all 2^n coalitions (n <= 30) in parallel; internal stability is checked first,
 * member by member, stopping at the first deviator. OUT: *res (free with
 * ent_cartel_result_free). Deterministic. */
ENT_API int ent_cartel_stability(int n, ent_cartel_fn fn, void *ctx, const ent_cartel_opts *o,
                                 ent_cartel_result *res, ent_error *err);

/* Cartel payoffs given by an oracle, for up to 64 members (bit i of a mask = member i):
 * payoff(member, S) = pi_member(S); bounds(members, in, free, lo, hi) sets [lo[k], hi[k]]
 * to enclose pi_k(T) over every T with in <= T <= in | free (the empty T included), for
 * each k in `members` (none of them in `free`). */
typedef struct {
    int n;
    void *ctx;
    int (*payoff)(void *ctx, int member, uint64_t coalition, double *out);
    int (*bounds)(void *ctx, uint64_t members, uint64_t in, uint64_t free, double *lo,
                  double *hi);
} ent_cartel_oracle;

/* Cartel stability by branch and bound over the 2^n coalitions: members are decided one
 * at a time and a subtree is cut when the bounds prove that a decided member leaves (or
 * an outsider joins) in every coalition below it; every coalition reported stable is
 * checked with exact payoffs, so bounds that are too loose cost time, never answers.
 * The same answers as ent_cartel_stability, for every thread count. With
 * o->count_internal, internally stable coalitions are counted (res->internal_counted) by a
 * second search when it takes no more nodes than the first (at least 2^20).
 * More than o->max_nodes nodes fails with ENT_ETOOBIG and the numbers in err. */
ENT_API int ent_cartel_oracle_stability(const ent_cartel_oracle *g, const ent_cartel_opts *o,
                                        ent_cartel_result *res, ent_error *err);
/* Re-check of one coalition from the definitions, apart from the solvers: *stable = 1 iff
 * no member gains by leaving and no outsider by joining, with payoffs evaluated from
 * member lists. Members are the n scenario members idx[0..n-1] (bit i of `coalition` =
 * idx[i]); w: sharing weights (NULL: none); optimal: optimal transfers (on the surplus).
 * Ties as in ent_cartel_stability. ENT_EINVAL for a bad mask. */
ENT_API int ent_scenario_cartel_recheck(const ent_scenario *s, const int *idx, int n,
                                        uint64_t coalition, int optimal, const double *w,
                                        double tol, int *stable);
/* The scenario's `payoff` expression as a cartel oracle (ctx = the scenario, borrowed).
 * ENT_ENOTFOUND without a `payoff` expression, ENT_ETOOBIG above 64 members. */
ENT_API int ent_scenario_coalition_cartel_oracle(const ent_scenario *s, ent_cartel_oracle *out);

/* The linear-quadratic public-good game of Barrett (1994) / STACO: member i has benefit
 * b_i per unit of total provision Q and cost c_i q_i^2 / 2 of its own provision q_i.
 * Members of S choose q_i = (sum_{j in S} b_j) / c_i, outsiders q_j = b_j / c_j;
 * pi_i(S) = b_i Q - c_i q_i^2 / 2. ent_cartel_pg_payoff is an ent_cartel_fn over it. */
typedef struct ent_cartel_pg ent_cartel_pg;
ENT_API int ent_cartel_pg_new(ent_cartel_pg **out, int n, const double *b, const double *c,
                              ent_error *err);
ENT_API void ent_cartel_pg_free(ent_cartel_pg **p);
ENT_API int ent_cartel_pg_payoff(void *pg, int member, uint32_t coalition, double *out);

/* ------------------------------------- solver: sweeps and Monte Carlo (batch.c) */

/* At every point or sample the scenario is filled into a per-thread game (ent_scenario_fill),
 * its pure Nash equilibria are found (ent_pure_nash), those at jointly infeasible profiles
 * (ent_scenario_profile_feasible) are dropped and each kept one is re-checked by a direct
 * deviation test (ENT_EVERIFY if that fails). Results are identical for any thread count.
 * Scenarios of more than 2^24 profiles are refused (ENT_ETOOBIG). */
typedef struct {
    int threads; /* OpenMP threads; 0 = the runtime default */
    double time_limit; /* seconds (0 = none); with ent_interrupt, a sweep stops after the
                        * points under way, Monte Carlo after the block of 4096 samples
                        * under way (result: a prefix of the points or samples) */
} ent_batch_opts;
ENT_API void ent_batch_opts_init(ent_batch_opts *o);

typedef struct {
    int param, steps; /* steps: points solved, the first `steps` of `requested` (fewer when
                       * the time limit or ent_interrupt stopped the sweep) */
    int requested;
    double *value;   /* value[k], k < steps: the swept parameter at point k */
    size_t *offset;  /* steps + 1 entries: point k's equilibria are eq[offset[k]..offset[k+1]) */
    uint64_t *eq;    /* profile indices (ent_game_profile_index), increasing within a point */
} ent_sweep_result;
ENT_API void ent_sweep_result_free(ent_sweep_result *r);

/* Sweep parameter `param` over `steps` (>= 2) evenly spaced points from..to (the last point
 * is exactly `to`); the other parameters keep their current values. OUT: *out (free with
 * ent_sweep_result_free; zeroed on failure). o may be NULL. */
ENT_API int ent_batch_sweep(const ent_scenario *s, int param, double from, double to, int steps,
                            const ent_batch_opts *o, ent_sweep_result *out, ent_error *err);

typedef struct {
    uint64_t samples, seed; /* samples solved: the first `samples` of `requested` (fewer
                             * when the time limit or ent_interrupt stopped the run) */
    uint64_t requested;
    uint64_t none;     /* samples with no pure equilibrium at a feasible profile */
    size_t n;          /* outcomes that are an equilibrium in at least one sample */
    uint64_t *profile; /* n profile indices, increasing */
    uint64_t *count;   /* count[k]: samples in which profile[k] is a pure equilibrium */
} ent_montecarlo_result;
ENT_API void ent_montecarlo_result_free(ent_montecarlo_result *r);

/* Monte Carlo: sample i in 0..samples-1 draws the parameters with
 * ent_scenario_sample_into(s, seed, i, .) and is solved as a sweep point. OUT: *out (free
 * with ent_montecarlo_result_free; zeroed on failure). o may be NULL. */
ENT_API int ent_batch_montecarlo(const ent_scenario *s, uint64_t seed, uint64_t samples,
                                 const ent_batch_opts *o, ent_montecarlo_result *out,
                                 ent_error *err);

/* 95% Wilson score interval for a share of k successes in n trials (Wilson 1927,
 * J. Amer. Statist. Assoc. 22:209-212). OUT: *lo, *hi in [0, 1]. */
ENT_API void ent_wilson_interval(uint64_t k, uint64_t n, double *lo, double *hi);

/* ------------------------------- graph model: coalition stability (issue 6, gmcr2) */

/* Coalitional stability (Inohara & Hipel, "Coalition analysis in the graph model for
 * conflict resolution", Systems Engineering 11(4), 2008). For DM i and state s, every
 * coalition H containing i (H = {i} included) may make a coalitional improvement: a state
 * s1 reachable from s by a legal sequence of H's unilateral moves (no DM twice in a row)
 * that every member of H strictly prefers to s. The complementary DMs N \ H sanction by
 * coalitional moves of their subcoalitions (each a legal sequence of its members' moves),
 * no coalition moving twice in a row; for CSEQ each of those moves must be a coalitional
 * improvement of its coalition. A sanction s2 deters i when i likes s2 no more than s
 * (CSMR: nor anything H can reach from s2). CNASH: no coalition containing i can improve
 * on s. For two DMs and H = {i} these are the individual concepts. */
typedef enum {
    ENT_GMCR_CNASH = 0,
    ENT_GMCR_CGMR,
    ENT_GMCR_CSMR,
    ENT_GMCR_CSEQ,
    ENT_GMCR_NCCONCEPTS
} ent_gmcr_cconcept;
/* Coalition enumeration limit: 2^ndm * nstates^2 <= ENT_GMCR_COAL_MAX_BITS. */
#define ENT_GMCR_COAL_MAX_BITS ((uint64_t)1 << 27)
/* "cnash", "cgmr", "csmr", "cseq"; NULL if out of range. */
ENT_API const char *ent_gmcr_cconcept_name(int c);
typedef struct ent_gmcr_cresult ent_gmcr_cresult;
/* Coalitional stability of every state for every DM under the four concepts, with one
 * witness each. m sealed. Refuses (ENT_ETOOBIG, sizes named in err) models with more than
 * 8 DMs, 2^ndm * nstates^2 > ENT_GMCR_COAL_MAX_BITS, or a CSEQ search estimated above 2^31
 * steps (ndm * 8^(ndm-1) * nstates * nstates/64). Parallel over (DM, coalition)
 * pairs; identical for any thread count. OUT: *out owned. */
ENT_API int ent_gmcr_coalition_analyze(const ent_gmcr *m, ent_gmcr_cresult **out,
                                       ent_error *err);
ENT_API void ent_gmcr_cresult_free(ent_gmcr_cresult **r);
/* 1 stable, 0 unstable, -1 bad argument. */
ENT_API int ent_gmcr_cstable(const ent_gmcr_cresult *r, int c, int dm, uint32_t s);
/* 1 if s is stable for every DM under c. */
ENT_API int ent_gmcr_cequilibrium(const ent_gmcr_cresult *r, int c, uint32_t s);
/* Witness: coalition (bit mask, 0 if dm has no coalitional improvement from s), its
 * improvement, and the sanction (UINT32_MAX if none): for an unstable state an
 * unsanctioned improvement, for a stable one the first improvement and its sanction. */
ENT_API void ent_gmcr_cwitness(const ent_gmcr_cresult *r, int c, int dm, uint32_t s,
                               unsigned *coalition, uint32_t *improve, uint32_t *sanction);
/* One sentence: why s is (un)stable for dm under c (snprintf-like). */
ENT_API int ent_gmcr_cexplain(const ent_gmcr *m, const ent_gmcr_cresult *r, int c, int dm,
                              uint32_t s, char *buf, size_t cap);
/* Independent literal re-check (solver/gmcr/verify_coalitions.c): explicit searches over legal
 * sequences of unilateral and coalitional moves; slow. OUT: *stable 1/0. ENT_ETOOBIG as
 * ent_gmcr_coalition_analyze. */
ENT_API int ent_gmcr_verify_cstable(const ent_gmcr *m, int c, int dm, uint32_t s, int *stable);
/* 1 if the scenario sets analysis.gmcr_coalitions = true (games/scenario_compile.c). */
ENT_API int ent_scenario_gmcr_coalitions(const ent_scenario *s);

/* --------------------------------------------------------------- analysis layer */

/* Every solution concept is one entry of the concept registry: a name, a summary, the
 * kinds of game it applies to, whether it runs by default, the options it reads, and a
 * run that computes the concept, verifies every result independently and describes it
 * as sections and tables of an ent_report. The entente program and the Python module
 * run concepts only through the functions below. */

/* Kinds of game a concept applies to (bit mask). */
enum {
    ENT_KIND_NORMAL = 1,    /* a normal-form game: .nfg, built in memory, or compiled */
    ENT_KIND_SCENARIO = 2,  /* needs the scenario itself (parameters, sweeps, samples) */
    ENT_KIND_GRAPH = 4,     /* graph model: states and unilateral moves */
    ENT_KIND_COALITION = 8, /* coalitional (TU) game of a scenario's coalition block */
    ENT_KIND_EXTENSIVE = 16 /* extensive form */
};

typedef struct {
    const char *name;    /* e.g. "nash" */
    const char *summary; /* one line */
    unsigned kinds;      /* ENT_KIND_* bits */
    int dflt;            /* run when no concept is named (and it applies) */
    const char *options; /* ent_analysis_opts fields it reads, comma-separated */
} ent_concept_info;

/* Number of registered concepts. */
ENT_API int ent_concept_count(void);
/* Entry i (0 <= i < ent_concept_count()). OUT: *info, borrowed static strings.
 * Returns ENT_OK or ENT_EINVAL. */
ENT_API int ent_concept_info_get(int i, ent_concept_info *info);
/* Index of the concept called name, or ENT_ENOTFOUND. */
ENT_API int ent_concept_find(const char *name);
/* Check that every name in a scenario's analysis.concepts is a registered concept: ENT_OK,
 * or ENT_ENOTFOUND with err = "file:line: unknown concept 'nsh' in analysis.concepts (did
 * you mean 'nash'?)". */
ENT_API int ent_concept_check_scenario(const ent_scenario *s, ent_error *err);

/* Options of a run. Strings are borrowed for the duration of the call. */
typedef struct {
    const char *concepts;  /* comma-separated names; NULL = the scenario's
                              analysis.concepts, else the default ones */
    const char *input;     /* the input's name, used in the title and in messages */
    ent_format fmt;        /* the format the report is for: JSON leaves out some prose
                              that repeats the rows */
    int threads;           /* > 0: OpenMP threads (omp_set_num_threads); 0 = as set */
    int exact;             /* certify in exact rational arithmetic where possible */
    double time_limit;     /* seconds for long enumerations, 0 = none */
    const char *method;    /* nash: enum|support|lemke|lemke=K|lp; NULL = automatic */
    unsigned long seed;    /* random seed (default 1) */
    int seed_set;          /* seed given: montecarlo uses it instead of the scenario's */
    unsigned long long samples; /* montecarlo samples, 0 = the scenario's; sampled
                                   Shapley: marginal contributions, 0 = 100000 */
    const char *objective; /* correlated/cce: linear objective, e.g. "min: welfare" */
    const char *status_quo; /* gmcr: status quo ("actor.option, ..."), NULL = scenario's */
    int coalitions;        /* gmcr: add coalitional stability */
    int reduce;            /* solve the game left by iterated strict dominance (games
                              without a scenario only) */
    /* coalitional concepts (ent_analyze_coalition) */
    const char *members;   /* comma-separated member ids, NULL = all */
    const char *derive;    /* alpha|beta|pure-alpha|pure-beta: v(S) from the normal
                              form; NULL = the coalition block's value */
    const char *transfers; /* cartel transfers: none|shapley|nucleolus|optimal|all */
    int max_dense;         /* largest member count stored densely (default 25) */
    unsigned long long max_nodes; /* branch-and-bound node limit, 0 = default */
    /* bargaining */
    const char *disagreement; /* maxmin (default) | nash (the first pure equilibrium) |
                                 an outcome ("Dare / Chicken" or "Dare,Chicken") */
    const char *powers;    /* Nash bargaining powers, one per player ("2,1"); NULL = equal */
    int no_lotteries;      /* the outcomes themselves, not their convex hull */
    int max_spe;           /* spe: subgame-perfect equilibria listed (0 = 100) */
    int values_table;      /* coalition: add table coalition_values, every v(S) in
                              CoopGame's order (at most 20 members) */
    /* provenance */
    const char *input_sha256; /* SHA-256 of the input file (a scenario's own is used
                                 when NULL) */
} ent_analysis_opts;

ENT_API void ent_analysis_opts_init(ent_analysis_opts *o);
/* sizeof(ent_analysis_opts), for front ends that cannot see the struct (ctypes). */
ENT_API size_t ent_analysis_opts_size(void);
/* Set one option by its field name ("threads", "method", "time_limit", ...; "format"
 * takes text|csv|json|md|latex) from text, checked: numbers must be whole and in range.
 * String options keep the pointer `value` (borrowed: it must outlive the run). Returns
 * ENT_OK, or ENT_EOPTION with err saying what is wrong. */
ENT_API int ent_analysis_opts_set(ent_analysis_opts *o, const char *name, const char *value,
                                  ent_error *err);

/* Run concepts on a normal-form game g, compiled from scenario s (s may be NULL).
 * The report opens with the game summary (and the scenario's), then one section per
 * concept; every equilibrium row has passed its independent check. opts may be NULL.
 * OUT: *out owned by the caller (ent_report_free), NULL on error; its primary table is
 * the one CSV output shows. Errors: ENT_EOPTION for an unknown concept or an option
 * value a concept cannot use, otherwise the failing concept's status; err gets one line.
 */
ENT_API int ent_analyze(const ent_game *g, const ent_scenario *s,
                        const ent_analysis_opts *opts, ent_report **out, ent_error *err);

/* Run concepts on a tree (ent_analyze_tree): the tree's own concepts (spe, seqform) on
 * the tree, every other on its reduced normal form, built when its payoffs fit 256 MiB
 * (otherwise the report says so and only the tree's concepts run; naming another is
 * ENT_EOPTION). The default concepts are the tree's, then the normal form's. OUT and
 * errors as ent_analyze. */
typedef struct ent_efg ent_efg; /* see "games: extensive form" below */
ENT_API int ent_analyze_tree(const ent_efg *t, const ent_analysis_opts *opts, ent_report **out,
                             ent_error *err);

/* Run coalitional concepts (core, nucleolus, shapley, banzhaf, power, cartel; NULL =
 * those that apply) on the coalitional game of scenario s (its coalition block, or
 * derived from its normal form with opts->derive). OUT and errors as ent_analyze, except
 * that a concept that cannot answer (too large, a search over its node limit, numerical
 * trouble, a failed check) is refused in its own report section and the others go on:
 * then ENT_OK is returned with the report, and err (if given) holds the first refusal's
 * status and a message naming the refused concepts. */
ENT_API int ent_analyze_coalition(const ent_scenario *s, const ent_analysis_opts *opts,
                                  ent_report **out, ent_error *err);

/* Free the LP solver state of the calling thread (GLPK keeps per-thread state): a
 * thread that ran LP-based solvers calls it before it ends. ent_analyze does it. */
ENT_API void ent_solver_thread_done(void);

/* ------------------------------------------------- games: extensive form (efg) */

/* A finite game tree (games/efg.c): decision nodes (a player moves at an information
 * set), chance nodes (probabilities per action, kept exactly when given as integers,
 * decimals or fractions) and terminal nodes; an outcome (a payoff per player, doubles
 * plus exact fractions when every payoff fits one) may be attached to any node and
 * payoffs add up along the path. Nodes are numbered 0.. in preorder (node 0 is the root).
 * Built in preorder, as a Gambit .efg file lists them, or read from a file. */
typedef struct ent_efg ent_efg;
enum { ENT_EFG_TERMINAL = 0, ENT_EFG_CHANCE = 1, ENT_EFG_DECISION = 2 };

/* Empty tree with nplayers players labelled "Player 1", ...; opts->mem_limit bounds its
 * storage (ENT_ETOOBIG with the numbers when a node would exceed it). */
ENT_API int ent_efg_new(ent_efg **out, int nplayers, const ent_game_opts *opts, ent_error *err);
ENT_API void ent_efg_free(ent_efg **t);
ENT_API int ent_efg_set_title(ent_efg *t, const char *s);
ENT_API int ent_efg_set_comment(ent_efg *t, const char *s);
ENT_API int ent_efg_set_player_label(ent_efg *t, int player, const char *s);
/* New information set of `player` (-1 = chance) with nact >= 1 actions (labels may be
 * NULL: "1", "2", ...); number = the file's information-set number (0: next free).
 * Chance: prob[a] (>= 0, summing to 1 within 1e-9), and optionally exact num/den
 * (NULL when not exact). Returns the index (>= 0) or a negative status. */
ENT_API int ent_efg_add_infoset(ent_efg *t, int player, int nact, const char *const *labels,
                                const double *prob, const int64_t *pnum, const int64_t *pden,
                                int64_t number, const char *label, ent_error *err);
/* New outcome: pay[p] per player; exact num/den arrays may be NULL. number 0: next free.
 * Returns the index (>= 0) or a negative status. */
ENT_API int ent_efg_add_outcome(ent_efg *t, const double *pay, const int64_t *num,
                                const int64_t *den, int64_t number, const char *label,
                                ent_error *err);
/* Append the next node in preorder: iset = -1 for a terminal node, else the information
 * set it belongs to (chance or a player's); outcome -1 for none. Returns the node index
 * or a negative status (ENT_EINVAL when the tree is already complete). */
ENT_API int ent_efg_add_node(ent_efg *t, int iset, int outcome, const char *label,
                             ent_error *err);
/* Close construction: every non-terminal node has all its children. ENT_EINVAL if not. */
ENT_API int ent_efg_finish(ent_efg *t, ent_error *err);

ENT_API const char *ent_efg_title(const ent_efg *t);
ENT_API const char *ent_efg_comment(const ent_efg *t);
ENT_API int ent_efg_nplayers(const ent_efg *t);
ENT_API const char *ent_efg_player_label(const ent_efg *t, int player);
ENT_API int ent_efg_nnodes(const ent_efg *t);
ENT_API int ent_efg_node_kind(const ent_efg *t, int node);
ENT_API int ent_efg_node_iset(const ent_efg *t, int node);   /* -1 terminal */
ENT_API int ent_efg_node_outcome(const ent_efg *t, int node); /* -1 none */
ENT_API int ent_efg_node_parent(const ent_efg *t, int node);  /* -1 root */
ENT_API int ent_efg_node_child(const ent_efg *t, int node, int action);
ENT_API const char *ent_efg_node_label(const ent_efg *t, int node);
ENT_API int ent_efg_ninfosets(const ent_efg *t);
ENT_API int ent_efg_infoset_player(const ent_efg *t, int iset); /* -1 chance */
ENT_API int ent_efg_infoset_nactions(const ent_efg *t, int iset);
ENT_API const char *ent_efg_infoset_label(const ent_efg *t, int iset);
ENT_API const char *ent_efg_action_label(const ent_efg *t, int iset, int action);
ENT_API double ent_efg_chance_prob(const ent_efg *t, int iset, int action);
ENT_API int ent_efg_noutcomes(const ent_efg *t);
ENT_API double ent_efg_outcome_payoff(const ent_efg *t, int outcome, int player);
/* 1 if every payoff and chance probability is an exact fraction. */
ENT_API int ent_efg_has_exact(const ent_efg *t);
/* 1 if the two trees are the same game: labels, numbers, structure, payoffs and
 * probabilities (bit for bit) and exact values where a has them (b may have more: a
 * written decimal reads back exact). */
ENT_API int ent_efg_equal(const ent_efg *a, const ent_efg *b);
/* 1 if every information set is a single node (perfect information; chance allowed). */
ENT_API int ent_efg_perfect_information(const ent_efg *t);
/* Perfect recall: every player remembers, at each information set, its own earlier
 * information sets and actions. Returns 1 if so, else 0 with a sentence in why (cap
 * bytes, may be NULL) naming the player and information set where it fails. */
ENT_API int ent_efg_perfect_recall(const ent_efg *t, char *why, size_t cap);
/* Subgame roots: OUT root[x] = 1 if node x starts a subgame (a non-terminal node whose
 * subtree every information set it meets lies inside); root[0] = 1. */
ENT_API int ent_efg_subgame_roots(const ent_efg *t, unsigned char *root);

/* Gambit extensive-game files (.efg, "EFG 2 R" or "EFG 2 D"): streaming, linear time,
 * errors "file:line: what is wrong"; opts->mem_limit bounds the tree (NULL: 4 GiB). */
ENT_API int ent_efg_read_file(const char *path, const ent_game_opts *o, ent_efg **out,
                              ent_error *err);
ENT_API int ent_efg_read_string(const char *text, const char *name_for_errors,
                                const ent_game_opts *o, ent_efg **out, ent_error *err);
ENT_API int ent_efg_read_stream(FILE *f, const char *name_for_errors, const ent_game_opts *o,
                                ent_efg **out, ent_error *err);
/* Write in Gambit's format (labels escaped, exact values as integers, decimals or
 * fractions; information sets and outcomes under their numbers; each node's information
 * set and outcome written in full). Reading the output gives an equal tree
 * (ent_efg_equal). ENT_EINVAL (nothing written) if the tree is not finished. */
ENT_API int ent_efg_write(const ent_efg *t, FILE *f);

/* Normal form of a tree (games/efg_nfg.c). A plan gives one action per information set
 * of its player; in the reduced normal form (reduced != 0, needs perfect recall, else the
 * full form is used) it leaves out the sets the player's own earlier actions exclude
 * (action -1). Strategies are listed in the order of the player's information sets in the
 * tree, the first set's action varying slowest; labels join the actions with '/' ('*' =
 * not specified). Payoffs are expected values over chance; exact when the tree is and
 * every value fits a 64-bit fraction. Sizes are checked before allocating (ENT_ETOOBIG).
 * OUT: *out owned; *plans (may be NULL) owned, maps strategies to actions. */
typedef struct ent_efg_plans ent_efg_plans;
ENT_API int ent_efg_plans_new(const ent_efg *t, int reduced, ent_efg_plans **out,
                              ent_error *err);
ENT_API void ent_efg_plans_free(ent_efg_plans **pl);
ENT_API int ent_efg_plans_nstrategies(const ent_efg_plans *pl, int player);
/* Action of `player`'s strategy at information set iset, or -1 (not specified). */
ENT_API int ent_efg_plan_action(const ent_efg_plans *pl, int player, int strategy, int iset);
ENT_API int ent_efg_to_nfg(const ent_efg *t, int reduced, const ent_game_opts *o,
                           ent_game **out, ent_efg_plans **plans, ent_error *err);
/* Behaviour profiles: one probability per action of every information set, at
 * ent_efg_action_index(t, iset, a) (chance sets hold their probabilities); length
 * ent_efg_nbehaviour(t). */
ENT_API int ent_efg_nbehaviour(const ent_efg *t);
ENT_API int ent_efg_action_index(const ent_efg *t, int iset, int action);
/* Kuhn's theorem (perfect recall, plans of the reduced form): the behaviour strategy of a
 * mixed profile (concatenated layout of the normal form; an unreached set takes the
 * action of the first plan that specifies it) and the mixed profile of a behaviour
 * profile (the product of the plan's action probabilities); both give every player the
 * same outcome distribution. */
ENT_API int ent_efg_behaviour_from_mixed(const ent_efg *t, const ent_efg_plans *pl,
                                         const double *mixed, double *behav);
ENT_API int ent_efg_mixed_from_behaviour(const ent_efg *t, const ent_efg_plans *pl,
                                         const double *behav, double *mixed);
/* A strategic game as a tree: player 1 moves, then each next player at one information
 * set covering all earlier moves; one outcome per profile (exact values carried). */
ENT_API int ent_efg_from_nfg(const ent_game *g, ent_efg **out, ent_error *err);

/* ------------------------------------------- solver: extensive form (solver/extensive/) */

/* Pure subgame-perfect equilibria of a game of perfect information (chance nodes
 * allowed) by backward induction, listing every one when moves tie (Kuhn 1953; Zermelo).
 * Values within tol of the best are ties (tol 0: 1e-10 times the largest |payoff|, at
 * least 1e-10). A listed equilibrium gives an action at every decision node's information
 * set (chance sets -1); the count covers all of them, by merging equal continuation
 * values. ENT_EUNSUPPORTED when an information set has two nodes. */
typedef struct {
    int max_list; /* equilibria kept (0 = 100) */
    double tol;
} ent_spe_opts;
typedef struct {
    int nlisted, ninfosets, nplayers;
    int32_t *choice;      /* nlisted x ninfosets */
    double *payoff;       /* nlisted x nplayers */
    uint64_t count;       /* all pure SPE (saturates at UINT64_MAX) */
    int count_exact;      /* 1 if count is exact, 0 if it saturated or was not computable */
    double tol;           /* tolerance used */
} ent_spe_result;
ENT_API void ent_spe_opts_init(ent_spe_opts *o);
ENT_API int ent_efg_spe_backward(const ent_efg *t, const ent_spe_opts *o, ent_spe_result *out,
                                 ent_error *err);
ENT_API void ent_spe_result_clear(ent_spe_result *r);
/* Independent check of a pure strategy profile of a perfect-information tree (choice: an
 * action per information set): values recomputed by a separate recursive walk, and at
 * every decision node the chosen action is within tol of the best for the mover
 * (sequential rationality in every subgame). OUT: *worst = largest shortfall, payoff[]
 * (may be NULL) at the root. Returns 1 if it is subgame perfect, 0 if not, or a negative
 * status. */
ENT_API int ent_efg_verify_pure_spe(const ent_efg *t, const int32_t *choice, double tol,
                                    double *worst, double *payoff);
/* Behaviour-strategy regrets in the subgame starting at node `root` (0 = the whole game;
 * root must start a subgame), by a separate tree walk: each player's best response is
 * built information set by information set (perfect recall required, else
 * ENT_EUNSUPPORTED). OUT: regret[p] (>= 0 up to rounding), payoff[p] (may be NULL). */
ENT_API int ent_efg_verify_behaviour(const ent_efg *t, const double *behav, int root,
                                     double *regret, double *payoff);
/* Largest regret over players and over every subgame (sequential rationality at every
 * subgame root), or a negative status. */
ENT_API double ent_efg_spe_max_regret(const ent_efg *t, const double *behav);
/* Tolerance used to accept an equilibrium of t: 1e-9 times its payoff range (>= 1e-12). */
ENT_API double ent_efg_tolerance(const ent_efg *t);

/* Sequence form (Koller, Megiddo & von Stengel 1996): the equilibrium of a two-player
 * constant-sum tree with perfect recall by one linear program per player (GLPK). OUT:
 * *value (to player 1), behav (ent_efg_nbehaviour entries; information sets a player's
 * own plan never reaches take their first action). exact != 0 re-solves with GLPK's
 * exact simplex. ENT_EUNSUPPORTED when the tree is not two-player constant-sum or lacks
 * perfect recall. */
ENT_API int ent_efg_seqform_zerosum(const ent_efg *t, int exact, double *value, double *behav,
                                    ent_error *err);
/* Subgame-perfect equilibria by subgame decomposition: every subgame, deepest first, is
 * turned into its reduced normal form with the subgames below replaced by the payoffs of
 * their chosen equilibrium, and solved by the normal-form solvers (two players: all
 * extreme equilibria by vertex enumeration; more: pure equilibria, else support
 * enumeration); each combination is followed, up to max_list equilibria. OUT: behaviour
 * profiles (nfound x ent_efg_nbehaviour), free() it; *truncated = 1 if the limit stopped
 * the enumeration. Every profile passes ent_efg_spe_max_regret before it is returned. */
ENT_API int ent_efg_spe_subgames(const ent_efg *t, int max_list, double **behav, int *nfound,
                                 int *truncated, ent_error *err);

#ifdef __cplusplus
}
#endif
#endif
