/* expr.c — compiler and evaluator of scenario expressions. A recursive-descent parser
 * (precedence climbing as in Aho, Lam, Sethi & Ullman, "Compilers", 2nd ed., §4.4) emits
 * code for a small stack machine; && || and ?: compile to jumps so that an unevaluated
 * branch cannot fail. Evaluation uses a fixed-size stack on the C stack: no allocation,
 * no shared mutable state. */
#include "expr.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EXPR_MAX_STACK 64
#define EXPR_MAX_DEPTH 100
#define EXPR_MAX_LEN 65536

enum {
    OP_K, OP_PARAM, OP_LIT, OP_NEG, OP_NOT, OP_BOOL, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_JZ, OP_JNZ, OP_JMP, OP_ABS, OP_EXP, OP_LOG,
    OP_SQRT, OP_MIN, OP_MAX, OP_ASUM, OP_AMAX, OP_AMIN, OP_COUNT, OP_MATTR, OP_INSIDE,
    OP_VALUE
};

typedef struct {
    int op;
    int arg; /* index or jump target */
    int col; /* 1-based column in the text, for messages */
    double k;
} ins;

struct ent_expr {
    ins *code;
    int n, cap;
    unsigned uses;
    uint64_t actors;
    char *text;
    const char *file; /* borrowed: outlives the expression (the scenario owns it) */
    int line;
};

typedef struct {
    const char *s;
    size_t pos;
    const ent_expr_syms *sy;
    ent_expr *e;
    ent_error *err;
    int failed;
    int depth, sp, maxsp;
} parser;

unsigned ent_expr_uses(const ent_expr *e) { return e->uses; }

void ent_expr_mark_params(const ent_expr *e, unsigned char *used, int n)
{
    for (int i = 0; e && i < e->n; i++)
        if (e->code[i].op == OP_PARAM && e->code[i].arg >= 0 && e->code[i].arg < n)
            used[e->code[i].arg] = 1;
}

void ent_expr_mark_lits(const ent_expr *e, unsigned char *used, int n)
{
    for (int i = 0; e && i < e->n; i++)
        if (e->code[i].op == OP_LIT && e->code[i].arg >= 0 && e->code[i].arg < n)
            used[e->code[i].arg] = 1;
}

int ent_expr_reads_attr(const ent_expr *e, int k)
{
    for (int pc = 0; pc < e->n; pc++)
        if ((e->code[pc].op == OP_ASUM || e->code[pc].op == OP_AMAX || e->code[pc].op == OP_AMIN) &&
            e->code[pc].arg == k)
            return 1;
    return 0;
}
uint64_t ent_expr_actors(const ent_expr *e) { return e->actors; }
const char *ent_expr_text(const ent_expr *e) { return e->text; }
const char *ent_expr_file(const ent_expr *e) { return e->file; }
int ent_expr_line(const ent_expr *e) { return e->line; }

static size_t lev(const char *a, size_t na, const char *b, size_t nb)
{
    size_t row[64];
    if (nb >= 63 || na >= 63)
        return 1000;
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cur = row[j];
            size_t best = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[nb];
}

const char *ent_expr_nearest(const char *s, size_t len, const char *const *names, int n)
{
    const char *best = NULL;
    size_t bd = (size_t)-1;
    for (int i = 0; i < n; i++) {
        size_t d = lev(s, len, names[i], strlen(names[i]));
        if (d < bd) {
            bd = d;
            best = names[i];
        }
    }
    size_t lim = len / 3 + 1;
    if (lim > 3)
        lim = 3;
    if (best && bd <= lim)
        return best;
    /* otherwise a unique name that the text begins (at least 3 characters) */
    const char *pre = NULL;
    for (int i = 0; i < n && len >= 3; i++)
        if (strlen(names[i]) > len && !strncasecmp(names[i], s, len)) {
            if (pre)
                return NULL;
            pre = names[i];
        }
    return pre;
}

const char *ent_nearest_name(const char *s, const char *const *names, int n)
{
    return s ? ent_expr_nearest(s, strlen(s), names, n) : NULL;
}

/* the expression as quoted in a message: at most 60 characters, on one line */
static void shown_text(const char *text, char *out, size_t cap)
{
    if (strlen(text) > 60)
        snprintf(out, cap, "%.57s...", text);
    else
        snprintf(out, cap, "%s", text);
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = ' ';
}

