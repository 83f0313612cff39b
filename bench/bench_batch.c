/* bench_batch.c — times Monte Carlo over a scenario (ent_batch_montecarlo) with 1 and 2
 * threads against a baseline measured in the same run: a serial loop that only draws the
 * parameters and fills the game (ent_scenario_sample_into + ent_scenario_fill), i.e.
 * the part of each sample that is not equilibrium finding. Prints medians of R runs,
 * samples per second, the ratio to the baseline, the 1 -> 2 thread speed-up and a
 * result hash (FNV-1a of profiles, counts and the no-equilibrium count).
 * usage: bench_batch [RUNS [SAMPLES [SCENARIO]]]   (defaults 5, 20000,
 * configs/ukraine-2025.cfg; RUNS at least 5) */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static uint64_t fnv(uint64_t h, uint64_t x)
{
    for (int i = 0; i < 8; i++) {
        h ^= (x >> (8 * i)) & 0xff;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t result_hash(const ent_montecarlo_result *r)
{
    uint64_t h = fnv(0xcbf29ce484222325ULL, r->none);
    for (size_t k = 0; k < r->n; k++)
        h = fnv(fnv(h, r->profile[k]), r->count[k]);
    return h;
}

static volatile double sink;

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    long long samples = argc > 2 ? atoll(argv[2]) : 20000;
    const char *path = argc > 3 ? argv[3] : "configs/ukraine-2025.cfg";
    if (runs < 5)
        runs = 5;
    if (samples < 1)
        samples = 1;
    ent_error err = {0, ""};
    ent_scenario *s = NULL;
    if (ent_scenario_load(path, NULL, &s, &err) != ENT_OK) {
        fprintf(stderr, "bench_batch: %s\n", err.msg);
        return 1;
    }
    int np = ent_scenario_nparams(s);
    double *v = malloc(sizeof(double) * (size_t)(np > 0 ? np : 1));
    double *tb = malloc(sizeof(double) * (size_t)runs), *t1 = malloc(sizeof(double) * (size_t)runs),
           *t2 = malloc(sizeof(double) * (size_t)runs);
    ent_game *g = NULL;
    if (!v || !tb || !t1 || !t2 || ent_scenario_compile(s, &g, &err) != ENT_OK) {
        fprintf(stderr, "bench_batch: %s\n", err.msg[0] ? err.msg : "out of memory");
        return 1;
    }
    for (int i = 0; i < np; i++)
        v[i] = ent_scenario_param_value(s, i);
    uint64_t h1 = 0, h2 = 0;
    ent_batch_opts o1, o2;
    ent_batch_opts_init(&o1);
    ent_batch_opts_init(&o2);
    o1.threads = 1;
    o2.threads = 2;
    for (int r = 0; r < runs; r++) {
        double t = now(), acc = 0;
        for (long long i = 0; i < samples; i++) {
            ent_scenario_sample_into(s, 20250904, (uint64_t)i, v);
            ent_scenario_fill(s, v, g, NULL);
            acc += ent_game_payoffs(g, 0)[0];
        }
        sink = acc;
        tb[r] = now() - t;
        ent_montecarlo_result res;
        t = now();
        if (ent_batch_montecarlo(s, 20250904, (uint64_t)samples, &o1, &res, &err) != ENT_OK) {
            fprintf(stderr, "bench_batch: %s\n", err.msg);
            return 1;
        }
        t1[r] = now() - t;
        h1 = result_hash(&res);
        ent_montecarlo_result_free(&res);
        t = now();
        if (ent_batch_montecarlo(s, 20250904, (uint64_t)samples, &o2, &res, &err) != ENT_OK) {
            fprintf(stderr, "bench_batch: %s\n", err.msg);
            return 1;
        }
        t2[r] = now() - t;
        h2 = result_hash(&res);
        ent_montecarlo_result_free(&res);
    }
    double mb = median(tb, runs), m1 = median(t1, runs), m2 = median(t2, runs);
    printf("Monte Carlo, %s (%llu profiles), %lld samples, median of %d runs (wall s)\n", path,
           (unsigned long long)ent_scenario_nprofiles(s), samples, runs);
    printf("%12s %10s %10s %14s %10s %8s %18s %s\n", "draw+fill", "mc_1t", "mc_2t", "samples/s(1t)",
           "1t/fill", "1t/2t", "hash", "same");
    printf("%12.5f %10.5f %10.5f %14.0f %10.2f %8.2f %016llx %s\n", mb, m1, m2, (double)samples / m1,
           m1 / mb, m1 / m2, (unsigned long long)h1, h1 == h2 ? "yes" : "NO");
    ent_game_free(&g);
    ent_scenario_free(&s);
    free(v);
    free(tb);
    free(t1);
    free(t2);
    return h1 == h2 ? 0 : 1;
}
