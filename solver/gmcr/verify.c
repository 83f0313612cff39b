/* verify.c — independent re-check of graph-model stability: each definition of
 * Fang, Hipel & Kilgour (1993, ch. 4-5) applied literally. For every unilateral
 * improvement it lists the sanctioning coalition's reachable set by explicit
 * breadth-first search over legal move sequences (no DM twice in a row) and looks for a
 * sanction in it. Shares nothing with the component-based algorithm in gmcr.c; slow, for
 * verifying what is printed and for tests. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* reach[y] = 1 for every state reachable from s1 by a legal sequence of one or more moves
 * of the DMs other than `focal` (improvements for the mover only, if `plus`). */
static int reachable_set(const ent_gmcr *m, int focal, uint32_t s1, int plus, uint8_t *reach)
{
    const size_t nd = (size_t)m->ndm;
    uint8_t *seen = calloc((size_t)m->n * nd, 1);
    uint32_t *queue = malloc((size_t)m->n * nd * sizeof *queue);
    if (!seen || !queue) {
        free(seen);
        free(queue);
        return ENT_ENOMEM;
    }
    memset(reach, 0, m->n);
    size_t head = 0, tail = 0;
    /* each queue entry: state * nd + last mover; the start has no last mover */
    for (int d = 0; d < m->ndm; d++) {
        if (d == focal)
            continue;
        uint32_t cnt;
        const uint32_t *mv = ent_gmcr_moves(m, d, s1, &cnt);
        for (uint32_t k = 0; k < cnt; k++) {
            if (plus && ent_gmcr_rank(m, d, mv[k]) <= ent_gmcr_rank(m, d, s1))
                continue;
            size_t v = (size_t)mv[k] * nd + (size_t)d;
            if (!seen[v]) {
                seen[v] = 1;
                queue[tail++] = (uint32_t)v;
            }
        }
    }
    while (head < tail) {
        size_t v = queue[head++];
        uint32_t x = (uint32_t)(v / nd);
        int last = (int)(v % nd);
        reach[x] = 1;
        for (int d = 0; d < m->ndm; d++) {
            if (d == focal || d == last)
                continue;
            uint32_t cnt;
            const uint32_t *mv = ent_gmcr_moves(m, d, x, &cnt);
            for (uint32_t k = 0; k < cnt; k++) {
                if (plus && ent_gmcr_rank(m, d, mv[k]) <= ent_gmcr_rank(m, d, x))
                    continue;
                size_t w = (size_t)mv[k] * nd + (size_t)d;
                if (!seen[w]) {
                    seen[w] = 1;
                    queue[tail++] = (uint32_t)w;
                }
            }
        }
    }
    free(seen);
    free(queue);
    return ENT_OK;
}

/* 1 if i likes every state it can reach in one move from s2 no more than s. */
static int no_escape(const ent_gmcr *m, int i, uint32_t s2, uint32_t s)
{
    uint32_t cnt;
    const uint32_t *mv = ent_gmcr_moves(m, i, s2, &cnt);
    for (uint32_t k = 0; k < cnt; k++)
        if (ent_gmcr_rank(m, i, mv[k]) > ent_gmcr_rank(m, i, s))
            return 0;
    return 1;
}

static int sim_sanctioned(const ent_gmcr *m, int i, uint32_t s, uint32_t s1)
{
    int j = 1 - i;
    uint32_t cnt;
    const uint32_t *mv = ent_gmcr_moves(m, j, s, &cnt);
    for (uint32_t k = 0; k < cnt; k++) {
        if (ent_gmcr_rank(m, j, mv[k]) <= ent_gmcr_rank(m, j, s))
            continue;
        int comp[2];
        comp[i] = ent_gmcr_component(m, s1, i);
        comp[j] = ent_gmcr_component(m, mv[k], j);
        uint32_t t;
        if (ent_gmcr_find_state(m, comp, &t) == ENT_OK &&
            ent_gmcr_rank(m, i, t) <= ent_gmcr_rank(m, i, s))
            return 1;
    }
    return 0;
}

int ent_gmcr_verify_stable(const ent_gmcr *m, int c, int dm, uint32_t s, int *stable)
{
    *stable = 0;
    if (!m->sealed || dm < 0 || dm >= m->ndm || s >= m->n || c < 0 || c >= ENT_GMCR_NCONCEPTS)
        return ENT_EINVAL;
    if (!ent_gmcr_concept_applies(m, c))
        return ENT_EUNSUPPORTED;
    if (c == ENT_GMCR_SEQSIM) {
        int a, b, rc = ent_gmcr_verify_stable(m, ENT_GMCR_SEQ, dm, s, &a);
        if (rc == ENT_OK)
            rc = ent_gmcr_verify_stable(m, ENT_GMCR_SIM, dm, s, &b);
        *stable = rc == ENT_OK && a && b;
        return rc;
    }
    uint8_t *reach = malloc(m->n);
    if (!reach)
        return ENT_ENOMEM;
    int ok = 1, rc = ENT_OK;
    uint32_t cnt;
    const uint32_t *mv = ent_gmcr_moves(m, dm, s, &cnt);
    for (uint32_t k = 0; k < cnt && ok && rc == ENT_OK; k++) {
        uint32_t s1 = mv[k];
        if (ent_gmcr_rank(m, dm, s1) <= ent_gmcr_rank(m, dm, s))
            continue; /* not an improvement */
        if (c == ENT_GMCR_NASH) {
            ok = 0;
            break;
        }
        if (c == ENT_GMCR_SIM) {
            ok = sim_sanctioned(m, dm, s, s1);
            continue;
        }
        rc = reachable_set(m, dm, s1, c == ENT_GMCR_SEQ, reach);
        int sanctioned = 0;
        for (uint32_t s2 = 0; s2 < m->n && !sanctioned; s2++) {
            if (!reach[s2] || ent_gmcr_rank(m, dm, s2) > ent_gmcr_rank(m, dm, s))
                continue;
            sanctioned = c != ENT_GMCR_SMR || no_escape(m, dm, s2, s);
        }
        ok = sanctioned;
    }
    free(reach);
    *stable = rc == ENT_OK && ok;
    return rc;
}
