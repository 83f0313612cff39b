/* test_correlated.c — correlated and coarse correlated equilibria: Aumann's chicken
 * (welfare above every Nash equilibrium), the inspection game (a single point), the
 * independent incentive check, and a random 4-player game re-checked by the verifier. */
#include <math.h>

#include "test_correlated_games.h"
#include "../../solver/lp/lp.h"

static double welfare(const ent_game *g, const double *dist)
{
    double w = 0;
    for (uint64_t i = 0; i < ent_game_nprofiles(g); i++)
        for (int p = 0; p < ent_game_nplayers(g); p++)
            w += dist[i] * ent_game_payoffs(g, p)[i];
    return w;
}

Test(correlated, chicken_beats_every_nash_equilibrium)
{
    ent_game *g = tg_chicken();
    ent_ce *ce;
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, NULL), ENT_OK);
    double one[2] = {1, 1}, dist[4], v, mg;
    cr_assert_eq(ent_ce_optimize(ce, one, 1, dist, &v, NULL), ENT_OK);
    cr_assert_float_eq(v, 10.5, 1e-9);
    cr_assert_float_eq(welfare(g, dist), 10.5, 1e-9);
    /* Nash welfares: 9, 9 and 28/3 */
    cr_assert_gt(v, 28.0 / 3 + 1e-6);
    cr_assert_float_eq(dist[3], 0.5, 1e-9);  /* (C,C) */
    cr_assert_float_eq(dist[1], 0.25, 1e-9); /* index = s0 + 2 s1 */
    cr_assert_float_eq(dist[2], 0.25, 1e-9);
    cr_assert_float_eq(dist[0], 0.0, 1e-9);
    cr_assert_eq(ent_verify_correlated(g, ENT_CE, dist, NULL, &mg), ENT_OK);
    cr_assert_leq(mg, ent_verify_tolerance(g));
    /* each actor's best and worst payoff over the polytope: the pure Nash payoffs 7, 2 */
    double w0[2] = {1, 0};
    cr_assert_eq(ent_ce_optimize(ce, w0, 1, dist, &v, NULL), ENT_OK);
    cr_assert_float_eq(v, 7.0, 1e-9);
    cr_assert_eq(ent_ce_optimize(ce, w0, 0, dist, &v, NULL), ENT_OK);
    cr_assert_float_eq(v, 2.0, 1e-9);
    /* lowest welfare, by hand: with a,b,c,d on (C,C),(D,C),(C,D),(D,D) the incentive rows
     * are b >= 2d, c >= 2d, 2c >= a, 2b >= a; minimising 12a + 9b + 9c gives a = 0,
     * b = c = 2/5, d = 1/5: welfare 7.2, below every Nash equilibrium */
    cr_assert_eq(ent_ce_optimize(ce, one, 0, dist, &v, NULL), ENT_OK);
    cr_assert_float_eq(v, 7.2, 1e-9);
    cr_assert_float_eq(dist[0], 0.2, 1e-9);
    ent_ce_free(&ce);
    ent_lp_thread_done();
    ent_game_free(&g);
}

Test(correlated, cce_contains_ce)
{
    ent_game *g = tg_chicken();
    ent_ce *ce, *cce;
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, NULL), ENT_OK);
    cr_assert_eq(ent_ce_new(g, ENT_CCE, &cce, NULL), ENT_OK);
    double one[2] = {1, 1}, d1[4], d2[4], v1, v2, mg;
    cr_assert_eq(ent_ce_optimize(ce, one, 1, d1, &v1, NULL), ENT_OK);
    cr_assert_eq(ent_ce_optimize(cce, one, 1, d2, &v2, NULL), ENT_OK);
    cr_assert_geq(v2, v1 - 1e-9);
    cr_assert_eq(ent_verify_correlated(g, ENT_CCE, d2, NULL, &mg), ENT_OK);
    cr_assert_leq(mg, ent_verify_tolerance(g));
    /* CCE rows by hand (always-Dare, always-Chicken): 2c >= a, b >= 2d and symmetric;
     * the welfare optimum is again a = 1/2, b = c = 1/4: 10.5 */
    cr_assert_float_eq(v2, 10.5, 1e-9);
    ent_ce_free(&ce);
    ent_ce_free(&cce);
    ent_lp_thread_done();
    ent_game_free(&g);
}

