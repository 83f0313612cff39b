/* shapley.c — Shapley value (Shapley 1953) and Banzhaf value (Banzhaf 1965) of a dense TU
 * game in one pass over the 2^n values, and the Shapley value of any game by stratified
 * sampling (Maleki, Tran-Thanh, Hines, Rahwan & Rogers 2013, "Bounding the estimation
 * error of sampling-based Shapley value approximation"; Castro, Gomez & Tejada 2017).
 * Exact pass: phi_i = sum_s [w(s-1) A_i(s) - w(s) (T(s) - A_i(s))] with w(s) = 1/(n C(n-1,s)),
 * T(s) the sum of v over coalitions of size s and A_i(s) over those containing i. The low
 * 10 bits of a coalition index a small table per size; high members get whole rows. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define LOWBITS 10

int ent_tu_shapley(const ent_tu *g, int threads, double *phi, double *bz)
{
    int n = g->n;
    int k = n < LOWBITS ? n : LOWBITS;
    int nh = n - k;
    int64_t nhi = (int64_t)1 << nh;
    int64_t nb = nhi < 64 ? nhi : 64; /* fixed block count: thread-count independent */
    size_t lsz = (size_t)(n + 1) << k, asz = (size_t)n * (size_t)(n + 1);
    size_t per = lsz + asz + (size_t)(n + 1);
    double *acc = (double *)calloc((size_t)nb * per, sizeof(double));
    if (!acc)
        return ENT_ENOMEM;
#ifdef _OPENMP
    int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
#else
    (void)threads;
#endif
    for (int64_t b = 0; b < nb; b++) {
        double *L = acc + (size_t)b * per, *A = L + lsz, *T = A + asz;
        double R[LOWBITS + 1];
        int64_t h0 = nhi * b / nb, h1 = nhi * (b + 1) / nb;
        for (int64_t h = h0; h < h1; h++) {
            const double *row = g->v + ((size_t)h << k);
            int ph = __builtin_popcountll((unsigned long long)h);
            for (int s = 0; s <= k; s++)
                R[s] = 0.0;
            double *Lp = L + ((size_t)ph << k);
            for (uint32_t lo = 0; lo < (1u << k); lo++) {
                double val = row[lo];
                int sl = __builtin_popcount(lo);
                Lp[((size_t)sl << k) + lo] += val;
                R[sl] += val;
            }
            for (int s = 0; s <= k; s++)
                T[ph + s] += R[s];
            for (uint64_t hb = (uint64_t)h; hb; hb &= hb - 1) {
                int i = k + __builtin_ctzll(hb);
                double *Ai = A + (size_t)i * (size_t)(n + 1) + ph;
                for (int s = 0; s <= k; s++)
                    Ai[s] += R[s];
            }
        }
    }
    /* reduce blocks in fixed order into block 0 */
    for (int64_t b = 1; b < nb; b++) {
        const double *src = acc + (size_t)b * per;
        for (size_t t = 0; t < per; t++)
            acc[t] += src[t];
    }
    double *L = acc, *A = L + lsz, *T = A + asz;
    for (int i = 0; i < k; i++)
        for (int s = 0; s <= n; s++) {
            double sum = 0.0;
            const double *Ls = L + ((size_t)s << k);
            for (uint32_t lo = 0; lo < (1u << k); lo++)
                if ((lo >> i) & 1u)
                    sum += Ls[lo];
            A[(size_t)i * (size_t)(n + 1) + s] = sum;
        }
    /* w[s] = s!(n-1-s)!/n! = 1 / (n C(n-1, s)) */
    double w[ENT_TU_MAX_N + 1];
    double c = 1.0;
    for (int s = 0; s < n; s++) {
        w[s] = 1.0 / ((double)n * c);
        c = c * (double)(n - 1 - s) / (double)(s + 1);
    }
    double tsum = 0.0;
    for (int s = 0; s <= n; s++)
        tsum += T[s];
    for (int i = 0; i < n; i++) {
        const double *Ai = A + (size_t)i * (size_t)(n + 1);
        double p = 0.0, asum = 0.0;
        for (int s = 0; s <= n; s++) {
            asum += Ai[s];
            if (s >= 1)
                p += w[s - 1] * Ai[s];
            if (s < n)
                p -= w[s] * (T[s] - Ai[s]);
        }
        if (phi)
            phi[i] = p;
        if (bz)
            bz[i] = (2.0 * asum - tsum) / ldexp(1.0, n - 1);
    }
    free(acc);
    return ENT_OK;
}

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* uniform integer in [0, m) (m >= 1), rejection-free multiply-shift (bias < 2^-32 for
 * m < 2^32) */
static uint32_t below(uint64_t *st, uint32_t m)
{
    return (uint32_t)(((splitmix(st) >> 32) * (uint64_t)m) >> 32);
}

int ent_tu_shapley_sample(int n, ent_tu_list_fn fn, void *ctx, uint64_t samples,
                          uint64_t seed, int threads, double *phi, double *ci,
                          ent_error *err)
{
    if (n < 1)
        return ent_error_set(err, ENT_EINVAL, "Shapley sampling needs at least one member");
    uint64_t strata = (uint64_t)n * (uint64_t)n;
    uint64_t m = samples / strata;
    if (m < 2)
        m = 2;
    int fail = ENT_OK;
#ifdef _OPENMP
    int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
#else
    (void)threads;
#endif
    {
        int *others = (int *)malloc(sizeof(int) * (size_t)n);
        int *buf = (int *)malloc(sizeof(int) * (size_t)n);
        int mine = (!others || !buf) ? ENT_ENOMEM : ENT_OK;
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (int i = 0; i < n; i++) {
            if (mine != ENT_OK)
                continue;
            double est = 0.0, var = 0.0;
            int no = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    others[no++] = j;
            for (int s = 0; s < n && mine == ENT_OK; s++) {
                uint64_t st = seed ^ (0x632be59bd9b4e019ull * (uint64_t)(i + 1)) ^
                              (0x85ebca6b0c2b2ae5ull * (uint64_t)(s + 1));
                double mean = 0.0, m2 = 0.0;
                for (uint64_t t = 0; t < m; t++) {
                    /* random s-subset of the others: partial Fisher-Yates */
                    memcpy(buf, others, sizeof(int) * (size_t)no);
                    for (int q = 0; q < s; q++) {
                        int r = q + (int)below(&st, (uint32_t)(no - q));
                        int tmp = buf[q];
                        buf[q] = buf[r];
                        buf[r] = tmp;
                    }
                    double without = 0.0, with = 0.0;
                    int rc = fn(ctx, buf, s, &without);
                    buf[s] = i;
                    if (rc == ENT_OK)
                        rc = fn(ctx, buf, s + 1, &with);
                    if (rc != ENT_OK) {
                        mine = rc;
                        break;
                    }
                    double d = with - without, delta = d - mean;
                    mean += delta / (double)(t + 1);
                    m2 += delta * (d - mean);
                }
                est += mean;
                var += m2 / (double)(m - 1) / (double)m;
            }
            phi[i] = est / (double)n;
            if (ci)
                ci[i] = 1.959963984540054 * sqrt(var) / (double)n;
        }
        free(others);
        free(buf);
        if (mine != ENT_OK) {
#ifdef _OPENMP
#pragma omp critical(ent_shapley_fail)
#endif
            if (fail == ENT_OK || mine < fail)
                fail = mine;
        }
    }
    if (fail != ENT_OK)
        return ent_error_set(err, fail, "Shapley sampling: value oracle failed: %s",
                             ent_strerror(fail));
    return ENT_OK;
}
