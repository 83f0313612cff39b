/* test_correlated_nash.c — n-player mixed equilibria (support enumeration, logit QRE),
 * dominance, strong / coalition-proof Nash and Pareto on games with known answers:
 * Gambit's n-player samples (equilibrium counts from their titles), a closed-form
 * three-player game, the inspection game, Bernheim-Peleg-Whinston's example. */
#include <math.h>
#include <stdlib.h>

#include "test_correlated_games.h"

static int count_pure(const ent_game *g, const ent_npoly_result *r)
{
    int T = ent_game_total_strategies(g), k = 0;
    for (int e = 0; e < r->neq; e++) {
        int pure = 1;
        for (int i = 0; i < T; i++)
            if (r->eq[(size_t)e * T + i] > 1e-9 && r->eq[(size_t)e * T + i] < 1 - 1e-9)
                pure = 0;
        k += pure;
    }
    return k;
}

static void all_verified(const ent_game *g, const ent_npoly_result *r)
{
    int T = ent_game_total_strategies(g);
    for (int e = 0; e < r->neq; e++) {
        double reg = ent_verify_max_regret(g, r->eq + (size_t)e * T);
        cr_assert(reg >= 0 && reg < 1e-9, "equilibrium %d regret %g", e, reg);
    }
}

Test(npoly, mckelvey_mclennan_2x2x2_has_nine)
{
    ent_game *g = tg_mm222();
    ent_npoly_result r;
    cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.neq, 9);
    cr_assert_eq(count_pure(g, &r), 4);
    int T = 6, full = 0;
    for (int e = 0; e < r.neq; e++) {
        int f = 1;
        for (int i = 0; i < T; i++)
            f &= r.eq[(size_t)e * T + i] > 1e-9;
        full += f;
    }
    cr_assert_eq(full, 2); /* "2 totally mixed" */
    all_verified(g, &r);
    ent_npoly_result_clear(&r);
    ent_game_free(&g);
}

Test(npoly, gambit_3x3x3_five_two_pure)
{
    ent_game *g = tg_g333();
    ent_npoly_result r;
    cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.neq, 5);
    cr_assert_eq(count_pure(g, &r), 2);
    all_verified(g, &r);
    ent_npoly_result_clear(&r);
    ent_game_free(&g);
}

Test(npoly, gambit_2x2x2x2_three)
{
    ent_game *g = tg_g2222();
    ent_npoly_result r;
    cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.neq, 3);
    all_verified(g, &r);
    ent_npoly_result_clear(&r);
    ent_game_free(&g);
}

Test(npoly, closed_form_three_player_and_inspection)
{
    ent_game *g = tg_jordan();
    ent_npoly_result r;
    cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.neq, 1);
    double want[6] = {0.2, 0.8, 2.0 / 3, 1.0 / 3, 0.25, 0.75};
    for (int i = 0; i < 6; i++)
        cr_assert_float_eq(r.eq[i], want[i], 1e-12);
    ent_npoly_result_clear(&r);
    ent_game_free(&g);
    g = tg_inspection();
    cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.neq, 1);
    double w2[4] = {0.75, 0.25, 0.25, 0.75};
    for (int i = 0; i < 4; i++)
        cr_assert_float_eq(r.eq[i], w2[i], 1e-12);
    ent_npoly_result_clear(&r);
    ent_game_free(&g);
}

Test(qre, limits_on_samples_verified)
{
    ent_game *(*mk[])(void) = {tg_mm222, tg_g333, tg_g2222, tg_jordan, tg_inspection,
                               tg_chicken, tg_bpw};
    for (size_t k = 0; k < sizeof mk / sizeof mk[0]; k++) {
        ent_game *g = mk[k]();
        ent_qre_branch b;
        ent_error err;
        int rc = ent_qre_trace(g, NULL, &b, &err);
        cr_assert_eq(rc, ENT_OK, "game %zu: %s", k, err.msg);
        cr_assert(b.limit_ok, "game %zu: limit regret %g", k, b.limit_regret);
        cr_assert_lt(b.limit_regret, 1e-9);
        cr_assert_gt(b.npoints, 5);
        cr_assert_float_eq(b.lambda[0], 0.0, 0);
        /* the branch starts at the centroid; lambda reaches the target */
        cr_assert_float_eq(b.profile[0], 1.0 / ent_game_nstrategies(g, 0), 1e-12);
        cr_assert_geq(b.lambda[b.npoints - 1] * ent_verify_tolerance(g) / 1e-9, 1e6);
        ent_qre_branch_clear(&b);
        ent_game_free(&g);
    }
}

