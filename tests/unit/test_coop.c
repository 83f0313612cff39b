/* test_coop.c — coalitional games: known answers from the literature (glove games, the
 * Talmud estates, an airport game, prenucleolus != nucleolus, the 3-player majority
 * game, the UN Security Council, the 1958 EEC Council, Barrett's cartel size) and
 * independent re-checks written here without the library's algorithms: Kohlberg's
 * criterion over all excess levels, Shapley by enumerating permutations, power indices by
 * enumerating coalitions. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "../../solver/lp/lp.h"

#define NEAR(a, b, tol) (fabs((a) - (b)) <= (tol))

static ent_tu *mk(int n, const double *v)
{
    ent_tu *g;
    cr_assert_eq(ent_tu_new(&g, n, 0, NULL), ENT_OK);
    memcpy(ent_tu_values_mut(g), v, sizeof(double) << n);
    return g;
}

/* ---- independent Kohlberg check: every prefix union of excess levels, one LP each ---- */
static int test_balanced(int n, const uint32_t *c, int nc, const uint32_t *b0, int nb)
{
    /* max t s.t. sum lambda_S 1_S = 1_N, lambda_S >= t (S in c), lambda >= 0 (b0) */
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    int t = nc + nb;
    ent_lp_add_cols(lp, nc + nb + 1);
    ent_lp_set_col_bounds(lp, t, ENT_LP_UP, 0, 1);
    ent_lp_set_obj(lp, t, 1);
    int idx[2048];
    double val[2048];
    for (int i = 0; i < n; i++) {
        int k = 0;
        for (int j = 0; j < nc; j++)
            if (c[j] >> i & 1) {
                idx[k] = j;
                val[k++] = 1;
            }
        for (int j = 0; j < nb; j++)
            if (b0[j] >> i & 1) {
                idx[k] = nc + j;
                val[k++] = 1;
            }
        ent_lp_add_row(lp, k, idx, val, ENT_LP_FX, 1, 1);
    }
    for (int j = 0; j < nc; j++) {
        idx[0] = j;
        val[0] = 1;
        idx[1] = t;
        val[1] = -1;
        ent_lp_add_row(lp, 2, idx, val, ENT_LP_LO, 0, 0);
    }
    int rc = ent_lp_solve(lp, 0);
    int ok = rc == ENT_OK && ent_lp_obj(lp) > 1e-7;
    ent_lp_free(&lp);
    return ok;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static int kohlberg_all_levels(const ent_tu *g, const double *x, int pre)
{
    int n = ent_tu_n(g);
    uint32_t full = (1u << n) - 1;
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    if (!NEAR(sum, ent_tu_value(g, full), 1e-7))
        return 0;
    uint32_t b0[32];
    int nb = 0;
    if (!pre)
        for (int i = 0; i < n; i++) {
            if (x[i] < ent_tu_value(g, 1u << i) - 1e-7)
                return 0;
            if (x[i] < ent_tu_value(g, 1u << i) + 1e-7)
                b0[nb++] = 1u << i;
        }
    double *ex = calloc(full, sizeof(double)), *lv = calloc(full, sizeof(double));
    for (uint32_t s = 1; s < full; s++) {
        double xs = 0;
        for (int i = 0; i < n; i++)
            if (s >> i & 1)
                xs += x[i];
        lv[s - 1] = ex[s] = ent_tu_value(g, s) - xs;
    }
    qsort(lv, full - 1, sizeof(double), cmp_desc);
    uint32_t *c = calloc(full, sizeof(uint32_t));
    int ok = 1;
    for (uint32_t k = 0; k < full - 1 && ok;) {
        double level = lv[k];
        int nc = 0;
        for (uint32_t s = 1; s < full; s++)
            if (ex[s] >= level - 1e-7)
                c[nc++] = s;
        ok = test_balanced(n, c, nc, b0, nb);
        while (k < full - 1 && lv[k] >= level - 1e-7)
            k++;
    }
    free(ex);
    free(lv);
    free(c);
    return ok;
}

static void check_nucleolus(const ent_tu *g, int pre, const double *want)
{
    int n = ent_tu_n(g);
    double x[32];
    ent_tu_info info;
    ent_error err = {0, ""};
    cr_assert_eq(ent_tu_nucleolus(g, pre, NULL, x, &info, &err), ENT_OK, "%s", err.msg);
    for (int i = 0; i < n; i++)
        cr_assert(NEAR(x[i], want[i], 1e-7), "x[%d] = %.10g, want %.10g", i, x[i], want[i]);
    cr_assert(kohlberg_all_levels(g, x, pre), "independent Kohlberg check failed");
    cr_assert_eq(info.certified, 1);
    /* the same with exact re-solves */
    ent_tu_opts o;
    ent_tu_opts_init(&o);
    o.exact = 1;
    cr_assert_eq(ent_tu_nucleolus(g, pre, &o, x, &info, &err), ENT_OK, "%s", err.msg);
    for (int i = 0; i < n; i++)
        cr_assert(NEAR(x[i], want[i], 1e-9), "exact x[%d] = %.12g", i, x[i]);
}

/* Shapley by enumerating all n! orders (n <= 7) */
static void shapley_perm(const ent_tu *g, double *phi)
{
    int n = ent_tu_n(g), p[8], cnt = 0;
    for (int i = 0; i < n; i++) {
        p[i] = i;
        phi[i] = 0;
    }
    for (;;) {
        uint32_t s = 0;
        for (int k = 0; k < n; k++) {
            phi[p[k]] += ent_tu_value(g, s | 1u << p[k]) - ent_tu_value(g, s);
            s |= 1u << p[k];
        }
        cnt++;
        int i = n - 2;
        while (i >= 0 && p[i] > p[i + 1])
            i--;
        if (i < 0)
            break;
        int j = n - 1;
        while (p[j] < p[i])
            j--;
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = n - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
    for (int i = 0; i < n; i++)
        phi[i] /= cnt;
}

static ent_tu *bankruptcy(double estate)
{
    double d[3] = {100, 200, 300}, v[8];
    for (uint32_t s = 0; s < 8; s++) {
        double out = 0;
        for (int i = 0; i < 3; i++)
            if (!(s >> i & 1))
                out += d[i];
        v[s] = estate - out > 0 ? estate - out : 0;
    }
    v[0] = 0;
    return mk(3, v);
}

Test(coop_nucleolus, talmud_estates)
{
    /* Aumann & Maschler (1985): claims 100, 200, 300; the nucleolus is the Talmud rule */
    double want[3][3] = {{100.0 / 3, 100.0 / 3, 100.0 / 3}, {50, 75, 75}, {50, 100, 150}};
    double estates[3] = {100, 200, 300};
    for (int e = 0; e < 3; e++) {
        ent_tu *g = bankruptcy(estates[e]);
        check_nucleolus(g, 0, want[e]);
        check_nucleolus(g, 1, want[e]); /* 0-normalised, superadditive: same point */
        ent_tu_free(&g);
    }
}

Test(coop_nucleolus, glove_game)
{
    /* one left glove (member 0), two right gloves: v(S) = min(#L, #R) */
    double v[8];
    for (uint32_t s = 0; s < 8; s++) {
        int l = s & 1, r = (s >> 1 & 1) + (s >> 2 & 1);
        v[s] = l < r ? l : r;
    }
    ent_tu *g = mk(3, v);
    double want[3] = {1, 0, 0};
    check_nucleolus(g, 0, want);
    double x[3] = {1, 0, 0}, y[3] = {0.5, 0.25, 0.25}, me;
    uint32_t blk;
    cr_assert_eq(ent_tu_in_core(g, x, 1e-9, &blk, &me), 1);
    cr_assert_eq(ent_tu_in_core(g, y, 1e-9, &blk, &me), 0);
    cr_assert(blk == 3 || blk == 5, "blocking %u", blk);
    cr_assert(NEAR(me, 0.25, 1e-12));
    double phi[3], bz[3], ref[3];
    cr_assert_eq(ent_tu_shapley(g, 0, phi, bz), ENT_OK);
    shapley_perm(g, ref);
    cr_assert(NEAR(phi[0], 2.0 / 3, 1e-12) && NEAR(phi[1], 1.0 / 6, 1e-12));
    for (int i = 0; i < 3; i++)
        cr_assert(NEAR(phi[i], ref[i], 1e-12));
    /* Banzhaf: member 0 is pivotal in {1},{2},{1,2}: 3/4; member 1 only in {0}: 1/4 */
    cr_assert(NEAR(bz[0], 0.75, 1e-12) && NEAR(bz[1], 0.25, 1e-12));
    ent_tu_free(&g);
}

Test(coop_nucleolus, glove_game_2l_3r)
{
    /* 2 left, 3 right gloves: the core (and nucleolus) give every pair's value to the
     * scarce side: left 1 each, right 0 */
    double v[32];
    for (uint32_t s = 0; s < 32; s++) {
        int l = (s & 1) + (s >> 1 & 1), r = (s >> 2 & 1) + (s >> 3 & 1) + (s >> 4 & 1);
        v[s] = l < r ? l : r;
    }
    ent_tu *g = mk(5, v);
    double want[5] = {1, 1, 0, 0, 0};
    check_nucleolus(g, 0, want);
    ent_tu_free(&g);
}

Test(coop_nucleolus, airport_game)
{
    /* runway costs 1, 3, 6 (Littlechild & Owen 1973); savings game v(S) = sum c - max c.
     * Nucleolus by hand: {1} and {2,3} balance at excess -1/2, then x2 = x3: (1/2, 7/4,
     * 7/4). Shapley cost shares (1/3, 4/3, 13/3) give savings (2/3, 5/3, 5/3). */
    double c[3] = {1, 3, 6}, v[8];
    for (uint32_t s = 0; s < 8; s++) {
        double sum = 0, mx = 0;
        for (int i = 0; i < 3; i++)
            if (s >> i & 1) {
                sum += c[i];
                mx = c[i] > mx ? c[i] : mx;
            }
        v[s] = sum - mx;
    }
    ent_tu *g = mk(3, v);
    double want[3] = {0.5, 1.75, 1.75};
    check_nucleolus(g, 0, want);
    double phi[3];
    cr_assert_eq(ent_tu_shapley(g, 1, phi, NULL), ENT_OK);
    cr_assert(NEAR(phi[0], 2.0 / 3, 1e-12) && NEAR(phi[1], 5.0 / 3, 1e-12) &&
              NEAR(phi[2], 5.0 / 3, 1e-12));
    cr_assert_eq(ent_tu_is_convex(g, 1e-12, NULL), 1);
    cr_assert_eq(ent_tu_in_core(g, phi, 1e-9, NULL, NULL), 1); /* convex: Shapley in core */
    ent_tu_free(&g);
}

Test(coop_nucleolus, prenucleolus_differs)
{
    /* v({2,3}) = 10 > v(N) = 1: prenucleolus balances {1} against {2,3}:
     * (-9/2, 11/4, 11/4); nucleolus keeps x1 >= 0: (0, 1/2, 1/2) */
    double v[8] = {0, 0, 0, 0, 0, 0, 10, 1};
    ent_tu *g = mk(3, v);
    double pre[3] = {-4.5, 2.75, 2.75}, nuc[3] = {0, 0.5, 0.5};
    check_nucleolus(g, 1, pre);
    check_nucleolus(g, 0, nuc);
    cr_assert_eq(ent_tu_is_superadditive(g, 1e-12, NULL, NULL), 0);
    ent_tu_free(&g);
}

Test(coop_core, majority_game_empty_core)
{
    double v[8] = {0, 0, 0, 1, 0, 1, 1, 1};
    ent_tu *g = mk(3, v);
    double x[3], eps;
    ent_error err;
    cr_assert_eq(ent_tu_least_core(g, NULL, x, &eps, &err), ENT_OK, "%s", err.msg);
    cr_assert(NEAR(eps, 1.0 / 3, 1e-9), "eps %g", eps);
    for (int i = 0; i < 3; i++)
        cr_assert(NEAR(x[i], 1.0 / 3, 1e-9));
    uint32_t blk;
    cr_assert_eq(ent_tu_in_core(g, x, 1e-9, &blk, NULL), 0);
    cr_assert_eq(__builtin_popcount(blk), 2);
    cr_assert_eq(ent_tu_is_essential(g, 1e-12), 1);
    cr_assert_eq(ent_tu_is_superadditive(g, 1e-12, NULL, NULL), 1);
    uint32_t w[2];
    cr_assert_eq(ent_tu_is_convex(g, 1e-12, w), 0);
    /* witness: v(A) + v(B) > v(A u B) + v(A n B) */
    cr_assert(ent_tu_value(g, w[0]) + ent_tu_value(g, w[1]) >
              ent_tu_value(g, w[0] | w[1]) + ent_tu_value(g, w[0] & w[1]));
    ent_tu_free(&g);
}

/* random games: nucleolus passes the independent all-levels Kohlberg check */
Test(coop_nucleolus, random_games_kohlberg)
{
    uint64_t st = 12345;
    for (int rep = 0; rep < 12; rep++) {
        int n = 3 + rep % 6;
        double *v = calloc(1u << n, sizeof(double));
        for (uint32_t s = 1; s < (1u << n); s++) {
            st = st * 6364136223846793005ull + 1442695040888963407ull;
            v[s] = (double)((st >> 33) % 100) * __builtin_popcount(s) / 10.0;
        }
        v[(1u << n) - 1] = 12.0 * n;
        ent_tu *g = mk(n, v);
        for (int pre = 0; pre < 2; pre++) {
            double x[32];
            ent_tu_info info;
            ent_error err;
            cr_assert_eq(ent_tu_nucleolus(g, pre, NULL, x, &info, &err), ENT_OK, "%s", err.msg);
            cr_assert(kohlberg_all_levels(g, x, pre), "n=%d pre=%d", n, pre);
        }
        if (n <= 7) {
            double phi[8], ref[8];
            ent_tu_shapley(g, 2, phi, NULL);
            shapley_perm(g, ref);
            for (int i = 0; i < n; i++)
                cr_assert(NEAR(phi[i], ref[i], 1e-9));
        }
        free(v);
        ent_tu_free(&g);
    }
}

Test(coop_tu, size_limits_named)
{
    ent_tu *g = NULL;
    ent_error err;
    cr_assert_eq(ent_tu_new(&g, 31, 0, &err), ENT_ETOOBIG);
    cr_assert(strstr(err.msg, "31 members") != NULL, "%s", err.msg);
    cr_assert_eq(ent_tu_new(&g, 30, 0, &err), ENT_ETOOBIG);
    cr_assert(strstr(err.msg, "1073741824 coalition values") != NULL, "%s", err.msg);
    cr_assert_null(g);
    cr_assert_eq(ent_tu_new(&g, 21, 0, NULL), ENT_OK);
    cr_assert_eq(ent_tu_is_superadditive(g, 0, NULL, &err), ENT_ETOOBIG);
    ent_tu_free(&g);
}

/* ---- power indices ---- */
static void brute_power(int n, const int64_t *w, int64_t q, int cq, double *ss, double *bz)
{
    double fact[32];
    fact[0] = 1;
    for (int i = 1; i < 32; i++)
        fact[i] = fact[i - 1] * i;
    double tot = 0, sw[32] = {0};
    for (int i = 0; i < n; i++)
        ss[i] = 0;
    for (uint32_t s = 0; s < (1u << n); s++) {
        int64_t ws = 0;
        int k = __builtin_popcount(s);
        for (int i = 0; i < n; i++)
            if (s >> i & 1)
                ws += w[i];
        int win = ws >= q && k >= cq;
        for (int i = 0; i < n; i++)
            if (!(s >> i & 1) && !win && ws + w[i] >= q && k + 1 >= cq) {
                ss[i] += fact[k] * fact[n - 1 - k] / fact[n];
                sw[i] += 1;
                tot += 1;
            }
    }
    for (int i = 0; i < n; i++)
        bz[i] = sw[i] / tot;
}

Test(coop_power, un_security_council)
{
    /* 5 permanent members (weight 7) and 10 others (weight 1), quota 39: Shapley-Shubik
     * 421/2145 and 4/2145 (Shapley & Shubik 1954's method; the usual 0.1963 / 0.0019);
     * Banzhaf swings 848 (permanent) and 84, total 5080: 106/635 = 0.1669, 21/1270 */
    int64_t w[15];
    for (int i = 0; i < 15; i++)
        w[i] = i < 5 ? 7 : 1;
    ent_wvg *g;
    ent_error err;
    cr_assert_eq(ent_wvg_new(&g, 15, w, 39, 0, &err), ENT_OK);
    double ss[15], bz[15];
    char *sse[15], *bze[15];
    cr_assert_eq(ent_wvg_power(g, 0, ss, bz, sse, bze, &err), ENT_OK, "%s", err.msg);
    cr_assert_str_eq(sse[0], "421/2145");
    cr_assert_str_eq(sse[14], "4/2145");
    cr_assert_str_eq(bze[0], "106/635");
    cr_assert_str_eq(bze[5], "21/1270");
    cr_assert(NEAR(ss[0], 0.19627, 1e-5));
    double ss2[15], bz2[15];
    brute_power(15, w, 39, 0, ss2, bz2);
    for (int i = 0; i < 15; i++) {
        cr_assert(NEAR(ss[i], ss2[i], 1e-12) && NEAR(bz[i], bz2[i], 1e-12));
        free(sse[i]);
        free(bze[i]);
    }
    /* the same rule as a double majority: 9 votes including the 5 permanent members */
    ent_wvg_free(&g);
    int64_t w2[15];
    for (int i = 0; i < 15; i++)
        w2[i] = i < 5 ? 10 : 1;
    cr_assert_eq(ent_wvg_new(&g, 15, w2, 54, 9, &err), ENT_OK);
    double ss3[15];
    cr_assert_eq(ent_wvg_power(g, 0, ss3, NULL, NULL, NULL, &err), ENT_OK);
    for (int i = 0; i < 15; i++)
        cr_assert(NEAR(ss3[i], ss[i], 1e-12));
    ent_wvg_free(&g);
}

Test(coop_power, eec_1958)
{
    /* Council of the EEC (1958): France, Germany, Italy 4; Belgium, Netherlands 2;
     * Luxembourg 1; quota 12. Shapley-Shubik 7/30, 3/20, 0; Banzhaf 5/21, 3/21, 0 */
    int64_t w[6] = {4, 4, 4, 2, 2, 1};
    ent_wvg *g;
    cr_assert_eq(ent_wvg_new(&g, 6, w, 12, 0, NULL), ENT_OK);
    char *sse[6], *bze[6];
    double ss[6], bz[6], ss2[6], bz2[6];
    cr_assert_eq(ent_wvg_power(g, 0, ss, bz, sse, bze, NULL), ENT_OK);
    cr_assert_str_eq(sse[0], "7/30");
    cr_assert_str_eq(sse[3], "3/20");
    cr_assert_str_eq(sse[5], "0");
    cr_assert_str_eq(bze[0], "5/21");
    cr_assert_str_eq(bze[3], "1/7");
    cr_assert_str_eq(bze[5], "0");
    brute_power(6, w, 12, 0, ss2, bz2);
    for (int i = 0; i < 6; i++) {
        cr_assert(NEAR(ss[i], ss2[i], 1e-12) && NEAR(bz[i], bz2[i], 1e-12));
        free(sse[i]);
        free(bze[i]);
    }
    /* and the dense game's Shapley value equals the Shapley-Shubik index */
    ent_tu *t;
    cr_assert_eq(ent_wvg_to_tu(g, 0, &t, NULL), ENT_OK);
    double phi[6];
    ent_tu_shapley(t, 0, phi, NULL);
    for (int i = 0; i < 6; i++)
        cr_assert(NEAR(phi[i], ss[i], 1e-12));
    ent_tu_free(&t);
    ent_wvg_free(&g);
}

Test(coop_power, random_double_majority_vs_brute)
{
    uint64_t st = 99;
    for (int rep = 0; rep < 20; rep++) {
        int n = 4 + rep % 9;
        int64_t w[16], tot = 0;
        for (int i = 0; i < n; i++) {
            st = st * 6364136223846793005ull + 1442695040888963407ull;
            w[i] = (int64_t)((st >> 33) % 9);
            tot += w[i];
        }
        if (tot == 0)
            continue;
        int64_t q = tot / 2 + 1;
        int cq = rep % 3 == 0 ? n / 2 + 1 : 0;
        ent_wvg *g;
        cr_assert_eq(ent_wvg_new(&g, n, w, q, cq, NULL), ENT_OK);
        double ss[16], bz[16], ss2[16], bz2[16];
        cr_assert_eq(ent_wvg_power(g, 0, ss, bz, NULL, NULL, NULL), ENT_OK);
        brute_power(n, w, q, cq, ss2, bz2);
        for (int i = 0; i < n; i++)
            cr_assert(NEAR(ss[i], ss2[i], 1e-12) && NEAR(bz[i], bz2[i], 1e-12),
                      "rep %d member %d", rep, i);
        ent_wvg_free(&g);
    }
}

Test(coop_power, bad_input)
{
    int64_t w[3] = {1, -2, 3};
    ent_wvg *g = NULL;
    ent_error err;
    cr_assert_eq(ent_wvg_new(&g, 3, w, 2, 0, &err), ENT_EINVAL);
    cr_assert(strstr(err.msg, "negative weight") != NULL);
    w[1] = 2;
    cr_assert_eq(ent_wvg_new(&g, 3, w, 7, 0, &err), ENT_EINVAL);
    cr_assert(strstr(err.msg, "quota 7") != NULL, "%s", err.msg);
    cr_assert_null(g);
}

/* ---- Shapley sampling ---- */
static int sum_sq_fn(void *ctx, const int *m, int k, double *out)
{
    (void)ctx;
    double s = 0;
    for (int i = 0; i < k; i++)
        s += m[i] + 1;
    *out = s * s; /* v(S) = (sum of (i+1))^2: phi_i = (i+1) * sum_j (j+1) */
    return ENT_OK;
}

Test(coop_shapley, sampling_ci_covers)
{
    int n = 40;
    double phi[40], ci[40], phi2[40];
    ent_error err;
    cr_assert_eq(ent_tu_shapley_sample(n, sum_sq_fn, NULL, 200000, 7, 0, phi, ci, &err),
                 ENT_OK);
    cr_assert_eq(ent_tu_shapley_sample(n, sum_sq_fn, NULL, 200000, 7, 1, phi2, NULL, &err),
                 ENT_OK);
    double total = n * (n + 1) / 2.0;
    int inside = 0;
    for (int i = 0; i < n; i++) {
        double truth = (i + 1) * total;
        inside += fabs(phi[i] - truth) <= ci[i];
        cr_assert(fabs(phi[i] - truth) <= 4 * ci[i] + 1e-9, "member %d", i);
        cr_assert_eq(phi[i], phi2[i]); /* thread-count independent */
    }
    cr_assert(inside >= 34, "only %d of 40 intervals cover", inside);
}

/* ---- cartel stability ---- */
Test(coop_cartel, barrett_symmetric_three)
{
    /* identical members, linear benefit and quadratic cost: only coalitions of exactly 3
     * are stable (Barrett 1994; Finus 2001) */
    double b[10], c[10];
    for (int i = 0; i < 10; i++)
        b[i] = c[i] = 1;
    ent_cartel_pg *pg;
    cr_assert_eq(ent_cartel_pg_new(&pg, 10, b, c, NULL), ENT_OK);
    ent_cartel_result r;
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    cr_assert_eq(ent_cartel_stability(10, ent_cartel_pg_payoff, pg, &o, &r, NULL), ENT_OK);
    cr_assert_eq(r.nstable, 120);
    cr_assert_eq(r.ninternal, 45 + 120);
    cr_assert_eq(r.nlisted, 120);
    for (size_t k = 0; k < r.nlisted; k++)
        cr_assert_eq(__builtin_popcountll(r.stable[k]), 3);
    cr_assert_eq(r.grand_internal, 0);
    ent_cartel_result_free(&r);
    o.transfers = ENT_CARTEL_OPTIMAL;
    cr_assert_eq(ent_cartel_stability(10, ent_cartel_pg_payoff, pg, &o, &r, NULL), ENT_OK);
    cr_assert_eq(r.nstable, 120); /* symmetric: transfers change nothing */
    ent_cartel_result_free(&r);
    ent_cartel_pg_free(&pg);
}

static int brute_stable(int n, ent_cartel_pg *pg, uint32_t s)
{
    double a, b;
    for (int i = 0; i < n; i++) {
        uint32_t bit = 1u << i;
        if (s & bit) {
            ent_cartel_pg_payoff(pg, i, s, &a);
            ent_cartel_pg_payoff(pg, i, s & ~bit, &b);
        } else {
            ent_cartel_pg_payoff(pg, i, s, &a);
            ent_cartel_pg_payoff(pg, i, s | bit, &b);
        }
        if ((s & bit) ? b > a + 1e-9 : b >= a - 1e-9)
            return 0;
    }
    return 1;
}

Test(coop_cartel, heterogeneous_vs_brute_and_threads)
{
    int n = 12;
    double b[12], c[12];
    for (int i = 0; i < n; i++) {
        b[i] = 1 + (i % 4) * 0.7;
        c[i] = 0.5 + (i % 3) * 0.9;
    }
    ent_cartel_pg *pg;
    cr_assert_eq(ent_cartel_pg_new(&pg, n, b, c, NULL), ENT_OK);
    ent_cartel_opts o;
    ent_cartel_opts_init(&o);
    o.max_list = 100000;
    ent_cartel_result r1, r2;
    o.threads = 1;
    cr_assert_eq(ent_cartel_stability(n, ent_cartel_pg_payoff, pg, &o, &r1, NULL), ENT_OK);
    o.threads = 2;
    cr_assert_eq(ent_cartel_stability(n, ent_cartel_pg_payoff, pg, &o, &r2, NULL), ENT_OK);
    cr_assert_eq(r1.nstable, r2.nstable);
    cr_assert_eq(r1.nlisted, r2.nlisted);
    cr_assert_eq(memcmp(r1.stable, r2.stable, sizeof(uint32_t) * r1.nlisted), 0);
    uint64_t cnt = 0;
    size_t k = 0;
    for (uint32_t s = 0; s < (1u << n); s++)
        if (__builtin_popcount(s) >= 2 && brute_stable(n, pg, s)) {
            cr_assert(k < r1.nlisted && r1.stable[k] == s);
            k++;
            cnt++;
        }
    cr_assert_eq(cnt, r1.nstable);
    cr_assert(cnt > 0);
    /* weights sharing proportional to benefits is a valid scheme; it changes the answer */
    o.transfers = ENT_CARTEL_WEIGHTS;
    o.weights = b;
    ent_cartel_result r3;
    cr_assert_eq(ent_cartel_stability(n, ent_cartel_pg_payoff, pg, &o, &r3, NULL), ENT_OK);
    ent_cartel_result_free(&r1);
    ent_cartel_result_free(&r2);
    ent_cartel_result_free(&r3);
    ent_cartel_pg_free(&pg);
}

#include <gmp.h>
Test(coop_power, large_council_gmp_path)
{
    /* 5 vetoes (weight 100) and 65 others (weight 1), quota 509: an ordinary member is
     * pivotal exactly after the 5 vetoes and 8 of the other 64 ordinary members, so its
     * index is C(64,8) 13! 56! / 70! and its swing count C(64,8) (closed forms, GMP) */
    int n = 70;
    int64_t w[70];
    for (int i = 0; i < n; i++)
        w[i] = i < 5 ? 100 : 1;
    ent_wvg *g;
    cr_assert_eq(ent_wvg_new(&g, n, w, 509, 0, NULL), ENT_OK);
    char *sse[70], *bze[70];
    double ss[70];
    ent_error err;
    cr_assert_eq(ent_wvg_power(g, 0, ss, NULL, sse, bze, &err), ENT_OK, "%s", err.msg);
    mpz_t a, b;
    mpq_t q;
    mpz_inits(a, b, NULL);
    mpq_init(q);
    mpz_bin_uiui(a, 64, 8);
    mpz_fac_ui(b, 13);
    mpz_mul(a, a, b);
    mpz_fac_ui(b, 56);
    mpz_mul(a, a, b);
    mpz_fac_ui(b, 70);
    mpq_set_num(q, a);
    mpq_set_den(q, b);
    mpq_canonicalize(q);
    char *want = mpq_get_str(NULL, 10, q);
    cr_assert_str_eq(sse[69], want);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += ss[i];
    cr_assert(NEAR(sum, 1.0, 1e-12));
    free(want);
    for (int i = 0; i < n; i++) {
        free(sse[i]);
        free(bze[i]);
    }
    mpz_clears(a, b, NULL);
    mpq_clear(q);
    ent_wvg_free(&g);
}

static ent_game *two_by_two(const double *u0, const double *u1)
{
    int ns[2] = {2, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    memcpy(ent_game_payoffs_mut(g, 0), u0, 4 * sizeof(double));
    memcpy(ent_game_payoffs_mut(g, 1), u1, 4 * sizeof(double));
    return g;
}

Test(coop_derive, prisoners_dilemma_and_pennies)
{
    /* PD (C=0, D=1; player 0 fastest): each alone guarantees 1 (defect); together 6 */
    double p0[4] = {3, 5, 0, 1}, p1[4] = {3, 0, 5, 1};
    ent_game *g = two_by_two(p0, p1);
    for (int mode = 0; mode < 4; mode++) {
        ent_tu *t;
        ent_error err;
        cr_assert_eq(ent_tu_from_game(g, mode, 2, &t, &err), ENT_OK, "%s", err.msg);
        cr_assert(NEAR(ent_tu_value(t, 1), 1, 1e-9) && NEAR(ent_tu_value(t, 2), 1, 1e-9) &&
                  NEAR(ent_tu_value(t, 3), 6, 1e-9), "mode %d", mode);
        ent_tu_free(&t);
    }
    ent_game_free(&g);
    /* matching pennies: mixed value 0 (alpha = beta, minimax theorem); pure alpha -1,
     * pure beta +1 */
    double m0[4] = {1, -1, -1, 1}, m1[4] = {-1, 1, 1, -1};
    g = two_by_two(m0, m1);
    double want[4] = {0, 0, -1, 1};
    for (int mode = 0; mode < 4; mode++) {
        ent_tu *t;
        cr_assert_eq(ent_tu_from_game(g, mode, 1, &t, NULL), ENT_OK);
        cr_assert(NEAR(ent_tu_value(t, 1), want[mode], 1e-9), "mode %d: %g", mode,
                  ent_tu_value(t, 1));
        cr_assert(NEAR(ent_tu_value(t, 3), 0, 1e-9));
        ent_tu_free(&t);
    }
    ent_game_free(&g);
}

Test(coop_derive, three_player_alpha_equals_beta)
{
    /* a random 3-player 2x3x2 game: mixed alpha and beta agree coalition by coalition */
    int ns[3] = {2, 3, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 3, ns, NULL, NULL), ENT_OK);
    uint64_t st = 5;
    for (int p = 0; p < 3; p++)
        for (int k = 0; k < 12; k++) {
            st = st * 6364136223846793005ull + 1442695040888963407ull;
            ent_game_payoffs_mut(g, p)[k] = (double)((st >> 33) % 21) - 10;
        }
    ent_tu *a, *b, *ap, *bp;
    cr_assert_eq(ent_tu_from_game(g, ENT_TU_ALPHA, 2, &a, NULL), ENT_OK);
    cr_assert_eq(ent_tu_from_game(g, ENT_TU_BETA, 1, &b, NULL), ENT_OK);
    cr_assert_eq(ent_tu_from_game(g, ENT_TU_ALPHA_PURE, 2, &ap, NULL), ENT_OK);
    cr_assert_eq(ent_tu_from_game(g, ENT_TU_BETA_PURE, 2, &bp, NULL), ENT_OK);
    for (uint32_t s = 1; s < 8; s++) {
        cr_assert(NEAR(ent_tu_value(a, s), ent_tu_value(b, s), 1e-7), "S=%u", s);
        cr_assert(ent_tu_value(ap, s) <= ent_tu_value(a, s) + 1e-9);
        cr_assert(ent_tu_value(bp, s) >= ent_tu_value(b, s) - 1e-9);
    }
    double best = -1e9;
    for (int k = 0; k < 12; k++) {
        double sum = 0;
        for (int p = 0; p < 3; p++)
            sum += ent_game_payoffs(g, p)[k];
        best = sum > best ? sum : best;
    }
    cr_assert(NEAR(ent_tu_value(a, 7), best, 1e-9));
    ent_tu_free(&a);
    ent_tu_free(&b);
    ent_tu_free(&ap);
    ent_tu_free(&bp);
    ent_game_free(&g);
}

static int fill_fn(void *ctx, uint32_t s, double *out)
{
    (void)ctx;
    if (s == 0x2c)
        return ENT_EINVAL; /* coalition {2,3,5} fails */
    *out = (double)__builtin_popcount(s) * (double)__builtin_popcount(s);
    return ENT_OK;
}

static int fill_ok(void *ctx, uint32_t s, double *out)
{
    (void)ctx;
    *out = (double)(s % 7);
    return ENT_OK;
}

Test(coop_tu, fill_parallel_and_failure)
{
    ent_tu *g;
    ent_error err;
    cr_assert_eq(ent_tu_new(&g, 12, 0, NULL), ENT_OK);
    cr_assert_eq(ent_tu_fill(g, fill_ok, NULL, 2, NULL, &err), ENT_OK);
    for (uint32_t s = 1; s < 4096; s++)
        cr_assert_eq(ent_tu_value(g, s), (double)(s % 7));
    cr_assert_eq(ent_tu_value(g, 0), 0.0);
    uint32_t failed = 0;
    cr_assert_eq(ent_tu_fill(g, fill_fn, NULL, 2, &failed, &err), ENT_EINVAL);
    cr_assert_eq(failed, 0x2c);
    cr_assert(strstr(err.msg, "0x2c") != NULL, "%s", err.msg);
    ent_tu_free(&g);
}
