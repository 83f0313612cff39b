/* coalitions.c — coalitional stability in the graph model: coalitional Nash, GMR, SMR and
 * SEQ (CNASH, CGMR, CSMR, CSEQ) of every state for every DM, with one witness and a
 * one-sentence explanation each.
 *
 * Definitions: T. Inohara & K. W. Hipel, "Coalition analysis in the graph model for
 * conflict resolution", Systems Engineering 11(4) (2008), and "Interrelationships among
 * noncooperative and coalition stability concepts", same issue; coalitional improvements
 * after Kilgour, Hipel, Fang & Peng, Group Decis. Negot. 10 (2001). Coalition H's
 * reachable list R_H(x) (legal sequences of its members' unilateral moves) is computed for
 * every coalition and state as a bitset row. Sanctions by the subcoalitions of N \ H,
 * moving in turn (no coalition twice in a row): with two or more DMs outside H, relabelling
 * shows that any sequence of their unilateral moves is such a sequence, so the sanction
 * set is the transitive closure of their moves; with one DM outside H it is that DM's
 * single moves; for CSEQ the graph over (state, last coalition) is searched. In each case
 * the least preferred reachable state (for the focal DM) is found per node from the
 * strongly connected components (Tarjan 1972), as in gmcr.c. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define KEY_INF UINT64_MAX
#define CO_MAX_DM 8
#define CO_PAR_MIN 256 /* below this many states, one thread */

static const char *const cnames[ENT_GMCR_NCCONCEPTS] = {"cnash", "cgmr", "csmr", "cseq"};

const char *ent_gmcr_cconcept_name(int c)
{
    return c >= 0 && c < ENT_GMCR_NCCONCEPTS ? cnames[c] : NULL;
}

struct ent_gmcr_cresult {
    int ndm;
    uint32_t n;
    uint8_t *stable[ENT_GMCR_NCCONCEPTS]; /* ndm * n, dm-major */
    uint8_t *who[ENT_GMCR_NCCONCEPTS];    /* witness coalition mask */
    uint32_t *imp[ENT_GMCR_NCCONCEPTS];
    uint32_t *san[ENT_GMCR_NCCONCEPTS];
};

void ent_gmcr_cresult_free(ent_gmcr_cresult **rp)
{
    if (!rp || !*rp)
        return;
    for (int c = 0; c < ENT_GMCR_NCCONCEPTS; c++) {
        free((*rp)->stable[c]);
        free((*rp)->who[c]);
        free((*rp)->imp[c]);
        free((*rp)->san[c]);
    }
    free(*rp);
    *rp = NULL;
}

/* ------------------------------------------------------------ coalition move sets */

typedef struct {
    const ent_gmcr *m;
    uint32_t n;
    size_t w;        /* 64-bit words per row */
    uint64_t **mv;   /* mv[G]: n rows, R_G(x) */
    uint64_t **imp;  /* imp[G]: n rows, R_G(x) restricted to states all of G prefer to x */
} coal_sets;

static inline int bit(const uint64_t *row, uint32_t t) { return (int)(row[t >> 6] >> (t & 63) & 1); }

/* Row x of mv[G] and imp[G]: breadth-first search over (state, last mover) with movers in
 * G. seen: n * ndm bytes, queue: n * ndm entries (scratch). */
