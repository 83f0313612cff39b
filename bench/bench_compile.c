/* bench_compile.c — scenario compilation rate on one core: how many parameter points of
 * the default scenario (configs/ukraine-2025.cfg, 4 actors, 24 profiles, 9 rules) become
 * normal-form games per second. Three timings over the same pre-drawn points, each the
 * median of R runs: ent_scenario_compile_at (a new game per point, as a sweep that keeps
 * every game), ent_scenario_fill (recomputing one game in place, allocation-free), and a
 * baseline: the same rules hand-written in C. Prints rates, the ratio to the baseline
 * and a result hash (FNV-1a over all payoffs) per method; the hashes must agree.
 * usage: bench_compile [RUNS [SCENARIO]]   (default 5 runs, minimum 5) */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POINTS 20000

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

static uint64_t fnv(uint64_t h, const double *x, size_t n)
{
    const unsigned char *b = (const unsigned char *)x;
    for (size_t i = 0; i < n * sizeof(double); i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* parameter indices used by the hand-written baseline */
enum { RU_FIGHT, RU_EURO, RU_TROOPS, RU_US, Q_ALONE, Q_BACK, UA_PEACE, UA_FREEZE, UA_GUAR, UA_BACK,
       CO_PEACE, CO_LEAD, CO_DEPLOY, CO_NOEN, CO_WAR, CO_HUM, US_PEACE, US_COST, US_INFL, US_WAR, NP };
static const char *const pnames[NP] = {
    "ru_fight_gain", "ru_euro_war", "ru_troops", "ru_us", "q_alone", "q_backstop", "ua_peace",
    "ua_freeze_risk", "ua_guarantee", "ua_backstop", "co_peace", "co_lead", "co_deploy_cost",
    "co_no_enablers", "co_war_cost", "co_humiliation", "us_peace", "us_cost", "us_influence", "us_war_cost"};

/* the rules of ukraine-2025.cfg in C; profile order: coalition fastest (3), us (2),
 * russia (2), ukraine (2) */
static void native(const double *v, const int *map, double *pay[4])
{
#define V(k) v[map[k]]
    int i = 0;
    for (int uc = 0; uc < 2; uc++)
        for (int rc = 0; rc < 2; rc++)
            for (int B = 0; B < 2; B++)
                for (int c = 0; c < 3; c++, i++) {
                    int deploy = c >= 1, engage = c == 2, H = rc && uc, D = deploy && uc;
                    double q = B ? V(Q_BACK) : V(Q_ALONE), co = 0, us = 0, ru = 0, ua = 0;
                    if (H) {
                        ua += V(UA_PEACE);
                        co += V(CO_PEACE);
                        us += V(US_PEACE);
                    } else {
                        ru += V(RU_FIGHT);
                    }
                    if (H && !deploy)
                        ua -= V(UA_FREEZE);
                    if (D) {
                        ua += V(UA_GUAR);
                        ru -= V(RU_TROOPS);
                        co += V(CO_LEAD) - V(CO_DEPLOY);
                        if (B) {
                            ua += V(UA_BACK);
                            ru -= V(RU_US);
                            us += V(US_INFL);
                        } else {
                            co -= V(CO_NOEN);
                        }
                    }
                    if (B)
                        us -= V(US_COST);
                    if (D && !rc) {
                        if (engage) {
                            ru -= q * V(RU_EURO);
                            co -= q * V(CO_WAR);
                            us -= B ? q * V(US_WAR) : 0;
                            ua += q * V(UA_GUAR);
                        } else {
                            co -= V(CO_HUM);
                            ua -= V(UA_GUAR);
                        }
                    }
                    pay[0][i] = co;
                    pay[1][i] = us;
                    pay[2][i] = ru;
                    pay[3][i] = ua;
                }
#undef V
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    const char *path = argc > 2 ? argv[2] : "configs/ukraine-2025.cfg";
    if (runs < 5)
        runs = 5;
    ent_scenario *s;
    ent_error err;
    if (ent_scenario_load(path, NULL, &s, &err) != ENT_OK) {
        fprintf(stderr, "bench_compile: %s\n", err.msg);
        return 1;
    }
    int np = ent_scenario_nparams(s), map[NP], have_native = np == NP;
    for (int k = 0; k < NP && have_native; k++)
        have_native = (map[k] = ent_scenario_param_index(s, pnames[k])) >= 0;
    double *pts = malloc(sizeof(double) * (size_t)np * POINTS);
    double *t_comp = malloc(sizeof(double) * (size_t)runs), *t_fill = malloc(sizeof(double) * (size_t)runs),
           *t_nat = malloc(sizeof(double) * (size_t)runs);
    ent_game *g;
    if (!pts || !t_comp || !t_fill || !t_nat || ent_scenario_compile(s, &g, &err) != ENT_OK) {
        fprintf(stderr, "bench_compile: setup failed\n");
        return 1;
    }
    for (int i = 0; i < POINTS; i++)
        ent_scenario_sample_into(s, 20250904, (uint64_t)i, pts + (size_t)i * (size_t)np);
    int n = ent_game_nplayers(g);
    size_t prof = (size_t)ent_game_nprofiles(g);
    uint64_t h_comp = 0, h_fill = 0, h_nat = 0;
    for (int r = 0; r < runs; r++) {
        uint64_t h = 0xcbf29ce484222325ULL;
        double t0 = now();
        for (int i = 0; i < POINTS; i++) {
            ent_game *x;
            if (ent_scenario_compile_at(s, pts + (size_t)i * (size_t)np, &x, &err) != ENT_OK) {
                fprintf(stderr, "bench_compile: %s\n", err.msg);
                return 1;
            }
            if (r == 0)
                for (int a = 0; a < n; a++)
                    h = fnv(h, ent_game_payoffs(x, a), prof);
            ent_game_free(&x);
        }
        t_comp[r] = now() - t0;
        if (r == 0)
            h_comp = h;
        h = 0xcbf29ce484222325ULL;
        t0 = now();
        for (int i = 0; i < POINTS; i++) {
            if (ent_scenario_fill(s, pts + (size_t)i * (size_t)np, g, &err) != ENT_OK) {
                fprintf(stderr, "bench_compile: %s\n", err.msg);
                return 1;
            }
            if (r == 0)
                for (int a = 0; a < n; a++)
                    h = fnv(h, ent_game_payoffs(g, a), prof);
        }
        t_fill[r] = now() - t0;
        if (r == 0)
            h_fill = h;
        if (have_native && n == 4 && prof == 24) {
            double *pay[4];
            for (int a = 0; a < 4; a++)
                pay[a] = ent_game_payoffs_mut(g, a);
            h = 0xcbf29ce484222325ULL;
            t0 = now();
            for (int i = 0; i < POINTS; i++) {
                native(pts + (size_t)i * (size_t)np, map, pay);
                if (r == 0)
                    for (int a = 0; a < 4; a++)
                        h = fnv(h, pay[a], 24);
            }
            t_nat[r] = now() - t0;
            if (r == 0)
                h_nat = h;
        }
    }
    printf("scenario compilation: %s, %d actors, %zu profiles, %d points, median of %d runs, one core\n", path, n,
           prof, POINTS, runs);
    double mc = median(t_comp, runs), mf = median(t_fill, runs);
    printf("  compile_at (new game per point): %10.0f points/s  hash %016llx\n", POINTS / mc,
           (unsigned long long)h_comp);
    printf("  fill (one game, in place):       %10.0f points/s  hash %016llx\n", POINTS / mf,
           (unsigned long long)h_fill);
    int rc = h_comp == h_fill ? 0 : 1;
    if (have_native && n == 4 && prof == 24) {
        double mn = median(t_nat, runs);
        printf("  baseline: rules hand-written in C: %8.0f points/s  hash %016llx\n", POINTS / mn,
               (unsigned long long)h_nat);
        printf("  ratio compile_at / baseline time: %.1fx; fill / baseline: %.1fx; hashes %s\n", mc / mn, mf / mn,
               h_nat == h_fill && !rc ? "agree" : "DIFFER");
        if (h_nat != h_fill)
            rc = 1;
    }
    ent_game_free(&g);
    ent_scenario_free(&s);
    free(pts);
    free(t_comp);
    free(t_fill);
    free(t_nat);
    return rc;
}
