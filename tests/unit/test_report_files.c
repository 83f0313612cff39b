/* test_report_files.c — the pieces of `entente report`: significant digits of the shared
 * formatter, LaTeX and Markdown escaping of single tables, the typed table JSON, chart
 * geometry recomputed by hand from the tables (Monte Carlo whiskers, sweep bands),
 * byte-identical charts, the sweep_payoffs table against payoffs worked out by hand, the
 * graph model's moves, and a manifest written and read back. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"

static char *table_text(const ent_table *t, ent_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(ent_table_write(t, f, fmt), ENT_OK);
    fclose(f);
    return buf;
}

Test(report_files, digits)
{
    char b[32];
    cr_assert_str_eq(ent_fmt_num(b, 0.43349), "0.43349");
    ent_fmt_set_digits(3);
    cr_assert_eq(ent_fmt_digits(), 3);
    cr_assert_str_eq(ent_fmt_num(b, 0.43349), "0.433");
    cr_assert_str_eq(ent_fmt_num(b, 123456.0), "1.23e+05");
    cr_assert_str_eq(ent_fmt_num(b, -0.0004), "-0.0004");
    ent_fmt_set_digits(0); /* out of range: the default again */
    cr_assert_eq(ent_fmt_digits(), 12);
    cr_assert_str_eq(ent_fmt_num(b, 1000000000003.0), "1000000000003");
    cr_assert_str_eq(ent_fmt_num(b, 1.0 / 3), "0.333333333333");
}

static ent_report *labels_report(void)
{
    ent_report *r = ent_report_new("t");
    ent_table *t = ent_report_table(r, "odd name!", "Cost & 100% of $5 #1_a {b} ~ ^ \\ caf\xC3\xA9");
    ent_table_cols(t, "who:s,value:n,ok:b");
    ent_table_str(t, "Ann & Co | \xC5\x81\xC3\xB3" "d\xC5\xBA \xE2\x9C\x93 \xE4\xB8\xAD");
    ent_table_num(t, 0.5);
    ent_table_bool(t, 1);
    ent_table_str(t, "a|b");
    ent_table_null(t);
    ent_table_bool(t, 0);
    return r;
}

Test(report_files, latex_escapes_every_label)
{
    ent_report *r = labels_report();
    char *s = table_text(ent_report_find_table(r, "odd name!"), ENT_FMT_LATEX);
    cr_assert_not_null(strstr(s, "\\caption{Cost \\& 100\\% of \\$5 \\#1\\_a \\{b\\} \\textasciitilde{} "
                                 "\\textasciicircum{} \\textbackslash{} caf\\'{e}}"), "%s", s);
    cr_assert_not_null(strstr(s, "\\label{tab:odd-name-}"), "%s", s);
    cr_assert_not_null(strstr(s, "\\begin{tabular}{lrl}"), "%s", s);
    cr_assert_not_null(strstr(s, "\\toprule\nwho & value & ok \\\\\n\\midrule\n"), "%s", s);
    /* Ł ó ź ✓ and a letter with no LaTeX form (中: "?") */
    cr_assert_not_null(strstr(s, "Ann \\& Co \\textbar{} \\L{}\\'{o}d\\'{z} {$\\surd$} ? & 0.5 & true \\\\"),
                       "%s", s);
    cr_assert_not_null(strstr(s, "a\\textbar{}b &  & false \\\\\n\\bottomrule"), "%s", s);
    /* no raw special character is left outside a command */
    const char *body = strstr(s, "\\midrule");
    for (const char *p = body; *p; p++)
        cr_assert(((unsigned char)*p) < 0x80, "raw UTF-8 byte in LaTeX: %s", p);
    free(s);
    ent_report_free(&r);
}