static void fill_rows(const coal_sets *cs, unsigned G, uint32_t x, uint8_t *seen, uint32_t *queue)
{
    const ent_gmcr *m = cs->m;
    const size_t nd = (size_t)m->ndm;
    uint64_t *mrow = cs->mv[G] + (size_t)x * cs->w, *irow = cs->imp[G] + (size_t)x * cs->w;
    memset(mrow, 0, cs->w * sizeof *mrow);
    memset(irow, 0, cs->w * sizeof *irow);
    memset(seen, 0, (size_t)m->n * nd);
    size_t qh = 0, qt = 0;
    for (int d = 0; d < m->ndm; d++) {
        if (!(G >> d & 1))
            continue;
        for (uint64_t e = m->off[d][x]; e < m->off[d][x + 1]; e++) {
            size_t v = (size_t)m->adj[d][e] * nd + (size_t)d;
            if (!seen[v]) {
                seen[v] = 1;
                queue[qt++] = (uint32_t)v;
            }
        }
    }
    while (qh < qt) {
        uint32_t v = queue[qh++];
        uint32_t y = (uint32_t)(v / nd);
        int last = (int)(v % nd);
        mrow[y >> 6] |= (uint64_t)1 << (y & 63);
        if (G & (G - 1))
            for (int d = 0; d < m->ndm; d++) {
                if (d == last || !(G >> d & 1))
                    continue;
                for (uint64_t e = m->off[d][y]; e < m->off[d][y + 1]; e++) {
                    size_t w2 = (size_t)m->adj[d][e] * nd + (size_t)d;
                    if (!seen[w2]) {
                        seen[w2] = 1;
                        queue[qt++] = (uint32_t)w2;
                    }
                }
            }
    }
    for (size_t k = 0; k < cs->w; k++) {
        uint64_t b = mrow[k];
        while (b) {
            uint32_t t = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(b));
            b &= b - 1;
            int all = 1;
            for (int d = 0; d < m->ndm && all; d++)
                if (G >> d & 1)
                    all = gm_rank(m, d, t) > gm_rank(m, d, x);
            if (all)
                irow[t >> 6] |= (uint64_t)1 << (t & 63);
        }
    }
}

static int build_sets(coal_sets *cs)
{
    const ent_gmcr *m = cs->m;
    const unsigned ncoal = 1u << m->ndm;
    for (unsigned G = 1; G < ncoal; G++) {
        cs->mv[G] = malloc((size_t)cs->n * cs->w * sizeof(uint64_t));
        cs->imp[G] = malloc((size_t)cs->n * cs->w * sizeof(uint64_t));
        if (!cs->mv[G] || !cs->imp[G])
            return ENT_ENOMEM;
    }
    int fail = 0;
    const long total = (long)(ncoal - 1) * (long)cs->n;
#pragma omp parallel if (cs->n > CO_PAR_MIN)
    {
        uint8_t *seen = malloc((size_t)m->n * (size_t)m->ndm);
        uint32_t *queue = malloc((size_t)m->n * (size_t)m->ndm * sizeof *queue);
        if (!seen || !queue) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 16)
        for (long k = 0; k < total; k++) {
            if (!seen || !queue)
                continue;
            unsigned G = 1u + (unsigned)(k / (long)cs->n);
            fill_rows(cs, G, (uint32_t)(k % (long)cs->n), seen, queue);
        }
        free(seen);
        free(queue);
    }
    return fail ? ENT_ENOMEM : ENT_OK;
}

/* ------------------------------------------------------------ least reachable key */

/* Kind 0: node x, successors = moves of the DMs in `dms` (any order, repeats allowed).
 * Kind 1: node x * k + g (g: the last coalition sub[g]), successors (t, g2) for g2 != g
 * and t a coalitional improvement of sub[g2] from x. */
typedef struct {
    const coal_sets *cs;
    int kind;
    unsigned dms;
    int k;
    unsigned sub[1u << CO_MAX_DM];
} cgraph;

