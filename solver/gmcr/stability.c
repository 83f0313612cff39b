/* stability.c — stability analysis of the graph model: Nash (R), general metarationality (GMR),
 * symmetric metarationality (SMR), sequential stability (SEQ), simultaneous stability
 * (SIM, two DMs) and SEQ+SIM for every state and DM, with one witness each and a
 * one-sentence explanation; coalitional improvements and status-quo reachability.
 *
 * Definitions: Fang, Hipel & Kilgour, "Interactive Decision Making: The Graph Model for
 * Conflict Resolution" (Wiley 1993), ch. 4-5, with sanctioning coalitions moving in legal
 * sequences (never the same DM twice in a row); Kilgour & Hipel, "The graph model for
 * conflict resolution: past, present, and future", Group Decis. Negot. 14 (2005).
 * Algorithm: Xu, Hipel & Kilgour, "Matrix representation of solution concepts in
 * multiple-decision-maker graph models", IEEE SMC-A 39 (2009) write the coalition's
 * reachable set as the fixed point of a recurrence over (state, last mover). We evaluate
 * the same fixed point on the (state, last mover) graph, but since every test only asks
 * whether some reachable state is bad enough for the focal DM, we keep the least
 * preferred reachable state per node: strongly connected components (Tarjan 1972) in
 * reverse topological order give it in linear time, so no nstates^2 matrix is stored.
 * Coalitions: Kilgour, Hipel, Fang & Peng, "Coalition analysis in group decision
 * support", Group Decis. Negot. 10 (2001); status quo analysis after Li, Hipel, Kilgour &
 * Noakes (2004) "Integrating uncertain preferences into status quo analysis". */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define NONE UINT32_MAX
#define KEY_INF UINT64_MAX
/* below this many states the parallel regions run in one thread (their start-up would
 * cost more than the work) */
#define GM_PAR_MIN 4096

static const char *const concept_names[ENT_GMCR_NCONCEPTS] = {"nash", "gmr", "smr",
                                                                "seq",  "sim", "seqsim"};

const char *ent_gmcr_concept_name(int c)
{
    return c >= 0 && c < ENT_GMCR_NCONCEPTS ? concept_names[c] : NULL;
}

int ent_gmcr_concept_applies(const ent_gmcr *m, int c)
{
    if (c < 0 || c >= ENT_GMCR_NCONCEPTS)
        return 0;
    if (c == ENT_GMCR_SIM || c == ENT_GMCR_SEQSIM)
        return m->ndm == 2 && m->comp != NULL;
    return 1;
}

struct ent_gmcr_result {
    int ndm;
    uint32_t n;
    int applies[ENT_GMCR_NCONCEPTS];
    uint8_t *stable[ENT_GMCR_NCONCEPTS];   /* ndm * n, dm-major */
    uint32_t *imp[ENT_GMCR_NCONCEPTS];     /* witness improvement */
    uint32_t *san[ENT_GMCR_NCONCEPTS];     /* witness sanction */
};

void ent_gmcr_result_free(ent_gmcr_result **rp)
{
    if (!rp || !*rp)
        return;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
        free((*rp)->stable[c]);
        free((*rp)->imp[c]);
        free((*rp)->san[c]);
    }
    free(*rp);
    *rp = NULL;
}

/* ------------------------------------------------ least-preferred reachable state */

/* The sanctioning graph of coalition H = all DMs but `focal`: node v = x * h + kk is
 * "at state x, last mover H[kk]"; its successors are (y, kk2) for kk2 != kk and y a move of
 * H[kk2] from x (an improvement for H[kk2] when `plus`). */
typedef struct {
    const ent_gmcr *m;
    int h;
    int dms[ENT_GMCR_MAX_DM];
    int plus;
    double deadline; /* ent_clock() time, 0 = none */
} sgraph;

static inline int edge_ok(const sgraph *g, int dm, uint32_t x, uint32_t y)
{
    return !g->plus || gm_rank(g->m, dm, y) > gm_rank(g->m, dm, x);
}

/* best1/best2[v] = min over nodes reachable from v (v included) of key1/key2 of their
 * state, where key = value << 32 | state (so ties go to the lowest state). key2 may be
 * NULL. Iterative Tarjan. Returns ENT_OK or ENT_ENOMEM. */
