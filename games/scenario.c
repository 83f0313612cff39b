/* scenario.c — the scenario loader: reads a libconfig file (with @include), checks every
 * name and number with a "file:line: ..." message, compiles the expressions once and
 * builds the actors' strategy sets. The format is documented in configs/README.md. */
#include "scenario_int.h"
#include "util.h"
#include "scenario_bargaining.h"

#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SC_MAX_INCLUDE_DEPTH 8

/* Where each line of the flattened scenario text came from (see flatten()). */
typedef struct {
    const char *file; /* interned in the scenario */
    int line;
} src_line;

typedef struct {
    ent_scenario *s;
    ent_error *err;
    ent_expr_syms sy;
    const src_line *map; /* [nmap], index = line of the flattened text - 1 */
    int nmap;
    int *param_order;    /* parameter indices sorted by name, for sy.param_order */
} loader;

void ent_scenario_opts_init(ent_scenario_opts *o)
{
    ent_game_opts g;
    ent_game_opts_init(&g);
    o->mem_limit = g.mem_limit;
}

/* Interned copy of a file name reported by libconfig (expressions borrow it). */
static const char *intern_file(ent_scenario *s, const char *f)
{
    if (!f)
        return s->path;
    for (int i = 0; i < s->nfiles; i++)
        if (!strcmp(s->files[i], f))
            return s->files[i];
    char **nf = realloc(s->files, sizeof(char *) * (size_t)(s->nfiles + 1));
    if (!nf)
        return s->path;
    s->files = nf;
    char *d = ent_strdup(f);
    if (!d)
        return s->path;
    s->files[s->nfiles++] = d;
    return d;
}

static const char *sfile(loader *L, const config_setting_t *st)
{
    int ln = (int)config_setting_source_line(st);
    if (ln >= 1 && ln <= L->nmap)
        return L->map[ln - 1].file;
    return L->s->path;
}

/* the setting's line in the file it came from (0 for the root setting) */
static int sline_of(const loader *L, const config_setting_t *st)
{
    int ln = (int)config_setting_source_line(st);
    return ln >= 1 && ln <= L->nmap ? L->map[ln - 1].line : ln;
}
#define sline(st) sline_of(L, (st))

static int fail(loader *L, const config_setting_t *st, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(loader *L, const config_setting_t *st, int status, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sline(st) <= 0) /* the root setting has no line */
        return ent_error_set(L->err, status, "%s: %s", sfile(L, st), msg);
    return ent_error_set(L->err, status, "%s:%d: %s", sfile(L, st), sline(st), msg);
}

/* The bargaining block's error callback (scenario_bargaining.c). */
static int bargaining_fail(void *L, const config_setting_t *st, int status, const char *msg)
{
    return fail((loader *)L, st, status, "%s", msg);
}

static int is_ident(const char *t)
{
    if (!t || !((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || *t == '_'))
        return 0;
    for (t++; *t; t++)
        if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') ||
              *t == '_'))
            return 0;
    return 1;
}

static int is_reserved(const char *t)
{
    static const char *const r[] = {"min", "max", "abs", "exp", "log", "sqrt", "sum", "count",
                                    "member", "inside", "value"};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (!strcmp(r[i], t))
            return 1;
    return 0;
}

static int is_number(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static int is_seq(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_LIST || t == CONFIG_TYPE_ARRAY;
}

static int get_num(loader *L, const config_setting_t *st, const char *what, double *v)
{
    if (!is_number(st))
        return fail(L, st, ENT_EPARSE, "%s must be a number", what);
    *v = config_setting_get_float(st);
    if (!isfinite(*v))
        return fail(L, st, ENT_EPARSE, "%s must be finite", what);
    return ENT_OK;
}

static int get_str(loader *L, const config_setting_t *st, const char *what, const char **v)
{
    *v = config_setting_get_string(st);
    if (!*v)
        return fail(L, st, ENT_EPARSE, "%s must be a string", what);
    return ENT_OK;
}

/* Check that every member of group `g` is one of `keys` (NULL-terminated). */
static int check_keys(loader *L, const config_setting_t *g, const char *where,
                      const char *const *keys)
{
    int n = config_setting_length(g), nk = 0;
    while (keys[nk])
        nk++;
    for (int i = 0; i < n; i++) {
        config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *nm = config_setting_name(m);
        int ok = 0;
        for (int k = 0; k < nk; k++)
            ok |= !strcmp(nm, keys[k]);
        if (!ok) {
            const char *near = ent_expr_nearest(nm, strlen(nm), keys, nk);
            char sg[128] = "";
            if (near)
                snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
            return fail(L, m, ENT_EPARSE, "unknown setting '%s' in %s%s", nm, where, sg);
        }
    }
    return ENT_OK;
}

/* ------------------------------------------------------------ @include cycles */

static char *dir_of(const char *path)
{
    const char *sl = strrchr(path, '/');
    if (!sl)
        return ent_strdup(".");
    size_t n = (size_t)(sl - path);
    if (n == 0)
        n = 1;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

static int file_size_ok(const char *shown, const char *path, ent_error *err)
{
    struct stat stt;
    if (stat(path, &stt) != 0)
        return ent_error_set(err, ENT_EIO, "%s: cannot open the file", shown);
    if (!S_ISREG(stt.st_mode))
        return ent_error_set(err, ENT_EIO, "%s: not a regular file", shown);
    if ((unsigned long long)stt.st_size > SC_MAX_FILE_BYTES)
        return ent_error_set(err, ENT_ETOOBIG, "%s: file of %llu bytes; scenario files are limited to %u bytes",
                             shown, (unsigned long long)stt.st_size, SC_MAX_FILE_BYTES);
    return ENT_OK;
}

/* libconfig 1.5 resolves `@include "x"` against one include directory and does not
 * detect cycles. The loader therefore inlines includes itself: each `@include "x"` line
 * is replaced by the text of x, resolved against the folder of the file that includes
 * it, after checking for cycles, depth and size; a line map keeps every line's file and
 * line for messages. The result is parsed with config_read_string. */
typedef struct {
    ent_buf text;
    src_line *map;
    int nmap, cap;
} flat;

static int flat_line(flat *F, ent_scenario *s, const char *file, int line, const char *txt,
                     size_t n)
{
    if (F->nmap == F->cap) {
        int nc = F->cap ? 2 * F->cap : 256;
        src_line *m = realloc(F->map, sizeof(src_line) * (size_t)nc);
        if (!m)
            return ENT_ENOMEM;
        F->map = m;
        F->cap = nc;
    }
    F->map[F->nmap].file = intern_file(s, file);
    F->map[F->nmap].line = line;
    F->nmap++;
    if (ent_buf_reserve(&F->text, n + 1)) {
        memcpy(F->text.data + F->text.len, txt, n);
        F->text.len += n;
        if (n == 0 || txt[n - 1] != '\n')
            F->text.data[F->text.len++] = '\n';
        F->text.data[F->text.len] = '\0';
    }
    return F->text.failed ? ENT_ENOMEM : ENT_OK;
}

static int flatten(flat *F, ent_scenario *s, const char *path, const char **stack, int depth,
                   ent_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return ent_error_set(err, ENT_EIO, "%s: cannot open the file", path);
    char *dir = dir_of(path);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    int ln = 0, rc = dir ? ENT_OK : ent_error_set(err, ENT_ENOMEM, "out of memory");
    stack[depth] = path;
    while (rc == ENT_OK && (got = getline(&line, &lcap, f)) >= 0) { /* lines of any length */
        ln++;
        if (F->text.len + (size_t)got > SC_MAX_FILE_BYTES) {
            rc = ent_error_set(err, ENT_ETOOBIG, "%s:%d: the scenario with its includes exceeds %u bytes",
                               path, ln, SC_MAX_FILE_BYTES);
            break;
        }
        const char *nul = memchr(line, '\0', (size_t)got);
        if (nul) {
            rc = ent_error_set(err, ENT_EPARSE, "%s:%d: a NUL byte (column %d): a scenario is text",
                               path, ln, (int)(nul - line) + 1);
            break;
        }
        /* a UTF-8 byte-order mark (some Windows editors write one) is skipped */
        if (ln == 1 && got >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
            memmove(line, line + 3, (size_t)got - 2);
            got -= 3;
        }
        const char *cr = memchr(line, '\r', (size_t)got);
        if (cr && cr + 1 < line + got && cr[1] != '\n') {
            rc = ent_error_set(err, ENT_EPARSE,
                               "%s:%d: a carriage return without a line feed: lines ending in "
                               "CR alone (classic Mac OS) are not supported; save the file with "
                               "LF or CRLF line ends", path, ln);
            break;
        }
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        char *q = NULL;
        if (strncmp(p, "@include", 8) == 0) {
            p += 8;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '"')
                q = strchr(p + 1, '"');
        }
        if (!q) { /* an ordinary line (a malformed @include is left to libconfig) */
            rc = flat_line(F, s, path, ln, line, (size_t)got);
            if (rc)
                ent_error_set(err, rc, "out of memory");
            continue;
        }
        *q = '\0';
        const char *name = p + 1;
        size_t n = strlen(dir) + strlen(name) + 2;
        char *full = malloc(n);
        if (!full) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            break;
        }
        if (name[0] == '/')
            snprintf(full, n, "%s", name);
        else
            snprintf(full, n, "%s/%s", dir, name);
        for (int i = 0; i <= depth && rc == ENT_OK; i++)
            if (!strcmp(stack[i], full)) {
                char chain[1024];
                size_t len = 0;
                chain[0] = '\0';
                for (int j = i; j <= depth && len < sizeof chain; j++)
                    len += (size_t)snprintf(chain + len, sizeof chain - len, "%s -> ", stack[j]);
                if (len < sizeof chain)
                    snprintf(chain + len, sizeof chain - len, "%s", full);
                rc = ent_error_set(err, ENT_EPARSE, "%s:%d: @include cycle: %s", path, ln, chain);
            }
        if (rc == ENT_OK && depth + 1 >= SC_MAX_INCLUDE_DEPTH)
            rc = ent_error_set(err, ENT_EPARSE, "%s:%d: @include nested more than %d deep", path, ln,
                               SC_MAX_INCLUDE_DEPTH);
        if (rc == ENT_OK) {
            char shown[1200];
            snprintf(shown, sizeof shown, "%s:%d: included file %s", path, ln, full);
            rc = file_size_ok(shown, full, err);
        }
        if (rc == ENT_OK && F->text.len > SC_MAX_FILE_BYTES)
            rc = ent_error_set(err, ENT_ETOOBIG, "%s:%d: the scenario with its includes exceeds %u bytes",
                               path, ln, SC_MAX_FILE_BYTES);
        if (rc == ENT_OK)
            rc = flatten(F, s, intern_file(s, full), stack, depth + 1, err);
        free(full);
    }
    if (rc == ENT_OK && ferror(f))
        rc = ent_error_set(err, ENT_EIO, "%s:%d: reading failed", path, ln + 1);
    fclose(f);
    free(line);
    free(dir);
    return rc;
}

