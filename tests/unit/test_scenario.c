/* test_scenario.c — scenarios: the default Ukraine scenario compiled and re-checked
 * against an independent re-implementation of its rules, its pure equilibria found by
 * brute force (the backstop is pivotal), the three kinds of preferences, the contract
 * queries (options, feasibility, irreversible moves, words, states), parameters and
 * their distributions (point values, determinism, sample moments), @include, and the
 * coalition block. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

static ent_scenario *load(const char *path)
{
    ent_scenario *s = NULL;
    ent_error err = {0, ""};
    int rc = ent_scenario_load(path, NULL, &s, &err);
    cr_assert_eq(rc, ENT_OK, "%s: %s", path, err.msg);
    return s;
}

static double P(const ent_scenario *s, const char *name)
{
    int i = ent_scenario_param_index(s, name);
    cr_assert_geq(i, 0, "%s", name);
    return ent_scenario_param_value(s, i);
}

/* The rules of configs/ukraine-2025.cfg written again in C, profile by profile:
 * strategies coalition {none, deploy, deploy+engage}, us {none, backstop},
 * russia {none, ceasefire}, ukraine {none, ceasefire}. */
static void ukraine_by_hand(const ent_scenario *s, const int *p, double *u)
{
    int deploy = p[0] >= 1, engage = p[0] == 2, B = p[1], rc = p[2], uc = p[3];
    int H = rc && uc, D = deploy && uc;
    double q = B ? P(s, "q_backstop") : P(s, "q_alone");
    double co = 0, us = 0, ru = 0, ua = 0;
    if (H) {
        ua += P(s, "ua_peace");
        co += P(s, "co_peace");
        us += P(s, "us_peace");
    } else {
        ru += P(s, "ru_fight_gain");
    }
    if (H && !deploy)
        ua -= P(s, "ua_freeze_risk");
    if (D) {
        ua += P(s, "ua_guarantee");
        ru -= P(s, "ru_troops");
        co += P(s, "co_lead") - P(s, "co_deploy_cost");
        if (B) {
            ua += P(s, "ua_backstop");
            ru -= P(s, "ru_us");
            us += P(s, "us_influence");
        } else {
            co -= P(s, "co_no_enablers");
        }
    }
    if (B)
        us -= P(s, "us_cost");
    if (D && !rc) {
        if (engage) {
            ru -= q * P(s, "ru_euro_war");
            co -= q * P(s, "co_war_cost");
            us -= B ? q * P(s, "us_war_cost") : 0;
            ua += q * P(s, "ua_guarantee");
        } else {
            co -= P(s, "co_humiliation");
            ua -= P(s, "ua_guarantee");
        }
    }
    u[0] = co;
    u[1] = us;
    u[2] = ru;
    u[3] = ua;
}

static void check_against_hand(const ent_scenario *s)
{
    ent_game *g;
    ent_error err;
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_game_nprofiles(g), 24);
    for (uint64_t i = 0; i < 24; i++) {
        int p[4];
        double u[4];
        ent_game_profile_decode(g, i, p);
        ukraine_by_hand(s, p, u);
        for (int a = 0; a < 4; a++)
            cr_assert_float_eq(ent_game_payoffs(g, a)[i], u[a], 1e-12, "profile %d%d%d%d actor %d: %g vs %g", p[0],
                               p[1], p[2], p[3], a, ent_game_payoffs(g, a)[i], u[a]);
    }
    ent_game_free(&g);
}

