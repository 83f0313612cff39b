/* test_bargaining.c — known answers of the bargaining solvers, each derived in its
 * comment, and each solution passed through the independent check (verify.c). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "../../games/scenario_bargaining.h"
#include "../../solver/bargaining/bargaining.h"

static void solve_ok(const barg_problem *p, int kind, barg_solution *s)
{
    ent_error err = {0, ""};
    cr_assert_eq(barg_solution_alloc(s, p->n, p->m), ENT_OK);
    cr_assert_eq(barg_solve(p, kind, s, &err), ENT_OK, "%s", err.msg);
    double viol;
    cr_assert(barg_verify(p, kind, s, 1e-7, &viol), "%s: check failed, violation %g",
              barg_kind_name[kind], viol);
}

#define NEAR(a, b) cr_assert(fabs((a) - (b)) < 1e-7, "%s = %.12g, expected %.12g", #a, (double)(a), (double)(b))

/* Linear frontier: outcomes (4,0), (0,2), d = (0,0). The frontier is x1/4 + x2/2 = 1.
 * Nash maximises x1 x2 = x1 (2 - x1/2): derivative 2 - x1 = 0, so (2, 1) — the midpoint,
 * as for any linear frontier from d on the axes. KS: ideal (4,2), gains proportional,
 * x = (4t, 2t) on the line: t + t = 1, t = 1/2, also (2, 1). Egalitarian: x1 = x2 on the
 * line: x1 (1/4 + 1/2) = 1, x1 = 4/3. Utilitarian: the vertex (4, 0). */
Test(bargaining, linear_frontier)
{
    double pay[] = {4, 0, 0, 2}, d[] = {0, 0};
    barg_problem p = {2, 2, pay, d, NULL, 1};
    barg_solution s;
    solve_ok(&p, BARG_NASH, &s);
    NEAR(s.x[0], 2);
    NEAR(s.x[1], 1);
    NEAR(s.mix[0], 0.5);
    barg_solution_free(&s);
    solve_ok(&p, BARG_KS, &s);
    NEAR(s.x[0], 2);
    NEAR(s.x[1], 1);
    barg_solution_free(&s);
    solve_ok(&p, BARG_EGAL, &s);
    NEAR(s.x[0], 4.0 / 3);
    NEAR(s.x[1], 4.0 / 3);
    barg_solution_free(&s);
    solve_ok(&p, BARG_UTIL, &s);
    NEAR(s.x[0], 4);
    NEAR(s.x[1], 0);
    barg_solution_free(&s);
}

/* Piecewise-linear frontier: outcomes (0,10), (6,8), (10,0), d = (0,0), plus a dominated
 * (1,1). Edge A from (0,10) to (6,8): x2 = 10 - x1/3; x1 x2 = 10 x1 - x1^2/3 peaks at
 * x1 = 15, outside the edge, so the product rises along it up to (6,8) = 48. Edge B from
 * (6,8) to (10,0): x2 = 20 - 2 x1; x1 (20 - 2 x1) peaks at x1 = 5, before the edge
 * starts, so it falls along it. Nash = the kink (6, 8).
 * Asymmetric Nash with powers (1, 9): on edge A the derivative of log x1 + 9 log x2 is
 * 1/x1 - 3/x2, which is negative at the kink (1/6 - 3/8), so the optimum is inside edge
 * A: x2 = 3 x1 and x2 = 10 - x1/3 → x1 = 3, x2 = 9. */
Test(bargaining, piecewise_linear_frontier_and_powers)
{
    double pay[] = {0, 10, 6, 8, 10, 0, 1, 1}, d[] = {0, 0};
    barg_problem p = {2, 4, pay, d, NULL, 1};
    barg_solution s;
    solve_ok(&p, BARG_NASH, &s);
    NEAR(s.x[0], 6);
    NEAR(s.x[1], 8);
    NEAR(s.mix[1], 1);
    barg_solution_free(&s);
    double w[] = {1, 9};
    p.w = w;
    solve_ok(&p, BARG_NASH, &s);
    NEAR(s.x[0], 3);
    NEAR(s.x[1], 9);
    barg_solution_free(&s);
    /* the Frank-Wolfe method used for n > 2 agrees with the exact two-actor one */
    ent_error err = {0, ""};
    cr_assert_eq(barg_solution_alloc(&s, 2, 4), ENT_OK);
    cr_assert_eq(barg_solve(&p, BARG_KS, &s, &err), ENT_OK); /* ideal point and fixed */
    cr_assert_eq(barg_nash_frank_wolfe(&p, &s, &err), ENT_OK, "%s", err.msg);
    cr_assert(fabs(s.x[0] - 3) < 1e-5 && fabs(s.x[1] - 9) < 1e-5, "Frank-Wolfe: (%g, %g)",
              s.x[0], s.x[1]);
    barg_solution_free(&s);
}

