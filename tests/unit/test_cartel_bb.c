/* test_cartel_bb.c — cartel stability by branch and bound over a scenario's `payoff`
 * expression: the payoff bounds enclose every payoff they claim to (checked by
 * enumerating the coalitions), and the search lists, counts and ranks exactly the
 * coalitions that the exhaustive scan over all 2^n coalitions finds, for every transfer
 * scheme, several smallest sizes and one or two threads; the report's separate re-check
 * (ent_scenario_cartel_recheck) calls stable exactly the coalitions the scan does, and so
 * rejects every other one; a search that cannot be cut is refused with the numbers. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"

static uint64_t rng_state;
static double urand(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* n members with attributes t (troops-like, >= 0), e (exposure, 0..1), s (spend > 0),
 * b (benefit) and c (cost); the coalition's `value` and the members' `payoff` */
static ent_scenario *make(int n, const char *value, const char *payoff, uint64_t seed)
{
    char path[] = "/tmp/entente-cartel-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    rng_state = seed;
    fprintf(f, "params = { need = 40.0; rate = 0.004; };\ncoalition = {\n  members = (\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "    { id = \"m%d\"; t = %.1f; e = %.2f; s = %.2f; b = %.2f; c = %.2f; }%s\n",
                i, floor(urand() * 12), 0.1 + 0.9 * urand(), 0.5 + 10 * urand(),
                0.5 + urand(), 0.5 + 2 * urand(), i + 1 < n ? "," : "");
    fprintf(f, "  );\n");
    if (value)
        fprintf(f, "  value = \"%s\";\n", value);
    fprintf(f, "  payoff = \"%s\";\n};\n", payoff);
    fclose(f);
    ent_scenario *s = NULL;
    ent_error err = {0};
    int rc = ent_scenario_load(path, NULL, &s, &err);
    unlink(path);
    cr_assert_eq(rc, ENT_OK, "%s", err.msg);
    return s;
}

typedef struct {
    const char *value, *payoff;
} game;

static const game games[] = {
    /* a force that needs `need` troops, with a public benefit and a private cost */
    {"min(1, sum(t) / need)", "inside ? value * member.e - rate * member.s : value * member.e"},
    /* a threshold public good: all or nothing */
    {"sum(t) >= need ? 1 : 0", "value * member.e - (inside ? 0.03 * member.s : 0)"},
    /* Barrett's public good written as an expression: members provide sum(b)/c each */
    {NULL, "member.b * (inside ? sum(b) * sum(c) / count() : 1) - (inside ? 0.5 * member.c * "
           "(sum(b) / member.c) ^ 2 : 0.5 * member.b ^ 2 / member.c)"},
    /* aggregates of several kinds and a count */
    {"sqrt(sum(t)) * max(e)", "value * member.e - (inside ? member.s / (5 + count()) : 0) + "
                              "min(e) * 0.1"},
};
#define NGAMES ((int)(sizeof games / sizeof games[0]))

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int dense_payoff(void *ctx, int member, uint32_t coalition, double *out)
{
    return ent_scenario_coalition_payoff_mask((const ent_scenario *)ctx, member, coalition, out);
}

Test(cartel_bb, payoff_bounds_enclose_every_coalition)
{
    int n = 9;
    for (int g = 0; g < NGAMES; g++) {
        ent_scenario *s = make(n, games[g].value, games[g].payoff, 5 + (uint64_t)g);
        rng_state = 77 + (uint64_t)g;
        for (int trial = 0; trial < 200; trial++) {
            uint64_t in = 0, fr = 0;
            for (int i = 0; i < n; i++) {
                double r = urand();
                if (r < 0.3)
                    in |= (uint64_t)1 << i;
                else if (r < 0.75)
                    fr |= (uint64_t)1 << i;
            }
            uint64_t members = ((uint64_t)1 << n) - 1 - fr;
            double lo[64], hi[64];
            cr_assert_eq(ent_scenario_coalition_payoff_bounds(s, members, in, fr, lo, hi), ENT_OK);
            for (uint64_t u = fr;; u = (u - 1) & fr) { /* every T, the empty one included */
                for (int m = 0; m < n; m++) {
                    if (!((members >> m) & 1u))
                        continue;
                    double p;
                    int rc = ent_scenario_coalition_payoff_mask(s, m, in | u, &p);
                    if (rc == ENT_OK)
                        cr_assert(p >= lo[m] - 1e-9 * (1 + fabs(p)) &&
                                      p <= hi[m] + 1e-9 * (1 + fabs(p)),
                                  "game %d member %d T=%llx: %g outside [%g, %g]", g, m,
                                  (unsigned long long)(in | u), p, lo[m], hi[m]);
                }
                if (!u)
                    break;
            }
        }
        /* a member inside the free set is refused */
        double lo[64], hi[64];
        cr_assert_eq(ent_scenario_coalition_payoff_bounds(s, 3, 0, 1, lo, hi), ENT_EINVAL);
        ent_scenario_free(&s);
    }
}

static void same(const ent_cartel_result *a, const ent_cartel_result *b, int check_internal,
                 const char *what)
{
    cr_assert_eq(a->nstable, b->nstable, "%s: %llu vs %llu stable", what,
                 (unsigned long long)a->nstable, (unsigned long long)b->nstable);
    cr_assert_eq(a->nlisted, b->nlisted, "%s", what);
    for (size_t j = 0; j < a->nlisted; j++)
        cr_assert_eq(a->stable[j], b->stable[j], "%s: listed %zu", what, j);
    cr_assert_eq(a->largest, b->largest, "%s: largest %llx vs %llx", what,
                 (unsigned long long)a->largest, (unsigned long long)b->largest);
    cr_assert_eq(a->grand_internal, b->grand_internal, "%s", what);
    cr_assert_eq(a->in_all, b->in_all, "%s", what);
    cr_assert_eq(a->in_any, b->in_any, "%s", what);
    if (check_internal && a->internal_counted && b->internal_counted)
        cr_assert_eq(a->ninternal, b->ninternal, "%s: %llu vs %llu internally stable", what,
                     (unsigned long long)a->ninternal, (unsigned long long)b->ninternal);
}

Test(cartel_bb, matches_the_exhaustive_scan)
{
    int sizes[] = {8, 13};
    int nstable_total = 0;
    for (int g = 0; g < NGAMES; g++)
        for (int si = 0; si < 2; si++) {
            int n = sizes[si];
            ent_scenario *s = make(n, games[g].value, games[g].payoff, 100 + (uint64_t)(10 * g + si));
            ent_cartel_oracle orc;
            cr_assert_eq(ent_scenario_coalition_cartel_oracle(s, &orc), ENT_OK);
            double w[64];
            for (int i = 0; i < n; i++)
                w[i] = 0.5 + urand();
            for (int scheme = ENT_CARTEL_NONE; scheme <= ENT_CARTEL_OPTIMAL; scheme++)
                for (int minsz = 0; minsz <= 2; minsz += 2) {
                    ent_cartel_opts o;
                    ent_cartel_opts_init(&o);
                    o.transfers = scheme;
                    o.weights = w;
                    o.min_size = minsz;
                    o.max_list = 7;
                    o.threads = 1;
                    ent_cartel_result d, b1, b2;
                    ent_error err = {0};
                    cr_assert_eq(ent_cartel_stability(n, dense_payoff, s, &o, &d, &err), ENT_OK,
                                 "%s", err.msg);
                    cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &b1, &err), ENT_OK, "%s",
                                 err.msg);
                    o.threads = 2;
                    cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &b2, &err), ENT_OK, "%s",
                                 err.msg);
                    char what[96];
                    snprintf(what, sizeof what, "game %d n %d scheme %d min %d", g, n, scheme,
                             minsz);
                    same(&d, &b1, 1, what);
                    if (n <= 8) { /* the report's re-check agrees on every coalition */
                        int idx[64];
                        uint64_t cnt = 0;
                        for (int i = 0; i < n; i++)
                            idx[i] = i;
                        for (uint64_t c = 0; c < ((uint64_t)1 << n); c++) {
                            int st;
                            if (__builtin_popcountll(c) < minsz)
                                continue;
                            cr_assert_eq(ent_scenario_cartel_recheck(
                                             s, idx, n, c, scheme == ENT_CARTEL_OPTIMAL,
                                             scheme == ENT_CARTEL_WEIGHTS ? w : NULL, o.tol, &st),
                                         ENT_OK);
                            cnt += (uint64_t)st;
                            if (st)
                                cr_assert((d.nlisted == 7 && c > d.stable[6]) ||
                                              bsearch(&c, d.stable, d.nlisted, sizeof c, cmp64),
                                          "%s: re-check stable %llx not listed", what,
                                          (unsigned long long)c);
                        }
                        cr_assert_eq(cnt, d.nstable, "%s: re-check counts %llu", what,
                                     (unsigned long long)cnt);
                    }
                    same(&b1, &b2, 1, what);
                    cr_assert_eq(b1.nodes, b2.nodes, "%s: nodes differ by threads", what);
                    cr_assert(b1.internal_counted, "%s: internal count missing", what);
                    nstable_total += (int)d.nstable;
                    ent_cartel_result_free(&d);
                    ent_cartel_result_free(&b1);
                    ent_cartel_result_free(&b2);
                }
            ent_scenario_free(&s);
        }
    cr_assert_gt(nstable_total, 20, "the games should have stable coalitions to compare");
}

