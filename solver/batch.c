/* batch.c — what-if sweeps and Monte Carlo over a scenario's parameters: at every sweep
 * point or sample the scenario is filled into one preallocated game per thread, its pure
 * Nash equilibria are found (ent_pure_nash), kept where the profile is jointly feasible,
 * and each one is re-checked by a direct deviation test. Parallel over points/samples
 * with results in pre-indexed slots (docs/DESIGN.md §4); the draws depend on (seed, index). */
#include "entente.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* Monte Carlo counts are kept per profile and per thread: refuse scenarios beyond this. */
#define BATCH_MAX_PROFILES (UINT64_C(1) << 24)

void ent_batch_opts_init(ent_batch_opts *o)
{
    o->threads = 0;
    o->time_limit = 0;
}

static int batch_threads(const ent_batch_opts *o, uint64_t work)
{
#ifdef _OPENMP
    int t = o && o->threads > 0 ? o->threads : omp_get_max_threads();
    if ((uint64_t)t > work)
        t = (int)work;
    return t < 1 ? 1 : t;
#else
    (void)o;
    (void)work;
    return 1;
#endif
}

/* Per-thread scratch, allocated before the loop. */
typedef struct {
    ent_game *g;
    double *values;
    int *prof;
    ent_pure_ws pws; /* scratch of ent_pure_nash_ws, reused from point to point */
    int status;     /* first failure of this thread */
    uint64_t where; /* index of the point/sample that failed */
    ent_error err;
} worker;

static int worker_init(worker *w, const ent_scenario *s, const double *base)
{
    int np = ent_scenario_nparams(s), na = ent_scenario_nactors(s);
    memset(w, 0, sizeof *w);
    w->status = ENT_OK;
    w->values = malloc(sizeof(double) * (size_t)(np > 0 ? np : 1));
    w->prof = malloc(sizeof(int) * (size_t)na);
    if (!w->values || !w->prof)
        return ent_error_set(&w->err, ENT_ENOMEM, "out of memory");
    if (np > 0)
        memcpy(w->values, base, sizeof(double) * (size_t)np);
    return ent_scenario_compile_at(s, w->values, &w->g, &w->err);
}

static void worker_free(worker *w)
{
    ent_game_free(&w->g);
    free(w->values);
    free(w->prof);
    ent_pure_ws_free(&w->pws);
}

/* Independent re-check of a pure equilibrium: no player gains by a unilateral deviation
 * (payoffs compared exactly, as ent_pure_nash does). */
static int pure_profile_is_nash(const ent_game *g, uint64_t idx, int *prof)
{
    int n = ent_game_nplayers(g);
    ent_game_profile_decode(g, idx, prof);
    for (int p = 0; p < n; p++) {
        const double *u = ent_game_payoffs(g, p);
        uint64_t stride = ent_game_stride(g, p);
        uint64_t base = idx - (uint64_t)prof[p] * stride;
        for (int t = 0; t < ent_game_nstrategies(g, p); t++)
            if (u[base + (uint64_t)t * stride] > u[idx])
                return 0;
    }
    return 1;
}

/* Fill w->g at w->values and find its pure equilibria at feasible profiles.
 * OUT: *eqs (in the worker's scratch, valid until its next point; compacted to the
 * feasible ones), *n. Allocates nothing once the scratch has grown. */
static int solve_point(const ent_scenario *s, worker *w, ent_pure_eq **eqs, size_t *n)
{
    ent_pure_opts po;
    ent_pure_opts_init(&po);
    po.threads = 1;
    uint64_t total = 0;
    *eqs = NULL;
    *n = 0;
    int rc = ent_scenario_fill(s, w->values, w->g, &w->err);
    if (rc == ENT_OK)
        rc = ent_pure_nash_ws(w->g, &po, &w->pws, eqs, n, &total, &w->err);
    if (rc != ENT_OK)
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        ent_game_profile_decode(w->g, (*eqs)[i].profile, w->prof);
        if (!ent_scenario_profile_feasible(s, w->prof))
            continue;
        if (!pure_profile_is_nash(w->g, (*eqs)[i].profile, w->prof)) {
            unsigned long long bad = (unsigned long long)(*eqs)[i].profile;
            *eqs = NULL;
            *n = 0;
            return ent_error_set(&w->err, ENT_EVERIFY,
                                 "pure equilibrium at profile %llu failed the deviation re-check",
                                 bad);
        }
        (*eqs)[k++] = (*eqs)[i];
    }
    *n = k;
    return ENT_OK;
}

static void note_failure(worker *w, int rc, uint64_t where)
{
    if (w->status == ENT_OK || where < w->where) {
        w->status = rc;
        w->where = where;
    }
}

/* The failure of lowest index over all threads (so the message does not depend on the
 * schedule), or ENT_OK. */
