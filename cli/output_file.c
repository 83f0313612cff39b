/* output_file.c — the one rule by which the entente program writes a file named on its
 * command line (`-o FILE`, `convert IN OUT`): a symbolic link is followed and its target
 * written (the link stays); a regular or new file is replaced atomically (a temporary
 * file in the target's folder, renamed into place) keeping an existing file's mode, a new
 * one getting 0666 & ~umask; a FIFO, device or open descriptor (/dev/stdout, /dev/fd/N,
 * process substitution) is written in place. Every write error is reported. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINK_HOPS 40 /* as the kernel's own limit for path resolution */

/* "/dev/fd/N", "/proc/self/fd/N" (and "/dev/stdout", "/dev/stderr"): the descriptor N,
 * else -1. */
static int descriptor_path(const char *p)
{
    if (!strcmp(p, "/dev/stdout"))
        return 1;
    if (!strcmp(p, "/dev/stderr"))
        return 2;
    const char *n = NULL;
    if (!strncmp(p, "/dev/fd/", 8))
        n = p + 8;
    else if (!strncmp(p, "/proc/self/fd/", 14))
        n = p + 14;
    if (!n || *n < '0' || *n > '9')
        return -1;
    long v = 0;
    for (; *n >= '0' && *n <= '9'; n++)
        if ((v = v * 10 + (*n - '0')) > 1000000)
            return -1;
    return *n ? -1 : (int)v;
}

/* Follow the symbolic links of `path` to the name that is finally written. OUT: *final
 * (malloc'd), *st its lstat (st_mode 0 when it does not exist), *fd a descriptor to
 * write in place or -1. Returns 0 or an errno value. */
static int resolve(const char *path, char **final, struct stat *st, int *fd)
{
    char *cur = strdup(path);
    *final = NULL;
    *fd = -1;
    memset(st, 0, sizeof *st);
    if (!cur)
        return ENOMEM;
    for (int hop = 0;; hop++) {
        if ((*fd = descriptor_path(cur)) >= 0) {
            *final = cur;
            return 0;
        }
        if (lstat(cur, st) != 0) {
            int e = errno;
            memset(st, 0, sizeof *st);
            if (e == ENOENT) { /* a new file (its folder is checked when it is created) */
                *final = cur;
                return 0;
            }
            free(cur);
            return e;
        }
        if (!S_ISLNK(st->st_mode)) {
            *final = cur;
            return 0;
        }
        if (hop == MAX_LINK_HOPS) {
            free(cur);
            return ELOOP;
        }
        size_t cap = (size_t)st->st_size + 2;
        if (cap < 64)
            cap = 64;
        char *to = malloc(cap);
        ssize_t n = to ? readlink(cur, to, cap - 1) : -1;
        if (n < 0 || (size_t)n >= cap - 1) { /* failed, or changed size under us */
            int e = to ? (n < 0 ? errno : EAGAIN) : ENOMEM;
            free(to);
            free(cur);
            return e;
        }
        to[n] = '\0';
        if (to[0] != '/' && strchr(cur, '/')) { /* relative to the link's folder */
            size_t dl = (size_t)(strrchr(cur, '/') - cur) + 1;
            char *j = malloc(dl + (size_t)n + 1);
            if (!j) {
                free(to);
                free(cur);
                return ENOMEM;
            }
            memcpy(j, cur, dl);
            memcpy(j + dl, to, (size_t)n + 1);
            free(to);
            to = j;
        }
        free(cur);
        cur = to;
    }
}

/* Run emit(f, arg), flush and close f; returns 0 or an errno value (that of the failed
 * write where known, else EIO); the writer's status goes to *status. */
static int write_stream(FILE *f, cli_write_fn emit, void *arg, int *status)
{
    errno = 0;
    *status = emit(f, arg);
    int e = errno, bad = *status != ENT_OK || ferror(f);
    if (fflush(f) != 0) {
        e = bad ? e : errno;
        bad = 1;
    }
    if (fclose(f) != 0) {
        e = bad ? e : errno;
        bad = 1;
    }
    return bad ? (e ? e : EIO) : 0;
}

static int report_failure(const char *path, int e, int status)
{
    if (status != ENT_OK && status != ENT_EIO)
        return cli_fail("%s: writing failed: %s", path, ent_strerror(status));
    return cli_fail("%s: writing failed: %s", path, strerror(e ? e : EIO));
}

/* Write in place: a copy of the open descriptor fd, or else the node `node` opened. */
static int write_in_place(const char *shown, const char *node, int fd, cli_write_fn emit,
                          void *arg)
{
    int w = fd >= 0 ? dup(fd) : open(node, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (w < 0)
        return cli_fail("%s: cannot open for writing: %s", shown, strerror(errno));
    FILE *f = fdopen(w, "w");
    if (!f) {
        int e = errno;
        close(w);
        return cli_fail("%s: cannot open for writing: %s", shown, strerror(e));
    }
    int status, e = write_stream(f, emit, arg, &status);
    return e ? report_failure(shown, e, status) : CLI_OK;
}

static mode_t current_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

int cli_write_file(const char *path, cli_write_fn emit, void *arg)
{
    fflush(stdout); /* what was printed before keeps its place on a shared descriptor */
    char *final;
    struct stat st;
    int fd, e = resolve(path, &final, &st, &fd);
    if (e)
        return cli_fail("%s: cannot write: %s", path, strerror(e));
    if (fd >= 0 || (st.st_mode && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
        int rc = write_in_place(path, final, fd, emit, arg);
        free(final);
        return rc;
    }
    if (S_ISDIR(st.st_mode)) {
        free(final);
        return cli_fail("%s: cannot write: %s", path, strerror(EISDIR));
    }
    size_t n = strlen(final) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        free(final);
        return cli_fail("out of memory");
    }
    snprintf(tmp, n, "%s.tmpXXXXXX", final);
    int t = cli_tmp_create(tmp); /* removed if a signal ends the program meanwhile */
    if (t < 0) {
        e = errno;
        free(tmp);
        free(final);
        return cli_fail("%s: cannot create: %s", path, strerror(e));
    }
    mode_t mode = 0666 & ~current_umask();
    if (st.st_mode) { /* an existing file keeps its mode and, where allowed, its owner */
        mode = st.st_mode & 07777;
        if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
            fchown(t, st.st_uid, st.st_gid) != 0)
            mode &= ~(mode_t)(S_ISUID | S_ISGID);
    }
    int status = ENT_OK;
    FILE *f = NULL;
    if (fchmod(t, mode) != 0)
        e = errno;
    else if (!(f = fdopen(t, "w")))
        e = errno;
    else
        e = write_stream(f, emit, arg, &status);
    if (!f)
        close(t);
    if (!e && rename(tmp, final) != 0)
        e = errno;
    if (e)
        unlink(tmp);
    cli_tmp_done();
    free(tmp);
    free(final);
    return e ? report_failure(path, e, status) : CLI_OK;
}