/* Next successor of v from iterator *it (0 to start), or NONE. */
static uint32_t succ(const cgraph *g, uint32_t v, uint64_t *it)
{
    const ent_gmcr *m = g->cs->m;
    if (g->kind == 0) {
        for (;;) {
            int d = (int)(*it >> 40);
            uint64_t pos = *it & (((uint64_t)1 << 40) - 1);
            if (d >= m->ndm)
                return NONE;
            if (!(g->dms >> d & 1) || m->off[d][v] + pos >= m->off[d][v + 1]) {
                *it = (uint64_t)(d + 1) << 40;
                continue;
            }
            *it += 1;
            return m->adj[d][m->off[d][v] + pos];
        }
    }
    const uint32_t k = (uint32_t)g->k, x = v / k, g0 = v % k;
    for (;;) {
        uint32_t g2 = (uint32_t)(*it >> 32), b = (uint32_t)*it;
        if (g2 >= k)
            return NONE;
        if (g2 == g0 || b >= g->cs->n) {
            *it = (uint64_t)(g2 + 1) << 32;
            continue;
        }
        const uint64_t *row = g->cs->imp[g->sub[g2]] + (size_t)x * g->cs->w;
        size_t wi = b >> 6;
        uint64_t word = row[wi] & (~(uint64_t)0 << (b & 63));
        while (!word && ++wi < g->cs->w)
            word = row[wi];
        if (!word) {
            *it = (uint64_t)(g2 + 1) << 32;
            continue;
        }
        uint32_t t = (uint32_t)(wi * 64 + (size_t)__builtin_ctzll(word));
        *it = (uint64_t)g2 << 32 | (uint64_t)(t + 1);
        return t * k + g2;
    }
}

/* best1/best2[v] = min over nodes reachable from v (v included) of key1/key2 of their
 * state (node v's state: v for kind 0, v / k for kind 1). key2 may be NULL. Iterative
 * Tarjan over nv nodes. */
static int least_reach(const cgraph *g, size_t nv, const uint64_t *key1, const uint64_t *key2,
                       uint64_t *best1, uint64_t *best2)
{
    const uint32_t div = g->kind == 0 ? 1u : (uint32_t)g->k;
    uint32_t *idx = calloc(nv, sizeof *idx);
    uint32_t *low = malloc(nv * sizeof *low);
    uint32_t *stk = malloc(nv * sizeof *stk);
    uint32_t *call = malloc(nv * sizeof *call);
    uint64_t *it = malloc(nv * sizeof *it);
    if (!idx || !low || !stk || !call || !it) {
        free(idx), free(low), free(stk), free(call), free(it);
        return ENT_ENOMEM;
    }
    uint32_t counter = 0, nscc = 0;
    size_t sp = 0, cp = 0;
    for (size_t root = 0; root < nv; root++) {
        if (idx[root])
            continue;
        idx[root] = low[root] = ++counter;
        stk[sp++] = (uint32_t)root;
        it[root] = 0;
        call[cp++] = (uint32_t)root;
        while (cp) {
            uint32_t v = call[cp - 1], w;
            int descended = 0;
            while ((w = succ(g, v, &it[v])) != NONE) {
                if (!idx[w]) {
                    idx[w] = low[w] = ++counter;
                    stk[sp++] = w;
                    it[w] = 0;
                    call[cp++] = w;
                    descended = 1;
                    break;
                }
                if (idx[w] != NONE && idx[w] < low[v])
                    low[v] = idx[w];
            }
            if (descended)
                continue;
            cp--;
            if (cp && low[v] < low[call[cp - 1]])
                low[call[cp - 1]] = low[v];
            if (low[v] != idx[v])
                continue;
            size_t base = sp;
            do
                base--;
            while (stk[base] != v);
            uint32_t sccno = nscc++;
            for (size_t q = base; q < sp; q++) {
                idx[stk[q]] = NONE;
                low[stk[q]] = sccno;
            }
            uint64_t b1 = KEY_INF, b2 = KEY_INF;
            for (size_t q = base; q < sp; q++) {
                uint32_t u = stk[q], ux = u / div;
                if (key1[ux] < b1)
                    b1 = key1[ux];
                if (key2 && key2[ux] < b2)
                    b2 = key2[ux];
                uint64_t i2 = 0;
                while ((w = succ(g, u, &i2)) != NONE) {
                    if (low[w] == sccno)
                        continue;
                    if (best1[w] < b1)
                        b1 = best1[w];
                    if (key2 && best2[w] < b2)
                        b2 = best2[w];
                }
            }
            for (size_t q = base; q < sp; q++) {
                best1[stk[q]] = b1;
                if (key2)
                    best2[stk[q]] = b2;
            }
            sp = base;
        }
    }
    free(idx), free(low), free(stk), free(call), free(it);
    return ENT_OK;
}

