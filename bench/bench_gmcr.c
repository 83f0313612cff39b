/* bench_gmcr.c — graph-model stability benchmark: generated models with 4 DMs and 2^k
 * states (every DM controls k/4 binary options, all combinations feasible, a move toggles
 * one of the mover's options; preferences are additive option weights with ties), all
 * concepts. Prints build and analysis times (median of REPS runs), peak resident memory,
 * a hash of every stability verdict, the equilibrium counts, and the speed ratio against
 * the literal re-check (solver/gmcr_verify.c) on a fixed sample of (state, DM) pairs.
 * usage: bench_gmcr LOG2_STATES [REPS] */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static ent_gmcr *generate(int lg)
{
    const int ndm = 4, per = lg / 4;
    const uint32_t n = 1u << lg;
    ent_gmcr *m;
    ent_error err;
    if (ent_gmcr_new(&m, ndm, n, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return NULL;
    }
    uint64_t seed = 0x2545F4914F6CDD1Dull;
    int w[4][8];
    for (int d = 0; d < ndm; d++)
        for (int k = 0; k < lg; k++)
            w[d][k] = (int)(rng(&seed) % 17) - 8;
    for (uint32_t s = 0; s < n; s++)
        for (int d = 0; d < ndm; d++) {
            int64_t r = 0;
            for (int k = 0; k < lg; k++)
                if (s >> k & 1)
                    r += w[d][k];
            ent_gmcr_set_rank(m, d, s, r);
            for (int k = d * per; k < (d + 1) * per; k++)
                if (ent_gmcr_add_move(m, d, s, s ^ (1u << k)) != ENT_OK) {
                    ent_gmcr_free(&m);
                    return NULL;
                }
        }
    if (ent_gmcr_seal(m, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        ent_gmcr_free(&m);
    }
    return m;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_gmcr LOG2_STATES [REPS]\n");
        return 2;
    }
    int lg = atoi(argv[1]), reps = argc > 2 ? atoi(argv[2]) : 5;
    if (lg < 4 || lg > 24 || lg % 4 || reps < 1 || reps > 50) {
        fprintf(stderr, "bench_gmcr: LOG2_STATES must be 4, 8, ..., 24; REPS 1..50\n");
        return 2;
    }
    double t0 = now();
    ent_gmcr *m = generate(lg);
    double tbuild = now() - t0;
    if (!m)
        return 1;
    const uint32_t n = ent_gmcr_nstates(m);
    double *times = malloc((size_t)reps * sizeof *times);
    ent_gmcr_result *r = NULL;
    for (int k = 0; k < reps; k++) {
        ent_gmcr_result_free(&r);
        ent_error err;
        t0 = now();
        if (ent_gmcr_analyze(m, &r, &err) != ENT_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        times[k] = now() - t0;
    }
    qsort(times, (size_t)reps, sizeof *times, cmp_d);
    double med = times[reps / 2];
    /* hash of every verdict (FNV-1a) and equilibrium counts */
    uint64_t h = 1469598103934665603ull;
    long eq[ENT_GMCR_NCONCEPTS] = {0};
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++)
        for (uint32_t s = 0; s < n; s++) {
            for (int d = 0; d < 4; d++) {
                h ^= (uint64_t)(ent_gmcr_stable(r, c, d, s) + 1);
                h *= 1099511628211ull;
            }
            eq[c] += ent_gmcr_equilibrium(r, c, s);
        }
    /* baseline: the literal re-check on 64 sampled (state, DM) pairs, GMR/SMR/SEQ */
    uint64_t seed = 99;
    int mismatches = 0, checks = 0;
    t0 = now();
    for (int k = 0; k < 64; k++) {
        uint32_t s = (uint32_t)(rng(&seed) % n);
        int d = (int)(rng(&seed) % 4);
        for (int c = 1; c <= 3; c++) {
            int v;
            ent_gmcr_verify_stable(m, c, d, s, &v);
            mismatches += v != ent_gmcr_stable(r, c, d, s);
            checks++;
        }
    }
    double tver = now() - t0;
    double per_algo = med / ((double)n * 4 * 6), per_ver = tver / checks;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    printf("gmcr states=2^%d dms=4 threads=%d build_s=%.3f analyze_s_median=%.3f (min %.3f max %.3f, %d runs) "
           "peak_rss_mb=%.0f hash=%016llx eq nash=%ld gmr=%ld smr=%ld seq=%ld "
           "literal_recheck_us=%.1f algorithm_us=%.3f ratio=%.0f mismatches=%d\n",
           lg, threads, tbuild, med, times[0], times[reps - 1], reps, (double)ru.ru_maxrss / 1024.0,
           (unsigned long long)h, eq[0], eq[1], eq[2], eq[3], per_ver * 1e6, per_algo * 1e6,
           per_ver / per_algo, mismatches);
    free(times);
    ent_gmcr_result_free(&r);
    ent_gmcr_free(&m);
    return mismatches ? 1 : 0;
}
