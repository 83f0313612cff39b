/* test_bimatrix.c — known answers for the two-player solvers: the lrsnash manual's 3x2
 * game, a degenerate game with a component, Lemke-Howson from one label, zero-sum
 * value of matching pennies / rock-paper-scissors, maxmin in a 3-player game, the time
 * limit, refusal of non-two-player games, identical answers with one and two threads. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#ifdef _OPENMP
#include <omp.h>
#endif

static ent_game *bimatrix(int m, int n, const double *A, const double *B)
{
    int ns[2] = {m, n};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            ent_game_payoffs_mut(g, 0)[i + j * m] = A[i * n + j];
            ent_game_payoffs_mut(g, 1)[i + j * m] = B[i * n + j];
        }
    return g;
}

/* "x...|y...|u v" of equilibrium k in exact fractions */
static void exact_row(const ent_bimatrix *r, int k, int m, int n, char *buf)
{
    buf[0] = '\0';
    for (int i = 0; i < m + n + 2; i++) {
        if (i)
            strcat(buf, i == m || i == m + n ? "|" : " ");
        strcat(buf, ent_bimatrix_exact(r, k, i));
    }
}

Test(bimatrix, lrsnash_manual_example_exact)
{
    /* lrsnash(1): 3 equilibria; x=(2/3,1/3,0) y=(1/3,2/3) payoffs 4, 2/3; x=(0,1/3,2/3)
     * y=(2/3,1/3) payoffs 3, 8/3; x=(0,0,1) y=(1,0) payoffs 3, 4 */
    double A[6] = {0, 6, 2, 5, 3, 3}, B[6] = {1, 0, 0, 2, 4, 3};
    ent_game *g = bimatrix(3, 2, A, B);
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_count(r), 3);
    cr_assert_eq(ent_bimatrix_certify(g, r, NULL), ENT_OK);
    const char *want[3] = {"2/3 1/3 0|1/3 2/3|4 2/3", "0 1/3 2/3|2/3 1/3|3 8/3",
                           "0 0 1|1 0|3 4"};
    int seen[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        char buf[256];
        exact_row(r, k, 3, 2, buf);
        for (int w = 0; w < 3; w++)
            if (!strcmp(buf, want[w]))
                seen[w]++;
    }
    cr_assert(seen[0] == 1 && seen[1] == 1 && seen[2] == 1);
    cr_assert_eq(ent_bimatrix_ncomponents(r), 3);
    ent_bimatrix_free(&r);
    ent_game_free(&g);
}

Test(bimatrix, degenerate_game_component)
{
    /* the degenerate 3x3 game from lrsnash (checked by hand): y=(1,0,0) against
     * x in [(1,0,0),(0,1,0)] and y=(1/2,1/2,0) against the same: one component, one
     * maximal Nash subset {x1,x2} x {y1,y2} */
    double A[9] = {1, 1, 1, 1, 1, 1, 0, 2, 0}, B[9] = {1, 1, 0, 1, 1, 0, 2, 0, 3};
    ent_game *g = bimatrix(3, 3, A, B);
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_count(r), 4);
    cr_assert_eq(ent_bimatrix_ncomponents(r), 1);
    cr_assert_eq(ent_bimatrix_nsubsets(r), 1);
    int c, nx, ny;
    const int *xs, *ys;
    ent_bimatrix_subset(r, 0, &c, &nx, &xs, &ny, &ys);
    cr_assert(c == 0 && nx == 2 && ny == 2);
    cr_assert_eq(ent_bimatrix_certify(g, r, NULL), ENT_OK);
    ent_bimatrix_free(&r);
    ent_game_free(&g);
}

Test(bimatrix, lemke_howson_one_label_battle_of_sexes)
{
    /* battle of the sexes: (1,0),(0,1) pure and (2/3,1/3),(1/3,2/3) mixed */
    double A[4] = {2, 0, 0, 1}, B[4] = {1, 0, 0, 2};
    ent_game *g = bimatrix(2, 2, A, B);
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = ENT_BM_LEMKE;
    o.label = 0;
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_count(r), 1);
    double mx[4];
    ent_bimatrix_profile(r, 0, mx);
    cr_assert(mx[0] == 1.0 || mx[1] == 1.0, "label 1 from the artificial equilibrium ends pure");
    ent_bimatrix_free(&r);
    o.label = -1;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_count(r), 2, "all four labels reach only the two pure equilibria");
    ent_bimatrix_free(&r);
    o.label = 9;
    ent_error err;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, &err), ENT_EINVAL);
    cr_assert_null(r);
    ent_game_free(&g);
}