static void perr(parser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    char msg[600], shown[80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    shown_text(p->s, shown, sizeof shown);
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = ' ';
    ent_error_set(p->err, ENT_EPARSE, "%s:%d: in \"%s\" at column %zu: %s", p->e->file, p->e->line,
                  shown, at + 1, msg);
}

static void emit(parser *p, int op, int arg, double k, size_t col, int dsp)
{
    if (p->failed)
        return;
    ent_expr *e = p->e;
    if (e->n == e->cap) {
        int nc = e->cap ? e->cap * 2 : 16;
        ins *c = realloc(e->code, sizeof(ins) * (size_t)nc);
        if (!c) {
            p->failed = 1;
            ent_error_set(p->err, ENT_ENOMEM, "out of memory");
            return;
        }
        e->code = c;
        e->cap = nc;
    }
    e->code[e->n++] = (ins){op, arg, (int)col + 1, k};
    p->sp += dsp;
    if (p->sp > p->maxsp)
        p->maxsp = p->sp;
    if (p->maxsp > EXPR_MAX_STACK)
        perr(p, col, "expression too complex (evaluation stack above %d)", EXPR_MAX_STACK);
}

static void skip(parser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
           p->s[p->pos] == '\r')
        p->pos++;
}

/* Consume `tok` if it comes next (after blanks), refusing a prefix of a longer operator. */
static int accept(parser *p, const char *tok)
{
    skip(p);
    size_t n = strlen(tok);
    if (strncmp(p->s + p->pos, tok, n) != 0)
        return 0;
    char nx = p->s[p->pos + n];
    if (n == 1 && (tok[0] == '&' || tok[0] == '|') && nx == tok[0])
        return 0;
    if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!' || tok[0] == '=') && nx == '=')
        return 0;
    p->pos += n;
    return 1;
}

static int is_id0(char c) { return isalpha((unsigned char)c) || c == '_'; }
static int is_id(char c) { return isalnum((unsigned char)c) || c == '_'; }

static void expr_(parser *p);

static int find(const char *s, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && !strncmp(names[i], s, n))
            return i;
    return -1;
}