/* Kalai-Smorodinsky on an asymmetric frontier: outcomes (0,6), (4,4), (8,0), d = (0,0).
 * Ideal (8, 6). KS is on the ray x = t (8, 6). Edge (0,6)-(4,4): x2 = 6 - x1/2, with
 * 6t = 6 - 4t → t = 0.6 → x = (4.8, 3.6), but x1 = 4.8 > 4 leaves that edge. Edge
 * (4,4)-(8,0): x2 = 8 - x1: 6t = 8 - 8t → t = 4/7 → x = (32/7, 24/7), with x1 in [4,8]. */
Test(bargaining, kalai_smorodinsky_asymmetric)
{
    double pay[] = {0, 6, 4, 4, 8, 0}, d[] = {0, 0};
    barg_problem p = {2, 3, pay, d, NULL, 1};
    barg_solution s;
    solve_ok(&p, BARG_KS, &s);
    NEAR(s.ideal[0], 8);
    NEAR(s.ideal[1], 6);
    NEAR(s.x[0], 32.0 / 7);
    NEAR(s.x[1], 24.0 / 7);
    barg_solution_free(&s);
}

/* Three actors, egalitarian: outcomes e1*6, e2*3, e3*2 (each actor alone gets 6, 3 or
 * 2), d = 0. Equal gains g on the plane x1/6 + x2/3 + x3/2 = 1: g (1/6 + 1/3 + 1/2) = 1
 * → g = 1. Nash (three actors, Frank-Wolfe): on a simplex face, x_i = ideal_i / 3 →
 * (2, 1, 2/3). */
Test(bargaining, three_actors)
{
    double pay[] = {6, 0, 0, 0, 3, 0, 0, 0, 2}, d[] = {0, 0, 0};
    barg_problem p = {3, 3, pay, d, NULL, 1};
    barg_solution s;
    solve_ok(&p, BARG_EGAL, &s);
    for (int i = 0; i < 3; i++)
        NEAR(s.x[i], 1);
    barg_solution_free(&s);
    solve_ok(&p, BARG_NASH, &s);
    cr_assert(fabs(s.x[0] - 2) < 1e-6 && fabs(s.x[1] - 1) < 1e-6 && fabs(s.x[2] - 2.0 / 3) < 1e-6,
              "nash (%g, %g, %g)", s.x[0], s.x[1], s.x[2]);
    barg_solution_free(&s);
}

/* Disagreement outside the feasible set: no outcome (or lottery) gives both d. */
Test(bargaining, disagreement_outside_feasible_set)
{
    double pay[] = {4, 0, 0, 2}, d[] = {3, 1.5};
    barg_problem p = {2, 2, pay, d, NULL, 1};
    barg_solution s;
    ent_error err = {0, ""};
    cr_assert_eq(barg_solution_alloc(&s, 2, 2), ENT_OK);
    cr_assert_eq(barg_solve(&p, BARG_NASH, &s, &err), ENT_EINFEASIBLE);
    cr_assert(strstr(err.msg, "outside the feasible set"), "%s", err.msg);
    p.lotteries = 0;
    cr_assert_eq(barg_solve(&p, BARG_UTIL, &s, &err), ENT_EINFEASIBLE);
    barg_solution_free(&s);
}

/* A wrong answer is refused by the check: (4,0) is not the Nash solution of the linear
 * frontier (the derivative towards (0,2) is 1/... positive). */
