/* power.c — Shapley-Shubik (Shapley & Shubik 1954) and Banzhaf (Banzhaf 1965) power
 * indices of weighted voting games by dynamic programming over integer weights with
 * exact GMP counts (the generating-function method of Mann & Shapley 1962; Bilbao,
 * Fernandez, Jimenez Losada & Lopez 2000). c[s][w] counts coalitions of size s and
 * weight w (weights >= quota saturate in one bucket); each member's counts without it
 * come from c by inverse recurrence, O(n q) per distinct weight. Counts are 64-bit
 * integers while n <= 62 (exact: at most 2^n coalitions) and GMP integers beyond. The
 * weights are divided by their gcd first; when the weight sums are many (weights in
 * persons), up to 40 members the swings are counted instead by meeting in the middle
 * (Horowitz & Sahni 1974): the sums of each half of the other members, sorted by size,
 * paired in one pass, whatever the size of the weights. */
#include "../../games/tu.h"

#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static char *frac_str(mpz_t num, mpz_t den)
{
    mpq_t q;
    mpq_init(q);
    mpz_set(mpq_numref(q), num);
    if (mpz_sgn(den) == 0)
        mpz_set_ui(mpq_denref(q), 1);
    else
        mpz_set(mpq_denref(q), den);
    mpq_canonicalize(q);
    char *s = mpq_get_str(NULL, 10, q);
    mpq_clear(q);
    return s;
}

static double frac_d(mpz_t num, mpz_t den)
{
    if (mpz_sgn(den) == 0)
        return 0.0;
    mpq_t q;
    mpq_init(q);
    mpz_set(mpq_numref(q), num);
    mpz_set(mpq_denref(q), den);
    mpq_canonicalize(q);
    double d = mpq_get_d(q);
    mpq_clear(q);
    return d;
}

/* The coalitions S (member i not in S, |S| = s) that member i swings, S u i winning and
 * S losing, are those whose weight lies in [*lo, *hi) (*hi = INT64_MAX: unbounded).
 * S wins iff (w(S) >= quota and |S| >= count_quota) or |S| > n - block_min (fewer than
 * block_min members outside: no blocking minority). Returns 0 if there are none. */
static int swing_interval(const ent_wvg *g, int s, int64_t wi, int64_t *lo, int64_t *hi)
{
    int nb = g->block_min > 0 ? g->n - g->block_min + 1 : g->n + 2; /* wins from this size */
    int cq = g->count_quota;
    if (s >= nb)
        return 0; /* S already wins */
    if (s + 1 >= nb) { /* S u i wins whatever its weight */
        *lo = 0;
        *hi = s >= cq ? g->quota : INT64_MAX;
        return 1;
    }
    if (s + 1 < cq)
        return 0;
    *lo = g->quota - wi < 0 ? 0 : g->quota - wi;
    *hi = s >= cq ? g->quota : INT64_MAX;
    return *lo < *hi;
}

/* the buckets of a DP row (index min(w, q)) that hold weights in [lo, hi) */
static void bucket_range(int64_t q, int64_t lo, int64_t hi, int64_t *b0, int64_t *b1)
{
    *b0 = lo > q ? q + 1 : lo;
    *b1 = hi == INT64_MAX ? q : (hi - 1 > q ? q : hi - 1);
}

/* The same DP with 64-bit counts (exact while n <= 62: no count exceeds 2^n); only the
 * final Shapley-Shubik sums use GMP. Fills ssn[i] and sw[i]. */
