/* scenario_text.c — a pass over the scenario text (includes already inlined) before
 * libconfig 1.5 parses it, for what that parser gets silently wrong or very slowly:
 * - whole numbers outside 32 bits: libconfig wraps an unsuffixed literal to 32 bits
 *   (2147483648 -> -2147483648) and saturates a 64-bit one; here a literal from 2^31 to
 *   2^63 - 1 in magnitude (and -2^63) gets the L suffix, so it is read exactly as a
 *   64-bit integer (in an array every whole number gets it: elements share one type),
 *   and a larger one is refused;
 * - nesting: groups, lists and arrays deeper than SC_MAX_NESTING are refused (libconfig
 *   fails with "memory exhausted" from about 2,000 nested groups or 5,000 lists);
 * - size: libconfig compares each new setting's name with every earlier one of its group
 *   (quadratic time) and spends about a microsecond per value, so the settings of one
 *   group, the name comparisons of all groups and the values of the file are capped.
 * The tokens follow libconfig 1.5's scanner: comments (#, //, block), strings with
 * escapes, names [A-Za-z*][-A-Za-z0-9_*]*, numbers. */
#include "scenario_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    char kind;          /* '{' group (or the root), '(' list, '[' array */
    unsigned long n;    /* settings in a group */
} level;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static int is_name_char(char c)
{
    return is_name_start(c) || is_digit(c) || c == '-' || c == '_';
}

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int fail_at(sc_text_error *e, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(sc_text_error *e, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->line = line;
    return ENT_EPARSE;
}

/* The index of the first character at or after i that is neither blank nor inside a
 * comment; OUT: *nl the newlines passed. */
static size_t skip_blank(const char *t, size_t len, size_t i, int *nl)
{
    *nl = 0;
    while (i < len) {
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v' || t[i] == '\n') {
            *nl += t[i++] == '\n';
        } else if (t[i] == '#' || (t[i] == '/' && i + 1 < len && t[i + 1] == '/')) {
            while (i < len && t[i] != '\n')
                i++;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
            for (i += 2; i < len && !(t[i] == '*' && i + 1 < len && t[i + 1] == '/'); i++)
                *nl += t[i] == '\n';
            i = i < len ? i + 2 : len;
        } else {
            break;
        }
    }
    return i;
}

/* A number token at t[i..]: copies it to out (with an L suffix where a whole number needs
 * 64 bits) and advances *pi; an integer beyond 64 bits is an error. */
static int number(const char *t, size_t len, size_t *pi, ent_buf *out, int line, int in_array,
                  sc_text_error *e)
{
    size_t i = *pi, start = i;
    int neg = 0;
    if (t[i] == '+' || t[i] == '-')
        neg = t[i++] == '-';
    unsigned long long v = 0; /* magnitude, saturated at 2^64 - 1 */
    int over = 0;
    if (t[i] == '0' && i + 2 < len && (t[i + 1] == 'x' || t[i + 1] == 'X') && hex_value(t[i + 2]) >= 0) {
        for (i += 2; i < len && hex_value(t[i]) >= 0; i++) {
            over |= v > (~0ULL >> 4);
            v = v << 4 | (unsigned)hex_value(t[i]);
        }
    } else {
        for (; i < len && is_digit(t[i]); i++) {
            unsigned d = (unsigned)(t[i] - '0');
            over |= v > (~0ULL - d) / 10;
            v = v * 10 + d;
        }
        if (i < len && (t[i] == '.' || t[i] == 'e' || t[i] == 'E')) { /* a float: as is */
            if (t[i] == '.')
                for (i++; i < len && is_digit(t[i]); i++)
                    ;
            if (i < len && (t[i] == 'e' || t[i] == 'E')) {
                i++;
                if (i < len && (t[i] == '+' || t[i] == '-'))
                    i++;
                for (; i < len && is_digit(t[i]); i++)
                    ;
            }
            ent_buf_reserve(out, i - start);
            for (size_t k = start; k < i; k++)
                ent_buf_putc(out, t[k]);
            *pi = i;
            return ENT_OK;
        }
    }
    int suffix = i < len && t[i] == 'L';
    /* the largest magnitude a 64-bit integer holds (2^63 only as -2^63) */
    unsigned long long lim = neg ? 1ULL << 63 : (1ULL << 63) - 1;
    if (over || v > lim) {
        int n = (int)(i - start);
        return fail_at(e, line, "the whole number %.*s%s is beyond 64 bits (from -2^63 to 2^63-1); "
                                "write a larger value as a real number, e.g. %s1e19",
                       n > 40 ? 40 : n, t + start, n > 40 ? "..." : "", neg ? "-" : "");
    }
    ent_buf_reserve(out, i - start + 1);
    for (size_t k = start; k < i; k++)
        ent_buf_putc(out, t[k]);
    /* libconfig 1.5 keeps an unsuffixed literal (decimal or hex) in 32 bits: above
     * INT_MAX in magnitude (INT_MIN excepted) it needs the 64-bit suffix; in an array,
     * whose elements must share one type, every whole number gets it */
    if (!suffix && (in_array || (neg ? v > (1ULL << 31) : v > 0x7FFFFFFFULL)))
        ent_buf_putc(out, 'L');
    *pi = i;
    return ENT_OK;
}

