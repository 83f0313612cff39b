/* test_coop_oracle.c — coalitional games given by a value expression and solved by branch
 * and bound over the coalitions: the interval bounds enclose every value they claim to
 * (checked by enumerating the coalitions), the search finds the same largest excess as a
 * brute-force scan, and the least core, nucleolus and prenucleolus agree with the dense
 * solvers on the same games; a search that cannot be cut is refused with the numbers. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"
#include "../../solver/coop/coop.h"

static uint64_t rng_state;
static double urand(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* a scenario with n members, attributes a (>= 0), b (signed), c (0..1) and `value` */
static ent_scenario *make(int n, const char *value, uint64_t seed)
{
    char path[] = "/tmp/entente-oracle-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    rng_state = seed;
    fprintf(f, "params = { k = 10.0; };\ncoalition = {\n  members = (\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "    { id = \"m%d\"; a = %.3f; b = %.3f; c = %.3f; }%s\n", i,
                floor(urand() * 20) + (i % 3 == 0 ? 0 : 1), urand() * 4 - 2, urand(),
                i + 1 < n ? "," : "");
    fprintf(f, "  );\n  value = \"%s\";\n};\n", value);
    fclose(f);
    ent_scenario *s = NULL;
    ent_error err = {0};
    int rc = ent_scenario_load(path, NULL, &s, &err);
    unlink(path);
    cr_assert_eq(rc, ENT_OK, "%s", err.msg);
    return s;
}

static const char *exprs[] = {
    "min(1, sum(a) / 60) * (0.4 + 0.6 * min(1, sum(c)))",
    "sum(a) >= 40 ? 1 : 0",
    "max(a) * count() - min(b) + sum(b) * sum(c)",
    "sqrt(sum(a)) + (count() > 3 && sum(b) < 0 ? 2 : -1) + abs(sum(b))",
    "exp(sum(c) / 4) - log(1 + sum(a)) + sum(a) ^ 0.5 / k",
    "sum(b) / (1 + sum(a))",
    "!(sum(a) > 30) || max(c) > 0.9 ? sum(c) : -sum(c)",
};
#define NEXPR ((int)(sizeof exprs / sizeof exprs[0]))

Test(coop_oracle, bounds_enclose_every_coalition)
{
    int n = 9;
    uint64_t full = ((uint64_t)1 << n) - 1;
    for (int e = 0; e < NEXPR; e++) {
        ent_scenario *s = make(n, exprs[e], 11 + (uint64_t)e);
        rng_state = 99 + (uint64_t)e;
        for (int trial = 0; trial < 150; trial++) {
            uint64_t in = 0, fr = 0;
            for (int i = 0; i < n; i++) {
                double r = urand();
                if (r < 0.25)
                    in |= (uint64_t)1 << i;
                else if (r < 0.7)
                    fr |= (uint64_t)1 << i;
            }
            if (!(in | fr))
                continue;
            double lo, hi;
            cr_assert_eq(ent_scenario_coalition_value_bounds(s, in, fr, &lo, &hi), ENT_OK);
            /* every T with in <= T <= in | fr, T non-empty */
            for (uint64_t u = fr;; u = (u - 1) & fr) {
                uint64_t t = in | u;
                double v;
                if (t && ent_scenario_coalition_value_mask(s, t, &v) == ENT_OK) {
                    double tol = 1e-9 * (1 + fabs(v));
                    cr_assert(v >= lo - tol && v <= hi + tol,
                              "%s: v(%llx) = %g outside [%g, %g] (in %llx free %llx)",
                              exprs[e], (unsigned long long)t, v, lo, hi,
                              (unsigned long long)in, (unsigned long long)fr);
                }
                if (!u)
                    break;
            }
        }
        (void)full;
        ent_scenario_free(&s);
    }
}

/* the tightest the bounds can be: on one coalition both ends equal its value */
Test(coop_oracle, bounds_exact_on_a_single_coalition)
{
    ent_scenario *s = make(8, exprs[0], 5);
    for (uint64_t t = 1; t < 256; t += 7) {
        double v, lo, hi;
        cr_assert_eq(ent_scenario_coalition_value_mask(s, t, &v), ENT_OK);
        cr_assert_eq(ent_scenario_coalition_value_bounds(s, t, 0, &lo, &hi), ENT_OK);
        cr_assert(fabs(lo - v) <= 1e-12 && fabs(hi - v) <= 1e-12, "%g [%g %g]", v, lo, hi);
    }
    ent_scenario_free(&s);
}

static void dense_from(ent_scenario *s, int n, ent_tu **out)
{
    cr_assert_eq(ent_tu_new(out, n, 0, NULL), ENT_OK);
    double *v = ent_tu_values_mut(*out);
    for (uint64_t t = 1; t < ((uint64_t)1 << n); t++)
        cr_assert_eq(ent_scenario_coalition_value_mask(s, t, &v[t]), ENT_OK);
}

Test(coop_oracle, max_excess_equals_brute_force)
{
    int n = 12;
    for (int e = 0; e < NEXPR; e++) {
        ent_scenario *s = make(n, exprs[e], 200 + (uint64_t)e);
        ent_tu_oracle o;
        cr_assert_eq(ent_scenario_coalition_oracle(s, &o), ENT_OK);
        ent_tu *g;
        dense_from(s, n, &g);
        const double *v = ent_tu_values(g);
        rng_state = 300 + (uint64_t)e;
        for (int trial = 0; trial < 4; trial++) {
            double x[12];
            for (int i = 0; i < n; i++)
                x[i] = urand() * 2 - 0.5;
            double best = -INFINITY;
            for (uint64_t t = 1; t + 1 < ((uint64_t)1 << n); t++) {
                double xt = 0;
                for (int i = 0; i < n; i++)
                    if (t >> i & 1)
                        xt += x[i];
                if (v[t] - xt > best)
                    best = v[t] - xt;
            }
            uint64_t arg;
            double mx;
            ent_error err = {0};
            for (int th = 1; th <= 2; th++) {
                ent_tu_opts op;
                ent_tu_opts_init(&op);
                op.threads = th;
                cr_assert_eq(ent_tu_oracle_max_excess(&o, x, &op, &arg, &mx, &err), ENT_OK, "%s",
                             err.msg);
                cr_assert(fabs(mx - best) <= 1e-9, "%s: %g vs brute force %g", exprs[e], mx, best);
                double xt = 0;
                for (int i = 0; i < n; i++)
                    if (arg >> i & 1)
                        xt += x[i];
                cr_assert(fabs(v[arg] - xt - best) <= 1e-9);
            }
        }
        ent_tu_free(&g);
        ent_scenario_free(&s);
    }
}

Test(coop_oracle, least_core_and_nucleolus_match_dense)
{
    const char *games[] = {exprs[0], exprs[1], exprs[2], exprs[5],
                           "min(1, sum(a) / 50) * (0.4 + 0.6 * min(1, 2 * sum(c)))"};
    for (int e = 0; e < 5; e++)
        for (int n = 6; n <= 13; n += 7 - (e % 3)) {
            ent_scenario *s = make(n, games[e], 500 + (uint64_t)(e * 31 + n));
            ent_tu_oracle o;
            cr_assert_eq(ent_scenario_coalition_oracle(s, &o), ENT_OK);
            ent_tu *g;
            dense_from(s, n, &g);
            ent_error err = {0};
            double xd[16], xo[16], ed, eo;
            cr_assert_eq(ent_tu_least_core(g, NULL, xd, &ed, &err), ENT_OK, "%s", err.msg);
            cr_assert_eq(ent_tu_oracle_least_core(&o, NULL, xo, &eo, &err), ENT_OK, "%s", err.msg);
            cr_assert(fabs(ed - eo) <= 1e-7, "%s n=%d: least core %g vs %g", games[e], n, eo, ed);
            for (int pre = 0; pre <= 1; pre++) {
                ent_tu_info id, io;
                int rd = ent_tu_nucleolus(g, pre, NULL, xd, &id, &err);
                int ro = ent_tu_oracle_nucleolus(&o, pre, NULL, xo, &io, &err);
                cr_assert_eq(rd, ro, "%s n=%d pre=%d: %d vs %d (%s)", games[e], n, pre, ro, rd,
                             err.msg);
                if (rd != ENT_OK)
                    continue;
                for (int i = 0; i < n; i++)
                    cr_assert(fabs(xd[i] - xo[i]) <= 1e-7, "%s n=%d pre=%d member %d: %g vs %g",
                              games[e], n, pre, i, xo[i], xd[i]);
                /* the dense Kohlberg check accepts the oracle's answer */
                cr_assert_eq(ent_tu_kohlberg(g, xo, pre, 1e-7, 100000, NULL), 1);
                cr_assert_eq(io.certified, 1, "%s n=%d pre=%d: Kohlberg not decided", games[e], n,
                             pre);
            }
            ent_tu_free(&g);
            ent_scenario_free(&s);
        }
}

Test(coop_oracle, loose_bounds_are_refused_with_the_numbers)
{
    /* parity of the member count: intervals cannot cut anything */
    ent_scenario *s = make(22, "count() == 7 || count() == 13 ? sum(a) : 0", 9);
    ent_tu_oracle o;
    cr_assert_eq(ent_scenario_coalition_oracle(s, &o), ENT_OK);
    ent_tu_opts op;
    ent_tu_opts_init(&op);
    op.max_nodes = 5000;
    double x[22], eps;
    ent_error err = {0};
    cr_assert_eq(ent_tu_oracle_least_core(&o, &op, x, &eps, &err), ENT_ETOOBIG);
    cr_assert(strstr(err.msg, "2^22 coalitions") && strstr(err.msg, "5000"), "%s", err.msg);
    ent_scenario_free(&s);
}

/* the search-based Kohlberg check agrees with the dense one: it accepts the nucleolus and
 * rejects the same vector moved a little */
Test(coop_oracle, kohlberg_without_listing_rejects_a_wrong_vector)
{
    const char *games[] = {exprs[0], exprs[2], "sum(a) >= 30 ? sum(c) : 0"};
    for (int e = 0; e < 3; e++) {
        int n = 9;
        ent_scenario *s = make(n, games[e], 900 + (uint64_t)e);
        ent_tu_oracle o;
        cr_assert_eq(ent_scenario_coalition_oracle(s, &o), ENT_OK);
        ent_tu *g;
        dense_from(s, n, &g);
        double x[16];
        ent_error err = {0};
        cr_assert_eq(ent_tu_nucleolus(g, 1, NULL, x, NULL, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(coop_kohlberg_oracle(&o, x, NULL, 0, 1e-7, (uint64_t)1 << 26, 2, &err), 1,
                     "%s: %s", games[e], err.msg);
        x[0] += 0.01;
        x[1] -= 0.01;
        cr_assert_eq(ent_tu_kohlberg(g, x, 1, 1e-7, 100000, NULL), 0, "%s", games[e]);
        cr_assert_eq(coop_kohlberg_oracle(&o, x, NULL, 0, 1e-7, (uint64_t)1 << 26, 2, &err), 0,
                     "%s", games[e]);
        ent_tu_free(&g);
        ent_scenario_free(&s);
    }
}
