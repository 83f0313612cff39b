/* verify_coalitions.c — independent re-check of coalitional stability (Inohara & Hipel,
 * Systems Engineering 11(4), 2008): the definitions applied literally. For each coalition
 * H containing the DM it lists H's coalitional improvements by breadth-first search over
 * legal move sequences, then the complementary subcoalitions' sanction set by a second
 * breadth-first search whose nodes are (state, last coalition) and whose steps are whole
 * coalitional moves (each found by its own search). Shares no code with coalitions.c (no
 * bitsets, no closure shortcut, no component graph); slow, for printed results and tests. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const ent_gmcr *m;
    uint8_t **memo; /* memo[G * n + x]: NULL or n bytes, R_G(x) */
} vctx;

/* R_G(x): states reachable from x by one or more moves of G's members, never the same
 * member twice in a row. Borrowed from the memo; NULL when out of memory. */
static const uint8_t *reach(vctx *v, unsigned G, uint32_t x)
{
    const ent_gmcr *m = v->m;
    uint8_t **slot = &v->memo[(size_t)G * m->n + x];
    if (*slot)
        return *slot;
    const size_t nd = (size_t)m->ndm;
    uint8_t *out = calloc(m->n, 1);
    uint8_t *seen = calloc((size_t)m->n * nd, 1);
    size_t *queue = malloc((size_t)m->n * nd * sizeof *queue);
    if (!out || !seen || !queue) {
        free(out), free(seen), free(queue);
        return NULL;
    }
    size_t head = 0, tail = 0;
    for (int d = 0; d < m->ndm; d++) {
        if (!(G >> d & 1))
            continue;
        uint32_t cnt;
        const uint32_t *mv = ent_gmcr_moves(m, d, x, &cnt);
        for (uint32_t k = 0; k < cnt; k++) {
            size_t node = (size_t)mv[k] * nd + (size_t)d;
            if (!seen[node]) {
                seen[node] = 1;
                queue[tail++] = node;
            }
        }
    }
    while (head < tail) {
        size_t node = queue[head++];
        uint32_t y = (uint32_t)(node / nd);
        int last = (int)(node % nd);
        out[y] = 1;
        for (int d = 0; d < m->ndm; d++) {
            if (d == last || !(G >> d & 1))
                continue;
            uint32_t cnt;
            const uint32_t *mv = ent_gmcr_moves(m, d, y, &cnt);
            for (uint32_t k = 0; k < cnt; k++) {
                size_t w = (size_t)mv[k] * nd + (size_t)d;
                if (!seen[w]) {
                    seen[w] = 1;
                    queue[tail++] = w;
                }
            }
        }
    }
    free(seen);
    free(queue);
    *slot = out;
    return out;
}

/* 1 if every member of G strictly prefers t to x */
static int all_prefer(const ent_gmcr *m, unsigned G, uint32_t t, uint32_t x)
{
    for (int d = 0; d < m->ndm; d++)
        if ((G >> d & 1) && ent_gmcr_rank(m, d, t) <= ent_gmcr_rank(m, d, x))
            return 0;
    return 1;
}

/* out[y] = 1 for every y reachable from s1 by a legal sequence (length >= 1, no coalition
 * twice in a row) of coalitional moves (improvements, if `improve`) of nonempty
 * subcoalitions of C. */
static int sanction_set(vctx *v, unsigned C, uint32_t s1, int improve, uint8_t *out)
{
    const ent_gmcr *m = v->m;
    const size_t nc = (size_t)1 << m->ndm;
    memset(out, 0, m->n);
    if (!C)
        return ENT_OK;
    uint8_t *seen = calloc((size_t)m->n * nc, 1);
    size_t *queue = malloc((size_t)m->n * nc * sizeof *queue);
    if (!seen || !queue) {
        free(seen), free(queue);
        return ENT_ENOMEM;
    }
    size_t head = 0, tail = 0;
    /* node = state * nc + last coalition; the start has none (coalition 0) */
    queue[tail++] = (size_t)s1 * nc;
    int rc = ENT_OK;
    while (head < tail && rc == ENT_OK) {
        size_t node = queue[head++];
        uint32_t x = (uint32_t)(node / nc);
        unsigned last = (unsigned)(node % nc);
        if (head > 1)
            out[x] = 1;
        for (unsigned G = 1; G < nc && rc == ENT_OK; G++) {
            if ((G & C) != G || G == last)
                continue;
            const uint8_t *r = reach(v, G, x);
            if (!r) {
                rc = ENT_ENOMEM;
                break;
            }
            for (uint32_t y = 0; y < m->n; y++) {
                if (!r[y] || (improve && !all_prefer(m, G, y, x)))
                    continue;
                size_t w = (size_t)y * nc + G;
                if (!seen[w]) {
                    seen[w] = 1;
                    queue[tail++] = w;
                }
            }
        }
    }
    free(seen), free(queue);
    return rc;
}

int ent_gmcr_verify_cstable(const ent_gmcr *m, int c, int dm, uint32_t s, int *stable)
{
    *stable = 0;
    if (!m->sealed || dm < 0 || dm >= m->ndm || s >= m->n || c < 0 || c >= ENT_GMCR_NCCONCEPTS)
        return ENT_EINVAL;
    if (m->ndm > 8 || ((uint64_t)1 << m->ndm) * (uint64_t)m->n * m->n > ENT_GMCR_COAL_MAX_BITS)
        return ENT_ETOOBIG;
    const unsigned full = (1u << m->ndm) - 1;
    vctx v = {m, calloc(((size_t)1 << m->ndm) * m->n, sizeof(uint8_t *))};
    uint8_t *sanc = malloc(m->n);
    int rc = v.memo && sanc ? ENT_OK : ENT_ENOMEM, ok = 1;
    const int64_t rs = ent_gmcr_rank(m, dm, s);
    for (unsigned H = 1; H <= full && ok && rc == ENT_OK; H++) {
        if (!(H >> dm & 1))
            continue;
        const uint8_t *rh = reach(&v, H, s);
        if (!rh) {
            rc = ENT_ENOMEM;
            break;
        }
        for (uint32_t s1 = 0; s1 < m->n && ok && rc == ENT_OK; s1++) {
            if (!rh[s1] || !all_prefer(m, H, s1, s))
                continue; /* not a coalitional improvement of H */
            if (c == ENT_GMCR_CNASH) {
                ok = 0;
                break;
            }
            rc = sanction_set(&v, full & ~H, s1, c == ENT_GMCR_CSEQ, sanc);
            int sanctioned = 0;
            for (uint32_t s2 = 0; s2 < m->n && !sanctioned && rc == ENT_OK; s2++) {
                if (!sanc[s2] || ent_gmcr_rank(m, dm, s2) > rs)
                    continue;
                if (c != ENT_GMCR_CSMR) {
                    sanctioned = 1;
                    continue;
                }
                const uint8_t *esc = reach(&v, H, s2);
                if (!esc) {
                    rc = ENT_ENOMEM;
                    break;
                }
                int escape = 0;
                for (uint32_t s3 = 0; s3 < m->n && !escape; s3++)
                    escape = esc[s3] && ent_gmcr_rank(m, dm, s3) > rs;
                sanctioned = !escape;
            }
            ok = sanctioned;
        }
    }
    if (v.memo)
        for (size_t k = 0; k < ((size_t)1 << m->ndm) * m->n; k++)
            free(v.memo[k]);
    free(v.memo);
    free(sanc);
    *stable = rc == ENT_OK && ok;
    return rc;
}
