/* summary.c — the answer first: after every concept ran, a short part "summary" is built
 * from the report's typed tables (never from its prose) and moved to the front. It says
 * which outcomes are stable and under which concepts, how robust each is (the Monte
 * Carlo share and its interval), where the parameter sweeps flip it, which swept
 * parameters matter most, and the commitment and bargaining thresholds when the scenario
 * has them. Everything it states is a value of a table that its concept verified. */
#include "analysis.h"
#include "../games/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LISTED = 4, MAX_CONCEPTS = 24 };

typedef struct {
    char *key;   /* the outcome with " / " and " + " read as "; " (matches the sweeps) */
    const char *name; /* as the equilibria table writes it */
    const char *concepts[MAX_CONCEPTS];
    int nconcepts;
    int first_row;   /* its first row in the equilibria table */
    int has_nash;    /* stable under a Nash concept (pure or mixed) */
    int mc;          /* has a Monte Carlo row */
    double share, lo, hi;
    unsigned long long samples;
} outcome;

/* Add the line built in l to the report and empty l. */
static void emit(ent_report *r, ent_buf *l)
{
    if (l->data && !l->failed)
        ent_report_text(r, "%s", l->data);
    ent_buf_free(l);
    memset(l, 0, sizeof *l);
}

/* "a / b + c" -> "a; b; c": the outcome as the sweeps and Monte Carlo words write it. */
static char *outcome_key(const char *s)
{
    size_t n = strlen(s);
    char *k = (char *)malloc(n + 1);
    if (!k)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        if ((!strncmp(s + i, " / ", 3) || !strncmp(s + i, " + ", 3))) {
            k[j++] = ';';
            k[j++] = ' ';
            i += 3;
        } else
            k[j++] = s[i++];
    }
    k[j] = '\0';
    return k;
}

/* How a concept reads in a sentence. */
static const char *concept_words(const char *c)
{
    static const struct {
        const char *name, *words;
    } map[] = {{"pure", "pure Nash"},      {"nash", "Nash"},
               {"zerosum", "minimax"},     {"enumpoly", "Nash (n-player)"},
               {"qre", "QRE limit"},       {"gmcr-nash", "GMCR Nash"},
               {"gmcr-gmr", "GMR"},        {"gmcr-smr", "SMR"},
               {"gmcr-seq", "SEQ"},        {"gmcr-cnash", "coalitional Nash"},
               {"gmcr-cgmr", "CGMR"},      {"gmcr-csmr", "CSMR"},
               {"gmcr-cseq", "CSEQ"},      {"spe", "subgame perfect"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i].name, c))
            return map[i].words;
    return c;
}

static void add_concept(outcome *o, const char *words)
{
    for (int i = 0; i < o->nconcepts; i++)
        if (!strcmp(o->concepts[i], words))
            return;
    if (o->nconcepts < MAX_CONCEPTS)
        o->concepts[o->nconcepts++] = words;
}

static outcome *find_outcome(outcome *v, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v[i].key, key))
            return &v[i];
    return NULL;
}

/* Sort: Nash-stable first, then by number of concepts, then by Monte Carlo share, then
 * by first appearance (a stable order). */
static int outcome_cmp(const void *a, const void *b)
{
    const outcome *x = a, *y = b;
    if (x->has_nash != y->has_nash)
        return y->has_nash - x->has_nash;
    if (x->nconcepts != y->nconcepts)
        return y->nconcepts - x->nconcepts;
    double sx = x->mc ? x->share : -1, sy = y->mc ? y->share : -1;
    if (sx != sy)
        return sx < sy ? 1 : -1;
    return x->first_row - y->first_row;
}

/* A share as a percentage with one decimal, or more where one decimal would read as 0%
 * or 100% for a share that is neither. */
