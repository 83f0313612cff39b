/* model.c — the graph model for conflict resolution as a data structure: decision makers,
 * states, each DM's unilateral moves (compressed sparse rows after sealing), ordinal
 * preferences as ranks with ties, optional joint profiles per state. Model from Fang,
 * Hipel & Kilgour, "Interactive Decision Making: The Graph Model for Conflict Resolution"
 * (Wiley, 1993), ch. 2; option form as in GMCR II (Fang et al. 2003). */
#include "model.h"
#include "../../games/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ent_gmcr_new(ent_gmcr **out, int ndm, uint32_t nstates, ent_error *err)
{
    *out = NULL;
    if (ndm < 1 || ndm > ENT_GMCR_MAX_DM)
        return ent_error_set(err, ENT_EINVAL, "graph model: %d decision makers (1 to %d allowed)",
                             ndm, ENT_GMCR_MAX_DM);
    if (nstates < 1 || nstates > ENT_GMCR_MAX_STATES)
        return ent_error_set(err, nstates ? ENT_ETOOBIG : ENT_EINVAL,
                             "graph model: %u states (1 to %u allowed)", nstates,
                             ENT_GMCR_MAX_STATES);
    ent_gmcr *m = calloc(1, sizeof *m);
    if (!m)
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    m->ndm = ndm;
    m->n = nstates;
    m->rank_in = calloc((size_t)ndm * nstates, sizeof *m->rank_in);
    m->dm_name = calloc((size_t)ndm, sizeof *m->dm_name);
    if (!m->rank_in || !m->dm_name) {
        ent_gmcr_free(&m);
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory for %u states", nstates);
    }
    for (int d = 0; d < ndm; d++) {
        char nm[32];
        snprintf(nm, sizeof nm, "DM %d", d + 1);
        m->dm_name[d] = ent_strdup(nm);
        if (!m->dm_name[d]) {
            ent_gmcr_free(&m);
            return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
        }
    }
    *out = m;
    return ENT_OK;
}

void ent_gmcr_free(ent_gmcr **mp)
{
    if (!mp || !*mp)
        return;
    ent_gmcr *m = *mp;
    for (int d = 0; d < m->ndm; d++) {
        free(m->pend[d]);
        free(m->off[d]);
        free(m->adj[d]);
        if (m->dm_name)
            free(m->dm_name[d]);
    }
    if (m->state_name)
        for (uint32_t s = 0; s < m->n; s++)
            free(m->state_name[s]);
    free(m->state_name);
    free(m->dm_name);
    free(m->rank_in);
    free(m->rank);
    free(m->comp);
    free(m->comp_key);
    free(m->comp_state);
    free(m);
    *mp = NULL;
}

int ent_gmcr_ndm(const ent_gmcr *m) { return m->ndm; }
uint32_t ent_gmcr_nstates(const ent_gmcr *m) { return m->n; }
int ent_gmcr_sealed(const ent_gmcr *m) { return m->sealed; }
int ent_gmcr_has_components(const ent_gmcr *m) { return m->comp != NULL; }

int ent_gmcr_add_move(ent_gmcr *m, int dm, uint32_t from, uint32_t to)
{
    if (m->sealed || dm < 0 || dm >= m->ndm || from >= m->n || to >= m->n || from == to)
        return ENT_EINVAL;
    if (m->npend[dm] == m->cappend[dm]) {
        size_t cap = m->cappend[dm] ? 2 * m->cappend[dm] : 64;
        uint64_t *p = realloc(m->pend[dm], cap * sizeof *p);
        if (!p)
            return ENT_ENOMEM;
        m->pend[dm] = p;
        m->cappend[dm] = cap;
    }
    m->pend[dm][m->npend[dm]++] = (uint64_t)from << 32 | to;
    return ENT_OK;
}

int ent_gmcr_set_rank(ent_gmcr *m, int dm, uint32_t s, int64_t rank)
{
    if (m->sealed || dm < 0 || dm >= m->ndm || s >= m->n)
        return ENT_EINVAL;
    m->rank_in[(size_t)dm * m->n + s] = rank;
    return ENT_OK;
}

int ent_gmcr_set_component(ent_gmcr *m, uint32_t s, int dm, int value)
{
    if (m->sealed || dm < 0 || dm >= m->ndm || s >= m->n || value < 0)
        return ENT_EINVAL;
    if (!m->comp) {
        m->comp = calloc((size_t)m->n * m->ndm, sizeof *m->comp);
        if (!m->comp)
            return ENT_ENOMEM;
    }
    m->comp[(size_t)s * m->ndm + dm] = value;
    return ENT_OK;
}

