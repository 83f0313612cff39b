/* test_pure.c — pure Nash equilibria, pure strict dominance (IESDS), security levels and
 * the random game generator: textbook answers (also as .nfg files in tests/known), every
 * Gambit sample game, and random games (tiny integer payoff ranges, so many ties), all
 * checked against a brute-force per-profile deviation check written here, independently
 * of solver/nash/pure.c. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

/* Game with nplayers, strategy counts ns, and payoffs pay[p][i] in profile order. */
static ent_game *mk(int np, const int *ns, const double *const *pay)
{
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, np, ns, NULL, NULL), ENT_OK);
    for (int p = 0; p < np; p++)
        memcpy(ent_game_payoffs_mut(g, p), pay[p], sizeof(double) * ent_game_nprofiles(g));
    return g;
}

/* Brute force: profile i is an equilibrium iff no player gains by a unilateral change;
 * strict iff every change loses. Returns 0 (no), 1 (weak), 2 (strict). */
static int brute(const ent_game *g, uint64_t i)
{
    int np = ent_game_nplayers(g);
    int prof[64], dev[64];
    ent_game_profile_decode(g, i, prof);
    int strict = 1;
    for (int p = 0; p < np; p++) {
        double cur = ent_game_payoffs(g, p)[i];
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            if (s == prof[p])
                continue;
            memcpy(dev, prof, sizeof(int) * (size_t)np);
            dev[p] = s;
            double alt = ent_game_payoffs(g, p)[ent_game_profile_index(g, dev)];
            if (alt > cur)
                return 0;
            if (alt == cur)
                strict = 0;
        }
    }
    return strict ? 2 : 1;
}

/* Solve with `threads` and compare every profile with the brute force; also push each
 * equilibrium through the independent regret check. Returns the number found. */
static uint64_t check_against_brute(const ent_game *g, int threads)
{
    ent_pure_opts o;
    ent_pure_opts_init(&o);
    o.threads = threads;
    ent_pure_eq *eq;
    size_t n;
    uint64_t total;
    cr_assert_eq(ent_pure_nash(g, &o, &eq, &n, &total, NULL), ENT_OK);
    cr_assert_eq(n, total);
    size_t k = 0;
    double *mixed = calloc((size_t)ent_game_total_strategies(g), sizeof(double));
    int prof[64];
    for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
        int b = brute(g, i);
        if (!b)
            continue;
        cr_assert_lt(k, n, "profile %llu missed", (unsigned long long)i);
        cr_assert_eq(eq[k].profile, i, "profile %llu missed", (unsigned long long)i);
        cr_assert_eq(eq[k].strict, b == 2, "strictness of profile %llu", (unsigned long long)i);
        memset(mixed, 0, sizeof(double) * (size_t)ent_game_total_strategies(g));
        ent_game_profile_decode(g, i, prof);
        for (int p = 0; p < ent_game_nplayers(g); p++)
            mixed[ent_game_strategy_offset(g, p) + prof[p]] = 1.0;
        cr_assert_leq(ent_verify_max_regret(g, mixed), 0.0);
        k++;
    }
    cr_assert_eq(k, n, "spurious equilibria");
    free(mixed);
    free(eq);
    return n;
}

static void solve(const ent_game *g, ent_pure_eq **eq, size_t *n)
{
    uint64_t total;
    cr_assert_eq(ent_pure_nash(g, NULL, eq, n, &total, NULL), ENT_OK);
    cr_assert_eq(*n, total);
}

/* Prisoner's dilemma, C=0 D=1: (C,C)=3,3 (D,C)=5,0 (C,D)=0,5 (D,D)=1,1. */
static const double pd0[] = {3, 5, 0, 1}, pd1[] = {3, 0, 5, 1};

Test(pure, prisoners_dilemma)
{
    const double *pay[] = {pd0, pd1};
    int ns[] = {2, 2};
    ent_game *g = mk(2, ns, pay);
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    cr_assert_eq(n, 1);
    cr_assert_eq(eq[0].profile, 3); /* (D, D) */
    cr_assert(eq[0].strict);
    free(eq);
    check_against_brute(g, 1);
    ent_game_free(&g);
}

