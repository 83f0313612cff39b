/* test_nfg_rounding.c — the .nfg reader's doubles of exact numbers are correctly rounded
 * and the writer's text reads back to the same exact value and the same double. Checked
 * against methods apart from the reader's: IEEE division of exactly representable
 * operands, glibc's correctly rounded strtod on the same value written as a decimal, and
 * an exact GMP comparison with both neighbouring doubles (nearest_double.h). */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "nearest_double.h"

/* Read a 1-player, 1-strategy game whose one payoff is `num`; OUT: its double and exact
 * value (den 0 when not exact). */
static double read_one(const char *num, int64_t *en, int64_t *ed)
{
    char text[6000];
    snprintf(text, sizeof text, "NFG 1 R \"\" { \"P\" } { 1 }\n\n%s\n", num);
    ent_game *g = NULL;
    ent_error e = {0, ""};
    int rc = ent_nfg_read_string(text, "t.nfg", NULL, &g, &e);
    cr_assert_eq(rc, ENT_OK, "reading %s: %s", num, e.msg);
    double v = ent_game_payoffs(g, 0)[0];
    *en = 0;
    *ed = 0;
    if (ent_game_has_exact(g))
        ent_game_get_exact(g, 0, 0, en, ed);
    ent_game_free(&g);
    return v;
}

/* Write the game back and read it again: the same exact value and the same double. */
static void round_trip(const char *num)
{
    char text[6000];
    snprintf(text, sizeof text, "NFG 1 R \"\" { \"P\" } { 1 }\n\n%s\n", num);
    ent_game *g = NULL, *h = NULL;
    ent_error e = {0, ""};
    cr_assert_eq(ent_nfg_read_string(text, "t.nfg", NULL, &g, &e), ENT_OK, "%s", e.msg);
    char *w = NULL;
    size_t wl = 0;
    FILE *f = open_memstream(&w, &wl);
    cr_assert_not_null(f);
    cr_assert_eq(ent_nfg_write(g, f), ENT_OK);
    fclose(f);
    cr_assert_eq(ent_nfg_read_string(w, "w.nfg", NULL, &h, &e), ENT_OK, "%s: %s", w, e.msg);
    double a = ent_game_payoffs(g, 0)[0], b = ent_game_payoffs(h, 0)[0];
    int64_t n1 = 0, d1 = 0, n2 = 0, d2 = 0;
    if (ent_game_has_exact(g))
        ent_game_get_exact(g, 0, 0, &n1, &d1);
    if (ent_game_has_exact(h))
        ent_game_get_exact(h, 0, 0, &n2, &d2);
    cr_assert(memcmp(&a, &b, sizeof a) == 0, "%s: double %.17g written as\n%s read back as %.17g",
              num, a, w, b);
    cr_assert(d1 == 0 || (n1 == n2 && d1 == d2),
              "%s: exact %" PRId64 "/%" PRId64 " read back as %" PRId64 "/%" PRId64, num, n1,
              d1, n2, d2);
    free(w);
    ent_game_free(&g);
    ent_game_free(&h);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) /* splitmix64: a fixed, reproducible sequence */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* The fuzzer's finding: a numerator near 2^62 over 4. Reduced it is n/2, whose decimal
 * n*5/10 no longer fits the reader's 64-bit exact decimals: the writer must write the
 * fraction, and the double must be the nearest one. */
Test(nfg_rounding, numerator_near_2_62_round_trips)
{
    int64_t n, d;
    double v = read_one("4099276460824344802/4", &n, &d);
    cr_assert(n == 2049638230412172401 && d == 2, "exact %" PRId64 "/%" PRId64, n, d);
    cr_assert(nearest_double_ok_frac(v, n, d), "%.17g is not the nearest double", v);
    round_trip("4099276460824344802/4");
    round_trip("-4099276460824344802/4");
    round_trip("9223372036854775807/2");
    round_trip("9223372036854775807/9223372036854775806");
    round_trip("1024819115206086200.5");
}

/* Every num/den with |num| <= 2000 and den <= 2000: both exact doubles, so IEEE division
 * is the correctly rounded reference. */
Test(nfg_rounding, small_fractions_exhaustive)
{
    char buf[64];
    for (int den = 1; den <= 2000; den++)
        for (int num = -2000; num <= 2000; num += (den < 200 ? 1 : 37)) {
            snprintf(buf, sizeof buf, "%d/%d", num, den);
            int64_t n, d;
            double v = read_one(buf, &n, &d);
            double want = (double)num / (double)den;
            cr_assert(v == want, "%s: %.17g, expected %.17g", buf, v, want);
        }
}

/* Numerators from 2^53 to 2^63 (where num/den no longer is one exact division) over
 * every den 1..300, and random ones: each double checked exactly against its neighbours;
 * over powers of ten also against strtod of the same decimal. */