Test(bargaining, check_refuses_wrong_answers)
{
    double pay[] = {4, 0, 0, 2}, d[] = {0, 0};
    barg_problem p = {2, 2, pay, d, NULL, 1};
    barg_solution s;
    solve_ok(&p, BARG_NASH, &s);
    s.x[0] = 2.4;
    s.x[1] = 0.8;
    s.mix[0] = 0.6;
    s.mix[1] = 0.4;
    double viol;
    cr_assert_not(barg_verify(&p, BARG_NASH, &s, 1e-7, &viol));
    barg_solution_free(&s);
    solve_ok(&p, BARG_EGAL, &s);
    s.cert[0] *= 0.5; /* a certificate that does not bound the objective */
    s.cert[1] = 1 - s.cert[0];
    s.cert[1] *= 0.1;
    cr_assert_not(barg_verify(&p, BARG_EGAL, &s, 1e-7, &viol));
    barg_solution_free(&s);
}

/* Rubinstein (1982): the first proposer gets (1 - d2) / (1 - d1 d2).
 * (0.95, 0.95): 0.05 / 0.0975 = 20/39; (0.95, 0.9): 0.1 / 0.145 = 20/29;
 * (0.9, 0.95): 0.05 / 0.145 = 10/29. */
Test(bargaining, rubinstein_shares)
{
    double cases[3][3] = {{0.95, 0.95, 20.0 / 39}, {0.95, 0.9, 20.0 / 29}, {0.9, 0.95, 10.0 / 29}};
    for (int c = 0; c < 3; c++) {
        barg_rubinstein m = {{cases[c][0], cases[c][1]}, 0, {0, 0}, {0, 0}, 0, 0};
        double sh[2];
        int bind[2];
        ent_error err = {0, ""};
        cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, &err), ENT_OK, "%s", err.msg);
        NEAR(sh[0], cases[c][2]);
        NEAR(sh[1], 1 - cases[c][2]);
        cr_assert(barg_rubinstein_verify(&m, sh, 1e-12));
        m.proposer = 1; /* side 1 proposes: it gets (1 - d1)/(1 - d1 d2) */
        cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, &err), ENT_OK);
        NEAR(sh[1], (1 - cases[c][0]) / (1 - cases[c][0] * cases[c][1]));
        cr_assert(barg_rubinstein_verify(&m, sh, 1e-12));
    }
}

/* As the period D shrinks with delta_i = exp(-r_i D), the first proposer's share tends to
 * r2 / (r1 + r2) (Binmore, Rubinstein and Wolinsky 1986: the asymmetric Nash solution
 * with powers 1/r_i). Rates 0.05 and 0.1: limit 2/3; at D = 1e-6 the error is O(D). */
Test(bargaining, rubinstein_limit)
{
    double r1 = 0.05, r2 = 0.1, prev = 0;
    for (double D = 1; D >= 1e-6; D /= 10) {
        barg_rubinstein m = {{exp(-r1 * D), exp(-r2 * D)}, 0, {0, 0}, {0, 0}, 0, 0};
        double sh[2];
        int bind[2];
        cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, NULL), ENT_OK);
        cr_assert(fabs(sh[0] - 2.0 / 3) <= fabs(prev - 2.0 / 3) || D == 1);
        prev = sh[0];
    }
    cr_assert(fabs(prev - 2.0 / 3) < 1e-6, "%.12g", prev);
}

/* Outside option (Binmore, Shaked and Sutton 1989): delta = (0.9, 0.9), the responder
 * (side 1) may leave with 0.6. Without it side 1 gets 1 - 1/1.9 = 0.4737 < 0.6: it binds,
 * so side 0 offers exactly 0.6 and keeps 0.4. An option of 0.3 < 0.4737 does not bind. */
Test(bargaining, outside_option_binds)
{
    barg_rubinstein m = {{0.9, 0.9}, 0, {0, 0}, {0, 0.6}, 1, 0};
    double sh[2];
    int bind[2];
    cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, NULL), ENT_OK);
    NEAR(sh[0], 0.4);
    cr_assert(bind[1] && !bind[0]);
    cr_assert(barg_rubinstein_verify(&m, sh, 1e-12));
    m.out[1] = 0.3;
    cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, NULL), ENT_OK);
    NEAR(sh[0], 1 / 1.9);
    cr_assert(!bind[1]);
    ent_error err = {0, ""};
    m.delta[0] = 1;
    cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, &err), ENT_EINVAL);
    cr_assert(strstr(err.msg, "outside (0, 1)"), "%s", err.msg);
}