/* ---------------------------------------------------------------- parameters */

static int load_param(loader *L, config_setting_t *st, sc_param *p)
{
    const char *name = config_setting_name(st);
    p->name = ent_strdup(name);
    p->line = sline(st);
    p->file = sfile(L, st);
    if (!p->name)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    if (!is_ident(name))
        return fail(L, st, ENT_EPARSE, "parameter name '%s' is not a plain name", name);
    if (is_reserved(name))
        return fail(L, st, ENT_EPARSE, "parameter name '%s' is reserved (a function or keyword)", name);
    if (is_number(st))
        return get_num(L, st, "a parameter", &p->point);
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return fail(L, st, ENT_EPARSE,
                    "parameter '%s' must be a number or a distribution such as { uniform = [0.0, 1.0]; }",
                    name);
    static const char *const keys[] = {"uniform", "triangular", "normal", "discrete", "weights",
                                       "truncate", NULL};
    char where[160];
    snprintf(where, sizeof where, "parameter '%s'", name);
    int rc = check_keys(L, st, where, keys);
    if (rc)
        return rc;
    static const char *const kinds[] = {"uniform", "triangular", "normal", "discrete"};
    config_setting_t *d = NULL;
    int nk = 0;
    for (int k = 0; k < 4; k++) {
        config_setting_t *c = config_setting_get_member(st, kinds[k]);
        if (c) {
            nk++;
            d = c;
            p->dist = k + 1;
        }
    }
    if (nk != 1)
        return fail(L, st, ENT_EPARSE,
                    "parameter '%s' needs exactly one of uniform, triangular, normal, discrete", name);
    if (!is_seq(d))
        return fail(L, d, ENT_EPARSE, "%s of '%s' must be a list of numbers such as [1.0, 2.0]",
                    config_setting_name(d), name);
    int n = config_setting_length(d);
    static const int want[] = {0, 2, 3, 2, -1};
    if (want[p->dist] > 0 && n != want[p->dist])
        return fail(L, d, ENT_EPARSE, "%s of '%s' takes %d numbers, not %d", config_setting_name(d), name,
                    want[p->dist], n);
    double v[3] = {0, 0, 0};
    if (p->dist != SC_DIST_DISCRETE) {
        for (int i = 0; i < n; i++)
            if ((rc = get_num(L, config_setting_get_elem(d, (unsigned)i), "a distribution argument", &v[i])))
                return rc;
    }
    config_setting_t *w = config_setting_get_member(st, "weights");
    config_setting_t *tr = config_setting_get_member(st, "truncate");
    if (w && p->dist != SC_DIST_DISCRETE)
        return fail(L, w, ENT_EPARSE, "weights apply only to a discrete distribution");
    if (tr && p->dist != SC_DIST_NORMAL)
        return fail(L, tr, ENT_EPARSE, "truncate applies only to a normal distribution");
    switch (p->dist) {
    case SC_DIST_UNIFORM:
        if (!(v[0] < v[1]))
            return fail(L, d, ENT_EPARSE, "uniform of '%s' needs low < high", name);
        p->a = v[0];
        p->b = v[1];
        break;
    case SC_DIST_TRIANGULAR:
        if (!(v[0] <= v[1] && v[1] <= v[2] && v[0] < v[2]))
            return fail(L, d, ENT_EPARSE, "triangular of '%s' needs [low, mode, high] with low <= mode <= high and low < high",
                        name);
        p->a = v[0];
        p->c = v[1];
        p->b = v[2];
        break;
    case SC_DIST_NORMAL:
        if (!(v[1] > 0))
            return fail(L, d, ENT_EPARSE, "normal of '%s' needs [mean, sd] with sd > 0", name);
        p->a = v[0];
        p->b = v[1];
        if (tr) {
            if (!is_seq(tr) || config_setting_length(tr) != 2)
                return fail(L, tr, ENT_EPARSE, "truncate of '%s' takes [low, high]", name);
            if ((rc = get_num(L, config_setting_get_elem(tr, 0), "a truncation bound", &p->lo)) ||
                (rc = get_num(L, config_setting_get_elem(tr, 1), "a truncation bound", &p->hi)))
                return rc;
            if (!(p->lo < p->hi))
                return fail(L, tr, ENT_EPARSE, "truncate of '%s' needs low < high", name);
            if (p->a < p->lo || p->a > p->hi)
                return fail(L, tr, ENT_EPARSE, "the mean of '%s' lies outside its truncation [%g, %g]",
                            name, p->lo, p->hi);
            p->trunc = 1;
        }
        break;
    default: {
        if (n < 1)
            return fail(L, d, ENT_EPARSE, "discrete of '%s' needs at least one value", name);
        if (n > SC_MAX_DISCRETE)
            return fail(L, d, ENT_ETOOBIG, "discrete of '%s' has %d values (at most %d)", name, n,
                        SC_MAX_DISCRETE);
        if (w && (!is_seq(w) || config_setting_length(w) != n))
            return fail(L, w, ENT_EPARSE, "weights of '%s' must list %d numbers, one per value", name, n);
        p->nd = n;
        p->dv = malloc(sizeof(double) * (size_t)n);
        p->dw = malloc(sizeof(double) * (size_t)n);
        if (!p->dv || !p->dw)
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double wi = 1.0;
            if ((rc = get_num(L, config_setting_get_elem(d, (unsigned)i), "a discrete value", &p->dv[i])))
                return rc;
            if (w) {
                config_setting_t *we = config_setting_get_elem(w, (unsigned)i);
                if ((rc = get_num(L, we, "a weight", &wi)))
                    return rc;
                if (wi < 0)
                    return fail(L, we, ENT_EPARSE, "weights of '%s' must not be negative", name);
            }
            tot += wi;
            p->dw[i] = tot;
        }
        if (!(tot > 0))
            return fail(L, w ? w : d, ENT_EPARSE, "weights of '%s' sum to zero", name);
        for (int i = 0; i < n; i++)
            p->dw[i] /= tot;
        p->dw[n - 1] = 1.0;
    }
    }
    sc_param_point(p);
    return ENT_OK;
}

static int load_params(loader *L, config_setting_t *ps)
{
    ent_scenario *s = L->s;
    if (config_setting_type(ps) != CONFIG_TYPE_GROUP)
        return fail(L, ps, ENT_EPARSE, "params must be a group: params = { name = value; ... };");
    int n = config_setting_length(ps);
    s->params = calloc((size_t)n + 1, sizeof *s->params);
    s->pv = calloc((size_t)n + 1, sizeof *s->pv);
    s->pnames = calloc((size_t)n + 1, sizeof *s->pnames);
    if (!s->params || !s->pv || !s->pnames)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        int rc = load_param(L, config_setting_get_elem(ps, (unsigned)i), &s->params[i]);
        s->nparams = i + 1;
        if (rc)
            return rc;
        s->pv[i] = s->params[i].point;
        s->pnames[i] = s->params[i].name;
    }
    return ENT_OK;
}

/* ------------------------------------------------------------------- actors */