static int least_reachable(const sgraph *g, const uint64_t *key1, const uint64_t *key2,
                           uint64_t *best1, uint64_t *best2)
{
    const ent_gmcr *m = g->m;
    const int h = g->h;
    const size_t nv = (size_t)m->n * (size_t)h;
    uint32_t *idx = calloc(nv, sizeof *idx);  /* 0 unvisited; NONE finished; else dfs no. */
    uint32_t *low = malloc(nv * sizeof *low); /* lowlink; SCC number once finished */
    uint32_t *stk = malloc(nv * sizeof *stk);
    uint32_t *call = malloc(nv * sizeof *call);
    uint8_t *itk = malloc(nv);               /* iterator: which DM of H */
    uint32_t *ite = malloc(nv * sizeof *ite); /* iterator: position in that DM's row */
    if (!idx || !low || !stk || !call || !itk || !ite) {
        free(idx), free(low), free(stk), free(call), free(itk), free(ite);
        return ENT_ENOMEM;
    }
    uint32_t counter = 0, nscc = 0;
    size_t sp = 0, cp = 0;
    unsigned polls = 0;
    for (size_t root = 0; root < nv; root++) {
        if (idx[root])
            continue;
        call[cp++] = (uint32_t)root;
        idx[root] = low[root] = ++counter;
        stk[sp++] = (uint32_t)root;
        itk[root] = 0;
        ite[root] = 0;
        while (cp) {
            if ((++polls & 4095) == 0 && ent_should_stop(g->deadline)) {
                free(idx), free(low), free(stk), free(call), free(itk), free(ite);
                return ENT_ETIMEOUT;
            }
            uint32_t v = call[cp - 1];
            uint32_t x = v / (uint32_t)h;
            int kk0 = (int)(v % (uint32_t)h);
            int descended = 0;
            while (itk[v] < h) {
                int kk = itk[v];
                if (kk == kk0) {
                    itk[v]++;
                    ite[v] = 0;
                    continue;
                }
                int dm = g->dms[kk];
                uint64_t a = m->off[dm][x], b = m->off[dm][x + 1];
                if (a + ite[v] >= b) {
                    itk[v]++;
                    ite[v] = 0;
                    continue;
                }
                uint32_t y = m->adj[dm][a + ite[v]++];
                if (!edge_ok(g, dm, x, y))
                    continue;
                uint32_t w = y * (uint32_t)h + (uint32_t)kk;
                if (!idx[w]) {
                    idx[w] = low[w] = ++counter;
                    stk[sp++] = w;
                    itk[w] = 0;
                    ite[w] = 0;
                    call[cp++] = w;
                    descended = 1;
                    break;
                }
                if (idx[w] != NONE && idx[w] < low[v])
                    low[v] = idx[w];
            }
            if (descended)
                continue;
            /* v done */
            cp--;
            if (cp) {
                uint32_t u = call[cp - 1];
                if (low[v] < low[u])
                    low[u] = low[v];
            }
            if (low[v] != idx[v])
                continue;
            /* v roots an SCC: members are stk[base..sp-1] */
            size_t base = sp;
            do
                base--;
            while (stk[base] != v);
            uint32_t sccno = nscc++;
            for (size_t k = base; k < sp; k++) {
                idx[stk[k]] = NONE;
                low[stk[k]] = sccno;
            }
            uint64_t b1 = KEY_INF, b2 = KEY_INF;
            for (size_t k = base; k < sp; k++) {
                uint32_t u = stk[k], ux = u / (uint32_t)h;
                int uk = (int)(u % (uint32_t)h);
                if (key1[ux] < b1)
                    b1 = key1[ux];
                if (key2 && key2[ux] < b2)
                    b2 = key2[ux];
                for (int kk = 0; kk < h; kk++) {
                    if (kk == uk)
                        continue;
                    int dm = g->dms[kk];
                    for (uint64_t e = m->off[dm][ux]; e < m->off[dm][ux + 1]; e++) {
                        uint32_t y = m->adj[dm][e];
                        if (!edge_ok(g, dm, ux, y))
                            continue;
                        uint32_t w = y * (uint32_t)h + (uint32_t)kk;
                        if (low[w] == sccno)
                            continue;
                        if (best1[w] < b1)
                            b1 = best1[w];
                        if (key2 && best2[w] < b2)
                            b2 = best2[w];
                    }
                }
            }
            for (size_t k = base; k < sp; k++) {
                best1[stk[k]] = b1;
                if (key2)
                    best2[stk[k]] = b2;
            }
            sp = base;
        }
    }
    free(idx), free(low), free(stk), free(call), free(itk), free(ite);
    return ENT_OK;
}

