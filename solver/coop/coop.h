/* coop.h — internal helpers of the coalitional-game solvers (solver/coop/): an
 * incremental orthonormal basis (Gram-Schmidt) for span tests of coalition vectors, and
 * the default tolerance. Not public API. */
#ifndef ENT_COOP_H
#define ENT_COOP_H

#include "../../games/tu.h"

/* Orthonormal basis of a subspace of R^n, rows q[0..rank-1] (each n doubles). */
typedef struct {
    int n, rank;
    double *q;   /* [n * n] */
    double *tmp; /* [n] */
} coop_basis;

int coop_basis_init(coop_basis *b, int n);
void coop_basis_free(coop_basis *b);
/* Add the indicator vector of coalition s; returns 1 if it raised the rank, 0 if it was
 * already in the span (residual norm <= 1e-9). */
int coop_basis_add_mask(coop_basis *b, uint32_t s);
/* 1 if the indicator vector of s lies in the span. */
int coop_basis_spans_mask(coop_basis *b, uint32_t s);

/* max |v(S)| over all coalitions */
double coop_vmax(const ent_tu *g);

#endif
