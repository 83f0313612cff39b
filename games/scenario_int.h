/* scenario_int.h — the in-memory form of a loaded scenario, shared by the loader
 * (scenario.c), the compiler to normal form and the queries (scenario_compile.c), the
 * parameter distributions (scenario_dist.c) and the coalition block
 * (scenario_coalition.c). Not public API. */
#ifndef ENT_SCENARIO_INT_H
#define ENT_SCENARIO_INT_H

#include "entente.h"
#include "expr.h"
#include "util.h"

#include <stdint.h>

#define SC_MAX_ACTORS 32
#define SC_MAX_OPTIONS 20     /* binary options per actor: 2^20 combinations */
#define SC_MAX_ITEMS 1024     /* options + choices over all actors (literal buffer) */
#define SC_MAX_STATEMENTS 50  /* prioritised statements per actor (2^50 exact in a double) */
#define SC_MAX_RULES 100000
#define SC_MAX_DISCRETE 100000
#define SC_MAX_FILE_BYTES (16u << 20)
#define SC_MAX_NESTING 64                /* groups, lists and arrays inside each other */
#define SC_MAX_GROUP_SETTINGS 5000       /* settings in one group */
#define SC_MAX_GROUP_PAIRS 25000000ULL   /* name comparisons over all groups: sum n(n-1)/2 */
#define SC_MAX_VALUES 500000             /* names, numbers, strings, groups, lists, arrays */

enum { SC_DIST_NONE = 0, SC_DIST_UNIFORM, SC_DIST_TRIANGULAR, SC_DIST_NORMAL, SC_DIST_DISCRETE };
enum { SC_OPTIONS = 0, SC_CHOICES = 1 };

typedef struct {
    char *name;
    int line;
    const char *file; /* borrowed from ent_scenario.files (or its path) */
    int dist;
    double a, b, c; /* uniform [a,b]; triangular a, mode c, b; normal mean a, sd b */
    int trunc;
    double lo, hi;
    int nd;
    double *dv, *dw; /* discrete values and cumulative normalised weights */
    double point;
    int fixed; /* set by ent_scenario_set_param: never drawn from its distribution */
} sc_param;

typedef struct {
    char *id, *name;
    int line;
    int kind;
    int nitems;
    char **items, **text_on, **text_off;
    int litbase;
    int nstrat;
    uint32_t *strat; /* options: bit mask; choices: choice index */
    char **labels;
} sc_actor;

typedef struct {
    ent_expr *when;  /* NULL: always */
    ent_expr **val;  /* per actor, NULL when the rule gives nothing to that actor */
} sc_rule;

typedef struct {
    int actor, item;
    int forward; /* 1: can be switched on (chosen) but not off (left); 0: the reverse */
} sc_irrev;

typedef struct {
    int *members;
    int m;
    double v;
} sc_cvalue;

typedef struct {
    int param;
    double from, to;
    int steps;
} sc_sweep;

struct ent_scenario {
    char *path, *dir, *title, *source;
    char sha256[65]; /* of the text with every @include inlined */
    ent_scenario_opts opts;
    /* file names seen by libconfig (messages point into them) */
    char **files;
    int nfiles;

    int nparams;
    sc_param *params;
    double *pv; /* current values */
    const char **pnames;

    int nactors;
    sc_actor *actors;
    int nlits;
    const char **aids;
    const char ***aitems;
    int *anitems;
    int *alitbase;
    uint64_t nprofiles;

    int ninf;          /* cross-actor infeasible patterns */
    ent_expr **inf;

    int nirrev;
    sc_irrev *irrev;

    int pref_kind;
    int nrules;
    sc_rule *rules;
    int *nstmt;          /* per actor */
    ent_expr ***stmt;    /* per actor */
    double *table;       /* outcome table: nprofiles x nactors, player-major per profile; also
                          * the precomputed scores of parameter-free statements */
    int static_table;    /* payoffs are `table` at every parameter point */
    unsigned char *rmask; /* nrules x nprofiles: parameter-free `when` precomputed (or NULL) */
    unsigned char *rany;  /* per rule: 1 if its precomputed `when` holds somewhere */
    unsigned char *plits; /* nprofiles x nlits: the literals of every profile (or NULL) */

    int nstages;
    int *stage_n;
    int **stages;

    int nconcepts;
    char **concepts;
    int *concept_lines;          /* place of each analysis.concepts entry */
    const char **concept_files;  /* borrowed */
    int nwarnings;               /* "file:line: warning: ..." lines (scenario_warn.c) */
    char **warnings;
    char *status_quo;
    int gmcr_coalitions; /* analysis.gmcr_coalitions */
    int has_seed;
    unsigned long long seed;
    long long samples;
    int nsweeps;
    sc_sweep *sweeps;

    int has_coalition;
    int cm, cnattrs;
    char **cids, **cnames, **cattr_names;
    double *cattrs;
    unsigned char *cattr_read; /* [cnattrs]: the value or payoff expression aggregates it */
    ent_expr *cvalue, *cpayoff;
    int ncvalues;
    sc_cvalue *cvalues;
    double *cvec;       /* values given as a vector: [2^cm] by bitmask, cvec[0] = 0 */
    int64_t ncvec;      /* 2^cm - 1, or 0 */
    double quota;
    int quota_members; /* double majority by member count; 0 = none */
    int blocking_members; /* a blocking minority needs this many members; 0 = no clause */

    struct sc_bargaining *barg; /* the bargaining block (scenario_bargaining.c), or NULL */
};

/* scenario_warn.c: add a warning line (printf format); ENT_OK or ENT_ENOMEM. */
int sc_warn(ent_scenario *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* scenario_warn.c: the warnings of a loaded scenario (actors without payoff, parameters
 * never read). */
int sc_collect_warnings(ent_scenario *s);

/* scenario_text.c: check the scenario text (includes inlined) and copy it to out with
 * 64-bit suffixes on whole numbers that need them. On error: ENT_EPARSE, e->line (line of
 * the text, from 1) and e->msg. */
typedef struct {
    int line;
    char msg[256];
} sc_text_error;
int sc_text_prepare(const char *text, size_t len, ent_buf *out, sc_text_error *e);

/* scenario_compile.c */
void sc_fill_lits(const ent_scenario *s, int a, int strategy, unsigned char *lits);
int sc_fill_game(const ent_scenario *s, const double *params, ent_game *g, ent_error *err);
int sc_profile_feasible_lits(const ent_scenario *s, const unsigned char *lits);
/* after loading the preferences: precompute what does not depend on parameters */
int sc_prepare(ent_scenario *s, ent_error *err);
/* scenario_dist.c */
void sc_param_point(sc_param *p);
/* 1 if v is in the support of p's distribution, 0 if not, -1 without a bounded one. */
int sc_param_in_support(const sc_param *p, double v);
double sc_param_draw(const sc_param *p, uint64_t seed, uint64_t index, int i);

#endif