Test(correlated, inspection_game_polytope_is_the_mixed_equilibrium)
{
    ent_game *g = tg_inspection();
    ent_ce *ce;
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, NULL), ENT_OK);
    double one[2] = {1, 1}, hi[4], lo[4], vh, vl;
    cr_assert_eq(ent_ce_optimize(ce, one, 1, hi, &vh, NULL), ENT_OK);
    cr_assert_eq(ent_ce_optimize(ce, one, 0, lo, &vl, NULL), ENT_OK);
    cr_assert_float_eq(vh, vl, 1e-9);
    cr_assert_float_eq(vh, -0.5, 1e-9);
    /* the product of violate 1/4 and inspect 1/4 */
    double v = 0.25, ins = 0.25;
    double want[4] = {(1 - v) * ins, v * ins, (1 - v) * (1 - ins), v * (1 - ins)};
    for (int i = 0; i < 4; i++) {
        cr_assert_float_eq(hi[i], want[i], 1e-9);
        cr_assert_float_eq(lo[i], want[i], 1e-9);
    }
    ent_ce_free(&ce);
    ent_lp_thread_done();
    ent_game_free(&g);
}

Test(correlated, verifier_finds_the_profitable_deviation)
{
    ent_game *g = tg_chicken();
    double dist[4] = {0, 0, 0, 1}; /* (C,C) for sure: each would rather Dare (7 > 6) */
    int nc = ent_ce_nconstraints(g, ENT_CE);
    cr_assert_eq(nc, 8);
    double gain[8], mg;
    cr_assert_eq(ent_verify_correlated(g, ENT_CE, dist, gain, &mg), ENT_OK);
    cr_assert_float_eq(mg, 1.0, 1e-12);
    int p, s, d;
    ent_ce_constraint(g, ENT_CE, 2, &p, &s, &d); /* player 0, told Chicken, plays Dare */
    cr_assert(p == 0 && s == 1 && d == 0);
    cr_assert_float_eq(gain[2], 1.0, 1e-12);
    double bad[4] = {0.5, 0.5, 0.5, 0};
    cr_assert_eq(ent_verify_correlated(g, ENT_CE, bad, NULL, NULL), ENT_EINVAL);
    ent_game_free(&g);
}

Test(correlated, random_four_player_game_verified)
{
    int ns[4] = {4, 3, 3, 4};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 4, ns, NULL, NULL), ENT_OK);
    uint64_t st = 12345;
    for (int p = 0; p < 4; p++)
        for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)(st >> 40) / (double)(1 << 24) * 10;
        }
    for (int kind = ENT_CE; kind <= ENT_CCE; kind++) {
        ent_ce *ce;
        cr_assert_eq(ent_ce_new(g, kind, &ce, NULL), ENT_OK);
        double *dist = malloc(sizeof(double) * 144), w[4] = {1, 1, 1, 1}, v, mg;
        cr_assert_eq(ent_ce_optimize(ce, w, 1, dist, &v, NULL), ENT_OK);
        cr_assert_eq(ent_verify_correlated(g, kind, dist, NULL, &mg), ENT_OK);
        cr_assert_leq(mg, ent_verify_tolerance(g) * 10);
        cr_assert_float_eq(welfare(g, dist), v, 1e-9);
        /* any point is feasible */
        cr_assert_eq(ent_ce_optimize(ce, NULL, 1, dist, NULL, NULL), ENT_OK);
        cr_assert_eq(ent_verify_correlated(g, kind, dist, NULL, &mg), ENT_OK);
        cr_assert_leq(mg, ent_verify_tolerance(g) * 10);
        free(dist);
        ent_ce_free(&ce);
    }
    ent_lp_thread_done();
    ent_game_free(&g);
}

