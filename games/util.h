/* util.h — small internal helpers shared by the library's modules (not public API):
 * overflow-checked size arithmetic, string duplication, a growable byte buffer. */
#ifndef ENT_UTIL_H
#define ENT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* a*b into *out; returns 0 on overflow. */
static inline int ent_mul_ok(uint64_t a, uint64_t b, uint64_t *out)
{
    if (a != 0 && b > UINT64_MAX / a)
        return 0;
    *out = a * b;
    return 1;
}

static inline char *ent_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = (char *)malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Growable buffer of bytes (always NUL-terminated when len > 0). */
typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} ent_buf;

int ent_buf_reserve(ent_buf *b, size_t extra);
void ent_buf_putc(ent_buf *b, char c);
void ent_buf_puts(ent_buf *b, const char *s);
void ent_buf_printf(ent_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ent_buf_free(ent_buf *b);

#endif
