/* pure.c — pure-strategy analysis of n-player normal-form games: enumeration of all pure
 * Nash equilibria (best-response maxima along each player's axis, one pass per player,
 * OpenMP over blocks of lines), iterated elimination of strategies strictly dominated by
 * pure strategies, and pure maxmin (security) levels.
 * Definitions: Nash (1951), "Non-cooperative games"; Osborne & Rubinstein, "A Course in
 * Game Theory" (1994), §2.2 (Nash equilibrium), §4.2 (iterated strict dominance), §2.5
 * (maxminimization). */
#include "entente.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Mark bits, one byte per profile: every player processed so far best-responds there
 * (BR), and does so uniquely (STRICT). */
enum { M_BR = 1, M_STRICT = 2 };

/* Lines handled together: len = CHUNK_BYTES / (8 n), clamped to [128, CHUNK_MAX], so the
 * n rows of len doubles stay in L2 while contiguous runs stay long enough to prefetch. */
enum { CHUNK_MIN = 128, CHUNK_MAX = 1024, CHUNK_BYTES = 1 << 17 };
enum { SUB_PRUNE = 16, SUB_PRUNE_MAX_N = 64 };

/* Fixed number of slices for collecting results (independent of the thread count). */
enum { COLLECT_SLICES = 64 };

void ent_pure_opts_init(ent_pure_opts *o)
{
    o->threads = 0;
    o->max_report = 0;
}

static int thread_count(int requested, uint64_t work)
{
#ifdef _OPENMP
    int t = requested > 0 ? requested : omp_get_max_threads();
    if (work < 16384)
        t = 1;
    return t < 1 ? 1 : t;
#else
    (void)requested;
    (void)work;
    return 1;
#endif
}

/* The M_BR bits of eight marks as one word, and the number of them set. */
static inline uint64_t br_word(const unsigned char *m)
{
    uint64_t w;
    memcpy(&w, m, sizeof w);
    return w & 0x0101010101010101ULL;
}

static inline uint64_t byte_sum(uint64_t w)
{
    return (w * 0x0101010101010101ULL) >> 56;
}

/* Are the n bytes at m all zero? (Eight at a time.) */
static int all_zero(const unsigned char *restrict m, uint64_t n)
{
    uint64_t acc = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, m + i, sizeof w);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= m[i];
    return acc == 0;
}

/* Per line, the best payoff mx and the best among the rest sec (ties make sec == mx):
 * the line's maximisers keep M_BR, and M_STRICT too when the maximum is unique. */
static inline unsigned char line_code(double mx, double sec)
{
    return (unsigned char)(M_BR | ((mx > sec) << 1));
}

#ifdef __SSE2__
/* 16 double comparison masks (all-ones or zero, two per register) packed to 16 bytes. */
static inline __m128i pack16(const __m128d e[8])
{
    __m128 a0 = _mm_shuffle_ps(_mm_castpd_ps(e[0]), _mm_castpd_ps(e[1]), _MM_SHUFFLE(2, 0, 2, 0));
    __m128 a1 = _mm_shuffle_ps(_mm_castpd_ps(e[2]), _mm_castpd_ps(e[3]), _MM_SHUFFLE(2, 0, 2, 0));
    __m128 a2 = _mm_shuffle_ps(_mm_castpd_ps(e[4]), _mm_castpd_ps(e[5]), _MM_SHUFFLE(2, 0, 2, 0));
    __m128 a3 = _mm_shuffle_ps(_mm_castpd_ps(e[6]), _mm_castpd_ps(e[7]), _MM_SHUFFLE(2, 0, 2, 0));
    __m128i w0 = _mm_packs_epi32(_mm_castps_si128(a0), _mm_castps_si128(a1));
    __m128i w1 = _mm_packs_epi32(_mm_castps_si128(a2), _mm_castps_si128(a3));
    return _mm_packs_epi16(w0, w1);
}
#endif

/* One long contiguous line x[0..n-1] (marks m): the maximum with four independent
 * vector accumulators, then one pass that marks the maximisers and counts them; a tie
 * clears M_STRICT afterwards. */