int ent_gmcr_set_dm_name(ent_gmcr *m, int dm, const char *name)
{
    if (dm < 0 || dm >= m->ndm || !name)
        return ENT_EINVAL;
    char *c = ent_strdup(name);
    if (!c)
        return ENT_ENOMEM;
    free(m->dm_name[dm]);
    m->dm_name[dm] = c;
    return ENT_OK;
}

int ent_gmcr_set_state_name(ent_gmcr *m, uint32_t s, const char *name)
{
    if (s >= m->n || !name)
        return ENT_EINVAL;
    if (!m->state_name) {
        m->state_name = calloc(m->n, sizeof *m->state_name);
        if (!m->state_name)
            return ENT_ENOMEM;
    }
    char *c = ent_strdup(name);
    if (!c)
        return ENT_ENOMEM;
    free(m->state_name[s]);
    m->state_name[s] = c;
    return ENT_OK;
}

const char *ent_gmcr_dm_name(const ent_gmcr *m, int dm)
{
    if (dm < 0 || dm >= m->ndm)
        return "";
    return m->dm_name[dm] ? m->dm_name[dm] : "";
}

const char *ent_gmcr_state_label(const ent_gmcr *m, uint32_t s, char *buf, size_t cap)
{
    if (m->state_name && s < m->n && m->state_name[s])
        snprintf(buf, cap, "%s", m->state_name[s]);
    else
        snprintf(buf, cap, "%u", s + 1);
    return buf;
}

/* ---------------------------------------------------------------- sealing */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Pending (from,to) pairs of one DM -> sorted, deduplicated CSR rows. */
static int seal_moves(ent_gmcr *m, int d)
{
    if (m->off[d]) /* built directly (option form) */
        return ENT_OK;
    uint32_t n = m->n;
    uint64_t *off = calloc((size_t)n + 1, sizeof *off);
    uint32_t *adj = malloc((m->npend[d] ? m->npend[d] : 1) * sizeof *adj);
    if (!off || !adj) {
        free(off);
        free(adj);
        return ENT_ENOMEM;
    }
    for (size_t e = 0; e < m->npend[d]; e++)
        off[(m->pend[d][e] >> 32) + 1]++;
    for (uint32_t s = 0; s < n; s++)
        off[s + 1] += off[s];
    uint64_t *fill = malloc((size_t)n * sizeof *fill);
    if (!fill) {
        free(off);
        free(adj);
        return ENT_ENOMEM;
    }
    memcpy(fill, off, (size_t)n * sizeof *fill);
    for (size_t e = 0; e < m->npend[d]; e++) {
        uint64_t p = m->pend[d][e];
        adj[fill[p >> 32]++] = (uint32_t)p;
    }
    free(fill);
    /* sort and deduplicate each row, compacting in place */
    uint64_t w = 0;
    for (uint32_t s = 0; s < n; s++) {
        uint64_t a = off[s], b = off[s + 1];
        qsort(adj + a, (size_t)(b - a), sizeof *adj, cmp_u32);
        off[s] = w;
        for (uint64_t k = a; k < b; k++)
            if (k == a || adj[k] != adj[k - 1])
                adj[w++] = adj[k];
    }
    off[n] = w;
    free(m->pend[d]);
    m->pend[d] = NULL;
    m->npend[d] = m->cappend[d] = 0;
    m->off[d] = off;
    m->adj[d] = adj;
    return ENT_OK;
}

/* Ranks -> dense 0.. per DM, order and ties kept. */
static int seal_ranks(ent_gmcr *m)
{
    size_t n = m->n;
    m->rank = malloc((size_t)m->ndm * n * sizeof *m->rank);
    uint64_t *tmp = malloc(n * sizeof *tmp);
    if (!m->rank || !tmp) {
        free(tmp);
        return ENT_ENOMEM;
    }
    for (int d = 0; d < m->ndm; d++) {
        const int64_t *in = m->rank_in + (size_t)d * n;
        /* order-preserving map of int64 to uint64, sorted with the state in a parallel
         * pass: sort the keys, then binary search each state's key */
        for (size_t s = 0; s < n; s++)
            tmp[s] = (uint64_t)in[s] ^ (1ull << 63);
        qsort(tmp, n, sizeof *tmp, cmp_u64);
        size_t u = 0;
        for (size_t k = 0; k < n; k++)
            if (k == 0 || tmp[k] != tmp[u - 1])
                tmp[u++] = tmp[k];
        for (size_t s = 0; s < n; s++) {
            uint64_t key = (uint64_t)in[s] ^ (1ull << 63);
            size_t lo = 0, hi = u;
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (tmp[mid] <= key)
                    lo = mid;
                else
                    hi = mid;
            }
            m->rank[(size_t)d * n + s] = (int32_t)lo;
        }
    }
    free(tmp);
    return ENT_OK;
}

