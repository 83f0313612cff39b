/* bench_coop.c — timings of the coalitional-game solvers (issue 7): nucleolus of random
 * games (n = 10, 15, 20, 25), exact Shapley (n = 20, 25, 28), weighted-voting power
 * indices (EU-27-like double majority, n = 200), cartel stability (n = 20, 25, 30), the
 * least core and nucleolus by branch and bound (the coalition-of-the-willing game over
 * 20, 24 and 31 members, against the 2^n table where it fits), and its cartel stability
 * by branch and bound (20 to 31 members, against the scan of all 2^n coalitions).
 * Each line: median of R runs, the baseline (one read of the 2^n values, same run), the
 * ratio, and a hash of the result so a speed-up cannot silently change answers.
 * usage: bench_coop [full] [nucleolus] [shapley] [power] [cartel] [search] [cartel-bb]
 * [cartel-scan] (default: every part but cartel-scan, without the largest sizes:
 * nucleolus n = 25, Shapley n = 28, cartel n = 30 and 31 members by branch and bound need
 * `full`) */
#include "entente.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int r)
{
    qsort(t, (size_t)r, sizeof(double), cmpd);
    return t[r / 2];
}

static uint64_t hash_d(uint64_t h, const double *x, int n, double quantum)
{
    for (int i = 0; i < n; i++) {
        int64_t q = (int64_t)llround(x[i] / quantum);
        h ^= (uint64_t)q;
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t rng = 88172645463325252ull;
static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* random game: v(S) = |S| * U(0,1) rounded to 1e-3, v(N) = n */
static ent_tu *random_game(int n)
{
    ent_tu *g;
    rng = 88172645463325252ull ^ (uint64_t)n * 0x9e3779b97f4a7c15ull;
    if (ent_tu_new(&g, n, 0, NULL) != ENT_OK)
        return NULL;
    double *v = ent_tu_values_mut(g);
    uint64_t full = ((uint64_t)1 << n) - 1;
    for (uint64_t s = 1; s < full; s++)
        v[s] = round(1000.0 * __builtin_popcountll(s) * urand()) / 1000.0;
    v[full] = (double)n;
    return g;
}

static double read_once(const ent_tu *g)
{
    const double *v = ent_tu_values(g);
    uint64_t total = (uint64_t)1 << ent_tu_n(g);
    double t0 = now();
    volatile double sink;
    double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static) if (total > 65536)
    for (uint64_t i = 0; i < total; i++)
        s += v[i];
    sink = s;
    (void)sink;
    return now() - t0;
}

static void bench_nucleolus(int n, int R)
{
    double t[16], base[16];
    uint64_t h = 1469598103934665603ull;
    ent_tu_info info = {0, 0, 0, 0, 0, 0};
    for (int r = 0; r < R; r++) {
        ent_tu *g = random_game(n);
        double x[32];
        ent_error err;
        base[r] = read_once(g);
        double t0 = now();
        int rc = ent_tu_nucleolus(g, 0, NULL, x, &info, &err);
        t[r] = now() - t0;
        if (rc != ENT_OK)
            printf("  nucleolus n=%d failed: %s\n", n, err.msg);
        h = hash_d(h, x, n, 1e-6);
        ent_tu_free(&g);
    }
    double m = median(t, R), b = median(base, R);
    printf("nucleolus     n=%-3d runs=%d median %10.4f s  read 2^n %8.4f s  ratio %8.1f  "
           "stages %d lps %d rows %d certified %d  hash %016llx\n",
           n, R, m, b, m / b, info.stages, info.lps, info.rows, info.certified,
           (unsigned long long)h);
}

static void bench_shapley(int n, int R)
{
    ent_tu *g = random_game(n);
    if (!g) {
        printf("shapley n=%d: no memory\n", n);
        return;
    }
    double t[16], base[16], phi[32];
    for (int r = 0; r < R; r++) {
        base[r] = read_once(g);
        double t0 = now();
        ent_tu_shapley(g, 0, phi, NULL);
        t[r] = now() - t0;
    }
    double m = median(t, R), b = median(base, R);
    printf("shapley       n=%-3d runs=%d median %10.4f s  read 2^n %8.4f s  ratio %8.2f  "
           "hash %016llx\n",
           n, R, m, b, m / b, (unsigned long long)hash_d(1469598103934665603ull, phi, n, 1e-6));
    ent_tu_free(&g);
}

static void bench_power(const char *name, int n, const int64_t *w, int64_t q, int cq, int R)
{
    ent_wvg *g;
    ent_error err;
    if (ent_wvg_new(&g, n, w, q, cq, &err) != ENT_OK) {
        printf("power %s: %s\n", name, err.msg);
        return;
    }
    double t[16], *ss = malloc(sizeof(double) * (size_t)n), *bz = malloc(sizeof(double) * (size_t)n);
    for (int r = 0; r < R; r++) {
        double t0 = now();
        if (ent_wvg_power(g, 0, ss, bz, NULL, NULL, &err) != ENT_OK)
            printf("power %s: %s\n", name, err.msg);
        t[r] = now() - t0;
    }
    uint64_t h = hash_d(hash_d(1469598103934665603ull, ss, n, 1e-12), bz, n, 1e-12);
    printf("power         %-18s n=%-3d runs=%d median %10.6f s  hash %016llx\n", name, n, R,
           median(t, R), (unsigned long long)h);
    free(ss);
    free(bz);
    ent_wvg_free(&g);
}

static void bench_cartel(int n, int R)
{
    double b[32], c[32];
    rng = 0x2545f4914f6cdd1dull ^ (uint64_t)n;
    for (int i = 0; i < n; i++) {
        b[i] = 0.5 + urand();
        c[i] = 0.5 + 2.0 * urand();
    }
    ent_cartel_pg *pg;
    ent_cartel_pg_new(&pg, n, b, c, NULL);
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.max_list = 10;
    double t[16];
    ent_cartel_result res;
    memset(&res, 0, sizeof res);
    for (int r = 0; r < R; r++) {
        ent_cartel_result_free(&res);
        double t0 = now();
        ent_cartel_stability(n, ent_cartel_pg_payoff, pg, &o, &res, NULL);
        t[r] = now() - t0;
    }
    double m = median(t, R);
    printf("cartel        n=%-3d runs=%d median %10.4f s  %.1f ns/coalition  stable %llu "
           "internal %llu largest size %d\n",
           n, R, m, 1e9 * m / ldexp(1.0, n), (unsigned long long)res.nstable,
           (unsigned long long)res.ninternal, __builtin_popcountll(res.largest));
    ent_cartel_result_free(&res);
    ent_cartel_pg_free(&pg);
}

/* --- games given by an oracle: the coalition-of-the-willing value expression over the
 * first m of its members (the order of the file), solved by branch and bound; for m <= 24
 * also from the 2^m table (same run) as the baseline. */
typedef struct {
    const ent_scenario *s;
    int m;
} sub;

static int sub_value(void *ctx, uint64_t c, double *out)
{
    return ent_scenario_coalition_value_mask(((const sub *)ctx)->s, c, out);
}

static int sub_bounds(void *ctx, uint64_t in, uint64_t fr, double *lo, double *hi)
{
    return ent_scenario_coalition_value_bounds(((const sub *)ctx)->s, in, fr, lo, hi);
}

static void bench_search(int m, int threads, int dense, int R)
{
    ent_scenario *s = NULL;
    ent_error err;
    if (ent_scenario_load("configs/coalition-of-the-willing.cfg", NULL, &s, &err) != ENT_OK) {
        printf("search: %s (run from the repository root)\n", err.msg);
        return;
    }
    sub c = {s, m};
    ent_tu_oracle o = {.n = m, .ctx = &c, .value = sub_value, .bounds = sub_bounds};
    ent_tu_opts op;
    ent_tu_opts_init(&op);
    op.threads = threads;
    double tl[16], tn[16], td[16], x[64], eps = 0;
    ent_tu_info info = {0, 0, 0, 0, 0, 0};
    uint64_t h = 1469598103934665603ull;
    for (int r = 0; r < R; r++) {
        double t0 = now();
        if (ent_tu_oracle_least_core(&o, &op, x, &eps, &err) != ENT_OK)
            printf("  least core m=%d failed: %s\n", m, err.msg);
        tl[r] = now() - t0;
        t0 = now();
        if (ent_tu_oracle_nucleolus(&o, 0, &op, x, &info, &err) != ENT_OK)
            printf("  nucleolus m=%d failed: %s\n", m, err.msg);
        tn[r] = now() - t0;
        td[r] = 0;
        if (dense) { /* the same nucleolus from the table, filling included */
            double xd[64];
            t0 = now();
            ent_tu *g = NULL;
            if (ent_tu_new(&g, m, 0, &err) == ENT_OK) {
                double *v = ent_tu_values_mut(g);
                for (uint64_t t = 1; t < ((uint64_t)1 << m); t++)
                    ent_scenario_coalition_value_mask(s, t, &v[t]);
                ent_tu_nucleolus(g, 0, &op, xd, NULL, &err);
                ent_tu_free(&g);
            }
            td[r] = now() - t0;
            for (int i = 0; i < m; i++)
                if (fabs(xd[i] - x[i]) > 1e-7)
                    printf("  nucleolus m=%d: member %d differs from the table's (%g vs %g)\n", m,
                           i, x[i], xd[i]);
        }
        h = hash_d(h, x, m, 1e-6);
    }
    printf("search        m=%-3d threads=%d runs=%d least core %8.3f s  nucleolus %8.3f s  "
           "nodes %llu stages %d lps %d certified %d",
           m, threads, R, median(tl, R), median(tn, R), (unsigned long long)info.nodes,
           info.stages, info.lps, info.certified);
    if (dense)
        printf("  table (fill + nucleolus) %8.3f s", median(td, R));
    printf("  eps %.9f hash %016llx\n", eps, (unsigned long long)h);
    ent_scenario_free(&s);
}

/* --- cartel stability over the coalition-of-the-willing `payoff` expression for the first
 * m members, by branch and bound; for m <= 24 also by the scan of all 2^m coalitions
 * (same run) as the baseline */
static int sub_payoff(void *ctx, int member, uint64_t c, double *out)
{
    return ent_scenario_coalition_payoff_mask(((const sub *)ctx)->s, member, c, out);
}

static int sub_payoff32(void *ctx, int member, uint32_t c, double *out)
{
    return ent_scenario_coalition_payoff_mask(((const sub *)ctx)->s, member, c, out);
}

static int sub_pbounds(void *ctx, uint64_t members, uint64_t in, uint64_t fr, double *lo,
                       double *hi)
{
    return ent_scenario_coalition_payoff_bounds(((const sub *)ctx)->s, members, in, fr, lo, hi);
}

static void bench_cartel_bb(int m, int threads, int transfers, int scan, int R)
{
    ent_scenario *s = NULL;
    ent_error err;
    if (ent_scenario_load("configs/coalition-of-the-willing.cfg", NULL, &s, &err) != ENT_OK) {
        printf("cartel-bb: %s (run from the repository root)\n", err.msg);
        return;
    }
    sub c = {s, m};
    ent_cartel_oracle orc = {m, &c, sub_payoff, sub_pbounds};
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.threads = threads;
    o.transfers = transfers;
    o.count_internal = 0;
    double tb[16], ts[16];
    ent_cartel_result rb, rs;
    memset(&rb, 0, sizeof rb);
    memset(&rs, 0, sizeof rs);
    for (int r = 0; r < R; r++) {
        ent_cartel_result_free(&rb);
        double t0 = now();
        if (ent_cartel_oracle_stability(&orc, &o, &rb, &err) != ENT_OK)
            printf("  cartel-bb m=%d failed: %s\n", m, err.msg);
        tb[r] = now() - t0;
        ts[r] = 0;
        if (scan) {
            ent_cartel_result_free(&rs);
            t0 = now();
            ent_cartel_stability(m, sub_payoff32, &c, &o, &rs, NULL);
            ts[r] = now() - t0;
            if (rs.nstable != rb.nstable || rs.largest != rb.largest)
                printf("  cartel-bb m=%d: %llu stable vs %llu by the scan\n", m,
                       (unsigned long long)rb.nstable, (unsigned long long)rs.nstable);
        }
    }
    double mb = median(tb, R);
    printf("cartel-bb     m=%-3d %-7s threads=%d runs=%d median %8.3f s  nodes %llu  stable %llu "
           "largest size %d",
           m, transfers == ENT_CARTEL_OPTIMAL ? "optimal" : "none", threads, R, mb,
           (unsigned long long)rb.nodes, (unsigned long long)rb.nstable,
           __builtin_popcountll(rb.largest));
    if (scan)
        printf("  scan %8.3f s  ratio %6.1f", median(ts, R), median(ts, R) / mb);
    printf("\n");
    ent_cartel_result_free(&rb);
    ent_cartel_result_free(&rs);
    ent_scenario_free(&s);
}

/* --- the independent check of the 31-member answer (run only when named: about 5 min on
 * 2 cores): every one of the 2^31 coalitions, with the configuration's value and payoff
 * written out here by hand (value = min(1, sum(troops) / credible) * (0.4 + 0.6 *
 * min(1, sum(enablers))); payoff = value * exposure, minus cost_rate * spend inside), so
 * neither the expression evaluator nor the branch and bound is involved. */
static void cartel_scan(void)
{
    ent_scenario *s = NULL;
    ent_error err;
    if (ent_scenario_load("configs/coalition-of-the-willing.cfg", NULL, &s, &err) != ENT_OK) {
        printf("cartel-scan: %s (run from the repository root)\n", err.msg);
        return;
    }
    int n = ent_scenario_coalition_nmembers(s), na = ent_scenario_coalition_nattrs(s);
    double tr[64], en[64], ex[64], sp[64];
    for (int a = 0; a < na; a++) {
        const char *nm = ent_scenario_coalition_attr_name(s, a);
        double *dst = !strcmp(nm, "troops")     ? tr
                      : !strcmp(nm, "enablers") ? en
                      : !strcmp(nm, "exposure") ? ex
                      : !strcmp(nm, "spend")    ? sp
                                                : NULL;
        for (int i = 0; dst && i < n; i++)
            dst[i] = ent_scenario_coalition_attr(s, i, a);
    }
    const double credible = 30000.0, cost_rate = 0.0005, tol = 1e-9;
#define VAL(T, E) (fmin(1.0, (T) / credible) * (0.4 + 0.6 * fmin(1.0, (E))))
    uint64_t count = 0, lowest = UINT64_MAX, in_all = ~(uint64_t)0, in_any = 0;
    double t0 = now();
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : count) reduction(min : lowest) \
    reduction(& : in_all) reduction(| : in_any)
    for (int64_t hi = 0; hi < ((int64_t)1 << (n - 16)); hi++)
        for (uint64_t lo = 0; lo < 65536; lo++) {
            uint64_t c = ((uint64_t)hi << 16) | lo;
            if (__builtin_popcountll(c) < 2)
                continue;
            double T = 0, E = 0;
            for (int i = 0; i < n; i++)
                if ((c >> i) & 1u) {
                    T += tr[i];
                    E += en[i];
                }
            double v = VAL(T, E);
            int ok = 1;
            for (int i = 0; i < n && ok; i++) {
                if ((c >> i) & 1u) /* leaving: outside payoff of the smaller coalition */
                    ok = VAL(T - tr[i], E - en[i]) * ex[i] <= v * ex[i] - cost_rate * sp[i] + tol;
                else /* joining, indifference joins */
                    ok = VAL(T + tr[i], E + en[i]) * ex[i] - cost_rate * sp[i] < v * ex[i] - tol;
            }
            if (ok) {
                count++;
                lowest = c < lowest ? c : lowest;
                in_all &= c;
                in_any |= c;
            }
        }
#undef VAL
    double ts = now() - t0;
    sub c = {s, n};
    ent_cartel_oracle orc = {n, &c, sub_payoff, sub_pbounds};
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.count_internal = 0;
    ent_cartel_result r;
    t0 = now();
    int rc = ent_cartel_oracle_stability(&orc, &o, &r, &err);
    double tb = now() - t0;
    printf("cartel-scan   m=%d scan %.1f s: %llu stable, lowest %llx | branch and bound %.2f s: "
           "%llu stable, lowest %llx, same members in all/any: %s\n",
           n, ts, (unsigned long long)count, (unsigned long long)lowest, tb,
           rc == ENT_OK ? (unsigned long long)r.nstable : 0ull,
           rc == ENT_OK && r.nlisted ? (unsigned long long)r.stable[0] : 0ull,
           rc == ENT_OK && r.in_all == (count ? in_all : 0) && r.in_any == in_any ? "yes"
                                                                                   : "NO");
    if (rc == ENT_OK)
        ent_cartel_result_free(&r);
    ent_scenario_free(&s);
}

