/* test_lp_limits.c — GLPK never aborts the process: an LP that runs out of GLPK's memory
 * fails with ENT_ENOMEM, the lost problem can still be freed, and the next LP in the
 * same thread is built and solved normally; the correlated-equilibrium LP is sized
 * before it is built. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../solver/lp/lp.h"
#include "entente.h"

/* max x + y subject to x + 2y <= 4, 3x + y <= 6: optimum 2.8 at (1.6, 1.2) */
static void small_lp_solves(void)
{
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    cr_assert_not_null(lp);
    cr_assert_eq(ent_lp_add_cols(lp, 2), 0);
    ent_lp_set_obj(lp, 0, 1);
    ent_lp_set_obj(lp, 1, 1);
    int idx[2] = {0, 1};
    double r1[2] = {1, 2}, r2[2] = {3, 1};
    cr_assert_geq(ent_lp_add_row(lp, 2, idx, r1, ENT_LP_UP, 0, 4), 0);
    cr_assert_geq(ent_lp_add_row(lp, 2, idx, r2, ENT_LP_UP, 0, 6), 0);
    cr_assert_eq(ent_lp_solve(lp, 0), ENT_OK);
    cr_assert_float_eq(ent_lp_obj(lp), 2.8, 1e-9);
    cr_assert_float_eq(ent_lp_col(lp, 0), 1.6, 1e-9);
    cr_assert_float_eq(ent_lp_col(lp, 1), 1.2, 1e-9);
    ent_lp_free(&lp);
}

Test(lp_limits, glpk_out_of_memory_is_an_error_not_an_abort)
{
    ent_lp_set_glpk_mem_limit(1); /* 1 MiB: a 400 x 400 dense LP needs far more */
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    cr_assert_not_null(lp);
    cr_assert_eq(ent_lp_add_cols(lp, 400), 0);
    int idx[400];
    double val[400];
    for (int j = 0; j < 400; j++) {
        idx[j] = j;
        val[j] = 1 + j % 7;
    }
    int rc = 0, r;
    for (r = 0; r < 400 && rc >= 0; r++)
        rc = ent_lp_add_row(lp, 400, idx, val, ENT_LP_UP, 0, 1);
    cr_assert_eq(rc, ENT_ENOMEM, "row %d: %d", r, rc);
    /* the problem is lost: every call fails cleanly, freeing is safe */
    cr_assert_eq(ent_lp_solve(lp, 0), ENT_ENOMEM);
    cr_assert_eq(ent_lp_add_cols(lp, 1), ENT_ENOMEM);
    cr_assert(isnan(ent_lp_obj(lp)));
    ent_lp_free(&lp);
    cr_assert_null(lp);
    /* a fresh environment (no limit) works as before */
    small_lp_solves();
    ent_lp_thread_done();
}

Test(lp_limits, budget_and_sizes)
{
    cr_assert_gt(ent_lp_memory_budget(), 1e6);
    cr_assert_float_eq(ent_lp_bytes(0, 0, 1e6), 1e8, 1);
}

Test(lp_limits, correlated_lp_refused_with_the_numbers)
{
    /* 700 x 700: up to 490000 columns of 1399 nonzeros, about 64 GiB */
    int ns[2] = {700, 700};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    ent_ce *ce = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, &err), ENT_ETOOBIG);
    cr_assert_null(ce);
    cr_assert(strstr(err.msg, "490001 columns, 978601 rows and 686488600 nonzeros") != NULL, "%s", err.msg);
    cr_assert(strstr(err.msg, "GiB") != NULL, "%s", err.msg);
    ent_game_free(&g);
}