Test(cartel_bb, cuts_the_tree)
{
    /* 32 members: 4.3 billion coalitions; the threshold game is cut to a few million nodes */
    int n = 32;
    ent_scenario *s = make(n, games[0].value, games[0].payoff, 4242);
    ent_cartel_oracle orc;
    cr_assert_eq(ent_scenario_coalition_cartel_oracle(s, &orc), ENT_OK);
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.count_internal = 0;
    ent_cartel_result r;
    ent_error err = {0};
    cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_lt(r.nodes, (uint64_t)1 << 26);
    cr_assert_gt(r.nstable, 0);
    cr_assert_gt(r.nlisted, 0);
    /* every listed coalition is stable by the definition */
    for (size_t j = 0; j < r.nlisted; j++) {
        uint64_t S = r.stable[j];
        for (int i = 0; i < n; i++) {
            uint64_t bit = (uint64_t)1 << i;
            double here, there;
            cr_assert_eq(ent_scenario_coalition_payoff_mask(s, i, S, &here), ENT_OK);
            cr_assert_eq(ent_scenario_coalition_payoff_mask(s, i, S ^ bit, &there), ENT_OK);
            if (S & bit)
                cr_assert(there <= here + 1e-9);
            else
                cr_assert(there < here - 1e-9);
        }
    }
    ent_cartel_result_free(&r);
    ent_scenario_free(&s);
}