Test(qre, closed_form_limits)
{
    ent_game *g = tg_jordan();
    ent_qre_branch b;
    cr_assert_eq(ent_qre_trace(g, NULL, &b, NULL), ENT_OK);
    double want[6] = {0.2, 0.8, 2.0 / 3, 1.0 / 3, 0.25, 0.75};
    for (int i = 0; i < 6; i++)
        cr_assert_float_eq(b.limit[i], want[i], 1e-12);
    ent_qre_branch_clear(&b);
    ent_game_free(&g);
    g = tg_chicken(); /* symmetric branch: the mixed equilibrium, Chicken w.p. 2/3 */
    cr_assert_eq(ent_qre_trace(g, NULL, &b, NULL), ENT_OK);
    cr_assert_float_eq(b.limit[1], 2.0 / 3, 1e-12);
    cr_assert_float_eq(b.limit[3], 2.0 / 3, 1e-12);
    /* on the way, the QRE at small lambda is near the centroid and moves monotonically */
    cr_assert_float_eq(b.profile[1], 0.5, 1e-12);
    ent_qre_branch_clear(&b);
    ent_game_free(&g);
}

Test(dominance, mixed_domination_in_mixdom)
{
    ent_game *g = tg_mixdom();
    ent_dominance d;
    cr_assert_eq(ent_dominance_run(g, 0, &d, NULL), ENT_OK);
    cr_assert_geq(d.nsteps, 1);
    /* first round: player 1's first strategy, only by a mixture */
    cr_assert_eq(d.steps[0].player, 0);
    cr_assert_eq(d.steps[0].strategy, 0);
    cr_assert_eq(d.steps[0].round, 1);
    cr_assert_eq(d.steps[0].by_pure, -1);
    cr_assert_gt(d.steps[0].margin, 0);
    const double *w = d.weights + d.steps[0].wofs;
    cr_assert_float_eq(w[0], 0, 1e-12);
    cr_assert_float_eq(w[0] + w[1] + w[2] + w[3], 1, 1e-9);
    /* re-check the reported mixture by hand against every column */
    static const double a[4][4] = {{6, 2, 1, 4}, {7, 1, 2, 5}, {5, 4, 6, 7}, {1, 3, 7, 2}};
    for (int c = 0; c < 4; c++) {
        double v = 0;
        for (int r = 0; r < 4; r++)
            v += w[r] * a[r][c];
        cr_assert_gt(v, a[0][c]);
    }
    ent_dominance_clear(&d);
    ent_game *red;
    cr_assert_eq(ent_game_reduce_dominated(g, &red, NULL), ENT_OK);
    cr_assert_lt(ent_game_nstrategies(red, 0), 4);
    ent_game_free(&red);
    ent_solver_thread_done();
    ent_game_free(&g);
}

