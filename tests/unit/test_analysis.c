/* test_analysis.c — the public analysis API: the concept registry, ent_analyze on games
 * built in memory and loaded from files, ent_analyze_coalition, error statuses, and the
 * report written as a string. Answers are read back from the JSON output (jansson, code
 * apart from the writers) and checked against published values and ent_verify_regrets. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

static ent_game *bimatrix(const double *a, const double *b)
{
    int ns[2] = {2, 2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    memcpy(ent_game_payoffs_mut(g, 0), a, 4 * sizeof(double));
    memcpy(ent_game_payoffs_mut(g, 1), b, 4 * sizeof(double));
    return g;
}

/* Run `concepts` on g and return the JSON report parsed. */
static json_t *run_json(const ent_game *g, const ent_scenario *s, const char *concepts, int threads)
{
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = concepts;
    o.fmt = ENT_FMT_JSON;
    o.threads = threads;
    ent_report *r = NULL;
    ent_error err = {0, ""};
    int rc = ent_analyze(g, s, &o, &r, &err);
    cr_assert_eq(rc, ENT_OK, "ent_analyze: %s", err.msg);
    char *text = NULL;
    cr_assert_eq(ent_report_write_string(r, ENT_FMT_JSON, NULL, &text), ENT_OK);
    ent_report_free(&r);
    cr_assert_null(r);
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    cr_assert_not_null(j, "JSON: %s", je.text);
    ent_free(text);
    return j;
}

Test(analysis, registry_lists_every_concept_once)
{
    int n = ent_concept_count();
    cr_assert_geq(n, 20);
    const char *must[] = {"pure", "nash", "zerosum", "maxmin", "correlated", "cce", "dominance",
                          "qre", "enumpoly", "strong", "pareto", "gmcr", "sweep", "montecarlo",
                          "core", "nucleolus", "shapley", "banzhaf", "power", "cartel"};
    for (size_t k = 0; k < sizeof must / sizeof must[0]; k++) {
        int i = ent_concept_find(must[k]);
        cr_assert_geq(i, 0, "%s not registered", must[k]);
        ent_concept_info c;
        cr_assert_eq(ent_concept_info_get(i, &c), ENT_OK);
        cr_assert_str_eq(c.name, must[k]);
        cr_assert(c.summary && c.summary[0] && c.kinds != 0 && c.options);
    }
    for (int i = 0; i < n; i++) {
        ent_concept_info a;
        cr_assert_eq(ent_concept_info_get(i, &a), ENT_OK);
        cr_assert_eq(ent_concept_find(a.name), i, "%s registered twice", a.name);
    }
    ent_concept_info c;
    cr_assert_eq(ent_concept_info_get(n, &c), ENT_EINVAL);
    cr_assert_eq(ent_concept_info_get(-1, &c), ENT_EINVAL);
    cr_assert_eq(ent_concept_find("no-such-concept"), ENT_ENOTFOUND);
}

/* Matching pennies: the only equilibrium mixes 1/2 - 1/2 for both; value 0. */
Test(analysis, nash_of_matching_pennies)
{
    double a[4] = {1, -1, -1, 1}, b[4] = {-1, 1, 1, -1};
    ent_game *g = bimatrix(a, b);
    json_t *j = run_json(g, NULL, "nash", 0);
    json_t *eq = json_object_get(j, "equilibria");
    cr_assert_eq(json_array_size(eq), 1);
    json_t *row = json_array_get(eq, 0);
    cr_assert_str_eq(json_string_value(json_object_get(row, "concept")), "nash");
    double mixed[4];
    const char *cols[4] = {"prob:1:1", "prob:1:2", "prob:2:1", "prob:2:2"};
    for (int k = 0; k < 4; k++) {
        mixed[k] = json_real_value(json_object_get(row, cols[k]));
        cr_assert_float_eq(mixed[k], 0.5, 1e-12, "%s", cols[k]);
    }
    cr_assert_float_eq(json_real_value(json_object_get(row, "payoff:1")), 0.0, 1e-12);
    /* the exported profile is an equilibrium by the independent check */
    cr_assert_leq(ent_verify_max_regret(g, mixed), ent_verify_tolerance(g));
    json_decref(j);
    ent_game_free(&g);
}

