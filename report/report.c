/* report.c — the report document and its writers. A report holds summary key/values,
 * sections, prose lines and named tables; one writer per format renders it: aligned
 * terminal text, CSV (RFC 4180, one table), JSON (jansson), Markdown pipe tables and
 * LaTeX booktabs fragments. Every number goes through ent_fmt_num so formats agree. */
#include "entente.h"
#include "../games/util.h"

#include <jansson.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>

typedef struct {
    int type; /* ent_coltype, or -1 for null */
    char *s;
    double num;
    long long i;
} cell;

struct ent_table {
    char *name, *caption;
    int machine_only;
    int explanation; /* long per-item explanations: opt-in in the human formats */
    int ncols;
    char **colname;
    char **collabel; /* display label per column for text, Markdown, LaTeX; NULL = name */
    int *coltype;
    cell *cells;
    size_t ncells, cap;
    ent_report *owner;
};

enum { IT_SECTION, IT_TEXT, IT_TABLE };
typedef struct {
    int kind;
    char *s;
    ent_table *t;
    const char *part; /* the part (concept) it belongs to: an entry of ent_report.parts */
} item;

typedef struct {
    char *key;
    cell v;
} kv;

struct ent_report {
    char *title;
    kv *kvs;
    size_t nkv, kvcap;
    item *items;
    size_t nitems, itemcap;
    int status;
    char *primary; /* table CSV writes by default, or NULL for the first */
    kv *prov;      /* provenance: key -> string value, in order of first setting */
    size_t nprov, provcap;
    char **parts;  /* part names, in order of first use; items point into it */
    size_t nparts, partcap;
    const char *part; /* the current part, or NULL */
};

/* significant digits of ent_fmt_num, process-wide (ent_fmt_set_digits) */
static int fmt_digits = 12;

void ent_fmt_set_digits(int digits)
{
    fmt_digits = digits >= 1 && digits <= 17 ? digits : 12;
}

int ent_fmt_digits(void) { return fmt_digits; }

char *ent_fmt_num(char *buf, double v)
{
    if (isnan(v))
        return strcpy(buf, "nan");
    if (isinf(v))
        return strcpy(buf, v > 0 ? "inf" : "-inf");
    if (v == 0)
        return strcpy(buf, "0");
    /* integers are printed exactly (1000000000003, not 1e+12) while a double holds them
     * exactly (|v| <= 2^53); below 10^12, 12 significant digits already do */
    if (fmt_digits >= 12 && fabs(v) >= 1e12 && fabs(v) <= 9007199254740992.0 && v == floor(v)) {
        snprintf(buf, 32, "%.0f", v);
        return buf;
    }
    snprintf(buf, 32, "%.*g", fmt_digits, v);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return buf;
}

int ent_format_parse(const char *s)
{
    if (!strcmp(s, "text") || !strcmp(s, "txt"))
        return ENT_FMT_TEXT;
    if (!strcmp(s, "csv"))
        return ENT_FMT_CSV;
    if (!strcmp(s, "json"))
        return ENT_FMT_JSON;
    if (!strcmp(s, "md") || !strcmp(s, "markdown"))
        return ENT_FMT_MARKDOWN;
    if (!strcmp(s, "latex") || !strcmp(s, "tex"))
        return ENT_FMT_LATEX;
    return -1;
}

ent_report *ent_report_new(const char *title)
{
    ent_report *r = (ent_report *)calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->title = ent_strdup(title ? title : "");
    if (!r->title) {
        free(r);
        return NULL;
    }
    return r;
}

static void table_free(ent_table *t)
{
    for (int c = 0; c < t->ncols; c++) {
        free(t->colname[c]);
        if (t->collabel)
            free(t->collabel[c]);
    }
    free(t->collabel);
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i].s);
    free(t->colname);
    free(t->coltype);
    free(t->cells);
    free(t->name);
    free(t->caption);
    free(t);
}

void ent_report_free(ent_report **rp)
{
    if (!rp || !*rp)
        return;
    ent_report *r = *rp;
    for (size_t i = 0; i < r->nkv; i++) {
        free(r->kvs[i].key);
        free(r->kvs[i].v.s);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        free(r->items[i].s);
        if (r->items[i].t)
            table_free(r->items[i].t);
    }
    for (size_t i = 0; i < r->nprov; i++) {
        free(r->prov[i].key);
        free(r->prov[i].v.s);
    }
    for (size_t i = 0; i < r->nparts; i++)
        free(r->parts[i]);
    free(r->prov);
    free(r->parts);
    free(r->kvs);
    free(r->items);
    free(r->title);
    free(r->primary);
    free(r);
    *rp = NULL;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = nc;
    return 1;
}

static char *vfmt(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return NULL;
    char *s = (char *)malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static kv *add_kv(ent_report *r, const char *key)
{
    if (!r || r->status)
        return NULL;
    if (!grow((void **)&r->kvs, &r->kvcap, r->nkv + 1, sizeof(kv))) {
        r->status = ENT_ENOMEM;
        return NULL;
    }
    kv *e = &r->kvs[r->nkv];
    memset(e, 0, sizeof *e);
    e->key = ent_strdup(key);
    if (!e->key) {
        r->status = ENT_ENOMEM;
        return NULL;
    }
    r->nkv++;
    return e;
}

void ent_report_kv_str(ent_report *r, const char *key, const char *fmt, ...)
{
    kv *e = add_kv(r, key);
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    e->v.type = ENT_COL_STR;
    e->v.s = vfmt(fmt, ap);
    va_end(ap);
    if (!e->v.s)
        r->status = ENT_ENOMEM;
}

void ent_report_kv_num(ent_report *r, const char *key, double v)
{
    kv *e = add_kv(r, key);
    if (e) {
        e->v.type = ENT_COL_NUM;
        e->v.num = v;
    }
}

void ent_report_kv_int(ent_report *r, const char *key, long long v)
{
    kv *e = add_kv(r, key);
    if (e) {
        e->v.type = ENT_COL_INT;
        e->v.i = v;
    }
}

static item *add_item(ent_report *r, int kind)
{
    if (!r || r->status)
        return NULL;
    if (!grow((void **)&r->items, &r->itemcap, r->nitems + 1, sizeof(item))) {
        r->status = ENT_ENOMEM;
        return NULL;
    }
    item *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->part = r->part;
    return it;
}

void ent_report_part(ent_report *r, const char *name)
{
    if (!r || r->status)
        return;
    if (!name) {
        r->part = NULL;
        return;
    }
    for (size_t i = 0; i < r->nparts; i++)
        if (!strcmp(r->parts[i], name)) {
            r->part = r->parts[i];
            return;
        }
    char *d = ent_strdup(name);
    if (!d || !grow((void **)&r->parts, &r->partcap, r->nparts + 1, sizeof(char *))) {
        free(d);
        r->status = ENT_ENOMEM;
        return;
    }
    r->parts[r->nparts++] = d;
    r->part = d;
}

size_t ent_report_nparts(const ent_report *r) { return r ? r->nparts : 0; }

const char *ent_report_part_name(const ent_report *r, size_t i)
{
    return r && i < r->nparts ? r->parts[i] : NULL;
}

/* Move the items of part `name` before all others, keeping their order. */
void ent_report_part_first(ent_report *r, const char *name)
{
    if (!r || r->status || !name)
        return;
    item *tmp = (item *)malloc(sizeof(item) * (r->nitems ? r->nitems : 1));
    if (!tmp) {
        r->status = ENT_ENOMEM;
        return;
    }
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->nitems; i++) {
            int in = r->items[i].part && !strcmp(r->items[i].part, name);
            if (in == (pass == 0))
                tmp[k++] = r->items[i];
        }
    memcpy(r->items, tmp, sizeof(item) * r->nitems);
    free(tmp);
}

