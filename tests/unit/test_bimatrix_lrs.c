/* test_bimatrix_lrs.c — the set of extreme equilibria found by vertex enumeration
 * (certified exactly in GMP) equals lrsnash's (lrslib, exact arithmetic) on 360 games:
 * random integer games 2x2..10x10, games with many ties, zero-sum games, games with
 * equilibrium components and Gambit's two-player sample games. Support enumeration and Lemke-Howson are cross-checked on the
 * same games (their equilibria must be extreme equilibria of the enumeration). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"

typedef struct {
    char **s;
    int n, cap;
} strset;

static void ss_add(strset *ss, const char *s)
{
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? 2 * ss->cap : 16;
        ss->s = realloc(ss->s, sizeof(char *) * (size_t)ss->cap);
        cr_assert_not_null(ss->s);
    }
    ss->s[ss->n++] = strdup(s);
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ss_free(strset *ss)
{
    for (int i = 0; i < ss->n; i++)
        free(ss->s[i]);
    free(ss->s);
    ss->s = NULL;
    ss->n = ss->cap = 0;
}

static unsigned long long rng_state;
static int rnd(int lo, int hi)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (int)((rng_state >> 33) % (unsigned long long)(hi - lo + 1));
}

static ent_game *make_game(int m, int n, const int *A, const int *B)
{
    int ns[2] = {m, n};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    double *u0 = ent_game_payoffs_mut(g, 0), *u1 = ent_game_payoffs_mut(g, 1);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            u0[i + j * m] = A[i * n + j];
            u1[i + j * m] = B[i * n + j];
        }
    return g;
}

/* lrsnash's extreme equilibria of g (payoffs written as exact fractions) as
 * "x1 x2 ...|y1 y2 ..." strings. */
static void lrs_equilibria_game(const ent_game *g, strset *out)
{
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    char path[] = "/tmp/ent_lrsXXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%d %d\n\n", m, n);
    for (int p = 0; p < 2; p++) {
        for (int i = 0; i < m; i++, fputc('\n', f))
            for (int j = 0; j < n; j++) {
                int64_t num, den;
                ent_game_get_exact(g, p, (uint64_t)(i + j * m), &num, &den);
                if (den <= 0) {
                    double v = ent_game_payoffs(g, p)[i + j * m];
                    cr_assert_eq(v, (double)(int64_t)v, "non-integer payoff without exact value");
                    num = (int64_t)v;
                    den = 1;
                }
                if (den == 1)
                    fprintf(f, "%lld ", (long long)num);
                else
                    fprintf(f, "%lld/%lld ", (long long)num, (long long)den);
            }
        fputc('\n', f);
    }
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "lrsnash %s 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char line[8192];
    strset ys = {0};
    int seen_x = 0;
    while (fgets(line, sizeof line, p)) {
        if (line[0] != '1' && line[0] != '2')
            continue;
        char *save, *tok = strtok_r(line + 1, " \t\n", &save);
        char buf[4096] = "";
        int cnt = 0, want = line[0] == '2' ? n : m;
        for (; tok && cnt < want; tok = strtok_r(NULL, " \t\n", &save), cnt++) {
            if (cnt)
                strcat(buf, " ");
            strcat(buf, tok);
        }
        cr_assert_eq(cnt, want, "short lrsnash line");
        if (line[0] == '2') {
            if (seen_x) {
                ss_free(&ys);
                seen_x = 0;
            }
            ss_add(&ys, buf);
        } else {
            seen_x = 1;
            for (int k = 0; k < ys.n; k++) {
                char pair[8192];
                snprintf(pair, sizeof pair, "%s|%s", buf, ys.s[k]);
                ss_add(out, pair);
            }
        }
    }
    ss_free(&ys);
    pclose(p);
    unlink(path);
}