Test(cartel_bb, the_node_limit_is_exact_and_named)
{
    ent_scenario *s = make(24, NULL, "inside ? 1 / (sum(t) - 29.5) : 0", 7);
    ent_cartel_oracle orc;
    cr_assert_eq(ent_scenario_coalition_cartel_oracle(s, &orc), ENT_OK);
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.count_internal = 0;
    ent_cartel_result r;
    ent_error err = {0};
    cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &r, &err), ENT_OK, "%s", err.msg);
    uint64_t need = r.nodes;
    cr_assert_gt(need, 1000);
    ent_cartel_result_free(&r);
    for (int th = 1; th <= 2; th++) {
        o.threads = th;
        o.max_nodes = need;
        cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &r, &err), ENT_OK, "%s", err.msg);
        ent_cartel_result_free(&r);
        o.max_nodes = need - 1;
        cr_assert_eq(ent_cartel_oracle_stability(&orc, &o, &r, &err), ENT_ETOOBIG);
        char num[32];
        snprintf(num, sizeof num, "%llu", (unsigned long long)(need - 1));
        cr_assert(strstr(err.msg, "2^24") && strstr(err.msg, num), "%s", err.msg);
        cr_assert_eq(r.stable, NULL);
    }
    ent_scenario_free(&s);
}
