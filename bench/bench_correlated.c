/* bench_correlated.c — benchmark of issue 5: the welfare-maximising correlated
 * equilibrium LP on random games (4 players x 8 strategies = 4,096 profiles; 6 x 6 =
 * 46,656; 10 x 3 = 59,049) and the logit QRE path on random 3- and 4-player games.
 * Prints the median of RUNS runs, the ratio to a baseline measured in the same run (one
 * pass of the independent verifier over the same game), peak RSS, and a result hash so a
 * speed-up cannot silently change answers. Usage: bench_correlated [RUNS] [quick] */
#include "entente.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp_d);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Random game, payoffs uniform on [0, 10) with 3 decimals, from a fixed seed. */
static ent_game *random_game(int n, int m, uint64_t seed)
{
    int ns[16];
    for (int p = 0; p < n; p++)
        ns[p] = m;
    ent_game *g;
    if (ent_game_new(&g, n, ns, NULL, NULL) != ENT_OK)
        return NULL;
    uint64_t s = seed;
    for (int p = 0; p < n; p++) {
        double *u = ent_game_payoffs_mut(g, p);
        for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            u[i] = (double)((s >> 33) % 10000) / 1000.0;
        }
    }
    return g;
}

static int bench_ce(int n, int m, int runs)
{
    ent_game *g = random_game(n, m, 20251126u + (uint64_t)(n * 100 + m));
    if (!g)
        return 1;
    uint64_t np = ent_game_nprofiles(g);
    double *dist = malloc(sizeof(double) * (size_t)np), w[16], t[64], b[64], cp[64];
    double v = 0, mg = 0;
    for (int p = 0; p < n; p++)
        w[p] = 1;
    for (int r = 0; r < runs; r++) {
        double t0 = now_s(), c0 = cpu_s();
        ent_ce *ce;
        ent_error err;
        if (ent_ce_new(g, ENT_CE, &ce, &err) != ENT_OK ||
            ent_ce_optimize(ce, w, 1, dist, &v, &err) != ENT_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        ent_ce_free(&ce);
        t[r] = now_s() - t0;
        cp[r] = cpu_s() - c0;
        t0 = now_s();
        ent_verify_correlated(g, ENT_CE, dist, NULL, &mg);
        b[r] = now_s() - t0;
    }
    ent_solver_thread_done();
    double tm = median(t, runs), bm = median(b, runs), cm = median(cp, runs);
    printf("ce-welfare  %2d players x %d strategies  %7llu profiles  median %8.3f s (cpu %7.3f s)  "
           "verify %7.4f s  ratio %8.1f  peak RSS %6ld MB  welfare %.9g  max gain %.2g\n",
           n, m, (unsigned long long)np, tm, cm, bm, tm / bm, peak_rss_kb() / 1024, v, mg);
    free(dist);
    ent_game_free(&g);
    return 0;
}

static int bench_qre(int n, int m, int runs)
{
    ent_game *g = random_game(n, m, 77u + (uint64_t)(n * 100 + m));
    double t[64], b[64];
    ent_qre_branch br;
    int T = ent_game_total_strategies(g);
    double *x = malloc(sizeof(double) * (size_t)T);
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        if (ent_qre_trace(g, NULL, &br, NULL) != ENT_OK) {
            fprintf(stderr, "qre failed\n");
            return 1;
        }
        t[r] = now_s() - t0;
        for (int i = 0; i < T; i++)
            x[i] = br.limit[i];
        if (r < runs - 1)
            ent_qre_branch_clear(&br);
        t0 = now_s();
        ent_verify_max_regret(g, x);
        b[r] = now_s() - t0;
    }
    double h = 0;
    for (int i = 0; i < T; i++)
        h += x[i] * (i + 1);
    double tm = median(t, runs), bm = median(b, runs);
    printf("qre-path    %2d players x %d strategies  %7llu profiles  median %8.4f s  "
           "verify %7.5f s  ratio %8.1f  points %d  limit regret %.2g  hash %.9g\n",
           n, m, (unsigned long long)ent_game_nprofiles(g), tm, bm, tm / bm, br.npoints,
           br.limit_regret, h);
    ent_qre_branch_clear(&br);
    free(x);
    ent_game_free(&g);
    return 0;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    int quick = argc > 2 && !strcmp(argv[2], "quick");
    if (runs < 1 || runs > 64)
        runs = 5;
    int rc = 0;
    rc |= bench_qre(3, 4, runs);
    rc |= bench_qre(4, 3, runs);
    rc |= bench_qre(5, 2, runs);
    rc |= bench_ce(4, 8, runs);
    if (!quick) {
        rc |= bench_ce(6, 6, runs);
        rc |= bench_ce(10, 3, runs);
    }
    return rc;
}
