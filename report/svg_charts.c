/* svg_charts.c — SVG charts of a report, built from its typed tables (never from text):
 * equilibrium bands and payoffs per actor along each sweep (sweep, sweep_payoffs), Monte
 * Carlo shares with their Wilson intervals (montecarlo), coalition allocations per member
 * (solutions: Shapley, nucleolus, least core), the state graph of a small graph model
 * with its equilibria (gmcr_stability, gmcr_moves) and the subgame-perfect path on a
 * small game tree (efg_tree). Colours are the Okabe-Ito palette, and every series also
 * has its own pattern, marker or dash so the charts read in grey. Output bytes depend
 * on the tables alone (fixed layout, numbers through ent_fmt_num). */
#include "entente.h"
#include "../games/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 760.0      /* chart width */
#define FONT "DejaVu Sans, Arial, Helvetica, sans-serif"
#define CHAR_W 6.6   /* estimated width of one character at 12 px */
#define MAX_ROWS 40  /* outcomes or members drawn in one chart */
#define MAX_STATES 32

static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#F0E442", "#000000"};
#define NPAL 8
/* dash patterns of lines, by series */
static const char *const dashes[] = {"", "6 3", "2 2", "8 3 2 3", "1 3", "10 4", "4 4", "12 2 2 2"};

typedef struct {
    ent_buf b;
    const char *id; /* prefix of element ids: unique per chart in a page */
} svg;

static void put(svg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(svg *s, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->b.failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        ent_buf_puts(&s->b, small);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        s->b.failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ent_buf_puts(&s->b, big);
    free(big);
}

/* XML text: & < > " escaped; control characters dropped; at most max_chars characters
 * (UTF-8 aware), the rest replaced by an ellipsis (max_chars 0: no limit). */
static void esc(svg *s, const char *t, size_t max_chars)
{
    size_t nch = 0;
    for (const char *p = t; *p; p++)
        nch += ((unsigned char)*p & 0xC0) != 0x80;
    size_t keep = max_chars && nch > max_chars ? max_chars - 1 : (size_t)-1, seen = 0;
    for (const char *p = t; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && seen++ == keep) {
            ent_buf_puts(&s->b, "\xE2\x80\xA6");
            return;
        }
        switch (c) {
        case '&': ent_buf_puts(&s->b, "&amp;"); break;
        case '<': ent_buf_puts(&s->b, "&lt;"); break;
        case '>': ent_buf_puts(&s->b, "&gt;"); break;
        case '"': ent_buf_puts(&s->b, "&quot;"); break;
        default:
            if (c >= 0x20 && c != 0x7F)
                ent_buf_putc(&s->b, (char)c);
        }
    }
}

static void text(svg *s, double x, double y, const char *anchor, const char *extra,
                 const char *t, size_t max_chars)
{
    put(s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
        extra && *extra ? " " : "", extra ? extra : "");
    esc(s, t, max_chars);
    ent_buf_puts(&s->b, "</text>\n");
}

/* Text broken at spaces into lines of at most max_chars characters (a word longer than
 * that is cut with an ellipsis by esc), at most max_lines lines (the last one ending in
 * an ellipsis when text remains), 15 px apart from baseline y. With draw 0 only counts.
 * Returns the number of lines. */
static int wrap(svg *s, double x, double y, const char *extra, const char *t, size_t max_chars,
                int max_lines, int draw)
{
    int lines = 0;
    const char *p = t;
    char line[1024];
    while (*p && lines < max_lines) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        /* take words while the line fits (characters, UTF-8 aware) */
        size_t len = 0, chars = 0, cut = 0;
        const char *q = p;
        while (*q) {
            size_t wl = strcspn(q, " "), wc = 0;
            for (size_t k = 0; k < wl; k++)
                wc += ((unsigned char)q[k] & 0xC0) != 0x80;
            if (chars && chars + 1 + wc > max_chars)
                break;
            if (len + wl + 1 >= sizeof line)
                break;
            if (chars)
                line[len++] = ' ', chars++;
            memcpy(line + len, q, wl);
            len += wl;
            chars += wc;
            q += wl;
            cut = (size_t)(q - p);
            while (*q == ' ')
                q++;
            if (chars >= max_chars)
                break;
        }
        if (cut == 0) { /* nothing fitted the buffer: stop */
            break;
        }
        line[len] = '\0';
        p += cut;
        lines++;
        int more = lines == max_lines && p[strspn(p, " ")] != '\0';
        if (draw) {
            if (more && len + 4 < sizeof line) {
                memcpy(line + len, "\xE2\x80\xA6", 4);
            }
            text(s, x, y + 15.0 * (lines - 1), "start", extra, line, max_chars + (more ? 1 : 0));
        }
    }
    return lines ? lines : 1;
}

/* Patterns (one per series: hatching at several angles, dots, cross-hatching) so that
 * fills differ without colour. */