Test(scenario, ukraine_structure)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    cr_assert_eq(ent_scenario_nactors(s), 4);
    cr_assert_str_eq(ent_scenario_actor_id(s, 0), "coalition");
    cr_assert_str_eq(ent_scenario_actor_name(s, 0), "Coalition of the willing");
    cr_assert_eq(ent_scenario_noptions(s, 0), 2);
    cr_assert_str_eq(ent_scenario_option_id(s, 0, 1), "engage");
    cr_assert_eq(ent_scenario_nstrategies(s, 0), 3); /* engage without deploy removed */
    /* labels from the option texts (`text`, `text_off` for every option off) */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 0, 0), "no coalition force");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 0, 2),
                     "the coalition deploys + the coalition commits to respond if attacked");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 2, 0), "Russia fights on");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 2, 1), "Russia accepts the ceasefire");
    cr_assert_eq(ent_scenario_strategy_has_option(s, 0, 2, 1), 1);
    cr_assert_eq(ent_scenario_strategy_has_option(s, 0, 1, 1), 0);
    cr_assert_eq(ent_scenario_nprofiles(s), 24);
    cr_assert_eq(ent_scenario_pref_kind(s), 0);
    cr_assert_eq(ent_scenario_nstages(s), 3);
    cr_assert_eq(ent_scenario_stage_nactors(s, 2), 2);
    cr_assert_eq(ent_scenario_stage_actor(s, 2, 1), 3);
    cr_assert_eq(ent_scenario_analysis_nconcepts(s), 8); /* spe first, with bargaining */
    cr_assert_str_eq(ent_scenario_analysis_concept(s, 0), "spe");
    cr_assert_str_eq(ent_scenario_analysis_concept(s, 1), "pure");
    cr_assert_str_eq(ent_scenario_analysis_concept(s, 5), "bargaining");
    cr_assert_str_eq(ent_scenario_status_quo(s), "");
    unsigned long long seed = 0;
    cr_assert_eq(ent_scenario_analysis_seed(s, &seed), 1);
    cr_assert_eq(seed, 20250904ULL);
    cr_assert_eq(ent_scenario_analysis_samples(s), 10000);
    cr_assert_eq(ent_scenario_analysis_nsweeps(s), 1);
    cr_assert_eq(ent_scenario_has_coalition(s), 0);
    cr_assert(isnan(ent_scenario_coalition_quota(s)));
    ent_scenario_free(&s);
    cr_assert_null(s);
}

Test(scenario, ukraine_payoffs_match_hand_computation)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    check_against_hand(s);
    /* and at another point */
    ent_error err;
    cr_assert_eq(ent_scenario_set_param(s, "q_backstop", 0.3, &err), ENT_OK);
    cr_assert_eq(ent_scenario_set_param(s, "us_cost", 0.1, &err), ENT_OK);
    check_against_hand(s);
    /* a sampled point */
    cr_assert_eq(ent_scenario_sample_params(s, 7, 3, &err), ENT_OK);
    check_against_hand(s);
    ent_scenario_free(&s);
}

/* pure equilibria by brute force over unilateral deviations */
static int is_pure_ne(const ent_game *g, const int *p)
{
    int n = ent_game_nplayers(g), q[8];
    uint64_t i = ent_game_profile_index(g, p);
    for (int a = 0; a < n; a++) {
        memcpy(q, p, sizeof(int) * (size_t)n);
        for (int t = 0; t < ent_game_nstrategies(g, a); t++) {
            q[a] = t;
            if (ent_game_payoffs(g, a)[ent_game_profile_index(g, q)] > ent_game_payoffs(g, a)[i] + 1e-12)
                return 0;
        }
    }
    return 1;
}

static int guaranteed_ceasefire_is_ne(const char *path, int us_strategy)
{
    ent_scenario *s = load(path);
    ent_game *g;
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    int found = 0;
    for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
        int p[4];
        ent_game_profile_decode(g, i, p);
        if (!ent_scenario_profile_feasible(s, p) || !is_pure_ne(g, p))
            continue;
        /* a deployed force with the ceasefire holding */
        if (p[0] >= 1 && p[2] == 1 && p[3] == 1 && p[1] == us_strategy)
            found = 1;
    }
    ent_game_free(&g);
    ent_scenario_free(&s);
    return found;
}