Test(report_files, markdown_column_count)
{
    ent_report *r = labels_report();
    char *s = table_text(ent_report_find_table(r, "odd name!"), ENT_FMT_MARKDOWN);
    int lines = 0;
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] != '|')
            continue;
        int bars = 0;
        for (char *p = line; *p; p++)
            bars += *p == '|' && (p == line || p[-1] != '\\');
        cr_assert_eq(bars, 4, "row with %d separators: %s", bars, line);
        lines++;
    }
    cr_assert_eq(lines, 4); /* header, rule, two rows */
    free(s);
    ent_report_free(&r);
}

Test(report_files, table_json_is_typed)
{
    ent_report *r = labels_report();
    char *s = table_text(ent_report_find_table(r, "odd name!"), ENT_FMT_JSON);
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    cr_assert_not_null(j, "%s", e.text);
    cr_assert_str_eq(json_string_value(json_object_get(j, "name")), "odd name!");
    json_t *cols = json_object_get(j, "columns");
    cr_assert_eq(json_array_size(cols), 3);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, 1), "type")), "number");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, 2), "type")), "boolean");
    json_t *rows = json_object_get(j, "rows");
    cr_assert_eq(json_array_size(rows), 2);
    cr_assert(json_is_real(json_object_get(json_array_get(rows, 0), "value")));
    cr_assert_float_eq(json_real_value(json_object_get(json_array_get(rows, 0), "value")), 0.5, 0);
    cr_assert(json_is_null(json_object_get(json_array_get(rows, 1), "value")));
    cr_assert(json_is_false(json_object_get(json_array_get(rows, 1), "ok")));
    json_decref(j);
    free(s);
    ent_report_free(&r);
}

/* The chart called name, or NULL. */
static const ent_chart *chart(const ent_chart *c, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].name, name))
            return &c[i];
    return NULL;
}

Test(report_files, montecarlo_whiskers)
{
    ent_report *r = ent_report_new("Scenario & <title>");
    ent_table *t = ent_report_table(r, "montecarlo", "shares");
    ent_table_cols(t, "outcome:s,in_words:s,samples:i,share:n,wilson_low:n,wilson_high:n");
    ent_table_str(t, "A / B");
    ent_table_str(t, "a; b");
    ent_table_int(t, 50);
    ent_table_num(t, 0.5);
    ent_table_num(t, 0.4);
    ent_table_num(t, 0.6);
    ent_chart *c, *c2;
    size_t n, n2;
    cr_assert_eq(ent_report_charts(r, &c, &n), ENT_OK);
    cr_assert_eq(n, 1);
    const ent_chart *mc = chart(c, n, "montecarlo");
    cr_assert_not_null(mc);
    /* plot x from 60 to 720 (760 - 40) for shares 0..1: the bar ends at 390, the whisker
     * runs from 324 to 456 */
    cr_assert_not_null(strstr(mc->svg, "width=\"330.0\" height=\"14\""), "%s", mc->svg);
    cr_assert_not_null(strstr(mc->svg, "M324.0 "), "%s", mc->svg);
    cr_assert_not_null(strstr(mc->svg, "H456.0"), "%s", mc->svg);
    /* the title escaped for XML */
    cr_assert_not_null(strstr(mc->svg, "Scenario &amp; &lt;title&gt;"));
    cr_assert_null(strstr(mc->svg, "<title>\n"));
    /* the same bytes again */
    cr_assert_eq(ent_report_charts(r, &c2, &n2), ENT_OK);
    cr_assert_eq(n2, 1);
    cr_assert_str_eq(c[0].svg, c2[0].svg);
    ent_charts_free(&c, n);
    ent_charts_free(&c2, n2);
    cr_assert_null(c);
    ent_report_free(&r);
}

