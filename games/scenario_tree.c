/* scenario_tree.c — a scenario's `sequence` block compiled to an extensive form: stages in
 * order, the actors of a stage moving at the same time (information sets keyed by the
 * moves of the stages they see), chance moves with probabilities evaluated at the history
 * and parameter values set for the rest of the game, options restricted by the
 * cross-actor `infeasible` patterns given the moves before. Leaves carry the payoffs of
 * the compiled normal form at their profile. The layout is documented in
 * configs/README.md ("Sequence"). */
#include "scenario_int.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes a node of the staged tree costs at most (node arrays, child slot, a leaf's
 * outcome with its payoffs and label): the size check before building. */
#define ST_PROB_DEN 1e15
#define ST_NODE_BYTES(n) (96u + 24u * (unsigned)(n))

int sc_profile_payoffs(const ent_scenario *s, const double *params, const unsigned char *lits,
                       uint64_t p, double *pay, ent_error *err)
{
    int n = s->nactors;
    ent_expr_env env = {.params = params, .lits = lits};
    if (s->static_table) {
        for (int a = 0; a < n; a++)
            pay[a] = s->table[p * (uint64_t)n + (uint64_t)a];
        return ENT_OK;
    }
    if (s->pref_kind == 0) {
        for (int a = 0; a < n; a++)
            pay[a] = 0.0;
        for (int r = 0; r < s->nrules; r++) {
            const sc_rule *R = &s->rules[r];
            double v = 1.0;
            if (R->when && ent_expr_eval(R->when, &env, &v, err) != ENT_OK)
                return ENT_ENUMERIC;
            if (v == 0.0)
                continue;
            for (int a = 0; a < n; a++) {
                if (!R->val[a])
                    continue;
                if (ent_expr_eval(R->val[a], &env, &v, err) != ENT_OK)
                    return ENT_ENUMERIC;
                pay[a] += v;
            }
        }
        for (int a = 0; a < n; a++)
            if (!isfinite(pay[a]))
                return ent_error_set(err, ENT_ENUMERIC, "%s: the payoff of %s is not finite", s->path,
                                     s->aids[a]);
        return ENT_OK;
    }
    for (int a = 0; a < n; a++) {
        double score = 0.0, v;
        int ns = s->nstmt[a];
        for (int k = 0; k < ns; k++) {
            if (ent_expr_eval(s->stmt[a][k], &env, &v, err) != ENT_OK)
                return ENT_ENUMERIC;
            if (v != 0.0)
                score += ldexp(1.0, ns - 1 - k);
        }
        pay[a] = score;
    }
    return ENT_OK;
}

/* ------------------------------------------------------------------ the map */

struct ent_scenario_treemap {
    int nisets, iset_cap;
    int *stage, *actor;   /* [nisets] */
    uint32_t *opts;       /* [nisets]: options decided (0: the whole strategy, or chance) */
    int64_t *choice0;     /* [nisets]: first entry of the information set in choice */
    int *choice;
    int64_t nchoice, choice_cap;
    int64_t *profile;     /* [nnodes]: profile index of a terminal node, else -1 */
    int64_t nnodes, node_cap;
};

void ent_scenario_treemap_free(ent_scenario_treemap **m)
{
    if (!m || !*m)
        return;
    free((*m)->stage);
    free((*m)->actor);
    free((*m)->opts);
    free((*m)->choice0);
    free((*m)->choice);
    free((*m)->profile);
    free(*m);
    *m = NULL;
}

int ent_scenario_treemap_stage(const ent_scenario_treemap *m, int h)
{
    return m && h >= 0 && h < m->nisets ? m->stage[h] : -1;
}

int ent_scenario_treemap_actor(const ent_scenario_treemap *m, int h)
{
    return m && h >= 0 && h < m->nisets ? m->actor[h] : -1;
}

uint32_t ent_scenario_treemap_options(const ent_scenario_treemap *m, int h)
{
    return m && h >= 0 && h < m->nisets ? m->opts[h] : 0;
}

int ent_scenario_treemap_choice(const ent_scenario_treemap *m, int h, int action)
{
    if (!m || h < 0 || h >= m->nisets || action < 0)
        return -1;
    int64_t end = h + 1 < m->nisets ? m->choice0[h + 1] : m->nchoice;
    return m->choice0[h] + action < end ? m->choice[m->choice0[h] + action] : -1;
}