/* Prisoner's dilemma from its Gambit file, default concepts: one pure equilibrium,
 * Defect / Defect, strict; CSV shows the equilibria table. */
Test(analysis, defaults_on_prisoners_dilemma)
{
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_nfg_read_file("tests/known/pd.nfg", NULL, &g, &err), ENT_OK, "%s", err.msg);
    json_t *j = run_json(g, NULL, NULL, 0);
    json_t *eq = json_object_get(j, "equilibria");
    size_t n = json_array_size(eq), pure = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(eq, i);
        if (strcmp(json_string_value(json_object_get(row, "concept")), "pure"))
            continue;
        pure++;
        cr_assert_str_eq(json_string_value(json_object_get(row, "outcome")), "Defect / Defect");
        cr_assert_str_eq(json_string_value(json_object_get(row, "note")), "strict");
    }
    cr_assert_eq(pure, 1);
    json_decref(j);
    ent_report *r = NULL;
    cr_assert_eq(ent_analyze(g, NULL, NULL, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_str_eq(ent_report_primary_table(r), "equilibria");
    char *csv = NULL;
    cr_assert_eq(ent_report_write_string(r, ENT_FMT_CSV, NULL, &csv), ENT_OK);
    cr_assert(!strncmp(csv, "concept,id,outcome,", 19), "%s", csv);
    ent_free(csv);
    ent_report_free(&r);
    ent_game_free(&g);
}

/* The same report, byte for byte, for one and two threads. */
Test(analysis, same_report_for_any_thread_count)
{
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_nfg_read_file("tests/known/coord3.nfg", NULL, &g, &err), ENT_OK, "%s", err.msg);
    char *text[2];
    for (int t = 0; t < 2; t++) {
        ent_analysis_opts o;
        ent_analysis_opts_init(&o);
        o.concepts = "pure,enumpoly,correlated";
        o.threads = t + 1;
        ent_report *r = NULL;
        cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_report_write_string(r, ENT_FMT_JSON, NULL, &text[t]), ENT_OK);
        ent_report_free(&r);
    }
    cr_assert_str_eq(text[0], text[1]);
    ent_free(text[0]);
    ent_free(text[1]);
    ent_game_free(&g);
}

Test(analysis, errors_have_a_status_and_one_line)
{
    double a[4] = {1, 0, 0, 1};
    ent_game *g = bimatrix(a, a);
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    ent_report *r = (ent_report *)&o; /* must be reset to NULL on error */
    ent_error err = {0, ""};
    o.concepts = "pure,bogus";
    cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_EOPTION);
    cr_assert_null(r);
    cr_assert_str_eq(err.msg, "unknown concept 'bogus'");
    o.concepts = "core";
    cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_EOPTION);
    cr_assert(strstr(err.msg, "coalitional"), "%s", err.msg);
    o.concepts = "nash";
    o.method = "simplex-of-doom";
    cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_EOPTION);
    o.method = NULL;
    o.concepts = "sweep"; /* needs a scenario */
    cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_EUNSUPPORTED);
    cr_assert_null(strchr(err.msg, '\n'));
    cr_assert_eq(ent_analyze(NULL, NULL, NULL, &r, NULL), ENT_EINVAL);
    ent_game_free(&g);
}

/* Scenario: parameters set through the API move the answer. Chicken's pure equilibria
 * are the two asymmetric outcomes. */
Test(analysis, scenario_game)
{
    ent_scenario *s = NULL;
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_load("configs/classic/chicken.cfg", NULL, &s, &err), ENT_OK, "%s",
                 err.msg);
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_OK, "%s", err.msg);
    json_t *j = run_json(g, s, "pure", 0);
    json_t *eq = json_object_get(j, "equilibria");
    cr_assert_eq(json_array_size(eq), 2);
    for (size_t i = 0; i < 2; i++) {
        const char *out = json_string_value(json_object_get(json_array_get(eq, i), "outcome"));
        cr_assert(strstr(out, " / "), "%s", out);
    }
    cr_assert_not_null(json_object_get(j, "scenario"));
    json_decref(j);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

