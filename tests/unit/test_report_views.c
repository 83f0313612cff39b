/* test_report_views.c — the report's views and text layout, checked on hand-built reports
 * with exact expected text: the summary/detail/sections/auto views, explanation tables,
 * prose wrapped at spaces with hanging indents, tables fitted to a width (cells cut with a
 * marker, the last text column wrapped, blocks of columns repeating the first), the
 * provenance in every format, and the typed reader API. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

static char *render(const ent_report *r, ent_format fmt, const ent_write_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f);
    int rc = ent_report_write_opts(r, f, fmt, NULL, o);
    fclose(f);
    cr_assert_eq(rc, ENT_OK, "write failed: %d", rc);
    return buf;
}

/* Display width of the widest line (UTF-8 code points). */
static size_t widest(const char *s)
{
    size_t w = 0, cur = 0;
    for (; *s; s++) {
        if (*s == '\n') {
            cur = 0;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80 && ++cur > w)
            w = cur;
    }
    return w;
}

static size_t lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* A report with a summary part, two concept parts and an explanation table. */
static ent_report *sample(int rows)
{
    ent_report *r = ent_report_new("Title");
    ent_report_kv_int(r, "players", 2);
    ent_report_part(r, "alpha");
    ent_report_section(r, "Alpha section");
    ent_report_text(r, "alpha prose");
    ent_table *t = ent_report_table(r, "alpha_rows", "Alpha rows");
    ent_table_cols(t, "k:i,name:s");
    for (int i = 0; i < rows; i++) {
        ent_table_int(t, i);
        ent_table_str(t, "row %d", i);
    }
    ent_report_part(r, "beta");
    ent_report_section(r, "Beta section");
    ent_table *x = ent_report_table(r, "why", "Reasons");
    ent_table_explanation(x);
    ent_table_cols(x, "k:i,why:s");
    ent_table_int(x, 1);
    ent_table_str(x, "because the first reason holds");
    ent_report_part(r, "summary");
    ent_report_section(r, "Answer");
    ent_report_text(r, "the answer");
    ent_report_part(r, NULL);
    ent_report_part_first(r, "summary");
    ent_report_provenance(r, "program", "entente test");
    ent_report_provenance(r, "seed", "7");
    return r;
}

Test(report_views, summary_detail_sections_and_explanations)
{
    ent_report *r = sample(2);
    ent_write_opts o;
    ent_write_opts_init(&o);
    o.view = ENT_VIEW_SUMMARY;
    char *s = render(r, ENT_FMT_TEXT, &o);
    cr_assert_str_eq(s, "Title\n=====\n\nAnswer\n------\nthe answer\n"
                        "More: --detail, or --sections LIST of alpha, beta; --explain adds the long explanations.\n"
                        "\n--\nprogram: entente test\nseed: 7\n");
    free(s);
    o.view = ENT_VIEW_DETAIL;
    o.explain = 0;
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(strstr(s, "Answer") < strstr(s, "Alpha section"), "summary first:\n%s", s);
    cr_assert(strstr(s, "players: 2"));
    cr_assert(!strstr(s, "because the first reason"), "explanation shown without explain");
    cr_assert(strstr(s, "(1 explanations in table 'why': --explain shows them)"), "%s", s);
    free(s);
    o.explain = 1;
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(strstr(s, "because the first reason holds"));
    free(s);
    o.sections = "beta";
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(strstr(s, "Beta section") && !strstr(s, "Alpha section") && !strstr(s, "Answer"), "%s", s);
    free(s);
    o.sections = "beta,nosuch";
    FILE *f = fopen("/dev/null", "w");
    cr_assert_eq(ent_report_write_opts(r, f, ENT_FMT_TEXT, NULL, &o), ENT_ENOTFOUND);
    fclose(f);
    /* auto: a short report is shown whole (without the summary, which would repeat it);
     * a long one gives the summary */
    o.sections = NULL;
    o.view = ENT_VIEW_AUTO;
    o.explain = 0;
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(strstr(s, "Alpha section") && !strstr(s, "\nAnswer\n"), "%s", s);
    free(s);
    ent_report_free(&r);
    r = sample(80);
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(!strstr(s, "Alpha section") && strstr(s, "\nAnswer\n"), "%s", s);
    free(s);
    /* CSV and JSON ignore the view: every table */
    s = render(r, ENT_FMT_JSON, &o);
    cr_assert(strstr(s, "\"why\"") && strstr(s, "\"alpha_rows\""));
    cr_assert(strstr(s, "\"provenance\": {\n    \"program\": \"entente test\",\n    \"seed\": \"7\"\n  }"), "%s", s);
    free(s);
    ent_report_free(&r);
}