/* find() over names sorted by `order` (strcmp order): binary search */
static int find_sorted(const char *s, size_t n, const char *const *names, const int *order, int count)
{
    int lo = 0, hi = count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const char *m = names[order[mid]];
        int c = strncmp(m, s, n);
        if (c == 0)
            c = m[n] != '\0'; /* m is longer: it sorts after s */
        if (c == 0)
            return order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static void suggest(char *buf, size_t cap, const char *s, size_t n, const char *const *names, int count)
{
    const char *near = ent_expr_nearest(s, n, names, count);
    if (near)
        snprintf(buf, cap, " (did you mean '%s'?)", near);
    else
        buf[0] = '\0';
}

static int patch_here(parser *p, int at)
{
    if (!p->failed)
        p->e->code[at].arg = p->e->n;
    return 0;
}

/* function call: name already read, '(' next */
static void call(parser *p, const char *name, size_t nl, size_t col)
{
    static const char *const fns[] = {"min", "max", "abs", "exp", "log", "sqrt", "sum", "count"};
    const ent_expr_syms *sy = p->sy;
    accept(p, "(");
    int f = find(name, nl, fns, 8);
    if (f < 0) {
        char sg[80];
        suggest(sg, sizeof sg, name, nl, fns, 8);
        perr(p, col, "unknown function '%.*s'%s", (int)nl, name, sg);
        return;
    }
    /* aggregates over a coalition: sum(attr) max(attr) min(attr) count() */
    if (f == 7 || f == 6 || f == 0 || f == 1) {
        skip(p);
        size_t a0 = p->pos;
        size_t q = p->pos;
        while (is_id(p->s[q]))
            q++;
        size_t after = q;
        while (p->s[after] == ' ' || p->s[after] == '\t')
            after++;
        int one_ident = q > a0 && is_id0(p->s[a0]) && p->s[after] == ')';
        if (f == 7 || f == 6 || (one_ident && (sy->allow & ENT_EXPR_AGG) &&
                                 find(p->s + a0, q - a0, sy->attrs, sy->nattrs) >= 0)) {
            if (!(sy->allow & ENT_EXPR_AGG)) {
                perr(p, col, "%s() is a coalition aggregate, usable only in the coalition block",
                     fns[f]);
                return;
            }
            p->e->uses |= ENT_EXPR_USES_COAL;
            if (f == 7) {
                if (!accept(p, ")")) {
                    perr(p, p->pos, "count() takes no argument");
                    return;
                }
                emit(p, OP_COUNT, 0, 0, col, 1);
                return;
            }
            if (!one_ident) {
                perr(p, a0, "%s() takes the name of a member attribute", fns[f]);
                return;
            }
            int k = find(p->s + a0, q - a0, sy->attrs, sy->nattrs);
            if (k < 0) {
                char sg[80];
                suggest(sg, sizeof sg, p->s + a0, q - a0, sy->attrs, sy->nattrs);
                perr(p, a0, "unknown member attribute '%.*s'%s", (int)(q - a0), p->s + a0, sg);
                return;
            }
            p->pos = after + 1;
            emit(p, f == 6 ? OP_ASUM : f == 1 ? OP_AMAX : OP_AMIN, k, 0, col, 1);
            return;
        }
    }
    int nargs = 0;
    skip(p);
    if (p->s[p->pos] != ')') {
        for (;;) {
            expr_(p);
            if (p->failed)
                return;
            nargs++;
            if (nargs >= 2 && f <= 1)
                emit(p, f == 0 ? OP_MIN : OP_MAX, 0, 0, col, -1);
            if (!accept(p, ","))
                break;
        }
    }
    if (!accept(p, ")")) {
        skip(p);
        perr(p, p->pos, "expected ')' or ',' in the arguments of %s()", fns[f]);
        return;
    }
    if (f <= 1) {
        if (nargs < 2)
            perr(p, col, "%s() needs two or more numbers%s", fns[f],
                 (sy->allow & ENT_EXPR_AGG) ? " or one member attribute" : "");
        return;
    }
    if (nargs != 1) {
        perr(p, col, "%s() takes one argument, not %d", fns[f], nargs);
        return;
    }
    emit(p, f == 2 ? OP_ABS : f == 3 ? OP_EXP : f == 4 ? OP_LOG : OP_SQRT, 0, 0, col, 0);
}

static void name_(parser *p)
{
    const ent_expr_syms *sy = p->sy;
    size_t col = p->pos, q = p->pos;
    while (is_id(p->s[q]))
        q++;
    const char *a = p->s + col;
    size_t na = q - col;
    p->pos = q;
    skip(p);
    if (p->s[p->pos] == '(') {
        call(p, a, na, col);
        return;
    }
    if (p->s[p->pos] == '.' && is_id0(p->s[p->pos + 1])) {
        size_t c2 = p->pos + 1, q2 = c2;
        while (is_id(p->s[q2]))
            q2++;
        const char *b = p->s + c2;
        size_t nb = q2 - c2;
        p->pos = q2;
        char sg[80];
        if ((sy->allow & ENT_EXPR_MEMBER) && na == 6 && !strncmp(a, "member", 6)) {
            int k = find(b, nb, sy->attrs, sy->nattrs);
            if (k < 0) {
                suggest(sg, sizeof sg, b, nb, sy->attrs, sy->nattrs);
                perr(p, c2, "unknown member attribute '%.*s'%s", (int)nb, b, sg);
                return;
            }
            p->e->uses |= ENT_EXPR_USES_COAL;
            emit(p, OP_MATTR, k, 0, col, 1);
            return;
        }
        if (!(sy->allow & ENT_EXPR_LITS)) {
            perr(p, col, "'%.*s.%.*s': actor options cannot be used here", (int)na, a, (int)nb, b);
            return;
        }
        int ai = find(a, na, sy->actors, sy->nactors);
        if (ai < 0) {
            suggest(sg, sizeof sg, a, na, sy->actors, sy->nactors);
            perr(p, col, "unknown actor '%.*s'%s", (int)na, a, sg);
            return;
        }
        int k = find(b, nb, sy->items[ai], sy->nitems[ai]);
        if (k < 0) {
            suggest(sg, sizeof sg, b, nb, sy->items[ai], sy->nitems[ai]);
            perr(p, c2, "actor '%s' has no option or choice '%.*s'%s", sy->actors[ai], (int)nb, b, sg);
            return;
        }
        p->e->uses |= ENT_EXPR_USES_LITS;
        if (ai < 64)
            p->e->actors |= (uint64_t)1 << ai;
        emit(p, OP_LIT, sy->litbase[ai] + k, 0, col, 1);
        return;
    }
    if ((sy->allow & ENT_EXPR_MEMBER) && na == 6 && !strncmp(a, "inside", 6)) {
        p->e->uses |= ENT_EXPR_USES_COAL;
        emit(p, OP_INSIDE, 0, 0, col, 1);
        return;
    }
    if ((sy->allow & ENT_EXPR_VALUE) && na == 5 && !strncmp(a, "value", 5)) {
        p->e->uses |= ENT_EXPR_USES_COAL;
        emit(p, OP_VALUE, 0, 0, col, 1);
        return;
    }
    int k = !(sy->allow & ENT_EXPR_PARAMS) ? -1
            : sy->param_order ? find_sorted(a, na, sy->params, sy->param_order, sy->nparams)
                              : find(a, na, sy->params, sy->nparams);
    if (k >= 0) {
        p->e->uses |= ENT_EXPR_USES_PARAMS;
        emit(p, OP_PARAM, k, 0, col, 1);
        return;
    }
    if ((sy->allow & ENT_EXPR_LITS) && find(a, na, sy->actors, sy->nactors) >= 0) {
        perr(p, col, "'%.*s' is an actor: write %.*s.<option or choice>", (int)na, a, (int)na, a);
        return;
    }
    if (!(sy->allow & ENT_EXPR_PARAMS)) {
        perr(p, col, "parameters cannot be used here ('%.*s')", (int)na, a);
        return;
    }
    char sg[80];
    suggest(sg, sizeof sg, a, na, sy->params, sy->nparams);
    if (!sg[0] && (sy->allow & ENT_EXPR_MEMBER) && find(a, na, sy->attrs, sy->nattrs) >= 0)
        snprintf(sg, sizeof sg, " (write member.%.*s for the member's own attribute)", (int)na, a);
    perr(p, col, "unknown parameter '%.*s'%s", (int)na, a, sg);
}

static void primary(parser *p)
{
    skip(p);
    char c = p->s[p->pos];
    size_t col = p->pos;
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)p->s[p->pos + 1]))) {
        size_t q = p->pos;
        while (isdigit((unsigned char)p->s[q]))
            q++;
        if (p->s[q] == '.') {
            q++;
            while (isdigit((unsigned char)p->s[q]))
                q++;
        }
        if (p->s[q] == 'e' || p->s[q] == 'E') {
            size_t r = q + 1;
            if (p->s[r] == '+' || p->s[r] == '-')
                r++;
            if (isdigit((unsigned char)p->s[r])) {
                while (isdigit((unsigned char)p->s[r]))
                    r++;
                q = r;
            }
        }
        char tmp[64];
        if (q - p->pos >= sizeof tmp) {
            perr(p, col, "number too long");
            return;
        }
        memcpy(tmp, p->s + p->pos, q - p->pos);
        tmp[q - p->pos] = '\0';
        double v = strtod(tmp, NULL);
        if (!isfinite(v)) {
            perr(p, col, "number out of range");
            return;
        }
        p->pos = q;
        if (is_id(p->s[q])) {
            perr(p, q, "unexpected '%c' after a number", p->s[q]);
            return;
        }
        emit(p, OP_K, 0, v, col, 1);
        return;
    }
    if (is_id0(c)) {
        name_(p);
        return;
    }
    if (c == '(') {
        p->pos++;
        expr_(p);
        if (!accept(p, ")")) {
            skip(p);
            perr(p, p->pos, p->s[p->pos] ? "expected ')'" : "missing ')' at the end");
        }
        return;
    }
    if (!c)
        perr(p, col, "expression ends too early");
    else
        perr(p, col, "unexpected '%c'", c);
}

