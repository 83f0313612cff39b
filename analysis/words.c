/* words.c — how the analysis layer names things in reports: outcomes by their strategy
 * labels, coalitions by their players, probabilities as small fractions; and the
 * feasible-profile mask of a scenario's game, which several concepts respect. */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void ana_outcome_name(const ent_game *g, uint64_t index, char *buf, size_t cap)
{
    size_t len = 0;
    int n = ent_game_nplayers(g);
    buf[0] = '\0';
    for (int p = 0; p < n && len < cap; p++) {
        uint64_t st = ent_game_stride(g, p);
        int s = (int)((index / st) % (uint64_t)ent_game_nstrategies(g, p));
        int w = snprintf(buf + len, cap - len, "%s%s", p ? " / " : "",
                         ent_game_strategy_label(g, p, s));
        len += w > 0 ? (size_t)w : 0;
    }
}

void ana_prob_text(double x, char *buf)
{
    for (long d = 1; d <= 64; d++) {
        double nn = x * (double)d, rn = floor(nn + 0.5);
        if (fabs(nn - rn) < 1e-9 * (double)d) {
            if (d == 1)
                snprintf(buf, 32, "%ld", (long)rn);
            else
                snprintf(buf, 32, "%ld/%ld", (long)rn, d);
            return;
        }
    }
    ent_fmt_num(buf, x);
}

void ana_coalition_name(const ent_game *g, uint32_t coalition, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int p = 0; p < ent_game_nplayers(g) && len < cap; p++)
        if (coalition >> p & 1) {
            int w = snprintf(buf + len, cap - len, "%s%s", len ? " + " : "",
                             ent_game_player_label(g, p));
            len += w > 0 ? (size_t)w : 0;
        }
}

int ana_feasible_mask(const ana_ctx *ctx, unsigned char **out)
{
    *out = NULL;
    if (!ctx->scenario)
        return ENT_OK;
    const ent_game *g = ctx->game;
    uint64_t np = ent_game_nprofiles(g), bad = 0;
    unsigned char *m = malloc((size_t)np);
    int *prof = malloc(sizeof(int) * (size_t)ent_game_nplayers(g));
    if (!m || !prof) {
        free(m);
        free(prof);
        return ENT_ENOMEM;
    }
    for (uint64_t i = 0; i < np; i++) {
        ent_game_profile_decode(g, i, prof);
        m[i] = (unsigned char)(ent_scenario_profile_feasible(ctx->scenario, prof) != 0);
        bad += !m[i];
    }
    free(prof);
    if (!bad)
        free(m);
    else
        *out = m;
    return ENT_OK;
}

double ana_clean(const ent_game *g, double v)
{
    return fabs(v) < 1e-3 * ent_verify_tolerance(g) ? 0.0 : v;
}