void ent_report_provenance(ent_report *r, const char *key, const char *fmt, ...)
{
    if (!r || r->status || !key)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *v = vfmt(fmt, ap);
    va_end(ap);
    if (!v) {
        r->status = ENT_ENOMEM;
        return;
    }
    for (size_t i = 0; i < r->nprov; i++) /* a key set again keeps its place */
        if (!strcmp(r->prov[i].key, key)) {
            free(r->prov[i].v.s);
            r->prov[i].v.s = v;
            return;
        }
    char *k = ent_strdup(key);
    if (!k || !grow((void **)&r->prov, &r->provcap, r->nprov + 1, sizeof(kv))) {
        free(k);
        free(v);
        r->status = ENT_ENOMEM;
        return;
    }
    kv *e = &r->prov[r->nprov++];
    memset(e, 0, sizeof *e);
    e->key = k;
    e->v.type = ENT_COL_STR;
    e->v.s = v;
}

size_t ent_report_provenance_count(const ent_report *r) { return r ? r->nprov : 0; }

void ent_report_provenance_get(const ent_report *r, size_t i, const char **key,
                               const char **value)
{
    *key = i < r->nprov ? r->prov[i].key : NULL;
    *value = i < r->nprov ? r->prov[i].v.s : NULL;
}

const char *ent_report_provenance_find(const ent_report *r, const char *key)
{
    for (size_t i = 0; r && i < r->nprov; i++)
        if (!strcmp(r->prov[i].key, key))
            return r->prov[i].v.s;
    return NULL;
}

const char *ent_report_title(const ent_report *r) { return r ? r->title : NULL; }

int ent_report_kv_find(const ent_report *r, const char *key, const char **str, double *num)
{
    for (size_t i = 0; r && i < r->nkv; i++)
        if (!strcmp(r->kvs[i].key, key)) {
            const cell *c = &r->kvs[i].v;
            if (str)
                *str = c->type == ENT_COL_STR ? c->s : NULL;
            if (num)
                *num = c->type == ENT_COL_NUM ? c->num
                       : c->type == ENT_COL_INT || c->type == ENT_COL_BOOL ? (double)c->i
                                                                           : NAN;
            return c->type;
        }
    return -2;
}

size_t ent_report_ntables(const ent_report *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->nitems; i++)
        n += r->items[i].kind == IT_TABLE;
    return n;
}

ent_table *ent_report_table_at(const ent_report *r, size_t k)
{
    for (size_t i = 0; r && i < r->nitems; i++)
        if (r->items[i].kind == IT_TABLE && k-- == 0)
            return r->items[i].t;
    return NULL;
}

const char *ent_table_part(const ent_table *t)
{
    const ent_report *r = t ? t->owner : NULL;
    for (size_t i = 0; r && i < r->nitems; i++)
        if (r->items[i].kind == IT_TABLE && r->items[i].t == t)
            return r->items[i].part;
    return NULL;
}

void ent_report_section(ent_report *r, const char *heading)
{
    item *it = add_item(r, IT_SECTION);
    if (it && !(it->s = ent_strdup(heading)))
        r->status = ENT_ENOMEM;
}

void ent_report_text(ent_report *r, const char *fmt, ...)
{
    item *it = add_item(r, IT_TEXT);
    if (!it)
        return;
    va_list ap;
    va_start(ap, fmt);
    it->s = vfmt(fmt, ap);
    va_end(ap);
    if (!it->s)
        r->status = ENT_ENOMEM;
}

ent_table *ent_report_find_table(const ent_report *r, const char *name)
{
    for (size_t i = 0; r && i < r->nitems; i++)
        if (r->items[i].kind == IT_TABLE && !strcmp(r->items[i].t->name, name))
            return r->items[i].t;
    return NULL;
}

/* A shared sink for builder calls after a failure, so callers need no NULL checks. */
static ent_table *dead_table(ent_report *r)
{
    static _Thread_local ent_table dead;
    memset(&dead, 0, sizeof dead);
    dead.owner = r;
    return &dead;
}

ent_table *ent_report_table(ent_report *r, const char *name, const char *caption)
{
    ent_table *t = ent_report_find_table(r, name);
    if (t)
        return t;
    if (!r || r->status)
        return dead_table(r);
    t = (ent_table *)calloc(1, sizeof *t);
    item *it = t ? add_item(r, IT_TABLE) : NULL;
    if (!t || !it || !(t->name = ent_strdup(name)) ||
        !(t->caption = ent_strdup(caption ? caption : ""))) {
        if (t) {
            free(t->name);
            free(t);
        }
        if (it)
            r->nitems--;
        if (r)
            r->status = ENT_ENOMEM;
        return dead_table(r);
    }
    t->owner = r;
    it->t = t;
    return t;
}

static int tfail(ent_table *t)
{
    if (!t->name) /* the dead table */
        return 1;
    if (t->owner->status)
        return 1;
    return 0;
}

static int col_index(const ent_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->colname[c], name))
            return c;
    return -1;
}

void ent_table_col(ent_table *t, const char *name, ent_coltype type)
{
    if (tfail(t))
        return;
    if (t->ncells > 0) { /* columns are fixed once rows exist: an existing table reused */
        return;
    }
    char **cn = (char **)realloc(t->colname, sizeof(char *) * (size_t)(t->ncols + 1));
    if (cn)
        t->colname = cn;
    int *ct = (int *)realloc(t->coltype, sizeof(int) * (size_t)(t->ncols + 1));
    if (ct)
        t->coltype = ct;
    char **cl = (char **)realloc(t->collabel, sizeof(char *) * (size_t)(t->ncols + 1));
    if (cl) {
        t->collabel = cl;
        cl[t->ncols] = NULL;
    }
    /* names are unique by construction: a repeated name gets the suffix ~2, ~3, ... (the
     * first free one), so no CSV header repeats and no JSON member is overwritten */
    char *d = ent_strdup(name);
    for (int k = 2; d && col_index(t, d) >= 0; k++) {
        free(d);
        size_t len = strlen(name) + 24;
        d = (char *)malloc(len);
        if (d)
            snprintf(d, len, "%s~%d", name, k);
    }
    if (!cn || !ct || !cl || !d) {
        free(d);
        t->owner->status = ENT_ENOMEM;
        return;
    }
    t->colname[t->ncols] = d;
    t->coltype[t->ncols] = (int)type;
    t->ncols++;
}

