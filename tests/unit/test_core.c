/* test_core.c — the game object, the independent regret check, the report writers and
 * the LP layer. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "entente.h"
#include "../../solver/lp/lp.h"

static ent_game *pd(void)
{
    int ns[2] = {2, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    /* Prisoner's dilemma: C=0, D=1; player 0 fastest. (C,C)=3,3 (D,C)=5,0 (C,D)=0,5 (D,D)=1,1 */
    double u0[4] = {3, 5, 0, 1}, u1[4] = {3, 0, 5, 1};
    memcpy(ent_game_payoffs_mut(g, 0), u0, sizeof u0);
    memcpy(ent_game_payoffs_mut(g, 1), u1, sizeof u1);
    return g;
}

Test(game, strides_and_index)
{
    int ns[3] = {2, 3, 4};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    cr_assert_eq(ent_game_nprofiles(g), 24);
    cr_assert_eq(ent_game_stride(g, 2), 6);
    int prof[3] = {1, 2, 3}, back[3];
    uint64_t i = ent_game_profile_index(g, prof);
    cr_assert_eq(i, 1 + 2 * 2 + 3 * 6);
    ent_game_profile_decode(g, i, back);
    cr_assert(back[0] == 1 && back[1] == 2 && back[2] == 3);
    cr_assert_eq(ent_game_strategy_offset(g, 2), 5);
    cr_assert_str_eq(ent_game_strategy_label(g, 1, 2), "3");
    ent_game_free(&g);
    cr_assert_null(g);
}

Test(game, size_limit_refused_with_numbers)
{
    int ns[40];
    for (int i = 0; i < 40; i++)
        ns[i] = 2;
    ent_game *g = NULL;
    ent_error err;
    cr_assert_eq(ent_game_new(&g, 40, ns, NULL, &err), ENT_ETOOBIG);
    cr_assert_null(g);
    cr_assert(strstr(err.msg, "1099511627776 profiles") != NULL, "%s", err.msg);
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = 1000;
    int small[2] = {10, 10};
    cr_assert_eq(ent_game_new(&g, 2, small, &o, &err), ENT_ETOOBIG);
}

Test(game, restrict_keeps_labels_and_payoffs)
{
    ent_game *g = pd(), *r;
    ent_game_set_strategy_label(g, 0, 1, "D");
    unsigned char keep[4] = {0, 1, 1, 1};
    cr_assert_eq(ent_game_restrict(g, keep, &r, NULL), ENT_OK);
    cr_assert_eq(ent_game_nstrategies(r, 0), 1);
    cr_assert_str_eq(ent_game_strategy_label(r, 0, 0), "D");
    cr_assert_eq(ent_game_payoffs(r, 1)[1], 1.0); /* (D, D) */
    ent_game_free(&r);
    ent_game_free(&g);
}

Test(verify, regrets_of_pure_and_mixed_profiles)
{
    ent_game *g = pd();
    double dd[4] = {0, 1, 0, 1}, cc[4] = {1, 0, 1, 0}, reg[2], pay[2];
    cr_assert_eq(ent_verify_regrets(g, dd, reg, pay), ENT_OK);
    cr_assert_eq(reg[0], 0.0);
    cr_assert_eq(pay[1], 1.0);
    cr_assert_eq(ent_verify_regrets(g, cc, reg, pay), ENT_OK);
    cr_assert_float_eq(reg[0], 2.0, 1e-12); /* 5 - 3 */
    double half[4] = {0.5, 0.5, 0.5, 0.5};
    cr_assert_eq(ent_verify_regrets(g, half, reg, pay), ENT_OK);
    cr_assert_float_eq(pay[0], 2.25, 1e-12);
    cr_assert_float_eq(reg[0], 0.75, 1e-12); /* D earns 3 */
    double bad[4] = {0.5, 0.6, 0.5, 0.5};
    cr_assert_eq(ent_verify_regrets(g, bad, reg, pay), ENT_EINVAL);
    ent_game_free(&g);
}

Test(report, formats_agree_on_numbers)
{
    ent_report *r = ent_report_new("T");
    ent_report_kv_num(r, "value", 1.0 / 3.0);
    ent_table *t = ent_report_table(r, "equilibria", "cap");
    ent_table_col(t, "name", ENT_COL_STR);
    ent_table_col(t, "x", ENT_COL_NUM);
    ent_table_str(t, "a,\"b\"");
    ent_table_num(t, -0.0);
    ent_table_str(t, "c");
    ent_table_num(t, 0.1);
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ent_report_write(r, f, ENT_FMT_CSV, NULL), ENT_OK);
    fclose(f);
    cr_assert_str_eq(buf, "name,x\n\"a,\"\"b\"\"\",0\nc,0.1\n");
    free(buf);
    f = open_memstream(&buf, &len);
    cr_assert_eq(ent_report_write(r, f, ENT_FMT_JSON, NULL), ENT_OK);
    fclose(f);
    cr_assert(strstr(buf, "\"value\": 0.333333333333") != NULL, "%s", buf);
    cr_assert(strstr(buf, "\"x\": 0.1") != NULL, "%s", buf);
    free(buf);
    char nb[32];
    cr_assert_str_eq(ent_fmt_num(nb, 2.5e-20), "2.5e-20");
    ent_report_free(&r);
}