int ent_gmcr_pack_(const ent_gmcr *m, const int *comp, uint64_t *key)
{
    uint64_t k = 0;
    for (int d = 0; d < m->ndm; d++) {
        unsigned w = (d + 1 < m->ndm ? m->comp_shift[d + 1] : 64) - m->comp_shift[d];
        if (comp[d] < 0 || (w < 64 && (uint64_t)comp[d] >> w))
            return -1;
        k |= (uint64_t)comp[d] << m->comp_shift[d];
    }
    *key = k;
    return 0;
}

static int seal_components(ent_gmcr *m, ent_error *err)
{
    unsigned shift = 0;
    for (int d = 0; d < m->ndm; d++) {
        int mx = 0;
        for (uint32_t s = 0; s < m->n; s++)
            if (m->comp[(size_t)s * m->ndm + d] > mx)
                mx = m->comp[(size_t)s * m->ndm + d];
        unsigned bits = 1;
        while (bits < 31 && ((unsigned)mx >> bits))
            bits++;
        m->comp_shift[d] = shift;
        shift += bits;
    }
    if (shift > 64)
        return ent_error_set(err, ENT_EINVAL, "graph model: state profiles need %u bits (64 allowed)", shift);
    uint64_t *pairs = malloc((size_t)m->n * sizeof *pairs * 2);
    m->comp_key = malloc((size_t)m->n * sizeof *m->comp_key);
    m->comp_state = malloc((size_t)m->n * sizeof *m->comp_state);
    if (!pairs || !m->comp_key || !m->comp_state) {
        free(pairs);
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    }
    /* sort (key, state) pairs as two-word records */
    typedef struct {
        uint64_t key, s;
    } kv;
    kv *p = (kv *)pairs;
    for (uint32_t s = 0; s < m->n; s++) {
        ent_gmcr_pack_(m, m->comp + (size_t)s * m->ndm, &p[s].key);
        p[s].s = s;
    }
    qsort(p, m->n, sizeof *p, cmp_u64); /* compares the key word first */
    for (uint32_t k = 0; k < m->n; k++) {
        if (k && p[k].key == p[k - 1].key) {
            uint32_t a = (uint32_t)p[k - 1].s, b = (uint32_t)p[k].s;
            free(pairs);
            return ent_error_set(err, ENT_EINVAL, "graph model: states %u and %u have the same profile",
                                 (a < b ? a : b) + 1, (a < b ? b : a) + 1);
        }
        m->comp_key[k] = p[k].key;
        m->comp_state[k] = (uint32_t)p[k].s;
    }
    free(pairs);
    return ENT_OK;
}

int ent_gmcr_seal(ent_gmcr *m, ent_error *err)
{
    if (m->sealed)
        return ENT_OK;
    for (int d = 0; d < m->ndm; d++)
        if (seal_moves(m, d) != ENT_OK)
            return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory for the moves");
    if (seal_ranks(m) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory for the preferences");
    if (m->comp) {
        int rc = seal_components(m, err);
        if (rc != ENT_OK)
            return rc;
    }
    m->sealed = 1;
    return ENT_OK;
}

const uint32_t *ent_gmcr_moves(const ent_gmcr *m, int dm, uint32_t s, uint32_t *n)
{
    if (!m->sealed || dm < 0 || dm >= m->ndm || s >= m->n) {
        *n = 0;
        return NULL;
    }
    *n = (uint32_t)(m->off[dm][s + 1] - m->off[dm][s]);
    return m->adj[dm] + m->off[dm][s];
}

int64_t ent_gmcr_rank(const ent_gmcr *m, int dm, uint32_t s)
{
    if (dm < 0 || dm >= m->ndm || s >= m->n)
        return 0;
    return m->rank_in[(size_t)dm * m->n + s];
}

int ent_gmcr_component(const ent_gmcr *m, uint32_t s, int dm)
{
    if (!m->comp || dm < 0 || dm >= m->ndm || s >= m->n)
        return -1;
    return m->comp[(size_t)s * m->ndm + dm];
}

int ent_gmcr_find_state(const ent_gmcr *m, const int *comp, uint32_t *s)
{
    uint64_t key;
    if (!m->sealed || !m->comp_key || ent_gmcr_pack_(m, comp, &key) != 0)
        return ENT_ENOTFOUND;
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->comp_key[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->n && m->comp_key[lo] == key) {
        *s = m->comp_state[lo];
        return ENT_OK;
    }
    return ENT_ENOTFOUND;
}

/* ---------------------------------------------------------------- option form */

typedef struct {
    uint64_t key, s;
} okey;

static int cmp_okey(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->s > y->s) - (x->s < y->s);
}