void ent_table_cols(ent_table *t, const char *spec)
{
    if (tfail(t))
        return;
    char name[256];
    for (const char *p = spec; p && *p;) {
        size_t len = strcspn(p, ":,");
        const char *type = p + len;
        int ty = -1;
        if (*type == ':' && len > 0 && len < sizeof name && type[1] &&
            ((type[2] == ',' && type[3]) || !type[2]))
            ty = type[1] == 's' ? ENT_COL_STR : type[1] == 'n' ? ENT_COL_NUM
                 : type[1] == 'i' ? ENT_COL_INT : type[1] == 'b' ? ENT_COL_BOOL : -1;
        if (ty < 0) {
            t->owner->status = ENT_EINVAL;
            return;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        ent_table_col(t, name, (ent_coltype)ty);
        p = type + 2 + (type[2] == ',');
    }
}

void ent_table_col_label(ent_table *t, int col, const char *label)
{
    if (tfail(t) || col < 0 || col >= t->ncols || !label)
        return;
    char *d = ent_strdup(label);
    if (!d) {
        t->owner->status = ENT_ENOMEM;
        return;
    }
    free(t->collabel[col]);
    t->collabel[col] = d;
}

/* The header a reader sees in text, Markdown and LaTeX. */
static const char *col_display(const ent_table *t, int c)
{
    return t->collabel && t->collabel[c] ? t->collabel[c] : t->colname[c];
}

void ent_table_machine_only(ent_table *t)
{
    if (!tfail(t))
        t->machine_only = 1;
}

void ent_table_explanation(ent_table *t)
{
    if (!tfail(t))
        t->explanation = 1;
}

int ent_table_ncols(const ent_table *t) { return t->ncols; }
const char *ent_table_name(const ent_table *t) { return t->name; }
const char *ent_table_caption(const ent_table *t) { return t->caption; }
int ent_table_is_machine_only(const ent_table *t) { return t->machine_only; }
int ent_table_is_explanation(const ent_table *t) { return t->explanation; }

const char *ent_table_col_name(const ent_table *t, int col)
{
    return col >= 0 && col < t->ncols ? t->colname[col] : NULL;
}

const char *ent_table_col_display(const ent_table *t, int col)
{
    return col >= 0 && col < t->ncols ? col_display(t, col) : NULL;
}

int ent_table_col_type(const ent_table *t, int col)
{
    return col >= 0 && col < t->ncols ? t->coltype[col] : -1;
}

int ent_table_find_col(const ent_table *t, const char *name)
{
    return name ? col_index(t, name) : -1;
}

static const cell *cell_at(const ent_table *t, size_t row, int col)
{
    if (col < 0 || col >= t->ncols || row >= ent_table_nrows(t))
        return NULL;
    return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

int ent_table_cell_type(const ent_table *t, size_t row, int col)
{
    const cell *c = cell_at(t, row, col);
    return c ? c->type : -2;
}

const char *ent_table_cell_str(const ent_table *t, size_t row, int col)
{
    const cell *c = cell_at(t, row, col);
    return c && c->type == ENT_COL_STR ? c->s : NULL;
}

double ent_table_cell_num(const ent_table *t, size_t row, int col)
{
    const cell *c = cell_at(t, row, col);
    if (!c)
        return NAN;
    switch (c->type) {
    case ENT_COL_NUM:
        return c->num;
    case ENT_COL_INT:
    case ENT_COL_BOOL:
        return (double)c->i;
    default:
        return NAN;
    }
}

long long ent_table_cell_int(const ent_table *t, size_t row, int col)
{
    const cell *c = cell_at(t, row, col);
    if (!c)
        return 0;
    return c->type == ENT_COL_INT || c->type == ENT_COL_BOOL ? c->i
           : c->type == ENT_COL_NUM                        ? (long long)c->num
                                                           : 0;
}
size_t ent_table_nrows(const ent_table *t) { return t->ncols ? t->ncells / (size_t)t->ncols : 0; }

static cell *add_cell(ent_table *t)
{
    if (tfail(t))
        return NULL;
    if (t->ncols == 0) {
        t->owner->status = ENT_EINVAL;
        return NULL;
    }
    if (!grow((void **)&t->cells, &t->cap, t->ncells + 1, sizeof(cell))) {
        t->owner->status = ENT_ENOMEM;
        return NULL;
    }
    cell *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    return c;
}

void ent_table_str(ent_table *t, const char *fmt, ...)
{
    cell *c = add_cell(t);
    if (!c)
        return;
    va_list ap;
    va_start(ap, fmt);
    c->type = ENT_COL_STR;
    c->s = vfmt(fmt, ap);
    va_end(ap);
    if (!c->s)
        t->owner->status = ENT_ENOMEM;
}

void ent_table_num(ent_table *t, double v)
{
    cell *c = add_cell(t);
    if (c) {
        c->type = ENT_COL_NUM;
        c->num = v;
    }
}

void ent_table_int(ent_table *t, long long v)
{
    cell *c = add_cell(t);
    if (c) {
        c->type = ENT_COL_INT;
        c->i = v;
    }
}

void ent_table_bool(ent_table *t, int v)
{
    cell *c = add_cell(t);
    if (c) {
        c->type = ENT_COL_BOOL;
        c->i = v != 0;
    }
}

void ent_table_null(ent_table *t)
{
    cell *c = add_cell(t);
    if (c)
        c->type = -1;
}

/* ------------------------------------------------------------------ writers */

/* Plain rendering of a cell (text, csv, markdown, latex before escaping). */
static const char *cell_str(const cell *c, char *buf, int fmt)
{
    switch (c->type) {
    case ENT_COL_STR:
        return c->s;
    case ENT_COL_NUM:
        return ent_fmt_num(buf, c->num);
    case ENT_COL_INT:
        snprintf(buf, 32, "%lld", c->i);
        return buf;
    case ENT_COL_BOOL:
        if (fmt == ENT_FMT_TEXT || fmt == ENT_FMT_MARKDOWN)
            return c->i ? "yes" : "no";
        return c->i ? "true" : "false";
    default:
        return fmt == ENT_FMT_TEXT || fmt == ENT_FMT_MARKDOWN ? "-" : "";
    }
}

/* Display width in characters (UTF-8 aware: counts code points). */
static size_t dwidth(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

static size_t table_rows(const ent_table *t) { return ent_table_nrows(t); }

/* ------------------------------------------------------------------ views */

/* 1 if `name` is in the comma-separated list. */
static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && !strncmp(p, name, n))
            return 1;
        p += len + (p[len] == ',');
    }
    return 0;
}

static int has_part(const ent_report *r, const char *name)
{
    for (size_t i = 0; i < r->nparts; i++)
        if (!strcmp(r->parts[i], name))
            return 1;
    return 0;
}

/* The resolved view of one write: which parts, explanations or not. */
typedef struct {
    int summary_only; /* only the summary part (and part-less items) */
    int no_summary;   /* every part but the summary */
    const char *sections;
    int explain;
    int kvs; /* the summary key/values under the title */
    int width;
    int *cuts; /* if set, counts the tables that had to be cut to fit the width */
} view;

static int item_visible(const item *it, const view *v)
{
    if (it->kind == IT_TABLE && (it->t->machine_only || (it->t->explanation && !v->explain)))
        return 0;
    if (v->sections)
        return it->part ? in_list(v->sections, it->part) : 0;
    if (v->summary_only)
        return !it->part || !strcmp(it->part, "summary");
    if (v->no_summary)
        return !it->part || strcmp(it->part, "summary");
    return 1;
}

/* Bytes of the longest prefix of s that is at most w characters wide. */
static size_t prefix_bytes(const char *s, size_t w)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == w)
                break;
            n++;
        }
        i++;
    }
    return i;
}