int sc_text_prepare(const char *t, size_t len, ent_buf *out, sc_text_error *e)
{
    level st[SC_MAX_NESTING + 1];
    int depth = 0, line = 1;
    unsigned long long pairs = 0, values = 0;
    st[0].kind = '{'; /* the root is a group */
    st[0].n = 0;
    e->line = 0;
    e->msg[0] = '\0';
    if (!ent_buf_reserve(out, len + 1))
        return ENT_ENOMEM;
    size_t i = 0;
    while (i < len) {
        char c = t[i];
        if (c == '\n')
            line++;
        if (c == '#' || (c == '/' && i + 1 < len && t[i + 1] == '/')) { /* to the line's end */
            size_t j = i;
            while (j < len && t[j] != '\n')
                j++;
            ent_buf_reserve(out, j - i);
            for (; i < j; i++)
                ent_buf_putc(out, t[i]);
            continue;
        }
        if (c == '/' && i + 1 < len && t[i + 1] == '*') { /* block comment */
            size_t j = i + 2;
            while (j + 1 < len && !(t[j] == '*' && t[j + 1] == '/'))
                j++;
            j = j + 1 < len ? j + 2 : len;
            ent_buf_reserve(out, j - i);
            for (; i < j; i++) {
                line += t[i] == '\n';
                ent_buf_putc(out, t[i]);
            }
            continue;
        }
        if (c == '"') { /* a string, escapes included; like libconfig's, it may span lines */
            size_t j = i + 1;
            while (j < len && t[j] != '"')
                j += t[j] == '\\' && j + 1 < len ? 2 : 1;
            if (j < len && t[j] == '"')
                j++;
            if (j > len)
                j = len;
            ent_buf_reserve(out, j - i);
            for (; i < j; i++) {
                line += t[i] == '\n';
                ent_buf_putc(out, t[i]);
            }
            values++;
            /* libconfig dates a string setting by the token after it (a string may
             * continue with another): a list's last string followed by a newline would
             * get the line of its ')'. The ')', ']' or ',' after it moves up to follow it
             * at once (only blanks and comments lie between), so the line is the string's. */
            int nl = 0;
            size_t k = skip_blank(t, len, i, &nl);
            if (nl && k < len && (t[k] == ')' || t[k] == ']' || t[k] == ',')) {
                ent_buf_putc(out, t[k]);
                if (t[k] != ',' && depth > 0)
                    depth--;
                for (; i < k; i++)
                    ent_buf_putc(out, t[i]);
                line += nl;
                i = k + 1;
            }
        } else if (is_name_start(c)) {
            size_t j = i;
            while (j < len && is_name_char(t[j]))
                j++;
            ent_buf_reserve(out, j - i);
            for (; i < j; i++)
                ent_buf_putc(out, t[i]);
            values++;
        } else if (is_digit(c) ||
                   ((c == '+' || c == '-') && i + 1 < len && is_digit(t[i + 1]))) {
            int rc = number(t, len, &i, out, line, st[depth].kind == '[', e);
            if (rc)
                return rc;
            values++;
        } else {
            if (c == '{' || c == '(' || c == '[') {
                if (depth == SC_MAX_NESTING)
                    return fail_at(e, line, "groups, lists and arrays nested more than %d deep "
                                            "(the nesting limit)", SC_MAX_NESTING);
                st[++depth].kind = c;
                st[depth].n = 0;
                values++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if ((c == '=' || c == ':') && st[depth].kind == '{') {
                /* a setting of this group: libconfig compares its name with the n before */
                pairs += st[depth].n++;
                if (st[depth].n > SC_MAX_GROUP_SETTINGS)
                    return fail_at(e, line, "more than %d settings in one group (the limit per "
                                            "group); use a list for long tables",
                                   SC_MAX_GROUP_SETTINGS);
                if (pairs > SC_MAX_GROUP_PAIRS)
                    return fail_at(e, line, "the groups of this file hold too many settings "
                                            "together: more than %llu comparisons of a "
                                            "setting's name with the earlier ones of its group "
                                            "(the limit; groups of n settings take n(n-1)/2)",
                                   (unsigned long long)SC_MAX_GROUP_PAIRS);
            }
            ent_buf_putc(out, c);
            i++;
        }
        if (values > SC_MAX_VALUES)
            return fail_at(e, line, "more than %d values (names, numbers, strings, groups, "
                                    "lists and arrays; the limit per scenario)", SC_MAX_VALUES);
    }
    if (out->failed)
        return ENT_ENOMEM;
    out->data[out->len] = '\0'; /* (reserved above; an empty text has no byte put) */
    return ENT_OK;
}