Test(pure, battle_of_the_sexes)
{
    /* O=0 F=1; (O,O)=2,1 (F,F)=1,2, else 0,0 */
    const double a[] = {2, 0, 0, 1}, b[] = {1, 0, 0, 2};
    const double *pay[] = {a, b};
    int ns[] = {2, 2};
    ent_game *g = mk(2, ns, pay);
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    cr_assert_eq(n, 2);
    cr_assert_eq(eq[0].profile, 0);
    cr_assert_eq(eq[1].profile, 3);
    cr_assert(eq[0].strict && eq[1].strict);
    free(eq);
    ent_game_free(&g);
}

Test(pure, matching_pennies_has_none)
{
    const double a[] = {1, -1, -1, 1}, b[] = {-1, 1, 1, -1};
    const double *pay[] = {a, b};
    int ns[] = {2, 2};
    ent_game *g = mk(2, ns, pay);
    ent_pure_eq *eq = (ent_pure_eq *)1;
    size_t n = 7;
    solve(g, &eq, &n);
    cr_assert_eq(n, 0);
    cr_assert_null(eq);
    double worst[2], level;
    cr_assert_eq(ent_pure_security(g, 0, worst, &level, NULL), ENT_OK);
    cr_assert(level == -1 && worst[0] == -1 && worst[1] == -1);
    ent_game_free(&g);
}

Test(pure, three_player_coordination)
{
    /* Three players, three strategies: each gets 1 if all three choose the same, else 0;
     * player 3 gets 1 more from strategy 3 whenever players 1 and 2 disagree. */
    int ns[] = {3, 3, 3};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    int pr[3];
    for (uint64_t i = 0; i < 27; i++) {
        ent_game_profile_decode(g, i, pr);
        int same = pr[0] == pr[1] && pr[1] == pr[2];
        for (int p = 0; p < 3; p++)
            ent_game_payoffs_mut(g, p)[i] = same;
        if (pr[0] != pr[1] && pr[2] == 2)
            ent_game_payoffs_mut(g, 2)[i] += 1;
    }
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    /* Unanimous profiles 0, 13, 26 are strict. (1,2,3) and (2,1,3) are weak: player 3's
     * bonus makes 3 its unique best reply, and players 1 and 2 get 0 whatever they do.
     * (a,3,3) or (3,b,3) is not: the odd one out gains 1 by joining. */
    uint64_t want[] = {0, 13, 19, 21, 26};
    cr_assert_eq(n, 5);
    for (size_t k = 0; k < n; k++)
        cr_assert_eq(eq[k].profile, want[k], "eq %zu is %llu", k,
                     (unsigned long long)eq[k].profile);
    cr_assert(eq[0].strict && eq[1].strict && eq[4].strict);
    cr_assert(!eq[2].strict && !eq[3].strict);
    free(eq);
    check_against_brute(g, 2);
    ent_game_free(&g);
}