/* Write a prose line wrapped at spaces to `width` columns (0: whole). Continuation
 * lines are indented by `hang` columns; hang < 0 chooses it: the line's own indentation,
 * plus the width of a list marker ("- ", "* ", "12. ") when it starts with one. */
static void wrap_hang(FILE *f, const char *s, int width, int hang_in)
{
    size_t w = width > 0 ? (size_t)width : 0;
    if (!w || dwidth(s) <= w) {
        fprintf(f, "%s\n", s);
        return;
    }
    size_t ind = strspn(s, " ");
    size_t hang = ind;
    if ((s[ind] == '-' || s[ind] == '*') && s[ind + 1] == ' ')
        hang += 2;
    else {
        size_t d = strspn(s + ind, "0123456789");
        if (d > 0 && d < 4 && s[ind + d] == '.' && s[ind + d + 1] == ' ')
            hang += d + 2;
    }
    if (hang_in >= 0)
        hang = (size_t)hang_in;
    if (hang + 20 > w)
        hang = 0;
    const char *p = s;
    size_t lead = 0; /* indentation already written on this line */
    int first = 1;
    while (*p) {
        size_t room = w - lead;
        if (dwidth(p) <= room) {
            fprintf(f, "%s\n", p);
            return;
        }
        size_t cut = prefix_bytes(p, room);
        size_t brk = cut;
        while (brk > 0 && p[brk] != ' ')
            brk--;
        size_t skip = first ? ind : 0;
        if (brk <= skip) { /* one word longer than the line: break after it */
            brk = skip + strcspn(p + skip, " ");
            if (!p[brk]) {
                fprintf(f, "%s\n", p);
                return;
            }
        }
        size_t end = brk;
        while (end > skip && p[end - 1] == ' ') /* no trailing blanks */
            end--;
        fwrite(p, 1, end, f);
        fputc('\n', f);
        p += brk;
        while (*p == ' ')
            p++;
        if (!*p)
            return;
        pad(f, hang);
        lead = hang;
        first = 0;
    }
}

static void wrap_line(FILE *f, const char *s, int width) { wrap_hang(f, s, width, -1); }

/* One cell (or header) in a column `w` wide: cut with "…" when wider. */
static void put_cell(FILE *f, const char *s, size_t w, int right, int last)
{
    size_t x = dwidth(s);
    if (x > w) {
        fwrite(s, 1, prefix_bytes(s, w - 1), f);
        fputs("\xE2\x80\xA6", f);
        return;
    }
    if (right)
        pad(f, w - x);
    fputs(s, f);
    if (!right && !last)
        pad(f, w - x);
}

/* Columns [c0, c1) of a table (and column 0 first when c0 > 0, as the rows' key). */
static void text_table_block(const ent_table *t, FILE *f, const size_t *w, int c0, int c1)
{
    char buf[32];
    size_t nr = table_rows(t);
    int cols[2048], n = 0;
    if (c0 > 0)
        cols[n++] = 0;
    for (int c = c0; c < c1 && n < 2048; c++)
        cols[n++] = c;
    for (int k = 0; k < n; k++) {
        fputs("  ", f);
        put_cell(f, col_display(t, cols[k]), w[cols[k]], 0, k + 1 == n);
    }
    fputc('\n', f);
    for (int k = 0; k < n; k++) {
        fputs("  ", f);
        for (size_t j = 0; j < w[cols[k]]; j++)
            fputc('-', f);
    }
    fputc('\n', f);
    for (size_t r = 0; r < nr; r++) {
        size_t indent = 0;
        for (int k = 0; k < n; k++) {
            const cell *ce = &t->cells[r * (size_t)t->ncols + (size_t)cols[k]];
            const char *str = cell_str(ce, buf, ENT_FMT_TEXT);
            fputs("  ", f);
            indent += 2;
            if (k + 1 == n && ce->type == ENT_COL_STR && dwidth(str) > w[cols[k]]) {
                /* the last text column wraps at spaces under itself instead of being cut */
                const char *p = str;
                while (dwidth(p) > w[cols[k]]) {
                    size_t cut = prefix_bytes(p, w[cols[k]]), brk = cut;
                    while (brk > 0 && p[brk] != ' ')
                        brk--;
                    if (brk == 0)
                        break; /* a word wider than the column: cut below */
                    fwrite(p, 1, brk, f);
                    fputc('\n', f);
                    pad(f, indent);
                    p += brk;
                    while (*p == ' ')
                        p++;
                }
                put_cell(f, p, w[cols[k]], 0, 1);
                break;
            }
            put_cell(f, str, w[cols[k]], ce->type == ENT_COL_NUM || ce->type == ENT_COL_INT, k + 1 == n);
            indent += w[cols[k]];
        }
        fputc('\n', f);
    }
}

/* A table in aligned columns. With width > 0 it never runs past `width`: the widest
 * text columns are narrowed (cells cut with "…", down to 12 characters), then the
 * columns are written in blocks that fit, each repeating the first column. */
static void write_text_table(const ent_table *t, FILE *f, int width, int *cuts)
{
    size_t nr = table_rows(t);
    size_t *w = (size_t *)calloc((size_t)t->ncols + 1, sizeof(size_t));
    char buf[32];
    if (!w)
        return;
    for (int c = 0; c < t->ncols; c++)
        w[c] = dwidth(col_display(t, c));
    for (size_t r = 0; r < nr; r++)
        for (int c = 0; c < t->ncols; c++) {
            size_t x = dwidth(cell_str(&t->cells[r * (size_t)t->ncols + (size_t)c], buf, ENT_FMT_TEXT));
            if (x > w[c])
                w[c] = x;
        }
    if (t->caption[0])
        wrap_line(f, t->caption, width);
    int cut = 0;
    if (width > 0) {
        const size_t minw = 12;
        size_t total = 0;
        for (int c = 0; c < t->ncols; c++)
            total += 2 + w[c];
        /* the last column, when it holds text, wraps: narrowed down to 24 without cuts */
        int lastc = t->ncols - 1;
        if (lastc >= 0 && t->coltype[lastc] == ENT_COL_STR)
            while (total > (size_t)width && w[lastc] > 24 && w[lastc] > dwidth(col_display(t, lastc))) {
                w[lastc]--;
                total--;
            }
        while (total > (size_t)width) { /* narrow the widest text column by one */
            int best = -1;
            for (int c = 0; c < t->ncols; c++)
                if (t->coltype[c] == ENT_COL_STR && w[c] > minw && (best < 0 || w[c] > w[best]))
                    best = c;
            if (best < 0)
                break;
            w[best]--;
            total--;
            cut = 1;
        }
    }
    if (width <= 0 || t->ncols == 0) {
        text_table_block(t, f, w, 0, t->ncols);
    } else {
        int c0 = 0;
        while (c0 < t->ncols) {
            size_t used = c0 > 0 ? 2 + w[0] : 0;
            int c1 = c0;
            while (c1 < t->ncols && (c1 == c0 || used + 2 + w[c1] <= (size_t)width))
                used += 2 + w[c1++];
            if (c0 > 0)
                fputc('\n', f);
            text_table_block(t, f, w, c0, c1);
            c0 = c1;
        }
    }
    if (nr == 0)
        fputs("  (none)\n", f);
    if (cut && cuts)
        (*cuts)++;
    if (cut)
        wrap_line(f, "  (cells ending in \xE2\x80\xA6 are cut to fit; --width 0, CSV or JSON show them whole)",
                  width);
    free(w);
}