static const char *pct(double x, char *buf, size_t cap)
{
    double p = 100 * x;
    int d = 1; /* more decimals while rounding would show 0 or 100 for a share between */
    while (d < 4 && p > 0 && p < 100 && (snprintf(buf, cap, "%.*f", d, p), !strcmp(buf, "0.0") ||
                                          !strncmp(buf, "100.", 4) || !strcmp(buf, "0.00") ||
                                          !strcmp(buf, "0.000")))
        d++;
    snprintf(buf, cap, "%.*f%%", d, p);
    return buf;
}

static int col(const ent_table *t, const char *name) { return t ? ent_table_find_col(t, name) : -1; }

static const char *cell_s(const ent_table *t, size_t row, int c)
{
    const char *s = c >= 0 ? ent_table_cell_str(t, row, c) : NULL;
    return s ? s : "";
}

/* 1 if the sweep cell (outcomes in words joined by " | ") lists `key`. */
static int sweep_has(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list; p && *p;) {
        const char *bar = strstr(p, " | ");
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncmp(p, key, n))
            return 1;
        p = bar ? bar + 3 : NULL;
    }
    return 0;
}

/* The sweep rows of parameter `param`, in table order (values ascending). */
static int sweep_rows(const ent_table *t, const char *param, size_t *rows, int cap)
{
    int cp = col(t, "param"), n = 0;
    for (size_t i = 0; i < ent_table_nrows(t) && n < cap; i++)
        if (!strcmp(cell_s(t, i, cp), param))
            rows[n++] = i;
    return n;
}

/* Where an outcome is an equilibrium along one swept parameter, in words. */
static void sweep_words(ent_buf *l, const ent_table *t, const char *param, const char *key)
{
    size_t rows[4096];
    int n = sweep_rows(t, param, rows, 4096);
    int cv = col(t, "value"), ce = col(t, "equilibria");
    if (n < 2 || cv < 0 || ce < 0)
        return;
    int in[4096], nin = 0;
    for (int i = 0; i < n; i++)
        nin += in[i] = sweep_has(cell_s(t, rows[i], ce), key);
    char a[32], b[32];
    double lo = ent_table_cell_num(t, rows[0], cv), hi = ent_table_cell_num(t, rows[n - 1], cv);
    if (nin == n || nin == 0) {
        ent_buf_printf(l, "%s %s swept (%s to %s)", nin ? "an equilibrium at every" : "an equilibrium at no",
            param, ent_fmt_num(a, lo), ent_fmt_num(b, hi));
        return;
    }
    ent_buf_printf(l, "an equilibrium for %s", param);
    int k = 0, first = 1;
    while (k < n) {
        if (!in[k]) {
            k++;
            continue;
        }
        int e = k;
        while (e + 1 < n && in[e + 1])
            e++;
        double x0 = ent_table_cell_num(t, rows[k], cv), x1 = ent_table_cell_num(t, rows[e], cv);
        ent_buf_printf(l, "%s", first ? " " : " and ");
        if (k == 0 && e < n - 1)
            ent_buf_printf(l, "<= %s", ent_fmt_num(a, x1));
        else if (e == n - 1 && k > 0)
            ent_buf_printf(l, ">= %s", ent_fmt_num(a, x0));
        else if (k == e)
            ent_buf_printf(l, "= %s", ent_fmt_num(a, x0));
        else
            ent_buf_printf(l, "in [%s, %s]", ent_fmt_num(a, x0), ent_fmt_num(b, x1));
        first = 0;
        k = e + 1;
    }
    ent_buf_printf(l, " (swept %s to %s, %d points)", ent_fmt_num(a, lo), ent_fmt_num(b, hi), n);
}

/* Swept parameters ranked by the share of their points at which the set of equilibria
 * differs from the set at the point nearest the parameter's current value. */
