/* core.c — status messages, error records and the growable buffer used across the
 * library. */
#include "entente.h"
#include "util.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

const char *ent_strerror(int status)
{
    switch (status) {
#define ENT_X_CASE(name, value, msg) \
    case value:                      \
        return msg;
        ENT_STATUS_LIST(ENT_X_CASE)
#undef ENT_X_CASE
    default:
        return "unknown status";
    }
}

int ent_error_set(ent_error *err, int status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

/* Lock-free, so reading and setting it is safe in signal handlers and across threads. */
static atomic_int interrupt_flag;

void ent_interrupt(void) { atomic_store_explicit(&interrupt_flag, 1, memory_order_relaxed); }
void ent_interrupt_clear(void) { atomic_store_explicit(&interrupt_flag, 0, memory_order_relaxed); }
int ent_interrupted(void) { return atomic_load_explicit(&interrupt_flag, memory_order_relaxed); }

double ent_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int ent_should_stop(double deadline)
{
    return ent_interrupted() || (deadline > 0 && ent_clock() > deadline);
}

/* The progress sink: one per process, set by a front end before solving. */
static ent_progress_fn progress_fn;
static void *progress_arg;

void ent_progress_set(ent_progress_fn fn, void *arg)
{
    progress_fn = fn;
    progress_arg = arg;
}

void ent_progress(const char *task, double done, double total)
{
    ent_progress_fn fn = progress_fn;
    if (fn)
        fn(progress_arg, task, done, total);
}

int ent_buf_reserve(ent_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *d = (char *)realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void ent_buf_putc(ent_buf *b, char c)
{
    if (!ent_buf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void ent_buf_puts(ent_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (!ent_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

void ent_buf_printf(ent_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !ent_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ent_buf_free(ent_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