/* out[s1] = min over first moves (y, kk) from s1 of best[y * h + kk]: the least preferred
 * state the coalition can reach from s1 (KEY_INF if it cannot move). */
static void first_step_min(const sgraph *g, const uint64_t *best, uint64_t *out)
{
    const ent_gmcr *m = g->m;
    const int h = g->h;
    const long n = (long)m->n;
    for (long xs = 0; xs < n; xs++) {
        uint32_t x = (uint32_t)xs;
        uint64_t b = KEY_INF;
        for (int kk = 0; kk < h; kk++) {
            int dm = g->dms[kk];
            for (uint64_t e = m->off[dm][x]; e < m->off[dm][x + 1]; e++) {
                uint32_t y = m->adj[dm][e];
                if (!edge_ok(g, dm, x, y))
                    continue;
                uint64_t v = best[(size_t)y * (size_t)h + (size_t)kk];
                if (v < b)
                    b = v;
            }
        }
        out[x] = b;
    }
}

/* ------------------------------------------------------------ the analysis */

static int alloc_concept(ent_gmcr_result *r, int c)
{
    size_t k = (size_t)r->ndm * r->n;
    r->stable[c] = malloc(k);
    r->imp[c] = malloc(k * sizeof(uint32_t));
    r->san[c] = malloc(k * sizeof(uint32_t));
    return r->stable[c] && r->imp[c] && r->san[c] ? ENT_OK : ENT_ENOMEM;
}

