/* bench_pure.c — times pure-equilibrium enumeration (ent_pure_nash) on seeded random
 * games against the physical reference of reading the same payoff bytes once (a
 * streaming sum), in the same run. Prints medians of R runs, profiles per second, the
 * ratio to the streaming read, the 1 -> 2 thread speed-up and a result hash (count and
 * FNV-1a of the equilibria) so a speed-up cannot silently change answers.
 * usage: bench_pure [RUNS]   (default 7, minimum 5) */
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

static volatile double sink;

/* Sum every payoff of every player once, with `threads` threads and eight independent
 * accumulators per thread (so the add latency does not hide the memory bandwidth). */
static double stream_sum(const ent_game *g, int threads)
{
    int np = ent_game_nplayers(g);
    uint64_t nprof = ent_game_nprofiles(g);
    double total = 0;
    (void)threads; /* unused without OpenMP */
    for (int p = 0; p < np; p++) {
        const double *u = ent_game_payoffs(g, p);
        double s = 0;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(+ : s)
        for (uint64_t b = 0; b < nprof / 8; b++) {
            const double *x = u + 8 * b;
            s += ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
        }
        for (uint64_t i = nprof / 8 * 8; i < nprof; i++)
            s += u[i];
        total += s;
    }
    return total;
}

static uint64_t result_hash(const ent_pure_eq *eq, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < n; k++) {
        uint64_t v = eq[k].profile * 2 + (eq[k].strict != 0);
        for (int b = 0; b < 8; b++) {
            h ^= (v >> (8 * b)) & 0xff;
            h *= 0x100000001b3ULL;
        }
    }
    return h;
}

typedef struct {
    const char *name;
    int np, ns[16];
    int integer;
    double lo, hi;
} shape;

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 7;
    if (runs < 5)
        runs = 5;
    static const shape shapes[] = {
        {"12x3", 12, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, 0, 0, 1},
        {"8x6", 8, {6, 6, 6, 6, 6, 6, 6, 6}, 0, 0, 1},
        {"2x1000", 2, {1000, 1000}, 0, 0, 1},
        {"12x3-ties", 12, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, 1, 0, 0},
    };
    char load[128] = "?";
    FILE *lf = fopen("/proc/loadavg", "r");
    if (lf) {
        if (!fgets(load, sizeof load, lf))
            snprintf(load, sizeof load, "?");
        load[strcspn(load, "\n")] = '\0';
        fclose(lf);
    }
    printf("pure equilibria: median of %d runs; stream = one read of all payoff bytes; "
           "load average before: %s\n", runs, load);
    printf("%-10s %9s %7s %9s %9s %9s %9s %7s %7s %7s %11s %s\n", "game", "profiles", "MB",
           "stream1", "stream2", "enum1", "enum2", "enum1/", "enum2/", "speedup", "Mprof/s",
           "result");
    printf("%-10s %9s %7s %9s %9s %9s %9s %7s %7s %7s %11s %s\n", "", "", "", "ms", "ms", "ms",
           "ms", "stream1", "stream2", "1->2", "(2 thr)", "count:hash");
    int bad = 0;
    double *t = malloc(sizeof(double) * 4 * (size_t)runs);
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        const shape *sh = &shapes[k];
        ent_random_opts ro;
        ent_random_opts_init(&ro);
        ro.seed = 20251126 + k;
        ro.integer = sh->integer;
        ro.lo = sh->lo;
        ro.hi = sh->hi;
        ent_game *g;
        ent_error err;
        if (ent_game_random(&g, sh->np, sh->ns, &ro, &err) != ENT_OK) {
            fprintf(stderr, "bench_pure: %s\n", err.msg);
            return 1;
        }
        uint64_t nprof = ent_game_nprofiles(g);
        double mb = (double)nprof * sh->np * 8 / 1e6, med[4];
        uint64_t hash[2] = {0, 0}, cnt[2] = {0, 0};
        /* Interleaved rounds (stream 1, enum 1, stream 2, enum 2), so that load from other
         * processes on a shared machine hits all four series alike; one warm-up round. */
        for (int r = -1; r < runs; r++) {
            for (int th = 1; th <= 2; th++) {
                double t0 = now();
                sink = stream_sum(g, th);
                double ts = now() - t0;
                ent_pure_opts o;
                ent_pure_opts_init(&o);
                o.threads = th;
                ent_pure_eq *eq;
                size_t n;
                uint64_t total;
                t0 = now();
                if (ent_pure_nash(g, &o, &eq, &n, &total, &err) != ENT_OK) {
                    fprintf(stderr, "bench_pure: %s\n", err.msg);
                    return 1;
                }
                double te = now() - t0;
                uint64_t h = result_hash(eq, n);
                free(eq);
                if (r < 0) {
                    hash[th - 1] = h;
                    cnt[th - 1] = total;
                    continue;
                }
                if (h != hash[th - 1] || total != cnt[th - 1])
                    bad = 1;
                t[(th - 1) * runs + r] = ts;
                t[(2 + th - 1) * runs + r] = te;
            }
        }
        for (int q = 0; q < 4; q++)
            med[q] = median(t + q * runs, runs);
        if (hash[0] != hash[1] || cnt[0] != cnt[1]) {
            fprintf(stderr, "bench_pure: %s: 1 and 2 threads disagree\n", sh->name);
            bad = 1;
        }
        printf("%-10s %9llu %7.1f %9.2f %9.2f %9.2f %9.2f %7.2f %7.2f %7.2f %11.1f %llu:%016llx\n",
               sh->name, (unsigned long long)nprof, mb, 1e3 * med[0], 1e3 * med[1], 1e3 * med[2],
               1e3 * med[3], med[2] / med[0], med[3] / med[1], med[2] / med[3],
               (double)nprof / med[3] / 1e6, (unsigned long long)cnt[0],
               (unsigned long long)hash[0]);
        fflush(stdout);
        ent_game_free(&g);
    }
    free(t);
    return bad;
}