static int first_failure(worker *ws, int nt, ent_error *err)
{
    int best = -1;
    for (int t = 0; t < nt; t++)
        if (ws[t].status != ENT_OK && (best < 0 || ws[t].where < ws[best].where))
            best = t;
    if (best < 0)
        return ENT_OK;
    if (err)
        *err = ws[best].err;
    return ws[best].status;
}

static int check_scenario(const ent_scenario *s, ent_error *err)
{
    uint64_t np = ent_scenario_nprofiles(s);
    if (np > BATCH_MAX_PROFILES)
        return ent_error_set(err, ENT_ETOOBIG,
                             "%s: %llu profiles; sweeps and Monte Carlo allow at most %llu",
                             ent_scenario_path(s), (unsigned long long)np,
                             (unsigned long long)BATCH_MAX_PROFILES);
    return ENT_OK;
}

static double *current_values(const ent_scenario *s)
{
    int np = ent_scenario_nparams(s);
    double *v = malloc(sizeof(double) * (size_t)(np > 0 ? np : 1));
    for (int i = 0; v && i < np; i++)
        v[i] = ent_scenario_param_value(s, i);
    return v;
}

/* Set up nt workers; on failure frees what was made and returns the status. */
static int workers_new(const ent_scenario *s, int nt, worker **out, ent_error *err)
{
    double *base = current_values(s);
    worker *ws = calloc((size_t)nt, sizeof(worker));
    int rc = base && ws ? ENT_OK : ent_error_set(err, ENT_ENOMEM, "out of memory");
    int made = 0;
    for (; rc == ENT_OK && made < nt; made++) {
        rc = worker_init(&ws[made], s, base);
        if (rc != ENT_OK && err)
            *err = ws[made].err;
    }
    free(base);
    if (rc != ENT_OK) {
        for (int t = 0; ws && t < made; t++)
            worker_free(&ws[t]);
        free(ws);
        return rc;
    }
    *out = ws;
    return ENT_OK;
}

static void workers_free(worker *ws, int nt)
{
    for (int t = 0; t < nt; t++)
        worker_free(&ws[t]);
    free(ws);
}

static int thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

void ent_sweep_result_free(ent_sweep_result *r)
{
    if (!r)
        return;
    free(r->value);
    free(r->offset);
    free(r->eq);
    memset(r, 0, sizeof *r);
}

int ent_batch_sweep(const ent_scenario *s, int param, double from, double to, int steps,
                    const ent_batch_opts *o, ent_sweep_result *out, ent_error *err)
{
    memset(out, 0, sizeof *out);
    if (param < 0 || param >= ent_scenario_nparams(s) || steps < 2 || !isfinite(from) ||
        !isfinite(to))
        return ent_error_set(err, ENT_EINVAL, "sweep: bad parameter index, range or steps");
    int rc = check_scenario(s, err);
    if (rc != ENT_OK)
        return rc;
    int nt = batch_threads(o, (uint64_t)steps);
    worker *ws = NULL;
    rc = workers_new(s, nt, &ws, err);
    if (rc != ENT_OK)
        return rc;
    double *value = malloc(sizeof(double) * (size_t)steps);
    ent_pure_eq **slot = calloc((size_t)steps, sizeof(ent_pure_eq *));
    size_t *cnt = calloc((size_t)steps, sizeof(size_t));
    if (!value || !slot || !cnt) {
        free(value);
        free(slot);
        free(cnt);
        workers_free(ws, nt);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    for (int k = 0; k < steps; k++)
        value[k] = k == steps - 1 ? to : from + (to - from) * (double)k / (double)(steps - 1);
    int failed = 0;
#pragma omp parallel num_threads(nt)
    {
        worker *w = &ws[thread_id()];
#pragma omp for schedule(dynamic, 1)
        for (int k = 0; k < steps; k++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop)
                continue;
            w->values[param] = value[k];
            ent_pure_eq *eq = NULL;
            int prc = solve_point(s, w, &eq, &cnt[k]);
            if (prc == ENT_OK && cnt[k]) { /* the step keeps its own copy */
                slot[k] = malloc(sizeof *eq * cnt[k]);
                if (slot[k])
                    memcpy(slot[k], eq, sizeof *eq * cnt[k]);
                else
                    prc = ent_error_set(&w->err, ENT_ENOMEM, "out of memory");
            }
            if (prc != ENT_OK) {
                note_failure(w, prc, (uint64_t)k);
#pragma omp atomic write
                failed = 1;
            }
        }
    }
    rc = first_failure(ws, nt, err);
    workers_free(ws, nt);
    size_t total = 0;
    for (int k = 0; k < steps; k++)
        total += cnt[k];
    out->offset = malloc(sizeof(size_t) * ((size_t)steps + 1));
    out->eq = malloc(sizeof(uint64_t) * (total > 0 ? total : 1));
    if (rc == ENT_OK && (!out->offset || !out->eq))
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    if (rc == ENT_OK) { /* reduce in point order */
        size_t at = 0;
        for (int k = 0; k < steps; k++) {
            out->offset[k] = at;
            for (size_t i = 0; i < cnt[k]; i++)
                out->eq[at++] = slot[k][i].profile;
        }
        out->offset[steps] = at;
        out->param = param;
        out->steps = steps;
        out->value = value;
        value = NULL;
    }
    for (int k = 0; k < steps; k++)
        free(slot[k]);
    free(slot);
    free(cnt);
    free(value);
    if (rc != ENT_OK)
        ent_sweep_result_free(out);
    return rc;
}

