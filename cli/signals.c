/* signals.c — SIGINT and SIGTERM in the entente program. While solving, the first SIGINT
 * (Ctrl-C) asks the solvers to stop (ent_interrupt): each returns what it has found, and
 * the report is written marked incomplete. A second SIGINT, SIGTERM, or any of them while
 * an output file is being written removes the temporary file (FILE.tmpXXXXXX) and ends
 * the program with the signal (commands that do not report partial results end at the
 * first SIGINT). SIGKILL cannot be caught: a temporary file may remain
 * after it (never a half-written FILE: it is only renamed into place when complete). */
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmp_path[4096];
static volatile sig_atomic_t tmp_live, soft;

static void on_signal(int sig)
{
    if (sig == SIGINT && soft && !tmp_live && !ent_interrupted()) {
        ent_interrupt();
        return;
    }
    if (tmp_live)
        unlink(tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_signals_install(int stop_solvers)
{
    soft = stop_solvers != 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;
    /* a signal the caller ignores (nohup, a background job) stays ignored */
    int sigs[2] = {SIGINT, SIGTERM};
    for (int i = 0; i < 2; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

static void block(sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    sigprocmask(SIG_BLOCK, &s, old);
}

int cli_tmp_create(char *tmpl)
{
    sigset_t old;
    if (strlen(tmpl) >= sizeof tmp_path)
        return mkstemp(tmpl); /* too long to remember: left to the caller alone */
    block(&old);
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
        memcpy(tmp_path, tmpl, strlen(tmpl) + 1);
        tmp_live = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return fd;
}

void cli_tmp_done(void)
{
    sigset_t old;
    block(&old);
    tmp_live = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
}
