/* bench_gmcr.c — graph-model stability benchmark: generated models with 4 DMs and 2^k
 * states (every DM controls k/4 binary options, all combinations feasible, a move toggles
 * one of the mover's options; preferences are additive option weights with ties), all
 * concepts; the same with 2 DMs whose states carry their option patterns as components
 * (so SIM and SEQ+SIM apply); and the
 * coalitional concepts (solver/gmcr/coalitions.c) on 4 DMs and 2^11 states. Prints build and
 * analysis times (median of RUNS runs, 1-thread and all-core runs interleaved so that
 * load from other processes hits both alike, and the median of the paired ratios), peak
 * resident memory, a hash of every stability verdict, the equilibrium counts, and the
 * speed ratio against the literal re-check (solver/gmcr/verify.c) on a fixed sample of
 * (state, DM) pairs. usage: bench_gmcr [RUNS]; GMCR_BENCH_LARGE=1 adds 2^20 states. */
#define _GNU_SOURCE /* RUSAGE_THREAD */
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

/* 2 DMs, each owning half the options; a move toggles one of the mover's options; the
 * DM's component is the pattern of its own options (so SIM and SEQ+SIM apply). */
static ent_gmcr *generate2(int lg)
{
    const uint32_t n = 1u << lg;
    const int per = lg / 2;
    ent_gmcr *m;
    ent_error err;
    if (ent_gmcr_new(&m, 2, n, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return NULL;
    }
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    int w[2][24];
    for (int d = 0; d < 2; d++)
        for (int k = 0; k < lg; k++)
            w[d][k] = (int)(rng(&seed) % 17) - 8;
    for (uint32_t s = 0; s < n; s++)
        for (int d = 0; d < 2; d++) {
            int64_t r = 0;
            for (int k = 0; k < lg; k++)
                if (s >> k & 1)
                    r += w[d][k];
            if (ent_gmcr_set_rank(m, d, s, r) != ENT_OK ||
                ent_gmcr_set_component(m, s, d, (int)(s >> (d * per) & ((1u << per) - 1))) != ENT_OK) {
                ent_gmcr_free(&m);
                return NULL;
            }
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

static ent_gmcr *generate(int lg, int ndm)
{
    if (ndm == 2)
        return generate2(lg);
    const int per = lg / 4;
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

static uint64_t verdict_hash(const ent_gmcr_result *r, uint32_t n, int ndm, long *eq)
{
    uint64_t h = 1469598103934665603ull;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
        eq[c] = 0;
        for (uint32_t s = 0; s < n; s++) {
            for (int d = 0; d < ndm; d++) {
                h ^= (uint64_t)(ent_gmcr_stable(r, c, d, s) + 1);
                h *= 1099511628211ull;
            }
            eq[c] += ent_gmcr_equilibrium(r, c, s);
        }
    }
    return h;
}

static void set_threads(int t)
{
#ifdef _OPENMP
    omp_set_num_threads(t);
#else
    (void)t;
#endif
}

static double median(double *v, int k)
{
    qsort(v, (size_t)k, sizeof *v, cmp_d);
    return v[k / 2];
}

/* `reps` pairs of runs (1 thread, then maxt threads) of analyze(m); OUT: medians, the
 * median paired ratio, and the results of the last 1-thread and maxt-thread runs. */
typedef int (*analyze_fn)(const ent_gmcr *m, void **res);
static int an_ind(const ent_gmcr *m, void **res)
{
    ent_gmcr_result *r = *res;
    ent_gmcr_result_free(&r);
    ent_error err;
    int rc = ent_gmcr_analyze(m, &r, &err);
    if (rc != ENT_OK)
        fprintf(stderr, "%s\n", err.msg);
    *res = r;
    return rc;
}
static int an_coal(const ent_gmcr *m, void **res)
{
    ent_gmcr_cresult *r = *res;
    ent_gmcr_cresult_free(&r);
    ent_error err;
    int rc = ent_gmcr_coalition_analyze(m, &r, &err);
    if (rc != ENT_OK)
        fprintf(stderr, "%s\n", err.msg);
    *res = r;
    return rc;
}

/* CPU seconds used so far by each thread of a team of `t` (libgomp keeps the same
 * threads from one parallel region to the next). */
static void team_cpu(int t, double *cpu)
{
#ifdef _OPENMP
#pragma omp parallel num_threads(t)
    {
        struct rusage ru;
        getrusage(RUSAGE_THREAD, &ru);
        cpu[omp_get_thread_num()] = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                                    (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    }
#else
    (void)t;
    cpu[0] = 0;
#endif
}

/* Work split of the last all-core run: the largest share of CPU time taken by one thread
 * (1/threads when perfectly balanced) and the speed-up that split allows on idle cores
 * (total CPU / largest thread CPU). */
static double split_share, split_bound;

static int time_pairs(const ent_gmcr *m, analyze_fn fn, int reps, int maxt, double *med1,
                      double *medn, double *ratio, void **r1, void **rn)
{
    double *t1 = malloc((size_t)reps * 3 * sizeof *t1), *tn = t1 + reps, *rt = t1 + 2 * reps;
    if (!t1)
        return 1;
    for (int k = 0; k < reps; k++) {
        set_threads(1);
        double t0 = now();
        if (fn(m, r1) != ENT_OK) {
            free(t1);
            return 1;
        }
        t1[k] = now() - t0;
        tn[k] = t1[k];
        if (maxt > 1) {
            double c0[64], c1[64];
            int tt = maxt < 64 ? maxt : 64;
            team_cpu(tt, c0);
            set_threads(maxt);
            t0 = now();
            if (fn(m, rn) != ENT_OK) {
                free(t1);
                return 1;
            }
            tn[k] = now() - t0;
            team_cpu(tt, c1);
            double tot = 0, mx = 0;
            for (int q = 0; q < tt; q++) {
                double d = c1[q] - c0[q];
                tot += d;
                mx = d > mx ? d : mx;
            }
            split_share = tot > 0 ? mx / tot : 1;
            split_bound = mx > 0 ? tot / mx : 1;
        }
        rt[k] = t1[k] / tn[k];
    }
    *med1 = median(t1, reps);
    *medn = median(tn, reps);
    *ratio = median(rt, reps);
    free(t1);
    return 0;
}

static int run_size(int lg, int ndm, int reps)
{
    double t0 = now();
    ent_gmcr *m = generate(lg, ndm);
    double tbuild = now() - t0;
    if (!m)
        return 1;
    const uint32_t n = ent_gmcr_nstates(m);
    int maxt = 1;
#ifdef _OPENMP
    maxt = omp_get_num_procs();
#endif
    void *r1 = NULL, *rn = NULL;
    double med1, medn, ratio;
    if (time_pairs(m, an_ind, reps, maxt, &med1, &medn, &ratio, &r1, &rn))
        return 1;
    long eq[ENT_GMCR_NCONCEPTS], eqn[ENT_GMCR_NCONCEPTS];
    uint64_t h1 = verdict_hash(r1, n, ndm, eq), hn = rn ? verdict_hash(rn, n, ndm, eqn) : h1;
    /* baseline: the literal re-check on 64 sampled (state, DM) pairs, GMR/SMR/SEQ */
    uint64_t seed = 99;
    int mismatches = 0, checks = 0;
    t0 = now();
    for (int k = 0; k < 64; k++) {
        uint32_t s = (uint32_t)(rng(&seed) % n);
        int d = (int)(rng(&seed) % (uint64_t)ndm);
        for (int c = 1; c <= 3; c++) {
            int v;
            ent_gmcr_verify_stable(m, c, d, s, &v);
            mismatches += v != ent_gmcr_stable(r1, c, d, s);
            checks++;
        }
    }
    double per_ver = (now() - t0) / checks, per_algo = med1 / ((double)n * ndm * 4);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("states 2^%d (%d DMs, %d options each): build %.3f s; analysis, median of %d "
           "interleaved pairs: 1 thread %.3f s, %d threads %.3f s, paired speed-up %.2f; "
           "peak RSS %.0f MB\n",
           lg, ndm, lg / ndm, tbuild, reps, med1, maxt, medn, ratio, (double)ru.ru_maxrss / 1024.0);
    if (maxt > 1)
        printf("  work split (last %d-thread run): busiest thread %.0f%% of the CPU time, "
               "allowing a speed-up of %.2f on idle cores\n",
               maxt, 100 * split_share, split_bound);
    printf("  equilibria nash %ld gmr %ld smr %ld seq %ld", eq[0], eq[1], eq[2], eq[3]);
    if (ndm == 2)
        printf(" sim %ld seqsim %ld", eq[4], eq[5]);
    printf("; verdict hash %016llx%s\n", (unsigned long long)h1,
           hn == h1 ? " (same with all threads)" : " DIFFERS");
    printf("  literal re-check %.1f us per (state, DM, concept) vs %.3f us: ratio %.0f; "
           "mismatches %d of %d\n",
           per_ver * 1e6, per_algo * 1e6, per_ver / per_algo, mismatches, checks);
    ent_gmcr_result *a = r1, *b = rn;
    ent_gmcr_result_free(&a);
    ent_gmcr_result_free(&b);
    ent_gmcr_free(&m);
    return mismatches || hn != h1;
}

/* Coalitional concepts (CNASH, CGMR, CSMR, CSEQ) on 4 DMs and 2^lg states. */
static int run_coal(int lg, int reps)
{
    ent_gmcr *m = generate(lg, 4);
    if (!m)
        return 1;
    const uint32_t n = ent_gmcr_nstates(m);
    int maxt = 1;
#ifdef _OPENMP
    maxt = omp_get_num_procs();
#endif
    void *r1 = NULL, *rn = NULL;
    double med1, medn, ratio;
    if (time_pairs(m, an_coal, reps, maxt, &med1, &medn, &ratio, &r1, &rn))
        return 1;
    uint64_t h[2] = {1469598103934665603ull, 1469598103934665603ull};
    long eq[4] = {0, 0, 0, 0};
    for (int k = 0; k < 2; k++) {
        const ent_gmcr_cresult *r = k ? (rn ? rn : r1) : r1;
        for (int c = 0; c < 4; c++)
            for (uint32_t s = 0; s < n; s++) {
                for (int d = 0; d < 4; d++) {
                    unsigned hm;
                    uint32_t im, sa;
                    ent_gmcr_cwitness(r, c, d, s, &hm, &im, &sa);
                    h[k] ^= (uint64_t)ent_gmcr_cstable(r, c, d, s) + 1 + ((uint64_t)hm << 8) +
                            ((uint64_t)im << 16);
                    h[k] *= 1099511628211ull;
                }
                if (!k)
                    eq[c] += ent_gmcr_cequilibrium(r, c, s);
            }
    }
    /* the literal re-check on 16 sampled (state, DM) pairs x 4 concepts */
    uint64_t seed = 7;
    int mismatches = 0;
    double t0 = now();
    for (int k = 0; k < 16; k++) {
        uint32_t s = (uint32_t)(rng(&seed) % n);
        int d = (int)(rng(&seed) % 4);
        for (int c = 0; c < 4; c++) {
            int v;
            ent_gmcr_verify_cstable(m, c, d, s, &v);
            mismatches += v != ent_gmcr_cstable(r1, c, d, s);
        }
    }
    double per_ver = (now() - t0) / 64, per_algo = med1 / ((double)n * 4 * 4);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("coalitional, states 2^%d (4 DMs): median of %d interleaved pairs: 1 thread %.3f s, "
           "%d threads %.3f s, paired speed-up %.2f; peak RSS %.0f MB\n",
           lg, reps, med1, maxt, medn, ratio, (double)ru.ru_maxrss / 1024.0);
    if (maxt > 1)
        printf("  work split (last %d-thread run): busiest thread %.0f%% of the CPU time, "
               "allowing a speed-up of %.2f on idle cores\n",
               maxt, 100 * split_share, split_bound);
    printf("  equilibria cnash %ld cgmr %ld csmr %ld cseq %ld; verdict hash %016llx%s\n", eq[0],
           eq[1], eq[2], eq[3], (unsigned long long)h[0],
           h[0] == h[1] ? " (same with all threads)" : " DIFFERS");
    printf("  literal re-check %.1f us per (state, DM, concept) vs %.3f us: ratio %.0f; "
           "mismatches %d of 64\n",
           per_ver * 1e6, per_algo * 1e6, per_ver / per_algo, mismatches);
    ent_gmcr_cresult *a = r1, *b = rn;
    ent_gmcr_cresult_free(&a);
    ent_gmcr_cresult_free(&b);
    ent_gmcr_free(&m);
    return mismatches || h[0] != h[1];
}

/* usage: bench_gmcr [RUNS] — 2^16 states (4 and 2 DMs), coalitional 2^10; with
 * GMCR_BENCH_LARGE=1 also 2^20 states and coalitional 2^11. */
int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    if (reps < 1 || reps > 50) {
        fprintf(stderr, "usage: bench_gmcr [RUNS (1..50, default 5)]\n");
        return 2;
    }
    const char *large = getenv("GMCR_BENCH_LARGE");
    int big = large && !strcmp(large, "1");
    int rc = run_size(16, 4, reps);
    if (!rc)
        rc = run_size(16, 2, reps);
    if (!rc)
        rc = run_coal(10, reps);
    if (!rc && big)
        rc = run_size(20, 4, reps);
    if (!rc && big)
        rc = run_size(20, 2, reps);
    if (!rc && big)
        rc = run_coal(11, reps);
    return rc;
}