static int dp_u64(const ent_wvg *wg, mpz_t *ssn, mpz_t *sw, mpz_t *fact)
{
    int n = wg->n;
    int64_t q = wg->quota;
    size_t W = (size_t)q + 1, ncell = (size_t)(n + 1) * W;
    uint64_t *c = (uint64_t *)calloc(ncell, sizeof(uint64_t));
    int *rep = (int *)malloc(sizeof(int) * (size_t)n);
    if (!c || !rep) {
        free(c);
        free(rep);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        rep[i] = i;
        for (int j = 0; j < i; j++)
            if (wg->w[j] == wg->w[i]) {
                rep[i] = j;
                break;
            }
    }
    c[0] = 1;
    for (int p = 0; p < n; p++) {
        int64_t wp = wg->w[p];
        for (int s = p; s >= 0; s--) {
            const uint64_t *src = c + (size_t)s * W;
            uint64_t *dst = c + (size_t)(s + 1) * W;
            for (int64_t w = q; w >= 0; w--)
                if (src[w])
                    dst[w + wp > q ? q : w + wp] += src[w];
        }
    }
    int oom = 0;
#ifdef _OPENMP
#pragma omp parallel if ((double)n * (double)ncell > 1e6)
#endif
    {
        uint64_t *d = (uint64_t *)malloc(sizeof(uint64_t) * ncell);
        mpz_t tmp, cnt;
        mpz_init(tmp);
        mpz_init(cnt);
        if (!d) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            oom = 1;
        }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (int i = 0; i < n; i++) {
            if (!d || rep[i] != i)
                continue;
            int64_t wi = wg->w[i];
            for (int s = 0; s < n; s++) {
                uint64_t *ds = d + (size_t)s * W;
                const uint64_t *cs = c + (size_t)s * W, *dp = ds - W;
                for (int64_t w = 0; w < q; w++)
                    ds[w] = cs[w] - (s > 0 && w >= wi ? dp[w - wi] : 0);
                uint64_t top = cs[q];
                if (s > 0)
                    for (int64_t w = q - wi < 0 ? 0 : q - wi; w <= q; w++)
                        top -= dp[w];
                ds[q] = top;
            }
            for (int s = 0; s < n; s++) {
                int64_t lo, hi, b0, b1;
                if (!swing_interval(wg, s, wi, &lo, &hi))
                    continue;
                bucket_range(q, lo, hi, &b0, &b1);
                uint64_t sum = 0;
                const uint64_t *ds = d + (size_t)s * W;
                for (int64_t w = b0; w <= b1; w++)
                    sum += ds[w];
                if (!sum)
                    continue;
                mpz_set_ui(cnt, (unsigned long)sum);
                mpz_add(sw[i], sw[i], cnt);
                mpz_mul(tmp, fact[s], fact[n - 1 - s]);
                mpz_addmul(ssn[i], tmp, cnt);
            }
        }
        mpz_clear(tmp);
        mpz_clear(cnt);
        free(d);
    }
    for (int i = 0; i < n; i++)
        if (rep[i] != i) {
            mpz_set(sw[i], sw[rep[i]]);
            mpz_set(ssn[i], ssn[rep[i]]);
        }
    free(c);
    free(rep);
    return oom ? ENT_ENOMEM : ENT_OK;
}

static int finish(int n, mpz_t *ssn, mpz_t *sw, mpz_t *fact, double *ss, double *bz,
                  char **ss_exact, char **bz_exact)
{
    mpz_t tot;
    mpz_init(tot);
    for (int i = 0; i < n; i++)
        mpz_add(tot, tot, sw[i]);
    int rc = ENT_OK;
    for (int i = 0; i < n; i++) {
        if (ss)
            ss[i] = frac_d(ssn[i], fact[n]);
        if (bz)
            bz[i] = frac_d(sw[i], tot);
        if (ss_exact && !(ss_exact[i] = frac_str(ssn[i], fact[n])))
            rc = ENT_ENOMEM;
        if (bz_exact && !(bz_exact[i] = frac_str(sw[i], tot)))
            rc = ENT_ENOMEM;
    }
    mpz_clear(tot);
    return rc;
}

static int power_mitm(const ent_wvg *wg, mpz_t *ssn, mpz_t *sw, mpz_t *fact);

static int power_small(const ent_wvg *wg, int mitm, double *ss, double *bz, char **ss_exact,
                       char **bz_exact, ent_error *err)
{
    int n = wg->n;
    mpz_t *ssn = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)n);
    mpz_t *sw = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)n);
    mpz_t *fact = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)(n + 1));
    if (!ssn || !sw || !fact) {
        free(ssn);
        free(sw);
        free(fact);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        mpz_init(ssn[i]);
        mpz_init(sw[i]);
    }
    for (int s = 0; s <= n; s++) {
        mpz_init(fact[s]);
        mpz_fac_ui(fact[s], (unsigned long)s);
    }
    int rc = mitm ? power_mitm(wg, ssn, sw, fact) : dp_u64(wg, ssn, sw, fact);
    if (rc == ENT_OK)
        rc = finish(n, ssn, sw, fact, ss, bz, ss_exact, bz_exact);
    for (int i = 0; i < n; i++) {
        mpz_clear(ssn[i]);
        mpz_clear(sw[i]);
    }
    for (int s = 0; s <= n; s++)
        mpz_clear(fact[s]);
    free(ssn);
    free(sw);
    free(fact);
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "power indices: %s", ent_strerror(rc));
    return ENT_OK;
}