Test(bimatrix, zero_sum_rock_paper_scissors)
{
    double A[9] = {0, -1, 1, 1, 0, -1, -1, 1, 0}, B[9];
    for (int i = 0; i < 9; i++)
        B[i] = -A[i] + 5; /* constant-sum 5 */
    ent_game *g = bimatrix(3, 3, A, B);
    double c, v, x[3], y[3];
    cr_assert(ent_game_is_constant_sum(g, &c));
    cr_assert_float_eq(c, 5.0, 1e-12);
    cr_assert_eq(ent_zerosum_solve(g, 0, &v, x, y, NULL), ENT_OK);
    cr_assert_float_eq(v, 0.0, 1e-9);
    for (int i = 0; i < 3; i++) {
        cr_assert_float_eq(x[i], 1.0 / 3, 1e-9);
        cr_assert_float_eq(y[i], 1.0 / 3, 1e-9);
    }
    ent_game_free(&g);
    double B2[9] = {0};
    g = bimatrix(3, 3, A, B2);
    ent_error err;
    cr_assert_eq(ent_zerosum_solve(g, 0, &v, x, y, &err), ENT_EUNSUPPORTED);
    ent_game_free(&g);
}

Test(bimatrix, maxmin_three_players)
{
    /* 2x2x2: player 0 gets 1 if he matches player 1 and player 2 plays 0, else 0 when
     * matching, -1 when not. Against pure profiles: x=(1/2,1/2) guarantees -1/2. */
    int ns[3] = {2, 2, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    double *u = ent_game_payoffs_mut(g, 0);
    for (int idx = 0; idx < 8; idx++) {
        int a = idx & 1, b = (idx >> 1) & 1, c = (idx >> 2) & 1;
        u[idx] = a == b ? (c == 0 ? 1 : 0) : -1;
    }
    double level, x[2];
    cr_assert_eq(ent_maxmin(g, 0, &level, x, NULL), ENT_OK);
    cr_assert_float_eq(level, -0.5, 1e-9);
    cr_assert_float_eq(x[0], 0.5, 1e-9);
    ent_bimatrix *r;
    ent_error err;
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, &err), ENT_EUNSUPPORTED);
    cr_assert(strstr(err.msg, "3") != NULL);
    ent_game_free(&g);
}

Test(bimatrix, time_limit_marks_incomplete, .timeout = 30)
{
    int ns[2] = {24, 24};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    unsigned long long s = 5;
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < 24 * 24; i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)((s >> 33) % 1000);
        }
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = ENT_BM_ENUM;
    o.time_limit = 0.05;
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_incomplete(r), 1);
    for (int k = 0; k < ent_bimatrix_count(r); k++) {
        double mx[48];
        ent_bimatrix_profile(r, k, mx);
        cr_assert_leq(ent_verify_max_regret(g, mx), ent_verify_tolerance(g));
    }
    ent_bimatrix_free(&r);
    ent_game_free(&g);
}

Test(bimatrix, same_answer_with_one_and_two_threads, .timeout = 60)
{
    /* 12x12 random game: the reverse search's jobs are spread over 2 threads or run in
     * one; the listed equilibria must be byte-identical */
    int ns[2] = {12, 12};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    unsigned long long s = 11;
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < 144; i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)((s >> 33) % 2001) - 1000;
        }
    double *prof[2] = {NULL, NULL};
    int cnt[2] = {0, 0};
    for (int t = 0; t < 2; t++) {
#ifdef _OPENMP
        omp_set_num_threads(t + 1);
#endif
        ent_bimatrix *r;
        cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, NULL), ENT_OK);
        cnt[t] = ent_bimatrix_count(r);
        prof[t] = malloc(sizeof(double) * 24 * (size_t)(cnt[t] + 1));
        for (int k = 0; k < cnt[t]; k++)
            ent_bimatrix_profile(r, k, prof[t] + 24 * k);
        ent_bimatrix_free(&r);
    }
#ifdef _OPENMP
    omp_set_num_threads(omp_get_num_procs());
#endif
    cr_assert_gt(cnt[0], 1);
    cr_assert_eq(cnt[0], cnt[1]);
    cr_assert(!memcmp(prof[0], prof[1], sizeof(double) * 24 * (size_t)cnt[0]));
    free(prof[0]);
    free(prof[1]);
    ent_game_free(&g);
}

Test(bimatrix, exact_check_rejects_a_wrong_result)
{
    /* the prisoner's dilemma's equilibrium (D, D), certified against a game in which the
     * row player's D is strictly dominated by C: the exact check must refuse it */
    double A[4] = {3, 0, 5, 1}, B[4] = {3, 5, 0, 1}, A2[4] = {5, 1, 3, 0};
    ent_game *g = bimatrix(2, 2, A, B), *h = bimatrix(2, 2, A2, B);
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_count(r), 1);
    cr_assert_eq(ent_bimatrix_certify(g, r, NULL), ENT_OK);
    ent_error err;
    cr_assert_eq(ent_bimatrix_certify(h, r, &err), ENT_EVERIFY);
    cr_assert(strstr(err.msg, "exact check") != NULL, "%s", err.msg);
    ent_bimatrix_free(&r);
    ent_game_free(&g);
    ent_game_free(&h);
}