static void drivers(ent_report *r, const ana_ctx *ctx, const ent_table *t)
{
    int cp = col(t, "param"), cv = col(t, "value"), ce = col(t, "equilibria");
    if (cp < 0 || cv < 0 || ce < 0)
        return;
    const char *names[64];
    double frac[64];
    int np = 0;
    for (size_t i = 0; i < ent_table_nrows(t) && np < 64; i++) {
        const char *p = cell_s(t, i, cp);
        int seen = 0;
        for (int k = 0; k < np && !seen; k++)
            seen = !strcmp(names[k], p);
        if (!seen)
            names[np++] = p;
    }
    for (int k = 0; k < np; k++) {
        size_t rows[4096];
        int n = sweep_rows(t, names[k], rows, 4096);
        double cur = NAN;
        if (ctx->scenario) {
            int pi = ent_scenario_param_index(ctx->scenario, names[k]);
            if (pi >= 0)
                cur = ent_scenario_param_value(ctx->scenario, pi);
        }
        int base = 0;
        for (int i = 1; i < n && isfinite(cur); i++)
            if (fabs(ent_table_cell_num(t, rows[i], cv) - cur) <
                fabs(ent_table_cell_num(t, rows[base], cv) - cur))
                base = i;
        int diff = 0;
        for (int i = 0; i < n; i++)
            diff += strcmp(cell_s(t, rows[i], ce), cell_s(t, rows[base], ce)) != 0;
        frac[k] = n ? (double)diff / n : 0;
    }
    /* rank (stable: insertion sort keeps table order among ties) */
    for (int i = 1; i < np; i++)
        for (int j = i; j > 0 && frac[j] > frac[j - 1]; j--) {
            double f = frac[j];
            frac[j] = frac[j - 1];
            frac[j - 1] = f;
            const char *s = names[j];
            names[j] = names[j - 1];
            names[j - 1] = s;
        }
    ent_buf l = {0};
    int shown = 0;
    for (int k = 0; k < np && shown < 2; k++) {
        if (frac[k] <= 0)
            continue;
        ent_buf_printf(&l, "%s%s (the equilibria differ from today's at %.0f%% of its swept points)",
            shown ? "; " : "- What matters most: ", names[k], 100 * frac[k]);
        shown++;
    }
    if (!shown && np)
        ent_buf_printf(&l, "- No swept parameter changes the equilibria over its range.");
    else if (shown)
        ent_buf_printf(&l, ".");
    emit(r, &l);
}

static void commitment(ent_report *r, const ent_table *t)
{
    int cc = col(t, "case"), cq = col(t, "q_star");
    if (cc < 0 || cq < 0 || !ent_table_nrows(t))
        return;
    ent_buf l = {0};
    char a[32];
    ent_buf_printf(&l, "- Commitment problem: a settlement beats war only when the guarantee is credible "
            "with probability at least ");
    for (size_t i = 0; i < ent_table_nrows(t); i++) {
        double q = ent_table_cell_num(t, i, cq);
        if (isfinite(q))
            snprintf(a, sizeof a, "%.3g", q);
        ent_buf_printf(&l, "%s%s (%s)", i ? ", " : "", isfinite(q) ? a : "none", cell_s(t, i, cc));
    }
    ent_buf_printf(&l, ".");
    emit(r, &l);
}

static void bargaining(ent_report *r, const ent_table *t)
{
    int cs = col(t, "solution"), co = col(t, "outcome"), cw = col(t, "weight");
    if (cs < 0 || co < 0 || cw < 0)
        return;
    ent_buf l = {0};
    char a[32];
    for (size_t i = 0; i < ent_table_nrows(t); i++) {
        if (strcmp(cell_s(t, i, cs), "nash"))
            continue;
        double w = ent_table_cell_num(t, i, cw);
        if (!l.data)
            ent_buf_printf(&l, "- Nash bargaining solution: ");
        else
            ent_buf_printf(&l, " + ");
        char *k = outcome_key(cell_s(t, i, co));
        if (w >= 1 - 1e-12)
            ent_buf_printf(&l, "%s", k ? k : "");
        else
            ent_buf_printf(&l, "%s x (%s)", ent_fmt_num(a, w), k ? k : "");
        free(k);
    }
    if (l.data) {
        ent_buf_printf(&l, ".");
        emit(r, &l);
    }
}

