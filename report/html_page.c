/* html_page.c — the report page: one or more reports (their summary entries, sections,
 * prose and visible tables, in document order), the charts, and the provenance, as a
 * self-contained HTML page (inline CSS, SVG inline, no script, no network) or as
 * Markdown with the same content (charts as image links to NAME.svg beside it). Each
 * table links to its own files TABLE.csv, TABLE.json and TABLE.tex (ent_page_table_stem
 * names them); a long explanation table (ent_table_explanation) is only named with its
 * row count and links. Bytes depend on the inputs alone. */
#include "entente.h"
#include "../games/util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;max-width:62rem;margin:1.5rem auto;"
    "padding:0 1rem;color:#111;background:#fff;line-height:1.45}\n"
    "h1{font-size:1.6rem;border-bottom:2px solid #0072B2;padding-bottom:.3rem}\n"
    "h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}\n"
    "h3{font-size:1.05rem;margin-top:1.4rem}\n"
    "p.line{white-space:pre-wrap;margin:.2rem 0}\n"
    "dl.kv{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem}\n"
    "dl.kv dt{font-weight:bold}dl.kv dd{margin:0;overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.85rem;display:block;overflow-x:auto}\n"
    "caption{text-align:left;font-style:italic;padding-bottom:.3rem}\n"
    "th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #333;text-align:left}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1rem 0 2rem}figure svg{max-width:100%;height:auto}\n"
    "figcaption{font-size:.9rem;color:#333}\n"
    "nav ul{columns:2}.files{font-size:.8rem;font-style:normal}\n"
    "footer{margin-top:3rem;font-size:.85rem;border-top:2px solid #0072B2}\n";

static void html_esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default:
            if (c >= 0x20 || c == '\n' || c == '\t')
                fputc(c, f);
        }
    }
}

/* Markdown text outside tables: the characters that would start markup escaped. */
static void md_esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

void ent_page_table_stem(const ent_report *const *parts, size_t pi, const ent_table *t, char *buf,
                         size_t cap)
{
    if (cap == 0)
        return;
    const char *name = ent_table_name(t);
    size_t k = 0;
    for (; name[k] && k + 1 < cap && k < 120; k++)
        buf[k] = isalnum((unsigned char)name[k]) || name[k] == '_' || name[k] == '-' ? name[k] : '-';
    buf[k] = '\0';
    if (k == 0 && cap > 5)
        strcpy(buf, "table");
    /* the same name in an earlier report: "-2", "-3", ... */
    int same = 0;
    for (size_t p = 0; p < pi; p++)
        if (ent_report_find_table(parts[p], name))
            same++;
    if (same) {
        size_t len = strlen(buf);
        if (len + 12 < cap)
            snprintf(buf + len, cap - len, "-%d", same + 1);
    }
}

static int is_num(int type) { return type == ENT_COL_NUM || type == ENT_COL_INT; }

