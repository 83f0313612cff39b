/* test_coop_covariance.c — every coalitional solution is covariant under strategic
 * equivalence, v -> c * v + b (c > 0, b an additive game): least core (eps scales, the
 * point maps back into the original least core), nucleolus and prenucleolus (with
 * Kohlberg's certificate), Shapley and Banzhaf values, with and without exact LP
 * re-solves. The games: the Talmud estates (Aumann & Maschler 1985), the glove game,
 * the airport game, the majority game, a game whose prenucleolus is not its nucleolus, and
 * a random 12-member game; scaled by 1e-12 and 1e12 and shifted by 1e9 or 1e12 for one
 * member (or by powers of two for every member, where the shifted values are exact). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

typedef struct {
    const char *name;
    int n;
    double v[4096];
} game;

static void talmud(game *g, double estate)
{
    double d[3] = {100, 200, 300};
    g->n = 3;
    for (uint32_t s = 0; s < 8; s++) {
        double out = 0;
        for (int i = 0; i < 3; i++)
            if (!(s >> i & 1))
                out += d[i];
        g->v[s] = s && estate - out > 0 ? estate - out : 0;
    }
}

static game *games(int *count)
{
    static game G[8];
    int k = 0;
    G[k].name = "talmud 100";
    talmud(&G[k++], 100);
    G[k].name = "talmud 200";
    talmud(&G[k++], 200);
    G[k].name = "talmud 300";
    talmud(&G[k++], 300);
    G[k].name = "glove";
    G[k].n = 3;
    for (uint32_t s = 0; s < 8; s++) {
        int l = s & 1, r = (s >> 1 & 1) + (s >> 2 & 1);
        G[k].v[s] = l < r ? l : r;
    }
    k++;
    G[k].name = "airport";
    G[k].n = 3;
    for (uint32_t s = 0; s < 8; s++) {
        double c[3] = {1, 3, 6}, sum = 0, mx = 0;
        for (int i = 0; i < 3; i++)
            if (s >> i & 1) {
                sum += c[i];
                mx = c[i] > mx ? c[i] : mx;
            }
        G[k].v[s] = sum - mx;
    }
    k++;
    G[k].name = "majority";
    G[k].n = 3;
    for (uint32_t s = 0; s < 8; s++)
        G[k].v[s] = __builtin_popcount(s) >= 2;
    k++;
    G[k].name = "prenucleolus differs";
    G[k].n = 3;
    memset(G[k].v, 0, sizeof G[k].v);
    G[k].v[6] = 10;
    G[k].v[7] = 1;
    k++;
    G[k].name = "random 12";
    G[k].n = 12;
    uint64_t st = 20261204;
    for (uint32_t s = 0; s < 4096; s++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        G[k].v[s] = s ? (double)((st >> 33) % 1000) / 10.0 : 0.0;
    }
    k++;
    *count = k;
    return G;
}

static ent_tu *mk(const game *src, double c, const double *b)
{
    ent_tu *g;
    cr_assert_eq(ent_tu_new(&g, src->n, 0, NULL), ENT_OK);
    double *v = ent_tu_values_mut(g);
    for (uint32_t s = 1; s < (1u << src->n); s++) {
        double add = 0;
        for (int i = 0; i < src->n; i++)
            if (s >> i & 1)
                add += b[i];
        v[s] = c * src->v[s] + add;
    }
    return g;
}

/* largest excess of x over S != 0, N, by a direct pass (no library code) */
static double max_excess(const game *g, const double *x)
{
    double m = -INFINITY;
    for (uint32_t s = 1; s + 1 < (1u << g->n); s++) {
        double xs = 0;
        for (int i = 0; i < g->n; i++)
            if (s >> i & 1)
                xs += x[i];
        m = fmax(m, g->v[s] - xs);
    }
    return m;
}

typedef struct {
    double c;
    double shift; /* added to member 0's value, or to every member's when all = 1 */
    int all;
} transform;

