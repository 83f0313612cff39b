/* test_coop_power_weights.c — power indices whatever the size of the weights: the
 * meet-in-the-middle count against enumeration of all coalitions (written here) and
 * against the dynamic programme on the same games, weights divided by their gcd,
 * [50e6, 49e6, 1e6], 20 and 25 members with weights near 1e9 (at 20 against the Shapley
 * value of the dense table), and the EU Council with populations in persons and its blocking-minority
 * clause, exactly and in under a second. */
#include <criterion/criterion.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente.h"

static uint64_t rnd(uint64_t *st)
{
    *st = *st * 6364136223846793005ull + 1442695040888963407ull;
    return *st >> 33;
}

/* the rule, written out: weight and member quotas, or fewer than bmin members outside */
static int wins(int n, const int64_t *w, int64_t q, int cq, int bmin, uint32_t s)
{
    int64_t sw = 0;
    int m = 0;
    for (int i = 0; i < n; i++)
        if (s >> i & 1) {
            sw += w[i];
            m++;
        }
    return (sw >= q && m >= cq) || (bmin > 0 && n - m < bmin);
}

/* exact indices by enumerating every coalition: ss as fractions of n!, swings */
static void brute(int n, const int64_t *w, int64_t q, int cq, int bmin, mpq_t *ss, mpq_t *bz)
{
    mpz_t fact[32], sw[32], tot;
    for (int s = 0; s <= n; s++) {
        mpz_init(fact[s]);
        mpz_fac_ui(fact[s], (unsigned long)s);
    }
    mpz_init(tot);
    for (int i = 0; i < n; i++) {
        mpz_init(sw[i]);
        mpq_set_ui(ss[i], 0, 1);
    }
    mpq_t t;
    mpq_init(t);
    for (uint32_t s = 0; s < (1u << n); s++) {
        if (wins(n, w, q, cq, bmin, s))
            continue;
        int m = __builtin_popcount(s);
        for (int i = 0; i < n; i++)
            if (!(s >> i & 1) && wins(n, w, q, cq, bmin, s | 1u << i)) {
                mpz_add_ui(sw[i], sw[i], 1);
                mpz_add_ui(tot, tot, 1);
                mpz_mul(mpq_numref(t), fact[m], fact[n - 1 - m]);
                mpz_set(mpq_denref(t), fact[n]);
                mpq_canonicalize(t);
                mpq_add(ss[i], ss[i], t);
            }
    }
    for (int i = 0; i < n; i++) {
        mpz_set(mpq_numref(bz[i]), sw[i]);
        mpz_set(mpq_denref(bz[i]), mpz_sgn(tot) ? tot : sw[i]);
        if (!mpz_sgn(tot))
            mpz_set_ui(mpq_denref(bz[i]), 1);
        mpq_canonicalize(bz[i]);
        mpz_clear(sw[i]);
    }
    for (int s = 0; s <= n; s++)
        mpz_clear(fact[s]);
    mpz_clear(tot);
    mpq_clear(t);
}

static void free_strs(int n, char **a, char **b)
{
    for (int i = 0; i < n; i++) {
        free(a[i]);
        free(b[i]);
    }
}