Test(scenario, ukraine_equilibria_backstop_is_pivotal)
{
    /* default: (deploy+engage, backstop, ceasefire, ceasefire) is an equilibrium ... */
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    ent_game *g;
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    int good[4] = {2, 1, 1, 1}, no_engage[4] = {1, 1, 1, 1}, no_us[4] = {2, 0, 1, 1};
    cr_assert(is_pure_ne(g, good));
    cr_assert(!is_pure_ne(g, no_engage)); /* Russia breaks a ceasefire nobody defends */
    cr_assert(!is_pure_ne(g, no_us));     /* without the backstop Russia fights on */
    ent_game_free(&g);
    ent_scenario_free(&s);
    cr_assert(guaranteed_ceasefire_is_ne("configs/ukraine-2025.cfg", 1));
    /* ... no such equilibrium when the US declines (it has one strategy, "none") */
    cr_assert(!guaranteed_ceasefire_is_ne("configs/ukraine-no-us-backstop.cfg", 0));
    /* ... and a coalition that would act alone deters Russia without the US too */
    cr_assert(guaranteed_ceasefire_is_ne("configs/ukraine-coalition-acts-alone.cfg", 1));
    s = load("configs/ukraine-coalition-acts-alone.cfg");
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    int alone[4] = {2, 0, 1, 1}, alone_fight[4] = {2, 0, 0, 1}, alone_none[4] = {0, 0, 1, 1};
    const double *ru = ent_game_payoffs(g, 2), *co = ent_game_payoffs(g, 0);
    cr_assert_gt(ru[ent_game_profile_index(g, alone)], ru[ent_game_profile_index(g, alone_fight)]);
    cr_assert_gt(co[ent_game_profile_index(g, alone)], co[ent_game_profile_index(g, alone_none)]);
    ent_game_free(&g);
    ent_scenario_free(&s);
    /* in the default scenario, without the US Russia prefers to fight a committed force */
    s = load("configs/ukraine-2025.cfg");
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    ru = ent_game_payoffs(g, 2);
    cr_assert_lt(ru[ent_game_profile_index(g, alone)], ru[ent_game_profile_index(g, alone_fight)]);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(scenario, feasibility_moves_words_states)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    int p[4] = {1, 0, 0, 0};
    cr_assert_eq(ent_scenario_profile_feasible(s, p), 0); /* deploy while Ukraine fights */
    p[3] = 1;
    cr_assert_eq(ent_scenario_profile_feasible(s, p), 1);
    int bad[4] = {3, 0, 0, 0};
    cr_assert_eq(ent_scenario_profile_feasible(s, bad), 0);
    /* coalition.deploy is irreversible: on, never off */
    cr_assert_eq(ent_scenario_move_allowed(s, 0, 0, 1), 1);
    cr_assert_eq(ent_scenario_move_allowed(s, 0, 1, 2), 1);
    cr_assert_eq(ent_scenario_move_allowed(s, 0, 2, 1), 1);
    cr_assert_eq(ent_scenario_move_allowed(s, 0, 1, 0), 0);
    cr_assert_eq(ent_scenario_move_allowed(s, 0, 2, 0), 0);
    cr_assert_eq(ent_scenario_move_allowed(s, 2, 1, 0), 1);
    int good[4] = {2, 1, 1, 1};
    char buf[512];
    int n = ent_scenario_describe(s, good, buf, sizeof buf);
    cr_assert_str_eq(buf, "the coalition deploys; the coalition commits to respond if attacked; the US backstops; "
                          "Russia accepts the ceasefire; Ukraine accepts the ceasefire");
    cr_assert_eq(n, (int)strlen(buf));
    char small[10];
    cr_assert_eq(ent_scenario_describe(s, good, small, sizeof small), n); /* like snprintf */
    cr_assert_str_eq(small, "the coali");
    int war[4] = {0, 0, 0, 0};
    ent_scenario_describe(s, war, buf, sizeof buf);
    cr_assert_str_eq(buf, "no coalition force; the US does not backstop; Russia fights on; Ukraine fights on");
    int q[4];
    ent_error err;
    cr_assert_eq(ent_scenario_parse_state(s, " coalition.deploy,coalition.engage , us.backstop, russia.ceasefire, ukraine.ceasefire", q, &err),
                 ENT_OK, "%s", err.msg);
    cr_assert_eq(memcmp(q, good, sizeof q), 0);
    cr_assert_eq(ent_scenario_parse_state(s, "", q, &err), ENT_OK);
    cr_assert_eq(memcmp(q, war, sizeof q), 0);
    cr_assert_eq(ent_scenario_parse_state(s, "us.backstp", q, &err), ENT_ENOTFOUND);
    cr_assert_str_eq(err.msg, "actor 'us' has no option or choice 'backstp' (did you mean 'backstop'?)");
    cr_assert_eq(ent_scenario_parse_state(s, "coalition.engage", q, &err), ENT_EINFEASIBLE);
    cr_assert_eq(ent_scenario_parse_state(s, "usa.backstop", q, &err), ENT_ENOTFOUND);
    cr_assert_str_eq(err.msg, "unknown actor 'usa' in the state (did you mean 'us'?)");
    ent_scenario_free(&s);
}