/* Breakdown probability b with disagreement values 0 and delta = 1: the first proposer's
 * share solves v = 1 - (1-b)(1 - (1-b) v) → v = 1/(2-b); b = 0.2 → 5/9. */
Test(bargaining, breakdown_risk)
{
    barg_rubinstein m = {{1 - 1e-12, 1 - 1e-12}, 0.2, {0, 0}, {0, 0}, 0, 0};
    double sh[2];
    int bind[2];
    cr_assert_eq(barg_rubinstein_solve(&m, sh, bind, NULL), ENT_OK);
    cr_assert(fabs(sh[0] - 5.0 / 9) < 1e-9, "%.12g", sh[0]);
    cr_assert(barg_rubinstein_verify(&m, sh, 1e-12));
}

static double sqrt_utility(void *arg, int side, double share)
{
    (void)arg;
    return side == 0 ? sqrt(share) : share;
}

static double linear_utility(void *arg, int side, double share)
{
    (void)arg;
    (void)side;
    return share;
}

/* Nash with a concave utility: u0 = sqrt(x), u1 = 1 - x, d = 0. Maximise sqrt(x)(1 - x):
 * (1 - x)/(2 sqrt x) = sqrt x → 1 - x = 2x → x = 1/3. Egalitarian: sqrt x = 1 - x →
 * x = ((sqrt 5 - 1)/2)^2 = (3 - sqrt 5)/2. Linear utilities: Nash = KS = 1/2; with
 * powers (2, 1): x = 2/3. */
Test(bargaining, pie_nash_sqrt_utility)
{
    barg_pie p = {sqrt_utility, NULL, {0, 0}, {1, 1}};
    int side;
    double at, x;
    cr_assert_eq(barg_pie_check(&p, &side, &at), ENT_OK);
    cr_assert_eq(barg_pie_solve(&p, BARG_NASH, &x), ENT_OK);
    cr_assert(fabs(x - 1.0 / 3) < 1e-8, "%.12g", x);
    cr_assert(barg_pie_verify(&p, BARG_NASH, x, 1e-9));
    cr_assert_not(barg_pie_verify(&p, BARG_NASH, 0.4, 1e-9));
    cr_assert_eq(barg_pie_solve(&p, BARG_EGAL, &x), ENT_OK);
    cr_assert(fabs(x - (3 - sqrt(5)) / 2) < 1e-10, "%.12g", x);
    cr_assert(barg_pie_verify(&p, BARG_EGAL, x, 1e-9));
    barg_pie q = {linear_utility, NULL, {0, 0}, {2, 1}};
    cr_assert_eq(barg_pie_solve(&q, BARG_NASH, &x), ENT_OK);
    cr_assert(fabs(x - 2.0 / 3) < 1e-8, "%.12g", x);
    cr_assert(barg_pie_verify(&q, BARG_NASH, x, 1e-9));
    q.d[0] = 1.2; /* more than the whole pie: outside the feasible set */
    cr_assert_eq(barg_pie_check(&q, &side, &at), ENT_EINFEASIBLE);
}

static double falling_utility(void *arg, int side, double share)
{
    (void)arg;
    return side == 0 ? share * (1 - share) : share;
}

Test(bargaining, pie_utility_not_increasing)
{
    barg_pie p = {falling_utility, NULL, {0, 0}, {1, 1}};
    int side;
    double at;
    cr_assert_eq(barg_pie_check(&p, &side, &at), ENT_EINVAL);
    cr_assert_eq(side, 0);
    cr_assert(fabs(at - 0.501) < 1e-12, "%g", at);
}

/* Commitment problem, worked example: p_now = 0.5, p_later = 0.2, costs 0.05, delta 0.9.
 * p_req = 0.05 + (0.5 - 0.05 - 1 + 0.9)/0.9 = 0.05 + 0.35/0.9 = 0.438889. With a guarantor
 * lifting A to p_guar = 0.6: q* = (0.438889 - 0.2)/0.4 = 0.597222 (= 43/72). Without the
 * strongest backer (p_guar = 0.4): q* = 0.238889/0.2 = 1.19 > 1: no threshold. */
