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

int cli_load_scenario(const char *path, char *const *sets, int nsets, ent_scenario **sc, ent_game **g,
                      ent_error *err)
{
    *sc = NULL;
    *g = NULL;
    int rc = ent_scenario_load(path, NULL, sc, err);
    for (int i = 0; i < nsets && rc == ENT_OK; i++) {
        const char *eq = strchr(sets[i], '=');
        char *end = NULL;
        double v = eq ? strtod(eq + 1, &end) : 0.0;
        if (!eq || eq == sets[i] || end == eq + 1 || *end) {
            rc = ent_error_set(err, ENT_EINVAL, "--set %s: expected name=number", sets[i]);
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

int cli_load_tree(const char *path, ent_efg **t, ent_game **g, ent_efg_plans **pl,
                  char *note, size_t cap, ent_error *err)
{
    *g = NULL;
    *pl = NULL;
    note[0] = '\0';
    int rc = ent_efg_read_file(path, NULL, t, err);
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = CLI_TREE_NF_BYTES;
    ent_error e2 = {0, ""};
    if (rc == ENT_OK && (rc = ent_efg_to_nfg(*t, 1, &o, g, pl, &e2)) == ENT_ETOOBIG) {
        snprintf(note, cap, "%s", e2.msg);
        return ENT_OK; /* the tree's own concepts still apply */
    }
    if (rc != ENT_OK && *t) {
        snprintf(err->msg, sizeof err->msg, "%s", e2.msg);
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        ent_error_set(err, rc, "%s: %s", path, msg);
        ent_efg_free(t);
    }
    return rc;
}