static void line_long(const double *restrict x, unsigned char *restrict m, int n)
{
    double mx = x[0];
    int k = 0;
#ifdef __SSE2__
    __m128d a0 = _mm_set1_pd(x[0]), a1 = a0, a2 = a0, a3 = a0;
    for (; k + 8 <= n; k += 8) {
        a0 = _mm_max_pd(a0, _mm_loadu_pd(x + k));
        a1 = _mm_max_pd(a1, _mm_loadu_pd(x + k + 2));
        a2 = _mm_max_pd(a2, _mm_loadu_pd(x + k + 4));
        a3 = _mm_max_pd(a3, _mm_loadu_pd(x + k + 6));
    }
    double t[2];
    _mm_storeu_pd(t, _mm_max_pd(_mm_max_pd(a0, a1), _mm_max_pd(a2, a3)));
    mx = t[0] > t[1] ? t[0] : t[1];
#endif
    for (; k < n; k++)
        mx = x[k] > mx ? x[k] : mx;
    uint64_t cnt = 0;
    k = 0;
#ifdef __SSE2__
    __m128d vm = _mm_set1_pd(mx);
    __m128i vc = _mm_set1_epi8((char)(M_BR | M_STRICT)), vn = _mm_setzero_si128();
    for (; k + 16 <= n; k += 16) {
        __m128d e[8];
        for (int q = 0; q < 8; q++) {
            e[q] = _mm_cmpeq_pd(_mm_loadu_pd(x + k + 2 * q), vm);
            vn = _mm_sub_epi64(vn, _mm_castpd_si128(e[q]));
        }
        __m128i old = _mm_loadu_si128((const __m128i *)(m + k));
        _mm_storeu_si128((__m128i *)(m + k), _mm_and_si128(old, _mm_and_si128(pack16(e), vc)));
    }
    uint64_t c2[2];
    _mm_storeu_si128((__m128i *)c2, vn);
    cnt = c2[0] + c2[1];
#endif
    for (; k < n; k++) {
        unsigned char eq = x[k] == mx;
        cnt += eq;
        m[k] &= (unsigned char)((M_BR | M_STRICT) & -eq);
    }
    if (cnt != 1)
        for (k = 0; k < n; k++)
            m[k] &= (unsigned char)~M_STRICT;
}

/* Lines of stride 1 (player p has stride 1): line j covers u[j*n .. j*n+n-1]. */
static void lines_contiguous(const double *restrict u, unsigned char *restrict mark,
                             uint64_t first, uint64_t last, int n, int prune)
{
    for (uint64_t j = first; j < last; j++) {
        const double *x = u + j * (uint64_t)n;
        unsigned char *m = mark + j * (uint64_t)n;
        if (prune && all_zero(m, (uint64_t)n))
            continue;
        if (n >= 32) {
            line_long(x, m, n);
            continue;
        }
        double mx = x[0], sec = -INFINITY;
        for (int k = 1; k < n; k++) {
            double v = x[k], lo = v < mx ? v : mx;
            sec = lo > sec ? lo : sec;
            mx = v > mx ? v : mx;
        }
        unsigned char code = line_code(mx, sec);
        for (int k = 0; k < n; k++)
            m[k] &= (unsigned char)(code & -(unsigned char)(x[k] == mx));
    }
}

/* `len` adjacent lines of stride s starting at base: line j has elements
 * u[base + j + k*s], k = 0..n-1. mx/sec/code are scratch of at least len entries. */