Test(pure, all_ties_every_profile_weak)
{
    int ns[] = {2, 3, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    cr_assert_eq(n, 12);
    for (size_t k = 0; k < n; k++)
        cr_assert(eq[k].profile == k && !eq[k].strict);
    free(eq);
    ent_pure_opts o;
    ent_pure_opts_init(&o);
    o.max_report = 5;
    uint64_t total;
    cr_assert_eq(ent_pure_nash(g, &o, &eq, &n, &total, NULL), ENT_OK);
    cr_assert_eq(n, 5);
    cr_assert_eq(total, 12);
    cr_assert_eq(eq[4].profile, 4);
    free(eq);
    ent_game_free(&g);
}

Test(pure, indifferent_column_player)
{
    /* Row: U strictly better; column indifferent: (U,L) and (U,R) weak. */
    const double a[] = {2, 1, 2, 1}, b[] = {5, 0, 5, 3};
    const double *pay[] = {a, b};
    int ns[] = {2, 2};
    ent_game *g = mk(2, ns, pay);
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    cr_assert_eq(n, 2);
    cr_assert(eq[0].profile == 0 && !eq[0].strict);
    cr_assert(eq[1].profile == 2 && !eq[1].strict);
    free(eq);
    ent_game_free(&g);
}

Test(pure, one_player_and_single_strategy_players)
{
    const double a[] = {1, 4, 4, 2};
    const double *pay[] = {a};
    int ns[] = {4};
    ent_game *g = mk(1, ns, pay);
    ent_pure_eq *eq;
    size_t n;
    solve(g, &eq, &n);
    cr_assert_eq(n, 2);
    cr_assert(eq[0].profile == 1 && eq[1].profile == 2 && !eq[0].strict);
    free(eq);
    ent_game_free(&g);
    int ns2[] = {1, 3, 1};
    const double z[] = {0, 0, 0}, m[] = {1, 3, 2};
    const double *pay2[] = {z, m, z};
    g = mk(3, ns2, pay2);
    solve(g, &eq, &n);
    cr_assert_eq(n, 1);
    cr_assert(eq[0].profile == 1 && eq[0].strict);
    free(eq);
    ent_game_free(&g);
}

Test(pure, random_tiny_ranges_match_brute_force)
{
    static const int shapes[][6] = {
        {2, 2, 2},       {2, 5, 4},    {3, 2, 2, 2},  {3, 3, 3, 3},     {4, 2, 3, 2, 3},
        {5, 2, 2, 2, 2, 2}, {2, 1, 7}, {3, 4, 1, 3},  {2, 40, 37},      {3, 9, 1, 10},
        {4, 5, 5, 5, 5},  {2, 300, 3}, {2, 3, 300},   {1, 9},
    };
    uint64_t found = 0;
    for (size_t sh = 0; sh < sizeof shapes / sizeof shapes[0]; sh++)
        for (int range = 0; range <= 3; range++)
            for (uint64_t seed = 1; seed <= 3; seed++) {
                ent_random_opts ro;
                ent_random_opts_init(&ro);
                ro.seed = seed * 1000 + sh;
                ro.integer = 1;
                ro.lo = -1;
                ro.hi = range - 1;
                ent_game *g;
                cr_assert_eq(ent_game_random(&g, shapes[sh][0], shapes[sh] + 1, &ro, NULL),
                             ENT_OK);
                found += check_against_brute(g, 1);
                check_against_brute(g, 2);
                ent_game_free(&g);
            }
    cr_assert_gt(found, 100);
}

Test(pure, threads_give_identical_lists)
{
    int ns[] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
    ent_random_opts ro;
    ent_random_opts_init(&ro);
    ro.seed = 42;
    ro.integer = 1;
    ro.lo = 0;
    ro.hi = 2;
    ent_game *g;
    cr_assert_eq(ent_game_random(&g, 10, ns, &ro, NULL), ENT_OK);
    ent_pure_eq *e1, *e2;
    size_t n1, n2;
    uint64_t t1, t2;
    ent_pure_opts o;
    ent_pure_opts_init(&o);
    o.threads = 1;
    cr_assert_eq(ent_pure_nash(g, &o, &e1, &n1, &t1, NULL), ENT_OK);
    o.threads = 2;
    cr_assert_eq(ent_pure_nash(g, &o, &e2, &n2, &t2, NULL), ENT_OK);
    cr_assert_gt(n1, 50);
    cr_assert_eq(n1, n2);
    for (size_t k = 0; k < n1; k++)
        cr_assert(e1[k].profile == e2[k].profile && e1[k].strict == e2[k].strict);
    free(e1);
    free(e2);
    ent_game_free(&g);
}

/* ------------------------------------------------------------------ dominance */

Test(pure, iesds_gibbons_three_rounds)
{
    /* Gibbons, "A Primer in Game Theory" (1992), fig. 1.1.1: rows Up/Down, columns
     * Left/Middle/Right. (U,L)=1,0 (U,M)=1,2 (U,R)=0,1 (D,L)=0,3 (D,M)=0,1 (D,R)=2,0.
     * Right goes (dominated by Middle), then Down (by Up), then Left (by Middle). */
    const double a[] = {1, 0, 1, 0, 0, 2}, b[] = {0, 3, 2, 1, 1, 0};
    const double *pay[] = {a, b};
    int ns[] = {2, 3};
    ent_game *g = mk(2, ns, pay);
    unsigned char keep[5];
    ent_elim_step *st;
    size_t n;
    cr_assert_eq(ent_pure_iesds(g, keep, &st, &n, NULL), ENT_OK);
    cr_assert_eq(n, 3);
    cr_assert(st[0].round == 1 && st[0].player == 1 && st[0].strategy == 2 && st[0].dominator == 1);
    cr_assert(st[1].round == 2 && st[1].player == 0 && st[1].strategy == 1 && st[1].dominator == 0);
    cr_assert(st[2].round == 3 && st[2].player == 1 && st[2].strategy == 0 && st[2].dominator == 1);
    const unsigned char want[] = {1, 0, 0, 1, 0};
    cr_assert_eq(memcmp(keep, want, 5), 0);
    ent_game *r;
    cr_assert_eq(ent_game_restrict(g, keep, &r, NULL), ENT_OK);
    cr_assert_eq(ent_game_nprofiles(r), 1);
    cr_assert(ent_game_payoffs(r, 1)[0] == 2);
    ent_game_free(&r);
    free(st);
    /* security: P1 U -> 0, D -> 0, level 0; P2 L 0, M 1, R 0, level 1 */
    double w[3], lv;
    cr_assert_eq(ent_pure_security(g, 1, w, &lv, NULL), ENT_OK);
    cr_assert(lv == 1 && w[0] == 0 && w[1] == 1 && w[2] == 0);
    cr_assert_eq(ent_pure_security(g, 0, w, &lv, NULL), ENT_OK);
    cr_assert(lv == 0 && w[0] == 0 && w[1] == 0);
    cr_assert_eq(ent_pure_security(g, 2, w, &lv, NULL), ENT_EINVAL);
    ent_game_free(&g);
}

Test(pure, iesds_prisoners_dilemma_and_ties)
{
    const double *pay[] = {pd0, pd1};
    int ns[] = {2, 2};
    ent_game *g = mk(2, ns, pay);
    unsigned char keep[4];
    ent_elim_step *st;
    size_t n;
    cr_assert_eq(ent_pure_iesds(g, keep, &st, &n, NULL), ENT_OK);
    cr_assert_eq(n, 2);
    cr_assert(st[0].round == 1 && st[0].player == 0 && st[0].strategy == 0);
    cr_assert(st[1].round == 1 && st[1].player == 1 && st[1].strategy == 0);
    free(st);
    double w[2], lv;
    cr_assert_eq(ent_pure_security(g, 0, w, &lv, NULL), ENT_OK);
    cr_assert(lv == 1 && w[0] == 0 && w[1] == 1);
    ent_game_free(&g);
    /* weak dominance only: nothing is removed */
    const double a[] = {1, 1, 0, 1}, b[] = {0, 0, 0, 0};
    const double *pay2[] = {a, b};
    g = mk(2, ns, pay2);
    cr_assert_eq(ent_pure_iesds(g, keep, &st, &n, NULL), ENT_OK);
    cr_assert_eq(n, 0);
    cr_assert_null(st);
    cr_assert(keep[0] && keep[1] && keep[2] && keep[3]);
    ent_game_free(&g);
}

/* Independent re-check of IESDS on random games: every surviving strategy is not
 * strictly dominated in the reduced game, every removed one was dominated by its
 * recorded dominator when removed, and every pure equilibrium survives. Security levels
 * against a direct per-profile minimum. */
Test(pure, iesds_and_security_random)
{
    static const int shapes[][5] = {{2, 3, 3}, {2, 6, 5}, {3, 3, 2, 4}, {4, 2, 3, 2, 2}};
    for (size_t sh = 0; sh < 4; sh++)
        for (uint64_t seed = 1; seed <= 25; seed++) {
            ent_random_opts ro;
            ent_random_opts_init(&ro);
            ro.seed = seed;
            ro.integer = 1;
            ro.lo = 0;
            ro.hi = 6;
            ent_game *g;
            int np = shapes[sh][0];
            cr_assert_eq(ent_game_random(&g, np, shapes[sh] + 1, &ro, NULL), ENT_OK);
            int tot = ent_game_total_strategies(g);
            unsigned char keep[64];
            ent_elim_step *st;
            size_t n;
            cr_assert_eq(ent_pure_iesds(g, keep, &st, &n, NULL), ENT_OK);
            ent_pure_eq *eq;
            size_t ne;
            solve(g, &eq, &ne);
            int prof[8];
            for (size_t k = 0; k < ne; k++) {
                ent_game_profile_decode(g, eq[k].profile, prof);
                for (int p = 0; p < np; p++)
                    cr_assert(keep[ent_game_strategy_offset(g, p) + prof[p]]);
            }
            free(eq);
            /* survivors undominated in the reduced game (brute force over profiles) */
            ent_game *r;
            cr_assert_eq(ent_game_restrict(g, keep, &r, NULL), ENT_OK);
            for (int p = 0; p < np; p++)
                for (int t = 0; t < ent_game_nstrategies(r, p); t++)
                    for (int d = 0; d < ent_game_nstrategies(r, p); d++) {
                        if (d == t)
                            continue;
                        int all = 1;
                        for (uint64_t i = 0; i < ent_game_nprofiles(r) && all; i++) {
                            ent_game_profile_decode(r, i, prof);
                            if (prof[p] != t)
                                continue;
                            prof[p] = d;
                            uint64_t j = ent_game_profile_index(r, prof);
                            all = ent_game_payoffs(r, p)[j] > ent_game_payoffs(r, p)[i];
                        }
                        cr_assert(!all, "survivor %d of player %d is dominated", t, p);
                    }
            ent_game_free(&r);
            cr_assert_leq(n, (size_t)tot);
            free(st);
            for (int p = 0; p < np; p++) {
                double w[8], lv, want[8];
                for (int s = 0; s < ent_game_nstrategies(g, p); s++)
                    want[s] = INFINITY;
                for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
                    ent_game_profile_decode(g, i, prof);
                    double v = ent_game_payoffs(g, p)[i];
                    if (v < want[prof[p]])
                        want[prof[p]] = v;
                }
                cr_assert_eq(ent_pure_security(g, p, w, &lv, NULL), ENT_OK);
                double best = -INFINITY;
                for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
                    cr_assert(w[s] == want[s]);
                    best = want[s] > best ? want[s] : best;
                }
                cr_assert(lv == best);
            }
            ent_game_free(&g);
        }
}