static int load_item(loader *L, sc_actor *A, config_setting_t *it, int k)
{
    const char *id = NULL, *t;
    int rc;
    if (config_setting_type(it) == CONFIG_TYPE_STRING) {
        id = config_setting_get_string(it);
    } else if (config_setting_type(it) == CONFIG_TYPE_GROUP) {
        static const char *const keys[] = {"id", "text", "text_off", NULL};
        if ((rc = check_keys(L, it, A->kind == SC_OPTIONS ? "an option" : "a choice", keys)))
            return rc;
        config_setting_t *c = config_setting_get_member(it, "id");
        if (!c)
            return fail(L, it, ENT_EPARSE, "an option or choice written as a group needs an id");
        if ((rc = get_str(L, c, "id", &id)))
            return rc;
        if ((c = config_setting_get_member(it, "text"))) {
            if ((rc = get_str(L, c, "text", &t)))
                return rc;
            if (!(A->text_on[k] = ent_strdup(t)))
                return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        }
        if ((c = config_setting_get_member(it, "text_off"))) {
            if (A->kind == SC_CHOICES)
                return fail(L, c, ENT_EPARSE, "text_off applies to options, not to choices");
            if ((rc = get_str(L, c, "text_off", &t)))
                return rc;
            if (!(A->text_off[k] = ent_strdup(t)))
                return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        }
    } else {
        return fail(L, it, ENT_EPARSE, "an option or choice must be a string or { id = \"...\"; text = \"...\"; }");
    }
    if (!is_ident(id))
        return fail(L, it, ENT_EPARSE, "'%s' is not a plain name (letters, digits, _)", id);
    for (int j = 0; j < k; j++)
        if (!strcmp(A->items[j], id))
            return fail(L, it, ENT_EPARSE, "actor '%s' lists '%s' twice", A->id, id);
    if (!(A->items[k] = ent_strdup(id)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    return ENT_OK;
}

static int load_actor(loader *L, config_setting_t *g, sc_actor *A)
{
    ent_scenario *s = L->s;
    int rc;
    A->line = sline(g);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return fail(L, g, ENT_EPARSE, "an actor must be a group: { id = \"...\"; options = (...); }");
    static const char *const keys[] = {"id", "name", "options", "choices", NULL};
    if ((rc = check_keys(L, g, "an actor", keys)))
        return rc;
    config_setting_t *c = config_setting_get_member(g, "id");
    const char *id, *name;
    if (!c)
        return fail(L, g, ENT_EPARSE, "an actor needs an id");
    if ((rc = get_str(L, c, "id", &id)))
        return rc;
    if (!is_ident(id))
        return fail(L, c, ENT_EPARSE, "actor id '%s' is not a plain name (letters, digits, _)", id);
    if (is_reserved(id))
        return fail(L, c, ENT_EPARSE, "actor id '%s' is reserved (a function or keyword)", id);
    for (int a = 0; a < s->nactors; a++)
        if (!strcmp(s->actors[a].id, id))
            return fail(L, c, ENT_EPARSE, "duplicate actor id '%s' (first at line %d)", id, s->actors[a].line);
    if (ent_scenario_param_index(s, id) >= 0)
        return fail(L, c, ENT_EPARSE, "actor id '%s' is also the name of a parameter", id);
    if (!(A->id = ent_strdup(id)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    name = id;
    if ((c = config_setting_get_member(g, "name")) && (rc = get_str(L, c, "name", &name)))
        return rc;
    if (!(A->name = ent_strdup(name)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    config_setting_t *op = config_setting_get_member(g, "options");
    config_setting_t *ch = config_setting_get_member(g, "choices");
    if (!!op == !!ch)
        return fail(L, g, ENT_EPARSE, "actor '%s' needs either options (binary) or choices (exclusive), not %s",
                    id, op ? "both" : "neither");
    config_setting_t *lst = op ? op : ch;
    A->kind = op ? SC_OPTIONS : SC_CHOICES;
    if (!is_seq(lst))
        return fail(L, lst, ENT_EPARSE, "%s of '%s' must be a list: ( \"a\", \"b\" )", config_setting_name(lst), id);
    int n = config_setting_length(lst);
    if (n < 1)
        return fail(L, lst, ENT_EPARSE, "actor '%s' has an empty list of %s", id, config_setting_name(lst));
    if (op && n > SC_MAX_OPTIONS)
        return fail(L, lst, ENT_ETOOBIG, "actor '%s' has %d options (at most %d: 2^%d combinations)", id, n,
                    SC_MAX_OPTIONS, SC_MAX_OPTIONS);
    if (s->nlits + n > SC_MAX_ITEMS)
        return fail(L, lst, ENT_ETOOBIG, "more than %d options and choices in all", SC_MAX_ITEMS);
    A->items = calloc((size_t)n, sizeof(char *));
    A->text_on = calloc((size_t)n, sizeof(char *));
    A->text_off = calloc((size_t)n, sizeof(char *));
    if (!A->items || !A->text_on || !A->text_off)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    A->nitems = n;
    for (int k = 0; k < n; k++)
        if ((rc = load_item(L, A, config_setting_get_elem(lst, (unsigned)k), k)))
            return rc;
    A->litbase = s->nlits;
    s->nlits += n;
    return ENT_OK;
}

static int load_actors(loader *L, config_setting_t *as)
{
    ent_scenario *s = L->s;
    if (!is_seq(as) || config_setting_type(as) == CONFIG_TYPE_ARRAY)
        return fail(L, as, ENT_EPARSE, "actors must be a list of groups: actors = ( { id = \"a\"; ... }, ... );");
    int n = config_setting_length(as);
    if (n < 1)
        return fail(L, as, ENT_EPARSE, "the scenario has no actors");
    if (n > SC_MAX_ACTORS)
        return fail(L, as, ENT_ETOOBIG, "%d actors (at most %d)", n, SC_MAX_ACTORS);
    s->actors = calloc((size_t)n, sizeof *s->actors);
    s->aids = calloc((size_t)n, sizeof *s->aids);
    s->aitems = calloc((size_t)n, sizeof *s->aitems);
    s->anitems = calloc((size_t)n, sizeof *s->anitems);
    s->alitbase = calloc((size_t)n, sizeof *s->alitbase);
    if (!s->actors || !s->aids || !s->aitems || !s->anitems || !s->alitbase)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int a = 0; a < n; a++) {
        int rc = load_actor(L, config_setting_get_elem(as, (unsigned)a), &s->actors[a]);
        s->nactors = a + 1;
        if (rc)
            return rc;
        s->aids[a] = s->actors[a].id;
        s->aitems[a] = (const char **)s->actors[a].items;
        s->anitems[a] = s->actors[a].nitems;
        s->alitbase[a] = s->actors[a].litbase;
    }
    L->sy.nactors = s->nactors;
    L->sy.actors = s->aids;
    L->sy.nitems = s->anitems;
    L->sy.items = (const char *const *const *)s->aitems;
    L->sy.litbase = s->alitbase;
    return ENT_OK;
}

static int compile(loader *L, config_setting_t *st, const char *text, unsigned allow, ent_expr **out)
{
    unsigned keep = L->sy.allow;
    L->sy.allow = allow;
    int rc = ent_expr_compile(text, &L->sy, sfile(L, st), sline(st), out, L->err);
    L->sy.allow = keep;
    return rc;
}

/* a number or an expression string */
static int compile_value(loader *L, config_setting_t *st, unsigned allow, const char *what, ent_expr **out)
{
    char buf[64];
    const char *text;
    if (is_number(st)) {
        double v = config_setting_get_float(st);
        if (!isfinite(v))
            return fail(L, st, ENT_EPARSE, "%s must be finite", what);
        snprintf(buf, sizeof buf, "%.17g", v);
        text = buf;
    } else if (!(text = config_setting_get_string(st))) {
        return fail(L, st, ENT_EPARSE, "%s must be a number or an expression in quotes", what);
    }
    return compile(L, st, text, allow, out);
}

/* ------------------------------------------------- strategies and infeasibility */

/* The cross-actor patterns all[0..n) (single-actor ones already removed strategies) must
 * leave some profile feasible. Profiles are visited until one matches no pattern; when
 * none is left, the error names the pattern whose addition excluded the last profiles:
 * the largest, over profiles, of the first pattern matching each. Not checked when the
 * game is too large to build (refused afterwards). */
static int check_some_feasible(loader *L, ent_expr **all, config_setting_t **where, int n)
{
    ent_scenario *s = L->s;
    uint64_t bytes;
    int cross = 0;
    for (int i = 0; i < n; i++)
        cross |= (ent_expr_actors(all[i]) & (ent_expr_actors(all[i]) - 1)) != 0;
    if (!cross || s->nactors == 0 ||
        !ent_mul_ok(s->nprofiles, (uint64_t)s->nactors * sizeof(double), &bytes) ||
        bytes > s->opts.mem_limit)
        return ENT_OK;
    int prof[SC_MAX_ACTORS] = {0}, last = -1;
    unsigned char lits[SC_MAX_ITEMS];
    memset(lits, 0, sizeof lits);
    for (int a = 0; a < s->nactors; a++)
        sc_fill_lits(s, a, 0, lits);
    for (uint64_t k = 0; k < s->nprofiles; k++) {
        int first = -1;
        for (int i = 0; i < n && first < 0; i++) {
            uint64_t m = ent_expr_actors(all[i]);
            double v;
            if (!(m & (m - 1)))
                continue;
            int rc = ent_expr_eval(all[i], &(ent_expr_env){.lits = lits}, &v, L->err);
            if (rc)
                return rc;
            if (v != 0.0)
                first = i;
        }
        if (first < 0)
            return ENT_OK; /* a feasible profile */
        if (first > last)
            last = first;
        for (int a = 0; a < s->nactors; a++) { /* next profile, first actor fastest */
            if (++prof[a] < s->actors[a].nstrat) {
                sc_fill_lits(s, a, prof[a], lits);
                break;
            }
            prof[a] = 0;
            sc_fill_lits(s, a, 0, lits);
        }
    }
    return fail(L, where[last], ENT_EPARSE,
                "no feasible state: the infeasible patterns up to this one exclude every one of the %llu profiles",
                (unsigned long long)s->nprofiles);
}

static int load_infeasible(loader *L, config_setting_t *inf, config_setting_t *as)
{
    ent_scenario *s = L->s;
    int rc = ENT_OK;
    if (inf && !is_seq(inf))
        return fail(L, inf, ENT_EPARSE, "infeasible must be a list of conditions: ( \"a.x & !a.y\", ... )");
    int n = inf ? config_setting_length(inf) : 0;
    ent_expr **all = calloc((size_t)n + 1, sizeof *all);
    config_setting_t **where = calloc((size_t)n + 1, sizeof *where);
    s->inf = calloc((size_t)n + 1, sizeof *s->inf);
    if (!all || !where || !s->inf) {
        rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < n && !rc; i++) {
        config_setting_t *e = config_setting_get_elem(inf, (unsigned)i);
        const char *t;
        where[i] = e;
        if ((rc = get_str(L, e, "an infeasible pattern", &t)))
            break;
        if ((rc = compile(L, e, t, ENT_EXPR_LITS, &all[i])))
            break;
        if (!ent_expr_actors(all[i]))
            rc = fail(L, e, ENT_EPARSE, "infeasible pattern \"%s\" mentions no actor option", t);
    }
    /* strategies: feasible combinations (options) or choices, minus single-actor patterns */
    unsigned char lits[SC_MAX_ITEMS];
    memset(lits, 0, sizeof lits);
    uint64_t np = 1;
    for (int a = 0; a < s->nactors && !rc; a++) {
        sc_actor *A = &s->actors[a];
        uint32_t cand = A->kind == SC_OPTIONS ? (uint32_t)1 << A->nitems : (uint32_t)A->nitems;
        A->strat = malloc(sizeof(uint32_t) * cand);
        if (!A->strat) {
            rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
            break;
        }
        A->nstrat = 0;
        for (uint32_t c = 0; c < cand; c++) {
            for (int k = 0; k < A->nitems; k++)
                lits[A->litbase + k] = (unsigned char)(A->kind == SC_OPTIONS ? ((c >> k) & 1u)
                                                                             : (unsigned)(k == (int)c));
            int ok = 1;
            for (int i = 0; i < n && ok; i++) {
                double v;
                if (ent_expr_actors(all[i]) != ((uint64_t)1 << a))
                    continue;
                if ((rc = ent_expr_eval(all[i], &(ent_expr_env){.lits = lits}, &v, L->err)))
                    break;
                ok = v == 0.0;
            }
            if (rc)
                break;
            if (ok)
                A->strat[A->nstrat++] = c;
        }
        memset(lits + A->litbase, 0, (size_t)A->nitems);
        if (!rc && A->nstrat == 0) {
            int first = -1;
            for (int i = 0; i < n && first < 0; i++)
                if (ent_expr_actors(all[i]) == ((uint64_t)1 << a))
                    first = i;
            rc = first >= 0 ? fail(L, where[first], ENT_EPARSE,
                                   "the infeasible patterns remove every strategy of actor '%s'", A->id)
                            : ent_error_set(L->err, ENT_EPARSE, "actor '%s' has no strategy", A->id);
        }
        if (!rc && !ent_mul_ok(np, (uint64_t)A->nstrat, &np))
            rc = fail(L, as, ENT_ETOOBIG, "the number of profiles (the product of the actors' strategy counts) exceeds 2^64");
    }
    s->nprofiles = np;
    if (!rc)
        rc = check_some_feasible(L, all, where, n);
    for (int i = 0; i < n; i++) {
        uint64_t m = all[i] ? ent_expr_actors(all[i]) : 0;
        if (!rc && m && (m & (m - 1)))
            s->inf[s->ninf++] = all[i];
        else
            ent_expr_free(&all[i]);
    }
out:
    free(all);
    free(where);
    return rc;
}

/* Label of strategy j of A. A choice is labelled by its id (the name a state is written
 * with). Options: words = 1, from the option texts where the file gives them (`text`, and
 * `text_off` for the every-option-off strategy: "Russia fights on"), else the ids;
 * words = 0, from the ids only ("deploy+engage", "none"). */
static void strategy_label(const sc_actor *A, int j, int words, ent_buf *b)
{
    uint32_t c = A->strat[j];
    if (A->kind == SC_CHOICES) {
        ent_buf_puts(b, A->items[c]);
        return;
    }
    int first = 1, texts = 0;
    for (int k = 0; k < A->nitems && words; k++)
        texts |= (((c >> k) & 1u) ? A->text_on[k] : A->text_off[k]) != NULL;
    if (c == 0) {
        for (int k = 0; k < A->nitems && texts; k++)
            if (A->text_off[k]) {
                ent_buf_puts(b, first ? "" : "; ");
                ent_buf_puts(b, A->text_off[k]);
                first = 0;
            }
        if (first)
            ent_buf_puts(b, "none");
        return;
    }
    for (int k = 0; k < A->nitems; k++)
        if ((c >> k) & 1u) {
            if (!first)
                ent_buf_puts(b, texts ? " + " : "+");
            ent_buf_puts(b, texts && A->text_on[k] ? A->text_on[k] : A->items[k]);
            first = 0;
        }
}

/* Strategy labels: from the option texts when they are given, unless two strategies of an
 * actor would then read the same (the ids are used for that actor). */
static int cmp_label_ptr(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* 1 if two of the n labels are equal (sorted copy of the pointers: n log n, not n^2),
 * 0 if not, -1 when out of memory. */
static int labels_repeat(char *const *labels, int n)
{
    if (n < 2)
        return 0;
    char **sorted = malloc(sizeof(char *) * (size_t)n);
    if (!sorted)
        return -1;
    memcpy(sorted, labels, sizeof(char *) * (size_t)n);
    qsort(sorted, (size_t)n, sizeof(char *), cmp_label_ptr);
    int dup = 0;
    for (int i = 1; i < n && !dup; i++)
        dup = !strcmp(sorted[i - 1], sorted[i]);
    free(sorted);
    return dup;
}

static int make_labels(loader *L)
{
    ent_scenario *s = L->s;
    for (int a = 0; a < s->nactors; a++) {
        sc_actor *A = &s->actors[a];
        A->labels = calloc((size_t)A->nstrat, sizeof(char *));
        if (!A->labels)
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        int texts = 0; /* without option texts the labels are the ids (distinct) */
        for (int k = 0; A->kind == SC_OPTIONS && k < A->nitems; k++)
            texts |= A->text_on[k] || A->text_off[k];
        for (int words = texts; words >= 0; words--) {
            for (int j = 0; j < A->nstrat; j++) {
                ent_buf b = {0};
                strategy_label(A, j, words, &b);
                if (b.failed || !b.data) {
                    ent_buf_free(&b);
                    return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
                }
                free(A->labels[j]);
                A->labels[j] = b.data;
            }
            if (!words)
                break;
            int dup = labels_repeat(A->labels, A->nstrat);
            if (dup < 0)
                return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
            if (!dup)
                break;
        }
    }
    return ENT_OK;
}

/* "actor.item" or "!actor.item" -> actor, item; message on failure */
static int parse_ref(loader *L, config_setting_t *st, const char *t, int *actor, int *item)
{
    ent_scenario *s = L->s;
    const char *dot = strchr(t, '.');
    if (!dot)
        return fail(L, st, ENT_EPARSE, "'%s' must be written actor.option", t);
    size_t na = (size_t)(dot - t);
    for (int a = 0; a < s->nactors; a++)
        if (strlen(s->aids[a]) == na && !strncmp(s->aids[a], t, na)) {
            for (int k = 0; k < s->actors[a].nitems; k++)
                if (!strcmp(s->actors[a].items[k], dot + 1)) {
                    *actor = a;
                    *item = k;
                    return ENT_OK;
                }
            const char *near = ent_expr_nearest(dot + 1, strlen(dot + 1), s->aitems[a], s->anitems[a]);
            char sg[128] = "";
            if (near)
                snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
            return fail(L, st, ENT_EPARSE, "actor '%s' has no option or choice '%s'%s", s->aids[a], dot + 1, sg);
        }
    const char *near = ent_expr_nearest(t, na, s->aids, s->nactors);
    char sg[128] = "";
    if (near)
        snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
    return fail(L, st, ENT_EPARSE, "unknown actor '%.*s'%s", (int)na, t, sg);
}

static int load_irreversible(loader *L, config_setting_t *ir)
{
    ent_scenario *s = L->s;
    if (!is_seq(ir))
        return fail(L, ir, ENT_EPARSE, "irreversible must be a list: ( \"actor.option\", \"!actor.option\" )");
    int n = config_setting_length(ir);
    s->irrev = calloc((size_t)n + 1, sizeof *s->irrev);
    if (!s->irrev)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_get_elem(ir, (unsigned)i);
        const char *t;
        int rc = get_str(L, e, "an irreversible option", &t);
        if (rc)
            return rc;
        sc_irrev *r = &s->irrev[i];
        r->forward = t[0] != '!';
        if ((rc = parse_ref(L, e, r->forward ? t : t + 1, &r->actor, &r->item)))
            return rc;
        for (int j = 0; j < i; j++) /* both directions: the option could never change */
            if (s->irrev[j].actor == r->actor && s->irrev[j].item == r->item &&
                s->irrev[j].forward != r->forward)
                return fail(L, e, ENT_EPARSE,
                            "\"%s\" contradicts \"%s%s.%s\" (line %d): an option irreversible both ways could never change; "
                            "to fix its value, make the other value infeasible",
                            t, r->forward ? "!" : "", s->aids[r->actor], s->actors[r->actor].items[r->item],
                            sline(config_setting_get_elem(ir, (unsigned)j)));
        s->nirrev = i + 1;
    }
    return ENT_OK;
}

/* -------------------------------------------------------------- preferences */

static int find_actor(const ent_scenario *s, const char *id)
{
    for (int a = 0; a < s->nactors; a++)
        if (!strcmp(s->aids[a], id))
            return a;
    return -1;
}

static int unknown_actor(loader *L, config_setting_t *st, const char *id, const char *where)
{
    const char *near = ent_expr_nearest(id, strlen(id), L->s->aids, L->s->nactors);
    char sg[128] = "";
    if (near)
        snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
    return fail(L, st, ENT_EPARSE, "unknown actor '%s' in %s%s", id, where, sg);
}

/* A payoff-rule key that is neither `when`, `why` nor an actor id: suggest the nearest of
 * them (a misspelt `whne` gets "did you mean 'when'?"). */
static int unknown_rule_key(loader *L, config_setting_t *st, const char *nm)
{
    ent_scenario *s = L->s;
    const char **keys = malloc(sizeof(char *) * (size_t)(s->nactors + 2));
    if (!keys)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    keys[0] = "when";
    keys[1] = "why";
    for (int a = 0; a < s->nactors; a++)
        keys[a + 2] = s->aids[a];
    const char *near = ent_expr_nearest(nm, strlen(nm), keys, s->nactors + 2);
    char sg[160] = "";
    if (near)
        snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
    free(keys);
    return fail(L, st, ENT_EPARSE,
                "unknown key '%s' in a payoff rule (keys are when, why and actor ids)%s", nm, sg);
}

static int load_rules(loader *L, config_setting_t *ps)
{
    ent_scenario *s = L->s;
    if (!is_seq(ps) || config_setting_type(ps) == CONFIG_TYPE_ARRAY)
        return fail(L, ps, ENT_EPARSE, "payoffs must be a list of rules: ( { when = \"...\"; actor = value; }, ... )");
    int n = config_setting_length(ps);
    if (n < 1)
        return fail(L, ps, ENT_EPARSE, "payoffs has no rule");
    if (n > SC_MAX_RULES)
        return fail(L, ps, ENT_ETOOBIG, "%d payoff rules (at most %d)", n, SC_MAX_RULES);
    s->rules = calloc((size_t)n, sizeof *s->rules);
    if (!s->rules)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int r = 0; r < n; r++) {
        config_setting_t *g = config_setting_get_elem(ps, (unsigned)r);
        sc_rule *R = &s->rules[r];
        s->nrules = r + 1;
        if (config_setting_type(g) != CONFIG_TYPE_GROUP)
            return fail(L, g, ENT_EPARSE, "a payoff rule must be a group: { when = \"...\"; actor = value; }");
        if (!(R->val = calloc((size_t)s->nactors, sizeof *R->val)))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        int m = config_setting_length(g), given = 0, rc;
        for (int i = 0; i < m; i++) {
            config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
            const char *nm = config_setting_name(e), *t;
            if (!strcmp(nm, "why")) {
                if ((rc = get_str(L, e, "why", &t)))
                    return rc;
                continue;
            }
            if (!strcmp(nm, "when")) {
                if ((rc = get_str(L, e, "when", &t)) ||
                    (rc = compile(L, e, t, ENT_EXPR_LITS | ENT_EXPR_PARAMS, &R->when)))
                    return rc;
                continue;
            }
            int a = find_actor(s, nm);
            if (a < 0)
                return unknown_rule_key(L, e, nm);
            char what[160];
            snprintf(what, sizeof what, "the payoff of '%s'", nm);
            if ((rc = compile_value(L, e, ENT_EXPR_LITS | ENT_EXPR_PARAMS, what, &R->val[a])))
                return rc;
            given++;
        }
        if (!given)
            return fail(L, g, ENT_EPARSE, "this payoff rule gives no payoff to any actor");
    }
    return ENT_OK;
}

static int load_statements(loader *L, config_setting_t *ps)
{
    ent_scenario *s = L->s;
    if (config_setting_type(ps) != CONFIG_TYPE_GROUP)
        return fail(L, ps, ENT_EPARSE, "preferences must be a group: preferences = { actor = ( \"statement\", ... ); };");
    s->nstmt = calloc((size_t)s->nactors, sizeof *s->nstmt);
    s->stmt = calloc((size_t)s->nactors, sizeof *s->stmt);
    if (!s->nstmt || !s->stmt)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    int m = config_setting_length(ps);
    for (int i = 0; i < m; i++) {
        config_setting_t *e = config_setting_get_elem(ps, (unsigned)i);
        const char *nm = config_setting_name(e);
        int a = find_actor(s, nm);
        if (a < 0)
            return unknown_actor(L, e, nm, "preferences");
        if (!is_seq(e))
            return fail(L, e, ENT_EPARSE, "the preferences of '%s' must be a list of statements", nm);
        int n = config_setting_length(e);
        if (n < 1)
            return fail(L, e, ENT_EPARSE, "the preferences of '%s' list no statement", nm);
        if (n > SC_MAX_STATEMENTS)
            return fail(L, e, ENT_ETOOBIG, "%d statements for '%s' (at most %d)", n, nm, SC_MAX_STATEMENTS);
        if (!(s->stmt[a] = calloc((size_t)n, sizeof(ent_expr *))))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        for (int k = 0; k < n; k++) {
            config_setting_t *st = config_setting_get_elem(e, (unsigned)k);
            const char *t;
            int rc = get_str(L, st, "a preference statement", &t);
            if (rc || (rc = compile(L, st, t, ENT_EXPR_LITS | ENT_EXPR_PARAMS, &s->stmt[a][k])))
                return rc;
            s->nstmt[a] = k + 1;
        }
    }
    for (int a = 0; a < s->nactors; a++)
        if (!s->nstmt[a])
            return fail(L, ps, ENT_EPARSE, "preferences give no statement for actor '%s'", s->aids[a]);
    return ENT_OK;
}

static int load_outcomes(loader *L, config_setting_t *os)
{
    ent_scenario *s = L->s;
    if (!is_seq(os) || config_setting_type(os) == CONFIG_TYPE_ARRAY)
        return fail(L, os, ENT_EPARSE, "outcomes must be a list: ( { state = \"...\"; payoffs = [ ... ]; }, ... )");
    uint64_t cells;
    if (!ent_mul_ok(s->nprofiles, (uint64_t)s->nactors * 9, &cells) || cells > s->opts.mem_limit)
        return fail(L, os, ENT_ETOOBIG, "an outcome table of %llu profiles x %d actors exceeds the memory limit of %zu bytes",
                    (unsigned long long)s->nprofiles, s->nactors, s->opts.mem_limit);
    size_t np = (size_t)s->nprofiles;
    s->table = calloc(np * (size_t)s->nactors, sizeof(double));
    unsigned char *seen = calloc(np, 1);
    int *prof = calloc((size_t)s->nactors, sizeof(int));
    int rc = ENT_OK;
    if (!s->table || !seen || !prof) {
        rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    int n = config_setting_length(os);
    for (int i = 0; i < n && !rc; i++) {
        config_setting_t *g = config_setting_get_elem(os, (unsigned)i);
        static const char *const keys[] = {"state", "payoffs", "why", NULL};
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            rc = fail(L, g, ENT_EPARSE, "an outcome must be a group: { state = \"...\"; payoffs = [ ... ]; }");
            break;
        }
        if ((rc = check_keys(L, g, "an outcome", keys)))
            break;
        config_setting_t *st = config_setting_get_member(g, "state");
        config_setting_t *pay = config_setting_get_member(g, "payoffs");
        const char *t;
        if (!st || !pay) {
            rc = fail(L, g, ENT_EPARSE, "an outcome needs a state and payoffs");
            break;
        }
        if ((rc = get_str(L, st, "state", &t)))
            break;
        ent_error e2;
        if (ent_scenario_parse_state(s, t, prof, &e2) != ENT_OK) {
            rc = fail(L, st, ENT_EPARSE, "%s", e2.msg);
            break;
        }
        uint64_t idx = 0, stride = 1;
        for (int a = 0; a < s->nactors; a++) {
            idx += (uint64_t)prof[a] * stride;
            stride *= (uint64_t)s->actors[a].nstrat;
        }
        if (seen[idx]) {
            rc = fail(L, st, ENT_EPARSE, "the state \"%s\" is given twice", t);
            break;
        }
        seen[idx] = 1;
        double *row = s->table + idx * (size_t)s->nactors;
        if (is_seq(pay)) {
            if (config_setting_length(pay) != s->nactors) {
                rc = fail(L, pay, ENT_EPARSE, "payoffs must list %d numbers, one per actor in order", s->nactors);
                break;
            }
            for (int a = 0; a < s->nactors && !rc; a++)
                rc = get_num(L, config_setting_get_elem(pay, (unsigned)a), "a payoff", &row[a]);
        } else if (config_setting_type(pay) == CONFIG_TYPE_GROUP) {
            int m = config_setting_length(pay);
            for (int k = 0; k < m && !rc; k++) {
                config_setting_t *e = config_setting_get_elem(pay, (unsigned)k);
                int a = find_actor(s, config_setting_name(e));
                if (a < 0)
                    rc = unknown_actor(L, e, config_setting_name(e), "payoffs");
                else
                    rc = get_num(L, e, "a payoff", &row[a]);
            }
            if (!rc && m != s->nactors)
                rc = fail(L, pay, ENT_EPARSE, "payoffs must give a number for each of the %d actors", s->nactors);
        } else {
            rc = fail(L, pay, ENT_EPARSE, "payoffs must be [numbers in actor order] or { actor = number; ... }");
        }
    }
    if (!rc) {
        uint64_t missing = 0, first = 0;
        for (size_t p = 0; p < np; p++) {
            if (seen[p])
                continue;
            uint64_t rem = p;
            for (int a = 0; a < s->nactors; a++) {
                prof[a] = (int)(rem % (uint64_t)s->actors[a].nstrat);
                rem /= (uint64_t)s->actors[a].nstrat;
            }
            if (!ent_scenario_profile_feasible(s, prof))
                continue;
            if (!missing++)
                first = p;
        }
        if (missing) {
            uint64_t rem = first;
            char buf[512];
            size_t len = 0;
            buf[0] = '\0';
            for (int a = 0; a < s->nactors && len < sizeof buf; a++) {
                int j = (int)(rem % (uint64_t)s->actors[a].nstrat);
                rem /= (uint64_t)s->actors[a].nstrat;
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s=%s", a ? ", " : "", s->aids[a],
                                        s->actors[a].labels[j]);
            }
            rc = fail(L, os, ENT_EPARSE, "the outcome table misses %llu feasible profile%s, first %s",
                      (unsigned long long)missing, missing > 1 ? "s" : "", buf);
        }
    }
out:
    free(seen);
    free(prof);
    return rc;
}

/* ------------------------------------------------------ sequence and analysis */

static int load_sequence(loader *L, config_setting_t *sq)
{
    ent_scenario *s = L->s;
    if (!is_seq(sq))
        return fail(L, sq, ENT_EPARSE, "sequence must be a list of stages: ( (\"a\"), (\"b\", \"c\") )");
    int n = config_setting_length(sq);
    if (n < 1)
        return fail(L, sq, ENT_EPARSE, "sequence has no stage");
    s->stage_n = calloc((size_t)n, sizeof(int));
    s->stages = calloc((size_t)n, sizeof(int *));
    int *seen = calloc((size_t)s->nactors, sizeof(int));
    int rc = ENT_OK;
    if (!s->stage_n || !s->stages || !seen) {
        rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    s->nstages = n;
    for (int i = 0; i < n && !rc; i++) {
        config_setting_t *st = config_setting_get_elem(sq, (unsigned)i);
        int m = is_seq(st) ? config_setting_length(st) : 1;
        if (!is_seq(st) && config_setting_type(st) != CONFIG_TYPE_STRING) {
            rc = fail(L, st, ENT_EPARSE, "a stage must be an actor id or a list of actor ids");
            break;
        }
        if (m < 1) {
            rc = fail(L, st, ENT_EPARSE, "stage %d of the sequence is empty", i + 1);
            break;
        }
        if (!(s->stages[i] = calloc((size_t)m, sizeof(int)))) {
            rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
            break;
        }
        for (int j = 0; j < m && !rc; j++) {
            config_setting_t *e = is_seq(st) ? config_setting_get_elem(st, (unsigned)j) : st;
            const char *id;
            if ((rc = get_str(L, e, "an actor id", &id)))
                break;
            int a = find_actor(s, id);
            if (a < 0) {
                rc = unknown_actor(L, e, id, "the sequence");
                break;
            }
            if (seen[a]++) {
                rc = fail(L, e, ENT_EPARSE, "actor '%s' appears twice in the sequence", id);
                break;
            }
            s->stages[i][s->stage_n[i]++] = a;
        }
    }
    for (int a = 0; a < s->nactors && !rc; a++)
        if (!seen[a])
            rc = fail(L, sq, ENT_EPARSE, "the sequence omits actor '%s' (every actor moves once)", s->aids[a]);
out:
    free(seen);
    return rc;
}

static int load_analysis(loader *L, config_setting_t *an)
{
    ent_scenario *s = L->s;
    int rc;
    if (config_setting_type(an) != CONFIG_TYPE_GROUP)
        return fail(L, an, ENT_EPARSE, "analysis must be a group: analysis = { concepts = ( ... ); };");
    static const char *const keys[] = {"concepts", "status_quo", "seed", "samples", "sweep",
                                       "gmcr_coalitions", NULL};
    if ((rc = check_keys(L, an, "analysis", keys)))
        return rc;
    config_setting_t *c = config_setting_get_member(an, "concepts");
    if (c) {
        if (!is_seq(c))
            return fail(L, c, ENT_EPARSE, "concepts must be a list of names: ( \"nash\", ... )");
        int n = config_setting_length(c);
        s->concept_lines = calloc((size_t)n + 1, sizeof(int));
        s->concept_files = calloc((size_t)n + 1, sizeof(char *));
        if (!(s->concepts = calloc((size_t)n + 1, sizeof(char *))) || !s->concept_lines ||
            !s->concept_files)
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        for (int i = 0; i < n; i++) {
            const char *t;
            config_setting_t *e = config_setting_get_elem(c, (unsigned)i);
            if ((rc = get_str(L, e, "a concept", &t)))
                return rc;
            if (!is_ident(t))
                return fail(L, e, ENT_EPARSE, "'%s' is not a concept name", t);
            if (!(s->concepts[i] = ent_strdup(t)))
                return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
            s->concept_lines[i] = sline(e) > 0 ? sline(e) : sline(c);
            s->concept_files[i] = sfile(L, sline(e) > 0 ? e : c);
            s->nconcepts = i + 1;
        }
    }
    if ((c = config_setting_get_member(an, "status_quo"))) {
        const char *t;
        if ((rc = get_str(L, c, "status_quo", &t)))
            return rc;
        int prof[SC_MAX_ACTORS];
        ent_error e2;
        if (ent_scenario_parse_state(s, t, prof, &e2) != ENT_OK)
            return fail(L, c, ENT_EPARSE, "status_quo: %s", e2.msg);
        if (!ent_scenario_profile_feasible(s, prof))
            return fail(L, c, ENT_EPARSE, "status_quo \"%s\" matches an infeasible pattern", t);
        if (!(s->status_quo = ent_strdup(t)))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    }
    if ((c = config_setting_get_member(an, "gmcr_coalitions"))) {
        if (config_setting_type(c) != CONFIG_TYPE_BOOL)
            return fail(L, c, ENT_EPARSE, "gmcr_coalitions must be true or false");
        s->gmcr_coalitions = config_setting_get_bool(c);
    }
    if ((c = config_setting_get_member(an, "seed"))) {
        int t = config_setting_type(c);
        if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || config_setting_get_int64(c) < 0)
            return fail(L, c, ENT_EPARSE, "seed must be a non-negative integer");
        s->has_seed = 1;
        s->seed = (unsigned long long)config_setting_get_int64(c);
    }
    if ((c = config_setting_get_member(an, "samples"))) {
        int t = config_setting_type(c);
        long long v = config_setting_get_int64(c);
        if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || v < 1 || v > 1000000000LL)
            return fail(L, c, ENT_EPARSE, "samples must be an integer from 1 to 1000000000");
        s->samples = v;
    }
    if ((c = config_setting_get_member(an, "sweep"))) {
        if (!is_seq(c))
            return fail(L, c, ENT_EPARSE, "sweep must be a list: ( { param = \"x\"; from = 0.0; to = 1.0; steps = 11; } )");
        int n = config_setting_length(c);
        if (!(s->sweeps = calloc((size_t)n + 1, sizeof *s->sweeps)))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        for (int i = 0; i < n; i++) {
            config_setting_t *g = config_setting_get_elem(c, (unsigned)i);
            static const char *const sk[] = {"param", "from", "to", "steps", NULL};
            if (config_setting_type(g) != CONFIG_TYPE_GROUP)
                return fail(L, g, ENT_EPARSE, "a sweep must be a group { param = \"x\"; from = 0.0; to = 1.0; steps = 11; }");
            if ((rc = check_keys(L, g, "a sweep", sk)))
                return rc;
            config_setting_t *pp = config_setting_get_member(g, "param"), *f = config_setting_get_member(g, "from"),
                             *to = config_setting_get_member(g, "to"), *stp = config_setting_get_member(g, "steps");
            if (!pp || !f || !to || !stp)
                return fail(L, g, ENT_EPARSE, "a sweep needs param, from, to and steps");
            const char *pn;
            sc_sweep *w = &s->sweeps[i];
            if ((rc = get_str(L, pp, "param", &pn)))
                return rc;
            if ((w->param = ent_scenario_param_index(s, pn)) < 0) {
                const char *near = ent_expr_nearest(pn, strlen(pn), s->pnames, s->nparams);
                char sg[128] = "";
                if (near)
                    snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
                return fail(L, pp, ENT_EPARSE, "unknown parameter '%s' in a sweep%s", pn, sg);
            }
            if ((rc = get_num(L, f, "from", &w->from)) || (rc = get_num(L, to, "to", &w->to)))
                return rc;
            int t = config_setting_type(stp);
            long long v = config_setting_get_int64(stp);
            if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || v < 2 || v > 10000000LL)
                return fail(L, stp, ENT_EPARSE, "steps must be an integer from 2 to 10000000");
            w->steps = (int)v;
            s->nsweeps = i + 1;
        }
    }
    return ENT_OK;
}

/* ---------------------------------------------------------- coalition block */

static int find_member(const ent_scenario *s, const char *id)
{
    for (int i = 0; i < s->cm; i++)
        if (!strcmp(s->cids[i], id))
            return i;
    return -1;
}

static int unknown_member(loader *L, config_setting_t *st, const char *id)
{
    const char *near = ent_expr_nearest(id, strlen(id), (const char *const *)L->s->cids, L->s->cm);
    char sg[128] = "";
    if (near)
        snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
    return fail(L, st, ENT_EPARSE, "unknown coalition member '%s'%s", id, sg);
}

static int load_members(loader *L, config_setting_t *ms)
{
    ent_scenario *s = L->s;
    if (!is_seq(ms) || config_setting_type(ms) == CONFIG_TYPE_ARRAY)
        return fail(L, ms, ENT_EPARSE, "members must be a list of groups: ( { id = \"FR\"; troops = 1.0; }, ... )");
    int n = config_setting_length(ms);
    if (n < 1)
        return fail(L, ms, ENT_EPARSE, "the coalition has no members");
    if (n > 64)
        return fail(L, ms, ENT_ETOOBIG, "%d coalition members (at most 64)", n);
    config_setting_t *g0 = config_setting_get_elem(ms, 0);
    if (config_setting_type(g0) != CONFIG_TYPE_GROUP)
        return fail(L, g0, ENT_EPARSE, "a member must be a group: { id = \"FR\"; name = \"France\"; troops = 1.0; }");
    int na = 0, m0 = config_setting_length(g0);
    s->cattr_names = calloc((size_t)m0 + 1, sizeof(char *));
    s->cids = calloc((size_t)n, sizeof(char *));
    s->cnames = calloc((size_t)n, sizeof(char *));
    if (!s->cattr_names || !s->cids || !s->cnames)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int k = 0; k < m0; k++) {
        config_setting_t *e = config_setting_get_elem(g0, (unsigned)k);
        const char *nm = config_setting_name(e);
        if (!strcmp(nm, "id") || !strcmp(nm, "name"))
            continue;
        if (is_reserved(nm))
            return fail(L, e, ENT_EPARSE, "attribute name '%s' is reserved (a function or keyword)", nm);
        if (!(s->cattr_names[na] = ent_strdup(nm)))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        s->cnattrs = ++na;
    }
    if (!(s->cattrs = calloc((size_t)n * (size_t)(na ? na : 1), sizeof(double))))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(ms, (unsigned)i);
        const char *id, *name;
        int rc;
        if (config_setting_type(g) != CONFIG_TYPE_GROUP)
            return fail(L, g, ENT_EPARSE, "a member must be a group: { id = \"FR\"; name = \"France\"; troops = 1.0; }");
        config_setting_t *c = config_setting_get_member(g, "id");
        if (!c)
            return fail(L, g, ENT_EPARSE, "a coalition member needs an id");
        if ((rc = get_str(L, c, "id", &id)))
            return rc;
        if (!id[0])
            return fail(L, c, ENT_EPARSE, "a coalition member's id is empty");
        if (find_member(s, id) >= 0)
            return fail(L, c, ENT_EPARSE, "duplicate coalition member '%s'", id);
        name = id;
        if ((c = config_setting_get_member(g, "name")) && (rc = get_str(L, c, "name", &name)))
            return rc;
        if (!(s->cids[i] = ent_strdup(id)) || !(s->cnames[i] = ent_strdup(name)))
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        s->cm = i + 1;
        int m = config_setting_length(g), seen = 0;
        for (int k = 0; k < m; k++) {
            config_setting_t *e = config_setting_get_elem(g, (unsigned)k);
            const char *nm = config_setting_name(e);
            if (!strcmp(nm, "id") || !strcmp(nm, "name"))
                continue;
            int a = -1;
            for (int j = 0; j < na; j++)
                if (!strcmp(s->cattr_names[j], nm))
                    a = j;
            if (a < 0)
                return fail(L, e, ENT_EPARSE, "member '%s' has attribute '%s' that member '%s' lacks (every member gives the same attributes)",
                            id, nm, s->cids[0]);
            char what[160];
            snprintf(what, sizeof what, "attribute '%s' of '%s'", nm, id);
            if ((rc = get_num(L, e, what, &s->cattrs[(size_t)i * (size_t)na + (size_t)a])))
                return rc;
            if (!strcmp(nm, "weight") && s->cattrs[(size_t)i * (size_t)na + (size_t)a] < 0)
                return fail(L, e, ENT_EPARSE, "member '%s' has a negative weight", id);
            seen++;
        }
        if (seen != na)
            for (int j = 0; j < na; j++)
                if (!config_setting_get_member(g, s->cattr_names[j]))
                    return fail(L, g, ENT_EPARSE, "member '%s' lacks attribute '%s' (every member gives the same attributes)",
                                id, s->cattr_names[j]);
    }
    L->sy.nattrs = na;
    L->sy.attrs = (const char *const *)s->cattr_names;
    return ENT_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* the largest coalition value accepted: sums and differences of up to 128 of them stay
 * finite */