static void lines_strided(const double *restrict u, unsigned char *restrict mark,
                          uint64_t base, uint64_t s, int n, int len, int prune,
                          double *restrict mx, double *restrict sec,
                          unsigned char *restrict code)
{
    if (prune) {
        int any = 0;
        for (int k = 0; k < n && !any; k++)
            any = !all_zero(mark + base + (uint64_t)k * s, (uint64_t)len);
        if (!any)
            return;
    }
    const double *x0 = u + base, *x1 = u + base + s; /* n >= 2 */
#pragma omp simd
    for (int j = 0; j < len; j++) {
        double v = x1[j], a = x0[j];
        sec[j] = v < a ? v : a;
        mx[j] = v > a ? v : a;
    }
    for (int k = 2; k < n; k++) {
        const double *x = u + base + (uint64_t)k * s;
#pragma omp simd
        for (int j = 0; j < len; j++) {
            double v = x[j], a = mx[j], lo = v < a ? v : a;
            sec[j] = lo > sec[j] ? lo : sec[j];
            mx[j] = v > a ? v : a;
        }
    }
    int j0 = 0;
#ifdef __SSE2__
    for (; j0 + 16 <= len; j0 += 16) {
        __m128d e[8];
        for (int q = 0; q < 8; q++)
            e[q] = _mm_cmpgt_pd(_mm_loadu_pd(mx + j0 + 2 * q), _mm_loadu_pd(sec + j0 + 2 * q));
        __m128i c = _mm_or_si128(_mm_and_si128(pack16(e), _mm_set1_epi8(M_STRICT)),
                                 _mm_set1_epi8(M_BR));
        _mm_storeu_si128((__m128i *)(code + j0), c);
    }
#endif
    for (; j0 < len; j0++)
        code[j0] = line_code(mx[j0], sec[j0]);
    for (int k = 0; k < n; k++) {
        const double *x = u + base + (uint64_t)k * s;
        unsigned char *m = mark + base + (uint64_t)k * s;
        int j = 0;
#ifdef __SSE2__
        for (; j + 16 <= len; j += 16) {
            __m128d e[8];
            for (int q = 0; q < 8; q++)
                e[q] = _mm_cmpeq_pd(_mm_loadu_pd(x + j + 2 * q), _mm_loadu_pd(mx + j + 2 * q));
            __m128i b = _mm_and_si128(pack16(e), _mm_loadu_si128((const __m128i *)(code + j)));
            __m128i old = _mm_loadu_si128((const __m128i *)(m + j));
            _mm_storeu_si128((__m128i *)(m + j), _mm_and_si128(old, b));
        }
#endif
        for (; j < len; j++)
            m[j] &= (unsigned char)(code[j] & -(unsigned char)(x[j] == mx[j]));
    }
}

/* ------------------------------------------------ exact ties (games with exact payoffs) */

/* Pure equilibria, strictness and pure dominance depend only on how each player ranks
 * his own payoffs. Doubles keep that order exactly unless two different exact payoffs
 * round to the same double (1/3 and 0.333333333333333333): then the analysis runs on
 * a copy whose payoffs are each player's exact ranks (0, 1, 2, ...). */
typedef struct {
    int64_t num, den;
    uint64_t idx;
} exact_entry;

static int cmp_exact(const void *a, const void *b)
{
    const exact_entry *x = (const exact_entry *)a, *y = (const exact_entry *)b;
    __int128 l = (__int128)x->num * y->den, r = (__int128)y->num * x->den;
    return l < r ? -1 : l > r;
}

/* 1 if num/den is exactly a double (den a power of two, |num| <= 2^53). */
static int dyadic(int64_t num, int64_t den)
{
    return den > 0 && (den & (den - 1)) == 0 && num <= ((int64_t)1 << 53) &&
           num >= -((int64_t)1 << 53);
}

/* OUT: *out = the ranked copy, or NULL when the doubles already order every player's
 * payoffs exactly (or a payoff has no exact value, or the copy would need more than
 * 1 GiB of sorting space: the doubles are used). */
static int exact_ranks(const ent_game *g, ent_game **out, ent_error *err)
{
    *out = NULL;
    if (!ent_game_has_exact(g))
        return ENT_OK;
    int np = ent_game_nplayers(g);
    uint64_t nprof = ent_game_nprofiles(g);
    int need = 0;
    for (int p = 0; p < np; p++)
        for (uint64_t i = 0; i < nprof; i++) {
            int64_t num, den;
            ent_game_get_exact(g, p, i, &num, &den);
            if (den <= 0)
                return ENT_OK;
            if (!dyadic(num, den))
                need = 1;
        }
    if (!need || nprof > ((uint64_t)1 << 30) / sizeof(exact_entry))
        return ENT_OK;
    exact_entry *e = (exact_entry *)malloc(sizeof(exact_entry) * (size_t)nprof);
    ent_game *rk = NULL;
    if (!e || ent_game_clone(g, &rk) != ENT_OK) {
        free(e);
        return ent_error_set(err, ENT_ENOMEM, "out of memory: ranking exact payoffs");
    }
    ent_game_clear_exact(rk);
    for (int p = 0; p < np; p++) {
        for (uint64_t i = 0; i < nprof; i++) {
            ent_game_get_exact(g, p, i, &e[i].num, &e[i].den);
            e[i].idx = i;
        }
        qsort(e, (size_t)nprof, sizeof *e, cmp_exact);
        double *u = ent_game_payoffs_mut(rk, p), rank = 0;
        for (uint64_t i = 0; i < nprof; i++) {
            if (i && cmp_exact(&e[i - 1], &e[i]) != 0)
                rank++;
            u[e[i].idx] = rank;
        }
    }
    free(e);
    *out = rk;
    return ENT_OK;
}