/* Sanction tables of focal DM i against coalition H's improvements: for every state s1,
 * the least preferred (for i) state the DMs outside H can reach: tg (any coalitional
 * moves, key rank), ts (same, key = i's best among the state and H's reach from it), tq
 * (coalitional improvements, key rank). KEY_INF when none. */
static int sanction_tables(const coal_sets *cs, int i, unsigned H, uint64_t *tg, uint64_t *ts,
                           uint64_t *tq)
{
    const ent_gmcr *m = cs->m;
    const uint32_t n = cs->n;
    const unsigned C = ((1u << m->ndm) - 1) & ~H;
    int rc = ENT_OK;
    uint64_t *k1 = malloc(n * sizeof *k1), *k2 = malloc(n * sizeof *k2);
    uint64_t *b1 = NULL, *b2 = NULL, *bq = NULL;
    cgraph *g = malloc(sizeof *g);
    if (!k1 || !k2 || !g) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (uint32_t x = 0; x < n; x++) {
        int32_t w = gm_rank(m, i, x);
        const uint64_t *row = cs->mv[H] + (size_t)x * cs->w;
        for (size_t q = 0; q < cs->w; q++)
            for (uint64_t b = row[q]; b; b &= b - 1) {
                uint32_t t = (uint32_t)(q * 64 + (size_t)__builtin_ctzll(b));
                if (gm_rank(m, i, t) > w)
                    w = gm_rank(m, i, t);
            }
        k1[x] = (uint64_t)(uint32_t)gm_rank(m, i, x) << 32 | x;
        k2[x] = (uint64_t)(uint32_t)w << 32 | x;
        tg[x] = ts[x] = tq[x] = KEY_INF;
    }
    if (!C)
        goto out;
    g->cs = cs;
    if (C & (C - 1)) {
        g->kind = 0;
        g->dms = C;
        b1 = malloc(n * sizeof *b1);
        b2 = malloc(n * sizeof *b2);
        if (!b1 || !b2 || (rc = least_reach(g, n, k1, k2, b1, b2)) != ENT_OK) {
            rc = ENT_ENOMEM;
            goto out;
        }
        for (uint32_t x = 0; x < n; x++) {
            uint64_t itr = 0;
            uint32_t y;
            while ((y = succ(g, x, &itr)) != NONE) {
                if (b1[y] < tg[x])
                    tg[x] = b1[y];
                if (b2[y] < ts[x])
                    ts[x] = b2[y];
            }
        }
    } else {
        int j = __builtin_ctz(C);
        for (uint32_t x = 0; x < n; x++)
            for (uint64_t e = m->off[j][x]; e < m->off[j][x + 1]; e++) {
                uint32_t y = m->adj[j][e];
                if (k1[y] < tg[x])
                    tg[x] = k1[y];
                if (k2[y] < ts[x])
                    ts[x] = k2[y];
            }
    }
    /* CSEQ: (state, last coalition) over the subcoalitions of C */
    g->kind = 1;
    g->k = 0;
    for (unsigned G = 1; G <= C; G++)
        if ((G & C) == G)
            g->sub[g->k++] = G;
    const size_t nv = (size_t)n * (size_t)g->k;
    bq = malloc(nv * sizeof *bq);
    if (!bq || least_reach(g, nv, k1, NULL, bq, NULL) != ENT_OK) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (uint32_t x = 0; x < n; x++)
        for (int q = 0; q < g->k; q++) {
            const uint64_t *row = cs->imp[g->sub[q]] + (size_t)x * cs->w;
            for (size_t wi = 0; wi < cs->w; wi++)
                for (uint64_t b = row[wi]; b; b &= b - 1) {
                    uint32_t t = (uint32_t)(wi * 64 + (size_t)__builtin_ctzll(b));
                    uint64_t v = bq[(size_t)t * (size_t)g->k + (size_t)q];
                    if (v < tq[x])
                        tq[x] = v;
                }
        }
out:
    free(k1), free(k2), free(b1), free(b2), free(bq), free(g);
    return rc;
}