static void unary(parser *p);

/* power: right-associative, binds tighter than unary minus (-2^2 = -4) */
static void power(parser *p)
{
    primary(p);
    skip(p);
    size_t col = p->pos;
    if (accept(p, "^")) {
        unary(p);
        emit(p, OP_POW, 0, 0, col, -1);
    }
}

static void unary(parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        skip(p);
        perr(p, p->pos, "expression nested too deeply (more than %d levels)", EXPR_MAX_DEPTH);
        p->depth--;
        return;
    }
    skip(p);
    size_t col = p->pos;
    if (accept(p, "-")) {
        unary(p);
        emit(p, OP_NEG, 0, 0, col, 0);
    } else if (accept(p, "+")) {
        unary(p);
    } else if (accept(p, "!")) {
        unary(p);
        emit(p, OP_NOT, 0, 0, col, 0);
    } else {
        power(p);
    }
    p->depth--;
}

static void mul(parser *p)
{
    unary(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        if (accept(p, "*")) {
            unary(p);
            emit(p, OP_MUL, 0, 0, col, -1);
        } else if (accept(p, "/")) {
            unary(p);
            emit(p, OP_DIV, 0, 0, col, -1);
        } else
            return;
        if (p->failed)
            return;
    }
}

static void add(parser *p)
{
    mul(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        if (accept(p, "+")) {
            mul(p);
            emit(p, OP_ADD, 0, 0, col, -1);
        } else if (accept(p, "-")) {
            mul(p);
            emit(p, OP_SUB, 0, 0, col, -1);
        } else
            return;
        if (p->failed)
            return;
    }
}

static void rel(parser *p)
{
    add(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        int op;
        if (accept(p, "<="))
            op = OP_LE;
        else if (accept(p, ">="))
            op = OP_GE;
        else if (accept(p, "<"))
            op = OP_LT;
        else if (accept(p, ">"))
            op = OP_GT;
        else
            return;
        add(p);
        emit(p, op, 0, 0, col, -1);
        if (p->failed)
            return;
    }
}

static void eq(parser *p)
{
    rel(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        int op;
        if (accept(p, "=="))
            op = OP_EQ;
        else if (accept(p, "!="))
            op = OP_NE;
        else if (p->s[p->pos] == '=' && p->s[p->pos + 1] != '=') {
            perr(p, col, "'=' is not an operator here: write '==' to compare");
            return;
        } else
            return;
        rel(p);
        emit(p, op, 0, 0, col, -1);
        if (p->failed)
            return;
    }
}