void ent_montecarlo_result_free(ent_montecarlo_result *r)
{
    if (!r)
        return;
    free(r->profile);
    free(r->count);
    memset(r, 0, sizeof *r);
}

int ent_batch_montecarlo(const ent_scenario *s, uint64_t seed, uint64_t samples,
                         const ent_batch_opts *o, ent_montecarlo_result *out, ent_error *err)
{
    memset(out, 0, sizeof *out);
    if (samples < 1)
        return ent_error_set(err, ENT_EINVAL, "Monte Carlo: at least one sample is needed");
    int rc = check_scenario(s, err);
    if (rc != ENT_OK)
        return rc;
    uint64_t nprof = ent_scenario_nprofiles(s);
    int nt = batch_threads(o, samples);
    worker *ws = NULL;
    rc = workers_new(s, nt, &ws, err);
    if (rc != ENT_OK)
        return rc;
    /* per-thread counters: nprof per-profile counts, then the no-equilibrium count */
    uint64_t *counts = calloc((size_t)nt * (size_t)(nprof + 1), sizeof(uint64_t));
    if (!counts) {
        workers_free(ws, nt);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    int failed = 0;
    /* samples run in blocks, in order; between blocks the time limit and ent_interrupt
     * are polled, so a stopped run has solved exactly the first `done` samples (the same
     * prefix, hence the same counts, for any thread count) */
    double deadline = o && o->time_limit > 0 ? ent_clock() + o->time_limit : 0;
    const uint64_t block = 4096;
    uint64_t done = 0;
    while (done < samples && !failed && !ent_should_stop(deadline)) {
        uint64_t end = samples - done > block ? done + block : samples;
#pragma omp parallel num_threads(nt)
    {
        int t = thread_id();
        worker *w = &ws[t];
        uint64_t *c = counts + (size_t)t * (size_t)(nprof + 1);
#pragma omp for schedule(dynamic, 64)
        for (uint64_t i = done; i < end; i++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop)
                continue;
            ent_scenario_sample_into(s, seed, i, w->values);
            ent_pure_eq *eq = NULL;
            size_t n = 0;
            int prc = solve_point(s, w, &eq, &n);
            if (prc != ENT_OK) {
                note_failure(w, prc, i);
#pragma omp atomic write
                failed = 1;
                continue;
            }
            for (size_t k = 0; k < n; k++)
                c[eq[k].profile]++;
            c[nprof] += n == 0;
        }
    }
        done = end;
        ent_progress("montecarlo samples", (double)done, (double)samples);
    }
    rc = first_failure(ws, nt, err);
    workers_free(ws, nt);
    if (rc != ENT_OK) {
        free(counts);
        return rc;
    }
    /* reduce in thread order into thread 0's slots */
    for (int t = 1; t < nt; t++)
        for (uint64_t j = 0; j <= nprof; j++)
            counts[j] += counts[(size_t)t * (size_t)(nprof + 1) + j];
    size_t n = 0;
    for (uint64_t j = 0; j < nprof; j++)
        n += counts[j] > 0;
    out->profile = malloc(sizeof(uint64_t) * (n > 0 ? n : 1));
    out->count = malloc(sizeof(uint64_t) * (n > 0 ? n : 1));
    if (!out->profile || !out->count) {
        free(counts);
        ent_montecarlo_result_free(out);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (uint64_t j = 0; j < nprof; j++)
        if (counts[j] > 0) {
            out->profile[k] = j;
            out->count[k++] = counts[j];
        }
    out->n = n;
    out->none = counts[nprof];
    out->samples = done;
    out->requested = samples;
    out->seed = seed;
    free(counts);
    return ENT_OK;
}

void ent_wilson_interval(uint64_t k, uint64_t n, double *lo, double *hi)
{
    const double z = 1.959963984540054; /* the 97.5% quantile of the standard normal */
    if (n == 0) {
        *lo = 0;
        *hi = 1;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double den = 1 + z2 / nn;
    double mid = (p + z2 / (2 * nn)) / den;
    double half = z / den * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    *lo = k == 0 ? 0 : mid - half;
    *hi = k == n ? 1 : mid + half;
}