static void html_table(FILE *f, const ent_table *t, const char *stem)
{
    char buf[32];
    int nc = ent_table_ncols(t);
    size_t nr = ent_table_nrows(t);
    fprintf(f, "<table id=\"table-%s\">\n<caption>", stem);
    html_esc(f, ent_table_caption(t)[0] ? ent_table_caption(t) : ent_table_name(t));
    fprintf(f, " <span class=\"files\">(<a href=\"%s.csv\">CSV</a> \xC2\xB7 <a href=\"%s.json\">JSON</a> "
               "\xC2\xB7 <a href=\"%s.tex\">LaTeX</a>)</span></caption>\n<thead><tr>",
            stem, stem, stem);
    for (int c = 0; c < nc; c++) {
        fputs(is_num(ent_table_col_type(t, c)) ? "<th class=\"num\">" : "<th>", f);
        html_esc(f, ent_table_col_name(t, c));
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t r = 0; r < nr; r++) {
        fputs("<tr>", f);
        for (int c = 0; c < nc; c++) {
            int ty = ent_table_cell_type(t, r, c);
            fputs(is_num(ty) ? "<td class=\"num\">" : "<td>", f);
            if (ty == ENT_COL_BOOL)
                fputs(ent_table_cell_num(t, r, c) != 0 ? "yes" : "no", f);
            else if (ty < 0)
                fputs("\xE2\x80\x93", f);
            else
                html_esc(f, ent_table_cell_text(t, r, c, buf));
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    if (nr == 0)
        fprintf(f, "<tr><td colspan=\"%d\">(none)</td></tr>\n", nc > 0 ? nc : 1);
    fputs("</tbody>\n</table>\n", f);
}

static void html_kv(FILE *f, const ent_report *r)
{
    char buf[32];
    size_t n = ent_report_nkv(r);
    if (!n)
        return;
    fputs("<dl class=\"kv\">\n", f);
    for (size_t i = 0; i < n; i++) {
        const char *key, *v = ent_report_kv_get(r, i, &key, buf);
        fputs("<dt>", f);
        html_esc(f, key);
        fputs("</dt><dd>", f);
        html_esc(f, v);
        fputs("</dd>\n", f);
    }
    fputs("</dl>\n", f);
}

int ent_page_write_html(const ent_report *const *parts, size_t nparts, const ent_chart *charts,
                        size_t ncharts, const ent_page_kv *prov, size_t nprov, FILE *f)
{
    if (nparts == 0)
        return ENT_EINVAL;
    const char *title = ent_report_title(parts[0]);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    html_esc(f, title[0] ? title : "entente report");
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    html_esc(f, title[0] ? title : "entente report");
    fputs("</h1>\n", f);
    html_kv(f, parts[0]);
    /* contents */
    fputs("<nav>\n<h2>Contents</h2>\n<ul>\n", f);
    if (ncharts)
        fputs("<li><a href=\"#charts\">Charts</a></li>\n", f);
    for (size_t p = 0; p < nparts; p++) {
        size_t n = ent_report_nitems(parts[p]);
        for (size_t i = 0; i < n; i++) {
            const char *text;
            if (ent_report_item(parts[p], i, &text, NULL) == ENT_ITEM_SECTION) {
                fprintf(f, "<li><a href=\"#s%zu-%zu\">", p + 1, i + 1);
                html_esc(f, text);
                fputs("</a></li>\n", f);
            }
        }
    }
    if (nprov)
        fputs("<li><a href=\"#provenance\">Provenance</a></li>\n", f);
    fputs("</ul>\n</nav>\n", f);
    if (ncharts) {
        fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", f);
        for (size_t k = 0; k < ncharts; k++) {
            fprintf(f, "<figure id=\"chart-%s\">\n", charts[k].name);
            fputs(charts[k].svg, f);
            fputs("<figcaption>", f);
            html_esc(f, charts[k].title);
            fprintf(f, " (<a href=\"%s.svg\">SVG</a>)</figcaption>\n</figure>\n", charts[k].name);
        }
        fputs("</section>\n", f);
    }
    for (size_t p = 0; p < nparts; p++) {
        if (p > 0) {
            fputs("<h2 class=\"part\">", f);
            html_esc(f, ent_report_title(parts[p]));
            fputs("</h2>\n", f);
            html_kv(f, parts[p]);
        }
        size_t n = ent_report_nitems(parts[p]);
        for (size_t i = 0; i < n; i++) {
            const char *text;
            ent_table *t;
            int kind = ent_report_item(parts[p], i, &text, &t);
            if (kind == ENT_ITEM_SECTION) {
                fprintf(f, "<h%d id=\"s%zu-%zu\">", p > 0 ? 3 : 2, p + 1, i + 1);
                html_esc(f, text);
                fprintf(f, "</h%d>\n", p > 0 ? 3 : 2);
            } else if (kind == ENT_ITEM_TEXT) {
                fputs("<p class=\"line\">", f);
                html_esc(f, text);
                fputs("</p>\n", f);
            } else if (kind == ENT_ITEM_TABLE && !ent_table_is_machine_only(t)) {
                char stem[160];
                ent_page_table_stem(parts, p, t, stem, sizeof stem);
                if (ent_table_is_explanation(t)) { /* long: in its files only */
                    fputs("<p class=\"line\">", f);
                    html_esc(f, ent_table_caption(t)[0] ? ent_table_caption(t) : ent_table_name(t));
                    fprintf(f, ": %zu rows, in the files <a href=\"%s.csv\">%s.csv</a>, "
                               "<a href=\"%s.json\">%s.json</a>, <a href=\"%s.tex\">%s.tex</a></p>\n",
                            ent_table_nrows(t), stem, stem, stem, stem, stem, stem);
                } else {
                    html_table(f, t, stem);
                }
            }
        }
    }
    if (nprov) {
        fputs("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"kv\">\n", f);
        for (size_t i = 0; i < nprov; i++) {
            fputs("<dt>", f);
            html_esc(f, prov[i].key);
            fputs("</dt><dd>", f);
            html_esc(f, prov[i].value);
            fputs("</dd>\n", f);
        }
        fputs("</dl>\n</footer>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? ENT_EIO : ENT_OK;
}

static void md_kv(FILE *f, const ent_report *r)
{
    char buf[32];
    size_t n = ent_report_nkv(r);
    for (size_t i = 0; i < n; i++) {
        const char *key, *v = ent_report_kv_get(r, i, &key, buf);
        fputs("- **", f);
        md_esc(f, key);
        fputs("**: ", f);
        md_esc(f, v);
        fputc('\n', f);
    }
}

int ent_page_write_markdown(const ent_report *const *parts, size_t nparts, const ent_chart *charts,
                            size_t ncharts, const ent_page_kv *prov, size_t nprov, FILE *f)
{
    if (nparts == 0)
        return ENT_EINVAL;
    const char *title = ent_report_title(parts[0]);
    fputs("# ", f);
    md_esc(f, title[0] ? title : "entente report");
    fputs("\n\n", f);
    md_kv(f, parts[0]);
    if (ncharts) {
        fputs("\n## Charts\n", f);
        for (size_t k = 0; k < ncharts; k++) {
            fputs("\n![", f);
            md_esc(f, charts[k].title);
            fprintf(f, "](%s.svg)\n", charts[k].name);
        }
    }
    int rc = ENT_OK;
    for (size_t p = 0; p < nparts && rc == ENT_OK; p++) {
        if (p > 0) {
            fputs("\n## ", f);
            md_esc(f, ent_report_title(parts[p]));
            fputs("\n\n", f);
            md_kv(f, parts[p]);
        }
        size_t n = ent_report_nitems(parts[p]);
        for (size_t i = 0; i < n && rc == ENT_OK; i++) {
            const char *text;
            ent_table *t;
            int kind = ent_report_item(parts[p], i, &text, &t);
            if (kind == ENT_ITEM_SECTION) {
                fputs(p > 0 ? "\n### " : "\n## ", f);
                md_esc(f, text);
                fputc('\n', f);
            } else if (kind == ENT_ITEM_TEXT) {
                /* each prose line its own paragraph; leading spaces would make code */
                fputc('\n', f);
                md_esc(f, text + strspn(text, " "));
                fputc('\n', f);
            } else if (kind == ENT_ITEM_TABLE && !ent_table_is_machine_only(t)) {
                char stem[160];
                ent_page_table_stem(parts, p, t, stem, sizeof stem);
                if (ent_table_is_explanation(t)) { /* long: in its files only */
                    fputc('\n', f);
                    md_esc(f, ent_table_caption(t)[0] ? ent_table_caption(t) : ent_table_name(t));
                    fprintf(f, ": %zu rows, in the files [%s.csv](%s.csv), [%s.json](%s.json), "
                               "[%s.tex](%s.tex)\n", ent_table_nrows(t), stem, stem, stem, stem, stem, stem);
                    continue;
                }
                rc = ent_table_write(t, f, ENT_FMT_MARKDOWN);
                fprintf(f, "\nFiles: [%s.csv](%s.csv), [%s.json](%s.json), [%s.tex](%s.tex)\n", stem,
                        stem, stem, stem, stem, stem);
            }
        }
    }
    if (nprov && rc == ENT_OK) {
        fputs("\n## Provenance\n\n", f);
        for (size_t i = 0; i < nprov; i++) {
            fputs("- **", f);
            md_esc(f, prov[i].key);
            fputs("**: ", f);
            md_esc(f, prov[i].value);
            fputc('\n', f);
        }
    }
    if (rc == ENT_OK && ferror(f))
        rc = ENT_EIO;
    return rc;
}