Test(scenario, set_param)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    ent_error err;
    cr_assert_eq(ent_scenario_set_param(s, "q_backstp", 0.5, &err), ENT_ENOTFOUND);
    cr_assert_str_eq(err.msg, "configs/ukraine-2025.cfg: no parameter 'q_backstp' (did you mean 'q_backstop'?)");
    cr_assert_eq(ent_scenario_set_param(s, "q_backstop", NAN, &err), ENT_EINVAL);
    int i = ent_scenario_param_index(s, "q_backstop");
    cr_assert_float_eq(ent_scenario_param_value(s, i), 0.775, 1e-15);
    cr_assert_eq(ent_scenario_set_param(s, "q_backstop", 0.1, &err), ENT_OK);
    cr_assert_eq(ent_scenario_param_value(s, i), 0.1);
    cr_assert_float_eq(ent_scenario_param_point(s, i), 0.775, 1e-15);
    ent_scenario_free(&s);
}

Test(scenario, statements_are_lexicographic_scores)
{
    ent_scenario *s = load("configs/ukraine-2025-gmcr.cfg");
    cr_assert_eq(ent_scenario_pref_kind(s), 1);
    ent_game *g;
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    /* status quo: nothing on. Ukraine's statements (5): !cf|deploy true (16), backstop no,
     * holds no, russia.cf|engage no, deploy no -> 16. Russia (5): !engage 16, !deploy 8,
     * !backstop 4, ukraine.cf 0, !russia.cf 1 -> 29. */
    int sq[4] = {0, 0, 0, 0};
    uint64_t i = ent_game_profile_index(g, sq);
    cr_assert_eq(ent_game_payoffs(g, 3)[i], 16.0);
    cr_assert_eq(ent_game_payoffs(g, 2)[i], 29.0);
    /* coalition (6 statements) at deploy, backstop, both ceasefire: holds 32, !engage|B 16,
     * !(deploy&!rcf)|engage 8, !deploy|B 4, deploy 2, !engage 1 -> 63 */
    int best[4] = {1, 1, 1, 1};
    cr_assert_eq(ent_game_payoffs(g, 0)[ent_game_profile_index(g, best)], 63.0);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(scenario, outcome_table_and_choices)
{
    ent_scenario *s = load("configs/classic/prisoners-dilemma.cfg");
    cr_assert_eq(ent_scenario_pref_kind(s), 2);
    cr_assert_eq(ent_scenario_noptions(s, 0), 0); /* choices, not options */
    ent_game *g;
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    double u0[4] = {3, 5, 0, 1}, u1[4] = {3, 0, 5, 1};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(ent_game_payoffs(g, 0)[i], u0[i]);
        cr_assert_eq(ent_game_payoffs(g, 1)[i], u1[i]);
    }
    cr_assert_str_eq(ent_game_player_label(g, 1), "Column");
    cr_assert_str_eq(ent_game_strategy_label(g, 1, 1), "defect");
    int dd[2] = {1, 1};
    cr_assert(is_pure_ne(g, dd));
    int cc[2] = {0, 0};
    cr_assert(!is_pure_ne(g, cc));
    char buf[128];
    ent_scenario_describe(s, dd, buf, sizeof buf);
    cr_assert_str_eq(buf, "Row defects; Column defects");
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(scenario, include_relative_to_the_scenario)
{
    ent_scenario *s = load("tests/data/scenario/with_include.cfg");
    cr_assert_eq(ent_scenario_nparams(s), 1);
    cr_assert_eq(P(s, "gain"), 4.0);
    ent_scenario_free(&s);
}

Test(scenario, fill_and_compile_at_agree)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    int np = ent_scenario_nparams(s);
    double *v = malloc(sizeof(double) * (size_t)np);
    ent_game *g, *h;
    cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK);
    for (uint64_t k = 0; k < 20; k++) {
        ent_scenario_sample_into(s, 99, k, v);
        cr_assert_eq(ent_scenario_fill(s, v, g, NULL), ENT_OK);
        cr_assert_eq(ent_scenario_compile_at(s, v, &h, NULL), ENT_OK);
        for (int a = 0; a < 4; a++)
            cr_assert_eq(memcmp(ent_game_payoffs(g, a), ent_game_payoffs(h, a), 24 * sizeof(double)), 0);
        ent_game_free(&h);
    }
    free(v);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(scenario, distributions_point_values)
{
    ent_scenario *s = load("tests/data/scenario/dists.cfg");
    cr_assert_eq(P(s, "fixed"), 3.0);
    cr_assert_eq(P(s, "u"), 2.0);  /* uniform: mean */
    cr_assert_eq(P(s, "t"), 1.0);  /* triangular: mode */
    cr_assert_eq(P(s, "n"), 10.0); /* normal: mean */
    cr_assert_eq(P(s, "nt"), 0.0);
    cr_assert_eq(P(s, "d"), 2.0);  /* discrete: value of largest weight */
    cr_assert_eq(P(s, "e"), 4.0);  /* ties: the first */
    cr_assert_eq(ent_scenario_param_is_random(s, 0), 0);
    char buf[64];
    ent_scenario_param_dist(s, ent_scenario_param_index(s, "nt"), buf, sizeof buf);
    cr_assert_str_eq(buf, "normal(0, 1) in [-0.5, 3]");
    ent_scenario_free(&s);
}