Test(report_files, sweep_bands_cover_half_the_way)
{
    ent_report *r = ent_report_new("S");
    ent_table *sw = ent_report_table(r, "sweep", "");
    ent_table_cols(sw, "param:s,value:n,n_equilibria:i,equilibria:s");
    double v[3] = {0, 0.5, 1};
    for (int k = 0; k < 3; k++) {
        ent_table_str(sw, "p");
        ent_table_num(sw, v[k]);
        ent_table_int(sw, k < 2);
        ent_table_str(sw, k < 2 ? "A" : "(none)");
    }
    ent_table *sp = ent_report_table(r, "sweep_payoffs", "");
    ent_table_cols(sp, "param:s,value:n,outcome:s");
    ent_table_col(sp, "payoff:X", ENT_COL_NUM);
    for (int k = 0; k < 2; k++) {
        ent_table_str(sp, "p");
        ent_table_num(sp, v[k]);
        ent_table_str(sp, "A");
        ent_table_num(sp, k);
    }
    ent_chart *c;
    size_t n;
    cr_assert_eq(ent_report_charts(r, &c, &n), ENT_OK);
    cr_assert_eq(n, 2);
    const ent_chart *b = chart(c, n, "sweep-bands-1");
    cr_assert_not_null(b);
    cr_assert_not_null(chart(c, n, "sweep-payoffs-1"));
    /* axis 0..1 over x 60..730: point 0 covers 0..0.25 (60 to 227.5), point 0.5 covers
     * 0.25..0.75 (227.5 to 562.5); point 1 is no equilibrium: no third band */
    cr_assert_not_null(strstr(b->svg, "x=\"60.0\" y=\"48.0\" width=\"167.5\""), "%s", b->svg);
    cr_assert_not_null(strstr(b->svg, "x=\"227.5\" y=\"48.0\" width=\"335.0\""), "%s", b->svg);
    int bands = 0;
    for (const char *p = b->svg; (p = strstr(p, "fill=\"url(#sweep-bands-1-p0)\" stroke=\"#000\" stroke-width=\"0.5\"")); p++)
        bands++;
    cr_assert_eq(bands, 2);
    ent_charts_free(&c, n);
    ent_report_free(&r);
}

Test(report_files, sweep_payoffs_by_hand)
{
    /* tests/data/batch/threshold.cfg: t from 0 to 4 in 9 points; (a,x) pays (3, 2) for
     * t <= 2, no equilibrium for 2 < t < 3, (b,y) pays (2, t - 2) for t >= 3 */
    ent_scenario *s = NULL;
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_load("tests/data/batch/threshold.cfg", NULL, &s, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_OK);
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = "sweep";
    o.fmt = ENT_FMT_JSON;
    o.input = "threshold.cfg";
    ent_report *r = NULL;
    cr_assert_eq(ent_analyze(g, s, &o, &r, &err), ENT_OK, "%s", err.msg);
    const ent_table *t = ent_report_find_table(r, "sweep_payoffs");
    cr_assert_not_null(t);
    cr_assert(ent_table_is_machine_only(t));
    cr_assert_eq(ent_table_nrows(t), 8);
    int cv = ent_table_find_col(t, "value"), co = ent_table_find_col(t, "outcome"),
        cr = ent_table_find_col(t, "payoff:Row"), cc = ent_table_find_col(t, "payoff:Column");
    cr_assert(cv >= 0 && co >= 0 && cr >= 0 && cc >= 0);
    for (size_t k = 0; k < 8; k++) {
        double tv = ent_table_cell_num(t, k, cv);
        if (k < 5) {
            cr_assert_float_eq(tv, 0.5 * (double)k, 1e-12);
            cr_assert_str_eq(ent_table_cell_str(t, k, co), "a / x");
            cr_assert_float_eq(ent_table_cell_num(t, k, cr), 3, 0);
            cr_assert_float_eq(ent_table_cell_num(t, k, cc), 2, 0);
        } else {
            cr_assert_float_eq(tv, 0.5 * (double)(k + 1), 1e-12);
            cr_assert_str_eq(ent_table_cell_str(t, k, co), "b / y");
            cr_assert_float_eq(ent_table_cell_num(t, k, cr), 2, 0);
            cr_assert_float_eq(ent_table_cell_num(t, k, cc), tv - 2, 1e-12);
        }
    }
    ent_report_free(&r);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(report_files, graph_moves_of_prisoners_dilemma)
{
    /* the graph model of a 2x2 game: 4 states, each player can switch from each: 8 moves,
     * each with its reverse by the same player */
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_nfg_read_file("tests/known/pd.nfg", NULL, &g, &err), ENT_OK, "%s", err.msg);
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = "gmcr";
    o.fmt = ENT_FMT_JSON;
    o.input = "pd.nfg";
    ent_report *r = NULL;
    cr_assert_eq(ent_analyze(g, NULL, &o, &r, &err), ENT_OK, "%s", err.msg);
    const ent_table *t = ent_report_find_table(r, "gmcr_moves");
    cr_assert_not_null(t);
    cr_assert_eq(ent_table_nrows(t), 8);
    for (size_t i = 0; i < 8; i++) {
        int back = 0;
        for (size_t k = 0; k < 8; k++)
            back += ent_table_cell_int(t, k, 0) == ent_table_cell_int(t, i, 1) &&
                    ent_table_cell_int(t, k, 1) == ent_table_cell_int(t, i, 0) &&
                    !strcmp(ent_table_cell_str(t, k, 2), ent_table_cell_str(t, i, 2));
        cr_assert_eq(back, 1, "move %zu has no reverse", i);
    }
    ent_chart *c;
    size_t n;
    cr_assert_eq(ent_report_charts(r, &c, &n), ENT_OK);
    const ent_chart *sg = chart(c, n, "state-graph");
    cr_assert_not_null(sg);
    /* one line per pair of opposite moves (4), each with arrows at both ends */
    int lines = 0;
    for (const char *p = sg->svg; (p = strstr(p, "marker-start=")); p++)
        lines++;
    cr_assert_eq(lines, 4);
    ent_charts_free(&c, n);
    ent_report_free(&r);
    ent_game_free(&g);
}

