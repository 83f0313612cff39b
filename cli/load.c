/* load.c — open a game file by its type: by its extension (any case), or for "-"
 * (standard input) by --from or by its first bytes. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

/* Standard input, read once by cli_stdin_prepare. A scenario is handed to the loader as
 * an anonymous in-memory file (memfd) so that it needs no temporary file on disk. */
static struct {
    int active;
    const char *ext; /* ".nfg", ".efg", ".lrs" or ".cfg" */
    char *buf;
    size_t len;
    int fd;
    char path[64]; /* /proc/self/fd/N of the memfd */
} in_stdin = {.fd = -1};

#define STDIN_MAX ((size_t)1 << 30)

static int has_ext(const char *path, const char *ext)
{
    if (in_stdin.active && (!strcmp(path, "-") || !strcmp(path, in_stdin.path)))
        return !strcmp(in_stdin.ext, ext);
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0; /* .NFG too */
}

/* The format of a text from its first bytes: "NFG", "EFG", a number (lrsnash's "m n"),
 * else a libconfig scenario. */
static const char *sniff(const char *b, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
        i++;
    if (len - i >= 3 && !strncmp(b + i, "NFG", 3))
        return ".nfg";
    if (len - i >= 3 && !strncmp(b + i, "EFG", 3))
        return ".efg";
    if (i < len && b[i] >= '0' && b[i] <= '9')
        return ".lrs";
    return ".cfg";
}

int cli_stdin_prepare(const char *from, ent_error *err)
{
    static const char *const names[][2] = {
        {"nfg", ".nfg"}, {"efg", ".efg"}, {"lrs", ".lrs"}, {"cfg", ".cfg"}, {"scenario", ".cfg"}};
    const char *ext = NULL;
    for (size_t i = 0; from && i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(from, names[i][0]))
            ext = names[i][1];
    if (from && !ext)
        return ent_error_set(err, ENT_EOPTION, "--from: '%s' is not nfg, efg, lrs or cfg", from);
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (;;) {
        if (len == cap) {
            if (cap >= STDIN_MAX) {
                free(buf);
                return ent_error_set(err, ENT_ETOOBIG, "-: standard input exceeds %zu bytes", STDIN_MAX);
            }
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                return ent_error_set(err, ENT_ENOMEM, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, stdin);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(stdin)) {
        int e = errno;
        free(buf);
        return ent_error_set(err, ENT_EIO, "-: reading standard input: %s", strerror(e));
    }
    buf[len] = '\0';
    in_stdin.buf = buf;
    in_stdin.len = len;
    in_stdin.ext = ext ? ext : sniff(buf, len);
    if (!strcmp(in_stdin.ext, ".cfg")) {
        int fd = memfd_create("entente-stdin", MFD_CLOEXEC);
        if (fd < 0 || write(fd, buf, len) != (ssize_t)len) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return ent_error_set(err, ENT_EIO, "-: keeping standard input: %s", strerror(e));
        }
        in_stdin.fd = fd;
    }
    snprintf(in_stdin.path, sizeof in_stdin.path, "/proc/self/fd/%d", in_stdin.fd);
    in_stdin.active = 1;
    return ENT_OK;
}

const char *cli_stdin_sha256(char out[65])
{
    return in_stdin.active ? ent_sha256_hex(in_stdin.buf, in_stdin.len, out) : NULL;
}

/* Messages about the in-memory copy of standard input name it "-". */
static void name_stdin(char *msg, size_t cap)
{
    size_t pl = strlen(in_stdin.path);
    char *p;
    while (in_stdin.active && pl && (p = strstr(msg, in_stdin.path)) != NULL) {
        memmove(p + 1, p + pl, strlen(p + pl) + 1);
        *p = '-';
    }
    (void)cap;
}

int cli_scenario_load(const char *path, ent_scenario **out, ent_error *err)
{
    const char *real = in_stdin.active && !strcmp(path, "-") ? in_stdin.path : path;
    int rc = ent_scenario_load(real, NULL, out, err);
    if (rc != ENT_OK)
        name_stdin(err->msg, sizeof err->msg);
    return rc;
}

int cli_read_tree(const char *path, ent_efg **out, ent_error *err)
{
    if (in_stdin.active && !strcmp(path, "-"))
        return ent_efg_read_string(in_stdin.buf, "-", NULL, out, err);
    return ent_efg_read_file(path, NULL, out, err);
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
    int rc = cli_scenario_load(path, sc, err);
    for (int i = 0; i < nsets && rc == ENT_OK; i++) {
        char name[256];
        double v;
        if (cli_parse_set(sets[i], name, sizeof name, &v) != 0) {
            rc = ent_error_set(err, ENT_EINVAL, "%s: --set %s: expected NAME=NUMBER", cli_prog(), sets[i]);
            break;
        }
        rc = ent_scenario_set_param(*sc, name, v, err);
    }
    for (int i = 0; rc == ENT_OK && i < ent_scenario_nwarnings(*sc); i++) {
        char w[1024];
        snprintf(w, sizeof w, "%s", ent_scenario_warning(*sc, i));
        name_stdin(w, sizeof w);
        fprintf(stderr, "%s\n", w);
    }
    if (rc == ENT_OK)
        rc = ent_concept_check_scenario(*sc, err);
    if (rc == ENT_OK)
        rc = ent_scenario_compile(*sc, g, err);
    if (rc != ENT_OK)
        name_stdin(err->msg, sizeof err->msg);
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
    int from_stdin = in_stdin.active && !strcmp(path, "-");
    if (has_ext(path, ".nfg"))
        return from_stdin ? ent_nfg_read_string(in_stdin.buf, "-", NULL, out, err)
                          : ent_nfg_read_file(path, NULL, out, err);
    if (has_ext(path, ".lrs"))
        return from_stdin ? ent_lrs_read_string(in_stdin.buf, "-", NULL, out, err)
                          : ent_lrs_read_file(path, NULL, out, err);
    if (has_ext(path, ".efg")) {
        ent_efg *t;
        int rc = cli_read_tree(path, &t, err);
        if (rc == ENT_OK)
            rc = ent_efg_to_nfg(t, 1, NULL, out, NULL, err);
        ent_efg_free(&t);
        return rc;
    }
    return ent_error_set(err, ENT_EUNSUPPORTED,
                         "%s: unknown file type (expected .nfg, .efg, .lrs or .cfg; '-' reads "
                         "standard input)", path);
}

int cli_is_tree(const char *path) { return has_ext(path, ".efg"); }