/* ------------------------------------------------------------ the analysis */

static int check_size(const ent_gmcr *m, ent_error *err)
{
    if (m->ndm > CO_MAX_DM)
        return ent_error_set(err, ENT_ETOOBIG,
                             "graph model: coalition analysis of %d decision makers (at most %d)",
                             m->ndm, CO_MAX_DM);
    uint64_t bits = ((uint64_t)1 << m->ndm) * (uint64_t)m->n * (uint64_t)m->n;
    if ((uint64_t)m->n > ((uint64_t)1 << 27) || bits > ENT_GMCR_COAL_MAX_BITS)
        return ent_error_set(err, ENT_ETOOBIG,
                             "graph model: coalition analysis of %u states and %d decision makers "
                             "needs 2^%d x %u^2 = %llu reachability bits (limit %llu)",
                             m->n, m->ndm, m->ndm, m->n,
                             (unsigned long long)((uint64_t)1 << m->ndm) * m->n * m->n,
                             (unsigned long long)ENT_GMCR_COAL_MAX_BITS);
    /* the CSEQ search visits (state, last coalition) nodes and scans, per node, a bitset
     * row for every other subcoalition of the complement: bound that work too */
    const double half = (double)((uint64_t)1 << (m->ndm - 1));
    double steps = (double)m->ndm * half * (double)m->n * half * half * (double)((m->n + 63) / 64);
    if (steps > 2147483648.0)
        return ent_error_set(err, ENT_ETOOBIG,
                             "graph model: coalition analysis of %u states and %d decision makers "
                             "needs about %.3g search steps (limit 2^31)",
                             m->n, m->ndm, steps);
    return ENT_OK;
}