#define CVALUE_MAX 1e300

static int check_cvalue(loader *L, config_setting_t *at, double v)
{
    if (!(fabs(v) <= CVALUE_MAX))
        return fail(L, at, ENT_EPARSE,
                    "coalition value %g is too large (at most 1e300 in magnitude, so that sums "
                    "and differences of values stay finite)",
                    v);
    return ENT_OK;
}

typedef struct {
    uint64_t mask;
    int j;
} cv_key;

static int cmp_cv_key(const void *a, const void *b)
{
    const cv_key *x = a, *y = b;
    if (x->mask != y->mask)
        return (x->mask > y->mask) - (x->mask < y->mask);
    return (x->j > y->j) - (x->j < y->j);
}

/* `values = [ v1, v2, ... ]`: the 2^n - 1 values in CoopGame's order (by size, then
 * lexicographic: {1}, {2}, ..., {1,2}, {1,3}, ..., N), stored by bitmask */
static int load_cvector(loader *L, config_setting_t *vs)
{
    ent_scenario *s = L->s;
    int n = s->cm, len = config_setting_length(vs);
    if (n > 30)
        return fail(L, vs, ENT_ETOOBIG,
                    "a values vector of %d members would hold 2^%d - 1 values; at most 30 "
                    "members",
                    n, n);
    uint64_t want = ((uint64_t)1 << n) - 1;
    if ((uint64_t)len != want)
        return fail(L, vs, ENT_EPARSE,
                    "a values vector needs 2^%d - 1 = %llu numbers (one per coalition, "
                    "by size then in lexicographic order); it has %d",
                    n, (unsigned long long)want, len);
    uint64_t bytes = (want + 1) * sizeof(double);
    if (bytes > s->opts.mem_limit)
        return fail(L, vs, ENT_ETOOBIG, "a values vector of %llu numbers exceeds the memory limit",
                    (unsigned long long)want);
    if (!(s->cvec = (double *)calloc((size_t)want + 1, sizeof(double))))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    int idx[31];
    uint64_t pos = 0;
    for (int k = 1; k <= n; k++) { /* combinations of size k in lexicographic order */
        for (int i = 0; i < k; i++)
            idx[i] = i;
        for (;;) {
            uint64_t mask = 0;
            for (int i = 0; i < k; i++)
                mask |= (uint64_t)1 << idx[i];
            config_setting_t *e = config_setting_get_elem(vs, (unsigned)pos++);
            int t = config_setting_type(e);
            if (t != CONFIG_TYPE_FLOAT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
                return fail(L, e, ENT_EPARSE, "a values vector holds numbers only");
            double v = config_setting_get_float(e);
            if (t != CONFIG_TYPE_FLOAT)
                v = (double)config_setting_get_int64(e);
            int rc = check_cvalue(L, e, v);
            if (rc)
                return rc;
            s->cvec[mask] = v;
            int i = k - 1;
            while (i >= 0 && idx[i] == n - k + i)
                i--;
            if (i < 0)
                break;
            idx[i]++;
            for (int q = i + 1; q < k; q++)
                idx[q] = idx[q - 1] + 1;
        }
    }
    s->ncvec = (int64_t)want;
    return ENT_OK;
}

static int load_cvalues(loader *L, config_setting_t *vs)
{
    ent_scenario *s = L->s;
    if (config_setting_type(vs) == CONFIG_TYPE_ARRAY)
        return load_cvector(L, vs);
    if (!is_seq(vs))
        return fail(L, vs, ENT_EPARSE, "values must be a list: ( { members = ( \"A\", \"B\" ); value = 1.0; }, ... ) or a vector of the 2^n - 1 values [ v1, v2, ... ]");
    int n = config_setting_length(vs);
    if (n == 0)
        return fail(L, vs, ENT_EPARSE, "values is empty: list at least one coalition's value (unlisted coalitions are worth 0)");
    if (!(s->cvalues = calloc((size_t)n + 1, sizeof *s->cvalues)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    cv_key *keys_by_mask = (cv_key *)malloc(sizeof(cv_key) * (size_t)n);
    if (!keys_by_mask)
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    int rc = ENT_OK;
    for (int j = 0; j < n && !rc; j++) {
        config_setting_t *g = config_setting_get_elem(vs, (unsigned)j);
        static const char *const keys[] = {"members", "value", NULL};
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            rc = fail(L, g, ENT_EPARSE, "a values entry must be a group { members = ( ... ); value = 1.0; }");
            break;
        }
        if ((rc = check_keys(L, g, "a values entry", keys)))
            break;
        config_setting_t *ms = config_setting_get_member(g, "members"), *v = config_setting_get_member(g, "value");
        if (!ms || !v) {
            rc = fail(L, g, ENT_EPARSE, "a values entry needs members and value");
            break;
        }
        if (!is_seq(ms)) {
            rc = fail(L, ms, ENT_EPARSE, "members must be a list of member ids");
            break;
        }
        sc_cvalue *cv = &s->cvalues[j];
        int m = config_setting_length(ms);
        if (!(cv->members = calloc((size_t)m + 1, sizeof(int)))) {
            rc = ent_error_set(L->err, ENT_ENOMEM, "out of memory");
            break;
        }
        s->ncvalues = j + 1;
        uint64_t mask = 0;
        for (int i = 0; i < m && !rc; i++) {
            config_setting_t *e = config_setting_get_elem(ms, (unsigned)i);
            const char *id;
            if ((rc = get_str(L, e, "a member id", &id)))
                break;
            int k = find_member(s, id);
            if (k < 0)
                rc = unknown_member(L, e, id);
            else if ((mask >> k) & 1u)
                rc = fail(L, e, ENT_EPARSE, "member '%s' is listed twice in this coalition", id);
            else {
                mask |= (uint64_t)1 << k;
                cv->members[cv->m++] = k;
            }
        }
        if (rc)
            break;
        qsort(cv->members, (size_t)cv->m, sizeof(int), cmp_int);
        if ((rc = get_num(L, v, "a coalition value", &cv->v)) || (rc = check_cvalue(L, v, cv->v)))
            break;
        if (m == 0 && cv->v != 0)
            rc = fail(L, v, ENT_EPARSE, "the empty coalition is worth 0; this entry gives it %g", cv->v);
        keys_by_mask[j] = (cv_key){mask, j};
    }
    if (!rc) { /* a coalition listed twice: the first entry that repeats an earlier one */
        qsort(keys_by_mask, (size_t)n, sizeof(cv_key), cmp_cv_key);
        int dup = n;
        for (int j = 1; j < n; j++)
            if (keys_by_mask[j].mask == keys_by_mask[j - 1].mask && keys_by_mask[j].j < dup &&
                (j < 2 || keys_by_mask[j - 2].mask != keys_by_mask[j].mask))
                dup = keys_by_mask[j].j;
        if (dup < n)
            rc = fail(L, config_setting_get_member(config_setting_get_elem(vs, (unsigned)dup), "members"),
                      ENT_EPARSE, "this coalition is listed twice in values");
    }
    free(keys_by_mask);
    return rc;
}

static int load_coalition(loader *L, config_setting_t *co)
{
    ent_scenario *s = L->s;
    int rc;
    if (config_setting_type(co) != CONFIG_TYPE_GROUP)
        return fail(L, co, ENT_EPARSE, "coalition must be a group: coalition = { members = ( ... ); };");
    static const char *const keys[] = {"members", "value", "payoff", "values", "quota",
                                       "quota_members", "blocking_members", NULL};
    if ((rc = check_keys(L, co, "coalition", keys)))
        return rc;
    config_setting_t *ms = config_setting_get_member(co, "members");
    if (!ms)
        return fail(L, co, ENT_EPARSE, "the coalition block needs members");
    if ((rc = load_members(L, ms)))
        return rc;
    config_setting_t *v = config_setting_get_member(co, "value"), *vs = config_setting_get_member(co, "values");
    config_setting_t *pf = config_setting_get_member(co, "payoff"), *q = config_setting_get_member(co, "quota");
    if (v && vs)
        return fail(L, vs, ENT_EPARSE, "give the coalition's worth either as a value expression or as a values table, not both");
    const char *t;
    if (v && ((rc = get_str(L, v, "value", &t)) ||
              (rc = compile(L, v, t, ENT_EXPR_AGG | ENT_EXPR_PARAMS, &s->cvalue))))
        return rc;
    if (pf && ((rc = get_str(L, pf, "payoff", &t)) ||
               (rc = compile(L, pf, t, ENT_EXPR_AGG | ENT_EXPR_PARAMS | ENT_EXPR_MEMBER | (v ? ENT_EXPR_VALUE : 0u),
                             &s->cpayoff))))
        return rc;
    if (s->cvalue || s->cpayoff) {
        s->cattr_read = (unsigned char *)calloc((size_t)s->cnattrs + 1, 1);
        if (!s->cattr_read)
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        for (int k = 0; k < s->cnattrs; k++)
            s->cattr_read[k] = (unsigned char)((s->cvalue && ent_expr_reads_attr(s->cvalue, k)) ||
                                               (s->cpayoff && ent_expr_reads_attr(s->cpayoff, k)));
    }
    if (vs && (rc = load_cvalues(L, vs)))
        return rc;
    if (q) {
        if ((rc = get_num(L, q, "quota", &s->quota)))
            return rc;
        int w = -1;
        for (int k = 0; k < s->cnattrs; k++)
            if (!strcmp(s->cattr_names[k], "weight"))
                w = k;
        if (w < 0)
            return fail(L, q, ENT_EPARSE, "a quota needs a weight attribute on every member");
        double tot = 0;
        for (int i = 0; i < s->cm; i++) {
            double x = s->cattrs[(size_t)i * (size_t)s->cnattrs + (size_t)w];
            if (!(x >= 0 && x == floor(x) && x <= 1e15))
                return fail(L, config_setting_get_elem(ms, (unsigned)i), ENT_EPARSE,
                            "member %s has weight %g; weighted voting needs non-negative whole-number weights",
                            s->cids[i], x);
            tot += x;
        }
        if (!(s->quota > 0))
            return fail(L, q, ENT_EPARSE, "the quota must be positive");
        if (s->quota > tot)
            return fail(L, q, ENT_EPARSE, "the quota %g is above the total weight %g", s->quota, tot);
    }
    config_setting_t *qm = config_setting_get_member(co, "quota_members");
    if (qm) { /* double majority: a winning coalition also needs this many members */
        double x;
        if (!q)
            return fail(L, qm, ENT_EPARSE, "quota_members needs a weighted voting game (a `quota`)");
        if ((rc = get_num(L, qm, "quota_members", &x)))
            return rc;
        if (!(x >= 1 && x <= s->cm && x == floor(x)))
            return fail(L, qm, ENT_EPARSE, "quota_members must be a whole number from 1 to %d (the number of members)",
                        s->cm);
        s->quota_members = (int)x;
    }
    config_setting_t *bm = config_setting_get_member(co, "blocking_members");
    if (bm) { /* EU Council: a blocking minority needs at least this many members */
        double x;
        if (!q)
            return fail(L, bm, ENT_EPARSE, "blocking_members needs a weighted voting game (a `quota`)");
        if ((rc = get_num(L, bm, "blocking_members", &x)))
            return rc;
        if (!(x >= 1 && x <= s->cm && x == floor(x)))
            return fail(L, bm, ENT_EPARSE, "blocking_members must be a whole number from 1 to %d (the number of members)",
                        s->cm);
        s->blocking_members = (int)x;
    }
    s->has_coalition = 1;
    if (s->cvalue) { /* evaluate once for the grand coalition at the point */
        int all[64];
        double x;
        for (int i = 0; i < s->cm; i++)
            all[i] = i;
        if ((rc = ent_scenario_coalition_value(s, all, s->cm, &x)) != ENT_OK)
            return ent_expr_eval(s->cvalue,
                                 &(ent_expr_env){.params = s->pv, .attrs = s->cattrs, .nattrs = s->cnattrs,
                                                 .members = all, .m = s->cm},
                                 &x, L->err);
    }
    return ENT_OK;
}

/* ---------------------------------------------------------------- top level */

typedef struct {
    const char *name;
    int index;
} named_index;

static int cmp_named_index(const void *a, const void *b)
{
    return strcmp(((const named_index *)a)->name, ((const named_index *)b)->name);
}

static int load_root(loader *L, config_t *cf)
{
    ent_scenario *s = L->s;
    config_setting_t *root = config_root_setting(cf);
    static const char *const keys[] = {"title", "source", "notes", "params", "actors", "infeasible",
                                       "irreversible", "payoffs", "preferences", "outcomes", "sequence",
                                       "coalition", "analysis", "bargaining", NULL};
    int rc;
    if ((rc = check_keys(L, root, "the scenario", keys)))
        return rc;
    const char *t;
    config_setting_t *c;
    t = "";
    if ((c = config_setting_get_member(root, "title")) && (rc = get_str(L, c, "title", &t)))
        return rc;
    if (!(s->title = ent_strdup(t)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    t = "";
    if ((c = config_setting_get_member(root, "source")) && (rc = get_str(L, c, "source", &t)))
        return rc;
    if (!(s->source = ent_strdup(t)))
        return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
    if ((c = config_setting_get_member(root, "notes")) && (rc = get_str(L, c, "notes", &t)))
        return rc;
    L->sy.params = NULL;
    if ((c = config_setting_get_member(root, "params")) && (rc = load_params(L, c)))
        return rc;
    L->sy.nparams = s->nparams;
    L->sy.params = s->pnames;
    if (s->nparams > 0) { /* expressions look parameters up by binary search */
        named_index *ni = malloc(sizeof *ni * (size_t)s->nparams);
        if (!ni || !(L->param_order = malloc(sizeof(int) * (size_t)s->nparams))) {
            free(ni);
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        }
        for (int i = 0; i < s->nparams; i++)
            ni[i] = (named_index){s->pnames[i], i};
        qsort(ni, (size_t)s->nparams, sizeof *ni, cmp_named_index);
        for (int i = 0; i < s->nparams; i++)
            L->param_order[i] = ni[i].index;
        free(ni);
        L->sy.param_order = L->param_order;
    }
    config_setting_t *as = config_setting_get_member(root, "actors");
    config_setting_t *co = config_setting_get_member(root, "coalition");
    if (!as && !co)
        return fail(L, root, ENT_EPARSE, "the scenario has neither actors nor a coalition block");
    if (as) {
        if ((rc = load_actors(L, as)) || (rc = load_infeasible(L, config_setting_get_member(root, "infeasible"), as)))
            return rc;
        uint64_t bytes = 0;
        if (!ent_mul_ok(s->nprofiles, (uint64_t)s->nactors * sizeof(double), &bytes) || bytes > s->opts.mem_limit)
            return fail(L, as, ENT_ETOOBIG,
                        "%llu profiles x %d actors exceed the payoff memory limit of %zu bytes",
                        (unsigned long long)s->nprofiles, s->nactors, s->opts.mem_limit);
        if ((rc = make_labels(L)))
            return rc;
        if ((c = config_setting_get_member(root, "irreversible")) && (rc = load_irreversible(L, c)))
            return rc;
        config_setting_t *pk[3] = {config_setting_get_member(root, "payoffs"),
                                   config_setting_get_member(root, "preferences"),
                                   config_setting_get_member(root, "outcomes")};
        int given = !!pk[0] + !!pk[1] + !!pk[2];
        if (given != 1)
            return fail(L, given ? (pk[1] ? pk[1] : pk[2]) : as, ENT_EPARSE,
                        "give the actors' preferences in exactly one way: payoffs (rules), preferences (statements) or outcomes (table)%s",
                        given ? "; this scenario gives several" : "");
        s->pref_kind = pk[0] ? 0 : pk[1] ? 1 : 2;
        rc = pk[0] ? load_rules(L, pk[0]) : pk[1] ? load_statements(L, pk[1]) : load_outcomes(L, pk[2]);
        if (rc || (rc = sc_prepare(s, L->err)))
            return rc;
        if ((c = config_setting_get_member(root, "sequence")) && (rc = load_sequence(L, c)))
            return rc;
    } else {
        static const char *const need_actors[] = {"infeasible", "irreversible", "payoffs", "preferences",
                                                  "outcomes", "sequence"};
        for (int i = 0; i < 6; i++)
            if ((c = config_setting_get_member(root, need_actors[i])))
                return fail(L, c, ENT_EPARSE, "%s needs an actors list", need_actors[i]);
    }
    if ((c = config_setting_get_member(root, "bargaining")) &&
        (rc = scb_load(L, bargaining_fail, c, &s->barg)))
        return rc;
    if (s->barg && s->barg->state) { /* the actors are loaded: check the state now */
        config_setting_t *st = config_setting_get_member(c, "disagreement_state");
        int *prof = malloc(sizeof(int) * (size_t)(s->nactors ? s->nactors : 1));
        ent_error e2 = {0, ""};
        if (!prof)
            return ent_error_set(L->err, ENT_ENOMEM, "out of memory");
        if (!as || ent_scenario_parse_state(s, s->barg->state, prof, &e2) != ENT_OK) {
            free(prof);
            return fail(L, st, ENT_EPARSE, "bargaining: disagreement_state: %s",
                        as ? e2.msg : "the scenario has no actors");
        }
        free(prof);
    }
    if (co && (rc = load_coalition(L, co)))
        return rc;
    if ((c = config_setting_get_member(root, "analysis")) && (rc = load_analysis(L, c)))
        return rc;
    if (as) { /* evaluate once at the point: division by zero, non-finite payoffs */
        ent_game *g = NULL;
        rc = ent_scenario_compile(s, &g, L->err);
        ent_game_free(&g);
        if (rc)
            return rc;
    }
    return ENT_OK;
}

int ent_scenario_load(const char *path, const ent_scenario_opts *o, ent_scenario **out, ent_error *err)
{
    *out = NULL;
    int rc = file_size_ok(path, path, err);
    if (rc)
        return rc;
    ent_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    s->quota = NAN;
    if (o)
        s->opts = *o;
    else
        ent_scenario_opts_init(&s->opts);
    s->path = ent_strdup(path);
    s->dir = dir_of(path);
    if (!s->path || !s->dir) {
        ent_scenario_free(&s);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    const char *stack[SC_MAX_INCLUDE_DEPTH + 1];
    flat F;
    memset(&F, 0, sizeof F);
    if ((rc = flatten(&F, s, s->path, stack, 0, err))) {
        ent_buf_free(&F.text);
        free(F.map);
        ent_scenario_free(&s);
        return rc;
    }
    ent_sha256_hex(F.text.data ? F.text.data : "", F.text.len, s->sha256);
    ent_buf T = {0};
    sc_text_error te;
    if ((rc = sc_text_prepare(F.text.data ? F.text.data : "", F.text.len, &T, &te))) {
        if (rc == ENT_ENOMEM)
            ent_error_set(err, rc, "out of memory");
        else if (te.line >= 1 && te.line <= F.nmap)
            ent_error_set(err, rc, "%s:%d: %s", F.map[te.line - 1].file, F.map[te.line - 1].line, te.msg);
        else
            ent_error_set(err, rc, "%s: %s", path, te.msg);
        ent_buf_free(&T);
        ent_buf_free(&F.text);
        free(F.map);
        ent_scenario_free(&s);
        return rc;
    }
    ent_buf_free(&F.text);
    F.text = T;
    config_t cf;
    config_init(&cf);
    config_set_options(&cf, CONFIG_OPTION_AUTOCONVERT);
    if (config_read_string(&cf, F.text.data ? F.text.data : "") != CONFIG_TRUE) {
        int el = config_error_line(&cf);
        if (el >= 1 && el <= F.nmap)
            rc = ent_error_set(err, ENT_EPARSE, "%s:%d: %s", F.map[el - 1].file, F.map[el - 1].line,
                               config_error_text(&cf));
        else
            rc = ent_error_set(err, ENT_EPARSE, "%s:%d: %s", path, el > F.nmap ? F.nmap : el,
                               config_error_text(&cf));
    } else {
        loader L = {s, err, {0}, F.map, F.nmap, NULL};
        rc = load_root(&L, &cf);
        if (rc == ENT_OK)
            rc = sc_collect_warnings(s) ? ent_error_set(err, ENT_ENOMEM, "out of memory") : ENT_OK;
        free(L.param_order);
    }
    config_destroy(&cf);
    ent_buf_free(&F.text);
    free(F.map);
    if (rc) {
        if (err) /* one line, whatever the file's strings contain */
            for (char *c = err->msg; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                    *c = ' ';
        ent_scenario_free(&s);
        return rc;
    }
    *out = s;
    return ENT_OK;
}

void ent_scenario_free(ent_scenario **sp)
{
    if (!sp || !*sp)
        return;
    ent_scenario *s = *sp;
    for (int i = 0; i < s->nparams; i++) {
        free(s->params[i].name);
        free(s->params[i].dv);
        free(s->params[i].dw);
    }
    free(s->params);
    free(s->pv);
    free(s->pnames);
    for (int a = 0; a < s->nactors; a++) {
        sc_actor *A = &s->actors[a];
        for (int k = 0; k < A->nitems; k++) {
            if (A->items)
                free(A->items[k]);
            if (A->text_on)
                free(A->text_on[k]);
            if (A->text_off)
                free(A->text_off[k]);
        }
        if (A->labels)
            for (int j = 0; j < A->nstrat; j++)
                free(A->labels[j]);
        free(A->items);
        free(A->text_on);
        free(A->text_off);
        free(A->labels);
        free(A->strat);
        free(A->id);
        free(A->name);
    }
    for (int r = 0; r < s->nrules; r++) {
        ent_expr_free(&s->rules[r].when);
        if (s->rules[r].val)
            for (int a = 0; a < s->nactors; a++)
                ent_expr_free(&s->rules[r].val[a]);
        free(s->rules[r].val);
    }
    free(s->rules);
    if (s->stmt)
        for (int a = 0; a < s->nactors; a++) {
            for (int k = 0; k < s->nstmt[a]; k++)
                ent_expr_free(&s->stmt[a][k]);
            free(s->stmt[a]);
        }
    free(s->stmt);
    free(s->nstmt);
    free(s->table);
    free(s->rmask);
    free(s->plits);
    free(s->rany);
    for (int i = 0; i < s->ninf; i++)
        ent_expr_free(&s->inf[i]);
    free(s->inf);
    free(s->irrev);
    free(s->actors);
    free(s->aids);
    free(s->aitems);
    free(s->anitems);
    free(s->alitbase);
    for (int i = 0; i < s->nstages; i++)
        free(s->stages[i]);
    free(s->stages);
    free(s->stage_n);
    for (int i = 0; i < s->nconcepts; i++)
        free(s->concepts[i]);
    free(s->concepts);
    free(s->concept_lines);
    free(s->concept_files);
    for (int i = 0; i < s->nwarnings; i++)
        free(s->warnings[i]);
    free(s->warnings);
    free(s->status_quo);
    scb_free(&s->barg);
    free(s->sweeps);
    for (int i = 0; i < s->cm; i++) {
        free(s->cids[i]);
        free(s->cnames[i]);
    }
    free(s->cids);
    free(s->cnames);
    for (int k = 0; k < s->cnattrs; k++)
        free(s->cattr_names[k]);
    free(s->cattr_names);
    free(s->cattrs);
    free(s->cattr_read);
    ent_expr_free(&s->cvalue);
    ent_expr_free(&s->cpayoff);
    for (int j = 0; j < s->ncvalues; j++)
        free(s->cvalues[j].members);
    free(s->cvalues);
    free(s->cvec);
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    free(s->title);
    free(s->source);
    free(s->path);
    free(s->dir);
    free(s);
    *sp = NULL;
}
