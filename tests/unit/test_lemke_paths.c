/* test_lemke_paths.c — Lemke-Howson on long and awkward runs: paths that fail in floating
 * point are followed again exactly and the other paths' equilibria are kept; the exact
 * path agrees with the floating-point one where both succeed; the time limit and an
 * interrupt stop every path and leave a verified, incomplete result. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../solver/nash/bimatrix.h"
#include "entente.h"

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

static ent_game *random_game(int m, int n, unsigned long long s)
{
    int ns[2] = {m, n};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < m * n; i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            ent_game_payoffs_mut(g, p)[i] = (double)((s >> 33) % 1000);
        }
    return g;
}

/* Payoffs 1e-12 apart next to payoffs 1 apart (in .nfg order, two games): the
 * floating-point path from one label cannot tell them apart. */
static const double tinyA[2][16] = {
    {1e-11, 0, 1e-11, 1, 3e-12, 0, 1, 1e-12, 3e-12, 1e-11, 1e-11, 1e-12, 1, 2, 0, 1e-11},
    {0, 1e-11, 1, 3e-12, 1, 1e-12, 1, 0, 0, 3e-12, 2, 1e-12, 3e-12, 1e-11, 1e-11, 1},
};
static const double tinyB[2][16] = {
    {1e-12, 1e-11, 0, 3e-12, 1e-12, 1e-12, 0, 1e-12, 0, 2, 3e-12, 2, 1, 1e-11, 1e-11, 1e-11},
    {1, 1e-12, 1, 2, 0, 1e-11, 0, 1e-11, 3e-12, 1e-11, 1, 3e-12, 3e-12, 3e-12, 3e-12, 1e-11},
};

/* Transpose the .nfg-style list above (player 1's strategy fastest) into row-major. */
static void rowmajor(const double *list, double *M)
{
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++)
            M[i * 4 + j] = list[i + j * 4];
}

Test(lemke_paths, a_path_lost_to_rounding_is_followed_exactly)
{
    for (int t = 0; t < 2; t++) {
        double A[16], B[16];
        rowmajor(tinyA[t], A);
        rowmajor(tinyB[t], B);
        ent_game *g = bimatrix(4, 4, A, B);
        ent_bimatrix_opts o;
        ent_bimatrix_opts_init(&o);
        o.method = ENT_BM_LEMKE;
        ent_bimatrix *r;
        ent_error err = {0, ""};
        cr_assert_eq(ent_bimatrix_solve(g, &o, &r, &err), ENT_OK, "game %d: %s", t, err.msg);
        int exact = 0;
        for (int k = 0; k < 8; k++) {
            int e;
            cr_assert_eq(ent_bimatrix_path(r, k, &e), ENT_OK, "game %d label %d", t, k);
            exact += e;
        }
        /* on the normalised game (payoffs computed to range 1, ties to 1e-11 of it) the
         * floating-point paths may now follow these games: exact is 0 or more; what
         * must hold is below */
        cr_assert_geq(exact, 0, "game %d", t);
        cr_assert_eq(ent_bimatrix_incomplete(r), 0);
        cr_assert_geq(ent_bimatrix_count(r), 1);
        /* every equilibrium passes the independent check and is one of the extreme
         * equilibria vertex enumeration finds */
        ent_bimatrix_opts oe;
        ent_bimatrix_opts_init(&oe);
        oe.method = ENT_BM_ENUM;
        ent_bimatrix *all;
        cr_assert_eq(ent_bimatrix_solve(g, &oe, &all, NULL), ENT_OK);
        for (int k = 0; k < ent_bimatrix_count(r); k++) {
            double mx[8], me[8];
            ent_bimatrix_profile(r, k, mx);
            cr_assert_leq(ent_verify_max_regret(g, mx), ent_verify_tolerance(g));
            int hit = 0;
            for (int q = 0; q < ent_bimatrix_count(all) && !hit; q++) {
                ent_bimatrix_profile(all, q, me);
                double d = 0;
                for (int i = 0; i < 8; i++)
                    d = fmax(d, fabs(mx[i] - me[i]));
                hit = d < 1e-9;
            }
            cr_assert(hit, "game %d: equilibrium %d is not an extreme equilibrium", t, k);
        }
        ent_bimatrix_free(&all);
        ent_bimatrix_free(&r);
        ent_game_free(&g);
    }
}

Test(lemke_paths, exact_path_agrees_with_floating_point)
{
    for (unsigned long long seed = 1; seed <= 6; seed++) {
        int m = 5 + (int)seed, n = 9 - (int)seed / 2;
        ent_game *g = random_game(m, n, seed);
        double *A, *B;
        cr_assert_eq(bm_matrices(g, &A, &B), 0);
        ent_bimatrix_opts o;
        ent_bimatrix_opts_init(&o);
        o.method = ENT_BM_LEMKE;
        double mx[32], xe[32];
        for (int k = 0; k < m + n; k++) {
            ent_bimatrix *r;
            o.label = k;
            cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
            int e;
            cr_assert_eq(ent_bimatrix_path(r, k, &e), ENT_OK);
            cr_assert_eq(e, 0);
            cr_assert_eq(ent_bimatrix_count(r), 1);
            ent_bimatrix_profile(r, 0, mx);
            cr_assert_eq(bm_lemke_exact_path(A, B, m, n, k, 0, xe, xe + m), ENT_OK);
            for (int i = 0; i < m + n; i++)
                cr_assert_float_eq(xe[i], mx[i], 1e-9, "seed %llu label %d entry %d", seed, k,
                                   i);
            ent_bimatrix_free(&r);
        }
        free(A);
        free(B);
        ent_game_free(&g);
    }
}

Test(lemke_paths, time_limit_stops_every_path, .timeout = 20)
{
    /* 120 x 120: all 240 paths take far longer than the limit */
    ent_game *g = random_game(120, 120, 11);
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = ENT_BM_LEMKE;
    o.time_limit = 0.3;
    ent_bimatrix *r;
    double t0 = ent_clock();
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    double took = ent_clock() - t0;
    cr_assert_lt(took, 3.0, "took %.2f s with a 0.3 s limit", took);
    cr_assert_eq(ent_bimatrix_incomplete(r), 1);
    int stopped = 0;
    for (int k = 0; k < 240; k++)
        stopped += ent_bimatrix_path(r, k, NULL) == ENT_ETIMEOUT;
    cr_assert_gt(stopped, 0);
    double *mx = malloc(sizeof(double) * 240);
    for (int k = 0; k < ent_bimatrix_count(r); k++) {
        ent_bimatrix_profile(r, k, mx);
        cr_assert_leq(ent_verify_max_regret(g, mx), ent_verify_tolerance(g));
    }
    free(mx);
    ent_bimatrix_free(&r);
    ent_game_free(&g);
}

Test(lemke_paths, interrupt_stops_every_path, .timeout = 20)
{
    ent_game *g = random_game(60, 60, 3);
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = ENT_BM_LEMKE;
    ent_interrupt();
    ent_bimatrix *r;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_incomplete(r), 1);
    cr_assert_eq(ent_bimatrix_count(r), 0);
    for (int k = 0; k < 120; k++)
        cr_assert_eq(ent_bimatrix_path(r, k, NULL), ENT_ETIMEOUT);
    ent_bimatrix_free(&r);
    /* withdrawn: the same call runs to the end */
    ent_interrupt_clear();
    o.label = 0;
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, NULL), ENT_OK);
    cr_assert_eq(ent_bimatrix_incomplete(r), 0);
    cr_assert_eq(ent_bimatrix_count(r), 1);
    ent_bimatrix_free(&r);
    ent_game_free(&g);
}