int64_t ent_scenario_treemap_profile(const ent_scenario_treemap *m, int node)
{
    return m && node >= 0 && node < m->nnodes ? m->profile[node] : -1;
}

static int map_iset(ent_scenario_treemap *m, int stage, int actor, uint32_t opts, const int *choices, int k)
{
    if (m->nisets == m->iset_cap) {
        int nc = m->iset_cap ? m->iset_cap * 2 : 16;
        int *a = realloc(m->stage, sizeof(int) * (size_t)nc);
        if (a)
            m->stage = a;
        int *b = realloc(m->actor, sizeof(int) * (size_t)nc);
        if (b)
            m->actor = b;
        int64_t *c = realloc(m->choice0, sizeof(int64_t) * (size_t)nc);
        if (c)
            m->choice0 = c;
        uint32_t *d = realloc(m->opts, sizeof(uint32_t) * (size_t)nc);
        if (d)
            m->opts = d;
        if (!a || !b || !c || !d)
            return ENT_ENOMEM;
        m->iset_cap = nc;
    }
    if (m->nchoice + k > m->choice_cap) {
        int64_t nc = m->choice_cap ? m->choice_cap * 2 : 64;
        while (nc < m->nchoice + k)
            nc *= 2;
        int *c = realloc(m->choice, sizeof(int) * (size_t)nc);
        if (!c)
            return ENT_ENOMEM;
        m->choice = c;
        m->choice_cap = nc;
    }
    m->stage[m->nisets] = stage;
    m->actor[m->nisets] = actor;
    m->opts[m->nisets] = opts;
    m->choice0[m->nisets] = m->nchoice;
    memcpy(m->choice + m->nchoice, choices, sizeof(int) * (size_t)k);
    m->nchoice += k;
    m->nisets++;
    return ENT_OK;
}

static int map_node(ent_scenario_treemap *m, int node, int64_t profile)
{
    if (node >= m->node_cap) {
        int64_t nc = m->node_cap ? m->node_cap * 2 : 64;
        while (nc <= node)
            nc *= 2;
        int64_t *p = realloc(m->profile, sizeof(int64_t) * (size_t)nc);
        if (!p)
            return ENT_ENOMEM;
        m->profile = p;
        m->node_cap = nc;
    }
    m->profile[node] = profile;
    if (node >= m->nnodes)
        m->nnodes = node + 1;
    return ENT_OK;
}

/* ---------------------------------------------------------------- building */

typedef struct {
    int stage, actor; /* actor -1: the chance move of `stage` */
    uint32_t opts;    /* options decided here, SC_WHOLE: the whole strategy */
    uint32_t *proj;   /* opts != SC_WHOLE: the distinct settings of those options [radix] */
    int radix;        /* strategies, option settings or outcomes */
    int nvis;         /* earlier movers it sees */
    int *vis;         /* [nvis] */
    int64_t *stride;  /* [nvis] */
    int64_t nkeys;    /* product of the radices it sees */
    int32_t *iset;    /* [nkeys]: information set of each seen history, -1 not yet made */
    int npat;         /* infeasible patterns restricting this actor */
    int *pat;
} mover;

typedef struct {
    const ent_scenario *s;
    ent_efg *t;
    ent_scenario_treemap *map;
    ent_error *err;
    int nm;
    mover *mv;
    int *hist;              /* [nm] choice of each mover on the current path */
    int prof[SC_MAX_ACTORS];
    uint32_t dec[SC_MAX_ACTORS], dmask[SC_MAX_ACTORS]; /* options decided so far */
    unsigned char lits[SC_MAX_ITEMS];
    double *pstack;         /* (nchance + 1) x nparams */
    int np;
    int *choices;           /* scratch: allowed strategies, per depth (nm x maxradix) */
    int maxradix;
    double *pay;
} builder;

/* Label of choice c of mover M: a strategy label, an outcome id, or option ids. */
static void choice_label(const ent_scenario *s, const mover *M, int c, char *buf, size_t cap)
{
    if (M->actor < 0)
        snprintf(buf, cap, "%s", s->stage_info[M->stage].out[c].id);
    else if (M->opts == SC_WHOLE)
        snprintf(buf, cap, "%s", s->actors[M->actor].labels[c]);
    else
        sc_options_words(s, M->actor, M->opts, M->proj[c], " + ", buf, cap);
}