/* The provenance under a rule: "key: value", short entries packed several to a line
 * ("; " between them) when a width is set, long ones on lines of their own. */
static void write_text_provenance(const ent_report *r, FILE *f, int width)
{
    if (!r->nprov)
        return;
    fputs("\n--\n", f);
    size_t used = 0; /* characters on the current packed line, 0 = none open */
    for (size_t i = 0; i < r->nprov; i++) {
        size_t len = strlen(r->prov[i].key) + strlen(r->prov[i].v.s) + 3;
        char *entry = (char *)malloc(len);
        if (!entry)
            continue;
        snprintf(entry, len, "%s: %s", r->prov[i].key, r->prov[i].v.s);
        size_t w = dwidth(entry);
        if (width > 0 && w <= (size_t)width / 2) {
            if (used && used + 2 + w <= (size_t)width) {
                fprintf(f, "; %s", entry);
                used += 2 + w;
            } else {
                fprintf(f, "%s%s", used ? "\n" : "", entry);
                used = w;
            }
        } else {
            if (used)
                fputc('\n', f);
            used = 0;
            size_t kl = dwidth(r->prov[i].key) + 2;
            wrap_hang(f, entry, width, kl < 24 ? (int)kl : 4);
        }
        free(entry);
    }
    if (used)
        fputc('\n', f);
}

static int part_has_items(const ent_report *r, const char *part)
{
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].part && !strcmp(r->items[i].part, part))
            return 1;
    return 0;
}

/* A note under the summary naming the parts left out, so a reader knows what exists. */
static void write_text_more(const ent_report *r, FILE *f, const view *v)
{
    if (!v->summary_only)
        return;
    char line[1024];
    size_t len = (size_t)snprintf(line, sizeof line, "More: --detail, or --sections LIST of ");
    int n = 0;
    for (size_t i = 0; i < r->nparts && len < sizeof line; i++)
        if (strcmp(r->parts[i], "summary") && part_has_items(r, r->parts[i]))
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", n++ ? ", " : "",
                                    r->parts[i]);
    if (len < sizeof line)
        snprintf(line + len, sizeof line - len, "%s", "; --explain adds the long explanations.");
    if (n)
        wrap_line(f, line, v->width);
}

static void write_text(const ent_report *r, FILE *f, const view *v)
{
    char buf[32];
    if (r->title[0]) {
        wrap_line(f, r->title, v->width);
        size_t tw = dwidth(r->title);
        if (v->width > 0 && tw > (size_t)v->width)
            tw = (size_t)v->width;
        for (size_t i = tw; i > 0; i--)
            fputc('=', f);
        fputc('\n', f);
    }
    size_t kw = 0;
    for (size_t i = 0; v->kvs && i < r->nkv; i++)
        if (dwidth(r->kvs[i].key) > kw)
            kw = dwidth(r->kvs[i].key);
    for (size_t i = 0; v->kvs && i < r->nkv; i++) {
        const char *val = cell_str(&r->kvs[i].v, buf, ENT_FMT_TEXT);
        size_t len = kw + strlen(val) + 4;
        char *line = (char *)malloc(len);
        if (!line)
            continue;
        snprintf(line, len, "%s:%*s%s", r->kvs[i].key, (int)(kw - dwidth(r->kvs[i].key) + 1), "", val);
        wrap_hang(f, line, v->width, kw + 2 < 30 ? (int)kw + 2 : 4);
        free(line);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const item *it = &r->items[i];
        if (!item_visible(it, v)) {
            /* a hidden explanation table is named, so a reader knows it exists */
            view shown = *v;
            shown.explain = 1;
            if (it->kind == IT_TABLE && it->t->explanation && item_visible(it, &shown)) {
                char line[256];
                snprintf(line, sizeof line, "(%zu explanations in table '%s': --explain shows them)",
                         table_rows(it->t), it->t->name);
                wrap_line(f, line, v->width);
            }
            continue;
        }
        if (it->kind == IT_SECTION) {
            fputc('\n', f);
            wrap_line(f, it->s, v->width);
            size_t sw = dwidth(it->s);
            if (v->width > 0 && sw > (size_t)v->width)
                sw = (size_t)v->width;
            for (size_t k = sw; k > 0; k--)
                fputc('-', f);
            fputc('\n', f);
        } else if (it->kind == IT_TEXT) {
            wrap_line(f, it->s, v->width);
        } else {
            fputc('\n', f);
            write_text_table(it->t, f, v->width, v->cuts);
        }
    }
    write_text_more(r, f, v);
    write_text_provenance(r, f, v->width);
}

static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_csv(const ent_table *t, FILE *f)
{
    char buf[32];
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', f);
        csv_field(f, t->colname[c]);
    }
    fputc('\n', f);
    size_t nr = table_rows(t);
    for (size_t r = 0; r < nr; r++) {
        for (int c = 0; c < t->ncols; c++) {
            if (c)
                fputc(',', f);
            csv_field(f, cell_str(&t->cells[r * (size_t)t->ncols + (size_t)c], buf, ENT_FMT_CSV));
        }
        fputc('\n', f);
    }
}

static json_t *cell_json(const cell *c)
{
    char buf[32];
    switch (c->type) {
    case ENT_COL_STR:
        return json_string(c->s);
    case ENT_COL_NUM:
        if (!isfinite(c->num))
            return json_null();
        /* the shared formatter decides the digits; jansson re-prints them (an integer
         * too large for 12 digits as a JSON integer, so it is exact there too) */
        if (ent_fmt_digits() >= 12 && fabs(c->num) >= 1e12 && fabs(c->num) <= 9007199254740992.0 &&
            c->num == floor(c->num))
            return json_integer((json_int_t)c->num);
        return json_real(strtod(ent_fmt_num(buf, c->num), NULL));
    case ENT_COL_INT:
        return json_integer(c->i);
    case ENT_COL_BOOL:
        return json_boolean(c->i);
    default:
        return json_null();
    }
}

/* Set a member without ever replacing one: a key already present gets the suffix ~2, ~3,
 * ... (the first free one). Steals val. */
static void json_set_unique(json_t *o, const char *key, json_t *val)
{
    if (!json_object_get(o, key)) {
        json_object_set_new(o, key, val);
        return;
    }
    size_t len = strlen(key) + 24;
    char *k = (char *)malloc(len);
    if (!k) {
        json_decref(val);
        return;
    }
    for (int i = 2;; i++) {
        snprintf(k, len, "%s~%d", key, i);
        if (!json_object_get(o, k))
            break;
    }
    json_object_set_new(o, k, val);
    free(k);
}

