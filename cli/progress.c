/* progress.c — a progress line on standard error for runs longer than a second: the
 * task, a bar, done/total, the rate and the time left. Shown only when standard error is
 * a terminal and --quiet was not given; cleared when the run ends. It never touches
 * standard output or the results. */
#include "cli.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct {
    double start, last;
    int shown;
    atomic_flag busy;
} P = {.busy = ATOMIC_FLAG_INIT};

/* 12345 -> "12.3k" */
static const char *human(double x, char *buf, size_t cap)
{
    if (x >= 1e9)
        snprintf(buf, cap, "%.1fG", x / 1e9);
    else if (x >= 1e6)
        snprintf(buf, cap, "%.1fM", x / 1e6);
    else if (x >= 1e4)
        snprintf(buf, cap, "%.1fk", x / 1e3);
    else
        snprintf(buf, cap, "%.0f", x);
    return buf;
}

static void show(void *arg, const char *task, double done, double total)
{
    (void)arg;
    if (atomic_flag_test_and_set(&P.busy)) /* another thread is printing: skip */
        return;
    double now = ent_clock();
    if (now - P.start >= 1.0 && (now - P.last >= 0.1 || done >= total) && total > 0) {
        P.last = now;
        double f = done / total;
        if (f > 1)
            f = 1;
        char bar[21], a[32], b[32], rate[32], left[48];
        int fill = (int)(f * 20);
        for (int i = 0; i < 20; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[20] = '\0';
        double el = now - P.start, rps = el > 0 ? done / el : 0;
        if (rps > 0 && done < total) {
            double s = (total - done) / rps;
            if (s >= 3600)
                snprintf(left, sizeof left, ", %.1f h left", s / 3600);
            else if (s >= 60)
                snprintf(left, sizeof left, ", %.0f min left", s / 60);
            else
                snprintf(left, sizeof left, ", %.0f s left", s);
        } else
            left[0] = '\0';
        fprintf(stderr, "\r\033[K%s [%s] %3.0f%%  %s/%s  %s/s%s", task, bar, 100 * f,
                human(done, a, sizeof a), human(total, b, sizeof b), human(rps, rate, sizeof rate),
                left);
        fflush(stderr);
        P.shown = 1;
    }
    atomic_flag_clear(&P.busy);
}

void cli_progress_install(int quiet)
{
    if (quiet || !isatty(STDERR_FILENO))
        return;
    P.start = ent_clock();
    P.last = 0;
    P.shown = 0;
    ent_progress_set(show, NULL);
}

void cli_progress_end(void)
{
    ent_progress_set(NULL, NULL);
    if (P.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        P.shown = 0;
    }
}