/* One DM's sanction-based concepts from the three least-reachable tables. */
static void check_dm(const ent_gmcr *m, ent_gmcr_result *r, int i, const uint64_t *mr,
                     const uint64_t *ms, const uint64_t *mp)
{
    const long n = (long)m->n;
    const size_t base = (size_t)i * m->n;
    for (long ss = 0; ss < n; ss++) {
        uint32_t s = (uint32_t)ss;
        int32_t rs = gm_rank(m, i, s);
        uint32_t imp[4] = {NONE, NONE, NONE, NONE}, san[4] = {NONE, NONE, NONE, NONE};
        int st[4] = {1, 1, 1, 1};
        const uint64_t *tab[4] = {NULL, mr, ms, mp};
        for (uint64_t e = m->off[i][s]; e < m->off[i][s + 1]; e++) {
            uint32_t s1 = m->adj[i][e];
            if (gm_rank(m, i, s1) <= rs)
                continue;
            if (st[0]) {
                st[0] = 0;
                imp[0] = s1;
            }
            for (int c = 1; c < 4; c++) {
                if (!st[c])
                    continue;
                uint64_t v = tab[c][s1];
                if (v == KEY_INF || (int64_t)(v >> 32) > rs) {
                    st[c] = 0;
                    imp[c] = s1;
                    san[c] = NONE;
                } else if (imp[c] == NONE) {
                    imp[c] = s1;
                    san[c] = (uint32_t)v;
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            r->stable[c][base + s] = (uint8_t)st[c];
            r->imp[c][base + s] = imp[c];
            r->san[c][base + s] = san[c];
        }
    }
}

/* SIM and SEQ+SIM for two DMs with profiles. */
static void check_sim(const ent_gmcr *m, ent_gmcr_result *r, int i)
{
    const int j = 1 - i;
    const long n = (long)m->n;
    const size_t base = (size_t)i * m->n;
#pragma omp parallel for schedule(static) if (n > GM_PAR_MIN)
    for (long ss = 0; ss < n; ss++) {
        uint32_t s = (uint32_t)ss;
        int32_t rs = gm_rank(m, i, s);
        int st = 1;
        uint32_t imp = NONE, san = NONE;
        int comp[2];
        for (uint64_t e = m->off[i][s]; e < m->off[i][s + 1] && st; e++) {
            uint32_t s1 = m->adj[i][e];
            if (gm_rank(m, i, s1) <= rs)
                continue;
            uint32_t found = NONE;
            for (uint64_t f = m->off[j][s]; f < m->off[j][s + 1] && found == NONE; f++) {
                uint32_t s2 = m->adj[j][f], t;
                if (gm_rank(m, j, s2) <= gm_rank(m, j, s))
                    continue;
                comp[i] = m->comp[(size_t)s1 * 2 + (size_t)i];
                comp[j] = m->comp[(size_t)s2 * 2 + (size_t)j];
                if (ent_gmcr_find_state(m, comp, &t) == ENT_OK && gm_rank(m, i, t) <= rs)
                    found = s2;
            }
            if (found == NONE) {
                st = 0;
                imp = s1;
                san = NONE;
            } else if (imp == NONE) {
                imp = s1;
                san = found;
            }
        }
        r->stable[ENT_GMCR_SIM][base + s] = (uint8_t)st;
        r->imp[ENT_GMCR_SIM][base + s] = imp;
        r->san[ENT_GMCR_SIM][base + s] = san;
        int seq = r->stable[ENT_GMCR_SEQ][base + s];
        r->stable[ENT_GMCR_SEQSIM][base + s] = (uint8_t)(seq && st);
        int from_seq = !seq || st;
        r->imp[ENT_GMCR_SEQSIM][base + s] = from_seq ? r->imp[ENT_GMCR_SEQ][base + s] : imp;
        r->san[ENT_GMCR_SEQSIM][base + s] = from_seq ? r->san[ENT_GMCR_SEQ][base + s] : san;
    }
}

/* DM i's sanction-based verdicts: keys, the two least-reachable passes over the other
 * DMs' (state, last mover) graph (all moves; improvements only), the first-step minima
 * and the verdicts. Serial; ENT_OK or ENT_ENOMEM. */
static int analyze_dm(const ent_gmcr *m, ent_gmcr_result *r, int i, double deadline)
{
    const size_t n = m->n, h = (size_t)m->ndm - 1;
    int rc = ENT_OK;
    uint64_t *k1 = malloc(n * sizeof *k1), *k2 = malloc(n * sizeof *k2);
    uint64_t *mr = malloc(n * sizeof *mr), *ms = malloc(n * sizeof *ms);
    uint64_t *mp = malloc(n * sizeof *mp);
    uint64_t *b1 = NULL, *b2 = NULL, *bp = NULL;
    if (h) {
        b1 = malloc(n * h * sizeof *b1);
        b2 = malloc(n * h * sizeof *b2);
    }
    if (!k1 || !k2 || !mr || !ms || !mp || (h && (!b1 || !b2))) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (uint32_t x = 0; x < n; x++) {
        int32_t w = gm_rank(m, i, x);
        for (uint64_t e = m->off[i][x]; e < m->off[i][x + 1]; e++)
            if (gm_rank(m, i, m->adj[i][e]) > w)
                w = gm_rank(m, i, m->adj[i][e]);
        k1[x] = (uint64_t)(uint32_t)gm_rank(m, i, x) << 32 | x;
        k2[x] = (uint64_t)(uint32_t)w << 32 | x;
    }
    if (h) {
        sgraph gr = {m, (int)h, {0}, 0, deadline}, gp = {m, (int)h, {0}, 1, deadline};
        for (int d = 0, k = 0; d < m->ndm; d++)
            if (d != i) {
                gr.dms[k] = gp.dms[k] = d;
                k++;
            }
        /* one table set at a time, so that a task's peak memory stays low */
        if ((rc = least_reachable(&gr, k1, k2, b1, b2)) != ENT_OK)
            goto out;
        first_step_min(&gr, b1, mr);
        first_step_min(&gr, b2, ms);
        free(b1), free(b2);
        b1 = b2 = NULL;
        bp = malloc(n * h * sizeof *bp);
        if (!bp) {
            rc = ENT_ENOMEM;
            goto out;
        }
        if ((rc = least_reachable(&gp, k1, NULL, bp, NULL)) != ENT_OK)
            goto out;
        first_step_min(&gp, bp, mp);
    } else {
        for (size_t x = 0; x < n; x++)
            mr[x] = ms[x] = mp[x] = KEY_INF;
    }
    check_dm(m, r, i, mr, ms, mp);
out:
    free(k1), free(k2), free(mr), free(ms), free(mp), free(b1), free(b2), free(bp);
    return rc;
}

int ent_gmcr_analyze(const ent_gmcr *m, ent_gmcr_result **out, ent_error *err)
{
    return ent_gmcr_analyze_until(m, 0, out, err);
}

int ent_gmcr_analyze_until(const ent_gmcr *m, double deadline, ent_gmcr_result **out,
                           ent_error *err)
{
    *out = NULL;
    if (!m->sealed)
        return ent_error_set(err, ENT_EINVAL, "graph model: analysis needs a sealed model");
    ent_gmcr_result *r = calloc(1, sizeof *r);
    if (!r)
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    r->ndm = m->ndm;
    r->n = m->n;
    int rc = ENT_OK;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS && rc == ENT_OK; c++) {
        r->applies[c] = ent_gmcr_concept_applies(m, c);
        if (r->applies[c])
            rc = alloc_concept(r, c);
    }
    /* one task per DM (its sanctioning graphs, tables and verdicts are independent of
     * the other DMs'); each writes only its own slots of r, so the result does not
     * depend on the number of threads */
    int fail = 0, stopped = 0;
#pragma omp parallel for schedule(dynamic, 1) if (m->n > GM_PAR_MIN)
    for (int i = 0; i < m->ndm; i++) {
        int e = rc == ENT_OK ? analyze_dm(m, r, i, deadline) : ENT_OK;
        if (e == ENT_ETIMEOUT) {
#pragma omp atomic write
            stopped = 1;
        } else if (e != ENT_OK) {
#pragma omp atomic write
            fail = 1;
        }
    }
    if (fail)
        rc = ENT_ENOMEM;
    else if (stopped) {
        ent_gmcr_result_free(&r);
        return ent_error_set(err, ENT_ETIMEOUT, "graph model: the time limit or an interrupt "
                                                "stopped the stability analysis of %u states",
                             m->n);
    }
    if (rc == ENT_OK && r->applies[ENT_GMCR_SIM])
        for (int i = 0; i < 2; i++)
            check_sim(m, r, i);
    if (rc != ENT_OK) {
        ent_gmcr_result_free(&r);
        return ent_error_set(err, rc, "graph model: out of memory for the stability analysis of %u states",
                             m->n);
    }
    *out = r;
    return ENT_OK;
}

int ent_gmcr_stable(const ent_gmcr_result *r, int c, int dm, uint32_t s)
{
    if (c < 0 || c >= ENT_GMCR_NCONCEPTS || !r->applies[c] || dm < 0 || dm >= r->ndm || s >= r->n)
        return -1;
    return r->stable[c][(size_t)dm * r->n + s];
}

int ent_gmcr_equilibrium(const ent_gmcr_result *r, int c, uint32_t s)
{
    for (int d = 0; d < r->ndm; d++)
        if (ent_gmcr_stable(r, c, d, s) != 1)
            return 0;
    return 1;
}

void ent_gmcr_witness(const ent_gmcr_result *r, int c, int dm, uint32_t s, uint32_t *improve,
                      uint32_t *sanction)
{
    *improve = *sanction = NONE;
    if (ent_gmcr_stable(r, c, dm, s) < 0)
        return;
    *improve = r->imp[c][(size_t)dm * r->n + s];
    *sanction = r->san[c][(size_t)dm * r->n + s];
}

/* ------------------------------------------------------------ explanations */

/* Names of the DMs in mask, "A", "A and B", "A, B and C" (shared with coalitions.c). */
void gmcr_dm_names_(const ent_gmcr *m, unsigned mask, char *buf, size_t cap)
{
    size_t len = 0;
    int total = __builtin_popcount(mask), k = 0;
    buf[0] = '\0';
    for (int d = 0; d < m->ndm; d++) {
        if (!(mask >> d & 1))
            continue;
        const char *sep = k == 0 ? "" : (k == total - 1 ? " and " : ", ");
        int w = snprintf(buf + len, cap - len, "%s%s", sep, ent_gmcr_dm_name(m, d));
        if (w < 0 || (size_t)w >= cap - len)
            return;
        len += (size_t)w;
        k++;
    }
}

/* A state's name in brackets ("[C / D]"), or its number (shared with coalitions.c). */
const char *gmcr_state_label_(const ent_gmcr *m, uint32_t s, char *buf, size_t cap)
{
    if (m->state_name && m->state_name[s])
        snprintf(buf, cap, "[%s]", m->state_name[s]);
    else
        snprintf(buf, cap, "%u", s + 1);
    return buf;
}

int ent_gmcr_explain(const ent_gmcr *m, const ent_gmcr_result *r, int c, int dm, uint32_t s,
                     char *buf, size_t cap)
{
    char sn[1024], in[1024], an[1024], cn[1024], oth[512];
    const char *who = ent_gmcr_dm_name(m, dm);
    int st = ent_gmcr_stable(r, c, dm, s);
    if (st < 0)
        return snprintf(buf, cap, "%s is defined for two decision makers with joint profiles.",
                        c == ENT_GMCR_SIM ? "SIM" : "SEQ+SIM");
    uint32_t imp, san;
    ent_gmcr_witness(r, c, dm, s, &imp, &san);
    gmcr_state_label_(m, s, sn, sizeof sn);
    if (imp == NONE)
        return snprintf(buf, cap, "%s has no unilateral improvement from %s.", who, sn);
    gmcr_state_label_(m, imp, in, sizeof in);
    gmcr_dm_names_(m, ((1u << m->ndm) - 1) & ~(1u << dm), oth, sizeof oth);
    if (c == ENT_GMCR_NASH)
        return snprintf(buf, cap, "%s can move from %s to %s, which it prefers.", who, sn, in);
    int sim = c == ENT_GMCR_SIM || (c == ENT_GMCR_SEQSIM && st == 0 &&
                                    ent_gmcr_stable(r, ENT_GMCR_SEQ, dm, s) == 1);
    if (c == ENT_GMCR_SEQSIM && st == 1)
        sim = 0; /* the witness shown is the SEQ one */
    if (!st) {
        if (sim)
            return snprintf(buf, cap,
                            "%s can move from %s to %s, which it prefers, and no simultaneous "
                            "improvement of %s leads to a state it likes no more than %s.",
                            who, sn, in, oth, sn);
        const char *how = c == ENT_GMCR_SEQ || c == ENT_GMCR_SEQSIM
                              ? " by moves that improve their own position"
                              : "";
        const char *tail = c == ENT_GMCR_SMR ? " without leaving it a better escape" : "";
        return snprintf(buf, cap,
                        "%s can move from %s to %s, which it prefers, and %s cannot respond%s "
                        "with a state %s likes no more than %s%s.",
                        who, sn, in, oth, how, who, sn, tail);
    }
    gmcr_state_label_(m, san, an, sizeof an);
    if (sim) {
        int comp[2];
        uint32_t t = san;
        comp[dm] = ent_gmcr_component(m, imp, dm);
        comp[1 - dm] = ent_gmcr_component(m, san, 1 - dm);
        ent_gmcr_find_state(m, comp, &t);
        gmcr_state_label_(m, t, cn, sizeof cn);
        return snprintf(buf, cap,
                        "%s's move from %s to %s is sanctioned: if %s moves to %s at the same "
                        "time the result is %s, which %s likes no more than %s.",
                        who, sn, in, oth, an, cn, who, sn);
    }
    const char *kind = c == ENT_GMCR_SEQ || c == ENT_GMCR_SEQSIM ? " by improving their own position"
                                                                 : "";
    if (c == ENT_GMCR_SMR)
        return snprintf(buf, cap,
                        "%s's move from %s to %s is sanctioned: %s can respond with %s, which %s "
                        "likes no more than %s and from which it cannot escape to anything better.",
                        who, sn, in, oth, an, who, sn);
    return snprintf(buf, cap,
                    "%s's move from %s to %s is sanctioned: %s can respond%s with %s, which %s "
                    "likes no more than %s.",
                    who, sn, in, oth, kind, an, who, sn);
}

/* ------------------------------------------------------------ coalitions */

/* Breadth-first search over (state, last mover) restricted to the DMs in `mask`, from s.
 * Calls visit(y) for each reached state (in BFS order, states may repeat with different
 * last movers) until it returns nonzero. seen has n * ndm bytes, queue n * ndm entries. */
static uint32_t coalition_bfs(const ent_gmcr *m, uint32_t s, unsigned mask, unsigned target_mask,
                              uint8_t *seen, uint32_t *queue)
{
    const size_t nd = (size_t)m->ndm;
    memset(seen, 0, (size_t)m->n * nd);
    size_t qh = 0, qt = 0;
    /* start: at s with no last mover: expand directly */
    for (int d = 0; d < m->ndm; d++) {
        if (!(mask >> d & 1))
            continue;
        for (uint64_t e = m->off[d][s]; e < m->off[d][s + 1]; e++) {
            size_t v = (size_t)m->adj[d][e] * nd + (size_t)d;
            if (!seen[v]) {
                seen[v] = 1;
                queue[qt++] = (uint32_t)v;
            }
        }
    }
    while (qh < qt) {
        uint32_t v = queue[qh++];
        uint32_t x = (uint32_t)(v / nd);
        int last = (int)(v % nd);
        int all = 1;
        for (int d = 0; d < m->ndm && all; d++)
            if (target_mask >> d & 1)
                all = gm_rank(m, d, x) > gm_rank(m, d, s);
        if (all)
            return x;
        for (int d = 0; d < m->ndm; d++) {
            if (d == last || !(mask >> d & 1))
                continue;
            for (uint64_t e = m->off[d][x]; e < m->off[d][x + 1]; e++) {
                uint32_t y = m->adj[d][e];
                size_t w = (size_t)y * nd + (size_t)d;
                if (!seen[w]) {
                    seen[w] = 1;
                    queue[qt++] = (uint32_t)w;
                }
            }
        }
    }
    return NONE;
}

int ent_gmcr_coalition_improvement(const ent_gmcr *m, uint32_t s, unsigned *mask, uint32_t *to)
{
    if (mask)
        *mask = 0;
    if (to)
        *to = NONE;
    if (!m->sealed || s >= m->n)
        return ENT_EINVAL;
    size_t nv = (size_t)m->n * (size_t)m->ndm;
    uint8_t *seen = malloc(nv);
    uint32_t *queue = malloc(nv * sizeof *queue);
    if (!seen || !queue) {
        free(seen);
        free(queue);
        return ENT_ENOMEM;
    }
    for (unsigned h = 1; h < (1u << m->ndm); h++) {
        if (!(h & (h - 1)))
            continue; /* single DMs: that is Nash stability */
        uint32_t y = coalition_bfs(m, s, h, h, seen, queue);
        if (y != NONE) {
            if (mask)
                *mask = h;
            if (to)
                *to = y;
            break;
        }
    }
    free(seen);
    free(queue);
    return ENT_OK;
}

/* ------------------------------------------------------------ status quo */

int ent_gmcr_status_quo(const ent_gmcr *m, uint32_t from, uint32_t target, int coalitional,
                        uint32_t *path, unsigned *movers, uint32_t *len, ent_error *err)
{
    *len = 0;
    if (!m->sealed || from >= m->n || target >= m->n)
        return ent_error_set(err, ENT_EINVAL, "status quo: state out of range");
    const size_t nd = (size_t)m->ndm, nv = (size_t)m->n * nd;
    if (from == target) {
        path[0] = from;
        *len = 1;
        return ENT_OK;
    }
    if (coalitional) {
        double work = (double)(1u << m->ndm) * (double)m->n * (double)m->n;
        if (work > 17179869184.0)
            return ent_error_set(err, ENT_ETOOBIG,
                                 "status quo: coalitional analysis of %u states and %d DMs is too large",
                                 m->n, m->ndm);
        /* BFS over states; a step x -> y is a coalitional improvement of some coalition */
        uint32_t *par = malloc(m->n * sizeof *par);
        unsigned *pm = malloc(m->n * sizeof *pm);
        uint32_t *q = malloc(m->n * sizeof *q);
        uint8_t *seen = malloc(nv);
        uint32_t *queue = malloc(nv * sizeof *queue);
        uint8_t *done = calloc(m->n, 1);
        if (!par || !pm || !q || !seen || !queue || !done) {
            free(par), free(pm), free(q), free(seen), free(queue), free(done);
            return ent_error_set(err, ENT_ENOMEM, "status quo: out of memory");
        }
        size_t qh = 0, qt = 0;
        q[qt++] = from;
        done[from] = 1;
        par[from] = NONE;
        while (qh < qt && !done[target]) {
            uint32_t x = q[qh++];
            for (unsigned h = 1; h < (1u << m->ndm) && !done[target]; h++) {
                /* all states reachable by coalition h from x that every member prefers */
                memset(seen, 0, nv);
                size_t a = 0, b = 0;
                for (int d = 0; d < m->ndm; d++)
                    if (h >> d & 1)
                        for (uint64_t e = m->off[d][x]; e < m->off[d][x + 1]; e++) {
                            size_t v = (size_t)m->adj[d][e] * nd + (size_t)d;
                            if (!seen[v]) {
                                seen[v] = 1;
                                queue[b++] = (uint32_t)v;
                            }
                        }
                while (a < b) {
                    uint32_t v = queue[a++];
                    uint32_t y = (uint32_t)(v / nd);
                    int last = (int)(v % nd), all = 1;
                    for (int d = 0; d < m->ndm && all; d++)
                        if (h >> d & 1)
                            all = gm_rank(m, d, y) > gm_rank(m, d, x);
                    if (all && !done[y]) {
                        done[y] = 1;
                        par[y] = x;
                        pm[y] = h;
                        q[qt++] = y;
                    }
                    for (int d = 0; d < m->ndm; d++)
                        if (d != last && (h >> d & 1))
                            for (uint64_t e = m->off[d][y]; e < m->off[d][y + 1]; e++) {
                                size_t w = (size_t)m->adj[d][e] * nd + (size_t)d;
                                if (!seen[w]) {
                                    seen[w] = 1;
                                    queue[b++] = (uint32_t)w;
                                }
                            }
                }
            }
        }
        if (done[target]) {
            uint32_t k = 0;
            for (uint32_t y = target; y != NONE; y = par[y])
                k++;
            *len = k;
            uint32_t y = target;
            for (uint32_t t = k; t-- > 0; y = par[y]) {
                path[t] = y;
                if (t > 0)
                    movers[t - 1] = pm[y];
            }
        }
        free(par), free(pm), free(q), free(seen), free(queue), free(done);
        return ENT_OK;
    }
    /* unilateral improvements, BFS over (state, last mover); node nv = the start */
    uint32_t *par = malloc((nv + 1) * sizeof *par);
    uint32_t *queue = malloc((nv + 1) * sizeof *queue);
    if (!par || !queue) {
        free(par), free(queue);
        return ent_error_set(err, ENT_ENOMEM, "status quo: out of memory");
    }
    for (size_t v = 0; v <= nv; v++)
        par[v] = NONE;
    size_t qh = 0, qt = 0, hit = (size_t)-1;
    queue[qt++] = (uint32_t)nv;
    par[nv] = (uint32_t)nv;
    while (qh < qt && hit == (size_t)-1) {
        uint32_t v = queue[qh++];
        uint32_t x = v == nv ? from : (uint32_t)(v / nd);
        int last = v == nv ? -1 : (int)(v % nd);
        for (int d = 0; d < m->ndm && hit == (size_t)-1; d++) {
            if (d == last)
                continue;
            for (uint64_t e = m->off[d][x]; e < m->off[d][x + 1]; e++) {
                uint32_t y = m->adj[d][e];
                if (gm_rank(m, d, y) <= gm_rank(m, d, x))
                    continue;
                size_t w = (size_t)y * nd + (size_t)d;
                if (par[w] != NONE)
                    continue;
                par[w] = v;
                queue[qt++] = (uint32_t)w;
                if (y == target) {
                    hit = w;
                    break;
                }
            }
        }
    }
    if (hit != (size_t)-1) {
        uint32_t k = 1;
        for (size_t v = hit; v != nv; v = par[v])
            k++;
        *len = k;
        size_t v = hit;
        for (uint32_t t = k - 1; t > 0; t--, v = par[v]) {
            path[t] = (uint32_t)(v / nd);
            movers[t - 1] = 1u << (v % nd);
        }
        path[0] = from;
    }
    free(par), free(queue);
    return ENT_OK;
}