/* ---- meet in the middle: the members other than i in two halves A and B; the sums of
 * every subset of each half, grouped by size and sorted; the coalitions S = SA u SB of
 * size s with w(S) in [lo, hi) counted by one merge-like pass per pair of sizes. */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* out[off[s] .. off[s+1]) = sorted weights of the subsets of size s of m[0..k-1];
 * tmp holds 2^k sums */
static void half_sums(const int64_t *wt, const int *m, int k, int64_t *tmp, int64_t *out,
                      size_t *off)
{
    size_t total = (size_t)1 << k, pos[42];
    tmp[0] = 0;
    for (size_t s = 1; s < total; s++)
        tmp[s] = tmp[s & (s - 1)] + wt[m[__builtin_ctzll(s)]];
    memset(off, 0, sizeof(size_t) * (size_t)(k + 2));
    for (size_t s = 0; s < total; s++)
        off[__builtin_popcountll(s) + 1]++;
    for (int c = 0; c <= k; c++)
        off[c + 1] += off[c];
    memcpy(pos, off, sizeof(size_t) * (size_t)(k + 1));
    for (size_t s = 0; s < total; s++)
        out[pos[__builtin_popcountll(s)]++] = tmp[s];
    for (int c = 0; c <= k; c++)
        qsort(out + off[c], off[c + 1] - off[c], sizeof(int64_t), cmp_i64);
}

/* pairs (a, b) of sorted a[0..na) and b[0..nb) with a + b < t */
static uint64_t pairs_below(const int64_t *a, size_t na, const int64_t *b, size_t nb, int64_t t)
{
    if (t == INT64_MAX)
        return (uint64_t)na * nb;
    uint64_t cnt = 0;
    size_t j = nb;
    for (size_t p = 0; p < na; p++) {
        while (j > 0 && a[p] + b[j - 1] >= t)
            j--;
        if (!j)
            break;
        cnt += j;
    }
    return cnt;
}

#define MITM_MAX_N 40

static int power_mitm(const ent_wvg *wg, mpz_t *ssn, mpz_t *sw, mpz_t *fact)
{
    int n = wg->n, ka = (n - 1) / 2, kb = n - 1 - ka;
    int *rep = (int *)malloc(sizeof(int) * (size_t)n);
    if (!rep)
        return ENT_ENOMEM;
    for (int i = 0; i < n; i++) {
        rep[i] = i;
        for (int j = 0; j < i; j++)
            if (wg->w[j] == wg->w[i]) {
                rep[i] = j;
                break;
            }
    }
    int oom = 0;
#ifdef _OPENMP
#pragma omp parallel if (n > 12)
#endif
    {
        size_t big = (size_t)1 << (kb > ka ? kb : ka);
        int64_t *tmp = (int64_t *)malloc(sizeof(int64_t) * big);
        int64_t *A = (int64_t *)malloc(sizeof(int64_t) * ((size_t)1 << ka));
        int64_t *B = (int64_t *)malloc(sizeof(int64_t) * ((size_t)1 << kb));
        size_t offa[42], offb[42];
        int m[MITM_MAX_N];
        mpz_t tmpz, cnt;
        mpz_init(tmpz);
        mpz_init(cnt);
        if (!tmp || !A || !B) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            oom = 1;
        }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (int i = 0; i < n; i++) {
            if (!tmp || !A || !B || rep[i] != i)
                continue;
            int k = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    m[k++] = j;
            half_sums(wg->w, m, ka, tmp, A, offa);
            half_sums(wg->w, m + ka, kb, tmp, B, offb);
            for (int s = 0; s < n; s++) {
                int64_t lo, hi;
                if (!swing_interval(wg, s, wg->w[i], &lo, &hi))
                    continue;
                uint64_t c = 0;
                for (int sa = 0; sa <= ka && sa <= s; sa++) {
                    int sb = s - sa;
                    if (sb > kb)
                        continue;
                    const int64_t *a = A + offa[sa], *b = B + offb[sb];
                    size_t na = offa[sa + 1] - offa[sa], nb = offb[sb + 1] - offb[sb];
                    c += pairs_below(a, na, b, nb, hi) - pairs_below(a, na, b, nb, lo);
                }
                if (!c)
                    continue;
                mpz_set_ui(cnt, (unsigned long)c);
                mpz_add(sw[i], sw[i], cnt);
                mpz_mul(tmpz, fact[s], fact[n - 1 - s]);
                mpz_addmul(ssn[i], tmpz, cnt);
            }
        }
        mpz_clear(tmpz);
        mpz_clear(cnt);
        free(tmp);
        free(A);
        free(B);
    }
    for (int i = 0; i < n; i++)
        if (rep[i] != i) {
            mpz_set(sw[i], sw[rep[i]]);
            mpz_set(ssn[i], ssn[rep[i]]);
        }
    free(rep);
    return oom ? ENT_ENOMEM : ENT_OK;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int power_dp(const ent_wvg *wg, size_t mem_limit, double *ss, double *bz,
                    char **ss_exact, char **bz_exact, ent_error *err);

