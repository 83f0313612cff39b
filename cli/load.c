/* load.c — open a game file by its type. */
#include "cli.h"

#include <string.h>

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

int cli_load_game(const char *path, ent_game **out, ent_error *err)
{
    *out = NULL;
    if (has_ext(path, ".nfg"))
        return ent_nfg_read_file(path, NULL, out, err);
    return ent_error_set(err, ENT_EUNSUPPORTED, "%s: unknown file type (expected .nfg)", path);
}