static void welfare(ent_report *r, const ent_table *t)
{
    int cb = col(t, "bound"), cw = col(t, "welfare");
    double lo = NAN, hi = NAN;
    for (size_t i = 0; cb >= 0 && cw >= 0 && i < ent_table_nrows(t); i++) {
        if (!strcmp(cell_s(t, i, cb), "min"))
            lo = ent_table_cell_num(t, i, cw);
        if (!strcmp(cell_s(t, i, cb), "max"))
            hi = ent_table_cell_num(t, i, cw);
    }
    if (!isfinite(hi))
        return;
    char a[32], b[32];
    if (isfinite(lo))
        ent_report_text(r, "- Correlated equilibria: total welfare from %s to %s.", ent_fmt_num(a, lo),
                        ent_fmt_num(b, hi));
    else
        ent_report_text(r, "- Correlated equilibria: total welfare up to %s.", ent_fmt_num(b, hi));
}

/* A scenario with a sequence (analysis/staged.c): where the subgame-perfect paths of the
 * staged game end (by their numbers in the list of stable outcomes when they are in it,
 * else in words), and how many pure equilibria of the simultaneous reading they keep. The
 * short form is appended to `found` (the line of counts, NULL if none); the long one is a
 * line of its own. */
static void staged(ent_report *r, const ent_table *nvs, const outcome *v, int n, ent_buf *found)
{
    const ent_table *t = ent_report_find_table(r, "spe");
    int cp = col(t, "path"), cs = col(t, "same_path_as"), vs = col(nvs, "spe_outcome"), vp = col(nvs, "profile");
    if (cp < 0 || cs < 0)
        return;
    size_t np = 0, nrows = ent_table_nrows(t);
    for (size_t i = 0; i < nrows; i++)
        np += ent_table_cell_type(t, i, cs) < 0;
    if (!nrows) {
        ent_report_text(r, "- Moves in sequence: no subgame-perfect equilibrium was found.");
        return;
    }
    /* the listed outcomes the staged game reaches */
    int at[16], nat = 0, other = 0;
    for (size_t i = 0; vs >= 0 && vp >= 0 && i < ent_table_nrows(nvs); i++) {
        if (!ent_table_cell_int(nvs, i, vs))
            continue;
        char *key = outcome_key(cell_s(nvs, i, vp));
        const outcome *o = key ? find_outcome((outcome *)v, n, key) : NULL;
        free(key);
        int k = o ? (int)(o - v) : -1;
        if (k >= 0 && nat < 16)
            at[nat++] = k;
        else
            other = 1;
    }
    for (int i = 1; i < nat; i++) /* ascending */
        for (int k = i; k > 0 && at[k - 1] > at[k]; k--) {
            int x = at[k];
            at[k] = at[k - 1];
            at[k - 1] = x;
        }
    size_t kept = 0, all = vs >= 0 ? ent_table_nrows(nvs) : 0;
    for (size_t i = 0; i < all; i++)
        kept += ent_table_cell_int(nvs, i, vs) != 0;
    if (nat && !other && (size_t)nat == np && found) { /* short: after the counts */
        ent_buf_printf(found, " In sequence: %soutcome%s ", kept == all ? "" : "only ", nat == 1 ? "" : "s");
        for (int k = 0; k < nat; k++)
            ent_buf_printf(found, "%s%d", k == 0 ? "" : k == nat - 1 ? " and " : ", ", at[k] + 1);
        if (kept == all)
            ent_buf_printf(found, " %s subgame perfect, as every pure Nash one.", nat == 1 ? "is" : "are");
        else
            ent_buf_printf(found, " %s subgame perfect; %zu of the %zu pure Nash %s not.", nat == 1 ? "is" : "are", all - kept,
                all, all - kept == 1 ? "is" : "are");
        return;
    }
    ent_buf l = {0};
    ent_buf_printf(&l, "- Moves in sequence: %s", np == 1 ? "every subgame-perfect equilibrium follows one path: "
                                             : "the subgame-perfect paths: ");
    for (size_t i = 0, k = 0; i < nrows && k < MAX_LISTED; i++)
        if (ent_table_cell_type(t, i, cs) < 0)
            ent_buf_printf(&l, "%s%s", k++ ? " | " : "", cell_s(t, i, cp));
    if (np > MAX_LISTED)
        ent_buf_printf(&l, " | ... (%zu in all)", np);
    if (!all)
        ent_buf_printf(&l, ".");
    else if (kept == all)
        ent_buf_printf(&l, "; every pure Nash equilibrium (%zu) is subgame perfect.", all);
    else
        ent_buf_printf(&l, "; %zu of the %zu pure Nash equilibria %s not subgame perfect (non-credible threats).", all - kept,
            all, all - kept == 1 ? "is" : "are");
    emit(r, &l);
}

