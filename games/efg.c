/* efg.c — the extensive-form game: a tree built in preorder (as Gambit's .efg lists it),
 * information sets with labelled actions, chance probabilities and outcomes (doubles plus
 * exact fractions), structural queries (perfect information, perfect recall, subgame
 * roots). Storage is bounded by a memory limit checked before every growth. */
#include "efg_impl.h"
#include "util.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EFG_NODE_BYTES (1 + 4 + 4 + 4 + 4 + 8 + 4) /* per node, all arrays */

static int too_big(ent_efg *t, ent_error *err, const char *what, double count, size_t add)
{
    return ent_error_set(err, ENT_ETOOBIG,
                         "tree too large: %.0f %s need %.4g GiB with the rest of the tree, "
                         "above the limit of %.4g GiB",
                         count, what, (double)(t->mem_used + add) / 1073741824.0,
                         (double)t->mem_limit / 1073741824.0);
}

/* Grow *arr (elem bytes each) from *cap to at least need, charging the memory budget. */
static int grow(ent_efg *t, void **arr, size_t elem, int64_t *cap, int64_t need, int64_t hard,
                ent_error *err, const char *what)
{
    if (need <= *cap)
        return ENT_OK;
    if (need > hard)
        return ent_error_set(err, ENT_ETOOBIG, "tree too large: more than %lld %s",
                             (long long)hard, what);
    int64_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc = nc > hard / 2 ? hard : nc * 2;
    size_t add = (size_t)(nc - *cap) * elem;
    if (t->mem_used + add > t->mem_limit)
        return too_big(t, err, what, (double)need, add);
    void *p = realloc(*arr, (size_t)nc * elem);
    if (!p)
        return ent_error_set(err, ENT_ENOMEM, "out of memory (%lld %s)", (long long)need, what);
    *arr = p;
    t->mem_used += add;
    *cap = nc;
    return ENT_OK;
}

static int pool_add(ent_efg *t, const char *s, uint32_t *off, ent_error *err)
{
    size_t n = strlen(s);
    if (n == 0) {
        *off = 0;
        return ENT_OK;
    }
    if (t->pool_len + n + 1 > UINT32_MAX)
        return ent_error_set(err, ENT_ETOOBIG, "tree too large: labels exceed 4 GiB");
    int64_t cap = (int64_t)t->pool_cap;
    int rc = grow(t, (void **)&t->pool, 1, &cap, (int64_t)(t->pool_len + n + 1), UINT32_MAX, err,
                  "bytes of labels");
    if (rc)
        return rc;
    t->pool_cap = (size_t)cap;
    memcpy(t->pool + t->pool_len, s, n + 1);
    *off = (uint32_t)t->pool_len;
    t->pool_len += n + 1;
    return ENT_OK;
}

