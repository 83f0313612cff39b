/* load.c — open a game file by its type. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

int cli_is_scenario(const char *path) { return has_ext(path, ".cfg"); }

#ifndef ENT_DATADIR
#define ENT_DATADIR "/usr/local/share/entente"
#endif

const char *cli_default_scenario(void)
{
    static const char *const local = "configs/ukraine-2025.cfg";
    if (access(local, R_OK) == 0)
        return local;
    return ENT_DATADIR "/configs/ukraine-2025.cfg";
}

/* A number as a scenario file writes one: [+-] digits [. digits] [(e|E) [+-] digits],
 * or with the digits only after the point; nothing before or after it. */
static int decimal_number(const char *s, double *v)
{
    const char *p = s;
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
    }
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return 0;
    char *end;
    *v = strtod(s, &end);
    return end == p;
}

int cli_load_scenario(const char *path, char *const *sets, int nsets, ent_scenario **sc, ent_game **g,
                      ent_error *err)
{
    *sc = NULL;
    *g = NULL;
    int rc = ent_scenario_load(path, NULL, sc, err);
    for (int i = 0; i < nsets && rc == ENT_OK; i++) {
        const char *eq = strchr(sets[i], '=');
        double v = 0;
        if (!eq || eq == sets[i] || !decimal_number(eq + 1, &v)) {
            rc = ent_error_set(err, ENT_EINVAL,
                               "--set %s: expected name=number, the number written as in a "
                               "scenario file (2, -0.5, 1e-3; no hexadecimal, fractions or "
                               "spaces)", sets[i]);
            break;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - sets[i]), sets[i]);
        rc = ent_scenario_set_param(*sc, name, v, err);
    }
    if (rc == ENT_OK)
        rc = ent_scenario_compile(*sc, g, err);
    if (rc != ENT_OK)
        ent_scenario_free(sc);
    return rc;
}

int cli_load_game(const char *path, ent_game **out, ent_error *err)
{
    *out = NULL;
    if (has_ext(path, ".cfg")) {
        ent_scenario *sc;
        int rc = cli_load_scenario(path, NULL, 0, &sc, out, err);
        ent_scenario_free(&sc);
        return rc;
    }
    if (has_ext(path, ".nfg"))
        return ent_nfg_read_file(path, NULL, out, err);
    return ent_error_set(err, ENT_EUNSUPPORTED, "%s: unknown file type (expected .nfg or .cfg)", path);
}