Test(scenario, distributions_samples)
{
    ent_scenario *s = load("tests/data/scenario/dists.cfg");
    int np = ent_scenario_nparams(s);
    cr_assert_eq(np, 7);
    enum { N = 40000 };
    double v[7], w[7], sum[7] = {0}, sq[7] = {0}, lo[7], hi[7];
    int dcount[3] = {0, 0, 0};
    for (int k = 0; k < 7; k++) {
        lo[k] = INFINITY;
        hi[k] = -INFINITY;
    }
    for (uint64_t i = 0; i < N; i++) {
        ent_scenario_sample_into(s, 12345, i, v);
        for (int k = 0; k < 7; k++) {
            sum[k] += v[k];
            sq[k] += v[k] * v[k];
            lo[k] = fmin(lo[k], v[k]);
            hi[k] = fmax(hi[k], v[k]);
        }
        dcount[v[5] == 1.0 ? 0 : v[5] == 2.0 ? 1 : 2]++;
    }
    /* determinism: the draw depends on (seed, index) only */
    ent_scenario_sample_into(s, 12345, 17, v);
    ent_scenario_sample_into(s, 12345, 17, w);
    cr_assert_eq(memcmp(v, w, sizeof v), 0);
    ent_scenario_sample_into(s, 12346, 17, w);
    cr_assert_neq(v[1], w[1]);
    double mean[7], var[7];
    for (int k = 0; k < 7; k++) {
        mean[k] = sum[k] / N;
        var[k] = sq[k] / N - mean[k] * mean[k];
    }
    cr_assert_eq(mean[0], 3.0); /* a plain number is not drawn */
    cr_assert_float_eq(mean[1], 2.0, 0.01);      /* uniform [1,3]: mean 2, var 1/3 */
    cr_assert_float_eq(var[1], 1.0 / 3.0, 0.01);
    cr_assert(lo[1] >= 1.0 && hi[1] <= 3.0);
    cr_assert_float_eq(mean[2], 2.0, 0.02);      /* triangular (0,1,5): mean 2, var 7/6 */
    cr_assert_float_eq(var[2], 7.0 / 6.0, 0.03);
    cr_assert(lo[2] >= 0.0 && hi[2] <= 5.0);
    cr_assert_float_eq(mean[3], 10.0, 0.03);     /* normal(10, 2) */
    cr_assert_float_eq(sqrt(var[3]), 2.0, 0.03);
    cr_assert(lo[4] >= -0.5 && hi[4] <= 3.0);    /* truncated normal stays in its window */
    /* mean of N(0,1) on [-0.5, 3]: (phi(-0.5) - phi(3)) / (Phi(3) - Phi(-0.5)) = 0.5097 */
    cr_assert_float_eq(mean[4], 0.5097, 0.015);
    cr_assert_float_eq(dcount[0] / (double)N, 0.2, 0.01); /* discrete weights 1:3:1 */
    cr_assert_float_eq(dcount[1] / (double)N, 0.6, 0.01);
    cr_assert_float_eq(mean[6], 4.5, 0.01);
    ent_scenario_free(&s);
}

