/* lp.c — GLPK behind the narrow interface of lp.h. The only file that includes <glpk.h>.
 * Validates every argument before it reaches GLPK (whose errors abort the process),
 * silences terminal output in each thread, and maps GLPK outcomes to status codes. */
#include "lp.h"
#include "entente.h"

#include <glpk.h>
#include <stdlib.h>

struct ent_lp {
    glp_prob *p;
    int solved; /* 0 none, 1 simplex, 2 exact */
    int dual;       /* ent_lp_set_simplex: dual simplex (falls back to primal) */
    double tol_bnd; /* 0 = GLPK's default primal feasibility tolerance */
};

static _Thread_local int term_off;

static void quiet(void)
{
    if (!term_off) {
        glp_term_out(GLP_OFF);
        term_off = 1;
    }
}

ent_lp *ent_lp_new(int direction)
{
    quiet();
    ent_lp *lp = (ent_lp *)calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->p = glp_create_prob();
    glp_set_obj_dir(lp->p, direction == ENT_LP_MAX ? GLP_MAX : GLP_MIN);
    return lp;
}

void ent_lp_free(ent_lp **lp)
{
    if (!lp || !*lp)
        return;
    glp_delete_prob((*lp)->p);
    free(*lp);
    *lp = NULL;
}

void ent_lp_thread_done(void)
{
    glp_free_env();
    term_off = 0;
}

int ent_lp_ncols(const ent_lp *lp) { return glp_get_num_cols(lp->p); }
int ent_lp_nrows(const ent_lp *lp) { return glp_get_num_rows(lp->p); }

int ent_lp_add_cols(ent_lp *lp, int n)
{
    if (n < 1)
        return ENT_EINVAL;
    int first = glp_add_cols(lp->p, n);
    for (int j = first; j < first + n; j++)
        glp_set_col_bnds(lp->p, j, GLP_LO, 0.0, 0.0);
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
    int k = kind_of(kind, lo, up);
    if (j < 0 || j >= glp_get_num_cols(lp->p) || k < 0)
        return ENT_EINVAL;
    glp_set_col_bnds(lp->p, j + 1, k, lo, k == GLP_FX ? lo : up);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_set_obj(ent_lp *lp, int j, double c)
{
    if (j < 0 || j >= glp_get_num_cols(lp->p))
        return ENT_EINVAL;
    glp_set_obj_coef(lp->p, j + 1, c);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_set_obj_const(ent_lp *lp, double c)
{
    glp_set_obj_coef(lp->p, 0, c);
    return ENT_OK;
}

int ent_lp_add_row(ent_lp *lp, int nnz, const int *idx, const double *val, int kind,
                   double lo, double up)
{
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
    int i = glp_add_rows(lp->p, 1);
    glp_set_mat_row(lp->p, i, nnz, ind, v);
    glp_set_row_bnds(lp->p, i, k, lo, k == GLP_FX ? lo : up);
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
    int j = glp_add_cols(lp->p, 1);
    glp_set_mat_col(lp->p, j, nnz, ind, v);
    glp_set_col_bnds(lp->p, j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp->p, j, obj);
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
    int k = kind_of(kind, lo, up);
    if (i < 0 || i >= glp_get_num_rows(lp->p) || k < 0)
        return ENT_EINVAL;
    glp_set_row_bnds(lp->p, i + 1, k, lo, k == GLP_FX ? lo : up);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_del_rows(ent_lp *lp, int n, const int *rows)
{
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
    glp_del_rows(lp->p, n, num);
    free(num);
    free(seen);
    lp->solved = 0;
    return ENT_OK;
}

int ent_lp_solve(ent_lp *lp, int exact)
{
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
    int ret = glp_simplex(lp->p, &parm);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        glp_adv_basis(lp->p, 0);
        ret = glp_simplex(lp->p, &parm);
    }
    if (ret != 0)
        return ENT_ELP;
    if (exact) {
        ret = glp_exact(lp->p, &parm);
        if (ret != 0)
            return ENT_ELP;
    }
    lp->solved = exact ? 2 : 1;
    int st = glp_get_status(lp->p);
    if (st == GLP_OPT)
        return ENT_OK;
    if (st == GLP_NOFEAS || glp_get_prim_stat(lp->p) == GLP_NOFEAS)
        return ENT_EINFEASIBLE;
    return ENT_ELP;
}

int ent_lp_set_simplex(ent_lp *lp, int dual, double tol)
{
    if (!(tol == 0 || (tol >= 1e-12 && tol <= 1e-5)))
        return ENT_EINVAL;
    lp->dual = dual != 0;
    lp->tol_bnd = tol;
    return ENT_OK;
}

double ent_lp_obj(const ent_lp *lp) { return glp_get_obj_val(lp->p); }
double ent_lp_col(const ent_lp *lp, int j) { return glp_get_col_prim(lp->p, j + 1); }
double ent_lp_col_dual(const ent_lp *lp, int j) { return glp_get_col_dual(lp->p, j + 1); }
double ent_lp_row(const ent_lp *lp, int i) { return glp_get_row_prim(lp->p, i + 1); }
double ent_lp_row_dual(const ent_lp *lp, int i) { return glp_get_row_dual(lp->p, i + 1); }
int ent_lp_row_nonbasic(const ent_lp *lp, int i) { return glp_get_row_stat(lp->p, i + 1) != GLP_BS; }

void ent_solver_thread_done(void) { ent_lp_thread_done(); }
