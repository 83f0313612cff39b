/* test_numerics.c — answers that do not depend on units: the same two-player equilibria
 * (exact fractions) with payoffs offset by 10^8 and 10^12 or scaled, lrsnash's set on a
 * degenerate game at those offsets, near-ties decided exactly, the exact re-check, and
 * report columns that never collide. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

/* A degenerate 5x5 game with payoffs in {0..3}: lrsnash lists 9 extreme equilibria. */
static const int DA[25] = {2, 2, 0, 3, 1, 0, 1, 0, 2, 3, 1, 3, 0, 1, 0, 1, 3, 2, 1, 3, 1, 0, 1, 3, 1};
static const int DB[25] = {1, 0, 0, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 3, 2, 0, 2, 3, 1, 1, 2, 0, 2, 2, 0};

/* payoff = (v * num_scale / den_scale) + offset, kept exactly */
static ent_game *game_5x5(int64_t offset, int64_t num_scale, int64_t den_scale)
{
    int ns[2] = {5, 5};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) {
                int64_t v = (p ? DB : DA)[i * 5 + j];
                int64_t num = v * num_scale + offset * den_scale;
                uint64_t idx = (uint64_t)(i + 5 * j);
                ent_game_payoffs_mut(g, p)[idx] = (double)num / (double)den_scale;
                cr_assert_eq(ent_game_set_exact(g, p, idx, num, den_scale), ENT_OK);
            }
    return g;
}

/* The certified equilibria as one sorted string of fraction lists. */
static char *equilibria(const ent_game *g)
{
    ent_bimatrix *r;
    ent_error err = {0, ""};
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_bimatrix_certify(g, r, &err), ENT_OK, "%s", err.msg);
    int cnt = ent_bimatrix_count(r);
    char **rows = calloc((size_t)cnt, sizeof(char *));
    size_t total = 1;
    for (int k = 0; k < cnt; k++) {
        rows[k] = calloc(1, 1024);
        for (int i = 0; i < 10; i++) {
            strcat(rows[k], ent_bimatrix_exact(r, k, i));
            strcat(rows[k], i == 4 ? "|" : " ");
        }
        total += strlen(rows[k]) + 1;
        /* the printed profile passes the verifier, exactly and in floating point */
        double mixed[10], reg[2];
        ent_bimatrix_profile(r, k, mixed);
        cr_assert_eq(ent_verify_regrets(g, mixed, reg, NULL), ENT_OK);
        cr_assert_eq(ent_verify_decide(g, mixed, reg), 1, "equilibrium %d rejected", k);
        cr_assert_eq(ent_verify_exact(g, mixed, NULL), 1, "equilibrium %d not exact", k);
    }
    for (int a = 0; a < cnt; a++) /* sort */
        for (int b = a + 1; b < cnt; b++)
            if (strcmp(rows[a], rows[b]) > 0) {
                char *t = rows[a];
                rows[a] = rows[b];
                rows[b] = t;
            }
    char *s = calloc(1, total);
    for (int k = 0; k < cnt; k++) {
        strcat(s, rows[k]);
        strcat(s, "\n");
        free(rows[k]);
    }
    free(rows);
    ent_bimatrix_free(&r);
    return s;
}

Test(numerics, degenerate_game_with_offsets_and_scales_keeps_lrsnash_set)
{
    ent_game *g = game_5x5(0, 1, 1);
    char *base = equilibria(g);
    int n = 0;
    for (const char *c = base; *c; c++)
        n += *c == '\n';
    cr_assert_eq(n, 9, "%d equilibria, lrsnash lists 9:\n%s", n, base);
    /* two of lrsnash's equilibria (player 1's mixture | player 2's) */
    cr_assert(strstr(base, "1 0 0 0 0|2/7 0 0 2/7 3/7"), "%s", base);
    cr_assert(strstr(base, "0 0 0 0 1|2/5 0 2/5 1/5 0"), "%s", base);
    ent_game_free(&g);
    static const int64_t cases[][3] = {{100000000, 1, 1}, {1000000000000LL, 1, 1},
                                       {-1000000000, 1, 1}, {0, 1000000, 1}, {0, 1, 1000000},
                                       {1000000000, 1, 1000000}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        g = game_5x5(cases[c][0], cases[c][1], cases[c][2]);
        char *got = equilibria(g);
        cr_assert_str_eq(got, base, "offset %lld scale %lld/%lld", (long long)cases[c][0],
                         (long long)cases[c][1], (long long)cases[c][2]);
        free(got);
        ent_game_free(&g);
    }
    free(base);
}

