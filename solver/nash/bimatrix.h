/* bimatrix.h — internal representation shared by the two-player solvers (vertex
 * enumeration, support enumeration, Lemke-Howson) and the exact certifier: vertices of
 * the best-response polytopes with their label sets, equilibria as vertex pairs. Labels
 * 0..m-1 are player 0's strategies, m..m+n-1 player 1's (von Stengel's convention). */
#ifndef ENT_BIMATRIX_INT_H
#define ENT_BIMATRIX_INT_H

#include "entente.h"

#include <stdint.h>

struct ent_bimatrix {
    int m, n, W;       /* W = words per label set = ceil((m+n)/64) */
    int method, incomplete;
    int nx, ny, capx, capy;
    double *xc, *yc;   /* nx*m, ny*n normalised (probabilities) */
    uint64_t *xl, *yl; /* nx*W, ny*W label sets */
    int neq, capeq;
    int *eqx, *eqy, *eqc;
    int ncomp;
    int nsub;
    int *sub_comp, *sub_xoff, *sub_yoff; /* CSR: subset s has xs [xoff[s], xoff[s+1]) */
    int *sub_x, *sub_y;
    char **exact;      /* neq*(m+n+2) fraction strings after certification */
    int *path_status;  /* Lemke-Howson: per label, ENT_OK or what ended the path */
    unsigned char *path_exact; /* per label: 1 if re-run in exact arithmetic */
};

/* Label-set helpers. */
static inline void bm_lbl_set(uint64_t *l, int i) { l[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline int bm_lbl_has(const uint64_t *l, int i) { return (int)((l[i >> 6] >> (i & 63)) & 1); }
int bm_lbl_count(const uint64_t *l, int W);

ent_bimatrix *bm_new(int m, int n);
/* Append a vertex (coords normalised, labels W words); returns its index or -1 (no
 * memory). With dedup != 0, an existing vertex with the same labels is returned. */
int bm_add_x(ent_bimatrix *r, const double *c, const uint64_t *l, int dedup);
int bm_add_y(ent_bimatrix *r, const double *c, const uint64_t *l, int dedup);
/* Append equilibrium (xi, yi) unless present (dedup != 0); 0 or ENT_ENOMEM. */
int bm_add_eq(ent_bimatrix *r, int xi, int yi, int dedup);
/* Labels of normalised x (player 0's mixed strategy): x_i = 0 and best responses j of
 * player 1; of y: best responses i of player 0 and y_j = 0. tol absolute. */
void bm_labels_x(const double *B, int m, int n, const double *x, double tol, uint64_t *l);
void bm_labels_y(const double *A, int m, int n, const double *y, double tol, uint64_t *l);
/* Connected components of the equilibrium graph and maximal Nash subsets. */
int bm_components(ent_bimatrix *r, int subsets);
/* Payoff matrices A, B (m*n, row-major: A[i*n+j]) of a two-player game, normalised
 * (ent_game_normalise: smallest 0, largest range 1); caller frees. */
int bm_matrices(const ent_game *g, double **A, double **B);
/* Copy of the payoff matrix X (m x n) mapped affinely into [1, 2] (or its transpose,
 * n x m): the best-response polytopes' constraint matrices. NULL on no memory. */
double *bm_scaled(const double *X, int m, int n, int transpose);
/* Gauss-Jordan pivot of the tableau T (rows x cols, row-major) on row pr, column e. */
void bm_tableau_pivot(double *T, int rows, int cols, int pr, int e);
/* Solve the n x n system in S (n x (n + 1), right-hand side last; overwritten) by
 * Gaussian elimination with partial pivoting. OUT: z. -1 if a pivot is below tiny. */
int bm_solve_square(double *S, int n, double *z, double tiny);
/* Seconds on a monotonic clock. */
double bm_now(void);

/* Algorithms: fill r (vertices, equilibria); return 0 or a negative status. */
int bm_enumerate(const double *A, const double *B, int m, int n, double deadline,
                 uint64_t max_bases, ent_bimatrix *r, ent_error *err);
int bm_support(const double *A, const double *B, int m, int n, double deadline,
               ent_bimatrix *r, ent_error *err);
/* Tableau G = B^-1 [M | I | 1] (k x (d + k + 1)) of the basis given as a bit set over the
 * variables (d coordinates, then k slacks) of {z >= 0, M z <= 1}, M k x d; rowof/varof
 * map basic variables and rows, used is k bytes of scratch. 0, or -1 if singular. */
int bm_basis_tableau(const double *M, int k, int d, const uint64_t *basis, double *G,
                     int *rowof, int *varof, unsigned char *used);
/* Reverse search over the vertices of S = {z >= 0, M z <= 1} (M k x d, scaled positive;
 * lexicographic pivoting, so degenerate S is fine), partners found in
 * O = {w >= 0, MO w <= 1} (MO d x k); S's coordinates carry labels zoff.., its rows
 * roff.. (s_is_p: S is player 0's polytope P). threads: OpenMP threads for the jobs.
 * OUT: *pairs (malloc'd, *npairs pairs of (x labels, y labels), W words each,
 * duplicates possible), *incomplete if the deadline or max_nodes stopped it, *nodes
 * bases visited (may be NULL). Returns 0, 1 if a decision was too close to call or the
 * partners of a vertex could not be pinned down (nothing returned: the caller uses the
 * full-basis DFS), or a negative status. */
int bm_revsearch(const double *M, const double *MO, int d, int k, int zoff, int roff,
                 int s_is_p, double deadline, uint64_t max_nodes, int threads,
                 uint64_t **pairs, int *npairs, int *incomplete, uint64_t *nodes);
/* Lemke-Howson from `label` (or every label if -1) until the deadline (0 = none) or an
 * interrupt; a path that fails in floating point is re-run by bm_lemke_exact_path on the
 * payoffs as given, A0 and B0 (A and B may be rescaled copies). Fills
 * r->path_status/path_exact; r->incomplete if a path was stopped. Returns 0, or an error
 * when no path found an equilibrium and none was stopped early. */
int bm_lemke(const double *A, const double *B, const double *A0, const double *B0, int m,
             int n, int label, double deadline, ent_bimatrix *r, ent_error *err);
/* One Lemke-Howson path dropping label k0, in exact integer arithmetic on the payoffs
 * as given (no rounding). OUT: x (m), y (n) normalised. Returns 0, ENT_ETIMEOUT when
 * stopped by the deadline or an interrupt, ENT_ENOMEM, or ENT_EINVAL for a payoff that
 * is not finite. */
int bm_lemke_exact_path(const double *A, const double *B, int m, int n, int k0,
                        double deadline, double *x, double *y);

#endif
