/* test_batch.c — sweeps and Monte Carlo (solver/batch.c): a sweep across thresholds
 * computed by hand (tests/data/batch/threshold.cfg), Monte Carlo counts against a serial
 * brute-force loop written here (also on the Ukraine scenario, which has infeasible
 * profiles), identical results with 1 and 2 threads, Wilson intervals, bad arguments. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "entente.h"

#define THRESHOLD "tests/data/batch/threshold.cfg"
#define UKRAINE "configs/ukraine-2025.cfg"

static ent_scenario *load(const char *path)
{
    ent_scenario *s = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_load(path, NULL, &s, &err), ENT_OK, "%s: %s", path, err.msg);
    return s;
}

/* profile indices of threshold.cfg: row a/b stride 1, column x/y stride 2 */
enum { AX = 0, BY = 3 };

static void expect_point(const ent_sweep_result *r, int k, int n, uint64_t eq)
{
    cr_assert_eq(r->offset[k + 1] - r->offset[k], (size_t)n, "point %d (value %g)", k, r->value[k]);
    if (n)
        cr_assert_eq(r->eq[r->offset[k]], eq, "point %d (value %g)", k, r->value[k]);
}

Test(batch, sweep_switches_at_hand_computed_thresholds)
{
    /* t <= 2: (a,x); 2 < t < 3: none; t >= 3: (b,y) (see the comment in the file) */
    ent_scenario *s = load(THRESHOLD);
    int t = ent_scenario_param_index(s, "t");
    ent_sweep_result r;
    ent_error err = {0, ""};
    cr_assert_eq(ent_batch_sweep(s, t, 0.0, 4.0, 9, NULL, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(r.steps, 9);
    for (int k = 0; k < 9; k++)
        cr_assert_float_eq(r.value[k], 0.5 * k, 1e-12);
    for (int k = 0; k <= 4; k++)
        expect_point(&r, k, 1, AX);
    expect_point(&r, 5, 0, 0);
    for (int k = 6; k <= 8; k++)
        expect_point(&r, k, 1, BY);
    ent_sweep_result_free(&r);
    /* around the second threshold: 2.5 none, 3 (b,y) weakly, 3.5 (b,y) */
    cr_assert_eq(ent_batch_sweep(s, t, 2.5, 3.5, 3, NULL, &r, &err), ENT_OK, "%s", err.msg);
    expect_point(&r, 0, 0, 0);
    expect_point(&r, 1, 1, BY);
    expect_point(&r, 2, 1, BY);
    ent_sweep_result_free(&r);
    ent_scenario_free(&s);
}

Test(batch, sweep_keeps_other_parameters_current)
{
    /* with t set to 1, sweeping base over 0, 1, 2: Column answers a with y when base < 1,
     * so base 0 has no pure equilibrium; base >= 1 gives (a,x) */
    ent_scenario *s = load(THRESHOLD);
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_set_param(s, "t", 1.0, &err), ENT_OK);
    ent_sweep_result r;
    cr_assert_eq(ent_batch_sweep(s, ent_scenario_param_index(s, "base"), 0.0, 2.0, 3, NULL, &r, &err),
                 ENT_OK, "%s", err.msg);
    expect_point(&r, 0, 0, 0);
    expect_point(&r, 1, 1, AX);
    expect_point(&r, 2, 1, AX);
    ent_sweep_result_free(&r);
    ent_scenario_free(&s);
}

/* Brute force, serially: every feasible profile checked against every deviation. */
static void brute_counts(const ent_scenario *s, uint64_t seed, uint64_t samples, uint64_t *count,
                         uint64_t *none)
{
    int np = ent_scenario_nparams(s), na = ent_scenario_nactors(s);
    uint64_t nprof = ent_scenario_nprofiles(s);
    double *v = malloc(sizeof(double) * (size_t)np);
    int *prof = malloc(sizeof(int) * (size_t)na);
    memset(count, 0, sizeof(uint64_t) * nprof);
    *none = 0;
    for (uint64_t i = 0; i < samples; i++) {
        for (int j = 0; j < np; j++)
            v[j] = ent_scenario_param_value(s, j);
        ent_scenario_sample_into(s, seed, i, v);
        ent_game *g = NULL;
        cr_assert_eq(ent_scenario_compile_at(s, v, &g, NULL), ENT_OK);
        int any = 0;
        for (uint64_t x = 0; x < nprof; x++) {
            ent_game_profile_decode(g, x, prof);
            if (!ent_scenario_profile_feasible(s, prof))
                continue;
            int ok = 1;
            for (int p = 0; p < na && ok; p++) {
                int keep = prof[p];
                double here = ent_game_payoffs(g, p)[x];
                for (int d = 0; d < ent_game_nstrategies(g, p) && ok; d++) {
                    prof[p] = d;
                    ok = ent_game_payoffs(g, p)[ent_game_profile_index(g, prof)] <= here;
                }
                prof[p] = keep;
            }
            if (ok) {
                count[x]++;
                any = 1;
            }
        }
        *none += !any;
        ent_game_free(&g);
    }
    free(v);
    free(prof);
}

static void check_against_brute(const char *path, uint64_t seed, uint64_t samples)
{
    ent_scenario *s = load(path);
    uint64_t nprof = ent_scenario_nprofiles(s), none;
    uint64_t *want = malloc(sizeof(uint64_t) * nprof);
    brute_counts(s, seed, samples, want, &none);
    ent_montecarlo_result r;
    ent_error err = {0, ""};
    cr_assert_eq(ent_batch_montecarlo(s, seed, samples, NULL, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(r.samples, samples);
    cr_assert_eq(r.none, none);
    size_t k = 0;
    for (uint64_t x = 0; x < nprof; x++) {
        if (!want[x])
            continue;
        cr_assert_lt(k, r.n, "%s: profile %llu missing", path, (unsigned long long)x);
        cr_assert_eq(r.profile[k], x);
        cr_assert_eq(r.count[k], want[x], "%s: profile %llu", path, (unsigned long long)x);
        k++;
    }
    cr_assert_eq(k, r.n);
    free(want);
    ent_montecarlo_result_free(&r);
    ent_scenario_free(&s);
}

Test(batch, montecarlo_matches_brute_force)
{
    check_against_brute(THRESHOLD, 7, 2000);
    check_against_brute(UKRAINE, 20250904, 200);
}

Test(batch, montecarlo_shares_near_hand_values)
{
    /* t ~ uniform(0, 4): P(t <= 2) = 1/2, P(2 < t < 3) = 1/4, P(t >= 3) = 1/4; 4000
     * samples, each share within 5 standard errors */
    ent_scenario *s = load(THRESHOLD);
    ent_montecarlo_result r;
    cr_assert_eq(ent_batch_montecarlo(s, 11, 4000, NULL, &r, NULL), ENT_OK);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.profile[0], AX);
    cr_assert_eq(r.profile[1], BY);
    double n = 4000, se2 = sqrt(0.25 / n), se4 = sqrt(0.1875 / n);
    cr_assert_lt(fabs((double)r.count[0] / n - 0.5), 5 * se2);
    cr_assert_lt(fabs((double)r.count[1] / n - 0.25), 5 * se4);
    cr_assert_lt(fabs((double)r.none / n - 0.25), 5 * se4);
    cr_assert_eq(r.count[0] + r.count[1] + r.none, 4000);
    ent_montecarlo_result_free(&r);
    ent_scenario_free(&s);
}

static int mc_equal(const ent_montecarlo_result *a, const ent_montecarlo_result *b)
{
    return a->n == b->n && a->none == b->none &&
           !memcmp(a->profile, b->profile, sizeof(uint64_t) * a->n) &&
           !memcmp(a->count, b->count, sizeof(uint64_t) * a->n);
}

Test(batch, same_results_with_one_and_two_threads)
{
    ent_scenario *s = load(UKRAINE);
    ent_batch_opts o1, o2;
    ent_batch_opts_init(&o1);
    ent_batch_opts_init(&o2);
    o1.threads = 1;
    o2.threads = 2;
    ent_montecarlo_result a, b;
#ifdef _OPENMP
    omp_set_num_threads(1);
#endif
    cr_assert_eq(ent_batch_montecarlo(s, 99, 300, &o1, &a, NULL), ENT_OK);
#ifdef _OPENMP
    omp_set_num_threads(2);
#endif
    cr_assert_eq(ent_batch_montecarlo(s, 99, 300, &o2, &b, NULL), ENT_OK);
    cr_assert(mc_equal(&a, &b));
    ent_montecarlo_result_free(&a);
    ent_montecarlo_result_free(&b);
    int p;
    double from, to;
    int steps;
    cr_assert_geq(ent_scenario_analysis_nsweeps(s), 1);
    ent_scenario_analysis_sweep(s, 0, &p, &from, &to, &steps);
    ent_sweep_result x, y;
    cr_assert_eq(ent_batch_sweep(s, p, from, to, steps, &o1, &x, NULL), ENT_OK);
    cr_assert_eq(ent_batch_sweep(s, p, from, to, steps, &o2, &y, NULL), ENT_OK);
    cr_assert_eq(x.steps, y.steps);
    cr_assert(!memcmp(x.offset, y.offset, sizeof(size_t) * ((size_t)steps + 1)));
    cr_assert(!memcmp(x.eq, y.eq, sizeof(uint64_t) * x.offset[steps]));
    cr_assert(!memcmp(x.value, y.value, sizeof(double) * (size_t)steps));
    ent_sweep_result_free(&x);
    ent_sweep_result_free(&y);
    ent_scenario_free(&s);
}

Test(batch, wilson_interval_known_values)
{
    /* by hand from Wilson's formula with z = 1.96: 0/10 -> [0, 0.2775] (the value quoted
     * by Newcombe 1998, Stat. Med. 17:857-872), 5/10 -> [0.2366, 0.7634] */
    double lo, hi;
    ent_wilson_interval(0, 10, &lo, &hi);
    cr_assert_float_eq(lo, 0.0, 1e-12);
    cr_assert_float_eq(hi, 0.2775, 5e-5);
    ent_wilson_interval(5, 10, &lo, &hi);
    cr_assert_float_eq(lo, 0.2366, 5e-5);
    cr_assert_float_eq(hi, 0.7634, 5e-5);
}

Test(batch, bad_arguments)
{
    ent_scenario *s = load(THRESHOLD);
    ent_sweep_result r;
    ent_montecarlo_result m;
    ent_error err = {0, ""};
    cr_assert_eq(ent_batch_sweep(s, 7, 0, 1, 3, NULL, &r, &err), ENT_EINVAL);
    cr_assert_eq(ent_batch_sweep(s, 0, 0, 1, 1, NULL, &r, &err), ENT_EINVAL);
    cr_assert_eq(ent_batch_sweep(s, 0, 0, INFINITY, 3, NULL, &r, &err), ENT_EINVAL);
    cr_assert_eq(ent_batch_montecarlo(s, 1, 0, NULL, &m, &err), ENT_EINVAL);
    cr_assert_null(m.profile);
    ent_scenario_free(&s);
}