static const char *parts[] = {"nucleolus", "shapley", "power",       "cartel",
                              "search",    "cartel-bb", "cartel-scan", NULL};

/* run `part` if it is named, or if no part is named (other arguments are ignored) */
static int want(int argc, char **argv, const char *part)
{
    int any = 0;
    for (int i = 1; i < argc; i++)
        for (int k = 0; parts[k]; k++)
            if (!strcmp(argv[i], parts[k])) {
                any = 1;
                if (!strcmp(argv[i], part))
                    return 1;
            }
    return !any;
}

int main(int argc, char **argv)
{
    int quick = 1;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "full"))
            quick = 0;
    int R = 5;
    if (want(argc, argv, "nucleolus")) {
        bench_nucleolus(10, R);
        bench_nucleolus(15, R);
        bench_nucleolus(20, R);
        if (!quick)
            bench_nucleolus(25, R);
    }
    if (want(argc, argv, "shapley")) {
        bench_shapley(20, R);
        bench_shapley(25, R);
        if (!quick)
            bench_shapley(28, R);
    }
    if (want(argc, argv, "power")) {
        /* UN Security Council */
        int64_t un[15];
        for (int i = 0; i < 15; i++)
            un[i] = i < 5 ? 7 : 1;
        bench_power("UN-SC", 15, un, 39, 0, R);
        /* EU-27 Council double majority: 65% of the population (thousands, Eurostat, 1
         * January 2023, rounded) and 15 of 27 states */
        int64_t eu[27] = {84359, 68173, 58997, 48085, 36754, 19055, 17811, 11743, 10783,
                          10397, 10341, 10518, 9600,  9105,  6448,  5933,  5564,  5428,
                          5271,  3858,  2857,  2111,  1883,  1332,  920,   661,   542};
        int64_t tot = 0;
        for (int i = 0; i < 27; i++)
            tot += eu[i];
        bench_power("EU-27", 27, eu, (tot * 65 + 99) / 100, 15, R);
        rng = 0x5851f42d4c957f2dull;
        int64_t w200[200];
        int64_t t200 = 0;
        for (int i = 0; i < 200; i++) {
            w200[i] = 1 + (int64_t)(urand() * 20.0);
            t200 += w200[i];
        }
        bench_power("random-200", 200, w200, t200 / 2 + 1, 0, R);
    }
    if (want(argc, argv, "search")) {
        bench_search(20, 1, 1, R);
        bench_search(24, 1, 1, quick ? 1 : R);
        if (!quick)
            for (int th = 1; th <= 2; th++)
                bench_search(31, th, 0, 3);
    }
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "cartel-scan"))
            cartel_scan();
    if (want(argc, argv, "cartel-bb")) {
        bench_cartel_bb(20, 0, ENT_CARTEL_NONE, 1, R);
        bench_cartel_bb(24, 0, ENT_CARTEL_NONE, 1, quick ? 1 : 3);
        bench_cartel_bb(28, 0, ENT_CARTEL_NONE, 0, quick ? 1 : 3);
        if (!quick) {
            for (int th = 1; th <= 2; th++)
                bench_cartel_bb(31, th, ENT_CARTEL_NONE, 0, 3);
            bench_cartel_bb(20, 0, ENT_CARTEL_OPTIMAL, 1, 3);
            bench_cartel_bb(24, 0, ENT_CARTEL_OPTIMAL, 0, 1);
        }
    }
    if (want(argc, argv, "cartel")) {
        bench_cartel(20, R);
        bench_cartel(25, R);
        if (!quick)
            bench_cartel(30, R);
    }
    return 0;
}