Test(dominance, prisoners_dilemma_and_weak_order)
{
    ent_game *g = tg_pd();
    ent_dominance d;
    cr_assert_eq(ent_dominance_run(g, 0, &d, NULL), ENT_OK);
    cr_assert_eq(d.nsteps, 2);
    cr_assert(d.steps[0].player == 0 && d.steps[0].strategy == 0 && d.steps[0].by_pure == 1);
    cr_assert(d.steps[1].player == 1 && d.steps[1].strategy == 0 && d.steps[1].round == 1);
    cr_assert_float_eq(d.steps[0].margin, 1.0, 1e-12); /* min(5-3, 1-0) */
    ent_dominance_clear(&d);
    ent_game_free(&g);
    /* weak: row 0 = (1,1), row 1 = (1,0) for player 1; columns equal for player 2.
     * Only row 1 is weakly dominated; nothing is strictly dominated. */
    static const int ns[2] = {2, 2};
    static const double pay[] = {1, 0, 1, 0, 1, 0, 0, 0};
    g = tg_make(2, ns, pay);
    cr_assert_eq(ent_dominance_run(g, 0, &d, NULL), ENT_OK);
    cr_assert_eq(d.nsteps, 0);
    ent_dominance_clear(&d);
    cr_assert_eq(ent_dominance_run(g, 1, &d, NULL), ENT_OK);
    cr_assert_eq(d.nsteps, 1);
    cr_assert(d.steps[0].player == 0 && d.steps[0].strategy == 1 && d.steps[0].by_pure == 0);
    cr_assert(d.keep[0] && !d.keep[1] && d.keep[2] && d.keep[3]);
    ent_dominance_clear(&d);
    ent_solver_thread_done();
    ent_game_free(&g);
}

Test(coalition, bpw_example)
{
    ent_game *g = tg_bpw();
    ent_coalition_status *st;
    int n;
    cr_assert_eq(ent_coalition_analyse(g, NULL, &st, &n, NULL), ENT_OK);
    cr_assert_eq(n, 2);
    /* (T,L,A) = index 0 */
    cr_assert_eq(st[0].profile, 0);
    cr_assert(!st[0].strong && !st[0].cpne);
    cr_assert_eq(st[0].cpne_block, 3u);  /* players 1 and 2 */
    cr_assert_eq(st[0].cpne_dev, 3u);    /* (B,R,A) */
    cr_assert_eq(st[0].strong_block, 3u);
    cr_assert(st[0].pareto);
    /* (B,R,B) = index 7 */
    cr_assert_eq(st[1].profile, 7);
    cr_assert(st[1].cpne && !st[1].strong);
    cr_assert_eq(st[1].strong_block, 7u);
    cr_assert_eq(st[1].strong_dev, 0u);
    cr_assert(!st[1].pareto);
    cr_assert_eq(st[1].pareto_dom, 0u);
    free(st);
    ent_game_free(&g);
}

Test(coalition, prisoners_dilemma_and_pareto)
{
    ent_game *g = tg_pd();
    ent_coalition_status *st;
    int n;
    cr_assert_eq(ent_coalition_analyse(g, NULL, &st, &n, NULL), ENT_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(st[0].profile, 3);
    cr_assert(!st[0].strong && st[0].cpne && !st[0].pareto);
    cr_assert_eq(st[0].strong_dev, 0u);
    cr_assert_eq(st[0].pareto_dom, 0u);
    unsigned char m[4];
    cr_assert_eq(ent_pareto_optimal(g, NULL, m), ENT_OK);
    cr_assert(m[0] && m[1] && m[2] && !m[3]);
    free(st);
    ent_game_free(&g);
}

/* Two independent methods agree: every QRE limit is one of the enumerated equilibria. */
Test(qre, limit_is_among_enumerated_equilibria)
{
    ent_game *(*mk[])(void) = {tg_mm222, tg_g333, tg_g2222, tg_inspection, tg_bpw};
    for (size_t k = 0; k < sizeof mk / sizeof mk[0]; k++) {
        ent_game *g = mk[k]();
        int T = ent_game_total_strategies(g);
        ent_qre_branch b;
        ent_npoly_result r;
        cr_assert_eq(ent_qre_trace(g, NULL, &b, NULL), ENT_OK);
        cr_assert_eq(ent_nash_npoly(g, NULL, &r, NULL), ENT_OK);
        int found = 0;
        for (int e = 0; e < r.neq && !found; e++) {
            double d = 0;
            for (int i = 0; i < T; i++)
                d = fmax(d, fabs(r.eq[(size_t)e * T + i] - b.limit[i]));
            found = d < 1e-7;
        }
        cr_assert(found, "game %zu: QRE limit not among the %d enumerated equilibria", k, r.neq);
        ent_npoly_result_clear(&r);
        ent_qre_branch_clear(&b);
        ent_game_free(&g);
    }
}