void ent_pure_ws_free(ent_pure_ws *ws)
{
    free(ws->mark);
    free(ws->out);
    memset(ws, 0, sizeof *ws);
}

int ent_pure_nash(const ent_game *g, const ent_pure_opts *opts, ent_pure_eq **eqs,
                  size_t *count, uint64_t *total, ent_error *err)
{
    ent_pure_ws ws = {0};
    int rc = ent_pure_nash_ws(g, opts, &ws, eqs, count, total, err);
    free(ws.mark);
    if (rc != ENT_OK || !*count) {
        free(ws.out);
        *eqs = NULL;
    }
    return rc; /* *eqs is ws.out: the caller owns it now */
}

static int pure_nash_doubles(const ent_game *g, const ent_pure_opts *opts, ent_pure_ws *ws,
                             ent_pure_eq **eqs, size_t *count, uint64_t *total, ent_error *err);

int ent_pure_nash_ws(const ent_game *g, const ent_pure_opts *opts, ent_pure_ws *ws,
                     ent_pure_eq **eqs, size_t *count, uint64_t *total, ent_error *err)
{
    ent_game *rk;
    *eqs = NULL;
    *count = 0;
    *total = 0;
    int rc = exact_ranks(g, &rk, err);
    if (rc == ENT_OK)
        rc = pure_nash_doubles(rk ? rk : g, opts, ws, eqs, count, total, err);
    ent_game_free(&rk);
    return rc;
}