int ent_gmcr_coalition_analyze(const ent_gmcr *m, ent_gmcr_cresult **out, ent_error *err)
{
    *out = NULL;
    if (!m->sealed)
        return ent_error_set(err, ENT_EINVAL, "graph model: analysis needs a sealed model");
    int rc = check_size(m, err);
    if (rc != ENT_OK)
        return rc;
    const int nd = m->ndm;
    const uint32_t n = m->n;
    const unsigned ncoal = 1u << nd;
    ent_gmcr_cresult *r = calloc(1, sizeof *r);
    coal_sets cs = {m, n, ((size_t)n + 63) / 64, NULL, NULL};
    cs.mv = calloc(ncoal, sizeof *cs.mv);
    cs.imp = calloc(ncoal, sizeof *cs.imp);
    /* pairs (i, H) with i in H, in order of i then H */
    const size_t npairs = (size_t)nd << (nd - 1);
    int *pi = malloc(npairs * sizeof *pi);
    unsigned *ph = malloc(npairs * sizeof *ph);
    uint64_t *tabs = malloc(npairs * 3 * (size_t)n * sizeof *tabs);
    rc = r && cs.mv && cs.imp && pi && ph && tabs ? ENT_OK : ENT_ENOMEM;
    if (rc == ENT_OK) {
        r->ndm = nd;
        r->n = n;
        for (int c = 0; c < ENT_GMCR_NCCONCEPTS && rc == ENT_OK; c++) {
            size_t k = (size_t)nd * n;
            r->stable[c] = malloc(k);
            r->who[c] = malloc(k);
            r->imp[c] = malloc(k * sizeof(uint32_t));
            r->san[c] = malloc(k * sizeof(uint32_t));
            if (!r->stable[c] || !r->who[c] || !r->imp[c] || !r->san[c])
                rc = ENT_ENOMEM;
        }
    }
    if (rc == ENT_OK)
        rc = build_sets(&cs);
    if (rc == ENT_OK) {
        size_t p = 0;
        for (int i = 0; i < nd; i++)
            for (unsigned H = 1; H < ncoal; H++)
                if (H >> i & 1) {
                    pi[p] = i;
                    ph[p++] = H;
                }
        int fail = 0;
#pragma omp parallel for schedule(dynamic, 1) if (n > CO_PAR_MIN)
        for (long q = 0; q < (long)npairs; q++) {
            uint64_t *t = tabs + (size_t)q * 3 * n;
            if (sanction_tables(&cs, pi[q], ph[q], t, t + n, t + 2 * (size_t)n) != ENT_OK) {
#pragma omp atomic write
                fail = 1;
            }
        }
        if (fail)
            rc = ENT_ENOMEM;
    }
    if (rc == ENT_OK) {
        const long tot = (long)nd * (long)n;
#pragma omp parallel for schedule(static) if (n > CO_PAR_MIN)
        for (long k = 0; k < tot; k++) {
            const int i = (int)(k / (long)n);
            const uint32_t s = (uint32_t)(k % (long)n);
            const int32_t rs = gm_rank(m, i, s);
            int st[4] = {1, 1, 1, 1};
            unsigned who[4] = {0, 0, 0, 0};
            uint32_t imp[4] = {NONE, NONE, NONE, NONE}, san[4] = {NONE, NONE, NONE, NONE};
            size_t q = (size_t)i << (nd - 1);
            for (unsigned H = 1; H < ncoal; H++) {
                if (!(H >> i & 1))
                    continue;
                const uint64_t *tb[4] = {NULL, tabs + q * 3 * n, tabs + q * 3 * n + n,
                                         tabs + q * 3 * n + 2 * (size_t)n};
                q++;
                const uint64_t *row = cs.imp[H] + (size_t)s * cs.w;
                for (size_t wi = 0; wi < cs.w; wi++)
                    for (uint64_t b = row[wi]; b; b &= b - 1) {
                        uint32_t s1 = (uint32_t)(wi * 64 + (size_t)__builtin_ctzll(b));
                        if (st[0]) {
                            st[0] = 0;
                            who[0] = H;
                            imp[0] = s1;
                        }
                        for (int c = 1; c < 4; c++) {
                            if (!st[c])
                                continue;
                            uint64_t v = tb[c][s1];
                            if (v == KEY_INF || (int64_t)(v >> 32) > rs) {
                                st[c] = 0;
                                who[c] = H;
                                imp[c] = s1;
                                san[c] = NONE;
                            } else if (imp[c] == NONE) {
                                who[c] = H;
                                imp[c] = s1;
                                san[c] = (uint32_t)v;
                            }
                        }
                    }
            }
            for (int c = 0; c < 4; c++) {
                r->stable[c][k] = (uint8_t)st[c];
                r->who[c][k] = (uint8_t)who[c];
                r->imp[c][k] = imp[c];
                r->san[c][k] = san[c];
            }
        }
    }
    for (unsigned G = 0; G < ncoal && cs.mv; G++)
        free(cs.mv[G]);
    for (unsigned G = 0; G < ncoal && cs.imp; G++)
        free(cs.imp[G]);
    free(cs.mv), free(cs.imp), free(pi), free(ph), free(tabs);
    if (rc != ENT_OK) {
        ent_gmcr_cresult_free(&r);
        return ent_error_set(err, rc, "graph model: out of memory for the coalition analysis of %u states",
                             n);
    }
    *out = r;
    return ENT_OK;
}