/* ------------------------------------------------------------------ generator */

Test(pure, random_game_reproducible)
{
    int ns[] = {3, 4, 2};
    ent_random_opts ro;
    ent_random_opts_init(&ro);
    ro.seed = 7;
    ent_game *a, *b, *c;
    cr_assert_eq(ent_game_random(&a, 3, ns, &ro, NULL), ENT_OK);
    cr_assert_eq(ent_game_random(&b, 3, ns, &ro, NULL), ENT_OK);
    ro.seed = 8;
    cr_assert_eq(ent_game_random(&c, 3, ns, &ro, NULL), ENT_OK);
    int differ = 0;
    for (int p = 0; p < 3; p++) {
        cr_assert_eq(memcmp(ent_game_payoffs(a, p), ent_game_payoffs(b, p), 24 * sizeof(double)), 0);
        for (int i = 0; i < 24; i++) {
            double v = ent_game_payoffs(a, p)[i];
            cr_assert(v >= 0 && v < 1);
            differ += v != ent_game_payoffs(c, p)[i];
        }
    }
    cr_assert_gt(differ, 60);
    /* players differ from each other too */
    cr_assert_neq(memcmp(ent_game_payoffs(a, 0), ent_game_payoffs(a, 1), 24 * sizeof(double)), 0);
    ro.integer = 1;
    ro.lo = -2;
    ro.hi = 2;
    ent_game_free(&c);
    cr_assert_eq(ent_game_random(&c, 3, ns, &ro, NULL), ENT_OK);
    int seen[5] = {0};
    for (int p = 0; p < 3; p++)
        for (int i = 0; i < 24; i++) {
            double v = ent_game_payoffs(c, p)[i];
            cr_assert(v == floor(v) && v >= -2 && v <= 2);
            seen[(int)v + 2] = 1;
        }
    cr_assert(seen[0] && seen[1] && seen[2] && seen[3] && seen[4]);
    ent_error err;
    ent_game_free(&c);
    ro.lo = 3;
    cr_assert_eq(ent_game_random(&c, 3, ns, &ro, &err), ENT_EINVAL);
    cr_assert_null(c);
    ent_game_free(&a);
    ent_game_free(&b);
}

