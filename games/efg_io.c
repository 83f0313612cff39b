/* efg_io.c — Gambit extensive-game (.efg) files: a one-pass streaming reader (both
 * "EFG 2 R" and "EFG 2 D") that builds the tree in preorder as the file lists it, and a
 * writer. Format: The Gambit Project, "Game representation formats — the extensive game
 * (.efg) file format". An information set's name and actions, and an outcome's name and
 * payoffs, may be omitted after their first appearance; when repeated they must agree.
 * Linear time (hash maps from the file's numbers to indices); every error names
 * file:line of the offending token. */
#include "efg_impl.h"
#include "gambit_text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EFG_MAX_NUMBER 2147483647LL /* information-set, outcome and player numbers */

/* ------------------------------------------------- number -> index hash map */

typedef struct {
    uint64_t *key;
    int32_t *val;
    size_t cap, n; /* cap a power of two; key 0 = empty (keys are stored + 1) */
} idmap;

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

static int32_t idmap_get(const idmap *m, uint64_t key)
{
    if (!m->cap)
        return -1;
    key++;
    for (size_t i = mix64(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == key)
            return m->val[i];
        if (m->key[i] == 0)
            return -1;
    }
}

static int idmap_put(idmap *m, uint64_t key, int32_t val)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        uint64_t *k = calloc(nc, sizeof *k);
        int32_t *v = malloc(nc * sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return ENT_ENOMEM;
        }
        for (size_t j = 0; j < m->cap; j++)
            if (m->key[j]) {
                size_t i = mix64(m->key[j]) & (nc - 1);
                while (k[i])
                    i = (i + 1) & (nc - 1);
                k[i] = m->key[j];
                v[i] = m->val[j];
            }
        free(m->key);
        free(m->val);
        m->key = k;
        m->val = v;
        m->cap = nc;
    }
    key++;
    size_t i = mix64(key) & (m->cap - 1);
    while (m->key[i])
        i = (i + 1) & (m->cap - 1);
    m->key[i] = key;
    m->val[i] = val;
    m->n++;
    return ENT_OK;
}