int ent_efg_new(ent_efg **out, int nplayers, const ent_game_opts *opts, ent_error *err)
{
    ent_game_opts def;
    if (!opts) {
        ent_game_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    if (nplayers < 1 || nplayers > 65536)
        return ent_error_set(err, ENT_EINVAL, "a tree needs 1 to 65536 players (got %d)",
                             nplayers);
    ent_efg *t = calloc(1, sizeof *t);
    if (!t)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    t->mem_limit = opts->mem_limit;
    t->nplayers = nplayers;
    t->player = calloc((size_t)nplayers, sizeof(char *));
    t->inum_max = calloc((size_t)nplayers + 1, sizeof(int64_t));
    t->title = ent_strdup("");
    t->comment = ent_strdup("");
    t->pool = malloc(16);
    if (!t->player || !t->inum_max || !t->title || !t->comment || !t->pool) {
        ent_efg_free(&t);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    t->pool[0] = '\0';
    t->pool_len = 1;
    t->pool_cap = 16;
    for (int p = 0; p < nplayers; p++) {
        char b[32];
        snprintf(b, sizeof b, "Player %d", p + 1);
        if (!(t->player[p] = ent_strdup(b))) {
            ent_efg_free(&t);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
    }
    *out = t;
    return ENT_OK;
}

void ent_efg_free(ent_efg **tp)
{
    if (!tp || !*tp)
        return;
    ent_efg *t = *tp;
    free(t->title);
    free(t->comment);
    if (t->player)
        for (int p = 0; p < t->nplayers; p++)
            free(t->player[p]);
    free(t->player);
    free(t->inum_max);
    free(t->pool);
    free(t->kind);
    free(t->iset);
    free(t->outcome);
    free(t->nlabel);
    free(t->parent);
    free(t->kid0);
    free(t->kids);
    free(t->is);
    free(t->alabel);
    free(t->prob);
    free(t->pnum);
    free(t->pden);
    free(t->onumber);
    free(t->olabel);
    free(t->pay);
    free(t->enu);
    free(t->eden);
    free(t->stack);
    free(t->need);
    free(t);
    *tp = NULL;
}

static int set_str(char **dst, const char *s)
{
    char *d = ent_strdup(s ? s : "");
    if (!d)
        return ENT_ENOMEM;
    free(*dst);
    *dst = d;
    return ENT_OK;
}

int ent_efg_set_title(ent_efg *t, const char *s) { return set_str(&t->title, s); }
int ent_efg_set_comment(ent_efg *t, const char *s) { return set_str(&t->comment, s); }
int ent_efg_set_player_label(ent_efg *t, int p, const char *s)
{
    if (p < 0 || p >= t->nplayers)
        return ENT_EINVAL;
    return set_str(&t->player[p], s);
}

int ent_efg_add_infoset(ent_efg *t, int player, int nact, const char *const *labels,
                        const double *prob, const int64_t *pnum, const int64_t *pden,
                        int64_t number, const char *label, ent_error *err)
{
    if (player < -1 || player >= t->nplayers)
        return ent_error_set(err, ENT_EINVAL, "no player %d", player + 1);
    if (nact < 1)
        return ent_error_set(err, ENT_EINVAL, "an information set needs at least one action");
    if (player < 0) {
        double sum = 0;
        for (int a = 0; a < nact; a++) {
            if (!(prob[a] >= 0 && prob[a] <= 1))
                return ent_error_set(err, ENT_EINVAL,
                                     "chance probability %g of action %d is not in [0, 1]",
                                     prob[a], a + 1);
            sum += prob[a];
        }
        if (fabs(sum - 1) > 1e-9)
            return ent_error_set(err, ENT_EINVAL, "chance probabilities sum to %.12g, not 1",
                                 sum);
    }
    int64_t icap = t->iset_cap;
    int rc = grow(t, (void **)&t->is, sizeof(efg_infoset), &icap, (int64_t)t->nisets + 1,
                  INT32_MAX, err, "information sets");
    if (rc)
        return rc;
    t->iset_cap = (int32_t)icap;
    if ((rc = grow(t, (void **)&t->alabel, sizeof(uint32_t), &t->act_cap, t->nactions + nact,
                   INT64_MAX / 8, err, "actions")))
        return rc;
    efg_infoset *h = &t->is[t->nisets];
    memset(h, 0, sizeof *h);
    h->player = player;
    h->nact = nact;
    h->act0 = t->nactions;
    h->prob0 = -1;
    h->first = -1;
    if (number <= 0)
        number = t->inum_max[player + 1] + 1;
    if (number > t->inum_max[player + 1])
        t->inum_max[player + 1] = number;
    h->number = number;
    if ((rc = pool_add(t, label ? label : "", &h->label, err)))
        return rc;
    for (int a = 0; a < nact; a++) {
        char b[24];
        const char *l = labels ? labels[a] : NULL;
        if (!l) {
            snprintf(b, sizeof b, "%d", a + 1);
            l = b;
        }
        if ((rc = pool_add(t, l, &t->alabel[t->nactions + a], err)))
            return rc;
    }
    if (player < 0) {
        int64_t c1 = t->prob_cap, c2 = t->prob_cap, c3 = t->prob_cap;
        if ((rc = grow(t, (void **)&t->prob, sizeof(double), &c1, t->nprob + nact,
                       INT64_MAX / 8, err, "chance actions")) ||
            (rc = grow(t, (void **)&t->pnum, sizeof(int64_t), &c2, t->nprob + nact,
                       INT64_MAX / 8, err, "chance actions")) ||
            (rc = grow(t, (void **)&t->pden, sizeof(int64_t), &c3, t->nprob + nact,
                       INT64_MAX / 8, err, "chance actions")))
            return rc;
        t->prob_cap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
        h->prob0 = t->nprob;
        for (int a = 0; a < nact; a++) {
            t->prob[t->nprob + a] = prob[a];
            t->pnum[t->nprob + a] = pnum && pden ? pnum[a] : 0;
            t->pden[t->nprob + a] = pnum && pden ? pden[a] : 0;
        }
        t->nprob += nact;
    }
    t->nactions += nact;
    return t->nisets++;
}

int ent_efg_add_outcome(ent_efg *t, const double *pay, const int64_t *num, const int64_t *den,
                        int64_t number, const char *label, ent_error *err)
{
    int n = t->nplayers;
    for (int p = 0; p < n; p++)
        if (!isfinite(pay[p]))
            return ent_error_set(err, ENT_EINVAL, "payoff of player %d is not finite", p + 1);
    int64_t c = t->out_cap, c1 = t->out_cap, c2 = t->out_cap, c3 = t->out_cap;
    int64_t need = (int64_t)t->nout + 1;
    int rc;
    if ((rc = grow(t, (void **)&t->onumber, sizeof(int64_t), &c, need, INT32_MAX, err,
                   "outcomes")) ||
        (rc = grow(t, (void **)&t->olabel, sizeof(uint32_t), &c1, need, INT32_MAX, err,
                   "outcomes")))
        return rc;
    int64_t pc = (int64_t)t->out_cap * n, pc2 = pc, pc3 = pc;
    if ((rc = grow(t, (void **)&t->pay, sizeof(double), &pc, need * n, INT64_MAX / 16, err,
                   "payoffs")) ||
        (rc = grow(t, (void **)&t->enu, sizeof(int64_t), &pc2, need * n, INT64_MAX / 16, err,
                   "payoffs")) ||
        (rc = grow(t, (void **)&t->eden, sizeof(int64_t), &pc3, need * n, INT64_MAX / 16, err,
                   "payoffs")))
        return rc;
    (void)c2;
    (void)c3;
    /* keep the per-outcome capacity consistent with the per-payoff arrays */
    t->out_cap = (int32_t)(c < c1 ? c : c1);
    if ((int64_t)t->out_cap * n > pc)
        t->out_cap = (int32_t)(pc / n);
    int32_t o = t->nout;
    if (number <= 0)
        number = t->onum_max + 1;
    if (number > t->onum_max)
        t->onum_max = number;
    t->onumber[o] = number;
    if ((rc = pool_add(t, label ? label : "", &t->olabel[o], err)))
        return rc;
    for (int p = 0; p < n; p++) {
        t->pay[(size_t)o * n + p] = pay[p] == 0 ? 0.0 : pay[p];
        t->enu[(size_t)o * n + p] = num && den ? num[p] : 0;
        t->eden[(size_t)o * n + p] = num && den ? den[p] : 0;
    }
    return t->nout++;
}

int ent_efg_add_node(ent_efg *t, int iset, int outcome, const char *label, ent_error *err)
{
    if (t->finished || (t->nnodes > 0 && t->depth == 0))
        return ent_error_set(err, ENT_EINVAL, "the tree is already complete");
    if (iset < -1 || iset >= t->nisets)
        return ent_error_set(err, ENT_EINVAL, "no information set %d", iset);
    if (outcome < -1 || outcome >= t->nout)
        return ent_error_set(err, ENT_EINVAL, "no outcome %d", outcome);
    int32_t x = t->nnodes;
    if (x == INT32_MAX)
        return ent_error_set(err, ENT_ETOOBIG, "tree too large: more than %d nodes", INT32_MAX);
    if (x == t->node_cap) {
        int64_t nc = t->node_cap ? (int64_t)t->node_cap * 2 : 64;
        if (nc > INT32_MAX)
            nc = INT32_MAX;
        size_t add = (size_t)(nc - t->node_cap) * EFG_NODE_BYTES;
        if (t->mem_used + add > t->mem_limit)
            return too_big(t, err, "nodes", (double)x + 1, add);
        void *a = realloc(t->kind, (size_t)nc), *b = realloc(t->iset, (size_t)nc * 4),
             *c = realloc(t->outcome, (size_t)nc * 4), *d = realloc(t->nlabel, (size_t)nc * 4),
             *e = realloc(t->parent, (size_t)nc * 4), *f = realloc(t->kid0, (size_t)nc * 8);
        if (a)
            t->kind = a;
        if (b)
            t->iset = b;
        if (c)
            t->outcome = c;
        if (d)
            t->nlabel = d;
        if (e)
            t->parent = e;
        if (f)
            t->kid0 = f;
        if (!a || !b || !c || !d || !e || !f)
            return ent_error_set(err, ENT_ENOMEM, "out of memory (%d nodes)", x + 1);
        t->mem_used += add;
        t->node_cap = (int32_t)nc;
    }
    int nact = iset < 0 ? 0 : t->is[iset].nact;
    int rc;
    if (nact) {
        if ((rc = grow(t, (void **)&t->kids, sizeof(int32_t), &t->kid_cap, t->nkids + nact,
                       INT32_MAX, err, "child links")))
            return rc;
        int64_t sc = t->stack_cap, sc2 = t->stack_cap;
        if ((rc = grow(t, (void **)&t->stack, sizeof(int32_t), &sc, (int64_t)t->depth + 1,
                       INT32_MAX, err, "levels of nesting")) ||
            (rc = grow(t, (void **)&t->need, sizeof(int64_t), &sc2, (int64_t)t->depth + 1,
                       INT32_MAX, err, "levels of nesting")))
            return rc;
        t->stack_cap = (int32_t)(sc < sc2 ? sc : sc2);
    }
    uint32_t lab;
    if ((rc = pool_add(t, label ? label : "", &lab, err)))
        return rc;
    t->kind[x] = iset < 0 ? ENT_EFG_TERMINAL
                          : (t->is[iset].player < 0 ? ENT_EFG_CHANCE : ENT_EFG_DECISION);
    t->iset[x] = iset;
    t->outcome[x] = outcome;
    t->nlabel[x] = lab;
    t->parent[x] = -1;
    t->kid0[x] = -1;
    if (t->depth > 0) {
        int32_t par = t->stack[t->depth - 1];
        int pn = t->is[t->iset[par]].nact;
        t->parent[x] = par;
        t->kids[t->kid0[par] + pn - t->need[t->depth - 1]] = x;
        if (--t->need[t->depth - 1] == 0)
            t->depth--;
    }
    if (nact) {
        t->kid0[x] = t->nkids;
        t->nkids += nact;
        t->stack[t->depth] = x;
        t->need[t->depth] = nact;
        t->depth++;
        if (t->is[iset].first < 0)
            t->is[iset].first = x;
    }
    t->nnodes++;
    return x;
}

int ent_efg_finish(ent_efg *t, ent_error *err)
{
    if (t->nnodes == 0)
        return ent_error_set(err, ENT_EINVAL, "the tree has no nodes");
    if (t->depth > 0)
        return ent_error_set(err, ENT_EINVAL,
                             "the tree is incomplete: node %d still needs %lld more child%s",
                             t->stack[t->depth - 1] + 1, (long long)t->need[t->depth - 1],
                             t->need[t->depth - 1] == 1 ? "" : "ren");
    for (int32_t h = 0; h < t->nisets; h++)
        if (t->is[h].first < 0)
            return ent_error_set(err, ENT_EINVAL,
                                 "information set %lld of %s%s has no node",
                                 (long long)t->is[h].number,
                                 t->is[h].player < 0 ? "chance" : "player ",
                                 t->is[h].player < 0 ? "" : t->player[t->is[h].player]);
    t->finished = 1;
    free(t->stack);
    free(t->need);
    t->stack = NULL;
    t->need = NULL;
    t->stack_cap = 0;
    return ENT_OK;
}

/* ---------------------------------------------------------------- queries */

const char *ent_efg_title(const ent_efg *t) { return t->title; }
const char *ent_efg_comment(const ent_efg *t) { return t->comment; }
int ent_efg_nplayers(const ent_efg *t) { return t->nplayers; }
const char *ent_efg_player_label(const ent_efg *t, int p) { return t->player[p]; }
int ent_efg_nnodes(const ent_efg *t) { return t->nnodes; }
int ent_efg_node_kind(const ent_efg *t, int x) { return t->kind[x]; }
int ent_efg_node_iset(const ent_efg *t, int x) { return t->iset[x]; }
int ent_efg_node_outcome(const ent_efg *t, int x) { return t->outcome[x]; }
int ent_efg_node_parent(const ent_efg *t, int x) { return t->parent[x]; }
int ent_efg_node_child(const ent_efg *t, int x, int a) { return efg_child(t, x, a); }
const char *ent_efg_node_label(const ent_efg *t, int x) { return efg_str(t, t->nlabel[x]); }
int ent_efg_ninfosets(const ent_efg *t) { return t->nisets; }
int ent_efg_infoset_player(const ent_efg *t, int h) { return t->is[h].player; }
int ent_efg_infoset_nactions(const ent_efg *t, int h) { return t->is[h].nact; }
const char *ent_efg_infoset_label(const ent_efg *t, int h) { return efg_str(t, t->is[h].label); }
const char *ent_efg_action_label(const ent_efg *t, int h, int a)
{
    return efg_str(t, t->alabel[t->is[h].act0 + a]);
}
double ent_efg_chance_prob(const ent_efg *t, int h, int a)
{
    return t->is[h].prob0 < 0 ? 0.0 : t->prob[t->is[h].prob0 + a];
}
int ent_efg_noutcomes(const ent_efg *t) { return t->nout; }
double ent_efg_outcome_payoff(const ent_efg *t, int o, int p)
{
    return t->pay[(size_t)o * t->nplayers + p];
}

int ent_efg_has_exact(const ent_efg *t)
{
    for (int64_t i = 0; i < (int64_t)t->nout * t->nplayers; i++)
        if (t->eden[i] <= 0)
            return 0;
    for (int64_t i = 0; i < t->nprob; i++)
        if (t->pden[i] <= 0)
            return 0;
    return 1;
}

int ent_efg_equal(const ent_efg *a, const ent_efg *b)
{
    if (a->nplayers != b->nplayers || a->nnodes != b->nnodes || a->nisets != b->nisets ||
        a->nout != b->nout || a->nactions != b->nactions || a->nprob != b->nprob ||
        strcmp(a->title, b->title) || strcmp(a->comment, b->comment))
        return 0;
    for (int p = 0; p < a->nplayers; p++)
        if (strcmp(a->player[p], b->player[p]))
            return 0;
    for (int32_t h = 0; h < a->nisets; h++) {
        const efg_infoset *x = &a->is[h], *y = &b->is[h];
        if (x->player != y->player || x->nact != y->nact || x->number != y->number ||
            x->first != y->first || strcmp(efg_str(a, x->label), efg_str(b, y->label)))
            return 0;
        for (int k = 0; k < x->nact; k++) {
            if (strcmp(efg_str(a, a->alabel[x->act0 + k]), efg_str(b, b->alabel[y->act0 + k])))
                return 0;
            if (x->prob0 >= 0 &&
                (memcmp(&a->prob[x->prob0 + k], &b->prob[y->prob0 + k], sizeof(double)) ||
                 (a->pden[x->prob0 + k] > 0 &&
                  (a->pnum[x->prob0 + k] != b->pnum[y->prob0 + k] ||
                   a->pden[x->prob0 + k] != b->pden[y->prob0 + k]))))
                return 0;
        }
    }
    int n = a->nplayers;
    for (int32_t o = 0; o < a->nout; o++) {
        if (a->onumber[o] != b->onumber[o] ||
            strcmp(efg_str(a, a->olabel[o]), efg_str(b, b->olabel[o])))
            return 0;
        for (int p = 0; p < n; p++) {
            size_t i = (size_t)o * n + p;
            if (memcmp(&a->pay[i], &b->pay[i], sizeof(double)) ||
                (a->eden[i] > 0 && (a->enu[i] != b->enu[i] || a->eden[i] != b->eden[i])))
                return 0;
        }
    }
    for (int32_t x = 0; x < a->nnodes; x++) {
        if (a->kind[x] != b->kind[x] || a->iset[x] != b->iset[x] ||
            a->outcome[x] != b->outcome[x] || a->parent[x] != b->parent[x] ||
            strcmp(efg_str(a, a->nlabel[x]), efg_str(b, b->nlabel[x])))
            return 0;
        for (int k = 0; k < efg_nact(a, x); k++)
            if (efg_child(a, x, k) != efg_child(b, x, k))
                return 0;
    }
    return 1;
}

int ent_efg_perfect_information(const ent_efg *t)
{
    /* count nodes per decision information set */
    for (int32_t x = 0; x < t->nnodes; x++) {
        int32_t h = t->iset[x];
        if (h >= 0 && t->is[h].player >= 0 && t->is[h].first != x)
            return 0;
    }
    return 1;
}

/* The own history of node x for player p: the last (information set, action) of p on the
 * path from the root to x, or (-1, -1) if p has not moved. Perfect recall compares these
 * chains; comparing the last step at every node of an information set, and requiring the
 * last step's own node to satisfy the same, is equivalent by induction. */
static void last_own(const ent_efg *t, int32_t x, int p, int32_t *iset, int *action)
{
    int32_t child = x, y = t->parent[x];
    *iset = -1;
    *action = -1;
    while (y >= 0) {
        int32_t h = t->iset[y];
        if (t->is[h].player == p) {
            *iset = h;
            for (int a = 0; a < t->is[h].nact; a++)
                if (efg_child(t, y, a) == child)
                    *action = a;
            return;
        }
        child = y;
        y = t->parent[y];
    }
}

int ent_efg_perfect_recall(const ent_efg *t, char *why, size_t cap)
{
    /* 1. no node of an information set lies below another node of the same set
     *    (absent-mindedness); 2. every node of an information set has the same last own
     *    (information set, action). Together with induction over the chain this is
     *    perfect recall. Cost O(nodes * depth). */
    for (int32_t x = 0; x < t->nnodes; x++) {
        int32_t h = t->iset[x];
        if (h < 0 || t->is[h].player < 0)
            continue;
        int p = t->is[h].player;
        for (int32_t y = t->parent[x]; y >= 0; y = t->parent[y])
            if (t->iset[y] == h) {
                if (why)
                    snprintf(why, cap,
                             "%s does not have perfect recall: information set %lld%s%s%s "
                             "is met twice on one path (nodes %d and %d)",
                             t->player[p], (long long)t->is[h].number,
                             t->is[h].label ? " \"" : "", efg_str(t, t->is[h].label),
                             t->is[h].label ? "\"" : "", y + 1, x + 1);
                return 0;
            }
        int32_t h1, h2;
        int a1, a2;
        last_own(t, t->is[h].first, p, &h1, &a1);
        last_own(t, x, p, &h2, &a2);
        if (h1 != h2 || a1 != a2) {
            if (why)
                snprintf(why, cap,
                         "%s does not have perfect recall: at information set %lld%s%s%s "
                         "nodes %d and %d follow different own earlier moves",
                         t->player[p], (long long)t->is[h].number,
                         t->is[h].label ? " \"" : "", efg_str(t, t->is[h].label),
                         t->is[h].label ? "\"" : "", t->is[h].first + 1, x + 1);
            return 0;
        }
    }
    if (why && cap)
        why[0] = '\0';
    return 1;
}

int ent_efg_subgame_roots(const ent_efg *t, unsigned char *root)
{
    int32_t n = t->nnodes;
    /* lo/hi: smallest and largest node of every information set met in x's subtree;
     * end: one past x's subtree. Children have larger indices: one reverse pass. */
    int32_t *ilo = malloc(sizeof(int32_t) * (size_t)(t->nisets ? t->nisets : 1));
    int32_t *ihi = malloc(sizeof(int32_t) * (size_t)(t->nisets ? t->nisets : 1));
    int32_t *lo = malloc(sizeof(int32_t) * (size_t)n), *hi = malloc(sizeof(int32_t) * (size_t)n);
    int32_t *end = malloc(sizeof(int32_t) * (size_t)n);
    if (!ilo || !ihi || !lo || !hi || !end) {
        free(ilo);
        free(ihi);
        free(lo);
        free(hi);
        free(end);
        return ENT_ENOMEM;
    }
    for (int32_t h = 0; h < t->nisets; h++) {
        ilo[h] = INT32_MAX;
        ihi[h] = -1;
    }
    for (int32_t x = 0; x < n; x++)
        if (t->iset[x] >= 0) {
            int32_t h = t->iset[x];
            if (x < ilo[h])
                ilo[h] = x;
            if (x > ihi[h])
                ihi[h] = x;
        }
    for (int32_t x = n - 1; x >= 0; x--) {
        int32_t h = t->iset[x];
        lo[x] = h >= 0 ? ilo[h] : x;
        hi[x] = h >= 0 ? ihi[h] : x;
        end[x] = x + 1;
        for (int a = 0; a < efg_nact(t, x); a++) {
            int32_t c = efg_child(t, x, a);
            if (lo[c] < lo[x])
                lo[x] = lo[c];
            if (hi[c] > hi[x])
                hi[x] = hi[c];
            if (end[c] > end[x])
                end[x] = end[c];
        }
        root[x] = t->kind[x] != ENT_EFG_TERMINAL && lo[x] >= x && hi[x] < end[x];
    }
    root[0] = 1;
    free(ilo);
    free(ihi);
    free(lo);
    free(hi);
    free(end);
    return ENT_OK;
}