/* EEC Council of Ministers 1958 (weights 4,4,4,2,2,1, quota 12): Shapley-Shubik power
 * 14/60 for France, Germany, Italy, 9/60 for Belgium and the Netherlands, 0 for
 * Luxembourg; normalised Banzhaf 5/21, 3/21, 0 (Felsenthal and Machover 1998). */
Test(analysis, coalition_power_of_eec_1958)
{
    ent_scenario *s = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_load("tests/data/coop/eec1958.cfg", NULL, &s, &err), ENT_OK, "%s",
                 err.msg);
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = "power";
    ent_report *r = NULL;
    cr_assert_eq(ent_analyze_coalition(s, &o, &r, &err), ENT_OK, "%s", err.msg);
    char *text = NULL;
    cr_assert_eq(ent_report_write_string(r, ENT_FMT_JSON, NULL, &text), ENT_OK);
    json_t *j = json_loads(text, 0, NULL);
    cr_assert_not_null(j);
    json_t *sol = json_object_get(j, "solutions");
    cr_assert_eq(json_array_size(sol), 6);
    const char *ids[6] = {"FR", "DE", "IT", "BE", "NL", "LU"};
    const double ss[6] = {14, 14, 14, 9, 9, 0}, bz[6] = {5, 5, 5, 3, 3, 0};
    for (int i = 0; i < 6; i++) {
        json_t *row = json_array_get(sol, (size_t)i);
        cr_assert_str_eq(json_string_value(json_object_get(row, "member")), ids[i]);
        cr_assert_float_eq(json_number_value(json_object_get(row, "ss_power")), ss[i] / 60, 1e-11);
        cr_assert_float_eq(json_number_value(json_object_get(row, "bz_power")), bz[i] / 21, 1e-11);
    }
    json_decref(j);
    ent_free(text);
    ent_report_free(&r);
    o.concepts = "nash";
    cr_assert_eq(ent_analyze_coalition(s, &o, &r, &err), ENT_EOPTION);
    cr_assert_null(r);
    ent_scenario_free(&s);
}

/* ent_table_cols: the compact column list every concept unit uses. */
Test(analysis, table_cols_spec)
{
    ent_report *r = ent_report_new("t");
    ent_table *t = ent_report_table(r, "x", "x");
    ent_table_cols(t, "name:s,value:n,count:i,ok:b");
    cr_assert_eq(ent_table_ncols(t), 4);
    ent_table_str(t, "a");
    ent_table_num(t, 0.5);
    ent_table_int(t, 3);
    ent_table_bool(t, 1);
    char *csv = NULL;
    cr_assert_eq(ent_report_write_string(r, ENT_FMT_CSV, NULL, &csv), ENT_OK);
    cr_assert_str_eq(csv, "name,value,count,ok\na,0.5,3,true\n");
    ent_free(csv);
    const char *bad[] = {"a:s,", "a:q", "a", ":s", "a:sx", "a:s,,b:n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ent_report *q = ent_report_new("t");
        ent_table_cols(ent_report_table(q, "x", "x"), bad[i]);
        cr_assert_eq(ent_report_write_string(q, ENT_FMT_CSV, NULL, &csv), ENT_EINVAL, "%s", bad[i]);
        ent_report_free(&q);
    }
    ent_report_free(&r);
}

Test(analysis, gmcr_state_of_profile)
{
    const uint64_t index[4] = {2, 5, 9, 40};
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 2), 0);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 5), 1);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 40), 3);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 3), UINT32_MAX);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 41), UINT32_MAX);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 4, 0), UINT32_MAX);
    cr_assert_eq(ent_gmcr_state_of_profile(index, 0, 2), UINT32_MAX);
}