Test(scenario, coalition_value_payoff_quota)
{
    ent_scenario *s = load("tests/data/scenario/coalition_value.cfg");
    cr_assert_eq(ent_scenario_nactors(s), 0);
    cr_assert_eq(ent_scenario_has_coalition(s), 1);
    cr_assert_eq(ent_scenario_coalition_kind(s), 3);
    cr_assert_eq(ent_scenario_coalition_nmembers(s), 3);
    cr_assert_str_eq(ent_scenario_coalition_member(s, 1), "UK");
    cr_assert_str_eq(ent_scenario_coalition_member_name(s, 1), "United Kingdom");
    cr_assert_str_eq(ent_scenario_coalition_member_name(s, 2), "EE");
    cr_assert_eq(ent_scenario_coalition_nattrs(s), 4);
    cr_assert_str_eq(ent_scenario_coalition_attr_name(s, 2), "weight");
    cr_assert_eq(ent_scenario_coalition_attr(s, 0, 0), 10000.0);
    cr_assert_eq(ent_scenario_coalition_quota(s), 33.0);
    cr_assert_eq(ent_scenario_coalition_has_payoff(s), 1);
    double v;
    int fr_uk[2] = {0, 1}, all[3] = {0, 1, 2};
    /* 2 * min(1, 18000/25000) * (0.5 + 0.5 * min(1, 0.7)) = 2 * 0.72 * 0.85 */
    cr_assert_eq(ent_scenario_coalition_value(s, fr_uk, 2, &v), ENT_OK);
    cr_assert_float_eq(v, 2 * 0.72 * 0.85, 1e-12);
    cr_assert_eq(ent_scenario_coalition_value(s, all, 3, &v), ENT_OK);
    cr_assert_float_eq(v, 2 * 0.76 * 0.85, 1e-12);
    cr_assert_eq(ent_scenario_coalition_value(s, NULL, 0, &v), ENT_OK);
    cr_assert_float_eq(v, 0.0, 1e-15);
    /* payoff of EE outside {FR, UK}: value * share = 1.224 * 0.1 */
    cr_assert_eq(ent_scenario_coalition_payoff(s, 2, fr_uk, 2, &v), ENT_OK);
    cr_assert_float_eq(v, 2 * 0.72 * 0.85 * 0.1, 1e-12);
    /* payoff of FR inside: 1.224 * 0.5 - 0.1 */
    cr_assert_eq(ent_scenario_coalition_payoff(s, 0, fr_uk, 2, &v), ENT_OK);
    cr_assert_float_eq(v, 2 * 0.72 * 0.85 * 0.5 - 0.1, 1e-12);
    int bad[1] = {7};
    cr_assert_eq(ent_scenario_coalition_value(s, bad, 1, &v), ENT_EINVAL);
    ent_game *g = NULL;
    ent_error err;
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_EUNSUPPORTED);
    cr_assert_null(g);
    /* from several threads at once */
    double out[8];