Test(coop_power_weights, count_over_coalitions_vs_enumeration)
{
    uint64_t st = 7;
    for (int rep = 0; rep < 60; rep++) {
        int n = 2 + rep % 13;
        int64_t w[16], tot = 0;
        int64_t big = rep % 2 ? 1000000000 : 7;
        for (int i = 0; i < n; i++) {
            w[i] = (int64_t)(rnd(&st) % (uint64_t)big) + (rep % 4 == 1 ? 500000000 : 0);
            tot += w[i];
        }
        if (tot == 0)
            continue;
        int64_t q = (int64_t)((double)tot * 0.65) + 1;
        if (q > tot)
            q = tot;
        int cq = rep % 3 == 0 ? n / 2 + 1 : 0;
        int bmin = rep % 5 < 2 && n > 3 ? 1 + rep % 4 : 0;
        ent_wvg *g;
        ent_error err = {0, ""};
        cr_assert_eq(ent_wvg_new(&g, n, w, q, cq, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_wvg_set_blocking(g, bmin, &err), ENT_OK);
        for (uint32_t s = 0; s < (1u << n); s += 1 + (1u << n) / 64)
            cr_assert_eq(ent_wvg_wins(g, s), wins(n, w, q, cq, bmin, s));
        char *sse[16], *bze[16], *sse2[16], *bze2[16];
        /* mem_limit 1 byte: no room for the weight-sum table, so the count over the
         * coalitions answers; the default lets the cheaper method answer */
        cr_assert_eq(ent_wvg_power(g, 1, NULL, NULL, sse, bze, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_wvg_power(g, 0, NULL, NULL, sse2, bze2, &err), ENT_OK, "%s", err.msg);
        mpq_t ss[16], bz[16], x;
        mpq_init(x);
        for (int i = 0; i < n; i++) {
            mpq_init(ss[i]);
            mpq_init(bz[i]);
        }
        brute(n, w, q, cq, bmin, ss, bz);
        for (int i = 0; i < n; i++) {
            cr_assert_eq(mpq_set_str(x, sse[i], 10), 0);
            cr_assert(mpq_equal(x, ss[i]), "rep %d member %d: ss %s", rep, i, sse[i]);
            cr_assert_eq(mpq_set_str(x, bze[i], 10), 0);
            cr_assert(mpq_equal(x, bz[i]), "rep %d member %d: bz %s", rep, i, bze[i]);
            cr_assert_str_eq(sse[i], sse2[i]);
            cr_assert_str_eq(bze[i], bze2[i]);
            mpq_clear(ss[i]);
            mpq_clear(bz[i]);
        }
        mpq_clear(x);
        free_strs(n, sse, bze);
        free_strs(n, sse2, bze2);
        ent_wvg_free(&g);
    }
}

Test(coop_power_weights, both_methods_agree_at_27_members)
{
    /* small weights: the dynamic programme is the cheaper method by default; forced off,
     * the count over the coalitions must give the same fractions */
    uint64_t st = 2027;
    int n = 27;
    int64_t w[27], tot = 0;
    for (int i = 0; i < n; i++)
        tot += w[i] = 1 + (int64_t)(rnd(&st) % 200);
    ent_wvg *g;
    cr_assert_eq(ent_wvg_new(&g, n, w, tot * 65 / 100 + 1, 15, NULL), ENT_OK);
    cr_assert_eq(ent_wvg_set_blocking(g, 4, NULL), ENT_OK);
    char *a[27], *b[27], *c[27], *d[27];
    cr_assert_eq(ent_wvg_power(g, 0, NULL, NULL, a, b, NULL), ENT_OK);
    cr_assert_eq(ent_wvg_power(g, 1, NULL, NULL, c, d, NULL), ENT_OK);
    for (int i = 0; i < n; i++) {
        cr_assert_str_eq(a[i], c[i]);
        cr_assert_str_eq(b[i], d[i]);
    }
    free_strs(n, a, b);
    free_strs(n, c, d);
    ent_wvg_free(&g);
}

Test(coop_power_weights, gcd_and_three_members)
{
    /* [50e6, 49e6, 1e6], simple majority 50,000,001: the first member is in every
     * winning coalition but not alone; by hand, Shapley-Shubik (2/3, 1/6, 1/6) (it
     * pivots in 4 of the 6 orders) and Banzhaf swings 3, 1, 1 */
    int64_t w[3] = {50000000, 49000000, 1000000};
    ent_wvg *g;
    cr_assert_eq(ent_wvg_new(&g, 3, w, 50000001, 0, NULL), ENT_OK);
    char *a[3], *b[3];
    ent_error err = {0, ""};
    cr_assert_eq(ent_wvg_power(g, 0, NULL, NULL, a, b, &err), ENT_OK, "%s", err.msg);
    const char *want_ss[3] = {"2/3", "1/6", "1/6"}, *want_bz[3] = {"3/5", "1/5", "1/5"};
    for (int i = 0; i < 3; i++) {
        cr_assert_str_eq(a[i], want_ss[i]);
        cr_assert_str_eq(b[i], want_bz[i]);
    }
    free_strs(3, a, b);
    ent_wvg_free(&g);
}

static void near_1e9(int n, uint64_t seed)
{
    /* weights near 1e9 (gcd 1): exact fractions summing to 1; up to 20 members the
     * Shapley-Shubik index equals the Shapley value of the dense table of the same game */
    uint64_t st = seed;
    int64_t w[25], tot = 0;
    for (int i = 0; i < n; i++)
        tot += w[i] = 900000000 + (int64_t)(rnd(&st) % 200000000);
    ent_wvg *g;
    cr_assert_eq(ent_wvg_new(&g, n, w, tot / 2 + 1, 0, NULL), ENT_OK);
    double ss[25], phi[25];
    char *a[25], *b[25];
    ent_error err = {0, ""};
    cr_assert_eq(ent_wvg_power(g, 0, ss, NULL, a, b, &err), ENT_OK, "%s", err.msg);
    mpq_t sum, x;
    mpq_inits(sum, x, NULL);
    for (int i = 0; i < n; i++) {
        cr_assert_eq(mpq_set_str(x, a[i], 10), 0);
        mpq_add(sum, sum, x);
    }
    cr_assert_eq(mpq_cmp_ui(sum, 1, 1), 0);
    mpq_clears(sum, x, NULL);
    free_strs(n, a, b);
    if (n <= 20) {
        ent_tu *t;
        cr_assert_eq(ent_wvg_to_tu(g, 0, &t, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_tu_shapley(t, 0, phi, NULL), ENT_OK);
        for (int i = 0; i < n; i++)
            cr_assert(fabs(ss[i] - phi[i]) <= 1e-12, "member %d: %.15g vs %.15g", i, ss[i],
                      phi[i]);
        ent_tu_free(&t);
    }
    ent_wvg_free(&g);
}

Test(coop_power_weights, weights_near_1e9)
{
    near_1e9(20, 1000000000);
    near_1e9(25, 1000000000);
}

Test(coop_power_weights, eu_council_in_persons)
{
    /* populations 1 January 2023 (tests/data/coop/eu-council.cfg): 15 of 27 members and
     * 65% of 448,722,414 persons; a blocking minority needs four members */
    int64_t pop[27] = {84358845, 68172977, 58997201, 48059777, 36753736, 19051562, 17811291,
                       11742796, 10827529, 10521556, 10467366, 10413982, 9597085,  9104772,
                       6447710,  5932654,  5563970,  5428792,  5271395,  3850894,  2857279,
                       2116792,  1883008,  1365884,  920701,   660809,   542051};
    ent_wvg *g, *g2;
    cr_assert_eq(ent_wvg_new(&g, 27, pop, 291669570, 15, NULL), ENT_OK);
    cr_assert_eq(ent_wvg_set_blocking(g, 4, NULL), ENT_OK);
    cr_assert_eq(ent_wvg_new(&g2, 27, pop, 291669570, 15, NULL), ENT_OK);
    char *a[27], *b[27], *c[27], *d[27];
    ent_error err = {0, ""};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cr_assert_eq(ent_wvg_power(g, 0, NULL, NULL, a, b, &err), ENT_OK, "%s", err.msg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    cr_assert(secs < 1.0, "EU Council power indices took %.2f s", secs);
    cr_assert_eq(ent_wvg_power(g2, 0, NULL, NULL, c, d, &err), ENT_OK, "%s", err.msg);
    /* exact: the Shapley-Shubik fractions sum to 1; larger populations never have less
     * power; the clause changes the game: the four largest states alone (more than 35%
     * of the population) block without it, not with it */
    mpq_t sum, x, prev;
    mpq_inits(sum, x, prev, NULL);
    int differs = 0;
    for (int i = 0; i < 27; i++) {
        cr_assert_eq(mpq_set_str(x, a[i], 10), 0);
        mpq_add(sum, sum, x);
        if (i > 0)
            cr_assert(mpq_cmp(x, prev) <= 0, "member %d has more power than a larger one", i);
        mpq_set(prev, x);
        differs |= strcmp(a[i], c[i]) != 0;
    }
    cr_assert_eq(mpq_cmp_ui(sum, 1, 1), 0);
    cr_assert(differs);
    uint64_t top4 = 0xF, full = (1ull << 27) - 1;
    cr_assert_eq(ent_wvg_wins(g2, full & ~top4), 0);
    cr_assert_eq(ent_wvg_wins(g, full & ~top4), 0);
    cr_assert_eq(ent_wvg_wins(g, full & ~(uint64_t)0x7), 1); /* three cannot block */
    cr_assert_eq(ent_wvg_wins(g2, full & ~(uint64_t)0x7), 0);
    mpq_clears(sum, x, prev, NULL);
    free_strs(27, a, b);
    free_strs(27, c, d);
    ent_wvg_free(&g);
    ent_wvg_free(&g2);
}
