/* bench_gmcr.c — graph-model stability benchmark: generated models with 4 DMs and 2^k
 * states (every DM controls k/4 binary options, all combinations feasible, a move toggles
 * one of the mover's options; preferences are additive option weights with ties), all
 * concepts. Prints build and analysis times (median of REPS runs), peak resident memory,
 * a hash of every stability verdict, the equilibrium counts, and the speed ratio against
 * the literal re-check (solver/gmcr_verify.c) on a fixed sample of (state, DM) pairs.
 * usage: bench_gmcr [RUNS]; GMCR_BENCH_LARGE=1 adds 2^20 states (about 0.5 GB). */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    int w[4][24];
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

static uint64_t verdict_hash(const ent_gmcr_result *r, uint32_t n, long *eq)
{
    uint64_t h = 1469598103934665603ull;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
        eq[c] = 0;
        for (uint32_t s = 0; s < n; s++) {
            for (int d = 0; d < 4; d++) {
                h ^= (uint64_t)(ent_gmcr_stable(r, c, d, s) + 1);
                h *= 1099511628211ull;
            }
            eq[c] += ent_gmcr_equilibrium(r, c, s);
        }
    }
    return h;
}

/* Median analysis time over `reps` runs with `threads` threads; OUT: *res (last run). */
static int time_analysis(const ent_gmcr *m, int reps, int threads, double *med, double *lo,
                         double *hi, ent_gmcr_result **res)
{
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    double *times = malloc((size_t)reps * sizeof *times);
    if (!times)
        return 1;
    for (int k = 0; k < reps; k++) {
        ent_gmcr_result_free(res);
        ent_error err;
        double t0 = now();
        if (ent_gmcr_analyze(m, res, &err) != ENT_OK) {
            fprintf(stderr, "%s\n", err.msg);
            free(times);
            return 1;
        }
        times[k] = now() - t0;
    }
    qsort(times, (size_t)reps, sizeof *times, cmp_d);
    *med = times[reps / 2];
    *lo = times[0];
    *hi = times[reps - 1];
    free(times);
    return 0;
}

static int run_size(int lg, int reps)
{
    double t0 = now();
    ent_gmcr *m = generate(lg);
    double tbuild = now() - t0;
    if (!m)
        return 1;
    const uint32_t n = ent_gmcr_nstates(m);
    int maxt = 1;
#ifdef _OPENMP
    maxt = omp_get_num_procs();
#endif
    ent_gmcr_result *r1 = NULL, *rn = NULL;
    double med1, lo1, hi1, medn = 0, lon = 0, hin = 0;
    if (time_analysis(m, reps, 1, &med1, &lo1, &hi1, &r1))
        return 1;
    long eq[ENT_GMCR_NCONCEPTS], eqn[ENT_GMCR_NCONCEPTS];
    uint64_t h1 = verdict_hash(r1, n, eq), hn = h1;
    if (maxt > 1) {
        if (time_analysis(m, reps, maxt, &medn, &lon, &hin, &rn))
            return 1;
        hn = verdict_hash(rn, n, eqn);
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
            mismatches += v != ent_gmcr_stable(r1, c, d, s);
            checks++;
        }
    }
    double per_ver = (now() - t0) / checks, per_algo = med1 / ((double)n * 4 * 4);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("states 2^%d (4 DMs, %d options each): build %.3f s; analysis median of %d: "
           "1 thread %.3f s [%.3f..%.3f]",
           lg, lg / 4, tbuild, reps, med1, lo1, hi1);
    if (maxt > 1)
        printf(", %d threads %.3f s [%.3f..%.3f]", maxt, medn, lon, hin);
    printf("; peak RSS %.0f MB\n", (double)ru.ru_maxrss / 1024.0);
    printf("  equilibria nash %ld gmr %ld smr %ld seq %ld; verdict hash %016llx%s\n", eq[0], eq[1],
           eq[2], eq[3], (unsigned long long)h1, hn == h1 ? " (same with all threads)" : " DIFFERS");
    printf("  literal re-check %.1f us per (state, DM, concept) vs %.3f us: ratio %.0f; "
           "mismatches %d of %d\n",
           per_ver * 1e6, per_algo * 1e6, per_ver / per_algo, mismatches, checks);
    ent_gmcr_result_free(&r1);
    ent_gmcr_result_free(&rn);
    ent_gmcr_free(&m);
    return mismatches || hn != h1;
}

/* usage: bench_gmcr [RUNS] — 2^16 states; with GMCR_BENCH_LARGE=1 also 2^20. */
int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    if (reps < 1 || reps > 50) {
        fprintf(stderr, "usage: bench_gmcr [RUNS (1..50, default 5)]\n");
        return 2;
    }
    const char *large = getenv("GMCR_BENCH_LARGE");
    int rc = run_size(16, reps);
    if (!rc && large && !strcmp(large, "1"))
        rc = run_size(20, reps);
    return rc;
}
