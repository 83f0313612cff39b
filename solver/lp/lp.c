/* lp.c — GLPK behind the narrow interface of lp.h. The only file that includes <glpk.h>.
 * Validates every argument before it reaches GLPK (whose errors abort the process),
 * silences terminal output in each thread, and maps GLPK outcomes to status codes. As a
 * last resort (GLPK out of memory, say, under `ulimit -v`), GLPK's error hook jumps
 * back into the call that failed, which frees the thread's GLPK environment and returns
 * ENT_ENOMEM: every problem of that thread is then dead (calls on it fail, freeing it
 * is safe), and the process goes on. */
#include "lp.h"
#include "entente.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

struct ent_lp {
    glp_prob *p;
    unsigned long gen; /* the thread's environment generation it was created in */
    int solved; /* 0 none, 1 simplex, 2 exact */
    int dual;       /* ent_lp_set_simplex: dual simplex (falls back to primal) */
    double tol_bnd; /* 0 = GLPK's default primal feasibility tolerance */
    double deadline; /* ent_clock() time (0 = none): solves stop there, or on ent_interrupt */
};

/* Simplex iterations between two polls of ent_interrupt (the deadline itself is GLPK's
 * tm_lim): a count fixed by the LP's size, so where a solve pauses never depends on
 * timing. A pause restarts GLPK's pricing, which can change the optimal basis of a
 * degenerate LP, so small LPs (fast iterations) pause rarely. */
#define LP_POLL_ITERATIONS_LARGE 100
#define LP_POLL_ITERATIONS_SMALL 20000
#define LP_LARGE_ROWS 1000

static _Thread_local int term_off;
/* where GLPK's error hook jumps to (NULL outside GLPK calls), and how many times this
 * thread's environment was freed after an error */
static _Thread_local jmp_buf *guard;
static _Thread_local unsigned long env_gen;

static void on_glpk_error(void *info)
{
    (void)info;
    if (guard)
        longjmp(*guard, 1);
    /* returning lets GLPK abort: every call that can fail is guarded, so unreachable */
}

/* GLPK's error messages bypass glp_term_out; keep them off standard output too */
static int swallow(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

static void quiet(void)
{
    if (!term_off) {
        glp_term_out(GLP_OFF);
        glp_term_hook(swallow, NULL);
        glp_error_hook(on_glpk_error, NULL);
        term_off = 1;
    }
}

/* After the jump: the environment is unusable; free it (GLPK's documented recovery). */
static void lost_env(void)
{
    guard = NULL;
    glp_free_env();
    env_gen++;
    term_off = 0;
}

static int alive(const ent_lp *lp) { return lp->gen == env_gen; }

/* Run a block of GLPK calls; if GLPK reports an error inside it, run `on_error`
 * (which must return). Locals changed inside the block must not be used by on_error. */
#define GUARDED(on_error, block)      \
    do {                              \
        jmp_buf jb_;                  \
        if (setjmp(jb_)) {            \
            lost_env();               \
            on_error;                 \
        }                             \
        guard = &jb_;                 \
        block;                        \
        guard = NULL;                 \
    } while (0)

double ent_lp_memory_budget(void)
{
    double b = INFINITY;
    long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
    if (pages > 0 && psz > 0)
        b = (double)pages * (double)psz;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && (double)rl.rlim_cur < b)
        b = (double)rl.rlim_cur;
    if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (double)rl.rlim_cur < b)
        b = (double)rl.rlim_cur;
    return b;
}

double ent_lp_bytes(double rows, double cols, double nnz)
{
    /* GLPK keeps each nonzero in its row and column lists (about 56 bytes) and again in
     * the simplex method's working copies and factorisation (measured: about 100 bytes a
     * nonzero in all); rows and columns cost a few hundred bytes each */
    return 100.0 * nnz + 400.0 * (rows + cols);
}

ent_lp *ent_lp_new(int direction)
{
    quiet();
    ent_lp *lp = (ent_lp *)calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->gen = env_gen;
    GUARDED(
        {
            free(lp);
            return NULL;
        },
        {
            lp->p = glp_create_prob();
            glp_set_obj_dir(lp->p, direction == ENT_LP_MAX ? GLP_MAX : GLP_MIN);
        });
    return lp;
}

void ent_lp_free(ent_lp **lp)
{
    if (!lp || !*lp)
        return;
    if (alive(*lp)) /* else freed with the environment */
        glp_delete_prob((*lp)->p);
    free(*lp);
    *lp = NULL;
}

void ent_lp_thread_done(void)
{
    glp_free_env();
    term_off = 0;
}

int ent_lp_ncols(const ent_lp *lp) { return alive(lp) ? glp_get_num_cols(lp->p) : 0; }
int ent_lp_nrows(const ent_lp *lp) { return alive(lp) ? glp_get_num_rows(lp->p) : 0; }