/* ------------------------------------------------------- Gambit samples, known games */

/* Every Gambit sample .nfg (copied from Gambit's distribution into tests/data/nfg/gambit)
 * checked profile by profile against the brute force, with 1 and 2 threads; and every
 * pure equilibrium survives iterated strict dominance. */
Test(pure, gambit_samples_match_brute_force)
{
    const char *dir = "tests/data/nfg/gambit";
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s (run from the repository root)", dir);
    struct dirent *e;
    int files = 0, with_pure = 0;
    uint64_t found = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".nfg") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        ent_game *g;
        ent_error err;
        cr_assert_eq(ent_nfg_read_file(path, NULL, &g, &err), ENT_OK, "%s", err.msg);
        uint64_t n = check_against_brute(g, 1);
        cr_assert_eq(check_against_brute(g, 2), n);
        files++;
        with_pure += n > 0;
        found += n;
        int tot = ent_game_total_strategies(g), np = ent_game_nplayers(g);
        unsigned char *keep = malloc((size_t)tot);
        ent_elim_step *st;
        size_t ns;
        cr_assert_eq(ent_pure_iesds(g, keep, &st, &ns, NULL), ENT_OK);
        ent_pure_eq *eq;
        size_t ne;
        solve(g, &eq, &ne);
        int prof[64];
        for (size_t k = 0; k < ne; k++) {
            ent_game_profile_decode(g, eq[k].profile, prof);
            for (int p = 0; p < np; p++)
                cr_assert(keep[ent_game_strategy_offset(g, p) + prof[p]], "%s", path);
        }
        free(eq);
        free(st);
        free(keep);
        ent_game_free(&g);
    }
    closedir(d);
    cr_assert_eq(files, 27, "expected Gambit's 27 sample .nfg files, found %d", files);
    cr_assert_gt(with_pure, 10);
    cr_assert_gt(found, 20);
}