static void defs(svg *s, int n)
{
    ent_buf_puts(&s->b, "<defs>\n");
    for (int i = 0; i < n && i < NPAL; i++) {
        const char *col = palette[i];
        put(s, "<pattern id=\"%s-p%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"", s->id, i);
        static const int angle[] = {0, 45, 90, 135, 0, 45, 0, 90};
        if (i % 4 && i < 4)
            put(s, " patternTransform=\"rotate(%d)\"", angle[i]);
        put(s, "><rect width=\"8\" height=\"8\" fill=\"%s\" fill-opacity=\"0.55\"/>", col);
        switch (i) {
        case 0:
            break; /* solid */
        case 1: case 2: case 3:
            put(s, "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#000\" stroke-width=\"1.5\"/>");
            break;
        case 4:
            put(s, "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#000\"/>");
            break;
        case 5:
            put(s, "<path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#000\" stroke-width=\"1\"/>");
            break;
        case 6:
            put(s, "<path d=\"M0 4H8\" stroke=\"#000\" stroke-width=\"1\"/>");
            break;
        default:
            put(s, "<path d=\"M4 0V8M0 4H8\" stroke=\"#000\" stroke-width=\"1\"/>");
        }
        ent_buf_puts(&s->b, "</pattern>\n");
    }
    ent_buf_puts(&s->b, "</defs>\n");
}

static void open_svg(svg *s, double h, const char *title, const char *desc, int npatterns)
{
    put(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
           "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
           "font-family=\"%s\" font-size=\"12\">\n",
        W, h, W, h, s->id, s->id, FONT);
    put(s, "<title id=\"%s-title\">", s->id);
    esc(s, title, 0);
    put(s, "</title>\n<desc id=\"%s-desc\">", s->id);
    esc(s, desc, 0);
    ent_buf_puts(&s->b, "</desc>\n");
    defs(s, npatterns);
    put(s, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W, h);
    text(s, W / 2, 22, "middle", "font-size=\"15\" font-weight=\"bold\"", title, 100);
}

/* A marker shape (by series) centred at x, y. */
static void marker(svg *s, int i, double x, double y, const char *col)
{
    switch (i % 6) {
    case 0:
        put(s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>\n", x, y, col);
        break;
    case 1:
        put(s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>\n", x - 4, y - 4, col);
        break;
    case 2:
        put(s, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>\n",
            x, y - 5, x + 5, y + 4, x - 5, y + 4, col);
        break;
    case 3:
        put(s, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>\n",
            x, y - 5, x + 5, y, x, y + 5, x - 5, y, col);
        break;
    case 4:
        put(s, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
            x - 4, y - 4, x + 4, y + 4, x - 4, y + 4, x + 4, y - 4, col);
        break;
    default:
        put(s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n", x, y, col);
    }
}

/* "Nice" axis ticks covering [lo, hi]: OUT step and first tick; the range is widened to
 * the ticks. */
static void nice_axis(double *lo, double *hi, double *step)
{
    if (!(*hi > *lo)) {
        double d = fabs(*lo) > 0 ? fabs(*lo) * 0.5 : 1;
        *lo -= d;
        *hi += d;
    }
    double raw = (*hi - *lo) / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    *step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    *lo = floor(*lo / *step + 1e-9) * *step;
    *hi = ceil(*hi / *step - 1e-9) * *step;
}

/* x axis at y from x0 to x1 for values lo..hi (ticks every step) with a label. */
static void x_axis(svg *s, double x0, double x1, double y, double lo, double hi, double step,
                   const char *label)
{
    char num[32];
    put(s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n", x0, y, x1, y);
    for (int k = 0; k <= 100; k++) {
        double v = lo + k * step;
        if (v > hi + step * 1e-6)
            break;
        double x = x0 + (v - lo) / (hi - lo) * (x1 - x0);
        if (fabs(v) < step * 1e-9)
            v = 0;
        put(s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n", x, y, x, y + 4);
        text(s, x, y + 16, "middle", NULL, ent_fmt_num(num, v), 12);
    }
    text(s, (x0 + x1) / 2, y + 34, "middle", "font-weight=\"bold\"", label, 100);
}

/* The table's column index by name, or -1 unless it has the given type (-1: any). */
static int col(const ent_table *t, const char *name, int type)
{
    int c = ent_table_find_col(t, name);
    if (c < 0 || (type >= 0 && ent_table_col_type(t, c) != type))
        return -1;
    return c;
}

/* Distinct strings of column c over rows [r0, r1) in order of first appearance (at most
 * max). OUT: names[] borrowed from the table. Returns the count. */
static int distinct(const ent_table *t, int c, size_t r0, size_t r1, const char **names, int max,
                    const int *filter_col, const char *filter)
{
    char buf[32];
    int n = 0;
    for (size_t r = r0; r < r1; r++) {
        if (filter_col && strcmp(ent_table_cell_text(t, r, *filter_col, buf), filter) != 0)
            continue;
        const char *v = ent_table_cell_text(t, r, c, buf);
        int k = 0;
        while (k < n && strcmp(names[k], v) != 0)
            k++;
        if (k == n && n < max && ent_table_cell_type(t, r, c) == ENT_COL_STR)
            names[n++] = v;
    }
    return n;
}

static int index_of(const char *const *names, int n, const char *v)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(names[k], v))
            return k;
    return -1;
}

typedef struct {
    ent_chart *c;
    size_t n, cap;
    int failed;
} chart_list;

static void add_chart(chart_list *l, svg *s, const char *name, const char *title)
{
    if (s->b.failed || l->failed) {
        ent_buf_free(&s->b);
        l->failed = 1;
        return;
    }
    ent_buf_puts(&s->b, "</svg>\n");
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        ent_chart *q = realloc(l->c, nc * sizeof *q);
        if (!q) {
            ent_buf_free(&s->b);
            l->failed = 1;
            return;
        }
        l->c = q;
        l->cap = nc;
    }
    ent_chart *c = &l->c[l->n];
    c->name = ent_strdup(name);
    c->title = ent_strdup(title);
    c->svg = s->b.data;
    s->b.data = NULL;
    if (!c->name || !c->title || !c->svg || s->b.failed) {
        free(c->name);
        free(c->title);
        free(c->svg);
        l->failed = 1;
        return;
    }
    l->n++;
}

/* ------------------------------------------------------------- sweeps */

/* Legend of outcomes E1..En (pattern swatch and marker) as rows of text from y; returns
 * the y below it. */
static double outcome_legend(svg *s, const char *const *names, int n, double y, int swatch)
{
    char lab[16];
    for (int k = 0; k < n; k++) {
        if (swatch)
            put(s, "<rect x=\"60\" y=\"%.1f\" width=\"22\" height=\"12\" fill=\"url(#%s-p%d)\" stroke=\"#000\" stroke-width=\"0.6\"/>\n",
                y - 10, s->id, k % NPAL);
        else {
            put(s, "<line x1=\"58\" y1=\"%.1f\" x2=\"84\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>\n",
                y - 4, y - 4, palette[k % NPAL], dashes[k % NPAL][0] ? " stroke-dasharray=\"" : "",
                dashes[k % NPAL], dashes[k % NPAL][0] ? "\"" : "");
            marker(s, k, 71, y - 4, palette[k % NPAL]);
        }
        snprintf(lab, sizeof lab, "E%d", k + 1);
        text(s, 90, y, "start", "font-weight=\"bold\"", lab, 0);
        y += 15.0 * wrap(s, 118, y, NULL, names[k], 92, 3, 1) + 4;
    }
    return y;
}

/* Height of outcome_legend's rows. */
static double legend_height(const char *const *names, int n)
{
    double h = 0;
    for (int k = 0; k < n; k++)
        h += 15.0 * wrap(NULL, 0, 0, NULL, names[k], 92, 3, 0) + 4;
    return h;
}

/* Equilibrium bands along the sweep of one parameter: one row per outcome, filled over
 * the points where it is a pure equilibrium. */
static void sweep_bands(chart_list *l, const ent_table *sp, const ent_table *sw, const char *param,
                        const char *scen, int idx)
{
    char buf[32], id[64], title[512];
    int cpar = col(sp, "param", ENT_COL_STR), cval = col(sp, "value", ENT_COL_NUM),
        cout = col(sp, "outcome", ENT_COL_STR);
    int wpar = col(sw, "param", ENT_COL_STR), wval = col(sw, "value", ENT_COL_NUM);
    if (cpar < 0 || cval < 0 || cout < 0 || wpar < 0 || wval < 0)
        return;
    const char *names[MAX_ROWS];
    int n = distinct(sp, cout, 0, ent_table_nrows(sp), names, MAX_ROWS, &cpar, param);
    /* the sweep's points, in order */
    size_t nw = ent_table_nrows(sw), np = 0;
    double *x = malloc(sizeof(double) * (nw ? nw : 1));
    if (!x) {
        l->failed = 1;
        return;
    }
    for (size_t r = 0; r < nw; r++)
        if (!strcmp(ent_table_cell_text(sw, r, wpar, buf), param))
            x[np++] = ent_table_cell_num(sw, r, wval);
    if (np < 2) {
        free(x);
        return;
    }
    double lo = x[0], hi = x[np - 1], step;
    for (size_t k = 0; k < np; k++) {
        lo = fmin(lo, x[k]);
        hi = fmax(hi, x[k]);
    }
    double alo = lo, ahi = hi;
    nice_axis(&alo, &ahi, &step);
    snprintf(id, sizeof id, "sweep-bands-%d", idx);
    snprintf(title, sizeof title, "Pure equilibria along %s", param);
    svg s = {{0}, id};
    const double x0 = 60, x1 = W - 30, top = 44, rowh = 22;
    double h = top + n * rowh + 50 + legend_height(names, n) + 34 + (n == 0 ? 30 : 0);
    char desc[768];
    snprintf(desc, sizeof desc, "%s: for each outcome, the values of %s at which it is a pure "
             "Nash equilibrium (%zu points).", scen, param, np);
    open_svg(&s, h, title, desc, n);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    for (int k = 0; k < n; k++) {
        double y = top + k * rowh + 4;
        char lab[16];
        snprintf(lab, sizeof lab, "E%d", k + 1);
        text(&s, x0 - 8, y + 13, "end", "font-weight=\"bold\"", lab, 0);
        put(&s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"none\" stroke=\"#bbb\" stroke-width=\"0.6\"/>\n",
            x0, y, x1 - x0);
        /* each point covers half the way to its neighbours */
        for (size_t p = 0; p < np; p++) {
            int on = 0;
            for (size_t r = 0; r < ent_table_nrows(sp) && !on; r++)
                on = !strcmp(ent_table_cell_text(sp, r, cpar, buf), param) &&
                     ent_table_cell_num(sp, r, cval) == x[p] &&
                     !strcmp(ent_table_cell_text(sp, r, cout, buf), names[k]);
            if (!on)
                continue;
            double a = p ? (x[p - 1] + x[p]) / 2 : x[p], b = p + 1 < np ? (x[p] + x[p + 1]) / 2 : x[p];
            double xa = x0 + (a - alo) / (ahi - alo) * (x1 - x0), xb = x0 + (b - alo) / (ahi - alo) * (x1 - x0);
            if (xb - xa < 2) { /* a single point at an end: at least visible */
                xa -= 1.5;
                xb += 1.5;
            }
            put(&s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"url(#%s-p%d)\" stroke=\"#000\" stroke-width=\"0.5\"/>\n",
                xa, y, xb - xa, id, k % NPAL);
        }
    }
    double ya = top + n * rowh + 8;
    if (n == 0) {
        text(&s, W / 2, ya + 10, "middle", NULL, "no pure equilibrium at any point", 0);
        ya += 30;
    }
    x_axis(&s, x0, x1, ya, alo, ahi, step, param);
    outcome_legend(&s, names, n, ya + 58, 1);
    add_chart(l, &s, id, title);
    free(x);
}

/* Payoffs of each actor along the sweep of one parameter: one panel per actor, one line
 * per outcome (E1.. as in the bands), broken where the outcome is no equilibrium. */
static void sweep_payoffs(chart_list *l, const ent_table *sp, const char *param, const char *scen,
                          int idx)
{
    char buf[32], id[64], title[512];
    int cpar = col(sp, "param", ENT_COL_STR), cval = col(sp, "value", ENT_COL_NUM),
        cout = col(sp, "outcome", ENT_COL_STR);
    if (cpar < 0 || cval < 0 || cout < 0)
        return;
    int pc[16], na = 0;
    for (int c = 0; c < ent_table_ncols(sp) && na < 16; c++)
        if (!strncmp(ent_table_col_name(sp, c), "payoff:", 7) && ent_table_col_type(sp, c) == ENT_COL_NUM)
            pc[na++] = c;
    const char *names[MAX_ROWS];
    size_t nr = ent_table_nrows(sp);
    int n = distinct(sp, cout, 0, nr, names, MAX_ROWS, &cpar, param);
    if (na == 0 || n == 0)
        return;
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t r = 0; r < nr; r++) {
        if (strcmp(ent_table_cell_text(sp, r, cpar, buf), param) != 0)
            continue;
        double v = ent_table_cell_num(sp, r, cval);
        xlo = fmin(xlo, v);
        xhi = fmax(xhi, v);
        for (int a = 0; a < na; a++) {
            double y = ent_table_cell_num(sp, r, pc[a]);
            if (isfinite(y)) {
                ylo = fmin(ylo, y);
                yhi = fmax(yhi, y);
            }
        }
    }
    if (!isfinite(xlo) || !isfinite(ylo))
        return;
    double xs, ys;
    nice_axis(&xlo, &xhi, &xs);
    nice_axis(&ylo, &yhi, &ys);
    snprintf(id, sizeof id, "sweep-payoffs-%d", idx);
    snprintf(title, sizeof title, "Payoffs at each equilibrium along %s", param);
    svg s = {{0}, id};
    const double x0 = 70, x1 = W - 30, top = 48, ph = 120, gap = 34;
    double h = top + na * (ph + gap) + 40 + legend_height(names, n) + 20;
    char desc[768];
    snprintf(desc, sizeof desc, "%s: each actor's payoff at every pure equilibrium (E1.. as in "
             "the bands chart) as %s varies.", scen, param);
    open_svg(&s, h, title, desc, 0);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    for (int a = 0; a < na; a++) {
        double py = top + a * (ph + gap) + 14;
        text(&s, x0, py - 4, "start", "font-weight=\"bold\"", ent_table_col_name(sp, pc[a]) + 7, 80);
        put(&s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.8\"/>\n",
            x0, py, x1 - x0, ph);
        for (int k = 0; k <= 100; k++) { /* y ticks */
            double v = ylo + k * ys;
            if (v > yhi + ys * 1e-6)
                break;
            double y = py + ph - (v - ylo) / (yhi - ylo) * ph;
            put(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\" stroke-width=\"0.6\"/>\n", x0, y, x1, y);
            text(&s, x0 - 6, y + 4, "end", NULL, ent_fmt_num(buf, fabs(v) < ys * 1e-9 ? 0 : v), 12);
        }
        put(&s, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" "
                "transform=\"rotate(-90 18 %.1f)\">payoff</text>\n", py + ph / 2, py + ph / 2);
        for (int k = 0; k < n; k++) {
            /* rows of this outcome in sweep order; a gap in the sweep breaks the line */
            int started = 0;
            double lastx = NAN;
            size_t lastr = 0;
            for (size_t r = 0; r < nr; r++) {
                if (strcmp(ent_table_cell_text(sp, r, cpar, buf), param) != 0 ||
                    strcmp(ent_table_cell_text(sp, r, cout, buf), names[k]) != 0)
                    continue;
                double v = ent_table_cell_num(sp, r, cval), y = ent_table_cell_num(sp, r, pc[a]);
                double X = x0 + (v - xlo) / (xhi - xlo) * (x1 - x0), Y = py + ph - (y - ylo) / (yhi - ylo) * ph;
                /* consecutive when no other point of the sweep lies between */
                int consecutive = started;
                for (size_t q = lastr + 1; started && q < r; q++)
                    if (!strcmp(ent_table_cell_text(sp, q, cpar, buf), param) &&
                        ent_table_cell_num(sp, q, cval) != lastx && ent_table_cell_num(sp, q, cval) != v)
                        consecutive = 0;
                if (!consecutive) {
                    if (started)
                        ent_buf_puts(&s.b, "\"/>\n");
                    put(&s, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s d=\"M%.1f %.1f",
                        palette[k % NPAL], dashes[k % NPAL][0] ? " stroke-dasharray=\"" : "",
                        dashes[k % NPAL], dashes[k % NPAL][0] ? "\"" : "", X, Y);
                    started = 1;
                } else {
                    put(&s, "L%.1f %.1f", X, Y);
                }
                lastx = v;
                lastr = r;
            }
            if (started)
                ent_buf_puts(&s.b, "\"/>\n");
            /* markers at a few points, spread by outcome so they do not all overlap */
            int count = 0;
            for (size_t r = 0; r < nr; r++) {
                if (strcmp(ent_table_cell_text(sp, r, cpar, buf), param) != 0 ||
                    strcmp(ent_table_cell_text(sp, r, cout, buf), names[k]) != 0)
                    continue;
                if (count++ % 5 != (k % 5))
                    continue;
                double v = ent_table_cell_num(sp, r, cval), y = ent_table_cell_num(sp, r, pc[a]);
                marker(&s, k, x0 + (v - xlo) / (xhi - xlo) * (x1 - x0), py + ph - (y - ylo) / (yhi - ylo) * ph,
                       palette[k % NPAL]);
            }
        }
        if (a == na - 1)
            x_axis(&s, x0, x1, py + ph, xlo, xhi, xs, param);
    }
    double ly = top + na * (ph + gap) + 30;
    outcome_legend(&s, names, n, ly, 0);
    add_chart(l, &s, id, title);
}

/* ---------------------------------------------------------- Monte Carlo */

static void montecarlo(chart_list *l, const ent_table *t, const char *scen)
{
    char buf[32], lab[600];
    int co = col(t, "outcome", ENT_COL_STR), cs = col(t, "share", ENT_COL_NUM),
        cl = col(t, "wilson_low", ENT_COL_NUM), ch = col(t, "wilson_high", ENT_COL_NUM),
        cn = col(t, "samples", ENT_COL_INT);
    size_t nr = ent_table_nrows(t);
    if (co < 0 || cs < 0 || cl < 0 || ch < 0 || nr == 0)
        return;
    if (nr > MAX_ROWS)
        nr = MAX_ROWS;
    const char *id = "montecarlo", *title = "How often each outcome is a pure equilibrium";
    svg s = {{0}, id};
    const double x0 = 60, x1 = W - 40, top = 52;
    /* each row: its label (share, samples, outcome; up to 3 lines), then the bar */
    char **labs = calloc(nr, sizeof *labs);
    if (!labs) {
        l->failed = 1;
        return;
    }
    double h = top + 60;
    for (size_t r = 0; r < nr; r++) {
        char share[32];
        if (cn >= 0)
            snprintf(lab, sizeof lab, "%s (%s samples): %s", ent_fmt_num(share, ent_table_cell_num(t, r, cs)),
                     ent_table_cell_text(t, r, cn, buf), ent_table_cell_text(t, r, co, buf));
        else
            snprintf(lab, sizeof lab, "%s: %s", ent_fmt_num(share, ent_table_cell_num(t, r, cs)),
                     ent_table_cell_text(t, r, co, buf));
        labs[r] = ent_strdup(lab);
        if (!labs[r])
            l->failed = 1;
        else
            h += 15.0 * wrap(NULL, 0, 0, NULL, labs[r], 104, 3, 0) + 24;
    }
    char desc[768];
    snprintf(desc, sizeof desc, "%s: share of Monte Carlo samples in which each outcome is a pure "
             "Nash equilibrium, with its 95%% Wilson interval as whiskers.", scen);
    open_svg(&s, h, title, desc, 1);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    double bottom = h - 60;
    for (int k = 0; k <= 10; k++) { /* grid */
        double x = x0 + k / 10.0 * (x1 - x0);
        put(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\" stroke-width=\"0.6\"/>\n",
            x, top, x, bottom);
    }
    double y = top;
    for (size_t r = 0; r < nr && labs[r]; r++) {
        double v = ent_table_cell_num(t, r, cs), lo = ent_table_cell_num(t, r, cl),
               hi = ent_table_cell_num(t, r, ch);
        int lines = wrap(&s, x0, y + 12, NULL, labs[r], 104, 3, 1);
        y += 15.0 * (lines - 1);
        if (isfinite(v))
            put(&s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"url(#%s-p0)\" stroke=\"#000\" stroke-width=\"0.6\"/>\n",
                x0, y + 17, fmax(0, fmin(1, v)) * (x1 - x0), id);
        if (isfinite(lo) && isfinite(hi)) {
            double xl = x0 + fmax(0, fmin(1, lo)) * (x1 - x0), xh = x0 + fmax(0, fmin(1, hi)) * (x1 - x0);
            double ym = y + 24;
            put(&s, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#000\" stroke-width=\"1.5\" fill=\"none\"/>\n",
                xl, ym, xh, xl, ym - 6, ym + 6, xh, ym - 6, ym + 6);
        }
        y += 15 + 24;
    }
    for (size_t r = 0; r < nr; r++)
        free(labs[r]);
    free(labs);
    x_axis(&s, x0, x1, bottom + 4, 0, 1, 0.1, "share of samples (whiskers: 95% Wilson interval)");
    add_chart(l, &s, id, title);
}

/* ------------------------------------------------- coalition allocations */

static void allocations(chart_list *l, const ent_table *t, const char *scen)
{
    static const char *const conc[] = {"shapley", "nucleolus", "least_core"};
    static const char *const shown[] = {"Shapley value", "nucleolus", "least core"};
    char buf[32];
    int cm = col(t, "member", ENT_COL_STR), cc[3], nc = 0, which[3];
    for (int k = 0; k < 3; k++) {
        int c = col(t, conc[k], ENT_COL_NUM);
        if (c >= 0) {
            cc[nc] = c;
            which[nc++] = k;
        }
    }
    size_t nr = ent_table_nrows(t);
    if (cm < 0 || nc == 0 || nr == 0)
        return;
    if (nr > MAX_ROWS)
        nr = MAX_ROWS;
    double hi = 0;
    for (size_t r = 0; r < nr; r++)
        for (int k = 0; k < nc; k++) {
            double v = ent_table_cell_num(t, r, cc[k]);
            if (isfinite(v))
                hi = fmax(hi, v);
        }
    double lo = 0, step;
    if (hi <= 0)
        hi = 1;
    nice_axis(&lo, &hi, &step);
    const char *id = "allocations", *title = "Allocations per member";
    svg s = {{0}, id};
    const double x0 = 130, x1 = W - 30, top = 70, bar = 7, rowh = bar * nc + 8;
    double h = top + (double)nr * rowh + 60;
    char desc[768];
    snprintf(desc, sizeof desc, "%s: each member's share of the coalition's value under the "
             "Shapley value, the nucleolus and the least core.", scen);
    open_svg(&s, h, title, desc, 3);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    for (int k = 0; k < nc; k++) { /* legend */
        double lx = x0 + k * 190.0;
        put(&s, "<rect x=\"%.1f\" y=\"48\" width=\"22\" height=\"12\" fill=\"url(#%s-p%d)\" stroke=\"#000\" stroke-width=\"0.6\"/>\n",
            lx, id, which[k]);
        text(&s, lx + 28, 58, "start", NULL, shown[which[k]], 0);
    }
    for (size_t r = 0; r < nr; r++) {
        double y = top + (double)r * rowh;
        text(&s, x0 - 8, y + rowh / 2 + 2, "end", NULL, ent_table_cell_text(t, r, cm, buf), 18);
        for (int k = 0; k < nc; k++) {
            double v = ent_table_cell_num(t, r, cc[k]);
            if (!isfinite(v))
                continue;
            double xa = x0 + (fmin(v, 0) - lo) / (hi - lo) * (x1 - x0),
                   xb = x0 + (fmax(v, 0) - lo) / (hi - lo) * (x1 - x0);
            put(&s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#%s-p%d)\" stroke=\"#000\" stroke-width=\"0.4\"/>\n",
                xa, y + 2 + k * bar, xb - xa, bar, id, which[k]);
        }
    }
    x_axis(&s, x0, x1, top + (double)nr * rowh + 2, lo, hi, step, "allocation (the member's payoff)");
    add_chart(l, &s, id, title);
}

/* ------------------------------------------------------- graph model */

static void state_graph(chart_list *l, const ent_table *st, const ent_table *mv, const char *scen)
{
    char buf[32], b2[32];
    int cs = col(st, "state", ENT_COL_INT), co = col(st, "outcome", ENT_COL_STR),
        ce = col(st, "equilibrium_under", ENT_COL_STR);
    int mf = col(mv, "from", ENT_COL_INT), mt = col(mv, "to", ENT_COL_INT), ma = col(mv, "actor", ENT_COL_STR);
    size_t n = ent_table_nrows(st), nm = ent_table_nrows(mv);
    if (cs < 0 || co < 0 || ce < 0 || mf < 0 || mt < 0 || ma < 0 || n == 0 || n > MAX_STATES)
        return;
    const char *actors[NPAL];
    int na = distinct(mv, ma, 0, nm, actors, NPAL, NULL, NULL);
    const char *id = "state-graph", *title = "States and moves of the graph model";
    svg s = {{0}, id};
    const double cx = W / 2, cy = 316, R = 220;
    double h = cy + R + 70 + 24 + (na > 3 ? 16 : 0);
    for (size_t k = 0; k < n; k++) {
        char line[1200];
        snprintf(line, sizeof line, "%s: %s%s%s%s", ent_table_cell_text(st, k, cs, b2),
                 ent_table_cell_text(st, k, co, b2), ent_table_cell_text(st, k, ce, buf)[0] ? "  [" : "",
                 ent_table_cell_text(st, k, ce, buf), ent_table_cell_text(st, k, ce, buf)[0] ? "]" : "");
        h += 15.0 * wrap(NULL, 0, 0, NULL, line, 100, 3, 0) + 3;
    }
    char desc[768];
    snprintf(desc, sizeof desc, "%s: each state of the graph model (numbered), its unilateral "
             "moves by actor (line style) and its equilibria (thick double ring).", scen);
    open_svg(&s, h, title, desc, 0);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    for (int a = 0; a < na; a++) {
        put(&s, "<marker id=\"%s-arrow%d\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10Z\" fill=\"%s\"/></marker>\n",
            id, a, palette[a % NPAL]);
    }
    for (int a = 0; a < na; a++) { /* legend of actors */
        double lx = 20 + (a % 3) * 245.0, ly = 56 + (a / 3) * 16.0;
        put(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>\n",
            lx, ly - 4, lx + 26, ly - 4, palette[a % NPAL], dashes[a % NPAL][0] ? " stroke-dasharray=\"" : "",
            dashes[a % NPAL], dashes[a % NPAL][0] ? "\"" : "");
        text(&s, lx + 32, ly, "start", NULL, actors[a], 30);
    }
    /* positions: a circle, state 1 at the top, clockwise */
    double px[MAX_STATES], py[MAX_STATES];
    for (size_t k = 0; k < n; k++) {
        double ang = -M_PI / 2 + 2 * M_PI * (double)k / (double)n;
        px[k] = cx + R * cos(ang);
        py[k] = cy + R * sin(ang) * 0.92;
    }
    /* edges: a move and its reverse by the same actor are one line with two arrows */
    for (size_t r = 0; r < nm; r++) {
        long long f = (long long)ent_table_cell_num(mv, r, mf), t = (long long)ent_table_cell_num(mv, r, mt);
        if (f < 1 || t < 1 || f > (long long)n || t > (long long)n || f == t)
            continue;
        const char *a = ent_table_cell_text(mv, r, ma, buf);
        int ai = index_of(actors, na, a), back = 0, dup = 0;
        for (size_t q = 0; q < nm; q++)
            if ((long long)ent_table_cell_num(mv, q, mf) == t && (long long)ent_table_cell_num(mv, q, mt) == f &&
                !strcmp(ent_table_cell_text(mv, q, ma, b2), a)) {
                back = 1;
                dup = q < r;
            }
        if (dup || ai < 0)
            continue;
        double x1 = px[f - 1], y1 = py[f - 1], x2 = px[t - 1], y2 = py[t - 1];
        double dx = x2 - x1, dy = y2 - y1, d = sqrt(dx * dx + dy * dy);
        if (d < 1)
            continue;
        x1 += dx / d * 15;
        y1 += dy / d * 15;
        x2 -= dx / d * 15;
        y2 -= dy / d * 15;
        char start[96] = "";
        if (back)
            snprintf(start, sizeof start, " marker-start=\"url(#%s-arrow%d)\"", id, ai);
        put(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.4\"%s%s%s "
                "marker-end=\"url(#%s-arrow%d)\"%s/>\n",
            x1, y1, x2, y2, palette[ai % NPAL], dashes[ai % NPAL][0] ? " stroke-dasharray=\"" : "",
            dashes[ai % NPAL], dashes[ai % NPAL][0] ? "\"" : "", id, ai, start);
    }
    for (size_t k = 0; k < n; k++) {
        const char *eq = ent_table_cell_text(st, k, ce, buf);
        int is_eq = eq[0] != '\0';
        if (is_eq)
            put(&s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"17\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\"/>\n",
                px[k], py[k]);
        put(&s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"12\" fill=\"%s\" stroke=\"#000\" stroke-width=\"%s\"/>\n",
            px[k], py[k], is_eq ? "#E69F00" : "#ffffff", is_eq ? "2" : "1");
        text(&s, px[k], py[k] + 4, "middle", "font-size=\"11\" font-weight=\"bold\"",
             ent_table_cell_text(st, k, cs, b2), 0);
    }
    double ly = cy + R + 50;
    text(&s, 20, ly, "start", "font-weight=\"bold\"", "States (double ring: an equilibrium under the concepts named)", 0);
    ly += 17;
    for (size_t k = 0; k < n; k++) {
        char line[1200];
        const char *eq = ent_table_cell_text(st, k, ce, buf);
        snprintf(line, sizeof line, "%s: %s%s%s%s", ent_table_cell_text(st, k, cs, b2),
                 ent_table_cell_text(st, k, co, b2), eq[0] ? "  [" : "", eq, eq[0] ? "]" : "");
        /* equilibria in bold (wider letters: fewer of them a line) */
        ly += 15.0 * wrap(&s, 28, ly, eq[0] ? "font-weight=\"bold\"" : NULL, line, eq[0] ? 90 : 100, 3, 1) + 3;
    }
    add_chart(l, &s, id, title);
}

/* ----------------------------------------------------------- game tree */

/* efg_tree: node, parent (0 = root), label (who moves, or the payoffs at a terminal
 * node), action (from the parent), on_path (the first subgame-perfect equilibrium's path)
 * and chosen (its choices off the path too). */
static void spe_tree(chart_list *l, const ent_table *t, const char *scen)
{
    char buf[32], b2[32];
    int cn = col(t, "node", ENT_COL_INT), cp = col(t, "parent", ENT_COL_INT),
        cl = col(t, "label", ENT_COL_STR), ca = col(t, "action", ENT_COL_STR),
        co = col(t, "on_path", ENT_COL_BOOL), cc = col(t, "chosen", ENT_COL_BOOL);
    size_t n = ent_table_nrows(t);
    if (cn < 0 || cp < 0 || cl < 0 || ca < 0 || co < 0 || n == 0 || n > 64)
        return;
    /* depth and leaf order (rows are in depth-first order, parents first) */
    int depth[64], parent[64];
    double x[64], y[64];
    int leaves = 0, maxd = 0;
    for (size_t k = 0; k < n; k++) {
        long long p = (long long)ent_table_cell_num(t, k, cp);
        parent[k] = p >= 1 && p <= (long long)k ? (int)p - 1 : -1;
        depth[k] = parent[k] >= 0 ? depth[parent[k]] + 1 : 0;
        if (depth[k] > maxd)
            maxd = depth[k];
    }
    for (size_t k = 0; k < n; k++) {
        int leaf = 1;
        for (size_t q = k + 1; q < n && leaf; q++)
            leaf = parent[q] != (int)k;
        if (leaf)
            x[k] = leaves++;
        else
            x[k] = -1;
    }
    for (size_t k = n; k-- > 0;) { /* inner node: the middle of its children */
        if (x[k] >= 0)
            continue;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t q = k + 1; q < n; q++)
            if (parent[q] == (int)k) {
                lo = fmin(lo, x[q]);
                hi = fmax(hi, x[q]);
            }
        x[k] = (lo + hi) / 2;
    }
    const char *id = "spe-tree", *title = "Subgame-perfect path on the game tree";
    svg s = {{0}, id};
    const double top = 70, levh = 90, x0 = 60, x1 = W - 60;
    double h = top + maxd * levh + 80;
    char desc[768];
    snprintf(desc, sizeof desc, "%s: the game tree; thick solid lines and filled nodes are the path "
             "of the first subgame-perfect equilibrium, thin solid lines its choices off the path, "
             "thin dashed lines the other moves.", scen);
    open_svg(&s, h, title, desc, 0);
    text(&s, W / 2, 38, "middle", "fill=\"#333\"", scen, 110);
    for (size_t k = 0; k < n; k++) {
        x[k] = leaves > 1 ? x0 + x[k] / (leaves - 1) * (x1 - x0) : W / 2;
        y[k] = top + depth[k] * levh;
    }
    for (size_t k = 0; k < n; k++) {
        if (parent[k] < 0)
            continue;
        int on = ent_table_cell_num(t, k, co) == 1 && ent_table_cell_num(t, (size_t)parent[k], co) == 1;
        int chosen = cc >= 0 && ent_table_cell_num(t, k, cc) == 1;
        put(&s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
            x[parent[k]], y[parent[k]], x[k], y[k], on || chosen ? "#D55E00" : "#777777",
            on ? "3.5" : chosen ? "1.8" : "1.2", on || chosen ? "" : " stroke-dasharray=\"5 3\"");
        text(&s, (x[parent[k]] + x[k]) / 2 + 4, (y[parent[k]] + y[k]) / 2, "start",
             on ? "font-weight=\"bold\"" : "fill=\"#444\"", ent_table_cell_text(t, k, ca, buf), 18);
    }
    for (size_t k = 0; k < n; k++) {
        int on = ent_table_cell_num(t, k, co) == 1;
        put(&s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" stroke=\"#000\" stroke-width=\"1.2\"/>\n",
            x[k], y[k], on ? "#D55E00" : "#ffffff");
        const char *lab = ent_table_cell_text(t, k, cl, b2);
        int leaf = 1;
        for (size_t q = k + 1; q < n && leaf; q++)
            leaf = parent[q] != (int)k;
        text(&s, x[k], leaf ? y[k] + 20 : y[k] - 10, "middle", on ? "font-weight=\"bold\"" : NULL, lab, 22);
    }
    add_chart(l, &s, id, title);
}

/* ------------------------------------------------------------------ all */

int ent_report_charts(const ent_report *r, ent_chart **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    chart_list l = {0};
    const char *scen = ent_report_title(r);
    const ent_table *sw = ent_report_find_table(r, "sweep"), *sp = ent_report_find_table(r, "sweep_payoffs");
    if (sw && sp) {
        char buf[32];
        const char *params[16];
        int cpar = col(sw, "param", ENT_COL_STR);
        int np = cpar >= 0 ? distinct(sw, cpar, 0, ent_table_nrows(sw), params, 16, NULL, NULL) : 0;
        (void)buf;
        for (int k = 0; k < np; k++) {
            sweep_bands(&l, sp, sw, params[k], scen, k + 1);
            sweep_payoffs(&l, sp, params[k], scen, k + 1);
        }
    }
    const ent_table *t;
    if ((t = ent_report_find_table(r, "montecarlo")))
        montecarlo(&l, t, scen);
    if ((t = ent_report_find_table(r, "solutions")))
        allocations(&l, t, scen);
    const ent_table *mv = ent_report_find_table(r, "gmcr_moves");
    if ((t = ent_report_find_table(r, "gmcr_stability")) && mv)
        state_graph(&l, t, mv, scen);
    if ((t = ent_report_find_table(r, "efg_tree")))
        spe_tree(&l, t, scen);
    if (l.failed) {
        ent_charts_free(&l.c, l.n);
        return ENT_ENOMEM;
    }
    *out = l.c;
    *n = l.n;
    return ENT_OK;
}

void ent_charts_free(ent_chart **c, size_t n)
{
    if (!c || !*c)
        return;
    for (size_t k = 0; k < n; k++) {
        free((*c)[k].name);
        free((*c)[k].title);
        free((*c)[k].svg);
    }
    free(*c);
    *c = NULL;
}
