/* nearest_double.h — an exact check, apart from the readers' own rounding code, that a
 * double is the correctly rounded (nearest, ties to even) value of a rational: with GMP,
 * d's distance to q is compared with both neighbouring doubles' distances. */
#ifndef ENT_TEST_NEAREST_DOUBLE_H
#define ENT_TEST_NEAREST_DOUBLE_H

#include <gmp.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* x as an exact rational; the neighbour of DBL_MAX beyond it is 2^1024 (the IEEE rounding
 * boundary: values from halfway to it round to infinity). */
static void nd_set(mpq_t x, double v)
{
    if (isinf(v)) {
        mpz_t p;
        mpz_init(p);
        mpz_ui_pow_ui(p, 2, 1024);
        mpq_set_z(x, p);
        if (v < 0)
            mpq_neg(x, x);
        mpz_clear(p);
    } else {
        mpq_set_d(x, v);
    }
}

/* 1 if d is the double nearest to q (ties to even), else 0. */
static int nearest_double_ok(double d, mpq_srcptr q)
{
    if (!isfinite(d))
        return 0;
    mpq_t x, lo, hi, dd, dl, dh;
    mpq_inits(x, lo, hi, dd, dl, dh, NULL);
    nd_set(x, d);
    nd_set(lo, nextafter(d, -INFINITY));
    nd_set(hi, nextafter(d, INFINITY));
    mpq_sub(dd, q, x);
    mpq_abs(dd, dd);
    mpq_sub(dl, q, lo);
    mpq_abs(dl, dl);
    mpq_sub(dh, q, hi);
    mpq_abs(dh, dh);
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int cl = mpq_cmp(dd, dl), ch = mpq_cmp(dd, dh);
    int ok = cl <= 0 && ch <= 0 && ((cl < 0 && ch < 0) || (bits & 1) == 0);
    mpq_clears(x, lo, hi, dd, dl, dh, NULL);
    return ok;
}

/* 1 if d is the double nearest to num/den (den > 0). */
static int nearest_double_ok_frac(double d, int64_t num, int64_t den)
{
    mpq_t q;
    mpq_init(q);
    mpz_set_si(mpq_numref(q), (long)num);
    mpz_set_si(mpq_denref(q), (long)den);
    mpq_canonicalize(q);
    int ok = nearest_double_ok(d, q);
    mpq_clear(q);
    return ok;
}

#endif