/* The report as `fmt` in a malloc'ed string. */
static char *report_as(const ent_report *r, ent_format fmt)
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ent_report_write(r, f, fmt, NULL), ENT_OK);
    fclose(f);
    return buf;
}

Test(report, display_labels_only_in_human_formats)
{
    ent_report *r = ent_report_new("T");
    ent_table *t = ent_report_table(r, "equilibria", NULL);
    ent_table_col(t, "payoff:1", ENT_COL_NUM);
    ent_table_col(t, "payoff:2", ENT_COL_NUM);
    ent_table_col_label(t, 0, "payoff Russia");
    ent_table_col_label(t, 1, "payoff Russia"); /* labels may repeat */
    ent_table_col_label(t, 2, "no such column"); /* ignored */
    ent_table_num(t, 1);
    ent_table_num(t, 2);
    char *s = report_as(r, ENT_FMT_CSV);
    cr_assert_str_eq(s, "payoff:1,payoff:2\n1,2\n");
    free(s);
    s = report_as(r, ENT_FMT_JSON);
    cr_assert(strstr(s, "\"payoff:1\": 1") && strstr(s, "\"payoff:2\": 2") && !strstr(s, "Russia"), "%s", s);
    free(s);
    s = report_as(r, ENT_FMT_TEXT);
    cr_assert(strstr(s, "  payoff Russia  payoff Russia\n") && !strstr(s, "payoff:"), "%s", s);
    free(s);
    s = report_as(r, ENT_FMT_MARKDOWN);
    cr_assert(strstr(s, "| payoff Russia | payoff Russia |") && !strstr(s, "payoff:"), "%s", s);
    free(s);
    s = report_as(r, ENT_FMT_LATEX);
    cr_assert(strstr(s, "payoff Russia & payoff Russia \\\\") && !strstr(s, "payoff:"), "%s", s);
    free(s);
    ent_report_free(&r);
}

Test(report, half_row_is_an_error)
{
    ent_report *r = ent_report_new("T");
    ent_table *t = ent_report_table(r, "t", NULL);
    ent_table_col(t, "a", ENT_COL_INT);
    ent_table_col(t, "b", ENT_COL_INT);
    ent_table_int(t, 1);
    cr_assert_eq(ent_report_write(r, stdout, ENT_FMT_CSV, NULL), ENT_EINVAL);
    ent_report_free(&r);
}

Test(lp, small_max_problem_and_duals)
{
    /* max 3x + 2y s.t. x + y <= 4, x + 3y <= 6: optimum x=4, y=0, value 12, dual 3 */
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    cr_assert_eq(ent_lp_add_cols(lp, 2), 0);
    ent_lp_set_obj(lp, 0, 3);
    ent_lp_set_obj(lp, 1, 2);
    int idx[2] = {0, 1};
    double a[2] = {1, 1}, b[2] = {1, 3};
    cr_assert_eq(ent_lp_add_row(lp, 2, idx, a, ENT_LP_UP, 0, 4), 0);
    cr_assert_eq(ent_lp_add_row(lp, 2, idx, b, ENT_LP_UP, 0, 6), 1);
    cr_assert_eq(ent_lp_solve(lp, 1), ENT_OK);
    cr_assert_float_eq(ent_lp_obj(lp), 12.0, 1e-12);
    cr_assert_float_eq(ent_lp_col(lp, 0), 4.0, 1e-12);
    cr_assert_float_eq(ent_lp_row_dual(lp, 0), 3.0, 1e-12);
    cr_assert_float_eq(ent_lp_row_dual(lp, 1), 0.0, 1e-12);
    ent_lp_set_col_bounds(lp, 0, ENT_LP_DB, 0, 3); /* now x=3, y=1, value 11 */
    cr_assert_eq(ent_lp_solve(lp, 0), ENT_OK);
    cr_assert_float_eq(ent_lp_obj(lp), 11.0, 1e-9);
    int dup[2] = {0, 0};
    cr_assert_eq(ent_lp_add_row(lp, 2, dup, a, ENT_LP_UP, 0, 1), ENT_EINVAL);
    ent_lp_free(&lp);
    ent_lp_thread_done();
}

Test(lp, infeasible_reported)
{
    ent_lp *lp = ent_lp_new(ENT_LP_MIN);
    ent_lp_add_cols(lp, 1);
    int idx[1] = {0};
    double a[1] = {1};
    ent_lp_add_row(lp, 1, idx, a, ENT_LP_UP, 0, -1); /* x <= -1 with x >= 0 */
    cr_assert_eq(ent_lp_solve(lp, 0), ENT_EINFEASIBLE);
    ent_lp_free(&lp);
    ent_lp_thread_done();
}