static int write_json(const ent_report *r, FILE *f)
{
    json_t *root = json_object();
    json_t *notes = json_array();
    int bad = !root || !notes;
    if (!bad) {
        json_object_set_new(root, "title", json_string(r->title));
        for (size_t i = 0; i < r->nkv; i++)
            json_set_unique(root, r->kvs[i].key, cell_json(&r->kvs[i].v));
        for (size_t i = 0; i < r->nitems; i++) {
            const item *it = &r->items[i];
            if (it->kind == IT_TEXT) {
                json_array_append_new(notes, json_string(it->s));
            } else if (it->kind == IT_TABLE) {
                const ent_table *t = it->t;
                json_t *arr = json_array();
                size_t nr = table_rows(t);
                for (size_t k = 0; arr && k < nr; k++) {
                    json_t *o = json_object();
                    for (int c = 0; o && c < t->ncols; c++)
                        json_set_unique(o, t->colname[c],
                                        cell_json(&t->cells[k * (size_t)t->ncols + (size_t)c]));
                    json_array_append_new(arr, o);
                }
                json_set_unique(root, t->name, arr);
            }
        }
        json_set_unique(root, "notes", notes);
        notes = NULL;
        if (r->nprov) {
            json_t *prov = json_object();
            for (size_t i = 0; prov && i < r->nprov; i++)
                json_set_unique(prov, r->prov[i].key, json_string(r->prov[i].v.s));
            json_set_unique(root, "provenance", prov);
        }
        bad = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(ent_fmt_digits())) != 0;
        fputc('\n', f);
    }
    json_decref(notes);
    json_decref(root);
    return bad ? ENT_ENOMEM : ENT_OK;
}

static void md_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

/* One Markdown pipe table: the caption in italics, a header, one row per entry; every
 * row has the header's column count and '|' in a cell is escaped. */
static void write_md_table(const ent_table *t, FILE *f)
{
    char buf[32];
    fputc('\n', f);
    if (t->caption[0]) {
        fputc('*', f);
        md_escape(f, t->caption);
        fputs("*\n\n", f);
    }
    fputc('|', f);
    for (int c = 0; c < t->ncols; c++) {
        fputc(' ', f);
        md_escape(f, col_display(t, c));
        fputs(" |", f);
    }
    fputs("\n|", f);
    for (int c = 0; c < t->ncols; c++)
        fputs(t->coltype[c] == ENT_COL_NUM || t->coltype[c] == ENT_COL_INT ? " ---: |" : " --- |", f);
    fputc('\n', f);
    size_t nr = table_rows(t);
    for (size_t k = 0; k < nr; k++) {
        fputc('|', f);
        for (int c = 0; c < t->ncols; c++) {
            fputc(' ', f);
            md_escape(f, cell_str(&t->cells[k * (size_t)t->ncols + (size_t)c], buf, ENT_FMT_MARKDOWN));
            fputs(" |", f);
        }
        fputc('\n', f);
    }
}

static void write_markdown(const ent_report *r, FILE *f, const view *v)
{
    char buf[32];
    if (r->title[0]) {
        fputs("# ", f);
        md_escape(f, r->title);
        fputs("\n\n", f);
    }
    for (size_t i = 0; v->kvs && i < r->nkv; i++) {
        fprintf(f, "- **%s**: ", r->kvs[i].key);
        md_escape(f, cell_str(&r->kvs[i].v, buf, ENT_FMT_MARKDOWN));
        fputc('\n', f);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const item *it = &r->items[i];
        if (!item_visible(it, v))
            continue;
        if (it->kind == IT_SECTION) {
            fputs("\n## ", f);
            md_escape(f, it->s);
            fputc('\n', f);
        } else if (it->kind == IT_TEXT) {
            fputc('\n', f);
            md_escape(f, it->s);
            fputc('\n', f);
        } else {
            write_md_table(it->t, f);
        }
    }
    if (r->nprov) {
        fputs("\n---\n\n", f);
        for (size_t k = 0; k < r->nprov; k++) {
            fprintf(f, "- %s: ", r->prov[k].key);
            md_escape(f, r->prov[k].v.s);
            fputc('\n', f);
        }
    }
}

/* UTF-8 letters as LaTeX accent or text commands, so a label compiles with pdflatex
 * whatever the document's input encoding (with T1 font encoding for the Icelandic and
 * guillemet letters): Latin-1, the Central European letters of Latin Extended-A, dashes,
 * quotes and a few symbols; any other code point becomes "?". */
static const char *const latin1_tex[96] = {
    "~", "!`", "\\textcent{}", "\\pounds{}", "\\textcurrency{}", "\\textyen{}", "\\textbrokenbar{}",
    "\\S{}", "\\\"{}", "\\copyright{}", "\\textordfeminine{}", "\\guillemotleft{}", "$\\neg$", "-",
    "\\textregistered{}", "\\={}", "\\textdegree{}", "$\\pm$", "$^2$", "$^3$", "\\'{}", "$\\mu$",
    "\\P{}", "\\textperiodcentered{}", "\\c{}", "$^1$", "\\textordmasculine{}",
    "\\guillemotright{}", "\\textonequarter{}", "\\textonehalf{}", "\\textthreequarters{}", "?`",
    "\\`{A}", "\\'{A}", "\\^{A}", "\\~{A}", "\\\"{A}", "\\AA{}", "\\AE{}", "\\c{C}", "\\`{E}", "\\'{E}",
    "\\^{E}", "\\\"{E}", "\\`{I}", "\\'{I}", "\\^{I}", "\\\"{I}", "\\DH{}", "\\~{N}", "\\`{O}", "\\'{O}",
    "\\^{O}", "\\~{O}", "\\\"{O}", "$\\times$", "\\O{}", "\\`{U}", "\\'{U}", "\\^{U}", "\\\"{U}",
    "\\'{Y}", "\\TH{}", "\\ss{}", "\\`{a}", "\\'{a}", "\\^{a}", "\\~{a}", "\\\"{a}", "\\aa{}", "\\ae{}",
    "\\c{c}", "\\`{e}", "\\'{e}", "\\^{e}", "\\\"{e}", "\\`{\\i}", "\\'{\\i}", "\\^{\\i}", "\\\"{\\i}",
    "\\dh{}", "\\~{n}", "\\`{o}", "\\'{o}", "\\^{o}", "\\~{o}", "\\\"{o}", "$\\div$", "\\o{}", "\\`{u}",
    "\\'{u}", "\\^{u}", "\\\"{u}", "\\'{y}", "\\th{}", "\\\"{y}"};

static const struct {
    unsigned cp;
    const char *tex;
} other_tex[] = {
    {0x106, "\\'{C}"}, {0x107, "\\'{c}"}, {0x10C, "\\v{C}"}, {0x10D, "\\v{c}"}, {0x118, "\\k{E}"},
    {0x119, "\\k{e}"}, {0x11A, "\\v{E}"}, {0x11B, "\\v{e}"}, {0x141, "\\L{}"}, {0x142, "\\l{}"},
    {0x143, "\\'{N}"}, {0x144, "\\'{n}"}, {0x150, "\\H{O}"}, {0x151, "\\H{o}"}, {0x152, "\\OE{}"},
    {0x153, "\\oe{}"}, {0x158, "\\v{R}"}, {0x159, "\\v{r}"}, {0x15A, "\\'{S}"}, {0x15B, "\\'{s}"},
    {0x15E, "\\c{S}"}, {0x15F, "\\c{s}"}, {0x160, "\\v{S}"}, {0x161, "\\v{s}"}, {0x16E, "\\r{U}"},
    {0x16F, "\\r{u}"}, {0x170, "\\H{U}"}, {0x171, "\\H{u}"}, {0x179, "\\'{Z}"}, {0x17A, "\\'{z}"},
    {0x17B, "\\.{Z}"}, {0x17C, "\\.{z}"}, {0x17D, "\\v{Z}"}, {0x17E, "\\v{z}"}, {0x2013, "--"},
    {0x2014, "---"}, {0x2018, "`"}, {0x2019, "'"}, {0x201C, "``"}, {0x201D, "''"}, {0x2026, "\\ldots{}"},
    {0x2022, "\\textbullet{}"}, {0x20AC, "EUR"}, {0x2192, "$\\rightarrow$"}, {0x2212, "$-$"},
    {0x2248, "$\\approx$"}, {0x2260, "$\\neq$"}, {0x2264, "$\\leq$"}, {0x2265, "$\\geq$"},
    {0x221E, "$\\infty$"}, {0x2713, "$\\surd$"}, {0x2714, "$\\surd$"}, {0x2717, "$\\times$"},
    {0x2718, "$\\times$"}};