Test(report_files, manifest_round_trip)
{
    char path[] = "/tmp/ent-manifest-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    const char *argv[] = {"report", "--out", "d\xC3\xA9"};
    ent_page_kv prov[] = {{"program", "entente"}, {"seed", "7"}};
    ent_manifest_file_info files[] = {
        {"a.csv", 12, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}};
    ent_manifest_info m = {3, argv, "/w", "1764806400", prov, 2, files, 1};
    cr_assert_eq(ent_manifest_write(f, &m), ENT_OK);
    fclose(f);
    ent_manifest *r = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_manifest_read(path, &r, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_manifest_argc(r), 3);
    cr_assert_str_eq(ent_manifest_arg(r, 2), "d\xC3\xA9");
    cr_assert_str_eq(ent_manifest_cwd(r), "/w");
    cr_assert_str_eq(ent_manifest_source_date_epoch(r), "1764806400");
    cr_assert_eq(ent_manifest_nfiles(r), 1);
    const char *sha;
    cr_assert_str_eq(ent_manifest_file(r, 0, &sha), "a.csv");
    cr_assert_str_eq(sha, files[0].sha256);
    ent_manifest_free(&r);
    cr_assert_null(r);
    /* a wrong hash and a syntax error: one line naming the file (and the line) */
    f = fopen(path, "w");
    fputs("{\"program\": \"entente\", \"command\": [\"solve\"],\n \"files\": [{\"path\": \"x\", \"sha256\": \"ABC\"}]}\n", f);
    fclose(f);
    cr_assert_eq(ent_manifest_read(path, &r, &err), ENT_EPARSE);
    cr_assert_not_null(strstr(err.msg, "sha256"), "%s", err.msg);
    f = fopen(path, "w");
    fputs("{\"program\": \"entente\",\n \"command\": [\"solve\"] \"files\": []}\n", f);
    fclose(f);
    cr_assert_eq(ent_manifest_read(path, &r, &err), ENT_EPARSE);
    char want[64];
    snprintf(want, sizeof want, "%s:2:", path);
    cr_assert(!strncmp(err.msg, want, strlen(want)), "%s", err.msg);
    unlink(path);
}

