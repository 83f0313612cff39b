/* tu.h — internal layout of the coalitional-game objects (games/tu.c) shared with the
 * solvers in solver/coop/; not public API. */
#ifndef ENT_TU_H
#define ENT_TU_H

#include "entente.h"

struct ent_tu {
    int n;
    double *v;      /* [2^n] coalition-indexed values */
    char **label;   /* [n] */
};

struct ent_wvg {
    int n;
    int64_t *w;     /* [n] integer weights >= 0 */
    int64_t quota;  /* 1 <= quota <= total */
    int64_t total;
    int count_quota;
    int block_min;  /* 0, or: a coalition with fewer than block_min members outside wins */
};

/* Sums over a bitmask by two table lookups: sum(S) = lo[S & lomask] + hi[S >> h]. */
typedef struct {
    int h;
    uint32_t lomask;
    double *lo, *hi;
} ent_split;

int ent_split_init(ent_split *t, int n);
void ent_split_set(ent_split *t, int n, const double *a);
void ent_split_free(ent_split *t);
static inline double ent_split_sum(const ent_split *t, uint32_t s)
{
    return t->lo[s & t->lomask] + t->hi[s >> t->h];
}

#endif