/* The moves on the current path up to mover m, in words for messages. */
static void history_text(const builder *B, int m, char *buf, size_t cap)
{
    const ent_scenario *s = B->s;
    size_t len = 0;
    buf[0] = '\0';
    for (int j = 0; j < m && len < cap; j++) {
        const mover *M = &B->mv[j];
        char what[512];
        choice_label(s, M, B->hist[j], what, sizeof what);
        int w = snprintf(buf + len, cap - len, "%s%s=%s", j ? ", " : "",
                         M->actor >= 0 ? s->aids[M->actor] : s->stage_info[M->stage].name, what);
        len += w > 0 ? (size_t)w : 0;
    }
    if (!m)
        snprintf(buf, cap, "the start");
}

/* Information-set label: the mover and the moves it has seen. */
static void iset_label(const builder *B, int m, char *buf, size_t cap)
{
    const ent_scenario *s = B->s;
    const mover *M = &B->mv[m];
    size_t len = (size_t)snprintf(buf, cap, "%s", M->actor >= 0 ? s->aids[M->actor] : s->stage_info[M->stage].name);
    for (int i = 0; i < M->nvis && len < cap; i++) {
        const mover *V = &B->mv[M->vis[i]];
        char what[512];
        choice_label(s, V, B->hist[M->vis[i]], what, sizeof what);
        int w = snprintf(buf + len, cap - len, "%s%s=%s", i ? ", " : " after ",
                         V->actor >= 0 ? s->aids[V->actor] : s->stage_info[V->stage].name, what);
        len += w > 0 ? (size_t)w : 0;
    }
}

static int build(builder *B, int m, const double *params, int depth_c);

static int build_leaf(builder *B, const double *params)
{
    const ent_scenario *s = B->s;
    int n = s->nactors;
    uint64_t p = 0, stride = 1;
    for (int a = 0; a < n; a++)
        if (B->dmask[a]) { /* options decided over several stages: find the strategy */
            const sc_actor *A = &s->actors[a];
            int k = 0;
            while (k < A->nstrat && A->strat[k] != B->dec[a])
                k++;
            if (k == A->nstrat)
                return ent_error_set(B->err, ENT_EINVAL, "%s: no strategy of '%s' has the options decided",
                                     s->path, s->aids[a]);
            B->prof[a] = k;
        }
    for (int a = 0; a < n; a++) {
        p += (uint64_t)B->prof[a] * stride;
        stride *= (uint64_t)s->actors[a].nstrat;
    }
    if (sc_profile_payoffs(s, params, B->lits, p, B->pay, B->err) != ENT_OK) {
        char h[600];
        history_text(B, B->nm, h, sizeof h);
        size_t l = strlen(B->err->msg);
        snprintf(B->err->msg + l, sizeof B->err->msg - l, " (at %s)", h);
        return ENT_ENUMERIC;
    }
    char label[800];
    size_t len = 0;
    label[0] = '\0';
    for (int a = 0; a < n && len < sizeof label; a++) {
        int w = snprintf(label + len, sizeof label - len, "%s%s", a ? " / " : "",
                         s->actors[a].labels[B->prof[a]]);
        len += w > 0 ? (size_t)w : 0;
    }
    for (int j = 0; j < B->nm && len < sizeof label; j++)
        if (B->mv[j].actor < 0) {
            int w = snprintf(label + len, sizeof label - len, " / %s=%s", s->stage_info[B->mv[j].stage].name,
                             s->stage_info[B->mv[j].stage].out[B->hist[j]].id);
            len += w > 0 ? (size_t)w : 0;
        }
    int o = ent_efg_add_outcome(B->t, B->pay, NULL, NULL, 0, label, B->err);
    if (o < 0)
        return o;
    int x = ent_efg_add_node(B->t, -1, o, "", B->err);
    if (x < 0)
        return x;
    if (map_node(B->map, x, (int64_t)p))
        return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
    return ENT_OK;
}

