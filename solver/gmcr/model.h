/* model.h — the graph model's internal layout, shared by model.c (building) and
 * the solver files (stability, verification): per-DM moves in compressed sparse rows,
 * dense ranks, optional per-state profiles. Not public API. */
#ifndef ENT_GMCR_MODEL_H
#define ENT_GMCR_MODEL_H

#include "entente.h"

struct ent_gmcr {
    int ndm;
    uint32_t n;
    int sealed;
    /* moves added before sealing: (from << 32 | to) per DM */
    uint64_t *pend[ENT_GMCR_MAX_DM];
    size_t npend[ENT_GMCR_MAX_DM], cappend[ENT_GMCR_MAX_DM];
    /* sealed moves: dm's moves from s are adj[dm][off[dm][s] .. off[dm][s+1]-1] */
    uint64_t *off[ENT_GMCR_MAX_DM];
    uint32_t *adj[ENT_GMCR_MAX_DM];
    int64_t *rank_in; /* ndm * n as given (dm-major) */
    int32_t *rank;    /* ndm * n, dense 0.. after sealing, same order */
    int *comp;        /* n * ndm (state-major), NULL if no components were set */
    uint64_t *comp_key;    /* sorted packed profiles (sealed, with components) */
    uint32_t *comp_state;  /* state of comp_key[k] */
    unsigned comp_shift[ENT_GMCR_MAX_DM];
    char **dm_name;
    char **state_name; /* NULL or per-state (entries NULL when unnamed) */
};

/* Packed profile key of a component vector; 0 on success, -1 if a component does not
 * fit the widths fixed at sealing. */
int ent_gmcr_pack_(const ent_gmcr *m, const int *comp, uint64_t *key);

/* Explanation helpers (stability.c): the DMs in mask as "A, B and C"; a state as
 * "[name]" or its 1-based number. */
void gmcr_dm_names_(const ent_gmcr *m, unsigned mask, char *buf, size_t cap);
const char *gmcr_state_label_(const ent_gmcr *m, uint32_t s, char *buf, size_t cap);

static inline int32_t gm_rank(const ent_gmcr *m, int dm, uint32_t s)
{
    return m->rank[(size_t)dm * m->n + s];
}

#endif
