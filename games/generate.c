/* generate.c — seeded random normal-form games for tests and benchmarks. Each payoff is
 * a pure function of (seed, player, profile index) through the splitmix64 finaliser
 * (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * so games are reproducible and can be filled in parallel in any order. */
#include "entente.h"

#include <math.h>

void ent_random_opts_init(ent_random_opts *o)
{
    o->seed = 1;
    o->integer = 0;
    o->lo = 0.0;
    o->hi = 1.0;
    o->mem_limit = (size_t)4 << 30;
}

static uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int ent_game_random(ent_game **out, int nplayers, const int *nstrat,
                    const ent_random_opts *opts, ent_error *err)
{
    ent_random_opts def;
    if (!opts) {
        ent_random_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    double lo = opts->lo, hi = opts->hi;
    if (!isfinite(lo) || !isfinite(hi) || lo > hi || (!opts->integer && lo == hi))
        return ent_error_set(err, ENT_EINVAL, "random game: bad payoff range [%g, %g]", lo, hi);
    if (opts->integer && (lo != floor(lo) || hi != floor(hi) || hi - lo > 9.0e15))
        return ent_error_set(err, ENT_EINVAL,
                             "random game: integer payoffs need integer bounds within 9e15 "
                             "(got [%g, %g])", lo, hi);
    ent_game_opts go;
    ent_game_opts_init(&go);
    go.mem_limit = opts->mem_limit;
    int rc = ent_game_new(out, nplayers, nstrat, &go, err);
    if (rc)
        return rc;
    uint64_t nprof = ent_game_nprofiles(*out);
    uint64_t span = opts->integer ? (uint64_t)(hi - lo) + 1 : 0;
    for (int p = 0; p < nplayers; p++) {
        double *u = ent_game_payoffs_mut(*out, p);
        uint64_t key = mix64(opts->seed ^ mix64((uint64_t)p + 1));
#pragma omp parallel for schedule(static) if (nprof > 65536)
        for (uint64_t i = 0; i < nprof; i++) {
            uint64_t x = mix64(key + i * 0xD1B54A32D192ED03ULL);
            u[i] = opts->integer ? lo + (double)(x % span)
                                 : lo + (hi - lo) * ((double)(x >> 11) * 0x1.0p-53);
        }
    }
    return ENT_OK;
}