static int build_actor(builder *B, int m, const double *params, int depth_c)
{
    const ent_scenario *s = B->s;
    mover *M = &B->mv[m];
    int a = M->actor, k = 0;
    int *allowed = B->choices + (size_t)m * (size_t)B->maxradix;
    ent_expr_env env = {.params = params, .lits = B->lits};
    const sc_actor *A = &s->actors[a];
    for (int j = 0; j < M->radix; j++) {
        if (M->opts == SC_WHOLE) {
            sc_fill_lits(s, a, j, B->lits);
        } else { /* a setting some strategy completes, given the options decided before */
            int some = 0;
            for (int q = 0; q < A->nstrat && !some; q++)
                some = (A->strat[q] & B->dmask[a]) == B->dec[a] && (A->strat[q] & M->opts) == M->proj[j];
            if (!some)
                continue;
            for (int l = 0; l < A->nitems; l++)
                if ((M->opts >> l) & 1u)
                    B->lits[A->litbase + l] = (unsigned char)((M->proj[j] >> l) & 1u);
        }
        int ok = 1;
        for (int i = 0; i < M->npat && ok; i++) {
            double v;
            if (ent_expr_eval(s->inf[M->pat[i]], &env, &v, B->err) != ENT_OK)
                return ENT_ENUMERIC;
            ok = v == 0.0;
        }
        if (ok)
            allowed[k++] = j;
    }
    if (!k) {
        char h[600];
        history_text(B, m, h, sizeof h);
        const sc_stage *S = &s->stage_info[M->stage];
        return ent_error_set(B->err, ENT_EINFEASIBLE,
                             "%s:%d: after %s, actor '%s' has no option the infeasible patterns allow "
                             "(exclude the earlier move by a pattern, or reorder the stages)",
                             S->file, S->line, h, s->aids[a]);
    }
    int64_t key = 0;
    for (int i = 0; i < M->nvis; i++)
        key += (int64_t)B->hist[M->vis[i]] * M->stride[i];
    int h = M->iset[key];
    if (h < 0) {
        const char **lab = malloc(sizeof(char *) * (size_t)k);
        char *text = M->opts == SC_WHOLE ? NULL : malloc((size_t)k * 512);
        int *ids = malloc(sizeof(int) * (size_t)k);
        char il[1024];
        if (!lab || !ids || (M->opts != SC_WHOLE && !text)) {
            free(lab);
            free(text);
            free(ids);
            return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
        }
        for (int j = 0; j < k; j++) {
            if (text) {
                choice_label(s, M, allowed[j], text + (size_t)j * 512, 512);
                lab[j] = text + (size_t)j * 512;
                ids[j] = (int)M->proj[allowed[j]];
            } else {
                lab[j] = s->actors[a].labels[allowed[j]];
                ids[j] = allowed[j];
            }
        }
        iset_label(B, m, il, sizeof il);
        h = ent_efg_add_infoset(B->t, a, k, lab, NULL, NULL, NULL, 0, il, B->err);
        int mrc = h < 0 ? ENT_OK : map_iset(B->map, M->stage, a, M->opts == SC_WHOLE ? 0 : M->opts, ids, k);
        free(lab);
        free(text);
        free(ids);
        if (h < 0)
            return h;
        if (mrc)
            return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
        M->iset[key] = h;
    } else if (ent_efg_infoset_nactions(B->t, h) != k) {
        return ent_error_set(B->err, ENT_EINVAL,
                             "%s: the information set of '%s' joins histories with different options",
                             s->path, s->aids[a]);
    }
    int x = ent_efg_add_node(B->t, h, -1, "", B->err);
    if (x < 0)
        return x;
    if (map_node(B->map, x, -1))
        return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
    uint32_t dec0 = B->dec[a], dmask0 = B->dmask[a];
    for (int j = 0; j < k; j++) {
        B->hist[m] = allowed[j];
        if (M->opts == SC_WHOLE) {
            B->prof[a] = allowed[j];
            sc_fill_lits(s, a, allowed[j], B->lits);
        } else {
            B->dec[a] = dec0 | M->proj[allowed[j]];
            B->dmask[a] = dmask0 | M->opts;
            for (int l = 0; l < A->nitems; l++)
                if ((M->opts >> l) & 1u)
                    B->lits[A->litbase + l] = (unsigned char)((M->proj[allowed[j]] >> l) & 1u);
        }
        int rc = build(B, m + 1, params, depth_c);
        if (rc)
            return rc;
    }
    B->dec[a] = dec0;
    B->dmask[a] = dmask0;
    return ENT_OK;
}