/* a && b  ->  a JZ F; b BOOL; JMP E; F: K 0; E: */
static void land(parser *p)
{
    eq(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        if (!accept(p, "&&") && !accept(p, "&"))
            return;
        int jz = p->e->n;
        emit(p, OP_JZ, 0, 0, col, -1);
        eq(p);
        emit(p, OP_BOOL, 0, 0, col, 0);
        int jmp = p->e->n;
        emit(p, OP_JMP, 0, 0, col, 0);
        patch_here(p, jz);
        p->sp--;
        emit(p, OP_K, 0, 0.0, col, 1);
        patch_here(p, jmp);
        if (p->failed)
            return;
    }
}

static void lor(parser *p)
{
    land(p);
    for (;;) {
        skip(p);
        size_t col = p->pos;
        if (!accept(p, "||") && !accept(p, "|"))
            return;
        int jnz = p->e->n;
        emit(p, OP_JNZ, 0, 0, col, -1);
        land(p);
        emit(p, OP_BOOL, 0, 0, col, 0);
        int jmp = p->e->n;
        emit(p, OP_JMP, 0, 0, col, 0);
        patch_here(p, jnz);
        p->sp--;
        emit(p, OP_K, 0, 1.0, col, 1);
        patch_here(p, jmp);
        if (p->failed)
            return;
    }
}

/* c ? x : y  ->  c JZ L; x JMP E; L: y; E: */
static void expr_(parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        skip(p);
        perr(p, p->pos, "expression nested too deeply (more than %d levels)", EXPR_MAX_DEPTH);
        p->depth--;
        return;
    }
    lor(p);
    skip(p);
    size_t col = p->pos;
    if (accept(p, "?")) {
        int jz = p->e->n;
        emit(p, OP_JZ, 0, 0, col, -1);
        expr_(p);
        if (!accept(p, ":")) {
            skip(p);
            perr(p, p->pos, "expected ':' of the '?' at column %zu", col + 1);
            p->depth--;
            return;
        }
        int jmp = p->e->n;
        emit(p, OP_JMP, 0, 0, col, 0);
        patch_here(p, jz);
        p->sp--;
        expr_(p);
        patch_here(p, jmp);
    }
    p->depth--;
}