Test(report_views, prose_wraps_with_hanging_indents)
{
    ent_report *r = ent_report_new("");
    ent_report_text(r, "1. alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu");
    ent_report_text(r, "- one two three four five six seven eight nine ten eleven twelve");
    ent_report_text(r, "short");
    ent_report_kv_str(r, "key", "value words that go on and on and on past the edge of it");
    ent_write_opts o;
    ent_write_opts_init(&o);
    o.width = 40;
    char *s = render(r, ENT_FMT_TEXT, &o);
    cr_assert_str_eq(s, "key: value words that go on and on and\n"
                        "     on past the edge of it\n"
                        "1. alpha beta gamma delta epsilon zeta\n"
                        "   eta theta iota kappa lambda mu\n"
                        "- one two three four five six seven\n"
                        "  eight nine ten eleven twelve\n"
                        "short\n");
    free(s);
    o.width = 0; /* no wrapping */
    s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(strstr(s, "1. alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n"));
    free(s);
    ent_report_free(&r);
}

Test(report_views, tables_fit_the_width)
{
    ent_report *r = ent_report_new("");
    ent_table *t = ent_report_table(r, "t", "");
    ent_table_cols(t, "id:i,label:s,value:n,comment:s");
    ent_table_int(t, 1);
    ent_table_str(t, "a rather long label that cannot fit");
    ent_table_num(t, 0.25);
    ent_table_str(t, "the last column wraps at its spaces instead of being cut");
    ent_write_opts o;
    ent_write_opts_init(&o);
    o.width = 60;
    char *s = render(r, ENT_FMT_TEXT, &o);
    cr_assert(widest(s) <= 60, "wider than 60:\n%s", s);
    cr_assert(strstr(s, "\xE2\x80\xA6"), "no cut marker:\n%s", s);
    cr_assert(strstr(s, "(cells ending in"), "no note on the cut cells:\n%s", s);
    /* every word of the last column is still there, in order */
    cr_assert(strstr(s, "the last column wraps\n") && strstr(s, " of being cut\n"), "last column lost words:\n%s", s);
    free(s);
    /* many numeric columns: blocks of columns, each repeating the first */
    ent_report *q = ent_report_new("");
    ent_table *u = ent_report_table(q, "u", "");
    char name[16];
    for (int c = 0; c < 12; c++) {
        snprintf(name, sizeof name, "column%02d", c);
        ent_table_col(u, name, ENT_COL_NUM);
    }
    for (int c = 0; c < 12; c++)
        ent_table_num(u, 1000.5 + c);
    s = render(q, ENT_FMT_TEXT, &o);
    cr_assert(widest(s) <= 60, "wider than 60:\n%s", s);
    size_t firsts = 0;
    for (const char *p = s; (p = strstr(p, "column00")); p++)
        firsts++;
    cr_assert(firsts >= 2, "the first column is not repeated:\n%s", s);
    cr_assert(strstr(s, "column11") && strstr(s, "1011.5"), "%s", s);
    cr_assert(lines(s) >= 6);
    free(s);
    ent_report_free(&q);
    ent_report_free(&r);
}

Test(report_views, provenance_in_markdown_and_latex)
{
    ent_report *r = sample(1);
    ent_write_opts o;
    ent_write_opts_init(&o);
    char *s = render(r, ENT_FMT_MARKDOWN, &o);
    cr_assert(strstr(s, "\n---\n\n- program: entente test\n- seed: 7\n"), "%s", s);
    free(s);
    s = render(r, ENT_FMT_LATEX, &o);
    cr_assert(strstr(s, "% program: entente test\n% seed: 7\n"), "%s", s);
    free(s);
    ent_report_free(&r);
}

Test(report_views, reader_api_returns_typed_cells)
{
    ent_report *r = sample(3);
    cr_assert_str_eq(ent_report_title(r), "Title");
    cr_assert_eq(ent_report_ntables(r), 2);
    ent_table *t = ent_report_table_at(r, 0);
    cr_assert_str_eq(ent_table_name(t), "alpha_rows");
    cr_assert_str_eq(ent_table_part(t), "alpha");
    cr_assert_eq(ent_table_find_col(t, "name"), 1);
    cr_assert_eq(ent_table_find_col(t, "none"), -1);
    cr_assert_eq(ent_table_col_type(t, 0), ENT_COL_INT);
    cr_assert_eq(ent_table_cell_int(t, 2, 0), 2);
    cr_assert_eq(ent_table_cell_num(t, 2, 0), 2.0);
    cr_assert_str_eq(ent_table_cell_str(t, 1, 1), "row 1");
    cr_assert_null(ent_table_cell_str(t, 1, 0));
    cr_assert(isnan(ent_table_cell_num(t, 1, 1)));
    cr_assert_eq(ent_table_cell_type(t, 9, 0), -2);
    cr_assert(ent_table_is_explanation(ent_report_table_at(r, 1)));
    cr_assert_str_eq(ent_report_provenance_find(r, "seed"), "7");
    ent_report_provenance(r, "seed", "8"); /* replaced in place */
    const char *k, *v;
    ent_report_provenance_get(r, 1, &k, &v);
    cr_assert_str_eq(k, "seed");
    cr_assert_str_eq(v, "8");
    cr_assert_eq(ent_report_provenance_count(r), 2);
    cr_assert_eq(ent_report_nparts(r), 3);
    ent_report_free(&r);
}