#pragma omp parallel for num_threads(4)
    for (int t = 0; t < 8; t++) {
        int m[3] = {0, 1, 2};
        double x = 0;
        for (int r = 0; r < 1000; r++)
            ent_scenario_coalition_value(s, m, 1 + t % 3, &x);
        out[t] = x;
    }
    cr_assert_eq(out[0], out[3]);
    cr_assert_eq(out[2], out[5]);
    ent_scenario_free(&s);
}

Test(scenario, coalition_values_table)
{
    ent_scenario *s = load("tests/data/scenario/coalition_table.cfg");
    cr_assert_eq(ent_scenario_coalition_kind(s), 2);
    cr_assert_eq(ent_scenario_coalition_nvalues(s), 3);
    const int *m;
    int k;
    double v;
    ent_scenario_coalition_value_entry(s, 1, &m, &k, &v);
    cr_assert_eq(k, 3);
    cr_assert_eq(m[0], 0); /* sorted member indices */
    cr_assert_eq(m[2], 2);
    cr_assert_eq(v, 6.0);
    ent_scenario_coalition_value_entry(s, 2, &m, &k, &v);
    cr_assert_eq(k, 0);
    double x;
    cr_assert_eq(ent_scenario_coalition_value(s, m, 0, &x), ENT_ENOTFOUND);
    cr_assert_eq(ent_scenario_coalition_has_payoff(s), 0);
    cr_assert_eq(ent_scenario_coalition_payoff(s, 0, m, 0, &x), ENT_ENOTFOUND);
    ent_scenario_free(&s);
}

Test(scenario, every_config_loads)
{
    const char *const files[] = {"configs/ukraine-2025.cfg", "configs/ukraine-no-us-backstop.cfg",
                                 "configs/ukraine-coalition-acts-alone.cfg", "configs/ukraine-2025-gmcr.cfg",
                                 "configs/classic/prisoners-dilemma.cfg", "configs/classic/chicken.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        ent_scenario *s = load(files[i]);
        ent_game *g;
        cr_assert_eq(ent_scenario_compile(s, &g, NULL), ENT_OK, "%s", files[i]);
        ent_game_free(&g);
        ent_scenario_free(&s);
    }
}

Test(scenario, labels_from_option_texts)
{
    ent_scenario *s = load("tests/data/scenario/labels_from_texts.cfg");
    /* no texts: ids, "none" for every option off */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 0, 0), "none");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 0, 3), "a+b");
    /* texts and text_off */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 1, 0), "no X; no Y");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 1, 1), "X happens");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 1, 3), "X happens + Y happens");
    /* some texts: the ids fill in; no text_off: "none" */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 2, 0), "none");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 2, 3), "P happens + q");
    /* texts that would read alike: the ids */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 3, 1), "u");
    cr_assert_str_eq(ent_scenario_strategy_label(s, 3, 2), "v");
    /* choices keep their ids (the names states are written with) */
    cr_assert_str_eq(ent_scenario_strategy_label(s, 4, 0), "left");
    /* labels within an actor are distinct */
    for (int a = 0; a < ent_scenario_nactors(s); a++)
        for (int i = 0; i < ent_scenario_nstrategies(s, a); i++)
            for (int j = 0; j < i; j++)
                cr_assert_str_neq(ent_scenario_strategy_label(s, a, i), ent_scenario_strategy_label(s, a, j));
    ent_scenario_free(&s);
}