Test(numerics, near_tie_is_not_an_equilibrium)
{
    /* Row's D beats U by 10^-6 at L on payoffs near 1000: U / L is no equilibrium */
    const char *text = "NFG 1 R \"near tie\" { \"Row\" \"Col\" } { { \"U\" \"D\" } { \"L\" \"R\" } }\n"
                       "1000 1 1000.000001 0 0 0 1 1\n";
    ent_game *g;
    ent_error err;
    cr_assert_eq(ent_nfg_read_string(text, "near", NULL, &g, &err), ENT_OK, "%s", err.msg);
    char *s = NULL;
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_bimatrix_count(r), 1);
    cr_assert_eq(ent_bimatrix_certify(g, r, &err), ENT_OK, "%s", err.msg);
    cr_assert_str_eq(ent_bimatrix_exact(r, 0, 1), "1");
    cr_assert_str_eq(ent_bimatrix_exact(r, 0, 3), "1");
    ent_bimatrix_free(&r);
    free(s);
    /* the exact re-check refuses U / L although its float regret is within 1e-9 of the
     * range */
    double ul[4] = {1, 0, 1, 0}, reg[2], xr;
    cr_assert_eq(ent_verify_regrets(g, ul, reg, NULL), ENT_OK);
    cr_assert_eq(ent_verify_exact(g, ul, &xr), 0);
    cr_assert_float_eq(xr, 1e-6, 1e-12);
    cr_assert_eq(ent_verify_decide(g, ul, reg), 0);
    ent_game_free(&g);
}

Test(numerics, pure_ties_are_decided_exactly)
{
    const char *text = "NFG 1 R \"third\" { \"Row\" \"Col\" } { { \"U\" \"D\" } { \"L\" \"R\" } }\n"
                       "1/3 1 0.333333333333333333 1 0 0 0 0\n";
    ent_game *g;
    ent_error err;
    cr_assert_eq(ent_nfg_read_string(text, "third", NULL, &g, &err), ENT_OK, "%s", err.msg);
    ent_pure_eq *eq;
    size_t cnt;
    uint64_t total;
    cr_assert_eq(ent_pure_nash(g, NULL, &eq, &cnt, &total, &err), ENT_OK);
    /* 1/3 > 0.333333333333333333: U / L is the only (and a strict) equilibrium */
    cr_assert_eq(total, 1);
    cr_assert_eq(eq[0].profile, 0);
    cr_assert_eq(eq[0].strict, 1);
    free(eq);
    ent_game_free(&g);
}

Test(numerics, repeated_column_names_are_made_unique)
{
    ent_report *r = ent_report_new("t");
    ent_table *t = ent_report_table(r, "x", "x");
    ent_table_col(t, "a:b", ENT_COL_INT);
    ent_table_col(t, "a:b", ENT_COL_INT);
    ent_table_col(t, "a:b~2", ENT_COL_INT);
    ent_table_int(t, 1);
    ent_table_int(t, 2);
    ent_table_int(t, 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ent_report_write(r, f, ENT_FMT_CSV, "x"), ENT_OK);
    fclose(f);
    cr_assert_str_eq(buf, "a:b,a:b~2,a:b~2~2\n1,2,3\n");
    free(buf);
    f = open_memstream(&buf, &len);
    cr_assert_eq(ent_report_write(r, f, ENT_FMT_JSON, NULL), ENT_OK);
    fclose(f);
    cr_assert(strstr(buf, "\"a:b\": 1") && strstr(buf, "\"a:b~2\": 2") &&
              strstr(buf, "\"a:b~2~2\": 3"), "%s", buf);
    free(buf);
    ent_report_free(&r);
}
