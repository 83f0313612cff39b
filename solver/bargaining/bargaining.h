/* bargaining.h — bargaining solutions (internal, not public API): the axiomatic
 * solutions (Nash, Kalai-Smorodinsky, egalitarian, utilitarian) over a finite set of
 * outcomes or its convex hull, the continuous two-sided division of a pie, Rubinstein
 * alternating offers with breakdown and outside options, and the commitment-problem
 * (Fearon) bargaining range with its threshold guarantee credibility. Each solver has an
 * independent check in solver/bargaining/verify.c. */
#ifndef ENT_BARGAINING_H
#define ENT_BARGAINING_H

#include "entente.h"

enum { BARG_NASH = 0, BARG_KS, BARG_EGAL, BARG_UTIL, BARG_NKINDS };
extern const char *const barg_kind_name[BARG_NKINDS];

/* A finite bargaining problem: m outcomes with payoff vectors pay[k*n + i], the
 * disagreement point d[n], bargaining powers w[n] (NULL = equal; Nash only), lotteries
 * != 0 for the convex hull of the outcomes (else the outcomes themselves). */
typedef struct {
    int n, m;
    const double *pay;
    const double *d;
    const double *w;
    int lotteries;
} barg_problem;

/* A solution: payoffs x[n], outcome weights mix[m], the ideal point ideal[n] (each actor's
 * best payoff in the feasible set at or above d), fixed[n] = 1 for an actor no feasible
 * point lifts above d, a certificate cert[n] (the LP's dual weights for the linear
 * concepts, see verify.c), and for the iterative Nash solver the final duality gap. */
typedef struct {
    double *x, *mix, *ideal, *cert;
    int *fixed;
    double gap;
} barg_solution;

/* Allocate/free the arrays of a solution for n actors and m outcomes. */
int barg_solution_alloc(barg_solution *s, int n, int m);
void barg_solution_free(barg_solution *s);

/* Solve. Returns ENT_OK; ENT_EINFEASIBLE when no feasible point is at or above d (the
 * disagreement point lies outside the feasible set), with a message; ENT_ELP when the LP
 * solver fails; ENT_ENOMEM. Two-actor Nash with lotteries is exact (closed form on each
 * edge of the frontier); with more actors Frank-Wolfe with away steps on the logarithm
 * of the Nash product, to a duality gap below 1e-12 of the total power. */
int barg_solve(const barg_problem *p, int kind, barg_solution *s, ent_error *err);
/* The Nash solution by Frank-Wolfe for any number of actors (used by barg_solve for
 * n > 2, exposed so tests can compare it with the exact two-actor method). */
int barg_nash_frank_wolfe(const barg_problem *p, barg_solution *s, ent_error *err);

/* Independent check of a solution (verify.c): the mix is a distribution over the
 * feasible outcomes reproducing x, x >= d, and the concept's optimality condition holds
 * (Nash: first-order condition against every outcome; linear concepts: the dual
 * certificate bounds every feasible point; without lotteries: no outcome does better).
 * OUT: *viol, the largest violation. Returns 1 if it holds within tol. */
int barg_verify(const barg_problem *p, int kind, const barg_solution *s, double tol,
                double *viol);

/* ------------------------------------------------------------ Rubinstein */

/* Alternating offers over a pie of size 1 (Rubinstein 1982; Binmore, Rubinstein and
 * Wolinsky 1986 for breakdown; Binmore, Shaked and Sutton 1989 for outside options).
 * Discount factors per period delta[2] in (0,1), breakdown probability per rejected
 * offer in [0,1) (then the pie is lost and each side gets its disagreement value dv),
 * outside options out[2] (a side may walk away when responding). Proposer 0 or 1.
 * OUT: share[2] of the first proposer's immediate agreement (share[0] for side 0),
 * binding[2] = 1 when that side's outside option binds. Returns ENT_OK or ENT_EINVAL
 * (with a message) when the parameters are out of range or the options exceed the pie. */
typedef struct {
    double delta[2];
    double breakdown;
    double dv[2];
    double out[2];
    int has_out;
    int proposer;
} barg_rubinstein;
int barg_rubinstein_solve(const barg_rubinstein *m, double share[2], int binding[2],
                          ent_error *err);
/* Check of a Rubinstein division (verify.c): each responder is exactly indifferent
 * between accepting and rejecting (or at its outside option), given the stationary
 * offers of both sides. Returns 1 if it holds within tol. */
