/* bench_efg.c — backward induction on generated perfect-information trees: complete binary
 * trees of depth D (2^(D+1) - 1 nodes, 2 players alternating, every decision node its own
 * information set, integer payoffs uniform in 0..999999 from a seeded generator), built in
 * memory with the preorder builder. Times (process CPU, median of R runs): building,
 * backward induction (the listed SPE and the count of all), and the independent check of
 * the listed SPE; ns per node; peak RSS. A hash of the root payoffs and the count is
 * printed so that a faster version cannot silently change the answer.
 * Usage: bench_efg [RUNS] [DEPTH...]  (default 3 runs, depths 19 and 22). */
#include "entente.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng(uint64_t *s)
{
    *s += 0x9E3779B97F4A7C15ULL;
    uint64_t z = *s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Complete binary tree of depth d in preorder. */
static ent_efg *build(int d, uint64_t seed)
{
    ent_efg *t;
    ent_error e;
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = (size_t)16 << 30;
    if (ent_efg_new(&t, 2, &o, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    uint64_t s = seed;
    int *depth = malloc(sizeof(int) * (size_t)(d + 2) * 2), top = 0;
    depth[top++] = 0;
    while (top > 0) {
        int k = depth[--top];
        if (k == d) {
            double pay[2] = {(double)(rng(&s) % 1000000), (double)(rng(&s) % 1000000)};
            int oc = ent_efg_add_outcome(t, pay, NULL, NULL, 0, "", &e);
            if (oc < 0 || ent_efg_add_node(t, -1, oc, "", &e) < 0) {
                fprintf(stderr, "%s\n", e.msg);
                exit(1);
            }
            continue;
        }
        int h = ent_efg_add_infoset(t, k % 2, 2, NULL, NULL, NULL, NULL, 0, "", &e);
        if (h < 0 || ent_efg_add_node(t, h, -1, "", &e) < 0) {
            fprintf(stderr, "%s\n", e.msg);
            exit(1);
        }
        depth[top++] = k + 1;
        depth[top++] = k + 1;
    }
    free(depth);
    if (ent_efg_finish(t, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    return t;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmpd);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 3;
    int depths[16], nd = 0;
    for (int i = 2; i < argc && nd < 16; i++)
        depths[nd++] = atoi(argv[i]);
    if (!nd) {
        depths[nd++] = 19;
        depths[nd++] = 22;
    }
    if (runs < 1)
        runs = 1;
    printf("%-6s %10s %9s %9s %9s %9s %8s %9s %s\n", "depth", "nodes", "build_s", "bi_s",
           "check_s", "bi_ns/node", "count", "rss_MiB", "hash");
    for (int i = 0; i < nd; i++) {
        double tb[32], ts[32], tc[32];
        uint64_t hash = 0, count = 0;
        int nodes = 0;
        for (int r = 0; r < runs && r < 32; r++) {
            double t0 = cpu_now();
            ent_efg *t = build(depths[i], 20251204);
            double t1 = cpu_now();
            ent_spe_opts o;
            ent_spe_opts_init(&o);
            o.max_list = 1;
            ent_spe_result res;
            ent_error e;
            if (ent_efg_spe_backward(t, &o, &res, &e)) {
                fprintf(stderr, "%s\n", e.msg);
                return 1;
            }
            double t2 = cpu_now(), w;
            if (ent_efg_verify_pure_spe(t, res.choice, res.tol, &w, NULL) != 1) {
                fprintf(stderr, "the listed SPE failed the check\n");
                return 1;
            }
            double t3 = cpu_now();
            tb[r] = t1 - t0;
            ts[r] = t2 - t1;
            tc[r] = t3 - t2;
            nodes = ent_efg_nnodes(t);
            count = res.count;
            uint64_t h = 1469598103934665603ULL;
            const unsigned char *p = (const unsigned char *)res.payoff;
            for (size_t k = 0; k < 2 * sizeof(double); k++)
                h = (h ^ p[k]) * 1099511628211ULL;
            h = (h ^ count) * 1099511628211ULL;
            hash = h;
            ent_spe_result_clear(&res);
            ent_efg_free(&t);
        }
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        int n = runs < 32 ? runs : 32;
        double b = median(tb, n), s = median(ts, n), c = median(tc, n);
        printf("%-6d %10d %9.3f %9.3f %9.3f %9.1f %8llu %9.0f %016llx\n", depths[i], nodes, b, s,
               c, 1e9 * s / nodes, (unsigned long long)count, (double)ru.ru_maxrss / 1024.0,
               (unsigned long long)hash);
    }
    return 0;
}