int ent_gmcr_new_options(ent_gmcr **out, int ndm, int noptions, const int *owner,
                         const signed char *dir, uint32_t nstates, const uint64_t *states,
                         ent_error *err)
{
    *out = NULL;
    if (noptions < 1 || noptions > 64)
        return ent_error_set(err, ENT_EINVAL, "graph model: %d options (1 to 64 allowed)", noptions);
    uint64_t own[ENT_GMCR_MAX_DM] = {0};
    for (int k = 0; k < noptions; k++) {
        if (owner[k] < 0 || owner[k] >= ndm || ndm > ENT_GMCR_MAX_DM)
            return ent_error_set(err, ENT_EINVAL, "graph model: option %d has no valid owner", k + 1);
        own[owner[k]] |= 1ull << k;
    }
    ent_gmcr *m;
    int rc = ent_gmcr_new(&m, ndm, nstates, err);
    if (rc != ENT_OK)
        return rc;
    uint64_t up = 0, down = 0; /* options that may only go off->on / on->off */
    for (int k = 0; dir && k < noptions; k++) {
        if (dir[k] > 0)
            up |= 1ull << k;
        else if (dir[k] < 0)
            down |= 1ull << k;
    }
    okey *ks = malloc((size_t)nstates * sizeof *ks);
    m->comp = malloc((size_t)nstates * ndm * sizeof *m->comp);
    if (!ks || !m->comp) {
        free(ks);
        ent_gmcr_free(&m);
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory for %u states", nstates);
    }
    for (uint32_t s = 0; s < nstates; s++)
        for (int d = 0; d < ndm; d++) {
            /* the DM's own option bits, packed in option order */
            int v = 0, b = 0;
            for (int k = 0; k < noptions; k++)
                if (owner[k] == d)
                    v |= (int)((states[s] >> k) & 1) << b++;
            if (b > 30) {
                free(ks);
                ent_gmcr_free(&m);
                return ent_error_set(err, ENT_EINVAL, "graph model: DM %d owns more than 30 options", d + 1);
            }
            m->comp[(size_t)s * ndm + d] = v;
        }
    for (int d = 0; d < ndm && rc == ENT_OK; d++) {
        for (uint32_t s = 0; s < nstates; s++) {
            ks[s].key = states[s] & ~own[d];
            ks[s].s = s;
        }
        qsort(ks, nstates, sizeof *ks, cmp_okey);
        /* count moves: within a group of equal key, every ordered pair allowed by dir */
        uint64_t *off = calloc((size_t)nstates + 1, sizeof *off);
        if (!off) {
            rc = ENT_ENOMEM;
            break;
        }
        for (int pass = 0; pass < 2 && rc == ENT_OK; pass++) {
            uint32_t *adj = NULL;
            if (pass == 1) {
                for (uint32_t s = 0; s < nstates; s++)
                    off[s + 1] += off[s];
                adj = malloc((off[nstates] ? off[nstates] : 1) * sizeof *adj);
                if (!adj) {
                    rc = ENT_ENOMEM;
                    break;
                }
            }
            uint64_t *fill = pass ? malloc((size_t)nstates * sizeof *fill) : NULL;
            if (pass && !fill) {
                free(adj);
                rc = ENT_ENOMEM;
                break;
            }
            if (fill)
                memcpy(fill, off, (size_t)nstates * sizeof *fill);
            for (uint32_t a = 0; a < nstates;) {
                uint32_t b = a;
                while (b < nstates && ks[b].key == ks[a].key)
                    b++;
                for (uint32_t x = a; x < b; x++)
                    for (uint32_t y = a; y < b; y++) {
                        if (x == y)
                            continue;
                        uint64_t fs = states[ks[x].s], ts = states[ks[y].s];
                        uint64_t on = ts & ~fs, offb = fs & ~ts;
                        if ((on & down) || (offb & up))
                            continue;
                        if (pass == 0)
                            off[ks[x].s + 1]++;
                        else
                            adj[fill[ks[x].s]++] = (uint32_t)ks[y].s;
                    }
                a = b;
            }
            if (pass == 1) {
                free(fill);
                for (uint32_t s = 0; s < nstates; s++)
                    qsort(adj + off[s], (size_t)(off[s + 1] - off[s]), sizeof *adj, cmp_u32);
                m->adj[d] = adj;
                m->off[d] = off;
            }
        }
        if (rc != ENT_OK)
            free(off);
    }
    free(ks);
    if (rc != ENT_OK) {
        ent_gmcr_free(&m);
        return ent_error_set(err, rc, "graph model: out of memory for the moves");
    }
    *out = m;
    return ENT_OK;
}