/* Decode one UTF-8 sequence at s: the code point, or 0xFFFD for a malformed one;
 * *len = bytes consumed (at least 1). */
static unsigned utf8_next(const unsigned char *s, int *len)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) {
        *len = 1;
        return 0xFFFD;
    }
    unsigned cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *len = k;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[k] & 0x3F);
    }
    *len = n;
    return cp;
}

static void tex_escape(FILE *f, const char *s)
{
    while (*s) {
        if ((unsigned char)*s >= 0x80) {
            int len;
            unsigned cp = utf8_next((const unsigned char *)s, &len);
            s += len;
            const char *tex = NULL;
            if (cp >= 0xA0 && cp <= 0xFF)
                tex = latin1_tex[cp - 0xA0];
            for (size_t k = 0; !tex && k < sizeof other_tex / sizeof other_tex[0]; k++)
                if (other_tex[k].cp == cp)
                    tex = other_tex[k].tex;
            if (tex && tex[0] == '$') /* math in braces: "$a$$b$" would open display math */
                fprintf(f, "{%s}", tex);
            else
                fputs(tex ? tex : "?", f);
            continue;
        }
        switch (*s) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fputc('\\', f);
            fputc(*s, f);
            break;
        case '~':
            fputs("\\textasciitilde{}", f);
            break;
        case '|':
            fputs("\\textbar{}", f);
            break;
        case '<':
            fputs("\\textless{}", f);
            break;
        case '>':
            fputs("\\textgreater{}", f);
            break;
        case '^':
            fputs("\\textasciicircum{}", f);
            break;
        case '\\':
            fputs("\\textbackslash{}", f);
            break;
        case '\n':
        case '\r':
        case '\t':
            fputc(' ', f);
            break;
        default:
            if ((unsigned char)*s >= 0x20 && *s != 0x7F)
                fputc(*s, f);
        }
        s++;
    }
}

/* One LaTeX booktabs table: caption, label tab:NAME (letters, digits, '-', ':', '_'
 * kept, others as '-'), numeric columns right-aligned. */
static void write_latex_table(const ent_table *t, FILE *f)
{
    char buf[32];
    fputs("\n\\begin{table}[htbp]\n\\centering\n", f);
    if (t->caption[0]) {
        fputs("\\caption{", f);
        tex_escape(f, t->caption);
        fputs("}\n", f);
    }
    fputs("\\label{tab:", f);
    for (const char *p = t->name; *p; p++)
        fputc(isalnum((unsigned char)*p) || *p == '_' || *p == ':' ? *p : '-', f);
    fputs("}\n\\begin{tabular}{", f);
    for (int c = 0; c < t->ncols; c++)
        fputc(t->coltype[c] == ENT_COL_NUM || t->coltype[c] == ENT_COL_INT ? 'r' : 'l', f);
    fputs("}\n\\toprule\n", f);
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            fputs(" & ", f);
        tex_escape(f, col_display(t, c));
    }
    fputs(" \\\\\n\\midrule\n", f);
    size_t nr = table_rows(t);
    for (size_t k = 0; k < nr; k++) {
        for (int c = 0; c < t->ncols; c++) {
            if (c)
                fputs(" & ", f);
            tex_escape(f, cell_str(&t->cells[k * (size_t)t->ncols + (size_t)c], buf, ENT_FMT_LATEX));
        }
        fputs(" \\\\\n", f);
    }
    fputs("\\bottomrule\n\\end{tabular}\n\\end{table}\n", f);
}

static void write_latex(const ent_report *r, FILE *f, const view *v)
{
    char buf[32];
    fputs("% entente report; needs \\usepackage{booktabs} (and [T1]{fontenc} for some letters)\n", f);
    for (size_t k = 0; k < r->nprov; k++) { /* provenance as comments, one per line */
        fprintf(f, "%% %s: ", r->prov[k].key);
        for (const char *c = r->prov[k].v.s; *c; c++)
            fputc(*c == '\n' ? ' ' : *c, f);
        fputc('\n', f);
    }
    if (r->title[0]) {
        fputs("\\section*{", f);
        tex_escape(f, r->title);
        fputs("}\n", f);
    }
    if (r->nkv && v->kvs) {
        fputs("\\begin{description}\n", f);
        for (size_t i = 0; i < r->nkv; i++) {
            fputs("  \\item[", f);
            tex_escape(f, r->kvs[i].key);
            fputs("] ", f);
            tex_escape(f, cell_str(&r->kvs[i].v, buf, ENT_FMT_LATEX));
            fputc('\n', f);
        }
        fputs("\\end{description}\n", f);
    }
    for (size_t i = 0; i < r->nitems; i++) {
        const item *it = &r->items[i];
        if (!item_visible(it, v))
            continue;
        if (it->kind == IT_SECTION) {
            fputs("\n\\subsection*{", f);
            tex_escape(f, it->s);
            fputs("}\n", f);
        } else if (it->kind == IT_TEXT) {
            fputc('\n', f);
            tex_escape(f, it->s);
            fputc('\n', f);
        } else {
            write_latex_table(it->t, f);
        }
    }
}

void ent_write_opts_init(ent_write_opts *o)
{
    memset(o, 0, sizeof *o);
    o->view = ENT_VIEW_DETAIL;
    o->explain = 1;
}

/* Lines and widest line of the detail text (without the summary part), to decide
 * ENT_VIEW_AUTO. */
static void measure_detail(const ent_report *r, const view *v, size_t *lines, size_t *widest)
{
    char *buf = NULL;
    size_t len = 0;
    *lines = (size_t)-1;
    *widest = (size_t)-1;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return;
    write_text(r, m, v);
    if (fclose(m) != 0 || !buf) {
        free(buf);
        return;
    }
    *lines = 0;
    *widest = 0;
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char save = p[n];
        p[n] = '\0';
        size_t w = dwidth(p);
        p[n] = save;
        if (w > *widest)
            *widest = w;
        (*lines)++;
        p += n + (nl != NULL);
    }
    free(buf);
}

