/* load.c — open a game file by its type. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0; /* .NFG too */
}

int cli_is_scenario(const char *path) { return has_ext(path, ".cfg"); }

/* The data directory is found from the program's own place, BINDIR/../share/entente,
 * so an install under any PREFIX (or DESTDIR, moved later) finds its scenarios without
 * a rebuild. */
const char *cli_default_scenario(void)
{
    static const char *const local = "configs/ukraine-2025.cfg";
    static char installed[4096];
    if (access(local, R_OK) == 0)
        return local;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int w = snprintf(installed, sizeof installed,
                             "%s/../share/entente/configs/ukraine-2025.cfg", exe);
            if (w > 0 && (size_t)w < sizeof installed && access(installed, R_OK) == 0)
                return installed;
        }
    }
    return local; /* not found: the message names the file looked for in the working folder */
}

int cli_load_scenario(const char *path, char *const *sets, int nsets, ent_scenario **sc, ent_game **g,
                      ent_error *err)
{
    *sc = NULL;
    *g = NULL;
    int rc = ent_scenario_load(path, NULL, sc, err);
    for (int i = 0; i < nsets && rc == ENT_OK; i++) {
        char name[256];
        double v;
        if (cli_parse_set(sets[i], name, sizeof name, &v) != 0) {
            rc = ent_error_set(err, ENT_EINVAL, "%s: --set %s: expected NAME=NUMBER", cli_prog(), sets[i]);
            break;
        }
        rc = ent_scenario_set_param(*sc, name, v, err);
    }
    for (int i = 0; rc == ENT_OK && i < ent_scenario_nwarnings(*sc); i++)
        fprintf(stderr, "%s\n", ent_scenario_warning(*sc, i));
    if (rc == ENT_OK)
        rc = ent_concept_check_scenario(*sc, err);
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
    if (has_ext(path, ".efg")) {
        ent_efg *t;
        int rc = ent_efg_read_file(path, NULL, &t, err);
        if (rc == ENT_OK)
            rc = ent_efg_to_nfg(t, 1, NULL, out, NULL, err);
        ent_efg_free(&t);
        return rc;
    }
    return ent_error_set(err, ENT_EUNSUPPORTED,
                         "%s: unknown file type (expected .nfg, .efg or .cfg)", path);
}

int cli_is_tree(const char *path) { return has_ext(path, ".efg"); }