static int pure_nash_doubles(const ent_game *g, const ent_pure_opts *opts, ent_pure_ws *ws,
                             ent_pure_eq **eqs, size_t *count, uint64_t *total, ent_error *err)
{
    ent_pure_opts def;
    if (!opts) {
        ent_pure_opts_init(&def);
        opts = &def;
    }
    *eqs = NULL;
    *count = 0;
    *total = 0;
    int np = ent_game_nplayers(g);
    uint64_t nprof = ent_game_nprofiles(g);
    if (ws->mark_cap < nprof) {
        unsigned char *m = (unsigned char *)realloc(ws->mark, (size_t)nprof);
        if (!m)
            return ent_error_set(err, ENT_ENOMEM,
                                 "out of memory: %llu bytes of scratch for pure equilibria",
                                 (unsigned long long)nprof);
        ws->mark = m;
        ws->mark_cap = nprof;
    }
    unsigned char *mark = ws->mark;
    memset(mark, M_BR | M_STRICT, (size_t)nprof);
    int nt = thread_count(opts->threads, nprof);
    (void)nt; /* unused without OpenMP */
    uint64_t slice_count[COLLECT_SLICES], slice_start[COLLECT_SLICES];
    uint64_t slice = ((nprof + COLLECT_SLICES - 1) / COLLECT_SLICES + 7) / 8 * 8;
    int first_p = -1; /* the first player processed writes marks without pruning */
    for (int p = np - 1; p >= 0 && first_p < 0; p--)
        if (ent_game_nstrategies(g, p) > 1)
            first_p = p;

#pragma omp parallel num_threads(nt)
    {
        double mx[CHUNK_MAX], sec[CHUNK_MAX];
        unsigned char code[CHUNK_MAX];
        /* Units are claimed dynamically (a thread that loses its core does not hold the
         * others up); each unit writes only its own marks, so the result does not depend
         * on which thread ran it. Largest strides first: their lines vectorise, and by the time the short-stride
         * players come, most blocks hold no candidate and are skipped (pruning). */
        for (int p = np - 1; p >= 0; p--) {
            int n = ent_game_nstrategies(g, p);
            if (n == 1)
                continue; /* the only strategy is the unique best response */
            const double *u = ent_game_payoffs(g, p);
            uint64_t s = ent_game_stride(g, p), blk = s * (uint64_t)n;
            uint64_t nblocks = nprof / blk;
            int prune = p != first_p;
            uint64_t len = CHUNK_BYTES / (sizeof(double) * (uint64_t)n);
            if (len > CHUNK_MAX)
                len = CHUNK_MAX;
            if (len < CHUNK_MIN)
                len = CHUNK_MIN;
            /* Once marks are sparse, lines are examined in groups of SUB_PRUNE (two cache
             * lines per row), so that groups without a candidate are never read. */
            uint64_t sub = prune && n <= SUB_PRUNE_MAX_N ? SUB_PRUNE : len;
            if (s == 1) {
                uint64_t per = len;
                uint64_t units = (nblocks + per - 1) / per;
#pragma omp for schedule(dynamic, 4)
                for (uint64_t w = 0; w < units; w++) {
                    uint64_t a = w * per, b = a + per < nblocks ? a + per : nblocks;
                    if (prune && all_zero(mark + a * (uint64_t)n, (b - a) * (uint64_t)n))
                        continue;
                    lines_contiguous(u, mark, a, b, n, prune);
                }
            } else if (s < len) {
                /* short lines: a unit is a run of whole blocks, contiguous in memory */
                uint64_t per = len / s;
                uint64_t units = (nblocks + per - 1) / per;
#pragma omp for schedule(dynamic, 4)
                for (uint64_t w = 0; w < units; w++) {
                    uint64_t a = w * per, b = a + per < nblocks ? a + per : nblocks;
                    if (prune && all_zero(mark + a * blk, (b - a) * blk))
                        continue;
                    for (uint64_t h = a; h < b; h++)
                        for (uint64_t lo = 0; lo < s; lo += sub)
                            lines_strided(u, mark, h * blk + lo, s, n,
                                          (int)(lo + sub <= s ? sub : s - lo), prune, mx, sec,
                                          code);
                }
            } else {
                uint64_t nch = (s + len - 1) / len, units = nblocks * nch;
#pragma omp for schedule(dynamic, 4)
                for (uint64_t w = 0; w < units; w++) {
                    uint64_t h = w / nch, c = w % nch;
                    uint64_t lo = c * len, end = lo + len <= s ? lo + len : s;
                    for (; lo < end; lo += sub)
                        lines_strided(u, mark, h * blk + lo, s, n,
                                      (int)(lo + sub <= end ? sub : end - lo), prune, mx, sec,
                                      code);
                }
            }
        }
        /* Collect in profile order: count per fixed slice, then fill pre-indexed slots. */
#pragma omp for schedule(static)
        for (int c = 0; c < COLLECT_SLICES; c++) {
            uint64_t a = (uint64_t)c * slice, b = a + slice < nprof ? a + slice : nprof, k = 0;
            uint64_t i = a;
            for (; i + 8 <= b; i += 8)
                k += byte_sum(br_word(mark + i));
            for (; i < b; i++)
                k += mark[i] & M_BR;
            slice_count[c] = k;
        }
    }
    uint64_t tot = 0;
    for (int c = 0; c < COLLECT_SLICES; c++) {
        slice_start[c] = tot;
        tot += slice_count[c];
    }
    uint64_t keep = tot;
    if (opts->max_report > 0 && keep > opts->max_report)
        keep = opts->max_report;
    *total = tot;
    if (keep == 0)
        return ENT_OK;
    if (ws->out_cap < keep) {
        ent_pure_eq *o = (ent_pure_eq *)realloc(ws->out, sizeof(ent_pure_eq) * (size_t)keep);
        if (!o)
            return ent_error_set(err, ENT_ENOMEM, "out of memory for %llu pure equilibria",
                                 (unsigned long long)keep);
        ws->out = o;
        ws->out_cap = keep;
    }
    ent_pure_eq *out = ws->out;
#pragma omp parallel for schedule(static) num_threads(nt)
    for (int c = 0; c < COLLECT_SLICES; c++) {
        uint64_t k = slice_start[c];
        if (k >= keep)
            continue;
        uint64_t a = (uint64_t)c * slice, b = a + slice < nprof ? a + slice : nprof;
        for (uint64_t i = a; i < b && k < keep; i++) {
            if (i % 8 == 0 && i + 8 <= b && br_word(mark + i) == 0) {
                i += 7; /* eight profiles without an equilibrium */
                continue;
            }
            if (mark[i] & M_BR) {
                out[k].profile = i;
                out[k].strict = (mark[i] & M_STRICT) != 0;
                k++;
            }
        }
    }
    *eqs = out;
    *count = (size_t)keep;
    return ENT_OK;
}