void ana_summary(const ana_ctx *ctx, ent_report *r)
{
    const ent_table *eq = ent_report_find_table(r, "equilibria");
    const ent_table *strong = ent_report_find_table(r, "strong");
    const ent_table *mc = ent_report_find_table(r, "montecarlo");
    const ent_table *sweep = ent_report_find_table(r, "sweep");
    size_t neq = eq ? ent_table_nrows(eq) : 0;
    outcome *v = neq ? (outcome *)calloc(neq, sizeof *v) : NULL;
    if (neq && !v)
        return;
    int n = 0;
    int cc = col(eq, "concept"), co = col(eq, "outcome");
    /* per concept: how many equilibria it found */
    const char *cnames[MAX_CONCEPTS];
    int ccount[MAX_CONCEPTS], nc = 0;
    for (size_t i = 0; i < neq && cc >= 0 && co >= 0; i++) {
        const char *c = cell_s(eq, i, cc);
        int k = 0;
        while (k < nc && strcmp(cnames[k], c))
            k++;
        if (k == nc && nc < MAX_CONCEPTS) {
            cnames[nc] = c;
            ccount[nc++] = 0;
        }
        if (k < nc)
            ccount[k]++;
        char *key = outcome_key(cell_s(eq, i, co));
        if (!key)
            break;
        outcome *o = find_outcome(v, n, key);
        if (o)
            free(key);
        else {
            o = &v[n++];
            o->key = key;
            o->name = cell_s(eq, i, co);
            o->first_row = (int)i;
        }
        add_concept(o, concept_words(c));
        if (!strcmp(c, "pure") || !strcmp(c, "nash") || !strcmp(c, "enumpoly") || !strcmp(c, "spe"))
            o->has_nash = 1;
    }
    if (strong) {
        int so = col(strong, "outcome"), ss = col(strong, "strong"), scp = col(strong, "coalition_proof"),
            spo = col(strong, "pareto_optimal");
        for (size_t i = 0; so >= 0 && i < ent_table_nrows(strong); i++) {
            char *key = outcome_key(cell_s(strong, i, so));
            outcome *o = key ? find_outcome(v, n, key) : NULL;
            free(key);
            if (!o)
                continue;
            if (ss >= 0 && ent_table_cell_int(strong, i, ss))
                add_concept(o, "strong Nash");
            if (scp >= 0 && ent_table_cell_int(strong, i, scp))
                add_concept(o, "coalition-proof");
            if (spo >= 0 && ent_table_cell_int(strong, i, spo))
                add_concept(o, "Pareto-optimal");
        }
    }
    const ent_table *nvs = ent_report_find_table(r, "nash_vs_spe");
    int vo = col(nvs, "profile"), vs = col(nvs, "spe_outcome");
    for (size_t i = 0; vo >= 0 && vs >= 0 && i < ent_table_nrows(nvs); i++) {
        char *key = ent_table_cell_int(nvs, i, vs) ? outcome_key(cell_s(nvs, i, vo)) : NULL;
        outcome *o = key ? find_outcome(v, n, key) : NULL;
        free(key);
        if (o)
            add_concept(o, "subgame perfect (staged)");
    }
    unsigned long long mc_samples = 0;
    if (mc) {
        int mo = col(mc, "outcome"), ms = col(mc, "share"), ml = col(mc, "wilson_low"),
            mh = col(mc, "wilson_high"), mn = col(mc, "samples");
        for (size_t i = 0; mo >= 0 && ms >= 0 && i < ent_table_nrows(mc); i++) {
            char *key = outcome_key(cell_s(mc, i, mo));
            outcome *o = key ? find_outcome(v, n, key) : NULL;
            free(key);
            if (!o)
                continue;
            o->mc = 1;
            o->share = ent_table_cell_num(mc, i, ms);
            o->lo = ml >= 0 ? ent_table_cell_num(mc, i, ml) : NAN;
            o->hi = mh >= 0 ? ent_table_cell_num(mc, i, mh) : NAN;
            o->samples = mn >= 0 ? (unsigned long long)ent_table_cell_int(mc, i, mn) : 0;
        }
        /* the number of samples: the largest count that can be read back from a share */
        for (size_t i = 0; mn >= 0 && ms >= 0 && i < ent_table_nrows(mc); i++) {
            double s = ent_table_cell_num(mc, i, ms);
            long long k = ent_table_cell_int(mc, i, mn);
            if (s > 0 && k > 0) {
                unsigned long long tot = (unsigned long long)llround((double)k / s);
                if (tot > mc_samples)
                    mc_samples = tot;
            }
        }
    }
    if (n > 1) /* v is NULL when no table row was read */
        qsort(v, (size_t)n, sizeof *v, outcome_cmp);

    ent_report_part(r, "summary");
    ent_report_section(r, "Answer");
    if (ctx->scenario)
        ent_report_text(r, "Which outcomes are stable, under which concepts, and how robust are "
                           "they to the assumptions?");
    if (nc) {
        ent_buf l = {0};
        ent_buf_printf(&l, "Found (each verified): ");
        for (int k = 0; k < nc; k++)
            ent_buf_printf(&l, "%s%s %d", k ? ", " : "", concept_words(cnames[k]), ccount[k]);
        ent_buf_printf(&l, ".");
        staged(r, nvs, v, n, &l);
        emit(r, &l);
    } else if (ctx->game && !ent_report_find_table(r, "nash_vs_spe")) {
        ent_report_text(r, "No equilibrium of a listed concept was found (see the sections below).");
    }
    int nplayers = ctx->game ? ent_game_nplayers(ctx->game) : 0;
    int listed = n < MAX_LISTED ? n : MAX_LISTED;
    if (!nc)
        staged(r, nvs, v, n, NULL);
    if (listed)
        ent_report_text(r, "%s", n == 1 ? "The stable outcome:"
                                        : "Stable outcomes, the most widely stable first:");
    for (int i = 0; i < listed; i++) {
        const outcome *o = &v[i];
        ent_buf l = {0};
        ent_buf_printf(&l, "%d. %s", i + 1, o->key);
        emit(r, &l);
        /* the concepts, the robustness and the sweeps in one paragraph */
        ent_buf_printf(&l, "   stable under ");
        for (int k = 0; k < o->nconcepts; k++)
            ent_buf_printf(&l, "%s%s", k ? ", " : "", o->concepts[k]);
        ent_buf_printf(&l, "; ");
        if (o->mc && mc_samples) {
            if (o->share >= 1 && o->lo >= 0.9995)
                ent_buf_printf(&l, "an equilibrium in all %llu Monte Carlo samples", mc_samples);
            else
            {
                char a[32], b[32], c[32];
                ent_buf_printf(&l, "an equilibrium in %s of %llu Monte Carlo samples (95%% interval %s-%s)",
                    pct(o->share, a, sizeof a), mc_samples, pct(o->lo, b, sizeof b), pct(o->hi, c, sizeof c));
            }
        } else if (mc)
            ent_buf_printf(&l, "an equilibrium in none of the Monte Carlo samples");
        if (sweep) {
            int cp = col(sweep, "param");
            const char *done[16];
            int nd = 0;
            for (size_t k = 0; cp >= 0 && k < ent_table_nrows(sweep) && nd < 16; k++) {
                const char *p = cell_s(sweep, k, cp);
                int seen = 0;
                for (int j = 0; j < nd && !seen; j++)
                    seen = !strcmp(done[j], p);
                if (seen)
                    continue;
                done[nd++] = p;
                ent_buf_printf(&l, "%s", mc || nd > 1 ? "; " : "");
                sweep_words(&l, sweep, p, o->key);
            }
        }
        if (l.len >= 2 && !strcmp(l.data + l.len - 2, "; "))
            l.data[l.len -= 2] = '\0';
        ent_buf_printf(&l, ".");
        emit(r, &l);
        if (nplayers > 0 && o->first_row >= 0) {
            ent_buf_printf(&l, "   payoffs:");
            char num[32];
            for (int p = 0; p < nplayers; p++) {
                char name[32];
                snprintf(name, sizeof name, "payoff:%d", p + 1);
                int c = col(eq, name);
                double x = c >= 0 ? ent_table_cell_num(eq, (size_t)o->first_row, c) : NAN;
                ent_buf_printf(&l, "%s %s %s", p ? "," : "", ent_game_player_label(ctx->game, p),
                    ent_fmt_num(num, x));
            }
            emit(r, &l);
        }
    }
    if (n > listed)
        ent_report_text(r, "... and %d more stable outcome%s (--detail lists them all).", n - listed,
                        n - listed == 1 ? "" : "s");
    if (sweep)
        drivers(r, ctx, sweep);
    const ent_table *t;
    if ((t = ent_report_find_table(r, "bargaining_commitment")))
        commitment(r, t);
    if ((t = ent_report_find_table(r, "bargaining_agreement")))
        bargaining(r, t);
    if ((t = ent_report_find_table(r, "welfare")))
        welfare(r, t);
    ent_report_part(r, NULL);
    ent_report_part_first(r, "summary");
    for (int i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

/* A number to three significant digits for a sentence (the tables keep them all). */
static const char *num3(double x, char *buf, size_t cap)
{
    snprintf(buf, cap, "%.3g", x);
    return buf;
}

/* The rows of the `cap` largest finite values of column cv, largest first (ties: table
 * order). Returns how many. */
static int top_members(const ent_table *t, int cv, size_t *rows, int cap)
{
    size_t n = ent_table_nrows(t);
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        double x = ent_table_cell_num(t, i, cv);
        if (!isfinite(x))
            continue;
        /* position among the kept ones: after every value >= x */
        int pos = k;
        while (pos > 0 && ent_table_cell_num(t, rows[pos - 1], cv) < x)
            pos--;
        if (pos >= cap)
            continue;
        int last = k < cap ? k : cap - 1;
        for (int j = last; j > pos; j--)
            rows[j] = rows[j - 1];
        rows[pos] = i;
        if (k < cap)
            k++;
    }
    return k;
}

static void member_line(ent_report *r, const ent_table *t, const char *what, const char *colname,
                        const char *ci)
{
    int cm = col(t, "member"), cv = col(t, colname), cc = ci ? col(t, ci) : -1;
    if (cm < 0 || cv < 0)
        return;
    size_t rows[5];
    int k = top_members(t, cv, rows, 5);
    if (!k)
        return;
    ent_buf l = {0};
    char a[32], b[32];
    ent_buf_printf(&l, "- %s:", what);
    for (int i = 0; i < k; i++) {
        ent_buf_printf(&l, "%s %s %s", i ? "," : "", cell_s(t, rows[i], cm),
            num3(ent_table_cell_num(t, rows[i], cv), a, sizeof a));
        if (cc >= 0 && isfinite(ent_table_cell_num(t, rows[i], cc)))
            ent_buf_printf(&l, " (+-%s)", num3(ent_table_cell_num(t, rows[i], cc), b, sizeof b));
    }
    if (ent_table_nrows(t) > (size_t)k)
        ent_buf_printf(&l, "; %zu members in all", ent_table_nrows(t));
    ent_buf_printf(&l, ".");
    emit(r, &l);
}

void ana_coalition_summary(ent_report *r)
{
    ent_report_part(r, "summary");
    ent_report_section(r, "Answer");
    ent_report_text(r, "Can the members share what they achieve together so that no group does "
                       "better on its own, and who matters most?");
    const char *core = NULL;
    double vN = NAN, eps = NAN;
    ent_report_kv_find(r, "v(N)", NULL, &vN);
    ent_report_kv_find(r, "least_core_eps", NULL, &eps);
    char a[32], b[32];
    if (ent_report_kv_find(r, "core", &core, NULL) == ENT_COL_STR && core) {
        if (!strcmp(core, "empty"))
            ent_report_text(r, "- Core: empty. Every division of v(N) = %s leaves some coalition "
                               "better off on its own; the least core asks each coalition to "
                               "give up %s.",
                            ent_fmt_num(a, vN), num3(eps, b, sizeof b));
        else
            ent_report_text(r, "- Core: %s. Some division of v(N) = %s leaves no coalition better off "
                               "on its own.",
                            core, ent_fmt_num(a, vN));
    }
    const ent_table *sol = ent_report_find_table(r, "solutions");
    if (sol) {
        if (col(sol, "shapley_ci") >= 0)
            member_line(r, sol, "Shapley value (sampled, 95% half-width)", "shapley", "shapley_ci");
        else
            member_line(r, sol, "Shapley value", "shapley", NULL);
        member_line(r, sol, "Nucleolus", "nucleolus", NULL);
        member_line(r, sol, "Banzhaf value", "banzhaf", NULL);
    }
    if (sol) { /* voting power: the solutions table carries the indices as numbers */
        member_line(r, sol, "Voting power (Shapley-Shubik)", "ss_power", NULL);
        member_line(r, sol, "Voting power (Banzhaf)", "bz_power", NULL);
    }
    const ent_table *ct = ent_report_find_table(r, "cartels");
    if (ct) {
        int cs = col(ct, "size"), ctr = col(ct, "transfers"), cc = col(ct, "coalition");
        const char *schemes[8];
        int ns = 0;
        for (size_t i = 0; ctr >= 0 && i < ent_table_nrows(ct) && ns < 8; i++) {
            int seen = 0;
            for (int j = 0; j < ns && !seen; j++)
                seen = !strcmp(schemes[j], cell_s(ct, i, ctr));
            if (!seen)
                schemes[ns++] = cell_s(ct, i, ctr);
        }
        for (int j = 0; j < ns && cs >= 0 && cc >= 0; j++) {
            size_t best = 0, count = 0;
            long long bsize = -1;
            for (size_t i = 0; i < ent_table_nrows(ct); i++)
                if (!strcmp(cell_s(ct, i, ctr), schemes[j])) {
                    count++;
                    if (ent_table_cell_int(ct, i, cs) > bsize) {
                        bsize = ent_table_cell_int(ct, i, cs);
                        best = i;
                    }
                }
            ent_buf l = {0};
            ent_buf_printf(&l, "- Self-enforcing coalitions (transfers: %s): %zu listed; the largest has %lld "
                    "members: %s.",
                schemes[j], count, bsize, cell_s(ct, best, cc));
            emit(r, &l);
        }
    }
    ent_report_part(r, NULL);
    ent_report_part_first(r, "summary");
}