static int build_chance(builder *B, int m, const double *params, int depth_c)
{
    const ent_scenario *s = B->s;
    mover *M = &B->mv[m];
    const sc_stage *S = &s->stage_info[M->stage];
    int k = S->nout, rest = -1;
    double *prob = malloc(sizeof(double) * (size_t)k), sum = 0.0;
    const char **lab = malloc(sizeof(char *) * (size_t)k);
    char h[600];
    int rc = ENT_OK;
    if (!prob || !lab) {
        free(prob);
        free(lab);
        return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
    }
    ent_expr_env env = {.params = params, .lits = B->lits};
    for (int j = 0; j < k && !rc; j++) {
        lab[j] = S->out[j].id;
        prob[j] = 0.0;
        if (!S->out[j].p) {
            rest = j;
            continue;
        }
        if (ent_expr_eval(S->out[j].p, &env, &prob[j], B->err) != ENT_OK) {
            rc = ENT_ENUMERIC;
            break;
        }
        if (!(prob[j] >= 0.0 && prob[j] <= 1.0)) {
            history_text(B, m, h, sizeof h);
            rc = ent_error_set(B->err, ENT_EINVAL,
                               "%s:%d: chance '%s': the probability of '%s' is %.12g, not in [0, 1] (after %s)",
                               S->file, S->out[j].line, S->name, S->out[j].id, prob[j], h);
            break;
        }
        sum += prob[j];
    }
    if (!rc && rest >= 0) {
        if (sum > 1.0 + 1e-9) {
            history_text(B, m, h, sizeof h);
            rc = ent_error_set(B->err, ENT_EINVAL,
                               "%s:%d: chance '%s': the probabilities given sum to %.12g, more than 1, leaving "
                               "nothing for '%s' (after %s)",
                               S->file, S->line, S->name, sum, S->out[rest].id, h);
        } else {
            prob[rest] = sum >= 1.0 ? 0.0 : 1.0 - sum;
            sum = 1.0;
        }
    }
    if (!rc && fabs(sum - 1.0) > 1e-9) {
        history_text(B, m, h, sizeof h);
        rc = ent_error_set(B->err, ENT_EINVAL,
                           "%s:%d: chance '%s': the probabilities sum to %.12g, not 1 (after %s; leave out "
                           "one outcome's p to give it the rest)",
                           S->file, S->line, S->name, sum, h);
    }
    int hset = -1, x = -1;
    if (!rc) {
        /* kept as fractions over 10^15 that sum to exactly 1 (the largest takes the
         * rounding), so that a written .efg reads back with the same probabilities */
        int64_t *num = malloc(sizeof(int64_t) * (size_t)k), *den = malloc(sizeof(int64_t) * (size_t)k);
        if (!num || !den) {
            free(num);
            free(den);
            free(prob);
            free(lab);
            return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
        }
        int64_t tot = 0;
        int big = 0;
        for (int j = 0; j < k; j++) {
            num[j] = (int64_t)llround(prob[j] * ST_PROB_DEN);
            den[j] = (int64_t)ST_PROB_DEN;
            tot += num[j];
            big = num[j] > num[big] ? j : big;
        }
        num[big] += (int64_t)ST_PROB_DEN - tot;
        for (int j = 0; j < k; j++) {
            prob[j] = (double)num[j] / ST_PROB_DEN;
            int64_t g = num[j], y = den[j]; /* in lowest terms, as a reader keeps them */
            while (y) {
                int64_t r = g % y;
                g = y;
                y = r;
            }
            if (g > 1) {
                num[j] /= g;
                den[j] /= g;
            }
        }
        char il[1024];
        iset_label(B, m, il, sizeof il);
        hset = ent_efg_add_infoset(B->t, -1, k, lab, prob, num, den, 0, il, B->err);
        free(num);
        free(den);
        if (hset < 0)
            rc = hset;
    }
    free(prob);
    free(lab);
    if (rc)
        return rc;
    int *ids = B->choices + (size_t)m * (size_t)B->maxradix;
    for (int j = 0; j < k; j++)
        ids[j] = j;
    if (map_iset(B->map, M->stage, -1, 0, ids, k))
        return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
    if ((x = ent_efg_add_node(B->t, hset, -1, "", B->err)) < 0)
        return x;
    if (map_node(B->map, x, -1))
        return ent_error_set(B->err, ENT_ENOMEM, "out of memory");
    double *next = B->pstack + (size_t)(depth_c + 1) * (size_t)B->np;
    for (int j = 0; j < k; j++) {
        const sc_chance_out *o = &S->out[j];
        const double *use = params;
        if (o->nset) {
            if (B->np)
                memcpy(next, params, sizeof(double) * (size_t)B->np);
            ent_expr_env penv = {.params = params};
            for (int i = 0; i < o->nset; i++) {
                double v;
                if (ent_expr_eval(o->set_val[i], &penv, &v, B->err) != ENT_OK)
                    return ENT_ENUMERIC;
                next[o->set_param[i]] = v;
            }
            use = next;
        }
        B->hist[m] = j;
        if ((rc = build(B, m + 1, use, use == params ? depth_c : depth_c + 1)))
            return rc;
    }
    return ENT_OK;
}