/* ------------------------------------------------------------------ dominance */

/* Does strategy d of player p strictly dominate t against every profile of the others'
 * remaining strategies (lists alive[q][0..nalive[q]-1])? odo is scratch of np ints. */
static int dominates(const ent_game *g, int p, int d, int t, int *const *alive,
                     const int *nalive, int *odo, uint64_t *work)
{
    int np = ent_game_nplayers(g);
    const double *u = ent_game_payoffs(g, p);
    uint64_t sp = ent_game_stride(g, p);
    uint64_t od = (uint64_t)d * sp, ot = (uint64_t)t * sp;
    for (int q = 0; q < np; q++)
        odo[q] = 0;
    for (;;) {
        uint64_t base = 0;
        for (int q = 0; q < np; q++)
            if (q != p)
                base += (uint64_t)alive[q][odo[q]] * ent_game_stride(g, q);
        ++*work;
        if (!(u[base + od] > u[base + ot]))
            return 0;
        int q = 0;
        for (; q < np; q++) {
            if (q == p)
                continue;
            if (++odo[q] < nalive[q])
                break;
            odo[q] = 0;
        }
        if (q == np)
            return 1;
    }
}

int ent_pure_iesds(const ent_game *g, unsigned char *keep, ent_elim_step **steps,
                   size_t *nsteps, ent_error *err)
{
    int complete;
    return ent_pure_iesds_limited(g, ENT_IESDS_WORK, keep, steps, nsteps, &complete, err);
}

static int iesds_doubles(const ent_game *g, uint64_t max_work, double deadline,
                         unsigned char *keep, ent_elim_step **steps, size_t *nsteps,
                         int *complete, ent_error *err);

int ent_pure_iesds_limited(const ent_game *g, uint64_t max_work, unsigned char *keep,
                           ent_elim_step **steps, size_t *nsteps, int *complete, ent_error *err)
{
    return ent_pure_iesds_until(g, max_work, 0, keep, steps, nsteps, complete, err);
}

int ent_pure_iesds_until(const ent_game *g, uint64_t max_work, double deadline,
                         unsigned char *keep, ent_elim_step **steps, size_t *nsteps,
                         int *complete, ent_error *err)
{
    ent_game *rk;
    *steps = NULL;
    *nsteps = 0;
    *complete = 1;
    int rc = exact_ranks(g, &rk, err);
    if (rc == ENT_OK)
        rc = iesds_doubles(rk ? rk : g, max_work, deadline, keep, steps, nsteps, complete, err);
    ent_game_free(&rk);
    return rc;
}

/* Payoff comparisons between two polls of the deadline and the interrupt flag. */
#define IESDS_POLL_WORK ((uint64_t)1 << 20)

