/* efg_impl.h — the extensive-form game's internal layout, shared by games/efg.c
 * (building, queries), games/efg_io.c (Gambit .efg) and the solvers in solver/extensive/.
 * Nodes are stored in preorder (a node's subtree is the index range [x, end)), children
 * in one array (kids[kid0[x] + a] is the child after action a); labels live in one
 * string pool (offset 0 is ""). Not public API. */
#ifndef ENT_EFG_IMPL_H
#define ENT_EFG_IMPL_H

#include "entente.h"

#include <stdint.h>

typedef struct {
    int player;        /* 0..nplayers-1, or -1 for chance */
    int nact;          /* >= 1 */
    int64_t number;    /* the file's information-set number (per player; chance apart) */
    uint32_t label;    /* pool offset */
    int64_t act0;      /* first action in the action arrays */
    int64_t prob0;     /* chance: first probability in the prob arrays; else -1 */
    int32_t first;     /* first node (preorder) in this information set */
} efg_infoset;

struct ent_efg {
    char *title, *comment;
    int nplayers;
    char **player;       /* [nplayers] labels */
    int decimal;         /* header "EFG 2 D" (written back as read) */
    /* string pool */
    char *pool;
    size_t pool_len, pool_cap;
    /* nodes, preorder */
    int32_t nnodes, node_cap;
    unsigned char *kind; /* ENT_EFG_TERMINAL / CHANCE / DECISION */
    int32_t *iset;       /* information set, -1 for terminal nodes */
    int32_t *outcome;    /* -1 none */
    uint32_t *nlabel;    /* pool offset */
    int32_t *parent;     /* -1 for the root */
    int64_t *kid0;       /* first child slot in kids (non-terminal nodes) */
    int32_t *kids;
    int64_t nkids, kid_cap;
    /* information sets */
    int32_t nisets, iset_cap;
    efg_infoset *is;
    /* actions */
    int64_t nactions, act_cap;
    uint32_t *alabel;
    /* chance probabilities */
    int64_t nprob, prob_cap;
    double *prob;
    int64_t *pnum, *pden; /* exact values (den 0 = not exact) */
    /* outcomes */
    int32_t nout, out_cap;
    int64_t *onumber;    /* the file's outcome number */
    uint32_t *olabel;
    double *pay;         /* [nout * nplayers] */
    int64_t *enu, *eden; /* exact payoffs (den 0 = not exact) */
    /* building state (preorder construction) */
    int32_t *stack;      /* nodes still waiting for children */
    int64_t *need;       /* children still missing, per stack entry */
    int32_t depth, stack_cap;
    int finished;
    size_t mem_limit, mem_used;
    int64_t *inum_max;   /* [nplayers + 1]: largest information-set number (chance first) */
    int64_t onum_max;    /* largest outcome number */
};

static inline const char *efg_str(const ent_efg *t, uint32_t off) { return t->pool + off; }

/* Children of x: t->kids[t->kid0[x] + a], a < nact of x's information set. */
static inline int32_t efg_child(const ent_efg *t, int32_t x, int a)
{
    return t->kids[t->kid0[x] + a];
}
static inline int efg_nact(const ent_efg *t, int32_t x)
{
    return t->iset[x] < 0 ? 0 : t->is[t->iset[x]].nact;
}

#endif