int ent_lp_add_cols(ent_lp *lp, int n)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    if (n < 1)
        return ENT_EINVAL;
    int first = 0;
    GUARDED(return ENT_ENOMEM, {
        first = glp_add_cols(lp->p, n);
        for (int j = first; j < first + n; j++)
            glp_set_col_bnds(lp->p, j, GLP_LO, 0.0, 0.0);
    });
    lp->solved = 0;
    return first - 1;
}

static int kind_of(int kind, double lo, double up)
{
    switch (kind) {
    case ENT_LP_FREE:
        return GLP_FR;
    case ENT_LP_LO:
        return GLP_LO;
    case ENT_LP_UP:
        return GLP_UP;
    case ENT_LP_DB:
        return lo < up ? GLP_DB : (lo == up ? GLP_FX : -1);
    case ENT_LP_FX:
        return GLP_FX;
    default:
        return -1;
    }
}

int ent_lp_set_col_bounds(ent_lp *lp, int j, int kind, double lo, double up)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    int k = kind_of(kind, lo, up);
    if (j < 0 || j >= glp_get_num_cols(lp->p) || k < 0)
        return ENT_EINVAL;
    glp_set_col_bnds(lp->p, j + 1, k, lo, k == GLP_FX ? lo : up);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_set_obj(ent_lp *lp, int j, double c)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    if (j < 0 || j >= glp_get_num_cols(lp->p))
        return ENT_EINVAL;
    glp_set_obj_coef(lp->p, j + 1, c);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_set_obj_const(ent_lp *lp, double c)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    glp_set_obj_coef(lp->p, 0, c);
    return ENT_OK;
}

int ent_lp_add_row(ent_lp *lp, int nnz, const int *idx, const double *val, int kind,
                   double lo, double up)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    int k = kind_of(kind, lo, up);
    int nc = glp_get_num_cols(lp->p);
    if (k < 0 || nnz < 0 || nnz > nc)
        return ENT_EINVAL;
    int *ind = (int *)malloc(sizeof(int) * (size_t)(nnz + 1));
    double *v = (double *)malloc(sizeof(double) * (size_t)(nnz + 1));
    unsigned char *seen = (unsigned char *)calloc((size_t)nc + 1, 1);
    int rc = ENT_OK;
    if (!ind || !v || !seen) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int t = 0; t < nnz; t++) {
        if (idx[t] < 0 || idx[t] >= nc || seen[idx[t]]) {
            rc = ENT_EINVAL;
            goto out;
        }
        seen[idx[t]] = 1;
        ind[t + 1] = idx[t] + 1;
        v[t + 1] = val[t];
    }
    int i = 0;
    GUARDED(
        {
            free(ind);
            free(v);
            free(seen);
            return ENT_ENOMEM;
        },
        {
            i = glp_add_rows(lp->p, 1);
            glp_set_mat_row(lp->p, i, nnz, ind, v);
            glp_set_row_bnds(lp->p, i, k, lo, k == GLP_FX ? lo : up);
        });
    lp->solved = 0;
    rc = i - 1;
out:
    free(ind);
    free(v);
    free(seen);
    return rc;
}

int ent_lp_add_col(ent_lp *lp, int nnz, const int *idx, const double *val, double obj)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    int nr = glp_get_num_rows(lp->p);
    if (nnz < 0 || nnz > nr)
        return ENT_EINVAL;
    int *ind = (int *)malloc(sizeof(int) * (size_t)(nnz + 1));
    double *v = (double *)malloc(sizeof(double) * (size_t)(nnz + 1));
    unsigned char *seen = (unsigned char *)calloc((size_t)nr + 1, 1);
    int rc = ENT_OK;
    if (!ind || !v || !seen) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int t = 0; t < nnz; t++) {
        if (idx[t] < 0 || idx[t] >= nr || seen[idx[t]]) {
            rc = ENT_EINVAL;
            goto out;
        }
        seen[idx[t]] = 1;
        ind[t + 1] = idx[t] + 1;
        v[t + 1] = val[t];
    }
    int j = 0;
    GUARDED(
        {
            free(ind);
            free(v);
            free(seen);
            return ENT_ENOMEM;
        },
        {
            j = glp_add_cols(lp->p, 1);
            glp_set_mat_col(lp->p, j, nnz, ind, v);
            glp_set_col_bnds(lp->p, j, GLP_LO, 0.0, 0.0);
            glp_set_obj_coef(lp->p, j, obj);
        });
    lp->solved = 0;
    rc = j - 1;
out:
    free(ind);
    free(v);
    free(seen);
    return rc;
}