int ent_report_write_opts(const ent_report *r, FILE *f, ent_format fmt, const char *csv_table,
                          const ent_write_opts *o)
{
    ent_write_opts dflt;
    if (!o) {
        ent_write_opts_init(&dflt);
        o = &dflt;
    }
    if (r->status)
        return r->status;
    for (size_t i = 0; i < r->nitems; i++) /* a row left half-filled is a builder bug */
        if (r->items[i].kind == IT_TABLE && r->items[i].t->ncols &&
            r->items[i].t->ncells % (size_t)r->items[i].t->ncols)
            return ENT_EINVAL;
    if (o->sections) /* every named part must exist */
        for (const char *p = o->sections; *p;) {
            size_t n = strcspn(p, ",");
            int found = 0;
            for (size_t k = 0; k < r->nparts && !found; k++)
                found = strlen(r->parts[k]) == n && !strncmp(r->parts[k], p, n);
            if (!found)
                return ENT_ENOTFOUND;
            p += n + (p[n] == ',');
        }
    view v = {.summary_only = 0, .sections = o->sections, .explain = o->explain, .kvs = 1,
              .width = o->width};
    if (!o->sections && o->view != ENT_VIEW_DETAIL && has_part(r, "summary")) {
        int summary = o->view == ENT_VIEW_SUMMARY;
        if (o->view == ENT_VIEW_AUTO) {
            /* the detail without the summary (which would only repeat a short report) */
            view d = v;
            d.no_summary = 1;
            int cuts = 0; /* a detail whose tables only fit when cut is not a fit */
            d.cuts = &cuts;
            size_t lines, widest;
            measure_detail(r, &d, &lines, &widest);
            size_t maxl = o->max_lines > 0 ? (size_t)o->max_lines : 60;
            summary = lines > maxl || cuts > 0 || (o->width > 0 && widest > (size_t)o->width);
            v.no_summary = !summary;
        }
        if (summary) {
            v.summary_only = 1;
            v.kvs = 0;
        }
    }
    int rc = ENT_OK;
    switch (fmt) {
    case ENT_FMT_TEXT:
        write_text(r, f, &v);
        break;
    case ENT_FMT_CSV: {
        const char *name = csv_table ? csv_table : ent_report_primary_table(r);
        const ent_table *t = name ? ent_report_find_table(r, name) : NULL;
        for (size_t i = 0; !t && i < r->nitems; i++)
            if (r->items[i].kind == IT_TABLE)
                t = r->items[i].t;
        if (!t)
            return ENT_ENOTFOUND;
        write_csv(t, f);
        break;
    }
    case ENT_FMT_JSON:
        rc = write_json(r, f);
        break;
    case ENT_FMT_MARKDOWN:
        write_markdown(r, f, &v);
        break;
    case ENT_FMT_LATEX:
        write_latex(r, f, &v);
        break;
    default:
        return ENT_EINVAL;
    }
    if (rc == ENT_OK && ferror(f))
        rc = ENT_EIO;
    return rc;
}

int ent_report_write(const ent_report *r, FILE *f, ent_format fmt, const char *csv_table)
{
    return ent_report_write_opts(r, f, fmt, csv_table, NULL);
}

void ent_report_set_primary_table(ent_report *r, const char *name)
{
    if (!r)
        return;
    char *copy = name ? ent_strdup(name) : NULL;
    if (name && !copy) {
        if (!r->status)
            r->status = ENT_ENOMEM;
        return;
    }
    free(r->primary);
    r->primary = copy;
}

const char *ent_report_primary_table(const ent_report *r)
{
    if (r->primary && ent_report_find_table(r, r->primary))
        return r->primary;
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].kind == IT_TABLE)
            return r->items[i].t->name;
    return NULL;
}

int ent_report_write_string(const ent_report *r, ent_format fmt, const char *csv_table,
                            char **out)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return ENT_ENOMEM;
    int rc = ent_report_write(r, f, fmt, csv_table);
    if (fclose(f) != 0 && rc == ENT_OK)
        rc = ENT_ENOMEM;
    if (rc != ENT_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    return ENT_OK;
}

void ent_free(void *p) { free(p); }

/* ------------------------------------------------------------ read access */

size_t ent_report_nkv(const ent_report *r) { return r->nkv; }

const char *ent_report_kv_get(const ent_report *r, size_t i, const char **key, char buf[32])
{
    if (i >= r->nkv)
        return NULL;
    if (key)
        *key = r->kvs[i].key;
    return cell_str(&r->kvs[i].v, buf, ENT_FMT_TEXT);
}

size_t ent_report_nitems(const ent_report *r) { return r->nitems; }

int ent_report_item(const ent_report *r, size_t i, const char **text, ent_table **table)
{
    if (text)
        *text = NULL;
    if (table)
        *table = NULL;
    if (i >= r->nitems)
        return -1;
    const item *it = &r->items[i];
    if (it->kind == IT_TABLE) {
        if (table)
            *table = it->t;
        return ENT_ITEM_TABLE;
    }
    if (text)
        *text = it->s;
    return it->kind == IT_SECTION ? ENT_ITEM_SECTION : ENT_ITEM_TEXT;
}

const char *ent_table_cell_text(const ent_table *t, size_t row, int c, char buf[32])
{
    const cell *ce = cell_at(t, row, c);
    return ce ? cell_str(ce, buf, ENT_FMT_CSV) : "";
}

/* JSON of one table: {"name", "caption", "columns": [{"name", "type"}], "rows": [{...}]}
 * (report/table.schema.json). */
static int write_table_json(const ent_table *t, FILE *f)
{
    static const char *const tname[] = {"string", "number", "integer", "boolean"};
    json_t *root = json_object(), *cols = json_array(), *rows = json_array();
    int bad = !root || !cols || !rows;
    if (!bad) {
        json_object_set_new(root, "name", json_string(t->name));
        json_object_set_new(root, "caption", json_string(t->caption));
        for (int c = 0; c < t->ncols; c++) {
            json_t *o = json_object();
            json_object_set_new(o, "name", json_string(t->colname[c]));
            json_object_set_new(o, "type", json_string(tname[t->coltype[c]]));
            json_array_append_new(cols, o);
        }
        size_t nr = table_rows(t);
        for (size_t k = 0; k < nr; k++) {
            json_t *o = json_object();
            for (int c = 0; o && c < t->ncols; c++)
                json_object_set_new(o, t->colname[c], cell_json(&t->cells[k * (size_t)t->ncols + (size_t)c]));
            json_array_append_new(rows, o);
        }
        json_object_set(root, "columns", cols);
        json_object_set(root, "rows", rows);
        bad = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(ent_fmt_digits())) != 0;
        fputc('\n', f);
    }
    json_decref(cols);
    json_decref(rows);
    json_decref(root);
    return bad ? ENT_ENOMEM : ENT_OK;
}

int ent_table_write(const ent_table *t, FILE *f, ent_format fmt)
{
    if (!t->name)
        return ENT_EINVAL;
    if (t->owner->status)
        return t->owner->status;
    if (t->ncols && t->ncells % (size_t)t->ncols)
        return ENT_EINVAL;
    int rc = ENT_OK;
    switch (fmt) {
    case ENT_FMT_TEXT:
        write_text_table(t, f, 0, NULL);
        break;
    case ENT_FMT_CSV:
        write_csv(t, f);
        break;
    case ENT_FMT_JSON:
        rc = write_table_json(t, f);
        break;
    case ENT_FMT_MARKDOWN:
        write_md_table(t, f);
        break;
    case ENT_FMT_LATEX:
        fputs("% entente table; needs \\usepackage{booktabs} (and [T1]{fontenc} for some letters)\n", f);
        write_latex_table(t, f);
        break;
    default:
        return ENT_EINVAL;
    }
    if (rc == ENT_OK && ferror(f))
        rc = ENT_EIO;
    return rc;
}
