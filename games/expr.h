/* expr.h — the scenario expression compiler (internal): text such as
 * "russia.ceasefire & !coalition.deploy ? war_cost : 0" is parsed once into stack
 * bytecode; evaluation allocates nothing and touches no shared mutable state, so one
 * compiled expression may be evaluated from many threads at once. */
#ifndef ENT_EXPR_H
#define ENT_EXPR_H

#include "entente.h"

#include <stdint.h>

/* What names an expression may use. Arrays are borrowed for the duration of the compile
 * call only. */
enum {
    ENT_EXPR_LITS = 1u << 0,   /* actor.option / actor.choice literals */
    ENT_EXPR_PARAMS = 1u << 1, /* parameter names */
    ENT_EXPR_AGG = 1u << 2,    /* sum(attr) max(attr) min(attr) count() */
    ENT_EXPR_MEMBER = 1u << 3, /* member.attr, inside */
    ENT_EXPR_VALUE = 1u << 4   /* value (the coalition's value expression) */
};

typedef struct {
    unsigned allow;
    int nparams;
    const char *const *params;
    int nactors;
    const char *const *actors;        /* actor ids */
    const int *nitems;                /* options or choices per actor */
    const char *const *const *items;  /* item ids per actor */
    const int *litbase;               /* literal index of each actor's first item */
    int nattrs;
    const char *const *attrs;         /* coalition member attributes */
    const int *param_order;           /* NULL, or the indices of params sorted by strcmp of
                                       * their names (then found by binary search) */
} ent_expr_syms;

/* Evaluation environment (all borrowed; unused parts may be NULL). */
typedef struct {
    const double *params;       /* current parameter values */
    const unsigned char *lits;  /* 0/1 per literal */
    const double *attrs;        /* member-major table: attrs[i * nattrs + k] */
    int nattrs;
    const int *members;         /* coalition being valued */
    int m;
    int member;                 /* member whose payoff is computed */
    int inside;
    double value;
} ent_expr_env;

typedef struct ent_expr ent_expr;

/* Uses of a compiled expression. */
enum { ENT_EXPR_USES_LITS = 1u << 0, ENT_EXPR_USES_PARAMS = 1u << 1, ENT_EXPR_USES_COAL = 1u << 2 };

/* Compile `text`. `file`/`line` locate it for messages ("file:line: in "..." at column C:
 * ..."), and unknown names get a "did you mean" suggestion. OUT: *out owned (free with
 * ent_expr_free). */
int ent_expr_compile(const char *text, const ent_expr_syms *syms, const char *file, int line,
                     ent_expr **out, ent_error *err);
void ent_expr_free(ent_expr **e);

/* Evaluate. Returns ENT_OK with *out finite, or ENT_ENUMERIC (division by zero, log or
 * sqrt outside the domain, non-finite result) with the place in err (err may be NULL). */
int ent_expr_eval(const ent_expr *e, const ent_expr_env *env, double *out, ent_error *err);

/* Ranges of the aggregates for interval evaluation: for attribute k, sum(k) lies in
 * [sum_lo[k], sum_hi[k]], max(k) in [max_lo[k], max_hi[k]], min(k) in [min_lo[k],
 * min_hi[k]]; count() in [count_lo, count_hi]. Parameters are exact. */
typedef struct {
    const double *params;
    const double *sum_lo, *sum_hi, *max_lo, *max_hi, *min_lo, *min_hi;
    double count_lo, count_hi;
    /* a cartel payoff: when `member` is set, member.attr reads member_attrs[k], `inside`
     * is exact and `value` lies in [value_lo, value_hi]; otherwise they take their widest
     * range */
    int member;
    const double *member_attrs;
    int inside;
    double value_lo, value_hi;
} ent_expr_range;

/* Interval evaluation (Moore, "Interval Analysis", 1966): OUT [*lo, *hi] encloses every
 * value the expression takes when each aggregate varies in its range independently. An
 * undecided condition evaluates both branches; an operation that could fail (division by
 * an interval holding 0, log of a non-positive number, ...) or more than 12 nested
 * undecided conditions give the whole line [-inf, inf]. Literals give [0, 1]; member,
 * `inside` and `value` operands give their widest range unless env->member is set.
 * Allocation-free and reentrant. */
void ent_expr_eval_range(const ent_expr *e, const ent_expr_range *env, double *lo, double *hi);

/* 1 if the expression reads an aggregate (sum, max, min) of attribute k. */
int ent_expr_reads_attr(const ent_expr *e, int k);
unsigned ent_expr_uses(const ent_expr *e);
/* Set used[k] = 1 for every parameter k (k < n) the expression reads (e may be NULL). */
void ent_expr_mark_params(const ent_expr *e, unsigned char *used, int n);
/* Set used[k] = 1 for every literal k (k < n) the expression reads (e may be NULL). */
void ent_expr_mark_lits(const ent_expr *e, unsigned char *used, int n);
/* Bit a set when the expression reads a literal of actor a (a < 64). */
uint64_t ent_expr_actors(const ent_expr *e);
const char *ent_expr_text(const ent_expr *e);
const char *ent_expr_file(const ent_expr *e);
int ent_expr_line(const ent_expr *e);

/* Levenshtein-nearest of names[0..n-1] to `s` (length len), or NULL when nothing is
 * close enough to suggest. */
const char *ent_expr_nearest(const char *s, size_t len, const char *const *names, int n);

#endif
