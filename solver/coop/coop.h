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
int coop_basis_add_mask(coop_basis *b, uint64_t s);
/* 1 if the indicator vector of s lies in the span (reentrant for n <= 64). */
int coop_basis_spans_mask(const coop_basis *b, uint64_t s);

/* max |v(S)| over all coalitions */
double coop_vmax(const ent_tu *g);

/* A coalition and its excess v(S) - x(S). */
typedef struct {
    uint64_t mask;
    double excess;
} coop_hit;

/* Branch-and-bound search over the coalitions T (not empty, not N) of an oracle game for
 * excess v(T) - x(T) > thr, skipping those for which skip() says 1 (may be NULL). K > 0:
 * the K largest; K = 0: all of them, refused (ENT_ETOOBIG) above cap. More than
 * node_limit nodes: ENT_ETOOBIG with the numbers. OUT: *hits (owned) sorted by excess
 * descending then mask, *nhits, *nodes (may be NULL). Deterministic for any threads. */
typedef struct {
    const ent_tu_oracle *o;
    const double *x;
    double thr;
    int K;
    size_t cap;
    uint64_t node_limit;
    int threads;
    int (*skip)(void *ctx, uint64_t s);
    void *skip_ctx;
} coop_search_req;
int coop_search(const coop_search_req *q, coop_hit **hits, size_t *nhits, uint64_t *nodes,
                ent_error *err);

/* Kohlberg's criterion over levels: c[0..nc-1] are ALL coalitions with excess >= some
 * threshold, sorted by excess descending (levels are runs equal within tol); b0 the
 * singletons whose imputation bound binds (weight >= 0). 1 holds, 0 fails, 2 undecided
 * (the union never spans R^n), < 0 LP failure. */
int coop_kohlberg_levels(int n, const coop_hit *c, size_t nc, const uint64_t *b0, int nb,
                         double tol);

#endif