Test(nfg_rounding, large_fractions_nearest)
{
    char buf[64];
    for (int sh = 53; sh <= 62; sh++)
        for (int64_t j = -40; j <= 40; j++) {
            int64_t num = ((int64_t)1 << sh) + j * 3;
            for (int64_t den = 1; den <= 300; den++) {
                snprintf(buf, sizeof buf, "%" PRId64 "/%" PRId64, num, den);
                int64_t n, d;
                double v = read_one(buf, &n, &d);
                cr_assert(nearest_double_ok_frac(v, num, den), "%s read as %.17g", buf, v);
                cr_assert(d > 0 && (__int128)n * den == (__int128)num * d, "%s exact", buf);
            }
        }
    for (int i = 0; i < 20000; i++) {
        int64_t num = (int64_t)(rnd() >> (1 + rnd() % 40)), den = (int64_t)(rnd() >> (1 + rnd() % 62));
        if (den == 0)
            den = 1;
        if (i & 1)
            num = -num;
        snprintf(buf, sizeof buf, "%" PRId64 "/%" PRId64, num, den);
        int64_t n, d;
        double v = read_one(buf, &n, &d);
        cr_assert(nearest_double_ok_frac(v, num, den), "%s read as %.17g", buf, v);
        if (i % 4 == 0)
            round_trip(buf);
    }
    for (int i = 0; i < 5000; i++) {
        int64_t num = (int64_t)(rnd() >> 1);
        int k = 1 + (int)(rnd() % 18);
        int64_t den = 1;
        for (int j = 0; j < k; j++)
            den *= 10;
        snprintf(buf, sizeof buf, "%" PRId64 "/%" PRId64, num, den);
        char dec[64];
        snprintf(dec, sizeof dec, "%" PRId64 "e-%d", num, k);
        int64_t n, d;
        double v = read_one(buf, &n, &d), w = strtod(dec, NULL);
        cr_assert(v == w, "%s read as %.17g, strtod(%s) = %.17g", buf, v, dec, w);
        round_trip(buf);
    }
}

/* Fractions beyond 64 bits (kept as doubles only), tiny values down to the subnormals
 * and ties: compared with strtod of the same value as a decimal, and exactly. */
Test(nfg_rounding, beyond_64_bits_and_subnormals)
{
    static char buf[5000], dec[5000];
    /* a / 10^k with k up to 340: subnormal and zero results */
    static const char *const nums[] = {"1", "3", "5", "49406564584124654", "24703282292062327",
                                       "24703282292062328", "123456789012345678901234567890"};
    for (size_t a = 0; a < sizeof nums / sizeof nums[0]; a++)
        for (int k = 290; k <= 345; k++) {
            int len = snprintf(buf, sizeof buf, "%s/1", nums[a]);
            for (int j = 0; j < k; j++)
                buf[len++] = '0';
            buf[len] = '\0';
            snprintf(dec, sizeof dec, "%se-%d", nums[a], k);
            int64_t n, d;
            double v = read_one(buf, &n, &d), w = strtod(dec, NULL);
            cr_assert(memcmp(&v, &w, sizeof v) == 0, "%s/1e%d read as %.17g, strtod %.17g",
                      nums[a], k, v, w);
        }
    /* big numerators and denominators: the exact check */
    for (int i = 0; i < 300; i++) {
        int len = 0, ld = 0;
        int na = 19 + (int)(rnd() % 60), nb = 1 + (int)(rnd() % 60);
        buf[len++] = (char)('1' + rnd() % 9);
        for (int j = 1; j < na; j++)
            buf[len++] = (char)('0' + rnd() % 10);
        buf[len++] = '/';
        dec[ld++] = (char)('1' + rnd() % 9);
        for (int j = 1; j < nb; j++)
            dec[ld++] = (char)('0' + rnd() % 10);
        dec[ld] = '\0';
        memcpy(buf + len, dec, (size_t)ld + 1);
        int64_t n, d;
        double v = read_one(buf, &n, &d);
        mpq_t q;
        mpq_init(q);
        cr_assert_eq(mpq_set_str(q, buf, 10), 0);
        mpq_canonicalize(q);
        cr_assert(nearest_double_ok(v, q), "%s read as %.17g", buf, v);
        mpq_clear(q);
        round_trip(buf);
    }
    /* exact ties between two doubles round to the even one */
    int64_t n, d;
    double v = read_one("18014398509481987/2", &n, &d); /* (2^54+3)/2 = 2^53 + 1.5 */
    cr_assert(v == 9007199254740992.0 + 2.0, "%.17g", v);
    v = read_one("18014398509481985/2", &n, &d); /* 2^53 + 0.5: tie, 2^53 is even */
    cr_assert(v == 9007199254740992.0, "%.17g", v);
    v = read_one("36028797018963971/4", &n, &d); /* 2^53 + 0.75 */
    cr_assert(v == 9007199254740992.0, "%.17g", v);
    cr_assert(nearest_double_ok_frac(v, n, d), "%.17g", v);
    /* out of range */
    ent_game *g = NULL;
    ent_error e = {0, ""};
    snprintf(buf, sizeof buf, "NFG 1 R \"\" { \"P\" } { 1 }\n\n1%0400d/3\n", 0);
    cr_assert_eq(ent_nfg_read_string(buf, "t.nfg", NULL, &g, &e), ENT_EPARSE);
    cr_assert(strstr(e.msg, "t.nfg:3: ") && strstr(e.msg, "out of range"), "%s", e.msg);
}