static void our_equilibria(const ent_game *g, int method, strset *out, ent_bimatrix **keep)
{
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = method;
    ent_bimatrix *r;
    ent_error err = {0, ""};
    cr_assert_eq(ent_bimatrix_solve(g, &o, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_bimatrix_incomplete(r), 0);
    cr_assert_eq(ent_bimatrix_certify(g, r, &err), ENT_OK, "%s", err.msg);
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    for (int k = 0; k < ent_bimatrix_count(r); k++) {
        char buf[8192] = "";
        for (int i = 0; i < m + n; i++) {
            if (i)
                strcat(buf, i == m ? "|" : " ");
            strcat(buf, ent_bimatrix_exact(r, k, i));
        }
        ss_add(out, buf);
        /* the floating-point profile passes the independent regret check */
        double mixed[64];
        ent_bimatrix_profile(r, k, mixed);
        cr_assert_leq(ent_verify_max_regret(g, mixed), ent_verify_tolerance(g));
    }
    if (keep)
        *keep = r;
    else
        ent_bimatrix_free(&r);
}

static int subset_of(const strset *a, const strset *b)
{
    for (int i = 0; i < a->n; i++)
        if (!bsearch(&a->s[i], b->s, (size_t)b->n, sizeof(char *), cmpstr))
            return 0;
    return 1;
}

/* Compare with lrsnash; cross-check support enumeration and Lemke-Howson. Returns the
 * number of equilibria. */
static int check_game_g(const ent_game *g, const char *what)
{
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    strset lrs = {0}, ours = {0}, sup = {0}, lh = {0};
    lrs_equilibria_game(g, &lrs);
    ent_bimatrix *r;
    our_equilibria(g, ENT_BM_ENUM, &ours, &r);
    qsort(lrs.s, (size_t)lrs.n, sizeof(char *), cmpstr);
    qsort(ours.s, (size_t)ours.n, sizeof(char *), cmpstr);
    cr_assert_eq(ours.n, lrs.n, "%s %dx%d: %d equilibria, lrsnash %d", what, m, n, ours.n, lrs.n);
    for (int i = 0; i < ours.n; i++)
        cr_assert_str_eq(ours.s[i], lrs.s[i], "%s %dx%d: equilibrium %d differs", what, m, n, i);
    /* every pair in a maximal Nash subset is an extreme equilibrium */
    for (int s = 0; s < ent_bimatrix_nsubsets(r); s++) {
        int c, nx, ny;
        const int *xs, *ys;
        ent_bimatrix_subset(r, s, &c, &nx, &xs, &ny, &ys);
        for (int a = 0; a < nx; a++)
            for (int b = 0; b < ny; b++) {
                int found = 0;
                for (int k = 0; k < ent_bimatrix_count(r) && !found; k++) {
                    int xv, yv;
                    ent_bimatrix_vertices(r, k, &xv, &yv);
                    found = xv == xs[a] && yv == ys[b] && ent_bimatrix_component(r, k) == c;
                }
                cr_assert(found, "%s: subset %d pair not an equilibrium of its component", what, s);
            }
    }
    ent_bimatrix_free(&r);
    our_equilibria(g, ENT_BM_SUPPORT, &sup, NULL);
    our_equilibria(g, ENT_BM_LEMKE, &lh, NULL);
    cr_assert(subset_of(&sup, &ours), "%s %dx%d: support enumeration found a non-extreme point", what, m, n);
    cr_assert(subset_of(&lh, &ours), "%s %dx%d: Lemke-Howson found a non-extreme point", what, m, n);
    cr_assert_geq(lh.n, 1);
    int cnt = ours.n;
    ss_free(&lrs);
    ss_free(&ours);
    ss_free(&sup);
    ss_free(&lh);
    return cnt;
}

static int check_game(int m, int n, const int *A, const int *B, const char *what)
{
    ent_game *g = make_game(m, n, A, B);
    int cnt = check_game_g(g, what);
    ent_game_free(&g);
    return cnt;
}

static int nondegenerate_equal(int m, int n, const int *A, const int *B)
{
    /* support enumeration finds everything in nondegenerate games: all equal */
    ent_game *g = make_game(m, n, A, B);
    strset a = {0}, b = {0};
    our_equilibria(g, ENT_BM_ENUM, &a, NULL);
    our_equilibria(g, ENT_BM_SUPPORT, &b, NULL);
    qsort(a.s, (size_t)a.n, sizeof(char *), cmpstr);
    qsort(b.s, (size_t)b.n, sizeof(char *), cmpstr);
    int eq = a.n == b.n && subset_of(&b, &a);
    ss_free(&a);
    ss_free(&b);
    ent_game_free(&g);
    return eq;
}

Test(bimatrix_lrs, random_integer_games_2x2_to_10x10, .timeout = 120)
{
    rng_state = 20260101;
    int A[100], B[100], games = 0, total = 0;
    for (int m = 2; m <= 10; m++)
        for (int rep = 0; rep < 14; rep++) {
            int n = rep < 10 ? m : 2 + rnd(0, 8);
            for (int i = 0; i < m * n; i++) {
                A[i] = rnd(-1000, 1000);
                B[i] = rnd(-1000, 1000);
            }
            total += check_game(m, n, A, B, "random");
            cr_assert(nondegenerate_equal(m, n, A, B), "support enumeration differs %dx%d", m, n);
            games++;
        }
    cr_assert_eq(games, 126);
    cr_assert_gt(total, games);
}

Test(bimatrix_lrs, integer_games_with_many_ties, .timeout = 120)
{
    rng_state = 77;
    int A[64], B[64], games = 0;
    for (int rep = 0; rep < 100; rep++) {
        int m = 2 + rep % 6, n = 2 + (rep / 6) % 6;
        for (int i = 0; i < m * n; i++) {
            A[i] = rnd(0, 2);
            B[i] = rnd(0, 2);
        }
        check_game(m, n, A, B, "ties");
        games++;
    }
    cr_assert_eq(games, 100);
}

Test(bimatrix_lrs, zero_sum_games_value_matches_lp, .timeout = 120)
{
    rng_state = 4242;
    int A[81], B[81];
    for (int rep = 0; rep < 60; rep++) {
        int m = 2 + rep % 7, n = 2 + (rep / 7) % 7;
        for (int i = 0; i < m * n; i++) {
            A[i] = rnd(-9, 9);
            B[i] = -A[i];
        }
        check_game(m, n, A, B, "zerosum");
        ent_game *g = make_game(m, n, A, B);
        double v, x[9], y[9];
        ent_error err;
        cr_assert_eq(ent_zerosum_solve(g, 1, &v, x, y, &err), ENT_OK, "%s", err.msg);
        ent_bimatrix *r;
        cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, &err), ENT_OK);
        cr_assert_gt(ent_bimatrix_count(r), 0);
        /* every equilibrium of a zero-sum game pays the value */
        for (int k = 0; k < ent_bimatrix_count(r); k++) {
            double mixed[18], pay[2];
            ent_bimatrix_profile(r, k, mixed);
            ent_verify_regrets(g, mixed, NULL, pay);
            cr_assert_float_eq(pay[0], v, 1e-7, "zero-sum value %g vs equilibrium %g", v, pay[0]);
            cr_assert_float_eq(pay[1], -v, 1e-7);
        }
        /* the LP strategies are equilibrium strategies */
        double mixed[18];
        memcpy(mixed, x, sizeof(double) * (size_t)m);
        memcpy(mixed + m, y, sizeof(double) * (size_t)n);
        cr_assert_leq(ent_verify_max_regret(g, mixed), 1e-7);
        ent_bimatrix_free(&r);
        ent_game_free(&g);
    }
}