int ent_lp_set_row_bounds(ent_lp *lp, int i, int kind, double lo, double up)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    int k = kind_of(kind, lo, up);
    if (i < 0 || i >= glp_get_num_rows(lp->p) || k < 0)
        return ENT_EINVAL;
    glp_set_row_bnds(lp->p, i + 1, k, lo, k == GLP_FX ? lo : up);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_del_rows(ent_lp *lp, int n, const int *rows)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    int nr = glp_get_num_rows(lp->p);
    if (n <= 0)
        return ENT_OK;
    int *num = (int *)malloc(sizeof(int) * (size_t)(n + 1));
    unsigned char *seen = (unsigned char *)calloc((size_t)nr, 1);
    if (!num || !seen) {
        free(num);
        free(seen);
        return ENT_ENOMEM;
    }
    for (int t = 0; t < n; t++) {
        if (rows[t] < 0 || rows[t] >= nr || seen[rows[t]]) {
            free(num);
            free(seen);
            return ENT_EINVAL;
        }
        seen[rows[t]] = 1;
        num[t + 1] = rows[t] + 1;
    }
    GUARDED(
        {
            free(num);
            free(seen);
            return ENT_ENOMEM;
        },
        glp_del_rows(lp->p, n, num));
    free(num);
    free(seen);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_solve(ent_lp *lp, int exact)
{
    if (!alive(lp))
        return ENT_ENOMEM;
    quiet();
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    if (lp->dual)
        parm.meth = GLP_DUALP;
    if (lp->tol_bnd > 0) {
        parm.tol_bnd = lp->tol_bnd;
        parm.tol_dj = lp->tol_bnd;
    }
    if (glp_get_num_cols(lp->p) == 0)
        return ENT_EINVAL;
    if (ent_should_stop(lp->deadline))
        return ENT_ETIMEOUT;
    int ret = 0, st = 0, prim = 0, retried = 0;
    GUARDED(return ENT_ENOMEM, {
        for (;;) {
            if (lp->deadline > 0) {
                double ms = ceil((lp->deadline - ent_clock()) * 1000.0);
                parm.tm_lim = ms < 1 ? 1 : ms > 1e9 ? 1000000000 : (int)ms;
            }
            parm.it_lim = glp_get_num_rows(lp->p) >= LP_LARGE_ROWS ? LP_POLL_ITERATIONS_LARGE
                                                                   : LP_POLL_ITERATIONS_SMALL;
            ret = glp_simplex(lp->p, &parm);
            if (!retried && (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND)) {
                retried = 1;
                glp_adv_basis(lp->p, 0);
                continue;
            }
            if (ret != GLP_EITLIM || ent_should_stop(lp->deadline))
                break;
        }
        if (ret == 0 && exact) {
            parm.it_lim = INT_MAX;
            ret = glp_exact(lp->p, &parm);
        }
        if (ret == 0) {
            st = glp_get_status(lp->p);
            prim = glp_get_prim_stat(lp->p);
        }
    });
    if (ret == GLP_ETMLIM || ret == GLP_EITLIM)
        return ENT_ETIMEOUT;
    if (ret != 0)
        return ENT_ELP;
    lp->solved = exact ? 2 : 1;
    if (st == GLP_OPT)
        return ENT_OK;
    if (st == GLP_NOFEAS || prim == GLP_NOFEAS)
        return ENT_EINFEASIBLE;
    return ENT_ELP;
}

void ent_lp_set_deadline(ent_lp *lp, double deadline) { lp->deadline = deadline > 0 ? deadline : 0; }

int ent_lp_set_simplex(ent_lp *lp, int dual, double tol)
{
    if (!(tol == 0 || (tol >= 1e-12 && tol <= 1e-5)))
        return ENT_EINVAL;
    lp->dual = dual != 0;
    lp->tol_bnd = tol;
    return ENT_OK;
}

/* On a problem lost to a GLPK error (ent_lp_solve returned ENT_ENOMEM) these give NaN. */
double ent_lp_obj(const ent_lp *lp) { return alive(lp) ? glp_get_obj_val(lp->p) : NAN; }
double ent_lp_col(const ent_lp *lp, int j) { return alive(lp) ? glp_get_col_prim(lp->p, j + 1) : NAN; }
double ent_lp_col_dual(const ent_lp *lp, int j) { return alive(lp) ? glp_get_col_dual(lp->p, j + 1) : NAN; }
double ent_lp_row(const ent_lp *lp, int i) { return alive(lp) ? glp_get_row_prim(lp->p, i + 1) : NAN; }
double ent_lp_row_dual(const ent_lp *lp, int i) { return alive(lp) ? glp_get_row_dual(lp->p, i + 1) : NAN; }
int ent_lp_row_nonbasic(const ent_lp *lp, int i) { return alive(lp) && glp_get_row_stat(lp->p, i + 1) != GLP_BS; }

void ent_lp_set_glpk_mem_limit(int mib)
{
    quiet();
    glp_mem_limit(mib > 0 ? mib : 0x7fffffff);
}

void ent_solver_thread_done(void) { ent_lp_thread_done(); }
