/* power.c — Shapley-Shubik (Shapley & Shubik 1954) and Banzhaf (Banzhaf 1965) power
 * indices of weighted voting games by dynamic programming over integer weights with
 * exact GMP counts (the generating-function method of Mann & Shapley 1962; Bilbao,
 * Fernandez, Jimenez Losada & Lopez 2000). c[s][w] counts coalitions of size s and
 * weight w (weights >= quota saturate in one bucket); each member's counts without it
 * come from c by inverse recurrence, O(n q) per distinct weight. Counts are 64-bit
 * integers while n <= 62 (exact: at most 2^n coalitions) and GMP integers beyond. */
#include "../../games/tu.h"

#include <gmp.h>
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
    int cq = wg->count_quota, oom = 0;
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
                if (s + 1 < cq)
                    continue;
                uint64_t sum = 0;
                const uint64_t *ds = d + (size_t)s * W;
                for (int64_t w = q - wi < 0 ? 0 : q - wi; w <= q; w++)
                    if (!(w >= q && s >= cq))
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

static int power_small(const ent_wvg *wg, double *ss, double *bz, char **ss_exact,
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
    int rc = dp_u64(wg, ssn, sw, fact);
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

int ent_wvg_power(const ent_wvg *wg, size_t mem_limit, double *ss, double *bz,
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
    if (bytes > (double)mem_limit)
        return ent_error_set(err, ENT_ETOOBIG,
                             "power indices: %d members and quota %lld need %.0f counting "
                             "cells (about %.0f bytes), above the limit of %zu bytes",
                             n, (long long)q, cells, bytes, mem_limit);
    if (n <= 62)
        return power_small(wg, ss, bz, ss_exact, bz_exact, err);
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
    int cq = wg->count_quota;
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
                if (s + 1 < cq)
                    continue;
                int64_t lo = q - wi < 0 ? 0 : q - wi;
                for (int64_t w = lo; w <= q; w++) {
                    int s_wins = w >= q && s >= cq;
                    if (s_wins)
                        continue;
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
