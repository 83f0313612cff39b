/* nplayer.h — internal helpers for n-player mixed profiles shared by the support
 * enumeration (npoly.c) and the QRE path follower (qre.c): expected payoffs of pure
 * strategies, their derivatives, a dense linear solver and the Newton (Levenberg-
 * Marquardt) solve of a support's indifference system. Not public API. */
#ifndef ENT_NPLAYER_H
#define ENT_NPLAYER_H

#include "entente.h"

/* v[off_p + s] = expected payoff of player p's pure strategy s against the others' x
 * (concatenated layout). */
void ent_np_values(const ent_game *g, const double *x, double *v);
/* J[(off_p+s) * T + off_q + t] = d v[off_p+s] / d x[off_q+t] (0 when q == p); T = total
 * strategies. Also fills v. */
void ent_np_jacobian(const ent_game *g, const double *x, double *v, double *J);
/* Solve A x = b in place (A: n x n row-major, destroyed; b becomes x) by Gaussian
 * elimination with partial pivoting. Returns 0, or -1 if A is singular. */
int ent_np_solve(int n, double *A, double *b);
/* Scratch space for ent_np_support_newton, sized once per game so that repeated solves
 * allocate nothing. */
typedef struct {
    int *iw;
    double *dw;
} ent_np_ws;
int ent_np_ws_init(ent_np_ws *w, const ent_game *g);
void ent_np_ws_free(ent_np_ws *w);
/* Newton/Levenberg-Marquardt on the indifference system of support `sup` (T bytes):
 * v_ps = w_p for s in the support, sum of p's support probabilities = 1, x = 0 off it.
 * x: start on entry, solution on exit. Returns 1 if the residual fell below 1e-12 (in
 * units of the payoff range), 0 otherwise, negative status on allocation failure. */
int ent_np_support_newton(const ent_game *g, const unsigned char *sup, double *x,
                          double scale, ent_np_ws *ws);

#endif