int ent_expr_compile(const char *text, const ent_expr_syms *syms, const char *file, int line,
                     ent_expr **out, ent_error *err)
{
    *out = NULL;
    ent_expr *e = calloc(1, sizeof *e);
    if (!e)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    e->file = file;
    e->line = line;
    size_t n = strlen(text);
    if (n > EXPR_MAX_LEN) {
        free(e);
        return ent_error_set(err, ENT_ETOOBIG, "%s:%d: expression of %zu characters (at most %d)",
                             file, line, n, EXPR_MAX_LEN);
    }
    e->text = ent_strdup(text);
    if (!e->text) {
        free(e);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    parser p = {text, 0, syms, e, err, 0, 0, 0, 0};
    expr_(&p);
    skip(&p);
    if (!p.failed && text[p.pos]) {
        if (text[p.pos] == ')')
            perr(&p, p.pos, "unbalanced ')'");
        else
            perr(&p, p.pos, "unexpected '%c' after a complete expression", text[p.pos]);
    }
    if (p.failed) {
        int st = err ? err->status : ENT_EPARSE;
        ent_expr_free(&e);
        return st ? st : ENT_EPARSE;
    }
    *out = e;
    return ENT_OK;
}

void ent_expr_free(ent_expr **e)
{
    if (!e || !*e)
        return;
    free((*e)->code);
    free((*e)->text);
    free(*e);
    *e = NULL;
}

static int eval_fail(const ent_expr *e, int col, ent_error *err, const char *what)
{
    if (err) {
        char shown[80];
        shown_text(e->text, shown, sizeof shown);
        ent_error_set(err, ENT_ENUMERIC, "%s:%d: in \"%s\" at column %d: %s", e->file, e->line,
                      shown, col, what);
    }
    return ENT_ENUMERIC;
}

int ent_expr_eval(const ent_expr *e, const ent_expr_env *env, double *out, ent_error *err)
{
    double st[EXPR_MAX_STACK];
    int sp = 0;
    const ins *c = e->code;
    for (int pc = 0; pc < e->n; pc++) {
        const ins *I = &c[pc];
        double x;
        switch (I->op) {
        case OP_K:
            st[sp++] = I->k;
            break;
        case OP_PARAM:
            st[sp++] = env->params[I->arg];
            break;
        case OP_LIT:
            st[sp++] = env->lits[I->arg] ? 1.0 : 0.0;
            break;
        case OP_NEG:
            st[sp - 1] = -st[sp - 1];
            break;
        case OP_NOT:
            st[sp - 1] = st[sp - 1] == 0.0 ? 1.0 : 0.0;
            break;
        case OP_BOOL:
            st[sp - 1] = st[sp - 1] != 0.0 ? 1.0 : 0.0;
            break;
        case OP_ADD:
            sp--;
            st[sp - 1] += st[sp];
            break;
        case OP_SUB:
            sp--;
            st[sp - 1] -= st[sp];
            break;
        case OP_MUL:
            sp--;
            st[sp - 1] *= st[sp];
            break;
        case OP_DIV:
            sp--;
            if (st[sp] == 0.0)
                return eval_fail(e, I->col, err, "division by zero");
            st[sp - 1] /= st[sp];
            break;
        case OP_POW:
            sp--;
            x = pow(st[sp - 1], st[sp]);
            if (!isfinite(x))
                return eval_fail(e, I->col, err, "'^' gives a non-finite value");
            st[sp - 1] = x;
            break;
        case OP_LT:
            sp--;
            st[sp - 1] = st[sp - 1] < st[sp];
            break;
        case OP_LE:
            sp--;
            st[sp - 1] = st[sp - 1] <= st[sp];
            break;
        case OP_GT:
            sp--;
            st[sp - 1] = st[sp - 1] > st[sp];
            break;
        case OP_GE:
            sp--;
            st[sp - 1] = st[sp - 1] >= st[sp];
            break;
        case OP_EQ:
            sp--;
            st[sp - 1] = st[sp - 1] == st[sp];
            break;
        case OP_NE:
            sp--;
            st[sp - 1] = st[sp - 1] != st[sp];
            break;
        case OP_JZ:
            if (st[--sp] == 0.0)
                pc = I->arg - 1;
            break;
        case OP_JNZ:
            if (st[--sp] != 0.0)
                pc = I->arg - 1;
            break;
        case OP_JMP:
            pc = I->arg - 1;
            break;
        case OP_ABS:
            st[sp - 1] = fabs(st[sp - 1]);
            break;
        case OP_EXP:
            x = exp(st[sp - 1]);
            if (!isfinite(x))
                return eval_fail(e, I->col, err, "exp() overflows");
            st[sp - 1] = x;
            break;
        case OP_LOG:
            if (!(st[sp - 1] > 0.0))
                return eval_fail(e, I->col, err, "log() of a number that is not positive");
            st[sp - 1] = log(st[sp - 1]);
            break;
        case OP_SQRT:
            if (st[sp - 1] < 0.0)
                return eval_fail(e, I->col, err, "sqrt() of a negative number");
            st[sp - 1] = sqrt(st[sp - 1]);
            break;
        case OP_MIN:
            sp--;
            if (st[sp] < st[sp - 1])
                st[sp - 1] = st[sp];
            break;
        case OP_MAX:
            sp--;
            if (st[sp] > st[sp - 1])
                st[sp - 1] = st[sp];
            break;
        case OP_ASUM:
        case OP_AMAX:
        case OP_AMIN: {
            double acc = 0.0;
            for (int i = 0; i < env->m; i++) {
                double v = env->attrs[(size_t)env->members[i] * (size_t)env->nattrs + (size_t)I->arg];
                if (I->op == OP_ASUM)
                    acc += v;
                else if (i == 0 || (I->op == OP_AMAX ? v > acc : v < acc))
                    acc = v;
            }
            st[sp++] = acc;
            break;
        }
        case OP_COUNT:
            st[sp++] = (double)env->m;
            break;
        case OP_MATTR:
            st[sp++] = env->attrs[(size_t)env->member * (size_t)env->nattrs + (size_t)I->arg];
            break;
        case OP_INSIDE:
            st[sp++] = env->inside ? 1.0 : 0.0;
            break;
        case OP_VALUE:
            st[sp++] = env->value;
            break;
        default:
            return eval_fail(e, I->col, err, "internal error: bad instruction");
        }
    }
    if (!isfinite(st[0]))
        return eval_fail(e, 1, err, "the value is not finite");
    *out = st[0];
    return ENT_OK;
}

/* ------------------------------------------------------- interval evaluation */

#define RANGE_MAX_FORK 12

typedef struct {
    double lo[EXPR_MAX_STACK], hi[EXPR_MAX_STACK];
    int sp;
} rstack;

static void hull4(double a, double b, double c, double d, double *lo, double *hi)
{
    double m = a, M = a;
    if (b < m) m = b;
    if (b > M) M = b;
    if (c < m) m = c;
    if (c > M) M = c;
    if (d < m) m = d;
    if (d > M) M = d;
    *lo = m;
    *hi = M;
}

/* interval product; 0 * inf counts as 0 (the bound is a limit of finite values) */
static double mul0(double a, double b) { return a == 0.0 || b == 0.0 ? 0.0 : a * b; }

/* truth of an interval: 0 surely false, 1 surely true, 2 undecided */
static int truth(double lo, double hi)
{
    if (lo == 0.0 && hi == 0.0)
        return 0;
    if (lo > 0.0 || hi < 0.0)
        return 1;
    return 2;
}

static void set_bool(rstack *s, int i, int t)
{
    s->lo[i] = t == 1 ? 1.0 : 0.0;
    s->hi[i] = t == 0 ? 0.0 : 1.0;
}

/* run from pc to the end; forks (by recursion) on an undecided jump */
static void range_run(const ent_expr *e, const ent_expr_range *env, int pc, rstack *s, int forks,
                      double *olo, double *ohi)
{
    const ins *c = e->code;
    double *L = s->lo, *H = s->hi;
    for (; pc < e->n; pc++) {
        const ins *I = &c[pc];
        int sp = s->sp;
        double a, b, x0, x1;
        switch (I->op) {
        case OP_K:
            L[sp] = H[sp] = I->k;
            s->sp++;
            break;
        case OP_PARAM:
            L[sp] = H[sp] = env->params[I->arg];
            s->sp++;
            break;
        case OP_LIT:
            L[sp] = 0.0;
            H[sp] = 1.0;
            s->sp++;
            break;
        case OP_INSIDE:
            L[sp] = env->member ? (double)env->inside : 0.0;
            H[sp] = env->member ? (double)env->inside : 1.0;
            s->sp++;
            break;
        case OP_MATTR:
            L[sp] = env->member ? env->member_attrs[I->arg] : -INFINITY;
            H[sp] = env->member ? env->member_attrs[I->arg] : INFINITY;
            s->sp++;
            break;
        case OP_VALUE:
            L[sp] = env->member ? env->value_lo : -INFINITY;
            H[sp] = env->member ? env->value_hi : INFINITY;
            s->sp++;
            break;
        case OP_NEG:
            a = L[sp - 1];
            L[sp - 1] = -H[sp - 1];
            H[sp - 1] = -a;
            break;
        case OP_NOT: {
            int t = truth(L[sp - 1], H[sp - 1]);
            set_bool(s, sp - 1, t == 2 ? 2 : !t);
            break;
        }
        case OP_BOOL:
            set_bool(s, sp - 1, truth(L[sp - 1], H[sp - 1]));
            break;
        case OP_ADD:
            s->sp--;
            L[sp - 2] += L[sp - 1];
            H[sp - 2] += H[sp - 1];
            break;
        case OP_SUB:
            s->sp--;
            a = L[sp - 2] - H[sp - 1];
            H[sp - 2] = H[sp - 2] - L[sp - 1];
            L[sp - 2] = a;
            break;
        case OP_MUL:
            s->sp--;
            hull4(mul0(L[sp - 2], L[sp - 1]), mul0(L[sp - 2], H[sp - 1]), mul0(H[sp - 2], L[sp - 1]),
                  mul0(H[sp - 2], H[sp - 1]), &L[sp - 2], &H[sp - 2]);
            break;
        case OP_DIV:
            s->sp--;
            if (L[sp - 1] <= 0.0 && H[sp - 1] >= 0.0) {
                L[sp - 2] = -INFINITY;
                H[sp - 2] = INFINITY;
            } else {
                a = 1.0 / H[sp - 1];
                b = 1.0 / L[sp - 1];
                hull4(mul0(L[sp - 2], a), mul0(L[sp - 2], b), mul0(H[sp - 2], a), mul0(H[sp - 2], b),
                      &L[sp - 2], &H[sp - 2]);
            }
            break;
        case OP_POW:
            s->sp--;
            /* x^y is monotone in each argument for x > 0 (and for x >= 0, y > 0), so its
             * extremes over a box are at the corners */
            if (L[sp - 2] > 0.0 || (L[sp - 2] == 0.0 && L[sp - 1] > 0.0)) {
                hull4(pow(L[sp - 2], L[sp - 1]), pow(L[sp - 2], H[sp - 1]), pow(H[sp - 2], L[sp - 1]),
                      pow(H[sp - 2], H[sp - 1]), &x0, &x1);
                L[sp - 2] = isnan(x0) ? -INFINITY : x0;
                H[sp - 2] = isnan(x1) ? INFINITY : x1;
            } else if (L[sp - 2] == H[sp - 2] && L[sp - 1] == H[sp - 1]) {
                x0 = pow(L[sp - 2], L[sp - 1]);
                L[sp - 2] = isfinite(x0) ? x0 : -INFINITY;
                H[sp - 2] = isfinite(x0) ? x0 : INFINITY;
            } else {
                L[sp - 2] = -INFINITY;
                H[sp - 2] = INFINITY;
            }
            break;
        case OP_LT:
        case OP_LE:
        case OP_GT:
        case OP_GE:
        case OP_EQ:
        case OP_NE: {
            s->sp--;
            double al = L[sp - 2], ah = H[sp - 2], bl = L[sp - 1], bh = H[sp - 1];
            int t = 2;
            switch (I->op) {
            case OP_LT:
                t = ah < bl ? 1 : al >= bh ? 0 : 2;
                break;
            case OP_LE:
                t = ah <= bl ? 1 : al > bh ? 0 : 2;
                break;
            case OP_GT:
                t = al > bh ? 1 : ah <= bl ? 0 : 2;
                break;
            case OP_GE:
                t = al >= bh ? 1 : ah < bl ? 0 : 2;
                break;
            case OP_EQ:
                t = (al == ah && bl == bh && al == bl) ? 1 : (ah < bl || bh < al) ? 0 : 2;
                break;
            default:
                t = (al == ah && bl == bh && al == bl) ? 0 : (ah < bl || bh < al) ? 1 : 2;
                break;
            }
            set_bool(s, sp - 2, t);
            break;
        }
        case OP_JZ:
        case OP_JNZ: {
            int t = truth(L[sp - 1], H[sp - 1]);
            s->sp--;
            int jump_if = I->op == OP_JNZ;
            if (t != 2) {
                if (t == jump_if)
                    pc = I->arg - 1;
                break;
            }
            if (forks >= RANGE_MAX_FORK) {
                *olo = -INFINITY;
                *ohi = INFINITY;
                return;
            }
            rstack copy = *s;
            double l1, h1, l2, h2;
            range_run(e, env, I->arg, &copy, forks + 1, &l1, &h1);
            range_run(e, env, pc + 1, s, forks + 1, &l2, &h2);
            *olo = l1 < l2 ? l1 : l2;
            *ohi = h1 > h2 ? h1 : h2;
            return;
        }
        case OP_JMP:
            pc = I->arg - 1;
            break;
        case OP_ABS:
            a = L[sp - 1];
            b = H[sp - 1];
            if (a >= 0.0)
                break;
            if (b <= 0.0) {
                L[sp - 1] = -b;
                H[sp - 1] = -a;
            } else {
                L[sp - 1] = 0.0;
                H[sp - 1] = -a > b ? -a : b;
            }
            break;
        case OP_EXP:
            L[sp - 1] = exp(L[sp - 1]);
            H[sp - 1] = exp(H[sp - 1]);
            break;
        case OP_LOG:
            if (L[sp - 1] > 0.0) {
                L[sp - 1] = log(L[sp - 1]);
                H[sp - 1] = log(H[sp - 1]);
            } else {
                L[sp - 1] = -INFINITY;
                H[sp - 1] = INFINITY;
            }
            break;
        case OP_SQRT:
            if (L[sp - 1] >= 0.0) {
                L[sp - 1] = sqrt(L[sp - 1]);
                H[sp - 1] = sqrt(H[sp - 1]);
            } else {
                L[sp - 1] = -INFINITY;
                H[sp - 1] = INFINITY;
            }
            break;
        case OP_MIN:
            s->sp--;
            if (L[sp - 1] < L[sp - 2])
                L[sp - 2] = L[sp - 1];
            if (H[sp - 1] < H[sp - 2])
                H[sp - 2] = H[sp - 1];
            break;
        case OP_MAX:
            s->sp--;
            if (L[sp - 1] > L[sp - 2])
                L[sp - 2] = L[sp - 1];
            if (H[sp - 1] > H[sp - 2])
                H[sp - 2] = H[sp - 1];
            break;
        case OP_ASUM:
            L[sp] = env->sum_lo[I->arg];
            H[sp] = env->sum_hi[I->arg];
            s->sp++;
            break;
        case OP_AMAX:
            L[sp] = env->max_lo[I->arg];
            H[sp] = env->max_hi[I->arg];
            s->sp++;
            break;
        case OP_AMIN:
            L[sp] = env->min_lo[I->arg];
            H[sp] = env->min_hi[I->arg];
            s->sp++;
            break;
        case OP_COUNT:
            L[sp] = env->count_lo;
            H[sp] = env->count_hi;
            s->sp++;
            break;
        default:
            *olo = -INFINITY;
            *ohi = INFINITY;
            return;
        }
        /* NaN (inf - inf, ...) widens to the whole line */
        int t = s->sp - 1;
        if (t >= 0 && (isnan(L[t]) || isnan(H[t]))) {
            L[t] = -INFINITY;
            H[t] = INFINITY;
        }
    }
    *olo = L[0];
    *ohi = H[0];
}

void ent_expr_eval_range(const ent_expr *e, const ent_expr_range *env, double *lo, double *hi)
{
    rstack s;
    s.sp = 0;
    range_run(e, env, 0, &s, 0, lo, hi);
}