int ent_wvg_power(const ent_wvg *wg, size_t mem_limit, double *ss, double *bz,
                  char **ss_exact, char **bz_exact, ent_error *err)
{
    /* the same game with the weights and the quota divided by the weights' gcd */
    int n = wg->n;
    int64_t g = 0;
    for (int i = 0; i < n; i++)
        g = gcd64(g, wg->w[i]);
    if (g < 1)
        g = 1;
    int64_t *w = (int64_t *)malloc(sizeof(int64_t) * (size_t)n);
    if (!w)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    ent_wvg red = *wg;
    for (int i = 0; i < n; i++)
        w[i] = wg->w[i] / g;
    red.w = w;
    red.quota = wg->quota / g + (wg->quota % g != 0);
    red.total = wg->total / g;
    int rc = power_dp(&red, mem_limit, ss, bz, ss_exact, bz_exact, err);
    free(w);
    return rc;
}

static int power_dp(const ent_wvg *wg, size_t mem_limit, double *ss, double *bz,
                    char **ss_exact, char **bz_exact, ent_error *err)
{
    int n = wg->n;
    int64_t q = wg->quota;
    if (mem_limit == 0)
        mem_limit = (size_t)1 << 30;
    /* c plus one table per thread, each (n+1)(q+1) counts of ~32 bytes */
    int nt = 1;
#ifdef _OPENMP
    nt = omp_get_max_threads();
#endif
    double cells = (double)(n + 1) * (double)(q + 1);
    double bytes = cells * (n <= 62 ? 8.0 : 32.0) * (double)(nt + 1);
    /* work: n inverse passes over the table, or n merges of 2^(n/2)-long lists per size */
    double dp_work = (double)n * cells;
    double mitm_work = (double)n * (double)(n / 2 + 2) * ldexp(1.0, n / 2 + 1);
    int dp_ok = bytes <= (double)mem_limit;
    if (n <= MITM_MAX_N && (!dp_ok || mitm_work < dp_work))
        return power_small(wg, 1, ss, bz, ss_exact, bz_exact, err);
    if (!dp_ok)
        return ent_error_set(err, ENT_ETOOBIG,
                             "power indices: %d members and quota %lld (weights divided by "
                             "their gcd) need %.0f counting cells (about %.0f bytes), above "
                             "the limit of %zu bytes, and more than %d members for the count "
                             "over the coalitions",
                             n, (long long)q, cells, bytes, mem_limit, MITM_MAX_N);
    if (n <= 62)
        return power_small(wg, 0, ss, bz, ss_exact, bz_exact, err);
    size_t W = (size_t)q + 1, ncell = (size_t)(n + 1) * W;
    mpz_t *c = (mpz_t *)malloc(sizeof(mpz_t) * ncell);
    mpz_t *ssn = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)n);
    mpz_t *sw = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)n);
    mpz_t *fact = (mpz_t *)malloc(sizeof(mpz_t) * (size_t)(n + 1));
    int *rep = (int *)malloc(sizeof(int) * (size_t)n);
    if (!c || !ssn || !sw || !fact || !rep) {
        free(c);
        free(ssn);
        free(sw);
        free(fact);
        free(rep);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    for (size_t t = 0; t < ncell; t++)
        mpz_init(c[t]);
    for (int i = 0; i < n; i++) {
        mpz_init(ssn[i]);
        mpz_init(sw[i]);
        rep[i] = i;
        for (int j = 0; j < i; j++)
            if (wg->w[j] == wg->w[i]) {
                rep[i] = j;
                break;
            }
    }
    for (int s = 0; s <= n; s++) {
        mpz_init(fact[s]);
        mpz_fac_ui(fact[s], (unsigned long)s);
    }
    /* forward DP: c[s][min(w,q)] */
    mpz_set_ui(c[0], 1);
    for (int p = 0; p < n; p++) {
        int64_t wp = wg->w[p];
        for (int s = p; s >= 0; s--)
            for (int64_t w = q; w >= 0; w--) {
                mpz_t *src = &c[(size_t)s * W + (size_t)w];
                if (mpz_sgn(*src) == 0)
                    continue;
                int64_t to = w + wp > q ? q : w + wp;
                mpz_add(c[(size_t)(s + 1) * W + (size_t)to], c[(size_t)(s + 1) * W + (size_t)to],
                        *src);
            }
    }
    int oom = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
    {
        mpz_t *d = (mpz_t *)malloc(sizeof(mpz_t) * ncell);
        mpz_t tmp;
        mpz_init(tmp);
        if (d)
            for (size_t t = 0; t < ncell; t++)
                mpz_init(d[t]);
        else {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            oom = 1;
        }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (int i = 0; i < n; i++) {
            if (!d || rep[i] != i)
                continue;
            int64_t wi = wg->w[i];
            /* d[s][w]: coalitions without i; c[s][w] = d[s][w] + d[s-1][w - wi] (saturated) */
            for (int s = 0; s < n; s++) {
                for (int64_t w = 0; w < q; w++) {
                    mpz_set(d[(size_t)s * W + (size_t)w], c[(size_t)s * W + (size_t)w]);
                    if (s > 0 && w >= wi)
                        mpz_sub(d[(size_t)s * W + (size_t)w], d[(size_t)s * W + (size_t)w],
                                d[(size_t)(s - 1) * W + (size_t)(w - wi)]);
                }
                mpz_set(d[(size_t)s * W + (size_t)q], c[(size_t)s * W + (size_t)q]);
                if (s > 0)
                    for (int64_t w = q - wi < 0 ? 0 : q - wi; w <= q; w++)
                        mpz_sub(d[(size_t)s * W + (size_t)q], d[(size_t)s * W + (size_t)q],
                                d[(size_t)(s - 1) * W + (size_t)w]);
            }
            /* i swings S (i not in S): S u i wins and S loses */
            for (int s = 0; s < n; s++) {
                int64_t lo, hi, b0, b1;
                if (!swing_interval(wg, s, wi, &lo, &hi))
                    continue;
                bucket_range(q, lo, hi, &b0, &b1);
                for (int64_t w = b0; w <= b1; w++) {
                    mpz_t *cnt = &d[(size_t)s * W + (size_t)w];
                    if (mpz_sgn(*cnt) == 0)
                        continue;
                    mpz_add(sw[i], sw[i], *cnt);
                    mpz_mul(tmp, fact[s], fact[n - 1 - s]);
                    mpz_addmul(ssn[i], tmp, *cnt);
                }
            }
        }
        mpz_clear(tmp);
        if (d) {
            for (size_t t = 0; t < ncell; t++)
                mpz_clear(d[t]);
            free(d);
        }
    }
    for (int i = 0; i < n; i++)
        if (rep[i] != i) {
            mpz_set(sw[i], sw[rep[i]]);
            mpz_set(ssn[i], ssn[rep[i]]);
        }
    int rc = oom ? ENT_ENOMEM : finish(n, ssn, sw, fact, ss, bz, ss_exact, bz_exact);
    for (size_t t = 0; t < ncell; t++)
        mpz_clear(c[t]);
    for (int i = 0; i < n; i++) {
        mpz_clear(ssn[i]);
        mpz_clear(sw[i]);
    }
    for (int s = 0; s <= n; s++)
        mpz_clear(fact[s]);
    free(c);
    free(ssn);
    free(sw);
    free(fact);
    free(rep);
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "out of memory");
    return ENT_OK;
}