static int build(builder *B, int m, const double *params, int depth_c)
{
    if (m == B->nm)
        return build_leaf(B, params);
    return B->mv[m].actor >= 0 ? build_actor(B, m, params, depth_c) : build_chance(B, m, params, depth_c);
}

static void free_movers(mover *mv, int nm)
{
    for (int i = 0; mv && i < nm; i++) {
        free(mv[i].vis);
        free(mv[i].stride);
        free(mv[i].iset);
        free(mv[i].pat);
        free(mv[i].proj);
    }
    free(mv);
}

/* The movers in order, what each sees, the size of the tree at most. */
static int plan_movers(const ent_scenario *s, mover **out, int *nmp, size_t limit, ent_error *err)
{
    int nm = 0, n = s->nactors;
    for (int i = 0; i < s->nstages; i++)
        nm += s->stage_info[i].chance ? 1 : s->stage_n[i];
    mover *mv = calloc((size_t)nm, sizeof *mv);
    if (!mv)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    int m = 0;
    for (int i = 0; i < s->nstages; i++) {
        if (s->stage_info[i].chance) {
            mv[m].stage = i;
            mv[m].actor = -1;
            mv[m++].radix = s->stage_info[i].nout;
            continue;
        }
        for (int j = 0; j < s->stage_n[i]; j++) {
            const sc_actor *A = &s->actors[s->stages[i][j]];
            mv[m].stage = i;
            mv[m].actor = s->stages[i][j];
            mv[m].opts = s->stage_opts[i][j];
            mv[m].radix = A->nstrat;
            if (mv[m].opts != SC_WHOLE) { /* the distinct settings of its options */
                if (!(mv[m].proj = malloc(sizeof(uint32_t) * (size_t)A->nstrat))) {
                    free_movers(mv, nm);
                    return ent_error_set(err, ENT_ENOMEM, "out of memory");
                }
                int r = 0;
                for (int q = 0; q < A->nstrat; q++) {
                    uint32_t v = A->strat[q] & mv[m].opts;
                    int seen = 0;
                    for (int t = 0; t < r && !seen; t++)
                        seen = mv[m].proj[t] == v;
                    if (!seen)
                        mv[m].proj[r++] = v;
                }
                mv[m].radix = r;
            }
            m++;
        }
    }
    /* nodes at most: 1 + r0 + r0 r1 + ... (the leaves included) */
    double nodes = 1.0, level = 1.0;
    for (int i = 0; i < nm; i++) {
        level *= mv[i].radix;
        nodes += level;
    }
    double bytes = nodes * ST_NODE_BYTES(n);
    if (nodes > 2e9 || bytes > (double)limit) {
        free_movers(mv, nm);
        return ent_error_set(err, ENT_ETOOBIG,
                             "%s: the staged game would have up to %.0f nodes (about %.0f bytes); the limit is %zu bytes",
                             s->path, nodes, bytes, limit);
    }
    for (int i = 0; i < nm; i++) {
        mover *M = &mv[i];
        if (!(M->vis = malloc(sizeof(int) * (size_t)(i + 1))) ||
            !(M->stride = malloc(sizeof(int64_t) * (size_t)(i + 1)))) {
            free_movers(mv, nm);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        M->nkeys = 1;
        for (int j = 0; j < i; j++)
            if (mv[j].stage < M->stage && (!s->stage_info[mv[j].stage].hidden || mv[j].actor == M->actor)) {
                M->vis[M->nvis] = j;
                M->stride[M->nvis++] = M->nkeys;
                M->nkeys *= mv[j].radix; /* at most the nodes of level j: checked above */
            }
        if (M->actor < 0)
            continue;
        if (!(M->iset = malloc(sizeof(int32_t) * (size_t)M->nkeys)) ||
            !(M->pat = malloc(sizeof(int) * (size_t)(s->ninf + 1)))) {
            free_movers(mv, nm);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        for (int64_t k = 0; k < M->nkeys; k++)
            M->iset[k] = -1;
        /* the patterns this move decides last (found by the loader) */
        for (int p = 0; p < s->ninf; p++)
            if (s->inf_stage[p] == M->stage && s->inf_actor[p] == M->actor)
                M->pat[M->npat++] = p;
    }
    *out = mv;
    *nmp = nm;
    return ENT_OK;
}

int ent_scenario_to_efg(const ent_scenario *s, const double *values, const ent_game_opts *o,
                        ent_efg **out, ent_scenario_treemap **mapp, ent_error *err)
{
    ent_error local = {0, ""};
    *out = NULL;
    if (mapp)
        *mapp = NULL;
    if (!err)
        err = &local;
    if (!s->nactors)
        return ent_error_set(err, ENT_EUNSUPPORTED, "%s: the scenario has no actors", s->path);
    if (!s->nstages)
        return ent_error_set(err, ENT_EUNSUPPORTED, "%s: the scenario has no sequence block", s->path);
    ent_game_opts go;
    ent_game_opts_init(&go);
    if (o)
        go = *o;
    builder B;
    memset(&B, 0, sizeof B);
    B.s = s;
    B.err = err;
    B.np = s->nparams;
    int rc = plan_movers(s, &B.mv, &B.nm, go.mem_limit, err);
    if (rc)
        return rc;
    int nchance = 0;
    for (int i = 0; i < B.nm; i++) {
        nchance += B.mv[i].actor < 0;
        if (B.mv[i].radix > B.maxradix)
            B.maxradix = B.mv[i].radix;
    }
    B.hist = calloc((size_t)B.nm, sizeof(int));
    B.choices = malloc(sizeof(int) * (size_t)B.nm * (size_t)B.maxradix);
    B.pstack = malloc(sizeof(double) * (size_t)(nchance + 1) * (size_t)(B.np ? B.np : 1));
    B.pay = malloc(sizeof(double) * (size_t)s->nactors);
    B.map = calloc(1, sizeof *B.map);
    if (!B.hist || !B.choices || !B.pstack || !B.pay || !B.map) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    if (B.np)
        memcpy(B.pstack, values ? values : s->pv, sizeof(double) * (size_t)B.np);
    for (int a = 0; a < s->nactors; a++) {
        B.prof[a] = 0;
        sc_fill_lits(s, a, 0, B.lits);
    }
    if ((rc = ent_efg_new(&B.t, s->nactors, &go, err)))
        goto out;
    rc = ent_efg_set_title(B.t, s->title[0] ? s->title : s->path);
    for (int a = 0; a < s->nactors && !rc; a++)
        rc = ent_efg_set_player_label(B.t, a, s->actors[a].name);
    if (!rc) {
        char c[1200];
        snprintf(c, sizeof c, "The staged game of %s (its sequence block): leaves carry the payoffs of the "
                              "scenario's profiles, labelled actor by actor",
                 s->path);
        rc = ent_efg_set_comment(B.t, c);
    }
    if (rc) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = build(&B, 0, B.pstack, 0)) || (rc = ent_efg_finish(B.t, err)))
        goto out;
    *out = B.t;
    B.t = NULL;
    if (mapp) {
        *mapp = B.map;
        B.map = NULL;
    }
out:
    if (rc && err && err->status == 0)
        ent_error_set(err, rc, "%s: the staged game could not be built", s->path);
    ent_efg_free(&B.t);
    ent_scenario_treemap_free(&B.map);
    free_movers(B.mv, B.nm);
    free(B.hist);
    free(B.choices);
    free(B.pstack);
    free(B.pay);
    return rc;
}