Test(bimatrix_lrs, games_with_components, .timeout = 120)
{
    rng_state = 99;
    int A[64], B[64], with_big_component = 0;
    for (int rep = 0; rep < 54; rep++) {
        int m = 3 + rep % 4, n = 3 + (rep / 4) % 4;
        for (int i = 0; i < m * n; i++) {
            A[i] = rnd(0, 5);
            B[i] = rnd(0, 5);
        }
        /* duplicate a column for player 0 and a row for player 1 (payoff-equivalent
         * strategies give convex sets of equilibria) */
        for (int i = 0; i < m; i++)
            A[i * n + n - 1] = A[i * n + 0];
        for (int j = 0; j < n; j++)
            B[(m - 1) * n + j] = B[0 * n + j];
        if (rep % 3 == 0)
            for (int i = 0; i < m; i++)
                B[i * n + 1] = B[i * n + 0];
        ent_game *g = make_game(m, n, A, B);
        ent_bimatrix *r;
        cr_assert_eq(ent_bimatrix_solve(g, NULL, &r, NULL), ENT_OK);
        if (ent_bimatrix_ncomponents(r) < ent_bimatrix_count(r))
            with_big_component++;
        ent_bimatrix_free(&r);
        ent_game_free(&g);
        check_game(m, n, A, B, "component");
    }
    cr_assert_gt(with_big_component, 10);
}

Test(bimatrix_lrs, gambit_two_player_samples, .timeout = 60)
{
    /* Gambit's sample games (copied from Gambit's distribution into tests/data/bimatrix),
     * several of them degenerate (deg2, todd1, todd2, zero, ...) */
    static const char *files[] = {"2x2a", "2x2const", "8x8", "cent2", "csg1", "csg3", "csg4",
                                  "deg2", "e07", "loopback", "mixdom", "oneill", "perfect1",
                                  "perfect2", "sh3", "todd1", "todd2", "wink3", "winkels",
                                  "zero"};
    int total = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/data/bimatrix/%s.nfg", files[i]);
        ent_game *g;
        ent_error err;
        cr_assert_eq(ent_nfg_read_file(path, NULL, &g, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_game_nplayers(g), 2, "%s", path);
        total += check_game_g(g, files[i]);
        ent_game_free(&g);
    }
    cr_assert_geq(total, 20);
}