int barg_rubinstein_verify(const barg_rubinstein *m, const double share[2], double tol);

/* ------------------------------------------------------------ commitment problem */

/* War as bargaining failure with a power shift (Fearon 1995; Powell 2006). Two sides
 * share a pie of 1 each period, discount factor delta. Side A (declining) would win a war
 * now with probability p_now; after the shift it would win with p_later alone, or with
 * p_guar if the guarantor fights, which it does with probability q (its credibility):
 *     p_A(q) = (1 - q) p_later + q p_guar.
 * War is decisive: the winner takes the pie for good; each side pays its cost (cost_a,
 * cost_b, in shares of the pie per period, lump-summed). After the shift the rising side
 * B offers A only A's war value then, p_A(q) - cost_a. A deal today giving A the share x
 * beats war now for A iff (1-delta) x + delta (p_A(q) - cost_a) >= p_now - cost_a, and
 * for B iff (1-delta)(1-x) + delta (1 - p_A(q) + cost_a) >= 1 - p_now - cost_b. The
 * bargaining range is the set of x in [0,1] meeting both; since x_hi - x_lo is
 * (cost_a + cost_b)/(1-delta) > 0, it is empty exactly when x_lo > 1 (A cannot be paid
 * enough today: the commitment problem) or x_hi < 0 (B would rather fight now than face
 * a guaranteed A: a preventive motive). That is, a settlement exists iff
 *     p_req = cost_a + (p_now - cost_a - 1 + delta)/delta <= p_A(q)
 *          <= p_max = 1 + cost_a - (delta - p_now - cost_b)/delta.
 * p_A is linear in q, so q* = (p_req - p_later) / (p_guar - p_later) (clamped at 0) and
 * the ceiling q_max = (p_max - p_later) / (p_guar - p_later). */
typedef struct {
    double p_now, p_later, p_guar;
    double cost_a, cost_b;
    double delta;
} barg_commitment;
/* Check the parameters (probabilities in [0,1], costs >= 0, delta in (0,1)); on error
 * write the offending field's name to *bad and return -1. */
int barg_commitment_check(const barg_commitment *c, const char **bad);
/* The bargaining range at credibility q. OUT: *lo, *hi (A's share today; the range is
 * empty when *lo > *hi). Returns 1 if non-empty. */
int barg_commitment_range(const barg_commitment *c, double q, double *lo, double *hi);
/* Threshold credibility. OUT: *qstar, the least q in [0,1] with a non-empty range, and
 * *qmax, the greatest (1 when the guarantee never provokes B), by the closed form; *qbis,
 * the least such q found from barg_commitment_range alone (a scan at steps of 1/1000,
 * then bisection), independent of the closed form. Returns 1 when some q in [0,1] gives
 * a settlement (q* = 0: peace holds without the guarantee), 0 when none does (then the
 * outputs are NaN). */
int barg_commitment_threshold(const barg_commitment *c, double *qstar, double *qmax,
                              double *qbis);

/* ------------------------------------------------------------ a pie between two sides */

/* Side 0 gets the share x of a pie of 1, side 1 gets 1 - x; utility u(arg, side, share)
 * (increasing in the share), disagreement utilities d[2], Nash powers w[2]. */
typedef double (*barg_utility)(void *arg, int side, double share);
typedef struct {
    barg_utility u;
    void *arg;
    double d[2];
    double w[2];
} barg_pie;
/* Check that both utilities increase on [0,1] (sampled at 1/1000 steps) and that some
 * division gives both sides at least d. On error: *side and *at say where, returns
 * ENT_EINVAL (not increasing) or ENT_EINFEASIBLE (d outside the feasible set). */
int barg_pie_check(const barg_pie *p, int *side, double *at);
/* The share x of side 0 under an axiomatic concept (grid, then bisection on the slope of
 * the unimodal objective for Nash and utilitarian; bisection on the crossing of the gains for
 * egalitarian and KS). OUT: *x. */
int barg_pie_solve(const barg_pie *p, int kind, double *x);
/* Independent check (verify.c): Nash — the derivative of the log product vanishes (or
 * points out of [0,1] at a bound); egalitarian and KS — the gains (scaled) are equal;
 * utilitarian — no point of a fine grid does better. Returns 1 if it holds. */
int barg_pie_verify(const barg_pie *p, int kind, double x, double tol);

#endif
