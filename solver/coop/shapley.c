/* shapley.c — Shapley value (Shapley 1953) and Banzhaf value (Banzhaf 1965) of a dense TU
 * game in one pass over the 2^n values, and the Shapley value of any game by stratified
 * sampling (Maleki, Tran-Thanh, Hines, Rahwan & Rogers 2013, "Bounding the estimation
 * error of sampling-based Shapley value approximation"; Castro, Gomez & Tejada 2017).
 * The exact pass reads each value once in a vectorised loop (see ent_tu_shapley). */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define LOWBITS 10

/* phi_i = sum_{S ni i} c(|S|) v(S) - G, c(s) = w(s-1) + w(s), G = sum_S w(|S|) v(S),
 * with w(s) = s!(n-1-s)!/n! (w(-1) = w(n) = 0). A coalition is (h, lo): h the high
 * members, lo the low LOWBITS. Per h, one vectorisable pass over its row of 2^k values:
 * D_h = sum c(|h| + |lo|) v (credited to the high members of h), G, the row sum (Banzhaf),
 * and M[|h|][lo] += v (low members, resolved after the pass). */
static int shapley_pass(const ent_tu *g, int threads, double *phi, double *bz)
{
    int n = g->n;
    int k = n < LOWBITS ? n : LOWBITS;
    int nh = n - k;
    size_t rowlen = (size_t)1 << k;
    int64_t nhi = (int64_t)1 << nh;
    int64_t nb = nhi < 64 ? nhi : 64; /* fixed block count: thread-count independent */
    double w[ENT_TU_MAX_N + 2], cs[ENT_TU_MAX_N + 1];
    double c = 1.0;
    for (int s = 0; s < n; s++) {
        w[s] = 1.0 / ((double)n * c); /* 1 / (n C(n-1, s)) */
        c = c * (double)(n - 1 - s) / (double)(s + 1);
    }
    w[n] = 0.0;
    for (int s = 0; s <= n; s++)
        cs[s] = (s > 0 ? w[s - 1] : 0.0) + w[s];
    /* weight rows per |h|: uc[ph][lo] = c(ph + |lo|), uw[ph][lo] = w(ph + |lo|) */
    size_t msz = (size_t)(nh + 1) * rowlen;
    double *uc = (double *)malloc(sizeof(double) * msz);
    double *uw = (double *)malloc(sizeof(double) * msz);
    size_t per = msz + 2 * (size_t)n + 2; /* M, Dhigh[n], Ahigh[n], G, T */
    double *acc = (double *)calloc((size_t)nb * per, sizeof(double));
    if (!uc || !uw || !acc) {
        free(uc);
        free(uw);
        free(acc);
        return ENT_ENOMEM;
    }
    for (int ph = 0; ph <= nh; ph++)
        for (size_t lo = 0; lo < rowlen; lo++) {
            int s = ph + __builtin_popcount((unsigned)lo);
            uc[(size_t)ph * rowlen + lo] = cs[s];
            uw[(size_t)ph * rowlen + lo] = w[s];
        }
#ifdef _OPENMP
    int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt) if (nb > 1)
#else
    (void)threads;
#endif
    for (int64_t b = 0; b < nb; b++) {
        double *M = acc + (size_t)b * per, *Dh = M + msz, *Ah = Dh + n, *GT = Ah + n;
        int64_t h0 = nhi * b / nb, h1 = nhi * (b + 1) / nb;
        double G = 0.0, T = 0.0;
        for (int64_t h = h0; h < h1; h++) {
            const double *row = g->v + ((size_t)h << k);
            int ph = __builtin_popcountll((unsigned long long)h);
            const double *c1 = uc + (size_t)ph * rowlen, *w1 = uw + (size_t)ph * rowlen;
            double *Mr = M + (size_t)ph * rowlen;
            double d = 0.0, gg = 0.0, rs = 0.0;
#ifdef _OPENMP
#pragma omp simd reduction(+ : d, gg, rs)
#endif
            for (size_t lo = 0; lo < rowlen; lo++) {
                double val = row[lo];
                d += c1[lo] * val;
                gg += w1[lo] * val;
                rs += val;
                Mr[lo] += val;
            }
            G += gg;
            T += rs;
            for (uint64_t hb = (uint64_t)h; hb; hb &= hb - 1) {
                int i = __builtin_ctzll(hb);
                Dh[i] += d;
                Ah[i] += rs;
            }
        }
        GT[0] = G;
        GT[1] = T;
    }
    /* reduce blocks in fixed order into block 0 */
    for (int64_t b = 1; b < nb; b++) {
        const double *src = acc + (size_t)b * per;
        for (size_t t = 0; t < per; t++)
            acc[t] += src[t];
    }
    double *M = acc, *Dh = M + msz, *Ah = Dh + n, G = Ah[n], T = Ah[n + 1];
    for (int i = 0; i < n; i++) {
        double p = 0.0, a = 0.0;
        if (i >= k) {
            p = Dh[i - k];
            a = Ah[i - k];
        } else {
            for (int ph = 0; ph <= nh; ph++) {
                const double *Mr = M + (size_t)ph * rowlen, *c1 = uc + (size_t)ph * rowlen;
                for (size_t lo = 0; lo < rowlen; lo++)
                    if ((lo >> i) & 1u) {
                        p += c1[lo] * Mr[lo];
                        a += Mr[lo];
                    }
            }
        }
        if (phi)
            phi[i] = p - G;
        if (bz)
            bz[i] = (2.0 * a - T) / ldexp(1.0, n - 1);
    }
    free(uc);
    free(uw);
    free(acc);
    return ENT_OK;
}

/* On the zero-normalised game (normal.c): the additive part a, which would cancel in the
 * sums above, is added back exactly as phi_i = scale * phi0_i + a_i (the same for the
 * Banzhaf value). */
int ent_tu_shapley(const ent_tu *g, int threads, double *phi, double *bz)
{
    coop_norm z;
    if (coop_norm_new(g, &z) != ENT_OK)
        return shapley_pass(g, threads, phi, bz);
    double p0[ENT_TU_MAX_N], b0[ENT_TU_MAX_N];
    int rc = shapley_pass(z.g, threads, phi ? p0 : NULL, bz ? b0 : NULL);
    if (rc == ENT_OK && phi)
        coop_norm_back(&z, g->n, p0, phi);
    if (rc == ENT_OK && bz)
        coop_norm_back(&z, g->n, b0, bz);
    coop_norm_free(&z);
    return rc;
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