static int iesds_doubles(const ent_game *g, uint64_t max_work, double deadline,
                         unsigned char *keep, ent_elim_step **steps, size_t *nsteps,
                         int *complete, ent_error *err)
{
    int np = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    uint64_t work = 0, next_poll = IESDS_POLL_WORK;
    int stopped = 0;
    *steps = NULL;
    *nsteps = 0;
    *complete = 1;
    int **alive = (int **)calloc((size_t)np, sizeof(int *));
    int *nalive = (int *)malloc(sizeof(int) * (size_t)np);
    int *odo = (int *)malloc(sizeof(int) * (size_t)np);
    int *dom = (int *)malloc(sizeof(int) * (size_t)tot);
    ent_elim_step *st = (ent_elim_step *)malloc(sizeof(ent_elim_step) * (size_t)tot);
    int rc = ENT_OK;
    if (!alive || !nalive || !odo || !dom || !st)
        goto oom;
    for (int p = 0; p < np; p++) {
        alive[p] = (int *)malloc(sizeof(int) * (size_t)ent_game_nstrategies(g, p));
        if (!alive[p])
            goto oom;
        nalive[p] = ent_game_nstrategies(g, p);
        for (int s = 0; s < nalive[p]; s++)
            alive[p][s] = s;
    }
    memset(keep, 1, (size_t)tot);
    size_t ns = 0;
    for (int round = 1; *complete; round++) {
        size_t before = ns;
        for (int p = 0; p < np && *complete; p++) {
            int off = ent_game_strategy_offset(g, p);
            for (int i = 0; i < nalive[p] && *complete; i++) {
                int t = alive[p][i];
                dom[off + t] = -1;
                for (int j = 0; j < nalive[p] && dom[off + t] < 0 && !stopped; j++) {
                    if (j != i && dominates(g, p, alive[p][j], t, alive, nalive, odo, &work))
                        dom[off + t] = alive[p][j];
                    if (work >= next_poll) {
                        next_poll = work + IESDS_POLL_WORK;
                        stopped = ent_should_stop(deadline);
                    }
                }
                if (dom[off + t] >= 0)
                    st[ns++] = (ent_elim_step){round, p, t, dom[off + t]};
                /* the eliminations so far hold (each against all the profiles left at the
                 * round's start); the rest of the round is not examined */
                if (work > max_work || stopped)
                    *complete = 0;
            }
        }
        if (ns == before)
            break;
        for (size_t k = before; k < ns; k++)
            keep[ent_game_strategy_offset(g, st[k].player) + st[k].strategy] = 0;
        for (int p = 0; p < np; p++) {
            int off = ent_game_strategy_offset(g, p), m = 0;
            for (int i = 0; i < nalive[p]; i++)
                if (keep[off + alive[p][i]])
                    alive[p][m++] = alive[p][i];
            nalive[p] = m;
        }
    }
    if (ns > 0) {
        *steps = st;
        st = NULL;
    }
    *nsteps = ns;
    if (stopped)
        rc = ent_error_set(err, ENT_ETIMEOUT, "iterated elimination stopped by the time limit "
                                              "or an interrupt");
    goto done;
oom:
    rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
done:
    if (alive)
        for (int p = 0; p < np; p++)
            free(alive[p]);
    free(alive);
    free(nalive);
    free(odo);
    free(dom);
    free(st);
    return rc;
}

/* ------------------------------------------------------------------- security */

/* min(m, x[0..n-1]) with independent accumulators (no latency chain). */
static double min_run(const double *x, uint64_t n, double m)
{
    uint64_t j = 0;
#ifdef __SSE2__
    if (n >= 8) {
        __m128d a0 = _mm_set1_pd(m), a1 = a0, a2 = a0, a3 = a0;
        for (; j + 8 <= n; j += 8) {
            a0 = _mm_min_pd(a0, _mm_loadu_pd(x + j));
            a1 = _mm_min_pd(a1, _mm_loadu_pd(x + j + 2));
            a2 = _mm_min_pd(a2, _mm_loadu_pd(x + j + 4));
            a3 = _mm_min_pd(a3, _mm_loadu_pd(x + j + 6));
        }
        double t[2];
        _mm_storeu_pd(t, _mm_min_pd(_mm_min_pd(a0, a1), _mm_min_pd(a2, a3)));
        m = t[0] < t[1] ? t[0] : t[1];
    }
#endif
    for (; j < n; j++)
        m = x[j] < m ? x[j] : m;
    return m;
}

int ent_pure_security(const ent_game *g, int player, double *worst, double *level,
                      ent_error *err)
{
    if (player < 0 || player >= ent_game_nplayers(g))
        return ent_error_set(err, ENT_EINVAL, "no player %d", player + 1);
    int n = ent_game_nstrategies(g, player);
    uint64_t s = ent_game_stride(g, player), blk = s * (uint64_t)n;
    uint64_t nblocks = ent_game_nprofiles(g) / blk;
    const double *u = ent_game_payoffs(g, player);
    double *w = (double *)malloc(sizeof(double) * (size_t)n);
    if (!w)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (int k = 0; k < n; k++)
        w[k] = INFINITY;
    if (s == 1) { /* lines are contiguous: one sequential pass */
        for (uint64_t h = 0; h < nblocks; h++) {
            const double *x = u + h * blk;
            for (int k = 0; k < n; k++)
                w[k] = x[k] < w[k] ? x[k] : w[k];
        }
    } else {
        for (int k = 0; k < n; k++) {
            double m = INFINITY;
            for (uint64_t h = 0; h < nblocks; h++) {
                const double *x = u + h * blk + (uint64_t)k * s;
                m = min_run(x, s, m);
            }
            w[k] = m;
        }
    }
    double best = -INFINITY;
    for (int k = 0; k < n; k++)
        if (w[k] > best)
            best = w[k];
    if (worst)
        memcpy(worst, w, sizeof(double) * (size_t)n);
    *level = best;
    free(w);
    return ENT_OK;
}
