/* lp.h — the narrow linear-programming interface of the library (internal, not public
 * API). solver/lp/lp.c is the only file that includes <glpk.h>. Thread rules (docs/DESIGN.md
 * §4): an ent_lp belongs to the thread that created it; each thread silences GLPK's
 * output on first use; call ent_lp_thread_done() in every thread that used an LP before
 * a parallel region ends. Indices are 0-based. */
#ifndef ENT_LP_H
#define ENT_LP_H

typedef struct ent_lp ent_lp;

enum { ENT_LP_MIN = 0, ENT_LP_MAX = 1 };
/* Bound kinds for rows and columns. */
enum {
    ENT_LP_FREE = 0, /* -inf < x < +inf */
    ENT_LP_LO,       /* lo <= x */
    ENT_LP_UP,       /* x <= up */
    ENT_LP_DB,       /* lo <= x <= up */
    ENT_LP_FX        /* x == lo */
};

/* New empty problem; NULL when out of memory. Calls that run out of memory inside GLPK
 * return ENT_ENOMEM (NaN from the getters); every problem of the thread is then lost:
 * calls on it keep failing, ent_lp_free stays safe. */
ent_lp *ent_lp_new(int direction);
void ent_lp_free(ent_lp **lp);
/* Append n columns (default bounds x >= 0, objective 0); returns the first new index, or a
 * negative status. */
int ent_lp_add_cols(ent_lp *lp, int n);
int ent_lp_ncols(const ent_lp *lp);
int ent_lp_nrows(const ent_lp *lp);
int ent_lp_set_col_bounds(ent_lp *lp, int j, int kind, double lo, double up);
int ent_lp_set_obj(ent_lp *lp, int j, double c);
int ent_lp_set_obj_const(ent_lp *lp, double c);
/* Append a row sum_k val[k] * x[idx[k]] with bounds; duplicate indices are refused.
 * Returns the row index, or a negative status. */
int ent_lp_add_row(ent_lp *lp, int nnz, const int *idx, const double *val, int kind,
                   double lo, double up);
/* Append a column x >= 0 with objective obj and entries val[k] in rows idx[k] (column
 * generation); duplicate indices are refused. Returns the column index, or a negative
 * status. */
int ent_lp_add_col(ent_lp *lp, int nnz, const int *idx, const double *val, double obj);
/* Change a row's bounds (re-solving warm-starts from the last basis). */
int ent_lp_set_row_bounds(ent_lp *lp, int i, int kind, double lo, double up);
/* Remove rows (indices need not be sorted). */
int ent_lp_del_rows(ent_lp *lp, int n, const int *rows);

/* Solve by the simplex method; with exact != 0, re-solve in exact rational arithmetic
 * (glp_exact) from the floating-point basis. Returns ENT_OK when an optimum was found,
 * ENT_EINFEASIBLE when the problem has no feasible point, ENT_ETIMEOUT when the deadline
 * or an interrupt stopped it (ent_lp_set_deadline), ENT_ELP when unbounded or when the
 * solver failed. */
int ent_lp_solve(ent_lp *lp, int exact);
/* Stop later solves at `deadline` (an ent_clock() time; 0 = none) or on ent_interrupt():
 * the remaining time is GLPK's time limit (tm_lim), the interrupt flag is polled every
 * 500 simplex iterations. A solve stopped so returns ENT_ETIMEOUT; the
 * getters then give the last basic solution (primal feasible if the primal simplex had
 * reached phase 2, which the caller must check). */
void ent_lp_set_deadline(ent_lp *lp, double deadline);
/* Simplex options for later solves: dual != 0 selects the dual simplex (GLPK falls back to
 * the primal when needed); tol (1e-12..1e-5, 0 = GLPK's default 1e-7) sets the primal
 * and dual feasibility tolerances. Returns ENT_EINVAL for an out-of-range tol. */
int ent_lp_set_simplex(ent_lp *lp, int dual, double tol);
double ent_lp_obj(const ent_lp *lp);
double ent_lp_col(const ent_lp *lp, int j);
double ent_lp_col_dual(const ent_lp *lp, int j);
double ent_lp_row(const ent_lp *lp, int i);
double ent_lp_row_dual(const ent_lp *lp, int i);
/* 1 if row i's constraint is at a bound in the final basis (non-basic auxiliary). */
int ent_lp_row_nonbasic(const ent_lp *lp, int i);

/* Sizing before building (docs/DESIGN.md: GLPK must never abort): about how many bytes
 * GLPK needs for an LP of these counts of rows, columns and nonzeros; and how much memory
 * the process may use (physical memory, or less under `ulimit -v` / `ulimit -d`). */
double ent_lp_bytes(double rows, double cols, double nnz);
double ent_lp_memory_budget(void);
/* Test hook: GLPK's own memory limit for this thread, in MiB (0 = none); an LP call that
 * exceeds it returns ENT_ENOMEM (the guarded path). */
void ent_lp_set_glpk_mem_limit(int mib);

/* Release this thread's GLPK environment; call at the end of each parallel region in
 * every thread that used an LP, and once at the end of the main thread's LP use. */
void ent_lp_thread_done(void);

#endif