/* Column generation must reach the optimum of the complete LP, built here directly with
 * every profile as a column (a separate construction from solver/correlated.c). */
Test(correlated, column_generation_matches_the_full_lp)
{
    int ns[3] = {4, 3, 5};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    uint64_t st = 987654321, np = ent_game_nprofiles(g);
    for (int p = 0; p < 3; p++)
        for (uint64_t i = 0; i < np; i++) {
            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)((st >> 33) % 1000) / 100.0;
        }
    double w[3] = {1, 2, -1};
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    ent_lp_add_cols(lp, (int)np);
    int prof[3], idx[60];
    double val[60];
    for (uint64_t i = 0; i < np; i++) {
        double c = 0;
        for (int p = 0; p < 3; p++)
            c += w[p] * ent_game_payoffs(g, p)[i];
        ent_lp_set_obj(lp, (int)i, c);
    }
    for (int p = 0; p < 3; p++)
        for (int s = 0; s < ns[p]; s++)
            for (int d = 0; d < ns[p]; d++) {
                if (d == s)
                    continue;
                int k = 0;
                for (uint64_t i = 0; i < np; i++) {
                    ent_game_profile_decode(g, i, prof);
                    if (prof[p] != s)
                        continue;
                    prof[p] = d;
                    uint64_t j = ent_game_profile_index(g, prof);
                    idx[k] = (int)i;
                    val[k++] = ent_game_payoffs(g, p)[j] - ent_game_payoffs(g, p)[i];
                }
                ent_lp_add_row(lp, k, idx, val, ENT_LP_UP, 0, 0);
            }
    int all[60];
    double ones[60];
    for (uint64_t i = 0; i < np; i++) {
        all[i] = (int)i;
        ones[i] = 1;
    }
    ent_lp_add_row(lp, (int)np, all, ones, ENT_LP_FX, 1, 1);
    cr_assert_eq(ent_lp_solve(lp, 1), ENT_OK);
    double full = ent_lp_obj(lp);
    ent_lp_free(&lp);
    ent_ce *ce;
    double dist[60], v;
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, NULL), ENT_OK);
    cr_assert_eq(ent_ce_optimize(ce, w, 1, dist, &v, NULL), ENT_OK);
    cr_assert_float_eq(v, full, 1e-9);
    ent_ce_free(&ce);
    ent_lp_thread_done();
    ent_game_free(&g);
}

Test(correlated, sixty_thousand_profiles)
{
    int ns[10];
    for (int p = 0; p < 10; p++)
        ns[p] = 3;
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 10, ns, NULL, NULL), ENT_OK);
    uint64_t st = 42, np = ent_game_nprofiles(g);
    cr_assert_eq(np, 59049);
    for (int p = 0; p < 10; p++)
        for (uint64_t i = 0; i < np; i++) {
            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)((st >> 33) % 1000) / 100.0;
        }
    ent_ce *ce;
    double *dist = malloc(sizeof(double) * np), w[10], v, mg;
    for (int p = 0; p < 10; p++)
        w[p] = 1;
    cr_assert_eq(ent_ce_new(g, ENT_CE, &ce, NULL), ENT_OK);
    cr_assert_eq(ent_ce_optimize(ce, w, 1, dist, &v, NULL), ENT_OK);
    cr_assert_eq(ent_verify_correlated(g, ENT_CE, dist, NULL, &mg), ENT_OK);
    cr_assert_leq(mg, ent_verify_tolerance(g));
    cr_assert_float_eq(welfare(g, dist), v, 1e-9);
    free(dist);
    ent_ce_free(&ce);
    ent_lp_thread_done();
    ent_game_free(&g);
}