Test(report_files, spe_path_of_entry_deterrence)
{
    /* tests/data/efg/entry.efg (README): the subgame-perfect path is chance: high, Entrant
     * enters, Incumbent accommodates (2, 2); chance: low, Entrant stays out (0, 2); off
     * the path the Incumbent would accommodate after low demand too */
    ent_efg *t = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_efg_read_file("tests/data/efg/entry.efg", NULL, &t, &err), ENT_OK, "%s", err.msg);
    ent_analysis_opts o;
    ent_analysis_opts_init(&o);
    o.concepts = "spe";
    o.fmt = ENT_FMT_JSON;
    o.input = "entry.efg";
    ent_report *r = NULL;
    cr_assert_eq(ent_analyze_tree(t, &o, &r, &err), ENT_OK, "%s", err.msg);
    const ent_table *tab = ent_report_find_table(r, "efg_tree");
    cr_assert_not_null(tab);
    int cl = ent_table_find_col(tab, "label"), ca = ent_table_find_col(tab, "action"),
        co = ent_table_find_col(tab, "on_path"), cc = ent_table_find_col(tab, "chosen");
    /* depth-first, actions in order: label/action, on the path, chosen */
    static const struct {
        const char *both;
        int on, chosen;
    } want[11] = {{"chance/", 1, 1},           {"Entrant/high (0.5)", 1, 1},  {"Incumbent/enter", 1, 1},
                  {"(-1, 1)/fight", 0, 0},     {"(2, 2)/accommodate", 1, 1},  {"(0, 4)/stay out", 0, 0},
                  {"Entrant/low (0.5)", 1, 1}, {"Incumbent/enter", 0, 0},     {"(-1, 0)/fight", 0, 0},
                  {"(-0.5, 1)/accommodate", 0, 1}, {"(0, 2)/stay out", 1, 1}};
    cr_assert_eq(ent_table_nrows(tab), 11);
    for (size_t k = 0; k < 11; k++) {
        char both[128];
        snprintf(both, sizeof both, "%s/%s", ent_table_cell_str(tab, k, cl), ent_table_cell_str(tab, k, ca));
        cr_assert_str_eq(both, want[k].both);
        cr_assert_eq(ent_table_cell_int(tab, k, co), want[k].on, "%s", both);
        cr_assert_eq(ent_table_cell_int(tab, k, cc), want[k].chosen, "%s", both);
    }
    ent_chart *c;
    size_t n;
    cr_assert_eq(ent_report_charts(r, &c, &n), ENT_OK);
    const ent_chart *sp = chart(c, n, "spe-tree");
    cr_assert_not_null(sp);
    int thick = 0;
    for (const char *p = sp->svg; (p = strstr(p, "stroke-width=\"3.5\"")); p++)
        thick++;
    cr_assert_eq(thick, 5, "five edges on the path"); /* 6 nodes on the path: 5 edges */
    ent_charts_free(&c, n);
    ent_report_free(&r);
    ent_efg_free(&t);
}

Test(report_files, allocations_chart)
{
    ent_report *r = ent_report_new("Airport");
    ent_table *t = ent_report_table(r, "solutions", "");
    ent_table_cols(t, "member:s,shapley:n,nucleolus:n,least_core:n");
    ent_table_str(t, "a");
    ent_table_num(t, 1);
    ent_table_num(t, 0.5);
    ent_table_null(t);
    ent_chart *c;
    size_t n;
    cr_assert_eq(ent_report_charts(r, &c, &n), ENT_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(c[0].name, "allocations");
    /* axis 0..1 over x 130..730: Shapley 1 is 600 wide, nucleolus 0.5 is 300, no least core bar */
    cr_assert_not_null(strstr(c[0].svg, "width=\"600.0\" height=\"7.0\" fill=\"url(#allocations-p0)\""), "%s", c[0].svg);
    cr_assert_not_null(strstr(c[0].svg, "width=\"300.0\" height=\"7.0\" fill=\"url(#allocations-p1)\""));
    cr_assert_null(strstr(c[0].svg, "height=\"7.0\" fill=\"url(#allocations-p2)\""));
    ent_charts_free(&c, n);
    ent_report_free(&r);
}