/* The known-answer files in tests/known read through the .nfg reader. */
Test(pure, known_nfg_files)
{
    struct {
        const char *file;
        int n;
        uint64_t prof[5];
        int strict[5];
    } cases[] = {
        {"tests/known/pd.nfg", 1, {3}, {1}},
        {"tests/known/bos.nfg", 2, {0, 3}, {1, 1}},
        {"tests/known/mp.nfg", 0, {0}, {0}},
        {"tests/known/coord3.nfg", 5, {0, 13, 19, 21, 26}, {1, 1, 0, 0, 1}},
        {"tests/known/ties.nfg", 2, {0, 2}, {0, 0}},
        {"tests/known/gibbons.nfg", 1, {2}, {1}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ent_game *g;
        ent_error err;
        cr_assert_eq(ent_nfg_read_file(cases[c].file, NULL, &g, &err), ENT_OK, "%s", err.msg);
        ent_pure_eq *eq;
        size_t n;
        solve(g, &eq, &n);
        cr_assert_eq(n, (size_t)cases[c].n, "%s", cases[c].file);
        for (size_t k = 0; k < n; k++) {
            cr_assert_eq(eq[k].profile, cases[c].prof[k], "%s", cases[c].file);
            cr_assert_eq(eq[k].strict, cases[c].strict[k], "%s", cases[c].file);
        }
        free(eq);
        check_against_brute(g, 1);
        ent_game_free(&g);
    }
}

/* one scratch reused over games of growing and shrinking size gives the same equilibria
 * as a fresh call each time (integer payoffs in 0..2: many ties, many equilibria) */
Test(pure, workspace_reuse_matches_fresh_calls)
{
    ent_pure_ws ws = {0};
    size_t found = 0;
    int sizes[][3] = {{3, 3, 2}, {8, 7, 6}, {2, 2, 2}, {12, 11, 3}, {4, 1, 5}};
    for (int k = 0; k < 5; k++) {
        ent_random_opts ro;
        ent_random_opts_init(&ro);
        ro.seed = 40 + (uint64_t)k;
        ro.integer = 1;
        ro.lo = 0;
        ro.hi = 2;
        ent_game *g = NULL;
        cr_assert_eq(ent_game_random(&g, 3, sizes[k], &ro, NULL), ENT_OK);
        ent_pure_eq *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        uint64_t ta = 0, tb = 0;
        cr_assert_eq(ent_pure_nash(g, NULL, &a, &na, &ta, NULL), ENT_OK);
        cr_assert_eq(ent_pure_nash_ws(g, NULL, &ws, &b, &nb, &tb, NULL), ENT_OK);
        found += na;
        cr_assert_eq(na, nb);
        cr_assert_eq(ta, tb);
        for (size_t i = 0; i < na; i++) {
            cr_assert_eq(a[i].profile, b[i].profile);
            cr_assert_eq(a[i].strict, b[i].strict);
        }
        free(a);
        ent_game_free(&g);
    }
    cr_assert(found > 5, "the games should have equilibria to compare (%zu)", found);
    cr_assert(ws.mark_cap >= 12 * 11 * 3);
    ent_pure_ws_free(&ws);
}

/* A work limit stops iterated elimination early with a prefix of the full order of
 * elimination (each step still valid), says so, and never stops a run within its budget. */
Test(pure, iesds_work_limit_gives_a_prefix)
{
    int stopped = 0, shapes[][4] = {{2, 6, 5}, {3, 3, 2, 4}};
    for (int sh = 0; sh < 2; sh++)
        for (uint64_t seed = 1; seed <= 20; seed++) {
            ent_random_opts ro;
            ent_random_opts_init(&ro);
            ro.seed = seed;
            ro.integer = 1;
            ro.lo = 0;
            ro.hi = 6;
            ent_game *g;
            cr_assert_eq(ent_game_random(&g, shapes[sh][0], shapes[sh] + 1, &ro, NULL), ENT_OK);
            int tot = ent_game_total_strategies(g);
            unsigned char kf[64], kl[64];
            ent_elim_step *sf, *sl;
            size_t nf, nl;
            int complete;
            cr_assert_eq(ent_pure_iesds(g, kf, &sf, &nf, NULL), ENT_OK);
            cr_assert_eq(ent_pure_iesds_limited(g, ENT_IESDS_WORK, kl, &sl, &nl, &complete, NULL),
                         ENT_OK);
            cr_assert(complete && nl == nf);
            free(sl);
            for (uint64_t budget = 0; budget < 400; budget += 7) {
                cr_assert_eq(ent_pure_iesds_limited(g, budget, kl, &sl, &nl, &complete, NULL),
                             ENT_OK);
                cr_assert_leq(nl, nf);
                for (size_t k = 0; k < nl; k++)
                    cr_assert(sl[k].round == sf[k].round && sl[k].player == sf[k].player &&
                              sl[k].strategy == sf[k].strategy &&
                              sl[k].dominator == sf[k].dominator);
                if (complete)
                    cr_assert_eq(nl, nf);
                else
                    stopped++;
                for (int x = 0; x < tot; x++) {
                    int gone = 0;
                    for (size_t k = 0; k < nl; k++)
                        gone |= ent_game_strategy_offset(g, sl[k].player) + sl[k].strategy == x;
                    cr_assert_eq(kl[x], !gone);
                }
                free(sl);
            }
            free(sf);
            ent_game_free(&g);
        }
    cr_assert_gt(stopped, 0);
}