Test(bargaining, commitment_threshold)
{
    barg_commitment c = {0.5, 0.2, 0.6, 0.05, 0.05, 0.9};
    const char *bad;
    cr_assert_eq(barg_commitment_check(&c, &bad), 0);
    double qs, qm, qb, lo, hi;
    cr_assert_eq(barg_commitment_threshold(&c, &qs, &qm, &qb), 1);
    NEAR(qs, 43.0 / 72);
    NEAR(qm, 1); /* p_max = 1.05 - 0.35/0.9 = 0.6611 > p_guar: the guarantee never provokes B */
    cr_assert(fabs(qb - qs) < 1e-12, "bisection %.15g closed form %.15g", qb, qs);
    cr_assert_not(barg_commitment_range(&c, qs - 1e-6, &lo, &hi));
    cr_assert(barg_commitment_range(&c, qs + 1e-6, &lo, &hi));
    c.p_guar = 0.4;
    cr_assert_eq(barg_commitment_threshold(&c, &qs, &qm, &qb), 0);
    cr_assert(isnan(qb));
    /* A strong guarantee provokes the rising side: p_now = 0.45, p_later = 0.25,
     * p_guar = 0.75, costs 0.05 and 0.10, delta = 0.9. p_req = 0.05 + 0.3/0.9 = 23/60,
     * p_max = 1.05 - 0.35/0.9 = 119/180. q* = (23/60 - 1/4)/(1/2) = 4/15; ceiling
     * q_max = (119/180 - 1/4)/(1/2) = 37/45: above it B prefers war now. */
    barg_commitment u = {0.45, 0.25, 0.75, 0.05, 0.10, 0.9};
    cr_assert_eq(barg_commitment_threshold(&u, &qs, &qm, &qb), 1);
    NEAR(qs, 4.0 / 15);
    NEAR(qm, 37.0 / 45);
    cr_assert(fabs(qb - qs) < 1e-12);
    cr_assert_not(barg_commitment_range(&u, 37.0 / 45 + 1e-6, &lo, &hi));
    cr_assert(barg_commitment_range(&u, 37.0 / 45 - 1e-6, &lo, &hi));
    c.delta = 1;
    cr_assert_eq(barg_commitment_check(&c, &bad), -1);
    cr_assert_str_eq(bad, "delta");
}

/* The bargaining block end to end: a scenario with a utility expression in `share`.
 * u_a = sqrt(share), u_b = share, d = 0: the Nash division gives a 1/3 (see
 * pie_nash_sqrt_utility). An expression that falls (share * (1 - share)) is refused with
 * its line. */
Test(bargaining, scenario_block_expression_utility)
{
    const char *good = "title = \"t\";\n"
                       "actors = ( { id = \"a\"; options = ( \"deal\" ); }, { id = \"b\"; options = ( \"deal\" ); } );\n"
                       "payoffs = ( { when = \"a.deal & b.deal\"; a = 1; b = 1; } );\n"
                       "bargaining = {\n  sides = ( \"a\", \"b\" );\n  utility = ( \"sqrt(share)\", \"linear\" );\n};\n";
    char path[] = "/tmp/entente-bargain-XXXXXX.cfg";
    int fd = mkstemps(path, 4);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(good, f);
    fclose(f);
    ent_scenario *s = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_load(path, NULL, &s, &err), ENT_OK, "%s", err.msg);
    const sc_bargaining *b = ent_scenario_bargaining_block(s);
    cr_assert_not_null(b);
    barg_pie p = {scb_utility, (void *)b, {0, 0}, {1, 1}};
    double x;
    cr_assert_eq(barg_pie_solve(&p, BARG_NASH, &x), ENT_OK);
    cr_assert(fabs(x - 1.0 / 3) < 1e-8, "%.12g", x);
    ent_scenario_free(&s);
    f = fopen(path, "w");
    fputs("title = \"t\";\n"
          "actors = ( { id = \"a\"; options = ( \"deal\" ); }, { id = \"b\"; options = ( \"deal\" ); } );\n"
          "payoffs = ( { when = \"a.deal & b.deal\"; a = 1; b = 1; } );\n"
          "bargaining = {\n  sides = ( \"a\", \"b\" );\n  utility = ( \"share * (1 - share)\", \"linear\" );\n};\n",
          f);
    fclose(f);
    cr_assert_neq(ent_scenario_load(path, NULL, &s, &err), ENT_OK);
    cr_assert(strstr(err.msg, ":6: bargaining: the utility of a is not increasing"), "%s", err.msg);
    remove(path);
}