static void idmap_free(idmap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* ----------------------------------------------------------------- parser */

typedef struct {
    gt_lexer L;
    ent_efg *t;
    const ent_game_opts *o;
    idmap isets, outs;
    /* scratch for one node's action list and payoffs */
    char **lab;
    double *val;
    int64_t *num, *den;
    size_t scap;
    int nlab;
    int exact;      /* every number so far exact */
    int nplayers;
} parser;

static int fail_tok(parser *P, const char *want)
{
    char d[96];
    return gt_fail(&P->L, P->L.tline, ENT_EPARSE, "expected %s, found %s", want,
                   gt_describe(&P->L, d, sizeof d));
}

static int next(parser *P) { return gt_next_token(&P->L); }

static const char *cur_str(const parser *P) { return P->L.str.data ? P->L.str.data : ""; }

/* Current token as a whole number in [lo, EFG_MAX_NUMBER]. */
static int whole(parser *P, const char *what, long long lo, long long *out)
{
    if (P->L.kind != T_NUMBER)
        return fail_tok(P, what);
    char *end;
    errno = 0;
    long long v = strtoll(P->L.text, &end, 10);
    if (*end || errno || v < lo || v > EFG_MAX_NUMBER) {
        char s[40];
        gt_show(s, sizeof s, P->L.text, P->L.tlen);
        return gt_fail(&P->L, P->L.tline, ENT_EPARSE, "%s must be a whole number from %lld to %lld, not %s",
                       what, lo, EFG_MAX_NUMBER, s);
    }
    *out = v;
    return ENT_OK;
}

static int scratch(parser *P, size_t n)
{
    if (n <= P->scap)
        return ENT_OK;
    size_t nc = P->scap ? P->scap * 2 : 16;
    while (nc < n)
        nc *= 2;
    char **l = realloc(P->lab, nc * sizeof *l);
    if (l)
        P->lab = l;
    double *v = realloc(P->val, nc * sizeof *v);
    if (v)
        P->val = v;
    int64_t *a = realloc(P->num, nc * sizeof *a);
    if (a)
        P->num = a;
    int64_t *b = realloc(P->den, nc * sizeof *b);
    if (b)
        P->den = b;
    if (!l || !v || !a || !b)
        return gt_fail(&P->L, P->L.tline, ENT_ENOMEM, "out of memory");
    P->scap = nc;
    return ENT_OK;
}

static void drop_labels(parser *P)
{
    for (int i = 0; i < P->nlab; i++)
        free(P->lab[i]);
    P->nlab = 0;
}

/* Current token as a number into slot i of the scratch arrays. */
static int number_at(parser *P, size_t i, const char *what)
{
    if (P->L.kind != T_NUMBER)
        return fail_tok(P, what);
    gt_num x;
    const char *why = "";
    if (gt_parse_number(P->L.text, P->L.tlen, &x, &why) != ENT_OK) {
        char s[40];
        gt_show(s, sizeof s, P->L.text, P->L.tlen);
        return gt_fail(&P->L, P->L.tline, ENT_EPARSE, "bad number '%s': %s", s, why);
    }
    P->val[i] = x.v;
    P->num[i] = x.exact ? x.num : 0;
    P->den[i] = x.exact ? x.den : 0;
    if (!x.exact)
        P->exact = 0;
    return ENT_OK;
}

/* '{' already current: read action names (chance: name probability pairs) up to '}'.
 * Leaves the token after '}' current. */
static int read_actions(parser *P, int chance)
{
    int rc;
    unsigned long long line = P->L.tline;
    drop_labels(P);
    for (;;) {
        if ((rc = next(P)))
            return rc;
        if (P->L.kind == T_RBRACE)
            break;
        if (P->L.kind != T_STRING)
            return fail_tok(P, chance ? "an action name (a quoted string) or '}'"
                                      : "an action name (a quoted string) or '}'");
        if ((rc = scratch(P, (size_t)P->nlab + 1)))
            return rc;
        if (P->nlab == INT_MAX / 2)
            return gt_fail(&P->L, P->L.tline, ENT_ETOOBIG, "too many actions");
        if (!(P->lab[P->nlab] = ent_strdup(cur_str(P))))
            return gt_fail(&P->L, P->L.tline, ENT_ENOMEM, "out of memory");
        P->nlab++;
        if (chance) {
            if ((rc = next(P)))
                return rc;
            if ((rc = number_at(P, (size_t)P->nlab - 1, "the probability of the chance action")))
                return rc;
            double pv = P->val[P->nlab - 1];
            if (!(pv >= 0 && pv <= 1)) {
                char s[40];
                gt_show(s, sizeof s, P->L.text, P->L.tlen);
                return gt_fail(&P->L, P->L.tline, ENT_EPARSE,
                               "chance probability %s is not between 0 and 1", s);
            }
        }
    }
    if (P->nlab == 0)
        return gt_fail(&P->L, line, ENT_EPARSE, "an information set needs at least one action");
    if (chance) {
        /* the sum, exactly when every probability is exact */
        int ex = 1;
        for (int a = 0; a < P->nlab; a++)
            ex &= P->den[a] > 0;
        double s = 0;
        for (int a = 0; a < P->nlab; a++)
            s += P->val[a];
        int ok = fabs(s - 1) <= 1e-9;
        if (ex) {
            /* sum of fractions with long double check first, exact with __int128 */
            __int128 n = 0, d = 1;
            int over = 0;
            for (int a = 0; a < P->nlab && !over; a++) {
                __int128 nn = n * P->den[a] + (__int128)P->num[a] * d, dd = d * P->den[a];
                /* keep small: reduce by gcd */
                __int128 x = nn < 0 ? -nn : nn, y = dd;
                while (y) {
                    __int128 r = x % y;
                    x = y;
                    y = r;
                }
                if (x > 1) {
                    nn /= x;
                    dd /= x;
                }
                if (dd > ((__int128)1 << 100) || nn > ((__int128)1 << 100) || nn < -((__int128)1 << 100))
                    over = 1;
                n = nn;
                d = dd;
            }
            if (!over)
                ok = n == d;
        }
        if (!ok)
            return gt_fail(&P->L, line, ENT_EPARSE,
                           "the chance probabilities sum to %.12g, not 1", s);
    }
    return next(P);
}

/* The outcome part of a node: number [name { payoffs }]. The number is current; leaves
 * the next node's first token current. OUT: *outcome index or -1. */
static int read_outcome(parser *P, int32_t *outcome)
{
    long long num;
    int rc = whole(P, "an outcome number", 0, &num);
    if (rc)
        return rc;
    unsigned long long line = P->L.tline;
    if ((rc = next(P)))
        return rc;
    *outcome = -1;
    int32_t o = num ? idmap_get(&P->outs, (uint64_t)num) : -1;
    if (num == 0) {
        if (P->L.kind == T_STRING)
            return gt_fail(&P->L, P->L.tline, ENT_EPARSE,
                           "outcome 0 means no outcome and takes no name or payoffs");
        return ENT_OK;
    }
    char *name = NULL;
    int have = 0;
    if (P->L.kind == T_STRING) {
        if (!(name = ent_strdup(cur_str(P))))
            return gt_fail(&P->L, P->L.tline, ENT_ENOMEM, "out of memory");
        if ((rc = next(P))) {
            free(name);
            return rc;
        }
        if (P->L.kind != T_LBRACE) {
            free(name);
            return fail_tok(P, "'{' opening the outcome's payoffs");
        }
        int n = P->nplayers, k = 0;
        if ((rc = scratch(P, (size_t)n))) {
            free(name);
            return rc;
        }
        for (;;) {
            if ((rc = next(P))) {
                free(name);
                return rc;
            }
            if (P->L.kind == T_RBRACE)
                break;
            if (k == n) {
                free(name);
                return gt_fail(&P->L, P->L.tline, ENT_EPARSE,
                               "outcome %lld has more than %d payoffs (one per player)", num, n);
            }
            if ((rc = number_at(P, (size_t)k, "a payoff (a number) or '}'"))) {
                free(name);
                return rc;
            }
            k++;
        }
        if (k != n) {
            free(name);
            return gt_fail(&P->L, P->L.tline, ENT_EPARSE,
                           "outcome %lld has %d payoff%s, expected %d (one per player)", num, k,
                           k == 1 ? "" : "s", n);
        }
        have = 1;
        if ((rc = next(P))) {
            free(name);
            return rc;
        }
    }
    if (o >= 0) {
        if (have) {
            ent_efg *t = P->t;
            int n = P->nplayers, same = !strcmp(name, efg_str(t, t->olabel[o]));
            for (int p = 0; p < n && same; p++) {
                size_t i = (size_t)o * n + p;
                same = t->pay[i] == P->val[p] && t->enu[i] == P->num[p] && t->eden[i] == P->den[p];
            }
            if (!same) {
                free(name);
                return gt_fail(&P->L, line, ENT_EPARSE,
                               "outcome %lld is given again with a different name or payoffs", num);
            }
        }
        free(name);
        *outcome = o;
        return ENT_OK;
    }
    if (!have)
        return gt_fail(&P->L, line, ENT_EPARSE,
                       "outcome %lld is used before its name and payoffs are given", num);
    ent_error e2 = {0, ""};
    rc = ent_efg_add_outcome(P->t, P->val, P->num, P->den, num, name, &e2);
    free(name);
    if (rc < 0)
        return gt_fail(&P->L, line, rc, "%s", e2.msg);
    if (idmap_put(&P->outs, (uint64_t)num, rc))
        return gt_fail(&P->L, line, ENT_ENOMEM, "out of memory");
    *outcome = rc;
    return ENT_OK;
}

/* p or c node: information-set number is current. player -1 for chance. */
static int read_infoset(parser *P, int player, long long number, int32_t *iset)
{
    unsigned long long line = P->L.tline;
    int rc = next(P);
    if (rc)
        return rc;
    uint64_t key = ((uint64_t)(player + 1) << 32) | (uint64_t)number;
    int32_t h = idmap_get(&P->isets, key);
    char *name = NULL;
    int have = 0;
    if (P->L.kind == T_STRING) {
        if (!(name = ent_strdup(cur_str(P))))
            return gt_fail(&P->L, P->L.tline, ENT_ENOMEM, "out of memory");
        if ((rc = next(P))) {
            free(name);
            return rc;
        }
        if (P->L.kind == T_LBRACE) {
            if ((rc = read_actions(P, player < 0))) {
                free(name);
                return rc;
            }
            have = 1;
        } else if (h < 0) {
            free(name);
            return fail_tok(P, "'{' opening the actions of a new information set");
        }
    }
    const char *whose = player < 0 ? "chance" : P->t->player[player];
    if (h >= 0) {
        ent_efg *t = P->t;
        const efg_infoset *is = &t->is[h];
        int same = !name || !strcmp(name, efg_str(t, is->label));
        if (have) {
            same = same && P->nlab == is->nact;
            for (int a = 0; same && a < P->nlab; a++) {
                same = !strcmp(P->lab[a], efg_str(t, t->alabel[is->act0 + a]));
                if (player < 0)
                    same = same && P->val[a] == t->prob[is->prob0 + a] &&
                           P->num[a] == t->pnum[is->prob0 + a] && P->den[a] == t->pden[is->prob0 + a];
            }
        }
        free(name);
        if (!same)
            return gt_fail(&P->L, line, ENT_EPARSE,
                           "information set %lld of %s is given again with a different name, "
                           "actions or probabilities",
                           number, whose);
        *iset = h;
        return ENT_OK;
    }
    if (!have) {
        free(name);
        return gt_fail(&P->L, line, ENT_EPARSE,
                       "information set %lld of %s is used before its actions are given",
                       number, whose);
    }
    ent_error e2 = {0, ""};
    rc = ent_efg_add_infoset(P->t, player, P->nlab, (const char *const *)P->lab,
                             player < 0 ? P->val : NULL, player < 0 ? P->num : NULL,
                             player < 0 ? P->den : NULL, number, name, &e2);
    free(name);
    if (rc < 0)
        return gt_fail(&P->L, line, rc, "%s", e2.msg);
    if (idmap_put(&P->isets, key, rc))
        return gt_fail(&P->L, line, ENT_ENOMEM, "out of memory");
    *iset = rc;
    return ENT_OK;
}

static int read_header(parser *P)
{
    gt_lexer *L = &P->L;
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    for (int i = 0; i < 3 && peekc(L) == bom[i]; i++)
        L->p++;
    int rc = next(P);
    if (rc)
        return rc;
    if (L->kind != T_WORD || strcmp(L->text, "EFG"))
        return fail_tok(P, "'EFG' (a Gambit extensive game starts with EFG 2 R or EFG 2 D)");
    if ((rc = next(P)))
        return rc;
    if (L->kind != T_NUMBER || strcmp(L->text, "2"))
        return fail_tok(P, "the format version 2");
    if ((rc = next(P)))
        return rc;
    if (L->kind != T_WORD || (strcmp(L->text, "R") && strcmp(L->text, "D")))
        return fail_tok(P, "'R' or 'D' after EFG 2");
    int decimal = L->text[0] == 'D';
    if ((rc = next(P)))
        return rc;
    if (L->kind != T_STRING)
        return fail_tok(P, "the title (a quoted string)");
    char *title = ent_strdup(cur_str(P));
    if (!title)
        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
    if ((rc = next(P)) || (L->kind != T_LBRACE && (rc = fail_tok(P, "'{' opening the player names")))) {
        free(title);
        return rc;
    }
    unsigned long long pline = L->tline;
    drop_labels(P);
    for (;;) {
        if ((rc = next(P))) {
            free(title);
            return rc;
        }
        if (L->kind == T_RBRACE)
            break;
        if (L->kind != T_STRING) {
            free(title);
            return fail_tok(P, "a player name (a quoted string) or '}'");
        }
        if (P->nlab == 65536) {
            free(title);
            return gt_fail(L, L->tline, ENT_ETOOBIG, "more than 65536 players");
        }
        if ((rc = scratch(P, (size_t)P->nlab + 1))) {
            free(title);
            return rc;
        }
        if (!(P->lab[P->nlab] = ent_strdup(cur_str(P)))) {
            free(title);
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
        }
        P->nlab++;
    }
    if (P->nlab == 0) {
        free(title);
        return gt_fail(L, pline, ENT_EPARSE, "the game needs at least one player");
    }
    ent_error e2 = {0, ""};
    if ((rc = ent_efg_new(&P->t, P->nlab, P->o, &e2))) {
        free(title);
        return gt_fail(L, pline, rc, "%s", e2.msg);
    }
    P->nplayers = P->nlab;
    P->t->decimal = decimal;
    rc = ent_efg_set_title(P->t, title);
    free(title);
    for (int p = 0; p < P->nlab && !rc; p++)
        rc = ent_efg_set_player_label(P->t, p, P->lab[p]);
    drop_labels(P);
    if (rc)
        return gt_fail(L, pline, ENT_ENOMEM, "out of memory");
    if ((rc = next(P)))
        return rc;
    if (L->kind == T_STRING) {
        if (ent_efg_set_comment(P->t, cur_str(P)))
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
        if ((rc = next(P)))
            return rc;
    }
    return ENT_OK;
}

static int read_nodes(parser *P)
{
    gt_lexer *L = &P->L;
    ent_efg *t = P->t;
    int rc;
    while (L->kind != T_EOF) {
        unsigned long long line = L->tline;
        if (L->kind != T_WORD || L->tlen != 1 ||
            (L->text[0] != 'p' && L->text[0] != 'c' && L->text[0] != 't'))
            return fail_tok(P, t->nnodes ? "a node ('p', 'c' or 't') or the end of the file"
                                         : "the root node ('p', 'c' or 't')");
        if (t->nnodes > 0 && t->depth == 0)
            return gt_fail(L, line, ENT_EPARSE,
                           "a node after the tree is complete (the root's subtree ended before)");
        char kind = L->text[0];
        if ((rc = next(P)))
            return rc;
        if (L->kind != T_STRING)
            return fail_tok(P, "the node's name (a quoted string, may be \"\")");
        char *name = ent_strdup(cur_str(P));
        if (!name)
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
        int32_t iset = -1, outcome = -1;
        long long a, b;
        if ((rc = next(P)))
            goto out;
        if (kind == 'p') {
            if ((rc = whole(P, "the player number", 1, &a)))
                goto out;
            if (a > P->nplayers) {
                rc = gt_fail(L, L->tline, ENT_EPARSE, "player %lld does not exist (the game has %d)",
                             a, P->nplayers);
                goto out;
            }
            if ((rc = next(P)) || (rc = whole(P, "the information-set number", 1, &b)) ||
                (rc = read_infoset(P, (int)a - 1, b, &iset)))
                goto out;
        } else if (kind == 'c') {
            if ((rc = whole(P, "the information-set number", 1, &b)) ||
                (rc = read_infoset(P, -1, b, &iset)))
                goto out;
        }
        if ((rc = read_outcome(P, &outcome)))
            goto out;
        ent_error e2 = {0, ""};
        int x = ent_efg_add_node(t, iset, outcome, name, &e2);
        if (x < 0)
            rc = gt_fail(L, line, x, "%s", e2.msg);
    out:
        free(name);
        if (rc)
            return rc;
    }
    if (t->nnodes == 0)
        return gt_fail(L, L->tline, ENT_EPARSE, "the file ends before the root node");
    if (t->depth > 0)
        return gt_fail(L, L->tline, ENT_EPARSE,
                       "the file ends before the tree is complete (node %d still needs %lld "
                       "more child%s)",
                       t->stack[t->depth - 1] + 1, (long long)t->need[t->depth - 1],
                       t->need[t->depth - 1] == 1 ? "" : "ren");
    ent_error e2 = {0, ""};
    if ((rc = ent_efg_finish(t, &e2)))
        return gt_fail(L, L->tline, rc, "%s", e2.msg);
    return ENT_OK;
}

static int read_common(FILE *f, const char *text, const char *name, const ent_game_opts *o,
                       ent_efg **out, ent_error *err)
{
    ent_game_opts def;
    if (!o) {
        ent_game_opts_init(&def);
        o = &def;
    }
    *out = NULL;
    parser *P = calloc(1, sizeof *P);
    if (!P)
        return ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
    P->o = o;
    P->exact = 1;
    P->L.name = name;
    P->L.what = ".efg";
    P->L.err = err;
    P->L.line = 1;
    P->L.f = f;
    int rc = ENT_OK;
    if (f) {
        P->L.chunk = malloc(GT_CHUNK);
        if (!P->L.chunk)
            rc = ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
        P->L.p = P->L.end = P->L.chunk;
    } else {
        P->L.p = (const unsigned char *)text;
        P->L.end = P->L.p + strlen(text);
        P->L.eof = 1;
    }
    if (!rc)
        rc = read_header(P);
    if (!rc)
        rc = read_nodes(P);
    if (rc == ENT_OK)
        *out = P->t;
    else
        ent_efg_free(&P->t);
    drop_labels(P);
    free(P->lab);
    free(P->val);
    free(P->num);
    free(P->den);
    idmap_free(&P->isets);
    idmap_free(&P->outs);
    free(P->L.chunk);
    ent_buf_free(&P->L.str);
    free(P);
    return rc;
}

int ent_efg_read_stream(FILE *f, const char *name, const ent_game_opts *o, ent_efg **out,
                        ent_error *err)
{
    return read_common(f, NULL, name ? name : "<stream>", o, out, err);
}

int ent_efg_read_string(const char *text, const char *name, const ent_game_opts *o,
                        ent_efg **out, ent_error *err)
{
    return read_common(NULL, text, name ? name : "<string>", o, out, err);
}

int ent_efg_read_file(const char *path, const ent_game_opts *o, ent_efg **out, ent_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ent_error_set(err, ENT_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = read_common(f, NULL, path, o, out, err);
    fclose(f);
    return rc;
}

/* ----------------------------------------------------------------- writer */

static void write_value(FILE *f, double v, int64_t num, int64_t den)
{
    if (den > 0)
        gt_write_exact(f, num, den);
    else
        gt_write_double(f, v);
}

int ent_efg_write(const ent_efg *t, FILE *f)
{
    if (!t->finished)
        return ENT_EINVAL;
    int n = t->nplayers;
    fprintf(f, "EFG 2 %c ", t->decimal ? 'D' : 'R');
    gt_write_string(f, t->title);
    fputs(" {", f);
    for (int p = 0; p < n; p++) {
        fputc(' ', f);
        gt_write_string(f, t->player[p]);
    }
    fputs(" }\n", f);
    gt_write_string(f, t->comment);
    fputs("\n\n", f);
    for (int32_t x = 0; x < t->nnodes; x++) {
        int32_t h = t->iset[x];
        const efg_infoset *is = h >= 0 ? &t->is[h] : NULL;
        fputc(t->kind[x] == ENT_EFG_TERMINAL ? 't' : t->kind[x] == ENT_EFG_CHANCE ? 'c' : 'p', f);
        fputc(' ', f);
        gt_write_string(f, efg_str(t, t->nlabel[x]));
        if (is) {
            if (is->player >= 0)
                fprintf(f, " %d", is->player + 1);
            fprintf(f, " %lld ", (long long)is->number);
            gt_write_string(f, efg_str(t, is->label));
            fputs(" {", f);
            for (int a = 0; a < is->nact; a++) {
                fputc(' ', f);
                gt_write_string(f, efg_str(t, t->alabel[is->act0 + a]));
                if (is->prob0 >= 0) {
                    int64_t k = is->prob0 + a;
                    fputc(' ', f);
                    if (t->pden[k] > 1) /* probabilities as fractions, as Gambit writes them */
                        fprintf(f, "%lld/%lld", (long long)t->pnum[k], (long long)t->pden[k]);
                    else
                        write_value(f, t->prob[k], t->pnum[k], t->pden[k]);
                }
            }
            fputs(" }", f);
        }
        int32_t o = t->outcome[x];
        if (o < 0) {
            fputs(" 0\n", f);
            continue;
        }
        fprintf(f, " %lld ", (long long)t->onumber[o]);
        gt_write_string(f, efg_str(t, t->olabel[o]));
        fputs(" {", f);
        for (int p = 0; p < n; p++) {
            size_t i = (size_t)o * n + p;
            fputs(p ? ", " : " ", f);
            write_value(f, t->pay[i], t->enu[i], t->eden[i]);
        }
        fputs(" }\n", f);
    }
    return ferror(f) ? ENT_EIO : ENT_OK;
}