int ent_gmcr_cstable(const ent_gmcr_cresult *r, int c, int dm, uint32_t s)
{
    if (c < 0 || c >= ENT_GMCR_NCCONCEPTS || dm < 0 || dm >= r->ndm || s >= r->n)
        return -1;
    return r->stable[c][(size_t)dm * r->n + s];
}

int ent_gmcr_cequilibrium(const ent_gmcr_cresult *r, int c, uint32_t s)
{
    for (int d = 0; d < r->ndm; d++)
        if (ent_gmcr_cstable(r, c, d, s) != 1)
            return 0;
    return 1;
}

void ent_gmcr_cwitness(const ent_gmcr_cresult *r, int c, int dm, uint32_t s, unsigned *coalition,
                       uint32_t *improve, uint32_t *sanction)
{
    *coalition = 0;
    *improve = *sanction = NONE;
    if (ent_gmcr_cstable(r, c, dm, s) < 0)
        return;
    size_t k = (size_t)dm * r->n + s;
    *coalition = r->who[c][k];
    *improve = r->imp[c][k];
    *sanction = r->san[c][k];
}

/* ------------------------------------------------------------ explanations */

int ent_gmcr_cexplain(const ent_gmcr *m, const ent_gmcr_cresult *r, int c, int dm, uint32_t s,
                      char *buf, size_t cap)
{
    char sn[1024], in[1024], an[1024], part[512], oth[512], who[1100];
    int st = ent_gmcr_cstable(r, c, dm, s);
    if (st < 0)
        return snprintf(buf, cap, "No such state, decision maker or concept.");
    const char *me = ent_gmcr_dm_name(m, dm);
    unsigned H;
    uint32_t imp, san;
    ent_gmcr_cwitness(r, c, dm, s, &H, &imp, &san);
    gmcr_state_label_(m, s, sn, sizeof sn);
    if (!H)
        return snprintf(buf, cap,
                        "Neither %s alone nor any coalition including it can move from %s to a "
                        "state all its members prefer.", me, sn);
    gmcr_state_label_(m, imp, in, sizeof in);
    const int solo = H == (1u << dm);
    gmcr_dm_names_(m, H & ~(1u << dm), part, sizeof part);
    if (solo)
        snprintf(who, sizeof who, "%s", me);
    else
        snprintf(who, sizeof who, "%s together with %s", me, part);
    const char *pref = solo ? "it prefers" : "all of them prefer";
    if (c == ENT_GMCR_CNASH)
        return snprintf(buf, cap, "%s can move from %s to %s, which %s.", who, sn, in, pref);
    unsigned C = ((1u << m->ndm) - 1) & ~H;
    gmcr_dm_names_(m, C, oth, sizeof oth);
    const char *how = c == ENT_GMCR_CSEQ ? " by coalitional improvements of their own" : "";
    if (!st) {
        if (!C)
            return snprintf(buf, cap, "%s can move from %s to %s, which %s, and no one is left to "
                                      "respond.", who, sn, in, pref);
        return snprintf(buf, cap,
                        "%s can move from %s to %s, which %s, and %s cannot respond%s with a "
                        "state %s likes no more than %s%s.",
                        who, sn, in, pref, oth, how, me, sn,
                        c == ENT_GMCR_CSMR ? " without leaving a better escape" : "");
    }
    gmcr_state_label_(m, san, an, sizeof an);
    if (c == ENT_GMCR_CSMR)
        return snprintf(buf, cap,
                        "The move of %s from %s to %s is sanctioned: %s can respond with %s, "
                        "which %s likes no more than %s, and from which %s cannot reach "
                        "anything %s likes better.",
                        who, sn, in, oth, an, me, sn, solo ? "it" : "the coalition",
                        solo ? "it" : me);
    return snprintf(buf, cap,
                    "The move of %s from %s to %s is sanctioned: %s can respond%s with %s, which "
                    "%s likes no more than %s.",
                    who, sn, in, oth, how, an, me, sn);
}