static void check_game(const game *src, int exact)
{
    int n = src->n;
    double zero[12] = {0};
    ent_error err = {0, ""};
    ent_tu_opts o;
    ent_tu_opts_init(&o);
    o.exact = exact;
    ent_tu *g0 = mk(src, 1.0, zero);
    double lc0[12], eps0, nuc0[12], pre0[12], phi0[12], bz0[12], scale0;
    scale0 = 0; /* max |v(S) - sum of v({i}) over S|, computed here */
    for (uint32_t s = 1; s < (1u << n); s++) {
        double a = 0;
        for (int i = 0; i < n; i++)
            if (s >> i & 1)
                a += src->v[1u << i];
        scale0 = fmax(scale0, fabs(src->v[s] - a));
    }
    cr_assert_eq(ent_tu_least_core(g0, &o, lc0, &eps0, &err), ENT_OK, "%s", err.msg);
    int imput = ent_tu_nucleolus(g0, 0, &o, nuc0, NULL, &err);
    cr_assert(imput == ENT_OK || imput == ENT_EINFEASIBLE);
    cr_assert_eq(ent_tu_nucleolus(g0, 1, &o, pre0, NULL, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_tu_shapley(g0, 1, phi0, bz0), ENT_OK);
    transform tr[] = {{1e-12, 0, 0}, {1e12, 0, 0},   {1e-10, 0, 0}, {1e-14, 0, 0},
                      {1, 1e9, 0},   {1, 1e12, 0},   {1e-6, 1e3, 0},
                      {1, 1099511627776.0, 1},      {0.125, -3.0 * 1099511627776.0, 1}};
    for (size_t t = 0; t < sizeof tr / sizeof tr[0]; t++) {
        double b[12] = {0};
        for (int i = 0; i < n; i++)
            b[i] = tr[t].all ? tr[t].shift * (double)(i + 1) : (i == 0 ? tr[t].shift : 0);
        double c = tr[t].c, bmax = 0;
        for (int i = 0; i < n; i++)
            bmax = fmax(bmax, fabs(b[i]));
        /* the values c * v + b are rounded to doubles: an error of about one unit in the
         * last place of the shift, amplified a little by the solutions */
        double tol = 1e-8 * c * scale0 + 64.0 * n * bmax * 0x1p-52;
        ent_tu *g = mk(src, c, b);
        double x[12], eps, back[12];
        ent_tu_info info;
        cr_assert_eq(ent_tu_least_core(g, &o, x, &eps, &err), ENT_OK, "%s", err.msg);
        cr_assert(fabs(eps - c * eps0) <= tol, "%s, c %g shift %g: eps %.12g, want %.12g",
                  src->name, c, tr[t].shift, eps, c * eps0);
        for (int i = 0; i < n; i++)
            back[i] = (x[i] - b[i]) / c;
        cr_assert(fabs(max_excess(src, back) - eps0) <= tol / c,
                  "%s, c %g shift %g: the least-core point maps back outside the least core",
                  src->name, c, tr[t].shift);
        int rc = ent_tu_nucleolus(g, 0, &o, x, &info, &err);
        if (exact && rc == ENT_ENUMERIC)
            /* GLPK's exact simplex reads the data within about 1e-12: a refusal is
             * allowed there, a wrong answer is not */
            cr_log_warn("%s, c %g shift %g: exact re-solve refused: %s", src->name, c,
                        tr[t].shift, err.msg);
        else if (imput == ENT_OK) {
            cr_assert_eq(rc, ENT_OK,
                         "%s, c %g shift %g, exact %d: %s", src->name, c, tr[t].shift, exact, err.msg);
            cr_assert_eq(info.certified, 1);
            for (int i = 0; i < n; i++)
                cr_assert(fabs(x[i] - (c * nuc0[i] + b[i])) <= tol,
                          "%s, c %g shift %g: nucleolus[%d] = %.15g, want %.15g", src->name, c,
                          tr[t].shift, i, x[i], c * nuc0[i] + b[i]);
        } else
            cr_assert_eq(rc, ENT_EINFEASIBLE,
                         "%s, c %g shift %g: an imputation exists", src->name, c, tr[t].shift);
        cr_assert_eq(ent_tu_nucleolus(g, 1, &o, x, &info, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(info.certified, 1);
        for (int i = 0; i < n; i++)
            cr_assert(fabs(x[i] - (c * pre0[i] + b[i])) <= tol,
                      "%s, c %g shift %g: prenucleolus[%d] = %.15g, want %.15g", src->name, c,
                      tr[t].shift, i, x[i], c * pre0[i] + b[i]);
        double phi[12], bz[12];
        cr_assert_eq(ent_tu_shapley(g, 2, phi, bz), ENT_OK);
        for (int i = 0; i < n; i++) {
            cr_assert(fabs(phi[i] - (c * phi0[i] + b[i])) <= tol,
                      "%s, c %g shift %g: Shapley[%d] = %.15g, want %.15g", src->name, c,
                      tr[t].shift, i, phi[i], c * phi0[i] + b[i]);
            cr_assert(fabs(bz[i] - (c * bz0[i] + b[i])) <= tol,
                      "%s, c %g shift %g: Banzhaf[%d] = %.15g, want %.15g", src->name, c,
                      tr[t].shift, i, bz[i], c * bz0[i] + b[i]);
        }
        ent_tu_free(&g);
    }
    ent_tu_free(&g0);
}

Test(coop_covariance, published_games)
{
    int k;
    game *G = games(&k);
    for (int j = 0; j < k; j++)
        check_game(&G[j], 0);
}

Test(coop_covariance, published_games_exact)
{
    int k;
    game *G = games(&k);
    for (int j = 0; j < k; j++)
        check_game(&G[j], 1);
}

Test(coop_covariance, talmud_tiny_and_huge)
{
    /* the published answers themselves at 1e-10 and with 1e12 added for member 1 */
    game g;
    talmud(&g, 200);
    double want[3] = {50, 75, 75};
    double zero[3] = {0}, shift[3] = {1e12, 0, 0};
    ent_tu *t = mk(&g, 1e-10, zero);
    double x[3], phi[3];
    ent_tu_info info;
    ent_error err = {0, ""};
    cr_assert_eq(ent_tu_nucleolus(t, 0, NULL, x, &info, &err), ENT_OK, "%s", err.msg);
    for (int i = 0; i < 3; i++)
        cr_assert(fabs(x[i] - 1e-10 * want[i]) <= 1e-17, "x[%d] = %g", i, x[i]);
    cr_assert_eq(ent_tu_in_core(t, x, 1e-7 * 1e-10 * 100, NULL, NULL), 1);
    ent_tu_free(&t);
    t = mk(&g, 1e-14, zero);
    cr_assert_eq(ent_tu_shapley(t, 1, phi, NULL), ENT_OK);
    /* Shapley of the 200 estate: (200/6 + ..., ...) is not 0 at any scale */
    for (int i = 0; i < 3; i++)
        cr_assert(phi[i] > 0, "phi[%d] = %g", i, phi[i]);
    ent_tu_free(&t);
    t = mk(&g, 1.0, shift);
    cr_assert_eq(ent_tu_nucleolus(t, 0, NULL, x, &info, &err), ENT_OK, "%s", err.msg);
    for (int i = 0; i < 3; i++)
        cr_assert(fabs(x[i] - want[i] - shift[i]) <= 1e-3, "x[%d] = %.15g", i, x[i]);
    ent_tu_free(&t);
}
